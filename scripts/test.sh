#!/usr/bin/env bash
# Takes a fresh Debian/Ubuntu machine to a passing run of every test: unit, web and browser (Chromium). Every test
# that touches the database runs twice, on SQLite and then on PostgreSQL (COMPLIANCE_TEST_DATABASE chooses).
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
# The unit tests touch no database: once. The web and browser tests: on each database.
dotnet test tests/Compliance.Core.Tests -c Release --no-build || status=1
for database in Sqlite PostgreSQL; do
  echo "== Web and browser tests on $database =="
  COMPLIANCE_TEST_DATABASE=$database dotnet test tests/database-tests.slnf -c Release --no-build || status=1
done
exit $status
