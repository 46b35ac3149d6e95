#include "json.h"

#include <math.h>
#include <string.h>

void jw_init(struct jw_writer *w, struct strbuf *out, bool pretty)
{
	memset(w, 0, sizeof(*w));
	w->out = out;
	w->pretty = pretty;
	w->first[0] = true;
}

static void newline(struct jw_writer *w)
{
	int i;

	if (!w->pretty)
		return;
	strbuf_addch(w->out, '\n');
	for (i = 0; i < w->depth; i++)
		strbuf_addstr(w->out, "  ");
}

/* Called before every value and key: emits the separator. */
static void before_item(struct jw_writer *w)
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

static void open(struct jw_writer *w, char c)
{
	before_item(w);
	strbuf_addch(w->out, c);
	if (++w->depth >= JW_MAX_DEPTH)
		GATE_BUG("JSON nesting too deep");
	w->first[w->depth] = true;
}

static void close_(struct jw_writer *w, char c)
{
	bool empty = w->first[w->depth];

	w->depth--;
	if (!empty)
		newline(w);
	strbuf_addch(w->out, c);
	if (w->depth == 0 && w->pretty)
		strbuf_addch(w->out, '\n');
}

void jw_object_begin(struct jw_writer *w) { open(w, '{'); }
void jw_object_end(struct jw_writer *w) { close_(w, '}'); }
void jw_array_begin(struct jw_writer *w) { open(w, '['); }
void jw_array_end(struct jw_writer *w) { close_(w, ']'); }

void jw_escape(struct strbuf *sb, const char *s, size_t len)
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
			size_t n = utf8_seq_len(p + i, len - i);

			/* One U+FFFD per byte that starts no valid sequence. */
			if (n) {
				strbuf_add(sb, s + i, n);
				i += n;
			} else {
				strbuf_addstr(sb, "\\ufffd");
				i++;
			}
		}
	}
}

void jw_key(struct jw_writer *w, const char *key)
{
	before_item(w);
	strbuf_addch(w->out, '"');
	jw_escape(w->out, key, strlen(key));
	strbuf_addstr(w->out, w->pretty ? "\": " : "\":");
	w->after_key = true;
}

void jw_string_len(struct jw_writer *w, const char *s, size_t len)
{
	before_item(w);
	strbuf_addch(w->out, '"');
	jw_escape(w->out, s, len);
	strbuf_addch(w->out, '"');
}

void jw_string(struct jw_writer *w, const char *s)
{
	if (!s) {
		jw_null(w);
		return;
	}
	jw_string_len(w, s, strlen(s));
}

void jw_int(struct jw_writer *w, long long v)
{
	before_item(w);
	strbuf_addf(w->out, "%lld", v);
}

void jw_real(struct jw_writer *w, double v, int decimals)
{
	before_item(w);
	if (!isfinite(v))
		strbuf_addstr(w->out, "null");
	else
		strbuf_addf(w->out, "%.*f", decimals, v);
}

void jw_bool(struct jw_writer *w, bool v)
{
	before_item(w);
	strbuf_addstr(w->out, v ? "true" : "false");
}

void jw_null(struct jw_writer *w)
{
	before_item(w);
	strbuf_addstr(w->out, "null");
}

void jw_raw(struct jw_writer *w, const char *json)
{
	before_item(w);
	strbuf_addstr(w->out, json);
}

void jw_kv_string(struct jw_writer *w, const char *key, const char *s)
{
	jw_key(w, key);
	jw_string(w, s);
}

void jw_kv_int(struct jw_writer *w, const char *key, long long v)
{
	jw_key(w, key);
	jw_int(w, v);
}

void jw_kv_bool(struct jw_writer *w, const char *key, bool v)
{
	jw_key(w, key);
	jw_bool(w, v);
}
