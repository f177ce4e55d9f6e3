#!/usr/bin/env bash
# Build step (integration-test): runs the Foundry suite of the oracle contracts (src/test/foundry) offline.
# Makes sure the pinned forge and solcjs are installed (the same `npm ci` in deploy/local that deploy/local/stack.sh
# and compile-contracts.sh run), then `forge test` with solc-shim as the compiler: forge cannot download solc here, so
# the shim answers it with the pinned solcjs. forge's cache and artifacts go to target/forge (see foundry.toml);
# nothing is written into the source tree. Extra arguments go to `forge test` (e.g. --match-test NAME -vvv).
# Exits non-zero when a test fails.
set -euo pipefail
MODULE="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
LOCAL="$MODULE/../deploy/local"
FORGE="$LOCAL/node_modules/@foundry-rs/forge-linux-amd64/bin/forge"
SUITE="$MODULE/src/test/foundry"

command -v node >/dev/null && command -v npm >/dev/null \
  || { echo "node and npm are needed to run the contract tests (./ledgermind stack up installs them)" >&2; exit 1; }
if [[ ! -x $FORGE || ! -f $LOCAL/node_modules/solc/solc.js ]]; then
  echo "installing forge and solcjs (npm ci in deploy/local)"
  (cd "$LOCAL" && npm ci --no-audit --no-fund >/dev/null) || { echo "npm ci in $LOCAL failed" >&2; exit 1; }
fi
mkdir -p "$MODULE/target/forge"
cd "$SUITE"
echo "$("$FORGE" --version | head -1), solc via $(./solc-shim --version | tail -1) (solcjs)"
exec "$FORGE" test --offline --use "$SUITE/solc-shim" --root "$SUITE" "$@"
