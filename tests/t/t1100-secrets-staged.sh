#!/bin/sh
# secrets on the staged change through a real `git commit`: a staged key
# blocks, the same key left unstaged does not, and no output or file
# ever holds the key in full.
. "$TEST_SRCDIR/t/test-lib.sh"

# An AWS-shaped access key id made here, so none is committed.
KEY=AKIA$(LC_ALL=C tr -dc 'A-Z2-7' </dev/urandom | head -c 16)
export KEY

# One line of 2 MB of JSON full of keywords, the key at its end.
make_minified() {
	awk -v k="$1" 'BEGIN { for (i = 0; i < 150000; i++)
		printf "{\"token\":\"a\"},"; printf "\"%s\"\n", k }'
}

make_bad_utf8() {
	printf '\303\050\377 key=%s\n' "$1"
}

test_expect_success 'setup' '
	make_repo repo && (cd repo && gate install >/dev/null)
'

test_expect_success 'a staged AWS key blocks the commit' '
	(cd repo && printf "region = eu-west-1\naws_access_key_id = %s\n" "$KEY" >cfg.ini &&
	 git add cfg.ini &&
	 test_expect_code 1 git commit -q -m "feat: cfg" >out 2>err &&
	 grep "cfg.ini:2:21" err && grep "secrets/aws-access-key-id" err &&
	 grep "AKIA" err && test "$(git rev-list --count HEAD)" = 1)
'

test_expect_success 'the message is redacted: prefix and length only' '
	(cd repo && grep "(20 chars)" err && ! grep -r "$KEY" out err)
'

test_expect_success 'the key left unstaged in a partially staged file does not block' '
	(cd repo && printf "region = eu-west-1\n" >cfg.ini && git add cfg.ini &&
	 printf "region = eu-west-1\naws_access_key_id = %s\n" "$KEY" >cfg.ini &&
	 git commit -q -m "feat: region" 2>err &&
	 test "$(git rev-list --count HEAD)" = 2 &&
	 grep -q "$KEY" cfg.ini && git checkout -- cfg.ini)
'

test_expect_success 'an inline gate:allow marker lets a line through' '
	(cd repo && printf "aws_access_key_id = %s # gate:allow\n" "$KEY" >ok.ini &&
	 git add ok.ini && git commit -q -m "feat: allowed" 2>err)
'

test_expect_success 'check --all-files finds it; JSON output holds only hashes' '
	(cd repo && printf "k = %s\n" "$KEY" >leak.txt && git add leak.txt &&
	 test_expect_code 1 gate check --all-files --checkers secrets \
		--format json --output ../v.json &&
	 grep "secrets/aws-access-key-id" ../v.json &&
	 grep "\"fingerprint\": *\"[0-9a-f]\{64\}\"" ../v.json &&
	 ! grep "$KEY" ../v.json && git rm -q --cached leak.txt && rm leak.txt)
'

test_expect_success 'binary files are skipped with a note, not a crash' '
	(cd repo && head -c 70000 /dev/urandom >blob.bin &&
	 printf "a\0b\nkey=%s\n" "$KEY" >nul.dat && git add blob.bin nul.dat &&
	 gate --verbose check --staged --checkers secrets >out 2>&1 &&
	 grep "skipped .nul.dat.: binary file" out &&
	 ! grep -r "$KEY" out && git rm -q --cached blob.bin nul.dat)
'

test_expect_success 'invalid UTF-8 and a 2 MB minified line are scanned' '
	(cd repo && make_minified "$KEY" >min.js &&
	 make_bad_utf8 "$KEY" >bad-utf8.txt &&
	 git add min.js bad-utf8.txt &&
	 test_expect_code 1 gate check --staged --checkers secrets >out 2>&1 &&
	 grep "min.js:1:" out && grep "bad-utf8.txt:1:" out &&
	 ! grep -r "$KEY" out && git rm -q --cached min.js bad-utf8.txt)
'

test_expect_success 'nothing anywhere in the repository holds the key but work files' '
	(cd repo && ! grep -r "$KEY" .git ../v.json)
'

test_expect_success 'a password export (CSV) blocks the commit at its rows' '
	PW=$(LC_ALL=C tr -dc "A-Za-z0-9" </dev/urandom | head -c 12)Q7! &&
	(cd repo &&
	 printf "name,url,username,password\n" >logins.csv &&
	 printf "mail,https://mail.example,ann,%s\n" "$PW" >>logins.csv &&
	 printf "\"wiki, team\",https://wiki.example,bob,changeme\n" >>logins.csv &&
	 git add logins.csv &&
	 test_expect_code 1 git commit -q -m "feat: logins" >out 2>err &&
	 grep "logins.csv:2:.*secrets/generic-password" err &&
	 ! grep "logins.csv:3:" err && ! grep -r "$PW" out err &&
	 git rm -q --cached logins.csv && rm logins.csv)
'

if command -v ssh-keygen >/dev/null 2>&1; then
	test_expect_success 'real OpenSSH private keys (ed25519, RSA) are refused' '
		make_repo sshkeys &&
		(cd sshkeys && ssh-keygen -q -t ed25519 -N "" -C "" -f id_ed25519 &&
		 ssh-keygen -q -t rsa -b 2048 -N "" -C "" -f id_rsa &&
		 git add id_ed25519 id_rsa id_ed25519.pub &&
		 test_expect_code 1 gate check --checkers secrets >out &&
		 grep "id_ed25519:3:1: error: OpenSSH private key" out &&
		 grep "id_rsa:3:1: error: OpenSSH private key" out &&
		 ! grep "id_ed25519.pub" out &&
		 ! grep "$(sed -n 3p id_ed25519)" out)
	'
else
	test_skip 'real OpenSSH private keys are refused' 'no ssh-keygen here'
fi

test_done
