#ifndef GATE_CONFIG_H
#define GATE_CONFIG_H

/*
 * Configuration and rule packs are YAML, read with libyaml into a small
 * tree that remembers where each node came from, so every complaint can
 * name file, line and column.  The tree is read-only once loaded.
 *
 * Checkers never see libyaml: they get a mapping node and use the typed
 * getters below, which report errors in git's style into `err`:
 *   .gate.yml:4:3: 'severity' must be one of error, warning, off
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

enum yaml_node_kind {
	YNODE_SCALAR,
	YNODE_MAP,
	YNODE_SEQ,
};

struct ynode {
	enum yaml_node_kind kind;
	const char *file;	/* borrowed from the owning document */
	int line, column;	/* 1-based */
	char *value;		/* scalars: the text; NUL-terminated */
	size_t value_len;
	bool quoted;		/* scalar was quoted, so never null/bool */
	/* Maps keep keys[] and values[] side by side; sequences use items[]. */
	struct ynode **keys;
	struct ynode **items;
	size_t nr, alloc;
};

struct ydoc {
	char *file;
	struct ynode *root;	/* NULL for an empty document */
};

/*
 * Parse YAML text.  Returns 0, or -1 with "file:line:column: message" in
 * err.  Anchors and aliases are refused (they make line numbers lie and
 * enable billion-laughs documents); only one document is allowed.
 */
int ydoc_parse(struct ydoc *doc, const char *file, const char *text,
	       size_t len, struct strbuf *err);
int ydoc_load_file(struct ydoc *doc, const char *path, struct strbuf *err);
void ydoc_release(struct ydoc *doc);

/* Map lookup; NULL when absent or when `map` is not a mapping. */
const struct ynode *ynode_get(const struct ynode *map, const char *key);

/* Append "file:line:column: " for node n followed by the message. */
void ynode_error(struct strbuf *err, const struct ynode *n,
		 const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/*
 * Typed getters.  Each returns 0 when the key is absent (out untouched),
 * 1 when it was read, -1 with err set when present with the wrong type.
 */
int ynode_get_bool(const struct ynode *map, const char *key, bool *out,
		   struct strbuf *err);
int ynode_get_int(const struct ynode *map, const char *key, long long min,
		  long long max, long long *out, struct strbuf *err);
int ynode_get_double(const struct ynode *map, const char *key, double min,
		     double max, double *out, struct strbuf *err);
int ynode_get_string(const struct ynode *map, const char *key,
		     const char **out, struct strbuf *err);
/*
 * A list of strings; a lone scalar counts as a list of one.  *out is a
 * NULL-terminated array the caller frees (the strings are borrowed).
 */
int ynode_get_strings(const struct ynode *map, const char *key,
		      const char ***out, size_t *nr, struct strbuf *err);

/*
 * Fail with an error at the first key of `map` that is not in the
 * NULL-terminated `allowed` list (nor in `also`, which may be NULL).
 * Also fails when `map` is not a mapping.  Returns 0 or -1.
 */
int ynode_check_keys(const struct ynode *map, const char *const *allowed,
		     const char *const *also, const char *what,
		     struct strbuf *err);

bool yscalar_is_null(const struct ynode *n);
int yscalar_bool(const struct ynode *n, bool *out);

#endif
