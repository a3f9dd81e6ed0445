"""Are the chapter notebooks committed clean: valid, without outputs, and free of helper code?"""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "chapters").rglob("*.ipynb"))


def test_there_are_notebooks():
    assert NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_valid_and_has_no_outputs(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    dirty = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and (c.outputs or c.execution_count)]
    assert dirty == [], f"cells with outputs or execution counts: {dirty}"
    assert "widgets" not in nb.metadata, "widget state must not be committed"
    # jupyterlab-myst keeps the values of {eval} roles in each markdown cell's metadata once run.
    evaluated = [i for i, c in enumerate(nb.cells) if c.cell_type == "markdown" and "user_expressions" in c.metadata]
    assert evaluated == [], f"markdown cells with saved {{eval}} results: {evaluated}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_defines_no_helpers(path):
    """Helper code lives in the package: no def, class or lambda assignment in a cell."""
    nb = nbformat.read(path, as_version=4)
    offenders = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        tree = ast.parse(cell.source)
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
                offenders.append(f"cell {index}: {type(node).__name__} at line {node.lineno}")
    assert offenders == []
