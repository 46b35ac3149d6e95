#!/usr/bin/env python3
"""Labeled corpus for the secrets checker: generate it, and score it.

  secrets-corpus.py generate OUTDIR [--seed N] [--copies K]
      Writes OUTDIR/files/... (realistic files holding fake secrets and
      hard negatives) and OUTDIR/labels.tsv, one row per line of every
      file:  path <TAB> line <TAB> label
      where label is a rule id (the line holds one secret that rule
      should report), "none" (nothing should be reported), or "cont"
      (a continuation line of the secret labeled above it, e.g. the body
      of a PEM key: a finding there counts for that secret).

  secrets-corpus.py score OUTDIR [--findings FILE] [--min 0.97]
      Scores findings against labels.tsv.  FILE holds "path<TAB>line
      <TAB>rule" rows (e.g. made from gate's JSON verdict); without it
      the corpus is scanned with the python model of the engine in
      tests/secrets_rules.py.  A finding on a labeled line (any rule) is
      a true positive; rule agreement is reported separately.

  secrets-corpus.py            (no arguments: the TAP test run by make
      check: generate into a temporary directory, scan with the model,
      require precision and recall >= 0.97)

Templates live in tests/data/secrets-corpus/ (positives.tsv,
negatives.tsv, filler.txt); values are generated at run time from a
fixed seed, so no live-looking token is committed and every run sees
the same corpus.  When $GATE_SHARED_DIR is set, the shared conformance
list of generic false positives is added as negatives.
"""

import base64
import json
import os
import random
import shutil
import string
import sys
import tempfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # keep the source tree clean
sys.path.insert(0, HERE)
import secrets_rules  # noqa: E402

DATA = os.path.join(HERE, "data", "secrets-corpus")
ALPHA = {
	"HEX": "0123456789abcdef",
	"UHEX": "0123456789ABCDEF",
	"AN": string.ascii_letters + string.digits,
	"LAN": string.ascii_lowercase + string.digits,
	"UAN": string.ascii_uppercase + string.digits,
	"LET": string.ascii_letters,
	"B64": string.ascii_letters + string.digits + "+/",
	"URL": string.ascii_letters + string.digits + "-_",
	"B32": string.ascii_uppercase + "234567",
	"LB32": string.ascii_lowercase + "234567",
	"DIG": string.digits,
}
B62S = string.digits + string.ascii_uppercase + string.ascii_lowercase
PW_ALPHA = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!#%^*-_+.?="


class Gen:
	def __init__(self, seed):
		self.rng = random.Random(seed)

	def rand(self, alpha, n):
		s = [self.rng.choice(alpha) for _ in range(n)]
		# Mixed alphabets: make sure a value is not a word or an
		# all-digit run by accident, as real tokens almost never are.
		if n >= 8 and any(c.isdigit() for c in alpha) and \
		   any(c.isalpha() for c in alpha):
			s[self.rng.randrange(n)] = self.rng.choice(
				[c for c in alpha if c.isdigit()])
			s[self.rng.randrange(n)] = self.rng.choice(
				[c for c in alpha if c.isalpha()])
		return "".join(s)

	def password(self):
		s = self.rng.choice(string.ascii_letters) + self.rand(PW_ALPHA,
			9 + self.rng.randrange(8))
		return s + self.rng.choice("23456789") + self.rng.choice("!#%*")

	def crc(self, prefix):
		body = self.rand(ALPHA["AN"], 30)
		return prefix + body + secrets_rules.base62(
			zlib.crc32(body.encode()) & 0xffffffff)

	def uuid(self):
		"""A name-based (version 5) UUID: an id.  A random (version 4)
		one under a credential's name is reported, as keys of Heroku
		or Consul are such UUIDs."""
		return "-".join((self.rand(ALPHA["HEX"], 8),
				 self.rand(ALPHA["HEX"], 4),
				 "5" + self.rand(ALPHA["HEX"], 3),
				 self.rand("89ab", 1) + self.rand(ALPHA["HEX"], 3),
				 self.rand(ALPHA["HEX"], 12)))

	def jwt(self):
		def b64u(obj):
			raw = json.dumps(obj, separators=(",", ":")).encode()
			return base64.urlsafe_b64encode(raw).decode().rstrip("=")
		head = b64u({"alg": self.rng.choice(["HS256", "RS256"]),
			"typ": "JWT"})
		body = b64u({"sub": "svc-" + self.rand(ALPHA["LAN"], 6),
			"role": self.rng.choice(["service_role", "admin", "writer"]),
			"iat": 1700000000 + self.rng.randrange(10 ** 7),
			"exp": 1900000000 + self.rng.randrange(10 ** 7)})
		return head + "." + body + "." + self.rand(ALPHA["URL"], 43)

	def pem_lines(self, kind):
		first = {"RSA PRIVATE KEY": "MIIEowIBAAKCAQEA",
			"EC PRIVATE KEY": "MHcCAQEEI",
			"DSA PRIVATE KEY": "MIIBuwIBAAKBgQ",
			"OPENSSH PRIVATE KEY": "b3BlbnNzaC1rZXktdjEAAAAA",
			"PRIVATE KEY": "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC"}.get(kind, "MII")
		body = [first + self.rand(ALPHA["B64"], 64 - len(first))]
		body += [self.rand(ALPHA["B64"], 64) for _ in range(
			6 + self.rng.randrange(10))]
		body.append(self.rand(ALPHA["B64"], 20 + self.rng.randrange(40)) + "==")
		return ["-----BEGIN %s-----" % kind] + body + \
			["-----END %s-----" % kind]

	def fill(self, template):
		"""Expand placeholders; returns a list of lines (PEM: several)."""
		out, i = [], 0
		extra = []
		while True:
			j = template.find("{", i)
			if j < 0:
				out.append(template[i:])
				break
			k = template.find("}", j)
			name = template[j + 1:k] if k > 0 else ""
			kind, _, arg = name.partition(":")
			if kind in ALPHA and arg.isdigit():
				val = self.rand(ALPHA[kind], int(arg))
			elif kind == "PW":
				val = self.password()
			elif kind == "UUID":
				val = self.uuid()
			elif kind == "CRC":
				val = self.crc(arg)
			elif kind == "BADCRC":
				# Right shape, wrong checksum: made up or mistyped.
				good = self.crc(arg)
				val = good[:-6] + "".join(
					B62S[(B62S.index(c) + 1) % 62] for c in good[-6:])
			elif kind == "JWT":
				val = self.jwt()
			elif kind == "BASIC":
				val = base64.b64encode(("%s:%s" % (arg, self.password()))
					.encode()).decode()
			elif kind == "PEMESC":
				val = "\\n".join(self.pem_lines(arg))
			elif kind == "PEM":
				lines = self.pem_lines(arg)
				val, extra = lines[0], lines[1:]
			else:  # literal braces, e.g. ${{ }} or {{ }}
				out.append(template[i:j + 1])
				i = j + 1
				continue
			out.append(template[i:j] + val)
			i = k + 1
		return ["".join(out)] + extra


def read_tsv(name, ncols):
	rows = []
	with open(os.path.join(DATA, name), encoding="utf-8") as f:
		for n, line in enumerate(f, 1):
			line = line.rstrip("\n")
			if not line or line.startswith("#"):
				continue
			cols = line.split("\t", ncols - 1)
			if len(cols) != ncols:
				raise SystemExit("%s:%d: expected %d tab-separated columns"
					% (name, n, ncols))
			rows.append(cols)
	return rows


def shared_negatives():
	d = os.environ.get("GATE_SHARED_DIR")
	p = d and os.path.join(d, "conformance",
		"secrets-generic-false-positives.txt")
	if not p or not os.path.exists(p):
		return None
	with open(p, encoding="utf-8") as f:
		return [ln.rstrip("\n") for ln in f
			if ln.strip() and not ln.startswith("#")]


def generate(outdir, seed=1122, copies=5):
	"""Write the corpus; return (files written, positives, negatives)."""
	g = Gen(seed)
	with open(os.path.join(DATA, "filler.txt"), encoding="utf-8") as f:
		filler = [ln.rstrip("\n") for ln in f
			if ln.strip() and not ln.startswith("#")]
	files = {}  # path -> list of (text, label)
	items = [(rule, path, tpl) for rule, path, tpl in
		read_tsv("positives.tsv", 3)]
	items += [("none", path, tpl) for path, tpl in
		read_tsv("negatives.tsv", 2)]
	shared = shared_negatives()
	if shared is not None:
		items += [("none", "conformance/generic-fp.txt", ln)
			for ln in shared]
	npos = nneg = 0
	for copy in range(copies):
		for rule, path, tpl in items:
			if copy and path.startswith("conformance/"):
				continue  # fixed lines: once is enough
			p = path if copy == 0 else "v%d/%s" % (copy, path)
			body = files.setdefault(p, [])
			for _ in range(g.rng.randrange(3)):
				body.append((g.rng.choice(filler), "none"))
			lines = g.fill(tpl) if not p.startswith("conformance/") \
				else [tpl]
			body.append((lines[0], rule))
			body.extend((ln, "cont") for ln in lines[1:])
			if rule == "none":
				nneg += 1
			else:
				npos += 1
	with open(os.path.join(outdir, "labels.tsv"), "w",
		  encoding="utf-8") as lab:
		lab.write("# path\tline\tlabel (rule id, none, or cont)\n")
		for p in sorted(files):
			full = os.path.join(outdir, "files", p)
			os.makedirs(os.path.dirname(full), exist_ok=True)
			with open(full, "w", encoding="utf-8") as f:
				for n, (text, label) in enumerate(files[p], 1):
					f.write(text + "\n")
					lab.write("%s\t%d\t%s\n" % (p, n, label))
	return len(files), npos, nneg


def read_labels(outdir):
	labels = {}
	with open(os.path.join(outdir, "labels.tsv"), encoding="utf-8") as f:
		for ln in f:
			if ln.startswith("#"):
				continue
			p, n, label = ln.rstrip("\n").split("\t")
			labels[(p, int(n))] = label
	return labels


def model_findings(outdir, rules):
	found = []
	root = os.path.join(outdir, "files")
	for dirpath, _, names in os.walk(root):
		for name in names:
			full = os.path.join(dirpath, name)
			rel = os.path.relpath(full, root).replace(os.sep, "/")
			with open(full, encoding="utf-8") as f:
				text = f.read()
			for line, rule, _ in secrets_rules.scan_text(rules, text, rel):
				found.append((rel, line, rule.id))
	return found


def score(labels, found):
	"""Precision, recall and details from labels and findings."""
	# A finding on a "cont" line counts for the secret labeled above.
	def owner(p, n):
		while labels.get((p, n)) == "cont":
			n -= 1
		return n
	hit = {}
	fps = []
	for p, n, rule in found:
		n = owner(p, n)
		label = labels.get((p, n), "none")
		if label == "none":
			fps.append((p, n, rule))
		else:
			hit.setdefault((p, n), []).append(rule)
	pos = [(k, v) for k, v in labels.items() if v not in ("none", "cont")]
	tp = sum(1 for k, _ in pos if k in hit)
	fn = [(k, v) for k, v in pos if k not in hit]
	tp_findings = sum(len(v) for v in hit.values())
	precision = tp_findings / (tp_findings + len(fps)) if found else 1.0
	recall = tp / len(pos) if pos else 1.0
	agree = sum(1 for k, v in pos if v in hit.get(k, []))
	return {"precision": precision, "recall": recall, "tp": tp,
		"fp": fps, "fn": fn, "positives": len(pos),
		"rule_agreement": agree / tp if tp else 1.0}


def load_found(path):
	found = []
	with open(path, encoding="utf-8") as f:
		for ln in f:
			if ln.strip() and not ln.startswith("#"):
				p, n, rule = ln.rstrip("\n").split("\t")[:3]
				found.append((p, int(n), rule))
	return found


def rules_path():
	if os.environ.get("GATE_RULES_DIR"):
		return os.path.join(os.environ["GATE_RULES_DIR"], "secrets.yml")
	return os.path.join(HERE, "..", "rules", "secrets.yml")


def report(res, out=sys.stdout):
	out.write("# precision %.4f recall %.4f (positives %d, true positives "
		"%d, false positives %d, rule agreement %.3f)\n" % (
			res["precision"], res["recall"], res["positives"], res["tp"],
			len(res["fp"]), res["rule_agreement"]))
	for p, n, rule in res["fp"][:40]:
		out.write("# false positive: %s:%d %s\n" % (p, n, rule))
	for (p, n), rule in res["fn"][:40]:
		out.write("# missed: %s:%d (%s)\n" % (p, n, rule))


def tap_main():
	tmp = tempfile.mkdtemp(prefix="gate-secrets-corpus.")
	try:
		nfiles, npos, nneg = generate(tmp)
		print("# corpus: %d files, %d positive and %d negative lines%s" % (
			nfiles, npos, nneg, "" if shared_negatives() is not None
			else " (shared false-positive list skipped: "
			"$GATE_SHARED_DIR unset)"))
		rules = secrets_rules.load_rules(rules_path())
		labels = read_labels(tmp)
		kinds = set(v for v in labels.values() if v not in ("none", "cont"))
		known = set(r.id for r in rules)
		n = 0
		n += 1
		missing = sorted(kinds - known)
		print("%s %d - every label names a rule of the pack%s" % (
			"ok" if not missing else "not ok", n,
			"" if not missing else " (" + ", ".join(missing) + ")"))
		res = score(labels, model_findings(tmp, rules))
		report(res)
		n += 1
		print("%s %d - precision %.4f >= 0.97" % (
			"ok" if res["precision"] >= 0.97 else "not ok", n,
			res["precision"]))
		n += 1
		print("%s %d - recall %.4f >= 0.97" % (
			"ok" if res["recall"] >= 0.97 else "not ok", n, res["recall"]))
		print("1..%d" % n)
		return 0 if not missing and res["precision"] >= 0.97 and \
			res["recall"] >= 0.97 else 1
	finally:
		shutil.rmtree(tmp)


def main(argv):
	if len(argv) == 1:
		return tap_main()
	cmd, args = argv[1], argv[2:]
	opts = {}
	pos = []
	i = 0
	while i < len(args):
		if args[i].startswith("--"):
			opts[args[i][2:]] = args[i + 1]
			i += 2
		else:
			pos.append(args[i])
			i += 1
	if cmd == "generate" and len(pos) == 1:
		os.makedirs(pos[0], exist_ok=True)
		nfiles, npos, nneg = generate(pos[0], int(opts.get("seed", 1122)),
			int(opts.get("copies", 5)))
		print("%d files, %d positive and %d negative lines in %s" % (
			nfiles, npos, nneg, pos[0]))
		return 0
	if cmd == "score" and len(pos) == 1:
		labels = read_labels(pos[0])
		if "findings" in opts:
			found = load_found(opts["findings"])
		else:
			found = model_findings(pos[0],
				secrets_rules.load_rules(rules_path()))
		res = score(labels, found)
		report(res)
		m = float(opts.get("min", 0.97))
		return 0 if res["precision"] >= m and res["recall"] >= m else 1
	sys.stderr.write(__doc__)
	return 2


if __name__ == "__main__":
	sys.exit(main(sys.argv))
