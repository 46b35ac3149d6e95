#include "repo.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void repo_global_init(void)
{
	git_libgit2_init();
	/* Hooks must not be slowed by libgit2 verifying every object it
	 * reads; git itself does not either. */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	/* We run with the user's own repositories, which git accepts
	 * whatever their owner; do not refuse them here. */
	git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 0);
	/*
	 * libgit2 caches no blobs by default, so the diff and the content
	 * load would each inflate every changed blob.  Caching blobs up to
	 * the default content cap reads each once (256 MiB cache in all).
	 */
	repo_cache_blobs(true);
}

void repo_cache_blobs(bool on)
{
	git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_BLOB,
			 on ? (size_t)(10u << 20) : (size_t)0);
}

void repo_global_shutdown(void)
{
	git_libgit2_shutdown();
}

void repo_error(struct strbuf *err, const char *fmt, ...)
{
	const git_error *e = git_error_last();
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(err, fmt, ap);
	va_end(ap);
	if (e && e->message) {
		size_t len = strlen(e->message);

		strbuf_addstr(err, ": ");
		/* libgit2 messages sometimes end with a period or newline. */
		while (len && (e->message[len - 1] == '\n' ||
			       e->message[len - 1] == '.'))
			len--;
		strbuf_add(err, e->message, len);
	}
}

static char *with_slash(const char *p)
{
	size_t len = strlen(p);

	if (len && p[len - 1] == '/')
		return xstrdup(p);
	return xstrfmt("%s/", p);
}

int repo_open(struct gate_repo *r, struct strbuf *err)
{
	int ret;

	memset(r, 0, sizeof(*r));
	ret = git_repository_open_ext(&r->repo, NULL,
				      GIT_REPOSITORY_OPEN_FROM_ENV, NULL);
	if (ret == GIT_ENOTFOUND) {
		char cwd[PATH_MAX];

		strbuf_addf(err, "not a git repository (or any parent up to "
			    "the mount point): '%s'",
			    getcwd(cwd, sizeof(cwd)) ? cwd : ".");
		return -1;
	}
	if (ret < 0) {
		repo_error(err, "cannot open repository");
		return -1;
	}
	r->bare = git_repository_is_bare(r->repo);
	if (!r->bare && git_repository_workdir(r->repo))
		r->workdir = with_slash(git_repository_workdir(r->repo));
	r->gitdir = with_slash(git_repository_path(r->repo));
	r->commondir = with_slash(git_repository_commondir(r->repo));
	return 0;
}

void repo_close(struct gate_repo *r)
{
	git_repository_free(r->repo);
	free(r->workdir);
	free(r->gitdir);
	free(r->commondir);
	memset(r, 0, sizeof(*r));
}

int repo_config_string(struct gate_repo *r, const char *key, char **out)
{
	git_config *cfg = NULL;
	git_buf buf = { 0 };
	int ret;

	if (git_repository_config_snapshot(&cfg, r->repo) < 0)
		return 0;
	ret = git_config_get_string_buf(&buf, cfg, key);
	git_config_free(cfg);
	if (ret < 0) {
		git_error_clear();
		return 0;
	}
	*out = xstrdup(buf.ptr);
	git_buf_dispose(&buf);
	return 1;
}

int repo_hooks_dir(struct gate_repo *r, struct strbuf *out, bool *custom,
		   struct strbuf *err)
{
	char *hooks_path = NULL;

	*custom = false;
	if (repo_config_string(r, "core.hooksPath", &hooks_path) && *hooks_path) {
		*custom = true;
		if (hooks_path[0] == '~' && hooks_path[1] == '/') {
			const char *home = getenv("HOME");

			strbuf_addf(out, "%s%s", home ? home : "", hooks_path + 1);
		} else if (hooks_path[0] == '/') {
			strbuf_addstr(out, hooks_path);
		} else {
			/* git runs hooks from the top of the work tree (the
			 * git dir for bare repositories), and resolves a
			 * relative core.hooksPath from there. */
			strbuf_addf(out, "%s%s", r->workdir ? r->workdir :
				    r->gitdir, hooks_path);
		}
		free(hooks_path);
		while (out->len > 1 && out->buf[out->len - 1] == '/')
			strbuf_setlen(out, out->len - 1);
		return 0;
	}
	free(hooks_path);
	strbuf_addf(out, "%shooks", r->commondir);
	(void)err;
	return 0;
}

/* Normalise "a/./b/../c/" to "a/c" in place; -1 when ".." leaves the top. */
static int normalize_path(char *path)
{
	struct strbuf out = STRBUF_INIT;
	const char *p = path;

	while (*p) {
		const char *end = strchr(p, '/');
		size_t n = end ? (size_t)(end - p) : strlen(p);

		if (n == 2 && p[0] == '.' && p[1] == '.') {
			char *slash;

			if (!out.len) {
				strbuf_release(&out);
				return -1;
			}
			slash = strrchr(out.buf, '/');
			strbuf_setlen(&out, slash ? (size_t)(slash - out.buf) : 0);
		} else if (n && !(n == 1 && p[0] == '.')) {
			if (out.len)
				strbuf_addch(&out, '/');
			strbuf_add(&out, p, n);
		}
		p += n;
		if (*p == '/')
			p++;
	}
	/* The result is never longer than the input. */
	memcpy(path, out.buf, out.len + 1);
	strbuf_release(&out);
	return 0;
}

int repo_relative_paths(struct gate_repo *r, char *const *paths, size_t nr,
			char ***out, struct strbuf *err)
{
	char cwd[PATH_MAX], top[PATH_MAX];
	const char *prefix = "";
	size_t i, toplen;

	*out = xcalloc(nr + 1, sizeof(**out));
	if (!r->workdir || !getcwd(cwd, sizeof(cwd)) ||
	    !realpath(r->workdir, top)) {
		/* No work tree to be relative to: take the paths as given. */
		for (i = 0; i < nr; i++)
			(*out)[i] = xstrdup(paths[i]);
		return 0;
	}
	toplen = strlen(top);
	if (!strncmp(cwd, top, toplen) && cwd[toplen] == '/')
		prefix = cwd + toplen + 1;
	for (i = 0; i < nr; i++) {
		char *full;

		if (paths[i][0] == '/') {
			if (strncmp(paths[i], top, toplen) ||
			    (paths[i][toplen] && paths[i][toplen] != '/')) {
				strbuf_addf(err, "'%s' is outside the repository at "
					    "'%s'", paths[i], top);
				return -1;
			}
			full = xstrdup(paths[i] + toplen);
		} else {
			full = xstrfmt("%s%s%s", prefix, *prefix ? "/" : "",
				       paths[i]);
		}
		if (normalize_path(full) < 0) {
			strbuf_addf(err, "'%s' is outside the repository", paths[i]);
			free(full);
			return -1;
		}
		if (!*full) {
			free(full);
			full = xstrdup(".");
		}
		(*out)[i] = full;
	}
	return 0;
}
