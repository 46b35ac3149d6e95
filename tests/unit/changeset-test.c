/*
 * The change-set model against real repositories made with git: statuses,
 * added line ranges, content from the index (never the work tree),
 * renames, binary and oversized files, ranges and the initial commit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "changeset.h"
#include "repo.h"
#include "tap.h"
#include "test-repo.h"

static const struct gate_file *find(const struct gate_changeset *cs,
				    const char *path)
{
	size_t i;

	for (i = 0; i < cs->files_nr; i++)
		if (!strcmp(cs->files[i].path, path))
			return &cs->files[i];
	return NULL;
}

static int load(struct gate_changeset *cs, struct gate_load_options *o)
{
	struct gate_repo repo;
	struct strbuf err = STRBUF_INIT;
	bool usage = false;
	int ret;

	memset(cs, 0, sizeof(*cs));
	if (chdir(root) || repo_open(&repo, &err)) {
		printf("# %s\n", err.buf);
		return -1;
	}
	o->repo = &repo;
	ret = changeset_load(cs, o, &err, &usage);
	if (ret)
		printf("# load: %s\n", err.buf);
	repo_close(&repo);
	strbuf_release(&err);
	return ret;
}

static void test_line_added(void)
{
	struct gate_line_range r[] = { { 2, 3 }, { 10, 1 } };
	struct gate_file f = { .added = r, .added_nr = 2 };

	ok(!gate_file_line_added(&f, 1), "line 1 not added");
	ok(gate_file_line_added(&f, 2) && gate_file_line_added(&f, 4),
	   "lines 2-4 added");
	ok(!gate_file_line_added(&f, 5), "line 5 not added");
	ok(gate_file_line_added(&f, 10), "line 10 added");
	ok(!gate_file_line_added(&f, 11), "line 11 not added");
}

int main(void)
{
	struct gate_changeset cs;
	struct gate_load_options o;
	const struct gate_file *f;

	repo_global_init();
	test_line_added();
	if (test_repo_init("changeset-test") < 0)
		return 1;

	/* The initial commit: an unborn HEAD against the index. */
	sh("printf 'one\\ntwo\\n' > a.txt && git add a.txt");
	memset(&o, 0, sizeof(o));
	o.kind = GATE_SUBJECT_STAGED;
	o.needs = GATE_NEED_CONTENT;
	ok(load(&cs, &o) == 0, "staged on an unborn branch loads");
	f = find(&cs, "a.txt");
	ok(f && f->status == GATE_FILE_ADDED, "new file is added");
	ok(f && f->added_nr == 1 && f->added[0].start == 1 &&
	   f->added[0].count == 2, "all its lines are added");
	ok(cs.notes_nr == 1, "initial commit is noted");
	changeset_release(&cs);

	sh("git commit -q -m init && printf 'one\\nTWO\\nthree\\n' > a.txt && "
	   "git add a.txt && printf 'work tree only\\n' >> a.txt && "
	   "printf 'x\\0y' > bin.dat && git add bin.dat");
	ok(load(&cs, &o) == 0, "staged change loads");
	f = find(&cs, "a.txt");
	ok(f && f->status == GATE_FILE_MODIFIED, "a.txt modified");
	ok(f && f->added_nr == 1 && f->added[0].start == 2 &&
	   f->added[0].count == 2, "lines 2-3 added");
	ok(f && f->additions == 2 && f->deletions == 1, "numstat 2/1");
	ok(f && f->data && !strcmp(f->data, "one\nTWO\nthree\n"),
	   "content is the index blob, not the work tree");
	f = find(&cs, "bin.dat");
	ok(f && f->is_binary && !f->data, "binary file flagged, not loaded");
	ok(f && f->skip_reason && !strcmp(f->skip_reason, "binary file"),
	   "binary skip reason");
	changeset_release(&cs);

	/* Size cap: the blob is never read. */
	o.max_file_size = 4;
	ok(load(&cs, &o) == 0, "loads with a size cap");
	f = find(&cs, "a.txt");
	ok(f && f->too_large && !f->data, "file over the cap is not read");
	changeset_release(&cs);
	o.max_file_size = 0;

	/* A pure rename. */
	sh("git checkout -q -- . && git commit -q -m two && git mv a.txt b.txt");
	ok(load(&cs, &o) == 0, "rename loads");
	f = find(&cs, "b.txt");
	ok(f && f->status == GATE_FILE_RENAMED && f->old_path &&
	   !strcmp(f->old_path, "a.txt"), "rename detected with old path");
	ok(f && f->added_nr == 0 && f->additions == 0, "pure rename adds nothing");
	changeset_release(&cs);

	/* Deletion. */
	sh("git commit -q -m mv && git rm -q b.txt");
	ok(load(&cs, &o) == 0, "deletion loads");
	f = find(&cs, "b.txt");
	ok(f && f->status == GATE_FILE_DELETED && !f->data, "deleted, no content");
	changeset_release(&cs);

	/* A range, with the commits listed oldest first. */
	sh("git commit -q -m rm && printf 'c\\n' > c.txt && git add c.txt && "
	   "git commit -q -m c && printf 'd\\n' > d.txt && git add d.txt && "
	   "git commit -q -m d");
	memset(&o, 0, sizeof(o));
	o.kind = GATE_SUBJECT_RANGE;
	o.base = "HEAD~2";
	o.head = "HEAD";
	o.needs = GATE_NEED_CONTENT | GATE_NEED_COMMIT_FILES;
	o.want_commits = true;
	o.jobs = 2;	/* the parallel per-commit diffs, even on one CPU */
	ok(load(&cs, &o) == 0, "range loads");
	is_int(cs.commits_nr, 2, "two commits in the range");
	ok(cs.commits_nr == 2 && !strcmp(cs.commits[0].summary, "c") &&
	   !strcmp(cs.commits[1].summary, "d"), "oldest first");
	is_int(cs.files_nr, 2, "two files changed");
	is_int(cs.messages_nr, 2, "a message per commit");
	ok(cs.reader != NULL, "commits' files are left to the reader");
	if (cs.reader) {
		struct strbuf err = STRBUF_INIT;
		struct gate_file *cf = NULL, *cf2 = NULL;
		size_t nr = 0, nr2 = 0;

		commit_reader_begin(cs.reader, 2);
		ok(commit_reader_read(cs.reader, &cs, 1, 1, &cf, &nr, &err) == 0 &&
		   nr == 1 && !strcmp(cf[0].path, "d.txt") && cf[0].commit == 1 &&
		   cf[0].data && !strcmp(cf[0].data, "d\n"),
		   "a commit's files, read by a worker, know their commit");
		ok(commit_reader_read(cs.reader, &cs, 0, 0, &cf2, &nr2, &err) == 0 &&
		   nr2 == 1 && !strcmp(cf2[0].path, "c.txt"),
		   "another worker reads another commit");
		is_int(commit_reader_peak(cs.reader), 2, "both held at once");
		commit_files_release(cs.reader, cf, nr);
		commit_files_release(cs.reader, cf2, nr2);
		ok(commit_reader_read(cs.reader, &cs, 0, 0, &cf, &nr, &err) == 0,
		   "read again");
		commit_files_release(cs.reader, cf, nr);
		is_int(commit_reader_peak(cs.reader), 2,
		       "released files are no longer held");
		commit_reader_end(cs.reader);
		strbuf_release(&err);
	}
	changeset_release(&cs);

	o.base = "no-such-rev";
	ok(load(&cs, &o) < 0, "unknown revision fails");
	changeset_release(&cs);

	/*
	 * Messages: held once by the change set for the message checkers,
	 * else by none; a streamed checker reads each as it judges it.
	 * The message is written by hand to hold a NUL byte.
	 */
	sh("printf 'tree %s\\nparent %s\\nauthor A <a@x> 1 +0000\\n"
	   "committer A <a@x> 1 +0000\\n\\nfix: e\\n\\nbody\\0tail\\n' "
	   "$(git rev-parse HEAD^{tree}) $(git rev-parse HEAD) | "
	   "git hash-object -t commit -w --stdin >oid && "
	   "git update-ref refs/heads/nul $(cat oid)");
	o.base = "HEAD~1";
	o.head = "nul";
	o.want_commits = true;
	ok(load(&cs, &o) == 0, "range with messages loads");
	ok(cs.commits_nr == 2 && cs.messages_nr == 2 &&
	   cs.messages[1].kind == GATE_MESSAGE_COMMIT &&
	   cs.messages[1].commit == 1 &&
	   !strcmp(cs.messages[1].source, cs.commits[1].oid) &&
	   cs.messages[1].len == 18 &&
	   !memcmp(cs.messages[1].text, "fix: e\n\nbody\0tail\n", 18),
	   "a message per commit, NUL byte and all, naming its commit");
	ok(cs.commits_nr == 2 && cs.commits[1].author &&
	   !strcmp(cs.commits[1].author, "A <a@x>") &&
	   !strcmp(cs.commits[1].summary, "fix: e"),
	   "the message checkers get the author");
	is_int(changeset_messages_held(&cs), 2, "two messages held");
	changeset_release(&cs);
	o.want_commits = false;
	ok(load(&cs, &o) == 0, "range without messages loads");
	is_int(changeset_messages_held(&cs), 0, "no message held");
	ok(cs.commits_nr == 2 && !cs.messages_nr && !cs.commits[1].author &&
	   !strcmp(cs.commits[1].summary, "fix: e"),
	   "a commit keeps its summary, not its message or author");
	if (cs.reader && cs.commits_nr == 2) {
		struct strbuf err = STRBUF_INIT;
		char *m1 = NULL, *m0 = NULL;
		size_t len1 = 0, len0 = 0;

		commit_reader_begin(cs.reader, 2);
		ok(commit_reader_message(cs.reader, &cs, 1, 1, &m1, &len1,
					 &err) == 0 && len1 == 18 &&
		   !memcmp(m1, "fix: e\n\nbody\0tail\n", 18) && !m1[18],
		   "a worker reads a commit's message as stored");
		ok(commit_reader_message(cs.reader, &cs, 0, 0, &m0, &len0,
					 &err) == 0 && len0 == 2 &&
		   !strcmp(m0, "d\n"), "another worker reads another");
		is_int(commit_reader_messages_peak(cs.reader), 2,
		       "two messages held at once");
		commit_message_release(cs.reader, m1);
		commit_message_release(cs.reader, m0);
		ok(commit_reader_message(cs.reader, &cs, 0, 0, &m0, &len0,
					 &err) == 0, "read again");
		commit_message_release(cs.reader, m0);
		is_int(commit_reader_messages_peak(cs.reader), 2,
		       "released messages are no longer held");
		is_int(commit_reader_peak(cs.reader), 0, "no files read");
		commit_reader_end(cs.reader);
		strbuf_release(&err);
	} else {
		ok(0, "range without messages has a reader");
	}
	changeset_release(&cs);
	sh("git update-ref -d refs/heads/nul && rm -f oid");

	/* --all-files and --files judge whole files from the index. */
	memset(&o, 0, sizeof(o));
	o.kind = GATE_SUBJECT_ALL_FILES;
	o.needs = GATE_NEED_CONTENT;
	o.jobs = 2;	/* the parallel blob reads, even on one CPU */
	ok(load(&cs, &o) == 0, "all files load");
	is_int(cs.files_nr, 3, "three tracked files");
	f = find(&cs, "c.txt");
	ok(f && f->added_nr == 1 && f->added[0].count == 1, "whole file added");
	changeset_release(&cs);
	{
		const char *paths[] = { "d.txt" };

		o.kind = GATE_SUBJECT_FILES;
		o.paths = paths;
		o.paths_nr = 1;
		ok(load(&cs, &o) == 0 && cs.files_nr == 1, "--files selects one");
		changeset_release(&cs);
	}
	test_repo_remove();
	repo_global_shutdown();
	return tap_done();
}
