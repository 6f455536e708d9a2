/* check_sentence.c - line structure and sentence starts. Rules that would
 * raise false alarms on a wrong boundary act on "sure" starts only, so the
 * cases here are about what is not sure. */
#include "check_util.h"

#include "pl_doc.h"
#include "pl_words.h"

static pl_resources res;
static pl_ruleset rules;
static pl_findings found;
static pl_source *src;
static pl_doc doc;
static bool have_doc;

static void setup(void)
{
	memset(&res, 0, sizeof(res));
	res.abbrev = pl_wordlist_new();
	ck_assert_ptr_nonnull(res.abbrev);
	ck_assert_int_eq(pl_wordlist_load(res.abbrev, TEST_DATA_DIR
					  "/rules/abbreviations.txt", PL_WL_FOLD), 0);
	ck_assert_int_eq(pl_ruleset_init(&rules), 0);
	memset(&found, 0, sizeof(found));
	have_doc = false;
	src = NULL;
}

static void teardown(void)
{
	if (have_doc)
		pl_doc_fini(&doc);
	pl_source_free(src);
	pl_findings_fini(&found);
	pl_ruleset_fini(&rules);
	pl_wordlist_free(res.abbrev);
}

/* Build the document (pl_doc_init calls pl_sentence_mark). */
static void load(const char *text)
{
	char *buf = strdup(text);

	ck_assert_ptr_nonnull(buf);
	ck_assert_int_eq(pl_source_from_buffer(&src, "s.txt", buf, strlen(text)), 0);
	ck_assert_int_eq(pl_doc_init(&doc, src, 0, src->len, &res, &rules, &found, test_arena(), NULL), 0);
	have_doc = true;
}

/* The flags of the first WORD token whose text is `word`. */
static unsigned word_flags(const char *word)
{
	size_t i, n = strlen(word);

	for (i = 0; i < doc.toks.n; i++) {
		const pl_token *t = &doc.toks.v[i];
		if (t->kind == PL_TOK_WORD &&
		    t->end - t->start == n && memcmp(doc.text + t->start, word, n) == 0)
			return t->flags;
	}
	ck_abort_msg("no word '%s'", word);
	return 0;
}

#define START (PL_TF_SENT_START | PL_TF_SURE_START)

#define ck_assert_sure_start(word)                                             \
	ck_assert_msg((word_flags(word) & START) == START,                     \
		      "'%s' should be a sure sentence start (flags %#x)", word, \
		      word_flags(word))
#define ck_assert_unsure_start(word)                                           \
	ck_assert_msg((word_flags(word) & START) == PL_TF_SENT_START,          \
		      "'%s' should be an unsure sentence start (flags %#x)",   \
		      word, word_flags(word))
#define ck_assert_no_start(word)                                               \
	ck_assert_msg(!(word_flags(word) & START),                             \
		      "'%s' should not start a sentence (flags %#x)", word,    \
		      word_flags(word))

/* ---- the words the word rules walk --------------------------------------- */

/* pl_doc_notable_words: every word whose form's PL_WF_WALKED facts are not
 * PL_WF_KNOWN alone, in order, and no other; worked out once. Here the
 * run accepts some words (known), "new" begins a multi-word name (a
 * capitalization fact) and the rest are unknown (no dictionary). */
START_TEST(test_notable_words)
{
	static const char *const accepted[] = { "the", "talks", "ended", "in", "new", "and" };
	const uint32_t *v, *again;
	size_t i, k = 0, n, n2;

	res.accept = pl_wordlist_new();
	res.proper_prefix = pl_wordlist_new();
	ck_assert_ptr_nonnull(res.accept);
	ck_assert_ptr_nonnull(res.proper_prefix);
	for (i = 0; i < PL_ARRAY_LEN(accepted); i++)
		ck_assert_int_eq(pl_wordlist_put(res.accept, accepted[i], strlen(accepted[i]),
						 accepted[i], strlen(accepted[i])), 0);
	ck_assert_int_eq(pl_wordlist_put(res.proper_prefix, "new", 3, "new", 3), 0);
	load("the talks ended in zorbia and new york, 3 talks.\nthe end\n");
	v = pl_doc_notable_words(&doc, &n);
	ck_assert_ptr_nonnull(v);
	for (i = 0; i < doc.n_word_at; i++) {
		const uint32_t t = doc.word_at[i];
		const uint32_t f = pl_words_facts(doc.words, pl_doc_word(&doc, t), PL_WF_WALKED);

		if ((f & PL_WF_WALKED) == PL_WF_KNOWN)
			continue;
		ck_assert_uint_lt(k, n);
		ck_assert_uint_eq(v[k++], t);
	}
	ck_assert_uint_eq(k, n);
	/* zorbia, new (a name's first word), york, end */
	ck_assert_uint_eq(n, 4);
	again = pl_doc_notable_words(&doc, &n2);
	ck_assert_ptr_eq(again, v);
	ck_assert_uint_eq(n2, n);
	pl_doc_fini(&doc);
	have_doc = false;
	pl_wordlist_free(res.accept);
	pl_wordlist_free(res.proper_prefix);
	res.accept = res.proper_prefix = NULL;
}
END_TEST

/* ---- sentence starts ----------------------------------------------------- */

/* A list of token indices of the document (pl_doc.h: word_at, caps,
 * puncts, low_starts) holds every token that `want` picks, in order, and
 * nothing else. Returns its length. */
static size_t check_list(const uint32_t *v, size_t n, bool (*want)(const pl_token *))
{
	size_t i, k = 0;

	for (i = 0; i < doc.toks.n; i++) {
		if (!want(&doc.toks.v[i]))
			continue;
		ck_assert_uint_lt(k, n);
		ck_assert_uint_eq(v[k], i);
		k++;
	}
	ck_assert_uint_eq(k, n);
	return n;
}

static bool is_word(const pl_token *t)
{
	return t->kind == PL_TOK_WORD;
}

static bool is_capitalized(const pl_token *t)
{
	return t->kind == PL_TOK_WORD && (t->flags & PL_TF_UPPER);
}

static bool is_punctuation(const pl_token *t)
{
	return t->cp == ',' || t->cp == '.' || t->cp == ';' || t->cp == ':' ||
	       t->cp == '!' || t->cp == '?';
}

static bool is_low_start(const pl_token *t)
{
	return (t->flags & (PL_TF_SURE_START | PL_TF_UPPER)) == PL_TF_SURE_START;
}

/* The document's index of words (word_at): every word token; and of
 * capitalized words (caps): every word token with PL_TF_UPPER. */
START_TEST(test_caps_index)
{
	load("Emily Carter met the U.N. envoy in Paris.\nthen NASA called; "
	     "\u00c9lodie said no. 42 Units");
	ck_assert_uint_ge(check_list(doc.word_at, doc.n_word_at, is_word), 15);
	ck_assert_uint_ge(check_list(doc.caps, doc.n_caps, is_capitalized), 5);
}
END_TEST

/* The document's index of sentence punctuation (puncts): every token whose
 * code point is , . ; : ! or ?; over enough tokens that some are found
 * sixteen at a time and the last one by one, with their neighbours in
 * ASCII (+ - / < = ") and marks beyond it that look alike (fullwidth
 * comma, ideographic full stop). */
START_TEST(test_puncts_index)
{
	static const char *const piece[] = { "a", ",", " ", "b", ".", "\n", ";", ":",
					     "!", "?", "+", "-", "/", "<", "=", "\"",
					     "\uff0c", "\u3002", "...", "7", "\u00e9" };
	char text[4096];
	size_t len = 0, i, n = PL_ARRAY_LEN(piece);

	for (i = 0; len + 16 < sizeof(text); i++)
		len += (size_t)snprintf(text + len, sizeof(text) - len, "%s",
					piece[(i * 7 + i / n) % n]);
	load(text);
	ck_assert_uint_gt(doc.toks.n, 200);
	ck_assert_uint_ge(check_list(doc.puncts, doc.n_puncts, is_punctuation), 50);
}
END_TEST

/* The document's index of lowercase sure starts (low_starts): every token
 * with PL_TF_SURE_START and no PL_TF_UPPER, once; paragraph starts
 * (marked after the sentences inside lines) among sentence starts, sure
 * and not. Every sure start is a word. */
START_TEST(test_low_starts_index)
{
	size_t i, sure = 0;

	load("alpha went. beta came. Gamma left? delta stayed.\n\n"
	     "epsilon begins. \"zeta\" quoted. Eta. theta!\n"
	     "iota wraps here\nkappa. lambda.\n\nmu starts. nu ends.");
	for (i = 0; i < doc.toks.n; i++) {
		if (!(doc.toks.v[i].flags & PL_TF_SURE_START))
			continue;
		sure++;
		ck_assert_uint_eq(doc.toks.v[i].kind, PL_TOK_WORD);
	}
	ck_assert_uint_ge(check_list(doc.low_starts, doc.n_low_starts, is_low_start), 8);
	ck_assert_uint_gt(sure, doc.n_low_starts);
}
END_TEST

START_TEST(test_first_word)
{
	load("He left.");
	ck_assert_uint_eq(word_flags("He"), START | PL_TF_LINE_START | PL_TF_UPPER);
	ck_assert_uint_eq(word_flags("left"), 0);
}
END_TEST

START_TEST(test_after_period)
{
	load("He left. she stayed.");
	ck_assert_sure_start("she");
}
END_TEST

START_TEST(test_not_after_title)
{
	load("We met Dr. Smith and Mr. jones there.");
	ck_assert_no_start("Smith");
	ck_assert_no_start("jones");
}
END_TEST

START_TEST(test_not_after_dotted_abbreviation)
{
	/* the period is part of the U.S. token: no boundary at all */
	load("The U.S. officials met at 9 a.m. local time.");
	ck_assert_no_start("officials");
	ck_assert_no_start("local");
}
END_TEST

START_TEST(test_not_after_initial)
{
	load("Author J. Smith wrote it, with J.R.R. Tolkien.");
	ck_assert_no_start("Smith");
	ck_assert_no_start("Tolkien");
}
END_TEST

START_TEST(test_not_after_abbreviation_list)
{
	/* rules/abbreviations.txt: "inc", "fig" */
	load("Prices rose, e.g. in food. Costs at Acme Inc. climbed, see fig. three.");
	ck_assert_no_start("in");
	ck_assert_sure_start("Costs");
	ck_assert_no_start("climbed");
	ck_assert_no_start("three");
}
END_TEST

START_TEST(test_abbreviation_list_case_and_length)
{
	/* the list is folded: "GEN." is "gen."; words the list cannot hold
	 * (longer, other letters, beyond ASCII) end sentences */
	load("Troops under GEN. Smith left. Then the café. Next came approx. ten. "
	     "Later still.");
	ck_assert_no_start("Smith");
	ck_assert_sure_start("Then");
	ck_assert_sure_start("Next");
	ck_assert_no_start("ten");
	ck_assert_sure_start("Later");
}
END_TEST

START_TEST(test_abbreviation_ascii_test)
{
	/* the words before a period are tested for ASCII eight bytes at a
	 * time: bytes beyond ASCII right after a short word ("Dr. Élodie"),
	 * keys of nine to fifteen bytes, words with bytes beyond ASCII inside
	 * (which pl_fold must fold: "É" is no ASCII letter), and a word too
	 * near the text's end for eight bytes */
	static const char *const key[] = { "abcdefghi", "abcdefghijkl", "abcdefghijklmno",
					   "abcd\u00e9fghij" };
	size_t i;

	for (i = 0; i < 4; i++)
		ck_assert_int_eq(pl_wordlist_put(res.abbrev, key[i], strlen(key[i]), NULL, 0), 0);
	load("Met Dr. Élodie there. See ABCDEFGHI. One more. See Abcdefghijkl. Two "
	     "now. See abcdefghijklmno. Three now. See abcdéfghijkl. Four now. "
	     "See abcdefghij. Five now. See ABCD\u00c9FGHIJ. Seven now. Go Dr. Six");
	ck_assert_no_start("Élodie");
	ck_assert_no_start("One");
	ck_assert_no_start("Two");
	ck_assert_no_start("Three");
	ck_assert_sure_start("Four");
	ck_assert_sure_start("Five");
	ck_assert_no_start("Seven");
	ck_assert_no_start("Six");
}
END_TEST

START_TEST(test_question_then_quote)
{
	/* "Why?" she asked: a question inside a quotation, then the speaker */
	load("\"Why?\" she asked. “Really?” he said.");
	ck_assert_unsure_start("she");
	ck_assert_unsure_start("he");
}
END_TEST

START_TEST(test_question_exclamation_unsure)
{
	load("Is it? Yes. Yahoo! Finance said so.");
	ck_assert_unsure_start("Yes");
	ck_assert_unsure_start("Finance");
}
END_TEST

START_TEST(test_period_then_quote)
{
	/* a closing quote after the period: still a boundary, but not sure */
	load("He said “yes.” Then he left.");
	ck_assert_unsure_start("Then");
}
END_TEST

START_TEST(test_opening_quote_skipped)
{
	load("He left. “Never again,” he said.");
	ck_assert_sure_start("Never");
}
END_TEST

START_TEST(test_bracket_not_skipped)
{
	/* "(laughs)" is a stage direction, not a sentence */
	load("He left. (laughs) Fine.");
	ck_assert_no_start("laughs");
}
END_TEST

START_TEST(test_ellipsis_no_boundary)
{
	load("\"Wait...\" he said. Well… maybe.");
	ck_assert_no_start("he");
	ck_assert_no_start("maybe");
}
END_TEST

START_TEST(test_no_space_no_boundary)
{
	load("The alliance.What next? Node.js works.");
	ck_assert_no_start("What");
	ck_assert_no_start("js");
}
END_TEST

/* ---- lines and paragraphs ------------------------------------------------ */

START_TEST(test_lines_spans)
{
	load("One two.\r\nThree\rfour\n");
	ck_assert_uint_eq(doc.n_lines, 4);
	ck_assert_uint_eq(doc.lines[0].start, 0);
	ck_assert_uint_eq(doc.lines[0].end, 8);
	ck_assert_uint_eq(doc.lines[0].words, 2);
	ck_assert_uint_eq(doc.lines[1].start, 10);
	ck_assert_uint_eq(doc.lines[1].end, 15);
	ck_assert_uint_eq(doc.lines[2].start, 16);
	ck_assert_uint_eq(doc.lines[2].end, 20);
	ck_assert_uint_eq(doc.lines[3].start, 21); /* empty, after the last break */
	ck_assert_uint_eq(doc.lines[3].end, 21);
	ck_assert_uint_eq(doc.lines[3].flags & PL_LINE_BLANK, PL_LINE_BLANK);
	/* each line's tokens stop before its break */
	ck_assert_uint_eq(doc.toks.v[doc.lines[0].tok_end].kind, PL_TOK_NEWLINE);
	ck_assert_uint_eq(doc.toks.v[doc.lines[1].tok_first].start, 10);
}
END_TEST

START_TEST(test_lines_bom)
{
	load("\xEF\xBB\xBFHello there.\n");
	ck_assert_uint_eq(doc.lines[0].start, 3);
	ck_assert_uint_eq(word_flags("Hello") & START, START);
}
END_TEST

START_TEST(test_paragraph_after_period_line)
{
	load("The talks ended.\nthe envoys left\nand more came.");
	ck_assert_uint_eq(doc.lines[1].flags & PL_LINE_PARA, PL_LINE_PARA);
	ck_assert_uint_eq(word_flags("the"), START | PL_TF_LINE_START);
	/* a line that does not end a sentence continues the paragraph */
	ck_assert_uint_eq(doc.lines[2].flags & PL_LINE_PARA, 0);
	ck_assert_uint_eq(word_flags("and"), PL_TF_LINE_START);
}
END_TEST

START_TEST(test_no_paragraph_after_title_line)
{
	/* wrapped text: "Dr." at the end of a line is mid-sentence */
	load("The panel heard Dr.\nSmith on Monday.");
	ck_assert_uint_eq(doc.lines[1].flags & PL_LINE_PARA, 0);
	ck_assert_no_start("Smith");
}
END_TEST

START_TEST(test_paragraph_after_blank)
{
	load("First paragraph, no period\n\n  second one here");
	ck_assert_uint_eq(doc.lines[1].flags, PL_LINE_BLANK);
	ck_assert_uint_eq(doc.lines[2].flags & PL_LINE_PARA, PL_LINE_PARA);
	ck_assert_uint_eq(word_flags("second"), START | PL_TF_LINE_START);
}
END_TEST

START_TEST(test_heading)
{
	load("A Partnership Forged in Beijing\nbody text follows here.\n");
	ck_assert_uint_eq(doc.lines[0].flags, PL_LINE_HEADING | PL_LINE_PARA);
	ck_assert_uint_eq(doc.lines[0].words, 5);
	/* the line after a heading starts a paragraph */
	ck_assert_uint_eq(doc.lines[1].flags & PL_LINE_PARA, PL_LINE_PARA);
	ck_assert_uint_eq(word_flags("body") & START, START);
}
END_TEST

START_TEST(test_not_headings)
{
	load("This line ends with a period.\n"
	     "lowercase start here\n"
	     "Ends with a comma,\n"
	     "One two three four five six seven eight nine ten eleven twelve "
	     "thirteen fourteen fifteen sixteen seventeen\n");
	ck_assert_uint_eq(doc.lines[0].flags & PL_LINE_HEADING, 0);
	ck_assert_uint_eq(doc.lines[1].flags & PL_LINE_HEADING, 0);
	ck_assert_uint_eq(doc.lines[2].flags & PL_LINE_HEADING, 0);
	ck_assert_uint_eq(doc.lines[3].words, 17);
	ck_assert_uint_eq(doc.lines[3].flags & PL_LINE_HEADING, 0);
}
END_TEST

START_TEST(test_speaker_lines)
{
	load("Emily Carter: Thank you.\n"
	     "Dr. Alexei Plotnikov: A pleasure.\n"
	     "((WN)) What now?\n"
	     "Q: Why?\n"
	     "The time: noon.\n"
	     "He said: yes.\n");
	ck_assert_uint_eq(doc.lines[0].flags & PL_LINE_SPEECH, PL_LINE_SPEECH);
	ck_assert_uint_eq(doc.lines[1].flags & PL_LINE_SPEECH, PL_LINE_SPEECH);
	ck_assert_uint_eq(doc.lines[2].flags & PL_LINE_SPEECH, PL_LINE_SPEECH);
	ck_assert_uint_eq(doc.lines[3].flags & PL_LINE_SPEECH, PL_LINE_SPEECH);
	/* a lowercase word before the colon: not a name */
	ck_assert_uint_eq(doc.lines[4].flags & PL_LINE_SPEECH, 0);
	ck_assert_uint_eq(doc.lines[5].flags & PL_LINE_SPEECH, 0);
}
END_TEST

START_TEST(test_line_start_flag)
{
	load("  Indented start.\n“Quoted start.”\n");
	ck_assert_uint_eq(word_flags("Indented") & PL_TF_LINE_START, PL_TF_LINE_START);
	/* the first non-space token is the quote, not the word */
	ck_assert_uint_eq(word_flags("Quoted") & PL_TF_LINE_START, 0);
	ck_assert_uint_eq(word_flags("Quoted") & START, START);
}
END_TEST

START_TEST(test_lines_every_break)
{
	/* lines are found sixteen tokens at a time: breaks at every place in
	 * such a block, on both sides of its edges, two or more in one block,
	 * blank lines, CRLF, and a last line with no break; each line's words
	 * and the capitalized words checked against a walk token by token */
	static const char *const piece[] = { "Ab", " ", "cd", ",", "\n", "\u00c9t\u00e9",
					     "\r\n", "x.", "QQ", "\n\n", "42" };
	char text[8192];
	size_t len = 0, i, l, k = 0, w = 0, step;

	for (step = 1, i = 0; len + 16 < sizeof(text); i++) {
		const char *p = piece[(i * step) % 11];

		if (i % 37 == 36)
			step = step % 10 + 1;
		len += (size_t)snprintf(text + len, sizeof(text) - len, "%s", p);
	}
	text[len] = '\0';
	load(text);
	ck_assert_uint_gt(doc.toks.n, 64);
	ck_assert_uint_gt(doc.n_lines, 20);
	for (l = 0, i = 0; l < doc.n_lines; l++) {
		const pl_line *ln = &doc.lines[l];
		unsigned words = 0;

		ck_assert_uint_eq(ln->tok_first, i);
		for (; i < doc.toks.n && doc.toks.v[i].kind != PL_TOK_NEWLINE; i++) {
			const pl_token *t = &doc.toks.v[i];
			if (t->kind != PL_TOK_WORD)
				continue;
			words++;
			ck_assert_uint_lt(w, doc.n_word_at);
			ck_assert_uint_eq(doc.word_at[w++], i);
			if (t->flags & PL_TF_UPPER) {
				ck_assert_uint_lt(k, doc.n_caps);
				ck_assert_uint_eq(doc.caps[k++], i);
			}
		}
		ck_assert_uint_eq(ln->tok_end, i);
		ck_assert_uint_eq(ln->words, words);
		ck_assert_uint_eq(ln->start, l ? doc.toks.v[ln->tok_first - 1].end : 0);
		ck_assert_uint_eq(ln->end, i < doc.toks.n ? doc.toks.v[i].start : len);
		i++;
	}
	ck_assert_uint_eq(i, doc.toks.n + 1);
	ck_assert_uint_eq(k, doc.n_caps);
	ck_assert_uint_eq(w, doc.n_word_at);
}
END_TEST

START_TEST(test_every_position)
{
	/* sentence ends are looked for sixteen tokens at a time: one at each
	 * place in such a block, over several lines, amid words beyond
	 * ASCII ("été": a first letter above 0x7F) and an ellipsis */
	char text[4096], word[8];
	size_t len = 0, i, k;

	for (i = 0; i < 40; i++) {
		len += (size_t)snprintf(text + len, sizeof(text) - len, "Q%c%c",
					'a' + (int)(i / 26), 'a' + (int)(i % 26));
		for (k = 0; k < i % 6; k++)
			len += (size_t)snprintf(text + len, sizeof(text) - len, " %s",
						k % 2 ? "été" : "x");
		len += (size_t)snprintf(text + len, sizeof(text) - len, "%s",
					i % 9 == 8 ? ".\n" : i % 7 == 3 ? "... y " : ". ");
	}
	load(text);
	for (i = 0; i < 40; i++) {
		snprintf(word, sizeof(word), "Q%c%c", 'a' + (int)(i / 26),
			 'a' + (int)(i % 26));
		if (i && (i - 1) % 7 == 3 && (i - 1) % 9 != 8)
			ck_assert_no_start(word); /* after "... y" */
		else
			ck_assert_sure_start(word);
	}
	ck_assert_no_start("x");
	ck_assert_no_start("y");
}
END_TEST

Suite *suite_sentence(void)
{
	Suite *s = suite_create("sentence");
	TCase *tc;

	tc = tcase_create("pl_sentence_mark");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_first_word);
	tcase_add_test(tc, test_caps_index);
	tcase_add_test(tc, test_puncts_index);
	tcase_add_test(tc, test_low_starts_index);
	tcase_add_test(tc, test_after_period);
	tcase_add_test(tc, test_not_after_title);
	tcase_add_test(tc, test_not_after_dotted_abbreviation);
	tcase_add_test(tc, test_not_after_initial);
	tcase_add_test(tc, test_not_after_abbreviation_list);
	tcase_add_test(tc, test_abbreviation_list_case_and_length);
	tcase_add_test(tc, test_abbreviation_ascii_test);
	tcase_add_test(tc, test_question_then_quote);
	tcase_add_test(tc, test_question_exclamation_unsure);
	tcase_add_test(tc, test_period_then_quote);
	tcase_add_test(tc, test_opening_quote_skipped);
	tcase_add_test(tc, test_bracket_not_skipped);
	tcase_add_test(tc, test_ellipsis_no_boundary);
	tcase_add_test(tc, test_no_space_no_boundary);
	tcase_add_test(tc, test_lines_spans);
	tcase_add_test(tc, test_lines_bom);
	tcase_add_test(tc, test_paragraph_after_period_line);
	tcase_add_test(tc, test_no_paragraph_after_title_line);
	tcase_add_test(tc, test_paragraph_after_blank);
	tcase_add_test(tc, test_heading);
	tcase_add_test(tc, test_not_headings);
	tcase_add_test(tc, test_speaker_lines);
	tcase_add_test(tc, test_line_start_flag);
	tcase_add_test(tc, test_every_position);
	tcase_add_test(tc, test_lines_every_break);
	tcase_add_test(tc, test_notable_words);
	suite_add_tcase(s, tc);

	return s;
}
