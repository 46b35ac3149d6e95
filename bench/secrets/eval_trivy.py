"""aquasecurity/trivy's secret scanner tests as a held-out source for
bench/secrets/eval.

TestSecretScanner (pkg/fanal/secret/scanner_test.go) scans the files of
pkg/fanal/secret/testdata with a config and lists every finding it
expects: rule id, first and last line (the secret itself is masked with
asterisks).  The labels come from the cases whose config is trivy's
default, that is its builtin rules and builtin allow rules:
skip-test.yaml (which only turns off the allow rule that skips paths
under testdata/, so the inputs are scanned as if they sat anywhere else)
and config.yaml (the same plus one custom rule, rule1).

- A line with an expected finding of a builtin rule is a positive (a
  key over several lines is one positive).
- A line of those same inputs with no expected finding is a negative
  when it looks like a candidate: a token-like value (16 or more
  characters of a key alphabet, letters and digits mixed) or a value
  under a secret-naming key or element (password, secret, token, key,
  ...).  Prose, headers and blank lines are not samples.

Out of scope: lines a custom rule of the test config finds (rule1), the
inputs only cases with a custom config use (allow rules, disabled or
enabled rules, keywords, exclude blocks, multi-line mode), the inputs
trivy skips for their path (markdown and example files: its builtin
allow rules), the invalid-UTF-8 input (a test of trivy's decoding: the
harness writes UTF-8 text, so the bytes would not be the test's), rules
for providers gate has no rule for, and Stripe publishable keys (public
by design).  TestSecretScannerWithStreaming builds its inputs in Go to
test trivy's chunked reading: not used.

The positives are checked against the test: each expected finding's
masked line must match the input line outside the asterisks (the label
check line).
"""

import ast
import os
import re

import eval_lines

DIR = "pkg/fanal/secret/"
TEST = DIR + "scanner_test.go"
DATA = DIR + "testdata/"
# Configs that are trivy's default for these inputs (see above).
DEFAULT = ("skip-test.yaml", "config.yaml")
# Cases with a default config that test a path rule, not the content.
PATH_CASE = re.compile(r"should ignore \.md files|skip examples file")
OUT_INPUT = {
	"invalid-utf8.txt": "a test of trivy's handling of invalid UTF-8 "
			    "bytes (the harness writes UTF-8 text, so the "
			    "input would not be the test's)",
}
# trivy rule id -> gate provider ("generic": a form without a provider).
PROVIDER = {
	"private-packagist-token": "packagist",
	"hugging-face-access-token": "huggingface",
	"dockerconfig-secret": "docker", "jwt-token": "jwt",
	"private-key": "private", "symfony-default-secret": "symfony",
	"maven-settings-password": "generic",
	"maven-settings-passphrase": "generic",
	"maven-settings-security-master": "generic",
}
NOT_SECRET = {"stripe-publishable-token": "Stripe publishable keys are "
	      "public by design"}

TOKEN = re.compile(r"[A-Za-z0-9+/=_-]{16,}")
SECRET_NAME = re.compile(
	r"(?i)(?:pass(?:word|phrase|wd)?|pwd|secret|token|api[_-]?key|"
	r"access[_-]?key|private[_-]?key|auth|cred|master|key)\w*"
	r"""["']?\s*(?::|=|=>)\s*\S|<(?:password|passphrase|master|secret"""
	r"""|token|key)\b[^>]*>""")


def candidate(line):
	"""Whether LINE looks like a sample: a token-like value or a value
	under a secret-naming key."""
	for m in TOKEN.finditer(line):
		t = m.group(0)
		if re.search(r"[A-Za-z]", t) and re.search(r"\d", t):
			return True
	return SECRET_NAME.search(line) is not None


def block(src, start):
	"""The text from the brace at or after START to its match, skipping
	Go strings."""
	i = src.index("{", start)
	depth = 0
	j = i
	while j < len(src):
		c = src[j]
		if c in "\"`":
			end = src.index(c, j + 1)
			while c == '"' and src[end - 1] == "\\" and \
			      src[end - 2] != "\\":
				end = src.index(c, end + 1)
			j = end
		elif c == "{":
			depth += 1
		elif c == "}":
			depth -= 1
			if depth == 0:
				return src[i:j + 1]
		j += 1
	raise ValueError("unbalanced braces")


def finding(text, masks):
	"""(rule, first line, last line, masked cause line or None) of one
	types.SecretFinding literal; MASKS: {variable: masked string}."""
	rule = re.search(r'RuleID:\s*"([^"]+)"', text)
	lo = re.search(r"StartLine:\s*(\d+)", text)
	hi = re.search(r"EndLine:\s*(\d+)", text)
	cause = None
	at = re.search(r"IsCause:\s*true", text)
	if at:  # the Content: of the first cause line
		c = re.findall(r'Content:\s*("(?:[^"\\]|\\.)*"|\w+)',
			       text[:at.start()])
		if c and c[-1].startswith('"'):
			cause = ast.literal_eval(c[-1])
		elif c:
			cause = masks.get(c[-1])
	if not (rule and lo and hi):
		return None
	return rule.group(1), int(lo.group(1)), int(hi.group(1)), cause


def expectations(src):
	"""Yield (case name, config, input name, [finding]) for the cases of
	TestSecretScanner; a finding is (rule, lo, hi, masked line)."""
	body = src[src.index("func TestSecretScanner("):]
	body = body[:body.index("\nfunc ", 1)]
	masks = {m.group(1): "*" * int(m.group(2)) for m in re.finditer(
		r'(\w+)\s*:=\s*strings\.Repeat\("\*",\s*(\d+)\)', body)}
	named = {}
	for m in re.finditer(r"(\w+)\s*:=\s*types\.SecretFinding\{", body):
		f = finding(block(body, m.end() - 1), masks)
		if f:
			named[m.group(1)] = f
	# helpers returning a one-line finding masked with N asterisks
	helpers = {}
	for m in re.finditer(r"(\w+)\s*:=\s*func\(([^)]*)\)\s*types\."
			     r"SecretFinding\s*\{", body):
		b = block(body, m.end() - 1)
		lo = re.search(r"StartLine:\s*(\d+)", b)
		hi = re.search(r"EndLine:\s*(\d+)", b)
		if lo and hi and re.search(r"RuleID:\s*ruleID", b):
			helpers[m.group(1)] = (int(lo.group(1)),
					       int(hi.group(1)))
	for m in re.finditer(r'(\w+)\s*:=\s*(\w+)\("([^"]+)"[^)]*?(\d+)\)',
			     body):
		if m.group(2) in helpers:
			lo, hi = helpers[m.group(2)]
			named[m.group(1)] = (m.group(3), lo, hi,
					     "*" * int(m.group(4)))
	tests = body[body.index("tests := []struct"):]
	tests = block(tests, tests.index("}{") + 1)
	for m in re.finditer(r"\{\s*name:\s*\"([^\"]*)\"", tests):
		case = block(tests, m.start())
		cfg = re.search(r"configPath:\s*([^\n]*)", case)
		inp = re.search(r"inputFilePath:\s*([^\n]*)", case)
		if not cfg or not inp:
			continue
		cfg = re.findall(r'"([^"]+)"', cfg.group(1))[-1]
		inp = re.findall(r'"([^"]+)"', inp.group(1))[-1]
		found = []
		fl = re.search(r"Findings:\s*\[\]types\.SecretFinding\{", case)
		if fl:
			lst = block(case, fl.end() - 1)[1:-1]
			pos = 0
			while pos < len(lst):
				w = re.compile(r"\s*(?:(\w+)|(\{))\s*,?").match(
					lst, pos)
				if not w or w.end() == pos:
					break
				if w.group(1):
					found.append(named.get(w.group(1)))
					pos = w.end()
				else:
					b = block(lst, w.start(2))
					found.append(finding(b, masks))
					pos = lst.index(b, w.start(2)) + len(b)
					pos = re.compile(r"\s*,?").match(
						lst, pos).end()
		yield m.group(1), os.path.basename(cfg), \
			os.path.basename(inp), found


def masked_match(masked, line):
	"""Whether LINE is MASKED outside its asterisks."""
	if masked is None:
		return False
	if len(masked) == len(line):
		return all(a == "*" or a == b for a, b in zip(masked, line))
	parts = [p for p in re.split(r"\*+", masked) if len(p) >= 3]
	return bool(parts) and all(p in line for p in parts)


def scope(rule, providers, held_provider):
	if rule in NOT_SECRET:
		return NOT_SECRET[rule]
	p = PROVIDER.get(rule)
	if p == "generic":
		return None
	if p is None:
		p = held_provider(rule.split("-")[0], providers)
	elif p not in providers:
		p = None
	if p is None:
		return "no gate rule for provider '%s'" % (
			PROVIDER.get(rule) or rule.split("-")[0])
	return None


def evaluate(repo, gate, providers, ev):
	sc = ev.Score("trivy secret scanner tests (%s)" % ev.short_rev(repo))
	cases = list(expectations(ev.show(repo, TEST)))
	configs = {c[1] for c in cases}
	inputs = {c[2] for c in cases} | {
		p[len(DATA):] for p in ev.ls_files(repo, DATA)
		if p[len(DATA):] not in configs}
	custom = set()  # the rules trivy's test configs define
	for cfg in configs:
		custom.update(re.findall(r"(?m)^\s*-\s*id:\s*(\S+)",
					 ev.show(repo, DATA + cfg)))
	# lines a custom rule finds in any case: not labels of the default
	by_custom = {(c[2], ln) for c in cases for f in c[3]
		     if f and f[0] in custom for ln in range(f[1], f[2] + 1)}
	files = []
	checked = matched = 0
	for name in sorted(inputs):
		text = ev.show(repo, DATA + name)
		lines = text.replace("\r", "").split("\n")
		mine = [c for c in cases if c[2] == name]
		use = [c for c in mine if c[1] in DEFAULT and
		       not PATH_CASE.search(c[0])]
		why_all = OUT_INPUT.get(name)
		if not why_all and not use:
			if any(PATH_CASE.search(c[0]) for c in mine):
				why_all = "negative only for trivy's builtin " \
					  "allow rule for the path (markdown " \
					  "and example files)"
			elif mine:
				why_all = "used only with custom trivy " \
					  "configs (%s)" % ", ".join(sorted(
						  {c[1] for c in mine}))
			else:
				continue  # not an input of TestSecretScanner
		if why_all:
			n = sum(1 for x in lines if candidate(x)) or 1
			sc.extracted += n
			sc.scope_out("%s: %s" % (name, why_all), n)
			continue
		found = use[0][3]
		spans = []
		taken = set()
		for f in sorted({f for f in found if f}, key=lambda f: f[1:3]):
			rule, lo, hi, masked = f
			checked += 1
			matched += masked_match(masked, lines[lo - 1]
						if lo <= len(lines) else "")
			if any(lo <= t <= hi for t in taken):
				continue  # two findings on a line: one sample
			taken.update(range(lo, hi + 1))
			sc.extracted += 1
			if rule in custom:
				sc.scope_out("%s: found by the test config's "
					     "custom rule %s" % (name, rule))
				continue
			why = scope(rule, providers, ev.held_provider)
			if why:
				sc.scope_out("%s: %s" % (rule, why))
				continue
			spans.append((lo, hi, "tp", rule, ""))
		for n, line in enumerate(lines, 1):
			if n in taken or not candidate(line):
				continue
			sc.extracted += 1
			if (name, n) in by_custom:
				sc.scope_out("%s: found by a custom rule in "
					     "another case" % name)
				continue
			spans.append((n, n, "fp", name, ""))
		files.append(eval_lines.LineFile(eval_lines.safe_rel(name),
						 text, spans))
	stray = eval_lines.score_files(ev, sc, gate, os.path.join(
		ev.WORK, "trivy"), files)
	sc.notes.append("label check: %d of %d expected findings match "
			"their input line outside the mask" % (matched,
							      checked))
	sc.notes.append("findings on unlabeled lines (not scored): %d" %
			stray)
	return sc
