/* check_output.c - findings to text: the gcc line format editors parse and
 * the JSON other tools read, with columns in characters or bytes. */
#include "check_util.h"

#include "pl_output.h"

static pl_resources res;
static pl_ruleset rules;
static pl_findings found;
static pl_source *src;
static pl_doc doc;
static bool have_doc;

/* The output captured in memory. */
static char *mem;
static size_t mem_len;
static FILE *fp;

static void setup(void)
{
	memset(&res, 0, sizeof(res));
	ck_assert_int_eq(pl_ruleset_init(&rules), PL_OK);
	memset(&found, 0, sizeof(found));
	src = NULL;
	have_doc = false;
	mem = NULL;
	fp = open_memstream(&mem, &mem_len);
	ck_assert_ptr_nonnull(fp);
}

static void close_doc(void)
{
	if (have_doc)
		pl_doc_fini(&doc);
	have_doc = false;
	pl_source_free(src);
	src = NULL;
	pl_findings_fini(&found);
}

static void teardown(void)
{
	close_doc();
	if (fp)
		fclose(fp);
	free(mem);
	pl_ruleset_fini(&rules);
}

static void make_doc(const char *path, const char *text)
{
	char *buf = strdup(text);

	ck_assert_ptr_nonnull(buf);
	ck_assert_int_eq(pl_source_from_buffer(&src, path, buf, strlen(text)), 0);
	ck_assert_int_eq(pl_doc_init(&doc, src, &res, &rules, &found), 0);
	have_doc = true;
}

/* A finding on [s, e) with a message and up to two suggestions. */
static void report(unsigned rule, size_t s, size_t e, const char *msg,
		   const char *sug1, const char *sug2)
{
	pl_finding *f = pl_doc_report(&doc, rule, s, e, "%s", msg);

	ck_assert_ptr_nonnull(f);
	if (sug1)
		ck_assert_int_eq(pl_doc_suggest(&doc, f, sug1, strlen(sug1)), 0);
	if (sug2)
		ck_assert_int_eq(pl_doc_suggest(&doc, f, sug2, strlen(sug2)), 0);
}

/* Everything written so far. */
static const char *written(void)
{
	fflush(fp);
	return mem ? mem : "";
}

/* "adn" at bytes [24, 27) is on line 2 after a curly apostrophe: column 11
 * in characters, 13 in bytes. The comma is at byte 31. */
static const char story[] = "First line.\nThe cat’s adn dog,here.\n";

static void story_findings(void)
{
	make_doc("story.txt", story);
	report(PL_R_TYPO, 24, 27, "'adn' is a common typo: did you mean 'and'?", "and", NULL);
	report(PL_R_SPACE_AFTER, 31, 32, "missing space after ','", ", ", NULL);
}

/* ---- pl_format_parse ----------------------------------------------------- */

START_TEST(test_format_parse)
{
	ck_assert_int_eq(pl_format_parse("gcc"), PL_FORMAT_GCC);
	ck_assert_int_eq(pl_format_parse("json"), PL_FORMAT_JSON);
	ck_assert_int_eq(pl_format_parse("JSON"), -1);
	ck_assert_int_eq(pl_format_parse("xml"), -1);
	ck_assert_int_eq(pl_format_parse(""), -1);
}
END_TEST

/* ---- gcc ----------------------------------------------------------------- */

START_TEST(test_gcc_lines)
{
	pl_output out = PL_OUTPUT_INIT(fp);

	story_findings();
	pl_output_begin(&out);
	ck_assert_int_eq(pl_output_doc(&doc, &found, &out), 0);
	pl_output_end(&out);
	ck_assert_str_eq(written(),
			 "story.txt:2:11: error: 'adn' is a common typo: did you mean "
			 "'and'? [spelling.typo]\n"
			 "story.txt:2:18: warning: missing space after ',' "
			 "[spacing.missing-after]\n");
	ck_assert_uint_eq(out.findings, 2);
}
END_TEST

START_TEST(test_gcc_byte_columns)
{
	pl_output out = PL_OUTPUT_INIT(fp);

	out.byte_columns = true;
	story_findings();
	ck_assert_int_eq(pl_output_doc(&doc, &found, &out), 0);
	ck_assert_str_eq(written(),
			 "story.txt:2:13: error: 'adn' is a common typo: did you mean "
			 "'and'? [spelling.typo]\n"
			 "story.txt:2:20: warning: missing space after ',' "
			 "[spacing.missing-after]\n");
}
END_TEST

START_TEST(test_gcc_severity_follows_rule)
{
	pl_output out = PL_OUTPUT_INIT(fp);

	/* spacing.double is off by default: pl_doc_report drops it until on */
	make_doc("s.txt", "a  b");
	ck_assert_ptr_null(pl_doc_report(&doc, PL_R_DOUBLE_SPACE, 1, 3, "off"));
	rules.enabled[PL_R_DOUBLE_SPACE] = true;
	report(PL_R_DOUBLE_SPACE, 1, 3, "2 spaces between words", " ", NULL);
	ck_assert_int_eq(pl_output_doc(&doc, &found, &out), 0);
	ck_assert_str_eq(written(), "s.txt:1:2: suggestion: 2 spaces between words "
			 "[spacing.double]\n");
}
END_TEST

START_TEST(test_gcc_control_bytes)
{
	/* a message quoting document text stays on one line */
	pl_output out = PL_OUTPUT_INIT(fp);

	make_doc("c.txt", "x");
	report(PL_R_MOJIBAKE, 0, 1, "bad\tthing\nhere\x1A", NULL, NULL);
	ck_assert_int_eq(pl_output_doc(&doc, &found, &out), 0);
	ck_assert_str_eq(written(), "c.txt:1:1: error: bad?thing?here? [artifact.mojibake]\n");
}
END_TEST

START_TEST(test_gcc_bom_stdin)
{
	/* the BOM is not a column; "-" is shown as <stdin> */
	pl_output out = PL_OUTPUT_INIT(fp);

	make_doc("-", "\xEF\xBB\xBFHi adn");
	report(PL_R_TYPO, 6, 9, "typo", "and", NULL);
	ck_assert_int_eq(pl_output_doc(&doc, &found, &out), 0);
	ck_assert_str_eq(written(), "<stdin>:1:4: error: typo [spelling.typo]\n");
}
END_TEST

START_TEST(test_gcc_crlf)
{
	pl_output out = PL_OUTPUT_INIT(fp);

	make_doc("w.txt", "One.\r\nTwo,three.\rFour ,five");
	report(PL_R_SPACE_AFTER, 9, 10, "after", NULL, NULL);
	report(PL_R_SPACE_BEFORE, 21, 22, "before", NULL, NULL);
	ck_assert_int_eq(pl_output_doc(&doc, &found, &out), 0);
	ck_assert_str_eq(written(), "w.txt:2:4: warning: after [spacing.missing-after]\n"
			 "w.txt:3:5: warning: before [spacing.before-punctuation]\n");
}
END_TEST

START_TEST(test_no_findings)
{
	pl_output out = PL_OUTPUT_INIT(fp);

	make_doc("clean.txt", "Nothing to see.");
	ck_assert_int_eq(pl_output_doc(&doc, &found, &out), 0);
	pl_output_end(&out);
	ck_assert_str_eq(written(), "");
	ck_assert_uint_eq(out.findings, 0);
}
END_TEST

/* ---- json ---------------------------------------------------------------- */

START_TEST(test_json_document)
{
	pl_output out = PL_OUTPUT_INIT(fp);

	out.format = PL_FORMAT_JSON;
	story_findings();
	pl_output_begin(&out);
	ck_assert_int_eq(pl_output_doc(&doc, &found, &out), 0);
	pl_output_end(&out);
	ck_assert_str_eq(written(),
		"[\n"
		"  {\"path\": \"story.txt\", \"line\": 2, \"column\": 11, \"end_line\": 2, "
		"\"end_column\": 14, \"offset\": 24, \"length\": 3, \"severity\": \"error\", "
		"\"rule\": \"spelling.typo\", \"message\": \"'adn' is a common typo: did "
		"you mean 'and'?\", \"suggestions\": [\"and\"]},\n"
		"  {\"path\": \"story.txt\", \"line\": 2, \"column\": 18, \"end_line\": 2, "
		"\"end_column\": 19, \"offset\": 31, \"length\": 1, \"severity\": \"warning\", "
		"\"rule\": \"spacing.missing-after\", \"message\": \"missing space after "
		"','\", \"suggestions\": [\", \"]}\n"
		"]\n");
}
END_TEST

START_TEST(test_json_byte_columns)
{
	pl_output out = PL_OUTPUT_INIT(fp);

	out.format = PL_FORMAT_JSON;
	out.byte_columns = true;
	story_findings();
	ck_assert_int_eq(pl_output_doc(&doc, &found, &out), 0);
	ck_assert_ptr_nonnull(strstr(written(), "\"line\": 2, \"column\": 13, "
				     "\"end_line\": 2, \"end_column\": 16, \"offset\": 24"));
}
END_TEST

START_TEST(test_json_escaping)
{
	/* quotes, newlines and control bytes in path, message and suggestions */
	pl_output out = PL_OUTPUT_INIT(fp);

	out.format = PL_FORMAT_JSON;
	make_doc("dir/\"q\".txt", "Say \"hi\"\nnow");
	report(PL_R_MOJIBAKE, 4, 11, "quote \"hi\"\nand\\\t\x01", "\"", "a\nb");
	pl_output_begin(&out);
	ck_assert_int_eq(pl_output_doc(&doc, &found, &out), 0);
	pl_output_end(&out);
	ck_assert_str_eq(written(),
		"[\n"
		"  {\"path\": \"dir/\\\"q\\\".txt\", \"line\": 1, \"column\": 5, "
		"\"end_line\": 2, \"end_column\": 3, \"offset\": 4, \"length\": 7, "
		"\"severity\": \"error\", \"rule\": \"artifact.mojibake\", "
		"\"message\": \"quote \\\"hi\\\"\\nand\\\\\\t\\u0001\", "
		"\"suggestions\": [\"\\\"\", \"a\\nb\"]}\n"
		"]\n");
}
END_TEST

START_TEST(test_json_no_suggestions)
{
	pl_output out = PL_OUTPUT_INIT(fp);

	out.format = PL_FORMAT_JSON;
	make_doc("d.txt", "para");
	report(PL_R_DUPLICATE_PARAGRAPH, 0, 4, "paragraph repeats the one at line 1",
	       NULL, NULL);
	ck_assert_int_eq(pl_output_doc(&doc, &found, &out), 0);
	ck_assert_ptr_nonnull(strstr(written(), "\"suggestions\": []}"));
}
END_TEST

START_TEST(test_json_empty_run)
{
	pl_output out = PL_OUTPUT_INIT(fp);

	out.format = PL_FORMAT_JSON;
	pl_output_begin(&out);
	pl_output_end(&out);
	ck_assert_str_eq(written(), "[]\n");
}
END_TEST

START_TEST(test_json_two_documents)
{
	/* one array for the whole run */
	pl_output out = PL_OUTPUT_INIT(fp);

	out.format = PL_FORMAT_JSON;
	pl_output_begin(&out);
	make_doc("a.txt", "x");
	report(PL_R_NUL_BYTE, 0, 1, "one", NULL, NULL);
	ck_assert_int_eq(pl_output_doc(&doc, &found, &out), 0);
	close_doc();
	make_doc("b.txt", "y");
	report(PL_R_NUL_BYTE, 0, 1, "two", NULL, NULL);
	ck_assert_int_eq(pl_output_doc(&doc, &found, &out), 0);
	pl_output_end(&out);
	ck_assert_uint_eq(out.findings, 2);
	ck_assert_str_eq(written(),
		"[\n"
		"  {\"path\": \"a.txt\", \"line\": 1, \"column\": 1, \"end_line\": 1, "
		"\"end_column\": 2, \"offset\": 0, \"length\": 1, \"severity\": \"error\", "
		"\"rule\": \"encoding.nul-byte\", \"message\": \"one\", \"suggestions\": []},\n"
		"  {\"path\": \"b.txt\", \"line\": 1, \"column\": 1, \"end_line\": 1, "
		"\"end_column\": 2, \"offset\": 0, \"length\": 1, \"severity\": \"error\", "
		"\"rule\": \"encoding.nul-byte\", \"message\": \"two\", \"suggestions\": []}\n"
		"]\n");
}
END_TEST

/* ---- pl_json_string ------------------------------------------------------ */

static const struct {
	const char *in;
	size_t len;
	const char *out;
} json_cases[] = {
	{ "plain", 5, "\"plain\"" },
	{ "", 0, "\"\"" },
	{ "say \"hi\"", 8, "\"say \\\"hi\\\"\"" },
	{ "back\\slash", 10, "\"back\\\\slash\"" },
	{ "a\nb\rc\td", 7, "\"a\\nb\\rc\\td\"" },
	{ "\x01\x1A\x1F\x7F", 4, "\"\\u0001\\u001a\\u001f\\u007f\"" },
	{ "nul\0byte", 8, "\"nul\\u0000byte\"" },
	{ "Russia’s “new era”", 24, "\"Russia’s “new era”\"" }, /* UTF-8 as is */
	{ "cut", 2, "\"cu\"" },
};

START_TEST(test_json_string)
{
	pl_json_string(fp, json_cases[_i].in, json_cases[_i].len);
	ck_assert_str_eq(written(), json_cases[_i].out);
}
END_TEST

Suite *suite_output(void)
{
	Suite *s = suite_create("output");
	TCase *tc;

	tc = tcase_create("pl_format_parse");
	tcase_add_test(tc, test_format_parse);
	suite_add_tcase(s, tc);

	tc = tcase_create("pl_output_doc");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_gcc_lines);
	tcase_add_test(tc, test_gcc_byte_columns);
	tcase_add_test(tc, test_gcc_severity_follows_rule);
	tcase_add_test(tc, test_gcc_control_bytes);
	tcase_add_test(tc, test_gcc_bom_stdin);
	tcase_add_test(tc, test_gcc_crlf);
	tcase_add_test(tc, test_no_findings);
	tcase_add_test(tc, test_json_document);
	tcase_add_test(tc, test_json_byte_columns);
	tcase_add_test(tc, test_json_escaping);
	tcase_add_test(tc, test_json_no_suggestions);
	tcase_add_test(tc, test_json_two_documents);
	suite_add_tcase(s, tc);

	tc = tcase_create("pl_output_end");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_json_empty_run);
	suite_add_tcase(s, tc);

	tc = tcase_create("pl_json_string");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, test_json_string, 0, (int)PL_ARRAY_LEN(json_cases));
	suite_add_tcase(s, tc);

	return s;
}
