#ifndef GATE_TEST_REPO_H
#define GATE_TEST_REPO_H

/*
 * A scratch git repository for the C unit tests that need a real one:
 * made under the build tree when run by make check (so distcheck's
 * read-only source tree and /tmp stay untouched), with git's system and
 * user configuration out of the way.  One per test program: `root`.
 */

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "util.h"

static char root[256];

/* Run CMD in the repository; a failed set-up ends the test. */
__attribute__((unused))
static void sh(const char *cmd)
{
	char *full = xstrfmt("cd '%s' && { %s ; } >/dev/null 2>&1", root, cmd);

	if (system(full) != 0) {
		printf("Bail out! setup failed: %s\n", cmd);
		exit(1);
	}
	free(full);
}

/* A fresh repository on branch main named after NAME; 0 or -1. */
__attribute__((unused))
static int test_repo_init(const char *name)
{
	char *mk;
	int ret;

	snprintf(root, sizeof(root), "%s/trash/%s-%d",
		 getenv("TEST_BUILDDIR") ? getenv("TEST_BUILDDIR") : "/tmp",
		 name, (int)getpid());
	mk = xstrfmt("rm -rf '%s' && mkdir -p '%s'", root, root);
	ret = system(mk) != 0 ? -1 : 0;
	free(mk);
	if (ret)
		return -1;
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	setenv("HOME", root, 1);
	sh("git init -q -b main . && git config user.name T && "
	   "git config user.email t@e");
	return 0;
}

__attribute__((unused))
static void test_repo_remove(void)
{
	char *rm = xstrfmt("rm -rf '%s'", root);

	if (chdir("/") == 0 && system(rm) != 0)
		printf("# could not remove %s\n", root);
	free(rm);
}

#endif
