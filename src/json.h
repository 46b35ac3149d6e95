#ifndef GATE_JSON_H
#define GATE_JSON_H

/*
 * A small JSON writer into a strbuf (jw_: jansson owns the json_ names).  Commas and indentation are handled
 * by the writer, so emitters read like the document they produce.
 * Strings are escaped; bytes that are not valid UTF-8 become U+FFFD, so
 * the output is always valid JSON whatever a path or message holds.
 */

#include <stdbool.h>
#include <stdint.h>

#include "util.h"

#define JW_MAX_DEPTH 32

struct jw_writer {
	struct strbuf *out;
	int depth;
	bool pretty;
	bool first[JW_MAX_DEPTH];
	bool after_key;
};

void jw_init(struct jw_writer *w, struct strbuf *out, bool pretty);
void jw_object_begin(struct jw_writer *w);
void jw_object_end(struct jw_writer *w);
void jw_array_begin(struct jw_writer *w);
void jw_array_end(struct jw_writer *w);
void jw_key(struct jw_writer *w, const char *key);
void jw_string(struct jw_writer *w, const char *s);
void jw_string_len(struct jw_writer *w, const char *s, size_t len);
void jw_int(struct jw_writer *w, long long v);
void jw_real(struct jw_writer *w, double v, int decimals);
void jw_bool(struct jw_writer *w, bool v);
void jw_null(struct jw_writer *w);
/* Insert already valid JSON text as one value. */
void jw_raw(struct jw_writer *w, const char *json);

/* Shorthands for "key": value pairs. */
void jw_kv_string(struct jw_writer *w, const char *key, const char *s);
void jw_kv_int(struct jw_writer *w, const char *key, long long v);
void jw_kv_bool(struct jw_writer *w, const char *key, bool v);

/* Escape s as a JSON string body (no quotes) into sb. */
void jw_escape(struct strbuf *sb, const char *s, size_t len);

#endif
