"""Skyscanner/whispers fixtures as a held-out source for bench/secrets/eval.

whispers' fixtures (tests/fixtures/*) split each file into sections named
compliant and noncompliant (a YAML or JSON key, an XML element, an INI
section, a "# Compliant" comment), and its unit tests
(tests/unit/test_secrets.py) give, per file, how many values it reports
or which keys.  Every value it reports contains "hardcoded" (the test
checks that), so:

- a line of a noncompliant section whose value holds "hardcoded" (or is
  a bare number, which the test lets through) is a positive;
- in the files its tests name by key (aws, private keys, jenkins,
  CloudFormation), the lines of those keys are the positives, with the
  lines indented under them;
- every other line of a compliant section that holds a value is a
  negative; so is every such line of a file without sections, or
  without "hardcoded", whose expected count is known.

The positives found are checked against whispers' expected counts and
keys (the label check line).  What gate does not claim is out of scope:
credit cards, file paths and HTML comments (whispers flags them as
sensitive, gate does not look for them), password hashes, webhook URLs
gate has no rule for, and negatives that are negatives only under a
whispers option (an exclude list in its test config, its check that a
Docker auth decodes to user:password).
"""

import ast
import re

import eval_lines

FIXTURES = "tests/fixtures/"
TESTS = "tests/unit/test_secrets.py"

OUT_FILE = {  # fixture -> why nothing of it is in scope
	"creditcards.yml": "credit card numbers: gate looks for credentials",
	"paths.yml": "file paths (whispers' path rule): not credentials",
	"language.html": "HTML comments (whispers' comment rule): not "
			 "credentials",
	"severity.yml": "its sections are whispers severities, not labels",
	"ruleslist.yml": "a test of whispers' rule selection; its samples "
			 "repeat apikeys.yml and passwords.yml",
	"cors.py": "no labels (a test of whispers' plugin choice)",
	"language.py2": "no labels (a test of a parse failure)",
	"invalid.json": "no labels (a test of a parse failure)",
	"folder/password/.gitkeep": "no labels (a test of file names)",
}
# The value of these keys is the sample in sections without "hardcoded":
# the key whispers' test names (excluded.*), the value its plugin reads.
VALUE_KEY = {".dockercfg": "auth", "connection.config": "Password",
	     "excluded.json": "hardcoded_password",
	     "excluded.xml": "hardcoded_password",
	     "excluded.yml": "hardcoded_password"}
PROVIDER = {"aws.json": "aws", "aws.xml": "aws", "aws.yml": "aws",
	    "gitkeys.yml": "github", ".npmrc": "npm",
	    "privatekeys.json": "private", "privatekeys.xml": "private",
	    "privatekeys.yml": "private", ".dockercfg": "docker",
	    "jenkins.xml": "jenkins"}

MARK = re.compile(r"(?i)(?<![a-z])(non-?|in)?compliant(?![a-z])")
HARDCODED = re.compile(r"(?i)hardcoded")
# A line that only opens or closes a block: `key:`, `"key": {`, `]`,
# `<entry>`, a bare word.
OPENER = re.compile(r"""(?:-\s*)?["']?[^"'\s=]*["']?\s*:\s*[\[{(]?""")
PUNCT = re.compile(r"[\[\]{}(),;\\\s]*|[\w.-]+\s*\\?")
XML_ONLY = re.compile(r"\s*(?:<[^>]*>\s*)+")


def marker(line):
	"""'tp' or 'fp' when LINE opens a noncompliant or compliant section,
	else None.  The word must come before the line's value (not in
	`x = NONCOMPLIANT_TOKEN`) or be part of an XML tag."""
	m = MARK.search(line)
	if not m:
		return None
	s = line.lstrip()
	sep = re.search(r"=|:(?!/)", line)
	if s.startswith("<") or not sep or sep.start() > m.start():
		return "tp" if m.group(1) else "fp"
	return None


def holds_value(line):
	s = line.strip()
	if not s or PUNCT.fullmatch(s) or OPENER.fullmatch(s):
		return False
	if XML_ONLY.fullmatch(s) and not re.search(r'=\s*"[^"]', s):
		return False
	return True


def is_key(line, key):
	k = re.escape(key)
	return re.search(r"""(?:^|[\s<"'{,])%s(?:[>\s]|["']?\s*[:=])""" % k,
			 line) is not None


def indent(line):
	return len(line) - len(line.lstrip())


def expectations(repo, ev):
	"""{fixture: expected count} and {fixture: [expected keys]} from the
	parametrize tables of whispers' test_secrets.py."""
	counts, keys = {}, {}
	tree = ast.parse(ev.show(repo, TESTS))
	for node in ast.walk(tree):
		if not (isinstance(node, ast.Call) and
			isinstance(node.func, ast.Attribute) and
			node.func.attr == "parametrize" and
			len(node.args) >= 2):
			continue
		try:
			names = ast.literal_eval(node.args[0])
			rows = ast.literal_eval(node.args[1])
		except ValueError:
			continue
		if names == ("src", "count"):
			counts.update({r[0]: r[1] for r in rows})
		elif names == ("src", "expected"):
			keys.update({r[0]: r[1] for r in rows})
	return counts, keys


def label_file(name, text, keys):
	"""Yield (first, last, label, section marker line) for the labeled
	lines of fixture NAME."""
	lines = text.split("\n")
	marked = any(marker(x) for x in lines)
	vkey = VALUE_KEY.get(name)
	region, where = (None, "") if marked else ("file", "")
	tp_lines = set()
	for n, line in enumerate(lines, 1):
		m = marker(line)
		if m:
			region, where = m, line.strip()
		if region is None:
			continue
		if keys is not None:  # by key: the tests name the keys
			hit = next((k for k in keys if is_key(line, k)), None)
			if hit and region in ("tp", "file"):
				end = n
				while end < len(lines) and \
				      (not lines[end].strip() or
				       indent(lines[end]) > indent(line)):
					end += 1
				while end > n and not lines[end - 1].strip():
					end -= 1
				tp_lines.update(range(n, end + 1))
				yield n, end, "tp", where
		if n in tp_lines or not holds_value(line):
			continue
		if m and not re.search(r"[:=]\s*\S", line[MARK.search(
				line).end():]) and not HARDCODED.search(line):
			continue  # the section's own name
		value = re.sub(r"(?i)hardcoded_passwords?", "", line)
		if keys is not None:
			if region in ("fp", "file"):
				yield n, n, "fp", where
			continue
		pos = HARDCODED.search(value) or \
			re.search(r"[:=>]\s*\d{10,}\s*(?:<|$)", value) or \
			(vkey and is_key(line, vkey))
		if region == "tp" and pos:
			yield n, n, "tp", where
		elif region == "file" and HARDCODED.search(value):
			yield n, n, "tp", where
		elif region in ("fp", "file"):
			yield n, n, "fp", where


def spans_of(lines, labeled):
	"""Widen each positive over the unlabeled lines that belong to it:
	up to two lines before (a key alone on its line, `docker run \\`)
	and the lines a trailing backslash continues."""
	taken = {ln for a, b, _, _ in labeled for ln in range(a, b + 1)}
	out = []
	for lo, hi, label, where in labeled:
		if label == "tp" and lo == hi:
			while lo > 1 and hi - lo < 2 and \
			      lo - 1 not in taken and \
			      lines[lo - 2].strip() and \
			      not marker(lines[lo - 2]):
				lo -= 1
			while hi < len(lines) and \
			      lines[hi - 1].rstrip().endswith("\\") and \
			      hi + 1 not in taken:
				hi += 1
		out.append((lo, hi, label, where))
	return out


def scope(name, line, label, where, providers):
	"""Why the sample at LINE of fixture NAME is out of scope, or None."""
	if name.startswith("excluded.") and label == "fp":
		return "negative only under whispers' exclude config " \
		       "(tests/configs/exclude_*.yml)"
	if name == ".dockercfg" and "compliant4" in where:
		return "negative only for whispers' check that a Docker auth " \
		       "decodes to user:password"
	if name == "jenkins.xml" and "PasswordHash" in line:
		return "password hashes: gate has no rule for them"
	if name == "webhooks.yml" and re.search(r"hubspot|twilio", line):
		return "HubSpot and Twilio webhook URLs: gate has no rule " \
		       "for them"
	prov = PROVIDER.get(name)
	if prov and prov not in providers:
		return "no gate rule for provider '%s'" % prov
	return None


def evaluate(repo, gate, providers, ev):
	sc = ev.Score("whispers fixtures (%s)" % ev.short_rev(repo))
	counts, keys = expectations(repo, ev)
	files = []
	checked, mismatch = 0, []
	for path in sorted(ev.ls_files(repo, FIXTURES)):
		name = path[len(FIXTURES):]
		text = ev.show(repo, path)
		if name in OUT_FILE:
			n = max(1, len(HARDCODED.findall(text)))
			sc.extracted += n
			sc.scope_out("%s: %s" % (name, OUT_FILE[name]), n)
			continue
		lines = text.split("\n")
		labeled = spans_of(lines, list(label_file(name, text,
							  keys.get(name))))
		npos = sum(max(1, len(re.findall(  # values, not lines
			r"""(?i)[^\s"',=]*hardcoded(?!_password)[^\s"',]*""",
			lines[a - 1]))) for a, b, label, _ in labeled
			   if label == "tp")
		want = len(keys[name]) if name in keys else counts.get(name)
		if want is not None:
			checked += 1
			if want != npos:
				mismatch.append("%s %d/%d" % (name, npos, want))
		spans = []
		for lo, hi, label, where in labeled:
			sc.extracted += 1
			why = scope(name, lines[lo - 1], label, where,
				    providers)
			if why:
				sc.scope_out("%s: %s" % (name, why))
				continue
			spans.append((lo, hi, label, name, ""))
		files.append(eval_lines.LineFile(eval_lines.safe_rel(name),
						 text, spans))
	stray = eval_lines.score_files(ev, sc, gate, ev.os.path.join(
		ev.WORK, "whispers"), files)
	sc.notes.append("label check: the positives of %d fixtures match "
			"whispers' expected counts or keys%s" % (
				checked - len(mismatch),
				"; not: " + ", ".join(mismatch) if mismatch
				else " (all)"))
	sc.notes.append("findings on unlabeled lines (not scored): %d" %
			stray)
	return sc
