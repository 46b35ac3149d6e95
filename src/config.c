#include "config.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

static struct ynode *ynode_new(struct ydoc *doc, enum yaml_node_kind kind,
			       const yaml_mark_t *mark)
{
	struct ynode *n = xcalloc(1, sizeof(*n));

	n->kind = kind;
	n->file = doc->file;
	n->line = (int)mark->line + 1;
	n->column = (int)mark->column + 1;
	return n;
}

static void ynode_free(struct ynode *n)
{
	size_t i;

	if (!n)
		return;
	for (i = 0; i < n->nr; i++) {
		if (n->keys)
			ynode_free(n->keys[i]);
		ynode_free(n->items[i]);
	}
	free(n->keys);
	free(n->items);
	free(n->value);
	free(n);
}

static void parse_error(struct strbuf *err, const char *file,
			const yaml_parser_t *p)
{
	const yaml_mark_t *m = &p->problem_mark;

	if (p->error == YAML_MEMORY_ERROR) {
		strbuf_addf(err, "%s: out of memory while parsing", file);
		return;
	}
	/* libyaml reports a context mark for some errors; the problem mark
	 * is the position the user must look at. */
	strbuf_addf(err, "%s:%zu:%zu: %s", file, (size_t)m->line + 1,
		    (size_t)m->column + 1,
		    p->problem ? p->problem : "invalid YAML");
	if (p->context)
		strbuf_addf(err, " %s", p->context);
}

struct builder {
	struct ydoc *doc;
	yaml_parser_t parser;
	struct strbuf *err;
	int depth;
};

#define MAX_DEPTH 64

static int next_event(struct builder *b, yaml_event_t *ev)
{
	if (!yaml_parser_parse(&b->parser, ev)) {
		parse_error(b->err, b->doc->file, &b->parser);
		return -1;
	}
	return 0;
}

static int build_node(struct builder *b, yaml_event_t *ev, struct ynode **out);

static int build_children(struct builder *b, struct ynode *n,
			  yaml_event_type_t end)
{
	for (;;) {
		yaml_event_t ev;
		struct ynode *child = NULL;
		int ret;

		if (next_event(b, &ev))
			return -1;
		if (ev.type == end) {
			yaml_event_delete(&ev);
			return 0;
		}
		ret = build_node(b, &ev, &child);
		yaml_event_delete(&ev);
		if (ret)
			return -1;
		if (n->kind == YNODE_MAP) {
			yaml_event_t vev;
			struct ynode *value = NULL;
			size_t i;

			if (child->kind != YNODE_SCALAR) {
				ynode_error(b->err, child,
					    "mapping keys must be plain scalars");
				ynode_free(child);
				return -1;
			}
			for (i = 0; i < n->nr; i++) {
				if (!strcmp(n->keys[i]->value, child->value)) {
					ynode_error(b->err, child,
						    "duplicate key '%s' (first at line %d)",
						    child->value, n->keys[i]->line);
					ynode_free(child);
					return -1;
				}
			}
			if (next_event(b, &vev)) {
				ynode_free(child);
				return -1;
			}
			ret = build_node(b, &vev, &value);
			yaml_event_delete(&vev);
			if (ret) {
				ynode_free(child);
				return -1;
			}
			ALLOC_GROW(n->keys, n->nr + 1, n->alloc);
			n->items = xrealloc(n->items, n->alloc * sizeof(*n->items));
			n->keys[n->nr] = child;
			n->items[n->nr++] = value;
		} else {
			ALLOC_GROW(n->items, n->nr + 1, n->alloc);
			n->items[n->nr++] = child;
		}
	}
}

static int build_node(struct builder *b, yaml_event_t *ev, struct ynode **out)
{
	struct ynode *n;
	int ret = 0;

	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		if (ev->data.scalar.anchor) {
			struct ynode tmp = { .file = b->doc->file,
				.line = (int)ev->start_mark.line + 1,
				.column = (int)ev->start_mark.column + 1 };
			ynode_error(b->err, &tmp, "anchors and aliases are not supported");
			return -1;
		}
		n = ynode_new(b->doc, YNODE_SCALAR, &ev->start_mark);
		n->value = xstrndup((const char *)ev->data.scalar.value,
				    ev->data.scalar.length);
		n->value_len = ev->data.scalar.length;
		n->quoted = ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
		*out = n;
		return 0;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		if ((ev->type == YAML_SEQUENCE_START_EVENT &&
		     ev->data.sequence_start.anchor) ||
		    (ev->type == YAML_MAPPING_START_EVENT &&
		     ev->data.mapping_start.anchor)) {
			struct ynode tmp = { .file = b->doc->file,
				.line = (int)ev->start_mark.line + 1,
				.column = (int)ev->start_mark.column + 1 };
			ynode_error(b->err, &tmp, "anchors and aliases are not supported");
			return -1;
		}
		if (++b->depth > MAX_DEPTH) {
			struct ynode tmp = { .file = b->doc->file,
				.line = (int)ev->start_mark.line + 1,
				.column = (int)ev->start_mark.column + 1 };
			ynode_error(b->err, &tmp, "nesting deeper than %d levels", MAX_DEPTH);
			return -1;
		}
		n = ynode_new(b->doc, ev->type == YAML_SEQUENCE_START_EVENT ?
			      YNODE_SEQ : YNODE_MAP, &ev->start_mark);
		ret = build_children(b, n, ev->type == YAML_SEQUENCE_START_EVENT ?
				     YAML_SEQUENCE_END_EVENT : YAML_MAPPING_END_EVENT);
		b->depth--;
		if (ret) {
			ynode_free(n);
			return -1;
		}
		*out = n;
		return 0;
	case YAML_ALIAS_EVENT: {
		struct ynode tmp = { .file = b->doc->file,
			.line = (int)ev->start_mark.line + 1,
			.column = (int)ev->start_mark.column + 1 };
		ynode_error(b->err, &tmp, "anchors and aliases are not supported");
		return -1;
	}
	default:
		GATE_BUG("unexpected YAML event %d", (int)ev->type);
	}
}

int ydoc_parse(struct ydoc *doc, const char *file, const char *text,
	       size_t len, struct strbuf *err)
{
	struct builder b = { .doc = doc, .err = err };
	yaml_event_t ev;
	int ret = -1, docs = 0;

	doc->file = xstrdup(file);
	doc->root = NULL;
	if (memchr(text, '\0', len)) {
		strbuf_addf(err, "%s: contains a NUL byte; not a YAML text file", file);
		return -1;
	}
	if (!yaml_parser_initialize(&b.parser))
		GATE_BUG("yaml_parser_initialize failed");
	yaml_parser_set_input_string(&b.parser, (const unsigned char *)text, len);
	for (;;) {
		if (next_event(&b, &ev))
			goto out;
		if (ev.type == YAML_STREAM_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		if (ev.type == YAML_DOCUMENT_START_EVENT) {
			if (++docs > 1) {
				struct ynode tmp = { .file = doc->file,
					.line = (int)ev.start_mark.line + 1,
					.column = (int)ev.start_mark.column + 1 };
				ynode_error(err, &tmp, "only one YAML document is allowed");
				yaml_event_delete(&ev);
				goto out;
			}
		} else if (ev.type == YAML_SCALAR_EVENT ||
			   ev.type == YAML_SEQUENCE_START_EVENT ||
			   ev.type == YAML_MAPPING_START_EVENT ||
			   ev.type == YAML_ALIAS_EVENT) {
			int r = build_node(&b, &ev, &doc->root);

			yaml_event_delete(&ev);
			if (r)
				goto out;
			continue;
		}
		yaml_event_delete(&ev);
	}
	/* An empty file, or one holding only "~" or comments, is no config. */
	if (doc->root && doc->root->kind == YNODE_SCALAR &&
	    yscalar_is_null(doc->root)) {
		ynode_free(doc->root);
		doc->root = NULL;
	}
	ret = 0;
out:
	yaml_parser_delete(&b.parser);
	if (ret) {
		ynode_free(doc->root);
		doc->root = NULL;
	}
	return ret;
}

int ydoc_load_file(struct ydoc *doc, const char *path, struct strbuf *err)
{
	struct strbuf sb = STRBUF_INIT;
	int ret;

	if (strbuf_read_file(&sb, path, 64u << 20)) {
		strbuf_addf(err, "cannot read '%s': %s", path, strerror(errno));
		strbuf_release(&sb);
		doc->file = xstrdup(path);
		doc->root = NULL;
		return -1;
	}
	ret = ydoc_parse(doc, path, sb.buf, sb.len, err);
	strbuf_release(&sb);
	return ret;
}

void ydoc_release(struct ydoc *doc)
{
	ynode_free(doc->root);
	free(doc->file);
	doc->root = NULL;
	doc->file = NULL;
}

const struct ynode *ynode_get(const struct ynode *map, const char *key)
{
	size_t i;

	if (!map || map->kind != YNODE_MAP)
		return NULL;
	for (i = 0; i < map->nr; i++)
		if (!strcmp(map->keys[i]->value, key))
			return map->items[i];
	return NULL;
}

void ynode_error(struct strbuf *err, const struct ynode *n,
		 const char *fmt, ...)
{
	va_list ap;

	if (err->len)
		strbuf_addch(err, '\n');
	strbuf_addf(err, "%s:%d:%d: ", n->file ? n->file : "<config>",
		    n->line, n->column);
	va_start(ap, fmt);
	strbuf_vaddf(err, fmt, ap);
	va_end(ap);
}

bool yscalar_is_null(const struct ynode *n)
{
	if (n->kind != YNODE_SCALAR || n->quoted)
		return false;
	return !n->value[0] || !strcmp(n->value, "~") ||
	       !strcmp(n->value, "null") || !strcmp(n->value, "Null") ||
	       !strcmp(n->value, "NULL");
}

int yscalar_bool(const struct ynode *n, bool *out)
{
	static const char *const yes[] = { "true", "True", "TRUE", "yes",
		"Yes", "YES", "on", "On", "ON" };
	static const char *const no[] = { "false", "False", "FALSE", "no",
		"No", "NO", "off", "Off", "OFF" };
	size_t i;

	if (n->kind != YNODE_SCALAR || n->quoted)
		return -1;
	for (i = 0; i < ARRAY_SIZE(yes); i++) {
		if (!strcmp(n->value, yes[i])) {
			*out = true;
			return 0;
		}
		if (!strcmp(n->value, no[i])) {
			*out = false;
			return 0;
		}
	}
	return -1;
}

static const char *kind_name(const struct ynode *n)
{
	switch (n->kind) {
	case YNODE_MAP: return "a mapping";
	case YNODE_SEQ: return "a list";
	default: return "a scalar";
	}
}

int ynode_get_bool(const struct ynode *map, const char *key, bool *out,
		   struct strbuf *err)
{
	const struct ynode *n = ynode_get(map, key);

	if (!n)
		return 0;
	if (yscalar_bool(n, out)) {
		ynode_error(err, n, "'%s' must be true or false", key);
		return -1;
	}
	return 1;
}

int ynode_get_int(const struct ynode *map, const char *key, long long min,
		  long long max, long long *out, struct strbuf *err)
{
	const struct ynode *n = ynode_get(map, key);
	long long v;
	char *end;

	if (!n)
		return 0;
	if (n->kind != YNODE_SCALAR || n->quoted || !n->value[0])
		goto bad;
	errno = 0;
	v = strtoll(n->value, &end, 10);
	if (*end || errno)
		goto bad;
	if (v < min || v > max) {
		ynode_error(err, n, "'%s' must be between %lld and %lld, not %lld",
			    key, min, max, v);
		return -1;
	}
	*out = v;
	return 1;
bad:
	ynode_error(err, n, "'%s' must be a whole number", key);
	return -1;
}

int ynode_get_double(const struct ynode *map, const char *key, double min,
		     double max, double *out, struct strbuf *err)
{
	const struct ynode *n = ynode_get(map, key);
	double v;
	char *end;

	if (!n)
		return 0;
	if (n->kind != YNODE_SCALAR || n->quoted || !n->value[0])
		goto bad;
	errno = 0;
	v = strtod(n->value, &end);
	if (*end || errno || !isfinite(v))
		goto bad;
	if (v < min || v > max) {
		ynode_error(err, n, "'%s' must be between %g and %g, not %g",
			    key, min, max, v);
		return -1;
	}
	*out = v;
	return 1;
bad:
	ynode_error(err, n, "'%s' must be a number", key);
	return -1;
}

int ynode_get_string(const struct ynode *map, const char *key,
		     const char **out, struct strbuf *err)
{
	const struct ynode *n = ynode_get(map, key);

	if (!n)
		return 0;
	if (n->kind != YNODE_SCALAR) {
		ynode_error(err, n, "'%s' must be a string, not %s", key,
			    kind_name(n));
		return -1;
	}
	*out = n->value;
	return 1;
}

int ynode_get_strings(const struct ynode *map, const char *key,
		      const char ***out, size_t *nr, struct strbuf *err)
{
	const struct ynode *n = ynode_get(map, key);
	const char **list;
	size_t i;

	if (!n)
		return 0;
	if (n->kind == YNODE_SCALAR) {
		list = xcalloc(2, sizeof(*list));
		list[0] = n->value;
		*out = list;
		*nr = 1;
		return 1;
	}
	if (n->kind != YNODE_SEQ) {
		ynode_error(err, n, "'%s' must be a list of strings", key);
		return -1;
	}
	list = xcalloc(n->nr + 1, sizeof(*list));
	for (i = 0; i < n->nr; i++) {
		if (n->items[i]->kind != YNODE_SCALAR) {
			ynode_error(err, n->items[i],
				    "'%s' must be a list of strings, not of %s",
				    key, kind_name(n->items[i]));
			free(list);
			return -1;
		}
		list[i] = n->items[i]->value;
	}
	*out = list;
	*nr = n->nr;
	return 1;
}

static bool in_list(const char *const *list, const char *s)
{
	for (; list && *list; list++)
		if (!strcmp(*list, s))
			return true;
	return false;
}

int ynode_check_keys(const struct ynode *map, const char *const *allowed,
		     const char *const *also, const char *what,
		     struct strbuf *err)
{
	size_t i;

	if (map->kind != YNODE_MAP) {
		ynode_error(err, map, "%s must be a mapping, not %s", what,
			    kind_name(map));
		return -1;
	}
	for (i = 0; i < map->nr; i++) {
		const char *k = map->keys[i]->value;

		if (in_list(allowed, k) || in_list(also, k))
			continue;
		ynode_error(err, map->keys[i], "unknown key '%s' in %s", k, what);
		return -1;
	}
	return 0;
}
