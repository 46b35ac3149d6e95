#include "hooks.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "shim-template.h"

const char *const gate_hook_names[] = {
	"pre-commit", "commit-msg", "pre-push", NULL
};

bool hook_name_known(const char *name)
{
	const char *const *h;

	for (h = gate_hook_names; *h; h++)
		if (!strcmp(*h, name))
			return true;
	return false;
}

/* Single-quote s for sh. */
static void sh_quote(struct strbuf *sb, const char *s)
{
	strbuf_addch(sb, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			strbuf_addstr(sb, "'\\''");
		else
			strbuf_addch(sb, *s);
	}
	strbuf_addch(sb, '\'');
}

void hook_shim_text(struct strbuf *out, const char *hook, const char *gate_bin)
{
	const char *p = gate_shim_template;

	while (*p) {
		if (starts_with(p, "@GATE_BIN@")) {
			sh_quote(out, gate_bin);
			p += strlen("@GATE_BIN@");
		} else if (starts_with(p, "@HOOK@")) {
			strbuf_addstr(out, hook);
			p += strlen("@HOOK@");
		} else {
			strbuf_addch(out, *p++);
		}
	}
}

static bool is_our_shim(const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	bool ours = false;

	if (strbuf_read_file(&sb, path, 1 << 20) == 0)
		ours = strstr(sb.buf, GATE_SHIM_MARKER) != NULL;
	strbuf_release(&sb);
	return ours;
}

static bool exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

static int mkdir_p(const char *dir, struct strbuf *err)
{
	char *copy = xstrdup(dir), *p;

	for (p = copy + 1; ; p++) {
		if (*p == '/' || !*p) {
			char c = *p;

			*p = '\0';
			if (mkdir(copy, 0777) < 0 && errno != EEXIST) {
				strbuf_addf(err, "cannot create '%s': %s", copy,
					    strerror(errno));
				free(copy);
				return -1;
			}
			*p = c;
			if (!c)
				break;
		}
	}
	free(copy);
	return 0;
}

/* Write atomically: a temporary file renamed over the target. */
static int write_executable(const char *path, const char *text,
			    struct strbuf *err)
{
	char *tmp = xstrfmt("%s.gate-tmp", path);
	size_t len = strlen(text);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0755);

	if (fd < 0 || write(fd, text, len) != (ssize_t)len || fsync(fd) < 0) {
		strbuf_addf(err, "cannot write '%s': %s", tmp, strerror(errno));
		if (fd >= 0)
			close(fd);
		unlink(tmp);
		free(tmp);
		return -1;
	}
	close(fd);
	/* open()'s mode is filtered by the umask; hooks must be executable. */
	chmod(tmp, 0755);
	if (rename(tmp, path) < 0) {
		strbuf_addf(err, "cannot install '%s': %s", path, strerror(errno));
		unlink(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	return 0;
}

int hooks_install(const char *dir, const char *const *hooks,
		  const char *gate_bin, bool force, struct strbuf *log,
		  struct strbuf *err)
{
	const char *const *h;

	if (mkdir_p(dir, err) < 0)
		return -1;
	for (h = hooks; *h; h++) {
		char *path = xstrfmt("%s/%s", dir, *h);
		char *chained = xstrfmt("%s%s", path, GATE_CHAINED_SUFFIX);
		struct strbuf shim = STRBUF_INIT;
		int ret = 0;

		if (exists(path) && !is_our_shim(path)) {
			if (exists(chained) && !force) {
				strbuf_addf(err, "'%s' exists and so does '%s' from an "
					    "earlier install; remove one, or use "
					    "--force to keep the current hook as "
					    "the chained one", path, chained);
				ret = -1;
			} else if (rename(path, chained) < 0) {
				strbuf_addf(err, "cannot keep '%s' as '%s': %s", path,
					    chained, strerror(errno));
				ret = -1;
			} else {
				strbuf_addf(log, "kept existing %s hook as '%s'; "
					    "it still runs first\n", *h, chained);
			}
		}
		if (!ret) {
			hook_shim_text(&shim, *h, gate_bin);
			ret = write_executable(path, shim.buf, err);
			if (!ret)
				strbuf_addf(log, "installed %s hook in '%s'\n", *h, dir);
		}
		strbuf_release(&shim);
		free(path);
		free(chained);
		if (ret)
			return -1;
	}
	return 0;
}

int hooks_uninstall(const char *dir, const char *const *hooks,
		    struct strbuf *log, struct strbuf *err)
{
	const char *const *h;

	for (h = hooks; *h; h++) {
		char *path = xstrfmt("%s/%s", dir, *h);
		char *chained = xstrfmt("%s%s", path, GATE_CHAINED_SUFFIX);
		int ret = 0;

		if (exists(path) && !is_our_shim(path)) {
			strbuf_addf(log, "left %s alone: it is not gate's\n", path);
		} else {
			if (exists(path) && unlink(path) < 0) {
				strbuf_addf(err, "cannot remove '%s': %s", path,
					    strerror(errno));
				ret = -1;
			} else if (exists(chained)) {
				if (rename(chained, path) < 0) {
					strbuf_addf(err, "cannot restore '%s': %s",
						    path, strerror(errno));
					ret = -1;
				} else {
					strbuf_addf(log, "restored the original %s "
						    "hook\n", *h);
				}
			} else {
				strbuf_addf(log, "removed %s hook\n", *h);
			}
		}
		free(path);
		free(chained);
		if (ret)
			return -1;
	}
	return 0;
}

int hooks_run_chained(const char *dir, const char *hook, char *const *args,
		      const char *input, size_t input_len, struct strbuf *err)
{
	char *path = xstrfmt("%s/%s%s", dir, hook, GATE_CHAINED_SUFFIX);
	int pipefd[2] = { -1, -1 }, status, ret = -1;
	size_t nargs = 0, i;
	char **argv;
	pid_t pid;

	if (access(path, X_OK) < 0) {
		free(path);
		return 0;
	}
	while (args && args[nargs])
		nargs++;
	argv = xcalloc(nargs + 2, sizeof(*argv));
	argv[0] = path;
	for (i = 0; i < nargs; i++)
		argv[i + 1] = args[i];
	if (input && pipe(pipefd) < 0) {
		strbuf_addf(err, "cannot create a pipe: %s", strerror(errno));
		goto out;
	}
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		strbuf_addf(err, "cannot run '%s': %s", path, strerror(errno));
		goto out;
	}
	if (pid == 0) {
		if (input) {
			dup2(pipefd[0], 0);
			close(pipefd[0]);
			close(pipefd[1]);
		}
		execv(path, argv);
		if (errno == ENOEXEC) {
			/* A hook without "#!" is a shell script to git
			 * (run-command retries with sh); keep it working. */
			char **shargv = xcalloc(nargs + 3, sizeof(*shargv));

			shargv[0] = "sh";
			memcpy(shargv + 1, argv, (nargs + 1) * sizeof(*argv));
			execv("/bin/sh", shargv);
		}
		fprintf(stderr, "gate: cannot run '%s': %s\n", path, strerror(errno));
		_exit(126);
	}
	if (input) {
		void (*old)(int) = signal(SIGPIPE, SIG_IGN);
		size_t off = 0;

		close(pipefd[0]);
		pipefd[0] = -1;
		/* A hook that does not read its input is fine (EPIPE). */
		while (off < input_len) {
			ssize_t n = write(pipefd[1], input + off, input_len - off);

			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				break;
			off += (size_t)n;
		}
		close(pipefd[1]);
		pipefd[1] = -1;
		signal(SIGPIPE, old);
	}
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			strbuf_addf(err, "cannot wait for '%s': %s", path,
				    strerror(errno));
			goto out;
		}
	}
	ret = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
out:
	if (pipefd[0] >= 0)
		close(pipefd[0]);
	if (pipefd[1] >= 0)
		close(pipefd[1]);
	free(argv);
	free(path);
	return ret;
}
