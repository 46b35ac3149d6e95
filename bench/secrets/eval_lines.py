"""Scoring of whole files whose lines carry labels, for bench/secrets/eval.

Some sources label lines inside a file rather than give one sample per
string: a section named "noncompliant", a "# TP" at the end of a line, a
file named *_p.  Those files are scored as they are, under their own
names, so gate sees the file kind and the lines around each sample.

A span is (first line, last line, label, tag, note), lines counted from 1.
A positive span is detected when gate reports anything on one of its
lines (a key on one line and its value on the next are one span).  A
negative span is a false positive when gate reports anything on it.
Findings on lines no span covers are neither: the source says nothing
about them (a structural line of a positive section, a comment).
"""

import os
import re


class LineFile:
	"""One file of a source: its text and its labeled spans."""

	def __init__(self, rel, text, spans):
		self.rel = rel
		self.text = text
		self.spans = spans


def score_files(ev, score, gate, root, files):
	"""ev: the eval module (run_gate, redact, EXPLAIN, ...); files: list
	of LineFile.  Adds to SCORE; returns the number of findings on lines
	no span covers."""
	hits = ev.run_gate(gate, root, {f.rel: f.text for f in files})
	stray = 0
	for f in files:
		lines = f.text.split("\n")
		h = hits.get(f.rel, [])
		covered = set()
		for lo, hi, label, tag, note in f.spans:
			covered.update(range(lo, hi + 1))
			on = sorted({r.split("/", 1)[-1] for ln, r in h
				     if lo <= ln <= hi})
			text = "\n".join(lines[lo - 1:hi])
			score.outcomes.append((label, text, bool(on)))
			where = "%s:%d" % (f.rel, lo)
			if label == "tp" and on:
				score.tp += 1
			elif label == "tp":
				score.fn += 1
				ph = any(ev.PLACEHOLDER_LIKE.search(t) for t in
					 ev.VALUE_LIKE.findall(text))
				score.placeholder_misses += bool(ph)
				why = ev.EXPLAIN.explain(text) if ev.EXPLAIN \
					else ""
				if why:
					c = re.sub(r" \(.*", "", why)
					score.why[c] = score.why.get(c, 0) + 1
				score.misses.append("%s: %s %s%s%s" % (
					where, ev.redact(text), note,
					" [placeholder-like]" if ph else "",
					" <- " + why if why else ""))
			elif on:
				score.fp += 1
				score.fps.append("%s: %s -> %s %s" % (
					where, ev.redact(text),
					",".join(on), note))
			else:
				score.tn += 1
		stray += sum(1 for ln, _ in h if ln not in covered)
	return stray


def safe_rel(*parts):
	"""A relative path for the work tree that keeps each part's name (its
	extension tells gate the file kind) and nothing that climbs out."""
	out = []
	for p in parts:
		for q in p.split("/"):
			q = re.sub(r"[^\w.+-]", "_", q)
			out.append("_" if q in ("", ".", "..") else q)
	return "/".join(out)
