#!/bin/sh
# gate itself (not the python model of its engine) on the labeled
# corpus of tests/secrets-corpus.py: precision and recall >= 0.97.
. "$TEST_SRCDIR/t/test-lib.sh"

command -v python3 >/dev/null 2>&1 || test_skip_all 'python3 is not installed'

# path <TAB> line <TAB> rule rows from gate's JSON verdict.
findings_tsv() {
	python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
for c in d["checkers"]:
	for f in c["findings"]:
		print("%s\t%s\t%s" % (f["path"], f["line"],
			f["rule"].split("/", 1)[-1]))
' "$1"
}

test_expect_success 'generate the corpus into a repository' '
	python3 "$TEST_SRCDIR/secrets-corpus.py" generate corpus >/dev/null &&
	(cd corpus/files && git init -q . && git add -A . &&
	 test "$(git ls-files | wc -l)" -gt 500)
'

test_expect_success 'gate check --all-files fails on it, with findings' '
	(cd corpus/files &&
	 test_expect_code 1 gate check --all-files --checkers secrets \
		--format json >../verdict.json) &&
	findings_tsv corpus/verdict.json >corpus/found.tsv &&
	test "$(wc -l <corpus/found.tsv)" -gt 500
'

test_expect_success 'precision and recall of gate >= 0.97' '
	python3 "$TEST_SRCDIR/secrets-corpus.py" score corpus \
		--findings corpus/found.tsv --min 0.97 >corpus/score
'
test -f corpus/score && grep -i precision corpus/score | sed "s/^#* */# gate: /"

test_expect_success 'no verdict holds a secret of a line it reports' '
	python3 -c "
import json, re, sys
raw = open(sys.argv[1]).read()
d = json.loads(raw)
n = 0
for c in d[\"checkers\"]:
	for f in c[\"findings\"]:
		path = \"corpus/files/\" + f[\"path\"]
		line = open(path, errors=\"replace\").read().split(\"\\n\")[f[\"line\"] - 1]
		for tok in re.findall(r\"[A-Za-z0-9+/_.=-]{16,}\", line):
			assert tok not in raw, (f[\"path\"], f[\"line\"])
		n += 1
assert n > 500, n
" corpus/verdict.json
'

test_done
