/*
 * Writing the secrets baseline (secrets-baseline.h), apart from the
 * reader because the core's JSON writer and jansson declare functions
 * of the same names.
 */
#include "secrets-baseline.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/json.h"

static int cmp_entry(const void *a, const void *b)
{
	const struct secrets_baseline_entry *x = a, *y = b;
	int c = strcmp(x->fingerprint, y->fingerprint);

	return c ? c : strcmp(x->path ? x->path : "", y->path ? y->path : "");
}

int secrets_baseline_write(const char *path,
			   struct secrets_baseline_entry *entries, size_t nr,
			   struct strbuf *err)
{
	/*
	 * Written with the core's JSON writer: libgate's jw_string and
	 * jw_real shadow jansson's functions of the same names, so only
	 * jansson's reader is used here.
	 */
	struct strbuf out = STRBUF_INIT;
	struct jw_writer w;
	size_t i;
	FILE *f;
	int ret = 0;

	if (nr)
		qsort(entries, nr, sizeof(*entries), cmp_entry);
	jw_init(&w, &out, true);
	jw_object_begin(&w);
	jw_kv_string(&w, "schema", SECRETS_BASELINE_SCHEMA);
	jw_key(&w, "secrets");
	jw_array_begin(&w);
	for (i = 0; i < nr; i++) {
		if (i && !strcmp(entries[i].fingerprint,
				 entries[i - 1].fingerprint))
			continue;
		jw_object_begin(&w);
		jw_kv_string(&w, "fingerprint", entries[i].fingerprint);
		jw_kv_string(&w, "rule", entries[i].rule);
		if (entries[i].path)
			jw_kv_string(&w, "path", entries[i].path);
		jw_object_end(&w);
	}
	jw_array_end(&w);
	jw_object_end(&w);
	strbuf_addch(&out, '\n');
	f = fopen(path, "w");
	if (!f || fwrite(out.buf, 1, out.len, f) != out.len) {
		strbuf_addf(err, "cannot write baseline '%s': %s", path,
			    strerror(errno));
		ret = -1;
	}
	if (f && fclose(f) && !ret) {
		strbuf_addf(err, "cannot write baseline '%s': %s", path,
			    strerror(errno));
		ret = -1;
	}
	strbuf_release(&out);
	return ret;
}
