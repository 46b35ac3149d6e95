#!/bin/sh
# bench/coverage/run.sh: time `gate check --checkers coverage` against
# diff-cover (Debian package diff-cover) on the same repository, range and
# reports: a ~100 MB LCOV tracefile and a ~100 MB Cobertura XML report.
# Prints wall time and peak memory (/usr/bin/time -v) of each and the
# ratio, and checks that both agree on the diff coverage counts.
#
#   GATE_BIN=/path/to/gate bench/coverage/run.sh [FILES [LINES]]
#
# The repository (FILES C files of LINES lines; the head commit appends
# LINES/10 lines to every 10th file) and the reports are generated under
# bench/work/ (or $BENCH_WORK) and kept for the next run.  Every line is
# coverable; about one in five is uncovered.  Defaults give ~100 MB for
# both reports: 5400 x 2000 lines in LCOV, the first 1100 files in
# Cobertura (its lines are four times longer).  Needs diff-cover and
# /usr/bin/time (contrib/install-deps --bench).

set -eu

files=${1:-5400}
lines=${2:-2000}
cob_files=${COB_FILES:-$((files * 11 / 54))}
here=$(cd "$(dirname "$0")" && pwd)
work=${BENCH_WORK:-$here/../work}/coverage-$files-$lines
gate_bin=${GATE_BIN:-$(command -v gate || true)}

if [ -z "$gate_bin" ] || [ ! -x "$gate_bin" ]; then
	echo "set GATE_BIN to the gate binary" >&2
	exit 2
fi
gate_bin=$(cd "$(dirname "$gate_bin")" && pwd)/$(basename "$gate_bin")
for tool in diff-cover /usr/bin/time; do
	command -v "$tool" >/dev/null 2>&1 || {
		echo "$tool is missing: contrib/install-deps --bench" >&2
		exit 2
	}
done

# write_files N LINES EXTRA: src/fN.c, every 10th with EXTRA more lines
write_files() {
	LC_ALL=C awk -v files="$1" -v lines="$2" -v extra="$3" 'BEGIN {
		for (f = 0; f < files; f++) {
			path = sprintf("src/f%05d.c", f)
			n = lines + (f % 10 == 0 ? extra : 0)
			for (i = 1; i <= n; i++)
				printf "int f%d_%d = %d;\n", f, i, i > path
			close(path)
		}
	}'
}

if [ ! -f "$work/done" ]; then
	rm -rf "$work"
	mkdir -p "$work/repo/src"
	cd "$work/repo"
	git init -q -b main . 2>/dev/null || git init -q .
	git config user.name Bench && git config user.email bench@example.com
	write_files "$files" "$lines" 0
	git add -A && git commit -q -m base && git branch -f base
	git checkout -q -b head
	write_files "$files" "$lines" $((lines / 10))
	git add -A && git commit -q -m head
	# Hits: 0 for one line in five, so diff coverage is about 80%.
	LC_ALL=C awk -v files="$files" -v lines="$lines" \
		-v extra=$((lines / 10)) 'BEGIN {
		for (f = 0; f < files; f++) {
			n = lines + (f % 10 == 0 ? extra : 0)
			printf "TN:\nSF:src/f%05d.c\n", f
			for (i = 1; i <= n; i++)
				printf "DA:%d,%d\n", i, (i * 7 + f) % 5 ? (i % 13) + 1 : 0
			printf "LF:%d\nend_of_record\n", n
		}
	}' >"$work/coverage.lcov"
	LC_ALL=C awk -v files="$cob_files" -v lines="$lines" \
		-v extra=$((lines / 10)) 'BEGIN {
		print "<?xml version=\"1.0\" ?>"
		print "<coverage version=\"bench\">"
		print "<sources><source>.</source></sources><packages>"
		print "<package name=\"src\"><classes>"
		for (f = 0; f < files; f++) {
			n = lines + (f % 10 == 0 ? extra : 0)
			printf "<class name=\"f%05d\" filename=\"src/f%05d.c\">", f, f
			print "<methods/><lines>"
			for (i = 1; i <= n; i++)
				printf "<line number=\"%d\" hits=\"%d\" branch=\"false\"/>\n", i, (i * 7 + f) % 5 ? (i % 13) + 1 : 0
			print "</lines></class>"
		}
		print "</classes></package></packages></coverage>"
	}' >"$work/coverage.xml"
	touch "$work/done"
fi
cd "$work/repo"

# measure NAME CMD...: wall seconds and peak RSS (KiB) into $secs/$rss
measure() {
	name=$1
	shift
	/usr/bin/time -v "$@" >"$work/$name.out" 2>"$work/$name.time" || true
	secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {
		n = split($2, t, ":"); s = 0
		for (i = 1; i <= n; i++) s = s * 60 + t[i]
		print s }' "$work/$name.time")
	rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' \
		"$work/$name.time")
}

for kind in lcov xml; do
	report=$work/coverage.$kind
	size=$(wc -c <"$report")
	measure gate-$kind "$gate_bin" check --range base...head \
		--checkers coverage --coverage-report "$report" --format json \
		--output "$work/gate-$kind.json"
	gsecs=$secs grss=$rss
	measure diffcover-$kind diff-cover "$report" --compare-branch=base \
		--json-report "$work/diffcover-$kind.json"
	dsecs=$secs drss=$rss
	g=$(sed -n 's/^ *"diff_covered": *\([0-9]*\).*/\1/p; s/^ *"diff_lines": *\([0-9]*\).*/\1/p' \
		"$work/gate-$kind.json" | tr '\n' /)
	d=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))
print("%d/%d/" % (d["total_num_lines"] - d["total_num_violations"], d["total_num_lines"]))' \
		"$work/diffcover-$kind.json" 2>/dev/null || echo "?")
	printf '%-5s %4d MB  gate %7.2fs %7d KiB   diff-cover %7.2fs %8d KiB   ratio %6.1fx  (covered/lines: gate %s diff-cover %s)\n' \
		"$kind" $((size / 1048576)) "$gsecs" "$grss" "$dsecs" "$drss" \
		"$(echo "$dsecs $gsecs" | awk '{ print ($2 > 0 ? $1 / $2 : 0) }')" \
		"$g" "$d"
done
