/* check_find.c - finding a string in a text (pl_find.h): the answer
 * memmem gives, wherever the needle is and whatever its length. */
#include "check_util.h"

#include "pl_find.h"

/* pl_find against memmem for one text and needle */
static void same(const char *text, size_t len, const char *needle, size_t n)
{
	const char *want = memmem(text, len, needle, n), *got = pl_find(text, len, needle, n);

	if (got != want)
		ck_abort_msg("text of %zu, needle of %zu: at %td, want %td", len, n,
			     got ? got - text : -1, want ? want - text : -1);
	ck_assert_ptr_eq(pl_find_scalar(text, len, needle, n), want);
}

START_TEST(test_places)
{
	/* one needle at every place of texts 0 to 100 bytes long, in a
	 * text of one other byte: the first and last of the vector loop's
	 * blocks, the places left to memmem, a needle as long as the text */
	static const char needle[] = "United States";
	char text[128];
	size_t len, at, n;

	for (n = 1; n < sizeof(needle); n++)
		for (len = 0; len <= 100; len++)
			for (at = 0; at + n <= len; at++) {
				memset(text, 'x', len);
				memcpy(text + at, needle, n);
				same(text, len, needle, n);
			}
	same(text, 0, needle, 0);
	same(text, 5, needle, 0);
}
END_TEST

START_TEST(test_near_misses)
{
	/* the first and last bytes right, a byte between wrong: every
	 * block has places the vector loop lets through that are not it,
	 * and the real one comes after them (or not at all) */
	char text[300];
	const char *needle = "presslint-";
	size_t i, k;

	for (k = 0; k <= 1; k++) {
		for (i = 0; i + 10 <= sizeof(text); i += 10)
			memcpy(text + i, "pressXint-", 10);
		if (k)
			memcpy(text + 250, needle, 10);
		for (i = 0; i <= sizeof(text); i++)
			same(text, i, needle, 10);
		same(text + 3, sizeof(text) - 3, needle, 10);
	}
}
END_TEST

START_TEST(test_random)
{
	/* texts of a three-letter alphabet, where needles of a few bytes
	 * are often found and often found twice: the first is the answer */
	char text[512], needle[40];
	unsigned seed = 12345;
	size_t k, i;

	for (k = 0; k < 20000; k++) {
		size_t len = (seed = seed * 1103515245u + 12345u) >> 16 & 511;
		size_t n = 1 + ((seed = seed * 1103515245u + 12345u) >> 16) % 12;

		for (i = 0; i < len; i++)
			text[i] = "abc"[((seed = seed * 1103515245u + 12345u) >> 16) % 3];
		for (i = 0; i < n; i++)
			needle[i] = "abc"[((seed = seed * 1103515245u + 12345u) >> 16) % 3];
		same(text, len, needle, n);
	}
}
END_TEST

Suite *suite_find(void)
{
	Suite *s = suite_create("find");
	TCase *tc = tcase_create("find");

	tcase_add_test(tc, test_places);
	tcase_add_test(tc, test_near_misses);
	tcase_add_test(tc, test_random);
	suite_add_tcase(s, tc);
	return s;
}
