#!/usr/bin/env bash
# A PostgreSQL streaming replica of the machine's server, for the read-replica test (decision 0056): made with
# `pg_basebackup -R` on another port, started, used by packages/app/test/replica.test.ts (writes to the primary,
# heavy reads from the replica, the fallback when it lags or is stopped), then removed — whatever the outcome.
# Needs: the primary on 127.0.0.1:5432 with wal_level replica (or logical) and a free WAL sender; a `replication`
# line of pg_hba.conf for 127.0.0.1 is added when missing (and the configuration reloaded).
set -euo pipefail
cd "$(dirname "$0")/.."
primary="postgres://postgres@127.0.0.1:5432"
db=${PONTE_REPLICA_DB:-test}
port=${PONTE_REPLICA_PORT:-54329}
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
server_major=$(psql "$primary/postgres" -tAc 'show server_version_num' | cut -c1-2)
[ -x "/usr/lib/postgresql/$server_major/bin/pg_basebackup" ] && bin="/usr/lib/postgresql/$server_major/bin"

wal_level=$(psql "$primary/postgres" -tAc 'show wal_level')
if [ "$wal_level" = minimal ]; then
  echo "the primary has wal_level=minimal: set wal_level=replica and restart PostgreSQL to make a replica" >&2
  exit 1
fi
hba=$(psql "$primary/postgres" -tAc 'show hba_file')
if ! grep -Eq '^[[:space:]]*host[[:space:]]+replication[[:space:]]+(all|postgres)[[:space:]]+127\.0\.0\.1/32' "$hba"; then
  echo "host replication postgres 127.0.0.1/32 trust  # added by Ponte's .ci/replica.sh" >>"$hba"
  psql "$primary/postgres" -tAc 'select pg_reload_conf()' >/dev/null
fi

work=$(mktemp -d /tmp/ponte-replica.XXXXXX)
chown postgres:postgres "$work"
chmod 700 "$work"
data="$work/data"
as_postgres() { runuser -u postgres -- "$@"; }
stop_cmd="runuser -u postgres -- $bin/pg_ctl -D $data -m fast -w stop"
# A replication slot keeps on the primary the WAL the replica has not received yet (a busy primary recycles it
# otherwise, and a replica that was stopped a minute could never catch up); dropped with the replica.
slot=ponte_ci_replica
drop_slot() {
  psql "$primary/postgres" -tAc "select pg_drop_replication_slot('$slot') from pg_replication_slots where slot_name = '$slot'" >/dev/null || true
}
cleanup() {
  [ -n "${PONTE_REPLICA_KEEP:-}" ] && return
  as_postgres "$bin/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
  drop_slot
  rm -rf "$work"
}
trap cleanup EXIT

t0=$(date +%s)
drop_slot
as_postgres "$bin/pg_basebackup" -h 127.0.0.1 -p 5432 -U postgres -D "$data" -R -X stream -c fast -C -S "$slot"
# Debian keeps the configuration outside the data folder: the replica gets its own, minimal one, with the limits a
# hot standby must not set lower than its primary.
setting() { psql "$primary/postgres" -tAc "show $1"; }
as_postgres sh -c "cat >'$data/postgresql.conf'" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$work'
hot_standby = on
shared_buffers = 32MB
recovery_init_sync_method = syncfs
max_connections = $(setting max_connections)
max_worker_processes = $(setting max_worker_processes)
max_wal_senders = $(setting max_wal_senders)
max_prepared_transactions = $(setting max_prepared_transactions)
max_locks_per_transaction = $(setting max_locks_per_transaction)
CONF
as_postgres sh -c "printf 'local all all trust\nhost all all 127.0.0.1/32 trust\n' >'$data/pg_hba.conf'; : >'$data/pg_ident.conf'"
as_postgres "$bin/pg_ctl" -D "$data" -l "$work/log" -w -t 180 start || { tail -n 20 "$work/log" >&2; exit 1; }
pg_isready -h 127.0.0.1 -p "$port"
echo "replica on port $port, in recovery: $(psql "postgres://postgres@127.0.0.1:$port/postgres" -tAc 'select pg_is_in_recovery()'), made in $(($(date +%s) - t0)) s"

DATABASE_URL="$primary/$db" \
  PONTE_TEST_REPLICA_URL="postgres://postgres@127.0.0.1:$port/$db" \
  PONTE_TEST_REPLICA_STOP="$stop_cmd" \
  ${PONTE_REPLICA_TEST:-node scripts/test.mjs --db replica.test}
