/* Reading and writing the secrets baseline (secrets-baseline.h). */
#include "secrets-baseline.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_fp(const char *s)
{
	size_t i;

	for (i = 0; s[i]; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return i == 64;
}

int secrets_baseline_read(struct secrets_baseline *bl, const char *path,
			  bool must_exist, struct strbuf *err)
{
	struct strbuf sb = STRBUF_INIT;
	json_error_t jerr;
	json_t *root, *list, *item;
	const char *schema;
	size_t i;

	memset(bl, 0, sizeof(*bl));
	if (strbuf_read_file(&sb, path, 64 << 20) < 0) {
		strbuf_release(&sb);
		if (errno == ENOENT && !must_exist)
			return 0;
		strbuf_addf(err, "cannot read baseline '%s': %s", path,
			    strerror(errno));
		return -1;
	}
	root = json_loadb(sb.buf, sb.len, 0, &jerr);
	strbuf_release(&sb);
	if (!root) {
		strbuf_addf(err, "cannot parse baseline '%s': line %d: %s", path,
			    jerr.line, jerr.text);
		return -1;
	}
	schema = json_string_value(json_object_get(root, "schema"));
	list = json_object_get(root, "secrets");
	if (!schema || strcmp(schema, SECRETS_BASELINE_SCHEMA) ||
	    !json_is_array(list)) {
		strbuf_addf(err, "cannot parse baseline '%s': not a %s file",
			    path, SECRETS_BASELINE_SCHEMA);
		json_decref(root);
		return -1;
	}
	bl->fps = xcalloc(json_array_size(list) + 1, sizeof(char *));
	bl->entries = xcalloc(json_array_size(list) + 1,
			      sizeof(*bl->entries));
	bl->owned = xcalloc(2 * json_array_size(list) + 1, sizeof(char *));
	json_array_foreach(list, i, item) {
		const char *fp = json_string_value(json_object_get(item,
							       "fingerprint"));
		const char *rule = json_string_value(json_object_get(item,
								 "rule"));
		const char *p = json_string_value(json_object_get(item,
							      "path"));

		if (!fp || !is_fp(fp)) {
			strbuf_addf(err, "cannot parse baseline '%s': entry %zu "
				    "has no valid fingerprint", path, i + 1);
			json_decref(root);
			secrets_baseline_release(bl);
			return -1;
		}
		bl->entries[bl->nr].fingerprint = bl->fps[bl->nr] = xstrdup(fp);
		bl->entries[bl->nr].rule = bl->owned[bl->owned_nr++] =
			xstrdup(rule ? rule : "");
		bl->entries[bl->nr++].path = p ?
			(bl->owned[bl->owned_nr++] = xstrdup(p)) : NULL;
	}
	json_decref(root);
	qsort(bl->fps, bl->nr, sizeof(char *), cmp_str);
	return 0;
}

bool secrets_baseline_has(const struct secrets_baseline *bl, const char *fp)
{
	return bl->nr && bsearch(&fp, bl->fps, bl->nr, sizeof(char *), cmp_str);
}

void secrets_baseline_release(struct secrets_baseline *bl)
{
	size_t i;

	for (i = 0; i < bl->nr; i++)
		free(bl->fps[i]);
	free(bl->fps);
	for (i = 0; i < bl->owned_nr; i++)
		free(bl->owned[i]);
	free(bl->owned);
	free(bl->entries);
	memset(bl, 0, sizeof(*bl));
}

