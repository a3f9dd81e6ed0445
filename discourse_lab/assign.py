"""Old import path of :mod:`discourse_lab.course.assign`, kept for one release (removed after 0.2).

Importing it gives the very same module object, so ``discourse_lab.assign.X`` and
``discourse_lab.course.assign.X`` never disagree; a DeprecationWarning names the new path.
"""

import sys
import warnings

from .course import assign as _module

warnings.warn(
    "discourse_lab.assign moved to discourse_lab.course.assign; the old path goes in the next release",
    DeprecationWarning,
    stacklevel=2,
)
sys.modules[__name__] = _module
