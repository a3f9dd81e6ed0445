# Discourse Lab: build the book, run the tests, open the notebooks.
# `make book` and `make test` are the two Quick-start commands of README.md.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: book test env vendor lab serve clean bench student-book pdf

# The environment is rebuilt when requirements.txt or pyproject.toml changes.
# JupyterLab settings overrides (postBuild does the same on Binder and hubs): save widget state
# with notebooks, so a reopened lesson shows its exercises instead of "model not found".
LAB_OVERRIDES := jupyter-config/lab/settings/overrides.d/discourse-lab.json
$(STAMP): requirements.txt pyproject.toml $(LAB_OVERRIDES)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	install -D -m 644 $(LAB_OVERRIDES) $(VENV)/share/jupyter/lab/settings/overrides.d/discourse-lab.json
	touch $(STAMP)

env: $(STAMP)

vendor: $(STAMP)
	$(BIN)/python scripts/fetch_vendor.py

# Executes every notebook (cached), fails on any warning or cell error, reports all problems at once.
book: vendor
	$(BIN)/python scripts/build_book.py
	$(BIN)/python scripts/external_links.py

# The printable edition: the whole book on one page, printed by headless Chromium -> _build/pdf/discourse-lab.pdf
pdf: vendor
	$(BIN)/python scripts/build_pdf.py

# Build times, page weight, feedback latency, notebook times -> benchmarks/results/*.json (builds in a tmp folder)
bench: vendor
	$(BIN)/python benchmarks/run_all.py --readme

test: vendor
	$(BIN)/python scripts/system_deps.py
	$(BIN)/python -m pytest

# The student edition: no key, model answer or rubric anywhere in the site (scripts/build_student_edition.py).
# MODE=self-check: answers checked in the browser against salted digests instead of the key.
student-book: vendor
	$(BIN)/python scripts/build_student_edition.py --out _build/student --mode $(or $(MODE),graded)

lab: $(STAMP)
	$(BIN)/jupyter lab chapters/

serve:
	$(BIN)/python -m http.server --bind 127.0.0.1 --directory _build/html 8000

clean:
	rm -rf _build
