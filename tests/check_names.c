/* check_names.c - spelling.name-variant: an unknown name spelled two ways
 * in one story, the rarer form reported with the commoner as the fix. */
#include "check_util.h"

/* The report, and which form is the fix: the commoner */
static void expect_variant(const tresult *r, const char *text, const char *rare,
			   const char *better)
{
	const tfinding *f;

	ck_assert_msg(tcount(r, "spelling.name-variant") == 1, "%s", tdump(r));
	f = tfind(r, "spelling.name-variant");
	ck_assert_uint_eq(f->start, (size_t)(strstr(text, rare) - text));
	ck_assert_uint_eq(f->end - f->start, strlen(rare));
	ck_assert_str_eq(f->suggest[0], better);
}

START_TEST(test_variant)
{
	static const char text[] =
		"Dr. Plotnikov spoke to Zubrowski. Plotnikov met Quenteroz and "
		"Zubrowska later. Then Plotnikow's aide left with Quenteros.\n";
	tresult r;

	lint(test_eng, text, &r);
	/* Zubrowski / Zubrowska, Quenteroz / Quenteros: as often each, the
	 * later form is reported */
	ck_assert_msg(tcount(&r, "spelling.name-variant") == 3, "%s", tdump(&r));
}
END_TEST

/* Names are compared only with names of the same first letter; a story
 * with more first letters than the table of them holds compares every
 * pair within a letter of length all the same. */
START_TEST(test_variant_many_first_letters)
{
	static const unsigned ranges[][3] = {
		/* first, last, step: uppercase letters */
		{ 0xC0, 0xD6, 1 },    { 0xD8, 0xDE, 1 },    { 0x100, 0x17E, 2 },
		{ 0x391, 0x3A1, 1 },  { 0x3A3, 0x3A9, 1 },  { 0x400, 0x42F, 1 },
		{ 0x531, 0x556, 1 },
	};
	static const char tail[] = " Plotnikov spoke. Plotnikov met Plotnikow.\n";
	char *text = malloc(16384), *p = text;
	size_t i, names = 0;
	unsigned cp;
	tresult r;

	ck_assert_ptr_nonnull(text);
	for (i = 0; i < PL_ARRAY_LEN(ranges); i++) {
		for (cp = ranges[i][0]; cp <= ranges[i][1]; cp += ranges[i][2]) {
			char u[4];
			size_t n = pl_utf8_encode((int32_t)cp, u);
			memcpy(p, u, n);
			memcpy(p + n, "zqxvkw ", 7);
			p += n + 7;
			names++;
		}
	}
	ck_assert_uint_gt(names, 192);
	memcpy(p, tail, sizeof(tail));
	lint(test_eng, text, &r);
	expect_variant(&r, text, "Plotnikow", "Plotnikov");
	free(text);
}
END_TEST

START_TEST(test_variant_fix)
{
	static const char text[] = "Brudziński said so. Brudziński left. Brudzinski stayed.\n";
	tresult r;

	lint(test_eng, text, &r);
	expect_variant(&r, text, "Brudzinski", "Brudziński");
}
END_TEST

/* Names are taken in order of length, and of first appearance within a
 * length: a rare form one edit from two commoner ones takes the fix of the
 * pair looked at first. Plotnikaw and Plotnikov, twice each: the later,
 * Plotnikov, is the rarer of the two; Plotnikow, once, is fixed to
 * Plotnikaw, which came first. Names of other lengths between them (and
 * one too long to compare) leave that order alone. */
START_TEST(test_variant_order)
{
	static const char text[] =
		"Zubrowskiego met Plotnikaw. Quenterozzi saw Plotnikaw. "
		"Kowalczykowa met Plotnikov. Plotnikov left. Adamczewska came. "
		"Then Plotnikow spoke.\n";
	tresult r;
	size_t k, found = 0;

	lint(test_eng, text, &r);
	for (k = 0; k < r.n; k++) {
		if (strcmp(r.v[k].rule, "spelling.name-variant"))
			continue;
		if (r.v[k].start == (size_t)(strstr(text, "Plotnikow") - text)) {
			ck_assert_str_eq(r.v[k].suggest[0], "Plotnikaw");
			found++;
		}
	}
	ck_assert_msg(found == 1, "%s", tdump(&r));
}
END_TEST

/* Rarer forms are looked up only for tokens whose first two bytes one of
 * them has: one with a possessive is still found, and a token that shares
 * the first two bytes with one (Plenkovic's "Pl") is not reported. */
START_TEST(test_variant_possessive_filter)
{
	static const char text[] =
		"Plotnikov spoke. Plotnikov met Plenkovic. Plotnikow's aide left. "
		"Plotnikov, Plotnikov again. Plotnikow's car, Plotnikow\u2019s dog.\n";
	tresult r;
	size_t k, n = 0;

	lint(test_eng, text, &r);
	for (k = 0; k < r.n; k++) {
		if (strcmp(r.v[k].rule, "spelling.name-variant"))
			continue;
		ck_assert_uint_eq(r.v[k].end - r.v[k].start, strlen("Plotnikow"));
		ck_assert_str_eq(r.v[k].suggest[0], "Plotnikov");
		n++;
	}
	ck_assert_msg(n == 3, "%s", tdump(&r));
}
END_TEST

Suite *suite_names(void)
{
	Suite *s = suite_create("names");
	TCase *tc;

	tc = tcase_create("pl_check_names");
	test_engine_fixture(tc);
	tcase_add_test(tc, test_variant);
	tcase_add_test(tc, test_variant_many_first_letters);
	tcase_add_test(tc, test_variant_fix);
	tcase_add_test(tc, test_variant_order);
	tcase_add_test(tc, test_variant_possessive_filter);
	suite_add_tcase(s, tc);
	return s;
}
