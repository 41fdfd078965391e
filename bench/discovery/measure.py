#!/usr/bin/env python3
"""Times shell commands side by side: round after round, every contender once per round (interleaved, so a burst of
load hits all of them alike). Reads "name<TAB>command" lines on stdin; the first line is the baseline. Prints, per
contender, the best and the median wall time in milliseconds, the CPU time (user+sys) of the best run, the peak RSS
over all runs (wait4 reports the child with its waited-for descendants, like /usr/bin/time), and both ratios to the
baseline. Usage: measure.py ROUNDS < contenders.tsv"""
import os
import statistics
import subprocess
import sys
import time


def run_once(command):
    start = time.perf_counter()
    child = subprocess.Popen(["bash", "-c", command], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        sys.exit(f"command failed with exit {child.returncode}: {command}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    contenders = [line.rstrip("\n").split("\t", 1) for line in sys.stdin if line.strip()]
    runs = {name: [] for name, _ in contenders}
    for name, command in contenders:  # one untimed run each: page cache and description cache in their steady state
        run_once(command)
    for _ in range(rounds):
        for name, command in contenders:
            runs[name].append(run_once(command))
    base_best = min(w for w, _, _ in runs[contenders[0][0]])
    base_median = statistics.median(w for w, _, _ in runs[contenders[0][0]])
    print(f"{'contender':<46} {'best ms':>8} {'median ms':>10} {'cpu ms':>7} {'peak MB':>8} {'best/base':>10} {'median/base':>12}")
    for name, _ in contenders:
        wall, cpu, _ = min(runs[name])
        median = statistics.median(w for w, _, _ in runs[name])
        peak = max(kb for _, _, kb in runs[name]) / 1024
        print(f"{name:<46} {wall * 1000:8.1f} {median * 1000:10.1f} {cpu * 1000:7.0f} {peak:8.0f} {wall / base_best:9.2f}x {median / base_median:11.2f}x")


if __name__ == "__main__":
    main()
