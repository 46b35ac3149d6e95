#include "batch.h"

struct batch_ctx {
	pool_fn fn;
	void *ctx;
	size_t start;
};

/* The pool counts from 0 in every batch; the tasks count on. */
static void batch_one(void *arg, size_t i, unsigned worker)
{
	struct batch_ctx *b = arg;

	b->fn(b->ctx, b->start + i, worker);
}

size_t batch_run(size_t nr, size_t batch, unsigned jobs, pool_fn fn,
		 batch_done_fn done, void *ctx)
{
	struct batch_ctx b = { .fn = fn, .ctx = ctx };

	if (!batch)
		batch = 1;
	while (b.start < nr) {
		size_t end = nr - b.start > batch ? b.start + batch : nr;

		pool_run(end - b.start, jobs, batch_one, &b);
		if (!done(ctx, b.start, end))
			return end;
		b.start = end;
	}
	return nr;
}
