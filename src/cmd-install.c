#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "hooks.h"
#include "verdict.h"

static int parse_hooks(int argc, char **argv, const char *cmd,
		       const char ***hooks, bool *force)
{
	static const struct option longopts[] = {
		{ "hook", required_argument, NULL, 'k' },
		{ "force", no_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	size_t nr = 0, alloc = 0;
	int c;

	*hooks = NULL;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+fh", longopts, NULL)) != -1) {
		switch (c) {
		case 'k':
			if (!hook_name_known(optarg)) {
				free(*hooks);
				return gate_error(GATE_EXIT_USAGE, "unknown hook '%s' "
						  "(known: pre-commit, commit-msg, "
						  "pre-push)", optarg);
			}
			ALLOC_GROW(*hooks, nr + 2, alloc);
			(*hooks)[nr++] = optarg;
			(*hooks)[nr] = NULL;
			break;
		case 'f':
			if (force) {
				*force = true;
				break;
			}
			/* fall through */
		case 'h':
			if (c == 'h') {
				gate_command_usage(stdout, cmd);
				free(*hooks);
				return -1;
			}
			/* fall through */
		default:
			gate_command_usage(stderr, cmd);
			free(*hooks);
			return GATE_EXIT_USAGE;
		}
	}
	if (optind < argc) {
		free(*hooks);
		return gate_error(GATE_EXIT_USAGE, "unexpected argument '%s'",
				  argv[optind]);
	}
	return 0;
}

static int install_or_uninstall(int argc, char **argv, struct gate_globals *g,
				bool install)
{
	const char **hooks = NULL;
	struct strbuf err = STRBUF_INIT, log = STRBUF_INIT, dir = STRBUF_INIT;
	struct gate_repo repo;
	bool force = false, custom = false;
	int code;

	code = parse_hooks(argc, argv, install ? "install" : "uninstall",
			   &hooks, install ? &force : NULL);
	if (code)
		return code < 0 ? 0 : code;
	if (repo_open(&repo, &err) < 0) {
		free(hooks);
		code = gate_error(GATE_EXIT_USAGE, "%s", err.buf);
		strbuf_release(&err);
		return code;
	}
	repo_hooks_dir(&repo, &dir, &custom, &err);
	if (install)
		code = hooks_install(dir.buf, hooks ? hooks : gate_hook_names,
				     g->self, force, &log, &err);
	else
		code = hooks_uninstall(dir.buf, hooks ? hooks : gate_hook_names,
				       &log, &err);
	fputs(log.buf, stdout);
	if (code < 0)
		code = gate_error(GATE_EXIT_USAGE, "%s", err.buf);
	else if (install && custom)
		printf("note: core.hooksPath is set; installed into '%s'\n", dir.buf);
	repo_close(&repo);
	free(hooks);
	strbuf_release(&err);
	strbuf_release(&log);
	strbuf_release(&dir);
	return code;
}

int cmd_install(int argc, char **argv, struct gate_globals *g)
{
	return install_or_uninstall(argc, argv, g, true);
}

int cmd_uninstall(int argc, char **argv, struct gate_globals *g)
{
	return install_or_uninstall(argc, argv, g, false);
}
