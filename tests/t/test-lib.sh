# test-lib.sh: the harness of the end-to-end tests, in the spirit of git's
# t/test-lib.sh.  Each script sources it, then runs test_expect_success
# blocks whose bodies are chained with &&, and ends with test_done.  Output
# is TAP, counted by automake's tap-driver.sh.
#
# Every script gets its own trash directory under $TEST_BUILDDIR/trash,
# HOME inside it, and a repeatable git environment, so nothing outside
# the trash directory is read or written.

set -u

: "${GATE_BIN:?GATE_BIN must point at the gate binary (run through make check)}"
: "${TEST_BUILDDIR:=$(pwd)/tests}"

test_name_=$(basename "$0" .sh)
TRASH_DIRECTORY="$TEST_BUILDDIR/trash/$test_name_"
rm -rf "$TRASH_DIRECTORY"
mkdir -p "$TRASH_DIRECTORY" || exit 1
cd "$TRASH_DIRECTORY" || exit 1

HOME="$TRASH_DIRECTORY"
# The build tree may itself sit inside a git checkout: never find it.
GIT_CEILING_DIRECTORIES=$(dirname "$TRASH_DIRECTORY")
export HOME GIT_CEILING_DIRECTORIES
unset XDG_CONFIG_HOME GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GATE GATE_SKIP \
	GITHUB_ACTIONS GITHUB_EVENT_PATH GITHUB_OUTPUT GITLAB_CI \
	CI_MERGE_REQUEST_TITLE NO_COLOR
GIT_CONFIG_NOSYSTEM=1
GIT_AUTHOR_NAME='A U Thor'
GIT_AUTHOR_EMAIL='author@example.com'
GIT_COMMITTER_NAME='C O Mitter'
GIT_COMMITTER_EMAIL='committer@example.com'
GIT_AUTHOR_DATE='1700000000 +0000'
GIT_COMMITTER_DATE='1700000000 +0000'
TZ=UTC
LC_ALL=C
export GIT_CONFIG_NOSYSTEM GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL \
	GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL GIT_AUTHOR_DATE \
	GIT_COMMITTER_DATE TZ LC_ALL
git config --global init.defaultBranch main
git config --global advice.detachedHead false
git config --global protocol.file.allow always

test_count_=0
test_failed_=0

say() { printf '# %s\n' "$*"; }

test_expect_success() {
	test_desc_=$1
	test_count_=$((test_count_ + 1))
	# Each body runs in a subshell from the trash directory, with its
	# output kept for the log when it fails.
	if (cd "$TRASH_DIRECTORY" && eval "$2") >"$TRASH_DIRECTORY/.out" 2>&1; then
		printf 'ok %d - %s\n' "$test_count_" "$test_desc_"
	else
		test_failed_=$((test_failed_ + 1))
		printf 'not ok %d - %s\n' "$test_count_" "$test_desc_"
		sed 's/^/#   /' "$TRASH_DIRECTORY/.out"
	fi
}

# Report a case that cannot run here (missing data or tool) as skipped.
test_skip() {
	test_count_=$((test_count_ + 1))
	printf 'ok %d - %s # SKIP %s\n' "$test_count_" "$1" "$2"
}

test_skip_all() {
	printf '1..0 # SKIP %s\n' "$1"
	exit 0
}

test_done() {
	printf '1..%d\n' "$test_count_"
	[ "$test_failed_" -eq 0 ]
	exit $?
}

# test_must_fail CMD...: CMD exits non-zero but was not killed by a signal.
test_must_fail() {
	"$@"
	test_code_=$?
	if [ "$test_code_" -eq 0 ]; then
		echo "test_must_fail: '$*' succeeded" >&2
		return 1
	elif [ "$test_code_" -eq 126 ] || [ "$test_code_" -eq 127 ]; then
		echo "test_must_fail: '$*' could not run (exit $test_code_)" >&2
		return 1
	elif [ "$test_code_" -gt 128 ]; then
		echo "test_must_fail: '$*' died with signal $((test_code_ - 128))" >&2
		return 1
	fi
	return 0
}

# test_expect_code N CMD...
test_expect_code() {
	want_=$1
	shift
	"$@"
	got_=$?
	if [ "$got_" -ne "$want_" ]; then
		echo "test_expect_code: '$*' exited $got_, want $want_" >&2
		return 1
	fi
}

test_cmp() {
	diff -u "$1" "$2"
}

# Fails (with the file shown) unless the file contains the pattern; with
# "!", unless it does not.  A missing file always fails.
test_grep() {
	if [ "$1" = "!" ]; then
		shift
		if ! [ -f "$2" ]; then
			echo "test_grep: no file '$2'" >&2
			return 1
		fi
		if grep -e "$1" "$2" >/dev/null; then
			echo "test_grep: '$1' found in $2:" >&2
			cat "$2" >&2
			return 1
		fi
		return 0
	fi
	if ! grep -e "$1" "$2" >/dev/null; then
		echo "test_grep: '$1' not found in $2:" >&2
		cat "$2" >&2
		return 1
	fi
}

gate() {
	"$GATE_BIN" "$@"
}

# make_repo DIR: a repository with one commit holding README.
make_repo() {
	git init -q "$1" &&
	(cd "$1" && echo "hello" >README && git add README &&
	 git commit -q -m "chore: initial commit")
}

# make_remote DIR: a bare repository to push to.
make_remote() {
	git init -q --bare "$1"
}

# The directory of the shared conformance data, or empty when absent.
shared_dir() {
	if [ -n "${GATE_SHARED_DIR:-}" ] && [ -d "$GATE_SHARED_DIR" ]; then
		printf '%s\n' "$GATE_SHARED_DIR"
	fi
}
