#!/bin/sh
# commit-title through real git: the commit-msg hook, `git commit -v`,
# pre-push naming the bad commit, ranges, PR titles and the CI payload.

. "${TEST_SRCDIR:-$(dirname "$0")/..}/t/test-lib.sh"

test_expect_success 'setup: a repository with hooks and a remote' '
	make_remote remote.git && make_repo repo &&
	(cd repo && git remote add origin ../remote.git &&
	 git push -q origin main && gate install >/dev/null)
'

test_expect_success 'git commit -m "Fix stuff" is refused with an example' '
	(cd repo && echo a >a && git add a &&
	 test_must_fail git commit -q -m "Fix stuff" 2>err &&
	 test_grep "commit-title/type-empty" err &&
	 test_grep "fix(parser): handle empty input" err &&
	 test "$(git rev-list --count HEAD)" = 1)
'

test_expect_success 'a sentence-case subject is refused with the fix' '
	(cd repo && test_must_fail git commit -q -m "feat: Add a" 2>err &&
	 test_grep "commit-title/subject-case" err &&
	 test_grep "write .add a." err)
'

test_expect_success 'an acronym at the start of the subject passes' '
	(cd repo && git commit -q -m "fix: API returns a" &&
	 git log -1 --format=%s >subject && test_grep "API returns a" subject)
'

test_expect_success 'git commit -v with a valid title passes' '
	(cd repo && echo b >b && git add b &&
	 GIT_EDITOR="printf \"feat(b): add b\\n\" >" git commit -q -v &&
	 git log -1 --format=%s >subject && test_grep "feat(b): add b" subject)
'

test_expect_success 'the diff below the scissors line is not judged' '
	(cd repo && echo c >c && git add c &&
	 cat >edit.sh <<-\EOS &&
	#!/bin/sh
	# keep git template (comments, scissors, diff), put the title on top
	{ printf "docs: add c\n"; cat "$1"; } >"$1.new" && mv "$1.new" "$1"
	EOS
	chmod +x edit.sh &&
	GIT_EDITOR=./edit.sh git commit -q -v &&
	git log -1 --format=%B >msg && test_grep "^docs: add c" msg &&
	test_grep ! "diff --git" msg)
'

test_expect_success 'core.commentChar is honoured' '
	(cd repo && echo d >d && git add d &&
	 printf "test: d\n; a comment line that is far too long to be a body line and would break the body rules if judged\n" >m &&
	 git -c core.commentChar=";" commit -q -F m --cleanup=strip &&
	 git log -1 --format=%B >msg && test_grep ! "comment" msg)
'

test_expect_success 'an empty message is git business: git aborts' '
	(cd repo && echo e >e && git add e &&
	 test_must_fail git commit -q -m "" 2>err &&
	 test_grep ! "commit-title/" err &&
	 test_grep "empty commit message" err)
'

test_expect_success 'a push with one bad commit among several names it' '
	(cd repo && git reset -q --hard &&
	 for n in 1 2 3; do
		echo $n >f$n && git add f$n &&
		if [ $n = 2 ]; then
			git commit -q --no-verify -m "Update f$n"
		else
			git commit -q -m "feat: f$n"
		fi || exit 1
	 done &&
	 bad=$(git rev-parse --short=12 HEAD~1) &&
	 test_must_fail git push -q origin main 2>err &&
	 test_grep "$bad.*commit-title/type-empty" err &&
	 test "$(grep -c "commit-title/type-empty" err)" = 1)
'

test_expect_success 'check --range reports the bump and per-commit metrics' '
	(cd repo &&
	 test_must_fail gate check --range origin/main..HEAD \
		--checkers commit-title --format json --output out.json &&
	 test_grep "\"bump\": *\"minor\"" out.json &&
	 test_grep "\"type\":\"feat\",\"subject\":\"f3\"" out.json)
'

test_expect_success 'merge commits and fixup! commits are ignored' '
	(cd repo && git reset -q --hard HEAD~2 && git commit -q --amend -m "feat: f1" &&
	 git checkout -q -b side && echo s >s && git add s &&
	 git commit -q -m "feat: s" && echo t >t && git add t &&
	 git commit -q --no-verify -m "fixup! feat: s" &&
	 git checkout -q main && git merge -q --no-ff --no-edit side &&
	 gate check --range origin/main..HEAD --checkers commit-title \
		--format json --output out.json &&
	 test_grep "\"bump\": *\"minor\"" out.json &&
	 git push -q origin main)
'

test_expect_success 'gate check --title judges a PR title' '
	test_must_fail gate check --title "Update readme" >out 2>&1 &&
	test_grep "commit-title/type-empty" out &&
	gate check --title "docs: update readme" &&
	test_must_fail gate check --title "docs: update readme." >out 2>&1 &&
	test_grep "commit-title/subject-full-stop" out
'

test_expect_success 'a [WIP] title is pending, not failed' '
	gate check --title "[WIP] Update readme" --format json >out.json &&
	test_grep "\"status\": *\"warn\"" out.json
'

test_expect_success 'a huge GitHub event payload is refused before parsing' '
	printf "feat: x\n" >msg &&
	truncate -s 65M huge.json &&
	test_expect_code 2 env GITHUB_EVENT_PATH=huge.json "$GATE_BIN" \
		check --message-file msg 2>err &&
	test_grep "over the 64 MiB an event payload may have" err &&
	rm huge.json
'

test_expect_success 'mode spec accepts any type, commitlint mode does not' '
	(cd repo &&
	 test_must_fail gate check --title "wip: x" >out 2>&1 &&
	 test_grep "commit-title/type-enum" out &&
	 printf "checkers:\n  commit-title:\n    mode: spec\n" >.gate.yml &&
	 gate check --title "wip: x" &&
	 rm .gate.yml)
'

test_expect_success 'rule options from .gate.yml, errors with line:column' '
	(cd repo &&
	 printf "checkers:\n  commit-title:\n    rules:\n      scope-enum: [core, /ui-.*/]\n" >.gate.yml &&
	 gate check --title "feat(ui-x): y" &&
	 test_must_fail gate check --title "feat(web): y" >out 2>&1 &&
	 test_grep "commit-title/scope-enum" out &&
	 printf "checkers:\n  commit-title:\n    rules:\n      typo-enum: off\n" >.gate.yml &&
	 test_expect_code 2 gate check --title "feat: y" 2>err &&
	 test_grep ".gate.yml:4:7" err &&
	 rm .gate.yml)
'

test_expect_success 'hostile messages get findings, never a crash' '
	(cd repo &&
	 printf "fix: caf\351\n" >latin1 &&
	 test_expect_code 1 gate check --message-file latin1 >out 2>&1 &&
	 test_grep "commit-title/encoding" out &&
	 printf "fix: ok\r\n\r\nbody\r\n" >crlf &&
	 gate check --message-file crlf &&
	 { printf "fix: big\n\n" &&
	   yes "line of a very large message" | head -n 40000; } >big &&
	 test_expect_code 1 gate check --message-file big >out 2>&1 &&
	 test_grep "commit-title/message-size" out)
'

test_done
