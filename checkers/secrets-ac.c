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
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define AC_HIT (UINT32_C(1) << 31)

struct secrets_ac {
	uint8_t cls[256];	/* byte -> class; lowercase folded in */
	uint32_t nclasses;
	uint32_t states;
	uint32_t *table;	/* states * nclasses entries */
	uint32_t *out_start;	/* per state, into out_ids */
	uint32_t *out_nr;
	uint32_t *out_ids;
};

size_t secrets_ac_states(const struct secrets_ac *ac)
{
	return ac->states;
}

struct secrets_ac *secrets_ac_build(const char *const *keywords,
				    const uint32_t *ids, size_t nr)
{
	struct secrets_ac *ac = xcalloc(1, sizeof(*ac));
	size_t total = 1, i, j, alloc;
	int32_t *next;		/* dense trie: node * nclasses, -1 = none */
	uint32_t *fail, *queue, qhead = 0, qtail = 0, nodes = 1;
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
	queue = xmalloc(nodes * sizeof(*queue));
	ac->out_start = xcalloc(nodes, sizeof(uint32_t));
	ac->out_nr = xcalloc(nodes, sizeof(uint32_t));
	for (i = 0; i < ac->nclasses; i++) {
		int32_t v = next[i];

		if (v < 0) {
			next[i] = 0;
		} else {
			fail[v] = 0;
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
	ac->table = xmalloc((size_t)nodes * ac->nclasses * sizeof(uint32_t));
	for (i = 0; i < (size_t)nodes * ac->nclasses; i++) {
		uint32_t v = (uint32_t)next[i];

		ac->table[i] = v * ac->nclasses | (ac->out_nr[v] ? AC_HIT : 0);
	}
	free(next);
	free(fail);
	free(queue);
	free(own_head);
	free(link_next);
	free(link_id);
	return ac;
}

void secrets_ac_free(struct secrets_ac *ac)
{
	if (!ac)
		return;
	free(ac->table);
	free(ac->out_start);
	free(ac->out_nr);
	free(ac->out_ids);
	free(ac);
}

int secrets_ac_scan(const struct secrets_ac *ac, const char *text,
		    size_t len, secrets_ac_fn fn, void *cb_data)
{
	const uint32_t *table = ac->table;
	const uint8_t *cls = ac->cls;
	const unsigned char *p = (const unsigned char *)text;
	uint32_t s = 0;
	size_t i;

	for (i = 0; i < len; i++) {
		uint32_t v = table[s + cls[p[i]]];

		s = v & ~AC_HIT;
		if (v & AC_HIT) {
			uint32_t st = s / ac->nclasses, k;

			for (k = 0; k < ac->out_nr[st]; k++) {
				int ret = fn(cb_data,
					     ac->out_ids[ac->out_start[st] + k],
					     i + 1);

				if (ret)
					return ret;
			}
		}
	}
	return 0;
}
