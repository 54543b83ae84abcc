#!/usr/bin/env bash
# dm4j end to end, on one machine:
#   builds dm4j if needed, starts the MariaDB sandbox (upstream :3307, downstream :3308 unless DM_UP_PORT and
#   DM_DOWN_PORT say otherwise), a dm-master and a dm-worker, creates the source from conf/source.yaml, loads a
#   small sample schema (conf/demo-schema.sql) upstream, starts the
#   `all`-mode task of conf/task.yaml, changes rows upstream, waits until query-status says the task is synced,
#   and prints the status with a side-by-side row count and checksum of every table.
#
#   scripts/demo.sh          run the demo (master and worker keep running afterwards)
#   scripts/demo.sh stop     stop the master and worker (and the sandbox, if the demo started it)
#
# Environment: DM4J_DEMO_DIR (default /tmp/dm4j-demo: logs, master data, pids), DM4J_DEMO_MASTER_PORT (8261),
# DM4J_DEMO_WORKER_PORT (8262), DM4J_DEMO_TIMEOUT (seconds to wait for replication, default 180), plus the
# sandbox's own: DM_SANDBOX_DIR, DM_UP_PORT (3307) and DM_DOWN_PORT (3308), as scripts/mysql-sandbox.sh reads them;
# the demo runs conf/source.yaml and conf/task.yaml with those ports (copies in DM4J_DEMO_DIR).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${DM4J_DEMO_DIR:-/tmp/dm4j-demo}"
master_port="${DM4J_DEMO_MASTER_PORT:-8261}"
worker_port="${DM4J_DEMO_WORKER_PORT:-8262}"
timeout="${DM4J_DEMO_TIMEOUT:-180}"
up_port="${DM_UP_PORT:-3307}"
down_port="${DM_DOWN_PORT:-3308}"
conf="$root/conf"
master_addr="127.0.0.1:$master_port"
task_name="demo"
source_id="mariadb-01"

say() { echo "demo: $*"; }
die() { echo "demo: ERROR: $*" >&2; exit 1; }

dmctl() { "$root/bin/dmctl" --master-addr "$master_addr" --rpc-timeout 60s "$@"; }

sql_client() {
  if command -v mariadb >/dev/null 2>&1; then echo mariadb; elif command -v mysql >/dev/null 2>&1; then echo mysql; else
    die "no mariadb or mysql client found (scripts/mysql-sandbox.sh start installs one when run as root)"; fi
}
up() { "$(sql_client)" --no-defaults --default-character-set=utf8mb4 -h127.0.0.1 -P"$up_port" -uadmin -padmin "$@"; }
down() { "$(sql_client)" --no-defaults --default-character-set=utf8mb4 -h127.0.0.1 -P"$down_port" -uadmin -padmin "$@"; }

# conf/source.yaml and conf/task.yaml with the sandbox's ports (the samples say 3307 and 3308)
write_demo_conf() {
  sed -e "s/^\(  port: \)3307\b/\1$up_port/" "$conf/source.yaml" >"$dir/source.yaml"
  sed -e "s/^\(  port: \)3308\b/\1$down_port/" "$conf/task.yaml" >"$dir/task.yaml"
  grep -q "^  port: $up_port\b" "$dir/source.yaml" || die "could not set the upstream port in $dir/source.yaml"
  grep -q "^  port: $down_port\b" "$dir/task.yaml" || die "could not set the downstream port in $dir/task.yaml"
}

stop_processes() {
  local p
  for name in worker master; do
    if [ -f "$dir/$name.pid" ]; then
      p="$(cat "$dir/$name.pid")"
      if kill -0 "$p" 2>/dev/null; then
        kill "$p" 2>/dev/null || true
        for _ in $(seq 1 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$p" 2>/dev/null || true
        say "stopped dm-$name (pid $p)"
      fi
      rm -f "$dir/$name.pid"
    fi
  done
}

cmd_stop() {
  stop_processes
  if [ -f "$dir/sandbox-started-by-demo" ]; then
    "$root/scripts/mysql-sandbox.sh" stop
    rm -f "$dir/sandbox-started-by-demo"
  fi
  say "all stopped (logs stay in $dir)"
}

build_if_needed() {
  local jars=("$root/master/target/dm-master.jar" "$root/worker/target/dm-worker.jar" "$root/dmctl/target/dmctl.jar")
  local need=0 j
  for j in "${jars[@]}"; do
    if [ ! -f "$j" ]; then need=1; break; fi
    if [ -n "$(find "$root" -path '*/src/main/*' -newer "$j" -type f -print -quit 2>/dev/null)" ]; then need=1; break; fi
  done
  if [ "$need" = 1 ]; then
    command -v mvn >/dev/null 2>&1 || die "Maven (mvn) is needed to build dm4j; install it (and JDK 17+) first"
    say "building dm4j (mvn -B -q -DskipTests package) ..."
    # offline first (quiet; its output kept in a log): it fails only when ~/.m2 lacks an artifact, then online
    if ! (cd "$root" && mvn -B -q -o -DskipTests package >"$dir/build-offline.log" 2>&1); then
      say "the offline build needs artifacts not in ~/.m2 yet; building online (offline log: $dir/build-offline.log)"
      (cd "$root" && mvn -B -q -DskipTests package) || die "the build failed; run 'mvn -B -DskipTests package' in $root to see why"
    fi
  fi
}

wait_for() { # description, seconds, command...
  local what="$1" secs="$2"; shift 2
  local deadline=$(( $(date +%s) + secs ))
  until "$@" >/dev/null 2>&1; do
    [ "$(date +%s)" -lt "$deadline" ] || return 1
    sleep 1
  done
}

worker_registered() { dmctl list-member --worker | grep -q '"name": "demo-worker"'; }

load_sample_schema() {
  say "loading the sample schema \`demo\` upstream (and clearing it downstream)"
  down -e "DROP DATABASE IF EXISTS demo"
  up <"$conf/demo-schema.sql"
}

make_changes() {
  say "changing rows upstream (insert, update, delete)"
  up <"$conf/demo-changes.sql"
}

# Prints a JSON value of the first subtask of query-status (crude extraction without jq).
status_field() { # json, key
  echo "$1" | grep -m1 "\"$2\":" | sed -e 's/^[^:]*: *//' -e 's/[",]//g' -e 's/ *$//'
}

wait_synced() {
  local deadline=$(( $(date +%s) + timeout )) out stage unit synced
  say "waiting (up to ${timeout}s) until query-status says the task is synced ..."
  while true; do
    out="$(dmctl query-status "$task_name" 2>&1 || true)"
    stage="$(status_field "$out" stage)"
    unit="$(status_field "$out" unit)"
    synced="$(status_field "$out" synced)"
    if [ "$stage" = "Running" ] && [ "$unit" = "Sync" ] && [ "$synced" = "true" ]; then
      return 0
    fi
    if [ "$stage" = "Paused" ] && echo "$out" | grep -q '"ErrCode"'; then
      echo "$out"
      echo "demo: ERROR: the task stopped with an error (shown above):" >&2
      echo "$out" | grep '"Message"' | head -3 >&2
      return 1
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
      echo "$out"
      echo "demo: ERROR: no replication within ${timeout}s (stage '${stage:-?}', unit '${unit:-?}', synced '${synced:-?}')." >&2
      return 1
    fi
    sleep 2
  done
}

# count and checksum (BIT_XOR of CRC32 over every column) of a table on one side
table_digest() { # side(up|down) table
  local cols
  cols="$(up -N -e "SELECT GROUP_CONCAT(CONCAT('COALESCE(HEX(\`', column_name, '\`), ''~'')') ORDER BY ordinal_position)
                      FROM information_schema.columns WHERE table_schema = 'demo' AND table_name = '$2'")"
  "$1" -N -e "SELECT COUNT(*), LPAD(HEX(COALESCE(BIT_XOR(CRC32(CONCAT_WS('|', $cols))), 0)), 8, '0') FROM demo.\`$2\`" 2>/dev/null \
    || echo "missing -"
}

compare_tables() {
  local t u d ok=0
  printf '\n%-12s | %8s %10s | %8s %10s | %s\n' "table" "up rows" "checksum" "down rows" "checksum" "same"
  printf '%s\n' "-------------+---------------------+---------------------+-----"
  for t in $(up -N -e "SELECT table_name FROM information_schema.tables WHERE table_schema = 'demo' ORDER BY 1"); do
    read -r ur uc <<<"$(table_digest up "$t")"
    read -r dr dc <<<"$(table_digest down "$t")"
    if [ "$ur" = "$dr" ] && [ "$uc" = "$dc" ]; then same=yes; else same=NO; ok=1; fi
    printf '%-12s | %8s %10s | %8s %10s | %s\n' "$t" "$ur" "$uc" "$dr" "$dc" "$same"
  done
  echo
  return $ok
}

fail_cleanup() {
  say "logs: $dir/master.log, $dir/worker.log"
  stop_processes
  exit 1
}

cmd_start() {
  mkdir -p "$dir"
  for name in master worker; do
    if [ -f "$dir/$name.pid" ] && kill -0 "$(cat "$dir/$name.pid")" 2>/dev/null; then
      die "a demo is already running (dm-$name pid $(cat "$dir/$name.pid")); stop it first: scripts/demo.sh stop"
    fi
  done
  build_if_needed
  if ! "$root/scripts/mysql-sandbox.sh" status >/dev/null 2>&1; then
    say "starting the MariaDB sandbox"
    "$root/scripts/mysql-sandbox.sh" start
    touch "$dir/sandbox-started-by-demo"
  fi
  rm -rf "$dir/master-data" "$dir"/*.log

  say "starting dm-master on $master_addr (log $dir/master.log)"
  (cd "$dir" && exec "$root/bin/dm-master" --name demo-master --master-addr "$master_addr" --data-dir "$dir/master-data" \
      --log-file "$dir/master.log" >"$dir/master.out" 2>&1) &
  echo $! >"$dir/master.pid"
  say "starting dm-worker on 127.0.0.1:$worker_port (log $dir/worker.log)"
  (cd "$dir" && exec "$root/bin/dm-worker" --name demo-worker --worker-addr "127.0.0.1:$worker_port" --join "$master_addr" \
      --log-file "$dir/worker.log" >"$dir/worker.out" 2>&1) &
  echo $! >"$dir/worker.pid"
  wait_for "worker registered" 60 worker_registered || { cat "$dir"/*.out >&2; echo "demo: ERROR: master and worker did not come up" >&2; fail_cleanup; }

  load_sample_schema
  write_demo_conf
  say "dmctl operate-source create $dir/source.yaml (conf/source.yaml, upstream port $up_port)"
  dmctl operate-source create "$dir/source.yaml" || fail_cleanup
  say "dmctl start-task --remove-meta $dir/task.yaml (conf/task.yaml, downstream port $down_port)"
  dmctl start-task --remove-meta "$dir/task.yaml" || fail_cleanup
  make_changes
  wait_synced || fail_cleanup

  say "dmctl query-status $task_name"
  dmctl query-status "$task_name"
  say "upstream (127.0.0.1:$up_port) vs downstream (127.0.0.1:$down_port), schema demo:"
  if ! compare_tables; then
    echo "demo: ERROR: upstream and downstream differ" >&2
    fail_cleanup
  fi
  say "done: the task keeps replicating; change rows upstream and see them arrive, e.g."
  echo "    $(sql_client) -h127.0.0.1 -P$up_port -uadmin -padmin -e \"INSERT INTO demo.orders (customer_id, item, qty) VALUES (2, 'pen', 3)\""
  echo "    bin/dmctl --master-addr $master_addr query-status $task_name"
  say "to stop it all: scripts/demo.sh stop"
}

case "${1:-start}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  *) echo "usage: $0 [start|stop]" >&2; exit 2 ;;
esac
