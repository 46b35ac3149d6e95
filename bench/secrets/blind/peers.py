"""Run peer secret scanners on a generated corpus, as score.py runs gate.

Each runner takes the corpus repository (a committed git work tree) and
returns findings as gate's JSON gives them: dicts with "path" (relative
to the repository), "line" (1-based) and "rule".  Nothing a peer prints
is echoed: its output holds the secrets in full.

  secretlint   npm, with its recommended preset, installed by
               bench/secrets/run into bench/work/secretlint (or found on
               PATH)
  git-secrets  Debian, with `--register-aws` (its only built-in
               patterns), run as `git secrets --scan -r .`
"""

import json
import os
import shutil
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.normpath(os.path.join(HERE, "..", "..", ".."))


class PeerMissing(Exception):
    """The peer is not installed here."""


def _secretlint_bin():
    local = os.path.join(TOP, "bench", "work", "secretlint", "node_modules", ".bin", "secretlint")
    if os.access(local, os.X_OK):
        return local
    found = shutil.which("secretlint")
    if not found:
        raise PeerMissing("secretlint is not installed (bench/secrets/run installs it from npm)")
    return found


def run_secretlint(repo):
    rc = os.path.join(os.path.dirname(repo), "secretlintrc.json")
    with open(rc, "w") as f:
        json.dump({"rules": [{"id": "@secretlint/secretlint-rule-preset-recommend"}]}, f)
    # Dot files (.env, .npmrc) are where secrets live: list every
    # tracked file rather than trust a glob to include them.
    files = subprocess.run(["git", "-C", repo, "ls-files", "-z"], capture_output=True,
                           check=True).stdout.decode().split("\0")
    files = [f for f in files if f]
    p = subprocess.run([_secretlint_bin(), "--secretlintrc", rc, "--format", "json",
                        "--no-color"] + files,
                       cwd=repo, capture_output=True, text=True)
    try:
        results = json.loads(p.stdout)
    except ValueError:
        raise RuntimeError("secretlint printed no JSON (exit %d)" % p.returncode)
    findings = []
    for r in results:
        path = os.path.relpath(r["filePath"], repo)
        for m in r.get("messages", []):
            findings.append({"path": path, "line": m["loc"]["start"]["line"],
                             "rule": m.get("ruleId", "secretlint")})
    return findings


def run_git_secrets(repo):
    if not shutil.which("git-secrets"):
        raise PeerMissing("git-secrets is not installed (Debian package git-secrets)")
    subprocess.run(["git", "secrets", "--register-aws"], cwd=repo, capture_output=True, check=True)
    p = subprocess.run(["git", "secrets", "--scan", "-r", "."], cwd=repo, capture_output=True)
    findings = []
    # Matches go to stdout or, with the prohibited-pattern banner, stderr.
    for raw in (p.stdout + b"\n" + p.stderr).split(b"\n"):
        # path:line:text, path relative as given ("./a.env").
        parts = raw.split(b":", 2)
        if len(parts) < 3 or not parts[1].isdigit():
            continue
        path = os.path.normpath(parts[0].decode("utf-8", "replace"))
        findings.append({"path": path, "line": int(parts[1]), "rule": "git-secrets-aws"})
    return findings


RUNNERS = {"secretlint": run_secretlint, "git-secrets": run_git_secrets}
