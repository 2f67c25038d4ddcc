#!/usr/bin/env bash
# Benchmark: the position page under load from signed-in directors, against a trivial signed-in page in the same
# run, on the demo organisation of PEOPLE employees (seed-demo: sites, policy, training, cases, action plan).
#   tests/Compliance.Benchmarks/position-load.sh [PEOPLE] [ROUNDS] [CLIENTS] [sqlite|postgresql|both] [THINK_MS]
#   (10000, 50, 20, both, 0; see position-load.cs for THINK_MS)
set -euo pipefail
cd "$(dirname "$0")/../.."
people=${1:-10000}
rounds=${2:-50}
clients=${3:-20}
which=${4:-both}
think=${5:-0}
port=5099
work=$(mktemp -d /tmp/compliance-bench.XXXXXX)
chmod 755 "$work"
server=""
source tests/Compliance.Benchmarks/throwaway-postgres.sh
trap '[[ -n $server ]] && kill $server 2>/dev/null; wait 2>/dev/null; pg_stop; rm -rf "$work"' EXIT

echo "Publishing the app (Release)..."
dotnet publish src/Compliance.Web -c Release -o "$work/app" --nologo -v quiet >/dev/null
export Urls="http://127.0.0.1:$port"
app="dotnet $work/app/Compliance.Web.dll"

measure() {
  local name=$1
  export Compliance__DataDirectory="$work/$name-data"
  local password
  password=$($app seed-demo --employees "$people" | awk '$2 == "director@northwind.example" { print $3 }')
  $app > "$work/$name-server.log" 2>&1 &
  server=$!
  for _ in $(seq 60); do curl -fs "http://127.0.0.1:$port/health" >/dev/null && break; sleep 1; done
  echo "== $name, $people employees =="
  dotnet run tests/Compliance.Benchmarks/position-load.cs -- "http://127.0.0.1:$port" director@northwind.example "$password" "$rounds" "$clients" "$think"
  kill $server; wait $server 2>/dev/null || true; server=""
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
