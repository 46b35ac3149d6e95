#include "json.h"

#include <math.h>
#include <string.h>

void json_init(struct json_writer *w, struct strbuf *out, bool pretty)
{
	memset(w, 0, sizeof(*w));
	w->out = out;
	w->pretty = pretty;
	w->first[0] = true;
}

static void newline(struct json_writer *w)
{
	int i;

	if (!w->pretty)
		return;
	strbuf_addch(w->out, '\n');
	for (i = 0; i < w->depth; i++)
		strbuf_addstr(w->out, "  ");
}

/* Called before every value and key: emits the separator. */
static void before_item(struct json_writer *w)
{
	if (w->after_key) {
		w->after_key = false;
		return;
	}
	if (w->depth == 0)
		return;
	if (!w->first[w->depth])
		strbuf_addch(w->out, ',');
	w->first[w->depth] = false;
	newline(w);
}

static void open(struct json_writer *w, char c)
{
	before_item(w);
	strbuf_addch(w->out, c);
	if (++w->depth >= JSON_MAX_DEPTH)
		GATE_BUG("JSON nesting too deep");
	w->first[w->depth] = true;
}

static void close_(struct json_writer *w, char c)
{
	bool empty = w->first[w->depth];

	w->depth--;
	if (!empty)
		newline(w);
	strbuf_addch(w->out, c);
	if (w->depth == 0 && w->pretty)
		strbuf_addch(w->out, '\n');
}

void json_object_begin(struct json_writer *w) { open(w, '{'); }
void json_object_end(struct json_writer *w) { close_(w, '}'); }
void json_array_begin(struct json_writer *w) { open(w, '['); }
void json_array_end(struct json_writer *w) { close_(w, ']'); }

void json_escape(struct strbuf *sb, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		unsigned char c = p[i];

		if (c == '"' || c == '\\') {
			strbuf_addch(sb, '\\');
			strbuf_addch(sb, c);
			i++;
		} else if (c < 0x20 || c == 0x7f) {
			switch (c) {
			case '\n': strbuf_addstr(sb, "\\n"); break;
			case '\r': strbuf_addstr(sb, "\\r"); break;
			case '\t': strbuf_addstr(sb, "\\t"); break;
			default: strbuf_addf(sb, "\\u%04x", c); break;
			}
			i++;
		} else if (c < 0x80) {
			strbuf_addch(sb, c);
			i++;
		} else {
			size_t n = 1;

			while (n < 4 && i + n < len && (p[i + n] & 0xc0) == 0x80)
				n++;
			if (utf8_valid(s + i, n) &&
			    (n > 1 || c < 0x80)) {
				strbuf_add(sb, s + i, n);
				i += n;
			} else {
				strbuf_addstr(sb, "\\ufffd");
				i++;
			}
		}
	}
}

void json_key(struct json_writer *w, const char *key)
{
	before_item(w);
	strbuf_addch(w->out, '"');
	json_escape(w->out, key, strlen(key));
	strbuf_addstr(w->out, w->pretty ? "\": " : "\":");
	w->after_key = true;
}

void json_string_len(struct json_writer *w, const char *s, size_t len)
{
	before_item(w);
	strbuf_addch(w->out, '"');
	json_escape(w->out, s, len);
	strbuf_addch(w->out, '"');
}

void json_string(struct json_writer *w, const char *s)
{
	if (!s) {
		json_null(w);
		return;
	}
	json_string_len(w, s, strlen(s));
}

void json_int(struct json_writer *w, long long v)
{
	before_item(w);
	strbuf_addf(w->out, "%lld", v);
}

void json_real(struct json_writer *w, double v, int decimals)
{
	before_item(w);
	if (!isfinite(v))
		strbuf_addstr(w->out, "null");
	else
		strbuf_addf(w->out, "%.*f", decimals, v);
}

void json_bool(struct json_writer *w, bool v)
{
	before_item(w);
	strbuf_addstr(w->out, v ? "true" : "false");
}

void json_null(struct json_writer *w)
{
	before_item(w);
	strbuf_addstr(w->out, "null");
}

void json_raw(struct json_writer *w, const char *json)
{
	before_item(w);
	strbuf_addstr(w->out, json);
}

void json_kv_string(struct json_writer *w, const char *key, const char *s)
{
	json_key(w, key);
	json_string(w, s);
}

void json_kv_int(struct json_writer *w, const char *key, long long v)
{
	json_key(w, key);
	json_int(w, v);
}

void json_kv_bool(struct json_writer *w, const char *key, bool v)
{
	json_key(w, key);
	json_bool(w, v);
}
