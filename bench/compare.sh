#!/usr/bin/env bash
# Compares the `outpost upload` of two builds side by side, interleaved round by round against one X sandbox, so that
# both see the same machine load: for a change whose cost must be measured on a busy machine. Not part of the tests.
#   bench/compare.sh OLD_CHECKOUT NEW_CHECKOUT [FILE]
# Each checkout must be built (app-cli/target/outpost, x-sandbox/target/x-sandbox.jar). FILE defaults to
# bench/out/media/video.mp4 of NEW_CHECKOUT (made by bench/run.sh). Knobs: COMPARE_ROUNDS (5), COMPARE_PORT (18120).
# Prints each round, then the medians and the ratio new / old. Needs java, curl, bc and /usr/bin/time.
set -euo pipefail
old=$(cd "$1" && pwd)
new=$(cd "$2" && pwd)
file=${3:-$new/bench/out/media/video.mp4}
rounds=${COMPARE_ROUNDS:-5}
port=${COMPARE_PORT:-18120}
base=http://127.0.0.1:$port
work=$(mktemp -d)
trap 'kill "$sandbox" 2>/dev/null || true; rm -rf "$work"' EXIT

java -jar "$new/x-sandbox/target/x-sandbox.jar" --port "$port" --processing-seconds 0 \
  --max-segment-bytes 600000000 >"$work/sandbox.log" 2>&1 &
sandbox=$!
for _ in $(seq 1 100); do curl -fs "$base/__sandbox/requests" >/dev/null 2>&1 && break; sleep 0.2; done

env_for() {
  printf 'OUTPOST_HOME=%s OUTPOST_X_API_URL=%s OUTPOST_X_AUTHORIZE_URL=%s/i/oauth2/authorize OUTPOST_X_WEB_URL=%s
OUTPOST_X_CLIENT_ID=outpost-sandbox-client OUTPOST_X_CLIENT_SECRET=outpost-sandbox-secret' "$work/$1" "$base" \
    "$base" "$base"
}

connect() { # build name
  local tokens access refresh
  tokens=$(curl -fs -X POST -H 'content-type: application/json' -d '{}' "$base/__sandbox/tokens")
  access=$(printf '%s' "$tokens" | sed -n 's/.*"access_token" *: *"\([^"]*\)".*/\1/p')
  refresh=$(printf '%s' "$tokens" | sed -n 's/.*"refresh_token" *: *"\([^"]*\)".*/\1/p')
  mkdir -p "$work/$2"
  printf '%s\n' "$access" | env $(env_for "$2") "$1/app-cli/target/outpost" accounts import x --access-token - \
    --refresh-token "$refresh" --expires-in 7200 -q >/dev/null
}

upload() { # build name -> "seconds rss_kb"
  local start end
  start=$(date +%s.%N)
  env $(env_for "$2") /usr/bin/time -v -o "$work/time.txt" "$1/app-cli/target/outpost" upload "$file" --json -q \
    >/dev/null
  end=$(date +%s.%N)
  printf '%s %s\n' "$(echo "$end - $start" | bc)" \
    "$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.txt")"
}

connect "$old" old
connect "$new" new
: >"$work/old.txt"
: >"$work/new.txt"
for round in $(seq 1 "$rounds"); do
  # Alternate which goes first, so neither always meets a warmer cache.
  if [ $((round % 2)) -eq 1 ]; then order="old new"; else order="new old"; fi
  for which in $order; do
    tree=$old; [ "$which" = new ] && tree=$new
    result=$(upload "$tree" "$which")
    echo "$result" >>"$work/$which.txt"
    echo "round $round $which: $(echo "$result" | awk '{printf "%.2f s, %.1f MB", $1, $2 / 1024}')"
  done
done

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
old_s=$(awk '{print $1}' "$work/old.txt" | median); new_s=$(awk '{print $1}' "$work/new.txt" | median)
old_m=$(awk '{print $2}' "$work/old.txt" | median); new_m=$(awk '{print $2}' "$work/new.txt" | median)
printf 'median wall: old %.2f s, new %.2f s, new/old %.3f\n' "$old_s" "$new_s" "$(echo "$new_s / $old_s" | bc -l)"
printf 'median peak RSS: old %.1f MB, new %.1f MB; max new %.1f MB\n' "$(echo "$old_m / 1024" | bc -l)" \
  "$(echo "$new_m / 1024" | bc -l)" "$(awk '{print $2}' "$work/new.txt" | sort -n | tail -1 | awk '{print $1 / 1024}')"
