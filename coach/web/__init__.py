"""``coach serve``: the app in a browser tab, through textual-serve (the ``web`` extra)."""
