#!/usr/bin/env python3
"""Fetch the widget renderer that the built book serves from itself, and verify every byte.

The static book must load nothing from outside the site. myst-nb's default is to load RequireJS
and ``@jupyter-widgets/html-manager`` from public CDNs; instead this script takes pinned releases
from the npm registry (with the ordinary ``npm pack`` client), checks each tarball against the
sha512 integrity recorded in ``vendor.lock.json``, extracts the files the page needs and checks
each of them against its recorded sha256. The AMD build of anywidget comes from the installed
anywidget wheel (pinned in requirements.txt), checked the same way.

Output: ``vendor/site/_static/_vendor/`` (git-ignored), copied into the site by Sphinx's
``html_extra_path`` (which, unlike ``_static``, does not inject every file into every page).

    python scripts/fetch_vendor.py            # fetch what is missing or wrong; no-op when all is in place
    python scripts/fetch_vendor.py --relock   # maintainers: record hashes for new pinned versions
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = Path(__file__).resolve().parent / "vendor.lock.json"
# html_extra_path copies vendor/site/ into the site root, so these land in _static/_vendor/, where
# Sphinx points relative script paths, without being injected into every page as _static/ files are.
OUT = ROOT / "vendor" / "site" / "_static" / "_vendor"
# Our own loader configuration, committed, copied beside the fetched files.
OWN_FILES = [Path(__file__).resolve().parent / "require-config.js"]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sha512_integrity(path: Path) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(path.read_bytes()).digest()).decode()


def fail(message: str) -> None:
    print(f"fetch_vendor: error: {message}", file=sys.stderr)
    sys.exit(1)


def in_place(lock: dict) -> bool:
    for pkg in lock["npm"] + lock["wheel"]:
        for entry in pkg["files"]:
            target = OUT / entry["to"]
            if not target.is_file() or sha256(target) != entry["sha256"]:
                return False
    return all((OUT / f.name).is_file() and (OUT / f.name).read_bytes() == f.read_bytes() for f in OWN_FILES)


def npm_pack(spec: str, dest: Path) -> Path:
    if shutil.which("npm") is None:
        fail("npm is not installed; install Node.js and npm (Debian: apt-get install npm)")
    result = subprocess.run(
        ["npm", "pack", spec, "--pack-destination", str(dest), "--json", "--silent"],
        capture_output=True, text=True,
    )
    if result.returncode != 0:
        fail(f"npm pack {spec} failed: {result.stderr.strip().splitlines()[-1] if result.stderr.strip() else result.returncode}")
    return dest / json.loads(result.stdout)[0]["filename"]


def fetch(relock: bool) -> None:
    lock = json.loads(LOCK.read_text())
    if not relock and in_place(lock):
        print(f"fetch_vendor: {OUT.relative_to(ROOT)} is complete and verified")
        return
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for pkg in lock["npm"]:
            spec = f"{pkg['name']}@{pkg['version']}"
            tarball = npm_pack(spec, Path(tmp))
            integrity = sha512_integrity(tarball)
            if relock:
                pkg["integrity"] = integrity
            elif integrity != pkg["integrity"]:
                fail(f"{spec}: tarball integrity {integrity[:20]}… does not match the lock")
            with tarfile.open(tarball) as tar:
                for entry in pkg["files"]:
                    member = tar.extractfile(f"package/{entry['from']}")
                    if member is None:
                        fail(f"{spec}: no file {entry['from']} in the package")
                    target = OUT / entry["to"]
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(member.read())
                    verify(entry, target, relock)
    share = Path(sysconfig.get_paths()["data"]) / "share" / "jupyter" / "nbextensions"
    for pkg in lock["wheel"]:
        for entry in pkg["files"]:
            source = share / entry["from"]
            if not source.is_file():
                fail(f"{source} not found: is {pkg['name']}=={pkg['version']} installed (pip install -r requirements.txt)?")
            target = OUT / entry["to"]
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            verify(entry, target, relock)
    for own in OWN_FILES:
        shutil.copyfile(own, OUT / own.name)
    if relock:
        LOCK.write_text(json.dumps(lock, indent=2) + "\n")
        print(f"fetch_vendor: lock updated: {LOCK.relative_to(ROOT)}")
    total = sum(p.stat().st_size for p in OUT.rglob("*") if p.is_file())
    print(f"fetch_vendor: {OUT.relative_to(ROOT)} verified ({total / 1e6:.2f} MB)")


def verify(entry: dict, target: Path, relock: bool) -> None:
    digest = sha256(target)
    if relock:
        entry["sha256"] = digest
    elif digest != entry["sha256"]:
        target.unlink()
        fail(f"{target.relative_to(ROOT)}: sha256 {digest[:16]}… does not match the lock")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--relock", action="store_true", help="record the hashes of the pinned versions")
    fetch(parser.parse_args().relock)


if __name__ == "__main__":
    main()
