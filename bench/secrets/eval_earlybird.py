"""americanexpress/earlybird's tests as a held-out source for
bench/secrets/eval.

Earlybird's Go tests hold tables of lines with what the scanner must make
of them.  Used:

- pkg/scan/falsePositives_test.go: hits (rule Code, Filename, the line as
  MatchValue or LineValue) with wantIsFP; a hit earlybird keeps
  (wantIsFP false) is a positive, one its false-positive filter drops is
  a negative.  The line is scored in a file of the hit's name (the file
  kind matters to both tools).
- pkg/scan/scan_test.go: Test_scanLine (a LineValue with wantIsHit) and
  TestScanFiles (a line of file.py that must give a hit).
- pkg/postprocess: basicAuthHeader_test.go and jwt_test.go (a text with
  isSecret), pem_test.go (file bytes with isSecret) and
  skipSameKeyValue_test.go (a lineValue with wantIgnore: ignored is a
  negative).

Out of scope:
- hits of rules whose category is not a credential (PII, phone numbers,
  addresses, credit cards, insecure crypto, comments, inclusive wording:
  earlybird's rule config, config/rules/*.yaml, gives each code's
  category), and codes the config does not define (the kind is unknown);
- a positive whose line the same test labels a negative under another
  file name (earlybird's filter depends on the file type, not the text:
  `credentials: same-origin` is the Fetch API's option in .ts and a
  positive in .java);
- a case whose name and label disagree (named "Skip ..." and expecting
  the hit kept): no label;
- JWTs labeled by their expiry (the label depends on the day the test
  runs, not on the text: an expired token is still a committed token);
- the inputs of validatePassword_test.go (value fragments the password
  post-processor sees after a rule matched: nothing on them names a
  credential), passwordStrength_test.go and entropy_test.go (strength
  measures), jks_test.go (binary keystores; gate skips binary files);
- not used at all: Test_hitUnique, Test_labelHit, Test_determineSeverity
  (dedup and severity of hits, not detection), api_test.go and
  core_test.go (they scan a remote repository), and the Example: of each
  rule in config/rules (no test checks them).
"""

import os
import re

import eval_lines

FP_TEST = "pkg/scan/falsePositives_test.go"
SCAN_TEST = "pkg/scan/scan_test.go"
PP = "pkg/postprocess/"
RULES = "config/rules/"
# Rule categories about credentials; every other one is not.
SECRET_CATEGORIES = ("password-secret", "key")
# Post-processor tests whose inputs are not lines (see above).
OUT_PP = {
	"validatePassword_test.go": "value fragments the password "
		"post-processor sees after a rule matched (nothing on them "
		"names a credential)",
	"passwordStrength_test.go": "a password-strength measure, not a "
		"label of a line",
	"entropy_test.go": "an entropy measure, not a label of a line",
	"jks_test.go": "binary Java keystores (gate skips binary files)",
}
EXPIRY = re.compile(r"(?i)expired|expiration time")
SKIP_NAME = re.compile(r"^\s*skip\b", re.I)


def categories(repo, ev):
	"""{rule code: category} from earlybird's rule config."""
	import yaml
	out = {}
	for p in ev.ls_files(repo, RULES):
		if not p.endswith((".yaml", ".yml")):
			continue
		doc = yaml.safe_load(ev.show(repo, p)) or {}
		for r in doc.get("rules") or []:
			if r.get("Code") is not None:
				out[int(r["Code"])] = str(r.get("Category"))
	return out


def go_bytes(toks, i):
	"""The string of []byte("...") or []byte{n, ...} at toks[i], and the
	index after it; (None, i) when toks[i] is not one."""
	t = [x[1] for x in toks[i:i + 4]]
	if t[:3] != ["[", "]", "byte"]:
		return None, i
	if t[3] == "(" and toks[i + 4][0] == "s" and toks[i + 5][1] == ")":
		return toks[i + 4][1], i + 6
	if t[3] == "{":
		j = i + 4
		out = []
		while toks[j][1] != "}":
			if toks[j][0] == "num":
				out.append(int(toks[j][1]))
			j += 1
		return bytes(out).decode("utf-8", "replace"), j + 1
	return None, i


def fields(toks, start, names):
	"""Yield a dict per case: the keyed fields NAMES (strings, numbers,
	true/false) in token order; a case ends at its last name."""
	cur = {}
	last = names[-1]
	for i in range(start, len(toks) - 2):
		k, text = toks[i]
		if k != "ident" or text not in names or toks[i + 1][1] != ":":
			continue
		kind, val = toks[i + 2]
		if kind == "num":
			val = int(val)
		elif kind == "ident" and val in ("true", "false"):
			val = val == "true"
		elif kind != "s":
			val = None
		if text == names[0] and cur:
			cur = {}
		cur[text] = val
		if text == last:
			yield cur
			cur = {}


def positional(toks):
	"""Yield (name, text, bool) for table rows {"name", TEXT, true} where
	TEXT is a string or a []byte literal."""
	for i in range(len(toks) - 6):
		if toks[i][1] != "{" or toks[i + 1][0] != "s" or \
		   toks[i + 2][1] != ",":
			continue
		j = i + 3
		if toks[j][0] == "s":
			text, j = toks[j][1], j + 1
		else:
			text, j = go_bytes(toks, j)
			if text is None:
				continue
		if toks[j][1] == "," and toks[j + 1][1] in ("true", "false"):
			yield toks[i + 1][1], text, toks[j + 1][1] == "true"


def func_body(src, name):
	at = src.find("func %s(" % name)
	if at < 0:
		return ""
	nxt = src.find("\nfunc ", at + 1)
	return src[at:nxt if nxt > 0 else len(src)]


def samples(repo, ev):
	"""Yield (source test, file name, label, text, case name, code or
	None, why out of scope or None)."""
	src = ev.show(repo, FP_TEST)
	for fn in ("Test_findFalsePositive", "Test_falsePositiveInclusivity"):
		toks = ev.go_tokens(func_body(src, fn))
		for c in fields(toks, 0, ("name", "Code", "Filename",
					  "MatchValue", "LineValue",
					  "wantIsFP")):
			text = c.get("LineValue") or c.get("MatchValue")
			if not isinstance(text, str) or \
			   not isinstance(c.get("wantIsFP"), bool):
				yield fn, "", "unparsed", "", c.get("name"), \
					None, None
				continue
			yield fn, c.get("Filename") or "line.txt", \
				"fp" if c["wantIsFP"] else "tp", text, \
				c.get("name") or "", c.get("Code"), None
	src = ev.show(repo, SCAN_TEST)
	toks = ev.go_tokens(func_body(src, "Test_scanLine"))
	for c in fields(toks, 0, ("name", "LineValue", "wantIsHit")):
		yield "Test_scanLine", "line.txt", \
			"tp" if c.get("wantIsHit") else "fp", \
			c.get("LineValue"), c.get("name") or "", None, None
	toks = ev.go_tokens(func_body(src, "TestScanFiles"))
	for c in fields(toks, 0, ("Name", "LineValue")):
		yield "TestScanFiles", c.get("Name") or "line.txt", "tp", \
			c.get("LineValue"), "", None, None
	for p in sorted(ev.ls_files(repo, PP)):
		base = os.path.basename(p)
		if not base.endswith("_test.go"):
			continue
		toks = ev.go_tokens(ev.show(repo, p))
		if base in OUT_PP:
			n = sum(1 for i in range(len(toks) - 1)
				if toks[i][1] in ("testPD", "s") and
				toks[i + 1][1] == ":") or \
			    sum(1 for _ in positional(toks))
			for _ in range(n):
				yield base, "", "tp", "", "", None, OUT_PP[base]
		elif base == "skipSameKeyValue_test.go":
			for c in fields(toks, 0, ("name", "lineValue",
						  "wantIgnore")):
				yield base, "line.txt", \
					"fp" if c.get("wantIgnore") else "tp", \
					c.get("lineValue"), c.get("name") or "", \
					None, None
		elif base in ("basicAuthHeader_test.go", "jwt_test.go",
			      "pem_test.go"):
			for name, text, flag in positional(toks):
				why = None
				if base == "jwt_test.go" and EXPIRY.search(name):
					why = "JWT labeled by its expiry (the " \
					      "label depends on the day the test " \
					      "runs, not on the text)"
				yield base, "pem.key" if base == "pem_test.go" \
					else "line.txt", "tp" if flag else "fp", \
					text, name, None, why


def evaluate(repo, gate, providers, ev):
	sc = ev.Score("earlybird tests (%s)" % ev.short_rev(repo))
	cats = categories(repo, ev)
	got = list(samples(repo, ev))
	negatives = {(t.strip(), lab) for _, _, lab, t, _, _, _ in got
		     if isinstance(t, str)}
	files = []
	for n, (test, fname, label, text, name, code, why) in enumerate(got):
		if label == "unparsed" or not isinstance(text, str):
			sc.unparsed += 1
			sc.unparsed_why["%s: %s" % (test, name)] = 1
			continue
		sc.extracted += 1
		tag = "%s %s" % (test, code) if code else test
		if why:
			sc.scope_out("%s: %s" % (test, why))
			continue
		if code is not None:
			cat = cats.get(code)
			if cat is None:
				sc.scope_out("code %d: not in earlybird's rule "
					     "config (kind unknown)" % code)
				continue
			if cat not in SECRET_CATEGORIES:
				sc.scope_out("code %d: category '%s', not a "
					     "credential" % (code, cat))
				continue
		if label == "tp" and SKIP_NAME.search(name):
			sc.scope_out("%s: named 'Skip ...' but expects the hit "
				     "kept: no label" % test)
			continue
		if label == "tp" and (text.strip(), "fp") in negatives:
			sc.scope_out("%s: positive only for the file type (the "
				     "same line is the test's negative in "
				     "another file kind)" % test)
			continue
		rel = eval_lines.safe_rel("%03d" % n, fname)
		body = text if text.endswith("\n") else text + "\n"
		last = body.count("\n")
		files.append(eval_lines.LineFile(rel, body, [
			(1, last, label, tag, "(%s)" % name if name else "")]))
	stray = eval_lines.score_files(ev, sc, gate, os.path.join(
		ev.WORK, "earlybird"), files)
	sc.notes.append("findings on unlabeled lines (not scored): %d" %
			stray)
	return sc
