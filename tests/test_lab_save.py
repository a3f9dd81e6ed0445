"""Does a save keep the lesson's own metadata? (The pre-save hook, through the server's contents manager.)

JupyterLab and Notebook 7 send the kernel's ``language_info`` with every save and an empty widget
state before any widget was shown; the file written must keep the lesson's ``language_info`` and
gain no empty state, so a lesson opened and saved is byte for byte the committed file.
"""

from __future__ import annotations

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager

from discourse_lab.lab_hooks import WIDGET_STATE, keep_lessons_trusted
from support import ROOT

pytestmark = pytest.mark.filterwarnings("ignore:Overriding existing pre_save_hook")
KERNEL_LANGUAGE = {"name": "python", "version": "3.11.7", "mimetype": "text/x-python", "file_extension": ".py"}


def save(tmp_path: Path, content: dict, name: str = "lesson.ipynb") -> bytes:
    """Save ``content`` as the front end sends it through the server's contents manager with the hook."""

    def run() -> None:
        manager = AsyncLargeFileManager(root_dir=str(tmp_path), pre_save_hook=keep_lessons_trusted)
        asyncio.run(manager.save({"type": "notebook", "format": "json", "content": content}, name))

    with ThreadPoolExecutor(1) as pool:  # the browser tests of the session leave a loop running here
        pool.submit(run).result()
    return (tmp_path / name).read_bytes()


def as_sent(committed: dict, widget_state: dict) -> dict:
    sent = json.loads(json.dumps(committed))
    sent["metadata"]["language_info"] = dict(KERNEL_LANGUAGE)
    sent["metadata"]["widgets"] = {WIDGET_STATE: {"state": widget_state, "version_major": 2, "version_minor": 0}}
    return sent


def test_a_lesson_opened_and_saved_is_the_committed_file(tmp_path):
    committed = (ROOT / "chapters" / "02_who_speaks.ipynb").read_bytes()
    (tmp_path / "lesson.ipynb").write_bytes(committed)
    assert save(tmp_path, as_sent(json.loads(committed), {})) == committed


def test_a_run_keeps_its_widget_state_but_not_the_kernels_language_info(tmp_path):
    committed = json.loads((ROOT / "chapters" / "02_who_speaks.ipynb").read_bytes())
    (tmp_path / "lesson.ipynb").write_text(json.dumps(committed), encoding="utf-8")
    models = {"m1": {"model_name": "AnyModel", "state": {}}}
    saved = json.loads(save(tmp_path, as_sent(committed, models)))
    assert saved["metadata"]["language_info"] == committed["metadata"]["language_info"]
    assert saved["metadata"]["widgets"][WIDGET_STATE]["state"] == models


def test_a_new_notebook_keeps_what_the_front_end_sends(tmp_path):
    """No file yet (a student's own notebook): nothing to keep, the kernel's language_info is written."""
    sent = as_sent({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, {})
    saved = json.loads(save(tmp_path, sent, "mine.ipynb"))
    assert saved["metadata"]["language_info"] == KERNEL_LANGUAGE and "widgets" not in saved["metadata"]
