#!/bin/sh
# SARIF output: `--format sarif` on some golden inputs must give one
# well-formed SARIF 2.1.0 log with the structure GitHub code scanning needs,
# and the same findings, at the same places, as the gcc format.
#
#   sh tests/run-sarif.sh ./presslint
#
# Needs jq (Debian package jq; installed here when run as root).
# jq programs are single-quoted on purpose:
# shellcheck disable=SC2016
set -u
bin=${1:-./presslint}
cd "$(dirname "$0")/.." || exit 2
pass=0 fail=0
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

command -v jq >/dev/null 2>&1 || sh tests/install-deps.sh jq || exit 2

# The command must take the format before anything else is worth checking.
printf 'A clean sentence.\n' >"$tmp/clean.txt"
"$bin" --format sarif "$tmp/clean.txt" >"$tmp/out" 2>"$tmp/err"
if [ $? -eq 2 ]; then
	echo "sarif: main.c does not accept --format sarif yet"
	sed 's/^/  stderr: /' "$tmp/err"
	exit 1
fi

ok() { pass=$((pass + 1)); }
no() {
	fail=$((fail + 1))
	echo "FAIL sarif $1"
}

# check INPUT NAME JQ-EXPRESSION: the expression must be true on the log.
check() {
	if [ "$(jq -r "$3" "$tmp/sarif" 2>"$tmp/jqerr")" = true ]; then
		ok
	else
		no "$1: $2"
		sed 's/^/  jq: /' "$tmp/jqerr"
	fi
}

for input in tests/cases/seed-article.txt tests/cases/columns.txt \
	tests/cases/spacing-clean.txt; do
	"$bin" --format sarif "$input" >"$tmp/sarif" 2>"$tmp/err"
	status=$?
	"$bin" "$input" >"$tmp/gcc" 2>/dev/null
	gcc_status=$?
	if [ "$status" -eq "$gcc_status" ]; then ok; else
		no "$input: exit $status, gcc format exits $gcc_status"; fi
	if ! jq -e . "$tmp/sarif" >/dev/null 2>"$tmp/jqerr"; then
		no "$input: not JSON"
		sed 's/^/  jq: /' "$tmp/jqerr"
		continue
	fi
	ok

	check "$input" 'version is 2.1.0' '.version == "2.1.0"'
	check "$input" '$schema present' \
		'has("$schema") and (.["$schema"] | type == "string" and length > 0)'
	check "$input" 'one run' '.runs | type == "array" and length == 1'
	check "$input" 'tool.driver.name is presslint' \
		'.runs[0].tool.driver.name == "presslint"'
	check "$input" 'columns count code points' \
		'.runs[0].columnKind == "unicodeCodePoints"'
	check "$input" 'results and rules are arrays' \
		'(.runs[0].results | type == "array") and
		 (.runs[0].tool.driver.rules | type == "array")'
	check "$input" 'every result has message.text, ruleId, level, uri, region' \
		'[.runs[0].results[] |
		  (.message.text | type == "string") and
		  (.ruleId | type == "string" and length > 0) and
		  (.level | IN("error", "warning", "note", "none")) and
		  (.locations[0].physicalLocation.artifactLocation.uri | type == "string") and
		  (.locations[0].physicalLocation.region as $g |
		   ($g.startLine | type == "number" and . >= 1) and
		   ($g.startColumn | type == "number" and . >= 1) and
		   ($g.endLine >= $g.startLine) and
		   ($g.endLine > $g.startLine or $g.endColumn >= $g.startColumn))] | all'
	check "$input" 'every ruleIndex names the rule of its ruleId' \
		'.runs[0] as $r | [$r.results[] | .ruleIndex as $i |
		  ($i | type == "number") and $i >= 0 and
		  $i < ($r.tool.driver.rules | length) and
		  $r.tool.driver.rules[$i].id == .ruleId] | all'
	check "$input" 'rules: unique ids with a description and a default level' \
		'.runs[0].tool.driver.rules as $u |
		 ([$u[].id] | unique | length) == ($u | length) and
		 ([$u[] | (.shortDescription.text | type == "string" and length > 0) and
		   (.defaultConfiguration.level | IN("error", "warning", "note", "none"))]
		  | all)'
	check "$input" 'only rules that have results are listed' \
		'.runs[0] | ([.results[].ruleId] | unique) == ([.tool.driver.rules[].id] | sort)'
	check "$input" 'fixes replace a region with text' \
		'[.runs[0].results[] | .fixes // [] | .[] | .artifactChanges[0] |
		  (.artifactLocation.uri | type == "string") and
		  (.replacements[0].deletedRegion.startLine >= 1) and
		  (.replacements[0].insertedContent.text | type == "string")] | all'

	# the same findings as the gcc format, in the same order and places
	n=$(jq '.runs[0].results | length' "$tmp/sarif")
	lines=$(wc -l <"$tmp/gcc" | tr -d ' ')
	if [ "$n" -eq "$lines" ]; then ok; else
		no "$input: $n results, $lines gcc lines"; fi
	jq -r '.runs[0].results[] | (.locations[0].physicalLocation as $p |
		"\($p.artifactLocation.uri):\($p.region.startLine):\($p.region.startColumn) \(.ruleId)")' \
		"$tmp/sarif" >"$tmp/sarif.where"
	sed 's/^\([^:]*:[0-9]*:[0-9]*\):.*\[\([^]]*\)\]$/\1 \2/' "$tmp/gcc" >"$tmp/gcc.where"
	if cmp -s "$tmp/sarif.where" "$tmp/gcc.where"; then
		ok
	else
		no "$input: places differ from the gcc format"
		diff -u "$tmp/gcc.where" "$tmp/sarif.where" | head -20
	fi
done

echo "sarif: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
