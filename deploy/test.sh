#!/usr/bin/env bash
# Runs every test of Ledgermind: unit tests (Surefire, *Test) and integration tests (Failsafe, *ITCase) against the
# real local stack (Kafka, ClickHouse, anvil as local processes; Flink MiniCluster and DJL/PyTorch in the test JVMs).
#
# Works on a fresh Debian machine: installs what is missing (JDK, Maven via apt; the stack installs its own
# services). Starts the stack when it is not running and stops it again on exit, so it leaves no process behind;
# a stack that was already running is left running. Extra arguments go to Maven (e.g. -pl flink-jobs -am).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STACK="$ROOT/deploy/local/stack.sh"
cd "$ROOT"

missing=()
command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || missing+=(maven)
if ((${#missing[@]})); then
  echo "test: installing ${missing[*]} (apt)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
fi

started_here=0
if ! bash "$STACK" status >/dev/null 2>&1; then
  started_here=1
fi
stop_stack() {
  if ((started_here)); then
    echo "test: stopping the stack this run started"
    bash "$STACK" down || true
  fi
}
trap stop_stack EXIT

start=$(date +%s)
bash "$STACK" up
# The default topics (ledgermind.*) and database (ledgermind) belong to the user: every test works under a prefix
# and in a database of its own. The guard records them now and fails the run if anything there changed afterwards
# (end offsets, topics, tables, rows), naming what changed. It runs as a source file: nothing needs building first.
STACK_DIR="${LEDGERMIND_STACK_DIR:-$ROOT/.stack}"
guard() {
  (set -a; . "$STACK_DIR/stack.env"; set +a
   java -cp "$LEDGERMIND_KAFKA_LIB/*" "$ROOT/test-support/src/main/java/io/ledgermind/testing/guard/DefaultStackGuard.java" "$@")
}
snapshot="$STACK_DIR/test-guard.snapshot"
guard record "$snapshot"
# Flink and DJL tests share 2 cores: one test JVM at a time, DJL on one thread (set in the models pom).
status=0
mvn -B -ntp -Dstyle.color=never verify "$@" || status=$?
guard check "$snapshot" || { ((status)) || status=1; }
if ((status)); then
  echo "test: FAILED after $(( $(date +%s) - start )) s"
  exit "$status"
fi
echo "test: all tests passed in $(( $(date +%s) - start )) s"
