# Two commands for a fresh machine (Python 3.11 and make):
#   make demo   set up .venv and run narrcheck on the bundled sample reports
#   make test   set up .venv and run the test suite
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip -q --disable-pip-version-check

.PHONY: demo test setup setup-st system-deps clean bench

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip
	$(PIP) install -e '.[test]'
	touch $@

# sentence-transformers backend (optional): torch pinned in the same command.
$(VENV)/.installed-st: $(VENV)/.installed
	$(PIP) install 'sentence-transformers>=3' torch==2.13.0
	touch $@

setup: $(VENV)/.installed

setup-st: $(VENV)/.installed-st

demo: $(VENV)/.installed
	$(VENV)/bin/narrcheck check corpora/seeds --fail-on never
	mkdir -p out
	$(VENV)/bin/narrcheck check corpora/seeds --format html -o out/demo.html --fail-on never --quiet
	@echo "HTML 报告：out/demo.html"

# Chromium and LibreOffice for the output tests (headless HTML, .docx -> PDF);
# quiet and idempotent, skipped when not root or without apt-get.
system-deps:
	bash scripts/install_system_deps.sh all

test: $(VENV)/.installed-st system-deps
	$(VENV)/bin/ruff check src/
	$(PY) -m pytest -q -p no:cacheprovider

bench: $(VENV)/.installed
	for b in benchmarks/bench*.py; do echo "== $$b"; $(PY) $$b; done

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
