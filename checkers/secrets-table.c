/*
 * The table view of a CSV or TSV file (see secrets-table.h): RFC 4180
 * enough for exports (quoted cells with doubled quotes, line breaks
 * inside quotes), the delimiter read off the header.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "secrets-filter.h"
#include "secrets-table.h"

/* Columns looked at; a header wider than this is no export. */
#define TABLE_MAX_COLUMNS 256

bool secrets_table_path(const char *path)
{
	static const char *const exts[] = { ".csv", ".tsv", ".psv", NULL };
	size_t n = strlen(path), i;

	for (i = 0; exts[i]; i++)
		if (n > 4 && !strcasecmp(path + n - 4, exts[i]))
			return true;
	return false;
}

struct cursor {
	const char *p, *end;
	uint32_t line;		/* of *p */
	char delim;
};

/*
 * The next cell: its text (quotes removed, a doubled quote left as two)
 * in [*start, *stop).  Returns false at the end of the row, after
 * stepping over its line break.
 */
static bool next_cell(struct cursor *c, const char **start,
		      const char **stop, bool *more)
{
	const char *p = c->p;

	*more = false;
	if (p >= c->end)
		return false;
	if (*p == '"') {
		*start = ++p;
		while (p < c->end) {
			if (*p == '"' && p + 1 < c->end && p[1] == '"') {
				p += 2;
				continue;
			}
			if (*p == '"')
				break;
			if (*p == '\n')
				c->line++;
			p++;
		}
		*stop = p;
		if (p < c->end)
			p++;
		/* Anything between the closing quote and the delimiter. */
		while (p < c->end && *p != c->delim && *p != '\n')
			p++;
	} else {
		*start = p;
		while (p < c->end && *p != c->delim && *p != '\n')
			p++;
		*stop = p;
		if (*stop > *start && (*stop)[-1] == '\r')
			(*stop)--;
	}
	if (p < c->end && *p == c->delim) {
		*more = true;
		p++;
	} else if (p < c->end) {
		p++;		/* the row's line break */
		c->line++;
	}
	c->p = p;
	return true;
}

static void trim(const char **s, const char **e)
{
	while (*s < *e && isspace((unsigned char)**s))
		(*s)++;
	while (*e > *s && isspace((unsigned char)(*e)[-1]))
		(*e)--;
}

/* The delimiter the header uses most: comma, tab, semicolon or bar. */
static char header_delim(const char *p, const char *end)
{
	static const char cands[] = ",\t;|";
	size_t counts[4] = { 0 }, i, best = 0;
	bool quoted = false;

	for (; p < end && (quoted || *p != '\n'); p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (!quoted)
			for (i = 0; i < 4; i++)
				counts[i] += *p == cands[i];
	}
	for (i = 1; i < 4; i++)
		if (counts[i] > counts[best])
			best = i;
	return counts[best] ? cands[best] : 0;
}

static void add_line(struct secrets_table_view *v, uint32_t line)
{
	ALLOC_GROW(v->lines, v->lines_nr + 1, v->lines_alloc);
	v->lines[v->lines_nr++] = line;
}

/* One cell as `name = "value"`; cells with both quote kinds are left. */
static bool add_cell(struct secrets_table_view *v, const char *name,
		     const char *s, const char *e, uint32_t line)
{
	char q = memchr(s, '"', (size_t)(e - s)) ? '\'' : '"';

	if (s == e || memchr(s, '\n', (size_t)(e - s)) ||
	    (q == '\'' && memchr(s, '\'', (size_t)(e - s))))
		return false;
	strbuf_addf(&v->text, "%s = %c%.*s%c\n", name, q, (int)(e - s), s, q);
	add_line(v, line);
	return true;
}

size_t secrets_table_view(struct secrets_table_view *v, const char *text,
			  size_t len)
{
	struct cursor c = { text, text + len, 1, 0 };
	char *names[TABLE_MAX_COLUMNS] = { NULL };
	const char *s, *e;
	size_t col = 0, cols = 0, creds = 0, cells = 0, i;
	bool more;

	c.delim = header_delim(text, text + len);
	if (!c.delim)
		return 0;
	/* The header: the names of credential columns, made plain. */
	while (next_cell(&c, &s, &e, &more)) {
		trim(&s, &e);
		if (col < TABLE_MAX_COLUMNS && e > s &&
		    secrets_credential_name(s, (size_t)(e - s))) {
			char *n = xstrndup(s, (size_t)(e - s)), *q;

			for (q = n; *q; q++)
				if (!isalnum((unsigned char)*q) && *q != '_' &&
				    *q != '-' && *q != '.')
					*q = '_';
			names[col] = n;
			creds++;
		}
		col++;
		if (!more)
			break;
	}
	cols = col;
	if (!creds || cols < 2 || cols > TABLE_MAX_COLUMNS)
		goto out;
	while (c.p < c.end) {
		uint32_t line = c.line;

		col = 0;
		while (next_cell(&c, &s, &e, &more)) {
			trim(&s, &e);
			if (col < cols && names[col] &&
			    add_cell(v, names[col], s, e, line))
				cells++;
			col++;
			if (!more)
				break;
		}
	}
out:
	for (i = 0; i < TABLE_MAX_COLUMNS; i++)
		free(names[i]);
	return cells;
}

void secrets_table_view_release(struct secrets_table_view *v)
{
	strbuf_release(&v->text);
	free(v->lines);
	v->lines = NULL;
	v->lines_nr = v->lines_alloc = 0;
}
