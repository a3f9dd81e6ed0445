"""A real JupyterHub: two students follow the course's nbgitpuller link and answer lesson 2, each in their own home.

The hub (this environment's ``jupyterhub``, the version the course's image carries) runs with its
proxy ``configurable-http-proxy`` (an npm package, installed into ``.venv/node/`` by
``scripts/system_deps.py``), the dummy authenticator and ``SimpleLocalProcessSpawner``: each user's
single-user server is a local process whose HOME is a throwaway folder under tmp. Everything is
bound to 127.0.0.1. The link is the one ``discourse-lab hub-link 2`` prints for this hub and a
``file://`` repository holding this checkout's lessons, so the test also shows that nbgitpuller
(from the course's requirements) clones the course and opens the lesson the link names.

Per student: log in, follow the link, find lesson 2 open in JupyterLab, Run All, see the MyST prose
rendered (its ``{eval}`` numbers shown) and the exercises live, answer one exercise (alice and bob
differently), and read the answer back from the store file in that student's own home only. The
memory (RSS) of each student's server and kernel is printed and recorded (docs/hub.md).
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from discourse_lab.exercises import catalogue
from scripts import system_deps

from .lab import UI_TIMEOUT, Lab, assert_lesson_drawn, give_answer, submit

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
LESSON = "chapters/02_who_speaks.ipynb"
EXERCISE = "ch02-who-speaks-p3s1-quote"  # a choice: each student picks a different option
ANSWERS = {"alice": "mixed", "bob": "indirect"}
PASSWORD = secrets.token_hex(8)
START_TIMEOUT = 90  # seconds: the hub answering, and each single-user server starting, on a busy 2-core machine
# MyST source that must not reach the student as text once jupyterlab-myst rendered the cell.
RAW_MYST = re.compile(r"\{eval\}|\{term\}|\{cite(:\w+)?\}|```\{|:::\{|Unknown Directive|Unknown Role")
# JupyterLab user settings every student starts with (as the live suite's): no news toast, every cell in the DOM.
SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"checkForUpdates": False, "fetchNews": "false"},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}
HUB_CONFIG = """\
c = get_config()  # noqa
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_api_port}"
c.ConfigurableHTTPProxy.command = [{proxy!r}]
c.ConfigurableHTTPProxy.pid_file = {base!r} + "/proxy.pid"
c.JupyterHub.db_url = "sqlite:///" + {base!r} + "/hub.sqlite"
c.JupyterHub.cookie_secret_file = {base!r} + "/cookie_secret"
c.JupyterHub.pid_file = {base!r} + "/hub.pid"
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = {password!r}
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {base!r} + "/homes/{{username}}"
c.Spawner.cmd = [{singleuser!r}]
c.Spawner.args = {args!r}
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = {timeout}
c.Spawner.http_timeout = {timeout}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def course_repository(base: Path) -> str:
    """A git repository named like the course's, holding this checkout's lessons: its file:// URL."""
    repo = base / "remote" / "discourse-lab"
    repo.mkdir(parents=True)
    shutil.copytree(ROOT / "chapters", repo / "chapters")
    for name in ("_config.yml", "_toc.yml"):
        shutil.copy2(ROOT / name, repo / name)
    git = ["git", "-c", "user.name=test", "-c", "user.email=test@127.0.0.1", "-C", str(repo)]
    subprocess.run([*git, "init", "-q", "-b", "main"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "course"], check=True)
    return repo.as_uri()


def processes_of(user: str) -> dict[str, list[int]]:
    """Pids of the user's single-user server and kernels (their environment names the hub user)."""
    found: dict[str, list[int]] = {"server": [], "kernel": []}
    for proc in Path("/proc").iterdir():
        try:
            environ = (proc / "environ").read_bytes().split(b"\0")
            cmd = (proc / "cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        if f"JUPYTERHUB_USER={user}".encode() not in environ:
            continue
        found["kernel" if "ipykernel" in cmd else "server"].append(int(proc.name))
    return found


def rss_mib(pid: int, field: str = "VmRSS") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


class Hub:
    def __init__(self, url: str, homes: Path, repo: str, log: Path):
        self.url, self.homes, self.repo, self.log = url, homes, repo, log

    def tail(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)  # the hub stops its proxy and the users' servers
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


@pytest.fixture(scope="module")
def jupyterhub(tmp_path_factory):
    proxy = system_deps.npm_bin("configurable-http-proxy")
    if not proxy.is_file():
        pytest.fail(f"{proxy} is missing: run `python -m scripts.system_deps` (make test does)")
    base = tmp_path_factory.mktemp("hub")
    homes = base / "homes"
    for user in ANSWERS:
        for rel, value in SETTINGS.items():
            path = homes / user / ".jupyter" / "lab" / "user-settings" / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(value), encoding="utf-8")
    port = free_port()
    # expose_app_in_browser: the handle the helpers of lab.py drive; the extension manager would ask PyPI.
    args = ["--LabApp.expose_app_in_browser=True", "--LabApp.extension_manager=readonly"]
    if os.geteuid() == 0:  # CI runs as root, and a single-user server refuses root without it (docs/hub.md)
        args.append("--allow-root")
    (base / "jupyterhub_config.py").write_text(
        HUB_CONFIG.format(
            port=port,
            hub_port=free_port(),
            proxy_api_port=free_port(),
            proxy=str(proxy),
            base=str(base),
            password=PASSWORD,
            singleuser=str(BIN / "jupyterhub-singleuser"),
            args=args,
            timeout=START_TIMEOUT,
        ),
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCOURSE_LAB_", "JUPYTER", "IPYTHON"))}
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"  # the spawner keeps PATH: the kernels run this Python
    log = base / "hub.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [str(BIN / "jupyterhub"), "-f", str(base / "jupyterhub_config.py")],
            cwd=base,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    hub = Hub(f"http://127.0.0.1:{port}", homes, course_repository(base), log)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if proc.poll() is not None:
                pytest.fail(f"jupyterhub exited with {proc.returncode}:\n{hub.tail()}")
            try:
                with urllib.request.urlopen(f"{hub.url}/hub/api/", timeout=5):
                    break
            except (urllib.error.URLError, ConnectionError, OSError):
                if time.monotonic() > deadline:
                    pytest.fail(f"jupyterhub did not answer in {START_TIMEOUT} s:\n{hub.tail()}")
                time.sleep(0.25)  # polling a socket that is not listening yet: nothing to wait on
        yield hub
    finally:
        stop(proc)


def hub_link(hub: Hub) -> str:
    """What ``discourse-lab hub-link 2`` prints for this hub and repository."""
    done = subprocess.run(
        [str(BIN / "discourse-lab"), "hub-link", "2", "--hub", hub.url, "--repo", hub.repo],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def local_only(route, blocked: list[str]) -> None:
    """Let requests to this machine through; record and refuse any other."""
    if urlsplit(route.request.url).hostname == "127.0.0.1":
        route.continue_()
    else:
        blocked.append(route.request.url)
        route.abort()


OPENED = """(path) => {
  for (const w of window.jupyterapp.shell.widgets('main'))
    if (w.context && w.context.path === path && w.sessionContext) return w.id;
  return null;
}"""


def open_lesson_from_link(page, hub: Hub, user: str, link: str) -> Lab:
    """Log in through the hub's form (which sends the student on to the link), land in JupyterLab."""
    page.goto(link)  # not logged in: the hub asks for a login first, then spawns, then pulls
    page.locator("#username_input").fill(user)
    page.locator("#password_input").fill(PASSWORD)
    page.locator("#login_submit").click()
    target = f"/user/{user}/lab/tree/discourse-lab/{LESSON}"
    page.wait_for_url(lambda url: urlsplit(url).path == target, timeout=START_TIMEOUT * 1000)
    lab = Lab(page, server=None)
    lab.wait_app()
    # The path the link named is the document JupyterLab opened: wait for its kernel to be idle.
    page.wait_for_function(OPENED, arg=f"discourse-lab/{LESSON}", timeout=UI_TIMEOUT * 2)
    return lab


def test_two_students_pull_the_course_and_answer_into_their_own_stores(jupyterhub, browser, record_property):
    hub = jupyterhub
    link = hub_link(hub)
    assert link.startswith(f"{hub.url}/hub/user-redirect/git-pull?repo=")
    exercise = catalogue.get(EXERCISE)
    started = time.monotonic()
    memory = {}
    for user, answer in ANSWERS.items():
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        blocked: list[str] = []
        context.route("**/*", lambda route, blocked=blocked: local_only(route, blocked))
        page = context.new_page()
        try:
            lab = open_lesson_from_link(page, hub, user, link)
            # nbgitpuller cloned the course into this student's home, where the link said.
            assert (hub.homes / user / "discourse-lab" / LESSON).is_file(), hub.tail()
            panel = lab.js(OPENED, f"discourse-lab/{LESSON}")
            lab.wait_idle(panel)
            lab.run_all(panel)
            cells = assert_lesson_drawn(lab, panel, f"for {user} on the hub")
            raw = [c["index"] for c in cells if c["type"] == "markdown" and RAW_MYST.search(c["rendered_text"] or "")]
            assert raw == [], f"markdown cells showing MyST source for {user}: {raw}"
            ex = lab.exercise(panel, EXERCISE)
            give_answer(ex, exercise, answer)
            assert submit(ex, timeout=UI_TIMEOUT).strip(), "no feedback"
            pids = processes_of(user)
            memory[user] = {
                "server_mib": round(sum(rss_mib(p) for p in pids["server"]), 1),
                "kernel_mib": round(sum(rss_mib(p) for p in pids["kernel"]), 1),
            }
            assert pids["kernel"], f"no kernel of {user} found"
            assert blocked == [], f"requests outside 127.0.0.1: {blocked[:5]}"
        finally:
            context.close()
    seconds = time.monotonic() - started
    record_property("hub_students_seconds", round(seconds, 1))
    record_property("hub_memory_mib", memory)
    print(f"hub: two students in {seconds:.1f} s; RSS per student (MiB): {memory}")

    # Each answer is in that student's own store, and only there.
    for user, answer in ANSWERS.items():
        store = hub.homes / user / ".discourse_lab" / "practice.json"
        assert store.is_file(), f"no store in {user}'s home"
        entry = json.loads(store.read_text(encoding="utf-8"))["answers"].get(EXERCISE)
        assert entry and entry["answer"] == answer, (user, entry)
