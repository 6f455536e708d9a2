#include "pl_lines.h"

#include <stdlib.h>
#include <string.h>

/* Where the line break at or after text[i] ends (past an LF, a CRLF or a
 * lone CR), or 0 when none comes before len. Text with no CR at all (most
 * files: `cr` false) has memchr find each LF. */
static size_t next_break(const char *text, size_t i, size_t len, bool cr)
{
	const char *p;

	if (!cr)
		return (p = memchr(text + i, '\n', len - i)) ? (size_t)(p - text) + 1 : 0;
	for (; i < len; i++) {
		if (text[i] == '\n')
			return i + 1;
		if (text[i] == '\r')
			return i + 1 < len && text[i + 1] == '\n' ? i + 2 : i + 1;
	}
	return 0;
}

int pl_lines_init(pl_lines *t, const char *text, size_t len, size_t body)
{
	size_t cap = 0, i = body;
	bool cr = memchr(text + body, '\r', len - body) != NULL;

	memset(t, 0, sizeof(*t));
	t->text = text;
	t->len = len;
	if (PL_GROW(t->start, cap, 1) < 0)
		return PL_ENOMEM;
	t->start[t->n++] = body;
	while ((i = next_break(text, i, len, cr))) {
		if (PL_GROW(t->start, cap, t->n + 1) < 0)
			return PL_ENOMEM;
		t->start[t->n++] = i;
	}
	return PL_OK;
}

size_t pl_lines_breaks(const char *text, size_t from, size_t to)
{
	size_t n = 0, i = from;
	bool cr = memchr(text + from, '\r', to - from) != NULL;

	while ((i = next_break(text, i, to, cr)))
		n++;
	return n;
}

void pl_lines_fini(pl_lines *t)
{
	free(t->start);
	memset(t, 0, sizeof(*t));
}

void pl_lines_locate(pl_lines *t, size_t offset, bool chars, size_t *line,
		     size_t *col)
{
	size_t lo = 0, hi = t->n, i, from, c = 0;

	/* findings come sorted: the line sought is most often the last one
	 * located or one soon after it, asked before the whole table (whose
	 * halving steps miss the cache in a large file) */
	if (t->memo_valid && t->start[t->memo_line] <= offset) {
		size_t step = 1;
		lo = t->memo_line;
		while (lo + step < hi && t->start[lo + step] <= offset) {
			lo += step;
			step *= 2;
		}
		if (lo + step < hi)
			hi = lo + step;
	}
	/* the last line whose start is <= offset */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->start[mid] <= offset)
			lo = mid;
		else
			hi = mid;
	}
	if (offset < t->start[lo])
		offset = t->start[lo];
	from = t->start[lo];
	if (t->memo_valid && t->memo_line == lo && t->memo_chars == chars &&
	    t->memo_off <= offset) {
		from = t->memo_off;
		c = t->memo_col - 1;
	}
	if (chars) {
		for (i = from; i < offset && i < t->len; i++)
			if (((unsigned char)t->text[i] & 0xC0) != 0x80)
				c++;
	} else {
		c = offset - t->start[lo];
	}
	*line = lo + 1;
	*col = c + 1;
	t->memo_valid = true;
	t->memo_line = lo;
	t->memo_off = offset;
	t->memo_col = c + 1;
	t->memo_chars = chars;
}
