#!/bin/sh
# A staged change mixing every kind of file the loader tells apart: added,
# modified (LF and CRLF), renamed, deleted, binary by content, binary or
# text by .gitattributes (binary, -diff, diff, a diff driver), non-UTF-8,
# over the size cap, symlinks, a typechange and a submodule.  The verdicts
# (findings with their lines, skip notes, pr-size's per-file counts) are
# compared byte for byte with golden files, so a loader that reads files
# another way must still judge them exactly as libgit2's diff does.
. "$TEST_SRCDIR/t/test-lib.sh"

GOLDEN="$TEST_SRCDIR/data/staged-mix"

# The verdict without what changes with the release, not the change.
verdict() {
	sed '/^    "version": /d'
}

lines() {
	# lines N FMT: N lines of printf format FMT, given the line number
	i=1
	while [ "$i" -le "$1" ]; do
		printf "$2" "$i"
		i=$((i + 1))
	done
}

test_expect_success 'setup: a base commit' '
	git init -q repo && (cd repo &&
	 git config diff.cust.binary true && git config diff.txtdrv.binary false &&
	 cat >.gate.yml <<-\EOF &&
	max-file-size: 4096
	checkers:
	  pr-size:
	    breakdown: 100
	EOF
	 cat >.gitattributes <<-\EOF &&
	*.bin binary
	nodiff.txt -diff
	forced.txt diff
	*.cust diff=cust
	*.tdrv diff=txtdrv
	EOF
	 printf "one\ntwo \nthree\n" >mod.txt &&
	 printf "a\r\nb \r\nc\r\nd\r\n" >crlf-mod.txt &&
	 lines 6 "del %d \n" >del.txt &&
	 printf "x\0y\nz \n" >delbin.dat &&
	 printf "bin\0ary\nold\n" >binmod.dat &&
	 lines 20 "pure rename %d\n" >ren-pure.txt &&
	 lines 20 "edited rename %d\n" >ren-edit.txt &&
	 lines 500 "big %d\n" >bigmod.txt &&
	 printf "caf\351 \nna\357ve\n" >latin1-mod.txt &&
	 lines 700 "%04d\n" >autocrlf-mod.txt &&
	 ln -s mod.txt link &&
	 git add . && git commit -q -m "chore: base")
'

test_expect_success 'setup: a staged change of every kind' '
	(cd repo &&
	 printf "one\nTWO  \ntwo \nthree\nfour\t\n" >mod.txt &&
	 printf "a\r\nb \r\nB2 \r\nc\r\nd\r\nlf \ne\r\n" >crlf-mod.txt &&
	 git rm -q del.txt delbin.dat &&
	 printf "bin\0ary\nnew \n" >binmod.dat &&
	 mkdir moved && git mv ren-pure.txt moved/ren-pure.txt &&
	 git mv ren-edit.txt ren-edited.txt &&
	 lines 20 "edited rename %d\n" | sed "s/^edited rename 7$/edited rename 7 /" \
		>ren-edited.txt &&
	 { lines 500 "big %d\n"; printf "more \n"; } >bigmod.txt &&
	 printf "caf\351 \nna\357ve\nd\351j\340 \n" >latin1-mod.txt &&
	 rm link && printf "was a link \n" >link &&
	 printf "first\nsecond \nthird\n\nfifth  \nno newline " >new-lf.txt &&
	 printf "a \r\nb\r\nc\n\r\nd\r\n" >new-crlf.txt &&
	 : >new-empty.txt &&
	 printf "\351t\351 \n\377\376 \n" >new-latin1.txt &&
	 printf "text \nmarked binary \n" >new.bin &&
	 printf "text \nnot diffed \n" >nodiff.txt &&
	 printf "nul\0inside \nforced text \n" >forced.txt &&
	 printf "driver \nsays binary \n" >new.cust &&
	 printf "driver\0text \nline \n" >new.tdrv &&
	 printf "plain\0binary \n" >nul.dat &&
	 lines 600 "over the cap %d \n" >big.txt &&
	 ln -s new-lf.txt newlink &&
	 git add -A . &&
	 # The index gives these the size of their CRLF work-tree copies,
	 # over the cap, and libgit2 takes that size for the blob'"'"'s until
	 # rename detection reads the blob (added files only).
	 lines 700 "%04d\r\n" >autocrlf.txt &&
	 { lines 700 "%04d\r\n"; printf "new \r\n"; } >autocrlf-mod.txt &&
	 touch -t 202001010000 autocrlf.txt autocrlf-mod.txt &&
	 git -c core.autocrlf=true add autocrlf.txt autocrlf-mod.txt &&
	 git ls-files --debug autocrlf.txt autocrlf-mod.txt >../sizes &&
	 grep "size: 4200" ../sizes && grep "size: 4206" ../sizes &&
	 test "$(git cat-file -s :autocrlf.txt)" = 3500 &&
	 test "$(git cat-file -s :autocrlf-mod.txt)" = 3505 &&
	 git update-index --add --cacheinfo 160000,$(git rev-parse HEAD),sub &&
	 git diff --cached --name-status -M >../staged &&
	 grep "^R100	ren-pure.txt	moved/ren-pure.txt" ../staged &&
	 grep "^R0[0-9][0-9]	ren-edit.txt	ren-edited.txt" ../staged &&
	 grep "^T	link" ../staged && grep "^A	sub" ../staged &&
	 grep "^D	delbin.dat" ../staged)
'

test_expect_success 'hygiene and pr-size judge it as libgit2 diffs it' '
	(cd repo && test_expect_code 1 gate check --staged \
		--checkers hygiene,pr-size --format json --no-timings >../out) &&
	verdict <out >actual && test_cmp "$GOLDEN/content.json" actual
'

test_expect_success 'pr-size alone (counts, no content) counts the same' '
	(cd repo && gate check --staged --checkers pr-size --format json \
		--no-timings >../out) &&
	verdict <out >actual && test_cmp "$GOLDEN/counts.json" actual
'

test_expect_success 'the pre-commit hook gives the same verdict' '
	(cd repo && test_expect_code 1 gate hook pre-commit >../out 2>&1) &&
	sed -E "s/ *\([0-9.]+ ms\)\$//" out >actual &&
	test_cmp "$GOLDEN/pre-commit.txt" actual
'

test_expect_success 'the same change as a range' '
	(cd repo && GATE=0 git commit -q -m "feat: everything" &&
	 test_expect_code 1 gate check --range HEAD~1..HEAD \
		--checkers hygiene,pr-size --format json --no-timings >../out) &&
	verdict <out >actual && test_cmp "$GOLDEN/range.json" actual
'

test_done
