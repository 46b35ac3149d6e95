/*
 * The streamed history of a range (run-stream.h): commits read, judged
 * and freed on the workers a batch at a time, merged in commit order.
 */

#include "run-stream.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "run.h"
#include "run-outcome.h"

struct kept_task {
	size_t streamed;	/* which checker */
	struct gate_task task;	/* its file is a copy without content */
};

/* What the tasks of one commit left, until its batch is merged. */
struct commit_slot {
	struct kept_task *kept;
	size_t kept_nr, kept_alloc;
	char *error;		/* its files could not be read */
};

static bool task_says_something(const struct gate_task *t)
{
	const struct gate_result *r = &t->result;

	return r->findings_nr || r->metrics_nr || r->notes_nr ||
	       r->sensitive_nr || r->pending || r->skipped ||
	       t->status < 0 || t->err.len;
}

/* The file a kept task names, once its commit's files are freed. */
static struct gate_file *file_without_content(const struct gate_file *f)
{
	struct gate_file *c = xmalloc(sizeof(*c));

	*c = *f;
	c->path = xstrdup(f->path);
	c->old_path = f->old_path ? xstrdup(f->old_path) : NULL;
	c->data = NULL;
	c->len = 0;
	c->added = NULL;
	c->added_nr = 0;
	return c;
}

static void kept_file_free(const struct gate_file *f)
{
	struct gate_file *c = (struct gate_file *)f;

	if (!c)
		return;
	free(c->path);
	free(c->old_path);
	free(c);
}

/* The message a kept task names, once its text is freed. */
static struct gate_message *message_without_text(const struct gate_message *m)
{
	struct gate_message *c = xmalloc(sizeof(*c));

	*c = *m;
	c->text = NULL;
	c->len = 0;
	c->source = m->source ? xstrdup(m->source) : NULL;
	return c;
}

static void kept_message_free(const struct gate_message *m)
{
	struct gate_message *c = (struct gate_message *)m;

	if (!c)
		return;
	free(c->source);
	free(c);
}

/*
 * Run streamed checker k on one task of commit slot (a file, or the
 * commit's message) and keep the task if it said something.  A message
 * task is not one of the checker's tasks in the verdict's count: those
 * are its files, as when finish() read the messages.
 */
static void stream_task(struct stream *st, struct commit_slot *slot,
			size_t k, const struct gate_file *file,
			const struct gate_message *msg)
{
	struct streamed *sd = &st->v[k];
	const struct gate_checker *c = gate_checkers[sd->checker];
	struct kept_task kt;
	uint64_t start;

	memset(&kt, 0, sizeof(kt));
	kt.streamed = k;
	kt.task.cs = st->cs;
	kt.task.file = file;
	kt.task.message = msg;
	strbuf_init(&kt.task.err, 0);
	start = gate_now_ns();
	kt.task.status = c->run(sd->state, &kt.task);
	kt.task.elapsed_ns = gate_now_ns() - start;
	atomic_fetch_add(&sd->elapsed_ns, kt.task.elapsed_ns);
	if (file) {
		atomic_fetch_add(&sd->ran, 1);
		if (kt.task.result.skipped)
			atomic_fetch_add(&sd->skipped, 1);
	}
	if (!task_says_something(&kt.task)) {
		gate_result_release(&kt.task.result);
		strbuf_release(&kt.task.err);
		return;
	}
	kt.task.file = file ? file_without_content(file) : NULL;
	kt.task.message = msg ? message_without_text(msg) : NULL;
	ALLOC_GROW(slot->kept, slot->kept_nr + 1, slot->kept_alloc);
	slot->kept[slot->kept_nr++] = kt;
}

/* The commit's message to the checkers that read it, then freed. */
static int stream_message(struct stream *st, struct commit_slot *slot,
			  size_t i, unsigned worker, struct strbuf *err)
{
	struct gate_message msg = { .kind = GATE_MESSAGE_COMMIT };
	size_t k;

	if (!st->messages)
		return 0;
	if (commit_reader_message(st->cs->reader, st->cs, i, worker,
				  &msg.text, &msg.len, err) < 0)
		return -1;
	msg.source = st->cs->commits[i].oid;
	msg.commit = (long)i;
	msg.comment_char = '#';
	for (k = 0; k < st->nr; k++)
		if (gate_checkers[st->v[k].checker]->needs &
		    GATE_NEED_COMMIT_MESSAGES)
			stream_task(st, slot, k, NULL, &msg);
	commit_message_release(st->cs->reader, msg.text);
	return 0;
}

static void stream_one(void *arg, size_t i, unsigned worker)
{
	struct stream *st = arg;
	struct commit_slot *slot = &st->slots[i - st->batch_start];
	struct strbuf err = STRBUF_INIT;
	struct gate_file *files;
	size_t nr, f, k;

	if (commit_reader_read(st->cs->reader, st->cs, i, worker, &files,
			       &nr, &err) < 0) {
		slot->error = strbuf_detach(&err, NULL);
		progress_step(&st->progress);
		return;
	}
	for (f = 0; f < nr; f++)
		for (k = 0; k < st->nr; k++)
			if (run_file_selected(
				    &st->s->checkers[st->v[k].checker],
				    &files[f]))
				stream_task(st, slot, k, &files[f], NULL);
	commit_files_release(st->cs->reader, files, nr);
	if (stream_message(st, slot, i, worker, &err) < 0)
		slot->error = strbuf_detach(&err, NULL);
	strbuf_release(&err);
	progress_step(&st->progress);
}

/* Main thread, after commits [start, end): merge them in order. */
static bool stream_merge(void *arg, size_t start, size_t end)
{
	struct stream *st = arg;
	bool failed = false;
	size_t i, j, k;

	st->batches++;
	for (i = start; i < end; i++) {
		struct commit_slot *slot = &st->slots[i - start];

		for (k = 0; slot->error && k < st->nr; k++)
			if (!st->v[k].error)
				st->v[k].error = xstrdup(slot->error);
		failed |= slot->error != NULL;
		for (j = 0; j < slot->kept_nr; j++) {
			struct kept_task *kt = &slot->kept[j];
			struct streamed *sd = &st->v[kt->streamed];

			if (kt->task.status < 0 && !sd->error)
				sd->error = xstrdup(kt->task.err.len ?
						    kt->task.err.buf :
						    "the checker failed");
			ALLOC_GROW(sd->tasks, sd->tasks_nr + 1, sd->tasks_alloc);
			sd->tasks[sd->tasks_nr++] = kt->task;
		}
		free(slot->kept);
		free(slot->error);
		memset(slot, 0, sizeof(*slot));
	}
	st->batch_start = end;
	/* A commit that cannot be read fails the checkers: stop there. */
	return !failed;
}

/* Commits per batch: GATE_HISTORY_BATCH, for tests, else a default
 * large enough that the pause between batches is noise. */
static size_t stream_batch_size(void)
{
	const char *env = getenv("GATE_HISTORY_BATCH");
	char *end;
	unsigned long v;

	if (env && *env) {
		v = strtoul(env, &end, 10);
		if (!*end && v > 0)
			return (size_t)v;
	}
	return 512;
}

void stream_commits(struct stream *st, unsigned jobs)
{
	const struct gate_changeset *cs = st->cs;
	size_t k;

	for (k = 0; k < st->nr; k++)
		if (gate_checkers[st->v[k].checker]->needs &
		    GATE_NEED_COMMIT_MESSAGES)
			st->messages = true;
	st->batch = stream_batch_size();
	st->slots = xcalloc(st->batch < cs->commits_nr ? st->batch :
			    cs->commits_nr ? cs->commits_nr : 1,
			    sizeof(*st->slots));
	progress_start(&st->progress, commit_reader_progress(cs->reader),
		       "scanning commits", "commits", cs->commits_nr);
	commit_reader_begin(cs->reader, jobs);
	batch_run(cs->commits_nr, st->batch, jobs, stream_one, stream_merge,
		  st);
	commit_reader_end(cs->reader);
	progress_end(&st->progress);
	/* How many commits' files and messages were held: what bounds
	 * memory. */
	if (getenv("GATE_TRACE_HISTORY"))
		fprintf(stderr, "gate: history: %zu commit(s) in %zu batch(es) "
			"of at most %zu, at most %zu read at once; messages: "
			"%zu kept, at most %zu read at once\n",
			cs->commits_nr, st->batches, st->batch,
			commit_reader_peak(cs->reader),
			changeset_messages_held(cs),
			commit_reader_messages_peak(cs->reader));
	free(st->slots);
	st->slots = NULL;
}

struct streamed *stream_find(struct stream *st, size_t outcome)
{
	size_t k;

	for (k = 0; k < st->nr; k++)
		if (st->v[k].outcome == outcome)
			return &st->v[k];
	return NULL;
}

void stream_release(struct stream *st)
{
	size_t k, j;

	for (k = 0; k < st->nr; k++) {
		struct streamed *sd = &st->v[k];

		for (j = 0; j < sd->tasks_nr; j++) {
			gate_result_release(&sd->tasks[j].result);
			strbuf_release(&sd->tasks[j].err);
			kept_file_free(sd->tasks[j].file);
			kept_message_free(sd->tasks[j].message);
		}
		free(sd->tasks);
		free(sd->error);
	}
	free(st->v);
	memset(st, 0, sizeof(*st));
}

/* Phase 3 for a streamed checker: its kept tasks, in commit order. */
void stream_finish(struct gate_verdict *v, struct gate_outcome *out,
		   struct streamed *sd, void **states,
		   const struct gate_settings *s,
		   const struct gate_changeset *cs)
{
	const struct gate_checker *c = gate_checkers[sd->checker];
	size_t n = atomic_load(&sd->ran), skipped = atomic_load(&sd->skipped);
	size_t j;

	out->tasks = n;
	out->elapsed_ns += atomic_load(&sd->elapsed_ns);
	if (sd->error && !out->error)
		out->error = xstrdup(sd->error);
	if (c->finish) {
		struct strbuf ferr = STRBUF_INIT;
		struct gate_result summary = { 0 };
		uint64_t fstart = gate_now_ns();

		if (c->finish(states[sd->checker], cs, sd->tasks, sd->tasks_nr,
			      &summary, &ferr) < 0 && !out->error)
			out->error = xstrdup(ferr.len ? ferr.buf :
					     "the checker failed");
		out->elapsed_ns += gate_now_ns() - fstart;
		for (j = 0; j < sd->tasks_nr; j++)
			run_result_absorb(&out->result, &sd->tasks[j].result);
		if (summary.skipped)
			skipped = n ? n : 1;
		run_result_absorb(&out->result, &summary);
		strbuf_release(&ferr);
	} else {
		for (j = 0; j < sd->tasks_nr; j++)
			run_result_absorb(&out->result, &sd->tasks[j].result);
	}
	out->status = run_outcome_status(out,
					 s->checkers[sd->checker].severity,
					 n == 0 || skipped == n);
	if (out->status > v->status)
		v->status = out->status;
}
