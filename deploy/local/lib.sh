# shellcheck shell=bash
# Common helpers of the local-stack launcher: output, paths, pid files, ports, running as another user.
# Sourced by deploy/local/cli.sh after deploy/local/stack.env.

# ---------------------------------------------------------------- output
if [[ -t 1 && -z "${CI:-}" && -z "${NO_COLOR:-}" ]]; then
  C_BOLD=$'\e[1m' C_RED=$'\e[31m' C_GREEN=$'\e[32m' C_YELLOW=$'\e[33m' C_DIM=$'\e[2m' C_OFF=$'\e[0m'
else
  C_BOLD='' C_RED='' C_GREEN='' C_YELLOW='' C_DIM='' C_OFF=''
fi

step() { printf '%s▸%s %s\n' "$C_BOLD" "$C_OFF" "$*"; }
note() { printf '  %s%s%s\n' "$C_DIM" "$*" "$C_OFF"; }
warn() { printf '%s! %s%s\n' "$C_YELLOW" "$*" "$C_OFF" >&2; }
die() { printf '%s✗ %s%s\n' "$C_RED" "$*" "$C_OFF" >&2; exit 1; }
ok() { printf '%s%s%s' "$C_GREEN" "$*" "$C_OFF"; }

# Time in microseconds, and the time elapsed since a `now` as "12.3s" (no forks: bash 5 EPOCHREALTIME).
now() { local t=${EPOCHREALTIME/[.,]/}; echo "$t"; }
elapsed() {
  local t=${EPOCHREALTIME/[.,]/} d
  d=$(( (t - $1) / 100000 ))
  echo "$(( d / 10 )).$(( d % 10 ))s"
}

# ---------------------------------------------------------------- identity
is_root() { [[ "$(id -u)" == 0 ]]; }

# Runs a command as root: directly when root, with sudo otherwise.
as_root() {
  if is_root; then "$@"; else sudo "$@"; fi
}

# The system user PostgreSQL runs as: `postgres` when the launcher is root, the invoking user otherwise.
pg_user() { if is_root; then echo postgres; else id -un; fi; }

# Runs a command as the PostgreSQL user (drops root privileges; postgres refuses to run as root).
as_pg() {
  if is_root; then
    setpriv --reuid=postgres --regid=postgres --init-groups env HOME=/var/lib/postgresql "$@"
  else
    "$@"
  fi
}

# Runs a command as the OpenSearch user (uid:gid from FOURFOLD_OPENSEARCH_RUNAS when root).
as_os() {
  if is_root; then
    setpriv --reuid="${FOURFOLD_OPENSEARCH_RUNAS%%:*}" --regid="${FOURFOLD_OPENSEARCH_RUNAS##*:}" --clear-groups "$@"
  else
    "$@"
  fi
}

# Gives a path to a user (user or uid:gid) when root; no-op otherwise.
give_to() {
  local owner=$1; shift
  if is_root; then chown -R "$owner" "$@"; fi
}

# ---------------------------------------------------------------- paths
# Is every directory from / down to $1 traversable (o+x) by other users?
traversable_by_others() {
  local p
  p=$(readlink -f "$1")
  while [[ -n "$p" && "$p" != / ]]; do
    [[ -d "$p" ]] || return 1
    [[ "$(( 8#$(stat -c %a "$p") & 1 ))" == 1 ]] || return 1
    p=$(dirname "$p")
  done
}

# Picks the runtime folder (FOURFOLD_HOME) and creates it. See deploy/local/README.md.
resolve_home() {
  local link="$REPO_ROOT/.fourfold" hash
  if [[ -n "${FOURFOLD_HOME:-}" ]]; then
    mkdir -p "$FOURFOLD_HOME"
  elif is_root && ! traversable_by_others "$REPO_ROOT"; then
    # postgres and OpenSearch run as other uids: they must reach their data dirs.
    hash=$(printf '%s' "$(readlink -f "$REPO_ROOT")" | sha256sum | cut -c1-10)
    FOURFOLD_HOME=/var/tmp/fourfold-$hash
    mkdir -p "$FOURFOLD_HOME"
    if [[ -L "$link" || ! -e "$link" ]]; then
      ln -sfn "$FOURFOLD_HOME" "$link"
    else
      warn "$link exists and is not a symlink; runtime folder is $FOURFOLD_HOME"
    fi
  else
    FOURFOLD_HOME=$link
    mkdir -p "$FOURFOLD_HOME"
  fi
  FOURFOLD_HOME=$(readlink -f "$FOURFOLD_HOME")
  chmod 755 "$FOURFOLD_HOME"
  if is_root && ! traversable_by_others "$FOURFOLD_HOME"; then
    die "runtime folder $FOURFOLD_HOME is not traversable by the postgres/OpenSearch users: chmod o+x its parents or set FOURFOLD_HOME elsewhere (e.g. /var/tmp/fourfold)"
  fi
  mkdir -p "$FOURFOLD_HOME/logs" "$FOURFOLD_HOME/run"
  # shellcheck disable=SC2034 # used by the other sourced files
  LOG_DIR=$FOURFOLD_HOME/logs RUN_DIR=$FOURFOLD_HOME/run
  export FOURFOLD_HOME
}

# Download cache shared by every clone on this machine.
resolve_cache() {
  : "${FOURFOLD_CACHE:=${XDG_CACHE_HOME:-$HOME/.cache}/fourfold}"
  mkdir -p "$FOURFOLD_CACHE"
  export FOURFOLD_CACHE
}

# ---------------------------------------------------------------- processes and ports
# A live process (a zombie waiting to be reaped by init counts as gone).
pid_alive() {
  [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null || return 1
  local stat=''
  read -r stat <"/proc/$1/stat" 2>/dev/null || return 1
  stat=${stat##*) }
  [[ "${stat%% *}" != Z ]]
}

# First line of a pid file (postmaster.pid has more lines), empty if none.
read_pid() {
  local line=''
  [[ -f "$1" ]] && read -r line <"$1"
  echo "${line//[^0-9]/}"
}

# Does the process' command line contain the marker string?
pid_has() {
  local args=()
  [[ -r "/proc/$1/cmdline" ]] && mapfile -d '' args <"/proc/$1/cmdline" 2>/dev/null
  [[ " ${args[*]} " == *"$2"* ]]
}

port_open() { (exec 3<>"/dev/tcp/$FOURFOLD_BIND/$1") 2>/dev/null; }

# Who listens on a port, for error messages.
port_owner() {
  local who
  who=$(ss -ltnpH "sport = :$1" 2>/dev/null | grep -o 'users:(([^)]*))' | head -n1 || true)
  echo "${who:-an unknown process}"
}

# Pid listening on a port (needs root to see other users' processes), empty if unknown.
port_pid() { ss -ltnpH "sport = :$1" 2>/dev/null | grep -o 'pid=[0-9]*' | head -n1 | cut -d= -f2 || true; }

# The runtime folder of the Fourfold stack (of another clone) a process belongs to, empty if it is not one.
# Our processes inherit FOURFOLD_HOME; nginx and redis rewrite their environment: their command line / cwd tell.
fourfold_home_of() {
  local pid=$1 home='' args=()
  [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] || return 0
  home=$(tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | sed -n 's/^FOURFOLD_HOME=//p' | head -n1 || true)
  if [[ -z "$home" ]]; then
    mapfile -d '' args <"/proc/$pid/cmdline" 2>/dev/null || true
    if [[ "${args[*]}" =~ -p\ ([^ ]+)/nginx/?\  ]]; then
      home=${BASH_REMATCH[1]}
    elif [[ "${args[0]:-}" == redis-server* ]]; then
      home=$(readlink "/proc/$pid/cwd" 2>/dev/null || true)
      home=${home%/redis}
    fi
  fi
  if [[ -n "$home" && -d "$home/run" && "$(readlink -f "$home")" != "$FOURFOLD_HOME" ]]; then echo "$home"; fi
  return 0
}

die_port_taken() {
  local name=$1 port=$2 var=$3 other
  other=$(fourfold_home_of "$(port_pid "$port")")
  if [[ -n "$other" ]]; then
    die "$name: port $FOURFOLD_BIND:$port is held by the Fourfold stack of another clone (runtime folder $other). Run ./fourfold down in that clone, or FOURFOLD_TAKEOVER=1 ./fourfold up to stop it from here (CI does this by itself)."
  fi
  die "$name: port $FOURFOLD_BIND:$port is already used by something that is not Fourfold's ($(port_owner "$port")). Stop that process, or choose another port with $var=<port> ./fourfold up"
}

# RSS in MiB of a process and its direct children.
rss_mib() {
  local pid=$1 kb
  kb=$( { ps -o rss= -p "$pid"; ps -o rss= --ppid "$pid"; } 2>/dev/null | awk '{ s += $1 } END { print s + 0 }')
  echo "$(( kb / 1024 ))"
}

# Stops a process by pid: TERM (or the given signal), wait, then KILL.
stop_pid() {
  local name=$1 pid=$2 sig=${3:-TERM} i
  pid_alive "$pid" || return 0
  kill -s "$sig" "$pid" 2>/dev/null || true
  for ((i = 0; i < 120; i++)); do
    pid_alive "$pid" || return 0
    sleep 0.25
  done
  warn "$name (pid $pid) did not stop within 30s: sending KILL"
  kill -KILL "$pid" 2>/dev/null || true
}

# wait_until NAME TIMEOUT_S LOGFILE CMD...: polls CMD until it succeeds or the process dies/time runs out.
# Uses $WAIT_PID (if set) to fail fast when the process is gone.
wait_until() {
  local name=$1 timeout=$2 log=$3; shift 3
  local t0 deadline
  t0=$(now)
  deadline=$(( EPOCHSECONDS + timeout ))
  while (( EPOCHSECONDS < deadline )); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    if [[ -n "${WAIT_PID:-}" ]] && ! pid_alive "$WAIT_PID"; then
      ready_failed "$name" "$log" "its process (pid $WAIT_PID) exited"
    fi
    sleep 0.25
  done
  ready_failed "$name" "$log" "not ready after ${timeout}s ($(elapsed "$t0"))"
}

# Prints why something failed, the log to read, and what is left running; exits.
ready_failed() {
  local name=$1 log=$2 why=$3
  printf '%s✗ %s: %s%s\n' "$C_RED" "$name" "$why" "$C_OFF" >&2
  if [[ -f "$log" ]]; then
    printf '  read %s — last lines:\n' "$log" >&2
    tail -n 25 "$log" | sed -e 's/\x1b\[[0-9;]*m//g' -e 's/^/    | /' >&2
    echo >&2
  fi
  local left
  left=$(running_summary)
  if [[ -n "$left" ]]; then
    printf '  still running: %s\n  stop them with ./fourfold down\n' "$left" >&2
  fi
  exit 1
}
