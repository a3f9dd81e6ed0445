#!/usr/bin/env python3
"""The one list of system packages the project needs, and their installer.

Only Debian's ``chromium`` (the browser tests and the PDF edition; see ``scripts/chromium.py``).
Installs it with apt-get when running as root on Debian; otherwise says in one line what to do.
``.ci/run`` and ``make test`` both call this script.

    python -m scripts.system_deps
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from discourse_lab import settings
from scripts import chromium


def missing() -> list[str]:
    """Debian packages still to install."""
    return [] if chromium.path().is_file() else ["chromium"]


def main() -> int:
    packages = missing()
    if not packages:
        return 0
    if settings.chromium():  # the binary asked for is missing: installing Debian's would not help
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
