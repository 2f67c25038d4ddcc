#!/usr/bin/env bash
# Adds an EF Core migration: scripts/add-migration.sh NameOfChange
# The design-time package needs two packages the package source lacks; empty local stand-ins are built first.
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/add-migration.sh NameOfChange}
stubs=build/ef-stubs
mkdir -p "$stubs"
for project in build/ef-stubs-src/*/; do
  dotnet pack "$project" -c Release -o "$stubs" --nologo -v quiet >/dev/null
done
export EfDesign=true
dotnet restore src/Compliance.Core --source https://api.nuget.org/v3/index.json --source "$PWD/$stubs" -v quiet
dotnet build src/Compliance.Core --no-restore -v quiet --nologo
dotnet tool restore >/dev/null
dotnet ef migrations add "$name" --no-build --project src/Compliance.Core --startup-project src/Compliance.Core --output-dir Data/Migrations
# Leave the normal restore as it was.
unset EfDesign
dotnet restore src/Compliance.Core -v quiet
