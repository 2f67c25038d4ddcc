#!/usr/bin/env bash
# Benchmark: an instance on PostgreSQL killed with SIGKILL while its jobs run, and a new one started at once, over
# and over; how long each new instance takes to serve.
#   tests/Compliance.Benchmarks/restart-after-kill.sh [RESTARTS]   (10)
# The reminder sweep and the case purge are scheduled every minute and the sweep is slowed (small batches with a
# pause), mail is sent every 2 seconds, so an instance always has a job running or a recurring job's lock taken.
# Every other kill lands half a second after a minute begins, as the recurring jobs are triggered; the others at
# a random moment 3 to 12 seconds after the instance began serving. Prints each restart's time to its first
# answer from /health and the slowest; exits non-zero if any took 10 seconds or more.
set -euo pipefail
cd "$(dirname "$0")/../.."
restarts=${1:-10}
port=5099
work=$(mktemp -d /tmp/compliance-restart.XXXXXX)
chmod 755 "$work"
server=""
source tests/Compliance.Benchmarks/throwaway-postgres.sh
trap '[[ -n $server ]] && kill -9 $server 2>/dev/null; wait 2>/dev/null; pg_stop; rm -rf "$work"' EXIT

echo "Publishing the app (Release)..."
dotnet publish src/Compliance.Web -c Release -o "$work/app" --nologo -v quiet >/dev/null
pg_start "$work/pg"
export Compliance__Database__Provider=PostgreSQL ConnectionStrings__Compliance="$PG_CONNECTION"
export Compliance__DataDirectory="$work/data" Urls="http://127.0.0.1:$port"
app="dotnet $work/app/Compliance.Web.dll"
$app seed-demo --employees 50 >/dev/null
export Compliance__Jobs__ReminderSweepSchedule="* * * * *" Compliance__Jobs__CasePurgeSchedule="* * * * *"
export Compliance__Jobs__MailDispatchEvery=00:00:02 Compliance__Jobs__PollEvery=00:00:01 Compliance__Jobs__TakeOverAfter=00:00:05
export Compliance__Reminders__BatchSize=3 Compliance__Reminders__PauseBetweenBatches=00:00:00.400

# Starts an instance; sets took to the seconds until /health first answered 200 ("never" after 60 seconds).
start() {
  local began
  began=$(date +%s.%N)
  $app >> "$work/server.log" 2>&1 &
  server=$!
  took=never
  for _ in $(seq 600); do
    if curl -fs -m 1 "http://127.0.0.1:$port/health" >/dev/null 2>&1; then
      took=$(awk -v a="$began" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
      return
    fi
    sleep 0.1
  done
}

slowest=0
status=0
start
for run in $(seq "$restarts"); do
  if (( run % 2 == 1 )); then
    # Half a second into the next minute, as the recurring jobs are triggered.
    sleep "$(awk -v now="$(date +%s.%N)" 'BEGIN { printf "%.3f", 60 - (now % 60) + 0.5 }')"
    when="as a minute's jobs were triggered"
  else
    sleep $((3 + RANDOM % 10))
    when="at a random moment"
  fi
  kill -9 "$server"
  wait "$server" 2>/dev/null || true
  start
  printf 'restart %2d, killed %s: serving after %s s\n' "$run" "$when" "$took"
  if [[ $took == never ]] || awk -v t="$took" 'BEGIN { exit !(t >= 10) }'; then status=1; fi
  if [[ $took != never ]] && awk -v t="$took" -v s="$slowest" 'BEGIN { exit !(t > s) }'; then slowest=$took; fi
done
echo "slowest restart: $slowest s of $restarts"
if grep -q "recurring job's lock is still held" "$work/server.log"; then
  echo "an instance found a recurring job's lock still held by the killed one, and served without waiting for it"
fi
exit $status
