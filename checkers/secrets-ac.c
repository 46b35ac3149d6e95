/*
 * Aho-Corasick keyword automaton (see secrets-ac.h).  The trie is built
 * dense over byte classes, then the failure links are folded into a full
 * DFA, so the scan loop does one table load per input byte and never
 * follows a failure chain.  Table entries are pre-multiplied state
 * offsets; the top bit says "this state ends a keyword", which keeps the
 * common case (no hit) to a load, a mask and a test.
 */
#include "secrets-ac.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define AC_HIT (UINT32_C(1) << 31)
/*
 * Bits 29-30 of an entry: 0 for a state deeper than two bytes, else its
 * depth + 1.  A shallow state lets the filtered scan leave the automaton
 * (see secrets_ac_scan); the rest is the state's offset.
 */
#define AC_EXIT_SHIFT 29
#define AC_EXIT (UINT32_C(3) << AC_EXIT_SHIFT)
#define AC_OFF (~(AC_HIT | AC_EXIT))

/*
 * The prefilter (see next_candidate) is a shift-or matcher over hashed
 * byte pairs with eight buckets: a table of 2^12 words, 32 KiB.
 */
#define AC_FILTER_BITS 12
#define AC_FILTER_WORDS (1 << AC_FILTER_BITS)
/* Pairs of a keyword the filter checks; longer keywords use a prefix. */
#define AC_FILTER_PAIRS 8

struct secrets_ac {
	uint8_t cls[256];	/* byte -> class; lowercase folded in */
	uint32_t nclasses;
	uint32_t states;
	uint32_t *table;	/* states * nclasses entries */
	uint32_t *out_start;	/* per state, into out_ids */
	uint32_t *out_nr;
	uint32_t *out_ids;
	uint32_t out_total;
	/* The filter's table, or NULL when a one-byte keyword defeats it. */
	uint64_t *filter;
	int borrowed;		/* tables are a secrets_ac_image's */
};

size_t secrets_ac_states(const struct secrets_ac *ac)
{
	return ac->states;
}

/*
 * The filter's hash of the byte pair x (first byte low), with ASCII case
 * folded by setting bit 5 (it also merges some punctuation pairs, which
 * only costs a few false candidates).  The top bits of a multiplicative
 * hash are the well-mixed ones.
 */
static inline uint32_t pair_hash(uint32_t x)
{
	return ((x | 0x2020) * UINT32_C(0x9e3779b1)) >> (32 - AC_FILTER_BITS);
}

/*
 * Bit 8 * j + b of a filter word is clear when some keyword of bucket b
 * has a pair of that hash at offset j (its bytes j and j + 1).  Bucket b
 * holds the keywords of b + 2 bytes, the last one those of 9 bytes or
 * more, so a bucket's keywords are checked on as many pairs as they all
 * have: the offsets past them are clear in every word.
 */
static uint64_t *build_filter(const char *const *keywords, size_t nr)
{
	uint64_t *filter = xmalloc(AC_FILTER_WORDS * sizeof(*filter));
	uint64_t dont_care = 0;
	size_t i, j;
	unsigned b;

	for (b = 0; b < 8; b++)
		for (j = b + 1; j < AC_FILTER_PAIRS; j++)
			dont_care |= UINT64_C(1) << (8 * j + b);
	for (i = 0; i < AC_FILTER_WORDS; i++)
		filter[i] = ~dont_care;
	for (i = 0; i < nr; i++) {
		const unsigned char *k = (const unsigned char *)keywords[i];
		size_t n = strlen(keywords[i]);

		if (n == 1) {
			free(filter);
			return NULL;	/* every position would be one */
		}
		if (!n)
			continue;
		b = n - 2 < 7 ? (unsigned)n - 2 : 7;
		for (j = 0; j <= b; j++)
			filter[pair_hash(k[j] | (uint32_t)k[j + 1] << 8)] &=
				~(UINT64_C(1) << (8 * j + b));
	}
	return filter;
}

struct secrets_ac *secrets_ac_build(const char *const *keywords,
				    const uint32_t *ids, size_t nr)
{
	struct secrets_ac *ac = xcalloc(1, sizeof(*ac));
	size_t total = 1, i, j, alloc;
	int32_t *next;		/* dense trie: node * nclasses, -1 = none */
	uint32_t *fail, *queue, qhead = 0, qtail = 0, nodes = 1;
	uint32_t *depth;
	/* Outputs as per-node linked lists while building. */
	uint32_t *own_head, *link_next, *link_id, links = 0, links_alloc;
	size_t flat = 0;

	ac->nclasses = 1;
	for (i = 0; i < nr; i++) {
		const unsigned char *k = (const unsigned char *)keywords[i];

		for (j = 0; k[j]; j++) {
			unsigned char c = (unsigned char)tolower(k[j]);

			if (!ac->cls[c]) {
				if (ac->nclasses == 255)
					GATE_BUG("too many keyword byte classes");
				ac->cls[c] = (uint8_t)ac->nclasses++;
			}
		}
		total += j;
	}
	for (i = 0; i < 256; i++)
		ac->cls[i] = ac->cls[tolower((int)i)];

	next = xmalloc(total * ac->nclasses * sizeof(*next));
	memset(next, 0xff, total * ac->nclasses * sizeof(*next));
	own_head = xmalloc(total * sizeof(*own_head));
	memset(own_head, 0xff, total * sizeof(*own_head));
	links_alloc = (uint32_t)nr + 16;
	link_next = xmalloc(links_alloc * sizeof(*link_next));
	link_id = xmalloc(links_alloc * sizeof(*link_id));

	for (i = 0; i < nr; i++) {
		const unsigned char *k = (const unsigned char *)keywords[i];
		uint32_t s = 0;

		if (!*k)
			continue;	/* an empty keyword would hit everywhere */
		for (j = 0; k[j]; j++) {
			uint32_t c = ac->cls[k[j]];

			if (next[s * ac->nclasses + c] < 0)
				next[s * ac->nclasses + c] = (int32_t)nodes++;
			s = (uint32_t)next[s * ac->nclasses + c];
		}
		if (links == links_alloc) {
			links_alloc *= 2;
			link_next = xrealloc(link_next,
					     links_alloc * sizeof(*link_next));
			link_id = xrealloc(link_id,
					   links_alloc * sizeof(*link_id));
		}
		link_id[links] = ids[i];
		link_next[links] = own_head[s];
		own_head[s] = links++;
	}

	/*
	 * Breadth-first: a node's failure state is shallower, so it is
	 * complete (transitions and outputs) before the node needs it.
	 */
	fail = xcalloc(nodes, sizeof(*fail));
	depth = xcalloc(nodes, sizeof(*depth));
	queue = xmalloc(nodes * sizeof(*queue));
	ac->out_start = xcalloc(nodes, sizeof(uint32_t));
	ac->out_nr = xcalloc(nodes, sizeof(uint32_t));
	for (i = 0; i < ac->nclasses; i++) {
		int32_t v = next[i];

		if (v < 0) {
			next[i] = 0;
		} else {
			fail[v] = 0;
			depth[v] = 1;
			queue[qtail++] = (uint32_t)v;
		}
	}
	while (qhead < qtail) {
		uint32_t u = queue[qhead++];

		for (i = 0; i < ac->nclasses; i++) {
			int32_t v = next[u * ac->nclasses + i];
			int32_t via = next[fail[u] * ac->nclasses + i];

			if (v < 0) {
				next[u * ac->nclasses + i] = via;
			} else {
				fail[v] = (uint32_t)via;
				depth[v] = depth[u] + 1;
				queue[qtail++] = (uint32_t)v;
			}
		}
	}

	/*
	 * Flatten outputs: a state reports its own keywords and those of
	 * its failure chain (a suffix of the text read so far).  BFS order
	 * means the failure state's list is already final.
	 */
	alloc = 16;
	ac->out_ids = xmalloc(alloc * sizeof(uint32_t));
	for (i = 0; i <= qtail; i++) {
		uint32_t s = i ? queue[i - 1] : 0, l, f = fail[s];

		ac->out_start[s] = (uint32_t)flat;
		for (l = own_head[s]; l != UINT32_MAX; l = link_next[l]) {
			ALLOC_GROW(ac->out_ids, flat + 1, alloc);
			ac->out_ids[flat++] = link_id[l];
		}
		if (s) {
			for (j = 0; j < ac->out_nr[f]; j++) {
				ALLOC_GROW(ac->out_ids, flat + 1, alloc);
				ac->out_ids[flat++] =
					ac->out_ids[ac->out_start[f] + j];
			}
		}
		ac->out_nr[s] = (uint32_t)(flat - ac->out_start[s]);
	}

	ac->states = nodes;
	if ((size_t)nodes * ac->nclasses > AC_OFF)
		GATE_BUG("keyword automaton too large");
	ac->table = xmalloc((size_t)nodes * ac->nclasses * sizeof(uint32_t));
	for (i = 0; i < (size_t)nodes * ac->nclasses; i++) {
		uint32_t v = (uint32_t)next[i];
		uint32_t exit = depth[v] <= 2 ? depth[v] + 1 : 0;

		ac->table[i] = v * ac->nclasses | (ac->out_nr[v] ? AC_HIT : 0) |
			       exit << AC_EXIT_SHIFT;
	}
	ac->filter = build_filter(keywords, nr);
	free(next);
	free(fail);
	free(depth);
	free(queue);
	free(own_head);
	free(link_next);
	free(link_id);
	ac->out_total = (uint32_t)flat;
	return ac;
}

static void emit_u32(FILE *out, const char *name, const char *what,
		     const uint32_t *v, size_t n)
{
	size_t i;

	fprintf(out, "static const uint32_t %s_%s[] = {", name, what);
	for (i = 0; i < n; i++)
		fprintf(out, "%s%" PRIu32 ",", i % 10 ? " " : "\n\t", v[i]);
	fprintf(out, "%s0\n};\n", n % 10 ? " " : "\n\t");
}

void secrets_ac_emit(const struct secrets_ac *ac, FILE *out,
		     const char *name)
{
	size_t i;

	fprintf(out, "static const uint8_t %s_cls[256] = {", name);
	for (i = 0; i < 256; i++)
		fprintf(out, "%s%u,", i % 16 ? " " : "\n\t", ac->cls[i]);
	fputs("\n};\n", out);
	emit_u32(out, name, "table", ac->table,
		 (size_t)ac->states * ac->nclasses);
	emit_u32(out, name, "out_start", ac->out_start, ac->states);
	emit_u32(out, name, "out_nr", ac->out_nr, ac->states);
	emit_u32(out, name, "out_ids", ac->out_ids, ac->out_total);
	if (ac->filter) {
		fprintf(out, "static const uint64_t %s_filter[] = {", name);
		for (i = 0; i < AC_FILTER_WORDS; i++)
			fprintf(out, "%s0x%016" PRIx64 ",",
				i % 4 ? " " : "\n\t", ac->filter[i]);
		fputs("\n};\n", out);
	}
	fprintf(out, "static const struct secrets_ac_image %s = {\n"
		"\t%s_cls, %" PRIu32 ", %" PRIu32 ", %s_table, %s_out_start,\n"
		"\t%s_out_nr, %s_out_ids, %s%s\n};\n", name, name,
		ac->nclasses, ac->states, name, name, name, name,
		ac->filter ? name : "NULL", ac->filter ? "_filter" : "");
}

struct secrets_ac *secrets_ac_wrap(const struct secrets_ac_image *img)
{
	struct secrets_ac *ac = xcalloc(1, sizeof(*ac));

	/*
	 * The image is never written: the casts only fit it into the
	 * struct that owns its tables when it was built at run time.
	 */
	memcpy(ac->cls, img->cls, sizeof(ac->cls));
	ac->nclasses = img->nclasses;
	ac->states = img->states;
	ac->table = (uint32_t *)img->table;
	ac->out_start = (uint32_t *)img->out_start;
	ac->out_nr = (uint32_t *)img->out_nr;
	ac->out_ids = (uint32_t *)img->out_ids;
	ac->filter = (uint64_t *)img->filter;
	ac->borrowed = 1;
	return ac;
}

void secrets_ac_free(struct secrets_ac *ac)
{
	if (!ac)
		return;
	if (ac->borrowed) {
		free(ac);
		return;
	}
	free(ac->table);
	free(ac->out_start);
	free(ac->out_nr);
	free(ac->out_ids);
	free(ac->filter);
	free(ac);
}

static inline int report(const struct secrets_ac *ac, uint32_t s,
			 size_t end, secrets_ac_fn fn, void *cb_data)
{
	uint32_t st = s / ac->nclasses, k;

	for (k = 0; k < ac->out_nr[st]; k++) {
		int ret = fn(cb_data, ac->out_ids[ac->out_start[st] + k], end);

		if (ret)
			return ret;
	}
	return 0;
}

int secrets_ac_scan_plain(const struct secrets_ac *ac, const char *text,
			  size_t len, secrets_ac_fn fn, void *cb_data)
{
	const uint32_t *table = ac->table;
	const uint8_t *cls = ac->cls;
	const unsigned char *p = (const unsigned char *)text;
	uint32_t s = 0;
	size_t i;

	for (i = 0; i < len; i++) {
		uint32_t v = table[s + cls[p[i]]];

		s = v & AC_OFF;
		if (v & AC_HIT) {
			int ret = report(ac, s, i + 1, fn, cb_data);

			if (ret)
				return ret;
		}
	}
	return 0;
}

/*
 * One step of the filter: the state after the pair that starts at p[i]
 * (bytes past len read as zeros).  Bit 8 * j + b of the state is clear
 * when the pairs of the last j + 1 positions fit the first j + 1 pairs
 * of bucket b, so its top byte tells which buckets match from the
 * position seven pairs back.
 */
static inline uint64_t filter_step(const uint64_t *filter, uint64_t st,
				   const unsigned char *p, size_t len,
				   size_t i)
{
	uint32_t x = (i < len ? p[i] : 0) | (i + 1 < len ? p[i + 1] : 0) << 8;

	return st << 8 | filter[pair_hash(x)];
}

/*
 * The first position >= pos where a keyword may start: a shift-or
 * matcher over hashed byte pairs, eight buckets wide, checks up to the
 * first eight pairs of every keyword.  Each position costs a table load,
 * a shift and an or; the state only says where a match starts seven
 * pairs later, so a candidate is found there.  The state starts as no
 * match, so no candidate lies before pos.  Bytes are read eight at a
 * time; the last ones one by one, the text padded with zeros (a keyword
 * that starts at most eight bytes from the end needs none of them: its
 * bucket does not look past its pairs).
 */
static size_t next_candidate(const uint64_t *filter, const unsigned char *p,
			     size_t len, size_t pos)
{
	uint64_t st = ~UINT64_C(0);
	size_t i = pos;

	if (pos >= len)
		return len;
	for (; i + 9 <= len; i += 8) {
		uint64_t w, acc, st0 = st;
		uint32_t nx = p[i + 8];
		int k;

		memcpy(&w, p + i, sizeof(w));
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
		w = __builtin_bswap64(w);
#endif
		/* No branch per byte: the states' and says if any matched. */
		st = st << 8 | filter[pair_hash((uint32_t)w & 0xffff)];
		acc = st;
		st = st << 8 | filter[pair_hash((uint32_t)(w >> 8) & 0xffff)];
		acc &= st;
		st = st << 8 | filter[pair_hash((uint32_t)(w >> 16) & 0xffff)];
		acc &= st;
		st = st << 8 | filter[pair_hash((uint32_t)(w >> 24) & 0xffff)];
		acc &= st;
		st = st << 8 | filter[pair_hash((uint32_t)(w >> 32) & 0xffff)];
		acc &= st;
		st = st << 8 | filter[pair_hash((uint32_t)(w >> 40) & 0xffff)];
		acc &= st;
		st = st << 8 | filter[pair_hash((uint32_t)(w >> 48) & 0xffff)];
		acc &= st;
		st = st << 8 | filter[pair_hash((uint32_t)(w >> 56) | nx << 8)];
		acc &= st;
		if (acc >> 56 == 0xff)
			continue;
		/* Which position: again, one pair at a time. */
		st = st0;
		for (k = 0; k < 8; k++) {
			st = filter_step(filter, st, p, len, i + (size_t)k);
			if (st >> 56 != 0xff)
				return i + (size_t)k - (AC_FILTER_PAIRS - 1);
		}
		GATE_BUG("keyword filter lost its match");
	}
	for (; i < len + AC_FILTER_PAIRS - 1; i++) {
		st = filter_step(filter, st, p, len, i);
		if (st >> 56 != 0xff)
			return i - (AC_FILTER_PAIRS - 1);
	}
	return len;
}

size_t secrets_ac_next_candidate(const struct secrets_ac *ac,
				 const char *text, size_t len, size_t pos)
{
	if (!ac->filter)
		return pos < len ? pos : len;
	return next_candidate(ac->filter, (const unsigned char *)text, len,
			      pos);
}

/*
 * Every keyword occurrence starts at a candidate of the pair filter,
 * so the automaton only runs from a candidate, started at its root, and
 * leaves again once its state is at most two bytes deep and starts past
 * the candidate: no keyword that began before that state can still
 * end, and the filter resumes where the state's bytes begin.  Re-reading
 * those bytes can only find keywords that end where the automaton
 * already was; `done` keeps them from being reported twice.  The
 * callbacks are the ones secrets_ac_scan_plain makes, in the same order
 * (the unit tests hold it to that).
 */
int secrets_ac_scan(const struct secrets_ac *ac, const char *text,
		    size_t len, secrets_ac_fn fn, void *cb_data)
{
	const uint32_t *table = ac->table;
	const uint8_t *cls = ac->cls;
	const unsigned char *p = (const unsigned char *)text;
	size_t pos = 0, done = 0;

	if (!ac->filter)
		return secrets_ac_scan_plain(ac, text, len, fn, cb_data);
	while (pos < len) {
		size_t c = next_candidate(ac->filter, p, len, pos), i;
		uint32_t s = 0, v = 0;

		for (i = c; i < len; i++) {
			v = table[s + cls[p[i]]];
			s = v & AC_OFF;
			if ((v & AC_HIT) && i >= done) {
				int ret = report(ac, s, i + 1, fn, cb_data);

				if (ret)
					return ret;
			}
			if ((v & AC_EXIT) && i >= c + 2)
				break;
		}
		if (i >= len)
			break;
		done = i + 1;
		pos = i + 2 - (v >> AC_EXIT_SHIFT & 3);
	}
	return 0;
}
