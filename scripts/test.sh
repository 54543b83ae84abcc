#!/usr/bin/env bash
# dm4j's test command: every module's unit tests (surefire, *Test) and integration tests (failsafe, *IT) against
# real databases, then a summary. Exits non-zero when anything failed.
#
#   scripts/test.sh [extra maven arguments, e.g. -o or -pl worker -am]
#
# Test databases (see README "Test databases"):
#   - DM_TEST_UPSTREAM/DM_TEST_DOWNSTREAM set, or DM_TEST_DB=env|testcontainers: used as given, no sandbox;
#   - otherwise the local MariaDB sandbox (scripts/mysql-sandbox.sh; DM_SANDBOX_DIR, DM_UP_PORT, DM_DOWN_PORT) is
#     started if needed, and stopped again at the end if this script started it.
# DM_TEST_TIMEOUT bounds the Maven run (default 80m).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

say() { echo "test.sh: $*"; }
die() { echo "test.sh: ERROR: $*" >&2; exit 1; }

check_tools() {
  command -v java >/dev/null 2>&1 || die "java not found; install a JDK 17 or newer (e.g. apt-get install -y openjdk-17-jdk-headless)"
  command -v mvn >/dev/null 2>&1 || die "mvn not found; install Maven 3.8 or newer (e.g. apt-get install -y maven)"
  local spec major
  spec="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
  major="${spec#1.}"; major="${major%%.*}"
  [ -n "$major" ] && [ "$major" -ge 17 ] 2>/dev/null || die "Java 17 or newer needed, found '${spec:-unknown}' ($(command -v java))"
  say "java $spec, $(mvn -v 2>/dev/null | head -n1 | sed 's/\x1b\[[0-9;]*m//g')"
}

# DashboardIT drives Debian's headless Chromium (DM4J_CHROMIUM, default /usr/bin/chromium). Installed here as the
# sandbox installs MariaDB: with apt-get when running as root (CI), else the test names the command to run.
ensure_chromium() {
  local bin="${DM4J_CHROMIUM:-/usr/bin/chromium}"
  [ -x "$bin" ] && return 0
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing chromium (for DashboardIT)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update </dev/null
    apt-get install -y -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold chromium </dev/null
    [ -x "$bin" ] || die "chromium still missing at $bin after apt-get install chromium"
  else
    say "WARNING: $bin is missing, so DashboardIT will fail; install it with: sudo apt-get install -y chromium"
  fi
}

sandbox_started_here=0
stop_sandbox_if_started_here() {
  if [ "$sandbox_started_here" = 1 ]; then
    say "stopping the sandbox this run started"
    scripts/mysql-sandbox.sh stop || true
  fi
}

ensure_databases() {
  local mode="${DM_TEST_DB:-auto}"
  if [ -n "${DM_TEST_UPSTREAM:-}" ] || [ "$mode" = env ] || [ "$mode" = testcontainers ]; then
    say "test databases: DM_TEST_DB=$mode${DM_TEST_UPSTREAM:+, upstream $DM_TEST_UPSTREAM, downstream ${DM_TEST_DOWNSTREAM:-?}}"
    return 0
  fi
  if ! scripts/mysql-sandbox.sh status >/dev/null 2>&1; then
    sandbox_started_here=1
  fi
  scripts/mysql-sandbox.sh start
  # Nothing before this run needs the old binlog files; a kept sandbox would otherwise fill the disk over runs.
  scripts/mysql-sandbox.sh trim
  # The tests must use the sandbox just ensured, not look for Docker first.
  export DM_TEST_DB=sandbox
}

# Sums the <testsuite> attributes of this run's JUnit XML reports under */target/$1 (older ones are left-overs of
# modules this run did not build, e.g. with -pl).
sum_reports() {
  local kind=$1 tests=0 failures=0 errors=0 skipped=0 f line v
  while IFS= read -r f; do
    line="$(grep -m1 -o '<testsuite [^>]*' "$f" || true)"
    for attr in tests failures errors skipped; do
      v="$(printf '%s' "$line" | sed -n "s/.* $attr=\"\([0-9]*\)\".*/\1/p")"
      v="${v:-0}"
      case $attr in
        tests) tests=$((tests + v)) ;;
        failures) failures=$((failures + v)) ;;
        errors) errors=$((errors + v)) ;;
        skipped) skipped=$((skipped + v)) ;;
      esac
    done
  done < <(find . -path ./.git -prune -o -path "*/target/$kind/TEST-*.xml" -newer "$run_marker" -print 2>/dev/null | sort)
  echo "$tests $failures $errors $skipped"
}

print_summary() {
  local unit it total_t total_f total_e total_s
  read -r -a unit <<<"$(sum_reports surefire-reports)"
  read -r -a it <<<"$(sum_reports failsafe-reports)"
  total_t=$((unit[0] + it[0])); total_f=$((unit[1] + it[1])); total_e=$((unit[2] + it[2])); total_s=$((unit[3] + it[3]))
  echo
  echo "================ dm4j test summary ================"
  printf '%-22s %6s %9s %7s %8s\n' "" run failures errors skipped
  printf '%-22s %6d %9d %7d %8d\n' "unit (surefire)" "${unit[@]}"
  printf '%-22s %6d %9d %7d %8d\n' "integration (failsafe)" "${it[@]}"
  printf '%-22s %6d %9d %7d %8d\n' "total" "$total_t" "$total_f" "$total_e" "$total_s"
  if [ $((total_f + total_e)) -gt 0 ]; then
    echo "failed tests:"
    find . -path ./.git -prune -o -path '*/target/*-reports/*.txt' -newer "$run_marker" -print 2>/dev/null | sort \
      | xargs -r grep -h -E '<<< (FAILURE|ERROR)!' | sed 's/^/  /' | head -n 50
  fi
  echo "==================================================="
  [ $((total_f + total_e)) -eq 0 ]
}

check_tools
ensure_chromium
run_marker="$(mktemp)"
trap 'rm -f "$run_marker"; stop_sandbox_if_started_here' EXIT
ensure_databases

say "running: mvn -B -fae clean verify $*"
mvn_rc=0
if command -v timeout >/dev/null 2>&1; then
  timeout --kill-after=60s "${DM_TEST_TIMEOUT:-80m}" mvn -B -fae clean verify "$@" </dev/null || mvn_rc=$?
else
  mvn -B -fae clean verify "$@" </dev/null || mvn_rc=$?
fi
[ "$mvn_rc" = 124 ] && echo "test.sh: ERROR: Maven did not finish within ${DM_TEST_TIMEOUT:-80m}" >&2

summary_rc=0
print_summary || summary_rc=$?
if [ "$mvn_rc" != 0 ]; then
  say "FAILED (mvn exit code $mvn_rc)"
  exit "$mvn_rc"
fi
if [ "$summary_rc" != 0 ]; then
  say "FAILED (test failures in the reports)"
  exit 1
fi
say "all tests passed"
