#!/usr/bin/env bash
# Builds the app as it is run: Release, precompiled to this machine's processor (ReadyToRun), so that a freshly
# started app does not spend its first requests, or a command its first pack, compiling code. Into build/app, or the
# folder given. The first time takes a few minutes (it also downloads the packages); after that, only what
# changed is built again.
#   scripts/publish.sh [FOLDER]
set -euo pipefail
out=$(realpath -m "${1:-$(dirname "$0")/../build/app}")
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet publish src/Compliance.Web -c Release --use-current-runtime --self-contained false -p:PublishReadyToRun=true \
  -o "$out" --nologo -v quiet -clp:ErrorsOnly
