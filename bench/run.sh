#!/usr/bin/env bash
# Outpost benchmark (issue 9): builds what it needs, then measures Outpost against the limit (one plain POST) and
# the peer (twitter-api-v2 1.29.1) on the X sandbox over loopback. Not part of the test suite.
#   bench/run.sh                    full run (~10 min on 2 cores); table on stdout, bench/out/results.{md,json}
#   BENCH_SKIP_BUILD=1 bench/run.sh reuse the jars already in */target
# Knobs: BENCH_REPEAT (3), BENCH_VIDEO_BYTES (536870912 = 512 MiB), BENCH_STARTUP_RUNS (9),
#        BENCH_WEB_PUBLICATIONS (50), BENCH_ONLY (e.g. mastodon: Outpost vs masto.js 8.0.0 on mastodon-sandbox only; bluesky: Outpost vs @atproto/api 0.21.0 on the real PDS, needs adapters-bluesky/src/test/pds/install.sh). Needs java 17, node, curl, /usr/bin/time (apt-get install -y time).
set -euo pipefail
bench=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
root=$(dirname "$bench")
cd "$root"
command -v node >/dev/null || { echo "bench: node is required" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is required (apt-get install -y time)" >&2; exit 2; }
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  echo "[bench] ./mvnw -B -q install -DskipTests" >&2
  ./mvnw -B -q install -DskipTests
fi
for f in x-sandbox/target/x-sandbox.jar mastodon-sandbox/target/mastodon-sandbox.jar app-cli/target/outpost app-cli/target/outpost.jar app-web/target/outpost-web.jar; do
  [ -e "$f" ] || { echo "bench: $f is missing; run without BENCH_SKIP_BUILD" >&2; exit 2; }
done
[ -d "$bench/node_modules/twitter-api-v2" ] && [ -d "$bench/node_modules/masto" ] || (cd "$bench" && npm ci --no-audit --no-fund --silent)
mkdir -p "$bench/out"
exec node "$bench/bench.js"
