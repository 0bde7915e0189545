"""Command-line subcommands. Each module registers its own; none imports Textual at import."""
