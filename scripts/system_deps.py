#!/usr/bin/env python3
"""The one list of system packages the project needs, and their installer.

Debian's ``chromium`` (the browser tests and the PDF edition; see ``scripts/chromium.py``), and for
the JupyterHub test (``tests/hub/``) Debian's ``nodejs`` and ``npm`` with the npm package
``configurable-http-proxy``, JupyterHub's proxy, pinned in ``NPM_PACKAGES`` and installed into
``.venv/node/`` (never globally). Debian packages are installed with apt-get when running as root on
Debian; otherwise it says in one line what to do. ``.ci/run`` and ``make test`` both call this script.

    python -m scripts.system_deps
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from discourse_lab import settings
from scripts import chromium

ROOT = Path(__file__).resolve().parent.parent
# npm packages, pinned. JupyterHub's proxy: 5.2.0, the newest whose dependencies run on Node.js 20 (5.3.0, the
# chart's, takes commander 15, which asks for Node.js 22; Debian 12 ships Node.js 18, these machines 20).
NPM_PACKAGES = {"configurable-http-proxy": "5.2.0"}
NODE_PREFIX = ROOT / ".venv" / "node"


def npm_bin(name: str) -> Path:
    """Where an npm package of ``NPM_PACKAGES`` puts its command."""
    return NODE_PREFIX / "node_modules" / ".bin" / name


def npm_version(name: str) -> str | None:
    try:
        return json.loads((NODE_PREFIX / "node_modules" / name / "package.json").read_text())["version"]
    except (OSError, ValueError, KeyError):
        return None


def missing() -> list[str]:
    """Debian packages still to install."""
    packages = [] if chromium.path().is_file() else ["chromium"]
    if shutil.which("node") is None:  # Debian's npm needs Debian's nodejs; a Node.js that came with npm has both
        packages += ["nodejs", "npm"]
    elif shutil.which("npm") is None:
        packages.append("npm")
    return packages


def install_npm_packages() -> int:
    """Install ``NPM_PACKAGES`` at their pinned versions into ``.venv/node/`` (npm registry only)."""
    wanted = [f"{name}@{version}" for name, version in NPM_PACKAGES.items() if npm_version(name) != version]
    if not wanted:
        return 0
    print(f"system_deps: installing {' '.join(wanted)} with npm into {NODE_PREFIX.relative_to(ROOT)}")
    command = ["npm", "install", "--prefix", str(NODE_PREFIX), "--no-audit", "--no-fund", "--no-save", *wanted]
    if subprocess.run(command).returncode != 0 or any(npm_version(n) != v for n, v in NPM_PACKAGES.items()):
        print(f"system_deps: error: npm could not install {' '.join(wanted)}", file=sys.stderr)
        return 1
    return 0


def main() -> int:
    code = install_system_packages()
    return code or install_npm_packages()


def install_system_packages() -> int:
    packages = missing()
    if not packages:
        return 0
    if "chromium" in packages and settings.chromium():  # the binary asked for is missing: Debian's would not help
        print(f"system_deps: error: {chromium.missing_message()}", file=sys.stderr)
        return 1
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        print(
            f"system_deps: error: please install {' '.join(packages)} (Debian: sudo apt-get install "
            f"{' '.join(packages)}), or set DISCOURSE_LAB_CHROMIUM to a Chromium or Chrome binary",
            file=sys.stderr,
        )
        return 1
    print(f"system_deps: installing {' '.join(packages)} with apt-get")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages], check=True, env=env)
    still = missing()
    if still:
        print(f"system_deps: error: {' '.join(still)} still missing after apt-get", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
