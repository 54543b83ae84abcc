#!/usr/bin/env bash
# Sysbench catch-up benchmark, as a user sees it: a paused `all` task of real dm-master/dm-worker processes is
# resumed in front of a sysbench oltp_write_only backlog; the same backlog is then applied by MariaDB's own
# parallel replica (slave_parallel_threads=4, optimistic) into the same starting data. Prints both times, the ratio
# native / dm4j, CPU seconds per row change (dm-worker JVM + downstream server), whether upstream = downstream after
# each, and (unless --no-latency) the p99 commit-to-downstream latency of dm4j at half the measured capacity, then
# of the replica at the same rate (it replays everything after the backlog first, so it starts caught up too).
# Capacity: the rate the whole chain sustains (sysbench unthrottled for --latency-seconds with the task running,
# timed until its last change is downstream), or the catch-up's rate where that is lower; a rate above what the
# upstream can take while replicating is no steady load (sysbench only queues), so each latency line also prints
# the rate sysbench kept.
#
#   bench/run-sysbench-sync-bench.sh [--tables 4] [--table-size 50000] [--events 50000] [--threads 4]
#                                    [--worker-count 16] [--batch 100] [--multiple-rows true|false]
#                                    [--split-transactions true|false]
#                                    [--no-native] [--no-latency] [--latency-seconds 30] [--latency-rate TPS]
#                                    [--jfr FILE]
#
# --latency-rate fixes the latency phase's sysbench rate (transactions/s) instead of half the capacity just
# measured, so that runs on a busy machine (whose catch-up was slow) are still compared at the same load.
#
# Needs: the sandbox (scripts/mysql-sandbox.sh; DM_SANDBOX_DIR, DM_UP_PORT, DM_DOWN_PORT), sysbench
# (apt-get install sysbench), dm4j built (mvn -B -o -DskipTests package). The downstream's replication settings
# are put back at the end. Environment: BENCH_DIR (default /tmp/dm4j-sysbench-bench), DM_WORKER_JAVA_OPTS.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${BENCH_DIR:-/tmp/dm4j-sysbench-bench}"
up_port="${DM_UP_PORT:-3307}"
down_port="${DM_DOWN_PORT:-3308}"
sock_dir="${DM_SANDBOX_DIR:-/tmp/dm-sandbox}"
tables=4 table_size=50000 events=50000 threads=4 workers=16 batch=100 multirows=false split=false
native=1 latency=1 latency_seconds=30 latency_rate="" jfr=""
while [ $# -gt 0 ]; do
  case "$1" in
    --tables) tables="$2"; shift 2 ;;
    --table-size) table_size="$2"; shift 2 ;;
    --events) events="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --worker-count) workers="$2"; shift 2 ;;
    --batch) batch="$2"; shift 2 ;;
    --multiple-rows) multirows="$2"; shift 2 ;;
    --split-transactions) split="$2"; shift 2 ;;
    --no-native) native=0; shift ;;
    --no-latency) latency=0; shift ;;
    --latency-seconds) latency_seconds="$2"; shift 2 ;;
    --latency-rate) latency_rate="$2"; shift 2 ;;
    --jfr) jfr="$2"; shift 2 ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
db=sbtest task=sbbench source_id=sb-src

say() { echo "sysbench-bench: $*" >&2; }
die() { echo "sysbench-bench: ERROR: $*" >&2; exit 1; }
up() { mariadb --no-defaults -h127.0.0.1 -P"$up_port" -uadmin -padmin "$@"; }
down() { mariadb --no-defaults -h127.0.0.1 -P"$down_port" -uadmin -padmin "$@"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
master_port="$(free_port)"; worker_port="$(free_port)"
dmctl() { "$root/bin/dmctl" --master-addr "127.0.0.1:$master_port" --rpc-timeout 60s "$@"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
thread_ticks() { # pid: "tid ticks name" of each thread (the name may hold spaces: it sits in parentheses)
  local f
  for f in /proc/"$1"/task/*/stat; do
    { sed -E 's/^([0-9]+) \((.*)\) (.*)$/\1 \3 \2/' "$f" 2>/dev/null || true; } | awk '{n=$1; t=$13+$14; $1=""; for (i=2;i<=51;i++) $i=""; gsub(/^ +/, ""); print n, t, $0}'
  done # a thread that ended meanwhile is left out
}
now() { date +%s.%N; }
tick_hz="$(getconf CLK_TCK)"
down_pid="$(cat "$sock_dir/down/mysqld.pid")"
command -v sysbench >/dev/null || die "sysbench is missing: apt-get install -y sysbench"
for j in master/target/dm-master.jar worker/target/dm-worker.jar dmctl/target/dmctl.jar; do
  [ -f "$root/$j" ] || die "$j is missing: mvn -B -o -DskipTests package"
done

mkdir -p "$dir"; rm -rf "$dir/master-data" "$dir"/*.log
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  down -e "STOP SLAVE; RESET SLAVE ALL; SET GLOBAL replicate_do_db=''; SET GLOBAL slave_parallel_threads=0;
           SET GLOBAL slave_run_triggers_for_rbr=NO;
           SET GLOBAL gtid_strict_mode=1" >/dev/null 2>&1 || true
}
trap cleanup EXIT

sb() { sysbench oltp_write_only --db-driver=mysql --mysql-host=127.0.0.1 --mysql-port="$up_port" --mysql-user=admin \
  --mysql-password=admin --mysql-db="$db" --tables="$tables" --table-size="$table_size" "$@"; }

checksums() { # side
  local t out=""
  for t in $(seq 1 "$tables"); do out="$out $($1 -N -e "CHECKSUM TABLE $db.sbtest$t" | awk '{print $2}')"; done
  echo "$out"
}
same_as() { [ "$1" = "$(checksums down)" ] && echo yes || echo NO; }
same_as_upstream() { same_as "$(checksums up)"; }
# Waits inside the downstream server for a table to appear: a mariadb client process every 50 ms took ~0.3 of the
# machine's 2 cores from the replay being timed.
install_await_table() {
  down <<'SQL'
CREATE DATABASE IF NOT EXISTS dm4j_bench;
DROP PROCEDURE IF EXISTS dm4j_bench.await_table;
DELIMITER //
CREATE PROCEDURE dm4j_bench.await_table(IN s VARCHAR(64), IN t VARCHAR(64), IN timeout_s INT)
BEGIN
  DECLARE deadline DATETIME(6) DEFAULT SYSDATE(6) + INTERVAL timeout_s SECOND;
  WHILE NOT EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = s AND table_name = t) DO
    IF SYSDATE(6) > deadline THEN
      SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'the table did not arrive in time';
    END IF;
    DO SLEEP(0.005);
  END WHILE;
END//
DELIMITER ;
SQL
}
await_table_down() { # table timeout-seconds
  down -e "CALL dm4j_bench.await_table('$db', '$1', $2)" || die "$1 did not arrive downstream within $2 s"
}
percentile() { # table fraction: milliseconds from t_up to t_down at that rank of the probes
  down -N -e "SELECT ROUND(MAX(us) / 1000, 1) FROM (SELECT TIMESTAMPDIFF(MICROSECOND, t_up, t_down) us,
           PERCENT_RANK() OVER (ORDER BY TIMESTAMPDIFF(MICROSECOND, t_up, t_down)) pr FROM $db.$1) x WHERE pr <= $2"
}
# sysbench at the latency rate plus one probe row upstream every 20 ms
steady_load() { # probe-table log-name
  sb --threads="$threads" --events=0 --time="$latency_seconds" --rate="$rate" run >"$dir/$2" &
  local sbpid=$!
  for i in $(seq 1 "$probes"); do echo "INSERT INTO $1 VALUES ($i, NOW(6)); DO SLEEP(0.02);"; done | up -D "$db"
  wait "$sbpid"
}
achieved() { awk '/transactions:/ {gsub(/[()]/, "", $3); print int($3)}' "$dir/$1"; } # sysbench log: its rate
# A DDL marker: dm4j runs a DDL only after every earlier change is committed; the replica commits in order.
marker() { up -D "$db" -e "CREATE TABLE $1 (id INT PRIMARY KEY)"; }

say "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
say "preparing $tables x $table_size sysbench rows upstream"
up -e "DROP DATABASE IF EXISTS $db; CREATE DATABASE $db"
down -e "DROP DATABASE IF EXISTS $db; DROP DATABASE IF EXISTS ${db}_start; DROP DATABASE IF EXISTS dm_meta"
install_await_table
sb --threads=4 prepare >/dev/null

say "starting dm-master :$master_port and dm-worker :$worker_port"
worker_opts="${DM_WORKER_JAVA_OPTS:-}"
if [ -n "$jfr" ]; then export DM4J_CDS=off; worker_opts="$worker_opts -XX:+FlightRecorder -XX:StartFlightRecording=filename=$jfr,settings=${JFR_SETTINGS:-profile},dumponexit=true"; fi
(cd "$dir" && exec "$root/bin/dm-master" --name sb-master --master-addr "127.0.0.1:$master_port" \
   --data-dir "$dir/master-data" --log-file "$dir/master.log" >"$dir/master.out" 2>&1) &
pids+=($!)
(cd "$dir" && JAVA_OPTS="$worker_opts" exec "$root/bin/dm-worker" --name sb-worker --worker-addr "127.0.0.1:$worker_port" \
   --join "127.0.0.1:$master_port" --log-file "$dir/worker.log" >"$dir/worker.out" 2>&1) &
pids+=($!)
for _ in $(seq 1 120); do dmctl list-member --worker 2>/dev/null | grep -q '"sb-worker"' && break; sleep 1; done
worker_pid="$(pgrep -f -- "--worker-addr 127.0.0.1:$worker_port" | while read -r p; do
  [ "$(cat /proc/$p/comm)" = java ] && echo "$p"; done | head -1)"
[ -n "$worker_pid" ] || die "no dm-worker JVM found"

cat >"$dir/source.yaml" <<EOF
source-id: "$source_id"
enable-gtid: false
flavor: "mariadb"
from: {host: "127.0.0.1", port: $up_port, user: "dm", password: "dm"}
EOF
cat >"$dir/task.yaml" <<EOF
name: "$task"
task-mode: all
target-database: {host: "127.0.0.1", port: $down_port, user: "dm", password: "dm"}
mysql-instances:
  - {source-id: "$source_id", block-allow-list: "bal", syncer-config-name: "s"}
block-allow-list:
  bal: {do-dbs: ["$db"]}
syncers:
  s: {worker-count: $workers, batch: $batch, multiple-rows: $multirows, split-transactions: $split, safe-mode-duration: "0s"${SB_SYNCER_EXTRA:-}}
EOF
dmctl operate-source create "$dir/source.yaml" >/dev/null || die "operate-source failed (log $dir/master.log)"
dmctl start-task --remove-meta "$dir/task.yaml" >/dev/null || die "start-task failed"
# the marker must be written once the task is in its sync unit (the load would create it as an empty table)
for _ in $(seq 1 600); do dmctl query-status "$task" 2>/dev/null | grep -q '"unit": "Sync"' && break; sleep 1; done
marker ready_mark
await_table_down ready_mark 600
dmctl pause-task "$task" >/dev/null
for _ in $(seq 1 60); do dmctl query-status "$task" | grep -q '"stage": "Paused"' && break; sleep 1; done
# the data both replays start from
down -e "CREATE DATABASE ${db}_start"
for t in $(seq 1 "$tables"); do down -e "CREATE TABLE ${db}_start.sbtest$t LIKE $db.sbtest$t;
  INSERT INTO ${db}_start.sbtest$t SELECT * FROM $db.sbtest$t"; done
read -r start_file start_pos _ <<<"$(up -N -e 'SHOW MASTER STATUS')"
[ "$(same_as_upstream)" = yes ] || die "the paused task's downstream differs from the upstream before the backlog"

say "writing the backlog: $events oltp_write_only transactions from $threads threads"
sb --threads="$threads" --events="$events" --time=0 run >"$dir/sysbench-run.log"
write_tps="$(achieved sysbench-run.log)"
say "the upstream took the backlog at ${write_tps:-?} transactions/s (sysbench alone, nothing replicating)"
marker done_mark
read -r end_file end_pos _ <<<"$(up -N -e 'SHOW MASTER STATUS')"
changes=$(( events * 4 )) # oltp_write_only: an index UPDATE, a non-index UPDATE, a DELETE and an INSERT per transaction
backlog_sums="$(checksums up)"
say "backlog $start_file:$start_pos .. $end_file:$end_pos, $changes row changes; load average $(cut -d' ' -f1-3 /proc/loadavg)"

# ---- dm4j: resume-task until the marker DDL is downstream
thread_ticks "$worker_pid" >"$dir/threads-before"
w0="$(cpu_ticks "$worker_pid")"; d0="$(cpu_ticks "$down_pid")"; t0="$(now)"
dmctl resume-task "$task" >/dev/null
await_table_down done_mark 1800
t1="$(now)"; w1="$(cpu_ticks "$worker_pid")"; d1="$(cpu_ticks "$down_pid")"
thread_ticks "$worker_pid" >"$dir/threads-after"
dm_secs="$(echo "$t1 - $t0" | bc -l)"
dm_jvm="$(echo "($w1 - $w0) / $tick_hz" | bc -l)"; dm_down="$(echo "($d1 - $d0) / $tick_hz" | bc -l)"
dm_same="$(same_as "$backlog_sums")"

# ---- latency at half the capacity, with the task running
p99="-"
if [ "$latency" = 1 ]; then
  if [ -n "$latency_rate" ]; then
    rate="$latency_rate"; rate_why="fixed by --latency-rate"
  else
    # The catch-up's rate had the machine to itself; a steady load also needs the upstream, which shares the cores.
    # Capacity is what the whole chain sustains: sysbench unthrottled with the task running, until it is all applied.
    say "capacity: sysbench unthrottled for ${latency_seconds}s with the task running, until its last change is applied"
    c0="$(now)"
    sb --threads="$threads" --events=0 --time="$latency_seconds" run >"$dir/sysbench-capacity.log"
    marker capacity_mark
    await_table_down capacity_mark 600
    c1="$(now)"
    written="$(awk '/transactions:/ {print $2}' "$dir/sysbench-capacity.log")"
    sustained="$(echo "$written / ($c1 - $c0)" | bc)"
    catch_up="$(echo "$events / $dm_secs" | bc)"
    capacity="$sustained"; capacity_why="$written transactions written and applied in $(printf %.1f "$(echo "$c1 - $c0" | bc -l)") s"
    if [ "$catch_up" -lt "$sustained" ]; then capacity="$catch_up"; capacity_why="the catch-up's rate"; fi
    rate="$(( capacity / 2 ))"
    rate_why="half the capacity $capacity: $capacity_why; catch-up alone $catch_up"
  fi
  [ "$rate" -ge 1 ] || rate=1
  up -D "$db" -e "CREATE TABLE probe (id INT PRIMARY KEY, t_up DATETIME(6) NOT NULL)"
  await_table_down probe 120
  down -e "ALTER TABLE $db.probe ADD COLUMN t_down DATETIME(6) DEFAULT CURRENT_TIMESTAMP(6)"
  probes=$(( latency_seconds * 50 ))
  say "latency: $rate transactions/s ($rate_why) for ${latency_seconds}s, $probes probe rows"
  steady_load probe sysbench-latency.log
  marker latency_mark
  await_table_down latency_mark 600
  p99="$(percentile probe 0.99)"; p50="$(percentile probe 0.5)"
  lat_same="$(same_as_upstream)"
  p99="$p99 ms (p50 $p50 ms, identical after: $lat_same; sysbench kept $(achieved sysbench-latency.log) tx/s)"
fi
dmctl stop-task "$task" >/dev/null || true

# ---- MariaDB's parallel replica on the same backlog, from the same start data
n_secs="-" n_down="-" n_same="-" n_p99="-"
if [ "$native" = 1 ]; then
  down -e "DROP DATABASE $db; CREATE DATABASE $db"
  for t in $(seq 1 "$tables"); do down -e "RENAME TABLE ${db}_start.sbtest$t TO $db.sbtest$t"; done
  down -e "DROP DATABASE ${db}_start"
  down -e "STOP SLAVE; RESET SLAVE ALL; SET GLOBAL gtid_strict_mode=0; SET GLOBAL slave_parallel_threads=4;
           SET GLOBAL slave_parallel_mode='optimistic'; SET GLOBAL replicate_do_db='$db';
           CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=$up_port, MASTER_USER='admin', MASTER_PASSWORD='admin',
             MASTER_LOG_FILE='$start_file', MASTER_LOG_POS=$start_pos, MASTER_USE_GTID=no, MASTER_CONNECT_RETRY=1"
  d0="$(cpu_ticks "$down_pid")"; t0="$(now)"
  down -e "START SLAVE UNTIL MASTER_LOG_FILE='$end_file', MASTER_LOG_POS=$end_pos"
  await_table_down done_mark 1800
  t1="$(now)"; d1="$(cpu_ticks "$down_pid")"
  n_secs="$(echo "$t1 - $t0" | bc -l)"; n_down="$(echo "($d1 - $d0) / $tick_hz" | bc -l)"
  # the replica stops at end_pos: compared with the upstream as it was at the backlog's end
  n_same="$(same_as "$backlog_sums")"
  if [ "$latency" = 1 ]; then
    # The replica's SQL thread sees the upstream event's time as NOW(), so a column default cannot time it: a
    # trigger (run for row events with slave_run_triggers_for_rbr) stamps SYSDATE(6), the real apply time.
    say "replica latency: replaying what dm4j's latency phase wrote, then $rate transactions/s for ${latency_seconds}s"
    down -e "SET GLOBAL slave_run_triggers_for_rbr=YES; START SLAVE"
    up -D "$db" -e "CREATE TABLE probe_native (id INT PRIMARY KEY, t_up DATETIME(6) NOT NULL)"
    await_table_down probe_native 600
    down -D "$db" -e "ALTER TABLE probe_native ADD COLUMN t_down DATETIME(6) NULL;
      CREATE TRIGGER probe_native_t_down BEFORE INSERT ON probe_native FOR EACH ROW SET NEW.t_down = SYSDATE(6)"
    steady_load probe_native sysbench-native-latency.log
    marker native_latency_mark
    await_table_down native_latency_mark 600
    n_p99="$(percentile probe_native 0.99) ms (p50 $(percentile probe_native 0.5) ms, identical after: $(same_as_upstream);"
    n_p99="$n_p99 sysbench kept $(achieved sysbench-native-latency.log) tx/s)"
  fi
  down -e "STOP SLAVE; RESET SLAVE ALL"
fi

echo "dm-worker threads with the most CPU during the catch-up (seconds):"
awk -v hz="$tick_hz" 'NR == FNR { before[$1] = $2; next }
  { name = $0; sub(/^[0-9]+ [0-9]+ /, "", name); used = ($2 - before[$1]) / hz; if (used > 0.05) printf "  %6.2f  %s\n", used, name }' \
  "$dir/threads-before" "$dir/threads-after" | sort -rn | head -12
label="dm4j worker-count=$workers batch=$batch multiple-rows=$multirows"
if [ "$split" = true ]; then label="$label split-transactions"; fi
printf '\n%-44s %10s %12s %22s %10s\n' "variant" "seconds" "row changes" "CPU s worker/down (us/row)" "identical"
printf '%-44s %10.2f %12d %10.1f/%-5.1f (%5.1f) %10s\n' "$label" \
  "$dm_secs" "$changes" "$dm_jvm" "$dm_down" "$(echo "($dm_jvm + $dm_down) * 1000000 / $changes" | bc -l)" "$dm_same"
if [ "$native" = 1 ]; then
  printf '%-44s %10.2f %12d %10s/%-5.1f (%5.1f) %10s\n' "MariaDB replica slave_parallel_threads=4 optimistic" \
    "$n_secs" "$changes" "-" "$n_down" "$(echo "$n_down * 1000000 / $changes" | bc -l)" "$n_same"
  printf 'ratio native time / dm4j time: %.2f\n' "$(echo "$n_secs / $dm_secs" | bc -l)"
fi
echo "p99 commit-to-downstream latency at ${rate:-?} transactions/s (${rate_why:-not measured}): dm4j $p99"
if [ "$native" = 1 ]; then echo "  the same for MariaDB's replica: $n_p99"; fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
