#!/usr/bin/env bash
# Rebind 1,000 synthetic Claude Code sessions (>= 1 GB) with SameSession, side by side with `sed -i 's|old|new|g'` over
# copies of the same files. Prints the times and ratios of: sed; SameSession's rewrite engine alone, in place like
# sed -i (no journal, no fsync); and the real crash-safe move (journal, fsync, files moved to the new project folder).
# Usage: bash bench/move/run.sh [sessions] [bytes-per-session]     (CONTENT=1 also times --rewrite-content)
set -euo pipefail
cd "$(dirname "$0")/../.."
SESSIONS=${1:-1000}
BYTES=${2:-1100000}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/ss-bench-move.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
OLD=/bench/src/old
NEW=/bench/src/new

dotnet build bench/move -c Release -v q -nologo >/dev/null
BENCH="dotnet bench/move/bin/Release/net10.0/SameSession.Bench.Move.dll"

$BENCH generate "$WORK/gen" "$SESSIONS" "$BYTES" "$OLD"
SIZE=$(du -sb "$WORK/gen/.claude/projects" | cut -f1)
echo "sessions: $SESSIONS, transcript bytes: $SIZE"

run_sed() {
  rm -rf "$WORK/sed" && cp -r "$WORK/gen" "$WORK/sed" && sync
  local t0 t1
  t0=$(date +%s.%N)
  { find "$WORK/sed/.claude/projects" -name '*.jsonl' -print0; printf '%s\0' "$WORK/sed/.claude/history.jsonl" "$WORK/sed/.claude.json"; } |
    xargs -0 sed -i "s|$OLD|$NEW|g"
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc
}

run_ss() {
  rm -rf "$WORK/ss" && cp -r "$WORK/gen" "$WORK/ss" && sync
  $BENCH "$1" "$WORK/ss" "$OLD" "$NEW" "${@:2}" | cut -d' ' -f2
}

SED=$(run_sed)
ENGINE=$(run_ss rewrite)
MOVE=$(run_ss move)
printf 'sed -i s|old|new|g                         %8.2f s\n' "$SED"
printf 'samesession rewrite engine (like sed -i)   %8.2f s   ratio %.2fx sed\n' "$ENGINE" "$(echo "$ENGINE / $SED" | bc -l)"
printf 'samesession move (journal + fsync)         %8.2f s   ratio %.2fx sed\n' "$MOVE" "$(echo "$MOVE / $SED" | bc -l)"
if [ "${CONTENT:-0}" = 1 ]; then
  MOVEC=$(run_ss move --rewrite-content)
  printf 'samesession move --rewrite-content         %8.2f s   ratio %.2fx sed\n' "$MOVEC" "$(echo "$MOVEC / $SED" | bc -l)"
fi
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
