/* check_token.c - the tokenizer: what it keeps whole (URLs, numbers, dotted
 * abbreviations, compounds) decides what the rules never see as
 * punctuation. */
#include "check_util.h"

#include "pl_token.h"

#include <ctype.h>
#include <utf8proc.h>

/* One expected token: kind, exact text, flags (all of them). */
typedef struct want {
	int kind;
	const char *text;
	unsigned flags;
} want;

#define W(text, flags) { PL_TOK_WORD, (text), (flags) }
#define N(text) { PL_TOK_NUMBER, (text), 0 }
#define P(text) { PL_TOK_PUNCT, (text), 0 }
#define U(text) { PL_TOK_URL, (text), 0 }
#define END { -1, NULL, 0 }
/* in a list of wanted tokens, the white space between two of them */
#define GAP (-2)

enum {
	UP = PL_TF_UPPER,
	CAPS = PL_TF_UPPER | PL_TF_ALLCAPS,
	INNER = PL_TF_INNERCAP,
	DIG = PL_TF_DIGIT,
	HYP = PL_TF_HYPHEN,
	APOS = PL_TF_APOS,
	ABBR = PL_TF_ABBREV,
};

static pl_tokens toks;

static void teardown(void)
{
	pl_tokens_fini(&toks);
}

static const char *kind_name(int k)
{
	static const char *const names[] = { "WORD", "NUMBER", "PUNCT", "NEWLINE",
					     "URL", "SYMBOL", "MASK" };
	return k >= 0 && k < (int)PL_ARRAY_LEN(names) ? names[k] : "?";
}

/* Are the tokens of `toks` in order, none empty, with only white space
 * (pl_is_space) before, between and after them in text[from, len)? */
static void assert_gaps_are_space(const char *text, size_t len, size_t from)
{
	size_t i, at = from;

	for (i = 0; i <= toks.n; i++) {
		size_t to = i < toks.n ? toks.v[i].start : len;

		ck_assert_uint_ge(to, at);
		while (at < to) {
			int32_t cp;
			size_t n = pl_utf8_decode(text, len, at, &cp);
			ck_assert_msg(pl_is_space(cp), "byte %zu of '%s' is in no token", at,
				      text);
			at += n;
		}
		ck_assert_uint_eq(at, to);
		if (i < toks.n) {
			ck_assert_uint_gt(toks.v[i].end, toks.v[i].start);
			at = toks.v[i].end;
		}
	}
}

/* Tokenize `text` and compare its tokens with `w` (terminated by END). */
static void expect(const char *text, const want *w)
{
	size_t i, k = 0, len = strlen(text);

	pl_tokens_fini(&toks);
	ck_assert_int_eq(pl_tokenize(&toks, text, len, 0), PL_OK);
	assert_gaps_are_space(text, len, 0);
	for (i = 0; i < toks.n; i++) {
		const pl_token *t = &toks.v[i];
		size_t n = t->end - t->start;

		ck_assert_msg(w[k].text, "%s: extra token %s '%.*s'", text,
			      kind_name(t->kind), (int)n, text + t->start);
		ck_assert_msg(t->kind == w[k].kind && n == strlen(w[k].text) &&
				      memcmp(text + t->start, w[k].text, n) == 0,
			      "%s: token %zu is %s '%.*s', want %s '%s'", text, k,
			      kind_name(t->kind), (int)n, text + t->start,
			      kind_name(w[k].kind), w[k].text);
		ck_assert_msg(t->flags == w[k].flags,
			      "%s: token '%s' has flags %#x, want %#x", text,
			      w[k].text, t->flags, w[k].flags);
		k++;
	}
	ck_assert_msg(!w[k].text, "%s: missing token '%s'", text, w[k].text);
}

/* ---- pl_tokenize: spans and kinds ---------------------------------------- */

START_TEST(test_spans_cover_text)
{
	/* tokens cover every byte but white space, in order */
	const char *text = " Hi,  there…\r\nU.S. 3.5% <b>\t’x’\rend\u00A0";

	ck_assert_int_eq(pl_tokenize(&toks, text, strlen(text), 0), PL_OK);
	ck_assert_uint_eq(toks.n, 16);
	assert_gaps_are_space(text, strlen(text), 0);
}
END_TEST

START_TEST(test_from_offset)
{
	/* tokenizing starts at `from` (after a BOM) and appends */
	const char *text = "\xEF\xBB\xBFHi you";

	ck_assert_int_eq(pl_tokenize(&toks, text, strlen(text), 3), PL_OK);
	ck_assert_uint_eq(toks.n, 2);
	ck_assert_uint_eq(toks.v[0].start, 3);
	ck_assert_uint_eq(toks.v[0].end, 5);
	ck_assert_int_eq(pl_tokenize(&toks, "x", 1, 0), PL_OK);
	ck_assert_uint_eq(toks.n, 3);
}
END_TEST

START_TEST(test_too_long)
{
	/* a token's offsets are 32 bits: a longer text is refused before a
	 * byte of it is read, not cut short */
	ck_assert_int_eq(pl_tokenize(&toks, "x", (size_t)UINT32_MAX + 1, 0),
			 PL_EINVAL);
	ck_assert_uint_eq(toks.n, 0);
	ck_assert_ptr_nonnull(strstr(pl_error_last(), "too long"));
}
END_TEST

START_TEST(test_space_newline)
{
	const char *text = "a \t\u00A0b\r\nc\rd\n";

	ck_assert_int_eq(pl_tokenize(&toks, text, strlen(text), 0), PL_OK);
	ck_assert_uint_eq(toks.n, 7);
	/* spaces, a tab and a no-break space are no token: they lie
	 * between "a" and "b" */
	ck_assert_uint_eq(toks.v[0].end, 1);
	ck_assert_uint_eq(toks.v[1].start, 5);
	/* CRLF is one NEWLINE, a lone CR another */
	ck_assert_int_eq(toks.v[2].kind, PL_TOK_NEWLINE);
	ck_assert_uint_eq(toks.v[2].end - toks.v[2].start, 2);
	ck_assert_int_eq(toks.v[4].kind, PL_TOK_NEWLINE);
	ck_assert_uint_eq(toks.v[4].end - toks.v[4].start, 1);
	ck_assert_int_eq(toks.v[6].kind, PL_TOK_NEWLINE);
}
END_TEST

START_TEST(test_punct_symbol)
{
	const char *text = "a, <b> $5 😀\x1A";

	ck_assert_int_eq(pl_tokenize(&toks, text, strlen(text), 0), PL_OK);
	ck_assert_int_eq(toks.v[1].kind, PL_TOK_PUNCT);
	ck_assert_uint_eq(toks.v[1].cp, ',');
	ck_assert_int_eq(toks.v[2].kind, PL_TOK_SYMBOL); /* < */
	ck_assert_uint_eq(toks.v[2].cp, '<');
	ck_assert_int_eq(toks.v[5].kind, PL_TOK_SYMBOL); /* $ */
	ck_assert_int_eq(toks.v[7].kind, PL_TOK_SYMBOL); /* emoji */
	ck_assert_uint_eq(toks.v[7].cp, 0x1F600);
	ck_assert_uint_eq(toks.v[7].end - toks.v[7].start, 4);
	ck_assert_int_eq(toks.v[8].kind, PL_TOK_SYMBOL); /* SUB from a bad byte */
	ck_assert_uint_eq(toks.n, 9);
}
END_TEST

START_TEST(test_word_cp)
{
	/* a WORD's cp is its first letter, a PUNCT's its character */
	const char *text = "Émile ’";

	ck_assert_int_eq(pl_tokenize(&toks, text, strlen(text), 0), PL_OK);
	ck_assert_uint_eq(toks.v[0].cp, 0xC9);
	ck_assert_uint_eq(toks.v[1].cp, 0x2019);
	ck_assert_int_eq(toks.v[1].kind, PL_TOK_PUNCT);
}
END_TEST

/* ---- pl_tokenize: what is kept whole ------------------------------------- */

START_TEST(test_urls)
{
	expect("See https://example.com/a,b and http://x.org/a. Or www.bbc.co.uk, ok",
	       (const want[]){ W("See", UP), U("https://example.com/a,b"), W("and", 0),
			       U("http://x.org/a"), P("."), W("Or", UP),
			       U("www.bbc.co.uk"), P(","), W("ok", 0), END });
}
END_TEST

START_TEST(test_url_in_brackets)
{
	expect("(https://example.com/x).",
	       (const want[]){ P("("), U("https://example.com/x"), P(")"), P("."), END });
}
END_TEST

START_TEST(test_url_balanced_parens)
{
	/* a bare domain's path keeps a balanced pair, as Wikipedia's do */
	expect("See en.wikipedia.org/wiki/Foo_(bar) now.",
	       (const want[]){ W("See", UP), U("en.wikipedia.org/wiki/Foo_(bar)"),
			       W("now", 0), P("."), END });
}
END_TEST

/* Regression (was a bug): scan_url() stops a URL with a scheme at the
 * first ")" before url_tail() can balance it, so
 * "https://en.wikipedia.org/wiki/Foo_(bar)" is the URL
 * "https://en.wikipedia.org/wiki/Foo_(bar" then PUNCT ")" - unlike the same
 * address without "https://" (test_url_balanced_parens). */
START_TEST(test_url_scheme_balanced_parens)
{
	expect("See https://en.wikipedia.org/wiki/Foo_(bar) now.",
	       (const want[]){ W("See", UP), U("https://en.wikipedia.org/wiki/Foo_(bar)"),
			       W("now", 0), P("."), END });
}
END_TEST

START_TEST(test_bare_domains)
{
	expect("Read world-today-news.com; not Node.js or example.COM",
	       (const want[]){ W("Read", UP), U("world-today-news.com"), P(";"),
			       W("not", 0), W("Node", UP), P("."), W("js", 0),
			       W("or", 0), W("example", 0), P("."), W("COM", CAPS), END });
}
END_TEST

START_TEST(test_email)
{
	expect("Mail john@example.com or john.smith+news@example.co.uk.",
	       (const want[]){ W("Mail", UP), U("john@example.com"), W("or", 0),
			       U("john.smith+news@example.co.uk"), P("."), END });
}
END_TEST

START_TEST(test_numbers)
{
	expect("3.5 1,000 10:30 3:1 2024 3. 5th",
	       (const want[]){ N("3.5"), N("1,000"), N("10:30"), N("3:1"), N("2024"),
			       N("3"), P("."), W("5th", DIG), END });
}
END_TEST

START_TEST(test_abbreviations)
{
	expect("U.S. a.m. J.R.R. e.g. Mr. Ph.D.",
	       (const want[]){ W("U.S.", CAPS | ABBR), W("a.m.", ABBR),
			       W("J.R.R.", CAPS | ABBR), W("e.g.", ABBR), W("Mr", UP),
			       P("."), W("Ph.D.", UP | INNER | ABBR), END });
}
END_TEST

START_TEST(test_abbreviation_before_word)
{
	/* "U.S." then a word: the second group is a word, not a letter */
	expect("U.S.officials", (const want[]){ W("U.S.", CAPS | ABBR), W("officials", 0), END });
	expect("J. Smith", (const want[]){ W("J", UP), P("."), W("Smith", UP), END });
}
END_TEST

START_TEST(test_ellipsis)
{
	expect("Wait... more… end",
	       (const want[]){ W("Wait", UP), { PL_TOK_PUNCT, "...", PL_TF_ELLIPSIS },
			       W("more", 0), { PL_TOK_PUNCT, "…", PL_TF_ELLIPSIS },
			       W("end", 0), END });
}
END_TEST

START_TEST(test_apostrophes)
{
	expect("Russia’s nations’ don't ’tis",
	       (const want[]){ W("Russia’s", UP | APOS), W("nations", 0), P("’"),
			       W("don't", APOS), P("’"), W("tis", 0), END });
}
END_TEST

START_TEST(test_hyphens)
{
	/* each part of a compound starts afresh: no inner capital */
	expect("Sino-Russian well-known COVID-19 pre- and",
	       (const want[]){ W("Sino-Russian", UP | HYP), W("well-known", HYP),
			       W("COVID-19", CAPS | HYP | DIG), W("pre", 0), P("-"),
			       W("and", 0), END });
}
END_TEST

START_TEST(test_compounds_in_text)
{
	/* compounds with text after them, as in running prose: the tokenizer
	 * takes these sixteen bytes at a time where it can, and each end
	 * (",", ";", ".", ":", a URL's dot) must give what the general path
	 * gives */
	expect("ten-storey building, Sino-Russian; don'T go. well-known.com "
	       "rock'n'roll: O'Neill x-ray a-1b students' end of the text",
	       (const want[]){ W("ten-storey", HYP), W("building", 0), P(","),
			       W("Sino-Russian", UP | HYP), P(";"),
			       W("don'T", APOS | INNER), W("go", 0), P("."),
			       U("well-known.com"), W("rock'n'roll", APOS), P(":"),
			       W("O'Neill", UP | APOS), W("x-ray", HYP),
			       W("a-1b", HYP | DIG), W("students", 0), P("'"),
			       W("end", 0), W("of", 0), W("the", 0), W("text", 0), END });
}
END_TEST

START_TEST(test_case_flags)
{
	expect("NATO iPhone McArthur I Beijing x",
	       (const want[]){ W("NATO", CAPS), W("iPhone", INNER),
			       W("McArthur", UP | INNER), W("I", UP), W("Beijing", UP),
			       W("x", 0), END });
}
END_TEST

START_TEST(test_handles)
{
	expect("Follow @presslint and #DemDebate, not a#b.",
	       (const want[]){ W("Follow", UP), U("@presslint"), W("and", 0),
			       U("#DemDebate"), P(","), W("not", 0), W("a", 0), P("#"),
			       W("b", 0), P("."), END });
}
END_TEST

START_TEST(test_editor_insertion)
{
	/* an editor's insertion inside a quoted word stays in the word */
	expect("technolog[ies] includ[e] [sic]",
	       (const want[]){ W("technolog[ies]", 0), W("includ[e]", 0), P("["),
			       W("sic", 0), P("]"), END });
}
END_TEST

/* ---- pl_tokenize: fast paths against the general one --------------------- */

START_TEST(test_ascii_punct_table)
{
	/* ASCII punctuation and symbols come from a table, not utf8proc: the
	 * two must agree on every byte that makes a token of its own */
	int c;

	for (c = 1; c < 0x80; c++) {
		char text[2] = { (char)c, 0 };
		utf8proc_category_t cat = utf8proc_category(c);
		int want = cat >= UTF8PROC_CATEGORY_PC && cat <= UTF8PROC_CATEGORY_PO ?
				   PL_TOK_PUNCT : PL_TOK_SYMBOL;

		if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
			continue;
		if ((c >= '0' && c <= '9') || c == ' ' || c == '\t' || c == '\v' ||
		    c == '\f' || c == '\n' || c == '\r' || c == 0x1F)
			continue;
		pl_tokens_fini(&toks);
		ck_assert_int_eq(pl_tokenize(&toks, text, 1, 0), PL_OK);
		ck_assert_uint_eq(toks.n, 1);
		ck_assert_msg(toks.v[0].kind == want, "byte %#x: kind %s, want %s", c,
			      kind_name(toks.v[0].kind), kind_name(want));
		ck_assert_uint_eq(toks.v[0].cp, (unsigned)c);
	}
}
END_TEST

START_TEST(test_plain_word_lengths)
{
	/* plain words are scanned eight bytes at a time: flags across and
	 * at the edges of those steps */
	expect("abcdefgH abcdefghIj ABCDEFGHIJKL abcdefghijklmnoP Abcdefghijklmnopq",
	       (const want[]){ W("abcdefgH", INNER), W("abcdefghIj", INNER),
			       W("ABCDEFGHIJKL", CAPS), W("abcdefghijklmnoP", INNER),
			       W("Abcdefghijklmnopq", UP), END });
	expect("1234567890123 12345678a 1234567Bc x1234567 ABCDEFGh aBCDEFGH",
	       (const want[]){ N("1234567890123"), W("12345678a", DIG),
			       W("1234567Bc", UP | DIG), W("x1234567", DIG),
			       W("ABCDEFGh", UP), W("aBCDEFGH", INNER), END });
	expect("A1 AB1 1AB", (const want[]){ W("A1", UP | DIG), W("AB1", CAPS | DIG),
					     W("1AB", CAPS | DIG), END });
}
END_TEST

START_TEST(test_plain_word_ends)
{
	/* what follows a word's ASCII letters decides whether the fast path
	 * may end it there */
	expect("said: yes, 10:30 1,000 a,b end. x.y",
	       (const want[]){ W("said", 0), P(":"), W("yes", 0), P(","), N("10:30"),
			       N("1,000"), W("a", 0), P(","), W("b", 0), W("end", 0),
			       P("."), W("x", 0), P("."), W("y", 0), END });
	expect("café don’t end.” A.É. mailto:x@example.org",
	       (const want[]){ W("café", 0), W("don’t", APOS), W("end", 0), P("."),
			       P("”"), W("A.É.", CAPS | ABBR),
			       U("mailto:x@example.org"), END });
	expect("snake_case Node.js www.bbc.co.uk end",
	       (const want[]){ U("snake_case"), W("Node", UP), P("."), W("js", 0),
			       U("www.bbc.co.uk"), W("end", 0), END });
}
END_TEST

START_TEST(test_word_runs)
{
	/* runs of words and single spaces are taken 64 bytes at a time:
	 * words of every kind across and at the ends of those blocks */
	expect("The cat sat on the mat and NASA said iPhone sales of 2024 rose "
	       "by McArthur's count, while Sino-Russian talks went on at "
	       "10:30 in U.S. time; a 3D x1234567 extraordinarily long word "
	       "abcdefghijklmnopqrstuvwxyzabcdefgh ends it",
	       (const want[]){ W("The", UP), W("cat", 0), W("sat", 0), W("on", 0),
			       W("the", 0), W("mat", 0), W("and", 0), W("NASA", CAPS),
			       W("said", 0), W("iPhone", INNER), W("sales", 0),
			       W("of", 0), N("2024"), W("rose", 0), W("by", 0),
			       W("McArthur's", UP | INNER | APOS), W("count", 0), P(","),
			       W("while", 0), W("Sino-Russian", UP | HYP), W("talks", 0),
			       W("went", 0), W("on", 0), W("at", 0), N("10:30"), W("in", 0),
			       W("U.S.", CAPS | ABBR), W("time", 0), P(";"), W("a", 0),
			       W("3D", UP | DIG), W("x1234567", DIG),
			       W("extraordinarily", 0), W("long", 0), W("word", 0),
			       W("abcdefghijklmnopqrstuvwxyzabcdefgh", 0), W("ends", 0),
			       W("it", 0), END });
}
END_TEST

START_TEST(test_word_runs_aligned_anyhow)
{
	/* where the blocks fall must not matter: the same text after k
	 * newlines gives the same tokens, k bytes on */
	static const char s[] =
		"Officials said the new bridge, which cost $4.5 billion, would "
		"open in 2026 and carry 120,000 vehicles a day across the river "
		"to Inner Mongolia , per the BBC's well-known report of it";
	char buf[sizeof(s) + 64];
	pl_tokens ref = { 0 };
	size_t k, i;

	ck_assert_int_eq(pl_tokenize(&ref, s, sizeof(s) - 1, 0), PL_OK);
	for (k = 1; k < 64; k++) {
		memset(buf, '\n', k);
		memcpy(buf + k, s, sizeof(s));
		pl_tokens_fini(&toks);
		ck_assert_int_eq(pl_tokenize(&toks, buf, k + sizeof(s) - 1, 0), PL_OK);
		ck_assert_uint_eq(toks.n, ref.n + k);
		for (i = 0; i < ref.n; i++) {
			pl_token a = ref.v[i], b = toks.v[k + i];
			ck_assert_msg(a.start + k == b.start && a.end + k == b.end &&
					      a.kind == b.kind && a.flags == b.flags &&
					      a.cp == b.cp && b.spare == 0,
				      "after %zu newlines: token %zu differs", k, i);
		}
	}
	pl_tokens_fini(&ref);
}
END_TEST

START_TEST(test_word_runs_fill_array)
{
	/* one word and one space every two bytes: more tokens than the
	 * array is first sized for, so it grows in the middle of a run */
	char buf[4001];
	size_t i;

	for (i = 0; i < 4000; i += 2) {
		buf[i] = (char)('a' + i % 26);
		buf[i + 1] = ' ';
	}
	buf[4000] = '\0';
	pl_tokens_fini(&toks);
	ck_assert_int_eq(pl_tokenize(&toks, buf, 4000, 0), PL_OK);
	ck_assert_uint_eq(toks.n, 2000);
	for (i = 0; i < 2000; i++) {
		const pl_token *t = &toks.v[i];
		ck_assert_uint_eq(t->start, 2 * i);
		ck_assert_uint_eq(t->end, 2 * i + 1);
		ck_assert_int_eq(t->kind, PL_TOK_WORD);
		ck_assert_uint_eq(t->cp, (unsigned char)buf[2 * i]);
		ck_assert_uint_eq(t->flags, 0);
	}
}
END_TEST

START_TEST(test_punct_then_space)
{
	/* punctuation passes one plain space after it when a word follows;
	 * the ' ' branch passes every other run: the same tokens either
	 * way, and the white space (GAP) between them */
	static const char text[] = "a, b.  c ;d. (e) .. f.\tg. 1 \"h\" [i] x.";
	static const struct {
		int kind;
		const char *text;
	} want[] = {
		{ PL_TOK_WORD, "a" }, { PL_TOK_PUNCT, "," }, { GAP, " " },
		{ PL_TOK_WORD, "b" }, { PL_TOK_PUNCT, "." }, { GAP, "  " },
		{ PL_TOK_WORD, "c" }, { GAP, " " }, { PL_TOK_PUNCT, ";" },
		{ PL_TOK_WORD, "d" }, { PL_TOK_PUNCT, "." }, { GAP, " " },
		{ PL_TOK_PUNCT, "(" }, { PL_TOK_WORD, "e" }, { PL_TOK_PUNCT, ")" },
		{ GAP, " " }, { PL_TOK_PUNCT, ".." }, { GAP, " " },
		{ PL_TOK_WORD, "f" }, { PL_TOK_PUNCT, "." }, { GAP, "\t" },
		{ PL_TOK_WORD, "g" }, { PL_TOK_PUNCT, "." }, { GAP, " " },
		{ PL_TOK_NUMBER, "1" }, { GAP, " " }, { PL_TOK_PUNCT, "\"" },
		{ PL_TOK_WORD, "h" }, { PL_TOK_PUNCT, "\"" }, { GAP, " " },
		{ PL_TOK_PUNCT, "[" }, { PL_TOK_WORD, "i" }, { PL_TOK_PUNCT, "]" },
		{ GAP, " " }, { PL_TOK_WORD, "x" }, { PL_TOK_PUNCT, "." },
	};
	/* alone, and after eight words: in the middle of a run of words
	 * taken 64 bytes at a time */
	static const char *const before[] = { "", "one two three four five six seven eight " };
	char buf[256];
	size_t k, v, gaps = 0;

	for (k = 0; k < PL_ARRAY_LEN(want); k++)
		gaps += want[k].kind == GAP;
	for (v = 0; v < PL_ARRAY_LEN(before); v++) {
		size_t skip = v ? 8 : 0, at = strlen(before[v]), i = skip;
		snprintf(buf, sizeof(buf), "%s%s", before[v], text);
		pl_tokens_fini(&toks);
		ck_assert_int_eq(pl_tokenize(&toks, buf, strlen(buf), 0), PL_OK);
		ck_assert_uint_eq(toks.n, skip + PL_ARRAY_LEN(want) - gaps);
		for (k = 0; k < PL_ARRAY_LEN(want); k++) {
			const pl_token *t = &toks.v[i];
			size_t n = t->end - t->start;
			if (want[k].kind == GAP) {
				at += strlen(want[k].text);
				continue;
			}
			ck_assert_msg(t->kind == want[k].kind && n == strlen(want[k].text) &&
					      t->start == at &&
					      memcmp(buf + t->start, want[k].text, n) == 0,
				      "token %zu is %s '%.*s' at %u, want %s '%s' at %zu", k,
				      kind_name(t->kind), (int)n, buf + t->start, t->start,
				      kind_name(want[k].kind), want[k].text, at);
			ck_assert_uint_eq(t->flags, strcmp(want[k].text, "..") ?
						    0 : PL_TF_ELLIPSIS);
			if (t->kind == PL_TOK_PUNCT)
				ck_assert_uint_eq(t->cp, (unsigned char)buf[t->start]);
			at += n;
			i++;
		}
	}
}
END_TEST

/* One expected token with its first letter or code point. */
typedef struct want_cp {
	int kind;
	const char *text;
	unsigned flags;
	unsigned cp;
} want_cp;

#define TW(s, f) { PL_TOK_WORD, s, f, (unsigned char)s[0] }
#define TN(s) { PL_TOK_NUMBER, s, 0, 0 }
#define TP(s) { PL_TOK_PUNCT, s, 0, (unsigned char)s[0] }
#define TS(s) { GAP, s, 0, 0 }
#define TL { PL_TOK_NEWLINE, "\n", 0, 0 }

/* Tokenize `text` after a word of k - 1 bytes and a space, for every k
 * from 0 to 63 so that the 64-byte blocks of plain_words fall
 * everywhere, and compare every token of it with w[0, n): span, kind,
 * flags and cp; a GAP entry is the white space between two tokens. */
static void expect_everywhere(const char *text, const want_cp *w, size_t n)
{
	size_t k, i, len = strlen(text), gaps = 0;
	char *buf = malloc(len + 64);

	ck_assert_ptr_nonnull(buf);
	for (i = 0; i < n; i++)
		gaps += w[i].kind == GAP;
	for (k = 0; k < 64; k++) {
		size_t at = k, j;
		memset(buf, 'x', k);
		buf[k ? k - 1 : 0] = ' ';
		memcpy(buf + k, text, len);
		pl_tokens_fini(&toks);
		ck_assert_int_eq(pl_tokenize(&toks, buf, k + len, 0), PL_OK);
		/* "xxx " first: a word (none when k is 0 or 1) */
		ck_assert_uint_eq(toks.n, n - gaps + (k > 1));
		for (i = 0, j = toks.n - (n - gaps); i < n; i++) {
			const pl_token *t = &toks.v[j];
			size_t m = t->end - t->start;
			if (w[i].kind == GAP) {
				at += strlen(w[i].text);
				continue;
			}
			j++;
			ck_assert_msg(t->start == at && t->kind == w[i].kind && m == strlen(w[i].text) &&
					      memcmp(buf + t->start, w[i].text, m) == 0 &&
					      t->flags == w[i].flags && t->cp == w[i].cp &&
					      t->spare == 0,
				      "%zu bytes on: token %zu is %s '%.*s' flags %#x cp %u, "
				      "want %s '%s' %#x %u", k, i, kind_name(t->kind), (int)m,
				      buf + t->start, t->flags, t->cp, kind_name(w[i].kind),
				      w[i].text, w[i].flags, w[i].cp);
			at += m;
		}
	}
	free(buf);
}

START_TEST(test_word_punct_space)
{
	/* a word, punctuation and one space before the next word, taken in
	 * one step in a run of words, and punctuation before a run of
	 * spaces */
	static const want_cp want[] = {
		TW("Smith", UP), TP(","), TS(" "), TW("the", 0), TS(" "), TW("mayor", 0),
		TP("."), TS(" "), TW("The", UP), TS(" "), TW("city", 0), TP(":"), TS(" "),
		TW("a", 0), TS(" "), TW("plan", 0), TP(")"), TS(" "), TW("so", 0), TS(" "),
		TP("\""), TW("we", 0), TP("\""), TS(" "), TW("go", 0), TP(";"), TS(" "),
		TW("Yes", UP), TP("!"), TS(" "), TW("why", 0), TP("?"), TS(" "),
		TW("www", 0), TP("."), TS(" "), TW("Then", UP), TS(" "), TW("per", 0),
		TS(" "), TW("cent", 0), TP("%"), TS(" "), TW("and", 0), TS(" "),
		TW("so", 0), TP("*"), TS(" "), TW("on", 0), TP("/"), TS(" "), TW("off", 0),
		TP("\\"), TS(" "), TW("in", 0), TP("]"), TS(" "), TW("out", 0), TP("}"),
		TS(" "), TW("end", 0), TP(","), TS(" "), TW("digits", 0), TS(" "), TN("42"),
		TP(","), TS(" "), TW("O'Brien", UP | APOS), TP("."), TS(" "),
		TW("McArthur", UP | INNER), TP(","), TS(" "), TW("a", 0), TP(","),
		TS(" "), TW("b", 0), TP("."), TS(" "), TW("c", 0), TP(":"), TS(" "),
		TW("d", 0), TS(" "), TW("e", 0), TP("."), TS("  "), TW("Two", UP),
		TP(","), TS("   "), TW("spaces", 0), TP(")"), TS(" "), TW("then", 0),
		TS(" "), TN("7"), TP("."), TS("  "), TW("x", 0),
	};

	expect_everywhere("Smith, the mayor. The city: a plan) so \"we\" go; Yes! "
			  "why? www. Then per cent% and so* on/ off\\ in] out} end, "
			  "digits 42, O'Brien. McArthur, a, b. c: d e.  Two,   "
			  "spaces) then 7.  x",
			  want, PL_ARRAY_LEN(want));
}
END_TEST

START_TEST(test_word_runs_between)
{
	/* what comes between two words other than a space or punctuation
	 * and a space: quotes and brackets, line feeds, runs of spaces,
	 * and what plain_words leaves to pl_tokenize (a tab, "[", text
	 * beyond ASCII, CR); and words joined by hyphens and apostrophes */
	static const want_cp want[] = {
		TW("He", UP), TS(" "), TW("said", 0), TS(" "), TP("\""), TW("We", UP),
		TS(" "), TW("go", 0), TP("\""), TS(" "), TP("("), TW("and", 0), TP(")"),
		TP(")"), TS("  "), TW("then", 0), TP("."), TL, TL, TW("The", UP), TS(" "),
		TW("end", 0), TP("?"), TL, TL, TP("("), TW("Next", UP), TP(")"), TS(" "),
		TW("word", 0), TS("  "), TP("\""), TW("x", 0), TP("\""), TS(" "),
		TW("ok", 0), TL, TW("a", 0), TS(" \t"),
		TW("b", 0), TS(" "), TP("["), TW("c", 0), TP("]"), TS(" "),
		TW("d", 0), TS(" "), { PL_TOK_PUNCT, "\xe2\x80\x9c", 0, 0x201C },
		TW("e", 0), { PL_TOK_PUNCT, "\xe2\x80\x9d", 0, 0x201D }, TS(" "),
		TW("f", 0), { PL_TOK_NEWLINE, "\r\n", 0, 0 }, TW("g", 0), TP(","),
		TS(" "), TP("'"), TW("h", 0), TP("'"), TS(" "), TW("i", 0), TP("."),
		TS(" "), TP("\""), TW("j", 0), TP("."), TP("\""), TL, TW("k", 0),
		TS(" "), TW("l", 0), TS(" "), TW("m", 0), TS(" "),
		TW("don't", APOS), TS(" "), TW("go", 0), TS(" "),
		TW("well-known", HYP), TP(","), TS(" "),
		TW("BBC's", UP | APOS), TS(" "), TW("so-called", HYP), TS(" "),
		TW("e-mail", HYP), TS(" "), TW("a-1", HYP | DIG), TS(" "), TW("x", 0),
	};

	expect_everywhere("He said \"We go\" (and))  then.\n\nThe end?\n\n(Next) "
			  "word  \"x\" ok\na \tb [c] d \xe2\x80\x9c" "e\xe2\x80\x9d f\r\ng, "
			  "'h' i. \"j.\"\nk l m don't go well-known, BBC's so-called "
			  "e-mail a-1 x",
			  want, PL_ARRAY_LEN(want));
}
END_TEST

#undef TW
#undef TN
#undef TP
#undef TS
#undef TL

/* Does pl_tokenize give text[from, len) the tokens pl_tokenize_bytewise
 * gives it, field for field? */
static void assert_same_as_bytewise(const char *text, size_t len, size_t from)
{
	pl_tokens ref = { 0 };
	size_t i;

	pl_tokens_fini(&toks);
	ck_assert_int_eq(pl_tokenize(&toks, text, len, from), PL_OK);
	ck_assert_int_eq(pl_tokenize_bytewise(&ref, text, len, from), PL_OK);
	for (i = 0; i < toks.n && i < ref.n; i++) {
		const pl_token a = toks.v[i], b = ref.v[i];
		ck_assert_msg(a.start == b.start && a.end == b.end && a.kind == b.kind &&
				      a.flags == b.flags && a.cp == b.cp && a.spare == b.spare,
			      "token %zu: %s '%.*s' flags %#x cp %u, bytewise %s '%.*s' "
			      "flags %#x cp %u, in \"%.*s\"", i, kind_name(a.kind),
			      (int)(a.end - a.start), text + a.start, a.flags, a.cp,
			      kind_name(b.kind), (int)(b.end - b.start), text + b.start,
			      b.flags, b.cp, (int)(len - from), text + from);
	}
	ck_assert_uint_eq(toks.n, ref.n);
	pl_tokens_fini(&ref);
}

/* The pieces random_prose() strings together: what news text is mostly
 * made of, and what the fast paths must leave to the general one. */
static const char *const pieces[] = {
	"the", "said", "a", "I", "to", "extraordinarily", "Minister", "The", "Beijing",
	"NASA", "US", "McArthur", "iPhone", "3D", "x1234567", "2024", "7", "3.5",
	"3,000", "10:30", "1990s", "don't", "Trump's", "students'", "well-known",
	"O'Brien", "d'Artagnan", "rock'n'roll", "A-B", "Sino-Russian", "US-China",
	"well-Known", "x-y-z", "90's", "a-1", "U.S.", "e.g.", "a.m.", "Ph.D.", "Dr.", "www.bbc.co.uk", "bbc.com",
	"http://example.org/a_(b)", "mailto:x@y.org", "a@b.com", "@handle", "#tag",
	"[b]ottom", "[1]", "technolog[ies]", "...", "..", ".", ",", ";", ":", "!",
	"?", "\"", "(", ")", "'", "-", "--", "[", "]", "/", "&", "%", "*", "_",
	"+", "$", "\xc3\xa9t\xc3\xa9", "\xe2\x80\x99", "\xe2\x80\x9c",
	"\xe2\x80\x9d", "\xe2\x80\x94", "\xc2\xa0", "\x1f\x1f",
	" ", " ", " ", " ", " ", " ", " ", " ", "  ", "   ", "\n", "\n\n", "\t",
	"\r\n", "\r",
};

/* A random text of about n bytes into buf (room for n + 64): pieces,
 * mostly words with a space between, at times touching. */
static size_t random_prose(char *buf, size_t n, uint32_t *seed)
{
	size_t len = 0;

	while (len < n) {
		const char *piece;
		size_t k;

		*seed = *seed * 1103515245u + 12345u;
		piece = pieces[(*seed >> 8) % PL_ARRAY_LEN(pieces)];
		k = strlen(piece);
		memcpy(buf + len, piece, k);
		len += k;
		if ((*seed >> 24) % 4 && isalnum((unsigned char)piece[k - 1]))
			buf[len++] = ' ';
	}
	buf[len] = '\0';
	return len;
}

START_TEST(test_runs_match_bytewise)
{
	/* the fast paths (runs of words, plain prose a block at a time)
	 * against the token-at-a-time loop: random texts of every mix, each
	 * also from an offset, so that the blocks fall everywhere */
	char buf[1200 + 64];
	uint32_t seed = 2026;
	int round;

	for (round = 0; round < 4000; round++) {
		size_t len = random_prose(buf, 40 + (size_t)round % 1100, &seed);

		assert_same_as_bytewise(buf, len, 0);
		assert_same_as_bytewise(buf, len, (size_t)round % 61 < len ? (size_t)round % 61 : 0);
	}
}
END_TEST

START_TEST(test_runs_match_bytewise_on_articles)
{
	/* and on the bundled articles, loaded as the engine loads them */
	static const char *const files[] = { "cases/seed-article.txt",
					     "cases/capitalization.txt",
					     "cases/spacing.txt", "cases/artifacts.txt",
					     "cases/markdown-article.md" };
	size_t k;

	for (k = 0; k < PL_ARRAY_LEN(files); k++) {
		pl_source *src = NULL;

		ck_assert_int_eq(pl_source_load(&src, files[k]), PL_OK);
		assert_same_as_bytewise(src->text, src->len, src->body);
		pl_source_free(src);
	}
}
END_TEST

/* ---- helpers ------------------------------------------------------------- */

START_TEST(test_utf8_decode_encode)
{
	int32_t cp;
	char buf[4];

	ck_assert_uint_eq(pl_utf8_decode("a", 1, 0, &cp), 1);
	ck_assert_int_eq(cp, 'a');
	ck_assert_uint_eq(pl_utf8_decode("x’", 4, 1, &cp), 3);
	ck_assert_int_eq(cp, 0x2019);
	ck_assert_uint_eq(pl_utf8_decode("😀", 4, 0, &cp), 4);
	ck_assert_int_eq(cp, 0x1F600);
	ck_assert_uint_eq(pl_utf8_encode(0x2019, buf), 3);
	ck_assert_int_eq(memcmp(buf, "’", 3), 0);
	ck_assert_uint_eq(pl_utf8_encode('A', buf), 1);
	ck_assert_uint_eq(pl_utf8_encode(0xE9, buf), 2);
}
END_TEST

START_TEST(test_classes)
{
	ck_assert(pl_is_letter('a') && pl_is_letter('Z') && pl_is_letter(0xE9));
	ck_assert(pl_is_letter(0x0301));  /* combining acute: a mark */
	ck_assert(pl_is_letter(0x4E2D));  /* CJK */
	ck_assert(!pl_is_letter('1') && !pl_is_letter('-') && !pl_is_letter(0x2019));
	ck_assert(pl_is_space(' ') && pl_is_space('\t') && pl_is_space(0xA0));
	ck_assert(pl_is_space(0x2009));   /* thin space */
	ck_assert(!pl_is_space('\n') && !pl_is_space(0x200B)); /* ZWSP is Cf */
	ck_assert(pl_is_apostrophe('\'') && pl_is_apostrophe(0x2019));
	ck_assert(!pl_is_apostrophe(0x2018));
	ck_assert(pl_is_opening(0x201C) && pl_is_opening('(') && !pl_is_opening(')'));
	ck_assert(pl_is_closing(0x201D) && pl_is_closing(')') && !pl_is_closing('('));
	ck_assert(pl_is_closing('"') && pl_is_opening('"')); /* straight quotes: both */
}
END_TEST

Suite *suite_token(void)
{
	Suite *s = suite_create("token");
	TCase *tc;

	tc = tcase_create("pl_tokenize");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, test_spans_cover_text);
	tcase_add_test(tc, test_from_offset);
	tcase_add_test(tc, test_too_long);
	tcase_add_test(tc, test_space_newline);
	tcase_add_test(tc, test_punct_symbol);
	tcase_add_test(tc, test_word_cp);
	tcase_add_test(tc, test_urls);
	tcase_add_test(tc, test_url_in_brackets);
	tcase_add_test(tc, test_url_balanced_parens);
	tcase_add_test(tc, test_url_scheme_balanced_parens);
	tcase_add_test(tc, test_bare_domains);
	tcase_add_test(tc, test_email);
	tcase_add_test(tc, test_numbers);
	tcase_add_test(tc, test_abbreviations);
	tcase_add_test(tc, test_abbreviation_before_word);
	tcase_add_test(tc, test_ellipsis);
	tcase_add_test(tc, test_apostrophes);
	tcase_add_test(tc, test_hyphens);
	tcase_add_test(tc, test_case_flags);
	tcase_add_test(tc, test_handles);
	tcase_add_test(tc, test_editor_insertion);
	tcase_add_test(tc, test_ascii_punct_table);
	tcase_add_test(tc, test_plain_word_lengths);
	tcase_add_test(tc, test_plain_word_ends);
	tcase_add_test(tc, test_compounds_in_text);
	tcase_add_test(tc, test_word_runs);
	tcase_add_test(tc, test_word_runs_aligned_anyhow);
	tcase_add_test(tc, test_word_runs_fill_array);
	tcase_add_test(tc, test_word_punct_space);
	tcase_add_test(tc, test_word_runs_between);
	tcase_add_test(tc, test_punct_then_space);
	tcase_add_test(tc, test_runs_match_bytewise);
	tcase_add_test(tc, test_runs_match_bytewise_on_articles);
	suite_add_tcase(s, tc);

	tc = tcase_create("pl_utf8_decode");
	tcase_add_test(tc, test_utf8_decode_encode);
	suite_add_tcase(s, tc);

	tc = tcase_create("pl_is_letter");
	tcase_add_test(tc, test_classes);
	suite_add_tcase(s, tc);

	return s;
}
