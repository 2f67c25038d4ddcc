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
scripts/publish.sh "$repo/build/app"
cd "$caller"
exec dotnet "$repo/build/app/Compliance.Web.dll" "$@"
