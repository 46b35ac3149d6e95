/*
 * libFuzzer target for the configuration reader: YAML text into the
 * position-tracking tree, then every typed getter and the glob validator
 * over whatever it holds.  Nothing may crash, leak or hang.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "config.h"
#include "glob.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void walk(const struct ynode *n, struct strbuf *err, int depth)
{
	size_t i;

	if (!n || depth > 80)
		return;
	if (n->kind == YNODE_MAP) {
		for (i = 0; i < n->nr; i++) {
			const char *key = n->keys[i]->value;
			const char **list = NULL;
			const char *s = NULL;
			long long v;
			double d;
			bool b;
			size_t nr;

			strbuf_reset(err);
			ynode_get_bool(n, key, &b, err);
			ynode_get_int(n, key, -5, 5, &v, err);
			ynode_get_double(n, key, 0, 100, &d, err);
			ynode_get_string(n, key, &s, err);
			if (s)
				glob_validate(s, err) || glob_match(s, "a/b/c.txt");
			if (ynode_get_strings(n, key, &list, &nr, err) > 0)
				free(list);
			walk(n->items[i], err, depth + 1);
		}
	} else if (n->kind == YNODE_SEQ) {
		for (i = 0; i < n->nr; i++)
			walk(n->items[i], err, depth + 1);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strbuf err = STRBUF_INIT;
	struct ydoc doc;

	if (ydoc_parse(&doc, "fuzz.yml", (const char *)data, size, &err) == 0)
		walk(doc.root, &err, 0);
	ydoc_release(&doc);
	strbuf_release(&err);
	return 0;
}
