#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ci-env.h"
#include "cmd.h"
#include "output.h"
#include "run.h"
#include "settings.h"

/* git's default and its core.commentChar setting ("auto" is resolved
 * from the message itself, as git does when it writes the template). */
static char comment_char(struct gate_repo *repo, const char *text)
{
	static const char candidates[] = "#;@!$%^&|:";
	char *value = NULL;
	char c = '#';

	if (!repo || !repo->repo ||
	    (!repo_config_string(repo, "core.commentChar", &value) &&
	     !repo_config_string(repo, "core.commentString", &value)))
		return '#';
	if (!strcmp(value, "auto")) {
		const char *p;

		/* The comment lines git added start with "<c> " and say
		 * "Please enter"; pick the candidate they use. */
		for (p = candidates; *p; p++) {
			char probe[32];

			snprintf(probe, sizeof(probe), "\n%c Please enter", *p);
			if (strstr(text, probe) || (text[0] == *p &&
			    starts_with(text + 1, " Please enter"))) {
				c = *p;
				break;
			}
		}
	} else if (value[0]) {
		c = value[0];
	}
	free(value);
	return c;
}

static int add_message_file(struct gate_changeset *cs, struct gate_repo *repo,
			    const char *path, struct strbuf *err)
{
	struct strbuf sb = STRBUF_INIT;

	/* A commit message larger than this is not a message. */
	if (strbuf_read_file(&sb, path, 64u << 20) < 0) {
		strbuf_addf(err, "cannot read message file '%s': %s", path,
			    errno == EFBIG ? "larger than 64 MiB" : strerror(errno));
		strbuf_release(&sb);
		return -1;
	}
	changeset_add_message(cs, GATE_MESSAGE_EDIT, sb.buf, sb.len, path);
	cs->messages[cs->messages_nr - 1].comment_char = comment_char(repo, sb.buf);
	strbuf_release(&sb);
	return 0;
}

static int write_verdict(struct gate_request *req, const struct gate_verdict *v,
			 bool verbose)
{
	const struct gate_writer *w = output_find(req->format ? req->format : "text");
	struct output_options oo = {
		.color = req->color && !req->output,
		.timings = req->timings,
		.verbose = verbose,
	};
	struct strbuf out = STRBUF_INIT;
	int ret = 0;

	w->write(&out, v, &oo);
	if (req->output) {
		FILE *f = fopen(req->output, "w");

		if (!f || fwrite(out.buf, 1, out.len, f) != out.len ||
		    fclose(f) != 0) {
			ret = gate_error(GATE_EXIT_INTERNAL, "cannot write '%s': %s",
					 req->output, strerror(errno));
		}
	} else {
		fwrite(out.buf, 1, out.len, req->stream);
		fflush(req->stream);
	}
	strbuf_release(&out);
	return ret;
}

int gate_judge(struct gate_globals *g, struct gate_repo *repo,
	       struct gate_request *req)
{
	struct gate_settings settings;
	struct gate_selection sel = { 0 };
	struct gate_changeset cs = { 0 };
	struct gate_verdict v = { 0 };
	struct strbuf err = STRBUF_INIT;
	struct gate_run_options ro = {
		.hook = req->hook,
		.only = req->only,
		.skip = req->skip,
		.subject = req->load.kind,
		.jobs = req->jobs,
		.rules_dir = g->rules_dir,
		.coverage_reports = req->coverage_reports,
		.coverage_base = req->coverage_base,
	};
	char cwd[4096];
	bool usage = false;
	int code;

	if (settings_load(&settings, repo ? repo->workdir :
			  getcwd(cwd, sizeof(cwd)), g->config_path, &err) < 0) {
		code = gate_error(GATE_EXIT_USAGE, "bad configuration: %s", err.buf);
		goto out;
	}
	if (run_select(&sel, &settings, &ro, &err) < 0) {
		code = gate_error(GATE_EXIT_USAGE, "%s", err.buf);
		goto out;
	}
	req->load.needs = sel.needs;
	req->load.range_files_unread = sel.range_files_unread;
	req->load.max_file_size = settings.max_file_size;
	req->load.jobs = req->jobs;
	req->load.want_commits = sel.want_messages;
	req->load.repo = repo;
	if (req->load.kind == GATE_SUBJECT_MESSAGE || !repo) {
		cs.kind = GATE_SUBJECT_MESSAGE;
		cs.repo_dir = xstrdup(repo && repo->workdir ? repo->workdir : ".");
	} else if (changeset_load(&cs, &req->load, &err, &usage) < 0) {
		code = gate_error(usage ? GATE_EXIT_USAGE : GATE_EXIT_INTERNAL,
				  "%s", err.buf);
		goto out;
	}
	if (req->message_file && add_message_file(&cs, repo, req->message_file,
						  &err) < 0) {
		code = gate_error(GATE_EXIT_USAGE, "%s", err.buf);
		goto out;
	}
	if (req->title)
		changeset_add_message(&cs, GATE_MESSAGE_TITLE, req->title,
				      strlen(req->title),
				      req->title_source ? req->title_source : "title");
	if (run_checkers(&v, &sel, &settings, &cs, &ro, &err) < 0) {
		code = gate_error(GATE_EXIT_USAGE, "bad configuration: %s", err.buf);
		goto out;
	}
	v.label = req->label;
	code = write_verdict(req, &v, g->verbose);
	if (!code)
		code = verdict_exit_code(&v);
out:
	verdict_release(&v);
	changeset_release(&cs);
	run_selection_release(&sel);
	settings_release(&settings);
	strbuf_release(&err);
	return code;
}

static int parse_jobs(const char *s, unsigned *out)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*end || v < 1 || v > 1024)
		return -1;
	*out = (unsigned)v;
	return 0;
}

/* Split "A..B" or "A...B". */
static int parse_range(const char *arg, struct gate_load_options *lo)
{
	const char *dots = strstr(arg, "..");
	size_t n;

	if (!dots) {
		/* One revision: what it adds over its first parent. */
		lo->base = xstrfmt("%s~1", arg);
		lo->head = xstrdup(arg);
		return 0;
	}
	n = (size_t)(dots - arg);
	lo->merge_base = dots[2] == '.';
	lo->base = n ? xstrndup(arg, n) : xstrdup("HEAD");
	lo->head = xstrdup(dots + (lo->merge_base ? 3 : 2));
	if (!*lo->head) {
		free((char *)lo->head);
		lo->head = xstrdup("HEAD");
	}
	return 0;
}

int cmd_check(int argc, char **argv, struct gate_globals *g)
{
	enum { OPT_TITLE = 256, OPT_CHECKERS, OPT_COV, OPT_COV_BASE,
	       OPT_NO_TIMINGS };
	static const struct option longopts[] = {
		{ "staged", no_argument, NULL, 's' },
		{ "all-files", no_argument, NULL, 'a' },
		{ "range", required_argument, NULL, 'r' },
		{ "files", no_argument, NULL, 'f' },
		{ "message-file", required_argument, NULL, 'm' },
		{ "title", required_argument, NULL, OPT_TITLE },
		{ "checkers", required_argument, NULL, OPT_CHECKERS },
		{ "format", required_argument, NULL, 'F' },
		{ "output", required_argument, NULL, 'o' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "coverage-report", required_argument, NULL, OPT_COV },
		{ "coverage-base", required_argument, NULL, OPT_COV_BASE },
		{ "no-timings", no_argument, NULL, OPT_NO_TIMINGS },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct gate_request req = { .format = "text", .stream = stdout,
				    .color = g->color, .timings = true };
	const char **reports = NULL;
	size_t reports_nr = 0, reports_alloc = 0;
	struct gate_repo repo;
	struct strbuf err = STRBUF_INIT;
	char *ci_title = NULL, *ci_source = NULL, **paths = NULL;
	bool have_repo = false, files = false;
	int subjects = 0, c, code;

	req.load.kind = GATE_SUBJECT_STAGED;
	optind = 1;
	while ((c = getopt_long(argc, argv, "m:F:o:j:h", longopts, NULL)) != -1) {
		switch (c) {
		case 's': req.load.kind = GATE_SUBJECT_STAGED; subjects++; break;
		case 'a': req.load.kind = GATE_SUBJECT_ALL_FILES; subjects++; break;
		case 'r':
			req.load.kind = GATE_SUBJECT_RANGE;
			subjects++;
			free((char *)req.load.base);
			free((char *)req.load.head);
			parse_range(optarg, &req.load);
			break;
		case 'f': files = true; req.load.kind = GATE_SUBJECT_FILES; subjects++; break;
		case 'm': req.message_file = optarg; break;
		case OPT_TITLE: req.title = optarg; break;
		case OPT_CHECKERS: req.only = optarg; break;
		case 'F':
			if (!output_find(optarg)) {
				code = gate_error(GATE_EXIT_USAGE, "unknown format "
						  "'%s' (known: %s)", optarg,
						  output_names());
				goto out;
			}
			req.format = optarg;
			break;
		case 'o': req.output = optarg; break;
		case 'j':
			if (parse_jobs(optarg, &req.jobs)) {
				code = gate_error(GATE_EXIT_USAGE, "-j takes a "
						  "number from 1 to 1024, not '%s'",
						  optarg);
				goto out;
			}
			break;
		case OPT_COV:
			ALLOC_GROW(reports, reports_nr + 2, reports_alloc);
			reports[reports_nr++] = optarg;
			reports[reports_nr] = NULL;
			break;
		case OPT_COV_BASE: req.coverage_base = optarg; break;
		case OPT_NO_TIMINGS: req.timings = false; break;
		case 'h':
			gate_command_usage(stdout, "check");
			code = 0;
			goto out;
		default:
			gate_command_usage(stderr, "check");
			code = GATE_EXIT_USAGE;
			goto out;
		}
	}
	if (subjects > 1 || (files && optind >= argc) ||
	    (!files && optind < argc)) {
		code = gate_error(GATE_EXIT_USAGE, subjects > 1 ?
				  "--staged, --all-files, --range and --files "
				  "exclude each other" : files ? "--files needs paths" :
				  "unexpected argument '%s'", argv[optind]);
		goto out;
	}
	if (!subjects && (req.message_file || req.title))
		req.load.kind = GATE_SUBJECT_MESSAGE;
	/* In a pull-request pipeline the title is judged without --title. */
	if (!req.title) {
		if (ci_env_pr_title(&ci_title, &ci_source, &err) < 0) {
			code = gate_error(GATE_EXIT_USAGE, "%s", err.buf);
			goto out;
		}
		req.title = ci_title;
		req.title_source = ci_source;
	}
	req.skip = getenv("GATE_SKIP");
	req.coverage_reports = reports;
	if (repo_open(&repo, &err) == 0) {
		have_repo = true;
	} else if (req.load.kind != GATE_SUBJECT_MESSAGE) {
		code = gate_error(GATE_EXIT_USAGE, "%s", err.buf);
		goto out;
	}
	if (files && repo_relative_paths(&repo, argv + optind,
					 (size_t)(argc - optind), &paths, &err) < 0) {
		code = gate_error(GATE_EXIT_USAGE, "%s", err.buf);
		goto out;
	}
	if (files) {
		req.load.paths = (const char **)paths;
		req.load.paths_nr = (size_t)(argc - optind);
	}
	code = gate_judge(g, have_repo ? &repo : NULL, &req);
out:
	if (have_repo)
		repo_close(&repo);
	free((char *)req.load.base);
	free((char *)req.load.head);
	free(reports);
	free(ci_title);
	free(ci_source);
	for (c = 0; paths && paths[c]; c++)
		free(paths[c]);
	free(paths);
	strbuf_release(&err);
	return code;
}
