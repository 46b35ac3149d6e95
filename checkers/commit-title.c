/*
 * commit-title: commit messages and pull-request titles against
 * Conventional Commits, in the commit-msg hook (the message git is about
 * to record), for every commit of a push or CI range, and for the PR
 * title in CI.  Parsing is in cc-parse.c, the rules in
 * commit-title-rules.c; this file decides what text is judged and turns
 * the parse into metrics, and finish() adds the semantic-version bump the
 * judged commits imply.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cc-parse.h"
#include "checker.h"
#include "commit-title-rules.h"
#include "json.h"

struct commit_title {
	struct ct_config cfg;
};

static int ct_setup(const struct gate_checker_config *config, void **state,
		    struct strbuf *err)
{
	struct commit_title *ct = xcalloc(1, sizeof(*ct));

	*state = ct;
	if (ct_config_load(&ct->cfg, config->node, config->severity, err) < 0)
		return -1;
	return 0;
}

static void ct_teardown(void *state)
{
	struct commit_title *ct = state;

	if (!ct)
		return;
	ct_config_release(&ct->cfg);
	free(ct);
}

/*
 * The offset of the first byte that does not start a valid UTF-8
 * sequence, or len when the text is clean.  Each sequence is judged by
 * utf8_valid() itself, so this agrees with it on what is valid.
 */
static size_t first_bad_byte(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		size_t n = u[i] < 0x80 ? 1 : u[i] >= 0xf0 ? 4 :
			   u[i] >= 0xe0 ? 3 : 2;

		if (n > len - i || !utf8_valid(s + i, n))
			return i;
		i += n;
	}
	return len;
}

/* Reasons a message cannot be judged as text at all. */
static bool ct_reject_bytes(const struct commit_title *ct,
			    const struct gate_message *msg,
			    struct gate_result *res)
{
	struct gate_finding *f = NULL;
	const char *nul = memchr(msg->text, '\0', msg->len);

	if ((long long)msg->len > ct->cfg.max_bytes)
		f = gate_result_add(res, "commit-title/message-size",
				    GATE_SEVERITY_ERROR, NULL, 0, 0,
				    "message is %zu bytes, over the %lld-byte "
				    "limit (max-bytes): not judged", msg->len,
				    ct->cfg.max_bytes);
	else if (nul)
		f = gate_result_add(res, "commit-title/encoding",
				    GATE_SEVERITY_ERROR, NULL, 0, 0,
				    "message contains a NUL byte at offset %zu",
				    (size_t)(nul - msg->text));
	else if (!utf8_valid(msg->text, msg->len))
		f = gate_result_add(res, "commit-title/encoding",
				    GATE_SEVERITY_ERROR, NULL, 0, 0,
				    "message is not valid UTF-8 (offset %zu): "
				    "re-encode it as UTF-8",
				    first_bad_byte(msg->text, msg->len));
	if (!f)
		return false;
	if (f->severity > ct->cfg.cap)
		f->severity = ct->cfg.cap;
	f->commit = msg->commit;
	return true;
}

static void ct_metrics(const struct cc_message *m, struct gate_result *res)
{
	if (m->type)
		gate_result_metric_string(res, "type", m->type);
	if (m->scope)
		gate_result_metric_string(res, "scope", m->scope);
	if (m->subject)
		gate_result_metric_string(res, "subject", m->subject);
	gate_result_metric_bool(res, "breaking", m->breaking);
}

/* The text need not be NUL-terminated: compare within len only. */
static bool ct_is_wip(const char *s, size_t len)
{
	return len >= 5 && !strncasecmp(s, "[WIP]", 5);
}

static int ct_run(const void *state, struct gate_task *task)
{
	const struct commit_title *ct = state;
	const struct ct_config *cfg = &ct->cfg;
	const struct gate_message *msg = task->message;
	struct gate_result *res = &task->result;
	struct strbuf clean = STRBUF_INIT;
	struct cc_message m;
	struct ct_context ctx = { NULL, msg->commit, false };
	const char *text = msg->text, *why;
	size_t len = msg->len;

	if (ct_reject_bytes(ct, msg, res))
		return 0;
	if (msg->commit >= 0 && (size_t)msg->commit < task->cs->commits_nr) {
		const struct gate_commit *c = &task->cs->commits[msg->commit];

		ctx.author = c->author;
		if (cfg->default_ignores && c->parents > 1) {
			gate_result_note(res, "ignored %.12s: merge commit",
					 c->oid);
			gate_result_metric_string(res, "ignored", "merge");
			return 0;
		}
	}
	if (msg->kind == GATE_MESSAGE_EDIT) {
		/* Judge what git will record, not the editor template. */
		cc_cleanup_edit(&clean, text, len, msg->comment_char);
		text = clean.buf;
		len = clean.len;
		if (!len) {
			gate_result_note(res, "empty message: git aborts the "
					 "commit itself");
			res->skipped = true;
			goto out;
		}
	} else if (msg->kind == GATE_MESSAGE_TITLE) {
		const char *eol = memchr(text, '\n', len);

		/* A title is one line; a pasted newline ends it. */
		if (eol)
			len = (size_t)(eol - text);
		if (cfg->wip && ct_is_wip(text, len)) {
			gate_result_note(res, "pull-request title is marked "
					 "[WIP]: not judged until it is ready");
			res->pending = true;
			goto out;
		}
		ctx.title = true;
	}
	if ((why = ct_ignored(cfg, text, len))) {
		const char *eol = memchr(text, '\n', len);
		size_t n = eol ? (size_t)(eol - text) : len;
		struct strbuf first = STRBUF_INIT;

		strbuf_add_printable(&first, text, n > 60 ? 60 : n);
		gate_result_note(res, "ignored message (%s): '%s'", why,
				 first.buf);
		strbuf_release(&first);
		gate_result_metric_string(res, "ignored", why);
		goto out;
	}
	cc_message_init(&m);
	cc_parse(&m, cfg->mode, text, len);
	if (m.crlf && msg->kind != GATE_MESSAGE_TITLE)
		gate_result_note(res, "message has CRLF line ends; judged as "
				 "if they were LF");
	if (!m.header && !m.body && !m.footer) {
		gate_result_note(res, "empty message: nothing to judge");
		res->skipped = true;
	} else {
		ct_check(cfg, &m, &ctx, res);
		ct_metrics(&m, res);
	}
	cc_message_release(&m);
out:
	strbuf_release(&clean);
	return 0;
}

enum ct_bump { BUMP_NONE, BUMP_PATCH, BUMP_MINOR, BUMP_MAJOR };
static const char *const bump_names[] = { "none", "patch", "minor", "major" };

static const struct gate_metric *find_metric(const struct gate_result *r,
					     const char *key)
{
	size_t i;

	for (i = 0; i < r->metrics_nr; i++)
		if (!strcmp(r->metrics[i].key, key))
			return &r->metrics[i];
	return NULL;
}

/*
 * What the judged messages imply for the next version, as
 * semantic-release's default rules read them: a breaking change is
 * major, feat minor, fix, perf and revert patch, anything else none.
 * Messages with blocking findings still count: the bump describes the
 * range, the findings say whether it may land.
 */
static enum ct_bump message_bump(const struct gate_result *r)
{
	const struct gate_metric *type = find_metric(r, "type");
	const struct gate_metric *brk = find_metric(r, "breaking");

	if (brk && brk->b)
		return BUMP_MAJOR;
	if (!type)
		return BUMP_NONE;
	if (!strcasecmp(type->s, "feat"))
		return BUMP_MINOR;
	if (!strcasecmp(type->s, "fix") || !strcasecmp(type->s, "perf") ||
	    !strcasecmp(type->s, "revert"))
		return BUMP_PATCH;
	return BUMP_NONE;
}

static int ct_finish(void *state, const struct gate_changeset *cs,
		     struct gate_task *tasks, size_t tasks_nr,
		     struct gate_result *summary, struct strbuf *err)
{
	struct strbuf json = STRBUF_INIT;
	struct jw_writer w;
	enum ct_bump bump = BUMP_NONE;
	size_t i, j, judged = 0;

	for (i = 0; i < tasks_nr; i++) {
		const struct gate_result *r = &tasks[i].result;
		enum ct_bump b = message_bump(r);

		if (find_metric(r, "breaking"))
			judged++;
		if (b > bump)
			bump = b;
	}
	if (tasks_nr <= 1) {
		if (judged)
			gate_result_metric_string(summary, "bump",
						  bump_names[bump]);
		return 0;
	}
	/*
	 * One task per commit: the per-message metrics would repeat their
	 * keys, so they move into one "messages" array, in range order.
	 */
	jw_init(&w, &json, false);
	jw_array_begin(&w);
	for (i = 0; i < tasks_nr; i++) {
		struct gate_result *r = &tasks[i].result;
		const struct gate_message *msg = tasks[i].message;

		jw_object_begin(&w);
		if (msg && msg->commit >= 0 &&
		    (size_t)msg->commit < cs->commits_nr)
			jw_kv_string(&w, "commit",
				       cs->commits[msg->commit].oid);
		for (j = 0; j < r->metrics_nr; j++) {
			const struct gate_metric *m = &r->metrics[j];

			if (m->type == GATE_METRIC_STRING)
				jw_kv_string(&w, m->key, m->s);
			else if (m->type == GATE_METRIC_BOOL)
				jw_kv_bool(&w, m->key, m->b);
			free(m->key);
			free(m->s);
		}
		r->metrics_nr = 0;
		jw_object_end(&w);
	}
	jw_array_end(&w);
	gate_result_metric_int(summary, "messages_judged", (long long)judged);
	gate_result_metric_string(summary, "bump", bump_names[bump]);
	gate_result_metric_json(summary, "messages", json.buf);
	strbuf_release(&json);
	(void)state;
	(void)err;
	return 0;
}

static const char *const ct_hooks[] = { "commit-msg", "pre-push", NULL };

const struct gate_checker gate_checker_commit_title = {
	.name = "commit-title",
	.summary = "Conventional Commits messages and pull-request titles",
	.scope = GATE_SCOPE_MESSAGE,
	.needs = 0,
	.default_hooks = ct_hooks,
	.default_enabled = true,
	.setup = ct_setup,
	.run = ct_run,
	.finish = ct_finish,
	.teardown = ct_teardown,
};
