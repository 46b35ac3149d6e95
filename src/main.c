/*
 * gate: git hooks and quality gates in one binary.
 *
 * main() parses the global options (git's -C among them), finds the
 * subcommand in gate_commands[] and returns its exit code: 0 pass, 1 the
 * gate failed, 2 usage or configuration error, 3 internal error.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "repo.h"
#include "verdict.h"

const struct gate_command gate_commands[] = {
	{ "baseline", cmd_baseline, "record the current secrets so only new ones fail",
	  "gate baseline [--output FILE] [--reset] [REV]" },
	{ "check", cmd_check, "judge a staged change, a range, files or a message",
	  "gate check [--staged | --all-files | --range BASE..HEAD | "
	  "--range BASE...HEAD | --files PATH...] [--message-file FILE] "
	  "[--title TEXT] [--checkers LIST] [--format text|json|sarif|junit|github] "
	  "[--output FILE] [-j N] [--coverage-report FILE]... "
	  "[--coverage-base FILE] [--no-timings]" },
	{ "config", cmd_config, "print the effective configuration",
	  "gate config" },
	{ "hook", cmd_hook, "run the checks of a git hook (called by the shims)",
	  "gate hook pre-commit | commit-msg FILE | pre-push REMOTE URL" },
	{ "init", cmd_init, "write a commented starter .gate.yml",
	  "gate init [FILE]" },
	{ "install", cmd_install, "install the hook shims, chaining existing hooks",
	  "gate install [--hook NAME]... [--force]" },
	{ "list", cmd_list, "list the checkers and whether each is available",
	  "gate list" },
	{ "scan", cmd_scan, "scan files or every commit's history for secrets",
	  "gate scan [--history [REV]] [--format F] [--output FILE] [-j N]" },
	{ "uninstall", cmd_uninstall, "remove the shims and restore chained hooks",
	  "gate uninstall [--hook NAME]..." },
	{ NULL, NULL, NULL, NULL },
};

static void usage(FILE *f)
{
	const struct gate_command *c;

	fprintf(f, "usage: gate [-C DIR] [-c FILE] [--no-color] [-v] COMMAND [ARGS]\n"
		"       gate --version\n\ncommands:\n");
	for (c = gate_commands; c->name; c++)
		fprintf(f, "  %-10s %s\n", c->name, c->summary);
	fprintf(f, "\n'gate COMMAND --help' shows the options of a command.\n");
}

static bool want_color(int fd)
{
	const char *term = getenv("TERM");

	if (getenv("NO_COLOR") && *getenv("NO_COLOR"))
		return false;
	return isatty(fd) && term && strcmp(term, "dumb");
}

static bool is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/*
 * Rule packs: $GATE_RULES_DIR, the installed data directory, or next to
 * an uninstalled binary in its build tree.
 */
static char *find_rules_dir(const char *self)
{
	const char *env = getenv("GATE_RULES_DIR");
	char *dir, *slash;

	if (env && *env)
		return xstrdup(env);
	if (is_dir(GATE_PKGDATADIR "/rules"))
		return xstrdup(GATE_PKGDATADIR "/rules");
	dir = xstrdup(self);
	slash = strrchr(dir, '/');
	if (slash) {
		char *candidate;

		*slash = '\0';
		candidate = xstrfmt("%s/rules", dir);
		if (is_dir(candidate)) {
			free(dir);
			return candidate;
		}
		free(candidate);
	}
	free(dir);
	return xstrdup(GATE_PKGDATADIR "/rules");
}

int main(int argc, char **argv)
{
	struct gate_globals g = { 0 };
	const struct gate_command *c;
	char self[PATH_MAX];
	char *rules_dir;
	int i, code;

	g.color = want_color(1);
	g.color_err = want_color(2);
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "-C") || !strcmp(a, "-c") || !strcmp(a, "--config")) {
			if (i + 1 >= argc) {
				usage(stderr);
				return GATE_EXIT_USAGE;
			}
			if (a[1] == 'C') {
				if (chdir(argv[i + 1]) < 0)
					return gate_error(GATE_EXIT_USAGE,
							  "cannot change to '%s': %s",
							  argv[i + 1], strerror(errno));
			} else {
				g.config_path = argv[i + 1];
			}
			i++;
		} else if (!strcmp(a, "--no-color")) {
			g.color = g.color_err = false;
		} else if (!strcmp(a, "--color")) {
			g.color = g.color_err = true;
		} else if (!strcmp(a, "-v") || !strcmp(a, "--verbose")) {
			g.verbose = true;
		} else if (!strcmp(a, "--version")) {
			printf("gate %s\n", PACKAGE_VERSION);
			return 0;
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			usage(stdout);
			return 0;
		} else {
			usage(stderr);
			return gate_error(GATE_EXIT_USAGE, "unknown option '%s'", a);
		}
	}
	if (i >= argc) {
		usage(stderr);
		return GATE_EXIT_USAGE;
	}
	if (!strcmp(argv[i], "help")) {
		if (i + 1 < argc) {
			gate_command_usage(stdout, argv[i + 1]);
			return 0;
		}
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[i], "version")) {
		printf("gate %s\n", PACKAGE_VERSION);
		return 0;
	}
	for (c = gate_commands; c->name; c++)
		if (!strcmp(c->name, argv[i]))
			break;
	if (!c->name) {
		usage(stderr);
		return gate_error(GATE_EXIT_USAGE, "unknown command '%s'", argv[i]);
	}
	/* The shims call the binary by this absolute path. */
	if (!realpath("/proc/self/exe", self))
		snprintf(self, sizeof(self), "%s", argv[0]);
	g.self = self;
	rules_dir = find_rules_dir(self);
	g.rules_dir = rules_dir;
	repo_global_init();
	code = c->fn(argc - i, argv + i, &g);
	repo_global_shutdown();
	free(rules_dir);
	fflush(stdout);
	if (ferror(stdout) && code == 0)
		code = GATE_EXIT_INTERNAL;
	return code;
}
