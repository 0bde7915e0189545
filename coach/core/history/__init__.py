"""Practice history: runs stored with TinyDB in two files in the data folder (``store``),
their export formats (``export``) and progress stats (``stats``).

Importing this package loads neither TinyDB nor Textual (``coach nudge`` must start fast);
TinyDB is imported when a history file is actually read or written.
"""
