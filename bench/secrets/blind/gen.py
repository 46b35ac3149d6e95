#!/usr/bin/env python3
"""Generate a blind labelled corpus of realistic fake secrets and hard negatives.

usage: gen.py OUTDIR [--seed N]

Writes OUTDIR/repo/... (files as they appear in real repositories: code in
several languages, .env, YAML/JSON/TOML/INI/XML configs, Dockerfiles, CI
workflows, Kubernetes manifests, Terraform, shell, notebooks, docs, keys) and
OUTDIR/labels.json, one record per planted item:

    {"file": "...", "line": N, "end": M, "kind": "...", "label": "positive"
     |"negative", "value": "..."}

`line`..`end` are 1-based and inclusive (end == line for one-line items).
Every token-shaped value is generated at run time from the seed; nothing
live-looking is committed.  Private keys come from openssl/ssh-keygen at run
time (kinds skipped if the tools are missing), so their bytes, unlike
everything else, differ between runs.

Written blind: without reading gate's rule pack, rule docs or tests.
"""

import argparse
import base64
import hashlib
import hmac
import json
import os
import shutil
import struct
import subprocess
import tempfile
import urllib.parse
import uuid
import zlib

import random

B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
UPPER_NUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
LOWER_NUM = "abcdefghijklmnopqrstuvwxyz0123456789"
HEX = "0123456789abcdef"
B64 = ALNUM + "+/"
B64URL = ALNUM + "-_"
B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"

R = random.Random()


# --------------------------------------------------------------------------
# small value helpers

def rs(alphabet, n):
    return "".join(R.choice(alphabet) for _ in range(n))


def rbytes(n):
    return bytes(R.getrandbits(8) for _ in range(n))


def b62(n, width):
    out = ""
    while n:
        n, r = divmod(n, 62)
        out = B62[r] + out
    return out.rjust(width, "0")


def crc_b62(body):
    return b62(zlib.crc32(body.encode()) & 0xFFFFFFFF, 6)


def bech32(hrp, data):
    """BIP-173 encoding of bytes (age keys use it, upper-cased)."""
    cs = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
    acc, bits, five = 0, 0, []
    for b in data:
        acc = (acc << 8) | b
        bits += 8
        while bits >= 5:
            bits -= 5
            five.append((acc >> bits) & 31)
    if bits:
        five.append((acc << (5 - bits)) & 31)

    def polymod(values):
        gen = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3]
        chk = 1
        for v in values:
            top = chk >> 25
            chk = (chk & 0x1ffffff) << 5 ^ v
            for i in range(5):
                chk ^= gen[i] if ((top >> i) & 1) else 0
        return chk
    exp = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]
    pm = polymod(exp + five + [0] * 6) ^ 1
    five += [(pm >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(cs[d] for d in five)


def b64u(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def mixed_entropy(alphabet, n):
    """Random string that has at least one upper, lower and digit when the
    alphabet allows, so it looks like a real generated key."""
    while True:
        s = rs(alphabet, n)
        if (any(c.isupper() for c in s) or not any(c.isupper() for c in alphabet)) \
                and (any(c.islower() for c in s) or not any(c.islower() for c in alphabet)) \
                and (any(c.isdigit() for c in s) or not any(c.isdigit() for c in alphabet)):
            return s


WORDS = ("maple river falcon copper orbit velvet harbor summer winter autumn "
         "tiger lemon rocket granite meadow silver cobalt nimbus saffron "
         "lantern quartz willow ember thunder pepper violet juniper delta "
         "sparrow canyon glacier marble pixel zephyr").split()
PUNCT = "!@#%^&*-_+=?.,~"


def human_password():
    """Passwords people actually type: words, digits, punctuation."""
    w = R.sample(WORDS, 2)
    forms = [
        lambda: w[0].capitalize() + str(R.randint(10, 2099)) + R.choice(PUNCT),
        lambda: w[0].capitalize() + R.choice(PUNCT) + w[1] + str(R.randint(1, 99)),
        lambda: "".join(R.choice([c, c.upper()]) for c in w[0]) + R.choice("!@#%&*") + str(R.randint(100, 9999)),
        lambda: w[0][0].upper() + w[0][1:].replace("o", "0").replace("a", "@").replace("e", "3") + R.choice(PUNCT) + str(R.randint(1, 99)),
        lambda: w[0] + "_" + w[1].capitalize() + R.choice("!?#") + str(R.randint(10, 99)) + R.choice("&*%"),
        lambda: rs(ALNUM, 6) + R.choice(PUNCT) + rs(ALNUM, 5) + R.choice(PUNCT) + rs(ALNUM, 3),
    ]
    return R.choice(forms)()


def url_password():
    """A password as stored inside a URL: generated or percent-encoded."""
    c = R.random()
    if c < 0.4:
        return mixed_entropy(ALNUM, R.randint(16, 28))
    if c < 0.7:
        return urllib.parse.quote(human_password(), safe="-_.~!*")
    return mixed_entropy(ALNUM + "-_.~", R.randint(20, 32))


def conn_password():
    """For ADO.NET/JDBC strings: no ';' or quotes."""
    return R.choice([human_password, lambda: mixed_entropy(ALNUM + "!#%^*-_", 20)])()


USERS = ["app", "svc_orders", "admin", "deploy", "reporting", "billing_rw",
         "etl", "api", "webapp", "analytics", "root", "backend"]
HOSTS = ["db.internal", "prod-db-01.cluster-c8xk2.eu-west-1.rds.amazonaws.com",
         "10.0.12.7", "postgres.default.svc.cluster.local", "mysql-primary",
         "orders-db.prod.example.net", "db", "pg-replica-2.corp.local"]
DBS = ["orders", "app_production", "inventory", "billing", "analytics", "users"]
SERVICES = ["orders", "billing", "inventory", "notifier", "gateway", "search",
            "auth", "reports", "checkout", "catalog", "ingest", "scheduler"]


def rand_uuid():
    return str(uuid.UUID(int=R.getrandbits(128), version=4))


# --------------------------------------------------------------------------
# token generators (positives)

def gh_token(prefix):
    body = rs(B62, 30)
    return prefix + body + crc_b62(body)


def gh_pat_fine():
    body = rs(ALNUM, 22) + "_" + rs(ALNUM, 53)
    return "github_pat_" + body + crc_b62(body)


def npm_token():
    body = rs(B62, 30)
    return "npm_" + body + crc_b62(body)


def aws_key_id(prefix="AKIA"):
    return prefix + rs(B32, 16)


def aws_secret():
    return mixed_entropy(B64, 40)


def slack_bot():
    return "xoxb-%d-%d-%s" % (R.randint(10**10, 10**12), R.randint(10**11, 10**13), mixed_entropy(ALNUM, 24))


def slack_user():
    return "xoxp-%d-%d-%d-%s" % (R.randint(10**10, 10**12), R.randint(10**10, 10**12),
                                 R.randint(10**11, 10**13), rs(HEX, 32))


def slack_app():
    return "xapp-1-A%s-%d-%s" % (rs(UPPER_NUM, 10), R.randint(10**12, 10**13), rs(HEX, 64))


def slack_webhook():
    return "https://hooks.slack.com/services/T%s/B%s/%s" % (
        rs(UPPER_NUM, 8), rs(UPPER_NUM, 10), mixed_entropy(ALNUM, 24))


def stripe(prefix):
    return prefix + mixed_entropy(ALNUM, R.choice([24, 99]))


def google_api_key():
    return "AIza" + mixed_entropy(B64URL, 35)


def azure_storage_key():
    return base64.b64encode(rbytes(64)).decode()


def azure_conn():
    return ("DefaultEndpointsProtocol=https;AccountName=%s%s;AccountKey=%s;EndpointSuffix=core.windows.net"
            % (R.choice(["stprod", "stdata", "sa"]), rs(LOWER_NUM, 8), azure_storage_key()))


def azure_client_secret():
    return rs(ALNUM, 3) + str(R.randint(0, 9)) + "Q~" + mixed_entropy(ALNUM + "_-.~", 34)


def sendgrid():
    return "SG." + mixed_entropy(B64URL, 22) + "." + mixed_entropy(B64URL, 43)


def twilio_api_key():
    return "SK" + rs(HEX, 32)


def mailgun():
    return R.choice(["key-" + rs(HEX, 32), rs(HEX, 32) + "-" + rs(HEX, 8) + "-" + rs(HEX, 8)])


def pypi_token():
    mac = b"\x02\x01\x08pypi.org\x02\x02" + rbytes(2) + b"\x00\x02\x06" + rbytes(100)
    return "pypi-AgEIcHlwaS5vcmc" + b64u(mac)[20:] + b64u(rbytes(40))


def dockerhub_pat():
    return "dckr_pat_" + mixed_entropy(B64URL, 27)


def heroku_key():
    return "HRKU-AA" + mixed_entropy(B64URL, 58)


def digitalocean(kind):
    return "%s_v1_%s" % (kind, rs(HEX, 64))


def shopify(prefix):
    return prefix + rs(HEX, 32)


def openai_key():
    if R.random() < 0.6:
        return "sk-proj-" + mixed_entropy(B64URL, 74) + "T3BlbkFJ" + mixed_entropy(B64URL, 74)
    return "sk-" + mixed_entropy(ALNUM, 20) + "T3BlbkFJ" + mixed_entropy(ALNUM, 20)


def anthropic_key():
    return "sk-ant-api03-" + mixed_entropy(B64URL, 93) + "AA"


def hf_token():
    return "hf_" + mixed_entropy("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", 34)


def discord_bot():
    uid = str(R.randint(10**17, 10**19 - 1)).encode()
    return b64u(uid) + "." + mixed_entropy(B64URL, 6) + "." + mixed_entropy(B64URL, 38)


def telegram_bot():
    return "%d:AA%s" % (R.randint(10**8, 10**10 - 1), mixed_entropy(B64URL, 33))


def newrelic(kind):
    if kind == "user":
        return "NRAK-" + rs(UPPER_NUM, 27)
    return rs(HEX, 36) + "NRAL"


def sentry_token():
    return "sntryu_" + rs(HEX, 64)


def databricks():
    return "dapi" + rs(HEX, 32) + R.choice(["", "-2", "-3"])


def vault_token():
    return "hvs.CAESI" + mixed_entropy(B64URL, 86)


def doppler():
    return R.choice(["dp.pt." + mixed_entropy(ALNUM, 43),
                     "dp.st.prd." + mixed_entropy(ALNUM, 40)])


def linear():
    return "lin_api_" + mixed_entropy(ALNUM, 40)


def atlassian():
    return "ATATT3xFfGF0" + mixed_entropy(B64URL, 170) + "=" + rs(HEX.upper(), 8)


def okta():
    return "00" + mixed_entropy(B64URL, 40)


def square(kind):
    if kind == "atp":
        return "sq0atp-" + mixed_entropy(B64URL, 22)
    return "sq0csp-" + mixed_entropy(B64URL, 43)


def braintree():
    return "access_token$production$%s$%s" % (rs(LOWER_NUM, 16), rs(HEX, 32))


def mailchimp():
    return rs(HEX, 32) + "-us" + str(R.randint(1, 21))


def gitlab(kind):
    if kind == "pat":
        return "glpat-" + mixed_entropy(B64URL, 20)
    if kind == "runner":
        return "glrt-" + mixed_entropy(B64URL, 20)
    return "glptt-" + rs(HEX, 40)


def grafana():
    return "glsa_" + mixed_entropy(ALNUM, 32) + "_" + rs(HEX, 8)


def tfc_token():
    return mixed_entropy(ALNUM, 14) + ".atlasv1." + mixed_entropy(B64URL, 67)


def postman():
    return "PMAK-" + rs(HEX, 24) + "-" + rs(HEX, 34)


def mapbox_secret():
    payload = b64u(json.dumps({"u": rs(LOWER_NUM, 8), "a": rs(LOWER_NUM, 25)}, separators=(",", ":")).encode())
    return "sk." + payload + "." + mixed_entropy(B64URL, 22)


def pulumi():
    return "pul-" + rs(HEX, 40)


def jwt():
    header = b64u(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
    claims = {"sub": rand_uuid(), "iss": "https://auth.%s.io" % R.choice(SERVICES),
              "role": R.choice(["service", "admin", "ci"]),
              "iat": 1700000000 + R.randint(0, 10**7)}
    claims["exp"] = claims["iat"] + 365 * 86400
    payload = b64u(json.dumps(claims, separators=(",", ":")).encode())
    sig = b64u(hmac.new(rbytes(32), (header + "." + payload).encode(), hashlib.sha256).digest())
    return header + "." + payload + "." + sig


def hex_secret(n):
    return rs(HEX, n)


def generic_secret():
    return R.choice([lambda: mixed_entropy(ALNUM, R.randint(24, 48)),
                     lambda: rs(HEX, R.choice([32, 40, 64])),
                     lambda: base64.b64encode(rbytes(R.choice([24, 32, 48]))).decode(),
                     lambda: mixed_entropy(B64URL, 43)])()


# --------------------------------------------------------------------------
# negatives helpers

def fake_sha1():
    return rs(HEX, 40)


def fake_sha256():
    return rs(HEX, 64)


def sri(alg="sha512", n=64):
    return "%s-%s" % (alg, base64.b64encode(rbytes(n)).decode())


def bcrypt_hash():
    return "$2b$12$" + rs("./" + ALNUM, 53)


def argon2_hash():
    return "$argon2id$v=19$m=65536,t=3,p=4$%s$%s" % (b64u(rbytes(16)), b64u(rbytes(32)))


def png_b64():
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)
    w, h = R.randint(8, 16), R.randint(8, 16)
    raw = b"".join(b"\x00" + rbytes(w * 3) for _ in range(h))
    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    return base64.b64encode(png).decode()


def woff_b64():
    return base64.b64encode(b"wOF2\x00\x01\x00\x00" + rbytes(180)).decode()


def ssh_ed25519_pub():
    def sstr(b):
        return struct.pack(">I", len(b)) + b
    blob = sstr(b"ssh-ed25519") + sstr(rbytes(32))
    return "ssh-ed25519 " + base64.b64encode(blob).decode()


# --------------------------------------------------------------------------
# keys from the system tools

class Keys:
    def __init__(self):
        self.tmp = tempfile.mkdtemp(prefix="gate-blind-")
        self.openssl = shutil.which("openssl")
        self.sshkeygen = shutil.which("ssh-keygen")
        self.n = 0

    def close(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def _run(self, args):
        return subprocess.run(args, check=True, capture_output=True, text=True).stdout

    def _path(self):
        self.n += 1
        return os.path.join(self.tmp, "k%d" % self.n)

    def private(self, kind):
        """PEM text of a fresh private key or None when the tool is missing."""
        try:
            if kind == "rsa-pkcs1" and self.openssl:
                p = self._path()
                self._run([self.openssl, "genpkey", "-algorithm", "RSA", "-pkeyopt",
                           "rsa_keygen_bits:2048", "-out", p])
                return self._run([self.openssl, "pkey", "-in", p, "-traditional"])
            if kind == "pkcs8" and self.openssl:
                algo = R.choice([["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"],
                                 ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"],
                                 ["-algorithm", "ED25519"]])
                return self._run([self.openssl, "genpkey"] + algo)
            if kind == "ec" and self.openssl:
                return self._run([self.openssl, "ecparam", "-name", "prime256v1", "-genkey", "-noout"])
            if kind == "openssh" and self.sshkeygen:
                p = self._path()
                t = R.choice([["-t", "ed25519"], ["-t", "rsa", "-b", "2048"], ["-t", "ecdsa"]])
                subprocess.run([self.sshkeygen, "-q", "-N", "", "-C", "deploy@ci", "-f", p] + t,
                               check=True, capture_output=True)
                with open(p) as f:
                    return f.read()
        except (subprocess.CalledProcessError, OSError):
            return None
        return None

    def public_pem(self):
        if not self.openssl:
            return None
        p = self._path()
        self._run([self.openssl, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", p])
        return self._run([self.openssl, "pkey", "-in", p, "-pubout"])

    def certificate(self):
        if not self.openssl:
            return None
        p = self._path()
        return self._run([self.openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt",
                          "ec_paramgen_curve:P-256", "-nodes", "-keyout", p, "-days", "365",
                          "-subj", "/CN=%s.internal" % R.choice(SERVICES)])


# --------------------------------------------------------------------------
# items

class Item:
    """One planted thing.  A kv item is a (name, value) pair that any
    key-value format renders; a raw item renders itself per format."""

    def __init__(self, kind, label, name=None, value=None, formats=None, raw=None):
        self.kind, self.label, self.name, self.value = kind, label, name, value
        self.formats = formats          # None: every kv format
        self.raw = raw                  # fmt -> (lines, first_offset, last_offset)


KV_FORMATS = ["py", "js", "ts", "go", "java", "cs", "rb", "php", "env", "sh",
              "docker", "yaml", "json", "toml", "ini", "xml", "properties",
              "tf", "k8s", "gha", "compose", "md", "ipynb"]
CODE_FORMATS = ["py", "js", "ts", "go", "java", "cs", "rb", "php"]
CONFIG_FORMATS = ["env", "yaml", "json", "toml", "ini", "properties", "xml", "compose", "k8s"]


def words(name):
    return name.lower().split("_")


def snake(name):
    return "_".join(words(name))


def upper(name):
    return snake(name).upper()


def camel(name):
    w = words(name)
    return w[0] + "".join(x.capitalize() for x in w[1:])


def pascal(name):
    return "".join(x.capitalize() for x in words(name))


def xml_esc(v):
    return v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def needs_quote(v):
    return any(c in v for c in " #:!@%^&*?,{}[]|>'\"=~") or v == ""


def render_kv(fmt, name, value):
    """Lines for a key/value assignment; returns (lines, item_offset)."""
    if fmt == "py":
        return R.choice([['%s = "%s"' % (upper(name), value)],
                         ["%s = os.environ.get(\"%s\", \"%s\")" % (snake(name), upper(name), value)]]), 0
    if fmt in ("js", "ts"):
        return R.choice([["const %s = '%s';" % (camel(name), value)],
                         ["  %s: \"%s\"," % (camel(name), value)],
                         ["export const %s = `%s`;" % (upper(name), value)]]), 0
    if fmt == "go":
        return ['\t%s = "%s"' % (camel(name), value)], 0
    if fmt == "java":
        return ['    private static final String %s = "%s";' % (upper(name), value)], 0
    if fmt == "cs":
        return ['        private const string %s = "%s";' % (pascal(name), value)], 0
    if fmt == "rb":
        return R.choice([["  config.%s = '%s'" % (snake(name), value)],
                         ["%s = '%s'.freeze" % (upper(name), value)]]), 0
    if fmt == "php":
        return R.choice([["    '%s' => '%s'," % (snake(name), value)],
                         ["define('%s', '%s');" % (upper(name), value)]]), 0
    if fmt == "env":
        return ['%s="%s"' % (upper(name), value) if needs_quote(value) else "%s=%s" % (upper(name), value)], 0
    if fmt == "sh":
        if "'" in value:
            return ['export %s="%s"' % (upper(name), value)], 0
        return R.choice([['export %s="%s"' % (upper(name), value)],
                         ["%s='%s'" % (upper(name), value)]]), 0
    if fmt == "docker":
        return R.choice([['ENV %s="%s"' % (upper(name), value)],
                         ['ARG %s=%s' % (upper(name), value) if not needs_quote(value) else 'ARG %s="%s"' % (upper(name), value)]]), 0
    if fmt in ("yaml", "compose", "gha"):
        ind = {"yaml": "  ", "compose": "      ", "gha": "      "}[fmt]
        key = snake(name) if fmt == "yaml" else upper(name)
        v = '"%s"' % value if needs_quote(value) or R.random() < 0.4 else value
        return ["%s%s: %s" % (ind, key, v)], 0
    if fmt == "k8s":
        return ["            - name: %s" % upper(name),
                '              value: "%s"' % value], 1
    if fmt == "json":
        return ['    "%s": "%s",' % (R.choice([camel(name), snake(name)]), value)], 0
    if fmt == "toml":
        return ['%s = "%s"' % (snake(name), value)], 0
    if fmt == "ini":
        return ["%s = %s" % (snake(name), value)], 0
    if fmt == "properties":
        return ["%s=%s" % (name.lower().replace("_", "."), value)], 0
    if fmt == "xml":
        return ['    <add key="%s" value="%s" />' % (pascal(name), xml_esc(value))], 0
    if fmt == "tf":
        return ['  %s = "%s"' % (snake(name), value)], 0
    if fmt == "md":
        return R.choice([['export %s="%s"' % (upper(name), value)],
                         ['%s=%s' % (upper(name), value)]]), 0
    if fmt == "ipynb":
        line = R.choice(['%s = "%s"' % (snake(name), value),
                         'os.environ["%s"] = "%s"' % (upper(name), value)])
        return [nb_line(line)], 0
    raise ValueError(fmt)


def nb_line(code):
    return "    " + json.dumps(code + "\n") + ","


def P(kind, name, value, formats=None):
    return Item(kind, "positive", name, value, formats)


def N(kind, name, value, formats=None):
    return Item(kind, "negative", name, value, formats)


def raw(kind, label, formats, fn, value=""):
    it = Item(kind, label, None, value, formats)
    it.raw = fn
    return it


def one(line):
    return lambda fmt: ([line], 0, 0)


# ---- positives ------------------------------------------------------------

def positives(keys):
    items = []

    def add(n, f):
        for _ in range(n):
            x = f()
            if x is not None:
                items.append(x)

    # AWS: pairs in the same file are planted as two items.
    def aws_pair_ini():
        kid, sec = aws_key_id(R.choice(["AKIA", "AKIA", "ASIA"])), aws_secret()

        def fn(fmt):
            return (["[%s]" % R.choice(["default", "prod", "deploy"]),
                     "aws_access_key_id = " + kid,
                     "aws_secret_access_key = " + sec,
                     "region = eu-west-1"], 1, 2)
        return raw("aws-credentials-file", "positive", ["ini"], fn, kid + " " + sec)
    add(3, aws_pair_ini)
    add(6, lambda: P("aws-access-key-id", "aws_access_key_id", aws_key_id()))
    add(6, lambda: P("aws-secret-access-key", R.choice(["aws_secret_access_key", "aws_secret_key", "secret_access_key"]), aws_secret()))

    add(4, lambda: P("github-pat-classic", R.choice(["github_token", "gh_token", "github_pat"]), gh_token("ghp_")))
    add(2, lambda: P("github-oauth", "github_oauth_token", gh_token("gho_")))
    add(2, lambda: P("github-app-token", "github_installation_token", gh_token("ghs_")))
    add(1, lambda: P("github-refresh-token", "github_refresh_token", gh_token("ghr_")))
    add(3, lambda: P("github-pat-fine", R.choice(["github_token", "gh_pat"]), gh_pat_fine()))

    def git_credentials():
        t = gh_token("ghp_")
        return raw("github-pat-in-url", "positive", ["sh", "md"],
                   one("git remote set-url origin https://%s:%s@github.com/acme/%s.git" % (R.choice(USERS), t, R.choice(SERVICES))), t)
    add(3, git_credentials)

    add(3, lambda: P("gitlab-pat", R.choice(["gitlab_token", "gitlab_private_token", "ci_token"]), gitlab("pat")))
    add(1, lambda: P("gitlab-runner-token", "runner_token", gitlab("runner")))
    add(1, lambda: P("gitlab-trigger-token", "trigger_token", gitlab("trigger")))

    add(4, lambda: P("slack-bot-token", R.choice(["slack_bot_token", "slack_token"]), slack_bot()))
    add(2, lambda: P("slack-user-token", "slack_user_token", slack_user()))
    add(1, lambda: P("slack-app-token", "slack_app_token", slack_app()))
    add(3, lambda: P("slack-webhook", R.choice(["slack_webhook_url", "webhook_url", "alerts_webhook"]), slack_webhook()))

    def slack_curl():
        u = slack_webhook()
        return raw("slack-webhook", "positive", ["sh", "md"],
                   one("curl -X POST -H 'Content-type: application/json' --data '{\"text\":\"deploy done\"}' " + u), u)
    add(1, slack_curl)

    add(4, lambda: P("stripe-secret-key", R.choice(["stripe_secret_key", "stripe_api_key", "stripe_key"]), stripe("sk_live_")))
    add(2, lambda: P("stripe-restricted-key", "stripe_restricted_key", stripe("rk_live_")))

    add(4, lambda: P("google-api-key", R.choice(["google_api_key", "maps_api_key", "gcp_api_key", "youtube_api_key"]), google_api_key()))

    def gcp_sa():
        pem = keys.private("pkcs8")
        if pem is None:
            return None
        proj = "%s-%d" % (R.choice(SERVICES), R.randint(100000, 999999))
        doc = [
            "{",
            '  "type": "service_account",',
            '  "project_id": "%s",' % proj,
            '  "private_key_id": "%s",' % rs(HEX, 40),
            '  "private_key": %s,' % json.dumps(pem),
            '  "client_email": "ci-deployer@%s.iam.gserviceaccount.com",' % proj,
            '  "client_id": "%d",' % R.randint(10**20, 10**21 - 1),
            '  "auth_uri": "https://accounts.google.com/o/oauth2/auth",',
            '  "token_uri": "https://oauth2.googleapis.com/token",',
            '  "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",',
            '  "client_x509_cert_url": "https://www.googleapis.com/robot/v1/metadata/x509/ci-deployer%%40%s.iam.gserviceaccount.com"' % proj,
            "}",
        ]
        return raw("gcp-service-account-key", "positive", ["sa-json"], lambda fmt: (doc, 4, 4), pem[:40])
    add(3, gcp_sa)

    add(3, lambda: P("azure-storage-key", R.choice(["azure_storage_key", "storage_account_key", "account_key"]), azure_storage_key()))
    add(4, lambda: P("azure-storage-connection-string", R.choice(["azure_storage_connection_string", "storage_connection", "blob_connection_string"]), azure_conn()))
    add(3, lambda: P("azure-client-secret", R.choice(["azure_client_secret", "client_secret", "aad_client_secret"]), azure_client_secret()))

    add(4, lambda: P("sendgrid-api-key", R.choice(["sendgrid_api_key", "email_api_key", "smtp_password"]), sendgrid()))
    add(4, lambda: P("twilio-auth-token", R.choice(["twilio_auth_token", "twilio_token"]), hex_secret(32)))
    add(2, lambda: P("twilio-api-key", "twilio_api_key", twilio_api_key()))
    add(3, lambda: P("mailgun-api-key", R.choice(["mailgun_api_key", "mailgun_key"]), mailgun()))

    add(3, lambda: P("npm-token", R.choice(["npm_token", "npm_auth_token"]), npm_token()))

    def npmrc():
        t = npm_token()
        return raw("npm-token", "positive", ["npmrc"], one("//registry.npmjs.org/:_authToken=" + t), t)
    add(2, npmrc)

    add(2, lambda: P("pypi-token", R.choice(["pypi_token", "twine_password", "pypi_api_token"]), pypi_token()))

    def pypirc():
        t = pypi_token()
        return raw("pypi-token", "positive", ["pypirc"], lambda fmt: (
            ["[pypi]", "username = __token__", "password = " + t], 2, 2), t)
    add(1, pypirc)

    add(3, lambda: P("dockerhub-pat", R.choice(["docker_hub_token", "dockerhub_password", "registry_token"]), dockerhub_pat()))

    def docker_auth():
        cred = "%s:%s" % (R.choice(USERS), dockerhub_pat())
        a = base64.b64encode(cred.encode()).decode()
        return raw("docker-config-auth", "positive", ["dockercfg"], lambda fmt: (
            ['    "%s": {' % R.choice(["https://index.docker.io/v1/", "ghcr.io", "registry.gitlab.com"]),
             '      "auth": "%s"' % a, "    }"], 1, 1), a)
    add(2, docker_auth)

    add(2, lambda: P("heroku-api-key", "heroku_api_key", heroku_key()))
    add(2, lambda: P("heroku-api-key-uuid", "heroku_api_key", rand_uuid()))
    add(3, lambda: P("digitalocean-token", R.choice(["digitalocean_token", "do_token", "do_api_token"]), digitalocean("dop")))
    add(1, lambda: P("digitalocean-oauth", "do_oauth_token", digitalocean("doo")))
    add(3, lambda: P("shopify-token", R.choice(["shopify_access_token", "shopify_admin_token"]), shopify(R.choice(["shpat_", "shpca_", "shppa_"]))))
    add(1, lambda: P("shopify-shared-secret", "shopify_shared_secret", shopify("shpss_")))
    add(5, lambda: P("openai-api-key", R.choice(["openai_api_key", "openai_key", "llm_api_key"]), openai_key()))
    add(4, lambda: P("anthropic-api-key", R.choice(["anthropic_api_key", "claude_api_key"]), anthropic_key()))
    add(3, lambda: P("huggingface-token", R.choice(["hf_token", "huggingface_token", "hugging_face_hub_token"]), hf_token()))
    add(3, lambda: P("discord-bot-token", R.choice(["discord_token", "discord_bot_token", "bot_token"]), discord_bot()))
    add(3, lambda: P("telegram-bot-token", R.choice(["telegram_bot_token", "tg_token", "bot_token"]), telegram_bot()))
    add(3, lambda: P("datadog-api-key", R.choice(["dd_api_key", "datadog_api_key"]), hex_secret(32)))
    add(2, lambda: P("datadog-app-key", R.choice(["dd_app_key", "datadog_application_key"]), hex_secret(40)))
    add(2, lambda: P("newrelic-user-key", "new_relic_api_key", newrelic("user")))
    add(2, lambda: P("newrelic-license-key", R.choice(["new_relic_license_key", "newrelic_license"]), newrelic("license")))
    add(3, lambda: P("sentry-auth-token", "sentry_auth_token", R.choice([sentry_token(), hex_secret(64)])))
    add(3, lambda: P("databricks-token", R.choice(["databricks_token", "dbx_token"]), databricks()))
    add(3, lambda: P("vault-token", R.choice(["vault_token", "vault_root_token"]), vault_token()))
    add(2, lambda: P("doppler-token", "doppler_token", doppler()))
    add(2, lambda: P("linear-api-key", "linear_api_key", linear()))
    add(3, lambda: P("atlassian-api-token", R.choice(["jira_api_token", "atlassian_api_token", "confluence_token"]), atlassian()))
    add(2, lambda: P("okta-api-token", R.choice(["okta_api_token", "okta_token"]), okta()))
    add(2, lambda: P("square-access-token", "square_access_token", square("atp")))
    add(1, lambda: P("square-oauth-secret", "square_oauth_secret", square("csp")))
    add(3, lambda: P("braintree-access-token", R.choice(["braintree_access_token", "paypal_access_token"]), braintree()))
    add(2, lambda: P("paypal-client-secret", "paypal_client_secret", mixed_entropy(B64URL, 80)))
    add(3, lambda: P("mailchimp-api-key", R.choice(["mailchimp_api_key", "mc_api_key"]), mailchimp()))
    add(2, lambda: P("grafana-service-account-token", "grafana_token", grafana()))
    add(2, lambda: P("terraform-cloud-token", R.choice(["tfe_token", "tf_api_token"]), tfc_token()))
    add(2, lambda: P("postman-api-key", "postman_api_key", postman()))
    add(2, lambda: P("mapbox-secret-token", "mapbox_secret_token", mapbox_secret()))
    add(1, lambda: P("pulumi-token", "pulumi_access_token", pulumi()))
    add(2, lambda: P("cloudflare-api-token", "cloudflare_api_token", mixed_entropy(B64URL, 40)))
    add(2, lambda: P("alibaba-access-key", "alibaba_access_key_id", "LTAI" + mixed_entropy(ALNUM, 20)))

    add(5, lambda: P("jwt", R.choice(["access_token", "service_token", "auth_token", "jwt_token"]), jwt()))

    def bearer_py():
        t = R.choice([mixed_entropy(ALNUM, 40), jwt(), openai_key()])
        return raw("authorization-bearer", "positive", ["py", "js", "ts", "sh", "md"], lambda fmt: {
            "py": (['headers = {"Authorization": "Bearer %s"}' % t], 0, 0),
            "js": (["  headers: { Authorization: 'Bearer %s' }," % t], 0, 0),
            "ts": (["  headers: { Authorization: 'Bearer %s' }," % t], 0, 0),
            "sh": (['curl -sS -H "Authorization: Bearer %s" https://api.%s.internal/v1/jobs' % (t, R.choice(SERVICES))], 0, 0),
            "md": (['curl -H "Authorization: Bearer %s" https://api.example.net/v2/items' % t], 0, 0),
        }[fmt], t)
    add(5, bearer_py)

    def basic_auth():
        c = base64.b64encode(("%s:%s" % (R.choice(USERS), human_password())).encode()).decode()
        return raw("authorization-basic", "positive", ["py", "sh", "md", "yaml", "http"], lambda fmt: {
            "py": (['    "Authorization": "Basic %s",' % c], 0, 0),
            "sh": (["curl -H 'Authorization: Basic %s' https://jenkins.corp.local/api/json" % c], 0, 0),
            "md": (["Authorization: Basic %s" % c], 0, 0),
            "yaml": (['    Authorization: "Basic %s"' % c], 0, 0),
            "http": (["Authorization: Basic %s" % c], 0, 0),
        }[fmt], c)
    add(5, basic_auth)

    def curl_user():
        p = human_password()
        return raw("curl-user-password", "positive", ["sh", "md"],
                   one("curl -u %s:'%s' https://nexus.corp.local/service/rest/v1/repositories" % (R.choice(USERS), p)), p)
    add(2, curl_user)

    def cli_password():
        p = human_password() if R.random() < 0.6 else mixed_entropy(ALNUM, 18)
        line = R.choice([
            "mysql -h %s -u root -p'%s' %s < dump.sql" % (R.choice(HOSTS), p, R.choice(DBS)),
            "sshpass -p '%s' ssh -o StrictHostKeyChecking=no deploy@10.0.3.17" % p,
            "docker login -u acmebot -p '%s' registry.gitlab.com" % p,
            "./manage.py createsuperuser --noinput --username admin --password='%s'" % p,
        ])
        return raw("cli-password-flag", "positive", ["sh", "md"], one(line), p)
    add(4, cli_password)

    def maven():
        p = R.choice([human_password(), mixed_entropy(ALNUM, 20)])
        return raw("maven-settings-password", "positive", ["maven"], lambda fmt: (
            ["    <server>", "      <id>%s</id>" % R.choice(["nexus-releases", "artifactory", "github"]),
             "      <username>%s</username>" % R.choice(USERS), "      <password>%s</password>" % xml_esc(p), "    </server>"], 3, 3), p)
    add(2, maven)

    # Passwords in URLs and connection strings.
    def url(kind, scheme, port, path_fn):
        def f():
            p = url_password()
            u = "%s://%s:%s@%s:%d/%s" % (scheme, R.choice(USERS), p, R.choice(HOSTS), port, path_fn())
            return P(kind, R.choice(["database_url", "db_url", "dsn", "connection_string", "sqlalchemy_database_uri"]), u)
        return f
    add(5, url("postgres-url", "postgres", 5432, lambda: R.choice(DBS)))
    add(3, url("postgresql-url", "postgresql", 5432, lambda: R.choice(DBS) + "?sslmode=require"))
    add(4, url("mysql-url", "mysql", 3306, lambda: R.choice(DBS)))

    def mongo():
        p = url_password()
        u = "mongodb+srv://%s:%s@cluster0.%s.mongodb.net/%s?retryWrites=true&w=majority" % (R.choice(USERS), p, rs(LOWER_NUM, 5), R.choice(DBS))
        return P("mongodb-url", R.choice(["mongo_uri", "mongodb_url", "mongo_url"]), u)
    add(4, mongo)

    def redis():
        p = url_password()
        u = R.choice(["redis://:%s@redis-master:6379/0", "rediss://default:%s@cache.prod.internal:6380/1"]) % p
        return P("redis-url", R.choice(["redis_url", "cache_url", "celery_broker_url"]), u)
    add(4, redis)

    def amqp():
        p = url_password()
        u = "amqp://%s:%s@rabbitmq.%s.svc:5672/%s" % (R.choice(USERS), p, R.choice(SERVICES), R.choice(["%2F", "prod", "jobs"]))
        return P("amqp-url", R.choice(["amqp_url", "broker_url", "rabbitmq_url"]), u)
    add(3, amqp)

    def jdbc():
        p = conn_password()
        u = R.choice([
            "jdbc:postgresql://%s:5432/%s?user=%s&password=%s" % (R.choice(HOSTS), R.choice(DBS), R.choice(USERS), p),
            "jdbc:sqlserver://%s:1433;databaseName=%s;user=%s;password=%s;encrypt=true" % (R.choice(HOSTS), R.choice(DBS), R.choice(USERS), p),
            "jdbc:mysql://%s:3306/%s?user=%s&password=%s&useSSL=true" % (R.choice(HOSTS), R.choice(DBS), R.choice(USERS), p),
        ])
        return P("jdbc-password", R.choice(["jdbc_url", "datasource_url", "db_connection"]), u, ["java", "properties", "xml", "yaml", "env", "k8s"])
    add(4, jdbc)

    def adonet():
        p = conn_password()
        u = R.choice([
            "Server=tcp:%s.database.windows.net,1433;Initial Catalog=%s;User ID=%s;Password=%s;Encrypt=True;" % (rs(LOWER_NUM, 8), R.choice(DBS), R.choice(USERS), p),
            "Data Source=%s;Initial Catalog=%s;User Id=%s;Password=%s;MultipleActiveResultSets=true" % (R.choice(HOSTS), R.choice(DBS), R.choice(USERS), p),
            "Host=%s;Port=5432;Database=%s;Username=%s;Password=%s" % (R.choice(HOSTS), R.choice(DBS), R.choice(USERS), p),
        ])
        return P("adonet-password", R.choice(["connection_string", "default_connection", "sql_connection"]), u, ["cs", "json", "xml", "env", "yaml"])
    add(5, adonet)

    def sql():
        p = human_password() if R.random() < 0.6 else mixed_entropy(ALNUM, 20)
        u = R.choice(USERS)
        stmt = R.choice([
            "CREATE USER %s WITH PASSWORD '%s';" % (u, p),
            "CREATE USER '%s'@'%%' IDENTIFIED BY '%s';" % (u, p),
            "ALTER USER %s IDENTIFIED BY \"%s\";" % (u, p),
            "ALTER ROLE %s WITH LOGIN PASSWORD '%s';" % (u, p),
            "CREATE LOGIN %s WITH PASSWORD = '%s';" % (u, p),
        ])
        return raw("sql-password", "positive", ["sql", "sh"], lambda fmt: {
            "sql": ([stmt], 0, 0),
            "sh": (['psql "$ADMIN_URL" -c "%s"' % stmt.replace('"', "'")], 0, 0),
        }[fmt], p)
    add(8, sql)

    # Generic assignments.
    add(15, lambda: P("generic-api-key", R.choice(["api_key", "apikey", "api_secret", "client_secret", "app_secret",
                                                   "secret_key", "signing_secret", "webhook_secret", "encryption_key",
                                                   "auth_token", "private_token", "access_key"]), generic_secret()))
    add(17, lambda: P("generic-password", R.choice(["password", "db_password", "database_password", "admin_password",
                                                    "smtp_password", "redis_password", "postgres_password",
                                                    "mysql_root_password", "ldap_bind_password", "keystore_password", "pwd", "passwd", "db_pass"]),
                      human_password()))
    add(2, lambda: P("age-secret-key", "sops_age_key", bech32("age-secret-key-", rbytes(32)).upper()))

    def smtp():
        p = url_password()
        return P("smtp-url", R.choice(["email_url", "smtp_url", "mailer_dsn"]),
                 "smtp://%s:%s@smtp.%s:587" % (R.choice(["postmaster", "noreply", "alerts"]), p, R.choice(["mailgun.org", "sendgrid.net", "office365.com", "corp.local"])))
    add(3, smtp)
    add(4, lambda: P("django-secret-key", "secret_key", "django-insecure-" + rs(LOWER_NUM + "!@#%^&*(-_=+)", 50), ["py"]))

    def k8s_secret_b64():
        v = base64.b64encode(human_password().encode()).decode()
        return raw("k8s-secret-data", "positive", ["k8s-secret"], one("  %s: %s" % (R.choice(["password", "db-password", "api-key"]), v)), v)
    add(3, k8s_secret_b64)

    # Private keys: whole files and embedded multi-line forms.
    def key_file(kind, sub):
        def f():
            pem = keys.private(sub)
            if pem is None:
                return None
            lines = pem.rstrip("\n").split("\n")
            return raw(kind, "positive", ["keyfile"], lambda fmt: (lines, 0, len(lines) - 1), lines[1][:8])
        return f
    add(3, key_file("private-key-rsa", "rsa-pkcs1"))
    add(3, key_file("private-key-ec", "ec"))
    add(3, key_file("private-key-openssh", "openssh"))
    add(3, key_file("private-key-pkcs8", "pkcs8"))

    def key_embedded():
        pem = keys.private(R.choice(["rsa-pkcs1", "pkcs8", "ec", "openssh"]))
        if pem is None:
            return None
        lines = pem.rstrip("\n").split("\n")

        def fn(fmt):
            if fmt == "yaml":
                out = ["  %s: |" % R.choice(["private_key", "tls_key", "signing_key", "ssh_key"])] + ["    " + l for l in lines]
                return out, 0, len(out) - 1
            if fmt == "k8s-secret":
                out = ["  tls.key: |"] + ["    " + l for l in lines]
                return out, 0, len(out) - 1
            if fmt == "py":
                out = ['%s = """%s' % (R.choice(["PRIVATE_KEY", "SIGNING_KEY", "JWT_PRIVATE_KEY"]), lines[0])] + lines[1:-1] + [lines[-1] + '"""']
                return out, 0, len(out) - 1
            if fmt == "tf":
                out = ["  private_key = <<-EOT"] + ["    " + l for l in lines] + ["  EOT"]
                return out, 0, len(out) - 1
            if fmt == "json":
                return ['    "privateKey": %s,' % json.dumps(pem)], 0, 0
            if fmt == "env":
                return ['%s="%s"' % (R.choice(["JWT_PRIVATE_KEY", "SSH_PRIVATE_KEY"]), pem.rstrip("\n").replace("\n", "\\n"))], 0, 0
            raise ValueError(fmt)
        return raw("private-key-embedded", "positive", ["yaml", "k8s-secret", "py", "tf", "json", "env"], fn, lines[1][:8])
    add(8, key_embedded)
    return items


# ---- negatives ------------------------------------------------------------

def negatives(keys):
    items = []

    def add(n, f):
        for _ in range(n):
            x = f()
            if x is not None:
                items.append(x)

    secret_names = ["api_key", "secret_key", "db_password", "password", "auth_token", "client_secret",
                    "stripe_secret_key", "github_token", "aws_secret_access_key", "openai_api_key",
                    "slack_bot_token", "sendgrid_api_key", "access_token", "private_token"]

    placeholders = ["xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "XXXXXXXXXXXXXXXXXXXX", "<your-api-key>", "<YOUR_TOKEN>",
                    "your-token-here", "your_api_key_here", "changeme", "CHANGE_ME", "REPLACE_ME", "TODO",
                    "********", "<redacted>", "dummy", "example", "secret", "password", "null", "none",
                    "insert-key-here", "sk_live_xxxxxxxxxxxxxxxxxxxxxxxx", "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
                    "AKIAXXXXXXXXXXXXXXXX", "xoxb-your-bot-token", "<password>", "[REDACTED]", "...",
                    "sk-...", "SG.xxxxx.yyyyy", "hf_xxx", "0000000000000000", "test"]
    add(34, lambda: N("placeholder", R.choice(secret_names), R.choice(placeholders)))

    templates = ["${DB_PASSWORD}", "${API_KEY}", "${{ secrets.DEPLOY_TOKEN }}", "{{ .Values.db.password }}",
                 "{{ secret }}", "{{ vault_db_password }}", "%(DB_PASSWORD)s", "${env:STRIPE_KEY}",
                 "$(cat /run/secrets/db_password)", "#{ENV['API_TOKEN']}", "${SECRET_KEY:?must be set}",
                 "{{ lookup('env', 'API_KEY') }}", "$API_TOKEN", "${var.db_password}", "%{GITHUB_TOKEN}"]
    add(22, lambda: N("template-reference", R.choice(secret_names), R.choice(templates),
                      ["env", "yaml", "compose", "gha", "sh", "docker", "toml", "ini", "properties", "k8s", "json", "md"]))

    def env_lookup():
        n = upper(R.choice(secret_names))
        return raw("env-lookup", "negative", CODE_FORMATS, lambda fmt: {
            "py": (['%s = os.environ["%s"]' % (n, n)], 0, 0),
            "js": (["const %s = process.env.%s;" % (camel(n), n)], 0, 0),
            "ts": (["const %s = process.env.%s ?? '';" % (camel(n), n)], 0, 0),
            "go": (['\t%s := os.Getenv("%s")' % (camel(n), n)], 0, 0),
            "java": (['    private final String %s = System.getenv("%s");' % (camel(n), n)], 0, 0),
            "cs": (['        var %s = Environment.GetEnvironmentVariable("%s");' % (camel(n), n)], 0, 0),
            "rb": (["  config.%s = ENV.fetch('%s')" % (n.lower(), n)], 0, 0),
            "php": (["    '%s' => env('%s')," % (n.lower(), n)], 0, 0),
        }[fmt], n)
    add(14, env_lookup)

    refs = ["vault:secret/data/prod/db#password", "arn:aws:secretsmanager:eu-west-1:%d:secret:prod/db-%s" % (R.randint(10**11, 10**12 - 1), rs(ALNUM, 6)),
            "projects/%s/secrets/api-key/versions/latest" % R.choice(SERVICES), "ref+vault://secret/app#/token",
            "op://Engineering/Stripe/credential", "azurekeyvault://kv-prod/secrets/DbPassword",
            "ssm:/prod/%s/db_password" % R.choice(SERVICES), "@Microsoft.KeyVault(SecretUri=https://kv-prod.vault.azure.net/secrets/DbPassword/)"]
    add(10, lambda: N("secret-manager-reference", R.choice(secret_names), R.choice(refs), CONFIG_FORMATS + ["tf"]))

    def secret_key_ref():
        n = upper(R.choice(secret_names))
        return raw("k8s-secretkeyref", "negative", ["k8s"], lambda fmt: (
            ["            - name: %s" % n, "              valueFrom:", "                secretKeyRef:",
             "                  name: %s-secrets" % R.choice(SERVICES), "                  key: %s" % n.lower().replace("_", "-")], 0, 4), n)
    add(6, secret_key_ref)

    def tf_refs():
        v = R.choice(["var.db_password", "random_password.db.result", "data.aws_secretsmanager_secret_version.db.secret_string",
                      "sensitive(var.api_token)", "data.vault_generic_secret.app.data[\"token\"]"])
        return raw("terraform-reference", "negative", ["tf"], one("  %s = %s" % (R.choice(["password", "master_password", "token", "secret"]), v)), v)
    add(6, tf_refs)

    def sops():
        v = "ENC[AES256_GCM,data:%s,iv:%s,tag:%s,type:str]" % (base64.b64encode(rbytes(18)).decode(), base64.b64encode(rbytes(32)).decode(), base64.b64encode(rbytes(16)).decode())
        return N("sops-encrypted", R.choice(secret_names), v, ["yaml", "json", "env"])
    add(3, sops)

    add(6, lambda: N("aws-doc-example-key", "aws_access_key_id", R.choice(["AKIAIOSFODNN7EXAMPLE", "AKIA" + rs(B32, 9) + "EXAMPLE"])))
    add(4, lambda: N("aws-doc-example-secret", "aws_secret_access_key", R.choice(["wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", rs(B64, 30) + "EXAMPLEKEY"])))
    add(6, lambda: N("stripe-publishable-key", R.choice(["stripe_publishable_key", "stripe_public_key", "publishable_key"]), R.choice(["pk_live_", "pk_test_"]) + mixed_entropy(ALNUM, R.choice([24, 99]))))
    add(5, lambda: N("twilio-account-sid", R.choice(["twilio_account_sid", "account_sid"]), "AC" + rs(HEX, 32)))
    add(10, lambda: N("uuid", R.choice(["tenant_id", "client_id", "subscription_id", "workspace_id", "correlation_id", "installation_id", "app_id"]), rand_uuid()))
    add(6, lambda: N("git-sha", R.choice(["commit", "git_sha", "revision", "base_ref", "source_version"]), fake_sha1()))
    add(4, lambda: N("checksum-hex", R.choice(["sha256", "checksum", "expected_sha256", "digest", "content_hash"]), fake_sha256()))
    add(6, lambda: N("trace-id", R.choice(["request_id", "trace_id", "span_id", "x_request_id", "idempotency_key", "etag"]),
                     R.choice([rs(HEX, 32), rs(HEX, 16), "req_" + rs(ALNUM, 24), rand_uuid().replace("-", "")])))
    add(4, lambda: N("google-oauth-client-id", "google_client_id", "%d-%s.apps.googleusercontent.com" % (R.randint(10**11, 10**12 - 1), rs(LOWER_NUM, 32))))
    add(3, lambda: N("mapbox-public-token", "mapbox_access_token", "pk." + b64u(json.dumps({"u": rs(LOWER_NUM, 8), "a": rs(LOWER_NUM, 25)}, separators=(",", ":")).encode()) + "." + mixed_entropy(B64URL, 22)))
    add(4, lambda: N("bcrypt-hash", R.choice(["password_hash", "hashed_password", "password_digest"]), R.choice([bcrypt_hash(), bcrypt_hash(), argon2_hash()])))
    add(4, lambda: N("aws-arn-or-account", R.choice(["role_arn", "kms_key_arn", "aws_account_id"]),
                     R.choice(["arn:aws:iam::%d:role/%s-deployer" % (R.randint(10**11, 10**12 - 1), R.choice(SERVICES)),
                               "arn:aws:kms:us-east-1:%d:key/%s" % (R.randint(10**11, 10**12 - 1), rand_uuid()),
                               str(R.randint(10**11, 10**12 - 1))])))
    add(4, lambda: N("bad-checksum-token", R.choice(["github_token", "gh_token"]),
                     R.choice(["ghp_", "gho_"]) + rs(B62, 30) + "000000"))
    add(2, lambda: N("bad-checksum-token", "npm_token", "npm_" + rs(B62, 30) + "000000"))
    add(3, lambda: N("truncated-example", R.choice(["access_token", "jwt", "github_token"]),
                     R.choice(["eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9...", "ghp_abc123...", "sk-proj-...", "xoxb-1234-..."])))
    add(4, lambda: N("config-number-or-flag", R.choice(["password_min_length", "token_ttl_seconds", "secret_rotation_days", "api_key_header", "token_type"]),
                     R.choice(["12", "3600", "90", "X-Api-Key", "Bearer", "true"])))
    def ansible_vault():
        body = rs(HEX, 64 * 5)
        n = R.choice(["db_password", "api_token", "smtp_password"])
        return raw("ansible-vault-encrypted", "negative", ["yaml"], lambda fmt: (
            ["  %s: !vault |" % n, "    $ANSIBLE_VAULT;1.1;AES256"] + ["    " + body[i:i + 64] for i in range(0, len(body), 64)], 0, 6), n)
    add(3, ansible_vault)
    idents = [("secret_name", "prod-db-credentials"), ("token_url", "https://oauth2.googleapis.com/token"),
              ("password_reset_path", "/account/password/reset"), ("api_key_header", "X-API-Key"),
              ("secret_mount_path", "/var/run/secrets/app"), ("token_endpoint", "https://login.microsoftonline.com/common/oauth2/v2.0/token"),
              ("password_policy", "min12-upper-lower-digit"), ("secret_store", "aws-secrets-manager")]
    add(8, lambda: N("secret-named-identifier", *R.choice(idents)))
    add(2, lambda: N("gpg-fingerprint", "signing_key_fingerprint", rs(HEX.upper(), 40)))
    add(4, lambda: N("empty-value", R.choice(secret_names), "", ["env", "ini", "properties", "yaml", "toml"]))

    def url_no_secret():
        u = R.choice(["postgres://%s@localhost:5432/%s" % (R.choice(USERS), R.choice(DBS)),
                      "postgres://postgres:${POSTGRES_PASSWORD}@db:5432/%s" % R.choice(DBS),
                      "mysql://%s:<password>@%s:3306/%s" % (R.choice(USERS), R.choice(HOSTS), R.choice(DBS)),
                      "mongodb://localhost:27017/%s" % R.choice(DBS),
                      "redis://redis:6379/0",
                      "amqp://guest:guest@localhost:5672/",
                      "postgresql://user:password@localhost/dbname",
                      "mongodb+srv://<username>:<password>@cluster0.mongodb.net/test",
                      "https://%s.example.com/api/v1?page=2&per_page=50" % R.choice(SERVICES),
                      "Server=(localdb)\\\\mssqllocaldb;Database=%s;Trusted_Connection=True;" % R.choice(DBS),
                      "Host=localhost;Database=%s;Username=postgres;Password=${PGPASSWORD}" % R.choice(DBS),
                      "jdbc:postgresql://localhost:5432/%s" % R.choice(DBS)])
        return N("connection-string-no-secret", R.choice(["database_url", "connection_string", "broker_url", "service_url"]), u,
                 ["env", "yaml", "json", "toml", "ini", "properties", "compose", "py", "js"])
    add(12, url_no_secret)

    def bearer_var():
        return raw("authorization-variable", "negative", ["py", "js", "sh", "md"], lambda fmt: {
            "py": (['headers = {"Authorization": f"Bearer {token}"}'], 0, 0),
            "js": (["  headers: { Authorization: `Bearer ${process.env.API_TOKEN}` },"], 0, 0),
            "sh": (['curl -H "Authorization: Bearer $GITHUB_TOKEN" https://api.github.com/user'], 0, 0),
            "md": (['curl -H "Authorization: Bearer <token>" https://api.example.net/v2/items'], 0, 0),
        }[fmt])
    add(6, bearer_var)

    def sql_placeholder():
        return raw("sql-placeholder", "negative", ["sql", "md"], lambda fmt: {
            "sql": ([R.choice(["CREATE USER %s WITH PASSWORD :'app_password';" % R.choice(USERS),
                               "ALTER USER %s IDENTIFIED BY '<new_password>';" % R.choice(USERS),
                               "CREATE USER %s WITH PASSWORD '${DB_PASSWORD}';" % R.choice(USERS)])], 0, 0),
            "md": (["CREATE USER %s WITH PASSWORD 'your-password-here';" % R.choice(USERS)], 0, 0),
        }[fmt])
    add(4, sql_placeholder)

    def bcrypt_seed():
        return raw("bcrypt-hash", "negative", ["sql"], one(
            "INSERT INTO users (email, password_hash) VALUES ('%s@example.com', '%s');" % (R.choice(USERS), bcrypt_hash())))
    add(3, bcrypt_seed)

    # Field names and UI labels.
    def field():
        return raw("password-field-no-value", "negative", CODE_FORMATS + ["json"], lambda fmt: {
            "py": ([R.choice(["    password = forms.CharField(widget=forms.PasswordInput)",
                              "def login(username: str, password: str) -> Session:",
                              "    password = getpass.getpass(\"Password: \")",
                              "    api_key = request.headers.get(\"X-Api-Key\")"])], 0, 0),
            "js": (["  password: { type: String, required: true, select: false },"], 0, 0),
            "ts": (["  password?: string;"], 0, 0),
            "go": (['\tPassword string `json:"password" yaml:"password"`'], 0, 0),
            "java": (["    private char[] password;"], 0, 0),
            "cs": (["        public string Password { get; set; }"], 0, 0),
            "rb": (["  validates :password, length: { minimum: 12 }"], 0, 0),
            "php": (["        'password' => 'required|string|min:12|confirmed',"], 0, 0),
            "json": (['    "password": { "type": "string", "minLength": 12, "writeOnly": true },'], 0, 0),
        }[fmt])
    add(14, field)

    labels = [("password", "Password"), ("password_label", "Enter your password"), ("forgot_password", "Forgot your password?"),
              ("api_key_hint", "Paste your API key here"), ("token_expired", "Your session token has expired"),
              ("password_mismatch", "Passwords do not match"), ("secret_title", "Client secret"),
              ("password", "Mot de passe"), ("password", "Passwort"), ("new_password", "Nouveau mot de passe")]
    add(12, lambda: N("i18n-label", *R.choice(labels), formats=["i18n-yaml", "i18n-json"]))

    def test_fixture():
        v = R.choice(["test", "test-password", "testpass123", "secret", "dummy-token", "fake-api-key", "pa55word", "hunter2", "foo", "s3cr3t"])
        n = R.choice(["password", "api_key", "token", "secret"])
        return raw("test-fixture-dummy", "negative", ["pytest", "jest"], lambda fmt: {
            "pytest": (['    user = make_user(email="alice@example.com", %s="%s")' % (n, v)], 0, 0),
            "jest": (["    const res = await login({ username: 'alice', %s: '%s' });" % (n, v)], 0, 0),
        }[fmt], v)
    add(8, test_fixture)

    def commented_instruction():
        n = upper(R.choice(secret_names))
        return raw("doc-instruction", "negative", ["sh", "md", "env", "yaml", "py"], lambda fmt: {
            "sh": (["# export %s=<token>   (ask #platform for one)" % n], 0, 0),
            "md": (["Set `%s` to the value from the team vault; never commit it." % n], 0, 0),
            "env": (["# %s=   # fill in locally" % n], 0, 0),
            "yaml": (["  # %s: set via CI secret" % n.lower()], 0, 0),
            "py": (["# %s must come from the environment, see docs/secrets.md" % n], 0, 0),
        }[fmt], n)
    add(6, commented_instruction)

    def generated_at_runtime():
        return raw("runtime-generated", "negative", ["py", "js", "go", "rb"], lambda fmt: {
            "py": ([R.choice(["SECRET_KEY = secrets.token_urlsafe(50)", "api_token = base64.b64encode(os.urandom(32)).decode()",
                              "password = generate_password(length=24)"])], 0, 0),
            "js": (["const secret = crypto.randomBytes(32).toString('hex');"], 0, 0),
            "go": (["\ttoken := hex.EncodeToString(randomBytes(32))"], 0, 0),
            "rb": (["  self.api_token = SecureRandom.hex(20)"], 0, 0),
        }[fmt])
    add(6, generated_at_runtime)

    # Lock files, digests, public material: whole-file negatives below.
    def docker_digest():
        d = fake_sha256()
        return raw("docker-image-digest", "negative", ["docker", "k8s-image", "compose-image"], lambda fmt: {
            "docker": (["FROM %s@sha256:%s AS build" % (R.choice(["python:3.12-slim", "node:20-alpine", "golang:1.22"]), d)], 0, 0),
            "k8s-image": (["          image: ghcr.io/acme/%s@sha256:%s" % (R.choice(SERVICES), d)], 0, 0),
            "compose-image": (["  %s:" % R.choice(["db", "cache", "queue", "proxy", "worker"]),
                               "    image: %s@sha256:%s" % (R.choice(["postgres:16", "redis:7", "rabbitmq:3-management", "nginx:1.27"]), d)], 1, 1),
        }[fmt], d)
    add(6, docker_digest)

    def action_pin():
        s = fake_sha1()
        return raw("git-sha", "negative", ["gha-step"], one("      - uses: %s@%s # v4" % (R.choice(["actions/checkout", "actions/setup-node", "docker/login-action"]), s)), s)
    add(4, action_pin)

    def gha_secret_ref():
        n = upper(R.choice(secret_names))
        return raw("template-reference", "negative", ["gha"], one("      %s: ${{ secrets.%s }}" % (n, n)), n)
    add(4, gha_secret_ref)

    def pub_key_line():
        k = ssh_ed25519_pub() + " %s@laptop" % R.choice(USERS)
        return raw("ssh-public-key", "negative", ["authorized_keys", "yaml", "tf"], lambda fmt: {
            "authorized_keys": ([k], 0, 0),
            "yaml": (['    - "%s"' % k], 0, 0),
            "tf": (['  public_key = "%s"' % k], 0, 0),
        }[fmt], k[:20])
    add(5, pub_key_line)

    def pem_public(kind, fn_name):
        def f():
            pem = getattr(keys, fn_name)()
            if pem is None:
                return None
            lines = pem.rstrip("\n").split("\n")
            return raw(kind, "negative", ["pubfile"], lambda fmt: (lines, 0, len(lines) - 1), lines[1][:8])
        return f
    add(3, pem_public("public-key-pem", "public_pem"))
    add(3, pem_public("certificate", "certificate"))

    def data_uri():
        return raw("base64-image", "negative", ["css", "html"], lambda fmt: {
            "css": ([R.choice([".logo { background-image: url(data:image/png;base64,%s); }" % png_b64(),
                               "@font-face { font-family: 'Inter'; src: url(data:font/woff2;base64,%s) format('woff2'); }" % woff_b64()])], 0, 0),
            "html": (['    <img alt="logo" src="data:image/png;base64,%s">' % png_b64()], 0, 0),
        }[fmt])
    add(6, data_uri)

    def sri_tag():
        return raw("sri-integrity", "negative", ["html"], one(
            '    <script src="https://cdn.jsdelivr.net/npm/%s/dist/app.min.js" integrity="%s" crossorigin="anonymous"></script>' % (R.choice(["htmx.org@1.9.12", "alpinejs@3.14.1"]), sri("sha384", 48))))
    add(3, sri_tag)

    def css_color():
        return raw("css-color", "negative", ["css"], one("  --%s: #%s;" % (R.choice(["color-primary", "accent", "secret-badge-bg", "token-highlight"]), rs(HEX, 6))))
    add(4, css_color)

    return items


# --------------------------------------------------------------------------
# files

FILLER = {
    "py": ["import os", "import logging", "from pathlib import Path", "",
           "logger = logging.getLogger(__name__)", "BASE_DIR = Path(__file__).resolve().parent.parent",
           "DEBUG = os.environ.get(\"DEBUG\", \"0\") == \"1\"", "ALLOWED_HOSTS = [\"*\"]", "TIME_ZONE = \"UTC\"",
           "def get_client(timeout=30):", "    return Client(base_url=BASE_URL, timeout=timeout)", "",
           "CACHE_TTL = 300", "MAX_RETRIES = 5"],
    "js": ["'use strict';", "const express = require('express');", "const app = express();",
           "app.use(express.json());", "const PORT = process.env.PORT || 3000;", "module.exports = { app };",
           "function retry(fn, n = 3) {", "  return fn().catch((e) => (n ? retry(fn, n - 1) : Promise.reject(e)));", "}", ""],
    "ts": ["import axios from 'axios';", "import { Logger } from './logger';", "",
           "export interface ClientOptions {", "  baseUrl: string;", "  timeoutMs?: number;", "}",
           "const log = new Logger('client');", "export const DEFAULT_TIMEOUT = 10_000;", ""],
    "go": ["package config", "", "import (", "\t\"os\"", "\t\"time\"", ")", "",
           "const defaultTimeout = 30 * time.Second", "var region = os.Getenv(\"AWS_REGION\")",
           "func Load() (*Config, error) {", "\treturn &Config{Timeout: defaultTimeout}, nil", "}", ""],
    "java": ["package com.acme.orders.config;", "", "import java.util.Properties;", "import org.slf4j.Logger;",
             "public final class AppConfig {", "    private static final int POOL_SIZE = 16;",
             "    private AppConfig() {}", "    // loaded once at startup", ""],
    "cs": ["using System;", "using Microsoft.Extensions.Configuration;", "", "namespace Acme.Orders",
           "{", "    public static class Settings", "    {", "        public const int Retries = 3;", ""],
    "rb": ["require 'json'", "", "Rails.application.configure do", "  config.cache_classes = true",
           "  config.log_level = :info", "  config.force_ssl = true", ""],
    "php": ["<?php", "", "return [", "    'name' => env('APP_NAME', 'Orders'),", "    'debug' => false,",
            "    'timezone' => 'UTC',", ""],
    "env": ["# local development settings", "APP_ENV=production", "LOG_LEVEL=info", "PORT=8080",
            "FEATURE_NEW_CHECKOUT=true", "AWS_REGION=eu-west-1", ""],
    "sh": ["#!/usr/bin/env bash", "set -euo pipefail", "", "cd \"$(dirname \"$0\")/..\"",
           "echo \"deploying ${SERVICE:-orders} to ${ENVIRONMENT:-staging}\"", "docker compose pull",
           "./scripts/migrate.sh --env \"$ENVIRONMENT\"", ""],
    "docker": ["FROM python:3.12-slim", "WORKDIR /app", "COPY requirements.txt .",
               "RUN pip install --no-cache-dir -r requirements.txt", "COPY . .", "EXPOSE 8000",
               "USER 10001", "CMD [\"gunicorn\", \"app.wsgi\", \"-b\", \"0.0.0.0:8000\"]"],
    "yaml": ["app:", "  name: orders", "  port: 8080", "  log_level: info", "  workers: 4", "  region: eu-west-1"],
    "json": ["{", "    \"name\": \"orders\",", "    \"logLevel\": \"info\",", "    \"retries\": 3,"],
    "toml": ["[tool.app]", "name = \"orders\"", "log_level = \"info\"", "workers = 4", ""],
    "ini": ["[server]", "host = 0.0.0.0", "port = 8080", "", "[service]", "timeout = 30"],
    "properties": ["spring.application.name=orders", "server.port=8080", "logging.level.root=INFO",
                   "spring.jpa.hibernate.ddl-auto=validate"],
    "xml": ["<?xml version=\"1.0\" encoding=\"utf-8\"?>", "<configuration>", "  <appSettings>",
            "    <add key=\"Environment\" value=\"Production\" />"],
    "tf": ["terraform {", "  required_version = \">= 1.5\"", "}", "", "provider \"aws\" {", "  region = \"eu-west-1\"", "}", "",
           "resource \"aws_db_instance\" \"main\" {", "  engine         = \"postgres\"", "  instance_class = \"db.t3.medium\""],
    "md": ["# Setup", "", "Clone the repository and install the dependencies:", "", "```sh", "make setup"],
    "sql": ["-- migration 0042: service accounts", "BEGIN;", "CREATE SCHEMA IF NOT EXISTS app;",
            "GRANT USAGE ON SCHEMA app TO reporting;"],
    "css": [":root {", "  --radius: 4px;", "  --font-body: 'Inter', sans-serif;"],
    "html": ["<!doctype html>", "<html lang=\"en\">", "<head>", "    <meta charset=\"utf-8\">", "    <title>Dashboard</title>"],
}

FILE_NAMES = {
    "py": ["settings.py", "config.py", "app/settings/production.py", "scripts/sync_{s}.py", "src/{s}/client.py", "local_settings.py"],
    "js": ["config/default.js", "src/{s}/client.js", "server.js", "lib/{s}.js"],
    "ts": ["src/config.ts", "src/services/{s}.ts", "src/lib/{s}-client.ts"],
    "go": ["internal/config/config.go", "cmd/{s}/main.go", "pkg/{s}/client.go"],
    "java": ["src/main/java/com/acme/{s}/AppConfig.java", "src/main/java/com/acme/{s}/Credentials.java"],
    "cs": ["src/Acme.{S}/Settings.cs", "src/Acme.{S}/Startup.cs"],
    "rb": ["config/environments/production.rb", "config/initializers/{s}.rb"],
    "php": ["config/services.php", "config/{s}.php"],
    "env": [".env", ".env.production", ".env.local", "services/{s}/.env", "deploy/{s}.env"],
    "sh": ["scripts/deploy.sh", "scripts/{s}-bootstrap.sh", "bin/release", "ops/rotate_{s}.sh"],
    "docker": ["Dockerfile", "services/{s}/Dockerfile", "docker/{s}.Dockerfile"],
    "yaml": ["config/application.yml", "config/{s}.yaml", "ansible/group_vars/prod.yml", "helm/{s}/values.yaml"],
    "json": ["config/production.json", "appsettings.json", "appsettings.Production.json", "config/{s}.json"],
    "toml": ["config.toml", "deploy/{s}.toml", ".streamlit/secrets.toml"],
    "ini": ["setup.cfg", "config/{s}.ini", "alembic.ini", "conf/app.cfg"],
    "properties": ["src/main/resources/application.properties", "src/main/resources/application-prod.properties", "gradle.properties"],
    "xml": ["Web.config", "src/{S}/App.config", "conf/{s}-settings.xml"],
    "tf": ["infra/main.tf", "infra/{s}.tf", "terraform/modules/{s}/main.tf", "infra/variables.auto.tfvars"],
    "k8s": ["deploy/k8s/{s}-deployment.yaml", "k8s/base/{s}.yaml", "manifests/{s}-worker.yaml"],
    "gha": [".github/workflows/deploy.yml", ".github/workflows/{s}-ci.yml", ".github/workflows/release.yml"],
    "compose": ["docker-compose.yml", "docker-compose.prod.yml", "deploy/{s}/compose.yaml"],
    "md": ["README.md", "docs/setup.md", "docs/{s}.md", "CONTRIBUTING.md", "docs/runbooks/{s}.md"],
    "ipynb": ["notebooks/exploration.ipynb", "notebooks/{s}-analysis.ipynb"],
    "sql": ["db/migrations/0042_service_accounts.sql", "db/init/{s}.sql", "sql/seed.sql"],
    "css": ["static/css/app.css", "assets/{s}.css"],
    "html": ["templates/base.html", "public/index.html", "templates/{s}.html"],
}


def fill(fmt, n):
    bank = FILLER.get(fmt, [])
    if not bank:
        return []
    return [R.choice(bank) for _ in range(n)]


class Corpus:
    def __init__(self, root):
        self.root = root
        self.labels = []
        self.used = set()

    def path(self, fmt, names=None):
        names = names or FILE_NAMES[fmt]
        for _ in range(200):
            s = R.choice(SERVICES)
            p = R.choice(names).replace("{s}", s).replace("{S}", s.capitalize())
            if p not in self.used:
                break
        else:
            i = 2
            base = p
            while p in self.used:
                p = base.replace(".", "_%d." % i, 1) if "." in os.path.basename(base) else base + str(i)
                i += 1
        self.used.add(p)
        return p

    def write(self, rel, lines, planted):
        """planted: list of (item, first_line_index, last_line_index) 0-based."""
        full = os.path.join(self.root, rel)
        os.makedirs(os.path.dirname(full) or self.root, exist_ok=True)
        with open(full, "w") as f:
            f.write("\n".join(lines) + "\n")
        for it, a, b in planted:
            self.labels.append({"file": rel, "line": a + 1, "end": b + 1, "kind": it.kind,
                                "label": it.label, "value": it.value or ""})


def place(fmt, it, lines, planted):
    """Append item it rendered for fmt to lines, and its line span to planted."""
    if it.raw:
        ls, a, b = it.raw(fmt)
    else:
        ls, off = render_kv(fmt, it.name, it.value)
        a = b = off
    planted.append((it, len(lines) + a, len(lines) + b))
    lines += ls


def body_lines(fmt, items):
    """Interleave filler and items for a kv-ish file body."""
    lines, planted = [], []
    for it in items:
        lines += fill(fmt, R.randint(0, 2))
        place(fmt, it, lines, planted)
    return lines, planted


# Formats with a fixed frame around a body of filler and items: the lines
# before the body and the lines after it.
FRAMES = {
    "go": (lambda: FILLER["go"][:7] + ["var ("], lambda: [")", ""] + FILLER["go"][9:12]),
    "java": (lambda: FILLER["java"][:6], lambda: ["}"]),
    "cs": (lambda: FILLER["cs"][:8], lambda: ["    }", "}"]),
    "php": (lambda: FILLER["php"][:6], lambda: ["];"]),
    "docker": (lambda: FILLER["docker"][:2], lambda: FILLER["docker"][2:]),
    "json": (lambda: FILLER["json"][:], lambda: ['    "region": "eu-west-1"', "}"]),
    "xml": (lambda: FILLER["xml"][:], lambda: ["  </appSettings>", "</configuration>"]),
}


def shift(planted, n):
    return [(it, a + n, b + n) for it, a, b in planted]


def emit(corpus, fmt, items):
    """Write one file of format fmt holding items."""
    if fmt in ("py", "env", "sh", "toml", "ini", "properties", "sql", "rb"):
        head = fill(fmt, R.randint(2, 5)) if fmt not in ("sh", "rb") else FILLER[fmt][:3]
        if fmt == "sh":
            head = FILLER["sh"][:2] + [""]
        body, planted = body_lines(fmt, items)
        tail = fill(fmt, R.randint(1, 3))
        if fmt == "rb":
            tail = ["end"]
        if fmt == "sql":
            tail = ["COMMIT;"]
        lines = head + body + tail
        corpus.write(corpus.path(fmt), lines, shift(planted, len(head)))
    elif fmt in ("js", "ts"):
        head = fill(fmt, R.randint(2, 4)) + ["", "export const config = {" if fmt == "ts" else "const config = {"]
        body, planted = body_lines(fmt, items)
        lines = head + body + ["};", "", "module.exports = config;" if fmt == "js" else "export default config;"]
        corpus.write(corpus.path(fmt), lines, shift(planted, len(head)))
    elif fmt in FRAMES:
        head, tail = FRAMES[fmt][0](), FRAMES[fmt][1]()
        body, planted = body_lines(fmt, items)
        corpus.write(corpus.path(fmt), head + body + tail, shift(planted, len(head)))
    elif fmt == "yaml":
        head = FILLER["yaml"][:R.randint(3, 6)] + ["", R.choice(["credentials:", "integrations:", "secrets:", "services:"])]
        body, planted = body_lines(fmt, items)
        corpus.write(corpus.path(fmt), head + body + ["", "metrics:", "  enabled: true"], shift(planted, len(head)))
    elif fmt == "tf":
        head = FILLER["tf"][:]
        # no filler inside the resource block: it would break it
        lines, planted2 = [], []
        for it in items:
            place("tf", it, lines, planted2)
            if R.random() < 0.3:
                lines.append("  tags = { team = \"platform\" }")
        corpus.write(corpus.path(fmt), head + lines + ["}"], shift(planted2, len(head)))
    elif fmt == "k8s":
        s = R.choice(SERVICES)
        head = ["apiVersion: apps/v1", "kind: Deployment", "metadata:", "  name: %s" % s, "  labels:", "    app: %s" % s,
                "spec:", "  replicas: 2", "  template:", "    spec:", "      containers:", "        - name: %s" % s,
                "          image: ghcr.io/acme/%s:1.14.2" % s, "          env:"]
        lines, planted = [], []
        for it in items:
            place("k8s", it, lines, planted)
        tail = ["          ports:", "            - containerPort: 8080"]
        corpus.write(corpus.path(fmt), head + lines + tail, shift(planted, len(head)))
    elif fmt in ("gha", "compose"):
        if fmt == "gha":
            head = ["name: deploy", "on:", "  push:", "    branches: [main]", "jobs:", "  deploy:",
                    "    runs-on: ubuntu-latest", "    env:"]
            tail = ["    steps:", "      - uses: actions/checkout@v4", "      - run: make deploy"]
        else:
            s = R.choice(SERVICES)
            head = ["services:", "  %s:" % s, "    image: ghcr.io/acme/%s:latest" % s, "    restart: unless-stopped",
                    "    environment:"]
            tail = ["    ports:", "      - \"8080:8080\""]
        lines, planted = [], []
        for it in items:
            place(fmt, it, lines, planted)
        corpus.write(corpus.path(fmt), head + lines + tail, shift(planted, len(head)))
    elif fmt == "md":
        head = FILLER["md"][:]
        lines, planted = [], []
        for it in items:
            ls, a, b = it.raw("md") if it.raw else (render_kv("md", it.name, it.value)[0], 0, 0)
            planted.append((it, len(lines) + a, len(lines) + b))
            lines += ls
        tail = ["```", "", "Then run `make test` to check the installation."]
        corpus.write(corpus.path(fmt), head + lines + tail, shift(planted, len(head)))
    elif fmt == "ipynb":
        head = ["{", ' "cells": [', "  {", '   "cell_type": "code",', '   "execution_count": 1,', '   "metadata": {},',
                '   "outputs": [],', '   "source": [', nb_line("import os"), nb_line("import pandas as pd")]
        lines, planted = [], []
        for it in items:
            ls, off = render_kv("ipynb", it.name, it.value)
            planted.append((it, len(lines) + off, len(lines) + off))
            lines += ls
        lines.append("    " + json.dumps("df = pd.read_csv('data/orders.csv')"))
        tail = ["   ]", "  }", " ],", ' "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}},',
                ' "nbformat": 4,', ' "nbformat_minor": 5', "}"]
        corpus.write(corpus.path(fmt), head + lines + tail, shift(planted, len(head)))
    else:
        raise ValueError(fmt)


def emit_special(corpus, fmt, items):
    """Formats whose items are all raw and whose files have a fixed frame."""
    def put(names, head, tail, sub=None):
        lines, planted = [], []
        for it in items:
            ls, a, b = it.raw(sub or fmt)
            planted.append((it, len(lines) + a, len(lines) + b))
            lines += ls
        corpus.write(corpus.path(fmt, names), head + lines + tail, shift(planted, len(head)))

    if fmt == "keyfile":
        for it in items:
            ls, a, b = it.raw(fmt)
            name = {"private-key-rsa": ["id_rsa", "certs/{s}.key", "deploy/keys/{s}_rsa"],
                    "private-key-ec": ["certs/{s}-ec.pem", "tls/{s}.key"],
                    "private-key-openssh": [".ssh/id_ed25519", "deploy/{s}_deploy_key", "ansible/files/id_{s}"],
                    "private-key-pkcs8": ["secrets/{s}-private.pem", "config/jwt/{s}.key"]}[it.kind]
            corpus.write(corpus.path(fmt, name), ls, [(it, a, b)])
    elif fmt == "pubfile":
        for it in items:
            ls, a, b = it.raw(fmt)
            name = ["certs/{s}.crt", "certs/{s}-ca.pem"] if it.kind == "certificate" else ["keys/{s}.pub.pem", "config/jwt/{s}-public.pem"]
            corpus.write(corpus.path(fmt, name), ls, [(it, a, b)])
    elif fmt == "sa-json":
        for it in items:
            ls, a, b = it.raw(fmt)
            corpus.write(corpus.path(fmt, ["gcp/{s}-sa.json", "credentials/{s}-service-account.json", "terraform/gcp-key.json"]), ls, [(it, a, b)])
    elif fmt == "npmrc":
        put([".npmrc", "packages/{s}/.npmrc"], ["registry=https://registry.npmjs.org/", "save-exact=true"], ["always-auth=true"])
    elif fmt == "pypirc":
        put([".pypirc", "ci/{s}.pypirc"], ["[distutils]", "index-servers =", "    pypi", ""], [])
    elif fmt == "dockercfg":
        put([".docker/config.json", "ci/{s}-docker-config.json"], ["{", '  "auths": {'], ["  }", "}"])
    elif fmt == "http":
        put(["api/{s}.http", "requests/{s}.http"], ["### list jobs", "GET https://jenkins.corp.local/api/json?tree=jobs[name]"], ["Accept: application/json"])
    elif fmt == "k8s-secret":
        s = R.choice(SERVICES)
        put(["deploy/k8s/{s}-secret.yaml", "k8s/overlays/prod/{s}-secrets.yaml"],
            ["apiVersion: v1", "kind: Secret", "metadata:", "  name: %s-secrets" % s, "type: Opaque", "data:"], [])
    elif fmt == "authorized_keys":
        put(["deploy/authorized_keys", "ansible/files/{s}_authorized_keys"], ["# managed by ansible"], [])
    elif fmt == "gha-step":
        put([".github/workflows/{s}-build.yml", ".github/workflows/lint.yml"],
            ["name: build", "on: [push, pull_request]", "jobs:", "  build:", "    runs-on: ubuntu-latest", "    steps:"],
            ["      - run: make test"])
    elif fmt == "k8s-image":
        s = R.choice(SERVICES)
        put(["deploy/k8s/{s}-cronjob.yaml"], ["apiVersion: batch/v1", "kind: CronJob", "metadata:", "  name: %s-cleanup" % s,
                                             "spec:", "  schedule: \"0 3 * * *\"", "  jobTemplate:", "    spec:", "      template:",
                                             "        spec:", "          containers:", "        - name: cleanup"],
            ["          restartPolicy: OnFailure"])
    elif fmt == "compose-image":
        put(["docker-compose.db.yml", "deploy/{s}/compose.db.yaml"], ["services:"], ["    volumes:", "      - pgdata:/var/lib/postgresql/data", "volumes:", "  pgdata: {}"])
    elif fmt in ("i18n-yaml", "i18n-json"):
        lang = R.choice(["en", "fr", "de"])
        lines, planted = [], []
        for it in items:
            ls = ['  %s: "%s"' % (it.name, it.value)] if fmt == "i18n-yaml" else ['  "%s": "%s",' % (it.name, it.value)]
            planted.append((it, len(lines), len(lines)))
            lines += ls
        if fmt == "i18n-yaml":
            corpus.write(corpus.path(fmt, ["config/locales/%s.yml" % lang, "locales/{s}.%s.yml" % lang]), ["%s:" % lang] + lines + ['  sign_in: "Sign in"'], shift(planted, 1))
        else:
            corpus.write(corpus.path(fmt, ["src/i18n/%s.json" % lang, "public/locales/%s/{s}.json" % lang]), ["{"] + lines + ['  "sign_in": "Sign in"', "}"], shift(planted, 1))
    elif fmt == "maven":
        put(["settings.xml", ".mvn/{s}-settings.xml"], ['<?xml version="1.0" encoding="UTF-8"?>',
            '<settings xmlns="http://maven.apache.org/SETTINGS/1.0.0">', "  <servers>"], ["  </servers>", "</settings>"])
    elif fmt == "css":
        put(FILE_NAMES["css"], FILLER["css"], ["}", "", ".btn { border-radius: var(--radius); }"])
    elif fmt == "html":
        put(FILE_NAMES["html"], FILLER["html"], ["</head>", "<body>", "  <main id=\"app\"></main>", "</body>", "</html>"])
    elif fmt == "pytest":
        put(["tests/test_{s}.py", "tests/integration/test_{s}_login.py"],
            ["import pytest", "", "from app.factories import make_user", "", "", "def test_login_rejects_wrong_password(client):"],
            ["    resp = client.post(\"/login\", json={\"email\": user.email, \"password\": \"wrong\"})", "    assert resp.status_code == 401"])
    elif fmt == "jest":
        put(["src/__tests__/{s}.test.ts", "test/{s}.spec.js"],
            ["import { login } from '../auth';", "", "describe('login', () => {", "  it('accepts valid credentials', async () => {"],
            ["    expect(res.ok).toBe(true);", "  });", "});"])
    else:
        raise ValueError(fmt)


SPECIAL = {"keyfile", "pubfile", "sa-json", "npmrc", "pypirc", "dockercfg", "http", "k8s-secret", "authorized_keys",
           "gha-step", "k8s-image", "compose-image", "i18n-yaml", "i18n-json", "pytest", "jest", "css", "html", "maven"}


def lock_files(corpus):
    """Whole lock files whose hashes are hard negatives; every hash line is labelled."""
    pk = Item("lockfile-integrity", "negative")
    lines, planted = ["{", '  "name": "web",', '  "lockfileVersion": 3,', '  "requires": true,', '  "packages": {'], []
    for name in R.sample(["react", "lodash", "axios", "express", "zod", "vite", "esbuild", "chalk", "debug", "ms"], 6):
        ver = "%d.%d.%d" % (R.randint(1, 18), R.randint(0, 20), R.randint(0, 9))
        lines += ['    "node_modules/%s": {' % name, '      "version": "%s",' % ver,
                  '      "resolved": "https://registry.npmjs.org/%s/-/%s-%s.tgz",' % (name, name, ver)]
        planted.append((pk, len(lines), len(lines)))
        lines += ['      "integrity": "%s",' % sri(), '      "license": "MIT"', "    },"]
    lines[-1] = "    }"
    lines += ["  }", "}"]
    corpus.write("web/package-lock.json", lines, planted)

    po = Item("lockfile-hash", "negative")
    lines, planted = [], []
    for name in R.sample(["requests", "urllib3", "certifi", "idna", "charset-normalizer", "pydantic", "sqlalchemy"], 4):
        ver = "%d.%d.%d" % (R.randint(1, 3), R.randint(0, 30), R.randint(0, 9))
        lines += ["[[package]]", 'name = "%s"' % name, 'version = "%s"' % ver, 'optional = false', 'python-versions = ">=3.8"', "files = ["]
        for kind in ("py3-none-any.whl", "tar.gz"):
            planted.append((po, len(lines), len(lines)))
            lines.append('    {file = "%s-%s-%s", hash = "sha256:%s"},' % (name.replace("-", "_"), ver, kind, fake_sha256()))
        lines += ["]", ""]
    corpus.write("poetry.lock", lines, planted)

    gs = Item("go-sum", "negative")
    lines, planted = [], []
    for mod in R.sample(["github.com/spf13/cobra", "golang.org/x/sys", "github.com/stretchr/testify", "go.uber.org/zap", "github.com/google/uuid"], 4):
        ver = "v%d.%d.%d" % (R.randint(0, 1), R.randint(1, 30), R.randint(0, 9))
        for suffix in ("", "/go.mod"):
            planted.append((gs, len(lines), len(lines)))
            lines.append("%s %s%s h1:%s" % (mod, ver, suffix, base64.b64encode(rbytes(32)).decode()))
    corpus.write("go.sum", lines, planted)

    cl = Item("lockfile-hash", "negative")
    lines, planted = ["# This file is automatically @generated by Cargo.", "version = 3", ""], []
    for name in R.sample(["serde", "tokio", "anyhow", "regex", "clap"], 3):
        lines += ["[[package]]", 'name = "%s"' % name, 'version = "1.%d.%d"' % (R.randint(0, 40), R.randint(0, 9)),
                  'source = "registry+https://github.com/rust-lang/crates.io-index"']
        planted.append((cl, len(lines), len(lines)))
        lines += ['checksum = "%s"' % fake_sha256(), ""]
    corpus.write("Cargo.lock", lines, planted)

    yl = Item("lockfile-integrity", "negative")
    lines, planted = ["# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.", "# yarn lockfile v1", ""], []
    for name in R.sample(["ansi-regex", "balanced-match", "brace-expansion", "picomatch"], 3):
        ver = "%d.%d.%d" % (R.randint(1, 6), R.randint(0, 9), R.randint(0, 9))
        lines += ['%s@^%s:' % (name, ver), '  version "%s"' % ver,
                  '  resolved "https://registry.yarnpkg.com/%s/-/%s-%s.tgz#%s"' % (name, name, ver, fake_sha1())]
        planted.append((yl, len(lines) - 1, len(lines) - 1))
        planted.append((yl, len(lines), len(lines)))
        lines += ["  integrity %s" % sri(), ""]
    corpus.write("frontend/yarn.lock", lines, planted)


def generate(out, seed):
    R.seed(seed)
    root = os.path.join(out, "repo")
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(root)
    keys = Keys()
    try:
        items = positives(keys) + negatives(keys)
    finally:
        keys.close()
    corpus = Corpus(root)

    # Route each item to a format it fits, then group 4..10 per file.
    by_fmt = {}
    for it in items:
        if it.raw is not None:
            fmts = it.formats
        else:
            fmts = it.formats or KV_FORMATS
        by_fmt.setdefault(R.choice(fmts), []).append(it)
    for fmt in sorted(by_fmt):
        group = by_fmt[fmt]
        R.shuffle(group)
        if fmt in ("keyfile", "pubfile", "sa-json"):
            emit_special(corpus, fmt, group)
            continue
        while group:
            n = R.randint(3, 9)
            chunk, group = group[:n], group[n:]
            if fmt in SPECIAL:
                emit_special(corpus, fmt, chunk)
            else:
                emit(corpus, fmt, chunk)
    lock_files(corpus)

    with open(os.path.join(out, "labels.json"), "w") as f:
        json.dump({"seed": seed, "items": corpus.labels}, f, indent=1)
    return corpus.labels


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=20240611)
    a = ap.parse_args()
    labels = generate(a.out, a.seed)
    pos = sum(1 for l in labels if l["label"] == "positive")
    print("%d positives, %d negatives, %d files" % (pos, len(labels) - pos, len({l["file"] for l in labels})))


if __name__ == "__main__":
    main()
