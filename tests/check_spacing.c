/* check_spacing.c - spacing.*: missing space after punctuation, space before
 * it, double spaces. Most cases are false alarms the tokenizer must prevent
 * by keeping numbers, URLs and abbreviations whole. */
#include "check_util.h"

/* ---- no false alarms ----------------------------------------------------- */

static const char *const clean[] = {
	"The rate rose to 3.5 percent.\n",
	"About 1,000 people came, and 12,500,000 more watched.\n",
	"At 10:30 the vote began.\n",
	"The ratio was 3:1 overall.\n",
	"See https://example.com/a,b for more.\n",
	"See http://example.com/page?x=1;y=2, then leave.\n",
	"Visit www.bbc.co.uk, then leave.\n",
	"Read world-today-news.com daily.\n",
	"Mail john@example.com today.\n",
	"U.S. officials said so.\n",
	"It began at 9 a.m. local time.\n",
	"J.R.R. Tolkien wrote it, e.g. The Hobbit.\n",
	"\"Wait...\" he said.\n",
	"(\"quoted,\" she said)\n",
	"He said “no,” and left.\n",
	"We use .NET and Node.js daily.\n",
	"The fee is $5,000.50 today.\n",
	"See File:Keisha for the photo.\n",
	"Follow @presslint and #DemDebate, now.\n",
	"Q: Why? A: Because.\n",
	"((WN)) : What now?\n",
	"Wait... what? Really!\n",
	"He paused … then spoke.\n",
	"C.Suthorn took the photo.\n",
	"The then-U.S.-president spoke.\n",
	"Two  spaces here.\n", /* spacing.double is off by default */
	"Is it ?!\n",
};

START_TEST(test_clean)
{
	tresult r;

	lint(test_eng, clean[_i], &r);
	ck_assert_none(&r, "spacing");
}
END_TEST

/* ---- spacing.missing-after ----------------------------------------------- */

static const struct {
	const char *text;
	size_t at;
	const char *message, *suggest;
} missing[] = {
	{ "A growing partnership,despite the pressure.\n", 21,
	  "missing space after ','", ", " },
	{ "The alliance.What comes next is unclear.\n", 12,
	  "missing space after '.'", ". " },
	{ "Senior Editor,Emily Carter spoke with us.\n", 13,
	  "missing space after ','", ", " },
	{ "To shed light on this dynamic,world-today-news.com asked.\n", 29,
	  "missing space after ','", ", " },
	{ "First,it is crucial.\n", 5, "missing space after ','", ", " },
	{ "The deadline is near;officials said so.\n", 20,
	  "missing space after ';'", "; " },
	{ "Note:this matters.\n", 4, "missing space after ':'", ": " },
	{ "Really?Yes.\n", 6, "missing space after '?'", "? " },
	{ "Stop!Now.\n", 4, "missing space after '!'", "! " },
	/* a lowercase word after the period: both sides dictionary words */
	{ "We reached the end.next day came.\n", 18, "missing space after '.'", ". " },
	/* after a closing quote */
	{ "He said “no”,then left.\n", 16, "missing space after ','", ", " },
	/* after a number */
	{ "In 2024,prices rose.\n", 7, "missing space after ','", ", " },
};

START_TEST(test_missing_after)
{
	tresult r;
	const tfinding *f;

	lint(test_eng, missing[_i].text, &r);
	ck_assert_one_of(&r, "spacing", "spacing.missing-after", missing[_i].at,
			 missing[_i].at + 1, f);
	ck_assert_str_eq(f->message, missing[_i].message);
	ck_assert_int_eq(f->severity, PL_SEV_WARNING);
	ck_assert_uint_eq(f->n_suggest, 1);
	ck_assert_str_eq(f->suggest[0], missing[_i].suggest);
}
END_TEST

START_TEST(test_missing_after_several)
{
	/* the seed article's line: three commas in one sentence */
	tresult r;

	lint(test_eng, "Senior Editor,Emily Carter,spoke with Dr. Alexei Plotnikov.\n", &r);
	ck_assert_uint_eq(tcount(&r, "spacing"), 2);
	ck_assert_uint_eq(r.v[0].start, 13);
	ck_assert_uint_eq(r.v[1].start, 26);
}
END_TEST

START_TEST(test_missing_after_file_names)
{
	/* a lowercase word after the period that is not a dictionary word:
	 * a file name or a product, not a typo */
	tresult r;

	lint(test_eng, "Open index.html or main.cpp now.\n", &r);
	ck_assert_none(&r, "spacing");
}
END_TEST

START_TEST(test_missing_after_every_position)
{
	/* the rule looks at the tokens sixteen at a time: a mark at each
	 * place in such a block, amid words beyond ASCII ("été", whose
	 * first letter is above 0x7F, and the fullwidth comma U+FF0C, which
	 * is no mark of this rule) */
	char text[2048];
	size_t at[64], n = 0, len = 0, i, k;
	tresult r;

	len = (size_t)snprintf(text, sizeof(text), "Here ");
	for (i = 0; i < 28; i++) { /* fewer than T_MAX_FINDINGS */
		for (k = 0; k < i % 5; k++)
			len += (size_t)snprintf(text + len, sizeof(text) - len, "%s ",
						k % 2 ? "été" : "ward\xEF\xBC\x8C");
		at[n++] = len + 4;
		len += (size_t)snprintf(text + len, sizeof(text) - len, "word,next ");
	}
	snprintf(text + len, sizeof(text) - len, "end.\n");
	lint(test_eng, text, &r);
	ck_assert_msg(r.n == n && !r.dropped, "%s", tdump(&r));
	for (i = 0; i < n; i++) {
		ck_assert_str_eq(r.v[i].rule, "spacing.missing-after");
		ck_assert_uint_eq(r.v[i].start, at[i]);
	}
}
END_TEST

/* ---- spacing.before-punctuation ------------------------------------------ */

static const struct {
	const char *text;
	size_t at;
	const char *message;
} before[] = {
	{ "He left , then came back.\n", 7, "space before ','" },
	{ "Really ?\n", 6, "space before '?'" },
	{ "The plan ,as written, failed.\n", 8, "space before ','" },
	{ "It failed .\n", 9, "space before '.'" },
	{ "It rose; it fell ; it rose.\n", 16, "space before ';'" },
	{ "He said “yes .”\n", 14, "space before '.'" },
	{ "One word ,word two.\n", 8, "space before ','" },
};

START_TEST(test_before)
{
	tresult r;
	const tfinding *f;

	lint(test_eng, before[_i].text, &r);
	ck_assert_one_of(&r, "spacing", "spacing.before-punctuation", before[_i].at,
			 before[_i].at + 1, f);
	ck_assert_str_eq(f->message, before[_i].message);
	ck_assert_uint_eq(f->n_suggest, 1);
	ck_assert_str_eq(f->suggest[0], ""); /* delete the space */
}
END_TEST

START_TEST(test_before_whole_run)
{
	/* the finding covers every space before the mark */
	tresult r;
	const tfinding *f;

	lint(test_eng, "It failed  \t.\n", &r);
	ck_assert_one_of(&r, "spacing", "spacing.before-punctuation", 9, 12, f);
}
END_TEST

/* Regression (was a bug): the comment in space_before() says ":)" after a
 * space is not sentence punctuation, but a closing bracket after the mark
 * lets it through: "Great :)" gets "space before ':'" at byte 5. */
START_TEST(test_before_emoticon)
{
	tresult r;

	lint(test_eng, "Great :) See you.\n", &r);
	ck_assert_none(&r, "spacing");
}
END_TEST

/* ---- spacing.double ------------------------------------------------------ */

START_TEST(test_double)
{
	tresult r, tabs;
	const tfinding *f;

	test_rules_set("spacing.double", true);
	lint(test_eng, "Two  spaces and   three.\n", &r);
	lint(test_eng, "Tab\t\tseparated columns.\n", &tabs);
	test_rules_set("spacing.double", false);

	ck_assert_uint_eq(tcount(&r, "spacing.double"), 2);
	f = tfind(&r, "spacing.double");
	ck_assert_uint_eq(f->start, 3);
	ck_assert_uint_eq(f->end, 5);
	ck_assert_str_eq(f->message, "2 spaces between words");
	ck_assert_int_eq(f->severity, PL_SEV_SUGGESTION);
	ck_assert_str_eq(f->suggest[0], " ");
	ck_assert_uint_eq(r.v[1].start, 15);
	ck_assert_str_eq(r.v[1].message, "3 spaces between words");
	/* tabs align columns: not a slip */
	ck_assert_none(&tabs, "spacing");
}
END_TEST

START_TEST(test_double_habit)
{
	/* three or more: a habit; one finding at the first says how many */
	tresult r;

	test_rules_set("spacing.double", true);
	lint(test_eng, "One  two  three  four.\n", &r);
	test_rules_set("spacing.double", false);
	ck_assert_only(&r, "spacing.double", 3, 5);
	ck_assert_str_eq(r.v[0].message,
			 "3 double spaces between words in this text; the first is here");
}
END_TEST

/* ---- switched off -------------------------------------------------------- */

START_TEST(test_family_off)
{
	tresult r;

	test_rules_set("spacing", false);
	lint(test_eng, "One,two .Three\n", &r);
	test_rules_set("spacing", true);
	test_rules_set("spacing.double", false); /* back to the default */
	ck_assert_none(&r, "spacing");
}
END_TEST

Suite *suite_spacing(void)
{
	Suite *s = suite_create("spacing");
	TCase *tc;

	tc = tcase_create("pl_check_spacing");
	test_engine_fixture(tc);
	tcase_add_loop_test(tc, test_clean, 0, (int)PL_ARRAY_LEN(clean));
	tcase_add_loop_test(tc, test_missing_after, 0, (int)PL_ARRAY_LEN(missing));
	tcase_add_test(tc, test_missing_after_several);
	tcase_add_test(tc, test_missing_after_file_names);
	tcase_add_test(tc, test_missing_after_every_position);
	tcase_add_loop_test(tc, test_before, 0, (int)PL_ARRAY_LEN(before));
	tcase_add_test(tc, test_before_whole_run);
	tcase_add_test(tc, test_before_emoticon);
	tcase_add_test(tc, test_double);
	tcase_add_test(tc, test_double_habit);
	tcase_add_test(tc, test_family_off);
	suite_add_tcase(s, tc);

	return s;
}
