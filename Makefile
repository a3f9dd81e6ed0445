# Discourse Lab: build the book, run the tests, open the notebooks.
# `make book` and `make test` are the two Quick-start commands of README.md; `make check` is the
# fast loop (lint, format, unit tests) that CONTRIBUTING.md describes.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# Markers set from the fixtures a test uses (tests/conftest.py): what `make check` leaves out.
FAST   := not book and not browser and not live and not slow

.PHONY: book test check lint env lab notebook serve clean bench student-book pdf colab-cell lesson-glossary

# The environment is rebuilt when requirements.txt, requirements-dev.txt or pyproject.toml changes
# (requirements-dev.txt includes requirements.txt, the students' environment, and adds the tools).
# JupyterLab settings overrides (postBuild does the same on Binder and hubs): save widget state
# with notebooks, so a reopened lesson shows its exercises instead of "model not found".
LAB_OVERRIDES := jupyter-config/lab/settings/overrides.d/discourse-lab.json
# The Jupyter server's pre-save hook (discourse_lab/lab_hooks.py, a server extension): a lesson saved
# in JupyterLab reopens trusted, so its exercises are drawn. Both are drop-in files of their own
# (*.d/discourse-lab.json), never written over a settings file of the same name (docs/hub.md).
SERVER_CONFIG := jupyter-config/jupyter_server_config.d/discourse-lab.json
$(STAMP): requirements.txt requirements-dev.txt pyproject.toml $(LAB_OVERRIDES) $(SERVER_CONFIG)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	install -D -m 644 $(LAB_OVERRIDES) $(VENV)/share/jupyter/lab/settings/overrides.d/discourse-lab.json
	install -D -m 644 $(SERVER_CONFIG) $(VENV)/etc/jupyter/jupyter_server_config.d/discourse-lab.json
	# Environments made before the drop-in held the hook in jupyter_server_config.json: drop that
	# copy (only when it is ours), or a server would run the hook twice and hide an image's own.
	if grep -qs '"discourse_lab.lab_hooks.keep_lessons_trusted"' $(VENV)/etc/jupyter/jupyter_server_config.json; \
	  then rm $(VENV)/etc/jupyter/jupyter_server_config.json; fi
	touch $(STAMP)

env: $(STAMP)

# Executes every notebook (cached), fails on any warning or cell error, reports all problems at once.
book: $(STAMP)
	$(BIN)/python -m scripts.build_book
	$(BIN)/python -m scripts.external_links

# The printable edition: the whole book on one page, printed by headless Chromium -> _build/pdf/discourse-lab.pdf
pdf: $(STAMP)
	$(BIN)/python -m scripts.system_deps
	$(BIN)/python -m scripts.build_pdf

# Build times, page weight, feedback latency, notebook times -> benchmarks/results/*.json (builds in a tmp folder)
bench: $(STAMP)
	$(BIN)/python -m benchmarks.run_all --readme

# The whole suite: book builds, browser tests, the installed wheel (about 25 minutes on two cores from a clean build; less with a warm cache).
test: $(STAMP)
	$(BIN)/python -m scripts.system_deps
	$(BIN)/python -m pytest

# Ruff (lint with complexity, and format check) and mypy over the whole tree: the package, scripts, benchmarks
# and tests (all configured in pyproject.toml; only the IPython profile, a config file, is not a module).
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# The fast loop: lint and type check, then the unit tests (no book, browser, Jupyter server or wheel), about a
# minute on two quiet cores (65 s warm, 78 s with a cold mypy cache). mypy first: its warm cache (.mypy_cache) is what tests/test_gates.py copies.
check: lint
	$(BIN)/python -m pytest -q -n 2 -m "$(FAST)"

# The student edition: no key, model answer or rubric anywhere in the site (scripts/build_student_edition.py).
# MODE=self-check: answers checked in the browser against salted digests instead of the key.
student-book: $(STAMP)
	$(BIN)/python -m scripts.build_student_edition --out _build/student --mode $(or $(MODE),graded)

# After changing repository.url in _config.yml: rewrite the notebooks' Colab set-up cell and the install line of README and How to use.
colab-cell: $(STAMP)
	$(BIN)/python -m scripts.colab_cell --write

# After changing chapters/glossary.md or a lesson's terms: rewrite each lesson's "Terms in this lesson" cell (for JupyterLab).
lesson-glossary: $(STAMP)
	$(BIN)/python -m scripts.lesson_glossary --write

lab: $(STAMP)
	$(BIN)/jupyter lab chapters/

# The same lessons in Notebook 7 (the one-document interface; its file list is at /tree).
notebook: $(STAMP)
	$(BIN)/jupyter notebook chapters/

serve:
	$(BIN)/python -m http.server --bind 127.0.0.1 --directory _build/html 8000

clean:
	rm -rf _build
