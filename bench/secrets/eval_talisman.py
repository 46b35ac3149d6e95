"""thoughtworks/talisman's detector tests as a held-out source for
bench/secrets/eval.

Talisman checks each added file; its tests build the file's content in Go
and say whether the file must fail.  Used, each input scored as one file
(a positive is detected when gate reports anything in it, a negative is
a false positive when gate does):

- detector/pattern/pattern_detector_test.go,
  TestShouldDetectPasswordPatterns: every shouldPassDetectionOfSecretPattern
  call is a positive, every shouldFailDetectionOfSecretPattern call a
  negative; the calls inside its loop are evaluated once per key word of
  the loop's list (strings.ToTitle, ToUpper, + and []byte are evaluated,
  as talisman's Go does).  Files are named secret.txt, as in the test.
- detector/filecontent/filecontent_detector_test.go: each test that runs
  the detector with the default (empty) talismanrc; a test asserting
  failures (HasFailures true, or one result) is a positive, one
  asserting none a negative.  Files are named `filename`, as in the test.

Out of scope: tests whose label depends on a talismanrc option (a
severity threshold, allowed patterns, file ignores, checksums, scopes);
credit card numbers (not credentials); positives that are bare base64 or
hex strings with nothing naming them a credential (talisman's
encoded-text detector flags any such string; gate has no rule for bare
high-entropy strings, the same scope as detect-secrets' entropy plugin),
JWTs excepted; a positive with no value (`AWS key :`: a name alone, nothing
committed).  Not used: the aggressive-mode tests (an option), the filename
and file-size detectors (names and sizes, not content), the helper unit
tests of the base64 and hex encoders (their strings are the detector
tests' strings again) and cmd/acceptance_test.go (exit codes of the hook
under talismanrc files; its one secret is the detector tests' AWS
example key).
"""

import os
import re

import eval_lines

PATTERN_TEST = "detector/pattern/pattern_detector_test.go"
CONTENT_TEST = "detector/filecontent/filecontent_detector_test.go"
CALLS = {"shouldPassDetectionOfSecretPattern": "tp",
	 "shouldFailDetectionOfSecretPattern": "fp"}
RC_OPTION = re.compile(r"Threshold|AllowedPatterns|FileIgnoreConfig\{|"
		       r"Checksum|ScopeConfig")
BARE = re.compile(r"[A-Za-z0-9+/=_.-]+")
JWT = re.compile(r"^eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+$")


class Unknown(Exception):
	pass


class Expr:
	"""The Go string expressions of talisman's tests: literals, names,
	+, []byte(...), strings.ToTitle/ToUpper/ToLower, and list[i]."""

	def __init__(self, toks, env):
		self.t = toks
		self.env = env

	def tok(self, i):
		return self.t[i] if i < len(self.t) else ("eof", "")

	def expr(self, i):
		v, i = self.term(i)
		while self.tok(i)[1] == "+":
			w, i = self.term(i + 1)
			v += w
		return v, i

	def term(self, i):
		kind, text = self.tok(i)
		if kind == "s":
			return text, i + 1
		if [x[1] for x in self.t[i:i + 4]] == ["[", "]", "byte", "("]:
			v, i = self.expr(i + 4)
			return v, self.close(i)
		if kind == "ident" and text in ("strings.ToTitle",
						"strings.ToUpper",
						"strings.ToLower") and \
		   self.tok(i + 1)[1] == "(":
			v, i = self.expr(i + 2)
			v = v.lower() if text.endswith("Lower") else v.upper()
			return v, self.close(i)
		if kind == "ident" and text in self.env:
			v = self.env[text]
			i += 1
			if self.tok(i)[1] == "[":
				idx = self.tok(i + 1)[1]
				if idx not in self.env or \
				   self.tok(i + 2)[1] != "]":
					raise Unknown("index " + idx)
				v = v[self.env[idx]]
				i += 3
			if not isinstance(v, str):
				raise Unknown("not a string: " + text)
			return v, i
		raise Unknown("token " + text)

	def close(self, i):
		if self.tok(i)[1] != ")":
			raise Unknown("expected )")
		return i + 1


def matching(toks, i):
	"""The index of the } closing the { at toks[i]."""
	depth = 0
	for j in range(i, len(toks)):
		if toks[j] == ("op", "{"):
			depth += 1
		elif toks[j] == ("op", "}"):
			depth -= 1
			if depth == 0:
				return j
	return len(toks)


def funcs(src):
	"""{test function name: its text}."""
	out = {}
	parts = re.split(r"\nfunc ", src)
	for p in parts[1:]:
		m = re.match(r"(Test\w*)\(", p)
		if m:
			out[m.group(1)] = p
	return out


def pattern_samples(repo, ev):
	"""Yield (label, text, note) for the calls of
	TestShouldDetectPasswordPatterns; label "unparsed" for a call the
	evaluator cannot read."""
	body = funcs(ev.show(repo, PATTERN_TEST)).get(
		"TestShouldDetectPasswordPatterns", "")
	toks = ev.go_tokens(body)
	env = {}
	loop = None  # (first, last token, loop variable, list)
	for i in range(len(toks) - 3):
		k, text = toks[i]
		if k == "ident" and toks[i + 1][1] == ":=" and \
		   toks[i + 2][1] == "[":
			j = i + 2
			while toks[j][1] != "{":
				j += 1
			end = matching(toks, j)
			env[text] = [x[1] for x in toks[j + 1:end]
				     if x[0] == "s"]
		if text == "for" and loop is None:
			var = toks[i + 1][1]
			j = i
			while toks[j][1] != "{":
				j += 1
			lst = next((x[1] for x in toks[i:j]
				    if x[1] in env), None)
			loop = (j, matching(toks, j), var, lst)
	for i, (k, text) in enumerate(toks):
		if k != "ident" or text not in CALLS or \
		   toks[i + 1][1] != "(":
			continue
		j = i + 2
		while toks[j][1] != ",":  # the file name argument
			j += 1
		inside = loop and loop[0] < i < loop[1] and loop[3]
		for n in range(len(env[loop[3]])) if inside else [None]:
			e = dict(env)
			if n is not None:
				e[loop[2]] = n
			try:
				v, _ = Expr(toks, e).expr(j + 1)
			except (Unknown, IndexError, KeyError, TypeError):
				yield "unparsed", "", "call at token %d" % i
				continue
			yield CALLS[text], v, ""


def content_samples(repo, ev):
	"""Yield (test name, label or None, text, why out of scope or None)
	for the tests of the file content detector."""
	for name, body in sorted(funcs(ev.show(repo, CONTENT_TEST)).items()):
		if "NewFileContentDetector" not in body:
			continue
		toks = ev.go_tokens(body)
		env = {}
		content = None
		for i in range(len(toks) - 2):
			k, text = toks[i]
			at = None
			if k == "ident" and toks[i + 1][1] == ":=":
				at = i + 2
			elif text == "const":
				j = i + 2
				if toks[j][1] == "string":
					j += 1
				if toks[j][1] == "=":
					at = j + 1
				text = toks[i + 1][1]
			if at is not None:
				try:
					env[text], _ = Expr(toks, env).expr(at)
				except (Unknown, IndexError, KeyError,
					TypeError):
					pass
			if text == "gitrepo.NewAddition" and content is None:
				j = i + 2
				while toks[j][1] != ",":
					j += 1
				try:
					content, _ = Expr(toks, env).expr(j + 1)
				except (Unknown, IndexError, KeyError,
					TypeError):
					content = None
		if content is not None and RC_OPTION.search(body):
			yield name, "fp", content, "label depends on a " \
				"talismanrc option (threshold, allowed " \
				"patterns, file ignores)"
			continue
		if content is None:
			yield name, None, "", None
			continue
		if re.search(r"assert\.False\(t, results\.HasFailures\(\)",
			     body):
			label = "fp"
		elif re.search(r"assert\.True\(t, results\.HasFailures\(\)|"
			       r"assert\.Len\(t, results\.Results, 1\)", body):
			label = "tp"
		else:
			yield name, None, content, None
			continue
		why = None
		if label == "tp" and re.search(r"(?i)credit ?card", body):
			why = "credit card numbers: not credentials"
		elif label == "tp" and all(
			BARE.fullmatch(x.strip()) and
			not JWT.match(x.strip())
			for x in content.split("\n") if x.strip()):
			why = "a bare base64 or hex string with nothing " \
			      "naming it a credential (gate has no rule " \
			      "for bare high-entropy strings)"
		yield name, label, content, why


def evaluate(repo, gate, providers, ev):
	sc = ev.Score("talisman detector tests (%s)" % ev.short_rev(repo))
	files = []

	def add(fname, label, text, tag, note):
		body = text if text.endswith("\n") else text + "\n"
		rel = eval_lines.safe_rel("%03d" % len(files), fname)
		files.append(eval_lines.LineFile(rel, body, [
			(1, body.count("\n"), label, tag, note)]))

	for label, text, note in pattern_samples(repo, ev):
		if label == "unparsed":
			sc.unparsed += 1
			sc.unparsed_why["pattern test: " + note] = 1
			continue
		sc.extracted += 1
		if label == "tp" and re.search(r"[:=]\s*$", text):
			sc.scope_out("pattern test: a positive with no value "
				     "(a name alone, nothing committed)")
			continue
		add("secret.txt", label, text, "pattern", note)
	for name, label, text, why in content_samples(repo, ev):
		if label is None:
			sc.unparsed += 1
			sc.unparsed_why["content test %s: no content or "
					"label read" % name] = 1
			continue
		sc.extracted += 1
		if why:
			sc.scope_out("filecontent %s: %s" % (name, why))
			continue
		add("filename", label, text, "filecontent", "(%s)" % name)
	stray = eval_lines.score_files(ev, sc, gate, os.path.join(
		ev.WORK, "talisman"), files)
	sc.notes.append("findings on unlabeled lines (not scored): %d" %
			stray)
	return sc
