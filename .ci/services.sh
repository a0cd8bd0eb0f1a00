#!/usr/bin/env bash
# Services the service tests need, from Debian's packages: headless Chromium (browser tests) and a
# PostgreSQL cluster on 127.0.0.1 with a throw-away database (API tests against PostgreSQL).
#
# Usage (from .ci/run):   eval "$(bash .ci/services.sh)"
# Everything it says goes to stderr except the one line to evaluate:
#   export COMPLIANCE_TEST_POSTGRES_URL=postgresql://compliance:...@127.0.0.1:PORT/compliance_test
# Idempotent: a second run reuses the cluster it made and only (re)starts it.
set -euo pipefail

say() { echo "services.sh: $*" >&2; }

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
if [ "${#missing[@]}" -gt 0 ]; then
  say "installing ${missing[*]}"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
fi

bin="$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")"
base="${COMPLIANCE_PG_DIR:-/tmp/compliance-pg}"
data="$base/data"
port="${COMPLIANCE_PG_PORT:-55432}"
password_file="$base/password"
mkdir -p "$base"
# PostgreSQL refuses to run as root: the cluster belongs to the 'postgres' user the package made.
id postgres >/dev/null 2>&1 || useradd --system --home-dir "$base" --shell /usr/sbin/nologin postgres
chown postgres "$base"
as_pg() { runuser -u postgres -- "$@"; }

if [ ! -s "$password_file" ]; then
  head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' >"$password_file"
fi
chmod 600 "$password_file"
chown postgres "$password_file"
password="$(cat "$password_file")"

if [ ! -f "$data/PG_VERSION" ]; then
  say "initialising a cluster in $data"
  as_pg "$bin/initdb" -D "$data" -U postgres --auth-local=peer --auth-host=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 >&2
fi
if ! as_pg "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
  say "starting PostgreSQL on 127.0.0.1:$port"
  as_pg "$bin/pg_ctl" -D "$data" -l "$base/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$base -c fsync=off" start >&2
fi

psql_pg() { as_pg psql -h "$base" -p "$port" -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
if [ "$(psql_pg -c "SELECT 1 FROM pg_roles WHERE rolname = 'compliance'")" != "1" ]; then
  psql_pg -c "CREATE ROLE compliance LOGIN PASSWORD '$password'" >&2
fi
if [ "$(psql_pg -c "SELECT 1 FROM pg_database WHERE datname = 'compliance_test'")" != "1" ]; then
  psql_pg -c "CREATE DATABASE compliance_test OWNER compliance" >&2
fi
say "PostgreSQL ready; chromium at /usr/bin/chromium"
echo "export COMPLIANCE_TEST_POSTGRES_URL=postgresql://compliance:$password@127.0.0.1:$port/compliance_test"
