#ifndef GATE_CMD_H
#define GATE_CMD_H

/*
 * Subcommands, one table in main.c like git's commands[].  Each returns
 * the process exit code; only main() exits.
 */

#include <stdbool.h>
#include <stdio.h>

#include "changeset.h"
#include "repo.h"
#include "util.h"

struct gate_globals {
	const char *config_path;	/* -c/--config */
	const char *rules_dir;		/* where rule packs live */
	const char *self;		/* absolute path of this binary */
	bool color;			/* colours on stdout */
	bool color_err;			/* colours on stderr */
	bool verbose;
};

struct gate_command {
	const char *name;
	int (*fn)(int argc, char **argv, struct gate_globals *g);
	const char *summary;
	const char *usage;
};

extern const struct gate_command gate_commands[];

int cmd_check(int argc, char **argv, struct gate_globals *g);
int cmd_hook(int argc, char **argv, struct gate_globals *g);
int cmd_install(int argc, char **argv, struct gate_globals *g);
int cmd_uninstall(int argc, char **argv, struct gate_globals *g);
int cmd_list(int argc, char **argv, struct gate_globals *g);
int cmd_init(int argc, char **argv, struct gate_globals *g);
int cmd_config(int argc, char **argv, struct gate_globals *g);
int cmd_scan(int argc, char **argv, struct gate_globals *g);
int cmd_baseline(int argc, char **argv, struct gate_globals *g);

/* Print "gate: <message>" to stderr, git's style; returns `code`. */
int gate_error(int code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Print the usage of a command to f. */
void gate_command_usage(FILE *f, const char *name);
/* True when argv holds -h or --help: print usage and return true. */
bool gate_wants_help(int argc, char **argv, const char *name);

/*
 * One judgement, shared by `gate check` and the hooks: what to load,
 * which messages to add, where to write.
 */
struct gate_request {
	const char *hook;
	const char *label;
	struct gate_load_options load;
	const char *only, *skip;
	unsigned jobs;
	const char *format;	/* "text" unless told */
	const char *output;	/* file, or NULL for the stream */
	FILE *stream;		/* stdout or stderr */
	bool color;
	bool timings;
	/* Messages: a commit message file and/or a PR title. */
	const char *message_file;
	const char *title;
	const char *title_source;
	const char **coverage_reports;	/* NULL-terminated */
	const char *coverage_base;
	/* When the repository cannot be opened and the subject is only a
	 * message, run without one. */
	bool repo_optional;
};

/* Returns the exit code. */
int gate_judge(struct gate_globals *g, struct gate_repo *repo,
	       struct gate_request *req);

#endif
