/* pl_lines.h - byte offsets to line and column, computed only when reporting. */
#ifndef PL_LINES_H
#define PL_LINES_H

#include "pl_common.h"

typedef struct pl_lines {
	size_t *start; /* owned: byte offset where each line begins */
	size_t n;
	const char *text; /* borrowed */
	size_t len;
	/* the last position located: findings come sorted, so counting
	 * columns goes on from there instead of from the line start (a 50 MB
	 * line with findings all along stays linear) */
	size_t memo_line, memo_off, memo_col;
	bool memo_chars, memo_valid;
} pl_lines;

/** Build the table for `text` (LF, CRLF and lone CR end a line); lines start
 * at `body` so a leading BOM is not counted as a column. */
int pl_lines_init(pl_lines *t, const char *text, size_t len, size_t body);

/** The line breaks in text[from, to) as pl_lines_init counts them (LF,
 * CRLF and a lone CR one each): the lines before `to` of a text cut into
 * parts there. */
size_t pl_lines_breaks(const char *text, size_t from, size_t to);

/** Release the table. */
void pl_lines_fini(pl_lines *t);

/** 1-based line and column of byte `offset`. With `chars` the column counts
 * Unicode code points, otherwise bytes. */
void pl_lines_locate(pl_lines *t, size_t offset, bool chars, size_t *line,
		     size_t *col);

#endif
