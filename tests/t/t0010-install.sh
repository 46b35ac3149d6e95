#!/bin/sh
# gate install / uninstall: shims in the hooks directory git really uses,
# existing hooks chained and restored exactly, GATE=0 and GATE_SKIP.
. "$TEST_SRCDIR/t/test-lib.sh"

test_expect_success 'install writes three executable shims' '
	make_repo repo &&
	(cd repo && gate install >out &&
	 for h in pre-commit commit-msg pre-push; do
		test -x .git/hooks/$h && grep "gate-shim v1" .git/hooks/$h &&
		grep "hook $h" .git/hooks/$h || return 1
	 done)
'

test_expect_success 'the shim calls the binary that installed it' '
	grep "^installed=.$GATE_BIN.$" repo/.git/hooks/pre-commit
'

test_expect_success 'the shim finds gate with a bare PATH (GUI clients)' '
	(cd repo && printf "x \n" >ws.txt && git add ws.txt &&
	 test_must_fail env PATH=/usr/bin:/bin git commit -q -m "chore: ws" 2>err &&
	 grep "trailing whitespace" err)
'

test_expect_success 'GATE=0 skips every check' '
	(cd repo && GATE=0 git commit -q -m "chore: skipped" &&
	 git log -1 --format=%s >msg && grep skipped msg)
'

test_expect_success 'GATE_SKIP skips named checkers' '
	(cd repo && printf "y \n" >ws2.txt && git add ws2.txt &&
	 GATE_SKIP=hygiene git commit -q -m "chore: skip hygiene")
'

test_expect_success 'install --hook installs only that hook' '
	make_repo one &&
	(cd one && gate install --hook commit-msg &&
	 test -x .git/hooks/commit-msg && ! test -e .git/hooks/pre-commit)
'

test_expect_success 'an unknown --hook is a usage error' '
	test_expect_code 2 gate -C one install --hook pre-rebase 2>err &&
	grep "unknown hook" err
'

test_expect_success 'an existing hook is kept, still runs, and comes back exactly' '
	make_repo chain &&
	(cd chain &&
	 printf "#!/bin/sh\necho original-hook-ran >>\"\$HOME/ran\"\nexit 0\n" >.git/hooks/pre-commit &&
	 chmod 755 .git/hooks/pre-commit && cp -p .git/hooks/pre-commit ../orig &&
	 gate install >out && grep "kept existing pre-commit" out &&
	 test -x .git/hooks/pre-commit.gate-chained &&
	 echo ok >f && git add f && git commit -q -m "chore: f" &&
	 grep original-hook-ran "$HOME/ran" &&
	 gate uninstall >out && grep "restored the original pre-commit" out &&
	 cmp ../orig .git/hooks/pre-commit &&
	 test "$(stat -c %a .git/hooks/pre-commit)" = 755 &&
	 ! test -e .git/hooks/pre-commit.gate-chained &&
	 ! test -e .git/hooks/commit-msg)
'

test_expect_success 'a failing chained hook blocks the commit' '
	(cd chain &&
	 printf "#!/bin/sh\necho chained-says-no >&2\nexit 3\n" >.git/hooks/pre-commit &&
	 chmod 755 .git/hooks/pre-commit && gate install >/dev/null &&
	 echo more >>f && git add f &&
	 test_must_fail git commit -q -m "chore: more" 2>err &&
	 grep chained-says-no err && grep "chained pre-commit hook failed" err)
'

test_expect_success 'reinstall is idempotent and keeps the chained hook' '
	(cd chain && gate install >/dev/null && gate install >/dev/null &&
	 grep chained-says-no .git/hooks/pre-commit.gate-chained &&
	 gate uninstall >/dev/null && grep chained-says-no .git/hooks/pre-commit)
'

test_expect_success 'uninstall leaves a hook that is not gate'"'"'s alone' '
	make_repo alone &&
	(cd alone && printf "#!/bin/sh\nexit 0\n" >.git/hooks/pre-push &&
	 chmod +x .git/hooks/pre-push && cp .git/hooks/pre-push ../pp &&
	 gate uninstall --hook pre-push >out && grep "left .* alone" out &&
	 cmp ../pp .git/hooks/pre-push)
'

test_expect_success 'core.hooksPath is honoured (relative to the work tree)' '
	make_repo hp &&
	(cd hp && git config core.hooksPath .githooks &&
	 gate install >out && grep "core.hooksPath is set" out &&
	 test -x .githooks/pre-commit && ! test -e .git/hooks/pre-commit &&
	 printf "z \n" >z && git add z &&
	 test_must_fail git commit -q -m "chore: z" 2>err &&
	 grep trailing err)
'

test_expect_success 'a linked worktree shares the hooks of the main one' '
	make_repo wt &&
	(cd wt && git worktree add -q ../wt2 -b side &&
	 cd ../wt2 && gate install >out &&
	 test -x ../wt/.git/hooks/pre-commit &&
	 printf "w \n" >w && git add w &&
	 test_must_fail git commit -q -m "chore: w" 2>err && grep trailing err)
'

test_expect_success 'a chained hook without #! still runs, as git runs it' '
	make_repo noshebang &&
	(cd noshebang && printf "echo plain-sh-hook >>\"\$HOME/ran2\"\n" >.git/hooks/pre-commit &&
	 chmod +x .git/hooks/pre-commit && gate install >/dev/null &&
	 echo x >x && git add x && git commit -q -m "chore: x" &&
	 grep plain-sh-hook "$HOME/ran2")
'

test_expect_success 'the shim survives quotes and $(...) in the binary path' '
	mkdir -p "odd\"dir\$(touch PWNED)" &&
	cp "$GATE_BIN" "odd\"dir\$(touch PWNED)/gate" &&
	make_repo quoting &&
	(cd quoting && "../odd\"dir\$(touch PWNED)/gate" install >/dev/null &&
	 printf "q \n" >q && git add q &&
	 test_expect_code 1 git commit -q -m "chore: q" 2>err &&
	 grep "trailing whitespace" err &&
	 rm -rf "../odd\"dir\$(touch PWNED)" &&
	 test_must_fail env PATH=/usr/bin:/bin git commit -q -m "chore: q" 2>err &&
	 grep "cannot find the gate binary" err && ! test -e PWNED && ! test -e ../PWNED)
'

test_expect_success 'install outside a repository is a usage error' '
	mkdir notrepo &&
	test_expect_code 2 gate -C notrepo install 2>err &&
	grep "not a git repository" err
'

test_done
