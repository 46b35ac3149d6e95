"""semgrep/semgrep-rules tests as a held-out source for bench/secrets/eval.

Every rule X.yaml of semgrep-rules has a test file beside it (X.py,
X.txt, X.test.yaml, ...) whose comments label the next code line: after
"ruleid: ID" the rule must report the line, after "ok: ID" it must not
("todoruleid:" and "todook:" mark the rule's known misses and false
alarms: the label is what the line is, so they count as ruleid and ok).
Annotations stacked on consecutive comment lines all label the next code
line.  A labeled statement that opens brackets runs on until they close
(at most 8 lines): one sample.

Used:
- generic/secrets/security/*: semgrep's own secret detectors (tokens of
  providers, keys, passwords in URIs); in scope when gate has a rule for
  the provider, or for generic forms;
- the rules of the language directories about a secret committed in
  code: hard-coded JWT, session, HMAC and passport keys, hard-coded
  tokens, passwords and credentials (LANG below; each rule whose id
  speaks of a secret, password, credential, token or hard-coding is
  listed there, in scope or with the reason it is not).

Out of scope: generic/secrets/gitleaks/* (semgrep's ports of gitleaks'
rules: gitleaks is a source the pack was tuned on), rules about
something else than a committed value (md5 or empty passwords, logging,
unverified or unsigned JWTs, secret lifetimes), identifiers and password
hashes, providers gate has no rule for, and a positive of a language
rule whose value is not on its lines (jwt.encode(payload, SECRET) with
SECRET set elsewhere: the literal is elsewhere; gate reads lines, not
data flow).  A negative whose line is a positive of another rule of the
source is out of scope too (a negative for its own rule only).
"""

import os
import re
import subprocess

import eval_lines

SECURITY = "generic/secrets/security/"
GITLEAKS = "generic/secrets/gitleaks/"
ANNOT = re.compile(r"(?:#|//|--|/\*|<!--|;|%|\*)\s*(todoruleid|todook|"
		   r"ruleid|ok)\s*:\s*([\w.-]+(?:\s*,\s*[\w.-]+)*)")
# Rule ids of the language directories worth a look (see LANG).
ID_WORDS = r"hardcode|hard-code|secret|passw|credential|token|jwt"

_NOT_VALUE = "not about a committed value: "
LANG = {  # rule id -> None (in scope) or why not
	"avoid_hardcoded_config_SECRET_KEY": None,
	"aws-lambda-environment-credentials": None,
	"aws-provider-static-credentials": None,
	"build-gradle-password-hardcoded": None,
	"check-rails-secret-yaml": None,
	"check-rails-session-secret-handling": None,
	"check-secrets": None,
	"express-jwt-hardcoded-secret": None,
	"express-session-hardcoded-secret": None,
	"hardcoded-hmac-key": None,
	"hardcoded-http-auth-in-controller": None,
	"hardcoded-jwt-key": None,
	"hardcoded-jwt-secret": None,
	"hardcoded-passport-secret": None,
	"hardcoded-password-default-argument": None,
	"hardcoded-secret-rsa-passphrase": None,
	"hardcoded-token": None,
	"java-jwt-hardcoded-secret": None,
	"jwt-python-hardcoded-secret": None,
	"jwt-scala-hardcode": None,
	"rds-insecure-password-storage-in-source-code": None,
	"ruby-jwt-hardcoded-secret": None,
	"scala-jwt-hardcoded-secret": None,
	"secrets-in-config-file": None,
	"avoid_hardcoded_config_DEBUG": _NOT_VALUE + "a debug flag",
	"avoid_hardcoded_config_ENV": _NOT_VALUE + "an environment name",
	"avoid_hardcoded_config_TESTING": _NOT_VALUE + "a testing flag",
	"named-credentials-constant-match": _NOT_VALUE + "an Authorization "
		"header built from parameters (use Named Credentials)",
	"named-credentials-string-match": _NOT_VALUE + "an Authorization "
		"header built from parameters (use Named Credentials)",
	"secret-in-build-arg": _NOT_VALUE + "a Docker build argument "
		"named like a secret",
	"secure-parameter-for-secrets": _NOT_VALUE + "a Bicep parameter "
		"not marked @secure",
	"azure-scale-set-password": _NOT_VALUE + "password logins enabled",
	"api-key-in-query-parameter": _NOT_VALUE + "an API design",
	"md5-used-as-password": _NOT_VALUE + "MD5 used to hash passwords",
	"password-empty-string": _NOT_VALUE + "an empty Django password",
	"use-none-for-password-default": _NOT_VALUE + "an empty default "
		"password",
	"unvalidated-password": _NOT_VALUE + "a password set unvalidated",
	"ldap-bind-without-password": _NOT_VALUE + "an LDAP bind without "
		"password",
	"python-logger-credential-disclosure": _NOT_VALUE + "a credential "
		"logged",
	"hashids-with-django-secret": _NOT_VALUE + "the secret key used "
		"as a Hashids salt",
	"hashids-with-flask-secret": _NOT_VALUE + "the secret key used "
		"as a Hashids salt",
	"django-no-csrf-token": _NOT_VALUE + "a form without CSRF token",
	"express-jwt-not-revoked": _NOT_VALUE + "JWT revocation",
	"jwt-tokenvalidationparameters-no-expiry-validation":
		_NOT_VALUE + "JWT expiry validation",
	"unsigned-security-token": _NOT_VALUE + "an unsigned token",
	"react-jwt-decoded-property": _NOT_VALUE + "JWT claims shown",
	"react-jwt-in-localstorage": _NOT_VALUE + "JWT storage",
	"aws-secretsmanager-secret-unencrypted": _NOT_VALUE + "secret "
		"encryption settings",
	"azure-secret-content-type": _NOT_VALUE + "Key Vault settings",
	"azure-secret-expiration-date": _NOT_VALUE + "Key Vault settings",
	"keyvault-content-type-for-secret": _NOT_VALUE + "Key Vault "
		"settings",
	"keyvault-ensure-secret-expires": _NOT_VALUE + "Key Vault settings",
	"hardcoded-conditional": _NOT_VALUE + "a constant condition",
	"hardcoded-eq-true-or-false": _NOT_VALUE + "a constant condition",
	"hardcoded-tmp-path": _NOT_VALUE + "a temporary path",
	"balancer-readonly-reentrancy-getpooltokens":
		_NOT_VALUE + "a Solidity reentrancy",
}
LANG_PATTERNS = ((r"none-alg|noverify|without-verify|parse-unverified|"
		  r"unverified-jwt", _NOT_VALUE + "JWT verification"),
		 (r"exposed-(?:data|credentials)", _NOT_VALUE +
		  "data put into a JWT payload"))

# generic/secrets/security: detector id -> gate provider, "generic", or
# why it is out of scope.
SEC_PROVIDER = {
	"detected-aws-account-id": "!AWS account IDs are identifiers, not "
				   "secrets",
	"detected-bcrypt-hash": "!password hashes: gate has no rule for "
				"them",
	"detected-etc-shadow": "!password hashes: gate has no rule for them",
	"detected-amazon-mws-auth-token": "aws",
	"detected-artifactory-password": "jfrog",
	"detected-artifactory-token": "jfrog",
	"detected-generic-api-key": "generic",
	"detected-generic-secret": "generic",
	"detected-username-and-password-in-uri": "generic",
	"detected-ssh-password": "generic",
	"detected-private-key": "private",
	"detected-pgp-private-key-block": "private",
	"detected-paypal-braintree-access-token": "braintree",
	"detected-outlook-team": "microsoft",
	"detected-sonarqube-docs-api-key": "sonarqube",
	"detected-google-gcm-service-account": "gcp",
	"google-maps-apikeyleak": "google",
}
# Languages whose positives must hold their value: a quoted literal.
CODE = re.compile(r"\.(?:py|js|jsx|ts|tsx|java|rb|go|scala|kt|kts|cs|php|"
		  r"cls|gradle|tf|hcl|swift|c|cpp|rs|ex|exs|clj)$")
LITERAL = re.compile(r""""((?:[^"\\\n]|\\.)+)"|'((?:[^'\\\n]|\\.)+)'|"""
		     r"""`([^`]+)`""")
# Literals that are not the secret: algorithm and option names, URLs and
# paths, short words (a service or region name: "s3", "sfo2") and the
# tests' JWT claims ({"some": "payload"}).
NOT_VALUE = re.compile(r"(?i)(?:[HRE]S|PS)(?:256|384|512)|none|utf-?8|"
		       r"hex|base64|sha\d*|md5|aes[\w-]*|hmac[\w-]*|"
		       r"[a-z][a-z+.-]*://.*|/.*|.{0,5}|payload", re.S)


def annotations(lines):
	"""Yield (first, last, [(kind, rule id)]) for each labeled code line
	of a test file, lines counted from 1."""
	pending = []
	n = 0
	while n < len(lines):
		line = lines[n]
		m = ANNOT.search(line)
		if m:
			kind = {"todoruleid": "ruleid", "todook": "ok"}.get(
				m.group(1), m.group(1))
			ids = [i.strip() for i in m.group(2).split(",")]
			pending += [(kind, i) for i in ids]
			code = line[:m.start()].strip()
			if code and not code.endswith(("/*", "<!--")):
				yield n + 1, n + 1, pending  # same line
				pending = []
			n += 1
			continue
		if pending and line.strip():
			lo = n
			depth = 0
			while True:
				s = LITERAL.sub("", lines[n])
				depth += len(re.findall(r"[(\[{]", s)) - \
					len(re.findall(r"[)\]}]", s))
				if depth <= 0 or n + 1 >= len(lines) or \
				   n - lo >= 7 or ANNOT.search(lines[n + 1]):
					break
				n += 1
			yield lo + 1, n + 1, pending
			pending = []
		n += 1


def holds_value(path, text):
	"""Whether a positive's lines hold its value: in code files, a quoted
	literal that is not an algorithm or option name, a URL or path, or a
	word of five characters or fewer."""
	if not CODE.search(path):
		return True
	for m in LITERAL.finditer(text):
		v = next(g for g in m.groups() if g is not None)
		if not NOT_VALUE.fullmatch(v.strip()):
			return True
	return False


def rule_files(repo, ev):
	"""{rule yaml path: [rule ids]} for the detectors and for the rules
	of the language directories whose ids match ID_WORDS."""
	out = {}
	r = subprocess.run(["git", "-C", repo, "grep", "-I", "-i", "-E",
			       r"^\s*- id:\s*\S*(%s)" % ID_WORDS, "HEAD",
			       "--", "*.yaml", "*.yml"],
			      capture_output=True)
	for line in r.stdout.decode("utf-8", "replace").split("\n"):
		m = re.match(r"HEAD:([^:]+):\s*- id:\s*(\S+)", line)
		if m and not m.group(1).startswith("generic/secrets/"):
			out.setdefault(m.group(1), []).append(
				m.group(2).strip("'\""))
	for p in ev.ls_files(repo, "generic/secrets/"):
		if p.endswith(".yaml"):
			out.setdefault(p, [os.path.basename(p)[:-5]])
	return out


def test_files(repo, ev, yaml_path):
	d, base = os.path.split(yaml_path)
	stem = base.rsplit(".", 1)[0] + "."
	return [p for p in ev.ls_files(repo, d + "/")
		if os.path.dirname(p) == d and
		os.path.basename(p).startswith(stem) and p != yaml_path and
		".fixed." not in os.path.basename(p)]


def scope(path, rid, providers, held_provider):
	"""Why rule RID (defined at PATH) is out of scope, or None."""
	if path.startswith(GITLEAKS):
		return "semgrep's port of a gitleaks rule (gitleaks is a " \
		       "source the pack was tuned on)"
	if path.startswith(SECURITY):
		p = SEC_PROVIDER.get(rid)
		if p and p.startswith("!"):
			return p[1:]
		if p is None:
			p = held_provider(rid.replace("detected-", "").split(
				"-")[0], providers)
			if p is None:
				return "no gate rule for provider '%s'" % \
					rid.replace("detected-", "")
		elif p != "generic" and p not in providers:
			return "no gate rule for provider '%s'" % p
		return None
	if rid in LANG:
		return LANG[rid]
	for pat, why in LANG_PATTERNS:
		if re.search(pat, rid):
			return why
	return "rule not reviewed"


def evaluate(repo, gate, providers, ev):
	sc = ev.Score("semgrep-rules secret tests (%s)" % ev.short_rev(repo))
	labeled = []  # (test path, text, lines, [(lo, hi, kind, rid, why)])
	positives = set()  # stripped text of in-scope positives
	for ypath, ids in sorted(rule_files(repo, ev).items()):
		for tpath in test_files(repo, ev, ypath):
			raw = ev.git(repo, "show", "HEAD:" + tpath)
			if b"\0" in raw:
				continue
			text = raw.decode("utf-8", "replace")
			lines = text.split("\n")
			samples = []
			for lo, hi, anns in annotations(lines):
				for kind, rid in anns:
					if rid not in ids:
						continue  # another file's rule
					why = scope(ypath, rid, providers,
						    ev.held_provider)
					samples.append((lo, hi, kind, rid, why))
					body = "\n".join(lines[lo - 1:hi])
					if kind == "ruleid" and (
					   not why or ypath.startswith(
						   "generic/secrets/")):
						positives.add(body.strip())
			if samples:
				labeled.append((tpath, text, lines, samples))
	files = []
	for tpath, text, lines, samples in labeled:
		spans = {}
		for lo, hi, kind, rid, why in samples:
			sc.extracted += 1
			body = "\n".join(lines[lo - 1:hi])
			if why:
				sc.scope_out("%s: %s" % (rid, why))
				continue
			if kind == "ruleid" and not holds_value(tpath, body):
				sc.scope_out(rid + ": the literal is elsewhere "
					     "(the line passes a variable; "
					     "gate reads lines, not data "
					     "flow)")
				continue
			if kind == "ok" and body.strip() in positives:
				sc.scope_out("%s: negative only for its rule: "
					     "the line is a positive of "
					     "another rule" % rid)
				continue
			label = "tp" if kind == "ruleid" else "fp"
			old = spans.get(lo)
			if old and (old[2] == "tp" or label == "fp"):
				sc.extracted -= 1  # one line, one sample
				continue
			spans[lo] = (lo, hi, label, rid, "")
		if spans:  # files with nothing in scope are not run
			files.append(eval_lines.LineFile(
				eval_lines.safe_rel(tpath), text,
				sorted(spans.values())))
	stray = eval_lines.score_files(ev, sc, gate, os.path.join(
		ev.WORK, "semgrep"), files)
	sc.notes.append("findings on unlabeled lines (not scored): %d" %
			stray)
	return sc
