/* pl_lines.h - byte offsets to line and column, computed only when reporting.
 *
 * Lines are counted as they are asked for, from the last place located, so
 * that a report walks the text once, in order, however many findings it
 * has, and only as far as its last one. The start of every PL_LINES_STEP-th
 * line is kept on the way: an offset behind the last one asked is counted
 * from the nearest of those. A table of every line's start cost a 50 MB
 * file a second pass over its text and 4 MB of fresh memory (3% of the
 * run); the marks of this one take 1/PL_LINES_STEP of that. */
#ifndef PL_LINES_H
#define PL_LINES_H

#include "pl_common.h"

#define PL_LINES_STEP 64

typedef struct pl_lines {
	const char *text; /* borrowed */
	size_t len, body;
	/* mark[k]: where line k * PL_LINES_STEP starts (owned); every such
	 * line that starts before `far` has its mark */
	size_t *mark;
	size_t n_marks, cap_marks;
	bool marks_full;  /* no memory for more: none are kept past n_marks */
	/* how far the text has been counted, the line there (0-based) and
	 * where that line starts */
	size_t far, far_line, far_start;
	/* the last position located: findings come sorted, so counting goes
	 * on from there, lines and columns (a 50 MB line with findings all
	 * along stays linear) */
	size_t memo_line, memo_start, memo_off, memo_col;
	bool memo_chars, memo_valid;
} pl_lines;

/** Set up for `text` (LF, CRLF and lone CR end a line); lines start at
 * `body` so a leading BOM is not counted as a column. Counts nothing yet,
 * and takes no memory until a mark is kept. Returns PL_OK. */
int pl_lines_init(pl_lines *t, const char *text, size_t len, size_t body);

/** The line breaks in text[from, to) as pl_lines counts them (LF, CRLF
 * and a lone CR one each): the lines before `to` of a text cut into parts
 * there. */
size_t pl_lines_breaks(const char *text, size_t from, size_t to);

/** Release the marks. */
void pl_lines_fini(pl_lines *t);

/** 1-based line and column of byte `offset`. With `chars` the column counts
 * Unicode code points, otherwise bytes. (With no memory for a mark, marks
 * stop being kept: an offset behind the last one asked is then counted
 * from an earlier mark, to the same answer.) */
void pl_lines_locate(pl_lines *t, size_t offset, bool chars, size_t *line,
		     size_t *col);

#endif
