#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "settings.h"
#include "verdict.h"

int gate_error(int code, const char *fmt, ...)
{
	struct strbuf msg = STRBUF_INIT, out = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&msg, fmt, ap);
	va_end(ap);
	/* Messages quote paths and revisions: escape what a terminal would
	 * act on, but keep the lines of a multi-line message. */
	strbuf_addstr(&out, "gate: ");
	{
		const char *p = msg.buf, *nl;

		while ((nl = strchr(p, '\n'))) {
			strbuf_add_printable(&out, p, (size_t)(nl - p));
			strbuf_addch(&out, '\n');
			p = nl + 1;
		}
		strbuf_add_printable(&out, p, strlen(p));
	}
	strbuf_addch(&out, '\n');
	fputs(out.buf, stderr);
	strbuf_release(&msg);
	strbuf_release(&out);
	return code;
}

void gate_command_usage(FILE *f, const char *name)
{
	const struct gate_command *c;

	for (c = gate_commands; c->name; c++) {
		if (!strcmp(c->name, name)) {
			fprintf(f, "usage: %s\n", c->usage);
			return;
		}
	}
}

bool gate_wants_help(int argc, char **argv, const char *name)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			gate_command_usage(stdout, name);
			return true;
		}
	}
	return false;
}

int cmd_list(int argc, char **argv, struct gate_globals *g)
{
	size_t i;

	if (gate_wants_help(argc, argv, "list"))
		return 0;
	for (i = 0; i < gate_checkers_nr; i++) {
		const struct gate_checker *c = gate_checkers[i];
		const char *const *h;

		printf("%-14s %-11s %s", c->name,
		       c->unavailable ? "unavailable" : "available", c->summary);
		if (c->unavailable)
			printf(" (%s)", c->unavailable);
		printf("\n%-14s hooks:", "");
		for (h = c->default_hooks; h && *h; h++)
			printf(" %s", *h);
		if (!c->default_hooks || !*c->default_hooks)
			printf(" none (CI and 'gate check')");
		printf("%s\n", c->default_enabled ? "" : "; off unless configured");
	}
	(void)g;
	return 0;
}

int cmd_init(int argc, char **argv, struct gate_globals *g)
{
	const char *path = ".gate.yml";
	size_t len = strlen(gate_starter_config);
	int fd;

	if (gate_wants_help(argc, argv, "init"))
		return 0;
	if (argc > 1)
		path = argv[1];
	/* O_EXCL: never overwrite a user's configuration. */
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0)
		return gate_error(GATE_EXIT_USAGE, "cannot create '%s': %s", path,
				  errno == EEXIST ? "it already exists" :
				  strerror(errno));
	if (write(fd, gate_starter_config, len) != (ssize_t)len) {
		close(fd);
		return gate_error(GATE_EXIT_INTERNAL, "cannot write '%s': %s",
				  path, strerror(errno));
	}
	close(fd);
	printf("wrote %s\n", path);
	(void)g;
	return 0;
}

int cmd_config(int argc, char **argv, struct gate_globals *g)
{
	struct gate_settings s;
	struct strbuf err = STRBUF_INIT, out = STRBUF_INIT;
	struct gate_repo repo;
	bool have_repo;
	char cwd[4096];
	int code = 0;

	if (gate_wants_help(argc, argv, "config"))
		return 0;
	have_repo = repo_open(&repo, &err) == 0;
	strbuf_reset(&err);
	if (settings_load(&s, have_repo ? repo.workdir : getcwd(cwd, sizeof(cwd)),
			  g->config_path, &err) < 0) {
		code = gate_error(GATE_EXIT_USAGE, "bad configuration: %s", err.buf);
	} else {
		settings_dump(&s, &out);
		fputs(out.buf, stdout);
	}
	settings_release(&s);
	if (have_repo)
		repo_close(&repo);
	strbuf_release(&err);
	strbuf_release(&out);
	return code;
}
