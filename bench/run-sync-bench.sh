#!/usr/bin/env bash
# Sync (binlog replay) benchmark: dm4j's sync unit against MariaDB's own replica on the local sandbox.
#
#   bench/run-sync-bench.sh [--rows N] [--multiple-rows] [other SyncBench options, see --help]
#
# Builds the bench module (and what it needs), makes sure the MariaDB sandbox runs (scripts/mysql-sandbox.sh),
# then runs io.dm4j.bench.SyncBench and prints its table. Environment: JAVA (default java),
# BENCH_JAVA_OPTS (default -Xmx1g plus the JIT and GC that bin/dm-worker gives the worker: C1 only, serial GC, so the
# replay runs as the daemon runs it), MVN_OFFLINE=0 to let Maven download what is missing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

offline=(-o)
if [ "${MVN_OFFLINE:-1}" = 0 ]; then offline=(); fi
echo "run-sync-bench: building the bench module"
if ! mvn -B -q "${offline[@]}" -DskipTests package -pl bench -am; then
  if [ ${#offline[@]} -gt 0 ]; then
    echo "run-sync-bench: the offline build failed; retrying online"
    mvn -B -q -DskipTests package -pl bench -am
  else
    exit 1
  fi
fi

scripts/mysql-sandbox.sh start

exec "${JAVA:-java}" ${BENCH_JAVA_OPTS:--Xmx1g -XX:TieredStopAtLevel=1 -XX:+UseSerialGC} -jar bench/target/dm4j-bench.jar "$@"
