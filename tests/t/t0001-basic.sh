#!/bin/sh
# The command line itself: version, help, list, init, config, exit codes.
. "$TEST_SRCDIR/t/test-lib.sh"

test_expect_success 'gate --version prints the version' '
	gate --version >out &&
	grep "^gate [0-9]" out
'

test_expect_success 'gate --help lists the commands' '
	gate --help >out &&
	for c in check hook install uninstall list init config; do
		grep "^  $c " out || return 1
	done
'

test_expect_success 'every command has --help' '
	for c in check hook install uninstall list init config; do
		gate $c --help >out && grep "^usage: gate $c" out || return 1
	done
'

test_expect_success 'an unknown command is a usage error (exit 2)' '
	test_expect_code 2 gate frobnicate 2>err &&
	grep "unknown command .frobnicate." err
'

test_expect_success 'an unknown option of check is a usage error' '
	make_repo repo &&
	test_expect_code 2 gate -C repo check --bogus 2>err
'

test_expect_success 'gate list shows hygiene as available' '
	gate list >out &&
	grep "^hygiene *available" out
'

test_expect_success 'gate init writes a starter config and never overwrites' '
	(cd repo && gate init >out && grep "wrote .gate.yml" out &&
	 grep "^checkers:" .gate.yml &&
	 cp .gate.yml before &&
	 test_expect_code 2 gate init 2>err &&
	 grep "already exists" err && cmp before .gate.yml)
'

test_expect_success 'the starter config is valid and gate config shows it' '
	gate -C repo config >out &&
	grep "source: .*\.gate\.yml" out &&
	grep "^  hygiene:" out && grep "severity: error" out
'

test_expect_success 'gate config without a file shows built-in defaults' '
	make_repo plain &&
	gate -C plain config >out &&
	grep "built-in defaults" out
'

test_expect_success '-C with a missing directory is a usage error' '
	test_expect_code 2 gate -C does-not-exist list 2>err &&
	grep "cannot change to" err
'

test_done
