"""The publishing workflow and the pre-commit hooks: valid as their tools read them, and running
the same checks as `make check` and `make test`."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from support import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "book.yml"
ACTIONLINT = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or "actionlint"


def actionlint(*paths: Path, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([ACTIONLINT, "-no-color", *map(str, paths)], capture_output=True, text=True, cwd=cwd)


def test_actionlint_passes_the_workflow():
    result = actionlint(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path):
    """The check can fail: an unknown runner key and an undefined step output are reported."""
    broken = WORKFLOW.read_text().replace("runs-on: ubuntu-latest", "runs_on: ubuntu-latest", 1)
    broken = broken.replace("steps.deployment.outputs.page_url", "steps.nowhere.outputs.page_url")
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    path = tmp_path / ".github" / "workflows" / "book.yml"
    path.write_text(broken)
    result = actionlint(path, cwd=tmp_path)
    assert result.returncode != 0 and "runs_on" in result.stdout and "nowhere" in result.stdout


def test_workflow_tests_before_it_publishes():
    jobs = yaml.safe_load(WORKFLOW.read_text())["jobs"]
    commands = [step.get("run", "") for step in jobs["test"]["steps"]]
    assert "make check" in commands and "make test" in commands
    assert jobs["build"]["needs"] == "test" and jobs["deploy"]["needs"] == "build"
    uses = [step.get("uses", "") for job in jobs.values() for step in job["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)


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
