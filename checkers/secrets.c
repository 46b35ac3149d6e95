/*
 * The secrets checker: stops credentials from entering history.
 *
 * setup() loads the rule pack and the user's rules into one engine
 * (secrets-scan.h) and reads the baseline; run() scans the added lines
 * of one file (of the staged change, of the range's end state, or of one
 * commit of the range) and reports redacted findings whose fingerprint
 * is a hash of rule, secret and path; finish() drops the copies of one
 * secret seen by several commits of a range, so it is reported once, by
 * the commit that added it.  Messages are scanned whole: a range's
 * commits' by run() as the range streams (GATE_NEED_COMMIT_MESSAGES),
 * the commit-msg hook's or the pull-request title by finish().
 */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "checker.h"
#include "secrets-baseline.h"
#include "secrets-filter.h"
#include "secrets-scan.h"
#include "secrets-table.h"
#include "progress.h"

struct secrets_state {
	struct secrets_engine eng;
	struct secrets_baseline baseline;
	/* `gate scan --history` asks for it with GATE_SECRETS_PROGRESS. */
	struct gate_progress progress;
};

/* The tasks the run gives this checker, for its progress line: the
 * change set's files.  A range's commits are read as they are judged,
 * and the run draws their line (run.c). */
static size_t files_to_scan(const struct gate_changeset *cs)
{
	if (!cs || cs->kind == GATE_SUBJECT_RANGE)
		return 0;
	return cs->files_nr;
}

static const char *const secrets_keys[] = {
	"rules", "allowlist", "disable", "baseline", "pack", NULL
};

static const char *const secrets_hooks[] = {
	"pre-commit", "pre-push", NULL
};

static char *resolve(const struct gate_changeset *cs, const char *path)
{
	if (path[0] == '/' || !cs || !cs->repo_dir)
		return xstrdup(path);
	return xstrfmt("%s/%s", cs->repo_dir, path);
}

static int secrets_setup(const struct gate_checker_config *config,
			 void **statep, struct strbuf *err)
{
	struct secrets_state *st = xcalloc(1, sizeof(*st));
	const struct ynode *node = config->node, *n;
	const char *pack_opt = NULL, *baseline_opt = NULL;
	struct ydoc pack = { 0 };
	char *pack_path, *baseline_path;
	int ret = -1;

	secrets_engine_init(&st->eng);
	if (node && ynode_check_keys(node, secrets_keys,
				     gate_common_checker_keys,
				     "checkers.secrets", err))
		goto out;
	if (node && (ynode_get_string(node, "pack", &pack_opt, err) < 0 ||
		     ynode_get_string(node, "baseline", &baseline_opt, err) < 0))
		goto out;
	if (!pack_opt) {
		/* rules/secrets.yml as compiled into gate: no YAML to parse. */
		secrets_rules_load_builtin(&st->eng.rules);
	} else {
		pack_path = resolve(config->cs, pack_opt);
		if (secrets_rules_load_file(&st->eng.rules, &pack, pack_path,
					    err)) {
			if (!err->len)
				strbuf_addf(err, "cannot load '%s'", pack_path);
			free(pack_path);
			goto out;
		}
		free(pack_path);
	}
	if (node && (n = ynode_get(node, "rules")) &&
	    secrets_rules_load(&st->eng.rules, n, true, err))
		goto out;
	if (node && (n = ynode_get(node, "disable")) &&
	    secrets_rules_disable(&st->eng.rules, n, err))
		goto out;
	if (node && (n = ynode_get(node, "allowlist")) &&
	    secrets_allowlist_parse(&st->eng.global, n, &st->eng.rules, err))
		goto out;
	baseline_path = resolve(config->cs, baseline_opt ? baseline_opt :
				SECRETS_BASELINE_FILE);
	/* `gate baseline` sets this so old entries hide nothing. */
	if (!getenv("GATE_SECRETS_IGNORE_BASELINE") &&
	    secrets_baseline_read(&st->baseline, baseline_path,
				  baseline_opt != NULL, err)) {
		free(baseline_path);
		goto out;
	}
	free(baseline_path);
	secrets_engine_build(&st->eng);
	{
		const char *env = getenv("GATE_SECRETS_PROGRESS");

		progress_start(&st->progress, env && *env && strcmp(env, "0"),
			       "scanning for secrets", "files",
			       files_to_scan(config->cs));
	}
	ret = 0;
out:
	ydoc_release(&pack);
	if (ret) {
		secrets_baseline_release(&st->baseline);
		secrets_engine_release(&st->eng);
		free(st);
		return -1;
	}
	*statep = st;
	return 0;
}

/*
 * Byte spans of the added line ranges, found in one forward walk, then
 * scanned with their first line number.
 */
static int scan_added(struct secrets_scanner *sc, const struct gate_file *f)
{
	const char *p = f->data, *end = f->data + f->len;
	uint32_t line = 1;
	size_t r;

	if (!f->added_nr)
		return 0;
	for (r = 0; r < f->added_nr; r++) {
		const struct gate_line_range *ar = &f->added[r];
		const char *start;

		if (!ar->count)
			continue;
		if (line < ar->start) {
			p = skip_lines(p, end, ar->start - line, NULL);
			line = ar->start;
		}
		if (p >= end)
			break;
		start = p;
		p = skip_lines(p, end, ar->count, NULL);
		line = ar->start + ar->count;
		if (secrets_scan_span(sc, (size_t)(start - f->data),
				      (size_t)(p - f->data), ar->start))
			return -1;
	}
	return 0;
}

/*
 * Report one hit unless the baseline knows it: the finding shows the
 * secret redacted, and the core is told the secret so no output quotes
 * it.  `fp_path` keys the fingerprint; `in`, when set, names where in a
 * message it was.  Returns false for a baselined hit.
 */
static bool report_hit(const struct secrets_state *st, struct gate_result *res,
		       const struct secrets_hit *h, const char *text,
		       const char *fp_path, const char *path, long commit,
		       const char *in)
{
	const char *secret = text + h->secret_off;
	struct strbuf red = STRBUF_INIT;
	struct gate_finding *gf;
	char fp[65];

	secrets_fingerprint(fp, h->rule->full_id, secret, h->secret_len, fp_path);
	if (secrets_baseline_has(&st->baseline, fp))
		return false;
	secrets_redact(&red, secret, h->secret_len);
	gate_result_sensitive(res, secret, h->secret_len);
	if (in)
		gf = gate_result_add(res, h->rule->full_id, GATE_SEVERITY_ERROR,
				     path, h->line, h->column, "%s in the %s: %s",
				     h->rule->description, in, red.buf);
	else
		gf = gate_result_add(res, h->rule->full_id, GATE_SEVERITY_ERROR,
				     path, h->line, h->column, "%s: %s",
				     h->rule->description, red.buf);
	gf->end_line = h->end_line;
	gf->commit = commit;
	gate_finding_set_fingerprint(gf, fp);
	strbuf_release(&red);
	return true;
}

/*
 * Commit messages and titles are text that enters history too, and the
 * verdict repeats their first lines: scan them whole.  A finding names
 * the commit (or the message source) and no path.
 */
static const char *message_what(const struct gate_message *m)
{
	return m->kind == GATE_MESSAGE_TITLE ? "pull-request title" :
	       "commit message";
}

static int scan_message(struct secrets_state *st, const char *text,
			size_t len, long commit, const char *what,
			struct gate_result *res, struct strbuf *err)
{
	struct secrets_scanner sc;
	size_t i;
	int ret = 0;

	if (!len)
		return 0;
	secrets_scanner_init(&sc, &st->eng);
	if (!secrets_scan_begin(&sc, what, text, len))
		goto out;
	if (secrets_scan_span(&sc, 0, len, 1)) {
		strbuf_addstr(err, sc.err.buf);
		ret = -1;
		goto out;
	}
	secrets_scan_end(&sc);
	for (i = 0; i < sc.hits_nr; i++)
		report_hit(st, res, &sc.hits[i], text, what, NULL, commit,
			   what);
out:
	secrets_scanner_release(&sc);
	return ret;
}

static bool line_added(const struct gate_file *f, uint32_t line)
{
	size_t r;

	for (r = 0; r < f->added_nr; r++)
		if (line >= f->added[r].start &&
		    line < f->added[r].start + f->added[r].count)
			return true;
	return false;
}

static bool seen_on_line(const struct secrets_scanner *sc, uint32_t line,
			 const char *text, const char *secret, size_t len)
{
	size_t i;

	for (i = 0; i < sc->hits_nr; i++)
		if (sc->hits[i].line == line && sc->hits[i].secret_len == len &&
		    !memcmp(text + sc->hits[i].secret_off, secret, len))
			return true;
	return false;
}

/*
 * A CSV or TSV file's credential columns, as the table view writes them
 * (secrets-table.h): each hit is reported at its row, and only once,
 * when the file's own scan has not found the same secret there.
 */
static int scan_table(const struct secrets_state *st, struct gate_result *res,
		      const struct gate_file *f, const struct secrets_scanner *sc,
		      long long *baselined, struct strbuf *err)
{
	struct secrets_table_view view = SECRETS_TABLE_VIEW_INIT;
	struct secrets_scanner tsc;
	size_t i;
	int ret = 0;

	if (!secrets_table_view(&view, f->data, f->len))
		goto out;
	secrets_scanner_init(&tsc, (struct secrets_engine *)&st->eng);
	if (secrets_scan_begin(&tsc, f->path, view.text.buf, view.text.len)) {
		if (secrets_scan_span(&tsc, 0, view.text.len, 1)) {
			strbuf_addstr(err, tsc.err.buf);
			ret = -1;
		} else {
			secrets_scan_end(&tsc);
		}
	}
	for (i = 0; !ret && i < tsc.hits_nr; i++) {
		struct secrets_hit h = tsc.hits[i];
		const char *secret = view.text.buf + h.secret_off;
		const char *row, *at;

		if (!h.line || h.line > view.lines_nr)
			continue;
		h.line = h.end_line = view.lines[h.line - 1];
		if (!line_added(f, h.line) ||
		    seen_on_line(sc, h.line, f->data, secret, h.secret_len))
			continue;
		row = skip_lines(f->data, f->data + f->len, h.line - 1, NULL);
		h.column = 1;
		for (at = row; at + h.secret_len <= f->data + f->len &&
			       *at != '\n'; at++)
			if (!memcmp(at, secret, h.secret_len)) {
				h.column = (uint32_t)(at - row) + 1;
				break;
			}
		if (!report_hit(st, res, &h, view.text.buf, f->path, f->path,
				f->commit, NULL))
			(*baselined)++;
	}
	secrets_scanner_release(&tsc);
out:
	secrets_table_view_release(&view);
	return ret;
}

static int secrets_run(const void *state, struct gate_task *task)
{
	/*
	 * The engine is read-only here except for the lazily compiled
	 * regexes, which secrets_rule_code guards with a lock.
	 */
	struct secrets_state *st = (struct secrets_state *)state;
	const struct gate_file *f = task->file;
	struct gate_result *res = &task->result;
	struct secrets_scanner sc;
	long long baselined = 0;
	size_t i;
	int ret = 0;

	/* A commit's message, in a range's stream (run.c). */
	if (!f && task->message)
		return scan_message(st, task->message->text,
				    task->message->len, task->message->commit,
				    message_what(task->message), res,
				    &task->err);
	if (!f || f->status == GATE_FILE_DELETED || f->is_submodule) {
		progress_step(&st->progress);
		return 0;
	}
	if (!f->data) {
		if (f->skip_reason && f->commit < 0)
			gate_result_note(res, "skipped '%s': %s", f->path,
					 f->skip_reason);
		progress_step(&st->progress);
		return 0;
	}
	secrets_scanner_init(&sc, &st->eng);
	if (!secrets_scan_begin(&sc, f->path, f->data, f->len))
		goto out;
	if (scan_added(&sc, f)) {
		strbuf_addstr(&task->err, sc.err.buf);
		ret = -1;
		goto out;
	}
	secrets_scan_end(&sc);
	for (i = 0; i < sc.hits_nr; i++)
		if (!report_hit(st, res, &sc.hits[i], f->data, f->path, f->path,
				f->commit, NULL))
			baselined++;
	if (secrets_table_path(f->path) &&
	    scan_table(st, res, f, &sc, &baselined, &task->err)) {
		ret = -1;
		goto out;
	}
	if (sc.limit_hits)
		gate_result_note(res, "'%s': %zu regex window(s) abandoned at "
				 "the pcre2 match limit", f->path, sc.limit_hits);
	if (baselined)
		gate_result_metric_int(res, "baselined", baselined);
out:
	secrets_scanner_release(&sc);
	progress_step(&st->progress);
	return ret;
}

struct fp_ref {
	const char *fp;
	size_t task;
};

static int cmp_fp_ref(const void *a, const void *b)
{
	const struct fp_ref *x = a, *y = b;
	int c = strcmp(x->fp, y->fp);

	if (c)
		return c;
	return x->task < y->task ? -1 : x->task > y->task;
}

static void drop_finding(struct gate_result *res, size_t i)
{
	struct gate_finding *f = &res->findings[i];

	free(f->rule);
	free(f->path);
	free(f->message);
	free(f->fingerprint);
	memmove(res->findings + i, res->findings + i + 1,
		(res->findings_nr - i - 1) * sizeof(*f));
	res->findings_nr--;
}

/* The first commit task holding fp, or SIZE_MAX. */
static size_t first_commit_task(const struct fp_ref *refs, size_t nr,
				const char *fp)
{
	size_t lo = 0, hi = nr;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(refs[mid].fp, fp) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < nr && !strcmp(refs[lo].fp, fp) ? refs[lo].task : SIZE_MAX;
}

/*
 * The messages of the change set itself (commit-msg hook, pull-request
 * title).  A range's commits' messages were scanned in its stream.
 */
static int scan_messages(struct secrets_state *st,
			 const struct gate_changeset *cs,
			 struct gate_result *res, struct strbuf *err)
{
	size_t i;

	for (i = 0; i < cs->messages_nr; i++) {
		const struct gate_message *m = &cs->messages[i];

		if (m->kind == GATE_MESSAGE_COMMIT)
			continue;	/* the stream's */
		if (scan_message(st, m->text, m->len, -1, message_what(m),
				 res, err) < 0)
			return -1;
	}
	return 0;
}

/*
 * The findings of the commits' messages, which the stream judged with
 * their commit, go to the summary in commit order: after every file's,
 * and apart from the copies finish() drops, which are files' only.
 */
static void take_message_findings(struct gate_result *summary,
				  struct gate_task *tasks, size_t tasks_nr)
{
	size_t t, i;

	for (t = 0; t < tasks_nr; t++) {
		struct gate_result *res = &tasks[t].result;

		if (tasks[t].file || !tasks[t].message)
			continue;
		for (i = 0; i < res->findings_nr; i++) {
			ALLOC_GROW(summary->findings, summary->findings_nr + 1,
				   summary->findings_alloc);
			summary->findings[summary->findings_nr++] =
				res->findings[i];
		}
		res->findings_nr = 0;
		for (i = 0; i < res->sensitive_nr; i++) {
			gate_result_sensitive(summary, res->sensitive[i],
					      res->sensitive_len[i]);
			free(res->sensitive[i]);
		}
		res->sensitive_nr = 0;
	}
}

static int secrets_finish(void *state, const struct gate_changeset *cs,
			  struct gate_task *tasks, size_t tasks_nr,
			  struct gate_result *summary, struct strbuf *err)
{
	struct secrets_state *st = state;
	struct fp_ref *refs = NULL;
	struct { size_t task, finding; } *drops = NULL;
	size_t refs_nr = 0, refs_alloc = 0, drops_nr = 0, drops_alloc = 0;
	size_t t, i, compiled = 0;
	long long baselined = 0, findings = 0;

	take_message_findings(summary, tasks, tasks_nr);
	for (t = 0; t < tasks_nr; t++) {
		struct gate_result *res = &tasks[t].result;

		/* Sum and drop the per-task counters. */
		for (i = 0; i < res->metrics_nr; i++) {
			baselined += res->metrics[i].i;
			free(res->metrics[i].key);
			free(res->metrics[i].s);
		}
		res->metrics_nr = 0;
		if (!tasks[t].file || tasks[t].file->commit < 0)
			continue;
		for (i = 0; i < res->findings_nr; i++) {
			ALLOC_GROW(refs, refs_nr + 1, refs_alloc);
			refs[refs_nr].fp = res->findings[i].fingerprint;
			refs[refs_nr++].task = t;
		}
	}
	if (refs_nr)
		qsort(refs, refs_nr, sizeof(*refs), cmp_fp_ref);
	/*
	 * A secret is reported by the first commit that added it; the
	 * range's end state and later commits repeat it, so their copies go.
	 * All are judged before any is dropped: refs points at the
	 * fingerprints that dropping frees.
	 */
	for (t = 0; t < tasks_nr; t++) {
		struct gate_result *res = &tasks[t].result;

		for (i = 0; i < res->findings_nr; i++) {
			size_t first = first_commit_task(refs, refs_nr,
				res->findings[i].fingerprint);

			if (first != SIZE_MAX && first != t) {
				ALLOC_GROW(drops, drops_nr + 1, drops_alloc);
				drops[drops_nr].task = t;
				drops[drops_nr++].finding = i;
			}
		}
	}
	free(refs);
	/* Backwards, so each index is still the finding it named. */
	while (drops_nr--)
		drop_finding(&tasks[drops[drops_nr].task].result,
			     drops[drops_nr].finding);
	free(drops);
	for (t = 0; t < tasks_nr; t++)
		findings += (long long)tasks[t].result.findings_nr;
	progress_end(&st->progress);
	if (scan_messages(st, cs, summary, err) < 0)
		return -1;
	findings += (long long)summary->findings_nr;
	for (i = 0; i < st->eng.rules.nr; i++)
		compiled += atomic_load(&st->eng.rules.rules[i]->code) != NULL;
	gate_result_metric_int(summary, "rules", (long long)st->eng.rules.nr);
	gate_result_metric_int(summary, "rules_compiled", (long long)compiled);
	gate_result_metric_int(summary, "findings", findings);
	gate_result_metric_int(summary, "baselined", baselined);
	return 0;
}

static void secrets_teardown(void *state)
{
	struct secrets_state *st = state;

	if (!st)
		return;
	secrets_baseline_release(&st->baseline);
	secrets_engine_release(&st->eng);
	free(st);
}

const struct gate_checker gate_checker_secrets = {
	.name = "secrets",
	.summary = "credentials in added lines (keys, tokens, passwords)",
	.scope = GATE_SCOPE_FILE,
	.needs = GATE_NEED_CONTENT | GATE_NEED_COMMIT_FILES |
		 GATE_NEED_COMMIT_MESSAGES,
	.default_hooks = secrets_hooks,
	.default_enabled = true,
	.setup = secrets_setup,
	.run = secrets_run,
	.finish = secrets_finish,
	.teardown = secrets_teardown,
};
