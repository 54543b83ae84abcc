#!/usr/bin/env bash
# Local MariaDB pair for dm4j's tests and demo: upstream "up" and downstream "down" on 127.0.0.1,
# run as plain background processes (no systemd, no Docker).
#
#   scripts/mysql-sandbox.sh start|stop|status|clean|trim
#   scripts/mysql-sandbox.sh tls CA.pem SERVER-CERT.pem SERVER-KEY.pem   # serve TLS with these files (restarts)
#   scripts/mysql-sandbox.sh tls off                                     # back to no TLS (restarts)
#   scripts/mysql-sandbox.sh replica start|stop|status|clean   # a third instance "rep": GTID replica of "up"
#   scripts/mysql-sandbox.sh nobinlog start|stop|status|clean  # a fourth instance "nobinlog": log_bin off
#
# Environment:
#   DM_SANDBOX_DIR   data and config root        (default /tmp/dm-sandbox)
#   DM_UP_PORT       upstream port               (default 3307)
#   DM_DOWN_PORT     downstream port             (default 3308)
#   DM_SANDBOX_WAIT  seconds to wait for a start (default 60)
#   DM_REPLICA_PORT  replica port                (default 3309)
#   DM_NOBINLOG_PORT port of the instance without binlog (default 3310)
#
# Layout per instance: $DM_SANDBOX_DIR/{up,down}/{my.cnf,data/,mysqld.sock,mysqld.pid,stdout.log}.
# Accounts: root (no password, socket and loopback), admin/admin (ALL WITH GRANT OPTION, both),
# dm/dm (upstream: the replication-source privileges DM needs; downstream: ALL PRIVILEGES).
# "trim" purges the binlog files of up and down except the one each writes now: a sandbox kept between test runs
# (CI machines keep /tmp) otherwise grows by the gigabytes of binlog every run writes, until the disk is full.
# Every command is idempotent: start on a running pair or stop on a stopped pair does nothing.
#
# The replica "rep" (server-id 3, binlog files rep-bin.NNNNNN, log_slave_updates, same binlog settings as "up") is
# seeded from a dump of "up" taken with its GTID position (system schemas left out, not written to the replica's
# binlog), then replicates with CHANGE MASTER TO ... MASTER_USE_GTID=slave_pos: its binlog carries the upstream's
# GTIDs from that position on, so a task can switch to it by GTID. "replica start" on a replica whose
# replication stopped (for example promoted by a test: STOP SLAVE, then written to) rebuilds it from scratch.
# "nobinlog" (server-id 4) is a server started without log_bin, for the binlog_enable precheck.
set -euo pipefail

SANDBOX_DIR="${DM_SANDBOX_DIR:-/tmp/dm-sandbox}"
UP_PORT="${DM_UP_PORT:-3307}"
DOWN_PORT="${DM_DOWN_PORT:-3308}"
WAIT_SECONDS="${DM_SANDBOX_WAIT:-60}"
REPLICA_PORT="${DM_REPLICA_PORT:-3309}"
NOBINLOG_PORT="${DM_NOBINLOG_PORT:-3310}"
INSTANCES=(up down)

# mariadbd and mariadb-install-db live in /usr/sbin, which a non-root PATH often lacks.
export PATH="$PATH:/usr/sbin:/sbin"

log() { echo "mysql-sandbox: $*"; }
die() { echo "mysql-sandbox: ERROR: $*" >&2; exit 1; }

usage() {
  echo "usage: $0 start|stop|status|clean|trim | tls CA CERT KEY | tls off | replica|nobinlog start|stop|status|clean" >&2
  echo "  env: DM_SANDBOX_DIR=$SANDBOX_DIR DM_UP_PORT=$UP_PORT DM_DOWN_PORT=$DOWN_PORT DM_REPLICA_PORT=$REPLICA_PORT DM_NOBINLOG_PORT=$NOBINLOG_PORT" >&2
  exit 2
}

is_root() { [ "$(id -u)" -eq 0 ]; }

ensure_mariadb_installed() {
  local missing=()
  for bin in mariadbd mariadb-install-db mariadb mariadb-admin; do
    command -v "$bin" >/dev/null 2>&1 || missing+=("$bin")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if ! is_root; then
    die "missing ${missing[*]}. Install MariaDB first, e.g.:
    sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y mariadb-server mariadb-client
(the packaged service need not run; this script starts its own instances), then run '$0 start' again."
  fi
  command -v apt-get >/dev/null 2>&1 \
    || die "missing ${missing[*]} and no apt-get here; install the MariaDB server and client (10.6 or newer) and retry."
  log "installing mariadb-server and mariadb-client (missing: ${missing[*]})"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update </dev/null
  apt-get install -y -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
    mariadb-server mariadb-client </dev/null
  for bin in mariadbd mariadb-install-db mariadb mariadb-admin; do
    command -v "$bin" >/dev/null 2>&1 || die "$bin still missing after installing mariadb-server"
  done
}

dir_of() { echo "$SANDBOX_DIR/$1"; }
cnf_of() { echo "$SANDBOX_DIR/$1/my.cnf"; }
sock_of() { echo "$SANDBOX_DIR/$1/mysqld.sock"; }
pidfile_of() { echo "$SANDBOX_DIR/$1/mysqld.pid"; }

# The port the instance really uses: the one in its my.cnf when it exists, else the configured one.
port_of() {
  local cnf; cnf="$(cnf_of "$1")"
  if [ -f "$cnf" ]; then
    sed -n 's/^[[:space:]]*port[[:space:]]*=[[:space:]]*\([0-9]*\).*/\1/p' "$cnf" | head -n1
  else
    case "$1" in
      up) echo "$UP_PORT" ;;
      rep) echo "$REPLICA_PORT" ;;
      nobinlog) echo "$NOBINLOG_PORT" ;;
      *) echo "$DOWN_PORT" ;;
    esac
  fi
}

user_flag() { if is_root; then echo "--user=root"; fi; }

write_cnf() {
  local name=$1 port=$2 server_id=$3 dir
  dir="$(dir_of "$name")"
  mkdir -p "$dir"
  # Settings DM relies on (ROW/FULL images with full metadata, strict GTID) are explicit because the
  # MariaDB 10.11 defaults differ (MIXED, NO_LOG, strict mode off).
  cat >"$dir/my.cnf" <<EOF
[mysqld]
datadir=$dir/data
socket=$dir/mysqld.sock
pid-file=$dir/mysqld.pid
port=$port
bind-address=127.0.0.1
skip-name-resolve
server-id=$server_id
log-bin
log-basename=$name
binlog_format=ROW
binlog_row_image=FULL
binlog_row_metadata=FULL
binlog_checksum=CRC32
log_slave_updates=ON
gtid_domain_id=0
gtid_strict_mode=ON
character-set-server=utf8mb4
collation-server=utf8mb4_general_ci
default-time-zone='+00:00'
performance_schema=OFF
innodb_buffer_pool_size=128M
innodb_flush_log_at_trx_commit=2
sync_binlog=0
max_connections=500
local_infile=ON
EOF
  if [ "$name" = nobinlog ]; then
    # The binlog_enable precheck must see a server without binary logging.
    sed -i '/^log-bin$/d;/^log_slave_updates=/d' "$dir/my.cnf"
  fi
}

admin_cmd() { mariadb-admin --no-defaults --socket="$(sock_of "$1")" -uroot --connect-timeout=2 "${@:2}"; }

sql() {
  mariadb --no-defaults --socket="$(sock_of "$1")" -uroot --default-character-set=utf8mb4 --connect-timeout=5 -e "$2"
}

# Answers on its socket (mariadb-admin ping succeeds for a live server even when access is denied).
is_alive() { [ -S "$(sock_of "$1")" ] && admin_cmd "$1" ping >/dev/null 2>&1; }

pid_of() {
  local pf; pf="$(pidfile_of "$1")"
  [ -f "$pf" ] || return 1
  local pid; pid="$(tr -dc '0-9' <"$pf")"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

# log_tail NAME FILE: the end of one of the instance's logs, on stderr.
log_tail() {
  local f; f="$(dir_of "$1")/$2"
  if [ -s "$f" ]; then
    echo "---- last lines of $f ----" >&2
    tail -n 30 "$f" >&2
  fi
}

init_datadir() {
  local name=$1 dir
  dir="$(dir_of "$name")"
  [ -d "$dir/data/mysql" ] && return 0
  # A data dir without the system schema is the leftover of an interrupted init: start it over.
  rm -rf "$dir/data"
  log "$name: initialising $dir/data"
  # shellcheck disable=SC2046  # user_flag is empty or one word
  if ! mariadb-install-db --defaults-file="$(cnf_of "$name")" $(user_flag) \
      --auth-root-authentication-method=normal --skip-test-db >"$dir/install.log" 2>&1; then
    log_tail "$name" install.log
    die "$name: mariadb-install-db failed"
  fi
}

wait_alive() {
  local name=$1 launched_pid=${2:-} deadline=$((SECONDS + WAIT_SECONDS))
  while ! is_alive "$name"; do
    if [ -n "$launched_pid" ] && ! kill -0 "$launched_pid" 2>/dev/null; then
      log_tail "$name" stdout.log
      die "$name: mariadbd exited during start-up (port $(port_of "$name") in use? see the log above)"
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      log_tail "$name" stdout.log
      die "$name: not accepting connections after ${WAIT_SECONDS}s"
    fi
    sleep 0.2
  done
}

create_users() {
  local name=$1 dm_grants
  if [ "$name" = up ] || [ "$name" = rep ]; then
    # REPLICATION CLIENT is called BINLOG MONITOR from MariaDB 10.5 on; both spellings are accepted.
    dm_grants="SELECT, RELOAD, LOCK TABLES, PROCESS, SHOW VIEW, EVENT, TRIGGER, REPLICATION SLAVE, REPLICATION CLIENT"
  else
    dm_grants="ALL PRIVILEGES"
  fi
  # sql_log_bin=0: accounts must not travel through the binlog to whatever replicates from here.
  sql "$name" "SET SESSION sql_log_bin=0;
    CREATE USER IF NOT EXISTS 'dm'@'%' IDENTIFIED BY 'dm';
    CREATE USER IF NOT EXISTS 'dm'@'localhost' IDENTIFIED BY 'dm';
    GRANT $dm_grants ON *.* TO 'dm'@'%';
    GRANT $dm_grants ON *.* TO 'dm'@'localhost';
    CREATE USER IF NOT EXISTS 'admin'@'%' IDENTIFIED BY 'admin';
    CREATE USER IF NOT EXISTS 'admin'@'localhost' IDENTIFIED BY 'admin';
    GRANT ALL PRIVILEGES ON *.* TO 'admin'@'%' WITH GRANT OPTION;
    GRANT ALL PRIVILEGES ON *.* TO 'admin'@'localhost' WITH GRANT OPTION;" \
    || die "$name: creating the dm/admin accounts failed"
}

start_instance() {
  local name=$1 port=$2 server_id=$3 dir pid
  dir="$(dir_of "$name")"
  if [ -f "$dir/my.cnf" ] && [ "$(port_of "$name")" != "$port" ]; then
    log "$name: WARNING: $dir/my.cnf says port $(port_of "$name"), not $port; the existing my.cnf wins"
  fi
  if is_alive "$name"; then
    log "$name: already running on port $(port_of "$name")"
    return 0
  fi
  if pid="$(pid_of "$name")"; then
    # Still starting up (or recovering): wait for it instead of launching a second server.
    log "$name: process $pid exists, waiting for it to accept connections"
    wait_alive "$name" "$pid"
  else
    [ -f "$dir/my.cnf" ] || write_cnf "$name" "$port" "$server_id"
    init_datadir "$name"
    rm -f "$(sock_of "$name")" "$(pidfile_of "$name")"
    # --defaults-file must come first; it keeps /etc/mysql/* out. setsid: survive the caller's session.
    # shellcheck disable=SC2046
    setsid nohup mariadbd --defaults-file="$dir/my.cnf" $(user_flag) >>"$dir/stdout.log" 2>&1 </dev/null &
    local launched=$!
    wait_alive "$name" "$launched"
  fi
  # Tests connect over TCP: make sure the port, not only the socket, answers.
  if ! mariadb-admin --no-defaults --protocol=TCP -h127.0.0.1 -P"$(port_of "$name")" -uroot --connect-timeout=5 ping >/dev/null 2>&1; then
    log_tail "$name" stdout.log
    die "$name: answers on its socket but not on 127.0.0.1:$(port_of "$name")"
  fi
  create_users "$name"
  log "$name: running on 127.0.0.1:$(port_of "$name") (pid $(pid_of "$name" || echo '?'))"
}

stop_instance() {
  local name=$1 pid deadline
  pid="$(pid_of "$name" || true)"
  if [ -z "$pid" ] && ! is_alive "$name"; then
    log "$name: not running"
    return 0
  fi
  log "$name: shutting down${pid:+ (pid $pid)}"
  admin_cmd "$name" shutdown >/dev/null 2>&1 || true
  deadline=$((SECONDS + WAIT_SECONDS))
  if [ -z "$pid" ]; then
    # No pid file to watch: wait until the socket stops answering.
    while is_alive "$name"; do
      [ "$SECONDS" -lt "$deadline" ] || die "$name: still answering ${WAIT_SECONDS}s after shutdown"
      sleep 0.1
    done
    log "$name: stopped"
    return 0
  fi
  while kill -0 "$pid" 2>/dev/null; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      log "$name: still running after ${WAIT_SECONDS}s, sending SIGTERM to $pid"
      kill -TERM "$pid" 2>/dev/null || true
      deadline=$((SECONDS + WAIT_SECONDS))
      sleep 1
      kill -0 "$pid" 2>/dev/null && die "$name: process $pid does not exit"
    fi
    sleep 0.1
  done
  log "$name: stopped"
}

cmd_start() {
  ensure_mariadb_installed
  mkdir -p "$SANDBOX_DIR"
  start_instance up "$UP_PORT" 1
  start_instance down "$DOWN_PORT" 2
}

cmd_stop() {
  for name in "${INSTANCES[@]}"; do stop_instance "$name"; done
  # The optional instances go with the pair (a replica left running would retry a stopped upstream forever).
  for name in rep nobinlog; do
    if [ -d "$(dir_of "$name")" ]; then stop_instance "$name"; fi
  done
}

cmd_status() {
  local rc=0 pid
  for name in "${INSTANCES[@]}"; do
    if is_alive "$name"; then
      pid="$(pid_of "$name" || echo '?')"
      echo "$name: running on 127.0.0.1:$(port_of "$name") (pid $pid, dir $(dir_of "$name"))"
    else
      echo "$name: stopped (port $(port_of "$name"), dir $(dir_of "$name"))"
      rc=1
    fi
  done
  return $rc
}

# --- replica ("rep") and the server without binlog ("nobinlog") --------------------------------------------------

replica_io_sql_running() {
  local st
  st="$(sql rep 'SHOW SLAVE STATUS\G' 2>/dev/null || true)"
  echo "$st" | grep -q 'Slave_IO_Running: Yes' && echo "$st" | grep -q 'Slave_SQL_Running: Yes'
}

# A replica that wrote transactions of its own (server-id 3: promoted by a test) can no longer follow the upstream
# under gtid_strict_mode, even if its threads run until the next upstream transaction arrives.
replica_diverged() {
  sql rep "SELECT @@GLOBAL.gtid_binlog_state" 2>/dev/null | grep -Eq '(^|,)[0-9]+-3-'
}

# Seeds a new replica from a dump of "up" at a known GTID position and starts GTID replication from there.
replica_seed() {
  local dir dump gtid dbs
  dir="$(dir_of rep)"
  dump="$dir/seed.sql"
  dbs="$(mariadb --no-defaults --socket="$(sock_of up)" -uroot -N -s -e "SELECT schema_name FROM
    information_schema.schemata WHERE schema_name NOT IN ('mysql','information_schema','performance_schema','sys')" \
    | tr '\n' ' ')"
  # --master-data=2 --gtid: the dump's consistent point, as the comment `-- SET GLOBAL gtid_slave_pos='...'`.
  if [ -n "${dbs// /}" ]; then
    # shellcheck disable=SC2086  # one word per schema
    mariadb-dump --no-defaults --socket="$(sock_of up)" -uroot --default-character-set=utf8mb4 --single-transaction \
      --master-data=2 --gtid --routines --events --triggers --databases $dbs >"$dump" \
      || die "rep: dumping the upstream failed"
  else
    mariadb-dump --no-defaults --socket="$(sock_of up)" -uroot --single-transaction --master-data=2 --gtid \
      --no-data mysql db >"$dump" || die "rep: reading the upstream's GTID position failed"
  fi
  gtid="$(sed -n "s/^-- SET GLOBAL gtid_slave_pos='\(.*\)';.*/\1/p" "$dump" | head -n1)"
  log "rep: seeding from the upstream at GTID '${gtid}'"
  if [ -n "${dbs// /}" ]; then
    # sql_log_bin=0: the seed is no transaction of the replica's own; its binlog starts at the seed's GTID.
    mariadb --no-defaults --socket="$(sock_of rep)" -uroot --default-character-set=utf8mb4 \
      --init-command="SET SESSION sql_log_bin=0" <"$dump" || die "rep: loading the seed failed"
  fi
  rm -f "$dump"
  sql rep "STOP SLAVE; RESET SLAVE ALL; RESET MASTER;
    SET GLOBAL gtid_binlog_state='$gtid'; SET GLOBAL gtid_slave_pos='$gtid';
    CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=$(port_of up), MASTER_USER='dm', MASTER_PASSWORD='dm',
      MASTER_USE_GTID=slave_pos, MASTER_CONNECT_RETRY=1;
    START SLAVE;" || die "rep: setting up replication failed"
  local deadline=$((SECONDS + WAIT_SECONDS))
  until replica_io_sql_running; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      sql rep 'SHOW SLAVE STATUS\G' >&2 || true
      die "rep: replication did not start within ${WAIT_SECONDS}s"
    fi
    sleep 0.2
  done
}

replica_rebuild() {
  stop_instance rep
  rm -rf "$(dir_of rep)"
  start_instance rep "$REPLICA_PORT" 3
  replica_seed
}

cmd_replica() {
  case "${1:-}" in
    start)
      ensure_mariadb_installed
      is_alive up || die "rep: the upstream is not running; run '$0 start' first"
      if [ ! -d "$(dir_of rep)/data/mysql" ]; then
        start_instance rep "$REPLICA_PORT" 3
        replica_seed
      else
        start_instance rep "$REPLICA_PORT" 3
        if replica_diverged; then
          log "rep: the replica wrote transactions of its own (promoted); rebuilding it"
          replica_rebuild
        elif ! replica_io_sql_running; then
          sql rep "START SLAVE" >/dev/null 2>&1 || true
          sleep 1
          if ! replica_io_sql_running; then
            log "rep: replication does not run (promoted or broken); rebuilding the replica"
            replica_rebuild
          fi
        fi
      fi
      log "rep: replicating from up (127.0.0.1:$(port_of up)) by GTID"
      ;;
    stop) stop_instance rep ;;
    status)
      if ! is_alive rep; then
        echo "rep: stopped (port $(port_of rep), dir $(dir_of rep))"
        return 1
      fi
      echo "rep: running on 127.0.0.1:$(port_of rep) (pid $(pid_of rep || echo '?'), dir $(dir_of rep))"
      if replica_io_sql_running; then echo "rep: replication running"; else echo "rep: replication NOT running"; return 1; fi
      ;;
    clean) stop_instance rep; rm -rf "$(dir_of rep)"; log "removed $(dir_of rep)" ;;
    *) usage ;;
  esac
}

cmd_nobinlog() {
  case "${1:-}" in
    start) ensure_mariadb_installed; mkdir -p "$SANDBOX_DIR"; start_instance nobinlog "$NOBINLOG_PORT" 4 ;;
    stop) stop_instance nobinlog ;;
    status)
      if is_alive nobinlog; then echo "nobinlog: running on 127.0.0.1:$(port_of nobinlog)"
      else echo "nobinlog: stopped (port $(port_of nobinlog))"; return 1; fi
      ;;
    clean) stop_instance nobinlog; rm -rf "$(dir_of nobinlog)"; log "removed $(dir_of nobinlog)" ;;
    *) usage ;;
  esac
}

cmd_trim() {
  local name
  for name in "${INSTANCES[@]}"; do
    if is_alive "$name"; then
      sql "$name" "PURGE BINARY LOGS BEFORE NOW() + INTERVAL 1 DAY" || die "$name: PURGE BINARY LOGS failed"
      log "$name: binlog files purged up to the current one"
    fi
  done
}

cmd_clean() {
  case "$SANDBOX_DIR" in
    ""|/|/tmp|/tmp/|"$HOME"|"$HOME/") die "refusing to remove '$SANDBOX_DIR'";;
  esac
  cmd_stop
  rm -rf "$SANDBOX_DIR"
  log "removed $SANDBOX_DIR"
}

# TLS for both servers: the files are copied next to each my.cnf (readable by the server only) and named by
# ssl_ca/ssl_cert/ssl_key there; a running pair is restarted, since MariaDB cannot turn TLS on at run time.
cmd_tls() {
  local name dir running=0
  if [ "${1:-}" != off ]; then
    [ $# -eq 3 ] || usage
    for f in "$@"; do [ -r "$f" ] || die "tls: cannot read $f"; done
  fi
  for name in "${INSTANCES[@]}"; do is_alive "$name" && running=1; done
  cmd_stop
  for name in "${INSTANCES[@]}"; do
    dir="$(dir_of "$name")"
    if [ ! -f "$dir/my.cnf" ]; then
      if [ "$name" = up ]; then write_cnf up "$UP_PORT" 1; else write_cnf down "$DOWN_PORT" 2; fi
    fi
    sed -i '/^ssl_ca=/d;/^ssl_cert=/d;/^ssl_key=/d' "$dir/my.cnf"
    rm -rf "$dir/tls"
    if [ "${1:-}" != off ]; then
      mkdir -m 700 "$dir/tls"
      install -m 600 "$1" "$dir/tls/ca.pem"
      install -m 600 "$2" "$dir/tls/server-cert.pem"
      install -m 600 "$3" "$dir/tls/server-key.pem"
      printf 'ssl_ca=%s\nssl_cert=%s\nssl_key=%s\n' "$dir/tls/ca.pem" "$dir/tls/server-cert.pem" \
        "$dir/tls/server-key.pem" >>"$dir/my.cnf"
    fi
  done
  if [ "$running" = 1 ]; then cmd_start; fi
  if [ "${1:-}" = off ]; then log "TLS turned off"; else log "TLS served with $1, $2, $3"; fi
}

[ $# -ge 1 ] || usage
if [ "$1" = replica ] || [ "$1" = nobinlog ]; then
  [ $# -eq 2 ] || usage
  "cmd_$1" "$2"
  exit $?
fi
if [ "$1" = tls ]; then
  shift
  cmd_tls "$@"
  exit 0
fi
[ $# -eq 1 ] || usage
case "$1" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  clean) cmd_clean ;;
  trim) cmd_trim ;;
  *) usage ;;
esac
