#!/usr/bin/env bash
# Report reads under load through the running server (`make bench-reports`): a fresh server
# with the demo data on SQLite (or on PostgreSQL when IMS_BENCH_POSTGRES_URL names an empty
# database), signed in as the demo factory manager and as the demo buyer, loaded with wrk:
#   1. an unknown API route, 64 connections, 20 s: the framework's ceiling in this run;
#   2. report reads (factory manager), 64 connections, 20 s;
#   3. report reads (buyer: each read also writes the access ledger), 64 connections, 20 s;
#   4. report reads (factory manager), 256 connections, 60 s, 2 s time-out.
# Prints one RESULT line per run and writes them to target/bench/reports.txt. Never fails on
# a time; fails when the server cannot be started or signed in to.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$HOME/.cargo/bin:$PATH"

if ! command -v wrk >/dev/null; then
  echo "installing wrk"
  (apt-get update -qq && apt-get install -y -qq wrk) >/dev/null
fi
cargo build --release -p backend --bin ims

port="${BENCH_PORT:-8097}"
base="http://127.0.0.1:$port"
work="$(mktemp -d)"
database="${IMS_BENCH_POSTGRES_URL:-sqlite://$work/bench.db}"
IMS_DATABASE_URL="$database" IMS_BIND="127.0.0.1:$port" IMS_LOG=warn \
  ./target/release/ims >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do
  curl -sf "$base/api/health" >/dev/null 2>&1 && break
  sleep 1
done
curl -sf "$base/api/health" >/dev/null || { cat "$work/server.log"; exit 1; }

# Signs in and prints the session cookie (name=value).
session() {
  curl -sf -D - -o /dev/null -H 'Content-Type: application/json' -H 'x-csrf-token: anonymous' \
    -d "{\"username\":\"$1\",\"password\":\"angkor-wat-sunrise-2026\"}" "$base/api/auth/login" \
    | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \(ims_session=[^;]*\).*/\1/p'
}
factory_cookie="$(session factory)"
buyer_cookie="$(session buyer)"
[ -n "$factory_cookie" ] && [ -n "$buyer_cookie" ] || { echo "cannot sign in"; exit 1; }

# The reports each reader may open: every published report of the factory manager's factory,
# and the latest report of each factory the buyer reads.
factory_paths="$(curl -sf -H "Cookie: $factory_cookie" "$base/api/visits?status=published" \
  | python3 -c 'import json,sys; print(" ".join("/api/reports/%d" % v["id"] for v in json.load(sys.stdin)))')"
buyer_paths="$(curl -sf -H "Cookie: $buyer_cookie" "$base/api/suppliers" \
  | python3 -c 'import json,sys; print(" ".join("/api/reports/%d" % r["visit_id"] for f in json.load(sys.stdin) for r in f["reports"]))')"
echo "factory manager reads $(wc -w <<<"$factory_paths") reports; buyer reads $(wc -w <<<"$buyer_paths")"
[ -n "$factory_paths" ] || { echo "no published report to read"; exit 1; }

mkdir -p target/bench
out=target/bench/reports.txt
: >"$out"
run() { # name connections seconds cookie paths
  local line
  line="$(WRK_COOKIE="$4" WRK_PATHS="$5" wrk -t2 -c"$2" -d"$3"s --timeout 2s \
    -s bench/reports/reports.lua "$base" | grep '^RESULT')"
  echo "$1 connections=$2 ${line#RESULT }" | tee -a "$out"
}
run unknown_route 64 20 "$factory_cookie" "/api/no-such-route"
run report_factory 64 20 "$factory_cookie" "$factory_paths"
if [ -n "$buyer_paths" ]; then
  run report_buyer 64 20 "$buyer_cookie" "$buyer_paths"
fi
run report_factory 256 60 "$factory_cookie" "$factory_paths"
echo "written to $out"
