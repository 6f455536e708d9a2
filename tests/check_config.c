/* check_config.c - pl_config: the .presslint file. */
#include "check_util.h"

#include <sys/stat.h>
#include <unistd.h>

#include "pl_config.h"

static char dir[512];
static pl_ruleset set;

static void setup(void)
{
	tmpdir_new(dir, sizeof(dir));
	ck_assert_int_eq(pl_ruleset_init(&set), 0);
}

static void teardown(void)
{
	pl_ruleset_fini(&set);
	tmpdir_remove(dir);
}

/* Write `text` as dir/name and return its path (static buffer). */
static const char *put(const char *name, const char *text)
{
	static char path[700];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
	return path;
}

START_TEST(test_top_level_and_sections)
{
	pl_config *c;
	pl_ruleset copy;
	const char *p = put(".presslint", "# comment\nlang = en_GB\n"
				"disable = capitalization.title-case\n"
				"severity.spelling.typo = warning\n"
				"[*.md]\nsyntax = markdown\n"
				"[archive/*]\ndisable = spelling\n");
	char md[700], old[700];

	ck_assert_int_eq(pl_config_load(&c, p), 0);
	ck_assert_str_eq(pl_config_get(c, "lang"), "en_GB");
	ck_assert_ptr_null(pl_config_get(c, "syntax")); /* in a section only */
	snprintf(md, sizeof(md), "%s/notes/a.md", dir);
	snprintf(old, sizeof(old), "%s/archive/2019/b.txt", dir);
	ck_assert_str_eq(pl_config_get_for(c, md, "syntax"), "markdown");
	ck_assert_ptr_null(pl_config_get_for(c, old, "syntax"));
	ck_assert_int_eq(pl_config_validate(c, &set), 0);

	ck_assert_int_eq(pl_ruleset_copy(&copy, &set), 0);
	ck_assert_int_eq(pl_config_apply_rules(c, old, &copy), 0);
	ck_assert(!copy.enabled[PL_R_TYPO]);
	ck_assert(!copy.enabled[PL_R_TITLE_CASE]);
	ck_assert_int_eq(copy.info[PL_R_TYPO].severity, PL_SEV_WARNING);
	ck_assert(set.enabled[PL_R_TYPO]); /* the original is untouched */
	ck_assert_int_eq(set.info[PL_R_TYPO].severity, PL_SEV_ERROR);
	pl_ruleset_copy_free(&copy);

	ck_assert_int_eq(pl_ruleset_copy(&copy, &set), 0);
	ck_assert_int_eq(pl_config_apply_rules(c, md, &copy), 0);
	ck_assert(copy.enabled[PL_R_TYPO]);
	pl_ruleset_copy_free(&copy);
	pl_config_free(c);
}
END_TEST

static const struct {
	const char *text, *error;
} bad[] = {
	{ "colour = blue\n", ":1: error: unknown key 'colour'" },
	{ "lang\n", ":1: error: expected 'key = value'" },
	{ "[]\n", ":1: error: expected '[glob]'" },
	{ "syntax = rtf\n", ":1: error: syntax is auto, plain, markdown or html, not 'rtf'" },
	{ "severity.spelling.typo = loud\n",
	  ":1: error: severity is error, warning or suggestion, not 'loud'" },
	{ "[*.md]\nlang = en_GB\n",
	  ":2: error: 'lang' applies to the whole run: put it before any [section]" },
	{ "enable =\n", ":1: error: 'enable' needs a value" },
};

START_TEST(test_errors)
{
	pl_config *c = NULL;
	const char *p = put("bad.presslint", bad[_i].text);

	ck_assert_int_eq(pl_config_load(&c, p), PL_EINVAL);
	ck_assert_ptr_null(c);
	ck_assert_ptr_nonnull(strstr(pl_error_last(), bad[_i].error));
}
END_TEST

START_TEST(test_unknown_rule)
{
	pl_config *c;
	const char *p = put("r.presslint", "[x/*]\ndisable = nosuch\n");

	ck_assert_int_eq(pl_config_load(&c, p), 0);
	ck_assert_int_eq(pl_config_validate(c, &set), PL_EINVAL);
	ck_assert_ptr_nonnull(strstr(pl_error_last(),
				     ":2: error: unknown rule 'nosuch' (see --list-rules)"));
	pl_config_free(c);
}
END_TEST

START_TEST(test_find)
{
	char sub[700], file[800], found[800], want[700];

	put(".presslint", "lang = en_US\n");
	snprintf(sub, sizeof(sub), "%s/a", dir);
	mkdir(sub, 0755);
	snprintf(sub, sizeof(sub), "%s/a/b", dir);
	mkdir(sub, 0755);
	snprintf(file, sizeof(file), "%s/story.md", sub);
	ck_assert(pl_config_find(file, found, sizeof(found)));
	ck_assert(realpath(dir, want) != NULL);
	strcat(want, "/.presslint");
	ck_assert_str_eq(found, want);
	/* a folder given as a path starts the search in itself */
	ck_assert(pl_config_find(sub, found, sizeof(found)));
	ck_assert_str_eq(found, want);
}
END_TEST

Suite *suite_config(void)
{
	Suite *s = suite_create("config");
	TCase *tc = tcase_create("load");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_top_level_and_sections);
	tcase_add_loop_test(tc, test_errors, 0, (int)PL_ARRAY_LEN(bad));
	tcase_add_test(tc, test_unknown_rule);
	tcase_add_test(tc, test_find);
	suite_add_tcase(s, tc);
	return s;
}
