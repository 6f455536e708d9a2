/* check_spelling.c - spelling.* and artifact.glued-words, and the casing
 * helpers pl_check_spelling.c exports (pl_check.h). */
#include "check_util.h"
#include "pl_speller.h"

#include "pl_check.h"

/* ---- spelling.typo ------------------------------------------------------- */

START_TEST(test_typo)
{
	tresult r;

	lint(test_eng, "The plan was adn the rest.\n", &r);
	ck_assert_only(&r, "spelling.typo", 13, 16);
	ck_assert_str_eq(r.v[0].message, "'adn' is a common typo: did you mean 'and'?");
	ck_assert_int_eq(r.v[0].severity, PL_SEV_ERROR);
	ck_assert_uint_eq(r.v[0].n_suggest, 1);
	ck_assert_str_eq(r.v[0].suggest[0], "and");
}
END_TEST

START_TEST(test_typo_case)
{
	/* the correction takes the typo's casing */
	tresult r;

	lint(test_eng, "Adn then we left.\n", &r);
	ck_assert_only(&r, "spelling.typo", 0, 3);
	ck_assert_str_eq(r.v[0].message, "'Adn' is a common typo: did you mean 'And'?");
	ck_assert_str_eq(r.v[0].suggest[0], "And");
}
END_TEST

START_TEST(test_typo_two_words)
{
	tresult r;

	lint(test_eng, "It is inthe box.\n", &r);
	ck_assert_only(&r, "spelling.typo", 6, 11);
	ck_assert_str_eq(r.v[0].suggest[0], "in the");
}
END_TEST

/* ---- spelling.misspelling ------------------------------------------------ */

START_TEST(test_misspelling)
{
	/* Hunspell orders the suggestions; the best one goes in the message */
	tresult r;
	char want[256];

	lint(test_eng, "We saw the wrld today.\n", &r);
	ck_assert_only(&r, "spelling.misspelling", 11, 15);
	ck_assert_int_eq(r.v[0].severity, PL_SEV_WARNING);
	ck_assert_uint_ge(r.v[0].n_suggest, 1);
	ck_assert_uint_le(r.v[0].n_suggest, 3);
	ck_assert(thas_suggest(&r.v[0], "world"));
	snprintf(want, sizeof(want), "'wrld' is not in the dictionary: did you mean '%s'?",
		 r.v[0].suggest[0]);
	ck_assert_str_eq(r.v[0].message, want);
}
END_TEST

START_TEST(test_misspelling_compound_part)
{
	/* only the unknown part of a hyphenated compound */
	tresult r;

	lint(test_eng, "The well-knwn man.\n", &r);
	ck_assert_only(&r, "spelling.misspelling", 9, 13);
	ck_assert(thas_suggest(&r.v[0], "known"));
}
END_TEST

static const char *const accepted[] = {
	"Russia’s actions worried them.\n",
	"Russia's actions worried them.\n",
	"The two nations’ leaders met.\n",
	"Xi’s emphasis on cooperation grew.\n",
	"Dr. Alexei Plotnikov spoke.\n",       /* a capitalized unknown: a name */
	"Sino-Russian ties grew.\n",
	"East-West relations soured.\n",
	"NATO and COVID-19 cases rose.\n",     /* all capitals, digits */
	"The U.S. and e.g. the 5th time.\n",   /* abbreviations */
	"It was includ[e]d there.\n",          /* an editor's insertion */
	"Visit world-today-news.com or mail john@example.com.\n",
	"The antivaxxers protested.\n",        /* dictionaries/words.txt */
	"The hijāb was worn.\n",               /* letters beyond ASCII */
	"Millepora damicornis grew.\n",        /* the species of a binomial */
	"Use youtube-dl now.\n",               /* a short piece of a compound */
	"He left. el gobernador necesita dinero.\n", /* a quote in Spanish */
	"The colour was red.\n",               /* spelling.dialect is off */
};

START_TEST(test_accepted)
{
	tresult r;

	lint(test_eng, accepted[_i], &r);
	ck_assert_none(&r, "spelling");
	ck_assert_none(&r, "artifact.glued-words");
}
END_TEST

/* Each mention of a word is judged as the first was: a form's verdict is
 * kept (a compound's, once each part came to nothing), never its findings. */
START_TEST(test_repeated_forms)
{
	tresult r;

	lint(test_eng, "East-West talks. East-West deals. East-West ties.\n", &r);
	ck_assert_none(&r, "spelling");
	lint(test_eng, "The well-knwn man met the well-knwn woman.\n", &r);
	ck_assert_uint_eq(tcount(&r, "spelling.misspelling"), 2);
	ck_assert_uint_eq(r.v[0].start, 9);
	ck_assert_uint_eq(r.v[1].start, 31);
	test_rules_set("spelling.dialect", true);
	lint(test_eng, "The colour-blind man met the colour-blind woman.\n", &r);
	test_rules_set("spelling.dialect", false);
	ck_assert_uint_eq(tcount(&r, "spelling.dialect"), 2);
}
END_TEST

/* A sentence a fifth or more unknown is another language, but a near miss
 * of an English word is a typo and does not count: asked at the sentence's
 * end, only when a pending word's fate hangs on it. */
START_TEST(test_unknown_sentence)
{
	tresult r, gibberish;

	lint(test_eng, "The uncomfirmed wrold report came.\n", &r);
	ck_assert_uint_eq(tcount(&r, "spelling.misspelling"), 2);
	test_rules_set("spelling.unknown", true);
	lint(test_eng, "The zqxvw blorft report came.\n", &gibberish);
	lint(test_eng, "The zqxvw report came. The blorft report came.\n", &r);
	test_rules_set("spelling.unknown", false);
	ck_assert_none(&gibberish, "spelling");
	ck_assert_uint_eq(tcount(&r, "spelling.unknown"), 2);
}
END_TEST

/* The sentence and the word before are found from the tokens only when a
 * word is not known: an unknown after a name counts in its own sentence,
 * is forgotten at the next, and a newline or a comma ends a name. */
START_TEST(test_sentence_found_late)
{
	tresult r;

	test_rules_set("spelling.unknown", true);
	/* "damicornis" after a name, "zqxvw": two of five lowercase words */
	lint(test_eng, "Millepora damicornis grew and zqxvw came.\n", &r);
	ck_assert_none(&r, "spelling");
	lint(test_eng, "Millepora damicornis grew. The zqxvw came.\n", &r);
	ck_assert_only(&r, "spelling.unknown", 31, 36);
	/* a long sentence: two unknowns of many words */
	lint(test_eng, "The zqxvw blorft report came and the people of the town said "
		       "it was a fine day for all of them.\n", &r);
	ck_assert_uint_eq(tcount(&r, "spelling.unknown"), 2);
	lint(test_eng, "Millepora\ndamicornis grew.\n", &r);
	ck_assert_only(&r, "spelling.unknown", 10, 20);
	lint(test_eng, "Millepora, damicornis grew.\n", &r);
	ck_assert_only(&r, "spelling.unknown", 11, 21);
	lint(test_eng, "Millepora  damicornis grew.\n", &r);
	test_rules_set("spelling.unknown", false);
	ck_assert_none(&r, "spelling");
}
END_TEST

/* The token loop takes tokens four at a time, then the last few one by
 * one: a misspelling is found at any place, at any length of text. */
START_TEST(test_any_place)
{
	static const char *const lead[] = { "", "So ", "So, ", "So, then ",
		"So, then a ", "So, then a tall " };
	char text[128];
	size_t at;
	tresult r;
	const tfinding *f;

	at = (size_t)snprintf(text, sizeof(text), "%swrld", lead[_i]);
	lint(test_eng, text, &r);
	ck_assert_uint_eq(tcount(&r, "spelling.misspelling"), 1);
	f = tfind(&r, "spelling.misspelling");
	ck_assert_uint_eq(f->start, at - 4);
	snprintf(text, sizeof(text), "%swrld came.\n", lead[_i]);
	lint(test_eng, text, &r);
	ck_assert_uint_eq(tcount(&r, "spelling.misspelling"), 1);
	f = tfind(&r, "spelling.misspelling");
	ck_assert_uint_eq(f->start, at - 4);
}
END_TEST

/* ---- artifact.glued-words ------------------------------------------------ */

START_TEST(test_glued_seed)
{
	tresult r;

	lint(test_eng, "TheRussia-Ukraineconflict grew.\n", &r);
	ck_assert_only(&r, "artifact.glued-words", 0, 25);
	ck_assert_str_eq(r.v[0].message,
			 "words run together: did you mean 'The Russia-Ukraine conflict'?");
	ck_assert_uint_eq(r.v[0].n_suggest, 1);
	ck_assert_str_eq(r.v[0].suggest[0], "The Russia-Ukraine conflict");
}
END_TEST

START_TEST(test_glued_lowercase)
{
	tresult r;

	lint(test_eng, "We read thereport today.\n", &r);
	ck_assert_only(&r, "artifact.glued-words", 8, 17);
	ck_assert_str_eq(r.v[0].suggest[0], "the report");
	lint(test_eng, "It was forthe people.\n", &r);
	ck_assert_only(&r, "artifact.glued-words", 7, 13);
	ck_assert_str_eq(r.v[0].suggest[0], "for the");
}
END_TEST

/* ---- spelling.dialect ---------------------------------------------------- */

START_TEST(test_dialect_on)
{
	tresult r;
	const tfinding *f;

	test_rules_set("spelling.dialect", true);
	lint(test_eng, "The colour was red.\n", &r);
	test_rules_set("spelling.dialect", false);
	ck_assert_one_of(&r, "spelling", "spelling.dialect", 4, 10, f);
	ck_assert_str_eq(f->message, "'colour' is British spelling: did you mean 'color'?");
	ck_assert_int_eq(f->severity, PL_SEV_SUGGESTION);
	ck_assert_str_eq(f->suggest[0], "color");
}
END_TEST

/* A form's verdict is kept for the run, whether spelling.dialect is on or
 * not: with the rule off its mentions come to nothing without being
 * checked, and turned on again each is reported. */
START_TEST(test_dialect_kept_verdict)
{
	tresult r;

	lint(test_eng, "The armour was red. The armour was blue.\n", &r);
	ck_assert_none(&r, "spelling");
	test_rules_set("spelling.dialect", true);
	lint(test_eng, "The armour was red. The armour was blue.\n", &r);
	test_rules_set("spelling.dialect", false);
	ck_assert_uint_eq(tcount(&r, "spelling.dialect"), 2);
	ck_assert_uint_eq(r.v[0].start, 4);
	ck_assert_uint_eq(r.v[1].start, 24);
	lint(test_eng, "The armour was red.\n", &r);
	ck_assert_none(&r, "spelling");
}
END_TEST

START_TEST(test_dialect_en_gb)
{
	pl_engine_options o = PL_ENGINE_OPTIONS_INIT;
	pl_engine *gb = NULL;
	tresult r, us;

	o.data_dir = TEST_DATA_DIR;
	o.lang = "en_GB";
	ck_assert_msg(pl_engine_new(&gb, &o) == 0, "%s", pl_error_last());
	ck_assert_int_eq(pl_ruleset_enable(pl_engine_rules(gb), "spelling.dialect", true), 0);
	lint(gb, "The color was red.\n", &r);
	lint(gb, "The colour was red.\n", &us);
	pl_engine_free(gb);
	ck_assert_only(&r, "spelling.dialect", 4, 9);
	ck_assert_str_eq(r.v[0].message, "'color' is American spelling: did you mean 'colour'?");
	ck_assert_none(&us, "spelling");
}
END_TEST

/* A word only the other dialect's dictionary knows is its spelling only
 * when one change of the dialect list makes it a word of the chosen
 * dictionary, which is the suggestion; a name the British dictionary
 * happens to list is no British spelling, and no unknown word either. */
START_TEST(test_dialect_names)
{
	tresult r;

	test_rules_set("spelling.dialect", true);
	test_rules_set("spelling.unknown", true);
	lint(test_eng, "Pelosi and Oleg met. The storey was grey. Troops did manoeuvres.\n", &r);
	test_rules_set("spelling.unknown", false);
	test_rules_set("spelling.dialect", false);
	ck_assert_msg(r.n == 3, "got:%s", tdump(&r));
	ck_assert_str_eq(r.v[0].message, "'storey' is British spelling: did you mean 'story'?");
	ck_assert_str_eq(r.v[1].message, "'grey' is British spelling: did you mean 'gray'?");
	ck_assert_str_eq(r.v[2].message, "'manoeuvres' is British spelling: did you mean 'maneuvers'?");
	ck_assert_str_eq(r.v[2].suggest[0], "maneuvers");
}
END_TEST

START_TEST(test_family_off)
{
	tresult r;

	test_rules_set("spelling", false);
	lint(test_eng, "The plan was adn the wrld, TheRussia-Ukraineconflict.\n", &r);
	test_rules_set("spelling", true);
	test_rules_set("spelling.dialect", false); /* back to the default */
	ck_assert_none(&r, "spelling");
	/* glued words are an artifact rule: still on */
	ck_assert_uint_eq(tcount(&r, "artifact.glued-words"), 1);
}
END_TEST

/* ---- pl_word_is_lower, pl_capitalize, pl_match_case ---------------------- */

START_TEST(test_word_is_lower)
{
	ck_assert(pl_word_is_lower("beijing", 7));
	ck_assert(pl_word_is_lower("russia’s", 10));
	ck_assert(pl_word_is_lower("école", 6));
	ck_assert(pl_word_is_lower("3.5", 3)); /* no letters that are not lowercase */
	ck_assert(pl_word_is_lower("", 0));
	ck_assert(!pl_word_is_lower("Beijing", 7));
	ck_assert(!pl_word_is_lower("iPhone", 6));
	ck_assert(!pl_word_is_lower("École", 6));
	ck_assert(pl_word_is_lower("Beijing", 0)); /* only len bytes count */
}
END_TEST

START_TEST(test_capitalize)
{
	char buf[32];

	ck_assert_uint_eq(pl_capitalize("xi", 2, buf, sizeof(buf)), 2);
	ck_assert_str_eq(buf, "Xi");
	ck_assert_uint_eq(pl_capitalize("école", 6, buf, sizeof(buf)), 6);
	ck_assert_str_eq(buf, "École");
	ck_assert_uint_eq(pl_capitalize("the envoys", 3, buf, sizeof(buf)), 3);
	ck_assert_str_eq(buf, "The");
	ck_assert_uint_eq(pl_capitalize("", 0, buf, sizeof(buf)), 0);
	ck_assert_uint_eq(pl_capitalize("toolongforit", 12, buf, 8), 0);
}
END_TEST

static const struct {
	const char *like, *repl, *out;
} match_cases[] = {
	{ "too", "to", "to" },
	{ "Too", "to", "To" },
	{ "TOO", "to", "TO" },
	{ "Adn", "and", "And" },
	{ "I", "and", "And" },      /* one capital letter is not ALL CAPS */
	{ "inthe", "in the", "in the" },
	{ "Inthe", "in the", "In the" },
	{ "INTHE", "in the", "IN THE" },
	{ "Ecole", "école", "École" },
	{ "teh", "The", "The" },    /* the replacement's own capitals stay */
};

START_TEST(test_match_case)
{
	char buf[64];
	size_t n = pl_match_case(match_cases[_i].like, strlen(match_cases[_i].like),
				 match_cases[_i].repl, strlen(match_cases[_i].repl),
				 buf, sizeof(buf));

	ck_assert_uint_eq(n, strlen(match_cases[_i].out));
	ck_assert_str_eq(buf, match_cases[_i].out);
}
END_TEST

START_TEST(test_match_case_too_small)
{
	char buf[16];

	ck_assert_uint_eq(pl_match_case("the", 3, "the", 3, buf, sizeof(buf)), 3);
	ck_assert_uint_eq(pl_match_case("the", 3, "longer words", 12, buf, sizeof(buf)), 0);
}
END_TEST

/* ---- pl_speller_suggest: Hunspell's search rationed per document ------- */

static size_t suggest(pl_speller *sp, const char *w, pl_budget *b)
{
	char *out[4];
	size_t k = pl_speller_suggest(sp, w, strlen(w), out, 4, b), i;

	for (i = 0; i < k; i++)
		free(out[i]);
	return k;
}

START_TEST(test_suggest_budget)
{
	/* "zorgblatt" has no neighbour one slip away: only Hunspell's search
	 * finds it anything. A document is charged for such a word once,
	 * however often it asks; a document with nothing left gets nothing,
	 * though the run has the list cached from another; "wrod" (a slip
	 * from "word") costs nothing. */
	pl_speller *sp = NULL;
	pl_budget first = PL_BUDGET(1), second = PL_BUDGET(0);

	ck_assert_int_eq(pl_speller_new(&sp, "en_US", TEST_DATA_DIR "/dictionaries/index"), 0);
	ck_assert_uint_gt(suggest(sp, "zorgblatt", &first), 0);
	ck_assert_uint_eq(first.left, 0);
	ck_assert_uint_gt(suggest(sp, "zorgblatt", &first), 0);
	ck_assert_uint_eq(suggest(sp, "zorgblatt", &second), 0);
	ck_assert_uint_eq(suggest(sp, "quixxoticc", &first), 0);
	ck_assert_uint_gt(suggest(sp, "wrod", &second), 0);
	pl_speller_free(sp);
}
END_TEST

/* The thread's memo of verdicts starts small and grows after some
 * thousands of misses, keeping what it holds: every verdict is the
 * dictionary's before, across and after the growth, for two spellers of
 * different dialects asked in turn ("colour", "color"). */
/* Warming the index for words (pl_speller_warm: a run's new forms)
 * changes no answer: words known and not, capitalized ("Apple", which the
 * index holds lowercase), with a curly apostrophe, empty, longer than the
 * lowercase copy the warming makes. */
START_TEST(test_warm_changes_nothing)
{
	static const char *const words[] = { "the", "wrod", "Apple", "BEIJING", "Beijing",
					     "it\xe2\x80\x99s", "", "Xqzzyv",
					     "Antidisestablishmentarianisms-and-more-words-"
					     "than-sixty-four-bytes-hold-here" };
	const char *w[PL_ARRAY_LEN(words)];
	uint32_t n[PL_ARRAY_LEN(words)];
	bool before[PL_ARRAY_LEN(words)];
	pl_speller *sp = NULL;
	size_t i;

	ck_assert_int_eq(pl_speller_new(&sp, "en_US", TEST_DATA_DIR "/dictionaries/index"), 0);
	ck_assert(pl_speller_has_index(sp));
	for (i = 0; i < PL_ARRAY_LEN(words); i++) {
		w[i] = words[i];
		n[i] = (uint32_t)strlen(words[i]);
		before[i] = pl_speller_check(sp, w[i], n[i]);
	}
	ck_assert(before[0] && !before[1] && before[2] && before[3] && before[5]);
	pl_speller_warm(sp, w, n, PL_ARRAY_LEN(words));
	for (i = 0; i < PL_ARRAY_LEN(words); i++)
		ck_assert_msg(pl_speller_check(sp, w[i], n[i]) == before[i], "%s", words[i]);
	pl_speller_free(sp);
}
END_TEST

START_TEST(test_memo_grows)
{
	static const char *const words[] = { "colour", "color", "word", "wrod", "the",
					     "Beijing", "beijing", "centre", "center" };
	bool us[PL_ARRAY_LEN(words)], gb[PL_ARRAY_LEN(words)];
	pl_speller *a = NULL, *b = NULL;
	char w[16];
	size_t i, k;

	ck_assert_int_eq(pl_speller_new(&a, "en_US", TEST_DATA_DIR "/dictionaries/index"), 0);
	ck_assert_int_eq(pl_speller_new(&b, "en_GB", TEST_DATA_DIR "/dictionaries/index"), 0);
	for (i = 0; i < PL_ARRAY_LEN(words); i++) {
		us[i] = pl_speller_check(a, words[i], strlen(words[i]));
		gb[i] = pl_speller_check(b, words[i], strlen(words[i]));
	}
	ck_assert(!us[0] && us[1] && gb[0]);
	for (k = 0; k < 3; k++) {
		/* 10,000 words no dictionary has: misses enough to grow */
		for (i = 0; i < 10000; i++) {
			snprintf(w, sizeof(w), "zq%zuxv", i * 3 + k);
			ck_assert(!pl_speller_check(k % 2 ? a : b, w, strlen(w)));
		}
		for (i = 0; i < PL_ARRAY_LEN(words); i++) {
			ck_assert_msg(pl_speller_check(a, words[i], strlen(words[i])) == us[i],
				      "en_US %s", words[i]);
			ck_assert_msg(pl_speller_check(b, words[i], strlen(words[i])) == gb[i],
				      "en_GB %s", words[i]);
		}
	}
	pl_speller_free(a);
	pl_speller_free(b);
}
END_TEST

/* Without an index Hunspell answers everything: it is loaded when the
 * speller is made (the library itself on first need, not at start-up),
 * and its verdicts and suggestions are the index's. */
START_TEST(test_without_index)
{
	pl_speller *sp = NULL, *ix = NULL;
	static const char *const words[] = { "word", "wrod", "Beijing", "colour",
					      "unconfirmed", "uncomfirmed", "the" };
	char *out[4];
	size_t i, k;
	pl_budget budget = PL_BUDGET(1);

	ck_assert_msg(pl_speller_new(&sp, "en_US", NULL) == 0, "%s", pl_error_last());
	ck_assert(!pl_speller_has_index(sp));
	ck_assert_int_eq(pl_speller_new(&ix, "en_US", TEST_DATA_DIR "/dictionaries/index"), 0);
	ck_assert(pl_speller_has_index(ix));
	for (i = 0; i < PL_ARRAY_LEN(words); i++)
		ck_assert_msg(pl_speller_check(sp, words[i], strlen(words[i])) ==
			      pl_speller_check(ix, words[i], strlen(words[i])), "%s", words[i]);
	ck_assert(pl_speller_check(sp, "word", 4));
	ck_assert(!pl_speller_check(sp, "wrod", 4));
	k = pl_speller_suggest(sp, "wrod", 4, out, 4, &budget);
	ck_assert_uint_ge(k, 1);
	for (i = 0; i < k && strcmp(out[i], "word") != 0; i++)
		;
	ck_assert_msg(i < k, "no 'word' among %zu suggestions", k);
	for (i = 0; i < k; i++)
		free(out[i]);
	pl_speller_free(sp);
	pl_speller_free(ix);
}
END_TEST

/* Candidates are looked up in batches (their index lookups overlapping);
 * the answers are those of one lookup at a time, in order: a slip found
 * in the first batch, one found only many batches on (a substitution in
 * the last letter, then two letters left undoubled, the last kind tried),
 * and none. */
START_TEST(test_slips)
{
	pl_speller *sp = NULL;
	pl_budget b = PL_BUDGET(4);
	char *out[8];
	size_t k, i;

	ck_assert_int_eq(pl_speller_new(&sp, "en_US", TEST_DATA_DIR "/dictionaries/index"), 0);
	ck_assert(pl_speller_near(sp, "wrod", 4));
	ck_assert(pl_speller_near(sp, "housz", 5));
	ck_assert(pl_speller_near(sp, "mispeled", 8));
	ck_assert(!pl_speller_near(sp, "zorgblatt", 9));
	/* cheapest first: a swap (2), then the rest by cost and name */
	k = pl_speller_suggest(sp, "teh", 3, out, 8, &b);
	ck_assert_uint_gt(k, 1);
	ck_assert_str_eq(out[0], "the");
	for (i = 0; i < k; i++)
		free(out[i]);
	k = pl_speller_suggest(sp, "mispeled", 8, out, 8, &b);
	ck_assert_uint_eq(k, 1);
	ck_assert_str_eq(out[0], "misspelled");
	free(out[0]);
	pl_speller_free(sp);
}
END_TEST

Suite *suite_spelling(void)
{
	Suite *s = suite_create("spelling");
	TCase *tc;

	tc = tcase_create("pl_check_spelling");
	test_engine_fixture(tc);
	tcase_add_test(tc, test_typo);
	tcase_add_test(tc, test_typo_case);
	tcase_add_test(tc, test_typo_two_words);
	tcase_add_test(tc, test_misspelling);
	tcase_add_test(tc, test_misspelling_compound_part);
	tcase_add_test(tc, test_repeated_forms);
	tcase_add_test(tc, test_unknown_sentence);
	tcase_add_test(tc, test_sentence_found_late);
	tcase_add_loop_test(tc, test_any_place, 0, 6);
	tcase_add_loop_test(tc, test_accepted, 0, (int)PL_ARRAY_LEN(accepted));
	tcase_add_test(tc, test_glued_seed);
	tcase_add_test(tc, test_glued_lowercase);
	tcase_add_test(tc, test_dialect_on);
	tcase_add_test(tc, test_dialect_kept_verdict);
	tcase_add_test(tc, test_dialect_en_gb);
	tcase_add_test(tc, test_dialect_names);
	tcase_add_test(tc, test_family_off);
	suite_add_tcase(s, tc);

	tc = tcase_create("pl_speller_suggest");
	tcase_add_test(tc, test_suggest_budget);
	tcase_add_test(tc, test_slips);
	tcase_add_test(tc, test_without_index);
	tcase_add_test(tc, test_memo_grows);
	tcase_add_test(tc, test_warm_changes_nothing);
	suite_add_tcase(s, tc);

	tc = tcase_create("pl_word_is_lower");
	tcase_add_test(tc, test_word_is_lower);
	suite_add_tcase(s, tc);

	tc = tcase_create("pl_capitalize");
	tcase_add_test(tc, test_capitalize);
	suite_add_tcase(s, tc);

	tc = tcase_create("pl_match_case");
	tcase_add_loop_test(tc, test_match_case, 0, (int)PL_ARRAY_LEN(match_cases));
	tcase_add_test(tc, test_match_case_too_small);
	suite_add_tcase(s, tc);

	return s;
}
