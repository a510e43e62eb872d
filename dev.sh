#!/usr/bin/env bash
# Elara's two entry points on a fresh machine:
#   ./dev.sh start   run Elara locally (API, worker, scheduler, Twilio sandbox) with the demo tenant
#   ./dev.sh test    run every check and test (what CI runs)
# Each installs what is missing first: PostgreSQL and Redis running, pnpm, dependencies, Prisma client,
# and the trained text model; `test` also installs promtool and amtool (Debian packages) when missing.
set -euo pipefail
cd "$(dirname "$0")"

log() { printf '\033[1m==> %s\033[0m\n' "$*"; }

ensure_postgres() {
  if pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then return; fi
  log "starting PostgreSQL"
  command -v pg_ctlcluster >/dev/null || { echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start
  for _ in $(seq 1 50); do pg_isready -h 127.0.0.1 -p 5432 -q && return; sleep 0.2; done
  echo "PostgreSQL did not come up" >&2; exit 1
}

ensure_redis() {
  if redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then return; fi
  log "starting Redis"
  command -v redis-server >/dev/null || { echo "Redis is not installed (apt-get install redis-server)" >&2; exit 1; }
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/elara.log
  for _ in $(seq 1 50); do redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && return; sleep 0.2; done
  echo "Redis did not come up" >&2; exit 1
}

ensure_pnpm() {
  local wanted
  wanted=$(node -p "require('./package.json').packageManager.split('@')[1]")
  if command -v pnpm >/dev/null && [ "$(pnpm --version)" = "$wanted" ]; then return; fi
  log "installing pnpm $wanted"
  npm install -g "pnpm@$wanted" >/dev/null
}

install_dependencies() {
  log "installing dependencies"
  pnpm install --frozen-lockfile --reporter=append-only | tail -n 3
  pnpm --silent db:generate >/dev/null
  log "training the text model (skipped when its data and code are unchanged)"
  pnpm --silent build:model
}

# promtool and amtool check the alert rules and Alertmanager config in test/observability (tests only).
ensure_prometheus_tools() {
  if command -v promtool >/dev/null && command -v amtool >/dev/null; then return; fi
  log "installing promtool and amtool (prometheus, prometheus-alertmanager)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends prometheus prometheus-alertmanager >/dev/null
}

prepare() {
  ensure_postgres
  ensure_redis
  ensure_pnpm
  install_dependencies
}

case "${1:-}" in
  start) prepare; exec pnpm start ;;
  test) prepare; ensure_prometheus_tools; exec pnpm test ;;
  *) echo "usage: ./dev.sh start | ./dev.sh test" >&2; exit 2 ;;
esac
