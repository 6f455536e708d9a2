/* check_pages.c - large buffers in pages of their own, in huge pages where
 * the kernel gives them. */
#include "check_util.h"

#include <inttypes.h>
#include <stdint.h>

#include "pl_pages.h"

static void reset(void)
{
	pl_pages_set_huge(-1);
}

/* Every byte of p[0, n) is zero, and the first and last can be written. */
static void zeroed_and_writable(unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i])
			ck_abort_msg("byte %zu of %zu is %u", i, n, p[i]);
	p[0] = 1;
	p[n - 1] = 1;
}

/* /proc/self/smaps says of the mapping at `p`, when it says so at all:
 * 1 when the kernel may give it huge pages, 0 when not, -1 when it does
 * not say (an older kernel, no /proc). */
static int thp_eligible(const void *p)
{
	FILE *f = fopen("/proc/self/smaps", "r");
	char line[256];
	bool in = false;
	int eligible = -1;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		uintptr_t lo, hi;
		int v;

		/* a mapping's first line: "7f...-7f... rw-p ..." */
		if (sscanf(line, "%" SCNxPTR "-%" SCNxPTR " ", &lo, &hi) == 2) {
			in = (uintptr_t)p >= lo && (uintptr_t)p < hi;
			continue;
		}
		if (in && sscanf(line, "THPeligible: %d", &v) == 1) {
			eligible = v;
			break;
		}
	}
	fclose(f);
	return eligible;
}

START_TEST(test_small_is_calloc)
{
	size_t mapped = 99;
	unsigned char *p = pl_pages_alloc(1000, &mapped);

	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(mapped, 0);
	zeroed_and_writable(p, 1000);
	pl_pages_free(p, mapped);
	/* no bytes asked: a block all the same, freed the same way */
	p = pl_pages_alloc(0, &mapped);
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(mapped, 0);
	pl_pages_free(p, mapped);
	pl_pages_free(NULL, 0);
	pl_pages_free(NULL, 4096);
}
END_TEST

/* In ordinary pages: a mapping of whole pages, page-aligned, for any size
 * from PL_PAGES_MIN up, 2 MB or more included. */
START_TEST(test_ordinary_pages)
{
	const size_t page = (size_t)sysconf(_SC_PAGESIZE);
	const size_t sizes[] = { PL_PAGES_MIN, PL_PAGES_MIN + 1, PL_PAGES_HUGE + 100 };
	size_t i, mapped;

	pl_pages_set_huge(0);
	ck_assert(!pl_pages_huge());
	for (i = 0; i < PL_ARRAY_LEN(sizes); i++) {
		unsigned char *p = pl_pages_alloc(sizes[i], &mapped);

		ck_assert_ptr_nonnull(p);
		ck_assert_uint_eq(mapped, (sizes[i] + page - 1) / page * page);
		ck_assert_uint_eq((uintptr_t)p % page, 0);
		zeroed_and_writable(p, sizes[i]);
		pl_pages_free(p, mapped);
	}
}
END_TEST

/* In huge pages: from 2 MB up, whole huge pages aligned to one, which
 * the kernel is told it may give; below, ordinary pages as before. */
START_TEST(test_huge_pages)
{
	const size_t page = (size_t)sysconf(_SC_PAGESIZE);
	size_t mapped;
	unsigned char *p, *q;
	int eligible;

	pl_pages_set_huge(1);
	ck_assert(pl_pages_huge());
	p = pl_pages_alloc(PL_PAGES_HUGE, &mapped);
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(mapped, PL_PAGES_HUGE);
	ck_assert_uint_eq((uintptr_t)p % PL_PAGES_HUGE, 0);
	zeroed_and_writable(p, PL_PAGES_HUGE);
	/* where the kernel gives huge pages and says which mappings may have
	 * them, this one may (an older kernel says nothing) */
	pl_pages_set_huge(-1);
	eligible = thp_eligible(p);
	if (pl_pages_huge() && eligible >= 0)
		ck_assert_int_eq(eligible, 1);
	pl_pages_set_huge(1);
	pl_pages_free(p, mapped);

	p = pl_pages_alloc(PL_PAGES_HUGE * 2 + 1, &mapped);
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(mapped, PL_PAGES_HUGE * 3);
	ck_assert_uint_eq((uintptr_t)p % PL_PAGES_HUGE, 0);
	zeroed_and_writable(p, PL_PAGES_HUGE * 2 + 1);
	/* a second one, apart from the first */
	q = pl_pages_alloc(PL_PAGES_HUGE, &mapped);
	ck_assert_ptr_nonnull(q);
	ck_assert(q >= p + PL_PAGES_HUGE * 3 || q + PL_PAGES_HUGE <= p);
	pl_pages_free(q, mapped);
	pl_pages_free(p, PL_PAGES_HUGE * 3);

	/* under 2 MB: whole ordinary pages */
	p = pl_pages_alloc(PL_PAGES_HUGE - 1, &mapped);
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(mapped, (PL_PAGES_HUGE - 1 + page - 1) / page * page);
	zeroed_and_writable(p, PL_PAGES_HUGE - 1);
	pl_pages_free(p, mapped);
}
END_TEST

/* Asked of the kernel: the mode /sys says is in force. */
START_TEST(test_kernel_says)
{
	FILE *f = fopen("/sys/kernel/mm/transparent_hugepage/enabled", "r");
	char line[128] = "";
	bool want = false;

	if (f) {
		if (fgets(line, sizeof(line), f))
			want = strstr(line, "[always]") || strstr(line, "[madvise]");
		fclose(f);
	}
	pl_pages_set_huge(-1);
	ck_assert_int_eq(pl_pages_huge(), want);
	/* and asked once: the answer set stays until asked again */
	pl_pages_set_huge(!want);
	ck_assert_int_eq(pl_pages_huge(), !want);
	pl_pages_set_huge(-1);
	ck_assert_int_eq(pl_pages_huge(), want);
}
END_TEST

Suite *suite_pages(void)
{
	Suite *s = suite_create("pages");
	TCase *tc = tcase_create("alloc");

	tcase_add_checked_fixture(tc, reset, reset);
	tcase_add_test(tc, test_small_is_calloc);
	tcase_add_test(tc, test_ordinary_pages);
	tcase_add_test(tc, test_huge_pages);
	tcase_add_test(tc, test_kernel_says);
	suite_add_tcase(s, tc);
	return s;
}
