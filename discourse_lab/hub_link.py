"""nbgitpuller links: one click pulls a repository into a student's hub home and opens a file there.

A link is ``<hub>/hub/user-redirect/git-pull?repo=…&urlpath=…&branch=…`` (nbgitpuller's format, the
one its link generator and the book's JupyterHub button write). nbgitpuller clones ``repo`` into the
folder ``targetpath`` of the user's home (by default the last part of the repository's address),
or merges new commits into it, then redirects to ``urlpath``: ``lab/tree/<folder>/<path>`` opens a
file or folder in JupyterLab, ``tree/<folder>/<path>`` in Notebook 7.

Three kinds of link (``discourse-lab hub-link``, docs/hub.md):

- a lesson of this course: ``chapters/<lesson>.ipynb`` of the course's repository;
- the whole course: its ``chapters/`` folder;
- an assignment folder (or file) in another repository, e.g. a private one per class.

The hub, the course's repository and its branch come from ``_config.yml``
(``launch_buttons.jupyterhub_url``, ``repository.url``, ``repository.branch``), so the links agree
with the book's own buttons; each can be given instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlencode, urlsplit

import yaml

from .errors import DataFileError, DiscourseLabError

# What the link opens the file in: the JupyterLab or Notebook 7 prefix of nbgitpuller's urlpath.
INTERFACES = {"lab": "lab/tree", "notebook": "tree"}
# _config.yml's launch_buttons.notebook_interface -> our interface name (sphinx-book-theme's values).
CONFIG_INTERFACE = {"jupyterlab": "lab", "classic": "notebook"}
# Addresses git clone takes and nbgitpuller passes on to it: a URL, or scp-like user@host:path.
REPO_SCHEMES = ("https", "http", "ssh", "git", "file")
SCP_LIKE = re.compile(r"^[\w.-]+@[\w.-]+:[^\s]+$")
# A branch name git would accept (git check-ref-format, the parts a link can get wrong).
BAD_BRANCH = re.compile(r"(^[-/.])|(\.\.)|([\s~^:?*\[\\])|(@\{)|(/$)|(\.lock$)|(\.$)")


@dataclass(frozen=True)
class Course:
    """What the course's ``_config.yml`` says about where the course lives."""

    root: Path
    hub: str | None
    repo: str | None
    branch: str | None
    interface: str


def load_course(config: Path) -> Course:
    """Read the hub, repository, branch and notebook interface from the book's ``_config.yml``."""
    try:
        data = yaml.safe_load(config.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataFileError(config, "no such file (run in the course's repository or pass --config)") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise DataFileError(config, f"cannot read it as YAML ({type(exc).__name__})") from None
    if not isinstance(data, dict):
        raise DataFileError(config, "is not a YAML mapping")
    buttons = data.get("launch_buttons") or {}
    repository = data.get("repository") or {}
    if not isinstance(buttons, dict) or not isinstance(repository, dict):
        raise DataFileError(config, "launch_buttons and repository must be mappings")
    interface = CONFIG_INTERFACE.get(str(buttons.get("notebook_interface", "jupyterlab")), "lab")
    return Course(
        root=config.resolve().parent,
        hub=buttons.get("jupyterhub_url") or None,
        repo=repository.get("url") or None,
        branch=repository.get("branch") or None,
        interface=interface,
    )


def check_hub(hub: str | None) -> str:
    """The hub's base address, without a trailing slash; one-line error when it is not an http(s) URL."""
    if not hub:
        raise DiscourseLabError(
            "no hub address: pass --hub https://hub.example.edu or set launch_buttons.jupyterhub_url in _config.yml"
        )
    parts = urlsplit(hub)
    if parts.scheme not in ("https", "http") or not parts.hostname or parts.query or parts.fragment:
        raise DiscourseLabError(f"hub address {hub!r} is not an http(s) URL like https://hub.example.edu")
    return hub.rstrip("/")


def check_repo(repo: str | None) -> str:
    """A repository address git clone takes; one-line error otherwise."""
    if not repo:
        raise DiscourseLabError("no repository: pass --repo URL or set repository.url in _config.yml")
    repo = repo.rstrip("/")
    parts = urlsplit(repo)
    if SCP_LIKE.match(repo) or (parts.scheme in REPO_SCHEMES and (parts.hostname or parts.scheme == "file")):
        if folder_name(repo) in ("", ".", ".."):
            raise DiscourseLabError(f"repository {repo!r} has no name to clone it as (pass --target)")
        return repo
    raise DiscourseLabError(f"repository {repo!r} is not a git URL (https://…, ssh://…, git@host:path or file://…)")


def check_branch(branch: str | None) -> str | None:
    if branch is not None and (branch == "" or BAD_BRANCH.search(branch)):
        raise DiscourseLabError(f"branch {branch!r} is not a valid git branch name")
    return branch


def relative_path(path: str, what: str) -> str:
    """A path inside the repository, in POSIX form, that cannot climb out of it."""
    pure = PurePosixPath(path.replace("\\", "/"))
    if path.strip() == "" or pure.is_absolute() or ".." in pure.parts or "?" in path or "#" in path:
        raise DiscourseLabError(f"{what} {path!r} must be a relative path inside the repository, without '..'")
    return "" if str(pure) == "." else str(pure)


def folder_name(repo: str) -> str:
    """The folder nbgitpuller clones into when the link names no targetpath (its own default)."""
    return repo.rstrip("/").split("/")[-1].split(":")[-1]


def link(
    hub: str | None,
    repo: str | None,
    path: str = "",
    branch: str | None = None,
    target: str | None = None,
    interface: str = "lab",
) -> str:
    """The nbgitpuller link that pulls ``repo`` (at ``branch``) and opens ``path`` inside it.

    ``hub`` and ``repo`` may be None (not configured): the one-line error then says where to set them.
    """
    hub, repo, branch = check_hub(hub), check_repo(repo), check_branch(branch)
    if interface not in INTERFACES:
        raise DiscourseLabError(f"interface {interface!r} is not one of {', '.join(INTERFACES)}")
    folder = relative_path(target, "target folder") if target is not None else folder_name(repo)
    if folder == "":
        raise DiscourseLabError("the target folder must name a folder, not the home itself")
    inside = relative_path(path, "path") if path else ""
    params = {"repo": repo, "urlpath": "/".join(p for p in (INTERFACES[interface], folder, inside) if p)}
    if branch:
        params["branch"] = branch
    if target is not None:
        params["targetpath"] = folder
    # safe="/": the same spelling as the book's button (sphinx-book-theme) and nbgitpuller's generator.
    return f"{hub}/hub/user-redirect/git-pull?{urlencode(params, safe='/')}"


def lessons(root: Path) -> list[Path]:
    """The course's notebooks under ``chapters/``, by name."""
    return sorted((root / "chapters").glob("*.ipynb"))


def find_lesson(root: Path, name: str) -> str:
    """``chapters/<file>.ipynb`` for a lesson given as its number (2, 02), file name or path."""
    found = lessons(root)
    if not found:
        raise DiscourseLabError(f"no lessons in {root / 'chapters'} (run in the course's repository or pass --config)")
    wanted = PurePosixPath(name.replace("\\", "/")).name
    for path in found:
        number = path.stem.split("_", 1)[0]
        if wanted in (path.name, path.stem) or (wanted.isdigit() and number.isdigit() and int(wanted) == int(number)):
            return f"chapters/{path.name}"
    names = ", ".join(p.stem for p in found)
    raise DiscourseLabError(f"no lesson {name!r} in {root / 'chapters'} (lessons: {names})")


def default_config() -> Path:
    """``_config.yml`` of the working directory, else of the repository an editable install runs from."""
    here = Path.cwd() / "_config.yml"
    if here.is_file():
        return here
    beside = Path(__file__).resolve().parent.parent / "_config.yml"
    return beside if beside.is_file() else here


def course_links(
    names: list[str],
    *,
    whole_course: bool = False,
    path: str | None = None,
    config: Path | None = None,
    hub: str | None = None,
    repo: str | None = None,
    branch: str | None = None,
    target: str | None = None,
    interface: str | None = None,
) -> list[tuple[str, str]]:
    """(what it opens, link) for each lesson named, the whole course, or a path in a repository.

    Whatever is not given comes from the course's ``_config.yml``; an assignment in another
    repository (``repo`` and ``path``) takes no branch from it (the repository's default is pulled).
    """
    if sum([bool(names), whole_course, path is not None]) != 1:
        raise DiscourseLabError("give lessons, --course, or --path (one of them)")
    other_repo = repo is not None and path is not None
    config = config or default_config()
    # A path in another repository on a named hub needs no course at all.
    course = None if other_repo and hub and not config.is_file() else load_course(config)
    hub = hub or (course.hub if course else None)
    interface = interface or (course.interface if course else "lab")
    if other_repo:
        repo_url = repo
    else:
        repo_url = repo or (course.repo if course else None)
        branch = branch or (course.branch if course else None)
    if path is not None:
        return [(path, link(hub, repo_url, path, branch, target, interface))]
    if whole_course:
        return [("chapters/", link(hub, repo_url, "chapters", branch, target, interface))]
    if course is None:  # unreachable: only a path in another repository skips the course
        raise DiscourseLabError("lessons need the course's _config.yml (pass --config)")
    wanted = [find_lesson(course.root, name) for name in names]
    return [(lesson, link(hub, repo_url, lesson, branch, target, interface)) for lesson in wanted]
