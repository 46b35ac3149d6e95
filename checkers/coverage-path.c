#include "coverage-path.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const default_source_roots[] = {
	"src/main/java", "src/test/java", "src/main/kotlin",
	"src/test/kotlin", "src/main/scala", "src", NULL,
};

static bool is_absolute(const char *p)
{
	/* POSIX, or a Windows drive ("C:/...") from a report made there. */
	return p[0] == '/' ||
	       (((p[0] | 0x20) >= 'a' && (p[0] | 0x20) <= 'z') &&
		p[1] == ':' && p[2] == '/');
}

int cov_path_normalize(struct strbuf *sb)
{
	struct strbuf out = STRBUF_INIT;
	size_t i, prefix = 0, start;
	char *s = sb->buf;
	int ret = 0;

	for (i = 0; i < sb->len; i++)
		if (s[i] == '\\')
			s[i] = '/';
	if (s[0] == '/') {
		strbuf_addch(&out, '/');
		prefix = 1;
	} else if (is_absolute(s)) {
		strbuf_add(&out, s, 3);
		prefix = 3;
	}
	i = prefix;
	while (i < sb->len) {
		size_t n;

		start = i;
		while (i < sb->len && s[i] != '/')
			i++;
		n = i - start;
		i++;
		if (!n || (n == 1 && s[start] == '.'))
			continue;
		if (n == 2 && s[start] == '.' && s[start + 1] == '.') {
			char *slash;

			if (out.len == prefix) {
				if (!prefix)
					ret = -1;
				continue;
			}
			slash = strrchr(out.buf + prefix, '/');
			strbuf_setlen(&out, slash ? (size_t)(slash - out.buf)
					     : prefix);
			continue;
		}
		if (out.len > prefix)
			strbuf_addch(&out, '/');
		strbuf_add(&out, s + start, n);
	}
	strbuf_release(sb);
	*sb = out;
	return ret;
}

static char **list_copy(const char *const *list, bool dirs)
{
	size_t n = 0, i;
	char **out;

	while (list && list[n])
		n++;
	out = xcalloc(n + 1, sizeof(*out));
	for (i = 0; i < n; i++) {
		struct strbuf sb = STRBUF_INIT;

		strbuf_addstr(&sb, list[i]);
		cov_path_normalize(&sb);
		if (dirs && !strcmp(sb.buf, "."))
			strbuf_reset(&sb);
		out[i] = strbuf_detach(&sb, NULL);
	}
	return out;
}

static char *read_go_module(const char *root)
{
	struct strbuf path = STRBUF_INIT;
	char *mod = NULL;
	FILE *fp;
	char buf[4096];

	strbuf_addf(&path, "%s/go.mod", root);
	fp = fopen(path.buf, "r");
	strbuf_release(&path);
	if (!fp)
		return NULL;
	while (fgets(buf, sizeof(buf), fp)) {
		char *p = buf, *end;

		while (*p == ' ' || *p == '\t')
			p++;
		if (strncmp(p, "module", 6) || (p[6] != ' ' && p[6] != '\t'))
			continue;
		p += 7;
		while (*p == ' ' || *p == '\t' || *p == '"')
			p++;
		end = p + strcspn(p, " \t\r\n\"");
		if (end > p)
			mod = xstrndup(p, (size_t)(end - p));
		break;
	}
	fclose(fp);
	return mod;
}

void cov_pathmap_init(struct cov_pathmap *pm, const char *root,
		      const char *const *strip,
		      const char *const *source_roots,
		      const char *go_module)
{
	struct strbuf sb = STRBUF_INIT;
	char *real;

	memset(pm, 0, sizeof(*pm));
	strbuf_addstr(&sb, root ? root : ".");
	cov_path_normalize(&sb);
	pm->root = strbuf_detach(&sb, NULL);
	real = realpath(pm->root, NULL);
	if (real && strcmp(real, pm->root))
		pm->root_real = real;
	else
		free(real);
	pm->strip = list_copy(strip, false);
	pm->source_roots = list_copy(source_roots ? source_roots
				     : default_source_roots, true);
	pm->go_module = go_module ? xstrdup(go_module)
				  : read_go_module(pm->root);
}

void cov_pathmap_release(struct cov_pathmap *pm)
{
	size_t i;

	for (i = 0; pm->strip && pm->strip[i]; i++)
		free(pm->strip[i]);
	for (i = 0; pm->source_roots && pm->source_roots[i]; i++)
		free(pm->source_roots[i]);
	free(pm->strip);
	free(pm->source_roots);
	free(pm->root);
	free(pm->root_real);
	free(pm->go_module);
	memset(pm, 0, sizeof(*pm));
}

/* "dir/x" under "dir": the rest, or NULL. */
static const char *under(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	if (!n)
		return path;
	if (n == 1 && dir[0] == '/')
		return path[0] == '/' ? path + 1 : NULL;
	if (strncmp(path, dir, n))
		return NULL;
	if (path[n] == '/')
		return path + n + 1;
	if (!path[n] || dir[n - 1] == '/')
		return path + n;
	return NULL;
}

static const char *relativize(const struct cov_pathmap *pm, const char *p)
{
	const char *rel = under(p, pm->root);

	if (!rel && pm->root_real)
		rel = under(p, pm->root_real);
	return rel;
}

static void add_candidate(char ***list, size_t *nr, size_t *alloc,
			  const char *s)
{
	size_t i;

	for (i = 0; i < *nr; i++)
		if (!strcmp((*list)[i], s))
			return;
	ALLOC_GROW(*list, *nr + 1, *alloc);
	(*list)[(*nr)++] = xstrdup(s);
}

static bool exists(const struct cov_pathmap *pm, const char *path)
{
	return *path && pm->exists && pm->exists(pm->exists_ctx, path);
}

/* The one changed path ending in "/tail", or NULL (none or several). */
static const char *changed_suffix(const struct cov_pathmap *pm,
				  const char *tail)
{
	size_t i, n = strlen(tail);
	const char *found = NULL;

	for (i = 0; i < pm->changed_nr; i++) {
		const char *c = pm->changed[i];
		size_t cn = strlen(c);

		if (cn > n && c[cn - n - 1] == '/' &&
		    !strcmp(c + cn - n, tail)) {
			if (found)
				return NULL;
			found = c;
		}
	}
	return found;
}

bool cov_pathmap_map(const struct cov_pathmap *pm, enum cov_format fmt,
		     const char *const *bases, const char *raw,
		     struct strbuf *out, struct strbuf *why)
{
	struct strbuf p = STRBUF_INIT, c = STRBUF_INIT;
	char **cand = NULL;
	size_t cand_nr = 0, cand_alloc = 0, i;
	bool matched = false, outside = false;
	const char *rest;

	strbuf_reset(out);
	strbuf_addstr(&p, raw);
	if (cov_path_normalize(&p) < 0) {
		strbuf_addstr(out, raw);
		strbuf_addstr(why, "the path climbs out of its directory "
			      "with '..'");
		goto done;
	}
	for (i = 0; pm->strip[i]; i++) {
		rest = under(p.buf, pm->strip[i]);
		if (rest && pm->strip[i][0]) {
			memmove(p.buf, rest, strlen(rest) + 1);
			strbuf_setlen(&p, strlen(p.buf));
			break;
		}
	}
	if (fmt == COV_FORMAT_GO && pm->go_module &&
	    (rest = under(p.buf, pm->go_module)) != NULL) {
		memmove(p.buf, rest, strlen(rest) + 1);
		strbuf_setlen(&p, strlen(p.buf));
	}

	if (is_absolute(p.buf)) {
		rest = relativize(pm, p.buf);
		if (!rest) {
			strbuf_addstr(out, p.buf);
			strbuf_addf(why, "absolute path outside the "
				    "repository '%s'", pm->root);
			goto done;
		}
		add_candidate(&cand, &cand_nr, &cand_alloc, rest);
	} else if (fmt == COV_FORMAT_JACOCO) {
		for (i = 0; pm->source_roots[i]; i++) {
			strbuf_reset(&c);
			if (pm->source_roots[i][0])
				strbuf_addf(&c, "%s/", pm->source_roots[i]);
			strbuf_addstr(&c, p.buf);
			add_candidate(&cand, &cand_nr, &cand_alloc, c.buf);
		}
		add_candidate(&cand, &cand_nr, &cand_alloc, p.buf);
	} else {
		for (i = 0; bases && bases[i]; i++) {
			strbuf_reset(&c);
			strbuf_addf(&c, "%s/%s", bases[i], p.buf);
			if (cov_path_normalize(&c) < 0)
				continue;
			if (is_absolute(c.buf)) {
				rest = relativize(pm, c.buf);
				if (!rest) {
					outside = true;
					continue;
				}
				add_candidate(&cand, &cand_nr, &cand_alloc,
					      rest);
			} else {
				add_candidate(&cand, &cand_nr, &cand_alloc,
					      c.buf);
			}
		}
		add_candidate(&cand, &cand_nr, &cand_alloc, p.buf);
	}

	for (i = 0; i < cand_nr; i++)
		if (exists(pm, cand[i])) {
			strbuf_addstr(out, cand[i]);
			matched = true;
			goto done;
		}
	if (fmt == COV_FORMAT_JACOCO) {
		const char *hit = changed_suffix(pm, p.buf);
		if (hit) {
			strbuf_addstr(out, hit);
			matched = true;
			goto done;
		}
	}

	strbuf_addstr(out, cand[0]);
	if (cand_nr == 1)
		strbuf_addf(why, "no file '%s' in the repository", cand[0]);
	else {
		strbuf_addstr(why, "none of ");
		for (i = 0; i < cand_nr; i++)
			strbuf_addf(why, "%s'%s'", i ? ", " : "", cand[i]);
		strbuf_addstr(why, " is a file of the repository");
	}
	if (outside)
		strbuf_addf(why, " (its base directory is outside the "
			    "repository '%s')", pm->root);
	if (fmt == COV_FORMAT_GO && !pm->go_module)
		strbuf_addstr(why, " (no module path: go.mod not found at "
			      "the repository root and no 'go-module' set)");
	else if (fmt == COV_FORMAT_GO && !under(raw, pm->go_module))
		strbuf_addf(why, " (not under the module '%s')",
			    pm->go_module);
done:
	for (i = 0; i < cand_nr; i++)
		free(cand[i]);
	free(cand);
	strbuf_release(&p);
	strbuf_release(&c);
	return matched;
}
