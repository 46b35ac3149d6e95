#include "glob.h"

#include <stdlib.h>
#include <string.h>

/*
 * Match a bracket expression at p (just after '[') against c.  Sets *end
 * to the byte after ']'.  Returns -1 when the class is not closed.
 */
static int match_class(const char *p, char c, const char **end)
{
	bool negate = false, matched = false;
	const char *start;

	if (*p == '!' || *p == '^') {
		negate = true;
		p++;
	}
	start = p;
	while (*p && (*p != ']' || p == start)) {
		char lo = *p, hi;

		if (lo == '\\' && p[1])
			lo = *++p;
		hi = lo;
		if (p[1] == '-' && p[2] && p[2] != ']') {
			hi = p[2];
			if (hi == '\\' && p[3])
				hi = *(p += 1, p + 2);
			p += 2;
		}
		if (c >= lo && c <= hi)
			matched = true;
		p++;
	}
	if (*p != ']')
		return -1;
	*end = p + 1;
	return matched != negate && c != '/';
}

/*
 * Backtracking over several stars is exponential in their number, so a
 * hostile pattern could hang a commit.  Each (pattern, path) position is
 * decided once and remembered: at most pattern x path steps.
 */
struct matcher {
	const char *p0, *s0;
	size_t slen;
	unsigned char *memo;	/* 0 unknown, 1 no, 2 yes */
};

static bool match_at(struct matcher *m, const char *p, const char *s);

/* Match pattern p against string s; both are whole path suffixes. */
static bool match_here(struct matcher *m, const char *p, const char *s)
{
	size_t at = (size_t)(p - m->p0) * (m->slen + 1) + (size_t)(s - m->s0);
	bool res;

	if (m->memo && m->memo[at])
		return m->memo[at] == 2;
	res = match_at(m, p, s);
	if (m->memo)
		m->memo[at] = res ? 2 : 1;
	return res;
}

static bool match_at(struct matcher *m, const char *p, const char *s)
{
	while (*p) {
		if (p[0] == '*' && p[1] == '*') {
			const char *rest = p + 2;

			/* A "**" followed by '/' matches zero or more directories. */
			if (*rest == '/') {
				rest++;
				if (match_here(m, rest, s))
					return true;
				for (; *s; s++)
					if (*s == '/' && match_here(m, rest, s + 1))
						return true;
				return false;
			}
			/* "**" elsewhere matches anything, '/' included. */
			for (;; s++) {
				if (match_here(m, rest, s))
					return true;
				if (!*s)
					return false;
			}
		}
		if (*p == '*') {
			p++;
			for (;; s++) {
				if (match_here(m, p, s))
					return true;
				if (!*s || *s == '/')
					return false;
			}
		}
		if (!*s)
			return false;
		if (*p == '?') {
			if (*s == '/')
				return false;
		} else if (*p == '[') {
			const char *end;
			int in_class = match_class(p + 1, *s, &end);

			if (in_class < 0) {
				if (*s != '[')
					return false;
			} else {
				if (!in_class)
					return false;
				p = end;
				s++;
				continue;
			}
		} else {
			if (*p == '\\' && p[1])
				p++;
			if (*p != *s)
				return false;
		}
		p++;
		s++;
	}
	return !*s;
}

int glob_validate(const char *pattern, struct strbuf *err)
{
	const char *p;

	if (!*pattern) {
		strbuf_addstr(err, "empty glob pattern");
		return -1;
	}
	for (p = pattern; *p; p++) {
		const char *end;

		if (*p == '\\' && p[1]) {
			p++;
			continue;
		}
		if (*p == '[' && match_class(p + 1, 'a', &end) < 0) {
			strbuf_addf(err, "unclosed '[' in glob '%s'", pattern);
			return -1;
		}
	}
	return 0;
}

bool glob_match(const char *pattern, const char *path)
{
	size_t plen = strlen(pattern);
	bool dir = plen > 1 && pattern[plen - 1] == '/';
	size_t body = dir ? plen - 1 : plen;
	bool anchored = memchr(pattern, '/', body) != NULL;
	struct strbuf pat = STRBUF_INIT;
	struct matcher m = { 0 };
	const char *s = path;
	bool res = false;

	if (pattern[0] == '/')
		strbuf_add(&pat, pattern + 1, body - 1);
	else
		strbuf_add(&pat, pattern, body);
	if (dir)
		strbuf_addstr(&pat, "/**");
	m.p0 = pat.buf;
	m.s0 = path;
	m.slen = strlen(path);
	if (strchr(pat.buf, '*'))
		m.memo = xcalloc((pat.len + 1) * (m.slen + 1), 1);
	if (anchored) {
		res = match_here(&m, pat.buf, path);
	} else {
		/* Unanchored: the pattern may start at any directory. */
		for (;;) {
			if (match_here(&m, pat.buf, s)) {
				res = true;
				break;
			}
			s = strchr(s, '/');
			if (!s)
				break;
			s++;
		}
	}
	free(m.memo);
	strbuf_release(&pat);
	return res;
}

bool glob_match_any(const char *const *patterns, const char *path)
{
	for (; patterns && *patterns; patterns++)
		if (glob_match(*patterns, path))
			return true;
	return false;
}

bool glob_selected(const char *const *include, const char *const *exclude,
		   const char *path)
{
	if (include && *include && !glob_match_any(include, path))
		return false;
	return !glob_match_any(exclude, path);
}
