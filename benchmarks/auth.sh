#!/usr/bin/env bash
# Benchmarks session-service's /internal/auth (the gateway's per-request check: session, account
# status, plan limit and rate-limit count in one Redis round trip) on loopback, straight to the
# service (no nginx in between), against the running local stack (./fourfold up):
#   1. puts N throw-away sessions into the stack's Redis (as Sessions.open writes them; each of its
#      own account, so no account reaches its per-minute limit) and deletes them afterwards;
#   2. if wrk is installed: wrk's closed loop at a fixed number of connections (the saturation rate);
#   3. the open-loop generator (io.fourfold.bench.auth.AuthLoad) at a fixed rate, latency measured
#      from each request's due time.
# Usage: benchmarks/auth.sh [--rate 5000] [--warmup 10] [--duration 30] [--connections 32]
# Env: AUTH_URL (default http://127.0.0.1:8083/internal/auth; http://127.0.0.1:8080/api/v1/flags
#      measures the whole gateway path: nginx, its auth_request and the flags read), AUTH_SESSIONS (1000),
#      AUTH_SERVICE_URL (session-service, for its readiness check; http://127.0.0.1:8083),
#      FOURFOLD_REDIS_PORT (16379), BENCH_SKIP_BUILD=1, BENCH_SKIP_WRK=1, BENCH_SKIP_OPEN=1.
# Holds /tmp/fourfold-mvn.lock while measuring, so no Maven build of anyone else overlaps it.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
jar="$here/target/quarkus-app/quarkus-run.jar"
lock="${FOURFOLD_MVN_LOCK:-/tmp/fourfold-mvn.lock}"
url="${AUTH_URL:-http://127.0.0.1:8083/internal/auth}"
sessions="${AUTH_SESSIONS:-1000}"
redis=(redis-cli -h 127.0.0.1 -p "${FOURFOLD_REDIS_PORT:-16379}")

rate=5000 warmup=10 duration=30 connections=32
while (($#)); do
  case $1 in
    --rate) rate=$2 ;;
    --warmup) warmup=$2 ;;
    --duration) duration=$2 ;;
    --connections) connections=$2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift 2
done

stale() {
  [[ ! -f "$jar" ]] && return 0
  [[ -n "$(find "$here/src" "$here/pom.xml" -newer "$jar" -print -quit 2>/dev/null)" ]]
}
if [[ "${BENCH_SKIP_BUILD:-}" != 1 ]] && stale; then
  echo "building benchmarks (mvn -pl benchmarks -am package -DskipTests)…" >&2
  (cd "$repo" && flock "$lock" mvn -B -q -pl benchmarks -am package -DskipTests)
fi
service="${AUTH_SERVICE_URL:-http://127.0.0.1:8083}"
curl -sf -m 3 -o /dev/null "$service/q/health/ready" ||
  { echo "session-service is not ready at $service: ./fourfold up" >&2; exit 1; }

work=$(mktemp -d)
keys="$work/keys"
cleanup() {
  if [[ -s "$keys" ]]; then
    xargs -n 500 "${redis[@]}" del <"$keys" >/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "making $sessions sessions in Redis…" >&2
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
for ((i = 0; i < sessions; i++)); do
  token=$(head -c 32 /dev/urandom | basenc --base64url | tr -d '=')
  id=$(printf '%s' "$token" | sha256sum | cut -d' ' -f1)
  echo "$token" >>"$work/tokens"
  echo "session:$id" >>"$keys"
  printf 'HSET session:%s accountId %s role user createdAt %s\nEXPIRE session:%s 3600\n' \
    "$id" "$(cat /proc/sys/kernel/random/uuid)" "$now" "$id"
done | "${redis[@]}" >/dev/null

mkdir -p "$here/target"
out="$here/target/auth-$(date -u +%Y%m%dT%H%M%SZ).txt"
{
  echo "command: AUTH_URL=$url benchmarks/auth.sh --rate $rate --warmup $warmup --duration $duration --connections $connections"
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, shared with the running stack"
} | tee "$out"

if [[ "${BENCH_SKIP_WRK:-}" != 1 ]] && command -v wrk >/dev/null; then
  cat >"$work/auth.lua" <<LUA
local tokens, n = {}, 0
for line in io.lines("$work/tokens") do n = n + 1; tokens[n] = line end
local i = 0
request = function()
  i = i % n + 1
  return wrk.format("GET", nil, {
    ["Authorization"] = "Bearer " .. tokens[i], ["X-Original-Method"] = "GET",
    ["X-Original-URI"] = "/api/v1/flags", ["X-Real-IP"] = "127.0.0.1", ["X-Auth-Request"] = "nginx"})
end
LUA
  echo "--- wrk (closed loop: as fast as $connections connections go), ${duration}s" | tee -a "$out"
  flock "$lock" wrk -t1 -c"$connections" -d"${duration}s" --latency -s "$work/auth.lua" "$url" 2>&1 |
    tee -a "$out"
fi

if [[ "${BENCH_SKIP_OPEN:-}" == 1 ]]; then
  echo "kept in $out"
  exit 0
fi
echo "--- open loop at $rate req/s (io.fourfold.bench.auth.AuthLoad)" | tee -a "$out"
cp="$here/target/quarkus-app/app/*:$here/target/quarkus-app/lib/main/*"
flock "$lock" java -Xms256m -Xmx256m -cp "$cp" io.fourfold.bench.auth.AuthLoad --url "$url" \
  --tokens "$work/tokens" --rate "$rate" --warmup "$warmup" --duration "$duration" \
  --connections "$connections" 2>&1 | grep -v '^SLF4J' | tee -a "$out"
echo "kept in $out"
