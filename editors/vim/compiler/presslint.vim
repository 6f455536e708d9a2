" Vim compiler file for presslint, the proofreading linter for news copy.
" Use:  :compiler presslint   then   :make   (the current file is linted;
" write it first) and :copen for the list.
"
" Columns: presslint counts them in characters by default, but Vim's %v is a
" screen column (a tab spans up to 'tabstop' cells, an emoji or a CJK
" character two), so after a tab or a wide character %v lands on the wrong
" character. Byte columns (--columns byte) read with %c are exact everywhere.
"
" Types: error -> E, warning -> W, suggestion -> N (shown as "note";
" "suggestio%t" takes the 'n').  Any other line (presslint's own messages:
" a missing dictionary, an unreadable file) is kept in the list as text.
if exists("current_compiler")
  finish
endif
let current_compiler = "presslint"

if exists(":CompilerSet") != 2
  command -nargs=* CompilerSet setlocal <args>
endif

let s:cpo_save = &cpo
set cpo&vim

CompilerSet makeprg=presslint\ --columns\ byte\ %:S
CompilerSet errorformat=%f:%l:%c:\ %trror:\ %m,
                       \%f:%l:%c:\ %tarning:\ %m,
                       \%f:%l:%c:\ suggestio%t:\ %m

let &cpo = s:cpo_save
unlet s:cpo_save
