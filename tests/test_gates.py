"""The maintainer's gates: are they in force, and would each one fail on what it is meant to catch?

- Environment variables: only ``discourse_lab/settings.py`` reads Discourse Lab's, and every one
  named anywhere in the tree is in its table (a variable set by a test and read by nothing fails).
- Complexity: ruff's C901 is on for the whole tree, with only the exceptions pyproject lists.
- Types: mypy is configured in pyproject over the package, scripts and benchmarks with no module's
  errors ignored, run by ``make check``, and catches a planted error (in an unannotated function too).
- YAML: no configuration file sets a key twice (PyYAML would keep the last one silently).
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from discourse_lab import settings
from support import ROOT

CODE_DIRS = ("discourse_lab", "scripts", "benchmarks", "tests")
OURS = re.compile(r"\bDISCOURSE_LAB_[A-Z0-9_]*[A-Z0-9]\b")
BIN = Path(sys.executable).parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def python_files() -> list[Path]:
    return sorted(p for d in CODE_DIRS for p in (ROOT / d).rglob("*.py") if ".venv" not in p.parts)


# ------------------------------------------------------------------ environment variables


def _is_environ(node: ast.AST) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "environ" and getattr(node.value, "id", None) == "os"


def _ours(key: ast.AST | None) -> bool:
    """A key that is, or may be, one of Discourse Lab's variables (a name computed at run time may be)."""
    if isinstance(key, ast.Constant) and isinstance(key.value, str):
        return key.value in settings.VARIABLES or key.value.startswith("DISCOURSE_LAB_")
    return True


def environment_reads(source: str) -> list[int]:
    """Lines that read one of Discourse Lab's variables: ``os.environ.get(k)``, ``os.getenv(k)``,
    ``os.environ[k]`` (not as an assignment target) and ``k in os.environ``. Copying the whole
    environment for a child process (``dict(os.environ, …)``) reads no variable of ours."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            getter = node.func.attr == "get" and _is_environ(node.func.value)
            getenv = node.func.attr == "getenv" and getattr(node.func.value, "id", None) == "os"
            if (getter or getenv) and _ours(node.args[0] if node.args else None):
                lines.append(node.lineno)
        elif isinstance(node, ast.Subscript) and _is_environ(node.value) and isinstance(node.ctx, ast.Load):
            if _ours(node.slice):
                lines.append(node.lineno)
        elif isinstance(node, ast.Compare) and any(_is_environ(c) for c in node.comparators):
            if any(isinstance(op, (ast.In, ast.NotIn)) for op in node.ops) and _ours(node.left):
                lines.append(node.lineno)
    return lines


def test_the_read_detector_sees_every_form():
    """Would the gate below notice each way of reading a variable, and leave copies alone?"""
    reads = (
        'os.environ.get("DISCOURSE_LAB_STATIC")\nos.getenv("SOURCE_DATE_EPOCH")\n'
        'os.environ["DISCOURSE_LAB_X"]\n"DISCOURSE_LAB_CHROMIUM" in os.environ\nos.environ.get(name)\n'
    )
    assert environment_reads(reads) == [1, 2, 3, 4, 5]
    copies = 'env = dict(os.environ, DISCOURSE_LAB_STATIC="1")\nos.environ["X"] = "1"\nos.environ.get("PATH")\n'
    assert environment_reads(copies) == []


def test_only_settings_reads_discourse_labs_environment_variables():
    found = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in python_files()
        if path != ROOT / "discourse_lab" / "settings.py"
        for line in environment_reads(path.read_text(encoding="utf-8"))
    ]
    assert found == [], "read these through discourse_lab.settings"


def test_every_variable_named_in_the_tree_is_in_the_settings_table():
    """A name that is set or documented but read by nothing (DISCOURSE_LAB_STORE was) fails here."""
    pages = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", ROOT / "Makefile", ROOT / ".github/workflows/book.yml"]
    pages += sorted((ROOT / "docs").glob("*.md")) + sorted((ROOT / "chapters").glob("*.*"))
    unknown = {
        f"{path.relative_to(ROOT)}: {name}"
        for path in python_files() + pages
        if path != Path(__file__).resolve()  # the names planted in this file's own checks
        for name in OURS.findall(path.read_text(encoding="utf-8", errors="replace"))
        if name not in settings.VARIABLES
    }
    assert unknown == set()


def table_variables(text: str) -> list[str]:
    return re.findall(r"^\| `([A-Z_]+)` \|", text, re.M)


def test_the_table_in_settings_and_contributing_lists_every_variable():
    assert table_variables(settings.__doc__ or "") == list(settings.VARIABLES)
    assert table_variables((ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")) == list(settings.VARIABLES)


def test_settings_read_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv(settings.STORE_DIR, str(tmp_path))
    monkeypatch.setenv(settings.STATIC, "1")
    monkeypatch.setenv(settings.SOURCE_DATE_EPOCH, "1700000000")
    assert settings.store_dir() == tmp_path and settings.static_build() and settings.source_date_epoch() == 1700000000
    monkeypatch.setenv(settings.STORE_DIR, "")  # empty counts as unset
    monkeypatch.delenv(settings.STATIC)
    assert settings.store_dir() == Path.home() / ".discourse_lab" and not settings.static_build()
    monkeypatch.setenv(settings.SOURCE_DATE_EPOCH, "yesterday")
    with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH='yesterday'"):
        settings.source_date_epoch()


def test_override_puts_the_environment_back(monkeypatch):
    monkeypatch.setenv(settings.EDITION, "student")
    monkeypatch.delenv(settings.CHECK_SALT, raising=False)
    with settings.override({settings.EDITION: None, settings.CHECK_SALT: "pepper"}):
        assert settings.edition() is None and settings.check_salt() == "pepper"
    assert settings.edition() == "student" and settings.check_salt() is None


# ------------------------------------------------------------------ YAML configuration


class _UniqueKeyLoader(yaml.SafeLoader):
    pass


def _unique_mapping(loader, node, deep=False):
    keys = [loader.construct_object(k, deep=deep) for k, _ in node.value]
    twice = sorted({str(k) for k in keys if keys.count(k) > 1})
    if twice:
        raise yaml.constructor.ConstructorError(None, None, f"key set twice: {', '.join(twice)}", node.start_mark)
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _unique_mapping)


def test_the_duplicate_key_check_finds_one():
    with pytest.raises(yaml.constructor.ConstructorError, match="nb_merge_streams"):
        yaml.load("config:\n  nb_merge_streams: true\n  nb_merge_streams: true\n", Loader=_UniqueKeyLoader)


@pytest.mark.parametrize("name", ["_config.yml", "_toc.yml", ".github/workflows/book.yml", ".pre-commit-config.yaml"])
def test_no_configuration_file_sets_a_key_twice(name):
    yaml.load((ROOT / name).read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)


# ------------------------------------------------------------------ complexity


def test_ruff_refuses_a_function_over_the_complexity_limit(tmp_path):
    """The project's own ruff settings, run on a new file of the package with 13 branches."""
    assert PYPROJECT["tool"]["ruff"]["lint"]["mccabe"]["max-complexity"] == 12
    branches = "".join(f"    if x == {i}:\n        return {i}\n" for i in range(13))
    sample = ROOT / "discourse_lab" / "_gate_sample_too_complex.py"
    sample.write_text(f"def f(x):\n{branches}    return -1\n", encoding="utf-8")
    try:
        run = subprocess.run(
            [str(BIN / "ruff"), "check", "--no-cache", str(sample.relative_to(ROOT))],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
    finally:
        sample.unlink()
    assert run.returncode == 1 and "C901" in run.stdout, run.stdout + run.stderr


def test_every_complexity_exception_is_justified_and_needed():
    """Each file exempt from C901 has a comment above it, and still holds a function over 12."""
    ignores = PYPROJECT["tool"]["ruff"]["lint"]["per-file-ignores"]
    exempt = [name for name, rules in ignores.items() if "C901" in rules]
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    for name in exempt:
        line = text.index(f'"{name}" = ')
        assert text[:line].rstrip().splitlines()[-1].lstrip().startswith(("#", '"')), name
        run = subprocess.run(
            [str(BIN / "ruff"), "check", "--no-cache", "--select", "C901", "--per-file-ignores", f"{name}:E9", name],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        assert "C901" in run.stdout or not (ROOT / name).exists(), f"{name} no longer needs its exception"


# ------------------------------------------------------------------ types


# A config file run with a `c` that traitlets provides, not a module (pyproject.toml says so too).
NOT_MODULES = ["scripts/ipython/profile_default/ipython_kernel_config.py"]


def repository_python_files() -> list[str]:
    """Every .py file of the repository, relative to it (not the environment, builds or caches)."""
    return sorted(
        p.relative_to(ROOT).as_posix()
        for p in ROOT.rglob("*.py")
        if not any(part.startswith(".") or part == "_build" for part in p.relative_to(ROOT).parts)
    )


def test_make_check_type_checks_every_python_module():
    """Does mypy's ``files`` take in every Python file of the tree (tests included), leaving out only
    the IPython profile, with no module's errors ignored?"""
    assert "$(BIN)/mypy" in (ROOT / "Makefile").read_text(encoding="utf-8")
    mypy = PYPROJECT["tool"]["mypy"]
    excluded = [re.compile(pattern) for pattern in mypy.get("exclude", [])]
    left_out = [
        name
        for name in repository_python_files()
        if not any(name == root or name.startswith(root.rstrip("/") + "/") for root in mypy["files"])
        or any(pattern.search(name) for pattern in excluded)
    ]
    assert left_out == NOT_MODULES
    assert mypy["check_untyped_defs"] is True
    ignored = [o["module"] for o in mypy.get("overrides", []) if o.get("ignore_errors")]
    assert not ignored, f"modules whose type errors are ignored: {ignored}"


def test_mypy_refuses_a_planted_type_error(tmp_path):
    """The project's own mypy settings, run as ``make check`` runs them, on a new module of the package
    and a new test helper: each returns a str as an int, and assigns one to an int in a function without
    annotations (checked too: check_untyped_defs). mypy runs on a copy of the project's cache, so it
    is quick after ``make check``'s own run and leaves that cache as it was."""
    import shutil

    cache = tmp_path / "mypy_cache"
    if (ROOT / ".mypy_cache").is_dir():
        shutil.copytree(ROOT / ".mypy_cache", cache)
    code = 'def count() -> int:\n    return "three"\n\n\ndef untyped():\n    n: int = "three"\n    return n\n'
    samples = [ROOT / "discourse_lab" / "_gate_sample_type_error.py", ROOT / "tests" / "_gate_sample_test_helper.py"]
    try:
        for sample in samples:
            sample.write_text(code, encoding="utf-8")
        run = subprocess.run([str(BIN / "mypy"), "--cache-dir", str(cache)], cwd=ROOT, capture_output=True, text=True)
    finally:
        for sample in samples:
            sample.unlink(missing_ok=True)
    assert run.returncode == 1, run.stdout + run.stderr
    for sample in samples:
        name = sample.relative_to(ROOT).as_posix()
        assert f"{name}:2" in run.stdout and f"{name}:6" in run.stdout, run.stdout
