# TradeSentinel — every command of the README is a target here.
# Paths are relative to the repository root; run make from there.

SHELL := /bin/bash
CONFIG ?= Release
SENTINEL_DLL := services/TradeSentinel.Tools/bin/$(CONFIG)/net10.0/sentinel.dll
SENTINEL := dotnet $(SENTINEL_DLL)
SAMPLE := tests/data/sample
MODEL ?= .build/model/sentinel-model.zip
RESULTS := .build/test-results
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps build model run replay evaluate backtest calibrate bench wall test test-unit test-integration lint clean

## deps: install what the pipeline and its tests need on a fresh Debian machine (redis-server; prometheus/promtool,
## docker-compose and node for checking the deploy files; chromium for the console's browser test) and restore NuGet and npm packages (again when package-lock.json changes)
deps:
	@missing=""; \
	command -v redis-server >/dev/null || missing="$$missing redis-server"; \
	command -v prometheus >/dev/null || missing="$$missing prometheus"; \
	command -v docker-compose >/dev/null || missing="$$missing docker-compose"; \
	command -v npm >/dev/null || missing="$$missing nodejs npm"; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi
	dotnet restore TradeSentinel.sln --verbosity quiet
	[ tests/deploy-check/node_modules/.package-lock.json -nt tests/deploy-check/package-lock.json ] || npm ci --prefix tests/deploy-check --no-audit --no-fund --silent
	@# Debian's kubernetes-client (kubectl 1.20) bundles kustomize 2, too old for deploy/k8s's overlays.
	@command -v kubectl >/dev/null || echo "note: the tests of deploy/k8s need kubectl 1.27 or later (kustomize v5 built in); Debian's kubernetes-client is too old"

build: deps
	dotnet build TradeSentinel.sln -c $(CONFIG) --no-restore --verbosity quiet -nologo

## model: the default scoring model, trained on every simulated scenario at seeds 1-5 (about 2 minutes, once).
## The backtest uses seeds 101 and 102, and the contract samples are never trained on: both are out of sample.
TRAIN_SEEDS ?= 1,2,3,4,5
model: $(MODEL)
# Retrained when the feature vector's layout or meaning changes (the scorer refuses a model of another schema).
$(MODEL): services/TradeSentinel.Scoring/Features/FeatureSchema.cs | build
	$(SENTINEL) train --simulate $(TRAIN_SEEDS) --out $(MODEL)

## run: the demo — replays the attack sample through the embedded broker and a local redis-server, printing alerts,
## and serves the analyst console on them (its address and dev accounts printed) until Ctrl-C
run: model
	$(SENTINEL) console --dev --model $(MODEL)

## replay INPUT=trades.jsonl[.gz] OUTPUT=alerts.jsonl
replay: model
	@test -n "$(INPUT)" -a -n "$(OUTPUT)" || { echo "usage: make replay INPUT=trades.jsonl OUTPUT=alerts.jsonl"; exit 2; }
	$(SENTINEL) replay --input $(INPUT) --output $(OUTPUT) --model $(MODEL)

## evaluate INPUT=trades.jsonl[.gz] LABELS=labels.jsonl
evaluate: model
	@test -n "$(INPUT)" -a -n "$(LABELS)" || { echo "usage: make evaluate INPUT=trades.jsonl LABELS=labels.jsonl"; exit 2; }
	$(SENTINEL) evaluate --input $(INPUT) --labels $(LABELS) --model $(MODEL)

## backtest: every scenario at seeds 101 and 102 through the whole pipeline, against the simple rule;
## writes .build/backtest/report.md, results.json and charts/*.png; TAPES=tape.jsonl.gz[,...] adds each recorded tape alone and
## with a leaked app laid over it (sentinel overlay), against the simple rule and the preventable ceiling
backtest: model
	$(SENTINEL) backtest --seeds 101,102 --model $(MODEL) --out .build/backtest $(if $(TAPES),--tapes $(TAPES))

## calibrate TAPES=tape.jsonl.gz[,...]: the simulated benign market beside recorded tapes (trade sizes, inter-arrival, price jumps,
## same-price and same-millisecond shares, silences, pump shapes); writes .build/calibration/report.md, results.json and *.png
calibrate: build
	@test -n "$(TAPES)" || { echo "usage: make calibrate TAPES=tape.jsonl.gz[,...]"; exit 2; }
	$(SENTINEL) calibrate --tapes $(TAPES) --out .build/calibration

## bench: a simulated stream of 1M trades end to end, against the raw broker ceiling; writes bench/results.json and bench/report.md;
## then each in-process stage alone with BenchmarkDotNet (bench/stages/results), then the 10-minute soak (bench/soak.json, bench/soak.md): one pipeline at full rate, memory sampled
bench: model
	$(SENTINEL) bench --trades 1000000 --model $(MODEL) --out bench
	SENTINEL_MODEL=$(MODEL) dotnet tests/TradeSentinel.Benchmarks/bin/$(CONFIG)/net10.0/TradeSentinel.Benchmarks.dll bench/stages
	$(SENTINEL) growth --trades 600000 --model $(MODEL) --out bench
	$(SENTINEL) soak --minutes 10 --model $(MODEL) --out bench

## wall: 4 minutes of a simulated market played live through the pipeline, scraped by Debian's Prometheus;
## the Grafana dashboard's panels rendered as PNG into docs/wall (the charts in the README)
wall: model
	$(SENTINEL) wall --minutes 4 --model $(MODEL) --out docs/wall

## test: both suites, unit then integration; TRX results in .build/test-results
test: build
	rm -rf $(RESULTS)
	@# both suites run even when the first fails, so one run reports every failure
	status=0; \
	dotnet test tests/TradeSentinel.Tests -c $(CONFIG) --no-build --logger "trx;LogFileName=unit.trx" --results-directory $(RESULTS) --verbosity quiet || status=1; \
	dotnet test tests/TradeSentinel.IntegrationTests -c $(CONFIG) --no-build --logger "trx;LogFileName=integration.trx" --results-directory $(RESULTS) --verbosity quiet || status=1; \
	exit $$status

## lint: the code as .editorconfig wants it (whitespace, style, analyzers): `dotnet format` fixes what this refuses
lint: deps
	dotnet format TradeSentinel.sln --verify-no-changes --no-restore -v q

## test-unit: the fast suite alone (logic only: no broker, redis-server, child process or external tool)
test-unit: build
	dotnet test tests/TradeSentinel.Tests -c $(CONFIG) --no-build --verbosity quiet

## test-integration: the stages over the embedded broker (Kafka protocol over TCP) and a real redis-server, the commands
## as processes, the deploy files through their validators
test-integration: build
	dotnet test tests/TradeSentinel.IntegrationTests -c $(CONFIG) --no-build --verbosity quiet

clean:
	rm -rf .build
	dotnet clean TradeSentinel.sln --verbosity quiet
