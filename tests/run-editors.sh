#!/bin/sh
# Editor integration (editors/): Vim's quickfix list from `:compiler presslint`
# and `:make` holds each finding at the right line, character and type; the
# VS Code problem matcher's pattern reads presslint's lines; the Emacs file
# is checked too when Emacs happens to be installed (it is not installed
# here). Needs Vim with +eval (Debian vim-nox: installed as root, otherwise
# this fails and prints the apt-get line).
set -u
bin=${1:-./presslint}
cd "$(dirname "$0")/.." || exit 2
root=$(pwd)
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL editors $*"; }
finish() { echo "editors: $pass passed, $fail failed"; [ "$fail" -eq 0 ]; exit $?; }

case $bin in /*) ;; *) bin=$root/$bin ;; esac
[ -x "$bin" ] || { bad "no $bin: run make first"; finish; }
# `presslint` on PATH is this checkout's build, as the editors call it.
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/bin" "$tmp/work"
ln -s "$bin" "$tmp/bin/presslint"
PATH="$tmp/bin:$root:$PATH"
export PATH

has_vim() { command -v vim >/dev/null 2>&1 && vim --version 2>/dev/null | grep -q '+eval'; }
if ! has_vim; then
	sh tests/install-deps.sh vim-nox
	has_vim || { bad "vim: no Vim with +eval (Debian vim-nox; see above)"; finish; }
fi

# same COMMAND-OUTPUT EXPECTED-FILE NAME
same() {
	if cmp -s "$2" "$1"; then ok; else
		bad "$3"; echo "  got:"; sed 's/^/    /' "$1"; echo "  wanted:"; sed 's/^/    /' "$2"; fi
}

cd "$tmp/work" || exit 2
# One finding of each severity; the comma after the curly quotes is
# character 14 but byte 18; a tab and an emoji (two screen cells each way
# Vim counts %v) come before the findings on lines 4 and 5.
printf 'A Partnership Forged in Beijing\nHe said “yes”,then left.\nChina adn Russia.\n\tTabs here,then more.\nEmoji 😀 here,then more.\nExperts Analyze the growing Sino-Russian Alliance\n' >draft.txt
printf 'A clean sentence.\n' >clean.txt
mkdir news && printf 'China adn Russia.\n' >"news/my draft.md"

# The quickfix list as `line:col:vcol:type:valid:text`, then where `:cc N`
# puts the cursor for each entry as `jump line:character`.
cat >"$tmp/dump.vim" <<'EOV'
let s:out = []
for s:e in getqflist()
  call add(s:out, printf('%s|%d:%d:%d:%s:%d:%s', bufname(s:e.bufnr), s:e.lnum,
        \ s:e.col, s:e.vcol, s:e.type, s:e.valid, s:e.text))
endfor
let s:i = 1
for s:e in getqflist()
  if s:e.valid
    execute 'silent cc ' . s:i
    call add(s:out, printf('jump %d:%d', line('.'), charcol('.')))
  endif
  let s:i += 1
endfor
call writefile(s:out, g:out)
EOV
# vim_make OUT FILE [EX-COMMAND]: :compiler presslint, :make on FILE, dump.
vim_make() {
	rm -f "$1"
	vim -es -N -u NONE -i NONE --cmd 'set encoding=utf-8' \
		--cmd "set rtp^=$root/editors/vim" --cmd "let g:out = '$1'" \
		-c 'compiler presslint' -c "${3:-echo}" -c 'silent make' \
		-c "source $tmp/dump.vim" -c 'qa!' "$2" </dev/null >/dev/null 2>&1
	[ -f "$1" ] || echo "(Vim wrote no quickfix list)" >"$1"
}

vim_make "$tmp/qf" draft.txt
cat >"$tmp/want" <<'EOW'
draft.txt|2:18:0:w:1:missing space after ',' [spacing.missing-after]
draft.txt|3:7:0:e:1:'adn' is a common typo: did you mean 'and'? [spelling.typo]
draft.txt|4:11:0:w:1:missing space after ',' [spacing.missing-after]
draft.txt|5:16:0:w:1:missing space after ',' [spacing.missing-after]
draft.txt|6:21:0:n:1:lowercase 'growing' in a Title Case heading [capitalization.title-case]
jump 2:14
jump 3:7
jump 4:11
jump 5:13
jump 6:21
EOW
same "$tmp/qf" "$tmp/want" "vim quickfix: line, column, type of each finding"
# The character each jump lands on is presslint's own (character) column.
presslint draft.txt | sed -n 's/^draft\.txt:\([0-9]*\):\([0-9]*\): .*/jump \1:\2/p' >"$tmp/want-jumps"
grep '^jump ' "$tmp/qf" >"$tmp/jumps"
same "$tmp/jumps" "$tmp/want-jumps" "vim jumps vs presslint's character columns"
# Spelled out, the curly-quote line: comma at character 14, byte 18.
if grep -qxF 'jump 2:14' "$tmp/qf" && presslint draft.txt | grep -q '^draft\.txt:2:14: warning: missing space after' &&
	presslint --columns byte draft.txt | grep -q '^draft\.txt:2:18: warning: missing space after'; then ok; else
	bad "curly quotes: presslint's columns or Vim's landing moved"; fi

vim_make "$tmp/qf" clean.txt
: >"$tmp/want"
same "$tmp/qf" "$tmp/want" "vim quickfix for a clean file is empty"

vim_make "$tmp/qf" "news/my draft.md"
cat >"$tmp/want" <<'EOW'
news/my draft.md|1:7:0:e:1:'adn' is a common typo: did you mean 'and'? [spelling.typo]
jump 1:7
EOW
same "$tmp/qf" "$tmp/want" "vim quickfix for a file name with a space, in a folder"

# presslint's own errors stay in the list as text, not as a location.
vim_make "$tmp/qf" draft.txt 'let &l:makeprg = "presslint --lang xx_XX %:S"'
if grep -q '^|0:0:0::0:presslint: no Hunspell dictionary .xx_XX.' "$tmp/qf" && [ "$(wc -l <"$tmp/qf")" -eq 1 ]; then ok; else
	bad "vim quickfix keeps presslint's error message"; sed 's/^/  /' "$tmp/qf"; fi

# VS Code: tasks.json is strict JSON (Vim's json_decode parses it), every
# task's matcher is presslint's, and its pattern (Perl reads the JavaScript
# regexp the same way) splits presslint's lines into the right fields.
cat >"$tmp/vscode.vim" <<'EOV'
let s:t = json_decode(join(readfile(g:tasks), "\n"))
let s:out = []
for s:task in s:t.tasks
  let s:m = s:task.problemMatcher
  let s:p = s:m.pattern
  call add(s:out, printf('%s|%s|%s|%s|%s', s:task.command, s:m.owner,
        \ string(s:m.fileLocation), s:m.severity,
        \ join(map([s:p.file, s:p.line, s:p.column, s:p.severity, s:p.message, s:p.code], 'string(v:val)'), ',')))
  call add(s:out, 'regexp ' . s:p.regexp)
endfor
call writefile(s:out, g:out)
EOV
rm -f "$tmp/vscode"
vim -es -N -u NONE -i NONE --cmd 'set encoding=utf-8' --cmd "let g:tasks = '$root/editors/vscode/tasks.json'" \
	--cmd "let g:out = '$tmp/vscode'" -c "source $tmp/vscode.vim" -c 'qa!' </dev/null >/dev/null 2>&1
if [ -f "$tmp/vscode" ] && [ "$(grep -c '^presslint|presslint|\[.relative., .${workspaceFolder}.\]|info|1,2,3,4,5,6$' "$tmp/vscode")" -eq 2 ]; then ok; else
	bad "vscode tasks.json: two presslint tasks with owner presslint, fileLocation relative, groups 1-6"
	[ -f "$tmp/vscode" ] && sed 's/^/  /' "$tmp/vscode"; fi
if ! command -v perl >/dev/null 2>&1; then bad "vscode pattern: no perl to test it"; else
	presslint draft.txt "news/my draft.md" >"$tmp/lines"
	printf 'x.rules:2:15: error: pattern of '"'"'x'"'"': missing closing parenthesis\n' >>"$tmp/lines"
	sed -n 's/^regexp //p' "$tmp/vscode" | sort -u >"$tmp/regexps"
	if [ "$(wc -l <"$tmp/regexps")" -ne 1 ]; then bad "vscode: the tasks' patterns differ"; else
		perl -e 'open(R, "<", $ARGV[0]) or die; my $re = <R>; chomp $re;
			while (<STDIN>) { chomp; if (/$re/) { print join("|", map { defined $_ ? $_ : "-" } ($1,$2,$3,$4,$5,$6)), "\n" } else { print "NO MATCH $_\n" } }' \
			"$tmp/regexps" <"$tmp/lines" >"$tmp/fields"
		cat >"$tmp/want" <<'EOW'
draft.txt|2|14|warning|missing space after ','|spacing.missing-after
draft.txt|3|7|error|'adn' is a common typo: did you mean 'and'?|spelling.typo
draft.txt|4|11|warning|missing space after ','|spacing.missing-after
draft.txt|5|13|warning|missing space after ','|spacing.missing-after
draft.txt|6|21|suggestion|lowercase 'growing' in a Title Case heading|capitalization.title-case
news/my draft.md|1|7|error|'adn' is a common typo: did you mean 'and'?|spelling.typo
x.rules|2|15|error|pattern of 'x': missing closing parenthesis|-
EOW
		same "$tmp/fields" "$tmp/want" "vscode pattern fields"
	fi
fi

# Emacs, only if installed: the compile regexp and the Flymake backend.
if command -v emacs >/dev/null 2>&1; then
	cat >"$tmp/emacs-test.el" <<'EOE'
(add-to-list 'load-path (expand-file-name "editors/emacs" (getenv "PL_ROOT")))
(require 'presslint)
(let* ((entry (assq 'presslint compilation-error-regexp-alist-alist))
       (re (nth 1 entry)))
  (unless (memq 'presslint compilation-error-regexp-alist)
    (princ "not in compilation-error-regexp-alist\n"))
  (with-temp-buffer
    (let ((coding-system-for-read 'utf-8))
      (insert-file-contents (getenv "PL_LINES")))
    (dolist (line (split-string (buffer-string) "\n" t))
      (if (string-match re line)
          (princ (format "compile %s:%s:%s:%s\n"
                         (match-string 1 line) (match-string 2 line)
                         (match-string 3 line)
                         (cond ((match-beginning 4) "warning")
                               ((match-beginning 5) "info")
                               (t "error"))))
        (princ (format "compile NO MATCH %s\n" line))))))
(with-temp-buffer
  (let ((coding-system-for-read 'utf-8))
    (insert-file-contents "draft.txt"))
  (let ((result nil) (done nil) (tries 0))
    (presslint-flymake (lambda (diags &rest _) (setq result diags done t)))
    (while (and (not done) (< tries 100))
      (accept-process-output nil 0.1)
      (setq tries (1+ tries)))
    (if (not (listp result))
        (princ (format "flymake %S\n" result))
      (dolist (d result)
        (let ((beg (flymake-diagnostic-beg d)))
          (save-excursion
            (goto-char beg)
            (princ (format "flymake %d:%d:%s:%s\n" (line-number-at-pos beg)
                           (1+ (- beg (line-beginning-position)))
                           (flymake-diagnostic-type d)
                           (flymake-diagnostic-text d)))))))))
EOE
	presslint draft.txt >"$tmp/lines"
	PL_ROOT=$root PL_LINES=$tmp/lines emacs --batch -Q -l "$tmp/emacs-test.el" >"$tmp/emacs" 2>"$tmp/emacs-err"
	cat >"$tmp/want" <<'EOW'
compile draft.txt:2:14:warning
compile draft.txt:3:7:error
compile draft.txt:4:11:warning
compile draft.txt:5:13:warning
compile draft.txt:6:21:info
flymake 2:14:warning:missing space after ',' [spacing.missing-after]
flymake 3:7:error:'adn' is a common typo: did you mean 'and'? [spelling.typo]
flymake 4:11:warning:missing space after ',' [spacing.missing-after]
flymake 5:13:warning:missing space after ',' [spacing.missing-after]
flymake 6:21:note:lowercase 'growing' in a Title Case heading [capitalization.title-case]
EOW
	# flymake-diagnostic-type prints :error, :warning, :note
	sed 's/^\(flymake [0-9]*:[0-9]*:\):/\1/' "$tmp/emacs" >"$tmp/emacs2"
	same "$tmp/emacs2" "$tmp/want" "emacs compile regexp and flymake backend"
	[ -s "$tmp/emacs-err" ] && grep -i 'error' "$tmp/emacs-err" | sed 's/^/  emacs: /'
else
	echo "editors: Emacs not installed; editors/emacs/presslint.el not exercised"
fi

finish
