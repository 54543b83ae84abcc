#!/usr/bin/env bash
# Relay benchmark: bytes/s the relay unit writes, and the sync unit's catch-up time on one backlog read from the
# upstream versus read from the relay files.
#
#   bench/run-relay-bench.sh [--rows N] [other SyncBench options, see --help]
#
# Builds the bench module (and what it needs), makes sure the MariaDB sandbox runs (scripts/mysql-sandbox.sh),
# then runs io.dm4j.bench.RelayBench. Environment: JAVA (default java), BENCH_JAVA_OPTS (default -Xmx1g),
# MVN_OFFLINE=0 to let Maven download what is missing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

offline=(-o)
if [ "${MVN_OFFLINE:-1}" = 0 ]; then offline=(); fi
echo "run-relay-bench: building the bench module"
mvn -B -q "${offline[@]}" -DskipTests package -pl bench -am

scripts/mysql-sandbox.sh start

exec "${JAVA:-java}" ${BENCH_JAVA_OPTS:--Xmx1g} -cp bench/target/dm4j-bench.jar io.dm4j.bench.RelayBench "$@"
