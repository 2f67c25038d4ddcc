#!/usr/bin/env bash
# Benchmark: the evidence pack for a demo organisation of PEOPLE employees over the last year, made by the app's own
# command (`evidence-pack`, which also writes the same content as one HTML page), against headless Chromium printing
# that HTML to PDF, in the same run, RUNS times each, alternating. Each run is a whole process timed by
# /usr/bin/time (wall time and peak resident memory); the app's command also says how long it took to read the
# evidence and to lay the PDF out, so the PDF engines can be compared on the same content. Then pack-layout.cs lays
# the same pack out ten times in one process: the first as a freshly started app does, the rest as a running one.
#   tests/Compliance.Benchmarks/pack-scale.sh [sqlite|postgresql] [PEOPLE] [RUNS]   (default sqlite, 10000, 5)
set -euo pipefail
cd "$(dirname "$0")/../.."
provider=sqlite
if [[ "${1:-}" == sqlite || "${1:-}" == postgresql ]]; then provider=$1; shift; fi
people=${1:-10000}
runs=${2:-5}
[[ -x /usr/bin/time ]] || { echo "/usr/bin/time is needed (apt-get install time)." >&2; exit 1; }
command -v chromium >/dev/null || { echo "chromium is needed (scripts/install-prerequisites.sh --tests)." >&2; exit 1; }
work=$(mktemp -d /tmp/compliance-pack-bench.XXXXXX)
chmod 755 "$work"
source tests/Compliance.Benchmarks/throwaway-postgres.sh
trap 'pg_stop; rm -rf "$work"' EXIT
# The app as scripts/run.sh runs it: published in Release, precompiled (ReadyToRun).
scripts/publish.sh "$work/app"
app=(dotnet "$work/app/Compliance.Web.dll")
export Compliance__DataDirectory="$work/data"
if [[ $provider == postgresql ]]; then
  pg_start "$work/pg"
  export Compliance__Database__Provider=PostgreSQL ConnectionStrings__Compliance="$PG_CONNECTION"
fi
"${app[@]}" seed-demo --employees "$people" >/dev/null 2>&1
to=$(date +%F)
from=$(date -d "$to - 1 year + 1 day" +%F)
echo "$provider, $people employees, pack for $from to $to, $runs runs each"
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
: >"$work/app.txt"; : >"$work/chromium.txt"
for i in $(seq "$runs"); do
  /usr/bin/time -f "TIME %e %M" "${app[@]}" evidence-pack --from "$from" --to "$to" --out "$work/pack.pdf" --html "$work/pack.html" \
    >/dev/null 2>"$work/err.txt"
  read_ms=$(grep -o 'read in [0-9]* ms' "$work/err.txt" | grep -o '[0-9]*')
  layout_ms=$(grep -o 'laid out in [0-9]* ms' "$work/err.txt" | grep -o '[0-9]*')
  sign_ms=$(grep -o 'signed in [0-9]* ms' "$work/err.txt" | grep -o '[0-9]*' || echo 0)
  echo "$(grep '^TIME' "$work/err.txt" | cut -d' ' -f2,3) $read_ms $layout_ms $sign_ms" >>"$work/app.txt"
  /usr/bin/time -f "TIME %e %M" chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
    --print-to-pdf="$work/chromium.pdf" "file://$work/pack.html" >/dev/null 2>"$work/err.txt"
  grep '^TIME' "$work/err.txt" | cut -d' ' -f2,3 >>"$work/chromium.txt"
done
app_s=$(cut -d' ' -f1 "$work/app.txt" | median); app_mb=$(cut -d' ' -f2 "$work/app.txt" | median)
read_ms=$(cut -d' ' -f3 "$work/app.txt" | median); layout_ms=$(cut -d' ' -f4 "$work/app.txt" | median); sign_ms=$(cut -d' ' -f5 "$work/app.txt" | median)
chrome_s=$(cut -d' ' -f1 "$work/chromium.txt" | median); chrome_mb=$(cut -d' ' -f2 "$work/chromium.txt" | median)
pages=$(pdfinfo "$work/pack.pdf" | awk '/^Pages:/ {print $2}'); chrome_pages=$(pdfinfo "$work/chromium.pdf" | awk '/^Pages:/ {print $2}')
layout=$(dotnet run -c Release tests/Compliance.Benchmarks/pack-layout.cs -- "$from" "$to" 10 2>/dev/null)
echo "$layout"
warm_ms=$(echo "$layout" | grep -o 'warm (median of [0-9]*): [0-9]* ms' | grep -o '[0-9]* ms' | grep -o '[0-9]*')
awk -v a="$app_s" -v am="$app_mb" -v r="$read_ms" -v l="$layout_ms" -v c="$chrome_s" -v cm="$chrome_mb" -v p="$pages" -v cp="$chrome_pages" -v w="$warm_ms" -v s="$sign_ms" 'BEGIN {
  printf "evidence-pack command (whole process): %.2f s, peak %.0f MB, %d pages (reading the evidence %d ms, laying out the PDF %d ms, signing it %d ms)\n", a, am / 1024, p, r, l, s
  printf "chromium --headless --print-to-pdf of the same content: %.2f s, peak %.0f MB (largest process), %d pages\n", c, cm / 1024, cp
  printf "PDF layout against Chromium printing: %.1fx faster in a freshly started command, %.1fx in a running app; whole command against Chromium: %.2fx\n", c * 1000 / l, c * 1000 / w, c / a
}'
