/* check_suppress.c - inline suppression comments. */
#include "check_util.h"

#include "pl_suppress.h"

static pl_ruleset rules;

static void setup(void)
{
	ck_assert_int_eq(pl_ruleset_init(&rules), 0);
}

static void teardown(void)
{
	pl_ruleset_fini(&rules);
}

/* Which of three findings (at offsets a, b, c with the given rules) stay. */
static size_t kept(const char *text, bool markup, const size_t *at,
		   const unsigned *rule, size_t n, size_t *out)
{
	pl_finding v[8];
	pl_findings f = { v, n, 8 };
	size_t i, k;

	for (i = 0; i < n; i++)
		v[i] = (pl_finding){ at[i], at[i] + 1, rule[i], PL_SEV_WARNING, "m", NULL, 0 };
	ck_assert_int_eq(pl_suppress_apply(&f, &rules, text, strlen(text), 0, markup), 0);
	for (k = 0; k < f.n; k++)
		out[k] = f.v[k].start;
	return f.n;
}

START_TEST(test_disable_enable)
{
	const char *t = "a x\n<!-- presslint-disable spelling -->\nb x\n"
			"<!-- presslint-enable spelling -->\nc x\n";
	size_t at[] = { 2, 42, 82 }, out[3];
	unsigned rule[] = { PL_R_TYPO, PL_R_TYPO, PL_R_TYPO };

	ck_assert_uint_eq(kept(t, true, at, rule, 3, out), 2);
	ck_assert_uint_eq(out[0], 2);
	ck_assert_uint_eq(out[1], 82);
}
END_TEST

START_TEST(test_other_rule_untouched)
{
	const char *t = "<!-- presslint-disable spacing -->\nb x\n";
	size_t at[] = { 37 }, out[1];
	unsigned rule[] = { PL_R_TYPO };

	ck_assert_uint_eq(kept(t, true, at, rule, 1, out), 1);
}
END_TEST

START_TEST(test_next_line_plain)
{
	const char *t = "# presslint-disable-next-line\nb x\nc x\n";
	size_t at[] = { 32, 36 }, out[2];
	unsigned rule[] = { PL_R_TYPO, PL_R_TYPO };

	ck_assert_uint_eq(kept(t, false, at, rule, 2, out), 1);
	ck_assert_uint_eq(out[0], 36);
}
END_TEST

START_TEST(test_inside_comment_line)
{
	/* the directive line itself is never linted */
	const char *t = "// presslint-disable spelling.typo\n";
	size_t at[] = { 10 }, out[1];
	unsigned rule[] = { PL_R_SPACE_AFTER };

	ck_assert_uint_eq(kept(t, false, at, rule, 1, out), 0);
}
END_TEST

START_TEST(test_maybe)
{
	/* "presslint-" ending in the stretch, its word begun before it */
	const char *t = "ab # presslint-disable x - y";
	size_t dash = (size_t)(strchr(t, '-') - t), n = strlen(t);

	ck_assert(pl_suppress_maybe(t, 0, n));
	ck_assert(pl_suppress_maybe(t, dash, dash + 1));
	ck_assert(pl_suppress_maybe(t, 5, dash + 1));
	ck_assert(!pl_suppress_maybe(t, 0, dash));
	ck_assert(!pl_suppress_maybe(t, dash + 1, n));
	ck_assert(!pl_suppress_maybe("presslint -", 0, 11));
	ck_assert(!pl_suppress_maybe("resslint-x", 0, 10));
}
END_TEST

START_TEST(test_maybe_long)
{
	/* the same in a text long enough for pl_find's vector loop, its
	 * hyphens all but one no comment's */
	char t[200];
	size_t at, from;

	for (at = 0; at + 10 <= sizeof(t); at++) {
		memset(t, '-', sizeof(t));
		memcpy(t + at, "presslint-", 10);
		ck_assert(pl_suppress_maybe(t, 0, sizeof(t)));
		/* the '-' at at + 9 must be in [from, to) */
		for (from = at; from <= at + 9; from++)
			ck_assert(pl_suppress_maybe(t, from, sizeof(t)));
		ck_assert(!pl_suppress_maybe(t, at + 10, sizeof(t)));
		ck_assert(pl_suppress_maybe(t, 0, at + 10));
		ck_assert(!pl_suppress_maybe(t, 0, at + 9));
	}
}
END_TEST

Suite *suite_suppress(void)
{
	Suite *s = suite_create("suppress");
	TCase *tc = tcase_create("apply");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_disable_enable);
	tcase_add_test(tc, test_other_rule_untouched);
	tcase_add_test(tc, test_next_line_plain);
	tcase_add_test(tc, test_inside_comment_line);
	tcase_add_test(tc, test_maybe);
	tcase_add_test(tc, test_maybe_long);
	suite_add_tcase(s, tc);
	return s;
}
