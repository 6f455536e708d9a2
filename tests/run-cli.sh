#!/bin/sh
# Command-line behaviour: exit statuses and the exact text of errors.
label=cli
. "$(dirname "$0")/lib.sh"

printf 'A clean sentence.\n' >"$tmp/clean.txt"
printf 'China adn Russia.\n' >"$tmp/typo.txt"
mkdir "$tmp/rules"
printf '[x.broken]\npattern = (abc\nmessage = m\n' >"$tmp/rules/bad.rules"
mkdir -p "$tmp/tree/sub" && printf 'China adn Russia.\n' >"$tmp/tree/sub/a.md" &&
	printf 'binary\0\0\0\0\1\2\3' >"$tmp/tree/b.txt" && printf 'skip adn\n' >"$tmp/tree/c.json" &&
	ln -s .. "$tmp/tree/sub/loop"

expect clean 0 "" -- "$bin" "$tmp/clean.txt"
expect findings 1 "" -- "$bin" "$tmp/typo.txt"
expect stdin 1 "" -- sh -c "printf 'China adn Russia.\n' | $bin -"
expect missing-file 2 "presslint: $tmp/none.txt: No such file or directory" -- \
	"$bin" "$tmp/none.txt" "$tmp/typo.txt"
grep -q "typo.txt:1:7: error: 'adn'" "$tmp/out" && pass=$((pass + 1)) ||
	{ fail=$((fail + 1)); echo "FAIL cli missing-file: other files were not checked"; }
expect no-path 2 "presslint: no PATH given (use - for standard input)" -- "$bin"
expect bad-option 2 "Try 'presslint --help'." -- "$bin" --frobnicate x
expect bad-rule 2 "presslint: unknown rule 'nosuch' (see --list-rules)" -- \
	"$bin" --disable nosuch "$tmp/clean.txt"
expect bad-format 2 "presslint: --format is 'gcc', 'json', 'sarif' or 'github', not 'xml'" -- \
	"$bin" --format xml "$tmp/clean.txt"
expect bad-columns 2 "presslint: --columns is 'char' or 'byte', not 'cols'" -- \
	"$bin" --columns cols "$tmp/clean.txt"
expect bad-lang 2 "" -- \
	"$bin" --lang xx_XX "$tmp/clean.txt"
# the installed list depends on the machine; en_GB and en_US are always there
grep -qE "^presslint: no Hunspell dictionary 'xx_XX' \(installed: .*en_GB en_US.*; on Debian: apt-get install hunspell-xx-xx\)$" "$tmp/err" &&
	pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL cli bad-lang text"; cat "$tmp/err"; }
expect broken-rule-file 2 "$tmp/rules/bad.rules:2:15: error: pattern of 'x.broken': missing closing parenthesis (at offset 4)" -- \
	"$bin" --rules "$tmp/rules" "$tmp/typo.txt"
[ -s "$tmp/out" ] && { fail=$((fail + 1)); echo "FAIL cli broken-rule-file: linted anyway"; } || pass=$((pass + 1))
# with a folder and several threads the walk runs beside the engine's
# loading: an engine that fails still stops the run, after the walk
expect broken-rule-file-folder 2 "$tmp/rules/bad.rules:2:15: error: pattern of 'x.broken': missing closing parenthesis (at offset 4)" -- \
	"$bin" -j 2 --rules "$tmp/rules" "$tmp/tree" "$tmp/typo.txt"
[ -s "$tmp/out" ] && { fail=$((fail + 1)); echo "FAIL cli broken-rule-file-folder: linted anyway"; } || pass=$((pass + 1))
expect bad-rule-folder 2 "presslint: unknown rule 'nosuch' (see --list-rules)" -- \
	"$bin" -j 2 --disable nosuch "$tmp/tree"
expect tree 1 "presslint: $tmp/tree/b.txt: binary file, skipped" -- "$bin" "$tmp/tree"
if grep -q "sub/a.md:1:7:" "$tmp/out" && ! grep -q "c.json" "$tmp/out"; then pass=$((pass + 1)); else
	fail=$((fail + 1)); echo "FAIL cli tree: wrong files checked"; cat "$tmp/out"; fi
# a folder's files in name order (byte order: capitals first), each
# subfolder where its name falls, with one slash however the folder is named
mkdir -p "$tmp/order/m" && for f in b.md a.md Z.md m/c.md m.txt; do
	printf 'China adn Russia.\n' >"$tmp/order/$f"; done
for dir in "$tmp/order" "$tmp/order/"; do
	expect "order $dir" 1 "" -- "$bin" -j 2 "$dir"
	if [ "$(cut -d: -f1 "$tmp/out" | tr '\n' ' ')" = \
	     "$tmp/order/Z.md $tmp/order/a.md $tmp/order/b.md $tmp/order/m/c.md $tmp/order/m.txt " ]; then
		pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL cli order $dir"; cat "$tmp/out"; fi
done
# many names, sorted by their bytes (as LC_ALL=C sort does): names that
# begin others, capitals, bytes over 127, names alike for 70 bytes, and
# runs of names that share beginnings of every length
mkdir "$tmp/names"
long=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
for n in a a.md ab B b Z é e ä "$long" "${long}b" "${long}B" 2024-01-01 2024-01-1 2024-1-01; do
	: >"$tmp/names/$n.txt"
done
i=0
while [ "$i" -lt 300 ]; do
	: >"$tmp/names/c$((i % 7))-$((i * 7919 % 1000))-news-$i.txt"
	i=$((i + 1))
done
( cd "$tmp/names" && ls | LC_ALL=C sort ) | sed "s|^|$tmp/names/|" >"$tmp/names.want"
for f in "$tmp"/names/*.txt; do printf 'the the\n' >"$f"; done # a finding each
"$bin" -j 2 "$tmp/names" 2>/dev/null | cut -d: -f1 | uniq >"$tmp/names.got"
if cmp -s "$tmp/names.want" "$tmp/names.got"; then pass=$((pass + 1)); else
	fail=$((fail + 1)); echo "FAIL cli names: not in byte order"
	diff "$tmp/names.want" "$tmp/names.got" | head -5; fi
expect disable-all 0 "" -- "$bin" --disable all "$tmp/typo.txt"
expect enable-after-disable 1 "" -- "$bin" --disable all --enable spelling.typo "$tmp/typo.txt"
expect list-rules 0 "" -- "$bin" --list-rules
grep -q "^spelling.typo  *error  *on " "$tmp/out" && grep -q "^spacing.double  *suggestion off " "$tmp/out" &&
	pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL cli list-rules text"; }
expect version 0 "" -- "$bin" --version
grep -q '^presslint [0-9]' "$tmp/out" && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL cli version text"; }
expect help 0 "" -- "$bin" --help
grep -q '^Usage: presslint' "$tmp/out" && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL cli help text"; }
expect en_GB 0 "" -- sh -c "printf 'The colour of the organisation.\n' | $bin --lang en_GB -"
expect dialect-note 1 "" -- sh -c "printf 'The colour of the organisation.\n' | $bin --enable spelling.dialect -"
grep -qF "<stdin>:1:5: suggestion: 'colour' is British spelling: did you mean 'color'? [spelling.dialect]" "$tmp/out" && pass=$((pass + 1)) ||
	{ fail=$((fail + 1)); echo "FAIL cli dialect-note text"; cat "$tmp/out"; }
# a repository's own vocabulary, from the file's folder and the folders above
mkdir -p "$tmp/repo/news"
printf 'Xyloquent\nrecieve\n' >"$tmp/repo/.presslint-accept.txt"
printf 'mainstream media\n' >"$tmp/repo/news/.presslint-reject.txt"
printf 'Critics recieve the mainstream  media and Xyloquent flows.\n' >"$tmp/repo/news/story.txt"
expect vocabulary 1 "" -- "$bin" "$tmp/repo/news/story.txt"
if [ "$(cat "$tmp/out")" = "$tmp/repo/news/story.txt:1:21: error: 'mainstream  media' is on this project's reject list ('mainstream media') [spelling.rejected]" ]; then
	pass=$((pass + 1))
else
	fail=$((fail + 1)); echo "FAIL cli vocabulary output"; cat "$tmp/out"
fi
printf 'recieve\n' >"$tmp/words.txt"
expect without-words 1 "" -- sh -c "printf 'They recieve.\n' | $bin -"
expect words-option 0 "" -- sh -c "printf 'They recieve.\n' | $bin --words $tmp/words.txt -"
# .presslint: found above each file, [glob] sections, severity overrides,
# a run-wide accept list; --no-config and --config; errors with file:line
mkdir -p "$tmp/site/drafts" "$tmp/site/archive"
printf '# site settings\nlang = en_GB\nseverity.spelling.typo = warning\naccept = vocab.txt\n\n[archive/*]\ndisable = spelling\n' >"$tmp/site/.presslint"
printf 'recieve\n' >"$tmp/site/vocab.txt"
printf 'The colour adn the recieve,here.\n' >"$tmp/site/drafts/a.txt"
cp "$tmp/site/drafts/a.txt" "$tmp/site/archive/b.txt"
expect config 1 "" -- "$bin" "$tmp/site/drafts" "$tmp/site/archive"
if [ "$(cat "$tmp/out")" = "$tmp/site/drafts/a.txt:1:12: warning: 'adn' is a common typo: did you mean 'and'? [spelling.typo]
$tmp/site/drafts/a.txt:1:27: warning: missing space after ',' [spacing.missing-after]
$tmp/site/archive/b.txt:1:27: warning: missing space after ',' [spacing.missing-after]" ]; then
	pass=$((pass + 1))
else
	fail=$((fail + 1)); echo "FAIL cli config output"; cat "$tmp/out"
fi
expect no-config 1 "" -- "$bin" --no-config "$tmp/site/archive/b.txt"
grep -q "error: 'adn' is a common typo" "$tmp/out" && pass=$((pass + 1)) ||
	{ fail=$((fail + 1)); echo "FAIL cli --no-config still used the configuration"; }
printf 'lang = en_US\nbogus = 1\n' >"$tmp/bad.presslint"
expect config-unknown-key 2 "$tmp/bad.presslint:2: error: unknown key 'bogus'" -- \
	"$bin" --config "$tmp/bad.presslint" "$tmp/clean.txt"
printf '[*.md]\ndisable = nosuch\n' >"$tmp/bad2.presslint"
expect config-unknown-rule 2 "$tmp/bad2.presslint:2: error: unknown rule 'nosuch' (see --list-rules)" -- \
	"$bin" --config "$tmp/bad2.presslint" "$tmp/clean.txt"
printf 'severity.spelling.typo = loud\n' >"$tmp/bad3.presslint"
expect config-bad-value 2 "$tmp/bad3.presslint:1: error: severity is error, warning or suggestion, not 'loud'" -- \
	"$bin" --config "$tmp/bad3.presslint" "$tmp/clean.txt"

# the lists make indexes of (the typo list, the proper nouns, the given
# names) give the same findings read from their indexes, from the lists
# when there is no index, and from the lists when the index is stale
if [ -f "$root/dictionaries/index/proper-nouns.idx" ]; then pass=$((pass + 1)); else
	fail=$((fail + 1)); echo "FAIL cli list-indexes: make built no index of the proper nouns"; fi
mkdir "$tmp/data" && cp -pR "$root/rules" "$root/dictionaries" "$tmp/data/"
PRESSLINT_DATA=$root "$bin" -j 1 tests/cases >"$tmp/indexed" 2>&1
rm -f "$tmp/data/dictionaries/index/typos.idx" "$tmp/data/dictionaries/index/given-names.idx"
printf '\n' >>"$tmp/data/dictionaries/proper-nouns.txt" # its index now stale
PRESSLINT_DATA=$tmp/data "$bin" -j 1 tests/cases >"$tmp/listed" 2>&1
if [ -s "$tmp/indexed" ] && cmp -s "$tmp/indexed" "$tmp/listed"; then pass=$((pass + 1)); else
	fail=$((fail + 1)); echo "FAIL cli list-indexes: the lists read give other findings"
	diff "$tmp/indexed" "$tmp/listed" | head -5; fi

# -j: the same output for any number of threads, on many files and on
# the parts of a file over 4 MB (built here: cases again and again, with a
# CRLF and a lone-CR paragraph in each copy; not suppress-plain.txt, whose
# comment would turn the rules off for the rest of the file)
expect bad-jobs 2 "presslint: -j takes a number from 1 to 64, not '0'" -- "$bin" -j 0 "$tmp/clean.txt"
c=tests/cases
{ cat $c/seed-article.txt $c/spelling.txt $c/capitalization.txt $c/artifacts.txt \
	$c/spacing.txt $c/context.txt $c/name-variants.txt
  printf 'The council met adn voted.\r\n\r\nThe mayor said the the plan was fine.\r\r'; } >"$tmp/big.txt"
i=0
while [ "$i" -lt 10 ]; do # 1,024 copies
	cat "$tmp/big.txt" "$tmp/big.txt" >"$tmp/big2.txt" && mv "$tmp/big2.txt" "$tmp/big.txt"
	i=$((i + 1))
done
[ "$(wc -c <"$tmp/big.txt")" -gt 4194304 ] && pass=$((pass + 1)) ||
	{ fail=$((fail + 1)); echo "FAIL cli jobs: the large file is under 4 MB"; }
for args in "tests/cases" "$tmp/big.txt" "--enable all $tmp/big.txt"; do
	# shellcheck disable=SC2086
	"$bin" -j 1 $args >"$tmp/j1" 2>&1
	# shellcheck disable=SC2086
	"$bin" -j 3 $args >"$tmp/j3" 2>&1
	if [ -s "$tmp/j1" ] && cmp -s "$tmp/j1" "$tmp/j3"; then pass=$((pass + 1)); else
		fail=$((fail + 1)); echo "FAIL cli jobs: -j 3 differs from -j 1 on $args"
		diff "$tmp/j1" "$tmp/j3" | head -5
	fi
done
finish
