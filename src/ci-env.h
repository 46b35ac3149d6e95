#ifndef GATE_CI_ENV_H
#define GATE_CI_ENV_H

/*
 * The pull-request title of the CI run gate is in, so `gate check` can
 * judge it without the user passing --title:
 *   GitHub Actions  $GITHUB_EVENT_PATH, the event payload (JSON), field
 *                   pull_request.title (pull_request, pull_request_target
 *                   and the other events that carry a pull request);
 *   GitLab CI       $CI_MERGE_REQUEST_TITLE in merge-request pipelines.
 */

#include "util.h"

/*
 * Returns 0 with *title and *source ("github" or "gitlab", both for the
 * caller to free) set, or 0 with *title NULL when no title is available
 * (not in CI, or an event without a pull request).  Returns -1 with a
 * message in err when the event payload cannot be read or parsed.
 */
int ci_env_pr_title(char **title, char **source, struct strbuf *err);

#endif
