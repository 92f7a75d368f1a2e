#!/usr/bin/env python3
"""Time to first frame of the real binary: runs `quire DIR` in a
pseudo-terminal (100x30) and times, from just before exec, the first
bytes of a frame (the alternate screen switched on and something drawn)
and the first frame that shows MARKER (e.g. the title of the first
article), then sends SIGTERM. Prints one line per run and the median,
min and max.

    benches/first_frame.py QUIRE DIR MARKER [RUNS]
"""

import os
import pty
import select
import signal
import statistics
import struct
import sys
import tempfile
import time
import fcntl
import termios


def one_run(quire, folder, marker, config):
    env = dict(os.environ, QUIRE_CONFIG_DIR=config, TERM="xterm-256color")
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        os.execve(quire, [quire, folder], env)
    seen = b""
    first = shown = None
    deadline = start + 30
    while shown is None and time.perf_counter() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        now = time.perf_counter()
        seen += chunk
        after = seen.split(b"\x1b[?1049h", 1)
        if first is None and len(after) == 2 and len(after[1]) > 200:
            first = now - start
        if marker in seen:
            shown = now - start
    os.kill(pid, signal.SIGTERM)
    # Drain until the child exits so the pty does not block it.
    while True:
        try:
            ready, _, _ = select.select([fd], [], [], 0.1)
            if ready and not os.read(fd, 65536):
                break
        except OSError:
            break
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            break
    os.close(fd)
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
    return first, shown


def main():
    quire, folder, marker = sys.argv[1], sys.argv[2], sys.argv[3].encode()
    runs = int(sys.argv[4]) if len(sys.argv) > 4 else 11
    firsts, showns = [], []
    with tempfile.TemporaryDirectory() as config:
        for r in range(runs):
            first, shown = one_run(quire, folder, marker, config)
            ms = lambda t: "-" if t is None else f"{t * 1e3:.1f}"
            print(f"run {r}: first frame {ms(first)} ms, marker shown {ms(shown)} ms")
            if first is not None:
                firsts.append(first * 1e3)
            if shown is not None:
                showns.append(shown * 1e3)
    for name, v in (("first frame", firsts), ("marker shown", showns)):
        if v:
            print(
                f"{name}: median {statistics.median(v):.1f} ms, "
                f"min {min(v):.1f}, max {max(v):.1f} ({len(v)} runs)"
            )
    print("load average:", open("/proc/loadavg").read().strip())


if __name__ == "__main__":
    main()
