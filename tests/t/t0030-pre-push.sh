#!/bin/sh
# pre-push through real `git push` to a local bare remote.
. "$TEST_SRCDIR/t/test-lib.sh"

test_expect_success 'setup: a repository, its remote, the hooks' '
	make_remote remote.git && make_repo repo &&
	(cd repo && git remote add origin ../remote.git &&
	 git push -q origin main && gate install >/dev/null)
'

test_expect_success 'a clean push passes' '
	(cd repo && echo a >a && git add a && git commit -q -m "feat: a" &&
	 git push -q origin main)
'

test_expect_success 'what --no-verify let through is caught at push' '
	(cd repo && printf "b \n" >b && git add b &&
	 git commit -q --no-verify -m "feat: b" &&
	 test_must_fail git push -q origin main 2>err &&
	 grep "b:1:2: error: trailing whitespace" err &&
	 grep "refs/heads/main -> refs/heads/main" err)
'

test_expect_success 'the remote did not move' '
	test "$(git -C remote.git rev-parse main)" = "$(git -C repo rev-parse main~1)"
'

test_expect_success 'fixing it in a later commit lets the push through' '
	(cd repo && printf "b\n" >b && git add b && git commit -q -m "fix: b" &&
	 git push -q origin main)
'

test_expect_success 'a push of two branches judges both' '
	(cd repo && git checkout -q -b one && printf "one \n" >one &&
	 git add one && git commit -q --no-verify -m "feat: one" &&
	 git checkout -q main && git checkout -q -b two && printf "two \n" >two &&
	 git add two && git commit -q --no-verify -m "feat: two" &&
	 test_must_fail git push -q origin one two 2>err &&
	 grep "one:1:4" err && grep "two:1:4" err &&
	 grep "refs/heads/one" err && grep "refs/heads/two" err)
'

test_expect_success 'a new branch is judged by its own commits only' '
	(cd repo && git checkout -q main && git checkout -q -b three &&
	 echo three >three && git add three && git commit -q -m "feat: three" &&
	 git checkout -q main && printf "debt \n" >debt && git add debt &&
	 git commit -q --no-verify -m "chore: debt" &&
	 GATE=0 git push -q origin main &&
	 git checkout -q three && git merge -q --no-edit main &&
	 git push -q origin three 2>err && ! grep "debt:1" err &&
	 grep "three" err)
'

test_expect_success 'a pushed tag of a tree has no commits to judge' '
	(cd repo && git tag treetag "HEAD^{tree}" &&
	 git push -q origin treetag 2>err && grep "not a commit" err)
'

test_expect_success 'a deletion is not judged' '
	(cd repo && git push -q origin --delete three)
'

test_expect_success 'GATE=0 skips the push checks' '
	(cd repo && GATE=0 git push -q origin one)
'

test_done
