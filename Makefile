# claimgraph — everything a fresh machine needs is installed from here.
#   make run    build the graph from seeds/ and say where to look
#   make test   install what the tests need (Python venv, Chromium, Neo4j's Cypher parser, Neo4j's test harness) and run them
#   make bench  the benchmarks (by hand; results go in the issue notes)

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
NODE_STAMP := tools/node_modules/.installed
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo -n)

.PHONY: install run test test-fast bench browser cypher-tools neo4j-harness clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $@

install: $(STAMP)

run: install
	$(BIN)/claimgraph build seeds --out out --exports
	@echo
	@echo "Look at:  out/views/index.html    (open it in a browser; works offline)"
	@echo "          out/graph.json          (the whole graph, networkx node-link JSON)"
	@echo "Ask:      $(BIN)/claimgraph queries      then e.g.  $(BIN)/claimgraph query who-disagrees-with-whom"

# Debian's Chromium for the browser tests; never a browser downloaded by a test tool.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }

# Neo4j's own Cypher parser (npm @neo4j-cypher/language-support), run offline under Node by the tests.
$(NODE_STAMP): tools/package.json tools/package-lock.json
	cd tools && npm ci --silent --no-audit --no-fund
	touch $@

cypher-tools: $(NODE_STAMP)

# A real Neo4j 5 for the tests, in-process from its official harness (Maven Central), where java and mvn exist.
HARNESS_DIR   := tools/neo4j-harness
HARNESS_STAMP := $(HARNESS_DIR)/target/.built
$(HARNESS_STAMP): $(HARNESS_DIR)/pom.xml $(wildcard $(HARNESS_DIR)/src/main/java/claimgraph/*.java)
	cd $(HARNESS_DIR) && mvn -q -B package
	touch $@

neo4j-harness:
	@if command -v java >/dev/null 2>&1 && command -v mvn >/dev/null 2>&1; then $(MAKE) --no-print-directory $(HARNESS_STAMP); \
	else echo "java or mvn not found: the Neo4j tests will be skipped (set NEO4J_URI to use a server)"; fi

test: install browser cypher-tools neo4j-harness
	$(BIN)/python -m pytest

test-fast: install
	$(BIN)/python -m pytest -m "not slow and not browser"

bench: install
	$(BIN)/python -m bench.run

clean:
	rm -rf out .pytest_cache .hypothesis
