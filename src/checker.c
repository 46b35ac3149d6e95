#include "checker.h"

#include <stdlib.h>
#include <string.h>

const char *const gate_common_checker_keys[] = {
	"enabled", "severity", "paths", "exclude", "hooks", NULL
};

static const char *const severity_names[] = {
	[GATE_SEVERITY_OFF] = "off",
	[GATE_SEVERITY_NOTE] = "note",
	[GATE_SEVERITY_WARNING] = "warning",
	[GATE_SEVERITY_ERROR] = "error",
};

const char *gate_severity_name(enum gate_severity s)
{
	if ((size_t)s >= ARRAY_SIZE(severity_names))
		GATE_BUG("bad severity %d", (int)s);
	return severity_names[s];
}

int gate_severity_parse(const char *s, enum gate_severity *out)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(severity_names); i++) {
		if (!strcmp(s, severity_names[i])) {
			*out = (enum gate_severity)i;
			return 0;
		}
	}
	/* commitlint's numeric levels, for users who migrate. */
	if (!strcmp(s, "0") || !strcmp(s, "1") || !strcmp(s, "2")) {
		static const enum gate_severity levels[] = {
			GATE_SEVERITY_OFF, GATE_SEVERITY_WARNING,
			GATE_SEVERITY_ERROR };
		*out = levels[s[0] - '0'];
		return 0;
	}
	if (!strcmp(s, "warn")) {
		*out = GATE_SEVERITY_WARNING;
		return 0;
	}
	return -1;
}

struct gate_finding *gate_result_add(struct gate_result *res,
				     const char *rule,
				     enum gate_severity severity,
				     const char *path, uint32_t line,
				     uint32_t column, const char *fmt, ...)
{
	struct gate_finding *f;
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	ALLOC_GROW(res->findings, res->findings_nr + 1, res->findings_alloc);
	f = &res->findings[res->findings_nr++];
	memset(f, 0, sizeof(*f));
	f->rule = xstrdup(rule);
	f->severity = severity;
	f->path = path ? xstrdup(path) : NULL;
	f->line = line;
	f->column = column;
	f->commit = -1;
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	f->message = strbuf_detach(&sb, NULL);
	return f;
}

void gate_finding_set_fingerprint(struct gate_finding *f, const char *fp)
{
	free(f->fingerprint);
	f->fingerprint = fp ? xstrdup(fp) : NULL;
}

static struct gate_metric *metric_new(struct gate_result *res,
				      const char *key,
				      enum gate_metric_type type)
{
	struct gate_metric *m;

	ALLOC_GROW(res->metrics, res->metrics_nr + 1, res->metrics_alloc);
	m = &res->metrics[res->metrics_nr++];
	memset(m, 0, sizeof(*m));
	m->key = xstrdup(key);
	m->type = type;
	return m;
}

void gate_result_metric_int(struct gate_result *res, const char *key,
			    long long v)
{
	metric_new(res, key, GATE_METRIC_INT)->i = v;
}

void gate_result_metric_real(struct gate_result *res, const char *key,
			     double v)
{
	metric_new(res, key, GATE_METRIC_REAL)->r = v;
}

void gate_result_metric_string(struct gate_result *res, const char *key,
			       const char *v)
{
	metric_new(res, key, GATE_METRIC_STRING)->s = xstrdup(v ? v : "");
}

void gate_result_metric_bool(struct gate_result *res, const char *key,
			     bool v)
{
	metric_new(res, key, GATE_METRIC_BOOL)->b = v;
}

void gate_result_metric_json(struct gate_result *res, const char *key,
			     const char *json)
{
	metric_new(res, key, GATE_METRIC_JSON)->s = xstrdup(json);
}

void gate_result_note(struct gate_result *res, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	ALLOC_GROW(res->notes, res->notes_nr + 1, res->notes_alloc);
	res->notes[res->notes_nr++] = strbuf_detach(&sb, NULL);
}

void gate_result_sensitive(struct gate_result *res, const char *text,
			   size_t len)
{
	size_t i;

	if (!len)
		return;
	for (i = 0; i < res->sensitive_nr; i++)
		if (res->sensitive_len[i] == len &&
		    !memcmp(res->sensitive[i], text, len))
			return;
	ALLOC_GROW(res->sensitive, res->sensitive_nr + 1, res->sensitive_alloc);
	res->sensitive_len = xrealloc(res->sensitive_len,
				      res->sensitive_alloc * sizeof(size_t));
	res->sensitive[res->sensitive_nr] = xstrndup(text, len);
	res->sensitive_len[res->sensitive_nr++] = len;
}

void gate_result_redact_text(const struct gate_result *res, const char *s,
			     struct strbuf *out)
{
	size_t i;

	strbuf_reset(out);
	strbuf_addstr(out, s);
	for (i = 0; i < res->sensitive_nr; i++) {
		const char *secret = res->sensitive[i], *p, *hit;
		size_t len = res->sensitive_len[i];
		struct strbuf next = STRBUF_INIT;

		if (!strstr(out->buf, secret))
			continue;
		for (p = out->buf; (hit = strstr(p, secret)); p = hit + len) {
			/* As the secrets checker shows one: a short prefix
			 * and the length. */
			size_t keep = len >= 20 ? 4 : len >= 10 ? 2 : 0;

			strbuf_add(&next, p, (size_t)(hit - p));
			strbuf_add(&next, secret, keep);
			strbuf_addf(&next, "\u2026(%zu chars)", len);
		}
		strbuf_addstr(&next, p);
		strbuf_reset(out);
		strbuf_add(out, next.buf, next.len);
		strbuf_release(&next);
	}
}

void gate_result_release(struct gate_result *res)
{
	size_t i;

	for (i = 0; i < res->sensitive_nr; i++) {
		memset(res->sensitive[i], 0, res->sensitive_len[i]);
		free(res->sensitive[i]);
	}
	free(res->sensitive);
	free(res->sensitive_len);

	for (i = 0; i < res->findings_nr; i++) {
		struct gate_finding *f = &res->findings[i];

		free(f->rule);
		free(f->path);
		free(f->message);
		free(f->fingerprint);
	}
	free(res->findings);
	for (i = 0; i < res->metrics_nr; i++) {
		free(res->metrics[i].key);
		free(res->metrics[i].s);
	}
	free(res->metrics);
	for (i = 0; i < res->notes_nr; i++)
		free(res->notes[i]);
	free(res->notes);
	memset(res, 0, sizeof(*res));
}

const struct gate_checker *gate_checker_find(const char *name)
{
	size_t i;

	for (i = 0; i < gate_checkers_nr; i++)
		if (!strcmp(gate_checkers[i]->name, name))
			return gate_checkers[i];
	return NULL;
}
