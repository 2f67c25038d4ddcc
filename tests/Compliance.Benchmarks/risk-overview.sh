#!/usr/bin/env bash
# Benchmark: the risk pages with 50 sites, 2,000 actions and 500 third-party incidents, against a trivial
# signed-in page of the same app in the same run (the baseline), requested in turn, 200 rounds.
#   tests/Compliance.Benchmarks/risk-overview.sh [ROUNDS]
# Prints each page's median and 95th-percentile response time and its ratio to the baseline's median.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-200}
port=5097
work=$(mktemp -d /tmp/compliance-bench.XXXXXX)
chmod 755 "$work"
server=""
source tests/Compliance.Benchmarks/throwaway-postgres.sh
trap '[[ -n $server ]] && kill $server 2>/dev/null; wait 2>/dev/null; pg_stop; rm -rf "$work"' EXIT

echo "Publishing the app (Release)..."
dotnet publish src/Compliance.Web -c Release -o "$work/app" --nologo -v quiet >/dev/null
# On a throwaway PostgreSQL server: the data below is filled in with PostgreSQL's SQL.
pg_start "$work/pg"
export Compliance__DataDirectory="$work/data" Urls="http://127.0.0.1:$port"
export Compliance__Database__Provider=PostgreSQL ConnectionStrings__Compliance="$PG_CONNECTION"
app="dotnet $work/app/Compliance.Web.dll"
password=$($app seed-demo --employees 2000 | awk '$1 == "HRManager" { print $3 }')

# Fill it up to 50 sites, each with an assessment, then 2,000 actions.
$app > "$work/server.log" 2>&1 &
server=$!
for _ in $(seq 60); do curl -fs "http://127.0.0.1:$port/health" >/dev/null && break; sleep 1; done
pg_psql -v ON_ERROR_STOP=1 <<'SQL'
INSERT INTO sites (id, name, nation, postcode)
  SELECT gen_random_uuid(), 'Bench site ' || lpad(i::text, 2, '0'), 1, NULL FROM generate_series(1, 50 - (SELECT count(*) FROM sites)) i;
INSERT INTO risk_assessments (id, title, scope, site_id, created_at_utc, next_review_due)
  SELECT gen_random_uuid(), 'Bench assessment for ' || s.name, 1, s.id, now(), current_date + ((random() * 400)::int - 60)
  FROM sites s WHERE s.name LIKE 'Bench site %';
INSERT INTO assessment_revisions (id, assessment_id, number, status, created_at_utc)
  SELECT gen_random_uuid(), a.id, 1, 1, now() FROM risk_assessments a WHERE a.title LIKE 'Bench assessment%';
INSERT INTO risk_actions (id, assessment_id, raised_in_revision, factor_code, description, owner, due_date, status, created_at_utc)
  SELECT gen_random_uuid(), a.ids[1 + i % array_length(a.ids, 1)], 1, NULL, 'Bench action ' || i, 'Owner ' || (i % 37), current_date + ((i % 200) - 100)::int, 1 + (i % 3), now()
  FROM generate_series(1, 2000 - (SELECT count(*) FROM risk_actions)) i, (SELECT array_agg(id) AS ids FROM risk_assessments) a;
UPDATE risk_actions SET completed_on = current_date - 1, completion_note = 'Done' WHERE status = 3 AND completed_on IS NULL;
INSERT INTO third_party_incidents (id, occurred_on, site_id, party_type, description, is_sexual, responses, logged_by_user_id, logged_by_name, logged_at_utc)
  SELECT gen_random_uuid(), current_date - (i % 300)::int, s.id, 1 + (i % 7), 'Bench incident ' || i, i % 2 = 0, 1, gen_random_uuid(), 'Bench', now()
  FROM generate_series(1, 500) i CROSS JOIN LATERAL (SELECT id FROM sites ORDER BY id OFFSET (i % 50) LIMIT 1) s;
SELECT (SELECT count(*) FROM sites) AS sites, (SELECT count(*) FROM risk_assessments) AS assessments,
       (SELECT count(*) FROM risk_actions) AS actions, (SELECT count(*) FROM third_party_incidents) AS incidents;
SQL

# Sign in as the demo HR manager with a cookie jar, the way a browser does.
jar="$work/cookies"
token=$(curl -fs -c "$jar" "http://127.0.0.1:$port/account/sign-in" | sed -nE 's/.*name="__RequestVerificationToken" type="hidden" value="([^"]+)".*/\1/p' | head -1)
curl -fs -b "$jar" -c "$jar" -o /dev/null --data-urlencode "Email=hrmanager@northwind.example" --data-urlencode "Password=$password" \
  --data-urlencode "__RequestVerificationToken=$token" "http://127.0.0.1:$port/account/sign-in"

pages=(/account/security /risk /risk/assessments /risk/actions?show=overdue /incidents)
time_of() { curl -fs -b "$jar" -o /dev/null -w '%{time_total}' "http://127.0.0.1:$port$1"; }
for p in "${pages[@]}"; do for _ in $(seq 20); do time_of "$p" >/dev/null; done; done   # warm-up
declare -A times
for ((r = 1; r <= rounds; r++)); do
  for p in "${pages[@]}"; do times[$p]+="$(time_of "$p") "; done
done
stat() { printf '%s\n' $1 | sort -g | awk -v q="$2" '{a[NR]=$1} END {i=int(NR*q); if (i<1) i=1; printf "%.1f", a[i]*1000}'; }
base=$(stat "${times[/account/security]}" 0.5)
printf '%-28s %10s %10s %8s\n' page "median ms" "p95 ms" ratio
for p in "${pages[@]}"; do
  m=$(stat "${times[$p]}" 0.5)
  printf '%-28s %10s %10s %8s\n' "$p" "$m" "$(stat "${times[$p]}" 0.95)" "$(awk -v a="$m" -v b="$base" 'BEGIN { printf "%.2f", a / b }')"
done
