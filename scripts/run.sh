#!/usr/bin/env bash
# `make run`: the extranet (`ims`) and, beside it, the public transparency site. Once the
# extranet answers its health check (migrations and demo data done), `ims-publish-site` writes
# the site from the published reports and `ims-site-server` serves that folder, without the
# database URL in its environment. Ctrl-C stops both; the exit status is the extranet's.
set -uo pipefail
cd "$(dirname "$0")/.."

bind="${IMS_BIND:-127.0.0.1:8080}"
database="${IMS_DATABASE_URL:-sqlite://data/ims.db}"
site_dir="${IMS_SITE_DIR:-target/public-site}"
site_bind="${IMS_SITE_BIND:-127.0.0.1:8081}"
# The extranet's publish button writes to the same folder when it reads IMS_SITE_DIR.
export IMS_SITE_DIR="$site_dir"

# A server bound to every interface is still checked through the loopback one.
port="${bind##*:}"
host="${bind%:*}"
case "$host" in
  0.0.0.0) host=127.0.0.1 ;;
  "[::]") host="[::1]" ;;
esac
health_url="http://$host:$port/api/health"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

ims_pid=""
site_pid=""
stopping=0

stop() {
  stopping=1
  if [ -n "$site_pid" ]; then kill "$site_pid" 2>/dev/null; fi
  if [ -n "$ims_pid" ]; then kill "$ims_pid" 2>/dev/null; fi
}
trap stop INT TERM
# Whatever ends the script (Ctrl-C, a failure, ims stopping), no server is left behind.
trap 'stop; wait' EXIT

healthy() {
  if command -v curl >/dev/null; then
    curl --silent --fail --max-time 2 --output /dev/null "$health_url"
  else
    # Without curl: bash's own TCP connection, one request.
    local response
    response="$(
      exec 3<>"/dev/tcp/${host//[\[\]]/}/$port" || exit 1
      printf 'GET /api/health HTTP/1.0\r\nHost: %s\r\n\r\n' "$host" >&3
      head -n 1 <&3
    )" 2>/dev/null && [[ "$response" == *" 200 "* ]]
  fi
}

# The extranet's exit status once it has stopped (waiting again when a signal interrupted the
# wait while it was still shutting down).
ims_status() {
  local status
  while true; do
    wait "$ims_pid"
    status=$?
    kill -0 "$ims_pid" 2>/dev/null || break
  done
  return "$status"
}

./target/release/ims &
ims_pid=$!

until healthy; do
  if ! kill -0 "$ims_pid" 2>/dev/null; then
    ims_status
    exit $?
  fi
  sleep 0.5
done

if [ "$stopping" = 0 ]; then
  say "writing the public site into $site_dir"
  if ! ./target/release/ims-publish-site --database "$database" --out "$site_dir"; then
    echo "ims-publish-site failed (see above); the extranet keeps running without a fresh public site" >&2
  fi
fi

if [ "$stopping" = 0 ]; then
  env -u IMS_DATABASE_URL -u IMS_SMTP_URL \
    ./target/release/ims-site-server --dir "$site_dir" --bind "$site_bind" &
  site_pid=$!
  sleep 0.5
  say "extranet:    http://$bind"
  if kill -0 "$site_pid" 2>/dev/null; then
    say "public site: http://$site_bind (the folder $site_dir; Ctrl-C stops both)"
  else
    echo "ims-site-server did not start (see above); the extranet keeps running" >&2
    site_pid=""
  fi
fi

ims_status
exit $?
