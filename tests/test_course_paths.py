"""The instructor's tools moved into discourse_lab.course; the old import paths work for one release."""

import importlib
import sys

import pytest

from discourse_lab.course import assign, grade


@pytest.mark.parametrize("name, module", [("assign", assign), ("grade", grade)])
def test_old_import_path_is_the_same_module(name, module):
    sys.modules.pop(f"discourse_lab.{name}", None)
    with pytest.warns(DeprecationWarning, match=f"discourse_lab.course.{name}"):
        old = importlib.import_module(f"discourse_lab.{name}")
    assert old is module
