/* check_markup.c - pl_markup: only prose survives, offsets stay put. */
#include "check_util.h"

#include "pl_markup.h"

/* Mask a copy of `in` and return it with mask bytes shown as '~'. */
static char *masked(const char *in, pl_syntax syntax)
{
	char *t = strdup(in);
	size_t i, n = strlen(in);

	ck_assert_int_eq(pl_markup_mask(t, n, 0, syntax), 0);
	ck_assert_uint_eq(strlen(t), n);
	for (i = 0; i < n; i++)
		if (t[i] == PL_MASK_BYTE)
			t[i] = '~';
	return t;
}

START_TEST(test_syntax_for_path)
{
	ck_assert_int_eq(pl_syntax_for_path("a/b.md"), PL_SYNTAX_MARKDOWN);
	ck_assert_int_eq(pl_syntax_for_path("x.MARKDOWN"), PL_SYNTAX_MARKDOWN);
	ck_assert_int_eq(pl_syntax_for_path("x.htm"), PL_SYNTAX_HTML);
	ck_assert_int_eq(pl_syntax_for_path("x.txt"), PL_SYNTAX_PLAIN);
	ck_assert_int_eq(pl_syntax_for_path("<stdin>"), PL_SYNTAX_PLAIN);
	ck_assert_int_eq(pl_syntax_parse("md"), PL_SYNTAX_MARKDOWN);
	ck_assert_int_eq(pl_syntax_parse("auto"), PL_SYNTAX_AUTO);
	ck_assert_int_eq(pl_syntax_parse("rtf"), -2);
}
END_TEST

START_TEST(test_markdown)
{
	char *t = masked("# Head\n\nSee `code` and [a link](http://x.y/z).\n"
			 "```\nfenced\n```\n<!-- note -->\n", PL_SYNTAX_MARKDOWN);

	ck_assert_str_eq(t, "~~Head\n\nSee ~~~~~~ and ~a link~~~~~~~~~~~~~~~.\n"
			    "~~~\n~~~~~~\n~~~\n~~~~~~~~~~~~~\n");
	free(t);
}
END_TEST

START_TEST(test_front_matter)
{
	char *t = masked("---\ntitle: \"A Title\"\ntags: [x]\n---\nBody.\n",
			 PL_SYNTAX_MARKDOWN);

	ck_assert_str_eq(t, "~~~\n~~~~~~~~A Title~\n~~~~~~~~~\n~~~\nBody.\n");
	free(t);
}
END_TEST

START_TEST(test_html)
{
	char *t = masked("<p>AT&amp;T said</p><script>var x;</script><pre>a</pre>",
			 PL_SYNTAX_HTML);

	/* </p> (4), <script>...</script> (23), <pre>a</pre> (12) */
	ck_assert_str_eq(t, "~~~AT~~~~~T said~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~");
	free(t);
}
END_TEST

START_TEST(test_plain_untouched)
{
	char *t = masked("Plain `text` <p> stays.\n", PL_SYNTAX_PLAIN);

	ck_assert_str_eq(t, "Plain `text` <p> stays.\n");
	free(t);
}
END_TEST

Suite *suite_markup(void)
{
	Suite *s = suite_create("markup");
	TCase *tc = tcase_create("mask");

	tcase_add_test(tc, test_syntax_for_path);
	tcase_add_test(tc, test_markdown);
	tcase_add_test(tc, test_front_matter);
	tcase_add_test(tc, test_html);
	tcase_add_test(tc, test_plain_untouched);
	suite_add_tcase(s, tc);
	return s;
}
