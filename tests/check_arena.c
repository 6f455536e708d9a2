/* check_arena.c - the bump allocator behind tokens, findings and messages,
 * and the array growth of pl_grow. */
#include "check_util.h"

#include <stdalign.h>
#include <stdint.h>

#include "pl_arena.h"
#include "pl_pages.h"

static pl_arena *arena;

static void setup(void)
{
	arena = pl_arena_new();
	ck_assert_ptr_nonnull(arena);
}

static void teardown(void)
{
	pl_arena_free(arena);
	arena = NULL;
}

START_TEST(test_new_free)
{
	pl_arena *a = pl_arena_new();

	ck_assert_ptr_nonnull(a);
	pl_arena_free(a);
	pl_arena_free(NULL); /* documented no-op */
}
END_TEST

START_TEST(test_alloc_aligned)
{
	size_t i;

	/* odd sizes must not leave the next block misaligned */
	for (i = 1; i <= 40; i++) {
		void *p = pl_arena_alloc(arena, i);
		ck_assert_ptr_nonnull(p);
		ck_assert_uint_eq((uintptr_t)p % alignof(max_align_t), 0);
		memset(p, 0xAB, i);
	}
}
END_TEST

START_TEST(test_alloc_distinct)
{
	char *a = pl_arena_alloc(arena, 8), *b = pl_arena_alloc(arena, 8);

	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	memset(a, 'a', 8);
	memset(b, 'b', 8);
	ck_assert_int_eq(a[7], 'a');
	ck_assert_int_eq(b[0], 'b');
	ck_assert_ptr_ne(a, b);
}
END_TEST

START_TEST(test_alloc_large)
{
	/* bigger than one block: gets a block of its own */
	size_t n = 100000;
	char *p = pl_arena_alloc(arena, n), *q;

	ck_assert_ptr_nonnull(p);
	memset(p, 'x', n);
	q = pl_arena_alloc(arena, 16);
	ck_assert_ptr_nonnull(q);
	memset(q, 'y', 16);
	ck_assert_int_eq(p[n - 1], 'x');
}
END_TEST

START_TEST(test_alloc_many)
{
	/* many blocks' worth: every string must survive later allocations */
	char *v[2000];
	size_t i;

	for (i = 0; i < PL_ARRAY_LEN(v); i++) {
		v[i] = pl_arena_printf(arena, "item %zu", i);
		ck_assert_ptr_nonnull(v[i]);
	}
	ck_assert_str_eq(v[0], "item 0");
	ck_assert_str_eq(v[1234], "item 1234");
	ck_assert_str_eq(v[1999], "item 1999");
}
END_TEST

START_TEST(test_strndup)
{
	const char *s = "Beijing and Moscow";
	char *p = pl_arena_strndup(arena, s, 7);

	ck_assert_str_eq(p, "Beijing");
	ck_assert_ptr_ne(p, s);
	/* the copy is NUL-terminated even from a buffer that is not */
	ck_assert_str_eq(pl_arena_strndup(arena, "ab\0cd", 0), "");
}
END_TEST

START_TEST(test_printf)
{
	char *p = pl_arena_printf(arena, "%s:%zu:%d: %c", "a.txt", (size_t)12, -3, 'x');

	ck_assert_str_eq(p, "a.txt:12:-3: x");
	ck_assert_str_eq(pl_arena_printf(arena, "%s", ""), "");
}
END_TEST

START_TEST(test_printf_long)
{
	char big[40000], *p;

	memset(big, 'q', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	p = pl_arena_printf(arena, "<%s>", big);
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(strlen(p), sizeof(big) + 1);
	ck_assert_int_eq(p[0], '<');
	ck_assert_int_eq(p[sizeof(big)], '>');
}
END_TEST

START_TEST(test_reset)
{
	char *first, *again;
	size_t i;

	first = pl_arena_alloc(arena, 32);
	ck_assert_ptr_nonnull(first);
	for (i = 0; i < 100; i++) /* spill into more blocks */
		ck_assert_ptr_nonnull(pl_arena_alloc(arena, 1000));
	pl_arena_reset(arena);
	/* after a reset the kept block is reused from its start */
	again = pl_arena_alloc(arena, 32);
	ck_assert_ptr_nonnull(again);
	ck_assert_str_eq(pl_arena_strndup(arena, "still works", 11), "still works");
	pl_arena_reset(NULL); /* harmless */
}
END_TEST

START_TEST(test_reset_empty)
{
	pl_arena *a = pl_arena_new();

	pl_arena_reset(a); /* nothing allocated yet */
	ck_assert_str_eq(pl_arena_printf(a, "%d", 42), "42");
	pl_arena_free(a);
}
END_TEST

START_TEST(test_adopt)
{
	/* what another arena allocated lives on in this one, which goes on
	 * allocating in its own current block; adopting into an empty arena,
	 * or adopting NULL, works too (ASan and valgrind see the frees) */
	pl_arena *other = pl_arena_new(), *empty = pl_arena_new(), *none = pl_arena_new();
	char *mine = pl_arena_strndup(arena, "mine", 4), *theirs[50];
	size_t i;

	ck_assert_ptr_nonnull(other);
	for (i = 0; i < PL_ARRAY_LEN(theirs); i++) /* several blocks */
		ck_assert_ptr_nonnull(theirs[i] = pl_arena_printf(other, "%0999zu", i));
	pl_arena_adopt(arena, other);
	pl_arena_adopt(arena, none); /* nothing allocated */
	pl_arena_adopt(arena, NULL);
	ck_assert_str_eq(pl_arena_strndup(arena, "more", 4), "more");
	ck_assert_str_eq(mine, "mine");
	for (i = 0; i < PL_ARRAY_LEN(theirs); i++) {
		char want[1000];
		snprintf(want, sizeof(want), "%0999zu", i);
		ck_assert_str_eq(theirs[i], want);
	}
	other = pl_arena_new();
	ck_assert_str_eq(pl_arena_strndup(other, "kept", 4), "kept");
	pl_arena_adopt(empty, other);
	ck_assert_str_eq(pl_arena_strndup(empty, "next", 4), "next");
	pl_arena_free(empty);
}
END_TEST

/* An arena past 64 KB takes its next blocks a huge page at a time, where
 * the kernel gives them (or, for this test, where pl_pages says it does):
 * strings in the small blocks and in the large ones survive one another,
 * a reset keeps one block and reuses it, and an arena of large blocks can
 * be adopted by another and freed with it. In ordinary pages the same. */
static void check_large(int huge)
{
	pl_arena *a = pl_arena_new(), *b = pl_arena_new();
	char *first, *v[30000], want[32];
	size_t i;

	pl_pages_set_huge(huge);
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	/* some 3 MB in 100-byte pieces, and one piece of 3 MB */
	for (i = 0; i < PL_ARRAY_LEN(v); i++) {
		v[i] = pl_arena_printf(a, "%099zu", i);
		ck_assert_ptr_nonnull(v[i]);
	}
	first = pl_arena_alloc(a, (size_t)3 << 20);
	ck_assert_ptr_nonnull(first);
	memset(first, 'x', (size_t)3 << 20);
	for (i = 0; i < PL_ARRAY_LEN(v); i += 997) {
		snprintf(want, sizeof(want), "%030zu", i);
		ck_assert_int_eq(strncmp(v[i] + 69, want, 30), 0);
	}
	ck_assert_int_eq(first[((size_t)3 << 20) - 1], 'x');
	pl_arena_reset(a);
	ck_assert_str_eq(pl_arena_strndup(a, "again", 5), "again");
	for (i = 0; i < PL_ARRAY_LEN(v); i++)
		ck_assert_ptr_nonnull(v[i] = pl_arena_printf(a, "%099zu", i));
	pl_arena_adopt(b, a);
	ck_assert_str_eq(pl_arena_strndup(b, "more", 4), "more");
	snprintf(want, sizeof(want), "%030zu", PL_ARRAY_LEN(v) - 1);
	ck_assert_int_eq(strncmp(v[PL_ARRAY_LEN(v) - 1] + 69, want, 30), 0);
	pl_arena_free(b);
	pl_pages_set_huge(-1);
}

START_TEST(test_large_in_huge_pages)
{
	check_large(1);
}
END_TEST

START_TEST(test_large_in_ordinary_pages)
{
	check_large(0);
}
END_TEST

/* ---- pl_grow (pl_common.h) and pl_prefault (pl_pages.h) ------------- */

START_TEST(test_grow_keeps_contents)
{
	/* past 64 KB the grown part is mapped ahead (pl_prefault): what
	 * was written stays, and the new room takes writes */
	uint32_t *v = NULL;
	size_t cap = 0, n, i;

	for (n = 1; n <= ((size_t)1 << 20); n *= 4) {
		ck_assert_int_eq(PL_GROW(v, cap, n), 0);
		ck_assert_uint_ge(cap, n);
		for (i = 0; i < n / 4; i++)
			ck_assert_uint_eq(v[i], (uint32_t)(i * 2654435761u));
		for (i = 0; i < n; i++)
			v[i] = (uint32_t)(i * 2654435761u);
	}
	free(v);
}
END_TEST

START_TEST(test_prefault_keeps_bytes)
{
	/* an odd start and length inside a written block: its bytes stay */
	size_t n = (size_t)300 << 10, i;
	unsigned char *p = malloc(n);

	ck_assert_ptr_nonnull(p);
	for (i = 0; i < n; i++)
		p[i] = (unsigned char)(i * 7);
	pl_prefault(p + 13, n - 100);
	pl_prefault(p, 10);    /* too small to bother: nothing happens */
	pl_prefault(NULL, 0);
	for (i = 0; i < n; i++)
		ck_assert_uint_eq(p[i], (unsigned char)(i * 7));
	free(p);
}
END_TEST

Suite *suite_arena(void)
{
	Suite *s = suite_create("arena");
	TCase *tc;

	tc = tcase_create("pl_arena_new");
	tcase_add_test(tc, test_new_free);
	suite_add_tcase(s, tc);

	tc = tcase_create("pl_arena_alloc");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_alloc_aligned);
	tcase_add_test(tc, test_alloc_distinct);
	tcase_add_test(tc, test_alloc_large);
	tcase_add_test(tc, test_alloc_many);
	tcase_add_test(tc, test_large_in_huge_pages);
	tcase_add_test(tc, test_large_in_ordinary_pages);
	suite_add_tcase(s, tc);

	tc = tcase_create("pl_grow");
	tcase_add_test(tc, test_grow_keeps_contents);
	tcase_add_test(tc, test_prefault_keeps_bytes);
	suite_add_tcase(s, tc);

	tc = tcase_create("pl_arena_strndup");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_strndup);
	suite_add_tcase(s, tc);

	tc = tcase_create("pl_arena_printf");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_printf);
	tcase_add_test(tc, test_printf_long);
	suite_add_tcase(s, tc);

	tc = tcase_create("pl_arena_reset");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_reset);
	tcase_add_test(tc, test_reset_empty);
	suite_add_tcase(s, tc);

	tc = tcase_create("pl_arena_adopt");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_adopt);
	suite_add_tcase(s, tc);

	return s;
}
