"""The exercise runner: one screen per run, one widget per step type."""
