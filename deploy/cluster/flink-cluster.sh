#!/usr/bin/env bash
# A real multi-process Flink session cluster on this machine: one JobManager and N TaskManagers, each its own JVM,
# started from Maven jars the way flink-dist's bin/*.sh would (flink-dist itself is not on Maven Central). The job
# jar (flink-jobs/target/*-job.jar) is submitted with `flink run` (Flink's CliFrontend), as on any Flink cluster.
#
#   deploy/cluster/flink-cluster.sh up [--taskmanagers N] | down | status | add-tm [N] | kill-tm I
#                                   | submit [--jar JAR] [--detached] [JOB OPTIONS] | logs [PROCESS] | env | help
#
# State lives in $LEDGERMIND_FLINK_DIR (default <repo>/.stack/flink, gitignored): conf/, logs/, pids/, tmp/,
# checkpoints/, cluster.env. The lib/ (Flink runtime, log4j, DJL + PyTorch natives, ~180 MB) is assembled once from
# deploy/cluster/flink-lib/pom.xml into $LEDGERMIND_FLINK_LIB (default <repo>/.stack/flink/lib) and shared by every
# cluster directory (the ITCase runs its own cluster in flink-jobs/target with the same lib/).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
STACK_DIR="${LEDGERMIND_STACK_DIR:-$REPO/.stack}"
FLINK_DIR="${LEDGERMIND_FLINK_DIR:-$STACK_DIR/flink}"
mkdir -p "$FLINK_DIR" && FLINK_DIR="$(cd "$FLINK_DIR" && pwd -P)"
FLINK_LIB="${LEDGERMIND_FLINK_LIB:-$STACK_DIR/flink/lib}"
CONF="$FLINK_DIR/conf"

REST_PORT="${LEDGERMIND_FLINK_REST_PORT:-18081}"
RPC_PORT="${LEDGERMIND_FLINK_RPC_PORT:-16123}"
TASKMANAGERS="${LEDGERMIND_FLINK_TASKMANAGERS:-2}"
SLOTS="${LEDGERMIND_FLINK_SLOTS:-1}"               # slots per TaskManager
JM_MEMORY="${LEDGERMIND_FLINK_JM_MEMORY:-1024m}"
TM_MEMORY="${LEDGERMIND_FLINK_TM_MEMORY:-1536m}"   # JVM total; PyTorch's native memory comes on top (~200-300 MB)
READY_TIMEOUT="${LEDGERMIND_READY_TIMEOUT:-120}"   # seconds for the REST endpoint and for TM registration
# PyTorch unpacks its 446 MB native library here on first use: share the folder the tests and the CLI use.
DJL_CACHE="${DJL_CACHE_DIR:-$HOME/.djl.ai}"
STOP_TIMEOUT=15
REST_URL="http://localhost:$REST_PORT"

JM_CLASS=org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint
TM_CLASS=org.apache.flink.runtime.taskexecutor.TaskManagerRunner
CLI_CLASS=org.apache.flink.client.cli.CliFrontend

# flink-dist's env.java.opts.all for Java 17: Flink's RPC, Kryo and the network stack reflect into the JDK.
JAVA_MODULE_OPTS=(
  --add-exports=java.base/sun.net.util=ALL-UNNAMED --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED
  --add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED --add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED
  --add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED --add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED
  --add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED --add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.text=ALL-UNNAMED
  --add-opens=java.base/java.time=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED
)
# DJL: never download (natives come from lib/), no tracking probe, one PyTorch thread per TM (2-core machine).
DJL_OPTS=(-Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1)

say() { printf '==> %s\n' "$*"; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }
# A failed up/add-tm stops the processes it started, so nothing half-started stays behind.
fail() { printf 'ERROR: %s\n' "$*" >&2; ((${#STARTED[@]} == 0)) || stop_processes "${STARTED[@]}" >&2; exit 1; }
now_ms() { local t="${EPOCHREALTIME//[.,]/}"; echo $((t / 1000)); }
secs_since() { local d=$(( $(now_ms) - $1 )); printf '%d.%01d' $((d / 1000)) $((d % 1000 / 100)); }
pid_file() { echo "$FLINK_DIR/pids/$1.pid"; }
STARTED=()   # processes this run started: the only ones a failed up/add-tm stops again

# --- processes --------------------------------------------------------------------------------------

is_alive() { [[ -r /proc/$1/stat ]] && [[ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" != Z ]]; }

# A PID is ours only while it runs the process's entry point with this cluster's conf dir (PIDs get reused).
is_ours() {
  local name=$1 pid=$2 marker=$TM_CLASS cmdline
  [[ $name == jobmanager ]] && marker=$JM_CLASS
  is_alive "$pid" || return 1
  cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || return 1
  [[ $cmdline == *"$marker --configDir $CONF "* ]]
}

running_pid() {
  local pf pid; pf="$(pid_file "$1")"
  [[ -f $pf ]] && pid="$(<"$pf")" && [[ $pid =~ ^[0-9]+$ ]] && is_ours "$1" "$pid" && echo "$pid"
}

taskmanager_names() {   # every TM with a PID file, in index order
  local f
  for f in "$FLINK_DIR"/pids/taskmanager-*.pid; do [[ -e $f ]] && basename "$f" .pid; done | sort -t- -k2 -n
}

running_taskmanagers() { local n; for n in $(taskmanager_names); do running_pid "$n" >/dev/null && echo "$n"; done; true; }

# bin/config.sh's trick: BashJavaUtils derives the JVM flags (-Xmx, direct memory, metaspace) and the memory
# settings as -D dynamic properties from config.yaml. Prints two lines: JVM flags, then dynamic properties.
resource_params() {
  local out
  out="$(java -Dlog4j2.level=ERROR -cp "$FLINK_LIB/*" org.apache.flink.runtime.util.bash.BashJavaUtils "$1" \
      --configDir "$CONF" 2>&1)" || { printf '%s\n' "$out" | tail -n 20 >&2; die "BashJavaUtils $1 failed"; }
  grep '^BASH_JAVA_UTILS_EXEC_RESULT:' <<<"$out" | sed 's/^BASH_JAVA_UTILS_EXEC_RESULT://' | tail -n 2
}

# setsid: a Ctrl-C in the terminal that ran `up` does not reach the cluster; the subshell execs down to java,
# so $! is the JVM's PID. 9>&-: the process must not hold the up/down lock.
start_process() {
  local name=$1 class=$2 params=$3 jvm dyn
  jvm="$(sed -n 1p <<<"$params")"; dyn="$(sed -n 2p <<<"$params")"
  # A TaskManager registers under its process name: readiness can tell a new one from a dead one not yet expired.
  [[ $name == taskmanager-* ]] && dyn+=" -D taskmanager.resource-id=$name"
  mkdir -p "$FLINK_DIR/logs" "$FLINK_DIR/pids" "$FLINK_DIR/tmp" "$DJL_CACHE"
  printf '\n=== %s: %s\n' "$(date -Is)" "$name" >>"$FLINK_DIR/logs/$name.log"
  # shellcheck disable=SC2086 # $jvm and $dyn are word lists by construction (BashJavaUtils output)
  (cd "$FLINK_DIR" && exec setsid nohup env DJL_CACHE_DIR="$DJL_CACHE" OPT_OUT_TRACKING=true \
      java $jvm "${JAVA_MODULE_OPTS[@]}" "${DJL_OPTS[@]}" -Djava.io.tmpdir="$FLINK_DIR/tmp" \
      -Dlog4j.configurationFile="$CONF/log4j.properties" -cp "$FLINK_LIB/*" \
      "$class" --configDir "$CONF" $dyn >>"$FLINK_DIR/logs/$name.log" 2>&1 </dev/null 9>&-) &
  echo $! >"$(pid_file "$name")"
  say "started $name (pid $!, log $FLINK_DIR/logs/$name.log)"
}

stop_processes() {   # SIGTERM all, SIGKILL what is left after STOP_TIMEOUT
  local name pid waiting=() entry left
  for name in "$@"; do
    if pid="$(running_pid "$name")"; then
      say "stopping $name (pid $pid)"; kill -TERM "$pid" 2>/dev/null || true; waiting+=("$name:$pid")
    fi
    rm -f "$(pid_file "$name")"
  done
  local deadline=$((SECONDS + STOP_TIMEOUT))
  while true; do
    left=()
    for entry in "${waiting[@]}"; do is_alive "${entry#*:}" && left+=("$entry"); done
    ((${#left[@]} == 0 || SECONDS >= deadline)) && break
    sleep 0.2
  done
  for entry in "${left[@]}"; do
    say "${entry%%:*} ignored SIGTERM for ${STOP_TIMEOUT}s: SIGKILL"; kill -KILL "${entry#*:}" 2>/dev/null || true
  done
}

show_log_tail() {
  local log="$FLINK_DIR/logs/$1.log"
  [[ -f $log ]] && { printf -- '--- last 30 lines of %s ---\n' "$log" >&2; tail -n 30 "$log" >&2; printf -- '---\n' >&2; }
  true
}

# --- REST -------------------------------------------------------------------------------------------

rest() { curl -sf --max-time 3 "$REST_URL$1"; }
registered_taskmanagers() { rest /taskmanagers | grep -o '"id":"[^"]*"' | cut -d'"' -f4; }

# Waits until the REST endpoint answers and every running TaskManager of this cluster is registered (by resource id);
# fails early, with the log tail, when a process this run started has exited.
wait_registered() {
  local t0 deadline name registered missing
  t0=$(now_ms); deadline=$((SECONDS + READY_TIMEOUT))
  while true; do
    running_pid jobmanager >/dev/null || { show_log_tail jobmanager; fail "the JobManager exited"; }
    for name in "${STARTED[@]}"; do
      running_pid "$name" >/dev/null || { show_log_tail "$name"; fail "$name exited"; }
    done
    missing=()
    if registered="$(registered_taskmanagers 2>/dev/null)"; then
      for name in $(running_taskmanagers); do grep -qx "$name" <<<"$registered" || missing+=("$name"); done
      if ((${#missing[@]} == 0)); then
        say "REST $REST_URL up, $(running_taskmanagers | wc -l) TaskManager(s) registered ($(secs_since "$t0") s)"
        return 0
      fi
    else
      missing=("REST $REST_URL")
    fi
    if ((SECONDS >= deadline)); then
      show_log_tail jobmanager; fail "not registered after ${READY_TIMEOUT} s: ${missing[*]}"
    fi
    sleep 0.5
  done
}

# --- installation (idempotent) ----------------------------------------------------------------------

# The jars depend on flink-lib/pom.xml and the versions it takes from the root pom: a change to either invalidates
# lib/ (the marker holds their hash and is written only after a complete copy). Clusters sharing one lib/ take
# turns through a lock.
ensure_lib() {
  mkdir -p "$(dirname "$FLINK_LIB")"
  exec 8>"$FLINK_LIB.lock"; flock 8
  local marker="$FLINK_LIB/.complete" stamp log="$FLINK_DIR/logs/install.log"
  stamp="$({ cat "$HERE/flink-lib/pom.xml"
    grep -E '<(flink|log4j|djl|pytorch|pytorch-native\.artifact)(\.version)?>' "$REPO/pom.xml"; } | sha256sum | cut -d' ' -f1)"
  if [[ -f $marker && "$(<"$marker")" == "$stamp" ]]; then exec 8>&-; return 0; fi
  say "assembling the Flink lib/ (mvn dependency:copy-dependencies) into $FLINK_LIB"
  rm -rf "$FLINK_LIB"; mkdir -p "$FLINK_DIR/logs"
  if ! mvn -B -ntp -q -f "$HERE/flink-lib/pom.xml" dependency:copy-dependencies -DincludeScope=runtime \
      -DoutputDirectory="$FLINK_LIB" >>"$log" 2>&1; then
    tail -n 30 "$log" >&2; die "could not resolve the Flink cluster jars (full output: $log)"
  fi
  compgen -G "$FLINK_LIB/flink-runtime-[0-9]*.jar" >/dev/null || die "no flink-runtime jar in $FLINK_LIB"
  echo "$stamp" >"$marker"
  exec 8>&-
}

check_port_free() {
  local owner
  owner="$(ss -Hltnp "sport = :$1" 2>/dev/null)" || true
  [[ -z $owner ]] && return 0
  owner="$(grep -o 'users:(.*)' <<<"${owner%%$'\n'*}")" || owner='another process'
  die "port $1 is already in use by $owner; stop it or choose another port with $2=<port>"
}

# Flat keys are valid in Flink 2's config.yaml. Written only while no JobManager runs from it.
write_conf() {
  mkdir -p "$CONF" "$FLINK_DIR"/{tmp,uploads,blobs,checkpoints}
  cp "$HERE/conf/log4j.properties" "$HERE/conf/log4j-cli.properties" "$CONF/"
  cat >"$CONF/config.yaml" <<EOF
# Written by deploy/cluster/flink-cluster.sh up; edit the script's variables instead (see its help).
jobmanager.rpc.address: localhost
jobmanager.rpc.port: $RPC_PORT
jobmanager.bind-host: localhost
jobmanager.memory.process.size: $JM_MEMORY
taskmanager.host: localhost
taskmanager.bind-host: localhost
taskmanager.memory.process.size: $TM_MEMORY
# Heap state (hashmap): managed memory would only sit unused.
taskmanager.memory.managed.size: 64m
taskmanager.numberOfTaskSlots: $SLOTS
parallelism.default: 2
rest.address: localhost
rest.bind-address: localhost
rest.port: $REST_PORT
io.tmp.dirs: $FLINK_DIR/tmp
web.upload.dir: $FLINK_DIR/uploads
blob.storage.directory: $FLINK_DIR/blobs
# A killed TaskManager is declared dead after 10 s instead of 50 s, so a replacement takes over quickly.
heartbeat.interval: 2000
heartbeat.timeout: 10000
# DJL lives in lib/ (one native library per JVM); never let a job jar bring its own copy.
classloader.parent-first-patterns.additional: ['ai.djl.']
EOF
}

# --- commands ---------------------------------------------------------------------------------------

# Starts `count` TaskManagers with new indices. An index is never reused while the JobManager runs (pids/last-tm
# remembers the highest): a replacement must not be mistaken for a killed TaskManager the JobManager still lists.
start_taskmanagers() {
  local count=$1 last=0 name params
  [[ -f $FLINK_DIR/pids/last-tm ]] && last="$(<"$FLINK_DIR/pids/last-tm")"
  for name in $(taskmanager_names); do ((${name#taskmanager-} > last)) && last=${name#taskmanager-}; done
  params="$(resource_params GET_TM_RESOURCE_PARAMS)"
  for ((i = 1; i <= count; i++)); do
    name="taskmanager-$((last + i))"
    start_process "$name" "$TM_CLASS" "$params"; STARTED+=("$name")
    echo $((last + i)) >"$FLINK_DIR/pids/last-tm"
  done
}

cmd_up() {
  local want=$TASKMANAGERS t0 running name
  while (($#)); do
    case $1 in
      --taskmanagers) want=${2:?--taskmanagers needs a number}; shift 2 ;;
      *) die "up: unknown option $1" ;;
    esac
  done
  [[ $want =~ ^[0-9]+$ ]] && ((want >= 1)) || die "--taskmanagers must be a positive number: $want"
  t0=$(now_ms)
  command -v java >/dev/null && command -v mvn >/dev/null || die "need java 17 and mvn (deploy/local/stack.sh up installs them)"
  command -v curl >/dev/null || die "need curl"
  ensure_lib
  trap 'echo; ((${#STARTED[@]})) && stop_processes "${STARTED[@]}"; exit 130' INT TERM
  if running_pid jobmanager >/dev/null; then
    say "JobManager already running (pid $(running_pid jobmanager))"
  else
    # A TaskManager left over from a crashed JobManager would register with the new one: start clean.
    mapfile -t running < <(running_taskmanagers)
    ((${#running[@]} == 0)) || stop_processes "${running[@]}"
    rm -f "$FLINK_DIR"/pids/*.pid "$FLINK_DIR/pids/last-tm"
    check_port_free "$REST_PORT" LEDGERMIND_FLINK_REST_PORT
    check_port_free "$RPC_PORT" LEDGERMIND_FLINK_RPC_PORT
    write_conf
    start_process jobmanager "$JM_CLASS" "$(resource_params GET_JM_RESOURCE_PARAMS)"; STARTED+=(jobmanager)
  fi
  for name in $(taskmanager_names); do running_pid "$name" >/dev/null || rm -f "$(pid_file "$name")"; done
  mapfile -t running < <(running_taskmanagers)
  ((${#running[@]} >= want)) || start_taskmanagers $((want - ${#running[@]}))
  wait_registered
  trap - INT TERM
  write_env
  say "Flink cluster up in $(secs_since "$t0") s: 1 JobManager, $(running_taskmanagers | wc -l) TaskManager(s) × $SLOTS slot(s)"
  printf '  %-10s %s\n' web/REST "$REST_URL" conf "$CONF" logs "$FLINK_DIR/logs" env "$FLINK_DIR/cluster.env"
  echo "Submit the job with: deploy/cluster/flink-cluster.sh submit [job options]   stop with: ... down"
}

write_env() {
  cat >"$FLINK_DIR/cluster.env.tmp" <<EOF
# Written by deploy/cluster/flink-cluster.sh up. Shell: set -a; . $FLINK_DIR/cluster.env; set +a
LEDGERMIND_FLINK_DIR=$FLINK_DIR
LEDGERMIND_FLINK_LIB=$FLINK_LIB
LEDGERMIND_FLINK_REST_URL=$REST_URL
FLINK_CONF_DIR=$CONF
EOF
  mv "$FLINK_DIR/cluster.env.tmp" "$FLINK_DIR/cluster.env"
}

cmd_down() {
  local names=()
  mapfile -t names < <(taskmanager_names)
  [[ -f $(pid_file jobmanager) ]] && names+=(jobmanager)
  if ((${#names[@]})); then stop_processes "${names[@]}"; else say "nothing running in $FLINK_DIR"; fi
  rm -f "$FLINK_DIR/cluster.env"
}

cmd_add_tm() {
  local count=${1:-1}
  [[ $count =~ ^[0-9]+$ ]] && ((count >= 1)) || die "add-tm takes a positive number: $count"
  running_pid jobmanager >/dev/null || die "no JobManager running in $FLINK_DIR: run 'up' first"
  rest /overview >/dev/null || die "the JobManager's REST endpoint $REST_URL does not answer"
  start_taskmanagers "$count"
  wait_registered
}

# Failure drill: SIGKILL, no shutdown hooks, exactly what a crashed host looks like to the JobManager.
cmd_kill_tm() {
  local name="taskmanager-${1:?kill-tm needs a TaskManager index (see status)}" pid
  pid="$(running_pid "$name")" || die "$name is not running"
  kill -KILL "$pid"; rm -f "$(pid_file "$name")"
  say "killed $name (pid $pid) with SIGKILL"
}

cmd_status() {
  local pid name rc=0 n
  if pid="$(running_pid jobmanager)"; then
    printf '%-15s running  pid %-8s %s\n' jobmanager "$pid" "$REST_URL"
  else
    printf '%-15s stopped\n' jobmanager; rc=3
  fi
  for name in $(taskmanager_names); do
    if pid="$(running_pid "$name")"; then printf '%-15s running  pid %s\n' "$name" "$pid"
    else printf '%-15s dead (pid file %s)\n' "$name" "$(pid_file "$name")"; rc=3; fi
  done
  if ((rc == 0)); then
    n="$(rest /overview)" && printf 'overview: %s\n' "$n" || { echo "REST $REST_URL does not answer"; rc=3; }
    n="$(rest /jobs/overview)" && grep -o '"name":"[^"]*","start-time":[0-9]*,"end-time":-\?[0-9]*,"duration":[0-9]*,"state":"[A-Z]*"' <<<"$n" \
      | sed 's/^/job: /' || true
  fi
  return $rc
}

cmd_submit() {
  local jar="" detached=() args=() status
  while (($#)); do
    case $1 in
      --jar) jar=${2:?--jar needs a path}; shift 2 ;;
      --detached) detached=(-d); shift ;;
      --) shift; args+=("$@"); break ;;
      *) args+=("$1"); shift ;;
    esac
  done
  if [[ -z $jar ]]; then
    jar="$(ls -t "$REPO"/flink-jobs/target/ledgermind-flink-jobs-*-job.jar 2>/dev/null | head -n 1)" || true
    [[ -n $jar ]] || die "no job jar in flink-jobs/target: build it with 'mvn -pl flink-jobs -am package -DskipTests'"
  fi
  [[ -f $jar ]] || die "no job jar at $jar"
  running_pid jobmanager >/dev/null || die "no Flink cluster running in $FLINK_DIR: run 'deploy/cluster/flink-cluster.sh up' first"
  mkdir -p "$FLINK_DIR/logs" "$FLINK_DIR/tmp"
  say "flink run $jar ${args[*]} (client log: $FLINK_DIR/logs/client.log)"
  # The client runs the job's main(): it reads .stack/stack.env for endpoints when none are given.
  status=0
  env FLINK_CONF_DIR="$CONF" DJL_CACHE_DIR="$DJL_CACHE" OPT_OUT_TRACKING=true \
    java "${JAVA_MODULE_OPTS[@]}" "${DJL_OPTS[@]}" -Djava.io.tmpdir="$FLINK_DIR/tmp" -Dledgermind.home="$REPO" \
    -Dlog.file="$FLINK_DIR/logs/client.log" -Dlog4j.configurationFile="$CONF/log4j-cli.properties" \
    -cp "$FLINK_LIB/*" "$CLI_CLASS" run -m "localhost:$REST_PORT" "${detached[@]}" "$jar" "${args[@]}" || status=$?
  ((status == 0)) || { tail -n 20 "$FLINK_DIR/logs/client.log" >&2 || true; die "flink run exited with $status"; }
}

cmd_logs() {
  local names=()
  if [[ -n ${1:-} ]]; then names=("$1"); else names=(jobmanager); mapfile -t -O 1 names < <(taskmanager_names); fi
  for name in "${names[@]}"; do
    printf '==> %s <==\n' "$FLINK_DIR/logs/$name.log"
    tail -n 50 "$FLINK_DIR/logs/$name.log" 2>/dev/null || echo "(no log)"
  done
}

usage() {
  cat <<EOF
Usage: deploy/cluster/flink-cluster.sh <command>
  up [--taskmanagers N]  assemble lib/ if needed, start a JobManager and N TaskManagers (default $TASKMANAGERS), wait
                         until the REST endpoint answers and all N are registered; idempotent
  down                   stop every process of this cluster
  status                 one line per process, the REST overview and the jobs; exit 0 when all run, 3 otherwise
  add-tm [N]             scale out: start N more TaskManagers (default 1) and wait for their registration
  kill-tm I              SIGKILL taskmanager-I (failure drill; 'add-tm' starts a replacement)
  submit [--jar JAR] [--detached] [JOB OPTIONS]
                         flink run the job jar (default: newest flink-jobs/target/*-job.jar); JOB OPTIONS go to
                         the job's main (IntelligenceJobCommand: --bounded, --topic-prefix, --checkpoint-dir, ...)
  logs [PROCESS]         last 50 lines of jobmanager, taskmanager-I or client
  env                    print cluster.env
State: $FLINK_DIR (LEDGERMIND_FLINK_DIR); lib: $FLINK_LIB (LEDGERMIND_FLINK_LIB).
Settings: LEDGERMIND_FLINK_REST_PORT=$REST_PORT LEDGERMIND_FLINK_RPC_PORT=$RPC_PORT LEDGERMIND_FLINK_SLOTS=$SLOTS
LEDGERMIND_FLINK_TASKMANAGERS=$TASKMANAGERS LEDGERMIND_FLINK_JM_MEMORY=$JM_MEMORY LEDGERMIND_FLINK_TM_MEMORY=$TM_MEMORY
LEDGERMIND_READY_TIMEOUT=$READY_TIMEOUT DJL_CACHE_DIR=$DJL_CACHE
EOF
}

# up, down, add-tm and kill-tm change the cluster: one at a time.
lock() { exec 9>"$FLINK_DIR/.lock"; flock -n 9 || die "another flink-cluster.sh command is changing $FLINK_DIR"; }

case "${1:-help}" in
  up) lock; shift; cmd_up "$@" ;;
  down) lock; cmd_down ;;
  add-tm) lock; shift; cmd_add_tm "$@" ;;
  kill-tm) lock; shift; cmd_kill_tm "$@" ;;
  status) cmd_status ;;
  submit) shift; cmd_submit "$@" ;;
  logs) shift; cmd_logs "$@" ;;
  env) [[ -f $FLINK_DIR/cluster.env ]] || die "no $FLINK_DIR/cluster.env: run 'up' first"; cat "$FLINK_DIR/cluster.env" ;;
  help | -h | --help) usage ;;
  *) usage >&2; exit 2 ;;
esac
