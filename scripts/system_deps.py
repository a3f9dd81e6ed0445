#!/usr/bin/env python3
"""Make sure the system programs the tests need are present: Debian's Chromium (browser tests)
and npm (fetching the widget renderer). Installs them with apt-get when running as root on
Debian; otherwise says in one line what to install."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

NEEDED = {"/usr/bin/chromium": "chromium", "npm": "npm"}


def missing() -> list[str]:
    return [pkg for program, pkg in NEEDED.items() if not (os.path.exists(program) if program.startswith("/") else shutil.which(program))]


def main() -> int:
    packages = missing()
    if not packages:
        return 0
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        print(f"system_deps: error: please install {' '.join(packages)} (Debian: sudo apt-get install {' '.join(packages)})", file=sys.stderr)
        return 1
    print(f"system_deps: installing {' '.join(packages)} with apt-get")
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages], check=True,
                   env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
    still = missing()
    if still:
        print(f"system_deps: error: {' '.join(still)} still missing after apt-get", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
