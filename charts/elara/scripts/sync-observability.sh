#!/bin/sh
# Copies the alert rules and dashboards from grafana/ into the chart (Helm cannot read files
# outside it). grafana/ is the source of truth: edit there, then run this script.
# `--check` only compares and exits 1 when a copy is stale (test/deploy runs the same comparison).
set -eu

chart_dir=$(cd "$(dirname "$0")/.." && pwd)
repo_dir=$(cd "$chart_dir/../.." && pwd)

# source → copy, one pair per line.
pairs() {
  echo "grafana/prometheus/rules/elara.rules.yml files/prometheus/elara.rules.yml"
  for dashboard in "$repo_dir"/grafana/dashboards/*.json; do
    name=$(basename "$dashboard")
    echo "grafana/dashboards/$name files/dashboards/$name"
  done
}

check=false
[ "${1:-}" = "--check" ] && check=true
stale=0

pairs | while read -r source copy; do
  if $check; then
    cmp -s "$repo_dir/$source" "$chart_dir/$copy" || { echo "stale: charts/elara/$copy (from $source)" >&2; exit 1; }
  else
    mkdir -p "$(dirname "$chart_dir/$copy")"
    cp "$repo_dir/$source" "$chart_dir/$copy"
    echo "copied $source -> charts/elara/$copy"
  fi
done || stale=1

# A dashboard removed from grafana/ must not linger in the chart.
for copy in "$chart_dir"/files/dashboards/*.json; do
  [ -e "$copy" ] || continue
  name=$(basename "$copy")
  if [ ! -e "$repo_dir/grafana/dashboards/$name" ]; then
    if $check; then
      echo "stale: charts/elara/files/dashboards/$name (no longer in grafana/dashboards)" >&2
      stale=1
    else
      rm "$copy"
      echo "removed charts/elara/files/dashboards/$name"
    fi
  fi
done

exit $stale
