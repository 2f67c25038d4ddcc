#!/usr/bin/env bash
# Adds an EF Core migration to both migration sets, SQLite and PostgreSQL, from the one model:
#   scripts/add-migration.sh NameOfChange
# A test (Data/MigrationSetsTests) fails when either set is behind the model.
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/add-migration.sh NameOfChange}
export EfDesign=true
dotnet tool restore >/dev/null
for provider in Sqlite PostgreSQL; do
  project=src/Compliance.Data.$provider
  dotnet restore "$project" -v quiet
  dotnet build "$project" --no-restore -v quiet --nologo
  dotnet ef migrations add "$name" --no-build --project "$project" --startup-project "$project" --output-dir Migrations
done
# Leave the normal restore as it was.
unset EfDesign
dotnet restore Compliance.sln -v quiet
echo "Added $name to both migration sets. Raw SQL (triggers, functions) is written by hand in each: see docs/decisions/0012-sqlite-default-postgresql-for-several-instances.md."
