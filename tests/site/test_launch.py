"""Launch and download: each notebook page offers its .ipynb and launch buttons for Binder, the
course JupyterHub and Colab, and the repository follows repo2docker's conventions (Binder and
an existing JupyterHub build the environment from requirements.txt and runtime.txt)."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
from pathlib import Path

import nbformat
import yaml
from bs4 import BeautifulSoup

from discourse_lab import hub_link
from support import ROOT, toc_files

CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))


def is_valid_notebook(path: Path) -> bool:
    """True for a notebook that nbformat's schema accepts (``nbformat.validate`` raises on any other)."""
    nbformat.validate(nbformat.read(path, as_version=4))
    return True


def notebooks() -> list[str]:
    return [name for name in toc_files() if (ROOT / f"{name}.ipynb").is_file()]


def test_launch_services_are_configured():
    """Are Binder and Colab given an https address, the JupyterHub one or none (a class sets its own
    hub, docs/hub.md), and the repository a GitHub URL (Colab and Binder open notebooks from GitHub)?"""
    launch = CONFIG["launch_buttons"]
    for key in ("binderhub_url", "colab_url"):
        assert re.fullmatch(r"https://[a-z0-9.-]+\.[a-z]{2,}/?", launch[key]), key
    assert launch["jupyterhub_url"] == "" or re.fullmatch(r"https?://[\w.:-]+(/[\w./-]*)?", launch["jupyterhub_url"])
    assert re.fullmatch(r"https://github\.com/[\w.-]+/[\w.-]+", CONFIG["repository"]["url"])


def test_every_notebook_page_offers_download_and_launch_buttons(built_book):
    """Does each notebook page link its .ipynb (a valid notebook in the site) and launch it on
    Binder, the JupyterHub (through nbgitpuller) and Colab, all pointing at this notebook?"""
    assert notebooks(), "no notebook in the table of contents"
    repo = CONFIG["repository"]["url"]
    owner_repo = repo.removeprefix("https://github.com/")
    branch = CONFIG["repository"].get("branch", "main")
    launch = CONFIG["launch_buttons"]
    missing = {}
    for name in notebooks():
        page = built_book / f"{name}.html"
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        hrefs = {a["href"] for a in soup.select(".article-header-buttons a[href]")}
        wanted = {
            "download": lambda h, name=name, page=page: (
                h.endswith(f"_sources/{name}.ipynb") and is_valid_notebook(page.parent / h)
            ),
            "binder": lambda h, name=name, page=page: (
                h.startswith(launch["binderhub_url"].rstrip("/") + f"/v2/gh/{owner_repo}/{branch}")
                and f"{name}.ipynb" in h
            ),
            # The button's link is the one `discourse-lab hub-link` prints for the lesson (docs/hub.md).
            "jupyterhub": lambda h, name=name, page=page: (
                h == hub_link.course_links([f"{name}.ipynb"], config=ROOT / "_config.yml")[0][1]
            ),
            "colab": lambda h, name=name, page=page: (
                h == launch["colab_url"].rstrip("/") + f"/github/{owner_repo}/blob/{branch}/{name}.ipynb"
            ),
        }
        if not launch["jupyterhub_url"]:  # no class hub set: no button, which would lead nowhere
            assert not any("/hub/user-redirect/git-pull" in h for h in hrefs), f"{name}: a JupyterHub button to no hub"
            del wanted["jupyterhub"]
        absent = [button for button, ok in wanted.items() if not any(ok(h) for h in hrefs)]
        if absent:
            missing[name] = absent
    assert missing == {}


def test_repository_follows_repo2docker_conventions():
    """Would repo2docker (Binder, or a hub image built with it) pick the right Python and install
    everything: runtime.txt naming the Python that pyproject.toml requires, requirements.txt at
    the top installing this package, and no environment file that would take precedence?"""
    import tomllib

    runtime = (ROOT / "runtime.txt").read_text(encoding="utf-8").strip()
    version = re.fullmatch(r"python-(\d+\.\d+)", runtime)
    assert version, runtime
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    assert requires == f">={version.group(1)}", (runtime, requires)
    requirements = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert "-e ." in requirements
    # repo2docker uses environment.yml / Pipfile / setup.py instead of requirements.txt if present.
    for other in ("environment.yml", "Pipfile", "setup.py", "binder", ".binder"):
        assert not (ROOT / other).exists(), other


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def installed_by_requirements() -> set[str]:
    """The distributions requirements.txt installs: those it names (and ``-e .``, this package)
    plus, transitively, what they require (extras and other platforms' markers aside)."""
    todo = ["discourse-lab"] + [
        re.split(r"[=<>~\[ ;]", line, maxsplit=1)[0]
        for line in (ROOT / "requirements.txt").read_text().splitlines()
        if line.strip() and not line.startswith(("#", "-"))
    ]
    seen: set[str] = set()
    while todo:
        name = normalise(todo.pop())
        if name in seen:
            continue
        seen.add(name)
        try:
            requires = importlib.metadata.requires(name) or []
        except importlib.metadata.PackageNotFoundError:
            continue
        for requirement in requires:
            spec, _, marker = requirement.partition(";")
            if "extra" not in marker:
                todo.append(re.split(r"[=<>~!\[ (]", spec.strip(), maxsplit=1)[0])
    return seen


def test_notebooks_import_only_what_requirements_install():
    """Is every module a notebook imports from the standard library or from a distribution that
    requirements.txt installs, so a Binder/JupyterHub image built from it runs the notebooks?"""
    pinned = installed_by_requirements()
    providers = importlib.metadata.packages_distributions()
    unmet: dict[str, list[str]] = {}
    for name in notebooks():
        nb = nbformat.read(ROOT / f"{name}.ipynb", as_version=4)
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            for node in ast.walk(ast.parse(cell.source)):
                modules = (
                    [a.name for a in node.names]
                    if isinstance(node, ast.Import)
                    else ([node.module] if isinstance(node, ast.ImportFrom) and node.module else [])
                )
                for module in modules:
                    top = module.split(".")[0]
                    dists = {normalise(d) for d in providers.get(top, [])}
                    if top not in sys.stdlib_module_names and not dists & pinned:
                        unmet.setdefault(name, []).append(module)
    assert unmet == {}
