#!/usr/bin/env bash
# Takes a fresh Debian/Ubuntu machine to a passing run of every test: unit, web (real PostgreSQL) and browser (Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-prerequisites.sh --tests
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet test Compliance.sln -c Release
