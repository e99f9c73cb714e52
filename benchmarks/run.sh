#!/usr/bin/env bash
# Runs the Fourfold benchmark: builds the benchmarks module (and what it depends on) when a source
# is newer than its jar, then runs every scenario back to back; flags are passed on unchanged, e.g.
#   benchmarks/run.sh --scenarios commands --clients 4,32
#   benchmarks/run.sh --help
#   BENCH_SKIP_BUILD=1 benchmarks/run.sh   # use the jar as built (e.g. while eventing is mid-edit)
# Builds and the measurement both hold /tmp/fourfold-mvn.lock, so a measurement never overlaps a
# Maven build or test run of anyone else on the machine. Output is also kept in
# benchmarks/target/bench-<date>.txt.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
jar="$here/target/quarkus-app/quarkus-run.jar"
lock="${FOURFOLD_MVN_LOCK:-/tmp/fourfold-mvn.lock}"

stale() {
  [[ ! -f "$jar" ]] && return 0
  [[ -n "$(find "$here/src" "$here/pom.xml" "$repo/pom.xml" \
    "$repo/eventing/src/main" "$repo/eventing/pom.xml" \
    "$repo/event-schema/src/main" "$repo/event-schema/pom.xml" \
    -newer "$jar" -print -quit 2>/dev/null)" ]]
}

if [[ "${BENCH_SKIP_BUILD:-}" != 1 ]] && stale; then
  echo "building benchmarks (mvn -pl benchmarks -am package -DskipTests)…" >&2
  (cd "$repo" && flock "$lock" mvn -B -q -pl benchmarks -am package -DskipTests)
fi

mkdir -p "$here/target"
out="$here/target/bench-$(date -u +%Y%m%dT%H%M%SZ).txt"
echo "command: benchmarks/run.sh $*" | tee "$out"
# One JVM for all scenarios; the heap is generous so GC stays out of the figures.
flock "$lock" java ${BENCH_JAVA_OPTS:--Xms1g -Xmx1g} -jar "$jar" "$@" 2>&1 | tee -a "$out"
exit "${PIPESTATUS[0]}"
