# The two entry points of the README: `make run` and `make test`.
# Both create .venv and install what they need; `make test` also installs the system packages
# the browser tests need (Debian's chromium), Graphviz for the ontology diagram and Virtuoso
# (Debian's virtuoso-opensource; the tests start private servers, the package's own service is
# stopped) when run as root, and skips them otherwise.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STORE  ?= var/store
KG     := $(BIN)/kg --store $(STORE)

.PHONY: run test bench eval lint docs clean assets

## The SPARQL editor (YASGUI), pinned in package.json and package-lock.json: npm ci installs exactly
## the locked versions (integrity hashes checked) and tools/vendor_assets.py copies the built files
## and their licences into kg/server/static/vendor/yasgui/ (gitignored), which kg serve serves.
## Without npm the editor is the plain text box, with a note, and its browser test is skipped.
YASGUI := kg/server/static/vendor/yasgui/yasgui.min.js

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@

$(VENV)/.system: | $(BIN)/activate
	@if [ "$$(id -u)" = "0" ]; then \
	  if ! command -v chromium >/dev/null; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	      || echo "warning: could not install chromium; browser tests will be skipped"; \
	  fi; \
	  if ! command -v dot >/dev/null; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz >/dev/null) \
	      || echo "warning: could not install graphviz; python -m tools.docs_gen needs --no-svg"; \
	  fi; \
	  if ! command -v virtuoso-t >/dev/null; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends virtuoso-opensource >/dev/null \
	      && (systemctl disable --now virtuoso-opensource-7 >/dev/null 2>&1 || service virtuoso-opensource-7 stop >/dev/null 2>&1 || true)) \
	      || echo "warning: could not install virtuoso-opensource; the Virtuoso tests will be skipped"; \
	  fi; \
	else \
	  command -v chromium >/dev/null || echo "note: not root and no chromium: browser tests will be skipped (apt-get install chromium)"; \
	  command -v dot >/dev/null || echo "note: no graphviz: python -m tools.docs_gen needs --no-svg (apt-get install graphviz)"; \
	  command -v virtuoso-t >/dev/null || echo "note: not root and no Virtuoso: the Virtuoso tests will be skipped (apt-get install virtuoso-opensource)"; \
	fi
	touch $@

## The main job on the embedded default store: load vocabularies and reference data,
## import the bundled documents, validate them, answer saved queries.
BUNDLED := examples/nykoping-2025-2026.ttl $(wildcard data/seeds) $(wildcard data/followups)

$(YASGUI): package.json package-lock.json | $(VENV)/.installed
	@if command -v npm >/dev/null; then \
	  (npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && $(BIN)/python -m tools.vendor_assets) \
	    || echo "warning: npm ci failed; the SPARQL editor is the plain text box"; \
	else \
	  echo "note: no npm: the SPARQL editor is the plain text box (apt-get install npm, then make assets)"; \
	fi

assets: $(YASGUI)

run: $(VENV)/.installed $(YASGUI)
	$(KG) init
	$(KG) validate --format table $(BUNDLED)
	$(KG) import $(BUNDLED)
	$(KG) documents
	$(KG) query run promises
	$(KG) query run priority-areas-by-municipality
	$(KG) query run municipalities-with-activity-type -p activityType=narkotikasok-med-hund
	$(KG) query run municipalities-with-activity-type -p activityType=narkotikasok-med-hund -p placeKind=skola
	$(KG) query run top-activity-types --limit 10
	$(KG) query run priority-areas-ranked --limit 10
	$(KG) query run followup-fulfilment
	@echo "Påhittat exempel, räknas inte i svaren ovan / a made-up example, not counted in the answers above:"
	$(KG) query run followup-fulfilment --include-examples
	$(KG) stats

## Everything the tests need, then lint, types and the tests. The tests run in TEST_WORKERS
## processes (pytest-xdist), each test file in one of them, so that a file's shared store or
## server is made once; `make test TEST_WORKERS=auto` uses every processor, `=0` one process.
## Python may cache its bytecode (and pytest its rewritten test modules) even where the shell sets
## PYTHONDONTWRITEBYTECODE: otherwise every test process and every `kg` the tests start compiles
## kg/ and tests/ again. Ruff and mypy keep their own caches (.ruff_cache, .mypy_cache), and npm
## ci runs only when package.json or package-lock.json is newer than the vendored editor.
TEST_WORKERS ?= 2

test: $(VENV)/.installed $(VENV)/.system $(YASGUI) lint
	PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest -q -n $(TEST_WORKERS) --dist loadfile

## Lint, format check and types, the first step of `make test`.
lint: $(VENV)/.installed
	$(BIN)/ruff check kg tests benchmarks tools
	$(BIN)/ruff format --check kg tests benchmarks tools
	$(BIN)/mypy

## Regenerate the files generated from ontology/: kg/namespaces.py and kg/namespaces_rdflib.py, the reference graph
## (from ../shared/reference), docs/ontology.md and docs/ontology.svg.
docs: $(VENV)/.installed $(VENV)/.system
	$(BIN)/python -m tools.namespaces_gen
	$(BIN)/python -m tools.reference
	$(BIN)/python -m tools.docs_gen

## Benchmarks at national scale (issues 9, 18, 19, 21): generates the synthetic corpora into
## benchmarks/out/, measures import, saved queries, serving, start-up, kg quality and publishing
## against their anchors, writes benchmarks/out/results.json after every step (a failing step is
## reported, the others still run) and benchmarks/RESULTS.md at the end. BENCH_ARGS=--plan lists
## the steps with the time each takes here; --resume runs again only those without results;
## --quick is a smoke test on 30 municipalities. Needs an idle machine for figures of record.
bench: $(VENV)/.installed
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

## Extraction quality on the development set (issue 15): runs the extractor on the 5 seeds and the
## 14 pages of ../shared/corpus/dev and scores it against benchmarks/gold/. A few seconds.
## `make eval EVAL_ARGS="--json"` for JSON, `EVAL_ARGS="--verbose"` for every miss and extra.
eval: $(VENV)/.installed
	$(BIN)/python benchmarks/eval_extraction.py $(EVAL_ARGS)

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache node_modules kg/server/static/vendor
