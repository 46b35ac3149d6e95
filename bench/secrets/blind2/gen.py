#!/usr/bin/env python3
"""Second blind corpus of realistic fake secrets and hard negatives.

usage: gen.py OUTDIR [--seed N]

Writes OUTDIR/repo/ (a monorepo of mobile apps, deployment and operations
files, CI definitions, framework configs, notebooks, logs and dumps) and
OUTDIR/labels.json, one entry per planted item:

    {"file", "line", "end", "kind", "label": "positive"|"negative", "value"}

line and end are 1-based and inclusive.  Every value is drawn from the seed
at run time, except private keys and certificates, which openssl and
ssh-keygen make fresh (their labels and lines do not change).  Python 3
standard library only.  See README.md for what is planted and why.
"""

import argparse
import base64
import json
import os
import random
import shutil
import string
import subprocess
import sys
import tempfile
import urllib.parse
import uuid
import zlib

UP = string.ascii_uppercase
LO = string.ascii_lowercase
DIG = string.digits
HEX = "0123456789abcdef"
B62 = DIG + UP + LO                 # GitHub's base62 order for the checksum
ALNUM = UP + LO + DIG
B64 = UP + LO + DIG + "+/"
B64U = UP + LO + DIG + "-_"
B32 = UP + "234567"

# a random value that happens to spell one of these would read as a dummy
_DULL = ("xxx", "test", "example", "dummy", "fake", "sample", "0000", "1234",
         "abcd", "pass", "secret", "token", "key", "todo", "aaaa", "null")


def b62(n, width):
    s = ""
    while n:
        n, d = divmod(n, 62)
        s = B62[d] + s
    return s.rjust(width, "0")


def b64u(data):
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


class File:
    """Lines of one corpus file; items record their exact line span."""

    def __init__(self, corpus, path):
        self.c, self.path, self.lines = corpus, path, []

    def __call__(self, text=""):
        # the generator's own indentation (8 columns) is not part of the file
        lines = [l if l.strip() else "" for l in text.split("\n")]
        while len(lines) > 1 and not lines[0]:
            lines.pop(0)
        while len(lines) > 1 and not lines[-1]:
            lines.pop()
        self.lines += [l[8:] if l.startswith(" " * 8) else l for l in lines]
        return self

    def raw(self, text):
        self.lines += text.split("\n")
        return self

    def _item(self, label, kind, text, value):
        start = len(self.lines) + 1
        self.lines += text.split("\n")
        self.c.labels.append({"file": self.path, "line": start,
                      "end": len(self.lines), "kind": kind,
                      "label": label, "value": value})
        return self

    def p(self, kind, text, value):
        return self._item("positive", kind, text, value)

    def n(self, kind, text, value):
        return self._item("negative", kind, text, value)


class Corpus:
    def __init__(self, seed, tmp):
        self.r = random.Random(seed)
        self.tmp = tmp
        self.files = {}
        self.labels = []
        self._keys = 0

    def file(self, path):
        if path in self.files:
            raise ValueError("duplicate file %s" % path)
        f = self.files[path] = File(self, path)
        return f

    # ---- random material -------------------------------------------------

    def rs(self, n, alpha=ALNUM):
        while True:
            s = "".join(self.r.choice(alpha) for _ in range(n))
            if not any(d in s.lower() for d in _DULL):
                return s

    def hex(self, n):
        return self.rs(n, HEX)

    def digits(self, n):
        return str(self.r.randint(1, 9)) + self.rs(n - 1, DIG)

    def uuid(self):
        return str(uuid.UUID(int=self.r.getrandbits(128), version=4))

    def pick(self, seq):
        return self.r.choice(seq)

    def b64bytes(self, n):
        return base64.b64encode(bytes(self.r.getrandbits(8) for _ in range(n))).decode()

    def rbytes(self, n):
        return bytes(self.r.getrandbits(8) for _ in range(n))

    # ---- vendor token shapes (public documentation) ----------------------

    def aws_id(self, prefix="AKIA"):
        return prefix + self.rs(16, B32)

    def aws_secret(self):
        return self.rs(40, ALNUM + "/+")

    def github(self, prefix):
        body = self.rs(30, B62)
        return prefix + "_" + body + b62(zlib.crc32(body.encode()), 6)

    def github_pat(self):
        body = "11" + self.rs(20, UP + DIG) + "_" + self.rs(59, ALNUM)
        return "github_pat_" + body[:82]

    def npm(self):
        body = self.rs(30, B62)
        return "npm_" + body + b62(zlib.crc32(body.encode()), 6)

    def glpat(self):
        return "glpat-" + self.rs(20, ALNUM + "-_")

    def slack_bot(self):
        return "xoxb-%s-%s-%s" % (self.digits(11), self.digits(13), self.rs(24))

    def slack_user(self):
        return "xoxp-%s-%s-%s-%s" % (self.digits(11), self.digits(11), self.digits(13), self.hex(32))

    def slack_app(self):
        return "xapp-1-A%s-%s-%s" % (self.rs(10, UP + DIG), self.digits(13), self.hex(64))

    def slack_hook(self):
        return "https://hooks.slack.com/services/T%s/B%s/%s" % (
            self.rs(8, UP + DIG), self.rs(10, UP + DIG), self.rs(24))

    def teams_hook(self, tenant="contoso"):
        return "https://%s.webhook.office.com/webhookb2/%s@%s/IncomingWebhook/%s/%s" % (
            tenant, self.uuid(), self.uuid(), self.hex(32), self.uuid())

    def discord_hook(self):
        return "https://discord.com/api/webhooks/%s/%s" % (self.digits(19), self.rs(68, ALNUM + "-_"))

    def gchat_hook(self):
        return "https://chat.googleapis.com/v1/spaces/AAAA%s/messages?key=%s&token=%s" % (
            self.rs(7, ALNUM), self.google_key(), self.rs(43, ALNUM + "-_") + "%3D")

    def google_key(self):
        return "AIza" + self.rs(35, ALNUM + "-_")

    def gocspx(self):
        return "GOCSPX-" + self.rs(28, ALNUM + "-_")

    def ya29(self):
        return "ya29.a0" + self.rs(150, ALNUM + "-_")

    def google_refresh(self):
        return "1//0" + self.rs(2, ALNUM) + self.rs(98, ALNUM + "-_")

    def fcm_server(self):
        return "AAAA" + self.rs(7, ALNUM + "-_") + ":APA91b" + self.rs(134, ALNUM + "-_")

    def stripe(self, prefix="sk_live_"):
        return prefix + "51" + self.rs(22, ALNUM) + self.rs(self.pick((0, 75)), ALNUM)

    def stripe_whsec(self):
        return "whsec_" + self.rs(32, ALNUM)

    def sendgrid(self):
        return "SG." + self.rs(22, ALNUM + "-_") + "." + self.rs(43, ALNUM + "-_")

    def twilio_sk(self):
        return "SK" + self.hex(32)

    def mailgun(self):
        return "key-" + self.hex(32)

    def mailchimp(self):
        return self.hex(32) + "-us" + str(self.r.randint(2, 21))

    def openai(self):
        return "sk-proj-" + self.rs(74, ALNUM + "-_") + "T3BlbkFJ" + self.rs(74, ALNUM + "-_")

    def anthropic(self):
        return "sk-ant-api03-" + self.rs(93, ALNUM + "-_") + "AA"

    def hf(self):
        return "hf_" + self.rs(34, UP + LO)

    def pypi(self):
        return "pypi-AgEIcHlwaS5vcmcCJD" + self.rs(150, ALNUM + "-_")

    def dockerhub(self):
        return "dckr_pat_" + self.rs(27, ALNUM + "-_")

    def digitalocean(self, p="dop_v1_"):
        return p + self.hex(64)

    def shopify(self, p="shpat_"):
        return p + self.hex(32)

    def atlassian(self):
        return "ATATT3xFfGF0" + self.rs(171, ALNUM + "-_") + "=" + self.rs(8, DIG + "ABCDEF")

    def bitbucket_app(self):
        return "ATBB" + self.rs(32, ALNUM) + self.rs(8, DIG + "ABCDEF")

    def newrelic_user(self):
        return "NRAK-" + self.rs(27, UP + DIG)

    def newrelic_license(self):
        return "eu01xx" + self.hex(30) + "NRAL"

    def sentry_org(self):
        payload = json.dumps({"iat": self.r.randint(1690000000, 1720000000) + 0.5,
                      "url": "https://sentry.io", "region_url": "https://us.sentry.io",
                      "org": "northwind-labs"}, separators=(",", ":"))
        return "sntrys_" + b64u(payload.encode()) + "_" + self.rs(43, ALNUM + "+/")

    def sentry_user(self):
        return "sntryu_" + self.hex(64)

    def vault(self):
        return "hvs.CAESI" + self.rs(86, ALNUM + "-_")

    def tfc(self):
        return self.rs(14, ALNUM) + ".atlasv1." + self.rs(67, ALNUM)

    def pulumi(self):
        return "pul-" + self.hex(40)

    def doppler(self):
        return "dp.st.prd." + self.rs(43, ALNUM)

    def linear(self):
        return "lin_api_" + self.rs(40, ALNUM)

    def postman(self):
        return "PMAK-" + self.hex(24) + "-" + self.hex(34)

    def grafana_sa(self):
        return "glsa_" + self.rs(32, ALNUM) + "_" + self.hex(8)

    def grafana_cloud(self):
        payload = json.dumps({"o": self.digits(6), "n": "stack-" + self.digits(6) + "-alloy",
                      "k": self.rs(24, ALNUM), "m": {"r": "prod-eu-west-2"}},
                     separators=(",", ":"))
        return "glc_" + base64.b64encode(payload.encode()).decode().rstrip("=")

    def supabase(self):
        return "sbp_" + self.hex(40)

    def netlify(self):
        return "nfp_" + self.rs(36, ALNUM)

    def circleci(self):
        return "CCIPAT_" + self.rs(22, ALNUM) + "_" + self.hex(40)

    def telegram(self):
        return "%s:AA%s" % (self.digits(10), self.rs(33, ALNUM + "-_"))

    def discord_bot(self):
        uid = b64u(self.digits(18).encode())
        return uid + "." + self.rs(6, ALNUM + "-_") + "." + self.rs(38, ALNUM + "-_")

    def square(self):
        return "EAAA" + self.rs(60, ALNUM + "-_")

    def square_secret(self):
        return "sq0csp-" + self.rs(43, ALNUM + "-_")

    def braintree(self):
        return "access_token$production$%s$%s" % (self.rs(16, LO + DIG), self.hex(32))

    def facebook(self):
        return "EAA" + self.rs(3, UP) + self.rs(150, ALNUM)

    def azure_storage(self):
        return self.b64bytes(64)

    def azure_ad(self):
        return self.rs(3, ALNUM) + "8Q~" + self.rs(34, ALNUM + "_~.-")

    def azure_devops(self):
        return self.rs(52, "abcdefghijklmnopqrstuvwxyz234567")

    def mapbox_secret(self):
        claims = json.dumps({"u": "northwind", "a": "cl" + self.rs(23, LO + DIG)},
                    separators=(",", ":"))
        return "sk." + b64u(claims.encode()) + "." + self.rs(22, ALNUM + "-_")

    def mapbox_public(self):
        claims = json.dumps({"u": "northwind", "a": "cl" + self.rs(23, LO + DIG)},
                    separators=(",", ":"))
        return "pk." + b64u(claims.encode()) + "." + self.rs(22, ALNUM + "-_")

    def jwt(self, alg="HS256", **claims):
        head = b64u(json.dumps({"alg": alg, "typ": "JWT"}, separators=(",", ":")).encode())
        body = {"sub": self.uuid(), "iat": self.r.randint(1700000000, 1730000000)}
        body["exp"] = body["iat"] + 3600 * self.r.randint(1, 24 * 365)
        body.update(claims)
        pl = b64u(json.dumps(body, separators=(",", ":")).encode())
        sig = b64u(self.rbytes(256 if alg.startswith("RS") else 32))
        return head + "." + pl + "." + sig

    def password(self):
        words = ["maple", "harbor", "falcon", "copper", "river", "summit", "willow",
             "ember", "cobalt", "orchid", "granite", "meadow", "thunder", "saffron",
             "lantern", "juniper", "velvet", "quartz", "harvest", "nimbus", "pelican",
             "tundra", "mosaic", "zephyr", "basalt", "marigold", "sparrow", "canyon"]
        leet = str.maketrans("aeio", "43!0")
        w1, w2 = self.r.sample(words, 2)
        n = str(self.r.randint(10, 2099))
        p = self.pick("!#$%&*@?^~")
        k = self.r.randint(0, 4)
        if k == 0:
            return w1.capitalize() + p + w2.capitalize() + n
        if k == 1:
            return w1.translate(leet) + "-" + w2.capitalize() + p + n
        if k == 2:
            return w1.capitalize() + "_" + w2 + "_" + n + p
        if k == 3:
            return n + w1.upper()[:3] + p + w2 + self.pick("!?.")
        return "%s%s%s%s" % (w1[:4].capitalize(), p, w2.translate(leet), n)

    def dbpass(self):
        return self.rs(self.r.randint(16, 28), ALNUM + "!#%*-_.~")

    def django_key(self):
        return self.rs(50, LO + DIG + "!@#$%^&*(-_=+)")

    def wp_salt(self):
        alpha = "".join(ch for ch in string.printable[:94] if ch not in "'\\")
        return self.rs(64, alpha)

    # ---- keys (fresh from openssl / ssh-keygen, random bodies otherwise) --

    def _run(self, *cmd):
        try:
            return subprocess.run(list(cmd), capture_output=True, check=True, text=True).stdout
        except (OSError, subprocess.CalledProcessError):
            return None

    def _fake_pem(self, label, nbytes):
        body = base64.b64encode(self.rbytes(nbytes)).decode()
        lines = [body[i:i + 64] for i in range(0, len(body), 64)]
        return "-----BEGIN %s-----\n%s\n-----END %s-----" % (label, "\n".join(lines), label)

    def privkey(self, kind):
        """kind: rsa (PKCS#1), ec (SEC1), pkcs8 (RSA), p8 (EC P-256 PKCS#8), openssh.
        Returns (pem_text, public_text)."""
        self._keys += 1
        base = os.path.join(self.tmp, "k%d" % self._keys)
        pem = pub = None
        if kind == "openssh":
            if self._run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "deploy@ci",
                     "-f", base) is not None:
                with open(base) as f:
                    pem = f.read().strip()
                with open(base + ".pub") as f:
                    pub = f.read().strip()
            if pem is None:
                pem = self._fake_pem("OPENSSH PRIVATE KEY", 300)
                pub = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + b64u(self.rbytes(32))[:43] + " deploy@ci"
            return pem, pub
        if kind == "rsa":
            pem = self._run("openssl", "genrsa", "-traditional", "2048")
            label, nb = "RSA PRIVATE KEY", 1190
        elif kind == "ec":
            pem = self._run("openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout")
            label, nb = "EC PRIVATE KEY", 121
        elif kind == "pkcs8":
            pem = self._run("openssl", "genpkey", "-algorithm", "RSA",
                    "-pkeyopt", "rsa_keygen_bits:2048")
            label, nb = "PRIVATE KEY", 1217
        else:
            pem = self._run("openssl", "genpkey", "-algorithm", "EC",
                    "-pkeyopt", "ec_paramgen_curve:P-256")
            label, nb = "PRIVATE KEY", 138
        if pem:
            with open(base, "w") as f:
                f.write(pem)
            pub = self._run("openssl", "pkey", "-in", base, "-pubout")
        if not pem:
            pem = self._fake_pem(label, nb)
        if not pub:
            pub = self._fake_pem("PUBLIC KEY", 294 if nb > 500 else 91)
        return pem.strip(), pub.strip()

    def certificate(self):
        base = os.path.join(self.tmp, "cert%d" % self._keys)
        self._keys += 1
        out = self._run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:P-256", "-nodes", "-keyout", base + ".key",
                "-subj", "/CN=api.northwind.example", "-days", "30", "-out", "/dev/stdout")
        return (out or self._fake_pem("CERTIFICATE", 420)).strip()


def body_line(pem):
    """A line of the key body: what labels carry as the value."""
    return pem.split("\n")[1]


# ---- the corpus -----------------------------------------------------------
# Each function writes the files of one area.  Filler holds nothing that
# looks secret; every planted item sits on its own lines.


def android(c):
    maps = c.google_key()
    f = c.file("android/gradle.properties")
    f("""
        # Project-wide Gradle settings.
        org.gradle.jvmargs=-Xmx4g -Dfile.encoding=UTF-8
        org.gradle.parallel=true
        org.gradle.caching=true
        android.useAndroidX=true
        android.nonTransitiveRClass=true
        kotlin.code.style=official

        # Release signing (CI overrides these)
    """)
    f.p("password-gradle-signing", "RELEASE_STORE_PASSWORD=" + (pw := c.password()), pw)
    f.p("password-gradle-signing", "RELEASE_KEY_PASSWORD=" + (pw := c.password()), pw)
    f("RELEASE_KEY_ALIAS=upload")
    f("")
    f("# Sonatype publishing")
    f("mavenCentralUsername=northwind-release")
    f.p("password-maven", "mavenCentralPassword=" + (pw := c.dbpass()), pw)
    f.n("password-empty", "signing.password=", "signing.password=")
    f.n("public-gpg-fingerprint", "signing.keyId=%s" % (k := c.rs(8, "0123456789ABCDEF")), k)
    f.p("mapbox-secret-token", "MAPBOX_DOWNLOADS_TOKEN=" + (t := c.mapbox_secret()), t)
    f("")
    f.p("github-pat-classic", "gpr.key=" + (t := c.github("ghp")), t)
    f("gpr.user=northwind-bot")

    f = c.file("android/local.properties")
    f("""
        ## This file must *NOT* be checked into Version Control Systems,
        # as it contains information specific to your local configuration.
        sdk.dir=/Users/dana/Library/Android/sdk
    """)
    f.p("google-api-key", "MAPS_API_KEY=" + maps, maps)
    f.p("sentry-org-token", "sentry.auth.token=" + (t := c.sentry_org()), t)

    f = c.file("android/app/src/main/res/values/strings.xml")
    f("""
        <?xml version="1.0" encoding="utf-8"?>
        <resources>
            <string name="app_name">Northwind Courier</string>
            <string name="title_activity_maps">Map</string>
    """)
    f.n("i18n-label", '    <string name="hint_password">Password</string>', "Password")
    f.n("i18n-label", '    <string name="error_wrong_password">The password you entered is incorrect.</string>',
        "The password you entered is incorrect.")
    f.n("i18n-label", '    <string name="label_api_key">API key</string>', "API key")
    f.p("google-api-key", '    <string name="google_maps_key" templateMergeStrategy="preserve" translatable="false">%s</string>'
        % (k := c.google_key()), k)
    f.n("public-id-facebook-app", '    <string name="facebook_app_id">%s</string>' % (i := c.digits(16)), i)
    f.n("public-id-gcm-sender", '    <string name="gcm_defaultSenderId" translatable="false">%s</string>'
        % (i := c.digits(12)), i)
    f.p("algolia-admin-key", '    <string name="algolia_admin_api_key" translatable="false">%s</string>'
        % (k := c.hex(32)), k)
    f("</resources>")

    f = c.file("android/app/src/main/AndroidManifest.xml")
    f("""
        <?xml version="1.0" encoding="utf-8"?>
        <manifest xmlns:android="http://schemas.android.com/apk/res/android">
            <uses-permission android:name="android.permission.INTERNET" />
            <application
                android:name=".CourierApp"
                android:label="@string/app_name"
                android:theme="@style/Theme.Courier">
                <meta-data
    """)
    f.n("resource-reference", '            android:name="com.google.android.geo.API_KEY"\n            android:value="@string/google_maps_key" />', "@string/google_maps_key")
    f.raw("        <meta-data")
    f.n("template-gradle-placeholder", '            android:name="io.sentry.dsn"\n            android:value="${sentryDsn}" />', "${sentryDsn}")
    f.raw("        <meta-data")
    f.n("resource-reference", '            android:name="com.branch.sdk.BranchKey"\n            android:value="@string/branch_key" />', "@string/branch_key")

    f("""
                <activity android:name=".MainActivity" android:exported="true" />
            </application>
        </manifest>
    """)

    gid = c.digits(12)
    f = c.file("android/app/google-services.json")
    f("""
        {
          "project_info": {
    """)
    f.n("public-id-gcm-sender", '    "project_number": "%s",' % gid, gid)
    f("""
            "project_id": "northwind-courier",
            "storage_bucket": "northwind-courier.appspot.com"
          },
          "client": [
            {
              "client_info": {
    """)
    f.n("public-id-firebase-app", '        "mobilesdk_app_id": "1:%s:android:%s",' % (gid, h := c.hex(16)),
        "1:%s:android:%s" % (gid, h))
    f("""
                "android_client_info": {
                  "package_name": "com.northwind.courier"
                }
              },
              "oauth_client": [
                {
    """)
    cid = "%s-%s.apps.googleusercontent.com" % (gid, c.rs(32, LO + DIG))
    f.n("public-id-google-client", '          "client_id": "%s",' % cid, cid)
    f("""
                  "client_type": 3
                }
              ],
              "api_key": [
                {
    """)
    f.p("google-api-key", '          "current_key": "%s"' % (k := c.google_key()), k)
    f("""
                }
              ]
            }
          ],
          "configuration_version": "1"
        }
    """)

    f = c.file("android/app/build.gradle.kts")
    f("""
        plugins {
            id("com.android.application")
            id("org.jetbrains.kotlin.android")
            id("com.google.gms.google-services")
        }

        android {
            namespace = "com.northwind.courier"
            compileSdk = 34
            defaultConfig {
                applicationId = "com.northwind.courier"
                minSdk = 26
                targetSdk = 34
                versionCode = 412
                versionName = "4.1.2"
    """)
    f.n("env-lookup-gradle", '        buildConfigField("String", "MAPS_KEY", "\\"${project.findProperty("MAPS_API_KEY") ?: ""}\\"")',
        'project.findProperty("MAPS_API_KEY")')
    f.p("generic-api-secret", '        buildConfigField("String", "PARTNER_API_SECRET", "\\"%s\\"")' % (k := c.rs(32, ALNUM)), k)
    f.p("stripe-secret-key", '        buildConfigField("String", "STRIPE_SECRET", "\\"%s\\"")' % (k := c.stripe()), k)
    f.n("public-stripe-publishable", '        buildConfigField("String", "STRIPE_PUBLISHABLE", "\\"%s\\"")'
        % (k := c.stripe("pk_live_")), k)
    f("""
            }
            signingConfigs {
                create("release") {
                    storeFile = file("../keystore/upload.jks")
    """)
    f.n("env-lookup-kotlin", '            storePassword = System.getenv("ANDROID_STORE_PASSWORD")',
        'System.getenv("ANDROID_STORE_PASSWORD")')
    f.n("env-lookup-gradle", '            keyPassword = providers.gradleProperty("RELEASE_KEY_PASSWORD").get()',
        'providers.gradleProperty("RELEASE_KEY_PASSWORD")')
    f("""
                    keyAlias = "upload"
                }
                create("qa") {
                    storeFile = file("../keystore/qa.jks")
    """)
    f.p("password-gradle-signing", '            storePassword = "%s"' % (pw := c.password()), pw)
    f.p("password-gradle-signing", '            keyPassword = "%s"' % (pw := c.password()), pw)
    f("""
                    keyAlias = "qa"
                }
            }
        }
    """)

    f = c.file("android/app/src/main/java/com/northwind/courier/net/ApiConfig.kt")
    f("""
        package com.northwind.courier.net

        import com.northwind.courier.BuildConfig

        object ApiConfig {
            const val BASE_URL = "https://api.northwind-courier.com/v2/"
            const val TIMEOUT_SECONDS = 30L
    """)
    f.n("resource-reference", "    val mapsKey: String get() = BuildConfig.MAPS_KEY", "BuildConfig.MAPS_KEY")
    f.p("openai-api-key", '    const val ASSISTANT_KEY = "%s"' % (k := c.openai()), k)
    f.p("twilio-api-key", '    private const val TWILIO_KEY_SID = "%s"' % (k := c.twilio_sk()), k)
    f.p("twilio-auth-token", '    private const val TWILIO_AUTH_TOKEN = "%s"' % (k := c.hex(32)), k)
    f.n("public-id-twilio-account", '    private const val TWILIO_ACCOUNT_SID = "AC%s"' % (k := c.hex(32)), "AC" + k)
    f.n("password-empty", '    var sessionPassword: String = ""', 'sessionPassword: String = ""')
    f("}")

    f = c.file("android/app/build/generated/source/buildConfig/release/com/northwind/courier/BuildConfig.java")
    f("""
        /**
         * Automatically generated file. DO NOT MODIFY
         */
        package com.northwind.courier;

        public final class BuildConfig {
          public static final boolean DEBUG = false;
          public static final String APPLICATION_ID = "com.northwind.courier";
          public static final String BUILD_TYPE = "release";
          public static final int VERSION_CODE = 412;
          public static final String VERSION_NAME = "4.1.2";
    """)
    f.p("google-api-key", '  public static final String MAPS_KEY = "%s";' % maps, maps)
    f.p("generic-api-secret", '  public static final String PARTNER_API_SECRET = "%s";' % (k := c.rs(32, ALNUM)), k)
    f.n("public-stripe-publishable", '  public static final String STRIPE_PUBLISHABLE = "%s";' % (k := c.stripe("pk_live_")), k)
    f("}")

    f = c.file("android/app/src/test/java/com/northwind/courier/LoginViewModelTest.kt")
    f("""
        package com.northwind.courier

        import org.junit.Assert.assertFalse
        import org.junit.Test

        class LoginViewModelTest {
            @Test
            fun rejectsShortPassword() {
                val vm = LoginViewModel(FakeAuthRepository())
    """)
    f.n("test-fixture-dummy", '        vm.submit(email = "user@example.com", password = "short")', '"short"')
    f.n("test-fixture-dummy", '        val token = "fake-token-for-tests"', "fake-token-for-tests")
    f("""
                assertFalse(vm.state.value.loggedIn)
            }
        }
    """)

    f = c.file("android/gradle/verification-metadata.xml")
    f("""
        <?xml version="1.0" encoding="UTF-8"?>
        <verification-metadata xmlns="https://schema.gradle.org/dependency-verification">
           <configuration>
              <verify-metadata>true</verify-metadata>
           </configuration>
           <components>
    """)
    for g, a, v in (("androidx.core", "core-ktx", "1.12.0"), ("com.squareup.okhttp3", "okhttp", "4.12.0"),
                    ("org.jetbrains.kotlin", "kotlin-stdlib", "1.9.22")):
        f('      <component group="%s" name="%s" version="%s">' % (g, a, v))
        f('         <artifact name="%s-%s.jar">' % (a, v))
        f.n("lockfile-hash", '            <sha256 value="%s" origin="Generated by Gradle"/>' % (h := c.hex(64)), h)
        f("""
                     </artifact>
                  </component>
        """)
    f("""
           </components>
        </verification-metadata>
    """)


def ios(c):
    f = c.file("ios/Courier/Info.plist")
    f("""
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
        <plist version="1.0">
        <dict>
            <key>CFBundleIdentifier</key>
            <string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>
            <key>CFBundleShortVersionString</key>
            <string>4.1.2</string>
    """)
    f.n("public-mapbox-token", "    <key>MBXAccessToken</key>\n    <string>%s</string>" % (t := c.mapbox_public()), t)
    f.p("algolia-admin-key", "    <key>AlgoliaAdminKey</key>\n    <string>%s</string>" % (k := c.hex(32)), k)
    f.p("revenuecat-secret-key", "    <key>RevenueCatSecret</key>\n    <string>sk_%s</string>" % (k := c.rs(32, ALNUM)), "sk_" + k)
    f.n("template-xcconfig", "    <key>SegmentWriteKey</key>\n    <string>$(SEGMENT_WRITE_KEY)</string>", "$(SEGMENT_WRITE_KEY)")
    f("""
            <key>NSLocationWhenInUseUsageDescription</key>
            <string>Your location is used to show nearby couriers.</string>
        </dict>
        </plist>
    """)

    gid = c.digits(12)
    f = c.file("ios/Courier/GoogleService-Info.plist")
    f("""
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
        <plist version="1.0">
        <dict>
    """)
    f.n("public-id-google-client", "    <key>CLIENT_ID</key>\n    <string>%s</string>" % (i := "%s-%s.apps.googleusercontent.com" % (gid, c.rs(32, LO + DIG))), i)
    f.n("public-id-google-client", "    <key>REVERSED_CLIENT_ID</key>\n    <string>com.googleusercontent.apps.%s-%s</string>" % (gid, i2 := c.rs(32, LO + DIG)), i2)
    f.p("google-api-key", "    <key>API_KEY</key>\n    <string>%s</string>" % (k := c.google_key()), k)
    f.n("public-id-gcm-sender", "    <key>GCM_SENDER_ID</key>\n    <string>%s</string>" % gid, gid)
    f("""
            <key>PLIST_VERSION</key>
            <string>1</string>
            <key>BUNDLE_ID</key>
            <string>com.northwind.courier</string>
            <key>PROJECT_ID</key>
            <string>northwind-courier</string>
    """)
    f.n("public-id-firebase-app", "    <key>GOOGLE_APP_ID</key>\n    <string>1:%s:ios:%s</string>" % (gid, h := c.hex(16)), h)
    f("""
        </dict>
        </plist>
    """)

    f = c.file("ios/Courier/Config/Secrets.swift")
    f("""
        import Foundation

        enum Secrets {
    """)
    f.p("stripe-restricted-key", '    static let stripeRestricted = "%s"' % (k := c.stripe("rk_live_")), k)
    f.n("public-stripe-publishable", '    static let stripePublishable = "%s"' % (k := c.stripe("pk_live_")), k)
    f.p("sendgrid-api-key", '    static let sendgrid = "%s"' % (k := c.sendgrid()), k)
    f.n("env-lookup-swift", '    static let backendToken = ProcessInfo.processInfo.environment["BACKEND_TOKEN"] ?? ""',
        'ProcessInfo.processInfo.environment["BACKEND_TOKEN"]')
    f.n("resource-reference", '    static let mapsKey = Bundle.main.object(forInfoDictionaryKey: "MAPS_API_KEY") as? String',
        'forInfoDictionaryKey: "MAPS_API_KEY"')
    f.p("jwt", '    static let demoBearer = "%s"' % (t := c.jwt(role="service")), t)
    f("}")

    f = c.file("ios/Courier/Networking/NWAnalytics.m")
    f("""
        #import "NWAnalytics.h"

        @implementation NWAnalytics
    """)
    f.p("mixpanel-api-secret", 'static NSString * const kMixpanelAPISecret = @"%s";' % (k := c.hex(32)), k)
    f.p("huggingface-token", 'static NSString * const kHFToken = @"%s";' % (k := c.hf()), k)
    f.n("public-id-apple-team", 'static NSString * const kTeamIdentifier = @"%s";' % (k := c.rs(10, UP + DIG)), k)
    f("""

        + (void)start {
            [[Mixpanel sharedInstance] identify:[[NSUUID UUID] UUIDString]];
        }

        @end
    """)

    f = c.file("ios/Courier/Release.xcconfig")
    f("""
        // Release build settings
        PRODUCT_BUNDLE_IDENTIFIER = com.northwind.courier
        SWIFT_OPTIMIZATION_LEVEL = -O
    """)
    f.n("template-xcconfig", "SEGMENT_WRITE_KEY = $(inherited) $(SEGMENT_WRITE_KEY_CI)", "$(SEGMENT_WRITE_KEY_CI)")
    f.p("revenuecat-secret-key", "REVENUECAT_SECRET = sk_%s" % (k := c.rs(32, ALNUM)), "sk_" + k)

    f = c.file("ios/Courier.xcodeproj/project.pbxproj")
    f("""
        // !$*UTF8*$!
        {
        	archiveVersion = 1;
        	classes = {
        	};
        	objectVersion = 56;
        	objects = {
    """)
    for name in ("AppDelegate.swift", "Secrets.swift", "NWAnalytics.m", "MapViewController.swift"):
        a, b = c.rs(24, "0123456789ABCDEF"), c.rs(24, "0123456789ABCDEF")
        f.n("xcode-object-id", "\t\t%s /* %s in Sources */ = {isa = PBXBuildFile; fileRef = %s /* %s */; };"
            % (a, name, b, name), a)
    f.raw("\t};")
    f.n("xcode-object-id", "\trootObject = %s /* Project object */;" % (a := c.rs(24, "0123456789ABCDEF")), a)
    f("}")

    f = c.file("ios/Podfile.lock")
    f("""
        PODS:
          - Alamofire (5.8.1)
          - Mixpanel (4.2.0)
          - Sentry (8.21.0)

        SPEC CHECKSUMS:
    """)
    for pod in ("Alamofire", "Mixpanel", "Sentry"):
        f.n("lockfile-hash", "  %s: %s" % (pod, h := c.hex(40)), h)
    f("")
    f.n("lockfile-hash", "PODFILE CHECKSUM: %s" % (h := c.hex(40)), h)
    f("")
    f("COCOAPODS: 1.15.2")

    pem, _ = c.privkey("p8")
    kid = c.rs(10, UP + DIG)
    f = c.file("ios/push/AuthKey_%s.p8" % kid)
    f.p("private-key-apns-p8", pem, body_line(pem))

    f = c.file("ios/push/send_push.py")
    f('''
        """Send a test push through APNs and FCM (ops tool)."""
        import time

        import httpx
        import jwt

    ''')
    f.n("public-id-apple-key", 'APNS_KEY_ID = "%s"' % kid, kid)
    f.n("public-id-apple-team", 'APNS_TEAM_ID = "%s"' % (t := c.rs(10, UP + DIG)), t)
    f.n("key-file-path", 'APNS_KEY_FILE = "AuthKey_%s.p8"' % kid, "AuthKey_%s.p8" % kid)
    f.p("fcm-server-key", 'FCM_SERVER_KEY = "%s"' % (k := c.fcm_server()), k)
    f('''

        def apns_token():
            with open(APNS_KEY_FILE) as fh:
                key = fh.read()
            return jwt.encode({"iss": APNS_TEAM_ID, "iat": int(time.time())}, key,
                              algorithm="ES256", headers={"kid": APNS_KEY_ID})


        def fcm_send(device, title):
            return httpx.post("https://fcm.googleapis.com/fcm/send",
                              headers={"Authorization": "key=" + FCM_SERVER_KEY},
                              json={"to": device, "notification": {"title": title}})
    ''')


def ansible(c):
    f = c.file("deploy/ansible/inventories/production/hosts.ini")
    f("""
        [web]
        web01.prod.northwind.internal ansible_host=10.20.1.11
        web02.prod.northwind.internal ansible_host=10.20.1.12

        [db]
    """)
    f.p("password-ansible-inventory", "db01.prod.northwind.internal ansible_host=10.20.2.21 ansible_user=admin ansible_password='%s'"
        % (pw := c.password()), pw)
    f.p("password-ansible-inventory", "db02.prod.northwind.internal ansible_host=10.20.2.22 ansible_user=admin ansible_ssh_pass=%s"
        % (pw := c.dbpass()), pw)
    f("""

        [windows]
    """)
    f.p("password-ansible-inventory", "win01.prod.northwind.internal ansible_connection=winrm ansible_user=Administrator ansible_password=%s"
        % (pw := c.password()), pw)
    f("""

        [all:vars]
        ansible_python_interpreter=/usr/bin/python3
    """)
    f.p("password-ansible-inventory", "ansible_become_pass=%s" % (pw := c.password()), pw)

    f = c.file("deploy/ansible/inventories/staging/hosts.yml")
    f("""
        all:
          children:
            app:
              hosts:
                app01.stg.northwind.internal:
                  ansible_host: 10.30.1.11
    """)
    f.n("template-jinja", '          ansible_password: "{{ vault_app01_password }}"', "{{ vault_app01_password }}")
    f("""
                app02.stg.northwind.internal:
                  ansible_host: 10.30.1.12
    """)
    f.n("env-lookup-ansible", "          ansible_become_password: \"{{ lookup('ansible.builtin.env', 'STG_BECOME_PASS') }}\"",
        "lookup('ansible.builtin.env', 'STG_BECOME_PASS')")

    f = c.file("deploy/ansible/group_vars/all/main.yml")
    f("""
        ---
        ntp_servers:
          - 0.pool.ntp.org
          - 1.pool.ntp.org
        timezone: Europe/Berlin
        app_user: courier
    """)
    f.p("password-ansible-var", "mysql_root_password: %s" % (pw := c.password()), pw)
    f.p("password-ansible-var", 'redis_requirepass: "%s"' % (pw := c.dbpass()), pw)
    f.p("datadog-api-key", "datadog_api_key: %s" % (k := c.hex(32)), k)
    f.p("newrelic-license-key", "newrelic_license_key: %s" % (k := c.newrelic_license()), k)
    f.n("template-jinja", 'smtp_password: "{{ vault_smtp_password }}"', "{{ vault_smtp_password }}")
    f.n("secret-manager-ref", "db_password: \"{{ lookup('community.hashi_vault.hashi_vault', 'secret=kv/data/courier/db:password') }}\"",
        "community.hashi_vault.hashi_vault")
    f.n("secret-manager-ref", "stripe_key: \"{{ lookup('amazon.aws.aws_secret', 'prod/stripe', region='eu-central-1') }}\"",
        "amazon.aws.aws_secret")
    f.n("password-policy", "password_min_length: 14", "password_min_length: 14")

    f = c.file("deploy/ansible/group_vars/all/vault.yml")
    f("---")
    lines = ["vault_smtp_password: !vault |", "          $ANSIBLE_VAULT;1.1;AES256"]
    blob = c.hex(64 * 5)
    lines += ["          " + blob[i:i + 80] for i in range(0, len(blob), 80)]
    f.n("encrypted-ansible-vault", "\n".join(lines), blob[:80])
    lines = ["vault_app01_password: !vault |", "          $ANSIBLE_VAULT;1.2;AES256;prod"]
    blob = c.hex(64 * 4)
    lines += ["          " + blob[i:i + 80] for i in range(0, len(blob), 80)]
    f.n("encrypted-ansible-vault", "\n".join(lines), blob[:80])

    f = c.file("deploy/ansible/roles/ldap_client/templates/sssd.conf.j2")
    f("""
        [sssd]
        services = nss, pam
        domains = northwind.internal

        [domain/northwind.internal]
        id_provider = ldap
        auth_provider = ldap
        ldap_uri = ldaps://ldap.northwind.internal
        ldap_search_base = dc=northwind,dc=internal
        ldap_default_bind_dn = cn=sssd,ou=services,dc=northwind,dc=internal
    """)
    f.n("template-jinja", "ldap_default_authtok = {{ sssd_bind_password }}", "{{ sssd_bind_password }}")

    f = c.file("deploy/ansible/roles/ldap_client/files/nslcd.conf")
    f("""
        uid nslcd
        gid nslcd
        uri ldaps://ldap.northwind.internal/
        base dc=northwind,dc=internal
        binddn cn=nslcd,ou=services,dc=northwind,dc=internal
    """)
    f.p("password-ldap-bind", "bindpw %s" % (pw := c.password()), pw)
    f("tls_reqcert demand")

    f = c.file("deploy/ansible/roles/users/vars/main.yml")
    f("""
        ---
        users:
          - name: dana
            groups: [sudo]
    """)
    f.n("password-hash-crypt", "    password: \"%s\"" % (h := "$6$" + c.rs(16, ALNUM + "./") + "$" + c.rs(86, ALNUM + "./")), h)
    f("    shell: /bin/bash")
    f.n("ssh-public-key", "    authorized_key: \"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI%s dana@laptop\"" % (k := c.rs(43, ALNUM + "+/")), k)
    f("""
          - name: deploy
            groups: [www-data]
    """)
    f.n("password-hash-crypt", "    password: \"%s\"" % (h := "$y$j9T$" + c.rs(22, ALNUM + "./") + "$" + c.rs(43, ALNUM + "./")), h)


def helm(c):
    f = c.file("deploy/helm/courier/values.yaml")
    f("""
        replicaCount: 3
        image:
          repository: ghcr.io/northwind/courier-api
          pullPolicy: IfNotPresent
    """)
    f.n("docker-digest", "  digest: sha256:%s" % (h := c.hex(64)), h)
    f("""
        service:
          type: ClusterIP
          port: 8080
        postgresql:
          enabled: true
          auth:
            username: courier
            database: courier
    """)
    f.n("k8s-secret-ref", "    existingSecret: courier-postgresql", "existingSecret: courier-postgresql")
    f.n("password-empty", '    password: ""', 'password: ""')
    f("""
        redis:
          architecture: standalone
          auth:
            enabled: true
    """)
    f.n("template-helm", '    password: "{{ .Values.global.redisPassword }}"', "{{ .Values.global.redisPassword }}")
    f("""
        ingress:
          enabled: true
          className: nginx
        resources:
          limits:
            cpu: 500m
            memory: 512Mi
    """)

    f = c.file("deploy/helm/courier/values-production.yaml")
    f("""
        replicaCount: 6
        postgresql:
          auth:
    """)
    f.p("password-helm-value", "    password: %s" % (pw := c.dbpass()), pw)
    f.p("password-helm-value", "    postgresPassword: %s" % (pw := c.dbpass()), pw)
    f("""
        redis:
          auth:
    """)
    f.p("password-helm-value", "    password: '%s'" % (pw := c.password()), pw)
    f("""
        env:
          LOG_LEVEL: info
    """)
    f.p("stripe-secret-key", "  STRIPE_SECRET_KEY: %s" % (k := c.stripe()), k)
    f.p("db-url-postgres", "  DATABASE_URL: postgresql://courier:%s@courier-postgresql:5432/courier?sslmode=require"
        % (pw := c.dbpass()), pw)
    f.p("sentry-user-token", "  SENTRY_AUTH_TOKEN: %s" % (k := c.sentry_user()), k)

    f = c.file("deploy/helm/courier/templates/secret.yaml")
    f("""
        apiVersion: v1
        kind: Secret
        metadata:
          name: {{ include "courier.fullname" . }}
        type: Opaque
        stringData:
    """)
    f.n("template-helm", "  STRIPE_SECRET_KEY: {{ .Values.env.STRIPE_SECRET_KEY | quote }}", ".Values.env.STRIPE_SECRET_KEY")
    f.n("template-helm", "  DATABASE_URL: {{ required \"database url\" .Values.env.DATABASE_URL | quote }}", ".Values.env.DATABASE_URL")

    f = c.file("deploy/helm/courier/templates/deployment.yaml")
    f("""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{ include "courier.fullname" . }}
        spec:
          template:
            spec:
              containers:
                - name: api
                  image: "{{ .Values.image.repository }}@{{ .Values.image.digest }}"
                  env:
    """)
    f.n("k8s-secret-ref", "            - name: REDIS_PASSWORD\n              valueFrom:\n                secretKeyRef:\n                  name: courier-redis\n                  key: redis-password", "key: redis-password")

    f = c.file("deploy/helm/monitoring/values.yaml")
    f("""
        grafana:
          adminUser: admin
    """)
    f.p("password-helm-value", "  adminPassword: %s" % (pw := c.password()), pw)
    f("""
          grafana.ini:
            server:
              root_url: https://grafana.northwind.internal
        alertmanager:
          config:
            receivers:
              - name: oncall
                slack_configs:
    """)
    f.p("slack-webhook", "          - api_url: %s" % (u := c.slack_hook()), u)
    f("""
                    channel: '#alerts'
                pagerduty_configs:
    """)
    f.p("pagerduty-routing-key", "          - routing_key: %s" % (k := c.hex(32)), k)
    f("""
              - name: teams
                webhook_configs:
    """)
    f.p("teams-webhook", "          - url: %s" % (u := c.teams_hook()), u)
    f("""
        thanos:
          objstoreConfig:
            type: s3
            config:
              bucket: northwind-metrics
              endpoint: s3.eu-central-1.amazonaws.com
    """)
    f.p("aws-access-key-id", "      access_key: %s" % (k := c.aws_id()), k)
    f.p("aws-secret-access-key", "      secret_key: %s" % (k := c.aws_secret()), k)


def ci(c):
    f = c.file("Jenkinsfile")
    f("""
        pipeline {
          agent { label 'linux' }
          environment {
    """)
    f.n("jenkins-credentials", "    REGISTRY_CREDS = credentials('ghcr-push')", "credentials('ghcr-push')")
    f.p("sonarqube-token", "    SONAR_TOKEN = 'squ_%s'" % (k := c.hex(40)), "squ_" + k)
    f("""
          }
          stages {
            stage('Build') {
              steps {
                sh './gradlew assembleRelease'
              }
            }
            stage('Publish') {
              steps {
    """)
    f.n("jenkins-credentials", "        withCredentials([string(credentialsId: 'npm-publish', variable: 'NPM_TOKEN')]) {",
        "credentialsId: 'npm-publish'")
    f.n("env-lookup-shell", "          sh 'echo \"//registry.npmjs.org/:_authToken=${NPM_TOKEN}\" > .npmrc'", "${NPM_TOKEN}")
    f("""
                }
              }
            }
            stage('Notify') {
              steps {
    """)
    f.p("slack-webhook", "        sh \"curl -s -X POST -d '{\\\"text\\\":\\\"build ok\\\"}' %s\"" % (u := c.slack_hook()), u)
    f.p("basic-auth-header", "        sh \"curl -fsS -H 'Authorization: Basic %s' https://nexus.northwind.internal/service/rest/v1/status\""
        % (b := base64.b64encode(("deploy:" + c.password()).encode()).decode()), b)
    f("""
              }
            }
          }
        }
    """)

    f = c.file(".gitlab-ci.yml")
    f("""
        stages: [test, build, deploy]

        variables:
          DOCKER_DRIVER: overlay2
    """)
    f.p("gitlab-pat", "  GITLAB_API_TOKEN: %s" % (k := c.glpat()), k)
    f.n("ci-secret-ref", "  REGISTRY_PASSWORD: $CI_REGISTRY_PASSWORD", "$CI_REGISTRY_PASSWORD")
    f("""

        test:
          stage: test
          image: python:3.12
          services:
            - postgres:16
          variables:
    """)
    f.n("test-fixture-dummy", "    POSTGRES_PASSWORD: postgres", "POSTGRES_PASSWORD: postgres")
    f("""
            DATABASE_URL: postgresql://postgres@postgres:5432/test
          script:
            - pip install -r requirements.txt
            - pytest -q

        deploy:
          stage: deploy
          script:
    """)
    f.n("ci-secret-ref", '    - echo "$CI_JOB_TOKEN" | docker login -u gitlab-ci-token --password-stdin $CI_REGISTRY', "$CI_JOB_TOKEN")
    f.p("gitlab-pipeline-trigger", '    - curl -X POST -F token=glptt-%s -F ref=main https://gitlab.com/api/v4/projects/4711/trigger/pipeline'
        % (k := c.hex(40)), "glptt-" + k)
    f.p("gitlab-deploy-token", "    - git clone https://gitlab+deploy-token-81:gldt-%s@gitlab.com/northwind/charts.git"
        % (k := c.rs(20, ALNUM + "-_")), "gldt-" + k)
    f("  only: [main]")

    f = c.file(".circleci/config.yml")
    f("""
        version: 2.1
        orbs:
          node: circleci/node@5.2.0
        jobs:
          build:
            docker:
              - image: cimg/node:20.11
                auth:
                  username: northwindci
    """)
    f.p("dockerhub-pat", "          password: %s" % (k := c.dockerhub()), k)
    f("""
            steps:
              - checkout
              - run: npm ci
    """)
    f.n("ci-secret-ref", '      - run: echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" >> ~/.npmrc', "${NPM_TOKEN}")
    f.p("npm-token", '      - run: npm config set //npm.pkg.github.com/:_authToken %s' % (k := c.npm()), k)
    f("""
        workflows:
          main:
            jobs:
              - build:
                  context: org-global
    """)

    f = c.file("azure-pipelines.yml")
    f("""
        trigger:
          - main
        pool:
          vmImage: ubuntu-latest
        variables:
          buildConfiguration: Release
    """)
    f.p("azure-devops-pat", "  AZDO_PAT: %s" % (k := c.azure_devops()), k)
    f.p("azure-ad-client-secret", "  ARM_CLIENT_SECRET: %s" % (k := c.azure_ad()), k)
    f.n("public-id-azure", "  ARM_CLIENT_ID: %s" % (u := c.uuid()), u)
    f.n("public-id-azure", "  ARM_TENANT_ID: %s" % (u := c.uuid()), u)
    f("""
        steps:
          - task: DotNetCoreCLI@2
            inputs:
              command: build
          - script: dotnet nuget push out/*.nupkg --source https://api.nuget.org/v3/index.json
    """)
    f.n("ci-secret-ref", "    env:\n      NUGET_API_KEY: $(NuGetApiKey)", "$(NuGetApiKey)")
    f.n("ci-secret-ref", "  - script: az login --service-principal -u $(ARM_CLIENT_ID) -p $(System.AccessToken) --tenant $(ARM_TENANT_ID)",
        "$(System.AccessToken)")
    f.p("nuget-api-key", "  - script: dotnet nuget push pkg/*.nupkg -k oy2%s -s https://api.nuget.org/v3/index.json"
        % (k := c.rs(43, LO + DIG)), "oy2" + k)

    f = c.file("bitbucket-pipelines.yml")
    f("""
        image: node:20
        pipelines:
          branches:
            main:
              - step:
                  name: Deploy
                  script:
    """)
    f.n("ci-secret-ref", "          - pipe: atlassian/aws-s3-deploy:1.6.0\n            variables:\n              AWS_ACCESS_KEY_ID: $AWS_ACCESS_KEY_ID\n              AWS_SECRET_ACCESS_KEY: $AWS_SECRET_ACCESS_KEY",
        "$AWS_SECRET_ACCESS_KEY")
    f("""
                        S3_BUCKET: northwind-web
                        LOCAL_PATH: dist
    """)
    f.p("bitbucket-app-password", "          - git push https://northwind-bot:%s@bitbucket.org/northwind/site.git HEAD:deploy"
        % (k := c.bitbucket_app()), k)
    f.p("netlify-token", "          - npx netlify deploy --prod --auth %s --site northwind-web" % (k := c.netlify()), k)

    f = c.file(".github/workflows/release.yml")
    f("""
        name: release
        on:
          push:
            tags: ['v*']
        jobs:
          publish:
            runs-on: ubuntu-latest
            steps:
    """)
    f.n("git-sha-pin", "      - uses: actions/checkout@%s # v4.1.1" % (h := c.hex(40)), h)
    f.n("ci-secret-ref", "      - run: ./gradlew publish\n        env:\n          ORG_GRADLE_PROJECT_signingKey: ${{ secrets.SIGNING_KEY }}",
        "${{ secrets.SIGNING_KEY }}")
    f.p("circleci-token", "      - run: curl -H 'Circle-Token: %s' https://circleci.com/api/v2/me" % (k := c.circleci()), k)
    f.p("pypi-token", "      - run: twine upload -u __token__ -p %s dist/*" % (k := c.pypi()), k)


def serverless(c):
    f = c.file("services/notifier/serverless.yml")
    f("""
        service: courier-notifier
        frameworkVersion: '3'
        provider:
          name: aws
          runtime: python3.12
          region: eu-central-1
          environment:
    """)
    f.n("secret-manager-ref", "    TWILIO_AUTH_TOKEN: ${ssm:/courier/prod/twilio-auth-token}", "${ssm:/courier/prod/twilio-auth-token}")
    f.n("env-lookup-serverless", "    SENTRY_DSN: ${env:SENTRY_DSN}", "${env:SENTRY_DSN}")
    f.p("telegram-bot-token", "    TELEGRAM_BOT_TOKEN: '%s'" % (k := c.telegram()), k)
    f.p("mailgun-api-key", "    MAILGUN_API_KEY: %s" % (k := c.mailgun()), k)
    f.p("discord-webhook", "    DISCORD_WEBHOOK: %s" % (u := c.discord_hook()), u)
    f("""
        functions:
          notify:
            handler: handler.notify
            events:
              - sqs:
    """)
    f.n("aws-arn", "          arn: arn:aws:sqs:eu-central-1:%s:courier-events" % (a := c.digits(12)), a)

    f = c.file("services/thumbnailer/template.yaml")
    f("""
        AWSTemplateFormatVersion: '2010-09-09'
        Transform: AWS::Serverless-2016-10-31
        Parameters:
          DbPassword:
            Type: String
            NoEcho: true
    """)
    f.p("password-cloudformation-default", "    Default: %s" % (pw := c.password()), pw)
    f("""
        Resources:
          ThumbFunction:
            Type: AWS::Serverless::Function
            Properties:
              Runtime: nodejs20.x
              Handler: index.handler
              Environment:
                Variables:
    """)
    f.n("secret-manager-ref", "          API_TOKEN: '{{resolve:secretsmanager:prod/thumbnailer:SecretString:api_token}}'",
        "{{resolve:secretsmanager:prod/thumbnailer:SecretString:api_token}}")
    f.n("template-cloudformation", "          DB_PASSWORD: !Ref DbPassword", "!Ref DbPassword")
    f.p("cloudflare-api-token", "          CLOUDFLARE_API_TOKEN: %s" % (k := c.rs(40, ALNUM + "-_")), k)
    f.n("aws-arn", "          KMS_KEY_ARN: arn:aws:kms:eu-central-1:%s:key/%s" % (c.digits(12), u := c.uuid()), u)

    f = c.file("services/thumbnailer/samconfig.toml")
    f("""
        version = 0.1
        [default.deploy.parameters]
        stack_name = "thumbnailer"
        region = "eu-central-1"
        capabilities = "CAPABILITY_IAM"
    """)
    f.p("password-cloudformation-default", 'parameter_overrides = "DbPassword=%s Stage=prod"' % (pw := c.password()), pw)


def frameworks(c):
    f = c.file("backend/dispatch/src/main/resources/application.yml")
    f("""
        server:
          port: 8080
        spring:
          application:
            name: dispatch
          datasource:
            url: jdbc:postgresql://db.prod.northwind.internal:5432/dispatch
            username: dispatch
    """)
    f.p("password-spring", "    password: %s" % (pw := c.dbpass()), pw)
    f("""
          mail:
            host: smtp.sendgrid.net
            port: 587
            username: apikey
    """)
    f.p("sendgrid-api-key", "    password: %s" % (k := c.sendgrid()), k)
    f("""
          ldap:
            urls: ldaps://ldap.northwind.internal:636
            base: dc=northwind,dc=internal
            username: cn=dispatch,ou=services,dc=northwind,dc=internal
    """)
    f.p("password-ldap-bind", "    password: '%s'" % (pw := c.password()), pw)
    f("""
          security:
            oauth2:
              client:
                registration:
                  google:
    """)
    f.n("public-id-google-client", "            client-id: %s-%s.apps.googleusercontent.com" % (c.digits(12), i := c.rs(32, LO + DIG)), i)
    f.p("google-oauth-client-secret", "            client-secret: %s" % (k := c.gocspx()), k)
    f("""
                  github:
    """)
    f.n("public-id-github-oauth", "            client-id: Iv1.%s" % (i := c.hex(16)), "Iv1." + i)
    f.p("github-oauth-client-secret", "            client-secret: %s" % (k := c.hex(40)), k)
    f("""
          kafka:
            bootstrap-servers: kafka.prod.northwind.internal:9093
            properties:
              security.protocol: SASL_SSL
              sasl.mechanism: PLAIN
    """)
    f.p("password-kafka-jaas", '      sasl.jaas.config: org.apache.kafka.common.security.plain.PlainLoginModule required username="dispatch" password="%s";'
        % (pw := c.dbpass()), pw)

    f = c.file("backend/dispatch/src/main/resources/application-cloud.yml")
    f("""
        spring:
          datasource:
    """)
    f.n("template-spring", "    password: ${DB_PASSWORD}", "${DB_PASSWORD}")
    f.n("template-spring", "    username: ${DB_USER:dispatch}", "${DB_USER:dispatch}")
    f("  cloud:\n    config:")
    f.n("encrypted-spring-cipher", "      token: '{cipher}%s'" % (b := "AQ" + c.rs(150, ALNUM + "+/") + "=="), b)
    f("jasypt:\n  encryptor:\n    algorithm: PBEWITHHMACSHA512ANDAES_256")
    f.n("encrypted-jasypt", "mail:\n  password: ENC(%s)" % (b := c.b64bytes(48)), b)
    f.n("env-lookup-spring", "twilio:\n  auth-token: ${TWILIO_AUTH_TOKEN:}", "${TWILIO_AUTH_TOKEN:}")

    f = c.file("backend/billing/src/main/resources/application.properties")
    f("""
        spring.application.name=billing
        server.port=8081
        spring.jpa.hibernate.ddl-auto=validate
    """)
    f.p("db-url-jdbc-mysql", "spring.datasource.url=jdbc:mysql://billing-db.northwind.internal:3306/billing?user=billing&password=%s&useSSL=true"
        % (pw := c.dbpass()), pw)
    f.p("password-spring", "spring.rabbitmq.password=%s" % (pw := c.password()), pw)
    f.p("stripe-webhook-secret", "stripe.webhook-secret=%s" % (k := c.stripe_whsec()), k)
    f.p("braintree-access-token", "paypal.access-token=%s" % (k := c.braintree()), k)
    f.n("template-spring", "spring.mail.password=${SMTP_PASSWORD}", "${SMTP_PASSWORD}")
    f.n("password-empty", "spring.data.redis.password=", "spring.data.redis.password=")
    f.p("db-url-jdbc-oracle", "legacy.datasource.url=jdbc:oracle:thin:ledger/%s@//ora01.northwind.internal:1521/LEDGER"
        % (pw := c.dbpass()), pw)
    f.p("db-url-jdbc-sqlserver", "reporting.datasource.url=jdbc:sqlserver://mssql01.northwind.internal:1433;databaseName=reports;user=rpt;password=%s;encrypt=true"
        % (pw := c.dbpass()), pw)

    f = c.file("backend/web/courier_web/settings/production.py")
    f('''
        """Production settings."""
        import os

        from .base import *  # noqa: F401,F403

        DEBUG = False
        ALLOWED_HOSTS = ["courier.northwind.com"]

    ''')
    f.p("django-secret-key", "SECRET_KEY = '%s'" % (k := c.django_key()), k)
    f("""

        DATABASES = {
            "default": {
                "ENGINE": "django.db.backends.postgresql",
                "NAME": "courier",
                "USER": "courier",
    """)
    f.p("password-django", '        "PASSWORD": "%s",' % (pw := c.dbpass()), pw)
    f('''
                "HOST": "db.prod.northwind.internal",
                "PORT": "5432",
            }
        }

        EMAIL_HOST = "smtp.mailgun.org"
        EMAIL_HOST_USER = "postmaster@mg.northwind.com"
    ''')
    f.p("password-smtp", 'EMAIL_HOST_PASSWORD = "%s"' % (pw := c.hex(32) + "-" + c.hex(8) + "-" + c.hex(8)), pw)
    f.n("env-lookup-python", 'AWS_SECRET_ACCESS_KEY = os.environ["AWS_SECRET_ACCESS_KEY"]', 'os.environ["AWS_SECRET_ACCESS_KEY"]')
    f.n("env-lookup-python", 'SENTRY_DSN = os.getenv("SENTRY_DSN", "")', 'os.getenv("SENTRY_DSN", "")')
    f.p("db-url-redis", 'CELERY_BROKER_URL = "rediss://default:%s@redis.prod.northwind.internal:6380/0"' % (pw := c.dbpass()), pw)
    f.p("db-url-amqp", 'CELERY_RESULT_BACKEND = "amqps://courier:%s@mq.prod.northwind.internal:5671/courier"' % (pw := c.dbpass()), pw)
    f("""

        AUTH_PASSWORD_VALIDATORS = [
            {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
        ]
    """)
    f.n("password-policy", 'PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]', "Argon2PasswordHasher")

    f = c.file("backend/web/courier_web/settings/local.py")
    f("""
        from .base import *  # noqa: F401,F403

        DEBUG = True
    """)
    f.n("placeholder-django-insecure", 'SECRET_KEY = "django-insecure-change-me-in-production"', "django-insecure-change-me-in-production")
    f.n("placeholder-changeme", 'DATABASES["default"]["PASSWORD"] = "changeme"', "changeme")

    f = c.file("backend/web/courier_web/fixtures/users.json")
    f("""
        [
          {
            "model": "auth.user",
            "pk": 1,
            "fields": {
              "username": "admin",
    """)
    f.n("password-hash-django", '      "password": "pbkdf2_sha256$720000$%s$%s=",' % (s := c.rs(22, ALNUM), h := c.rs(43, ALNUM + "+/")), h)
    f("""
              "is_superuser": true
            }
          },
          {
            "model": "auth.user",
            "pk": 2,
            "fields": {
              "username": "dispatcher",
    """)
    f.n("password-hash-django", '      "password": "argon2$argon2id$v=19$m=102400,t=2,p=8$%s$%s",' % (c.rs(22, ALNUM), h := c.rs(43, ALNUM + "+/")), h)
    f("""
              "is_superuser": false
            }
          }
        ]
    """)

    f = c.file("backend/rails/config/database.yml")
    f("""
        default: &default
          adapter: postgresql
          encoding: unicode
          pool: <%= ENV.fetch("RAILS_MAX_THREADS") { 5 } %>

        development:
          <<: *default
          database: courier_development

        production:
          <<: *default
          database: courier_production
          username: courier
    """)
    f.p("password-rails-database", "  password: %s" % (pw := c.dbpass()), pw)
    f("""
          host: db.prod.northwind.internal

        staging:
          <<: *default
    """)
    f.n("template-erb", "  password: <%= ENV['COURIER_DATABASE_PASSWORD'] %>", "<%= ENV['COURIER_DATABASE_PASSWORD'] %>")
    f.p("db-url-mysql", "  url: mysql2://courier:%s@stg-db.northwind.internal/courier" % (pw := c.dbpass()), pw)

    k = c.hex(32)
    c.file("backend/rails/config/master.key").p("rails-master-key", k, k)

    f = c.file("backend/rails/config/credentials.yml.enc")
    v = "%s--%s--%s" % (c.b64bytes(420), c.b64bytes(12), c.b64bytes(16))
    f.n("encrypted-rails-credentials", v, v)

    f = c.file("backend/rails/config/secrets.yml")
    f("""
        development:
    """)
    f.n("placeholder-dev-secret", "  secret_key_base: development_secret_key_base_not_used_anywhere_else", "development_secret_key_base_not_used_anywhere_else")
    f("production:")
    f.p("rails-secret-key-base", "  secret_key_base: %s" % (k := c.hex(128)), k)
    f.n("template-erb", "  stripe_secret: <%= Rails.application.credentials.dig(:stripe, :secret_key) %>",
        "Rails.application.credentials.dig(:stripe, :secret_key)")

    f = c.file("backend/rails/config/initializers/twilio.rb")
    f("""
        # frozen_string_literal: true

        Twilio.configure do |config|
    """)
    f.n("env-lookup-ruby", '  config.account_sid = ENV.fetch("TWILIO_ACCOUNT_SID")', 'ENV.fetch("TWILIO_ACCOUNT_SID")')
    f.p("twilio-auth-token", '  config.auth_token = "%s"' % (k := c.hex(32)), k)
    f("end")

    f = c.file("site/wp-config.php")
    f("""
        <?php
        /**
         * The base configuration for WordPress
         */
        define( 'DB_NAME', 'northwind_blog' );
        define( 'DB_USER', 'wp_blog' );
    """)
    f.p("password-wordpress-db", "define( 'DB_PASSWORD', '%s' );" % (pw := c.password()), pw)
    f("""
        define( 'DB_HOST', 'mysql.northwind.internal' );
        define( 'DB_CHARSET', 'utf8mb4' );

        /**#@+
         * Authentication unique keys and salts.
         */
    """)
    for name in ("AUTH_KEY", "SECURE_AUTH_KEY", "LOGGED_IN_KEY", "NONCE_KEY"):
        f.p("wordpress-salt", "define( '%s',%s'%s' );" % (name, " " * (17 - len(name)), s := c.wp_salt()), s)
    for name in ("AUTH_SALT", "SECURE_AUTH_SALT"):
        f.n("placeholder-wordpress", "define( '%s',%s'put your unique phrase here' );" % (name, " " * (17 - len(name))),
            "put your unique phrase here")
    f("""
        /**#@-*/

        $table_prefix = 'wp_';
        define( 'WP_DEBUG', false );
    """)
    f.p("password-smtp", "define( 'WPMS_SMTP_PASS', '%s' );" % (pw := c.password()), pw)
    f.n("env-lookup-php", "define( 'S3_UPLOADS_SECRET', getenv( 'S3_UPLOADS_SECRET' ) );", "getenv( 'S3_UPLOADS_SECRET' )")
    f("""
        if ( ! defined( 'ABSPATH' ) ) {
        	define( 'ABSPATH', __DIR__ . '/' );
        }
        require_once ABSPATH . 'wp-settings.php';
    """)

    f = c.file("site/wp-config-sample.php")
    f("""
        <?php
        define( 'DB_NAME', 'database_name_here' );
        define( 'DB_USER', 'username_here' );
    """)
    f.n("placeholder-your-here", "define( 'DB_PASSWORD', 'password_here' );", "password_here")
    f.n("placeholder-wordpress", "define( 'AUTH_KEY',         'put your unique phrase here' );", "put your unique phrase here")

    f = c.file("backend/node-gateway/config/production.json")
    f("""
        {
          "server": { "port": 8443, "trustProxy": true },
          "db": {
    """)
    f.p("db-url-mongodb-srv", '    "uri": "mongodb+srv://gateway:%s@cluster0.ab1cd.mongodb.net/gateway?retryWrites=true&w=majority",'
        % (pw := c.dbpass()), pw)
    f("""
            "poolSize": 20
          },
          "auth0": {
            "domain": "northwind.eu.auth0.com",
    """)
    f.n("public-id-auth0-client", '    "clientId": "%s",' % (i := c.rs(32, ALNUM)), i)
    f.p("auth0-client-secret", '    "clientSecret": "%s"' % (k := c.rs(64, ALNUM + "-_")), k)
    f("""
          },
          "anthropic": {
    """)
    f.p("anthropic-api-key", '    "apiKey": "%s",' % (k := c.anthropic()), k)
    f("""
            "model": "claude-3-5-sonnet-latest"
          },
          "linear": {
    """)
    f.p("linear-api-key", '    "token": "%s"' % (k := c.linear()), k)
    f("""
          }
        }
    """)

    f = c.file("backend/node-gateway/config/custom-environment-variables.json")
    f("""
        {
          "db": {
    """)
    f.n("env-mapping", '    "uri": "GATEWAY_MONGO_URI"', "GATEWAY_MONGO_URI")
    f("""
          },
          "auth0": {
    """)
    f.n("env-mapping", '    "clientSecret": "AUTH0_CLIENT_SECRET"', "AUTH0_CLIENT_SECRET")
    f("""
          }
        }
    """)

    f = c.file("backend/node-gateway/config/default.json")
    f("""
        {
          "server": { "port": 8080 },
          "db": {
    """)
    f.n("placeholder-angle", '    "uri": "mongodb://<username>:<password>@localhost:27017/gateway"', "<password>")
    f("""
          },
          "auth0": {
    """)
    f.n("placeholder-your-here", '    "clientSecret": "YOUR_AUTH0_CLIENT_SECRET"', "YOUR_AUTH0_CLIENT_SECRET")
    f("""
          }
        }
    """)

    f = c.file("backend/Courier.Api/appsettings.Production.json")
    f("""
        {
          "Logging": { "LogLevel": { "Default": "Information" } },
          "ConnectionStrings": {
    """)
    f.p("db-connstring-adonet", '    "Default": "Server=tcp:northwind-sql.database.windows.net,1433;Initial Catalog=courier;User ID=courier_app;Password=%s;Encrypt=True;",'
        % (pw := c.dbpass()), pw)
    f.p("azure-storage-connstring", '    "Blobs": "DefaultEndpointsProtocol=https;AccountName=northwindmedia;AccountKey=%s;EndpointSuffix=core.windows.net",'
        % (k := c.azure_storage()), k)
    f.p("azure-servicebus-connstring", '    "Bus": "Endpoint=sb://northwind-bus.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=%s"'
        % (k := c.b64bytes(32)), k)
    f("""
          },
          "AzureAd": {
            "Instance": "https://login.microsoftonline.com/",
    """)
    f.n("public-id-azure", '    "TenantId": "%s",' % (u := c.uuid()), u)
    f.n("public-id-azure", '    "ClientId": "%s",' % (u := c.uuid()), u)
    f.p("azure-ad-client-secret", '    "ClientSecret": "%s"' % (k := c.azure_ad()), k)
    f("""
          },
          "KeyVault": {
    """)
    f.n("secret-manager-ref", '    "SmtpPassword": "@Microsoft.KeyVault(SecretUri=https://northwind-kv.vault.azure.net/secrets/smtp-password/)"',
        "@Microsoft.KeyVault(SecretUri=https://northwind-kv.vault.azure.net/secrets/smtp-password/)")
    f("""
          },
          "AllowedHosts": "*"
        }
    """)

    f = c.file("backend/Courier.Api/appsettings.Development.json")
    f("""
        {
          "ConnectionStrings": {
    """)
    f.n("placeholder-dev-local", '    "Default": "Server=(localdb)\\\\mssqllocaldb;Database=courier;Trusted_Connection=True;"', "Trusted_Connection=True")
    f.n("placeholder-dev-local", '    "Blobs": "UseDevelopmentStorage=true"', "UseDevelopmentStorage=true")
    f("""
          }
        }
    """)

    f = c.file("backend/LegacyPortal/Web.config")
    f("""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <connectionStrings>
    """)
    f.p("db-connstring-adonet", '    <add name="Portal" connectionString="Data Source=sql02;Initial Catalog=Portal;uid=portal;pwd=%s" providerName="System.Data.SqlClient" />'
        % (pw := c.password()), pw)
    f("""
          </connectionStrings>
          <appSettings>
            <add key="webpages:Version" value="3.0.0.0" />
    """)
    f.p("password-appsettings", '    <add key="SmtpPassword" value="%s" />' % (pw := c.password()), pw)
    f.n("password-empty", '    <add key="ProxyPassword" value="" />', 'key="ProxyPassword" value=""')
    f("""
          </appSettings>
          <system.web>
    """)
    f.p("aspnet-machine-key", '    <machineKey validationKey="%s" decryptionKey="%s" validation="HMACSHA256" decryption="AES" />'
        % (vk := c.hex(128).upper(), c.hex(64).upper()), vk)
    f("""
            <compilation debug="false" targetFramework="4.8" />
          </system.web>
        </configuration>
    """)


def shell(c):
    f = c.file("ops/dotfiles/.bash_history")
    f("""
        cd ~/src/courier
        git pull --rebase
        kubectl -n courier get pods
    """)
    f.p("github-pat-classic", "export GITHUB_TOKEN=%s" % (k := c.github("ghp")), k)
    f("gh pr list --state open")
    f.p("password-cli-mysql", "mysql -h db01.prod.northwind.internal -u admin -p'%s' courier" % (pw := c.password()), pw)
    f.p("aws-secret-access-key", "aws configure set aws_secret_access_key %s --profile prod" % (k := c.aws_secret()), k)
    f.p("aws-access-key-id", "aws configure set aws_access_key_id %s --profile prod" % (k := c.aws_id()), k)
    f("aws s3 ls s3://northwind-backups --profile prod")
    f.p("password-cli-docker", "docker login -u northwindci -p %s registry.northwind.com" % (pw := c.dbpass()), pw)
    f.n("env-lookup-shell", 'echo "$REGISTRY_PASSWORD" | docker login -u northwindci --password-stdin registry.northwind.com', "$REGISTRY_PASSWORD")
    f.p("db-url-postgres", 'psql "postgresql://report:%s@db01.prod.northwind.internal:5432/courier?sslmode=require"' % (pw := c.dbpass()), pw)
    f.p("password-cli-htpasswd", "htpasswd -b -c /etc/nginx/.htpasswd ops '%s'" % (pw := c.password()), pw)
    f.p("password-ldap-bind", "ldapsearch -H ldaps://ldap.northwind.internal -D cn=admin,dc=northwind,dc=internal -w '%s' -b ou=people,dc=northwind,dc=internal uid=dana"
        % (pw := c.password()), pw)
    f.p("openai-api-key", "export OPENAI_API_KEY=%s" % (k := c.openai()), k)
    f("python scripts/summarise.py --since 7d")
    f.p("hashicorp-vault-token", "VAULT_TOKEN=%s vault kv get kv/courier/prod" % (k := c.vault()), k)
    f.n("env-lookup-shell", 'vault login -method=oidc role=ops && export VAULT_TOKEN="$(vault print token)"', "$(vault print token)")
    f.p("digitalocean-token", "doctl auth init -t %s" % (k := c.digitalocean()), k)
    f.p("password-cli-sshpass", "sshpass -p '%s' ssh admin@10.20.2.21" % (pw := c.password()), pw)
    f("history | tail")

    f = c.file("ops/dotfiles/.zsh_history")
    ts = 1714000000
    for cmd in ("ls -la", "git status", "terraform plan"):
        ts += c.r.randint(5, 400)
        f(": %d:0;%s" % (ts, cmd))
    ts += 60
    f.p("terraform-cloud-token", ": %d:0;export TF_TOKEN_app_terraform_io=%s" % (ts, k := c.tfc()), k)
    ts += 60
    f.p("pulumi-access-token", ": %d:0;export PULUMI_ACCESS_TOKEN=%s" % (ts, k := c.pulumi()), k)
    ts += 60
    f.p("basic-auth-curl", ": %d:0;curl -u admin:%s https://jenkins.northwind.internal/api/json" % (ts, pw := c.password()), pw)
    ts += 60
    f.n("env-lookup-shell", ': %d:0;curl -H "Authorization: Bearer $API_TOKEN" https://api.northwind-courier.com/v2/me' % ts, "$API_TOKEN")
    ts += 60
    f.p("huggingface-token", ": %d:0;huggingface-cli login --token %s" % (ts, k := c.hf()), k)

    f = c.file("ops/scripts/backup-db.sh")
    f("""
        #!/usr/bin/env bash
        # Nightly logical backup of the courier database to S3.
        set -euo pipefail

        STAMP=$(date +%Y%m%d)
        OUT=/var/backups/courier-$STAMP.sql.gz
    """)
    f.p("password-env-pgpassword", "export PGPASSWORD='%s'" % (pw := c.dbpass()), pw)
    f("pg_dump -h db01.prod.northwind.internal -U backup courier | gzip > \"$OUT\"")
    f.p("aws-access-key-id", "AWS_ACCESS_KEY_ID=%s \\" % (k := c.aws_id()), k)
    f.p("aws-secret-access-key", "AWS_SECRET_ACCESS_KEY=%s \\" % (k := c.aws_secret()), k)
    f("""
          aws s3 cp "$OUT" s3://northwind-backups/db/
        sha256sum "$OUT" >> /var/backups/SHA256SUMS
    """)
    f.p("slack-webhook", 'curl -s -X POST -H "Content-type: application/json" --data "{\\"text\\":\\"backup $STAMP done\\"}" %s'
        % (u := c.slack_hook()), u)

    f = c.file("ops/scripts/notify-teams.sh")
    f("""
        #!/bin/sh
        # Post a deployment notice to the Ops channel.
        set -e
    """)
    f.p("teams-webhook", 'WEBHOOK="%s"' % (u := c.teams_hook("northwind")), u)
    f.n("env-lookup-shell", 'TOKEN="${DEPLOY_NOTIFY_TOKEN:?set DEPLOY_NOTIFY_TOKEN}"', "${DEPLOY_NOTIFY_TOKEN:?set DEPLOY_NOTIFY_TOKEN}")
    f("""
        MSG="Deployed $1 to production"
        curl -fsS -H 'Content-Type: application/json' -d "{\\"text\\": \\"$MSG\\"}" "$WEBHOOK"
    """)
    f.p("google-chat-webhook", 'curl -fsS -d "{\\"text\\": \\"$MSG\\"}" "%s"' % (u := c.gchat_hook()), u)

    f = c.file("ops/scripts/rotate-keys.sh")
    f("""
        #!/usr/bin/env bash
        # Rotate the API keys of the partner integrations.
        set -euo pipefail
    """)
    f.n("password-prompt", 'read -r -s -p "Vault password: " VAULT_PASSWORD', "read -r -s -p")
    f.n("secret-manager-ref", "NEW_KEY=$(aws secretsmanager get-secret-value --secret-id prod/partner/api-key --query SecretString --output text)",
        "aws secretsmanager get-secret-value")
    f.n("secret-manager-ref", "PARTNER_TOKEN=$(op read op://Ops/partner-api/credential)", "op://Ops/partner-api/credential")
    f.n("placeholder-angle", "# usage: rotate-keys.sh --old-key <old-api-key> --new-key <new-api-key>", "<old-api-key>")
    f.n("generated-at-runtime", "TMP_PASSWORD=$(openssl rand -base64 24)", "$(openssl rand -base64 24)")
    f.n("checksum-sha256", 'echo "%s  partner-cli.tar.gz" | sha256sum -c -' % (h := c.hex(64)), h)

    f = c.file("ops/dotfiles/.gitconfig")
    f("""
        [user]
            name = Dana Whitfield
            email = dana@northwind.com
        [pull]
            rebase = true
    """)
    f.p("github-token-in-url", '[url "https://x-access-token:%s@github.com/"]' % (k := c.github("ghs")), k)
    f("    insteadOf = https://github.com/")
    f.p("gitlab-pat", '[url "https://oauth2:%s@gitlab.com/"]' % (k := c.glpat()), k)
    f("    insteadOf = https://gitlab.com/")
    f.n("credential-helper", "[credential]\n    helper = osxkeychain", "helper = osxkeychain")
    f.n("public-gpg-fingerprint", "[user]\n    signingkey = %s" % (k := c.rs(40, "0123456789ABCDEF")), k)

    f = c.file("ops/dotfiles/.git-credentials")
    f.p("github-token-in-url", "https://dana:%s@github.com" % (k := c.github("gho")), k)
    f.p("password-url-https", "https://dana.whitfield:%s@bitbucket.northwind.internal" % (pw := c.password()), pw)

    f = c.file("ops/dotfiles/.netrc")
    f.p("mapbox-secret-token", "machine api.mapbox.com\n  login mapbox\n  password %s" % (k := c.mapbox_secret()), k)
    f.p("password-netrc", "machine ftp.partner-logistics.com login northwind password %s" % (pw := c.password()), pw)
    f.p("heroku-api-key", "machine api.heroku.com\n  login ops@northwind.com\n  password %s" % (k := c.uuid()), k)

    f = c.file("ops/dotfiles/.pgpass")
    f.p("password-pgpass", "db01.prod.northwind.internal:5432:courier:report:%s" % (pw := c.dbpass()), pw)
    f.p("password-pgpass", "*:5432:*:postgres:%s" % (pw := c.password()), pw)

    f = c.file("ops/dotfiles/.my.cnf")
    f("[client]\nuser=admin")
    f.p("password-mycnf", "password=\"%s\"" % (pw := c.password()), pw)
    f("host=db01.prod.northwind.internal")

    f = c.file("ops/dotfiles/.s3cfg")
    f("""
        [default]
        host_base = s3.eu-central-1.amazonaws.com
        host_bucket = %(bucket)s.s3.eu-central-1.amazonaws.com
    """)
    f.p("aws-access-key-id", "access_key = %s" % (k := c.aws_id()), k)
    f.p("aws-secret-access-key", "secret_key = %s" % (k := c.aws_secret()), k)
    f("use_https = True")

    f = c.file("ops/cron/courier.crontab")
    f("""
        # m h dom mon dow command
        SHELL=/bin/bash
        MAILTO=ops@northwind.com
    """)
    f.p("password-env-pgpassword", "15 2 * * * PGPASSWORD='%s' pg_dump -h db01 -U backup courier | gzip > /var/backups/courier.sql.gz"
        % (pw := c.dbpass()), pw)
    f.n("env-lookup-shell", '*/5 * * * * curl -fsS -H "Authorization: Bearer ${HEALTHCHECK_TOKEN}" https://hc.northwind.internal/ping/courier',
        "${HEALTHCHECK_TOKEN}")
    f.p("bearer-header", '0 * * * * curl -fsS -H "Authorization: Bearer %s" https://api.northwind-courier.com/v2/cache/warm'
        % (k := c.rs(40, ALNUM)), k)
    f.n("uuid-identifier", "*/1 * * * * curl -fsS https://hc-ping.com/%s > /dev/null" % (u := c.uuid()), u)

    f = c.file("ops/systemd/courier-api.service")
    f("""
        [Unit]
        Description=Courier API
        After=network-online.target

        [Service]
        User=courier
        WorkingDirectory=/srv/courier
        ExecStart=/srv/courier/bin/api --port 8080
    """)
    f.p("db-url-postgres", 'Environment="DATABASE_URL=postgres://courier:%s@db01.prod.northwind.internal/courier"' % (pw := c.dbpass()), pw)
    f.p("stripe-secret-key", "Environment=STRIPE_API_KEY=%s" % (k := c.stripe()), k)
    f.n("key-file-path", "EnvironmentFile=/etc/courier/api.env", "EnvironmentFile=/etc/courier/api.env")
    f.n("key-file-path", "LoadCredential=tls-key:/etc/courier/tls/api.key", "LoadCredential=tls-key:/etc/courier/tls/api.key")
    f("""
        Restart=on-failure

        [Install]
        WantedBy=multi-user.target
    """)

    f = c.file("ops/systemd/metrics-agent.service")
    f("""
        [Unit]
        Description=Datadog style metrics agent

        [Service]
    """)
    f.p("datadog-api-key", "Environment=DD_API_KEY=%s" % (k := c.hex(32)), k)
    f.p("datadog-app-key", "Environment=DD_APP_KEY=%s" % (k := c.hex(40)), k)
    f("Environment=DD_SITE=datadoghq.eu")
    f("ExecStart=/opt/agent/bin/agent run")


def servers(c):
    f = c.file("ops/nginx/sites-available/courier.conf")
    f("""
        server {
            listen 443 ssl http2;
            server_name api.northwind-courier.com;
            ssl_certificate /etc/letsencrypt/live/api.northwind-courier.com/fullchain.pem;
    """)
    f.n("key-file-path", "    ssl_certificate_key /etc/letsencrypt/live/api.northwind-courier.com/privkey.pem;",
        "/etc/letsencrypt/live/api.northwind-courier.com/privkey.pem")
    f("""
            location /admin/ {
                auth_basic "Restricted";
    """)
    f.n("key-file-path", "        auth_basic_user_file /etc/nginx/.htpasswd;", "/etc/nginx/.htpasswd")
    f("""
                proxy_pass http://127.0.0.1:8080;
            }
            location /partner/ {
                proxy_pass https://partner-api.example.net/;
    """)
    f.p("basic-auth-header", '        proxy_set_header Authorization "Basic %s";'
        % (b := base64.b64encode(("northwind:" + c.password()).encode()).decode()), b)
    f.p("generic-api-key", '        proxy_set_header X-Api-Key "%s";' % (k := c.rs(40, ALNUM)), k)
    f("""
            }
            location /static/ {
                alias /srv/courier/static/;
                add_header Cache-Control "public, max-age=31536000, immutable";
            }
        }
    """)

    f = c.file("ops/nginx/.htpasswd")
    f.n("password-hash-htpasswd", "ops:$apr1$%s$%s" % (c.rs(8, ALNUM), h := c.rs(22, ALNUM + "./")), h)
    f.n("password-hash-htpasswd", "dana:$2y$10$%s" % (h := c.rs(53, ALNUM + "./")), h)

    f = c.file("ops/apache/partner-portal.conf")
    f("""
        <VirtualHost *:443>
            ServerName portal.northwind.com
            DocumentRoot /var/www/portal
            SSLEngine on
            SSLCertificateFile /etc/ssl/certs/portal.crt
    """)
    f.n("key-file-path", "    SSLCertificateKeyFile /etc/ssl/private/portal.key", "/etc/ssl/private/portal.key")
    f.p("password-apache-setenv", '    SetEnv PORTAL_DB_PASSWORD "%s"' % (pw := c.password()), pw)
    f("""
            <Location /ldap-protected>
                AuthType Basic
                AuthBasicProvider ldap
                AuthLDAPURL "ldaps://ldap.northwind.internal/ou=people,dc=northwind,dc=internal?uid"
                AuthLDAPBindDN "cn=apache,ou=services,dc=northwind,dc=internal"
    """)
    f.p("password-ldap-bind", '        AuthLDAPBindPassword "%s"' % (pw := c.password()), pw)
    f("""
                Require valid-user
            </Location>
        </VirtualHost>
    """)

    f = c.file("ops/redis/redis.conf")
    f("""
        bind 0.0.0.0
        port 6379
        protected-mode yes
        maxmemory 2gb
        maxmemory-policy allkeys-lru
    """)
    f.p("password-redis-conf", "requirepass %s" % (pw := c.dbpass()), pw)
    f.p("password-redis-conf", "masterauth %s" % (pw := c.dbpass()), pw)
    f.n("placeholder-doc-example", "# requirepass foobared", "foobared")

    f = c.file("ops/pgbouncer/userlist.txt")
    f.n("password-hash-md5", '"courier" "md5%s"' % (h := c.hex(32)), h)
    f.n("password-hash-scram", '"report" "SCRAM-SHA-256$4096:%s$%s:%s"' % (c.b64bytes(16), h := c.b64bytes(32), c.b64bytes(32)), h)

    f = c.file("ops/postfix/sasl_passwd")
    f.p("password-smtp", "[smtp.gmail.com]:587 alerts@northwind.com:%s" % (pw := c.rs(16, LO)), pw)
    f.p("password-smtp", "[email-smtp.eu-central-1.amazonaws.com]:587 %s:%s" % (c.aws_id(), pw := "B" + c.rs(43, ALNUM + "+/")), pw)

    f = c.file("ops/kibana/kibana.yml")
    f("""
        server.host: "0.0.0.0"
        server.publicBaseUrl: "https://logs.northwind.internal"
        elasticsearch.hosts: ["https://es01:9200"]
        elasticsearch.username: "kibana_system"
    """)
    f.p("password-elastic", 'elasticsearch.password: "%s"' % (pw := c.dbpass()), pw)
    f.p("elastic-encryption-key", 'xpack.encryptedSavedObjects.encryptionKey: "%s"' % (k := c.rs(32, ALNUM)), k)
    f.n("key-file-path", 'server.ssl.key: /etc/kibana/certs/kibana.key', "/etc/kibana/certs/kibana.key")

    f = c.file("ops/grafana/grafana.ini")
    f("""
        [server]
        domain = grafana.northwind.internal
        root_url = https://grafana.northwind.internal/

        [security]
        admin_user = admin
    """)
    f.p("password-grafana", "admin_password = %s" % (pw := c.password()), pw)
    f.p("grafana-secret-key", "secret_key = %s" % (k := c.rs(20, ALNUM)), k)
    f("""

        [auth.generic_oauth]
        enabled = true
    """)
    f.n("public-id-oauth-client", "client_id = grafana-%s" % (i := c.hex(8)), i)
    f.n("template-dollar", "client_secret = $__file{/etc/grafana/oauth_secret}", "$__file{/etc/grafana/oauth_secret}")
    f("""

        [smtp]
        enabled = true
        host = smtp.office365.com:587
        user = grafana@northwind.com
    """)
    f.n("template-dollar", "password = ${GF_SMTP_PASSWORD}", "${GF_SMTP_PASSWORD}")

    f = c.file("ops/wifi/wpa_supplicant.conf")
    f("""
        ctrl_interface=DIR=/var/run/wpa_supplicant GROUP=netdev
        update_config=1
        country=DE

        network={
            ssid="Northwind-Warehouse"
    """)
    f.p("password-wifi-psk", '    psk="%s"' % (pw := c.password()), pw)
    f("}")
    f("network={\n    ssid=\"Northwind-Guest\"\n    key_mgmt=NONE\n}")

    f = c.file("ops/ldap/ldap.conf")
    f("""
        BASE dc=northwind,dc=internal
        URI ldaps://ldap.northwind.internal
        TLS_CACERT /etc/ssl/certs/northwind-ca.pem
        BINDDN cn=reader,ou=services,dc=northwind,dc=internal
    """)
    f.p("password-ldap-bind", "BINDPW %s" % (pw := c.password()), pw)

    f = c.file("ops/rabbitmq/rabbitmq.conf")
    f("""
        listeners.ssl.default = 5671
        ssl_options.cacertfile = /etc/rabbitmq/ca.pem
        ssl_options.certfile = /etc/rabbitmq/server.pem
    """)
    f.n("key-file-path", "ssl_options.keyfile = /etc/rabbitmq/server-key.pem", "/etc/rabbitmq/server-key.pem")
    f("default_user = courier")
    f.p("password-rabbitmq", "default_pass = %s" % (pw := c.dbpass()), pw)


def jq(s):
    """A string as a JSON literal (for hand-written notebook and HAR lines)."""
    return json.dumps(s)


def notebooks(c):
    png = base64.b64encode(b"\x89PNG\r\n\x1a\n" + c.rbytes(900)).decode()
    f = c.file("analysis/notebooks/delivery_times.ipynb")
    f("""
        {
         "cells": [
          {
           "cell_type": "code",
           "execution_count": 1,
           "metadata": {},
           "outputs": [],
           "source": [
            "import os\\n",
            "import pandas as pd\\n",
            "import sqlalchemy as sa\\n",
    """)
    f.p("db-url-postgres", '    "engine = sa.create_engine(\\"postgresql+psycopg2://analyst:%s@replica.prod.northwind.internal/courier\\")\\n",'
        % (pw := c.dbpass()), pw)
    f.n("env-lookup-python", '    "token = os.environ.get(\\"WAREHOUSE_TOKEN\\")\\n",', 'os.environ.get(\\"WAREHOUSE_TOKEN\\")')
    f.p("snowflake-password", '    "sf = sa.create_engine(\\"snowflake://analyst:%s@northwind-eu/ANALYTICS/PUBLIC?warehouse=WH\\")"'
        % (pw := c.password()), pw)
    f("""
           ]
          },
          {
           "cell_type": "code",
           "execution_count": 2,
           "metadata": {},
           "outputs": [
            {
             "data": {
    """)
    f.n("base64-image", '      "image/png": "%s",' % png, png[:60])
    f("""
              "text/plain": [
               "<Figure size 640x480 with 1 Axes>"
              ]
             },
             "metadata": {},
             "output_type": "display_data"
            }
           ],
           "source": [
            "df = pd.read_sql(\\"select * from deliveries\\", engine)\\n",
            "df.groupby(\\"region\\").minutes.median().plot.bar()"
           ]
          },
          {
           "cell_type": "code",
           "execution_count": 3,
           "metadata": {},
           "outputs": [
            {
             "name": "stdout",
             "output_type": "stream",
             "text": [
    """)
    f.p("aws-access-key-id", '      "AccessKeyId: %s\\n",' % (k := c.aws_id("ASIA")), k)
    f.p("aws-secret-access-key", '      "SecretAccessKey: %s\\n",' % (k := c.aws_secret()), k)
    f.n("uuid-identifier", '      "RequestId: %s\\n"' % (u := c.uuid()), u)
    f("""
             ]
            }
           ],
           "source": [
            "import boto3\\n",
            "creds = boto3.client(\\"sts\\").assume_role(RoleArn=ROLE, RoleSessionName=\\"nb\\")[\\"Credentials\\"]\\n",
            "for k, v in creds.items(): print(f\\"{k}: {v}\\")"
           ]
          },
          {
           "cell_type": "code",
           "execution_count": 4,
           "metadata": {},
           "outputs": [],
           "source": [
            "from openai import OpenAI\\n",
    """)
    f.p("openai-api-key", '    "client = OpenAI(api_key=\\"%s\\")\\n",' % (k := c.openai()), k)
    f.n("password-prompt", '    "hf_token = getpass.getpass(\\"Hugging Face token: \\")"', "getpass.getpass")
    f("""
           ]
          }
         ],
         "metadata": {
          "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}
         },
         "nbformat": 4,
         "nbformat_minor": 5
        }
    """)

    f = c.file("analysis/notebooks/churn_model.ipynb")
    f("""
        {
         "cells": [
          {
           "cell_type": "markdown",
           "metadata": {},
           "source": [
            "# Churn model\\n",
            "Set `WANDB_API_KEY` in your shell before running; never paste it here."
           ]
          },
          {
           "cell_type": "code",
           "execution_count": 1,
           "metadata": {},
           "outputs": [],
           "source": [
    """)
    f.p("wandb-api-key", '    "os.environ[\\"WANDB_API_KEY\\"] = \\"%s\\"\\n",' % (k := c.hex(40)), k)
    f.n("placeholder-angle", '    "# os.environ[\\"HF_TOKEN\\"] = \\"<paste-your-token>\\"\\n",', "<paste-your-token>")
    f.p("huggingface-token", '    "login(token=\\"%s\\")"' % (k := c.hf()), k)
    f("""
           ]
          }
         ],
         "metadata": {},
         "nbformat": 4,
         "nbformat_minor": 5
        }
    """)


def logs(c):
    f = c.file("support/incidents/2024-03-12-dispatch-outage/api.log")
    t = ["2024-03-12T08:%02d:%02d.%03dZ" % (m, c.r.randint(0, 59), c.r.randint(0, 999)) for m in range(14, 40)]
    f("%s INFO  dispatch.Application - Started Application in 6.41 seconds" % t[0])
    f.n("uuid-identifier", "%s INFO  web.RequestLog - GET /v2/routes 200 41ms request_id=%s" % (t[1], u := c.uuid()), u)
    f.n("placeholder-redacted", "%s DEBUG http.Client - POST https://api.partner.example/v1/orders headers={Authorization=[REDACTED], Accept=application/json}"
        % t[2], "[REDACTED]")
    f.n("placeholder-redacted", "%s DEBUG db.Pool - connecting url=jdbc:postgresql://db01:5432/dispatch user=dispatch password=********" % t[3],
        "password=********")
    f("%s ERROR db.Pool - Connection refused, retrying in 5s" % t[4])
    f.p("db-url-postgres", "%s ERROR dispatch.Startup - could not connect: org.postgresql.util.PSQLException: FATAL: password authentication failed for postgres://dispatch:%s@db01.prod.northwind.internal:5432/dispatch"
        % (t[5], pw := c.dbpass()), pw)
    f("""
        	at org.postgresql.core.v3.ConnectionFactoryImpl.doAuthentication(ConnectionFactoryImpl.java:693)
        	at org.postgresql.core.v3.ConnectionFactoryImpl.tryConnect(ConnectionFactoryImpl.java:203)
        	at com.zaxxer.hikari.pool.PoolBase.newConnection(PoolBase.java:359)
    """)
    f.p("jwt", "%s DEBUG http.Client - >> Authorization: Bearer %s" % (t[6], k := c.jwt("RS256", scope="dispatch:write")), k)
    f.n("git-sha", "%s INFO  dispatch.Application - build=%s branch=main" % (t[7], h := c.hex(40)), h)
    f.p("slack-bot-token", "%s WARN  notify.Slack - chat.postMessage failed: invalid_auth token=%s" % (t[8], k := c.slack_bot()), k)
    f.n("uuid-identifier", "%s INFO  web.RequestLog - POST /v2/dispatch 201 93ms trace_id=%s span_id=%s" % (t[9], h := c.hex(32), c.hex(16)), h)
    f.n("placeholder-redacted", '%s INFO  auth.Login - login ok user=dana@northwind.com password=<hidden>' % t[10], "<hidden>")
    f.p("generic-api-key", "%s DEBUG partner.Client - GET https://api.partner-logistics.com/v3/rates?api_key=%s&zip=10115" % (t[11], k := c.rs(32, ALNUM)), k)

    f = c.file("support/incidents/2024-03-12-dispatch-outage/traceback.txt")
    f('''
        Traceback (most recent call last):
          File "/srv/courier/app/tasks.py", line 88, in send_receipt
            resp = client.send(message)
          File "/srv/courier/.venv/lib/python3.12/site-packages/sendgrid/base_interface.py", line 62, in send
            return self.client.mail.send.post(request_body=message)
    ''')
    f.p("sendgrid-api-key", "python_http_client.exceptions.UnauthorizedError: HTTP Error 401: Unauthorized (api_key='%s')" % (k := c.sendgrid()), k)
    f('''
        Locals:
            message = <Mail from="receipts@northwind.com">
    ''')
    f.p("db-url-redis", "    broker_url = 'redis://:%s@redis.prod.northwind.internal:6379/2'" % (pw := c.dbpass()), pw)
    f.n("password-hash-bcrypt", "    user.password_hash = '$2b$12$%s'" % (h := c.rs(53, ALNUM + "./")), h)

    f = c.file("support/incidents/2024-05-02-ios-crash/device.log")
    f("""
        May  2 10:14:02 iPhone Courier[412] <Notice>: App launched, version 4.1.2 (412)
        May  2 10:14:03 iPhone Courier[412] <Notice>: Registered for remote notifications
    """)
    f.n("uuid-identifier", "May  2 10:14:03 iPhone Courier[412] <Notice>: APNs device token %s" % (h := c.hex(64)), h)
    f.p("stripe-restricted-key", "May  2 10:14:04 iPhone Courier[412] <Debug>: Configuring SDK with key=%s" % (k := c.stripe("rk_live_")), k)
    f.n("uuid-identifier", "May  2 10:14:05 iPhone Courier[412] <Error>: crash report %s written" % (u := c.uuid().upper()), u)


def postman(c):
    f = c.file("docs/api/Courier.postman_collection.json")
    f("""
        {
          "info": {
    """)
    f.n("uuid-identifier", '    "_postman_id": "%s",' % (u := c.uuid()), u)
    f("""
            "name": "Courier API",
            "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
          },
          "auth": {
            "type": "bearer",
            "bearer": [
    """)
    f.p("jwt", '      { "key": "token", "value": "%s", "type": "string" }' % (k := c.jwt(scope="admin")), k)
    f("""
            ]
          },
          "item": [
            {
              "name": "List routes",
              "request": {
                "method": "GET",
                "header": [
    """)
    f.n("template-postman", '          { "key": "X-Api-Key", "value": "{{partnerApiKey}}" }', "{{partnerApiKey}}")
    f("""
                ],
                "url": "{{baseUrl}}/v2/routes"
              }
            },
            {
              "name": "Create shipment (partner)",
              "request": {
                "method": "POST",
                "auth": {
                  "type": "basic",
                  "basic": [
                    { "key": "username", "value": "northwind" },
    """)
    f.p("password-postman", '            { "key": "password", "value": "%s" }' % (pw := c.password()), pw)
    f("""
                  ]
                },
                "header": [
    """)
    f.p("shippo-live-token", '          { "key": "Authorization", "value": "ShippoToken shippo_live_%s" }' % (k := c.hex(40)), "shippo_live_" + k)
    f("""
                ],
                "url": "https://api.goshippo.com/shipments/"
              }
            }
          ]
        }
    """)

    f = c.file("docs/api/Production.postman_environment.json")
    f("""
        {
    """)
    f.n("uuid-identifier", '  "id": "%s",' % (u := c.uuid()), u)
    f("""
          "name": "Production",
          "values": [
            { "key": "baseUrl", "value": "https://api.northwind-courier.com", "enabled": true },
    """)
    f.p("postman-api-key", '    { "key": "postmanApiKey", "value": "%s", "type": "secret", "enabled": true },' % (k := c.postman()), k)
    f.p("generic-api-key", '    { "key": "partnerApiKey", "value": "%s", "type": "secret", "enabled": true },' % (k := c.rs(40, ALNUM)), k)
    f.n("password-empty", '    { "key": "adminPassword", "value": "", "type": "secret", "enabled": true }', '"adminPassword", "value": ""')
    f("""
          ],
          "_postman_variable_scope": "environment"
        }
    """)


def har(c):
    f = c.file("support/har/checkout-bug.har")
    f("""
        {
          "log": {
            "version": "1.2",
            "creator": { "name": "WebInspector", "version": "537.36" },
            "entries": [
              {
                "startedDateTime": "2024-04-18T09:12:44.120Z",
                "request": {
                  "method": "POST",
                  "url": "https://api.northwind-courier.com/v2/checkout",
                  "headers": [
                    { "name": "Content-Type", "value": "application/json" },
    """)
    f.p("jwt", '            { "name": "Authorization", "value": "Bearer %s" },' % (k := c.jwt(scope="checkout")), k)
    f.n("uuid-identifier", '            { "name": "X-Request-Id", "value": "%s" },' % (u := c.uuid()), u)
    f.n("csrf-token-public", '            { "name": "X-CSRF-Token", "value": "%s" }' % (k := c.rs(86, ALNUM + "-_")), k)
    f("""
                  ],
                  "postData": {
                    "mimeType": "application/json",
    """)
    f.p("password-har-postdata", '            "text": %s' % jq(json.dumps({"email": "dana@northwind.com", "password": (pw := c.password())})), pw)
    f("""
                  }
                },
                "response": {
                  "status": 200,
                  "headers": [
    """)
    f.n("etag-hash", '            { "name": "ETag", "value": "W/\\"%s\\"" },' % (h := c.hex(40)), h)
    f.n("sri-hash", '            { "name": "Content-Security-Policy", "value": "script-src \'self\' \'sha256-%s\'" }'
        % (h := c.b64bytes(32)), h)
    f("""
                  ],
                  "content": {
                    "mimeType": "application/json",
    """)
    f.p("stripe-secret-key", '            "text": %s' % jq(json.dumps({"ok": True, "debug": {"stripe_key": (k := c.stripe())}})), k)
    f("""
                  }
                }
              }
            ]
          }
        }
    """)


def sql(c):
    f = c.file("db/dumps/courier-2024-02-01.sql")
    f("""
        --
        -- PostgreSQL database dump
        --
        SET statement_timeout = 0;
        SET client_encoding = 'UTF8';

        CREATE TABLE public.users (id bigint NOT NULL, email text NOT NULL, password_hash text NOT NULL);
        CREATE TABLE public.integrations (id bigint NOT NULL, provider text NOT NULL, credential text NOT NULL);

        COPY public.users (id, email, password_hash) FROM stdin;
    """)
    for i, who in enumerate(("dana", "lee", "marta"), 1):
        f.n("password-hash-bcrypt", "%d\t%s@northwind.com\t$2a$10$%s" % (i, who, h := c.rs(53, ALNUM + "./")), h)
    f("\\.\n\nCOPY public.integrations (id, provider, credential) FROM stdin;")
    f.p("slack-bot-token", "1\tslack\t%s" % (k := c.slack_bot()), k)
    f.p("shopify-access-token", "2\tshopify\t%s" % (k := c.shopify()), k)
    f.p("square-access-token", "3\tsquare\t%s" % (k := c.square()), k)
    f.n("encrypted-column", "4\tdropbox\tvault:v1:%s" % (b := c.b64bytes(60)), b)
    f("\\.")
    f("")
    f.p("password-sql", "CREATE ROLE reporting LOGIN PASSWORD '%s';" % (pw := c.password()), pw)
    f.n("password-hash-md5", "ALTER ROLE courier WITH LOGIN PASSWORD 'md5%s';" % (h := c.hex(32)), h)
    f.n("password-hash-scram", "ALTER ROLE replicator WITH REPLICATION LOGIN PASSWORD 'SCRAM-SHA-256$4096:%s$%s:%s';"
        % (c.b64bytes(16), h := c.b64bytes(32), c.b64bytes(32)), h)
    f("GRANT SELECT ON ALL TABLES IN SCHEMA public TO reporting;")

    f = c.file("db/migrations/0042_seed_partner.sql")
    f("""
        -- Seed the partner integration for the EU region.
        BEGIN;
    """)
    f.p("password-sql", "CREATE USER 'partner_sync'@'%%' IDENTIFIED BY '%s';" % (pw := c.password()), pw)
    f.p("generic-api-key", "INSERT INTO partner_settings (partner, api_key) VALUES ('dhl-eu', '%s');" % (k := c.rs(32, ALNUM)), k)
    f.n("password-empty", "UPDATE users SET password_hash = NULL WHERE disabled;", "password_hash = NULL")
    f.n("uuid-identifier", "INSERT INTO tenants (id, name) VALUES ('%s', 'northwind-eu');" % (u := c.uuid()), u)
    f("COMMIT;")

    f = c.file("db/dumps/legacy_mysql.sql")
    f("""
        -- MySQL dump 10.13  Distrib 8.0.36
        /*!40101 SET NAMES utf8mb4 */;
        DROP TABLE IF EXISTS `wp_users`;
        CREATE TABLE `wp_users` (`ID` bigint unsigned NOT NULL AUTO_INCREMENT, `user_login` varchar(60), `user_pass` varchar(255), PRIMARY KEY (`ID`));
    """)
    f.n("password-hash-phpass", "INSERT INTO `wp_users` VALUES (1,'admin','$P$B%s');" % (h := c.rs(30, ALNUM + "./")), h)
    f.n("password-hash-phpass", "INSERT INTO `wp_users` VALUES (2,'editor','$wp$2y$10$%s');" % (h := c.rs(53, ALNUM + "./")), h)
    f("DROP TABLE IF EXISTS `wp_options`;")
    f.p("mailchimp-api-key", "INSERT INTO `wp_options` VALUES (311,'mc4wp','a:1:{s:7:\"api_key\";s:37:\"%s\";}','yes');" % (k := c.mailchimp()), k)
    f.p("password-smtp", "INSERT INTO `wp_options` VALUES (312,'wp_mail_smtp','a:1:{s:4:\"pass\";s:%d:\"%s\";}','yes');"
        % (len(pw := c.password()), pw), pw)


def docs(c):
    f = c.file("README.md")
    f("""
        # Northwind Courier

        Monorepo for the courier apps, the dispatch backend and their deployment.

        ## Getting started

        ```sh
        cp .env.example .env
    """)
    f.n("placeholder-xxx", "export STRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx", "sk_live_xxxxxxxxxxxxxxxxxxxxxxxx")
    f.n("placeholder-angle", "export GITHUB_TOKEN=<your-github-token>", "<your-github-token>")
    f.n("aws-doc-example", "export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE", "AKIAIOSFODNN7EXAMPLE")
    f.n("aws-doc-example", "export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
    f("""
        make dev
        ```

        The API reads its configuration from the environment; see `docs/configuration.md`.
    """)

    f = c.file("docs/configuration.md")
    f("""
        # Configuration

        | Variable | Meaning | Example |
        |----------|---------|---------|
    """)
    f.n("placeholder-your-here", "| `SENDGRID_API_KEY` | mail delivery | `SG.your-key-here` |", "SG.your-key-here")
    f.n("placeholder-ellipsis", "| `OPENAI_API_KEY` | route summaries | `sk-proj-...` |", "sk-proj-...")
    f.n("placeholder-masked", "| `GITHUB_TOKEN` | release notes | `ghp_************************************` |", "ghp_************************************")
    f.n("placeholder-xxx", "| `SLACK_WEBHOOK` | alerts | `https://hooks.slack.com/services/TXXXXXXXX/BXXXXXXXX/XXXXXXXXXXXXXXXXXXXXXXXX` |",
        "https://hooks.slack.com/services/TXXXXXXXX/BXXXXXXXX/XXXXXXXXXXXXXXXXXXXXXXXX")
    f.n("placeholder-dollar-template", "| `DATABASE_URL` | primary database | `postgres://courier:${DB_PASSWORD}@localhost/courier` |", "${DB_PASSWORD}")
    f.n("placeholder-changeme", "| `ADMIN_PASSWORD` | first admin login | `changeme` (forced reset on first login) |", "changeme")
    f("""

        Secrets never go in this repository: CI reads them from the secret store.
    """)

    f = c.file("docs/howto/onboarding.md")
    f("""
        # Onboarding checklist

        1. Ask IT for an account on the VPN.
        2. Install the CLI tools: `brew bundle`.
        3. Log in to the registry:
    """)
    f.n("placeholder-angle", "   `docker login registry.northwind.com -u <username> -p <password>`", "<password>")
    f("4. Join the #courier-dev channel. The bot posts with this token (rotate when people leave):")
    f.p("slack-user-token", "   `%s`" % (k := c.slack_user()), k)
    f("5. For the Jira automations use the shared API token:")
    f.p("atlassian-api-token", "   `JIRA_API_TOKEN=%s`" % (k := c.atlassian()), k)
    f("6. Staging admin:")
    f.p("password-markdown", "   - user `admin`, password `%s`" % (pw := c.password()), pw)
    f.n("placeholder-masked", "   - production admin password: ask in 1Password (`••••••••`)", "••••••••")

    f = c.file("docs/howto/push-notifications.md")
    f("""
        # Push notifications

        iOS uses a token-based APNs key (`.p8`) and Android uses FCM HTTP v1.
        The legacy FCM key looks like this (do not use, it is being removed):
    """)
    v = "AAAAxxxxxxx:APA91b" + "x" * 134
    f.n("placeholder-xxx", "    " + v, v)
    f("The server key currently in use for the Android beta app:")
    f.p("fcm-server-key", "    %s" % (k := c.fcm_server()), k)
    f("""

        The `.p8` files live in the secret store, never in git.
    """)

    f = c.file("docs/howto/oauth-apps.md")
    f("""
        # OAuth apps

        Google sign-in uses the web client below. The client id is public;
        the secret must stay on the server.

        ```json
        {
          "web": {
    """)
    f.n("public-id-google-client", '    "client_id": "%s-%s.apps.googleusercontent.com",' % (c.digits(12), i := c.rs(32, LO + DIG)), i)
    f.n("placeholder-angle", '    "client_secret": "<client-secret>",', "<client-secret>")
    f("""
            "redirect_uris": ["https://courier.northwind.com/auth/callback"]
          }
        }
        ```
    """)

    f = c.file("ops/google/client_secret_%s.apps.googleusercontent.com.json" % c.digits(12))
    f.p("google-oauth-client-secret", '{"installed":{"client_id":"%s-%s.apps.googleusercontent.com","project_id":"northwind-ops","auth_uri":"https://accounts.google.com/o/oauth2/auth","token_uri":"https://oauth2.googleapis.com/token","client_secret":"%s","redirect_uris":["http://localhost"]}}'
        % (c.digits(12), c.rs(32, LO + DIG), k := c.gocspx()), k)

    f = c.file("ops/google/token.json")
    f("{")
    f.p("google-oauth-access-token", '  "token": "%s",' % (k := c.ya29()), k)
    f.p("google-oauth-refresh-token", '  "refresh_token": "%s",' % (k := c.google_refresh()), k)
    f('  "token_uri": "https://oauth2.googleapis.com/token",')
    f.p("google-oauth-client-secret", '  "client_secret": "%s",' % (k := c.gocspx()), k)
    f('  "scopes": ["https://www.googleapis.com/auth/drive.readonly"]\n}')

    f = c.file("Makefile")
    f("""
        # Northwind Courier developer tasks
        REGISTRY ?= registry.northwind.com
        VERSION  ?= $(shell git describe --tags --always)
        PROTOC_SHA256 = %s
    """ % c.hex(64))
    c.labels.append({"file": "Makefile", "line": 4, "end": 4, "kind": "checksum-sha256",
                     "label": "negative", "value": f.lines[3].split("= ")[1]})
    f.p("sentry-org-token", "SENTRY_AUTH_TOKEN ?= %s" % (k := c.sentry_org()), k)
    f.p("npm-token", "NPM_TOKEN ?= %s" % (k := c.npm()), k)
    f("")
    f(".PHONY: login release")
    f("login:")
    f.n("env-lookup-make", "\t@echo \"$(REGISTRY_PASSWORD)\" | docker login $(REGISTRY) -u ci --password-stdin", "$(REGISTRY_PASSWORD)")
    f("")
    f("release: login")
    f.raw("\tdocker build -t $(REGISTRY)/courier-api:$(VERSION) .")
    f.p("password-cli-docker", "\tdocker login -u deploy -p '%s' $(REGISTRY)" % (pw := c.password()), pw)
    f.raw("\tdocker push $(REGISTRY)/courier-api:$(VERSION)")


def mobile_misc(c):
    f = c.file("app-flutter/pubspec.lock")
    f("""
        # Generated by pub
        # See https://dart.dev/tools/pub/glossary#lockfile
        packages:
    """)
    for name, ver in (("http", "1.2.1"), ("firebase_core", "2.27.0"), ("provider", "6.1.2")):
        f('  %s:\n    dependency: "direct main"\n    description:\n      name: %s\n      url: "https://pub.dev"' % (name, name))
        f.n("lockfile-hash", '      sha256: "%s"' % (h := c.hex(64)), h)
        f('    source: hosted\n    version: "%s"' % ver)
    f('sdks:\n  dart: ">=3.3.0 <4.0.0"')

    f = c.file("app-flutter/lib/env.dart")
    f("""
        class Env {
    """)
    f.n("env-lookup-dart", "  static const apiKey = String.fromEnvironment('API_KEY');", "String.fromEnvironment('API_KEY')")
    f.p("supabase-service-key", "  static const supabaseAccessToken = '%s';" % (k := c.supabase()), k)
    f.p("supabase-service-role-jwt", "  static const supabaseServiceRole = '%s';" % (k := c.jwt(role="service_role", iss="supabase")), k)
    f("}")

    f = c.file("app-rn/app.json")
    f("""
        {
          "expo": {
            "name": "Courier Lite",
            "slug": "courier-lite",
            "version": "2.3.0",
            "extra": {
    """)
    f.n("uuid-identifier", '      "eas": { "projectId": "%s" },' % (u := c.uuid()), u)
    f.n("public-posthog-key", '      "posthogKey": "phc_%s",' % (k := c.rs(43, ALNUM)), "phc_" + k)
    f.p("contentful-management-token", '      "contentfulToken": "CFPAT-%s"' % (k := c.rs(43, ALNUM + "-_")), "CFPAT-" + k)
    f("""
            }
          }
        }
    """)

    f = c.file("app-rn/src/services/firebase-admin.json")
    pem, _ = c.privkey("pkcs8")
    esc = pem.replace("\n", "\\n") + "\\n"
    f("{")
    f('  "type": "service_account",\n  "project_id": "northwind-courier",')
    f.n("git-sha", '  "private_key_id": "%s",' % (h := c.hex(40)), h)
    f.p("private-key-gcp-json", '  "private_key": "%s",' % esc, body_line(pem))
    f('  "client_email": "firebase-adminsdk-x1y2z@northwind-courier.iam.gserviceaccount.com",')
    f.n("public-id-gcp-client", '  "client_id": "%s",' % (i := c.digits(21)), i)
    f('  "token_uri": "https://oauth2.googleapis.com/token"\n}')


def web(c):
    f = c.file("site/public/index.html")
    f("""
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <title>Northwind Courier</title>
    """)
    f.n("sri-hash", '  <script src="https://cdn.jsdelivr.net/npm/alpinejs@3.13.5/dist/cdn.min.js" integrity="sha384-%s" crossorigin="anonymous" defer></script>'
        % (h := c.b64bytes(48)), h)
    f.n("cache-busting-hash", '  <link rel="stylesheet" href="/assets/index-%s.css">' % (h := c.rs(8, LO + DIG)), h)
    f.n("public-recaptcha-site-key", '  <script>window.RECAPTCHA_SITE_KEY = "6L%s";</script>' % (k := c.rs(38, ALNUM + "-_")), "6L" + k)
    f.n("public-stripe-publishable", '  <script>window.STRIPE_PK = "%s";</script>' % (k := c.stripe("pk_live_")), k)
    f("""
        </head>
        <body>
    """)
    png = base64.b64encode(b"\x89PNG\r\n\x1a\n" + c.rbytes(300)).decode()
    f.n("base64-image", '  <img alt="logo" width="32" height="32" src="data:image/png;base64,%s">' % png, png[:60])
    f("""
          <div id="app"></div>
        </body>
        </html>
    """)

    f = c.file("site/public/assets/vendor.min.js")
    words = ["e", "t", "n", "r", "o", "i", "a", "s", "u", "c", "l", "f", "d", "p", "h"]
    parts = []
    for _ in range(40):
        a, b, d = c.r.sample(words, 3)
        parts.append("function %s(%s,%s){return %s&&%s[%d]?%s.call(%s,%s):void 0}" % (
            c.rs(2, LO), a, b, a, a, c.r.randint(0, 99), a, b, d))
    chunk = ",".join('%d:"%s"' % (c.r.randint(10, 999), c.hex(20)) for _ in range(12))
    mini = "!function(){\"use strict\";%s;var m={%s};window.__chunks=m}();" % (";".join(parts), chunk)
    f.n("minified-js", mini, mini[:60])
    f.n("sourcemap-ref", "//# sourceMappingURL=vendor.min.js.map", "sourceMappingURL=vendor.min.js.map")

    f = c.file("site/public/assets/fonts.css")
    woff = base64.b64encode(b"wOF2" + c.rbytes(600)).decode()
    f("@font-face {\n  font-family: \"Inter\";")
    f.n("base64-font", '  src: url(data:font/woff2;base64,%s) format("woff2");' % woff, woff[:60])
    f("}")
    f.n("css-colour", ".brand { color: #%s; background: #%s; }" % (h := c.hex(6), c.hex(6)), h)

    f = c.file("site/pnpm-lock.yaml")
    f("""
        lockfileVersion: '9.0'

        packages:
    """)
    for name, ver in (("alpinejs", "3.13.5"), ("vite", "5.1.4"), ("esbuild", "0.20.1"), ("postcss", "8.4.35")):
        f("  %s@%s:" % (name, ver))
        f.n("lockfile-hash", "    resolution: {integrity: sha512-%s}" % (h := c.b64bytes(64)), h)
        f("")

    f = c.file("site/composer.lock")
    f("""
        {
            "content-hash": "%s",
            "packages": [
                {
                    "name": "guzzlehttp/guzzle",
                    "version": "7.8.1",
                    "source": {
                        "type": "git",
                        "url": "https://github.com/guzzle/guzzle.git",
    """ % c.hex(32))
    c.labels.append({"file": "site/composer.lock", "line": 2, "end": 2, "kind": "lockfile-hash",
                     "label": "negative", "value": f.lines[1].split('"')[3]})
    f.n("git-sha", '                "reference": "%s"' % (h := c.hex(40)), h)
    f("""
                    },
                    "dist": {
                        "type": "zip",
    """)
    f.n("lockfile-hash", '                "shasum": "%s"' % (h := c.hex(40)), h)
    f("""
                    }
                }
            ]
        }
    """)


def keys(c):
    pem, pub = c.privkey("openssh")
    f = c.file("ops/ssh/deploy_ed25519")
    f.p("private-key-openssh", pem, body_line(pem))
    f = c.file("ops/ssh/deploy_ed25519.pub")
    f.n("ssh-public-key", pub, pub.split()[1])
    f = c.file("ops/ssh/authorized_keys")
    f.n("ssh-public-key", 'command="/usr/local/bin/backup-only",no-pty %s' % pub, pub.split()[1])
    f.n("ssh-public-key", "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQ%s ops@bastion" % (k := c.rs(510, ALNUM + "+/")), k[:60])

    pem, pub = c.privkey("rsa")
    f = c.file("deploy/certs/api.northwind-courier.com.key")
    f.p("private-key-rsa", pem, body_line(pem))
    f = c.file("deploy/certs/jwt-signing.pub.pem")
    f.n("public-key-pem", pub, body_line(pub))
    cert = c.certificate()
    f = c.file("deploy/certs/api.northwind-courier.com.crt")
    f.n("certificate-pem", cert, body_line(cert))

    pem, _ = c.privkey("ec")
    f = c.file("deploy/ansible/roles/saml/vars/main.yml")
    f("""
        ---
        saml_sp_entity_id: https://portal.northwind.com/saml/metadata
        saml_sp_acs_url: https://portal.northwind.com/saml/acs
    """)
    f.p("private-key-ec", "saml_sp_private_key: |\n" + "\n".join("  " + l for l in pem.split("\n")), body_line(pem))
    f.n("certificate-pem", "saml_idp_certificate: |\n" + "\n".join("  " + l for l in cert.split("\n")), body_line(cert))

    pem, _ = c.privkey("pkcs8")
    f = c.file("deploy/helm/courier/values-tls.yaml")
    f("""
        tls:
          enabled: true
    """)
    f.n("certificate-pem", "  crt: |\n" + "\n".join("    " + l for l in cert.split("\n")), body_line(cert))
    f.p("private-key-pkcs8", "  key: |\n" + "\n".join("    " + l for l in pem.split("\n")), body_line(pem))

    pem, _ = c.privkey("openssh")
    f = c.file("ops/scripts/bootstrap_runner.py")
    f('''
        """Bootstrap a build runner: install the deploy key and register it."""
        import os
        import pathlib

    ''')
    f.p("private-key-openssh", 'DEPLOY_KEY = """' + pem + '\n"""', body_line(pem))
    f.p("gitlab-runner-token", 'RUNNER_TOKEN = "glrt-%s"' % (k := c.rs(20, ALNUM + "-_")), "glrt-" + k)
    f('''


        def install():
            path = pathlib.Path.home() / ".ssh" / "id_ed25519"
            path.write_text(DEPLOY_KEY)
            os.chmod(path, 0o600)
    ''')


def encrypted(c):
    f = c.file("deploy/k8s/secrets/courier.enc.yaml")
    f("""
        apiVersion: v1
        kind: Secret
        metadata:
          name: courier
        type: Opaque
        stringData:
    """)
    f.n("encrypted-sops", "  STRIPE_SECRET_KEY: ENC[AES256_GCM,data:%s,iv:%s,tag:%s,type:str]"
        % (d := c.b64bytes(60), c.b64bytes(32), c.b64bytes(16)), d)
    f.n("encrypted-sops", "  DATABASE_URL: ENC[AES256_GCM,data:%s,iv:%s,tag:%s,type:str]"
        % (d := c.b64bytes(75), c.b64bytes(32), c.b64bytes(16)), d)
    f("""
        sops:
          kms:
    """)
    f.n("aws-arn", "    - arn: arn:aws:kms:eu-central-1:%s:alias/sops" % (a := c.digits(12)), a)
    f.n("encrypted-sops", "      enc: %s" % (d := c.b64bytes(180)), d)
    f.n("encrypted-sops", "  mac: ENC[AES256_GCM,data:%s,iv:%s,tag:%s,type:str]" % (d := c.b64bytes(64), c.b64bytes(32), c.b64bytes(16)), d)
    f("  version: 3.8.1")

    f = c.file("deploy/k8s/secrets/partner-sealed.yaml")
    f("""
        apiVersion: bitnami.com/v1alpha1
        kind: SealedSecret
        metadata:
          name: partner
          namespace: courier
        spec:
          encryptedData:
    """)
    f.n("sealed-secret", "    api-key: Ag%s" % (d := c.b64bytes(540)), d[:60])
    f.n("sealed-secret", "    password: Ag%s" % (d := c.b64bytes(520)), d[:60])


def fixtures(c):
    f = c.file("backend/web/tests/fixtures/settings_test.py")
    f('''
        """Settings for the test run: nothing here is real."""
        from courier_web.settings.base import *  # noqa: F401,F403

    ''')
    f.n("test-fixture-dummy", 'SECRET_KEY = "test-secret-key-not-for-production"', "test-secret-key-not-for-production")
    f.n("test-fixture-dummy", 'STRIPE_SECRET_KEY = "sk_test_dummy"', "sk_test_dummy")
    f.n("test-fixture-dummy", 'DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "PASSWORD": "test"}}', '"PASSWORD": "test"')
    f.n("test-fixture-dummy", 'TWILIO_AUTH_TOKEN = "0" * 32', '"0" * 32')

    f = c.file("backend/node-gateway/__tests__/auth.test.js")
    f("""
        const { verify } = require('../src/auth');

        describe('verify', () => {
    """)
    f.n("test-fixture-dummy", "  const token = 'fake.jwt.token';", "fake.jwt.token")
    f.n("test-fixture-dummy", "  const password = 'hunter2';", "hunter2")
    f.n("env-lookup-js", "  const apiKey = process.env.TEST_API_KEY || 'dummy-api-key';", "process.env.TEST_API_KEY")
    f("""
          it('rejects a forged token', () => {
            expect(() => verify(token)).toThrow();
          });
        });
    """)

    f = c.file("backend/rails/spec/fixtures/users.yml")
    f("""
        dana:
          email: dana@example.com
    """)
    f.n("test-fixture-dummy", "  password: password123", "password123")
    f.n("template-erb", "  encrypted_password: <%= Devise::Encryptor.digest(User, 'password') %>", "Devise::Encryptor.digest")


def app_code(c):
    """Ordinary application files that read their credentials properly,
    with the occasional leftover."""
    f = c.file("backend/dispatch/src/main/java/com/northwind/dispatch/PartnerClient.java")
    f("""
        package com.northwind.dispatch;

        import java.net.http.HttpClient;
        import java.net.http.HttpRequest;

        public final class PartnerClient {
    """)
    f.n("env-lookup-java", '    private final String apiKey = System.getenv("PARTNER_API_KEY");', 'System.getenv("PARTNER_API_KEY")')
    f.n("template-spring", '    @Value("${partner.secret}") private String secret;', "${partner.secret}")
    f.p("okta-api-token", '    private static final String OKTA_TOKEN = "00%s";' % (k := c.rs(40, ALNUM + "-_")), "00" + k)
    f.n("password-empty", "    private char[] password = new char[0];", "new char[0]")
    f("""

            HttpRequest.Builder request(String path) {
                return HttpRequest.newBuilder().header("X-Api-Key", apiKey);
            }
        }
    """)

    f = c.file("backend/Courier.Api/Services/BlobService.cs")
    f("""
        using Azure.Storage.Blobs;

        namespace Courier.Api.Services;

        public sealed class BlobService
        {
    """)
    f.n("env-lookup-dotnet", '    private readonly string _conn = Environment.GetEnvironmentVariable("BLOB_CONNECTION") ?? "";',
        'Environment.GetEnvironmentVariable("BLOB_CONNECTION")')
    f.n("env-lookup-dotnet", '    private readonly string _secret = config["AzureAd:ClientSecret"];', 'config["AzureAd:ClientSecret"]')
    f.p("azure-sas-token", '    private const string ExportSas = "?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2026-01-01T00:00:00Z&spr=https&sig=%s";'
        % (k := c.b64bytes(32).replace("+", "%2B").replace("/", "%2F").replace("=", "%3D")), k)
    f("}")

    f = c.file("backend/gateway-go/internal/store/mysql.go")
    f("""
        package store

        import (
        	"database/sql"
        	"os"

        	_ "github.com/go-sql-driver/mysql"
        )

    """)
    f.n("env-lookup-go", 'var dsn = os.Getenv("STORE_DSN")', 'os.Getenv("STORE_DSN")')
    f.p("db-dsn-go-mysql", 'const reportingDSN = "report:%s@tcp(mysql02.northwind.internal:3306)/reporting?parseTime=true"' % (pw := c.dbpass()), pw)
    f("""

        func Open() (*sql.DB, error) {
        	return sql.Open("mysql", dsn)
        }
    """)

    f = c.file("backend/gateway-go/internal/notify/discord.go")
    f("""
        package notify

    """)
    f.p("discord-bot-token", 'const botToken = "%s"' % (k := c.discord_bot()), k)
    f.p("telegram-bot-token", 'const opsTelegram = "%s"' % (k := c.telegram()), k)
    f.n("public-id-discord", 'const guildID = "%s"' % (i := c.digits(19)), i)

    f = c.file("ops/scripts/sync_airtable.py")
    f('''
        """Copy the partner list from Airtable into Notion once a day."""
        import requests

    ''')
    f.p("airtable-pat", 'AIRTABLE_TOKEN = "pat%s.%s"' % (a := c.rs(14, ALNUM), b := c.hex(64)), "pat%s.%s" % (a, b))
    f.p("notion-token", 'NOTION_TOKEN = "ntn_%s"' % (k := c.rs(46, ALNUM)), "ntn_" + k)
    f.p("dropbox-token", 'DROPBOX_TOKEN = "sl.%s"' % (k := c.rs(136, ALNUM + "-_")), "sl." + k)
    f('''


        def rows():
            r = requests.get("https://api.airtable.com/v0/appPartners/Partners",
                             headers={"Authorization": "Bearer " + AIRTABLE_TOKEN}, timeout=30)
            r.raise_for_status()
            return r.json()["records"]
    ''')

    f = c.file("ops/scripts/media_upload.rb")
    f("""
        # Upload the marketing images.
        require "cloudinary"

    """)
    f.p("cloudinary-url", 'ENV["CLOUDINARY_URL"] ||= "cloudinary://%s:%s@northwind"' % (c.digits(15), k := c.rs(27, ALNUM + "-_")), k)
    f.p("facebook-access-token", 'FB_PAGE_TOKEN = "%s"' % (k := c.facebook()), k)
    f.p("easypost-api-key", 'EASYPOST_KEY = "EZAK%s"' % (k := c.rs(54, ALNUM)), "EZAK" + k)

    f = c.file("ops/scripts/status_page.js")
    f("""
        // Post an incident to the status page and the on-call tools.
        const fetch = require('node-fetch');

    """)
    f.p("newrelic-user-key", "const NEW_RELIC_KEY = '%s';" % (k := c.newrelic_user()), k)
    f.p("doppler-token", "const DOPPLER_TOKEN = '%s';" % (k := c.doppler()), k)
    f.p("grafana-service-account-token", "const GRAFANA_TOKEN = '%s';" % (k := c.grafana_sa()), k)
    f.p("grafana-cloud-token", "const GRAFANA_CLOUD = '%s';" % (k := c.grafana_cloud()), k)
    f.p("shopify-access-token", "const SHOPIFY_ADMIN = '%s';" % (k := c.shopify("shpss_")), k)
    f.p("square-oauth-secret", "const SQUARE_APP_SECRET = '%s';" % (k := c.square_secret()), k)
    f.p("slack-app-token", "const SLACK_APP_TOKEN = '%s';" % (k := c.slack_app()), k)
    f.n("env-lookup-js", "const statusToken = process.env.STATUSPAGE_TOKEN;", "process.env.STATUSPAGE_TOKEN")
    f.n("uuid-identifier", "const componentId = '%s';" % (u := c.uuid()), u)
    f("""

        module.exports = async function post(msg) {
          return fetch('https://api.statuspage.io/v1/pages/x/incidents', {
            method: 'POST',
            headers: { Authorization: `OAuth ${statusToken}` },
            body: JSON.stringify({ incident: { name: msg } }),
          });
        };
    """)

    f = c.file("ops/scripts/github_release.py")
    f('''
        """Draft release notes from merged pull requests."""
        import os

        import requests

    ''')
    f.p("github-pat-fine-grained", 'TOKEN = "%s"' % (k := c.github_pat()), k)
    f.p("github-user-token", 'APP_USER_TOKEN = "%s"' % (k := c.github("ghu")), k)
    f.p("github-refresh-token", 'APP_REFRESH = "%s"' % (k := c.github("ghr")), k)
    f.n("env-lookup-python", 'FALLBACK = os.environ.get("GH_TOKEN")', 'os.environ.get("GH_TOKEN")')
    f.n("git-sha", 'BASE = "%s"' % (h := c.hex(40)), h)


def more_ops(c):
    f = c.file("ios/fastlane/Fastfile")
    f("""
        default_platform(:ios)

        platform :ios do
          lane :beta do
    """)
    f.n("public-id-apple-key", '    api_key = app_store_connect_api_key(key_id: "%s",' % (k := c.rs(10, UP + DIG)), k)
    f.n("uuid-identifier", '                                        issuer_id: "%s",' % (u := c.uuid()), u)
    f.n("env-lookup-ruby", '                                        key_content: ENV["ASC_KEY_CONTENT"])', 'ENV["ASC_KEY_CONTENT"]')
    f("""
            build_app(scheme: "Courier")
            upload_to_testflight(api_key: api_key)
          end
        end
    """)

    f = c.file("ios/fastlane/.env.default")
    f("""
        FASTLANE_USER=release@northwind.com
        FASTLANE_SKIP_UPDATE_CHECK=1
    """)
    f.p("password-fastlane", "FASTLANE_PASSWORD=%s" % (pw := c.password()), pw)
    f.p("password-fastlane", "MATCH_PASSWORD=%s" % (pw := c.dbpass()), pw)
    f.p("password-fastlane", "FASTLANE_APPLE_APPLICATION_SPECIFIC_PASSWORD=%s-%s-%s-%s"
        % (a := c.rs(4, LO), b := c.rs(4, LO), d := c.rs(4, LO), e := c.rs(4, LO)), "-".join((a, b, d, e)))
    f.n("password-empty", "MATCH_KEYCHAIN_PASSWORD=", "MATCH_KEYCHAIN_PASSWORD=")
    f.n("key-file-path", "SUPPLY_JSON_KEY=../secrets/play-store.json", "../secrets/play-store.json")

    f = c.file("ios/Courier/en.lproj/Localizable.strings")
    f('/* Login screen */')
    f.n("i18n-label", '"login.password.placeholder" = "Password";', '"Password"')
    f.n("i18n-label", '"login.password.forgot" = "Forgot your password?";', "Forgot your password?")
    f.n("i18n-label", '"settings.api_token.title" = "Personal access token";', "Personal access token")
    f('"login.submit" = "Sign in";')

    ca = c.certificate()
    cadata = base64.b64encode(ca.encode()).decode()
    pem, _ = c.privkey("ec")
    keydata = base64.b64encode(pem.encode()).decode()
    f = c.file("ops/kube/ci-deployer.kubeconfig")
    f("""
        apiVersion: v1
        kind: Config
        clusters:
          - name: prod-eu
            cluster:
              server: https://k8s.prod.northwind.internal:6443
    """)
    f.n("certificate-base64", "      certificate-authority-data: %s" % cadata, cadata[:60])
    f("""
        users:
          - name: ci-deployer
            user:
    """)
    f.p("k8s-service-account-token", "      token: %s" % (t := c.jwt("RS256", iss="kubernetes/serviceaccount",
                                                                  sub="system:serviceaccount:ci:deployer")), t)
    f("""
          - name: admin
            user:
    """)
    f.p("private-key-base64", "      client-key-data: %s" % keydata, keydata[:60])
    f("""
        contexts:
          - name: prod-eu
            context: {cluster: prod-eu, user: ci-deployer}
        current-context: prod-eu
    """)

    pem, _ = c.privkey("rsa")
    f = c.file("ops/vpn/warehouse.ovpn")
    f("""
        client
        dev tun
        proto udp
        remote vpn.northwind.com 1194
        cipher AES-256-GCM
        <ca>
    """)
    f.n("certificate-pem", ca, body_line(ca))
    f("</ca>\n<key>")
    f.p("private-key-rsa", pem, body_line(pem))
    f("</key>\nkey-direction 1\n<tls-auth>")
    static = [c.hex(32) for _ in range(16)]
    f.p("openvpn-static-key", "-----BEGIN OpenVPN Static key V1-----\n%s\n-----END OpenVPN Static key V1-----"
        % "\n".join(static), static[0])
    f("</tls-auth>")

    f = c.file("ops/ipsec/ipsec.secrets")
    f("# This file holds shared secrets or RSA private keys for authentication.")
    f.p("password-ipsec-psk", '%%any 203.0.113.10 : PSK "%s"' % (pw := c.rs(32, ALNUM + "+/")), pw)
    f.n("key-file-path", ': RSA /etc/ipsec.d/private/gateway.key', "/etc/ipsec.d/private/gateway.key")

    f = c.file("ops/haproxy/haproxy.cfg")
    f("""
        global
            log /dev/log local0
            maxconn 4096
        defaults
            mode http
            timeout connect 5s
        userlist admins
    """)
    f.n("password-hash-crypt", "    user ops password $6$%s$%s" % (c.rs(16, ALNUM + "./"), h := c.rs(86, ALNUM + "./")), h)
    f.p("password-haproxy", "    user dana insecure-password %s" % (pw := c.password()), pw)
    f("""
        listen stats
            bind *:8404
            stats enable
            stats uri /stats
    """)
    f.p("password-haproxy", "    stats auth admin:%s" % (pw := c.password()), pw)

    f = c.file("ops/jenkins/credentials.xml")
    f("""
        <?xml version='1.1' encoding='UTF-8'?>
        <com.cloudbees.plugins.credentials.SystemCredentialsProvider plugin="credentials@1319">
          <domainCredentialsMap class="hudson.util.CopyOnWriteMap$Hash">
            <entry>
              <java.util.concurrent.CopyOnWriteArrayList>
                <com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl>
                  <id>nexus-deploy</id>
                  <username>deploy</username>
    """)
    f.n("encrypted-jenkins", "          <password>{%s}</password>" % (b := "AQAAABAAAAAQ" + c.b64bytes(48)), b)
    f("""
                </com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl>
                <org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl>
                  <id>sonar</id>
    """)
    f.n("encrypted-jenkins", "          <secret>{%s}</secret>" % (b := "AQAAABAAAAAw" + c.b64bytes(64)), b)
    f("""
                </org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl>
              </java.util.concurrent.CopyOnWriteArrayList>
            </entry>
          </domainCredentialsMap>
        </com.cloudbees.plugins.credentials.SystemCredentialsProvider>
    """)

    f = c.file("ops/jenkins/jobs/nightly-export/config.xml")
    f("""
        <?xml version='1.1' encoding='UTF-8'?>
        <project>
          <description>Nightly export to the partner SFTP</description>
          <builders>
            <hudson.tasks.Shell>
    """)
    f.p("password-url-sftp", "      <command>curl -T export.csv sftp://northwind:%s@sftp.partner-logistics.com/inbox/</command>"
        % (pw := c.dbpass()), pw)
    f("""
            </hudson.tasks.Shell>
          </builders>
        </project>
    """)

    f = c.file("ops/mongo/mongod.conf")
    f("""
        storage:
          dbPath: /var/lib/mongodb
        net:
          port: 27017
          bindIp: 0.0.0.0
        security:
          authorization: enabled
    """)
    f.n("key-file-path", "  keyFile: /etc/mongodb/keyfile", "/etc/mongodb/keyfile")
    f("replication:\n  replSetName: rs0")

    f = c.file("ops/mongo/keyfile")
    f.p("mongodb-keyfile", k := c.b64bytes(756)[:1000], k[:60])

    f = c.file("support/access-logs/nginx-access.log")
    ips = ["198.51.100.%d" % c.r.randint(2, 250) for _ in range(12)]
    stamp = "[18/Apr/2024:09:%02d:%02d +0000]"
    def line(i, req, code=200):
        return '%s - - %s "%s HTTP/1.1" %d %d "-" "Mozilla/5.0"' % (
            ips[i], stamp % (10 + i, c.r.randint(0, 59)), req, code, c.r.randint(200, 40000))
    f(line(0, "GET /"))
    f.n("cache-busting-hash", line(1, "GET /assets/index-%s.js" % (h := c.rs(8, LO + DIG))), h)
    f.p("access-token-query", line(2, "GET /v2/export?access_token=%s&format=csv" % (k := c.rs(40, ALNUM))), k)
    f.n("uuid-identifier", line(3, "GET /v2/shipments/%s" % (u := c.uuid())), u)
    f.n("oauth-code-expired", line(4, "GET /auth/callback?code=%s&state=%s" % (k := c.rs(20, ALNUM), c.rs(16, ALNUM)), 302), k)
    enc = urllib.parse.quote(c.password(), safe="")
    f.p("password-url-query", line(5, "POST /legacy/login.php?user=ops&password=" + enc), enc)
    f.n("utm-params", line(6, "GET /?utm_source=newsletter&utm_campaign=%s" % (h := c.hex(12))), h)
    f(line(7, "GET /healthz"))

    f = c.file("backend/web/courier_web/settings/base.py")
    f('''
        """Settings shared by every environment."""
        import os
        from pathlib import Path

        BASE_DIR = Path(__file__).resolve().parent.parent
    ''')
    f.n("env-lookup-python", 'SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]', 'os.environ["DJANGO_SECRET_KEY"]')
    f.n("env-lookup-python", 'STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", default=None)', 'env("STRIPE_SECRET_KEY", default=None)')
    f.n("secret-manager-ref", 'DB_PASSWORD = read_secret("projects/northwind/secrets/db-password/versions/latest")',
        "projects/northwind/secrets/db-password/versions/latest")
    f.n("key-file-path", 'JWT_PRIVATE_KEY_FILE = "/run/secrets/jwt_private_key"', "/run/secrets/jwt_private_key")
    f.n("password-policy", 'PASSWORD_RESET_TIMEOUT = 60 * 60 * 24', "PASSWORD_RESET_TIMEOUT")
    f.n("i18n-label", 'PASSWORD_HELP = _("Use at least 14 characters.")', "Use at least 14 characters.")
    f.n("password-empty", 'EMAIL_HOST_PASSWORD = ""', 'EMAIL_HOST_PASSWORD = ""')
    f.n("password-empty", "REDIS_PASSWORD = None", "REDIS_PASSWORD = None")
    f('''
        INSTALLED_APPS = [
            "django.contrib.admin",
            "django.contrib.auth",
            "courier_web.dispatch",
        ]
    ''')

    f = c.file("backend/gateway-go/internal/auth/testdata/tokens.golden")
    f("# golden inputs for the token parser tests: none of these are valid")
    f.n("placeholder-zeros", "ghp_" + "0" * 36, "ghp_" + "0" * 36)
    f.n("placeholder-repeated", "xoxb-" + "1" * 11 + "-" + "1" * 13 + "-" + "a" * 24, "xoxb-" + "1" * 11)
    f.n("placeholder-xxx", "AKIAXXXXXXXXXXXXXXXX", "AKIAXXXXXXXXXXXXXXXX")
    f.n("placeholder-sequence", "sk_live_0123456789abcdefghijklmn", "sk_live_0123456789abcdefghijklmn")
    f.n("truncated-token", "glpat-", "glpat-")

    f = c.file("deploy/k8s/base/configmap.yaml")
    f("""
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: courier-config
        data:
          LOG_LEVEL: info
    """)
    f.n("public-id-azure", "  AZURE_CLIENT_ID: %s" % (u := c.uuid()), u)
    f.n("public-stripe-publishable", "  STRIPE_PUBLISHABLE_KEY: %s" % (k := c.stripe("pk_live_")), k)
    f.n("public-id-google-client", "  GOOGLE_CLIENT_ID: %s-%s.apps.googleusercontent.com" % (c.digits(12), i := c.rs(32, LO + DIG)), i)
    f.n("aws-arn", "  SQS_QUEUE_URL: https://sqs.eu-central-1.amazonaws.com/%s/courier-events" % (a := c.digits(12)), a)
    f.n("docker-digest", "  SIDECAR_IMAGE: ghcr.io/northwind/envoy@sha256:%s" % (h := c.hex(64)), h)
    f.n("checksum-sha256", "  GEOIP_DB_SHA256: %s" % (h := c.hex(64)), h)
    f.n("public-id-key-id", "  JWT_PUBLIC_KEY_ID: %s" % (h := c.rs(43, ALNUM + "-_")), h)


def build(c):
    for area in (android, ios, ansible, helm, ci, serverless, frameworks, shell, servers,
                 notebooks, logs, postman, har, sql, docs, mobile_misc, web, keys,
                 encrypted, fixtures, app_code, more_ops):
        area(c)




def generate(outdir, seed=20240611):
    """Write OUTDIR/repo and OUTDIR/labels.json; return the labels."""
    repo = os.path.join(outdir, "repo")
    if os.path.isdir(outdir):
        shutil.rmtree(outdir)
    os.makedirs(repo)
    with tempfile.TemporaryDirectory() as tmp:
        c = Corpus(seed, tmp)
        build(c)
    check(c)
    for path in sorted(c.files):
        full = os.path.join(repo, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w") as f:
            f.write("\n".join(c.files[path].lines) + "\n")
    labels = sorted(c.labels, key=lambda l: (l["file"], l["line"]))
    with open(os.path.join(outdir, "labels.json"), "w") as f:
        json.dump(labels, f, indent=1)
    return labels


def check(c):
    """Each value sits on its own lines; no two items share a line."""
    seen = {}
    for l in c.labels:
        lines = c.files[l["file"]].lines[l["line"] - 1:l["end"]]
        if not l["value"] or l["value"] not in "\n".join(lines):
            raise AssertionError("%s:%d %s: value not on its lines" % (l["file"], l["line"], l["kind"]))
        for ln in range(l["line"], l["end"] + 1):
            k = (l["file"], ln)
            if k in seen:
                raise AssertionError("%s:%d: two items on one line" % k)
            seen[k] = l


def main():
    ap = argparse.ArgumentParser(description="write the second blind secrets corpus")
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, default=20240611)
    a = ap.parse_args()
    labels = generate(a.outdir, a.seed)
    pos = [l for l in labels if l["label"] == "positive"]
    neg = [l for l in labels if l["label"] == "negative"]
    print("%d files, %d positives in %d kinds, %d negatives in %d kinds" % (
        len({l["file"] for l in labels}), len(pos), len({l["kind"] for l in pos}),
        len(neg), len({l["kind"] for l in neg})))
    return 0


if __name__ == "__main__":
    sys.exit(main())
