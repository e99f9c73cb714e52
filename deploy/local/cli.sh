#!/usr/bin/env bash
# Fourfold local stack launcher. Usage: ./fourfold up | down [--purge] | reset | status | logs [name] | test [maven args]
#                                       | start <component> | stop <component> | restart <component>
set -euo pipefail

LOCAL_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$LOCAL_DIR/../.." && pwd)

# shellcheck source=deploy/local/stack.env
source "$LOCAL_DIR/stack.env"
# shellcheck source=deploy/local/lib.sh
source "$LOCAL_DIR/lib.sh"
# shellcheck source=deploy/local/packages.sh
source "$LOCAL_DIR/packages.sh"
# shellcheck source=deploy/local/fetch.sh
source "$LOCAL_DIR/fetch.sh"
# shellcheck source=deploy/local/stores.sh
source "$LOCAL_DIR/stores.sh"
# shellcheck source=deploy/local/services.sh
source "$LOCAL_DIR/services.sh"
# shellcheck source=deploy/local/gateway.sh
source "$LOCAL_DIR/gateway.sh"

# ---------------------------------------------------------------- generic component handling
# call NAME ACTION [args]: stores and the gateway have NAME_ACTION functions; services share svc_ACTION.
call() {
  local name=$1 action=$2; shift 2
  if is_service "$name"; then "svc_$action" "$name" "$@"; else "${name}_$action" "$@"; fi
}

# Our process: the pid file names a live process whose command line carries our marker.
our_pid() {
  local pid
  pid=$(call "$1" pid)
  if pid_alive "$pid" && pid_has "$pid" "$(call "$1" marker)"; then echo "$pid"; fi
}

# running | starting | stopped | foreign
component_state() {
  local name=$1 pid port
  pid=$(our_pid "$name")
  port=$(call "$name" port)
  if [[ -n "$pid" ]]; then
    if port_open "$port"; then echo running; else echo starting; fi
  elif port_open "$port"; then
    echo foreign
  else
    echo stopped
  fi
}

port_var() {
  case $1 in
    postgres) echo FOURFOLD_PG_PORT ;;
    redis) echo FOURFOLD_REDIS_PORT ;;
    kafka) echo FOURFOLD_KAFKA_PORT ;;
    opensearch) echo FOURFOLD_OPENSEARCH_PORT ;;
    s3proxy) echo FOURFOLD_S3_PORT ;;
    gateway) echo FOURFOLD_GATEWAY_PORT ;;
    *) local s; for s in "${SERVICE_SPECS[@]}"; do [[ "${s%%:*}" == "$1" ]] && echo "${s#*:}"; done ;;
  esac
}

declare -A STARTED_AT=()

# Starts a component unless it is already ours and up; refuses a port held by someone else.
start_component() {
  local name=$1 state port
  port=$(call "$name" port)
  state=$(component_state "$name")
  case $state in
    running) step "$name: already running on $FOURFOLD_BIND:$port (pid $(our_pid "$name"))" ;;
    starting) step "$name: already starting (pid $(our_pid "$name"))"; STARTED_AT[$name]=$(now) ;;
    foreign) die_port_taken "$name" "$port" "$(port_var "$name")" ;;
    stopped)
      STARTED_AT[$name]=$(now)
      call "$name" launch
      step "$name: starting on $FOURFOLD_BIND:$port (pid $(call "$name" pid))"
      ;;
  esac
}

# The services `up` will start: the present modules, none with FOURFOLD_SKIP_SERVICES=1.
wanted_services() { [[ "${FOURFOLD_SKIP_SERVICES:-}" == 1 ]] || present_services; }

# Stops the stack of another clone that holds our ports (FOURFOLD_TAKEOVER=1, or CI=true), keeping its data.
takeover_ports() {
  [[ "${FOURFOLD_TAKEOVER:-}" == 1 || "${CI:-}" == true ]] || return 0
  local name port other homes=()
  for name in "${STORES[@]}" gateway $(wanted_services); do
    [[ "$(component_state "$name")" == foreign ]] || continue
    port=$(call "$name" port)
    other=$(fourfold_home_of "$(port_pid "$port")")
    [[ -n "$other" && " ${homes[*]} " != *" $other "* ]] && homes+=("$other")
  done
  for other in "${homes[@]}"; do
    step "takeover: the Fourfold stack in $other holds our ports: stopping it (its data is kept)"
    FOURFOLD_HOME=$other bash "$LOCAL_DIR/cli.sh" down | sed 's/^/    /'
  done
}

# Before starting anything: every port we are about to bind must be free or already ours.
preflight_ports() {
  local name
  takeover_ports
  for name in "${STORES[@]}" gateway $(wanted_services); do
    [[ "$(component_state "$name")" == foreign ]] && die_port_taken "$name" "$(call "$name" port)" "$(port_var "$name")"
    [[ "$(component_state "$name")" == stopped ]] || continue
    # the second ports of Kafka and OpenSearch must be free too
    if [[ "$name" == kafka ]] && port_open "$FOURFOLD_KAFKA_CONTROLLER_PORT"; then
      die_port_taken kafka "$FOURFOLD_KAFKA_CONTROLLER_PORT" FOURFOLD_KAFKA_CONTROLLER_PORT
    fi
    if [[ "$name" == opensearch ]] && port_open "$FOURFOLD_OPENSEARCH_TRANSPORT_PORT"; then
      die_port_taken opensearch "$FOURFOLD_OPENSEARCH_TRANSPORT_PORT" FOURFOLD_OPENSEARCH_TRANSPORT_PORT
    fi
  done
  return 0
}

# Waits for a component's readiness; prints how long it took when we started it in this run.
await_component() {
  local name=$1
  WAIT_PID=$(call "$name" pid) wait_until "$name" "$FOURFOLD_READY_TIMEOUT" "$(call "$name" log)" call "$name" ready
  if [[ -n "${STARTED_AT[$name]:-}" ]]; then
    step "$name: $(ok ready) in $(elapsed "${STARTED_AT[$name]}")"
  fi
}

stop_component() {
  local name=$1 pid t0
  pid=$(our_pid "$name")
  if [[ -z "$pid" ]]; then
    rm -f "$RUN_DIR/$name.pid"
    return 0
  fi
  t0=$(now)
  call "$name" stop
  rm -f "$RUN_DIR/$name.pid"
  step "$name: stopped (pid $pid) in $(elapsed "$t0")"
}

all_components() { printf '%s\n' "${STORES[@]}" gateway "${SERVICES[@]}"; }

running_summary() {
  local name pid out=()
  for name in $(all_components); do
    pid=$(our_pid "$name" 2>/dev/null || true)
    [[ -n "$pid" ]] && out+=("$name (pid $pid)")
  done
  local joined
  joined=$(printf '%s, ' "${out[@]}")
  ((${#out[@]})) && echo "${joined%, }"
  return 0
}

# ---------------------------------------------------------------- commands
cmd_up() {
  local t0 name
  t0=$(now)
  ensure_packages
  resolve_cache
  ensure_downloads
  preflight_ports
  # JVMs first (slowest), then the quick ones; wait in the opposite order.
  for name in opensearch kafka s3proxy postgres redis; do start_component "$name"; done
  for name in postgres redis s3proxy kafka opensearch; do
    await_component "$name"
    if declare -F "${name}_provision" >/dev/null; then "${name}_provision"; fi
  done

  # The gateway does not need the services (it answers 502 problem+json for a missing one).
  if [[ "$(component_state gateway)" == running ]]; then
    step "gateway: already running on $FOURFOLD_BIND:$FOURFOLD_GATEWAY_PORT (pid $(our_pid gateway))"
    gateway_refresh
  else
    start_component gateway
  fi
  await_component gateway

  local started=()
  if [[ "${FOURFOLD_SKIP_SERVICES:-}" == 1 ]]; then
    step "services: skipped (FOURFOLD_SKIP_SERVICES=1)"
  else
    services_build
  fi
  for name in "${SERVICES[@]}"; do
    [[ "${FOURFOLD_SKIP_SERVICES:-}" == 1 ]] && break
    svc_present "$name" || continue
    if [[ ! -f "$(svc_jar "$name")" ]]; then
      warn "$name: $(svc_jar "$name") missing after the build — skipped"
      continue
    fi
    if [[ -n "$(our_pid "$name")" && "$(svc_jar "$name")" -nt "$RUN_DIR/$name.pid" ]]; then
      note "$name: new build, restarting"
      stop_component "$name"
    fi
    start_component "$name"
    started+=("$name")
  done
  for name in "${started[@]}"; do await_component "$name"; done

  step "stack $(ok up) in $(elapsed "$t0")"
  print_table
}

print_table() {
  local b=$FOURFOLD_BIND m
  echo
  printf '  %-18s %s\n' "gateway" "http://$b:$FOURFOLD_GATEWAY_PORT/api/v1/..."
  for m in "${SERVICES[@]}"; do
    if [[ -n "$(our_pid "$m")" ]]; then
      printf '  %-18s %s\n' "$m" "http://$b:$(svc_port "$m")  (health: http://$b:$(svc_port "$m")/q/health)"
    else
      printf '  %-18s %s\n' "$m" "not running (module not built/present)"
    fi
  done
  printf '  %-18s %s\n' postgres "$b:$FOURFOLD_PG_PORT  user $FOURFOLD_PG_USER/$FOURFOLD_PG_PASSWORD  dbs: $FOURFOLD_PG_DATABASES"
  printf '  %-18s %s\n' redis "redis://$b:$FOURFOLD_REDIS_PORT"
  printf '  %-18s %s\n' kafka "$b:$FOURFOLD_KAFKA_PORT  topics: $FOURFOLD_KAFKA_TOPICS"
  printf '  %-18s %s\n' opensearch "http://$b:$FOURFOLD_OPENSEARCH_PORT"
  printf '  %-18s %s\n' s3proxy "http://$b:$FOURFOLD_S3_PORT  key $FOURFOLD_S3_ACCESS_KEY  buckets: $FOURFOLD_S3_BUCKETS"
  echo
  [[ -s "$FOURFOLD_HOME/admin.env" ]] && echo "  first admin: $(sed -n "s/^FOURFOLD_ADMIN_EMAIL=//p" "$FOURFOLD_HOME/admin.env")  (password in $FOURFOLD_HOME/admin.env)"
  echo "  runtime folder: $FOURFOLD_HOME   logs: ./fourfold logs [name]"
  echo "  stop: ./fourfold down   (keep data)   |   ./fourfold down --purge   (also delete data)"
}

cmd_down() {
  local purge=false name i
  [[ "${1:-}" == --purge ]] && purge=true
  local order=()
  for ((i = ${#SERVICES[@]} - 1; i >= 0; i--)); do order+=("${SERVICES[i]}"); done
  order+=(gateway s3proxy opensearch kafka redis postgres)
  for name in "${order[@]}"; do stop_component "$name"; done
  if $purge; then
    rm -rf "${FOURFOLD_HOME:?}"/{postgres,redis,kafka,opensearch,s3proxy,nginx,logs,run}
    step "purged data and logs in $FOURFOLD_HOME (download cache kept)"
  fi
  step "stack $(ok down)"
}

cmd_status() {
  local name state pid port rss
  printf '%-18s %-9s %-8s %-22s %s\n' COMPONENT STATE PID ADDRESS RSS
  for name in $(all_components); do
    port=$(call "$name" port)
    if is_service "$name" && ! svc_present "$name"; then
      printf '%-18s %-9s %-8s %-22s %s\n' "$name" absent - "$FOURFOLD_BIND:$port" "- (no $name/ module yet)"
      continue
    fi
    state=$(component_state "$name")
    pid=$(our_pid "$name")
    rss=-
    [[ -n "$pid" ]] && rss="$(rss_mib "$pid") MiB"
    [[ "$state" == foreign ]] && state="port-busy"
    printf '%-18s %-9s %-8s %-22s %s\n' "$name" "$state" "${pid:--}" "$FOURFOLD_BIND:$port" "$rss"
  done
}

# ---------------------------------------------------------------- one component
require_component() {
  local name=${1:-}
  [[ -n "$name" ]] || die "name a component: $(all_components | tr '\n' ' ')"
  all_components | grep -qx -- "$name" || die "unknown component '$name': one of $(all_components | tr '\n' ' ')"
  if is_service "$name"; then
    svc_present "$name" || die "$name: no $name/ module here"
    [[ -f "$(svc_jar "$name")" ]] || die "$name: $(svc_jar "$name") missing: run ./fourfold up (it builds)"
  fi
}

# Starts one component (if it is not running) and waits until it is ready; idempotent.
cmd_start() {
  local name=${1:-}
  require_component "$name"
  if [[ "$name" == gateway && "$(component_state gateway)" == running ]]; then
    gateway_refresh
  fi
  start_component "$name"
  await_component "$name"
  if declare -F "${name}_provision" >/dev/null; then "${name}_provision"; fi
}

# Stops one component (if it is running); idempotent. What depends on it answers 502/503 meanwhile.
cmd_stop() {
  local name=${1:-}
  require_component "$name"
  stop_component "$name"
}

# Stop then start one component, e.g. `./fourfold restart redis`: its data is kept.
cmd_restart() {
  local name=${1:-}
  require_component "$name"
  stop_component "$name"
  cmd_start "$name"
}

log_files() {
  case $1 in
    gateway | nginx) echo "$LOG_DIR/gateway-error.log $LOG_DIR/gateway-access.log" ;;
    build | fetch | apt) echo "$LOG_DIR/$1.log" ;;
    *) call "$1" log ;;
  esac
}

cmd_logs() {
  local files=() f lines=${FOURFOLD_LOG_LINES:-50}
  if [[ -n "${1:-}" ]]; then
    if ! is_service "$1" && ! [[ " ${STORES[*]} gateway nginx build fetch apt " == *" $1 "* ]]; then
      die "unknown log '$1': one of ${STORES[*]} gateway ${SERVICES[*]} build fetch"
    fi
    for f in $(log_files "$1"); do [[ -f "$f" ]] && files+=("$f"); done
  else
    for f in "$LOG_DIR"/*.log; do [[ -f "$f" ]] && files+=("$f"); done
  fi
  ((${#files[@]})) || die "no log files yet in $LOG_DIR"
  if [[ -t 1 ]]; then exec tail -n "$lines" -F "${files[@]}"; else tail -n "$lines" "${files[@]}"; fi
}

stack_is_up() {
  local name
  for name in "${STORES[@]}" gateway; do
    [[ "$(component_state "$name")" == running ]] || return 1
  done
  [[ "${FOURFOLD_SKIP_SERVICES:-}" == 1 ]] && return 0
  for name in $(present_services); do
    [[ "$(component_state "$name")" == running ]] || return 1
  done
  # a changed source means `up` must rebuild and restart
  ! services_need_build
}

cmd_test() {
  if stack_is_up; then
    step "stack: already up"
    # what the tests need beyond the stack (the console's browser test: chromium, playwright-core)
    ensure_packages
    resolve_cache
    ensure_downloads
  else
    cmd_up
  fi
  admin_credentials
  step "test: mvn -B verify $*"
  local rc=0
  (cd "$REPO_ROOT" && FOURFOLD_STACK=local FOURFOLD_CHROMIUM=$(command -v chromium) flock "$FOURFOLD_MVN_LOCK" mvn -B verify "$@") || rc=$?
  exit "$rc"
}

# replay-cli against the local stack: the event store's database and every service's address.
cmd_replay() {
  local jar=$REPO_ROOT/replay-cli/target/quarkus-app/quarkus-run.jar
  if [[ ! -f "$jar" ]]; then
    step "replay: building replay-cli"
    (cd "$REPO_ROOT" && flock "$FOURFOLD_MVN_LOCK" mvn -B -q -DskipTests package -pl replay-cli -am)
  fi
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$FOURFOLD_BIND:$FOURFOLD_PG_PORT/eventstore" \
    FOURFOLD_OPERATIONS_PEERS="$(operations_peers)" \
    exec java -jar "$jar" "$@"
}

usage() {
  cat <<'U'
usage: ./fourfold <command>
  up                 install what is missing, start stores, build + start services and the gateway
  down [--purge]     stop everything it started (--purge also deletes data and logs; downloads are kept)
  reset              same as down --purge
  status             one line per component: state, pid, address, memory
  logs [name]        tail logs (postgres redis kafka opensearch s3proxy gateway <service> build fetch)
  test [maven args]  up if needed, then mvn -B verify with FOURFOLD_STACK=local
  start NAME         start one component (store, gateway or service) if stopped, wait until ready
  stop NAME          stop one component if running (its data is kept)
  restart NAME       stop then start one component, e.g. restart redis
  replay ARGS        replay-cli on the local stack: list, rebuild NAME|--all, status, rollback, prune
See deploy/local/README.md.
U
}

main() {
  local cmd=${1:-}
  [[ $# -gt 0 ]] && shift
  case $cmd in
    up | down | reset | status | logs | test | start | stop | restart | replay) resolve_home ;;
    -h | --help | help | "") usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
  case $cmd in
    up) cmd_up ;;
    down) cmd_down "$@" ;;
    reset) cmd_down --purge ;;
    status) cmd_status ;;
    logs) cmd_logs "$@" ;;
    test) cmd_test "$@" ;;
    start) cmd_start "$@" ;;
    stop) cmd_stop "$@" ;;
    restart) cmd_restart "$@" ;;
    replay) cmd_replay "$@" ;;
  esac
}

main "$@"
