#!/usr/bin/env bash
# Benchmark: anonymous report submissions against the running app (Release), from concurrent clients, each
# its own browser (form, cookie, post); then every reference and key is opened at follow-up.
#   tests/Compliance.Benchmarks/report-load.sh [SUBMISSIONS] [CLIENTS]      (defaults 1000 and 50)
# Prints throughput and p50/p95 latency for each phase, against a trivial public page in the same run.
set -euo pipefail
cd "$(dirname "$0")/../.."
total=${1:-1000}
clients=${2:-50}
port=5098
work=$(mktemp -d /tmp/compliance-bench.XXXXXX)
chmod 755 "$work"
server=""
trap '[[ -n $server ]] && kill $server 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

echo "Publishing the app (Release)..."
dotnet publish src/Compliance.Web -c Release -o "$work/app" --nologo -v quiet >/dev/null
export Compliance__DataDirectory="$work/data" Urls="http://127.0.0.1:$port"
# Every client here shares one address: lift the reporting page's per-client and hourly limits for the run.
export Compliance__Cases__ReportsPerClientPerHour=1000000 Compliance__Cases__ReportsPerHour=1000000
app="dotnet $work/app/Compliance.Web.dll"
$app seed-demo --employees 50 >/dev/null
$app > "$work/server.log" 2>&1 &
server=$!
for _ in $(seq 60); do curl -fs "http://127.0.0.1:$port/health" >/dev/null && break; sleep 1; done
site=$(curl -fs "http://127.0.0.1:$port/report" | sed -nE 's/.*<option value="([0-9a-f-]{36})".*/\1/p' | head -1)
dotnet run tests/Compliance.Benchmarks/report-load.cs -- "http://127.0.0.1:$port" "$site" "$total" "$clients"
