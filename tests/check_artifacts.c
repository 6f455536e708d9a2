/* check_artifacts.c - artifact.*: what scrapers and converters leave in
 * copy. The built-in rules (pl_check_artifacts) and the pattern rules of
 * rules/artifacts.rules (HTML, scraper lines) are one family to an editor,
 * so both are tested here through the engine. */
#include "check_util.h"

#include "pl_check.h"

/* ---- artifact.boilerplate ------------------------------------------------ */

START_TEST(test_boilerplate)
{
	tresult r;

	lint(test_eng, "Intro line here.\n\nTable of Contents\n\nMore text here.\n", &r);
	ck_assert_only(&r, "artifact.boilerplate", 18, 35);
	ck_assert_str_eq(r.v[0].message, "stray scraped line 'Table of Contents': remove it");
	ck_assert_int_eq(r.v[0].severity, PL_SEV_WARNING);
	ck_assert_uint_eq(r.v[0].n_suggest, 1);
	ck_assert_str_eq(r.v[0].suggest[0], ""); /* delete the line */
}
END_TEST

START_TEST(test_boilerplate_trimmed)
{
	/* compared without case, outer white space and trailing ":" */
	tresult r;

	lint(test_eng, "Advertisement\n", &r);
	ck_assert_only(&r, "artifact.boilerplate", 0, 13);
	lint(test_eng, "Story text.\n  ADVERTISEMENT:  \nMore text.\n", &r);
	ck_assert_only(&r, "artifact.boilerplate", 14, 28);
	ck_assert_str_eq(r.v[0].message, "stray scraped line 'ADVERTISEMENT:': remove it");
	lint(test_eng, "Read   more\r\n", &r);
	ck_assert_only(&r, "artifact.boilerplate", 0, 11);
}
END_TEST

/* The list is asked only about lines whose first two bytes and last byte
 * some entry has: each of these must still get there. */
static const char *const found_lines[] = {
	"AP\n",                          /* two bytes */
	"\t By \n",                     /* white space around */
	"Ads …\n",                       /* a trailing ellipsis */
	"ads!!|\n",                      /* trailing marks */
	"Read\t  more\n",               /* the second word after a tab */
	"You’re all set\n",              /* beyond ASCII inside */
	"Advertisement – Scroll to continue\n",
	"Editors’ picks:\n",
	"RSS...\n",
	"I\tagree\n",                   /* a space second, once squeezed */
	"Menu…\n",
	/* ASCII lines are lowercased sixteen bytes at a time when nothing is
	 * to be squeezed: past sixteen bytes, a space at the end, two spaces
	 * anywhere */
	"Skip To Main Content \n",
	"SKIP TO MAIN NAVIGATION:\n",
	"Skip to  main navigation\n",
	"Skip to main  navigation\n",
	"Skip to main navigation.  \n",
	"Share this article!\n",
};

START_TEST(test_boilerplate_filter)
{
	tresult r;

	lint(test_eng, found_lines[_i], &r);
	ck_assert_msg(tcount(&r, "artifact.boilerplate") == 1, "%s: %s",
		      found_lines[_i], tdump(&r));
}
END_TEST

static const char *const content_lines[] = {
	/* rules/boilerplate.txt: "Must survive" */
	"Share prices fell 3%.\n",
	"Print editions will end in May.\n",
	"Comments from residents were mixed.\n",
	"Home sales rose 5%.\n",
	"Reply briefs are due Friday.\n",
	"The company changed its privacy policy in 2019.\n",
	/* an entry inside a longer line */
	"Readers found the Table of Contents useful.\n",
	"Skip to main navigation bar.\n",
	"Share this article with your friends.\n",
};

START_TEST(test_boilerplate_content)
{
	tresult r;

	lint(test_eng, content_lines[_i], &r);
	ck_assert_none(&r, "artifact");
}
END_TEST

/* ---- artifact.doubled-word ----------------------------------------------- */

START_TEST(test_doubled)
{
	tresult r;

	lint(test_eng, "I saw the the cat.\n", &r);
	ck_assert_only(&r, "artifact.doubled-word", 9, 13);
	ck_assert_str_eq(r.v[0].message, "doubled word 'the'");
	ck_assert_str_eq(r.v[0].suggest[0], ""); /* delete space and word */
	lint(test_eng, "The the cat sat.\n", &r);
	ck_assert_only(&r, "artifact.doubled-word", 3, 7);
}
END_TEST

/* An interview transcript (three speaker turns or more) is speech from
 * its first turn to the next heading after its last: answers keep their
 * repeated words, and so do answers that run over several paragraphs;
 * the introduction before the first turn does not. */
START_TEST(test_doubled_transcript)
{
	static const char text[] =
		"Wikinews interviews a mayor\n"
		"\n"
		"The mayor spoke to to reporters on Monday.\n"
		"\n"
		"((WN)) What is is next?\n"
		"\n"
		"Emily Carter: We we will build.\n"
		"\n"
		"And and the roads too.\n"
		"\n"
		"((WN)) Thank you you.\n";
	tresult r;

	lint(test_eng, text, &r);
	ck_assert_only(&r, "artifact.doubled-word", 47, 50);
	ck_assert_str_eq(r.v[0].message, "doubled word 'to'");
}
END_TEST

/* Many stories in one file (an archive, checked in parts over 4 MB): an
 * interview among them is a transcript, the stories around it are not. */
START_TEST(test_doubled_archive)
{
	char text[8192];
	size_t n = 0, i;
	tresult r;

	n += (size_t)snprintf(text + n, sizeof(text) - n,
			      "Council approves budget\n\nThe council met and and voted.\n\n");
	n += (size_t)snprintf(text + n, sizeof(text) - n, "Wikinews interviews a mayor\n\n");
	for (i = 0; i < 3; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n,
				      "((WN)) Why why?\n\nEmily Carter: Because because.\n\n");
	n += (size_t)snprintf(text + n, sizeof(text) - n,
			      "Storm hits coast\n\nThe storm was was strong.\n");
	lint(test_eng, text, &r);
	ck_assert_msg(r.n == 2, "got:%s", tdump(&r));
	ck_assert_str_eq(r.v[0].message, "doubled word 'and'");
	ck_assert_str_eq(r.v[1].message, "doubled word 'was'");
}
END_TEST

static const char *const doubled_ok[] = {
	"She had had enough.\n",          /* rules/doubled-ok.txt */
	"He said that that was fine.\n",
	"Sirhan Sirhan was there.\n",      /* names repeat */
	"Emily Carter: we we went there.\n", /* a speaker's turn is speech */
	"It was the\nthe end.\n",          /* a line break between */
	"Count 5 5 times.\n",              /* digits */
	"The theory held.\n",
};

START_TEST(test_doubled_ok)
{
	tresult r;

	lint(test_eng, doubled_ok[_i], &r);
	ck_assert_none(&r, "artifact.doubled-word");
}
END_TEST

/* ---- artifact.mojibake --------------------------------------------------- */

START_TEST(test_mojibake)
{
	/* "’" (E2 80 99) read as Windows-1252 is "â€™": 8 bytes of UTF-8 */
	tresult r;

	lint(test_eng, "Itâ€™s fine.\n", &r);
	ck_assert_only(&r, "artifact.mojibake", 2, 10);
	ck_assert_str_eq(r.v[0].message, "mojibake 'â€™': did you mean '’'?");
	ck_assert_int_eq(r.v[0].severity, PL_SEV_ERROR);
	ck_assert_str_eq(r.v[0].suggest[0], "’");
}
END_TEST

START_TEST(test_mojibake_two_bytes)
{
	tresult r;

	lint(test_eng, "Meet at the CafÃ© tonight.\n", &r);
	ck_assert_only(&r, "artifact.mojibake", 15, 19);
	ck_assert_str_eq(r.v[0].suggest[0], "é");
}
END_TEST

START_TEST(test_mojibake_not)
{
	tresult r;

	lint(test_eng, "Meet at the Café tonight, “Über” Ãx.\n", &r);
	ck_assert_none(&r, "artifact.mojibake");
}
END_TEST

/* ---- artifact.invisible-char --------------------------------------------- */

START_TEST(test_invisible_zwsp)
{
	tresult r;

	lint(test_eng, "Zero\u200Bwidth here.\n", &r);
	ck_assert_uint_eq(tcount(&r, "artifact"), 1);
	ck_assert_str_eq(r.v[0].rule, "artifact.invisible-char");
	ck_assert_uint_eq(r.v[0].start, 4);
	ck_assert_uint_eq(r.v[0].end, 7);
	ck_assert_str_eq(r.v[0].message, "invisible character U+200B (zero-width space)");
	ck_assert_str_eq(r.v[0].suggest[0], "");
}
END_TEST

START_TEST(test_invisible_others)
{
	tresult r;

	lint(test_eng, "Soft\u00ADhyphen and a stray\uFEFFmark.\n", &r);
	ck_assert_msg(tcount(&r, "artifact.invisible-char") == 2, "got:%s", tdump(&r));
	ck_assert_uint_eq(r.v[0].start, 4);
	ck_assert_uint_eq(r.v[0].end, 6);
	ck_assert_str_eq(r.v[0].message, "invisible character U+00AD (soft hyphen)");
	ck_assert_str_eq(r.v[1].rule, "artifact.invisible-char");
	ck_assert_uint_eq(r.v[1].start, 24);
	ck_assert_uint_eq(r.v[1].end, 27);
	ck_assert_str_eq(r.v[1].message, "invisible character U+FEFF (byte order mark)");
}
END_TEST

/* Characters of two, three and four bytes whose lead byte no invisible
 * one has are passed whole: each invisible character after them is still
 * found, at its place (and U+180E, the one written E1 ..). */
START_TEST(test_invisible_after_others)
{
	static const char text[] = "Caf\u00E9\u200B \u0141\u00F3d\u017A\u2060 "
				   "\u4E2D\u00AD \U0001F600\u180E \uFF01\u200F "
				   "\u1E9E\u2066 \u2019\u2029.\n";
	static const char *const found[] = { "\u200B", "\u2060", "\u00AD", "\u180E",
					     "\u200F", "\u2066", "\u2029" };
	tresult r;
	size_t k, at = 0;

	lint(test_eng, text, &r);
	ck_assert_msg(tcount(&r, "artifact.invisible-char") == PL_ARRAY_LEN(found),
		      "got:%s", tdump(&r));
	for (k = 0; k < r.n; k++) {
		const char *p;
		if (strcmp(r.v[k].rule, "artifact.invisible-char"))
			continue;
		p = strstr(text, found[at]);
		ck_assert_uint_eq(r.v[k].start, (size_t)(p - text));
		ck_assert_uint_eq(r.v[k].end, (size_t)(p - text) + strlen(found[at]));
		at++;
	}
}
END_TEST

START_TEST(test_invisible_leading_bom)
{
	/* a BOM at the start marks the encoding: not a stray one */
	tresult r;

	lint(test_eng, "\xEF\xBB\xBF" "Clean text here.\n", &r);
	ck_assert_uint_eq(r.n, 0);
}
END_TEST

/* ---- artifact.duplicate-paragraph ---------------------------------------- */

START_TEST(test_duplicate_paragraph)
{
	tresult r;

	lint(test_eng, "One two three four five six seven eight nine.\n\n"
		       "Other words are here now.\n\n"
		       "One two three four five six seven eight nine.\n", &r);
	ck_assert_only(&r, "artifact.duplicate-paragraph", 74, 119);
	ck_assert_str_eq(r.v[0].message, "paragraph repeats the one at line 1");
	ck_assert_uint_eq(r.v[0].n_suggest, 0);
}
END_TEST

START_TEST(test_duplicate_paragraph_spacing)
{
	/* white space inside the paragraph does not hide the copy */
	tresult r;

	lint(test_eng, "Intro.\n\nThe minister said the plan would go ahead next year.\n\n"
		       "The minister  said the plan would go\tahead next year.\n", &r);
	ck_assert_only(&r, "artifact.duplicate-paragraph", 62, 115);
	ck_assert_str_eq(r.v[0].message, "paragraph repeats the one at line 3");
}
END_TEST

/* A paragraph of one line with nothing to fold is hashed in place, the
 * rest folded first: the two agree, on a space at either end too (one at
 * the start stays, one at the end goes). */
START_TEST(test_duplicate_paragraph_in_place)
{
	tresult r;
	size_t k, n = 0;

	lint(test_eng, "The minister said the plan would go ahead next year. \n\n"
		       "Other words are here now.\n\n"
		       "The minister said the  plan would go ahead next year.\n\n"
		       " The minister said the plan would go ahead next year.\n\n"
		       "  The minister said the plan would go ahead next year.\n", &r);
	for (k = 0; k < r.n; k++) {
		if (strcmp(r.v[k].rule, "artifact.duplicate-paragraph"))
			continue;
		ck_assert_str_eq(r.v[k].message, n ? "paragraph repeats the one at line 7"
					       : "paragraph repeats the one at line 1");
		n++;
	}
	ck_assert_uint_eq(n, 2);
}
END_TEST

/* Paragraphs with the same number of words and the same first and last
 * words are told apart by their text: none repeats another, and a copy of
 * the second (past the first in the set) repeats the second. */
START_TEST(test_duplicate_paragraph_same_ends)
{
	tresult r;

	lint(test_eng, "The minister said the plan would go ahead next year.\n\n"
		       "The mayor said the bridge would go ahead next year.\n\n"
		       "The council said the vote would go ahead next year.\n\n"
		       "The mayor said the bridge would go ahead next year.\n", &r);
	ck_assert_only(&r, "artifact.duplicate-paragraph", 160, 211);
	ck_assert_str_eq(r.v[0].message, "paragraph repeats the one at line 3");
}
END_TEST

START_TEST(test_duplicate_short_paragraph)
{
	/* seven words repeat legitimately ("Read the full statement here.") */
	tresult r;

	lint(test_eng, "One two three four five six seven.\n\nMiddle.\n\n"
		       "One two three four five six seven.\n", &r);
	ck_assert_none(&r, "artifact");
}
END_TEST

/* Paragraphs of every length from 43 to 163 bytes, each hashed with its
 * last bytes in a block of its own or overlapping the one before: a copy
 * is found, and one that differs only in a letter of its last bytes is
 * not. (The letter is not in the first or the last word: the two would
 * then differ before any hash, in the words' forms.) */
START_TEST(test_duplicate_paragraph_lengths)
{
	char p[200], q[200], text[700];
	size_t len = 43 + (size_t)_i;
	tresult r;

	memcpy(p, "One two three four five six seven eight ", 40);
	memset(p + 40, 'a', len - 42);
	memcpy(p + len - 2, " z", 2);
	memcpy(q, p, len);
	q[len - 3] = 'b';
	snprintf(text, sizeof(text), "%.*s\n\n%.*s\n\n%.*s\n", (int)len, p,
		 (int)len, q, (int)len, p);
	lint(test_eng, text, &r);
	ck_assert_msg(tcount(&r, "artifact.duplicate-paragraph") == 1, "%zu:%s", len,
		      tdump(&r));
	ck_assert_str_eq(tfind(&r, "artifact.duplicate-paragraph")->message,
			 "paragraph repeats the one at line 1");
}
END_TEST

/* Something to fold (two spaces, a tab) anywhere in a one-line paragraph,
 * the last bytes too, which are read in a block of their own: the copy
 * with it is still the same paragraph. A line that ends in one space does
 * not fold with the line break after it. */
START_TEST(test_duplicate_paragraph_fold_at)
{
	static const char p[] = "The minister said the plan would go ahead next year";
	char text[300];
	size_t at = (size_t)_i, n = strlen(p);
	tresult r;

	if (p[at] != ' ')
		return;
	snprintf(text, sizeof(text), "%s\n\nMiddle.\n\n%.*s%s%s\n", p, (int)at, p,
		 at % 2 ? "\t" : "  ", p + at + 1);
	lint(test_eng, text, &r);
	ck_assert_msg(tcount(&r, "artifact.duplicate-paragraph") == 1, "%zu:%s", at,
		      tdump(&r));
	/* the first copy ends in a space, the second does not */
	snprintf(text, sizeof(text), "%s \n\nMiddle.\n\n%.*s\n", p, (int)n, p);
	lint(test_eng, text, &r);
	ck_assert_msg(tcount(&r, "artifact.duplicate-paragraph") == 1, "%s", tdump(&r));
}
END_TEST

/* A paragraph of two lines (the first ending in a space, or the second
 * starting with one) with white space to fold at each gap in turn, of each
 * kind: stretches are copied a block at a time up to the fold, and the
 * copy is still the same paragraph. */
static const char *const folds[] = { "  ", "\t", " \t ", "   " };
static const char para_words[] =
	"The minister said the plan would go ahead next year and the "
	"council agreed with her on the matter of the new bridge";

START_TEST(test_duplicate_paragraph_multiline_fold)
{
	char text[600], *o = text;
	size_t gap = (size_t)_i / PL_ARRAY_LEN(folds), g = 0, k;
	tresult r;

	o += sprintf(o, "%s\n\nMiddle.\n\n", para_words);
	for (k = 0; para_words[k]; k++) {
		if (para_words[k] != ' ') {
			*o++ = para_words[k];
			continue;
		}
		if (g == gap)
			o += sprintf(o, "%s", folds[(size_t)_i % PL_ARRAY_LEN(folds)]);
		else if (g == 17) /* 18 words: the first line is no heading */
			o += sprintf(o, gap % 2 ? " \n" : "\n "); /* "the \nmatter", "the\n matter" */
		else
			*o++ = ' ';
		g++;
	}
	strcpy(o, "\n");
	if (gap >= g || gap == 17)
		return;
	lint(test_eng, text, &r);
	ck_assert_msg(tcount(&r, "artifact.duplicate-paragraph") == 1, "%d:%s", _i,
		      tdump(&r));
	ck_assert_str_eq(tfind(&r, "artifact.duplicate-paragraph")->message,
			 "paragraph repeats the one at line 1");
}
END_TEST

/* ---- artifacts.rules: HTML and scraper lines ----------------------------- */

START_TEST(test_html_tag)
{
	tresult r;

	lint(test_eng, "Some <p>text here.\n", &r);
	ck_assert_only(&r, "artifact.html-tag", 5, 8);
	ck_assert_str_eq(r.v[0].message, "HTML tag '<p>' in plain text");
	ck_assert_uint_eq(r.v[0].n_suggest, 1);
	ck_assert_str_eq(r.v[0].suggest[0], "");
	lint(test_eng, "See <div class=\"x\">here</div> now.\n", &r);
	ck_assert_uint_eq(tcount(&r, "artifact.html-tag"), 2);
	ck_assert_str_eq(r.v[0].message, "HTML tag '<div class=\"x\">' in plain text");
	ck_assert_uint_eq(r.v[1].start, 23);
	ck_assert_uint_eq(r.v[1].end, 29);
}
END_TEST

START_TEST(test_html_entity)
{
	tresult r;

	lint(test_eng, "Tom &amp; Jerry met.\n", &r);
	ck_assert_only(&r, "artifact.html-entity", 4, 9);
	ck_assert_str_eq(r.v[0].message, "HTML entity '&amp;' in plain text");
	ck_assert_uint_eq(r.v[0].n_suggest, 0);
	lint(test_eng, "It&#8217;s here.\n", &r);
	ck_assert_only(&r, "artifact.html-entity", 2, 9);
}
END_TEST

static const char *const not_html[] = {
	"If a < b and c > d, stop.\n",
	"AT&T and P&G rose; R&D fell.\n",
	"The <3 emoticon.\n",
};

START_TEST(test_not_html)
{
	tresult r;

	lint(test_eng, not_html[_i], &r);
	ck_assert_none(&r, "artifact");
}
END_TEST

START_TEST(test_scraper_line)
{
	tresult r;

	lint(test_eng, "5 min read\n", &r);
	ck_assert_only(&r, "artifact.scraper-line", 0, 10);
	ck_assert_str_eq(r.v[0].message, "stray scraped line '5 min read': remove it");
	lint(test_eng, "Text.\nPhoto: Reuters\n", &r);
	ck_assert_only(&r, "artifact.scraper-line", 6, 20);
}
END_TEST

/* ---- switched off -------------------------------------------------------- */

START_TEST(test_family_off)
{
	tresult r;

	test_rules_set("artifact", false);
	lint(test_eng, "Advertisement\nthe the <p> Itâ€™s\u200B\n", &r);
	test_rules_set("artifact", true);
	ck_assert_none(&r, "artifact");
}
END_TEST

/* The boilerplate rule with the brief of its list made once for the run
 * (as the engine does) and without one (made per document): the same
 * findings, for lines the brief lets through and lines it does not. */
static size_t boilerplate_findings(const char *text, bool brief,
				   size_t *starts, size_t max)
{
	pl_resources res;
	pl_ruleset rules;
	pl_findings found;
	pl_source *src = NULL;
	pl_doc doc;
	char *buf = strdup(text);
	size_t i, n = 0;

	memset(&res, 0, sizeof(res));
	memset(&found, 0, sizeof(found));
	ck_assert_ptr_nonnull(buf);
	ck_assert_ptr_nonnull(res.boilerplate = pl_wordlist_new());
	ck_assert_ptr_nonnull(res.doubled_ok = pl_wordlist_new());
	ck_assert_int_eq(pl_wordlist_load(res.boilerplate, TEST_DATA_DIR "/rules/boilerplate.txt",
					  PL_WL_FOLD | PL_WL_TRIM_PUNCT), 0);
	if (brief)
		ck_assert_ptr_nonnull(res.boilerplate_brief = pl_bp_filter_new(res.boilerplate));
	ck_assert_int_eq(pl_ruleset_init(&rules), 0);
	ck_assert_int_eq(pl_source_from_buffer(&src, "b.txt", buf, strlen(text)), 0);
	ck_assert_int_eq(pl_doc_init(&doc, src, 0, src->len, &res, &rules, &found,
				     test_arena(), NULL), 0);
	pl_check_artifacts(&doc);
	for (i = 0; i < found.n; i++)
		if (found.v[i].rule == PL_R_BOILERPLATE && n < max)
			starts[n++] = found.v[i].start;
	pl_doc_fini(&doc);
	pl_source_free(src);
	pl_findings_fini(&found);
	pl_ruleset_fini(&rules);
	pl_bp_filter_free(res.boilerplate_brief);
	pl_wordlist_free(res.boilerplate);
	pl_wordlist_free(res.doubled_ok);
	return n;
}

START_TEST(test_boilerplate_brief_once)
{
	static const char text[] = "Intro line here.\n\nTable of Contents\n\nAP\n"
				   "Ads \xE2\x80\xA6\nRead\t  more\nShare prices fell 3%.\n"
				   "Menu\xE2\x80\xA6\nMore text here.\n";
	size_t a[16], b[16], na, nb, i;

	na = boilerplate_findings(text, false, a, 16);
	nb = boilerplate_findings(text, true, b, 16);
	ck_assert_uint_eq(na, 5);
	ck_assert_uint_eq(na, nb);
	for (i = 0; i < na; i++)
		ck_assert_uint_eq(a[i], b[i]);
}
END_TEST

Suite *suite_artifacts(void)
{
	Suite *s = suite_create("artifacts");
	TCase *tc;

	tc = tcase_create("pl_check_artifacts");
	test_engine_fixture(tc);
	tcase_add_test(tc, test_boilerplate);
	tcase_add_test(tc, test_boilerplate_trimmed);
	tcase_add_loop_test(tc, test_boilerplate_filter, 0, (int)PL_ARRAY_LEN(found_lines));
	tcase_add_loop_test(tc, test_boilerplate_content, 0, (int)PL_ARRAY_LEN(content_lines));
	tcase_add_test(tc, test_doubled);
	tcase_add_test(tc, test_doubled_transcript);
	tcase_add_test(tc, test_doubled_archive);
	tcase_add_loop_test(tc, test_doubled_ok, 0, (int)PL_ARRAY_LEN(doubled_ok));
	tcase_add_test(tc, test_mojibake);
	tcase_add_test(tc, test_mojibake_two_bytes);
	tcase_add_test(tc, test_mojibake_not);
	tcase_add_test(tc, test_invisible_zwsp);
	tcase_add_test(tc, test_invisible_others);
	tcase_add_test(tc, test_invisible_after_others);
	tcase_add_test(tc, test_invisible_leading_bom);
	tcase_add_test(tc, test_duplicate_paragraph);
	tcase_add_test(tc, test_duplicate_paragraph_spacing);
	tcase_add_test(tc, test_duplicate_paragraph_in_place);
	tcase_add_test(tc, test_duplicate_paragraph_same_ends);
	tcase_add_test(tc, test_duplicate_short_paragraph);
	tcase_add_loop_test(tc, test_duplicate_paragraph_lengths, 0, 121);
	tcase_add_loop_test(tc, test_duplicate_paragraph_multiline_fold, 0,
			    24 * (int)PL_ARRAY_LEN(folds));
	tcase_add_loop_test(tc, test_duplicate_paragraph_fold_at, 1,
			    (int)strlen("The minister said the plan would go ahead next year") - 1);
	tcase_add_test(tc, test_family_off);
	tcase_add_test(tc, test_boilerplate_brief_once);
	suite_add_tcase(s, tc);

	tc = tcase_create("pl_check_patterns (artifacts.rules)");
	test_engine_fixture(tc);
	tcase_add_test(tc, test_html_tag);
	tcase_add_test(tc, test_html_entity);
	tcase_add_loop_test(tc, test_not_html, 0, (int)PL_ARRAY_LEN(not_html));
	tcase_add_test(tc, test_scraper_line);
	suite_add_tcase(s, tc);

	return s;
}
