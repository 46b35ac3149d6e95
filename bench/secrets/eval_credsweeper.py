"""Samsung/CredSweeper samples as a held-out source for bench/secrets/eval.

tests/samples/* are CredSweeper's test inputs.  Only the labels the
samples state themselves are used:

- the file's name: *_p, *_TRUE (every line a positive), *_n, *_f, *_fp,
  *_FALSE, false_positive (every line a negative); pem_key.p.* and
  pem_key.n.* are one key each, a positive or a negative;
- a line: "T:", "TP:", "F:", "FP:" in front of its text, or "# TP",
  "- TP", "# FP", "- FP" at its end;
- a line holding only "TP:", "# TP", "FP:", "# FP", "# TRUE", "# FALSE"
  labels the lines after it, up to the next such line.

In a positive file, a line whose values are all bare words or numbers
under keys that name no secret (X_USER=root before X_PSWD=...) only sets
up the next line: out of scope.  Lines with no label are not samples,
however plain their meaning:
tests/data/output.json is CredSweeper's own verdict (with its model),
not ground truth.  Comment lines ("# ...") of a labeled file are not
samples either.  Binary and archive samples are skipped (gate does not
read inside them).  A file named after a provider gate has no rule for is
out of scope; base64-encoded documents are out of scope (gate does not
decode base64).
"""

import os
import re

import eval_lines

SAMPLES = "tests/samples/"

NAME_LABEL = re.compile(r"(?:^|_)(p|TRUE|n|f|fp|FALSE)(?=$|\.)")
PEM_LABEL = re.compile(r"^pem_key\.(p|n)\.")
LINE_PREFIX = re.compile(r"^\s*(TP|FP|T|F)\s*:\s*(\S?)")
LINE_SUFFIX = re.compile(r"\S.*?\s[#-]\s*(TP|FP)\s*$")
HEADER = re.compile(r"^\s*(?:#\s*)?(TP|FP|TRUE|FALSE)\s*:?\s*$")
SECRET_KEY = re.compile(r"(?i)pass|pw|pwd|secret|token|key|auth|cred")
COMMENT = re.compile(r"^\s*(?:#\s|//|#$)")
BINARY = re.compile(r"\.(?:bz2|gz|lzma|xz|zip|tar|zst|jks|p12|crx|rpm|deb|"
		    r"class|pyc|bin|cpio|bmp|gif|jpg|png|tiff|pdf|docx|pptx|"
		    r"xls|xlsb|xlsx|ods|odc|sqlite|pickle|dex|elf|pak|pb|"
		    r"hsqs|snk|tm7|eml|plist|rtf)(?:$|\.)")

# The provider a sample file is about, when its name does not say it in
# gate's words; None: a generic form (passwords, keys in prose, URLs).
PROVIDER = {
	"age-secret-key": "age", "antrhropic": "anthropic",
	"aws_client_id": "aws", "aws_multi": "aws", "jfrog": "jfrog",
	"jira_confluence_pat": "atlassian", "open_ai_token": "openai",
	"curl_user_password": "curl", "pem_key": "private",
	"twilio_credentials": "twilio", "digital_ocean": "digitalocean",
	"bitbuckert": "bitbucket", "salesfoce": "salesforce",
	"tvly": "tavily", "wechat": "wechat", "akamai": "akamai",
	"password": None, "doc": None, "false_positive": None, "auth": None,
	"key_value": None, "sql_password": None, "url_cred": None,
	"cmd": None, "xml_password": None, "json_web_token": "jwt",
}
OUT_NAME = {"LS0t": "base64-encoded documents: gate does not decode "
		    "base64"}


def provider_of(name, providers, held_provider):
	"""(in scope, provider) for sample file NAME."""
	base = NAME_LABEL.sub("", re.sub(r"\..*", "", name))
	for k in sorted(PROVIDER, key=len, reverse=True):
		if base == k or base.startswith(k + "_") or \
		   name.startswith(k + "."):
			p = PROVIDER[k]
			return (p is None or p in providers), p or "generic"
	p = held_provider(base.replace("-", "_"), providers)
	return p is not None, p or base


def label_lines(name, text):
	"""Yield (first, last, label) for the labeled samples of a file."""
	lines = text.split("\n")
	last = max([i for i, x in enumerate(lines, 1) if x.strip()] or [0])
	m = PEM_LABEL.match(name)
	if m:
		if last:
			yield 1, last, "tp" if m.group(1) == "p" else "fp"
		return
	m = NAME_LABEL.search(re.sub(r"\.[a-z]+$", "", name))
	whole = None
	if m:
		whole = "tp" if m.group(1) in ("p", "TRUE") else "fp"
	if name == "false_positive":
		whole = "fp"
	head = None
	for n, line in enumerate(lines, 1):
		if not line.strip():
			continue
		h = HEADER.match(line)
		if h:
			head = "tp" if h.group(1) in ("TP", "TRUE") else "fp"
			continue
		label = whole or head
		p = LINE_PREFIX.match(line)
		if p and p.group(2):
			label = "tp" if p.group(1) in ("T", "TP") else "fp"
		s = LINE_SUFFIX.match(line)
		if s:
			label = "tp" if s.group(1) == "TP" else "fp"
		if not label or (COMMENT.match(line) and not p and not s):
			continue
		if whole == "tp" and label == "tp" and context_line(line):
			yield n, n, "context"
			continue
		yield n, n, label


def context_line(line):
	"""A line of a positive file that only sets up the next one: every
	value a word or a number (a user, a host, a port) under keys that
	name no secret.  The file's label is not about it."""
	pairs = re.findall(r"([\w.-]+)\s*[:=]\s*([^\s;,]+)", line)
	return bool(pairs) and all(
		re.fullmatch(r"[A-Za-z]+|\d+", v) and
		not SECRET_KEY.search(k) for k, v in pairs)


def evaluate(repo, gate, providers, ev):
	sc = ev.Score("credsweeper samples (%s)" % ev.short_rev(repo))
	files = []
	unlabeled = 0
	for path in sorted(ev.ls_files(repo, SAMPLES)):
		name = path[len(SAMPLES):]
		if "/" in name or BINARY.search(name):
			continue
		raw = ev.git(repo, "show", "HEAD:" + path)
		if b"\0" in raw:
			continue
		text = raw.decode("utf-8", "replace")
		spans = list(label_lines(name, text))
		if not spans:
			unlabeled += 1
			continue
		sc.extracted += len(spans)
		ctx = [x for x in spans if x[2] == "context"]
		if ctx:
			sc.scope_out("%s: a line of a positive file that only "
				     "sets up the next (a user, a host; no "
				     "secret-named key)" % name, len(ctx))
			spans = [x for x in spans if x[2] != "context"]
		base = NAME_LABEL.sub("", re.sub(r"\..*", "", name))
		if base in OUT_NAME:
			sc.scope_out("%s: %s" % (name, OUT_NAME[base]),
				     len(spans))
			continue
		ok, prov = provider_of(name, providers, ev.held_provider)
		if not ok:
			sc.scope_out("%s: no gate rule for provider '%s'" % (
				name, prov), len(spans))
			continue
		files.append(eval_lines.LineFile(
			eval_lines.safe_rel(name), text,
			[(a, b, label, name, "") for a, b, label in spans]))
	stray = eval_lines.score_files(ev, sc, gate, os.path.join(
		ev.WORK, "credsweeper"), files)
	sc.notes.append("sample files without an explicit label (not "
			"used): %d" % unlabeled)
	sc.notes.append("findings on unlabeled lines (not scored): %d" %
			stray)
	return sc
