"""Performance scripts, run from the repository root as ``python -m benchmarks.<name>`` (not timed tests)."""
