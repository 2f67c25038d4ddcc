#!/usr/bin/env bash
# Takes a fresh Debian/Ubuntu machine to the running app on http://127.0.0.1:5080.
# Extra arguments are passed to the app, so `scripts/run.sh seed-demo` runs a command instead of serving.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-prerequisites.sh
export Compliance__DataDirectory="${Compliance__DataDirectory:-$PWD/data}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
exec dotnet run --project src/Compliance.Web -c Release -- "$@"
