#!/bin/sh
# Replay every input the fuzzers ever crashed on through the real binary,
# with no fuzzer or clang needed: tests/fuzz/regressions/fuzz_lint-* are
# documents, fuzz_rules-* rule files, fuzz_config-* configuration files,
# fuzz_tokens-* and fuzz_markup-* documents. A run may
# report findings or refuse a bad rule file (exit 0, 1 or 2); it must not
# crash or hang.
set -u
bin=${1:-./presslint}
cd "$(dirname "$0")/.." || exit 2
pass=0 fail=0
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
printf 'A line of text.\n' >"$tmp/doc.txt"
for f in tests/fuzz/regressions/*; do
	[ -f "$f" ] || continue
	case $(basename "$f") in
	fuzz_config-*)
		timeout 60 "$bin" --config "$f" "$tmp/doc.txt" >/dev/null 2>&1
		status=$? ;;
	fuzz_rules-*)
		mkdir -p "$tmp/rules" && rm -f "$tmp/rules/"* && cp "$f" "$tmp/rules/x.rules"
		timeout 60 "$bin" --rules "$tmp/rules" "$tmp/doc.txt" >/dev/null 2>&1 ;;
	*)
		timeout 60 "$bin" --syntax plain - <"$f" >/dev/null 2>&1
		status=$?
		timeout 60 "$bin" --syntax markdown - <"$f" >/dev/null 2>&1
		s2=$?
		timeout 60 "$bin" --syntax html - <"$f" >/dev/null 2>&1
		s3=$?
		[ "$s2" -gt "$status" ] && status=$s2
		[ "$s3" -gt "$status" ] && status=$s3 ;;
	esac
	[ -n "${status+x}" ] || status=$?
	if [ "$status" -le 2 ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL regression $f: exit $status"
	fi
done
echo "regressions: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
