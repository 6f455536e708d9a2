/* check_wordidx.c - pl_wordidx: the mapped index of word forms and of the
 * typo list, and the vocabulary files a repository keeps beside its
 * articles (pl_vocab). */
#include "check_util.h"

#include <sys/stat.h>
#include <unistd.h>

#include "pl_vocab.h"
#include "pl_wordidx.h"
#include "pl_wordlist.h"

static char dir[512];

static void setup(void)
{
	tmpdir_new(dir, sizeof(dir));
}

static void teardown(void)
{
	tmpdir_remove(dir);
}

static void put(const char *name, const char *text)
{
	char path[700];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

/* Build an index of the words in `words_text` (one a line) for a
 * dictionary x.dic/x.aff in the test folder, and open it; idx, dic and aff
 * get the paths (700 bytes each). */
static pl_wordidx *build(const char *words_text, const char *dic_text, char *idx,
			 char *dic, char *aff)
{
	char words[700];
	pl_wordidx *x;

	put("w.txt", words_text);
	put("x.dic", dic_text);
	put("x.aff", "SET UTF-8\n");
	snprintf(words, sizeof(words), "%s/w.txt", dir);
	snprintf(dic, 700, "%s/x.dic", dir);
	snprintf(aff, 700, "%s/x.aff", dir);
	snprintf(idx, 700, "%s/x.idx", dir);
	ck_assert_int_eq(pl_wordidx_build(words, dic, aff, idx), 0);
	ck_assert_int_eq(pl_wordidx_open(&x, idx, dic, aff), 0);
	ck_assert_ptr_nonnull(x);
	return x;
}

START_TEST(test_build_and_lookup)
{
	char dic[700], aff[700], idx[700];
	pl_wordidx *x = build("apple\nBeijing\nit's\nrun/XY\nmodi\tmodi vivendi\n",
			      "4\n", idx, dic, aff);

	ck_assert(pl_wordidx_has(x, "apple", 5));
	ck_assert(pl_wordidx_has(x, "run", 3)); /* "/flags" dropped */
	ck_assert(pl_wordidx_has(x, "modi", 4)); /* and morphological fields */
	ck_assert(pl_wordidx_accepts(x, "Modi", 4));
	ck_assert(!pl_wordidx_has(x, "appl", 4));
	/* Hunspell's case rules */
	ck_assert(pl_wordidx_accepts(x, "Apple", 5));
	ck_assert(pl_wordidx_accepts(x, "APPLE", 5));
	ck_assert(pl_wordidx_accepts(x, "BEIJING", 7));
	ck_assert(!pl_wordidx_accepts(x, "beijing", 7));
	ck_assert(!pl_wordidx_accepts(x, "aPPle", 5));
	ck_assert(pl_wordidx_accepts(x, "it's", 4));
	pl_wordidx_close(x);

	/* the same rules for words all ASCII (taken without decoding) and
	 * for words with letters beyond it */
	x = build("apple\nb-52\na\n\xc3\xa9tat\nZ\xc3\xbcrich\nParis\n", "6\n", idx, dic, aff);
	ck_assert(pl_wordidx_accepts(x, "B-52", 4));      /* one capital, lowered */
	ck_assert(pl_wordidx_accepts(x, "A", 1));
	ck_assert(!pl_wordidx_accepts(x, "ApPle", 5));    /* neither one nor all */
	ck_assert(!pl_wordidx_accepts(x, "aPPLE", 5));    /* no capital first */
	ck_assert(!pl_wordidx_accepts(x, "", 0));
	ck_assert(pl_wordidx_accepts(x, "PARIS", 5));     /* all caps, first kept */
	ck_assert(!pl_wordidx_accepts(x, "PARIs", 5));
	ck_assert(pl_wordidx_accepts(x, "\xc3\x89tat", 5));         /* "Etat" */
	ck_assert(pl_wordidx_accepts(x, "\xc3\x89TAT", 5));         /* "ETAT" */
	ck_assert(!pl_wordidx_accepts(x, "\xc3\x89TaT", 5));
	ck_assert(pl_wordidx_accepts(x, "Z\xc3\x9cRICH", 7));      /* "ZURICH" */
	ck_assert(!pl_wordidx_accepts(x, "z\xc3\xbcrich", 7));
	{
		/* too long to recase: not known, however it is cased */
		char longw[1100];
		memset(longw, 'a', sizeof(longw));
		longw[0] = 'A';
		ck_assert(!pl_wordidx_accepts(x, longw, sizeof(longw)));
	}
	pl_wordidx_close(x);

	/* a changed dictionary makes the index stale: ignored */
	put("x.dic", "5\nmore\n");
	ck_assert_int_eq(pl_wordidx_open(&x, idx, dic, aff), 0);
	ck_assert_ptr_null(x);
}
END_TEST

/* Thousands of words: each found, and each of as many others not, across
 * buckets shared by chance. Then a damaged index, every bucket full:
 * lookups still end, and find nothing. */
START_TEST(test_many_and_damaged)
{
	char dic[700], aff[700], idx[700], w[32], *words;
	pl_wordidx *x;
	FILE *f;
	size_t i, n = 5000, at = 0;

	words = malloc(n * 12);
	ck_assert_ptr_nonnull(words);
	for (i = 0; i < n; i++)
		at += (size_t)sprintf(words + at, "word%zu\n", i);
	x = build(words, "1\n", idx, dic, aff);
	free(words);
	for (i = 0; i < n; i++) {
		snprintf(w, sizeof(w), "word%zu", i);
		/* loading a word's entry first changes nothing */
		pl_wordidx_prefetch(x, pl_wordidx_hash(w, strlen(w)));
		pl_wordidx_prefetch_entry(x, pl_wordidx_hash(w, strlen(w)));
		ck_assert_msg(pl_wordidx_has(x, w, strlen(w)), "%s missing", w);
		snprintf(w, sizeof(w), "word%zux", i);
		ck_assert_msg(!pl_wordidx_has(x, w, strlen(w)), "%s found", w);
	}
	pl_wordidx_close(x);

	/* every bucket after the 56-byte header set to all ones */
	f = fopen(idx, "r+b");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fseek(f, 56, SEEK_SET), 0);
	for (i = 0; i < 16384 * 4; i++)
		fputc(0xFF, f);
	fclose(f);
	ck_assert_int_eq(pl_wordidx_open(&x, idx, dic, aff), 0);
	ck_assert_ptr_nonnull(x); /* its sizes still agree */
	for (i = 0; i < 50; i++) {
		snprintf(w, sizeof(w), "word%zu", i);
		/* nor on a damaged index, whose buckets point past its pool */
		pl_wordidx_prefetch_entry(x, pl_wordidx_hash(w, strlen(w)));
		ck_assert(!pl_wordidx_has(x, w, strlen(w)));
	}
	pl_wordidx_close(x);
}
END_TEST

/* ---- a list's index (pl_wordidx_build_list) ----------------------------- */

/* The typo list `text`, as t.txt in the test folder, read as the engine
 * reads it and indexed as t.idx, which is opened. list and idx get the
 * paths (700 bytes each). */
static pl_wordidx *build_list(const char *text, char *list, char *idx)
{
	pl_wordlist *wl = pl_wordlist_new();
	pl_wordidx *x;

	put("t.txt", text);
	snprintf(list, 700, "%s/t.txt", dir);
	snprintf(idx, 700, "%s/t.idx", dir);
	ck_assert_ptr_nonnull(wl);
	ck_assert_int_eq(pl_wordlist_load(wl, list, PL_TYPO_LIST_FLAGS), 0);
	ck_assert_int_eq(pl_wordidx_build_list(wl, list, idx), 0);
	pl_wordlist_free(wl);
	ck_assert_int_eq(pl_wordidx_open_list(&x, idx, list), 0);
	ck_assert_ptr_nonnull(x);
	return x;
}

START_TEST(test_list_values)
{
	char list[700], idx[700], didx[700], dic[700], aff[700];
	pl_wordidx *x = build_list("# typos\nadn->and\nTeh->the\nadn->an\n"
				   "alot->a lot, allot\n",
				   list, idx);

	/* the list's own answers: keys folded, the first entry wins */
	ck_assert_str_eq(pl_wordidx_get(x, "adn", 3), "and");
	ck_assert_str_eq(pl_wordidx_get(x, "teh", 3), "the");
	ck_assert_str_eq(pl_wordidx_get(x, "alot", 4), "a lot, allot");
	ck_assert_ptr_null(pl_wordidx_get(x, "Teh", 3));
	ck_assert_ptr_null(pl_wordidx_get(x, "and", 3));
	ck_assert_ptr_null(pl_wordidx_get(x, "", 0));
	ck_assert(pl_wordidx_has(x, "adn", 3));
	pl_wordidx_close(x);

	/* a list index is no dictionary index, nor the other way round */
	ck_assert_int_eq(pl_wordidx_open(&x, idx, list, list), 0);
	ck_assert_ptr_null(x);
	x = build("apple\n", "1\n", didx, dic, aff);
	ck_assert_ptr_null(pl_wordidx_get(x, "apple", 5)); /* no values */
	pl_wordidx_close(x);
	ck_assert_int_eq(pl_wordidx_open_list(&x, didx, list), 0);
	ck_assert_ptr_null(x);

	/* an edited list makes its index stale: ignored */
	put("t.txt", "adn->and\nwierd->weird\n");
	ck_assert_int_eq(pl_wordidx_open_list(&x, idx, list), 0);
	ck_assert_ptr_null(x);
}
END_TEST

/* pl_wordidx_each's entries as "key=value;", sorted by the caller. */
static void gather(const char *key, size_t klen, const char *value, void *ud)
{
	char *out = ud;

	sprintf(out + strlen(out), "%.*s=%s\n", (int)klen, key, value);
}

static int cmp_line(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The lines of `text` sorted, joined by ';' into `out`. */
static void sorted_lines(char *text, char *out)
{
	char *lines[16], *p, *save = NULL;
	size_t n = 0, i;

	for (p = strtok_r(text, "\n", &save); p && n < 16; p = strtok_r(NULL, "\n", &save))
		lines[n++] = p;
	qsort(lines, n, sizeof(*lines), cmp_line);
	out[0] = '\0';
	for (i = 0; i < n; i++)
		sprintf(out + strlen(out), "%s;", lines[i]);
}

START_TEST(test_list_damaged)
{
	/* the value's NUL overwritten: the value would run past the pool,
	 * so the key reads as absent, and each passes over it */
	char list[700], idx[700], got[256] = "";
	pl_wordidx *x = build_list("zzq->last\n", list, idx);
	struct stat st;
	FILE *f;

	pl_wordidx_close(x);
	ck_assert_int_eq(stat(idx, &st), 0);
	f = fopen(idx, "r+b");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fseek(f, st.st_size - 1, SEEK_SET), 0);
	fputc('x', f);
	fclose(f);
	/* the stamp is the list's, unchanged: the index opens */
	ck_assert_int_eq(pl_wordidx_open_list(&x, idx, list), 0);
	ck_assert_ptr_nonnull(x);
	ck_assert_ptr_null(pl_wordidx_get(x, "zzq", 3));
	pl_wordidx_each(x, gather, got);
	ck_assert_str_eq(got, "");
	pl_wordidx_close(x);
}
END_TEST

START_TEST(test_list_each)
{
	char list[700], idx[700], dic[700], aff[700], got[512] = "", want[512];
	pl_wordidx *x = build_list("adn->and\nTeh->the\nadn->an\nalot->a lot\n", list, idx);

	/* every key once (the first "adn" won), with its value */
	ck_assert_uint_eq(pl_wordidx_count(x), 3);
	pl_wordidx_each(x, gather, got);
	sorted_lines(got, want);
	ck_assert_str_eq(want, "adn=and;alot=a lot;teh=the;");
	pl_wordidx_close(x);

	/* a dictionary's index: keys alone */
	x = build("apple\nbanana\n", "2\n", idx, dic, aff);
	got[0] = '\0';
	pl_wordidx_each(x, gather, got);
	sorted_lines(got, want);
	ck_assert_str_eq(want, "apple=;banana=;");
	ck_assert_uint_eq(pl_wordidx_count(x), 2);
	pl_wordidx_close(x);
	ck_assert_uint_eq(pl_wordidx_count(NULL), 0);
	pl_wordidx_each(NULL, gather, got); /* nothing */
}
END_TEST

static void hit(size_t start, size_t end, const char *entry, void *ud)
{
	char *out = ud;
	sprintf(out + strlen(out), "%zu-%zu:%s;", start, end, entry);
}

START_TEST(test_first_hashes)
{
	/* what pl_wordidx_accepts() looks up first: the word, and a
	 * capitalized word's ASCII lowercase too (not past 64 bytes) */
	char long_word[65];
	uint32_t h[2];

	ck_assert_uint_eq(pl_wordidx_first_hashes("apple", 5, h), 1);
	ck_assert_uint_eq(h[0], pl_wordidx_hash("apple", 5));
	ck_assert_uint_eq(pl_wordidx_first_hashes("McDonald", 8, h), 2);
	ck_assert_uint_eq(h[0], pl_wordidx_hash("McDonald", 8));
	ck_assert_uint_eq(h[1], pl_wordidx_hash("mcdonald", 8));
	ck_assert_uint_eq(pl_wordidx_first_hashes("\xC3\x89" "cole", 6, h), 1);
	memset(long_word, 'A', sizeof(long_word));
	ck_assert_uint_eq(pl_wordidx_first_hashes(long_word, 64, h), 2);
	ck_assert_uint_eq(pl_wordidx_first_hashes(long_word, 65, h), 1);
}
END_TEST

START_TEST(test_vocab)
{
	char sub[700], file[800], got[256] = "";
	pl_vocab_cache *c = pl_vocab_cache_new();
	const pl_vocab *v;
	const char *text = "The Mainstream  Media and mainstream-media.";

	put(".presslint-accept.txt", "ebay\nXinhua\n");
	snprintf(sub, sizeof(sub), "%s/news", dir);
	mkdir(sub, 0755);
	snprintf(file, sizeof(file), "%s/news/.presslint-reject.txt", dir);
	FILE *f = fopen(file, "w");
	fputs("mainstream media\n", f);
	fclose(f);
	snprintf(file, sizeof(file), "%s/news/story.txt", dir);

	ck_assert_int_eq(pl_vocab_for(&v, c, file), 0);
	ck_assert_ptr_nonnull(v);
	ck_assert(pl_vocab_accepts(v, "ebay", 4));
	ck_assert(pl_vocab_accepts(v, "Ebay", 4));   /* lowercase entry */
	ck_assert(pl_vocab_accepts(v, "Xinhua", 6));
	ck_assert(!pl_vocab_accepts(v, "xinhua", 6)); /* exact entry */
	pl_vocab_each_rejected(v, text, strlen(text), 0, hit, got);
	ck_assert_str_eq(got, "4-21:mainstream media;");
	pl_vocab_cache_free(c);
}
END_TEST

Suite *suite_wordidx(void)
{
	Suite *s = suite_create("wordidx");
	TCase *tc = tcase_create("index");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_build_and_lookup);
	tcase_add_test(tc, test_many_and_damaged);
	tcase_add_test(tc, test_list_values);
	tcase_add_test(tc, test_list_damaged);
	tcase_add_test(tc, test_list_each);
	tcase_add_test(tc, test_vocab);
	tcase_add_test(tc, test_first_hashes);
	suite_add_tcase(s, tc);
	return s;
}
