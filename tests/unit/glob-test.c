#include <stdbool.h>
#include <string.h>

#include "glob.h"
#include "tap.h"

static void match(const char *pattern, const char *path, bool want)
{
	ok(glob_match(pattern, path) == want, "'%s' %s '%s'", pattern,
	   want ? "matches" : "does not match", path);
}

int main(void)
{
	struct strbuf err = STRBUF_INIT;
	const char *inc[] = { "src/", NULL };
	const char *exc[] = { "*.min.js", NULL };

	/* A pattern without a slash matches the base name at any depth. */
	match("go.sum", "go.sum", true);
	match("go.sum", "mod/go.sum", true);
	match("*.lock", "a/b/Cargo.lock", true);
	match("*.lock", "a/b/Cargo.lock.txt", false);
	/* '*' and '?' never cross '/'. */
	match("src/*.c", "src/a.c", true);
	match("src/*.c", "src/sub/a.c", false);
	match("a?c", "a/c", false);
	match("a?c", "abc", true);
	/* A slash anchors the pattern at the root. */
	match("src/a.c", "lib/src/a.c", false);
	match("/README", "README", true);
	match("/README", "doc/README", false);
	/* '**' crosses directories. */
	match("**/testdata/**", "testdata/x", true);
	match("**/testdata/**", "a/b/testdata/c/d", true);
	match("src/**/*.c", "src/a.c", true);
	match("src/**/*.c", "src/x/y/a.c", true);
	match("src/**", "src/x/y", true);
	match("src/**", "srcx/y", false);
	/* A trailing slash means the directory and all inside it. */
	match("vendor/", "vendor/a/b.go", true);
	match("vendor/", "x/vendor/a.go", true);
	match("vendor/", "vendorx/a.go", false);
	match("vendor/", "vendor", false);
	/* Classes. */
	match("*.[ch]", "x.h", true);
	match("*.[!ch]", "x.h", false);
	match("[a-c]*", "banana", true);
	match("[a-c]*", "dog", false);
	match("\\*.txt", "*.txt", true);
	match("\\*.txt", "a.txt", false);
	match("a b/*", "a b/c d", true);

	{
		/* Many stars: exponential backtracking would never finish. */
		struct strbuf pat = STRBUF_INIT, path = STRBUF_INIT;
		int i;

		for (i = 0; i < 40; i++)
			strbuf_addstr(&pat, i % 2 ? "*a" : "**a");
		strbuf_addstr(&pat, "b");
		for (i = 0; i < 200; i++)
			strbuf_addstr(&path, i % 10 ? "a" : "a/");
		ok(!glob_match(pat.buf, path.buf), "40 stars against 200 bytes: no match, quickly");
		strbuf_addch(&path, 'b');
		ok(glob_match(pat.buf, path.buf), "40 stars against 201 bytes: match");
		strbuf_release(&pat);
		strbuf_release(&path);
	}

	ok(glob_validate("src/[ab", &err) < 0, "unclosed class is invalid");
	ok(strstr(err.buf, "unclosed") != NULL, "error says why: %s", err.buf);
	strbuf_reset(&err);
	ok(glob_validate("", &err) < 0, "empty pattern is invalid");
	strbuf_reset(&err);
	ok(glob_validate("src/**/[ab].c", &err) == 0, "valid pattern accepted");

	ok(glob_selected(inc, exc, "src/a.js"), "included and not excluded");
	ok(!glob_selected(inc, exc, "src/a.min.js"), "excluded wins");
	ok(!glob_selected(inc, exc, "lib/a.js"), "not included");
	ok(glob_selected(NULL, exc, "lib/a.js"), "no include list: all");
	strbuf_release(&err);
	return tap_done();
}
