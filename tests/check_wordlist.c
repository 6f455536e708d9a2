/* check_wordlist.c - the word and phrase lists every rule looks words up in. */
#include "check_util.h"

#include <errno.h>

#include "pl_wordidx.h"
#include "pl_wordlist.h"

static pl_wordlist *wl;
static char dir[512];

static void setup(void)
{
	wl = pl_wordlist_new();
	ck_assert_ptr_nonnull(wl);
	dir[0] = '\0';
}

static void teardown(void)
{
	pl_wordlist_free(wl);
	wl = NULL;
	tmpdir_remove(dir);
}

static int put(const char *k, const char *v)
{
	return pl_wordlist_put(wl, k, strlen(k), v, v ? strlen(v) : 0);
}

static const char *get(const char *k)
{
	return pl_wordlist_get(wl, k, strlen(k));
}

/* Write `content` as a list file in a fresh folder; its path to path[]. */
static void list_file(const char *content, char *path, size_t size)
{
	if (!dir[0])
		tmpdir_new(dir, sizeof(dir));
	tmpfile_write(dir, "list.txt", content, path, size);
}

/* ---- pl_wordlist_put / get ----------------------------------------------- */

START_TEST(test_put_get)
{
	ck_assert_int_eq(put("adn", "and"), PL_OK);
	ck_assert_int_eq(put("Beijing", NULL), PL_OK);
	ck_assert_str_eq(get("adn"), "and");
	ck_assert_str_eq(get("Beijing"), ""); /* present, no value */
	ck_assert_ptr_null(get("beijing"));  /* exact: no folding here */
	ck_assert_ptr_null(get("ad"));
	ck_assert_uint_eq(pl_wordlist_count(wl), 2);
}
END_TEST

START_TEST(test_put_keeps_first)
{
	ck_assert_int_eq(put("teh", "the"), PL_OK);
	ck_assert_int_eq(put("teh", "tech"), PL_OK);
	ck_assert_str_eq(get("teh"), "the");
	ck_assert_uint_eq(pl_wordlist_count(wl), 1);
}
END_TEST

START_TEST(test_put_copies)
{
	char key[] = "word", val[] = "value";

	ck_assert_int_eq(pl_wordlist_put(wl, key, 4, val, 5), PL_OK);
	key[0] = 'X';
	val[0] = 'X';
	ck_assert_str_eq(get("word"), "value");
}
END_TEST

START_TEST(test_put_length)
{
	/* keys are pointer + length: "New York" and "New" differ */
	ck_assert_int_eq(pl_wordlist_put(wl, "New York City", 8, "NY", 2), PL_OK);
	ck_assert_str_eq(get("New York"), "NY");
	ck_assert_ptr_null(get("New"));
	ck_assert_ptr_null(get("New York City"));
}
END_TEST

START_TEST(test_get_empty)
{
	ck_assert_ptr_null(get("anything"));
	ck_assert_uint_eq(pl_wordlist_count(wl), 0);
	ck_assert_uint_eq(pl_wordlist_count(NULL), 0);
}
END_TEST

START_TEST(test_many)
{
	/* enough keys to grow the table several times */
	char k[32], v[32];
	size_t i;

	for (i = 0; i < 5000; i++) {
		snprintf(k, sizeof(k), "key%zu", i);
		snprintf(v, sizeof(v), "v%zu", i * 7);
		ck_assert_int_eq(put(k, v), PL_OK);
	}
	ck_assert_uint_eq(pl_wordlist_count(wl), 5000);
	for (i = 0; i < 5000; i++) {
		snprintf(k, sizeof(k), "key%zu", i);
		snprintf(v, sizeof(v), "v%zu", i * 7);
		ck_assert_str_eq(get(k), v);
	}
	ck_assert_ptr_null(get("key5000"));
}
END_TEST

static void count_pairs(const char *key, const char *value, void *ud)
{
	size_t *n = ud;

	if (strcmp(key, "a") == 0 && strcmp(value, "1") == 0)
		n[0]++;
	else if (strcmp(key, "b") == 0 && strcmp(value, "") == 0)
		n[1]++;
	else
		n[2]++;
}

START_TEST(test_each)
{
	size_t n[3] = { 0, 0, 0 };

	put("a", "1");
	put("b", NULL);
	pl_wordlist_each(wl, count_pairs, n);
	ck_assert_uint_eq(n[0], 1);
	ck_assert_uint_eq(n[1], 1);
	ck_assert_uint_eq(n[2], 0);
}
END_TEST

START_TEST(test_free_null)
{
	pl_wordlist_free(NULL);
}
END_TEST

/* ---- pl_fold / pl_norm_apostrophe ---------------------------------------- */

START_TEST(test_fold)
{
	char buf[64];

	ck_assert_uint_eq(pl_fold("Beijing", 7, buf, sizeof(buf)), 7);
	ck_assert_str_eq(buf, "beijing");
	/* Unicode case mapping, through utf8proc */
	ck_assert_uint_eq(pl_fold("ÉCOLE Ωmega", 13, buf, sizeof(buf)), 13);
	ck_assert_str_eq(buf, "école ωmega");
	/* the curly apostrophe becomes "'" (three bytes become one) */
	ck_assert_uint_eq(pl_fold("Russia’s", 10, buf, sizeof(buf)), 8);
	ck_assert_str_eq(buf, "russia's");
	/* only `len` bytes */
	ck_assert_uint_eq(pl_fold("ABCDEF", 3, buf, sizeof(buf)), 3);
	ck_assert_str_eq(buf, "abc");
	ck_assert_uint_eq(pl_fold("", 0, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "");
}
END_TEST

START_TEST(test_fold_too_long)
{
	char buf[8];

	/* 7 bytes and the NUL fit, 8 do not */
	ck_assert_uint_eq(pl_fold("ABCDEFG", 7, buf, sizeof(buf)), 7);
	ck_assert_uint_eq(pl_fold("ABCDEFGH", 8, buf, sizeof(buf)), 0);
}
END_TEST

START_TEST(test_norm_apostrophe)
{
	char buf[64];

	ck_assert_uint_eq(pl_norm_apostrophe("Xi’s Russia’s", 17, buf, sizeof(buf)), 13);
	ck_assert_str_eq(buf, "Xi's Russia's"); /* case kept */
	ck_assert_uint_eq(pl_norm_apostrophe("Plain", 5, buf, sizeof(buf)), 5);
	ck_assert_str_eq(buf, "Plain");
	ck_assert_uint_eq(pl_norm_apostrophe("Plain", 5, buf, 5), 0);
}
END_TEST

/* ---- pl_wordlist_load ---------------------------------------------------- */

START_TEST(test_load_plain)
{
	char path[1024];

	list_file("# a comment\n"
		  "\n"
		  "  Beijing  \n"
		  "\tNew    York\t\n"
		  "Xi’an\r\n"
		  "   # indented comment\n",
		  path, sizeof(path));
	ck_assert_int_eq(pl_wordlist_load(wl, path, 0), PL_OK);
	ck_assert_uint_eq(pl_wordlist_count(wl), 3);
	ck_assert_str_eq(get("Beijing"), "");
	ck_assert_str_eq(get("New York"), ""); /* inner white space squeezed */
	ck_assert_str_eq(get("Xi'an"), "");    /* apostrophe normalized */
	ck_assert_ptr_null(get("beijing"));
	ck_assert_ptr_null(get("# a comment"));
}
END_TEST

START_TEST(test_load_fold)
{
	char path[1024];

	list_file("Beijing\nUnited States\nEditor’s Picks\n", path, sizeof(path));
	ck_assert_int_eq(pl_wordlist_load(wl, path, PL_WL_FOLD), PL_OK);
	/* key folded, value the line as written */
	ck_assert_str_eq(get("beijing"), "Beijing");
	ck_assert_str_eq(get("united states"), "United States");
	ck_assert_str_eq(get("editor's picks"), "Editor’s Picks");
	ck_assert_ptr_null(get("Beijing"));
}
END_TEST

START_TEST(test_load_arrow)
{
	char path[1024];

	list_file("adn->and\nTeh->the\ninthe->in the\n", path, sizeof(path));
	ck_assert_int_eq(pl_wordlist_load(wl, path, PL_WL_ARROW | PL_WL_FOLD), PL_OK);
	ck_assert_str_eq(get("adn"), "and");
	ck_assert_str_eq(get("teh"), "the");
	ck_assert_str_eq(get("inthe"), "in the");
	ck_assert_uint_eq(pl_wordlist_count(wl), 3);
}
END_TEST

START_TEST(test_load_arrow_exact)
{
	char path[1024];

	list_file("Adn->and\n", path, sizeof(path));
	ck_assert_int_eq(pl_wordlist_load(wl, path, PL_WL_ARROW), PL_OK);
	ck_assert_str_eq(get("Adn"), "and");
	ck_assert_ptr_null(get("adn"));
}
END_TEST

static const char *const bad_arrows[] = { "adn and\n", "->and\n", "adn->\n" };

START_TEST(test_load_arrow_error)
{
	char path[1024], want[1200], content[128];

	snprintf(content, sizeof(content), "# typos\nteh->the\n%s", bad_arrows[_i]);
	list_file(content, path, sizeof(path));
	ck_assert_int_eq(pl_wordlist_load(wl, path, PL_WL_ARROW | PL_WL_FOLD),
			 PL_EINVAL);
	snprintf(want, sizeof(want), "%s:3: error: expected 'wrong->right'", path);
	ck_assert_str_eq(pl_error_last(), want);
}
END_TEST

START_TEST(test_load_trim_punct)
{
	char path[1024];

	list_file("Read more:\nAdvertisement.\nShare!\n", path, sizeof(path));
	ck_assert_int_eq(pl_wordlist_load(wl, path, PL_WL_FOLD | PL_WL_TRIM_PUNCT), PL_OK);
	ck_assert_ptr_nonnull(get("read more"));
	ck_assert_ptr_nonnull(get("advertisement"));
	ck_assert_ptr_nonnull(get("share"));
	ck_assert_ptr_null(get("read more:"));
}
END_TEST

START_TEST(test_load_too_long)
{
	char path[1024], want[1200], *content = malloc(1200);

	ck_assert_ptr_nonnull(content);
	memset(content, 'a', 1100);
	strcpy(content + 1100, "\n");
	list_file(content, path, sizeof(path));
	free(content);
	ck_assert_int_eq(pl_wordlist_load(wl, path, 0), PL_EINVAL);
	snprintf(want, sizeof(want), "%s:1: error: entry too long", path);
	ck_assert_str_eq(pl_error_last(), want);
}
END_TEST

START_TEST(test_load_missing)
{
	char want[600];

	ck_assert_int_eq(pl_wordlist_load(wl, "/nonexistent/presslint/list.txt", 0),
			 PL_EIO);
	snprintf(want, sizeof(want), "/nonexistent/presslint/list.txt: cannot open: %s",
		 strerror(ENOENT));
	ck_assert_str_eq(pl_error_last(), want);
}
END_TEST

START_TEST(test_load_shipped)
{
	/* the shipped typo table parses and holds the seed article's typo */
	ck_assert_int_eq(pl_wordlist_load(wl, TEST_DATA_DIR "/dictionaries/typos.txt",
					  PL_WL_ARROW | PL_WL_FOLD), PL_OK);
	ck_assert_str_eq(get("adn"), "and");
	ck_assert_uint_gt(pl_wordlist_count(wl), 1000);
}
END_TEST

/* ---- pl_wordlist_phrase_parts ------------------------------------------- */

START_TEST(test_phrase_parts)
{
	char path[1024];
	pl_wordlist *runs = pl_wordlist_new(), *later = pl_wordlist_new(), *none = pl_wordlist_new();
	size_t max = 99;

	list_file("New York City\nNew York\nUnited Arab Emirates\nBeijing\n", path, sizeof(path));
	ck_assert_int_eq(pl_wordlist_load(wl, path, PL_WL_FOLD), PL_OK);
	ck_assert_int_eq(pl_wordlist_phrase_parts(wl, runs, later, &max), PL_OK);
	ck_assert_uint_eq(max, 3);
	/* the runs that begin an entry of more words */
	ck_assert_uint_eq(pl_wordlist_count(runs), 4);
	ck_assert_ptr_nonnull(pl_wordlist_get(runs, "new", 3));
	ck_assert_ptr_nonnull(pl_wordlist_get(runs, "new york", 8));
	ck_assert_ptr_nonnull(pl_wordlist_get(runs, "united", 6));
	ck_assert_ptr_nonnull(pl_wordlist_get(runs, "united arab", 11));
	ck_assert_ptr_null(pl_wordlist_get(runs, "new york city", 13));
	ck_assert_ptr_null(pl_wordlist_get(runs, "beijing", 7));
	/* the words after a first one */
	ck_assert_uint_eq(pl_wordlist_count(later), 4);
	ck_assert_ptr_nonnull(pl_wordlist_get(later, "york", 4));
	ck_assert_ptr_nonnull(pl_wordlist_get(later, "city", 4));
	ck_assert_ptr_nonnull(pl_wordlist_get(later, "arab", 4));
	ck_assert_ptr_nonnull(pl_wordlist_get(later, "emirates", 8));
	ck_assert_ptr_null(pl_wordlist_get(later, "new", 3));
	/* single words only: no parts, one word; no entries: none */
	pl_wordlist_free(runs);
	runs = pl_wordlist_new();
	ck_assert_int_eq(pl_wordlist_put(none, "beijing", 7, NULL, 0), PL_OK);
	ck_assert_int_eq(pl_wordlist_phrase_parts(none, runs, later, &max), PL_OK);
	ck_assert_uint_eq(max, 1);
	ck_assert_uint_eq(pl_wordlist_count(runs), 0);
	pl_wordlist_free(none);
	none = pl_wordlist_new();
	ck_assert_int_eq(pl_wordlist_phrase_parts(none, runs, later, &max), PL_OK);
	ck_assert_uint_eq(max, 0);
	pl_wordlist_free(runs);
	pl_wordlist_free(later);
	pl_wordlist_free(none);
}
END_TEST

/* ---- pl_wordlist_open_index --------------------------------------------- */

/* Each pair as "key=value;" into a buffer, in the order given. */
static void pairs_of(const char *key, const char *value, void *ud)
{
	char *out = ud;

	sprintf(out + strlen(out), "%s=%s;", key, value);
}

START_TEST(test_open_index)
{
	char path[1024], idx[1100], a[256] = "", b[256] = "";
	pl_wordlist *x;

	list_file("Beijing\nUnited States\nEditor’s Picks\nbeijing\n", path, sizeof(path));
	snprintf(idx, sizeof(idx), "%s/list.idx", dir);
	/* no index yet: none, and no error */
	ck_assert_int_eq(pl_wordlist_open_index(&x, idx, path), PL_OK);
	ck_assert_ptr_null(x);

	/* the list read folded, indexed, and opened from the index: the same
	 * answers as the list read */
	ck_assert_int_eq(pl_wordlist_load(wl, path, PL_WL_FOLD), PL_OK);
	ck_assert_int_eq(pl_wordidx_build_list(wl, path, idx), PL_OK);
	ck_assert_int_eq(pl_wordlist_open_index(&x, idx, path), PL_OK);
	ck_assert_ptr_nonnull(x);
	ck_assert_str_eq(pl_wordlist_get(x, "beijing", 7), "Beijing");
	ck_assert_str_eq(pl_wordlist_get(x, "united states", 13), "United States");
	ck_assert_str_eq(pl_wordlist_get(x, "editor's picks", 14), "Editor’s Picks");
	ck_assert_ptr_null(pl_wordlist_get(x, "Beijing", 7));
	ck_assert_ptr_null(pl_wordlist_get(x, "united", 6));
	ck_assert(pl_wordlist_has_word(x, "editor’s picks", strlen("editor’s picks")));
	ck_assert_uint_eq(pl_wordlist_count(x), pl_wordlist_count(wl));
	ck_assert_uint_eq(pl_wordlist_count(x), 3);
	/* each gives every pair, keys NUL-terminated (one key here, so the
	 * order cannot differ) */
	pl_wordlist_free(wl);
	wl = pl_wordlist_new();
	ck_assert_int_eq(pl_wordlist_put(wl, "beijing", 7, "Beijing", 7), PL_OK);
	ck_assert_int_eq(pl_wordidx_build_list(wl, path, idx), PL_OK);
	pl_wordlist_free(x);
	ck_assert_int_eq(pl_wordlist_open_index(&x, idx, path), PL_OK);
	ck_assert_ptr_nonnull(x);
	pl_wordlist_each(wl, pairs_of, a);
	pl_wordlist_each(x, pairs_of, b);
	ck_assert_str_eq(b, "beijing=Beijing;");
	ck_assert_str_eq(a, b);

	/* it takes no more entries */
	ck_assert_int_eq(pl_wordlist_put(x, "x", 1, NULL, 0), PL_EINVAL);
	ck_assert_int_eq(pl_wordlist_load(x, path, PL_WL_FOLD), PL_EINVAL);
	ck_assert_uint_eq(pl_wordlist_count(x), 1);
	pl_wordlist_free(x);

	/* an edited list makes the index stale: none */
	list_file("Beijing\nParis\n", path, sizeof(path));
	ck_assert_int_eq(pl_wordlist_open_index(&x, idx, path), PL_OK);
	ck_assert_ptr_null(x);
}
END_TEST

Suite *suite_wordlist(void)
{
	Suite *s = suite_create("wordlist");
	TCase *tc;

	tc = tcase_create("pl_wordlist_put");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_put_get);
	tcase_add_test(tc, test_put_keeps_first);
	tcase_add_test(tc, test_put_copies);
	tcase_add_test(tc, test_put_length);
	tcase_add_test(tc, test_many);
	suite_add_tcase(s, tc);

	tc = tcase_create("pl_wordlist_get");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_get_empty);
	suite_add_tcase(s, tc);

	tc = tcase_create("pl_wordlist_each");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_each);
	suite_add_tcase(s, tc);

	tc = tcase_create("pl_wordlist_free");
	tcase_add_test(tc, test_free_null);
	suite_add_tcase(s, tc);

	tc = tcase_create("pl_fold");
	tcase_add_test(tc, test_fold);
	tcase_add_test(tc, test_fold_too_long);
	suite_add_tcase(s, tc);

	tc = tcase_create("pl_norm_apostrophe");
	tcase_add_test(tc, test_norm_apostrophe);
	suite_add_tcase(s, tc);

	tc = tcase_create("pl_wordlist_load");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_load_plain);
	tcase_add_test(tc, test_load_fold);
	tcase_add_test(tc, test_load_arrow);
	tcase_add_test(tc, test_load_arrow_exact);
	tcase_add_loop_test(tc, test_load_arrow_error, 0, (int)PL_ARRAY_LEN(bad_arrows));
	tcase_add_test(tc, test_load_trim_punct);
	tcase_add_test(tc, test_load_too_long);
	tcase_add_test(tc, test_load_missing);
	tcase_add_test(tc, test_load_shipped);
	suite_add_tcase(s, tc);

	tc = tcase_create("pl_wordlist_phrase_parts");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_phrase_parts);
	suite_add_tcase(s, tc);

	tc = tcase_create("pl_wordlist_open_index");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_open_index);
	suite_add_tcase(s, tc);

	return s;
}
