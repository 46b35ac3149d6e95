#!/bin/sh
# The command line shared/conformance/coverage/check_coverage.py drives:
#   coverage-adapter.sh [--fail-under N] REPORT...
# run from the fixture repository; prints the counts as one JSON line and
# exits as gate does (0 pass, 1 below the threshold).
: "${GATE_BIN:?}"
fu=0
if [ "$1" = --fail-under ]; then
	fu=$2
	shift 2
fi
args=
for r; do
	args="$args --coverage-report $r"
done
out=${TMPDIR:-/tmp}/coverage-adapter.$$.json
printf 'checkers: {coverage: {diff: %s}}\n' "$fu" >.gate.yml
"$GATE_BIN" check --range main...feature --checkers coverage $args \
	--format json --output "$out"
code=$?
rm -f .gate.yml
python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
m = [c for c in d["checkers"] if c["name"] == "coverage"][0]["metrics"]
print(json.dumps({k: m[k] for k in ("diff_lines", "diff_covered",
                                    "total_lines", "total_covered")}))' "$out"
rm -f "$out"
exit $code
