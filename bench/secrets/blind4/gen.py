#!/usr/bin/env python3
"""Blind corpus 4 for gate's secrets checker (held out).

usage: gen.py OUTDIR [--seed N]

Writes OUTDIR/repo/ (about 150 files as they appear in real repositories:
data and ML tooling, IoT and home automation, desktop and developer tools,
e-mail and chat, web3 and payments, and assorted debris) and
OUTDIR/labels.json, a list of {"file", "line", "end", "kind", "label",
"value"} items (1-based inclusive line spans; label "positive" or
"negative").  Every value is drawn from the seed at run time except the
RSA keys, which openssl makes fresh when it is installed (line numbers do
not change).  Python 3 standard library only.
"""

import argparse
import base64
import hashlib
import json
import os
import random
import shutil
import string
import struct
import subprocess
import sys
import tempfile
import textwrap
import zlib

B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
B62 = string.digits + string.ascii_uppercase + string.ascii_lowercase
ALNUM = string.ascii_letters + string.digits
LOWALNUM = string.ascii_lowercase + string.digits
UPALNUM = string.ascii_uppercase + string.digits
B64URL = ALNUM + "-_"
BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
MARGIN = " " * 8

WORDS = ("harbor maple falcon quartz tundra copper saffron violet ember granite willow "
         "cobalt juniper orchid thistle marlin canyon pepper lantern meadow comet "
         "walnut glacier raven sierra bramble indigo kestrel nimbus pebble").split()

# A slice of the BIP-39 English list (enough for plausible mnemonics).
BIP39 = ("abandon ability able about above absent absorb abstract absurd abuse access "
         "accident account accuse achieve acid acoustic acquire across act action actor "
         "actress actual adapt add addict address adjust admit adult advance advice aerobic "
         "affair afford afraid again age agent agree ahead aim air airport aisle alarm album "
         "alcohol alert alien all alley allow almost alone alpha already also alter always "
         "amateur amazing among amount amused analyst anchor ancient anger angle angry animal "
         "ankle announce annual another answer antenna antique anxiety any apart apology "
         "appear apple approve april arch arctic area arena argue arm armed armor army around "
         "arrange arrest arrive arrow art artefact artist artwork ask aspect assault asset "
         "assist assume asthma athlete atom attack attend attitude attract auction audit "
         "august aunt author auto autumn average avocado avoid awake aware away awesome awful "
         "awkward axis baby bachelor bacon badge bag balance balcony ball bamboo banana banner "
         "bar barely bargain barrel base basic basket battle beach bean beauty because become "
         "beef before begin behave behind believe below belt bench benefit best betray better "
         "between beyond bicycle bid bike bind biology bird birth bitter black blade blame "
         "blanket blast bleak bless blind blood blossom blouse blue blur blush board boat body "
         "boil bomb bone bonus book boost border boring borrow boss bottom bounce box boy "
         "bracket brain brand brass brave bread breeze brick bridge brief bright bring brisk "
         "broccoli broken bronze broom brother brown brush bubble buddy budget buffalo build "
         "bulb bulk bullet bundle bunker burden burger burst bus business busy butter buyer "
         "buzz cabbage cabin cable cactus cage cake call calm camera camp can canal cancel "
         "candy cannon canoe canvas canyon capable capital captain car carbon card cargo "
         "carpet carry cart case cash casino castle casual cat catalog catch category cattle "
         "caught cause caution cave ceiling celery cement census century cereal certain chair "
         "chalk champion change chaos chapter charge chase chat cheap check cheese chef cherry "
         "chest chicken chief child chimney choice choose chronic chuckle chunk churn cigar "
         "cinnamon circle citizen city civil claim clap clarify claw clay clean clerk clever "
         "click client cliff climb clinic clip clock clog close cloth cloud clown club clump "
         "cluster clutch coach coast coconut code coffee coil coin collect color column combine "
         "come comfort comic common company concert conduct confirm congress connect consider "
         "control convince cook cool copper copy coral core corn correct cost cotton couch "
         "country couple course cousin cover coyote crack cradle craft cram crane crash crater "
         "crawl crazy cream credit creek crew cricket crime crisp critic crop cross crouch "
         "crowd crucial cruel cruise crumble crunch crush cry crystal cube culture cup "
         "cupboard curious current curtain curve cushion custom cute cycle").split()


def blk(text):
    """Lines of TEXT.  A text starting with a newline is a block written at the
    source's 8-space margin, which is removed (deeper indentation is kept)."""
    body = text[1:].split("\n")
    if not text.startswith("\n") or any(l.strip() and not l.startswith(MARGIN) for l in body):
        return text.split("\n")
    out = []
    for line in text[1:].split("\n"):
        if not line.strip():
            out.append("")
        else:
            out.append(line[len(MARGIN):])
    if out and out[-1] == "" and text.endswith("\n"):
        out.pop()
    return out


class File:
    def __init__(self, corpus, path):
        self.c, self.path, self.lines = corpus, path, []

    def t(self, text):
        """Filler: ordinary content that holds nothing secret-like."""
        self.lines += blk(text)
        return self

    def _item(self, label, kind, value, text):
        ls = blk(text)
        start = len(self.lines) + 1
        self.lines += ls
        self.c.labels.append({"file": self.path, "line": start, "end": start + len(ls) - 1,
                              "kind": kind, "label": label, "value": value})
        return self

    def p(self, kind, value, text):
        return self._item("positive", kind, value, text)

    def n(self, kind, value, text):
        return self._item("negative", kind, value, text)


class Corpus:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.files = {}
        self.labels = []
        self.tmp = None

    def file(self, path):
        assert path not in self.files, path
        f = File(self, path)
        self.files[path] = f
        return f

    # ---- random material -------------------------------------------------
    def s(self, alphabet, n):
        return "".join(self.r.choice(alphabet) for _ in range(n))

    def hex(self, n):
        return self.s("0123456789abcdef", n)

    def HEX(self, n):
        return self.s("0123456789ABCDEF", n)

    def alnum(self, n):
        return self.s(ALNUM, n)

    def low(self, n):
        return self.s(LOWALNUM, n)

    def up(self, n):
        return self.s(UPALNUM, n)

    def raw(self, n):
        return bytes(self.r.getrandbits(8) for _ in range(n))

    def b64(self, nbytes):
        return base64.b64encode(self.raw(nbytes)).decode()

    def b64u(self, nbytes):
        return base64.urlsafe_b64encode(self.raw(nbytes)).decode().rstrip("=")

    def digits(self, n):
        return str(self.r.randint(1, 9)) + self.s(string.digits, n - 1)

    def uuid(self):
        h = self.hex(32)
        h = h[:12] + "4" + h[13:16] + self.r.choice("89ab") + h[17:]
        return "%s-%s-%s-%s-%s" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:])

    def pw(self):
        """A human password: Word + symbol + digits + Word (URL and XML safe)."""
        w1, w2 = self.r.sample(WORDS, 2)
        shape = self.r.randrange(4)
        if shape == 0:
            return "%s%s%s%d" % (w1.capitalize(), self.r.choice("!-_.*"), w2.capitalize(), self.r.randint(10, 9999))
        if shape == 1:
            return "%s%d%s%s" % (w1.capitalize(), self.r.randint(1970, 2024), self.r.choice("!*."), w2)
        if shape == 2:
            return self.alnum(1) + self.s(ALNUM + "-_.!*", 17)
        return "%s.%s.%s%d" % (w1, w2.capitalize(), self.r.choice(WORDS), self.r.randint(2, 99))

    def sym(self, n):
        """Random string with punctuation (Synapse style); no quotes or backslashes."""
        return self.s(ALNUM + "~;:.,@^&*=+-_#", n)

    def words(self, n):
        return " ".join(self.r.choice(BIP39) for _ in range(n))

    # ---- vendor shapes ---------------------------------------------------
    def gh(self, prefix):
        body = self.alnum(30)
        crc = zlib.crc32(body.encode()) & 0xffffffff
        cs = ""
        while crc:
            crc, d = divmod(crc, 62)
            cs = B62[d] + cs
        return prefix + body + cs.rjust(6, "0")

    def aws_id(self):
        return "AKIA" + self.s("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)

    def aws_secret(self):
        return self.s(ALNUM + "+/", 40)

    def tg(self):
        return "%s:AA%s" % (self.digits(10), self.s(B64URL, 33))

    def discord(self):
        uid = self.digits(19)
        return "%s.%s.%s" % (base64.b64encode(uid.encode()).decode().rstrip("="),
                             self.s(B64URL, 6), self.s(B64URL, 38))

    def jwt(self, payload):
        head = base64.urlsafe_b64encode(b'{"alg":"HS256","typ":"JWT"}').decode().rstrip("=")
        body = base64.urlsafe_b64encode(json.dumps(payload, separators=(",", ":")).encode()).decode().rstrip("=")
        return "%s.%s.%s" % (head, body, self.b64u(32))

    def b58(self, data):
        n = int.from_bytes(data, "big")
        out = ""
        while n:
            n, d = divmod(n, 58)
            out = B58[d] + out
        pad = len(data) - len(data.lstrip(b"\0"))
        return "1" * pad + out

    def b58check(self, data):
        chk = hashlib.sha256(hashlib.sha256(data).digest()).digest()[:4]
        return self.b58(data + chk)

    def wif(self):
        return self.b58check(b"\x80" + self.raw(32) + b"\x01")

    def xkey(self, private):
        version = bytes.fromhex("0488ADE4" if private else "0488B21E")
        depth = b"\x03"
        body = version + depth + self.raw(4) + struct.pack(">I", 0x80000000) + self.raw(32)
        body += (b"\x00" + self.raw(32)) if private else (b"\x02" + self.raw(32))
        return self.b58check(body)

    def btc_legacy(self):
        return self.b58check(b"\x00" + self.raw(20))

    def bech32(self, hrp, data5):
        def polymod(values):
            gen = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3]
            chk = 1
            for v in values:
                b = chk >> 25
                chk = (chk & 0x1ffffff) << 5 ^ v
                for i in range(5):
                    chk ^= gen[i] if ((b >> i) & 1) else 0
            return chk
        exp = [ord(x) >> 5 for x in hrp] + [0] + [ord(x) & 31 for x in hrp]
        pm = polymod(exp + data5 + [0] * 6) ^ 1
        chk = [(pm >> 5 * (5 - i)) & 31 for i in range(6)]
        return hrp + "1" + "".join(BECH32[d] for d in data5 + chk)

    @staticmethod
    def to5(data):
        acc, bits, out = 0, 0, []
        for b in data:
            acc = (acc << 8) | b
            bits += 8
            while bits >= 5:
                bits -= 5
                out.append((acc >> bits) & 31)
        if bits:
            out.append((acc << (5 - bits)) & 31)
        return out

    def bc1(self):
        return self.bech32("bc", [0] + self.to5(self.raw(20)))

    def age_secret(self):
        return self.bech32("age-secret-key-", self.to5(self.raw(32))).upper()

    def age_public(self):
        return self.bech32("age", self.to5(self.raw(32)))

    def wg_private(self):
        k = bytearray(self.raw(32))
        k[0] &= 248
        k[31] = (k[31] & 127) | 64
        return base64.b64encode(bytes(k)).decode()

    def wg_public(self):
        return self.b64(32)

    def cid0(self):
        return self.b58(b"\x12\x20" + self.raw(32))

    def cid1(self):
        return "b" + base64.b32encode(b"\x01\x70\x12\x20" + self.raw(32)).decode().lower().rstrip("=")

    def eth_addr(self):
        return "0x" + self.hex(40)

    def eth_key(self):
        return "0x" + self.hex(64)

    def onion(self):
        return self.s("abcdefghijklmnopqrstuvwxyz234567", 55) + "d"

    def b32(self, n):
        return self.s("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", n)

    def crypt6(self):
        return "$6$%s$%s" % (self.s(ALNUM + "./", 16), self.s(ALNUM + "./", 86))

    def bcrypt(self):
        return "$2b$10$" + self.s(ALNUM + "./", 53)

    def azure_secret(self):
        return self.s(ALNUM, 3) + "8Q~" + self.s(ALNUM + "~_.-", 34)

    # ---- keys ------------------------------------------------------------
    def pem_lines(self, der, label):
        b = base64.b64encode(der).decode()
        body = [b[i:i + 64] for i in range(0, len(b), 64)]
        return ["-----BEGIN %s-----" % label] + body + ["-----END %s-----" % label]

    def rsa_pem(self, bits=2048, pkcs8=False):
        """PEM lines of a fresh RSA key (openssl), else a random body of the same size."""
        if shutil.which("openssl"):
            cmd = ["openssl", "genrsa", str(bits)] if not pkcs8 else \
                  ["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:%d" % bits]
            p = subprocess.run(cmd, capture_output=True, text=True)
            out = p.stdout.strip()
            if p.returncode == 0 and "PRIVATE KEY" in out:
                lines = out.split("\n")
                if not pkcs8 and "BEGIN PRIVATE KEY" in lines[0]:   # OpenSSL 3 genrsa writes PKCS#8
                    q = subprocess.run(["openssl", "rsa", "-traditional"], input=out,
                                       capture_output=True, text=True)
                    if q.returncode == 0 and "RSA PRIVATE KEY" in q.stdout:
                        lines = q.stdout.strip().split("\n")
                return self._fix_rsa(lines, bits, pkcs8)
        return self._fake_rsa(bits, pkcs8)

    def _fake_rsa(self, bits, pkcs8):
        if bits == 2048:
            n = 1217 if pkcs8 else 1191
            head = bytes.fromhex("308204bd020100300d06092a864886f70d0101010500048204a7308204a30201000282010100") \
                if pkcs8 else bytes.fromhex("308204a30201000282010100")
        else:
            n = 634 if pkcs8 else 608
            head = bytes.fromhex("3082025c02010002818100")
        der = head + self.raw(n - len(head))
        return self.pem_lines(der, "PRIVATE KEY" if pkcs8 else "RSA PRIVATE KEY")

    def _fix_rsa(self, lines, bits, pkcs8):
        # keep the line count stable: DER sizes vary by a byte or two
        want = len(self._fake_rsa(bits, pkcs8))
        if len(lines) != want:
            return self._fake_rsa(bits, pkcs8)
        return lines

    def ec_pem(self):
        """SEC1 P-256 key: 121 bytes of DER, three body lines."""
        der = bytes.fromhex("30770201010420") + self.raw(32) + \
            bytes.fromhex("a00a06082a8648ce3d030107a144034200") + b"\x04" + self.raw(64)
        return self.pem_lines(der, "EC PRIVATE KEY")

    def openssh_ed25519(self, comment):
        def sstr(b):
            return struct.pack(">I", len(b)) + b
        seed, pub = self.raw(32), self.raw(32)
        pubblob = sstr(b"ssh-ed25519") + sstr(pub)
        chk = self.raw(4)
        priv = chk + chk + sstr(b"ssh-ed25519") + sstr(pub) + sstr(seed + pub) + sstr(comment.encode())
        i = 1
        while len(priv) % 8:
            priv += bytes([i])
            i += 1
        blob = b"openssh-key-v1\0" + sstr(b"none") + sstr(b"none") + sstr(b"") + \
            struct.pack(">I", 1) + sstr(pubblob) + sstr(priv)
        b = base64.b64encode(blob).decode()
        body = [b[i:i + 70] for i in range(0, len(b), 70)]
        publine = "ssh-ed25519 " + base64.b64encode(pubblob).decode() + " " + comment
        return ["-----BEGIN OPENSSH PRIVATE KEY-----"] + body + ["-----END OPENSSH PRIVATE KEY-----"], publine

    def pgp_block(self, private, nbytes):
        first = b"\x94\x58\x04" if private else b"\x98\x33\x04"
        data = first + self.raw(nbytes - 3)
        crc = 0xB704CE
        for byte in data:
            crc ^= byte << 16
            for _ in range(8):
                crc <<= 1
                if crc & 0x1000000:
                    crc ^= 0x1864CFB
        crc &= 0xFFFFFF
        b = base64.b64encode(data).decode()
        kind = "PRIVATE KEY" if private else "PUBLIC KEY"
        return (["-----BEGIN PGP %s BLOCK-----" % kind, ""] + [b[i:i + 64] for i in range(0, len(b), 64)]
                + ["=" + base64.b64encode(crc.to_bytes(3, "big")).decode(),
                   "-----END PGP %s BLOCK-----" % kind])


# ===========================================================================
# Data and ML
# ===========================================================================
def data_ml(c):
    r = c.r
    # --- dbt ---------------------------------------------------------------
    f = c.file("analytics/dbt/profiles.yml")
    f.t("""
        jaffle_shop:
          target: dev
          outputs:
            dev:
              type: postgres
              host: localhost
              user: "{{ env_var('DBT_USER') }}\"""")
    f.n("template-dbt-env-var", "{{ env_var('DBT_PASSWORD') }}",
        "      password: \"{{ env_var('DBT_PASSWORD') }}\"")
    f.t("""
              port: 5432
              dbname: analytics
              schema: dbt_dev
              threads: 4
            prod:
              type: snowflake
              account: xy12345.eu-west-1
              user: DBT_PROD""")
    pw = c.pw()
    f.p("password-dbt-profiles", pw, "      password: " + pw)
    f.t("""
              role: TRANSFORMER
              database: ANALYTICS
              warehouse: TRANSFORMING
              schema: marts
              threads: 8
            keypair:
              type: snowflake
              account: xy12345.eu-west-1
              user: DBT_CI""")
    f.n("path-dbt-private-key", "~/.ssh/snowflake_dbt_ci.p8",
        "      private_key_path: ~/.ssh/snowflake_dbt_ci.p8")
    f.n("template-dbt-env-var", "{{ env_var('DBT_KEY_PASSPHRASE') }}",
        "      private_key_passphrase: \"{{ env_var('DBT_KEY_PASSPHRASE') }}\"")
    f.t("""
              role: CI
              database: ANALYTICS
              warehouse: CI
              schema: ci
            bq:
              type: bigquery
              method: service-account
              project: acme-analytics""")
    f.n("path-dbt-keyfile", "/secrets/dbt-bq.json", "      keyfile: /secrets/dbt-bq.json")
    f.t("""
              dataset: dbt_prod
              threads: 4
            bq_json:
              type: bigquery
              method: service-account-json
              project: acme-analytics
              dataset: dbt_ci
              keyfile_json:
                type: service_account
                project_id: acme-analytics""")
    pem = c.rsa_pem(2048, pkcs8=True)
    esc = "\\n".join(pem) + "\\n"
    f.p("private-key-dbt-keyfile-json", pem[3], """
                private_key_id: %s
                private_key: "%s\"""" % (c.hex(40), esc))
    f.t("""
                client_email: dbt-ci@acme-analytics.iam.gserviceaccount.com
                client_id: "%s"
                auth_uri: https://accounts.google.com/o/oauth2/auth
                token_uri: https://oauth2.googleapis.com/token""" % c.digits(21))

    f = c.file("analytics/dbt/profiles.example.yml")
    f.t("""
        # Copy to ~/.dbt/profiles.yml and fill in your own credentials.
        jaffle_shop:
          target: dev
          outputs:
            dev:
              type: redshift
              host: analytics.abc123xyz.eu-west-1.redshift.amazonaws.com
              user: <your-username>""")
    f.n("placeholder-dbt-profiles", "<your-password>", "      password: <your-password>")
    f.t("""
              port: 5439
              dbname: analytics
              schema: dbt_<your-name>
              threads: 4""")

    # --- Airflow -----------------------------------------------------------
    f = c.file("airflow/.env")
    f.t("""
        AIRFLOW_UID=50000
        AIRFLOW__CORE__EXECUTOR=CeleryExecutor
        AIRFLOW__CORE__LOAD_EXAMPLES=False""")
    fk = c.b64u(32) + "="
    f.p("key-airflow-fernet-env", fk, "AIRFLOW__CORE__FERNET_KEY=" + fk)
    sk = c.hex(32)
    f.p("secret-airflow-webserver-env", sk, "AIRFLOW__WEBSERVER__SECRET_KEY=" + sk)
    pw = c.pw()
    v = "postgresql+psycopg2://airflow:%s@postgres.internal:5432/airflow" % pw
    f.p("password-airflow-sqlalchemy-url", pw, "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN=" + v)
    pw = c.pw()
    f.p("password-airflow-conn-uri", pw, "AIRFLOW_CONN_WAREHOUSE=postgres://etl_loader:%s@warehouse.internal:5432/dw" % pw)
    kid, sec = c.aws_id(), c.aws_secret()
    f.p("aws-secret-airflow-conn-uri", sec.replace("/", "%2F").replace("+", "%2B"),
        "AIRFLOW_CONN_AWS_DEFAULT=aws://%s:%s@/?region_name=eu-west-1" % (kid, sec.replace("/", "%2F").replace("+", "%2B")))
    tok = c.alnum(40)
    f.p("password-airflow-conn-json", tok,
        "AIRFLOW_CONN_PARTNER_API='{\"conn_type\": \"http\", \"host\": \"api.partner.example\", \"login\": \"acme\", \"password\": \"%s\"}'" % tok)
    f.n("ref-airflow-cmd", "cat /run/secrets/airflow_fernet_key",
        "AIRFLOW__CORE__FERNET_KEY_CMD=cat /run/secrets/airflow_fernet_key")
    f.n("ref-airflow-secrets-backend", "airflow/connections",
        "AIRFLOW__SECRETS__BACKEND_KWARGS={\"connections_prefix\": \"airflow/connections\", \"variables_prefix\": \"airflow/variables\"}")
    f.t("""
        AIRFLOW__SECRETS__BACKEND=airflow.providers.amazon.aws.secrets.secrets_manager.SecretsManagerBackend
        AIRFLOW__LOGGING__REMOTE_LOGGING=True
        AIRFLOW__LOGGING__REMOTE_BASE_LOG_FOLDER=s3://acme-airflow-logs/prod""")

    f = c.file("airflow/docker-compose.yaml")
    f.t("""
        x-airflow-common:
          &airflow-common
          image: ${AIRFLOW_IMAGE_NAME:-apache/airflow:2.9.1}
          environment:
            &airflow-common-env
            AIRFLOW__CORE__EXECUTOR: CeleryExecutor""")
    f.n("empty-airflow-fernet", "AIRFLOW__CORE__FERNET_KEY: ''", "    AIRFLOW__CORE__FERNET_KEY: ''")
    f.n("template-compose-default", "${_AIRFLOW_WWW_USER_PASSWORD:-airflow}",
        "    _AIRFLOW_WWW_USER_PASSWORD: ${_AIRFLOW_WWW_USER_PASSWORD:-airflow}")
    f.n("template-compose-var", "${AIRFLOW_DB_CONN}", "    AIRFLOW__DATABASE__SQL_ALCHEMY_CONN: ${AIRFLOW_DB_CONN}")
    f.t("""
            AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION: 'true'
          volumes:
            - ${AIRFLOW_PROJ_DIR:-.}/dags:/opt/airflow/dags
            - ${AIRFLOW_PROJ_DIR:-.}/logs:/opt/airflow/logs
          user: "${AIRFLOW_UID:-50000}:0"

        services:
          redis:
            image: redis:7.2-bookworm
            expose:
              - 6379
          airflow-webserver:
            <<: *airflow-common
            command: webserver
            ports:
              - "8080:8080\"""")

    f = c.file("airflow/airflow.cfg")
    f.t("""
        [core]
        dags_folder = /opt/airflow/dags
        executor = CeleryExecutor
        parallelism = 32""")
    f.n("template-airflow-cfg", "{FERNET_KEY}", "fernet_key = {FERNET_KEY}")
    f.t("""
        load_examples = False

        [database]""")
    pw = c.pw()
    f.p("password-airflow-cfg-sqlalchemy", pw,
        "sql_alchemy_conn = postgresql+psycopg2://airflow_app:%s@db.internal:5432/airflow" % pw)
    f.n("ref-airflow-cfg-secret", "sql_alchemy_conn_secret = sql_alchemy_conn", "sql_alchemy_conn_secret = sql_alchemy_conn")
    f.t("""
        sql_alchemy_pool_size = 5

        [webserver]
        base_url = https://airflow.acme.example
        web_server_port = 8080""")
    sk = c.b64(16)
    f.p("secret-airflow-cfg-webserver", sk, "secret_key = " + sk)
    f.t("""
        expose_config = False

        [celery]""")
    pw = c.pw()
    f.p("password-airflow-celery-broker", pw, "broker_url = redis://:%s@redis.internal:6379/0" % pw)
    pw = c.pw()
    f.p("password-airflow-flower-basic-auth", pw, "flower_basic_auth = admin:" + pw)
    f.t("""
        worker_concurrency = 16

        [smtp]
        smtp_host = smtp.acme.example
        smtp_starttls = True
        smtp_user = airflow@acme.example""")
    f.n("ref-airflow-cfg-secret", "smtp_password_secret = smtp_password", "smtp_password_secret = smtp_password")
    f.t("""
        smtp_port = 587
        smtp_mail_from = airflow@acme.example""")

    f = c.file("airflow/dags/partner_export.py")
    f.t("""
        from datetime import datetime

        from airflow import DAG
        from airflow.hooks.base import BaseHook
        from airflow.models import Connection, Variable
        from airflow.operators.python import PythonOperator


        def _conn():""")
    f.n("env-airflow-hook", "BaseHook.get_connection(\"partner_sftp\").password",
        "    return BaseHook.get_connection(\"partner_sftp\").password")
    f.t("""


        def _token():""")
    f.n("env-airflow-variable", "Variable.get(\"partner_api_token\")", "    return Variable.get(\"partner_api_token\")")
    f.t("""


        # one-off bootstrap used while the secrets backend was being set up
        BOOTSTRAP = Connection(
            conn_id="partner_sftp",
            conn_type="sftp",
            host="sftp.partner.example",
            login="acme_export",""")
    pw = c.pw()
    f.p("password-airflow-connection-object", pw, "    password=\"%s\"," % pw)
    f.t("""
            port=22,
        )

        with DAG("partner_export", start_date=datetime(2024, 1, 1), schedule="@daily", catchup=False) as dag:
            PythonOperator(task_id="export", python_callable=_conn)""")

    # --- Hadoop / Spark / Hive / Trino ---------------------------------------
    f = c.file("hadoop/etc/hadoop/core-site.xml")
    f.t("""
        <?xml version="1.0" encoding="UTF-8"?>
        <?xml-stylesheet type="text/xsl" href="configuration.xsl"?>
        <configuration>
          <property>
            <name>fs.defaultFS</name>
            <value>s3a://acme-datalake</value>
          </property>""")
    kid = c.aws_id()
    f.p("aws-access-key-id-core-site", kid, """
          <property>
            <name>fs.s3a.access.key</name>
            <value>%s</value>
          </property>""" % kid)
    sec = c.aws_secret()
    f.p("aws-secret-core-site", sec, """
          <property>
            <name>fs.s3a.secret.key</name>
            <value>%s</value>
          </property>""" % sec)
    ak = c.b64(64)
    f.p("key-azure-storage-core-site", ak, """
          <property>
            <name>fs.azure.account.key.acmelake.blob.core.windows.net</name>
            <value>%s</value>
          </property>""" % ak)
    sec = c.azure_secret()
    f.p("secret-azure-oauth-core-site", sec, """
          <property>
            <name>fs.azure.account.oauth2.client.secret</name>
            <value>%s</value>
          </property>""" % sec)
    cid = c.uuid()
    f.n("id-azure-client-core-site", cid, """
          <property>
            <name>fs.azure.account.oauth2.client.id</name>
            <value>%s</value>
          </property>""" % cid)
    f.n("ref-hadoop-credential-provider", "jceks://hdfs@namenode:8020/user/etl/s3.jceks", """
          <property>
            <name>hadoop.security.credential.provider.path</name>
            <value>jceks://hdfs@namenode:8020/user/etl/s3.jceks</value>
          </property>""")
    f.n("path-gcs-keyfile", "/etc/hadoop/conf/gcs-sa.json", """
          <property>
            <name>google.cloud.auth.service.account.json.keyfile</name>
            <value>/etc/hadoop/conf/gcs-sa.json</value>
          </property>""")
    f.t("""
          <property>
            <name>fs.s3a.aws.credentials.provider</name>
            <value>org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider</value>
          </property>
        </configuration>""")

    f = c.file("hadoop/etc/hadoop/core-site.ci.xml")
    f.t("""
        <?xml version="1.0"?>
        <configuration>""")
    f.n("template-hadoop-env", "${env.AWS_ACCESS_KEY_ID}", """
          <property>
            <name>fs.s3a.access.key</name>
            <value>${env.AWS_ACCESS_KEY_ID}</value>
          </property>""")
    f.n("template-hadoop-env", "${env.AWS_SECRET_ACCESS_KEY}", """
          <property>
            <name>fs.s3a.secret.key</name>
            <value>${env.AWS_SECRET_ACCESS_KEY}</value>
          </property>""")
    f.t("</configuration>")

    f = c.file("hive/conf/hive-site.xml")
    f.t("""
        <configuration>
          <property>
            <name>javax.jdo.option.ConnectionURL</name>
            <value>jdbc:postgresql://metastore-db:5432/metastore</value>
          </property>
          <property>
            <name>javax.jdo.option.ConnectionUserName</name>
            <value>hive</value>
          </property>""")
    pw = c.pw()
    f.p("password-hive-metastore", pw, """
          <property>
            <name>javax.jdo.option.ConnectionPassword</name>
            <value>%s</value>
          </property>""" % pw)
    f.t("""
          <property>
            <name>hive.metastore.warehouse.dir</name>
            <value>s3a://acme-datalake/warehouse</value>
          </property>
        </configuration>""")

    f = c.file("spark/conf/spark-defaults.conf")
    f.t("""
        spark.master                     k8s://https://kubernetes.default.svc
        spark.eventLog.enabled           true
        spark.eventLog.dir               s3a://acme-spark-history/
        spark.serializer                 org.apache.spark.serializer.KryoSerializer""")
    kid = c.aws_id()
    f.p("aws-access-key-id-spark-defaults", kid, "spark.hadoop.fs.s3a.access.key   " + kid)
    sec = c.aws_secret()
    f.p("aws-secret-spark-defaults", sec, "spark.hadoop.fs.s3a.secret.key   " + sec)
    f.t("spark.authenticate               true")
    sec = c.b64(24)
    f.p("secret-spark-authenticate", sec, "spark.authenticate.secret        " + sec)
    f.t("spark.ssl.enabled                true")
    pw = c.pw()
    f.p("password-spark-keystore", pw, "spark.ssl.keyStorePassword       " + pw)
    f.n("default-java-truststore", "changeit", "spark.ssl.trustStorePassword     changeit")
    f.t("spark.sql.shuffle.partitions     200")

    f = c.file("trino/etc/catalog/postgres.properties")
    f.t("""
        connector.name=postgresql
        connection-url=jdbc:postgresql://pg-replica.internal:5432/app
        connection-user=trino_ro""")
    pw = c.pw()
    f.p("password-trino-catalog", pw, "connection-password=" + pw)
    f.t("case-insensitive-name-matching=true")

    f = c.file("trino/etc/catalog/mysql.properties")
    f.t("""
        connector.name=mysql
        connection-url=jdbc:mysql://orders-db.internal:3306
        connection-user=${ENV:MYSQL_USER}""")
    f.n("template-trino-env", "${ENV:MYSQL_PASSWORD}", "connection-password=${ENV:MYSQL_PASSWORD}")

    f = c.file("trino/etc/catalog/hive.properties")
    f.t("""
        connector.name=hive
        hive.metastore.uri=thrift://hive-metastore:9083""")
    kid = c.aws_id()
    f.p("aws-access-key-id-trino-hive", kid, "hive.s3.aws-access-key=" + kid)
    sec = c.aws_secret()
    f.p("aws-secret-trino-hive", sec, "hive.s3.aws-secret-key=" + sec)
    f.t("hive.s3.path-style-access=true")

    f = c.file("trino/etc/config.properties")
    f.t("""
        coordinator=true
        node-scheduler.include-coordinator=false
        http-server.http.port=8080
        http-server.https.enabled=true
        http-server.https.port=8443
        http-server.https.keystore.path=/etc/trino/keystore.jks""")
    pw = c.pw()
    f.p("password-trino-keystore", pw, "http-server.https.keystore.key=" + pw)
    sec = c.b64(48)
    f.p("secret-trino-shared", sec, "internal-communication.shared-secret=" + sec)
    f.t("""
        discovery.uri=https://trino-coordinator:8443
        http-server.authentication.type=PASSWORD""")

    f = c.file("trino/etc/password.db")
    for user in ("alice", "bob", "etl"):
        h = c.bcrypt()
        f.n("hash-trino-password-db", h, "%s:%s" % (user, h))

    # --- Snowflake ---------------------------------------------------------
    f = c.file("config/snowflake/connections.toml")
    f.t("""
        [default]
        account = "acme-analytics"
        user = "LOADER\"""")
    pw = c.pw()
    f.p("password-snowflake-connections-toml", pw, "password = \"%s\"" % pw)
    f.t("""
        warehouse = "LOADING"
        database = "RAW"
        role = "LOADER"

        [keypair]
        account = "acme-analytics"
        user = "SVC_DBT"
        authenticator = "SNOWFLAKE_JWT\"""")
    f.n("path-snowflake-private-key", "~/.snowflake/rsa_key.p8", "private_key_file = \"~/.snowflake/rsa_key.p8\"")
    f.t("""

        [sso]
        account = "acme-analytics"
        user = "JANE.DOE@ACME.EXAMPLE"
        authenticator = "externalbrowser\"""")

    # --- GCP service account ---------------------------------------------
    f = c.file("gcp/bq-loader-sa.json")
    pem = c.rsa_pem(2048, pkcs8=True)
    esc = "\\n".join(pem) + "\\n"
    f.p("private-key-gcp-sa-json", pem[5], """
        {
          "type": "service_account",
          "project_id": "acme-analytics",
          "private_key_id": "%s",
          "private_key": "%s",
          "client_email": "bq-loader@acme-analytics.iam.gserviceaccount.com",
          "client_id": "%s",
          "auth_uri": "https://accounts.google.com/o/oauth2/auth",
          "token_uri": "https://oauth2.googleapis.com/token",
          "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",
          "client_x509_cert_url": "https://www.googleapis.com/robot/v1/metadata/x509/bq-loader%%40acme-analytics.iam.gserviceaccount.com",
          "universe_domain": "googleapis.com"
        }""" % (c.hex(40), esc, c.digits(21)))

    f = c.file("gcp/bq-loader-sa.json.example")
    f.t("""
        {
          "type": "service_account",
          "project_id": "your-project-id",
          "private_key_id": "your-private-key-id",""")
    f.n("placeholder-gcp-sa-json", "REPLACE_WITH_YOUR_KEY",
        "  \"private_key\": \"-----BEGIN PRIVATE KEY-----\\nREPLACE_WITH_YOUR_KEY\\n-----END PRIVATE KEY-----\\n\",")
    f.t("""
          "client_email": "your-sa@your-project-id.iam.gserviceaccount.com",
          "token_uri": "https://oauth2.googleapis.com/token"
        }""")

    # --- Databricks ----------------------------------------------------------
    f = c.file("dotfiles/.databrickscfg")
    f.t("""
        [DEFAULT]
        host  = https://adb-%s.7.azuredatabricks.net""" % c.digits(16))
    tok = "dapi" + c.hex(32)
    f.p("token-databrickscfg", tok, "token = " + tok)
    f.t("""

        [staging]
        host  = https://dbc-%s-%s.cloud.databricks.com""" % (c.hex(8), c.hex(4)))
    tok = "dapi" + c.hex(32) + "-2"
    f.p("token-databrickscfg", tok, "token = " + tok)
    f.t("""

        [azure-sp]
        host                = https://adb-%s.11.azuredatabricks.net
        azure_tenant_id     = %s""" % (c.digits(16), c.uuid()))
    cid = c.uuid()
    f.n("id-azure-client-databrickscfg", cid, "azure_client_id     = " + cid)
    sec = c.azure_secret()
    f.p("secret-azure-databrickscfg", sec, "azure_client_secret = " + sec)
    f.t("""

        [sso]
        host      = https://dbc-%s-%s.cloud.databricks.com
        auth_type = databricks-cli""" % (c.hex(8), c.hex(4)))

    # --- MLflow ------------------------------------------------------------
    f = c.file("mlops/mlflow/docker-compose.yml")
    f.t("""
        services:
          minio:
            image: quay.io/minio/minio:RELEASE.2024-05-01T01-11-10Z
            command: server /data --console-address ":9001"
            environment:
              MINIO_ROOT_USER: mlflow""")
    pw = c.pw()
    f.p("password-minio-root-compose", pw, "      MINIO_ROOT_PASSWORD: \"%s\"" % pw)
    f.t("""
          mlflow:
            image: ghcr.io/mlflow/mlflow:v2.12.1
            environment:
              MLFLOW_S3_ENDPOINT_URL: http://minio:9000
              AWS_ACCESS_KEY_ID: mlflow""")
    f.n("template-compose-var", "${MINIO_ROOT_PASSWORD}", "      AWS_SECRET_ACCESS_KEY: ${MINIO_ROOT_PASSWORD}")
    pw = c.pw()
    f.p("password-mlflow-backend-uri", pw, """
            command: >
              mlflow server --host 0.0.0.0
              --backend-store-uri postgresql://mlflow:%s@postgres:5432/mlflow""" % pw)
    f.t("""
              --artifacts-destination s3://mlflow
              --app-name basic-auth""")

    f = c.file("mlops/mlflow/basic_auth.ini")
    f.t("""
        [mlflow]
        default_permission = READ
        database_uri = sqlite:///basic_auth.db
        admin_username = admin""")
    pw = c.pw()
    f.p("password-mlflow-basic-auth", pw, "admin_password = " + pw)
    f.t("authorization_function = mlflow.server.auth:authenticate_request_basic_auth")

    f = c.file("mlops/mlflow/basic_auth.default.ini")
    f.t("""
        # Defaults shipped with mlflow; override in basic_auth.ini.
        [mlflow]
        default_permission = READ
        database_uri = sqlite:///basic_auth.db
        admin_username = admin""")
    f.n("default-mlflow-basic-auth", "password1234", "admin_password = password1234")

    f = c.file("mlops/train/.env")
    f.t("""
        MLFLOW_TRACKING_URI=https://mlflow.acme.example
        MLFLOW_TRACKING_USERNAME=trainer""")
    pw = c.pw()
    f.p("password-mlflow-tracking-env", pw, "MLFLOW_TRACKING_PASSWORD=" + pw)
    k = c.hex(40)
    f.p("token-wandb-env", k, "WANDB_API_KEY=" + k)
    f.t("""
        WANDB_PROJECT=ranker
        WANDB_ENTITY=acme-ml""")
    k = c.hex(32)
    f.p("token-kaggle-env", k, "KAGGLE_KEY=" + k)
    f.t("KAGGLE_USERNAME=acmeml")

    # --- Weights & Biases, Kaggle, Hugging Face -------------------------------
    f = c.file("dotfiles/.netrc")
    k = c.hex(40)
    f.p("token-wandb-netrc", k, """
        machine api.wandb.ai
          login user
          password %s""" % k)

    f = c.file("mlops/train/train.py")
    f.t("""
        import os

        import wandb
        from huggingface_hub import HfApi, login
        from transformers import AutoModelForSequenceClassification

        MODEL = "acme/ranker-base\"""")
    rev = c.hex(40)
    f.n("sha-hf-revision", rev, "REVISION = \"%s\"  # pinned model commit" % rev)
    f.t("""


        def setup(offline: bool) -> None:
            if offline:""")
    tok = "hf_" + c.s(string.ascii_letters, 34)
    f.p("token-hf-login", tok, "        login(token=\"%s\")" % tok)
    f.t("""
                return""")
    f.n("env-python-getenv", "os.getenv(\"HF_TOKEN\")", "    api = HfApi(token=os.getenv(\"HF_TOKEN\"))")
    f.n("env-python-environ", "os.environ[\"WANDB_API_KEY\"]", "    wandb.login(key=os.environ[\"WANDB_API_KEY\"])")
    f.t("""
            api.whoami()


        def load():""")
    f.n("bool-hf-use-auth-token", "use_auth_token=True",
        "    return AutoModelForSequenceClassification.from_pretrained(MODEL, revision=REVISION, use_auth_token=True)")

    f = c.file("mlops/notebooks/wandb_sweep.py")
    f.t("""
        # Exported from Colab
        import wandb
""")
    k = c.hex(40)
    f.p("token-wandb-login", k, "wandb.login(key=\"%s\")" % k)
    f.t("""
        sweep_config = {"method": "bayes", "metric": {"name": "val_loss", "goal": "minimize"}}
        sweep_id = wandb.sweep(sweep_config, project="ranker")""")

    f = c.file("dotfiles/.kaggle/kaggle.json")
    k = c.hex(32)
    f.p("token-kaggle-json", k, "{\"username\":\"acmeml\",\"key\":\"%s\"}" % k)

    f = c.file("mlops/README.md")
    f.t("""
        # ML ops

        Download the competition data with the Kaggle CLI. Create `~/.kaggle/kaggle.json`:

        ```json""")
    f.n("placeholder-kaggle-json", "YOUR_KAGGLE_KEY", "{\"username\":\"YOUR_KAGGLE_USERNAME\",\"key\":\"YOUR_KAGGLE_KEY\"}")
    f.t("""
        ```

        Log in to the Hub with a read token:

        ```sh""")
    f.n("placeholder-hf-cli", "hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "huggingface-cli login --token hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")
    f.t("""
        ```

        The tracking server runs at https://mlflow.acme.example (ask #ml-platform for an account).""")

    f = c.file("dotfiles/.cache/huggingface/token")
    tok = "hf_" + c.s(string.ascii_letters, 34)
    f.p("token-hf-token-file", tok, tok)

    # --- Superset / Metabase -------------------------------------------------
    f = c.file("superset/superset_config.py")
    f.t("""
        import os

        ROW_LIMIT = 5000
        SUPERSET_WEBSERVER_PORT = 8088
""")
    sk = c.b64(42)
    f.p("secret-superset-secret-key", sk, "SECRET_KEY = \"%s\"" % sk)
    pw = c.pw()
    f.p("password-superset-sqlalchemy-uri", pw,
        "SQLALCHEMY_DATABASE_URI = \"postgresql+psycopg2://superset:%s@superset-db:5432/superset\"" % pw)
    f.n("env-python-getenv", "os.getenv(\"MAPBOX_API_KEY\", \"\")", "MAPBOX_API_KEY = os.getenv(\"MAPBOX_API_KEY\", \"\")")
    f.t("""
        SMTP_HOST = "smtp.acme.example"
        SMTP_PORT = 587
        SMTP_USER = "superset@acme.example\"""")
    pw = c.pw()
    f.p("password-superset-smtp", pw, "SMTP_PASSWORD = \"%s\"" % pw)
    site = "6L" + c.s(B64URL, 38)
    f.n("public-recaptcha-site-key", site, "RECAPTCHA_PUBLIC_KEY = \"%s\"" % site)
    priv = "6L" + c.s(B64URL, 38)
    f.p("secret-recaptcha-private-key", priv, "RECAPTCHA_PRIVATE_KEY = \"%s\"" % priv)
    f.t("""
        FEATURE_FLAGS = {"EMBEDDED_SUPERSET": True}""")
    f.n("placeholder-superset-guest-secret", "CHANGE_ME_TO_A_COMPLEX_RANDOM_SECRET",
        "GUEST_TOKEN_JWT_SECRET = \"CHANGE_ME_TO_A_COMPLEX_RANDOM_SECRET\"  # noqa")

    f = c.file("superset/docker/pythonpath_prod/superset_config.py")
    f.t("import os\n")
    f.n("env-python-environ", "os.environ[\"SUPERSET_SECRET_KEY\"]", "SECRET_KEY = os.environ[\"SUPERSET_SECRET_KEY\"]")
    f.n("template-python-fstring", "{os.environ['DATABASE_PASSWORD']}", """
        SQLALCHEMY_DATABASE_URI = (
            f"postgresql+psycopg2://{os.environ['DATABASE_USER']}:{os.environ['DATABASE_PASSWORD']}"
            f"@{os.environ['DATABASE_HOST']}:5432/{os.environ['DATABASE_DB']}"
        )""")

    f = c.file("metabase/.env")
    f.t("""
        MB_DB_TYPE=postgres
        MB_DB_DBNAME=metabase
        MB_DB_PORT=5432
        MB_DB_USER=metabase
        MB_DB_HOST=metabase-db""")
    pw = c.pw()
    f.p("password-metabase-env", pw, "MB_DB_PASS=" + pw)
    k = c.b64(32)
    f.p("key-metabase-encryption", k, "MB_ENCRYPTION_SECRET_KEY=" + k)
    f.t("MB_SITE_URL=https://bi.acme.example")

    f = c.file("metabase/docker-compose.prod.yml")
    f.t("""
        services:
          metabase:
            image: metabase/metabase:v0.49.8
            environment:
              MB_DB_TYPE: postgres
              MB_DB_USER: metabase""")
    f.n("path-docker-secret-file", "/run/secrets/mb_db_pass", "      MB_DB_PASS_FILE: /run/secrets/mb_db_pass")
    f.n("path-docker-secret-file", "/run/secrets/mb_encryption_key",
        "      MB_ENCRYPTION_SECRET_KEY_FILE: /run/secrets/mb_encryption_key")
    f.t("""
            secrets:
              - mb_db_pass
              - mb_encryption_key
        secrets:
          mb_db_pass:
            external: true
          mb_encryption_key:
            external: true""")

    # --- Great Expectations ---------------------------------------------------
    f = c.file("great_expectations/great_expectations.yml")
    f.t("""
        config_version: 3.0
        datasources:
          warehouse:
            class_name: Datasource
            execution_engine:
              class_name: SqlAlchemyExecutionEngine""")
    f.n("template-gx-config-var", "${WAREHOUSE_URL}", "      connection_string: ${WAREHOUSE_URL}")
    f.t("""
          orders_db:
            class_name: Datasource
            execution_engine:
              class_name: SqlAlchemyExecutionEngine
              credentials:
                drivername: postgresql
                host: orders-db.internal
                username: gx_reader""")
    f.n("template-gx-config-var", "${ORDERS_DB_PASSWORD}", "        password: ${ORDERS_DB_PASSWORD}")
    f.n("ref-gx-secret-manager", "secret|arn:aws:secretsmanager:eu-west-1:123456789012:secret:gx/snowflake-AbCdEf|password",
        "        snowflake_password: secret|arn:aws:secretsmanager:eu-west-1:123456789012:secret:gx/snowflake-AbCdEf|password")
    f.t("""
        config_variables_file_path: uncommitted/config_variables.yml
        plugins_directory: plugins/""")

    f = c.file("great_expectations/uncommitted/config_variables.yml")
    pw = c.pw()
    f.p("password-gx-config-variables", pw,
        "WAREHOUSE_URL: postgresql+psycopg2://gx:%s@warehouse.internal:5432/dw" % pw)
    pw = c.pw()
    f.p("password-gx-config-variables", pw, "ORDERS_DB_PASSWORD: " + pw)

    # --- Jupyter -----------------------------------------------------------
    f = c.file("jupyter/jupyter_server_config.py")
    f.t("""
        c = get_config()  # noqa

        c.ServerApp.ip = "0.0.0.0"
        c.ServerApp.port = 8888
        c.ServerApp.open_browser = False""")
    tok = c.hex(48)
    f.p("token-jupyter-config", tok, "c.IdentityProvider.token = \"%s\"" % tok)
    f.t("""
        c.ServerApp.allow_remote_access = True
        c.ServerApp.root_dir = "/home/jovyan/work\"""")

    f = c.file("jupyter/jupyter_notebook_config.py")
    f.t("c = get_config()  # noqa\n")
    h = "argon2:$argon2id$v=19$m=10240,t=10,p=8$%s$%s" % (c.b64(16).rstrip("="), c.b64(32).rstrip("="))
    f.n("hash-jupyter-argon2", h, "c.ServerApp.password = \"%s\"" % h)
    h = "sha1:%s:%s" % (c.hex(12), c.hex(40))
    f.n("hash-jupyter-sha1", h, "# c.NotebookApp.password = u\"%s\"" % h)
    f.n("empty-jupyter-token", "c.IdentityProvider.token = \"\"", "c.IdentityProvider.token = \"\"")
    f.t("c.ServerApp.password_required = True")

    # --- R -------------------------------------------------------------------
    f = c.file("reports/weekly-kpis.Rmd")
    f.t("""
        ---
        title: "Weekly KPIs"
        output: html_document
        params:
          week: "2024-W18"
        ---

        ```{r setup, include=FALSE}
        library(DBI)
        library(dplyr)
        ```

        ```{r connect}""")
    pw = c.pw()
    f.p("password-rmarkdown-dbconnect", pw, """
        con <- dbConnect(RPostgres::Postgres(), dbname = "dw", host = "warehouse.internal",
                         user = "analyst", password = "%s")""" % pw)
    f.t("""
        ```

        ```{r connect-safe, eval=FALSE}""")
    f.n("env-r-sys-getenv", "Sys.getenv(\"DW_PASSWORD\")", """
        con <- dbConnect(RPostgres::Postgres(), dbname = "dw", host = "warehouse.internal",
                         user = Sys.getenv("DW_USER"), password = Sys.getenv("DW_PASSWORD"))""")
    f.n("prompt-r-askpassword", "rstudioapi::askForPassword(\"Warehouse password\")",
        "pw <- rstudioapi::askForPassword(\"Warehouse password\")")
    f.n("ref-r-keyring", "keyring::key_get(\"warehouse\", \"analyst\")", "pw2 <- keyring::key_get(\"warehouse\", \"analyst\")")
    f.t("""
        ```

        ```{r}
        orders <- tbl(con, "orders") %>% filter(week == params$week) %>% collect()
        ```""")

    f = c.file("reports/.Renviron")
    tok = c.gh("ghp_")
    f.p("token-github-renviron", tok, "GITHUB_PAT=" + tok)
    k = c.hex(40)
    f.p("token-census-renviron", k, "CENSUS_API_KEY=" + k)
    f.t("R_LIBS_USER=~/R/library")

    # --- Streamlit -------------------------------------------------------------
    f = c.file("apps/dashboard/.streamlit/secrets.toml")
    f.t("""
        [connections.postgresql]
        dialect = "postgresql"
        host = "db.acme.example"
        port = "5432"
        database = "dashboard"
        username = "streamlit\"""")
    pw = c.pw()
    f.p("password-streamlit-secrets", pw, "password = \"%s\"" % pw)
    f.t("""

        [connections.snowflake]
        account = "acme-analytics"
        user = "STREAMLIT\"""")
    pw = c.pw()
    f.p("password-streamlit-secrets", pw, "password = \"%s\"" % pw)
    f.t("""
        warehouse = "BI"

        [gcp_service_account]
        type = "service_account"
        project_id = "acme-analytics"
        client_email = "dashboard@acme-analytics.iam.gserviceaccount.com\"""")
    pem = c.rsa_pem(2048, pkcs8=True)
    f.p("private-key-streamlit-secrets", pem[7], "private_key = \"%s\"" % ("\\n".join(pem) + "\\n"))

    f = c.file("apps/dashboard/.streamlit/secrets.toml.example")
    f.t("""
        [connections.postgresql]
        dialect = "postgresql"
        host = "localhost"
        username = "streamlit\"""")
    f.n("placeholder-streamlit-secrets", "xxx", "password = \"xxx\"")

    f = c.file("apps/dashboard/app.py")
    f.t("""
        import streamlit as st

        st.set_page_config(page_title="Orders", layout="wide")""")
    f.n("ref-streamlit-secrets", "st.secrets[\"connections\"][\"postgresql\"][\"password\"]",
        "pg_password = st.secrets[\"connections\"][\"postgresql\"][\"password\"]")
    f.t("""
        conn = st.connection("postgresql", type="sql")
        df = conn.query("select * from orders where created_at > now() - interval '7 days'", ttl=600)
        st.dataframe(df)""")

    # --- Label Studio ---------------------------------------------------------
    f = c.file("labeling/.env")
    f.t("""
        LABEL_STUDIO_HOST=https://label.acme.example
        DJANGO_DB=default
        POSTGRE_NAME=labelstudio
        POSTGRE_USER=labelstudio""")
    pw = c.pw()
    f.p("password-label-studio-env", pw, "POSTGRE_PASSWORD=" + pw)
    tok = c.hex(40)
    f.p("token-label-studio-env", tok, "LABEL_STUDIO_USER_TOKEN=" + tok)

    f = c.file("labeling/sync_tasks.py")
    f.t("""
        import os

        import requests
        from label_studio_sdk import Client

        LS_URL = "https://label.acme.example\"""")
    tok = c.hex(40)
    f.p("token-label-studio-client", tok, "ls = Client(url=LS_URL, api_key=\"%s\")" % tok)
    f.n("template-python-fstring", "Token {os.environ['LS_TOKEN']}",
        "HEADERS = {\"Authorization\": f\"Token {os.environ['LS_TOKEN']}\"}")
    f.t("""


        def export(project_id: int) -> list:
            url = f"{LS_URL}/api/projects/{project_id}/export?exportType=JSON"
            return requests.get(url, headers=HEADERS, timeout=60).json()""")

    # --- Prefect / Dagster ------------------------------------------------------
    f = c.file("orchestration/prefect/profiles.toml")
    f.t("""
        active = "cloud"

        [profiles.cloud]""")
    k = "pnu_" + c.alnum(36)
    f.p("token-prefect-profile", k, "PREFECT_API_KEY = \"%s\"" % k)
    u = "https://api.prefect.cloud/api/accounts/%s/workspaces/%s" % (c.uuid(), c.uuid())
    f.n("id-prefect-workspace-url", u, "PREFECT_API_URL = \"%s\"" % u)
    f.t("""

        [profiles.local]
        PREFECT_API_URL = "http://127.0.0.1:4200/api\"""")

    f = c.file("orchestration/prefect/prefect.yaml")
    f.t("""
        name: etl
        prefect-version: 2.19.0
        pull:
          - prefect.deployments.steps.git_clone:
              repository: https://github.com/acme/etl.git
              branch: main""")
    f.n("template-prefect-block", "{{ prefect.blocks.github-credentials.acme-etl }}",
        "      credentials: \"{{ prefect.blocks.github-credentials.acme-etl }}\"")
    f.t("""
        deployments:
          - name: nightly
            entrypoint: flows/nightly.py:nightly
            work_pool:
              name: k8s""")

    f = c.file("orchestration/prefect/flows/nightly.py")
    f.t("""
        from prefect import flow, task
        from prefect.blocks.system import Secret
""")
    f.n("ref-prefect-secret-block", "Secret.load(\"warehouse-password\").get()",
        "WAREHOUSE_PASSWORD = Secret.load(\"warehouse-password\").get()")
    f.t("""


        @task
        def extract() -> int:
            return 42


        @flow
        def nightly():
            extract()""")

    f = c.file("orchestration/dagster/dagster.yaml")
    f.t("""
        storage:
          postgres:
            postgres_db:
              username: dagster
              hostname: dagster-db
              db_name: dagster
              port: 5432""")
    f.n("env-dagster-yaml", "DAGSTER_PG_PASSWORD", """
              password:
                env: DAGSTER_PG_PASSWORD""")
    f.t("""
        run_coordinator:
          module: dagster.core.run_coordinator
          class: QueuedRunCoordinator""")

    f = c.file("orchestration/dagster/dagster.staging.yaml")
    f.t("""
        storage:
          postgres:
            postgres_db:
              username: dagster
              hostname: dagster-staging-db
              db_name: dagster""")
    pw = c.pw()
    f.p("password-dagster-yaml", pw, "      password: \"%s\"" % pw)
    f.t("      port: 5432")

    f = c.file("orchestration/dagster/agent-values.yaml")
    f.t("""
        dagsterCloud:
          deployment: prod
          branchDeployments: true""")
    tok = "agent:acme:" + c.hex(32)
    f.p("token-dagster-cloud-agent", tok, "  agentToken: \"%s\"" % tok)
    f.t("""
        workspace:
          namespace: dagster-agent""")


# ===========================================================================
# IoT, home automation, hardware
# ===========================================================================
def iot(c):
    r = c.r
    # --- Home Assistant ---------------------------------------------------------
    f = c.file("homeassistant/secrets.yaml")
    f.t("""
        # Use this file to store secrets like usernames and passwords.
        # Learn more at https://www.home-assistant.io/docs/configuration/secrets/
        home_latitude: 52.3731
        home_longitude: 4.8922""")
    pw = c.pw()
    f.p("password-ha-secrets", pw, "wifi_password: \"%s\"" % pw)
    pw = c.pw()
    f.p("password-ha-secrets", pw, "mqtt_password: " + pw)
    k = c.hex(32)
    f.p("api-key-ha-secrets", k, "openweathermap_api_key: " + k)
    t = c.tg()
    f.p("token-telegram-ha-secrets", t, "telegram_bot_token: \"%s\"" % t)
    k = c.hex(32)
    f.p("secret-spotify-ha-secrets", k, "spotify_client_secret: " + k)
    k = c.b64(64)
    f.p("token-influxdb-ha-secrets", k, "influxdb_token: \"%s\"" % k)
    f.t("""
        smtp_sender: homeassistant@example.net
        front_door_camera_ip: 192.168.1.31""")

    f = c.file("homeassistant/secrets.example.yaml")
    f.t("# Copy to secrets.yaml")
    f.n("placeholder-ha-secrets", "your-wifi-password", "wifi_password: \"your-wifi-password\"")
    f.n("placeholder-ha-secrets", "CHANGE_ME", "mqtt_password: CHANGE_ME")
    f.n("placeholder-ha-secrets", "<openweathermap api key>", "openweathermap_api_key: \"<openweathermap api key>\"")

    f = c.file("homeassistant/configuration.yaml")
    f.t("""
        homeassistant:
          name: Home
          latitude: !secret home_latitude
          longitude: !secret home_longitude
          unit_system: metric
          time_zone: Europe/Amsterdam

        default_config:

        http:
          ssl_certificate: /ssl/fullchain.pem
          ssl_key: /ssl/privkey.pem

        mqtt:
          sensor:
            - name: "Boiler temperature"
              state_topic: "boiler/temp"

        weather:
          - platform: openweathermap""")
    f.n("ref-ha-secret", "!secret openweathermap_api_key", "    api_key: !secret openweathermap_api_key")
    f.t("""
        notify:
          - name: mail
            platform: smtp
            server: smtp.example.net
            port: 587
            sender: !secret smtp_sender
            username: homeassistant@example.net""")
    pw = c.pw()
    f.p("password-ha-configuration", pw, "    password: \"%s\"" % pw)
    f.t("""
            recipient: owner@example.net

        influxdb:
          api_version: 2
          host: 192.168.1.25
          organization: home
          bucket: ha""")
    f.n("ref-ha-secret", "!secret influxdb_token", "  token: !secret influxdb_token")
    jwt = c.jwt({"iss": c.hex(32), "iat": 1714000000, "exp": 2029360000})
    f.p("jwt-ha-rest-command", jwt, """
        rest_command:
          garage_sync:
            url: "http://192.168.1.40:8123/api/services/cover/toggle"
            method: POST
            headers:
              authorization: "Bearer %s\"""" % jwt)
    f.t("""
            content_type: "application/json"
            payload: '{"entity_id": "cover.garage"}'""")

    f = c.file("homeassistant/.storage/auth")
    f.t("""
        {
          "version": 1,
          "minor_version": 1,
          "key": "auth",
          "data": {
            "users": [
              {""")
    uid = c.hex(32)
    f.n("id-ha-user", uid, "        \"id\": \"%s\"," % uid)
    f.t("""
                "group_ids": ["system-admin"],
                "is_owner": true,
                "is_active": true,
                "name": "Owner",
                "system_generated": false
              }
            ],
            "refresh_tokens": [
              {""")
    rid = c.hex(32)
    f.n("id-ha-refresh-token", rid, "        \"id\": \"%s\"," % rid)
    f.n("id-ha-user", uid, "        \"user_id\": \"%s\"," % uid)
    f.t("""
                "client_id": "http://homeassistant.local:8123/",
                "client_name": null,
                "token_type": "normal",
                "created_at": "2024-04-12T08:41:10.114271+00:00",
                "access_token_expiration": 1800.0,""")
    tok = c.hex(128)
    f.p("token-ha-refresh-token", tok, "        \"token\": \"%s\"," % tok)
    jk = c.hex(128)
    f.p("key-ha-refresh-jwt", jk, "        \"jwt_key\": \"%s\"," % jk)
    f.t("""
                "last_used_at": "2024-05-01T19:02:44.501120+00:00",
                "last_used_ip": "192.168.1.12"
              }
            ]
          }
        }""")

    # --- ESPHome -------------------------------------------------------------
    f = c.file("esphome/living-room.yaml")
    f.t("""
        esphome:
          name: living-room
          friendly_name: Living room

        esp32:
          board: esp32dev
          framework:
            type: arduino

        logger:

        api:
          encryption:""")
    k = c.b64(32)
    f.p("key-esphome-api-encryption", k, "    key: \"%s\"" % k)
    f.t("""

        ota:
          - platform: esphome""")
    k = c.hex(32)
    f.p("password-esphome-ota", k, "    password: \"%s\"" % k)
    f.t("""

        wifi:
          ssid: "Heimnetz\"""")
    pw = c.pw()
    f.p("password-esphome-wifi", pw, "  password: \"%s\"" % pw)
    f.t("""
          ap:
            ssid: "Living-Room Fallback Hotspot\"""")
    k = c.alnum(12)
    f.p("password-esphome-fallback-ap", k, "    password: \"%s\"" % k)
    f.t("""

        captive_portal:

        sensor:
          - platform: dht
            pin: GPIO4
            temperature:
              name: "Temperature"
            humidity:
              name: "Humidity"
            update_interval: 60s""")

    f = c.file("esphome/garage.yaml")
    f.t("""
        esphome:
          name: garage

        esp8266:
          board: d1_mini

        api:
          encryption:""")
    f.n("ref-esphome-secret", "!secret garage_api_key", "    key: !secret garage_api_key")
    f.t("""
        ota:
          - platform: esphome""")
    f.n("ref-esphome-secret", "!secret ota_password", "    password: !secret ota_password")
    f.t("""
        wifi:
          ssid: !secret wifi_ssid""")
    f.n("ref-esphome-secret", "!secret wifi_password", "  password: !secret wifi_password")
    f.t("""
        switch:
          - platform: gpio
            pin: D1
            name: "Garage door relay\"""")

    f = c.file("esphome/secrets.yaml")
    f.t("wifi_ssid: \"Heimnetz\"")
    pw = c.pw()
    f.p("password-esphome-secrets", pw, "wifi_password: \"%s\"" % pw)
    k = c.b64(32)
    f.p("key-esphome-secrets-api", k, "garage_api_key: \"%s\"" % k)
    k = c.hex(32)
    f.p("password-esphome-secrets", k, "ota_password: \"%s\"" % k)

    # --- Arduino / PlatformIO ------------------------------------------------------
    f = c.file("firmware/weather_station/weather_station.ino")
    f.t("/* Weather station: DHT22 + BMP280, reports to Blynk and MQTT */")
    tid = "TMPL" + c.alnum(9)
    f.n("id-blynk-template", tid, "#define BLYNK_TEMPLATE_ID \"%s\"" % tid)
    f.t("#define BLYNK_TEMPLATE_NAME \"Weather Station\"")
    tok = c.s(B64URL, 32)
    f.p("token-blynk-auth", tok, "#define BLYNK_AUTH_TOKEN \"%s\"" % tok)
    f.t("""

        #include <WiFi.h>
        #include <PubSubClient.h>
        #include <BlynkSimpleEsp32.h>

        const char* ssid = "Heimnetz-2G";""")
    pw = c.pw()
    f.p("password-arduino-wifi", pw, "const char* password = \"%s\";" % pw)
    f.t("""
        const char* mqtt_server = "192.168.1.20";
        const char* mqtt_user = "sensor";""")
    pw = c.pw()
    f.p("password-arduino-mqtt", pw, "const char* mqtt_pass = \"%s\";" % pw)
    f.t("""

        WiFiClient espClient;
        PubSubClient client(espClient);

        void reconnect() {
          while (!client.connected()) {
            String clientId = "weather-" + String(random(0xffff), HEX);
            if (client.connect(clientId.c_str(), mqtt_user, mqtt_pass)) {
              client.publish("weather/status", "online");
            } else {
              delay(5000);
            }
          }
        }

        void setup() {
          Serial.begin(115200);
          Blynk.begin(BLYNK_AUTH_TOKEN, ssid, password);
          client.setServer(mqtt_server, 1883);
        }

        void loop() {
          Blynk.run();
          if (!client.connected()) reconnect();
          client.loop();
        }""")

    f = c.file("firmware/door_sensor/door_sensor.ino")
    f.t("""
        #include <ESP8266WiFi.h>
        #include <ArduinoOTA.h>
        #include <PubSubClient.h>
        #include "arduino_secrets.h"

        WiFiClient net;
        PubSubClient mqtt(net);

        void setup() {""")
    f.n("ref-arduino-macro", "WiFi.begin(SECRET_SSID, SECRET_PASS);", "  WiFi.begin(SECRET_SSID, SECRET_PASS);")
    f.t("""
          while (WiFi.status() != WL_CONNECTED) delay(250);
          ArduinoOTA.setHostname("door-sensor");""")
    h = c.hex(32)
    f.n("hash-arduino-ota-md5", h, "  ArduinoOTA.setPasswordHash(\"%s\");" % h)
    f.t("""
          ArduinoOTA.begin();
          mqtt.setServer("192.168.1.20", 1883);""")
    pw = c.pw()
    f.p("password-arduino-mqtt-connect", pw, "  mqtt.connect(\"door-sensor\", \"homeassistant\", \"%s\");" % pw)
    f.t("""
        }

        void loop() {
          ArduinoOTA.handle();
          mqtt.loop();
        }""")

    f = c.file("firmware/door_sensor/arduino_secrets.h")
    f.t("#define SECRET_SSID \"Heimnetz\"")
    pw = c.pw()
    f.p("password-arduino-secrets-h", pw, "#define SECRET_PASS \"%s\"" % pw)

    f = c.file("firmware/door_sensor/arduino_secrets.h.example")
    f.t("#define SECRET_SSID \"\"")
    f.n("empty-arduino-secrets-h", "#define SECRET_PASS \"\"", "#define SECRET_PASS \"\"")

    f = c.file("firmware/garden_pump/garden_pump.ino")
    f.t("""
        #include <WiFi.h>
        #include <ArduinoOTA.h>

        const char* ssid = "YOUR_SSID";""")
    f.n("placeholder-arduino-wifi", "YOUR_PASSWORD", "const char* password = \"YOUR_PASSWORD\";")
    f.t("""

        void setup() {
          WiFi.begin(ssid, password);""")
    pw = c.pw()
    f.p("password-arduino-ota", pw, "  ArduinoOTA.setPassword(\"%s\");" % pw)
    f.t("""
          ArduinoOTA.begin();
          pinMode(26, OUTPUT);
        }

        void loop() {
          ArduinoOTA.handle();
        }""")

    f = c.file("firmware/platformio.ini")
    f.t("""
        [platformio]
        default_envs = esp32dev

        [env:esp32dev]
        platform = espressif32
        board = esp32dev
        framework = arduino
        monitor_speed = 115200
        build_flags =
            -DWIFI_SSID=\\"Heimnetz\\\"""")
    pw = c.pw()
    f.p("password-platformio-build-flag", pw, "    -DWIFI_PASS=\\\"%s\\\"" % pw)
    f.t("""
        upload_protocol = espota
        upload_port = 192.168.1.51
        upload_flags =""")
    pw = c.pw()
    f.p("password-platformio-ota-auth", pw, "    --auth=" + pw)
    f.t("""

        [env:ci]
        platform = espressif32
        board = esp32dev
        framework = arduino""")
    f.n("env-platformio-sysenv", "${sysenv.WIFI_PASS}", "build_flags = -DWIFI_SSID=\\\"${sysenv.WIFI_SSID}\\\" -DWIFI_PASS=\\\"${sysenv.WIFI_PASS}\\\"")

    # --- Node-RED ----------------------------------------------------------------
    f = c.file("node-red/flows_cred.json")
    f.t("{")
    nid1 = c.hex(16)
    pw = c.pw()
    f.p("password-node-red-creds-plain", pw, """
            "%s": {
                "user": "nodered",
                "password": "%s"
            },""" % (nid1, pw))
    t = c.tg()
    f.p("token-telegram-node-red-creds", t, """
            "%s": {
                "token": "%s"
            },""" % (c.hex(16), t))
    k = c.hex(32)
    f.p("api-key-node-red-creds", k, """
            "%s": {
                "apikey": "%s"
            }""" % (c.hex(16), k))
    f.t("}")

    f = c.file("node-red/flows.json")
    f.t("[")
    tab = c.hex(16)
    f.n("id-node-red-node", tab, "    {\"id\": \"%s\", \"type\": \"tab\", \"label\": \"Heating\", \"disabled\": false, \"info\": \"\"}," % tab)
    f.n("id-node-red-node", nid1, "    {\"id\": \"%s\", \"type\": \"mqtt-broker\", \"name\": \"mosquitto\", \"broker\": \"192.168.1.20\", \"port\": \"1883\", \"clientid\": \"\", \"usetls\": false}," % nid1)
    k = c.hex(32)
    f.p("api-key-node-red-url", k, "    {\"id\": \"%s\", \"type\": \"http request\", \"z\": \"%s\", \"method\": \"GET\", \"url\": \"https://api.openweathermap.org/data/2.5/weather?q=Utrecht&appid=%s\", \"wires\": [[]]}," % (c.hex(16), tab, k))
    f.t("    {\"type\": \"debug\", \"name\": \"out\", \"active\": true, \"complete\": \"payload\", \"wires\": []}")
    f.t("]")

    f = c.file("node-red-prod/flows_cred.json")
    ct = c.hex(32) + c.b64(180)
    f.n("ciphertext-node-red-creds", ct, "{\"$\":\"%s\"}" % ct)

    f = c.file("node-red/settings.js")
    f.t("""
        module.exports = {
            flowFile: 'flows.json',""")
    sec = c.alnum(24)
    f.p("secret-node-red-credential-secret", sec, "    credentialSecret: \"%s\"," % sec)
    f.t("""
            uiPort: process.env.PORT || 1880,
            adminAuth: {
                type: "credentials",
                users: [{
                    username: "admin",""")
    h = c.bcrypt()
    f.n("hash-node-red-admin-bcrypt", h, "            password: \"%s\"," % h)
    f.t("""
                    permissions: "*"
                }]
            },
            logging: { console: { level: "info", metrics: false, audit: false } },
            editorTheme: { projects: { enabled: false } }
        };""")

    f = c.file("node-red-prod/settings.js")
    f.t("""
        module.exports = {
            flowFile: 'flows.json',""")
    f.n("env-js-process-env", "process.env.NODE_RED_CREDENTIAL_SECRET", "    credentialSecret: process.env.NODE_RED_CREDENTIAL_SECRET,")
    f.t("""
            uiPort: 1880
        };""")

    # --- Mosquitto -----------------------------------------------------------
    f = c.file("mosquitto/config/passwd")
    for user in ("homeassistant", "zigbee2mqtt", "sensor"):
        h = "$7$101$%s$%s" % (c.b64(12), c.b64(64))
        f.n("hash-mosquitto-pbkdf2", h, "%s:%s" % (user, h))

    f = c.file("mosquitto/config/passwd.plain")
    pw = c.pw()
    f.p("password-mosquitto-passwd-plain", pw, "frigate:" + pw)
    pw = c.pw()
    f.p("password-mosquitto-passwd-plain", pw, "nodered:" + pw)

    f = c.file("mosquitto/config/mosquitto.conf")
    f.t("""
        persistence true
        persistence_location /mosquitto/data/
        log_dest file /mosquitto/log/mosquitto.log

        listener 1883
        allow_anonymous false
        password_file /mosquitto/config/passwd

        # Bridge to the cloud broker
        connection cloud-bridge
        address a1b2c3.s1.eu.hivemq.cloud:8883
        topic home/# out 1
        remote_username edge01""")
    pw = c.pw()
    f.p("password-mosquitto-bridge", pw, "remote_password " + pw)
    f.t("""
        bridge_insecure false

        connection site-b
        address 203.0.113.17:8884
        bridge_identity gw01""")
    psk = c.hex(32)
    f.p("psk-mosquitto-bridge", psk, "bridge_psk " + psk)
    f.t("topic sensors/# both 0")

    # --- Tasmota -------------------------------------------------------------
    f = c.file("tasmota/backlog.txt")
    f.t("# paste into the Tasmota console after flashing")
    pw = c.pw()
    f.p("password-tasmota-backlog", pw, "Backlog SSID1 Heimnetz; Password1 %s" % pw)
    pw = c.pw()
    f.p("password-tasmota-backlog", pw, "Backlog MqttHost 192.168.1.20; MqttUser tasmota; MqttPassword %s" % pw)
    f.t("Backlog Topic plug_%06X; SetOption19 1; TelePeriod 60")

    f = c.file("tasmota/user_config_override.h")
    f.t("""
        #ifndef _USER_CONFIG_OVERRIDE_H_
        #define _USER_CONFIG_OVERRIDE_H_

        #undef  STA_SSID1
        #define STA_SSID1         "Heimnetz"
        #undef  STA_PASS1""")
    pw = c.pw()
    f.p("password-tasmota-override", pw, "#define STA_PASS1         \"%s\"" % pw)
    f.t("""
        #undef  STA_SSID2
        #define STA_SSID2         ""
        #undef  STA_PASS2""")
    f.n("empty-tasmota-override", "#define STA_PASS2         \"\"", "#define STA_PASS2         \"\"")
    f.t("""
        #undef  MQTT_HOST
        #define MQTT_HOST         "192.168.1.20"
        #undef  MQTT_USER
        #define MQTT_USER         "tasmota"
        #undef  MQTT_PASS""")
    pw = c.pw()
    f.p("password-tasmota-override", pw, "#define MQTT_PASS         \"%s\"" % pw)
    f.t("""

        #endif  // _USER_CONFIG_OVERRIDE_H_""")

    # --- Zigbee2MQTT -------------------------------------------------------------
    f = c.file("zigbee2mqtt/data/configuration.yaml")
    f.t("""
        homeassistant: true
        permit_join: false
        mqtt:
          base_topic: zigbee2mqtt
          server: mqtt://192.168.1.20
          user: zigbee2mqtt""")
    f.n("ref-z2m-secret", "'!secret.yaml password'", "  password: '!secret.yaml password'")
    f.t("""
        serial:
          port: /dev/ttyUSB0
          adapter: ezsp
        advanced:
          pan_id: 6754""")
    ext = "[%s]" % ", ".join(str(r.randrange(256)) for _ in range(8))
    f.n("id-z2m-ext-pan-id", ext, "  ext_pan_id: " + ext)
    nk = "[%s]" % ", ".join(str(r.randrange(256)) for _ in range(16))
    f.p("key-z2m-network-key", nk, "  network_key: " + nk)
    f.t("""
          channel: 15
          log_level: info
        frontend:
          port: 8080""")
    tok = c.alnum(32)
    f.p("token-z2m-frontend-auth", tok, "  auth_token: " + tok)

    f = c.file("zigbee2mqtt/data/secret.yaml")
    pw = c.pw()
    f.p("password-z2m-secret-yaml", pw, "password: " + pw)

    f = c.file("zigbee2mqtt-new/data/configuration.yaml")
    f.t("""
        homeassistant: true
        mqtt:
          base_topic: zigbee2mqtt
          server: mqtt://localhost
        serial:
          port: /dev/ttyACM0
        advanced:
          pan_id: GENERATE
          ext_pan_id: GENERATE""")
    f.n("keyword-z2m-generate", "GENERATE", "  network_key: GENERATE")

    # --- OctoPrint ----------------------------------------------------------------
    f = c.file("octoprint/config.yaml")
    f.t("""
        accessControl:
          enabled: true""")
    k = c.HEX(32)
    f.p("api-key-octoprint-config", k, """
        api:
          key: %s""" % k)
    f.t("""
        plugins:
          _disabled:
            - announcements
          softwareupdate:
            check_overlay_url: https://plugins.octoprint.org/update_check.json
        printerProfiles:
          default: _default""")
    sk = c.alnum(32)
    f.p("secret-octoprint-server-key", sk, """
        server:
          secretKey: %s""" % sk)
    f.t("""
          onlineCheck:
            enabled: true
        webcam:
          stream: /webcam/?action=stream
          snapshot: http://127.0.0.1:8080/?action=snapshot""")

    f = c.file("octoprint/users.yaml")
    f.t("""
        admin:
          active: true""")
    k = c.HEX(32)
    f.p("api-key-octoprint-user", k, "  apikey: " + k)
    f.t("  groups: [admins, users]")
    h = c.hex(128)
    f.n("hash-octoprint-user", h, "  password: " + h)
    f.t("""
          permissions: []
          roles: [user, admin]
          settings: {}
        viewer:
          active: true""")
    f.n("null-octoprint-apikey", "apikey: null", "  apikey: null")
    f.t("  groups: [readonly]")
    h = c.hex(128)
    f.n("hash-octoprint-user", h, "  password: " + h)
    f.t("  settings: {}")

    # --- Frigate -------------------------------------------------------------
    f = c.file("frigate/config.yml")
    f.t("""
        mqtt:
          enabled: true
          host: 192.168.1.20
          user: frigate""")
    f.n("template-frigate-env", "{FRIGATE_MQTT_PASSWORD}", "  password: \"{FRIGATE_MQTT_PASSWORD}\"")
    f.t("""
        detectors:
          coral:
            type: edgetpu
            device: usb
        go2rtc:
          streams:""")
    pw = c.pw()
    f.p("password-frigate-go2rtc-url", pw, "    driveway: rtsp://viewer:%s@192.168.1.33:554/Streaming/Channels/101" % pw)
    f.t("""
        cameras:
          front_door:
            ffmpeg:
              inputs:""")
    f.n("template-frigate-env", "{FRIGATE_RTSP_PASSWORD}",
        "        - path: rtsp://{FRIGATE_RTSP_USER}:{FRIGATE_RTSP_PASSWORD}@192.168.1.31:554/cam/realmonitor?channel=1&subtype=0")
    f.t("""
                  roles: [detect, record]
          backyard:
            ffmpeg:
              inputs:""")
    pw = c.pw()
    f.p("password-frigate-rtsp-url", pw, "        - path: rtsp://admin:%s@192.168.1.32:554/stream1" % pw)
    f.t("""
                  roles: [detect]
            detect:
              width: 1280
              height: 720""")

    f = c.file("frigate/docker-compose.yml")
    f.t("""
        services:
          frigate:
            image: ghcr.io/blakeblackshear/frigate:0.13.2
            shm_size: "256mb"
            privileged: true
            environment:
              FRIGATE_RTSP_USER: admin""")
    pw = c.pw()
    f.p("password-frigate-compose-env", pw, "      FRIGATE_RTSP_PASSWORD: \"%s\"" % pw)
    f.n("template-compose-var", "${FRIGATE_MQTT_PASSWORD}", "      FRIGATE_MQTT_PASSWORD: ${FRIGATE_MQTT_PASSWORD}")
    f.t("""
            volumes:
              - ./config.yml:/config/config.yml
              - /srv/frigate:/media/frigate
            ports:
              - "5000:5000\"""")

    # --- Pi-hole ---------------------------------------------------------------
    f = c.file("pihole/etc-pihole/setupVars.conf")
    f.t("""
        PIHOLE_INTERFACE=eth0
        IPV4_ADDRESS=192.168.1.2/24
        QUERY_LOGGING=true
        INSTALL_WEB_SERVER=true
        INSTALL_WEB_INTERFACE=true
        LIGHTTPD_ENABLED=true
        CACHE_SIZE=10000
        DNS_FQDN_REQUIRED=true
        DNS_BOGUS_PRIV=true
        DNSMASQ_LISTENING=local""")
    h = c.hex(64)
    f.p("token-pihole-webpassword-hash", h, "WEBPASSWORD=" + h)
    f.t("""
        BLOCKING_ENABLED=true
        PIHOLE_DNS_1=9.9.9.9
        PIHOLE_DNS_2=149.112.112.112""")

    f = c.file("pihole/etc-pihole/pihole.toml")
    f.t("""
        [webserver]
          domain = "pi.hole"
          port = "80o,443os,[::]:80o,[::]:443os"

          [webserver.api]""")
    h = "$BALLOON-SHA256$v=1$s=1024,t=32$%s$%s" % (c.b64(16), c.b64(32))
    f.n("hash-pihole-pwhash", h, "    pwhash = \"%s\"" % h)
    f.n("empty-pihole-app-pwhash", "app_pwhash = \"\"", "    app_pwhash = \"\"")
    k = c.b32(32)
    f.p("totp-pihole-secret", k, "    totp_secret = \"%s\"" % k)
    f.t("""
            max_sessions = 16""")

    f = c.file("pihole/docker-compose.yml")
    f.t("""
        services:
          pihole:
            container_name: pihole
            image: pihole/pihole:2024.05.0
            ports:
              - "53:53/tcp"
              - "53:53/udp"
              - "8081:80/tcp"
            environment:
              TZ: 'Europe/Amsterdam'""")
    pw = c.pw()
    f.p("password-pihole-compose", pw, "      WEBPASSWORD: '%s'" % pw)
    f.t("""
            volumes:
              - './etc-pihole:/etc/pihole'
            restart: unless-stopped
          pihole-v6:
            image: pihole/pihole:2025.02.0
            environment:""")
    pw = c.pw()
    f.p("password-pihole-compose", pw, "      FTLCONF_webserver_api_password: '%s'" % pw)
    f.n("path-docker-secret-file", "/run/secrets/pihole_webpassword", "      WEBPASSWORD_FILE: /run/secrets/pihole_webpassword")

    # --- UniFi --------------------------------------------------------------------
    f = c.file("unifi/config.gateway.json")
    f.t("""
        {
          "interfaces": {
            "ethernet": {
              "eth0": {
                "pppoe": {
                  "0": {
                    "default-route": "auto",
                    "mtu": "1492",""")
    pw = c.pw()
    f.p("password-unifi-pppoe", pw, """
                    "name-server": "auto",
                    "password": "%s",
                    "user-id": "isp123456@provider.example\"""" % pw)
    f.t("""
                  }
                }
              }
            }
          }
        }""")

    f = c.file("unifi/backup/wlanconf.json")
    f.t("[")
    wid = c.hex(24)
    f.n("id-unifi-object", wid, "  {\"_id\": \"%s\", \"name\": \"Heimnetz\", \"enabled\": true, \"security\": \"wpapsk\"," % wid)
    pw = c.pw()
    f.p("password-unifi-wlan-passphrase", pw, "   \"x_passphrase\": \"%s\", \"wpa_mode\": \"wpa2\"}," % pw)
    f.t("  {\"name\": \"Guest\", \"enabled\": true, \"security\": \"open\", \"is_guest\": true}")
    f.t("]")

    f = c.file("unifi/backup/admin.json")
    f.t("""
        {
          "name": "admin",
          "email": "netadmin@example.net",""")
    h = c.crypt6()
    f.n("hash-unifi-x-shadow", h, "  \"x_shadow\": \"%s\"," % h)
    f.t("""
          "time_created": 1650000000,
          "requires_new_password": false
        }""")

    f = c.file("unifi/data/system.properties")
    f.t("""
        ## system.properties
        unifi.http.port=8080
        unifi.https.port=8443
        db.mongo.local=false""")
    pw = c.pw()
    f.p("password-unifi-mongo-uri", pw, "db.mongo.uri=mongodb://unifi:%s@mongo:27017/unifi" % pw)
    f.t("statdb.mongo.uri=mongodb://mongo:27017/unifi_stat")
    u = c.uuid()
    f.n("id-unifi-uuid", u, "uuid=" + u)


# ===========================================================================
# Desktop and developer tools
# ===========================================================================
def desktop(c):
    r = c.r
    # --- Electron ------------------------------------------------------------
    f = c.file("desktop/electron-builder.yml")
    f.t("""
        appId: com.acme.notes
        productName: Acme Notes
        directories:
          output: dist
        mac:
          category: public.app-category.productivity
          hardenedRuntime: true
          notarize:""")
    f.n("id-apple-team", "teamId: 7Q2XK4M9ZB", "    teamId: 7Q2XK4M9ZB")
    f.t("""
        win:
          target: nsis""")
    f.n("path-electron-certificate", "build/certs/acme-codesign.pfx", "  certificateFile: build/certs/acme-codesign.pfx")
    f.n("template-electron-env", "${env.WIN_CSC_KEY_PASSWORD}", "  certificatePassword: ${env.WIN_CSC_KEY_PASSWORD}")
    f.t("""
        publish:
          provider: github
          owner: acme
          repo: notes-desktop
          private: true""")
    tok = c.gh("ghp_")
    f.p("token-github-electron-builder", tok, "  token: " + tok)

    f = c.file("desktop/scripts/notarize.js")
    f.t("""
        const { notarize } = require('@electron/notarize');

        exports.default = async function notarizing(context) {
          const { electronPlatformName, appOutDir } = context;
          if (electronPlatformName !== 'darwin') return;
          const appName = context.packager.appInfo.productFilename;
          if (process.env.CI) {
            return notarize({
              appPath: `${appOutDir}/${appName}.app`,
              appleId: process.env.APPLE_ID,""")
    f.n("env-js-process-env", "process.env.APPLE_APP_SPECIFIC_PASSWORD", "      appleIdPassword: process.env.APPLE_APP_SPECIFIC_PASSWORD,")
    f.t("""
              teamId: '7Q2XK4M9ZB',
            });
          }
          if (process.env.USE_KEYCHAIN) {
            return notarize({
              appPath: `${appOutDir}/${appName}.app`,""")
    f.n("ref-keychain-notarize", "@keychain:AC_PASSWORD", "      keychainProfile: '@keychain:AC_PASSWORD',")
    f.t("""
            });
          }
          return notarize({
            appPath: `${appOutDir}/${appName}.app`,
            appleId: 'release@acme.example',""")
    asp = "-".join(c.s(string.ascii_lowercase, 4) for _ in range(4))
    f.p("password-apple-app-specific", asp, "    appleIdPassword: '%s'," % asp)
    f.t("""
            teamId: '7Q2XK4M9ZB',
          });
        };""")

    f = c.file("desktop/src/main/updater.ts")
    f.t("""
        import { autoUpdater } from 'electron-updater';
        import Store from 'electron-store';

        export function initUpdater(): void {
          autoUpdater.setFeedURL({
            provider: 'github',
            owner: 'acme',
            repo: 'notes-desktop',
            private: true,""")
    tok = c.gh("ghp_")
    f.p("token-github-electron-updater", tok, "    token: '%s'," % tok)
    f.t("""
          });
          autoUpdater.checkForUpdatesAndNotify();
        }
""")
    k = c.hex(64)
    f.p("key-electron-store-encryption", k, "export const store = new Store({ name: 'prefs', encryptionKey: '%s' });" % k)
    f.n("env-js-process-env", "process.env.CACHE_STORE_KEY",
        "export const cache = new Store({ name: 'cache', encryptionKey: process.env.CACHE_STORE_KEY });")
    sha = c.hex(40)
    f.n("sha-electron-build-commit", sha, "export const BUILD_COMMIT = '%s';" % sha)

    f = c.file("desktop/package.json")
    f.t("""
        {
          "name": "acme-notes",
          "version": "3.4.1",
          "main": "dist/main/index.js",
          "scripts": {
            "start": "electron .",
            "dist": "electron-builder --publish never"
          },""")
    integ = "sha512-" + c.b64(64)
    f.n("sri-package-json", integ, "  \"_integrity\": \"%s\"," % integ)
    f.t("""
          "devDependencies": {
            "electron": "30.0.1",
            "electron-builder": "24.13.3"
          }
        }""")

    # --- VS Code ----------------------------------------------------------
    f = c.file(".vscode/settings.json")
    f.t("""
        {
          "editor.formatOnSave": true,
          "files.exclude": { "**/__pycache__": true },
          "sqltools.connections": [
            {
              "name": "reporting (prod)",
              "driver": "PostgreSQL",
              "server": "reporting-db.acme.example",
              "port": 5432,
              "database": "reporting",
              "username": "analyst",""")
    pw = c.pw()
    f.p("password-vscode-sqltools", pw, "      \"password\": \"%s\"" % pw)
    f.t("""
            },
            {
              "name": "local",
              "driver": "PostgreSQL",
              "server": "localhost",
              "database": "app",
              "username": "app",""")
    f.n("prompt-vscode-sqltools", "\"askForPassword\": true", "      \"askForPassword\": true")
    f.t("""
            }
          ],
          "rest-client.environmentVariables": {
            "$shared": { "version": "v2" },
            "local": {
              "baseUrl": "http://localhost:8000",""")
    f.n("template-rest-client-dotenv", "{{$dotenv API_KEY}}", "      \"apiKey\": \"{{$dotenv API_KEY}}\"")
    f.t("""
            },
            "prod": {
              "baseUrl": "https://api.acme.example",""")
    k = c.alnum(40)
    f.p("api-key-vscode-rest-client-env", k, "      \"apiKey\": \"%s\"" % k)
    f.t("""
            }
          }
        }""")

    f = c.file(".vscode/launch.json")
    f.t("""
        {
          "version": "0.2.0",
          "inputs": [
            { "id": "dbPassword", "type": "promptString", "description": "Database password", "password": true }
          ],
          "configurations": [
            {
              "name": "API (local db)",
              "type": "node",
              "request": "launch",
              "program": "${workspaceFolder}/src/server.ts",""")
    f.n("path-vscode-envfile", "${workspaceFolder}/.env", "      \"envFile\": \"${workspaceFolder}/.env\",")
    f.t("      \"env\": {")
    pw = c.pw()
    f.p("password-vscode-launch-env", pw, "        \"DATABASE_URL\": \"postgres://app:%s@localhost:5432/app\"," % pw)
    f.n("template-vscode-env", "${env:STRIPE_SECRET_KEY}", "        \"STRIPE_SECRET_KEY\": \"${env:STRIPE_SECRET_KEY}\",")
    f.n("template-vscode-input", "${input:dbPassword}", "        \"PGPASSWORD\": \"${input:dbPassword}\"")
    f.t("""
              }
            },
            {
              "name": "Worker (staging)",
              "type": "python",
              "request": "launch",
              "module": "worker",
              "env": {""")
    sec = c.aws_secret()
    f.p("aws-secret-vscode-launch-env", sec, "        \"AWS_SECRET_ACCESS_KEY\": \"%s\"," % sec)
    f.t("""
                "AWS_REGION": "eu-west-1"
              }
            }
          ]
        }""")

    f = c.file(".vscode/sftp.json")
    f.t("""
        [
          {
            "name": "web01",
            "host": "web01.acme.example",
            "protocol": "sftp",
            "port": 22,
            "username": "deploy",""")
    pw = c.pw()
    f.p("password-vscode-sftp", pw, "    \"password\": \"%s\"," % pw)
    f.t("""
            "remotePath": "/var/www/site",
            "uploadOnSave": true
          },
          {
            "name": "web02",
            "host": "web02.acme.example",
            "protocol": "sftp",
            "username": "deploy",""")
    f.n("path-vscode-sftp-key", "~/.ssh/deploy_ed25519", "    \"privateKeyPath\": \"~/.ssh/deploy_ed25519\",")
    f.n("prompt-vscode-sftp", "\"passphrase\": true", "    \"passphrase\": true,")
    f.t("""
            "remotePath": "/var/www/site"
          }
        ]""")

    # --- JetBrains --------------------------------------------------------------
    f = c.file(".idea/dataSources.xml")
    f.t("""
        <?xml version="1.0" encoding="UTF-8"?>
        <project version="4">
          <component name="DataSourceManagerImpl" format="xml" multifile-model="true">""")
    u = c.uuid()
    f.n("id-jetbrains-datasource", u, "    <data-source source=\"LOCAL\" name=\"app@localhost\" uuid=\"%s\">" % u)
    f.t("""
              <driver-ref>postgresql</driver-ref>
              <synchronize>true</synchronize>
              <jdbc-driver>org.postgresql.Driver</jdbc-driver>
              <jdbc-url>jdbc:postgresql://localhost:5432/app</jdbc-url>
            </data-source>""")
    u = c.uuid()
    f.n("id-jetbrains-datasource", u, "    <data-source source=\"LOCAL\" name=\"shop@legacy\" uuid=\"%s\">" % u)
    f.t("""
              <driver-ref>mysql.8</driver-ref>
              <jdbc-driver>com.mysql.cj.jdbc.Driver</jdbc-driver>""")
    pw = c.pw()
    f.p("password-jetbrains-jdbc-url", pw,
        "      <jdbc-url>jdbc:mysql://legacy-db.acme.example:3306/shop?user=shop&amp;password=%s</jdbc-url>" % pw)
    f.t("""
            </data-source>
          </component>
        </project>""")

    f = c.file(".idea/dataSources.local.xml")
    f.t("""
        <?xml version="1.0" encoding="UTF-8"?>
        <project version="4">
          <component name="dataSourceStorageLocal" created-in="IU-241.15989.150">""")
    u = c.uuid()
    f.n("id-jetbrains-datasource", u, "    <data-source name=\"app@localhost\" uuid=\"%s\">" % u)
    f.t("""
              <database-info product="PostgreSQL" version="16.2" jdbc-version="4.2" />""")
    f.n("ref-jetbrains-secret-storage", "<secret-storage>master_key</secret-storage>", "      <secret-storage>master_key</secret-storage>")
    f.t("""
              <user-name>app</user-name>
              <schema-mapping />
            </data-source>
          </component>
        </project>""")

    f = c.file(".idea/workspace.xml")
    f.t("""
        <?xml version="1.0" encoding="UTF-8"?>
        <project version="4">
          <component name="RunManager" selected="Spring Boot.ApiApplication">
            <configuration name="ApiApplication" type="SpringBootApplicationConfigurationType">
              <module name="api" />
              <option name="SPRING_BOOT_MAIN_CLASS" value="com.acme.api.ApiApplication" />
              <envs>
                <env name="SPRING_PROFILES_ACTIVE" value="dev" />""")
    pw = c.pw()
    f.p("password-jetbrains-run-config-env", pw, "          <env name=\"DB_PASSWORD\" value=\"%s\" />" % pw)
    sec = c.aws_secret()
    f.p("aws-secret-jetbrains-run-config", sec, "          <env name=\"AWS_SECRET_ACCESS_KEY\" value=\"%s\" />" % sec)
    f.t("""
              </envs>""")
    f.n("template-jetbrains-macro", "$PROJECT_DIR$/.env", "        <option name=\"ENV_FILE\" value=\"$PROJECT_DIR$/.env\" />")
    f.t("""
              <method v="2">
                <option name="Make" enabled="true" />
              </method>
            </configuration>
          </component>""")
    f.n("id-jetbrains-task", "<id>LOCAL-00042</id>", """
          <component name="TaskManager">
            <task id="LOCAL-00042" summary="fix pagination">
              <id>LOCAL-00042</id>""")
    f.t("""
              <created>1714560000000</created>
            </task>
          </component>
        </project>""")

    f = c.file(".idea/runConfigurations/Worker.xml")
    f.t("""
        <component name="ProjectRunConfigurationManager">
          <configuration default="false" name="Worker" type="PythonConfigurationType" factoryName="Python">
            <module name="worker" />
            <option name="INTERPRETER_OPTIONS" value="" />
            <envs>
              <env name="PYTHONUNBUFFERED" value="1" />""")
    k = c.b64(32)
    f.p("secret-jetbrains-run-config-env", k, "      <env name=\"JWT_SECRET\" value=\"%s\" />" % k)
    f.n("template-jetbrains-macro", "$USER_HOME$/.config/acme/worker.env", "      <env name=\"CONFIG_FILE\" value=\"$USER_HOME$/.config/acme/worker.env\" />")
    f.t("""
            </envs>
            <option name="SCRIPT_NAME" value="$PROJECT_DIR$/worker/main.py" />
          </configuration>
        </component>""")

    # --- DBeaver ------------------------------------------------------------------
    f = c.file(".dbeaver/data-sources.json")
    f.t("""
        {
          "folders": {},
          "connections": {""")
    cid = "postgres-jdbc-%s-%s" % (c.hex(11), c.hex(16))
    f.n("id-dbeaver-connection", cid, "    \"%s\": {" % cid)
    f.t("""
              "provider": "postgresql",
              "driver": "postgres-jdbc",
              "name": "reporting",
              "save-password": true,
              "configuration": {
                "host": "reporting-db.acme.example",
                "port": "5432",
                "database": "reporting",
                "url": "jdbc:postgresql://reporting-db.acme.example:5432/reporting",
                "type": "prod",""")
    pw = c.pw()
    f.p("password-dbeaver-data-sources", pw, """
                "user": "reporting_ro",
                "password": "%s",""" % pw)
    f.t("""
                "auth-model": "native",
                "handlers": {
                  "ssh_tunnel": {
                    "type": "TUNNEL",
                    "enabled": true,
                    "save-password": false,
                    "properties": {
                      "host": "bastion.acme.example",
                      "authType": "PUBLIC_KEY",""")
    f.n("path-dbeaver-ssh-key", "~/.ssh/bastion_ed25519", "              \"keyPath\": \"~/.ssh/bastion_ed25519\"")
    f.t("""
                    }
                  }
                }
              }
            }
          }
        }""")

    # --- FileZilla, WinSCP, PuTTY, mRemoteNG, Remmina --------------------------------
    f = c.file("ops/filezilla/sitemanager.xml")
    f.t("""
        <?xml version="1.0" encoding="UTF-8" standalone="yes" ?>
        <FileZilla3 version="3.66.5" platform="windows">
            <Servers>
                <Server>
                    <Host>ftp.acme-hosting.example</Host>
                    <Port>21</Port>
                    <Protocol>0</Protocol>
                    <Type>0</Type>""")
    pw = c.pw()
    b = base64.b64encode(pw.encode()).decode()
    f.p("password-filezilla-base64", b, """
                    <User>acmeweb</User>
                    <Pass encoding="base64">%s</Pass>""" % b)
    f.t("""
                    <Logontype>1</Logontype>
                    <Name>acme shared hosting</Name>
                </Server>
                <Server>
                    <Host>sftp.partner.example</Host>
                    <Port>22</Port>
                    <Protocol>1</Protocol>""")
    ct = c.b64(48)
    f.n("ciphertext-filezilla-crypt", ct, """
                    <User>acme_export</User>
                    <Pass encoding="crypt" pubkey="%s">%s</Pass>""" % (c.b64(64), ct))
    f.t("""
                    <Logontype>1</Logontype>
                    <Name>partner sftp</Name>
                </Server>
                <Server>
                    <Host>files.acme.example</Host>
                    <Port>22</Port>
                    <Protocol>1</Protocol>
                    <User>ops</User>""")
    f.n("path-filezilla-keyfile", "C:\\Users\\ops\\.ssh\\files.ppk", "            <Keyfile>C:\\Users\\ops\\.ssh\\files.ppk</Keyfile>")
    f.t("""
                    <Logontype>5</Logontype>
                    <Name>files (key)</Name>
                </Server>
            </Servers>
        </FileZilla3>""")

    f = c.file("ops/filezilla/recentservers.xml")
    f.t("""
        <?xml version="1.0" encoding="UTF-8" standalone="yes" ?>
        <FileZilla3 version="3.66.5" platform="windows">
            <RecentServers>
                <Server>
                    <Host>203.0.113.40</Host>
                    <Port>21</Port>
                    <Protocol>0</Protocol>""")
    pw = c.pw()
    b = base64.b64encode(pw.encode()).decode()
    f.p("password-filezilla-base64", b, """
                    <User>backup</User>
                    <Pass encoding="base64">%s</Pass>""" % b)
    f.t("""
                    <Logontype>1</Logontype>
                </Server>
            </RecentServers>
        </FileZilla3>""")

    f = c.file("ops/winscp/WinSCP.ini")
    f.t("""
        [Configuration\\Interface]
        RandomSeedFile=%APPDATA%\\winscp.rnd

        [Sessions\\deploy@web01]
        HostName=web01.acme.example
        UserName=deploy""")
    obf = "A35C" + c.HEX(r.choice([68, 76, 84]))
    f.p("password-winscp-obfuscated", obf, "Password=" + obf)
    f.t("""
        FSProtocol=2

        [Sessions\\ops@files]
        HostName=files.acme.example
        UserName=ops""")
    f.n("path-winscp-keyfile", "C:%5CUsers%5Cops%5C.ssh%5Cfiles.ppk", "PublicKeyFile=C:%5CUsers%5Cops%5C.ssh%5Cfiles.ppk")
    f.t("""

        [SshHostKeys]""")
    hk = "0x%s,0x%s" % (c.hex(64), c.hex(64))
    f.n("hostkey-winscp", hk, "ssh-ed25519@22:web01.acme.example=" + hk)
    f.t("""

        [Configuration\\Security]
        UseMasterPassword=1""")
    mv = c.HEX(64)
    f.n("hash-winscp-master-verifier", mv, "MasterPasswordVerifier=" + mv)

    f = c.file("ops/putty/sessions.reg")
    f.t("""
        Windows Registry Editor Version 5.00

        [HKEY_CURRENT_USER\\Software\\SimonTatham\\PuTTY\\Sessions\\web01]
        "HostName"="web01.acme.example"
        "PortNumber"=dword:00000016
        "UserName"="deploy\"""")
    f.n("path-putty-keyfile", "C:\\\\Users\\\\ops\\\\.ssh\\\\deploy.ppk", "\"PublicKeyFile\"=\"C:\\\\Users\\\\ops\\\\.ssh\\\\deploy.ppk\"")
    f.t("""
        "ProxyMethod"=dword:00000003
        "ProxyHost"="proxy.acme.example"
        "ProxyPort"=dword:00000c38
        "ProxyUsername"="ops\"""")
    pw = c.pw()
    f.p("password-putty-proxy", pw, "\"ProxyPassword\"=\"%s\"" % pw)
    f.t("""

        [HKEY_CURRENT_USER\\Software\\SimonTatham\\PuTTY\\SshHostKeys]""")
    hk = "0x%s,0x%s" % (c.hex(64), c.hex(64))
    f.n("hostkey-putty", hk, "\"ssh-ed25519@22:web01.acme.example\"=\"%s\"" % hk)

    f = c.file("ops/putty/deploy.ppk")
    pub = base64.b64encode(struct.pack(">I", 11) + b"ssh-ed25519" + struct.pack(">I", 32) + c.raw(32)).decode()
    priv = base64.b64encode(struct.pack(">I", 32) + c.raw(32)).decode()
    f.p("private-key-putty-ppk", priv, """
        PuTTY-User-Key-File-3: ssh-ed25519
        Encryption: none
        Comment: deploy@acme
        Public-Lines: 2
        %s
        %s
        Private-Lines: 1
        %s
        Private-MAC: %s""" % (pub[:64], pub[64:], priv, c.hex(64)))

    f = c.file("ops/putty/deploy.pub")
    pub = base64.b64encode(struct.pack(">I", 11) + b"ssh-ed25519" + struct.pack(">I", 32) + c.raw(32)).decode()
    f.n("public-key-ssh2", pub[:64], """
        ---- BEGIN SSH2 PUBLIC KEY ----
        Comment: "deploy@acme"
        %s
        %s
        ---- END SSH2 PUBLIC KEY ----""" % (pub[:64], pub[64:]))

    f = c.file("ops/mremoteng/confCons.xml")
    prot = c.b64(96)
    f.t("<?xml version=\"1.0\" encoding=\"utf-8\"?>")
    f.n("ciphertext-mremoteng-protected", prot,
        "<mrng:Connections xmlns:mrng=\"http://mremoteng.org\" Name=\"Connections\" Export=\"false\" EncryptionEngine=\"AES\" BlockCipherMode=\"GCM\" KdfIterations=\"1000\" FullFileEncryption=\"false\" Protected=\"%s\" ConfVersion=\"2.6\">" % prot)
    enc = c.b64(60)
    f.p("password-mremoteng-default-key", enc,
        "    <Node Name=\"dc01\" Type=\"Connection\" Descr=\"\" Icon=\"mRemoteNG\" Panel=\"General\" Id=\"%s\" Username=\"Administrator\" Domain=\"ACME\" Password=\"%s\" Hostname=\"dc01.acme.local\" Protocol=\"RDP\" Port=\"3389\" />" % (c.uuid(), enc))
    f.n("empty-mremoteng-password", "Password=\"\"",
        "    <Node Name=\"jump01\" Type=\"Connection\" Descr=\"\" Icon=\"SSH\" Panel=\"General\" Id=\"%s\" Username=\"ops\" Domain=\"\" Password=\"\" Hostname=\"jump01.acme.example\" Protocol=\"SSH2\" Port=\"22\" />" % c.uuid())
    f.t("</mrng:Connections>")

    f = c.file("ops/remmina/remmina.pref")
    f.t("""
        [remmina_pref]
        save_view_mode=true
        default_action=0""")
    k = c.b64(32)
    f.p("key-remmina-pref-secret", k, "secret=" + k)
    f.t("""
        datadir_path=
        remmina_file_name=%G_%P_%N_%h""")

    f = c.file("ops/remmina/group_rdp_dc01_10-0-0-5.remmina")
    f.t("""
        [remmina]
        name=dc01
        protocol=RDP
        server=10.0.0.5
        username=Administrator
        domain=ACME""")
    enc = c.b64(24)
    f.p("password-remmina-encrypted-with-pref", enc, "password=" + enc)
    f.t("""
        colordepth=32
        resolution_mode=2
        gateway_server=
        gateway_username=""")
    f.n("empty-remmina-password", "gateway_password=", "gateway_password=")

    # --- password manager / browser exports ---------------------------------------
    f = c.file("ops/exports/keepass-export.csv")
    f.t("\"Account\",\"Login Name\",\"Password\",\"Web Site\",\"Comments\"")
    for acct, login, site in (("Router", "admin", "http://192.168.1.1"),
                              ("NAS", "ops", "https://nas.acme.local:5001"),
                              ("Registrar", "hostmaster@acme.example", "https://registrar.example")):
        pw = c.pw()
        f.p("password-keepass-csv-export", pw, "\"%s\",\"%s\",\"%s\",\"%s\",\"\"" % (acct, login, pw, site))
    f.n("empty-keepass-csv-export", "\"Printer\",\"\",\"\"", "\"Printer\",\"\",\"\",\"http://192.168.1.60\",\"no login\"")

    f = c.file("ops/exports/Chrome Passwords.csv")
    f.t("name,url,username,password,note")
    pw = c.pw()
    f.p("password-browser-csv-export", pw, "grafana.acme.example,https://grafana.acme.example/login,admin,%s," % pw)
    pw = c.pw()
    f.p("password-browser-csv-export", pw, "jenkins.acme.example,https://jenkins.acme.example/login,ops,%s," % pw)

    # --- browser extension -------------------------------------------------------
    f = c.file("extension/manifest.json")
    f.t("""
        {
          "manifest_version": 3,
          "name": "Acme Clipper",
          "version": "2.1.0",""")
    pk = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA" + c.b64(258)[:348] + "IDAQAB"
    f.n("public-key-extension-manifest", pk, "  \"key\": \"%s\"," % pk)
    cid = "%s-%s.apps.googleusercontent.com" % (c.digits(12), c.low(32))
    f.n("id-google-oauth-client", cid, """
          "oauth2": {
            "client_id": "%s",""" % cid)
    f.t("""
            "scopes": ["https://www.googleapis.com/auth/drive.file"]
          },
          "background": { "service_worker": "background.js" },
          "permissions": ["storage", "contextMenus", "identity"],
          "host_permissions": ["https://api.acme.example/*"]
        }""")

    f = c.file("extension/background.js")
    f.t("""
        // Acme Clipper service worker
        const API_BASE = 'https://api.acme.example/v1';""")
    k = c.hex(32)
    f.p("api-key-extension-background", k, "const OPENWEATHER_KEY = '%s';" % k)
    k = c.uuid() + ":fx"
    f.p("api-key-deepl-extension", k, "const DEEPL_AUTH_KEY = '%s';" % k)
    f.t("""

        chrome.runtime.onInstalled.addListener(() => {
          chrome.contextMenus.create({ id: 'clip', title: 'Clip selection', contexts: ['selection'] });
        });
""")
    f.n("ref-chrome-storage", "chrome.storage.sync.get(['apiToken'])", """
        async function token() {
          const { apiToken } = await chrome.storage.sync.get(['apiToken']);
          return apiToken;
        }""")

    f = c.file("extension/key.pem")
    pem = c.rsa_pem(2048, pkcs8=True)
    f.p("private-key-extension-pem", pem[4], "\n".join(pem))

    # --- Insomnia / Bruno / HTTPie / Thunder Client / REST Client / curl -----------
    f = c.file("api/insomnia/Insomnia_2024-05-01.json")
    f.t("""
        {
          "_type": "export",
          "__export_format": 4,
          "__export_source": "insomnia.desktop.app:v8.6.1",
          "resources": [
            {""")
    rid = "env_" + c.hex(32)
    f.n("id-insomnia-resource", rid, "      \"_id\": \"%s\"," % rid)
    f.t("""
              "_type": "environment",
              "name": "Production",
              "data": {
                "base_url": "https://api.acme.example",""")
    tok = c.alnum(48)
    f.p("token-insomnia-environment", tok, "        \"api_token\": \"%s\"" % tok)
    f.t("""
              }
            },
            {
              "_type": "request",
              "name": "List orders",
              "url": "{{ _.base_url }}/orders",
              "method": "GET",""")
    f.n("template-insomnia", "{{ _.api_token }}", "      \"authentication\": { \"type\": \"bearer\", \"token\": \"{{ _.api_token }}\" }")
    f.t("""
            },
            {
              "_type": "request",
              "name": "Legacy export",
              "url": "https://legacy.acme.example/export",
              "method": "GET",""")
    pw = c.pw()
    f.p("password-insomnia-basic-auth", pw,
        "      \"authentication\": { \"type\": \"basic\", \"username\": \"export\", \"password\": \"%s\" }," % pw)
    f.n("template-insomnia-response-tag", "{% response 'body', 'req_login', 'b64::JC50b2tlbg==::46b', 'never', 60 %}",
        "      \"headers\": [{ \"name\": \"X-Session\", \"value\": \"{% response 'body', 'req_login', 'b64::JC50b2tlbg==::46b', 'never', 60 %}\" }]")
    f.t("""
            }
          ]
        }""")

    f = c.file("api/bruno/Users/Get user.bru")
    f.t("""
        meta {
          name: Get user
          type: http
          seq: 1
        }

        get {
          url: {{baseUrl}}/users/42
          body: none
          auth: bearer
        }
""")
    f.n("template-bruno", "{{accessToken}}", """
        auth:bearer {
          token: {{accessToken}}
        }""")

    f = c.file("api/bruno/Admin/Rotate keys.bru")
    f.t("""
        meta {
          name: Rotate keys
          type: http
          seq: 3
        }

        post {
          url: https://api.acme.example/admin/keys/rotate
          body: none
          auth: bearer
        }
""")
    jwt = c.jwt({"sub": "admin", "scope": "admin", "iat": 1714550000})
    f.p("jwt-bruno-auth", jwt, """
        auth:bearer {
          token: %s
        }""" % jwt)

    f = c.file("api/bruno/Legacy/Export.bru")
    f.t("""
        meta {
          name: Export
          type: http
          seq: 1
        }

        get {
          url: https://legacy.acme.example/export
          auth: basic
        }
""")
    pw = c.pw()
    f.p("password-bruno-basic-auth", pw, """
        auth:basic {
          username: export
          password: %s
        }""" % pw)
    f.t("")
    f.n("template-bruno-process-env", "{{process.env.LEGACY_API_KEY}}", """
        headers {
          x-api-key: {{process.env.LEGACY_API_KEY}}
        }""")

    f = c.file("api/bruno/environments/Production.bru")
    f.t("""
        vars {
          baseUrl: https://api.acme.example
        }""")
    f.n("names-bruno-secret-vars", "vars:secret [", """
        vars:secret [
          accessToken,
          clientSecret
        ]""")

    f = c.file("api/bruno/environments/Local.bru")
    f.t("""
        vars {
          baseUrl: http://localhost:8080
          clientId: acme-local""")
    sec = c.alnum(32)
    f.p("secret-bruno-environment", sec, "  clientSecret: " + sec)
    f.t("}")

    f = c.file("api/bruno/.env")
    k = c.alnum(40)
    f.p("api-key-bruno-dotenv", k, "LEGACY_API_KEY=" + k)

    f = c.file("dotfiles/.config/httpie/sessions/api.acme.example/prod.json")
    f.t("""
        {
            "__meta__": {
                "about": "HTTPie session file",
                "help": "https://httpie.io/docs#sessions",
                "httpie": "3.2.2"
            },""")
    pw = c.pw()
    f.p("password-httpie-session", pw, """
            "auth": {
                "password": "%s",
                "type": "basic",
                "username": "ops"
            },""" % pw)
    f.t("""
            "cookies": [
                {
                    "domain": "api.acme.example",
                    "expires": null,
                    "name": "csrftoken",
                    "path": "/",""")
    csrf = c.alnum(32)
    f.n("csrf-httpie-cookie", csrf, "            \"value\": \"%s\"" % csrf)
    f.t("""
                }
            ],
            "headers": [""")
    tok = c.alnum(40)
    f.p("token-httpie-session-header", tok, """
                {
                    "name": "Authorization",
                    "value": "Bearer %s"
                }""" % tok)
    f.t("""
            ]
        }""")

    f = c.file("thunder-tests/thunderclient.json")
    f.t("""
        [
          {
            "_id": "%s",
            "colId": "%s",
            "name": "Create invoice",
            "url": "https://billing.acme.example/v2/invoices",
            "method": "POST",""" % (c.uuid(), c.uuid()))
    tok = c.alnum(48)
    f.p("token-thunder-client-auth", tok, "    \"auth\": { \"type\": \"bearer\", \"bearer\": \"%s\" }," % tok)
    f.t("""
            "tests": []
          },
          {
            "name": "List invoices",
            "url": "{{baseUrl}}/v2/invoices",
            "method": "GET",""")
    f.n("template-thunder-client", "{{token}}", "    \"auth\": { \"type\": \"bearer\", \"bearer\": \"{{token}}\" },")
    f.t("""
            "tests": []
          }
        ]""")

    f = c.file("thunder-tests/thunderEnvironment.json")
    f.t("""
        [
          {
            "name": "staging",
            "data": [
              { "name": "baseUrl", "value": "https://billing.staging.acme.example" },""")
    k = c.alnum(40)
    f.p("api-key-thunder-client-env", k, "      { \"name\": \"apiKey\", \"value\": \"%s\" }," % k)
    f.n("empty-thunder-client-env", "{ \"name\": \"token\", \"value\": \"\" }", "      { \"name\": \"token\", \"value\": \"\" }")
    f.t("""
            ]
          }
        ]""")

    f = c.file("api/requests/orders.http")
    f.t("@baseUrl = https://api.acme.example")
    f.n("template-rest-client-dotenv", "{{$dotenv API_TOKEN}}", "@token = {{$dotenv API_TOKEN}}")
    f.t("""

        ### list orders
        GET {{baseUrl}}/orders?limit=20""")
    f.n("template-rest-client", "Bearer {{token}}", "Authorization: Bearer {{token}}")
    f.t("""

        ### login
        # @name login
        POST {{baseUrl}}/auth/login
        Content-Type: application/json

""")
    f.n("template-rest-client-process-env", "{{$processEnv API_PASSWORD}}",
        "{\"username\": \"{{$processEnv API_USER}}\", \"password\": \"{{$processEnv API_PASSWORD}}\"}")
    f.t("""

        ### me
        GET {{baseUrl}}/me""")
    f.n("template-rest-client", "{{login.response.body.$.token}}", "Authorization: Bearer {{login.response.body.$.token}}")

    f = c.file("api/requests/admin.rest")
    f.t("""
        ### reindex (basic auth)
        POST https://search-admin.acme.example/_reindex""")
    pw = c.pw()
    b = base64.b64encode(("admin:" + pw).encode()).decode()
    f.p("basic-auth-rest-client", b, "Authorization: Basic " + b)
    f.t("""

        ### feature flags
        GET https://flags.acme.example/api/admin/features""")
    k = "*:" + "production." + c.hex(56)
    f.p("api-key-rest-client-header", k, "Authorization: " + k)
    f.t("""

        ### graph
        GET https://graph.microsoft.com/v1.0/me""")
    f.n("template-rest-client-aad", "{{$aadToken}}", "Authorization: Bearer {{$aadToken}}")

    f = c.file("dotfiles/.curlrc")
    f.t("""
        # ~/.curlrc
        silent
        show-error
        location
        netrc-optional""")
    pw = c.pw()
    f.p("password-curlrc-user", pw, "user = \"deploy:%s\"" % pw)
    tok = c.alnum(40)
    f.p("token-curlrc-header", tok, "header = \"Authorization: Bearer %s\"" % tok)

    f = c.file("scripts/curl/upload.conf")
    f.t("""
        # curl -K scripts/curl/upload.conf -T build.tar.gz
        url = "https://artifacts.acme.example/upload"
        fail""")
    f.n("ref-curl-header-file", "@/run/secrets/artifact-headers.txt", "header = @/run/secrets/artifact-headers.txt")

    f = c.file("dotfiles/.config/gh/hosts.yml")
    f.t("github.com:")
    tok = c.gh("gho_")
    f.p("token-github-gh-hosts", tok, "    oauth_token: " + tok)
    f.t("""
            git_protocol: https
            user: octo-acme""")

    # --- SSH -----------------------------------------------------------------
    f = c.file("dotfiles/.ssh/id_ed25519")
    lines, publine = c.openssh_ed25519("jane@laptop")
    f.p("private-key-openssh-dotfiles", lines[2], "\n".join(lines))

    f = c.file("dotfiles/.ssh/id_ed25519.pub")
    f.n("public-key-ssh", publine.split()[1], publine)

    f = c.file("dotfiles/.ssh/known_hosts")
    for _ in range(2):
        k = base64.b64encode(struct.pack(">I", 11) + b"ssh-ed25519" + struct.pack(">I", 32) + c.raw(32)).decode()
        f.n("hostkey-known-hosts-hashed", k, "|1|%s|%s ssh-ed25519 %s" % (c.b64(20), c.b64(20), k))
    k = base64.b64encode(struct.pack(">I", 19) + b"ecdsa-sha2-nistp256" + struct.pack(">I", 8) + b"nistp256" +
                         struct.pack(">I", 65) + b"\x04" + c.raw(64)).decode()
    f.n("hostkey-known-hosts", k, "github.com ecdsa-sha2-nistp256 " + k)

    f = c.file("dotfiles/.ssh/config")
    f.t("""
        Host bastion
            HostName bastion.acme.example
            User ops""")
    f.n("path-ssh-identity-file", "~/.ssh/id_ed25519", "    IdentityFile ~/.ssh/id_ed25519")
    f.t("""
            ForwardAgent no

        Host db-*
            ProxyJump bastion
            User postgres""")


# ===========================================================================
# E-mail, chat servers and bots
# ===========================================================================
def messaging(c):
    r = c.r
    # --- mail clients -----------------------------------------------------------
    f = c.file("dotfiles/.msmtprc")
    f.t("""
        defaults
        auth           on
        tls            on
        tls_trust_file /etc/ssl/certs/ca-certificates.crt
        logfile        ~/.msmtp.log

        account        gmail
        host           smtp.gmail.com
        port           587
        from           jane.doe@gmail.com
        user           jane.doe@gmail.com""")
    asp = c.s(string.ascii_lowercase, 16)
    f.p("password-msmtprc", asp, "password       " + asp)
    f.t("""

        account        work
        host           smtp.office365.com
        port           587
        from           jane.doe@acme.example
        user           jane.doe@acme.example""")
    f.n("ref-msmtp-passwordeval", "gpg -q --for-your-eyes-only --no-tty -d ~/.msmtp-work.gpg",
        "passwordeval   \"gpg -q --for-your-eyes-only --no-tty -d ~/.msmtp-work.gpg\"")
    f.t("""

        account default : gmail""")

    f = c.file("dotfiles/.muttrc")
    f.t("""
        set realname = "Jane Doe"
        set from = "jane@fastmail.example"
        set imap_user = "jane@fastmail.example\"""")
    pw = c.pw()
    f.p("password-muttrc-imap", pw, "set imap_pass = \"%s\"" % pw)
    pw = c.pw()
    f.p("password-muttrc-smtp-url", pw, "set smtp_url = \"smtps://jane@fastmail.example:%s@smtp.fastmail.example:465/\"" % pw)
    f.t("""
        set folder = "imaps://imap.fastmail.example:993"
        set spoolfile = "+INBOX"

        # work account keeps its password in pass(1)""")
    f.n("ref-muttrc-backtick", "`pass show mail/work`", "set my_work_pass = \"`pass show mail/work`\"")
    f.n("ref-muttrc-gpg-source", "source \"gpg -dq ~/.mutt/passwords.gpg |\"", "source \"gpg -dq ~/.mutt/passwords.gpg |\"")
    f.t("""
        set sort = threads
        set editor = "vim +/^$\"""")

    f = c.file("dotfiles/.fetchmailrc")
    f.t("""
        set daemon 300
        set logfile ~/.fetchmail.log
""")
    pw = c.pw()
    f.p("password-fetchmailrc", pw, "poll pop.mailhost.example protocol pop3 user \"jdoe\" password \"%s\" is \"jane\" here ssl" % pw)
    f.t("mda \"/usr/bin/procmail -d %T\"")

    f = c.file("dotfiles/.offlineimaprc")
    f.t("""
        [general]
        accounts = Fastmail, Gmail
        pythonfile = ~/.offlineimap.py

        [Account Fastmail]
        localrepository = FastmailLocal
        remoterepository = FastmailRemote

        [Repository FastmailRemote]
        type = IMAP
        remotehost = imap.fastmail.example
        remoteuser = jane@fastmail.example""")
    pw = c.pw()
    f.p("password-offlineimaprc", pw, "remotepass = " + pw)
    f.t("""
        sslcacertfile = /etc/ssl/certs/ca-certificates.crt

        [Repository GmailRemote]
        type = Gmail
        remoteuser = jane.doe@gmail.com""")
    f.n("ref-offlineimap-passeval", "get_pass(\"gmail\")", "remotepasseval = get_pass(\"gmail\")")
    cid = "%s-%s.apps.googleusercontent.com" % (c.digits(12), c.low(32))
    f.n("id-google-oauth-client", cid, "oauth2_client_id = " + cid)
    sec = "GOCSPX-" + c.s(B64URL, 28)
    f.p("secret-google-oauth-offlineimap", sec, "oauth2_client_secret = " + sec)
    rt = "1//0" + c.s(B64URL, 99)
    f.p("token-google-refresh-offlineimap", rt, "oauth2_refresh_token = " + rt)
    f.t("oauth2_request_url = https://accounts.google.com/o/oauth2/token")

    f = c.file("dotfiles/.mbsyncrc")
    f.t("""
        IMAPAccount fastmail
        Host imap.fastmail.example
        User jane@fastmail.example""")
    pw = c.pw()
    f.p("password-mbsyncrc", pw, "Pass " + pw)
    f.t("""
        SSLType IMAPS

        IMAPAccount work
        Host outlook.office365.com
        User jane.doe@acme.example""")
    f.n("ref-mbsync-passcmd", "pass show email/work", "PassCmd \"pass show email/work\"")
    f.t("""
        SSLType IMAPS

        IMAPAccount gmail
        Host imap.gmail.com
        User jane.doe@gmail.com""")
    f.n("ref-mbsync-passcmd", "security find-generic-password -s mbsync-gmail -w",
        "PassCmd \"security find-generic-password -s mbsync-gmail -w\"")
    f.t("SSLType IMAPS")

    # --- .eml ------------------------------------------------------------------
    f = c.file("support/incoming/onboarding.eml")
    f.t("""
        Return-Path: <it-helpdesk@acme.example>
        Received: from mail.acme.example (mail.acme.example [198.51.100.7])
                by mx.acme.example with ESMTPS id 4VTm2k0Qz9z
                for <new.hire@acme.example>; Mon, 29 Apr 2024 09:12:44 +0200 (CEST)""")
    bh = c.b64(32)
    sig = c.b64(256)
    f.n("signature-dkim", bh, """
        DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=acme.example;
                s=sel1; t=1714374764; h=from:to:subject:date:message-id;
                bh=%s;
                b=%s
                %s
                %s""" % (bh, sig[:76], sig[76:152], sig[152:]))
    mid = "%s.%s@mail.acme.example" % (c.hex(16), c.digits(10))
    f.n("id-email-message-id", mid, "Message-ID: <%s>" % mid)
    f.t("""
        From: IT Helpdesk <it-helpdesk@acme.example>
        To: New Hire <new.hire@acme.example>
        Subject: Your accounts are ready
        Date: Mon, 29 Apr 2024 09:12:40 +0200
        MIME-Version: 1.0
        Content-Type: text/plain; charset="utf-8"

        Hi,

        welcome aboard! Your laptop login is your e-mail address.""")
    pw = c.pw()
    f.p("password-email-body", pw, "Your temporary password is: " + pw)
    f.t("""
        You will be asked to change it on first login.
""")
    psk = c.alnum(24)
    f.p("psk-email-body", psk, "VPN pre-shared key (for the Android client): " + psk)
    f.t("""

        Cheers,
        IT Helpdesk""")

    f = c.file("support/incoming/twilio-handover.eml")
    f.t("""
        From: Contractor <dev@contractor.example>
        To: ops@acme.example
        Subject: SMS integration handover
        Date: Thu, 02 May 2024 17:01:09 +0000
        Content-Type: text/plain; charset="utf-8"

        Hi team, here are the details for the SMS gateway account:
""")
    sid = "AC" + c.hex(32)
    f.n("id-twilio-account-sid", sid, "Account SID: " + sid)
    tok = c.hex(32)
    f.p("token-twilio-email-body", tok, "Auth Token: " + tok)
    f.t("""
        Messaging service: MG-acme-alerts

        Best,
        Dev""")

    # --- Thunderbird ---------------------------------------------------------------
    f = c.file("dotfiles/.thunderbird/jane.default-release/logins.json")
    f.t("""
        {
          "nextId": 3,
          "logins": [
            {
              "id": 1,
              "hostname": "imap://imap.fastmail.example",
              "httpRealm": "imap://imap.fastmail.example",
              "formSubmitURL": null,
              "usernameField": "",
              "passwordField": "",""")
    eu = "MDoEEPgAAAAAAAAAAAAAAAAAAAEwFAYIKoZIhvcNAwcECA" + c.b64(16) + c.b64(12)
    ep = "MEIEEPgAAAAAAAAAAAAAAAAAAAEwFAYIKoZIhvcNAwcECA" + c.b64(16) + c.b64(24)
    f.n("ciphertext-thunderbird-logins", ep, """
              "encryptedUsername": "%s",
              "encryptedPassword": "%s",""" % (eu, ep))
    g = "{%s}" % c.uuid()
    f.n("id-thunderbird-guid", g, "      \"guid\": \"%s\"," % g)
    f.t("""
              "encType": 1,
              "timeCreated": 1700000000000,
              "timesUsed": 412
            }
          ],
          "potentiallyVulnerablePasswords": [],
          "version": 3
        }""")

    f = c.file("dotfiles/.thunderbird/jane.default-release/prefs.js")
    f.t("""
        // Mozilla User Preferences
        user_pref("mail.account.account1.identities", "id1");
        user_pref("mail.account.account1.server", "server1");
        user_pref("mail.server.server1.hostname", "imap.fastmail.example");
        user_pref("mail.server.server1.userName", "jane@fastmail.example");""")
    u = c.uuid()
    pw = c.pw()
    f.p("password-thunderbird-calendar-url", pw,
        "user_pref(\"calendar.registry.%s.uri\", \"https://jane:%s@dav.fastmail.example/calendars/jane/default/\");" % (u, pw))
    f.n("id-thunderbird-calendar-registry", u, "user_pref(\"calendar.registry.%s.name\", \"Personal\");" % u)

    # --- IRC -----------------------------------------------------------------
    f = c.file("znc/configs/znc.conf")
    f.t("""
        Version = 1.9.0
        <Listener l>
                Port = 6697
                IPv4 = true
                SSL = true
        </Listener>
        LoadModule = webadmin

        <User jane>""")
    h = c.hex(64)
    f.n("hash-znc-pass", h, """
                <Pass password>
                        Method = sha256
                        Hash = %s
                        Salt = %s
                </Pass>""" % (h, c.s(ALNUM + "!_-(),", 20)))
    f.t("""
                Admin = true
                Nick = jane
                RealName = Jane Doe

                <Network libera>""")
    pw = c.pw()
    f.p("password-znc-nickserv-module", pw, "                LoadModule = nickserv " + pw)
    f.t("                LoadModule = simple_away")
    pw = c.pw()
    f.p("password-znc-server", pw, "                Server = irc.libera.chat +6697 " + pw)
    f.t("""
                        <Chan #acme>
                        </Chan>
                </Network>
        </User>""")

    f = c.file("dotfiles/.config/weechat/irc.conf")
    f.t("""
        [server]
        libera.addresses = "irc.libera.chat/6697"
        libera.tls = on
        libera.sasl_mechanism = plain
        libera.sasl_username = "jane\"""")
    pw = c.pw()
    f.p("password-weechat-sasl", pw, "libera.sasl_password = \"%s\"" % pw)
    f.t("""
        oftc.addresses = "irc.oftc.net/6697"
        oftc.tls = on""")
    f.n("ref-weechat-sec-data", "${sec.data.oftc}", "oftc.sasl_password = \"${sec.data.oftc}\"")
    f.n("empty-weechat-password", "oftc.password = \"\"", "oftc.password = \"\"")

    f = c.file("dotfiles/.config/weechat/sec.conf")
    f.t("""
        [crypt]
        cipher = aes256
        hash_algo = sha256
        passphrase_command = "pass show weechat"
        salt = on

        [data]
        __passphrase__ = on""")
    ct = c.HEX(160)
    f.n("ciphertext-weechat-sec", ct, "oftc = \"%s\"" % ct)

    f = c.file("dotfiles/.irssi/config")
    f.t("""
        servers = (
          { address = "irc.libera.chat"; chatnet = "libera"; port = "6697"; use_tls = "yes"; autoconnect = "yes"; }
        );
        chatnets = {
          libera = {
            type = "IRC";""")
    pw = c.pw()
    f.p("password-irssi-nickserv", pw, "    autosendcmd = \"/msg NickServ IDENTIFY jane %s; wait 2000\";" % pw)
    f.t("""
          };
        };""")

    # --- Matrix ----------------------------------------------------------------
    f = c.file("matrix/synapse/homeserver.yaml")
    f.t("""
        server_name: "acme.example"
        pid_file: /data/homeserver.pid
        listeners:
          - port: 8008
            tls: false
            type: http
            x_forwarded: true
            resources:
              - names: [client, federation]
                compress: false
        database:
          name: psycopg2
          args:
            user: synapse""")
    pw = c.pw()
    f.p("password-synapse-database", pw, "    password: \"%s\"" % pw)
    f.t("""
            database: synapse
            host: synapse-db
            cp_min: 5
            cp_max: 10
        log_config: "/data/acme.example.log.config"
        media_store_path: /data/media_store
        enable_registration: false""")
    v = c.sym(50)
    f.p("secret-synapse-registration-shared", v, "registration_shared_secret: \"%s\"" % v)
    f.t("report_stats: false")
    v = c.sym(50)
    f.p("secret-synapse-macaroon", v, "macaroon_secret_key: \"%s\"" % v)
    v = c.sym(50)
    f.p("secret-synapse-form", v, "form_secret: \"%s\"" % v)
    f.n("path-synapse-signing-key", "/data/acme.example.signing.key", "signing_key_path: \"/data/acme.example.signing.key\"")
    f.t("""
        trusted_key_servers:
          - server_name: "matrix.org"
        turn_uris: ["turn:turn.acme.example?transport=udp"]""")
    v = c.alnum(32)
    f.p("secret-synapse-turn-shared", v, "turn_shared_secret: \"%s\"" % v)
    f.t("""
        email:
          smtp_host: smtp.acme.example
          smtp_port: 587
          smtp_user: matrix@acme.example""")
    pw = c.pw()
    f.p("password-synapse-smtp", pw, "  smtp_pass: \"%s\"" % pw)
    f.t("""
          notif_from: "%(app)s <matrix@acme.example>"
        app_service_config_files:
          - /data/bridges/telegram-registration.yaml""")

    f = c.file("matrix/synapse/homeserver.ci.yaml")
    f.t("""
        server_name: "localhost"
        enable_registration: false""")
    f.n("path-synapse-secret-file", "/run/secrets/registration_shared_secret",
        "registration_shared_secret_path: /run/secrets/registration_shared_secret")
    f.n("path-synapse-secret-file", "/run/secrets/macaroon_secret_key",
        "macaroon_secret_key_path: /run/secrets/macaroon_secret_key")
    f.n("placeholder-synapse", "<PRIVATE STRING>", "#form_secret: <PRIVATE STRING>")

    f = c.file("matrix/synapse/acme.example.signing.key")
    k = c.b64(32).rstrip("=")
    f.p("key-matrix-signing", k, "ed25519 a_%s %s" % (c.s(ALNUM, 4), k))

    f = c.file("matrix/bridges/telegram-registration.yaml")
    f.t("id: telegram")
    v = c.alnum(64)
    f.p("token-matrix-appservice-as", v, "as_token: " + v)
    v = c.alnum(64)
    f.p("token-matrix-appservice-hs", v, "hs_token: " + v)
    f.t("""
        namespaces:
          users:
            - exclusive: true
              regex: '@telegram_.*:acme\\.example'
        url: http://mautrix-telegram:29317
        sender_localpart: telegrambot
        rate_limited: false""")

    f = c.file("matrix/bridges/telegram-config.yaml")
    f.t("""
        homeserver:
          address: http://synapse:8008
          domain: acme.example
        appservice:
          address: http://mautrix-telegram:29317""")
    f.n("template-shell-var-url", "${MAUTRIX_DB_PASSWORD}", "  database: postgres://mautrix:${MAUTRIX_DB_PASSWORD}@bridge-db/telegram")
    f.n("template-bridge-generate", "This value is generated when generating the registration",
        "  as_token: \"This value is generated when generating the registration\"")
    f.n("template-bridge-generate", "This value is generated when generating the registration",
        "  hs_token: \"This value is generated when generating the registration\"")
    f.t("""
        telegram:
          api_id: 12345""")
    f.n("default-mautrix-telegram-api-hash", "tjyd5yge35lbodk1xwzw2jstp90k55qz", "  api_hash: tjyd5yge35lbodk1xwzw2jstp90k55qz")

    # --- XMPP -----------------------------------------------------------------------
    f = c.file("xmpp/prosody/prosody.cfg.lua")
    f.t("""
        admins = { "jane@acme.example" }
        modules_enabled = { "roster"; "saslauth"; "tls"; "dialback"; "disco"; "carbons"; "pep"; "mam"; }
        authentication = "internal_hashed"
        storage = "sql\"""")
    pw = c.pw()
    f.p("password-prosody-sql", pw,
        "sql = { driver = \"PostgreSQL\", database = \"prosody\", username = \"prosody\", password = \"%s\", host = \"localhost\" }" % pw)
    f.t("""
        turn_external_host = "turn.acme.example\"""")
    v = c.alnum(32)
    f.p("secret-prosody-turn", v, "turn_external_secret = \"%s\"" % v)
    f.t("""

        VirtualHost "acme.example\"""")
    f.n("path-prosody-tls-key", "certs/acme.example.key",
        "    ssl = { key = \"certs/acme.example.key\"; certificate = \"certs/acme.example.crt\"; }")
    f.t("")
    pw = c.pw()
    f.p("secret-prosody-component", pw, """
        Component "gateway.acme.example"
            component_secret = "%s\"""" % pw)
    f.t("")
    f.n("env-prosody-lua", "os.getenv(\"SLIDGE_SECRET\")", """
        Component "slidge.acme.example"
            component_secret = os.getenv("SLIDGE_SECRET")""")

    # --- Mattermost / Rocket.Chat ----------------------------------------------------
    f = c.file("mattermost/config/config.json")
    f.t("""
        {
            "ServiceSettings": {
                "SiteURL": "https://chat.acme.example",
                "ListenAddress": ":8065"
            },
            "TeamSettings": {
                "SiteName": "Acme Chat"
            },
            "SqlSettings": {
                "DriverName": "postgres",""")
    pw = c.pw()
    f.p("password-mattermost-datasource", pw,
        "        \"DataSource\": \"postgres://mmuser:%s@mattermost-db:5432/mattermost?sslmode=disable&connect_timeout=10\"," % pw)
    f.t("        \"DataSourceReplicas\": [],")
    k = c.alnum(32)
    f.p("key-mattermost-at-rest", k, "        \"AtRestEncryptKey\": \"%s\"" % k)
    f.t("""
            },
            "FileSettings": {
                "DriverName": "amazons3",""")
    k = c.alnum(32)
    f.p("salt-mattermost-public-link", k, "        \"PublicLinkSalt\": \"%s\"," % k)
    f.t("        \"AmazonS3AccessKeyId\": \"\",")
    f.n("empty-mattermost-setting", "\"AmazonS3SecretAccessKey\": \"\"", "        \"AmazonS3SecretAccessKey\": \"\",")
    f.t("""
                "AmazonS3Bucket": "acme-mattermost"
            },
            "EmailSettings": {
                "SMTPUsername": "chat@acme.example",""")
    pw = c.pw()
    f.p("password-mattermost-smtp", pw, "        \"SMTPPassword\": \"%s\"," % pw)
    f.t("""
                "SMTPServer": "smtp.acme.example",
                "SMTPPort": "587"
            },
            "GitLabSettings": {
                "Enable": false,""")
    f.n("empty-mattermost-setting", "\"Secret\": \"\"", "        \"Secret\": \"\",")
    f.t("""
                "Id": ""
            }
        }""")

    f = c.file("rocketchat/docker-compose.yml")
    f.t("""
        services:
          rocketchat:
            image: registry.rocket.chat/rocketchat/rocket.chat:6.7.0
            environment:""")
    pw = c.pw()
    f.p("password-rocketchat-mongo-url", pw,
        "      MONGO_URL: mongodb://rocketchat:%s@mongodb:27017/rocketchat?replicaSet=rs0&authSource=admin" % pw)
    f.t("""
              ROOT_URL: https://rocket.acme.example
              PORT: 3000
              ADMIN_USERNAME: admin""")
    pw = c.pw()
    f.p("password-rocketchat-admin", pw, "      ADMIN_PASS: \"%s\"" % pw)
    v = c.alnum(32)
    f.p("secret-rocketchat-oauth", v, "      OVERWRITE_SETTING_Accounts_OAuth_Custom-Keycloak-secret: \"%s\"" % v)
    f.n("template-compose-var", "${REG_TOKEN}", "      REG_TOKEN: ${REG_TOKEN}")

    # --- bots ----------------------------------------------------------------
    f = c.file("bots/discord/bot.py")
    f.t("""
        import os

        import discord
        from discord.ext import commands

        intents = discord.Intents.default()
        intents.message_content = True
        bot = commands.Bot(command_prefix="!", intents=intents)


        @bot.command()
        async def ping(ctx):
            await ctx.send("pong")


        if __name__ == "__main__":
            if os.getenv("LOCAL_DEV"):""")
    t = c.discord()
    f.p("token-discord-bot-run", t, "        bot.run(\"%s\")" % t)
    f.t("    else:")
    f.n("env-python-environ", "os.environ[\"DISCORD_TOKEN\"]", "        bot.run(os.environ[\"DISCORD_TOKEN\"])")

    f = c.file("bots/discord/config.json")
    f.t("{")
    t = c.discord()
    f.p("token-discord-config-json", t, "  \"token\": \"%s\"," % t)
    cid = c.digits(19)
    f.n("id-discord-snowflake", cid, "  \"clientId\": \"%s\"," % cid)
    gid = c.digits(18)
    f.n("id-discord-snowflake", gid, "  \"guildId\": \"%s\"" % gid)
    f.t("}")

    f = c.file("bots/discord/.env.example")
    f.n("placeholder-discord-env", "your-bot-token-here", "DISCORD_TOKEN=your-bot-token-here")
    f.t("GUILD_ID=")

    f = c.file("bots/telegram/main.py")
    f.t("""
        import logging
        import os

        from telegram.ext import Application, CommandHandler

        logging.basicConfig(level=logging.INFO)
""")
    t = c.tg()
    f.p("token-telegram-bot-constant", t, "TOKEN = \"%s\"  # TODO move to env" % t)
    f.t("""


        async def start(update, context):
            await update.message.reply_text("hi")


        def main():""")
    f.n("env-python-environ", "os.environ.get(\"TELEGRAM_TOKEN\", TOKEN)",
        "    app = Application.builder().token(os.environ.get(\"TELEGRAM_TOKEN\", TOKEN)).build()")
    f.t("""
            app.add_handler(CommandHandler("start", start))
            app.run_polling()""")

    f = c.file("bots/telegram/userbot.ini")
    f.t("[telegram]")
    h = c.hex(32)
    f.p("secret-telegram-api-hash", h, """
        api_id = %s
        api_hash = %s""" % (c.digits(8), h))
    sess = "1" + c.s(B64URL, 351) + "="
    f.p("session-telethon-string", sess, "session_string = " + sess)

    f = c.file("bots/slack/app.py")
    f.t("""
        import os

        from slack_bolt import App
        from slack_bolt.adapter.socket_mode import SocketModeHandler

        app = App(""")
    t = "xoxb-%s-%s-%s" % (c.digits(12), c.digits(13), c.alnum(24))
    f.p("token-slack-bot-bolt", t, "    token=\"%s\"," % t)
    s = c.hex(32)
    f.p("secret-slack-signing", s, "    signing_secret=\"%s\"," % s)
    f.t("""
        )


        @app.command("/deploy")
        def deploy(ack, respond, command):
            ack()
            respond(f"deploying {command['text']}")


        if __name__ == "__main__":""")
    t = "xapp-1-A%s-%s-%s" % (c.up(10), c.digits(13), c.hex(64))
    f.p("token-slack-app-socket", t, "    SocketModeHandler(app, \"%s\").start()" % t)

    f = c.file("bots/slack/app_prod.py")
    f.t("""
        import os

        from slack_bolt import App
""")
    f.n("env-python-environ", "os.environ.get(\"SLACK_BOT_TOKEN\")", """
        app = App(token=os.environ.get("SLACK_BOT_TOKEN"),
                  signing_secret=os.environ.get("SLACK_SIGNING_SECRET"))""")

    f = c.file("bots/twitch/bot.js")
    f.t("""
        const tmi = require('tmi.js');

        const client = new tmi.Client({
          options: {""")
    cid = c.low(30)
    f.n("id-twitch-client", cid, "    clientId: '%s'," % cid)
    f.t("""
            debug: false,
          },
          identity: {
            username: 'acme_bot',""")
    t = c.low(30)
    f.p("token-twitch-irc-oauth", t, "    password: 'oauth:%s'," % t)
    f.t("""
          },
          channels: ['acmegaming'],
        });

        client.connect();
        client.on('message', (channel, tags, message, self) => {
          if (self) return;
          if (message.toLowerCase() === '!hello') client.say(channel, `@${tags.username}, hi!`);
        });""")

    f = c.file("bots/twitch/.env")
    s = c.low(30)
    f.p("secret-twitch-client", s, "TWITCH_CLIENT_ID=%s\nTWITCH_CLIENT_SECRET=%s" % (c.low(30), s))
    f.t("TWITCH_CHANNEL=acmegaming")

    f = c.file("bots/mastodon/bot.py")
    f.t("""
        from mastodon import Mastodon

        masto = Mastodon(""")
    t = c.s(B64URL, 43)
    f.p("token-mastodon-access", t, "    access_token=\"%s\"," % t)
    f.t("""
            api_base_url="https://mastodon.social",
        )
        masto.status_post("Deploy finished", visibility="unlisted")""")

    f = c.file("bots/mastodon/toot_clientcred.secret")
    cid = c.s(B64URL, 43)
    sec = c.s(B64URL, 43)
    f.p("secret-mastodon-clientcred-file", sec, "%s\n%s" % (cid, sec))
    f.t("""
        https://mastodon.social
        acme-deploy-bot""")

    f = c.file("mastodon/.env.production")
    f.t("""
        LOCAL_DOMAIN=social.acme.example
        REDIS_HOST=redis
        DB_HOST=db
        DB_USER=mastodon
        DB_NAME=mastodon_production""")
    f.n("empty-mastodon-env", "DB_PASS=", "DB_PASS=")
    v = c.hex(128)
    f.p("secret-mastodon-secret-key-base", v, "SECRET_KEY_BASE=" + v)
    v = c.hex(128)
    f.p("secret-mastodon-otp", v, "OTP_SECRET=" + v)
    v = c.b64u(32)
    f.p("key-mastodon-vapid-private", v, "VAPID_PRIVATE_KEY=" + v)
    v = "B" + c.b64u(64)[:86]
    f.n("public-key-vapid", v, "VAPID_PUBLIC_KEY=" + v)
    v = c.alnum(32)
    f.p("key-mastodon-ar-encryption", v, "ACTIVE_RECORD_ENCRYPTION_PRIMARY_KEY=" + v)
    f.t("""
        SMTP_SERVER=smtp.acme.example
        SMTP_PORT=587
        SMTP_LOGIN=social@acme.example""")
    pw = c.pw()
    f.p("password-mastodon-smtp", pw, "SMTP_PASSWORD=" + pw)
    f.t("SMTP_FROM_ADDRESS='Acme Social <social@acme.example>'")

    f = c.file("bots/twitter/config.py")
    f.t("# Twitter / X API v2 credentials for @acme_status")
    k = c.alnum(25)
    f.p("api-key-twitter-consumer", k, "CONSUMER_KEY = \"%s\"" % k)
    s = c.alnum(50)
    f.p("secret-twitter-consumer", s, "CONSUMER_SECRET = \"%s\"" % s)
    t = "%s-%s" % (c.digits(19), c.alnum(30))
    f.p("token-twitter-access", t, "ACCESS_TOKEN = \"%s\"" % t)
    s = c.alnum(45)
    f.p("secret-twitter-access-token", s, "ACCESS_TOKEN_SECRET = \"%s\"" % s)
    b = "AAAAAAAAAAAAAAAAAAAAA" + c.alnum(21) + "%3D" + c.alnum(50)
    f.p("token-twitter-bearer", b, "BEARER_TOKEN = \"%s\"" % b)
    tid = c.digits(19)
    f.n("id-tweet", tid, "PINNED_TWEET_ID = %s" % tid)

    f = c.file("bots/twitter/post.py")
    f.t("""
        import os

        import tweepy
""")
    f.n("env-python-environ", "os.environ[\"TWITTER_BEARER_TOKEN\"]", "client = tweepy.Client(bearer_token=os.environ[\"TWITTER_BEARER_TOKEN\"])")
    f.t("client.create_tweet(text=\"Status: all systems operational\")")

    f = c.file("bots/reddit/praw.ini")
    f.t("""
        [DEFAULT]
        check_for_updates=True
        comment_kind=t1

        [acme_bot]""")
    s = c.s(B64URL, 30)
    f.p("secret-reddit-client", s, "client_id=%s\nclient_secret=%s" % (c.s(B64URL, 22), s))
    pw = c.pw()
    f.p("password-reddit-praw", pw, "password=" + pw)
    f.t("""
        username=acme_bot
        user_agent=linux:acme-modbot:v1.2 (by u/acme_ops)""")


# ===========================================================================
# Web3 and payments
# ===========================================================================
ANVIL_KEY0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"
HARDHAT_MNEMONIC = "test test test test test test test test test test test junk"
GANACHE_MNEMONIC = "myth like bonus scare over problem client lizard pioneer submit female collect"


def web3(c):
    r = c.r
    f = c.file("contracts/hardhat.config.js")
    f.t("""
        require("@nomicfoundation/hardhat-toolbox");
        require("dotenv").config();
""")
    f.n("env-js-process-env", "process.env.DEPLOYER_PRIVATE_KEY || \"\"",
        "const DEPLOYER_KEY = process.env.DEPLOYER_PRIVATE_KEY || \"\";")
    f.t("""

        module.exports = {
          solidity: "0.8.24",
          networks: {
            hardhat: {""")
    f.n("dummy-mnemonic-hardhat-default", HARDHAT_MNEMONIC, "      accounts: { mnemonic: \"%s\" }," % HARDHAT_MNEMONIC)
    f.t("""
            },
            sepolia: {""")
    k = c.s(ALNUM + "_-", 32)
    f.p("api-key-alchemy-url", k, "      url: \"https://eth-sepolia.g.alchemy.com/v2/%s\"," % k)
    k = c.eth_key()
    f.p("private-key-eth-hardhat-accounts", k, "      accounts: [\"%s\"]," % k)
    f.t("""
            },
            mainnet: {""")
    f.n("template-js-template-literal", "${process.env.INFURA_PROJECT_ID}",
        "      url: `https://mainnet.infura.io/v3/${process.env.INFURA_PROJECT_ID}`,")
    f.t("""
              accounts: DEPLOYER_KEY ? [DEPLOYER_KEY] : [],
            },
          },
          etherscan: {""")
    k = c.up(34)
    f.p("api-key-etherscan-hardhat", k, "    apiKey: \"%s\"," % k)
    f.t("""
          },
        };""")

    f = c.file("contracts/truffle-config.js")
    f.t("""
        const HDWalletProvider = require("@truffle/hdwallet-provider");
""")
    m = c.words(12)
    f.p("mnemonic-truffle-config", m, "const mnemonic = \"%s\";" % m)
    f.n("env-js-process-env", "process.env", "const { MNEMONIC, INFURA_PROJECT_ID } = process.env;")
    f.t("""

        module.exports = {
          networks: {
            development: { host: "127.0.0.1", port: 8545, network_id: "*" },
            goerli: {""")
    k = c.hex(32)
    f.p("api-key-infura-url", k, "      provider: () => new HDWalletProvider(mnemonic, \"https://goerli.infura.io/v3/%s\")," % k)
    f.t("""
              network_id: 5,
              confirmations: 2,
            },
            polygon: {""")
    f.n("template-js-template-literal", "${INFURA_PROJECT_ID}",
        "      provider: () => new HDWalletProvider(MNEMONIC, `https://polygon-mainnet.infura.io/v3/${INFURA_PROJECT_ID}`),")
    f.t("""
              network_id: 137,
            },
          },
          compilers: { solc: { version: "0.8.19" } },
        };""")

    f = c.file("contracts/ganache.sh")
    f.t("#!/bin/sh\n# deterministic local chain for the integration tests")
    f.n("dummy-mnemonic-ganache-default", GANACHE_MNEMONIC, "npx ganache --wallet.mnemonic \"%s\" --chain.chainId 1337" % GANACHE_MNEMONIC)

    f = c.file("contracts/.env")
    k = c.eth_key()
    f.p("private-key-eth-dotenv", k, "PRIVATE_KEY=" + k)
    k = c.s(ALNUM + "_-", 32)
    f.p("api-key-alchemy-dotenv", k, "SEPOLIA_RPC_URL=https://eth-sepolia.g.alchemy.com/v2/" + k)
    k = c.up(34)
    f.p("api-key-etherscan-dotenv", k, "ETHERSCAN_API_KEY=" + k)
    a = c.eth_addr()
    f.n("address-eth", a, "DEPLOYER_ADDRESS=" + a)
    f.n("dummy-eth-anvil-default-key", ANVIL_KEY0, "ANVIL_PRIVATE_KEY=%s  # anvil account 0" % ANVIL_KEY0)
    a = c.eth_addr()
    f.n("address-eth", a, "TREASURY_MULTISIG=" + a)

    f = c.file("contracts/.env.example")
    f.n("empty-dotenv-example", "PRIVATE_KEY=", "PRIVATE_KEY=")
    f.n("placeholder-eth-key", "0xYOUR_PRIVATE_KEY", "DEPLOYER_PRIVATE_KEY=0xYOUR_PRIVATE_KEY")
    f.n("placeholder-alchemy-url", "<your-alchemy-key>", "SEPOLIA_RPC_URL=https://eth-sepolia.g.alchemy.com/v2/<your-alchemy-key>")
    f.n("placeholder-etherscan", "YourApiKeyToken", "ETHERSCAN_API_KEY=YourApiKeyToken")

    f = c.file("contracts/foundry.toml")
    f.t("""
        [profile.default]
        src = "src"
        out = "out"
        libs = ["lib"]
        solc = "0.8.24"

        [rpc_endpoints]""")
    f.n("template-foundry-env", "${MAINNET_RPC_URL}", "mainnet = \"${MAINNET_RPC_URL}\"")
    f.t("\n[etherscan]")
    f.n("template-foundry-env", "${ETHERSCAN_API_KEY}", "mainnet = { key = \"${ETHERSCAN_API_KEY}\" }")
    k = c.up(34)
    f.p("api-key-etherscan-foundry", k, "sepolia = { key = \"%s\", url = \"https://api-sepolia.etherscan.io/api\" }" % k)

    f = c.file("contracts/script/Deploy.s.sol")
    f.t("""
        // SPDX-License-Identifier: MIT
        pragma solidity ^0.8.24;

        import {Script} from "forge-std/Script.sol";
        import {Token} from "../src/Token.sol";

        contract Deploy is Script {""")
    root = "0x" + c.hex(64)
    f.n("hash-merkle-root", root, "    bytes32 constant AIRDROP_ROOT = %s;" % root)
    f.t("""
            bytes32 public constant MINTER_ROLE = keccak256("MINTER_ROLE");

            function run() external {""")
    f.n("env-foundry-vm-env", "vm.envUint(\"PRIVATE_KEY\")", "        uint256 deployerKey = vm.envUint(\"PRIVATE_KEY\");")
    f.t("""
                vm.startBroadcast(deployerKey);
                new Token(AIRDROP_ROOT);
                vm.stopBroadcast();
            }

            function runLocal() external {""")
    k = c.eth_key()
    f.p("private-key-eth-solidity-script", k, "        uint256 pk = %s;" % k)
    f.t("""
                vm.startBroadcast(pk);
                new Token(AIRDROP_ROOT);
                vm.stopBroadcast();
            }
        }""")

    f = c.file("contracts/test/Token.t.sol")
    f.t("""
        // SPDX-License-Identifier: MIT
        pragma solidity ^0.8.24;

        import {Test} from "forge-std/Test.sol";

        contract TokenTest is Test {""")
    f.n("dummy-eth-anvil-default-key", ANVIL_KEY0, "    uint256 constant ALICE_PK = %s;" % ANVIL_KEY0)
    f.n("dummy-eth-test-key", "0xA11CE", "    uint256 constant BOB_PK = 0xA11CE;")
    f.t("""
            address alice = vm.addr(ALICE_PK);
        }""")

    f = c.file("contracts/deployments/sepolia/Token.json")
    f.t("{")
    a = c.eth_addr()
    f.n("address-eth", a, "  \"address\": \"%s\"," % a)
    f.t("  \"abi\": [],")
    h = "0x" + c.hex(64)
    f.n("hash-eth-transaction", h, "  \"transactionHash\": \"%s\"," % h)
    f.t("  \"receipt\": {")
    a = c.eth_addr()
    f.n("address-eth", a, "    \"from\": \"%s\"," % a)
    h = "0x" + c.hex(64)
    f.n("hash-eth-block", h, "    \"blockHash\": \"%s\"," % h)
    f.t("""
            "blockNumber": 5824411,
            "gasUsed": "1203311",
            "status": 1
          },""")
    f.t("  \"numDeployments\": 1,")
    bc = "0x608060405234801561001057600080fd5b50" + c.hex(600)
    f.n("bytecode-eth", bc, "  \"bytecode\": \"%s\"," % bc)
    h = c.hex(32)
    f.n("hash-solc-input", h, "  \"solcInputHash\": \"%s\"" % h)
    f.t("}")

    f = c.file("contracts/broadcast/Deploy.s.sol/11155111/run-latest.json")
    f.t("""
        {
          "transactions": [
            {""")
    h = "0x" + c.hex(64)
    f.n("hash-eth-transaction", h, "      \"hash\": \"%s\"," % h)
    f.t("""
              "transactionType": "CREATE",
              "contractName": "Token",""")
    a = c.eth_addr()
    f.n("address-eth", a, "      \"contractAddress\": \"%s\"," % a)
    f.t("""
              "transaction": {""")
    a = c.eth_addr()
    f.n("address-eth", a, "        \"from\": \"%s\"," % a)
    f.t("""
                "gas": "0x1b7740",
                "value": "0x0",
                "nonce": "0x2c"
              }
            }
          ],
          "chain": 11155111,""")
    h = c.hex(7)
    f.n("sha-git-commit-short", h, "  \"commit\": \"%s\"" % h)
    f.t("}")

    f = c.file("web3/scripts/send.py")
    f.t("""
        import os

        from eth_account import Account
        from web3 import Web3
""")
    k = c.hex(32)
    f.p("api-key-infura-web3py", k, "w3 = Web3(Web3.HTTPProvider(\"https://mainnet.infura.io/v3/%s\"))" % k)
    k = c.eth_key()
    f.p("private-key-eth-web3py", k, "hot = Account.from_key(\"%s\")" % k)
    f.n("env-python-environ", "os.environ[\"COLD_WALLET_KEY\"]", "cold = Account.from_key(os.environ[\"COLD_WALLET_KEY\"])")
    h = "0x" + c.hex(64)
    f.n("hash-eth-transaction", h, "FUNDING_TX = \"%s\"  # initial funding, see etherscan" % h)
    a = c.eth_addr()
    f.n("address-eth", a, "USDC = Web3.to_checksum_address(\"%s\")" % a)
    f.t("""


        def balance(addr: str) -> int:
            return w3.eth.get_balance(addr)""")

    f = c.file("web3/keystore/UTC--2024-03-11T10-22-41.511Z--%s" % c.hex(40))
    ct = c.hex(64)
    f.n("ciphertext-eth-keystore", ct, """
        {"address":"%s","crypto":{"cipher":"aes-128-ctr","ciphertext":"%s","cipherparams":{"iv":"%s"},"kdf":"scrypt","kdfparams":{"dklen":32,"n":262144,"p":1,"r":8,"salt":"%s"},"mac":"%s"},"id":"%s","version":3}""" % (
        c.hex(40), ct, c.hex(32), c.hex(64), c.hex(64), c.uuid()))

    f = c.file("web3/app/src/lib/moralis.ts")
    f.t("import Moralis from 'moralis';\n")
    jwt = c.jwt({"nonce": c.uuid(), "orgId": c.digits(6), "userId": c.digits(6), "typeId": c.uuid(), "type": "PROJECT", "iat": 1700000000})
    f.p("api-key-moralis", jwt, "await Moralis.start({ apiKey: '%s' });" % jwt)
    f.t("""

        export async function nfts(address: string) {
          return Moralis.EvmApi.nft.getWalletNFTs({ address, chain: '0x1' });
        }""")

    f = c.file("web3/app/src/config/wagmi.ts")
    f.t("""
        import { getDefaultConfig } from '@rainbow-me/rainbowkit';
        import { mainnet, sepolia } from 'wagmi/chains';

        export const config = getDefaultConfig({
          appName: 'Acme Mint',""")
    pid = c.hex(32)
    f.n("id-walletconnect-project", pid, "  projectId: '%s'," % pid)
    f.t("""
          chains: [mainnet, sepolia],
        });""")
    a = c.eth_addr()
    f.n("address-eth", a, "export const MINT_CONTRACT = '%s' as const;" % a)

    f = c.file("web3/app/public/metadata/1.json")
    f.t("""
        {
          "name": "Acme Genesis #1",
          "description": "First of the series",""")
    cid = c.cid0()
    f.n("cid-ipfs-v0", cid, "  \"image\": \"ipfs://%s\"," % cid)
    cid = c.cid1()
    f.n("cid-ipfs-v1", cid, "  \"animation_url\": \"ipfs://%s/anim.mp4\"," % cid)
    f.t("""
          "attributes": [{ "trait_type": "Edition", "value": "Genesis" }]
        }""")

    f = c.file("web3/app/.env.local")
    jwt = c.jwt({"userInformation": {"id": c.uuid(), "email": "ops@acme.example"}, "authenticationType": "scopedKey",
                 "scopedKeyKey": c.hex(20), "iat": 1705000000})
    f.p("jwt-pinata", jwt, "PINATA_JWT=" + jwt)
    f.t("NEXT_PUBLIC_CHAIN_ID=11155111")
    k = c.hex(20)
    f.p("api-key-pinata", k, "PINATA_API_KEY=" + k)
    k = c.hex(64)
    f.p("secret-pinata-api", k, "PINATA_SECRET_API_KEY=" + k)
    cid = c.cid1()
    f.n("cid-ipfs-v1", cid, "NEXT_PUBLIC_COLLECTION_CID=" + cid)

    # --- Solana --------------------------------------------------------------
    f = c.file("solana/keys/deployer.json")
    arr = "[%s]" % ",".join(str(r.randrange(256)) for _ in range(64))
    f.p("private-key-solana-keypair-json", arr, arr)

    f = c.file("solana/Anchor.toml")
    f.t("""
        [toolchain]
        anchor_version = "0.30.0"

        [programs.devnet]""")
    pid = c.b58(c.raw(32))
    f.n("id-solana-program", pid, "acme_vault = \"%s\"" % pid)
    f.t("\n[provider]\ncluster = \"devnet\"")
    f.n("path-solana-wallet", "~/.config/solana/id.json", "wallet = \"~/.config/solana/id.json\"")

    f = c.file("solana/scripts/airdrop.ts")
    f.t("""
        import { Connection, Keypair, PublicKey, clusterApiUrl } from '@solana/web3.js';
        import bs58 from 'bs58';

        const connection = new Connection(clusterApiUrl('devnet'), 'confirmed');""")
    sk = c.b58(c.raw(64))
    f.p("private-key-solana-base58", sk, "const payer = Keypair.fromSecretKey(bs58.decode('%s'));" % sk)
    pk = c.b58(c.raw(32))
    f.n("public-key-solana", pk, "const recipient = new PublicKey('%s');" % pk)
    sig = c.b58(c.raw(64))
    f.n("signature-solana-tx", sig, "// funded in https://explorer.solana.com/tx/%s?cluster=devnet" % sig)
    f.t("""

        export async function main() {
          const sig = await connection.requestAirdrop(recipient, 1_000_000_000);
          await connection.confirmTransaction(sig);
        }""")

    # --- Bitcoin -------------------------------------------------------------
    f = c.file("btc/restore-cold-storage.sh")
    f.t("""
        #!/bin/sh
        # Restore the cold-storage keys into a watch wallet on the offline node
        set -eu
        bitcoin-cli createwallet cold false true""")
    w = c.wif()
    f.p("private-key-bitcoin-wif", w, "bitcoin-cli -rpcwallet=cold importprivkey \"%s\" \"cold-1\" false" % w)
    w = c.wif()
    f.p("private-key-bitcoin-wif", w, "bitcoin-cli -rpcwallet=cold importprivkey \"%s\" \"cold-2\" false" % w)
    f.t("bitcoin-cli -rpcwallet=cold rescanblockchain 820000")

    f = c.file("btc/NOTES.md")
    f.t("""
        # Treasury wallets

        | purpose | address |
        |---|---|""")
    a = c.bc1()
    f.n("address-bitcoin-bech32", a, "| donations | `%s` |" % a)
    a = c.btc_legacy()
    f.n("address-bitcoin-legacy", a, "| legacy payouts | `%s` |" % a)
    f.t("\nWatch-only descriptor for the accounting node:\n")
    xpub = c.xkey(False)
    f.n("public-key-bitcoin-xpub", xpub, "    wpkh([d34db33f/84h/0h/0h]%s/0/*)" % xpub)
    f.t("\nThe 2024-01 migration was confirmed in block")
    bh = "0" * 19 + c.hex(45)
    f.n("hash-bitcoin-block", bh, "`%s`." % bh)
    f.t("\nHot wallet master key (until the HSM arrives):\n")
    xprv = c.xkey(True)
    f.p("private-key-bitcoin-xprv", xprv, "    %s" % xprv)

    # --- exchanges -------------------------------------------------------------
    f = c.file("trading/freqtrade/user_data/config.json")
    f.t("""
        {
            "max_open_trades": 5,
            "stake_currency": "USDT",
            "stake_amount": "unlimited",
            "dry_run": false,
            "exchange": {
                "name": "kraken",""")
    k = c.b64(42)
    f.p("api-key-kraken-freqtrade", k, "        \"key\": \"%s\"," % k)
    s = c.b64(64)
    f.p("secret-kraken-freqtrade", s, "        \"secret\": \"%s\"," % s)
    f.t("""
                "pair_whitelist": ["BTC/USDT", "ETH/USDT"]
            },
            "telegram": {
                "enabled": true,""")
    t = c.tg()
    f.p("token-telegram-freqtrade", t, "        \"token\": \"%s\"," % t)
    f.t("""
                "chat_id": "%s"
            },
            "api_server": {
                "enabled": true,
                "listen_ip_address": "127.0.0.1",
                "listen_port": 8080,""" % c.digits(9))
    k = c.hex(64)
    f.p("secret-freqtrade-jwt", k, "        \"jwt_secret_key\": \"%s\"," % k)
    k = c.b64u(24)
    f.p("token-freqtrade-ws", k, "        \"ws_token\": \"%s\"," % k)
    f.t("        \"username\": \"freqtrader\",")
    pw = c.pw()
    f.p("password-freqtrade-api-server", pw, "        \"password\": \"%s\"" % pw)
    f.t("""
            },
            "bot_name": "acme-dca"
        }""")

    f = c.file("trading/freqtrade/user_data/config.example.json")
    f.t("""
        {
            "exchange": {
                "name": "binance",""")
    f.n("empty-freqtrade-key", "\"key\": \"\"", "        \"key\": \"\",")
    f.n("empty-freqtrade-key", "\"secret\": \"\"", "        \"secret\": \"\",")
    f.t("""
                "pair_whitelist": []
            },
            "api_server": {""")
    f.n("placeholder-freqtrade-jwt", "somethingrandom", "        \"jwt_secret_key\": \"somethingrandom\",")
    f.n("placeholder-freqtrade-ws", "secret_ws_t0ken.", "        \"ws_token\": \"secret_ws_t0ken.\",")
    f.t("""
                "username": "freqtrader"
            }
        }""")

    f = c.file("trading/.env")
    k = c.alnum(64)
    f.p("api-key-binance-env", k, "BINANCE_API_KEY=" + k)
    s = c.alnum(64)
    f.p("secret-binance-env", s, "BINANCE_API_SECRET=" + s)
    k = c.alnum(16)
    f.p("api-key-coinbase-legacy-env", k, "COINBASE_API_KEY=" + k)
    s = c.alnum(32)
    f.p("secret-coinbase-legacy-env", s, "COINBASE_API_SECRET=" + s)
    f.t("BASE_CURRENCY=EUR")

    f = c.file("trading/cdp_client.py")
    f.t("""
        import ccxt
""")
    pem = c.ec_pem()
    f.p("private-key-coinbase-cdp", pem[2], """
        exchange = ccxt.coinbase({
            "apiKey": "organizations/%s/apiKeys/%s",
            "secret": "%s",
        })""" % (c.uuid(), c.uuid(), "\\n".join(pem) + "\\n"))
    f.t("print(exchange.fetch_balance()[\"total\"])")

    # --- payments ------------------------------------------------------------
    f = c.file("fintech/plaid/.env")
    s = c.hex(30)
    f.p("secret-plaid", s, "PLAID_CLIENT_ID=%s\nPLAID_SECRET=%s" % (c.hex(24), s))
    f.t("""
        PLAID_ENV=production
        PLAID_PRODUCTS=auth,transactions
        PLAID_COUNTRY_CODES=US,CA""")

    f = c.file("fintech/plaid/fixtures/items.json")
    f.t("[\n  {")
    iid = c.alnum(37)
    f.n("id-plaid-item", iid, "    \"item_id\": \"%s\"," % iid)
    t = "access-production-" + c.uuid()
    f.p("token-plaid-access", t, "    \"access_token\": \"%s\"," % t)
    f.t("    \"institution_id\": \"ins_109508\"\n  },\n  {")
    t = "public-sandbox-" + c.uuid()
    f.n("token-plaid-public-ephemeral", t, "    \"public_token\": \"%s\"," % t)
    rid = c.alnum(15)
    f.n("id-plaid-request", rid, "    \"request_id\": \"%s\"" % rid)
    f.t("  }\n]")

    f = c.file("fintech/adyen/src/main/resources/application.properties")
    f.t("""
        adyen.environment=LIVE
        adyen.merchant-account=AcmeECOM""")
    pre = "%s-AcmeCom" % c.hex(16)
    f.n("id-adyen-endpoint-prefix", pre, "adyen.live-endpoint-url-prefix=" + pre)
    k = "AQE" + c.s(ALNUM + "+/", 93) + "==-" + c.b64(32) + "-" + c.s(ALNUM + "[]{}<>%;", 16)
    f.p("api-key-adyen", k, "adyen.api-key=" + k)
    ck = "live_" + c.up(32)
    f.n("public-adyen-client-key", ck, "adyen.client-key=" + ck)
    h = c.HEX(64)
    f.p("key-adyen-hmac", h, "adyen.hmac-key=" + h)

    f = c.file("fintech/paypal/config.js")
    cid = "A" + c.s(B64URL, 79)
    f.n("id-paypal-client", cid, "export const PAYPAL_CLIENT_ID = '%s';" % cid)
    s = "E" + c.s(B64URL, 79)
    f.p("secret-paypal-client", s, "export const PAYPAL_CLIENT_SECRET = '%s';" % s)
    f.t("export const PAYPAL_API = 'https://api-m.paypal.com';")

    f = c.file("fintech/paypal/checkout.html")
    f.t("""
        <!doctype html>
        <html>
          <head>
            <meta charset="utf-8">
            <title>Checkout</title>""")
    cid = "A" + c.s(B64URL, 79)
    f.n("id-paypal-client", cid, "    <script src=\"https://www.paypal.com/sdk/js?client-id=%s&currency=EUR\"></script>" % cid)
    f.t("""
          </head>
          <body>
            <div id="paypal-button-container"></div>
          </body>
        </html>""")

    f = c.file("fintech/razorpay/settings.py")
    f.t("import os\n")
    kid = "rzp_live_" + c.alnum(14)
    f.n("id-razorpay-key", kid, "RAZORPAY_KEY_ID = \"%s\"  # shown to the browser in checkout.js" % kid)
    s = c.alnum(24)
    f.p("secret-razorpay-key", s, "RAZORPAY_KEY_SECRET = \"%s\"" % s)
    s = c.pw()
    f.p("secret-razorpay-webhook", s, "RAZORPAY_WEBHOOK_SECRET = \"%s\"" % s)
    f.n("env-python-getenv", "os.getenv(\"RAZORPAY_PARTNER_SECRET\")", "RAZORPAY_PARTNER_SECRET = os.getenv(\"RAZORPAY_PARTNER_SECRET\")")

    f = c.file("fintech/paystack/.env")
    k = "sk_live_" + c.hex(40)
    f.p("secret-paystack", k, "PAYSTACK_SECRET_KEY=" + k)
    k = "pk_live_" + c.hex(40)
    f.n("public-paystack-key", k, "PAYSTACK_PUBLIC_KEY=" + k)
    f.t("PAYSTACK_CALLBACK_URL=https://shop.acme.example/pay/callback")

    f = c.file("fintech/flutterwave/config.php")
    f.t("<?php\n\nreturn [")
    k = "FLWPUBK-" + c.hex(32) + "-X"
    f.n("public-flutterwave-key", k, "    'public_key' => '%s'," % k)
    k = "FLWSECK-" + c.hex(32) + "-X"
    f.p("secret-flutterwave", k, "    'secret_key' => '%s'," % k)
    k = c.hex(24)
    f.p("key-flutterwave-encryption", k, "    'encryption_key' => '%s'," % k)
    f.n("env-php-getenv", "getenv('FLW_SECRET_HASH')", "    'webhook_hash' => getenv('FLW_SECRET_HASH'),")
    f.t("];")

    f = c.file("fintech/mollie/checkout.php")
    f.t("""
        <?php
        require __DIR__ . '/vendor/autoload.php';

        $mollie = new \\Mollie\\Api\\MollieApiClient();
        if (getenv('APP_ENV') === 'production') {""")
    f.n("env-php-getenv", "getenv('MOLLIE_API_KEY')", "    $mollie->setApiKey(getenv('MOLLIE_API_KEY'));")
    f.t("} else {")
    k = "live_" + c.alnum(30)
    f.p("api-key-mollie", k, "    $mollie->setApiKey('%s'); // temporary, shop owner's key" % k)
    f.t("}")
    k = "access_" + c.alnum(40)
    f.p("token-mollie-organization-access", k, "$orgClient = (new \\Mollie\\Api\\MollieApiClient())->setAccessToken('%s');" % k)

    f = c.file("fintech/checkout/appsettings.Production.json")
    f.t("""
        {
          "CheckoutSdk": {
            "Environment": "Production",""")
    k = "pk_" + c.s("abcdefghijklmnopqrstuvwxyz234567", 26)
    f.n("public-checkout-com-key", k, "    \"PublicKey\": \"%s\"," % k)
    k = "sk_" + c.s("abcdefghijklmnopqrstuvwxyz234567", 26)
    f.p("secret-checkout-com", k, "    \"SecretKey\": \"%s\"" % k)
    f.t("  }\n}")

    f = c.file("fintech/wise/payouts.py")
    f.t("""
        import os
        import uuid

        import requests

        WISE_API = "https://api.transferwise.com\"""")
    t = c.uuid()
    f.p("token-wise-api", t, "WISE_API_TOKEN = \"%s\"  # ops personal token" % t)
    f.n("template-python-fstring", "Bearer {os.environ['WISE_TOKEN']}",
        "HEADERS = {\"Authorization\": f\"Bearer {os.environ['WISE_TOKEN']}\"}")
    q = c.uuid()
    f.n("id-wise-quote", q, "LAST_QUOTE_ID = \"%s\"" % q)
    f.t("""


        def transfer(profile_id: int, target_account: int, quote_id: str) -> dict:
            body = {"targetAccount": target_account, "quoteUuid": quote_id,
                    "customerTransactionId": str(uuid.uuid4())}
            return requests.post(f"{WISE_API}/v1/transfers", json=body, headers=HEADERS, timeout=30).json()""")


# ===========================================================================
# Debris: patches, prose, exports, dumps, game configs, key files
# ===========================================================================
def debris(c):
    r = c.r
    # --- patches ---------------------------------------------------------------
    f = c.file("patches/0001-add-staging-config.patch")
    sha = c.hex(40)
    f.n("sha-git-patch-from", sha, "From %s Mon Sep 17 00:00:00 2001" % sha)
    f.t("""
        From: Jane Doe <jane@acme.example>
        Date: Tue, 30 Apr 2024 16:20:11 +0200
        Subject: [PATCH] add staging config

        ---
         deploy/staging.env | 4 ++++
         1 file changed, 4 insertions(+)
         create mode 100644 deploy/staging.env

        diff --git a/deploy/staging.env b/deploy/staging.env
        new file mode 100644""")
    idx = "0000000..%s" % c.hex(7)
    f.n("sha-git-index-line", idx, "index %s" % idx)
    f.t("""
        --- /dev/null
        +++ b/deploy/staging.env
        @@ -0,0 +1,4 @@
        +APP_ENV=staging""")
    pw = c.pw()
    f.p("password-patch-added", pw, "+DB_PASSWORD=" + pw)
    k = "SG.%s.%s" % (c.s(B64URL, 22), c.s(B64URL, 43))
    f.p("api-key-sendgrid-patch-added", k, "+SENDGRID_API_KEY=" + k)
    f.t("""
        +LOG_LEVEL=debug
        --
        2.44.0""")

    f = c.file("patches/remove-leaked-token.diff")
    f.t("diff --git a/.gitlab-ci.yml b/.gitlab-ci.yml")
    idx = "%s..%s" % (c.hex(7), c.hex(7))
    f.n("sha-git-index-line", idx, "index %s 100644" % idx)
    f.t("""
        --- a/.gitlab-ci.yml
        +++ b/.gitlab-ci.yml
        @@ -3,7 +3,7 @@ variables:
           DOCKER_DRIVER: overlay2""")
    t = "glpat-" + c.s(B64URL, 20)
    f.p("token-gitlab-patch-removed", t, "-  GITLAB_TOKEN: \"%s\"" % t)
    f.n("template-gitlab-ci-var", "$CI_JOB_TOKEN", "+  GITLAB_TOKEN: \"$CI_JOB_TOKEN\"")
    f.t("""
         stages:
           - build
        diff --git a/config/settings.yml b/config/settings.yml""")
    idx = "%s..%s" % (c.hex(7), c.hex(7))
    f.n("sha-git-index-line", idx, "index %s 100644" % idx)
    f.t("""
        --- a/config/settings.yml
        +++ b/config/settings.yml
        @@ -10,4 +10,4 @@ mailer:
           provider: mailgun""")
    k = c.hex(32) + "-" + c.hex(8) + "-" + c.hex(8)
    f.p("api-key-mailgun-patch-removed", k, "-  api_key: \"%s\"" % k)
    f.n("template-erb", "<%= ENV.fetch('MAILGUN_API_KEY') %>", "+  api_key: \"<%= ENV.fetch('MAILGUN_API_KEY') %>\"")

    f = c.file("patches/bump-deps.diff")
    f.t("""
        diff --git a/go.sum b/go.sum
        --- a/go.sum
        +++ b/go.sum
        @@ -41,2 +41,2 @@""")
    h = c.b64(32)
    f.n("hash-go-sum-patch", h, "-golang.org/x/crypto v0.21.0 h1:%s" % h)
    h = c.b64(32)
    f.n("hash-go-sum-patch", h, "+golang.org/x/crypto v0.22.0 h1:%s" % h)

    # --- prose -----------------------------------------------------------------
    f = c.file("docs/wiki/Staging-environment.md")
    f.t("""
        # Staging environment

        Staging mirrors production at a smaller scale and is rebuilt every Monday.

        ## Access
""")
    pw = c.pw()
    f.p("password-wiki-prose", pw, "The staging admin password is `%s` (rotate after the customer demo)." % pw)
    f.t("")
    f.n("prose-secret-location", "stored in 1Password", "The production password is stored in 1Password under *Prod / Postgres*; never paste it here.")
    f.t("")
    f.n("prose-secret-location", "secret/ops/ssh", "SSH with `ssh deploy@10.0.4.12` using the key from Vault path `secret/ops/ssh`.")
    f.t("\n## Status page\n")
    t = c.alnum(40)
    f.p("token-wiki-prose", t, "API token for the status page integration: %s" % t)
    f.t("")
    f.n("masked-wiki-prose", "`****************`", "The old token (`****************`) was revoked on 2024-03-02.")
    f.t("""

        ## Reset

        Run `make reset-staging` and wait for the smoke tests.""")

    f = c.file("docs/notes/2024-04-18-offsite.md")
    f.t("""
        # Offsite 2024-04-18

        Attendees: Jane, Omar, Li

        - Venue: Harbour Hall, room 3""")
    pw = c.pw()
    f.p("password-meeting-notes", pw, "- Wi-Fi: SSID `harbour-events`, password `%s`" % pw)
    f.n("prose-password-policy", "at least 14 characters", "- New password policy: at least 14 characters, no rotation unless compromised")
    f.n("prose-cli-login", "vault login -method=oidc", "- Use `vault login -method=oidc` instead of long-lived tokens")
    f.t("- Next offsite: October")

    f = c.file("docs/runbooks/mail-relay.md")
    f.t("""
        # Mail relay

        The relay forwards application mail to the provider.

        1. Log in to the relay host.
        2. Edit `/etc/postfix/sasl_passwd`:

        ```""")
    f.n("placeholder-runbook", "<relay-password>", "[smtp.provider.example]:587 relay@acme.example:<relay-password>")
    f.t("""
        ```

        3. Run `postmap /etc/postfix/sasl_passwd` and `systemctl reload postfix`.

        Current relay credentials (temporary, until the vault migration):
""")
    pw = c.pw()
    f.p("password-runbook-prose", pw, "    user: relay@acme.example  password: %s" % pw)

    # --- front matter / static sites -----------------------------------------------
    f = c.file("site/_config.yml")
    f.t("""
        title: Acme Engineering
        url: https://engineering.acme.example
        plugins:
          - jekyll-algolia
        algolia:""")
    app = c.up(10)
    f.n("id-algolia-app", app, "  application_id: %s" % app)
    f.t("  index_name: engineering_posts")
    k = c.hex(32)
    f.n("public-algolia-search-key", k, "  search_only_api_key: %s" % k)
    k = c.hex(32)
    f.p("api-key-algolia-admin", k, "  admin_api_key: %s  # jekyll algolia push from laptop" % k)

    f = c.file("site/_posts/2024-05-02-rotating-keys.md")
    f.t("---")
    f.t("""
        layout: post
        title: "How we rotate keys"
        author: jane
        tags: [security, ops]""")
    f.n("id-analytics", "G-" + "7QX2M9KD1B", "analytics_id: G-7QX2M9KD1B")
    f.t("""
        ---

        Rotating credentials should be boring. Our pipeline generates a new key,
        deploys it next to the old one, and removes the old key a day later.

        A key in a post like this one always looks like:
""")
    f.n("placeholder-blog-post", "sk_live_XXXXXXXXXXXXXXXXXXXXXXXX", "    STRIPE_SECRET_KEY=sk_live_XXXXXXXXXXXXXXXXXXXXXXXX")
    f.t("\nand never like a real one.")

    f = c.file("site/hugo.toml")
    f.t("""
        baseURL = "https://blog.acme.example/"
        languageCode = "en-us"
        title = "Acme blog"

        [services.googleAnalytics]""")
    f.n("id-analytics", "G-4KD81XQ2ZB", "  ID = \"G-4KD81XQ2ZB\"")
    f.t("\n[params]")
    tok = "pk.eyJ1IjoiYWNtZSIsImEiOiI%s" % c.s(B64URL, 30) + "." + c.s(B64URL, 22)
    f.n("public-mapbox-token", tok, "  mapboxToken = \"%s\"" % tok)

    # --- CSV exports -------------------------------------------------------------
    f = c.file("exports/legacy-users-2019.csv")
    f.t("id,email,name,password,created_at")
    for i, name in ((1, "Ana Lima"), (2, "Tom Berg")):
        pw = c.pw()
        f.p("password-csv-export-plaintext", pw, "%d,%s@example.net,%s,%s,2019-03-0%d" % (
            i, name.split()[0].lower(), name, pw, i + 1))

    f = c.file("exports/users-2024-05.csv")
    f.t("id,email,name,password_hash,created_at")
    for i, name in ((1, "Ana Lima"), (2, "Tom Berg"), (3, "Li Wei")):
        h = c.bcrypt()
        f.n("hash-csv-export-bcrypt", h, "%d,%s@example.net,%s,%s,2024-05-0%d" % (
            i, name.split()[0].lower(), name, h, i))

    f = c.file("exports/api-clients.csv")
    f.t("client_id,client_secret,owner,created")
    s = c.alnum(40)
    f.p("secret-csv-export-client", s, "%s,%s,billing,2023-11-02" % (c.uuid(), s))
    f.n("masked-csv-export", "****", "%s,****,reporting,2024-01-15" % c.uuid())

    f = c.file("exports/devices.csv")
    f.t("serial,mac,firmware_sha256,site")
    for i in range(3):
        h = c.hex(64)
        f.n("hash-csv-firmware", h, "SN-%s,%s,%s,site-%d" % (c.up(8), ":".join(c.hex(2) for _ in range(6)), h, i + 1))

    # --- crash dumps ---------------------------------------------------------------
    f = c.file("crash/crash-2024-05-02T10-14-55.txt")
    f.t("""
        *** Crash report ***
        Process: acme-worker (pid 31877)
        Signal: SIGSEGV (11) at 0x0000000000000018""")
    bid = c.hex(40)
    f.n("hash-build-id", bid, "Build ID: " + bid)
    f.t("""

        Registers:""")
    regs = "rax=0x%s rbx=0x%s rcx=0x%s" % (c.hex(16), c.hex(16), c.hex(16))
    f.n("hex-crash-registers", regs, "  " + regs)
    f.t("""

        Backtrace:
          #0 0x00005581a2c3d1e0 in parse_row (src/parse.c:212)
          #1 0x00005581a2c3e002 in worker_loop (src/worker.c:88)

        Environment:
          HOME=/home/app
          LANG=C.UTF-8""")
    sec = c.aws_secret()
    f.p("aws-secret-crash-env", sec, "  AWS_SECRET_ACCESS_KEY=" + sec)
    pw = c.pw()
    f.p("password-crash-env-url", pw, "  DATABASE_URL=postgres://worker:%s@db.internal:5432/jobs" % pw)
    f.n("env-crash-secret-ref", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:worker/api-AbCdEf",
        "  API_KEY_SECRET_ARN=arn:aws:secretsmanager:eu-west-1:123456789012:secret:worker/api-AbCdEf")

    f = c.file("crash/minidump-summary.json")
    f.t("{")
    g = c.uuid()
    f.n("id-crash-guid", g, "  \"crash_id\": \"%s\"," % g)
    f.t("  \"modules\": [")
    d = c.HEX(33)
    f.n("id-debug-module", d, "    {\"name\": \"acme_engine.dll\", \"debug_id\": \"%s\", \"base\": \"0x7ff8a1c20000\"}" % d)
    f.t("  ]\n}")

    # --- Unity -----------------------------------------------------------------
    f = c.file("unity/Assets/Scripts/Backend/PlayFabBootstrap.cs")
    f.t("""
        using PlayFab;
        using UnityEngine;

        public class PlayFabBootstrap : MonoBehaviour
        {
            void Awake()
            {
                PlayFabSettings.staticSettings.TitleId = "A1B2C";
        #if UNITY_SERVER""")
    k = c.up(52)
    f.p("secret-playfab-developer", k, "        PlayFabSettings.staticSettings.DeveloperSecretKey = \"%s\";" % k)
    f.t("""
        #endif
            }
        }""")

    f = c.file("unity/Assets/Scripts/Backend/PlayFabBootstrap.cs.meta")
    f.t("fileFormatVersion: 2")
    g = c.hex(32)
    f.n("id-unity-meta-guid", g, "guid: " + g)
    f.t("""
        MonoImporter:
          externalObjects: {}
          serializedVersion: 2""")

    f = c.file("unity/Assets/Editor/BuildScript.cs")
    f.t("""
        using System;
        using UnityEditor;

        public static class BuildScript
        {
            public static void Android()
            {
                PlayerSettings.Android.useCustomKeystore = true;
                PlayerSettings.Android.keystoreName = "keystore/release.keystore";""")
    pw = c.pw()
    f.p("password-unity-keystore", pw, "        PlayerSettings.Android.keystorePass = \"%s\";" % pw)
    f.t("        PlayerSettings.Android.keyaliasName = \"release\";")
    f.n("env-csharp-getenv", "Environment.GetEnvironmentVariable(\"KEY_ALIAS_PASS\")",
        "        PlayerSettings.Android.keyaliasPass = Environment.GetEnvironmentVariable(\"KEY_ALIAS_PASS\");")
    f.t("""
                BuildPipeline.BuildPlayer(EditorBuildSettings.scenes, "build/game.aab", BuildTarget.Android, BuildOptions.None);
            }
        }""")

    f = c.file("unity/ProjectSettings/ProjectSettings.asset")
    f.t("""
        %YAML 1.1
        %TAG !u! tag:unity3d.com,2011:
        --- !u!129 &1
        PlayerSettings:
          serializedVersion: 26
          companyName: Acme
          productName: Harbor Run""")
    g = c.hex(32)
    f.n("id-unity-product-guid", g, "  productGUID: " + g)
    f.t("  AndroidKeystoreName: '{inproject}: keystore/release.keystore'")
    g = c.uuid()
    f.n("id-unity-cloud-project", g, "  cloudProjectId: " + g)
    f.t("  projectName: Harbor Run")

    # --- Unreal -----------------------------------------------------------------
    f = c.file("unreal/Config/DefaultEngine.ini")
    f.t("""
        [/Script/EngineSettings.GameMapsSettings]
        GameDefaultMap=/Game/Maps/MainMenu.MainMenu

        [OnlineSubsystem]
        DefaultPlatformService=EOS

        [OnlineSubsystemSteam]
        bEnabled=true""")
    f.n("id-steam-dev-app", "SteamDevAppId=480", "SteamDevAppId=480")
    f.t("\n[/Script/OnlineSubsystemEOS.EOSSettings]")
    sec = c.s(ALNUM + "+/", 43)
    f.p("secret-eos-artifact-client", sec,
        "+Artifacts=(ArtifactName=\"HarborRun\",ClientId=\"xyza7891%s\",ClientSecret=\"%s\",ProductId=\"%s\",SandboxId=\"%s\",DeploymentId=\"%s\",EncryptionKey=\"%s\")" % (
            c.alnum(24), sec, c.hex(32), c.hex(32), c.hex(32), c.HEX(64)))
    f.t("""

        [/Script/AndroidRuntimeSettings.AndroidRuntimeSettings]
        PackageName=com.acme.harborrun
        KeyStore=release.keystore
        KeyAlias=release""")
    pw = c.pw()
    f.p("password-unreal-android-keystore", pw, "KeyStorePassword=" + pw)
    f.n("empty-unreal-key-password", "KeyPassword=", "KeyPassword=")

    f = c.file("unreal/Config/DefaultGame.ini")
    f.t("[/Script/EngineSettings.GeneralProjectSettings]")
    pid = c.HEX(32)
    f.n("id-unreal-project", pid, "ProjectID=" + pid)
    f.t("""
        ProjectName=Harbor Run
        CompanyName=Acme""")

    f = c.file("unreal/Config/DefaultCrypto.ini")
    f.t("[/Script/CryptoKeys.CryptoKeysSettings]")
    k = c.b64(32)
    f.p("key-unreal-pak-encryption", k, "EncryptionKey=" + k)
    f.t("""
        bEnablePakSigning=False
        bEncryptPakIniFiles=True
        bEncryptPakIndex=True""")
    f.n("empty-unreal-signing", "SigningPrivateExponent=", "SigningPrivateExponent=")

    # --- Godot -------------------------------------------------------------------
    f = c.file("godot/export_presets.cfg")
    f.t("""
        [preset.0]

        name="Android"
        platform="Android"
        runnable=true
        export_path="build/harbor.aab"

        [preset.0.options]

        keystore/debug="res://debug.keystore"
        keystore/debug_user="androiddebugkey\"""")
    f.n("default-android-debug-keystore", "android", "keystore/debug_password=\"android\"")
    f.t("""
        keystore/release="res://release.keystore"
        keystore/release_user="acme\"""")
    pw = c.pw()
    f.p("password-godot-release-keystore", pw, "keystore/release_password=\"%s\"" % pw)
    f.t("package/unique_name=\"com.acme.harbor\"")
    k = c.hex(64)
    f.p("key-godot-script-encryption", k, "script_encryption_key=\"%s\"" % k)

    f = c.file("godot/scripts/leaderboard.gd")
    f.t("""
        extends Node

        func _ready() -> void:
        \tSilentWolf.configure({""")
    k = c.alnum(40)
    f.p("api-key-silentwolf", k, "\t\t\"api_key\": \"%s\"," % k)
    f.t("""
        \t\t"game_id": "harborrun",
        \t\t"log_level": 1
        \t})""")
    f.n("env-godot-os-get-environment", "OS.get_environment(\"LB_ADMIN_KEY\")", "\tvar admin_key := OS.get_environment(\"LB_ADMIN_KEY\")")

    # --- game servers ---------------------------------------------------------------
    f = c.file("minecraft/server.properties")
    f.t("""
        #Minecraft server properties
        #Thu May 02 18:11:07 UTC 2024
        enable-jmx-monitoring=false
        rcon.port=25575""")
    f.n("seed-minecraft-level", "level-seed=-4172144997902289642", "level-seed=-4172144997902289642")
    f.t("""
        gamemode=survival
        enable-command-block=false
        enable-rcon=true""")
    pw = c.pw()
    f.p("password-minecraft-rcon", pw, "rcon.password=" + pw)
    f.t("""
        motd=Acme community server
        online-mode=true
        max-players=40""")

    f = c.file("minecraft/lobby/server.properties")
    f.t("""
        enable-rcon=false
        rcon.port=25576""")
    f.n("empty-minecraft-rcon", "rcon.password=", "rcon.password=")
    f.t("motd=Lobby")

    f = c.file("minecraft/velocity/forwarding.secret")
    s = c.alnum(12)
    f.p("secret-velocity-forwarding", s, s)

    f = c.file("minecraft/config/paper-global.yml")
    f.t("""
        proxies:
          velocity:
            enabled: true
            online-mode: true""")
    f.p("secret-paper-velocity", s, "    secret: '%s'" % s)

    f = c.file("minecraft/plugins/LuckPerms/config.yml")
    f.t("""
        server: survival
        storage-method: MariaDB
        data:
          address: db.internal:3306
          database: luckperms
          username: luckperms""")
    pw = c.pw()
    f.p("password-luckperms-storage", pw, "  password: '%s'" % pw)
    f.t("""
          pool-settings:
            maximum-pool-size: 10""")

    f = c.file("minecraft/ops.json")
    f.t("[")
    u = c.uuid()
    f.n("id-minecraft-player-uuid", u, "  {\"uuid\": \"%s\", \"name\": \"acme_admin\", \"level\": 4, \"bypassesPlayerLimit\": false}" % u)
    f.t("]")

    f = c.file("srcds/csgo/cfg/server.cfg")
    f.t("""
        hostname "Acme Community | Casual"
        sv_lan 0
        sv_region 3""")
    pw = c.pw()
    f.p("password-srcds-rcon", pw, "rcon_password \"%s\"" % pw)
    f.n("empty-srcds-sv-password", "sv_password \"\"", "sv_password \"\"")
    g = c.HEX(32)
    f.p("token-steam-gslt", g, "sv_setsteamaccount %s" % g)
    f.n("placeholder-srcds-gslt", "<YOUR_GSLT>", "// sv_setsteamaccount <YOUR_GSLT>  // https://steamcommunity.com/dev/managegameservers")
    f.t("mp_autoteambalance 1\nexec banned_user.cfg")

    f = c.file("srcds/start.sh")
    f.t("""
        #!/bin/sh
        cd /home/steam/csgo || exit 1""")
    f.n("template-shell-var", "+sv_setsteamaccount \"$GSLT\"",
        "./srcds_run -game csgo -console -usercon +game_type 0 +game_mode 0 +map de_dust2 +sv_setsteamaccount \"$GSLT\" \\")
    k = c.HEX(32)
    f.p("api-key-steam-web", k, "    -authkey %s +host_workshop_collection 1234567" % k)

    f = c.file("factorio/server-settings.json")
    f.t("""
        {
          "name": "Acme Factory",
          "description": "Weekly co-op",
          "tags": ["coop"],
          "max_players": 8,
          "visibility": { "public": true, "lan": true },
          "username": "acme_ops",""")
    t = c.hex(30)
    f.p("token-factorio-service", t, "  \"token\": \"%s\"," % t)
    pw = c.pw()
    f.p("password-factorio-game", pw, "  \"game_password\": \"%s\"," % pw)
    f.t("""
          "require_user_verification": true,
          "autosave_interval": 10
        }""")

    # --- WireGuard -----------------------------------------------------------------
    f = c.file("vpn/wireguard/wg0.conf")
    f.t("""
        [Interface]
        Address = 10.8.0.1/24
        ListenPort = 51820""")
    k = c.wg_private()
    f.p("private-key-wireguard", k, "PrivateKey = " + k)
    f.t("""
        PostUp = iptables -A FORWARD -i wg0 -j ACCEPT
        PostDown = iptables -D FORWARD -i wg0 -j ACCEPT

        [Peer]
        # laptop""")
    k = c.wg_public()
    f.n("public-key-wireguard", k, "PublicKey = " + k)
    k = c.b64(32)
    f.p("psk-wireguard", k, "PresharedKey = " + k)
    f.t("""
        AllowedIPs = 10.8.0.2/32

        [Peer]
        # phone""")
    k = c.wg_public()
    f.n("public-key-wireguard", k, "PublicKey = " + k)
    f.t("AllowedIPs = 10.8.0.3/32")

    f = c.file("vpn/wireguard/templates/peer.conf.j2")
    f.t("[Interface]")
    f.n("template-jinja", "{{ wg_private_key }}", "PrivateKey = {{ wg_private_key }}")
    f.t("Address = {{ wg_address }}\n\n[Peer]")
    k = c.wg_public()
    f.n("public-key-wireguard", k, "PublicKey = " + k)
    f.t("""
        Endpoint = vpn.acme.example:51820
        AllowedIPs = 10.8.0.0/24""")

    f = c.file("vpn/wireguard/server.pub")
    k = c.wg_public()
    f.n("public-key-wireguard-file", k, k)

    # --- Tor -----------------------------------------------------------------
    f = c.file("tor/torrc")
    f.t("""
        SocksPort 0
        ControlPort 9051""")
    h = "16:" + c.HEX(58)
    f.n("hash-tor-control-password", h, "HashedControlPassword " + h)
    f.t("""
        HiddenServiceDir /var/lib/tor/acme_web/
        HiddenServicePort 80 127.0.0.1:8080
        ClientOnionAuthDir /var/lib/tor/onion_auth""")

    f = c.file("tor/acme_web/hostname")
    o = c.onion()
    f.n("address-onion", o, o + ".onion")

    f = c.file("tor/legacy_v2/private_key")
    pem = c.rsa_pem(1024)
    f.p("private-key-tor-v2-hidden-service", pem[3], "\n".join(pem))

    f = c.file("tor/acme_web/authorized_clients/alice.auth")
    k = c.b32(52)
    f.n("public-key-tor-client-auth", k, "descriptor:x25519:" + k)

    f = c.file("tor/onion_auth/acme.auth_private")
    k = c.b32(52)
    f.p("private-key-tor-client-auth", k, "%s:descriptor:x25519:%s" % (c.onion(), k))

    # --- age / minisign / signify / GPG ----------------------------------------------
    f = c.file("secrets/age/key.txt")
    f.t("# created: 2024-04-02T11:20:31+02:00")
    pub = c.age_public()
    f.n("public-key-age-comment", pub, "# public key: " + pub)
    k = c.age_secret()
    f.p("private-key-age", k, k)

    f = c.file(".sops.yaml")
    f.t("""
        creation_rules:
          - path_regex: secrets/.*\\.yaml$""")
    pub = c.age_public()
    f.n("public-key-age-recipient", pub, "    age: %s" % pub)
    fp = c.HEX(40)
    f.n("fingerprint-pgp", fp, "    pgp: %s" % fp)

    f = c.file("release/minisign.key")
    body = base64.b64encode(b"EdScB2" + c.raw(152)).decode()
    f.p("private-key-minisign", body, """
        untrusted comment: minisign encrypted secret key
        %s""" % body)

    f = c.file("release/minisign.pub")
    kid = c.HEX(16)
    pub = base64.b64encode(b"Ed" + c.raw(40)).decode()
    f.n("public-key-minisign", pub, """
        untrusted comment: minisign public key %s
        %s""" % (kid, pub))

    f = c.file("release/signify/acme-2024.sec")
    body = base64.b64encode(b"EdBK" + struct.pack(">I", 42) + c.raw(96)).decode()
    f.p("private-key-signify", body, """
        untrusted comment: signify secret key
        %s""" % body)

    f = c.file("release/signify/acme-2024.pub")
    pub = base64.b64encode(b"Ed" + c.raw(40)).decode()
    f.n("public-key-signify", pub, """
        untrusted comment: signify public key
        %s""" % pub)

    f = c.file("release/keys/release-signing-private.asc")
    blk_ = c.pgp_block(True, 700)
    f.p("private-key-pgp-armored", blk_[3], "\n".join(blk_))

    f = c.file("release/keys/release-signing.pub.asc")
    blk_ = c.pgp_block(False, 600)
    f.n("public-key-pgp-armored", blk_[3], "\n".join(blk_))

    f = c.file("release/keys/README.md")
    f.t("""
        # Release signing

        Releases are signed with the key below; import it with
        `gpg --import release-signing.pub.asc` and check the fingerprint:
""")
    fp = " ".join(c.HEX(4) for _ in range(10))
    f.n("fingerprint-pgp-spaced", fp, "    " + fp)
    f.t("\nminisign users can verify with `minisign -Vm acme.tar.gz -p minisign.pub`.")

# ===========================================================================
SECTIONS = [data_ml, iot, desktop, messaging, web3, debris]


def generate(outdir, seed=20240611):
    c = Corpus(seed)
    for section in SECTIONS:
        section(c)
    # self-check: every value on its labelled lines, no two items share a line
    taken = {}
    for l in c.labels:
        f = c.files[l["file"]]
        assert 1 <= l["line"] <= l["end"] <= len(f.lines), l
        text = "\n".join(f.lines[l["line"] - 1:l["end"]])
        assert l["value"] and l["value"] in text, ("value not on its lines", l["file"], l["line"], l["kind"])
        assert l["label"] in ("positive", "negative"), l
        for ln in range(l["line"], l["end"] + 1):
            key = (l["file"], ln)
            assert key not in taken, ("two items share a line", key, l["kind"], taken[key])
            taken[key] = l["kind"]
    repo = os.path.join(outdir, "repo")
    if os.path.isdir(repo):
        shutil.rmtree(repo)
    os.makedirs(repo)
    for path, f in c.files.items():
        full = os.path.join(repo, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", encoding="utf-8", newline="\n") as out:
            out.write("\n".join(f.lines) + "\n")
    labels = sorted(c.labels, key=lambda l: (l["file"], l["line"]))
    with open(os.path.join(outdir, "labels.json"), "w") as out:
        json.dump(labels, out, indent=1)
    return labels


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
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
