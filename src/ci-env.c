/*
 * Pull-request titles from the CI environment.  Only the variables the
 * CI systems document are read; nothing is guessed from branch names.
 */
#include "ci-env.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define CI_ENV_MAX_PAYLOAD (64 << 20)

static int github_title(const char *path, char **title,
			struct strbuf *err)
{
	json_error_t jerr;
	json_t *root, *pr, *t;
	struct stat st;

	/*
	 * GitHub caps webhook payloads at 25 MB and the ones a workflow
	 * sees are a few hundred KB; jansson would build the whole tree of
	 * anything bigger, so refuse it before reading.
	 */
	if (!stat(path, &st) && st.st_size > CI_ENV_MAX_PAYLOAD) {
		strbuf_addf(err, "cannot read '%s' (GITHUB_EVENT_PATH): %lld "
			    "bytes, over the %d MiB an event payload may have",
			    path, (long long)st.st_size,
			    CI_ENV_MAX_PAYLOAD >> 20);
		return -1;
	}
	root = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
	if (!root) {
		strbuf_addf(err, "cannot parse '%s' (GITHUB_EVENT_PATH): "
			    "line %d: %s", path, jerr.line, jerr.text);
		return -1;
	}
	pr = json_object_get(root, "pull_request");
	t = pr ? json_object_get(pr, "title") : NULL;
	if (t && json_is_string(t))
		*title = xstrndup(json_string_value(t), json_string_length(t));
	json_decref(root);
	return 0;
}

int ci_env_pr_title(char **title, char **source, struct strbuf *err)
{
	const char *path = getenv("GITHUB_EVENT_PATH");
	const char *gitlab = getenv("CI_MERGE_REQUEST_TITLE");

	*title = NULL;
	*source = NULL;
	if (path && *path) {
		if (github_title(path, title, err) < 0)
			return -1;
		if (*title) {
			*source = xstrdup("github");
			return 0;
		}
	}
	if (gitlab && *gitlab) {
		*title = xstrdup(gitlab);
		*source = xstrdup("gitlab");
	}
	return 0;
}
