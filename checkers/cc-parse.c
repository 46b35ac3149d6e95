/*
 * Conventional Commits parsing: the strict grammar of the specification
 * and a faithful model of the parser commitlint runs, so each mode of the
 * commit-title checker judges exactly the message its users expect.
 */
#include "cc-parse.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static inline bool cc_ascii(int c)
{
	return c >= 0 && c < 0x80;
}

#define SCISSORS "------------------------ >8 ------------------------"

void cc_message_init(struct cc_message *m)
{
	memset(m, 0, sizeof(*m));
}

void cc_message_release(struct cc_message *m)
{
	size_t i;

	free(m->header);
	free(m->type);
	free(m->scope);
	free(m->subject);
	free(m->body);
	free(m->footer);
	for (i = 0; i < m->footers_nr; i++) {
		free(m->footers[i].token);
		free(m->footers[i].value);
	}
	free(m->footers);
	cc_message_init(m);
}

/* ------------------------------------------------------------ helpers */

size_t cc_js_space(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;

	if (!len)
		return 0;
	if (u[0] == ' ' || (u[0] >= '\t' && u[0] <= '\r'))
		return 1;
	if (len >= 2 && u[0] == 0xc2 && u[1] == 0xa0)
		return 2;	/* U+00A0 */
	if (len < 3)
		return 0;
	if (u[0] == 0xe1 && u[1] == 0x9a && u[2] == 0x80)
		return 3;	/* U+1680 */
	if (u[0] == 0xe2 && u[1] == 0x80 &&
	    ((u[2] >= 0x80 && u[2] <= 0x8a) || u[2] == 0xa8 ||
	     u[2] == 0xa9 || u[2] == 0xaf))
		return 3;	/* U+2000..200A, U+2028, U+2029, U+202F */
	if (u[0] == 0xe2 && u[1] == 0x81 && u[2] == 0x9f)
		return 3;	/* U+205F */
	if (u[0] == 0xe3 && u[1] == 0x80 && u[2] == 0x80)
		return 3;	/* U+3000 */
	if (u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf)
		return 3;	/* U+FEFF */
	return 0;
}

/* A JavaScript line terminator other than '\n': '\r', U+2028, U+2029. */
static size_t js_terminator(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;

	if (len && u[0] == '\r')
		return 1;
	if (len >= 3 && u[0] == 0xe2 && u[1] == 0x80 &&
	    (u[2] == 0xa8 || u[2] == 0xa9))
		return 3;
	return 0;
}

static bool has_js_terminator(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (js_terminator(s + i, len - i))
			return true;
	return false;
}

static bool is_word(int c)
{
	return cc_ascii(c) && (isalnum(c) || c == '_');
}

static bool is_blank_line(const char *s, size_t len)
{
	size_t i = 0, n;

	while (i < len && (n = cc_js_space(s + i, len - i)))
		i += n;
	return i == len;
}

size_t cc_utf16_len(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, n = 0;

	for (i = 0; i < len; i++) {
		if ((u[i] & 0xc0) == 0x80)
			continue;
		n += u[i] >= 0xf0 ? 2 : 1;
	}
	return n;
}

size_t cc_codepoint_len(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		if ((u[i] & 0xc0) != 0x80)
			n++;
	return n;
}

bool cc_line_has_url(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i + 7 < len; i++) {
		size_t k = i + 4;

		if (s[i] != 'h' || strncmp(s + i, "http", 4))
			continue;
		if (i && is_word((unsigned char)s[i - 1]))
			continue;
		if (k < len && s[k] == 's')
			k++;
		if (k + 3 >= len || strncmp(s + k, "://", 3))
			continue;
		k += 3;
		if (!cc_js_space(s + k, len - k))
			return true;
	}
	return false;
}

static char *dup_or_null(const char *s, size_t len)
{
	return len ? xstrndup(s, len) : NULL;
}

/* A line of the input: [p, p + len). */
struct line {
	const char *p;
	size_t len;
};

struct lines {
	struct line *v;
	size_t nr, alloc;
};

static void lines_push(struct lines *l, const char *p, size_t len)
{
	ALLOC_GROW(l->v, l->nr + 1, l->alloc);
	l->v[l->nr].p = p;
	l->v[l->nr].len = len;
	l->nr++;
}

/* Split on /\r?\n/, as String.prototype.split does: n newlines, n+1 lines. */
static void split_lines(struct lines *out, const char *s, size_t len,
			bool *crlf)
{
	size_t start = 0, i;

	for (i = 0; i < len; i++) {
		if (s[i] != '\n')
			continue;
		if (i > start && s[i - 1] == '\r') {
			lines_push(out, s + start, i - 1 - start);
			*crlf = true;
		} else {
			lines_push(out, s + start, i - start);
		}
		start = i + 1;
	}
	lines_push(out, s + start, len - start);
}

/* appendLine() of conventional-commits-parser: "" counts as unset. */
static void append_line(struct strbuf *sb, bool *set, const struct line *l)
{
	if (sb->len)
		strbuf_addch(sb, '\n');
	strbuf_add(sb, l->p, l->len);
	*set = true;
}

/* trimNewLines(): strip '\r' and '\n' from both ends. */
static char *trim_newlines_dup(const struct strbuf *sb)
{
	size_t a = 0, b = sb->len;

	while (a < b && (sb->buf[a] == '\r' || sb->buf[a] == '\n'))
		a++;
	while (b > a && (sb->buf[b - 1] == '\r' || sb->buf[b - 1] == '\n'))
		b--;
	return xstrndup(sb->buf + a, b - a);
}

/* ------------------------------------------------ commitlint flavour */

/*
 * `^(\w*)(?:\((.*)\))?(!?|!): (.*)$` without the regex engine.  JavaScript's
 * '.' stops at line terminators and the pattern is anchored at both ends,
 * so a header holding one never matches; the scope group is greedy, so the
 * last ')' that leaves a valid rest wins.
 */
static bool cl_rest(const char *h, size_t len, size_t k, bool need_bang,
		    bool *bang, size_t *subject)
{
	*bang = false;
	if (k < len && h[k] == '!') {
		*bang = true;
		k++;
	} else if (need_bang) {
		return false;
	}
	if (k + 1 >= len || h[k] != ':' || h[k + 1] != ' ')
		return false;
	*subject = k + 2;
	return true;
}

static bool cl_match_header(struct cc_message *m, const char *h, size_t len,
			    bool need_bang)
{
	size_t i = 0, j, subject;
	bool bang;

	if (has_js_terminator(h, len))
		return false;
	while (i < len && is_word((unsigned char)h[i]))
		i++;
	if (i < len && h[i] == '(') {
		for (j = len; j-- > i + 1;) {
			if (h[j] != ')')
				continue;
			if (cl_rest(h, len, j + 1, need_bang, &bang,
				    &subject)) {
				m->type = dup_or_null(h, i);
				m->scope = dup_or_null(h + i + 1, j - i - 1);
				m->subject = dup_or_null(h + subject,
							 len - subject);
				m->bang = bang;
				return true;
			}
		}
		return false;
	}
	if (!cl_rest(h, len, i, need_bang, &bang, &subject))
		return false;
	m->type = dup_or_null(h, i);
	m->subject = dup_or_null(h + subject, len - subject);
	m->bang = bang;
	return true;
}

/* `^\s*gpg:` */
static bool cl_gpg_line(const struct line *l)
{
	size_t i = 0, n;

	while (i < l->len && (n = cc_js_space(l->p + i, l->len - i)))
		i += n;
	return l->len - i >= 4 && !memcmp(l->p + i, "gpg:", 4);
}

/* `^[\s|*]*(BREAKING CHANGE|BREAKING-CHANGE)[:\s]+(.*)`, case-insensitive */
static bool cl_note_line(const struct line *l)
{
	size_t i = 0, n;

	for (;;) {
		if (i < l->len && (l->p[i] == '|' || l->p[i] == '*'))
			i++;
		else if ((n = cc_js_space(l->p + i, l->len - i)))
			i += n;
		else
			break;
	}
	if (l->len - i < 16 || strncasecmp(l->p + i, "BREAKING", 8) ||
	    (l->p[i + 8] != ' ' && l->p[i + 8] != '-') ||
	    strncasecmp(l->p + i + 9, "CHANGE", 6))
		return false;
	i += 15;
	if (l->p[i] == ':')
		i++;
	else if ((n = cc_js_space(l->p + i, l->len - i)))
		i += n;
	else
		return false;
	/* (.*) must reach the end of the line: no terminator after. */
	return !has_js_terminator(l->p + i, l->len - i);
}

static const char *const cl_actions[] = {
	"close", "closes", "closed", "fix", "fixes", "fixed",
	"resolve", "resolves", "resolved",
};

/* An action keyword followed by \s+ at s: returns the keyword length. */
static size_t cl_action_at(const char *s, size_t len)
{
	size_t k;

	for (k = 0; k < ARRAY_SIZE(cl_actions); k++) {
		size_t n = strlen(cl_actions[k]);

		if (n < len && !strncasecmp(s, cl_actions[k], n) &&
		    cc_js_space(s + n, len - n))
			return n;
	}
	return 0;
}

/* Lookahead (?=close|fix|resolve...) */
static bool cl_action_prefix(const char *s, size_t len)
{
	return (len >= 5 && !strncasecmp(s, "close", 5)) ||
	       (len >= 3 && !strncasecmp(s, "fix", 3)) ||
	       (len >= 7 && !strncasecmp(s, "resolve", 7));
}

/* `\b(?:https?):\/\/(?:www\.)?([-a-zA-Z0-9@:%_+.~#?&//=])+\b` */
static bool cl_url_char(int c)
{
	return cc_ascii(c) && (isalnum(c) || strchr("-@:%_+.~#?&/=", c));
}

static bool cl_sentence_has_url(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i + 7 < len; i++) {
		size_t k = i + 4;

		if (strncmp(s + i, "http", 4) ||
		    (i && is_word((unsigned char)s[i - 1])))
			continue;
		if (k < len && s[k] == 's')
			k++;
		if (k + 3 > len || strncmp(s + k, "://", 3))
			continue;
		for (k += 3; k < len && cl_url_char((unsigned char)s[k]); k++)
			if (is_word((unsigned char)s[k]))
				return true;
	}
	return false;
}

/* `#[\w-]+(?=\s|$|[,;)\]])` anywhere in a URL-free sentence. */
static bool cl_sentence_has_ref(const char *s, size_t len)
{
	size_t i, k;

	if (cl_sentence_has_url(s, len))
		return false;
	for (i = 0; i < len; i++) {
		if (s[i] != '#')
			continue;
		for (k = i + 1; k < len && (is_word((unsigned char)s[k]) ||
					    s[k] == '-'); k++)
			;
		if (k == i + 1)
			continue;
		if (k == len || strchr(",;)]", s[k]) ||
		    cc_js_space(s + k, len - k))
			return true;
	}
	return false;
}

/*
 * parseReferences() of conventional-commits-parser 6: when the line holds
 * an action keyword ("Closes #1"), the sentences are the text after each
 * keyword up to the next one; otherwise each run of the line between
 * terminators is one sentence.
 */
static bool cl_line_has_ref(const struct line *l)
{
	const char *s = l->p;
	size_t len = l->len, pos = 0, p, n, e;
	bool any_action = false;

	while (pos < len) {
		for (p = pos; p < len; p++)
			if ((n = cl_action_at(s + p, len - p)))
				break;
		if (p >= len)
			break;
		e = p + n;
		while (e < len && (n = cc_js_space(s + e, len - e)))
			e += n;
		{
			size_t start = e;

			while (e < len && !cl_action_prefix(s + e, len - e) &&
			       !js_terminator(s + e, len - e))
				e++;
			if (e < len && js_terminator(s + e, len - e) &&
			    !cl_action_prefix(s + e, len - e)) {
				/* '.' cannot pass a terminator: no match
				 * at p, the search goes on after it. */
				pos = p + 1;
				continue;
			}
			any_action = true;
			if (cl_sentence_has_ref(s + start, e - start))
				return true;
		}
		pos = e > p ? e : p + 1;
	}
	if (any_action)
		return false;
	/* /()(.+)/g: each maximal run without terminators. */
	for (pos = 0; pos < len;) {
		size_t start = pos;

		while (pos < len && !js_terminator(s + pos, len - pos))
			pos++;
		if (pos > start && cl_sentence_has_ref(s + start, pos - start))
			return true;
		if (pos < len)
			pos += js_terminator(s + pos, len - pos);
	}
	return false;
}

static void parse_commitlint(struct cc_message *m, const char *text,
			     size_t len)
{
	struct lines all = { 0 }, lines = { 0 };
	struct strbuf body = STRBUF_INIT, footer = STRBUF_INIT;
	bool body_set = false, footer_set = false, in_footer = false;
	size_t a = 0, b = len, i, idx = 0, notes = 0;

	if (is_blank_line(text, len)) {
		m->status = CC_HEADER_EMPTY;
		return;
	}
	while (a < b && (text[a] == '\r' || text[a] == '\n'))
		a++;
	while (b > a && (text[b - 1] == '\r' || text[b - 1] == '\n'))
		b--;
	split_lines(&all, text + a, b - a, &m->crlf);
	for (i = 0; i < all.nr; i++)
		if (!cl_gpg_line(&all.v[i]))
			lines_push(&lines, all.v[i].p, all.v[i].len);

	m->status = CC_HEADER_EMPTY;
	if (idx < lines.nr) {
		const struct line *h = &lines.v[idx++];

		if (h->len) {
			m->header = xstrndup(h->p, h->len);
			m->status = CC_HEADER_BAD_FORMAT;
			if (cl_match_header(m, h->p, h->len, true) ||
			    cl_match_header(m, h->p, h->len, false))
				m->status = CC_HEADER_OK;
			if (m->status == CC_HEADER_OK && !m->type)
				m->status = CC_HEADER_NO_TYPE;
			else if (m->status == CC_HEADER_OK && !m->subject)
				m->status = CC_HEADER_NO_DESCRIPTION;
		}
	}
	for (; idx < lines.nr; idx++) {
		const struct line *l = &lines.v[idx];

		if (cl_note_line(l)) {
			notes++;
			in_footer = true;
		} else if (!in_footer && cl_line_has_ref(l)) {
			in_footer = true;
		}
		if (in_footer)
			append_line(&footer, &footer_set, l);
		else
			append_line(&body, &body_set, l);
	}
	if (body_set)
		m->body = trim_newlines_dup(&body);
	if (footer_set)
		m->footer = trim_newlines_dup(&footer);
	m->breaking = notes > 0 || m->bang;
	strbuf_release(&body);
	strbuf_release(&footer);
	free(all.v);
	free(lines.v);
}

/* ------------------------------------------------------ spec flavour */

static bool spec_type_char(int c)
{
	return cc_ascii(c) && (isalnum(c) || c == '_' || c == '-');
}

static void parse_spec_header(struct cc_message *m, const char *h,
			      size_t len)
{
	size_t i = 0, j, k;

	while (i < len && spec_type_char((unsigned char)h[i]))
		i++;
	if (!i) {
		/* h[0] may be a NUL byte, which strchr() would find. */
		m->status = len && h[0] && strchr("(!:", h[0])
				? CC_HEADER_NO_TYPE : CC_HEADER_BAD_FORMAT;
		return;
	}
	if (!isalpha((unsigned char)h[0])) {
		m->status = CC_HEADER_BAD_FORMAT;
		return;
	}
	k = i;
	if (k < len && h[k] == '(') {
		for (j = k + 1; j < len && h[j] != ')' && h[j] != '('; j++)
			;
		if (j >= len || h[j] != ')' || j == k + 1 ||
		    cc_js_space(h + k + 1, j - k - 1) ||
		    is_blank_line(h + j - 1, 1)) {
			m->status = CC_HEADER_BAD_SCOPE;
			return;
		}
		m->scope = xstrndup(h + k + 1, j - k - 1);
		k = j + 1;
	}
	if (k < len && h[k] == '!') {
		m->bang = true;
		k++;
	}
	if (k >= len || h[k] != ':') {
		m->status = CC_HEADER_BAD_FORMAT;
		return;
	}
	m->type = xstrndup(h, i);
	if (k + 1 == len) {
		m->status = CC_HEADER_NO_DESCRIPTION;
		return;
	}
	if (h[k + 1] != ' ') {
		m->status = CC_HEADER_BAD_FORMAT;
		return;
	}
	if (is_blank_line(h + k + 2, len - k - 2)) {
		m->status = CC_HEADER_NO_DESCRIPTION;
		return;
	}
	m->subject = xstrndup(h + k + 2, len - k - 2);
	m->status = CC_HEADER_OK;
}

/*
 * A footer line: `Token: value` or `Token #value`, the token a word with
 * '-' for spaces, or BREAKING CHANGE (matched here in any case so the
 * rules can complain about a lower-case one).
 */
static bool spec_token_line(const struct line *l, size_t *tok, size_t *val)
{
	const char *s = l->p;
	size_t n = l->len, t = 0;

	if (n >= 15 && !strncasecmp(s, "BREAKING CHANGE", 15)) {
		t = 15;
	} else {
		if (!n || !cc_ascii((unsigned char)s[0]) ||
		    !isalnum((unsigned char)s[0]))
			return false;
		while (t < n && cc_ascii((unsigned char)s[t]) &&
		       (isalnum((unsigned char)s[t]) || s[t] == '-'))
			t++;
	}
	if (t + 2 <= n && s[t] == ':' && s[t + 1] == ' ')
		*val = t + 2;
	else if (t + 2 <= n && s[t] == ' ' && s[t + 1] == '#')
		*val = t + 1;
	else
		return false;
	if (is_blank_line(s + *val, n - *val))
		return false;
	*tok = t;
	return true;
}

static void spec_finish_footer(struct cc_message *m, struct strbuf *value)
{
	struct cc_footer *f = &m->footers[m->footers_nr - 1];

	while (value->len && value->buf[value->len - 1] == '\n')
		strbuf_setlen(value, value->len - 1);
	f->value = xstrndup(value->buf, value->len);
	strbuf_reset(value);
}

static void join_lines(char **out, const struct lines *l, size_t from,
		       size_t to)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	while (from < to && is_blank_line(l->v[from].p, l->v[from].len))
		from++;
	while (to > from && is_blank_line(l->v[to - 1].p, l->v[to - 1].len))
		to--;
	for (i = from; i < to; i++) {
		if (i > from)
			strbuf_addch(&sb, '\n');
		strbuf_add(&sb, l->v[i].p, l->v[i].len);
	}
	*out = from < to ? strbuf_detach(&sb, NULL) : NULL;
	strbuf_release(&sb);
}

static void parse_spec(struct cc_message *m, const char *text, size_t len)
{
	struct lines lines = { 0 };
	struct strbuf value = STRBUF_INIT;
	size_t i, footer_start, tok, val;

	split_lines(&lines, text, len, &m->crlf);
	while (lines.nr &&
	       is_blank_line(lines.v[lines.nr - 1].p, lines.v[lines.nr - 1].len))
		lines.nr--;
	if (!lines.nr) {
		m->status = CC_HEADER_EMPTY;
		free(lines.v);
		return;
	}
	m->header = xstrndup(lines.v[0].p, lines.v[0].len);
	parse_spec_header(m, lines.v[0].p, lines.v[0].len);
	if (lines.nr > 1 && !is_blank_line(lines.v[1].p, lines.v[1].len))
		m->body_not_blank_separated = true;

	footer_start = lines.nr;
	for (i = 2; i < lines.nr; i++) {
		if (is_blank_line(lines.v[i - 1].p, lines.v[i - 1].len) &&
		    spec_token_line(&lines.v[i], &tok, &val)) {
			footer_start = i;
			break;
		}
	}
	join_lines(&m->body, &lines, 1, footer_start);
	join_lines(&m->footer, &lines, footer_start, lines.nr);
	for (i = footer_start; i < lines.nr; i++) {
		const struct line *l = &lines.v[i];

		if (spec_token_line(l, &tok, &val)) {
			struct cc_footer *f;

			if (m->footers_nr)
				spec_finish_footer(m, &value);
			ALLOC_GROW(m->footers, m->footers_nr + 1,
				   m->footers_alloc);
			f = &m->footers[m->footers_nr++];
			memset(f, 0, sizeof(*f));
			f->token = xstrndup(l->p, tok);
			f->line = (uint32_t)(i + 1);
			f->breaking = !strcmp(f->token, "BREAKING CHANGE") ||
				      !strcmp(f->token, "BREAKING-CHANGE");
			if (f->breaking)
				m->breaking = true;
			strbuf_add(&value, l->p + val, l->len - val);
		} else {
			strbuf_addch(&value, '\n');
			strbuf_add(&value, l->p, l->len);
		}
	}
	if (m->footers_nr)
		spec_finish_footer(m, &value);
	if (m->bang)
		m->breaking = true;
	strbuf_release(&value);
	free(lines.v);
}

void cc_parse(struct cc_message *out, enum cc_flavour flavour,
	      const char *text, size_t len)
{
	cc_message_release(out);
	out->flavour = flavour;
	out->raw = text;
	out->raw_len = len;
	if (flavour == CC_COMMITLINT)
		parse_commitlint(out, text, len);
	else
		parse_spec(out, text, len);
}

/* ----------------------------------------------------------- cleanup */

static const char comment_candidates[] = "#;@!$%^&|:";

char cc_guess_comment_char(const char *text, size_t len)
{
	bool starts[sizeof(comment_candidates)] = { false };
	char last = 0, best = 0;
	size_t i, c;

	for (i = 0; i < len;) {
		const char *eol = memchr(text + i, '\n', len - i);
		size_t n = eol ? (size_t)(eol - text) - i : len - i;
		const char *hit = n ? strchr(comment_candidates, text[i])
				    : NULL;

		if (hit && *hit)
			starts[hit - comment_candidates] = true;
		if (!is_blank_line(text + i, n))
			last = text[i];
		i += n + 1;
	}
	for (c = 0; comment_candidates[c] && starts[c]; c++) {
		if (!best)
			best = comment_candidates[c];
		if (comment_candidates[c] == last)
			best = last;
	}
	return best;
}

void cc_cleanup_edit(struct strbuf *out, const char *text, size_t len,
		     char comment_char)
{
	char cut[sizeof(SCISSORS) + 4];
	size_t i, cutlen, empties = 0;

	strbuf_reset(out);
	if (!comment_char)
		comment_char = cc_guess_comment_char(text, len);
	if (comment_char) {
		/* wt_status_locate_end(): "<c> -- >8 --\n" at a line start */
		cutlen = (size_t)snprintf(cut, sizeof(cut), "%c %s\n",
					  comment_char, SCISSORS);
		for (i = 0; i + cutlen <= len; i++) {
			if ((i == 0 || text[i - 1] == '\n') &&
			    !memcmp(text + i, cut, cutlen)) {
				len = i;
				break;
			}
		}
	}
	/* strbuf_stripspace(sb, comment_char) */
	for (i = 0; i < len;) {
		const char *eol = memchr(text + i, '\n', len - i);
		size_t n = eol ? (size_t)(eol - text) - i : len - i;
		size_t keep = n;

		if (comment_char && n && text[i] == comment_char) {
			i += n + 1;
			continue;
		}
		while (keep && isspace((unsigned char)text[i + keep - 1]))
			keep--;
		if (keep) {
			if (empties && out->len)
				strbuf_addch(out, '\n');
			empties = 0;
			strbuf_add(out, text + i, keep);
			strbuf_addch(out, '\n');
		} else {
			empties++;
		}
		i += n + 1;
	}
}
