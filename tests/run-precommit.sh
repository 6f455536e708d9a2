#!/bin/sh
# The pre-commit hook (.pre-commit-hooks.yaml): a content repository that uses
# it cannot commit a draft with a finding, and can once the draft is fixed.
# Needs the Debian packages pre-commit and git (installed as root, otherwise
# this fails and prints the apt-get line). Touches nothing outside a
# temporary folder: HOME and pre-commit's cache point into it.
set -u
bin=${1:-./presslint}
cd "$(dirname "$0")/.." || exit 2
root=$(pwd)
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL precommit $*"; }
finish() { echo "precommit: $pass passed, $fail failed"; [ "$fail" -eq 0 ]; exit $?; }

if ! sh tests/install-deps.sh pre-commit git || ! command -v pre-commit >/dev/null 2>&1 ||
	! command -v git >/dev/null 2>&1; then
	bad "deps: pre-commit and git are needed (see above)"
	finish
fi
case $bin in /*) ;; *) bin=$root/$bin ;; esac
if [ ! -x "$bin" ]; then
	bad "no $bin: run make first"
	finish
fi

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/home" "$tmp/bin" "$tmp/content"
# Nothing reaches the real home, git's global config or pre-commit's cache.
export HOME="$tmp/home" XDG_CACHE_HOME="$tmp/home/.cache" \
	XDG_CONFIG_HOME="$tmp/home/.config" PRE_COMMIT_HOME="$tmp/pre-commit"
export GIT_CONFIG_NOSYSTEM=1
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE PRE_COMMIT_ALLOW_NO_CONFIG 2>/dev/null
# language: system runs the presslint on PATH: this checkout's build. (The
# symlink resolves to the real binary, which finds rules/ beside itself.)
ln -s "$bin" "$tmp/bin/presslint"
PATH="$tmp/bin:$PATH"
export PATH

# The hook repository: pre-commit clones it at `rev`, so the hook file must
# be committed there. Use this checkout at HEAD when HEAD has the working
# copy's .pre-commit-hooks.yaml; otherwise a clone with it committed on top.
hookrepo=$root
if ! git -C "$root" rev-parse --verify -q HEAD >/dev/null 2>&1; then
	# not a git checkout (a tarball): a repository holding just the hook file
	hookrepo="$tmp/hookrepo"
	git init -q "$hookrepo" && cp .pre-commit-hooks.yaml "$hookrepo/" &&
		git -C "$hookrepo" add .pre-commit-hooks.yaml &&
		git -C "$hookrepo" -c user.name=t -c user.email=t@example.org commit -qm hooks ||
		{ bad "could not make a hook repository"; finish; }
	echo "precommit: $root is not a git checkout; testing its hook file in a scratch repository"
elif ! git -C "$root" cat-file -e HEAD:.pre-commit-hooks.yaml 2>/dev/null ||
	! git -C "$root" diff --quiet HEAD -- .pre-commit-hooks.yaml; then
	hookrepo="$tmp/hookrepo"
	git clone -q "$root" "$hookrepo" && cp .pre-commit-hooks.yaml "$hookrepo/" &&
		git -C "$hookrepo" add .pre-commit-hooks.yaml &&
		git -C "$hookrepo" -c user.name=t -c user.email=t@example.org commit -qm 'uncommitted hook file' ||
		{ bad "could not clone $root for the uncommitted .pre-commit-hooks.yaml"; finish; }
	echo "precommit: .pre-commit-hooks.yaml is not committed as is; testing it in a clone"
fi
rev=$(git -C "$hookrepo" rev-parse HEAD) || { bad "no HEAD in $hookrepo"; finish; }

repo=$tmp/content
cd "$repo" || exit 2
git init -q . && git config user.name "Test Editor" && git config user.email editor@example.org &&
	git config commit.gpgsign false || { bad "git init"; finish; }
cat >.pre-commit-config.yaml <<EOC
repos:
  - repo: $hookrepo
    rev: $rev
    hooks:
      - id: presslint
EOC
printf 'A clean sentence.\n' >README.md
git add .pre-commit-config.yaml README.md && git commit -qm init || { bad "initial commit"; finish; }
if pre-commit install >"$tmp/out" 2>&1; then ok; else bad "pre-commit install"; cat "$tmp/out"; finish; fi
commits() { git rev-list --count HEAD; }

# try NAME WANT-STATUS(0 or 1): commit what is staged, check it went in or not
try() {
	before=$(commits)
	git commit -m "$1" >"$tmp/out" 2>&1
	got=$?
	after=$(commits)
	if [ "$2" -eq 0 ] && [ "$got" -eq 0 ] && [ "$after" -eq $((before + 1)) ]; then ok
	elif [ "$2" -ne 0 ] && [ "$got" -ne 0 ] && [ "$after" -eq "$before" ]; then ok
	else bad "$1: git commit exited $got with $before -> $after commits"; sed 's/^/  /' "$tmp/out"; fi
}
has() {
	if grep -qxF -- "$2" "$tmp/out"; then ok; else bad "$1: output lacks: $2"; sed 's/^/  /' "$tmp/out"; fi
}
lacks() {
	if grep -qF -- "$2" "$tmp/out"; then bad "$1: output has: $2"; sed 's/^/  /' "$tmp/out"; else ok; fi
}

typo="1:7: error: 'adn' is a common typo: did you mean 'and'? [spelling.typo]"
printf 'China adn Russia.\n' >draft.md
git add draft.md
try bad-draft 1
has bad-draft "draft.md:$typo"

# every extension the hook covers is checked; others are not
for f in b.markdown c.txt d.html e.htm f.json; do printf 'China adn Russia.\n' >"$f"; done
git add b.markdown c.txt d.html e.htm f.json
try extensions 1
for f in draft.md b.markdown c.txt d.html e.htm; do has extensions "$f:$typo"; done
lacks extensions "f.json:"

printf 'China and Russia.\n' >draft.md
for f in b.markdown c.txt d.html e.htm; do printf 'China and Russia.\n' >"$f"; done
git add draft.md b.markdown c.txt d.html e.htm
try fixed 0
grep -q '^presslint.*Passed$' "$tmp/out" && ok || { bad "fixed: hook did not run and pass"; sed 's/^/  /' "$tmp/out"; }
# pre-commit kept its clone of the hook repository in the temporary folder
[ -d "$PRE_COMMIT_HOME" ] && ok || bad "pre-commit did not use PRE_COMMIT_HOME"

finish
