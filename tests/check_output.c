/* check_output.c - findings to text: the gcc line format editors parse, the
 * JSON other tools read, SARIF for code scanning and GitHub workflow
 * commands, with columns in characters or bytes; colour, quiet and the
 * summary. */
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
	ck_assert_int_eq(pl_doc_init(&doc, src, 0, src->len, &res, &rules, &found, test_arena(), NULL), 0);
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
	ck_assert_int_eq(pl_format_parse("sarif"), PL_FORMAT_SARIF);
	ck_assert_int_eq(pl_format_parse("github"), PL_FORMAT_GITHUB);
	ck_assert_int_eq(pl_format_parse("JSON"), -1);
	ck_assert_int_eq(pl_format_parse("SARIF"), -1);
	ck_assert_int_eq(pl_format_parse("gh"), -1);
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
	report(PL_R_MOJIBAKE, 0, 1, "\r\r two\x01\x02", NULL, NULL);
	ck_assert_int_eq(pl_output_doc(&doc, &found, &out), 0);
	ck_assert_str_eq(written(), "c.txt:1:1: error: bad?thing?here? [artifact.mojibake]\n"
				    "c.txt:1:1: error: ?? two?? [artifact.mojibake]\n");
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

START_TEST(test_init_defaults)
{
	/* the new options default to off: old callers keep their output */
	pl_output out = PL_OUTPUT_INIT(fp);

	ck_assert_ptr_eq(out.fp, fp);
	ck_assert_int_eq(out.format, PL_FORMAT_GCC);
	ck_assert(!out.byte_columns && !out.quiet && !out.summary && !out.color);
	ck_assert_ptr_null(out.version);
	ck_assert_ptr_null(out.summary_fp);
	ck_assert_ptr_null(out.tally);
	ck_assert_uint_eq(out.findings + out.documents + out.flagged, 0);
}
END_TEST

/* ---- gcc colour ---------------------------------------------------------- */

START_TEST(test_gcc_color)
{
	/* bold locus, severity coloured like GCC's, rule id dim */
	pl_output out = PL_OUTPUT_INIT(fp);

	out.color = true;
	story_findings();
	ck_assert_int_eq(pl_output_doc(&doc, &found, &out), 0);
	ck_assert_str_eq(written(),
			 "\033[1mstory.txt:2:11:\033[0m \033[1;31merror:\033[0m 'adn' is a "
			 "common typo: did you mean 'and'? \033[2m[spelling.typo]\033[0m\n"
			 "\033[1mstory.txt:2:18:\033[0m \033[1;35mwarning:\033[0m missing "
			 "space after ',' \033[2m[spacing.missing-after]\033[0m\n");
}
END_TEST

START_TEST(test_gcc_color_suggestion)
{
	pl_output out = PL_OUTPUT_INIT(fp);

	out.color = true;
	rules.enabled[PL_R_DOUBLE_SPACE] = true;
	make_doc("s.txt", "a  b");
	report(PL_R_DOUBLE_SPACE, 1, 3, "2 spaces\tbetween", NULL, NULL);
	ck_assert_int_eq(pl_output_doc(&doc, &found, &out), 0);
	ck_assert_str_eq(written(), "\033[1ms.txt:1:2:\033[0m \033[1;36msuggestion:\033[0m "
			 "2 spaces?between \033[2m[spacing.double]\033[0m\n");
}
END_TEST

START_TEST(test_color_only_gcc)
{
	/* machine formats never carry escape codes */
	pl_output out = PL_OUTPUT_INIT(fp);

	out.color = true;
	out.format = PL_FORMAT_GITHUB;
	story_findings();
	ck_assert_int_eq(pl_output_doc(&doc, &found, &out), 0);
	ck_assert_ptr_null(strchr(written(), '\033'));
	close_doc();
	out.format = PL_FORMAT_JSON;
	story_findings();
	pl_output_begin(&out);
	ck_assert_int_eq(pl_output_doc(&doc, &found, &out), 0);
	pl_output_end(&out);
	ck_assert_ptr_null(strchr(written(), '\033'));
}
END_TEST

/* ---- github -------------------------------------------------------------- */

START_TEST(test_github_lines)
{
	pl_output out = PL_OUTPUT_INIT(fp);

	out.format = PL_FORMAT_GITHUB;
	story_findings();
	pl_output_begin(&out);
	ck_assert_int_eq(pl_output_doc(&doc, &found, &out), 0);
	pl_output_end(&out);
	ck_assert_str_eq(written(),
			 "::error file=story.txt,line=2,col=11,endLine=2,endColumn=14,"
			 "title=spelling.typo::'adn' is a common typo: did you mean 'and'?\n"
			 "::warning file=story.txt,line=2,col=18,endLine=2,endColumn=19,"
			 "title=spacing.missing-after::missing space after ','\n");
	ck_assert_uint_eq(out.findings, 2);
}
END_TEST

START_TEST(test_github_byte_columns)
{
	pl_output out = PL_OUTPUT_INIT(fp);

	out.format = PL_FORMAT_GITHUB;
	out.byte_columns = true;
	story_findings();
	ck_assert_int_eq(pl_output_doc(&doc, &found, &out), 0);
	ck_assert_ptr_nonnull(strstr(written(), "line=2,col=13,endLine=2,endColumn=16,"));
}
END_TEST

START_TEST(test_github_escaping)
{
	/* properties escape % CR LF : and ,; the message only % CR LF */
	pl_output out = PL_OUTPUT_INIT(fp);
	int odd = pl_ruleset_add(&rules, "odd:rule,id", PL_SEV_SUGGESTION, "odd", "t");

	ck_assert_int_ge(odd, 0);
	out.format = PL_FORMAT_GITHUB;
	make_doc("dir/a:b,c%d\n.txt", "Hello world");
	report((unsigned)odd, 0, 5, "50% off\r\nnext: a,b", NULL, NULL);
	ck_assert_int_eq(pl_output_doc(&doc, &found, &out), 0);
	ck_assert_str_eq(written(),
			 "::notice file=dir/a%3Ab%2Cc%25d%0A.txt,line=1,col=1,endLine=1,"
			 "endColumn=6,title=odd%3Arule%2Cid::50%25 off%0D%0Anext: a,b\n");
}
END_TEST

START_TEST(test_github_multiline_span)
{
	pl_output out = PL_OUTPUT_INIT(fp);

	out.format = PL_FORMAT_GITHUB;
	make_doc("m.txt", "Say \"hi\"\nnow");
	report(PL_R_MOJIBAKE, 4, 11, "span", NULL, NULL);
	ck_assert_int_eq(pl_output_doc(&doc, &found, &out), 0);
	ck_assert_str_eq(written(), "::error file=m.txt,line=1,col=5,endLine=2,"
			 "endColumn=3,title=artifact.mojibake::span\n");
}
END_TEST

/* ---- sarif --------------------------------------------------------------- */

#define SARIF_HEAD                                                             \
	"{\n"                                                                  \
	"  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"   \
	"  \"version\": \"2.1.0\",\n"                                           \
	"  \"runs\": [\n"                                                      \
	"    {\n"                                                              \
	"      \"columnKind\": \"unicodeCodePoints\",\n"                        \
	"      \"results\": ["

#define SARIF_TAIL                                                             \
	"        }\n"                                                          \
	"      }\n"                                                            \
	"    }\n"                                                              \
	"  ]\n"                                                                \
	"}\n"

#define STORY_LOC "{\"uri\": \"story.txt\", \"uriBaseId\": \"%SRCROOT%\"}"

START_TEST(test_sarif_document)
{
	pl_output out = PL_OUTPUT_INIT(fp);

	out.format = PL_FORMAT_SARIF;
	out.version = "9.9";
	story_findings();
	pl_output_begin(&out);
	ck_assert_int_eq(pl_output_doc(&doc, &found, &out), 0);
	pl_output_end(&out);
	ck_assert_str_eq(written(),
		SARIF_HEAD "\n"
		"        {\"ruleId\": \"spelling.typo\", \"ruleIndex\": 0, \"level\": \"error\", "
		"\"message\": {\"text\": \"'adn' is a common typo: did you mean 'and'?\"}, "
		"\"locations\": [{\"physicalLocation\": {\"artifactLocation\": " STORY_LOC ", "
		"\"region\": {\"startLine\": 2, \"startColumn\": 11, \"endLine\": 2, "
		"\"endColumn\": 14}}}], \"fixes\": [{\"artifactChanges\": [{\"artifactLocation\": "
		STORY_LOC ", \"replacements\": [{\"deletedRegion\": {\"startLine\": 2, "
		"\"startColumn\": 11, \"endLine\": 2, \"endColumn\": 14}, \"insertedContent\": "
		"{\"text\": \"and\"}}]}]}]},\n"
		"        {\"ruleId\": \"spacing.missing-after\", \"ruleIndex\": 1, \"level\": "
		"\"warning\", \"message\": {\"text\": \"missing space after ','\"}, "
		"\"locations\": [{\"physicalLocation\": {\"artifactLocation\": " STORY_LOC ", "
		"\"region\": {\"startLine\": 2, \"startColumn\": 18, \"endLine\": 2, "
		"\"endColumn\": 19}}}], \"fixes\": [{\"artifactChanges\": [{\"artifactLocation\": "
		STORY_LOC ", \"replacements\": [{\"deletedRegion\": {\"startLine\": 2, "
		"\"startColumn\": 18, \"endLine\": 2, \"endColumn\": 19}, \"insertedContent\": "
		"{\"text\": \", \"}}]}]}]}\n"
		"      ],\n"
		"      \"tool\": {\n"
		"        \"driver\": {\n"
		"          \"name\": \"presslint\",\n"
		"          \"version\": \"9.9\",\n"
		"          \"rules\": [\n"
		"            {\"id\": \"spelling.typo\", \"shortDescription\": {\"text\": "
		"\"a known typo with one correction (\\\"adn\\\" for \\\"and\\\")\"}, "
		"\"defaultConfiguration\": {\"level\": \"error\"}},\n"
		"            {\"id\": \"spacing.missing-after\", \"shortDescription\": "
		"{\"text\": \"no space after , . ; : ! ? before the next word\"}, "
		"\"defaultConfiguration\": {\"level\": \"warning\"}}\n"
		"          ]\n"
		SARIF_TAIL);
	ck_assert_uint_eq(out.findings, 2);
	ck_assert_ptr_null(out.tally); /* freed by pl_output_end */
}
END_TEST

START_TEST(test_sarif_empty_run)
{
	/* no version given: none written; no findings: no rules */
	pl_output out = PL_OUTPUT_INIT(fp);

	out.format = PL_FORMAT_SARIF;
	pl_output_begin(&out);
	make_doc("clean.txt", "Nothing to see.");
	ck_assert_int_eq(pl_output_doc(&doc, &found, &out), 0);
	pl_output_end(&out);
	ck_assert_str_eq(written(),
		SARIF_HEAD "],\n"
		"      \"tool\": {\n"
		"        \"driver\": {\n"
		"          \"name\": \"presslint\",\n"
		"          \"rules\": []\n"
		SARIF_TAIL);
}
END_TEST

START_TEST(test_sarif_rule_index)
{
	/* ruleIndex is the order of a rule's first finding in the run, across
	 * documents; rules without findings are not listed */
	pl_output out = PL_OUTPUT_INIT(fp);
	const char *w, *a, *b;

	out.format = PL_FORMAT_SARIF;
	pl_output_begin(&out);
	make_doc("a.txt", "x,y");
	report(PL_R_SPACE_AFTER, 1, 2, "one", NULL, NULL);
	ck_assert_int_eq(pl_output_doc(&doc, &found, &out), 0);
	close_doc();
	make_doc("b.txt", "adn x,y");
	report(PL_R_TYPO, 0, 3, "two", "and", NULL);
	report(PL_R_SPACE_AFTER, 5, 6, "three", NULL, NULL);
	ck_assert_int_eq(pl_output_doc(&doc, &found, &out), 0);
	pl_output_end(&out);
	w = written();
	ck_assert_ptr_nonnull(strstr(w, "{\"ruleId\": \"spacing.missing-after\", "
				     "\"ruleIndex\": 0, \"level\": \"warning\", "
				     "\"message\": {\"text\": \"one\"}"));
	ck_assert_ptr_nonnull(strstr(w, "{\"ruleId\": \"spelling.typo\", "
				     "\"ruleIndex\": 1, \"level\": \"error\", "
				     "\"message\": {\"text\": \"two\"}"));
	ck_assert_ptr_nonnull(strstr(w, "{\"ruleId\": \"spacing.missing-after\", "
				     "\"ruleIndex\": 0, \"level\": \"warning\", "
				     "\"message\": {\"text\": \"three\"}"));
	a = strstr(w, "            {\"id\": \"spacing.missing-after\"");
	b = strstr(w, "            {\"id\": \"spelling.typo\"");
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	ck_assert(a < b);
	ck_assert_ptr_null(strstr(a + 1, "            {\"id\": \"spacing.missing-after\""));
	ck_assert_ptr_null(strstr(w, "encoding.nul-byte"));
	ck_assert_uint_eq(out.findings, 3);
}
END_TEST

static const struct {
	const char *path;
	const char *loc;
} sarif_paths[] = {
	{ "story.txt", STORY_LOC },
	{ "tests/cases/a.txt",
	  "{\"uri\": \"tests/cases/a.txt\", \"uriBaseId\": \"%SRCROOT%\"}" },
	{ "../up one/x#1?.txt",
	  "{\"uri\": \"../up%20one/x%231%3F.txt\", \"uriBaseId\": \"%SRCROOT%\"}" },
	{ "c:d%e.txt", "{\"uri\": \"c%3Ad%25e.txt\", \"uriBaseId\": \"%SRCROOT%\"}" },
	{ "/abs/Bücher/a b.txt",
	  "{\"uri\": \"file:///abs/B%C3%BCcher/a%20b.txt\"}" },
	{ "-", "{\"uri\": \"%3Cstdin%3E\", \"uriBaseId\": \"%SRCROOT%\"}" },
	{ "say \"\\\".txt",
	  "{\"uri\": \"say%20%22%5C%22.txt\", \"uriBaseId\": \"%SRCROOT%\"}" },
};

START_TEST(test_sarif_paths)
{
	/* relative paths stay relative to %SRCROOT%, absolute ones become file:
	 * URIs; both percent-encoded */
	pl_output out = PL_OUTPUT_INIT(fp);
	char want[256];

	out.format = PL_FORMAT_SARIF;
	pl_output_begin(&out);
	make_doc(sarif_paths[_i].path, "x");
	report(PL_R_NUL_BYTE, 0, 1, "nul", "y", NULL);
	ck_assert_int_eq(pl_output_doc(&doc, &found, &out), 0);
	pl_output_end(&out);
	snprintf(want, sizeof(want), "{\"artifactLocation\": %s, \"region\"",
		 sarif_paths[_i].loc);
	ck_assert_ptr_nonnull(strstr(written(), want));
	snprintf(want, sizeof(want), "{\"artifactLocation\": %s, \"replacements\"",
		 sarif_paths[_i].loc);
	ck_assert_ptr_nonnull(strstr(written(), want));
}
END_TEST

START_TEST(test_sarif_code_point_columns)
{
	/* SARIF has no byte columns: code points even under byte_columns; the
	 * BOM is not a column */
	pl_output out = PL_OUTPUT_INIT(fp);

	out.format = PL_FORMAT_SARIF;
	out.byte_columns = true;
	pl_output_begin(&out);
	story_findings();
	ck_assert_int_eq(pl_output_doc(&doc, &found, &out), 0);
	close_doc();
	make_doc("bom.txt", "\xEF\xBB\xBF“Hi” adn");
	report(PL_R_TYPO, 12, 15, "typo", NULL, NULL);
	ck_assert_int_eq(pl_output_doc(&doc, &found, &out), 0);
	pl_output_end(&out);
	ck_assert_ptr_nonnull(strstr(written(), "\"region\": {\"startLine\": 2, "
				     "\"startColumn\": 11, \"endLine\": 2, \"endColumn\": 14}"));
	ck_assert_ptr_nonnull(strstr(written(), "\"region\": {\"startLine\": 1, "
				     "\"startColumn\": 6, \"endLine\": 1, \"endColumn\": 9}"));
}
END_TEST

START_TEST(test_sarif_levels_and_fixes)
{
	/* suggestion is "note"; each suggestion is one alternative fix; an
	 * empty summary falls back to the id; text is JSON-escaped */
	pl_output out = PL_OUTPUT_INIT(fp);
	int bare = pl_ruleset_add(&rules, "house.bare", PL_SEV_SUGGESTION, "", "t");

	ck_assert_int_ge(bare, 0);
	out.format = PL_FORMAT_SARIF;
	pl_output_begin(&out);
	make_doc("f.txt", "colour it");
	report((unsigned)bare, 0, 6, "say \"color\"\tor\n\x01", "color", "hue\"");
	ck_assert_int_eq(pl_output_doc(&doc, &found, &out), 0);
	pl_output_end(&out);
	ck_assert_ptr_nonnull(strstr(written(),
		"{\"ruleId\": \"house.bare\", \"ruleIndex\": 0, \"level\": \"note\", "
		"\"message\": {\"text\": \"say \\\"color\\\"\\tor\\n\\u0001\"}, "));
	ck_assert_ptr_nonnull(strstr(written(),
		"\"fixes\": [{\"artifactChanges\": [{\"artifactLocation\": {\"uri\": "
		"\"f.txt\", \"uriBaseId\": \"%SRCROOT%\"}, \"replacements\": "
		"[{\"deletedRegion\": {\"startLine\": 1, \"startColumn\": 1, "
		"\"endLine\": 1, \"endColumn\": 7}, \"insertedContent\": {\"text\": "
		"\"color\"}}]}]}, {\"artifactChanges\": [{\"artifactLocation\": "
		"{\"uri\": \"f.txt\", \"uriBaseId\": \"%SRCROOT%\"}, \"replacements\": "
		"[{\"deletedRegion\": {\"startLine\": 1, \"startColumn\": 1, "
		"\"endLine\": 1, \"endColumn\": 7}, \"insertedContent\": {\"text\": "
		"\"hue\\\"\"}}]}]}]}\n"));
	ck_assert_ptr_nonnull(strstr(written(),
		"{\"id\": \"house.bare\", \"shortDescription\": {\"text\": "
		"\"house.bare\"}, \"defaultConfiguration\": {\"level\": \"note\"}}"));
}
END_TEST

START_TEST(test_sarif_no_fixes)
{
	pl_output out = PL_OUTPUT_INIT(fp);

	out.format = PL_FORMAT_SARIF;
	pl_output_begin(&out);
	make_doc("d.txt", "para");
	report(PL_R_DUPLICATE_PARAGRAPH, 0, 4, "again", NULL, NULL);
	ck_assert_int_eq(pl_output_doc(&doc, &found, &out), 0);
	pl_output_end(&out);
	ck_assert_ptr_null(strstr(written(), "fixes"));
	ck_assert_ptr_nonnull(strstr(written(), "\"endColumn\": 5}}}]}\n      ],\n"));
}
END_TEST

/* ---- quiet and summary --------------------------------------------------- */

/* Three documents: a.txt with three findings, a clean b.txt, c.txt with
 * three more (one a suggestion). */
static void three_documents(pl_output *out)
{
	rules.enabled[PL_R_DOUBLE_SPACE] = true;
	pl_output_begin(out);
	make_doc("a.txt", "adn adn x,y");
	report(PL_R_TYPO, 0, 3, "typo one", "and", NULL);
	report(PL_R_TYPO, 4, 7, "typo two", "and", NULL);
	report(PL_R_SPACE_AFTER, 9, 10, "comma", NULL, NULL);
	ck_assert_int_eq(pl_output_doc(&doc, &found, out), 0);
	close_doc();
	make_doc("b.txt", "Clean.");
	ck_assert_int_eq(pl_output_doc(&doc, &found, out), 0);
	close_doc();
	make_doc("c.txt", "x,y  z\x1A");
	report(PL_R_SPACE_AFTER, 1, 2, "comma", NULL, NULL);
	report(PL_R_DOUBLE_SPACE, 3, 5, "spaces", " ", NULL);
	report(PL_R_NUL_BYTE, 6, 7, "nul", NULL, NULL);
	ck_assert_int_eq(pl_output_doc(&doc, &found, out), 0);
	pl_output_end(out);
}

/* Most findings first, ties by rule id; severities by count too. */
#define THREE_SUMMARY                                                          \
	"     2  spacing.missing-after\n"                                       \
	"     2  spelling.typo\n"                                               \
	"     1  encoding.nul-byte\n"                                           \
	"     1  spacing.double\n"                                              \
	"presslint: 6 findings in 2 of 3 files (3 errors, 2 warnings, "         \
	"1 suggestion)\n"

START_TEST(test_summary_after_findings)
{
	pl_output out = PL_OUTPUT_INIT(fp);

	out.summary = true;
	three_documents(&out);
	ck_assert_str_eq(written(),
			 "a.txt:1:1: error: typo one [spelling.typo]\n"
			 "a.txt:1:5: error: typo two [spelling.typo]\n"
			 "a.txt:1:10: warning: comma [spacing.missing-after]\n"
			 "c.txt:1:2: warning: comma [spacing.missing-after]\n"
			 "c.txt:1:4: suggestion: spaces [spacing.double]\n"
			 "c.txt:1:7: error: nul [encoding.nul-byte]\n"
			 THREE_SUMMARY);
	ck_assert_uint_eq(out.documents, 3);
	ck_assert_uint_eq(out.flagged, 2);
	ck_assert_uint_eq(out.findings, 6);
	ck_assert_uint_eq(out.by_severity[PL_SEV_ERROR], 3);
	ck_assert_uint_eq(out.by_severity[PL_SEV_WARNING], 2);
	ck_assert_uint_eq(out.by_severity[PL_SEV_SUGGESTION], 1);
	ck_assert_ptr_null(out.tally);
}
END_TEST

START_TEST(test_quiet_summary)
{
	/* quiet: only the summary */
	pl_output out = PL_OUTPUT_INIT(fp);

	out.quiet = true;
	out.summary = true;
	three_documents(&out);
	ck_assert_str_eq(written(), THREE_SUMMARY);
}
END_TEST

START_TEST(test_quiet_counts)
{
	/* quiet writes nothing, not even JSON or SARIF framing, but counts:
	 * the exit status depends on it */
	static const pl_format formats[] = { PL_FORMAT_GCC, PL_FORMAT_JSON,
					     PL_FORMAT_SARIF, PL_FORMAT_GITHUB };
	pl_output out = PL_OUTPUT_INIT(fp);

	out.quiet = true;
	out.format = formats[_i];
	three_documents(&out);
	ck_assert_str_eq(written(), "");
	ck_assert_uint_eq(out.findings, 6);
	ck_assert_uint_eq(out.documents, 3);
	ck_assert_uint_eq(out.flagged, 2);
}
END_TEST

START_TEST(test_summary_severity_order)
{
	/* severities by count, most first: warnings before errors here */
	pl_output out = PL_OUTPUT_INIT(fp);

	out.summary = true;
	out.quiet = true;
	pl_output_begin(&out);
	make_doc("w.txt", "x,y ,z adn");
	report(PL_R_SPACE_AFTER, 1, 2, "after", NULL, NULL);
	report(PL_R_SPACE_BEFORE, 3, 4, "before", NULL, NULL);
	report(PL_R_TYPO, 7, 10, "typo", NULL, NULL);
	ck_assert_int_eq(pl_output_doc(&doc, &found, &out), 0);
	pl_output_end(&out);
	ck_assert_str_eq(written(),
			 "     1  spacing.before-punctuation\n"
			 "     1  spacing.missing-after\n"
			 "     1  spelling.typo\n"
			 "presslint: 3 findings in 1 of 1 file (2 warnings, 1 error)\n");
}
END_TEST

START_TEST(test_summary_singular)
{
	pl_output out = PL_OUTPUT_INIT(fp);

	out.summary = true;
	out.quiet = true;
	make_doc("one.txt", "adn");
	report(PL_R_TYPO, 0, 3, "typo", NULL, NULL);
	ck_assert_int_eq(pl_output_doc(&doc, &found, &out), 0);
	pl_output_end(&out);
	ck_assert_str_eq(written(), "     1  spelling.typo\n"
			 "presslint: 1 finding in 1 of 1 file (1 error)\n");
}
END_TEST

START_TEST(test_summary_clean)
{
	pl_output out = PL_OUTPUT_INIT(fp);

	out.summary = true;
	pl_output_begin(&out);
	make_doc("clean.txt", "Nothing to see.");
	ck_assert_int_eq(pl_output_doc(&doc, &found, &out), 0);
	close_doc();
	make_doc("clean2.txt", "Nor here.");
	ck_assert_int_eq(pl_output_doc(&doc, &found, &out), 0);
	pl_output_end(&out);
	ck_assert_str_eq(written(), "presslint: 0 findings in 0 of 2 files\n");
}
END_TEST

START_TEST(test_summary_empty_run)
{
	pl_output out = PL_OUTPUT_INIT(fp);

	out.summary = true;
	pl_output_begin(&out);
	pl_output_end(&out);
	ck_assert_str_eq(written(), "presslint: 0 findings in 0 of 0 files\n");
}
END_TEST

START_TEST(test_summary_fp)
{
	/* with JSON on fp the summary goes elsewhere: JSON stays parseable */
	pl_output out = PL_OUTPUT_INIT(fp);
	char *smem = NULL;
	size_t slen = 0;
	FILE *sfp = open_memstream(&smem, &slen);

	ck_assert_ptr_nonnull(sfp);
	out.format = PL_FORMAT_JSON;
	out.summary = true;
	out.summary_fp = sfp;
	three_documents(&out);
	fclose(sfp);
	ck_assert_str_eq(smem, THREE_SUMMARY);
	ck_assert_ptr_null(strstr(written(), "presslint:"));
	ck_assert_str_eq(written() + strlen(written()) - 4, "}\n]\n");
	free(smem);
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

	tc = tcase_create("PL_OUTPUT_INIT");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_init_defaults);
	suite_add_tcase(s, tc);

	tc = tcase_create("color");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_gcc_color);
	tcase_add_test(tc, test_gcc_color_suggestion);
	tcase_add_test(tc, test_color_only_gcc);
	suite_add_tcase(s, tc);

	tc = tcase_create("github");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_github_lines);
	tcase_add_test(tc, test_github_byte_columns);
	tcase_add_test(tc, test_github_escaping);
	tcase_add_test(tc, test_github_multiline_span);
	suite_add_tcase(s, tc);

	tc = tcase_create("sarif");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_sarif_document);
	tcase_add_test(tc, test_sarif_empty_run);
	tcase_add_test(tc, test_sarif_rule_index);
	tcase_add_loop_test(tc, test_sarif_paths, 0, (int)PL_ARRAY_LEN(sarif_paths));
	tcase_add_test(tc, test_sarif_code_point_columns);
	tcase_add_test(tc, test_sarif_levels_and_fixes);
	tcase_add_test(tc, test_sarif_no_fixes);
	suite_add_tcase(s, tc);

	tc = tcase_create("quiet and summary");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_summary_after_findings);
	tcase_add_test(tc, test_quiet_summary);
	tcase_add_loop_test(tc, test_quiet_counts, 0, 4);
	tcase_add_test(tc, test_summary_severity_order);
	tcase_add_test(tc, test_summary_singular);
	tcase_add_test(tc, test_summary_clean);
	tcase_add_test(tc, test_summary_empty_run);
	tcase_add_test(tc, test_summary_fp);
	suite_add_tcase(s, tc);

	tc = tcase_create("pl_json_string");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, test_json_string, 0, (int)PL_ARRAY_LEN(json_cases));
	suite_add_tcase(s, tc);

	return s;
}
