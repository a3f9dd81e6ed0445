"""The package as users install it: a wheel built from the repository, installed the way a
lesson's set-up cell installs it on Colab, into a fresh virtual environment, runs a lesson from a
folder outside the repository.

The environment starts with only a kernel (ipykernel, nbclient), as Colab's has no discourse_lab.
The lesson's own set-up cell then installs the package; the test gives it the wheel just built in
place of the repository URL, and pins every dependency to requirements.txt (``PIP_CONSTRAINT``) so
the install comes from pip's cache. A last cell reports where the package and its data were read.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv

import nbformat
import pytest

from discourse_lab import settings
from scripts import colab_cell
from support import ROOT

pytestmark = pytest.mark.slow

LESSON = ROOT / "chapters" / "01_source.ipynb"
RUNNER = """
import sys, nbformat, nbclient
path = sys.argv[1]
nb = nbformat.read(path, as_version=4)
nbclient.NotebookClient(nb, timeout=900, kernel_name="python3", resources={"metadata": {"path": sys.argv[2]}}).execute()
nbformat.write(nb, path)
"""
REPORT = (
    "import json, discourse_lab, discourse_lab.paths as paths\n"
    "print(json.dumps({'package': discourse_lab.__file__, 'data': str(paths.DATA_DIR),"
    " 'sources': sorted(p.name for p in paths.SOURCES_DIR.iterdir() if p.is_dir())}))"
)


def run(cmd, **kwargs):
    result = subprocess.run(cmd, capture_output=True, text=True, **kwargs)
    assert result.returncode == 0, f"{cmd[:4]} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


def test_the_wheel_runs_a_lesson_outside_the_repository(tmp_path):
    dist = tmp_path / "dist"
    run([sys.executable, "-m", "build", "--outdir", str(dist), str(ROOT)])
    (wheel,) = dist.glob("discourse_lab-*.whl")

    env_dir = tmp_path / "fresh-env"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    pins = [
        line
        for line in (ROOT / "requirements.txt").read_text().splitlines()
        if line.strip() and not line.startswith(("#", "-"))
    ]
    constraints = tmp_path / "constraints.txt"
    constraints.write_text("\n".join(pins) + "\n")
    home = tmp_path / "home"
    home.mkdir()
    env = {
        "PATH": f"{env_dir / 'bin'}{os.pathsep}{os.environ['PATH']}",
        "HOME": str(home),
        "PIP_CONSTRAINT": str(constraints),
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        settings.STORE_DIR: str(home / "answers"),  # the lesson's answers, in the throwaway home
        "LANG": "C.UTF-8",
    }
    # pip's own settings pass through (none of them is Discourse Lab's: discourse_lab.settings).
    passed = ("PIP_CACHE_DIR", "XDG_CACHE_HOME", "PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL", "PIP_FIND_LINKS")
    env.update({key: value for key, value in os.environ.items() if key in passed})
    # pip's cache lives under the real home unless moved; keep it shared so installs stay quick.
    env.setdefault("PIP_CACHE_DIR", os.path.join(os.path.expanduser("~"), ".cache", "pip"))
    run([str(python), "-m", "pip", "install", "--quiet", "ipykernel", "nbclient"], env=env, cwd=tmp_path)
    missing = subprocess.run([str(python), "-c", "import discourse_lab"], capture_output=True, env=env, cwd=tmp_path)
    assert missing.returncode != 0, "the fresh environment must start without the package, as Colab's does"

    # The lesson, alone in a folder outside the repository, with its set-up cell pointing at the wheel.
    folder = tmp_path / "student"
    folder.mkdir()
    lesson = folder / LESSON.name
    shutil.copyfile(LESSON, lesson)
    nb = nbformat.read(lesson, as_version=4)
    setup = nb.cells[1]
    assert setup.source == colab_cell.cell_source(), "the lesson's set-up cell is stale: run `make colab-cell`"
    target = colab_cell.install_target(colab_cell.repository_url())
    setup.source = setup.source.replace(json.dumps(target), json.dumps(f"discourse_lab @ {wheel.as_uri()}"))
    nb.cells.append(nbformat.v4.new_code_cell(REPORT))
    nbformat.write(nb, lesson)

    run([str(python), "-c", RUNNER, str(lesson), str(folder)], env=env, cwd=folder, timeout=1200)

    executed = nbformat.read(lesson, as_version=4)
    report = json.loads(executed.cells[-1].outputs[-1]["text"])
    site_packages = env_dir / "lib"
    assert report["package"].startswith(str(site_packages)), report
    assert report["data"].startswith(str(site_packages)) and "lavrov-interview-2024" in report["sources"], report
    html = "".join(
        o.get("data", {}).get("text/html", "") for c in executed.cells if c.cell_type == "code" for o in c.outputs
    )
    assert '<figure class="dl-figure"' in html and "p1s1" in html
