/* check_lines.c - byte offsets to line and column, as reports show them. */
#include "check_util.h"

#include "pl_lines.h"

static pl_lines lines;

static void init(const char *text, size_t body)
{
	ck_assert_int_eq(pl_lines_init(&lines, text, strlen(text), body), PL_OK);
}

static void teardown(void)
{
	pl_lines_fini(&lines);
}

/* Line and column of `offset`, counted in characters or in bytes. */
#define ck_assert_locate(offset, chars, want_line, want_col)                   \
	do {                                                                   \
		size_t line_, col_;                                            \
		pl_lines_locate(&lines, (offset), (chars), &line_, &col_);     \
		ck_assert_msg(line_ == (want_line) && col_ == (want_col),      \
			      "offset %zu: got %zu:%zu, want %zu:%zu",         \
			      (size_t)(offset), line_, col_,                   \
			      (size_t)(want_line), (size_t)(want_col));        \
	} while (0)

/* ---- pl_lines_init ------------------------------------------------------- */

START_TEST(test_init_lf)
{
	init("one\ntwo\n\nfour", 0);
	ck_assert_locate(0, false, 1, 1);
	ck_assert_locate(4, false, 2, 1);
	ck_assert_locate(8, false, 3, 1);
	ck_assert_locate(9, false, 4, 1);
	ck_assert_locate(13, false, 4, 5);
}
END_TEST

START_TEST(test_init_crlf_cr)
{
	/* CRLF is one break, a lone CR is one too */
	init("a\r\nb\rc\n\rd", 0);
	ck_assert_locate(3, false, 2, 1);
	ck_assert_locate(5, false, 3, 1);
	ck_assert_locate(7, false, 4, 1);
	ck_assert_locate(8, false, 5, 1);
	ck_assert_locate(9, false, 5, 2);
}
END_TEST

START_TEST(test_breaks)
{
	/* as the table counts them, in any stretch: a CR that ends the
	 * stretch is a break of its own, its LF one of the next stretch's */
	static const char t[] = "a\r\nb\rc\n\rd\n\ne";
	size_t n = sizeof(t) - 1;

	init(t, 0);
	ck_assert_locate(n, false, 7, 2); /* the last line of the 7 */
	ck_assert_uint_eq(pl_lines_breaks(t, 0, n), 6);
	ck_assert_uint_eq(pl_lines_breaks(t, 0, 2) + pl_lines_breaks(t, 2, n), 7);
	ck_assert_uint_eq(pl_lines_breaks(t, 8, n), 2); /* a stretch with no CR */
	ck_assert_uint_eq(pl_lines_breaks(t, 0, 0), 0);
}
END_TEST

START_TEST(test_init_trailing_newline)
{
	init("last\n", 0);
	ck_assert_locate(4, false, 1, 5);
	ck_assert_locate(5, false, 2, 1);
}
END_TEST

START_TEST(test_init_empty)
{
	init("", 0);
	ck_assert_locate(0, true, 1, 1);
	ck_assert_locate(0, false, 1, 1);
}
END_TEST

START_TEST(test_init_bom)
{
	init("\xEF\xBB\xBFone\ntwo", 3);
	ck_assert_locate(3, false, 1, 1);
	ck_assert_locate(7, false, 2, 1);
	ck_assert_locate(10, false, 2, 4);
}
END_TEST

START_TEST(test_init_long)
{
	/* breaks are looked for 16 or 64 bytes at a time: LF, CR and CRLF at
	 * every place in such a block, CRLFs across two of them, lines of
	 * every length; each line must start where a byte-by-byte walk
	 * finds it, located in order, then backwards (from the marks kept
	 * every PL_LINES_STEP lines), then in a stride around the text */
	static const char *const brk[] = { "\n", "\r\n", "\r", "\n\n", "\r\r\n" };
	static char text[8192];
	size_t want[2048], n = 1, len = 0, i, k;

	want[0] = 3;
	memcpy(text, "\xEF\xBB\xBF", 3); /* a BOM: the body starts at 3 */
	len = 3;
	for (i = 0; len < sizeof(text) - 64; i++) {
		const char *b = brk[i % PL_ARRAY_LEN(brk)];
		for (k = 0; k < 1 + i % 71; k++)
			text[len++] = (char)('a' + (int)(k % 26));
		for (; *b; b++) {
			text[len++] = *b;
			if (*b == '\r' && b[1] == '\n')
				continue; /* the LF ends this break */
			want[n++] = len;
		}
	}
	text[len] = '\0';
	init(text, 3);
	ck_assert_uint_gt(n, 2 * PL_LINES_STEP);
	for (i = 0; i < n; i++) {
		ck_assert_locate(want[i], false, i + 1, 1);
		/* the byte before a line's start is the last of the line
		 * before (the LF of a CRLF too) */
		if (i)
			ck_assert_locate(want[i] - 1, false, i, want[i] - 1 - want[i - 1] + 1);
	}
	for (i = n; i-- > 0;)
		ck_assert_locate(want[i], true, i + 1, 1);
	for (i = 0; i < n; i++) {
		k = (i * 97) % n;
		ck_assert_locate(want[k], false, k + 1, 1);
	}
	ck_assert_uint_eq(pl_lines_breaks(text, 3, len), n - 1);
}
END_TEST

/* ---- pl_lines_locate ----------------------------------------------------- */

START_TEST(test_locate_lf)
{
	init("one\ntwo\n\nfour", 0);
	ck_assert_locate(0, true, 1, 1);
	ck_assert_locate(2, true, 1, 3);
	ck_assert_locate(3, true, 1, 4); /* the line break itself */
	ck_assert_locate(4, true, 2, 1);
	ck_assert_locate(6, true, 2, 3);
	ck_assert_locate(8, true, 3, 1);
	ck_assert_locate(9, true, 4, 1);
	ck_assert_locate(12, true, 4, 4);
	ck_assert_locate(13, true, 4, 5); /* the end of the text */
}
END_TEST

START_TEST(test_locate_crlf_cr)
{
	init("a\r\nb\rc\n\rd", 0);
	ck_assert_locate(1, true, 1, 2); /* the CR of CRLF */
	ck_assert_locate(2, true, 1, 3); /* its LF: still line 1 */
	ck_assert_locate(3, true, 2, 1);
	ck_assert_locate(4, true, 2, 2);
	ck_assert_locate(5, true, 3, 1);
	ck_assert_locate(7, true, 4, 1); /* LF then CR: two breaks */
	ck_assert_locate(8, true, 5, 1);
}
END_TEST

START_TEST(test_locate_chars_bytes)
{
	/* "’" is three bytes and one character */
	init("x\nRussia’s war", 0);
	ck_assert_locate(2, true, 2, 1);
	ck_assert_locate(8, true, 2, 7);   /* the ’ */
	ck_assert_locate(11, true, 2, 8);  /* "s" */
	ck_assert_locate(11, false, 2, 10);
	ck_assert_locate(13, true, 2, 10); /* "war" */
	ck_assert_locate(13, false, 2, 12);
	ck_assert_locate(16, true, 2, 13);
	ck_assert_locate(16, false, 2, 15);
}
END_TEST

START_TEST(test_locate_multibyte)
{
	/* two- and four-byte characters count once each */
	init("é😀a", 0);
	ck_assert_locate(2, true, 1, 2);
	ck_assert_locate(6, true, 1, 3);
	ck_assert_locate(6, false, 1, 7);
}
END_TEST

START_TEST(test_locate_bom)
{
	/* the BOM is not a column, in characters or in bytes */
	init("\xEF\xBB\xBFone\ntwo", 3);
	ck_assert_locate(3, true, 1, 1);
	ck_assert_locate(3, false, 1, 1);
	ck_assert_locate(4, true, 1, 2);
	ck_assert_locate(5, false, 1, 3);
	ck_assert_locate(7, true, 2, 1);
	/* an offset inside the BOM is clamped to the start of the body */
	ck_assert_locate(0, true, 1, 1);
}
END_TEST

START_TEST(test_locate_many_lines)
{
	/* the right line everywhere, asked in order (from the last line
	 * found) and out of it (from the nearest mark) */
	static char text[1000 * 3 + 1];
	size_t i;

	for (i = 0; i < 1000; i++)
		memcpy(text + i * 3, "ab\n", 3);
	text[3000] = '\0';
	init(text, 0);
	for (i = 0; i < 1000; i++) {
		ck_assert_locate(i * 3, true, i + 1, 1);
		ck_assert_locate(i * 3 + 1, false, i + 1, 2);
	}
	for (i = 0; i < 1000; i++) {
		size_t j = (i * 389) % 1000; /* a stride around the table */
		ck_assert_locate(j * 3 + 2, true, j + 1, 3);
	}
	ck_assert_locate(3000, true, 1001, 1);
}
END_TEST

Suite *suite_lines(void)
{
	Suite *s = suite_create("lines");
	TCase *tc;

	tc = tcase_create("pl_lines_init");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, test_init_lf);
	tcase_add_test(tc, test_init_crlf_cr);
	tcase_add_test(tc, test_breaks);
	tcase_add_test(tc, test_init_trailing_newline);
	tcase_add_test(tc, test_init_empty);
	tcase_add_test(tc, test_init_bom);
	tcase_add_test(tc, test_init_long);
	suite_add_tcase(s, tc);

	tc = tcase_create("pl_lines_locate");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, test_locate_lf);
	tcase_add_test(tc, test_locate_crlf_cr);
	tcase_add_test(tc, test_locate_chars_bytes);
	tcase_add_test(tc, test_locate_multibyte);
	tcase_add_test(tc, test_locate_bom);
	tcase_add_test(tc, test_locate_many_lines);
	suite_add_tcase(s, tc);

	return s;
}
