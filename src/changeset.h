#ifndef GATE_CHANGESET_H
#define GATE_CHANGESET_H

/*
 * The change set is what a run judges: the files of a staged change, a
 * range or a tree, the commits of a range, and the messages to check.
 * It is loaded on the main thread with libgit2 (changeset_load) and is
 * immutable afterwards, so checkers on worker threads share it freely.
 * Checkers never see libgit2; everything they need is in these structs.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

#define GATE_OID_HEX 40

enum gate_subject_kind {
	GATE_SUBJECT_STAGED,	/* HEAD (or the empty tree) against the index */
	GATE_SUBJECT_RANGE,	/* base tree against head tree, plus commits */
	GATE_SUBJECT_ALL_FILES,	/* every tracked file in the index */
	GATE_SUBJECT_FILES,	/* named files, from the index */
	GATE_SUBJECT_MESSAGE,	/* only a message or title; no files */
};

const char *gate_subject_name(enum gate_subject_kind kind);

enum gate_file_status {
	GATE_FILE_ADDED = 'A',
	GATE_FILE_MODIFIED = 'M',
	GATE_FILE_DELETED = 'D',
	GATE_FILE_RENAMED = 'R',
	GATE_FILE_COPIED = 'C',
	GATE_FILE_TYPECHANGE = 'T',
	GATE_FILE_UNCHANGED = ' ',	/* --all-files: judged whole */
};

/* A run of added lines in the new version, 1-based and inclusive. */
struct gate_line_range {
	uint32_t start;
	uint32_t count;
};

struct gate_file {
	char *path;		/* new path; the old path for deletions */
	char *old_path;		/* renames and copies, else NULL */
	enum gate_file_status status;
	char old_oid[GATE_OID_HEX + 1];	/* "" when there is none */
	char new_oid[GATE_OID_HEX + 1];
	uint32_t old_mode, new_mode;	/* git file modes, 0 when absent */
	uint64_t size;		/* size of the new blob in bytes */
	bool is_binary;		/* NUL in the first 8000 bytes, as git */
	bool is_symlink;
	bool is_submodule;
	bool too_large;		/* over the size cap: content not loaded */

	/*
	 * Content of the new version (index blob for staged runs, head blob
	 * for ranges).  NULL for deletions, submodules, too-large and
	 * (unless a checker asked for them) binary files.  Always followed
	 * by a NUL byte that `len` does not count.  The per-commit files
	 * of a range hold only their added lines: every other line is a
	 * bare newline, so line numbers hold (GATE_NEED_COMMIT_FILES).
	 */
	const char *data;
	size_t len;

	/* Added lines of the new version; whole file for new files and
	 * --all-files runs. */
	struct gate_line_range *added;
	size_t added_nr;
	uint32_t additions, deletions;	/* line counts, as git diff --numstat */

	/* Why a checker cannot judge this file, or NULL. */
	const char *skip_reason;

	/* For per-commit files in a range: index into changeset.commits. */
	long commit;
};

/* True when line `line` (1-based) of f is an added line. */
bool gate_file_line_added(const struct gate_file *f, uint32_t line);

/*
 * What a range keeps of each commit: what the verdict lists.  Neither
 * its message nor the files it changed are here, or a history scan would
 * hold its whole history: the message checkers find a commit's message
 * in gate_changeset.messages (gate_load_options.want_commits), and a
 * streamed checker reads it with its files (commit_reader_message).
 */
struct gate_commit {
	char oid[GATE_OID_HEX + 1];
	char *summary;		/* first line of the message */
	unsigned parents;
	/* "Name <email>" for the message checkers (want_commits), else
	 * NULL. */
	char *author;
	int64_t time;		/* committer time, seconds since the epoch */
};

enum gate_message_kind {
	GATE_MESSAGE_EDIT,	/* commit-msg hook or --message-file */
	GATE_MESSAGE_COMMIT,	/* a commit of a range */
	GATE_MESSAGE_TITLE,	/* a pull-request title */
};

struct gate_message {
	enum gate_message_kind kind;
	char *text;
	size_t len;
	char *source;		/* file name, "title", or NULL */
	long commit;		/* index into changeset.commits, or -1 */
	/* For GATE_MESSAGE_EDIT: git's comment character ('#' unless
	 * core.commentChar says otherwise; 0 for "auto" not yet resolved,
	 * which the loader resolves as git does). */
	char comment_char;
};

struct gate_changeset {
	enum gate_subject_kind kind;
	char *repo_dir;		/* work tree, or git dir for bare repos */
	char *git_dir;
	char *base_rev, *head_rev;	/* as given by the user, or NULL */
	char base_oid[GATE_OID_HEX + 1];	/* commit ids, "" if none */
	char head_oid[GATE_OID_HEX + 1];
	char base_tree[GATE_OID_HEX + 1];	/* tree ids */
	char head_tree[GATE_OID_HEX + 1];

	struct gate_file *files;	/* sorted by path */
	size_t files_nr, files_alloc;

	struct gate_commit *commits;	/* oldest first */
	size_t commits_nr, commits_alloc;

	struct gate_message *messages;
	size_t messages_nr, messages_alloc;

	/*
	 * The content of .gitattributes-derived flags is asked for through
	 * this callback so checkers (pr-size) can honour linguist-generated
	 * without libgit2.  Filled by the loader; NULL when not available.
	 */
	char **attr_generated;	/* per files[] index: "generated", "vendored",
				 * "-diff" or NULL */
	/* Notes about the subject itself (shallow clone, empty range...). */
	char **notes;
	size_t notes_nr, notes_alloc;

	/*
	 * A range judged commit by commit (GATE_NEED_COMMIT_FILES): the
	 * files each commit changed are not loaded with the rest, or a
	 * history scan would hold the whole history in memory.  The run
	 * reads a commit's files when it judges it and frees them after
	 * (commit_reader_read).  NULL for other subjects.
	 */
	struct gate_commit_reader *reader;
};

/* What a checker needs loaded; the loader does only the work asked for. */
enum gate_needs {
	GATE_NEED_CONTENT = 1 << 0,	/* blob contents of text files */
	GATE_NEED_BINARY = 1 << 1,	/* contents of binary files too */
	/* A range judged commit by commit: the checker gets each commit's
	 * files (with the needs above) instead of the range's own files. */
	GATE_NEED_COMMIT_FILES = 1 << 2,
	GATE_NEED_ATTRIBUTES = 1 << 3,	/* linguist-* / -diff attributes */
	GATE_NEED_LINES = 1 << 4,	/* added line ranges (CONTENT implies
					 * them); without either, only counts */
	/* With GATE_NEED_COMMIT_FILES: run() also gets each commit's
	 * message, a task with `message` set and no file, in the stream
	 * (run.c), so no commit's message is held for finish(). */
	GATE_NEED_COMMIT_MESSAGES = 1 << 5,
};

struct gate_repo;

struct gate_load_options {
	enum gate_subject_kind kind;
	struct gate_repo *repo;	/* opened by the caller */
	const char *base, *head;	/* --range; base may be NULL with
					 * hide_glob set */
	/* pre-push of a new branch: judge the commits of head that no ref
	 * matching this glob has (e.g. "refs/remotes/origin/" and a star). */
	const char *hide_glob;
	bool merge_base;	/* BASE...HEAD */
	const char **paths;	/* --files */
	size_t paths_nr;
	unsigned needs;		/* union of the enabled checkers' needs */
	uint64_t max_file_size;	/* content cap; larger files: too_large */
	unsigned jobs;		/* workers for reading blobs; 0: the CPUs */
	/* A message (gate_changeset.messages) and the author of each
	 * commit of a range, for the message checkers. */
	bool want_commits;
	/* No checker reads a range's own files beyond their counts (all
	 * that read content judge commit by commit): load only counts. */
	bool range_files_unread;
	/* A progress line while reading a range's commits, on a terminal
	 * (src/progress.h): `gate scan --history`. */
	bool progress;
};

/*
 * Load a change set.  Returns 0; or -1 with a message in err and
 * *usage_error telling whether it was the user's input (exit 2) or an
 * internal failure (exit 3).
 */
int changeset_load(struct gate_changeset *cs,
		   const struct gate_load_options *opts,
		   struct strbuf *err, bool *usage_error);

/* Add a message to judge (commit-msg file or PR title). */
void changeset_add_message(struct gate_changeset *cs,
			   enum gate_message_kind kind, const char *text,
			   size_t len, const char *source);

void changeset_add_note(struct gate_changeset *cs, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

void changeset_release(struct gate_changeset *cs);

/*
 * Reading the files of a range's commits, one commit at a time, on the
 * workers of the pool (src/batch.h): each worker reads with its own
 * repository handle, as libgit2 handles are not shared between threads.
 * begin() and end() run on the main thread around the parallel part.
 */
void commit_reader_begin(struct gate_commit_reader *r, unsigned workers);
/*
 * Worker `worker`: the files commit i of cs changed against its first
 * parent (for a merge, only the lines it adds of its own), each holding
 * only its added lines (gate_file.data) and knowing its commit.  Returns
 * 0 with *files (release them with commit_files_release), or -1 with err.
 */
int commit_reader_read(struct gate_commit_reader *r,
		       const struct gate_changeset *cs, size_t i,
		       unsigned worker, struct gate_file **files, size_t *nr,
		       struct strbuf *err);
void commit_files_release(struct gate_commit_reader *r,
			  struct gate_file *files, size_t nr);
void commit_reader_end(struct gate_commit_reader *r);
/*
 * Worker `worker`: the message of commit i as stored (NUL bytes
 * included, NUL-terminated), into *text; release it with
 * commit_message_release.  Returns 0, or -1 with err.
 */
int commit_reader_message(struct gate_commit_reader *r,
			  const struct gate_changeset *cs, size_t i,
			  unsigned worker, char **text, size_t *len,
			  struct strbuf *err);
void commit_message_release(struct gate_commit_reader *r, char *text);
/* Whether the caller asked for a progress line (gate_load_options). */
bool commit_reader_progress(const struct gate_commit_reader *r);
/* How many commits' files were held at once, at most, since begin():
 * what bounds a history scan's memory (tested). */
size_t commit_reader_peak(const struct gate_commit_reader *r);
/* The same for the messages read by commit_reader_message. */
size_t commit_reader_messages_peak(const struct gate_commit_reader *r);
/* How many commits' messages the change set holds (want_commits). */
size_t changeset_messages_held(const struct gate_changeset *cs);

#endif
