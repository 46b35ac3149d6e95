/*
 * libFuzzer target for the secrets rule loader and scanner.  The input
 * is a rule pack (YAML), a NUL byte, then the text to scan; without a
 * NUL the whole input is scanned with a fixed two-rule pack.
 */
#include <stdint.h>
#include <string.h>

#include "../checkers/secrets-scan.h"

static const char fixed_pack[] =
	"rules:\n"
	"  - id: aws\n    regex: '\\b((?:AKIA|ASIA)[A-Z2-7]{16})\\b'\n"
	"    keywords: [akia, asia]\n"
	"  - id: generic-secret\n"
	"    regex: '(?i)secret\\s*[:=]\\s*[\"'']?([^\"''\\s]{8,})'\n"
	"    keywords: [secret]\n    entropy: 3\n"
	"  - id: pem\n    regex: '-----BEGIN[ A-Z]*PRIVATE KEY-----[\\s\\S]*?-----END'\n"
	"    keywords: ['-----begin']\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *nul = memchr(data, 0, size);
	const char *yaml = nul ? (const char *)data : fixed_pack;
	size_t ylen = nul ? (size_t)(nul - (const char *)data) :
		sizeof(fixed_pack) - 1;
	const char *text = nul ? nul + 1 : (const char *)data;
	size_t tlen = nul ? size - ylen - 1 : size;
	struct strbuf err = STRBUF_INIT;
	struct secrets_engine eng;
	struct secrets_scanner sc;
	struct ydoc doc = { 0 };
	const struct ynode *rules;

	secrets_engine_init(&eng);
	if (ydoc_parse(&doc, "fuzz.yml", yaml, ylen, &err) || !doc.root ||
	    doc.root->kind != YNODE_MAP ||
	    !(rules = ynode_get(doc.root, "rules")) ||
	    secrets_rules_load(&eng.rules, rules, false, &err))
		goto out;
	secrets_engine_build(&eng);
	secrets_scanner_init(&sc, &eng);
	if (secrets_scan_begin(&sc, "fuzz.txt", text, tlen)) {
		secrets_scan_span(&sc, 0, tlen, 1);
		secrets_scan_end(&sc);
	}
	secrets_scanner_release(&sc);
out:
	ydoc_release(&doc);
	secrets_engine_release(&eng);
	strbuf_release(&err);
	return 0;
}
