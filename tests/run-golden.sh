#!/bin/sh
# Golden tests: every tests/cases/NAME.txt is linted from the repository root
# (with the options in NAME.args, if any). Standard output must equal
# NAME.expected byte for byte, and the exit status must be 1 when findings
# are expected and 0 when none are. Then the seed article is scored against
# the findings its newsroom editors listed (seed-score.sh).
#
#   sh tests/run-golden.sh ./presslint            run
#   sh tests/run-golden.sh ./presslint --update   rewrite the .expected files
set -u
bin=${1:-./presslint}
update=${2:-}
cd "$(dirname "$0")/.." || exit 2
pass=0 fail=0
out=$(mktemp) || exit 2
trap 'rm -f "$out"' EXIT
for input in tests/cases/*.txt tests/cases/*.md tests/cases/*.html; do
	name=${input%.*}
	args=""
	[ -f "$name.args" ] && args=$(cat "$name.args")
	# shellcheck disable=SC2086
	"$bin" $args "$input" >"$out" 2>&1
	status=$?
	if [ "$update" = "--update" ]; then
		cp "$out" "$name.expected"
		continue
	fi
	want=0
	[ -s "$name.expected" ] && want=1
	if cmp -s "$out" "$name.expected" && [ "$status" -eq "$want" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL golden $input (exit $status, want $want)"
		diff -u "$name.expected" "$out" | head -40
	fi
done
[ "$update" = "--update" ] && { echo "golden: expected files rewritten"; exit 0; }
if sh tests/seed-score.sh "$bin"; then
	pass=$((pass + 1))
else
	fail=$((fail + 1))
fi
echo "golden: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
