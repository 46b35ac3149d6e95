#!/usr/bin/env python3
"""Check rules/secrets.yml: schema, pcre2 compilation and examples (TAP).

Usage: secrets-rules-check.py [RULES.yml]   (default: $GATE_RULES_DIR or
$TEST_SRCDIR/rules, else the rules/ next to this script's parent)

Every rule must compile with pcre2, have a lowercase-kebab id, lowercase
keywords, at least one example that must match and one that must not,
and every example must behave: a match example gives a finding of that
rule (keyword gate, regex, secret group, entropy, checksum, allowlist),
a no-match example gives none. Also checks that every "match" example of
a rule is reachable through at least one of its keywords, so the
engine's keyword prefilter cannot hide it, and that with the whole pack
loaded (overlapping findings merged, specific beating generic, the
engine's built-in placeholder test) a match example gives exactly one
finding, of its own rule.
"""

import os
import re
import sys

sys.dont_write_bytecode = True  # keep the source tree clean
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import secrets_rules  # noqa: E402

ID_RX = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Tap:
	def __init__(self):
		self.n = 0
		self.failed = 0

	def ok(self, cond, name, diag=None):
		self.n += 1
		if not cond:
			self.failed += 1
		print("%s %d - %s" % ("ok" if cond else "not ok", self.n, name))
		if not cond and diag:
			for line in diag.splitlines():
				print("#   " + line)

	def done(self):
		print("1..%d" % self.n)
		return 1 if self.failed else 0


def redact(s):
	"""Examples are synthetic, but keep the habit: never print a secret."""
	return s if len(s) <= 12 else "%s... (%d chars)" % (s[:8], len(s))


def default_path():
	if os.environ.get("GATE_RULES_DIR"):
		return os.path.join(os.environ["GATE_RULES_DIR"], "secrets.yml")
	if os.environ.get("TEST_SRCDIR"):
		return os.path.join(os.environ["TEST_SRCDIR"], "..", "rules",
			"secrets.yml")
	here = os.path.dirname(os.path.abspath(__file__))
	return os.path.join(here, "..", "rules", "secrets.yml")


def check_fragments(t):
	"""{{name}} expands as the engine's loader expands it."""
	frags = {"num": "[0-9]{3}", "tail": "-{{num}}", "loop": "x{{loop}}"}
	t.ok(secrets_rules.expand_fragments(r"tok{{tail}}\{\{num}}", frags)
		== r"tok-[0-9]{3}\{\{num}}", "fragments expand, nested; "
		"escaped braces stay literal")
	for rx, want in (("a{{nope}}", "unknown fragment '{{nope}}' at offset 1"),
			 ("{{loop}}", "recursive fragment '{{loop}}'")):
		try:
			secrets_rules.expand_fragments(rx, frags)
			got = "no error"
		except ValueError as e:
			got = str(e)
		t.ok(got.startswith(want), "fragment error: %s" % want, got)


def main(argv):
	path = argv[1] if len(argv) > 1 else default_path()
	t = Tap()
	try:
		rules = secrets_rules.load_rules(path)
	except Exception as e:  # report the load error as a failing test
		t.ok(False, "load %s" % path, str(e))
		return t.done()
	t.ok(True, "load %s (%d rules)" % (os.path.basename(path), len(rules)))
	check_fragments(t)
	t.ok(len(rules) >= 150, "at least 150 rules (%d)" % len(rules))
	ids = [r.id for r in rules]
	dups = sorted(set(i for i in ids if ids.count(i) > 1))
	t.ok(not dups, "rule ids are unique", ", ".join(dups))

	doc = os.path.join(os.path.dirname(os.path.abspath(path)), "..", "docs",
		"secrets-rules.md")
	if os.path.exists(doc):
		with open(doc, encoding="utf-8") as f:
			documented = set(re.findall(r"^\| `([a-z0-9-]+)` \|", f.read(),
				re.M))
		t.ok(not set(ids) - documented, "every rule id is documented in "
			"docs/secrets-rules.md", ", ".join(sorted(set(ids) - documented)))
		t.ok(not documented - set(ids), "every documented id is in the "
			"pack (retired ids leave the table)",
			", ".join(sorted(documented - set(ids))))
	else:
		print("ok %d # SKIP docs/secrets-rules.md not found" % (t.n + 1))
		t.n += 1

	for r in rules:
		problems = []
		if not ID_RX.match(r.id):
			problems.append("id is not lowercase-kebab")
		if not r.description:
			problems.append("no description")
		if not r.keywords and not r.no_keywords_reason:
			problems.append("no keywords and no no-keywords-reason")
		for k in r.keywords:
			if k != k.lower() or not k:
				problems.append("keyword '%s' is not lowercase" % k)
		if not r.match_examples:
			problems.append("no match example")
		if not r.nomatch_examples:
			problems.append("no no-match example")
		for ex in r.match_examples:
			low = ex.lower()
			if r.keywords and not any(k in low for k in r.keywords):
				problems.append("match example has none of the keywords: "
					+ redact(ex))
			elif not r.findings(ex):
				problems.append("match example gives no finding: "
					+ redact(ex))
			else:
				# What the engine reports with the whole pack loaded:
				# overlapping findings merge, specific beats generic.
				got = secrets_rules.scan_text(rules, ex,
					secrets_rules.example_path(r))
				if len(got) != 1 or got[0][1] is not r:
					problems.append("with the whole pack, match example "
						"gives %s: %s" % (", ".join(g[1].id for g in got)
						or "nothing", redact(ex)))
		for ex in r.nomatch_examples:
			got = r.findings(ex)
			if got:
				problems.append("no-match example gives a finding (%s): %s"
					% (redact(got[0]), redact(ex)))
		t.ok(not problems, "rule %s" % r.id, "\n".join(problems))
	return t.done()


if __name__ == "__main__":
	sys.exit(main(sys.argv))
