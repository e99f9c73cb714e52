#!/usr/bin/env bash
# Replay benchmark: generates BENCH_EVENTS (default 1,000,000) realistic account events into a
# scratch event store, then rebuilds the account read model from them three ways, in the same run
# and on the same databases: replay-cli's bulk rebuild (the path `replay-cli rebuild` takes), and
# Axon's own replay (resetTokens on a tracking processor running the same projection) with Axon's
# default batch size (1) and with 1,000. Prints events/s and the ratios; keeps the output in
# benchmarks/target/replay-<date>.txt.
#
#   benchmarks/replay.sh                      # 1,000,000 events
#   BENCH_EVENTS=100000 benchmarks/replay.sh  # a quicker run
#   BENCH_AXON_DEFAULT=0 benchmarks/replay.sh # skip Axon at batch size 1 (about 17 minutes at 1M)
#   BENCH_AXON=0 benchmarks/replay.sh         # no Axon at all
#   BENCH_SERVICE_HEAP=256m benchmarks/replay.sh   # the service's -Xmx (default 512m, what the stack
#                                                  # and the Kubernetes base give a service)
#   BENCH_JAVA_OPTS=... benchmarks/replay.sh       # extra JVM options for the measured service
#
# It runs a second account-service (port BENCH_PORT, default 18181) on its own databases
# (fourfold_bench_eventstore, fourfold_bench_account, created and dropped here) with its Kafka
# consumer and relay off and the benchmark endpoints on (fourfold.rebuild.benchmark.enabled), so
# the running stack is not disturbed. Not a test: nothing here runs in `mvn verify`.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
lock="${FOURFOLD_MVN_LOCK:-/tmp/fourfold-mvn.lock}"
events="${BENCH_EVENTS:-1000000}"
port="${BENCH_PORT:-18181}"
pg_host="${FOURFOLD_BIND:-127.0.0.1}"
pg_port="${FOURFOLD_PG_PORT:-15432}"
export PGPASSWORD="${FOURFOLD_PG_PASSWORD:-fourfold}"
pg_user="${FOURFOLD_PG_USER:-fourfold}"
es_db=fourfold_bench_eventstore
rm_db=fourfold_bench_account
service_jar="$repo/account-service/target/quarkus-app/quarkus-run.jar"
cli_jar="$repo/replay-cli/target/quarkus-app/quarkus-run.jar"
mkdir -p "$here/target"
out="$here/target/replay-$(date -u +%Y%m%dT%H%M%SZ).txt"
service_log="$here/target/replay-account-service.log"

psql_admin() { psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -d postgres -v ON_ERROR_STOP=1 -q "$@"; }
say() { echo "$*" | tee -a "$out"; }

if [[ "${BENCH_SKIP_BUILD:-}" != 1 ]]; then
  echo "building account-service and replay-cli…" >&2
  (cd "$repo" && flock "$lock" mvn -B -q -o -DskipTests package -pl account-service,replay-cli -am)
fi

pid=""
cleanup() {
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    wait "$pid" 2>/dev/null || true
  fi
  psql_admin -c "DROP DATABASE IF EXISTS $es_db" -c "DROP DATABASE IF EXISTS $rm_db" || true
}
trap cleanup EXIT

psql_admin -c "DROP DATABASE IF EXISTS $es_db" -c "DROP DATABASE IF EXISTS $rm_db" \
  -c "CREATE DATABASE $es_db" -c "CREATE DATABASE $rm_db"

# Extra JVM options for the measured service (a profiler, a heap size), split on spaces.
read -r -a java_opts <<<"${BENCH_JAVA_OPTS:-}"
heap="${BENCH_SERVICE_HEAP:-512m}"
QUARKUS_HTTP_PORT=$port \
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$pg_host:$pg_port/$rm_db" \
  QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://$pg_host:$pg_port/$rm_db" \
  QUARKUS_DATASOURCE_EVENTSTORE_JDBC_URL="jdbc:postgresql://$pg_host:$pg_port/$es_db" \
  QUARKUS_DATASOURCE_EVENTSTORE_REACTIVE_URL="postgresql://$pg_host:$pg_port/$es_db" \
  FOURFOLD_OPERATIONS_PEERS="" \
  java -Xmx"$heap" "${java_opts[@]}" -Dfourfold.component=replay-bench \
  -Dfourfold.event-store.relay.enabled=false \
  -Dmp.messaging.incoming.account-read-model.enabled=false \
  -Dfourfold.rebuild.benchmark.enabled=true \
  -jar "$service_jar" >"$service_log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do
  curl -sf -o /dev/null "http://127.0.0.1:$port/q/health/live" && break
  kill -0 "$pid" 2>/dev/null || { echo "the benchmark's account-service died; see $service_log" >&2; exit 1; }
  sleep 1
done

say "# Replay benchmark, $(date -u +%FT%TZ), $(nproc) cores, $events events, service at -Xmx$heap"
say "generating: $(curl -sf -X POST "http://127.0.0.1:$port/internal/benchmarks/account-events?events=$events")"
# A live event store is vacuumed: without this the first reader of the freshly copied rows (the
# first rebuild measured) also pays for setting their hint bits, beside autovacuum.
psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -d "$es_db" -q -c "VACUUM (ANALYZE) domainevententry"

# CPU seconds the service's JVM has used (user + system): a figure less swayed than wall time by
# whatever else this shared machine runs.
jvm_cpu() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.1f", ($14 + $15) / hz }' "/proc/$pid/stat"; }

# The bulk rebuild, as an operator runs it (the CLI prints its progress lines).
cpu_before=$(jvm_cpu)
java -jar "$cli_jar" rebuild account-read-model --services "http://127.0.0.1:$port" | tee -a "$out"
cpu_rebuild=$(python3 -c "print(f'{$(jvm_cpu) - $cpu_before:.1f}')")
rebuild=$(curl -sf "http://127.0.0.1:$port/internal/projections/account-read-model/rebuilds/current")
bulk_rate=$(python3 -c '
import json, sys, datetime
p = json.loads(sys.argv[1])
t = lambda s: datetime.datetime.fromisoformat(s.replace("Z", "+00:00"))
seconds = (t(p["finishedAt"]) - t(p["startedAt"])).total_seconds()
print("%.0f %.1f" % (p["events"] / seconds, seconds))' "$rebuild")
say "replay-cli rebuild (bulk): ${bulk_rate% *} events/s in ${bulk_rate#* } s, service JVM CPU ${cpu_rebuild} s"

axon() {
  local batch=$1 result before
  before=$(jvm_cpu)
  result=$(curl -sf -X POST "http://127.0.0.1:$port/internal/benchmarks/axon-replay/account-read-model?batchSize=$batch")
  python3 -c 'import json,sys; r=json.loads(sys.argv[1]); print("%.0f %.1f %.1f" % (r["eventsPerSecond"], r["seconds"], float(sys.argv[3]) - float(sys.argv[2])))' "$result" "$before" "$(jvm_cpu)"
}
if [[ "${BENCH_AXON:-1}" == 0 ]]; then
  say "output kept in $out"
  exit 0
fi
axon_1000=$(axon 1000)
read -r axon_1000_rate axon_1000_seconds axon_1000_cpu <<<"$axon_1000"
say "Axon resetTokens, batch size 1000: $axon_1000_rate events/s in $axon_1000_seconds s, service JVM CPU $axon_1000_cpu s"
if [[ "${BENCH_AXON_DEFAULT:-1}" != 0 ]]; then
  axon_1=$(axon 1)
  read -r axon_1_rate axon_1_seconds axon_1_cpu <<<"$axon_1"
  say "Axon resetTokens, batch size 1 (default): $axon_1_rate events/s in $axon_1_seconds s, service JVM CPU $axon_1_cpu s"
fi
say "ratio bulk / Axon batch 1000: $(python3 -c "print(f'{${bulk_rate% *} / $axon_1000_rate:.1f}x')")"
if [[ -n "${axon_1:-}" ]]; then
  say "ratio bulk / Axon default: $(python3 -c "print(f'{${bulk_rate% *} / $axon_1_rate:.1f}x')")"
fi
say "output kept in $out"
