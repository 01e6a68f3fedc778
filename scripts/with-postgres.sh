#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL server: install Debian's package if missing,
# initdb in a temporary directory owned by the postgres user (initdb refuses to run as root),
# listen only on a unix socket in that directory, and stop and remove it afterwards.
set -euo pipefail

# The client package alone also creates /usr/lib/postgresql/N/bin, so look for the server itself.
pg_bin() { ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 | xargs -r dirname; }

if [ -z "$(pg_bin)" ]; then
  echo "== installing PostgreSQL (Debian package)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends postgresql postgresql-contrib >/dev/null
fi
BIN=$(pg_bin)
RUN_AS=()
if [ "$(id -u)" = "0" ]; then RUN_AS=(runuser -u postgres --); fi

DIR=$(mktemp -d /tmp/sanxiang-pg.XXXXXX)
chmod 755 "$DIR"
[ "$(id -u)" = "0" ] && chown postgres:postgres "$DIR"
cleanup() {
  "${RUN_AS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap cleanup EXIT

"${RUN_AS[@]}" "$BIN/initdb" -D "$DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${RUN_AS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
  -o "-c listen_addresses='' -c unix_socket_directories='$DIR' -c fsync=off -c max_connections=100" start >/dev/null
"${RUN_AS[@]}" "$BIN/createdb" -h "$DIR" -U postgres sanxiang

export SANXIANG_DATABASE_URL="postgresql://postgres@/sanxiang?host=$DIR"
echo "== PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') on $DIR"
"$@"
