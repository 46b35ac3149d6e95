#!/bin/sh
# `gate baseline` keeps entries it no longer finds, `--reset` drops them;
# `gate scan --history` draws a progress line on a terminal only.
. "$TEST_SRCDIR/t/test-lib.sh"

KEY=AKIA$(LC_ALL=C tr -dc 'A-Z2-7' </dev/urandom | head -c 16)
KEY2=AKIA$(LC_ALL=C tr -dc 'A-Z2-7' </dev/urandom | head -c 16)
export KEY KEY2
BL=.gate-secrets-baseline.json

test_expect_success 'setup: a key on main, another on a side branch' '
	make_repo repo &&
	(cd repo && printf "aws_access_key_id = %s\n" "$KEY" >a.txt &&
	 git add a.txt && git commit -q -m "feat: a" &&
	 git checkout -q -b side &&
	 printf "aws_access_key_id = %s\n" "$KEY2" >b.txt &&
	 git add b.txt && git commit -q -m "feat: b" &&
	 git checkout -q main)
'

test_expect_success 'a baseline of the side branch lists both keys' '
	(cd repo && git checkout -q side && gate baseline side 2>err &&
	 grep "wrote 2 finding(s)" err && grep "(2 new)" err &&
	 test "$(grep -c fingerprint $BL)" = 2 &&
	 cp $BL ../side.json && git checkout -q main)
'

test_expect_success 'a baseline of main keeps the side key it no longer finds' '
	(cd repo && gate baseline 2>err &&
	 grep "wrote 2 finding(s)" err &&
	 grep "(0 new; 1 no longer found, kept: --reset drops them)" err &&
	 cmp $BL ../side.json)
'

test_expect_success 'baseline --reset drops it, keeps the key still there' '
	(cd repo && gate baseline --reset 2>err &&
	 grep "wrote 1 finding(s)" err &&
	 grep "(0 new; 1 no longer found, dropped)" err &&
	 test "$(grep -c fingerprint $BL)" = 1 &&
	 fp=$(grep -o "\"fingerprint\": *\"[0-9a-f]*\"" $BL) &&
	 grep -F "$fp" ../side.json && gate scan >out 2>&1)
'

test_expect_success 'the dropped key fails again' '
	(cd repo && git show side:b.txt >b.txt && git add b.txt &&
	 test_expect_code 1 gate check --staged --checkers secrets >out 2>&1 &&
	 grep "b.txt:1" out && grep "secrets/aws-access-key-id" out &&
	 ! grep "$KEY2" out && git reset -q b.txt && rm b.txt)
'

test_expect_success 'a broken baseline: refused, and --reset replaces it' '
	(cd repo && echo "{" >$BL &&
	 test_expect_code 2 gate baseline 2>err &&
	 grep "cannot parse baseline" err && grep -e "--reset" err &&
	 gate baseline --reset 2>err && grep "wrote 1 finding(s)" err)
'

test_expect_success 'no progress line when stderr is not a terminal' '
	(cd repo && test_expect_code 1 gate scan --history side >out 2>err &&
	 ! grep -e "scanning commits" -e "scanning for secrets" \
		-e "reading commits" err out &&
	 ! grep "$(printf "\r")" err)
'

if script -qec true /dev/null >/dev/null 2>&1; then
	test_expect_success 'a progress line on a terminal, cleared at the end' '
		(cd repo && script -qec "\"$GATE_BIN\" scan --history side >/dev/null" \
			/dev/null >tty.out 2>&1;
		 grep "scanning commits: 100% (3/3 commits)" tty.out &&
		 grep "$(printf "\033")\[K" tty.out && ! grep "$KEY" tty.out)
	'
else
	test_skip 'a progress line on a terminal' 'script(1) not available'
fi

test_expect_success 'no file written holds a key' '
	! grep -r -e "$KEY" -e "$KEY2" repo/$BL side.json repo/err repo/out
'

test_done
