#include "changeset.h"

#include <git2.h>
#include <stdlib.h>
#include <string.h>

#include "changeset-load.h"
#include "repo.h"

const char *gate_subject_name(enum gate_subject_kind kind)
{
	switch (kind) {
	case GATE_SUBJECT_STAGED: return "staged";
	case GATE_SUBJECT_RANGE: return "range";
	case GATE_SUBJECT_ALL_FILES: return "all-files";
	case GATE_SUBJECT_FILES: return "files";
	case GATE_SUBJECT_MESSAGE: return "message";
	}
	GATE_BUG("bad subject kind %d", (int)kind);
}

bool gate_file_line_added(const struct gate_file *f, uint32_t line)
{
	size_t lo = 0, hi = f->added_nr;

	/* Ranges are sorted and disjoint: binary search. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct gate_line_range *r = &f->added[mid];

		if (line < r->start)
			hi = mid;
		else if (line >= r->start + r->count)
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

void changeset_add_note(struct gate_changeset *cs, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	ALLOC_GROW(cs->notes, cs->notes_nr + 1, cs->notes_alloc);
	cs->notes[cs->notes_nr++] = strbuf_detach(&sb, NULL);
}

void changeset_add_message(struct gate_changeset *cs,
			   enum gate_message_kind kind, const char *text,
			   size_t len, const char *source)
{
	struct gate_message *m;

	ALLOC_GROW(cs->messages, cs->messages_nr + 1, cs->messages_alloc);
	m = &cs->messages[cs->messages_nr++];
	memset(m, 0, sizeof(*m));
	m->kind = kind;
	m->text = xstrndup(text, len);
	m->len = len;
	m->source = source ? xstrdup(source) : NULL;
	m->commit = -1;
	m->comment_char = '#';
}

void loader_oid_hex(char *out, const git_oid *id)
{
	if (!id || git_oid_is_zero(id)) {
		out[0] = '\0';
		return;
	}
	git_oid_tostr(out, GATE_OID_HEX + 1, id);
}

size_t changeset_messages_held(const struct gate_changeset *cs)
{
	size_t i, n = 0;

	for (i = 0; i < cs->messages_nr; i++)
		n += cs->messages[i].kind == GATE_MESSAGE_COMMIT &&
		     cs->messages[i].text;
	return n;
}

static int file_cmp(const void *a, const void *b)
{
	const struct gate_file *x = a, *y = b;

	return strcmp(x->path, y->path);
}

/* linguist-generated, linguist-vendored and -diff, as GitHub reads them. */
static void load_attributes(struct loader *ld)
{
	struct gate_changeset *cs = ld->cs;
	git_attr_options ao;
	git_oid head;
	size_t i;

	if (!cs->files_nr)
		return;
	memset(&ao, 0, sizeof(ao));
	ao.version = GIT_ATTR_OPTIONS_VERSION;
	cs->attr_generated = xcalloc(cs->files_nr, sizeof(char *));
	if (cs->kind == GATE_SUBJECT_RANGE && cs->head_oid[0]) {
		/* Judge a range by the attributes its head commit carries. */
		git_oid_fromstr(&head, cs->head_oid);
		ao.flags = GIT_ATTR_CHECK_INCLUDE_COMMIT | GIT_ATTR_CHECK_INDEX_ONLY |
			   GIT_ATTR_CHECK_NO_SYSTEM;
		git_oid_cpy(&ao.attr_commit_id, &head);
	} else {
		ao.flags = GIT_ATTR_CHECK_INDEX_ONLY | GIT_ATTR_CHECK_NO_SYSTEM;
	}
	for (i = 0; i < cs->files_nr; i++) {
		static const char *names[] = { "linguist-generated",
			"linguist-vendored", "diff" };
		const char *values[3] = { NULL, NULL, NULL };

		if (git_attr_get_many_ext(values, ld->repo, &ao, cs->files[i].path,
					  3, names) < 0) {
			git_error_clear();
			continue;
		}
		if (GIT_ATTR_IS_TRUE(values[0]))
			cs->attr_generated[i] = "generated";
		else if (GIT_ATTR_IS_TRUE(values[1]))
			cs->attr_generated[i] = "vendored";
		else if (GIT_ATTR_IS_FALSE(values[2]))
			cs->attr_generated[i] = "-diff";
	}
}

int changeset_load(struct gate_changeset *cs,
		   const struct gate_load_options *opts,
		   struct strbuf *err, bool *usage_error)
{
	struct loader ld = { .cs = cs, .opts = opts, .repo = opts->repo->repo,
			     .err = err, .usage_error = usage_error };
	git_repository *bare = NULL;
	int ret = 0;

	*usage_error = false;
	cs->kind = opts->kind;
	cs->repo_dir = xstrdup(opts->repo->workdir ? opts->repo->workdir :
			       opts->repo->gitdir);
	cs->git_dir = xstrdup(opts->repo->gitdir);
	cs->base_rev = opts->base ? xstrdup(opts->base) : NULL;
	cs->head_rev = opts->head ? xstrdup(opts->head) : NULL;
	switch (opts->kind) {
	case GATE_SUBJECT_STAGED:
		ret = loader_load_staged(&ld);
		break;
	case GATE_SUBJECT_RANGE:
		/*
		 * A range is judged from commits alone.  A handle without the
		 * work tree keeps libgit2 from looking there: no .gitattributes
		 * of the checkout leaks into the verdict, and a 10,000-file
		 * range saves ~180,000 readlink() and stat() calls.
		 */
		if (!opts->repo->bare &&
		    git_repository_open_bare(&bare, opts->repo->commondir) == 0)
			ld.objects_only = bare;
		git_error_clear();
		ret = loader_load_range(&ld);
		/* Each commit's files are read when the run judges it. */
		if (!ret && (opts->needs & GATE_NEED_COMMIT_FILES))
			loader_reader_new(&ld, &bare);
		break;
	case GATE_SUBJECT_ALL_FILES:
	case GATE_SUBJECT_FILES:
		ret = loader_load_index_files(&ld);
		break;
	case GATE_SUBJECT_MESSAGE:
		break;
	}
	if (!ret && cs->files_nr)
		qsort(cs->files, cs->files_nr, sizeof(*cs->files), file_cmp);
	if (!ret && (opts->needs & GATE_NEED_ATTRIBUTES))
		load_attributes(&ld);
	git_repository_free(bare);
	return ret ? -1 : 0;
}

void loader_file_release(struct gate_file *f)
{
	free(f->path);
	free(f->old_path);
	free((char *)f->data);
	free(f->added);
}

void changeset_release(struct gate_changeset *cs)
{
	size_t i;

	for (i = 0; i < cs->files_nr; i++)
		loader_file_release(&cs->files[i]);
	free(cs->files);
	for (i = 0; i < cs->commits_nr; i++) {
		struct gate_commit *c = &cs->commits[i];

		free(c->summary);
		free(c->author);
	}
	free(cs->commits);
	for (i = 0; i < cs->messages_nr; i++) {
		free(cs->messages[i].text);
		free(cs->messages[i].source);
	}
	free(cs->messages);
	for (i = 0; i < cs->notes_nr; i++)
		free(cs->notes[i]);
	free(cs->notes);
	free(cs->attr_generated);
	loader_reader_free(cs->reader);
	free(cs->repo_dir);
	free(cs->git_dir);
	free(cs->base_rev);
	free(cs->head_rev);
	memset(cs, 0, sizeof(*cs));
}
