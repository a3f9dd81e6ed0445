"""Annotating a source in a notebook, and what comes with it: new sources, agreement between annotators."""
