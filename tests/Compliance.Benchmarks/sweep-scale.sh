#!/usr/bin/env bash
# Benchmark: the reminder sweep at growing sizes (see sweep-scale.cs), on a SQLite file or a throwaway PostgreSQL server.
#   tests/Compliance.Benchmarks/sweep-scale.sh [sqlite|postgresql] [N...]   (default postgresql; sizes 1000 2500 5000 10000)
set -euo pipefail
cd "$(dirname "$0")/../.."
provider=postgresql
if [[ "${1:-}" == sqlite || "${1:-}" == postgresql ]]; then provider=$1; shift; fi
work=$(mktemp -d /tmp/compliance-bench.XXXXXX)
chmod 755 "$work"
source tests/Compliance.Benchmarks/throwaway-postgres.sh
trap 'pg_stop; rm -rf "$work"' EXIT
if [[ $provider == sqlite ]]; then
  BENCH_PROVIDER=sqlite BENCH_FOLDER="$work" dotnet run tests/Compliance.Benchmarks/sweep-scale.cs -- "$@"
else
  pg_start "$work/pg"
  BENCH_PROVIDER=postgresql BENCH_POSTGRES="Host=$PG_SOCKET;Username=compliance;Database=postgres" dotnet run tests/Compliance.Benchmarks/sweep-scale.cs -- "$@"
fi
