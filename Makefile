# Two commands a person needs: `make run` starts the app, `make test` runs every test.
# Both install what they need into .venv on first use.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8501
SCENARIO ?=

.PHONY: run test install browser node lint bench boundaries clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,build]'
	touch $@

install: $(VENV)/.installed

# Debian's Chromium for the browser tests (never a downloaded browser).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -q && $$SUDO apt-get install -y -q chromium; }

# Node.js runs the map page's unit tests (Debian's package if the machine has none).
node:
	@command -v node >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -q && $$SUDO apt-get install -y -q nodejs; }

run: install
	$(BIN)/python -m layers.prebuilt
	$(BIN)/streamlit run app.py --server.port $(PORT) $(if $(SCENARIO),-- --scenario $(SCENARIO))

# axe-core for the accessibility checks in the browser tests (npm registry; nothing at run time).
node_modules/.package-lock.json: package.json package-lock.json | node
	npm ci --no-audit --no-fund --ignore-scripts

test: install browser node_modules/.package-lock.json
	$(BIN)/ruff check .
	node --test tests/js/
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: install browser
	$(BIN)/python bench/scrub.py

boundaries: install
	$(BIN)/python data/boundaries/build.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
