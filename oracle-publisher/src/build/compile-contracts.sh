#!/usr/bin/env bash
# Build step (generate-sources): make sure the pinned solcjs is installed (the same `npm ci` in deploy/local that
# deploy/local/stack.sh runs: the build may run before the stack was ever started), then compile the contracts.
# Skips compilation when every output is newer than every source.
set -euo pipefail
MODULE="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
LOCAL="$MODULE/../deploy/local"
SOLC_DIR="$LOCAL/node_modules/solc"
SRC="$MODULE/src/main/solidity"
OUT="${1:-$MODULE/target/contracts}"
STAMP="$OUT/.compiled"

command -v node >/dev/null && command -v npm >/dev/null \
  || { echo "node and npm are needed to compile the contracts (./ledgermind stack up installs them)" >&2; exit 1; }
if [[ ! -f $SOLC_DIR/solc.js ]]; then
  echo "installing solcjs (npm ci in deploy/local)"
  (cd "$LOCAL" && npm ci --no-audit --no-fund >/dev/null) || { echo "npm ci in $LOCAL failed" >&2; exit 1; }
fi
if [[ -f $STAMP && -z "$(find "$SRC" "$MODULE/src/build" -newer "$STAMP" -type f | head -1)" ]]; then
  echo "contracts up to date in $OUT"; exit 0
fi
rm -rf "$OUT"; mkdir -p "$OUT"
node "$MODULE/src/build/compile-contracts.js" "$SOLC_DIR" "$SRC" "$OUT"
touch "$STAMP"
