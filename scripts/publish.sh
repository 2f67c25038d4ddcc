#!/usr/bin/env bash
# Builds the app as it is run: Release, precompiled to this machine's processor (ReadyToRun), so that a freshly
# started app does not spend its first requests, or a command its first pack, compiling code. Into build/app, or the
# folder given. The first time takes a minute or two; after that, only what changed is built again.
#   scripts/publish.sh [FOLDER]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-$PWD/build/app}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet publish src/Compliance.Web -c Release --use-current-runtime --self-contained false -p:PublishReadyToRun=true \
  -o "$out" --nologo -v quiet -clp:ErrorsOnly
