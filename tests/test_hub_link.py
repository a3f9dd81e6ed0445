"""`discourse-lab hub-link`: nbgitpuller links for a lesson, the course, or another repository's folder.

The expected links are written out by hand from nbgitpuller's documented format
(``/hub/user-redirect/git-pull?repo=…&urlpath=…&branch=…``, https://nbgitpuller.readthedocs.io),
in the order and spelling sphinx-book-theme's JupyterHub button uses. That a link really opens the
file on a hub is shown by ``tests/live/test_hub.py``.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from discourse_lab import cli, hub_link
from discourse_lab.errors import DiscourseLabError

HUB = "https://hub.example.edu"
REPO = "https://github.com/discourse-lab/discourse-lab"


@pytest.fixture
def course(tmp_path):
    """A course folder as the repository has it: _config.yml and three notebooks under chapters/."""
    (tmp_path / "chapters").mkdir()
    for name in ("01_source", "02_who_speaks", "instructor_guide"):
        (tmp_path / "chapters" / f"{name}.ipynb").write_text("{}", encoding="utf-8")
    config = {
        "repository": {"url": REPO, "branch": "main"},
        "launch_buttons": {"notebook_interface": "jupyterlab", "jupyterhub_url": HUB + "/"},
    }
    (tmp_path / "_config.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return tmp_path / "_config.yml"


def run(capsys, *argv):
    status = cli.main(["hub-link", *map(str, argv)])
    out, err = capsys.readouterr()
    return status, out, err


def test_a_lesson_by_number_name_or_path(course):
    expected = (
        "https://hub.example.edu/hub/user-redirect/git-pull?repo=https%3A//github.com/discourse-lab/discourse-lab"
        "&urlpath=lab/tree/discourse-lab/chapters/02_who_speaks.ipynb&branch=main"
    )
    for name in ("2", "02", "02_who_speaks", "02_who_speaks.ipynb", "chapters/02_who_speaks.ipynb"):
        assert hub_link.course_links([name], config=course) == [("chapters/02_who_speaks.ipynb", expected)]


def test_the_whole_course_and_notebook_7(course):
    [(what, url)] = hub_link.course_links([], whole_course=True, config=course, interface="notebook")
    query = parse_qs(urlsplit(url).query)
    assert what == "chapters/"
    assert query == {"repo": [REPO], "urlpath": ["tree/discourse-lab/chapters"], "branch": ["main"]}


def test_an_assignment_in_another_repository_takes_no_branch_from_the_course(course):
    [(_, url)] = hub_link.course_links(
        [], path="week-05/", repo="git@github.com:uni/class-2027.git", config=course, target="class"
    )
    query = parse_qs(urlsplit(url).query)
    assert url.startswith(HUB + "/hub/user-redirect/git-pull?")
    assert query == {
        "repo": ["git@github.com:uni/class-2027.git"],
        "urlpath": ["lab/tree/class/week-05"],
        "targetpath": ["class"],
    }


def test_an_assignment_on_a_named_hub_needs_no_course(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    [(_, url)] = hub_link.course_links(
        [],
        path="hw1.ipynb",
        repo="https://gitlab.example.edu/t/hw",
        hub="http://127.0.0.1:8000",
        config=tmp_path / "none.yml",
    )
    assert (
        url
        == "http://127.0.0.1:8000/hub/user-redirect/git-pull?repo=https%3A//gitlab.example.edu/t/hw&urlpath=lab/tree/hw/hw1.ipynb"
    )


def test_cli_prints_one_link_alone_and_several_with_their_lesson(course, capsys):
    status, out, err = run(capsys, "2", "--config", course)
    assert (status, err) == (0, "") and out.count("\n") == 1 and out.startswith(HUB + "/hub/")
    status, out, _ = run(capsys, "1", "2", "--config", course, "--hub", "https://other.example.org")
    lines = out.splitlines()
    assert status == 0 and [line.split("\t")[0] for line in lines] == [
        "chapters/01_source.ipynb",
        "chapters/02_who_speaks.ipynb",
    ]
    assert all(
        line.split("\t")[1].startswith("https://other.example.org/hub/user-redirect/git-pull?") for line in lines
    )


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["9"], "no lesson '9'"),
        (["2", "--hub", "hub.example.edu"], "is not an http(s) URL"),
        (["2", "--repo", "not a repo"], "is not a git URL"),
        (["2", "--branch", "bad..name"], "is not a valid git branch name"),
        (["--path", "../secret", "--repo", REPO], "must be a relative path inside the repository"),
        (["2", "--course"], "give lessons, --course, or --path (one of them)"),
        ([], "give lessons, --course, or --path (one of them)"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(course, capsys, argv, message):
    status, out, err = run(capsys, *argv, "--config", course)
    assert status == 2 and out == ""
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_no_hub_anywhere_says_where_to_set_one(course, capsys):
    config = yaml.safe_load(course.read_text(encoding="utf-8"))
    config["launch_buttons"]["jupyterhub_url"] = ""
    course.write_text(yaml.safe_dump(config), encoding="utf-8")
    status, _, err = run(capsys, "2", "--config", course)
    assert status == 2 and "pass --hub" in err and "jupyterhub_url" in err


def test_a_missing_config_names_the_file(tmp_path, capsys):
    status, _, err = run(capsys, "2", "--config", tmp_path / "_config.yml")
    assert status == 2 and "_config.yml" in err and "no such file" in err


def test_link_refuses_a_target_that_climbs_out_of_the_home():
    with pytest.raises(DiscourseLabError, match="relative path"):
        hub_link.link(HUB, REPO, "chapters", target="../elsewhere")
