#include "settings.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "glob.h"

static const char *const top_keys[] = {
	"version", "max-file-size", "checkers", NULL
};

static const char *const known_hooks[] = {
	"pre-commit", "commit-msg", "pre-push", NULL
};

static int load_globs(const struct ynode *node, const char *key,
		      const char ***out, struct strbuf *err)
{
	size_t nr = 0, i;
	int r = ynode_get_strings(node, key, out, &nr, err);

	if (r <= 0)
		return r;
	for (i = 0; i < nr; i++) {
		struct strbuf gerr = STRBUF_INIT;

		if (glob_validate((*out)[i], &gerr)) {
			const struct ynode *list = ynode_get(node, key);
			const struct ynode *at = list->kind == YNODE_SEQ ?
						 list->items[i] : list;

			ynode_error(err, at, "%s", gerr.buf);
			strbuf_release(&gerr);
			return -1;
		}
		strbuf_release(&gerr);
	}
	return 1;
}

static int load_checker(struct gate_checker_settings *cs,
			const struct ynode *node, struct strbuf *err)
{
	const char *sev = NULL;
	size_t nr = 0, i;

	cs->node = node;
	if (node->kind != YNODE_MAP) {
		/* "secrets: false" and "secrets: off" are handy shorthands. */
		bool on;

		if (yscalar_bool(node, &on) == 0) {
			cs->enabled = on;
			cs->node = NULL;
			return 0;
		}
		ynode_error(err, node, "checker '%s' must be a mapping or "
			    "true/false", cs->checker->name);
		return -1;
	}
	if (ynode_get_bool(node, "enabled", &cs->enabled, err) < 0)
		return -1;
	if (ynode_get_string(node, "severity", &sev, err) < 0)
		return -1;
	if (sev && gate_severity_parse(sev, &cs->severity)) {
		ynode_error(err, ynode_get(node, "severity"),
			    "'severity' must be one of error, warning, note, off");
		return -1;
	}
	if (load_globs(node, "paths", &cs->paths, err) < 0 ||
	    load_globs(node, "exclude", &cs->exclude, err) < 0)
		return -1;
	if (ynode_get_strings(node, "hooks", &cs->hooks, &nr, err) < 0)
		return -1;
	for (i = 0; i < nr; i++) {
		size_t k;
		bool ok = false;

		for (k = 0; known_hooks[k]; k++)
			ok = ok || !strcmp(cs->hooks[i], known_hooks[k]);
		if (!ok) {
			const struct ynode *list = ynode_get(node, "hooks");

			ynode_error(err, list->kind == YNODE_SEQ ?
				    list->items[i] : list,
				    "unknown hook '%s' (known: pre-commit, "
				    "commit-msg, pre-push)", cs->hooks[i]);
			return -1;
		}
	}
	return 0;
}

int settings_load(struct gate_settings *s, const char *dir,
		  const char *explicit_path, struct strbuf *err)
{
	const struct ynode *root, *checkers;
	long long v;
	size_t i;

	memset(s, 0, sizeof(*s));
	s->max_file_size = GATE_DEFAULT_MAX_FILE_SIZE;
	s->checkers = xcalloc(gate_checkers_nr, sizeof(*s->checkers));
	for (i = 0; i < gate_checkers_nr; i++) {
		s->checkers[i].checker = gate_checkers[i];
		s->checkers[i].enabled = gate_checkers[i]->default_enabled;
		s->checkers[i].severity = GATE_SEVERITY_ERROR;
	}
	if (explicit_path) {
		s->path = xstrdup(explicit_path);
	} else if (dir) {
		struct stat st;
		char *p = xstrfmt("%s%s.gate.yml", dir,
				  ends_with(dir, "/") ? "" : "/");

		if (stat(p, &st) == 0)
			s->path = p;
		else
			free(p);
	}
	if (!s->path)
		return 0;
	if (ydoc_load_file(&s->doc, s->path, err) < 0)
		return -1;
	root = s->doc.root;
	if (!root)
		return 0;
	if (ynode_check_keys(root, top_keys, NULL, "the configuration", err) < 0)
		return -1;
	if (ynode_get_int(root, "version", 1, 1, &v, err) < 0)
		return -1;
	if (ynode_get_int(root, "max-file-size", 1, 1LL << 40, &v, err) < 0)
		return -1;
	if (ynode_get(root, "max-file-size"))
		s->max_file_size = (uint64_t)v;
	checkers = ynode_get(root, "checkers");
	if (!checkers || yscalar_is_null(checkers))
		return 0;
	if (checkers->kind != YNODE_MAP) {
		ynode_error(err, checkers, "'checkers' must be a mapping of "
			    "checker names");
		return -1;
	}
	for (i = 0; i < checkers->nr; i++) {
		const char *name = checkers->keys[i]->value;
		const struct gate_checker *c = gate_checker_find(name);
		size_t k;

		if (!c) {
			ynode_error(err, checkers->keys[i], "unknown checker '%s' "
				    "(see 'gate list')", name);
			return -1;
		}
		for (k = 0; gate_checkers[k] != c; k++)
			;
		/* Naming a checker turns it on unless it says otherwise. */
		s->checkers[k].enabled = true;
		if (yscalar_is_null(checkers->items[i]))
			continue;
		if (load_checker(&s->checkers[k], checkers->items[i], err) < 0)
			return -1;
	}
	return 0;
}

void settings_release(struct gate_settings *s)
{
	size_t i;

	for (i = 0; s->checkers && i < gate_checkers_nr; i++) {
		free(s->checkers[i].paths);
		free(s->checkers[i].exclude);
		free(s->checkers[i].hooks);
	}
	free(s->checkers);
	free(s->path);
	ydoc_release(&s->doc);
	memset(s, 0, sizeof(*s));
}

bool settings_runs_on_hook(const struct gate_settings *s, size_t i,
			   const char *hook)
{
	const struct gate_checker_settings *c = &s->checkers[i];
	const char *const *h;

	if (!c->enabled || c->checker->unavailable)
		return false;
	if (!hook)
		return true;
	for (h = c->hooks ? c->hooks : c->checker->default_hooks; h && *h; h++)
		if (!strcmp(*h, hook))
			return true;
	return false;
}

static void dump_list(struct strbuf *out, const char *key,
		      const char *const *list)
{
	strbuf_addf(out, "    %s: [", key);
	for (; list && *list; list++)
		strbuf_addf(out, "'%s'%s", *list, list[1] ? ", " : "");
	strbuf_addstr(out, "]\n");
}

static void dump_node(struct strbuf *out, const struct ynode *n, int indent)
{
	size_t i;

	if (n->kind == YNODE_SCALAR) {
		strbuf_addf(out, " %s%s%s\n", n->quoted ? "'" : "", n->value,
			    n->quoted ? "'" : "");
		return;
	}
	strbuf_addch(out, '\n');
	for (i = 0; i < n->nr; i++) {
		strbuf_addf(out, "%*s", indent, "");
		if (n->kind == YNODE_MAP) {
			strbuf_addf(out, "%s:", n->keys[i]->value);
		} else {
			strbuf_addstr(out, "-");
		}
		dump_node(out, n->items[i], indent + 2);
	}
}

void settings_dump(const struct gate_settings *s, struct strbuf *out)
{
	size_t i, k;

	strbuf_addf(out, "# effective configuration; source: %s\n",
		    s->path ? s->path : "built-in defaults");
	strbuf_addstr(out, "version: 1\n");
	strbuf_addf(out, "max-file-size: %llu\n",
		    (unsigned long long)s->max_file_size);
	strbuf_addstr(out, "checkers:\n");
	for (i = 0; i < gate_checkers_nr; i++) {
		const struct gate_checker_settings *c = &s->checkers[i];

		strbuf_addf(out, "  %s:\n", c->checker->name);
		strbuf_addf(out, "    enabled: %s\n", c->enabled ? "true" : "false");
		strbuf_addf(out, "    severity: %s\n", gate_severity_name(c->severity));
		dump_list(out, "hooks", c->hooks ? c->hooks :
			  c->checker->default_hooks);
		if (c->paths)
			dump_list(out, "paths", c->paths);
		if (c->exclude)
			dump_list(out, "exclude", c->exclude);
		if (!c->node)
			continue;
		for (k = 0; k < c->node->nr; k++) {
			const char *key = c->node->keys[k]->value;
			const char *const *ck;
			bool common = false;

			for (ck = gate_common_checker_keys; *ck; ck++)
				common = common || !strcmp(*ck, key);
			if (common)
				continue;
			strbuf_addf(out, "    %s:", key);
			dump_node(out, c->node->items[k], 6);
		}
	}
}

const char gate_starter_config[] =
"# .gate.yml: configuration of gate (see 'gate config' for the effective\n"
"# values and docs/configuration.md for every key).  Every key has a\n"
"# default, so this file may stay short.\n"
"version: 1\n"
"\n"
"# Files larger than this are not read; checkers note them as skipped.\n"
"# max-file-size: 10485760\n"
"\n"
"checkers:\n"
"  # Whitespace and file hygiene on added lines (pre-commit, pre-push).\n"
"  hygiene:\n"
"    severity: error          # error blocks, warning reports, off\n"
"    # exclude: ['vendor/', '*.min.js']\n"
"    # max-size: 524288        # files-over-size-limit, in bytes\n"
"    # tabs-after-spaces: false\n"
"\n"
"  # Credentials in added lines (pre-commit, pre-push) and in CI.\n"
"  # secrets:\n"
"  #   allowlist:\n"
"  #     paths: ['**/testdata/**']\n"
"\n"
"  # Conventional Commits titles (commit-msg, pre-push, CI PR titles).\n"
"  # commit-title:\n"
"  #   mode: commitlint         # or spec\n"
"\n"
"  # Size label and limit of a push or CI range.\n"
"  # pr-size:\n"
"  #   fail-on: XL\n"
"\n"
"  # Coverage thresholds from test reports (CI).\n"
"  # coverage:\n"
"  #   reports: [coverage.lcov]\n"
"  #   diff: 80\n";
