#!/bin/sh
# pr-size on real repositories: what is counted, labels, the verdict,
# pre-push, JSON metrics and the GitHub Actions output.

. "${TEST_SRCDIR:-$(dirname "$0")/..}/t/test-lib.sh"

# lines N PREFIX: N numbered lines
lines() {
	i=0
	while [ "$i" -lt "$1" ]; do
		i=$((i + 1))
		echo "$2 $i"
	done
}

test_expect_success 'setup: a repository with a base commit' '
	make_repo repo &&
	cd repo &&
	lines 50 old >moved.c &&
	lines 30 keep >main.c &&
	git add moved.c main.c &&
	git commit -q -m "feat: base" &&
	git tag base
'

test_expect_success 'lock files and generated files count for nothing' '
	cd repo &&
	git checkout -q -b deps base &&
	lines 3000 lock >package-lock.json &&
	mkdir -p gen web/vendor &&
	lines 2000 gen >gen/parser.c &&
	lines 800 v >web/vendor/lib.js &&
	echo "gen/parser.c linguist-generated" >.gitattributes &&
	lines 5 new >>main.c &&
	git add . &&
	git commit -q -m "feat: deps" &&
	gate check --range base...deps --checkers pr-size --format json \
		--output out.json &&
	test_grep "\"label\": *\"XS\"" out.json &&
	test_grep "\"additions\": *6" out.json &&
	test_grep "\"changed_files\": *2" out.json &&
	test_grep "\"ignored_files\": *3" out.json &&
	test_grep "\"ignored_additions\": *5800" out.json
'

test_expect_success 'the text output names what was not counted' '
	cd repo &&
	gate --verbose check --range base...deps --checkers pr-size \
		>out.txt 2>&1 &&
	test_grep "gen/parser.c" out.txt &&
	test_grep "linguist-generated" out.txt &&
	test_grep "package-lock.json" out.txt
'

test_expect_success 'a pure rename counts zero' '
	cd repo &&
	git checkout -q -b rename base &&
	git mv moved.c renamed.c &&
	git commit -q -m "refactor: rename" &&
	gate check --range base..rename --checkers pr-size --format json \
		--output out.json &&
	test_grep "\"size\": *0" out.json &&
	test_grep "\"renamed_files\": *1" out.json &&
	test_grep "\"label\": *\"XS\"" out.json
'

test_expect_success 'a deleted file does not count by default' '
	cd repo &&
	git checkout -q -b delete base &&
	git rm -q moved.c &&
	git commit -q -m "chore: drop moved.c" &&
	gate check --range base..delete --checkers pr-size --format json \
		--output out.json &&
	test_grep "\"size\": *0" out.json &&
	test_grep "\"deleted_files\": *1" out.json &&
	test_grep "\"deleted_file_lines\": *50" out.json
'

test_expect_success 'a 2,000-line change fails with XL' '
	cd repo &&
	git checkout -q -b big base &&
	lines 2000 big >big.c &&
	git add big.c &&
	git commit -q -m "feat: big" &&
	test_expect_code 1 gate check --range base...big --checkers pr-size \
		>out.txt 2>&1 &&
	test_grep "pr-size/xl" out.txt &&
	test_grep "change is XL: 2000 lines" out.txt &&
	test_grep "split it" out.txt
'

test_expect_success 'an L change warns and passes' '
	cd repo &&
	git checkout -q -b large base &&
	lines 600 l >large.c &&
	git add large.c &&
	git commit -q -m "feat: large" &&
	gate check --range base...large --checkers pr-size >out.txt 2>&1 &&
	test_grep "pr-size/l" out.txt
'

test_expect_success 'thresholds and fail-on from .gate.yml' '
	cd repo &&
	git checkout -q large &&
	cat >.gate.yml <<-\EOT &&
	checkers:
	  pr-size:
	    thresholds: {xs: 10, s: 100, m: 700, l: 5000}
	    fail-on: M
	EOT
	test_expect_code 1 gate check --range base...large \
		--checkers pr-size >out.txt 2>&1 &&
	test_grep "pr-size/m" out.txt &&
	rm .gate.yml
'

test_expect_success 'a typo in the options is located' '
	cd repo &&
	printf "checkers:\n  pr-size:\n    treshold: 3\n" >.gate.yml &&
	test_expect_code 2 gate check --range base...large \
		--checkers pr-size >out.txt 2>&1 &&
	test_grep ".gate.yml:3:5" out.txt &&
	test_grep "treshold" out.txt &&
	rm .gate.yml
'

test_expect_success 'GitHub Actions gets label and size' '
	cd repo &&
	: >gh-output &&
	GITHUB_ACTIONS=true GITHUB_OUTPUT="$PWD/gh-output" \
		gate check --range base...large --checkers pr-size &&
	printf "label=L\nsize=600\n" >expect &&
	test_cmp expect gh-output
'

test_expect_success 'no GitHub output outside Actions' '
	cd repo &&
	: >gh-output &&
	GITHUB_OUTPUT="$PWD/gh-output" \
		gate check --range base...large --checkers pr-size &&
	test ! -s gh-output
'

test_expect_success 'pre-push of a too-big branch is refused' '
	make_remote remote.git &&
	cd repo &&
	git remote add origin ../remote.git &&
	git push -q origin base:refs/heads/main &&
	git fetch -q origin &&
	gate install &&
	git checkout -q big &&
	test_must_fail git push origin big >push.out 2>&1 &&
	test_grep "pr-size/xl" push.out &&
	test_must_fail git --git-dir=../remote.git rev-parse -q --verify \
		refs/heads/big
'

test_expect_success 'pre-push of a small branch goes through' '
	cd repo &&
	git checkout -q rename &&
	git push -q origin rename &&
	git --git-dir=../remote.git rev-parse -q --verify refs/heads/rename
'

test_done
