" Vim compiler file for presslint, the proofreading linter for news copy.
" Use:  :compiler presslint   then   :make   (the current file is linted)
" Columns are characters, which is what Vim's %v expects.
if exists("current_compiler")
  finish
endif
let current_compiler = "presslint"

if exists(":CompilerSet") != 2
  command -nargs=* CompilerSet setlocal <args>
endif

CompilerSet makeprg=presslint\ %:S
CompilerSet errorformat=%f:%l:%v:\ %trror:\ %m,
                       \%f:%l:%v:\ %tarning:\ %m,
                       \%f:%l:%v:\ suggestion:\ %m,
                       \%-G%.%#
