# Kernel settings for book builds only (scripts/build_book.py points IPYTHONDIR here).
# The build's kernels talk to the executor over loopback TCP; ipykernel 7 logs a warning about
# unencrypted transport at every start, which -W would turn into a build failure. Errors are
# still logged, and cell errors reach the build through nbclient whatever this level is.
c.IPKernelApp.log_level = "ERROR"  # noqa: F821 (c is provided by traitlets config loading)
# No history database inside the repository.
c.HistoryManager.enabled = False  # noqa: F821
