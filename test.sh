#!/usr/bin/env bash
# Runs every test suite: unit + contract + packaged-module load (tests/Unit), the real agent CLIs (tests/Compat),
# and Pester (tests/Pester) where pwsh exists. Installs missing prerequisites first (.ci/prerequisites).
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
bash .ci/prerequisites || { echo "prerequisites failed"; exit 1; }
dotnet run --project tools/SameSession.Packager -c Release -- build || { echo "build failed"; exit 1; }
# The CLI tests run the packaged CLI (native where this machine can build it), the one users get.
export SAMESESSION_CLI="$PWD/out/cli/samesession"
echo "== CLI under test: $SAMESESSION_CLI ($(cat out/cli/build-kind.txt 2>/dev/null || echo unknown kind))"

log=$(mktemp)
status=0
for project in tests/Unit tests/Compat; do
  [ -d "$project" ] || continue
  echo "== dotnet test $project"
  dotnet test "$project" -c Release 2>&1 | tee -a "$log"
  [ "${PIPESTATUS[0]}" = 0 ] || status=1
done

if command -v pwsh >/dev/null 2>&1; then
  echo "== Pester tests/Pester"
  pwsh -NoProfile -Command "Import-Module Pester -MinimumVersion 5.0 -ErrorAction Stop; Invoke-Pester -Path ./tests/Pester -CI" || status=1
else
  echo "== Pester: skipped (pwsh not found on this machine)"
fi

passed=0; failed=0
while read -r f p; do failed=$((failed + f)); passed=$((passed + p)); done < <(
  grep -oE 'Failed: +[0-9]+, Passed: +[0-9]+' "$log" | sed -E 's/Failed: +([0-9]+), Passed: +([0-9]+)/\1 \2/')
rm -f "$log"
[ "$passed" -gt 0 ] || status=1
echo "total: $passed passed, $failed failed"
exit $status
