"""The course's data, installed as the package ``discourse_lab.data`` (see ``discourse_lab/paths.py``)."""
