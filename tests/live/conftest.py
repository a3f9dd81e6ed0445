"""The live-notebook suite: a real Jupyter server (JupyterLab and Notebook 7) driven by headless Chromium.

One server for the whole session, started from this environment and bound to 127.0.0.1 with a
token, with a throwaway HOME, Jupyter config/runtime/data folders, IPython folder and answer store.
The lessons run in a copy of ``chapters/`` inside that throwaway root, so the repository is never
written to. One Chromium page is reused by every JupyterLab test; it talks to JupyterLab through
``window.jupyterapp`` (``expose_app_in_browser``), as JupyterLab's own UI tests (Galata) do.
The server, and every kernel it started, is shut down at the end, also when a test failed.

The server lives for the session but each test module starts from the course as committed: before
and after a module (:func:`fresh_course`) the answer stores are emptied, ``chapters/`` is put back
as the repository holds it and whatever else a test wrote into the root is removed, so no module
sees another's saved answers, exports or saved lessons. (Tests inside one module may share a
notebook run on purpose, see their module fixtures.)
"""

from __future__ import annotations

import json
import os
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
from urllib.parse import urlparse

import pytest

from discourse_lab.exercises.store import FORMAT as STORE_FORMAT

from .lab import Lab

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT = 90  # seconds for the server to answer /api/status on a busy 2-core machine

# JupyterLab user settings written into the throwaway config folder.
SETTINGS = {
    # No "would you like news?" toast and no update check: nothing may ask the network.
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"checkForUpdates": False, "fetchNews": "false"},
    # Every cell stays in the DOM, so a test can read all outputs and rendered markdown without scrolling.
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}


class JupyterServer:
    def __init__(self, url: str, token: str, root: Path, store_dir: Path, home: Path, env: dict, log: Path):
        self.url, self.token, self.root, self.store_dir, self.home, self.env, self.log = (
            url,
            token,
            root,
            store_dir,
            home,
            env,
            log,
        )

    def api(self, path: str, method: str = "GET", body: dict | None = None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(
            self.url + path.lstrip("/"), data=data, method=method, headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(req, timeout=10) as res:
            raw = res.read()
        return json.loads(raw) if raw else None

    def store_folders(self) -> list[Path]:
        """Where the kernels keep answer stores (and exports): the configured folder, and the default one."""
        return [self.store_dir, self.home / ".discourse_lab"]

    def store_files(self) -> list[Path]:
        """Every answer-store file the kernels wrote (the store layout differs between versions)."""
        return list(self._stores())

    def stored_answers(self) -> dict[str, dict[str, dict]]:
        """store file name (relative) -> exercise id -> entry."""
        return {str(path.relative_to(path.parents[1])): data["answers"] for path, data in self._stores().items()}

    def _stores(self) -> dict[Path, dict]:
        """Store files and what they hold. Only stores: a submission exported beside them (``exports/``)
        has an ``answers`` member too, and read as a store it gave an earlier test's export as the saved answer."""
        found = {}
        for folder in self.store_folders():
            for path in sorted(folder.rglob("*.json")) if folder.exists() else []:
                try:
                    data = json.loads(path.read_text(encoding="utf-8"))
                except (OSError, ValueError):
                    continue
                if (
                    isinstance(data, dict)
                    and data.get("format") == STORE_FORMAT
                    and isinstance(data.get("answers"), dict)
                ):
                    found[path] = data
        return found

    def kernels(self) -> list[dict]:
        return self.api("api/kernels") or []

    def reset_course(self) -> None:
        """Back to the course as committed: no kernel, empty stores, ``chapters/`` as the repository
        holds it, nothing else in the root. Only between test modules, when every notebook is closed."""
        for kernel in self.kernels():  # a kernel a failed test left running would write into the store
            self.api(f"api/kernels/{kernel['id']}", method="DELETE")
        for folder in self.store_folders():
            if folder.exists():
                shutil.rmtree(folder)
        self.store_dir.mkdir()
        for entry in self.root.iterdir():
            if entry.name == "chapters":
                continue
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
        _mirror(ROOT / "chapters", self.root / "chapters")


def _mirror(source: Path, target: Path) -> None:
    """Make ``target`` hold exactly ``source``'s files: extra ones removed, changed ones copied again."""
    for path in sorted(target.rglob("*"), reverse=True):  # children before their folders
        twin = source / path.relative_to(target)
        if path.is_dir() and not path.is_symlink():
            if not twin.is_dir():
                shutil.rmtree(path)
        elif not twin.is_file():
            path.unlink()
    for path in source.rglob("*"):
        twin = target / path.relative_to(source)
        if path.is_dir():
            twin.mkdir(exist_ok=True)
        elif not twin.is_file() or twin.read_bytes() != path.read_bytes():
            shutil.copy2(path, twin)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _kernels_of(runtime: Path) -> list[int]:
    """Pids of processes whose command line names our throwaway runtime folder (our kernels)."""
    pids = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmd = (proc / "cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        if str(runtime) in cmd:
            pids.append(int(proc.name))
    return pids


@pytest.fixture(scope="session")
def jupyter_server(tmp_path_factory):
    base = tmp_path_factory.mktemp("live")
    dirs = {name: base / name for name in ("home", "config", "runtime", "data", "ipython", "store", "root")}
    for d in dirs.values():
        d.mkdir()
    # The lessons run in a copy: running and saving them must never touch the repository.
    shutil.copytree(ROOT / "chapters", dirs["root"] / "chapters")
    settings = dirs["config"] / "lab" / "user-settings"
    for rel, value in SETTINGS.items():
        (settings / rel).parent.mkdir(parents=True, exist_ok=True)
        (settings / rel).write_text(json.dumps(value), encoding="utf-8")
    # Both front ends expose their app as window.jupyterapp, the handle Galata drives.
    (dirs["config"] / "jupyter_server_config.json").write_text(
        json.dumps(
            {
                "LabApp": {"expose_app_in_browser": True},
                "JupyterNotebookApp": {"expose_app_in_browser": True},
            }
        ),
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCOURSE_LAB_", "JUPYTER", "IPYTHON"))}
    env.update(
        HOME=str(dirs["home"]),
        JUPYTER_CONFIG_DIR=str(dirs["config"]),
        JUPYTER_RUNTIME_DIR=str(dirs["runtime"]),
        JUPYTER_DATA_DIR=str(dirs["data"]),
        IPYTHONDIR=str(dirs["ipython"]),
        DISCOURSE_LAB_STORE_DIR=str(dirs["store"]),
        MPLCONFIGDIR=str(dirs["home"] / "mpl"),
        PYDEVD_DISABLE_FILE_VALIDATION="1",  # quiets the debugger's frozen-modules warning
    )
    port, token = _free_port(), secrets.token_hex(24)
    log = base / "server.log"
    cmd = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={dirs['root']}",
        "--LabApp.expose_app_in_browser=True",
        "--LabApp.extension_manager=readonly",
    ]  # the PyPI extension manager would ask the network
    if os.geteuid() == 0:  # CI and these machines run as root; the server refuses that without the flag
        cmd.append("--allow-root")
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            cmd, env=env, cwd=dirs["root"], stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    server = JupyterServer(f"http://127.0.0.1:{port}/", token, dirs["root"], dirs["store"], dirs["home"], env, log)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if proc.poll() is not None:
                pytest.fail(f"jupyter lab exited with {proc.returncode}:\n{log.read_text(errors='replace')[-3000:]}")
            try:
                server.api("api/status")
                break
            except (urllib.error.URLError, ConnectionError, OSError):
                if time.monotonic() > deadline:
                    pytest.fail(
                        f"jupyter lab did not answer in {START_TIMEOUT} s:\n{log.read_text(errors='replace')[-3000:]}"
                    )
                time.sleep(0.25)  # polling a socket that is not listening yet: nothing to wait on
        yield server
    finally:
        try:
            server.api("api/shutdown", method="POST")  # shuts the kernels down cleanly too
            proc.wait(timeout=30)
        except Exception:
            pass
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        for pid in _kernels_of(dirs["runtime"]):  # a kernel that outlived its server
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


@pytest.fixture(scope="module", autouse=True)
def fresh_course(request):
    """Each module of the live suite starts, and leaves, the server's course as committed
    (:meth:`JupyterServer.reset_course`). Modules that start no Jupyter server are left alone."""
    items = [item for item in request.session.items if item.module is request.module]
    if not any("jupyter_server" in item.fixturenames for item in items):
        yield
        return
    server = request.getfixturevalue("jupyter_server")
    server.reset_course()
    yield
    server.reset_course()


def _is_local(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in ("data", "blob", "about") or parsed.hostname == "127.0.0.1"


@pytest.fixture(scope="package")
def live_browser(browser):
    """The suite's headless Chromium (tests/conftest.py): Playwright's sync API allows one instance per process."""
    return browser


@pytest.fixture(scope="package")
def live_context(live_browser, jupyter_server):
    context = live_browser.new_context(viewport={"width": 1400, "height": 1000})
    blocked: list[str] = []

    def route(r):
        if _is_local(r.request.url):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    context.blocked = blocked
    yield context
    context.close()


@pytest.fixture(scope="package")
def lab_session(live_context, jupyter_server):
    """The one JupyterLab page of the session (opened at /lab with ?reset: no saved workspace)."""
    page = live_context.new_page()
    lab = Lab(page, jupyter_server)
    lab.start()
    return lab


@pytest.fixture
def lab(lab_session):
    """The JupyterLab page, with every document closed (and its kernel shut down) after the test."""
    yield lab_session
    lab_session.close_all()
