#!/usr/bin/env bash
# Benchmark: the reminder sweep at growing sizes, on a throwaway PostgreSQL server (see sweep-scale.cs).
#   tests/Compliance.Benchmarks/sweep-scale.sh [N...]      (default 1000 2500 5000 10000)
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d /tmp/compliance-bench.XXXXXX)
chmod 755 "$work"
source tests/Compliance.Benchmarks/throwaway-postgres.sh
trap 'pg_stop; rm -rf "$work"' EXIT
pg_start "$work/pg"
BENCH_POSTGRES="Host=$PG_SOCKET;Username=compliance;Database=postgres" dotnet run tests/Compliance.Benchmarks/sweep-scale.cs -- "$@"
