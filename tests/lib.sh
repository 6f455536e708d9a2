# tests/lib.sh - shared by the shell test scripts: sourced after setting
# `label` (the word in FAIL lines and the closing count line).
#
#   label=cli; . "$(dirname "$0")/lib.sh"
#   expect NAME STATUS EXPECTED-STDERR-LINE -- COMMAND...
#   finish
#
# Sets bin (absolute path of the binary under test: $1, or the
# repository's presslint), changes to the repository root, and makes $tmp,
# removed at exit.
set -u
root=$(cd "$(dirname "$0")/.." && pwd) || exit 2
bin=${1:-$root/presslint}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
cd "$root" || exit 2
pass=0 fail=0
tmp=$(mktemp -d) || exit 2
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT

# expect NAME STATUS EXPECTED-STDERR-LINE -- COMMAND...: the exit status,
# and (unless the line is empty) that stderr holds exactly that line.
expect() {
	name=$1 want=$2 msg=$3
	shift 4
	"$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	if [ "$got" -eq "$want" ] && { [ -z "$msg" ] || grep -qxF -- "$msg" "$tmp/err"; }; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $label $name: exit $got (want $want)"
		sed 's/^/  stderr: /' "$tmp/err"
		[ -n "$msg" ] && echo "  wanted: $msg"
	fi
}

# The closing line, and the script's exit status.
finish() {
	echo "$label: $pass passed, $fail failed"
	[ "$fail" -eq 0 ]
}
