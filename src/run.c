#include "run.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glob.h"
#include "pool.h"
#include "run-outcome.h"
#include "run-stream.h"

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

bool run_file_selected(const struct gate_checker_settings *cs,
		       const struct gate_file *f)
{
	if (f->status == GATE_FILE_DELETED)
		return false;
	return glob_selected(cs->paths, cs->exclude, f->path);
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
				if (run_file_selected(&s->checkers[i],
						      &cs->files[j]))
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
		struct streamed *sd = stream_find(&st, k);
		struct gate_task *tasks = NULL;
		size_t first = jobs_nr, n = 0, skipped = 0;

		if (sd) {
			stream_finish(v, out, sd, states, s, cs);
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
				run_result_absorb(&out->result,
						  &jobs[first + j].task.result);
			if (summary.skipped)
				skipped = n ? n : 1;
			run_result_absorb(&out->result, &summary);
			strbuf_release(&ferr);
		} else {
			for (j = 0; j < n; j++)
				run_result_absorb(&out->result,
						  &jobs[first + j].task.result);
		}
		free(tasks);
		out->status = run_outcome_status(out, s->checkers[i].severity,
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
		run_redact_result(&v->outcomes[k].result, &v->sensitive);
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
