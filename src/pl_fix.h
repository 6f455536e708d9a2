/* pl_fix.h - safe fixes: apply them, show them as a diff, write them back
 * without ever leaving a file half-written. */
#ifndef PL_FIX_H
#define PL_FIX_H

#include <stdio.h>

#include "pl_finding.h"
#include "pl_rule.h"

/** One replacement of [start, end) of the original text. */
typedef struct pl_edit {
	size_t start, end;
	const char *text; /* borrowed */
	size_t len;
	size_t finding;   /* index of the finding it fixes */
} pl_edit;

typedef struct pl_edits {
	pl_edit *v; /* owned */
	size_t n, cap;
	char *scratch; /* owned: replacement texts the fixer made itself */
	size_t scratch_len, scratch_cap;
} pl_edits;

/** Collect the safe fixes of sorted findings on `text`: missing or
 * misplaced spaces, known typos, proper-noun casing, HTML entities,
 * invisible characters, mojibake, doubled words and boilerplate lines.
 * Overlapping fixes after the first are left out. */
int pl_fix_collect(pl_edits *out, const pl_findings *f, const pl_ruleset *rules,
		   const char *text, size_t len);

/** Free the edit list. */
void pl_edits_fini(pl_edits *e);

/** The text with the edits applied, as a malloc'd buffer the caller frees. */
int pl_fix_apply(char **out, size_t *out_len, const char *text, size_t len,
		 const pl_edits *e);

/** Print the edits as a unified diff of `path` (a/ and b/ prefixes). */
void pl_fix_diff(FILE *fp, const char *path, const char *text, size_t len,
		 const pl_edits *e);

/** Replace `path` with `data` atomically: a temporary file in the same
 * folder is written, flushed and renamed over it, keeping its mode. When
 * the file no longer holds `expected` (changed since it was read), nothing
 * is written and PL_EINVAL is returned. */
int pl_fix_write(const char *path, const char *expected, size_t expected_len,
		 const char *data, size_t len);

#endif
