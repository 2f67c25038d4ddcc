#!/usr/bin/env bash
# Takes a fresh Debian/Ubuntu machine to a passing run of every test: unit, web and browser (Chromium). Every web
# and command test (the ones that work the database) runs twice, on SQLite and on PostgreSQL
# (COMPLIANCE_TEST_DATABASE chooses); the browser journeys run once, on SQLite, the database of a fresh install.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-prerequisites.sh --tests
# An independent OpenAPI validator for the API document's test (Redocly's CLI, pinned, from the npm registry).
if [[ ! -x build/tools/node_modules/.bin/redocly ]]; then
  npm install --silent --no-audit --no-fund --prefix build/tools @redocly/cli@2.77.0 >/dev/null
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build Compliance.sln -c Release --nologo -v quiet
status=0
# The unit tests touch no database: once.
dotnet test tests/Compliance.Core.Tests -c Release --no-build || status=1
# The three suites that start the app run side by side, each with its own databases, data folders and ports: much of
# their time is spent waiting (for the app to start, a job to run, a page to render), which the others fill. Each
# writes to its own log, printed whole when all have finished, so their lines are not mixed.
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
suite() {
  local name=$1 database=$2 project=$3
  ( set +e
    COMPLIANCE_TEST_DATABASE=$database dotnet test "tests/$project" -c Release --no-build >"$logs/$name.log" 2>&1
    echo $? >"$logs/$name.status" ) &
}
suite "Web and command tests on SQLite" Sqlite Compliance.Web.Tests
suite "Browser journeys on SQLite" Sqlite Compliance.BrowserTests
suite "Web and command tests on PostgreSQL" PostgreSQL Compliance.Web.Tests
wait
for name in "Web and command tests on SQLite" "Browser journeys on SQLite" "Web and command tests on PostgreSQL"; do
  echo "== $name =="
  cat "$logs/$name.log"
  [[ -f "$logs/$name.status" && "$(<"$logs/$name.status")" == 0 ]] || status=1
done
exit $status
