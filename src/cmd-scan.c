/*
 * `gate scan` and `gate baseline`: the secrets checker outside hooks.
 *
 * `gate scan --history [REV]` judges every commit reachable from REV
 * (default HEAD): the range loader with no base lists them all, and the
 * secrets checker scans the added lines of each commit on the worker
 * pool.  Without --history it scans every tracked file.
 *
 * `gate baseline [REV]` runs both (history and all files) and writes the
 * fingerprints of every finding to .gate-secrets-baseline.json, so that
 * known secrets stop failing the gate while new ones still do.  Entries
 * of the old baseline that are no longer found stay (they may come from
 * another branch, or a REV other than this one); `--reset` drops them.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../checkers/secrets-baseline.h"
#include "cmd.h"
#include "output.h"
#include "run.h"
#include "settings.h"

static int parse_jobs_arg(const char *s, unsigned *out)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*end || v < 1 || v > 1024)
		return -1;
	*out = (unsigned)v;
	return 0;
}

int cmd_scan(int argc, char **argv, struct gate_globals *g)
{
	static const struct option longopts[] = {
		{ "history", no_argument, NULL, 'H' },
		{ "format", required_argument, NULL, 'F' },
		{ "output", required_argument, NULL, 'o' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct gate_request req = { .format = "text", .stream = stdout,
				    .color = g->color, .timings = true,
				    .only = "secrets" };
	struct gate_repo repo;
	struct strbuf err = STRBUF_INIT;
	bool history = false;
	int c, code;

	optind = 1;
	while ((c = getopt_long(argc, argv, "+F:o:j:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'H': history = true; break;
		case 'F':
			if (!output_find(optarg))
				return gate_error(GATE_EXIT_USAGE, "unknown format "
						  "'%s' (known: %s)", optarg,
						  output_names());
			req.format = optarg;
			break;
		case 'o': req.output = optarg; break;
		case 'j':
			if (parse_jobs_arg(optarg, &req.jobs))
				return gate_error(GATE_EXIT_USAGE, "-j takes a "
						  "number from 1 to 1024, not '%s'",
						  optarg);
			break;
		case 'h':
			gate_command_usage(stdout, "scan");
			return 0;
		default:
			gate_command_usage(stderr, "scan");
			return GATE_EXIT_USAGE;
		}
	}
	if (argc - optind > 1 || (!history && argc > optind)) {
		gate_command_usage(stderr, "scan");
		return GATE_EXIT_USAGE;
	}
	if (history) {
		req.load.kind = GATE_SUBJECT_RANGE;
		req.load.head = argc > optind ? argv[optind] : "HEAD";
		req.label = req.load.head;
	} else {
		req.load.kind = GATE_SUBJECT_ALL_FILES;
	}
	if (repo_open(&repo, &err) < 0) {
		code = gate_error(GATE_EXIT_USAGE, "%s", err.buf);
		strbuf_release(&err);
		return code;
	}
	/* Progress lines while reading and scanning; only on a terminal. */
	req.load.progress = history;
	if (history && isatty(STDERR_FILENO))
		setenv("GATE_SECRETS_PROGRESS", "1", 1);
	code = gate_judge(g, &repo, &req);
	unsetenv("GATE_SECRETS_PROGRESS");
	repo_close(&repo);
	strbuf_release(&err);
	return code;
}

static int cmp_fp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int cmp_entry_fp(const void *a, const void *b)
{
	const struct secrets_baseline_entry *x = a, *y = b;

	return strcmp(x->fingerprint, y->fingerprint);
}

/* Run the secrets checker on one subject; append its findings. */
static int baseline_collect(struct gate_globals *g, struct gate_repo *repo,
			    struct gate_settings *settings,
			    enum gate_subject_kind kind, const char *head,
			    struct secrets_baseline_entry **entries,
			    size_t *nr, size_t *alloc, char ***owned,
			    size_t *owned_nr, struct strbuf *err)
{
	struct gate_run_options ro = {
		.only = "secrets", .subject = kind, .rules_dir = g->rules_dir,
	};
	struct gate_load_options lo = { .kind = kind, .head = head };
	struct gate_selection sel = { 0 };
	struct gate_changeset cs = { 0 };
	struct gate_verdict v = { 0 };
	bool usage = false;
	size_t i, k;
	int ret = -1;

	if (run_select(&sel, settings, &ro, err) < 0)
		goto out;
	lo.needs = sel.needs;
	lo.range_files_unread = sel.range_files_unread;
	lo.max_file_size = settings->max_file_size;
	lo.repo = repo;
	if (changeset_load(&cs, &lo, err, &usage) < 0)
		goto out;
	if (run_checkers(&v, &sel, settings, &cs, &ro, err) < 0)
		goto out;
	for (k = 0; k < v.outcomes_nr; k++) {
		const struct gate_result *res = &v.outcomes[k].result;

		if (v.outcomes[k].error) {
			strbuf_addf(err, "secrets: %s", v.outcomes[k].error);
			goto out;
		}
		for (i = 0; i < res->findings_nr; i++) {
			const struct gate_finding *f = &res->findings[i];

			if (!f->fingerprint || !starts_with(f->rule, "secrets/"))
				continue;
			ALLOC_GROW(*entries, *nr + 1, *alloc);
			*owned = xrealloc(*owned, (*owned_nr + 3) * sizeof(char *));
			(*owned)[(*owned_nr)++] = xstrdup(f->fingerprint);
			(*entries)[*nr].fingerprint = (*owned)[*owned_nr - 1];
			(*owned)[(*owned_nr)++] = xstrdup(f->rule);
			(*entries)[*nr].rule = (*owned)[*owned_nr - 1];
			(*owned)[(*owned_nr)++] = xstrdup(f->path ? f->path : "");
			(*entries)[(*nr)++].path = (*owned)[*owned_nr - 1];
		}
	}
	ret = 0;
out:
	verdict_release(&v);
	changeset_release(&cs);
	run_selection_release(&sel);
	return ret;
}

int cmd_baseline(int argc, char **argv, struct gate_globals *g)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "reset", no_argument, NULL, 'R' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct secrets_baseline_entry *entries = NULL;
	struct secrets_baseline old = { 0 };
	size_t nr = 0, alloc = 0, owned_nr = 0, i, found, added = 0, stale = 0;
	bool reset = false;
	char **owned = NULL, *path = NULL, cwd[4096];
	const char *output = NULL, *head = "HEAD";
	struct gate_settings settings;
	struct gate_repo repo;
	struct strbuf err = STRBUF_INIT;
	int c, code = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "+o:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'o': output = optarg; break;
		case 'R': reset = true; break;
		case 'h':
			gate_command_usage(stdout, "baseline");
			return 0;
		default:
			gate_command_usage(stderr, "baseline");
			return GATE_EXIT_USAGE;
		}
	}
	if (argc - optind > 1) {
		gate_command_usage(stderr, "baseline");
		return GATE_EXIT_USAGE;
	}
	if (argc > optind)
		head = argv[optind];
	if (repo_open(&repo, &err) < 0) {
		code = gate_error(GATE_EXIT_USAGE, "%s", err.buf);
		strbuf_release(&err);
		return code;
	}
	if (settings_load(&settings, repo.workdir ? repo.workdir :
			  getcwd(cwd, sizeof(cwd)), g->config_path, &err) < 0) {
		code = gate_error(GATE_EXIT_USAGE, "bad configuration: %s",
				  err.buf);
		goto out_repo;
	}
	path = output ? xstrdup(output) :
		xstrfmt("%s%s", repo.workdir ? repo.workdir : "",
			SECRETS_BASELINE_FILE);
	if (secrets_baseline_read(&old, path, false, &err) < 0) {
		if (!reset) {
			code = gate_error(GATE_EXIT_USAGE, "%s (--reset writes "
					  "a new one)", err.buf);
			goto out;
		}
		strbuf_reset(&err);	/* replaced anyway */
	}
	/* The old baseline must not hide what the new one should list. */
	setenv("GATE_SECRETS_IGNORE_BASELINE", "1", 1);
	if (baseline_collect(g, &repo, &settings, GATE_SUBJECT_RANGE, head,
			     &entries, &nr, &alloc, &owned, &owned_nr, &err) < 0 ||
	    baseline_collect(g, &repo, &settings, GATE_SUBJECT_ALL_FILES, NULL,
			     &entries, &nr, &alloc, &owned, &owned_nr, &err) < 0) {
		code = gate_error(GATE_EXIT_INTERNAL, "%s", err.buf);
		goto out;
	}
	/* History and tree find one secret twice: count it once. */
	if (nr)
		qsort(entries, nr, sizeof(*entries), cmp_entry_fp);
	for (i = found = 0; i < nr; i++)
		if (!found || strcmp(entries[i].fingerprint,
				     entries[found - 1].fingerprint))
			entries[found++] = entries[i];
	nr = found;
	for (i = 0; i < found; i++)
		if (!secrets_baseline_has(&old, entries[i].fingerprint))
			added++;
	/* What the old baseline lists and the scan no longer finds. */
	{
		struct secrets_baseline now = { 0 };

		now.fps = xcalloc(found + 1, sizeof(char *));
		for (i = 0; i < found; i++)
			now.fps[now.nr++] = (char *)entries[i].fingerprint;
		qsort(now.fps, now.nr, sizeof(char *), cmp_fp);
		for (i = 0; i < old.nr; i++) {
			if (secrets_baseline_has(&now, old.entries[i].fingerprint))
				continue;
			stale++;
			if (reset)
				continue;
			ALLOC_GROW(entries, nr + 1, alloc);
			entries[nr++] = old.entries[i];
		}
		free(now.fps);
	}
	if (secrets_baseline_write(path, entries, nr, &err) < 0) {
		code = gate_error(GATE_EXIT_INTERNAL, "%s", err.buf);
		goto out;
	}
	fprintf(stderr, "gate: wrote %zu finding(s) to '%s' (%zu new", nr,
		path, added);
	if (stale && reset)
		fprintf(stderr, "; %zu no longer found, dropped", stale);
	else if (stale)
		fprintf(stderr, "; %zu no longer found, kept: --reset drops "
			"them", stale);
	fputs(")\n", stderr);
out:
	unsetenv("GATE_SECRETS_IGNORE_BASELINE");
	secrets_baseline_release(&old);
	settings_release(&settings);
out_repo:
	repo_close(&repo);
	for (i = 0; i < owned_nr; i++)
		free(owned[i]);
	free(owned);
	free(entries);
	free(path);
	strbuf_release(&err);
	return code;
}
