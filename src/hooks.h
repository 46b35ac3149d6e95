#ifndef GATE_HOOKS_H
#define GATE_HOOKS_H

/*
 * Installing and removing the hook shims.  An existing hook is never
 * clobbered: it is renamed to NAME.gate-chained, `gate hook` runs it
 * before its own checks, and uninstall renames it back unchanged.
 */

#include <stdbool.h>

#include "repo.h"
#include "util.h"

#define GATE_SHIM_MARKER "# gate-shim v1"
#define GATE_CHAINED_SUFFIX ".gate-chained"

extern const char *const gate_hook_names[];	/* NULL-terminated */
bool hook_name_known(const char *name);

/* The shim for `hook`, calling `gate_bin`. */
void hook_shim_text(struct strbuf *out, const char *hook, const char *gate_bin);

/* Returns 0, or -1 with err set.  Progress lines go to `log`. */
int hooks_install(const char *dir, const char *const *hooks,
		  const char *gate_bin, bool force, struct strbuf *log,
		  struct strbuf *err);
int hooks_uninstall(const char *dir, const char *const *hooks,
		    struct strbuf *log, struct strbuf *err);

/*
 * Run the chained hook `<dir>/<hook>.gate-chained` if there is one, with
 * args and `input` on its stdin.  Returns its exit code (0 when there is
 * none), or -1 with err set when it cannot be started.
 */
int hooks_run_chained(const char *dir, const char *hook, char *const *args,
		      const char *input, size_t input_len, struct strbuf *err);

#endif
