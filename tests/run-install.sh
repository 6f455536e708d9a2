#!/bin/sh
# make install into a staging folder; the installed binary finds its data
# beside it (PREFIX/share/presslint) even after the tree is moved, and the
# man page is in place.
set -u
cd "$(dirname "$0")/.." || exit 2
pass=0 fail=0
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
make -s install PREFIX="$tmp/usr" >/dev/null 2>"$tmp/err" && pass=$((pass + 1)) ||
	{ fail=$((fail + 1)); echo "FAIL install: make install failed"; cat "$tmp/err"; }
[ -f "$tmp/usr/share/man/man1/presslint.1" ] && pass=$((pass + 1)) ||
	{ fail=$((fail + 1)); echo "FAIL install: no man page"; }
mv "$tmp/usr" "$tmp/elsewhere"
out=$(env -u PRESSLINT_DATA "$tmp/elsewhere/bin/presslint" tests/cases/json.txt 2>&1)
[ $? -eq 1 ] && printf '%s\n' "$out" | grep -q "spelling.typo" && pass=$((pass + 1)) ||
	{ fail=$((fail + 1)); echo "FAIL install: moved binary: $out"; }
echo "install: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
