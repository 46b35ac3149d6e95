#ifndef GATE_BATCH_H
#define GATE_BATCH_H

/*
 * A long task list through the pool in batches: the tasks of one batch
 * run on the workers (pool.h), then `done` runs on the calling thread
 * with the batch's bounds, and only then does the next batch start.  A
 * caller that keeps each task's output only until `done` folds it (the
 * commits of a history scan) so holds one batch of outputs, however long
 * the list; `done` sees the batches in order, so what it folds is the
 * same for any -j and any batch size.
 */

#include <stdbool.h>
#include <stddef.h>

#include "pool.h"

/* Main thread, after tasks [start, end): false stops the run there. */
typedef bool (*batch_done_fn)(void *ctx, size_t start, size_t end);

/*
 * Run tasks 0..nr-1 of fn, `batch` at a time (0 counts as 1), on up to
 * `jobs` workers.  Returns how many tasks ran: nr, or fewer when `done`
 * stopped the run.
 */
size_t batch_run(size_t nr, size_t batch, unsigned jobs, pool_fn fn,
		 batch_done_fn done, void *ctx);

#endif
