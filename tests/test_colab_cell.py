"""The Colab set-up cell: in every notebook of the book, made from the one repository URL
(``repository.url`` in _config.yml), which the README and the "How to use" page also name."""

from __future__ import annotations

import shutil

import nbformat

from scripts import colab_cell
from support import ROOT


def test_every_notebook_has_the_current_set_up_cell():
    assert colab_cell.notebooks(), "no notebook in the table of contents"
    assert [p.name for p in colab_cell.stale()] == []  # notebooks, README and How to use


def test_a_missing_or_stale_cell_is_rewritten(tmp_path):
    path = tmp_path / "lesson.ipynb"
    shutil.copyfile(ROOT / "chapters" / "01_source.ipynb", path)
    nb = nbformat.read(path, as_version=4)
    nb.cells[1].source = colab_cell.cell_source("https://github.com/someone/old-fork")
    nbformat.write(nb, path)
    assert not colab_cell.is_current(nbformat.read(path, as_version=4), colab_cell.cell_source(), path)
    assert colab_cell.write(path, colab_cell.cell_source())
    rewritten = nbformat.read(path, as_version=4)
    assert colab_cell.is_current(rewritten, colab_cell.cell_source(), path)
    assert len(rewritten.cells) == len(nb.cells)  # replaced, not added
    assert rewritten.cells[1].id == "colab-setup-lesson"


def test_each_notebook_labels_its_set_up_cell_with_its_own_id(tmp_path):
    """A cell id is a label across the whole book: one shared by every notebook would clash."""
    ids = [nbformat.read(p, as_version=4).cells[1].get("id") for p in colab_cell.notebooks()]
    assert len(ids) == len(set(ids)) and all(i.startswith("colab-setup-") for i in ids), ids
    old = tmp_path / "old.ipynb"  # the cell as it was, under the one shared id, is rewritten
    nb = nbformat.read(ROOT / "chapters" / "01_source.ipynb", as_version=4)
    nb.cells[1].id = "colab-setup"
    nbformat.write(nb, old)
    assert colab_cell.write(old, colab_cell.cell_source())
    assert [c.id for c in nbformat.read(old, as_version=4).cells].count("colab-setup-old") == 1


def test_no_page_refers_to_the_shared_label():
    pages = [p for p in (ROOT / "chapters").rglob("*") if p.suffix in (".md", ".ipynb")]
    assert not [p.name for p in pages if "colab-setup)" in p.read_text() or "colab-setup>" in p.read_text()]


def test_readme_and_how_to_use_name_the_configured_repository():
    """Both pages give the set-up cell's own pip install, and install from no other repository."""
    url = colab_cell.repository_url()
    for page in colab_cell.PAGES:
        text = (ROOT / page).read_text(encoding="utf-8")
        assert set(colab_cell.GIT_URL.findall(text)) == {url}, page
        assert colab_cell.install_target(url) in text, f"{page} does not give the set-up cell's pip install"


def test_a_page_naming_another_repository_is_rewritten(tmp_path):
    page = tmp_path / "README.md"
    page.write_text('pip install "discourse_lab[lessons] @ git+https://github.com/old/fork"\n')
    assert colab_cell.write_page(page, "https://github.com/new/home")
    assert colab_cell.GIT_URL.findall(page.read_text()) == ["https://github.com/new/home"]
