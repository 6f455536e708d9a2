/* check_fix.c - pl_fix: collecting, applying, diffing and writing fixes. */
#include "check_util.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pl_fix.h"

static pl_ruleset rules;

static void setup(void)
{
	ck_assert_int_eq(pl_ruleset_init(&rules), 0);
}

static void teardown(void)
{
	pl_ruleset_fini(&rules);
}

static pl_finding finding(unsigned rule, size_t s, size_t e, const char **sugg)
{
	pl_finding f = { s, e, rule, PL_SEV_WARNING, "m", sugg, sugg ? 1 : 0 };
	return f;
}

START_TEST(test_collect_apply)
{
	const char *text = "China adn Russia,together &amp; more.\nAdvertisement\nEnd.\n";
	const char *and_[] = { "and" }, *comma[] = { ", " };
	pl_finding v[4] = {
		finding(PL_R_TYPO, 6, 9, and_),
		finding(PL_R_SPACE_AFTER, 16, 17, comma),
		finding(pl_ruleset_find(&rules, "artifact.html-entity") >= 0 ?
			(unsigned)pl_ruleset_find(&rules, "artifact.html-entity") :
			PL_R_BOILERPLATE, 27, 32, NULL),
		finding(PL_R_BOILERPLATE, 38, 51, NULL),
	};
	pl_findings f = { v, 4, 4 };
	pl_edits e;
	char *out;
	size_t n;

	ck_assert_int_eq(pl_fix_collect(&e, &f, &rules, text, strlen(text)), 0);
	/* without rules/ the entity rule is unknown here: 3 or 4 edits */
	ck_assert_uint_ge(e.n, 3);
	ck_assert_int_eq(pl_fix_apply(&out, &n, text, strlen(text), &e), 0);
	ck_assert_ptr_nonnull(strstr(out, "China and Russia, together"));
	ck_assert_ptr_null(strstr(out, "Advertisement"));
	ck_assert_ptr_nonnull(strstr(out, "\nEnd.\n"));
	free(out);
	pl_edits_fini(&e);
}
END_TEST

START_TEST(test_overlap_and_unsafe)
{
	const char *text = "Too shed light adn.\n";
	const char *to[] = { "To" }, *a[] = { "and" }, *b[] = { "an" };
	pl_finding v[3] = {
		finding(PL_R_TITLE_CASE, 0, 3, to),  /* not a safe rule */
		finding(PL_R_TYPO, 15, 18, a),
		finding(PL_R_TYPO, 16, 18, b),       /* overlaps: left for later */
	};
	pl_findings f = { v, 3, 3 };
	pl_edits e;

	ck_assert_int_eq(pl_fix_collect(&e, &f, &rules, text, strlen(text)), 0);
	ck_assert_uint_eq(e.n, 1);
	ck_assert_uint_eq(e.v[0].start, 15);
	ck_assert_uint_eq(e.v[0].finding, 1);
	pl_edits_fini(&e);
}
END_TEST

START_TEST(test_diff)
{
	const char *text = "one\ntwo adn\nthree\n";
	const char *a[] = { "and" };
	pl_finding v[1] = { finding(PL_R_TYPO, 8, 11, a) };
	pl_findings f = { v, 1, 1 };
	pl_edits e;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	ck_assert_int_eq(pl_fix_collect(&e, &f, &rules, text, strlen(text)), 0);
	pl_fix_diff(fp, "x.txt", text, strlen(text), &e);
	fclose(fp);
	ck_assert_str_eq(buf, "--- a/x.txt\n+++ b/x.txt\n@@ -1,3 +1,3 @@\n"
			      " one\n-two adn\n+two and\n three\n");
	free(buf);
	pl_edits_fini(&e);
}
END_TEST

static size_t entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *x;
	size_t n = 0;

	while (d && (x = readdir(d)))
		if (strcmp(x->d_name, ".") && strcmp(x->d_name, ".."))
			n++;
	if (d)
		closedir(d);
	return n;
}

START_TEST(test_write)
{
	char dir[512], path[600], back[64];
	struct stat st;
	FILE *fp;

	tmpdir_new(dir, sizeof(dir));
	snprintf(path, sizeof(path), "%s/a.txt", dir);
	fp = fopen(path, "w");
	fputs("old text\n", fp);
	fclose(fp);
	chmod(path, 0640);
	/* the file changed since it was read: refused, untouched, no debris */
	ck_assert_int_eq(pl_fix_write(path, "other\n", 6, "new\n", 4), PL_EINVAL);
	ck_assert_ptr_nonnull(strstr(pl_error_last(), "changed since it was read"));
	fp = fopen(path, "r");
	ck_assert_ptr_nonnull(fgets(back, sizeof(back), fp));
	fclose(fp);
	ck_assert_str_eq(back, "old text\n");
	ck_assert_uint_eq(entries(dir), 1);
	/* the expected content: replaced, mode kept, no debris */
	ck_assert_int_eq(pl_fix_write(path, "old text\n", 9, "new\n", 4), 0);
	fp = fopen(path, "r");
	ck_assert_ptr_nonnull(fgets(back, sizeof(back), fp));
	fclose(fp);
	ck_assert_str_eq(back, "new\n");
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_uint_eq(st.st_mode & 0777, 0640);
	ck_assert_uint_eq(entries(dir), 1);
	unlink(path);
	rmdir(dir);
}
END_TEST

Suite *suite_fix(void)
{
	Suite *s = suite_create("fix");
	TCase *tc = tcase_create("fix");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_collect_apply);
	tcase_add_test(tc, test_overlap_and_unsafe);
	tcase_add_test(tc, test_diff);
	tcase_add_test(tc, test_write);
	suite_add_tcase(s, tc);
	return s;
}
