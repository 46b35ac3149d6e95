#!/usr/bin/env python3
"""Score gate's secrets checker on the blind corpus.

usage: score.py GATE_BINARY [--seed N] [--corpus DIR] [--work DIR] [--quiet]
       score.py --tool secretlint|git-secrets [...]   (a peer, peers.py)

Generates the corpus (DIR/gen.py; DIR defaults to this directory) into
bench/work/secrets-<basename of DIR>, commits it to
a fresh git repository, runs

    GATE -C REPO check --all-files --checkers secrets --format json

and scores it:
  - a positive is found when gate reports a finding on one of its lines
    (any line of a multi-line key);
  - a negative is a false positive when gate reports on one of its lines;
  - a finding on a line that carries no label (ordinary code around the
    planted items) is also a false positive, reported as "unlabelled".
Precision = TP / (TP + FP), recall = TP / positives.  Values are printed
redacted: first 4 characters and the length, never more.
"""

import argparse
import collections
import importlib.util
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
sys.dont_write_bytecode = True   # keep the source tree clean
sys.path.insert(0, HERE)

import peers  # noqa: E402


def load_gen(corpus):
    """The corpus generator DIR/gen.py (each corpus has its own)."""
    sys.path.insert(0, corpus)
    spec = importlib.util.spec_from_file_location("gen", os.path.join(corpus, "gen.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def redact(v):
    v = v or ""
    return "%s…(%d chars)" % (v[:4], len(v))


def git(repo, *args):
    env = dict(os.environ, GIT_AUTHOR_NAME="bench", GIT_AUTHOR_EMAIL="bench@example.invalid",
               GIT_COMMITTER_NAME="bench", GIT_COMMITTER_EMAIL="bench@example.invalid",
               GIT_AUTHOR_DATE="2024-01-01T00:00:00Z", GIT_COMMITTER_DATE="2024-01-01T00:00:00Z",
               GIT_CONFIG_NOSYSTEM="1", HOME=os.path.dirname(repo))
    subprocess.run(["git", "-C", repo] + list(args), check=True, env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def run_gate(gate, repo):
    """gate's findings on the corpus, or None when it printed no verdict."""
    p = subprocess.run([gate, "-C", repo, "check", "--all-files", "--checkers", "secrets", "--format", "json"],
                       capture_output=True, text=True)
    try:
        verdict = json.loads(p.stdout)
    except ValueError:
        sys.stderr.write("score: gate printed no JSON (exit %d): %s\n" % (p.returncode, p.stderr.strip()[:400]))
        return None
    findings = []
    for c in verdict.get("checkers", []):
        if c.get("error"):
            sys.stderr.write("score: checker %s error: %s\n" % (c.get("name"), c["error"]))
        findings += c.get("findings", [])
    return findings


def main():
    ap = argparse.ArgumentParser(description="score gate on the blind corpus")
    ap.add_argument("gate", nargs="?", help="gate binary (not with --tool)")
    ap.add_argument("--tool", choices=sorted(peers.RUNNERS),
                    help="score a peer scanner instead of gate")
    ap.add_argument("--seed", type=int, default=20240611)
    ap.add_argument("--corpus", default=HERE, help="directory of the corpus's gen.py")
    ap.add_argument("--work", help="work directory (default bench/work/secrets-<corpus name>)")
    ap.add_argument("--quiet", action="store_true", help="figures and tables only")
    a = ap.parse_args()
    if (a.gate is None) == (a.tool is None):
        ap.error("give a gate binary or --tool, not both")

    corpus = os.path.abspath(a.corpus)
    if a.work is None:
        a.work = os.path.join(TOP, "bench", "work", "secrets-" + os.path.basename(corpus))
    gen = load_gen(corpus)

    labels = gen.generate(a.work, a.seed)
    repo = os.path.join(a.work, "repo")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "corpus")

    if a.tool:
        try:
            findings = peers.RUNNERS[a.tool](repo)
        except peers.PeerMissing as e:
            sys.stderr.write("score: %s\n" % e)
            return 2
    else:
        findings = run_gate(os.path.abspath(a.gate), repo)
        if findings is None:
            return 2
    with open(os.path.join(a.work, "findings.json"), "w") as f:
        json.dump(findings, f, indent=1)

    at = collections.defaultdict(list)          # (file, line) -> [finding]
    for f in findings:
        at[(f.get("path"), f.get("line"))].append(f)

    covered = set()
    tp, fn, fp_items, tn = [], [], [], 0
    for l in labels:
        hits = []
        for ln in range(l["line"], l["end"] + 1):
            covered.add((l["file"], ln))
            hits += at.get((l["file"], ln), [])
        if l["label"] == "positive":
            (tp if hits else fn).append((l, hits))
        elif hits:
            fp_items.append((l, hits))
        else:
            tn += 1
    unlabelled = sorted({k for k in at if k not in covered})

    npos = sum(1 for l in labels if l["label"] == "positive")
    nneg = len(labels) - npos
    nfp = len(fp_items) + len(unlabelled)
    prec = len(tp) / (len(tp) + nfp) if tp or nfp else 0.0
    rec = len(tp) / npos if npos else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0

    print("blind corpus: seed %d, %d files, %d positives, %d negatives; %s: %d findings"
          % (a.seed, len({l["file"] for l in labels}), npos, nneg, a.tool or "gate",
             len(findings)))
    print("TP %d  FN %d  FP %d (on negatives %d, unlabelled lines %d)  TN %d"
          % (len(tp), len(fn), nfp, len(fp_items), len(unlabelled), tn))
    print("precision %.3f  recall %.3f  F1 %.3f" % (prec, rec, f1))

    kinds = collections.OrderedDict()
    for l in sorted(labels, key=lambda x: (x["label"] != "positive", x["kind"])):
        kinds.setdefault((l["label"], l["kind"]), [0, 0])
    for l, _ in tp:
        kinds[("positive", l["kind"])][0] += 1
    for l, _ in fn:
        kinds[("positive", l["kind"])][1] += 1
    for l, _ in fp_items:
        kinds[("negative", l["kind"])][0] += 1
    for l in labels:
        if l["label"] == "negative":
            kinds[("negative", l["kind"])][1] += 1

    print("\nper-kind recall (positives)")
    print("  %-34s %5s %5s %7s" % ("kind", "found", "total", "recall"))
    for (lab, k), (found, missed) in kinds.items():
        if lab == "positive":
            print("  %-34s %5d %5d %7.2f" % (k, found, found + missed, found / (found + missed)))
    print("\nper-kind false positives (negatives)")
    print("  %-34s %5s %5s" % ("kind", "fp", "total"))
    for (lab, k), (fp, total) in kinds.items():
        if lab == "negative":
            print("  %-34s %5d %5d" % (k, fp, total))

    if not a.quiet:
        print("\nmisses")
        for l, _ in sorted(fn, key=lambda x: (x[0]["kind"], x[0]["file"], x[0]["line"])):
            print("  %-30s %s:%d  %s" % (l["kind"], l["file"], l["line"], redact(l["value"])))
        print("\nfalse positives")
        for l, hits in sorted(fp_items, key=lambda x: (x[0]["kind"], x[0]["file"], x[0]["line"])):
            print("  %-30s %s:%d  %s  [%s]" % (l["kind"], l["file"], l["line"], redact(l["value"]),
                                            ", ".join(sorted({h.get("rule", "?") for h in hits}))))
        for fl in unlabelled:
            print("  %-30s %s:%d  [%s]" % ("unlabelled", fl[0], fl[1],
                                         ", ".join(sorted({h.get("rule", "?") for h in at[fl]}))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
