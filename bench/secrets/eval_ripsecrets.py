"""sirwart/ripsecrets test files as a held-out source for bench/secrets/eval.

Its tests (src/lib.rs) say: every line of each file in test/one_per_line
is a secret, each file in test/one_per_file is one secret (a key over
several lines), and no line of test/none is.  A negative that is one only
because ripsecrets is told so (its inline "pragma: allowlist secret"
marker, a value its .secretsignore lists) is out of scope (gate has its
own marker and allowlist), and so is a file named after a
provider gate has no rule for.
"""

import os
import re

import eval_lines

NONE = "test/none"
PER_LINE = "test/one_per_line/"
PER_FILE = "test/one_per_file/"
# Negatives only because ripsecrets is told so: its inline marker, or a
# value listed in its .secretsignore (the line says so).
IGNORED = r"pragma: allowlist secret|\.secretsignore"
# Files named after a form, not a provider: in scope whatever the pack.
GENERIC = {"random", "url", "maven", "pem_key", "private_key", "aws_json"}


def evaluate(repo, gate, providers, ev):
	sc = ev.Score("ripsecrets tests (%s)" % ev.short_rev(repo))
	files = []
	for path in sorted(ev.ls_files(repo, "test/")):
		text = ev.show(repo, path)
		lines = text.split("\n")
		spans = []
		kind = os.path.basename(path)
		if path != NONE and kind not in GENERIC and \
		   not ev.held_provider(kind, providers):
			n = 1 if path.startswith(PER_FILE) else \
				sum(1 for x in lines if x.strip())
			sc.scope_out("%s: no gate rule for provider '%s'" % (
				path[5:], kind), n)
			continue
		if path.startswith(PER_FILE):
			last = max(i for i, x in enumerate(lines, 1)
				   if x.strip())
			spans.append((1, last, "tp", path[5:], ""))
		elif path.startswith(PER_LINE) or path == NONE:
			label = "fp" if path == NONE else "tp"
			for n, line in enumerate(lines, 1):
				if not line.strip():
					continue
				if label == "fp" and \
				   re.search(IGNORED, line, re.I):
					sc.scope_out(
						"%s: negative only for "
						"ripsecrets' allowlist "
						"comment or ignore file" %
						path[5:])
					continue
				spans.append((n, n, label, path[5:], ""))
		else:
			continue
		sc.extracted += len(spans)
		files.append(eval_lines.LineFile(eval_lines.safe_rel(path[5:]),
						 text, spans))
	sc.extracted += sum(sc.out.values())
	stray = eval_lines.score_files(ev, sc, gate, os.path.join(
		ev.WORK, "ripsecrets"), files)
	sc.notes.append("findings on unlabeled lines (not scored): %d" %
			stray)
	return sc
