/*
 * Batches through the pool (src/batch.h), as a history scan streams its
 * commits: every task runs once, the merges come in order with the
 * batches' bounds, no task starts before the batch ahead of it is merged
 * (what bounds memory), and a merge can stop the run.
 */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "tap.h"

#define MAX_TASKS 64

struct probe {
	size_t batch;
	atomic_int runs[MAX_TASKS];
	/* Batches merged when each task started: must be its own batch's
	 * index, or the task ran ahead of a merge. */
	atomic_size_t merged_at_start[MAX_TASKS];
	atomic_size_t started;
	size_t merged_tasks, merges, most_unmerged;
	size_t starts[MAX_TASKS], ends[MAX_TASKS];
	size_t stop_after;	/* merges; 0: never stop */
	atomic_size_t merged_batches;
};

static void task(void *ctx, size_t i, unsigned worker)
{
	struct probe *p = ctx;

	(void)worker;
	atomic_fetch_add(&p->runs[i], 1);
	atomic_store(&p->merged_at_start[i], atomic_load(&p->merged_batches));
	atomic_fetch_add(&p->started, 1);
}

static bool merge(void *ctx, size_t start, size_t end)
{
	struct probe *p = ctx;
	size_t unmerged = atomic_load(&p->started) - p->merged_tasks;

	if (unmerged > p->most_unmerged)
		p->most_unmerged = unmerged;
	p->merged_tasks += end - start;
	if (p->merges < MAX_TASKS) {
		p->starts[p->merges] = start;
		p->ends[p->merges] = end;
	}
	p->merges++;
	atomic_fetch_add(&p->merged_batches, 1);
	return !p->stop_after || p->merges < p->stop_after;
}

static struct probe *probe_new(size_t batch, size_t stop_after)
{
	struct probe *p = calloc(1, sizeof(*p));
	size_t i;

	if (!p)
		abort();
	p->batch = batch;
	p->stop_after = stop_after;
	for (i = 0; i < MAX_TASKS; i++) {
		atomic_init(&p->runs[i], 0);
		atomic_init(&p->merged_at_start[i], 0);
	}
	atomic_init(&p->started, 0);
	atomic_init(&p->merged_batches, 0);
	return p;
}

static void check_run(size_t nr, size_t batch, unsigned jobs)
{
	struct probe *p = probe_new(batch, 0);
	size_t per = batch ? batch : 1, want_merges = (nr + per - 1) / per;
	size_t i, ran, bad_runs = 0, ahead = 0, bad_bounds = 0;

	ran = batch_run(nr, batch, jobs, task, merge, p);
	is_int(ran, nr, "%zu tasks, batch %zu, -j %u: all ran", nr, batch,
	       jobs);
	for (i = 0; i < nr; i++) {
		bad_runs += atomic_load(&p->runs[i]) != 1;
		ahead += atomic_load(&p->merged_at_start[i]) != i / per;
	}
	is_int(bad_runs, 0, "each task ran exactly once");
	is_int(ahead, 0, "no task started before the batch ahead was merged");
	is_int(p->merges, want_merges, "one merge per batch");
	for (i = 0; i < p->merges && i < MAX_TASKS; i++)
		bad_bounds += p->starts[i] != i * per ||
			      p->ends[i] != (i * per + per < nr ? i * per + per : nr);
	is_int(bad_bounds, 0, "merges in order, each with its batch's bounds");
	ok(p->most_unmerged <= per, "at most a batch unmerged (%zu)",
	   p->most_unmerged);
	free(p);
}

int main(void)
{
	struct probe *p;
	size_t i, after = 0;

	check_run(10, 3, 1);
	check_run(10, 3, 4);
	check_run(10, 1, 2);
	check_run(10, 0, 2);	/* 0 counts as 1 */
	check_run(7, 7, 3);
	check_run(5, 100, 4);
	check_run(MAX_TASKS, 2, 4);

	/* A merge that says stop: the batches after it never run. */
	p = probe_new(4, 2);
	is_int(batch_run(20, 4, 3, task, merge, p), 8,
	       "a merge stops the run after its batch");
	for (i = 8; i < 20; i++)
		after += atomic_load(&p->runs[i]) != 0;
	is_int(after, 0, "no task after the stop ran");
	free(p);

	p = probe_new(4, 0);
	is_int(batch_run(0, 4, 2, task, merge, p), 0, "no tasks: nothing runs");
	is_int(p->merges, 0, "no tasks: no merge");
	free(p);
	return tap_done();
}
