# shellcheck shell=bash
# Installs the Debian packages the stack needs, only when a binary is missing.
# apt never starts the services it installs here (policy-rc.d); we never use the machine's instances anyway.

# binary -> package
required_packages() {
  local pkgs=()
  [[ -x "$FOURFOLD_PG_BIN/initdb" ]] || pkgs+=(postgresql)
  command -v psql >/dev/null || pkgs+=(postgresql-client)
  command -v redis-server >/dev/null || pkgs+=(redis-server)
  command -v redis-cli >/dev/null || pkgs+=(redis-tools)
  [[ -x /usr/sbin/nginx ]] || command -v nginx >/dev/null || pkgs+=(nginx)
  command -v curl >/dev/null || pkgs+=(curl)
  command -v unzip >/dev/null || pkgs+=(unzip)
  command -v setpriv >/dev/null && command -v flock >/dev/null && command -v setsid >/dev/null || pkgs+=(util-linux)
  command -v ss >/dev/null || pkgs+=(iproute2)
  command -v java >/dev/null || pkgs+=(openjdk-17-jdk-headless)
  command -v mvn >/dev/null || pkgs+=(maven)
  # the operator console's browser test (stack-tests ConsoleBrowserTest): chromium driven from Node.js
  command -v chromium >/dev/null || pkgs+=(chromium)
  [[ -d /usr/share/fonts/truetype/dejavu ]] || pkgs+=(fonts-dejavu-core) # else its screenshot has no text
  command -v node >/dev/null || pkgs+=(nodejs)
  command -v npm >/dev/null || pkgs+=(npm)
  echo "${pkgs[*]}"
}

ensure_packages() {
  local missing
  missing=$(required_packages)
  if [[ -z "$missing" ]]; then
    step "packages: all present"
    return 0
  fi
  if ! is_root && ! command -v sudo >/dev/null; then
    die "packages missing ($missing) and no sudo: install them as root with apt-get install $missing"
  fi
  local t0; t0=$(now)
  step "packages: installing $missing ..."
  local log=$LOG_DIR/apt.log
  # shellcheck disable=SC2086 # word splitting of the package list is intended
  if ! { as_root apt-get update -q && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q --no-install-recommends $missing; } >"$log" 2>&1; then
    ready_failed packages "$log" "apt-get failed"
  fi
  note "installed in $(elapsed "$t0")"
}
