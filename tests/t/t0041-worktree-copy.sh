#!/bin/sh
# Whole-file subjects read a work-tree file instead of inflating its blob
# only when the bytes are the blob's (src/worktree-copy.h): whatever the
# work tree holds, --all-files and --files judge exactly the index.
. "$TEST_SRCDIR/t/test-lib.sh"

test_expect_success 'setup' '
	make_repo repo &&
	(cd repo && printf "clean\n" >a.txt && printf "x \n" >b.txt &&
	 printf "one\ntwo\n" >c.txt && git add . && git commit -q -m "chore: init")
'

test_expect_success 'an edit of the same size after staging is not judged' '
	(cd repo && printf "cle \n" >a.txt && printf "xx\n" >b.txt &&
	 test_expect_code 1 gate check --all-files --checkers hygiene >out &&
	 grep "b.txt:1:2" out && ! grep a.txt out &&
	 test_expect_code 1 gate check --files b.txt --checkers hygiene >out &&
	 grep "b.txt:1:2" out &&
	 gate check --files a.txt --checkers hygiene &&
	 git checkout -q -- a.txt b.txt)
'

test_expect_success 'a staged change is judged, not the work tree it came from' '
	(cd repo && printf "x\n" >b.txt && git add b.txt && printf "y \n" >b.txt &&
	 gate check --all-files --checkers hygiene &&
	 git checkout -q -- b.txt && git reset -q --hard)
'

test_expect_success 'a checkout filter (autocrlf) leaves the blob judged' '
	(cd repo && git config core.autocrlf true && rm c.txt &&
	 printf "checkers:\n  hygiene:\n    line-endings: lf\n" >.gate.yml &&
	 git checkout -q -- c.txt && grep -q "$(printf "\r")" c.txt &&
	 gate check --files c.txt --checkers hygiene --format json \
		--no-timings >out.json &&
	 grep "\"verdict\": \"pass\"" out.json && ! grep crlf out.json &&
	 git config --unset core.autocrlf && rm .gate.yml &&
	 rm c.txt && git checkout -q -- c.txt)
'

test_expect_success 'a symlink or a directory in place of the file is not followed' '
	(cd repo && mv b.txt ../b.saved && printf "x \n" >../target &&
	 ln -s "$PWD/../target" b.txt &&
	 test_expect_code 1 gate check --files b.txt --checkers hygiene >out &&
	 grep "b.txt:1:2" out && rm b.txt && mkdir b.txt &&
	 test_expect_code 1 gate check --files b.txt --checkers hygiene >out &&
	 grep "b.txt:1:2" out && rmdir b.txt && mv ../b.saved b.txt)
'

test_expect_success 'a deleted work-tree file falls back to the blob' '
	(cd repo && rm b.txt &&
	 test_expect_code 1 gate check --all-files --checkers hygiene >out &&
	 grep "b.txt:1:2" out && git checkout -q -- b.txt)
'

test_done
