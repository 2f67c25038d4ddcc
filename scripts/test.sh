#!/usr/bin/env bash
# Takes a fresh Debian/Ubuntu machine to a passing run of every test: unit, web (real PostgreSQL) and browser (Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-prerequisites.sh --tests
# An independent OpenAPI validator for the API document's test (Redocly's CLI, pinned, from the npm registry).
if [[ ! -x build/tools/node_modules/.bin/redocly ]]; then
  npm install --silent --no-audit --no-fund --prefix build/tools @redocly/cli@2.77.0 >/dev/null
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet test Compliance.sln -c Release
