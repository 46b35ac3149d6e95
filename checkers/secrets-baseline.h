#ifndef GATE_SECRETS_BASELINE_H
#define GATE_SECRETS_BASELINE_H

/*
 * The baseline of known secrets: a JSON file (written by `gate baseline`)
 * listing fingerprints, which are hashes of rule, secret and path.  A
 * finding whose fingerprint is listed is not reported, wherever in the
 * file the secret moves; a new secret still fails the gate.  The file
 * holds no secret, only hashes, so it can be committed.
 *
 *   { "schema": "gate.secrets-baseline/1",
 *     "secrets": [ { "fingerprint": "<64 hex>", "rule": "secrets/x",
 *                    "path": "config/app.yml" } ] }
 */

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

#define SECRETS_BASELINE_FILE ".gate-secrets-baseline.json"
#define SECRETS_BASELINE_SCHEMA "gate.secrets-baseline/1"

struct secrets_baseline_entry {
	const char *fingerprint, *rule, *path;
};

struct secrets_baseline {
	char **fps;		/* sorted */
	size_t nr;
	/* As listed in the file (`gate baseline` keeps them); strings
	 * owned by fps and `owned`. */
	struct secrets_baseline_entry *entries;
	char **owned;
	size_t owned_nr;
};

/*
 * Read a baseline.  A missing file is an empty baseline unless
 * `must_exist`.  Returns 0, or -1 with err set.
 */
int secrets_baseline_read(struct secrets_baseline *bl, const char *path,
			  bool must_exist, struct strbuf *err);
bool secrets_baseline_has(const struct secrets_baseline *bl, const char *fp);
void secrets_baseline_release(struct secrets_baseline *bl);

/* Write entries (sorted and deduplicated here).  Returns 0 or -1. */
int secrets_baseline_write(const char *path,
			   struct secrets_baseline_entry *entries, size_t nr,
			   struct strbuf *err);

#endif
