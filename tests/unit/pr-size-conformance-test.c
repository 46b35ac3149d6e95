/*
 * pr-size-labeler conformance: the vectors in
 * $GATE_SHARED_DIR/conformance/pr-size/pr_size_vectors.json were made by
 * running the labeler's own bash logic.  gate, given the labeler's
 * settings (its label names, no default ignores, deleted files counted,
 * bash globs), must give the same total and label on every one.
 * Skipped when the data is absent.
 */

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pr-size-fixture.h"
#include "tap.h"

/* The labeler's inputs expressed as pr-size options. */
static void labeler_config(struct strbuf *yaml, json_t *defaults,
			   json_t *ignore, bool line_del, bool file_del)
{
	size_t i;
	json_t *v;

	strbuf_addf(yaml, "thresholds: {xs: %lld, s: %lld, m: %lld, "
		    "l: %lld}\n",
		    (long long)json_integer_value(json_object_get(defaults,
							"xs_max_size")),
		    (long long)json_integer_value(json_object_get(defaults,
							"s_max_size")),
		    (long long)json_integer_value(json_object_get(defaults,
							"m_max_size")),
		    (long long)json_integer_value(json_object_get(defaults,
							"l_max_size")));
	strbuf_addf(yaml, "labels: {xs: '%s', s: '%s', m: '%s', l: '%s', "
		    "xl: '%s'}\n",
		    json_string_value(json_object_get(defaults, "xs_label")),
		    json_string_value(json_object_get(defaults, "s_label")),
		    json_string_value(json_object_get(defaults, "m_label")),
		    json_string_value(json_object_get(defaults, "l_label")),
		    json_string_value(json_object_get(defaults, "xl_label")));
	strbuf_addstr(yaml, "default-ignores: false\nglob-syntax: labeler\n"
		      "use-attributes: false\n");
	strbuf_addf(yaml, "count-deletions: %s\ncount-deleted-files: %s\n",
		    line_del ? "false" : "true", file_del ? "false" : "true");
	strbuf_addstr(yaml, "ignore: [");
	json_array_foreach(ignore, i, v)
		strbuf_addf(yaml, "%s'%s'", i ? ", " : "",
			    json_string_value(v));
	strbuf_addstr(yaml, "]\n");
}

static void boundaries(json_t *root)
{
	json_t *defaults = json_object_get(root, "defaults");
	json_t *list = json_object_get(root,
				       "label_boundaries_default_thresholds");
	json_t *empty = json_array();
	json_t *v;
	size_t i;

	ok(json_is_array(list) && json_array_size(list) > 0,
	   "boundary vectors present");
	json_array_foreach(list, i, v) {
		long long n = json_integer_value(json_object_get(v,
						"total_changed_lines"));
		const char *want = json_string_value(json_object_get(v,
								"label"));
		struct strbuf yaml = STRBUF_INIT;
		struct prsize_fx fx;

		labeler_config(&yaml, defaults, empty, false, false);
		if (prsize_fx_setup(&fx, yaml.buf) < 0) {
			ok(0, "setup: %s", fx.err.buf);
		} else {
			prsize_fx_file(&fx, "src/a.c", 'M',
				       (unsigned)(n - n / 3),
				       (unsigned)(n / 3), NULL);
			prsize_fx_run(&fx);
			is_int(prsize_fx_int(&fx, "size"), n,
			       "boundary %lld: size", n);
			is_str(prsize_fx_str(&fx, "label"), want,
			       "boundary %lld: %s", n, want);
		}
		prsize_fx_release(&fx);
		strbuf_release(&yaml);
	}
	json_decref(empty);
}

static char file_status(const char *s)
{
	if (!strcmp(s, "added"))
		return 'A';
	if (!strcmp(s, "removed"))
		return 'D';
	if (!strcmp(s, "renamed"))
		return 'R';
	return 'M';
}

static void filter_cases(json_t *root)
{
	json_t *defaults = json_object_get(root, "defaults");
	json_t *fc = json_object_get(root, "file_filter_cases");
	json_t *files = json_object_get(fc, "pr_files");
	json_t *cases = json_object_get(fc, "cases");
	json_t *c, *f;
	size_t i, j;

	ok(json_array_size(cases) > 0 && json_array_size(files) > 0,
	   "file filter cases present");
	json_array_foreach(cases, i, c) {
		struct strbuf yaml = STRBUF_INIT, name = STRBUF_INIT;
		struct prsize_fx fx;
		json_t *ignore = json_object_get(c, "files_to_ignore");
		bool line_del = json_is_true(json_object_get(c,
						"ignore_line_deletions"));
		bool file_del = json_is_true(json_object_get(c,
						"ignore_file_deletions"));
		long long want = json_integer_value(json_object_get(c,
						"total_changed_lines"));
		const char *want_label = json_string_value(json_object_get(c,
						"label_default_thresholds"));
		json_t *g;

		strbuf_addstr(&name, "ignore [");
		json_array_foreach(ignore, j, g)
			strbuf_addf(&name, "%s%s", j ? " " : "",
				    json_string_value(g));
		strbuf_addf(&name, "]%s%s", line_del ? " -lines" : "",
			    file_del ? " -files" : "");

		labeler_config(&yaml, defaults, ignore, line_del, file_del);
		if (prsize_fx_setup(&fx, yaml.buf) < 0) {
			ok(0, "%s: setup: %s", name.buf, fx.err.buf);
		} else {
			json_array_foreach(files, j, f)
				prsize_fx_file(&fx,
					json_string_value(json_object_get(f,
								"filename")),
					file_status(json_string_value(
						json_object_get(f, "status"))),
					(unsigned)json_integer_value(
						json_object_get(f, "additions")),
					(unsigned)json_integer_value(
						json_object_get(f, "deletions")),
					NULL);
			prsize_fx_run(&fx);
			is_int(prsize_fx_int(&fx, "size"), want,
			       "%s: total %lld", name.buf, want);
			is_str(prsize_fx_str(&fx, "label"), want_label,
			       "%s: %s", name.buf, want_label);
		}
		prsize_fx_release(&fx);
		strbuf_release(&yaml);
		strbuf_release(&name);
	}
}

int main(void)
{
	const char *dir = getenv("GATE_SHARED_DIR");
	char *path;
	json_t *root;
	json_error_t jerr;

	if (!dir || !*dir) {
		tap_skip("GATE_SHARED_DIR is not set");
		return tap_done();
	}
	path = xstrfmt("%s/conformance/pr-size/pr_size_vectors.json", dir);
	root = json_load_file(path, 0, &jerr);
	if (!root) {
		tap_skip("no pr-size conformance vectors");
		printf("# cannot read '%s': %s\n", path, jerr.text);
		free(path);
		return tap_done();
	}
	free(path);
	boundaries(root);
	filter_cases(root);
	json_decref(root);
	return tap_done();
}
