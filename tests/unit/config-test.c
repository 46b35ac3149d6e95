#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "settings.h"
#include "tap.h"

static int parse(struct ydoc *doc, const char *text, struct strbuf *err)
{
	strbuf_reset(err);
	return ydoc_parse(doc, ".gate.yml", text, strlen(text), err);
}

/* The error for a settings file holding `text`. */
static const char *settings_error(const char *text, struct strbuf *err)
{
	char path[] = "/tmp/gate-config-test-XXXXXX";
	struct gate_settings s;
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");

	fputs(text, f);
	fclose(f);
	strbuf_reset(err);
	if (settings_load(&s, NULL, path, err) == 0)
		strbuf_reset(err);
	settings_release(&s);
	unlink(path);
	/* Drop the temporary path so tests compare what follows it. */
	return err->len ? strchr(err->buf, ':') + 1 : "";
}

int main(void)
{
	struct strbuf err = STRBUF_INIT;
	struct ydoc doc;
	const struct ynode *n;
	const char **list;
	size_t nr = 0;
	long long i = 0;
	bool b = false;
	const char *s = NULL;

	ok(parse(&doc, "a: 1\nb: [x, y]\nc:\n  d: true\n", &err) == 0,
	   "parses a small document");
	ok(doc.root && doc.root->kind == YNODE_MAP, "root is a mapping");
	is_int(ynode_get_int(doc.root, "a", 0, 10, &i, &err), 1, "int read");
	is_int(i, 1, "int value");
	is_int(ynode_get_strings(doc.root, "b", &list, &nr, &err), 1, "list read");
	is_int(nr, 2, "list length");
	is_str(list[1], "y", "list item");
	free(list);
	n = ynode_get(doc.root, "c");
	is_int(ynode_get_bool(n, "d", &b, &err), 1, "bool read");
	ok(b, "bool value");
	is_int(ynode_get_string(doc.root, "missing", &s, &err), 0, "absent key");
	is_int(ynode_get_int(doc.root, "a", 5, 10, &i, &err), -1, "range checked");
	ok(strstr(err.buf, ".gate.yml:1:4: 'a' must be between 5 and 10") != NULL,
	   "range error has file:line:column: %s", err.buf);
	strbuf_reset(&err);
	is_int(ynode_get_int(doc.root, "b", 0, 10, &i, &err), -1, "type checked");
	ok(strstr(err.buf, ".gate.yml:2:4:") != NULL, "type error position: %s",
	   err.buf);
	ydoc_release(&doc);

	ok(parse(&doc, "a: [1, 2\n", &err) < 0, "malformed YAML fails");
	ok(strstr(err.buf, ".gate.yml:2:1:") != NULL ||
	   strstr(err.buf, ".gate.yml:1:") != NULL,
	   "malformed YAML error names file and line: %s", err.buf);
	ydoc_release(&doc);
	ok(parse(&doc, "a: 1\na: 2\n", &err) < 0, "duplicate keys refused");
	ok(strstr(err.buf, ".gate.yml:2:1: duplicate key 'a' (first at line 1)") != NULL,
	   "duplicate key message: %s", err.buf);
	ydoc_release(&doc);
	ok(parse(&doc, "a: &x 1\nb: *x\n", &err) < 0, "anchors refused");
	ydoc_release(&doc);
	ok(parse(&doc, "", &err) == 0 && !doc.root, "empty file is no config");
	ydoc_release(&doc);
	ok(parse(&doc, "# only a comment\n", &err) == 0 && !doc.root,
	   "comment-only file is no config");
	ydoc_release(&doc);
	ok(parse(&doc, "a: 1\n---\nb: 2\n", &err) < 0, "two documents refused");
	ydoc_release(&doc);
	ok(parse(&doc, "a: \"\\x00\"\n", &err) == 0, "escaped NUL in a string parses");
	ydoc_release(&doc);
	{
		char bad[] = "a: 1\n\0b: 2\n";

		strbuf_reset(&err);
		ok(ydoc_parse(&doc, "x.yml", bad, sizeof(bad) - 1, &err) < 0,
		   "raw NUL byte refused");
		ydoc_release(&doc);
	}
	{
		/* Deep nesting is refused, not a stack overflow. */
		struct strbuf deep = STRBUF_INIT;
		int k;

		for (k = 0; k < 200; k++)
			strbuf_addch(&deep, '[');
		ok(parse(&doc, deep.buf, &err) < 0, "deep nesting refused");
		ydoc_release(&doc);
		strbuf_release(&deep);
	}

	/* Settings: unknown keys and bad values name file, line and column. */
	is_str(settings_error("version: 1\nchekers: {}\n", &err),
	       "2:1: unknown key 'chekers' in the configuration",
	       "unknown top-level key");
	is_str(settings_error("checkers:\n  nope: {}\n", &err),
	       "2:3: unknown checker 'nope' (see 'gate list')",
	       "unknown checker");
	is_str(settings_error("checkers:\n  hygiene:\n    severity: loud\n", &err),
	       "3:15: 'severity' must be one of error, warning, note, off",
	       "bad severity");
	is_str(settings_error("checkers:\n  hygiene:\n    exclude: ['a[b']\n", &err),
	       "3:15: unclosed '[' in glob 'a[b'", "bad glob");
	is_str(settings_error("checkers:\n  hygiene:\n    hooks: [pre-merge]\n", &err),
	       "3:13: unknown hook 'pre-merge' (known: pre-commit, commit-msg, pre-push)",
	       "bad hook name");
	is_str(settings_error("checkers:\n  hygiene:\n    enabled: maybe\n", &err),
	       "3:14: 'enabled' must be true or false", "bad bool");
	is_str(settings_error("max-file-size: lots\n", &err),
	       "1:16: 'max-file-size' must be a whole number", "bad number");
	is_str(settings_error("", &err), "", "empty file is fine");
	is_str(settings_error("checkers:\n  hygiene: false\n", &err), "",
	       "checker shorthand false");
	{
		struct gate_settings st;

		ok(settings_load(&st, NULL, "/nonexistent/gate.yml", &err) < 0,
		   "missing explicit config is an error");
		ok(strstr(err.buf, "cannot read '/nonexistent/gate.yml'") != NULL,
		   "missing file message: %s", err.buf);
		settings_release(&st);
	}
	strbuf_release(&err);
	return tap_done();
}
