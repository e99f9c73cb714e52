# shellcheck shell=bash
# The nginx gateway: a private nginx instance with its prefix, pid, temp paths and logs in the runtime folder.

NGINX_BIN() { command -v nginx 2>/dev/null || echo /usr/sbin/nginx; }
GW_PREFIX() { echo "$FOURFOLD_HOME/nginx"; }
GW_CONF() { echo "$(GW_PREFIX)/nginx.conf"; }
gateway_port() { echo "$FOURFOLD_GATEWAY_PORT"; }
gateway_log() { echo "$LOG_DIR/gateway-error.log"; }
gateway_pid() { read_pid "$(GW_PREFIX)/nginx.pid"; }
gateway_marker() { GW_PREFIX; }
gateway_ready() {
  [[ "$(curl -s -m 2 -o /dev/null -w '%{http_code}' "http://$FOURFOLD_BIND:$FOURFOLD_GATEWAY_PORT/fourfold-gateway-probe")" == 404 ]]
}

# nginx with our prefix, config and an early error log (so it never touches /var/log/nginx).
gw_nginx() { "$(NGINX_BIN)" -p "$(GW_PREFIX)/" -c "$(GW_CONF)" -e "$(gateway_log)" "$@"; }

# Renders the template into FILE.
gateway_render() {
  local user_directive='# (not root: workers run as the invoking user)' p
  is_root && user_directive='user nobody nogroup;'
  p=$(GW_PREFIX)
  sed -e "s|@PREFIX@|$p|g" -e "s|@LOG_DIR@|$LOG_DIR|g" -e "s|@BIND@|$FOURFOLD_BIND|g" \
    -e "s|@GATEWAY_PORT@|$FOURFOLD_GATEWAY_PORT|g" -e "s|@ACCOUNT_PORT@|$FOURFOLD_ACCOUNT_PORT|g" \
    -e "s|@BILLING_PORT@|$FOURFOLD_BILLING_PORT|g" -e "s|@SESSION_PORT@|$FOURFOLD_SESSION_PORT|g" \
    -e "s|@SEARCH_PORT@|$FOURFOLD_SEARCH_PORT|g" -e "s|@BLOB_PORT@|$FOURFOLD_BLOB_PORT|g" \
    -e "s|@USER_DIRECTIVE@|$user_directive|g" "$LOCAL_DIR/nginx.conf.template" >"$1"
}

# Writes the config; returns 0 when it changed.
gateway_configure() {
  local p new
  p=$(GW_PREFIX)
  mkdir -p "$p"/tmp/{client_body,proxy,fastcgi,uwsgi,scgi}
  is_root && chown -R nobody:nogroup "$p/tmp"
  new=$(mktemp "$p/nginx.conf.XXXXXX")
  gateway_render "$new"
  if cmp -s "$new" "$(GW_CONF)"; then rm -f "$new"; return 1; fi
  mv "$new" "$(GW_CONF)"
  chmod 644 "$(GW_CONF)"
  gw_nginx -t -q >>"$(gateway_log)" 2>&1 || ready_failed gateway "$(gateway_log)" "nginx rejected $(GW_CONF)"
}

gateway_launch() {
  gateway_configure || true
  gw_nginx >>"$(gateway_log)" 2>&1 || ready_failed gateway "$(gateway_log)" "nginx failed to start"
}

# Already running: reload only when the generated config changed.
gateway_refresh() {
  if gateway_configure; then
    gw_nginx -s reload >>"$(gateway_log)" 2>&1 || ready_failed gateway "$(gateway_log)" "nginx reload failed"
    note "gateway: configuration changed, reloaded"
  fi
}

gateway_stop() {
  local pid; pid=$(gateway_pid)
  pid_alive "$pid" || return 0
  stop_pid gateway "$pid" QUIT
}
