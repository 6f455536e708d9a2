/* check_case.c - capitalization.*: sentence starts, proper nouns, names
 * written two ways, Title Case headings. Where the lowercase form is also a
 * word ("xi", "united states") only the document's own use is evidence. */
#include "check_util.h"

#include <sys/stat.h>

/* ---- capitalization.proper-noun ------------------------------------------ */

START_TEST(test_proper_lexicon)
{
	tresult r;

	lint(test_eng, "They met in beijing last week.\n", &r);
	ck_assert_only(&r, "capitalization.proper-noun", 12, 19);
	ck_assert_str_eq(r.v[0].message, "proper noun 'Beijing' written lowercase");
	ck_assert_int_eq(r.v[0].severity, PL_SEV_WARNING);
	ck_assert_str_eq(r.v[0].suggest[0], "Beijing");
}
END_TEST

START_TEST(test_proper_possessive)
{
	/* the whole word is reported, the suggestion keeps the possessive */
	tresult r;
	const tfinding *f;

	lint(test_eng, "They feared russia’s willingness.\n", &r);
	ck_assert_one_of(&r, "capitalization", "capitalization.proper-noun", 12, 22, f);
	ck_assert_str_eq(f->message, "proper noun 'Russia' written lowercase");
	ck_assert_str_eq(f->suggest[0], "Russia’s");
}
END_TEST

START_TEST(test_proper_phrase)
{
	/* "United" capitalized mid-sentence shows the name was meant; the
	 * finding points at the word that is wrong and replaces only it */
	tresult r;

	lint(test_eng, "He visited the United states last year.\n", &r);
	ck_assert_only(&r, "capitalization.proper-noun", 22, 28);
	ck_assert_str_eq(r.v[0].message,
			 "'United states' should be written 'United States'");
	ck_assert_str_eq(r.v[0].suggest[0], "States");
}
END_TEST

START_TEST(test_proper_phrase_evidence)
{
	/* all lowercase: reported only when the document uses the name */
	tresult r;

	lint(test_eng, "He saw the united states.\n", &r);
	ck_assert_none(&r, "capitalization");
	lint(test_eng, "In the United States and the united states.\n", &r);
	ck_assert_only(&r, "capitalization.proper-noun", 29, 42);
	ck_assert_str_eq(r.v[0].suggest[0], "United States");
}
END_TEST

START_TEST(test_proper_phrase_long)
{
	/* a name of three words, its later words looked up one by one; a
	 * first word before a word no name goes on with is no name */
	tresult r;

	lint(test_eng, "New York City is big, and new york city is old.\n", &r);
	ck_assert_only(&r, "capitalization.proper-noun", 26, 39);
	ck_assert_str_eq(r.v[0].suggest[0], "New York City");
	lint(test_eng, "In the United States of America and the united states of america.\n",
	     &r);
	ck_assert_only(&r, "capitalization.proper-noun", 40, 64);
	ck_assert_str_eq(r.v[0].suggest[0], "United States of America");
	lint(test_eng, "He had new ideas for the united team in New York.\n", &r);
	ck_assert_none(&r, "capitalization");
	/* words joined by a tab are no span of a name */
	lint(test_eng, "In New York and new\tyork.\n", &r);
	ck_assert_none(&r, "capitalization");
}
END_TEST

START_TEST(test_proper_phrase_repeated)
{
	/* a two-word span met again is answered from what phrase() kept of
	 * its forms: each use is reported, a longer name still goes on past
	 * its second word, and the byte between the words is part of what is
	 * kept (a tab joins no name, before or after the space) */
	tresult r;

	lint(test_eng, "In New York, new\tyork and new york and new york.\n", &r);
	ck_assert_uint_eq(tcount(&r, "capitalization"), 2);
	ck_assert_str_eq(r.v[0].rule, "capitalization.proper-noun");
	ck_assert_uint_eq(r.v[0].start, 26);
	ck_assert_uint_eq(r.v[0].end, 34);
	ck_assert_uint_eq(r.v[1].start, 39);
	ck_assert_uint_eq(r.v[1].end, 47);
	ck_assert_str_eq(r.v[1].suggest[0], "New York");
	lint(test_eng, "In New York, new york and new\tyork.\n", &r);
	ck_assert_only(&r, "capitalization.proper-noun", 13, 21);
	lint(test_eng, "New York City is big; new york city and new york city are old.\n",
	     &r);
	ck_assert_uint_eq(tcount(&r, "capitalization"), 2);
	ck_assert_uint_eq(r.v[0].start, 22);
	ck_assert_uint_eq(r.v[0].end, 35);
	ck_assert_uint_eq(r.v[1].start, 40);
	ck_assert_uint_eq(r.v[1].end, 53);
	ck_assert_str_eq(r.v[1].suggest[0], "New York City");
}
END_TEST

START_TEST(test_proper_phrase_first_word)
{
	/* a name's first word with no word after it that may go on ("new
	 * law", "new" at a line's end) is not looked at further; the names
	 * around it still are, and a name is not joined across a line */
	tresult r;

	lint(test_eng, "The new law came to New York last week, and new york was where the "
	     "people met new\nyork friends.\n", &r);
	ck_assert_only(&r, "capitalization.proper-noun", 44, 52);
	lint(test_eng, "A new rule: new york is new; New York is old.\n", &r);
	ck_assert_only(&r, "capitalization.proper-noun", 12, 20);
}
END_TEST

START_TEST(test_xi_with_evidence)
{
	tresult r;

	lint(test_eng, "President Xi spoke. Then xi left.\n", &r);
	ck_assert_only(&r, "capitalization.proper-noun", 25, 27);
	ck_assert_str_eq(r.v[0].message, "proper noun 'Xi' written lowercase");
	ck_assert_str_eq(r.v[0].suggest[0], "Xi");
	/* the first pass finds each word's line walking forward: the
	 * evidence is on a line after a heading and lines without it */
	lint(test_eng, "Talks In Moscow\n\nThey met.\n\nPresident Xi spoke. Then xi left.\n",
	     &r);
	ck_assert_only(&r, "capitalization.proper-noun", 53, 55);
}
END_TEST

static const char *const xi_alone[] = {
	/* "xi" is a Greek letter */
	"The number xi appears in the table.\n",
	/* "Xi" at a sentence start says nothing about the word */
	"Xi spoke. Then xi left.\n",
	/* nor in a heading */
	"Xi Visits Moscow\n\nThen xi left.\n",
	/* a heading after other lines is one too */
	"They met.\n\nThe talks ended.\n\nTalks With Xi\n\nThen xi left.\n",
};

START_TEST(test_xi_without_evidence)
{
	tresult r;

	lint(test_eng, xi_alone[_i], &r);
	ck_assert_none(&r, "capitalization.proper-noun");
}
END_TEST

/* ---- capitalization.name-consistency ------------------------------------- */

START_TEST(test_name_consistency)
{
	tresult r;

	lint(test_eng, "Emily Carter wrote it. Later Emily carter left.\n", &r);
	ck_assert_only(&r, "capitalization.name-consistency", 29, 41);
	ck_assert_str_eq(r.v[0].message,
			 "name written 'Emily Carter' elsewhere: 'Emily carter'");
	ck_assert_str_eq(r.v[0].suggest[0], "Emily Carter");
}
END_TEST

START_TEST(test_name_consistency_repeated)
{
	/* a full name met again is not put again (the first value stays
	 * anyway); the byte between the words is part of what is kept, so
	 * the name after a tab-joined one is still put */
	tresult r;

	lint(test_eng, "Emily Carter wrote it. Emily Carter said so. Later Emily carter left.\n",
	     &r);
	ck_assert_only(&r, "capitalization.name-consistency", 51, 63);
	lint(test_eng, "Emily\tCarter wrote. Emily Carter said. Later Emily carter left.\n", &r);
	ck_assert_only(&r, "capitalization.name-consistency", 45, 57);
	ck_assert_str_eq(r.v[0].suggest[0], "Emily Carter");
}
END_TEST

START_TEST(test_pairs_across_documents)
{
	/* what was worked out of a two-word span is kept from document to
	 * document (pl_words_scratch), but the names a document collects
	 * are its own: "Emily Carter" in one story makes "Emily carter" no
	 * variant in the next; and a span kept as written right in one is
	 * reported where the next writes it otherwise */
	tresult r;

	lint(test_eng, "Emily Carter wrote it. New York agreed.\n", &r);
	ck_assert_none(&r, "capitalization");
	lint(test_eng, "Later Emily carter left.\n", &r);
	ck_assert_none(&r, "capitalization.name-consistency");
	lint(test_eng, "Emily Carter came back. Later Emily carter left.\n", &r);
	ck_assert_only(&r, "capitalization.name-consistency", 30, 42);
	lint(test_eng, "They met in New York and in new york.\n", &r);
	ck_assert_only(&r, "capitalization.proper-noun", 28, 36);
}
END_TEST

START_TEST(test_name_consistency_line_start)
{
	/* the seed article: the variant opens a paragraph */
	tresult r;

	lint(test_eng, "Senior Editor Emily Carter spoke.\n\nEmily carter: Thank you.\n", &r);
	ck_assert_only(&r, "capitalization.name-consistency", 35, 47);
}
END_TEST

START_TEST(test_name_unknown_given_name)
{
	/* only a known given name introduces a full name */
	tresult r;

	lint(test_eng, "Zorblax Carter wrote it. Later Zorblax carter left.\n", &r);
	ck_assert_none(&r, "capitalization.name-consistency");
}
END_TEST

/* ---- capitalization.sentence-start --------------------------------------- */

START_TEST(test_sentence_start_in_line)
{
	tresult r;

	lint(test_eng, "The talks ended. the envoys left.\n", &r);
	ck_assert_only(&r, "capitalization.sentence-start", 17, 20);
	ck_assert_str_eq(r.v[0].message, "sentence starts with a lowercase letter: 'the'");
	ck_assert_str_eq(r.v[0].suggest[0], "The");
}
END_TEST

START_TEST(test_sentence_start_paragraph)
{
	/* the line before ends with a period: a new paragraph */
	tresult r;

	lint(test_eng, "The talks ended.\nmaintaining the pressure matters.\n", &r);
	ck_assert_only(&r, "capitalization.sentence-start", 17, 28);
	ck_assert_str_eq(r.v[0].suggest[0], "Maintaining");
}
END_TEST

static const char *const not_starts[] = {
	"Apple sold it. iPhone sales rose.\n",         /* a brand's inner capital */
	"We met Dr. smith yesterday.\n",               /* after a title */
	"Officials met at 9 a.m. local time.\n",       /* after a dotted form */
	"Author J. smith wrote it.\n",                 /* after an initial */
	"\"Why?\" she asked.\n",                       /* a quoted question */
	"Is it? yes, it is.\n",                        /* not sure after "?" */
	"He left. (laughs) fine.\n",                   /* a stage direction */
	"He left. al-Assad stayed.\n",                 /* a lowercase particle */
	"The wire said, late on Monday,\nthe talks ended.\n", /* a wrapped line */
	"See https://example.com. www.example.com is down.\n",
	"He left. 3 people stayed.\n",
};

START_TEST(test_sentence_start_not)
{
	tresult r;

	lint(test_eng, not_starts[_i], &r);
	ck_assert_none(&r, "capitalization.sentence-start");
}
END_TEST

/* ---- capitalization.title-case ------------------------------------------- */

START_TEST(test_title_case)
{
	/* another heading in Title Case shows the house style */
	tresult r;

	lint(test_eng, "A Partnership Forged in Beijing\n\nText comes here.\n\n"
		       "The Growing partnership Between Nations\n\nMore text here.\n", &r);
	ck_assert_only(&r, "capitalization.title-case", 63, 74);
	ck_assert_str_eq(r.v[0].message, "lowercase 'partnership' in a Title Case heading");
	ck_assert_int_eq(r.v[0].severity, PL_SEV_SUGGESTION);
	ck_assert_str_eq(r.v[0].suggest[0], "Partnership");
}
END_TEST

START_TEST(test_title_case_sentence_style)
{
	/* one sentence-case headline full of names is not Title Case */
	tresult r;

	lint(test_eng, "Greta Thunberg named 2019 Time Person of the Year\n\nText here.\n", &r);
	ck_assert_none(&r, "capitalization");
	lint(test_eng, "Talks in Moscow end without a deal\n\nText here.\n", &r);
	ck_assert_none(&r, "capitalization");
}
END_TEST

/* A file of many stories whose titles are mostly in sentence case: one
 * story's Title Case title does not make the house style, and a title
 * with lowercase words is not a Title Case heading gone wrong. */
START_TEST(test_title_case_archive)
{
	tresult r;

	lint(test_eng, "Council approves new budget\n\nText comes here.\n\n"
		       "A Partnership Forged in Beijing\n\nMore text here.\n\n"
		       "Storm hits the coast\n\nText again here.\n\n"
		       "The Growing partnership Between Nations\n\nMore text.\n\n"
		       "Markets rally after the vote\n\nLast text here.\n", &r);
	ck_assert_none(&r, "capitalization.title-case");
}
END_TEST

/* A folder's own accepted words are ordinary words in its headings: here
 * they make the first heading Title Case */
START_TEST(test_title_case_vocabulary)
{
	static const char text[] = "A Zorblax Flimber in Beijing\n\nText comes here.\n\n"
				   "The Growing partnership Between Nations\n\nMore text.\n";
	char dir[512], path[700];
	int with;

	tmpdir_two_folders(dir, sizeof(dir), "zorblax\nflimber\n");
	for (with = 1; with >= 0; with--) {
		pl_source *src = NULL;
		char *buf = malloc(sizeof(text));
		tresult r;

		memset(&r, 0, sizeof(r));
		memcpy(buf, text, sizeof(text) - 1);
		snprintf(path, sizeof(path), "%s/%s/story.txt", dir, with ? "a" : "b");
		ck_assert_int_eq(pl_source_from_buffer(&src, path, buf, sizeof(text) - 1), 0);
		r.rc = pl_engine_check(test_eng, src, tresult_emit, &r);
		pl_source_free(src);
		ck_assert_int_eq(r.rc, 0);
		ck_assert_msg(tcount(&r, "capitalization.title-case") == (size_t)with, "%s",
			      tdump(&r));
	}
	tmpdir_remove(dir);
}
END_TEST

START_TEST(test_family_off)
{
	tresult r;

	test_rules_set("capitalization", false);
	lint(test_eng, "They met in beijing. the envoys left.\n", &r);
	test_rules_set("capitalization", true);
	ck_assert_none(&r, "capitalization");
}
END_TEST

Suite *suite_case(void)
{
	Suite *s = suite_create("case");
	TCase *tc;

	tc = tcase_create("pl_check_case");
	test_engine_fixture(tc);
	tcase_add_test(tc, test_proper_lexicon);
	tcase_add_test(tc, test_proper_possessive);
	tcase_add_test(tc, test_proper_phrase);
	tcase_add_test(tc, test_proper_phrase_evidence);
	tcase_add_test(tc, test_proper_phrase_long);
	tcase_add_test(tc, test_proper_phrase_repeated);
	tcase_add_test(tc, test_proper_phrase_first_word);
	tcase_add_test(tc, test_xi_with_evidence);
	tcase_add_loop_test(tc, test_xi_without_evidence, 0, (int)PL_ARRAY_LEN(xi_alone));
	tcase_add_test(tc, test_name_consistency);
	tcase_add_test(tc, test_name_consistency_repeated);
	tcase_add_test(tc, test_name_consistency_line_start);
	tcase_add_test(tc, test_pairs_across_documents);
	tcase_add_test(tc, test_name_unknown_given_name);
	tcase_add_test(tc, test_sentence_start_in_line);
	tcase_add_test(tc, test_sentence_start_paragraph);
	tcase_add_loop_test(tc, test_sentence_start_not, 0, (int)PL_ARRAY_LEN(not_starts));
	tcase_add_test(tc, test_title_case);
	tcase_add_test(tc, test_title_case_sentence_style);
	tcase_add_test(tc, test_title_case_archive);
	tcase_add_test(tc, test_title_case_vocabulary);
	tcase_add_test(tc, test_family_off);
	suite_add_tcase(s, tc);

	return s;
}
