"""Shared helpers for the secrets rule-pack tests (python3, stdlib only).

Loads rules/secrets.yml with a small YAML-subset reader (the pack sticks
to block mappings, block sequences, flow sequences of scalars and
quoted or plain scalars), compiles rule regexes with the system pcre2
through ctypes so the tests see exactly the dialect the engine uses
(falling back to python's re when libpcre2-8 is missing), and models the
per-rule decision the engine makes: keyword gate, regex, secret group,
entropy, checksum validation, allowlists.
"""

import ctypes
import ctypes.util
import base64
import bisect
import binascii
import fnmatch
import math
import re
import string
import sys
import zlib

# --- YAML subset -----------------------------------------------------------


class YamlError(Exception):
	pass


def _scalar(text, lineno):
	text = text.strip()
	if text.startswith("'"):
		if not text.endswith("'") or len(text) < 2:
			raise YamlError("line %d: unterminated single-quoted scalar" % lineno)
		body = text[1:-1]
		if re.search(r"(?<!')'(?!')", body.replace("''", "")):
			raise YamlError("line %d: stray quote in scalar" % lineno)
		return body.replace("''", "'")
	if text.startswith('"'):
		if not text.endswith('"') or len(text) < 2:
			raise YamlError("line %d: unterminated double-quoted scalar" % lineno)
		return bytes(text[1:-1], "utf-8").decode("unicode_escape")
	if re.fullmatch(r"-?\d+", text):
		return int(text)
	if re.fullmatch(r"-?\d+\.\d*", text):
		return float(text)
	if text in ("true", "false"):
		return text == "true"
	if text in ("", "~", "null"):
		return None
	return text


def _flow_list(text, lineno):
	inner = text.strip()[1:-1].strip()
	items = []
	i = 0
	while i < len(inner):
		c = inner[i]
		if c in " ,":
			i += 1
			continue
		if c == "'":
			j = i + 1
			while True:
				j = inner.find("'", j)
				if j < 0:
					raise YamlError("line %d: unterminated flow item" % lineno)
				if inner[j + 1:j + 2] == "'":
					j += 2
					continue
				break
			items.append(_scalar(inner[i:j + 1], lineno))
			i = j + 1
		else:
			j = inner.find(",", i)
			if j < 0:
				j = len(inner)
			items.append(_scalar(inner[i:j], lineno))
			i = j
	return items


def _value(text, lineno):
	t = text.strip()
	if t.startswith("[") and t.endswith("]"):
		return _flow_list(t, lineno)
	return _scalar(t, lineno)


def load_yaml(path):
	"""Parse the subset of YAML the rule pack uses into dicts and lists."""
	lines = []
	with open(path, encoding="utf-8") as f:
		for n, raw in enumerate(f, 1):
			s = raw.rstrip("\n")
			if not s.strip() or s.lstrip().startswith("#"):
				continue
			if "\t" in s[:len(s) - len(s.lstrip())]:
				raise YamlError("line %d: tab in indentation" % n)
			lines.append((len(s) - len(s.lstrip()), s.strip(), n))
	pos = [0]

	def block(indent):
		if pos[0] >= len(lines):
			return None
		ind, text, n = lines[pos[0]]
		if text.startswith("- ") or text == "-":
			return seq(ind)
		return mapping(ind)

	def seq(indent):
		out = []
		while pos[0] < len(lines):
			ind, text, n = lines[pos[0]]
			if ind != indent or not (text.startswith("- ") or text == "-"):
				break
			rest = text[2:].strip()
			if not rest:
				pos[0] += 1
				out.append(block(indent + 2))
			elif re.match(r"^[\w-]+:(\s|$)", rest):
				# "- key: value" opens a mapping at indent + 2.
				lines[pos[0]] = (indent + 2, rest, n)
				out.append(mapping(indent + 2))
			else:
				out.append(_value(rest, n))
				pos[0] += 1
		return out

	def mapping(indent):
		out = {}
		while pos[0] < len(lines):
			ind, text, n = lines[pos[0]]
			if ind < indent:
				break
			if ind > indent:
				raise YamlError("line %d: unexpected indentation" % n)
			m = re.match(r"^([\w-]+):(?:\s+(.*))?$", text)
			if not m:
				raise YamlError("line %d: expected 'key: value'" % n)
			key, rest = m.group(1), m.group(2)
			if key in out:
				raise YamlError("line %d: duplicate key '%s'" % (n, key))
			pos[0] += 1
			if rest is None or rest == "":
				if pos[0] < len(lines) and lines[pos[0]][0] > indent:
					out[key] = block(lines[pos[0]][0])
				elif (pos[0] < len(lines) and lines[pos[0]][0] == indent
				      and lines[pos[0]][1].startswith("- ")):
					out[key] = seq(indent)
				else:
					out[key] = None
			else:
				out[key] = _value(rest, n)
		return out

	doc = block(0)
	if pos[0] != len(lines):
		raise YamlError("line %d: cannot parse" % lines[pos[0]][2])
	return doc


# --- regex engines ---------------------------------------------------------


class Pcre2:
	"""Minimal ctypes binding: compile, and iterate matches with groups."""

	def __init__(self):
		name = ctypes.util.find_library("pcre2-8")
		self.lib = ctypes.CDLL(name or "libpcre2-8.so.0")
		L = self.lib
		L.pcre2_compile_8.restype = ctypes.c_void_p
		L.pcre2_compile_8.argtypes = [ctypes.c_char_p, ctypes.c_size_t,
			ctypes.c_uint32, ctypes.POINTER(ctypes.c_int),
			ctypes.POINTER(ctypes.c_size_t), ctypes.c_void_p]
		L.pcre2_get_error_message_8.argtypes = [ctypes.c_int,
			ctypes.c_char_p, ctypes.c_size_t]
		L.pcre2_match_data_create_from_pattern_8.restype = ctypes.c_void_p
		L.pcre2_match_data_create_from_pattern_8.argtypes = [
			ctypes.c_void_p, ctypes.c_void_p]
		L.pcre2_match_8.argtypes = [ctypes.c_void_p, ctypes.c_char_p,
			ctypes.c_size_t, ctypes.c_size_t, ctypes.c_uint32,
			ctypes.c_void_p, ctypes.c_void_p]
		L.pcre2_get_ovector_pointer_8.restype = ctypes.POINTER(ctypes.c_size_t)
		L.pcre2_get_ovector_pointer_8.argtypes = [ctypes.c_void_p]
		L.pcre2_pattern_info_8.argtypes = [ctypes.c_void_p, ctypes.c_uint32,
			ctypes.c_void_p]
		L.pcre2_match_data_free_8.argtypes = [ctypes.c_void_p]
		L.pcre2_code_free_8.argtypes = [ctypes.c_void_p]

	def compile(self, pattern):
		pat = pattern.encode("utf-8")
		err = ctypes.c_int()
		off = ctypes.c_size_t()
		code = self.lib.pcre2_compile_8(pat, len(pat), 0, ctypes.byref(err),
			ctypes.byref(off), None)
		if not code:
			buf = ctypes.create_string_buffer(256)
			self.lib.pcre2_get_error_message_8(err.value, buf, 256)
			raise ValueError("%s at offset %d" % (buf.value.decode(),
				off.value))
		return Pcre2Pattern(self, code)


class Pcre2Pattern:
	def __init__(self, eng, code):
		self.eng, self.code = eng, code
		n = ctypes.c_uint32()
		eng.lib.pcre2_pattern_info_8(code, 4, ctypes.byref(n))
		self.groups = n.value

	def finditer(self, text):
		"""Yield tuples of (start, end) per group (None when unset)."""
		L = self.eng.lib
		subj = text.encode("utf-8")
		md = L.pcre2_match_data_create_from_pattern_8(self.code, None)
		try:
			start = 0
			while start <= len(subj):
				rc = L.pcre2_match_8(self.code, subj, len(subj), start, 0,
					md, None)
				if rc < 0:
					if rc == -1:
						break
					raise ValueError("pcre2 match error %d" % rc)
				ov = L.pcre2_get_ovector_pointer_8(md)
				spans = []
				for g in range(self.groups + 1):
					a, b = ov[2 * g], ov[2 * g + 1]
					unset = g >= rc or a > len(subj)
					spans.append(None if unset else (a, b))
				yield [None if s is None else subj[s[0]:s[1]].decode(
					"utf-8", "replace") for s in spans], spans
				start = spans[0][1] if spans[0][1] > spans[0][0] else \
					spans[0][1] + 1
		finally:
			L.pcre2_match_data_free_8(md)


class PyPattern:
	def __init__(self, pattern):
		self.rx = re.compile(pattern)
		self.groups = self.rx.groups

	def finditer(self, text):
		for m in self.rx.finditer(text):
			n = range(self.groups + 1)
			yield [m.group(i) for i in n], [None if m.start(i) < 0
				else (m.start(i), m.end(i)) for i in n]


_PCRE2 = None


def compile_regex(pattern):
	"""Compile with pcre2 when available (what the engine uses)."""
	global _PCRE2
	if _PCRE2 is None:
		try:
			_PCRE2 = Pcre2()
		except OSError:
			_PCRE2 = False
			sys.stderr.write("# libpcre2-8 not found, using python re\n")
	if _PCRE2:
		return _PCRE2.compile(pattern)
	return PyPattern(pattern)


# --- rule semantics --------------------------------------------------------

B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def base62(n, width=6):
	s = ""
	while n:
		n, r = divmod(n, 62)
		s = B62[r] + s
	return s.rjust(width, "0")


def crc32_check(token, prefix_re):
	"""Last six chars are base62(crc32(body)), body = after the prefix."""
	m = re.match(prefix_re, token)
	if not m or len(token) < m.end() + 7:
		return False
	body, check = token[m.end():-6], token[-6:]
	return base62(zlib.crc32(body.encode()) & 0xffffffff) == check


def jwt_ok(token):
	"""The header is base64url JSON naming its "alg"."""
	head = token.split(".", 1)[0]
	try:
		raw = base64.urlsafe_b64decode(head + "=" * (-len(head) % 4))
	except (ValueError, binascii.Error):
		return False
	return raw[:1] == b"{" and b'"alg"' in raw


_CRC_SHAPE = re.compile(r"(?<![A-Za-z0-9])(?:gh[pousr]_|npm_)[A-Za-z0-9]{36}"
			r"(?![A-Za-z0-9])")


def checksum_refuted(s):
	"""A ghp_/npm_-shaped token in s whose checksum is wrong: made up
	or mistyped, so no rule may report it (secrets_checksum_refuted)."""
	return any(not crc32_check(m.group(0), r"gh[pousr]_|npm_")
		   for m in _CRC_SHAPE.finditer(s))


def basic_auth_ok(token):
	"""As basic_auth_ok: base64 of printable user:password whose password
	is no placeholder."""
	b64 = token.split("=", 1)[0]
	if re.search(r"[^A-Za-z0-9+/]", b64):
		return False
	# A last lone character holds no whole byte: the engine drops it.
	b64 = b64[:len(b64) - (len(b64) % 4 == 1)]
	raw = base64.b64decode(b64 + "=" * (-len(b64) % 4))
	if len(raw) >= 512 or any(c < 0x20 or c == 0x7f for c in raw):
		return False
	if b":" not in raw:
		return False
	pw = raw.split(b":", 1)[1].decode("utf-8", "replace")
	return bool(pw) and not is_placeholder(pw, True)


VALIDATORS = {
	"github-crc32": lambda s: crc32_check(s, r"gh[pousr]_"),
	"npm-crc32": lambda s: crc32_check(s, r"npm_"),
	"jwt": jwt_ok,
	"basic-auth": basic_auth_ok,
}


# The engine's built-in placeholder test (checkers/secrets-filter.c),
# modelled so these tests predict what the engine reports.
_ALWAYS = ["xxxx", "****", "\u2022\u2022", "...", "\u2026", "changeme",
	"change_me", "change-me", "replace_me", "replace-me", "replaceme",
	"${", "{{", "}}", "$(", "%(", "%{", "#{", "<%", "secrets.", "vault:",
	"vault://", "secretsmanager", "arn:aws:ssm", "op://", "keyvault",
	"secretref", "secretkeyref", "process.env", "getenv", "environ[",
	"env(", "_here", "-here", "here>", "insert_", "insert-", "redacted",
	"placeholder", "example", "enc[aes256_gcm,", "{cipher}",
	"aqaaancmnd8bfderjhoawe/cl+sb", "2yotnfzfejr1zcsicmwpaa",
	"tgzv3jokf0xg5qx2tlkwia",
	# Hardhat and Anvil's ten funded test accounts.
	"ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
	"59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
	"5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
	"7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
	"47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a",
	"8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba",
	"92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e",
	"4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356",
	"dbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97",
	"2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6",
]
_WORDS = ["example", "sample", "dummy", "fake", "notreal", "not_real",
	"not-real", "mock", "foobar", "lorem", "todo", "fixme", "password",
	"passwd", "secret", "undefined", "null", "none", "true", "false",
	"string", "test1234"]


def _is_sequence(s):
	same = step = best = 1
	for a, b in zip(s, s[1:]):
		same = same + 1 if a == b else 1
		step = step + 1 if ord(b) == ord(a) + 1 else 1
		best = max(best, same, step)
	return len(s) >= 6 and (best >= 8 or best * 2 >= len(s))


def _is_word_passphrase(s):
	"""As is_word_passphrase: words of 3+ letters joined by _ . or -, a
	capitalised word first or lowercase and Capitalised words mixed, and
	a number at the end (two digits or more, or after a separator) or
	four digits or more after a word inside (Cobalt1987.comet)."""
	m = re.fullmatch(r"((?:[A-Za-z]{3,}[0-9]*[_.-])+)"
			 r"(?:([A-Za-z]{3,})([0-9]*)|([0-9]+))", s)
	if not m:
		return False
	words = re.findall(r"[A-Za-z]+", s)
	caps = sum(1 for w in words if w[0].isupper())
	if not caps or not (caps < len(words) or s[0].isupper()):
		return False
	inner = max((len(d) for d in re.findall(r"[A-Za-z]([0-9]+)[_.-]",
						 m.group(1))), default=0)
	mixed3 = len(words) >= 3 and caps < len(words)
	return (bool(m.group(4)) or len(m.group(3) or "") >= 2 or inner >= 4 or
		(len(m.group(3) or "") == 1 and mixed3))


def _is_identifier(s):
	"""Letters (then - or .), then at most three trailing digits.

	Mixed case must read as words (lowercase runs of 3+ on average),
	as in the engine's is_identifier."""
	if _is_word_passphrase(s):
		return False
	i = 0
	while i < len(s) and (s[i].isascii() and s[i].isalpha() or s[i] == "_"
			      or (s[i] in "-." and i)):
		i += 1
	head = s[:i]
	upper = sum(1 for c in head if "A" <= c <= "Z")
	lower_runs = re.findall(r"[a-z]+", head)
	lower = sum(len(r) for r in lower_runs)
	if upper >= 2 and lower and lower < 3 * len(lower_runs):
		return False
	digits = 0
	while i < len(s) and (s[i].isdigit() or s[i] == "."):
		i += 1
		digits += 1
	return i == len(s) and digits <= 3


_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")


def _is_made_up(s):
	"""As is_made_up: seven ascending letters or digits, or six keys of
	a keyboard row (Pass1234567, qwerty-dev)."""
	step = 1
	for a, b in zip(s.lower(), s.lower()[1:]):
		ok = a.isascii() and a.isalnum() and b.isascii() and b.isalnum()
		step = step + 1 if ok and ord(b) == ord(a) + 1 else 1
		if step >= 7:
			return True
	low = s.lower()
	return any(row[i:i + 6] in low for row in _ROWS
		   for i in range(len(row) - 5))


# As is_decimal and is_regex: 1219328376.07815, 10.0.0.12; (?: (?P< ...
_DECIMAL = re.compile(r"[0-9][0-9.]*\.[0-9.]*[0-9]")
_REGEX = re.compile(r"\(\?[:=!<P]|^(?=.{4})\[.+\][*+?]?$")


def _echoes_name(s, name):
	"""As echoes_name: the value spells its key's name (letters and
	digits, case folded, six or more)."""
	v = re.sub(r"[^A-Za-z0-9]", "", s).lower()
	return len(v) >= 6 and v in re.sub(r"[^A-Za-z0-9]", "", name).lower()


_NAME_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")
_HASH_EXACT = {"md", "id", "ids", "uuid", "guid", "oid", "rev", "revision",
	"etag", "integrity", "crc", "nonce", "salt", "signature", "sri",
	"version", "cache"}
_HASH_AFFIX = ("hash", "digest", "checksum", "fingerprint", "thumbprint",
	"commit")
_CRED_EXACT = {"auth", "pass", "passphrase", "credential", "credentials",
	"secrets", "tokens", "bearer", "psk", "passcode", "passkey", "login"}
_CRED_SUFFIX = ("secret", "token", "password", "passwd", "pwd", "apikey",
	"privatekey", "secretkey", "accesskey", "licensekey", "authkey", "auth")
_KEY_QUALIFIER = {"api", "private", "secret", "access", "license", "master",
	"signing", "encryption", "app", "hmac", "consumer", "client", "auth",
	"webhook", "session", "jwt", "write", "read", "ingest", "ingestion",
	"sdk", "mobile", "server", "service", "subscription", "primary",
	"secondary", "admin", "root", "deploy", "push", "routing",
	"integration", "shared", "aes", "cipher", "crypto", "encrypt",
	"storage", "partner", "merchant", "bot", "user", "instance", "org",
	"organization", "management", "cluster", "gateway", "relay",
	"local", "device"}
NAME_MAX = 128


def credential_name(name):
	"""As secrets_credential_name: a credential's name, not a hash's."""
	cred = qualified = False
	for w in _NAME_WORD.findall(name):
		w = w.lower()
		if w in _HASH_EXACT or w.endswith(_HASH_AFFIX) or \
		   w.startswith(_HASH_AFFIX) or w.endswith("sha"):
			return False
		if w in _CRED_EXACT or w.endswith(_CRED_SUFFIX) or \
		   (qualified and w == "key"):
			cred = True
		qualified = w in _KEY_QUALIFIER
	return cred


def names_key_call(name):
	"""As names_key_call: the value is an argument of a call taking a key."""
	if "(" not in name:
		return False
	for w in _NAME_WORD.findall(name):
		w = w.lower()
		if w in ("jwt", "sign", "verify", "encode", "decode") or \
		   w.startswith("hmac") or w.endswith("hmac"):
			return True
	return False


def candidate_name(subject, mo, so):
	"""As candidate_name in secrets-scan.c: the match before the value
	when it holds a letter, widened left over the key path it ends,
	else the value's line before it.  subject is what the offsets
	index: bytes for pcre2, str for python's re."""
	def text(a, b):
		t = subject[a:b]
		if isinstance(t, bytes):
			return t.decode("utf-8", "replace")
		return t
	low = max(so - NAME_MAX, 0)
	lo = max(mo, low)
	if re.search(r"[A-Za-z]", text(lo, so)):
		# Widened to the key path the match ends: checksum/secret.
		while lo > low and re.fullmatch(r"[A-Za-z0-9_./-]",
						text(lo - 1, lo)):
			lo -= 1
		return text(lo, so)
	nl = b"\n" if isinstance(subject, bytes) else "\n"
	lo = subject.rfind(nl, 0, so) + 1
	return text(max(lo, low), so)


_HASH_ALGS = ("pbkdf2_sha256$", "pbkdf2_sha1$", "argon2$", "bcrypt_sha256$",
	"bcrypt$", "scrypt$", "sha1$", "md5$", "unsalted_md5$", "unsalted_sha1$",
	"crypt$", "scram-sha-256$", "{ssha}", "{sha}", "{smd5}", "{crypt}",
	"{pbkdf2", "argon2:$", "sha1:", "sha256:", "sha512:")


def _is_password_hash(s):
	"""As is_password_hash: a stored password hash, not a password."""
	return s.lower().startswith(_HASH_ALGS) or \
		re.fullmatch(r"md5[0-9a-f]{32}", s) is not None


def _is_upper_constant(s):
	return re.fullmatch(r"[A-Z0-9_-]+", s) is not None and \
		(re.search(r"[_-]", s) is not None or
		 sum(c.isdigit() for c in s) <= 3)


def _is_built_value(s):
	"""As is_built_value: a printf verb, NAME= awaiting its value, or a
	key file's path."""
	if re.search(r"%[sdv](?![A-Za-z0-9])", s):
		return True
	if len(s) > 1 and s.endswith("=") and (_is_identifier(s[:-1]) or
					       _is_upper_constant(s[:-1])):
		return True
	return s.lower().endswith((".key", ".pem", ".p12", ".pfx", ".crt",
				   ".jks")) and len(s) > 4


def is_placeholder(s, generic, name=None):
	low = s.lower()
	if not s:
		return True
	if any(w in low for w in _ALWAYS):
		return True
	if low.startswith("your") or (s[0] == "<" and s[-1] == ">") or \
	   (s[0] == "$" and len(s) > 1 and (s[1].isupper() or s[1] in "_{")) \
	   or (s[0] == "%" and s[-1] == "%" and len(s) > 1):
		return True
	if _is_sequence(s) or _is_password_hash(s):
		return True
	if not generic:
		return False
	if _is_made_up(s):
		return True
	if any(w in low for w in _WORDS):
		return True
	# A digest's shape, unless the key names a credential.
	if re.fullmatch(r"[0-9a-f]{40}|[0-9a-f]{64}|[0-9A-F]{40}|[0-9A-F]{64}",
			s) and \
	   not (name is not None and (credential_name(name) or
				      names_key_call(name))):
		return True
	# A UUID, unless random (version 4) under a credential's name.
	if re.fullmatch(r"[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}",
			s) and \
	   not (s[14] == "4" and s[19] in "89abAB" and name is not None and
		credential_name(name)):
		return True
	if name is not None and _echoes_name(s, name):
		return True
	if name is not None and "publickeytoken" in name.lower():
		return True
	# Derived from a password (encryptedPassword, ...Verifier), and
	# search-only keys, meant for browsers.
	leaf = re.split(r"[./]", name)[-1].lower() if name is not None else ""
	if any(w in leaf for w in ("encrypted", "hashed", "verifier")):
		return True
	if name is not None and any(w in name.lower() for w in (
			"searchonly", "search_only", "search-only")):
		return True
	# A SHA-512 hex digest under a password's name (OctoPrint).
	if name is not None and len(s) == 128 and \
	   re.fullmatch(r"[0-9a-fA-F]+", s) and "pass" in name.lower() and \
	   not any(w in name.lower() for w in ("key", "secret", "token")):
		return True
	if low.startswith("pk.eyj"):
		return True
	if _is_built_value(s):
		return True
	if _is_identifier(s) or (re.fullmatch(r"[A-Z0-9_-]+", s) and
				 (re.search(r"[_-]", s) or
				  sum(c.isdigit() for c in s) <= 3)):
		return True
	if _DECIMAL.fullmatch(s) or _REGEX.search(s):
		return True
	if s[0] == "/" or low.startswith(("http", "file:", "./")):
		return True
	if re.fullmatch(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+",
			s):
		return True
	return False


def example_path(rule):
	"""Where a rule's examples are scanned: example.txt, or a file its
	path scope holds (the first glob, ** dropped, * read as example)."""
	if not rule.paths:
		allow = rule.allow_paths or []
		if any(glob_match(g, "example.txt") for g in allow):
			return "example.src"
		return "example.txt"
	return rule.paths[0].replace("**/", "").replace("*", "example")


def glob_match(pattern, path):
	"""gitignore-style enough for the pack: no slash matches a basename."""
	pat = pattern.rstrip("/")
	if "/" not in pat:
		return fnmatch.fnmatchcase(path.rsplit("/", 1)[-1], pat)
	pat = pat.lstrip("/")
	rx = re.escape(pat).replace(r"\*\*/", "(?:.*/)?").replace(
		r"/\*\*", "(?:/.*)?").replace(r"\*", "[^/]*").replace(r"\?", "[^/]")
	return re.fullmatch(rx, path) is not None


SHORT_ENTROPY = 0.85  # SECRETS_SHORT_ENTROPY
HEX_ENTROPY = 3.0  # SECRETS_HEX_ENTROPY: the floor of hex keys
HEX_MIN = 16  # SECRETS_HEX_MIN


def _mixed_classes(data):
	"""Three of lower, upper, digit, punctuation; letters in 2+ runs."""
	text = data.decode("latin-1")
	classes = sum(1 for cls in (string.ascii_lowercase,
		string.ascii_uppercase, string.digits, string.punctuation)
		if any(c in cls for c in text))
	return classes >= 3 and len(re.findall(r"[A-Za-z]+", text)) >= 2


def entropy_low(s, floor):
	"""As secrets_entropy_low: below the floor, which a value too short
	to reach it replaces with SHORT_ENTROPY of log2(its length) and
	mixed character classes."""
	h = entropy(s)
	if len(s) >= HEX_MIN and HEX_ENTROPY < floor < 4.0 and \
	   re.fullmatch(r"[0-9A-Fa-f]+", s) and re.search(r"[0-9]", s) and \
	   re.search(r"[A-Fa-f]", s):
		floor = HEX_ENTROPY
	if h >= floor:
		return False
	data = s.encode("utf-8")
	scaled = SHORT_ENTROPY * math.log2(len(data)) if data else 0.0
	if len(data) < 6 or scaled >= floor:
		return True
	return h < scaled or not _mixed_classes(data)


def entropy(s):
	if not s:
		return 0.0
	data = s.encode("utf-8")
	n = len(data)
	counts = {}
	for b in data:
		counts[b] = counts.get(b, 0) + 1
	return -sum(c / n * math.log2(c / n) for c in counts.values())


class Rule:
	KEYS = {"id", "description", "regex", "secret-group", "keywords",
		"entropy", "validate", "paths", "allowlist", "examples", "anchor",
		"multiline", "window", "no-keywords-reason"}
	ALLOW_KEYS = {"regexes", "regex-target", "stopwords", "paths"}

	def __init__(self, d):
		unknown = set(d) - self.KEYS
		if unknown:
			raise ValueError("unknown keys %s" % sorted(unknown))
		self.id = d["id"]
		self.description = d.get("description", "")
		self.regex_src = d["regex"]
		self.rx = compile_regex(self.regex_src)
		default = 1 if self.rx.groups else 0
		self.secret_group = d.get("secret-group", default)
		if self.secret_group > self.rx.groups:
			raise ValueError("secret-group %d but regex has %d groups" %
				(self.secret_group, self.rx.groups))
		self.keywords = d.get("keywords") or []
		self.no_keywords_reason = d.get("no-keywords-reason")
		self.entropy = float(d.get("entropy") or 0)
		self.validate = d.get("validate")
		if self.validate and self.validate not in VALIDATORS:
			raise ValueError("unknown validate '%s'" % self.validate)
		self.paths = d.get("paths") or []
		al = d.get("allowlist") or {}
		unknown = set(al) - self.ALLOW_KEYS
		if unknown:
			raise ValueError("unknown allowlist keys %s" % sorted(unknown))
		self.allow_rx = [compile_regex(r) for r in al.get("regexes") or []]
		self.allow_target = al.get("regex-target", "secret")
		if self.allow_target not in ("secret", "match", "line"):
			raise ValueError("bad regex-target '%s'" % self.allow_target)
		self.stopwords = [w.lower() for w in al.get("stopwords") or []]
		self.allow_paths = al.get("paths") or []
		ex = d.get("examples") or {}
		self.match_examples = ex.get("match") or []
		self.nomatch_examples = ex.get("no-match") or []

		self.generic = self.id.startswith("generic")
		# As guess_window in checkers/secrets-rules.c.
		ml = d.get("multiline")
		self.window = d.get("window")
		if ml is not None and self.window is not None:
			raise ValueError("give 'window' or 'multiline', not both")
		if self.window is None and ml is not None:
			self.window = "block" if ml else "line"
		if self.window is None:
			if any(x in self.regex_src for x in
			       ("[\\s\\S]", "(?s", "-----BEGIN")):
				self.window = "block"
			elif any(x in self.regex_src for x in ("\\n", "\\r")):
				self.window = "two-lines"
			else:
				self.window = "line"
		if self.window not in ("line", "two-lines", "block"):
			raise ValueError("bad window '%s'" % self.window)

	def path_ok(self, path):
		if path is None:
			return True
		if self.paths and not any(glob_match(p, path) for p in self.paths):
			return False
		return not any(glob_match(p, path) for p in self.allow_paths)

	def hits(self, text, path=None, line_of=None):
		"""(start, end, secret, validated) of each finding in text.

		text is one line, or for multi-line rules a window; the
		keyword gate looks at the line the match starts on.
		"""
		out = []
		if not self.path_ok(path):
			return out
		subject = None
		for groups, spans in self.rx.finditer(text):
			secret = groups[self.secret_group]
			if not secret:
				continue
			line = line_of(spans[0][0]) if line_of else text
			low = line.lower()
			if self.keywords and not any(k in low for k in self.keywords):
				continue
			if self.entropy and entropy_low(secret, self.entropy):
				continue
			validated = False
			if self.validate:
				if not VALIDATORS[self.validate](secret):
					continue
				validated = True
			elif checksum_refuted(secret):
				continue
			a, b = spans[self.secret_group]
			if subject is None:
				subject = text
				if not isinstance(self.rx, PyPattern):
					subject = text.encode("utf-8")
			name = candidate_name(subject, spans[0][0], a)
			if not validated and \
			   is_placeholder(secret, self.generic, name):
				continue
			target = {"secret": secret, "match": groups[0],
				"line": line}[self.allow_target]
			if any(True for a in self.allow_rx
			       for _ in a.finditer(target)):
				continue
			sl = secret.lower()
			if any(w in sl for w in self.stopwords):
				continue
			a, b = spans[self.secret_group]
			out.append((a, b, secret, validated))
		return out

	def findings(self, line):
		"""Secrets this rule alone reports on one line."""
		return [h[2] for h in self.hits(line)]


def _better(a, b):
	"""Engine order: specific beats generic, checksum, longer, id."""
	ka = (not a[0].generic, a[1][3], a[1][1] - a[1][0])
	kb = (not b[0].generic, b[1][3], b[1][1] - b[1][0])
	if ka != kb:
		return ka > kb
	return a[0].id < b[0].id


MARKERS = ("gate:allow", "gitleaks:allow", "pragma: allowlist secret")


def scan_text(rules, text, path=None):
	"""All findings in a text after the engine's overlap dedup.

	Returns (line number, rule, secret) sorted by position; the line
	is the one the secret starts on. Works in characters, which is
	what the corpus (ASCII) needs.
	"""
	lines = text.split("\n")
	starts = [0]
	for ln in lines[:-1]:
		starts.append(starts[-1] + len(ln) + 1)
	raw = []
	for r in rules:
		if r.window != "line":
			for i, ln in enumerate(lines):
				low = ln.lower()
				if r.keywords and not any(k in low for k in r.keywords):
					continue
				base = starts[i]
				if r.window == "block":
					win = text[base:base + 16384]
				else:
					win = "\n".join(lines[i:i + 2])
				for h in r.hits(win, path, line_of=lambda off, ln=ln: ln):
					raw.append((r, (base + h[0], base + h[1], h[2], h[3])))
		else:
			for i, ln in enumerate(lines):
				for h in r.hits(ln, path):
					raw.append((r, (starts[i] + h[0], starts[i] + h[1],
						h[2], h[3])))
	raw.sort(key=lambda x: (x[1][0], x[0].id))
	kept = []
	for h in raw:
		if kept and h[1][0] < kept[-1][1][1]:
			if _better(h, kept[-1]):
				kept[-1] = h
			continue
		kept.append(h)
	out = []
	for r, (a, b, secret, _) in kept:
		n = bisect.bisect_right(starts, a) - 1
		if any(m in lines[n].lower() for m in MARKERS):
			continue
		out.append((n + 1, r, secret))
	return out


# {{name}} in a rule's regex: a fragment of the pack (secrets-rules.c).
_FRAGMENT_REF = re.compile(r"\\.|\{\{([a-z][a-z0-9_-]*)\}\}", re.S)


def expand_fragments(regex, fragments, busy=()):
	"""regex with every {{name}} replaced by the fragment's expanded
	text, as the engine's loader does; escaped braces stay literal."""
	def sub(m):
		name = m.group(1)
		if name is None:
			return m.group(0)
		if name in busy:
			raise ValueError("recursive fragment '{{%s}}' at offset %d"
				% (name, m.start()))
		if name not in fragments:
			raise ValueError("unknown fragment '{{%s}}' at offset %d"
				% (name, m.start()))
		return expand_fragments(fragments[name], fragments,
			busy + (name,))
	return _FRAGMENT_REF.sub(sub, regex)


def load_rules(path, fragments=None):
	"""The rules of a pack, with its fragments expanded in regexes and
	allowlist regexes (and those given, which the pack's own replace)."""
	doc = load_yaml(path)
	if not isinstance(doc, dict) or not isinstance(doc.get("rules"), list):
		raise YamlError("%s: top level must be a mapping with 'rules'" % path)
	frags = dict(fragments or {})
	frags.update(doc.get("fragments") or {})
	rules = []
	for i, d in enumerate(doc["rules"]):
		try:
			if isinstance(d.get("regex"), str):
				d = dict(d, regex=expand_fragments(d["regex"], frags))
			al = d.get("allowlist")
			if isinstance(al, dict) and \
			   isinstance(al.get("regexes"), list):
				al = dict(al, regexes=[
					expand_fragments(r, frags)
					if isinstance(r, str) else r
					for r in al["regexes"]])
				d = dict(d, allowlist=al)
			rules.append(Rule(d))
		except (KeyError, ValueError) as e:
			raise ValueError("rule %s: %s" % (d.get("id", "#%d" % i), e))
	return rules
