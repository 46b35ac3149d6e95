#!/bin/sh
# .gate.yml for secrets: user rules extend the pack, bad ones are named
# with file:line:column and the pcre2 message, disable and allowlist work.
. "$TEST_SRCDIR/t/test-lib.sh"

test_expect_success 'setup' 'make_repo repo'

test_expect_success 'a user rule finds its own token shape' '
	(cd repo && cat >.gate.yml <<-\EOT &&
	checkers:
	  secrets:
	    rules:
	      - id: acme-token
	        description: ACME internal token
	        regex: "\\b(acme_[a-z0-9]{24})\\b"
	        keywords: [acme_]
	EOT
	 echo "t = acme_q8w7e6r5t4y3u2i1o9p8a7s6" >t.txt && git add t.txt &&
	 test_expect_code 1 gate check --staged --checkers secrets >out 2>&1 &&
	 grep "secrets/acme-token" out && ! grep "q8w7e6r5t4y3u2i1o9p8a7s6" out)
'

test_expect_success 'an invalid user regex is a usage error naming rule and offset' '
	(cd repo && cat >.gate.yml <<-\EOT &&
	checkers:
	  secrets:
	    rules:
	      - id: broken
	        regex: "ab(c"
	        keywords: [ab]
	EOT
	 test_expect_code 2 gate check --staged --checkers secrets 2>err &&
	 grep ".gate.yml:5:16: rule .broken.: missing closing parenthesis at offset 4" err)
'

test_expect_success 'a catastrophic user regex is refused' '
	(cd repo && cat >.gate.yml <<-\EOT &&
	checkers:
	  secrets:
	    rules:
	      - id: slow
	        regex: "(a+)+$"
	        keywords: [a]
	EOT
	 test_expect_code 2 gate check --staged --checkers secrets 2>err &&
	 grep "rule .slow.: catastrophic backtracking" err)
'

test_expect_success 'a user rule without keywords is refused' '
	(cd repo && printf "checkers:\n  secrets:\n    rules:\n      - id: nokw\n        regex: x\n" >.gate.yml &&
	 test_expect_code 2 gate check --staged --checkers secrets 2>err &&
	 grep "rule .nokw.: no .keywords." err)
'

test_expect_success 'disable and a global allowlist' '
	(cd repo && cat >.gate.yml <<-\EOT &&
	checkers:
	  secrets:
	    rules:
	      - id: acme-token
	        regex: "\\b(acme_[a-z0-9]{24})\\b"
	        keywords: [acme_]
	    allowlist:
	      paths: ["fixtures/**"]
	EOT
	 mkdir -p fixtures && cp t.txt fixtures/t.txt && git add fixtures &&
	 test_expect_code 1 gate check --staged --checkers secrets >out 2>&1 &&
	 grep "t.txt:1" out && ! grep "fixtures/t.txt" out &&
	 printf "checkers:\n  secrets:\n    disable: [generic-password]\n    allowlist:\n      paths: [\"*.txt\"]\n" >.gate.yml &&
	 gate check --staged --checkers secrets &&
	 printf "checkers:\n  secrets:\n    disable: [no-such-rule]\n" >.gate.yml &&
	 test_expect_code 2 gate check --staged --checkers secrets 2>err &&
	 grep "unknown secrets rule .no-such-rule." err)
'

test_done
