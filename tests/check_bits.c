/* check_bits.c - the positions of a mask's set bits (pl_bits.h). */
#include "check_util.h"

#include "pl_bits.h"

START_TEST(test_pos8_table)
{
	/* each entry as pl_bits.h says it was made */
	unsigned m, b;

	for (m = 0; m < 256; m++) {
		uint64_t want = 0;
		unsigned k = 0;

		for (b = 0; b < 8; b++)
			if (m >> b & 1)
				want |= (uint64_t)b << 8 * k++;
		ck_assert_msg(pl_bits_pos8[m] == want, "entry %#x", m);
	}
}
END_TEST

/* every 16-bit mask through `put`, after a list already begun and at a
 * base that is not a multiple of sixteen: the positions, lowest first,
 * and nothing written before the list or past its sixteen entries */
static void every_mask(size_t (*put)(uint32_t *, uint32_t, unsigned))
{
	uint32_t out[40];
	unsigned m, b;

	for (m = 0; m < 0x10000; m++) {
		size_t n, k = 0;

		memset(out, 0xAB, sizeof(out));
		n = put(out + 3, 1000003, m);
		ck_assert_uint_eq(out[0], 0xABABABABu);
		ck_assert_uint_eq(out[2], 0xABABABABu);
		ck_assert_uint_eq(pl_bits_count16(m), n);
		for (b = 0; b < 16; b++)
			if (m >> b & 1) {
				if (out[3 + k] != 1000003 + b)
					ck_abort_msg("mask %#x: entry %zu is %u, want %u", m, k,
						     out[3 + k], 1000003 + b);
				k++;
			}
		ck_assert_uint_eq(k, n);
		/* the sixteen entries it may write, and none after */
		ck_assert_uint_eq(out[19], 0xABABABABu);
	}
}

START_TEST(test_every_mask)
{
	every_mask(pl_bits_positions16);
}
END_TEST

START_TEST(test_every_mask_scalar)
{
	every_mask(pl_bits_positions16_scalar);
}
END_TEST

Suite *suite_bits(void)
{
	Suite *s = suite_create("bits");
	TCase *tc = tcase_create("positions");

	tcase_add_test(tc, test_pos8_table);
	tcase_add_test(tc, test_every_mask);
	tcase_add_test(tc, test_every_mask_scalar);
	suite_add_tcase(s, tc);
	return s;
}
