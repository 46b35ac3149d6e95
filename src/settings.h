#ifndef GATE_SETTINGS_H
#define GATE_SETTINGS_H

/*
 * The effective configuration: .gate.yml at the top of the work tree
 * (or the file named with --config), layered over built-in defaults so
 * that no file, or an empty one, still gives a useful gate.
 *
 *   version: 1
 *   max-file-size: 10485760     # content cap; larger files are skipped
 *   checkers:
 *     hygiene:
 *       enabled: true
 *       severity: error         # error blocks, warning reports, off
 *       paths: ['src/']          # globs, docs/globs.md
 *       exclude: ['vendor/']
 *       hooks: [pre-commit, pre-push]
 *       ...checker options...
 */

#include <stdbool.h>
#include <stdint.h>

#include "checker.h"
#include "config.h"

struct gate_checker_settings {
	const struct gate_checker *checker;
	bool enabled;
	enum gate_severity severity;
	const char **paths;	/* NULL-terminated, borrowed from doc */
	const char **exclude;
	const char **hooks;	/* NULL: the checker's default hooks */
	const struct ynode *node;	/* the checker's mapping, or NULL */
};

struct gate_settings {
	struct ydoc doc;
	char *path;		/* the file read, or NULL for defaults */
	struct gate_checker_settings *checkers;	/* parallel to gate_checkers */
	uint64_t max_file_size;
};

#define GATE_DEFAULT_MAX_FILE_SIZE (10u << 20)

/*
 * Load `explicit_path` if given (it must exist), else `<dir>/.gate.yml`
 * when present.  Returns 0, or -1 with "file:line:column: ..." in err.
 */
int settings_load(struct gate_settings *s, const char *dir,
		  const char *explicit_path, struct strbuf *err);
void settings_release(struct gate_settings *s);

/* Whether checker i runs on `hook` (NULL: any run outside hooks). */
bool settings_runs_on_hook(const struct gate_settings *s, size_t i,
			   const char *hook);

/* Print the effective configuration as YAML (gate config). */
void settings_dump(const struct gate_settings *s, struct strbuf *out);

/* The commented starter file `gate init` writes. */
extern const char gate_starter_config[];

#endif
