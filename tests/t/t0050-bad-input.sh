#!/bin/sh
# Bad input gets a clear message and the right exit code, and nothing in
# the repository changes.
. "$TEST_SRCDIR/t/test-lib.sh"

test_expect_success 'not a repository: exit 2 with a message' '
	mkdir plain &&
	test_expect_code 2 gate -C plain check 2>err &&
	grep "not a git repository" err
'

test_expect_success 'a bare repository has no staged change' '
	git init -q --bare bare.git &&
	test_expect_code 2 gate -C bare.git check 2>err &&
	grep "bare repository" err
'

test_expect_success 'a bare repository can be judged by range' '
	make_repo src && git -C src tag v1 &&
	(cd src && printf "x \n" >x && git add x && git commit -q -m "feat: x") &&
	git clone -q --bare src clone.git &&
	test_expect_code 1 gate -C clone.git check --range v1..main >out &&
	grep "x:1:2" out
'

test_expect_success 'an unknown revision is a usage error' '
	test_expect_code 2 gate -C src check --range nope..HEAD 2>err &&
	grep "unknown revision .nope." err
'

test_expect_success 'a corrupt config names file, line and column' '
	(cd src && printf "checkers: [unclosed\n" >.gate.yml &&
	 test_expect_code 2 gate check 2>../err &&
	 grep "\.gate\.yml:[0-9]*:[0-9]*:" ../err && rm .gate.yml)
'

test_expect_success 'an empty config is fine' '
	(cd src && : >.gate.yml && gate check && rm .gate.yml)
'

test_expect_success 'a config that is not a mapping is an error' '
	(cd src && echo "- a" >.gate.yml &&
	 test_expect_code 2 gate check 2>../err &&
	 grep "\.gate\.yml:1:1: the configuration must be a mapping" ../err &&
	 rm .gate.yml)
'

test_expect_success 'index.lock held: staged check still reads the index' '
	(cd src && printf "ok\n" >y && git add y && : >.git/index.lock &&
	 gate check && rm .git/index.lock && git reset -q && rm y)
'

test_expect_success 'a 1 GB file is skipped, not read' '
	(cd src && truncate -s 1G huge.bin && git add huge.bin &&
	 test_expect_code 1 gate -v check >../out &&
	 grep "huge.bin: error: file is 1073741824 bytes" ../out &&
	 grep "skipped .huge.bin.: file over the size cap" ../out &&
	 git rm -q --cached huge.bin && rm huge.bin)
'

test_expect_success 'a shallow clone in CI: unknown base explains' '
	(cd src && for i in 1 2 3; do echo $i >n$i && git add n$i &&
	 git commit -q -m "feat: n$i"; done) &&
	git clone -q --depth 1 "file://$PWD/src" shallow &&
	test_expect_code 2 gate -C shallow check --range HEAD~2..HEAD 2>err &&
	grep "shallow clone" err
'

test_expect_success 'an endless message file is refused, not read into memory' '
	test_expect_code 2 gate -C src check --message-file /dev/zero 2>err &&
	grep "larger than 64 MiB" err
'

test_expect_success 'nothing was changed in the repositories' '
	(cd src && git status --porcelain >../st && test ! -s ../st)
'

test_done
