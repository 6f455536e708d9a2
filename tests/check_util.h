/* check_util.h - helpers shared by the Check suites: run the engine on a
 * string and keep a copy of its findings, temporary files, and the suite
 * constructors that check_main.c adds.
 *
 * The helpers are `static inline` so each suite file can include this header
 * without a matching .c file and without unused-function warnings. */
#ifndef PL_CHECK_UTIL_H
#define PL_CHECK_UTIL_H

#include <check.h>
#include <ftw.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pl_engine.h"
#include "pl_error.h"
#include "pl_source.h"

/* The suites, one per module (check_<module>.c). */
Suite *suite_arena(void);
Suite *suite_source(void);
Suite *suite_lines(void);
Suite *suite_token(void);
Suite *suite_sentence(void);
Suite *suite_wordlist(void);
Suite *suite_rule(void);
Suite *suite_patterns(void);
Suite *suite_output(void);
Suite *suite_spacing(void);
Suite *suite_spelling(void);
Suite *suite_case(void);
Suite *suite_artifacts(void);
Suite *suite_engine(void);
Suite *suite_fix(void);
Suite *suite_markup(void);
Suite *suite_suppress(void);
Suite *suite_config(void);
Suite *suite_wordidx(void);
Suite *suite_words(void);
Suite *suite_names(void);
Suite *suite_pages(void);
Suite *suite_bits(void);
Suite *suite_lock(void);
Suite *suite_find(void);
Suite *suite_cpu(void);

/* Tests run with tests/ as the working directory. */
#define TEST_DATA_DIR ".."

/* ---- findings copied out of a run --------------------------------------- */

#define T_MAX_FINDINGS 32
#define T_MAX_SUGGEST 4

/* One finding, copied: the document's arena is gone once emit returns. */
typedef struct tfinding {
	char rule[64];
	size_t start, end;
	pl_severity severity;
	char message[256];
	char suggest[T_MAX_SUGGEST][128]; /* the first T_MAX_SUGGEST */
	size_t n_suggest;
} tfinding;

typedef struct tresult {
	tfinding v[T_MAX_FINDINGS];
	size_t n;
	size_t dropped; /* findings beyond T_MAX_FINDINGS */
	int rc;         /* what pl_engine_check returned */
} tresult;

static inline void tcopy(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src ? src : "");
}

static inline int tresult_emit(const pl_doc *doc, const pl_findings *f, void *ud)
{
	tresult *r = ud;
	size_t i, k;

	for (i = 0; i < f->n; i++) {
		const pl_finding *x = &f->v[i];
		tfinding *t;

		if (r->n == T_MAX_FINDINGS) {
			r->dropped++;
			continue;
		}
		t = &r->v[r->n++];
		tcopy(t->rule, sizeof(t->rule), doc->rules->info[x->rule].id);
		t->start = x->start;
		t->end = x->end;
		t->severity = x->severity;
		tcopy(t->message, sizeof(t->message), x->message);
		t->n_suggest = x->n_suggest;
		for (k = 0; k < x->n_suggest && k < T_MAX_SUGGEST; k++)
			tcopy(t->suggest[k], sizeof(t->suggest[k]), x->suggest[k]);
	}
	return 0;
}

/* Check `len` bytes of `text` (copied: the source takes ownership of a
 * malloc'd buffer) as a document named "test.txt". */
static inline void lint_bytes(pl_engine *eng, const char *text, size_t len,
			      tresult *r)
{
	pl_source *src = NULL;
	char *buf = malloc(len ? len : 1);

	memset(r, 0, sizeof(*r));
	ck_assert_ptr_nonnull(buf);
	memcpy(buf, text, len);
	ck_assert_int_eq(pl_source_from_buffer(&src, "test.txt", buf, len), 0);
	r->rc = pl_engine_check(eng, src, tresult_emit, r);
	pl_source_free(src);
	ck_assert_msg(r->rc == 0, "pl_engine_check returned %d: %s", r->rc,
		      pl_error_last());
}

static inline void lint(pl_engine *eng, const char *text, tresult *r)
{
	lint_bytes(eng, text, strlen(text), r);
}

/* Every finding on one line each, for assertion messages. */
static inline const char *tdump(const tresult *r)
{
	static char buf[4096];
	size_t i, o = 0;

	buf[0] = '\0';
	for (i = 0; i < r->n && o < sizeof(buf); i++)
		o += (size_t)snprintf(buf + o, sizeof(buf) - o,
				      "\n  [%zu,%zu) %s: %s%s%s", r->v[i].start,
				      r->v[i].end, r->v[i].rule, r->v[i].message,
				      r->v[i].n_suggest ? " -> " : "",
				      r->v[i].n_suggest ? r->v[i].suggest[0] : "");
	if (!r->n)
		snprintf(buf, sizeof(buf), " (none)");
	return buf;
}

/* Does rule id `id` belong to `family` ("spacing" or "spacing.double")? */
static inline bool tin_family(const char *id, const char *family)
{
	size_t n = strlen(family);
	return strncmp(id, family, n) == 0 && (id[n] == '\0' || id[n] == '.');
}

static inline size_t tcount(const tresult *r, const char *family)
{
	size_t i, n = 0;

	for (i = 0; i < r->n; i++)
		n += tin_family(r->v[i].rule, family);
	return n;
}

/* The first finding of rule `id` (or family), or NULL. */
static inline const tfinding *tfind(const tresult *r, const char *family)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (tin_family(r->v[i].rule, family))
			return &r->v[i];
	return NULL;
}

/* Was `s` one of the finding's suggestions? */
static inline bool thas_suggest(const tfinding *f, const char *s)
{
	size_t k;

	for (k = 0; k < f->n_suggest && k < T_MAX_SUGGEST; k++)
		if (strcmp(f->suggest[k], s) == 0)
			return true;
	return false;
}

/* Assertions are macros so that a failure names the test's own line. */

/* Exactly one finding in the whole run: rule `id` on bytes [s, e). */
#define ck_assert_only(r, id, s, e)                                            \
	do {                                                                   \
		ck_assert_msg((r)->n == 1, "expected one finding, got %zu:%s", \
			      (r)->n, tdump(r));                               \
		ck_assert_str_eq((r)->v[0].rule, (id));                        \
		ck_assert_uint_eq((r)->v[0].start, (s));                       \
		ck_assert_uint_eq((r)->v[0].end, (e));                         \
	} while (0)

/* Exactly one finding of `family`, and it is rule `id` on bytes [s, e).
 * Evaluates to nothing; the finding is left in *(out). */
#define ck_assert_one_of(r, family, id, s, e, out)                             \
	do {                                                                   \
		ck_assert_msg(tcount((r), (family)) == 1,                      \
			      "expected one %s finding, got:%s", (family),     \
			      tdump(r));                                       \
		(out) = tfind((r), (family));                                  \
		ck_assert_str_eq((out)->rule, (id));                           \
		ck_assert_uint_eq((out)->start, (s));                          \
		ck_assert_uint_eq((out)->end, (e));                            \
	} while (0)

/* No finding of `family` at all. */
#define ck_assert_none(r, family)                                              \
	ck_assert_msg(tcount((r), (family)) == 0,                              \
		      "expected no %s finding, got:%s", (family), tdump(r))

/* ---- the engine, loaded once per TCase ---------------------------------- */

/* Check runs checked fixtures inside each test's child process, so a
 * checked fixture would load Hunspell (~100 ms) for every test. The engine
 * is loaded once per TCase by an unchecked fixture in the parent, inherited
 * by every forked test, and a checked fixture turns a failed load into a
 * failing test with the reason. */
static pl_engine *test_eng __attribute__((unused));
static char test_eng_error[1024] __attribute__((unused));

static inline void test_engine_load(void)
{
	pl_engine_options o = PL_ENGINE_OPTIONS_INIT;
	tresult warm;
	pl_source *src = NULL;
	char *buf;

	o.data_dir = TEST_DATA_DIR;
	test_eng_error[0] = '\0';
	if (pl_engine_new(&test_eng, &o) < 0) {
		tcopy(test_eng_error, sizeof(test_eng_error), pl_error_last());
		test_eng = NULL;
		return;
	}
	/* The other dialect's dictionary loads on the first unknown word:
	 * load it here once rather than in every forked test. */
	if ((buf = strdup("colour\n")) &&
	    pl_source_from_buffer(&src, "warm.txt", buf, strlen(buf)) == 0) {
		memset(&warm, 0, sizeof(warm));
		pl_engine_check(test_eng, src, tresult_emit, &warm);
		pl_source_free(src);
	}
}

static inline void test_engine_unload(void)
{
	pl_engine_free(test_eng);
	test_eng = NULL;
}

static inline void test_engine_require(void)
{
	ck_assert_msg(test_eng != NULL, "pl_engine_new failed: %s",
		      test_eng_error);
}

/* Give TCase `tc` the shared engine. */
static inline void test_engine_fixture(TCase *tc)
{
	tcase_add_unchecked_fixture(tc, test_engine_load, test_engine_unload);
	tcase_add_checked_fixture(tc, test_engine_require, NULL);
}

/* Turn rules on or off in the shared engine. Tests that do so switch them
 * back before asserting: with CK_FORK=no the engine outlives the test. */
static inline void test_rules_set(const char *spec, bool on)
{
	ck_assert_int_eq(pl_ruleset_enable(pl_engine_rules(test_eng), spec, on), 0);
}

/* One arena for documents built by hand in the tests; it lives as long as
 * the process (reachable, so not a leak). */
static inline pl_arena *test_arena(void)
{
	static pl_arena *a;
	if (!a)
		a = pl_arena_new();
	return a;
}

/* ---- temporary files ---------------------------------------------------- */

/* A fresh folder under $TMPDIR (or /tmp), written to dir[size]. */
static inline void tmpdir_new(char *dir, size_t size)
{
	const char *base = getenv("TMPDIR");

	snprintf(dir, size, "%s/presslint-test-XXXXXX",
		 base && *base ? base : "/tmp");
	ck_assert_msg(mkdtemp(dir) != NULL, "mkdtemp %s failed", dir);
}

static inline int tmp_rm_one(const char *path, const struct stat *st, int flag,
			     struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* Remove a folder made by tmpdir_new and everything in it. */
static inline void tmpdir_remove(const char *dir)
{
	if (dir && *dir)
		nftw(dir, tmp_rm_one, 8, FTW_DEPTH | FTW_PHYS);
}

/* Write `content` to dir/name; the full path goes to path[size]. */
static inline void tmpfile_write(const char *dir, const char *name,
				 const char *content, char *path, size_t size)
{
	FILE *f;

	snprintf(path, size, "%s/%s", dir, name);
	f = fopen(path, "wb");
	ck_assert_msg(f != NULL, "cannot write %s", path);
	fputs(content, f);
	fclose(f);
}

/* A new temporary folder (dir, `size` bytes) with two folders in it, a/
 * and b/, and a/.presslint-accept.txt holding `accept`: files of the two
 * checked in turn show a folder's own vocabulary at work. */
static inline void tmpdir_two_folders(char *dir, size_t size, const char *accept)
{
	char sub[4096];

	tmpdir_new(dir, size);
	snprintf(sub, sizeof(sub), "%s/a", dir);
	ck_assert_int_eq(mkdir(sub, 0755), 0);
	snprintf(sub, sizeof(sub), "%s/b", dir);
	ck_assert_int_eq(mkdir(sub, 0755), 0);
	tmpfile_write(dir, "a/.presslint-accept.txt", accept, sub, sizeof(sub));
}

#endif
