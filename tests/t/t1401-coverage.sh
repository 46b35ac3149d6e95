#!/bin/sh
# coverage: report options, path mapping, thresholds and the bad inputs
# the checker must refuse clearly (missing, truncated, malformed, empty
# reports, reports of another repository, 64-bit counts).

. "${TEST_SRCDIR:-$(dirname "$0")/..}/t/test-lib.sh"

# lcov FILE PATH HITS...: a one-record tracefile, lines 1..n
lcov() {
	out=$1 path=$2
	shift 2
	{
		echo "SF:$path"
		n=0
		for h in "$@"; do
			n=$((n + 1))
			[ "$h" = - ] || echo "DA:$n,$h"
		done
		echo end_of_record
	} >"$out"
}

test_expect_success 'setup: a base and a feature commit' '
	make_repo repo &&
	cd repo &&
	printf "a1\na2\n" >a.c &&
	git add a.c && git commit -q -m "feat: base" &&
	git checkout -q -b feature &&
	printf "a1\na2\na3\na4\n" >a.c &&
	mkdir -p lib && printf "b1\nb2\nb3\nb4\n" >lib/b.c &&
	git add . && git commit -q -m "feat: more"
'

run() {
	gate check --range main...feature --checkers coverage "$@"
}

test_expect_success 'diff coverage counts only added coverable lines' '
	cd repo &&
	lcov ../r.lcov a.c 1 1 0 1 &&
	lcov ../r2.lcov lib/b.c 1 - 1 1 &&
	cat ../r2.lcov >>../r.lcov &&
	run --coverage-report ../r.lcov --format json >../out.json &&
	test_grep "\"diff_lines\": 5" ../out.json &&
	test_grep "\"diff_covered\": 4" ../out.json &&
	test_grep "\"total_lines\": 7" ../out.json &&
	test_grep "\"diff_percent\": 80.00" ../out.json &&
	test_grep "a.c" ../out.json
'

test_expect_success 'a missing report is a usage error' '
	cd repo &&
	test_expect_code 2 run --coverage-report ../nope.lcov 2>../err &&
	test_grep "cannot read coverage report" ../err
'

test_expect_success 'a missing optional report skips the checker' '
	cd repo &&
	printf "checkers:\n  coverage:\n    reports:\n      - {path: cov/x.lcov, optional: true}\n" >.gate.yml &&
	run --format json >../out.json &&
	test_grep "\"status\": \"skip\"" ../out.json &&
	test_grep "is absent" ../out.json &&
	rm .gate.yml
'

test_expect_success 'an absent optional base report does not skip the checker' '
	cd repo &&
	mkdir -p cov &&
	cp ../r.lcov cov/r.lcov &&
	printf "checkers:\n  coverage:\n    optional: true\n    reports: cov/r.lcov\n    base: cov/base.lcov\n" >.gate.yml &&
	run --format json >../out.json &&
	test_grep "\"diff_lines\": 5" ../out.json &&
	test_grep "cov/base.lcov. is absent" ../out.json &&
	test_grep ! "\"status\": \"skip\"" ../out.json &&
	printf "checkers:\n  coverage:\n    diff: 0\n    max-drop: 5\n    base:\n      - {path: cov/gone.lcov, optional: true}\n      - ../base.lcov\n" >.gate.yml &&
	lcov ../base.lcov a.c 1 1 &&
	test_expect_code 1 run --coverage-report ../r.lcov --format json >../out.json &&
	test_grep "coverage/drop" ../out.json &&
	rm -r .gate.yml cov
'

test_expect_success 'no report at all: skipped, not passed' '
	cd repo &&
	run --format json >../out.json &&
	test_grep "\"status\": \"skip\"" ../out.json
'

test_expect_success 'configured reports are relative to the repository root' '
	cd repo &&
	mkdir -p cov && cp ../r.lcov cov/r.lcov &&
	printf "checkers:\n  coverage:\n    reports: cov/r.lcov\n    diff: 80\n" >.gate.yml &&
	(cd lib && gate check --range main...feature --checkers coverage \
		--format json) >../out.json &&
	test_grep "\"diff_lines\": 5" ../out.json &&
	rm -r .gate.yml cov
'

test_expect_success 'a truncated LCOV report is an error' '
	cd repo &&
	printf "SF:a.c\nDA:1,1\nDA:3," >../trunc.lcov &&
	test_must_fail run --coverage-report ../trunc.lcov >../out 2>&1 &&
	test_grep "cannot parse .*trunc.lcov" ../out
'

test_expect_success 'a record without end_of_record is an error' '
	cd repo &&
	printf "SF:a.c\nDA:1,1\n" >../trunc2.lcov &&
	test_must_fail run --coverage-report ../trunc2.lcov >../out 2>&1 &&
	test_grep "truncated" ../out
'

test_expect_success 'malformed XML is an error naming the line' '
	cd repo &&
	printf "<?xml version=\"1.0\"?>\n<coverage>\n<packages>\n</coverage>\n" >../bad.xml &&
	test_must_fail run --coverage-report ../bad.xml >../out 2>&1 &&
	test_grep "cannot parse .*bad.xml.* as cobertura: line 4: mismatched tag" ../out
'

test_expect_success 'an empty report fails with coverage/no-data' '
	cd repo &&
	: >../empty.lcov &&
	test_expect_code 1 run --coverage-report ../empty.lcov --format json >../out.json &&
	test_grep "coverage/no-data" ../out.json
'

test_expect_success 'a report of another repository is named as such' '
	cd repo &&
	lcov ../other.lcov /elsewhere/proj/a.c 1 1 1 1 &&
	test_expect_code 1 run --coverage-report ../other.lcov --format json >../out.json &&
	test_grep "coverage/unmatched-report" ../out.json &&
	test_grep "outside the repository" ../out.json &&
	test_grep "changed_without_data" ../out.json
'

test_expect_success 'strip maps paths of another checkout' '
	cd repo &&
	printf "checkers:\n  coverage:\n    strip: [/elsewhere/proj]\n    diff: 100\n" >.gate.yml &&
	run --coverage-report ../other.lcov --format json >../out.json &&
	test_grep "\"diff_covered\": 2" ../out.json &&
	test_grep "\"unmatched_paths\": \\[\\]" ../out.json &&
	rm .gate.yml
'

test_expect_success 'hit counts over 32 bits count as covered' '
	cd repo &&
	lcov ../big.lcov a.c 1 1 4294967296 18446744073709551616 &&
	run --coverage-report ../big.lcov --format json >../out.json &&
	test_grep "\"diff_covered\": 2" ../out.json &&
	test_grep "64 bits" ../out.json
'

test_expect_success 'total and per-path thresholds' '
	cd repo &&
	printf "checkers:\n  coverage:\n    diff: 0\n    total: 90\n    paths-thresholds:\n      - {path: \"lib/**\", diff: 100}\n" >.gate.yml &&
	test_expect_code 1 run --coverage-report ../r.lcov --format json >../out.json &&
	test_grep "total coverage 85.71% (6 of 7 lines) is below the threshold of 90%" ../out.json &&
	test_grep ! "of .lib/\\*\\*" ../out.json &&
	lcov ../r3.lcov lib/b.c 1 - 0 1 &&
	test_expect_code 1 run --coverage-report ../r3.lcov --format json >../out.json &&
	test_grep "diff coverage of .lib/\\*\\*. 66.66%" ../out.json &&
	rm .gate.yml
'

test_expect_success 'a drop against the base report beyond max-drop fails' '
	cd repo &&
	printf "checkers:\n  coverage:\n    diff: 0\n    max-drop: 5\n" >.gate.yml &&
	lcov ../base.lcov a.c 1 1 &&
	test_expect_code 1 run --coverage-report ../r.lcov \
		--coverage-base ../base.lcov --format json >../out.json &&
	test_grep "coverage/drop" ../out.json &&
	test_grep "fell from 100.00% to 85.71%" ../out.json &&
	printf "checkers:\n  coverage:\n    diff: 0\n    max-drop: 14.29\n" >.gate.yml &&
	run --coverage-report ../r.lcov --coverage-base ../base.lcov >/dev/null &&
	rm .gate.yml
'

test_expect_success 'bad thresholds are configuration errors' '
	cd repo &&
	printf "checkers:\n  coverage:\n    diff: 80.5%%\n" >.gate.yml &&
	test_expect_code 2 run --coverage-report ../r.lcov 2>../err &&
	test_grep ".gate.yml:3:11: .diff. must be a percentage" ../err &&
	rm .gate.yml
'

test_expect_success 'Go profiles map through go.mod, gcov JSON gzip works' '
	cd repo &&
	printf "module example.com/m\n\ngo 1.21\n" >go.mod &&
	git add go.mod && git commit -q -m "build: go.mod" &&
	printf "mode: set\nexample.com/m/lib/b.c:1.1,2.3 1 1\nexample.com/m/lib/b.c:3.1,4.2 2 0\n" >../go.out &&
	run --coverage-report ../go.out --format json >../out.json ;
	test_grep "\"total_lines\": 3" ../out.json &&
	test_grep "\"diff_lines\": 4" ../out.json &&
	test_grep "\"diff_covered\": 2" ../out.json &&
	printf "{\"files\": [{\"file\": \"lib/b.c\", \"lines\": [{\"line_number\": 2, \"count\": 3}, {\"line_number\": 3, \"count\": 0}]}], \"current_working_directory\": \"%s\"}" "$PWD" | gzip >../b.gcov.json.gz &&
	run --coverage-report ../b.gcov.json.gz --format json >../out.json ;
	test_grep "\"diff_lines\": 2" ../out.json &&
	test_grep "\"diff_covered\": 1" ../out.json
'

test_expect_success 'a report of a subdirectory maps through root' '
	cd repo &&
	mkdir -p lib/cov &&
	lcov lib/cov/b.lcov b.c 1 0 1 1 &&
	printf "checkers:\n  coverage:\n    diff: 0\n    reports:\n      - {path: lib/cov/b.lcov, root: lib}\n" >.gate.yml &&
	run --format json >../out.json &&
	test_grep "\"diff_lines\": 4" ../out.json &&
	test_grep "\"diff_covered\": 3" ../out.json &&
	printf "checkers:\n  coverage:\n    diff: 0\n    reports: [lib/cov/b.lcov]\n" >.gate.yml &&
	test_expect_code 1 run --format json >../out.json &&
	test_grep "same name" ../out.json &&
	rm -r .gate.yml lib/cov
'

test_done
