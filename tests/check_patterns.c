/* check_patterns.c - pattern rules from *.rules files: parsing, the exact
 * error text for a broken file, and what a compiled rule reports. */
#include "check_util.h"

#include <errno.h>
#include <sys/stat.h>

#include "pl_check.h"
#include "pl_lead.h"
#include "pl_patterns.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

static char dir[512];
static pl_patterns *pats;
static pl_ruleset set;

static void setup(void)
{
	tmpdir_new(dir, sizeof(dir));
	pats = pl_patterns_new();
	ck_assert_ptr_nonnull(pats);
	ck_assert_int_eq(pl_ruleset_init(&set), PL_OK);
}

static void teardown(void)
{
	pl_patterns_free(pats);
	pl_ruleset_fini(&set);
	tmpdir_remove(dir);
}

/* Write `content` to dir/name and load it; path[] gets the file's path. */
static int load(const char *name, const char *content, char *path, size_t size)
{
	tmpfile_write(dir, name, content, path, size);
	return pl_patterns_load(pats, &set, path, NULL);
}

/* Load a file that must fail with PL_EINVAL and the message
 * "<path><rest>", where rest is printf-formatted. */
#define ck_assert_load_error(content, ...)                                     \
	do {                                                                   \
		char path_[1024], rest_[512], want_[1600];                     \
		ck_assert_int_eq(load("bad.rules", (content), path_,           \
				      sizeof(path_)), PL_EINVAL);              \
		snprintf(rest_, sizeof(rest_), __VA_ARGS__);                   \
		snprintf(want_, sizeof(want_), "%s%s", path_, rest_);          \
		ck_assert_str_eq(pl_error_last(), want_);                      \
	} while (0)

/* Run the loaded pattern rules on `text` and copy the findings, sorted. */
static void run(const char *text, tresult *r)
{
	pl_resources res;
	pl_findings found = { 0 };
	pl_source *src = NULL;
	pl_doc doc;
	char *buf = strdup(text);

	memset(&res, 0, sizeof(res));
	memset(r, 0, sizeof(*r));
	res.patterns = pats;
	ck_assert_ptr_nonnull(buf);
	ck_assert_int_eq(pl_source_from_buffer(&src, "p.txt", buf, strlen(text)), 0);
	ck_assert_int_eq(pl_doc_init(&doc, src, 0, src->len, &res, &set, &found, test_arena(), NULL), 0);
	pl_check_patterns(&doc);
	pl_findings_sort(&found);
	tresult_emit(&doc, &found, r);
	pl_doc_fini(&doc);
	pl_findings_fini(&found);
	pl_source_free(src);
}

/* ---- pl_patterns_load: a valid file -------------------------------------- */

START_TEST(test_load_valid)
{
	char path[1024], origin[1100];
	int i;

	ck_assert_int_eq(load("house.rules",
			      "# house rules\n"
			      "; another comment\n"
			      "\n"
			      "[house.towards]\n"
			      "severity = suggestion\n"
			      "summary  = \"towards\" is British\n"
			      "pattern  = \\btowards\\b\n"
			      "message  = use 'toward'\n"
			      "suggest  = toward\n"
			      "\n"
			      "  [house.whilst]\n"
			      "pattern=\\bwhilst\\b\n"
			      "message=use 'while'\n",
			      path, sizeof(path)), PL_OK);
	ck_assert_uint_eq(pl_patterns_count(pats), 2);
	ck_assert_uint_eq(set.n, PL_RULE_BUILTIN_COUNT + 2);

	i = pl_ruleset_find(&set, "house.towards");
	ck_assert_int_eq(i, PL_RULE_BUILTIN_COUNT);
	ck_assert_int_eq(set.info[i].severity, PL_SEV_SUGGESTION);
	ck_assert_str_eq(set.info[i].summary, "\"towards\" is British");
	snprintf(origin, sizeof(origin), "%s:4", path);
	ck_assert_str_eq(set.info[i].origin, origin);
	ck_assert(set.enabled[i]);

	/* defaults: warning, "pattern rule" */
	i = pl_ruleset_find(&set, "house.whilst");
	ck_assert_int_eq(i, PL_RULE_BUILTIN_COUNT + 1);
	ck_assert_int_eq(set.info[i].severity, PL_SEV_WARNING);
	ck_assert_str_eq(set.info[i].summary, "pattern rule");
	snprintf(origin, sizeof(origin), "%s:11", path);
	ck_assert_str_eq(set.info[i].origin, origin);
}
END_TEST

START_TEST(test_load_two_files)
{
	char path[1024];

	ck_assert_int_eq(load("a.rules", "[a.one]\npattern = x\nmessage = m\n", path,
			      sizeof(path)), PL_OK);
	ck_assert_int_eq(load("b.rules", "[b.one]\npattern = y\nmessage = m\n", path,
			      sizeof(path)), PL_OK);
	ck_assert_uint_eq(pl_patterns_count(pats), 2);
	ck_assert_int_eq(pl_ruleset_find(&set, "b.one"), PL_RULE_BUILTIN_COUNT + 1);
}
END_TEST

START_TEST(test_load_empty_file)
{
	char path[1024];

	ck_assert_int_eq(load("empty.rules", "# nothing here\n", path, sizeof(path)), PL_OK);
	ck_assert_uint_eq(pl_patterns_count(pats), 0);
}
END_TEST

START_TEST(test_count_null)
{
	ck_assert_uint_eq(pl_patterns_count(NULL), 0);
	pl_patterns_free(NULL);
}
END_TEST

/* ---- pl_patterns_load: errors -------------------------------------------- */

START_TEST(test_error_broken_pattern)
{
	/* the column points into the pattern at PCRE2's offset: the value
	 * starts at column 11, the missing ")" is at offset 3 */
	ck_assert_load_error("# broken\n[test.broken]\npattern = a(b\nmessage = m\n",
			     ":3:14: error: pattern of 'test.broken': missing closing "
			     "parenthesis (at offset 3)");
	ck_assert_uint_eq(pl_patterns_count(pats), 0);
	ck_assert_int_eq(pl_ruleset_find(&set, "test.broken"), -1);
}
END_TEST

START_TEST(test_error_broken_pattern_message)
{
	/* whatever PCRE2 says is passed on */
	char path[1024];

	ck_assert_int_eq(load("bad.rules", "[t.q]\npattern = x{2,1}\nmessage = m\n",
			      path, sizeof(path)), PL_EINVAL);
	ck_assert_ptr_nonnull(strstr(pl_error_last(), ":2:"));
	ck_assert_ptr_nonnull(strstr(pl_error_last(), ": error: pattern of 't.q': "
				     "numbers out of order in {} quantifier"));
}
END_TEST

START_TEST(test_error_unknown_key)
{
	ck_assert_load_error("[a.b]\npattern = x\nmessage = m\ncolour = red\n",
			     ":4:1: error: unknown key 'colour'");
}
END_TEST

START_TEST(test_error_no_pattern)
{
	ck_assert_load_error("\n[a.b]\nmessage = hello\n",
			     ":2: error: rule 'a.b' has no pattern");
}
END_TEST

START_TEST(test_error_no_message)
{
	/* reported when the next section starts */
	ck_assert_load_error("[a.b]\npattern = x\n[a.c]\npattern = y\nmessage = m\n",
			     ":1: error: rule 'a.b' has no message");
}
END_TEST

START_TEST(test_error_key_outside)
{
	ck_assert_load_error("# top\npattern = x\n",
			     ":2:1: error: key outside a [rule] section");
}
END_TEST

START_TEST(test_error_bad_id)
{
	ck_assert_load_error("[spacing.Bad]\npattern = x\nmessage = m\n",
			     ":1:10: error: a rule id is lowercase letters, digits, "
			     "'.', '-' and '_'");
}
END_TEST

START_TEST(test_error_bad_section)
{
	ck_assert_load_error("[]\n", ":1:1: error: expected '[rule.id]'");
}
END_TEST

START_TEST(test_error_section_trailing)
{
	ck_assert_load_error("[a.b] # note\n", ":1:1: error: expected '[rule.id]'");
}
END_TEST

START_TEST(test_error_no_equals)
{
	ck_assert_load_error("[a.b]\npattern x\n", ":2:1: error: expected 'key = value'");
}
END_TEST

START_TEST(test_error_severity)
{
	ck_assert_load_error("[a.b]\nseverity = fatal\n",
			     ":2:12: error: severity is error, warning or suggestion");
}
END_TEST

START_TEST(test_error_span)
{
	ck_assert_load_error("[a.b]\nspan = one\n", ":2:8: error: span is a group number 0-9");
}
END_TEST

START_TEST(test_error_span_groups)
{
	ck_assert_load_error("[a.b]\npattern = (a)b\nspan = 2\nmessage = m\n",
			     ":1: error: rule 'a.b': span = 2 but the pattern has 1 group(s)");
}
END_TEST

START_TEST(test_error_case)
{
	ck_assert_load_error("[a.b]\ncase = upper\n", ":2:8: error: case is 'match' or 'keep'");
}
END_TEST

/* Regression (was a bug): finish() formats the message with
 * pl_error_set("%s: error: %s", where, pl_error_last()), reading the
 * buffer it writes to. Actual: "<path>:1: error: <path>:1: error: "
 * (and `presslint --rules DIR` prints e.g. "d.rules:1: error: d.rules:1:
 * error: ned twice"). */
START_TEST(test_error_duplicate)
{
	ck_assert_load_error("[spelling.typo]\npattern = x\nmessage = m\n",
			     ":1: error: rule 'spelling.typo' is defined twice");
}
END_TEST

START_TEST(test_error_missing_list)
{
	ck_assert_load_error("[a.b]\npattern = \\b%{nope}\\b\nmessage = m\n",
			     ":1: error: no word list 'nope.txt'");
}
END_TEST

START_TEST(test_error_empty_list)
{
	char path[1024], want[2100], list[1024];

	tmpfile_write(dir, "empty.txt", "# only a comment\n\n", list, sizeof(list));
	ck_assert_int_eq(load("bad.rules", "[a.b]\npattern = %{empty}\nmessage = m\n",
			      path, sizeof(path)), PL_EINVAL);
	snprintf(want, sizeof(want), "%s:1: error: word list %s is empty", path, list);
	ck_assert_str_eq(pl_error_last(), want);
}
END_TEST

START_TEST(test_error_unclosed_list)
{
	ck_assert_load_error("[a.b]\n\npattern = x%{abc\nmessage = m\n",
			     ":3: error: unclosed %%{");
}
END_TEST

START_TEST(test_error_missing_file)
{
	char want[700];

	ck_assert_int_eq(pl_patterns_load(pats, &set, "/nonexistent/x.rules", NULL),
			 PL_EIO);
	snprintf(want, sizeof(want), "/nonexistent/x.rules: cannot open: %s",
		 strerror(ENOENT));
	ck_assert_str_eq(pl_error_last(), want);
}
END_TEST

/* ---- matching ------------------------------------------------------------ */

START_TEST(test_match_whole)
{
	char path[1024];
	tresult r;

	ck_assert_int_eq(load("m.rules", "[t.whilst]\nseverity = error\n"
			      "pattern = \\bwhilst\\b\nmessage = '{0}' is dated\n"
			      "suggest = while\n", path, sizeof(path)), PL_OK);
	run("We wait whilst they talk, whilst.", &r);
	ck_assert_uint_eq(r.n, 2);
	ck_assert_str_eq(r.v[0].rule, "t.whilst");
	ck_assert_uint_eq(r.v[0].start, 8);
	ck_assert_uint_eq(r.v[0].end, 14);
	ck_assert_int_eq(r.v[0].severity, PL_SEV_ERROR);
	ck_assert_str_eq(r.v[0].message, "'whilst' is dated");
	ck_assert_uint_eq(r.v[0].n_suggest, 1);
	ck_assert_str_eq(r.v[0].suggest[0], "while");
	ck_assert_uint_eq(r.v[1].start, 26);
	ck_assert_uint_eq(r.v[1].end, 32);
}
END_TEST

START_TEST(test_match_span_case)
{
	/* span = 1 reports the group; case = match follows its casing */
	char path[1024];
	tresult r;

	ck_assert_int_eq(load("m.rules", "[t.colour]\n"
			      "pattern = (?i)\\b(colou?r)ful\\b\n"
			      "span = 1\n"
			      "message = '{1}' in '{0}'\n"
			      "suggest = hue{2}\n"
			      "case = match\n", path, sizeof(path)), PL_OK);
	run("Colourful and COLORFUL and colorful.", &r);
	ck_assert_msg(r.n == 3, "got:%s", tdump(&r));
	ck_assert_uint_eq(r.v[0].start, 0);
	ck_assert_uint_eq(r.v[0].end, 6);
	ck_assert_str_eq(r.v[0].message, "'Colour' in 'Colourful'");
	ck_assert_str_eq(r.v[0].suggest[0], "Hue"); /* {2}: no such group */
	ck_assert_uint_eq(r.v[1].start, 14);
	ck_assert_uint_eq(r.v[1].end, 19);
	ck_assert_str_eq(r.v[1].suggest[0], "HUE");
	ck_assert_uint_eq(r.v[2].start, 27);
	ck_assert_uint_eq(r.v[2].end, 32);
	ck_assert_str_eq(r.v[2].suggest[0], "hue");
}
END_TEST

START_TEST(test_match_case_keep)
{
	char path[1024];
	tresult r;

	ck_assert_int_eq(load("m.rules", "[t.keep]\npattern = (?i)\\b(teh)\\b\n"
			      "message = m\nsuggest = the\ncase = keep\n",
			      path, sizeof(path)), PL_OK);
	run("TEH end", &r);
	ck_assert_uint_eq(r.n, 1);
	ck_assert_str_eq(r.v[0].suggest[0], "the");
}
END_TEST

START_TEST(test_match_suggest_groups)
{
	char path[1024];
	tresult r;

	ck_assert_int_eq(load("m.rules", "[t.swap]\npattern = (\\w+) ,(\\w+)\n"
			      "message = swap {2} and {1}\nsuggest = {1}, {2}\n",
			      path, sizeof(path)), PL_OK);
	run("one ,two", &r);
	ck_assert_uint_eq(r.n, 1);
	ck_assert_str_eq(r.v[0].message, "swap two and one");
	ck_assert_str_eq(r.v[0].suggest[0], "one, two");
}
END_TEST

START_TEST(test_match_suggest_empty_or_none)
{
	/* "suggest =" suggests deletion; no suggest key suggests nothing */
	char path[1024];
	tresult r;

	ck_assert_int_eq(load("m.rules", "[t.del]\npattern = <br>\nmessage = m\nsuggest =\n"
			      "[t.none]\npattern = &amp;\nmessage = m\n",
			      path, sizeof(path)), PL_OK);
	run("a<br>b &amp; c", &r);
	ck_assert_uint_eq(r.n, 2);
	ck_assert_str_eq(r.v[0].rule, "t.del");
	ck_assert_uint_eq(r.v[0].n_suggest, 1);
	ck_assert_str_eq(r.v[0].suggest[0], "");
	ck_assert_str_eq(r.v[1].rule, "t.none");
	ck_assert_uint_eq(r.v[1].n_suggest, 0);
}
END_TEST

START_TEST(test_match_multiline)
{
	char path[1024];
	tresult r;

	ck_assert_int_eq(load("m.rules", "[t.start]\npattern = ^Foo\nmessage = m\n",
			      path, sizeof(path)), PL_OK);
	run("Foo one\nFoo two Foo\r\nFoo", &r);
	ck_assert_uint_eq(r.n, 3);
	ck_assert_uint_eq(r.v[0].start, 0);
	ck_assert_uint_eq(r.v[1].start, 8);
	ck_assert_uint_eq(r.v[2].start, 21);
}
END_TEST

/* Rules whose matches all start with known bytes are matched only where
 * those bytes are (pl_patterns.c, "lead"): the same findings as a plain
 * search, at the start and end of the text, in either case, and with
 * 's' under (?i) matching U+017F. */
START_TEST(test_match_lead)
{
	char path[1024];
	tresult r;

	ck_assert_int_eq(load("m.rules",
			      "[t.then]\npattern = (?<=\\bmore[ \\t])(then)\\b\nmessage = m\n"
			      "[t.loose]\npattern = (?i)\\bto (loose)\\b\nmessage = m\n"
			      "[t.affect]\npattern = (?i)\\b(?:an[ \\t]+(affect)\\b|"
			      "(affect)(?=[ \\t]+on\\b))\nmessage = m\n",
			      path, sizeof(path)), PL_OK);
	run("more then, xmore then, more thenx, more then", &r);
	ck_assert_uint_eq(r.n, 2);
	ck_assert_uint_eq(r.v[0].start, 5);
	ck_assert_uint_eq(r.v[1].start, 40);
	ck_assert_uint_eq(r.v[1].end, 44);
	run("to loose, TO LOOSE, to loo\xC5\xBF" "e, into loose", &r);
	ck_assert_uint_eq(r.n, 3);
	ck_assert_uint_eq(r.v[0].start, 0);
	ck_assert_uint_eq(r.v[1].start, 10);
	ck_assert_uint_eq(r.v[2].start, 20);
	ck_assert_uint_eq(r.v[2].end, 29);
	run("an affect; can affect on; affect on; an  affects", &r);
	ck_assert_uint_eq(r.n, 3);
	ck_assert_uint_eq(r.v[0].start, 0);
	ck_assert_uint_eq(r.v[0].end, 9);
	ck_assert_uint_eq(r.v[1].start, 15);
	ck_assert_uint_eq(r.v[2].start, 26);
}
END_TEST

/* A pattern is JIT-compiled once it has been tried some hundreds of
 * times (pl_patterns.c, JIT_AFTER): a rule with a lead (tried anchored at
 * each "ore then", which "amore then" fails: its pattern anchored at match
 * time, then its anchored twin, compiled and JIT-compiled) and one without
 * (PCRE2's own search, each call counting the text it may pass over)
 * find every match at the same places, in a text where both pass that
 * mark and in the next text. */
START_TEST(test_match_many_tries)
{
	enum { THEN = 1000, DIGITS = 300 };
	char path[1024], *text = malloc(THEN * 11 + DIGITS * 5 + 1);
	size_t i, o = 0;
	tresult *r = malloc(sizeof(*r));
	int round;

	ck_assert_ptr_nonnull(text);
	ck_assert_ptr_nonnull(r);
	ck_assert_int_eq(load("m.rules",
			      "[t.then]\npattern = (?<=\\bmore[ \\t])(then)\\b\nmessage = m\n"
			      "[t.digits]\npattern = (?<![0-9])[0-9]{3}x\nmessage = m\n",
			      path, sizeof(path)), PL_OK);
	for (i = 0; i < THEN; i++)
		o += (size_t)sprintf(text + o, i % 50 ? "amore then " : " more then ");
	for (i = 0; i < DIGITS; i++)
		o += (size_t)sprintf(text + o, "123x ");
	ck_assert_uint_eq(pl_patterns_settled(pats), 0);
	for (round = 0; round < 2; round++) {
		size_t k = 0;

		run(text, r);
		ck_assert_uint_eq(r->n + r->dropped, THEN / 50 + DIGITS);
		for (i = 0; i < THEN; i += 50, k++) {
			ck_assert_str_eq(r->v[k].rule, "t.then");
			ck_assert_uint_eq(r->v[k].start, i * 11 + 6);
		}
		for (i = 0; k < r->n; i++, k++) {
			ck_assert_str_eq(r->v[k].rule, "t.digits");
			ck_assert_uint_eq(r->v[k].start, THEN * 11 + i * 5);
		}
		ck_assert_uint_eq(pl_patterns_settled(pats), 2);
	}
	free(r);
	free(text);
}
END_TEST

/* A rule with no lead searches the whole text in one call when it seldom
 * matches: one such search of a long text is reason enough to JIT-compile
 * it (else a large file's every part was searched by the interpreter),
 * while a short text leaves it as it is. */
START_TEST(test_search_settles)
{
	enum { LONG = 100000 };
	char path[1024], *text = malloc(LONG + 8);
	tresult r;

	ck_assert_ptr_nonnull(text);
	ck_assert_int_eq(load("m.rules", "[t.digits]\npattern = (?<![0-9])[0-9]{3}x\n"
			      "message = m\n", path, sizeof(path)), PL_OK);
	run("a short text, 123x", &r);
	ck_assert_uint_eq(r.n, 1);
	ck_assert_uint_eq(pl_patterns_settled(pats), 0);
	memset(text, 'a', LONG);
	memcpy(text + LONG, " 123x", 6);
	run(text, &r);
	ck_assert_uint_eq(r.n, 1);
	ck_assert_uint_eq(r.v[0].start, LONG + 1);
	ck_assert_uint_eq(pl_patterns_settled(pats), 1);
	run(text, &r);
	ck_assert_uint_eq(r.n, 1);
	ck_assert_uint_eq(r.v[0].start, LONG + 1);
	free(text);
}
END_TEST

/* The leads of all rules are looked for in one pass: two rules whose
 * leads start with the same byte each see theirs, a rule passes over
 * places inside its last match that another rule still takes, and a
 * lead at the very end of the text is found. */
START_TEST(test_shared_same_byte)
{
	char path[1024];
	tresult r;

	ck_assert_int_eq(load("m.rules",
			      "[t.pair]\npattern = \\bxyz xyz\\b\nmessage = m\n"
			      "[t.one]\npattern = \\bxyz\\b\nmessage = m\n"
			      "[t.xyw]\npattern = \\bxyw[ \\t]+(ok)\nmessage = m\n",
			      path, sizeof(path)), PL_OK);
	run("xyz xyz xyz xyz xyw ok xyw\tok", &r);
	ck_assert_msg(r.n == 8, "got:%s", tdump(&r));
	/* sorted by start, then rule: t.pair at 0 and 8, not at 4 */
	ck_assert_str_eq(r.v[0].rule, "t.pair");
	ck_assert_uint_eq(r.v[0].start, 0);
	ck_assert_uint_eq(r.v[0].end, 7);
	ck_assert_str_eq(r.v[1].rule, "t.one");
	ck_assert_uint_eq(r.v[1].start, 0);
	ck_assert_str_eq(r.v[2].rule, "t.one");
	ck_assert_uint_eq(r.v[2].start, 4);
	ck_assert_str_eq(r.v[3].rule, "t.pair");
	ck_assert_uint_eq(r.v[3].start, 8);
	ck_assert_uint_eq(r.v[3].end, 15);
	ck_assert_str_eq(r.v[4].rule, "t.one");
	ck_assert_uint_eq(r.v[4].start, 8);
	ck_assert_str_eq(r.v[5].rule, "t.one");
	ck_assert_uint_eq(r.v[5].start, 12);
	ck_assert_str_eq(r.v[6].rule, "t.xyw");
	ck_assert_uint_eq(r.v[6].start, 16);
	ck_assert_str_eq(r.v[7].rule, "t.xyw");
	ck_assert_uint_eq(r.v[7].start, 23);
	ck_assert_uint_eq(r.v[7].end, 29);
	/* at the very end, and too short to be there */
	run("an xyz", &r);
	ck_assert_msg(r.n == 1 && r.v[0].start == 3 && r.v[0].end == 6, "got:%s", tdump(&r));
	run("xyz", &r);
	ck_assert_msg(r.n == 1 && r.v[0].start == 0, "got:%s", tdump(&r));
	run("xy", &r);
	ck_assert_none(&r, "t.");
	run("axyz xyzb xyz_", &r);
	ck_assert_none(&r, "t.");
}
END_TEST

/* The pass sorts leads by their first two bytes: leads that share only
 * their first byte ("too ", "their", "then") each still find theirs, and
 * "the " or "the" is no place for any of them; a lead of two bytes ("of")
 * shares its bucket with a longer one ("offer") and takes any third byte
 * that may end a word, and any fourth. */
START_TEST(test_shared_two_bytes)
{
	static const char text[] = "the too ok, their then, more then; of offer "
				   "offering too\tok the";
	static const struct {
		const char *rule, *at;
	} want[] = {
		{ "t.too", "too ok" }, { "t.their", "their" }, { "t.then", "then;" },
		{ "t.of", "of " },     { "t.offer", "offer " }, { "t.too", "too\tok" },
	};
	char path[1024];
	tresult r;
	size_t k;

	ck_assert_int_eq(load("m.rules",
			      "[t.too]\npattern = \\b(too)[ \\t]+ok\nmessage = m\n"
			      "[t.their]\npattern = \\btheir\\b\nmessage = m\n"
			      "[t.then]\npattern = (?<=\\bmore[ \\t])(then)\\b\nmessage = m\n"
			      "[t.of]\npattern = \\bof\\b\nmessage = m\n"
			      "[t.offer]\npattern = \\boffer\\b\nmessage = m\n",
			      path, sizeof(path)), PL_OK);
	run(text, &r);
	ck_assert_msg(r.n == PL_ARRAY_LEN(want), "got:%s", tdump(&r));
	for (k = 0; k < r.n; k++) {
		ck_assert_str_eq(r.v[k].rule, want[k].rule);
		ck_assert_uint_eq(r.v[k].start, (size_t)(strstr(text, want[k].at) - text));
	}
}
END_TEST

/* A caseless lead in the pass takes either case of each letter; one that
 * is not takes only its own. */
START_TEST(test_shared_caseless)
{
	char path[1024];
	tresult r;

	ck_assert_int_eq(load("m.rules",
			      "[t.qux]\npattern = (?i)\\bqux[ \\t]+ok\nmessage = m\n"
			      "[t.quy]\npattern = \\bquy[ \\t]+ok\nmessage = m\n",
			      path, sizeof(path)), PL_OK);
	run("QUX ok, Qux\tOK, qUx ok, QUY ok, quy ok, quy OK", &r);
	ck_assert_msg(r.n == 4, "got:%s", tdump(&r));
	ck_assert_uint_eq(r.v[0].start, 0);
	ck_assert_uint_eq(r.v[1].start, 8);
	ck_assert_uint_eq(r.v[2].start, 16);
	ck_assert_str_eq(r.v[3].rule, "t.quy");
	ck_assert_uint_eq(r.v[3].start, 32);
}
END_TEST

/* The pass reads 32 places at a time where the CPU has AVX2, 16 with
 * SSSE3 and the last few one by one: a lead is found wherever it falls,
 * in every block and at the very end, and not past it. */
START_TEST(test_shared_every_offset)
{
	char path[1024], text[128];
	size_t pad;
	tresult r;

	ck_assert_int_eq(load("m.rules", "[t.then]\npattern = (?<=\\bmore[ \\t])"
			      "(then)\\b\nmessage = m\n", path, sizeof(path)), PL_OK);
	for (pad = 0; pad < 90; pad++) {
		memset(text, 'x', pad);
		snprintf(text + pad, sizeof(text) - pad, " more then");
		run(text, &r);
		ck_assert_msg(r.n == 1 && r.v[0].start == pad + 6, "pad %zu: %s",
			      pad, tdump(&r));
		snprintf(text + pad, sizeof(text) - pad, " more the");
		run(text, &r);
		ck_assert_msg(r.n == 0, "pad %zu: %s", pad, tdump(&r));
	}
}
END_TEST

/* The pass's tests of the bytes around a place (a lookbehind's, a "\b"
 * before and after, what follows white space that may go on) hold at
 * every distance from the text's start and end: each rule with a lead
 * finds just what its twin without one finds, PCRE2 searching alone. */
START_TEST(test_shared_around)
{
	static const char *const pats[] = {
		"(?<=\\bmust[ \\t])(of)\\b", "\\ban[ \\t]+(affect)", "\\b(their)[ \\t]+(?=is\\b)",
		"(?<=\\bmore[ \\t])(then)\\b",
	};
	static const char *const bodies[] = {
		"must of",   "must ofx",   "xmust of",   "must  of",    "an affect",
		"an  affect", "an\taffect", "an \taffect", "an effect",  "anaffect",
		"their is",  "their isn't", "other is",  "their  is",   "more then",
		"more thenx", "xmore then", "more the",
	};
	char rules[2048], path[1024], text[64];
	size_t n = 0, k, b, pad, tail, total = 0;
	tresult r;

	for (k = 0; k < PL_ARRAY_LEN(pats); k++)
		n += (size_t)snprintf(rules + n, sizeof(rules) - n,
				      "[t.r%zu]\npattern = %s\nmessage = m\n"
				      "[t.r%zup]\npattern = (?#x)%s\nmessage = m\n",
				      k, pats[k], k, pats[k]);
	ck_assert_int_eq(load("m.rules", rules, path, sizeof(path)), PL_OK);
	for (b = 0; b < PL_ARRAY_LEN(bodies); b++) {
		for (pad = 0; pad < 5; pad++) {
			for (tail = 0; tail < 10; tail++) {
				size_t i, len = 0;

				memset(text, ' ', pad);
				len = pad + (size_t)snprintf(text + pad, sizeof(text) - pad,
							    "%s", bodies[b]);
				memset(text + len, tail % 2 ? 'y' : ' ', tail);
				text[len + tail] = '\0';
				run(text, &r);
				ck_assert_msg(r.n % 2 == 0, "'%s':%s", text, tdump(&r));
				/* sorted by start, then rule: each twin beside
				 * the other */
				for (i = 0; i < r.n; i += 2) {
					ck_assert_msg(r.v[i].start == r.v[i + 1].start &&
						      r.v[i].end == r.v[i + 1].end &&
						      strlen(r.v[i + 1].rule) ==
							      strlen(r.v[i].rule) + 1,
						      "'%s':%s", text, tdump(&r));
				}
				total += r.n;
			}
		}
	}
	/* not a test of nothing */
	ck_assert_uint_ge(total, 300);
}
END_TEST

/* More leads than one pass holds: the rules past it look on their own,
 * and every rule still finds each of its words. */
START_TEST(test_shared_full)
{
	char path[1024], rules[8192], text[2048];
	size_t o = 0, t = 0, k;
	tresult r;

	for (k = 0; k < 20; k++) {
		char c = (char)('a' + k);
		o += (size_t)snprintf(rules + o, sizeof(rules) - o,
				      "[t.r%zu]\npattern = \\b(?:zz%ca|zz%cb|zz%cc|zz%cd)\\b\n"
				      "message = m\n", k, c, c, c, c);
		t += (size_t)snprintf(text + t, sizeof(text) - t,
				      "zz%cd zz%cc x zz%cb zz%ca zz%ce ", c, c, c, c, c);
	}
	ck_assert_int_eq(load("m.rules", rules, path, sizeof(path)), PL_OK);
	run(text, &r);
	/* only the first T_MAX_FINDINGS are kept; the rest are counted */
	ck_assert_msg(r.n + r.dropped == 80, "got %zu", r.n + r.dropped);
	for (k = 0; k < r.n; k++) {
		char want[32];
		snprintf(want, sizeof(want), "t.r%zu", k / 4);
		ck_assert_str_eq(r.v[k].rule, want);
	}
	/* the last rule, past the pass, on its own */
	run(text + t - 27, &r);
	ck_assert_msg(r.n == 4, "got:%s", tdump(&r));
	ck_assert_str_eq(r.v[0].rule, "t.r19");
}
END_TEST

START_TEST(test_match_not_in_urls)
{
	char path[1024];
	tresult r;

	ck_assert_int_eq(load("m.rules", "[t.ex]\npattern = example\nmessage = m\n",
			      path, sizeof(path)), PL_OK);
	run("See https://example.com/example or www.example.org; example here.", &r);
	ck_assert_uint_eq(r.n, 1);
	ck_assert_uint_eq(r.v[0].start, 52);
}
END_TEST

/* Regression (was a bug): run_rule() starts pcre2_match at offset
 * `body`, where "^" does not match, so an anchored rule never fires on the
 * first line of a file with a BOM. Actual: no finding; with the CLI,
 * printf '\xef\xbb\xbf5 min read\n' gives no artifact.scraper-line, which
 * the same line without the BOM gets. */
START_TEST(test_match_after_bom)
{
	char path[1024];
	tresult r;

	ck_assert_int_eq(load("m.rules", "[t.start]\npattern = ^Hi\nmessage = m\n",
			      path, sizeof(path)), PL_OK);
	run("\xEF\xBB\xBFHi there", &r);
	ck_assert_uint_eq(r.n, 1);
	ck_assert_uint_eq(r.v[0].start, 3);
}
END_TEST

/* A rule whose every match starts a line, with no lead, is tried only
 * at line starts whose first byte can start a match: it finds what
 * PCRE2's own search finds, line breaks of every kind and a BOM
 * included. The reference is that search, run here. */
START_TEST(test_match_line_rules)
{
	static const char *const line_pats[] = {
		"^[ \\t]*(?i:\\d{1,3}[ \\t]+comments?|photo:[^\\n]{1,20})[ \\t]*$",
		"^\\s*note:",
		"^(?:Hi|Hello)\\b",
		"^\u00e9t\u00e9",
		"^(?i)x+$",
	};
	static const char *const texts[] = {
		"12 comments\nHi there\r\nHello\rHi again\n\n  3 comment \nnote: a\n",
		"\xEF\xBB\xBF" "Hi\n\n\n \t\nnote:\n\u00e9t\u00e9\nX\nxx\r\nxXx",
		"Photo: AP\n  photo: me  \n\u00e9t\u00e9 hot\n12 Comments",
		"",
		"\n",
		"no line starts here with anything",
	};
	size_t a, b;

	for (a = 0; a < PL_ARRAY_LEN(line_pats); a++) {
		char rules[512], path[1024];
		pcre2_code *re;
		pcre2_match_data *md;
		int code;
		PCRE2_SIZE off;

		snprintf(rules, sizeof(rules), "[t.line]\npattern = %s\nmessage = m\n",
			 line_pats[a]);
		pl_patterns_free(pats);
		pats = pl_patterns_new();
		pl_ruleset_fini(&set);
		ck_assert_int_eq(pl_ruleset_init(&set), PL_OK);
		ck_assert_int_eq(load("l.rules", rules, path, sizeof(path)), PL_OK);
		re = pcre2_compile((PCRE2_SPTR)line_pats[a], PCRE2_ZERO_TERMINATED,
				   PCRE2_UTF | PCRE2_UCP | PCRE2_MULTILINE, &code, &off, NULL);
		ck_assert_ptr_nonnull(re);
		md = pcre2_match_data_create_from_pattern(re, NULL);
		for (b = 0; b < PL_ARRAY_LEN(texts); b++) {
			const char *t = texts[b];
			size_t len = strlen(t), body = len >= 3 && !memcmp(t, "\xEF\xBB\xBF", 3) ? 3 : 0;
			PCRE2_SIZE at = 0;
			size_t n = 0;
			tresult r;

			run(t, &r);
			while (pcre2_match(re, (PCRE2_SPTR)t + body, len - body, at, 0, md, NULL) > 0) {
				PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
				ck_assert_msg(n < r.n, "pattern %zu text %zu: finding %zu missing", a, b, n);
				ck_assert_uint_eq(r.v[n].start, body + ov[0]);
				ck_assert_uint_eq(r.v[n].end, body + ov[1]);
				n++;
				at = ov[1] > ov[0] ? ov[1] : ov[1] + 1;
			}
			ck_assert_msg(r.n == n, "pattern %zu text %zu: %zu findings, PCRE2 %zu",
				      a, b, (size_t)r.n, n);
		}
		pcre2_match_data_free(md);
		pcre2_code_free(re);
	}
}
END_TEST

START_TEST(test_match_unicode)
{
	/* UTF and UCP: \w and \b know letters outside ASCII */
	char path[1024];
	tresult r;

	ck_assert_int_eq(load("m.rules", "[t.word]\npattern = \\bcafé\\b\nmessage = m\n",
			      path, sizeof(path)), PL_OK);
	run("Le café, cafés, écafé.", &r);
	ck_assert_uint_eq(r.n, 1);
	ck_assert_uint_eq(r.v[0].start, 3);
	ck_assert_uint_eq(r.v[0].end, 8);
}
END_TEST

START_TEST(test_match_rule_off)
{
	char path[1024];
	tresult r;

	ck_assert_int_eq(load("m.rules", "[t.ex]\npattern = x\nmessage = m\n",
			      path, sizeof(path)), PL_OK);
	ck_assert_int_eq(pl_ruleset_enable(&set, "t", false), PL_OK);
	run("x x x", &r);
	ck_assert_uint_eq(r.n, 0);
}
END_TEST

START_TEST(test_match_rules_change)
{
	/* a plan is kept for the rules on: turning one off, back on, and
	 * loading another file between documents each take effect */
	char path[1024];
	tresult r;

	ck_assert_int_eq(load("a.rules",
			      "[t.one]\npattern = \\bone\\b\nmessage = m1\n"
			      "[t.two]\npattern = \\btwo\\b\nmessage = m2\n",
			      path, sizeof(path)), PL_OK);
	run("one two", &r);
	ck_assert_msg(r.n == 2, "got:%s", tdump(&r));
	ck_assert_int_eq(pl_ruleset_enable(&set, "t.one", false), PL_OK);
	run("one two", &r);
	ck_assert_msg(r.n == 1, "got:%s", tdump(&r));
	ck_assert_str_eq(r.v[0].rule, "t.two");
	ck_assert_int_eq(pl_ruleset_enable(&set, "t.one", true), PL_OK);
	run("one two", &r);
	ck_assert_msg(r.n == 2, "got:%s", tdump(&r));
	ck_assert_int_eq(load("b.rules", "[t.three]\npattern = \\bthree\\b\nmessage = m3\n",
			      path, sizeof(path)), PL_OK);
	run("one two three", &r);
	ck_assert_msg(r.n == 3, "got:%s", tdump(&r));
	ck_assert_str_eq(r.v[2].rule, "t.three");
}
END_TEST

/* ---- %{list} ------------------------------------------------------------- */

START_TEST(test_list_beside_rule_file)
{
	char path[1024], list[1024];
	tresult r;

	tmpfile_write(dir, "fruits.txt", "# fruit\napple\n\n banana split \nkiwi.fruit\n",
		      list, sizeof(list));
	ck_assert_int_eq(load("f.rules", "[t.fruit]\npattern = \\b%{fruits}\\b\n"
			      "message = fruit '{0}'\n", path, sizeof(path)), PL_OK);
	run("An apple, a banana  split, kiwi.fruit, kiwiXfruit, pineapple.", &r);
	ck_assert_msg(r.n == 3, "got:%s", tdump(&r));
	ck_assert_uint_eq(r.v[0].start, 3);
	ck_assert_str_eq(r.v[0].message, "fruit 'apple'");
	/* a space in an entry matches any run of white space */
	ck_assert_str_eq(r.v[1].message, "fruit 'banana  split'");
	/* metacharacters are literal */
	ck_assert_str_eq(r.v[2].message, "fruit 'kiwi.fruit'");
}
END_TEST

/* A list's words that share their first bytes are written as one
 * alternation under the bytes they share; what matches is the same, and
 * the word listed first still wins where two match ("set" before
 * "settle", and the other way round). Bytes of a longer UTF-8 character
 * and escaped ones are shared by none. */
START_TEST(test_list_shared_starts)
{
	static const char *const want[] = {
		"short 'set'", "long 'settle'", "short 'add'", "long 'add'",
		"short 'act'", "long 'act'", "short 'caf\xc3\xa9'", "short 'a.c'",
		"short 'a.b'", "short 'a  b'",
	};
	char path[1024], list[1024];
	tresult r;
	size_t i;

	tmpfile_write(dir, "short.txt", "set\nsettle\nadd\nact\ncaf\xc3\xa9\ncaf\xc3\xa9s\na.b\n"
		      "a.c\na b\n", list, sizeof(list));
	tmpfile_write(dir, "long.txt", "settle\nset\nact\nadd\n", list, sizeof(list));
	ck_assert_int_eq(load("s.rules", "[t.short]\npattern = (?<![a-z])%{short}\n"
			      "message = short '{0}'\n\n"
			      "[t.long]\npattern = (?<![a-z])%{long}\n"
			      "message = long '{0}'\n", path, sizeof(path)), PL_OK);
	run("settle adds acts caf\xc3\xa9s a.c a.b a  b axb", &r);
	ck_assert_uint_eq(r.n, PL_ARRAY_LEN(want));
	for (i = 0; i < PL_ARRAY_LEN(want); i++)
		ck_assert_str_eq(r.v[i].message, want[i]);
}
END_TEST

START_TEST(test_list_fallback_dir)
{
	char path[1024], list[1024], other[600];
	tresult r;

	snprintf(other, sizeof(other), "%s/dicts", dir);
	ck_assert_int_eq(mkdir(other, 0700), 0);
	tmpfile_write(other, "names.txt", "Plotnikov\n", list, sizeof(list));
	tmpfile_write(dir, "n.rules", "[t.name]\npattern = %{names}\nmessage = m\n",
		      path, sizeof(path));
	ck_assert_int_eq(pl_patterns_load(pats, &set, path, other), PL_OK);
	run("Dr. Plotnikov", &r);
	ck_assert_uint_eq(r.n, 1);
	ck_assert_uint_eq(r.v[0].start, 4);
}
END_TEST

START_TEST(test_list_pattern_error_column)
{
	/* with a list expanded, offsets no longer map to the file: the
	 * column is the start of the pattern */
	char list[1024];

	tmpfile_write(dir, "w.txt", "word\n", list, sizeof(list));
	ck_assert_load_error("[a.b]\npattern = %{w}(\nmessage = m\n",
			     ":2:11: error: pattern of 'a.b': missing closing "
			     "parenthesis (at offset 9)");
}
END_TEST

/* ---- the shipped rule files ---------------------------------------------- */

static void load_shipped(const char *name)
{
	char path[512];

	snprintf(path, sizeof(path), TEST_DATA_DIR "/rules/%s", name);
	ck_assert_msg(pl_patterns_load(pats, &set, path, TEST_DATA_DIR "/dictionaries")
		      == PL_OK, "%s", pl_error_last());
}

START_TEST(test_shipped_load)
{
	load_shipped("artifacts.rules");
	load_shipped("context.rules");
	ck_assert_int_ge(pl_ruleset_find(&set, "artifact.html-tag"), PL_RULE_BUILTIN_COUNT);
	ck_assert_int_ge(pl_ruleset_find(&set, "artifact.html-entity"), PL_RULE_BUILTIN_COUNT);
	ck_assert_int_ge(pl_ruleset_find(&set, "context.too-to"), PL_RULE_BUILTIN_COUNT);
	ck_assert_int_ge(pl_ruleset_find(&set, "context.could-of"), PL_RULE_BUILTIN_COUNT);
}
END_TEST

START_TEST(test_context_too_to)
{
	tresult r;

	load_shipped("context.rules");
	run("Too shed light on this, we spoke.", &r);
	ck_assert_only(&r, "context.too-to", 0, 3);
	ck_assert_str_eq(r.v[0].message, "'Too' before a verb: did you mean 'to'?");
	ck_assert_uint_eq(r.v[0].n_suggest, 1);
	ck_assert_str_eq(r.v[0].suggest[0], "To");
	run("We need too find out.", &r);
	ck_assert_only(&r, "context.too-to", 8, 11);
	ck_assert_str_eq(r.v[0].suggest[0], "to");
}
END_TEST

static const char *const too_ok[] = {
	"It costs too much.",
	"Too many people came.",
	"She came too.",
	"He was too tired to go.",
	"Me too, she said.",
};

START_TEST(test_context_too_ok)
{
	tresult r;

	load_shipped("context.rules");
	run(too_ok[_i], &r);
	ck_assert_none(&r, "context");
}
END_TEST

/* The bytes a lookbehind fixes before a lead, and "\b" after it
 * (pl_lead.c): each place back takes what any alternative has there, as
 * far back as every alternative has single bytes; under (?i) 's' and 'k'
 * also end U+017F and U+212A, which are longer, so nothing before them
 * counts. */
static bool in_set(const uint8_t set[32], unsigned char c)
{
	return set[c >> 3] & (1u << (c & 7));
}

static size_t set_size(const uint8_t set[32])
{
	size_t c, k = 0;

	for (c = 0; c < 256; c++)
		k += in_set(set, (unsigned char)c);
	return k;
}

START_TEST(test_lead_behind)
{
	static const char then[] = "(?<=\\bmore[ \\t]|\\bless[ \\t])(then)\\b(?!-)";
	static const char of[] = "(?i)(?<=\\bcould[ \\t]|\\bmust[ \\t])(of)\\b";
	static const char *const none[] = {
		"(?<=a|)xyz",          /* an empty alternative */
		"(?<=(?i)ab)xyz",      /* options inside */
		"(?<=a\\d+)xyz",       /* what is before a quantifier */
		"(?<=\\x{41})xyz",      /* an escape with braces */
		"(?<!ab)xyz",          /* negative */
	};
	leads ls;
	const lead *l;
	size_t k;

	pl_leads_parse(then, strlen(then), &ls);
	ck_assert_uint_eq(ls.n, 1);
	l = &ls.v[0];
	ck_assert(l->n == 4 && memcmp(l->c, "then", 4) == 0);
	ck_assert(l->word_end && !l->word_start);
	ck_assert_uint_eq(l->nbefore, 4);
	ck_assert(set_size(l->before[0]) == 2 && in_set(l->before[0], ' ') &&
		  in_set(l->before[0], '\t'));
	ck_assert(set_size(l->before[1]) == 2 && in_set(l->before[1], 'e') &&
		  in_set(l->before[1], 's'));
	ck_assert(set_size(l->before[2]) == 2 && in_set(l->before[2], 'r') &&
		  in_set(l->before[2], 's'));
	ck_assert(set_size(l->before[3]) == 2 && in_set(l->before[3], 'o') &&
		  in_set(l->before[3], 'e'));

	/* two bytes are worth a search with a lookbehind before them */
	pl_leads_parse(of, strlen(of), &ls);
	ck_assert_uint_eq(ls.n, 1);
	l = &ls.v[0];
	ck_assert(l->n == 2 && l->word_end);
	ck_assert_uint_eq(l->nbefore, 3);
	ck_assert(set_size(l->before[1]) == 4 && in_set(l->before[1], 'D') &&
		  in_set(l->before[1], 't'));
	/* "l" of could, "s" of must: either case, or the end of U+017F */
	ck_assert(set_size(l->before[2]) == 5 && in_set(l->before[2], 'L') &&
		  in_set(l->before[2], 's') && in_set(l->before[2], 'S') &&
		  in_set(l->before[2], 0xBF));

	for (k = 0; k < PL_ARRAY_LEN(none); k++) {
		pl_leads_parse(none[k], strlen(none[k]), &ls);
		ck_assert_msg(ls.n == 1 && ls.v[0].n == 3 && ls.v[0].nbefore == 0,
			      "%s: %zu leads", none[k], ls.n);
	}
	/* what a quantifier leaves after it still counts */
	pl_leads_parse("(?<=a+b[ ])xyz", 14, &ls);
	ck_assert(ls.n == 1 && ls.v[0].nbefore == 2 && in_set(ls.v[0].before[1], 'b'));
}
END_TEST

static void parse(const char *pat, leads *ls)
{
	pl_leads_parse(pat, strlen(pat), ls);
}

/* What follows a lead that ends in white space that may go on
 * ("[ \t]+"): the bytes the next item may start with, when it is sure to
 * take one (a byte, a class, a group or a lookahead of such), and no
 * filter otherwise. A group of alternatives' leads go on after it. */
START_TEST(test_lead_after)
{
	static const char *const none[] = {
		"\\bits[ \\t]+(?=\\bown)",       /* zero-width first */
		"\\bits[ \\t]+(?:own)?x",        /* may be left out */
		"\\bits[ \\t]+(?=[ \\t]*own)",   /* may be left out */
		"\\bits[ \\t]+(?=\\town)",       /* white space again */
		"\\bits[ \\t]+(?!own)",          /* negative */
		"\\b(its)[ \\t]+",               /* nothing after */
		"\\b(?:its[ \\t]+|it is )own",   /* what follows is the group's */
		"\\b(?:there|their)+[ \\t]+(?=own)", /* the group may repeat */
		"\\bits[ \\t]+\\w",              /* an escape of many bytes */
	};
	leads ls;
	const lead *l;
	size_t k;

	parse("\\b([Ii]ts)[ \\t]+(?=(?:a|an|been|not)\\b)", &ls);
	ck_assert_uint_eq(ls.n, 1);
	l = &ls.v[0];
	ck_assert(l->n == 4 && memcmp(l->c, "its ", 4) == 0 && l->alt[3] == '\t');
	ck_assert(l->after_on);
	ck_assert(set_size(l->after) == 3 && in_set(l->after, 'a') && in_set(l->after, 'b') &&
		  in_set(l->after, 'n'));

	parse("\\b([Tt]here|[Tt]heir)[ \\t]+(?=own\\b)", &ls);
	ck_assert_uint_eq(ls.n, 2);
	for (k = 0; k < 2; k++) {
		l = &ls.v[k];
		ck_assert_uint_eq(l->n, 6);
		ck_assert(l->after_on && set_size(l->after) == 1 && in_set(l->after, 'o'));
	}

	parse("(?i)\\b(?:an[ \\t]+(affect)\\b|(affect)(?=[ \\t]+on\\b))", &ls);
	ck_assert_uint_eq(ls.n, 2);
	ck_assert(ls.v[0].n == 3 && ls.v[0].after_on);
	ck_assert(set_size(ls.v[0].after) == 2 && in_set(ls.v[0].after, 'a') &&
		  in_set(ls.v[0].after, 'A'));
	ck_assert(ls.v[1].n == 6 && !ls.v[1].after_on);

	/* (?i) 'k' and 's' also match U+212A and U+017F */
	parse("(?i)\\bto[ \\t]+(?=keep|stay)", &ls);
	ck_assert(ls.n == 1 && ls.v[0].after_on);
	ck_assert(set_size(ls.v[0].after) == 6 && in_set(ls.v[0].after, 'K') &&
		  in_set(ls.v[0].after, 's') && in_set(ls.v[0].after, 0xE2) &&
		  in_set(ls.v[0].after, 0xC5));

	for (k = 0; k < PL_ARRAY_LEN(none); k++) {
		parse(none[k], &ls);
		ck_assert_msg(ls.n >= 1, "%s: no lead", none[k]);
		ck_assert_msg(!ls.v[0].after_on, "%s: a filter after the lead", none[k]);
	}
}
END_TEST

/* Rules whose leads have a filter after them find what PCRE2's own
 * search finds: the same rules with a comment in them, which keeps them
 * from having leads. Runs of spaces and tabs, the end of the text right
 * after them, either case, and U+017F under (?i). */
START_TEST(test_match_lead_after)
{
	static const char text[] =
		"its a, its  been, its\tnot, Its an, its x, itsa, its own, there own, "
		"their  own, Their\town, there owns, there Own, theirown, an affect, "
		"AN  Affect, an effect, to stay, TO  STAY, to \xC5\xBFtay, to keep, "
		"to go, the end its  ";
	char path[1024];
	tresult r;
	size_t k;

	ck_assert_int_eq(
		load("m.rules",
		     "[t.its]\npattern = \\b([Ii]ts)[ \\t]+(?=(?:a|an|been|not)\\b)\nmessage = m\n"
		     "[t.its-plain]\npattern = (?#x)\\b([Ii]ts)[ \\t]+(?=(?:a|an|been|not)\\b)\n"
		     "message = m\n"
		     "[t.own]\npattern = \\b([Tt]here|[Tt]heir)[ \\t]+(?=own\\b)\nmessage = m\n"
		     "[t.own-plain]\npattern = (?#x)\\b([Tt]here|[Tt]heir)[ \\t]+(?=own\\b)\n"
		     "message = m\n"
		     "[t.affect]\npattern = (?i)\\b(?:an[ \\t]+(affect)\\b|(affect)(?=[ \\t]+on\\b))\n"
		     "message = m\n"
		     "[t.affect-plain]\npattern = (?i)(?#x)\\b(?:an[ \\t]+(affect)\\b|"
		     "(affect)(?=[ \\t]+on\\b))\nmessage = m\n"
		     "[t.to]\npattern = (?i)\\b(to)[ \\t]+(?=keep|stay)\nmessage = m\n"
		     "[t.to-plain]\npattern = (?i)(?#x)\\b(to)[ \\t]+(?=keep|stay)\nmessage = m\n",
		     path, sizeof(path)),
		PL_OK);
	run(text, &r);
	/* its a, its  been, its\tnot, Its an; there own, their  own,
	 * Their\town; an affect, AN  Affect; to stay, TO  STAY, to ſtay,
	 * to keep: each twice */
	ck_assert_msg(r.n == 26, "got:%s", tdump(&r));
	for (k = 0; k < r.n; k += 2) {
		ck_assert_uint_eq(strlen(r.v[k + 1].rule), strlen(r.v[k].rule) + 6);
		ck_assert(strncmp(r.v[k].rule, r.v[k + 1].rule, strlen(r.v[k].rule)) == 0);
		ck_assert_uint_eq(r.v[k].start, r.v[k + 1].start);
		ck_assert_uint_eq(r.v[k].end, r.v[k + 1].end);
	}
}
END_TEST

/* A small generator for the random test below (xorshift64). */
static uint64_t rnd_state;

static size_t rnd(size_t n)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 7;
	rnd_state ^= rnd_state << 17;
	return (size_t)(rnd_state % n);
}

/* Random rules of the shape the after filter reads (a lead, blanks, then
 * what follows: sure or not to take a byte, either case or not), each
 * with a twin that has no lead, on random text of those words, blanks,
 * tabs, both cases, U+017F and U+212A: each rule finds exactly what its
 * twin finds, the same spans, in every round. */
START_TEST(test_match_lead_random)
{
	static const char *const leads_[] = { "\\b([Ii]ts)", "\\b(there|their)", "\\b(?:an|to)",
					      "\\b([Tt]o)", "(?:so|sk)", "\\b(kis|ski)" };
	static const char *const blanks[] = { "[ \\t]+", " +", "[\\t ]+" };
	static const char *const follows[] = {
		"(?=(?:a|been|not)\\b)", "(?=own\\b)", "(kis|so)", "(?:keep|stay|a)",
		"[kK]", "[ks]", "(?=[ \\t]*own)", "(?=\\bown)", "(?!own)", "own?", "\\town",
		"(?:own)?x", "[ab]+", "k", "S", "(?=(?:sk|ski|it)\\b)",
	};
	static const char *const alphabet[] = {
		"its", "it", "there", "their", "an", "to", "too", "so", "keep", "stay", "own",
		"a", "been", "not", "sk", "kis", "ski", "K", "S", "Its", "THERE", "Own", "x",
		" ", "  ", "\t", " \t ", ",", ".", "\n", "\xC5\xBF", "\xE2\x84\xAA",
	};
	enum { ROUNDS = 40, RULES = 6 };
	size_t round, total = 0;

	rnd_state = 0x9E3779B97F4A7C15ull;
	for (round = 0; round < ROUNDS; round++) {
		char rules[4096], text[2048], path[1024];
		pl_resources res;
		pl_findings found = { 0 };
		pl_source *src = NULL;
		pl_doc doc;
		size_t len = 0, n = 0, k, i;

		for (k = 0; k < RULES; k++) {
			char pat[256];
			snprintf(pat, sizeof(pat), "%s%s%s", leads_[rnd(PL_ARRAY_LEN(leads_))],
				 blanks[rnd(PL_ARRAY_LEN(blanks))],
				 follows[rnd(PL_ARRAY_LEN(follows))]);
			bool caseless = rnd(3) == 0;
			n += (size_t)snprintf(rules + n, sizeof(rules) - n,
					      "[t.r%zu]\npattern = %s%s\nmessage = m\n"
					      "[t.r%zup]\npattern = %s(?#x)%s\nmessage = m\n",
					      k, caseless ? "(?i)" : "", pat, k,
					      caseless ? "(?i)" : "", pat);
			ck_assert_uint_lt(n, sizeof(rules));
		}
		while (len + 16 < sizeof(text)) {
			const char *w = alphabet[rnd(PL_ARRAY_LEN(alphabet))];
			len += (size_t)snprintf(text + len, sizeof(text) - len, "%s%s", w,
						rnd(2) ? " " : "");
		}
		/* a fresh set of rules each round */
		pl_patterns_free(pats);
		pl_ruleset_fini(&set);
		ck_assert_ptr_nonnull(pats = pl_patterns_new());
		ck_assert_int_eq(pl_ruleset_init(&set), PL_OK);
		ck_assert_int_eq(load("r.rules", rules, path, sizeof(path)), PL_OK);

		memset(&res, 0, sizeof(res));
		res.patterns = pats;
		ck_assert_int_eq(pl_source_from_buffer(&src, "p.txt", strdup(text), len), 0);
		ck_assert_int_eq(pl_doc_init(&doc, src, 0, src->len, &res, &set, &found,
					     test_arena(), NULL), 0);
		pl_check_patterns(&doc);
		pl_findings_sort(&found);
		/* each finding of a rule has its twin's, and the other way */
		for (i = 0; i < found.n; i++) {
			const pl_finding *f = &found.v[i];
			const char *id = set.info[f->rule].id;
			size_t idn = strlen(id), j, same = 0, twin = 0;

			for (j = 0; j < found.n; j++) {
				const char *o = set.info[found.v[j].rule].id;
				if (found.v[j].start != f->start || found.v[j].end != f->end)
					continue;
				if (strcmp(o, id) == 0)
					same++;
				else if ((id[idn - 1] == 'p' && strlen(o) == idn - 1 &&
					  strncmp(o, id, idn - 1) == 0) ||
					 (strlen(o) == idn + 1 && strncmp(o, id, idn) == 0 &&
					  o[idn] == 'p'))
					twin++;
			}
			ck_assert_msg(same == twin, "round %zu: %s at %zu-%zu, %zu against %zu",
				      round, id, f->start, f->end, same, twin);
		}
		total += found.n;
		pl_doc_fini(&doc);
		pl_findings_fini(&found);
		pl_source_free(src);
	}
	/* not a test of nothing */
	ck_assert_uint_ge(total, 500);
}
END_TEST

/* A rule whose lead has bytes fixed before it and "\b" after it finds
 * what PCRE2's own search finds: the same rule with a comment in it,
 * which keeps it from having leads. */
START_TEST(test_match_lead_behind)
{
	static const char text[] =
		"of could of, cloud of, must of, MUST OF, mu\xC5\xBFt of, "
		"could often, Could\tof; xcould of must  of";
	char path[1024];
	tresult r;
	size_t k, n;

	ck_assert_int_eq(load("m.rules",
			      "[t.lead]\npattern = (?i)(?<=\\bcould[ \\t]|\\bmust[ \\t])"
			      "(of)\\b\nmessage = m\n"
			      "[t.plain]\npattern = (?i)(?#no lead)(?<=\\bcould[ \\t]|"
			      "\\bmust[ \\t])(of)\\b\nmessage = m\n",
			      path, sizeof(path)), PL_OK);
	run(text, &r);
	/* could of, must of, MUST OF, muſt of, Could\tof: each twice */
	ck_assert_msg(r.n == 10, "got:%s", tdump(&r));
	for (k = n = 0; k < r.n; k += 2, n++) {
		ck_assert_str_eq(r.v[k].rule, "t.lead");
		ck_assert_str_eq(r.v[k + 1].rule, "t.plain");
		ck_assert_uint_eq(r.v[k].start, r.v[k + 1].start);
		ck_assert_uint_eq(r.v[k].end, r.v[k + 1].end);
	}
	ck_assert_uint_eq(r.v[0].start, 9);
}
END_TEST

START_TEST(test_context_could_of)
{
	tresult r;

	load_shipped("context.rules");
	run("I could of gone. We Should Of known.", &r);
	ck_assert_msg(r.n == 2, "got:%s", tdump(&r));
	ck_assert_str_eq(r.v[0].rule, "context.could-of");
	ck_assert_uint_eq(r.v[0].start, 8);
	ck_assert_uint_eq(r.v[0].end, 10);
	ck_assert_str_eq(r.v[0].suggest[0], "have");
	ck_assert_str_eq(r.v[1].suggest[0], "Have");
	run("We could of course go.", &r);
	ck_assert_none(&r, "context");
}
END_TEST

Suite *suite_patterns(void)
{
	Suite *s = suite_create("patterns");
	TCase *tc;

	tc = tcase_create("pl_patterns_load");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_load_valid);
	tcase_add_test(tc, test_load_two_files);
	tcase_add_test(tc, test_load_empty_file);
	tcase_add_test(tc, test_error_broken_pattern);
	tcase_add_test(tc, test_error_broken_pattern_message);
	tcase_add_test(tc, test_error_unknown_key);
	tcase_add_test(tc, test_error_no_pattern);
	tcase_add_test(tc, test_error_no_message);
	tcase_add_test(tc, test_error_key_outside);
	tcase_add_test(tc, test_error_bad_id);
	tcase_add_test(tc, test_error_bad_section);
	tcase_add_test(tc, test_error_section_trailing);
	tcase_add_test(tc, test_error_no_equals);
	tcase_add_test(tc, test_error_severity);
	tcase_add_test(tc, test_error_span);
	tcase_add_test(tc, test_error_span_groups);
	tcase_add_test(tc, test_error_case);
	tcase_add_test(tc, test_error_duplicate);
	tcase_add_test(tc, test_error_missing_list);
	tcase_add_test(tc, test_error_empty_list);
	tcase_add_test(tc, test_error_unclosed_list);
	tcase_add_test(tc, test_error_missing_file);
	tcase_add_test(tc, test_list_beside_rule_file);
	tcase_add_test(tc, test_list_shared_starts);
	tcase_add_test(tc, test_list_fallback_dir);
	tcase_add_test(tc, test_list_pattern_error_column);
	tcase_add_test(tc, test_shipped_load);
	suite_add_tcase(s, tc);

	tc = tcase_create("pl_leads_parse");
	tcase_add_test(tc, test_lead_behind);
	tcase_add_test(tc, test_lead_after);
	suite_add_tcase(s, tc);

	tc = tcase_create("pl_patterns_count");
	tcase_add_test(tc, test_count_null);
	suite_add_tcase(s, tc);

	tc = tcase_create("pl_check_patterns");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_match_whole);
	tcase_add_test(tc, test_match_span_case);
	tcase_add_test(tc, test_match_case_keep);
	tcase_add_test(tc, test_match_suggest_groups);
	tcase_add_test(tc, test_match_suggest_empty_or_none);
	tcase_add_test(tc, test_match_multiline);
	tcase_add_test(tc, test_match_not_in_urls);
	tcase_add_test(tc, test_match_after_bom);
	tcase_add_test(tc, test_match_line_rules);
	tcase_add_test(tc, test_match_unicode);
	tcase_add_test(tc, test_match_rule_off);
	tcase_add_test(tc, test_match_rules_change);
	tcase_add_test(tc, test_match_lead);
	tcase_add_test(tc, test_match_many_tries);
	tcase_add_test(tc, test_search_settles);
	tcase_add_test(tc, test_match_lead_behind);
	tcase_add_test(tc, test_match_lead_after);
	tcase_add_test(tc, test_match_lead_random);
	tcase_add_test(tc, test_shared_same_byte);
	tcase_add_test(tc, test_shared_two_bytes);
	tcase_add_test(tc, test_shared_caseless);
	tcase_add_test(tc, test_shared_full);
	tcase_add_test(tc, test_shared_every_offset);
	tcase_add_test(tc, test_shared_around);
	tcase_add_test(tc, test_context_too_to);
	tcase_add_loop_test(tc, test_context_too_ok, 0, (int)PL_ARRAY_LEN(too_ok));
	tcase_add_test(tc, test_context_could_of);
	suite_add_tcase(s, tc);

	return s;
}
