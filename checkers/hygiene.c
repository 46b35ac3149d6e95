/*
 * hygiene: whitespace and file hygiene on what a change adds.
 *
 * Only added lines are judged (whole files for --all-files), so old debt
 * in a file does not block the commit that touches it.  Rules, each
 * documented in docs/hygiene.md:
 *   format/trailing-whitespace   spaces or tabs before the end of line
 *   format/missing-final-newline the added last line has no newline
 *   format/mixed-line-endings    an added line's ending differs from the
 *                                file's other lines (LF vs CRLF)
 *   format/crlf-line-endings     CRLF when `line-endings: lf` is set
 *   format/conflict-marker       <<<<<<< / ======= / >>>>>>> left behind
 *   format/file-too-large        a new file over `max-size` bytes
 *   format/indent-mixed          tabs and spaces mixed in an indentation
 *                                (when `indent` is configured)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checker.h"
#include "glob.h"

enum hygiene_line_endings { ENDINGS_CONSISTENT, ENDINGS_LF, ENDINGS_CRLF };
enum hygiene_indent { INDENT_ANY, INDENT_SPACES, INDENT_TABS, INDENT_NO_MIX };

struct hygiene {
	enum gate_severity severity;
	long long max_size;
	enum hygiene_line_endings endings;
	enum hygiene_indent indent;
	const char **markdown_exts;	/* two trailing spaces are a line break */
	bool conflict_markers;
};

static const char *const hygiene_keys[] = {
	"max-size", "line-endings", "indent", "markdown-linebreak-ext",
	"conflict-markers", NULL
};

static int hygiene_setup(const struct gate_checker_config *cfg, void **state,
			 struct strbuf *err)
{
	struct hygiene *h = xcalloc(1, sizeof(*h));
	const char *s = NULL;
	size_t nr;

	h->severity = cfg->severity;
	/* pre-commit's check-added-large-files default: 500 KB. */
	h->max_size = 500 * 1024;
	h->conflict_markers = true;
	*state = h;
	if (!cfg->node)
		goto defaults;
	if (ynode_check_keys(cfg->node, hygiene_keys, gate_common_checker_keys,
			     "checker 'hygiene'", err) < 0 ||
	    ynode_get_int(cfg->node, "max-size", 0, 1LL << 40, &h->max_size, err) < 0 ||
	    ynode_get_bool(cfg->node, "conflict-markers", &h->conflict_markers, err) < 0 ||
	    ynode_get_strings(cfg->node, "markdown-linebreak-ext",
			      &h->markdown_exts, &nr, err) < 0)
		return -1;
	if (ynode_get_string(cfg->node, "line-endings", &s, err) < 0)
		return -1;
	if (s) {
		if (!strcmp(s, "lf"))
			h->endings = ENDINGS_LF;
		else if (!strcmp(s, "crlf"))
			h->endings = ENDINGS_CRLF;
		else if (!strcmp(s, "consistent"))
			h->endings = ENDINGS_CONSISTENT;
		else {
			ynode_error(err, ynode_get(cfg->node, "line-endings"),
				    "'line-endings' must be lf, crlf or consistent");
			return -1;
		}
	}
	s = NULL;
	if (ynode_get_string(cfg->node, "indent", &s, err) < 0)
		return -1;
	if (s) {
		if (!strcmp(s, "spaces"))
			h->indent = INDENT_SPACES;
		else if (!strcmp(s, "tabs"))
			h->indent = INDENT_TABS;
		else if (!strcmp(s, "no-mix"))
			h->indent = INDENT_NO_MIX;
		else if (!strcmp(s, "any"))
			h->indent = INDENT_ANY;
		else {
			ynode_error(err, ynode_get(cfg->node, "indent"),
				    "'indent' must be spaces, tabs, no-mix or any");
			return -1;
		}
	}
defaults:
	if (!h->markdown_exts) {
		static const char *md[] = { "md", "markdown", NULL };

		h->markdown_exts = xmalloc(sizeof(md));
		memcpy(h->markdown_exts, md, sizeof(md));
	}
	return 0;
}

static void hygiene_teardown(void *state)
{
	struct hygiene *h = state;

	if (!h)
		return;
	free(h->markdown_exts);
	free(h);
}

static bool has_ext(const char *path, const char *const *exts)
{
	const char *dot = strrchr(path, '.');

	if (!dot || strchr(dot, '/'))
		return false;
	for (; exts && *exts; exts++)
		if (!strcmp(dot + 1, *exts))
			return true;
	return false;
}

/* Fingerprint on rule, path and the line's text: stable when lines move. */
static void line_fingerprint(struct gate_finding *f, const char *line,
			     size_t len)
{
	uint64_t hash = fnv1a64(f->rule, strlen(f->rule), FNV1A64_SEED);
	char hex[17];

	hash = fnv1a64(f->path, strlen(f->path) + 1, hash);
	hash = fnv1a64(line, len, hash);
	snprintf(hex, sizeof(hex), "%016llx", (unsigned long long)hash);
	gate_finding_set_fingerprint(f, hex);
}

static bool is_marker(const char *line, size_t len, char c)
{
	size_t i;

	if (len < 7)
		return false;
	for (i = 0; i < 7; i++)
		if (line[i] != c)
			return false;
	/* "=======" must stand alone; the others take a label. */
	if (c == '=')
		return len == 7;
	return len == 7 || line[7] == ' ';
}

struct scan {
	const struct hygiene *h;
	const struct gate_file *f;
	struct gate_result *res;
	bool markdown;
	bool has_conflict_start;
	size_t lf, crlf;	/* endings of lines not added */
};

static void check_line(struct scan *s, uint32_t lineno, const char *line,
		       size_t len, bool crlf, bool last_without_newline)
{
	const struct hygiene *h = s->h;
	enum gate_severity sev = h->severity;
	struct gate_finding *f;
	size_t end = len, ws;

	/* Trailing whitespace, before any CR. */
	ws = end;
	while (ws > 0 && (line[ws - 1] == ' ' || line[ws - 1] == '\t' ||
			  line[ws - 1] == '\f' || line[ws - 1] == '\v'))
		ws--;
	if (ws < end) {
		bool md_break = s->markdown && end - ws == 2 && ws > 0 &&
				line[ws] == ' ' && line[ws + 1] == ' ';

		if (!md_break) {
			f = gate_result_add(s->res, "format/trailing-whitespace", sev,
					    s->f->path, lineno, (uint32_t)ws + 1,
					    "trailing whitespace (%zu character%s)",
					    end - ws, end - ws == 1 ? "" : "s");
			line_fingerprint(f, line, len);
		}
	}
	if (last_without_newline && len) {
		f = gate_result_add(s->res, "format/missing-final-newline", sev,
				    s->f->path, lineno, (uint32_t)len + 1,
				    "no newline at end of file");
		line_fingerprint(f, line, len);
	}
	if (!last_without_newline) {
		if (crlf && h->endings == ENDINGS_LF) {
			f = gate_result_add(s->res, "format/crlf-line-endings", sev,
					    s->f->path, lineno, (uint32_t)len + 1,
					    "CRLF line ending (line-endings: lf)");
			line_fingerprint(f, line, len);
		} else if (!crlf && h->endings == ENDINGS_CRLF) {
			f = gate_result_add(s->res, "format/mixed-line-endings", sev,
					    s->f->path, lineno, (uint32_t)len + 1,
					    "LF line ending (line-endings: crlf)");
			line_fingerprint(f, line, len);
		} else if (h->endings == ENDINGS_CONSISTENT &&
			   ((crlf && s->lf > s->crlf) || (!crlf && s->crlf > s->lf))) {
			f = gate_result_add(s->res, "format/mixed-line-endings", sev,
					    s->f->path, lineno, (uint32_t)len + 1,
					    "%s line ending in a file whose other "
					    "lines end in %s", crlf ? "CRLF" : "LF",
					    crlf ? "LF" : "CRLF");
			line_fingerprint(f, line, len);
		}
	}
	if (h->conflict_markers &&
	    (is_marker(line, len, '<') || is_marker(line, len, '>') ||
	     (s->has_conflict_start && is_marker(line, len, '=')))) {
		f = gate_result_add(s->res, "format/conflict-marker", sev,
				    s->f->path, lineno, 1,
				    "merge conflict marker '%.7s'", line);
		line_fingerprint(f, line, len);
	}
	if (h->indent != INDENT_ANY) {
		size_t i, spaces = 0, tabs = 0;
		bool space_before_tab = false;

		for (i = 0; i < len && (line[i] == ' ' || line[i] == '\t'); i++) {
			if (line[i] == ' ') {
				spaces++;
			} else {
				tabs++;
				space_before_tab = space_before_tab || spaces;
			}
		}
		/* With tabs, spaces after them align (allowed); spaces before
		 * a tab, or an indentation of spaces alone, do not. */
		if (i < len && ((h->indent == INDENT_NO_MIX && spaces && tabs) ||
				(h->indent == INDENT_SPACES && tabs) ||
				(h->indent == INDENT_TABS &&
				 (space_before_tab || (!tabs && spaces >= 2))))) {
			f = gate_result_add(s->res, "format/indent-mixed", sev,
					    s->f->path, lineno, 1,
					    "indentation of %zu tab%s and %zu "
					    "space%s (indent: %s)", tabs,
					    tabs == 1 ? "" : "s", spaces,
					    spaces == 1 ? "" : "s",
					    h->indent == INDENT_SPACES ? "spaces" :
					    h->indent == INDENT_TABS ? "tabs" : "no-mix");
			line_fingerprint(f, line, len);
		}
	}
}

/* Count the endings of the lines the change does not add, and find
 * conflict starts, so added lines can be compared with the file. */
static void survey(struct scan *s)
{
	const char *p = s->f->data, *end = p + s->f->len;
	uint32_t lineno = 1;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));

		if (!nl)
			break;
		if (is_marker(p, (size_t)(nl - p) - (nl > p && nl[-1] == '\r'), '<'))
			s->has_conflict_start = true;
		if (!gate_file_line_added(s->f, lineno)) {
			if (nl > p && nl[-1] == '\r')
				s->crlf++;
			else
				s->lf++;
		}
		p = nl + 1;
		lineno++;
	}
}

static int hygiene_run(const void *state, struct gate_task *task)
{
	const struct hygiene *h = state;
	const struct gate_file *f = task->file;
	struct scan s = { .h = h, .f = f, .res = &task->result };
	const char *p, *end;
	uint32_t lineno = 1;
	size_t r = 0;

	/* A new file's size is news; a modified or renamed one was already
	 * judged when it came in. */
	if (h->max_size && f->size > (uint64_t)h->max_size &&
	    f->status != GATE_FILE_MODIFIED && f->status != GATE_FILE_RENAMED &&
	    !f->is_submodule) {
		struct gate_finding *fd;

		fd = gate_result_add(&task->result, "format/file-too-large",
				     h->severity, f->path, 0, 0,
				     "file is %llu bytes, over the limit of %lld "
				     "(max-size)", (unsigned long long)f->size,
				     h->max_size);
		(void)fd;
	}
	if (!f->data || f->is_binary || f->is_symlink) {
		if (f->skip_reason)
			gate_result_note(&task->result, "skipped '%s': %s", f->path,
					 f->skip_reason);
		task->result.skipped = true;
		return 0;
	}
	if (!f->added_nr)
		return 0;
	s.markdown = has_ext(f->path, h->markdown_exts);
	survey(&s);
	p = f->data;
	end = p + f->len;
	while (p < end && r < f->added_nr) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *line_end = nl ? nl : end;
		const struct gate_line_range *rg = &f->added[r];

		if (lineno >= rg->start + rg->count) {
			r++;
			continue;
		}
		if (lineno >= rg->start) {
			size_t len = (size_t)(line_end - p);
			bool crlf = nl && len && p[len - 1] == '\r';

			check_line(&s, lineno, p, crlf ? len - 1 : len, crlf, !nl);
		}
		if (!nl)
			break;
		p = nl + 1;
		lineno++;
	}
	return 0;
}

static const char *const hygiene_hooks[] = { "pre-commit", "pre-push", NULL };

const struct gate_checker gate_checker_hygiene = {
	.name = "hygiene",
	.summary = "whitespace, line endings, conflict markers and file size",
	.scope = GATE_SCOPE_FILE,
	.needs = GATE_NEED_CONTENT,
	.default_hooks = hygiene_hooks,
	.default_enabled = true,
	.setup = hygiene_setup,
	.run = hygiene_run,
	.teardown = hygiene_teardown,
};
