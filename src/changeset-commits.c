/*
 * The commits of a range: revisions resolved to commits, the commits
 * listed oldest first, and their messages as stored.
 */

#include <git2.h>
#include <stdlib.h>
#include <string.h>

#include "changeset-load.h"
#include "repo.h"

int loader_resolve_commit(struct loader *ld, const char *rev, git_oid *out)
{
	git_object *obj = NULL, *peeled = NULL;

	if (git_revparse_single(&obj, ld->repo, rev) < 0) {
		repo_error(ld->err, "unknown revision '%s'", rev);
		if (git_repository_is_shallow(ld->repo))
			strbuf_addstr(ld->err, " (this is a shallow clone: fetch "
				      "more history, e.g. fetch-depth: 0)");
		*ld->usage_error = true;
		return -1;
	}
	if (git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) < 0) {
		repo_error(ld->err, "'%s' is not a commit", rev);
		*ld->usage_error = true;
		git_object_free(obj);
		return -1;
	}
	git_oid_cpy(out, git_object_id(peeled));
	git_object_free(peeled);
	git_object_free(obj);
	return 0;
}

static char *first_line(const char *msg)
{
	const char *nl = strchr(msg, '\n');

	return nl ? xstrndup(msg, (size_t)(nl - msg)) : xstrdup(msg);
}

/*
 * The message of commit id as stored, NUL bytes included, into *out
 * (the caller frees it): libgit2 hands it out as a C string, which would
 * hide everything after a NUL from the checkers.  Returns 0, or -1 when
 * the commit cannot be read.
 */
int loader_read_message(git_repository *repo, const git_oid *id,
			char **out, size_t *len)
{
	git_odb *odb = NULL;
	git_odb_object *obj = NULL;
	git_commit *c = NULL;
	const char *data, *body;
	size_t size;

	*out = NULL;
	*len = 0;
	if (git_repository_odb(&odb, repo) == 0 &&
	    git_odb_read(&obj, odb, id) == 0) {
		data = git_odb_object_data(obj);
		size = git_odb_object_size(obj);
		body = memmem(data, size, "\n\n", 2);
		if (body) {
			body += 2;
			*len = size - (size_t)(body - data);
			*out = xstrndup(body, *len);
		}
	}
	git_odb_object_free(obj);
	git_odb_free(odb);
	git_error_clear();
	if (*out)
		return 0;
	if (git_commit_lookup(&c, repo, id) < 0)
		return -1;
	*out = xstrdup(git_commit_message_raw(c));
	*len = strlen(*out);
	git_commit_free(c);
	return 0;
}

/* A commit's message for the message checkers: the change set owns it. */
static void add_commit_message(struct gate_changeset *cs, char *text,
			       size_t len, size_t commit)
{
	struct gate_message *m;

	ALLOC_GROW(cs->messages, cs->messages_nr + 1, cs->messages_alloc);
	m = &cs->messages[cs->messages_nr++];
	memset(m, 0, sizeof(*m));
	m->kind = GATE_MESSAGE_COMMIT;
	m->text = text;
	m->len = len;
	m->source = xstrdup(cs->commits[commit].oid);
	m->commit = (long)commit;
	m->comment_char = '#';
}

/* List head's commits not reachable from base (or from the hidden
 * remote-tracking refs), oldest first. */
int loader_load_commits(struct loader *ld, const git_oid *head,
			const git_oid *base)
{
	struct gate_changeset *cs = ld->cs;
	git_revwalk *walk = NULL;
	git_oid id;
	int ret = -1, r;

	if (git_revwalk_new(&walk, ld->repo) < 0)
		goto fail;
	git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE);
	if (git_revwalk_push(walk, head) < 0)
		goto fail;
	if (base && git_revwalk_hide(walk, base) < 0)
		goto fail;
	if (ld->opts->hide_glob) {
		r = git_revwalk_hide_glob(walk, ld->opts->hide_glob);
		if (r < 0 && r != GIT_ENOTFOUND)
			goto fail;
	}
	while ((r = git_revwalk_next(&id, walk)) == 0) {
		git_commit *c = NULL;
		struct gate_commit *gc;
		const git_signature *a;
		char *msg;
		size_t msg_len;

		if (git_commit_lookup(&c, ld->repo, &id) < 0)
			goto fail;
		ALLOC_GROW(cs->commits, cs->commits_nr + 1, cs->commits_alloc);
		gc = &cs->commits[cs->commits_nr++];
		memset(gc, 0, sizeof(*gc));
		loader_oid_hex(gc->oid, &id);
		gc->parents = git_commit_parentcount(c);
		gc->time = (int64_t)git_commit_time(c);
		if (loader_read_message(ld->repo, &id, &msg, &msg_len) < 0) {
			git_commit_free(c);
			goto fail;
		}
		gc->summary = first_line(msg);
		/*
		 * Only the message checkers read a message after the load;
		 * a streamed checker reads its commits' messages itself
		 * (commit_reader_message), so a history scan keeps none.
		 */
		if (ld->opts->want_commits) {
			a = git_commit_author(c);
			gc->author = xstrfmt("%s <%s>", a->name, a->email);
			add_commit_message(cs, msg, msg_len,
					   cs->commits_nr - 1);
		} else {
			free(msg);
		}
		git_commit_free(c);
	}
	if (r != GIT_ITEROVER)
		goto fail;
	ret = 0;
	goto out;
fail:
	repo_error(ld->err, "cannot walk the commits of the range");
out:
	git_revwalk_free(walk);
	return ret;
}
