#!/usr/bin/env bash
# Discovery benchmark. One command:   bash bench/discovery/run.sh [SESSIONS] [TOTAL_MB]
# (defaults 10000 sessions, 2048 MB; a quick run: bash bench/discovery/run.sh --quick  = 500 sessions, 100 MB)
# Generates a synthetic home (bench/discovery/generate.py) in a temp dir (or reuses BENCH_HOME=dir, kept afterwards),
# warms the page cache, then times side by side, in $ROUNDS interleaved rounds (bench/discovery/measure.py: best and
# median wall, CPU, peak RSS): the shell baseline (first line of every .json/.jsonl), the packaged CLI
# (`samesession list`, table and --json) WARM (description cache populated: only changed files are read), COLD
# (--no-cache: every transcript scanned; page cache warm) and FIRST (cache emptied before the run: scan + write the
# cache), and the catalog in-process (a small exe around SessionCatalog.Find).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ "${1:-}" = "--quick" ]; then set -- 500 100; fi
SESSIONS=${1:-10000}
TOTAL_MB=${2:-2048}
ROUNDS=${ROUNDS:-${RUNS:-9}}

echo "== building (Release): the packaged CLI as the README's build makes it (native where it can), and the in-process tool"
dotnet run --project tools/SameSession.Packager -c Release -- build >/dev/null
dotnet build bench/discovery/InProcess -c Release -nologo -v q >/dev/null
CLI=out/cli/samesession
INPROC=bench/discovery/InProcess/bin/Release/net10.0/discovery-inproc.dll

if [ -n "${BENCH_HOME:-}" ] && [ -d "$BENCH_HOME" ]; then
  echo "== reusing the home $BENCH_HOME"
else
  BENCH_HOME=$(mktemp -d "${TMPDIR:-/tmp}/ss-bench-XXXXXX")
  trap 'rm -rf "$BENCH_HOME"' EXIT
  echo "== generating $SESSIONS sessions, ~$TOTAL_MB MB into $BENCH_HOME"
  python3 bench/discovery/generate.py "$BENCH_HOME" --sessions "$SESSIONS" --total-mb "$TOTAL_MB"
fi
echo "   $(du -sh "$BENCH_HOME" | cut -f1) on disk, $(find "$BENCH_HOME" -type f | wc -l) files"
find "$BENCH_HOME" -type f -exec cat {} + >/dev/null   # warm the page cache: every contender reads from memory

# Every contender sees only the synthetic home: no agent override variables from this machine.
ENVCLEAN=(env -u CLAUDE_CONFIG_DIR -u CODEX_HOME -u CODEX_SQLITE_HOME -u XDG_DATA_HOME -u XDG_CONFIG_HOME -u GEMINI_CLI_HOME -u XDG_CACHE_HOME -u SAMESESSION_NO_CACHE HOME="$BENCH_HOME")
CACHE="$BENCH_HOME/.cache/samesession"
echo "== measuring: $ROUNDS interleaved rounds; CLI kind: $(cat out/cli/build-kind.txt 2>/dev/null || echo unknown); load average now: $(cut -d" " -f1-3 /proc/loadavg) on $(nproc) cores"
E="${ENVCLEAN[*]}"
tab=$'\t'
python3 bench/discovery/measure.py "$ROUNDS" <<CONTENDERS
baseline: find | xargs head -qn1${tab}find '$BENCH_HOME' -type f \\( -name '*.jsonl' -o -name '*.json' \\) -not -path '$CACHE/*' -print0 | xargs -0 head -qn1
list (table), warm (cache populated)${tab}$E '$CLI' list
list --json, warm (cache populated)${tab}$E '$CLI' list --json
list --json, cold (--no-cache)${tab}$E '$CLI' list --json --no-cache
list --json, first (empty cache, writes it)${tab}rm -rf '$CACHE'; $E '$CLI' list --json
in-process Find, warm (incl. start)${tab}$E dotnet '$INPROC' '$BENCH_HOME'
in-process Find, cold (incl. start)${tab}$E dotnet '$INPROC' '$BENCH_HOME' --no-cache
CONTENDERS
"${ENVCLEAN[@]}" dotnet "$INPROC" "$BENCH_HOME" >/dev/null   # leave the cache populated
echo "in-process Find, warm, already compiled (a long-lived pwsh): $("${ENVCLEAN[@]}" dotnet "$INPROC" "$BENCH_HOME" --jitted)"
echo "   cache: $(du -sh "$CACHE" | cut -f1) in $CACHE"
if [ "${BREAKDOWN:-0}" = 1 ]; then "${ENVCLEAN[@]}" dotnet "$INPROC" "$BENCH_HOME" --breakdown; fi   # single-threaded cost of each scanning layer
echo "load average during the run: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo "(ratio < 1 beats the baseline; target: peak RSS < 300 MB)"
