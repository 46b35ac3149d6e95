/*
 * libFuzzer target for the secrets rule loader and scanner.  The input
 * is a rule pack (YAML), a NUL byte, then the text to scan; without a
 * NUL the whole input is scanned with a fixed two-rule pack.
 */
#include <stdint.h>
#include <string.h>

#include "../checkers/secrets-scan.h"
#include "../checkers/secrets-table.h"

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
	struct secrets_table_view view = SECRETS_TABLE_VIEW_INIT;

	secrets_engine_init(&eng);
	/* A whole pack: fragments (in regexes and allowlists) and rules. */
	if (ydoc_parse(&doc, "fuzz.yml", yaml, ylen, &err) || !doc.root ||
	    doc.root->kind != YNODE_MAP ||
	    secrets_rules_load_pack(&eng.rules, doc.root, &err))
		goto out;
	secrets_engine_build(&eng);
	secrets_scanner_init(&sc, &eng);
	if (secrets_scan_begin(&sc, "fuzz.txt", text, tlen)) {
		secrets_scan_span(&sc, 0, tlen, 1);
		secrets_scan_end(&sc);
	}
	secrets_scanner_release(&sc);
	/* The same text read as a CSV export (secrets-table.h). */
	secrets_table_view(&view, text, tlen);
	secrets_scanner_init(&sc, &eng);
	if (secrets_scan_begin(&sc, "fuzz.csv", view.text.buf, view.text.len)) {
		secrets_scan_span(&sc, 0, view.text.len, 1);
		secrets_scan_end(&sc);
	}
	secrets_scanner_release(&sc);
	secrets_table_view_release(&view);
out:
	ydoc_release(&doc);
	secrets_engine_release(&eng);
	strbuf_release(&err);
	return 0;
}
