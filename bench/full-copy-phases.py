#!/usr/bin/env python3
"""Where a full copy's time goes: splits one dm4j copy into phases taken from the dm-worker's log and shows, per
phase, its seconds and the CPU seconds of the worker JVM, the upstream and the downstream server, and how many of the
machine's cores were busy (everything running on it, the bench's own polling included); "other" is what the machine
spent beyond the worker, the two servers and dm-master (dmctl's JVM, the kernel writing the files back, the bench).

  full-copy-phases.py WORKER_LOG CPU_SAMPLES START_EPOCH END_EPOCH

CPU_SAMPLES: lines "epoch worker up down master busy total", cumulative clock ticks (the processes' user + system
time from /proc/<pid>/stat, the machine's busy and total time from /proc/stat), written by
run-full-copy-process-bench.sh at each line the worker logs and after each second without one; values at a phase
boundary are interpolated between the two samples around it. START/END: the bench's own start-task and finished times.
"""
import bisect
import datetime
import os
import re
import sys

# (phase that ends at this line, pattern); the first match of a pattern after the previous boundary's line counts
BOUNDARIES = [
    ("start-task to subtask created (dmctl JVM, master, precheck)", r"subtask \S+ on source \S+ created"),
    ("snapshot opened", r"dump snapshot on "),
    ("load ready (downstream pool, checkpoints, CREATE TABLEs)", r"loading the data files of task|loading \d+ data files"),
    ("dump written (load running beside it)", r"dumped \d+ tables"),
    ("rest of the load and its index builds", r"the sync unit starts at|unit Load finished"),
    ("to the finished line", r"subtask \S+ on source \S+ finished"),
]
HZ = os.sysconf("SC_CLK_TCK")
STAMP = re.compile(r"^\[(\d{4}/\d{2}/\d{2} \d{2}:\d{2}:\d{2}\.\d{3}) Z\]")


def log_times(path):
    """(phase name, epoch) of each boundary found, in order; a boundary whose line is missing is left out (a copy
    with load-during-dump off has no "loading the data files" line before its dump ends)."""
    lines = []
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = STAMP.match(line)
            if m:
                lines.append((m.group(1), line))
    found = []
    start = 0
    for name, pattern in BOUNDARIES:
        for i in range(start, len(lines)):
            if re.search(pattern, lines[i][1]):
                t = datetime.datetime.strptime(lines[i][0], "%Y/%m/%d %H:%M:%S.%f")
                found.append((name, t.replace(tzinfo=datetime.timezone.utc).timestamp()))
                start = i + 1
                break
    return found


def main():
    log, samples_path, start, end = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
    samples = []
    with open(samples_path) as f:
        for line in f:
            parts = line.split()
            if len(parts) == 7:
                samples.append([float(p) for p in parts])
    if len(samples) < 2:
        print("  (too few CPU samples for a phase profile)")
        return
    stamps = [s[0] for s in samples]

    def at(t):
        i = bisect.bisect_left(stamps, t)
        if i <= 0:
            return samples[0]
        if i >= len(samples):
            return samples[-1]
        a, b = samples[i - 1], samples[i]
        w = (t - a[0]) / (b[0] - a[0]) if b[0] > a[0] else 0.0
        return [x + (y - x) * w for x, y in zip(a, b)]

    found = log_times(log)
    bounds = [start] + [min(max(t, start), end) for _, t in found]
    names = [name for name, _ in found]
    if bounds[-1] < end:
        bounds.append(end)
        names.append("to the bench seeing the finished line")
    print("  %-58s %6s %6s %7s %6s %6s %6s %6s %6s" % ("phase (dm4j, from the worker's log)", "from s", "secs", "worker",
                                                     "up", "down", "master", "other", "cores"))
    for name, a, b in zip(names, bounds, bounds[1:]):
        sa, sb = at(a), at(b)
        used = [(sb[k] - sa[k]) / HZ for k in (1, 2, 3, 4)]
        busy = sb[5] - sa[5]
        total = sb[6] - sa[6]
        cores = os.cpu_count() * busy / total if total > 0 else 0.0
        other = cores * (b - a) - sum(used)
        print("  %-58s %6.2f %6.2f %7.2f %6.2f %6.2f %6.2f %6.2f %6.2f" % (name, a - start, b - a, *used, other, cores))


if __name__ == "__main__":
    main()
