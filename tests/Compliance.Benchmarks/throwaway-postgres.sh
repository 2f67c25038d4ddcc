# Sourced by the benchmarks that run on PostgreSQL: a throwaway cluster from the machine's PostgreSQL binaries
# (Debian's postgresql package), listening only on a Unix socket in its folder. PostgreSQL refuses to run as
# root, so under root the cluster belongs to the postgres account.
#   pg_start DIR     initialises and starts it; sets PG_SOCKET and PG_CONNECTION (database "compliance")
#   pg_stop          stops it
#   pg_psql ARGS     psql on the compliance database
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[[ -n $pg_bin ]] || { echo "PostgreSQL is not installed (scripts/install-prerequisites.sh --tests installs it)." >&2; exit 1; }
pg_as_owner() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_start() {
  PG_DIR=$1
  mkdir -p "$PG_DIR/socket"
  [[ $(id -u) -eq 0 ]] && chown -R postgres "$PG_DIR"
  pg_as_owner "$pg_bin/initdb" -D "$PG_DIR/pgdata" -U compliance --auth=trust -E UTF8 >/dev/null
  pg_as_owner "$pg_bin/pg_ctl" start -D "$PG_DIR/pgdata" -w -l "$PG_DIR/postgres.log" \
    -o "-c listen_addresses='' -k $PG_DIR/socket -c unix_socket_permissions=0777" >/dev/null
  PG_SOCKET="$PG_DIR/socket"
  "$pg_bin/psql" -X -q -h "$PG_SOCKET" -U compliance -d postgres -c "CREATE DATABASE compliance" >/dev/null
  PG_CONNECTION="Host=$PG_SOCKET;Username=compliance;Database=compliance"
}
pg_stop() { [[ -n ${PG_DIR:-} ]] && pg_as_owner "$pg_bin/pg_ctl" stop -D "$PG_DIR/pgdata" -m fast >/dev/null 2>&1 || true; }
pg_psql() { "$pg_bin/psql" -X -q -h "$PG_SOCKET" -U compliance -d compliance "$@"; }
