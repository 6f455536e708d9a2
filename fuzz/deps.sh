#!/bin/sh
# Install what `make fuzz` needs beyond the normal build (`make deps`) and is
# missing: clang and its libFuzzer runtime (Debian ships it in
# libclang-rt-N-dev, older releases in libclang-common-N-dev). Uses
# tests/install-deps.sh, which apt-get installs as root and otherwise prints
# the command to run.
set -u
cd "$(dirname "$0")/.." || exit 2
cc=${FUZZ_CC:-clang}
command -v "$cc" >/dev/null 2>&1 || sh tests/install-deps.sh clang || exit 1

# Can clang link a fuzzer?
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
links() {
	printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n)\n{ (void)d; (void)n; return 0; }\n' >"$tmp/t.c"
	"$cc" -fsanitize=fuzzer,address,undefined -o "$tmp/t" "$tmp/t.c" >/dev/null 2>&1
}
links && exit 0
major=$("$cc" -dumpversion | cut -d. -f1)
for p in "libclang-rt-$major-dev" "libclang-common-$major-dev"; do
	if apt-cache policy "$p" 2>/dev/null | grep -q 'Candidate: [0-9]'; then
		sh tests/install-deps.sh "$p" || exit 1
		links && exit 0
	fi
done
echo "fuzz: $cc cannot link -fsanitize=fuzzer (no libclang_rt.fuzzer for clang $major)" >&2
exit 1
