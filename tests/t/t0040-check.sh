#!/bin/sh
# gate check: the CI and standalone entry, its subjects and formats.
. "$TEST_SRCDIR/t/test-lib.sh"

strip_timings() {
	grep -v '"elapsed_ms"' "$1"
}

test_expect_success 'setup: a base and a feature branch' '
	make_repo repo &&
	(cd repo && printf "base \n" >old.txt && git add old.txt &&
	 git commit -q -m "chore: old debt" && git tag base &&
	 git checkout -q -b feature &&
	 for i in 1 2 3 4 5 6 7 8 9; do printf "line $i \n" >f$i.txt; done &&
	 git add . && git commit -q -m "feat: nine files" &&
	 printf "fine\n" >g.txt && git add g.txt && git commit -q -m "feat: g" &&
	 git checkout -q main && printf "main\n" >m.txt && git add m.txt &&
	 git commit -q -m "chore: main moves")
'

test_expect_success '--range A..B judges the added lines of the range' '
	(cd repo && test_expect_code 1 gate check --range base..feature >out &&
	 grep "2 commits, 10 files changed" out &&
	 test "$(grep -c "error: trailing" out)" = 9 && ! grep old.txt out)
'

test_expect_success '--range A...B uses the merge base' '
	(cd repo && test_expect_code 1 gate check --range main...feature \
		--format json >out.json &&
	 python3 - <<-\EOF
	import json
	v = json.load(open("out.json"))
	assert v["schema"] == "gate.verdict/1", v["schema"]
	assert v["subject"]["kind"] == "range"
	assert v["subject"]["files"] == 10, v["subject"]["files"]
	assert len(v["subject"]["commits"]) == 2
	assert v["verdict"] == "fail" and v["exit_code"] == 1
	c = [c for c in v["checkers"] if c["name"] == "hygiene"][0]
	assert c["status"] == "fail"
	f = c["findings"][0]
	for k in ("rule", "severity", "path", "line", "column", "message", "fingerprint"):
	    assert k in f, k
	assert f["rule"] == "format/trailing-whitespace"
	EOF
	)
'

test_expect_success 'output is byte-identical for any -j' '
	(cd repo && gate check --range base..feature -j 1 --format json --no-timings >j1;
	 gate check --range base..feature -j 8 --format json --no-timings >j8;
	 cmp j1 j8 && test -s j1)
'

test_expect_success '--all-files judges whole files' '
	(cd repo && git checkout -q feature &&
	 test_expect_code 1 gate check --all-files >out &&
	 grep "old.txt:1:5" out && git checkout -q main)
'

test_expect_success '--files judges only the named paths' '
	(cd repo && git checkout -q feature &&
	 test_expect_code 1 gate check --files f1.txt f2.txt >out &&
	 grep "f1.txt" out && grep "f2.txt" out && ! grep "f3.txt" out &&
	 gate check --files g.txt && git checkout -q main)
'

test_expect_success '--files takes paths as git does: from the current directory' '
	(cd repo && git checkout -q feature && mkdir -p sub &&
	 printf "s \n" >sub/s.txt && git add sub/s.txt &&
	 (cd sub && test_expect_code 1 gate check --files s.txt --no-timings >../../out) &&
	 grep "sub/s.txt:1:2" ../out && ! grep "ms)" ../out &&
	 test_expect_code 1 gate check --files ./f1.txt >/dev/null &&
	 (cd sub && test_expect_code 1 gate check --files ../f1.txt >/dev/null) &&
	 test_expect_code 2 gate check --files f1.txt nope.txt 2>../err &&
	 grep "nope.txt. matches no tracked file" ../err &&
	 test_expect_code 2 gate check --files ../outside 2>../err &&
	 grep "outside the repository" ../err &&
	 git rm -q --cached sub/s.txt && rm -r sub && git checkout -q main)
'

test_expect_success '--output writes the verdict to a file' '
	(cd repo && test_expect_code 1 gate check --range base..feature \
		--format json --output v.json >stdout &&
	 test ! -s stdout && grep gate.verdict/1 v.json)
'

test_expect_success 'SARIF output is valid SARIF 2.1.0' '
	(cd repo && test_expect_code 1 gate check --range base..feature \
		--format sarif >out.sarif &&
	 python3 - "$(shared_dir)" <<-\EOF
	import json, sys, os
	s = json.load(open("out.sarif"))
	assert s["version"] == "2.1.0"
	run = s["runs"][0]
	assert run["tool"]["driver"]["name"] == "gate"
	assert len(run["results"]) == 9
	r = run["results"][0]
	assert r["ruleId"] == "format/trailing-whitespace" and r["level"] == "error"
	loc = r["locations"][0]["physicalLocation"]
	assert loc["region"]["startLine"] == 1
	schema = os.path.join(sys.argv[1], "schemas/sarif-schema-2.1.0.json") if sys.argv[1] else ""
	if schema and os.path.exists(schema):
	    try:
	        import jsonschema
	    except ImportError:
	        jsonschema = None
	    if jsonschema:
	        jsonschema.validate(s, json.load(open(schema)))
	EOF
	)
'

test_expect_success 'JUnit output is well-formed XML with one failure per error' '
	(cd repo && test_expect_code 1 gate check --range base..feature \
		--format junit >out.xml &&
	 python3 -c "
import xml.etree.ElementTree as ET
t = ET.parse(\"out.xml\").getroot()
assert t.tag == \"testsuites\" and t.get(\"failures\") == \"9\", t.attrib
")
'

test_expect_success 'GitHub annotations name file and line' '
	(cd repo && test_expect_code 1 gate check --range base..feature \
		--format github >out &&
	 grep "^::error file=f1.txt,line=1,col=7,title=format/trailing-whitespace::" out)
'

test_expect_success '--checkers runs only the named checkers' '
	(cd repo && test_expect_code 2 gate check --range base..feature \
		--checkers nope 2>err && grep "unknown checker .nope." err)
'

test_expect_success 'an unknown format is a usage error' '
	(cd repo && test_expect_code 2 gate check --format yaml 2>err &&
	 grep "unknown format" err)
'

test_expect_success 'a clean range passes with exit 0' '
	(cd repo && gate check --range feature~1..feature >out &&
	 grep "gate: passed" out)
'

test_expect_success 'detached HEAD works' '
	(cd repo && git checkout -q --detach feature &&
	 test_expect_code 1 gate check --range base..HEAD >/dev/null &&
	 git checkout -q main)
'

test_expect_success 'a range in a linked worktree uses that worktree'"'"'s HEAD' '
	(cd repo && git worktree add -q ../linked feature) &&
	(cd linked && test_expect_code 1 gate check --range base..HEAD \
		--checkers hygiene >out &&
	 grep "2 commits, 10 files changed" out)
'

test_expect_success 'a submodule pointer bump is in the change set' '
	make_repo sub && make_repo super &&
	(cd super && git -c protocol.file.allow=always submodule add -q ../sub sm &&
	 git commit -q -m "chore: add sm" &&
	 (cd sm && echo more >>README && git commit -q -am "chore: more") &&
	 git add sm && gate check --format json --no-timings >../sm.json &&
	 grep "\"files\": 1" ../sm.json)
'

test_expect_success 'in CI the pull-request title is judged without --title' '
	(cd repo &&
	 printf "{\"pull_request\": {\"title\": \"Fix stuff\"}}" >../event.json &&
	 test_expect_code 1 env GITHUB_EVENT_PATH=../event.json "$GATE_BIN" \
		check --range feature~1..feature --checkers commit-title >out &&
	 grep "commit-title/type-empty" out &&
	 CI_MERGE_REQUEST_TITLE="feat: add g" \
		gate check --range feature~1..feature --checkers commit-title &&
	 printf "{broken" >../bad.json &&
	 test_expect_code 2 env GITHUB_EVENT_PATH=../bad.json "$GATE_BIN" \
		check --range feature~1..feature 2>err &&
	 grep "GITHUB_EVENT_PATH" err)
'

test_done
