#!/usr/bin/env bash
# Capture benchmark: binlog files -> typed row changes on one thread (dm4j's deserializers + RowEventMapper) against
# mysql-binlog-connector-java's default deserializers. See io.dm4j.worker.sync.CaptureBench for the options, e.g.
#   bench/run-capture-bench.sh --rows 500000 --up 127.0.0.1:${DM_UP_PORT:-3307}
# Builds the bench module (offline), needs the sandbox (scripts/mysql-sandbox.sh start) on this host, because it
# reads the upstream's binlog files from its data directory. BENCH_JAVA_OPTS replaces
# -Xmx512m -XX:ActiveProcessorCount=1 (one core: a single GC thread, few JIT threads).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -B -q -o -DskipTests package -pl bench -am
exec "${JAVA:-java}" ${BENCH_JAVA_OPTS:--Xmx512m -XX:ActiveProcessorCount=1} -Dlogback.configurationFile=bench/logback-bench.xml \
  -cp bench/target/dm4j-bench.jar io.dm4j.worker.sync.CaptureBench "$@"
