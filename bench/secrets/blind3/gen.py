#!/usr/bin/env python3
"""Blind corpus 3 for gate's secrets checker: long-tail languages, infrastructure
as code, Windows configuration and package-manager / registry credentials.

usage: gen.py OUTDIR [--seed N]

Writes OUTDIR/repo/ and OUTDIR/labels.json; generate(outdir, seed) -> labels.
Each label: {"file", "line", "end", "kind", "label", "value"} (1-based,
inclusive span; value is the planted string, one body line for multi-line keys).
Python 3 standard library only; openssl makes the private keys when present.
"""

import argparse
import base64
import binascii
import hashlib
import json
import os
import random
import shutil
import string
import subprocess
import sys
import tempfile
import uuid

DIGITS = string.digits
UPPER = string.ascii_uppercase
LOWER = string.ascii_lowercase
ALNUM = DIGITS + UPPER + LOWER
B62 = DIGITS + UPPER + LOWER
HEX = "0123456789abcdef"
URLSAFE = ALNUM + "-_"

WORDS = ["harbor", "copper", "violet", "falcon", "meadow", "quartz", "summit", "lantern",
         "orchid", "tundra", "maple", "cobalt", "saffron", "glacier", "raven", "ember",
         "willow", "cinder", "marble", "nebula", "thistle", "juniper", "pepper", "otter",
         "canyon", "walnut", "zephyr", "bramble", "harvest", "pelican", "mosaic", "sparrow"]


class Rng:
    def __init__(self, seed):
        self.r = random.Random(seed)

    def s(self, n, alpha=ALNUM):
        return "".join(self.r.choice(alpha) for _ in range(n))

    def hex(self, n):
        return self.s(n, HEX)

    def HEX(self, n):
        return self.s(n, "0123456789ABCDEF")

    def b64(self, nbytes):
        return base64.b64encode(bytes(self.r.getrandbits(8) for _ in range(nbytes))).decode()

    def b64url(self, nbytes):
        return base64.urlsafe_b64encode(bytes(self.r.getrandbits(8) for _ in range(nbytes))).decode().rstrip("=")

    def uuid(self):
        return str(uuid.UUID(int=self.r.getrandbits(128), version=4))

    def word(self):
        return self.r.choice(WORDS)

    def pw(self, url=False):
        """A human-chosen password; url=True keeps it URL/connection-string safe."""
        punct = "!*-._~" if url else "!#%*+-.@^_~"
        shape = self.r.randrange(5)
        w1, w2 = self.word().capitalize(), self.word()
        if shape == 0:
            return "%s%s%s%d" % (w1, self.r.choice(punct), w2.capitalize(), self.r.randrange(1970, 2024))
        if shape == 1:
            leet = w1.replace("o", "0").replace("e", "3").replace("a", "4")
            return "%s%s%d%s" % (leet, self.r.choice(punct), self.r.randrange(10, 99), w2)
        if shape == 2:
            return "%d%s%s%s" % (self.r.randrange(1980, 2020), w1.upper()[:3], self.r.choice(punct), w2)
        if shape == 3:
            alpha = ALNUM + punct
            s = self.s(1) + self.s(self.r.randrange(13, 20), alpha)
            return s[:3] + self.r.choice(punct) + s[3:] + self.r.choice(DIGITS)
        return "%s_%s_%s%s" % (w1, w2, self.word(), self.r.choice(punct) + str(self.r.randrange(1, 99)))

    def choice(self, seq):
        return self.r.choice(seq)

    def randrange(self, *a):
        return self.r.randrange(*a)


def b62(n, width=6):
    out = ""
    while n:
        n, d = divmod(n, 62)
        out = B62[d] + out
    return out.rjust(width, "0")


def checksummed(prefix, rng, body_len=30):
    body = rng.s(body_len)
    return prefix + body + b62(binascii.crc32(body.encode()) & 0xFFFFFFFF)


# --------------------------------------------------------------------- builder

class File:
    def __init__(self, corpus, path, mode=None):
        self.corpus, self.path, self.lines, self.items = corpus, path, [], []
        self.mode = mode

    def t(self, text):
        """Filler: ordinary lines with nothing secret-like."""
        self.lines.extend(text.split("\n"))
        return self

    def _item(self, label, kind, value, text):
        ls = text.split("\n")
        start = len(self.lines) + 1
        self.lines.extend(ls)
        self.items.append({"file": self.path, "line": start, "end": start + len(ls) - 1,
                           "kind": kind, "label": label, "value": value})
        return self

    def p(self, kind, value, text):
        return self._item("positive", kind, value, text)

    def n(self, kind, value, text):
        return self._item("negative", kind, value, text)


class Corpus:
    def __init__(self, seed):
        self.rng = Rng(seed)
        self.files = []

    def f(self, path):
        fl = File(self, path)
        self.files.append(fl)
        return fl


# --------------------------------------------------------------------- tokens

def tok(rng, kind):
    r = rng
    if kind == "ghp":
        return checksummed("ghp_", r)
    if kind == "gho":
        return checksummed("gho_", r)
    if kind == "npm":
        return checksummed("npm_", r)
    if kind == "glpat":
        return "glpat-" + r.s(20, URLSAFE.replace("-", "").replace("_", ""))
    if kind == "aws_id":
        return "AKIA" + r.s(16, UPPER + "234567")
    if kind == "aws_secret":
        return r.s(40, ALNUM + "+/")
    if kind == "cargo":
        return "cio" + r.s(32)
    if kind == "pypi":
        return "pypi-AgEIcHlwaS5vcmc" + r.b64url(60)
    if kind == "rubygems":
        return "rubygems_" + r.hex(48)
    if kind == "nuget":
        return "oy2" + r.s(43, LOWER + DIGITS)
    if kind == "dockerhub":
        return "dckr_pat_" + r.s(27, URLSAFE)
    if kind == "jfrog_apikey":
        return "AKCp8" + r.s(68)
    if kind == "jfrog_ref":
        return "cmVmdGtuOjAxOjE3" + r.s(48)
    if kind == "tfc":
        return r.s(14) + ".atlasv1." + r.s(67, URLSAFE)
    if kind == "azure_secret":
        return r.s(3) + r.choice(DIGITS) + "Q~" + r.s(34, URLSAFE + ".~")
    if kind == "azure_storage":
        return r.b64(64)
    if kind == "stripe":
        return "sk_live_51" + r.s(97)
    if kind == "sendgrid":
        return "SG." + r.s(22, URLSAFE) + "." + r.s(43, URLSAFE)
    if kind == "slack_bot":
        return "xoxb-%d-%d-%s" % (r.randrange(10 ** 10, 10 ** 11), r.randrange(10 ** 12, 10 ** 13), r.s(24))
    if kind == "slack_webhook":
        return "https://hooks.slack.com/services/T%s/B%s/%s" % (r.s(8, UPPER + DIGITS), r.s(10, UPPER + DIGITS), r.s(24))
    if kind == "vault":
        return "hvs." + r.s(24)
    if kind == "datadog_api":
        return r.hex(32)
    if kind == "datadog_app":
        return r.hex(40)
    if kind == "cloudflare":
        return r.s(40, URLSAFE)
    if kind == "do":
        return "dop_v1_" + r.hex(64)
    if kind == "google":
        return "AIza" + r.s(35, URLSAFE)
    if kind == "openai":
        return "sk-proj-" + r.s(48, URLSAFE) + "T3BlbkFJ" + r.s(48, URLSAFE)
    if kind == "anthropic":
        return "sk-ant-api03-" + r.s(93, URLSAFE) + "AA"
    if kind == "twilio_sk":
        return "SK" + r.hex(32)
    if kind == "shopify":
        return "shpat_" + r.hex(32)
    if kind == "hf":
        return "hf_" + r.s(34, UPPER + LOWER)
    if kind == "linear":
        return "lin_api_" + r.s(40)
    if kind == "postman":
        return "PMAK-" + r.hex(24) + "-" + r.hex(34)
    if kind == "newrelic":
        return "NRAK-" + r.s(27, UPPER + DIGITS)
    if kind == "heroku":
        return "HRKU-AA" + r.s(58, URLSAFE)
    if kind == "sentry_auth":
        return "sntryu_" + r.hex(64)
    if kind == "mailgun":
        return "key-" + r.hex(32)
    if kind == "jwt":
        hdr = base64.urlsafe_b64encode(b'{"alg":"HS256","typ":"JWT"}').decode().rstrip("=")
        body = base64.urlsafe_b64encode(json.dumps({"sub": r.uuid(), "iat": 1717000000 + r.randrange(10 ** 6),
                                                    "role": "service"}).encode()).decode().rstrip("=")
        return "%s.%s.%s" % (hdr, body, r.b64url(32))
    if kind == "bitbucket_app":
        return "ATBB" + r.s(28) + r.HEX(8)
    if kind == "atlassian":
        return "ATATT3xFfGF0" + r.s(170, URLSAFE) + "=" + r.HEX(8)
    if kind == "telegram":
        return "%d:AA%s" % (r.randrange(10 ** 9, 8 * 10 ** 9), r.s(33, URLSAFE))
    if kind == "grafana_sa":
        return "glsa_" + r.s(32) + "_" + r.hex(8)
    if kind == "doppler":
        return "dp.st.prd." + r.s(40)
    if kind == "pulumi":
        return "pul-" + r.hex(40)
    if kind == "hex":
        return r.hex(32)
    raise KeyError(kind)


def gen_private_key(rng, kind="rsa"):
    """PEM text of a fresh private key (openssl) or a random body of the same shape."""
    if shutil.which("openssl"):
        try:
            if kind == "rsa":
                cmd = ["openssl", "genrsa", "-traditional", "2048"]
            else:
                cmd = ["openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"]
            out = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
            if out.returncode == 0 and "PRIVATE KEY" in out.stdout:
                return out.stdout.strip()
        except Exception:
            pass
    if kind == "rsa":
        body, head = rng.b64(1190), "RSA PRIVATE KEY"
    else:
        body, head = rng.b64(138), "PRIVATE KEY"
    lines = [body[i:i + 64] for i in range(0, len(body), 64)]
    return "-----BEGIN %s-----\n%s\n-----END %s-----" % (head, "\n".join(lines), head)


def key_value_line(pem):
    """A body line of a PEM key (the label value for multi-line keys)."""
    body = [l for l in pem.split("\n") if l and not l.startswith("-----")]
    return body[len(body) // 2]


def ssh_public(rng, comment):
    blob = base64.b64encode(b"\x00\x00\x00\x0bssh-ed25519\x00\x00\x00\x20" +
                            bytes(rng.r.getrandbits(8) for _ in range(32))).decode()
    return "ssh-ed25519 %s %s" % (blob, comment)


def sri(rng):
    return "sha512-" + rng.b64(64)


def dpapi_blob(rng, nbytes=230):
    """A DPAPI-protected blob as Windows prints it (hex, machine/user bound)."""
    return "01000000d08c9ddf0115d1118c7a00c04fc297eb01000000" + rng.hex(nbytes * 2)


def dpapi_b64(rng, nbytes=180):
    head = bytes.fromhex("01000000d08c9ddf0115d1118c7a00c04fc297eb01000000")
    return base64.b64encode(head + bytes(rng.r.getrandbits(8) for _ in range(nbytes))).decode()


def unattend_b64(password, field):
    return base64.b64encode((password + field).encode("utf-16-le")).decode()


def gpp_cpassword(rng):
    # AES-256-CBC output of the published GPP key; random bytes of the same shape,
    # base64 without padding as Group Policy Preferences writes it.
    return base64.b64encode(bytes(rng.r.getrandbits(8) for _ in range(32))).decode().rstrip("=")


# ===================================================================== package managers

def pkg_npm(c):
    r = c.rng
    f = c.f(".npmrc")
    f.t("# project npm configuration\nregistry=https://registry.npmjs.org/\nsave-exact=true\nengine-strict=true")
    v = tok(r, "npm")
    f.p("token-npmrc-authtoken", v, "//registry.npmjs.org/:_authToken=%s" % v)
    f.t("@acme:registry=https://npm.pkg.github.com/")
    v = tok(r, "ghp")
    f.p("token-npmrc-github-packages", v, "//npm.pkg.github.com/:_authToken=%s" % v)
    f.t("fund=false")

    f = c.f("packages/web/.npmrc")
    f.t("@internal:registry=https://nexus.corp.example.net/repository/npm-private/")
    v = base64.b64encode(("ci-deployer:" + r.pw()).encode()).decode()
    f.p("basic-npmrc-auth", v, "//nexus.corp.example.net/repository/npm-private/:_auth=%s" % v)
    f.t("//nexus.corp.example.net/repository/npm-private/:always-auth=true")
    f.t("//artifactory.corp.example.net/artifactory/api/npm/npm-virtual/:username=build-bot")
    v = base64.b64encode(r.pw().encode()).decode()
    f.p("password-npmrc-password-b64", v, "//artifactory.corp.example.net/artifactory/api/npm/npm-virtual/:_password=%s" % v)
    f.t("//artifactory.corp.example.net/artifactory/api/npm/npm-virtual/:email=build-bot@example.net")

    f = c.f("packages/cli/.npmrc")
    f.t("registry=https://registry.npmjs.org/")
    f.n("template-npmrc-env", "${NPM_TOKEN}", "//registry.npmjs.org/:_authToken=${NPM_TOKEN}")
    f.n("template-npmrc-env-braced", "${GITHUB_PACKAGES_TOKEN}", "//npm.pkg.github.com/:_authToken=${GITHUB_PACKAGES_TOKEN}")
    f.t("package-lock=true")

    f = c.f(".yarnrc.yml")
    f.t("nodeLinker: node-modules\nenableTelemetry: false\nyarnPath: .yarn/releases/yarn-4.1.1.cjs\n\nnpmScopes:\n  acme:\n    npmRegistryServer: \"https://npm.pkg.github.com\"\n    npmAlwaysAuth: true")
    v = tok(r, "ghp")
    f.p("token-yarnrc-npmauthtoken", v, "    npmAuthToken: \"%s\"" % v)
    f.t("  partner:\n    npmRegistryServer: \"https://npm.partner.example.com\"")
    v = "deploy:" + r.pw(url=True)
    f.p("basic-yarnrc-npmauthident", v, "    npmAuthIdent: \"%s\"" % v)
    f.t("\nnpmRegistries:\n  \"https://registry.yarnpkg.com\":")
    f.n("template-yarnrc-env", "${NPM_PUBLISH_TOKEN}", "    npmAuthToken: \"${NPM_PUBLISH_TOKEN}\"")
    f.t("  \"https://registry.npmjs.org\":")
    v = tok(r, "npm")
    f.p("token-yarnrc-npmauthtoken", v, "    npmAuthToken: %s" % v)

    f = c.f("yarn.lock")
    f.t("# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.\n# yarn lockfile v1\n")
    for name, ver in (("left-pad", "1.3.0"), ("lodash", "4.17.21"), ("ms", "2.1.3")):
        f.t('%s@^%s:\n  version "%s"' % (name, ver, ver))
        h = r.hex(40)
        f.n("hash-yarn-lock-resolved", h, '  resolved "https://registry.yarnpkg.com/%s/-/%s-%s.tgz#%s"' % (name, name, ver, h))
        v = sri(r)
        f.n("hash-yarn-lock-integrity", v, "  integrity %s" % v)
        f.t("")

    f = c.f("bunfig.toml")
    f.t("[install]\noptional = true\n\n[install.scopes]")
    v = tok(r, "npm")
    f.p("token-bunfig-scope", v, 'acme = { token = "%s", url = "https://registry.npmjs.org/" }' % v)
    v = r.pw()
    f.p("password-bunfig-scope", v, '"@corp" = { username = "bun-ci", password = "%s", url = "https://npm.corp.example.net/" }' % v)
    f.n("template-bunfig-env", "$NPM_TOKEN", 'partner = { token = "$NPM_TOKEN", url = "https://npm.partner.example.com/" }')
    f.t("\n[test]\ncoverage = true")


def pkg_python(c):
    r = c.rng
    f = c.f("deploy/pip.conf")
    f.t("[global]\ntimeout = 60")
    u, v = "svc-pip", r.pw(url=True)
    f.p("password-pip-conf-index-url", v, "index-url = https://%s:%s@pypi.corp.example.net/simple/" % (u, v))
    v = r.s(32)
    f.p("token-pip-conf-extra-index", v, "extra-index-url = https://__token__:%s@gitlab.example.com/api/v4/projects/412/packages/pypi/simple" % v)
    f.t("trusted-host = pypi.corp.example.net")

    f = c.f("ci/pip.conf")
    f.t("[global]")
    f.n("template-pip-conf-env", "${PIP_INDEX_PASSWORD}", "index-url = https://build:${PIP_INDEX_PASSWORD}@pypi.corp.example.net/simple/")
    f.n("url-no-credentials-pip", "https://pypi.org/simple", "extra-index-url = https://pypi.org/simple")

    f = c.f(".pypirc")
    f.t("[distutils]\nindex-servers =\n    pypi\n    testpypi\n    internal\n\n[pypi]\nusername = __token__")
    v = tok(r, "pypi")
    f.p("token-pypirc-pypi", v, "password = %s" % v)
    f.t("\n[testpypi]\nrepository = https://test.pypi.org/legacy/\nusername = __token__")
    v = tok(r, "pypi")
    f.p("token-pypirc-testpypi", v, "password = %s" % v)
    f.t("\n[internal]\nrepository = https://nexus.corp.example.net/repository/pypi-internal/\nusername = release-bot")
    v = r.pw()
    f.p("password-pypirc", v, "password = %s" % v)

    f = c.f("tools/release/.pypirc.example")
    f.t("[distutils]\nindex-servers = pypi\n\n[pypi]\nusername = __token__")
    f.n("placeholder-pypirc", "pypi-<your-token-here>", "password = pypi-<your-token-here>")

    f = c.f("poetry/auth.toml")
    f.t("[http-basic.corp]\nusername = \"poetry-ci\"")
    v = r.pw()
    f.p("password-poetry-auth-toml", v, "password = \"%s\"" % v)
    f.t("\n[pypi-token]")
    v = tok(r, "pypi")
    f.p("token-poetry-auth-toml", v, "pypi = \"%s\"" % v)

    f = c.f("poetry/config.toml")
    f.t("[virtualenvs]\nin-project = true\n\n[repositories.corp]\nurl = \"https://nexus.corp.example.net/repository/pypi-internal/simple/\"")
    f.t("\n[installer]\nmax-workers = 4")

    f = c.f("pyproject.toml")
    f.t("[tool.poetry]\nname = \"ingest\"\nversion = \"0.9.1\"\ndescription = \"batch ingest\"\n\n[[tool.poetry.source]]\nname = \"corp\"\nurl = \"https://nexus.corp.example.net/repository/pypi-internal/simple/\"\npriority = \"supplemental\"\n\n[tool.poetry.dependencies]\npython = \"^3.11\"\nhttpx = \"^0.27\"")

    f = c.f("poetry.lock")
    f.t("# This file is automatically @generated by Poetry 1.8.2 and should not be changed by hand.\n\n[[package]]\nname = \"httpx\"\nversion = \"0.27.0\"\noptional = false\npython-versions = \">=3.8\"\nfiles = [")
    for fn in ("httpx-0.27.0-py3-none-any.whl", "httpx-0.27.0.tar.gz"):
        h = r.hex(64)
        f.n("hash-poetry-lock", h, "    {file = \"%s\", hash = \"sha256:%s\"}," % (fn, h))
    f.t("]\n\n[metadata]\nlock-version = \"2.0\"\npython-versions = \"^3.11\"")
    h = r.hex(64)
    f.n("hash-poetry-lock-content", h, "content-hash = \"%s\"" % h)

    f = c.f("environment.yml")
    f.t("name: analytics\nchannels:")
    v = r.s(2, LOWER) + "-" + r.hex(8) + "-" + r.hex(4) + "-" + r.hex(4) + "-" + r.hex(4) + "-" + r.hex(12)
    f.p("token-conda-channel-url", v, "  - https://conda.anaconda.org/t/%s/acme-private" % v)
    f.t("  - conda-forge\ndependencies:\n  - python=3.11\n  - pandas=2.2")

    f = c.f(".condarc")
    f.t("channels:\n  - defaults\n  - conda-forge\nchannel_alias: https://conda.corp.example.net\ncustom_channels:")
    v = r.pw(url=True)
    f.p("password-condarc-channel-url", v, "  internal: https://conda-reader:%s@conda.corp.example.net" % v)
    f.t("ssl_verify: true")
    f.n("template-condarc-env", "${CONDA_TOKEN}", "  partner: https://conda.partner.example.com/t/${CONDA_TOKEN}")


def pkg_rust(c):
    r = c.rng
    f = c.f(".cargo/credentials.toml")
    v = tok(r, "cargo")
    f.p("token-cargo-credentials", v, "[registry]\ntoken = \"%s\"" % v)
    f.t("")
    v = "Bearer " + r.s(40)
    f.p("token-cargo-credentials-alt-registry", v, "[registries.corp]\ntoken = \"%s\"" % v)

    f = c.f(".cargo/config.toml")
    f.t("[registries.corp]\nindex = \"sparse+https://cargo.corp.example.net/api/v1/crates/\"")
    f.n("config-cargo-credential-provider", "cargo:token", "\n[registry]\nglobal-credential-providers = [\"cargo:token\", \"cargo:libsecret\"]")
    f.t("\n[build]\nrustflags = [\"-C\", \"target-cpu=native\"]\n\n[net]\ngit-fetch-with-cli = true")

    f = c.f("Cargo.lock")
    f.t("# This file is automatically @generated by Cargo.\n# It is not intended for manual editing.\nversion = 3\n")
    for name, ver in (("bytes", "1.6.0"), ("reqwest", "0.12.4"), ("serde", "1.0.203")):
        h = r.hex(64)
        f.n("hash-cargo-lock", h, "[[package]]\nname = \"%s\"\nversion = \"%s\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\nchecksum = \"%s\"" % (name, ver, h))
        f.t("")
    g = r.hex(40)
    f.n("hash-cargo-lock-git-rev", g, "[[package]]\nname = \"tower-otel\"\nversion = \"0.2.0\"\nsource = \"git+https://github.com/acme/tower-otel?rev=%s#%s\"" % (g[:7], g))


def pkg_php(c):
    r = c.rng
    f = c.f("auth.json")
    v = tok(r, "gho")
    f.t("{")
    f.p("token-composer-github-oauth", v, "    \"github-oauth\": {\n        \"github.com\": \"%s\"\n    }," % v)
    v = tok(r, "glpat")
    f.p("token-composer-gitlab-token", v, "    \"gitlab-token\": {\n        \"gitlab.example.com\": \"%s\"\n    }," % v)
    v = r.s(32)
    f.p("secret-composer-bitbucket-oauth", v, "    \"bitbucket-oauth\": {\n        \"bitbucket.org\": {\n            \"consumer-key\": \"%s\",\n            \"consumer-secret\": \"%s\"\n        }\n    }," % (r.s(18), v))
    v = r.pw()
    f.p("password-composer-http-basic", v, "    \"http-basic\": {\n        \"repo.packagist.com\": {\n            \"username\": \"token\",\n            \"password\": \"%s\"\n        }\n    }," % v)
    v = r.hex(40)
    f.p("token-composer-bearer", v, "    \"bearer\": {\n        \"satis.corp.example.net\": \"%s\"\n    }" % v)
    f.t("}")

    f = c.f("auth.json.dist")
    f.t("{\n    \"http-basic\": {\n        \"repo.magento.com\": {")
    f.n("placeholder-composer-http-basic", "<public-key>", "            \"username\": \"<public-key>\",\n            \"password\": \"<private-key>\"")
    f.t("        }\n    }\n}")

    f = c.f("composer.lock")
    f.t("{\n    \"_readme\": [\n        \"This file locks the dependencies of your project to a known state\"\n    ],")
    h = r.hex(32)
    f.n("hash-composer-lock-content", h, "    \"content-hash\": \"%s\"," % h)
    f.t("    \"packages\": [\n        {\n            \"name\": \"monolog/monolog\",\n            \"version\": \"3.6.0\",\n            \"source\": {\n                \"type\": \"git\",\n                \"url\": \"https://github.com/Seldaek/monolog.git\",")
    h = r.hex(40)
    f.n("hash-composer-lock-reference", h, "                \"reference\": \"%s\"" % h)
    f.t("            },\n            \"dist\": {\n                \"type\": \"zip\",")
    h = r.hex(40)
    f.n("hash-composer-lock-shasum", h, "                \"shasum\": \"%s\"" % h)
    f.t("            }\n        }\n    ]\n}")


def pkg_ruby(c):
    r = c.rng
    f = c.f(".bundle/config")
    f.t("---\nBUNDLE_PATH: \"vendor/bundle\"\nBUNDLE_JOBS: \"4\"")
    v = "%s:%s" % (r.hex(8), r.hex(8))
    f.p("basic-bundler-config-gems-host", v, "BUNDLE_GEMS__CONTRIBSYS__COM: \"%s\"" % v)
    v = tok(r, "ghp")
    f.p("token-bundler-config-github-packages", v, "BUNDLE_RUBYGEMS__PKG__GITHUB__COM: \"ci-bot:%s\"" % v)
    v = r.pw(url=True)
    f.p("password-bundler-config-host", v, "BUNDLE_GEMS__CORP__EXAMPLE__NET: \"deploy:%s\"" % v)
    f.n("template-bundler-config-env", "${SIDEKIQ_PRO_CREDS}", "BUNDLE_ENTERPRISE__CONTRIBSYS__COM: \"${SIDEKIQ_PRO_CREDS}\"")

    f = c.f("ops/gem/credentials")
    v = tok(r, "rubygems")
    f.p("token-gem-credentials", v, "---\n:rubygems_api_key: %s" % v)
    v = tok(r, "ghp")
    f.p("token-gem-credentials-github", v, ":github: Bearer %s" % v)

    f = c.f("Gemfile")
    f.t("source \"https://rubygems.org\"\n\nruby \"3.3.1\"\n\ngem \"rails\", \"~> 7.1\"\ngem \"pg\", \"~> 1.5\"")
    f.n("url-no-credentials-gemfile", "https://gems.contribsys.com/", "source \"https://gems.contribsys.com/\" do\n  gem \"sidekiq-pro\"\nend")
    v = r.hex(8) + ":" + r.hex(8)
    f.p("basic-gemfile-source-url", v, "source \"https://%s@enterprise.contribsys.com/\" do\n  gem \"sidekiq-ent\"\nend" % v)

    f = c.f("Gemfile.lock")
    f.t("GEM\n  remote: https://rubygems.org/\n  specs:\n    pg (1.5.6)\n    rack (3.0.11)\n\nPLATFORMS\n  x86_64-linux\n\nCHECKSUMS")
    for g in ("pg (1.5.6)", "rack (3.0.11)"):
        h = r.hex(64)
        f.n("hash-gemfile-lock-checksum", h, "  %s sha256=%s" % (g, h))
    f.t("\nBUNDLED WITH\n   2.5.10")


def pkg_jvm(c):
    r = c.rng
    f = c.f("ci/maven/settings.xml")
    f.t("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<settings xmlns=\"http://maven.apache.org/SETTINGS/1.2.0\">\n  <servers>\n    <server>\n      <id>corp-releases</id>\n      <username>deployment</username>")
    v = r.pw()
    f.p("password-maven-settings", v, "      <password>%s</password>" % v)
    f.t("    </server>\n    <server>\n      <id>artifactory</id>\n      <username>ci-maven</username>")
    v = tok(r, "jfrog_apikey")
    f.p("token-maven-settings-artifactory", v, "      <password>%s</password>" % v)
    f.t("    </server>\n    <server>\n      <id>ossrh</id>\n      <username>acme-release</username>")
    v = "{" + r.b64(30) + "}"
    f.n("ciphertext-maven-settings-encrypted", v, "      <password>%s</password>" % v)
    f.t("    </server>\n    <server>\n      <id>github</id>\n      <username>acme-bot</username>")
    f.n("template-maven-settings-env", "${env.GITHUB_TOKEN}", "      <password>${env.GITHUB_TOKEN}</password>")
    f.t("    </server>\n    <server>\n      <id>deploy-host</id>\n      <username>deployer</username>")
    f.n("path-maven-settings-private-key", "${user.home}/.ssh/id_ed25519", "      <privateKey>${user.home}/.ssh/id_ed25519</privateKey>")
    v = r.pw()
    f.p("password-maven-settings-passphrase", v, "      <passphrase>%s</passphrase>" % v)
    f.t("    </server>\n  </servers>\n</settings>")

    f = c.f("gradle/init.d/corp-repos.gradle")
    f.t("allprojects {\n    repositories {\n        maven {\n            url \"https://nexus.corp.example.net/repository/maven-public/\"\n            credentials {\n                username \"gradle-ci\"")
    v = r.pw()
    f.p("password-gradle-init-script", v, "                password \"%s\"" % v)
    f.t("            }\n        }\n        maven {\n            url \"https://maven.pkg.github.com/acme/platform\"\n            credentials {\n                username = \"acme-bot\"")
    v = tok(r, "ghp")
    f.p("token-gradle-init-script-github", v, "                password = \"%s\"" % v)
    f.t("            }\n        }\n        maven {\n            url \"https://repo.partner.example.com/releases\"\n            credentials {\n                username = System.getenv(\"PARTNER_USER\")")
    f.n("env-gradle-init-script", "System.getenv(\"PARTNER_PASSWORD\")", "                password = System.getenv(\"PARTNER_PASSWORD\")")
    f.t("            }\n        }\n    }\n}")

    f = c.f("gradle/verification-keyring.keys")
    f.t("pub    5D2A0F4E1C3B7A96\nuid    Release Signing <release@example.org>")
    v = r.HEX(40)
    f.n("fingerprint-gradle-keyring", v, "fpr    %s" % v)

    f = c.f("sbt/.credentials")
    f.t("realm=Sonatype Nexus Repository Manager\nhost=nexus.corp.example.net\nuser=sbt-publisher")
    v = r.pw()
    f.p("password-sbt-credentials-file", v, "password=%s" % v)

    f = c.f("build.sbt")
    f.t("ThisBuild / scalaVersion := \"3.4.2\"\nThisBuild / organization := \"com.acme\"\n\nlazy val root = (project in file(\".\"))\n  .settings(\n    name := \"ledger\",\n    publishTo := Some(\"corp\" at \"https://nexus.corp.example.net/repository/maven-releases/\")\n  )\n")
    v = r.pw()
    f.p("password-sbt-credentials-call", v, "credentials += Credentials(\"Sonatype Nexus Repository Manager\", \"nexus.corp.example.net\", \"sbt-publisher\", \"%s\")" % v)
    f.n("path-sbt-credentials-file", "Path.userHome / \".sbt\" / \".credentials\"", "credentials += Credentials(Path.userHome / \".sbt\" / \".credentials\")")
    f.n("env-sbt-credentials", "sys.env(\"GITHUB_TOKEN\")", "credentials += Credentials(\"GitHub Package Registry\", \"maven.pkg.github.com\", \"acme-bot\", sys.env(\"GITHUB_TOKEN\"))")

    f = c.f("project.clj")
    f.t("(defproject com.acme/billing \"2.3.0\"\n  :description \"billing service\"\n  :dependencies [[org.clojure/clojure \"1.11.3\"]\n                 [com.github.seancorfield/next.jdbc \"1.3.939\"]]\n  :repositories [[\"releases\" {:url \"https://nexus.corp.example.net/repository/maven-releases/\"\n                              :username \"lein-deploy\"")
    v = r.pw()
    f.p("password-leiningen-project", v, "                              :password \"%s\"}]" % v)
    f.t("                 [\"snapshots\" {:url \"https://nexus.corp.example.net/repository/maven-snapshots/\"\n                               :username :env/nexus_user")
    f.n("env-leiningen-project", ":env/nexus_password", "                               :password :env/nexus_password}]]")
    f.t("  :profiles {:uberjar {:aot :all}})")


def pkg_dotnet(c):
    r = c.rng
    f = c.f("NuGet.Config")
    f.t("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <packageSources>\n    <clear />\n    <add key=\"nuget.org\" value=\"https://api.nuget.org/v3/index.json\" protocolVersion=\"3\" />\n    <add key=\"corp\" value=\"https://nuget.corp.example.net/v3/index.json\" />\n    <add key=\"github\" value=\"https://nuget.pkg.github.com/acme/index.json\" />\n    <add key=\"legacy\" value=\"https://proget.corp.example.net/nuget/legacy/\" />\n  </packageSources>\n  <packageSourceCredentials>\n    <corp>\n      <add key=\"Username\" value=\"nuget-reader\" />")
    v = r.pw()
    f.p("password-nuget-config-cleartext", v, "      <add key=\"ClearTextPassword\" value=\"%s\" />" % v)
    f.t("    </corp>\n    <github>\n      <add key=\"Username\" value=\"acme-bot\" />")
    v = tok(r, "ghp")
    f.p("token-nuget-config-github", v, "      <add key=\"ClearTextPassword\" value=\"%s\" />" % v)
    f.t("    </github>\n    <legacy>\n      <add key=\"Username\" value=\"CORP\\build\" />")
    v = dpapi_b64(r)
    f.n("ciphertext-nuget-config-dpapi", v, "      <add key=\"Password\" value=\"%s\" />" % v)
    f.t("    </legacy>\n  </packageSourceCredentials>\n  <apikeys>")
    v = tok(r, "nuget")
    f.p("token-nuget-config-apikey-plain", v, "    <add key=\"https://www.nuget.org/api/v2/package\" value=\"%s\" />" % v)
    f.t("  </apikeys>\n</configuration>")

    f = c.f("src/Directory.NuGet.Config")
    f.t("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <packageSourceCredentials>\n    <corp>\n      <add key=\"Username\" value=\"%NUGET_USER%\" />")
    f.n("template-nuget-config-env", "%NUGET_PASSWORD%", "      <add key=\"ClearTextPassword\" value=\"%NUGET_PASSWORD%\" />")
    f.t("    </corp>\n  </packageSourceCredentials>\n</configuration>")

    f = c.f("src/Api/packages.lock.json")
    f.t("{\n  \"version\": 1,\n  \"dependencies\": {\n    \"net8.0\": {\n      \"Dapper\": {\n        \"type\": \"Direct\",\n        \"requested\": \"[2.1.35, )\",\n        \"resolved\": \"2.1.35\",")
    v = r.b64(64)
    f.n("hash-nuget-packages-lock", v, "        \"contentHash\": \"%s\"" % v)
    f.t("      },\n      \"Npgsql\": {\n        \"type\": \"Direct\",\n        \"requested\": \"[8.0.3, )\",\n        \"resolved\": \"8.0.3\",")
    v = r.b64(64)
    f.n("hash-nuget-packages-lock", v, "        \"contentHash\": \"%s\"" % v)
    f.t("      }\n    }\n  }\n}")


def pkg_containers(c):
    r = c.rng
    f = c.f("deploy/docker/config.json")
    f.t("{\n  \"auths\": {")
    v = base64.b64encode(("acmebot:" + tok(r, "dockerhub")).encode()).decode()
    f.p("basic-docker-config-auth-dockerhub", v, "    \"https://index.docker.io/v1/\": {\n      \"auth\": \"%s\"\n    }," % v)
    v = base64.b64encode(("robot$ci+pusher:" + r.s(32)).encode()).decode()
    f.p("basic-docker-config-auth-harbor", v, "    \"harbor.corp.example.net\": {\n      \"auth\": \"%s\"\n    }," % v)
    v = base64.b64encode(("_json_key_base64:" + r.b64(90)).encode()).decode()
    f.p("basic-docker-config-auth-gcr", v, "    \"europe-docker.pkg.dev\": {\n      \"auth\": \"%s\"\n    }," % v)
    v = tok(r, "jwt")
    f.p("token-docker-config-identitytoken", v, "    \"acme.azurecr.io\": {\n      \"auth\": \"\",\n      \"identitytoken\": \"%s\"\n    }," % v)
    f.n("empty-docker-config-auth", "ghcr.io", "    \"ghcr.io\": {}")
    f.t("  },")
    f.n("config-docker-creds-store", "desktop", "  \"credsStore\": \"desktop\",")
    f.t("  \"currentContext\": \"default\"\n}")

    f = c.f("charts/repositories.yaml")
    f.t("apiVersion: \"\"\ngenerated: \"2024-05-02T10:11:12.000000000Z\"\nrepositories:\n- caFile: \"\"\n  certFile: \"\"\n  insecure_skip_tls_verify: false\n  keyFile: \"\"\n  name: bitnami\n  pass_credentials_all: false")
    f.n("empty-helm-repositories-password", "password: \"\"", "  password: \"\"")
    f.t("  url: https://charts.bitnami.com/bitnami\n  username: \"\"\n- caFile: \"\"\n  certFile: \"\"\n  insecure_skip_tls_verify: false\n  keyFile: \"\"\n  name: corp\n  pass_credentials_all: false")
    v = r.pw()
    f.p("password-helm-repositories", v, "  password: %s" % v)
    f.t("  url: https://charts.corp.example.net\n  username: helm-reader\n- caFile: \"\"\n  name: jfrog\n  pass_credentials_all: false")
    v = tok(r, "jfrog_ref")
    f.p("token-helm-repositories-jfrog", v, "  password: %s" % v)
    f.t("  url: https://acme.jfrog.io/artifactory/api/helm/helm-local\n  username: ci@acme.example")


def pkg_go_misc(c):
    r = c.rng
    f = c.f("build/netrc")
    v = tok(r, "ghp")
    f.p("token-netrc-go-private-modules", v, "machine github.com\n  login acme-ci\n  password %s" % v)
    v = r.hex(32)
    f.p("token-netrc-cocoapods-trunk", v, "machine trunk.cocoapods.org\n  login ios-release@acme.example\n  password %s" % v)
    v = tok(r, "glpat")
    f.p("token-netrc-gitlab", v, "machine gitlab.example.com login oauth2 password %s" % v)

    f = c.f("build/go.env")
    f.t("GOFLAGS=-mod=readonly\nGOPRIVATE=go.corp.example.net/*")
    v = r.pw(url=True)
    f.p("password-goproxy-url", v, "GOPROXY=https://goproxy-reader:%s@athens.corp.example.net,https://proxy.golang.org,direct" % v)
    f.n("template-goproxy-env", "${ATHENS_TOKEN}", "GONOSUMDB_TOKEN_URL=https://oauth2:${ATHENS_TOKEN}@athens.corp.example.net")

    f = c.f("go.sum")
    for mod, ver in (("github.com/google/uuid", "v1.6.0"), ("golang.org/x/sync", "v0.7.0")):
        h = r.b64(32)
        f.n("hash-go-sum", h, "%s %s h1:%s" % (mod, ver, h))
        h = r.b64(32)
        f.n("hash-go-sum-mod", h, "%s %s/go.mod h1:%s" % (mod, ver, h))

    f = c.f(".env.deno")
    v = tok(r, "ghp")
    f.p("token-deno-auth-tokens", v, "DENO_AUTH_TOKENS=%s@raw.githubusercontent.com;%s@deno.corp.example.net" % (v, r.s(24)))
    f.t("DENO_DIR=.cache/deno")

    f = c.f("mobile/pub-credentials.json")
    v = "ya29.a0" + r.s(150, URLSAFE)
    f.p("token-pub-credentials", v, "{\"accessToken\":\"%s\"," % v)
    v = "1//0" + r.s(99, URLSAFE)
    f.p("token-pub-credentials-refresh", v, "\"refreshToken\":\"%s\"," % v)
    f.t("\"tokenEndpoint\":\"https://accounts.google.com/o/oauth2/token\",\"scopes\":[\"openid\",\"https://www.googleapis.com/auth/userinfo.email\"],\"expiration\":1718000000000}")

    f = c.f("mobile/pubspec.lock")
    f.t("packages:\n  http:\n    dependency: \"direct main\"\n    description:\n      name: http")
    h = r.hex(64)
    f.n("hash-pubspec-lock", h, "      sha256: \"%s\"" % h)
    f.t("      url: \"https://pub.dev\"\n    source: hosted\n    version: \"1.2.1\"\nsdks:\n  dart: \">=3.3.0 <4.0.0\"")

    f = c.f("elixir/hex.config")
    v = tok(r, "hex")
    f.p("token-hex-config-api-key", v, "{'$repos', #{}}.\n{api_key, <<\"%s\">>}." % v)

    f = c.f("elixir/mix.lock")
    h1, h2 = r.hex(64), r.hex(64)
    f.t("%{")
    f.n("hash-mix-lock", h1, "  \"jason\": {:hex, :jason, \"1.4.1\", \"%s\", [:mix], [{:decimal, \"~> 1.0 or ~> 2.0\", [hex: :decimal, repo: \"hexpm\", optional: true]}], \"hexpm\", \"%s\"}," % (h1, h2))
    h = r.hex(64)
    f.n("hash-mix-lock", h, "  \"telemetry\": {:hex, :telemetry, \"1.2.1\", \"%s\", [:rebar3], [], \"hexpm\", \"%s\"}," % (h, r.hex(64)))
    f.t("}")

    f = c.f("tools/jfrog/jfrog-cli.conf.v6")
    f.t("{\n  \"servers\": [\n    {\n      \"url\": \"https://acme.jfrog.io/\",\n      \"artifactoryUrl\": \"https://acme.jfrog.io/artifactory/\",\n      \"user\": \"ci@acme.example\",")
    v = tok(r, "jfrog_ref")
    f.p("token-jfrog-cli-access-token", v, "      \"accessToken\": \"%s\"," % v)
    v = tok(r, "jfrog_apikey")
    f.p("token-jfrog-cli-apikey", v, "      \"password\": \"%s\"," % v)
    f.t("      \"serverId\": \"acme\",\n      \"isDefault\": true\n    }\n  ],\n  \"version\": \"6\"\n}")

    f = c.f("scripts/nexus-upload.sh")
    f.t("#!/usr/bin/env bash\nset -euo pipefail\nARTIFACT=\"$1\"")
    v = r.uuid()
    f.p("token-nexus-nuget-apikey-uuid", v, "NEXUS_NUGET_API_KEY=\"%s\"" % v)
    f.n("env-shell-api-key-variable", "$NEXUS_NUGET_API_KEY", "dotnet nuget push \"$ARTIFACT\" --source https://nexus.corp.example.net/repository/nuget-hosted/ --api-key \"$NEXUS_NUGET_API_KEY\"")
    v = tok(r, "jfrog_apikey")
    f.p("token-artifactory-api-key-header", v, "curl -fsS -H \"X-JFrog-Art-Api: %s\" -T \"$ARTIFACT\" \"https://acme.jfrog.io/artifactory/generic-local/$ARTIFACT\"" % v)
    f.n("env-curl-header", "$ARTIFACTORY_TOKEN", "curl -fsS -H \"Authorization: Bearer $ARTIFACTORY_TOKEN\" https://acme.jfrog.io/artifactory/api/system/ping")


# ===================================================================== infrastructure as code

def iac_terraform(c):
    r = c.rng
    f = c.f("infra/aws/providers.tf")
    f.t("terraform {\n  required_version = \">= 1.6\"\n  required_providers {\n    aws = {\n      source  = \"hashicorp/aws\"\n      version = \"~> 5.40\"\n    }\n  }\n}\n\nprovider \"aws\" {\n  region     = \"eu-west-1\"")
    v = tok(r, "aws_id")
    f.p("aws-key-id-terraform-provider", v, "  access_key = \"%s\"" % v)
    v = tok(r, "aws_secret")
    f.p("aws-secret-terraform-provider", v, "  secret_key = \"%s\"" % v)
    f.t("}\n\nprovider \"github\" {\n  owner = \"acme\"")
    v = tok(r, "ghp")
    f.p("token-terraform-provider-github", v, "  token = \"%s\"" % v)
    f.t("}\n\nprovider \"datadog\" {")
    v = tok(r, "datadog_api")
    f.p("apikey-terraform-provider-datadog", v, "  api_key = \"%s\"" % v)
    v = tok(r, "datadog_app")
    f.p("appkey-terraform-provider-datadog", v, "  app_key = \"%s\"" % v)
    f.t("  api_url = \"https://api.datadoghq.eu/\"\n}\n\nprovider \"cloudflare\" {")
    f.n("ref-terraform-var", "var.cloudflare_api_token", "  api_token = var.cloudflare_api_token")
    f.t("}")

    f = c.f("infra/azure/main.tf")
    f.t("provider \"azurerm\" {\n  features {}")
    v = r.uuid()
    f.n("id-terraform-azure-subscription", v, "  subscription_id = \"%s\"" % v)
    v = r.uuid()
    f.n("id-terraform-azure-tenant", v, "  tenant_id       = \"%s\"" % v)
    v = r.uuid()
    f.n("id-terraform-azure-client", v, "  client_id       = \"%s\"" % v)
    v = tok(r, "azure_secret")
    f.p("secret-terraform-provider-azurerm", v, "  client_secret   = \"%s\"" % v)
    f.t("}\n\nresource \"azurerm_mssql_server\" \"main\" {\n  name                         = \"sql-acme-prod\"\n  resource_group_name          = azurerm_resource_group.main.name\n  location                     = azurerm_resource_group.main.location\n  version                      = \"12.0\"\n  administrator_login          = \"sqladmin\"")
    v = r.pw()
    f.p("password-terraform-resource-literal", v, "  administrator_login_password = \"%s\"" % v)
    f.t("}\n\nresource \"azurerm_linux_virtual_machine\" \"bastion\" {\n  name           = \"vm-bastion\"\n  admin_username = \"azureuser\"")
    f.n("ref-terraform-random-password", "random_password.bastion.result", "  admin_password = random_password.bastion.result")
    f.t("  disable_password_authentication = false\n}\n")
    f.n("name-terraform-keyvault-secret-name", "sql-admin-password", "data \"azurerm_key_vault_secret\" \"sql\" {\n  name         = \"sql-admin-password\"\n  key_vault_id = data.azurerm_key_vault.main.id\n}")
    f.t("\nresource \"azurerm_mssql_database\" \"app\" {\n  name      = \"appdb\"\n  server_id = azurerm_mssql_server.main.id\n}")
    f.n("ref-terraform-keyvault-data", "data.azurerm_key_vault_secret.sql.value", "locals {\n  sql_password = data.azurerm_key_vault_secret.sql.value\n}")

    f = c.f("infra/db/variables.tf")
    f.t("variable \"environment\" {\n  type    = string\n  default = \"production\"\n}\n")
    v = r.pw()
    f.p("password-terraform-variable-default", v, "variable \"db_password\" {\n  type      = string\n  sensitive = true\n  default   = \"%s\"\n}" % v)
    f.t("")
    f.n("sensitive-terraform-variable-no-default", "db_replica_password", "variable \"db_replica_password\" {\n  type      = string\n  sensitive = true\n}")
    f.t("")
    v = tok(r, "slack_webhook")
    f.p("webhook-terraform-variable-default", v, "variable \"alerts_webhook_url\" {\n  type    = string\n  default = \"%s\"\n}" % v)
    f.t("")
    v = "ami-0" + r.hex(16)
    f.n("id-terraform-ami", v, "variable \"base_ami\" {\n  type    = string\n  default = \"%s\"\n}" % v)
    f.t("")
    v = "arn:aws:kms:eu-west-1:%d:key/%s" % (r.randrange(10 ** 11, 10 ** 12), r.uuid())
    f.n("id-terraform-kms-arn", v, "variable \"kms_key_arn\" {\n  default = \"%s\"\n}" % v)

    f = c.f("infra/db/main.tf")
    f.t("resource \"aws_db_instance\" \"main\" {\n  identifier        = \"orders-${var.environment}\"\n  engine            = \"postgres\"\n  engine_version    = \"16.2\"\n  instance_class    = \"db.t4g.medium\"\n  allocated_storage = 50\n  username          = \"orders_admin\"")
    f.n("ref-terraform-var", "var.db_password", "  password          = var.db_password")
    f.t("  skip_final_snapshot = false\n}\n")
    f.n("name-terraform-secretsmanager-secret-id", "orders/replica", "data \"aws_secretsmanager_secret_version\" \"replica\" {\n  secret_id = \"orders/replica\"\n}")
    f.t("")
    f.n("ref-terraform-secretsmanager-data", "data.aws_secretsmanager_secret_version.replica.secret_string",
        "locals {\n  replica = jsondecode(data.aws_secretsmanager_secret_version.replica.secret_string)\n}")
    f.t("\nresource \"random_password\" \"app\" {\n  length  = 32\n  special = true\n}\n\nprovider \"postgresql\" {\n  host     = aws_db_instance.main.address\n  username = \"orders_admin\"")
    v = r.pw()
    f.p("password-terraform-provider-postgresql", v, "  password = \"%s\"" % v)
    f.t("  sslmode  = \"require\"\n}\n\nresource \"vault_generic_secret\" \"app\" {\n  path = \"secret/orders/app\"")
    f.n("template-terraform-jsonencode-ref", "random_password.app.result", "  data_json = jsonencode({ password = random_password.app.result })")
    f.t("}")

    f = c.f("infra/db/prod.tfvars")
    f.t("environment    = \"production\"\ninstance_class = \"db.r6g.large\"")
    v = r.pw()
    f.p("password-tfvars", v, "db_password    = \"%s\"" % v)
    v = tok(r, "cloudflare")
    f.p("token-tfvars-cloudflare", v, "cloudflare_api_token = \"%s\"" % v)
    f.n("placeholder-tfvars", "REPLACE_ME", "pagerduty_token = \"REPLACE_ME\"")

    f = c.f("infra/db/terraform.tfvars.example")
    f.n("placeholder-tfvars-example", "<db-password>", "db_password          = \"<db-password>\"")
    f.n("placeholder-tfvars-example", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "cloudflare_api_token = \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"")

    f = c.f("infra/db/.terraform.lock.hcl")
    f.t("# This file is maintained automatically by \"terraform init\".\n# Manual edits may be lost in future updates.\n\nprovider \"registry.terraform.io/hashicorp/aws\" {\n  version     = \"5.47.0\"\n  constraints = \"~> 5.40\"\n  hashes = [")
    v = r.b64(32)
    f.n("hash-terraform-lock-h1", v, "    \"h1:%s\"," % v)
    for _ in range(2):
        v = r.hex(64)
        f.n("hash-terraform-lock-zh", v, "    \"zh:%s\"," % v)
    f.t("  ]\n}")

    f = c.f("infra/state/terraform.tfstate")
    lineage = r.uuid()
    f.t("{\n  \"version\": 4,\n  \"terraform_version\": \"1.7.5\",\n  \"serial\": 42,")
    f.n("id-tfstate-lineage", lineage, "  \"lineage\": \"%s\"," % lineage)
    f.t("  \"outputs\": {")
    v = r.pw()
    f.p("password-tfstate-sensitive-output", v, "    \"db_password\": {\n      \"value\": \"%s\",\n      \"type\": \"string\",\n      \"sensitive\": true\n    }," % v)
    v = "postgres://orders_admin:%s@orders-prod.cx1abc.eu-west-1.rds.amazonaws.com:5432/orders" % r.pw(url=True)
    f.p("url-tfstate-output-connection", v.split(":")[2].split("@")[0], "    \"db_url\": {\n      \"value\": \"%s\",\n      \"type\": \"string\",\n      \"sensitive\": true\n    }," % v)
    f.t("    \"bucket\": {\n      \"value\": \"acme-orders-prod-artifacts\",\n      \"type\": \"string\"\n    }\n  },\n  \"resources\": [\n    {\n      \"mode\": \"managed\",\n      \"type\": \"random_password\",\n      \"name\": \"app\",\n      \"provider\": \"provider[\\\"registry.terraform.io/hashicorp/random\\\"]\",\n      \"instances\": [\n        {\n          \"schema_version\": 3,\n          \"attributes\": {")
    v = "$2a$10$" + r.s(53, ALNUM + "./")
    f.n("hash-tfstate-bcrypt", v, "            \"bcrypt_hash\": \"%s\"," % v)
    f.t("            \"length\": 32,")
    v = r.s(32, ALNUM + "!#$%&*()-_=+[]{}<>:?")
    f.p("password-tfstate-random-password-result", v, "            \"result\": \"%s\"," % v)
    f.t("            \"special\": true\n          },\n          \"sensitive_attributes\": []\n        }\n      ]\n    },\n    {\n      \"mode\": \"managed\",\n      \"type\": \"aws_iam_access_key\",\n      \"name\": \"ci\",\n      \"instances\": [\n        {\n          \"attributes\": {")
    v = tok(r, "aws_id")
    f.p("aws-key-id-tfstate", v, "            \"id\": \"%s\"," % v)
    v = tok(r, "aws_secret")
    f.p("aws-secret-tfstate", v, "            \"secret\": \"%s\"," % v)
    f.t("            \"ses_smtp_password_v4\": null,\n            \"status\": \"Active\",\n            \"user\": \"ci-deployer\"\n          }\n        }\n      ]\n    },\n    {\n      \"mode\": \"managed\",\n      \"type\": \"tls_private_key\",\n      \"name\": \"deploy\",\n      \"instances\": [\n        {\n          \"attributes\": {\n            \"algorithm\": \"RSA\",")
    pem = gen_private_key(r, "rsa")
    esc = pem.replace("\n", "\\n") + "\\n"
    f.p("private-key-tfstate-json-escaped", key_value_line(pem), "            \"private_key_pem\": \"%s\"," % esc)
    v = ssh_public(r, "")
    f.n("public-key-tfstate-openssh", v.strip(), "            \"public_key_openssh\": \"%s\\n\"," % v.strip())
    v = r.hex(40)
    f.n("hash-tfstate-resource-id-sha1", v, "            \"id\": \"%s\"," % v)
    f.t("            \"rsa_bits\": 4096\n          }\n        }\n      ]\n    }\n  ]\n}")

    f = c.f("ops/terraformrc")
    f.t("plugin_cache_dir = \"$HOME/.terraform.d/plugin-cache\"\ndisable_checkpoint = true\n")
    v = tok(r, "tfc")
    f.p("token-terraformrc-credentials", v, "credentials \"app.terraform.io\" {\n  token = \"%s\"\n}" % v)
    f.t("")
    v = r.s(40, URLSAFE)
    f.p("token-terraformrc-credentials-private", v, "credentials \"tfe.corp.example.net\" {\n  token = \"%s\"\n}" % v)

    f = c.f("ops/credentials.tfrc.json")
    v = tok(r, "tfc")
    f.p("token-tfrc-json", v, "{\n  \"credentials\": {\n    \"app.terraform.io\": {\n      \"token\": \"%s\"\n    }\n  }\n}" % v)


def iac_pulumi(c):
    r = c.rng
    f = c.f("pulumi/Pulumi.prod.yaml")
    v = "v1:" + r.b64(12) + ":v1:" + r.b64(32 + 16)
    f.n("ciphertext-pulumi-encryptionsalt", v, "encryptionsalt: %s" % v)
    f.t("config:\n  aws:region: eu-west-1\n  acme-api:replicas: \"4\"")
    v = "AAABA" + r.b64(60)
    f.n("ciphertext-pulumi-secure", v, "  acme-api:dbPassword:\n    secure: %s" % v)
    v = "v1:" + r.b64(12) + ":" + r.b64(40)
    f.n("ciphertext-pulumi-secure-passphrase", v, "  acme-api:stripeKey:\n    secure: %s" % v)
    v = r.pw()
    f.p("password-pulumi-plain-config", v, "  acme-api:redisPassword: %s" % v)
    v = tok(r, "sendgrid")
    f.p("apikey-pulumi-plain-config", v, "  acme-api:sendgridApiKey: %s" % v)
    f.t("  acme-api:domain: api.acme.example")

    f = c.f("pulumi/Pulumi.dev.yaml")
    f.t("config:\n  aws:region: eu-west-1\n  aws:profile: acme-dev")
    v = tok(r, "aws_secret")
    f.p("aws-secret-pulumi-config", v, "  aws:secretKey: %s" % v)
    v = tok(r, "aws_id")
    f.p("aws-key-id-pulumi-config", v, "  aws:accessKey: %s" % v)
    f.n("ref-pulumi-esc-environment", "acme/dev-secrets", "environment:\n  - acme/dev-secrets")

    f = c.f("pulumi/index.ts")
    f.t("import * as pulumi from \"@pulumi/pulumi\";\nimport * as aws from \"@pulumi/aws\";\n\nconst cfg = new pulumi.Config();")
    f.n("ref-pulumi-require-secret", "cfg.requireSecret(\"dbPassword\")", "const dbPassword = cfg.requireSecret(\"dbPassword\");")
    f.t("export const bucketName = new aws.s3.Bucket(\"artifacts\").id;")


def iac_cloudformation(c):
    r = c.rng
    f = c.f("cfn/database.yaml")
    f.t("AWSTemplateFormatVersion: '2010-09-09'\nDescription: Orders database\nParameters:\n  Environment:\n    Type: String\n    Default: prod")
    v = r.pw()
    f.p("password-cloudformation-parameter-default", v, "  DBPassword:\n    Type: String\n    NoEcho: true\n    MinLength: 12\n    Default: '%s'" % v)
    f.n("noecho-cloudformation-no-default", "ReplicaPassword", "  ReplicaPassword:\n    Type: String\n    NoEcho: true")
    f.n("ref-cloudformation-ssm-parameter-type", "/acme/prod/api-key", "  ApiKeyParam:\n    Type: AWS::SSM::Parameter::Value<String>\n    Default: /acme/prod/api-key")
    f.t("Resources:\n  Database:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n      DBInstanceClass: db.t4g.medium\n      MasterUsername: orders_admin")
    f.n("ref-cloudformation-ref", "!Ref DBPassword", "      MasterUserPassword: !Ref DBPassword")
    f.t("  Replica:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n      MasterUsername: replica_admin")
    f.n("ref-cloudformation-resolve", "{{resolve:secretsmanager:orders/replica:SecretString:password}}",
        "      MasterUserPassword: '{{resolve:secretsmanager:orders/replica:SecretString:password}}'")
    f.t("  Worker:\n    Type: AWS::EC2::Instance\n    Properties:\n      ImageId: ami-0c1d2e3f4a5b6c7d8\n      InstanceType: t3.small\n      UserData:\n        Fn::Base64: !Sub |\n          #!/bin/bash\n          yum install -y mariadb105")
    v = r.pw(url=True)
    f.p("password-cloudformation-userdata-mysql", v, "          mysql -h ${Database.Endpoint.Address} -u orders_admin -p'%s' -e 'CREATE DATABASE IF NOT EXISTS reports'" % v)
    v = tok(r, "datadog_api")
    f.p("apikey-cloudformation-userdata-datadog", v, "          DD_API_KEY=%s DD_SITE=datadoghq.eu bash -c \"$(curl -L https://install.datadoghq.com/scripts/install_script_agent7.sh)\"" % v)
    f.t("          systemctl enable --now datadog-agent")

    f = c.f("cfn/lambda.json")
    f.t("{\n  \"AWSTemplateFormatVersion\": \"2010-09-09\",\n  \"Parameters\": {")
    v = tok(r, "stripe")
    f.p("apikey-cloudformation-json-parameter-default", v, "    \"StripeSecretKey\": {\n      \"Type\": \"String\",\n      \"NoEcho\": \"true\",\n      \"Default\": \"%s\"\n    }," % v)
    f.n("noecho-cloudformation-json-no-default", "WebhookSecret", "    \"WebhookSecret\": {\n      \"Type\": \"String\",\n      \"NoEcho\": \"true\"\n    }")
    f.t("  },\n  \"Resources\": {\n    \"Fn\": {\n      \"Type\": \"AWS::Lambda::Function\",\n      \"Properties\": {\n        \"Runtime\": \"python3.12\",\n        \"Handler\": \"app.handler\",\n        \"Environment\": {\n          \"Variables\": {")
    f.n("ref-cloudformation-json-ref", "{\"Ref\": \"StripeSecretKey\"}", "            \"STRIPE_KEY\": {\"Ref\": \"StripeSecretKey\"},")
    v = tok(r, "slack_bot")
    f.p("token-cloudformation-json-lambda-env", v, "            \"SLACK_BOT_TOKEN\": \"%s\"," % v)
    f.n("ref-cloudformation-json-resolve-ssm", "{{resolve:ssm-secure:/acme/prod/webhook:1}}", "            \"WEBHOOK_SECRET\": \"{{resolve:ssm-secure:/acme/prod/webhook:1}}\"")
    f.t("          }\n        }\n      }\n    }\n  }\n}")


def iac_azure(c):
    r = c.rng
    f = c.f("bicep/main.bicep")
    f.t("targetScope = 'resourceGroup'\n\nparam location string = resourceGroup().location\nparam adminUsername string = 'azureadmin'\n")
    v = r.pw()
    f.p("password-bicep-secure-param-default", v, "@secure()\nparam adminPassword string = '%s'" % v)
    f.t("")
    f.n("secure-bicep-param-no-default", "sqlPassword", "@secure()\nparam sqlPassword string")
    f.t("\nresource kv 'Microsoft.KeyVault/vaults@2023-07-01' existing = {\n  name: 'kv-acme-prod'\n}\n\nmodule sql './sql.bicep' = {\n  name: 'sql'\n  params: {\n    location: location")
    f.n("ref-bicep-getsecret", "kv.getSecret('sql-admin-password')", "    administratorLoginPassword: kv.getSecret('sql-admin-password')")
    f.t("  }\n}\n\nresource storage 'Microsoft.Storage/storageAccounts@2023-01-01' = {\n  name: 'stacmeprod'\n  location: location\n  sku: {\n    name: 'Standard_LRS'\n  }\n  kind: 'StorageV2'\n}\n")
    f.n("ref-bicep-listkeys", "storage.listKeys().keys[0].value", "var storageConnection = 'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storage.listKeys().keys[0].value};EndpointSuffix=core.windows.net'")
    v = tok(r, "azure_storage")
    f.p("key-bicep-storage-connection-literal", v, "var legacyConnection = 'DefaultEndpointsProtocol=https;AccountName=stacmelegacy;AccountKey=%s;EndpointSuffix=core.windows.net'" % v)
    v = "/subscriptions/%s/providers/Microsoft.Authorization/roleDefinitions/%s" % (r.uuid(), "b24988ac-6180-42a0-ab88-20f7382dd24c")
    f.n("id-bicep-role-definition", "b24988ac-6180-42a0-ab88-20f7382dd24c", "var contributorRoleId = 'b24988ac-6180-42a0-ab88-20f7382dd24c'")

    f = c.f("arm/azuredeploy.json")
    f.t("{\n  \"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\",\n  \"contentVersion\": \"1.0.0.0\",\n  \"parameters\": {\n    \"adminUsername\": {\n      \"type\": \"string\",\n      \"defaultValue\": \"azureadmin\"\n    },")
    v = r.pw()
    f.p("password-arm-securestring-default", v, "    \"adminPassword\": {\n      \"type\": \"securestring\",\n      \"defaultValue\": \"%s\"\n    }," % v)
    f.n("securestring-arm-no-default", "sqlPassword", "    \"sqlPassword\": {\n      \"type\": \"securestring\"\n    }")
    f.t("  },\n  \"variables\": {")
    f.n("ref-arm-listkeys", "listKeys(", "    \"storageKey\": \"[listKeys(resourceId('Microsoft.Storage/storageAccounts', 'stacmeprod'), '2023-01-01').keys[0].value]\",")
    v = tok(r, "azure_storage")
    f.p("key-arm-variable-connection", v, "    \"legacyConnection\": \"DefaultEndpointsProtocol=https;AccountName=stacmelegacy;AccountKey=%s\"" % v)
    f.t("  },\n  \"resources\": []\n}")

    f = c.f("arm/azuredeploy.parameters.json")
    f.t("{\n  \"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#\",\n  \"contentVersion\": \"1.0.0.0\",\n  \"parameters\": {\n    \"adminUsername\": {\n      \"value\": \"azureadmin\"\n    },")
    v = r.pw()
    f.p("password-arm-parameters-file", v, "    \"adminPassword\": {\n      \"value\": \"%s\"\n    }," % v)
    sub = r.uuid()
    f.n("ref-arm-parameters-keyvault", "sql-admin-password", "    \"sqlPassword\": {\n      \"reference\": {\n        \"keyVault\": {\n          \"id\": \"/subscriptions/%s/resourceGroups/rg-shared/providers/Microsoft.KeyVault/vaults/kv-acme-prod\"\n        },\n        \"secretName\": \"sql-admin-password\"\n      }\n    }," % sub)
    v = tok(r, "azure_secret")
    f.p("secret-arm-parameters-client-secret", v, "    \"servicePrincipalClientSecret\": {\n      \"value\": \"%s\"\n    }" % v)
    f.t("  }\n}")

    f = c.f("bicep/main.bicepparam")
    f.t("using './main.bicep'\n\nparam location = 'westeurope'")
    v = r.pw()
    f.p("password-bicepparam", v, "param adminPassword = '%s'" % v)
    f.n("ref-bicepparam-getsecret", "az.getSecret(", "param sqlPassword = az.getSecret('%s', 'rg-shared', 'kv-acme-prod', 'sql-admin-password')" % r.uuid())
    f.n("env-bicepparam-readenv", "readEnvironmentVariable('SP_SECRET')", "param spSecret = readEnvironmentVariable('SP_SECRET')")


def iac_kubernetes(c):
    r = c.rng
    f = c.f("k8s/overlays/prod/kustomization.yaml")
    f.t("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: orders\nresources:\n  - ../../base\nsecretGenerator:\n  - name: orders-db\n    literals:\n      - username=orders_app")
    v = r.pw()
    f.p("password-kustomize-secretgenerator-literal", v, "      - password=%s" % v)
    v = tok(r, "stripe")
    f.p("apikey-kustomize-secretgenerator-literal", v, "      - STRIPE_SECRET_KEY=%s" % v)
    f.t("  - name: orders-tls")
    f.n("path-kustomize-secretgenerator-files", "tls.key=secrets/tls.key", "    files:\n      - tls.crt=secrets/tls.crt\n      - tls.key=secrets/tls.key")
    f.t("  - name: orders-env")
    f.n("path-kustomize-secretgenerator-envs", ".env.secret", "    envs:\n      - .env.secret")
    f.t("generatorOptions:\n  disableNameSuffixHash: false\nimages:\n  - name: orders")
    v = "sha256:" + r.hex(64)
    f.n("hash-kustomize-image-digest", v, "    digest: %s" % v)

    f = c.f("k8s/base/secret-payments.yaml")
    f.t("apiVersion: v1\nkind: Secret\nmetadata:\n  name: payments\n  namespace: orders\ntype: Opaque\ndata:")
    v = base64.b64encode(r.pw().encode()).decode()
    f.p("password-k8s-secret-data-base64", v, "  DB_PASSWORD: %s" % v)
    v = base64.b64encode(tok(r, "sendgrid").encode()).decode()
    f.p("apikey-k8s-secret-data-base64", v, "  SENDGRID_API_KEY: %s" % v)
    v = base64.b64encode(b"orders_app").decode()
    f.n("k8s-secret-data-username", v, "  DB_USER: %s" % v)
    f.t("stringData:")
    v = tok(r, "vault")
    f.p("token-k8s-secret-stringdata", v, "  VAULT_TOKEN: %s" % v)
    v = "amqps://orders:%s@mq.corp.example.net:5671/orders" % r.pw(url=True)
    pw = v.split(":")[2].split("@")[0]
    f.p("url-k8s-secret-stringdata-amqp", pw, "  AMQP_URL: %s" % v)

    f = c.f("k8s/base/secret-placeholder.yaml")
    f.t("apiVersion: v1\nkind: Secret\nmetadata:\n  name: payments-template\n  annotations:\n    argocd.argoproj.io/compare-options: IgnoreExtraneous\ntype: Opaque\nstringData:")
    f.n("placeholder-k8s-secret-stringdata", "<set-by-external-secrets>", "  DB_PASSWORD: <set-by-external-secrets>")
    f.n("template-k8s-secret-stringdata-envsubst", "${SENDGRID_API_KEY}", "  SENDGRID_API_KEY: ${SENDGRID_API_KEY}")
    f.t("data:")
    f.n("empty-k8s-secret-data", "\"\"", "  WEBHOOK_SECRET: \"\"")

    f = c.f("k8s/base/sealed-payments.yaml")
    f.t("apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: payments\n  namespace: orders\nspec:\n  encryptedData:")
    v = "AgB" + r.b64(360)
    f.n("ciphertext-sealed-secret", v, "    DB_PASSWORD: %s" % v)

    f = c.f("k8s/base/deployment.yaml")
    f.t("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: orders\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: orders\n  template:\n    metadata:\n      labels:\n        app: orders\n    spec:\n      containers:\n        - name: orders")
    v = "sha256:" + r.hex(64)
    f.n("hash-k8s-image-digest", v, "          image: ghcr.io/acme/orders@%s" % v)
    f.t("          env:")
    f.n("ref-k8s-secretkeyref", "secretKeyRef", "            - name: DB_PASSWORD\n              valueFrom:\n                secretKeyRef:\n                  name: payments\n                  key: DB_PASSWORD")
    v = tok(r, "newrelic")
    f.p("apikey-k8s-deployment-env-literal", v, "            - name: NEW_RELIC_API_KEY\n              value: \"%s\"" % v)


def iac_hashicorp(c):
    r = c.rng
    f = c.f("nomad/orders.nomad.hcl")
    f.t("job \"orders\" {\n  datacenters = [\"dc1\"]\n  type        = \"service\"\n\n  group \"api\" {\n    count = 3\n\n    task \"server\" {\n      driver = \"docker\"\n\n      config {\n        image = \"ghcr.io/acme/orders:2.3.0\"\n      }\n\n      env {\n        LOG_LEVEL   = \"info\"")
    v = r.pw()
    f.p("password-nomad-env", v, "        DB_PASSWORD = \"%s\"" % v)
    v = tok(r, "sentry_auth")
    f.p("token-nomad-env", v, "        SENTRY_AUTH_TOKEN = \"%s\"" % v)
    f.t("      }\n")
    f.n("template-nomad-vault-template", "{{ with secret \"kv/data/orders\" }}", "      template {\n        data        = <<EOH\n{{ with secret \"kv/data/orders\" }}STRIPE_KEY={{ .Data.data.stripe_key }}{{ end }}\nEOH\n        destination = \"secrets/stripe.env\"\n        env         = true\n      }")
    f.t("\n      vault {\n        policies = [\"orders\"]\n      }\n    }\n  }\n}")

    f = c.f("nomad/server.hcl")
    f.t("data_dir  = \"/opt/nomad/data\"\nbind_addr = \"0.0.0.0\"\n\nserver {\n  enabled          = true\n  bootstrap_expect = 3")
    v = r.b64(32)
    f.p("key-nomad-gossip-encrypt", v, "  encrypt          = \"%s\"" % v)
    f.t("}\n\nvault {\n  enabled = true\n  address = \"https://vault.corp.example.net:8200\"")
    v = tok(r, "vault")
    f.p("token-nomad-vault-stanza", v, "  token   = \"%s\"" % v)
    f.t("}\n\nacl {\n  enabled = true\n}")

    f = c.f("consul/acl.hcl")
    f.t("acl {\n  enabled        = true\n  default_policy = \"deny\"\n  tokens {")
    v = r.uuid()
    f.p("token-consul-acl-initial-management", v, "    initial_management = \"%s\"" % v)
    f.n("placeholder-consul-acl-token", "<agent-token>", "    agent              = \"<agent-token>\"")
    f.t("  }\n}")

    f = c.f("packer/windows.pkr.hcl")
    f.t("packer {\n  required_plugins {\n    amazon = {\n      version = \">= 1.3.0\"\n      source  = \"github.com/hashicorp/amazon\"\n    }\n  }\n}\n\nvariable \"winrm_password\" {\n  type      = string\n  sensitive = true\n}\n\nsource \"amazon-ebs\" \"win2022\" {\n  ami_name      = \"acme-win2022-{{timestamp}}\"\n  instance_type = \"t3.large\"\n  region        = \"eu-west-1\"\n  communicator  = \"winrm\"\n  winrm_username = \"Administrator\"")
    f.n("ref-packer-var", "${var.winrm_password}", "  winrm_password = \"${var.winrm_password}\"")
    f.t("}\n\nsource \"vsphere-iso\" \"ubuntu\" {\n  vcenter_server = \"vcenter.corp.example.net\"\n  username       = \"packer@vsphere.local\"")
    v = r.pw()
    f.p("password-packer-vsphere", v, "  password       = \"%s\"" % v)
    f.t("  ssh_username   = \"ubuntu\"")
    v = r.pw()
    f.p("password-packer-ssh", v, "  ssh_password   = \"%s\"" % v)
    v = "sha256:" + r.hex(64)
    f.n("hash-packer-iso-checksum", v, "  iso_checksum   = \"%s\"" % v)
    f.t("  iso_url        = \"https://releases.ubuntu.com/24.04/ubuntu-24.04-live-server-amd64.iso\"\n}\n\nsource \"azure-arm\" \"base\" {")
    v = r.uuid()
    f.n("id-packer-azure-client", v, "  client_id       = \"%s\"" % v)
    v = tok(r, "azure_secret")
    f.p("secret-packer-azure-client", v, "  client_secret   = \"%s\"" % v)
    f.t("  os_type         = \"Linux\"\n}")

    f = c.f("packer/variables.auto.pkrvars.hcl")
    v = r.pw()
    f.p("password-pkrvars", v, "winrm_password = \"%s\"" % v)
    f.t("build_region   = \"eu-west-1\"")

    f = c.f("Vagrantfile")
    f.t("# -*- mode: ruby -*-\nVagrant.configure(\"2\") do |config|\n  config.vm.box = \"bento/ubuntu-24.04\"")
    v = "sha256:" + r.hex(64)
    f.n("hash-vagrant-box-checksum", r.hex(0) + v.split(":")[1], "  config.vm.box_download_checksum = \"%s\"\n  config.vm.box_download_checksum_type = \"sha256\"" % v.split(":")[1])
    f.t("  config.ssh.username = \"vagrant\"")
    f.n("default-vagrant-ssh-password", "vagrant", "  config.ssh.password = \"vagrant\"")
    f.t("\n  config.vm.define \"win\" do |win|\n    win.vm.box = \"gusztavvargadr/windows-server-2022\"\n    win.vm.communicator = \"winrm\"\n    win.winrm.username = \"Administrator\"")
    v = r.pw()
    f.p("password-vagrant-winrm", v, "    win.winrm.password = \"%s\"" % v)
    f.t("  end\n\n  config.vm.provider \"aws\" do |aws, override|")
    v = tok(r, "aws_id")
    f.p("aws-key-id-vagrantfile", v, "    aws.access_key_id = \"%s\"" % v)
    v = tok(r, "aws_secret")
    f.p("aws-secret-vagrantfile", v, "    aws.secret_access_key = \"%s\"" % v)
    f.n("env-vagrantfile", "ENV['AWS_SESSION_TOKEN']", "    aws.session_token = ENV['AWS_SESSION_TOKEN']")
    f.t("    aws.region = \"eu-west-1\"\n  end\nend")


def iac_config_mgmt(c):
    r = c.rng
    f = c.f("chef/data_bags/db/prod.json")
    v = r.pw()
    f.t("{\n  \"id\": \"prod\",\n  \"host\": \"db1.corp.example.net\",\n  \"user\": \"app\",")
    f.p("password-chef-data-bag", v, "  \"password\": \"%s\"," % v)
    v = tok(r, "mailgun")
    f.p("apikey-chef-data-bag", v, "  \"mailgun_api_key\": \"%s\"" % v)
    f.t("}")

    f = c.f("chef/data_bags/secrets/payments.json")
    f.t("{\n  \"id\": \"payments\",\n  \"stripe_key\": {")
    v = r.b64(96)
    f.n("ciphertext-chef-encrypted-data-bag", v, "    \"encrypted_data\": \"%s\\n\"," % v)
    v = r.b64(32)
    f.n("ciphertext-chef-encrypted-data-bag-hmac", v, "    \"hmac\": \"%s\"," % v)
    v = r.b64(12)
    f.n("ciphertext-chef-encrypted-data-bag-iv", v, "    \"iv\": \"%s\"," % v)
    f.t("    \"version\": 3,\n    \"cipher\": \"aes-256-gcm\"\n  }\n}")

    f = c.f("chef/.chef/knife.rb")
    f.t("current_dir = File.dirname(__FILE__)\nlog_level                :info\nnode_name                \"deploy\"")
    f.n("path-knife-client-key", "#{current_dir}/deploy.pem", "client_key               \"#{current_dir}/deploy.pem\"")
    f.t("chef_server_url          \"https://chef.corp.example.net/organizations/acme\"")
    f.n("path-knife-data-bag-secret", "#{current_dir}/encrypted_data_bag_secret", "knife[:secret_file]      = \"#{current_dir}/encrypted_data_bag_secret\"")
    v = tok(r, "aws_id")
    f.p("aws-key-id-knife-rb", v, "knife[:aws_access_key_id]     = \"%s\"" % v)
    v = tok(r, "aws_secret")
    f.p("aws-secret-knife-rb", v, "knife[:aws_secret_access_key] = \"%s\"" % v)
    v = r.pw()
    f.p("password-knife-rb-vsphere", v, "knife[:vsphere_pass]          = \"%s\"" % v)
    f.n("env-knife-rb", "ENV['VSPHERE_USER']", "knife[:vsphere_user]          = ENV['VSPHERE_USER']")

    f = c.f("chef/.chef/encrypted_data_bag_secret")
    v = r.b64(384).replace("\n", "")
    f.p("key-chef-encrypted-data-bag-secret", v, v)

    f = c.f("chef/.chef/deploy.pem")
    pem = gen_private_key(r, "rsa")
    f.p("private-key-chef-client-pem", key_value_line(pem), pem)

    f = c.f("puppet/data/common.yaml")
    f.t("---\nprofile::base::ntp_servers:\n  - 0.pool.ntp.org\n  - 1.pool.ntp.org\nprofile::db::user: 'app'")
    v = r.pw()
    f.p("password-hiera-plain", v, "profile::db::password: '%s'" % v)
    v = tok(r, "slack_webhook")
    f.p("webhook-hiera-plain", v, "profile::alerting::slack_webhook: '%s'" % v)
    f.n("ref-hiera-lookup", "%{lookup('vault_db_password')}", "profile::db::replica_password: \"%{lookup('vault_db_password')}\"")

    f = c.f("puppet/data/secure.eyaml")
    f.t("---")
    v = "ENC[PKCS7," + r.b64(280) + "]"
    f.n("ciphertext-hiera-eyaml-pkcs7", v, "profile::db::password: >\n    %s" % v)
    v = "ENC[GPG," + r.b64(200) + "]"
    f.n("ciphertext-hiera-eyaml-gpg", v, "profile::app::api_key: %s" % v)

    f = c.f("puppet/manifests/site.pp")
    f.t("node 'db1.corp.example.net' {\n  class { 'postgresql::server': }\n\n  postgresql::server::db { 'orders':\n    user     => 'orders',")
    v = r.pw()
    f.p("password-puppet-manifest", v, "    password => postgresql::postgresql_password('orders', '%s')," % v)
    f.t("  }\n\n  user { 'deploy':\n    ensure   => present,")
    v = "$6$" + r.s(16, ALNUM + "./") + "$" + r.s(86, ALNUM + "./")
    f.n("hash-puppet-user-sha512crypt", v, "    password => '%s'," % v)
    f.t("  }\n}")

    f = c.f("salt/pillar/db.sls")
    f.t("mysql:\n  server:\n    root_user: root")
    v = r.pw()
    f.p("password-salt-pillar", v, "    root_password: '%s'" % v)
    f.t("  database:\n    name: orders")
    f.n("template-salt-pillar-vault", "salt['vault'].read_secret('secret/orders/db', 'password')", "    password: {{ salt['vault'].read_secret('secret/orders/db', 'password') }}")
    v = "%s" % r.b64(200)
    f.n("ciphertext-salt-pillar-gpg", v, "  replica_password: |\n    -----BEGIN PGP MESSAGE-----\n\n    %s\n    =%s\n    -----END PGP MESSAGE-----" % (v, r.b64(3)))

    f = c.f("salt/pillar/cloud.sls")
    f.t("#!yaml\ncloud:\n  providers:\n    do:\n      driver: digitalocean")
    v = tok(r, "do")
    f.p("token-salt-pillar-digitalocean", v, "      personal_access_token: %s" % v)
    f.t("      location: ams3")


# ===================================================================== windows

def win_powershell(c):
    r = c.rng
    f = c.f("scripts/Deploy-Orders.ps1")
    f.t("[CmdletBinding()]\nparam(\n    [string]$Environment = 'prod'\n)\n\n$ErrorActionPreference = 'Stop'\n$server = 'sql01.corp.example.net'")
    v = r.pw()
    f.p("password-powershell-securestring-plaintext", v, "$securePassword = ConvertTo-SecureString '%s' -AsPlainText -Force" % v)
    f.t("$credential = New-Object System.Management.Automation.PSCredential ('CORP\\svc-deploy', $securePassword)\nInvoke-Command -ComputerName $server -Credential $credential -ScriptBlock { Restart-Service OrdersApi }\n")
    v = r.pw()
    f.p("password-powershell-pscredential-inline", v, "$cred2 = [pscredential]::new('svc-backup', (ConvertTo-SecureString -String \"%s\" -AsPlainText -Force))" % v)
    f.n("env-powershell-securestring", "$env:DEPLOY_PASSWORD", "$fromEnv = ConvertTo-SecureString $env:DEPLOY_PASSWORD -AsPlainText -Force")
    v = dpapi_blob(r)
    f.n("ciphertext-powershell-dpapi-securestring", v, "$encrypted = '%s'" % v)
    f.t("$fromDpapi = ConvertTo-SecureString $encrypted")
    f.n("prompt-powershell-get-credential", "Get-Credential", "$interactive = Get-Credential -UserName 'CORP\\admin' -Message 'Admin account'")
    f.n("ref-powershell-secretmanagement", "Get-Secret -Name OrdersApiKey -Vault CorpVault -AsPlainText", "$apiKey = Get-Secret -Name OrdersApiKey -Vault CorpVault -AsPlainText")
    f.n("prompt-powershell-read-host", "-AsSecureString", "$pin = Read-Host -Prompt 'Recovery PIN' -AsSecureString")

    f = c.f("scripts/Invoke-Api.ps1")
    f.t("$baseUri = 'https://api.acme.example/v2'")
    v = tok(r, "jwt")
    f.p("token-powershell-headers-bearer", v, "$headers = @{ Authorization = \"Bearer %s\"; Accept = 'application/json' }" % v)
    f.t("$orders = Invoke-RestMethod -Uri \"$baseUri/orders\" -Headers $headers -Method Get")
    v = tok(r, "linear")
    f.p("apikey-powershell-invoke-restmethod", v, "Invoke-RestMethod -Uri 'https://api.linear.app/graphql' -Method Post -Headers @{ Authorization = '%s' } -Body $query -ContentType 'application/json'" % v)
    raw = "ops-bot:" + tok(r, "atlassian")
    v = base64.b64encode(raw.encode()).decode()
    f.p("basic-powershell-authorization-header", v, "$jira = Invoke-WebRequest -Uri 'https://acme.atlassian.net/rest/api/3/myself' -Headers @{ Authorization = 'Basic %s' }" % v)
    f.n("env-powershell-headers", "$env:GITHUB_TOKEN", "$gh = Invoke-RestMethod -Uri 'https://api.github.com/user' -Headers @{ Authorization = \"token $env:GITHUB_TOKEN\" }")
    v = tok(r, "azure_secret")
    f.p("secret-powershell-connect-azaccount", v, "$sp = New-Object PSCredential('%s', (ConvertTo-SecureString '%s' -AsPlainText -Force))" % (r.uuid(), v))
    f.t("Connect-AzAccount -ServicePrincipal -Credential $sp -Tenant 'contoso.onmicrosoft.com'")

    f = c.f("scripts/profile/Microsoft.PowerShell_profile.ps1")
    f.t("Set-PSReadLineOption -EditMode Emacs\nImport-Module posh-git")
    v = tok(r, "openai")
    f.p("apikey-powershell-profile-env", v, "$env:OPENAI_API_KEY = '%s'" % v)
    v = tok(r, "ghp")
    f.p("token-powershell-profile-env", v, "[Environment]::SetEnvironmentVariable('GH_TOKEN', '%s', 'User')" % v)


def win_batch(c):
    r = c.rng
    f = c.f("scripts/map-drives.bat")
    f.t("@echo off\nsetlocal\nREM map shared drives for the build agents")
    v = r.pw(url=True).replace("%", "")
    f.p("password-bat-net-use", v, "net use S: \\\\fs01.corp.example.net\\share %s /user:CORP\\svc-build /persistent:no" % v)
    f.n("prompt-bat-net-use-star", "/user:CORP\\%USERNAME% *", "net use T: \\\\fs01.corp.example.net\\team /user:CORP\\%USERNAME% *")
    f.n("config-bat-runas-savecred", "runas /savecred", "runas /savecred /user:CORP\\admin \"mmc.exe dsa.msc\"")
    f.t("endlocal")

    f = c.f("scripts/restore-db.cmd")
    f.t("@echo off\nset SERVER=sql01.corp.example.net\nset DB=Orders")
    v = r.pw(url=True)
    f.p("password-cmd-sqlcmd", v, "sqlcmd -S %%SERVER%% -U sa -P \"%s\" -Q \"RESTORE DATABASE [%%DB%%] FROM DISK='D:\\backup\\orders.bak' WITH REPLACE\"" % v)
    f.n("env-cmd-sqlcmd", "%SQL_PASSWORD%", "sqlcmd -S %SERVER% -U sa -P %SQL_PASSWORD% -Q \"DBCC CHECKDB([%DB%])\"")
    v = r.pw(url=True)
    f.p("password-cmd-psexec", v, "psexec \\\\app01 -u CORP\\svc-deploy -p %s -h cmd /c iisreset" % v)
    v = r.pw(url=True)
    f.p("password-cmd-set-variable", v, "set BACKUP_PASSWORD=%s" % v)
    f.n("env-cmd-7z-password-variable", "-p%BACKUP_PASSWORD%", "7z a -p%BACKUP_PASSWORD% D:\\backup\\orders.7z D:\\backup\\orders.bak")
    v = r.pw(url=True)
    f.p("password-cmd-cmdkey", v, "cmdkey /generic:TERMSRV/app01.corp.example.net /user:CORP\\svc-rdp /pass:%s" % v)


def win_unattend(c):
    r = c.rng
    f = c.f("images/autounattend.xml")
    f.t("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<unattend xmlns=\"urn:schemas-microsoft-com:unattend\" xmlns:wcm=\"http://schemas.microsoft.com/WMIConfig/2002/State\">\n  <settings pass=\"windowsPE\">\n    <component name=\"Microsoft-Windows-Setup\" processorArchitecture=\"amd64\" publicKeyToken=\"31bf3856ad364e35\" language=\"neutral\" versionScope=\"nonSxS\">\n      <UserData>\n        <ProductKey>")
    f.n("public-windows-gvlk", "VDYBN-27WPP-V4HQT-9VMD4-VMK7H", "          <Key>VDYBN-27WPP-V4HQT-9VMD4-VMK7H</Key>")
    f.t("          <WillShowUI>OnError</WillShowUI>\n        </ProductKey>\n        <AcceptEula>true</AcceptEula>\n      </UserData>\n    </component>\n  </settings>\n  <settings pass=\"oobeSystem\">\n    <component name=\"Microsoft-Windows-Shell-Setup\" processorArchitecture=\"amd64\" publicKeyToken=\"31bf3856ad364e35\" language=\"neutral\" versionScope=\"nonSxS\">\n      <UserAccounts>")
    pw = r.pw()
    v = unattend_b64(pw, "AdministratorPassword")
    f.p("password-unattend-admin-base64", v, "        <AdministratorPassword>\n          <Value>%s</Value>\n          <PlainText>false</PlainText>\n        </AdministratorPassword>" % v)
    f.t("        <LocalAccounts>\n          <LocalAccount wcm:action=\"add\">\n            <Name>packer</Name>\n            <Group>Administrators</Group>")
    v = r.pw()
    f.p("password-unattend-local-account-plaintext", v, "            <Password>\n              <Value>%s</Value>\n              <PlainText>true</PlainText>\n            </Password>" % v)
    f.t("          </LocalAccount>\n        </LocalAccounts>\n      </UserAccounts>\n      <AutoLogon>\n        <Enabled>true</Enabled>\n        <LogonCount>3</LogonCount>\n        <Username>packer</Username>")
    v = r.pw()
    f.p("password-unattend-autologon", v, "        <Password>\n          <Value>%s</Value>\n          <PlainText>true</PlainText>\n        </Password>" % v)
    f.t("      </AutoLogon>\n    </component>\n  </settings>\n</unattend>")

    f = c.f("images/sysprep/unattend.xml")
    f.t("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<unattend xmlns=\"urn:schemas-microsoft-com:unattend\">\n  <settings pass=\"oobeSystem\">\n    <component name=\"Microsoft-Windows-Shell-Setup\" processorArchitecture=\"amd64\">\n      <UserAccounts>")
    f.n("redacted-unattend-sensitive-data-deleted", "*SENSITIVE*DATA*DELETED*", "        <AdministratorPassword>\n          <Value>*SENSITIVE*DATA*DELETED*</Value>\n          <PlainText>true</PlainText>\n        </AdministratorPassword>")
    f.t("      </UserAccounts>\n      <AutoLogon>\n        <Enabled>false</Enabled>")
    f.n("empty-unattend-autologon", "<Value></Value>", "        <Password>\n          <Value></Value>\n          <PlainText>true</PlainText>\n        </Password>")
    f.t("      </AutoLogon>\n    </component>\n  </settings>\n</unattend>")

    f = c.f("images/domain-join.xml")
    f.t("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<unattend xmlns=\"urn:schemas-microsoft-com:unattend\">\n  <settings pass=\"specialize\">\n    <component name=\"Microsoft-Windows-UnattendedJoin\" processorArchitecture=\"amd64\">\n      <Identification>\n        <Credentials>\n          <Domain>corp.example.net</Domain>\n          <Username>svc-join</Username>")
    v = r.pw()
    f.p("password-unattend-domain-join", v, "          <Password>%s</Password>" % v)
    f.t("        </Credentials>\n        <JoinDomain>corp.example.net</JoinDomain>\n      </Identification>\n    </component>\n  </settings>\n</unattend>")


def win_misc(c):
    r = c.rng
    f = c.f("remote/app01.rdp")
    f.t("screen mode id:i:2\nuse multimon:i:0\ndesktopwidth:i:1920\ndesktopheight:i:1080\nfull address:s:app01.corp.example.net\nusername:s:CORP\\svc-rdp")
    v = dpapi_blob(r, 300).upper()
    f.n("ciphertext-rdp-password-dpapi", v, "password 51:b:%s" % v)
    f.t("authentication level:i:2\nprompt for credentials:i:0\ngatewayhostname:s:rdgw.corp.example.net")

    f = c.f("remote/autologon.reg")
    f.t("Windows Registry Editor Version 5.00\n\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon]\n\"AutoAdminLogon\"=\"1\"\n\"DefaultUserName\"=\"kiosk\"\n\"DefaultDomainName\"=\"CORP\"")
    v = r.pw()
    f.p("password-reg-winlogon-defaultpassword", v, "\"DefaultPassword\"=\"%s\"" % v)
    f.t("\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Acme\\Orders]\n\"InstallDir\"=\"C:\\\\Program Files\\\\Acme\\\\Orders\"")
    v = "Server=sql01;Database=Orders;User Id=orders_app;Password=%s;" % r.pw(url=True)
    f.p("password-reg-connection-string", v.split("Password=")[1].rstrip(";"), "\"ConnectionString\"=\"%s\"" % v)
    v = ",".join(r.hex(2) for _ in range(40))
    f.n("binary-reg-hex-value", v, "\"MachineGuidBlob\"=hex:%s" % v)
    v = "{" + r.uuid().upper() + "}"
    f.n("id-reg-clsid", v, "[HKEY_CLASSES_ROOT\\CLSID\\%s]" % v)

    f = c.f("tasks/NightlyExport.xml")
    f.t("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Task version=\"1.4\" xmlns=\"http://schemas.microsoft.com/windows/2004/02/mit/task\">\n  <RegistrationInfo>\n    <Author>CORP\\ops</Author>")
    v = "{" + r.uuid().upper() + "}"
    f.n("id-task-uri-guid", v, "    <URI>\\Acme\\NightlyExport %s</URI>" % v)
    f.t("  </RegistrationInfo>\n  <Principals>\n    <Principal id=\"Author\">\n      <UserId>CORP\\svc-export</UserId>")
    f.n("config-task-logontype-password", "<LogonType>Password</LogonType>", "      <LogonType>Password</LogonType>")
    f.t("      <RunLevel>HighestAvailable</RunLevel>\n    </Principal>\n  </Principals>\n  <Actions Context=\"Author\">\n    <Exec>\n      <Command>C:\\Tools\\export.exe</Command>")
    v = r.pw(url=True)
    f.p("password-task-xml-arguments", v, "      <Arguments>--server sql01 --user export --password %s --out D:\\exports</Arguments>" % v)
    f.t("    </Exec>\n  </Actions>\n</Task>")

    f = c.f("odbc/odbc.ini")
    f.t("[ODBC Data Sources]\nOrdersDSN=PostgreSQL Unicode\nWarehouse=Snowflake\n\n[OrdersDSN]\nDriver=PostgreSQL Unicode\nServername=db1.corp.example.net\nPort=5432\nDatabase=orders\nUsername=report")
    v = r.pw()
    f.p("password-odbc-ini", v, "Password=%s" % v)
    f.t("\n[Warehouse]\nDriver=/usr/lib64/snowflake/odbc/lib/libSnowflake.so\nServer=acme.eu-west-1.snowflakecomputing.com\nuid=ETL_USER")
    v = r.pw()
    f.p("password-odbc-ini-pwd", v, "pwd=%s" % v)
    f.t("\n[ReportingDSN]\nDriver=ODBC Driver 18 for SQL Server\nServer=sql01.corp.example.net\nTrusted_Connection=Yes")
    f.n("empty-odbc-password", "Password=", "Password=")

    f = c.f("odbc/Orders.dsn")
    f.t("[ODBC]\nDRIVER=ODBC Driver 18 for SQL Server\nUID=orders_ro")
    v = r.pw(url=True)
    f.p("password-odbc-file-dsn", v, "PWD=%s" % v)
    f.t("DATABASE=Orders\nSERVER=sql01.corp.example.net\nEncrypt=yes")

    f = c.f("odbc/Reporting.udl")
    f.t("[oledb]\n; Everything after this line is an OLE DB initstring")
    v = r.pw(url=True)
    f.p("password-udl", v, "Provider=SQLOLEDB.1;Password=%s;Persist Security Info=True;User ID=report;Initial Catalog=Orders;Data Source=sql01.corp.example.net" % v)

    f = c.f("odbc/Trusted.udl")
    f.t("[oledb]\n; Everything after this line is an OLE DB initstring")
    f.n("config-udl-integrated-security", "Integrated Security=SSPI", "Provider=MSOLEDBSQL.1;Integrated Security=SSPI;Persist Security Info=False;Initial Catalog=Orders;Data Source=sql01.corp.example.net")

    f = c.f("gpo/Groups.xml")
    f.t("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Groups clsid=\"{3125E937-EB16-4b4c-9934-544FC6D24D26}\">")
    v = gpp_cpassword(r)
    f.p("password-gpp-cpassword", v, "  <User clsid=\"{DF5F1855-51E5-4d24-8B1A-D9BDE98BA1D1}\" name=\"LocalAdmin\" image=\"2\" changed=\"2019-03-11 09:12:44\" uid=\"{%s}\"><Properties action=\"U\" newName=\"\" fullName=\"\" description=\"\" cpassword=\"%s\" changeLogon=\"0\" noChange=\"0\" neverExpires=\"1\" acctDisabled=\"0\" userName=\"LocalAdmin\"/></User>" % (r.uuid().upper(), v))
    f.n("empty-gpp-cpassword", "cpassword=\"\"", "  <User clsid=\"{DF5F1855-51E5-4d24-8B1A-D9BDE98BA1D1}\" name=\"Guest\" image=\"2\" changed=\"2019-03-11 09:12:44\" uid=\"{%s}\"><Properties action=\"U\" cpassword=\"\" userName=\"Guest\" acctDisabled=\"1\"/></User>" % r.uuid().upper())
    f.t("</Groups>")

    f = c.f("gpo/ScheduledTasks.xml")
    f.t("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<ScheduledTasks clsid=\"{CC63F200-7309-4ba0-B154-A71CD118DBCC}\">")
    v = gpp_cpassword(r)
    f.p("password-gpp-cpassword-task", v, "  <Task clsid=\"{2DEECB1C-261F-4e13-9B21-16FB83BC03BD}\" name=\"Cleanup\" image=\"2\" changed=\"2020-06-01 12:00:00\" uid=\"{%s}\"><Properties action=\"U\" name=\"Cleanup\" appName=\"C:\\Tools\\cleanup.exe\" runAs=\"CORP\\svc-clean\" cpassword=\"%s\"/></Task>" % (r.uuid().upper(), v))
    f.t("</ScheduledTasks>")


def win_iis_dotnet(c):
    r = c.rng
    f = c.f("src/Orders.Web/Web.config")
    f.t("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <connectionStrings>")
    v = r.pw(url=True)
    f.p("password-web-config-connection-string", v, "    <add name=\"OrdersDb\" connectionString=\"Data Source=sql01.corp.example.net;Initial Catalog=Orders;User ID=orders_app;Password=%s;MultipleActiveResultSets=True\" providerName=\"System.Data.SqlClient\" />" % v)
    v = r.pw(url=True)
    f.p("password-web-config-ef-connection-string", v, "    <add name=\"ReportsEntities\" connectionString=\"metadata=res://*/Reports.csdl|res://*/Reports.ssdl|res://*/Reports.msl;provider=System.Data.SqlClient;provider connection string=&quot;data source=sql02;initial catalog=Reports;user id=reports;password=%s;MultipleActiveResultSets=True&quot;\" providerName=\"System.Data.EntityClient\" />" % v)
    f.n("config-web-config-integrated-security", "Integrated Security=SSPI", "    <add name=\"AuditDb\" connectionString=\"Data Source=sql03;Initial Catalog=Audit;Integrated Security=SSPI\" providerName=\"System.Data.SqlClient\" />")
    f.t("  </connectionStrings>\n  <appSettings>\n    <add key=\"webpages:Version\" value=\"3.0.0.0\" />\n    <add key=\"ClientValidationEnabled\" value=\"true\" />")
    v = tok(r, "stripe")
    f.p("apikey-web-config-appsettings", v, "    <add key=\"StripeSecretKey\" value=\"%s\" />" % v)
    v = r.s(32)
    f.p("secret-web-config-appsettings-twilio", v, "    <add key=\"TwilioApiKeySecret\" value=\"%s\" />" % v)
    f.n("placeholder-web-config-appsettings", "__SENDGRID_KEY__", "    <add key=\"SendGridKey\" value=\"__SENDGRID_KEY__\" />")
    f.n("template-web-config-appsettings-octopus", "#{Smtp.Password}", "    <add key=\"SmtpPassword\" value=\"#{Smtp.Password}\" />")
    f.t("  </appSettings>\n  <system.web>\n    <compilation debug=\"false\" targetFramework=\"4.8\" />")
    v = r.HEX(128)
    f.p("key-web-config-machinekey-validation", v, "    <machineKey validationKey=\"%s\" decryptionKey=\"%s\" validation=\"HMACSHA256\" decryption=\"AES\" />" % (v, r.HEX(64)))
    f.t("  </system.web>\n</configuration>")

    f = c.f("src/Orders.Web/Web.Protected.config")
    f.t("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <connectionStrings configProtectionProvider=\"RsaProtectedConfigurationProvider\">\n    <EncryptedData Type=\"http://www.w3.org/2001/04/xmlenc#Element\" xmlns=\"http://www.w3.org/2001/04/xmlenc#\">\n      <EncryptionMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#aes256-cbc\" />\n      <KeyInfo xmlns=\"http://www.w3.org/2000/09/xmldsig#\">\n        <EncryptedKey xmlns=\"http://www.w3.org/2001/04/xmlenc#\">\n          <EncryptionMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p\" />\n          <KeyInfo xmlns=\"http://www.w3.org/2000/09/xmldsig#\">\n            <KeyName>Rsa Key</KeyName>\n          </KeyInfo>\n          <CipherData>")
    v = r.b64(256)
    f.n("ciphertext-web-config-protected-key", v, "            <CipherValue>%s</CipherValue>" % v)
    f.t("          </CipherData>\n        </EncryptedKey>\n      </KeyInfo>\n      <CipherData>")
    v = r.b64(400)
    f.n("ciphertext-web-config-protected-data", v, "        <CipherValue>%s</CipherValue>" % v)
    f.t("      </CipherData>\n    </EncryptedData>\n  </connectionStrings>\n</configuration>")

    f = c.f("iis/applicationHost.config")
    f.t("<configuration>\n  <system.applicationHost>\n    <applicationPools>\n      <add name=\"OrdersPool\" managedRuntimeVersion=\"v4.0\">")
    v = "[enc:IISCngProvider:" + r.b64(120) + ":enc]"
    f.n("ciphertext-iis-applicationhost-enc", v, "        <processModel identityType=\"SpecificUser\" userName=\"CORP\\svc-orders\" password=\"%s\" />" % v)
    f.t("      </add>\n      <add name=\"LegacyPool\" managedRuntimeVersion=\"v2.0\">")
    v = r.pw(url=True)
    f.p("password-iis-applicationhost-plain", v, "        <processModel identityType=\"SpecificUser\" userName=\"CORP\\svc-legacy\" password=\"%s\" />" % v)
    f.t("      </add>\n    </applicationPools>\n    <sites>\n      <site name=\"Files\" id=\"3\">\n        <application path=\"/\">")
    v = r.pw(url=True)
    f.p("password-iis-virtualdirectory-unc", v, "          <virtualDirectory path=\"/\" physicalPath=\"\\\\fs01\\web\" userName=\"CORP\\svc-web\" password=\"%s\" />" % v)
    f.t("        </application>\n      </site>\n    </sites>\n  </system.applicationHost>\n</configuration>")

    f = c.f("src/Orders.Web/Properties/PublishProfiles/Production.pubxml")
    f.t("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Project>\n  <PropertyGroup>\n    <WebPublishMethod>MSDeploy</WebPublishMethod>\n    <SiteUrlToLaunchAfterPublish>https://orders.acme.example</SiteUrlToLaunchAfterPublish>")
    v = "{" + r.uuid() + "}"
    f.n("id-pubxml-projectguid", v, "    <ProjectGuid>%s</ProjectGuid>" % v)
    f.t("    <MSDeployServiceURL>orders-prod.scm.azurewebsites.net:443</MSDeployServiceURL>\n    <DeployIisAppPath>orders-prod</DeployIisAppPath>\n    <UserName>$orders-prod</UserName>")
    v = r.s(60)
    f.p("password-pubxml", v, "    <Password>%s</Password>" % v)
    f.t("    <_SavePWD>true</_SavePWD>\n  </PropertyGroup>\n</Project>")

    f = c.f("src/Orders.Web/Properties/PublishProfiles/Staging.pubxml.user")
    f.t("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Project>\n  <PropertyGroup>")
    v = dpapi_b64(r, 260)
    f.n("ciphertext-pubxml-user-encrypted-password", v, "    <EncryptedPassword>%s</EncryptedPassword>" % v)
    f.t("  </PropertyGroup>\n</Project>")

    f = c.f("deploy/orders-prod.PublishSettings")
    v = r.s(60)
    f.p("password-publishsettings-userpwd", v, "<publishData><publishProfile profileName=\"orders-prod - Web Deploy\" publishMethod=\"MSDeploy\" publishUrl=\"orders-prod.scm.azurewebsites.net:443\" msdeploySite=\"orders-prod\" userName=\"$orders-prod\" userPWD=\"%s\" destinationAppUrl=\"https://orders-prod.azurewebsites.net\" SQLServerDBConnectionString=\"\" hostingProviderForumLink=\"\" controlPanelLink=\"https://portal.azure.com\" webSystem=\"WebSites\"></publishProfile></publishData>" % v)

    f = c.f("src/Orders.Web/Orders.Web.csproj")
    f.t("<Project Sdk=\"Microsoft.NET.Sdk.Web\">\n  <PropertyGroup>\n    <TargetFramework>net8.0</TargetFramework>")
    v = r.uuid()
    f.n("id-csproj-usersecretsid", v, "    <UserSecretsId>%s</UserSecretsId>" % v)
    v = "{" + r.uuid().upper() + "}"
    f.n("id-csproj-projectguid", v, "    <ProjectGuid>%s</ProjectGuid>" % v)
    f.t("  </PropertyGroup>\n  <ItemGroup>\n    <PackageReference Include=\"Dapper\" Version=\"2.1.35\" />\n  </ItemGroup>\n</Project>")

    f = c.f("Orders.sln")
    f.t("Microsoft Visual Studio Solution File, Format Version 12.00\n# Visual Studio Version 17")
    a, b = r.uuid().upper(), r.uuid().upper()
    f.n("id-sln-project-guid", b, "Project(\"{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}\") = \"Orders.Web\", \"src\\Orders.Web\\Orders.Web.csproj\", \"{%s}\"\nEndProject" % b)
    f.t("Global\n\tGlobalSection(SolutionProperties) = preSolution\n\t\tHideSolutionNode = FALSE\n\tEndGlobalSection")
    f.n("id-sln-solution-guid", a, "\tGlobalSection(ExtensibilityGlobals) = postSolution\n\t\tSolutionGuid = {%s}\n\tEndGlobalSection" % a)
    f.t("EndGlobal")


# ===================================================================== long-tail languages

def lang_rust(c):
    r = c.rng
    f = c.f("crates/notify/src/client.rs")
    f.t("use reqwest::header::{HeaderMap, HeaderValue, AUTHORIZATION};\nuse std::time::Duration;\n")
    v = tok(r, "sendgrid")
    f.p("apikey-rust-const", v, "const SENDGRID_API_KEY: &str = \"%s\";" % v)
    v = tok(r, "slack_bot")
    f.p("token-rust-static", v, "static SLACK_TOKEN: &'static str = \"%s\";" % v)
    f.t("\npub fn client() -> reqwest::Result<reqwest::Client> {\n    let mut headers = HeaderMap::new();")
    v = tok(r, "postman")
    f.p("apikey-rust-reqwest-header", v, "    headers.insert(\"X-Api-Key\", HeaderValue::from_static(\"%s\"));" % v)
    v = tok(r, "hf")
    f.p("token-rust-reqwest-bearer-header", v, "    headers.insert(AUTHORIZATION, HeaderValue::from_static(\"Bearer %s\"));" % v)
    f.t("    reqwest::Client::builder()\n        .default_headers(headers)\n        .timeout(Duration::from_secs(10))\n        .build()\n}\n\npub async fn push(c: &reqwest::Client, body: String) -> reqwest::Result<()> {\n    c.post(\"https://api.partner.example.com/v1/events\")")
    v = r.s(40)
    f.p("token-rust-reqwest-bearer-auth", v, "        .bearer_auth(\"%s\")" % v)
    f.t("        .body(body)\n        .send()\n        .await?;\n    Ok(())\n}\n\npub async fn legacy(c: &reqwest::Client) -> reqwest::Result<reqwest::Response> {\n    c.get(\"https://legacy.corp.example.net/api/status\")")
    v = r.pw()
    f.p("password-rust-reqwest-basic-auth", v, "        .basic_auth(\"monitor\", Some(\"%s\"))" % v)
    f.t("        .send()\n        .await\n}")

    f = c.f("crates/notify/src/config.rs")
    f.t("use serde::Deserialize;\n\n#[derive(Debug, Deserialize)]\npub struct Settings {\n    pub database_url: String,\n    pub api_key: String,\n}\n\npub fn load() -> Result<Settings, config::ConfigError> {\n    config::Config::builder()\n        .add_source(config::File::with_name(\"config/default\"))\n        .add_source(config::Environment::with_prefix(\"APP\").separator(\"__\"))\n        .build()?\n        .try_deserialize()\n}\n")
    f.n("env-rust-std-env-var", "std::env::var(\"STRIPE_SECRET_KEY\")", "pub fn stripe_key() -> String {\n    std::env::var(\"STRIPE_SECRET_KEY\").expect(\"STRIPE_SECRET_KEY not set\")\n}")
    f.n("env-rust-env-macro", "env!(\"BUILD_SIGNING_KEY_ID\")", "pub const SIGNING_KEY_ID: &str = env!(\"BUILD_SIGNING_KEY_ID\");")
    v = r.hex(64)
    f.n("hash-rust-const-sha256", v, "pub const SCHEMA_SHA256: &str = \"%s\";" % v)

    f = c.f("crates/notify/config/default.toml")
    f.t("[server]\nport = 8080\nworkers = 4\n\n[database]")
    v = r.pw(url=True)
    f.p("password-rust-config-toml-url", v, "url = \"postgres://notify:%s@db1.corp.example.net:5432/notify\"" % v)
    f.t("pool_size = 10\n\n[smtp]\nhost = \"smtp.corp.example.net\"\nuser = \"notify\"")
    v = r.pw()
    f.p("password-rust-config-toml", v, "password = \"%s\"" % v)

    f = c.f("crates/notify/config/local.toml.example")
    f.t("[database]")
    f.n("placeholder-rust-config-toml", "postgres://notify:password@localhost:5432/notify", "url = \"postgres://notify:password@localhost:5432/notify\"")
    f.t("\n[smtp]")
    f.n("placeholder-rust-config-toml-empty", "\"\"", "password = \"\"")

    f = c.f("crates/notify/tests/client_test.rs")
    f.t("#[tokio::test]\nasync fn rejects_bad_token() {\n    let server = wiremock::MockServer::start().await;")
    f.n("test-dummy-rust", "test-token", "    let token = \"test-token\";")
    f.t("    assert!(call(&server.uri(), token).await.is_err());\n}")


def lang_jvm_functional(c):
    r = c.rng
    f = c.f("ledger/src/main/resources/application.conf")
    f.t("akka {\n  loglevel = \"INFO\"\n  http.server.idle-timeout = 60s\n}\n\nslick.dbs.default {\n  profile = \"slick.jdbc.PostgresProfile$\"\n  db {\n    url = \"jdbc:postgresql://db1.corp.example.net:5432/ledger\"\n    user = \"ledger\"")
    v = r.pw()
    f.p("password-hocon", v, "    password = \"%s\"" % v)
    f.t("  }\n}\n\nreplica.db {\n  url = \"jdbc:postgresql://db2.corp.example.net:5432/ledger\"")
    f.n("env-hocon-optional-substitution", "${?REPLICA_PASSWORD}", "  password = \"changeit\"\n  password = ${?REPLICA_PASSWORD}")
    f.t("}\n\nplay.http {")
    v = r.s(64, ALNUM + "_-=")
    f.p("secret-hocon-play-secret-key", v, "  secret.key = \"%s\"" % v)
    f.t("}\n\nalpakka.s3 {\n  aws.credentials {\n    provider = static")
    v = tok(r, "aws_id")
    f.p("aws-key-id-hocon", v, "    access-key-id = \"%s\"" % v)
    v = tok(r, "aws_secret")
    f.p("aws-secret-hocon", v, "    secret-access-key = \"%s\"" % v)
    f.t("  }\n}\n\nakka.kafka.producer.kafka-clients {\n  bootstrap.servers = \"kafka.corp.example.net:9093\"\n  security.protocol = SASL_SSL\n  sasl.mechanism = PLAIN")
    v = r.pw()
    f.p("password-hocon-kafka-jaas", v, "  sasl.jaas.config = \"org.apache.kafka.common.security.plain.PlainLoginModule required username=\\\"ledger\\\" password=\\\"%s\\\";\"" % v)
    f.t("}\n\nssl-config {")
    f.n("env-hocon-substitution", "${KEYSTORE_PASSWORD}", "  keyManager.stores = [ { type = \"PKCS12\", path = \"/etc/ledger/keystore.p12\", password = ${KEYSTORE_PASSWORD} } ]")
    f.t("}")

    f = c.f("ledger/conf/application.conf")
    f.t("# Play default configuration\nplay.i18n.langs = [ \"en\" ]")
    f.n("placeholder-hocon-play-changeme", "changeme", "play.http.secret.key = \"changeme\"")
    f.n("env-hocon-play-secret", "${?APPLICATION_SECRET}", "play.http.secret.key = ${?APPLICATION_SECRET}")

    f = c.f("billing/resources/config.edn")
    f.t("{:http {:port 3000}\n :db {:dbtype \"postgresql\"\n      :host \"db1.corp.example.net\"\n      :dbname \"billing\"\n      :user \"billing\"")
    v = r.pw()
    f.p("password-edn", v, "      :password \"%s\"}" % v)
    f.n("env-edn-aero", "#env STRIPE_SECRET_KEY", " :stripe {:api-key #env STRIPE_SECRET_KEY}")
    v = tok(r, "stripe")
    f.p("apikey-edn", v, " :stripe-legacy {:api-key \"%s\"}" % v)
    f.n("ref-edn-aero-profile", "#profile {:dev \"dev-only\" :prod #env SMTP_PASSWORD}", " :smtp {:password #profile {:dev \"dev-only\" :prod #env SMTP_PASSWORD}}}")

    f = c.f("billing/profiles.clj")
    f.t("{:dev {:env {:port \"3000\"")
    v = r.pw(url=True)
    f.p("password-profiles-clj-database-url", v, "             :database-url \"postgresql://billing:%s@db1.corp.example.net:5432/billing\"" % v)
    v = tok(r, "mailgun")
    f.p("apikey-profiles-clj", v, "             :mailgun-api-key \"%s\"}}" % v)
    f.t(" :test {:env {:database-url \"postgresql://localhost:5432/billing_test\"}}}")

    f = c.f("billing/src/billing/http.clj")
    f.t("(ns billing.http\n  (:require [clj-http.client :as http]))\n")
    v = tok(r, "shopify")
    f.p("token-clojure-def", v, "(def ^:private shopify-token \"%s\")" % v)
    f.n("env-clojure-getenv", "(System/getenv \"PARTNER_API_KEY\")", "(def partner-key (System/getenv \"PARTNER_API_KEY\"))")
    f.t("\n(defn orders []\n  (http/get \"https://acme.myshopify.com/admin/api/2024-04/orders.json\"\n            {:headers {\"X-Shopify-Access-Token\" shopify-token}}))")

    f = c.f("ledger/src/main/scala/com/acme/ledger/Clients.scala")
    f.t("package com.acme.ledger\n\nimport sttp.client3._\n\nobject Clients {")
    v = tok(r, "anthropic")
    f.p("apikey-scala-val", v, "  private val AnthropicKey = \"%s\"" % v)
    f.n("env-scala-sys-env", "sys.env(\"LEDGER_DB_PASSWORD\")", "  private val dbPassword = sys.env(\"LEDGER_DB_PASSWORD\")")
    f.t("  val backend = HttpClientSyncBackend()\n}")

    f = c.f("tools/Jenkins/seed.groovy")
    f.t("import jenkins.model.Jenkins\n\ndef instance = Jenkins.get()")
    v = r.pw()
    f.p("password-groovy-def", v, "def adminPassword = \"%s\"" % v)
    v = tok(r, "ghp")
    f.p("token-groovy-string", v, "String githubToken = '%s'" % v)
    f.n("ref-groovy-credentials-lookup", "credentials('deploy-key')", "def deployKey = credentials('deploy-key')")
    f.t("println \"seeded ${instance.displayName}\"")

    f = c.f("fsharp/Config.fs")
    f.t("module Acme.Config\n\nopen System\n")
    v = tok(r, "datadog_api")
    f.p("apikey-fsharp-let", v, "let datadogApiKey = \"%s\"" % v)
    v = r.pw(url=True)
    f.p("password-fsharp-literal-connection", v, "[<Literal>]\nlet ConnectionString = \"Server=sql01;Database=Ledger;User Id=ledger;Password=%s;\"" % v)
    f.n("env-fsharp-getenv", "Environment.GetEnvironmentVariable \"LEDGER_TOKEN\"", "let ledgerToken = Environment.GetEnvironmentVariable \"LEDGER_TOKEN\"")


def lang_beam(c):
    r = c.rng
    f = c.f("phoenix/config/prod.secret.exs")
    f.t("import Config\n\nconfig :shop, Shop.Repo,\n  username: \"shop\",")
    v = r.pw()
    f.p("password-elixir-repo", v, "  password: \"%s\"," % v)
    f.t("  hostname: \"db1.corp.example.net\",\n  database: \"shop_prod\",\n  pool_size: 15\n\nconfig :shop, ShopWeb.Endpoint,\n  http: [port: 4000],")
    v = r.b64(48)
    f.p("secret-elixir-secret-key-base", v, "  secret_key_base: \"%s\"" % v)
    f.t("")
    v = tok(r, "stripe")
    f.p("apikey-elixir-config", v, "config :stripity_stripe, api_key: \"%s\"" % v)
    v = r.pw()
    f.p("password-elixir-swoosh", v, "config :shop, Shop.Mailer,\n  adapter: Swoosh.Adapters.SMTP,\n  relay: \"smtp.corp.example.net\",\n  username: \"shop\",\n  password: \"%s\"" % v)

    f = c.f("phoenix/config/runtime.exs")
    f.t("import Config\n\nif config_env() == :prod do")
    f.n("env-elixir-fetch-env", "System.fetch_env!(\"DATABASE_URL\")", "  database_url = System.fetch_env!(\"DATABASE_URL\")")
    f.n("env-elixir-get-env-raise", "System.get_env(\"SECRET_KEY_BASE\")", "  secret_key_base =\n    System.get_env(\"SECRET_KEY_BASE\") ||\n      raise \"environment variable SECRET_KEY_BASE is missing.\"")
    f.t("  config :shop, Shop.Repo, url: database_url\n  config :shop, ShopWeb.Endpoint, secret_key_base: secret_key_base\n")
    v = tok(r, "sentry_auth")
    f.p("token-elixir-runtime-literal", v, "  config :sentry, auth_token: \"%s\"" % v)
    f.t("end")

    f = c.f("phoenix/config/config.exs")
    f.t("import Config\n\nconfig :shop, ShopWeb.Endpoint,\n  url: [host: \"localhost\"],\n  render_errors: [formats: [html: ShopWeb.ErrorHTML], layout: false],\n  pubsub_server: Shop.PubSub,")
    v = r.s(8)
    f.n("salt-elixir-live-view-signing-salt", v, "  live_view: [signing_salt: \"%s\"]" % v)
    f.t("\nconfig :logger, :console, format: \"$time $metadata[$level] $message\\n\"")

    f = c.f("phoenix/config/test.exs")
    f.t("import Config\n\nconfig :shop, Shop.Repo,\n  username: \"postgres\",")
    f.n("test-dummy-elixir-repo", "postgres", "  password: \"postgres\",")
    f.t("  hostname: \"localhost\",\n  database: \"shop_test#{System.get_env(\"MIX_TEST_PARTITION\")}\",\n  pool: Ecto.Adapters.SQL.Sandbox")

    f = c.f("rel/sys.config")
    f.t("[\n {kernel, [{logger_level, info}]},\n {orders, [\n   {db, [{host, \"db1.corp.example.net\"},\n         {port, 5432},\n         {user, \"orders\"},")
    v = r.pw()
    f.p("password-erlang-sys-config", v, "         {password, \"%s\"}]}," % v)
    v = r.s(32)
    f.p("secret-erlang-sys-config-binary", v, "   {twilio, [{api_key_secret, <<\"%s\">>}]}," % v)
    f.n("template-erlang-relx-os-var", "${REPLICA_PASSWORD}", "   {replica, [{password, \"${REPLICA_PASSWORD}\"}]}")
    f.t("  ]}\n].")

    f = c.f("rel/vm.args")
    f.t("-name orders@127.0.0.1")
    v = r.s(20, UPPER)
    f.p("secret-erlang-vm-args-cookie", v, "-setcookie %s" % v)
    f.t("+K true\n+A 30")

    f = c.f("rel/vm.args.src")
    f.t("-name ${NODE_NAME}")
    f.n("template-erlang-vm-args-cookie", "${RELEASE_COOKIE}", "-setcookie ${RELEASE_COOKIE}")


def lang_scripting(c):
    r = c.rng
    f = c.f("legacy/bin/nightly_report.pl")
    f.t("#!/usr/bin/perl\nuse strict;\nuse warnings;\nuse DBI;\n")
    v = r.pw()
    f.p("password-perl-dbi-connect", v, "my $dbh = DBI->connect(\"dbi:Pg:dbname=orders;host=db1.corp.example.net\", 'report', '%s', { RaiseError => 1 });" % v)
    v = r.pw(url=True)
    f.p("password-perl-dbi-connect-mysql", v, "my $legacy = DBI->connect('DBI:mysql:database=crm;host=db3.corp.example.net', 'crm_ro', '%s') or die $DBI::errstr;" % v)
    f.n("env-perl-dbi-connect", "$ENV{DWH_PASSWORD}", "my $dwh = DBI->connect(\"dbi:Oracle:DWH\", \"etl\", $ENV{DWH_PASSWORD}, { AutoCommit => 0 });")
    v = tok(r, "slack_webhook")
    f.p("webhook-perl-scalar", v, "my $hook = '%s';" % v)
    f.t("my $sth = $dbh->prepare(\"SELECT count(*) FROM orders WHERE created_at > now() - interval '1 day'\");\n$sth->execute();")

    f = c.f("openresty/lua/auth.lua")
    f.t("local redis = require \"resty.redis\"\nlocal red = redis:new()\nred:set_timeouts(1000, 1000, 1000)\nlocal ok, err = red:connect(\"10.0.3.12\", 6379)")
    v = r.pw()
    f.p("password-lua-redis-auth", v, "local res, err = red:auth(\"%s\")" % v)
    v = r.s(48)
    f.p("secret-lua-local", v, "local JWT_SECRET = \"%s\"" % v)
    f.n("env-lua-os-getenv", "os.getenv(\"UPSTREAM_TOKEN\")", "local upstream_token = os.getenv(\"UPSTREAM_TOKEN\")")
    v = tok(r, "jwt")
    f.p("token-lua-set-header", v, "ngx.req.set_header(\"Authorization\", \"Bearer %s\")" % v)

    f = c.f("openresty/conf/nginx.conf")
    f.t("env UPSTREAM_TOKEN;\nworker_processes auto;\nhttp {\n  lua_package_path \"/opt/app/lua/?.lua;;\";\n  server {\n    listen 8080;\n    location /api/ {")
    v = r.s(40)
    f.p("apikey-openresty-set-variable", v, "      set $partner_api_key \"%s\";" % v)
    f.t("      access_by_lua_file /opt/app/lua/auth.lua;")
    f.n("template-openresty-lua-env", "os.getenv(\"PARTNER_SECRET\")", "      set_by_lua_block $partner_secret { return os.getenv(\"PARTNER_SECRET\") }")
    f.t("      proxy_pass http://backend;\n    }\n  }\n}")

    f = c.f("analysis/.Renviron")
    f.t("R_LIBS_USER=~/R/library\nR_MAX_NUM_DLLS=500")
    v = tok(r, "ghp")
    f.p("token-renviron-github-pat", v, "GITHUB_PAT=%s" % v)
    v = r.pw()
    f.p("password-renviron", v, "DWH_PASSWORD=\"%s\"" % v)
    v = tok(r, "openai")
    f.p("apikey-renviron", v, "OPENAI_API_KEY=%s" % v)

    f = c.f("analysis/R/load.R")
    f.t("library(DBI)\nlibrary(RPostgres)\n")
    v = r.pw()
    f.p("password-r-dbconnect", v, "con <- dbConnect(RPostgres::Postgres(),\n                 host = \"dwh.corp.example.net\", dbname = \"analytics\",\n                 user = \"analyst\", password = \"%s\")" % v)
    f.n("env-r-sys-getenv", "Sys.getenv(\"DWH_PASSWORD\")", "con2 <- dbConnect(RPostgres::Postgres(), host = \"dwh.corp.example.net\", user = \"analyst\", password = Sys.getenv(\"DWH_PASSWORD\"))")
    f.n("ref-r-keyring", "keyring::key_get(\"dwh\", \"analyst\")", "con3 <- dbConnect(odbc::odbc(), dsn = \"DWH\", pwd = keyring::key_get(\"dwh\", \"analyst\"))")
    f.n("prompt-r-askforpassword", "rstudioapi::askForPassword(\"DWH password\")", "con4 <- dbConnect(odbc::odbc(), dsn = \"DWH\", pwd = rstudioapi::askForPassword(\"DWH password\"))")
    v = tok(r, "google")
    f.p("apikey-r-register-google", v, "ggmap::register_google(key = \"%s\")" % v)

    f = c.f("analysis/julia/fetch.jl")
    f.t("using HTTP, JSON3\n")
    v = tok(r, "hf")
    f.p("token-julia-const", v, "const HF_TOKEN = \"%s\"" % v)
    f.n("env-julia-env", "ENV[\"DWH_PASSWORD\"]", "dwh_password = ENV[\"DWH_PASSWORD\"]")
    v = tok(r, "datadog_api")
    f.p("apikey-julia-headers", v, "resp = HTTP.get(\"https://api.datadoghq.eu/api/v1/validate\", [\"DD-API-KEY\" => \"%s\"])" % v)

    f = c.f("services/haskell/src/Config.hs")
    f.t("{-# LANGUAGE OverloadedStrings #-}\nmodule Config where\n\nimport Data.Text (Text)\nimport System.Environment (lookupEnv)\nimport Data.ByteString (ByteString)\n")
    v = tok(r, "stripe")
    f.p("apikey-haskell-binding", v, "stripeKey :: Text\nstripeKey = \"%s\"" % v)
    f.t("")
    v = r.pw(url=True)
    f.p("password-haskell-persistent-connstr", v, "connStr :: ByteString\nconnStr = \"host=db1.corp.example.net port=5432 user=ledger dbname=ledger password=%s\"" % v)
    f.t("")
    f.n("env-haskell-lookupenv", "lookupEnv \"SMTP_PASSWORD\"", "smtpPassword :: IO (Maybe String)\nsmtpPassword = lookupEnv \"SMTP_PASSWORD\"")

    f = c.f("services/crystal/src/db.cr")
    f.t("require \"db\"\nrequire \"pg\"\n")
    v = r.pw(url=True)
    f.p("password-crystal-db-open", v, "DB.open \"postgres://inventory:%s@db1.corp.example.net/inventory\" do |db|\n  puts db.scalar(\"select count(*) from items\")\nend" % v)
    f.n("env-crystal-env", "ENV[\"INVENTORY_TOKEN\"]", "TOKEN = ENV[\"INVENTORY_TOKEN\"]")
    v = tok(r, "do")
    f.p("token-crystal-constant", v, "DO_TOKEN = \"%s\"" % v)

    f = c.f("services/nim/src/settings.nim")
    f.t("import std/[os, httpclient]\n")
    v = tok(r, "telegram")
    f.p("token-nim-const", v, "const botToken = \"%s\"" % v)
    f.n("env-nim-getenv", "getEnv(\"CHAT_ID\")", "let chatId = getEnv(\"CHAT_ID\")")
    v = r.pw()
    f.p("password-nim-let", v, "let smtpPassword = \"%s\"" % v)

    f = c.f("services/zig/src/config.zig")
    f.t("const std = @import(\"std\");\n")
    v = tok(r, "cloudflare")
    f.p("token-zig-const", v, "pub const cloudflare_api_token = \"%s\";" % v)
    f.n("env-zig-getenv", "std.posix.getenv(\"R2_SECRET\")", "pub fn r2Secret() ?[]const u8 {\n    return std.posix.getenv(\"R2_SECRET\");\n}")
    v = r.hex(64)
    f.n("hash-zig-build-zon", v, "// build.zig.zon pins: .hash = \"1220%s\"" % v)

    f = c.f("mobile/lib/env.dart")
    f.t("import 'package:flutter_dotenv/flutter_dotenv.dart';\n\nclass Env {")
    v = tok(r, "stripe")
    f.p("apikey-dart-const", v, "  static const String stripeSecretKey = '%s';" % v)
    f.n("env-dart-fromenvironment", "String.fromEnvironment('SENTRY_DSN')", "  static const String sentryDsn = String.fromEnvironment('SENTRY_DSN');")
    f.n("env-dart-dotenv", "dotenv.env['MAPS_KEY']", "  static String get mapsKey => dotenv.env['MAPS_KEY'] ?? '';")
    v = tok(r, "openai")
    f.p("apikey-dart-final", v, "  static final openAiKey = \"%s\";" % v)
    f.t("}")

    f = c.f("mobile/ios/Runner/APIKeys.m")
    f.t("#import \"APIKeys.h\"\n")
    v = r.s(40)
    f.p("secret-objc-nsstring-const", v, "static NSString * const kPartnerAPISecret = @\"%s\";" % v)
    v = tok(r, "sendgrid")
    f.p("apikey-objc-define", v, "#define SENDGRID_KEY @\"%s\"" % v)
    f.n("env-objc-processinfo", "[[NSProcessInfo processInfo] environment][@\"API_BASE\"]", "NSString *apiBase(void) { return [[NSProcessInfo processInfo] environment][@\"API_BASE\"]; }")
    f.n("ref-objc-keychain", "SecItemCopyMatching", "OSStatus loadToken(CFDictionaryRef q, CFTypeRef *out) { return SecItemCopyMatching(q, out); }")


def lang_dotnet_vb(c):
    r = c.rng
    f = c.f("legacy/Orders.VB/DataAccess.vb")
    f.t("Imports System.Data.SqlClient\n\nPublic Module DataAccess")
    v = r.pw(url=True)
    f.p("password-vbnet-connection-string", v, "    Private Const ConnStr As String = \"Server=sql01.corp.example.net;Database=Orders;User Id=orders_app;Password=%s;\"" % v)
    v = r.pw(url=True)
    f.p("password-vbnet-concatenated-line-continuation", v, "    Private ReadOnly LegacyConn As String = \"Server=sql02.corp.example.net;Database=Legacy;\" & _\n        \"User Id=legacy_app;\" & _\n        \"Password=%s;\"" % v)
    v = r.hex(32)
    f.p("token-vbnet-dim", v, "    Dim twilioAuthToken As String = \"%s\"" % v)
    f.n("ref-vbnet-configurationmanager", "ConfigurationManager.ConnectionStrings(\"OrdersDb\")", "    Private ReadOnly FromConfig As String = ConfigurationManager.ConnectionStrings(\"OrdersDb\").ConnectionString")
    f.t("End Module")

    f = c.f("src/Orders.Worker/Secrets.cs")
    f.t("using System;\nusing System.Net.Http;\nusing System.Net.Http.Headers;\n\nnamespace Orders.Worker\n{\n    internal static class Secrets\n    {")
    v = r.pw(url=True)
    f.p("password-csharp-verbatim-string", v, "        internal const string Sql = @\"Server=tcp:sql-acme-prod.database.windows.net,1433;Initial Catalog=orders;\n            User ID=orders_app;Password=%s;Encrypt=True;\";" % v)
    v = r.pw(url=True)
    f.p("password-csharp-concatenated", v, "        internal static readonly string Legacy = \"Data Source=sql02;Initial Catalog=Legacy;\" +\n            \"User ID=legacy_app;\" +\n            \"Password=\" + \"%s\" + \";\";" % v)
    v = tok(r, "azure_storage")
    f.p("key-csharp-storage-connection", v, "        internal const string Blob = \"DefaultEndpointsProtocol=https;AccountName=stacmeorders;AccountKey=%s;EndpointSuffix=core.windows.net\";" % v)
    v = tok(r, "sendgrid")
    f.p("apikey-csharp-interpolated-header", v, "        internal static void Authorize(HttpClient c) =>\n            c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(\"Bearer\", \"%s\");" % v)
    f.n("env-csharp-getenvironmentvariable", "Environment.GetEnvironmentVariable(\"ORDERS_API_KEY\")", "        internal static string ApiKey => Environment.GetEnvironmentVariable(\"ORDERS_API_KEY\") ?? throw new InvalidOperationException();")
    f.n("ref-csharp-iconfiguration", "config[\"Stripe:SecretKey\"]", "        internal static string Stripe(Microsoft.Extensions.Configuration.IConfiguration config) => config[\"Stripe:SecretKey\"]!;")
    f.n("ref-csharp-keyvault-client", "GetSecretAsync(\"sql-password\")", "        internal static async System.Threading.Tasks.Task<string> Kv(Azure.Security.KeyVault.Secrets.SecretClient kv) => (await kv.GetSecretAsync(\"sql-password\")).Value.Value;")
    f.t("    }\n}")

    f = c.f("src/Orders.Worker/Properties/AssemblyInfo.cs")
    f.t("using System.Reflection;\nusing System.Runtime.InteropServices;\n\n[assembly: AssemblyTitle(\"Orders.Worker\")]\n[assembly: ComVisible(false)]")
    v = r.uuid()
    f.n("id-csharp-assembly-guid", v, "[assembly: Guid(\"%s\")]" % v)
    f.t("[assembly: AssemblyVersion(\"2.3.0.0\")]")
    v = "0024000004800000940000000602000000240000525341310004000001000100" + r.hex(256)
    f.n("public-key-csharp-internalsvisibleto", v, "[assembly: InternalsVisibleTo(\"Orders.Worker.Tests, PublicKey=%s\")]" % v)


def lang_legacy(c):
    r = c.rng
    f = c.f("mainframe/cobol/ORDRPT.cbl")
    f.t("       IDENTIFICATION DIVISION.\n       PROGRAM-ID. ORDRPT.\n       DATA DIVISION.\n       WORKING-STORAGE SECTION.\n       01  WS-DB-USER          PIC X(8)  VALUE \"ORDRPT\".")
    v = r.s(12, UPPER + DIGITS + "#@$")
    f.p("password-cobol-value-clause", v, "       01  WS-DB-PASSWORD      PIC X(12) VALUE \"%s\"." % v)
    f.t("       01  WS-DB-NAME          PIC X(8)  VALUE \"ORDERSDB\".\n       PROCEDURE DIVISION.")
    f.n("hostvar-cobol-exec-sql-connect", ":WS-DB-PASSWORD", "           EXEC SQL\n               CONNECT :WS-DB-USER IDENTIFIED BY :WS-DB-PASSWORD\n               USING :WS-DB-NAME\n           END-EXEC.")
    f.t("           STOP RUN.")

    f = c.f("mainframe/jcl/FTPJOB.jcl")
    f.t("//FTPJOB   JOB (ACCT),'NIGHTLY FTP',CLASS=A,MSGCLASS=X\n//STEP1    EXEC PGM=FTP,PARM='ftp.partner.example.com (EXIT'\n//SYSPRINT DD SYSOUT=*\n//INPUT    DD *")
    v = r.s(10, UPPER + DIGITS)
    f.p("password-jcl-ftp-input", v, "ordfeed\n%s" % v)
    f.t("cd /inbound\nput 'PROD.ORDERS.DAILY' orders.txt\nquit\n/*")

    f = c.f("science/fortran/upload.f90")
    f.t("program upload\n  implicit none")
    v = tok(r, "aws_secret")
    f.p("aws-secret-fortran-parameter", v, "  character(len=*), parameter :: aws_secret = '%s'" % v)
    v = tok(r, "aws_id")
    f.p("aws-key-id-fortran-parameter", v, "  character(len=*), parameter :: aws_key_id = '%s'" % v)
    f.n("env-fortran-get-environment-variable", "get_environment_variable('S3_TOKEN'", "  character(len=256) :: token\n  call get_environment_variable('S3_TOKEN', token)")
    f.t("  print *, 'uploading results'\nend program upload")


# ===================================================================== docs, tests, look-alikes

def docs_and_tests(c):
    r = c.rng
    f = c.f("docs/publishing.md")
    f.t("# Publishing packages\n\nEach registry reads its credentials from the CI secret store. Locally,\nput them in your home directory, never in the repository.\n\n## npm\n\n```ini")
    f.n("placeholder-docs-npmrc", "${NPM_TOKEN}", "//registry.npmjs.org/:_authToken=${NPM_TOKEN}")
    f.t("```\n\n## crates.io\n\n```toml")
    f.n("placeholder-docs-cargo", "<your crates.io token>", "[registry]\ntoken = \"<your crates.io token>\"")
    f.t("```\n\n## NuGet\n\n```xml")
    f.n("placeholder-docs-nuget", "%NUGET_PAT%", "<add key=\"ClearTextPassword\" value=\"%NUGET_PAT%\" />")
    f.t("```\n\n## RubyGems\n\n```yaml")
    f.n("placeholder-docs-gem-credentials", "rubygems_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", ":rubygems_api_key: rubygems_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")
    f.t("```\n\n## Docker\n\nRun `docker login ghcr.io -u USERNAME --password-stdin` and let the credential\nhelper keep the token:\n\n```json")
    f.n("placeholder-docs-docker-config", "\"credHelpers\"", "{ \"credHelpers\": { \"acme.azurecr.io\": \"acr-env\", \"europe-docker.pkg.dev\": \"gcloud\" } }")
    f.t("```\n\n## Terraform Cloud\n\n```hcl")
    f.n("placeholder-docs-terraformrc", "xxxxxxxxxxxxxx.atlasv1.zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz",
        "credentials \"app.terraform.io\" {\n  token = \"xxxxxxxxxxxxxx.atlasv1.zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz\"\n}")
    f.t("```\n\n## Composer\n\n```sh")
    f.n("placeholder-docs-composer", "YOUR_GITLAB_TOKEN", "composer config --global gitlab-token.gitlab.example.com YOUR_GITLAB_TOKEN")
    f.t("```")

    f = c.f("docs/windows-images.md")
    f.t("# Building Windows images\n\nThe answer file takes the local administrator password from the build\nvariable; sysprep then replaces it.\n\n```xml")
    f.n("placeholder-docs-unattend", "{{ .WinRMPassword }}", "<AdministratorPassword>\n  <Value>{{ .WinRMPassword }}</Value>\n  <PlainText>true</PlainText>\n</AdministratorPassword>")
    f.t("```\n\nMap the share with your own account:\n\n```bat")
    f.n("placeholder-docs-net-use", "<password>", "net use S: \\\\fs01.corp.example.net\\share <password> /user:CORP\\<username>")
    f.t("```\n\nIn PowerShell:\n\n```powershell")
    f.n("placeholder-docs-powershell", "'********'", "$sec = ConvertTo-SecureString '********' -AsPlainText -Force")
    f.t("```")

    f = c.f("docs/infra.md")
    f.t("# Infrastructure\n\nState lives in the `acme-tfstate` bucket. Variables that hold secrets are\nmarked `sensitive` and come from the workspace:\n\n```hcl")
    f.n("placeholder-docs-tfvars", "\"...\"", "db_password = \"...\"  # set in the workspace, not here")
    f.t("```\n\nPulumi secrets are encrypted per stack:\n\n```sh")
    f.n("command-docs-pulumi-secret", "pulumi config set --secret dbPassword", "pulumi config set --secret dbPassword")
    f.t("```\n\nKubernetes secrets are created by External Secrets from Vault:\n\n```yaml")
    f.n("ref-docs-external-secret", "remoteRef", "spec:\n  secretStoreRef:\n    name: vault\n    kind: ClusterSecretStore\n  data:\n    - secretKey: DB_PASSWORD\n      remoteRef:\n        key: kv/orders\n        property: db_password")
    f.t("```\n\nThe AWS documentation keys work with the local stack only:\n\n```ini")
    f.n("example-docs-aws-key-id", "AKIAIOSFODNN7EXAMPLE", "aws_access_key_id = AKIAIOSFODNN7EXAMPLE")
    f.n("example-docs-aws-secret", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
    f.t("```")

    f = c.f("tests/fixtures/settings.xml")
    f.t("<settings>\n  <servers>\n    <server>\n      <id>test-repo</id>\n      <username>test</username>")
    f.n("test-dummy-maven-settings", "test", "      <password>test</password>")
    f.t("    </server>\n  </servers>\n</settings>")

    f = c.f("tests/fixtures/.npmrc")
    f.n("test-dummy-npmrc", "fake-token", "//localhost:4873/:_authToken=fake-token")

    f = c.f("tests/test_pip_conf.py")
    f.t("import configparser\n\n\ndef test_index_url_parsed(tmp_path):\n    p = tmp_path / \"pip.conf\"")
    f.n("test-dummy-pip-conf", "user:pass", "    p.write_text(\"[global]\\nindex-url = https://user:pass@localhost:8080/simple/\\n\")")
    f.t("    cfg = configparser.ConfigParser()\n    cfg.read(p)\n    assert cfg[\"global\"][\"index-url\"].startswith(\"https://\")")

    f = c.f("tests/Orders.Tests/ConnectionTests.cs")
    f.t("using Xunit;\n\npublic class ConnectionTests\n{\n    [Fact]\n    public void ParsesPassword()\n    {")
    f.n("test-dummy-csharp-connection", "Password=secret", "        var b = new System.Data.SqlClient.SqlConnectionStringBuilder(\"Server=localhost;User Id=sa;Password=secret;\");")
    f.t("        Assert.Equal(\"sa\", b.UserID);\n    }\n}")

    f = c.f("tests/terraform/fixtures/main.tf")
    f.t("# used by terratest with a localstack endpoint\nprovider \"aws\" {\n  region                      = \"us-east-1\"")
    f.n("test-dummy-terraform-localstack", "test", "  access_key                  = \"test\"\n  secret_key                  = \"test\"")
    f.t("  skip_credentials_validation = true\n}")

    f = c.f("ops/known_hosts")
    v = ssh_public(r, "").strip()
    f.n("public-key-known-hosts", v.split(" ")[1], "fs01.corp.example.net %s" % v)
    v = ssh_public(r, "").strip()
    f.n("public-key-known-hosts", v.split(" ")[1], "github.com %s" % v)

    f = c.f("chef/.chef/deploy.pub")
    v = ssh_public(r, "deploy@chef")
    f.n("public-key-chef-ssh", v.split(" ")[1], v)

    f = c.f("infra/apt/acme.sources")
    f.t("Types: deb\nURIs: https://apt.corp.example.net/debian\nSuites: bookworm\nComponents: main")
    v = r.HEX(40)
    f.n("fingerprint-apt-signed-by", v, "Signed-By: %s" % v)

    f = c.f("infra/app/appsettings.json")
    f.t("{\n  \"Logging\": { \"LogLevel\": { \"Default\": \"Information\" } },\n  \"AzureAd\": {\n    \"Instance\": \"https://login.microsoftonline.com/\",")
    v = r.uuid()
    f.n("id-appsettings-tenant", v, "    \"TenantId\": \"%s\"," % v)
    v = r.uuid()
    f.n("id-appsettings-client", v, "    \"ClientId\": \"%s\"," % v)
    v = tok(r, "azure_secret")
    f.p("secret-appsettings-azuread-client-secret", v, "    \"ClientSecret\": \"%s\"" % v)
    f.t("  },\n  \"KeyVault\": {")
    f.n("url-appsettings-keyvault", "https://kv-acme-prod.vault.azure.net/", "    \"VaultUri\": \"https://kv-acme-prod.vault.azure.net/\"")
    f.t("  },\n  \"ConnectionStrings\": {")
    f.n("ref-appsettings-keyvault-reference", "@Microsoft.KeyVault(SecretUri=https://kv-acme-prod.vault.azure.net/secrets/sql/)", "    \"Orders\": \"@Microsoft.KeyVault(SecretUri=https://kv-acme-prod.vault.azure.net/secrets/sql/)\"")
    f.t("  }\n}")

    f = c.f("scripts/checksums.txt")
    for name in ("orders-2.3.0-linux-amd64.tar.gz", "orders-2.3.0-windows-amd64.zip"):
        v = r.hex(64)
        f.n("hash-release-checksums", v, "%s  %s" % (v, name))

    f = c.f("web/static/manifest.json")
    f.t("{\n  \"name\": \"Acme Orders\",\n  \"short_name\": \"Orders\",")
    v = r.hex(20)
    f.n("hash-manifest-build-id", v, "  \"build\": \"%s\"," % v)
    f.t("  \"theme_color\": \"#1f6feb\"\n}")

    f = c.f("infra/azure/.env.example")
    f.t("# copy to .env and fill in")
    f.n("placeholder-env-example", "your-client-secret", "AZURE_CLIENT_SECRET=your-client-secret")
    f.n("placeholder-env-example", "00000000-0000-0000-0000-000000000000", "AZURE_TENANT_ID=00000000-0000-0000-0000-000000000000")
    f.n("placeholder-env-example-empty", "", "ARM_ACCESS_KEY=")



# ===================================================================== command lines, more windows, lock files

def cli_scripts(c):
    r = c.rng
    f = c.f("docker/builder.Dockerfile")
    f.t("FROM golang:1.22-bookworm AS build\nWORKDIR /src\nENV GOPRIVATE=gitlab.example.com/acme/*")
    v = tok(r, "glpat")
    f.p("token-dockerfile-git-insteadof", v, "RUN git config --global url.\"https://oauth2:%s@gitlab.example.com/\".insteadOf \"https://gitlab.example.com/\"" % v)
    f.n("template-dockerfile-build-secret", "--mount=type=secret,id=npmrc", "RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci")
    v = tok(r, "npm")
    f.p("token-dockerfile-npm-config-set", v, "RUN npm config set //registry.npmjs.org/:_authToken %s && npm ci --omit=dev" % v)
    v = r.pw(url=True)
    f.p("password-dockerfile-pip-index-url", v, "RUN pip install --no-cache-dir --index-url https://pip-reader:%s@pypi.corp.example.net/simple/ -r requirements.txt" % v)
    f.n("env-dockerfile-arg", "${NUGET_PAT}", "ARG NUGET_PAT\nRUN dotnet nuget add source https://nuget.pkg.github.com/acme/index.json -n github -u acme-bot -p ${NUGET_PAT} --store-password-in-clear-text")
    f.t("COPY . .\nRUN go build -o /out/app ./cmd/app")

    f = c.f("ci/publish.sh")
    f.t("#!/usr/bin/env bash\nset -euo pipefail\ncd \"$(dirname \"$0\")/..\"")
    v = tok(r, "cargo")
    f.p("token-cli-cargo-login", v, "cargo login %s" % v)
    f.t("cargo publish -p acme-core")
    v = r.pw()
    f.p("password-cli-poetry-config-http-basic", v, "poetry config http-basic.corp poetry-ci '%s'" % v)
    v = r.pw()
    f.p("password-cli-composer-config-http-basic", v, "composer config --global http-basic.repo.packagist.com token '%s'" % v)
    v = r.pw()
    f.p("password-cli-helm-repo-add", v, "helm repo add corp https://charts.corp.example.net --username helm-reader --password '%s'" % v)
    f.n("env-cli-helm-password-stdin", "--password-stdin", "echo \"$HELM_PASSWORD\" | helm registry login ghcr.io --username acme-bot --password-stdin")
    v = tok(r, "nuget")
    f.p("token-cli-dotnet-nuget-push", v, "dotnet nuget push bin/Release/*.nupkg --api-key %s --source https://api.nuget.org/v3/index.json" % v)
    v = r.pw(url=True)
    f.p("password-cli-dotnet-nuget-add-source", v, "dotnet nuget add source https://nuget.corp.example.net/v3/index.json -n corp -u nuget-ci -p %s --store-password-in-clear-text" % v)
    v = tok(r, "hex")
    f.p("token-cli-mix-hex-organization", v, "mix hex.organization auth acme --key %s" % v)
    f.n("env-cli-dart-pub-token-stdin", "$PUB_DEV_TOKEN", "echo \"$PUB_DEV_TOKEN\" | dart pub token add https://pub.corp.example.net")
    v = tok(r, "rubygems")
    f.p("token-cli-gem-host-api-key-env", v, "GEM_HOST_API_KEY=%s gem push pkg/acme-client-2.3.0.gem" % v)
    v = tok(r, "ghp")
    f.p("token-cli-pod-trunk-github", v, "GITHUB_TOKEN=%s bundle exec fastlane release" % v)

    f = c.f("ci/publish.ps1")
    f.t("$ErrorActionPreference = 'Stop'\nImport-Module PowerShellGet")
    v = tok(r, "nuget")
    f.p("token-powershell-publish-module", v, "Publish-Module -Path .\\out\\AcmeTools -NuGetApiKey '%s' -Repository PSGallery" % v)
    v = r.uuid()
    f.p("token-choco-apikey", v, "choco apikey --key %s --source https://push.chocolatey.org/" % v)
    f.n("env-powershell-publish-module", "$env:PSGALLERY_KEY", "Publish-Module -Path .\\out\\AcmeInternal -NuGetApiKey $env:PSGALLERY_KEY -Repository CorpGallery")

    f = c.f("requirements.txt")
    v = r.s(20)
    f.p("token-requirements-extra-index-url", v, "--extra-index-url https://__token__:%s@gitlab.example.com/api/v4/projects/412/packages/pypi/simple" % v)
    f.t("httpx==0.27.0\npydantic==2.7.1")
    f.n("env-requirements-git-url", "${GITHUB_TOKEN}", "acme-core @ git+https://${GITHUB_TOKEN}@github.com/acme/acme-core.git@v2.3.0")
    h = r.hex(64)
    f.n("hash-requirements-pin", h, "orjson==3.10.3 \\\n    --hash=sha256:%s" % h)

    f = c.f("Pipfile")
    f.n("template-pipfile-source", "${CORP_PYPI_PASSWORD}", "[[source]]\nurl = \"https://reader:${CORP_PYPI_PASSWORD}@pypi.corp.example.net/simple\"\nverify_ssl = true\nname = \"corp\"")
    f.t("")
    v = r.pw(url=True)
    f.p("password-pipfile-source-url", v, "[[source]]\nurl = \"https://legacy:%s@pypi-legacy.corp.example.net/simple\"\nverify_ssl = true\nname = \"legacy\"" % v)
    f.t("\n[packages]\nrequests = \"*\"\n\n[requires]\npython_version = \"3.11\"")

    f = c.f("uv.toml")
    f.t("[[index]]\nname = \"corp\"")
    v = r.pw(url=True)
    f.p("password-uv-index-url", v, "url = \"https://uv-ci:%s@pypi.corp.example.net/simple\"" % v)
    f.t("default = false")

    f = c.f("conan/credentials.json")
    f.t("{\n  \"credentials\": [\n    {\n      \"remote\": \"corp\",\n      \"user\": \"conan-ci\",")
    v = r.pw()
    f.p("password-conan-credentials", v, "      \"password\": \"%s\"" % v)
    f.t("    }\n  ]\n}")

    f = c.f("ivy/ivysettings.xml")
    f.t("<ivysettings>\n  <settings defaultResolver=\"corp\"/>")
    v = r.pw(url=True)
    f.p("password-ivysettings-credentials", v, "  <credentials host=\"nexus.corp.example.net\" realm=\"Sonatype Nexus Repository Manager\" username=\"ivy\" passwd=\"%s\"/>" % v)
    f.n("template-ivysettings-property", "${nexus.password}", "  <credentials host=\"nexus2.corp.example.net\" realm=\"Nexus\" username=\"ivy\" passwd=\"${nexus.password}\"/>")
    f.t("  <resolvers>\n    <ibiblio name=\"corp\" m2compatible=\"true\" root=\"https://nexus.corp.example.net/repository/maven-public/\"/>\n  </resolvers>\n</ivysettings>")

    f = c.f("lein/profiles.clj")
    f.t("{:user {:plugins [[lein-ancient \"1.0.0-RC3\"]]}\n :auth {:repository-auth {#\"nexus\\.corp\\.example\\.net\" {:username \"lein\"")
    v = r.pw()
    f.p("password-leiningen-profiles-auth", v, "                                                 :password \"%s\"}" % v)
    f.n("env-leiningen-profiles-auth", ":env/clojars_token", "                         #\"clojars\" {:username \"acme\" :password :env/clojars_token}}}}")

    f = c.f("ops/.env.terraform")
    v = tok(r, "tfc")
    f.p("token-env-tf-token-host", v, "TF_TOKEN_app_terraform_io=%s" % v)
    f.t("TF_IN_AUTOMATION=1")
    f.n("env-tf-var-reference", "$DB_PASSWORD", "TF_VAR_db_password=$DB_PASSWORD")


def win_extra(c):
    r = c.rng
    f = c.f("ops/filezilla/sitemanager.xml")
    f.t("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<FileZilla3 version=\"3.66.5\" platform=\"windows\">\n  <Servers>\n    <Server>\n      <Host>sftp.partner.example.com</Host>\n      <Port>22</Port>\n      <Protocol>1</Protocol>\n      <Type>0</Type>\n      <User>acme-feed</User>")
    v = base64.b64encode(r.pw().encode()).decode()
    f.p("password-filezilla-base64", v, "      <Pass encoding=\"base64\">%s</Pass>" % v)
    f.t("      <Logontype>1</Logontype>\n      <Name>partner feed</Name>\n    </Server>\n    <Server>\n      <Host>ftp.corp.example.net</Host>\n      <Port>21</Port>\n      <User>upload</User>")
    v = r.pw()
    f.p("password-filezilla-plain", v, "      <Pass>%s</Pass>" % v)
    f.t("      <Logontype>1</Logontype>\n    </Server>\n    <Server>\n      <Host>sftp.archive.example.net</Host>\n      <User>archive</User>")
    f.n("config-filezilla-ask-password", "<Logontype>2</Logontype>", "      <Logontype>2</Logontype>")
    f.t("    </Server>\n  </Servers>\n</FileZilla3>")

    f = c.f("etl/Orders.dtsConfig")
    f.t("<?xml version=\"1.0\"?>\n<DTSConfiguration>\n  <DTSConfigurationHeading>\n    <DTSConfigurationFileInfo GeneratedBy=\"CORP\\etl\" GeneratedFromPackageName=\"Orders\" GeneratedDate=\"3/11/2021\"/>\n  </DTSConfigurationHeading>\n  <Configuration ConfiguredType=\"Property\" Path=\"\\Package.Connections[Orders].Properties[ConnectionString]\" ValueType=\"String\">")
    v = r.pw(url=True)
    f.p("password-ssis-dtsconfig", v, "    <ConfiguredValue>Data Source=sql01;User ID=etl;Password=%s;Initial Catalog=Orders;Provider=SQLNCLI11.1;</ConfiguredValue>" % v)
    f.t("  </Configuration>\n</DTSConfiguration>")

    f = c.f("dsc/WebServer/localhost.mof")
    f.t("/*\n@TargetNode='localhost'\n@GeneratedBy=ops\n*/\n\ninstance of MSFT_Credential as $MSFT_Credential1ref\n{\n    UserName = \"CORP\\\\svc-web\";")
    v = r.pw()
    f.p("password-dsc-mof-plaintext", v, "    Password = \"%s\";" % v)
    f.t("};")

    f = c.f("dsc/ConfigData.psd1")
    f.t("@{\n    AllNodes = @(\n        @{\n            NodeName = 'localhost'")
    f.n("config-dsc-allow-plaintext", "PSDscAllowPlainTextPassword = $true", "            PSDscAllowPlainTextPassword = $true")
    v = r.HEX(40)
    f.n("thumbprint-dsc-certificate", v, "            Thumbprint = '%s'" % v)
    f.t("        }\n    )\n}")

    f = c.f("scripts/svc-backup.cred.xml")
    f.t("<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">\n  <Obj RefId=\"0\">\n    <TN RefId=\"0\">\n      <T>System.Management.Automation.PSCredential</T>\n      <T>System.Object</T>\n    </TN>\n    <ToString>System.Management.Automation.PSCredential</ToString>\n    <Props>\n      <S N=\"UserName\">CORP\\svc-backup</S>")
    v = dpapi_blob(r, 200)
    f.n("ciphertext-powershell-clixml-dpapi", v, "      <SS N=\"Password\">%s</SS>" % v)
    f.t("    </Props>\n  </Obj>\n</Objs>")

    f = c.f("src/Orders.Api/secrets.json")
    f.t("{")
    v = r.pw(url=True)
    f.p("password-dotnet-user-secrets-json", v, "  \"ConnectionStrings:Orders\": \"Server=localhost;Database=Orders;User Id=sa;Password=%s;TrustServerCertificate=True\"," % v)
    v = tok(r, "stripe")
    f.p("apikey-dotnet-user-secrets-json", v, "  \"Stripe:SecretKey\": \"%s\"" % v)
    f.t("}")

    f = c.f("src/Orders.Api/Properties/launchSettings.json")
    f.t("{\n  \"profiles\": {\n    \"Orders.Api\": {\n      \"commandName\": \"Project\",\n      \"launchBrowser\": true,\n      \"environmentVariables\": {\n        \"ASPNETCORE_ENVIRONMENT\": \"Development\",")
    v = tok(r, "openai")
    f.p("apikey-launchsettings-env", v, "        \"OPENAI_API_KEY\": \"%s\"" % v)
    f.t("      },\n      \"applicationUrl\": \"https://localhost:7043\"\n    }\n  }\n}")

    f = c.f("src/Orders.Api/appsettings.Development.json")
    f.t("{\n  \"ConnectionStrings\": {")
    f.n("dev-localdb-trusted", "Trusted_Connection=True", "    \"Orders\": \"Server=(localdb)\\\\mssqllocaldb;Database=Orders;Trusted_Connection=True;MultipleActiveResultSets=true\"")
    f.t("  },\n  \"Stripe\": {")
    f.n("placeholder-appsettings-user-secrets", "set with dotnet user-secrets", "    \"SecretKey\": \"set with dotnet user-secrets\"")
    f.t("  }\n}")

    f = c.f("ops/winscp/WinSCP.ini")
    f.t("[Configuration\\Interface]\nRandomSeedFile=%APPDATA%\\winscp.rnd\n\n[Sessions\\partner]\nHostName=sftp.partner.example.com\nUserName=acme-feed")
    v = "ssh-ed25519 255 SHA256:" + r.b64(32).rstrip("=")
    f.n("fingerprint-winscp-hostkey", v.split(":")[1], "SshHostKey=%s" % v)
    v = "%2Fhome%2Facme-feed%2Finbound"
    f.t("RemoteDirectory=%s" % v)


def locks_extra(c):
    r = c.rng
    f = c.f("nix/flake.lock")
    f.t("{\n  \"nodes\": {\n    \"nixpkgs\": {\n      \"locked\": {\n        \"lastModified\": 1716948383,")
    v = "sha256-" + r.b64(32)
    f.n("hash-flake-lock-narhash", v, "        \"narHash\": \"%s\"," % v)
    f.t("        \"owner\": \"NixOS\",\n        \"repo\": \"nixpkgs\",")
    v = r.hex(40)
    f.n("hash-flake-lock-rev", v, "        \"rev\": \"%s\"," % v)
    f.t("        \"type\": \"github\"\n      }\n    }\n  },\n  \"root\": \"root\",\n  \"version\": 7\n}")

    f = c.f("analysis/renv.lock")
    f.t("{\n  \"R\": {\n    \"Version\": \"4.4.0\"\n  },\n  \"Packages\": {\n    \"DBI\": {\n      \"Package\": \"DBI\",\n      \"Version\": \"1.2.2\",\n      \"Source\": \"Repository\",\n      \"Repository\": \"CRAN\",")
    v = r.hex(32)
    f.n("hash-renv-lock", v, "      \"Hash\": \"%s\"" % v)
    f.t("    }\n  }\n}")

    f = c.f("analysis/julia/Manifest.toml")
    f.t("# This file is machine-generated - editing it directly is not advised\n\njulia_version = \"1.10.3\"\nmanifest_format = \"2.0\"")
    v = r.hex(40)
    f.n("hash-julia-manifest", v, "project_hash = \"%s\"" % v)
    f.t("\n[[deps.HTTP]]\ndeps = [\"Base64\", \"Dates\", \"Sockets\"]")
    v = r.hex(40)
    f.n("hash-julia-manifest-git-tree", v, "git-tree-sha1 = \"%s\"" % v)
    v = r.uuid()
    f.n("id-julia-manifest-uuid", v, "uuid = \"%s\"" % v)
    f.t("version = \"1.10.8\"")

    f = c.f("services/haskell/stack.yaml.lock")
    f.t("packages: []\nsnapshots:\n- completed:")
    v = r.hex(64)
    f.n("hash-stack-yaml-lock", v, "    sha256: %s" % v)
    f.t("    size: 719131\n    url: https://raw.githubusercontent.com/commercialhaskell/stackage-snapshots/master/lts/22/22.yaml\n  original: lts-22.22")

    f = c.f("deno.lock")
    f.t("{\n  \"version\": \"3\",\n  \"remote\": {")
    for mod in ("https://deno.land/std@0.224.0/assert/mod.ts", "https://deno.land/std@0.224.0/http/server.ts"):
        v = r.hex(64)
        f.n("hash-deno-lock", v, "    \"%s\": \"%s\"," % (mod, v))
    f.t("    \"https://deno.land/std@0.224.0/fmt/colors.ts\": null\n  }\n}")

    f = c.f("pnpm-lock.yaml")
    f.t("lockfileVersion: '9.0'\n\npackages:\n\n  zod@3.23.8:")
    v = sri(r)
    f.n("hash-pnpm-lock-integrity", v, "    resolution: {integrity: %s}" % v)

    f = c.f("ios/Package.resolved")
    f.t("{\n  \"pins\" : [\n    {\n      \"identity\" : \"swift-log\",\n      \"kind\" : \"remoteSourceControl\",\n      \"location\" : \"https://github.com/apple/swift-log.git\",\n      \"state\" : {")
    v = r.hex(40)
    f.n("hash-package-resolved-revision", v, "        \"revision\" : \"%s\"," % v)
    f.t("        \"version\" : \"1.5.4\"\n      }\n    }\n  ],")
    v = r.hex(64)
    f.n("hash-package-resolved-origin", v, "  \"originHash\" : \"%s\"," % v)
    f.t("  \"version\" : 3\n}")

    f = c.f("services/nim/nimble.lock")
    f.t("{\n  \"version\": 2,\n  \"packages\": {\n    \"jsony\": {\n      \"version\": \"1.1.5\",")
    v = r.hex(40)
    f.n("hash-nimble-lock-vcs-revision", v, "      \"vcsRevision\": \"%s\"," % v)
    v = r.hex(40)
    f.n("hash-nimble-lock-checksum", v, "      \"checksums\": { \"sha1\": \"%s\" }" % v)
    f.t("    }\n  }\n}")

    f = c.f("assets/model.onnx")
    f.t("version https://git-lfs.github.com/spec/v1")
    v = r.hex(64)
    f.n("hash-git-lfs-pointer", v, "oid sha256:%s" % v)
    f.t("size 48213577")

    f = c.f("Podfile")
    f.t("platform :ios, '15.0'\nsource 'https://cdn.cocoapods.org/'")
    f.n("url-no-credentials-podspec-repo", "https://github.com/acme/Specs.git", "source 'https://github.com/acme/Specs.git'")
    f.t("\ntarget 'Orders' do\n  use_frameworks!\n  pod 'Alamofire', '~> 5.9'\nend")


def iac_negatives(c):
    r = c.rng
    f = c.f("infra/iam/password-policy.tf")
    f.n("policy-terraform-password-length", "minimum_password_length", "resource \"aws_iam_account_password_policy\" \"strict\" {\n  minimum_password_length        = 14\n  require_lowercase_characters   = true\n  require_symbols                = true\n  allow_users_to_change_password = true\n  password_reuse_prevention      = 24\n}")
    f.t("")
    f.n("ref-terraform-secretsmanager-generate", "aws_secretsmanager_secret_version", "resource \"aws_secretsmanager_secret_version\" \"app\" {\n  secret_id     = aws_secretsmanager_secret.app.id\n  secret_string = jsonencode({ password = random_password.app.result })\n}")
    f.t("")
    f.n("ref-terraform-ssm-parameter-data", "data.aws_ssm_parameter.api_key.value", "resource \"aws_lambda_function\" \"api\" {\n  function_name = \"api\"\n  role          = aws_iam_role.api.arn\n  environment {\n    variables = {\n      API_KEY = data.aws_ssm_parameter.api_key.value\n    }\n  }\n}")
    f.t("")
    f.n("ref-terraform-vault-kv-data", "data.vault_kv_secret_v2.db.data[\"password\"]", "output \"db_password\" {\n  value     = data.vault_kv_secret_v2.db.data[\"password\"]\n  sensitive = true\n}")
    f.t("")
    v = "arn:aws:secretsmanager:eu-west-1:%d:secret:orders/db-%s" % (r.randrange(10 ** 11, 10 ** 12), r.s(6))
    f.n("id-terraform-secret-arn", v, "locals {\n  db_secret_arn = \"%s\"\n}" % v)
    f.t("")
    v = r.hex(32)
    f.n("id-terraform-kms-key-id-hex", v, "# bucket policy pinned to principal %s by the security team" % v)

    f = c.f("cfn/secret.yaml")
    f.t("Resources:\n  AppSecret:\n    Type: AWS::SecretsManager::Secret\n    Properties:\n      Name: orders/app")
    f.n("ref-cloudformation-generate-secret-string", "GenerateSecretString", "      GenerateSecretString:\n        SecretStringTemplate: '{\"username\": \"app\"}'\n        GenerateStringKey: password\n        PasswordLength: 32\n        ExcludeCharacters: '\"@/\\'")
    f.t("  Db:\n    Type: AWS::RDS::DBCluster\n    Properties:\n      Engine: aurora-postgresql")
    f.n("ref-cloudformation-sub-resolve", "{{resolve:secretsmanager:${AppSecret}::password}}", "      MasterUserPassword: !Sub '{{resolve:secretsmanager:${AppSecret}::password}}'")
    f.n("config-cloudformation-manage-master-password", "ManageMasterUserPassword: true", "      ManageMasterUserPassword: true")

    f = c.f("bicep/modules/vm.bicep")
    f.t("param location string\n@secure()\nparam adminPassword string\n")
    f.n("ref-bicep-newguid", "newGuid()", "param deploymentNonce string = newGuid()")
    f.n("ref-bicep-uniquestring", "uniqueString(resourceGroup().id)", "var suffix = uniqueString(resourceGroup().id)")
    f.n("ref-bicep-param-reference", "adminPassword: adminPassword", "var osProfile = {\n  adminUsername: 'azureuser'\n  adminPassword: adminPassword\n}")

    f = c.f("arm/vm.json")
    f.t("{\n  \"resources\": [\n    {\n      \"type\": \"Microsoft.Compute/virtualMachines\",\n      \"apiVersion\": \"2023-09-01\",\n      \"name\": \"vm-app\",\n      \"properties\": {\n        \"osProfile\": {\n          \"computerName\": \"vm-app\",\n          \"adminUsername\": \"azureadmin\",")
    f.n("ref-arm-parameters-function", "[parameters('adminPassword')]", "          \"adminPassword\": \"[parameters('adminPassword')]\"")
    f.t("        }\n      }\n    }\n  ]\n}")

    f = c.f("k8s/base/serviceaccount.yaml")
    f.t("apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: orders")
    f.n("ref-k8s-image-pull-secrets", "regcred", "imagePullSecrets:\n  - name: regcred")
    f.t("---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: orders-sa-token\n  annotations:\n    kubernetes.io/service-account.name: orders")
    f.n("config-k8s-sa-token-secret-type", "kubernetes.io/service-account-token", "type: kubernetes.io/service-account-token")

    f = c.f("k8s/base/externalsecret.yaml")
    f.t("apiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\nmetadata:\n  name: orders-db\nspec:\n  refreshInterval: 1h\n  secretStoreRef:\n    name: aws-secrets\n    kind: ClusterSecretStore\n  data:")
    f.n("ref-k8s-externalsecret-remoteref", "orders/prod/db", "    - secretKey: password\n      remoteRef:\n        key: orders/prod/db\n        property: password")

    f = c.f("charts/orders/values.yaml")
    f.t("replicaCount: 3\nimage:\n  repository: ghcr.io/acme/orders\n  tag: 2.3.0\npostgresql:\n  auth:\n    username: orders")
    f.n("ref-helm-existing-secret", "existingSecret: orders-db", "    existingSecret: orders-db\n    secretKeys:\n      userPasswordKey: password")
    f.n("empty-helm-values-password", "password: \"\"", "    password: \"\"")
    f.t("resources:\n  limits:\n    memory: 512Mi")

    f = c.f("nomad/vars.hcl")
    f.n("ref-nomad-variable-template", "{{ with nomadVar \"nomad/jobs/orders\" }}", "template {\n  data = <<EOT\n{{ with nomadVar \"nomad/jobs/orders\" }}DB_PASSWORD={{ .db_password }}{{ end }}\nEOT\n  destination = \"secrets/db.env\"\n  env         = true\n}")

    f = c.f("salt/pillar/top.sls")
    f.t("base:\n  '*':\n    - common\n  'db*':\n    - db")
    f.n("ref-salt-pillar-sdb", "sdb://vault/secret/orders/api?key", "api_key: sdb://vault/secret/orders/api?key")

    f = c.f("chef/roles/web.json")
    f.t("{\n  \"name\": \"web\",\n  \"chef_type\": \"role\",\n  \"json_class\": \"Chef::Role\",\n  \"default_attributes\": {\n    \"orders\": {")
    f.n("ref-chef-data-bag-item", "data_bag_item('secrets', 'payments')", "      \"stripe_key_source\": \"data_bag_item('secrets', 'payments')\"")
    f.t("    }\n  },\n  \"run_list\": [\"recipe[orders::web]\"]\n}")

    f = c.f("puppet/hiera.yaml")
    f.t("---\nversion: 5\nhierarchy:\n  - name: \"Secret data\"\n    lookup_key: eyaml_lookup_key\n    paths:\n      - \"secure.eyaml\"\n    options:")
    f.n("path-hiera-eyaml-private-key", "/etc/puppetlabs/puppet/eyaml/private_key.pkcs7.pem", "      pkcs7_private_key: /etc/puppetlabs/puppet/eyaml/private_key.pkcs7.pem\n      pkcs7_public_key: /etc/puppetlabs/puppet/eyaml/public_key.pkcs7.pem")



def lookalikes(c):
    r = c.rng
    f = c.f("scripts/Set-Baseline.ps1")
    f.t("Set-ExecutionPolicy -Scope Process -ExecutionPolicy AllSigned\nGet-Service -Name W32Time | Start-Service\n\n# SIG # Begin signature block")
    for _ in range(3):
        v = r.b64(48)
        f.n("signature-powershell-authenticode", v, "# SIG # %s" % v)
    f.t("# SIG # End signature block")

    f = c.f("src/Orders.Web/Web.Bindings.config")
    f.t("<configuration>\n  <runtime>\n    <assemblyBinding xmlns=\"urn:schemas-microsoft-com:asm.v1\">\n      <dependentAssembly>")
    v = r.hex(16)
    f.n("public-dotnet-publickeytoken", v, "        <assemblyIdentity name=\"Newtonsoft.Json\" publicKeyToken=\"%s\" culture=\"neutral\" />" % v)
    f.t("        <bindingRedirect oldVersion=\"0.0.0.0-13.0.0.0\" newVersion=\"13.0.0.0\" />\n      </dependentAssembly>\n    </assemblyBinding>\n  </runtime>\n</configuration>")

    f = c.f("openresty/conf/csp.conf")
    v = "sha256-" + r.b64(32)
    f.n("hash-csp-script-hash", v, "add_header Content-Security-Policy \"default-src 'self'; script-src 'self' '%s'\" always;" % v)
    f.t("add_header X-Content-Type-Options nosniff always;")

    f = c.f("web/static/index.html")
    f.t("<!doctype html>\n<html lang=\"en\">\n<head>\n  <meta charset=\"utf-8\">\n  <title>Orders</title>")
    v = "sha384-" + r.b64(48)
    f.n("hash-html-sri", v, "  <script src=\"https://cdn.jsdelivr.net/npm/htmx.org@1.9.12/dist/htmx.min.js\" integrity=\"%s\" crossorigin=\"anonymous\"></script>" % v)
    f.t("</head>\n<body></body>\n</html>")

    f = c.f("web/static/.well-known/jwks.json")
    f.t("{\n  \"keys\": [\n    {\n      \"kty\": \"RSA\",\n      \"use\": \"sig\",")
    v = r.s(43, URLSAFE)
    f.n("id-jwks-kid", v, "      \"kid\": \"%s\"," % v)
    f.t("      \"alg\": \"RS256\",")
    v = r.b64url(256)
    f.n("public-key-jwks-modulus", v, "      \"n\": \"%s\"," % v)
    f.t("      \"e\": \"AQAB\"\n    }\n  ]\n}")

    f = c.f("k8s/base/webhook.yaml")
    f.t("apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingWebhookConfiguration\nmetadata:\n  name: orders-policy\nwebhooks:\n  - name: policy.orders.acme.example\n    admissionReviewVersions: [\"v1\"]\n    sideEffects: None\n    clientConfig:\n      service:\n        name: orders-policy\n        namespace: orders")
    v = "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSU" + r.b64(600)
    f.n("cert-k8s-cabundle", v, "      caBundle: %s" % v)

    f = c.f("chef/Policyfile.lock.json")
    f.t("{\n  \"name\": \"orders\",")
    v = r.hex(64)
    f.n("hash-chef-policyfile-revision", v, "  \"revision_id\": \"%s\"," % v)
    f.t("  \"cookbook_locks\": {\n    \"orders\": {\n      \"version\": \"2.3.0\",")
    v = r.hex(40)
    f.n("hash-chef-policyfile-identifier", v, "      \"identifier\": \"%s\"," % v)
    f.t("      \"source\": \"cookbooks/orders\"\n    }\n  }\n}")

    f = c.f("puppet/Puppetfile")
    f.t("forge 'https://forge.puppet.com'\n\nmod 'puppetlabs-stdlib', '9.6.0'")
    v = r.hex(40)
    f.n("hash-puppetfile-ref", v, "mod 'acme-orders',\n  :git => 'https://github.com/acme/puppet-orders.git',\n  :ref => '%s'" % v)

    f = c.f("infra/modules.tf")
    v = r.hex(40)
    f.n("hash-terraform-module-ref", v, "module \"vpc\" {\n  source = \"git::https://github.com/acme/terraform-aws-vpc.git?ref=%s\"\n  cidr   = \"10.20.0.0/16\"\n}" % v)
    f.t("")
    f.n("path-packer-ssh-private-key-file", "~/.ssh/packer_ed25519", "locals {\n  ssh_private_key_file = \"~/.ssh/packer_ed25519\"\n}")
    f.t("")
    f.n("ref-terraform-filemd5", "filemd5(\"lambda.zip\")", "resource \"aws_s3_object\" \"lambda\" {\n  bucket = \"acme-artifacts\"\n  key    = \"lambda.zip\"\n  source = \"lambda.zip\"\n  etag   = filemd5(\"lambda.zip\")\n}")

    f = c.f("crates/notify/src/verify.rs")
    f.n("path-rust-include-public-key", "include_bytes!(\"../keys/release.pub\")", "pub static RELEASE_PUBLIC_KEY: &[u8] = include_bytes!(\"../keys/release.pub\");")
    v = base64.b64encode(b"Ed" + bytes(r.r.getrandbits(8) for _ in range(40))).decode()
    f.n("public-key-minisign", v, "pub const MINISIGN_PUBKEY: &str = \"%s\";" % v)


SECTIONS = [pkg_npm, pkg_python, pkg_rust, pkg_php, pkg_ruby, pkg_jvm, pkg_dotnet, pkg_containers,
            pkg_go_misc, iac_terraform, iac_pulumi, iac_cloudformation, iac_azure, iac_kubernetes,
            iac_hashicorp, iac_config_mgmt, win_powershell, win_batch, win_unattend, win_misc,
            win_iis_dotnet, lang_rust, lang_jvm_functional, lang_beam, lang_scripting,
            lang_dotnet_vb, lang_legacy, docs_and_tests, cli_scripts, win_extra,
            locks_extra, iac_negatives, lookalikes]


# ===================================================================== driver

def check(files):
    """Every value on its lines; no line shared by two items; no duplicate paths."""
    errors, seen_paths = [], set()
    for fl in files:
        if fl.path in seen_paths:
            errors.append("duplicate file %s" % fl.path)
        seen_paths.add(fl.path)
        used = {}
        for it in fl.items:
            span = "\n".join(fl.lines[it["line"] - 1:it["end"]])
            if it["value"] and it["value"] not in span:
                errors.append("%s:%d value not on its lines (%s)" % (fl.path, it["line"], it["kind"]))
            if it["label"] == "positive" and len(it["value"]) < 6:
                errors.append("%s:%d short positive (%s)" % (fl.path, it["line"], it["kind"]))
            for ln in range(it["line"], it["end"] + 1):
                if ln in used:
                    errors.append("%s:%d shared by %s and %s" % (fl.path, ln, used[ln], it["kind"]))
                used[ln] = it["kind"]
    if errors:
        raise AssertionError("corpus check failed:\n  " + "\n  ".join(errors))


def generate(outdir, seed=20240611):
    c = Corpus(seed)
    for sec in SECTIONS:
        sec(c)
    check(c.files)
    repo = os.path.join(outdir, "repo")
    if os.path.isdir(repo):
        shutil.rmtree(repo)
    os.makedirs(repo)
    labels = []
    for fl in c.files:
        path = os.path.join(repo, fl.path)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        text = "\n".join(fl.lines) + "\n"
        newline = "\r\n" if fl.path.endswith((".bat", ".cmd", ".reg")) else "\n"
        with open(path, "w", newline=newline) as out:
            out.write(text)
        labels.extend(fl.items)
    with open(os.path.join(outdir, "labels.json"), "w") as out:
        json.dump(labels, out, indent=1)
    return labels


def main():
    ap = argparse.ArgumentParser(description="generate blind corpus 3")
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, default=20240611)
    a = ap.parse_args()
    labels = generate(a.outdir, a.seed)
    pos = [l for l in labels if l["label"] == "positive"]
    print("%d files, %d positives (%d kinds), %d negatives (%d kinds)" % (
        len({l["file"] for l in labels}), len(pos), len({l["kind"] for l in pos}),
        len(labels) - len(pos), len({l["kind"] for l in labels if l["label"] == "negative"})))
    return 0


if __name__ == "__main__":
    sys.exit(main())
