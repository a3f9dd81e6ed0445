"""Old import path of :mod:`discourse_lab.course.grade`, kept for one release (removed after 0.2).

Importing it gives the very same module object, so ``discourse_lab.grade.X`` and
``discourse_lab.course.grade.X`` never disagree; a DeprecationWarning names the new path.
"""

import sys
import warnings

from .course import grade as _module

warnings.warn(
    "discourse_lab.grade moved to discourse_lab.course.grade; the old path goes in the next release",
    DeprecationWarning,
    stacklevel=2,
)
sys.modules[__name__] = _module
