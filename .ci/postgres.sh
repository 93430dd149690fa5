#!/usr/bin/env bash
# Run a command beside a throwaway PostgreSQL server: FRESHDESK_TEST_POSTGRES_URL points at a fresh
# database on 127.0.0.1 whose role has a random password (never printed, never written to a file)
# and may create databases (each test module makes its own); the server and its files are removed
# when the command ends. Installs Debian's postgresql if absent.
#   .ci/postgres.sh make test
# With FRESHDESK_TEST_POSTGRES_URL already set, runs the command against that server instead.
# For `make load transform` against it: FRESHDESK_DESTINATION_URL="$FRESHDESK_TEST_POSTGRES_URL".
set -euo pipefail

if [[ -n "${FRESHDESK_TEST_POSTGRES_URL:-}" ]]; then
  exec "$@"
fi

pg_bin() { find /usr/lib/postgresql -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -1; }
if [[ -z "$(pg_bin)" ]]; then
  echo "postgres.sh: installing Debian's postgresql" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
BIN="$(pg_bin)"

# initdb and postgres refuse to run as root: run them as the postgres account then.
AS=()
DIR="$(mktemp -d "${TMPDIR:-/tmp}/freshdesk-pg.XXXXXX")"  # mode 700: the socket is private
if [[ $EUID -eq 0 ]]; then
  AS=(runuser -u postgres --)
  chown postgres: "$DIR"
fi
stop() {
  "${AS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap stop EXIT

PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"${AS[@]}" "$BIN/initdb" -D "$DIR/data" -U postgres -E UTF8 --locale=C.UTF-8 \
  --auth-local=trust --auth-host=scram-sha-256 >/dev/null
# A test server: durability is not needed, so no fsync.
"${AS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c synchronous_commit=off" start >/dev/null

PASSWORD="$(python3 -c 'import secrets; print(secrets.token_hex(16))')"
"${AS[@]}" "$BIN/psql" -h "$DIR" -p "$PORT" -U postgres -d postgres -q -v ON_ERROR_STOP=1 <<SQL
CREATE ROLE freshdesk LOGIN CREATEDB PASSWORD '$PASSWORD';
CREATE DATABASE freshdesk OWNER freshdesk;
SQL
export FRESHDESK_TEST_POSTGRES_URL="postgresql://freshdesk:$PASSWORD@127.0.0.1:$PORT/freshdesk"
echo "postgres.sh: PostgreSQL $("$BIN/postgres" -V | awk '{print $3}') on 127.0.0.1:$PORT, database freshdesk" >&2
"$@"
