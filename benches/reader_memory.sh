#!/usr/bin/env bash
# The reader's peak memory after loading a generated folder of articles:
# writes the search benchmark's corpus as files (QUIRE_BENCH_MODE=write),
# opens it with the real binary in tmux, waits for loading and indexing,
# and prints the process's VmHWM beside the bytes of text it holds.
# Usage: benches/reader_memory.sh [ARTICLES] [QUIRE] (default 10000 and
# target/release/quire, built first). Needs tmux.
set -euo pipefail
articles=${1:-10000}
root=$(cd "$(dirname "$0")/.." && pwd)
quire=${2:-$root/target/release/quire}
dir=/tmp/quire-bench-$articles
if [ "$#" -lt 2 ]; then
    (cd "$root" && cargo build --release --quiet)
fi
if [ ! -d "$dir/articles" ]; then
    (cd "$root" && QUIRE_BENCH_MODE=write QUIRE_BENCH_ARTICLES=$articles \
        QUIRE_BENCH_DIR=$dir cargo bench --quiet --bench search >/dev/null)
fi
config=$(mktemp -d)
session=quire-memory-$$
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$config"' EXIT
tmux new-session -d -s "$session" -x 120 -y 40 \
    "QUIRE_CONFIG_DIR=$config exec $quire $dir/articles"
sleep 1
pid=$(tmux list-panes -t "$session" -F '#{pane_pid}')
# Loading and indexing 10,000 articles takes a few seconds.
sleep "${QUIRE_MEMORY_WAIT:-8}"
text=$(du -cb "$dir"/articles/* | tail -1 | cut -f1)
hwm=$(awk '/VmHWM/ {print $2 * 1024}' "/proc/$pid/status")
awk -v h="$hwm" -v t="$text" 'BEGIN {
    printf "text %.1f MB, peak memory (VmHWM) %.1f MB, %.2fx the text\n", t / 1e6, h / 1e6, h / t }'
tmux send-keys -t "$session" q
