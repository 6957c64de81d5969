#!/usr/bin/env bash
# Load benchmark of the resident API on the local stack, with wrk (Debian package `wrk`, not part of the system):
# the public district feed (cached per container), a device's feed (merges 3 districts; never cached) and
# subscription replacement (PUT, alternating two choice sets so every request writes).
#
#   infrastructure/bench/resident/run.sh            # DURATION=10s THREADS=2 CONNECTIONS=8 POSTS=200 PORT=3917
#
# Prints one RESULT line per scenario: requests/s and client-side p50/p99 (wrk), plus the handler's mean time and
# the part of it spent in DynamoDB/SNS calls (the emulators), both read from the Server-Timing header the handler
# sets; handler_own = handler - aws is the resident API's own work (routing, JSON, validation, merging).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
local_dir="$root/infrastructure/local"
DURATION="${DURATION:-10s}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-8}"
POSTS="${POSTS:-200}"
PORT="${PORT:-3917}"
base="http://127.0.0.1:$PORT"

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install -y wrk)" >&2; exit 2; }
# Build the stack when it is missing or older than any pom or main source (as infrastructure/local/run does).
stale="$(find "$root/pom.xml" "$root/functions" "$local_dir/pom.xml" "$local_dir/src/main" \
  -newer "$local_dir/target/runtime-classpath.txt" -type f \( -name '*.java' -o -name 'pom.xml' \
  -o -path '*/src/main/resources/*' \) -print -quit 2>/dev/null || echo missing)"
if [[ ! -f "$local_dir/target/runtime-classpath.txt" || -n "$stale" ]]; then
  echo "Building the local stack..." >&2
  (cd "$root" && mvn -B -q -DskipTests package -pl infrastructure/local -am) >&2
  touch "$local_dir/target/runtime-classpath.txt"
fi
classpath="$local_dir/target/classes:$(cat "$local_dir/target/runtime-classpath.txt")"

log="$(mktemp -t nabolag-bench-XXXXXX.log)"
NABOLAG_HOME="$root" java -XX:+UseSerialGC -Dpekko.coordinated-shutdown.run-by-jvm-shutdown-hook=off \
  -cp "$classpath" "$here/BenchStack.java" "$PORT" "$POSTS" >"$log" 2>&1 &
stack_pid=$!
trap 'kill "$stack_pid" 2>/dev/null; wait "$stack_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 240); do
  grep -q "BENCH READY" "$log" && break
  kill -0 "$stack_pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.5
done
grep -q "BENCH READY" "$log" || { echo "stack did not start; see $log" >&2; exit 1; }

# A device following the three seeded districts.
registration="$(curl -sf -X POST "$base/v1/devices" -H 'Content-Type: application/json' \
  -d '{"platform":"android","pushToken":"bench-token-'"$RANDOM$RANDOM"'","locale":"nb"}')"
device_id="$(sed -E 's/.*"deviceId":"([^"]+)".*/\1/' <<<"$registration")"
secret="$(sed -E 's/.*"deviceSecret":"([^"]+)".*/\1/' <<<"$registration")"
choices_a='{"subscriptions":[{"districtId":"frogner","categories":["youth","seniors"]},{"districtId":"sagene","categories":["youth","culture-events"]},{"districtId":"alna","categories":["roads-water"]}],"quietHours":{"start":"22:00","end":"07:00"}}'
choices_b='{"subscriptions":[{"districtId":"frogner","categories":["youth"]},{"districtId":"sagene","categories":["youth","culture-events","seniors"]}],"quietHours":null}'
curl -sf -X PUT "$base/v1/devices/$device_id/subscriptions" -H "Authorization: Bearer $secret" \
  -H 'Content-Type: application/json' -d "$choices_a" >/dev/null

run() {
  local name="$1" url="$2" connections="${3:-$CONNECTIONS}" threads="${4:-$THREADS}"
  # Warm up (JIT, caches), then measure.
  wrk -t1 -c2 -d3s -s "$here/timing.lua" "$url" >/dev/null
  printf '%-34s ' "$name"
  wrk -t"$threads" -c"$connections" -d"$DURATION" --timeout 10s -s "$here/timing.lua" "$url" | grep '^RESULT'
}

echo "Resident API benchmark: $DURATION per scenario, $THREADS threads, $CONNECTIONS connections, $((POSTS * 3)) posts"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) CPUs"
grep '^BENCH EMULATOR' "$log" | sed 's/^BENCH EMULATOR /emulator alone (sequential) /'
BENCH_METHOD=GET run "public feed (cached)" "$base/v1/districts/frogner/feed?limit=20"
BENCH_METHOD=GET BENCH_AUTH="Bearer $secret" run "device feed (3 districts)" "$base/v1/devices/$device_id/feed?limit=20"
BENCH_METHOD=GET BENCH_AUTH="Bearer $secret" run "device feed, 1 connection" "$base/v1/devices/$device_id/feed?limit=20" 1 1
BENCH_METHOD=PUT BENCH_AUTH="Bearer $secret" BENCH_BODY_A="$choices_a" BENCH_BODY_B="$choices_b" \
  run "subscriptions PUT" "$base/v1/devices/$device_id/subscriptions"
echo "(stack log: $log)"
