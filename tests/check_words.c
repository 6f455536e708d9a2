/* check_words.c - the run's word forms and the answers kept on them. */
#include "check_util.h"

#include <pthread.h>
#include <sys/stat.h>

#include "pl_pages.h"
#include "pl_speller.h"
#include "pl_words.h"

static pl_resources res;
static pl_words *t;

static pl_wordlist *list(const char *const *keys, const char *const *values)
{
	pl_wordlist *wl = pl_wordlist_new();
	size_t i;

	ck_assert_ptr_nonnull(wl);
	for (i = 0; keys && keys[i]; i++)
		ck_assert_int_eq(pl_wordlist_put(wl, keys[i], strlen(keys[i]),
						 values ? values[i] : NULL,
						 values ? strlen(values[i]) : 0), 0);
	return wl;
}

static void setup(void)
{
	static const char *const accept[] = { "ebay", "rock'n'roll", NULL };
	static const char *const reject[] = { "irregardless", NULL };
	static const char *const proper[] = { "beijing", "new york", "new york city", NULL };
	static const char *const canon[] = { "Beijing", "New York", "New York City", NULL };
	static const char *const prefix[] = { "new", "new york", NULL };
	static const char *const later[] = { "york", "city", NULL };
	static const char *const given[] = { "emily", NULL };
	static const char *const minor[] = { "of", "the", NULL };
	static const char *const foreign[] = { "des", "und", NULL };

	memset(&res, 0, sizeof(res));
	res.accept = list(accept, NULL);
	res.reject = list(reject, NULL);
	res.proper = list(proper, canon);
	res.proper_prefix = list(prefix, NULL);
	res.proper_later = list(later, NULL);
	res.given_names = list(given, NULL);
	res.minor = list(minor, NULL);
	res.foreign = list(foreign, NULL);
	t = pl_words_new(&res);
	ck_assert_ptr_nonnull(t);
	pl_words_begin(t);
}

static void teardown(void)
{
	pl_words_free(t);
	pl_wordlist_free(res.accept);
	pl_wordlist_free(res.reject);
	pl_wordlist_free(res.proper);
	pl_wordlist_free(res.proper_prefix);
	pl_wordlist_free(res.proper_later);
	pl_wordlist_free(res.given_names);
	pl_wordlist_free(res.minor);
	pl_wordlist_free(res.foreign);
}

static uint32_t id(const char *w)
{
	return pl_words_intern(t, w, strlen(w));
}

START_TEST(test_intern)
{
	char big[600], w[16];
	uint32_t ids[5000];
	size_t i;

	ck_assert_uint_ne(id("Beijing"), 0);
	ck_assert_uint_eq(id("Beijing"), id("Beijing"));
	ck_assert_uint_ne(id("Beijing"), id("beijing"));
	/* forms that share their first and last four bytes differ */
	ck_assert_uint_ne(id("abcdXefgh"), id("abcdYefgh"));
	ck_assert_uint_ne(id("abcXefg"), id("abcYefg"));
	ck_assert_uint_ne(id("ab"), id("ba"));
	ck_assert_uint_eq(pl_words_intern(t, "x", 0), 0);
	/* id 0 answers no to every fact, without working any out */
	ck_assert(!pl_words_is(t, 0, PL_WF_LOWER));
	ck_assert(!pl_words_is(t, 0, PL_WF_KNOWN));
	ck_assert_uint_eq(pl_words_fold_base(t, 0), 0);
	ck_assert_uint_eq(pl_words_facts(t, 0, PL_WF_GIVEN | PL_WF_LOWER), 0);
	/* several facts at once, as pl_words_is() answers each */
	ck_assert_uint_eq(pl_words_facts(t, id("emily"), PL_WF_GIVEN | PL_WF_LOWER) &
			  (PL_WF_GIVEN | PL_WF_LOWER), PL_WF_GIVEN | PL_WF_LOWER);
	ck_assert_uint_eq(pl_words_facts(t, id("New"), PL_WF_LOWER | PL_WF_PROPER_FIRST) &
			  (PL_WF_LOWER | PL_WF_PROPER_FIRST), PL_WF_PROPER_FIRST);
	ck_assert(pl_words_is(t, id("New"), PL_WF_PROPER_FIRST));
	ck_assert(!pl_words_is(t, id("New"), PL_WF_LOWER));
	/* words across the hash's 8- and 16-byte steps stay apart */
	ck_assert_uint_ne(id("abcdefgh"), id("abcdefgi"));
	ck_assert_uint_ne(id("abcdefghijklmnop"), id("abcdefghijklmnoq"));
	ck_assert_uint_ne(id("abcdefghijklmnopq"), id("abcdefghijklmnopr"));
	ck_assert_uint_ne(id("abcdefghXjklmnopq"), id("abcdefghYjklmnopq"));
	ck_assert_uint_eq(id("abcdefghijklmnopqrstuvwxyz"), id("abcdefghijklmnopqrstuvwxyz"));
	memset(big, 'a', sizeof(big));
	ck_assert_uint_eq(pl_words_intern(t, big, sizeof(big)), 0); /* no word */
	/* ids hold while the table grows */
	for (i = 0; i < PL_ARRAY_LEN(ids); i++) {
		snprintf(w, sizeof(w), "w%zu", i);
		ids[i] = id(w);
		ck_assert_uint_ne(ids[i], 0);
	}
	for (i = 0; i < PL_ARRAY_LEN(ids); i++) {
		snprintf(w, sizeof(w), "w%zu", i);
		ck_assert_uint_eq(id(w), ids[i]);
	}
	ck_assert_uint_ge(pl_words_count(t), PL_ARRAY_LEN(ids));
}
END_TEST

/* text[0, len) copied with 64 zero bytes after it (the padding a source
 * has, which the lookup may read into), and its tokens in *toks. */
static char *tokenized(const char *text, size_t len, pl_tokens *toks)
{
	char *padded = calloc(1, len + 64);

	ck_assert_ptr_nonnull(padded);
	memcpy(padded, text, len);
	ck_assert_int_eq(pl_tokenize(toks, padded, len, 0), 0);
	return padded;
}

/* The token loop's way in gives each word token the id pl_words_intern()
 * gives its form, and 0 to every other token: words of every length up
 * to and past 16 bytes, and forms that agree in their first 16 bytes. */
START_TEST(test_intern_tokens)
{
	static const char text[] =
		"The cat, a counterrevolutionary and counterrevolutionist: "
		"abcdefghijklmnop abcdefghijklmnopq abcdefghijklmno The cat 42.";
	char *padded;
	pl_tokens toks = { 0 };
	uint32_t *ids;
	size_t i, words = 0;

	padded = tokenized(text, sizeof(text) - 1, &toks);
	ids = calloc(toks.n, sizeof(*ids));
	ck_assert_ptr_nonnull(ids);
	pl_words_intern_tokens(t, padded, toks.v, toks.n, ids);
	for (i = 0; i < toks.n; i++) {
		const pl_token *tk = &toks.v[i];
		if (tk->kind != PL_TOK_WORD) {
			ck_assert_uint_eq(ids[i], 0);
			continue;
		}
		words++;
		ck_assert_uint_ne(ids[i], 0);
		ck_assert_uint_eq(ids[i], pl_words_intern(t, padded + tk->start,
							  tk->end - tk->start));
	}
	ck_assert_uint_ge(words, 10);
	ck_assert_uint_ne(id("counterrevolutionary"), id("counterrevolutionist"));
	ck_assert_uint_ne(id("abcdefghijklmnop"), id("abcdefghijklmnopq"));
	ck_assert_uint_ne(id("abcdefghijklmnop"), id("abcdefghijklmno"));
	pl_tokens_fini(&toks);
	free(ids);
	free(padded);
}
END_TEST

/* Words are looked up in batches (pl_words.c, BATCH): a batch that adds
 * forms, grows the table midway and repeats forms it added itself gives
 * every token the id of its form all the same. 6,000 new forms grow a
 * fresh table of 4,096 slots twice; each form comes back, in the same
 * run of tokens, a batch or more later and right after itself. */
START_TEST(test_intern_tokens_batches)
{
	enum { FORMS = 6000 };
	size_t cap = FORMS * 2 * 40 + 64, len = 0, i, f;
	char *text = calloc(1, cap);
	pl_tokens toks = { 0 };
	uint32_t *ids, first[FORMS];

	ck_assert_ptr_nonnull(text);
	for (f = 0; f < FORMS; f++)
		len += (size_t)snprintf(text + len, cap - len, "form%zu form%zu, ", f,
					f);
	for (f = 0; f < FORMS; f += 7) /* some longer than 16 bytes */
		len += (size_t)snprintf(text + len, cap - len,
					"form%zu averylongformnumber%zu ", f, f);
	ck_assert_int_eq(pl_tokenize(&toks, text, len, 0), 0);
	ids = calloc(toks.n, sizeof(*ids));
	ck_assert_ptr_nonnull(ids);
	pl_words_intern_tokens(t, text, toks.v, toks.n, ids);
	for (f = 0; f < FORMS; f++)
		first[f] = 0;
	for (i = 0; i < toks.n; i++) {
		const pl_token *tk = &toks.v[i];
		const char *w = text + tk->start;
		size_t n = tk->end - tk->start;

		if (tk->kind != PL_TOK_WORD) {
			ck_assert_uint_eq(ids[i], 0);
			continue;
		}
		ck_assert_uint_ne(ids[i], 0);
		ck_assert_uint_eq(ids[i], pl_words_intern(t, w, n));
		if (n > 4 && memcmp(w, "form", 4) == 0) {
			f = strtoul(w + 4, NULL, 10);
			ck_assert_uint_lt(f, FORMS);
			if (!first[f])
				first[f] = ids[i];
			ck_assert_uint_eq(ids[i], first[f]);
		}
	}
	ck_assert_uint_ge(pl_words_count(t), FORMS + FORMS / 7);
	pl_tokens_fini(&toks);
	free(ids);
	free(text);
}
END_TEST

/* pl_words_intern_at: the words listed, and only they, get their ids; a
 * word not listed, and every token that is no word, keeps what was in
 * ids before. */
START_TEST(test_intern_at)
{
	static const char text[] = "The cat, the dog and a mockingbird sat: 42 cats.";
	char *padded;
	pl_tokens toks = { 0 };
	uint32_t *ids, at[16];
	size_t i, n_at = 0, words = 0;

	padded = tokenized(text, sizeof(text) - 1, &toks);
	ids = malloc(toks.n * sizeof(*ids));
	ck_assert_ptr_nonnull(ids);
	for (i = 0; i < toks.n; i++) {
		ids[i] = 0xDEADBEEF;
		/* every other word */
		if (toks.v[i].kind == PL_TOK_WORD && words++ % 2 == 0) {
			ck_assert_uint_lt(n_at, PL_ARRAY_LEN(at));
			at[n_at++] = (uint32_t)i;
		}
	}
	ck_assert_uint_ge(n_at, 4);
	ck_assert_uint_eq(pl_words_intern_at(t, padded, toks.v, at, n_at, ids, NULL), 0);
	for (i = 0, words = 0; i < toks.n; i++) {
		const pl_token *tk = &toks.v[i];
		if (tk->kind == PL_TOK_WORD && words++ % 2 == 0)
			ck_assert_uint_eq(ids[i], pl_words_intern(t, padded + tk->start,
								  tk->end - tk->start));
		else
			ck_assert_uint_eq(ids[i], 0xDEADBEEF);
	}
	pl_tokens_fini(&toks);
	free(ids);
	free(padded);
}
END_TEST

/* What pl_words_intern_at lists as possible repeats: every word that is
 * the next token after one as long whose first byte is the same but for
 * its 0x20 bit, and no other; worked out here the plain way, word by
 * word. */
START_TEST(test_intern_at_repeats)
{
	static const char text[] =
		"the the The the, x x cat dog the\tthe ab Ab 12 12 @ @ "
		"going Going-on said said. Said";
	char *padded;
	pl_tokens toks = { 0 };
	uint32_t *ids, at[64], rep[64];
	size_t i, k, n_at = 0, n_rep, want = 0;

	padded = tokenized(text, sizeof(text) - 1, &toks);
	ids = calloc(toks.n, sizeof(*ids));
	ck_assert_ptr_nonnull(ids);
	for (i = 0; i < toks.n; i++)
		if (toks.v[i].kind == PL_TOK_WORD) {
			ck_assert_uint_lt(n_at, PL_ARRAY_LEN(at));
			at[n_at++] = (uint32_t)i;
		}
	n_rep = pl_words_intern_at(t, padded, toks.v, at, n_at, ids, rep);
	for (k = 1; k < n_at; k++) {
		const pl_token *a = &toks.v[at[k - 1]], *b = &toks.v[at[k]];
		if (at[k] != at[k - 1] + 1 || a->end - a->start != b->end - b->start ||
		    ((padded[a->start] ^ padded[b->start]) & ~0x20))
			continue;
		ck_assert_uint_lt(want, n_rep);
		ck_assert_uint_eq(rep[want], k);
		want++;
	}
	ck_assert_uint_eq(n_rep, want);
	/* the the, The, the; x x; the\tthe; ab Ab; said said (12 and @
	 * are no words; "said. Said" is two tokens on) */
	ck_assert_uint_eq(n_rep, 7);
	/* 130 words, each the one before again: the lookup's batches of 64
	 * list them all, across their ends too */
	{
		char many[130 * 2 + 1];
		char *pad2;
		pl_tokens t2 = { 0 };
		uint32_t at2[130], rep2[130], *ids2;
		size_t n2 = 0;

		for (i = 0; i < 130; i++) {
			many[2 * i] = i % 2 ? 'A' : 'a';
			many[2 * i + 1] = ' ';
		}
		many[260] = '\0';
		pad2 = tokenized(many, 260, &t2);
		ids2 = calloc(t2.n, sizeof(*ids2));
		ck_assert_ptr_nonnull(ids2);
		for (i = 0; i < t2.n; i++)
			at2[n2++] = (uint32_t)i;
		ck_assert_uint_eq(n2, 130);
		ck_assert_uint_eq(pl_words_intern_at(t, pad2, t2.v, at2, n2, ids2, rep2), 129);
		for (k = 0; k < 129; k++)
			ck_assert_uint_eq(rep2[k], k + 1);
		pl_tokens_fini(&t2);
		free(ids2);
		free(pad2);
	}
	for (k = 0; k < n_at; k++)
		ck_assert_uint_eq(ids[at[k]], pl_words_intern(t, padded + toks.v[at[k]].start,
							      toks.v[at[k]].end -
								      toks.v[at[k]].start));
	pl_tokens_fini(&toks);
	free(ids);
	free(padded);
}
END_TEST

START_TEST(test_facts)
{
	ck_assert(pl_words_is(t, id("ebay"), PL_WF_LOWER));
	ck_assert(!pl_words_is(t, id("eBay"), PL_WF_LOWER));
	ck_assert(pl_words_is(t, id("ebay"), PL_WF_ACCEPTED));
	ck_assert(!pl_words_is(t, id("Ebay"), PL_WF_ACCEPTED)); /* exact */
	/* a curly apostrophe is straightened for the lists */
	ck_assert(pl_words_is(t, id("rock\xE2\x80\x99n\xE2\x80\x99roll"), PL_WF_ACCEPTED));
	ck_assert(pl_words_is(t, id("irregardless"), PL_WF_REJECTED));
	ck_assert(pl_words_is(t, id("ebay"), PL_WF_KNOWN));
	ck_assert(!pl_words_is(t, id("irregardless"), PL_WF_KNOWN));
	ck_assert(pl_words_is(t, id("Emily"), PL_WF_GIVEN));
	ck_assert(!pl_words_is(t, id("Carter"), PL_WF_GIVEN));
	ck_assert(pl_words_is(t, id("New"), PL_WF_PROPER_FIRST));
	ck_assert(!pl_words_is(t, id("York"), PL_WF_PROPER_FIRST));
	/* a word after the first of a multi-word name, folded */
	ck_assert(pl_words_is(t, id("York"), PL_WF_PROPER_LATER));
	ck_assert(pl_words_is(t, id("CITY"), PL_WF_PROPER_LATER));
	ck_assert(!pl_words_is(t, id("New"), PL_WF_PROPER_LATER));
	ck_assert(!pl_words_is(t, id("ideas"), PL_WF_PROPER_LATER));
	/* Title Case: minor words and ordinary ones, folded */
	ck_assert(pl_words_is(t, id("Of"), PL_WF_MINOR));
	ck_assert(!pl_words_is(t, id("Off"), PL_WF_MINOR));
	ck_assert(pl_words_is(t, id("EBAY"), PL_WF_FOLD_KNOWN));
	ck_assert(!pl_words_is(t, id("Carter"), PL_WF_FOLD_KNOWN));
	/* other languages' function words, folded */
	ck_assert(pl_words_is(t, id("des"), PL_WF_FOREIGN));
	ck_assert(pl_words_is(t, id("Und"), PL_WF_FOREIGN));
	ck_assert(!pl_words_is(t, id("the"), PL_WF_FOREIGN));
	/* no dictionary in these resources: nothing is spelled right, and
	 * no name is judged */
	ck_assert(!pl_words_is(t, id("the"), PL_WF_SPELLED));
	ck_assert(!pl_words_is(t, id("Plotnikov"), PL_WF_NAME));
	ck_assert(!pl_words_is(t, id("telscopes"), PL_WF_NEAR));
	/* asked twice, answered the same */
	ck_assert(pl_words_is(t, id("Emily"), PL_WF_GIVEN));
	ck_assert(!pl_words_is(t, 0, PL_WF_LOWER));
}
END_TEST

START_TEST(test_fold_and_proper)
{
	ck_assert_uint_eq(pl_words_fold_base(t, id("Beijing's")), id("beijing"));
	ck_assert_uint_eq(pl_words_fold_base(t, id("BEIJING\xE2\x80\x99s")), id("beijing"));
	ck_assert_str_eq(pl_words_proper(t, id("beijing")), "Beijing");
	ck_assert_str_eq(pl_words_proper(t, id("beijing's")), "Beijing");
	ck_assert(pl_words_is(t, id("beijing"), PL_WF_PROPER));
	ck_assert_ptr_null(pl_words_proper(t, id("shanghai")));
	ck_assert(!pl_words_is(t, id("shanghai"), PL_WF_PROPER));
}
END_TEST

/* PL_WF_PROPER_LATER lets the capitalization rule skip a span: without
 * the list to tell, every word may go on a name. */
START_TEST(test_proper_later_unknown)
{
	pl_words *u;
	pl_wordlist *later = res.proper_later;

	res.proper_later = NULL;
	u = pl_words_new(&res);
	ck_assert_ptr_nonnull(u);
	pl_words_begin(u);
	ck_assert(pl_words_is(u, pl_words_intern(u, "ideas", 5), PL_WF_PROPER_LATER));
	pl_words_free(u);
	res.proper_later = later;
}
END_TEST

START_TEST(test_marks_and_notes)
{
	uint32_t a = id("Carter"), s1, s2;
	const pl_word_note *note;
	char text[8];
	int tag;
	/* every fact, to see that none changes */
	const unsigned ALL_FACTS = (PL_WF_FOREIGN << 1) - 1;
	uint32_t facts;

	s1 = pl_words_begin(t);
	pl_words_mark(t, a, s1);
	ck_assert(pl_words_marked(t, a, s1));
	ck_assert(!pl_words_marked(t, id("carter"), s1));
	s2 = pl_words_begin(t);
	ck_assert_uint_ne(s1, s2);
	ck_assert(!pl_words_marked(t, a, s2)); /* a new document, no marks */

	/* a rule's number on a form holds for its document only */
	ck_assert_uint_eq(pl_words_local(t, a, s2), 0);
	pl_words_set_local(t, a, s2, 7);
	ck_assert_uint_eq(pl_words_local(t, a, s2), 7);
	ck_assert_uint_eq(pl_words_local(t, id("carter"), s2), 0);
	ck_assert_uint_eq(pl_words_local(t, a, s2 + 1), 0);
	pl_words_set_local(t, 0, s2, 7); /* id 0: no-op */
	ck_assert_uint_eq(pl_words_local(t, 0, s2), 0);
	/* and for forms far past the first ones: the view's records grow
	 * where they are, the earlier ones kept */
	{
		uint32_t far[20000];
		char w[16];
		size_t i;

		for (i = 0; i < PL_ARRAY_LEN(far); i++) {
			snprintf(w, sizeof(w), "far%zu", i);
			far[i] = id(w);
			ck_assert_uint_eq(pl_words_local(t, far[i], s2), 0);
			ck_assert(!pl_words_marked(t, far[i], s2));
			pl_words_set_local(t, far[i], s2, (uint32_t)i + 1);
		}
		pl_words_mark(t, far[PL_ARRAY_LEN(far) - 1], s2);
		for (i = 0; i < PL_ARRAY_LEN(far); i++)
			ck_assert_uint_eq(pl_words_local(t, far[i], s2), (uint32_t)i + 1);
		ck_assert(pl_words_marked(t, far[PL_ARRAY_LEN(far) - 1], s2));
		ck_assert_uint_eq(pl_words_local(t, a, s2), 7);
	}

	/* a note is the form's, kept whole, its text copied if asked */
	ck_assert_ptr_null(pl_words_note(t, a));
	strcpy(text, "x y");
	ck_assert_int_eq(pl_words_set_note(t, a, &(pl_word_note){ &tag, 3, text, false }, true), 0);
	strcpy(text, "zzz");
	id("another");
	note = pl_words_note(t, a);
	ck_assert_ptr_nonnull(note);
	ck_assert_ptr_eq(note->tag, &tag);
	ck_assert_uint_eq(note->kind, 3);
	ck_assert_str_eq(note->text, "x y");
	/* replaced whole: a reader of the old one still has it */
	ck_assert_int_eq(pl_words_set_note(t, a, &(pl_word_note){ NULL, 4, NULL, false }, false), 0);
	ck_assert_uint_eq(pl_words_note(t, a)->kind, 4);
	ck_assert_ptr_null(pl_words_note(t, a)->text);
	ck_assert_str_eq(note->text, "x y");
	ck_assert_int_eq(pl_words_set_note(t, 0, note, false), 0);
	ck_assert_ptr_null(pl_words_note(t, 0));

	/* a quiet note with no tag shows in the state, beside the facts, and
	 * goes with the next note that is not such a one */
	ck_assert(!(pl_words_state(t, a) & PL_WORD_QUIET));
	facts = pl_words_facts(t, a, ALL_FACTS) & ALL_FACTS;
	ck_assert_int_eq(pl_words_set_note(t, a, &(pl_word_note){ NULL, 5, NULL, true }, false), 0);
	ck_assert(pl_words_state(t, a) & PL_WORD_QUIET);
	ck_assert_uint_eq(pl_words_facts(t, a, ALL_FACTS) & ALL_FACTS, facts);
	ck_assert(!pl_words_is(t, a, PL_WF_LOWER));
	ck_assert_int_eq(pl_words_set_note(t, a, &(pl_word_note){ &tag, 5, NULL, true }, false), 0);
	ck_assert(!(pl_words_state(t, a) & PL_WORD_QUIET));
	ck_assert_int_eq(pl_words_set_note(t, a, &(pl_word_note){ NULL, 5, NULL, true }, false), 0);
	ck_assert_int_eq(pl_words_set_note(t, a, &(pl_word_note){ NULL, 6, NULL, false }, false), 0);
	ck_assert(!(pl_words_state(t, a) & PL_WORD_QUIET));
	ck_assert_uint_eq(pl_words_facts(t, a, ALL_FACTS) & ALL_FACTS, facts);
}
END_TEST

/* Interning the words of a document with a dictionary works out each new
 * form's PL_WF_SPELLED (their lookups warmed together), and the answer is
 * the one asked for alone: known words, unknown ones, a capitalized word
 * the dictionary holds lowercase, a possessive, a curly apostrophe. */
START_TEST(test_intern_answers_spelled)
{
	static const char text[] = "The wrod Apple Beijing's it\xe2\x80\x99s Xqzzyv colour the";
	pl_tokens toks = { 0 };
	pl_speller *sp = NULL;
	uint32_t *ids, at[16];
	size_t i, n_at = 0;
	char *padded;

	ck_assert_int_eq(pl_speller_new(&sp, "en_US", TEST_DATA_DIR "/dictionaries/index"), 0);
	pl_words_free(t);
	res.speller = sp;
	t = pl_words_new(&res);
	ck_assert_ptr_nonnull(t);
	pl_words_begin(t);
	padded = tokenized(text, sizeof(text) - 1, &toks);
	ids = calloc(toks.n, sizeof(*ids));
	ck_assert_ptr_nonnull(ids);
	for (i = 0; i < toks.n; i++)
		if (toks.v[i].kind == PL_TOK_WORD)
			at[n_at++] = (uint32_t)i;
	ck_assert_uint_eq(n_at, 8);
	pl_words_intern_at(t, padded, toks.v, at, n_at, ids, NULL);
	for (i = 0; i < n_at; i++) {
		const pl_token *w = &toks.v[at[i]];
		uint32_t state = pl_words_state(t, ids[at[i]]);

		ck_assert_msg(state & PL_WF_SPELLED, "'%.*s' has no answer",
			      (int)(w->end - w->start), padded + w->start);
		ck_assert_int_eq((state >> 16 & PL_WF_SPELLED) != 0,
				 pl_words_spelled(&res, padded + w->start, w->end - w->start));
	}
	ck_assert(pl_words_is(t, ids[at[0]], PL_WF_SPELLED));  /* The */
	ck_assert(!pl_words_is(t, ids[at[1]], PL_WF_SPELLED)); /* wrod */
	ck_assert(pl_words_is(t, ids[at[3]], PL_WF_SPELLED));  /* Beijing's */
	ck_assert(!pl_words_is(t, ids[at[5]], PL_WF_SPELLED)); /* Xqzzyv */
	pl_words_free(t);
	t = NULL;
	res.speller = NULL;
	pl_speller_free(sp);
	pl_tokens_fini(&toks);
	free(ids);
	free(padded);
}
END_TEST

/* A rule's scratch memory: zero at first, kept from document to document,
 * zero again once the forms (and so the ids its answers are about) are
 * forgotten, and made anew when asked with another size. */
START_TEST(test_scratch)
{
	unsigned char *s, *again;
	size_t i;

	pl_words_begin(t);
	ck_assert_uint_ne(id("alpha"), id("beta"));
	s = pl_words_scratch(t, 256);
	ck_assert_ptr_nonnull(s);
	for (i = 0; i < 256; i++)
		ck_assert_uint_eq(s[i], 0);
	memset(s, 0xAB, 256);
	pl_words_end(t);
	pl_words_begin(t);
	again = pl_words_scratch(t, 256);
	ck_assert_ptr_eq(again, s);
	for (i = 0; i < 256; i++)
		ck_assert_uint_eq(again[i], 0xAB);
	pl_words_end(t);
	/* two forms held, one allowed: the next document forgets them */
	pl_words_limit(t, 1);
	pl_words_begin(t);
	ck_assert_uint_eq(pl_words_count(t), 0);
	again = pl_words_scratch(t, 256);
	ck_assert_ptr_eq(again, s);
	for (i = 0; i < 256; i++)
		ck_assert_uint_eq(again[i], 0);
	again[0] = 1;
	again = pl_words_scratch(t, 512);
	ck_assert_ptr_nonnull(again);
	for (i = 0; i < 512; i++)
		ck_assert_uint_eq(again[i], 0);
	pl_words_end(t);
}
END_TEST

/* The spelling rule keeps its verdict on a form, also on each part of a
 * hyphenated word, but a folder's own accepted words change the verdict:
 * files of two folders, checked in turn by one engine, each get their own.
 * In a/ "zorblaxing" is accepted, so the unknown part is "flimbering"
 * (the rule reports one unknown part a word). */
START_TEST(test_verdict_per_vocabulary)
{
	static const char text[] = "We went zorblaxing-flimbering yesterday.\n";
	const char *order[] = { "a", "b", "a", "b" };
	char dir[512], path[700];
	size_t i;

	tmpdir_two_folders(dir, sizeof(dir), "zorblaxing\n");
	test_rules_set("spelling.unknown", true);
	for (i = 0; i < PL_ARRAY_LEN(order); i++) {
		pl_source *src = NULL;
		char *buf = malloc(sizeof(text));
		tresult r;

		memset(&r, 0, sizeof(r));
		memcpy(buf, text, sizeof(text) - 1);
		snprintf(path, sizeof(path), "%s/%s/story.txt", dir, order[i]);
		ck_assert_int_eq(pl_source_from_buffer(&src, path, buf, sizeof(text) - 1), 0);
		r.rc = pl_engine_check(test_eng, src, tresult_emit, &r);
		pl_source_free(src);
		ck_assert_int_eq(r.rc, 0);
		ck_assert_msg(tcount(&r, "spelling") == 1, "%s: %s", order[i], tdump(&r));
		ck_assert_uint_eq(tfind(&r, "spelling")->start,
				  (order[i][0] == 'a' ? 19u : 8u));
	}
	test_rules_set("spelling.unknown", false);
	tmpdir_remove(dir);
}
END_TEST

/* Views of one table share its forms and their answers, and keep their
 * own marks and locals. */
START_TEST(test_views)
{
	pl_words *v = pl_words_view(t);
	uint32_t a = id("Emily"), s;

	ck_assert_ptr_nonnull(v);
	s = pl_words_begin(v);
	ck_assert_uint_eq(pl_words_intern(v, "Emily", 5), a);
	ck_assert(!pl_words_is(t, a, PL_WF_LOWER));
	ck_assert(pl_words_is(v, pl_words_fold_base(v, a), PL_WF_GIVEN));
	ck_assert_uint_eq(pl_words_fold_base(t, a), id("emily"));
	pl_words_mark(v, a, s);
	ck_assert(pl_words_marked(v, a, s));
	ck_assert(!pl_words_marked(t, a, s));
	pl_words_set_local(t, a, s, 3);
	ck_assert_uint_eq(pl_words_local(v, a, s), 0);
	/* the forms outlive the view they were made with */
	pl_words_free(t);
	t = v;
	ck_assert_uint_eq(id("Emily"), a);
}
END_TEST

/* Four threads, each checking documents of words of its own, past a bound
 * of 300 forms: the forms are forgotten between documents, never under
 * one, and every answer and note stays the form's own. */
typedef struct worker {
	pl_words *v;
	int n;        /* the thread's number */
	int wrong;    /* answers that were not the form's */
} worker;

/* Form i of document `doc` of thread `n`: a few forms both threads use,
 * the rest new; odd ones capitalized. */
static size_t form_of(char *buf, size_t size, int n, int doc, int i)
{
	return (size_t)(i < 5 ? snprintf(buf, size, "%s%d", i % 2 ? "Same" : "same", i)
			      : snprintf(buf, size, "%s%dx%dx%d", i % 2 ? "Word" : "word", n,
					 doc, i));
}

static void *check_documents(void *arg)
{
	worker *w = arg;
	char form[32];
	uint32_t ids[40];
	size_t len;
	int doc, i;

	for (doc = 0; doc < 200; doc++) {
		pl_words_begin(w->v);
		for (i = 0; i < 40; i++) {
			len = form_of(form, sizeof(form), w->n, doc, i);
			ids[i] = pl_words_intern(w->v, form, len);
			if (!ids[i] || pl_words_is(w->v, ids[i], PL_WF_LOWER) != !(i % 2))
				w->wrong++;
		}
		for (i = 0; i < 40; i++) {
			len = form_of(form, sizeof(form), w->n, doc, i);
			if (pl_words_intern(w->v, form, len) != ids[i])
				w->wrong++;
			/* a note, its text copied: other threads may set their
			 * own on the shared forms, with the same text */
			if (pl_words_set_note(w->v, ids[i], &(pl_word_note){ w, 1, form, false }, true) < 0 ||
			    strcmp(pl_words_note(w->v, ids[i])->text, form) != 0)
				w->wrong++;
			form[0] = (char)(form[0] | 0x20); /* the folded form */
			if (pl_words_fold_base(w->v, ids[i]) != pl_words_intern(w->v, form, len))
				w->wrong++;
		}
		pl_words_end(w->v);
	}
	return NULL;
}

/* check_documents on four threads, each with a view of t of its own: every
 * answer each had was the form's. */
static void check_on_four_threads(void)
{
	worker w[4];
	pthread_t tid[3];
	int i;

	for (i = 0; i < 4; i++) {
		w[i] = (worker){ pl_words_view(t), i, 0 };
		ck_assert_ptr_nonnull(w[i].v);
	}
	pl_words_end(t);
	for (i = 0; i < 3; i++)
		ck_assert_int_eq(pthread_create(&tid[i], NULL, check_documents, &w[i + 1]), 0);
	check_documents(&w[0]);
	for (i = 0; i < 3; i++)
		ck_assert_int_eq(pthread_join(tid[i], NULL), 0);
	for (i = 0; i < 4; i++) {
		ck_assert_int_eq(w[i].wrong, 0);
		pl_words_free(w[i].v);
	}
}

START_TEST(test_forget_shared)
{
	pl_words_limit(t, 300);
	check_on_four_threads();
	/* some 24,000 forms were asked for; past 300 they were forgotten,
	 * while a document adds at most 60 (40 and 20 folded forms) and each
	 * other thread's as many */
	ck_assert_uint_le(pl_words_count(t), 300 + 4 * 60);
	ck_assert_uint_ne(id("same0"), 0);
}
END_TEST

/* The same four threads with no bound: some 42,000 forms, added while
 * other threads look them up and add their own, the slot table grown
 * outside the lock from 4,096 slots (five times in ordinary pages, twice
 * where a grown table is a huge page's worth at least). Every form is had
 * once, under one id. */
START_TEST(test_grow_shared)
{
	check_on_four_threads();
	/* a document's 35 forms of its own and the folds of the 18 of them
	 * capitalized, 200 documents a thread; and the five forms all share
	 * with the folds of their two capitalized */
	ck_assert_uint_eq(pl_words_count(t), 4 * 200 * (35 + 18) + 5 + 2);
	pl_words_begin(t);
	ck_assert_uint_eq(id("Same1"), id("Same1"));
	ck_assert_uint_eq(pl_words_count(t), 4 * 200 * (35 + 18) + 5 + 2);
}
END_TEST

/* The table in ordinary pages, and in huge pages (a grown table at least
 * 2 MB), whatever the kernel here gives. */
static void setup_ordinary(void)
{
	pl_pages_set_huge(0);
	setup();
}

static void setup_huge(void)
{
	pl_pages_set_huge(1);
	setup();
}

static void teardown_pages(void)
{
	teardown();
	pl_pages_set_huge(-1);
}

Suite *suite_words(void)
{
	Suite *s = suite_create("words");
	TCase *tc = tcase_create("table");
	TCase *to = tcase_create("table in ordinary pages");
	TCase *th = tcase_create("table in huge pages");
	TCase *te = tcase_create("engine");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_intern);
	tcase_add_test(tc, test_intern_tokens);
	tcase_add_test(tc, test_intern_tokens_batches);
	tcase_add_test(tc, test_intern_at);
	tcase_add_test(tc, test_intern_at_repeats);
	tcase_add_test(tc, test_facts);
	tcase_add_test(tc, test_fold_and_proper);
	tcase_add_test(tc, test_proper_later_unknown);
	tcase_add_test(tc, test_marks_and_notes);
	tcase_add_test(tc, test_scratch);
	tcase_add_test(tc, test_intern_answers_spelled);
	tcase_add_test(tc, test_views);
	tcase_add_test(tc, test_forget_shared);
	tcase_add_test(tc, test_grow_shared);
	suite_add_tcase(s, tc);
	tcase_add_checked_fixture(to, setup_ordinary, teardown_pages);
	tcase_add_test(to, test_intern);
	tcase_add_test(to, test_forget_shared);
	tcase_add_test(to, test_grow_shared);
	suite_add_tcase(s, to);
	tcase_add_checked_fixture(th, setup_huge, teardown_pages);
	tcase_add_test(th, test_intern);
	tcase_add_test(th, test_forget_shared);
	tcase_add_test(th, test_grow_shared);
	suite_add_tcase(s, th);
	test_engine_fixture(te);
	tcase_add_test(te, test_verdict_per_vocabulary);
	suite_add_tcase(s, te);
	return s;
}
