#!/usr/bin/env bash
# Rebuild benchmark of the projections outside PostgreSQL: generates BENCH_EVENTS (default
# 1,000,000) realistic account events into a scratch event store (account-service's benchmark
# endpoint, as benchmarks/replay.sh does), then rebuilds from them, with `replay-cli rebuild`,
#   - session-state (session-service, Redis: keys per generation behind a pointer), and
#   - search-accounts (search-projector, Elasticsearch API: an index per generation, alias swap).
# Prints events/s per projection (from the service's rebuilds/current, like replay.sh), what the
# new generation holds (Redis DBSIZE, documents in the new index), then Axon's own replay of the
# same projection in the same service (resetTokens, batch size 1,000) and the ratio, and keeps the
# output in benchmarks/target/replay-stores-<date>.txt.
#
#   benchmarks/replay-stores.sh                         # 1,000,000 events
#   BENCH_EVENTS=100000 benchmarks/replay-stores.sh     # a quicker run
#   BENCH_STORES=search-accounts benchmarks/replay-stores.sh   # one projection only
#   BENCH_AXON=0 benchmarks/replay-stores.sh            # without Axon's replay of each (batch 1,000)
#   BENCH_STORES=session-state BENCH_JAVA_OPTS=-XX:StartFlightRecording:filename=/tmp/s.jfr \
#     benchmarks/replay-stores.sh                       # profile one measured service
#
# Everything runs beside the stack on scratch resources, created here and removed at exit: the
# event store database fourfold_bench_stores_eventstore (and fourfold_bench_stores_account, the
# generating account-service's read model), Redis database BENCH_REDIS_DB (default 5) of the
# stack's Redis, and the indexes fourfold-bench-accounts* behind the alias fourfold-bench-accounts.
# The measured services (ports 18183, 18184) run with -Xmx BENCH_SERVICE_HEAP (default 512m, what
# the stack and the Kubernetes base give a service), their Kafka consumers and relay off, plus
# BENCH_JAVA_OPTS. The generating account-service (port 18182) runs as in replay.sh (no -Xmx).
# Not a test.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
lock="${FOURFOLD_MVN_LOCK:-/tmp/fourfold-mvn.lock}"
events="${BENCH_EVENTS:-1000000}"
stores="${BENCH_STORES:-session-state search-accounts}"
heap="${BENCH_SERVICE_HEAP:-512m}"
read -r -a java_opts <<<"${BENCH_JAVA_OPTS:-}"
gen_port="${BENCH_GEN_PORT:-18182}"
session_port="${BENCH_SESSION_PORT:-18183}"
search_port="${BENCH_SEARCH_PORT:-18184}"
host="${FOURFOLD_BIND:-127.0.0.1}"
pg_port="${FOURFOLD_PG_PORT:-15432}"
export PGPASSWORD="${FOURFOLD_PG_PASSWORD:-fourfold}"
pg_user="${FOURFOLD_PG_USER:-fourfold}"
redis_port="${FOURFOLD_REDIS_PORT:-16379}"
redis_db="${BENCH_REDIS_DB:-5}"
search_url="http://$host:${FOURFOLD_OPENSEARCH_PORT:-19200}"
alias=fourfold-bench-accounts
es_db=fourfold_bench_stores_eventstore
rm_db=fourfold_bench_stores_account
cli_jar="$repo/replay-cli/target/quarkus-app/quarkus-run.jar"
jar() { echo "$repo/$1/target/quarkus-app/quarkus-run.jar"; }
mkdir -p "$here/target"
out="$here/target/replay-stores-$(date -u +%Y%m%dT%H%M%SZ).txt"

# The stack's own data lives in Redis databases 0 (services) and 1 (tests).
if [[ "$redis_db" == 0 || "$redis_db" == 1 ]]; then
  echo "BENCH_REDIS_DB=$redis_db is the stack's; pick another (default 5)" >&2
  exit 2
fi

psql_admin() { psql -h "$host" -p "$pg_port" -U "$pg_user" -d postgres -v ON_ERROR_STOP=1 -q "$@"; }
redis() { redis-cli -h "$host" -p "$redis_port" -n "$redis_db" "$@"; }
say() { echo "$*" | tee -a "$out"; }

drop_indexes() {
  local index
  curl -sf "$search_url/_cat/indices/$alias*?h=index" | while read -r index; do
    if [[ -n "$index" ]]; then
      curl -sf -o /dev/null -X DELETE "$search_url/$index"
    fi
  done
}

if [[ "${BENCH_SKIP_BUILD:-}" != 1 ]]; then
  echo "building account-service, session-service, search-projector and replay-cli…" >&2
  (cd "$repo" && flock "$lock" mvn -B -q -o -DskipTests package \
    -pl account-service,session-service,search-projector,replay-cli -am)
fi

pid=""
stop_service() {
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    wait "$pid" 2>/dev/null || true
  fi
  pid=""
}
cleanup() {
  stop_service
  redis FLUSHDB >/dev/null || true
  drop_indexes || true
  psql_admin -c "DROP DATABASE IF EXISTS $es_db" -c "DROP DATABASE IF EXISTS $rm_db" || true
}
trap cleanup EXIT

# Waits for the service just started (pid) to be live; on failure shows its log and gives up.
wait_live() {
  local name=$1 port=$2 log=$3
  for _ in $(seq 1 180); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/q/health/live" && return 0
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "the benchmark's $name died; the end of $log:" >&2
      tail -n 40 "$log" >&2
      exit 1
    fi
    sleep 1
  done
  echo "the benchmark's $name was not live after 180 s; the end of $log:" >&2
  tail -n 40 "$log" >&2
  exit 1
}

psql_admin -c "DROP DATABASE IF EXISTS $es_db" -c "DROP DATABASE IF EXISTS $rm_db" \
  -c "CREATE DATABASE $es_db" -c "CREATE DATABASE $rm_db"
redis FLUSHDB >/dev/null
drop_indexes

# --- 1. the events, written by an account-service over the scratch databases (as replay.sh)
gen_log="$here/target/replay-stores-account-service.log"
QUARKUS_HTTP_PORT=$gen_port \
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$host:$pg_port/$rm_db" \
  QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://$host:$pg_port/$rm_db" \
  QUARKUS_DATASOURCE_EVENTSTORE_JDBC_URL="jdbc:postgresql://$host:$pg_port/$es_db" \
  QUARKUS_DATASOURCE_EVENTSTORE_REACTIVE_URL="postgresql://$host:$pg_port/$es_db" \
  FOURFOLD_OPERATIONS_PEERS="" \
  java -Dfourfold.component=replay-stores-bench-account \
  -Dfourfold.event-store.relay.enabled=false \
  -Dmp.messaging.incoming.account-read-model.enabled=false \
  -Dfourfold.rebuild.benchmark.enabled=true \
  -jar "$(jar account-service)" >"$gen_log" 2>&1 &
pid=$!
wait_live account-service "$gen_port" "$gen_log"

say "# Store rebuild benchmark, $(date -u +%FT%TZ), $(nproc) cores, $events events," \
  "measured services at -Xmx$heap${BENCH_JAVA_OPTS:+ plus $BENCH_JAVA_OPTS}"
say "generating: $(curl -sf -X POST "http://127.0.0.1:$gen_port/internal/benchmarks/account-events?events=$events")"
stop_service
# A live event store is vacuumed (as in replay.sh: hint bits set, autovacuum done).
psql -h "$host" -p "$pg_port" -U "$pg_user" -d "$es_db" -q -c "VACUUM (ANALYZE) domainevententry"
stored=$(psql -h "$host" -p "$pg_port" -U "$pg_user" -d "$es_db" -tA -c "SELECT count(*) FROM domainevententry")
say "event store $es_db: $stored events"

rows=()
axon_rows=()

# Axon's own replay of the same projection in the same service (resetTokens on a tracking
# processor, batch size 1,000, into a scratch generation dropped after), unless BENCH_AXON=0; adds
# a row and prints the ratio to the rebuild's result ("events seconds events/s phase").
axon_replay() {
  local projection=$1 port=$2 result=$3 answer rate
  [[ "${BENCH_AXON:-1}" != 0 ]] || return 0
  answer=$(curl -sf -X POST \
    "http://127.0.0.1:$port/internal/benchmarks/axon-replay/$projection?batchSize=1000") || {
    say "$projection: Axon's replay failed"
    return 0
  }
  rate=$(python3 -c 'import json, sys; r = json.loads(sys.argv[1]); print("%d %.1f %.0f done" % (r["events"], r["seconds"], r["eventsPerSecond"]))' "$answer")
  say "$projection: Axon resetTokens, batch size 1000: ${rate% *} (events, s, events/s);" \
    "bulk / Axon: $(python3 -c 'import sys
try: print("%.1fx" % (float(sys.argv[1].split()[2]) / float(sys.argv[2].split()[2])))
except (ValueError, IndexError, ZeroDivisionError): print("?")' "$result" "$rate")"
  axon_rows+=("$projection|Axon, batch 1000|$rate|scratch generation, dropped")
}

# Rebuilds one projection with the CLI and reads its rate from the service's rebuilds/current:
# prints "events seconds events/s phase"; a failed rebuild keeps its figures and its message.
rebuild() {
  local projection=$1 port=$2 status=0 progress
  java -jar "$cli_jar" rebuild "$projection" --services "http://127.0.0.1:$port" \
    | tee -a "$out" >&2 || status=$?
  [[ "$status" == 0 ]] || say "replay-cli rebuild $projection exited with $status" >&2
  progress=$(curl -sf "http://127.0.0.1:$port/internal/projections/$projection/rebuilds/current") || {
    echo "- - - no-progress"
    return
  }
  echo "$progress" >>"$out"
  python3 -c '
import json, sys, datetime
p = json.loads(sys.argv[1])
t = lambda s: datetime.datetime.fromisoformat(s.replace("Z", "+00:00"))
end = t(p["finishedAt"]) if p.get("finishedAt") else datetime.datetime.now(datetime.timezone.utc)
seconds = (end - t(p["startedAt"])).total_seconds()
print("%d %.1f %.0f %s" % (p["events"], seconds, p["events"] / seconds, p["phase"]))
if p["phase"] != "done":
    print("%s ended %s: %s" % (p["projection"], p["phase"], p.get("message")), file=sys.stderr)
' "$progress"
}

# --- 2. session-state into Redis
if [[ " $stores " == *" session-state "* ]]; then
  session_log="$here/target/replay-stores-session-service.log"
  QUARKUS_HTTP_PORT=$session_port \
    QUARKUS_DATASOURCE_EVENTSTORE_JDBC_URL="jdbc:postgresql://$host:$pg_port/$es_db" \
    QUARKUS_REDIS_HOSTS="redis://$host:$redis_port/$redis_db" \
    FOURFOLD_OPERATIONS_PEERS="" \
    java -Dfourfold.component=replay-stores-bench-session -Xmx"$heap" "${java_opts[@]}" \
    -Dfourfold.rebuild.benchmark.enabled=true \
    -Dfourfold.event-store.relay.enabled=false \
    -Dmp.messaging.incoming.session-state.enabled=false \
    -Dmp.messaging.incoming.session-plans.enabled=false \
    -Dmp.messaging.incoming.feature-flags.enabled=false \
    -jar "$(jar session-service)" >"$session_log" 2>&1 &
  pid=$!
  wait_live session-service "$session_port" "$session_log"
  result=$(rebuild session-state "$session_port")
  keys=$(redis DBSIZE)
  generation_keys=$(redis --scan --pattern 'account:g*' | wc -l)
  others=$(redis --scan | grep -v '^account:g' | awk 'NR <= 5' | tr '\n' ' ')
  say "session-state: ${result% *} (events, s, events/s), phase ${result##* }; Redis db $redis_db:" \
    "$keys keys, $generation_keys of them account:g<N>:<id>; others: ${others:-none}"
  rows+=("session-state|Redis db $redis_db|$result|$keys keys (DBSIZE), $generation_keys account:g<N>:*")
  axon_replay session-state "$session_port" "$result"
  stop_service
  redis FLUSHDB >/dev/null
fi

# --- 3. search-accounts into the Elasticsearch API
if [[ " $stores " == *" search-accounts "* ]]; then
  search_log="$here/target/replay-stores-search-projector.log"
  QUARKUS_HTTP_PORT=$search_port \
    QUARKUS_DATASOURCE_EVENTSTORE_JDBC_URL="jdbc:postgresql://$host:$pg_port/$es_db" \
    QUARKUS_DATASOURCE_EVENTSTORE_REACTIVE_URL="postgresql://$host:$pg_port/$es_db" \
    FOURFOLD_OPERATIONS_PEERS="" \
    java -Dfourfold.component=replay-stores-bench-search -Xmx"$heap" "${java_opts[@]}" \
    -Dfourfold.rebuild.benchmark.enabled=true \
    -Dfourfold.search.accounts-alias=$alias \
    -Dmp.messaging.incoming.search-accounts.enabled=false \
    -jar "$(jar search-projector)" >"$search_log" 2>&1 &
  pid=$!
  wait_live search-projector "$search_port" "$search_log"
  result=$(rebuild search-accounts "$search_port")
  curl -sf -o /dev/null -X POST "$search_url/$alias/_refresh" || true
  serving=$(curl -sf "$search_url/_cat/aliases/$alias?h=index" | tr -d '[:space:]') || serving="?"
  docs=$(curl -sf "$search_url/$alias/_count" | python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])') ||
    docs="?"
  say "search-accounts: ${result% *} (events, s, events/s), phase ${result##* }; $serving: $docs documents"
  rows+=("search-accounts|Elasticsearch API|$result|$docs docs in $serving")
  axon_replay search-accounts "$search_port" "$result"
  stop_service
  drop_indexes
fi

say ""
say "$(printf '%-16s %-18s %9s %8s %9s %-8s %s' projection store events seconds events/s phase written)"
for row in "${axon_rows[@]}"; do
  rows+=("$row")
done
for row in "${rows[@]}"; do
  IFS='|' read -r name store result written <<<"$row"
  read -r n seconds rate phase <<<"$result"
  say "$(printf '%-16s %-18s %9s %8s %9s %-8s %s' "$name" "$store" "$n" "$seconds" "$rate" "$phase" "$written")"
done
say "output kept in $out"
