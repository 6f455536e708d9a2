/* check_rule.c - the rule registry, and the findings it names (pl_finding.h
 * comes with pl_rule.h and is small enough to test here). */
#include "check_util.h"

#include "pl_rule.h"

static pl_ruleset set;

static void setup(void)
{
	ck_assert_int_eq(pl_ruleset_init(&set), PL_OK);
}

static void teardown(void)
{
	pl_ruleset_fini(&set);
}

static bool on(const char *id)
{
	int i = pl_ruleset_find(&set, id);

	ck_assert_msg(i >= 0, "no rule %s", id);
	return set.enabled[i];
}

/* ---- pl_ruleset_init ----------------------------------------------------- */

/* Every built-in rule: index, id, default severity, default state. */
static const struct {
	unsigned index;
	const char *id;
	pl_severity sev;
	bool on;
} builtins[] = {
	{ PL_R_INVALID_UTF8, "encoding.invalid-utf8", PL_SEV_ERROR, true },
	{ PL_R_NUL_BYTE, "encoding.nul-byte", PL_SEV_ERROR, true },
	{ PL_R_MISSPELLING, "spelling.misspelling", PL_SEV_WARNING, true },
	{ PL_R_TYPO, "spelling.typo", PL_SEV_ERROR, true },
	{ PL_R_SPACE_AFTER, "spacing.missing-after", PL_SEV_WARNING, true },
	{ PL_R_SPACE_BEFORE, "spacing.before-punctuation", PL_SEV_WARNING, true },
	{ PL_R_DOUBLE_SPACE, "spacing.double", PL_SEV_SUGGESTION, false },
	{ PL_R_SENTENCE_START, "capitalization.sentence-start", PL_SEV_WARNING, true },
	{ PL_R_PROPER_NOUN, "capitalization.proper-noun", PL_SEV_WARNING, true },
	{ PL_R_NAME_CONSISTENCY, "capitalization.name-consistency", PL_SEV_WARNING, true },
	{ PL_R_TITLE_CASE, "capitalization.title-case", PL_SEV_SUGGESTION, true },
	{ PL_R_BOILERPLATE, "artifact.boilerplate", PL_SEV_WARNING, true },
	{ PL_R_GLUED_WORDS, "artifact.glued-words", PL_SEV_WARNING, true },
	{ PL_R_DOUBLED_WORD, "artifact.doubled-word", PL_SEV_WARNING, true },
	{ PL_R_MOJIBAKE, "artifact.mojibake", PL_SEV_ERROR, true },
	{ PL_R_DUPLICATE_PARAGRAPH, "artifact.duplicate-paragraph", PL_SEV_WARNING, true },
	{ PL_R_DIALECT, "spelling.dialect", PL_SEV_SUGGESTION, false },
	{ PL_R_INVISIBLE, "artifact.invisible-char", PL_SEV_WARNING, true },
	{ PL_R_REJECTED, "spelling.rejected", PL_SEV_ERROR, true },
	{ PL_R_NAME_VARIANT, "spelling.name-variant", PL_SEV_WARNING, true },
	{ PL_R_UNKNOWN_WORD, "spelling.unknown", PL_SEV_SUGGESTION, false },
};

START_TEST(test_init_builtin)
{
	unsigned k = builtins[_i].index;

	ck_assert_uint_eq(set.n, PL_RULE_BUILTIN_COUNT);
	ck_assert_str_eq(set.info[k].id, builtins[_i].id);
	ck_assert_int_eq(set.info[k].severity, builtins[_i].sev);
	ck_assert_int_eq(set.enabled[k], builtins[_i].on);
	ck_assert_int_eq(set.info[k].off, !builtins[_i].on);
	ck_assert_str_eq(set.info[k].origin, "built-in");
	ck_assert_uint_gt(strlen(set.info[k].summary), 0);
}
END_TEST

START_TEST(test_init_complete)
{
	/* the table above lists every built-in rule */
	ck_assert_uint_eq(PL_ARRAY_LEN(builtins), PL_RULE_BUILTIN_COUNT);
}
END_TEST

/* ---- pl_ruleset_find ----------------------------------------------------- */

START_TEST(test_find)
{
	ck_assert_int_eq(pl_ruleset_find(&set, "spelling.typo"), PL_R_TYPO);
	ck_assert_int_eq(pl_ruleset_find(&set, "artifact.invisible-char"), PL_R_INVISIBLE);
	ck_assert_int_eq(pl_ruleset_find(&set, "spelling"), -1); /* a family, not an id */
	ck_assert_int_eq(pl_ruleset_find(&set, "spelling.typ"), -1);
	ck_assert_int_eq(pl_ruleset_find(&set, ""), -1);
}
END_TEST

/* ---- pl_ruleset_add ------------------------------------------------------ */

START_TEST(test_add)
{
	int i = pl_ruleset_add(&set, "context.too-to", PL_SEV_SUGGESTION, "too for to",
			       "rules/context.rules:5");

	ck_assert_int_eq(i, PL_RULE_BUILTIN_COUNT);
	ck_assert_uint_eq(set.n, PL_RULE_BUILTIN_COUNT + 1);
	ck_assert_str_eq(set.info[i].id, "context.too-to");
	ck_assert_int_eq(set.info[i].severity, PL_SEV_SUGGESTION);
	ck_assert_str_eq(set.info[i].summary, "too for to");
	ck_assert_str_eq(set.info[i].origin, "rules/context.rules:5");
	ck_assert(set.enabled[i]);
	ck_assert(!set.info[i].off);
	ck_assert_int_eq(pl_ruleset_find(&set, "context.too-to"), i);
}
END_TEST

START_TEST(test_add_null_strings)
{
	int i = pl_ruleset_add(&set, "x.y", PL_SEV_WARNING, NULL, NULL);

	ck_assert_int_ge(i, 0);
	ck_assert_str_eq(set.info[i].summary, "");
	ck_assert_str_eq(set.info[i].origin, "");
}
END_TEST

START_TEST(test_add_duplicate)
{
	ck_assert_int_eq(pl_ruleset_add(&set, "spacing.double", PL_SEV_ERROR, "", ""),
			 PL_EINVAL);
	ck_assert_str_eq(pl_error_last(), "rule 'spacing.double' is defined twice");
	ck_assert_uint_eq(set.n, PL_RULE_BUILTIN_COUNT);
}
END_TEST

START_TEST(test_add_many)
{
	/* growing the arrays keeps ids and states in step */
	char id[32];
	int i;

	for (i = 0; i < 200; i++) {
		snprintf(id, sizeof(id), "extra.r%d", i);
		ck_assert_int_eq(pl_ruleset_add(&set, id, PL_SEV_WARNING, "s", "o"),
				 PL_RULE_BUILTIN_COUNT + i);
	}
	ck_assert_int_eq(pl_ruleset_find(&set, "extra.r199"), PL_RULE_BUILTIN_COUNT + 199);
	ck_assert(set.enabled[PL_RULE_BUILTIN_COUNT + 199]);
	ck_assert(!set.enabled[PL_R_DIALECT]);
}
END_TEST

/* ---- pl_ruleset_enable --------------------------------------------------- */

START_TEST(test_enable_id)
{
	ck_assert_int_eq(pl_ruleset_enable(&set, "spelling.typo", false), PL_OK);
	ck_assert(!on("spelling.typo"));
	ck_assert(on("spelling.misspelling"));
	ck_assert_int_eq(pl_ruleset_enable(&set, "spacing.double", true), PL_OK);
	ck_assert(on("spacing.double"));
}
END_TEST

START_TEST(test_enable_family)
{
	ck_assert_int_eq(pl_ruleset_enable(&set, "spacing", false), PL_OK);
	ck_assert(!on("spacing.missing-after"));
	ck_assert(!on("spacing.before-punctuation"));
	ck_assert(!on("spacing.double"));
	ck_assert(on("spelling.typo"));
	ck_assert(on("artifact.boilerplate"));
}
END_TEST

START_TEST(test_enable_family_whole_name)
{
	/* "spell" is not a prefix of a family name: families end at a dot */
	ck_assert_int_eq(pl_ruleset_enable(&set, "spell", false), PL_EINVAL);
	ck_assert_str_eq(pl_error_last(), "unknown rule 'spell' (see --list-rules)");
	ck_assert(on("spelling.typo"));
}
END_TEST

START_TEST(test_enable_list)
{
	ck_assert_int_eq(pl_ruleset_enable(&set, "spacing,,artifact.mojibake,", false),
			 PL_OK);
	ck_assert(!on("spacing.missing-after"));
	ck_assert(!on("artifact.mojibake"));
	ck_assert(on("artifact.doubled-word"));
}
END_TEST

START_TEST(test_enable_all)
{
	size_t i;

	ck_assert_int_eq(pl_ruleset_enable(&set, "all", false), PL_OK);
	for (i = 0; i < set.n; i++)
		ck_assert_msg(!set.enabled[i], "%s still on", set.info[i].id);
	ck_assert_int_eq(pl_ruleset_enable(&set, "all", true), PL_OK);
	for (i = 0; i < set.n; i++)
		ck_assert_msg(set.enabled[i], "%s still off", set.info[i].id);
	/* "all" then a family, in order */
	ck_assert_int_eq(pl_ruleset_enable(&set, "all", false), PL_OK);
	ck_assert_int_eq(pl_ruleset_enable(&set, "capitalization", true), PL_OK);
	ck_assert(on("capitalization.title-case"));
	ck_assert(!on("spelling.typo"));
}
END_TEST

START_TEST(test_enable_unknown)
{
	ck_assert_int_eq(pl_ruleset_enable(&set, "spacing,bogus.rule,spelling", false),
			 PL_EINVAL);
	ck_assert_str_eq(pl_error_last(), "unknown rule 'bogus.rule' (see --list-rules)");
}
END_TEST

START_TEST(test_enable_added_rule)
{
	ck_assert_int_ge(pl_ruleset_add(&set, "context.could-of", PL_SEV_WARNING, "", ""), 0);
	ck_assert_int_eq(pl_ruleset_enable(&set, "context", false), PL_OK);
	ck_assert(!on("context.could-of"));
}
END_TEST

/* ---- pl_findings_sort, pl_severity_* ------------------------------------- */

START_TEST(test_findings_sort)
{
	pl_findings f = { 0 };
	const pl_finding in[] = {
		{ 10, 12, 3, PL_SEV_WARNING, "c", NULL, 0 },
		{ 2, 5, 7, PL_SEV_WARNING, "b", NULL, 0 },
		{ 10, 12, 3, PL_SEV_WARNING, "c again", NULL, 0 }, /* duplicate */
		{ 2, 4, 1, PL_SEV_ERROR, "a", NULL, 0 },
		{ 10, 11, 3, PL_SEV_WARNING, "shorter", NULL, 0 },
	};
	size_t i;

	for (i = 0; i < PL_ARRAY_LEN(in); i++) {
		ck_assert_int_eq(PL_GROW(f.v, f.cap, f.n + 1), 0);
		f.v[f.n++] = in[i];
	}
	pl_findings_sort(&f);
	ck_assert_uint_eq(f.n, 4);
	/* by start, then rule, then end */
	ck_assert_str_eq(f.v[0].message, "a");
	ck_assert_str_eq(f.v[1].message, "b");
	ck_assert_str_eq(f.v[2].message, "shorter");
	ck_assert_uint_eq(f.v[3].start, 10);
	ck_assert_uint_eq(f.v[3].end, 12);
	pl_findings_fini(&f);
	ck_assert_ptr_null(f.v);
	ck_assert_uint_eq(f.n, 0);
}
END_TEST

START_TEST(test_severity)
{
	ck_assert_str_eq(pl_severity_name(PL_SEV_ERROR), "error");
	ck_assert_str_eq(pl_severity_name(PL_SEV_WARNING), "warning");
	ck_assert_str_eq(pl_severity_name(PL_SEV_SUGGESTION), "suggestion");
	ck_assert_int_eq(pl_severity_parse("error"), PL_SEV_ERROR);
	ck_assert_int_eq(pl_severity_parse("warning"), PL_SEV_WARNING);
	ck_assert_int_eq(pl_severity_parse("suggestion"), PL_SEV_SUGGESTION);
	ck_assert_int_eq(pl_severity_parse("Error"), -1);
	ck_assert_int_eq(pl_severity_parse("info"), -1);
}
END_TEST

Suite *suite_rule(void)
{
	Suite *s = suite_create("rule");
	TCase *tc;

	tc = tcase_create("pl_ruleset_init");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, test_init_builtin, 0, (int)PL_ARRAY_LEN(builtins));
	tcase_add_test(tc, test_init_complete);
	suite_add_tcase(s, tc);

	tc = tcase_create("pl_ruleset_find");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_find);
	suite_add_tcase(s, tc);

	tc = tcase_create("pl_ruleset_add");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_add);
	tcase_add_test(tc, test_add_null_strings);
	tcase_add_test(tc, test_add_duplicate);
	tcase_add_test(tc, test_add_many);
	suite_add_tcase(s, tc);

	tc = tcase_create("pl_ruleset_enable");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_enable_id);
	tcase_add_test(tc, test_enable_family);
	tcase_add_test(tc, test_enable_family_whole_name);
	tcase_add_test(tc, test_enable_list);
	tcase_add_test(tc, test_enable_all);
	tcase_add_test(tc, test_enable_unknown);
	tcase_add_test(tc, test_enable_added_rule);
	suite_add_tcase(s, tc);

	tc = tcase_create("pl_findings_sort");
	tcase_add_test(tc, test_findings_sort);
	suite_add_tcase(s, tc);

	tc = tcase_create("pl_severity_name");
	tcase_add_test(tc, test_severity);
	suite_add_tcase(s, tc);

	return s;
}
