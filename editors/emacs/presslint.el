;;; presslint.el --- Flymake backend and compile regexp for presslint  -*- lexical-binding: t; -*-

;; Copyright (C) 2025 The presslint authors

;; Author: The presslint authors
;; Version: 0.1.0
;; Package-Requires: ((emacs "26.1"))
;; Keywords: wp, convenience, tools

;; This file is not part of GNU Emacs.

;;; Commentary:

;; presslint is a proofreading linter for news copy.  It prints findings the
;; way compilers do:
;;
;;     story.md:12:79: error: 'adn' is a common typo: did you mean 'and'? [spelling.typo]
;;
;; with the column counted in characters.  This file gives Emacs two ways to
;; read them:
;;
;; 1. `presslint-flymake', a Flymake backend that lints the buffer as you
;;    type (the buffer's text goes to "presslint -" on standard input, so
;;    unsaved edits are checked too):
;;
;;        (require 'presslint)
;;        (add-hook 'markdown-mode-hook #'presslint-flymake-setup)
;;        (add-hook 'text-mode-hook #'presslint-flymake-setup)
;;
;;    error, warning and suggestion become Flymake's :error, :warning
;;    and :note.  presslint reads standard input as plain text; for a
;;    Markdown or HTML buffer give it the syntax, where presslint has the
;;    --syntax option:
;;
;;        (add-hook 'markdown-mode-hook
;;                  (lambda () (setq-local presslint-arguments
;;                                         '("--syntax" "markdown"))))
;;
;; 2. An entry `presslint' in `compilation-error-regexp-alist-alist', so
;;    M-x compile RET presslint drafts/ RET gives a *compilation* buffer
;;    whose lines jump to the findings (error, warning and suggestion become
;;    compilation's error, warning and info).  Columns are characters:
;;    compilation mode counts screen columns unless
;;    `compilation-error-screen-columns' is nil, so set it to nil if your
;;    copy has tabs or wide characters (CJK, emoji) before a finding.
;;
;; presslint must be on `exec-path' (make install), or set
;; `presslint-executable'.

;;; Code:

(require 'compile)
(require 'flymake)
(require 'subr-x)                      ; string-trim in Emacs 26

(defgroup presslint nil
  "Proofreading linter for news copy."
  :group 'tools
  :prefix "presslint-")

(defcustom presslint-executable "presslint"
  "The presslint program: a name looked up on `exec-path', or a path."
  :type 'string)

(defcustom presslint-arguments nil
  "Extra arguments for presslint, placed before the file names.
For example (\"--lang\" \"en_GB\") or (\"--disable\" \"spacing.double\")."
  :type '(repeat string))

;;;; Compilation mode

(defconst presslint-compilation-regexp
  '(presslint
    "^\\(.+?\\):\\([0-9]+\\):\\([0-9]+\\): \\(?:error\\|\\(warning\\)\\|\\(suggestion\\)\\): "
    1 2 3 (4 . 5))
  "Entry for `compilation-error-regexp-alist-alist' matching presslint output.
Groups: 1 file, 2 line, 3 column, 4 warning, 5 suggestion (shown as info);
a line with neither is an error.")

(add-to-list 'compilation-error-regexp-alist-alist presslint-compilation-regexp)
(add-to-list 'compilation-error-regexp-alist 'presslint)

;;;; Flymake

(defconst presslint--flymake-regexp
  "^<stdin>:\\([0-9]+\\):\\([0-9]+\\): \\(error\\|warning\\|suggestion\\): \\(.*\\)$"
  "One finding of \"presslint -\": line, column, severity, message [rule].")

(defvar-local presslint--flymake-process nil
  "The presslint process of the last check of this buffer.")

(defun presslint--flymake-type (severity)
  "Flymake diagnostic type for presslint's SEVERITY string."
  (cond ((equal severity "error") :error)
        ((equal severity "warning") :warning)
        (t :note)))

(defun presslint--flymake-region (source line column)
  "Region (BEG . END) in SOURCE for a finding at LINE and COLUMN.
Both are 1-based; COLUMN counts characters.  The region runs to the end
of the word or punctuation run that starts there."
  (with-current-buffer source
    (save-excursion
      (save-restriction
        (widen)
        (goto-char (point-min))
        (forward-line (1- line))
        (let* ((eol (line-end-position))
               (beg (min (+ (point) (max 0 (1- column))) eol))
               (end (progn
                      (goto-char beg)
                      (skip-chars-forward "^[:space:]" eol)
                      (point))))
          (when (= beg end)
            ;; at the end of the line, or on white space: mark one character
            (if (< beg eol)
                (setq end (1+ beg))
              (setq beg (max (line-beginning-position) (1- eol)) end eol)))
          (cons beg end))))))

(defun presslint--flymake-parse (output source)
  "Flymake diagnostics for SOURCE from presslint's OUTPUT string."
  (let ((diags '())
        (start 0))
    (while (string-match presslint--flymake-regexp output start)
      (let* ((line (string-to-number (match-string 1 output)))
             (column (string-to-number (match-string 2 output)))
             (type (presslint--flymake-type (match-string 3 output)))
             (message (match-string 4 output))
             (region (presslint--flymake-region source line column)))
        (setq start (match-end 0))
        (push (flymake-make-diagnostic source (car region) (cdr region)
                                       type message)
              diags)))
    (nreverse diags)))

;;;###autoload
(defun presslint-flymake (report-fn &rest _args)
  "Flymake backend: lint the current buffer with presslint.
Give it to `flymake-diagnostic-functions'; REPORT-FN is Flymake's callback."
  (unless (executable-find presslint-executable)
    ;; Flymake disables a backend that signals an error, and says why.
    (error "Cannot find %s (make install, or set `presslint-executable')"
           presslint-executable))
  (when (process-live-p presslint--flymake-process)
    (kill-process presslint--flymake-process))
  (let* ((source (current-buffer))
         (process
          (make-process
           :name "presslint-flymake"
           :noquery t
           :connection-type 'pipe
           :coding 'utf-8-unix
           :buffer (generate-new-buffer " *presslint-flymake*")
           :command (append (list presslint-executable)
                            presslint-arguments
                            (list "-"))
           :sentinel
           (lambda (proc _event)
             (when (memq (process-status proc) '(exit signal))
               (unwind-protect
                   (if (not (and (buffer-live-p source)
                                 (eq proc (buffer-local-value
                                           'presslint--flymake-process
                                           source))))
                       (flymake-log :debug "obsolete check %s" proc)
                     (let ((output (with-current-buffer (process-buffer proc)
                                     (buffer-string)))
                           (status (process-exit-status proc)))
                       ;; 0: no findings, 1: findings; anything else (2: a
                       ;; usage error such as a missing dictionary) is
                       ;; reported, not drawn.
                       (if (and (eq (process-status proc) 'exit)
                                (memq status '(0 1)))
                           (funcall report-fn
                                    (presslint--flymake-parse output source))
                         (funcall report-fn :panic
                                  :explanation
                                  (format "presslint exited with %s: %s"
                                          status (string-trim output))))))
                 (kill-buffer (process-buffer proc))))))))
    (setq presslint--flymake-process process)
    (save-restriction
      (widen)
      (process-send-region process (point-min) (point-max)))
    (process-send-eof process)))

;;;###autoload
(defun presslint-flymake-setup ()
  "Add `presslint-flymake' to this buffer's Flymake backends and start Flymake."
  (add-hook 'flymake-diagnostic-functions #'presslint-flymake nil t)
  (flymake-mode 1))

(provide 'presslint)
;;; presslint.el ends here
