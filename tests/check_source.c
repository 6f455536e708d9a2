/* check_source.c - loading a document: UTF-8 checked once, bad bytes and
 * NULs replaced by SUB so offsets still match the file, BOM skipped. */
#include "check_util.h"

#include <errno.h>
#include <fcntl.h>

#include "pl_source.h"

#define SUB 0x1A

/* A source from `len` bytes of `s` (copied into a malloc'd buffer). */
static pl_source *from(const char *s, size_t len)
{
	pl_source *src = NULL;
	char *buf = malloc(len ? len : 1);

	ck_assert_ptr_nonnull(buf);
	memcpy(buf, s, len);
	ck_assert_int_eq(pl_source_from_buffer(&src, "doc.txt", buf, len), PL_OK);
	ck_assert_ptr_nonnull(src);
	return src;
}

/* ---- pl_utf8_valid_len --------------------------------------------------- */

static const struct {
	const char *bytes;
	size_t avail, want;
} utf8_cases[] = {
	{ "a", 1, 1 },
	{ "\x7F", 1, 1 },
	{ "\xC3\xA9", 2, 2 },          /* é */
	{ "\xE2\x80\x99", 3, 3 },      /* ’ */
	{ "\xF0\x9F\x98\x80", 4, 4 },  /* emoji */
	{ "\xF4\x8F\xBF\xBF", 4, 4 },  /* U+10FFFF, the last code point */
	{ "\x80", 1, 0 },              /* a lone continuation byte */
	{ "\xC0\xAF", 2, 0 },          /* overlong '/' */
	{ "\xC1\xBF", 2, 0 },          /* overlong */
	{ "\xE0\x80\xAF", 3, 0 },      /* overlong, three bytes */
	{ "\xF0\x80\x80\xAF", 4, 0 },  /* overlong, four bytes */
	{ "\xED\xA0\x80", 3, 0 },      /* a UTF-16 surrogate */
	{ "\xF4\x90\x80\x80", 4, 0 },  /* beyond U+10FFFF */
	{ "\xF5\x80\x80\x80", 4, 0 },  /* no such lead byte */
	{ "\xFF", 1, 0 },
	{ "\xE2\x80", 2, 0 },          /* cut short by the end of the text */
	{ "\xE2\x80\x99", 2, 0 },      /* ... even when the bytes follow */
	{ "\xC3(", 2, 0 },             /* continuation missing */
};

START_TEST(test_utf8_valid_len)
{
	ck_assert_msg(pl_utf8_valid_len((const unsigned char *)utf8_cases[_i].bytes,
					utf8_cases[_i].avail) == utf8_cases[_i].want,
		      "case %d: expected %zu", _i, utf8_cases[_i].want);
}
END_TEST

/* ---- pl_source_from_buffer ----------------------------------------------- */

START_TEST(test_valid_text)
{
	pl_source *src = from("Beijing’s plan\n", 17);

	ck_assert_str_eq(src->path, "doc.txt");
	ck_assert_uint_eq(src->len, 17);
	ck_assert_str_eq(src->text, "Beijing’s plan\n");
	ck_assert_uint_eq(src->body, 0);
	ck_assert_uint_eq(src->n_invalid, 0);
	ck_assert_uint_eq(src->n_nul, 0);
	pl_source_free(src);
}
END_TEST

START_TEST(test_invalid_spans)
{
	/* a run of bad bytes is one span; every bad byte becomes SUB */
	pl_source *src = from("ab\xFF\xFE" "cd\xC3", 7);

	ck_assert_uint_eq(src->len, 7);
	ck_assert_uint_eq(src->n_invalid, 2);
	ck_assert_uint_eq(src->invalid[0].start, 2);
	ck_assert_uint_eq(src->invalid[0].end, 4);
	ck_assert_uint_eq(src->invalid[1].start, 6);
	ck_assert_uint_eq(src->invalid[1].end, 7);
	ck_assert_int_eq(memcmp(src->text, "ab\x1A\x1A" "cd\x1A", 7), 0);
	ck_assert_int_eq(src->text[7], '\0');
	pl_source_free(src);
}
END_TEST

START_TEST(test_invalid_keeps_valid_neighbours)
{
	/* a truncated sequence before a valid one: only the bad byte goes */
	pl_source *src = from("\xE2\x80" "é", 4);

	ck_assert_uint_eq(src->n_invalid, 1);
	ck_assert_uint_eq(src->invalid[0].start, 0);
	ck_assert_uint_eq(src->invalid[0].end, 2);
	ck_assert_int_eq(memcmp(src->text, "\x1A\x1A" "é", 4), 0);
	pl_source_free(src);
}
END_TEST

START_TEST(test_surrogate_replaced)
{
	pl_source *src = from("x\xED\xA0\x80y", 5);

	ck_assert_uint_eq(src->n_invalid, 1);
	ck_assert_uint_eq(src->invalid[0].start, 1);
	ck_assert_uint_eq(src->invalid[0].end, 4);
	ck_assert_int_eq(memcmp(src->text, "x\x1A\x1A\x1Ay", 5), 0);
	pl_source_free(src);
}
END_TEST

START_TEST(test_bom)
{
	pl_source *src = from("\xEF\xBB\xBFHi", 5);

	ck_assert_uint_eq(src->body, 3);
	ck_assert_uint_eq(src->len, 5);
	/* kept in the text so offsets match the file */
	ck_assert_int_eq(memcmp(src->text, "\xEF\xBB\xBFHi", 5), 0);
	ck_assert_uint_eq(src->n_invalid, 0);
	pl_source_free(src);
}
END_TEST

START_TEST(test_bom_only_at_start)
{
	pl_source *src = from("Hi\xEF\xBB\xBF", 5);

	ck_assert_uint_eq(src->body, 0);
	pl_source_free(src);
	src = from("\xEF\xBB", 2); /* half a BOM is invalid, not a BOM */
	ck_assert_uint_eq(src->body, 0);
	ck_assert_uint_eq(src->n_invalid, 1);
	pl_source_free(src);
}
END_TEST

START_TEST(test_nul_counted)
{
	pl_source *src = from("a\0b\0\0", 5);

	ck_assert_uint_eq(src->n_nul, 3);
	ck_assert_uint_eq(src->n_invalid, 0); /* NUL is valid UTF-8 */
	ck_assert_int_eq(memcmp(src->text, "a\x1A" "b\x1A\x1A", 5), 0);
	ck_assert_uint_eq(src->len, 5);
	pl_source_free(src);
}
END_TEST

START_TEST(test_empty)
{
	pl_source *src = from("", 0);

	ck_assert_uint_eq(src->len, 0);
	ck_assert_str_eq(src->text, "");
	ck_assert_uint_eq(src->body, 0);
	pl_source_free(src);
}
END_TEST

START_TEST(test_stdin_name)
{
	pl_source *src = NULL;
	char *buf = strdup("x");

	ck_assert_int_eq(pl_source_from_buffer(&src, "-", buf, 1), PL_OK);
	ck_assert_str_eq(src->path, "<stdin>");
	pl_source_free(src);
}
END_TEST

/* ---- pl_source_load ------------------------------------------------------ */

static char dir[512];

static void tmp_setup(void)
{
	tmpdir_new(dir, sizeof(dir));
}

static void tmp_teardown(void)
{
	tmpdir_remove(dir);
}

START_TEST(test_load_file)
{
	char path[1024];
	pl_source *src = NULL;
	FILE *f;

	snprintf(path, sizeof(path), "%s/a.txt", dir);
	f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	fwrite("\xEF\xBB\xBFOne\r\nT\xFFo\0", 1, 12, f);
	fclose(f);
	ck_assert_int_eq(pl_source_load(&src, path), PL_OK);
	ck_assert_str_eq(src->path, path);
	ck_assert_uint_eq(src->len, 12);
	ck_assert_uint_eq(src->body, 3);
	ck_assert_uint_eq(src->n_invalid, 1);
	ck_assert_uint_eq(src->invalid[0].start, 9);
	ck_assert_uint_eq(src->invalid[0].end, 10);
	ck_assert_uint_eq(src->n_nul, 1);
	ck_assert_int_eq(src->text[11], SUB);
	pl_source_free(src);
}
END_TEST

START_TEST(test_load_large)
{
	/* bigger than the first read buffer */
	char path[1024];
	pl_source *src = NULL;
	FILE *f;
	size_t i, n = 200000;

	snprintf(path, sizeof(path), "%s/big.txt", dir);
	f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	for (i = 0; i < n; i++)
		fputc('a' + (int)(i % 26), f);
	fclose(f);
	ck_assert_int_eq(pl_source_load(&src, path), PL_OK);
	ck_assert_uint_eq(src->len, n);
	ck_assert_int_eq(src->text[n - 1], 'a' + (int)((n - 1) % 26));
	ck_assert_int_eq(src->text[n], '\0');
	pl_source_free(src);
}
END_TEST

/* A file of 4 MB or more is mapped: cleaned in place like any other text,
 * with the zero padding after it, and the file on disk untouched. Its
 * length is one byte short of a page multiple, the padding then lies
 * mostly past the file's last page. */
START_TEST(test_load_mapped)
{
	char path[1024];
	pl_source *src = NULL;
	FILE *f;
	size_t i, n = ((size_t)5 << 20) - 1;
	int c;

	snprintf(path, sizeof(path), "%s/mapped.txt", dir);
	f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	for (i = 0; i < n; i++)
		fputc(i == 1000 ? 0 : i == n - 1 ? 0xFF : 'a' + (int)(i % 26), f);
	fclose(f);
	ck_assert_int_eq(pl_source_load(&src, path), PL_OK);
	ck_assert_uint_eq(src->len, n);
	ck_assert_uint_gt(src->mapped, 0);
	ck_assert_int_eq(src->text[999], 'a' + (int)(999 % 26));
	ck_assert_int_eq(src->text[1000], SUB);
	ck_assert_uint_eq(src->n_nul, 1);
	ck_assert_uint_eq(src->n_invalid, 1);
	ck_assert_uint_eq(src->invalid[0].start, n - 1);
	ck_assert_int_eq(src->text[n - 1], SUB);
	for (i = n; i < n + 64; i++)
		ck_assert_int_eq(src->text[i], '\0');
	pl_source_free(src);

	/* the file still holds its NUL and its bad byte */
	f = fopen(path, "rb");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fseek(f, 1000, SEEK_SET), 0);
	c = fgetc(f);
	ck_assert_int_eq(c, 0);
	ck_assert_int_eq(fseek(f, (long)(n - 1), SEEK_SET), 0);
	c = fgetc(f);
	ck_assert_int_eq(c, 0xFF);
	fclose(f);
	remove(path);
}
END_TEST

/* A mapped file cut short while it is read: a SIGBUS that the guard
 * turns into a message naming the file and exit status 2 (an exit test:
 * it runs in a child of its own). */
START_TEST(test_mapped_cut_short)
{
	char path[1024];
	pl_source *src = NULL;
	FILE *f;
	size_t i, n = (size_t)5 << 20;
	volatile char c;

	snprintf(path, sizeof(path), "%s/cut.txt", dir);
	f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	for (i = 0; i < n; i++)
		fputc('a' + (int)(i % 26), f);
	fclose(f);
	pl_source_guard_mapped();
	ck_assert_int_eq(pl_source_load(&src, path), PL_OK);
	ck_assert_uint_gt(src->mapped, 0);
	ck_assert_int_eq(truncate(path, 0), 0);
	/* the guard's message would only clutter the test log */
	ck_assert_int_ge(dup2(open("/dev/null", O_WRONLY), STDERR_FILENO), 0);
	c = src->text[n / 2]; /* the page is gone: SIGBUS, exit 2 */
	(void)c;
	ck_abort_msg("reading a page past the cut did not end the process");
}
END_TEST

START_TEST(test_load_missing)
{
	char path[1024], want[1200];
	pl_source *src = (pl_source *)&src; /* must be reset to NULL */

	snprintf(path, sizeof(path), "%s/nope.txt", dir);
	ck_assert_int_eq(pl_source_load(&src, path), PL_EIO);
	ck_assert_ptr_null(src);
	snprintf(want, sizeof(want), "%s: cannot open: %s", path, strerror(ENOENT));
	ck_assert_str_eq(pl_error_last(), want);
}
END_TEST

START_TEST(test_free_null)
{
	pl_source_free(NULL);
}
END_TEST

/* ---- pl_source_looks_binary ---------------------------------------------- */

START_TEST(test_looks_binary)
{
	static const char plain[] = "Plain text.\r\n\tIndented\f";
	static const char utf8[] = "Café “quoted” ’";
	char ctrl[100];

	ck_assert(!pl_source_looks_binary(plain, strlen(plain)));
	ck_assert(!pl_source_looks_binary("", 0));
	ck_assert(pl_source_looks_binary("PK\0\x03", 4));
	/* more than one byte in ten a control character */
	memset(ctrl, 'a', sizeof(ctrl));
	memset(ctrl, 0x01, 11);
	ck_assert(pl_source_looks_binary(ctrl, sizeof(ctrl)));
	memset(ctrl, 'a', sizeof(ctrl));
	memset(ctrl, 0x01, 10);
	ck_assert(!pl_source_looks_binary(ctrl, sizeof(ctrl)));
	/* UTF-8 is text */
	ck_assert(!pl_source_looks_binary(utf8, strlen(utf8)));
	/* a NUL or a control byte anywhere in an eight-byte step, or in the
	 * tail after the last one, is seen (the scan steps eight at a time) */
	for (size_t at = 0; at < 21; at++) {
		memset(ctrl, 'a', 21);
		ctrl[at] = '\0';
		ck_assert_msg(pl_source_looks_binary(ctrl, 21), "NUL at %zu", at);
		memset(ctrl, 0xE9, 21); /* high bytes beside it */
		ctrl[at] = 0x01;
		ctrl[(at + 1) % 21] = 0x02;
		ctrl[(at + 2) % 21] = 0x03;
		ck_assert_msg(pl_source_looks_binary(ctrl, 21), "control at %zu", at);
	}
}
END_TEST

Suite *suite_source(void)
{
	Suite *s = suite_create("source");
	TCase *tc;

	tc = tcase_create("pl_utf8_valid_len");
	tcase_add_loop_test(tc, test_utf8_valid_len, 0, (int)PL_ARRAY_LEN(utf8_cases));
	suite_add_tcase(s, tc);

	tc = tcase_create("pl_source_from_buffer");
	tcase_add_test(tc, test_valid_text);
	tcase_add_test(tc, test_invalid_spans);
	tcase_add_test(tc, test_invalid_keeps_valid_neighbours);
	tcase_add_test(tc, test_surrogate_replaced);
	tcase_add_test(tc, test_bom);
	tcase_add_test(tc, test_bom_only_at_start);
	tcase_add_test(tc, test_nul_counted);
	tcase_add_test(tc, test_empty);
	tcase_add_test(tc, test_stdin_name);
	suite_add_tcase(s, tc);

	tc = tcase_create("pl_source_load");
	tcase_add_checked_fixture(tc, tmp_setup, tmp_teardown);
	tcase_add_test(tc, test_load_file);
	tcase_add_test(tc, test_load_large);
	tcase_add_test(tc, test_load_mapped);
	tcase_add_exit_test(tc, test_mapped_cut_short, 2);
	tcase_add_test(tc, test_load_missing);
	suite_add_tcase(s, tc);

	tc = tcase_create("pl_source_free");
	tcase_add_test(tc, test_free_null);
	suite_add_tcase(s, tc);

	tc = tcase_create("pl_source_looks_binary");
	tcase_add_test(tc, test_looks_binary);
	suite_add_tcase(s, tc);

	return s;
}
