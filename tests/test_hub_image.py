"""The course's hub image: what repo2docker builds from this repository (docs/hub.md).

``repo2docker --no-build`` writes the Dockerfile it would build without needing Docker or the
network; the test reads it: Python 3.11 from ``runtime.txt``, the requirements installed (with
nbgitpuller and the single-user server among them), then ``postBuild``. ``postBuild`` itself is run
against a stand-in Python prefix holding an image's own settings files: it adds the course's
settings as drop-in files of their own and leaves those files as they were.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from support import ROOT

REPO2DOCKER = Path(sys.executable).parent / "repo2docker"
# Every file the course adds to a Jupyter installation, and where it goes below the prefix.
DROP_INS = {
    "etc/jupyter/jupyter_server_config.d/discourse-lab.json": "jupyter-config/jupyter_server_config.d/discourse-lab.json",
    "share/jupyter/lab/settings/overrides.d/discourse-lab.json": "jupyter-config/lab/settings/overrides.d/discourse-lab.json",
}
# What an image may already hold: the course must not write over any of them.
IMAGE_OWN = {
    "etc/jupyter/jupyter_server_config.json": {"ContentsManager": {"pre_save_hook": "image.hook"}},
    "share/jupyter/lab/settings/overrides.json": {
        "@jupyterlab/apputils-extension:themes": {"theme": "JupyterLab Dark"}
    },
}
PIN = re.compile(r"^([A-Za-z0-9_.-]+)==([^\s;#]+)", re.MULTILINE)


def requirement_pins(path: Path) -> dict[str, str]:
    """name -> pinned version of a requirements file, following its ``-r`` includes."""
    text = path.read_text(encoding="utf-8")
    pins = {name.lower().replace("_", "-"): version for name, version in PIN.findall(text)}
    for include in re.findall(r"^-r\s+(\S+)", text, re.MULTILINE):
        pins.update(requirement_pins(path.parent / include))
    return pins


@pytest.fixture(scope="module")
def dockerfile() -> tuple[str, str]:
    if not REPO2DOCKER.is_file():
        pytest.fail(f"{REPO2DOCKER} is missing: jupyter-repo2docker is a pinned requirement (make env)")
    done = subprocess.run(
        [str(REPO2DOCKER), "--no-build", "--target-repo-dir", "/srv/discourse-lab", str(ROOT)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout, done.stderr


def test_repo2docker_installs_python_311_the_requirements_then_post_build(dockerfile):
    text, log = dockerfile
    lines = [line.strip() for line in text.splitlines()]
    # runtime.txt's python-3.11 picks the conda environment of that version (its lock file's escaped name).
    assert "Building conda environment for python=3.11" in log, log
    assert "environment-2epy-2d3-2e11-2dlinux-2d64-2elock" in text
    install = lines.index('RUN ${KERNEL_PYTHON_PREFIX}/bin/pip install --no-cache-dir -r "requirements.txt"')
    assert "COPY --chown=0:0 src/requirements.txt ${REPO_DIR}/requirements.txt" in lines[:install]
    post_build = lines.index("RUN ./postBuild")
    assert post_build > install, "postBuild must run after the requirements are installed"
    # postBuild runs as the notebook user, who owns the environment it writes the drop-ins into.
    users = [line for line in lines[install:post_build] if line.startswith("USER ")]
    assert users[-1] == "USER ${NB_USER}"


def test_the_image_requirements_hold_nbgitpuller_and_the_single_user_server():
    """What repo2docker installs (the top-level requirements.txt and its includes): the hub needs both."""
    pins = requirement_pins(ROOT / "requirements.txt")
    assert "nbgitpuller" in pins and "jupyterhub" in pins, sorted(pins)
    assert pins["jupyterhub"].split(".")[0] == "5", "the Zero to JupyterHub chart runs JupyterHub 5"
    for needed in ("jupyterlab", "jupyterlab-myst", "notebook", "ipywidgets", "anywidget"):
        assert needed in pins, needed


def test_post_build_adds_drop_ins_and_leaves_the_images_own_settings(tmp_path):
    """postBuild, run as repo2docker runs it, with ``python`` standing for the image's environment."""
    prefix, shim = tmp_path / "prefix", tmp_path / "bin"
    shim.mkdir()
    (shim / "python").write_text(f"#!/bin/sh\necho {prefix}\n")
    (shim / "python").chmod(0o755)
    for rel, value in IMAGE_OWN.items():
        (prefix / rel).parent.mkdir(parents=True, exist_ok=True)
        (prefix / rel).write_text(json.dumps(value))
    path = f"{shim}:/usr/bin:/bin"
    done = subprocess.run(["sh", "postBuild"], cwd=ROOT, env={"PATH": path}, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    for rel, value in IMAGE_OWN.items():
        assert json.loads((prefix / rel).read_text()) == value, f"postBuild wrote over the image's {rel}"
    for rel, source in DROP_INS.items():
        assert (prefix / rel).read_bytes() == (ROOT / source).read_bytes(), rel
    written = sorted(str(p.relative_to(prefix)) for p in prefix.rglob("*") if p.is_file())
    assert written == sorted([*IMAGE_OWN, *DROP_INS])


def test_make_env_installs_the_same_drop_ins_only():
    """The Makefile's installs go to the same drop-in paths, each a file of its own in a ``.d`` folder."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = re.findall(r"install -D -m 644 \S+ \$\(VENV\)/(\S+)", makefile)
    assert sorted(targets) == sorted(DROP_INS)
    assert all(Path(t).parent.name.endswith(".d") for t in targets)
