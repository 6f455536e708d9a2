/* check_engine.c - loading a run's data once, checking documents, and the
 * encoding findings that come from the load. */
#include "check_util.h"

#include <dirent.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>


static char dir[512];

static void tmp_setup(void)
{
	tmpdir_new(dir, sizeof(dir));
}

static void tmp_teardown(void)
{
	tmpdir_remove(dir);
}

/* A fresh engine with `o` (data_dir defaults to the source tree). */
static pl_engine *engine_with(pl_engine_options *o)
{
	pl_engine *eng = NULL;

	if (!o->data_dir)
		o->data_dir = TEST_DATA_DIR;
	ck_assert_msg(pl_engine_new(&eng, o) == PL_OK, "pl_engine_new: %s",
		      pl_error_last());
	return eng;
}

/* ---- pl_engine_new ------------------------------------------------------- */

START_TEST(test_new_no_data)
{
	pl_engine_options o = PL_ENGINE_OPTIONS_INIT;
	pl_engine *eng = (pl_engine *)&o; /* must be reset to NULL */

	o.data_dir = "/nonexistent/presslint";
	ck_assert_int_eq(pl_engine_new(&eng, &o), PL_ENOTFOUND);
	ck_assert_ptr_null(eng);
	ck_assert_str_eq(pl_error_last(),
			 "no presslint data in /nonexistent/presslint (set PRESSLINT_DATA "
			 "to the folder holding rules/ and dictionaries/)");
}
END_TEST

START_TEST(test_new_no_dictionary)
{
	pl_engine_options o = PL_ENGINE_OPTIONS_INIT;
	pl_engine *eng = NULL;
	const char *msg;

	o.data_dir = TEST_DATA_DIR;
	o.lang = "xx_YY";
	ck_assert_int_eq(pl_engine_new(&eng, &o), PL_ENOTFOUND);
	ck_assert_ptr_null(eng);
	msg = pl_error_last();
	ck_assert_msg(strncmp(msg, "no Hunspell dictionary 'xx_YY' (installed: ", 43) == 0,
		      "%s", msg);
	/* the message lists what is installed and how to install more */
	ck_assert_ptr_nonnull(strstr(msg, "en_US"));
	ck_assert_ptr_nonnull(strstr(msg, "; on Debian: apt-get install hunspell-xx-yy)"));
}
END_TEST

START_TEST(test_new_rules)
{
	/* built-in rules first, then the shipped pattern rules in file order */
	pl_engine_options o = PL_ENGINE_OPTIONS_INIT;
	pl_engine *eng;
	pl_ruleset *set;
	int i;

	o.no_spelling = true; /* the rule list does not need Hunspell */
	eng = engine_with(&o);
	set = pl_engine_rules(eng);
	ck_assert_str_eq(set->info[0].id, "encoding.invalid-utf8");
	i = pl_ruleset_find(set, "artifact.html-tag");
	ck_assert_int_eq(i, PL_RULE_BUILTIN_COUNT);
	ck_assert_str_eq(set->info[i].origin, TEST_DATA_DIR "/rules/artifacts.rules:4");
	ck_assert_int_gt(pl_ruleset_find(set, "context.too-to"), i);
	ck_assert(!set->enabled[PL_R_DOUBLE_SPACE]);
	ck_assert(!set->enabled[PL_R_DIALECT]);
	pl_engine_free(eng);
}
END_TEST

START_TEST(test_new_no_spelling)
{
	pl_engine_options o = PL_ENGINE_OPTIONS_INIT;
	pl_engine *eng;
	pl_ruleset *set;
	tresult r;

	o.no_spelling = true;
	eng = engine_with(&o);
	set = pl_engine_rules(eng);
	ck_assert(!set->enabled[PL_R_TYPO]);
	ck_assert(!set->enabled[PL_R_MISSPELLING]);
	ck_assert(set->enabled[PL_R_SPACE_AFTER]);
	lint(eng, "The plan was adn the rest,see.\n", &r);
	pl_engine_free(eng);
	ck_assert_only(&r, "spacing.missing-after", 25, 26);
}
END_TEST

START_TEST(test_new_rule_dir)
{
	pl_engine_options o = PL_ENGINE_OPTIONS_INIT;
	const char *dirs[1] = { dir };
	char path[1024];
	pl_engine *eng;
	tresult r;

	tmpfile_write(dir, "house.rules", "[house.whilst]\nseverity = suggestion\n"
		      "pattern = \\bwhilst\\b\nmessage = use 'while'\nsuggest = while\n",
		      path, sizeof(path));
	tmpfile_write(dir, "notes.txt", "[not a rule file]\n", path, sizeof(path));
	o.no_spelling = true;
	o.rule_dirs = dirs;
	o.n_rule_dirs = 1;
	eng = engine_with(&o);
	lint(eng, "We wait whilst they talk.\n", &r);
	pl_engine_free(eng);
	ck_assert_only(&r, "house.whilst", 8, 14);
	ck_assert_int_eq(r.v[0].severity, PL_SEV_SUGGESTION);
	ck_assert_str_eq(r.v[0].suggest[0], "while");
}
END_TEST

START_TEST(test_new_rule_dir_error)
{
	pl_engine_options o = PL_ENGINE_OPTIONS_INIT;
	const char *dirs[1] = { dir };
	char path[1024], want[1200];
	pl_engine *eng = NULL;

	tmpfile_write(dir, "bad.rules", "[house.bad]\npattern = (\nmessage = m\n",
		      path, sizeof(path));
	o.data_dir = TEST_DATA_DIR;
	o.no_spelling = true;
	o.rule_dirs = dirs;
	o.n_rule_dirs = 1;
	ck_assert_int_eq(pl_engine_new(&eng, &o), PL_EINVAL);
	ck_assert_ptr_null(eng);
	snprintf(want, sizeof(want), "%s:2:12: error: pattern of 'house.bad': missing "
		 "closing parenthesis (at offset 1)", path);
	ck_assert_str_eq(pl_error_last(), want);
}
END_TEST

START_TEST(test_new_missing_rule_dir)
{
	pl_engine_options o = PL_ENGINE_OPTIONS_INIT;
	const char *dirs[1] = { "/nonexistent/rules" };
	pl_engine *eng = NULL;

	o.data_dir = TEST_DATA_DIR;
	o.no_spelling = true;
	o.rule_dirs = dirs;
	o.n_rule_dirs = 1;
	ck_assert_int_eq(pl_engine_new(&eng, &o), PL_EIO);
	ck_assert_str_eq(pl_error_last(), "/nonexistent/rules: cannot open rules folder");
}
END_TEST

/* Check "flurbish" with an engine that accepts the words in `file`. */
static void lint_with_words(const char *file, tresult *r)
{
	pl_engine_options o = PL_ENGINE_OPTIONS_INIT;
	const char *files[1] = { file };
	pl_engine *eng;

	o.word_files = files;
	o.n_word_files = 1;
	eng = engine_with(&o);
	lint(eng, "The flurbish rose.\n", r);
	pl_engine_free(eng);
}

START_TEST(test_new_word_file_relative)
{
	/* a relative path is taken from the working directory */
	char path[1024], cwd[PATH_MAX], data[PATH_MAX];
	tresult r;

	ck_assert_ptr_nonnull(getcwd(cwd, sizeof(cwd)));
	ck_assert_ptr_nonnull(realpath(TEST_DATA_DIR, data));
	tmpfile_write(dir, "extra.txt", "flurbish\n", path, sizeof(path));
	ck_assert_int_eq(chdir(dir), 0);
	{
		pl_engine_options o = PL_ENGINE_OPTIONS_INIT;
		const char *files[1] = { "extra.txt" };
		pl_engine *eng = NULL;
		int rc;

		o.data_dir = data;
		o.word_files = files;
		o.n_word_files = 1;
		rc = pl_engine_new(&eng, &o);
		ck_assert_int_eq(chdir(cwd), 0);
		ck_assert_msg(rc == PL_OK, "%s", pl_error_last());
		lint(eng, "The flurbish rose.\n", &r);
		pl_engine_free(eng);
	}
	ck_assert_none(&r, "spelling");
}
END_TEST

/* Regression (was a bug): pl_engine_new joins every word file to "."
 * (load_list(&r->accept, ".", file)), so an absolute path such as
 * "/tmp/x/extra.txt" becomes ".//tmp/x/extra.txt" and fails with
 * "cannot open" unless the working directory is "/". `presslint --words
 * /abs/path/words.txt` fails the same way. */
START_TEST(test_new_word_file_absolute)
{
	char path[1024];
	tresult r;

	tmpfile_write(dir, "extra.txt", "flurbish\n", path, sizeof(path));
	ck_assert_int_eq(path[0], '/');
	lint_with_words(path, &r);
	ck_assert_none(&r, "spelling");
}
END_TEST

START_TEST(test_new_word_file_missing)
{
	pl_engine_options o = PL_ENGINE_OPTIONS_INIT;
	const char *files[1] = { "no-such-words.txt" };
	pl_engine *eng = NULL;

	o.data_dir = TEST_DATA_DIR;
	o.word_files = files;
	o.n_word_files = 1;
	ck_assert_int_eq(pl_engine_new(&eng, &o), PL_EIO);
	ck_assert_ptr_null(eng);
	ck_assert_ptr_nonnull(strstr(pl_error_last(), "no-such-words.txt: cannot open: "));
}
END_TEST

/* The typo list, the proper nouns (with the parts of their multi-word
 * entries) and the given names are read from their indexes when `make`
 * built them, else from the lists themselves: a data folder with no index
 * of a list (links to the source tree's lists) finds the
 * same typo with the same fix, and the same proper nouns written
 * lowercase, two of them of three words. */
#define LISTS_TEXT                                                              \
	"They met adn left. The flight from beijing landed in the United arab "  \
	"emirates, then in new york city. New York City was cold.\n"
START_TEST(test_new_lists_without_index)
{
	char data[PATH_MAX], link[PATH_MAX + 600], target[PATH_MAX + 300];
	pl_engine_options o = PL_ENGINE_OPTIONS_INIT;
	pl_engine *eng = NULL;
	struct dirent *e;
	DIR *d;
	tresult with, without;
	size_t i;

	ck_assert_ptr_nonnull(realpath(TEST_DATA_DIR, data));
	snprintf(link, sizeof(link), "%s/rules", dir);
	snprintf(target, sizeof(target), "%s/rules", data);
	ck_assert_int_eq(symlink(target, link), 0);
	snprintf(link, sizeof(link), "%s/dictionaries", dir);
	ck_assert_int_eq(mkdir(link, 0755), 0);
	snprintf(target, sizeof(target), "%s/dictionaries", data);
	ck_assert_ptr_nonnull(d = opendir(target));
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);
		if (n < 5 || strcmp(e->d_name + n - 4, ".txt") != 0)
			continue;
		snprintf(link, sizeof(link), "%s/dictionaries/%s", dir, e->d_name);
		snprintf(target, sizeof(target), "%s/dictionaries/%s", data, e->d_name);
		ck_assert_int_eq(symlink(target, link), 0);
	}
	closedir(d);
	/* the dictionaries' own indexes, where `make` built them: the
	 * speller answers from the same index both times */
	snprintf(link, sizeof(link), "%s/dictionaries/index", dir);
	ck_assert_int_eq(mkdir(link, 0755), 0);
	snprintf(target, sizeof(target), "%s/dictionaries/index", data);
	if ((d = opendir(target))) {
		while ((e = readdir(d))) {
			if (strncmp(e->d_name, "en_", 3) != 0)
				continue;
			snprintf(link, sizeof(link), "%s/dictionaries/index/%s", dir, e->d_name);
			snprintf(target, sizeof(target), "%s/dictionaries/index/%s", data,
				 e->d_name);
			ck_assert_int_eq(symlink(target, link), 0);
		}
		closedir(d);
	}
	o.data_dir = dir;
	ck_assert_msg(pl_engine_new(&eng, &o) == PL_OK, "%s", pl_error_last());
	lint(eng, LISTS_TEXT, &without);
	pl_engine_free(eng);
	o = (pl_engine_options)PL_ENGINE_OPTIONS_INIT;
	eng = engine_with(&o); /* the source tree's, with its indexes */
	lint(eng, LISTS_TEXT, &with);
	pl_engine_free(eng);
	ck_assert_msg(without.n == 4, "got:%s", tdump(&without));
	ck_assert_str_eq(without.v[0].rule, "spelling.typo");
	ck_assert_str_eq(without.v[0].suggest[0], "and");
	ck_assert_str_eq(without.v[1].rule, "capitalization.proper-noun");
	ck_assert_str_eq(without.v[1].suggest[0], "Beijing");
	ck_assert_str_eq(without.v[2].rule, "capitalization.proper-noun");
	/* the fix is the words that change */
	ck_assert_str_eq(without.v[2].message,
			 "'United arab emirates' should be written 'United Arab Emirates'");
	ck_assert_str_eq(without.v[2].suggest[0], "Arab Emirates");
	ck_assert_str_eq(without.v[3].rule, "capitalization.proper-noun");
	ck_assert_str_eq(without.v[3].suggest[0], "New York City");
	ck_assert_msg(with.n == without.n, "got:%s", tdump(&with));
	for (i = 0; i < with.n; i++) {
		ck_assert_str_eq(with.v[i].rule, without.v[i].rule);
		ck_assert_str_eq(with.v[i].message, without.v[i].message);
		ck_assert_uint_eq(with.v[i].start, without.v[i].start);
		ck_assert_uint_eq(with.v[i].end, without.v[i].end);
		ck_assert_str_eq(with.v[i].suggest[0], without.v[i].suggest[0]);
	}
}
END_TEST

START_TEST(test_free_null)
{
	pl_engine_free(NULL);
}
END_TEST

/* ---- pl_engine_check ----------------------------------------------------- */

static int emit_seven(const pl_doc *doc, const pl_findings *f, void *ud)
{
	size_t *n = ud;

	(void)doc;
	*n = f->n;
	return 7;
}

START_TEST(test_check_emit_result)
{
	pl_source *src = NULL;
	char *buf = strdup("One,two adn three.\n");
	size_t n = 0;

	ck_assert_int_eq(pl_source_from_buffer(&src, "e.txt", buf, strlen(buf)), 0);
	ck_assert_int_eq(pl_engine_check(test_eng, src, emit_seven, &n), 7);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(pl_engine_check(test_eng, src, NULL, NULL), 0);
	pl_source_free(src);
}
END_TEST

START_TEST(test_check_sorted)
{
	/* findings from every family come out in text order */
	tresult r;
	size_t i;

	lint(test_eng, "They met in beijing adn the the alliance.What &amp; next,now.\n", &r);
	ck_assert_msg(r.n == 6, "got:%s", tdump(&r));
	ck_assert_str_eq(r.v[0].rule, "capitalization.proper-noun");
	ck_assert_str_eq(r.v[1].rule, "spelling.typo");
	ck_assert_str_eq(r.v[2].rule, "artifact.doubled-word");
	ck_assert_str_eq(r.v[3].rule, "spacing.missing-after");
	ck_assert_str_eq(r.v[4].rule, "artifact.html-entity");
	ck_assert_str_eq(r.v[5].rule, "spacing.missing-after");
	for (i = 1; i < r.n; i++)
		ck_assert_uint_le(r.v[i - 1].start, r.v[i].start);
}
END_TEST

START_TEST(test_check_repeatable)
{
	/* the same document twice gives the same findings */
	tresult a, b;
	size_t i;

	lint(test_eng, "The plan was adn the rest,see.\n", &a);
	lint(test_eng, "The plan was adn the rest,see.\n", &b);
	ck_assert_uint_eq(a.n, b.n);
	for (i = 0; i < a.n; i++) {
		ck_assert_str_eq(a.v[i].rule, b.v[i].rule);
		ck_assert_uint_eq(a.v[i].start, b.v[i].start);
	}
}
END_TEST

START_TEST(test_check_empty)
{
	tresult r;

	lint(test_eng, "", &r);
	ck_assert_uint_eq(r.n, 0);
	lint(test_eng, "\xEF\xBB\xBF", &r);
	ck_assert_uint_eq(r.n, 0);
	lint(test_eng, "\n\n\r\n", &r);
	ck_assert_uint_eq(r.n, 0);
}
END_TEST

START_TEST(test_check_seed_line)
{
	/* line 12 of the seed article: typo, too/to, three missing spaces */
	tresult r;
	static const char line[] =
		"Global concerns are mounting over the strengthening partnership "
		"between China adn Russia. Too shed light on this evolving "
		"dynamic,world-today-news.com Senior Editor,Emily Carter,spoke with "
		"Dr. Alexei Plotnikov.\n";

	lint(test_eng, line, &r);
	ck_assert_msg(r.n == 5, "got:%s", tdump(&r));
	ck_assert_str_eq(r.v[0].rule, "spelling.typo");
	ck_assert_uint_eq(r.v[0].start, 78);
	ck_assert_str_eq(r.v[1].rule, "context.too-to");
	ck_assert_uint_eq(r.v[1].start, 90);
	ck_assert_str_eq(r.v[1].suggest[0], "To");
	ck_assert_str_eq(r.v[2].rule, "spacing.missing-after");
	ck_assert_uint_eq(r.v[2].start, 129);
	ck_assert_str_eq(r.v[3].rule, "spacing.missing-after");
	ck_assert_uint_eq(r.v[3].start, 164);
	ck_assert_str_eq(r.v[4].rule, "spacing.missing-after");
	ck_assert_uint_eq(r.v[4].start, 177);
}
END_TEST

/* Count the spelling.typo findings and check each lies in its own
 * paragraph (paragraphs of `ud`'s length, the first without a typo). */
struct typo_count {
	size_t para, n;
	bool misplaced;
};

static int count_typos(const pl_doc *doc, const pl_findings *f, void *ud)
{
	struct typo_count *c = ud;
	size_t i;

	for (i = 0; i < f->n; i++) {
		if (strcmp(doc->rules->info[f->v[i].rule].id, "spelling.typo") != 0)
			continue;
		c->misplaced |= f->v[i].start % c->para != 22;
		c->n++;
	}
	return 0;
}

START_TEST(test_check_parts_claims)
{
	/* A file over 4 MB is checked in parts. What one part's artifacts
	 * claim must not hide words of another part that sit at the same
	 * place within it: every paragraph but the first has its typo found,
	 * whichever part it falls in. */
	static const char first[] = "Paragraph 000000 says &lt; more.\n\n";
	const size_t para = sizeof(first) - 1, n = ((size_t)5 << 20) / para;
	struct typo_count c = { para, 0, false };
	pl_source *src = NULL;
	char *buf = malloc(n * para + 1);
	size_t i;

	ck_assert_ptr_nonnull(buf);
	memcpy(buf, first, para);
	for (i = 1; i < n; i++)
		snprintf(buf + i * para, para + 1, "Paragraph %06zu says adn more.\n\n", i);
	ck_assert_int_eq(pl_source_from_buffer(&src, "parts.txt", buf, n * para), 0);
	ck_assert_int_eq(pl_engine_check(test_eng, src, count_typos, &c), 0);
	ck_assert_uint_eq(c.n, n - 1);
	ck_assert(!c.misplaced);
	pl_source_free(src);
}
END_TEST

START_TEST(test_check_parts_suppress)
{
	/* Each part of a large file is asked for suppression comments while
	 * it is checked: a directive in the middle of a 5 MB file silences
	 * the typos after it, whichever part it is in, with one thread or
	 * three; the typos before it stay. */
	static const char para[] = "Paragraph %06zu says adn more.\n\n";
	static const char directive[] = "# presslint-disable spelling.typo\n\n";
	const size_t n = ((size_t)5 << 20) / (sizeof(para) - 1), half = n / 2;
	char *buf = malloc(n * sizeof(para) + sizeof(directive));
	pl_source *src = NULL;
	pl_result r;
	size_t i, len = 0;
	unsigned jobs;

	ck_assert_ptr_nonnull(buf);
	for (i = 0; i < n; i++) {
		if (i == half) {
			memcpy(buf + len, directive, sizeof(directive) - 1);
			len += sizeof(directive) - 1;
		}
		len += (size_t)sprintf(buf + len, para, i);
	}
	ck_assert_int_eq(pl_source_from_buffer(&src, "parts.txt", buf, len), 0);
	for (jobs = 1; jobs <= 3; jobs += 2) {
		size_t typos = 0;
		pl_engine_set_jobs(test_eng, jobs);
		ck_assert_int_eq(pl_engine_run(test_eng, src, NULL, &r), 0);
		for (i = 0; i < r.found.n; i++)
			typos += r.found.v[i].rule == PL_R_TYPO;
		ck_assert_uint_eq(typos, half);
		pl_result_fini(&r);
	}
	pl_engine_set_jobs(test_eng, 1);
	pl_source_free(src);
}
END_TEST

/* Findings a and b are the same, strings and all. */
static void ck_assert_same_findings(const pl_findings *a, const pl_findings *b)
{
	size_t i, k;

	ck_assert_uint_eq(a->n, b->n);
	for (i = 0; i < a->n; i++) {
		const pl_finding *x = &a->v[i], *y = &b->v[i];
		ck_assert_uint_eq(x->start, y->start);
		ck_assert_uint_eq(x->end, y->end);
		ck_assert_uint_eq(x->rule, y->rule);
		ck_assert_str_eq(x->message, y->message);
		ck_assert_uint_eq(x->n_suggest, y->n_suggest);
		for (k = 0; k < x->n_suggest; k++)
			ck_assert_str_eq(x->suggest[k], y->suggest[k]);
	}
}

START_TEST(test_check_parts_parallel)
{
	/* A large file's parts checked by three threads give what one thread
	 * gives, byte for byte: the same findings, the same messages (a
	 * repeated paragraph names the line of the first, counted across
	 * parts and across LF, CRLF and lone CR breaks) and the same
	 * suggestions. Each part has more unknown words than Hunspell's
	 * searches are rationed to, and they come back in other parts: which
	 * of them get suggestions must not depend on which part was checked
	 * first. */
	static const char *const paras[] = {
		"Reporters said adn the the council met in beijing on Monday.\n\n",
		"The mayor spoke to the crowd about the new budget plan.\r\n\r\n",
		"An unusal wrod went unnoticed.\r\r",
		"Paragraph %06zu names Emily Carter and later Emily carter.\n\n",
	};
	static const char *const odd[] = {
		"xqvorbl", "zyxtrunp", "qwmbelt", "vxoplarn", "jqizzard", "kvrontle",
		"pzaxtrel", "wqumbrix", "yxlopvan", "fqorztim", "gzwibbent", "hxqualorn",
		"bvzeltrop", "cqxundrel", "dzvortilm", "mxqarbent",
	};
	static const char filler[] = "The council met again on Tuesday to discuss it. ";
	const size_t size = (size_t)6 << 20;
	char *buf = malloc(size + 64 * 1024);
	pl_source *src = NULL;
	pl_result one, three;
	size_t len = 0, i = 0, k;

	ck_assert_ptr_nonnull(buf);
	while (len < size) {
		int n = snprintf(buf + len, 256, paras[i % 4], i);
		ck_assert_int_gt(n, 0);
		len += (size_t)n;
		if (i % 4 == 3) {
			/* a long paragraph (about 20 KB) with one odd word:
			 * twelve or so to a part, sixteen in turn */
			for (k = 0; k < 400; k++) {
				memcpy(buf + len, filler, sizeof(filler) - 1);
				len += sizeof(filler) - 1;
			}
			len += (size_t)sprintf(buf + len, "%s.\n\n", odd[(i / 4) % PL_ARRAY_LEN(odd)]);
		}
		i++;
	}
	ck_assert_int_eq(pl_source_from_buffer(&src, "parts.txt", buf, len), 0);
	test_rules_set("spelling.unknown", true);
	ck_assert_int_eq(pl_engine_run(test_eng, src, NULL, &one), 0);
	pl_engine_set_jobs(test_eng, 3);
	ck_assert_int_eq(pl_engine_run(test_eng, src, NULL, &three), 0);
	pl_engine_set_jobs(test_eng, 1);
	test_rules_set("spelling.unknown", false);
	ck_assert_uint_gt(one.found.n, 1000);
	ck_assert_same_findings(&one.found, &three.found);
	pl_result_fini(&one);
	pl_result_fini(&three);
	pl_source_free(src);
}
END_TEST

/* ---- encoding.* (pl_check_encoding, from the load) ----------------------- */

START_TEST(test_encoding_invalid)
{
	tresult r;

	lint_bytes(test_eng, "Good ab\xFF\xFE" "cd text.\n", 18, &r);
	ck_assert_only(&r, "encoding.invalid-utf8", 7, 9);
	ck_assert_str_eq(r.v[0].message, "2 bytes of invalid UTF-8");
	ck_assert_int_eq(r.v[0].severity, PL_SEV_ERROR);
	lint_bytes(test_eng, "Bad \xC3 byte.\n", 12, &r);
	ck_assert_only(&r, "encoding.invalid-utf8", 4, 5);
	ck_assert_str_eq(r.v[0].message, "1 byte of invalid UTF-8");
}
END_TEST

START_TEST(test_encoding_nul)
{
	/* one finding, at the first NUL, counting them all */
	tresult r;

	lint_bytes(test_eng, "Some\0 text\0 here.\n", 18, &r);
	ck_assert_only(&r, "encoding.nul-byte", 4, 5);
	ck_assert_str_eq(r.v[0].message, "NUL byte in text (2 in the file)");
}
END_TEST

START_TEST(test_encoding_nul_after_invalid)
{
	/* a SUB that replaced an invalid byte is not taken for the NUL */
	tresult r;

	lint_bytes(test_eng, "\xFF ok\0.\n", 7, &r);
	ck_assert_msg(r.n == 2, "got:%s", tdump(&r));
	ck_assert_str_eq(r.v[0].rule, "encoding.invalid-utf8");
	ck_assert_uint_eq(r.v[0].start, 0);
	ck_assert_str_eq(r.v[1].rule, "encoding.nul-byte");
	ck_assert_uint_eq(r.v[1].start, 4);
}
END_TEST

/* ---- pl_engine_data_dir -------------------------------------------------- */

START_TEST(test_data_dir_env)
{
	const char *old = getenv("PRESSLINT_DATA");
	char *saved = old ? strdup(old) : NULL;
	const char *got;

	setenv("PRESSLINT_DATA", "/srv/presslint-data", 1);
	got = pl_engine_data_dir("presslint");
	if (saved)
		setenv("PRESSLINT_DATA", saved, 1);
	else
		unsetenv("PRESSLINT_DATA");
	free(saved);
	ck_assert_str_eq(got, "/srv/presslint-data");
}
END_TEST

START_TEST(test_data_dir_fallback)
{
	/* tests/check_all's folder holds no rules/: the installed folder */
	const char *old = getenv("PRESSLINT_DATA");
	char *saved = old ? strdup(old) : NULL;
	const char *got;

	unsetenv("PRESSLINT_DATA");
	got = pl_engine_data_dir(NULL);
	if (saved)
		setenv("PRESSLINT_DATA", saved, 1);
	free(saved);
	ck_assert_str_eq(got, PL_DATADIR);
}
END_TEST

Suite *suite_engine(void)
{
	Suite *s = suite_create("engine");
	TCase *tc;

	tc = tcase_create("pl_engine_new");
	tcase_add_checked_fixture(tc, tmp_setup, tmp_teardown);
	tcase_add_test(tc, test_new_no_data);
	tcase_add_test(tc, test_new_no_dictionary);
	tcase_add_test(tc, test_new_rules);
	tcase_add_test(tc, test_new_no_spelling);
	tcase_add_test(tc, test_new_rule_dir);
	tcase_add_test(tc, test_new_rule_dir_error);
	tcase_add_test(tc, test_new_missing_rule_dir);
	tcase_add_test(tc, test_new_word_file_relative);
	tcase_add_test(tc, test_new_word_file_absolute);
	tcase_add_test(tc, test_new_word_file_missing);
	tcase_add_test(tc, test_new_lists_without_index);
	suite_add_tcase(s, tc);

	tc = tcase_create("pl_engine_free");
	tcase_add_test(tc, test_free_null);
	suite_add_tcase(s, tc);

	tc = tcase_create("pl_engine_check");
	test_engine_fixture(tc);
	tcase_add_test(tc, test_check_emit_result);
	tcase_add_test(tc, test_check_sorted);
	tcase_add_test(tc, test_check_repeatable);
	tcase_add_test(tc, test_check_empty);
	tcase_add_test(tc, test_check_seed_line);
	tcase_add_test(tc, test_check_parts_claims);
	tcase_add_test(tc, test_check_parts_parallel);
	tcase_add_test(tc, test_check_parts_suppress);
	tcase_add_test(tc, test_encoding_invalid);
	tcase_add_test(tc, test_encoding_nul);
	tcase_add_test(tc, test_encoding_nul_after_invalid);
	suite_add_tcase(s, tc);

	tc = tcase_create("pl_engine_data_dir");
	tcase_add_test(tc, test_data_dir_env);
	tcase_add_test(tc, test_data_dir_fallback);
	suite_add_tcase(s, tc);

	return s;
}
