/* pl_check_artifacts.c - what scrapers and converters leave behind:
 * boilerplate lines, doubled words, mojibake, duplicated paragraphs and
 * invisible characters. HTML tags and entities are pattern rules in
 * rules/artifacts.rules. */
#include "pl_check.h"
#include "pl_cpu.h"

#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

#define MAX_LINE 512

/* Eight bytes at a time: 0x80 in each byte of x that equals byte c. Exact
 * (no false hits), so a mask can be tested bit by bit. */
static inline uint64_t bytes_eq(uint64_t x, unsigned char c)
{
	const uint64_t low7 = 0x7F7F7F7F7F7F7F7Full;
	uint64_t z = x ^ (0x0101010101010101ull * c);

	return ~(((z & low7) + low7) | z | low7);
}

/* The first byte at or after i that is not ASCII, eight bytes at a time:
 * the rules that look for UTF-8 sequences have nothing to do in plain
 * ASCII prose, nearly all of a news text. */
static size_t skip_ascii(const char *t, size_t i, size_t len)
{
#ifdef __SSE2__
	/* sixteen at a time where the CPU has SSE2: the high bits are the
	 * mask; four such or-ed first, as a run of ASCII is long */
	for (; i + 64 <= len; i += 64) {
		const __m128i *v = (const __m128i *)(t + i);
		if (_mm_movemask_epi8(_mm_or_si128(
			    _mm_or_si128(_mm_loadu_si128(v), _mm_loadu_si128(v + 1)),
			    _mm_or_si128(_mm_loadu_si128(v + 2), _mm_loadu_si128(v + 3)))))
			break;
	}
	for (; i + 16 <= len; i += 16)
		if (_mm_movemask_epi8(_mm_loadu_si128((const __m128i *)(t + i))))
			break;
#endif
	for (; i + 8 <= len; i += 8) {
		uint64_t x;
		memcpy(&x, t + i, 8);
		if (x & 0x8080808080808080ull)
			break;
	}
	while (i < len && !((unsigned char)t[i] & 0x80))
		i++;
	return i;
}

/* ---- boilerplate lines -------------------------------------------------- */

/* White space, as the folds of lines and paragraphs see it: ' ', '\t'
 * and 0x1F (markup), one test of a bit set. */
static bool is_blank(char c)
{
	const uint64_t set = 1ull << ' ' | 1ull << '\t' | 1ull << 0x1F;

	return (unsigned char)c <= ' ' && ((set >> (unsigned char)c) & 1);
}

/* The marks fold_line drops at the end of a line: ": . ! |" */
static bool is_end_mark(char c)
{
	return c == ':' || c == '.' || c == '!' || c == '|';
}

#ifdef __SSE2__
/* fold_line's loop for most lines, sixteen bytes at a time: a line of
 * ASCII that starts with no blank and has no tab, 0x1F or two spaces in a
 * row folds to its bytes lowercased (a space at the end goes with the
 * trailing marks). False for any other line. Reads and writes up to 15
 * bytes past the line's n: a document's text is followed by 64 readable
 * bytes (pl_source.h), and raw has room. */
static bool lower_line16(const char *t, size_t n, char *raw)
{
	const __m128i sp = _mm_set1_epi8(' '), tab = _mm_set1_epi8('\t');
	const __m128i us = _mm_set1_epi8(0x1F);
	size_t i;

	if (!n || is_blank(t[0]))
		return false;
	for (i = 0; i < n; i += 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(t + i));
		__m128i y = _mm_loadu_si128((const __m128i *)(const void *)(t + i + 1));
		__m128i up = _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8('A' - 1)),
					   _mm_cmplt_epi8(x, _mm_set1_epi8('Z' + 1)));
		/* bytes past n may set bits too: those are dropped */
		unsigned bad = (unsigned)_mm_movemask_epi8(_mm_or_si128(
			_mm_or_si128(x, _mm_or_si128(_mm_cmpeq_epi8(x, tab),
						     _mm_cmpeq_epi8(x, us))),
			_mm_and_si128(_mm_cmpeq_epi8(x, sp), _mm_cmpeq_epi8(y, sp))));

		if (n - i < 16)
			bad &= (1u << (n - i)) - 1;
		if (bad)
			return false;
		_mm_storeu_si128((__m128i *)(void *)(raw + i),
				 _mm_add_epi8(x, _mm_and_si128(up, _mm_set1_epi8(32))));
	}
	return true;
}
#endif

/* Fold a line for lookup: lowercase, white space squeezed, trailing
 * ": . … ! |" dropped. Returns 0 when the line is too long to be one. */
static size_t fold_line(const pl_doc *doc, const pl_line *ln, char *buf,
			size_t size)
{
	char raw[MAX_LINE + 16]; /* 16: lower_line16's last store */
	size_t i, o = 0;
	bool sp = false;
	unsigned char high = 0; /* the bytes' high bits, or-ed */

	if (ln->end - ln->start >= MAX_LINE)
		return 0;
#ifdef __SSE2__
	if (lower_line16(doc->text + ln->start, ln->end - ln->start, raw)) {
		o = ln->end - ln->start;
		goto trim;
	}
#endif
	for (i = ln->start; i < ln->end; i++) {
		char ch = doc->text[i];
		if (ch == ' ' || ch == '\t' || ch == 0x1F) { /* 0x1F: markup */
			sp = true;
			continue;
		}
		if (sp && o)
			raw[o++] = ' ';
		sp = false;
		/* ASCII lowercased as pl_fold() does it, which leaves it so */
		raw[o++] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
		high |= (unsigned char)ch;
	}
#ifdef __SSE2__
trim:
#endif
	for (;;) {
		if (o && is_end_mark(raw[o - 1])) {
			o--;
		} else if (o >= 3 && memcmp(raw + o - 3, "\xE2\x80\xA6", 3) == 0) {
			o -= 3;
		} else if (o && raw[o - 1] == ' ') {
			o--;
		} else {
			break;
		}
	}
	if (!o)
		return 0;
	if (high & 0x80)
		return pl_fold(raw, o, buf, size);
	/* ASCII, nearly every line: folded already */
	if (o + 1 > size)
		return 0;
	memcpy(buf, raw, o);
	buf[o] = '\0';
	return o;
}

/* The boilerplate list in brief: the ASCII pairs its keys begin with, the
 * ASCII bytes that make a key alone, and the pairs of first and last bytes.
 * A line that folds to a key begins with the key's first two bytes
 * (lowercased; the second may be a squeezed space) and ends with its last
 * one: most short lines (headings, bylines, sources) fail one of the
 * tests, and need neither fold_line nor the hash lookup. */
typedef struct pl_bp_filter {
	uint64_t pair[128][2]; /* [first byte]: bits of the second */
	uint64_t ends[128][2]; /* [first byte]: bits of the last */
	uint64_t one[2];       /* the one-byte keys */
} bp_filter;

static void bp_filter_add(const char *key, const char *value, void *ud)
{
	bp_filter *f = ud;
	unsigned char a = (unsigned char)key[0], b, z;

	(void)value;
	if (!a || a >= 0x80)
		return; /* no line with an ASCII first byte folds to it */
	b = (unsigned char)key[1];
	z = (unsigned char)key[strlen(key) - 1];
	if (!b)
		f->one[a >> 6] |= 1ull << (a & 63);
	else if (b < 0x80)
		f->pair[a][b >> 6] |= 1ull << (b & 63);
	if (z < 0x80)
		f->ends[a][z >> 6] |= 1ull << (z & 63);
}

static unsigned char ascii_lower(unsigned char c)
{
	return (unsigned char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
}

/* Could line [s, e) fold to a key of the list? False only when it cannot:
 * a line whose first, second or last byte is beyond ASCII is let through.
 * fold_line drops white space at the start, and white space, ": . ! |"
 * and "…" at the end. */
static bool bp_maybe(const bp_filter *f, const char *t, size_t s, size_t e)
{
	unsigned char a, b, z;

	while (s < e && is_blank(t[s]))
		s++;
	for (;;) {
		if (e > s && (is_blank(t[e - 1]) || is_end_mark(t[e - 1])))
			e--;
		else if (e >= s + 3 && memcmp(t + e - 3, "\xE2\x80\xA6", 3) == 0)
			e -= 3;
		else
			break;
	}
	if (s == e)
		return false; /* folds to nothing */
	if ((a = (unsigned char)t[s]) >= 0x80 || (z = (unsigned char)t[e - 1]) >= 0x80)
		return true;
	a = ascii_lower(a);
	z = ascii_lower(z);
	if (!((f->ends[a][z >> 6] >> (z & 63)) & 1))
		return false;
	if (s + 1 == e)
		return (f->one[a >> 6] >> (a & 63)) & 1;
	if ((b = (unsigned char)t[s + 1]) >= 0x80)
		return true;
	b = is_blank((char)b) ? ' ' : ascii_lower(b);
	return (f->pair[a][b >> 6] >> (b & 63)) & 1;
}

bp_filter *pl_bp_filter_new(const pl_wordlist *boilerplate)
{
	bp_filter *f = calloc(1, sizeof(*f));

	if (f)
		pl_wordlist_each(boilerplate, bp_filter_add, f);
	return f;
}

void pl_bp_filter_free(bp_filter *f)
{
	free(f);
}

static void boilerplate(pl_doc *doc)
{
	size_t l;
	bp_filter own;
	const bp_filter *filter = doc->res->boilerplate_brief;

	for (l = 0; l < doc->n_lines; l++) {
		const pl_line *ln = &doc->lines[l];
		char buf[MAX_LINE * 2];
		size_t n, s = ln->start, e = ln->end;

		if ((ln->flags & PL_LINE_BLANK) || ln->words > 12)
			continue;
		if (!filter) { /* no brief made for the run: one for this document */
			memset(&own, 0, sizeof(own));
			pl_wordlist_each(doc->res->boilerplate, bp_filter_add, &own);
			filter = &own;
		}
		if (!bp_maybe(filter, doc->text, s, e))
			continue;
		n = fold_line(doc, ln, buf, sizeof(buf));
		if (!n || !pl_wordlist_get(doc->res->boilerplate, buf, n))
			continue;
		while (s < e && strchr(" \t\x1F", doc->text[s]))
			s++;
		while (e > s && strchr(" \t\x1F", doc->text[e - 1]))
			e--;
		pl_finding *f = pl_doc_report(doc, PL_R_BOILERPLATE, s, e,
					      "stray scraped line '%.*s': remove it",
					      (int)(e - s), doc->text + s);
		pl_doc_suggest(doc, f, "", 0);
	}
}

/* ---- doubled words ------------------------------------------------------ */

/* A transcript records speech verbatim, and speech repeats itself ("we
 * we", "to to"): in a speaker's turn, or anywhere in an interview
 * transcript, a doubled word is not a typo.
 *
 * An interview transcript is a run of three speaker turns or more, each
 * at most TURN_GAP lines after the one before, from its first turn to the
 * first heading after its last (answers run over several paragraphs). A
 * story's introduction before the first turn is not speech, and a file
 * of many stories (an archive, checked in parts) may hold one interview
 * amid other copy: each keeps its doubled words reported. */
#define TURN_GAP 60

typedef struct line_span {
	size_t from, to; /* lines [from, to) */
} line_span;

/* The transcripts of doc, in order, into *out (n_out of them). False on
 * no memory. */
static bool transcripts(const pl_doc *doc, line_span **out, size_t *n_out)
{
	const pl_line *lines = doc->lines;
	size_t l, first = 0, last = 0, turns = 0, cap = 0;

	*out = NULL;
	*n_out = 0;
	for (l = 0; l <= doc->n_lines; l++) {
		bool turn = l < doc->n_lines && (lines[l].flags & PL_LINE_SPEECH);
		size_t end;

		if (l < doc->n_lines && !turn)
			continue;
		if (turns && (l == doc->n_lines || l - last > TURN_GAP)) {
			/* the run that ended at `last` */
			if (turns >= 3) {
				for (end = last + 1; end < doc->n_lines &&
				     !(lines[end].flags & PL_LINE_HEADING); end++)
					;
				if (PL_GROW(*out, cap, *n_out + 1) < 0) {
					free(*out);
					return false;
				}
				(*out)[(*n_out)++] = (line_span){ first, end };
			}
			turns = 0;
		}
		if (!turn)
			continue;
		if (!turns++)
			first = l;
		last = l;
	}
	return true;
}

static void doubled(pl_doc *doc)
{
	const pl_token *v = doc->toks.v;
	const uint32_t *at = doc->word_at;
	const pl_line *lines = doc->lines;
	const char *text = doc->text;
	line_span *talk;
	size_t l = 0, n_talk, k = 0, r;

	if (!doc->n_repeat || !transcripts(doc, &talk, &n_talk))
		return;
	/* only the words interning found may repeat the one before them
	 * (the next token, as long, the same first letter but for case) */
	for (r = 0; r < doc->n_repeat; r++) {
		const pl_token *a = &v[at[doc->repeat[r] - 1]], *b = &v[at[doc->repeat[r]]];
		char fa[256], fb[256];
		size_t na, nb;

		/* a word, a space and a word */
		if (a->end == b->start || (a->flags & PL_TF_DIGIT))
			continue;
		/* the line, found only for the few pairs that get this far */
		while (l + 1 < doc->n_lines && lines[l].tok_end <= (size_t)(a - v))
			l++;
		if (lines[l].flags & PL_LINE_SPEECH)
			continue;
		while (k < n_talk && talk[k].to <= l)
			k++;
		if (k < n_talk && talk[k].from <= l)
			continue;
		na = pl_fold(text + a->start, a->end - a->start, fa, sizeof(fa));
		nb = pl_fold(text + b->start, b->end - b->start, fb, sizeof(fb));
		if (!na || na != nb || memcmp(fa, fb, na) != 0)
			continue;
		if (pl_wordlist_get(doc->res->doubled_ok, fa, na))
			continue;
		/* "Sirhan Sirhan", "Boutros Boutros-Ghali": names repeat */
		if ((a->flags & PL_TF_UPPER) && (b->flags & PL_TF_UPPER))
			continue;
		pl_finding *f = pl_doc_report(doc, PL_R_DOUBLED_WORD, a->end, b->end,
					      "doubled word '%.*s'",
					      (int)(b->end - b->start), text + b->start);
		pl_doc_suggest(doc, f, "", 0);
	}
	free(talk);
}

/* ---- mojibake ----------------------------------------------------------- */

/* The Windows-1252 byte a code point stands for, or -1. */
static int cp1252_byte(int32_t cp)
{
	static const uint16_t high[32] = {
		0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
		0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
		0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
		0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
	};
	int i;

	if (cp >= 0xA0 && cp <= 0xFF)
		return cp;
	for (i = 0; i < 32; i++)
		if (high[i] == cp)
			return 0x80 + i;
	return -1;
}

/* At text[i], a run of characters whose Windows-1252 bytes form UTF-8 for
 * non-ASCII text: "â€™" is the bytes E2 80 99, which are "’". Returns the
 * run's end (0 if none) and writes the repaired text to out. */
static size_t mojibake_at(const pl_doc *doc, size_t i, char *out, size_t size,
			  size_t *out_len)
{
	size_t o = 0, j = i;

	for (;;) {
		unsigned char bytes[4];
		int32_t cp;
		size_t k, need, at = j;
		int b;

		if (j >= doc->len)
			break;
		j += pl_utf8_decode(doc->text, doc->len, j, &cp);
		b = cp1252_byte(cp);
		if (b < 0xC2 || b > 0xF4) {
			j = at;
			break;
		}
		need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
		bytes[0] = (unsigned char)b;
		for (k = 1; k < need && j < doc->len; k++) {
			int c;
			j += pl_utf8_decode(doc->text, doc->len, j, &cp);
			c = cp1252_byte(cp);
			if (c < 0x80 || c > 0xBF)
				break;
			bytes[k] = (unsigned char)c;
		}
		if (k < need || pl_utf8_valid_len(bytes, need) != need) {
			j = at;
			break;
		}
		if (o + need + 1 > size)
			break;
		memcpy(out + o, bytes, need);
		o += need;
	}
	*out_len = o;
	out[o] = '\0';
	return o ? j : 0;
}

static void mojibake(pl_doc *doc)
{
	size_t i = doc->body;
	char fixed[256];

	while (i < doc->len) {
		unsigned char c = (unsigned char)doc->text[i];
		size_t end, n;

		/* every lead byte's Windows-1252 reading is U+00C2..U+00F4,
		 * which UTF-8 writes C3 82..C3 B4 */
		if (c != 0xC3) {
			const char *p = memchr(doc->text + i, 0xC3, doc->len - i);
			if (!p)
				break;
			i = (size_t)(p - doc->text);
			continue;
		}
		end = mojibake_at(doc, i, fixed, sizeof(fixed), &n);
		if (!end) {
			i += 2;
			continue;
		}
		pl_finding *f = pl_doc_report(doc, PL_R_MOJIBAKE, i, end,
					      "mojibake '%.*s': did you mean '%s'?",
					      (int)(end - i), doc->text + i, fixed);
		pl_doc_suggest(doc, f, fixed, n);
		i = end;
	}
}

/* ---- invisible characters --------------------------------------------- */

/* by code point: the lookup stops at the first one above */
static const struct invisible {
	int32_t cp;
	const char *name;
} invisibles[] = {
	{ 0x00AD, "soft hyphen" },
	{ 0x180E, "Mongolian vowel separator" },
	{ 0x200B, "zero-width space" },
	{ 0x200E, "left-to-right mark" },
	{ 0x200F, "right-to-left mark" },
	{ 0x2028, "line separator" },
	{ 0x2029, "paragraph separator" },
	{ 0x202A, "left-to-right embedding" },
	{ 0x202B, "right-to-left embedding" },
	{ 0x202C, "pop directional formatting" },
	{ 0x202D, "left-to-right override" },
	{ 0x202E, "right-to-left override" },
	{ 0x2060, "word joiner" },
	{ 0x2066, "left-to-right isolate" },
	{ 0x2067, "right-to-left isolate" },
	{ 0x2068, "first strong isolate" },
	{ 0x2069, "pop directional isolate" },
	{ 0xFEFF, "byte order mark" },
};

static void invisible(pl_doc *doc)
{
	size_t i = doc->body, k;
	int32_t cp;

	while (i < doc->len) {
		unsigned char c;
		size_t n;

		/* every character in the table is outside ASCII */
		if ((i = skip_ascii(doc->text, i, doc->len)) >= doc->len)
			break;
		if ((c = (unsigned char)doc->text[i]) < 0xC2) {
			i++;
			continue;
		}
		/* the table's code points are written C2 .., E1 .., E2 .. and
		 * EF ..: another lead byte (é is C3 A9) is passed whole, not
		 * decoded (the text is valid UTF-8) */
		if (c != 0xC2 && c != 0xE1 && c != 0xE2 && c != 0xEF) {
			i += c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
			continue;
		}
		n = pl_utf8_decode(doc->text, doc->len, i, &cp);
		for (k = 0; k < PL_ARRAY_LEN(invisibles) && invisibles[k].cp <= cp; k++) {
			if (invisibles[k].cp != cp)
				continue;
			pl_finding *f = pl_doc_report(doc, PL_R_INVISIBLE, i, i + n,
						      "invisible character U+%04X (%s)",
						      (unsigned)cp, invisibles[k].name);
			pl_doc_suggest(doc, f, "", 0);
			break;
		}
		i += n;
	}
}

/* ---- duplicated paragraphs ---------------------------------------------- */

/* A paragraph seen, in the set. Its text is hashed only when another
 * paragraph has the same brief (its words and its first and last word's
 * forms, which folding does not change): in a story with no repeats,
 * nearly every paragraph, no text is read at all. Lines and words fit 32
 * bits: a text is tokenized only below 4 GB (pl_token.h). */
typedef struct para {
	uint64_t brief;
	uint64_t hash;           /* of the folded text, once `hashed` */
	uint32_t line, end_line; /* its lines [line, end_line) */
	uint32_t words;          /* words >= 8; 0: an empty entry */
	bool hashed;
} para;

/* The first byte in [i, e) where folding has work to do: a tab, a 0x1F or
 * the first of two spaces. Eight bytes at a time: prose has one every
 * sentence or so, not one a word. */
static inline size_t next_fold_from(const char *t, size_t i, size_t e)
{
#ifdef __SSE2__
	/* sixteen at a time where the CPU has SSE2 */
	const __m128i sp = _mm_set1_epi8(' '), tab = _mm_set1_epi8('\t');
	const __m128i us = _mm_set1_epi8(0x1F);
	for (; i + 17 <= e; i += 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(t + i));
		__m128i y = _mm_loadu_si128((const __m128i *)(t + i + 1));
		__m128i m = _mm_or_si128(
			_mm_or_si128(_mm_cmpeq_epi8(x, tab), _mm_cmpeq_epi8(x, us)),
			_mm_and_si128(_mm_cmpeq_epi8(x, sp), _mm_cmpeq_epi8(y, sp)));
		int bits = _mm_movemask_epi8(m);
		if (bits) /* exact: the first bit is the place */
			return i + (size_t)__builtin_ctz((unsigned)bits);
	}
#endif
	for (; i + 9 <= e; i += 8) {
		uint64_t x, y, m;
		memcpy(&x, t + i, 8);
		memcpy(&y, t + i + 1, 8); /* each byte's successor, for "  " */
		m = bytes_eq(x, '\t') | bytes_eq(x, 0x1F) |
		    (bytes_eq(x, ' ') & bytes_eq(y, ' '));
		if (m) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
			/* exact too, and the first byte is the lowest */
			return i + (size_t)__builtin_ctzll(m) / 8;
#else
			break;
#endif
		}
	}
	for (; i < e; i++)
		if (t[i] == '\t' || t[i] == 0x1F ||
		    (t[i] == ' ' && i + 1 < e && t[i + 1] == ' '))
			break;
	return i;
}

#if defined(__x86_64__) && defined(__GNUC__)
/* The places among the 32 at p that stop a run with nothing to fold: a
 * tab or markup byte (one), the first of two spaces (two). The block is
 * left in *x. */
typedef struct fold_stops {
	uint32_t one, two;
} fold_stops;

__attribute__((target("avx2"), always_inline))
static inline fold_stops fold_stops32(const char *p, __m256i *x)
{
	const __m256i sp = _mm256_set1_epi8(' '), tab = _mm256_set1_epi8('\t');
	const __m256i us = _mm256_set1_epi8(0x1F);
	const __m256i y = _mm256_loadu_si256((const __m256i *)(p + 1));
	fold_stops f;

	*x = _mm256_loadu_si256((const __m256i *)p);
	f.one = (uint32_t)_mm256_movemask_epi8(
		_mm256_or_si256(_mm256_cmpeq_epi8(*x, tab), _mm256_cmpeq_epi8(*x, us)));
	f.two = (uint32_t)_mm256_movemask_epi8(
		_mm256_and_si256(_mm256_cmpeq_epi8(*x, sp), _mm256_cmpeq_epi8(y, sp)));
	return f;
}

/* 32 at a time where the CPU has AVX2: a paragraph is mostly one run
 * with nothing to fold. The last 32 or fewer are read whole too, and
 * their bits past e dropped: a document's text is followed by 64
 * readable bytes (pl_source.h), and e is at most its end. With `out`,
 * what is passed is copied there too, each block stored whole, so out
 * takes up to 32 bytes past the run's end. */
__attribute__((target("avx2")))
static size_t fold_scan_avx2(const char *t, size_t i, size_t e, char *out)
{
	__m256i x;
	fold_stops f;

	for (; i + 33 <= e; i += 32) {
		f = fold_stops32(t + i, &x);
		if (out) {
			_mm256_storeu_si256((__m256i *)(void *)out, x);
			out += 32;
		}
		if (f.one | f.two)
			return i + (size_t)__builtin_ctz(f.one | f.two);
	}
	if (i < e) {
		/* the last 32 or fewer: a byte before e, a pair of spaces
		 * both before e */
		size_t n = e - i;

		f = fold_stops32(t + i, &x);
		if (out)
			_mm256_storeu_si256((__m256i *)(void *)out, x);
		f.one &= n >= 32 ? ~0u : (1u << n) - 1;
		f.two &= (1u << (n - 1)) - 1;
		if (f.one | f.two)
			return i + (size_t)__builtin_ctz(f.one | f.two);
	}
	return e;
}

#endif

/* next_fold_from, and with `out` what it passes copied there, exactly */
static size_t fold_scan_from(const char *t, size_t i, size_t e, char *out)
{
	size_t q = next_fold_from(t, i, e);

	if (out)
		memcpy(out, t + i, q - i);
	return q;
}

/* Where the run from t[i] with nothing to fold ends (e if it does not),
 * copying t[i, q) to `out` unless it is NULL. */
typedef size_t fold_scan_fn(const char *t, size_t i, size_t e, char *out);

/* fold_scan_avx2 where the CPU has AVX2, else fold_scan_from: asked once
 * a document, not at each of its thousands of calls */
static fold_scan_fn *fold_scan_pick(void)
{
#if defined(__x86_64__) && defined(__GNUC__)
	if (pl_cpu_has(PL_CPU_AVX2))
		return fold_scan_avx2;
#endif
	return fold_scan_from;
}

typedef struct fold_buf {
	char *s;
	size_t n, cap;
	fold_scan_fn *fold_scan; /* fold_scan_pick() */
} fold_buf;

/* The paragraph's text with each run of white space (a line break counts
 * as one) made a single space and trailing white space dropped: two
 * paragraphs that differ only in spacing fold the same. Stretches with
 * single spaces only are copied whole. */
static bool fold_para(const pl_doc *doc, size_t l0, size_t l1, fold_buf *b)
{
	const char *t = doc->text;
	size_t l;
	bool sp = false; /* white space seen and not yet written */

	b->n = 0;
	for (l = l0; l < l1; l++) {
		size_t i = doc->lines[l].start, e = doc->lines[l].end;

		/* a line adds at most a space and its bytes, and fold_scan
		 * writes up to 32 past them */
		if (PL_GROW(b->s, b->cap, b->n + (e - i) + 34) < 0)
			return false;
		while (i < e) {
			size_t from = i, q;
			bool lead;

			/* the stretch [i, q) before the next fold has single
			 * spaces only, maybe one at either end: one at the start
			 * (not the first of two) is white space seen */
			if (t[i] == ' ' && !(i + 1 < e && t[i + 1] == ' '))
				from++;
			lead = sp || from > i;
			/* the stretch is copied behind the space it may need,
			 * which counts only if the stretch is not empty */
			b->s[b->n] = ' ';
			q = b->fold_scan(t, from, e, b->s + b->n + lead);
			if (q > from) {
				bool trail = t[q - 1] == ' ';
				b->n += lead + (q - from) - trail;
				sp = trail;
			}
			/* (after an empty stretch, a space taken at its start is
			 * followed by more white space or the line's end: either
			 * sets sp) */
			for (i = q; i < e && is_blank(t[i]); i++)
				sp = true;
		}
		sp = true;
	}
	return true;
}

/* A 64-bit hash of n bytes, eight at a time in two independent lanes
 * (byte-serial FNV-1a cost about 2.5 ns a byte, most of this rule's time;
 * one lane waits on its multiply every eight). */
static uint64_t hash_bytes(const char *s, size_t n)
{
	const uint64_t k = 0x9E3779B97F4A7C15ull, k2 = 0xC2B2AE3D27D4EB4Full;
	uint64_t h = n * k, g = ~n * k2, w, v;
	size_t i;

	for (i = 0; i + 16 <= n; i += 16) {
		memcpy(&w, s + i, 8);
		memcpy(&v, s + i + 8, 8);
		h = (h ^ w) * k;
		g = (g ^ v) * k2;
		h ^= h >> 29;
		g ^= g >> 31;
	}
	for (; i < n; i += 8) {
		w = 0;
		memcpy(&w, s + i, n - i < 8 ? n - i : 8);
		h = (h ^ w) * k;
		h ^= h >> 29;
	}
	h ^= g * k;
	/* MurmurHash3's finalizer: the table indexes by the low bits */
	h ^= h >> 33;
	h *= 0xFF51AFD7ED558CCDull;
	h ^= h >> 33;
	h *= 0xC4CEB9FE1A85EC53ull;
	return h ^ (h >> 33);
}

#if defined(__x86_64__) && defined(__GNUC__)
/* hash_bytes with AES rounds where the CPU has them: four lanes of sixteen
 * bytes, one round each (a bijection of the lane's state, so one block
 * that differs always changes the lane), then rounds that mix every lane
 * into the 64 bits kept. A third of the instructions of hash_bytes'
 * multiplies, and paragraphs are most of the text. Hashes differ from
 * hash_bytes' but are only compared with each other in one run. */
__attribute__((target("aes")))
static uint64_t hash_bytes_aes(const char *s, size_t n)
{
	const __m128i k = _mm_set_epi64x((long long)0x9E3779B97F4A7C15ull,
					 (long long)0xC2B2AE3D27D4EB4Full);
	__m128i a = _mm_set_epi64x((long long)n, 0x243F6A8885A308D3ll);
	__m128i b = _mm_set_epi64x(0x13198A2E03707344ll, (long long)n);
	__m128i c = _mm_set_epi64x((long long)0xA4093822299F31D0ull, 0x082EFA98EC4E6C89ll);
	__m128i d = _mm_set_epi64x(0x452821E638D01377ll, (long long)0xBE5466CF34E90C6Cull);
	size_t i;

	for (i = 0; i + 64 <= n; i += 64) {
		const __m128i *p = (const __m128i *)(const void *)(s + i);
		a = _mm_aesenc_si128(a, _mm_loadu_si128(p));
		b = _mm_aesenc_si128(b, _mm_loadu_si128(p + 1));
		c = _mm_aesenc_si128(c, _mm_loadu_si128(p + 2));
		d = _mm_aesenc_si128(d, _mm_loadu_si128(p + 3));
	}
	/* what is left: whole blocks of sixteen to a, b and c, and a part
	 * block to d as the sixteen bytes that end the text (overlapping
	 * the one before; n, in the lanes' start, tells overlaps apart), or
	 * as the few bytes there are, padded with zeros */
	if (i + 16 <= n)
		a = _mm_aesenc_si128(a, _mm_loadu_si128((const __m128i *)(const void *)(s + i)));
	if (i + 32 <= n)
		b = _mm_aesenc_si128(b, _mm_loadu_si128((const __m128i *)(const void *)(s + i + 16)));
	if (i + 48 <= n)
		c = _mm_aesenc_si128(c, _mm_loadu_si128((const __m128i *)(const void *)(s + i + 32)));
	if ((n - i) & 15) {
		__m128i x;
		if (n >= 16) {
			x = _mm_loadu_si128((const __m128i *)(const void *)(s + n - 16));
		} else {
			char tail[16] = { 0 };
			memcpy(tail, s, n);
			x = _mm_loadu_si128((const __m128i *)(const void *)tail);
		}
		d = _mm_aesenc_si128(d, x);
	}
	a = _mm_aesenc_si128(_mm_aesenc_si128(a, b), _mm_aesenc_si128(c, d));
	a = _mm_aesenc_si128(_mm_aesenc_si128(_mm_aesenc_si128(a, k), k), k);
	return (uint64_t)_mm_cvtsi128_si64(a) ^
	       (uint64_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(a, a));
}
#endif

/* The paragraphs duplicates() hashes: a first pass counts them, so the
 * set is allocated once at its size and never grown. */
static size_t count_paras(const pl_doc *doc)
{
	size_t l = 0, n = 0;

	while (l < doc->n_lines) {
		size_t words;
		if (doc->lines[l].flags & PL_LINE_BLANK) {
			l++;
			continue;
		}
		words = doc->lines[l++].words;
		while (l < doc->n_lines &&
		       !(doc->lines[l].flags & (PL_LINE_BLANK | PL_LINE_PARA)))
			words += doc->lines[l++].words;
		n += words >= 8;
	}
	return n;
}

/* The form of the first (last: `last`) word token of lines [l0, l1),
 * which hold one. */
static uint32_t edge_word(const pl_doc *doc, size_t l0, size_t l1, bool last)
{
	size_t i;

	if (!last) {
		for (; l0 < l1; l0++)
			for (i = doc->lines[l0].tok_first; i < doc->lines[l0].tok_end; i++)
				if (doc->toks.v[i].kind == PL_TOK_WORD)
					return pl_doc_word(doc, i);
	} else {
		while (l1-- > l0)
			for (i = doc->lines[l1].tok_end; i-- > doc->lines[l1].tok_first;)
				if (doc->toks.v[i].kind == PL_TOK_WORD)
					return pl_doc_word(doc, i);
	}
	return 0;
}

typedef struct hasher {
	fold_buf fb;
	uint64_t (*hash)(const char *, size_t);
} hasher;

/* The hash of paragraph *p's folded text, worked out once; false on no
 * memory. */
static bool para_hash(const pl_doc *doc, hasher *h, para *p)
{
	size_t l = p->line, l1 = p->end_line;
	size_t start = doc->lines[l].start, end = doc->lines[l1 - 1].end;
	const char *folded;
	size_t nfolded;

	if (p->hashed)
		return true;
	/* a paragraph of one line with nothing to fold, most of them, is
	 * hashed where it is: fold_para would copy it whole but a space at
	 * the end (one at the start stays) */
	if (l1 == l + 1 && h->fb.fold_scan(doc->text, start, end, NULL) == end) {
		folded = doc->text + start;
		nfolded = end - start - (doc->text[end - 1] == ' ');
	} else {
		if (!fold_para(doc, l, l1, &h->fb))
			return false;
		folded = h->fb.s;
		nfolded = h->fb.n;
	}
	p->hash = h->hash(folded, nfolded);
	p->hashed = true;
	return true;
}

static void duplicates(pl_doc *doc)
{
	para *table = NULL;
	hasher h = { { NULL, 0, 0, fold_scan_pick() }, hash_bytes };
	size_t cap, l = 0, k;

#if defined(__x86_64__) && defined(__GNUC__)
	if (pl_cpu_has(PL_CPU_AES))
		h.hash = hash_bytes_aes;
#endif
	/* at most half full, so probes stay short */
	for (k = count_paras(doc), cap = 256; cap < k * 2; cap *= 2)
		;
	if (!(table = calloc(cap, sizeof(*table))))
		return;

	while (l < doc->n_lines) {
		size_t l1 = l + 1, words;
		if (doc->lines[l].flags & PL_LINE_BLANK) {
			l++;
			continue;
		}
		words = doc->lines[l].words;
		while (l1 < doc->n_lines &&
		       !(doc->lines[l1].flags & (PL_LINE_BLANK | PL_LINE_PARA)))
			words += doc->lines[l1++].words;
		if (words >= 8) {
			para p = { 0, 0, (uint32_t)l, (uint32_t)l1, (uint32_t)words, false };
			bool seen = false;

			p.brief = ((uint64_t)edge_word(doc, l, l1, false) << 32 |
				   edge_word(doc, l, l1, true)) * 0x9E3779B97F4A7C15ull ^
				  words * 0xC2B2AE3D27D4EB4Full;
			p.brief ^= p.brief >> 29;
			/* an open-addressing set of the paragraphs seen, by
			 * brief: sized for all of them, it never fills. Of
			 * those with this one's brief (all different: a repeat
			 * is reported, not kept), the one with its text's
			 * hash is the one it repeats */
			for (k = p.brief & (cap - 1); table[k].words; k = (k + 1) & (cap - 1)) {
				if (table[k].brief != p.brief || table[k].words != p.words)
					continue;
				if (!para_hash(doc, &h, &p) || !para_hash(doc, &h, &table[k]))
					goto done;
				if (table[k].hash == p.hash) {
					seen = true;
					break;
				}
			}
			if (seen) {
				pl_doc_report(doc, PL_R_DUPLICATE_PARAGRAPH, doc->lines[l].start,
					      doc->lines[l1 - 1].end,
					      "paragraph repeats the one at line %zu",
					      doc->line_base + table[k].line + 1);
			} else {
				table[k] = p;
			}
		}
		l = l1;
	}
done:
	free(table);
	free(h.fb.s);
}

void pl_check_artifacts(pl_doc *doc)
{
	if (pl_doc_rule_on(doc, PL_R_BOILERPLATE))
		boilerplate(doc);
	if (pl_doc_rule_on(doc, PL_R_DOUBLED_WORD))
		doubled(doc);
	if (pl_doc_rule_on(doc, PL_R_MOJIBAKE))
		mojibake(doc);
	if (pl_doc_rule_on(doc, PL_R_DUPLICATE_PARAGRAPH))
		duplicates(doc);
	if (pl_doc_rule_on(doc, PL_R_INVISIBLE))
		invisible(doc);
}
