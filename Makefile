# The two commands of the README: `make run` and `make test`.
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)

FRONTEND_SOURCES := $(shell find frontend/src frontend/js shared/src locales style -type f 2>/dev/null) \
	index.html Trunk.toml Cargo.toml Cargo.lock frontend/Cargo.toml shared/Cargo.toml package-lock.json \
	.cargo/config.toml scripts/bundle-echarts.mjs scripts/precompress.mjs scripts/build-service-worker.mjs \
	scripts/build-login-shell.mjs

.PHONY: run test tools backend bench-capture bench-first-load bench-analytics bench-reports wasm-profile

## Build everything that changed, migrate, load demo data on first start, serve on :8080;
## then write the public site from the published reports and serve it on :8081 (scripts/run.sh).
run: tools dist/index.html backend
	bash scripts/run.sh

## Formatting, lints, unit, integration (SQLite, and PostgreSQL with IMS_TEST_POSTGRES_URL) and browser tests.
test:
	bash scripts/test.sh

tools:
	@bash scripts/bootstrap.sh

backend:
	cargo build --release -p backend --bin ims --bin ims-publish-site --bin ims-site-server

# Rebuilt only when a frontend source changed, so a second `make run` starts in seconds.
dist/index.html: $(FRONTEND_SOURCES)
	trunk build --release --offline

## Browser benchmark: a 500-question cluster on a tablet-sized, CPU-slowed Chromium (prints and
## writes target/bench/capture-500.json; never fails on a time).
bench-capture: tools dist/index.html
	cargo build -p backend --bin ims
	cd bench/browser && npx playwright test --config playwright.config.ts capture_500

## First load of the web app on a tablet profile (768×1024, CPU slowed 4×, empty cache), on
## loopback and on Fast 3G: bytes and time until the login form is usable, then until the
## dashboard's chart is drawn (prints and writes target/bench/first-load.json; never fails on a time).
bench-first-load: tools dist/index.html
	cargo build -p backend --bin ims
	cd bench/browser && npx playwright test --config playwright.config.ts first_load

## Where the WebAssembly module's bytes are: code by crate and the largest functions.
wasm-profile: dist/index.html
	python3 scripts/wasm-size-profile.py

## Analytics benchmark: generates 1,100 factories with 20 years of assessments into SQLite
## (and into PostgreSQL when IMS_BENCH_POSTGRES_URL names an empty database), then measures the
## report and analytics API beside plain GROUP BY queries. Prints JSON lines; never fails on a time.
bench-analytics:
	cargo build --release -p backend --bin ims-generate --bin ims-bench
	mkdir -p target/bench && rm -f target/bench/industry.db*
	./target/release/ims-generate --database sqlite://target/bench/industry.db
	./target/release/ims-bench --database sqlite://target/bench/industry.db
	if [ -n "$${IMS_BENCH_POSTGRES_URL:-}" ]; then \
	  ./target/release/ims-generate --database "$$IMS_BENCH_POSTGRES_URL" && \
	  ./target/release/ims-bench --database "$$IMS_BENCH_POSTGRES_URL"; fi

## Report reads under load through the running server with wrk (64 and 256 connections, beside
## an unknown route). Prints RESULT lines and writes target/bench/reports.txt; never fails on a time.
bench-reports:
	bash bench/reports/run.sh
