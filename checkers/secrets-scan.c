/*
 * The secrets scanning engine (secrets-scan.h).
 */
#include "secrets-scan.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "glob.h"
#include "secrets-filter.h"

void secrets_engine_init(struct secrets_engine *eng)
{
	memset(eng, 0, sizeof(*eng));
	secrets_rules_init(&eng->rules);
}

void secrets_engine_build(struct secrets_engine *eng)
{
	struct secrets_rules *rs = &eng->rules;
	size_t i;

	secrets_ac_free(eng->ac);
	free(eng->nokw);
	free(eng->kw_max);
	eng->nokw = xcalloc(rs->nr + 1, sizeof(*eng->nokw));
	eng->kw_max = xcalloc(rs->nr + 1, sizeof(*eng->kw_max));
	eng->nokw_nr = 0;
	for (i = 0; i < rs->nr; i++) {
		const struct secrets_rule *r = rs->rules[i];
		size_t k;

		if (!r->keywords_nr)
			eng->nokw[eng->nokw_nr++] = (uint32_t)i;
		for (k = 0; k < r->keywords_nr; k++) {
			size_t n = strlen(r->keywords[k]);

			if (n > eng->kw_max[i])
				eng->kw_max[i] = (uint32_t)n;
		}
	}
	/* Built from the same rules when gate was built. */
	eng->ac = rs->builtin_only ?
		secrets_ac_wrap(secrets_pack_automaton()) :
		secrets_rules_automaton(rs);
}

void secrets_engine_release(struct secrets_engine *eng)
{
	secrets_ac_free(eng->ac);
	free(eng->nokw);
	free(eng->kw_max);
	secrets_allowlist_release(&eng->global);
	secrets_rules_release(&eng->rules);
	memset(eng, 0, sizeof(*eng));
}

void secrets_scanner_init(struct secrets_scanner *sc,
			  struct secrets_engine *eng)
{
	memset(sc, 0, sizeof(*sc));
	sc->eng = eng;
	/* Rules are limited to 31 groups, so 32 pairs always suffice. */
	sc->md = pcre2_match_data_create(32, NULL);
	if (!sc->md)
		GATE_BUG("out of memory creating pcre2 match data");
	sc->covered = xcalloc(eng->rules.nr + 1, sizeof(*sc->covered));
	sc->path_ok = xcalloc(eng->rules.nr + 1, sizeof(*sc->path_ok));
	strbuf_init(&sc->err, 0);
}

void secrets_scanner_release(struct secrets_scanner *sc)
{
	pcre2_match_data_free(sc->md);
	free(sc->covered);
	free(sc->path_ok);
	free(sc->hits);
	strbuf_release(&sc->err);
	memset(sc, 0, sizeof(*sc));
}

bool secrets_scan_begin(struct secrets_scanner *sc, const char *path,
			const char *text, size_t len)
{
	sc->hits_nr = 0;
	sc->path = path;
	sc->text = text;
	sc->len = len;
	memset(sc->path_ok, -1, sc->eng->rules.nr + 1);
	if (path && sc->eng->global.paths &&
	    glob_match_any(sc->eng->global.paths, path))
		return false;
	return true;
}

static bool no_meta(const char *s, size_t n)
{
	return !memchr(s, '/', n) && !memchr(s, '*', n) && !memchr(s, '?', n) &&
	       !memchr(s, '[', n) && !memchr(s, '\\', n);
}

int secrets_quick_glob(const char *pat, const char *path)
{
	const char *base = strrchr(path, '/');
	size_t pl, bl;

	base = base ? base + 1 : path;
	/* A leading double star and slash, and no other slash: a base name
	 * at any depth, as without them. */
	if (!strncmp(pat, "**/", 3) && !strchr(pat + 3, '/'))
		pat += 3;
	pl = strlen(pat);
	bl = strlen(base);
	if (no_meta(pat, pl))				/* go.sum */
		return bl == pl && !memcmp(base, pat, pl);
	if (pat[0] == '*' && no_meta(pat + 1, pl - 1))	/* *.lock */
		return bl >= pl - 1 && !memcmp(base + bl - (pl - 1), pat + 1,
					       pl - 1);
	if (!strncmp(pat, "**/", 3) && pl > 6 &&
	    !strcmp(pat + pl - 3, "/**") && no_meta(pat + 3, pl - 6)) {
		/* A directory of that name at any depth, and all inside. */
		size_t dl = pl - 6;
		const char *p;

		if (!strncmp(path, pat + 3, dl) && path[dl] == '/')
			return 1;
		for (p = path; (p = strchr(p, '/')); p++)
			if (!strncmp(p + 1, pat + 3, dl) && p[dl + 1] == '/')
				return 1;
		return 0;
	}
	return -1;
}

/* glob_match_any, with the shapes rule packs use decided without it. */
static bool match_any(const char *const *pats, const char *path)
{
	size_t i;

	for (i = 0; pats[i]; i++) {
		int q = secrets_quick_glob(pats[i], path);

		if (q < 0)
			q = glob_match(pats[i], path);
		if (q)
			return true;
	}
	return false;
}

static bool rule_applies(struct secrets_scanner *sc, uint32_t ri)
{
	const struct secrets_rule *r = sc->eng->rules.rules[ri];

	if (sc->path_ok[ri] < 0) {
		bool ok = true;

		if (sc->path && r->paths && !match_any(r->paths, sc->path))
			ok = false;
		if (ok && sc->path && r->allow.paths &&
		    match_any(r->allow.paths, sc->path))
			ok = false;
		sc->path_ok[ri] = ok;
	}
	return sc->path_ok[ri];
}

/*
 * Every keyword hit walks back to its line's start: libc's memrchr
 * does that a vector at a time, where a byte loop was a quarter of a
 * pre-commit scan's instructions.
 */
size_t secrets_line_start(const char *text, size_t lo, size_t pos)
{
	const char *nl = memrchr(text + lo, '\n', pos - lo);

	return nl ? (size_t)(nl - text) + 1 : lo;
}

static size_t line_end_of(const char *text, size_t hi, size_t pos)
{
	const char *nl = memchr(text + pos, '\n', hi - pos);

	return nl ? (size_t)(nl - text) : hi;
}

static bool regex_hit(const pcre2_code *re, const char *s, size_t len,
		      pcre2_match_data *md, pcre2_match_context *mctx)
{
	return pcre2_match(re, (PCRE2_SPTR)s, len, 0, 0, md, mctx) >= 0;
}

static bool allowlisted(const struct secrets_allowlist *al,
			struct secrets_scanner *sc, const char *secret,
			size_t slen, const char *match, size_t mlen,
			const char *line, size_t llen)
{
	size_t i, j;

	for (i = 0; i < al->stopwords_nr; i++) {
		const char *w = al->stopwords[i];
		size_t wl = strlen(w);

		for (j = 0; j + wl <= slen; j++)
			if (!strncasecmp(secret + j, w, wl))
				return true;
	}
	for (i = 0; i < al->regexes_nr; i++) {
		const char *s = secret;
		size_t l = slen;

		if (al->target == SECRETS_TARGET_MATCH) {
			s = match;
			l = mlen;
		} else if (al->target == SECRETS_TARGET_LINE) {
			s = line;
			l = llen;
		}
		/* A fresh match data: the caller's still holds the match. */
		{
			const pcre2_code *re = secrets_allowlist_code(
				&sc->eng->rules, al, i);
			pcre2_match_data *md;
			bool hit;

			if (!re)
				continue;
			md = pcre2_match_data_create(4, NULL);
			hit = regex_hit(re, s, l, md, sc->eng->rules.mctx);
			pcre2_match_data_free(md);
			if (hit)
				return true;
		}
	}
	return false;
}

static bool key_byte(unsigned char c)
{
	return isalnum(c) || c == '_' || c == '.' || c == '-' || c == '/';
}

/*
 * Where the name of the value at `so` starts: the match's own text
 * before the value when it holds a letter (the key a generic rule
 * matched, `CLIENT_SECRET = "`), widened to the whole key path it ends
 * (a rule sees `secret` in Helm's `checksum/secret`); else the value's
 * line before it.  At most SECRETS_NAME_MAX bytes either way.
 */
#define SECRETS_NAME_MAX 128
static size_t candidate_name(const char *text, size_t win_lo, size_t mo,
			     size_t so)
{
	size_t min = so > win_lo + SECRETS_NAME_MAX ?
		so - SECRETS_NAME_MAX : win_lo, lo = mo > min ? mo : min, i;

	for (i = lo; i < so; i++)
		if (isalpha((unsigned char)text[i]))
			break;
	if (i < so) {
		while (lo > min && key_byte((unsigned char)text[lo - 1]))
			lo--;
		return lo;
	}
	lo = secrets_line_start(text, win_lo, so);
	return lo > min ? lo : min;
}

/* Decide about one regex match; record it when it survives. */
static void consider(struct secrets_scanner *sc, struct secrets_rule *r,
		     size_t base, size_t win_lo, size_t win_hi,
		     const PCRE2_SIZE *ov, uint32_t group)
{
	const char *text = sc->text;
	size_t so = base + ov[2 * group], se = base + ov[2 * group + 1];
	size_t mo = base + ov[0], me = base + ov[1];
	size_t ls, le, name_lo;
	const char *secret = text + so;
	size_t slen = se - so;
	bool validated = false;
	struct secrets_hit *h;

	if (!slen)
		return;
	if (r->entropy > 0 && secrets_entropy_low(secret, slen, r->entropy))
		return;
	if (r->validate != SECRETS_VALIDATE_NONE) {
		if (!secrets_validate(r->validate, secret, slen))
			return;
		validated = true;
	} else if (secrets_checksum_refuted(secret, slen)) {
		return;
	}
	name_lo = candidate_name(text, win_lo, mo, so);
	if (!validated && secrets_is_placeholder(secret, slen, r->generic,
						 text + name_lo, so - name_lo))
		return;
	ls = secrets_line_start(text, win_lo, mo);
	le = line_end_of(text, win_hi, me > mo ? me - 1 : me);
	if (secrets_line_allowed(text + ls, le - ls))
		return;
	if (allowlisted(&r->allow, sc, secret, slen, text + mo, me - mo,
			text + ls, le - ls) ||
	    allowlisted(&sc->eng->global, sc, secret, slen, text + mo,
			me - mo, text + ls, le - ls))
		return;
	ALLOC_GROW(sc->hits, sc->hits_nr + 1, sc->hits_alloc);
	h = &sc->hits[sc->hits_nr++];
	memset(h, 0, sizeof(*h));
	h->rule = r;
	h->secret_off = so;
	h->secret_len = slen;
	h->match_off = mo;
	h->match_len = me - mo;
	h->validated = validated;
}

static bool word_byte(unsigned char c)
{
	return (unsigned)((c | 0x20) - 'a') < 26u || (unsigned)(c - '0') < 10u ||
	       c == '_' || c == '.' || c == '-';
}

/*
 * An anchor-word rule in a window: the keywords of the rule found again
 * in the window give the only offsets where a match can start (the
 * start of the word holding each), tried in order with PCRE2_ANCHORED.
 * The leftmost of them that matches is the match the unanchored search
 * would find, so the findings are the same, at the cost of a second
 * automaton pass over the window instead of 280 instructions a byte.
 */
struct anchor_ctx {
	struct secrets_scanner *sc;
	struct secrets_rule *r;
	const pcre2_code *re;
	uint32_t ri, group;
	size_t lo, hi;
	size_t skip;			/* the rescan starts at lo + skip */
	PCRE2_SIZE off;			/* where the search would resume */
	PCRE2_SIZE tried;		/* last start tried, + 1 */
	/* [run_start, run_end) is known to be word bytes (a word start). */
	PCRE2_SIZE run_start, run_end;
};

static int on_anchor_keyword(void *data, uint32_t id, size_t end)
{
	struct anchor_ctx *a = data;
	struct secrets_scanner *sc = a->sc;
	const char *subject = sc->text + a->lo;
	PCRE2_SIZE start, *ov;
	int rc;

	if (id != a->ri)
		return 0;
	end += a->skip;
	start = end - 1;
	/*
	 * Back to the start of the word, but not over bytes an earlier hit
	 * already walked: a long base64 run full of "key" stays linear.
	 */
	while (start > a->run_end &&
	       word_byte((unsigned char)subject[start - 1]))
		start--;
	if (start <= a->run_end && a->run_end > a->run_start)
		start = a->run_start;
	else if (start <= a->run_end)
		while (start > 0 &&
		       word_byte((unsigned char)subject[start - 1]))
			start--;
	a->run_start = start;
	a->run_end = end;
	if (start < a->off || start + 1 <= a->tried)
		return 0;
	a->tried = start + 1;
	rc = pcre2_match(a->re, (PCRE2_SPTR)subject, a->hi - a->lo, start, 0,
			 sc->md, sc->eng->rules.mctx);
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	if (rc < 0) {
		/* As the unanchored search: abandon the window, say so. */
		sc->limit_hits++;
		return 1;
	}
	ov = pcre2_get_ovector_pointer(sc->md);
	if ((uint32_t)rc > a->group && ov[2 * a->group] != PCRE2_UNSET)
		consider(sc, a->r, a->lo, a->lo, a->hi, ov, a->group);
	a->off = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
	return 0;
}

/*
 * Run rule r (index ri) over text[lo, hi).  Every keyword of the rule
 * that starts at or after lo ends at or after `from`, so an anchor-word
 * rule looks for them again only from where such a keyword may start.
 */
static int run_window(struct secrets_scanner *sc, struct secrets_rule *r,
		      uint32_t ri, size_t lo, size_t hi, size_t from)
{
	bool anchored = r->anchor_word && !sc->no_anchor;
	const pcre2_code *re = anchored ?
		secrets_rule_code_anchored(&sc->eng->rules, r, &sc->err) :
		secrets_rule_code(&sc->eng->rules, r, &sc->err);
	uint32_t group = secrets_rule_group(r);
	PCRE2_SIZE off = 0, len = hi - lo;
	const char *subject = sc->text + lo;

	if (!re) {
		sc->failed = 1;
		return -1;
	}
	if (anchored) {
		size_t kw = sc->eng->kw_max[ri];
		size_t skip = from - lo > kw ? from - lo - kw : 0;
		struct anchor_ctx a = { sc, r, re, ri, group, lo, hi, skip, 0,
					0, 0, 0 };

		secrets_ac_scan(sc->eng->ac, subject + skip, len - skip,
				on_anchor_keyword, &a);
		return 0;
	}
	while (off <= len) {
		int rc = pcre2_match(re, (PCRE2_SPTR)subject, len, off, 0,
				     sc->md, sc->eng->rules.mctx);
		PCRE2_SIZE *ov;

		if (rc == PCRE2_ERROR_NOMATCH)
			break;
		if (rc < 0) {
			/* Match or depth limit: give up on this window, but
			 * say so rather than pretend it was clean. */
			sc->limit_hits++;
			break;
		}
		ov = pcre2_get_ovector_pointer(sc->md);
		if ((uint32_t)rc > group && ov[2 * group] != PCRE2_UNSET)
			consider(sc, r, lo, lo, hi, ov, group);
		off = ov[1] > off ? ov[1] : off + 1;
		if (ov[1] < ov[0])	/* \K tricks */
			off = ov[0] + 1;
	}
	return 0;
}

struct span_ctx {
	struct secrets_scanner *sc;
	size_t start, end;
	int ret;
};

static int on_keyword(void *data, uint32_t ri, size_t end)
{
	struct span_ctx *c = data;
	struct secrets_scanner *sc = c->sc;
	struct secrets_rule *r = sc->eng->rules.rules[ri];
	size_t pos = c->start + end, lo, hi, floor, cap, prev, from;

	prev = sc->covered[ri];
	if (pos <= prev || !rule_applies(sc, ri))
		return 0;
	floor = pos > c->start + SECRETS_WINDOW_HALF ?
		pos - SECRETS_WINDOW_HALF : c->start;
	lo = secrets_line_start(sc->text, floor, pos - 1);
	cap = pos + (r->window == SECRETS_WINDOW_BLOCK ?
		     SECRETS_WINDOW_MULTILINE : SECRETS_WINDOW_HALF);
	if (cap > c->end)
		cap = c->end;
	hi = line_end_of(sc->text, cap, pos);
	sc->covered[ri] = hi;
	if (r->window == SECRETS_WINDOW_BLOCK) {
		/* Finish the last line of the block, within reason. */
		size_t far = cap + SECRETS_WINDOW_HALF < c->end ?
			cap + SECRETS_WINDOW_HALF : c->end;

		hi = sc->covered[ri] = line_end_of(sc->text, far, cap);
	} else if (r->window == SECRETS_WINDOW_TWO_LINES && hi < c->end) {
		/*
		 * And the next line, within reason.  Only the keyword's line
		 * counts as covered: a hit on the next line opens its own
		 * window, which reaches the line after (the same match found
		 * twice is one hit after secrets_scan_end).
		 */
		size_t far = hi + 1 + SECRETS_WINDOW_HALF < c->end ?
			hi + 1 + SECRETS_WINDOW_HALF : c->end;

		hi = line_end_of(sc->text, far, hi + 1);
	}
	/*
	 * A keyword of the rule that ended before pos would have opened
	 * this window, unless the last window covered it; so when that
	 * one ended before lo, every keyword of the rule from lo on ends
	 * at pos or later.  (The window of a minified line, clamped to
	 * 4 KiB, can start inside the last one.)
	 */
	from = lo >= prev ? pos : lo;
	if (run_window(sc, r, ri, lo, hi, from)) {
		c->ret = -1;
		return 1;
	}
	return 0;
}

static int cmp_hit_off(const void *a, const void *b)
{
	const struct secrets_hit *x = a, *y = b;

	if (x->secret_off != y->secret_off)
		return x->secret_off < y->secret_off ? -1 : 1;
	return x->secret_len > y->secret_len ? -1 : x->secret_len < y->secret_len;
}

/* Line numbers for the hits of the span, in one walk over its text. */
static void number_lines(struct secrets_scanner *sc, size_t first,
			 size_t start, uint32_t line)
{
	size_t i, pos = start, ls = start;

	if (sc->hits_nr == first)
		return;
	qsort(sc->hits + first, sc->hits_nr - first, sizeof(*sc->hits),
	      cmp_hit_off);
	for (i = first; i < sc->hits_nr; i++) {
		struct secrets_hit *h = &sc->hits[i];
		size_t end = h->secret_off + (h->secret_len ? h->secret_len - 1 : 0);
		uint32_t end_line;
		size_t p;

		while (pos < h->secret_off) {
			const char *nl = memchr(sc->text + pos, '\n',
						h->secret_off - pos);

			if (!nl) {
				pos = h->secret_off;
				break;
			}
			line++;
			pos = (size_t)(nl - sc->text) + 1;
			ls = pos;
		}
		h->line = line;
		h->column = (uint32_t)(h->secret_off - ls + 1);
		end_line = line;
		for (p = h->secret_off; p < end; p++)
			if (sc->text[p] == '\n')
				end_line++;
		h->end_line = end_line != line ? end_line : 0;
	}
}

int secrets_scan_span(struct secrets_scanner *sc, size_t start, size_t end,
		      uint32_t line)
{
	struct span_ctx c = { sc, start, end, 0 };
	size_t first = sc->hits_nr, i;

	if (end > sc->len)
		end = sc->len;
	if (start >= end)
		return 0;
	memset(sc->covered, 0, (sc->eng->rules.nr + 1) * sizeof(*sc->covered));
	secrets_ac_scan(sc->eng->ac, sc->text + start, end - start,
			on_keyword, &c);
	if (c.ret)
		return -1;
	/* Rules without keywords (justified in the pack) see every line. */
	for (i = 0; i < sc->eng->nokw_nr; i++) {
		uint32_t ri = sc->eng->nokw[i];

		if (rule_applies(sc, ri) &&
		    run_window(sc, sc->eng->rules.rules[ri], ri, start, end,
			       start))
			return -1;
	}
	number_lines(sc, first, start, line);
	return 0;
}

/* Specific beats generic, a checksum beats none, longer beats shorter. */
static bool better(const struct secrets_hit *a, const struct secrets_hit *b)
{
	if (a->rule->generic != b->rule->generic)
		return !a->rule->generic;
	if (a->validated != b->validated)
		return a->validated;
	if (a->secret_len != b->secret_len)
		return a->secret_len > b->secret_len;
	return strcmp(a->rule->id, b->rule->id) < 0;
}

void secrets_scan_end(struct secrets_scanner *sc)
{
	size_t i, kept = 0;

	if (!sc->hits_nr)
		return;
	qsort(sc->hits, sc->hits_nr, sizeof(*sc->hits), cmp_hit_off);
	for (i = 0; i < sc->hits_nr; i++) {
		struct secrets_hit *h = &sc->hits[i];

		if (kept) {
			struct secrets_hit *k = &sc->hits[kept - 1];

			if (h->secret_off < k->secret_off + k->secret_len) {
				if (better(h, k))
					*k = *h;
				continue;
			}
		}
		sc->hits[kept++] = *h;
	}
	sc->hits_nr = kept;
}
