"""Discourse Lab: analyse attribution, framing and bias in news reports of diplomacy.

The package is imported by every chapter notebook. Heavy libraries (spaCy, matplotlib) load
lazily, on first use, so that ``import discourse_lab`` stays fast.
"""

__version__ = "0.1.0"
