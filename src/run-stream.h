#ifndef GATE_RUN_STREAM_H
#define GATE_RUN_STREAM_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "changeset.h"
#include "glob.h"
#include "progress.h"
#include "settings.h"
#include "verdict.h"

/*
 * A range judged commit by commit (GATE_NEED_COMMIT_FILES: secrets) is
 * streamed: the workers each read a commit's files (changeset.h,
 * commit_reader_read), run the checker on them and free them, so a
 * history scan holds a few commits' files at a time, not the history's.
 * Commits go through in batches (src/batch.h); after each, the main
 * thread moves the tasks that said something into the checker's list in
 * commit order, and finish() gets that list.  Tasks with an empty result
 * are counted and dropped: they are most of a history, and a verdict
 * is made of findings.  A checker that reads messages too
 * (GATE_NEED_COMMIT_MESSAGES) gets each commit's message after its files,
 * read and freed by the same worker, so no message waits for finish().
 */
struct streamed {
	size_t checker;		/* index into gate_checkers */
	size_t outcome;
	const void *state;
	struct gate_task *tasks;	/* kept, in task order */
	size_t tasks_nr, tasks_alloc;
	atomic_size_t ran, skipped;	/* over every task, kept or not */
	_Atomic uint64_t elapsed_ns;
	char *error;		/* the first, in task order */
};

/* What the tasks of one commit left (run-stream.c). */
struct commit_slot;

struct stream {
	const struct gate_changeset *cs;
	const struct gate_settings *s;
	struct streamed *v;
	size_t nr;
	struct commit_slot *slots;	/* the batch's commits */
	size_t batch;		/* commits per batch */
	size_t batch_start;
	size_t batches;
	bool messages;		/* a checker reads the messages */
	struct gate_progress progress;
};

/*
 * Run the streamed checkers of st (st->v, filled by run_checkers) over
 * the commits of st->cs on `jobs` workers.
 */
void stream_commits(struct stream *st, unsigned jobs);
/* The streamed checker of verdict outcome `outcome`, or NULL. */
struct streamed *stream_find(struct stream *st, size_t outcome);
/* Phase 3 for a streamed checker: its kept tasks, in commit order, to
 * finish() and into *out; v's status follows. */
void stream_finish(struct gate_verdict *v, struct gate_outcome *out,
		   struct streamed *sd, void **states,
		   const struct gate_settings *s,
		   const struct gate_changeset *cs);
void stream_release(struct stream *st);

#endif
