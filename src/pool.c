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

struct worker_arg {
	struct pool *pool;
	unsigned id;
};

static void *worker(void *arg)
{
	struct worker_arg *w = arg;
	struct pool *p = w->pool;

	for (;;) {
		size_t i = atomic_fetch_add(&p->next, 1);

		if (i >= p->nr)
			return NULL;
		p->fn(p->ctx, i, w->id);
	}
}

unsigned pool_run(size_t nr, unsigned jobs, pool_fn fn, void *ctx)
{
	struct pool p = { .nr = nr, .fn = fn, .ctx = ctx };
	struct worker_arg *args;
	pthread_t *threads;
	unsigned i, started = 0;

	atomic_init(&p.next, 0);
	if (jobs > nr)
		jobs = (unsigned)nr;
	if (jobs <= 1) {
		struct worker_arg self = { &p, 0 };

		worker(&self);
		return 1;
	}
	/* The calling thread is worker 0, so start one thread fewer. */
	threads = xcalloc(jobs - 1, sizeof(*threads));
	args = xcalloc(jobs, sizeof(*args));
	for (i = 0; i < jobs; i++) {
		args[i].pool = &p;
		args[i].id = i;
	}
	for (i = 0; i + 1 < jobs; i++) {
		if (pthread_create(&threads[i], NULL, worker, &args[i + 1]))
			break;	/* fewer workers is still correct */
		started++;
	}
	worker(&args[0]);
	for (i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
	free(threads);
	free(args);
	return started + 1;
}

unsigned pool_default_jobs(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n > 0 ? (unsigned)n : 1;
}
