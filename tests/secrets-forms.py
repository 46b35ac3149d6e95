#!/usr/bin/env python3
"""Form matrix of the secrets checker: the same secrets in many forms (TAP).

  secrets-forms.py               the TAP test run by make check ($GATE_BIN)
  secrets-forms.py --gate BIN [--seed N] [--gaps] [--show CONTEXT]

Recall on corpora gate was not tuned on is lost mostly to *forms*: the
languages, config formats, quoting styles and command lines in which
credentials really appear.  This test renders generated values of a few
kinds (a human-style password, a base62 API key, a hex key, a GitHub
token with a valid checksum, a PEM key) into eighty-odd contexts of
code and config, each in a file of the name that context has in a
repository, and hard negatives (placeholders, references, identifiers,
UUIDs, sequential or keyboard-row values, lock-file hashes) into the
same contexts.  gate scans the lot (`check --all-files`); a case counts
as found when gate reports anything in its file.

Values come from a fixed seed, so every run sees the same matrix and no
live-looking token is committed.  KNOWN below lists the (context, kind)
pairs gate is known to miss and the (context, negative) pairs it is
known to report: they are TAP TODO items.  Any other miss or false
positive fails, and so does a known item that starts passing (an
XPASS): update KNOWN with the change.  `--gaps` prints the list the
current gate gives.
"""

import base64
import importlib.util
import json
import os
import random
import shutil
import string
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # keep the source tree clean


def load_corpus():
	"""The value generators of tests/secrets-corpus.py."""
	spec = importlib.util.spec_from_file_location("secrets_corpus",
		os.path.join(HERE, "secrets-corpus.py"))
	mod = importlib.util.module_from_spec(spec)
	sys.path.insert(0, HERE)
	spec.loader.exec_module(mod)
	return mod


# Runs a random secret never holds: seven ascending characters or a
# keyboard row.  A value holding one was typed by a person making one up.
RUNS = ["0123456789", "abcdefghijklmnopqrstuvwxyz", "qwertyuiop",
	"asdfghjkl", "zxcvbnm"]


def has_run(s, n=6):
	low = s.lower()
	for row in RUNS:
		k = 7 if row[0] in "0a" else n
		for i in range(len(row) - k + 1):
			if row[i:i + k] in low:
				return True
	return False


PW_PUNCT = "!%^*-_+.?"


class Values:
	def __init__(self, seed):
		self.corpus = load_corpus()
		self.g = self.corpus.Gen(seed)
		self.rng = self.g.rng

	def _retry(self, make):
		while True:
			v = make()
			if not has_run(v):
				return v

	def password(self):
		"""10-16 characters, every class, punctuation inside."""
		def make():
			n = 10 + self.rng.randrange(7)
			s = [self.rng.choice(string.ascii_lowercase),
				self.rng.choice(string.ascii_uppercase),
				self.rng.choice(string.digits),
				self.rng.choice(PW_PUNCT)]
			pool = string.ascii_letters + string.digits + PW_PUNCT
			s += [self.rng.choice(pool) for _ in range(n - 4)]
			head = s.pop(0)  # a letter first, as people type them
			self.rng.shuffle(s)
			return head + "".join(s)
		return self._retry(make)

	def value(self, kind):
		A = self.corpus.ALPHA
		if kind == "pw":
			return self.password()
		if kind == "key":
			return self._retry(lambda: self.g.rand(A["AN"], 32))
		if kind == "hex":
			return self._retry(lambda: self.g.rand(A["HEX"], 32))
		if kind == "ghp":
			return self._retry(lambda: self.g.crc("ghp_"))
		if kind == "pem":
			return "\\n".join(self.g.pem_lines("PRIVATE KEY")) + "\\n"
		raise ValueError(kind)

	def fake(self):
		"""A value made up by a person: a run or a keyboard row inside."""
		run = self.rng.choice(["1234567", "abcdefg", "qwerty", "asdfgh",
			"zxcvbn", "ABCDEFG", "QWERTY"])
		pre = self.g.rand(string.ascii_letters, 1 + self.rng.randrange(3))
		post = self.rng.choice(PW_PUNCT) + self.g.rand(string.digits +
			string.ascii_uppercase, 2 + self.rng.randrange(3))
		return pre + run + post


# Name words of each kind's credential, and the context kinds.
NAMES = {"pw": ["db", "password"], "key": ["api", "key"],
	"hex": ["client", "secret"], "ghp": ["github", "token"],
	"pem": ["private", "key"]}
# The name a keyword argument or a lone key takes ({kw}).
SHORT = {"pw": "password", "key": "api_key", "hex": "client_secret",
	"ghp": "token", "pem": "private_key"}
KINDS = ["pw", "key", "hex", "ghp"]
TOKENS = ["key", "hex", "ghp"]
PW = ["pw"]


def names(words):
	cap = [w[:1].upper() + w[1:] for w in words]
	kind = [k for k, v in NAMES.items() if v == words][0]
	return {"K": "_".join(words).upper(), "k": "_".join(words),
		"kc": words[0] + "".join(cap[1:]), "kp": "".join(cap),
		"kd": "-".join(words), "kdot": ".".join(words), "kw": SHORT[kind]}


def render(tpl, words, value):
	n = names(words)
	b64 = base64.b64encode(("svc-app:" + value).encode()).decode()
	raw64 = base64.b64encode(value.encode()).decode()
	out = tpl
	for k in sorted(n, key=len, reverse=True):
		out = out.replace("{%s}" % k, n[k])
	return out.replace("{b64}", b64).replace("{raw64}", raw64) \
		.replace("{v}", value)


# (context, file name, template, kinds).  {v} is the value; {K} {k} {kc}
# {kp} {kd} {kdot} {kw} the credential's name (DB_PASSWORD, db_password,
# dbPassword, DbPassword, db-password, db.password, and password,
# api_key, client_secret or token alone); {b64} is
# base64 of "svc-app:" and the value, {raw64} base64 of the value.
CONTEXTS = [
	("py-assign", "settings.py", '{k} = "{v}"\n', KINDS),
	("py-dict", "settings.py", 'CONFIG = {"host": "db.internal", '
		'"{k}": "{v}"}\n', KINDS),
	("py-kwarg", "db.py", 'conn = connect(host="db.internal", '
		'user="app", {kw}="{v}")\n', KINDS),
	("py-environ-default", "config.py",
		'{k} = os.environ.get("{K}", "{v}")\n', KINDS),
	("py-getenv-default", "config.py",
		'{k} = os.getenv("{K}", "{v}")\n', KINDS),
	("py-compare", "auth.py", 'if {kw} == "{v}":\n    grant()\n', KINDS),
	("js-const", "app.js", 'const {kc} = "{v}";\n', KINDS),
	("js-object", "config.js", "module.exports = {\n  host: 'db',\n"
		"  {kc}: '{v}',\n};\n", KINDS),
	("ts-typed", "config.ts", 'export const {kc}: string = "{v}";\n',
		KINDS),
	("ts-class-field", "client.ts",
		"class Client {\n  private readonly {kc} = '{v}';\n}\n", KINDS),
	("js-bearer-header", "client.js", 'const res = await fetch(url, '
		'{ headers: { Authorization: "Bearer {v}" } });\n', TOKENS),
	("js-apikey-header", "client.js", 'const res = await fetch(url, '
		'{ headers: { "X-API-Key": "{v}" } });\n', TOKENS),
	("basic-header-b64", "client.py",
		'headers = {"Authorization": "Basic {b64}"}\n', PW),
	("go-const", "main.go", 'package main\n\nconst {kc} = "{v}"\n',
		KINDS),
	("go-struct", "main.go", 'cfg := Config{\n\tHost: "db",\n'
		'\t{kp}: "{v}",\n}\n', KINDS),
	("go-map", "main.go", 'env := map[string]string{"{K}": "{v}"}\n',
		KINDS),
	("java-constant", "Config.java", 'public class Config {\n'
		'    private static final String {K} = "{v}";\n}\n', KINDS),
	("java-setter", "DataSourceConfig.java",
		'ds.set{kp}("{v}");\n', KINDS),
	("kotlin-val", "Config.kt", 'val {kc} = "{v}"\n', KINDS),
	("csharp-const", "Config.cs",
		'private const string {kp} = "{v}";\n', KINDS),
	("csharp-verbatim", "Config.cs", 'var {kc} = @"{v}";\n', KINDS),
	("c-array", "config.c", 'static const char {k}[] = "{v}";\n',
		KINDS),
	("c-define", "config.h", '#define {K} "{v}"\n', KINDS),
	("cpp-string-ctor", "client.cpp", 'std::string {k}("{v}");\n',
		KINDS),
	("php-define", "config.php", "<?php\ndefine('{K}', '{v}');\n",
		KINDS),
	("php-array", "config.php", "<?php\nreturn [\n    'host' => "
		"'db',\n    '{k}' => '{v}',\n];\n", KINDS),
	("ruby-assign", "config.rb", "{K} = '{v}'\n", KINDS),
	("ruby-hash", "config.rb", 'client = Client.new(host: "db", '
		'{k}: "{v}")\n', KINDS),
	("rust-let", "main.rs", 'let {k} = "{v}";\n', KINDS),
	("rust-const", "main.rs", 'const {K}: &str = "{v}";\n', KINDS),
	("swift-let", "Config.swift", 'let {kc} = "{v}"\n', KINDS),
	("shell-export", "deploy.sh", '#!/bin/sh\nexport {K}="{v}"\n',
		KINDS),
	("shell-export-bare", "deploy.sh", '#!/bin/sh\nexport {K}={v}\n',
		KINDS),
	("powershell-securestring", "deploy.ps1", '$pw = ConvertTo-'
		'SecureString "{v}" -AsPlainText -Force\n', PW),
	("dockerfile-env-eq", "Dockerfile",
		'FROM alpine:3.19\nENV {K}={v}\n', KINDS),
	("dockerfile-env-space", "Dockerfile",
		'FROM alpine:3.19\nENV {K} {v}\n', KINDS),
	("docker-run-e", "run.sh",
		'docker run -d -e {K}={v} acme/api:1.4\n', KINDS),
	("compose-env-list", "docker-compose.yml", 'services:\n  api:\n'
		'    image: acme/api:1.4\n    environment:\n'
		'      - {K}={v}\n', KINDS),
	("compose-env-map", "docker-compose.yml", 'services:\n  api:\n'
		'    environment:\n      {K}: {v}\n', KINDS),
	("dotenv", ".env", 'APP_ENV=production\n{K}={v}\n', KINDS),
	("dotenv-quoted", ".env", '{K}="{v}"\n', KINDS),
	("ini", "config.ini", '[database]\nhost = db\n{k} = {v}\n', KINDS),
	("toml", "config.toml", '[database]\nhost = "db"\n{k} = "{v}"\n',
		KINDS),
	("properties", "application.properties",
		'app.{kdot}={v}\n', KINDS),
	("yaml", "config.yml", 'database:\n  host: db\n  {k}: {v}\n', KINDS),
	("yaml-quoted", "config.yml", "database:\n  {k}: '{v}'\n", KINDS),
	("json", "config.json", '{\n  "host": "db",\n  "{kc}": "{v}"\n}\n',
		KINDS),
	("xml-element", "config.xml", '<config>\n  <{kc}>{v}</{kc}>\n'
		'</config>\n', KINDS),
	("xml-attribute", "config.xml", '<connection host="db" '
		'{kc}="{v}" />\n', KINDS),
	("dotnet-add-key", "app.config", '<appSettings>\n  <add key="{kp}" '
		'value="{v}" />\n</appSettings>\n', KINDS),
	("maven-settings", "settings.xml", '<servers>\n  <server>\n'
		'    <id>nexus</id>\n    <username>deploy</username>\n'
		'    <password>{v}</password>\n  </server>\n</servers>\n',
		["pw", "key"]),
	("k8s-stringdata", "secret.yaml", 'apiVersion: v1\nkind: Secret\n'
		'metadata:\n  name: app\nstringData:\n  {K}: {v}\n', KINDS),
	("k8s-data-base64", "secret.yaml", 'apiVersion: v1\nkind: Secret\n'
		'metadata:\n  name: app\ndata:\n  {kw}: {raw64}\n', PW),
	("terraform", "main.tf", 'resource "aws_db_instance" "main" {\n'
		'  username = "app"\n  {k} = "{v}"\n}\n', KINDS),
	("tfvars", "prod.tfvars", '{k} = "{v}"\n', KINDS),
	("npmrc-authtoken", ".npmrc",
		'//registry.npmjs.org/:_authToken={v}\n', TOKENS),
	("npmrc-password", ".npmrc", '//npm.acme.dev/:username=ci\n'
		'//npm.acme.dev/:_password={raw64}\n', PW),
	("pypirc", ".pypirc", '[pypi]\nusername = __token__\n'
		'password = {v}\n', ["pw", "key"]),
	("netrc", ".netrc", 'machine git.acme.dev\n  login deploy\n'
		'  password {v}\n', ["pw", "key", "ghp"]),
	("git-credentials", ".git-credentials",
		'https://deploy:{v}@git.acme.dev\n', ["pw", "ghp"]),
	("url-userinfo", "client.py",
		'BASE = "https://svc:{v}@api.acme.dev/v1"\n', PW),
	("ado-net", "appsettings.json", '{\n  "ConnectionStrings": {\n'
		'    "Default": "Server=sql01;Database=erp;User Id=app;'
		'Password={v};"\n  }\n}\n', PW),
	("jdbc", "application.properties", 'spring.datasource.url=jdbc:'
		'postgresql://db:5432/app?user=app&password={v}\n', PW),
	("mongodb-srv", ".env", 'MONGO_URI=mongodb+srv://app:{v}@cluster0.'
		'x1y2z.mongodb.net/prod\n', PW),
	("postgres-url", "config.py", 'DATABASE_URL = "postgresql://app:{v}'
		'@db.internal:5432/prod"\n', PW),
	("redis-url", ".env", 'REDIS_URL=redis://:{v}@cache.internal:6379/0\n',
		PW),
	("amqp-url", "celeryconfig.py",
		"broker_url = 'amqp://app:{v}@mq.internal:5672//'\n", PW),
	("curl-user", "deploy.sh",
		'curl -u deploy:{v} https://api.acme.dev/v1/releases\n', PW),
	("curl-proxy-user", "deploy.sh", 'curl --proxy-user proxy:{v} '
		'-x http://proxy:3128 https://acme.dev\n', PW),
	("curl-bearer", "deploy.sh", 'curl -H "Authorization: Bearer {v}" '
		'https://api.acme.dev/v1\n', TOKENS),
	("curl-apikey", "deploy.sh", 'curl -H "X-API-Key: {v}" '
		'https://api.acme.dev/v1\n', TOKENS),
	("cli-flag-eq", "deploy.sh",
		'acmectl login --user ci --{kd}={v}\n', KINDS),
	("cli-flag-space", "deploy.sh",
		'acmectl login --user ci --{kd} {v}\n', KINDS),
	("cli-mysql-p", "backup.sh",
		"mysqldump -u root -p'{v}' shop > shop.sql\n", PW),
	("openssl-pass", "mkcert.sh", 'openssl pkcs12 -export -in c.pem '
		'-out c.p12 -passout pass:{v}\n', PW),
	("json-name-value", "task.json", '{"environment": [{"name": "{K}", '
		'"value": "{v}"}]}\n', KINDS),
	("yaml-name-value", "deployment.yaml", '        env:\n'
		'        - name: {K}\n          value: "{v}"\n', KINDS),
	("yaml-key-value", "params.yml",
		'- key: {kw}\n  value: {v}\n', KINDS),
	("plist-key-string", "Info.plist", '<dict>\n\t<key>{kp}</key>\n'
		'\t<string>{v}</string>\n</dict>\n', KINDS),
	("sql-identified-by", "init.sql",
		"CREATE USER app IDENTIFIED BY '{v}';\n", PW),
	("sql-role-password", "init.sql",
		"ALTER ROLE app WITH LOGIN PASSWORD '{v}';\n", PW),
	("ansible-vars", "group_vars/all.yml",
		'ansible_user: deploy\nansible_password: {v}\n', PW),
	("pem-in-json", "service-account.json", '{\n  "type": '
		'"service_account",\n  "private_key": "{v}",\n'
		'  "client_email": "svc@acme.iam.gserviceaccount.com"\n}\n',
		["pem"]),
]

# Contexts whose position alone says "credential" (a URL's userinfo, a
# Bearer header, SQL's IDENTIFIED BY, curl -u, netrc, SecureString): a
# UUID there is an API key or a generated password, a word and a value
# made up with a run (Pass1234567!, qwerty-dev) are weak passwords, not
# a field name or a placeholder, so those three negatives are not
# rendered into them: gate reports a weak password where it is used.
SLOTS = {"js-bearer-header", "js-apikey-header", "url-userinfo",
	"ado-net", "jdbc", "mongodb-srv", "postgres-url", "redis-url",
	"amqp-url", "curl-user", "curl-proxy-user", "curl-bearer",
	"curl-apikey", "cli-mysql-p", "openssl-pass", "sql-identified-by",
	"sql-role-password", "netrc", "git-credentials", "npmrc-authtoken",
	"powershell-securestring"}
SHAPE_NEGATIVES = {"uuid", "identifier", "sequential"}

# Negative values: (name, maker(values, words)).  Each goes into every
# context's template in place of the value.
NEGATIVES = [
	("env-ref", lambda V, w: "${%s}" % names(w)["K"]),
	("template", lambda V, w: "{{ .Values.%s }}" % names(w)["kc"]),
	("vault-ref", lambda V, w: "vault:secret/data/app#%s" % names(w)["k"]),
	("angle-placeholder", lambda V, w: "<your-%s>" % names(w)["kd"]),
	("changeme", lambda V, w: "changeme"),
	("x-run", lambda V, w: "xxxxxxxxxxxxxxxx"),
	("masked", lambda V, w: "********"),
	("empty", lambda V, w: ""),
	("identifier", lambda V, w: "user" + names(w)["kp"]),
	("uuid", lambda V, w: V.g.uuid()),
	("sequential", lambda V, w: V.fake()),
]

# Whole lines that must stay silent: lock files, digests, references.
FILE_NEGATIVES = [
	("npm-lock-integrity", "package-lock.json", '{"node_modules/x": '
		'{"version": "1.2.3", "integrity": "sha512-{B64_86}=="}}\n'),
	("pipfile-lock-hash", "Pipfile.lock",
		'{"default": {"x": {"hashes": ["sha256:{HEX_64}"]}}}\n'),
	("go-sum", "go.sum", 'github.com/acme/x v1.2.3 h1:{B64_43}=\n'),
	("image-digest", "Dockerfile",
		'FROM alpine@sha256:{HEX_64}\n'),
	("git-commit-pin", "deps.toml", 'commit = "{HEX_40}"\n'),
	("py-environ", "config.py",
		'db_password = os.environ["DB_PASSWORD"]\n'),
	("js-process-env", "config.js",
		'const apiKey = process.env.API_KEY;\n'),
	("field-name", "form.ts", 'password: "userPassword",\n'),
	("i18n-label", "en.json", '{"password": "Password", '
		'"apiKey": "API key"}\n'),
	("password-hash", "users.yml", 'password_hash: "$2b$12${B64_53}"\n'),
	("uuid-id", "config.yml", 'client_id: "{UUID}"\n'),
	("secret-ref-k8s", "deployment.yaml", '        - name: DB_PASSWORD\n'
		'          valueFrom:\n            secretKeyRef:\n'
		'              name: db\n              key: password\n'),
]

# Known gaps: "miss CONTEXT KIND" (gate misses it) and "fp CONTEXT
# NEGATIVE" (gate reports it).  TAP TODO items; see the docstring.
KNOWN = """
"""


def file_negative(V, tpl):
	out = tpl
	for tag, make in (("{B64_86}", lambda: V.g.rand(
			V.corpus.ALPHA["B64"], 86)),
		("{B64_43}", lambda: V.g.rand(V.corpus.ALPHA["B64"], 43)),
		("{B64_53}", lambda: V.g.rand(V.corpus.ALPHA["B64"], 53)),
		("{HEX_64}", lambda: V.g.rand(V.corpus.ALPHA["HEX"], 64)),
		("{HEX_40}", lambda: V.g.rand(V.corpus.ALPHA["HEX"], 40)),
		("{UUID}", lambda: V.g.uuid())):
		while tag in out:
			out = out.replace(tag, make(), 1)
	return out


def build(root, seed, copies=2):
	"""Write the matrix under root; return [(path, label, context, what)]
	with label "pos" or "neg"."""
	V = Values(seed)
	cases = []
	shown = {}

	def put(ctx, what, n, fname, text, label, value=""):
		rel = "%s/%s-%d/%s" % (ctx, what, n, fname)
		full = os.path.join(root, rel)
		os.makedirs(os.path.dirname(full), exist_ok=True)
		with open(full, "w", encoding="utf-8") as f:
			f.write(text)
		cases.append((rel, label, ctx, what))
		shown[rel] = value

	for ctx, fname, tpl, kinds in CONTEXTS:
		for kind in kinds:
			for n in range(copies):
				v = V.value(kind)
				put(ctx, kind, n, fname, render(tpl, NAMES[kind], v),
					"pos", v)
		words = NAMES[kinds[0]]
		# An encoded value hides what it encodes: no negative there.
		for neg, make in NEGATIVES if "64}" not in tpl else ():
			if ctx in SLOTS and neg in SHAPE_NEGATIVES:
				continue
			put(ctx, neg, 0, fname, render(tpl, words, make(V, words)),
				"neg")
	for ctx, fname, tpl in FILE_NEGATIVES:
		for n in range(copies):
			put(ctx, "none", n, fname, file_negative(V, tpl), "neg")
	return cases, shown


def redact(text, value):
	"""The case's text with its value cut to a prefix: --show prints it."""
	return text.replace(value, value[:4] + "...(%d)" % len(value)) \
		if len(value) > 4 else text


def run_gate(gate, root):
	env = dict(os.environ, GIT_CONFIG_NOSYSTEM="1")
	subprocess.run(["git", "init", "-q", "."], cwd=root, check=True,
		env=env)
	subprocess.run(["git", "add", "-A", "."], cwd=root, check=True,
		env=env)
	p = subprocess.run([gate, "check", "--all-files", "--checkers",
		"secrets", "--format", "json"], cwd=root, env=env,
		stdout=subprocess.PIPE, stderr=subprocess.PIPE)
	if p.returncode not in (0, 1):
		raise SystemExit("gate failed (%d): %s" % (p.returncode,
			p.stderr.decode(errors="replace")))
	found = {}
	for c in json.loads(p.stdout)["checkers"]:
		for f in c["findings"]:
			found.setdefault(f["path"], []).append(
				f["rule"].split("/", 1)[-1])
	return found


def outcomes(cases, found):
	"""{(context, what): (label, hits, total, rules)} over the copies."""
	res = {}
	for rel, label, ctx, what in cases:
		lab, hits, total, rules = res.get((ctx, what), (label, 0, 0, set()))
		r = found.get(rel, [])
		res[(ctx, what)] = (lab, hits + bool(r), total + 1,
			rules | set(r))
	return res


def known_items():
	items = set()
	for ln in KNOWN.splitlines():
		ln = ln.split("#", 1)[0].split()
		if ln:
			if len(ln) != 3 or ln[0] not in ("miss", "fp"):
				raise SystemExit("bad KNOWN line: %s" % " ".join(ln))
			items.add(tuple(ln))
	return items


def bad_items(res):
	"""The items this run shows: misses (any copy) and false positives."""
	items = set()
	for (ctx, what), (label, hits, total, _) in res.items():
		if label == "pos" and hits < total:
			items.add(("miss", ctx, what))
		elif label == "neg" and hits:
			items.add(("fp", ctx, what))
	return items


def summary(res, out):
	by = {}
	for (ctx, what), (label, hits, total, _) in res.items():
		s = by.setdefault(ctx, [0, 0, 0, 0])  # tp, pos, fp, neg
		if label == "pos":
			s[0] += hits
			s[1] += total
		else:
			s[2] += hits
			s[3] += total
	tp = sum(s[0] for s in by.values())
	pos = sum(s[1] for s in by.values())
	fp = sum(s[2] for s in by.values())
	neg = sum(s[3] for s in by.values())
	out.write("# matrix: %d contexts, %d positive and %d negative cases\n"
		% (len(by), pos, neg))
	out.write("# overall: recall %.3f (%d/%d), precision %.3f, "
		"false positives %d/%d\n" % (tp / pos, tp, pos,
		tp / (tp + fp) if tp + fp else 1.0, fp, neg))
	for ctx in sorted(by):
		s = by[ctx]
		out.write("# %-26s recall %s  precision %s  fp %d/%d\n" % (ctx,
			"%.2f (%d/%d)" % (s[0] / s[1], s[0], s[1]) if s[1]
			else "  -        ",
			"%.2f" % (s[0] / (s[0] + s[2])) if s[0] + s[2] else " -  ",
			s[2], s[3]))


def tap(res, known):
	n = failed = 0
	for (ctx, what) in sorted(res):
		label, hits, total, rules = res[(ctx, what)]
		item = ("miss" if label == "pos" else "fp", ctx, what)
		good = hits == total if label == "pos" else not hits
		n += 1
		name = "%s %s %s (%d/%d%s)" % ("finds" if label == "pos"
			else "silent on", ctx, what, hits, total,
			": " + ",".join(sorted(rules)) if rules else "")
		todo = " # TODO known %s" % ("gap" if label == "pos"
			else "false positive") if item in known else ""
		print("%s %d - %s%s" % ("ok" if good else "not ok", n, name, todo))
		if not todo and not good:
			failed += 1
		if todo and good:
			failed += 1  # fixed: drop it from KNOWN
	stale = known - set(("miss" if res[k][0] == "pos" else "fp",) + k
		for k in res)
	n += 1
	print("%s %d - every KNOWN item names a case of the matrix%s" % (
		"not ok" if stale else "ok", n, "" if not stale else ": " +
		"; ".join(" ".join(x) for x in sorted(stale))))
	print("1..%d" % n)
	return failed + bool(stale)


def main(argv):
	gate = os.environ.get("GATE_BIN")
	seed, gaps, show = 4242, False, None
	i = 1
	while i < len(argv):
		if argv[i] == "--gate":
			gate, i = argv[i + 1], i + 2
		elif argv[i] == "--seed":
			seed, i = int(argv[i + 1]), i + 2
		elif argv[i] == "--show":
			show, i = argv[i + 1], i + 2
		elif argv[i] == "--gaps":
			gaps, i = True, i + 1
		else:
			sys.stderr.write(__doc__)
			return 2
	if not gate or not os.access(gate, os.X_OK):
		print("1..0 # SKIP no gate binary ($GATE_BIN)")
		return 0
	if shutil.which("git") is None:
		print("1..0 # SKIP git is not installed")
		return 0
	root = tempfile.mkdtemp(prefix="gate-secrets-forms.")
	try:
		cases, shown = build(root, seed)
		found = run_gate(os.path.abspath(gate), root)
		if show:
			for rel, label, ctx, what in cases:
				if ctx == show:
					with open(os.path.join(root, rel)) as f:
						print("== %s %s %s: %s" % (label, what,
							found.get(rel, "-"),
							redact(f.read().rstrip(), shown[rel])))
			return 0
	finally:
		shutil.rmtree(root)
	res = outcomes(cases, found)
	if gaps:
		summary(res, sys.stdout)
		for item in sorted(bad_items(res)):
			print(" ".join(item))
		return 0
	summary(res, sys.stdout)
	return 1 if tap(res, known_items()) else 0


if __name__ == "__main__":
	sys.exit(main(sys.argv))
