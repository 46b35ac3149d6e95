#include "output.h"

#include <string.h>

#define RED "\033[31m"
#define GREEN "\033[32m"
#define YELLOW "\033[33m"
#define DIM "\033[2m"
#define BOLD "\033[1m"
#define RESET "\033[0m"

static const char *status_color(enum gate_status s)
{
	switch (s) {
	case GATE_STATUS_PASS: return GREEN;
	case GATE_STATUS_WARN: return YELLOW;
	case GATE_STATUS_SKIP: return DIM;
	default: return RED;
	}
}

static void color(struct strbuf *out, const struct output_options *o,
		  const char *c)
{
	if (o->color)
		strbuf_addstr(out, c);
}

const char *output_commit_of(const struct gate_verdict *v, long commit)
{
	static _Thread_local char buf[13];

	if (commit < 0 || !v->cs || (size_t)commit >= v->cs->commits_nr)
		return NULL;
	memcpy(buf, v->cs->commits[commit].oid, 12);
	buf[12] = '\0';
	return buf;
}

static void describe_subject(struct strbuf *out, const struct gate_verdict *v)
{
	const struct gate_changeset *cs = v->cs;

	switch (cs->kind) {
	case GATE_SUBJECT_STAGED:
		strbuf_addf(out, "staged change, %zu file%s", cs->files_nr,
			    cs->files_nr == 1 ? "" : "s");
		break;
	case GATE_SUBJECT_RANGE:
		strbuf_addf(out, "%zu commit%s, %zu file%s changed",
			    cs->commits_nr, cs->commits_nr == 1 ? "" : "s",
			    cs->files_nr, cs->files_nr == 1 ? "" : "s");
		break;
	case GATE_SUBJECT_ALL_FILES:
	case GATE_SUBJECT_FILES:
		strbuf_addf(out, "%zu file%s", cs->files_nr,
			    cs->files_nr == 1 ? "" : "s");
		break;
	case GATE_SUBJECT_MESSAGE:
		strbuf_addf(out, "%zu message%s", cs->messages_nr,
			    cs->messages_nr == 1 ? "" : "s");
		break;
	}
}

/* A prefix and a text from the subject (paths!), escaped, and a newline. */
static void add_line(struct strbuf *out, const char *prefix, const char *text)
{
	strbuf_addstr(out, prefix);
	strbuf_add_printable(out, text, strlen(text));
	strbuf_addch(out, '\n');
}

static void write_finding(struct strbuf *out, const struct gate_verdict *v,
			  const struct gate_finding *f,
			  const struct output_options *o)
{
	const char *commit = output_commit_of(v, f->commit);

	strbuf_addstr(out, "    ");
	if (commit)
		strbuf_addf(out, "%s ", commit);
	if (f->path) {
		strbuf_add_printable(out, f->path, strlen(f->path));
		if (f->line) {
			strbuf_addf(out, ":%u", f->line);
			if (f->end_line && f->end_line != f->line)
				strbuf_addf(out, "-%u", f->end_line);
			else if (f->column)
				strbuf_addf(out, ":%u", f->column);
		}
		strbuf_addstr(out, ": ");
	}
	color(out, o, f->severity == GATE_SEVERITY_ERROR ? RED :
		      f->severity == GATE_SEVERITY_WARNING ? YELLOW : DIM);
	strbuf_addstr(out, gate_severity_name(f->severity));
	color(out, o, RESET);
	strbuf_addstr(out, ": ");
	strbuf_add_printable(out, f->message, strlen(f->message));
	color(out, o, DIM);
	strbuf_addf(out, " [%s]", f->rule);
	color(out, o, RESET);
	strbuf_addch(out, '\n');
}

/* In a hook, say how to get past the gate on purpose. */
static void add_bypass_hint(struct strbuf *out, const struct gate_verdict *v)
{
	const char *git = !strcmp(v->hook, "pre-push") ? "git push" : "git commit";
	size_t i;
	bool first = true;

	strbuf_addstr(out, "gate: to skip on purpose: GATE_SKIP=");
	for (i = 0; i < v->outcomes_nr; i++) {
		if (v->outcomes[i].status < GATE_STATUS_FAIL)
			continue;
		strbuf_addf(out, "%s%s", first ? "" : ",",
			    v->outcomes[i].checker->name);
		first = false;
	}
	strbuf_addf(out, " %s ... (or GATE=0 to skip every check)\n", git);
}

void output_text(struct strbuf *out, const struct gate_verdict *v,
		 const struct output_options *o)
{
	size_t i, j, errors, warnings, notes;

	strbuf_addstr(out, "gate: ");
	if (v->hook)
		strbuf_addf(out, "%s: ", v->hook);
	if (v->label) {
		strbuf_add_printable(out, v->label, strlen(v->label));
		strbuf_addstr(out, ": ");
	}
	describe_subject(out, v);
	strbuf_addch(out, '\n');
	for (i = 0; i < v->cs->notes_nr; i++)
		add_line(out, "  note: ", v->cs->notes[i]);
	for (i = 0; i < v->outcomes_nr; i++) {
		const struct gate_outcome *oc = &v->outcomes[i];
		const struct gate_result *r = &oc->result;
		size_t e = 0, w = 0;

		for (j = 0; j < r->findings_nr; j++) {
			if (r->findings[j].severity == GATE_SEVERITY_ERROR)
				e++;
			else if (r->findings[j].severity == GATE_SEVERITY_WARNING)
				w++;
		}
		strbuf_addstr(out, "  ");
		color(out, o, status_color(oc->status));
		strbuf_addf(out, "%-5s", gate_status_name(oc->status));
		color(out, o, RESET);
		strbuf_addf(out, " %-14s", oc->checker->name);
		if (oc->status == GATE_STATUS_ERROR) {
			strbuf_addch(out, ' ');
			strbuf_add_printable(out, oc->error, strlen(oc->error));
		}
		else if (e || w)
			strbuf_addf(out, " %zu error%s, %zu warning%s", e,
				    e == 1 ? "" : "s", w, w == 1 ? "" : "s");
		if (o->timings) {
			color(out, o, DIM);
			strbuf_addf(out, "  (%.1f ms)", oc->elapsed_ns / 1e6);
			color(out, o, RESET);
		}
		strbuf_addch(out, '\n');
		for (j = 0; j < r->findings_nr; j++)
			write_finding(out, v, &r->findings[j], o);
		if (o->verbose) {
			for (j = 0; j < r->notes_nr; j++)
				add_line(out, "    note: ", r->notes[j]);
		} else if (r->notes_nr) {
			color(out, o, DIM);
			strbuf_addf(out, "    %zu note%s (--verbose shows them)\n",
				    r->notes_nr, r->notes_nr == 1 ? "" : "s");
			color(out, o, RESET);
		}
	}
	verdict_count(v, &errors, &warnings, &notes);
	color(out, o, BOLD);
	color(out, o, status_color(v->status));
	switch (v->status) {
	case GATE_STATUS_ERROR:
		strbuf_addstr(out, "gate: error: a checker could not run; "
			      "failing closed\n");
		break;
	case GATE_STATUS_FAIL:
		strbuf_addf(out, "gate: failed: %zu error%s, %zu warning%s\n",
			    errors, errors == 1 ? "" : "s", warnings,
			    warnings == 1 ? "" : "s");
		if (v->hook)
			add_bypass_hint(out, v);
		break;
	default:
		strbuf_addf(out, "gate: passed%s", warnings ? " with " : "");
		if (warnings)
			strbuf_addf(out, "%zu warning%s", warnings,
				    warnings == 1 ? "" : "s");
		strbuf_addch(out, '\n');
		break;
	}
	color(out, o, RESET);
}
