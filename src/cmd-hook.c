#include <git2.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "hooks.h"
#include "verdict.h"

static bool is_zero_oid(const char *hex)
{
	for (; *hex; hex++)
		if (*hex != '0')
			return false;
	return true;
}

static bool have_object(struct gate_repo *repo, const char *hex)
{
	git_odb *odb = NULL;
	git_oid id;
	bool ok;

	if (git_oid_fromstr(&id, hex) < 0 || git_repository_odb(&odb, repo->repo) < 0) {
		git_error_clear();
		return false;
	}
	ok = git_odb_exists(odb, &id);
	git_odb_free(odb);
	return ok;
}

static bool is_commit(struct gate_repo *repo, const char *hex)
{
	git_object *obj = NULL, *peeled = NULL;
	git_oid id;
	bool ok;

	if (git_oid_fromstr(&id, hex) < 0 ||
	    git_object_lookup(&obj, repo->repo, &id, GIT_OBJECT_ANY) < 0) {
		git_error_clear();
		return false;
	}
	ok = git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) == 0;
	git_error_clear();
	git_object_free(peeled);
	git_object_free(obj);
	return ok;
}

static void init_request(struct gate_request *req, struct gate_globals *g,
			 const char *hook)
{
	memset(req, 0, sizeof(*req));
	req->hook = hook;
	req->format = "text";
	/* Hooks talk on stderr, as git's own hooks do. */
	req->stream = stderr;
	req->color = g->color_err;
	req->timings = true;
	req->skip = getenv("GATE_SKIP");
}

/*
 * pre-push: stdin has one line per ref, "<local ref> <local oid> <remote
 * ref> <remote oid>".  Every ref is judged (not only the first), deletions
 * are skipped, and a new branch is judged by its commits that no
 * remote-tracking ref of this remote has.
 */
static int pre_push(struct gate_globals *g, struct gate_repo *repo,
		    const char *remote, const char *input)
{
	char *key = xstrfmt("remote.%s.url", remote), *url = NULL;
	char *glob;
	const char *line = input;
	int worst = 0;

	/* A configured remote, read from config directly: libgit2 1.5's
	 * git_remote_lookup() leaks PCRE2 match data on every call. */
	if (repo_config_string(repo, key, &url))
		glob = xstrfmt("refs/remotes/%s/*", remote);
	else
		glob = xstrdup("refs/remotes/*");	/* a push to a URL */
	free(url);
	free(key);

	while (line && *line) {
		const char *nl = strchr(line, '\n');
		char *copy = nl ? xstrndup(line, (size_t)(nl - line)) : xstrdup(line);
		char lref[4096], loid[128], rref[4096], roid[128];
		struct gate_request req;
		char *label;
		int code;

		line = nl ? nl + 1 : NULL;
		if (!*copy) {
			free(copy);
			continue;
		}
		if (sscanf(copy, "%4095s %127s %4095s %127s", lref, loid, rref,
			   roid) != 4) {
			/* Not what git sends: fail closed, never let it by. */
			gate_error(GATE_EXIT_INTERNAL, "cannot parse the pushed ref "
				   "line '%s'", copy);
			free(copy);
			worst = GATE_EXIT_INTERNAL;
			break;
		}
		free(copy);
		if (is_zero_oid(loid))
			continue;	/* deleting a remote ref adds nothing */
		if (!is_commit(repo, loid)) {
			/* A tag of a tree or blob has no commits to judge. */
			fprintf(stderr, "gate: pre-push: %s is not a commit; "
				"nothing to judge\n", lref);
			continue;
		}
		init_request(&req, g, "pre-push");
		req.load.kind = GATE_SUBJECT_RANGE;
		req.load.head = loid;
		if (!is_zero_oid(roid) && have_object(repo, roid))
			req.load.base = roid;
		else
			req.load.hide_glob = glob;
		label = xstrfmt("%s -> %s", lref, rref);
		req.label = label;
		code = gate_judge(g, repo, &req);
		free(label);
		if (code > worst)
			worst = code;
	}
	free(glob);
	return worst;
}

int cmd_hook(int argc, char **argv, struct gate_globals *g)
{
	struct strbuf err = STRBUF_INIT, dir = STRBUF_INIT, input = STRBUF_INIT;
	struct gate_request req;
	struct gate_repo repo;
	const char *hook;
	bool custom;
	int code;

	if (gate_wants_help(argc, argv, "hook"))
		return 0;
	if (argc < 2 || !hook_name_known(argv[1])) {
		gate_command_usage(stderr, "hook");
		return GATE_EXIT_USAGE;
	}
	hook = argv[1];
	if (getenv("GATE") && !strcmp(getenv("GATE"), "0"))
		return 0;
	if ((!strcmp(hook, "commit-msg") && argc != 3) ||
	    (!strcmp(hook, "pre-push") && argc != 4) ||
	    (!strcmp(hook, "pre-commit") && argc != 2)) {
		gate_command_usage(stderr, "hook");
		return GATE_EXIT_USAGE;
	}
	if (repo_open(&repo, &err) < 0) {
		code = gate_error(GATE_EXIT_USAGE, "%s", err.buf);
		strbuf_release(&err);
		return code;
	}
	if (!strcmp(hook, "pre-push") && strbuf_read_fd(&input, 0) < 0) {
		code = gate_error(GATE_EXIT_INTERNAL, "cannot read the pushed refs");
		goto out;
	}
	/* The hook that was there before gate runs first, as it did. */
	repo_hooks_dir(&repo, &dir, &custom, &err);
	code = hooks_run_chained(dir.buf, hook, argv + 2,
				 !strcmp(hook, "pre-push") ? input.buf : NULL,
				 input.len, &err);
	if (code < 0) {
		code = gate_error(GATE_EXIT_INTERNAL, "%s", err.buf);
		goto out;
	}
	if (code) {
		gate_error(code, "the chained %s hook failed (exit %d)", hook, code);
		goto out;
	}
	if (!strcmp(hook, "pre-push")) {
		code = pre_push(g, &repo, argv[2], input.buf);
		goto out;
	}
	init_request(&req, g, hook);
	if (!strcmp(hook, "commit-msg")) {
		req.load.kind = GATE_SUBJECT_MESSAGE;
		req.message_file = argv[2];
	} else {
		req.load.kind = GATE_SUBJECT_STAGED;
	}
	code = gate_judge(g, &repo, &req);
out:
	repo_close(&repo);
	strbuf_release(&err);
	strbuf_release(&dir);
	strbuf_release(&input);
	return code;
}
