#!/usr/bin/env bash
# Runs every test suite. Installs missing test prerequisites (apt: age git sqlite3; npm: the pinned agent CLIs).
set -euo pipefail
cd "$(dirname "$0")"
bash .ci/prerequisites
dotnet run --project tools/SameSession.Packager -c Release -- build
dotnet test tests/Unit -c Release
dotnet test tests/Compat -c Release
