/*
 * pr-size: label a change XS..XL by the lines it adds and deletes, and
 * fail the gate when it is too big to review (docs/pr-size.md).
 *
 * The thresholds and their boundaries are pr-size-labeler's (a size is
 * in the first bucket whose maximum is strictly greater than it), so
 * teams switching from it keep their labels.  What is counted differs by
 * default where its users complain: lock files, vendored and generated
 * trees are not counted, deleted files do not inflate the size, pure
 * renames count zero, and there is no 100-file limit since the change set
 * comes from libgit2 rather than a paginated API.
 */

#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* FNM_EXTMATCH, for bash's [[ == ]] patterns */
#endif

#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "checker.h"
#include "glob.h"
#include "json.h"

enum prsize_label {
	PRSIZE_XS,
	PRSIZE_S,
	PRSIZE_M,
	PRSIZE_L,
	PRSIZE_XL,
	PRSIZE_NR,
	PRSIZE_OFF = -1,
};

static const char *const prsize_keys[] = { "xs", "s", "m", "l", "xl", NULL };
static const char *const prsize_default_names[] = {
	"XS", "S", "M", "L", "XL",
};

/*
 * Files nobody reviews line by line: lock files written by package
 * managers, and trees of vendored or generated code.  gitignore syntax,
 * so `go.sum` matches at any depth and `vendor/` any vendor directory.
 */
static const char *const prsize_default_ignores[] = {
	/* JavaScript */
	"package-lock.json", "npm-shrinkwrap.json", "yarn.lock",
	"pnpm-lock.yaml", "bun.lockb", "deno.lock",
	/* Go, Rust, Python, Ruby, PHP, Elixir, Dart, Swift, Nix, ... */
	"go.sum", "go.work.sum", "Cargo.lock", "poetry.lock", "Pipfile.lock",
	"pdm.lock", "uv.lock", "Gemfile.lock", "composer.lock", "mix.lock",
	"pubspec.lock", "Podfile.lock", "Package.resolved", "flake.lock",
	"gradle.lockfile", "packages.lock.json", "conan.lock",
	"MODULE.bazel.lock", "paket.lock", "Manifest.toml",
	/* vendored and generated trees and files */
	"vendor/", "node_modules/", "third_party/", "third-party/",
	"*.min.js", "*.min.css", "*.js.map", "*.css.map",
	"*.pb.go", "*_pb2.py", "*_pb2_grpc.py", "*.pb.cc", "*.pb.h",
	NULL,
};

enum prsize_syntax {
	PRSIZE_GLOB_GITIGNORE,
	/* pr-size-labeler's files_to_ignore: bash [[ path == pattern ]] */
	PRSIZE_GLOB_LABELER,
};

struct prsize_pattern {
	char *text;		/* without the leading '!' */
	bool negate;		/* gitignore "!x": count x again */
	bool is_default;
	enum prsize_syntax syntax;
};

struct prsize_state {
	/* size < lines[i] is label i; size >= lines[PRSIZE_L] is XL */
	long long lines[PRSIZE_XL];
	long long files[PRSIZE_XL];
	bool have_files;
	char *names[PRSIZE_NR];
	int fail_on, warn_on;	/* enum prsize_label or PRSIZE_OFF */
	enum gate_severity severity;
	bool count_deletions;
	bool count_deleted_files;
	bool count_binary;
	bool use_attributes;
	long long breakdown;
	struct prsize_pattern *ignore;
	size_t ignore_nr;
	/* The common `paths` and `exclude` keys: the core filters files
	 * only for checkers of file scope. */
	char **paths, **exclude;
};

static const char *const prsize_option_keys[] = {
	"thresholds", "file-thresholds", "labels", "fail-on", "warn-on",
	"count-deletions", "count-deleted-files", "count-binary",
	"ignore", "default-ignores", "glob-syntax", "use-attributes",
	"breakdown", NULL,
};

static int prsize_label_parse(const char *s)
{
	int i;

	if (!strcasecmp(s, "off") || !strcasecmp(s, "none") ||
	    !strcasecmp(s, "never"))
		return PRSIZE_OFF;
	for (i = 0; i < PRSIZE_NR; i++)
		if (!strcasecmp(s, prsize_keys[i]))
			return i;
	return -2;
}

static int prsize_get_label(const struct ynode *node, const char *key,
			    int *out, struct strbuf *err)
{
	const struct ynode *n = ynode_get(node, key);
	int v;

	if (!n)
		return 0;
	if (n->kind != YNODE_SCALAR || (v = prsize_label_parse(n->value)) < -1) {
		ynode_error(err, n, "'%s' must be one of XS, S, M, L, XL, off",
			    key);
		return -1;
	}
	*out = v;
	return 0;
}

/* thresholds: {xs: 10, s: 100, m: 500, l: 1000}, strictly increasing. */
static int prsize_get_thresholds(const struct ynode *node, const char *key,
				 long long *out, bool *present,
				 struct strbuf *err)
{
	const struct ynode *map = ynode_get(node, key);
	int i;

	if (!map)
		return 0;
	if (ynode_check_keys(map, prsize_keys, NULL, key, err) < 0)
		return -1;
	if (ynode_get(map, "xl")) {
		ynode_error(err, ynode_get(map, "xl"),
			    "'xl' has no maximum: it is everything from 'l' up");
		return -1;
	}
	for (i = 0; i < PRSIZE_XL; i++) {
		/* `present` is passed for file thresholds only, which have
		 * no defaults to fall back on. */
		if (present && !ynode_get(map, prsize_keys[i])) {
			ynode_error(err, map, "'%s' needs all of xs, s, m and l "
				    "('%s' is missing)", key, prsize_keys[i]);
			return -1;
		}
		if (ynode_get_int(map, prsize_keys[i], 1, 1000000000LL,
				  &out[i], err) < 0)
			return -1;
		if (i && out[i] <= out[i - 1]) {
			const struct ynode *n = ynode_get(map, prsize_keys[i]);

			ynode_error(err, n ? n : map,
				    "'%s' thresholds must increase: '%s' is %lld, "
				    "'%s' is %lld", key, prsize_keys[i - 1],
				    out[i - 1], prsize_keys[i], out[i]);
			return -1;
		}
	}
	if (present)
		*present = true;
	return 0;
}

static int prsize_get_names(const struct ynode *node, struct prsize_state *st,
			    struct strbuf *err)
{
	const struct ynode *map = ynode_get(node, "labels");
	int i;

	if (!map)
		return 0;
	if (ynode_check_keys(map, prsize_keys, NULL, "labels", err) < 0)
		return -1;
	for (i = 0; i < PRSIZE_NR; i++) {
		const char *s = NULL;

		if (ynode_get_string(map, prsize_keys[i], &s, err) < 0)
			return -1;
		if (!s)
			continue;
		if (!*s || strpbrk(s, "\r\n")) {
			ynode_error(err, ynode_get(map, prsize_keys[i]),
				    "label '%s' must be one non-empty line",
				    prsize_keys[i]);
			return -1;
		}
		free(st->names[i]);
		st->names[i] = xstrdup(s);
	}
	return 0;
}

static void prsize_add_pattern(struct prsize_state *st, size_t *alloc,
			       const char *text, enum prsize_syntax syntax,
			       bool is_default)
{
	struct prsize_pattern *p;

	ALLOC_GROW(st->ignore, st->ignore_nr + 1, *alloc);
	p = &st->ignore[st->ignore_nr++];
	/* bash patterns have no negation; "!x" there is a literal name. */
	p->negate = syntax == PRSIZE_GLOB_GITIGNORE && text[0] == '!';
	p->text = xstrdup(p->negate ? text + 1 : text);
	p->is_default = is_default;
	p->syntax = syntax;
}

static int prsize_get_ignores(const struct ynode *node, struct prsize_state *st,
			      struct strbuf *err)
{
	const char **list = NULL, *syntax_name = NULL;
	bool defaults = true;
	enum prsize_syntax syntax = PRSIZE_GLOB_GITIGNORE;
	size_t nr = 0, alloc = 0, i;
	int ret = -1;

	if (ynode_get_bool(node, "default-ignores", &defaults, err) < 0 ||
	    ynode_get_string(node, "glob-syntax", &syntax_name, err) < 0)
		return -1;
	if (syntax_name) {
		if (!strcmp(syntax_name, "labeler")) {
			syntax = PRSIZE_GLOB_LABELER;
		} else if (strcmp(syntax_name, "gitignore")) {
			ynode_error(err, ynode_get(node, "glob-syntax"),
				    "'glob-syntax' must be gitignore or labeler");
			return -1;
		}
	}
	if (ynode_get_strings(node, "ignore", &list, &nr, err) < 0)
		return -1;

	for (i = 0; defaults && prsize_default_ignores[i]; i++)
		prsize_add_pattern(st, &alloc, prsize_default_ignores[i],
				   PRSIZE_GLOB_GITIGNORE, true);
	for (i = 0; i < nr; i++) {
		const char *pat = list[i];

		if (syntax == PRSIZE_GLOB_GITIGNORE) {
			struct strbuf why = STRBUF_INIT;
			const char *body = pat[0] == '!' ? pat + 1 : pat;

			if (glob_validate(body, &why) < 0) {
				ynode_error(err, ynode_get(node, "ignore"),
					    "'ignore': %s", why.buf);
				strbuf_release(&why);
				goto out;
			}
		} else if (!*pat) {
			ynode_error(err, ynode_get(node, "ignore"),
				    "'ignore': empty pattern");
			goto out;
		}
		prsize_add_pattern(st, &alloc, pat, syntax, false);
	}
	ret = 0;
out:
	free(list);
	return ret;
}

/* A NULL-terminated copy of a list option, so the state owns it. */
static int prsize_get_list(const struct ynode *node, const char *key,
			   char ***out, struct strbuf *err)
{
	const char **list = NULL;
	size_t nr = 0, i;

	if (ynode_get_strings(node, key, &list, &nr, err) < 0)
		return -1;
	if (!list)
		return 0;
	*out = xcalloc(nr + 1, sizeof(char *));
	for (i = 0; i < nr; i++) {
		struct strbuf why = STRBUF_INIT;

		if (glob_validate(list[i], &why) < 0) {
			ynode_error(err, ynode_get(node, key), "'%s': %s", key,
				    why.buf);
			strbuf_release(&why);
			free(list);
			return -1;
		}
		(*out)[i] = xstrdup(list[i]);
	}
	free(list);
	return 0;
}

static void prsize_free_list(char **list)
{
	size_t i;

	for (i = 0; list && list[i]; i++)
		free(list[i]);
	free(list);
}

static void prsize_teardown(void *state)
{
	struct prsize_state *st = state;
	size_t i;

	if (!st)
		return;
	prsize_free_list(st->paths);
	prsize_free_list(st->exclude);
	for (i = 0; i < PRSIZE_NR; i++)
		free(st->names[i]);
	for (i = 0; i < st->ignore_nr; i++)
		free(st->ignore[i].text);
	free(st->ignore);
	free(st);
}

static int prsize_setup(const struct gate_checker_config *config,
			void **state, struct strbuf *err)
{
	const struct ynode *node = config->node;
	struct prsize_state *st = xcalloc(1, sizeof(*st));
	int i;

	/* pr-size-labeler's defaults. */
	st->lines[PRSIZE_XS] = 10;
	st->lines[PRSIZE_S] = 100;
	st->lines[PRSIZE_M] = 500;
	st->lines[PRSIZE_L] = 1000;
	for (i = 0; i < PRSIZE_NR; i++)
		st->names[i] = xstrdup(prsize_default_names[i]);
	st->fail_on = PRSIZE_XL;
	st->warn_on = PRSIZE_L;
	st->severity = config->severity;
	st->count_deletions = true;
	st->count_deleted_files = false;
	st->count_binary = true;
	st->use_attributes = true;
	st->breakdown = 10;

	if (node) {
		if (ynode_check_keys(node, prsize_option_keys,
				     gate_common_checker_keys,
				     "checkers: pr-size", err) < 0 ||
		    prsize_get_thresholds(node, "thresholds", st->lines, NULL,
					  err) < 0 ||
		    prsize_get_thresholds(node, "file-thresholds", st->files,
					  &st->have_files, err) < 0 ||
		    prsize_get_names(node, st, err) < 0 ||
		    prsize_get_label(node, "fail-on", &st->fail_on, err) < 0 ||
		    prsize_get_label(node, "warn-on", &st->warn_on, err) < 0 ||
		    ynode_get_bool(node, "count-deletions",
				   &st->count_deletions, err) < 0 ||
		    ynode_get_bool(node, "count-deleted-files",
				   &st->count_deleted_files, err) < 0 ||
		    ynode_get_bool(node, "count-binary",
				   &st->count_binary, err) < 0 ||
		    ynode_get_bool(node, "use-attributes",
				   &st->use_attributes, err) < 0 ||
		    ynode_get_int(node, "breakdown", 0, 1000,
				  &st->breakdown, err) < 0 ||
		    prsize_get_list(node, "paths", &st->paths, err) < 0 ||
		    prsize_get_list(node, "exclude", &st->exclude, err) < 0)
			goto fail;
	}
	if (prsize_get_ignores(node, st, err) < 0)
		goto fail;
	*state = st;
	return 0;
fail:
	prsize_teardown(st);
	return -1;
}

/* Last matching pattern wins, as in .gitignore; NULL when none matches. */
static const struct prsize_pattern *prsize_ignored_by(
	const struct prsize_state *st, const char *path)
{
	const struct prsize_pattern *hit = NULL;
	size_t i;

	for (i = 0; i < st->ignore_nr; i++) {
		const struct prsize_pattern *p = &st->ignore[i];
		bool m;

		if (p->syntax == PRSIZE_GLOB_LABELER) {
			int flags = 0;
#ifdef FNM_EXTMATCH
			flags |= FNM_EXTMATCH;
#endif
			m = !fnmatch(p->text, path, flags);
		} else {
			m = glob_match(p->text, path);
		}
		if (m)
			hit = p;
	}
	return hit && !hit->negate ? hit : NULL;
}

static int prsize_label_for(const long long *max, long long n)
{
	int i;

	for (i = 0; i < PRSIZE_XL; i++)
		if (n < max[i])
			return i;
	return PRSIZE_XL;
}

/* A file of the per-file breakdown. */
struct prsize_top {
	size_t file;
	long long lines;
};

struct prsize_count {
	long long additions, deletions, size;
	long long changed, ignored, ignored_additions, ignored_deletions;
	long long by_glob, by_attribute, by_binary;
	long long deleted, deleted_lines, renamed, binary, too_large;
	int line_label, file_label, label;
	struct prsize_top *top;
	size_t top_nr;
};

static void prsize_top_add(struct prsize_count *c, size_t max, size_t file,
			   long long lines)
{
	size_t i;

	if (!max || (c->top_nr == max && c->top[max - 1].lines >= lines))
		return;
	i = c->top_nr < max ? c->top_nr++ : max - 1;
	/* Keep the list sorted by size, earlier paths first on ties. */
	while (i > 0 && c->top[i - 1].lines < lines) {
		c->top[i] = c->top[i - 1];
		i--;
	}
	c->top[i].file = file;
	c->top[i].lines = lines;
}

#define PRSIZE_MAX_NOTES 20

static void prsize_note_ignored(struct gate_result *res, long long nth,
				const struct gate_file *f, const char *why)
{
	struct strbuf path = STRBUF_INIT;

	if (nth > PRSIZE_MAX_NOTES)
		return;
	strbuf_add_printable(&path, f->path, strlen(f->path));
	gate_result_note(res, "not counted '%s': %s", path.buf, why);
	strbuf_release(&path);
}

static void prsize_count_files(const struct prsize_state *st,
			       const struct gate_changeset *cs,
			       struct gate_result *res, struct prsize_count *c)
{
	size_t i;

	for (i = 0; i < cs->files_nr; i++) {
		const struct gate_file *f = &cs->files[i];
		const char *attr = NULL;
		const struct prsize_pattern *pat = NULL;
		bool outside;
		long long lines;

		outside = !glob_selected((const char *const *)st->paths,
					 (const char *const *)st->exclude,
					 f->path);
		if (!outside && st->use_attributes && cs->attr_generated)
			attr = cs->attr_generated[i];
		if (!outside && !attr)
			pat = prsize_ignored_by(st, f->path);
		if (outside || attr || pat ||
		    (f->is_binary && !st->count_binary)) {
			struct strbuf why = STRBUF_INIT;

			c->ignored++;
			c->ignored_additions += f->additions;
			c->ignored_deletions += f->deletions;
			if (outside) {
				c->by_glob++;
				strbuf_addstr(&why, "outside 'paths' or in "
					      "'exclude'");
			} else if (attr) {
				c->by_attribute++;
				strbuf_addf(&why, "%s%s in .gitattributes",
					    attr[0] == '-' ? "" : "linguist-",
					    attr);
			} else if (pat) {
				c->by_glob++;
				strbuf_addf(&why, "matches %s ignore glob '%s'",
					    pat->is_default ? "default" :
					    "configured", pat->text);
			} else {
				c->by_binary++;
				strbuf_addstr(&why, "binary file");
			}
			prsize_note_ignored(res, c->ignored, f, why.buf);
			strbuf_release(&why);
			continue;
		}
		/*
		 * A deleted file needs little review (it is gone, the
		 * question is only whether it should be), so by default it
		 * does not count; pr-size-labeler also drops deleted files
		 * when told to ignore deleted lines.
		 */
		if (f->status == GATE_FILE_DELETED &&
		    (!st->count_deleted_files || !st->count_deletions)) {
			c->deleted++;
			c->deleted_lines += f->deletions;
			continue;
		}
		/* A move without edits is reviewed at a glance. */
		if ((f->status == GATE_FILE_RENAMED ||
		     f->status == GATE_FILE_COPIED) &&
		    !f->additions && !f->deletions) {
			c->renamed++;
			continue;
		}
		if (f->too_large) {
			/* The loader does not diff blobs over the size cap
			 * (libgit2 treats them as binary): say so rather
			 * than count them silently as zero lines. */
			struct strbuf path = STRBUF_INIT;

			strbuf_add_printable(&path, f->path, strlen(f->path));
			gate_result_note(res, "lines of '%s' not counted: "
					 "over the size cap", path.buf);
			strbuf_release(&path);
			c->too_large++;
		} else if (f->is_binary) {
			c->binary++;
		}
		c->changed++;
		c->additions += f->additions;
		c->deletions += f->deletions;
		lines = f->additions +
			(st->count_deletions ? (long long)f->deletions : 0);
		prsize_top_add(c, (size_t)st->breakdown, i, lines);
	}
	c->size = c->additions + (st->count_deletions ? c->deletions : 0);
	c->line_label = prsize_label_for(st->lines, c->size);
	c->file_label = st->have_files ?
		prsize_label_for(st->files, c->changed) : PRSIZE_XS;
	c->label = c->line_label > c->file_label ? c->line_label :
		c->file_label;
}

static void prsize_describe(const struct prsize_state *st,
			    const struct prsize_count *c, struct strbuf *sb)
{
	int l = c->label;

	strbuf_addf(sb, "change is %s: %lld line%s", st->names[l], c->size,
		    c->size == 1 ? "" : "s");
	if (st->count_deletions)
		strbuf_addf(sb, " (%lld added, %lld deleted)", c->additions,
			    c->deletions);
	else
		strbuf_addstr(sb, " added (deletions not counted)");
	strbuf_addf(sb, " in %lld file%s", c->changed,
		    c->changed == 1 ? "" : "s");
	if (l > PRSIZE_XS) {
		strbuf_addf(sb, "; %s starts at %lld lines", st->names[l],
			    st->lines[l - 1]);
		if (st->have_files)
			strbuf_addf(sb, " or %lld files", st->files[l - 1]);
	}
	if (c->ignored || c->deleted || c->renamed) {
		const char *sep = "";

		strbuf_addstr(sb, "; not counted:");
		if (c->by_glob) {
			strbuf_addf(sb, " %lld file%s matching ignore globs",
				    c->by_glob, c->by_glob == 1 ? "" : "s");
			sep = ",";
		}
		if (c->by_attribute) {
			strbuf_addf(sb, "%s %lld generated or vendored file%s",
				    sep, c->by_attribute,
				    c->by_attribute == 1 ? "" : "s");
			sep = ",";
		}
		if (c->by_binary) {
			strbuf_addf(sb, "%s %lld binary file%s", sep,
				    c->by_binary, c->by_binary == 1 ? "" : "s");
			sep = ",";
		}
		if (c->deleted) {
			strbuf_addf(sb, "%s %lld deleted file%s (%lld lines)",
				    sep, c->deleted, c->deleted == 1 ? "" : "s",
				    c->deleted_lines);
			sep = ",";
		}
		if (c->renamed)
			strbuf_addf(sb, "%s %lld pure rename%s", sep,
				    c->renamed, c->renamed == 1 ? "" : "s");
	}
	if (c->too_large)
		strbuf_addf(sb, "; %lld file%s over the size cap counted as "
			    "0 lines", c->too_large,
			    c->too_large == 1 ? "" : "s");
}

static void prsize_metrics(const struct prsize_state *st,
			   const struct gate_changeset *cs,
			   const struct prsize_count *c, struct gate_result *res)
{
	gate_result_metric_int(res, "additions", c->additions);
	gate_result_metric_int(res, "deletions", c->deletions);
	gate_result_metric_int(res, "size", c->size);
	gate_result_metric_int(res, "changed_files", c->changed);
	gate_result_metric_int(res, "ignored_files", c->ignored);
	gate_result_metric_int(res, "ignored_additions", c->ignored_additions);
	gate_result_metric_int(res, "ignored_deletions", c->ignored_deletions);
	gate_result_metric_int(res, "deleted_files", c->deleted);
	gate_result_metric_int(res, "deleted_file_lines", c->deleted_lines);
	gate_result_metric_int(res, "renamed_files", c->renamed);
	gate_result_metric_int(res, "binary_files", c->binary);
	gate_result_metric_int(res, "oversized_files", c->too_large);
	gate_result_metric_string(res, "label", st->names[c->label]);
	if (st->breakdown) {
		struct strbuf json = STRBUF_INIT;
		size_t i;

		strbuf_addch(&json, '[');
		for (i = 0; i < c->top_nr; i++) {
			const struct gate_file *f = &cs->files[c->top[i].file];

			if (i)
				strbuf_addch(&json, ',');
			strbuf_addstr(&json, "{\"path\":\"");
			jw_escape(&json, f->path, strlen(f->path));
			strbuf_addf(&json, "\",\"status\":\"%c\",\"additions\":%u,"
				    "\"deletions\":%u}", (char)f->status,
				    f->additions, f->deletions);
		}
		strbuf_addch(&json, ']');
		gate_result_metric_json(res, "largest_files", json.buf);
		strbuf_release(&json);
	}
}

static int prsize_run(const void *state, struct gate_task *task)
{
	const struct prsize_state *st = state;
	const struct gate_changeset *cs = task->cs;
	struct gate_result *res = &task->result;
	struct prsize_count c = { 0 };
	struct strbuf msg = STRBUF_INIT;
	bool fail, warn;
	int level;

	if (cs->kind != GATE_SUBJECT_STAGED && cs->kind != GATE_SUBJECT_RANGE) {
		res->skipped = true;
		gate_result_note(res, "pr-size measures a change: give it "
				 "--range BASE...HEAD or a staged change, "
				 "not %s", gate_subject_name(cs->kind));
		return 0;
	}
	if (st->breakdown)
		c.top = xcalloc((size_t)st->breakdown, sizeof(*c.top));
	prsize_count_files(st, cs, res, &c);
	if (c.ignored > PRSIZE_MAX_NOTES)
		gate_result_note(res, "... and %lld more files not counted",
				 c.ignored - PRSIZE_MAX_NOTES);
	prsize_metrics(st, cs, &c, res);

	level = c.label;
	fail = st->fail_on != PRSIZE_OFF && level >= st->fail_on;
	warn = !fail && st->warn_on != PRSIZE_OFF && level >= st->warn_on;
	if (fail || warn) {
		enum gate_severity sev = st->severity;
		char rule[32];
		struct gate_finding *fd;

		prsize_describe(st, &c, &msg);
		if (fail) {
			strbuf_addstr(&msg, "; split it into smaller changes "
				      "that can be reviewed and merged one at "
				      "a time");
		} else {
			strbuf_addstr(&msg, "; consider splitting it into "
				      "smaller changes");
			if (sev > GATE_SEVERITY_WARNING)
				sev = GATE_SEVERITY_WARNING;
		}
		snprintf(rule, sizeof(rule), "pr-size/%s", prsize_keys[level]);
		fd = gate_result_add(res, rule, sev, NULL, 0, 0, "%s",
				     msg.buf);
		/* One finding per subject: the fingerprint is the rule. */
		gate_finding_set_fingerprint(fd, rule);
	}
	strbuf_release(&msg);
	free(c.top);
	return 0;
}

static const struct gate_metric *prsize_metric(const struct gate_result *res,
					       const char *key)
{
	size_t i;

	for (i = 0; i < res->metrics_nr; i++)
		if (!strcmp(res->metrics[i].key, key))
			return &res->metrics[i];
	return NULL;
}

/*
 * In GitHub Actions, hand the label to the following steps:
 *   - id: gate
 *     run: gate check --range "$BASE...$HEAD"
 *   - run: gh pr edit --add-label "${{ steps.gate.outputs.label }}"
 */
static int prsize_finish(void *state, const struct gate_changeset *cs,
			 struct gate_task *tasks, size_t tasks_nr,
			 struct gate_result *summary, struct strbuf *err)
{
	const char *actions = getenv("GITHUB_ACTIONS");
	const char *out = getenv("GITHUB_OUTPUT");
	const struct gate_metric *label, *size;
	FILE *fp;

	if (!actions || strcmp(actions, "true") || !out || !*out ||
	    tasks_nr != 1 || tasks[0].status < 0 || tasks[0].result.skipped)
		return 0;
	label = prsize_metric(&tasks[0].result, "label");
	size = prsize_metric(&tasks[0].result, "size");
	if (!label || !size)
		return 0;
	fp = fopen(out, "a");
	if (!fp) {
		strbuf_addf(err, "cannot open '%s' (GITHUB_OUTPUT): %s", out,
			    strerror(errno));
		return -1;
	}
	fprintf(fp, "label=%s\nsize=%lld\n", label->s, size->i);
	if (fclose(fp)) {
		strbuf_addf(err, "cannot write '%s' (GITHUB_OUTPUT): %s", out,
			    strerror(errno));
		return -1;
	}
	return 0;
}

static const char *const prsize_hooks[] = { "pre-push", NULL };

const struct gate_checker gate_checker_pr_size = {
	.name = "pr-size",
	.summary = "size of the change against XS..XL thresholds",
	.scope = GATE_SCOPE_CHANGESET,
	.needs = GATE_NEED_ATTRIBUTES,
	.default_hooks = prsize_hooks,
	.default_enabled = true,
	.setup = prsize_setup,
	.run = prsize_run,
	.finish = prsize_finish,
	.teardown = prsize_teardown,
};
