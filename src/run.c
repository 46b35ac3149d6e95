#include "run.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "glob.h"
#include "pool.h"
#include "progress.h"

static bool name_in_list(const char *list, const char *name)
{
	size_t len = strlen(name);
	const char *p = list;

	while (p && *p) {
		const char *end = strchr(p, ',');
		size_t n = end ? (size_t)(end - p) : strlen(p);

		while (n && p[0] == ' ') {
			p++;
			n--;
		}
		while (n && p[n - 1] == ' ')
			n--;
		if (n == len && !strncmp(p, name, len))
			return true;
		p = end ? end + 1 : NULL;
	}
	return false;
}

/* Report names in a comma list that are not checkers. */
static int check_names(const char *list, const char *what, struct strbuf *err)
{
	const char *p = list;

	while (p && *p) {
		const char *end = strchr(p, ',');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		char *name = xstrndup(p, n);
		char *s = name, *e;

		while (*s == ' ')
			s++;
		e = s + strlen(s);
		while (e > s && e[-1] == ' ')
			*--e = '\0';
		if (*s && !gate_checker_find(s)) {
			strbuf_addf(err, "unknown checker '%s' in %s (see 'gate list')",
				    s, what);
			free(name);
			return -1;
		}
		free(name);
		p = end ? end + 1 : NULL;
	}
	return 0;
}

static bool scope_fits(const struct gate_checker *c,
		       enum gate_subject_kind subject)
{
	if (subject == GATE_SUBJECT_MESSAGE)
		return c->scope == GATE_SCOPE_MESSAGE;
	return true;
}

int run_select(struct gate_selection *sel, const struct gate_settings *s,
	       const struct gate_run_options *o, struct strbuf *err)
{
	unsigned range_needs = 0;	/* of checkers reading range files */
	size_t i;

	memset(sel, 0, sizeof(*sel));
	if (check_names(o->only, "--checkers", err) < 0)
		return -1;
	/* A stale name in GATE_SKIP must not block a commit: ignore it. */
	sel->selected = xcalloc(gate_checkers_nr, sizeof(bool));
	for (i = 0; i < gate_checkers_nr; i++) {
		const struct gate_checker *c = gate_checkers[i];
		bool on;

		if (o->only) {
			on = name_in_list(o->only, c->name);
			if (on && c->unavailable) {
				strbuf_addf(err, "checker '%s' is not available: %s",
					    c->name, c->unavailable);
				return -1;
			}
		} else {
			/* severity: off is a checker switched off, not one
			 * whose findings say "off". */
			on = settings_runs_on_hook(s, i, o->hook) &&
			     s->checkers[i].severity != GATE_SEVERITY_OFF;
		}
		if (on && o->skip && name_in_list(o->skip, c->name))
			on = false;
		if (on && !scope_fits(c, o->subject))
			on = false;
		sel->selected[i] = on;
		if (on) {
			sel->needs |= c->needs;
			if (!(c->needs & GATE_NEED_COMMIT_FILES))
				range_needs |= c->needs;
			if (c->scope == GATE_SCOPE_MESSAGE)
				sel->want_messages = true;
		}
	}
	sel->range_files_unread = !(range_needs & (GATE_NEED_CONTENT |
						   GATE_NEED_BINARY |
						   GATE_NEED_LINES));
	return 0;
}

void run_selection_release(struct gate_selection *sel)
{
	free(sel->selected);
	memset(sel, 0, sizeof(*sel));
}

struct job {
	const struct gate_checker *checker;
	const void *state;
	size_t outcome;		/* index into verdict outcomes */
	struct gate_task task;
};

struct run_ctx {
	struct job *jobs;
};

static void run_one(void *arg, size_t i, unsigned worker)
{
	struct run_ctx *ctx = arg;
	struct job *j = &ctx->jobs[i];
	uint64_t start = gate_now_ns();

	(void)worker;
	j->task.status = j->checker->run(j->state, &j->task);
	j->task.elapsed_ns = gate_now_ns() - start;
}

static void add_job(struct job **jobs, size_t *nr, size_t *alloc,
		    const struct gate_checker *c, const void *state,
		    size_t outcome, const struct gate_changeset *cs,
		    const struct gate_file *f, const struct gate_message *m)
{
	struct job *j;

	ALLOC_GROW(*jobs, *nr + 1, *alloc);
	j = &(*jobs)[(*nr)++];
	memset(j, 0, sizeof(*j));
	j->checker = c;
	j->state = state;
	j->outcome = outcome;
	j->task.cs = cs;
	j->task.file = f;
	j->task.message = m;
	strbuf_init(&j->task.err, 0);
}

static bool file_selected(const struct gate_checker_settings *cs,
			  const struct gate_file *f)
{
	if (f->status == GATE_FILE_DELETED)
		return false;
	return glob_selected(cs->paths, cs->exclude, f->path);
}

/* The default fingerprint: rule, path and message, not the line, so it
 * survives edits elsewhere in the file. */
static void default_fingerprint(struct gate_finding *f)
{
	uint64_t h = fnv1a64(f->rule, strlen(f->rule), FNV1A64_SEED);
	char hex[17];

	if (f->path)
		h = fnv1a64(f->path, strlen(f->path) + 1, h);
	h = fnv1a64(f->message, strlen(f->message), h);
	snprintf(hex, sizeof(hex), "%016llx", (unsigned long long)h);
	f->fingerprint = xstrdup(hex);
}

/* Move the findings, metrics and notes of src to the end of dst. */
static void result_absorb(struct gate_result *dst, struct gate_result *src)
{
	size_t i;

	for (i = 0; i < src->findings_nr; i++) {
		ALLOC_GROW(dst->findings, dst->findings_nr + 1, dst->findings_alloc);
		dst->findings[dst->findings_nr++] = src->findings[i];
	}
	for (i = 0; i < src->metrics_nr; i++) {
		ALLOC_GROW(dst->metrics, dst->metrics_nr + 1, dst->metrics_alloc);
		dst->metrics[dst->metrics_nr++] = src->metrics[i];
	}
	for (i = 0; i < src->notes_nr; i++) {
		ALLOC_GROW(dst->notes, dst->notes_nr + 1, dst->notes_alloc);
		dst->notes[dst->notes_nr++] = src->notes[i];
	}
	for (i = 0; i < src->sensitive_nr; i++) {
		gate_result_sensitive(dst, src->sensitive[i], src->sensitive_len[i]);
		free(src->sensitive[i]);
	}
	dst->pending |= src->pending;
	free(src->findings);
	free(src->metrics);
	free(src->notes);
	free(src->sensitive);
	free(src->sensitive_len);
	memset(src, 0, sizeof(*src));
}

/*
 * Replace every sensitive text in *s by its redacted form: a short prefix
 * and the length, as the secrets checker shows a secret.
 */
static void redact_string(char **s, const struct gate_result *all)
{
	struct strbuf out = STRBUF_INIT;

	if (!*s)
		return;
	gate_result_redact_text(all, *s, &out);
	free(*s);
	*s = strbuf_detach(&out, NULL);
}

static void redact_result(struct gate_result *r, const struct gate_result *all)
{
	size_t i;

	for (i = 0; i < r->findings_nr; i++)
		redact_string(&r->findings[i].message, all);
	for (i = 0; i < r->notes_nr; i++)
		redact_string(&r->notes[i], all);
	for (i = 0; i < r->metrics_nr; i++)
		if (r->metrics[i].type == GATE_METRIC_STRING ||
		    r->metrics[i].type == GATE_METRIC_JSON)
			redact_string(&r->metrics[i].s, all);
}

static enum gate_status outcome_status(struct gate_outcome *o,
				       enum gate_severity cap,
				       bool all_skipped)
{
	bool errors = false, warnings = false;
	size_t i;

	for (i = 0; i < o->result.findings_nr; i++) {
		struct gate_finding *f = &o->result.findings[i];

		/* The configured severity caps what the checker reports. */
		if (f->severity > cap)
			f->severity = cap;
		if (!f->fingerprint)
			default_fingerprint(f);
		if (f->severity == GATE_SEVERITY_ERROR)
			errors = true;
		else if (f->severity == GATE_SEVERITY_WARNING)
			warnings = true;
	}
	/* Findings get their fingerprints even when the checker failed. */
	if (o->error)
		return GATE_STATUS_ERROR;
	if (errors)
		return GATE_STATUS_FAIL;
	if (warnings || o->result.pending)
		return GATE_STATUS_WARN;
	if (all_skipped && !o->result.findings_nr)
		return GATE_STATUS_SKIP;
	return GATE_STATUS_PASS;
}

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
			if (file_selected(&st->s->checkers[st->v[k].checker],
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

static void stream_commits(struct stream *st, unsigned jobs)
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

static struct streamed *find_streamed(struct stream *st, size_t outcome)
{
	size_t k;

	for (k = 0; k < st->nr; k++)
		if (st->v[k].outcome == outcome)
			return &st->v[k];
	return NULL;
}

static void stream_release(struct stream *st)
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
static void finish_streamed(struct gate_verdict *v, struct gate_outcome *out,
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
			result_absorb(&out->result, &sd->tasks[j].result);
		if (summary.skipped)
			skipped = n ? n : 1;
		result_absorb(&out->result, &summary);
		strbuf_release(&ferr);
	} else {
		for (j = 0; j < sd->tasks_nr; j++)
			result_absorb(&out->result, &sd->tasks[j].result);
	}
	out->status = outcome_status(out, s->checkers[sd->checker].severity,
				     n == 0 || skipped == n);
	if (out->status > v->status)
		v->status = out->status;
}

int run_checkers(struct gate_verdict *v, const struct gate_selection *sel,
		 const struct gate_settings *s, const struct gate_changeset *cs,
		 const struct gate_run_options *o, struct strbuf *err)
{
	void **states = xcalloc(gate_checkers_nr, sizeof(void *));
	bool *ready = xcalloc(gate_checkers_nr, sizeof(bool));
	struct job *jobs = NULL;
	size_t jobs_nr = 0, jobs_alloc = 0, i, j, k;
	uint64_t start = gate_now_ns();
	struct stream st = { 0 };
	struct run_ctx ctx;
	int ret = 0;

	memset(v, 0, sizeof(*v));
	v->cs = cs;
	v->hook = o->hook;
	v->outcomes = xcalloc(gate_checkers_nr, sizeof(*v->outcomes));

	/* Phase 1, main thread: set up each selected checker. */
	for (i = 0; i < gate_checkers_nr; i++) {
		const struct gate_checker *c = gate_checkers[i];
		struct gate_checker_config cfg = {
			.node = s->checkers[i].node,
			.severity = s->checkers[i].severity,
			.hook = o->hook,
			.cs = cs,
			.rules_dir = o->rules_dir,
			.coverage_reports = o->coverage_reports,
			.coverage_base = o->coverage_base,
		};
		struct gate_outcome *out;

		if (!sel->selected[i])
			continue;
		out = &v->outcomes[v->outcomes_nr++];
		out->checker = c;
		if (c->setup && c->setup(&cfg, &states[i], err) < 0) {
			/* teardown() frees what a failed setup() left. */
			ready[i] = states[i] != NULL;
			if (!err->len)
				strbuf_addf(err, "checker '%s' could not start", c->name);
			ret = -1;
			goto out;
		}
		ready[i] = true;
	}

	/* The task list: complete before any worker starts. */
	for (i = 0, k = 0; i < gate_checkers_nr; i++) {
		const struct gate_checker *c = gate_checkers[i];

		if (!sel->selected[i])
			continue;
		switch (c->scope) {
		case GATE_SCOPE_FILE:
			/* Commit by commit: the range's own files repeat the
			 * lines its commits added, and the commits' files are
			 * streamed below. */
			if (cs->kind == GATE_SUBJECT_RANGE &&
			    (c->needs & GATE_NEED_COMMIT_FILES)) {
				struct streamed *sd;

				if (!cs->reader)
					break;
				st.v = xrealloc(st.v, (st.nr + 1) * sizeof(*st.v));
				sd = &st.v[st.nr++];
				memset(sd, 0, sizeof(*sd));
				sd->checker = i;
				sd->outcome = k;
				sd->state = states[i];
				atomic_init(&sd->ran, 0);
				atomic_init(&sd->skipped, 0);
				atomic_init(&sd->elapsed_ns, 0);
				break;
			}
			for (j = 0; j < cs->files_nr; j++)
				if (file_selected(&s->checkers[i], &cs->files[j]))
					add_job(&jobs, &jobs_nr, &jobs_alloc, c,
						states[i], k, cs, &cs->files[j], NULL);
			break;
		case GATE_SCOPE_CHANGESET:
			add_job(&jobs, &jobs_nr, &jobs_alloc, c, states[i], k,
				cs, NULL, NULL);
			break;
		case GATE_SCOPE_MESSAGE:
			for (j = 0; j < cs->messages_nr; j++)
				add_job(&jobs, &jobs_nr, &jobs_alloc, c,
					states[i], k, cs, NULL, &cs->messages[j]);
			break;
		}
		k++;
	}

	/* Phase 2: the only parallel part. */
	ctx.jobs = jobs;
	pool_run(jobs_nr, o->jobs ? o->jobs : pool_default_jobs(), run_one, &ctx);
	if (st.nr) {
		st.cs = cs;
		st.s = s;
		stream_commits(&st, o->jobs ? o->jobs : pool_default_jobs());
	}

	/* Phase 3, main thread: merge in task order, finish, judge. */
	for (k = 0; k < v->outcomes_nr; k++) {
		struct gate_outcome *out = &v->outcomes[k];
		struct streamed *sd = find_streamed(&st, k);
		struct gate_task *tasks = NULL;
		size_t first = jobs_nr, n = 0, skipped = 0;

		if (sd) {
			finish_streamed(v, out, sd, states, s, cs);
			continue;
		}
		for (j = 0; j < jobs_nr; j++) {
			struct job *jb = &jobs[j];

			if (jb->outcome != k)
				continue;
			if (first == jobs_nr)
				first = j;
			n++;
			out->elapsed_ns += jb->task.elapsed_ns;
			if (jb->task.result.skipped)
				skipped++;
			if (jb->task.status < 0 && !out->error)
				out->error = xstrdup(jb->task.err.len ? jb->task.err.buf :
						     "the checker failed");
		}
		out->tasks = n;
		/* Tasks of one checker are contiguous, so finish() gets an
		 * array it can read in order. */
		tasks = xcalloc(n ? n : 1, sizeof(*tasks));
		for (j = 0; j < n; j++)
			tasks[j] = jobs[first + j].task;
		for (i = 0; gate_checkers[i] != out->checker; i++)
			;
		if (out->checker->finish) {
			struct strbuf ferr = STRBUF_INIT;
			struct gate_result summary = { 0 };
			uint64_t fstart = gate_now_ns();

			if (out->checker->finish(states[i], cs, tasks, n, &summary,
						 &ferr) < 0 && !out->error)
				out->error = xstrdup(ferr.len ? ferr.buf :
						     "the checker failed");
			out->elapsed_ns += gate_now_ns() - fstart;
			/* finish() may have edited the tasks' results. */
			for (j = 0; j < n; j++)
				jobs[first + j].task.result = tasks[j].result;
			for (j = 0; j < n; j++)
				result_absorb(&out->result, &jobs[first + j].task.result);
			if (summary.skipped)
				skipped = n ? n : 1;
			result_absorb(&out->result, &summary);
			strbuf_release(&ferr);
		} else {
			for (j = 0; j < n; j++)
				result_absorb(&out->result, &jobs[first + j].task.result);
		}
		free(tasks);
		out->status = outcome_status(out, s->checkers[i].severity,
					     n == 0 || skipped == n);
		if (out->status > v->status)
			v->status = out->status;
	}
	/* What one checker knows is secret, no checker may quote. */
	for (k = 0; k < v->outcomes_nr; k++) {
		struct gate_result *r = &v->outcomes[k].result;

		for (j = 0; j < r->sensitive_nr; j++)
			gate_result_sensitive(&v->sensitive, r->sensitive[j],
					      r->sensitive_len[j]);
	}
	for (k = 0; v->sensitive.sensitive_nr && k < v->outcomes_nr; k++)
		redact_result(&v->outcomes[k].result, &v->sensitive);
out:
	for (i = 0; i < gate_checkers_nr; i++)
		if (ready[i] && gate_checkers[i]->teardown)
			gate_checkers[i]->teardown(states[i]);
	for (j = 0; j < jobs_nr; j++) {
		gate_result_release(&jobs[j].task.result);
		strbuf_release(&jobs[j].task.err);
	}
	free(jobs);
	stream_release(&st);
	free(states);
	free(ready);
	v->elapsed_ns = gate_now_ns() - start;
	return ret;
}
