#!/usr/bin/env bash
# Full copy as a user sees it: `task-mode: full` through dm-master + a freshly started dm-worker process, timed from
# `dmctl start-task` to the worker's "subtask ... finished" log line, against mydumper + myloader with the same
# threads, on sysbench's oltp tables. Prints both times, the ratio (mydumper+myloader / dm4j; >1 = dm4j faster), the
# worker's peak RSS and whether the downstream equals the upstream (CHECKSUM TABLE of every table). --no-native skips
# mydumper + myloader (to compare dm4j builds or JVM options against each other in half the time). --no-overlap sets
# the task's loaders.load-during-dump to false: the load starts after the dump, as before that option existed.
# After the table, each run's phase profile (bench/full-copy-phases.py): dm4j's copy cut at the worker's log lines
# (subtask created, snapshot opened, load ready, dump written, load done, finished), then mydumper and myloader, each
# with its seconds, the CPU seconds of the worker (or the tool), upstream, downstream and dm-master, the rest of the
# machine's busy time ("other": dmctl, kernel work not charged to a process, the bench) and the busy cores.
# --floor adds, per run, what the downstream alone needs to take the same rows the way dm4j's load gives them: the
# tables created without their secondary index, the rows as files already on disk (written by the upstream with
# SELECT ... INTO OUTFILE before the clock starts, chunks of 200,000 ids), --threads `mysql` sessions taking the
# files a table at a time each, as dm4j's load does (LOAD DATA LOCAL INFILE ... REPLACE; FLOOR_ORDER=table: all files
# of one table before the next), the session that loads a table's last file then running its ALTER TABLE ... ADD KEY. A copy that loads this way cannot finish sooner: it does that work plus a snapshot
# and a dump on the same cores, so mydumper + myloader's time over the floor bounds the ratio it can reach.
#
#   bench/run-full-copy-process-bench.sh [--tables 4] [--table-size 250000] [--threads 4] [--prepared] [--runs 1]
#                                        [--import-mode logical|physical] [--no-native] [--no-overlap] [--floor]
#
# Needs sysbench, mydumper and myloader (apt-get install -y sysbench mydumper), the sandbox (scripts/mysql-sandbox.sh
# start; DM_UP_PORT / DM_DOWN_PORT pick its ports, default 3307/3308) and built jars (mvn -B -o -DskipTests package).
# Environment: WORKER_JAVA_OPTS (JVM options of the dm-worker, default -Xmx512m), DM4J_CDS (see bin/dm4j-launch),
# WORKER_JFR=/path/prefix (with -XX:StartFlightRecording in WORKER_JAVA_OPTS: dumps the recording of run N to
# prefix.N.jfr when the task finished), KEEP_WORK=1 (keep the logs), FC_DUMPER_EXTRA (more lines for the task's
# mydumpers entry, e.g. $'\n    rows: 50000'), FC_LOADER_EXTRA (the same for the loaders entry), FC_LOAD_POOL (the
# task's loaders.pool-size instead of --threads).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tables=4 size=250000 threads=4 prepared=0 runs=1 mode=logical native=1 overlap="" floor=0
while [ $# -gt 0 ]; do
  case "$1" in
    --tables) tables="$2"; shift 2 ;;
    --table-size) size="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --prepared) prepared=1; shift ;;
    --runs) runs="$2"; shift 2 ;;
    --import-mode) mode="$2"; shift 2 ;;
    --no-native) native=0; shift ;;
    --no-overlap) overlap="    load-during-dump: false"; shift ;; # older builds do not know the key
    --floor) floor=1; shift ;;
    *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
for tool in sysbench mydumper myloader mysql; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install -y sysbench mydumper" >&2; exit 1; }
done
up_port="${DM_UP_PORT:-3307}" down_port="${DM_DOWN_PORT:-3308}"
up=(mysql -h127.0.0.1 -P"$up_port" -uadmin -padmin -N -B)
down=(mysql -h127.0.0.1 -P"$down_port" -uadmin -padmin -N -B)
sb="${DM_SANDBOX_DIR:-/tmp/dm-sandbox}" # the sandbox script's default
up_pid="$(cat "$sb/up/mysqld.pid" 2>/dev/null || echo)" down_pid="$(cat "$sb/down/mysqld.pid" 2>/dev/null || echo)"
ticks=$(getconf CLK_TCK)
cpu_of() { # CPU seconds (user + system) used so far by process $1, 0 when unknown
  if [ -n "$1" ] && [ -r "/proc/$1/stat" ]; then awk -v t="$ticks" '{printf "%.2f", ($14 + $15) / t}' "/proc/$1/stat"; else echo 0; fi
}
sample_cpu() { # one line for full-copy-phases.py: epoch, CPU ticks of worker/up/down/master, machine busy and total
  # ticks; bash builtins only, so that sampling during the copy starts no process (each awk or date the poll started
  # cost the machine CPU that only dm4j's runs paid: perf showed the bench's tools at 17 % of the machine)
  local line="$EPOCHREALTIME" p s used _c u n sy idle io irq sirq st _rest
  local -a f
  for p in "${wpid:-}" "$up_pid" "$down_pid" "${mpid:-}"; do
    used=0
    if [ -n "$p" ] && { read -r s <"/proc/$p/stat"; } 2>/dev/null; then
      f=(${s##*) }) # after "pid (comm) ": utime and stime are the 12th and 13th fields
      used=$((f[11] + f[12]))
    fi
    line+=" $used"
  done
  read -r _c u n sy idle io irq sirq st _rest </proc/stat
  echo "$line $((u + n + sy + irq + sirq + st)) $((u + n + sy + idle + io + irq + sirq + st))"
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now() { echo "$EPOCHREALTIME"; }
checksums() { # $@ = client command
  local t out=""
  for t in $(seq 1 "$tables"); do out+="$("$@" -e "CHECKSUM TABLE sbtest.sbtest$t" | cut -f2) "; done
  echo "$out"
}
# Let the downstream flush what the previous copy left dirty, so that neither tool pays for the other's writes.
quiesce() {
  "${down[@]}" -e "SET GLOBAL innodb_max_dirty_pages_pct=0"
  for _ in $(seq 1 120); do
    dirty=$("${down[@]}" -e "SHOW GLOBAL STATUS LIKE 'Innodb_buffer_pool_pages_dirty'" | cut -f2)
    [ "$dirty" -lt 50 ] && break
    sleep 0.5
  done
  "${down[@]}" -e "SET GLOBAL innodb_max_dirty_pages_pct=90"
}

if [ "$prepared" = 0 ]; then
  "${up[@]}" -e "DROP DATABASE IF EXISTS sbtest; CREATE DATABASE sbtest"
  sysbench oltp_write_only --db-driver=mysql --mysql-host=127.0.0.1 --mysql-port="$up_port" --mysql-user=admin \
    --mysql-password=admin --mysql-db=sbtest --tables="$tables" --table-size="$size" --threads="$tables" prepare >/dev/null
fi
want="$(checksums "${up[@]}")"

work="$(mktemp -d /tmp/dm4j-fullcopy.XXXXXX)"
master_port=$(free_port) master_peer=$(free_port) worker_port=$(free_port)
cleanup() {
  [ -n "${wpid:-}" ] && kill "$wpid" 2>/dev/null || true
  [ -n "${mpid:-}" ] && kill "$mpid" 2>/dev/null || true
  wait 2>/dev/null || true
  [ -n "${KEEP_WORK:-}" ] && echo "kept $work" || rm -rf "$work"
}
trap cleanup EXIT
dmctl() { "$root/bin/dmctl" --master-addr "127.0.0.1:$master_port" "$@"; }

"$root/bin/dm-master" --name master1 --master-addr "127.0.0.1:$master_port" \
  --peer-urls "http://127.0.0.1:$master_peer" --advertise-peer-urls "http://127.0.0.1:$master_peer" \
  --initial-cluster "master1=http://127.0.0.1:$master_peer" --data-dir "$work/master" \
  --log-file "$work/master.log" >"$work/master.out" 2>&1 &
mpid=$!
for _ in $(seq 1 60); do dmctl list-member --leader >/dev/null 2>&1 && break; sleep 0.5; done
cat >"$work/source.yaml" <<EOF
source-id: "bench-src"
enable-gtid: true
flavor: "mariadb"
from:
  host: "127.0.0.1"
  port: $up_port
  user: "admin"
  password: "admin"
EOF
cat >"$work/task.yaml" <<EOF
name: fullcopy
task-mode: full
meta-schema: dm4j_bench_meta
target-database:
  host: "127.0.0.1"
  port: $down_port
  user: "admin"
  password: "admin"
mysql-instances:
  - source-id: bench-src
    block-allow-list: bal
    mydumper-config-name: d
    loader-config-name: l
block-allow-list:
  bal:
    do-dbs: [sbtest]
mydumpers:
  d:
    threads: $threads${FC_DUMPER_EXTRA:-}
loaders:
  l:
    pool-size: ${FC_LOAD_POOL:-$threads}
    import-mode: $mode
    dir: "$work/dump"${FC_LOADER_EXTRA:-}
$overlap
EOF

# --floor: the rows as files the downstream can LOAD DATA, written once by the upstream (not timed)
floor_dir="$work/floor"
floor_files() { # $1 = table number: its chunk files in id order
  local t="$1" lo=1 max
  max=$("${up[@]}" -e "SELECT COALESCE(MAX(id), 0) FROM sbtest.sbtest$t")
  while [ "$lo" -le "$max" ]; do
    echo "$floor_dir/sbtest$t.$lo.tsv"
    lo=$((lo + 200000))
  done
}
if [ "$floor" = 1 ]; then
  mkdir -p "$floor_dir"; chmod 777 "$work" "$floor_dir" # the upstream server writes the files
  for t in $(seq 1 "$tables"); do
    for f in $(floor_files "$t"); do
      lo=${f%.tsv}; lo=${lo##*.}
      "${up[@]}" -e "SELECT * FROM sbtest.sbtest$t WHERE id >= $lo AND id < $((lo + 200000)) INTO OUTFILE '$f'"
    done
  done
fi
floor_file() { # $1 = table number, $2 = file: load it; the session that loads a table's last file builds its index
  local t="$1" f="$2" left
  "${down[@]}" --local-infile=1 -e "LOAD DATA LOCAL INFILE '$f' REPLACE INTO TABLE sbtest.sbtest$t"
  left=$(flock "$floor_dir/left.$t" bash -c 'n=$(($(cat "$0") - 1)); echo "$n" >"$0"; echo "$n"' "$floor_dir/left.$t")
  if [ "$left" = 0 ]; then "${down[@]}" -e "ALTER TABLE sbtest.sbtest$t ADD KEY k_$t (k)"; fi
}
export -f floor_file
load_floor() { # $1 = run, $2 = mydumper + myloader seconds or "": one line into floor$run.txt
  local run="$1" mt="$2" t dc0 dc1 f0 f1 fs fsame bound=""
  "${down[@]}" -e "DROP DATABASE IF EXISTS sbtest; CREATE DATABASE sbtest"
  for t in $(seq 1 "$tables"); do
    "${down[@]}" -e "USE sbtest; $("${up[@]}" --raw -e "SHOW CREATE TABLE sbtest.sbtest$t" | cut -f2-);
                     ALTER TABLE sbtest$t DROP KEY k_$t"
  done
  # like dm4j's load (since session 14): the first file of every table, then the second, ..., taken by --threads
  # sessions as each frees up (FLOOR_ORDER=table: all files of one table, then the next, the order before)
  for t in $(seq 1 "$tables"); do floor_files "$t" | wc -l >"$floor_dir/left.$t"; floor_files "$t" | sed "s/^/$t /"; done |
    if [ "${FLOOR_ORDER:-spread}" = spread ]; then awk '{n[$1]++; print n[$1], $0}' | sort -n -s -k1,1 | cut -d' ' -f2-; else cat; fi \
    >"$floor_dir/jobs"
  quiesce
  dc0=$(cpu_of "$down_pid")
  f0=$(now)
  floor_dir="$floor_dir" down_port="$down_port" xargs -P "$threads" -L 1 bash -c \
    'down=(mysql -h127.0.0.1 -P"$down_port" -uadmin -padmin -N -B); floor_file "$0" "$1"' <"$floor_dir/jobs"
  f1=$(now)
  dc1=$(cpu_of "$down_pid")
  fs=$(echo "$f1 - $f0" | bc)
  fsame=no; [ "$(checksums "${down[@]}")" = "$want" ] && fsame=yes
  [ -n "$mt" ] && bound=$(printf ', so ratio <= %.2f (mydumper + myloader %.2f s)' "$(echo "scale=4; $mt / $fs" | bc)" "$mt")
  printf 'run %s floor: the downstream alone took %.2f s (%s CPU-s) for the load and index builds%s; identical: %s\n' \
    "$run" "$fs" "$(echo "$dc1 - $dc0" | bc)" "$bound" "$fsame" >"$work/floor$run.txt"
}

printf '%-4s %-6s %-8s %-8s %-8s %-8s %-7s %-8s %-17s %-17s %-6s %-6s\n' run load1 dm4j mydumper myloader md+ml ratio dm4jRSS \
  "CPU dm4j w/up/dn" "CPU md+ml/up/dn" same "same(md)"
for run in $(seq 1 "$runs"); do
  load1=$(cut -d' ' -f1 /proc/loadavg)
  # dm4j: a fresh worker process per run
  "${down[@]}" -e "DROP DATABASE IF EXISTS sbtest; DROP DATABASE IF EXISTS dm4j_bench_meta"
  quiesce
  wport=$(free_port)
  JAVA_OPTS="${WORKER_JAVA_OPTS:--Xmx512m}" "$root/bin/dm-worker" --name "w$run" --worker-addr "127.0.0.1:$wport" \
    --join "127.0.0.1:$master_port" --keepalive-ttl 3 --log-file "$work/worker$run.log" >"$work/worker$run.out" 2>&1 &
  wpid=$!
  for _ in $(seq 1 120); do dmctl list-member --worker 2>/dev/null | grep -q "\"w$run\"" && break; sleep 0.5; done
  dmctl operate-source create "$work/source.yaml" >"$work/source$run.json" || { cat "$work/source$run.json"; exit 1; }
  wc0=$(cpu_of "$wpid") uc0=$(cpu_of "$up_pid") dc0=$(cpu_of "$down_pid")
  t0=$(now)
  sample_cpu >"$work/cpu$run.tsv"
  dmctl start-task "$work/task.yaml" >"$work/start$run.json" || true
  grep -q '"result": true' "$work/start$run.json" || { cat "$work/start$run.json"; exit 1; }
  # wait for the worker's "finished" line: tail follows the log (inotify) and each line or second of quiet takes a
  # CPU sample, so the bench uses no CPU of its own while it times the copy (the worker's log, not query-status: a
  # dmctl JVM every 0.2 s took a third of a core; a grep, awk and date every 0.2 s still took a sixth)
  exec {logfd}< <(exec tail -n +1 -F "$work/worker$run.log" 2>/dev/null)
  tailpid=$!
  failed_re="subtask fullcopy on source bench-src(: unit [A-Za-z]+ (failed|threw)| cannot start)"
  pending=""
  while true; do
    if IFS= read -r -t 1 -u "$logfd" part; then
      line="$pending$part" pending=""
      [[ "$line" == *"subtask fullcopy on source bench-src finished"* ]] && break
      if [[ "$line" =~ $failed_re ]]; then
        echo "the task failed:"; dmctl query-status fullcopy; exit 1
      fi
    elif [ $? -gt 128 ]; then # a second without a whole line; read keeps what came of one
      pending+="$part"
      kill -0 "$wpid" 2>/dev/null || { echo "the dm-worker exited before the copy finished; see $work/worker$run.log"; exit 1; }
    else
      echo "lost the tail of $work/worker$run.log"; exit 1
    fi
    sample_cpu >>"$work/cpu$run.tsv"
  done
  t1=$(now)
  sample_cpu >>"$work/cpu$run.tsv"
  kill "$tailpid" 2>/dev/null || true; exec {logfd}<&-
  python3 "$root/bench/full-copy-phases.py" "$work/worker$run.log" "$work/cpu$run.tsv" "$t0" "$t1" >"$work/phases$run.txt" \
    || echo "  (no phase profile: full-copy-phases.py failed)" >"$work/phases$run.txt"
  wc1=$(cpu_of "$wpid") uc1=$(cpu_of "$up_pid") dc1=$(cpu_of "$down_pid")
  if [ -n "${WORKER_JFR:-}" ]; then jcmd "$wpid" JFR.dump filename="$WORKER_JFR.$run.jfr" >/dev/null; fi
  rss=$(awk '/VmHWM/{print $2}' "/proc/$wpid/status" 2>/dev/null || echo 0) # the peak RSS of the worker's life
  dm4j=$(echo "$t1 - $t0" | bc)
  got="$(checksums "${down[@]}")"; same=no; [ "$got" = "$want" ] && same=yes
  dmctl stop-task fullcopy >/dev/null || true
  dmctl operate-source stop "$work/source.yaml" >/dev/null || true
  kill "$wpid"; wait "$wpid" 2>/dev/null || true; wpid=""
  # the master must see this worker gone (keepalive TTL 3 s), or it binds the next run's source to it
  for _ in $(seq 1 60); do dmctl list-member --worker 2>/dev/null | grep -A3 "\"w$run\"" | grep -q offline && break; sleep 0.5; done
  rm -rf "$work/dump"*

  if [ "$native" = 0 ]; then
    printf '%-4s %-6s %-8.2f %-8s %-8s %-8s %-7s %-8s %-17s %-17s %-6s %-6s\n' "$run" "$load1" "$dm4j" - - - - \
      "$((rss / 1024))M" "$(echo "$wc1 - $wc0" | bc)/$(echo "$uc1 - $uc0" | bc)/$(echo "$dc1 - $dc0" | bc)" - "$same" -
    [ "$floor" = 1 ] && load_floor "$run" ""
    continue
  fi
  # mydumper + myloader, same threads, rows chunked like dm4j, myloader -e writes the downstream binlog like dm4j
  "${down[@]}" -e "DROP DATABASE IF EXISTS sbtest"
  quiesce
  rm -rf "$work/md"
  uc2=$(cpu_of "$up_pid") dc2=$(cpu_of "$down_pid")
  m0=$(now)
  sample_cpu >"$work/native$run.tsv"
  /usr/bin/time -f '%U %S' -o "$work/md.cpu" \
    mydumper -h 127.0.0.1 -P "$up_port" -u admin -p admin -B sbtest -o "$work/md" -t "$threads" -r 200000 >/dev/null
  m1=$(now)
  sample_cpu >>"$work/native$run.tsv"
  # myloader 0.10 does not retry a transaction InnoDB chose as a deadlock victim; the run then has no md+ml time
  if ! /usr/bin/time -f '%U %S' -o "$work/ml.cpu" \
    myloader -h 127.0.0.1 -P "$down_port" -u admin -p admin -d "$work/md" -t "$threads" -o -e >"$work/ml.out" 2>&1; then
    printf '%-4s %-6s %-8.2f %-8s %-8s %-8s %-7s %-8s %-17s %-17s %-6s %-6s\n' "$run" "$load1" "$dm4j" - failed - - \
      "$((rss / 1024))M" "$(echo "$wc1 - $wc0" | bc)/$(echo "$uc1 - $uc0" | bc)/$(echo "$dc1 - $dc0" | bc)" - "$same" -
    echo "run $run: myloader failed: $(grep -m1 -i -E 'error|deadlock' "$work/ml.out" | cut -c1-200)"
    continue
  fi
  m2=$(now)
  sample_cpu >>"$work/native$run.tsv"
  md_user_sys=$(awk '{printf "%.2f", $1 + $2}' "$work/md.cpu") ml_user_sys=$(awk '{printf "%.2f", $1 + $2}' "$work/ml.cpu")
  awk -v md="$md_user_sys" -v ml="$ml_user_sys" -v n="$(nproc)" -v hz="$ticks" '
    NR > 1 { secs = $1 - t; tool = (NR == 2 ? md : ml); cores = n * ($6 - b) / ($7 - a)
             up = ($3 - u) / hz; down = ($4 - d) / hz; master = ($5 - m) / hz
             printf "  %-58s %6s %6.2f %7.2f %6.2f %6.2f %6.2f %6.2f %6.2f\n", (NR == 2 ? "mydumper" : "myloader"), "", secs,
               tool, up, down, master, cores * secs - tool - up - down - master, cores }
    { t = $1; u = $3; d = $4; m = $5; b = $6; a = $7 }' "$work/native$run.tsv" >>"$work/phases$run.txt"
  uc3=$(cpu_of "$up_pid") dc3=$(cpu_of "$down_pid")
  mlcpu=$(cat "$work/md.cpu" "$work/ml.cpu" | awk '{s += $1 + $2} END {printf "%.1f", s}')
  mgot="$(checksums "${down[@]}")"; msame=no; [ "$mgot" = "$want" ] && msame=yes
  md=$(echo "$m1 - $m0" | bc) ml=$(echo "$m2 - $m1" | bc) mt=$(echo "$m2 - $m0" | bc)
  printf '%-4s %-6s %-8.2f %-8.2f %-8.2f %-8.2f %-7.2f %-8s %-17s %-17s %-6s %-6s\n' "$run" "$load1" "$dm4j" "$md" "$ml" \
    "$mt" "$(echo "scale=4; $mt / $dm4j" | bc)" "$((rss / 1024))M" \
    "$(echo "$wc1 - $wc0" | bc)/$(echo "$uc1 - $uc0" | bc)/$(echo "$dc1 - $dc0" | bc)" \
    "$mlcpu/$(echo "$uc3 - $uc2" | bc)/$(echo "$dc3 - $dc2" | bc)" "$same" "$msame"
  [ "$floor" = 1 ] && load_floor "$run" "$mt"
done
for run in $(seq 1 "$runs"); do
  [ -f "$work/floor$run.txt" ] && cat "$work/floor$run.txt"
done
for run in $(seq 1 "$runs"); do
  [ -f "$work/phases$run.txt" ] && { echo "run $run, where the time went (CPU seconds; other = the rest of the machine: dmctl, the kernel's writeback, the bench; cores = busy cores of the machine; on the mydumper and myloader lines the worker column is the tool's own CPU):"; cat "$work/phases$run.txt"; }
done
echo "ratio = (mydumper + myloader) / dm4j (start-task to finished, fresh dm-worker); >1 means dm4j is faster."
echo "CPU seconds during each copy: the dm-worker JVM (or mydumper + myloader), the upstream and the downstream server."
