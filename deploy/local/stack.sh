#!/usr/bin/env bash
# Local Ledgermind stack: a real Kafka broker (KRaft), ClickHouse and an anvil dev chain, run as plain
# processes on 127.0.0.1 and non-default ports (no Docker, no systemd). Installs what is missing first.
#
#   deploy/local/stack.sh up | down [--purge] | status | logs [service] | env | help
#
# State lives in $LEDGERMIND_STACK_DIR (default <repo>/.stack, gitignored): stack.env, logs/, pids/,
# data/, generated configs and kafka-lib/ (broker jars). Ports: see the LEDGERMIND_*_PORT variables below.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
STACK_DIR="${LEDGERMIND_STACK_DIR:-$REPO/.stack}"
# Physical path (-P): it is compared with /proc/PID/cwd below.
mkdir -p "$STACK_DIR" && STACK_DIR="$(cd "$STACK_DIR" && pwd -P)"
KAFKA_LIB="$STACK_DIR/kafka-lib"

HOST=127.0.0.1
KAFKA_PORT="${LEDGERMIND_KAFKA_PORT:-19092}"
KAFKA_CONTROLLER_PORT="${LEDGERMIND_KAFKA_CONTROLLER_PORT:-19093}"
CH_HTTP_PORT="${LEDGERMIND_CLICKHOUSE_HTTP_PORT:-18123}"
CH_TCP_PORT="${LEDGERMIND_CLICKHOUSE_TCP_PORT:-19000}"
CH_INTERSERVER_PORT="${LEDGERMIND_CLICKHOUSE_INTERSERVER_PORT:-19009}"
ANVIL_PORT="${LEDGERMIND_ANVIL_PORT:-18545}"
READY_TIMEOUT="${LEDGERMIND_READY_TIMEOUT:-60}"   # seconds per service
STOP_TIMEOUT=15                                     # seconds between SIGTERM and SIGKILL

SERVICES=(kafka clickhouse anvil)
CHAIN_ID=31337
# anvil's default mnemonic: its well-known dev accounts, the same on every machine. Keys derive from it;
# none is ever printed by this script.
ANVIL_MNEMONIC="test test test test test test test test test test test junk"
ANVIL_BIN="$HERE/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil"
SOLCJS="$HERE/node_modules/solc/solc.js"
CH_SERVER=/usr/sbin/clickhouse-server

STARTED=()            # services this run started: the only ones a failed `up` stops again
declare -A STARTED_AT=()  # when (ms) this run started each of them, for the readiness times

say() { printf '==> %s\n' "$*"; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }
now_ms() { local t="${EPOCHREALTIME//[.,]/}"; echo $((t / 1000)); }
secs_since() { local d=$(( $(now_ms) - $1 )); printf '%d.%01d' $((d / 1000)) $((d % 1000 / 100)); }
pid_file() { echo "$STACK_DIR/pids/$1.pid"; }

# --- processes --------------------------------------------------------------------------------------

# Alive and not a zombie (a service that died while this script is its parent stays a zombie until reaped).
is_alive() { [[ -r /proc/$1/stat ]] && [[ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" != Z ]]; }

# A PID file proves nothing once the process is gone and the PID is reused: the process must also run
# from the service's data dir (every service is started there) with the service's program in its cmdline.
is_ours() {
  local svc=$1 pid=$2 marker
  case $svc in
    kafka) marker=kafka.Kafka ;; clickhouse) marker=clickhouse-server ;; anvil) marker=anvil-linux-amd64/bin/anvil ;;
  esac
  is_alive "$pid" || return 1
  [[ "$(readlink "/proc/$pid/cwd" 2>/dev/null)" == "$STACK_DIR/data/$svc" ]] || return 1
  local cmdline; cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || return 1
  [[ $cmdline == *"$marker"* ]]
}

# Prints the PID of the running service; fails when it is not running.
running_pid() {
  local pf pid; pf="$(pid_file "$1")"
  [[ -f $pf ]] && pid="$(<"$pf")" && [[ $pid =~ ^[0-9]+$ ]] && is_ours "$1" "$pid" && echo "$pid"
}

# setsid gives the service its own session, so a Ctrl-C or hang-up in the terminal that ran `up` does not
# reach it; the subshell execs down to the service itself, so $! is the service's own PID. 9>&-: the
# service must not inherit (and so hold) the up/down lock.
start_bg() {
  local svc=$1; shift
  mkdir -p "$STACK_DIR/data/$svc" "$STACK_DIR/logs" "$STACK_DIR/pids"
  printf '\n=== %s: %s\n' "$(date -Is)" "$*" >>"$STACK_DIR/logs/$svc.log"
  (cd "$STACK_DIR/data/$svc" && exec setsid nohup "$@" >>"$STACK_DIR/logs/$svc.log" 2>&1 </dev/null 9>&-) &
  echo $! >"$(pid_file "$svc")"
  STARTED+=("$svc"); STARTED_AT[$svc]=$(now_ms)
}

# SIGTERM all given services at once (Kafka's clean shutdown takes seconds), SIGKILL what is left after
# STOP_TIMEOUT, remove their PID files. Only PIDs that are still ours are signalled.
stop_services() {
  local svc pid pf waiting=()
  for svc in "$@"; do
    pf="$(pid_file "$svc")"; [[ -f $pf ]] || continue
    if pid="$(running_pid "$svc")"; then
      say "stopping $svc (pid $pid)"; kill -TERM "$pid" 2>/dev/null || true; waiting+=("$svc:$pid")
    else
      say "$svc: removing stale PID file (pid $(<"$pf") is not running)"; rm -f "$pf"
    fi
  done
  local deadline=$((SECONDS + STOP_TIMEOUT)) entry left
  while true; do
    left=()
    for entry in "${waiting[@]}"; do is_alive "${entry#*:}" && left+=("$entry"); done
    ((${#left[@]} == 0 || SECONDS >= deadline)) && break
    sleep 0.2
  done
  for entry in "${left[@]}"; do
    say "${entry%%:*} ignored SIGTERM for ${STOP_TIMEOUT}s: SIGKILL"; kill -KILL "${entry#*:}" 2>/dev/null || true
  done
  for entry in "${waiting[@]}"; do rm -f "$(pid_file "${entry%%:*}")"; done
}

# --- ports ------------------------------------------------------------------------------------------

service_ports() {   # "port:VARIABLE" pairs a service binds
  case $1 in
    kafka) echo "$KAFKA_PORT:LEDGERMIND_KAFKA_PORT $KAFKA_CONTROLLER_PORT:LEDGERMIND_KAFKA_CONTROLLER_PORT" ;;
    clickhouse) echo "$CH_HTTP_PORT:LEDGERMIND_CLICKHOUSE_HTTP_PORT $CH_TCP_PORT:LEDGERMIND_CLICKHOUSE_TCP_PORT" \
                     "$CH_INTERSERVER_PORT:LEDGERMIND_CLICKHOUSE_INTERSERVER_PORT" ;;
    anvil) echo "$ANVIL_PORT:LEDGERMIND_ANVIL_PORT" ;;
  esac
}

validate_ports() {
  local ports=() svc pair port
  for svc in "${SERVICES[@]}"; do
    for pair in $(service_ports "$svc"); do
      port=${pair%%:*}
      if ! [[ $port =~ ^[0-9]{1,5}$ ]] || ((10#$port < 1 || 10#$port > 65535)); then die "${pair#*:}=$port is not a port"; fi
      ports+=("$port")
    done
  done
  [[ $(printf '%s\n' "${ports[@]}" | sort -u | wc -l) -eq ${#ports[@]} ]] || die "two services share a port: ${ports[*]}"
}

# Before starting a service: none of its ports may be taken (on any address) by someone else.
check_ports_free() {
  local pair port owner
  for pair in $(service_ports "$1"); do
    port=${pair%%:*}
    owner="$(ss -Hltnp "sport = :$port" 2>/dev/null)" || true
    [[ -z $owner ]] && continue
    owner="$(grep -o 'users:(.*)' <<<"${owner%%$'\n'*}")" || owner='another process'
    die "port $port (needed by $1) is already in use by $owner; stop it or choose another port with ${pair#*:}=<port>"
  done
}

# --- installation (idempotent) ----------------------------------------------------------------------

# Installer output goes to logs/install.log and is shown only when a step fails.
run_logged() {
  local log="$STACK_DIR/logs/install.log"
  mkdir -p "${log%/*}"; printf '\n=== %s: %s\n' "$(date -Is)" "$*" >>"$log"
  "$@" >>"$log" 2>&1 && return 0
  tail -n 30 "$log" >&2; printf 'full output: %s\n' "$log" >&2; return 1
}

ensure_system_packages() {
  local pkgs=()
  command -v java >/dev/null && command -v mvn >/dev/null || pkgs+=(openjdk-17-jdk-headless maven)
  command -v node >/dev/null && command -v npm >/dev/null || pkgs+=(nodejs npm)
  [[ -x $CH_SERVER ]] || pkgs+=(clickhouse-server clickhouse-client)
  command -v curl >/dev/null || pkgs+=(curl)
  command -v ss >/dev/null || pkgs+=(iproute2)
  ((${#pkgs[@]})) || return 0

  local sudo=()
  if ((EUID != 0)); then command -v sudo >/dev/null || die "need root to install: ${pkgs[*]}"; sudo=(sudo); fi
  say "installing ${pkgs[*]} (apt)"
  # clickhouse-server's postinst runs `invoke-rc.d clickhouse-server start`, which would start a second
  # server as user clickhouse on the default ports. We never use it: a policy-rc.d answering 101
  # ("forbidden") is Debian's switch for exactly this. Added only for the install, only if none exists.
  local policy=/usr/sbin/policy-rc.d added=0 rc=0
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee "$policy" >/dev/null && "${sudo[@]}" chmod +x "$policy" && added=1
  fi
  run_logged "${sudo[@]}" apt-get update -q && run_logged "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q "${pkgs[@]}" || rc=$?
  ((added)) && "${sudo[@]}" rm -f "$policy"
  ((rc == 0)) || die "apt-get install ${pkgs[*]} failed (exit $rc)"
}

# npm ci when node_modules is missing or was installed from another lockfile (npm keeps a copy of what it
# installed in node_modules/.package-lock.json).
ensure_node_modules() {
  local hidden="$HERE/node_modules/.package-lock.json"
  if [[ -f $hidden && -x $ANVIL_BIN && -f $SOLCJS ]] && node -e '
      const fs = require("fs");
      const [want, have] = process.argv.slice(1).map(f => JSON.parse(fs.readFileSync(f, "utf8")).packages);
      delete want[""];
      const key = p => JSON.stringify(Object.keys(p).sort().map(k => [k, p[k].version, p[k].integrity]));
      process.exit(key(want) === key(have) ? 0 : 1);' "$HERE/package-lock.json" "$hidden"; then
    return 0
  fi
  say "installing anvil and solcjs (npm ci in deploy/local)"
  run_logged env -C "$HERE" npm ci --no-audit --no-fund || die "npm ci in $HERE failed"
}

# The jars depend on the broker pom and on the versions it takes from the root pom: a change to either
# invalidates kafka-lib (the marker holds their hash and is written only after a complete copy).
ensure_kafka_lib() {
  local marker="$KAFKA_LIB/.complete" stamp
  stamp="$({ cat "$HERE/kafka/pom.xml"; grep -E '<(kafka\.broker|log4j)\.version>' "$REPO/pom.xml"; } | sha256sum | cut -d' ' -f1)"
  [[ -f $marker && "$(<"$marker")" == "$stamp" ]] && return 0
  say "downloading the Kafka broker jars (mvn) into $KAFKA_LIB"
  rm -rf "$KAFKA_LIB"
  run_logged mvn -B -ntp -q -f "$HERE/kafka/pom.xml" dependency:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory="$KAFKA_LIB" || die "could not resolve the Kafka broker jars"
  compgen -G "$KAFKA_LIB/kafka_2.13-*.jar" >/dev/null || die "no kafka_2.13 jar in $KAFKA_LIB"
  echo "$stamp" >"$marker"
}

# --- Kafka: one KRaft node in combined broker+controller mode ---------------------------------------

kafka_java() { java -Dlog4j2.configurationFile="$HERE/kafka/log4j2.properties" -cp "$KAFKA_LIB/*" "$@"; }

# Kafka authenticates every client (SASL/SCRAM-SHA-512) and authorizes with ACLs. One principal per role, each
# with a client config in $KAFKA_CLIENTS/ROLE.properties (mode 600): admin (super user: topics, ACLs), ingest,
# job, signer, transmitter, quant (read-only). `ledgermind topics create` / `run` grant the roles their ACLs.
KAFKA_CLIENTS="$STACK_DIR/kafka-clients"
KAFKA_ROLES=(admin ingest job signer transmitter quant)

kafka_password() { cat "$KAFKA_CLIENTS/.password-$1"; }

# Passwords are made once and kept: the broker's SCRAM credentials are written into its storage at format time.
kafka_credentials() {
  local role
  mkdir -p "$KAFKA_CLIENTS" && chmod 700 "$KAFKA_CLIENTS"
  for role in "${KAFKA_ROLES[@]}" controller; do
    [[ -s $KAFKA_CLIENTS/.password-$role ]] && continue
    (umask 077; head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' >"$KAFKA_CLIENTS/.password-$role")
  done
  for role in "${KAFKA_ROLES[@]}"; do
    (umask 077; cat >"$KAFKA_CLIENTS/$role.properties" <<EOF
# Kafka client config of the '$role' principal of the local stack (kafka-console-* --command-config, --kafka-config).
bootstrap.servers=$HOST:$KAFKA_PORT
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="$role" password="$(kafka_password "$role")";
EOF
    )
    (umask 077; cat >"$KAFKA_CLIENTS/$role.kcat.conf" <<EOF
bootstrap.servers=$HOST:$KAFKA_PORT
security.protocol=SASL_PLAINTEXT
sasl.mechanisms=SCRAM-SHA-512
sasl.username=$role
sasl.password=$(kafka_password "$role")
EOF
    )
  done
}

kafka_start() {
  local conf="$STACK_DIR/kafka-conf/server.properties" data="$STACK_DIR/data/kafka" log="$STACK_DIR/logs/kafka.log"
  mkdir -p "${conf%/*}" "$data" "$STACK_DIR/logs"
  # Storage formatted before the stack authenticated has no SCRAM users, and none can be added offline: keep it
  # aside (nothing is deleted) and start from fresh storage.
  if [[ -f $data/logs/meta.properties && ! -f $data/.scram-users ]]; then
    local aside="$data.pre-auth-$(date +%Y%m%d%H%M%S)"
    say "Kafka storage predates authentication: moved to $aside, starting with fresh storage"
    mv "$data" "$aside" && mkdir -p "$data"
  fi
  kafka_credentials
  local admin_pw controller_pw
  admin_pw="$(kafka_password admin)"; controller_pw="$(kafka_password controller)"
  (umask 077; cat >"$conf" <<EOF
# Generated by deploy/local/stack.sh: edits are overwritten on every up.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$HOST:$KAFKA_CONTROLLER_PORT
listeners=SASL_PLAINTEXT://$HOST:$KAFKA_PORT,CONTROLLER://$HOST:$KAFKA_CONTROLLER_PORT
advertised.listeners=SASL_PLAINTEXT://$HOST:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=SASL_PLAINTEXT
listener.security.protocol.map=SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT
# Clients: SCRAM (credentials live in the cluster metadata). The controller listener uses PLAIN with a password of
# its own: KRaft controllers cannot use SCRAM, and an unauthenticated controller port would be a super user.
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
sasl.mechanism.controller.protocol=PLAIN
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$admin_pw";
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="controller" password="$controller_pw" user_controller="$controller_pw";
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=false
super.users=User:admin;User:controller
log.dirs=$data/logs
# Topics are created on purpose (a missing topic must fail loudly, not appear with defaults).
auto.create.topics.enable=false
num.partitions=2
default.replication.factor=1
min.insync.replicas=1
# One node: every internal topic must make do with one replica, or transactions and groups never start.
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
# 50 partitions each by default: slow to create on 2 cores and pointless on one node.
offsets.topic.num.partitions=4
transaction.state.log.num.partitions=4
share.coordinator.state.topic.num.partitions=4
# Flink's exactly-once sink keeps transactions open up to 15 min (its timeout must not exceed this).
transaction.max.timeout.ms=900000
# Tests start consumers at once; the default 3 s wait for more group members only slows them down.
group.initial.rebalance.delay.ms=0
EOF
  )
  # Format once. The cluster id stays in the data dir, so a broker restarted on the same data agrees with it.
  if [[ ! -f $data/logs/meta.properties ]]; then
    # (grep: only the id, should any log line reach stdout)
    [[ -s $data/cluster.id ]] || kafka_java kafka.tools.StorageTool random-uuid 2>>"$log" \
      | grep -Eo '^[A-Za-z0-9_-]{22}$' >"$data/cluster.id" || die "kafka random-uuid failed"
    say "formatting Kafka storage (cluster id $(<"$data/cluster.id"))"
    local scram=() role
    for role in "${KAFKA_ROLES[@]}"; do
      scram+=(--add-scram "SCRAM-SHA-512=[name=$role,password=$(kafka_password "$role")]")
    done
    kafka_java kafka.tools.StorageTool format -t "$(<"$data/cluster.id")" -c "$conf" "${scram[@]}" >>"$log" 2>&1 \
      || { tail -n 30 "$log" >&2; die "kafka storage format failed"; }
    printf '%s\n' "${KAFKA_ROLES[@]}" >"$data/.scram-users"
  fi
  # After a kill -9 the new broker waits for its old session to expire (broker.session.timeout.ms, 9 s)
  # before it can register again: ready in ~15 s instead of ~5 s. A shorter session would risk the only
  # broker fencing itself under load on a 2-core box.
  start_bg kafka java -Xms256m -Xmx1g -Dlog4j2.configurationFile="$HERE/kafka/log4j2.properties" \
    -cp "$KAFKA_LIB/*" kafka.Kafka "$conf"
}

# Real readiness (KafkaReady.java): the broker answers describeCluster only once it has registered with the
# KRaft controller and been unfenced.
# C1-only JIT and serial GC: a JVM that lives two seconds starts ~30 % faster that way.
kafka_probe() {
  java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$KAFKA_LIB/*" "$HERE/KafkaReady.java" "$HOST:$KAFKA_PORT" "$1" \
    "$KAFKA_CLIENTS/admin.properties" \
    >/dev/null 2>&1
}
kafka_endpoint() { echo "$HOST:$KAFKA_PORT"; }

# --- ClickHouse (Debian's 18.16 package, run from a private copy of its config) ---------------------

clickhouse_config() {
  local conf="$STACK_DIR/clickhouse-conf" data="$STACK_DIR/data/clickhouse/" logs="$STACK_DIR/logs"
  mkdir -p "$conf" "$data" "$logs"
  cp /etc/clickhouse-server/users.xml "$conf/users.xml"
  # Paths into STACK_DIR; our ports; loopback only; no TLS (no certificates here) and no extra protocols
  # (newer packages' mysql/postgresql/grpc ports would bind defaults). console=1 copies the server log to
  # stdout, i.e. logs/clickhouse.log.
  sed -e "s#/var/lib/clickhouse/#$data#g" \
      -e "s#/var/log/clickhouse-server/#$logs/#g" \
      -e '0,/<level>[a-z]*<\/level>/s//&<console>1<\/console>/' \
      -e '/<listen_host>.*<\/listen_host>/d' \
      -e '/<\(https_port\|tcp_port_secure\|mysql_port\|postgresql_port\|grpc_port\)>.*<\//d' \
      -e '/^[[:space:]]*<openSSL>/,/^[[:space:]]*<\/openSSL>/d' \
      -e "s#<http_port>[0-9]*</http_port>#<http_port>$CH_HTTP_PORT</http_port><listen_host>$HOST</listen_host>#" \
      -e "s#<tcp_port>[0-9]*</tcp_port>#<tcp_port>$CH_TCP_PORT</tcp_port>#" \
      -e "s#<interserver_http_port>[0-9]*</interserver_http_port>#<interserver_http_port>$CH_INTERSERVER_PORT</interserver_http_port>#" \
      /etc/clickhouse-server/config.xml >"$conf/config.xml"
  # Refuse to start from a config this rewrite did not understand (another package version).
  local want
  for want in "<http_port>$CH_HTTP_PORT<" "<tcp_port>$CH_TCP_PORT<" "<interserver_http_port>$CH_INTERSERVER_PORT<" \
              "<listen_host>$HOST<" "<path>$data<"; do
    grep -qF "$want" "$conf/config.xml" || die "could not rewrite /etc/clickhouse-server/config.xml ($want missing)"
  done
  if grep -v '^[[:space:]]*<!--' "$conf/config.xml" | grep -E '/var/(lib|log)/clickhouse' >/dev/null; then
    die "clickhouse config still points into /var after rewrite: $conf/config.xml"
  fi
}

clickhouse_start() {
  clickhouse_config
  # Runs in the foreground (no --daemon), so the PID we record is the server's own; 18.16 does not even
  # write --pid-file then (it keeps its PID in data/clickhouse/status). Running as root is fine for 18.16
  # (it does not insist on the clickhouse user; the data dir is ours).
  start_bg clickhouse "$CH_SERVER" --config-file="$STACK_DIR/clickhouse-conf/config.xml" \
    --pid-file="$STACK_DIR/data/clickhouse/clickhouse-server.pid"
}

# The Debian build answers compressed requests with an empty 200: plain requests only, here and in tests.
clickhouse_probe() { [[ "$(curl -sf --max-time "$1" "http://$HOST:$CH_HTTP_PORT/ping")" == "Ok." ]]; }
clickhouse_endpoint() { echo "http://$HOST:$CH_HTTP_PORT (native tcp $CH_TCP_PORT)"; }

# --- anvil (Ethereum dev chain) ---------------------------------------------------------------------

anvil_start() {
  # --prune-history 64: without it anvil keeps every state and writes GBs under ~/.foundry; a bare
  # --prune-history keeps none and anvil_reorg fails; 64 in-memory states keep reorgs up to depth 64 working.
  # --silent: the start-up banner lists the dev accounts' private keys; they must not land in a log.
  start_bg anvil "$ANVIL_BIN" --host "$HOST" --port "$ANVIL_PORT" --chain-id "$CHAIN_ID" --prune-history 64 --silent
}

anvil_probe() {
  local answer
  answer="$(curl -sf --max-time "$1" -H 'Content-Type: application/json' \
    -d '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}' "http://$HOST:$ANVIL_PORT")" || return 1
  [[ $answer == *'"result":"0x7a69"'* ]]   # 31337
}
anvil_endpoint() { echo "http://$HOST:$ANVIL_PORT (chain id $CHAIN_ID)"; }

# --- up ---------------------------------------------------------------------------------------------

fail_start() {   # service, reason: report, stop what this run started, exit non-zero
  local svc=$1 log="$STACK_DIR/logs/$1.log"
  printf 'ERROR: %s failed to start (%s)\n' "$svc" "$2" >&2
  [[ -f $log ]] && { printf -- '--- last 30 lines of %s ---\n' "$log" >&2; tail -n 30 "$log" >&2; printf -- '---\n' >&2; }
  ((${#STARTED[@]})) && stop_services "${STARTED[@]}" >&2
  exit 1
}

wait_ready() {
  local svc=$1 t0="${STARTED_AT[$1]:-$(now_ms)}" pid left deadline=$((SECONDS + READY_TIMEOUT))
  while true; do
    pid="$(<"$(pid_file "$svc")")"
    is_ours "$svc" "$pid" || fail_start "$svc" "process $pid exited"
    # Probes wait at most 5 s (Kafka's JVM retries on its own for that long), so a dead process is noticed.
    left=$((deadline - SECONDS)); ((left >= 1)) || left=1
    if "${svc}_probe" $((left < 5 ? left : 5)); then say "$svc ready ($(secs_since "$t0") s${STARTED_AT[$svc]+ after start})"; return 0; fi
    ((SECONDS < deadline)) || fail_start "$svc" "not ready after ${READY_TIMEOUT} s"
    sleep 0.2
  done
}

write_env() {
  local tmp="$STACK_DIR/stack.env.tmp"
  cat >"$tmp" <<EOF
# Written by deploy/local/stack.sh up. Shell: set -a; . $STACK_DIR/stack.env; set +a
LEDGERMIND_STACK_DIR=$STACK_DIR
LEDGERMIND_KAFKA_BOOTSTRAP=$HOST:$KAFKA_PORT
LEDGERMIND_KAFKA_CLIENTS_DIR=$KAFKA_CLIENTS
LEDGERMIND_CLICKHOUSE_URL=http://$HOST:$CH_HTTP_PORT
LEDGERMIND_CLICKHOUSE_TCP_PORT=$CH_TCP_PORT
LEDGERMIND_ETH_RPC_URL=http://$HOST:$ANVIL_PORT
LEDGERMIND_CHAIN_ID=$CHAIN_ID
LEDGERMIND_ANVIL_MNEMONIC="$ANVIL_MNEMONIC"
LEDGERMIND_ANVIL_BIN=$ANVIL_BIN
LEDGERMIND_SOLCJS=$SOLCJS
LEDGERMIND_KAFKA_LIB=$KAFKA_LIB
EOF
  mv "$tmp" "$STACK_DIR/stack.env"
}

cmd_up() {
  local t0 svc pid to_start=()
  t0=$(now_ms)
  validate_ports
  ensure_system_packages
  ensure_node_modules
  ensure_kafka_lib
  mkdir -p "$STACK_DIR"/{logs,pids,data}
  for svc in "${SERVICES[@]}"; do
    if pid="$(running_pid "$svc")"; then
      say "$svc already running (pid $pid)"
    else
      [[ -f $(pid_file "$svc") ]] && say "$svc: removing stale PID file (pid $(<"$(pid_file "$svc")") is not running)"
      rm -f "$(pid_file "$svc")"
      to_start+=("$svc")
    fi
  done
  for svc in "${to_start[@]}"; do check_ports_free "$svc"; done
  # An interrupted up leaves nothing half-started behind.
  trap 'echo; ((${#STARTED[@]})) && stop_services "${STARTED[@]}"; exit 130' INT TERM
  for svc in "${to_start[@]}"; do say "starting $svc"; "${svc}_start"; done
  # The fast ones first, so that each reports its own readiness time, not Kafka's.
  for svc in clickhouse anvil kafka; do wait_ready "$svc"; done
  trap - INT TERM
  write_env
  say "stack up in $(secs_since "$t0") s (state in $STACK_DIR)"
  for svc in "${SERVICES[@]}"; do printf '  %-11s %s\n' "$svc" "$("${svc}_endpoint")"; done
  printf '  %-11s %s\n' env "$STACK_DIR/stack.env"
  echo "Stop with: ./ledgermind stack down"
}

# --- down, status, logs, env ------------------------------------------------------------------------

cmd_down() {
  local purge=0
  case "${1:-}" in --purge) purge=1 ;; "") ;; *) die "down takes only --purge" ;; esac
  local any=0 svc
  for svc in "${SERVICES[@]}"; do [[ -f $(pid_file "$svc") ]] && any=1; done
  if ((any)); then stop_services anvil clickhouse kafka; else say "nothing running"; fi
  # The env file describes a running stack; without one it would only point tests at closed ports.
  rm -f "$STACK_DIR/stack.env"
  if ((purge)); then
    say "purging data and logs (kept: kafka-lib)"
    rm -rf "$STACK_DIR/data" "$STACK_DIR/logs" "$STACK_DIR/kafka-conf" "$STACK_DIR/clickhouse-conf"
  fi
}

cmd_status() {
  local svc pid ready rc=0
  for svc in "${SERVICES[@]}"; do
    if pid="$(running_pid "$svc")"; then
      ready=no; "${svc}_probe" 3 && ready=yes
      printf '%-11s running  pid %-8s %-45s ready %s\n' "$svc" "$pid" "$("${svc}_endpoint")" "$ready"
    else
      printf '%-11s stopped\n' "$svc"; rc=3
    fi
  done
  return $rc
}

cmd_logs() {
  local svc list=("${SERVICES[@]}")
  if [[ -n ${1:-} ]]; then
    [[ " ${SERVICES[*]} " == *" $1 "* ]] || die "unknown service '$1' (one of: ${SERVICES[*]})"
    list=("$1")
  fi
  for svc in "${list[@]}"; do
    printf '==> %s <==\n' "$STACK_DIR/logs/$svc.log"
    tail -n 50 "$STACK_DIR/logs/$svc.log" 2>/dev/null || echo "(no log yet)"
  done
}

cmd_env() {
  [[ -f $STACK_DIR/stack.env ]] || die "no $STACK_DIR/stack.env: run 'up' first"
  cat "$STACK_DIR/stack.env"
}

usage() {
  cat <<EOF
Usage: ./ledgermind stack <command>   (or deploy/local/stack.sh <command>)
  up              install what is missing, start Kafka, ClickHouse and anvil, wait until each is ready
  down [--purge]  stop them (--purge also deletes data/ and logs/; the broker jars stay)
  status          one line per service; exit 0 when all run, 3 otherwise
  logs [service]  last 50 log lines (kafka, clickhouse, anvil)
  env             print stack.env (connection settings for tests and the CLI)
State: $STACK_DIR (LEDGERMIND_STACK_DIR). Ports (127.0.0.1): LEDGERMIND_KAFKA_PORT=$KAFKA_PORT,
LEDGERMIND_KAFKA_CONTROLLER_PORT=$KAFKA_CONTROLLER_PORT, LEDGERMIND_CLICKHOUSE_HTTP_PORT=$CH_HTTP_PORT,
LEDGERMIND_CLICKHOUSE_TCP_PORT=$CH_TCP_PORT, LEDGERMIND_CLICKHOUSE_INTERSERVER_PORT=$CH_INTERSERVER_PORT,
LEDGERMIND_ANVIL_PORT=$ANVIL_PORT. Readiness timeout: LEDGERMIND_READY_TIMEOUT=$READY_TIMEOUT s.
EOF
}

# up and down change the stack: one at a time.
lock() { exec 9>"$STACK_DIR/.lock"; flock -n 9 || die "another stack.sh up/down is running on $STACK_DIR"; }

case "${1:-help}" in
  up) lock; cmd_up ;;
  down) lock; shift; cmd_down "$@" ;;
  status) cmd_status ;;
  logs) shift; cmd_logs "$@" ;;
  env) cmd_env ;;
  help | -h | --help) usage ;;
  *) usage >&2; exit 2 ;;
esac
