#!/usr/bin/env bash
# Issue 17's measurements with built launchers (nothing is built here):
#   1. 6 shell loops x 8 `outpost publications list` at once on one fresh home, and the same 48 runs one after another;
#   2. start-up, median of N interleaved runs: `--version`, `publications list`, a one-image `post` (against an X
#      sandbox on loopback, no added latency), with wall time, CPU time and peak RSS;
#   3. peak RSS of `outpost upload` of a 512 MiB video.
# Usage: bench/local-store.sh [LAUNCHER...]   (default: app-cli/target/outpost; give several to compare them)
# Knobs: RUNS (9), BATCH (1: run part 1), VIDEO (1: run part 3).
# Needs bash, curl, python3 and /usr/bin/time. A launcher copied elsewhere keeps its class-data archive only if it is
# rebuilt for the new path (java -Xshare:dump ... -cp <new path>/outpost.jar).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-9}
launchers=("$@")
[ ${#launchers[@]} -gt 0 ] || launchers=(app-cli/target/outpost)
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
echo "Machine: $(nproc) cores; $(java -version 2>&1 | head -1); load $(cut -d' ' -f1-3 /proc/loadavg)"

# 1. The batch: parallel, then sequential, on fresh homes (a client id only so that nothing asks for one).
if [ "${BATCH:-1}" = 1 ]; then
  for launcher in "${launchers[@]}"; do
    for mode in parallel sequential; do
      home=$(mktemp -d "$work/home.XXXX"); : > "$work/fails"
      start=$(date +%s.%N)
      if [ $mode = parallel ]; then
        for j in 1 2 3 4 5 6; do (for i in 1 2 3 4 5 6 7 8; do
          OUTPOST_HOME=$home OUTPOST_X_CLIENT_ID=x "$launcher" publications list >/dev/null 2>"$work/err.$j.$i" \
            || echo FAIL >> "$work/fails"; done) & done; wait
      else
        for i in $(seq 1 48); do OUTPOST_HOME=$home OUTPOST_X_CLIENT_ID=x "$launcher" publications list >/dev/null \
          2>"$work/err.0.$i" || echo FAIL >> "$work/fails"; done
      fi
      end=$(date +%s.%N)
      traces=$(grep -l -E '^\s+at [a-z]' "$work"/err.* 2>/dev/null | wc -l || true)
      printf '%s, 48 runs %s: %.1f s, %d failed, %d printed a stack trace\n' "$launcher" $mode \
        "$(echo "$end - $start" | bc)" "$(wc -l < "$work/fails")" "$traces"
      rm -f "$work"/err.*
    done
  done
fi

# 2. Start-up against an X sandbox (the first launcher serves it).
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"${launchers[0]}" sandbox --port "$port" --auto-approve >"$work/sandbox.log" 2>&1 &
base=http://127.0.0.1:$port
for _ in $(seq 1 100); do curl -s "$base/__sandbox/state" >/dev/null && break; sleep 0.2; done
python3 - "$work/one.png" <<'PY'
import sys, zlib, struct
w, h = 200, 200
raw = b''.join(b'\x00' + bytes([(x * 7 + y * 3) % 256 for x in range(w * 3)]) for y in range(h))
chunk = lambda t, d: struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
open(sys.argv[1], 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0))
                             + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b''))
PY
export OUTPOST_X_API_URL=$base OUTPOST_X_AUTHORIZE_URL=$base/i/oauth2/authorize OUTPOST_X_WEB_URL=$base \
  OUTPOST_X_CLIENT_ID=outpost-sandbox-client OUTPOST_X_CLIENT_SECRET=outpost-sandbox-secret
homes=()
for k in "${!launchers[@]}"; do
  home=$(mktemp -d "$work/start.XXXX"); homes+=("$home")
  tokens=$(curl -s -X POST "$base/__sandbox/tokens" -d '{}')
  field() { python3 -c "import sys,json;print(json.load(sys.stdin)['$1'])" <<< "$tokens"; }
  printf '%s\n%s\n' "$(field access_token)" "$(field refresh_token)" | OUTPOST_HOME=$home "${launchers[$k]}" \
    accounts import x --access-token - --refresh-token - --expires-in 7200 >/dev/null
done
measure() { # label, home, command...
  local label=$1 home=$2; shift 2
  /usr/bin/time -f "%e %U %S %M" -o "$work/t" env OUTPOST_HOME="$home" "$@" >/dev/null 2>"$work/err" \
    || echo "failed: $label: $(head -c 300 "$work/err")" >&2
  echo "$label $(tail -1 "$work/t")" >> "$work/times"
}
: > "$work/times"
for i in $(seq 1 "$RUNS"); do
  for k in "${!launchers[@]}"; do
    l=${launchers[$k]}; h=${homes[$k]}
    measure "$k --version" "$h" "$l" --version
    measure "$k list" "$h" "$l" publications list
    measure "$k post" "$h" "$l" post "bench $i $k $(date +%s%N)" --media "$work/one.png"
  done
done
python3 - "$work/times" "${launchers[@]}" <<'PY'
import sys, statistics, collections
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    k, what, *nums = line.split()
    rows[(int(k), what)].append([float(n) for n in nums])
print("| launcher | command | wall median s | wall min s | CPU median s | peak RSS MB |")
print("|---|---|---|---|---|---|")
for (k, what), r in sorted(rows.items()):
    print(f"| {sys.argv[2 + k]} | {what} | {statistics.median(x[0] for x in r):.2f} | {min(x[0] for x in r):.2f}"
          f" | {statistics.median(x[1] + x[2] for x in r):.2f} | {max(x[3] for x in r) / 1024:.0f} |")
PY

# 3. Peak memory of a 512 MiB video upload (sparse file with an MP4 header).
if [ "${VIDEO:-1}" = 1 ]; then
  python3 - "$work/video.mp4" <<'PY'
import sys
with open(sys.argv[1], 'wb') as f:
    f.write(bytes([0, 0, 0, 0x18]) + b'ftypmp42' + bytes(4) + b'mp42isom')
    f.truncate(512 * 1024 * 1024)
PY
  for k in "${!launchers[@]}"; do
    /usr/bin/time -f "%e %M" -o "$work/t" env OUTPOST_HOME="${homes[$k]}" "${launchers[$k]}" upload \
      "$work/video.mp4" >/dev/null 2>&1
    read -r wall rss < "$work/t"
    printf '%s upload 512 MiB: %.2f s, peak RSS %d MB\n' "${launchers[$k]}" "$wall" $((rss / 1024))
  done
fi
echo "Load after: $(cut -d' ' -f1-3 /proc/loadavg)"
