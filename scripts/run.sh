#!/usr/bin/env bash
# Takes a fresh Debian/Ubuntu machine (with the .NET SDK) to the running app on http://127.0.0.1:5080, on a SQLite
# file in data/ in the clone. Extra arguments are passed to the app, so `scripts/run.sh seed-demo` runs a command
# instead of serving; a relative path given to a command is taken from the folder you run this from.
set -euo pipefail
caller=$PWD
cd "$(dirname "$0")/.."
repo=$PWD
scripts/install-prerequisites.sh
export Compliance__DataDirectory="${Compliance__DataDirectory:-$repo/data}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build src/Compliance.Web -c Release --nologo -v quiet -clp:ErrorsOnly
cd "$caller"
exec dotnet "$repo/src/Compliance.Web/bin/Release/net10.0/Compliance.Web.dll" "$@"
