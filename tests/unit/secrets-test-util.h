#ifndef GATE_SECRETS_TEST_UTIL_H
#define GATE_SECRETS_TEST_UTIL_H

/* Helpers shared by the secrets unit tests: load a pack, scan a text. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../checkers/secrets-filter.h"
#include "../../checkers/secrets-scan.h"

static int __attribute__((unused))
stu_load(struct secrets_engine *eng, const char *path)
{
	struct strbuf err = STRBUF_INIT;
	struct ydoc doc = { 0 };
	int ret;

	secrets_engine_init(eng);
	ret = secrets_rules_load_file(&eng->rules, &doc, path, &err);
	if (ret)
		printf("# %s\n", err.buf);
	else
		secrets_engine_build(eng);
	ydoc_release(&doc);
	strbuf_release(&err);
	return ret;
}

/*
 * Scan text as a whole file named `path`; the scanner keeps the hits
 * until the caller releases it.
 */
static void __attribute__((unused))
stu_scan(struct secrets_scanner *sc, struct secrets_engine *eng,
	 const char *path, const char *text, size_t len)
{
	secrets_scanner_init(sc, eng);
	if (secrets_scan_begin(sc, path, text, len)) {
		if (secrets_scan_span(sc, 0, len, 1))
			printf("# scan error: %s\n", sc->err.buf);
		secrets_scan_end(sc);
	}
}

#endif
