#!/usr/bin/env python3
"""Blind corpus 5: application source code and SaaS integrations.

usage: gen.py OUTDIR [--seed N]

Writes OUTDIR/repo/ (an application monorepo: Next.js/Vite front end, Node,
Python, Go, JVM, Ruby, PHP, .NET, Rust, Swift, Dart, Elixir, Scala, Perl,
Lua and R services) and OUTDIR/labels.json.  Every value is drawn from the
seed at run time except the RSA keys, which openssl makes fresh (with a
fallback of random bodies of the same armour).  Python 3 standard library
only.
"""

import argparse
import base64
import hashlib
import json
import os
import random
import shutil
import string
import subprocess
import sys
import tempfile
import zlib

DIG = string.digits
UP = string.ascii_uppercase
LO = string.ascii_lowercase
B62 = DIG + UP + LO
ALNUM_LO = DIG + LO
HEX = "0123456789abcdef"
B64 = UP + LO + DIG + "+/"
B64URL = UP + LO + DIG + "-_"


class Gen:
    """Random values drawn from one seeded generator."""

    def __init__(self, seed):
        self.r = random.Random(seed)

    def s(self, n, alpha=B62):
        return "".join(self.r.choice(alpha) for _ in range(n))

    def mixed(self, n, alpha=B62):
        """n characters with at least one digit, upper and lower letter when the alphabet has them."""
        while True:
            v = self.s(n, alpha)
            need = [c for c in (DIG, UP, LO) if set(c) & set(alpha)]
            if all(set(v) & set(c) for c in need):
                return v

    def hex(self, n):
        return self.mixed(n, HEX)

    def HEX(self, n):
        return self.mixed(n, "0123456789ABCDEF")

    def b64(self, nbytes):
        return base64.b64encode(bytes(self.r.getrandbits(8) for _ in range(nbytes))).decode()

    def b64url(self, nbytes):
        return base64.urlsafe_b64encode(bytes(self.r.getrandbits(8) for _ in range(nbytes))).decode().rstrip("=")

    def uuid(self):
        h = self.s(32, HEX)
        h = h[:12] + "4" + h[13:16] + self.r.choice("89ab") + h[17:]
        return "%s-%s-%s-%s-%s" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:])

    def digits(self, n):
        return str(self.r.randint(1, 9)) + self.s(n - 1, DIG)

    def choice(self, seq):
        return self.r.choice(seq)

    # ---- vendor shapes -------------------------------------------------
    def crc_b62(self, body):
        n = zlib.crc32(body.encode()) & 0xFFFFFFFF
        out = ""
        while n:
            n, d = divmod(n, 62)
            out = B62[d] + out
        return out.rjust(6, "0")

    def github(self, prefix):
        body = self.mixed(30)
        return prefix + body + self.crc_b62(body)

    def aws_id(self):
        return "AKIA" + self.s(16, UP + "234567")

    def aws_secret(self):
        return self.mixed(40, UP + LO + DIG + "/+")

    def stripe(self, prefix):
        return prefix + self.mixed(99) if prefix.startswith("rk_") else prefix + self.mixed(24)

    def jwt(self, payload, alg="HS256"):
        enc = lambda d: base64.urlsafe_b64encode(json.dumps(d, separators=(",", ":")).encode()).decode().rstrip("=")
        return enc({"alg": alg, "typ": "JWT"}) + "." + enc(payload) + "." + self.b64url(32 if alg == "HS256" else 64)

    def password(self):
        words = ["Harbor", "Maple", "Quartz", "Falcon", "Juniper", "Copper", "Lantern", "Orchid",
                 "Tundra", "Velvet", "Summit", "Cobalt", "Meadow", "Raven", "Saffron", "Granite"]
        shape = self.r.randint(0, 3)
        if shape == 0:
            return "%s%s%s%s" % (self.choice(words), self.choice("!#%&*"), self.choice(words), self.r.randint(1970, 2024))
        if shape == 1:
            return self.choice(UP + LO) + self.mixed(self.r.randint(17, 23), B62 + "!#%*-_")
        if shape == 2:
            return "%s.%s-%d%s" % (self.choice(words).lower(), self.choice(words), self.r.randint(10, 99), self.choice("!?#$"))
        return self.s(3, DIG) + self.choice(words) + self.choice("@!+") + self.mixed(8)

    def urlpw(self):
        """a password that needs no percent-encoding in a URL"""
        pw = self.password()
        for ch in "#%@?/&$+!*":
            pw = pw.replace(ch, self.choice("-_."))
        return pw


def pem_key(kind="rsa", bits=2048):
    """A fresh RSA private key in PKCS#1 ("rsa") or PKCS#8 ("pkcs8") armour."""
    try:
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, "k.pem")
            if kind == "pkcs8":
                cmd = ["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:%d" % bits, "-out", out]
            else:
                cmd = ["openssl", "genrsa", "-traditional", "-out", out, str(bits)]
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            with open(out) as f:
                text = f.read().strip()
            if "PRIVATE KEY-----" in text:
                return text
    except (OSError, subprocess.CalledProcessError):
        pass
    rnd = random.Random()
    body = base64.b64encode(bytes(rnd.getrandbits(8) for _ in range(1190 if bits == 2048 else 610))).decode()
    lines = [body[i:i + 64] for i in range(0, len(body), 64)]
    tag = "PRIVATE KEY" if kind == "pkcs8" else "RSA PRIVATE KEY"
    return "\n".join(["-----BEGIN %s-----" % tag] + lines + ["-----END %s-----" % tag])


def pem_public(g):
    """A public-key PEM (random body, right armour)."""
    body = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA" + g.b64(256)[:300] + "IDAQAB"
    lines = [body[i:i + 64] for i in range(0, len(body), 64)]
    return "\n".join(["-----BEGIN PUBLIC KEY-----"] + lines + ["-----END PUBLIC KEY-----"])


class File:
    def __init__(self, corpus, path, crlf=False):
        self.c, self.path, self.lines, self.crlf = corpus, path, [], crlf

    def t(self, *chunks):
        """filler: nothing secret-like"""
        for ch in chunks:
            self.lines.extend(ch.split("\n"))
        return self

    def _item(self, label, kind, value, text, **kw):
        for k, v in kw.items():
            text = text.replace("\u00ab%s\u00bb" % k, v)
        text = text.replace("\u00a7", value)
        start = len(self.lines) + 1
        self.lines.extend(text.split("\n"))
        self.c.labels.append({"file": self.path, "line": start, "end": len(self.lines),
                              "kind": kind, "label": label, "value": value})
        return self

    def p(self, kind, value, text, **kw):
        return self._item("positive", kind, value, text, **kw)

    def n(self, kind, value, text, **kw):
        return self._item("negative", kind, value, text, **kw)


class Corpus:
    def __init__(self, seed):
        self.g = Gen(seed)
        self.files = []
        self.labels = []

    def f(self, path, crlf=False):
        fl = File(self, path, crlf)
        self.files.append(fl)
        return fl


BUILDERS = []


def builder(fn):
    BUILDERS.append(fn)
    return fn


# ---------------------------------------------------------------------------
# Next.js / Vite front end
# ---------------------------------------------------------------------------

@builder
def web_env(c):
    g = c.g
    f = c.f("apps/web/.env.local")
    f.t("# Local overrides for the storefront (next dev)", "NEXT_PUBLIC_APP_URL=http://localhost:3000", "")
    f.p("secret-nextauth-env", g.b64(32), "NEXTAUTH_SECRET=\u00a7")
    f.t("NEXTAUTH_URL=http://localhost:3000", "")
    f.t("AUTH0_ISSUER_BASE_URL=https://acme-shop.eu.auth0.com")
    f.n("public-auth0-client-id", g.mixed(32), "AUTH0_CLIENT_ID=\u00a7")
    f.p("secret-auth0-client-env", g.b64url(48), "AUTH0_CLIENT_SECRET=\u00a7")
    f.p("secret-auth0-session-env", g.hex(64), "AUTH0_SECRET='\u00a7'")
    f.t("")
    f.n("public-stripe-pk-next-public", "pk_live_" + g.mixed(99), "NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY=\u00a7")
    f.p("key-stripe-secret-dotenv-next", g.stripe("sk_live_"), "STRIPE_SECRET_KEY=\u00a7")
    f.t("")
    clerk_pk = "pk_live_" + base64.b64encode(b"clerk.acme-shop.io$").decode().rstrip("=")
    f.n("public-clerk-publishable", clerk_pk, "NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=\u00a7")
    f.p("key-clerk-secret-env", "sk_live_" + g.mixed(42), "CLERK_SECRET_KEY=\u00a7")
    f.t("NEXT_PUBLIC_CLERK_SIGN_IN_URL=/sign-in", "")
    f.n("public-posthog-project-key", "phc_" + g.mixed(43), "NEXT_PUBLIC_POSTHOG_KEY=\u00a7")
    f.t("NEXT_PUBLIC_POSTHOG_HOST=https://eu.i.posthog.com")
    f.p("key-posthog-personal-env", "phx_" + g.mixed(47), "POSTHOG_PERSONAL_API_KEY=\u00a7")


@builder
def web_env_example(c):
    g = c.g
    f = c.f("apps/web/.env.example")
    f.t("# Copy to .env.local and fill in. Never commit real values.", "")
    f.n("placeholder-nextauth-hint", "", "NEXTAUTH_SECRET= # generate with: openssl rand -base64 32")
    f.n("placeholder-stripe-dots", "sk_live_...", "STRIPE_SECRET_KEY=sk_live_...")
    f.n("placeholder-stripe-xs", "pk_live_" + "x" * 24, "NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY=\u00a7")
    f.n("placeholder-openai-angle", "<your-openai-key>", "OPENAI_API_KEY=\u00a7")
    f.n("placeholder-db-url-caps", "postgresql://USER:PASSWORD@HOST:5432/DATABASE",
        'DATABASE_URL="\u00a7"')
    f.n("placeholder-clerk-empty", "", "CLERK_SECRET_KEY=")
    f.n("placeholder-resend-caps", "re_YOUR_API_KEY", "RESEND_API_KEY=\u00a7")


@builder
def web_vite_env(c):
    g = c.g
    f = c.f("apps/dashboard/.env.production")
    f.t("# Vite inlines every VITE_ variable into the bundle.", "VITE_API_BASE=https://api.acme-shop.io/v2")
    f.n("public-stripe-pk-vite", "pk_live_" + g.mixed(99), "VITE_STRIPE_PK=\u00a7")
    f.n("public-mixpanel-token-vite", g.hex(32), "VITE_MIXPANEL_TOKEN=\u00a7")
    f.n("public-launchdarkly-client-id", g.s(24, HEX), "VITE_LD_CLIENT_SIDE_ID=\u00a7")
    f.n("public-recaptcha-site-key-vite", "6L" + g.mixed(38, B64URL), "VITE_RECAPTCHA_SITE_KEY=\u00a7")
    f.n("public-algolia-search-key-vite", g.hex(32), "VITE_ALGOLIA_SEARCH_ONLY_KEY=\u00a7")
    f.n("id-algolia-app-id-vite", g.s(10, UP + DIG), "VITE_ALGOLIA_APP_ID=\u00a7")
    f.p("key-openai-vite-env", "sk-proj-" + g.mixed(74, B62 + "-_") + "T3BlbkFJ" + g.mixed(74, B62 + "-_"),
        "VITE_OPENAI_API_KEY=\u00a7")
    f.n("template-vite-env-ref", "${VITE_API_BASE}", "VITE_WS_URL=${VITE_API_BASE}/ws")


@builder
def web_next_config(c):
    g = c.g
    f = c.f("apps/web/next.config.js")
    f.t("/** @type {import('next').NextConfig} */", "const nextConfig = {", "  reactStrictMode: true,")
    f.n("hash-next-build-id", g.s(21, B62 + "-_"), "  generateBuildId: async () => '\u00a7',")
    f.n("env-next-config-process-env", "process.env.INTERNAL_API_TOKEN",
        "  serverRuntimeConfig: { apiToken: process.env.INTERNAL_API_TOKEN },")
    f.t("  images: { remotePatterns: [{ protocol: 'https', hostname: 'cdn.acme-shop.io' }] },", "};", "",
        "module.exports = nextConfig;")


@builder
def web_stripe_lib(c):
    g = c.g
    f = c.f("apps/web/src/lib/stripe.ts")
    f.t("import Stripe from 'stripe';", "")
    f.n("env-stripe-node-nonnull", "process.env.STRIPE_SECRET_KEY!",
        "export const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!, {\n  apiVersion: '2024-06-20',\n});")
    f.t("", "export const PLANS = {")
    f.n("id-stripe-price", "price_" + g.mixed(24), "  pro: '\u00a7',")
    f.n("id-stripe-product", "prod_" + g.mixed(14), "  team: '\u00a7',")
    f.t("} as const;")


@builder
def web_backfill_script(c):
    g = c.g
    f = c.f("apps/web/scripts/backfill-invoices.ts")
    f.t("import Stripe from 'stripe';", "", "// one-off: re-sync invoice metadata after the March migration")
    f.p("key-stripe-restricted-ts-ctor", g.stripe("rk_live_"), "const stripe = new Stripe('\u00a7');")
    f.t("", "async function main() {", "  for await (const inv of stripe.invoices.list({ limit: 100 })) {",
        "    console.log(inv.id, inv.status);", "  }", "}", "", "main();")


@builder
def web_ai_providers(c):
    g = c.g
    f = c.f("apps/web/src/server/ai/providers.ts")
    f.t("import OpenAI from 'openai';", "import Anthropic from '@anthropic-ai/sdk';", "import Groq from 'groq-sdk';", "")
    f.p("key-openai-ts-ctor", "sk-proj-" + g.mixed(74, B62 + "-_") + "T3BlbkFJ" + g.mixed(74, B62 + "-_"),
        "export const openai = new OpenAI({\n  apiKey: '\u00a7',\n});")
    f.n("id-openai-org", "org-" + g.mixed(24), "export const OPENAI_ORG = '\u00a7';")
    f.p("key-anthropic-ts-ctor", "sk-ant-api03-" + g.mixed(93, B62 + "-_") + "AA",
        "export const anthropic = new Anthropic({ apiKey: \"\u00a7\" });")
    f.p("key-groq-ts-ctor", "gsk_" + g.mixed(52), "export const groq = new Groq({ apiKey: `\u00a7` });")
    f.t("")
    f.p("key-openrouter-ts-baseurl", "sk-or-v1-" + g.hex(64),
        "export const openrouter = new OpenAI({\n  baseURL: 'https://openrouter.ai/api/v1',\n  apiKey: '\u00a7',\n});")
    f.n("id-anthropic-model", "claude-3-5-sonnet-20241022", "export const DEFAULT_MODEL = '\u00a7';")
    f.n("env-xai-process-env", "process.env.XAI_API_KEY",
        "export const grok = new OpenAI({ baseURL: 'https://api.x.ai/v1', apiKey: process.env.XAI_API_KEY });")


@builder
def web_supabase(c):
    g = c.g
    ref = g.s(20, LO)
    f = c.f("apps/web/src/lib/supabase/admin.ts")
    f.t("import { createClient } from '@supabase/supabase-js';", "", "// service client for cron jobs; bypasses RLS")
    jwt = g.jwt({"iss": "supabase", "ref": ref, "role": "service_role", "iat": 1716200000, "exp": 2031776000})
    f.p("jwt-supabase-service-role-ts", jwt,
        "export const admin = createClient(\n  'https://%s.supabase.co',\n  '\u00a7',\n  { auth: { persistSession: false } },\n);" % ref)
    f.n("env-supabase-nonnull", "process.env.SUPABASE_SECRET_KEY!",
        "export const adminFromEnv = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SECRET_KEY!);")
    f2 = c.f("apps/web/src/lib/supabase/client.ts")
    f2.t("import { createBrowserClient } from '@supabase/ssr';", "")
    f2.n("public-supabase-publishable", "sb_publishable_" + g.mixed(22, B62 + "_") + "_" + g.mixed(8),
         "export const supabase = createBrowserClient(\n  'https://%s.supabase.co',\n  '\u00a7',\n);" % ref)
    f3 = c.f("supabase/functions/.env")
    f3.t("# edge function secrets (supabase secrets set --env-file)")
    f3.p("key-supabase-secret-env", "sb_secret_" + g.mixed(22, B62 + "_") + "_" + g.mixed(8), "SUPABASE_SECRET_KEY=\u00a7")
    f3.p("key-resend-edge-env", "re_" + g.mixed(8) + "_" + g.mixed(24), "RESEND_API_KEY=\u00a7")


@builder
def web_analytics(c):
    g = c.g
    f = c.f("apps/web/src/lib/analytics.ts")
    f.t("import mixpanel from 'mixpanel-browser';", "import * as amplitude from '@amplitude/analytics-browser';",
        "import posthog from 'posthog-js';", "import { datadogRum } from '@datadog/browser-rum';", "",
        "export function initAnalytics() {")
    f.n("public-mixpanel-project-token", g.hex(32), "  mixpanel.init('\u00a7', { track_pageview: true });")
    f.n("public-amplitude-api-key", g.hex(32), "  amplitude.init('\u00a7', { defaultTracking: true });")
    f.n("public-posthog-init", "phc_" + g.mixed(43), "  posthog.init('\u00a7', { api_host: 'https://eu.i.posthog.com' });")
    f.n("public-datadog-rum-client-token", "pub" + g.s(32, HEX),
        "  datadogRum.init({\n    applicationId: '%s',\n    clientToken: '\u00a7',\n    site: 'datadoghq.eu',\n  });" % g.uuid())
    f.n("public-ga4-measurement-id", "G-" + g.s(10, UP + DIG), "  window.gtag?.('config', '\u00a7');")
    f.t("}")


@builder
def web_index_html(c):
    g = c.g
    f = c.f("apps/dashboard/index.html")
    f.t("<!doctype html>", "<html lang=\"en\">", "  <head>", "    <meta charset=\"UTF-8\" />")
    f.n("hash-sri-sha384-script", "sha384-" + g.b64(48),
        '    <script src="https://js.stripe.com/v3/" integrity="\u00a7" crossorigin="anonymous"></script>')
    f.n("hash-vite-asset-name", "index-" + g.s(8, B62 + "_-") + ".js",
        '    <script type="module" crossorigin src="/assets/\u00a7"></script>')
    f.n("public-rollbar-client-token", g.hex(32),
        "    <script>\n      var _rollbarConfig = {\n        accessToken: '\u00a7',\n        captureUncaught: true,\n        payload: { environment: 'production' },\n      };\n    </script>")
    f.t("  </head>", "  <body>", "    <form id=\"signup\">")
    f.n("public-recaptcha-data-sitekey", "6L" + g.mixed(38, B64URL), '      <div class="g-recaptcha" data-sitekey="\u00a7"></div>')
    f.n("public-hcaptcha-sitekey", g.uuid(), '      <div class="h-captcha" data-sitekey="\u00a7"></div>')
    f.n("public-turnstile-sitekey", "0x4AAAAAAA" + g.mixed(12, B62 + "-_"), '      <div class="cf-turnstile" data-sitekey="\u00a7"></div>')
    f.t("    </form>", "    <div id=\"root\"></div>", "  </body>", "</html>")


@builder
def server_captcha(c):
    g = c.g
    f = c.f("services/api/src/security/captcha.ts")
    f.t("import { request } from 'undici';", "")
    f.p("secret-recaptcha-ts-const", "6L" + g.mixed(38, B64URL), "const RECAPTCHA_SECRET = '\u00a7';")
    f.p("secret-hcaptcha-ts-const", "0x" + g.s(40, HEX), "const HCAPTCHA_SECRET = '\u00a7';")
    f.p("secret-turnstile-ts-const", "0x4AAAAAAA" + g.mixed(25, B62 + "-_"),
        "const TURNSTILE = {\n  secretKey: '\u00a7',\n  url: 'https://challenges.cloudflare.com/turnstile/v0/siteverify',\n};")
    f.t("", "export async function verify(token: string, ip: string) {")
    f.n("ref-js-variable-secret-param", "RECAPTCHA_SECRET", "  const body = new URLSearchParams({ secret: RECAPTCHA_SECRET, response: token, remoteip: ip });")
    f.t(        "  const res = await request('https://www.google.com/recaptcha/api/siteverify', { method: 'POST', body });",
        "  return (await res.body.json()) as { success: boolean };", "}")


@builder
def server_push(c):
    g = c.g
    f = c.f("services/api/src/notifications/webpush.js")
    f.t("const webpush = require('web-push');", "")
    f.n("public-vapid-public-key", "B" + g.b64url(64)[:86], "const VAPID_PUBLIC = '\u00a7';")
    f.p("key-vapid-private-js", g.b64url(32), "const VAPID_PRIVATE = '\u00a7';")
    f.t("", "webpush.setVapidDetails('mailto:ops@acme-shop.io', VAPID_PUBLIC, VAPID_PRIVATE);", "",
        "module.exports = (sub, payload) => webpush.sendNotification(sub, JSON.stringify(payload));")


@builder
def server_realtime(c):
    g = c.g
    f = c.f("services/api/src/realtime/index.ts")
    f.t("import Pusher from 'pusher';", "import Ably from 'ably';", "import PubNub from 'pubnub';", "",
        "export const pusher = new Pusher({")
    f.t("  appId: '%s'," % g.digits(7))
    f.n("public-pusher-app-key", g.s(20, HEX), "  key: '\u00a7',")
    f.p("secret-pusher-app-ts", g.s(20, HEX), "  secret: '\u00a7',")
    f.t("  cluster: 'eu',", "  useTLS: true,", "});", "")
    f.p("key-ably-root-ts", g.s(6, B62) + "." + g.s(6, B62 + "-_") + ":" + g.mixed(43, B62 + "-_"),
        "export const ably = new Ably.Rest({ key: '\u00a7' });")
    f.t("", "export const pubnub = new PubNub({")
    f.n("public-pubnub-publish-key", "pub-c-" + g.uuid(), "  publishKey: '\u00a7',")
    f.n("public-pubnub-subscribe-key", "sub-c-" + g.uuid(), "  subscribeKey: '\u00a7',")
    f.p("secret-pubnub-secret-key", "sec-c-" + g.s(48, B62), "  secretKey: '\u00a7',")
    f.t("  userId: 'api-server',", "});")


@builder
def server_email(c):
    g = c.g
    f = c.f("services/api/src/email/postmark.js")
    f.t("const postmark = require('postmark');", "")
    f.p("token-postmark-server-js", g.uuid(), "const client = new postmark.ServerClient('\u00a7');")
    f.t("", "async function sendReceipt(to, model) {", "  return client.sendEmailWithTemplate({",
        "    From: 'receipts@acme-shop.io',", "    To: to,")
    f.n("id-postmark-template-alias", "receipt-v3", "    TemplateAlias: '\u00a7',")
    f.t("    TemplateModel: model,", "    MessageStream: 'outbound',", "  });", "}", "",
        "module.exports = { sendReceipt };")
    f2 = c.f("services/api/src/email/resend.ts")
    f2.t("import { Resend } from 'resend';", "")
    f2.p("key-resend-ts-ctor", "re_" + g.mixed(8) + "_" + g.mixed(24), "const resend = new Resend('\u00a7');")
    f2.n("id-resend-audience-uuid", g.uuid(), "const AUDIENCE_ID = '\u00a7';")
    f2.t("", "export const sendMagicLink = (to: string, url: string) =>",
         "  resend.emails.send({ from: 'Acme <login@acme-shop.io>', to, subject: 'Sign in', html: `<a href=\"${url}\">Sign in</a>` });")
    f3 = c.f("services/api/src/email/mailersend.ts")
    f3.t("import { MailerSend } from 'mailersend';", "")
    f3.p("token-mailersend-ts", "mlsn." + g.hex(64), "export const mailer = new MailerSend({ apiKey: '\u00a7' });")


@builder
def server_sms(c):
    g = c.g
    f = c.f("services/api/src/sms/vonage.js")
    f.t("const { Vonage } = require('@vonage/server-sdk');", "")
    f.p("secret-vonage-js-pair", g.mixed(16),
        "const vonage = new Vonage({\n  apiKey: '%s',\n  apiSecret: '\u00a7',\n});" % g.s(8, HEX))
    f.t("", "module.exports.sendOtp = (to, code) =>",
        "  vonage.sms.send({ to, from: 'ACME', text: `Your code is ${code}` });")
    f2 = c.f("services/api/src/sms/twilio.ts")
    f2.t("import twilio from 'twilio';", "")
    f2.n("id-twilio-account-sid-ts", "AC" + g.s(32, HEX), "const ACCOUNT_SID = '\u00a7';")
    f2.p("token-twilio-auth-ts", g.s(32, HEX), "const AUTH_TOKEN = '\u00a7';")
    f2.n("id-twilio-messaging-service", "MG" + g.s(32, HEX), "const MESSAGING_SERVICE_SID = '\u00a7';")
    f2.n("id-twilio-verify-service", "VA" + g.s(32, HEX), "const VERIFY_SID = '\u00a7';")
    f2.t("", "export const client = twilio(ACCOUNT_SID, AUTH_TOKEN);")


@builder
def server_db(c):
    g = c.g
    f = c.f("services/api/src/db/sequelize.js")
    f.t("const { Sequelize } = require('sequelize');", "")
    f.p("password-sequelize-ctor", g.password(),
        "const sequelize = new Sequelize('shop', 'shop_app', '\u00a7', {\n  host: 'db-primary.internal',\n  dialect: 'postgres',\n});")
    f.t("", "module.exports = sequelize;")
    f2 = c.f("services/api/ormconfig.json")
    f2.t("{", '  "type": "postgres",', '  "host": "orders-db.internal",', '  "port": 5432,', '  "username": "orders",')
    f2.p("password-typeorm-ormconfig", g.password(), '  "password": "\u00a7",')
    f2.t('  "database": "orders",', '  "entities": ["dist/entity/**/*.js"],', '  "synchronize": false', "}")
    f3 = c.f("services/api/src/db/redis.ts")
    f3.t("import Redis from 'ioredis';", "")
    f3.p("password-ioredis-options", g.mixed(32),
         "export const cache = new Redis({\n  host: 'cache.internal',\n  port: 6379,\n  password: '\u00a7',\n});")
    f3.n("env-ioredis-password", "process.env.QUEUE_REDIS_PASSWORD",
         "export const queue = new Redis({ host: 'queue.internal', password: process.env.QUEUE_REDIS_PASSWORD });")
    f4 = c.f("services/api/src/db/mongo.js")
    f4.t("const mongoose = require('mongoose');", "")
    pw = g.mixed(16)
    f4.p("password-mongoose-atlas-uri", pw,
         "mongoose.connect('mongodb+srv://catalog:\u00a7@cluster0.%s.mongodb.net/catalog?retryWrites=true&w=majority');" % g.s(5, ALNUM_LO))
    f4.n("id-mongo-objectid", g.s(24, HEX), "const DEFAULT_CATEGORY = new mongoose.Types.ObjectId('\u00a7');")
    f5 = c.f("services/api/drizzle.config.ts")
    f5.t("import { defineConfig } from 'drizzle-kit';", "", "export default defineConfig({", "  schema: './src/db/schema.ts',",
         "  dialect: 'postgresql',")
    f5.p("password-neon-url-drizzle", "npg_" + g.mixed(12),
         "  dbCredentials: {\n    url: 'postgresql://neondb_owner:\u00a7@ep-%s-%s.eu-central-1.aws.neon.tech/neondb?sslmode=require',\n  }," % (g.choice(["calm", "odd", "wild", "quiet"]), g.s(8, ALNUM_LO)))
    f5.t("});")


@builder
def server_github(c):
    g = c.g
    f = c.f("services/api/src/integrations/github.ts")
    f.t("import { Octokit } from '@octokit/rest';", "import { createAppAuth } from '@octokit/auth-app';", "")
    f.p("token-github-oauth-octokit", g.github("gho_"), "export const octokit = new Octokit({ auth: '\u00a7' });")
    f.t("", "export const appOctokit = new Octokit({", "  authStrategy: createAppAuth,", "  auth: {")
    f.n("id-github-app-id", g.digits(6), "    appId: \u00a7,")
    f.n("env-github-app-private-key", "process.env.GITHUB_APP_PRIVATE_KEY", "    privateKey: process.env.GITHUB_APP_PRIVATE_KEY,")
    f.n("id-github-installation", g.digits(8), "    installationId: \u00a7,")
    f.t("  },", "});")


@builder
def server_http(c):
    g = c.g
    f = c.f("services/api/src/integrations/hubspot.ts")
    f.t("import axios from 'axios';", "")
    f.p("token-hubspot-private-app-axios", "pat-na1-" + g.uuid(),
        "export const hubspot = axios.create({\n  baseURL: 'https://api.hubapi.com',\n  headers: { Authorization: 'Bearer \u00a7' },\n});")
    f.n("template-bearer-template-literal", "${token}",
        "export const withToken = (token: string) => axios.create({ headers: { Authorization: `Bearer ${token}` } });")
    f.n("id-hubspot-portal", g.digits(8), "export const PORTAL_ID = \u00a7;")
    f2 = c.f("services/api/src/integrations/figma.mjs")
    f2.t("// export icon frames from the design system file", "import fs from 'node:fs/promises';", "")
    f2.n("id-figma-file-key", g.mixed(22), "const FILE_KEY = '\u00a7';")
    f2.p("token-figma-pat-header", "figd_" + g.mixed(40, B62 + "-_"),
         "const headers = { 'X-Figma-Token': '\u00a7' };")
    f2.t("", "const res = await fetch(`https://api.figma.com/v1/files/${FILE_KEY}`, { headers });",
         "await fs.writeFile('icons.json', JSON.stringify(await res.json(), null, 2));")
    f3 = c.f("services/api/src/integrations/clickup.js")
    f3.t("const fetch = require('node-fetch');", "")
    f3.p("token-clickup-personal", "pk_" + g.digits(8) + "_" + g.s(32, UP + DIG),
         "const CLICKUP_TOKEN = '\u00a7';")
    f3.n("id-clickup-list", g.digits(9), "const LIST_ID = '\u00a7';")
    f3.t("", "module.exports.createTask = (name) => fetch(`https://api.clickup.com/api/v2/list/${LIST_ID}/task`, {")
    f3.n("ref-js-authorization-const", "CLICKUP_TOKEN", "  method: 'POST', headers: { Authorization: CLICKUP_TOKEN, 'Content-Type': 'application/json' },")
    f3.t(         "  body: JSON.stringify({ name }),", "});")
    f4 = c.f("services/api/src/integrations/trello.js")
    f4.t("const Trello = require('trello');", "")
    f4.p("token-trello-pair", "ATTA" + g.s(64, HEX) + g.s(8, HEX).upper(),
         "const trello = new Trello(\n  '%s',\n  '\u00a7',\n);" % g.s(32, HEX))
    f4.t("", "module.exports = trello;")


@builder
def server_flags(c):
    g = c.g
    f = c.f("services/api/src/flags.ts")
    f.t("import * as ld from '@launchdarkly/node-server-sdk';", "import Statsig from 'statsig-node';", "")
    f.p("key-launchdarkly-sdk-ts", "sdk-" + g.uuid(), "export const ldClient = ld.init('\u00a7');")
    f.n("public-launchdarkly-client-side-ts", g.s(24, HEX), "export const LD_CLIENT_SIDE_ID = '\u00a7'; // sent to browsers")
    f.p("key-statsig-server-secret", "secret-" + g.mixed(43), "await Statsig.initialize('\u00a7', { environment: { tier: 'production' } });")
    f.n("public-statsig-client-key", "client-" + g.mixed(43), "export const STATSIG_CLIENT_KEY = '\u00a7';")


@builder
def server_newrelic(c):
    g = c.g
    f = c.f("services/api/newrelic.js")
    f.t("'use strict'", "", "exports.config = {", "  app_name: ['shop-api'],")
    f.p("key-newrelic-license-js", g.s(36, HEX) + "NRAL", "  license_key: '\u00a7',")
    f.t("  logging: { level: 'info' },", "  allow_all_headers: true,", "  attributes: {", "    exclude: [")
    f.n("name-header-authorization", "request.headers.authorization", "      'request.headers.authorization',")
    f.t("      'request.headers.cookie',", "    ],", "  },", "};")


@builder
def server_auth(c):
    g = c.g
    f = c.f("services/api/src/auth/tokens.ts")
    f.t("import jwt from 'jsonwebtoken';", "import fs from 'node:fs';", "")
    f.p("secret-jwt-sign-literal", g.mixed(40, B62 + "!@#%^*"),
        "export const issue = (sub: string) =>\n  jwt.sign({ sub }, '\u00a7', { expiresIn: '15m' });")
    f.n("path-jwt-public-key", "keys/jwt-public.pem",
        "const PUBLIC_KEY = fs.readFileSync('\u00a7', 'utf8');")
    f.t("export const check = (t: string) => jwt.verify(t, PUBLIC_KEY, { algorithms: ['RS256'] });")
    f2 = c.f("services/api/keys/jwt-public.pem")
    pub = pem_public(g)
    f2.n("public-key-pem-file", pub.split("\n")[2], pub)
    f3 = c.f("services/api/src/app.js")
    f3.t("const express = require('express');", "const session = require('express-session');", "",
         "const app = express();")
    f3.p("secret-express-session", g.mixed(48, B62 + "-_"),
         "app.use(session({\n  secret: '\u00a7',\n  resave: false,\n  saveUninitialized: false,\n  cookie: { secure: true, httpOnly: true },\n}));")
    f3.n("env-cookie-parser-secret", "process.env.COOKIE_SECRET", "app.use(require('cookie-parser')(process.env.COOKIE_SECRET));")
    f3.t("", "module.exports = app;")


@builder
def server_search(c):
    g = c.g
    f = c.f("services/api/src/search/typesense.ts")
    f.t("import Typesense from 'typesense';", "", "export const admin = new Typesense.Client({",
        "  nodes: [{ host: 'search.internal', port: 443, protocol: 'https' }],")
    f.p("key-typesense-admin-ts", g.mixed(32), "  apiKey: '\u00a7',")
    f.t("  connectionTimeoutSeconds: 5,", "});", "")
    f.n("public-typesense-search-only", g.mixed(32), "export const SEARCH_ONLY_KEY = '\u00a7'; // scoped to documents:search")
    f2 = c.f("services/api/src/search/meili.js")
    f2.t("const { MeiliSearch } = require('meilisearch');", "")
    f2.p("key-meilisearch-master-js", g.b64url(32),
         "const client = new MeiliSearch({\n  host: 'https://meili.acme-shop.io',\n  apiKey: '\u00a7',\n});")
    f2.n("id-meili-key-uid", g.uuid(), "const SEARCH_KEY_UID = '\u00a7';")


@builder
def server_storage(c):
    g = c.g
    f = c.f("services/api/src/storage/r2.ts")
    f.t("import { S3Client } from '@aws-sdk/client-s3';", "")
    f.p("key-cloudflare-r2-s3client", g.s(64, HEX),
        "export const r2 = new S3Client({\n  region: 'auto',\n  endpoint: 'https://%s.r2.cloudflarestorage.com',\n  credentials: {\n    accessKeyId: '%s',\n    secretAccessKey: '\u00a7',\n  },\n});" % (g.s(32, HEX), g.s(32, HEX)))
    f.n("env-aws-sdk-default-chain", "fromNodeProviderChain()",
        "export const s3 = new S3Client({ region: 'eu-west-1', credentials: fromNodeProviderChain() });")
    f2 = c.f("services/api/src/storage/uploadcare.ts")
    f2.t("import { UploadClient } from '@uploadcare/upload-client';", "")
    f2.n("public-uploadcare-public-key", g.s(20, HEX), "export const uploader = new UploadClient({ publicKey: '\u00a7' });")
    f2.p("secret-uploadcare-secret-ts", g.s(20, HEX), "export const UPLOADCARE_SECRET = '\u00a7';")
    f3 = c.f("services/api/src/video/mux.ts")
    f3.t("import Mux from '@mux/mux-node';", "")
    f3.p("secret-mux-token-pair", g.mixed(75, B64 + "="),
         "export const mux = new Mux({\n  tokenId: '%s',\n  tokenSecret: '\u00a7',\n});" % g.uuid())
    f3.n("id-mux-playback", g.mixed(40), "export const INTRO_PLAYBACK_ID = '\u00a7';")


@builder
def server_dbaas(c):
    g = c.g
    f = c.f("services/api/src/db/libsql.ts")
    f.t("import { createClient } from '@libsql/client';", "")
    tok = g.jwt({"a": "rw", "iat": 1718000000, "id": g.uuid()}, alg="EdDSA")
    f.p("jwt-turso-auth-token", tok,
        "export const turso = createClient({\n  url: 'libsql://events-acme.turso.io',\n  authToken: '\u00a7',\n});")
    f2 = c.f("services/api/src/db/fauna.js")
    f2.t("const { Client } = require('fauna');", "")
    f2.p("key-fauna-secret-js", "fnA" + g.mixed(37, B62 + "-_"), "const fauna = new Client({ secret: '\u00a7' });")
    f3 = c.f("apps/web/.env.convex")
    f3.t("# convex deploy from CI")
    f3.p("key-convex-deploy-env", "prod:" + g.choice(["happy", "brave", "tidy"]) + "-otter-" + g.digits(3) + "|" + g.b64url(60),
         "CONVEX_DEPLOY_KEY=\u00a7")
    f3.n("public-convex-url", "https://happy-otter-123.convex.cloud", "NEXT_PUBLIC_CONVEX_URL=\u00a7")
    f3.p("key-xata-api-env", "xau_" + g.mixed(32), "XATA_API_KEY=\u00a7")
    f3.p("token-upstash-rest-env", "A" + g.mixed(59, B62), "UPSTASH_REDIS_REST_TOKEN=\u00a7")
    f3.t("UPSTASH_REDIS_REST_URL=https://eu1-%s-%s.upstash.io" % (g.choice(["able", "keen", "prime"]), g.digits(5)))
    f3.n("public-upstash-readonly-note", "", "# UPSTASH_REDIS_REST_READONLY_TOKEN is not needed here")


# ---------------------------------------------------------------------------
# Python: Django, Flask, LLM and SaaS clients
# ---------------------------------------------------------------------------

DJANGO_CHARS = LO + DIG + "!@#$%^&*(-_=+)"


@builder
def py_django(c):
    g = c.g
    f = c.f("backend/shop/settings/production.py")
    f.t("from .base import *  # noqa: F401,F403", "", "DEBUG = False", 'ALLOWED_HOSTS = ["shop.acme.io"]', "")
    f.p("secret-key-django-production", g.mixed(50, DJANGO_CHARS), "SECRET_KEY = '\u00a7'")
    f.t("", "DATABASES = {", '    "default": {', '        "ENGINE": "django.db.backends.postgresql",',
        '        "NAME": "shop",', '        "USER": "shop",')
    f.p("password-django-databases", g.password(), '        "PASSWORD": "\u00a7",')
    f.t('        "HOST": "shop-db.cluster-ro.eu-west-1.rds.amazonaws.com",', "    }", "}", "",
        'EMAIL_HOST = "email-smtp.eu-west-1.amazonaws.com"')
    f.p("password-django-ses-smtp", "B" + g.mixed(43, B64), 'EMAIL_HOST_USER = "%s"\nEMAIL_HOST_PASSWORD = "\u00a7"' % g.aws_id())
    f.t("EMAIL_USE_TLS = True")
    f2 = c.f("backend/shop/settings/base.py")
    f2.t("import environ", "from pathlib import Path", "", "env = environ.Env()", "BASE_DIR = Path(__file__).resolve().parent.parent.parent", "")
    f2.n("env-django-environ", 'env("DJANGO_SECRET_KEY")', 'SECRET_KEY = env("DJANGO_SECRET_KEY")')
    f2.n("env-django-environ-db", 'env.db("DATABASE_URL")', 'DATABASES = {"default": env.db("DATABASE_URL")}')
    f2.n("setting-django-password-hashers", "django.contrib.auth.hashers.Argon2PasswordHasher",
         'PASSWORD_HASHERS = [\n    "\u00a7",\n    "django.contrib.auth.hashers.PBKDF2PasswordHasher",\n]')
    f2.n("setting-django-password-validator", "django.contrib.auth.password_validation.MinimumLengthValidator",
         'AUTH_PASSWORD_VALIDATORS = [{"NAME": "\u00a7"}]')
    f2.n("env-django-environ-stripe", 'env("STRIPE_API_KEY", default="")', 'STRIPE_API_KEY = env("STRIPE_API_KEY", default="")')
    f3 = c.f("backend/shop/settings/test.py")
    f3.t("from .base import *  # noqa", "")
    f3.n("dummy-django-test-secret", "test-secret-key", 'SECRET_KEY = "\u00a7"')
    f3.n("hash-django-fast-hasher", "django.contrib.auth.hashers.MD5PasswordHasher", 'PASSWORD_HASHERS = ["\u00a7"]')
    f4 = c.f("backend/shop/fixtures/users.json")
    salt = g.mixed(22)
    f4.t("[", "  {", '    "model": "accounts.user",', '    "pk": 1,', '    "fields": {', '      "email": "admin@acme.io",')
    f4.n("hash-django-pbkdf2", "pbkdf2_sha256$720000$%s$%s" % (salt, g.b64(32)), '      "password": "\u00a7",')
    f4.n("id-uuid-fixture", g.uuid(), '      "external_id": "\u00a7",')
    f4.t('      "is_staff": true', "    }", "  }", "]")


@builder
def py_flask(c):
    g = c.g
    f = c.f("backend/billing/config.py")
    f.t("import os", "", "", "class Config:", "    SQLALCHEMY_TRACK_MODIFICATIONS = False")
    f.n("env-flask-getenv-default-dev", "os.environ.get(\"SECRET_KEY\", \"dev\")",
        '    SECRET_KEY = os.environ.get("SECRET_KEY", "dev")')
    f.t("", "", "class ProductionConfig(Config):")
    f.p("secret-key-flask-production", g.hex(64), "    SECRET_KEY = '\u00a7'")
    f.p("password-flask-sqlalchemy-uri", g.urlpw(),
        '    SQLALCHEMY_DATABASE_URI = "postgresql+psycopg://billing:\u00a7@billing-db.internal:5432/billing"')
    f.t('    MAIL_SERVER = "smtp-relay.brevo.com"', '    MAIL_USERNAME = "billing@acme.io"')
    f.p("password-flask-mail-brevo", "xsmtpsib-" + g.s(64, HEX) + "-" + g.mixed(16), '    MAIL_PASSWORD = "\u00a7"')
    f.t("", "", "class TestingConfig(Config):", "    TESTING = True")
    f.n("dummy-flask-testing-uri", "sqlite://", '    SQLALCHEMY_DATABASE_URI = "\u00a7"')
    f.n("dummy-flask-testing-secret", "testing", '    SECRET_KEY = "\u00a7"')


@builder
def py_llm(c):
    g = c.g
    f = c.f("backend/assistant/clients.py")
    f.t("import os", "", "import cohere", "from mistralai import Mistral", "from together import Together", "")
    f.p("key-cohere-py-client", g.mixed(40), 'co = cohere.ClientV2("\u00a7")')
    f.p("key-mistral-py-client", g.mixed(32), 'mistral = Mistral(api_key="\u00a7")')
    f.p("key-together-py-client", g.s(64, HEX), "together = Together(api_key='\u00a7')")
    f.n("env-anthropic-os-environ", 'os.environ["ANTHROPIC_API_KEY"]', 'ANTHROPIC_KEY = os.environ["ANTHROPIC_API_KEY"]')
    f.p("key-fireworks-py", "fw_" + g.mixed(24), 'FIREWORKS_API_KEY = "\u00a7"')
    f.p("key-deepseek-openai-compat", "sk-" + g.s(32, HEX),
        'deepseek = OpenAI(api_key="\u00a7", base_url="https://api.deepseek.com")')
    f.p("key-perplexity-py", "pplx-" + g.mixed(48), 'PPLX_KEY = "\u00a7"')
    f.p("key-xai-py", "xai-" + g.mixed(80), 'grok = OpenAI(api_key="\u00a7", base_url="https://api.x.ai/v1")')
    f.n("id-openai-assistant", "asst_" + g.mixed(24), 'SUPPORT_ASSISTANT_ID = "\u00a7"')
    f.n("id-openai-file", "file-" + g.mixed(22), 'POLICY_FILE_ID = "\u00a7"')
    f.t("", "from openai import OpenAI  # noqa: E402")
    f2 = c.f("backend/assistant/chain.py")
    f2.t("import os", "", "from langchain_openai import ChatOpenAI", "from langchain_community.tools.tavily_search import TavilySearchResults", "")
    f2.n("setting-langchain-tracing", "true", 'os.environ.setdefault("LANGCHAIN_TRACING_V2", "\u00a7")')
    f2.p("key-langsmith-env-assign", "lsv2_pt_" + g.s(32, HEX) + "_" + g.s(10, HEX), 'os.environ["LANGCHAIN_API_KEY"] = "\u00a7"')
    f2.p("key-openai-legacy-langchain", "sk-" + g.mixed(20) + "T3BlbkFJ" + g.mixed(20),
         'llm = ChatOpenAI(model="gpt-4o-mini", openai_api_key="\u00a7")')
    f2.p("key-tavily-py", "tvly-" + g.mixed(32), 'search = TavilySearchResults(max_results=3, tavily_api_key="\u00a7")')
    f2.n("env-getenv-no-default", 'os.getenv("SERPAPI_API_KEY")', 'SERPAPI_KEY = os.getenv("SERPAPI_API_KEY")')
    f3 = c.f("backend/assistant/rag.py")
    f3.t("from pinecone import Pinecone", "import voyageai", "")
    f3.p("key-pinecone-pcsk", "pcsk_" + g.mixed(6) + "_" + g.mixed(63), 'pc = Pinecone(api_key="\u00a7")')
    f3.n("url-pinecone-index-host", "https://docs-%s.svc.aped-4627-b74a.pinecone.io" % g.s(7, ALNUM_LO),
         'index = pc.Index(host="\u00a7")')
    f3.p("key-voyage-py", "pa-" + g.mixed(43, B62 + "-_"), 'vo = voyageai.Client(api_key="\u00a7")')
    f3.n("hash-embedding-cache-key", g.s(64, HEX), 'CACHE_NAMESPACE = "\u00a7"  # sha256 of the corpus manifest')
    f4 = c.f("backend/assistant/speech.py")
    f4.t("import assemblyai as aai", "from deepgram import DeepgramClient", "from elevenlabs.client import ElevenLabs", "")
    f4.p("key-assemblyai-settings", g.s(32, HEX), 'aai.settings.api_key = "\u00a7"')
    f4.p("key-deepgram-client", g.s(40, HEX), 'dg = DeepgramClient("\u00a7")')
    f4.p("key-elevenlabs-client", "sk_" + g.s(48, HEX), 'tts = ElevenLabs(api_key="\u00a7")')
    f4.n("id-elevenlabs-voice", g.mixed(20), 'NARRATOR_VOICE_ID = "\u00a7"')
    f5 = c.f("backend/assistant/replicate_jobs.py")
    f5.t("import replicate", "")
    f5.p("key-replicate-client", "r8_" + g.mixed(37), 'client = replicate.Client(api_token="\u00a7")')
    f5.n("hash-replicate-model-version", g.s(64, HEX), 'SDXL = "stability-ai/sdxl:\u00a7"')
    f6 = c.f("backend/assistant/observability.py")
    f6.t("from langfuse import Langfuse", "import honeycomb_beeline as beeline  # legacy", "", "langfuse = Langfuse(")
    f6.n("public-langfuse-pk", "pk-lf-" + g.uuid(), '    public_key="\u00a7",')
    f6.p("key-langfuse-secret", "sk-lf-" + g.uuid(), '    secret_key="\u00a7",')
    f6.t('    host="https://cloud.langfuse.com",', ")", "")
    f6.p("key-honeycomb-ingest", "hcaik_01" + g.s(24, ALNUM_LO) + g.s(32, ALNUM_LO),
         'beeline.init(writekey="\u00a7", dataset="assistant", service_name="assistant")')
    f7 = c.f("backend/assistant/gemini.py")
    f7.t("import google.generativeai as genai", "")
    f7.p("key-google-gemini-configure", "AIza" + g.mixed(35, B62 + "-_"), 'genai.configure(api_key="\u00a7")')
    f7.n("id-gemini-model", "gemini-1.5-pro-002", 'model = genai.GenerativeModel("\u00a7")')
    f8 = c.f("backend/assistant/azure_openai.py")
    f8.t("from openai import AzureOpenAI", "", "client = AzureOpenAI(", '    azure_endpoint="https://acme-eastus2.openai.azure.com/",')
    f8.p("key-azure-openai-py", g.s(32, HEX), '    api_key="\u00a7",')
    f8.t('    api_version="2024-08-01-preview",', ")")


@builder
def py_payments(c):
    g = c.g
    f = c.f("backend/payments/latam.py")
    f.t("import mercadopago", "", "")
    f.p("token-mercadopago-access", "APP_USR-%s-%s-%s-%s" % (g.digits(16), g.digits(6), g.s(32, HEX), g.digits(9)),
        'sdk = mercadopago.SDK("\u00a7")')
    f.n("public-mercadopago-public-key", "APP_USR-" + g.uuid(), 'MP_PUBLIC_KEY = "\u00a7"  # rendered in checkout.js')
    f2 = c.f("backend/payments/sea.py")
    f2.t("import xendit", "import midtransclient", "")
    f2.p("key-xendit-secret-py", "xnd_production_" + g.mixed(60), 'xendit.set_api_key("\u00a7")')
    f2.n("public-xendit-public-key", "xnd_public_production_" + g.mixed(60), 'XENDIT_PUBLIC_KEY = "\u00a7"')
    f2.t("", "snap = midtransclient.Snap(", "    is_production=True,")
    f2.p("key-midtrans-server", "Mid-server-" + g.mixed(24, B62 + "-_"), '    server_key="\u00a7",')
    f2.n("public-midtrans-client", "Mid-client-" + g.mixed(16, B62 + "-_"), '    client_key="\u00a7",')
    f2.t(")")
    f3 = c.f("backend/payments/coinbase_commerce.py")
    f3.t("import requests", "")
    f3.p("key-coinbase-commerce-header", g.uuid(),
         'HEADERS = {\n    "X-CC-Api-Key": "\u00a7",\n    "X-CC-Version": "2018-03-22",\n}')
    f3.n("id-coinbase-charge-code", g.s(8, UP + DIG), 'EXAMPLE_CHARGE = "\u00a7"')
    f4 = c.f("backend/payments/gocardless_client.py")
    f4.t("import gocardless_pro", "")
    f4.p("token-gocardless-live", "live_" + g.mixed(40, B62 + "-_"),
         'client = gocardless_pro.Client(access_token="\u00a7", environment="live")')
    f4.n("id-gocardless-mandate", "MD" + g.s(12, UP + DIG), 'LEGACY_MANDATE = "\u00a7"')


@builder
def py_messaging(c):
    g = c.g
    f = c.f("backend/notify/plivo_sms.py")
    f.t("import plivo", "")
    f.p("token-plivo-pair", g.mixed(40),
        'client = plivo.RestClient(\n    auth_id="MA%s",\n    auth_token="\u00a7",\n)' % g.s(18, UP + DIG))
    f2 = c.f("backend/notify/messagebird_sms.py")
    f2.t("import messagebird", "")
    f2.p("key-messagebird-live", g.mixed(25), 'mb = messagebird.Client("\u00a7")')
    f3 = c.f("backend/notify/africastalking_sms.py")
    f3.t("import africastalking", "")
    f3.p("key-africastalking", "atsk_" + g.s(64, HEX), 'africastalking.initialize(username="acmeshop", api_key="\u00a7")')
    f4 = c.f("backend/notify/mailjet_mail.py")
    f4.t("from mailjet_rest import Client", "")
    f4.p("secret-mailjet-pair", g.s(32, HEX),
         'mailjet = Client(\n    auth=("%s", "\u00a7"),\n    version="v3.1",\n)' % g.s(32, HEX))
    f5 = c.f("backend/notify/sparkpost_mail.py")
    f5.t("from sparkpost import SparkPost", "")
    f5.p("key-sparkpost-py", g.s(40, HEX), 'sp = SparkPost("\u00a7", base_uri="https://api.eu.sparkpost.com/api/v1")')
    f6 = c.f("backend/notify/mandrill_mail.py")
    f6.t("import mailchimp_transactional as MailchimpTransactional", "")
    f6.p("key-mandrill-py", "md-" + g.mixed(22, B62 + "-_"), 'mailchimp = MailchimpTransactional.Client("\u00a7")')
    f6.n("id-mailchimp-audience", g.s(10, HEX), 'NEWSLETTER_LIST_ID = "\u00a7"')
    f7 = c.f("backend/notify/infobip_sms.py")
    f7.t("import requests", "", "def send(to, text):", "    return requests.post(",
         '        "https://%s.api.infobip.com/sms/2/text/advanced",' % g.s(6, LO + DIG))
    f7.p("key-infobip-app-header", g.s(32, HEX) + "-" + g.uuid(),
         '        headers={"Authorization": "App \u00a7"},')
    f7.t('        json={"messages": [{"destinations": [{"to": to}], "text": text}]},', "    )")


@builder
def py_crm(c):
    g = c.g
    f = c.f("backend/crm/salesforce_sync.py")
    f.t("from simple_salesforce import Salesforce", "")
    f.p("password-simple-salesforce", g.password(),
        'sf = Salesforce(\n    username="integration@acme.io",\n    password="\u00a7",\n    security_token="%s",\n)' % g.mixed(24))
    f2 = c.f("backend/crm/zoom_meetings.py")
    f2.t("import requests", "")
    f2.n("id-zoom-account", g.mixed(22, B62 + "-_"), 'ZOOM_ACCOUNT_ID = "\u00a7"')
    f2.n("id-zoom-client-id", g.mixed(22), 'ZOOM_CLIENT_ID = "\u00a7"')
    f2.p("secret-zoom-client", g.mixed(32), 'ZOOM_CLIENT_SECRET = "\u00a7"')
    f3 = c.f("backend/crm/spotify_playlists.py")
    f3.t("import spotipy", "from spotipy.oauth2 import SpotifyClientCredentials", "")
    f3.p("secret-spotify-client-creds", g.s(32, HEX),
         'auth = SpotifyClientCredentials(\n    client_id="%s",\n    client_secret="\u00a7",\n)' % g.s(32, HEX))
    f4 = c.f("backend/crm/analytics_export.py")
    f4.t("from mixpanel import Mixpanel", "import requests", "")
    f4.n("public-mixpanel-token-server", g.s(32, HEX), 'mp = Mixpanel("\u00a7")  # project token, public')
    f4.p("secret-mixpanel-api-secret", g.s(32, HEX), 'MIXPANEL_API_SECRET = "\u00a7"')
    f4.n("public-ga4-measurement-id-py", "G-" + g.s(10, UP + DIG), 'MEASUREMENT_ID = "\u00a7"')
    f4.p("secret-ga4-measurement-protocol", g.mixed(22, B62 + "-_"), 'GA_API_SECRET = "\u00a7"')
    f4.n("public-amplitude-api-key-py", g.s(32, HEX), 'AMPLITUDE_API_KEY = "\u00a7"  # ingestion key, also in the web bundle')
    f4.p("secret-amplitude-secret-key", g.s(32, HEX), 'AMPLITUDE_SECRET_KEY = "\u00a7"')


@builder
def py_storage_db(c):
    g = c.g
    f = c.f("backend/storage/b2_backup.py")
    f.t("from b2sdk.v2 import InMemoryAccountInfo, B2Api", "", "b2 = B2Api(InMemoryAccountInfo())")
    f.p("key-backblaze-b2-pair", "K00" + g.mixed(28, B62 + "/+"),
        'b2.authorize_account(\n    "production",\n    "00%s",\n    "\u00a7",\n)' % g.s(23, HEX))
    f2 = c.f("backend/shop/db.py")
    f2.t("import psycopg2", "import redis", "")
    f2.p("password-psycopg2-connect", g.password(),
         'conn = psycopg2.connect(host="reports-db.internal", dbname="reports", user="reporter", password="\u00a7")')
    f2.p("password-redis-py-upstash", g.mixed(34),
         'r = redis.Redis(host="eu1-keen-%s.upstash.io", port=6379, password="\u00a7", ssl=True)' % g.digits(5))
    f2.n("env-redis-from-url", 'os.environ["REDIS_URL"]', 'cache = redis.Redis.from_url(os.environ["REDIS_URL"])')
    f2.t("", "import os  # noqa: E402")
    f3 = c.f("backend/shop/cassandra_store.py")
    f3.t("from cassandra.cluster import Cluster", "from cassandra.auth import PlainTextAuthProvider", "")
    f3.p("token-astra-db", "AstraCS:" + g.s(24, UP + LO) + ":" + g.s(64, HEX),
         'auth = PlainTextAuthProvider("token", "\u00a7")')
    f3.n("path-astra-bundle", "secure-connect-events.zip", 'cluster = Cluster(cloud={"secure_connect_bundle": "\u00a7"}, auth_provider=auth)')
    f4 = c.f("backend/shop/celery.py")
    f4.t("from celery import Celery", "")
    f4.p("password-celery-amqps-broker", g.mixed(32, B62 + "-_"),
         'app = Celery("shop", broker="amqps://shopq:\u00a7@rat.rmq2.cloudamqp.com/shopq")')


@builder
def py_secret_refs(c):
    g = c.g
    f = c.f("backend/shop/secrets.py")
    f.t('"""Where production credentials come from. Nothing secret lives in this file."""', "",
        "import boto3", "import hvac", "import keyring", "from google.cloud import secretmanager", "")
    f.n("ref-aws-secretsmanager-py", "prod/payments/stripe",
        'def stripe_key():\n    sm = boto3.client("secretsmanager")\n    return sm.get_secret_value(SecretId="\u00a7")["SecretString"]')
    f.t("")
    f.n("ref-gcp-secret-version", "projects/acme-prod/secrets/openai-api-key/versions/latest",
        'def openai_key():\n    client = secretmanager.SecretManagerServiceClient()\n    return client.access_secret_version(name="\u00a7").payload.data.decode()')
    f.t("")
    f.n("ref-vault-kv2-path", "payments/mercadopago",
        'def mp_token(vault: hvac.Client):\n    return vault.secrets.kv.v2.read_secret_version(path="\u00a7")["data"]["data"]["token"]')
    f.t("")
    f.n("ref-keyring-lookup", 'keyring.get_password("acme-reports", "reporter")',
        'def reports_password():\n    return keyring.get_password("acme-reports", "reporter")')
    f.n("ref-1password-op-uri", "op://Production/Twilio/auth-token", 'TWILIO_TOKEN_REF = "\u00a7"')


@builder
def py_tests(c):
    g = c.g
    f = c.f("backend/tests/conftest.py")
    f.t("import pytest", "", "", "@pytest.fixture(autouse=True)", "def _env(monkeypatch):")
    f.n("dummy-pytest-setenv-openai", "test-key", '    monkeypatch.setenv("OPENAI_API_KEY", "\u00a7")')
    f.n("dummy-pytest-setenv-stripe", "sk_live_" + "0" * 24, '    monkeypatch.setenv("STRIPE_API_KEY", "\u00a7")')
    f.n("dummy-pytest-password", "hunter2", '    monkeypatch.setenv("REPORTS_DB_PASSWORD", "\u00a7")')
    f.t("", "", "@pytest.fixture", "def user(db):")
    f.n("dummy-pytest-create-user", "password123", '    return User.objects.create_user("ada@example.com", password="\u00a7")')
    f2 = c.f("backend/tests/cassettes/test_chat_completion.yaml")
    f2.t("interactions:", "- request:", "    body: '{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}'", "    headers:")
    f2.p("key-openai-vcrpy-cassette", "sk-proj-" + g.mixed(74, B62 + "-_") + "T3BlbkFJ" + g.mixed(74, B62 + "-_"),
         "      authorization:\n      - Bearer \u00a7")
    f2.t("      content-type:", "      - application/json", "    method: POST", "    uri: https://api.openai.com/v1/chat/completions",
         "  response:")
    f2.n("id-openai-chatcmpl", "chatcmpl-" + g.mixed(29), "    body:\n      string: '{\"id\":\"\u00a7\",\"object\":\"chat.completion\"}'")
    f2.n("id-openai-request-id", "req_" + g.s(32, HEX), "    headers:\n      x-request-id:\n      - \u00a7")
    f2.t("    status:", "      code: 200", "      message: OK", "version: 1")
    f3 = c.f("backend/tests/cassettes/test_anthropic_message.yaml")
    f3.t("interactions:", "- request:", "    headers:")
    f3.n("placeholder-vcrpy-filtered", "DUMMY", "      x-api-key:\n      - \u00a7")
    f3.t("    method: POST", "    uri: https://api.anthropic.com/v1/messages", "  response:")
    f3.n("id-anthropic-message", "msg_01" + g.mixed(22), "    body:\n      string: '{\"id\":\"\u00a7\",\"type\":\"message\"}'")
    f3.t("    status:", "      code: 200", "version: 1")
    f4 = c.f("backend/tests/fixtures/stripe_webhook.json")
    f4.t("{")
    f4.n("id-stripe-event", "evt_" + g.mixed(24), '  "id": "\u00a7",')
    f4.t('  "type": "checkout.session.completed",', '  "data": {', '    "object": {')
    f4.n("id-stripe-checkout-session", "cs_live_" + g.mixed(58), '      "id": "\u00a7",')
    f4.n("id-stripe-customer", "cus_" + g.mixed(14), '      "customer": "\u00a7",')
    f4.n("id-stripe-payment-intent", "pi_" + g.mixed(24), '      "payment_intent": "\u00a7",')
    f4.t('      "amount_total": 4900', "    }", "  },")
    f4.n("signature-stripe-header", "t=1718034000,v1=" + g.s(64, HEX), '  "_header_stripe_signature": "\u00a7"')
    f4.t("}")


# ---------------------------------------------------------------------------
# Go
# ---------------------------------------------------------------------------

@builder
def go_files(c):
    g = c.g
    f = c.f("services/ledger/cmd/ledger/main.go")
    f.t("package main", "", "import (", '\t"log"', '\t"os"', "", '\t"github.com/stripe/stripe-go/v79"', ")", "",
        "func main() {")
    f.p("key-stripe-go-assign", g.stripe("sk_live_"), '\tstripe.Key = "\u00a7"')
    f.n("env-go-getenv", 'os.Getenv("LEDGER_WEBHOOK_SECRET")', '\twebhookSecret := os.Getenv("LEDGER_WEBHOOK_SECRET")')
    f.t('\tlog.Printf("ledger starting (webhooks configured: %t)", webhookSecret != "")', "}")
    f = c.f("services/ledger/internal/db/db.go")
    f.t("package db", "", "import (", '\t"context"', "", '\t"github.com/jackc/pgx/v5/pgxpool"', ")", "")
    f.p("password-pgx-dsn-const", g.urlpw(),
        'const dsn = "postgres://ledger:\u00a7@ledger-db.internal:5432/ledger?sslmode=require"')
    f.t("", "func Open(ctx context.Context) (*pgxpool.Pool, error) {", "\treturn pgxpool.New(ctx, dsn)", "}")
    f = c.f("services/ledger/internal/cache/redis.go")
    f.t("package cache", "", 'import "github.com/redis/go-redis/v9"', "", "func New() *redis.Client {",
        "\treturn redis.NewClient(&redis.Options{", '\t\tAddr:     "ledger-cache.internal:6379",')
    f.p("password-go-redis-options", g.mixed(28), '\t\tPassword: "\u00a7",')
    f.t("\t\tDB:       2,", "\t})", "}")
    f = c.f("services/ledger/internal/blob/s3.go")
    f.t("package blob", "", "import (", '\t"github.com/aws/aws-sdk-go-v2/aws"', '\t"github.com/aws/aws-sdk-go-v2/credentials"', ")", "",
        "var Creds = aws.NewCredentialsCache(")
    f.p("key-aws-go-static-provider", g.aws_secret(),
        '\tcredentials.NewStaticCredentialsProvider(\n\t\t"%s",\n\t\t"\u00a7",\n\t\t"",\n\t),' % g.aws_id())
    f.t(")", "")
    f.n("doc-aws-example-key-go", "AKIAIOSFODNN7EXAMPLE", '// Example: credentials.NewStaticCredentialsProvider("\u00a7", "...", "")')
    f.p("key-digitalocean-spaces-go", g.mixed(43, B62 + "/+"),
        'var Spaces = credentials.NewStaticCredentialsProvider(\n\t"DO00%s",\n\t"\u00a7",\n\t"",\n)' % g.s(16, UP + DIG))
    f = c.f("services/ledger/internal/notify/sparkpost.go")
    f.t("package notify", "", 'import sp "github.com/SparkPost/gosparkpost"', "", "func Client() (*sp.Client, error) {",
        "\tvar c sp.Client")
    f.p("key-sparkpost-go-config", g.s(40, HEX),
        '\terr := c.Init(&sp.Config{\n\t\tBaseUrl:    "https://api.sparkpost.com",\n\t\tApiKey:     "\u00a7",\n\t\tApiVersion: 1,\n\t})')
    f.t("\treturn &c, err", "}")
    f = c.f("services/ledger/internal/notify/telnyx.go")
    f.t("package notify", "", 'import "net/http"', "")
    f.p("key-telnyx-v2-const", "KEY" + g.s(32, HEX).upper() + "_" + g.mixed(22), 'const telnyxKey = "\u00a7"')
    f.t("", "func authorize(r *http.Request) {")
    f.n("ref-go-bearer-concat", "telnyxKey", '\tr.Header.Set("Authorization", "Bearer "+telnyxKey)')
    f.t("}")
    f.n("id-telnyx-messaging-profile", g.uuid(), 'const messagingProfileID = "\u00a7"')
    f = c.f("services/ledger/internal/otel/dynatrace.go")
    f.t("package otel", "", "import (", '\t"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"', ")", "",
        "var Exporter = otlptracehttp.NewClient(")
    f.n("url-dynatrace-otlp", "abc12345.live.dynatrace.com", '\totlptracehttp.WithEndpoint("\u00a7"),')
    f.p("token-dynatrace-api-header", "dt0c01." + g.s(24, UP + DIG) + "." + g.s(64, UP + DIG),
        '\totlptracehttp.WithHeaders(map[string]string{"Authorization": "Api-Token \u00a7"}),')
    f.t(")")
    f = c.f("services/ledger/internal/gh/client.go")
    f.t("package gh", "", "import (", '\t"context"', "", '\t"github.com/google/go-github/v62/github"', '\t"golang.org/x/oauth2"', ")", "",
        "func New(ctx context.Context) *github.Client {")
    f.p("token-github-go-oauth2", g.github("ghp_"),
        '\tts := oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "\u00a7"})')
    f.t("\treturn github.NewClient(oauth2.NewClient(ctx, ts))", "}")
    f.n("hash-git-commit-go", g.s(40, HEX), '// pinned upstream fix: \u00a7')
    f = c.f("services/ledger/internal/ai/gemini.go")
    f.t("package ai", "", "import (", '\t"context"', "", '\t"github.com/google/generative-ai-go/genai"', '\t"google.golang.org/api/option"', ")", "",
        "func Client(ctx context.Context) (*genai.Client, error) {")
    f.p("key-google-go-withapikey", "AIza" + g.mixed(35, B62 + "-_"), '\treturn genai.NewClient(ctx, option.WithAPIKey("\u00a7"))')
    f.t("}")
    f = c.f("services/ledger/internal/search/elastic.go")
    f.t("package search", "", 'import "github.com/elastic/go-elasticsearch/v8"', "", "var Config = elasticsearch.Config{")
    f.n("id-elastic-cloud-id", base64.b64encode(b"europe-west1.gcp.cloud.es.io$" + g.s(32, HEX).encode() + b"$" + g.s(32, HEX).encode()).decode(),
        '\tCloudID: "ledger:\u00a7",')
    f.p("key-elastic-go-apikey", base64.b64encode((g.mixed(20, B62 + "-_") + ":" + g.mixed(22, B62 + "-_")).encode()).decode(),
        '\tAPIKey:  "\u00a7",')
    f.n("hash-elastic-ca-fingerprint", g.s(64, HEX), '\tCertificateFingerprint: "\u00a7",')
    f.t("}")
    f = c.f("services/ledger/internal/flags/unleash.go")
    f.t("package flags", "", 'import "github.com/Unleash/unleash-client-go/v4"', "", "func Init() error {",
        "\treturn unleash.Initialize(", '\t\tunleash.WithAppName("ledger"),', '\t\tunleash.WithUrl("https://flags.acme.io/api/"),')
    f.p("token-unleash-server-go", "*:production." + g.s(64, HEX),
        '\t\tunleash.WithCustomHeaders(http.Header{"Authorization": {"\u00a7"}}),')
    f.t("\t)", "}")
    f = c.f("services/ledger/internal/config/config.go")
    f.t("package config", "", "type Config struct {", '\tPort        int    `envconfig:"PORT" default:"8080"`')
    f.n("setting-go-envconfig-tag", 'envconfig:"DB_PASSWORD" required:"true"', '\tDBPassword  string `envconfig:"DB_PASSWORD" required:"true"`')
    f.n("setting-go-json-omit", 'json:"-"', '\tStripeKey   string `json:"-" envconfig:"STRIPE_KEY"`')
    f.t("}")
    f = c.f("services/ledger/internal/auth/jwt_test.go")
    f.t("package auth", "", 'import "testing"', "", "func TestSign(t *testing.T) {")
    f.n("dummy-go-test-secret", "test-secret", '\tsigner := NewSigner([]byte("\u00a7"))')
    f.t('\tif _, err := signer.Sign("user-1"); err != nil {', "\t\tt.Fatal(err)", "\t}", "}")
    f = c.f("services/ledger/go.sum")
    for mod in ["github.com/jackc/pgx/v5 v5.6.0", "github.com/redis/go-redis/v9 v9.5.3", "golang.org/x/oauth2 v0.21.0"]:
        f.n("hash-go-sum-h1", "h1:" + g.b64(32), mod + " \u00a7")


# ---------------------------------------------------------------------------
# JVM: Spring, plain Java, Kotlin, Scala
# ---------------------------------------------------------------------------

@builder
def jvm_files(c):
    g = c.g
    f = c.f("services/catalog/src/main/resources/application-prod.yml")
    f.t("spring:", "  datasource:", "    url: jdbc:postgresql://catalog-db.internal:5432/catalog", "    username: catalog")
    f.p("password-spring-datasource-yml", g.password(), "    password: '\u00a7'")
    f.t("  mail:", "    host: smtp.mailgun.org", "    port: 587", "    username: postmaster@mg.acme.io")
    f.p("password-spring-mail-yml", g.mixed(32, HEX) + "-" + g.s(8, HEX) + "-" + g.s(8, HEX), "    password: \u00a7")
    f.t("app:", "  agora:")
    f.n("public-agora-app-id", g.s(32, HEX), "    app-id: \u00a7")
    f.p("secret-agora-app-certificate", g.s(32, HEX), "    app-certificate: \u00a7")
    f.t("  stream:")
    f.n("public-stream-api-key", g.s(12, LO + DIG), "    api-key: \u00a7")
    f.p("secret-stream-api-secret", g.s(64, LO + DIG), "    api-secret: \u00a7")
    f = c.f("services/catalog/src/main/resources/application.yml")
    f.t("spring:", "  application:", "    name: catalog", "  datasource:", "    url: ${DB_URL}")
    f.n("template-spring-placeholder-default-empty", "${DB_PASSWORD:}", "    password: ${DB_PASSWORD:}")
    f.t("app:", "  agora:")
    f.n("template-spring-placeholder", "${AGORA_APP_CERTIFICATE}", "    app-certificate: ${AGORA_APP_CERTIFICATE}")
    f.n("ref-spring-cloud-vault", "vault://secret/catalog/stream", "    api-secret-ref: \u00a7")
    f = c.f("services/catalog/src/main/resources/application.properties")
    f.t("server.port=8080", "management.endpoints.web.exposure.include=health,info")
    f.n("id-twilio-account-sid-properties", "AC" + g.s(32, HEX), "twilio.account-sid=\u00a7")
    f.p("token-twilio-auth-properties", g.s(32, HEX), "twilio.auth-token=\u00a7")
    f.n("template-spring-properties-env", "${SENDGRID_API_KEY}", "sendgrid.api-key=${SENDGRID_API_KEY}")
    f.n("setting-spring-password-encoder", "bcrypt", "security.password-encoder=\u00a7")
    f = c.f("services/catalog/src/main/java/com/acme/catalog/pay/BraintreeConfig.java")
    f.t("package com.acme.catalog.pay;", "", "import com.braintreegateway.BraintreeGateway;", "import com.braintreegateway.Environment;",
        "import org.springframework.context.annotation.Bean;", "", "public class BraintreeConfig {", "    @Bean",
        "    BraintreeGateway gateway() {")
    f.p("key-braintree-java-gateway", g.s(32, HEX),
        '        return new BraintreeGateway(\n            Environment.PRODUCTION,\n            "%s",\n            "%s",\n            "\u00a7");' % (g.s(16, LO + DIG), g.s(16, LO + DIG)))
    f.t("    }", "}")
    f = c.f("services/catalog/src/main/java/com/acme/catalog/storage/S3Config.java")
    f.t("package com.acme.catalog.storage;", "", "import com.amazonaws.auth.BasicAWSCredentials;", "", "public final class S3Config {")
    f.p("key-aws-java-basic-credentials", g.aws_secret(),
        '    static final BasicAWSCredentials CREDS =\n        new BasicAWSCredentials("%s", "\u00a7");' % g.aws_id())
    f.t("}")
    f = c.f("services/catalog/src/main/java/com/acme/catalog/legacy/LegacyDao.java")
    f.t("package com.acme.catalog.legacy;", "", "import java.sql.Connection;", "import java.sql.DriverManager;", "",
        "class LegacyDao {", "    Connection open() throws Exception {")
    f.p("password-java-drivermanager", g.password(),
        '        return DriverManager.getConnection(\n            "jdbc:mysql://legacy-db.internal:3306/catalog", "catalog_ro", "\u00a7");')
    f.t("    }", "}")
    f = c.f("services/catalog/src/main/resources/hibernate.cfg.xml")
    f.t('<?xml version="1.0" encoding="utf-8"?>', "<hibernate-configuration>", "  <session-factory>",
        '    <property name="hibernate.connection.url">jdbc:postgresql://reports.internal/reports</property>',
        '    <property name="hibernate.connection.username">reports</property>')
    f.p("password-hibernate-cfg-xml", g.password(), '    <property name="hibernate.connection.password">\u00a7</property>')
    f.t("  </session-factory>", "</hibernate-configuration>")
    f = c.f("services/catalog/src/main/java/com/acme/catalog/secrets/SecretsProvider.java")
    f.t("package com.acme.catalog.secrets;", "", "public class SecretsProvider {")
    f.n("ref-aws-secretsmanager-java", "prod/catalog/db",
        '    String db() {\n        return sm.getSecretValue(GetSecretValueRequest.builder().secretId("\u00a7").build()).secretString();\n    }')
    f.n("ref-azure-keyvault-java", "stream-api-secret",
        '    String stream() {\n        return secretClient.getSecret("\u00a7").getValue();\n    }')
    f.n("env-java-system-getenv", 'System.getenv("CATALOG_API_TOKEN")', '    String apiToken() { return System.getenv("CATALOG_API_TOKEN"); }')
    f.t("}")
    f = c.f("services/catalog/src/test/java/com/acme/catalog/pay/BraintreeConfigTest.java")
    f.t("package com.acme.catalog.pay;", "", "class BraintreeConfigTest {", "    @Test", "    void buildsSandboxGateway() {")
    f.n("dummy-java-test-private-key", "private_key", '        var gw = new BraintreeGateway(Environment.SANDBOX, "merchant", "public_key", "\u00a7");')
    f.n("id-java-uuid-fromstring", g.uuid(), '        var id = UUID.fromString("\u00a7");')
    f.t("    }", "}")
    f = c.f("services/catalog/src/main/kotlin/com/acme/catalog/db/Database.kt")
    f.t("package com.acme.catalog.db", "", "import org.jetbrains.exposed.sql.Database", "", "object Db {", "    val search = Database.connect(",
        '        url = "jdbc:postgresql://search-db.internal:5432/search",', '        driver = "org.postgresql.Driver",', '        user = "search",')
    f.p("password-kotlin-exposed-connect", g.urlpw(), '        password = "\u00a7",')
    f.t("    )", "}")
    f = c.f("services/catalog/src/main/kotlin/com/acme/catalog/http/Zendesk.kt")
    f.t("package com.acme.catalog.http", "", "import okhttp3.Credentials", "")
    f.p("token-zendesk-okhttp-basic", g.mixed(40),
        'private val auth = Credentials.basic("support@acme.io/token", "\u00a7")')
    f.n("env-kotlin-getenv", 'System.getenv("ZENDESK_SUBDOMAIN")', 'private val subdomain = System.getenv("ZENDESK_SUBDOMAIN") ?: "acme"')
    f = c.f("services/catalog/src/main/kotlin/com/acme/catalog/events/Kafka.kt")
    f.t("package com.acme.catalog.events", "", "val props = mapOf(", '    "bootstrap.servers" to "pkc-%s.europe-west3.gcp.confluent.cloud:9092",' % g.s(5, ALNUM_LO),
        '    "security.protocol" to "SASL_SSL",', '    "sasl.mechanism" to "PLAIN",')
    f.p("secret-confluent-cloud-jaas-kotlin", g.mixed(64, B62 + "+/"),
        '    "sasl.jaas.config" to\n        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\'%s\' password=\'\u00a7\';",' % g.s(16, UP + DIG))
    f.t(")")
    f = c.f("services/catalog/src/main/resources/application.conf")
    f.t("catalog {", "  http.port = 9000")
    f.n("template-hocon-optional-env", "${?MONGO_PASSWORD}", "  mongo.password = ${?MONGO_PASSWORD}")
    f.p("password-hocon-mongodb-uri", g.mixed(20),
        '  mongo.uri = "mongodb+srv://reviews:\u00a7@reviews.%s.mongodb.net/reviews"' % g.s(5, ALNUM_LO))
    f.t("}")
    f = c.f("services/catalog/src/main/scala/com/acme/catalog/Clients.scala")
    f.t("package com.acme.catalog", "", "import sttp.client3._", "", "object Clients {")
    f.p("token-flyio-sttp-bearer", "FlyV1 fm2_" + g.b64(180).replace("=", ""),
        '  val fly = basicRequest.header("Authorization", "\u00a7")')
    f.p("key-browserstack-sttp-basic", g.mixed(20),
        '  val browserstack = basicRequest.auth.basic("acmeqa_%s", "\u00a7")' % g.s(6, LO + DIG))
    f.n("env-scala-sys-env", 'sys.env("CATALOG_REGION")', '  val region = sys.env("CATALOG_REGION")')
    f.t("}")


# ---------------------------------------------------------------------------
# Ruby / Rails
# ---------------------------------------------------------------------------

@builder
def ruby_files(c):
    g = c.g
    f = c.f("services/storefront/config/database.yml")
    f.t("default: &default", "  adapter: postgresql", "  encoding: unicode", "  pool: <%= ENV.fetch(\"RAILS_MAX_THREADS\") { 5 } %>", "",
        "development:", "  <<: *default", "  database: storefront_development")
    f.n("template-erb-env-db-password", '<%= ENV["DEV_DB_PASSWORD"] %>', '  password: <%= ENV["DEV_DB_PASSWORD"] %>')
    f.t("", "test:", "  <<: *default", "  database: storefront_test")
    f.n("empty-rails-test-password", "", "  password:")
    f.t("", "production:", "  <<: *default", "  host: storefront-db.internal", "  database: storefront_production", "  username: storefront")
    f.p("password-rails-database-yml", g.password(), "  password: \u00a7")
    f = c.f("services/storefront/config/cable.yml")
    f.t("development:", "  adapter: async", "", "production:", "  adapter: redis")
    f.p("password-rails-cable-redis-url", g.mixed(32), "  url: rediss://:\u00a7@storefront-cable.internal:6380/1")
    f.t("  channel_prefix: storefront_production")
    f = c.f("services/storefront/config/storage.yml")
    f.t("digitalocean:", "  service: S3", "  endpoint: https://fra1.digitaloceanspaces.com")
    f.p("key-do-spaces-rails-storage", g.mixed(43, B62 + "/+"),
        "  access_key_id: DO00%s\n  secret_access_key: \u00a7" % g.s(16, UP + DIG))
    f.t("  region: fra1", "  bucket: storefront-uploads", "", "amazon:", "  service: S3")
    f.n("template-erb-credentials-dig", "<%= Rails.application.credentials.dig(:aws, :secret_access_key) %>",
        "  secret_access_key: \u00a7")
    f.t("  region: eu-west-1", "  bucket: storefront-archive")
    f = c.f("services/storefront/config/initializers/stripe.rb")
    f.n("ref-rails-credentials-stripe", "Rails.application.credentials.dig(:stripe, :secret_key)",
        "Stripe.api_key = \u00a7")
    f.t("Stripe.max_network_retries = 2")
    f = c.f("services/storefront/lib/tasks/refunds.rake")
    f.t("namespace :refunds do", "  desc \"Replay refunds missed during the outage\"", "  task replay: :environment do")
    f.p("key-stripe-ruby-rake", g.stripe("rk_live_"), "    Stripe.api_key = '\u00a7'")
    f.t("    Refund.pending.find_each { |r| Stripe::Refund.create(payment_intent: r.intent_id) }", "  end", "end")
    f = c.f("services/storefront/config/initializers/honeycomb.rb")
    f.t("Honeycomb.configure do |config|")
    f.p("key-honeycomb-classic-ruby", g.s(32, HEX), '  config.write_key = "\u00a7"')
    f.t('  config.dataset = "storefront"', '  config.presend_hook { |fields| fields.delete("user.email") }', "end")
    f = c.f("services/storefront/config/initializers/rollbar.rb")
    f.t("Rollbar.configure do |config|")
    f.p("token-rollbar-server-ruby", g.s(32, HEX), "  config.access_token = '\u00a7'")
    f.t("  config.enabled = Rails.env.production?", "end")
    f = c.f("services/storefront/config/initializers/braintree.rb")
    f.t("Braintree::Configuration.environment = :production")
    f.n("id-braintree-merchant-ruby", g.s(16, LO + DIG), "Braintree::Configuration.merchant_id = '\u00a7'")
    f.n("public-braintree-public-key-ruby", g.s(16, LO + DIG), "Braintree::Configuration.public_key = '\u00a7'")
    f.p("key-braintree-ruby-config", g.s(32, HEX), "Braintree::Configuration.private_key = '\u00a7'")
    f = c.f("services/storefront/config/initializers/chargebee.rb")
    f.p("key-chargebee-ruby", "live_" + g.mixed(34),
        "ChargeBee.configure(\n  site: 'acme',\n  api_key: '\u00a7'\n)")
    f = c.f("services/storefront/config/initializers/recurly.rb")
    f.p("key-recurly-private-ruby", g.s(32, HEX), "RECURLY = Recurly::Client.new(api_key: '\u00a7')")
    f.n("public-recurly-js-key", "ewr1-" + g.mixed(22), "RECURLY_PUBLIC_KEY = '\u00a7' # recurly.js")
    f = c.f("services/storefront/app/services/intercom_sync.rb")
    f.t("require 'intercom'", "", "class IntercomSync")
    tok = base64.b64encode(("tok:" + g.uuid().replace("-", "_") + ":1:0").encode()).decode().rstrip("=")
    f.p("token-intercom-ruby", tok, "  CLIENT = Intercom::Client.new(token: '\u00a7')")
    f.n("id-intercom-app", g.s(8, LO + DIG), "  APP_ID = '\u00a7'")
    f.t("end")
    f = c.f("services/storefront/app/services/asana_tasks.rb")
    f.t("require 'asana'", "", "class AsanaTasks")
    f.p("token-asana-pat-ruby", "2/%s/%s:%s" % (g.digits(16), g.digits(16), g.s(32, HEX)),
        "  CLIENT = Asana::Client.new { |c| c.authentication :access_token, '\u00a7' }")
    f.n("id-asana-project-gid", g.digits(16), "  PROJECT_GID = '\u00a7'")
    f.t("end")
    f = c.f("services/storefront/spec/support/vcr.rb")
    f.t("VCR.configure do |c|", "  c.cassette_library_dir = 'spec/cassettes'", "  c.hook_into :webmock")
    f.n("ref-vcr-filter-sensitive", "<STRIPE_API_KEY>", "  c.filter_sensitive_data('\u00a7') { ENV['STRIPE_API_KEY'] }")
    f.n("ref-vcr-filter-sensitive-2", "<POSTMARK_TOKEN>", "  c.filter_sensitive_data('\u00a7') { ENV['POSTMARK_API_TOKEN'] }")
    f.t("end")
    f = c.f("services/storefront/spec/cassettes/stripe/create_refund.yml")
    f.t("---", "http_interactions:", "- request:", "    method: post", "    uri: https://api.stripe.com/v1/refunds", "    headers:")
    f.n("placeholder-vcr-filtered-bearer", "Bearer <STRIPE_API_KEY>", "      Authorization:\n      - \u00a7")
    f.n("id-stripe-idempotency-uuid", g.uuid(), "      Idempotency-Key:\n      - \u00a7")
    f.t("  response:", "    status:", "      code: 200")
    f.n("id-stripe-refund", "re_" + g.mixed(24), "    body:\n      string: '{\"id\": \"\u00a7\", \"object\": \"refund\"}'")
    f.t("recorded_with: VCR 6.2.0")
    f = c.f("services/storefront/spec/cassettes/postmark/send_receipt.yml")
    f.t("---", "http_interactions:", "- request:", "    method: post", "    uri: https://api.postmarkapp.com/email/withTemplate", "    headers:")
    f.p("token-postmark-vcr-cassette", g.uuid(), "      X-Postmark-Server-Token:\n      - \u00a7")
    f.t("  response:", "    status:", "      code: 200", "recorded_with: VCR 6.2.0")
    f = c.f("services/storefront/spec/models/user_spec.rb")
    f.t("RSpec.describe User do")
    f.n("dummy-rspec-password", "password", "  let(:user) { create(:user, password: '\u00a7') }")
    f.n("dummy-rspec-api-key", "fake-api-key", "  before { stub_const('Acme::API_KEY', '\u00a7') }")
    f.t("end")


# ---------------------------------------------------------------------------
# PHP: Laravel, Symfony, plain PHP
# ---------------------------------------------------------------------------

@builder
def php_files(c):
    g = c.g
    f = c.f("services/portal/.env")
    f.t("APP_NAME=Portal", "APP_ENV=production")
    f.p("key-laravel-app-key", "base64:" + g.b64(32), "APP_KEY=\u00a7")
    f.t("APP_DEBUG=false", "APP_URL=https://portal.acme.io", "", "DB_CONNECTION=mysql", "DB_HOST=portal-db.internal", "DB_DATABASE=portal",
        "DB_USERNAME=portal")
    f.p("password-laravel-env-db", g.password(), 'DB_PASSWORD="\u00a7"')
    f.t("", "REDIS_HOST=portal-cache.internal")
    f.p("password-laravel-env-redis", g.mixed(24), "REDIS_PASSWORD=\u00a7")
    f.t("", "MAIL_MAILER=smtp", "MAIL_HOST=smtp.postmarkapp.com", "MAIL_PORT=587")
    pm = g.uuid()
    f.p("password-laravel-env-mail-postmark", pm, "MAIL_USERNAME=%s\nMAIL_PASSWORD=\u00a7" % pm)
    f.t("", "PUSHER_APP_ID=%s" % g.digits(7))
    f.n("public-pusher-key-laravel", g.s(20, HEX), "PUSHER_APP_KEY=\u00a7")
    f.p("secret-pusher-laravel-env", g.s(20, HEX), "PUSHER_APP_SECRET=\u00a7")
    f.t("PUSHER_APP_CLUSTER=eu")
    f.n("template-laravel-vite-pusher", '"${PUSHER_APP_KEY}"', 'VITE_PUSHER_APP_KEY="${PUSHER_APP_KEY}"')
    f.t("")
    f.p("key-aws-laravel-env-secret", g.aws_secret(), "AWS_ACCESS_KEY_ID=%s\nAWS_SECRET_ACCESS_KEY=\u00a7" % g.aws_id())
    f.t("AWS_DEFAULT_REGION=eu-central-1")
    f = c.f("services/portal/.env.example")
    f.t("APP_NAME=Laravel", "APP_ENV=local")
    f.n("empty-laravel-app-key", "", "APP_KEY=")
    f.t("DB_CONNECTION=mysql", "DB_HOST=127.0.0.1", "DB_USERNAME=root")
    f.n("empty-laravel-db-password", "", "DB_PASSWORD=")
    f.n("null-laravel-redis-password", "null", "REDIS_PASSWORD=null")
    f.n("null-laravel-mail-password", "null", "MAIL_USERNAME=null\nMAIL_PASSWORD=null")
    f.n("empty-laravel-aws-secret", "", "AWS_ACCESS_KEY_ID=\nAWS_SECRET_ACCESS_KEY=")
    f = c.f("services/portal/config/services.php")
    f.t("<?php", "", "return [", "    'stripe' => [")
    f.n("env-laravel-env-helper", "env('STRIPE_SECRET')", "        'secret' => env('STRIPE_SECRET'),")
    f.t("    ],", "    'ses' => [")
    f.n("env-laravel-env-helper-ses", "env('AWS_SECRET_ACCESS_KEY')", "        'secret' => env('AWS_SECRET_ACCESS_KEY'),")
    f.t("    ],", "    'mailerlite' => [")
    f.p("jwt-mailerlite-token-php", g.jwt({"aud": "4", "jti": g.s(80, HEX), "iat": 1719000000, "sub": g.digits(6), "scopes": []}, alg="RS256"),
        "        'token' => '\u00a7',")
    f.t("    ],", "    'loops' => [")
    f.p("key-loops-php-config", g.s(32, HEX), "        'api_key' => '\u00a7',")
    f.t("    ],", "];")
    f = c.f("services/portal/config/database.php")
    f.t("<?php", "", "return [", "    'connections' => [", "        'mysql' => [", "            'host' => env('DB_HOST', '127.0.0.1'),")
    f.n("env-laravel-env-default-empty", "env('DB_PASSWORD', '')", "            'password' => env('DB_PASSWORD', ''),")
    f.t("        ],", "        'warehouse' => [", "            'driver' => 'pgsql',", "            'host' => 'warehouse.internal',",
        "            'username' => 'portal_ro',")
    f.p("password-laravel-database-php-literal", g.password(), "            'password' => '\u00a7',")
    f.t("        ],", "    ],", "];")
    f = c.f("services/portal/app/Services/PaddleClient.php")
    f.t("<?php", "", "namespace App\\Services;", "", "use GuzzleHttp\\Client;", "", "class PaddleClient", "{",
        "    public function http(): Client", "    {", "        return new Client([", "            'base_uri' => 'https://api.paddle.com/',")
    f.p("key-paddle-guzzle-bearer", "pdl_live_apikey_01" + g.s(24, UP + DIG) + "_" + g.mixed(22) + "_" + g.mixed(3),
        "            'headers' => ['Authorization' => 'Bearer \u00a7'],")
    f.t("        ]);", "    }", "}")
    f = c.f("services/portal/app/Services/AuthorizeNet.php")
    f.t("<?php", "", "namespace App\\Services;", "", "use net\\authorize\\api\\contract\\v1 as AnetAPI;", "",
        "final class AuthorizeNet", "{", "    public static function auth(): AnetAPI\\MerchantAuthenticationType", "    {",
        "        $auth = new AnetAPI\\MerchantAuthenticationType();")
    f.p("key-authorizenet-transaction", g.mixed(16),
        "        $auth->setName('%s');\n        $auth->setTransactionKey('\u00a7');" % g.mixed(12))
    f.t("        return $auth;", "    }", "}")
    f = c.f("services/portal/app/Http/Controllers/GitHubWebhookController.php")
    f.t("<?php", "", "namespace App\\Http\\Controllers;", "", "class GitHubWebhookController extends Controller", "{",
        "    public function __invoke(Request $request)", "    {")
    f.p("secret-github-webhook-hmac-php", g.mixed(40),
        "        $expected = 'sha256=' . hash_hmac('sha256', $request->getContent(), '\u00a7');")
    f.n("signature-github-header-ref", "X-Hub-Signature-256",
        "        abort_unless(hash_equals($expected, $request->header('\u00a7')), 403);")
    f.t("        return response()->noContent();", "    }", "}")
    f = c.f("services/portal/tests/Feature/LoginTest.php")
    f.t("<?php", "", "test('users can log in', function () {")
    f.n("hash-laravel-factory-password", "$2y$10$92IXUNpkjO0rOQ5byMi.Ye4oKoEa3Ro9llC/.og/at2.uheWG/igi",
        "    $user = User::factory()->create(['password' => '\u00a7']);")
    f.n("dummy-laravel-test-password", "password", "    $this->post('/login', ['email' => $user->email, 'password' => '\u00a7'])")
    f.t("        ->assertRedirect('/dashboard');", "});")
    f = c.f("services/portal/database/factories/UserFactory.php")
    f.t("<?php", "", "namespace Database\\Factories;", "", "class UserFactory extends Factory", "{",
        "    protected static ?string $password;", "", "    public function definition(): array", "    {", "        return [",
        "            'name' => fake()->name(),")
    f.n("hash-laravel-hash-make", "Hash::make('password')", "            'password' => static::$password ??= Hash::make('password'),")
    f.n("random-laravel-str-random", "Str::random(10)", "            'remember_token' => Str::random(10),")
    f.t("        ];", "    }", "}")
    f = c.f("services/admin/.env")
    f.t("# Symfony committed defaults; override in .env.local", "APP_ENV=prod")
    f.n("empty-symfony-app-secret", "", "APP_SECRET=")
    f.n("default-symfony-changeme", "!ChangeMe!", 'DATABASE_URL="postgresql://app:!ChangeMe!@127.0.0.1:5432/app?serverVersion=16&charset=utf8"')
    f.n("default-symfony-mailer-null", "null://null", "MAILER_DSN=\u00a7")
    f = c.f("services/admin/.env.prod.local")
    f.t("APP_ENV=prod")
    f.p("secret-symfony-app-secret", g.s(32, HEX), "APP_SECRET=\u00a7")
    f.p("password-symfony-mailer-dsn", g.mixed(14, HEX),
        "MAILER_DSN=smtp://%s:\u00a7@live.smtp.mailtrap.io:587" % g.s(14, HEX))
    f.p("password-symfony-database-url", g.urlpw(),
        'DATABASE_URL="postgresql://admin:\u00a7@admin-db.internal:5432/admin?serverVersion=16"')
    f = c.f("services/legacy/includes/db.php")
    f.t("<?php", "$dsn = 'mysql:host=legacy-db.internal;dbname=shop;charset=utf8mb4';")
    f.p("password-php-pdo-ctor", g.password(), "$pdo = new PDO($dsn, 'shop', '\u00a7', [PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION]);")
    f.p("password-php-mysqli-connect", g.password(), "$mysqli = mysqli_connect('legacy-db.internal', 'stats', '\u00a7', 'stats');")
    f.n("env-php-getenv", "getenv('LEGACY_SMTP_PASSWORD')", "$smtpPassword = getenv('LEGACY_SMTP_PASSWORD');")
    f.n("env-php-superglobal", "$_ENV['LEGACY_API_TOKEN']", "$apiToken = $_ENV['LEGACY_API_TOKEN'] ?? null;")
    f = c.f("services/portal/composer.lock")
    f.t("{", '    "_readme": ["This file locks the dependencies of your project to a known state"],')
    f.n("hash-composer-content-hash", g.s(32, HEX), '    "content-hash": "\u00a7",')
    f.t('    "packages": [', "        {", '            "name": "stripe/stripe-php",', '            "version": "v15.1.0",')
    f.n("hash-composer-source-reference", g.s(40, HEX), '            "source": {"type": "git", "url": "https://github.com/stripe/stripe-php.git", "reference": "\u00a7"},')
    f.n("hash-composer-dist-shasum", g.s(40, HEX), '            "dist": {"type": "zip", "shasum": "\u00a7"}')
    f.t("        }", "    ]", "}")


# ---------------------------------------------------------------------------
# .NET
# ---------------------------------------------------------------------------

@builder
def dotnet_files(c):
    g = c.g
    f = c.f("services/orders/appsettings.Production.json")
    f.t("{", '  "Logging": { "LogLevel": { "Default": "Warning" } },', '  "ConnectionStrings": {')
    f.p("key-cosmos-connection-string", g.b64(64),
        '    "Cosmos": "AccountEndpoint=https://orders-cosmos.documents.azure.com:443/;AccountKey=\u00a7;",')
    f.p("key-azure-communication-connection", g.b64(64),
        '    "Communication": "endpoint=https://orders-acs.europe.communication.azure.com/;accesskey=\u00a7"')
    f.t("  },")
    f.n("public-appinsights-connection-string", g.uuid(),
        '  "ApplicationInsights": { "ConnectionString": "InstrumentationKey=\u00a7;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/" },')
    f.t('  "OpenAI": {', '    "Endpoint": "https://orders-aoai.openai.azure.com/",')
    f.p("key-azure-openai-appsettings", g.s(32, HEX), '    "ApiKey": "\u00a7"')
    f.t("  }", "}")
    f = c.f("services/orders/appsettings.json")
    f.t("{", '  "AllowedHosts": "*",', '  "Stripe": {')
    f.n("placeholder-octopus-token", "#{Stripe.SecretKey}", '    "SecretKey": "\u00a7",')
    f.n("placeholder-token-replace", "__STRIPE_WEBHOOK_SECRET__", '    "WebhookSecret": "\u00a7"')
    f.t("  },", '  "Smtp": {', '    "Host": "localhost",')
    f.n("empty-appsettings-password", "", '    "Password": ""')
    f.t("  },")
    f.n("ref-keyvault-appsetting", "@Microsoft.KeyVault(SecretUri=https://orders-kv.vault.azure.net/secrets/cosmos-key/)",
        '  "CosmosKey": "\u00a7"')
    f.t("}")
    f = c.f("services/orders/Program.cs")
    f.t("var builder = WebApplication.CreateBuilder(args);", "")
    f.n("ref-dotnet-configuration-indexer", 'builder.Configuration["Stripe:SecretKey"]',
        'StripeConfiguration.ApiKey = builder.Configuration["Stripe:SecretKey"];')
    f.n("env-dotnet-getenvironmentvariable", 'Environment.GetEnvironmentVariable("ORDERS_SIGNING_KEY")',
        'var signingKey = Environment.GetEnvironmentVariable("ORDERS_SIGNING_KEY");')
    f.p("password-efcore-usenpgsql", g.password().replace(";", "9"),
        'builder.Services.AddDbContext<OrdersDb>(o =>\n    o.UseNpgsql("Host=orders-db.internal;Database=orders;Username=orders;Password=\u00a7"));')
    f.t("", "var app = builder.Build();", "app.MapControllers();", "app.Run();")
    f = c.f("services/orders/Services/GoCardlessClient.cs")
    f.t("using System.Net.Http.Headers;", "", "namespace Orders.Services;", "", "public static class GoCardlessHttp", "{",
        "    public static HttpClient Create()", "    {", '        var http = new HttpClient { BaseAddress = new Uri("https://api.gocardless.com/") };')
    f.p("token-gocardless-csharp-header", "live_" + g.mixed(40, B62 + "-_"),
        '        http.DefaultRequestHeaders.Authorization =\n            new AuthenticationHeaderValue("Bearer", "\u00a7");')
    f.t("        return http;", "    }", "}")
    f = c.f("services/orders/Services/AzureOpenAiFactory.cs")
    f.t("using Azure;", "using Azure.AI.OpenAI;", "", "namespace Orders.Services;", "", "public static class AzureOpenAiFactory", "{")
    f.p("key-azure-openai-csharp-credential", g.s(32, HEX),
        '    public static AzureOpenAIClient Create() =>\n        new(new Uri("https://orders-aoai.openai.azure.com/"), new AzureKeyCredential("\u00a7"));')
    f.t("}")
    f = c.f("services/orders/Services/KafkaSettings.cs")
    f.t("using Confluent.Kafka;", "", "namespace Orders.Services;", "", "public static class KafkaSettings", "{",
        "    public static ProducerConfig Producer => new()", "    {",
        '        BootstrapServers = "pkc-%s.westeurope.azure.confluent.cloud:9092",' % g.s(5, ALNUM_LO),
        "        SecurityProtocol = SecurityProtocol.SaslSsl,", "        SaslMechanism = SaslMechanism.Plain,")
    f.p("secret-confluent-cloud-csharp", g.mixed(64, B62 + "+/"),
        '        SaslUsername = "%s",\n        SaslPassword = "\u00a7",' % g.s(16, UP + DIG))
    f.t("    };", "}")
    f = c.f("services/orders/Services/SinchSms.cs")
    f.t("namespace Orders.Services;", "", "public sealed class SinchSms", "{")
    f.n("id-sinch-service-plan", g.s(32, HEX), '    private const string ServicePlanId = "\u00a7";')
    f.p("token-sinch-api-csharp", g.s(32, HEX), '    private const string ApiToken = "\u00a7";')
    f.t("}")
    f = c.f("services/orders.Tests/Fixtures.cs")
    f.t("namespace Orders.Tests;", "", "internal static class Fixtures", "{")
    f.n("dummy-csharp-test-token", "fake-token", '    public const string ApiToken = "\u00a7";')
    f.n("dummy-csharp-test-conn", "Password=secret", '    public const string Db = "Host=localhost;Database=orders_test;Username=test;\u00a7";')
    f.n("id-csharp-guid", g.uuid().upper(), '    public static readonly Guid TenantId = new("\u00a7");')
    f.t("}")


# ---------------------------------------------------------------------------
# Rust, Swift, Dart, Elixir, Perl, Lua, R
# ---------------------------------------------------------------------------

@builder
def rust_files(c):
    g = c.g
    f = c.f("services/indexer/src/llm.rs")
    f.t("use async_openai::{config::OpenAIConfig, Client};", "", "pub fn client() -> Client<OpenAIConfig> {")
    f.p("key-openai-rust-config", "sk-proj-" + g.mixed(74, B62 + "-_") + "T3BlbkFJ" + g.mixed(74, B62 + "-_"),
        '    let config = OpenAIConfig::new().with_api_key("\u00a7");')
    f.t("    Client::with_config(config)", "}", "")
    f.n("env-rust-std-env-var", 'std::env::var("INDEXER_ORG")', 'pub fn org() -> Option<String> { std::env::var("INDEXER_ORG").ok() }')
    f = c.f("services/indexer/src/db.rs")
    f.t("use sqlx::postgres::PgPoolOptions;", "", "pub async fn pool() -> sqlx::Result<sqlx::PgPool> {", "    PgPoolOptions::new()",
        "        .max_connections(8)")
    f.p("password-rust-sqlx-connect", g.mixed(24, B62 + "-_"),
        '        .connect("postgres://indexer:\u00a7@indexer-db.internal/indexer")')
    f.t("        .await", "}", "")
    f.n("env-rust-dotenvy", 'dotenvy::var("REPLICA_URL")', 'pub fn replica_url() -> String { dotenvy::var("REPLICA_URL").expect("REPLICA_URL") }')
    f = c.f("services/indexer/src/mail.rs")
    f.t("use lettre::transport::smtp::authentication::Credentials;", "", "pub fn creds() -> Credentials {")
    f.p("password-rust-lettre-brevo", "xsmtpsib-" + g.s(64, HEX) + "-" + g.mixed(16),
        '    Credentials::new("indexer@acme.io".to_owned(), "\u00a7".to_owned())')
    f.t("}")
    f = c.f("services/indexer/Rocket.toml")
    f.t("[default]", "address = \"0.0.0.0\"", "port = 8000", "", "[release]")
    f.p("secret-key-rocket-toml", g.b64(32), 'secret_key = "\u00a7"')
    f.n("setting-rocket-ident", "false", "ident = \u00a7")
    f = c.f("services/indexer/Cargo.lock")
    f.t("version = 3", "", "[[package]]", 'name = "sqlx"', 'version = "0.7.4"', 'source = "registry+https://github.com/rust-lang/crates.io-index"')
    f.n("hash-cargo-lock-checksum", g.s(64, HEX), 'checksum = "\u00a7"')


@builder
def swift_files(c):
    g = c.g
    f = c.f("apps/ios/Acme/Config/Keys.swift")
    f.t("import Foundation", "", "enum Keys {")
    f.n("public-revenuecat-apple-sdk-key", "appl_" + g.mixed(27), '    static let revenueCat = "\u00a7"')
    f.n("public-onesignal-app-id", g.uuid(), '    static let oneSignalAppId = "\u00a7"')
    f.p("key-onesignal-rest-swift", "os_v2_app_" + g.s(110, LO + "234567"), '    static let oneSignalRestKey = "\u00a7"')
    f.n("public-stripe-pk-swift", "pk_live_" + g.mixed(99), '    static let stripePublishable = "\u00a7"')
    f.n("env-swift-processinfo", 'ProcessInfo.processInfo.environment["ACME_API_HOST"]',
        '    static let apiHost = ProcessInfo.processInfo.environment["ACME_API_HOST"] ?? "api.acme-shop.io"')
    f.t("}")
    f = c.f("apps/ios/Acme/Networking/ClaudeClient.swift")
    f.t("import Foundation", "", "struct ClaudeClient {", "    func request(_ body: Data) -> URLRequest {",
        '        var req = URLRequest(url: URL(string: "https://api.anthropic.com/v1/messages")!)', '        req.httpMethod = "POST"')
    f.p("key-anthropic-swift-header", "sk-ant-api03-" + g.mixed(93, B62 + "-_") + "AA",
        '        req.setValue("\u00a7", forHTTPHeaderField: "x-api-key")')
    f.t('        req.setValue("2023-06-01", forHTTPHeaderField: "anthropic-version")', "        req.httpBody = body", "        return req", "    }", "}")
    f = c.f("services/vapor/Sources/App/configure.swift")
    f.t("import Vapor", "import Fluent", "import FluentPostgresDriver", "", "public func configure(_ app: Application) throws {",
        "    app.databases.use(.postgres(configuration: .init(", '        hostname: "vapor-db.internal",', '        username: "vapor",')
    f.p("password-vapor-postgres-config", g.password(), '        password: "\u00a7",')
    f.t('        database: "vapor",', "        tls: .prefer(try .init(configuration: .clientDefault))", "    )), as: .psql)")
    f.n("env-vapor-environment-get", 'Environment.get("JWT_SIGNING_KEY")', '    let signingKey = Environment.get("JWT_SIGNING_KEY") ?? ""')
    f.t("}")
    f = c.f("apps/ios/Acme.xcworkspace/xcshareddata/swiftpm/Package.resolved")
    f.t("{", '  "pins" : [', "    {", '      "identity" : "stripe-ios",', '      "location" : "https://github.com/stripe/stripe-ios",',
        '      "state" : {')
    f.n("hash-package-resolved-revision", g.s(40, HEX), '        "revision" : "\u00a7",')
    f.t('        "version" : "23.27.0"', "      }", "    }", "  ],")
    f.n("hash-package-resolved-origin", g.s(64, HEX), '  "originHash" : "\u00a7",')
    f.t('  "version" : 3', "}")


@builder
def dart_files(c):
    g = c.g
    f = c.f("apps/mobile/lib/config/env.dart")
    f.t("class Env {")
    f.n("env-dart-fromenvironment", "String.fromEnvironment('API_BASE')", "  static const apiBase = String.fromEnvironment('API_BASE');")
    f.p("key-openai-dart-const", "sk-proj-" + g.mixed(74, B62 + "-_") + "T3BlbkFJ" + g.mixed(74, B62 + "-_"),
        "  static const openAiKey = '\u00a7';")
    f.n("public-stripe-pk-dart", "pk_live_" + g.mixed(99), "  static const stripePublishableKey = '\u00a7';")
    f.p("token-sendbird-dart", g.s(40, HEX), "  static const sendbirdApiToken = '\u00a7';")
    f.n("id-sendbird-app-id", g.uuid().upper(), "  static const sendbirdAppId = '\u00a7';")
    f.t("}")
    f = c.f("apps/mobile/lib/services/reporting_db.dart")
    f.t("import 'package:postgres/postgres.dart';", "", "Future<Connection> openReporting() => Connection.open(", "      Endpoint(",
        "        host: 'reporting.internal',", "        database: 'reporting',", "        username: 'mobile_ro',")
    f.p("password-dart-postgres-endpoint", g.urlpw(), "        password: '\u00a7',")
    f.t("      ),", "    );")
    f = c.f("apps/mobile/assets/.env")
    f.t("# flutter_dotenv asset bundled into the app")
    f.p("key-elevenlabs-flutter-dotenv", "sk_" + g.s(48, HEX), "ELEVENLABS_API_KEY=\u00a7")
    f.n("public-firebase-sender-id", g.digits(12), "FIREBASE_MESSAGING_SENDER_ID=\u00a7")
    f = c.f("apps/mobile/pubspec.lock")
    f.t("packages:", "  http:", "    dependency: direct main", "    description:", '      name: http', '      url: "https://pub.dev"')
    f.n("hash-pubspec-lock-sha256", g.s(64, HEX), '      sha256: "\u00a7"')
    f.t('    source: hosted', '    version: "1.2.1"')


@builder
def elixir_files(c):
    g = c.g
    f = c.f("services/realtime/config/config.exs")
    f.t("import Config", "", "config :realtime, ecto_repos: [Realtime.Repo]", "")
    f.p("key-aws-elixir-ex-aws", g.aws_secret(),
        'config :ex_aws,\n  access_key_id: "%s",\n  secret_access_key: "\u00a7",\n  region: "eu-west-1"' % g.aws_id())
    f.t("")
    f.p("key-brevo-swoosh-elixir", "xkeysib-" + g.s(64, HEX) + "-" + g.mixed(16),
        'config :realtime, Realtime.Mailer,\n  adapter: Swoosh.Adapters.Sendinblue,\n  api_key: "\u00a7"')
    f.n("salt-phoenix-live-view", g.mixed(8), 'config :realtime, RealtimeWeb.Endpoint, live_view: [signing_salt: "\u00a7"]')
    f = c.f("services/realtime/config/runtime.exs")
    f.t("import Config", "", "if config_env() == :prod do")
    f.n("env-elixir-fetch-env", 'System.fetch_env!("SECRET_KEY_BASE")', '  secret_key_base = System.fetch_env!("SECRET_KEY_BASE")')
    f.n("env-elixir-get-env", 'System.get_env("DATABASE_URL")', '  database_url = System.get_env("DATABASE_URL") || raise "DATABASE_URL is missing"')
    f.n("ref-elixir-variable-secret-key-base", "secret_key_base: secret_key_base", "  config :realtime, RealtimeWeb.Endpoint, secret_key_base: secret_key_base")
    f.t("end")
    f = c.f("services/realtime/lib/realtime/deepseek.ex")
    f.t("defmodule Realtime.DeepSeek do", "  def client do")
    f.p("key-deepseek-elixir-req", "sk-" + g.s(32, HEX),
        '    Req.new(base_url: "https://api.deepseek.com", auth: {:bearer, "\u00a7"})')
    f.t("  end", "end")
    f = c.f("services/realtime/test/support/fixtures.ex")
    f.t("defmodule Realtime.Fixtures do")
    f.n("dummy-elixir-test-password", "hello world!", '  def valid_user_password, do: "\u00a7"')
    f.t("end")
    f = c.f("services/realtime/mix.lock")
    f.n("hash-mix-lock", g.s(64, HEX), '%{\n  "jason": {:hex, :jason, "1.4.1", "\u00a7", [:mix], [], "hexpm", "' + g.s(64, HEX) + '"},\n}')


@builder
def perl_lua_r(c):
    g = c.g
    f = c.f("tools/perl/lib/Acme/Shortener.pm")
    f.t("package Acme::Shortener;", "use strict;", "use warnings;", "use LWP::UserAgent;", "", "my $ua = LWP::UserAgent->new(timeout => 10);")
    f.p("token-bitly-perl-header", g.s(40, HEX), '$ua->default_header(Authorization => "Bearer \u00a7");')
    f.n("env-perl-env-hash", "$ENV{SHORTENER_DOMAIN}", "my $domain = $ENV{SHORTENER_DOMAIN} // 'acme.link';")
    f.t("", "1;")
    f = c.f("tools/perl/bin/nightly_mail.pl")
    f.t("#!/usr/bin/perl", "use strict;", "use Net::SMTP;", "", "my $smtp = Net::SMTP->new('smtp.sparkpostmail.com', Port => 587);", "$smtp->starttls();")
    f.p("password-perl-net-smtp-auth", g.s(40, HEX), "$smtp->auth('SMTP_Injection', '\u00a7');")
    f.t("$smtp->mail('reports\\@acme.io');")
    f = c.f("gateway/lua/hmac_auth.lua")
    f.t("local hmac = require \"resty.hmac\"", "")
    f.p("secret-lua-hmac-literal", g.mixed(48, B62 + "+/"), 'local SHARED_SECRET = "\u00a7"')
    f.n("env-lua-os-getenv", 'os.getenv("GATEWAY_UPSTREAM")', 'local upstream = os.getenv("GATEWAY_UPSTREAM") or "127.0.0.1:8080"')
    f.t("", "local function sign(body)", "  return hmac:new(SHARED_SECRET, hmac.ALGOS.SHA256):final(body, true)", "end", "", "return { sign = sign }")
    f = c.f("gateway/lua/session_store.lua")
    f.t("local luasql = require \"luasql.mysql\"", "local env = luasql.mysql()")
    f.p("password-lua-luasql-connect", g.password(), 'local conn = env:connect("sessions", "gateway", "\u00a7", "sessions-db.internal", 3306)')
    f.t("return conn")
    f = c.f("analysis/R/fetch_orders.R")
    f.t("library(httr)", "library(jsonlite)", "")
    f.p("token-strapi-r-header", g.s(256, HEX),
        'res <- GET("https://cms.acme.io/api/orders",\n           add_headers(Authorization = paste("Bearer", "\u00a7")))')
    f.n("env-r-sys-getenv", 'Sys.getenv("ORDERS_API_URL")', 'base_url <- Sys.getenv("ORDERS_API_URL")')
    f.p("key-openai-r-setenv", "sk-proj-" + g.mixed(74, B62 + "-_") + "T3BlbkFJ" + g.mixed(74, B62 + "-_"),
        'Sys.setenv(OPENAI_API_KEY = "\u00a7")')
    f = c.f("analysis/R/send_report.R")
    f.t("library(mailR)", "", "send.mail(from = \"analytics@acme.io\", to = \"leads@acme.io\",", "          subject = \"Weekly orders\",",
        "          smtp = list(host.name = \"smtp.office365.com\", port = 587,", "                      user.name = \"analytics@acme.io\",")
    f.p("password-r-mailr-smtp", g.password(), '                      passwd = "\u00a7", tls = TRUE),')
    f.t("          authenticate = TRUE, send = TRUE)")
    f = c.f("analysis/renv.lock")
    f.t("{", '  "Packages": {', '    "httr": {', '      "Package": "httr",', '      "Version": "1.4.7",')
    f.n("hash-renv-lock", g.s(32, HEX), '      "Hash": "\u00a7"')
    f.t("    }", "  }", "}")


# ---------------------------------------------------------------------------
# Apps, bots, tooling, build output, docs
# ---------------------------------------------------------------------------

@builder
def bot_files(c):
    g = c.g
    f = c.f("apps/triage-bot/.env")
    f.t("# probot app: acme-triage")
    f.n("id-github-app-id-env", g.digits(6), "APP_ID=\u00a7")
    f.n("public-github-app-client-id", "Iv1." + g.s(16, HEX), "GITHUB_CLIENT_ID=\u00a7")
    f.p("secret-github-app-client-env", g.s(40, HEX), "GITHUB_CLIENT_SECRET=\u00a7")
    f.p("secret-github-webhook-env", g.mixed(32, B62), "WEBHOOK_SECRET=\u00a7")
    key = pem_key("rsa")
    body = key.split("\n")
    f.p("private-key-rsa-dotenv-multiline", body[3], 'PRIVATE_KEY="' + key + '"')
    f.t("LOG_LEVEL=info")
    f = c.f("apps/triage-bot/acme-triage.2024-06-01.private-key.pem")
    key2 = pem_key("rsa")
    f.p("private-key-rsa-github-app-file", key2.split("\n")[5], key2)
    f = c.f("apps/discord-bot/src/config.ts")
    f.t("export const config = {")
    f.n("id-discord-application", g.digits(19), "  applicationId: '\u00a7',")
    f.n("public-discord-interactions-key", g.s(64, HEX), "  publicKey: '\u00a7',")
    app_id = g.digits(19)
    f.p("token-discord-bot-ts", base64.b64encode(app_id.encode()).decode().rstrip("=") + "." + g.mixed(6, B62 + "-_") + "." + g.mixed(38, B62 + "-_"),
        "  botToken: '\u00a7',")
    f.t("};")


@builder
def tooling_files(c):
    g = c.g
    f = c.f("codecov.yml")
    f.t("codecov:")
    f.p("token-codecov-yml", g.uuid(), "  token: \u00a7")
    f.t("coverage:", "  status:", "    project:", "      default:", "        target: 80%")
    f = c.f("apps/web/cypress.config.ts")
    f.t("import { defineConfig } from 'cypress';", "", "export default defineConfig({")
    f.n("id-cypress-project", g.s(6, LO + DIG), "  projectId: '\u00a7',")
    f.p("key-cypress-record-key", g.uuid(), "  recordKey: '\u00a7',")
    f.t("  e2e: { baseUrl: 'http://localhost:3000' },", "});")
    f = c.f("apps/web/wdio.conf.js")
    f.t("exports.config = {")
    f.p("key-browserstack-wdio", g.mixed(20), "  user: 'acmeqa_%s',\n  key: '\u00a7'," % g.s(6, LO + DIG))
    f.t("  services: ['browserstack'],", "  capabilities: [{ browserName: 'chrome' }],", "};")
    f = c.f("apps/web/.vercel/project.json")
    f.n("id-vercel-project-json", "prj_" + g.mixed(28),
        '{"orgId":"team_%s","projectId":"\u00a7"}' % g.mixed(24))
    f = c.f("scripts/deploy-preview.sh")
    f.t("#!/usr/bin/env bash", "set -euo pipefail", "")
    f.p("token-vercel-cli-flag", g.mixed(24), 'npx vercel deploy --prebuilt --token "\u00a7"')
    f.p("key-render-api-curl", "rnd_" + g.mixed(32),
        'curl -fsS -X POST "https://api.render.com/v1/services/srv-%s/deploys" \\\n  -H "Authorization: Bearer \u00a7"' % g.s(20, LO + DIG))
    f.n("env-shell-token-expansion", '"$SENTRY_AUTH_TOKEN"', 'npx @sentry/cli releases new "$GITHUB_SHA" --auth-token "$SENTRY_AUTH_TOKEN"')
    f = c.f("apps/cms/.env")
    f.t("HOST=0.0.0.0", "PORT=1337")
    f.p("secret-strapi-app-keys", g.b64(16), "APP_KEYS=%s,\u00a7" % g.b64(16))
    f.p("secret-strapi-api-token-salt", g.b64(16), "API_TOKEN_SALT=\u00a7")
    f.p("secret-strapi-admin-jwt", g.b64(16), "ADMIN_JWT_SECRET=\u00a7")
    f.p("secret-strapi-jwt", g.b64(16), "JWT_SECRET=\u00a7")
    f = c.f("apps/studio/sanity.cli.ts")
    f.t("import { defineCliConfig } from 'sanity/cli';", "")
    f.n("id-sanity-project", g.s(8, LO + DIG), "export default defineCliConfig({ api: { projectId: '\u00a7', dataset: 'production' } });")
    f = c.f("apps/studio/scripts/migrate-authors.ts")
    f.t("import { createClient } from '@sanity/client';", "", "const client = createClient({", "  projectId: 'acmecms1',", "  dataset: 'production',")
    f.p("token-sanity-write", "sk" + g.mixed(180), "  token: '\u00a7',")
    f.t("  apiVersion: '2024-06-01',", "  useCdn: false,", "});")
    f = c.f("apps/web/src/lib/typeform.ts")
    f.p("token-typeform-pat", "tfp_" + g.mixed(44, B62 + "_") + "_" + g.mixed(14),
        "export const typeform = createClient({ token: '\u00a7' });")
    f.n("id-typeform-form", g.mixed(8), "export const NPS_FORM_ID = '\u00a7';")
    f = c.f("apps/web/src/lib/geo.ts")
    f.p("key-here-server-apikey", g.mixed(43, B62 + "-_"), "const HERE_API_KEY = '\u00a7'; // server-side geocoding")
    f.p("token-ipinfo-server", g.s(14, HEX), "const IPINFO_TOKEN = '\u00a7';")
    f.n("template-js-url-apikey", "${HERE_API_KEY}", "export const geocode = (q: string) =>\n  fetch(`https://geocode.search.hereapi.com/v1/geocode?q=${encodeURIComponent(q)}&apiKey=${HERE_API_KEY}`);")
    f = c.f("services/api/src/monitoring/logs.ts")
    f.t("import winston from 'winston';", "")
    f.p("token-loggly-url", g.uuid(),
        "const loggly = new winston.transports.Http({ host: 'logs-01.loggly.com', path: '/inputs/\u00a7/tag/http/', ssl: true });")
    f.p("token-splunk-hec-header", g.uuid(), "const splunkHeaders = { Authorization: 'Splunk \u00a7' };")
    f.p("token-axiom-api", "xaat-" + g.uuid(), "const AXIOM_TOKEN = '\u00a7';")
    f.p("token-betterstack-source", g.mixed(24), "const logtail = new Logtail('\u00a7');")
    f.p("key-datadog-api-node", g.s(32, HEX), "const DD_API_KEY = '\u00a7';")
    f.p("key-datadog-app-node", g.s(40, HEX), "const DD_APP_KEY = '\u00a7';")
    f.n("id-trace-otel", g.s(32, HEX), "const SAMPLE_TRACE_ID = '\u00a7'; // used in the dashboard docs")


@builder
def build_output(c):
    g = c.g
    f = c.f("apps/web/build/asset-manifest.json")
    f.t("{", '  "files": {')
    for name in ["main.js", "main.css", "static/js/787.chunk.js"]:
        h = g.s(8, HEX)
        ext = name.rsplit(".", 1)[1]
        f.n("hash-webpack-asset-manifest", h, '    "%s": "/static/%s/%s.%s.%s",' % (name, ext, name.split("/")[-1].split(".")[0], h, ext))
    f.t('    "index.html": "/index.html"', "  },", '  "entrypoints": [')
    h = g.s(8, HEX)
    f.n("hash-webpack-entrypoint", h, '    "static/js/main.\u00a7.js"')
    f.t("  ]", "}")
    f = c.f("apps/dashboard/dist/assets/index-%s.js" % "Bq3xZ1a9")
    f.n("hash-minified-chunk-map", g.s(20, HEX),
        'var e={187:"' + "\u00a7" + '",214:"%s"};function t(n){return"assets/"+n+"."+e[n]+".js"}' % g.s(20, HEX))
    f.n("hash-minified-integrity", "sha512-" + g.b64(64), 'const r="\u00a7";export{r as i};')
    f.n("hash-sourcemap-debug-id", g.uuid(), "//# debugId=\u00a7")
    f.t("//# sourceMappingURL=index-Bq3xZ1a9.js.map")
    f = c.f("apps/web/public/sw.js")
    f.t("importScripts('/workbox-v7.1.0/workbox-sw.js');", "workbox.precaching.precacheAndRoute([")
    for u in ["/index.html", "/offline.html", "/static/js/main.js"]:
        f.n("hash-workbox-revision", g.s(32, HEX), "  { url: '%s', revision: '\u00a7' }," % u)
    f.t("]);")
    f = c.f("apps/web/pnpm-lock.yaml")
    f.t("lockfileVersion: '9.0'", "", "packages:", "")
    for pkg in ["stripe@16.2.0", "openai@4.52.0", "resend@3.4.0"]:
        f.n("hash-pnpm-integrity", "sha512-" + g.b64(64), "  %s:\n    resolution: {integrity: \u00a7}" % pkg)
        f.t("")


@builder
def fixtures_misc(c):
    g = c.g
    f = c.f("services/api/test/fixtures/github_push.json")
    f.t("{")
    f.n("hash-git-after-sha", g.s(40, HEX), '  "after": "\u00a7",')
    f.n("hash-git-before-sha", g.s(40, HEX), '  "before": "\u00a7",')
    f.t('  "ref": "refs/heads/main",')
    f.n("signature-github-hub-256", "sha256=" + g.s(64, HEX), '  "_headers": { "X-Hub-Signature-256": "\u00a7" },')
    f.n("id-github-delivery-guid", g.uuid(), '  "_delivery": "\u00a7"')
    f.t("}")
    f = c.f("services/api/test/fixtures/jwks.json")
    f.t("{", '  "keys": [', "    {", '      "kty": "RSA",', '      "use": "sig",')
    f.n("id-jwks-kid", g.mixed(43, B62 + "-_"), '      "kid": "\u00a7",')
    f.n("public-jwks-modulus", g.b64url(256), '      "n": "\u00a7",')
    f.t('      "e": "AQAB"', "    }", "  ]", "}")
    f = c.f("services/api/test/fixtures/orders_page.json")
    cursor = base64.b64encode(json.dumps({"id": g.r.randint(1000, 99999), "created": "2024-06-01T10:00:00Z"}).encode()).decode()
    f.t("{", '  "data": [],')
    f.n("base64-pagination-cursor", cursor, '  "next_cursor": "\u00a7",')
    f.n("base64-json-state-param", base64.urlsafe_b64encode(json.dumps({"return_to": "/billing", "nonce": g.s(8, HEX)}).encode()).decode().rstrip("="),
        '  "oauth_state": "\u00a7",')
    f.t('  "has_more": false', "}")
    f = c.f("services/api/test/__snapshots__/client.test.ts.snap")
    f.t("// Jest Snapshot v1, https://goo.gl/fbAQLP", "", "exports[`client sends auth header 1`] = `", "{")
    f.n("placeholder-redacted-bearer", "Bearer [REDACTED]", '  "authorization": "\u00a7",')
    f.n("placeholder-masked-key", "sk-...a1B2", '  "x-api-key-hint": "\u00a7",')
    f.t("}", "`;")
    f = c.f("services/api/test/payments.test.ts")
    f.t("import { describe, it, expect } from 'vitest';", "", "describe('webhooks', () => {")
    f.n("dummy-vitest-webhook-secret", "whsec_test_secret", "  const secret = '\u00a7';")
    f.n("dummy-vitest-api-key", "test_api_key_123", "  const client = makeClient({ apiKey: '\u00a7' });")
    f.n("computed-vitest-fake-key", "'sk_live_' + 'x'.repeat(24)", "  const looksReal = 'sk_live_' + 'x'.repeat(24);")
    f.t("  it('rejects bad signatures', () => {", "    expect(() => verify('{}', 't=1,v1=00', secret)).toThrow();", "  });", "});")
    f = c.f("services/api/src/security/hash.ts")
    f.t("import { createHash, randomBytes } from 'node:crypto';", "")
    f.n("random-node-randombytes", "randomBytes(32).toString('hex')", "export const newApiKey = () => 'ak_' + randomBytes(32).toString('hex');")
    f.n("hash-sha256-empty-string", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "export const EMPTY_SHA256 = '\u00a7';")
    f.n("hash-bcrypt-stored", "$2b$12$" + g.s(53, B62 + "./"), "export const SEED_ADMIN_HASH = '\u00a7';")
    f.t("export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');")
    f = c.f("apps/web/src/components/ApiKeyForm.tsx")
    f.t("export function ApiKeyForm() {", "  return (", "    <form>")
    f.n("placeholder-jsx-input", "sk-...", '      <input name="apiKey" type="password" placeholder="\u00a7" autoComplete="off" />')
    f.n("label-jsx-password", "Password", "      <label htmlFor=\"password\">\u00a7</label>")
    f.t("    </form>", "  );", "}")
    f = c.f("apps/web/src/locales/en.json")
    f.t("{")
    f.n("i18n-api-key-label", "Your API key", '  "settings.apiKey.label": "\u00a7",')
    f.n("i18n-password-hint", "Use at least 12 characters", '  "auth.password.hint": "\u00a7",')
    f.n("i18n-token-expired", "Your session token has expired", '  "auth.token.expired": "\u00a7"')
    f.t("}")


@builder
def docs_files(c):
    g = c.g
    f = c.f("docs/integrations.md")
    f.t("# Third-party integrations", "", "Every key lives in the secret manager; local development uses `.env.local`.", "",
        "## OpenAI and Anthropic", "", "```bash")
    f.n("doc-placeholder-openai-export", "<your key>", "export OPENAI_API_KEY=<your key>")
    f.n("doc-placeholder-anthropic-dots", "sk-ant-api03-...", "export ANTHROPIC_API_KEY=sk-ant-api03-...")
    f.t("```", "", "## Stripe", "")
    f.n("doc-placeholder-stripe-xs", "sk_live_xxxxxxxxxxxxxxxxxxxxxxxx",
        "Set `STRIPE_SECRET_KEY` (it looks like `sk_live_xxxxxxxxxxxxxxxxxxxxxxxx`) in the vault under `prod/payments/stripe`.")
    f.t("", "## Twilio", "")
    f.n("doc-placeholder-twilio-template", "{{TWILIO_AUTH_TOKEN}}",
        "The SMS worker reads `{{TWILIO_AUTH_TOKEN}}` from the `notify` secret group.")
    f.t("", "## Incident 2024-04: leaked Resend key", "",
        "The key below was pasted in #eng-alerts and has since been rotated; it stays here for the timeline.", "")
    f.p("key-resend-in-postmortem", "re_" + g.mixed(8) + "_" + g.mixed(24), "    RESEND_API_KEY=\u00a7")
    f.t("", "## Postman", "")
    f.n("doc-placeholder-postman-var", "{{postmark_token}}", "Header: `X-Postmark-Server-Token: {{postmark_token}}`")
    f = c.f("README.md")
    f.t("# acme-shop", "", "Monorepo for the storefront, dashboard and services.", "", "## Getting started", "", "```sh",
        "pnpm install", "cp apps/web/.env.example apps/web/.env.local")
    f.n("doc-placeholder-readme-env", "YOUR_STRIPE_SECRET_KEY", "echo 'STRIPE_SECRET_KEY=YOUR_STRIPE_SECRET_KEY' >> apps/web/.env.local")
    f.t("pnpm dev", "```", "")
    f.n("doc-aws-example-secret", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "Local S3 uses MinIO; the AWS docs example secret `wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY` works as a dummy.")
    f = c.f("docs/api/openapi.yaml")
    f.t("openapi: 3.1.0", "info:", "  title: Acme Shop API", "  version: 2.4.0", "components:", "  securitySchemes:", "    bearerAuth:",
        "      type: http", "      scheme: bearer")
    f.n("doc-openapi-apikey-header-name", "X-Acme-Api-Key", "    apiKey:\n      type: apiKey\n      in: header\n      name: \u00a7")
    f.t("  schemas:", "    ApiKey:", "      type: object", "      properties:", "        prefix:", "          type: string")
    f.n("doc-openapi-example-masked", "ak_live_****************3f9c", "          example: \u00a7")
    f.n("doc-openapi-example-key-id", g.uuid(), "        id:\n          type: string\n          example: \u00a7")



# ---------------------------------------------------------------------------
# Second batch: auth providers, CRM and platform SDKs, encrypted env files
# ---------------------------------------------------------------------------

@builder
def js_more(c):
    g = c.g
    f = c.f("apps/web/src/app/api/auth/[...nextauth]/route.ts")
    f.t("import NextAuth from 'next-auth';", "import Google from 'next-auth/providers/google';", "import GitHub from 'next-auth/providers/github';", "",
        "const handler = NextAuth({", "  providers: [", "    Google({")
    f.n("public-google-oauth-client-id", g.digits(12) + "-" + g.s(32, LO + DIG) + ".apps.googleusercontent.com", "      clientId: '\u00a7',")
    f.p("secret-google-oauth-nextauth", "GOCSPX-" + g.mixed(28, B62 + "-_"), "      clientSecret: '\u00a7',")
    f.t("    }),", "    GitHub({")
    f.n("public-github-oauth-client-id", "Ov23li" + g.mixed(14), "      clientId: '\u00a7',")
    f.p("secret-github-oauth-nextauth", g.s(40, HEX), "      clientSecret: '\u00a7',")
    f.t("    }),", "  ],")
    f.n("env-nextauth-secret-process-env", "process.env.AUTH_SECRET", "  secret: process.env.AUTH_SECRET,")
    f.t("});", "", "export { handler as GET, handler as POST };")
    f = c.f("services/slack-app/app.js")
    f.t("const { App } = require('@slack/bolt');", "", "const app = new App({")
    f.p("token-slack-bot-bolt", "xoxb-%s-%s-%s" % (g.digits(12), g.digits(13), g.mixed(24)), "  token: '\u00a7',")
    f.p("secret-slack-signing-bolt", g.s(32, HEX), "  signingSecret: '\u00a7',")
    f.t("});", "")
    f.n("id-slack-channel", "C0" + g.s(9, UP + DIG), "const ALERTS_CHANNEL = '\u00a7';")
    f.n("id-slack-team", "T0" + g.s(9, UP + DIG), "const TEAM_ID = '\u00a7';")
    f.t("", "(async () => { await app.start(3000); })();")
    f = c.f("apps/shopify-app/app/shopify.server.ts")
    f.t("import { shopifyApp } from '@shopify/shopify-app-remix/server';", "", "const shopify = shopifyApp({")
    f.n("public-shopify-api-key-client-id", g.s(32, HEX), "  apiKey: '\u00a7',")
    f.p("secret-shopify-api-secret-remix", g.s(32, HEX), "  apiSecretKey: '\u00a7',")
    f.t("  scopes: ['read_products', 'write_orders'],", "  appUrl: 'https://shopify.acme-shop.io',", "});", "")
    f.p("token-shopify-admin-script", "shpat_" + g.s(32, HEX), "export const ADMIN_TOKEN = '\u00a7'; // custom app on acme-dev.myshopify.com")
    f.t("export default shopify;")
    f = c.f("services/api/src/email/sendgrid.js")
    f.t("const sgMail = require('@sendgrid/mail');", "")
    f.p("key-sendgrid-setapikey", "SG." + g.mixed(22, B62 + "-_") + "." + g.mixed(43, B62 + "-_"), "sgMail.setApiKey('\u00a7');")
    f.n("id-sendgrid-template", "d-" + g.s(32, HEX), "const WELCOME_TEMPLATE = '\u00a7';")
    f = c.f("services/api/src/email/mailchimp.js")
    f.t("const mailchimp = require('@mailchimp/mailchimp_marketing');", "")
    f.p("key-mailchimp-setconfig", g.s(32, HEX) + "-us21", "mailchimp.setConfig({\n  apiKey: '\u00a7',\n  server: 'us21',\n});")
    f = c.f("services/api/src/email/smtp.js")
    f.t("const nodemailer = require('nodemailer');", "", "module.exports = nodemailer.createTransport({", "  service: 'gmail',")
    pw = " ".join(g.s(4, LO) for _ in range(4))
    f.p("password-gmail-app-nodemailer", pw, "  auth: {\n    user: 'alerts.acmeshop@gmail.com',\n    pass: '\u00a7',\n  },")
    f.t("});")
    f = c.f("services/api/src/firebase.js")
    f.t("const admin = require('firebase-admin');", "")
    key = pem_key("pkcs8")
    esc = key.replace("\n", "\\n")
    f.p("private-key-firebase-admin-cert-escaped", key.split("\n")[2],
        "admin.initializeApp({\n  credential: admin.credential.cert({\n    projectId: 'acme-shop-prod',\n    clientEmail: 'firebase-adminsdk-x1y2z@acme-shop-prod.iam.gserviceaccount.com',\n    privateKey: \"%s\",\n  }),\n});" % esc)
    f.n("url-firebase-database", "https://acme-shop-prod-default-rtdb.europe-west1.firebasedatabase.app", "const DB_URL = '\u00a7';")
    f = c.f("services/api/knexfile.js")
    f.t("module.exports = {", "  production: {", "    client: 'pg',", "    connection: {", "      host: 'analytics-db.internal',",
        "      user: 'analytics',")
    f.p("password-knexfile-connection", g.password(), "      password: '\u00a7',")
    f.t("      database: 'analytics',", "    },", "  },", "  test: {", "    client: 'pg',")
    f.n("dummy-knexfile-test-url", "postgres://postgres:postgres@localhost:5432/test", "    connection: '\u00a7',")
    f.t("  },", "};")
    f = c.f("apps/web/prisma/.env")
    f.p("password-planetscale-prisma-url", "pscale_pw_" + g.mixed(43, B62 + "_"),
        'DATABASE_URL="mysql://%s:\u00a7@aws.connect.psdb.cloud/shop?sslaccept=strict"' % g.s(12, LO + DIG))
    f.p("token-planetscale-service", "pscale_tkn_" + g.mixed(43, B62 + "_"), "PLANETSCALE_SERVICE_TOKEN=\u00a7")
    f.n("id-planetscale-service-token-id", g.s(12, LO + DIG), "PLANETSCALE_SERVICE_TOKEN_ID=\u00a7")
    f = c.f("apps/web/src/lib/notion.ts")
    f.t("import { Client } from '@notionhq/client';", "")
    f.p("token-notion-ntn", "ntn_" + g.digits(11) + g.mixed(35), "export const notion = new Client({ auth: '\u00a7' });")
    f.n("id-notion-database", g.s(32, HEX), "export const CHANGELOG_DB = '\u00a7';")
    f = c.f("apps/web/src/lib/env.ts")
    f.t("// typed access to runtime configuration", "")
    f.n("env-vite-import-meta", "import.meta.env.VITE_API_BASE", "export const apiBase = import.meta.env.VITE_API_BASE;")
    f.n("env-deno-env-get", 'Deno?.env.get("EDGE_SIGNING_KEY")', 'export const edgeKey = globalThis.Deno?.env.get("EDGE_SIGNING_KEY");')
    f.n("env-bun-env", "Bun?.env.WORKER_TOKEN", "export const workerToken = globalThis.Bun?.env.WORKER_TOKEN;")
    f.n("env-nullish-empty-default", "process.env.OPENAI_API_KEY ?? ''", "export const openaiKey = process.env.OPENAI_API_KEY ?? '';")
    f = c.f("apps/storefront-nuxt/nuxt.config.ts")
    f.t("export default defineNuxtConfig({", "  runtimeConfig: {")
    f.n("empty-nuxt-runtime-secret", "''", "    stripeSecretKey: '', // NUXT_STRIPE_SECRET_KEY at runtime")
    f.t("    public: {")
    f.n("public-stripe-pk-nuxt", "pk_live_" + g.mixed(99), "      stripePublishableKey: '\u00a7',")
    f.t("    },", "  },", "});")
    f = c.f("apps/web/.env.production")
    f.t("#/-------------------[DOTENV_PUBLIC_KEY]--------------------/", "#/            public-key encryption for .env files          /",
        "#/----------------------------------------------------------/")
    f.n("public-dotenvx-public-key", g.choice(["02", "03"]) + g.s(64, HEX), 'DOTENV_PUBLIC_KEY_PRODUCTION="\u00a7"')
    f.t("", "# .env.production")
    f.n("ciphertext-dotenvx-value", "encrypted:B" + g.b64(120).rstrip("="), 'STRIPE_SECRET_KEY="\u00a7"')
    f.n("ciphertext-dotenvx-value-2", "encrypted:B" + g.b64(96).rstrip("="), 'DATABASE_URL="\u00a7"')
    f = c.f("apps/web/.env.keys")
    f.t("#/------------------!DOTENV_PRIVATE_KEYS!-------------------/", "#/ private decryption keys. DO NOT commit to source control /",
        "#/----------------------------------------------------------/", "", "# .env.production")
    f.p("key-dotenvx-private-key", g.s(64, HEX), "DOTENV_PRIVATE_KEY_PRODUCTION=\u00a7")


@builder
def py_more(c):
    g = c.g
    f = c.f("backend/crm/hubspot_sync.py")
    f.t("from hubspot import HubSpot", "")
    f.p("token-hubspot-python-eu1", "pat-eu1-" + g.uuid(), 'api = HubSpot(access_token="\u00a7")')
    f = c.f("backend/crm/freshdesk.py")
    f.t("import requests", "")
    f.p("key-freshdesk-basic-auth", g.mixed(20), 'AUTH = ("\u00a7", "X")  # Freshdesk API key as user, any password')
    f.t('BASE = "https://acme.freshdesk.com/api/v2"')
    f = c.f("backend/ops/providers.py")
    f.t("import linode_api4", "import requests", "")
    f.p("token-linode-py", g.s(64, HEX), 'linode = linode_api4.LinodeClient("\u00a7")')
    f.p("key-vultr-header", g.s(36, UP + DIG), 'VULTR = {"Authorization": "Bearer \u00a7"}')
    f.p("token-heroku-platform-uuid", g.uuid(), 'HEROKU_HEADERS = {"Authorization": "Bearer \u00a7", "Accept": "application/vnd.heroku+json; version=3"}')
    f.n("id-heroku-app-uuid", g.uuid(), 'HEROKU_APP_ID = "\u00a7"')
    f = c.f("backend/ops/mailer.py")
    f.t("import smtplib", "", "def send(msg):", '    with smtplib.SMTP("smtp.fastmail.com", 587) as s:', "        s.starttls()")
    f.p("password-smtplib-login", g.s(16, LO + DIG), '        s.login("reports@acme.io", "\u00a7")')
    f.t("        s.send_message(msg)")
    f = c.f("backend/assistant/hf.py")
    f.t("from langchain_huggingface import HuggingFaceEndpoint", "")
    f.p("token-huggingface-langchain", "hf_" + g.mixed(34, UP + LO), 'llm = HuggingFaceEndpoint(repo_id="mistralai/Mistral-7B-Instruct-v0.3", huggingfacehub_api_token="\u00a7")')
    f.n("hash-hf-revision", g.s(40, HEX), 'REVISION = "\u00a7"')
    f = c.f("backend/shop/auth0_mgmt.py")
    f.t("from auth0.authentication import GetToken", "", 'DOMAIN = "acme-shop.eu.auth0.com"')
    f.p("secret-auth0-gettoken", g.b64url(48),
        'get_token = GetToken(DOMAIN, "%s", client_secret="\u00a7")' % g.mixed(32))
    f = c.f("backend/shop/stytch_client.py")
    f.t("import stytch", "")
    f.p("secret-stytch-live", "secret-live-" + g.mixed(36, B62 + "-_="),
        'client = stytch.Client(\n    project_id="project-live-%s",\n    secret="\u00a7",\n)' % g.uuid())
    f = c.f("backend/shop/settings_model.py")
    f.t("from pydantic import Field, SecretStr", "from pydantic_settings import BaseSettings", "", "class Settings(BaseSettings):")
    f.n("setting-pydantic-secretstr", "SecretStr = Field(alias=\"STRIPE_API_KEY\")", '    stripe_api_key: SecretStr = Field(alias="STRIPE_API_KEY")')
    f.n("setting-pydantic-default-none", "None", "    sentry_auth_token: str | None = None")
    f.t("", "settings = Settings()")
    f = c.f("backend/search/indexer.py")
    f.t("from algoliasearch.search.client import SearchClientSync", "")
    f.n("id-algolia-app-id", g.s(10, UP + DIG), 'APP_ID = "\u00a7"')
    f.p("key-algolia-admin-py", g.s(32, HEX), 'client = SearchClientSync(APP_ID, "\u00a7")  # admin key, indexing only')
    f = c.f("backend/shop/fixtures/payment_method.json")
    f.t("{")
    f.n("id-stripe-payment-method", "pm_" + g.mixed(24), '  "id": "\u00a7",')
    f.n("hash-stripe-card-fingerprint", g.mixed(16), '  "card": {"brand": "visa", "last4": "4242", "fingerprint": "\u00a7"},')
    f.n("hash-etag-header", g.s(32, HEX), '  "_etag": "W/\\"\u00a7\\""')
    f.t("}")


@builder
def polyglot_more(c):
    g = c.g
    f = c.f("services/ledger/internal/infra/clients.go")
    f.t("package infra", "", "import (", '\t"github.com/digitalocean/godo"', '\t"github.com/hetznercloud/hcloud-go/v2/hcloud"', ")", "")
    f.p("token-digitalocean-godo", "dop_v1_" + g.s(64, HEX), 'var DO = godo.NewFromToken("\u00a7")')
    f.p("token-hetzner-hcloud", g.mixed(64), 'var Hetzner = hcloud.NewClient(hcloud.WithToken("\u00a7"))')
    f.n("env-go-viper", 'viper.GetString("netlify.token")', 'var netlifyToken = viper.GetString("netlify.token")')
    f = c.f("services/ledger/internal/auth/signer.go")
    f.t("package auth", "", 'import "github.com/golang-jwt/jwt/v5"', "")
    f.p("secret-go-jwt-hmac-bytes", g.mixed(44, B62 + "+/"), 'var hmacKey = []byte("\u00a7")')
    f.t("", "func Sign(sub string) (string, error) {", '\treturn jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"sub": sub}).SignedString(hmacKey)', "}")
    f = c.f("services/indexer/src/auth.rs")
    f.t("use jsonwebtoken::{EncodingKey, Header};", "", "pub fn key() -> EncodingKey {")
    f.p("secret-rust-jsonwebtoken-from-secret", g.mixed(48, B62), '    EncodingKey::from_secret(b"\u00a7")')
    f.t("}", "")
    f.n("env-rust-env-macro", 'env!("CARGO_PKG_VERSION")', 'pub const VERSION: &str = env!("CARGO_PKG_VERSION");')
    f = c.f("services/realtime/config/prod.exs")
    f.t("import Config", "")
    f.p("secret-elixir-joken-signer", g.b64(48), 'config :joken, default_signer: "\u00a7"')
    f.p("token-twilio-elixir-ex-twilio", g.s(32, HEX),
        'config :ex_twilio,\n  account_sid: "AC%s",\n  auth_token: "\u00a7"' % g.s(32, HEX))
    f.n("env-elixir-application-fetch", "Application.fetch_env!(:realtime, :stripe_key)", "# read with Application.fetch_env!(:realtime, :stripe_key)")
    f = c.f("tools/perl/lib/Acme/Web.pm")
    f.t("package Acme::Web;", "use Mojo::Base 'Mojolicious', -signatures;", "", "sub startup ($self) {")
    f.p("secret-perl-mojolicious-secrets", g.mixed(40, B62), "  $self->secrets(['\u00a7']);")
    f.n("ref-perl-config-hash", "$self->config->{stripe_key}", "  my $stripe = $self->config->{stripe_key};")
    f.t("}", "", "1;")
    f = c.f("analysis/R/s3_export.R")
    f.t("library(aws.s3)", "")
    f.p("key-aws-r-setenv", g.aws_secret(),
        'Sys.setenv(\n  "AWS_ACCESS_KEY_ID" = "%s",\n  "AWS_SECRET_ACCESS_KEY" = "\u00a7",\n  "AWS_DEFAULT_REGION" = "eu-west-1"\n)' % g.aws_id())
    f.n("ref-r-keyring", 'keyring::key_get("warehouse")', 'warehouse_pw <- keyring::key_get("warehouse")')
    f = c.f("services/orders/Services/Mailer.cs")
    f.t("using SendGrid;", "", "namespace Orders.Services;", "", "public static class Mailer", "{")
    f.p("key-sendgrid-csharp-ctor", "SG." + g.mixed(22, B62 + "-_") + "." + g.mixed(43, B62 + "-_"),
        '    public static readonly SendGridClient Client = new("\u00a7");')
    f.n("ref-dotnet-ioptions", "IOptions<SmtpOptions>", "    // production uses IOptions<SmtpOptions> bound from Key Vault")
    f.t("}")
    f = c.f("services/orders/appsettings.Staging.json")
    f.t("{", '  "Jwt": {', '    "Issuer": "https://orders.acme.io",')
    f.p("secret-aspnet-jwt-key", g.b64(48), '    "Key": "\u00a7"')
    f.t("  },", '  "Adyen": {')
    f.p("key-adyen-api-appsettings", "AQE" + g.mixed(17) + "+" + g.mixed(60, B62 + "+/") + "=-" + g.mixed(44, B62 + "+/") + "=-" + g.mixed(16, B62 + "<>,()"),
        '    "ApiKey": "\u00a7",')
    f.n("public-adyen-client-key", "live_" + g.s(32, UP + DIG), '    "ClientKey": "\u00a7"')
    f.t("  }", "}")
    f = c.f("services/catalog/src/main/java/com/acme/catalog/config/JwtProperties.java")
    f.t("package com.acme.catalog.config;", "", "@Component", "public class JwtProperties {")
    f.n("template-spring-value-annotation", '@Value("${jwt.secret}")', '    @Value("${jwt.secret}")\n    private String secret;')
    f.t("}")
    f = c.f("services/catalog/src/main/resources/application-jwt.yml")
    f.t("jwt:", "  issuer: https://catalog.acme.io")
    f.p("secret-spring-jwt-yml", g.b64(64), "  secret: \u00a7")
    f.t("  ttl: 15m")
    f = c.f("apps/ios/Acme/Config/Bundle+Keys.swift")
    f.t("import Foundation", "", "extension Bundle {")
    f.n("ref-swift-info-dictionary", 'object(forInfoDictionaryKey: "MAPS_API_KEY")',
        '    var mapsKey: String { object(forInfoDictionaryKey: "MAPS_API_KEY") as? String ?? "" }')
    f.t("}")
    f = c.f("apps/mobile/lib/config/dotenv_keys.dart")
    f.t("import 'package:flutter_dotenv/flutter_dotenv.dart';", "")
    f.n("env-dart-dotenv-lookup", "dotenv.env['ELEVENLABS_API_KEY']", "final elevenLabsKey = dotenv.env['ELEVENLABS_API_KEY'] ?? '';")
    f = c.f("services/catalog/src/main/scala/com/acme/catalog/Settings.scala")
    f.t("package com.acme.catalog", "", "import com.typesafe.config.ConfigFactory", "", "object Settings {", "  private val conf = ConfigFactory.load()")
    f.n("ref-scala-config-getstring", 'conf.getString("catalog.mongo.password")', '  val mongoPassword: String = conf.getString("catalog.mongo.password")')
    f.t("}")
    f = c.f("services/storefront/config/initializers/openai.rb")
    f.n("ref-rails-credentials-bang", "Rails.application.credentials.openai_api_key!",
        "OpenAI.configure { |c| c.access_token = Rails.application.credentials.openai_api_key! }")
    f.n("env-ruby-env-fetch", 'ENV.fetch("OPENAI_ORG", nil)', 'OPENAI_ORG = ENV.fetch("OPENAI_ORG", nil)')
    f = c.f("services/portal/app/Services/StripeBilling.php")
    f.t("<?php", "", "namespace App\\Services;", "", "class StripeBilling", "{", "    public function __construct()", "    {")
    f.p("key-stripe-php-setapikey", g.stripe("sk_live_"), "        \\Stripe\\Stripe::setApiKey('\u00a7');")
    f.n("ref-laravel-config-helper", "config('services.stripe.webhook_secret')", "        $this->webhookSecret = config('services.stripe.webhook_secret');")
    f.t("    }", "}")
    f = c.f("services/portal/.env.encrypted")
    payload = {"iv": g.b64(16), "value": g.b64(300), "mac": g.s(64, HEX), "tag": ""}
    f.n("ciphertext-laravel-env-encrypted", base64.b64encode(json.dumps(payload, separators=(",", ":")).encode()).decode(),
        base64.b64encode(json.dumps(payload, separators=(",", ":")).encode()).decode())
    f = c.f("apps/web/public/favicon.html")
    f.n("base64-data-uri-svg", "data:image/svg+xml;base64," + base64.b64encode(b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><circle cx="8" cy="8" r="7" fill="#0a7"/></svg>').decode(),
        '<link rel="icon" href="\u00a7" />')


# ---------------------------------------------------------------------------

def check(corpus):
    paths = [f.path for f in corpus.files]
    dup = {p for p in paths if paths.count(p) > 1}
    if dup:
        raise SystemExit("gen: paths written twice: %s" % sorted(dup))
    files = {f.path: f for f in corpus.files}
    used = {}
    for l in corpus.labels:
        fl = files[l["file"]]
        span = "\n".join(fl.lines[l["line"] - 1:l["end"]])
        if l["value"] not in span:
            raise SystemExit("gen: %s:%d value not on its lines (%s)" % (l["file"], l["line"], l["kind"]))
        if l["label"] == "positive" and len(l["value"]) < 6:
            raise SystemExit("gen: %s:%d positive shorter than six characters" % (l["file"], l["line"]))
        for ln in range(l["line"], l["end"] + 1):
            key = (l["file"], ln)
            if key in used:
                raise SystemExit("gen: %s:%d shared by %s and %s" % (l["file"], ln, used[key], l["kind"]))
            used[key] = l["kind"]


def generate(outdir, seed=20240611):
    corpus = Corpus(seed)
    for b in BUILDERS:
        b(corpus)
    check(corpus)
    repo = os.path.join(outdir, "repo")
    if os.path.isdir(repo):
        shutil.rmtree(repo)
    os.makedirs(repo)
    for fl in corpus.files:
        p = os.path.join(repo, fl.path)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        nl = "\r\n" if fl.crlf else "\n"
        with open(p, "w", newline="") as fh:
            fh.write(nl.join(fl.lines) + nl)
    with open(os.path.join(outdir, "labels.json"), "w") as fh:
        json.dump(corpus.labels, fh, indent=1)
    return corpus.labels


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, default=20240611)
    a = ap.parse_args()
    labels = generate(a.outdir, a.seed)
    pos = [l for l in labels if l["label"] == "positive"]
    neg = [l for l in labels if l["label"] == "negative"]
    print("%d files, %d positives (%d kinds), %d negatives (%d kinds)" % (
        len({l["file"] for l in labels}), len(pos), len({l["kind"] for l in pos}),
        len(neg), len({l["kind"] for l in neg})))
    return 0


if __name__ == "__main__":
    sys.exit(main())
