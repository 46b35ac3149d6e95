#ifndef GATE_JSON_H
#define GATE_JSON_H

/*
 * A small JSON writer into a strbuf.  Commas and indentation are handled
 * by the writer, so emitters read like the document they produce.
 * Strings are escaped; bytes that are not valid UTF-8 become U+FFFD, so
 * the output is always valid JSON whatever a path or message holds.
 */

#include <stdbool.h>
#include <stdint.h>

#include "util.h"

#define JSON_MAX_DEPTH 32

struct json_writer {
	struct strbuf *out;
	int depth;
	bool pretty;
	bool first[JSON_MAX_DEPTH];
	bool after_key;
};

void json_init(struct json_writer *w, struct strbuf *out, bool pretty);
void json_object_begin(struct json_writer *w);
void json_object_end(struct json_writer *w);
void json_array_begin(struct json_writer *w);
void json_array_end(struct json_writer *w);
void json_key(struct json_writer *w, const char *key);
void json_string(struct json_writer *w, const char *s);
void json_string_len(struct json_writer *w, const char *s, size_t len);
void json_int(struct json_writer *w, long long v);
void json_real(struct json_writer *w, double v, int decimals);
void json_bool(struct json_writer *w, bool v);
void json_null(struct json_writer *w);
/* Insert already valid JSON text as one value. */
void json_raw(struct json_writer *w, const char *json);

/* Shorthands for "key": value pairs. */
void json_kv_string(struct json_writer *w, const char *key, const char *s);
void json_kv_int(struct json_writer *w, const char *key, long long v);
void json_kv_bool(struct json_writer *w, const char *key, bool v);

/* Escape s as a JSON string body (no quotes) into sb. */
void json_escape(struct strbuf *sb, const char *s, size_t len);

#endif
