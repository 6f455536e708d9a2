#!/bin/sh
# --fix and --diff: the safe fixes of the seed article match a golden diff,
# a second run changes nothing, and faults leave the original intact.
set -u
bin=${1:-./presslint}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
cd "$(dirname "$0")/.." || exit 2
pass=0 fail=0
tmp=$(mktemp -d) || exit 2
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL fix $1"; }

# the diff, from the repository root so its paths are relative
cp tests/cases/seed-article.txt "$tmp/seed.txt"
"$bin" --diff tests/cases/seed-article.txt >"$tmp/got.diff"
cmp -s "$tmp/got.diff" tests/cases/seed-article.fix.diff && ok ||
	{ no "diff differs from tests/cases/seed-article.fix.diff"; diff "$tmp/got.diff" tests/cases/seed-article.fix.diff | head; }
cmp -s tests/cases/seed-article.txt "$tmp/seed.txt" && ok || no "--diff wrote the file"

# --fix gives what the diff promised
cp tests/cases/seed-article.txt "$tmp/a/" 2>/dev/null || { mkdir "$tmp/a" && cp tests/cases/seed-article.txt "$tmp/a/"; }
(cd "$tmp/a" && "$bin" --fix seed-article.txt >"$tmp/out" 2>"$tmp/err")
grep -qx "presslint: seed-article.txt: 17 fixes applied" "$tmp/err" && ok || { no "fix count"; cat "$tmp/err"; }
mkdir "$tmp/b" && cp tests/cases/seed-article.txt "$tmp/b/"
patch -s "$tmp/b/seed-article.txt" <tests/cases/seed-article.fix.diff
cmp -s "$tmp/a/seed-article.txt" "$tmp/b/seed-article.txt" && ok || no "--fix result differs from the diff applied by patch"
# findings with no safe fix are still reported
grep -q "capitalization.name-consistency" "$tmp/out" && ! grep -q "spelling.typo" "$tmp/out" && ok ||
	no "remaining findings"
# a second run changes nothing
(cd "$tmp/a" && "$bin" --fix seed-article.txt >/dev/null 2>"$tmp/err2")
[ ! -s "$tmp/err2" ] && ok || { no "second --fix run changed something"; cat "$tmp/err2"; }
[ -z "$(cd "$tmp/a" && "$bin" --diff seed-article.txt)" ] && ok || no "second --diff not empty"
# the mode is kept
chmod 640 "$tmp/b/seed-article.txt"
"$bin" --fix "$tmp/b/seed-article.txt" >/dev/null 2>&1
[ "$(stat -c %a "$tmp/b/seed-article.txt")" = 640 ] && ok || no "mode not kept"

# faults: a read-only folder, a write cut short by a file-size limit
mkdir "$tmp/ro" && cp tests/cases/seed-article.txt "$tmp/ro/a.txt" && chmod 555 "$tmp/ro" && chmod 644 "$tmp/ro/a.txt"
if command -v setpriv >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
	chmod 755 "$tmp"
	setpriv --reuid=nobody --regid=nogroup --clear-groups "$bin" --fix "$tmp/ro/a.txt" >/dev/null 2>"$tmp/err3"
else
	"$bin" --fix "$tmp/ro/a.txt" >/dev/null 2>"$tmp/err3"
fi
status=$?
[ "$status" -eq 2 ] && grep -q "cannot create a temporary file beside it" "$tmp/err3" && ok ||
	{ no "read-only folder: exit $status"; cat "$tmp/err3"; }
cmp -s "$tmp/ro/a.txt" tests/cases/seed-article.txt && ok || no "read-only folder: original changed"
mkdir "$tmp/full" && cp tests/cases/seed-article.txt "$tmp/full/a.txt"
(trap '' XFSZ; ulimit -f 4; "$bin" --fix "$tmp/full/a.txt" >/dev/null 2>"$tmp/err4")
status=$?
[ "$status" -eq 2 ] && grep -q "cannot write" "$tmp/err4" && ok || { no "short write: exit $status"; cat "$tmp/err4"; }
cmp -s "$tmp/full/a.txt" tests/cases/seed-article.txt && ok || no "short write: original changed"
[ "$(ls -A "$tmp/full")" = "a.txt" ] && ok || { no "short write: temporary file left"; ls -A "$tmp/full"; }
echo "fix: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
