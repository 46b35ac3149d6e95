#!/bin/sh
# Benchmark of the commit-title checker against commitlint.
#
#   1. commit-msg hook: `gate hook commit-msg FILE` against
#      `commitlint --edit FILE` (@commitlint/cli with config-conventional)
#      on the same message, mean wall time of RUNS runs each;
#   2. history: every commit of a large real repository judged by
#      `gate check --range` and by `commitlint --from --to`, messages per
#      second, plus how many commits each one rejects.
#
# Usage: bench/commit-title/run.sh [REPO]
#   GATE_BIN     the gate binary (default: ./gate of the build directory)
#   BENCH_WORK   scratch directory (default: bench/commit-title/work)
#   RUNS         runs of the hook comparison (default 20)
# REPO defaults to a clone of conventional-changelog/commitlint, a project
# that lints its own history with commitlint; it is cloned into
# BENCH_WORK, never into the source tree.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
work=${BENCH_WORK:-$here/work}
gate=${GATE_BIN:-$(pwd)/gate}
runs=${RUNS:-20}
mkdir -p "$work"
work=$(cd "$work" && pwd)

[ -x "$gate" ] || { echo "set GATE_BIN to the gate binary" >&2; exit 2; }
command -v npm >/dev/null || { echo "npm is needed for commitlint" >&2; exit 2; }

if [ ! -x "$work/node_modules/.bin/commitlint" ]; then
	echo "# installing @commitlint/cli and config-conventional into $work"
	(cd "$work" && npm init -y >/dev/null &&
	 npm install --no-audit --no-fund --silent \
		@commitlint/cli@20 @commitlint/config-conventional@20 >/dev/null)
fi
commitlint="$work/node_modules/.bin/commitlint"
printf "module.exports = {extends: ['@commitlint/config-conventional']};\n" \
	>"$work/commitlint.config.js"

repo=${1:-$work/commitlint.git}
if [ ! -d "$repo" ]; then
	echo "# cloning conventional-changelog/commitlint into $repo"
	git clone -q --bare https://github.com/conventional-changelog/commitlint "$repo"
fi

# mean_ms RUNS CMD...: mean wall time of CMD in milliseconds
mean_ms() {
	n=$1
	shift
	start=$(date +%s%N)
	i=0
	while [ "$i" -lt "$n" ]; do
		"$@" >/dev/null 2>&1 || true
		i=$((i + 1))
	done
	end=$(date +%s%N)
	echo $(( (end - start) / n / 1000000 ))
}

# ---- 1. the commit-msg hook on one message
hookrepo="$work/hookrepo"
rm -rf "$hookrepo"
git init -q "$hookrepo"
cat >"$hookrepo/COMMIT_EDITMSG" <<'MSG'
feat(parser): accept multi-line footer values

Footer values may span lines until the next token, as the specification
says; the old parser cut them at the first newline.

Refs: #42
# Please enter the commit message for your changes. Lines starting
# with '#' will be ignored, and an empty message aborts the commit.
MSG
cd "$hookrepo"
g=$(mean_ms "$runs" "$gate" hook commit-msg COMMIT_EDITMSG)
c=$(mean_ms "$runs" "$commitlint" -g "$work/commitlint.config.js" --edit COMMIT_EDITMSG)
echo "commit-msg hook: gate ${g} ms, commitlint ${c} ms (mean of $runs runs)"
[ "$g" -gt 0 ] && echo "commit-msg hook ratio: commitlint/gate = $((c / g))x" ||
	echo "commit-msg hook ratio: gate under 1 ms, commitlint ${c} ms"

# ---- 2. a whole history
cd "$repo"
root=$(git rev-list --max-parents=0 HEAD | tail -n 1)
n=$(git rev-list --count "$root..HEAD")
s=$(date +%s%N)
"$gate" check --range "$root..HEAD" --checkers commit-title --format json \
	--output "$work/gate-range.json" || true
e=$(date +%s%N)
gms=$(( (e - s) / 1000000 ))
s=$(date +%s%N)
"$commitlint" -g "$work/commitlint.config.js" --from "$root" --to HEAD \
	>"$work/commitlint-range.txt" 2>&1 || true
e=$(date +%s%N)
cms=$(( (e - s) / 1000000 ))
[ "$gms" -gt 0 ] || gms=1
echo "history: $n commits; gate ${gms} ms ($((n * 1000 / gms)) msg/s), commitlint ${cms} ms ($((n * 1000 / (cms > 0 ? cms : 1))) msg/s), ratio $((cms / gms))x"
gbad=$(python3 -c '
import json, sys
v = json.load(open(sys.argv[1]))
bad = set()
for c in v["checkers"]:
    if c["name"] == "commit-title":
        for f in c["findings"]:
            if f["severity"] == "error":
                bad.add(f.get("commit"))
print(len(bad))' "$work/gate-range.json" 2>/dev/null || echo "?")
cbad=$(grep -c "found [1-9][0-9]* problems" "$work/commitlint-range.txt" || true)
echo "history: commits rejected: gate $gbad, commitlint $cbad"
