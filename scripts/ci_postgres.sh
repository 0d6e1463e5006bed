#!/usr/bin/env bash
# Make the PostgreSQL server programs (initdb, pg_ctl, postgres) available for the store
# tests. The tests start their own throwaway server in a temporary folder (as `nobody`
# when run as root), so no service or database needs to be set up: only the binaries.
# Found on PATH, in /usr/local/bin or /usr/lib/postgresql/*/bin, nothing is installed.
# Usage: scripts/ci_postgres.sh   (needs apt-get, and root or sudo, when it must install)
set -euo pipefail

have_pg() {
  command -v initdb >/dev/null 2>&1 && return 0
  [ -x /usr/local/bin/initdb ] && return 0
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null && return 0
  return 1
}

if have_pg; then
  echo "ci_postgres: PostgreSQL server binaries found"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ci_postgres: no PostgreSQL and no apt-get: install the server binaries (initdb, pg_ctl) yourself" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends postgresql util-linux locales >/dev/null
# The package starts its own cluster; the tests do not use it.
if command -v pg_lsclusters >/dev/null 2>&1; then
  pg_lsclusters --no-header 2>/dev/null | while read -r ver name _; do
    $SUDO pg_ctlcluster "$ver" "$name" stop >/dev/null 2>&1 || true
  done
fi
have_pg && echo "ci_postgres: installed $(ls -d /usr/lib/postgresql/*/bin | tail -1)"
