"""Practice history: runs stored in a TinyDB file in the data folder, plus progress stats.

Importing this package loads neither TinyDB nor Textual (``coach nudge`` must start fast);
TinyDB is imported only when something is written.
"""
