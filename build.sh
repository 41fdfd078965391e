#!/usr/bin/env bash
# Builds out/SameSession (the PowerShell module) and out/cli/samesession, then prints the doctor report.
set -euo pipefail
cd "$(dirname "$0")"
dotnet run --project tools/SameSession.Packager -c Release -- build
out/cli/samesession doctor
