"""What an instructor runs: making assignments, grading them, and the files an LMS reads and writes.

One module per concern: :mod:`.assign` builds an assignment (student notebook, manifest, key) from
a bank; :mod:`.grade` reads submissions as data and writes the gradebook and feedback.
"""
