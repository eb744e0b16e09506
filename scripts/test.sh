#!/usr/bin/env bash
# Every check, in the order a failure is cheapest to find: formatting, lints, unit and
# integration tests (SQLite always; PostgreSQL too when IMS_TEST_POSTGRES_URL is set), the
# release frontend build, then the end-to-end tests in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "tools"
bash scripts/bootstrap.sh --browser

step "formatting"
cargo fmt --all -- --check

step "clippy (backend and shared)"
cargo clippy -p shared -p backend --all-targets -- -D warnings
step "clippy (frontend, wasm32)"
cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings

if [ -n "${IMS_TEST_POSTGRES_URL:-}" ]; then
  step "unit and integration tests on SQLite and PostgreSQL"
else
  step "unit and integration tests on SQLite (set IMS_TEST_POSTGRES_URL to add PostgreSQL)"
fi
# The output is kept to count ignored tests: without a PostgreSQL URL the PostgreSQL runs are
# reported as ignored, and `.ci/run` (IMS_REQUIRE_EVERY_TEST=1) fails on any ignored test.
test_log="$(mktemp)"
cargo test -p shared -p backend 2>&1 | tee "$test_log"
ignored="$(grep -Eo '[0-9]+ ignored' "$test_log" | awk '{sum += $1} END {print sum + 0}')"
rm -f "$test_log"
if [ "$ignored" -gt 0 ]; then
  echo "$ignored tests were ignored (PostgreSQL runs need IMS_TEST_POSTGRES_URL)"
  if [ "${IMS_REQUIRE_EVERY_TEST:-}" = "1" ]; then
    echo "IMS_REQUIRE_EVERY_TEST=1: every test must run" >&2
    exit 1
  fi
fi

step "release frontend build"
make --no-print-directory dist/index.html

step "end-to-end tests in headless Chromium"
cargo build -p backend --bin ims --bin ims-site-server
chromium --version
# One run per screen size, each against a fresh server and database, so that what one run
# records (imports, new users) cannot change what the other expects.
(cd end2end && npx playwright test --project desktop)
(cd end2end && E2E_PORT=8092 npx playwright test --project tablet)
