"""The publishing workflow and the pre-commit hooks: valid as their tools read them, and running
the same checks as `make check` and `make test`.

The workflow is checked against SchemaStore's github-workflow schema, which check-jsonschema ships
(no download). actionlint would also check expressions, but from PyPI it comes only as an sdist
that downloads its binary from GitHub while installing, or as third-party forks' wheels."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from support import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "book.yml"
CHECK_JSONSCHEMA = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent)) or "check-jsonschema"


def check_workflow(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [CHECK_JSONSCHEMA, "--builtin-schema", "vendor.github-workflows", str(path)], capture_output=True, text=True
    )


def test_the_workflow_is_valid():
    result = check_workflow(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_check_catches_a_broken_workflow(tmp_path):
    """The check can fail: a misspelt runner key, and a misspelt step key, are each reported."""
    broken = WORKFLOW.read_text().replace("runs-on: ubuntu-latest", "runs_on: ubuntu-latest", 1)
    path = tmp_path / "book.yml"
    path.write_text(broken)
    result = check_workflow(path)
    assert result.returncode != 0 and "runs_on" in result.stdout
    path.write_text(WORKFLOW.read_text().replace("uses: actions/checkout@", "uzes: actions/checkout@", 1))
    result = check_workflow(path)
    assert result.returncode != 0 and "uzes" in result.stdout


def test_workflow_tests_before_it_publishes():
    jobs = yaml.safe_load(WORKFLOW.read_text())["jobs"]
    commands = [step.get("run", "") for step in jobs["test"]["steps"]]
    assert commands.index("make check") < commands.index("make test CHECKED=1")
    assert jobs["build"]["needs"] == "test" and jobs["deploy"]["needs"] == "build"
    uses = [step.get("uses", "") for job in jobs.values() for step in job["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)


def pytest_selection(*make_args: str) -> list[str]:
    """The ``-m`` expression of each pytest command ``make -n`` prints for these targets ("" for none)."""
    dry = subprocess.run(["make", "-n", *make_args], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    lines = [line for line in dry.splitlines() if " -m pytest" in line]
    return [line.split(' -m "', 1)[1].rsplit('"', 1)[0] if ' -m "' in line else "" for line in lines]


def test_ci_runs_every_test_once():
    """CI (``.ci/run`` and the workflow) runs ``make check`` and then ``make test CHECKED=1``: does the
    second leave out exactly the tests the first ran, while ``make test`` alone runs the whole suite?"""
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert ci.index("make check") < ci.index("make test CHECKED=1")
    (fast,) = pytest_selection("check")
    assert fast == "not book and not browser and not live and not slow"
    assert pytest_selection("test", "CHECKED=1") == [f"not ({fast})"]
    assert pytest_selection("test") == [""]


def test_pre_commit_runs_the_checks_of_make_check():
    config = ROOT / ".pre-commit-config.yaml"
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-config", str(config)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    hooks = {h["id"]: h["entry"] for repo in yaml.safe_load(config.read_text())["repos"] for h in repo["hooks"]}
    makefile = (ROOT / "Makefile").read_text()
    fast = next(line.split(":=", 1)[1].strip() for line in makefile.splitlines() if line.startswith("FAST"))
    assert f'-m "{fast}"' in hooks["unit-tests"]
    assert hooks["ruff-lint"].startswith(".venv/bin/ruff check") and hooks["ruff-format"].startswith(
        ".venv/bin/ruff format --check"
    )
