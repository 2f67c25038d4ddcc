#!/usr/bin/env bash
# Benchmark: the app's CSV import of N employees (default 100,000) against PostgreSQL's own COPY of the same
# file into a plain table, both as whole processes on the same server, alternated, 5 runs each.
#   tests/Compliance.Benchmarks/import-vs-copy.sh [ROWS] [RUNS]
# Prints each run's wall time, the medians, the ratio, and the app's peak memory (from /usr/bin/time -v).
set -euo pipefail
cd "$(dirname "$0")/../.."
rows=${1:-100000}
runs=${2:-5}
work=$(mktemp -d /tmp/compliance-bench.XXXXXX)
chmod 755 "$work"
trap 'stop_server; rm -rf "$work"' EXIT

echo "Publishing the app (Release)..."
dotnet publish src/Compliance.Web -c Release -o "$work/app" --nologo -v quiet >/dev/null
export Compliance__DataDirectory="$work/data"
app="dotnet $work/app/Compliance.Web.dll"

# The app creates its own PostgreSQL cluster and schema; the demo gives it sites ("Head Office").
$app seed-demo --employees 1 >/dev/null
cluster="$work/data/postgres"
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_owner() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
start_server() {
  as_owner "$bin/pg_ctl" status -D "$cluster/pgdata" >/dev/null 2>&1 ||
    as_owner "$bin/pg_ctl" start -D "$cluster/pgdata" -w -l "$cluster/postgres.log" \
      -o "-c listen_addresses='' -k $cluster/socket -c unix_socket_permissions=0700" >/dev/null
}
stop_server() { as_owner "$bin/pg_ctl" stop -D "$cluster/pgdata" -m fast >/dev/null 2>&1 || true; }
start_server
psql_cmd() { psql -X -q -h "$cluster/socket" -U compliance -d compliance "$@"; }

csv="$work/employees.csv"
awk -v n="$rows" 'BEGIN {
  print "employee_number,first_name,last_name,work_email,site,department,job_title,start_date,leaving_date,manager,customer_facing,lone_working,night_working,agency_or_contractor";
  for (i = 1; i <= n; i++)
    printf "B%07d,First%d,Last%d,person%d@example.test,Head Office,Kitchen,Chef,2021-04-%02d,,no,yes,%s,no,no\n", i, i, i, i, (i % 28) + 1, (i % 7 == 0 ? "yes" : "no");
}' > "$csv"
chmod 644 "$csv"
psql_cmd -c "CREATE TABLE copy_baseline (employee_number text, first_name text, last_name text, work_email text, site text, department text, job_title text, start_date date, leaving_date date, manager text, customer_facing text, lone_working text, night_working text, agency_or_contractor text)"

import_run() { psql_cmd -c "TRUNCATE employees" && /usr/bin/time -f "%M" -o "$work/mem" $app import-employees "$csv" > "$work/out"; }
copy_run() { psql_cmd -c "TRUNCATE copy_baseline" && psql_cmd -c "\\copy copy_baseline FROM '$csv' WITH (FORMAT csv, HEADER true)"; }
seconds() { local s; s=$(date +%s.%N); "$@" >/dev/null; awk -v a="$s" -v b="$(date +%s.%N)" 'BEGIN { printf "%.3f", b - a }'; }

import_times=(); inside_times=(); copy_times=(); mem=()
import_run >/dev/null; copy_run >/dev/null   # warm-up
for ((r = 1; r <= runs; r++)); do
  import_times+=("$(seconds import_run)"); mem+=("$(cat "$work/mem")")
  inside_times+=("$(sed -nE 's/^Took ([0-9.]+) s\./\1/p' "$work/out")")
  copy_times+=("$(seconds copy_run)")
  echo "run $r: import ${import_times[-1]} s (of which the import itself ${inside_times[-1]} s), COPY ${copy_times[-1]} s"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
mi=$(median "${import_times[@]}"); mn=$(median "${inside_times[@]}"); mc=$(median "${copy_times[@]}")
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo "rows: $rows; median COPY (psql \\copy, whole process): $mc s"
echo "median import, whole process (start-up, database check, import): $mi s; ratio to COPY: $(ratio "$mi" "$mc")"
echo "median import itself (read, check, COPY, upsert, audit, commit): $mn s; ratio to COPY: $(ratio "$mn" "$mc")"
echo "app peak memory (max RSS): $(median "${mem[@]}") KiB"
echo "rows imported: $(psql_cmd -Atc 'SELECT count(*) FROM employees')"
