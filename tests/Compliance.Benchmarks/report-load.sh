#!/usr/bin/env bash
# Benchmark: anonymous report submissions against the running app (Release), from concurrent clients, each
# its own browser (form, cookie, post), while one more client reads a trivial page; then every reference and key
# is opened at follow-up.
#   tests/Compliance.Benchmarks/report-load.sh [SUBMISSIONS] [CLIENTS,...] [sqlite|postgresql|both]   (1000, 50, both)
# e.g. tests/Compliance.Benchmarks/report-load.sh 3000 50,100,200 both
# Prints throughput, p50/p95 and worst latency for each phase against the bare report form at the same concurrency
# in the same run, on SQLite (the default install) and on a throwaway PostgreSQL server, one after the other; each
# level of clients in turn on the same server. Exits non-zero if any request failed or any key did not open.
set -euo pipefail
cd "$(dirname "$0")/../.."
total=${1:-1000}
levels=${2:-50}
which=${3:-both}
port=5098
work=$(mktemp -d /tmp/compliance-bench.XXXXXX)
chmod 755 "$work"
server=""
source tests/Compliance.Benchmarks/throwaway-postgres.sh
trap '[[ -n $server ]] && kill $server 2>/dev/null; wait 2>/dev/null; pg_stop; rm -rf "$work"' EXIT

echo "Publishing the app (Release)..."
dotnet publish src/Compliance.Web -c Release -o "$work/app" --nologo -v quiet >/dev/null
dotnet build tests/Compliance.Benchmarks/report-load.cs -c Release -v quiet --nologo >/dev/null 2>&1 || true
export Urls="http://127.0.0.1:$port"
# Every client here shares one address: lift the reporting page's per-client and hourly limits for the run.
export Compliance__Cases__ReportsPerClientPerHour=1000000 Compliance__Cases__ReportsPerHour=1000000
app="dotnet $work/app/Compliance.Web.dll"
status=0

measure() {
  local name=$1
  export Compliance__DataDirectory="$work/$name-data"
  $app seed-demo --employees 50 >/dev/null
  $app > "$work/$name-server.log" 2>&1 &
  server=$!
  for _ in $(seq 60); do curl -fs "http://127.0.0.1:$port/health" >/dev/null && break; sleep 1; done
  local site
  site=$(curl -fs "http://127.0.0.1:$port/report" | sed -nE 's/.*<option value="([0-9a-fA-F-]{36})".*/\1/p' | head -1)
  local clients
  for clients in ${levels//,/ }; do
    echo "== $name, $clients clients =="
    dotnet run tests/Compliance.Benchmarks/report-load.cs -- "http://127.0.0.1:$port" "$site" "$total" "$clients" || status=1
  done
  kill $server; wait $server 2>/dev/null || true; server=""
  if grep -q "database is locked" "$work/$name-server.log"; then echo "$name: the server logged 'database is locked'"; fi
}

if [[ $which == sqlite || $which == both ]]; then
  unset Compliance__Database__Provider ConnectionStrings__Compliance
  measure SQLite
fi
if [[ $which == postgresql || $which == both ]]; then
  pg_start "$work/pg"
  export Compliance__Database__Provider=PostgreSQL ConnectionStrings__Compliance="$PG_CONNECTION"
  measure PostgreSQL
fi
exit $status
