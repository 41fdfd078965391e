#!/usr/bin/env bash
# Installs the pinned agent CLIs the compat tests drive into <repo>/.cache/agent-clis (or $SAMESESSION_AGENT_CLIS).
# Idempotent: does nothing when every pinned version (and each native optional package) is already present.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
dest="${SAMESESSION_AGENT_CLIS:-$repo/.cache/agent-clis}"
pins=(
  "@anthropic-ai/claude-code@2.1.328"
  "@openai/codex@0.169.0"
  "opencode-ai@1.18.33"
  "acpx@0.19.1"
  "@google/gemini-cli@0.61.0"
)
# opencode 1.18 bundles @ai-sdk/openai-compatible, so its provider needs no npm install at run time; the harness
# sets OPENCODE_DISABLE_DEFAULT_PLUGINS/MODELS_FETCH so opencode does not reach npm or models.dev either.

installed_version() { # $1 = package name; prints the installed version or nothing
  local pj="$dest/node_modules/$1/package.json"
  [ -f "$pj" ] && node -e 'process.stdout.write(require(process.argv[1]).version)' "$pj" 2>/dev/null || true
}

up_to_date() {
  for pin in "${pins[@]}"; do
    local name="${pin%@*}" version="${pin##*@}"
    [ "$(installed_version "$name")" = "$version" ] || return 1
  done
  for bin in claude codex opencode acpx gemini; do [ -x "$dest/node_modules/.bin/$bin" ] || return 1; done
  # The native binaries come from optional platform packages; npm silently skips them on failure.
  "$dest/node_modules/.bin/codex" --version >/dev/null 2>&1 || return 1
  "$dest/node_modules/.bin/opencode" --version >/dev/null 2>&1 || return 1
}

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi

if up_to_date; then echo "agent CLIs up to date in $dest"; exit 0; fi

mkdir -p "$dest"
[ -f "$dest/package.json" ] || echo '{"name":"samesession-agent-clis","private":true}' > "$dest/package.json"
npm install --prefix "$dest" --no-audit --no-fund --loglevel=error --include=optional \
  --save-exact "${pins[@]}"
up_to_date || { echo "agent CLI install in $dest is incomplete (a native optional package is missing?)" >&2; exit 1; }
echo "agent CLIs installed in $dest"
