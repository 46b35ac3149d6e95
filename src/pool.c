#include "pool.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "util.h"

struct pool {
	atomic_size_t next;
	size_t nr;
	pool_fn fn;
	void *ctx;
};

static void *worker(void *arg)
{
	struct pool *p = arg;

	for (;;) {
		size_t i = atomic_fetch_add(&p->next, 1);

		if (i >= p->nr)
			return NULL;
		p->fn(p->ctx, i);
	}
}

void pool_run(size_t nr, unsigned jobs, pool_fn fn, void *ctx)
{
	struct pool p = { .nr = nr, .fn = fn, .ctx = ctx };
	pthread_t *threads;
	unsigned i, started = 0;

	atomic_init(&p.next, 0);
	if (jobs > nr)
		jobs = (unsigned)nr;
	if (jobs <= 1) {
		worker(&p);
		return;
	}
	/* The calling thread works too, so start one thread fewer. */
	threads = xcalloc(jobs - 1, sizeof(*threads));
	for (i = 0; i + 1 < jobs; i++) {
		if (pthread_create(&threads[i], NULL, worker, &p))
			break;	/* fewer workers is still correct */
		started++;
	}
	worker(&p);
	for (i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
	free(threads);
}

unsigned pool_default_jobs(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n > 0 ? (unsigned)n : 1;
}
