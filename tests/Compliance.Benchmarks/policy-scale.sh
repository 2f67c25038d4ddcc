#!/usr/bin/env bash
# Benchmark: publishing a policy and its coverage page (see policy-scale.cs), on a SQLite file or a throwaway PostgreSQL server.
#   tests/Compliance.Benchmarks/policy-scale.sh [sqlite|postgresql] [N] [ROUNDS]   (default postgresql; N 10000, ROUNDS 200)
set -euo pipefail
cd "$(dirname "$0")/../.."
provider=postgresql
if [[ "${1:-}" == sqlite || "${1:-}" == postgresql ]]; then provider=$1; shift; fi
work=$(mktemp -d /tmp/compliance-bench.XXXXXX)
chmod 755 "$work"
source tests/Compliance.Benchmarks/throwaway-postgres.sh
trap 'pg_stop; rm -rf "$work"' EXIT
if [[ $provider == sqlite ]]; then
  BENCH_PROVIDER=sqlite BENCH_FOLDER="$work" dotnet run tests/Compliance.Benchmarks/policy-scale.cs -- "$@"
else
  pg_start "$work/pg"
  BENCH_PROVIDER=postgresql BENCH_POSTGRES="Host=$PG_SOCKET;Username=compliance;Database=postgres" dotnet run tests/Compliance.Benchmarks/policy-scale.cs -- "$@"
fi
