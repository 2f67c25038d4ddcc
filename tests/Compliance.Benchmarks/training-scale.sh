#!/usr/bin/env bash
# Benchmark: importing training completions and the training coverage page (see training-scale.cs), on a SQLite
# file or a throwaway PostgreSQL server.
#   tests/Compliance.Benchmarks/training-scale.sh [sqlite|postgresql] [PEOPLE] [ROUNDS] [RUNS]   (default postgresql; 10000, 200, 3)
set -euo pipefail
cd "$(dirname "$0")/../.."
provider=postgresql
if [[ "${1:-}" == sqlite || "${1:-}" == postgresql ]]; then provider=$1; shift; fi
command -v sqlite3 >/dev/null || { echo "sqlite3 is needed for the SQLite baseline (apt-get install sqlite3)." >&2; exit 1; }
work=$(mktemp -d /tmp/compliance-bench.XXXXXX)
chmod 755 "$work"
source tests/Compliance.Benchmarks/throwaway-postgres.sh
trap 'pg_stop; rm -rf "$work"' EXIT
if [[ $provider == sqlite ]]; then
  BENCH_PROVIDER=sqlite BENCH_FOLDER="$work" dotnet run -c Release tests/Compliance.Benchmarks/training-scale.cs -- "$@"
else
  pg_start "$work/pg"
  BENCH_PROVIDER=postgresql BENCH_FOLDER="$work" BENCH_POSTGRES="Host=$PG_SOCKET;Username=compliance;Database=postgres" dotnet run -c Release tests/Compliance.Benchmarks/training-scale.cs -- "$@"
fi
