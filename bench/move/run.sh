#!/usr/bin/env bash
# Rebind 1,000 synthetic Claude Code sessions (>= 1 GB) with SameSession, side by side with `sed -i 's|old|new|g'` over
# copies of the same files. Prints the wall and CPU times and ratios of: sed; SameSession's rewrite engine alone, in
# place like sed -i (no journal, no fsync); and the real crash-safe move (journal, fsync, files moved to the new project
# folder, history.jsonl and ~/.claude.json updated).
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

# Each run prints "<wall seconds> <cpu seconds>".
run_sed() {
  rm -rf "$WORK/sed" && cp -r "$WORK/gen" "$WORK/sed" && sync
  /usr/bin/time -f '%e %U %S' -o "$WORK/sed.time" bash -c '
    { find "$1/.claude/projects" -name "*.jsonl" -print0; printf "%s\0" "$1/.claude/history.jsonl" "$1/.claude.json"; } |
      xargs -0 sed -i "s|$2|$3|g"' _ "$WORK/sed" "$OLD" "$NEW"
  awk '{ printf "%s %.3f\n", $1, $2 + $3 }' "$WORK/sed.time"
}

run_ss() {
  rm -rf "$WORK/ss" && cp -r "$WORK/gen" "$WORK/ss" && sync
  $BENCH "$1" "$WORK/ss" "$OLD" "$NEW" "${@:2}" | cut -d' ' -f2,3
}

report() { # label, "wall cpu" of this run, "wall cpu" of sed
  read -r w c <<<"$2"
  read -r sw sc <<<"$3"
  printf '%-42s %7.2f s  %6.2fx sed   cpu %6.2f s  %6.2fx sed\n' "$1" "$w" "$(echo "$w / $sw" | bc -l)" "$c" "$(echo "$c / $sc" | bc -l)"
}

SED=$(run_sed)
ENGINE=$(run_ss rewrite)
MOVE=$(run_ss move)
report 'sed -i s|old|new|g' "$SED" "$SED"
report 'samesession rewrite engine (like sed -i)' "$ENGINE" "$SED"
report 'samesession move (journal + fsync)' "$MOVE" "$SED"
if [ "${CONTENT:-0}" = 1 ]; then
  report 'samesession move --rewrite-content' "$(run_ss move --rewrite-content)" "$SED"
fi
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
