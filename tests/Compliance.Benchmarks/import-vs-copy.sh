#!/usr/bin/env bash
# Benchmark: the app's CSV import of N employees (default 100,000) against the database engine's own bulk load
# of the same file into a plain table, as whole processes, alternated, R runs each (default 5), on each provider:
#   SQLite:     the app's import into data/compliance.db  vs  sqlite3 ".import --csv" into a plain table
#   PostgreSQL: the app's import into a throwaway server  vs  psql "\copy" into a plain table
#   tests/Compliance.Benchmarks/import-vs-copy.sh [ROWS] [RUNS] [sqlite|postgresql|both]
# Prints each run's wall time, the medians, the ratios, and the app's peak memory (from /usr/bin/time -v).
set -euo pipefail
cd "$(dirname "$0")/../.."
rows=${1:-100000}
runs=${2:-5}
which=${3:-both}
work=$(mktemp -d /tmp/compliance-bench.XXXXXX)
chmod 755 "$work"
source tests/Compliance.Benchmarks/throwaway-postgres.sh
trap 'pg_stop; rm -rf "$work"' EXIT

echo "Publishing the app (Release)..."
dotnet publish src/Compliance.Web -c Release -o "$work/app" --nologo -v quiet >/dev/null
app="dotnet $work/app/Compliance.Web.dll"
csv="$work/employees.csv"
awk -v n="$rows" 'BEGIN {
  print "employee_number,first_name,last_name,work_email,site,department,job_title,start_date,leaving_date,manager,customer_facing,lone_working,night_working,agency_or_contractor";
  for (i = 1; i <= n; i++)
    printf "B%07d,First%d,Last%d,person%d@example.test,Head Office,Kitchen,Chef,2021-04-%02d,,no,yes,%s,no,no\n", i, i, i, i, (i % 28) + 1, (i % 7 == 0 ? "yes" : "no");
}' > "$csv"
chmod 644 "$csv"
columns="employee_number text, first_name text, last_name text, work_email text, site text, department text, job_title text, start_date date, leaving_date date, manager text, customer_facing text, lone_working text, night_working text, agency_or_contractor text"

seconds() { local s; s=$(date +%s.%N); "$@" >/dev/null; awk -v a="$s" -v b="$(date +%s.%N)" 'BEGIN { printf "%.3f", b - a }'; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

# run NAME: alternates the app's import (after clear_employees) and the baseline (after clear_baseline).
run() {
  local name=$1 import_times=() inside_times=() base_times=() mem=()
  import_run() { clear_employees && /usr/bin/time -f "%M" -o "$work/mem" $app import-employees "$csv" > "$work/out"; }
  import_run >/dev/null; baseline_run >/dev/null   # warm-up
  for ((r = 1; r <= runs; r++)); do
    import_times+=("$(seconds import_run)"); mem+=("$(cat "$work/mem")")
    inside_times+=("$(sed -nE 's/^Took ([0-9.]+) s\./\1/p' "$work/out")")
    base_times+=("$(seconds baseline_run)")
    echo "$name run $r: import ${import_times[-1]} s (of which the import itself ${inside_times[-1]} s), baseline ${base_times[-1]} s"
  done
  local mi mn mb
  mi=$(median "${import_times[@]}"); mn=$(median "${inside_times[@]}"); mb=$(median "${base_times[@]}")
  echo "$name: rows $rows; median baseline (engine's own bulk load, whole process): $mb s"
  echo "$name: median import, whole process (start-up, database check, import): $mi s; ratio to baseline: $(ratio "$mi" "$mb")"
  echo "$name: median import itself (read, check, load, upsert, audit, commit): $mn s; ratio to baseline: $(ratio "$mn" "$mb")"
  echo "$name: app peak memory (max RSS): $(median "${mem[@]}") KiB; rows imported: $(count_employees)"
}

if [[ $which == sqlite || $which == both ]]; then
  export Compliance__DataDirectory="$work/sqlite-data"
  unset Compliance__Database__Provider ConnectionStrings__Compliance
  $app seed-demo --employees 1 >/dev/null   # a site called "Head Office"
  db="$Compliance__DataDirectory/compliance.db"
  sqlite3 "$work/baseline.db" "CREATE TABLE copy_baseline ($columns)"
  clear_employees() { sqlite3 "$db" "PRAGMA busy_timeout=30000; DELETE FROM employees WHERE employee_number LIKE 'B%'"; }
  baseline_run() { sqlite3 "$work/baseline.db" "DELETE FROM copy_baseline" && sqlite3 "$work/baseline.db" ".import --csv --skip 1 $csv copy_baseline"; }
  count_employees() { sqlite3 "$db" "SELECT count(*) FROM employees"; }
  run SQLite
fi

if [[ $which == postgresql || $which == both ]]; then
  pg_start "$work/pg"
  export Compliance__DataDirectory="$work/pg-data" Compliance__Database__Provider=PostgreSQL ConnectionStrings__Compliance="$PG_CONNECTION"
  $app seed-demo --employees 1 >/dev/null
  pg_psql -c "CREATE TABLE copy_baseline ($columns)"
  clear_employees() { pg_psql -c "TRUNCATE employees CASCADE"; }
  baseline_run() { pg_psql -c "TRUNCATE copy_baseline" && pg_psql -c "\\copy copy_baseline FROM '$csv' WITH (FORMAT csv, HEADER true)"; }
  count_employees() { pg_psql -Atc "SELECT count(*) FROM employees"; }
  run PostgreSQL
fi
