"""coach: guided exercises for secure attachment, in the terminal."""

__version__ = "0.1.0"
