#!/bin/sh
# secrets on pre-push and in history: a key added by one commit and
# removed by the next is still refused; `gate baseline` lets it through
# while a new key still fails.
. "$TEST_SRCDIR/t/test-lib.sh"

KEY=AKIA$(LC_ALL=C tr -dc 'A-Z2-7' </dev/urandom | head -c 16)
KEY2=AKIA$(LC_ALL=C tr -dc 'A-Z2-7' </dev/urandom | head -c 16)
KEY3=AKIA$(LC_ALL=C tr -dc 'A-Z2-7' </dev/urandom | head -c 16)
export KEY KEY2 KEY3

test_expect_success 'setup: repository, remote, hooks' '
	make_remote remote.git && make_repo repo &&
	(cd repo && git remote add origin ../remote.git &&
	 git push -q origin main && gate install >/dev/null)
'

test_expect_success 'a push whose 2nd commit adds and 3rd removes a key is refused' '
	(cd repo && echo one >a.txt && git add a.txt && git commit -q -m "feat: one" &&
	 printf "one\naws_access_key_id = %s\n" "$KEY" >a.txt &&
	 git add a.txt && git commit -q --no-verify -m "feat: two" &&
	 echo one >a.txt && git add a.txt && git commit -q -m "fix: three" &&
	 test_must_fail git push -q origin main >out 2>err &&
	 grep "secrets/aws-access-key-id" err && grep "a.txt:2" err &&
	 ! grep -r "$KEY" out err &&
	 test "$(git -C ../remote.git rev-parse main)" = "$(git rev-parse main~3)")
'

test_expect_success 'the finding names the commit that added the key' '
	(cd repo && gate check --range origin/main..main --checkers secrets \
		--format json --output ../range.json;
	 test $? = 1 && grep "$(git rev-parse main~1)" ../range.json &&
	 test "$(grep -c "secrets/aws-access-key-id" ../range.json)" = 1 &&
	 ! grep "$KEY" ../range.json)
'

test_expect_success 'scan --history finds it too' '
	(cd repo && test_expect_code 1 gate scan --history >out 2>&1 &&
	 grep "secrets/aws-access-key-id" out && ! grep "$KEY" out)
'

test_expect_success 'gate baseline records it and the push goes through' '
	(cd repo && gate baseline 2>err && grep "wrote 1 finding" err &&
	 test -f .gate-secrets-baseline.json &&
	 ! grep "$KEY" .gate-secrets-baseline.json &&
	 git add .gate-secrets-baseline.json &&
	 git commit -q -m "chore: secrets baseline" &&
	 git push -q origin main)
'

test_expect_success 'a new key still fails' '
	(cd repo && printf "aws_access_key_id = %s\n" "$KEY2" >b.txt &&
	 git add b.txt && test_must_fail git commit -q -m "feat: b" 2>err &&
	 grep "secrets/aws-access-key-id" err && ! grep "$KEY2" err)
'

test_expect_success 'the baselined key moved to another line still passes' '
	(cd repo && git reset -q b.txt && rm b.txt &&
	 printf "x\ny\naws_access_key_id = %s\n" "$KEY" >a.txt &&
	 git add a.txt && git commit -q -m "feat: moved")
'

test_expect_success 'no file of the remote or the repository holds a key' '
	! grep -r -e "$KEY" -e "$KEY2" remote.git repo/.git range.json
'

test_expect_success 'a key added while resolving a merge and removed after is refused' '
	make_remote mremote.git && make_repo merging &&
	(cd merging && git remote add origin ../mremote.git &&
	 git push -q origin main && gate install >/dev/null &&
	 git checkout -q -b side && echo side >side.txt && git add side.txt &&
	 git commit -q -m "feat: side" && git checkout -q main &&
	 echo main >main.txt && git add main.txt && git commit -q -m "feat: main" &&
	 git merge -q --no-ff --no-commit side &&
	 printf "aws_access_key_id = %s\n" "$KEY3" >creds && git add creds &&
	 git commit -q --no-verify -m "chore: merge side" &&
	 git rm -q creds && git commit -q -m "chore: drop creds" &&
	 test_must_fail git push -q origin main 2>err &&
	 grep "secrets/aws-access-key-id" err && grep "creds:1" err &&
	 ! grep "$KEY3" err)
'

test_expect_success 'lines a merge takes from its parents are judged once, in them' '
	(cd merging && git reset -q --hard origin/main &&
	 git checkout -q -b side2 && printf "aws_access_key_id = %s\n" "$KEY3" >k &&
	 git add k && git commit -q --no-verify -m "feat: k" &&
	 git checkout -q main && echo m2 >m2 && git add m2 && git commit -q -m "feat: m2" &&
	 git merge -q --no-ff --no-edit side2 &&
	 test_expect_code 1 gate check --range origin/main..main --checkers secrets \
		--format json --output ../merge.json &&
	 test "$(grep -c "secrets/aws-access-key-id" ../merge.json)" = 1 &&
	 grep "$(git rev-parse side2)" ../merge.json)
'

test_expect_success 'a key in a commit title is refused and never printed' '
	(cd merging && git checkout -q main && git reset -q --hard origin/main &&
	 git commit -q --allow-empty --no-verify \
		-m "fix: rotate aws_access_key_id=$KEY3" &&
	 test_must_fail git push -q origin main 2>err &&
	 grep "secrets/aws-access-key-id" err && grep "commit message" err &&
	 ! grep "$KEY3" err &&
	 test_expect_code 1 gate check --range origin/main..main \
		--format json --output ../title.json &&
	 grep "\"summary\": \"fix: rotate aws_access_key_id=AKIA" ../title.json &&
	 ! grep "$KEY3" ../title.json &&
	 for f in text sarif junit github; do
		gate check --range origin/main..main --format $f >../title.$f;
		! grep "$KEY3" ../title.$f || return 1
	 done)
'

test_expect_success 'a key copied by many commits is reported once, for any -j' '
	make_repo many &&
	(cd many && for i in 1 2 3 4 5 6 7 8; do
		for k in "$KEY" "$KEY2" "$KEY3"; do
			printf "id = %s\n" "$k" >>"f$i.txt"
		done
		printf "id = %s\n" "$KEY" >>"g$((i % 3)).txt" &&
		git add . && git commit -q -m "feat: $i" || return 1
	 done &&
	 gate scan -j 1 --format json --output ../j1.json --history HEAD;
	 test $? = 1 &&
	 for j in 2 3 4; do
		gate scan -j $j --format json --output ../j$j.json --history HEAD
		test $? = 1 || return 1
		test "$(grep -v elapsed_ms ../j1.json | cksum)" = \
		     "$(grep -v elapsed_ms ../j$j.json | cksum)" || return 1
	 done &&
	 test "$(grep -c "\"rule\"" ../j1.json)" = 27 &&
	 ! grep -e "$KEY" -e "$KEY2" -e "$KEY3" ../j1.json)
'

test_expect_success 'history streamed a commit or two at a time: same verdict, few held' '
	(cd many && git rm -q g1.txt && git commit -q -m "fix: drop g1" &&
	 git commit -q --allow-empty -m "fix: rotate id = $KEY2" &&
	 git commit -q --allow-empty -m "docs: x" -m "body: id = $KEY3" &&
	 gate scan -j 2 --format json --output ../s.json --history HEAD;
	 test $? = 1 && n=$(git rev-list --count HEAD) &&
	 for b in 1 2 3; do
		for j in 1 4; do
			GATE_TRACE_HISTORY=1 GATE_HISTORY_BATCH=$b gate scan -j $j \
				--format json --output ../s$b$j.json --history HEAD \
				2>trace
			test $? = 1 || return 1
			test "$(grep -v elapsed_ms ../s.json | cksum)" = \
			     "$(grep -v elapsed_ms ../s$b$j.json | cksum)" || return 1
			grep "$n commit(s) in $(((n + b - 1) / b)) batch(es)" trace ||
				return 1
			held=$(sed -n "s/.*, at most \([0-9]*\) read at once; .*/\1/p" trace)
			test -n "$held" && test "$held" -le "$b" &&
			test "$held" -le "$j" || return 1
			# Each message is read in the stream and freed there:
			# the change set keeps none, and no worker two.
			grep "messages: 0 kept, " trace || return 1
			msgs=$(sed -n "s/.*kept, at most \([0-9]*\) read at once$/\1/p" trace)
			test -n "$msgs" && test "$msgs" -ge 1 &&
			test "$msgs" -le "$b" && test "$msgs" -le "$j" || return 1
		done
	 done &&
	 test "$(grep -c "\"rule\"" ../s.json)" = 29 &&
	 test "$(grep -c "in the commit message" ../s.json)" = 2 &&
	 grep -A6 "in the commit message" ../s.json >msg-findings &&
	 grep "$(git rev-parse HEAD)" msg-findings &&
	 grep "$(git rev-parse HEAD~1)" msg-findings &&
	 ! grep -e "$KEY" -e "$KEY2" -e "$KEY3" ../s.json)
'

test_expect_success 'a range with every checker keeps each commit message once' '
	(cd many && GATE_TRACE_HISTORY=1 gate check -j 1 --range HEAD~3..HEAD \
		--format json --output ../r.json 2>trace;
	 test $? = 1 && grep "3 commit(s) in 1 batch(es)" trace &&
	 grep "messages: 3 kept, at most 1 read at once" trace &&
	 test "$(grep -c "in the commit message" ../r.json)" = 2 &&
	 grep "\"commit-title\"" ../r.json &&
	 ! grep -e "$KEY" -e "$KEY2" -e "$KEY3" ../r.json)
'

test_done
