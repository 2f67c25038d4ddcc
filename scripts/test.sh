#!/usr/bin/env bash
# Takes a fresh Debian/Ubuntu machine to a passing run of every test: unit, web and browser (Chromium). Every web
# and command test (the ones that work the database) runs twice, on SQLite and then on PostgreSQL
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
# One suite at a time. Side by side, the three took 10.5 minutes each instead of 3.5 to 4.5 one after another (they
# are bound by the two cores), saved about a minute in all, and ran out of the user's 128 inotify instances.
echo "== Web and command tests on SQLite =="
COMPLIANCE_TEST_DATABASE=Sqlite dotnet test tests/Compliance.Web.Tests -c Release --no-build || status=1
echo "== Browser journeys on SQLite =="
COMPLIANCE_TEST_DATABASE=Sqlite dotnet test tests/Compliance.BrowserTests -c Release --no-build || status=1
echo "== Web and command tests on PostgreSQL =="
COMPLIANCE_TEST_DATABASE=PostgreSQL dotnet test tests/Compliance.Web.Tests -c Release --no-build || status=1
exit $status
