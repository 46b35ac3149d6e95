#!/bin/sh
# pre-commit through real `git commit`: what is staged is judged, what is
# not staged is neither judged nor touched.
. "$TEST_SRCDIR/t/test-lib.sh"

test_expect_success 'setup' '
	make_repo repo && (cd repo && gate install >/dev/null)
'

test_expect_success 'a trailing-whitespace line blocks the commit' '
	(cd repo && printf "clean\ndirty   \n" >a.txt && git add a.txt &&
	 test_expect_code 1 git commit -q -m "feat: a" 2>err &&
	 grep "a.txt:2:6: error: trailing whitespace" err &&
	 grep "format/trailing-whitespace" err &&
	 test "$(git rev-list --count HEAD)" = 1)
'

test_expect_success 'the fixed file commits' '
	(cd repo && printf "clean\ndirty\n" >a.txt && git add a.txt &&
	 git commit -q -m "feat: a" && test "$(git rev-list --count HEAD)" = 2)
'

test_expect_success 'an unstaged bad line in a partially staged file does not block' '
	(cd repo && printf "clean\ndirty\nstaged line\n" >a.txt && git add a.txt &&
	 printf "clean\ndirty\nstaged line\nunstaged   \n" >a.txt &&
	 cp a.txt ../worktree-before &&
	 git commit -q -m "feat: staged line" &&
	 cmp ../worktree-before a.txt &&
	 git diff >d && grep "^+unstaged   $" d)
'

test_expect_success 'a bad staged line is caught while a clean work tree copy differs' '
	(cd repo && printf "clean\ndirty\nstaged line\nbad \n" >a.txt && git add a.txt &&
	 printf "clean\ndirty\nstaged line\nbad\n" >a.txt && cp a.txt ../wt &&
	 test_must_fail git commit -q -m "feat: bad" 2>err &&
	 grep "a.txt:4:4" err && cmp ../wt a.txt &&
	 git diff --cached >cached && grep "^+bad $" cached &&
	 git reset -q a.txt && git checkout -- a.txt)
'

test_expect_success 'git commit -a is judged on its temporary index' '
	(cd repo && printf "tab\t\n" >>a.txt &&
	 test_must_fail git commit -q -a -m "feat: all" 2>err &&
	 grep "trailing whitespace" err && git checkout -- a.txt)
'

test_expect_success 'a missing final newline and a conflict marker are caught' '
	(cd repo && printf "<<<<<<< HEAD\nx\n=======\ny\n>>>>>>> b\nend" >m.txt &&
	 git add m.txt && test_must_fail git commit -q -m "feat: m" 2>err &&
	 grep "m.txt:6:4: error: no newline at end of file" err &&
	 test "$(grep -c "merge conflict marker" err)" = 3 &&
	 git rm -q --cached m.txt && rm m.txt)
'

test_expect_success 'old debt in an edited file does not block' '
	(cd repo && printf "old  \n" >debt.txt && git add debt.txt &&
	 GATE=0 git commit -q -m "chore: debt" &&
	 printf "old  \nnew\n" >debt.txt && git add debt.txt &&
	 git commit -q -m "chore: new line only")
'

test_expect_success 'the initial commit is judged' '
	git init -q fresh && (cd fresh && gate install >/dev/null &&
	 printf "x \n" >x && git add x &&
	 test_must_fail git commit -q -m "chore: first" 2>err &&
	 grep "x:1:2" err && grep "no commit yet" err)
'

test_expect_success 'an empty commit passes' '
	(cd repo && git commit -q --allow-empty -m "chore: empty")
'

test_expect_success 'binary files are skipped, not judged' '
	(cd repo && printf "a \0 b \n" >bin.dat && git add bin.dat &&
	 git commit -q -m "chore: binary" 2>err)
'

test_expect_success 'paths with spaces, newlines and non-UTF-8 bytes' '
	(cd repo && printf "x \n" >"with space.txt" &&
	 printf "y \n" >"$(printf "new\nline.txt")" &&
	 printf "z \n" >"$(printf "bad\377name.txt")" &&
	 git add . && test_must_fail git commit -q -m "chore: names" 2>err &&
	 grep "with space.txt:1:2" err &&
	 grep "new\\\\nline.txt:1:2" err &&
	 grep "bad\\\\xffname.txt:1:2" err &&
	 test_expect_code 1 gate check --format json >out.json &&
	 python3 -c "import json,sys; json.load(open(\"out.json\"))" &&
	 git reset -q && rm -f "with space.txt" new*line.txt bad*name.txt)
'

test_expect_success 'escape sequences in paths reach the terminal escaped' '
	(cd repo && name="$(printf "x\033]0;PWNED\007\033[31mred.bin")" &&
	 printf "a\0b" >"$name" && git add "$name" &&
	 gate -v check >../out 2>&1 &&
	 grep "skipped .x\\\\x1b]0;PWNED" ../out &&
	 ! grep -q "$(printf "\033")" ../out &&
	 git rm -q --cached "$name" && rm "$name")
'

test_expect_success 'indent: tabs allows alignment after tabs, not spaces before them' '
	(cd repo && printf "checkers:\n  hygiene:\n    indent: tabs\n" >.gate.yml &&
	 printf "\tx\n\t  aligned\n" >ind.c && git add ind.c && gate check &&
	 printf "\tx\n \tbad\n    spaces\n" >ind.c && git add ind.c &&
	 test_expect_code 1 gate check >../out &&
	 test "$(grep -c "format/indent-mixed" ../out)" = 2 &&
	 grep "ind.c:2:1" ../out && grep "ind.c:3:1" ../out &&
	 git rm -q --cached ind.c && rm ind.c .gate.yml)
'

test_expect_success 'severity off switches a checker off' '
	(cd repo && printf "checkers:\n  hygiene:\n    severity: off\n" >.gate.yml &&
	 printf "o \n" >o.txt && git add o.txt && gate check >../out &&
	 ! grep hygiene ../out && git reset -q && rm o.txt .gate.yml)
'

test_expect_success 'a file over max-size is reported' '
	(cd repo && printf "checkers:\n  hygiene:\n    max-size: 100\n" >.gate.yml &&
	 head -c 300 /dev/zero | tr "\0" "a" >big.txt && echo >>big.txt &&
	 git add big.txt .gate.yml && test_must_fail git commit -q -m "chore: big" 2>err &&
	 grep "big.txt: error: file is 301 bytes, over the limit of 100" err &&
	 git reset -q && rm big.txt .gate.yml)
'

test_expect_success 'a large file that is only renamed is not judged again' '
	(cd repo && printf "checkers:\n  hygiene:\n    max-size: 100\n" >.gate.yml &&
	 head -c 300 /dev/zero | tr "\0" "b" >big2.txt && echo >>big2.txt &&
	 git add big2.txt && GATE=0 git commit -q -m "chore: big2" &&
	 git mv big2.txt big3.txt && gate check >../out &&
	 ! grep file-too-large ../out &&
	 git commit -q -m "chore: rename big2" && rm .gate.yml)
'

test_expect_success 'a symlink turned into a file is one change' '
	(cd repo && ln -s README link && git add link &&
	 git commit -q -m "chore: link" && rm link && echo text >link &&
	 git add link && gate check --format json --no-timings >../tc.json &&
	 grep "\"files\": 1," ../tc.json && git commit -q -m "chore: link is a file")
'

test_expect_success 'severity warning reports without blocking' '
	(cd repo && printf "checkers:\n  hygiene:\n    severity: warning\n" >.gate.yml &&
	 printf "w \n" >w.txt && git add w.txt &&
	 git commit -q -m "chore: warned" 2>err && grep "warning: trailing" err &&
	 grep "passed with 1 warning" err && rm .gate.yml)
'

test_expect_success 'exclude globs keep files out of a checker' '
	(cd repo && printf "checkers:\n  hygiene:\n    exclude: [\"*.snap\"]\n" >.gate.yml &&
	 mkdir -p t && printf "s \n" >t/x.snap && git add t/x.snap &&
	 git commit -q -m "chore: snapshot" && rm .gate.yml)
'

test_expect_success 'a broken .gate.yml blocks with file, line and column (exit 2)' '
	(cd repo && printf "checkers:\n  hygiene:\n    severty: error\n" >.gate.yml &&
	 echo q >q && git add q &&
	 test_must_fail git commit -q -m "chore: q" 2>err &&
	 grep "\.gate\.yml:3:5: unknown key .severty. in checker .hygiene." err &&
	 test_expect_code 2 gate check 2>err &&
	 rm .gate.yml && git reset -q)
'

test_expect_success 'nothing in the repository changed behind our back' '
	(cd repo && git status --porcelain --untracked-files=no >../st && test ! -s ../st && git stash list >../stashes &&
	 test ! -s ../stashes)
'

test_done
