#!/usr/bin/env bash
# Full-copy benchmark: dm4j dump+load vs mydumper+myloader. Builds the worker jar (offline, no tests), then runs
# bench/DumpLoadBench.java with a bounded heap. Arguments go to the benchmark, e.g.
#   bench/run-dump-load-bench.sh --rows 5000000 --threads 4
#   bench/run-dump-load-bench.sh --dataset sysbench --rows 1000000 --tables 4   (sysbench oltp tables, schema sbtest)
# (--up/--down host:port default to 127.0.0.1:3307/3308: pass your sandbox's ports.)
# Needs mydumper/myloader (apt-get install -y mydumper) and the sandbox databases (scripts/mysql-sandbox.sh start).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
command -v mydumper >/dev/null || { echo "mydumper is missing: apt-get install -y mydumper" >&2; exit 1; }
mvn -B -q -o -pl worker -am package -DskipTests
exec java -Xmx${BENCH_XMX:-512m} -Dlogback.configurationFile=bench/logback-bench.xml -cp worker/target/dm-worker.jar \
  bench/DumpLoadBench.java "$@"
