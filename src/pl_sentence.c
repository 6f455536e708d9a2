/* pl_sentence.c - line structure and sentence boundaries.
 *
 * A boundary is "sure" only when nothing about it is ambiguous: terminal
 * punctuation that does not end an abbreviation or an initial, no closing
 * quote in between (as in: "Why?" she asked), then white space. Rules that
 * would raise a false alarm on a wrong boundary act on sure ones only. */
#include "pl_bits.h"
#include "pl_doc.h"

#include <stdlib.h>
#include <string.h>

static bool is_terminal(uint32_t cp)
{
	return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026;
}

/* The ASCII punctuation from '!' to '?' as bits (bit c - '!' for c). */
#define CP_BIT(c) (1u << ((c) - '!'))
#define STOPS (CP_BIT('.') | CP_BIT('!') | CP_BIT('?'))
#define PUNCTS (STOPS | CP_BIT(',') | CP_BIT(';') | CP_BIT(':'))

/* Is code point cp one of `set` (bits as CP_BIT makes them)? One compare
 * sends the words (their first letter, from 'A' up) and the spaces (' ',
 * just below '!') past it; a bit set then picks among the ASCII
 * punctuation it lets through. */
static inline bool cp_in(uint32_t cp, uint32_t set)
{
	return cp - '!' <= '?' - '!' && ((set >> (cp - '!')) & 1);
}

/* Could a token with code point cp be terminal punctuation that is not
 * an ellipsis: "." "!" "?"? ("…" is terminal, but pl_tokenize gives every
 * "…" the ELLIPSIS flag.) */
static inline bool stop_cp(uint32_t cp)
{
	return cp_in(cp, STOPS);
}

/* Sentence punctuation: a stop, or , ; : (pl_doc.h: puncts). */
static inline bool punct_cp(uint32_t cp)
{
	return cp_in(cp, PUNCTS);
}

/* The last token of line `ln` that is not masked markup or a closing mark. */
static const pl_token *last_significant(const pl_doc *doc, const pl_line *ln,
					 bool *closing)
{
	size_t i = ln->tok_end;

	*closing = false;
	while (i > ln->tok_first) {
		const pl_token *t = &doc->toks.v[--i];
		if (t->kind == PL_TOK_MASK)
			continue;
		if (t->kind == PL_TOK_PUNCT && pl_is_closing((int32_t)t->cp) &&
		    !(t->cp == '\'' || t->cp == 0x2019)) {
			*closing = true;
			continue;
		}
		return t;
	}
	return NULL;
}

/* The abbreviation list in brief, for the words a period follows: for
 * each key length below 16, the first and the last bytes of its keys, as
 * bits (byte & 31, the same for an ASCII letter in either case). Most
 * words ("said.", "Monday.") fail it, and need neither pl_fold nor the
 * hash lookup. Made on a document's first period that needs it. */
typedef struct abbrev_filter {
	bool built;
	bool any_long; /* a key of 16 bytes or more: long words are looked up */
	uint32_t first[16], last[16];
} abbrev_filter;

static void filter_add(const char *key, const char *value, void *ud)
{
	abbrev_filter *f = ud;
	size_t n = strlen(key);

	(void)value;
	if (n >= 16) {
		f->any_long = true;
	} else if (n) {
		f->first[n] |= 1u << ((unsigned char)key[0] & 31);
		f->last[n] |= 1u << ((unsigned char)key[n - 1] & 31);
	}
}

/* Is w[0, n) all ASCII? `end` bounds what may be read: a word of eight
 * bytes or fewer is tested with the eight from its start (the bytes past
 * it masked off), one of up to sixteen with its first and last eight. */
static inline bool all_ascii(const char *w, size_t n, const char *end)
{
	const uint64_t high = 0x8080808080808080ull;
	size_t i;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t x, y;

	if (n - 1 < 8 && end - w >= 8) {
		memcpy(&x, w, 8);
		return !(x & high & (~(uint64_t)0 >> (64 - 8 * n)));
	}
	if (n - 1 < 16 && n > 8) {
		memcpy(&x, w, 8);
		memcpy(&y, w + n - 8, 8);
		return !((x | y) & high);
	}
#endif
	(void)end;
	for (i = 0; i < n && (unsigned char)w[i] < 0x80; i++)
		;
	return i == n;
}

/* Is w[0, n), folded, in the abbreviation list? `end` bounds the text. */
static bool is_abbreviation(const pl_doc *doc, abbrev_filter *f,
			    const char *w, size_t n, const char *end)
{
	char buf[64];
	size_t i;
	bool ascii;

	if (!f->built) {
		memset(f, 0, sizeof(*f));
		pl_wordlist_each(doc->res->abbrev, filter_add, f);
		f->built = true;
	}
	ascii = all_ascii(w, n, end);
	if (!ascii || n >= 16) {
		/* beyond ASCII the folded form may differ in length */
		if (ascii && !f->any_long)
			return false;
		n = pl_fold(w, n, buf, sizeof(buf));
		return n && pl_wordlist_get(doc->res->abbrev, buf, n);
	}
	if (!((f->first[n] >> (w[0] & 31)) & 1) ||
	    !((f->last[n] >> (w[n - 1] & 31)) & 1))
		return false;
	/* pl_fold of ASCII */
	for (i = 0; i < n; i++)
		buf[i] = (char)(w[i] >= 'A' && w[i] <= 'Z' ? w[i] + 32 : w[i]);
	buf[n] = '\0';
	return pl_wordlist_get(doc->res->abbrev, buf, n);
}

/* Does the period at token p end an abbreviation or an initial? (At the
 * start of a line the token before it is the line break, no word; after
 * a space, the word is not the period's.) */
static bool ends_abbreviation(const pl_doc *doc, abbrev_filter *f, size_t p)
{
	const pl_token *w;

	if (p == 0)
		return false;
	w = &doc->toks.v[p - 1];
	if (w->kind != PL_TOK_WORD || w->end != doc->toks.v[p].start)
		return false;
	/* an initial: "J. Smith", "ESBL-E. coli" */
	if ((w->end - w->start == 1 ||
	     (w->end - w->start >= 2 && doc->text[w->end - 2] == '-')) &&
	    (doc->text[w->end - 1] >= 'A' && doc->text[w->end - 1] <= 'Z'))
		return true;
	return is_abbreviation(doc, f, doc->text + w->start, w->end - w->start,
			       doc->text + doc->len);
}

static bool line_ends_sentence(const pl_doc *doc, abbrev_filter *f,
			       const pl_line *ln)
{
	bool closing;
	const pl_token *t = last_significant(doc, ln, &closing);

	if (!t)
		return false;
	/* "U.S." or "Dr." closing a line may be mid-sentence in wrapped text */
	if (t->kind != PL_TOK_PUNCT)
		return false;
	if (t->cp == '.' && ends_abbreviation(doc, f, (size_t)(t - doc->toks.v)))
		return false;
	return is_terminal(t->cp) || t->cp == ':' || (t->flags & PL_TF_ELLIPSIS);
}

static bool line_has_closing_punct(const pl_doc *doc, const pl_line *ln)
{
	bool closing;
	const pl_token *t = last_significant(doc, ln, &closing);

	if (!t)
		return false;
	if (t->kind == PL_TOK_PUNCT)
		return is_terminal(t->cp) || t->cp == ',' || t->cp == ';' ||
		       t->cp == ':' || (t->flags & PL_TF_ELLIPSIS);
	return false;
}

/* A line of a wrapped paragraph, not a heading: it holds a sentence end
 * ("pressure. See") or stops on a word that cannot end one ("and", "the"). */
static bool wrapped(const pl_doc *doc, const pl_line *ln)
{
	size_t i, last = doc->toks.n;
	char fold[16];
	size_t k;

	for (i = ln->tok_first; i < ln->tok_end; i++) {
		const pl_token *t = &doc->toks.v[i];
		if (t->kind == PL_TOK_WORD)
			last = i;
		/* white space after it, on the line */
		if (t->kind == PL_TOK_PUNCT && (t->cp == '.' || t->cp == '!' || t->cp == '?') &&
		    !(t->flags & PL_TF_ELLIPSIS) &&
		    t->end < (i + 1 < ln->tok_end ? t[1].start : ln->end))
			return true;
	}
	if (last == doc->toks.n)
		return false;
	k = doc->toks.v[last].end - doc->toks.v[last].start;
	k = k < sizeof(fold) ? pl_fold(doc->text + doc->toks.v[last].start, k, fold,
				       sizeof(fold)) : 0;
	return k && doc->res->minor && pl_wordlist_get(doc->res->minor, fold, k);
}

/* The first word of a sentence starting at token i: skips opening quotes
 * and masked markup with no space after them. Returns the token index or
 * n when there is no word. */
static size_t first_word(const pl_doc *doc, size_t i, size_t end)
{
	for (; i < end; i++) {
		const pl_token *t = &doc->toks.v[i];
		if (t->kind == PL_TOK_WORD)
			return i;
		if (i + 1 < end && t->end != t[1].start)
			break; /* '" The' */
		if (t->kind == PL_TOK_MASK)
			continue; /* "**Bold** start" */
		/* quotes, not brackets: "(laughs)" is a stage direction */
		if (t->kind == PL_TOK_PUNCT && pl_is_opening((int32_t)t->cp) &&
		    t->cp != '(' && t->cp != '[' && t->cp != '{')
			continue;
		break;
	}
	return doc->toks.n;
}

/* Does the line open with a speaker label, as transcripts do: "((WN))",
 * "Q:", "Emily Carter:", "Dr. Alexei Plotnikov:"? */
static bool speaker_label(const pl_doc *doc, size_t first, size_t end)
{
	const pl_token *t = doc->toks.v;
	size_t i, words = 0;

	if (first + 1 < end && t[first].kind == PL_TOK_PUNCT && t[first].cp == '(' &&
	    t[first + 1].kind == PL_TOK_PUNCT && t[first + 1].cp == '(' &&
	    t[first].end == t[first + 1].start)
		return true;
	for (i = first; i < end && words <= 4; i++) {
		if (t[i].kind == PL_TOK_WORD && (t[i].flags & PL_TF_UPPER))
			words++;
		else if (t[i].kind == PL_TOK_PUNCT && t[i].cp == ':')
			return words > 0;
		else if (!(t[i].kind == PL_TOK_PUNCT && t[i].cp == '.'))
			return false;
	}
	return false;
}

/* Room for `need` entries in a list of token indices (the words, the
 * capitalized words, the punctuation, the lowercase sentence starts:
 * pl_doc.h). Out of line: the lists seldom grow. */
static __attribute__((noinline)) int grow_list(uint32_t **v, size_t *cap, size_t need)
{
	return PL_GROW(*v, *cap, need);
}

/* Add token i to the list *v of *n (capacity *cap). */
static inline int list_add(uint32_t **v, size_t *n, size_t *cap, size_t i)
{
	if (*n == *cap && grow_list(v, cap, *n + 1) < 0)
		return PL_ENOMEM;
	(*v)[(*n)++] = (uint32_t)i;
	return PL_OK;
}

#ifdef __SSE2__
/* Add the tokens of `bits` (bit k: token base + k) to the list *v of *n
 * (capacity *cap), in order. */
static inline int list_add16(uint32_t **v, size_t *n, size_t *cap, uint32_t base,
			     unsigned bits)
{
	if (*n + 16 > *cap && grow_list(v, cap, *n + 16) < 0)
		return PL_ENOMEM;
	*n += pl_bits_positions16(*v + *n, base, bits);
	return PL_OK;
}
#endif

/* Mark word token i (none when i is n) as a sentence's first, and as a
 * sure one. A sure start in lowercase goes on the list of them (pl_doc.h:
 * low_starts), once. */
static int mark(pl_doc *doc, size_t i, bool sure)
{
	pl_token *t;

	if (i >= doc->toks.n)
		return PL_OK;
	t = &doc->toks.v[i];
	t->flags |= PL_TF_SENT_START;
	if (!sure || (t->flags & PL_TF_SURE_START))
		return PL_OK;
	t->flags |= PL_TF_SURE_START;
	if (t->flags & PL_TF_UPPER)
		return PL_OK;
	return list_add(&doc->low_starts, &doc->n_low_starts, &doc->low_starts_cap, i);
}

/* Terminal punctuation at token i: mark the sentence that starts after
 * it on its line, if one does. The line's end needs no bound of its own:
 * a line break stops each of the walks below as any other token that is
 * neither punctuation, masked markup nor a word would. */
static int mark_after(pl_doc *doc, abbrev_filter *f, size_t i)
{
	const pl_token *t = &doc->toks.v[i], *v = doc->toks.v;
	size_t j, end = doc->toks.n;
	bool quoted = false;

	/* closing marks and more terminal punctuation right after it */
	for (j = i + 1; j < end && v[j].start == v[j - 1].end; j++) {
		const pl_token *c = &v[j];
		if (c->kind == PL_TOK_PUNCT && pl_is_closing((int32_t)c->cp))
			quoted = true;
		else if (c->kind == PL_TOK_PUNCT && is_terminal(c->cp))
			continue;
		else
			return PL_OK;
	}
	/* then white space, and a token after it */
	if (j >= end)
		return PL_OK;
	/* asked last: a period that no space follows (most often one
	 * that ends its line) needs no look at the word before it */
	if (t->cp == '.' && ends_abbreviation(doc, f, i))
		return PL_OK;
	/* "Why?" and "Yahoo!" end titles and names as often as
	 * sentences: only a period makes a sure boundary; "end. **Next**"
	 * (first_word passes the markup) */
	return mark(doc, first_word(doc, j, end), !quoted && t->cp == '.');
}

/* Token k, whose code point stop_cp let through: terminal punctuation? */
static inline int stop_at(pl_doc *doc, abbrev_filter *f, size_t k)
{
	const pl_token *t = &doc->toks.v[k];

	if (t->kind == PL_TOK_PUNCT && !(t->flags & PL_TF_ELLIPSIS))
		return mark_after(doc, f, k);
	return PL_OK;
}

/* Close the line that ends before token tok_end (a line break, or the end
 * of the tokens) at byte `end`. */
static inline int add_line(pl_doc *doc, size_t start, size_t end,
			   size_t tok_first, size_t tok_end, unsigned words)
{
	pl_line *ln;

	if (doc->n_lines == doc->line_cap &&
	    PL_GROW(doc->lines, doc->line_cap, doc->n_lines + 1) < 0)
		return PL_ENOMEM;
	ln = &doc->lines[doc->n_lines++];
	memset(ln, 0, sizeof(*ln));
	ln->start = start;
	ln->end = end;
	ln->tok_first = tok_first;
	ln->tok_end = tok_end;
	ln->words = words;
	return PL_OK;
}

#ifdef __SSE2__
/* The four tokens at p (16-byte aligned): their code points, returned,
 * and in `codes` 2 * kind + (flags & PL_TF_UPPER), one a 32-bit word. The
 * code point and the last word (flags | kind << 16) of each come from the
 * same loads and shuffles; the multiply-add takes the flags' low half once
 * and the kind's half (the spare byte above it is zero) twice. */
static inline __m128i four_tokens(const __m128i *p, __m128i *codes)
{
	__m128i lo = _mm_unpackhi_epi32(_mm_load_si128(p), _mm_load_si128(p + 1));
	__m128i hi = _mm_unpackhi_epi32(_mm_load_si128(p + 2), _mm_load_si128(p + 3));

	*codes = _mm_madd_epi16(_mm_and_si128(_mm_unpackhi_epi64(lo, hi),
					      _mm_set1_epi32((int)0xFFFF0001u)),
				_mm_set1_epi32(0x00020001));
	return _mm_unpacklo_epi64(lo, hi);
}

/* What build_lines asks of sixteen tokens, as bits. */
typedef struct block16 {
	unsigned breaks; /* line breaks */
	unsigned words;
	unsigned caps;   /* words with PL_TF_UPPER */
	unsigned stops;  /* code points stop_cp lets through */
	unsigned puncts; /* ... and those punct_cp does */
	unsigned n_words;
} block16;

/* The sixteen tokens at t (16-byte aligned). Code points and codes are
 * packed to bytes with saturation: a code point above 0x7F becomes 0x7F,
 * no stop, and a code, below 16, stays exact (were a spare byte not zero,
 * its code would saturate and match nothing). */
static inline block16 scan16(const pl_token *t)
{
	const __m128i *p = (const __m128i *)(const void *)t;
	__m128i c0, c1, c2, c3, cp, code, kind, word, sum;
	block16 b;

	cp = _mm_packs_epi16(_mm_packs_epi32(four_tokens(p, &c0), four_tokens(p + 4, &c1)),
			     _mm_packs_epi32(four_tokens(p + 8, &c2),
					     four_tokens(p + 12, &c3)));
	code = _mm_packs_epi16(_mm_packs_epi32(c0, c1), _mm_packs_epi32(c2, c3));
	kind = _mm_and_si128(code, _mm_set1_epi8((char)0xFE));
	word = _mm_cmpeq_epi8(kind, _mm_set1_epi8(2 * PL_TOK_WORD));
	b.breaks = (unsigned)_mm_movemask_epi8(
		_mm_cmpeq_epi8(kind, _mm_set1_epi8(2 * PL_TOK_NEWLINE)));
	b.words = (unsigned)_mm_movemask_epi8(word);
	b.caps = (unsigned)_mm_movemask_epi8(
		_mm_cmpeq_epi8(code, _mm_set1_epi8(2 * PL_TOK_WORD + 1)));
	b.stops = (unsigned)_mm_movemask_epi8(
		_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(cp, _mm_set1_epi8('.')),
					  _mm_cmpeq_epi8(cp, _mm_set1_epi8('!'))),
			     _mm_cmpeq_epi8(cp, _mm_set1_epi8('?'))));
	/* ',' is 0x2C, ':' and ';' 0x3A and 0x3B: one compare for the pair */
	b.puncts = b.stops |
		   (unsigned)_mm_movemask_epi8(
			   _mm_or_si128(_mm_cmpeq_epi8(cp, _mm_set1_epi8(',')),
					_mm_cmpeq_epi8(_mm_or_si128(cp, _mm_set1_epi8(1)),
						       _mm_set1_epi8(';'))));
	/* each word's 0xFF, less one, is 1: summed in two halves */
	sum = _mm_sad_epu8(_mm_sub_epi8(_mm_setzero_si128(), word), _mm_setzero_si128());
	b.n_words = (unsigned)_mm_cvtsi128_si32(sum) + (unsigned)_mm_extract_epi16(sum, 4);
	return b;
}

#endif

/* The line table, each line's word count, the words, the capitalized
 * words and the sentence punctuation, and the sentences inside the lines:
 * the one pass over the tokens reads every kind anyway, so the line pass
 * below need not count, the rules about words and about the spacing of
 * punctuation need not walk every token, and the sentence ends need no
 * pass of their own.
 * Sixteen tokens at a time where the CPU has SSE2: one compare each finds
 * the line breaks (one token in sixty or so), the words, the capitalized
 * words, the punctuation and the few tokens that may end a sentence (one
 * in forty or so), as bits; only those last are looked at one by one. The
 * marks the sentence ends set (SENT_START, SURE_START) on tokens further
 * on are read by nothing here. */
static int build_lines(pl_doc *doc, abbrev_filter *f)
{
	const pl_token *v = doc->toks.v;
	size_t begin = doc->body, first = 0, i = 0, n = doc->toks.n;
	unsigned words = 0;

	doc->n_caps = 0;
	doc->n_word_at = 0;
	doc->n_puncts = 0;
	doc->n_low_starts = 0;
#ifdef __SSE2__
	if (!((uintptr_t)v & 15)) {
		for (; i + 16 <= n; i += 16) {
			block16 b = scan16(v + i);

			/* nearly every block has words */
			if ((b.words && list_add16(&doc->word_at, &doc->n_word_at,
						   &doc->word_at_cap, (uint32_t)i, b.words) < 0) ||
			    (b.caps && list_add16(&doc->caps, &doc->n_caps, &doc->caps_cap,
						  (uint32_t)i, b.caps) < 0) ||
			    (b.puncts && list_add16(&doc->puncts, &doc->n_puncts,
						    &doc->puncts_cap, (uint32_t)i, b.puncts) < 0))
				return PL_ENOMEM;
			for (; b.stops; b.stops &= b.stops - 1)
				if (stop_at(doc, f, i + (size_t)__builtin_ctz(b.stops)) < 0)
					return PL_ENOMEM;
			if (b.breaks) {
				/* the block's words before each line break */
				unsigned done = 0;

				for (; b.breaks; b.breaks &= b.breaks - 1) {
					size_t k = (size_t)__builtin_ctz(b.breaks), t = i + k;
					unsigned before = pl_bits_count16(b.words & ((1u << k) - 1));

					if (add_line(doc, begin, v[t].start, first, t,
						     words + before - done) < 0)
						return PL_ENOMEM;
					begin = v[t].end;
					first = t + 1;
					words = 0;
					done = before;
				}
				b.n_words -= done;
			}
			words += b.n_words;
		}
	}
#endif
	for (;; i++) {
		if (i < n && v[i].kind != PL_TOK_NEWLINE) {
			if (v[i].kind == PL_TOK_WORD) {
				words++;
				if (list_add(&doc->word_at, &doc->n_word_at, &doc->word_at_cap, i) < 0 ||
				    ((v[i].flags & PL_TF_UPPER) &&
				     list_add(&doc->caps, &doc->n_caps, &doc->caps_cap, i) < 0))
					return PL_ENOMEM;
			} else if (punct_cp(v[i].cp)) {
				if (list_add(&doc->puncts, &doc->n_puncts, &doc->puncts_cap, i) < 0 ||
				    (stop_cp(v[i].cp) && stop_at(doc, f, i) < 0))
					return PL_ENOMEM;
			}
			continue;
		}
		if (add_line(doc, begin, i < n ? v[i].start : doc->len, first, i,
			     words) < 0)
			return PL_ENOMEM;
		if (i == n)
			break;
		begin = v[i].end;
		first = i + 1;
		words = 0;
	}
	return PL_OK;
}

static int by_index(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

int pl_sentence_mark(pl_doc *doc)
{
	size_t l, i;
	const pl_line *prev = NULL;
	abbrev_filter filter = { .built = false };
	const pl_token *v = doc->toks.v;
	int err = build_lines(doc, &filter);

	if (err < 0)
		return err;
	for (l = 0; l < doc->n_lines; l++) {
		pl_line *ln = &doc->lines[l];
		size_t first = doc->toks.n, end = ln->tok_end;

		/* the first token that is not masked markup (build_lines
		 * counted the line's words) */
		for (i = ln->tok_first; i < end; i++)
			if (v[i].kind != PL_TOK_MASK) {
				first = i;
				break;
			}
		if (first == doc->toks.n) {
			ln->flags |= PL_LINE_BLANK;
			prev = ln;
			continue;
		}
		doc->toks.v[first].flags |= PL_TF_LINE_START;
		if (speaker_label(doc, first, ln->tok_end))
			ln->flags |= PL_LINE_SPEECH;
		if (ln->words >= 1 && ln->words <= 16 &&
		    !line_has_closing_punct(doc, ln) && !wrapped(doc, ln) &&
		    doc->toks.v[first].kind == PL_TOK_WORD &&
		    (doc->toks.v[first].flags & PL_TF_UPPER))
			ln->flags |= PL_LINE_HEADING;
		if (!prev || (prev->flags & (PL_LINE_BLANK | PL_LINE_HEADING)) ||
		    line_ends_sentence(doc, &filter, prev))
			ln->flags |= PL_LINE_PARA;
		if ((ln->flags & PL_LINE_PARA) &&
		    mark(doc, first_word(doc, first, ln->tok_end), true) < 0)
			return PL_ENOMEM;
		prev = ln;
	}
	/* the paragraphs' first words came after the sentences' inside the
	 * lines (and with none, the list may be no array at all) */
	if (doc->n_low_starts > 1)
		qsort(doc->low_starts, doc->n_low_starts, sizeof(*doc->low_starts), by_index);
	return PL_OK;
}
