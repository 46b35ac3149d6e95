#!/bin/sh
# bench/pr-size/run.sh: time `gate check --checkers pr-size` on a range of
# 10,000 files and 1,000,000 changed lines, against `git diff --shortstat`
# on the same range, the floor (git's own diff, no labels, no checks).
#
#   GATE_BIN=/path/to/gate bench/pr-size/run.sh [FILES [LINES_PER_FILE]]
#
# The repository is generated with git fast-import under bench/work/ (or
# $BENCH_WORK) and kept for the next run.  Each file of commit A has
# LINES_PER_FILE + 10 lines; commit B rewrites LINES_PER_FILE/2 of them, so
# the range has FILES * LINES_PER_FILE changed lines (half added, half
# deleted).  Uses hyperfine when installed (apt-get install hyperfine),
# else a loop of timed runs.  Prints both timings and their ratio.

set -eu

files=${1:-10000}
per_file=${2:-100}
half=$((per_file / 2))
here=$(cd "$(dirname "$0")" && pwd)
work=${BENCH_WORK:-$here/../work}/pr-size-$files-$per_file
gate_bin=${GATE_BIN:-$(command -v gate || true)}
runs=${RUNS:-5}

if [ -z "$gate_bin" ] || [ ! -x "$gate_bin" ]; then
	echo "set GATE_BIN to the gate binary" >&2
	exit 2
fi
gate_bin=$(cd "$(dirname "$gate_bin")" && pwd)/$(basename "$gate_bin")

# fast-import stream of two commits, A and B, on branches a and b.
generate() {
	LC_ALL=C awk -v files="$files" -v half="$half" '
	function commit(branch, changed,    n, i) {
		printf "commit refs/heads/%s\n", branch
		printf "committer Bench <bench@example.com> 1700000000 +0000\n"
		printf "data <<EOM\n%s\nEOM\n", branch
		if (branch == "b")
			printf "from refs/heads/a\n"
		for (n = 0; n < files; n++) {
			printf "M 100644 inline d%03d/f%05d.c\ndata <<EOD\n",
				n % 100, n
			for (i = 1; i <= half; i++)
				printf "%s line %d of file %d\n",
					changed ? "changed" : "original", i, n
			for (i = 1; i <= 10; i++)
				printf "context line %d of file %d\n", i, n
			printf "EOD\n"
		}
	}
	BEGIN { commit("a", 0); commit("b", 1) }'
}

if [ ! -d "$work/.git" ]; then
	rm -rf "$work"
	mkdir -p "$work"
	git -C "$work" init -q
	echo "generating $files files, $((files * per_file)) changed lines in $work" >&2
	generate | git -C "$work" fast-import --quiet
	git -C "$work" checkout -q b
fi
cd "$work"

echo "range a..b: $(git diff --shortstat a b)"
"$gate_bin" check --range a..b --checkers pr-size --format json \
	--output "$work/../pr-size-verdict.json" || true
grep -E '"(additions|deletions|changed_files|label)"' \
	"$work/../pr-size-verdict.json" | tr -d ' ' | tr '\n' ' '
echo

floor="git diff --shortstat a b"
gate_cmd="$gate_bin check --range a..b --checkers pr-size --format json --output /dev/null"

if command -v hyperfine >/dev/null 2>&1; then
	hyperfine --warmup 1 --runs "$runs" -i \
		--export-json "$work/../pr-size-hyperfine.json" \
		-n "git diff --shortstat" "$floor" -n "gate pr-size" "$gate_cmd"
	awk '/"command"/ { split($0, a, "\""); cmd = a[4] }
	     /"mean"/ { gsub(/[^0-9.e-]/, "", $2); mean[cmd] = $2 }
	     END { printf "ratio gate/git: %.2f\n",
		   mean["gate pr-size"] / mean["git diff --shortstat"] }' \
		"$work/../pr-size-hyperfine.json"
	exit 0
fi

# Without hyperfine: the best of $runs runs of each, in milliseconds.
best() {
	b=
	i=0
	while [ "$i" -lt "$runs" ]; do
		i=$((i + 1))
		t0=$(date +%s%N)
		sh -c "$1" >/dev/null 2>&1 || true
		t1=$(date +%s%N)
		t=$(((t1 - t0) / 1000000))
		if [ -z "$b" ] || [ "$t" -lt "$b" ]; then
			b=$t
		fi
	done
	echo "$b"
}
git_ms=$(best "$floor")
gate_ms=$(best "$gate_cmd")
echo "git diff --shortstat: best of $runs: ${git_ms} ms"
echo "gate pr-size:         best of $runs: ${gate_ms} ms"
awk -v a="$gate_ms" -v b="$git_ms" 'BEGIN {
	printf "ratio gate/git: %.2f\n", b ? a / b : 0 }'
