#!/usr/bin/env bash
# Mutation test of the rules that decide the evidence (Stryker.NET, pinned in dotnet-tools.json): Scoring/, Auditing/,
# the training rules and the case state guards, against the unit tests; docs/testing.md says what the scores mean.
# Run by hand or nightly, never from .ci/run or scripts/test.sh:
#   scripts/mutation.sh             the unit tests, with those of Scoring/ that run on a real SQLite file (minutes)
#   scripts/mutation.sh --database  then again over Auditing/ with the web tests of Auditing/ on SQLite as well
# Each run uses one core (--concurrency 1) and writes its reports under tests/mutation/StrykerOutput/ (not committed).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet tool restore >/dev/null
cd tests/mutation
run() {
  local name=$1 config=$2
  echo "== Mutation run: $name =="
  dotnet dotnet-stryker --config-file "$config" --concurrency 1 --output "StrykerOutput/$name" --skip-version-check
  reports+=("StrykerOutput/$name/reports/mutation-report.json")
}
reports=()
rm -rf StrykerOutput/unit StrykerOutput/auditing-database
run unit stryker-config.json
if [[ "${1:-}" == "--database" ]]; then
  export COMPLIANCE_TEST_DATABASE=Sqlite
  run auditing-database stryker-auditing-database.json
fi
python3 ../../scripts/mutation_summary.py "${reports[@]}"
