#!/usr/bin/env bash
# The measurements behind "Big files" in docs/PERFORMANCE.md: writes a
# 100 MB file that is one line and a 1 GB plain-text file, then times the
# real binary on them:
#   - `quire list FILE`: load time and peak memory (/usr/bin/time);
#   - in tmux: time from start until the article is listed with its first
#     screen of text in the preview, and until its reading time is shown
#     (measured after it is on screen); then in the reading view, G to the last screen, and each keystroke of
#     a `/` search inside the article; the process's peak memory (VmHWM)
#     after the search index is built.
# Usage: benches/big_files.sh [DIR] (default /tmp/quire-big). Needs tmux,
# python3, GNU time; builds target/release/quire first.
set -euo pipefail
dir=${1:-/tmp/quire-big}
root=$(cd "$(dirname "$0")/.." && pwd)
quire=$root/target/release/quire
mkdir -p "$dir"
(cd "$root" && cargo build --release --quiet)

python3 - "$dir" <<'PY'
import os, random, sys
out = sys.argv[1]
random.seed(7)
words = ("the of and to in is that for it as was with be by on not he this are or his "
         "from at which but have an they you were her she there been one all we their has "
         "would when if so no out up into do time only more what about new wechat "
         "ecommerce social payment platform network").split()
def para():
    sentences = []
    for _ in range(random.randint(1, 8)):
        w = [random.choice(words) for _ in range(random.randint(6, 25))]
        w[0] = w[0].capitalize()
        sentences.append(" ".join(w) + ".")
    return " ".join(sentences)
one = os.path.join(out, "oneline.txt")
if not os.path.exists(one):
    with open(one, "w") as f:
        f.write("A single enormous line\n\n")
        chunk, total = [], 0
        while total < 100_000_000:
            p = para() + " "
            chunk.append(p); total += len(p)
        f.write("".join(chunk))
huge = os.path.join(out, "huge.txt")
if not os.path.exists(huge):
    block = "\n\n".join(para() for _ in range(20000)) + "\n\n"
    with open(huge, "w") as f:
        f.write("A one gigabyte article\n\n")
        total = 0
        while total < 1_000_000_000:
            f.write(block); total += len(block)
PY

export QUIRE_CONFIG_DIR=$(mktemp -d)
now() { date +%s.%N; }
since() { echo "$(now) - $1" | bc; }

# Types WORD into a `/` search a letter at a time in tmux server $1, timing
# each keystroke until the prompt shows it.
search_keystrokes() {
  local s=$1 word=$2 note=$3 typed="" t0
  tmux -L $s send-keys /
  sleep 0.3
  for ((i = 0; i < ${#word}; i++)); do
    typed=$typed${word:i:1}
    t0=$(now)
    tmux -L $s send-keys -l "${word:i:1}"
    until tmux -L $s capture-pane -p | grep -q "Search this document: $typed "; do sleep 0.005; done
    echo "/ keystroke '$typed'$note: $(since "$t0") s"
  done
}

measure() {
  local file=$1 title=$2 first=$3
  local size
  size=$(stat -c %s "$file")
  echo "== $file ($size bytes)"
  for run in 1 2 3; do
    /usr/bin/time -f "quire list: %e s wall, %U s user, %S s sys, peak %M KB" \
      "$quire" list "$file" > /dev/null
  done
  local s=quire-big-$$
  tmux -L $s kill-server 2>/dev/null || true
  local t0
  # The first screen varies with how fast the machine hands out memory:
  # five starts, then one more that goes on.
  for run in 1 2 3 4 5; do
    t0=$(now)
    tmux -L $s new-session -d -x 120 -y 40 "$quire $file"
    until tmux -L $s capture-pane -p | grep -q "$first"; do sleep 0.01; done
    echo "start $run: listed and previewed after $(since "$t0") s"
    tmux -L $s kill-server
  done
  t0=$(now)
  tmux -L $s new-session -d -x 120 -y 40 "$quire $file"
  until tmux -L $s capture-pane -p | grep -q "$first"; do sleep 0.01; done
  echo "listed and previewed after $(since "$t0") s"
  # A big file is listed before its words are counted ("… min").
  until tmux -L $s capture-pane -p | grep "│ $title" | grep -q "[0-9] min"; do sleep 0.01; done
  echo "reading time shown after $(since "$t0") s"
  # Into the reading view (the preview already shows its first screen).
  tmux -L $s send-keys Enter
  sleep 0.3
  t0=$(now)
  tmux -L $s send-keys G
  until tmux -L $s capture-pane -p | grep -q " 100% "; do sleep 0.01; done
  echo "G to the last screen: $(since "$t0") s"
  t0=$(now)
  for _ in $(seq 100); do tmux -L $s send-keys -t 0 k; done
  tmux -L $s send-keys -t 0 g g
  until tmux -L $s capture-pane -p | grep -q "$first"; do sleep 0.01; done
  echo "100 lines up and gg back to the top: $(since "$t0") s"
  search_keystrokes $s xylophone " (no match)"
  tmux -L $s send-keys Escape
  sleep 0.3
  search_keystrokes $s wechat ""
  local pid
  pid=$(pgrep -f "^$quire $file" | head -1)
  # Let the background index finish (under 0.1 s of CPU in 3 s) before
  # reading the peak.
  local cpu=0 last=-100
  while [ $((cpu - last)) -ge 10 ]; do
    last=$cpu; sleep 3
    cpu=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  done
  echo "peak memory with the index built: $(grep VmHWM "/proc/$pid/status" | awk '{print $2}') KB"
  tmux -L $s kill-server
}

measure "$dir/oneline.txt" "A single enormous line" "Have if to in about"
measure "$dir/huge.txt" "A one gigabyte article" "All not is so been"
