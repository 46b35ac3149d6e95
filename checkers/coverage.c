/*
 * coverage: total coverage and coverage of the added lines, from the
 * reports a test stage wrote (LCOV, Cobertura, JaCoCo, Go, gcov JSON).
 *
 * Rules (docs/coverage.md):
 *   coverage/uncovered-lines        added lines the reports call coverable
 *                                   but no test ran (warning, per range)
 *   coverage/diff-below-threshold   diff coverage under `diff` (default 80)
 *   coverage/total-below-threshold  total coverage under `total`
 *   coverage/drop                   total fell more than `max-drop` points
 *                                   below the base report's
 *   coverage/no-data                the reports hold no line at all
 *   coverage/unmatched-report       no file of a report is in this
 *                                   repository (a report of another
 *                                   checkout, or `strip:` missing)
 *   coverage/empty-report           one report of several is empty
 *
 * Reports are checked for readability in setup (a missing one is a usage
 * error, exit 2, unless optional) and parsed in run() on a worker, so a
 * large report is read while the other checkers work.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "checker.h"
#include "glob.h"
#include "json.h"
#include "coverage-report.h"
#include "coverage-threshold.h"

/* Enough entries to act on; the count says how many there were. */
#define COV_MAX_LISTED 50

struct cov_spec {
	char *path;
	enum cov_format format;
	bool optional;
	/* Directory the report's relative paths start from, or NULL. */
	char *root;
};

struct cov_path_rule {
	const char *glob;	/* borrowed from the config tree */
	struct cov_threshold total, diff;
};

struct coverage {
	struct cov_spec *reports, *base;
	size_t reports_nr, reports_alloc, base_nr, base_alloc;
	struct cov_threshold total, diff, max_drop;
	struct cov_path_rule *rules;
	size_t rules_nr;
	const char **include, **exclude;
	struct cov_pathmap pm;
	const struct gate_changeset *cs;
	char **changed;		/* sorted paths of the change set */
	char **missing;		/* optional reports that are absent */
	size_t missing_nr, missing_alloc;
	/* How many of `reports` and of `base` those are: a missing base
	 * must not count as a missing report, nor the other way round. */
	size_t reports_missing, base_missing;
};

static const char *const coverage_keys[] = {
	"reports", "format", "optional", "total", "diff", "paths-thresholds",
	"strip", "source-roots", "go-module", "base", "max-drop", NULL
};

static int get_threshold(const struct ynode *map, const char *key,
			 struct cov_threshold *t, struct strbuf *err)
{
	const struct ynode *n = ynode_get(map, key);

	if (!n)
		return 0;
	if (n->kind != YNODE_SCALAR || cov_threshold_parse(n->value, t) < 0) {
		ynode_error(err, n, "'%s' must be a percentage from 0 to 100 "
			    "with at most %d decimals", key,
			    COV_THRESHOLD_MAX_SCALE);
		return -1;
	}
	return 1;
}

static void add_spec(struct cov_spec **list, size_t *nr, size_t *alloc,
		     const char *path, enum cov_format fmt, bool optional)
{
	ALLOC_GROW(*list, *nr + 1, *alloc);
	(*list)[*nr].path = xstrdup(path);
	(*list)[*nr].format = fmt;
	(*list)[*nr].optional = optional;
	(*list)[*nr].root = NULL;
	(*nr)++;
}

/* A configured report path is relative to the repository root. */
static char *config_path(const struct gate_changeset *cs, const char *p)
{
	if (p[0] == '/' || !cs || !cs->repo_dir)
		return xstrdup(p);
	return xstrfmt("%s%s%s", cs->repo_dir,
		       ends_with(cs->repo_dir, "/") ? "" : "/", p);
}

/* `reports:` (or `base:`): a string, or a list of strings and
 * {path, format, optional} maps. */
static int parse_specs(const struct ynode *map, const char *key,
		       const struct gate_changeset *cs, enum cov_format fmt,
		       bool optional, struct cov_spec **list, size_t *nr,
		       size_t *alloc, struct strbuf *err)
{
	static const char *const item_keys[] = {
		"path", "format", "optional", "root", NULL
	};
	const struct ynode *n = ynode_get(map, key);
	size_t i;

	if (!n)
		return 0;
	if (n->kind == YNODE_SCALAR) {
		char *p = config_path(cs, n->value);
		add_spec(list, nr, alloc, p, fmt, optional);
		free(p);
		return 0;
	}
	if (n->kind != YNODE_SEQ) {
		ynode_error(err, n, "'%s' must be a path or a list", key);
		return -1;
	}
	for (i = 0; i < n->nr; i++) {
		const struct ynode *it = n->items[i];
		const char *path = NULL, *f = NULL, *root = NULL;
		enum cov_format ifmt = fmt;
		bool iopt = optional;
		char *p;

		if (it->kind == YNODE_SCALAR) {
			path = it->value;
		} else if (ynode_check_keys(it, item_keys, NULL,
					    "coverage report", err) < 0 ||
			   ynode_get_string(it, "path", &path, err) < 0 ||
			   ynode_get_string(it, "format", &f, err) < 0 ||
			   ynode_get_bool(it, "optional", &iopt, err) < 0 ||
			   ynode_get_string(it, "root", &root, err) < 0) {
			return -1;
		}
		if (!path || !*path) {
			ynode_error(err, it, "a coverage report needs a path");
			return -1;
		}
		if (f && cov_format_parse(f, &ifmt) < 0) {
			ynode_error(err, ynode_get(it, "format"),
				    "unknown report format '%s' (lcov, "
				    "cobertura, jacoco, go, gcov-json, auto)",
				    f);
			return -1;
		}
		p = config_path(cs, path);
		add_spec(list, nr, alloc, p, ifmt, iopt);
		if (root && *root)
			(*list)[*nr - 1].root = xstrdup(root);
		free(p);
	}
	return 0;
}

static int parse_path_rules(struct coverage *c, const struct ynode *map,
			    struct strbuf *err)
{
	static const char *const rule_keys[] = {
		"path", "total", "diff", NULL
	};
	const struct ynode *n = ynode_get(map, "paths-thresholds");
	size_t i;

	if (!n)
		return 0;
	if (n->kind != YNODE_SEQ) {
		ynode_error(err, n, "'paths-thresholds' must be a list of "
			    "{path, total, diff}");
		return -1;
	}
	c->rules = xcalloc(n->nr ? n->nr : 1, sizeof(*c->rules));
	for (i = 0; i < n->nr; i++) {
		struct cov_path_rule *r = &c->rules[c->rules_nr++];
		const struct ynode *it = n->items[i];

		if (ynode_check_keys(it, rule_keys, NULL, "path threshold",
				     err) < 0 ||
		    ynode_get_string(it, "path", &r->glob, err) < 0 ||
		    get_threshold(it, "total", &r->total, err) < 0 ||
		    get_threshold(it, "diff", &r->diff, err) < 0)
			return -1;
		if (!r->glob || glob_validate(r->glob, err) < 0) {
			if (!err->len)
				ynode_error(err, it, "a path threshold needs "
					    "a 'path' glob");
			return -1;
		}
	}
	return 0;
}

static bool cs_exists(void *ctx, const char *path)
{
	struct coverage *c = ctx;
	const struct gate_changeset *cs = c->cs;
	size_t lo = 0, hi = cs ? cs->files_nr : 0;
	struct stat st;
	char *full;
	bool found;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int cmp = strcmp(cs->files[mid].path, path);

		if (!cmp)
			return cs->files[mid].status != GATE_FILE_DELETED;
		if (cmp < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* Files the change does not touch are looked up in the work
	 * tree: totals cover the whole report. */
	full = xstrfmt("%s/%s", c->pm.root, path);
	found = !stat(full, &st) && S_ISREG(st.st_mode);
	free(full);
	return found;
}

static int coverage_setup(const struct gate_checker_config *cfg,
			  void **state, struct strbuf *err)
{
	struct coverage *c = xcalloc(1, sizeof(*c));
	const struct ynode *n = cfg->node;
	const char **strip = NULL, **roots = NULL;
	const char *go_module = NULL, *f = NULL;
	enum cov_format fmt = COV_FORMAT_AUTO;
	bool optional = false;
	size_t nr, i;

	*state = c;
	c->cs = cfg->cs;
	cov_threshold_parse("80", &c->diff);	/* SonarQube's gate */
	if (n && (ynode_check_keys(n, coverage_keys, gate_common_checker_keys,
				   "checker 'coverage'", err) < 0 ||
		  ynode_get_bool(n, "optional", &optional, err) < 0 ||
		  ynode_get_string(n, "format", &f, err) < 0 ||
		  get_threshold(n, "total", &c->total, err) < 0 ||
		  get_threshold(n, "diff", &c->diff, err) < 0 ||
		  get_threshold(n, "max-drop", &c->max_drop, err) < 0 ||
		  ynode_get_strings(n, "strip", &strip, &nr, err) < 0 ||
		  ynode_get_strings(n, "source-roots", &roots, &nr, err) < 0 ||
		  ynode_get_string(n, "go-module", &go_module, err) < 0 ||
		  ynode_get_strings(n, "paths", &c->include, &nr, err) < 0 ||
		  ynode_get_strings(n, "exclude", &c->exclude, &nr, err) < 0 ||
		  parse_path_rules(c, n, err) < 0))
		goto fail;
	if (f && cov_format_parse(f, &fmt) < 0) {
		ynode_error(err, ynode_get(n, "format"),
			    "unknown report format '%s'", f);
		goto fail;
	}
	/* --coverage-report replaces the configured list. */
	if (cfg->coverage_reports && cfg->coverage_reports[0]) {
		for (i = 0; cfg->coverage_reports[i]; i++)
			add_spec(&c->reports, &c->reports_nr,
				 &c->reports_alloc, cfg->coverage_reports[i],
				 fmt, false);
	} else if (parse_specs(n, "reports", cfg->cs, fmt, optional,
			       &c->reports, &c->reports_nr,
			       &c->reports_alloc, err) < 0) {
		goto fail;
	}
	if (cfg->coverage_base)
		add_spec(&c->base, &c->base_nr, &c->base_alloc,
			 cfg->coverage_base, fmt, false);
	else if (parse_specs(n, "base", cfg->cs, fmt, optional, &c->base,
			     &c->base_nr, &c->base_alloc, err) < 0)
		goto fail;

	for (i = 0; i < c->reports_nr + c->base_nr; i++) {
		struct cov_spec *s = i < c->reports_nr ? &c->reports[i]
			: &c->base[i - c->reports_nr];

		if (!access(s->path, R_OK))
			continue;
		if (!s->optional) {
			strbuf_addf(err, "cannot read coverage report '%s': "
				    "%s", s->path, strerror(errno));
			goto fail;
		}
		ALLOC_GROW(c->missing, c->missing_nr + 1, c->missing_alloc);
		c->missing[c->missing_nr++] = xstrdup(s->path);
		if (i < c->reports_nr)
			c->reports_missing++;
		else
			c->base_missing++;
		free(s->path);
		s->path = NULL;
	}

	cov_pathmap_init(&c->pm, cfg->cs && cfg->cs->repo_dir ?
			 cfg->cs->repo_dir : ".", strip, roots, go_module);
	c->pm.exists = cs_exists;
	c->pm.exists_ctx = c;
	if (cfg->cs) {
		c->changed = xcalloc(cfg->cs->files_nr + 1, sizeof(char *));
		for (i = 0; i < cfg->cs->files_nr; i++)
			c->changed[i] = cfg->cs->files[i].path;
		c->pm.changed = (const char *const *)c->changed;
		c->pm.changed_nr = cfg->cs->files_nr;
	}
	free(strip);
	free(roots);
	return 0;
fail:
	free(strip);
	free(roots);
	return -1;
}

static void coverage_teardown(void *state)
{
	struct coverage *c = state;
	size_t i;

	if (!c)
		return;
	for (i = 0; i < c->reports_nr; i++) {
		free(c->reports[i].path);
		free(c->reports[i].root);
	}
	for (i = 0; i < c->base_nr; i++) {
		free(c->base[i].path);
		free(c->base[i].root);
	}
	for (i = 0; i < c->missing_nr; i++)
		free(c->missing[i]);
	free(c->reports);
	free(c->base);
	free(c->missing);
	free(c->rules);
	free(c->include);
	free(c->exclude);
	free(c->changed);
	cov_pathmap_release(&c->pm);
	free(c);
}

/* What reading the reports into one model found out. */
struct cov_load {
	size_t reports, matched, unmatched;
};

static int load_reports(const struct coverage *c, const struct cov_spec *specs,
			size_t nr, struct cov_model *m, struct gate_result *res,
			struct cov_load *ld, struct strbuf *err)
{
	size_t i, k;

	memset(ld, 0, sizeof(*ld));
	for (i = 0; i < nr; i++) {
		struct cov_input in;
		struct cov_report r;
		size_t matched = 0, unmatched = 0;
		int ret;

		if (!specs[i].path)
			continue;	/* optional and absent */
		if (cov_input_open(&in, specs[i].path, err) < 0)
			return -1;
		cov_report_init(&r, specs[i].path);
		ret = cov_report_parse(&r, &in, specs[i].format, err);
		if (!ret && specs[i].root) {
			/* Tried before the report's own bases: a monorepo
			 * package's report names paths from its directory. */
			ALLOC_GROW(r.sources, r.sources_nr + 1,
				   r.sources_alloc);
			memmove(r.sources + 1, r.sources,
				r.sources_nr * sizeof(*r.sources));
			r.sources[0] = xstrdup(specs[i].root);
			r.sources_nr++;
		}
		cov_input_close(&in);
		for (k = 0; k < r.notes_nr; k++)
			gate_result_note(res, "%s", r.notes[k]);
		if (ret < 0) {
			cov_report_release(&r);
			return -1;
		}
		if (!r.raw.nr && nr > 1)
			gate_result_add(res, "coverage/empty-report",
					GATE_SEVERITY_WARNING, NULL, 0, 0,
					"coverage report '%s' holds no data",
					specs[i].path);
		cov_report_commit(&r, m, &c->pm, &matched, &unmatched);
		if (!matched && unmatched)
			gate_result_add(res, "coverage/unmatched-report",
					GATE_SEVERITY_ERROR, NULL, 0, 0,
					"no file of coverage report '%s' is in "
					"this repository: is it a report of "
					"another checkout? (set "
					"checkers.coverage.strip)", specs[i].path);
		ld->reports++;
		ld->matched += matched;
		ld->unmatched += unmatched;
		cov_report_release(&r);
	}
	return cov_model_finalize(m, err);
}

static bool selected(const struct coverage *c, const char *path)
{
	return glob_selected(c->include, c->exclude, path);
}

struct cov_count {
	uint64_t lines, covered;
};

static void totals(const struct coverage *c, const struct cov_model *m,
		   const char *glob, struct cov_count *t)
{
	size_t i;

	memset(t, 0, sizeof(*t));
	for (i = 0; i < m->nr; i++) {
		const struct cov_file *f = m->files[i];

		/* `paths`/`exclude` choose the changed files judged, as
		 * diff-cover's --include/--exclude: totals stay the report's. */
		if (glob && !glob_match(glob, f->path))
			continue;
		t->lines += f->units;
		t->covered += f->units_covered;
	}
}

static const char *file_ext(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(slash ? slash : path, '.');

	return dot ? dot : "";
}

/* Fingerprint uncovered runs on their text when it is loaded, so the
 * finding survives lines moving above it. */
static void run_fingerprint(struct gate_finding *gf, const struct gate_file *f,
			    uint32_t start, uint32_t end)
{
	const char *p = f->data, *e;
	uint32_t line = 1;
	uint64_t h;
	char hex[17];

	if (!p)
		return;
	e = p + f->len;
	while (p < e && line < start) {
		const char *nl = memchr(p, '\n', (size_t)(e - p));
		if (!nl)
			return;
		p = nl + 1;
		line++;
	}
	h = fnv1a64(gf->rule, strlen(gf->rule), FNV1A64_SEED);
	h = fnv1a64(f->path, strlen(f->path) + 1, h);
	while (p < e && line <= end) {
		const char *nl = memchr(p, '\n', (size_t)(e - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(e - p);

		h = fnv1a64(p, n, h);
		p += n + 1;
		line++;
	}
	snprintf(hex, sizeof(hex), "%016llx", (unsigned long long)h);
	gate_finding_set_fingerprint(gf, hex);
}

static void report_run(struct gate_result *res, const struct gate_file *f,
		       uint32_t start, uint32_t end, uint32_t n)
{
	struct gate_finding *gf;

	if (start == end)
		gf = gate_result_add(res, "coverage/uncovered-lines",
				     GATE_SEVERITY_WARNING, f->path, start, 0,
				     "added line %u is not covered by tests",
				     start);
	else
		gf = gate_result_add(res, "coverage/uncovered-lines",
				     GATE_SEVERITY_WARNING, f->path, start, 0,
				     "added lines %u-%u are not covered by "
				     "tests (%u coverable)", start, end, n);
	gf->end_line = start == end ? 0 : end;
	run_fingerprint(gf, f, start, end);
}

/*
 * The added lines of one file: count the coverable ones and report the
 * uncovered ones as ranges.  A range runs over added lines the reports
 * do not consider coverable (blank lines, braces), so a function that
 * no test reached is one finding, not one per statement.
 */
static void diff_file(const struct coverage *c, const struct gate_file *gf,
		      const struct cov_file *f, struct cov_count *d,
		      struct cov_count *per_rule, struct gate_result *res)
{
	uint32_t run_start = 0, run_end = 0, run_n = 0;
	size_t r, k;

	for (r = 0; r < gf->added_nr; r++) {
		const struct gate_line_range *rg = &gf->added[r];
		uint32_t l;

		for (l = rg->start; l < rg->start + rg->count; l++) {
			const struct cov_line *cl = cov_file_line(f, l);

			if (!cl)
				continue;
			d->lines++;
			for (k = 0; k < c->rules_nr; k++)
				if (glob_match(c->rules[k].glob, gf->path)) {
					per_rule[k].lines++;
					per_rule[k].covered += cl->hits > 0;
				}
			if (cl->hits) {
				d->covered++;
				if (run_n)
					report_run(res, gf, run_start,
						   run_end, run_n);
				run_n = 0;
				continue;
			}
			if (!run_n)
				run_start = l;
			run_end = l;
			run_n++;
		}
		/* A gap in the added lines ends a run. */
		if (run_n) {
			report_run(res, gf, run_start, run_end, run_n);
			run_n = 0;
		}
	}
}

static void cov_json_list(struct gate_result *res, const char *key,
		      const char *const *paths, char *const *whys, size_t nr,
		      size_t total)
{
	struct strbuf sb = STRBUF_INIT;
	struct jw_writer w;
	size_t i;

	jw_init(&w, &sb, false);
	jw_array_begin(&w);
	for (i = 0; i < nr; i++) {
		jw_object_begin(&w);
		jw_kv_string(&w, "path", paths[i]);
		jw_kv_string(&w, "reason", whys[i]);
		jw_object_end(&w);
	}
	jw_array_end(&w);
	gate_result_metric_json(res, key, sb.buf);
	if (total > nr)
		gate_result_note(res, "%s: %zu more not listed", key,
				 total - nr);
	strbuf_release(&sb);
}

/* A changed file without data: why, as precisely as we can say. */
static char *why_no_data(const struct cov_model *m, const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	size_t i;

	for (i = 0; i < m->nr; i++) {
		const struct cov_file *f = m->files[i];
		const char *fs = strrchr(f->path, '/');

		if (strcmp(fs ? fs + 1 : f->path, base))
			continue;
		if (f->unmatched)
			return xstrfmt("a report has a file of the same name "
				       "that matched nothing: %s",
				       f->unmatched);
		return xstrfmt("a report has '%s' with the same name; does "
			       "a prefix need stripping?", f->path);
	}
	return xstrdup("no report has data for it (not built or not run "
		       "by the tests?)");
}

static void threshold_finding(struct gate_result *res, const char *rule,
			      const char *what, const char *glob,
			      const struct cov_count *n,
			      const struct cov_threshold *t)
{
	char pct[24], th[32];

	if (cov_meets(n->covered, n->lines, t))
		return;
	gate_result_add(res, rule, GATE_SEVERITY_ERROR, NULL, 0, 0,
			"%s coverage%s%s%s %s%% (%llu of %llu lines) is below "
			"the threshold of %s%%", what, glob ? " of '" : "",
			glob ? glob : "", glob ? "'" : "",
			cov_percent_str(n->covered, n->lines, pct),
			(unsigned long long)n->covered,
			(unsigned long long)n->lines, cov_threshold_str(t, th));
}

static double percent_value(const struct cov_count *n)
{
	return (double)cov_percent_hundredths(n->covered, n->lines) / 100.0;
}

static int coverage_run(const void *state, struct gate_task *task)
{
	const struct coverage *c = state;
	const struct gate_changeset *cs = task->cs;
	struct gate_result *res = &task->result;
	struct cov_model m, base;
	struct cov_load ld, bld;
	struct cov_count total, diff, *per_rule;
	const char **paths = NULL;
	char **whys = NULL;
	size_t listed = 0, all = 0, i, k, ext_nr = 0;
	const char **exts = NULL;
	int ret = -1;

	for (i = 0; i < c->missing_nr; i++)
		gate_result_note(res, "optional coverage report '%s' is "
				 "absent", c->missing[i]);
	if (c->reports_nr == c->reports_missing) {
		res->skipped = true;
		gate_result_note(res, c->reports_nr ? "no coverage report "
				 "present" : "no coverage report given "
				 "(--coverage-report or checkers.coverage."
				 "reports)");
		return 0;
	}
	cov_model_init(&m);
	cov_model_init(&base);
	per_rule = xcalloc(c->rules_nr + 1, sizeof(*per_rule));
	if (load_reports(c, c->reports, c->reports_nr, &m, res, &ld,
			 &task->err) < 0)
		goto out;

	totals(c, &m, NULL, &total);
	if (!m.nr || !total.lines)
		gate_result_add(res, "coverage/no-data", GATE_SEVERITY_ERROR,
				NULL, 0, 0, "the coverage reports hold no "
				"coverable line: was the test stage run with "
				"coverage on?");

	/* Extensions the reports cover, to tell a changed source file
	 * without data from a README. */
	exts = xcalloc(m.nr + 1, sizeof(*exts));
	for (i = 0; i < m.nr; i++) {
		const char *e = file_ext(m.files[i]->path);
		for (k = 0; k < ext_nr && strcmp(exts[k], e); k++)
			;
		if (k == ext_nr && *e)
			exts[ext_nr++] = e;
	}

	memset(&diff, 0, sizeof(diff));
	for (i = 0; cs && i < cs->files_nr; i++) {
		const struct gate_file *gf = &cs->files[i];
		const struct cov_file *f;

		if (gf->status == GATE_FILE_DELETED || !gf->added_nr ||
		    gf->is_submodule || !selected(c, gf->path))
			continue;
		f = cov_model_find(&m, gf->path);
		if (f && !f->unmatched) {
			diff_file(c, gf, f, &diff, per_rule, res);
			continue;
		}
		for (k = 0; k < ext_nr && strcmp(exts[k], file_ext(gf->path));
		     k++)
			;
		if (k == ext_nr)
			continue;
		all++;
		if (listed >= COV_MAX_LISTED)
			continue;
		paths = xrealloc(paths, (listed + 1) * sizeof(*paths));
		whys = xrealloc(whys, (listed + 1) * sizeof(*whys));
		paths[listed] = gf->path;
		whys[listed] = why_no_data(&m, gf->path);
		gate_result_note(res, "changed file '%s' has no coverage "
				 "data: %s", gf->path, whys[listed]);
		listed++;
	}

	gate_result_metric_real(res, "total_percent", percent_value(&total));
	gate_result_metric_int(res, "total_covered", (long long)total.covered);
	gate_result_metric_int(res, "total_lines", (long long)total.lines);
	gate_result_metric_real(res, "diff_percent", percent_value(&diff));
	gate_result_metric_int(res, "diff_covered", (long long)diff.covered);
	gate_result_metric_int(res, "diff_lines", (long long)diff.lines);
	cov_json_list(res, "changed_without_data", paths, whys, listed, all);
	for (i = 0; i < listed; i++)
		free(whys[i]);
	listed = all = 0;
	for (i = 0; i < m.nr; i++) {
		if (!m.files[i]->unmatched)
			continue;
		all++;
		if (listed >= COV_MAX_LISTED)
			continue;
		paths = xrealloc(paths, (listed + 1) * sizeof(*paths));
		whys = xrealloc(whys, (listed + 1) * sizeof(*whys));
		paths[listed] = m.files[i]->path;
		whys[listed] = m.files[i]->unmatched;
		listed++;
	}
	cov_json_list(res, "unmatched_paths", paths, whys, listed, all);
	if (!diff.lines)
		gate_result_note(res, "no added line is coverable according "
				 "to the reports: diff coverage counts as "
				 "100%%");

	threshold_finding(res, "coverage/diff-below-threshold", "diff", NULL,
			  &diff, &c->diff);
	threshold_finding(res, "coverage/total-below-threshold", "total",
			  NULL, &total, &c->total);
	for (k = 0; k < c->rules_nr; k++) {
		struct cov_count t;

		totals(c, &m, c->rules[k].glob, &t);
		threshold_finding(res, "coverage/diff-below-threshold", "diff",
				  c->rules[k].glob, &per_rule[k],
				  &c->rules[k].diff);
		threshold_finding(res, "coverage/total-below-threshold",
				  "total", c->rules[k].glob, &t,
				  &c->rules[k].total);
	}

	if (c->base_nr > c->base_missing) {
		struct cov_count b;
		char p1[24], p2[24], th[32];

		if (load_reports(c, c->base, c->base_nr, &base, res, &bld,
				 &task->err) < 0)
			goto out;
		totals(c, &base, NULL, &b);
		gate_result_metric_real(res, "base_total_percent",
					percent_value(&b));
		gate_result_metric_real(res, "total_change",
			((double)cov_percent_hundredths(total.covered,
							total.lines) -
			 (double)cov_percent_hundredths(b.covered, b.lines)) /
			100.0);
		if (c->max_drop.set &&
		    cov_drop_exceeds(b.covered, b.lines, total.covered,
				     total.lines, &c->max_drop))
			gate_result_add(res, "coverage/drop",
					GATE_SEVERITY_ERROR, NULL, 0, 0,
					"total coverage fell from %s%% to %s%%, "
					"more than the allowed %s points",
					cov_percent_str(b.covered, b.lines, p1),
					cov_percent_str(total.covered,
							total.lines, p2),
					cov_threshold_str(&c->max_drop, th));
	}
	(void)ld;
	ret = 0;
out:
	free(paths);
	free(whys);
	free(exts);
	free(per_rule);
	cov_model_release(&m);
	cov_model_release(&base);
	return ret;
}

const struct gate_checker gate_checker_coverage = {
	.name = "coverage",
	.summary = "total and added-line coverage from test reports",
	.scope = GATE_SCOPE_CHANGESET,
	.needs = GATE_NEED_LINES,
	.default_hooks = NULL,	/* CI only: reports exist after tests */
	.default_enabled = true,
	.setup = coverage_setup,
	.run = coverage_run,
	.teardown = coverage_teardown,
};
