"""Build helpers, importable as ``scripts.<name>`` from the repository root (``python -m scripts.<name>``)."""
