# shellcheck shell=bash
# The Quarkus services: built by Maven at the repo root, started as fast-jars.

# module:port-variable, in start order
SERVICE_SPECS=(
  account-service:FOURFOLD_ACCOUNT_PORT
  billing-service:FOURFOLD_BILLING_PORT
  session-service:FOURFOLD_SESSION_PORT
  search-projector:FOURFOLD_SEARCH_PORT
  blob-service:FOURFOLD_BLOB_PORT
)
SERVICES=()
for _spec in "${SERVICE_SPECS[@]}"; do SERVICES+=("${_spec%%:*}"); done
unset _spec

is_service() { [[ " ${SERVICES[*]} " == *" $1 "* ]]; }

svc_port() {
  local spec var
  for spec in "${SERVICE_SPECS[@]}"; do
    var=${spec#*:}
    [[ "${spec%%:*}" == "$1" ]] && { echo "${!var}"; return; }
  done
}
svc_dir() { echo "$REPO_ROOT/$1"; }
svc_jar() { echo "$REPO_ROOT/$1/target/quarkus-app/quarkus-run.jar"; }
svc_present() { [[ -d "$(svc_dir "$1")" ]]; }
svc_log() { echo "$LOG_DIR/$1.log"; }
svc_pid() { read_pid "$RUN_DIR/$1.pid"; }
svc_marker() { echo "-Dfourfold.component=$1"; }
svc_ready() { curl -sf -m 3 -o /dev/null "http://$FOURFOLD_BIND:$(svc_port "$1")/q/health/ready"; }
svc_stop() { stop_pid "$1" "$(svc_pid "$1")"; rm -f "$RUN_DIR/$1.pid"; }

# The local stack's first admin: a random password made on the first `up`, kept (mode 600) in the
# runtime folder and given to account-service, which creates the admin once. No default is shipped.
admin_credentials() {
  local file=$FOURFOLD_HOME/admin.env
  if [[ ! -s "$file" ]]; then
    (
      umask 077
      printf 'FOURFOLD_ADMIN_EMAIL=%s\nFOURFOLD_ADMIN_PASSWORD=%s\n' "${FOURFOLD_ADMIN_EMAIL:-admin@fourfold.local}" \
        "$(head -c 24 /dev/urandom | base64 | tr -d '/+=' | head -c 24)" >"$file"
    )
  fi
  set -a
  # shellcheck source=/dev/null
  source "$file"
  set +a
}

# Where GET /api/v1/projections finds every service's projections.
operations_peers() {
  local m peers=()
  for m in "${SERVICES[@]}"; do peers+=("http://$FOURFOLD_BIND:$(svc_port "$m")"); done
  (IFS=,; echo "${peers[*]}")
}

svc_launch() {
  local m=$1
  admin_credentials
  (
    # Only the service's environment: exported into the launcher's, it would also reach the tests
    # (`./fourfold test`) and override their %test settings.
    export FOURFOLD_OPERATIONS_PEERS
    FOURFOLD_OPERATIONS_PEERS=$(operations_peers)
    cd "$(svc_dir "$m")" || exit 1
    spawn "$m" "$(svc_log "$m")" "$(java_home)/bin/java" "$(svc_marker "$m")" -Xmx"$FOURFOLD_SERVICE_HEAP" \
      -Dquarkus.http.port="$(svc_port "$m")" -jar "$(svc_jar "$m")"
  )
}

present_services() {
  local m
  for m in "${SERVICES[@]}"; do svc_present "$m" && echo "$m"; done
  return 0
}

# Is any source file or pom.xml newer than the given file?
sources_newer_than() {
  [[ -n "$(find "$REPO_ROOT" \( -name target -o -name node_modules -o -name .git -o -name .fourfold \) -prune -o \
    -type f \( -path '*/src/*' -o -name pom.xml \) -newer "$1" -print -quit 2>/dev/null)" ]]
}

# A jar is missing, or a source/pom is newer than the oldest jar.
services_need_build() {
  local m jar oldest=''
  for m in $(present_services); do
    jar=$(svc_jar "$m")
    [[ -f "$jar" ]] || return 0
    [[ -z "$oldest" || "$jar" -ot "$oldest" ]] && oldest=$jar
  done
  [[ -n "$oldest" ]] && sources_newer_than "$oldest"
}

services_build() {
  local m
  for m in "${SERVICES[@]}"; do
    svc_present "$m" || note "$m: module folder $m/ not there yet — skipped"
  done
  [[ -n "$(present_services)" ]] || return 0
  if [[ ! -f "$REPO_ROOT/pom.xml" ]]; then
    warn "no pom.xml at the repo root: cannot build the services"
    return 0
  fi
  if ! services_need_build; then
    step "build: service jars are up to date"
    return 0
  fi
  local t0 log=$LOG_DIR/build.log
  t0=$(now)
  step "build: mvn -B -q -DskipTests package (log: $log) ..."
  (cd "$REPO_ROOT" && flock "$FOURFOLD_MVN_LOCK" mvn -B -q -Dstyle.color=never -DskipTests package) >"$log" 2>&1 ||
    ready_failed build "$log" "Maven build failed"
  note "built in $(elapsed "$t0")"
}
