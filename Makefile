# `make up` runs the CRM on this machine; `make test` checks it. Both install what they need.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
PROTOS := $(shell find protos -name '*.proto')
PACKAGES := libs/crm_platform services/marketing services/sales services/service-desk \
            services/reporting services/activities services/notifications gateway
PYPROJECTS := $(addsuffix /pyproject.toml,$(PACKAGES))

.PHONY: help install kafka-jars postgres up test lint deploy-check unit integration e2e faults bench clean

help:
	@echo "make up     install, migrate and run Kafka, the four services and the gateway"
	@echo "make test   lint, deployment checks, unit, integration, end-to-end and fault tests"
	@echo "make bench  measure the hot paths (REST, gRPC, in-process) and save bench/results/"
	@echo "make clean  delete local data (var/) and build output"

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip setuptools wheel

# The generated `crm` package is rebuilt whenever a .proto file changes.
$(VENV)/.protos: $(PY) $(PROTOS) protos/setup.py protos/pyproject.toml
	$(PY) -m pip install -q --force-reinstall --no-deps ./protos
	$(PY) -m pip install -q ./protos
	@touch $@

$(VENV)/.installed: $(VENV)/.protos $(PYPROJECTS) requirements-dev.txt
	$(PY) -m pip install -q -r requirements-dev.txt $(addprefix -e ,$(PACKAGES))
	@touch $@

# The web UI's front-end packages: npm ci from the committed lock, then the files the pages load
# copied into the gateway's static folder (gitignored build output; no CDN at run time).
WEB_VENDOR := gateway/gateway/web/static/vendor/chart.umd.min.js
$(WEB_VENDOR): gateway/web-assets/package-lock.json gateway/web-assets/copy-vendor.mjs
	@command -v npm >/dev/null || { apt-get update -qq && apt-get install -y -qq nodejs npm; }
	npm ci --prefix gateway/web-assets --no-audit --no-fund
	npm run --prefix gateway/web-assets build

install: $(VENV)/.installed $(WEB_VENDOR)

# The broker's jars come from Maven Central; the classpath file points into ~/.m2.
build/kafka.classpath: tools/kafka/pom.xml
	@command -v mvn >/dev/null || { apt-get update -qq && apt-get install -y -qq maven; }
	@mkdir -p build
	mvn -q -B -f tools/kafka/pom.xml dependency:build-classpath -Dmdep.outputFile=$(CURDIR)/$@

kafka-jars: build/kafka.classpath

postgres: install
	$(PY) -c "from crm_platform.local.postgres_cluster import ensure_postgres_installed as e; e()"

up: install kafka-jars
	exec scripts/run-stack

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

unit: install
	$(BIN)/pytest -q $$(find libs services gateway -type d -path '*/tests/unit')

integration: install kafka-jars postgres
	$(BIN)/pytest -q $$(find libs services gateway -type d -path '*/tests/integration') gateway/tests/web gateway/tests/clients tests/integration

e2e: install kafka-jars
	@# A CJK font, so that the Chinese pages' screenshots show characters, not boxes.
	@command -v chromium >/dev/null && dpkg -s fonts-wqy-microhei >/dev/null 2>&1 || \
	  { apt-get update -qq && apt-get install -y -qq chromium fonts-wqy-microhei; }
	$(BIN)/pytest -q tests/e2e

# Processes killed (kill -9) and the broker stopped under load, on a stack of their own.
faults: install kafka-jars
	$(BIN)/pytest -q tests/faults

# The deployment files (Dockerfile, docker-compose.yml, deploy/k8s) checked with no Docker engine
# and no cluster; kustomize is built from the Go module proxy into build/bin.
KUSTOMIZE_VERSION := v5.5.0
build/bin/kustomize:
	GOBIN=$(CURDIR)/build/bin go install sigs.k8s.io/kustomize/kustomize/v5@$(KUSTOMIZE_VERSION)

deploy-check: install build/bin/kustomize
	$(BIN)/pytest -q tests/deploy

test: lint deploy-check unit integration e2e faults

# Seeds issue 10's data, then measures; `make bench BENCH_ARGS=--quick` for a short run.
bench: install kafka-jars
	@command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
	cd bench && ../$(PY) run.py $(BENCH_ARGS)

clean:
	rm -rf var build
