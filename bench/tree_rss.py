#!/usr/bin/env python3
"""tree_rss.py [PID] (else read from stdin): until PID exits, samples every 20 ms the summed RSS of PID's descendants (not PID
itself: bench/import.sh passes /usr/bin/time's pid) and prints the peak in KB. /usr/bin/time reports the
largest single process, which for `java -jar headroom.jar <command>` is the command's own JVM, not it
plus the JVM that started it (app/CommandJvm): this counts both."""
import os
import sys
import time


def children(pid):
    out = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                out += [int(c) for c in f.read().split()]
    except OSError:
        pass
    return out


def rss_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


root = int(sys.argv[1]) if len(sys.argv) > 1 else int(sys.stdin.readline())
peak = 0
while os.path.exists(f"/proc/{root}"):
    pids, todo = [], children(root)
    while todo:
        p = todo.pop()
        pids.append(p)
        todo += children(p)
    peak = max(peak, sum(rss_kb(p) for p in pids))
    time.sleep(0.02)
print(peak)
