/* pl_sentence.c - line structure and sentence boundaries.
 *
 * A boundary is "sure" only when nothing about it is ambiguous: terminal
 * punctuation that does not end an abbreviation or an initial, no closing
 * quote in between (as in: "Why?" she asked), then white space. Rules that
 * would raise a false alarm on a wrong boundary act on sure ones only. */
#include "pl_doc.h"

#include <string.h>

static bool is_terminal(uint32_t cp)
{
	return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026;
}

/* Could a token with code point cp be terminal punctuation that is not
 * an ellipsis: "." "!" "?"? ("…" is terminal, but pl_tokenize gives every
 * "…" the ELLIPSIS flag.) One compare sends the words (their first
 * letter, from 'A' up) and the spaces (' ', just below '!') past it; a bit
 * set then picks the three among the ASCII punctuation it lets through. */
static inline bool stop_cp(uint32_t cp)
{
	const uint32_t stops = 1u << ('.' - '!') | 1u << ('!' - '!') |
			       1u << ('?' - '!');

	return cp - '!' <= '?' - '!' && ((stops >> (cp - '!')) & 1);
}

#ifdef __SSE2__
/* Which of the sixteen tokens at t (16-byte aligned) have a code point
 * stop_cp lets through, as bits. The code points are saturated to bytes:
 * one above 0x7F becomes 0x7F, no stop, so the test stays exact. */
static inline unsigned stop_bits(const pl_token *t)
{
	__m128i x = pl_tokens_cp_bytes16(t);

	x = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('.')),
				      _mm_cmpeq_epi8(x, _mm_set1_epi8('!'))),
			 _mm_cmpeq_epi8(x, _mm_set1_epi8('?')));
	return (unsigned)_mm_movemask_epi8(x);
}
#endif

/* The last token of line `ln` that is not white space or a closing mark. */
static const pl_token *last_significant(const pl_doc *doc, const pl_line *ln,
					 bool *closing)
{
	size_t i = ln->tok_end;

	*closing = false;
	while (i > ln->tok_first) {
		const pl_token *t = &doc->toks.v[--i];
		if (t->kind == PL_TOK_SPACE || t->kind == PL_TOK_MASK)
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

/* Is w[0, n), folded, in the abbreviation list? */
static bool is_abbreviation(const pl_doc *doc, abbrev_filter *f,
			    const char *w, size_t n)
{
	char buf[64];
	size_t i;

	if (!f->built) {
		memset(f, 0, sizeof(*f));
		pl_wordlist_each(doc->res->abbrev, filter_add, f);
		f->built = true;
	}
	for (i = 0; i < n && (unsigned char)w[i] < 0x80; i++)
		;
	if (i < n || n >= 16) {
		/* beyond ASCII the folded form may differ in length */
		if (i == n && !f->any_long)
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

/* Does the period at token p end an abbreviation or an initial? */
static bool ends_abbreviation(const pl_doc *doc, abbrev_filter *f, size_t p,
			      size_t first)
{
	const pl_token *w;

	if (p == first)
		return false;
	w = &doc->toks.v[p - 1];
	if (w->kind != PL_TOK_WORD)
		return false;
	/* an initial: "J. Smith", "ESBL-E. coli" */
	if ((w->end - w->start == 1 ||
	     (w->end - w->start >= 2 && doc->text[w->end - 2] == '-')) &&
	    (doc->text[w->end - 1] >= 'A' && doc->text[w->end - 1] <= 'Z'))
		return true;
	return is_abbreviation(doc, f, doc->text + w->start, w->end - w->start);
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
	if (t->cp == '.' && ends_abbreviation(doc, f, (size_t)(t - doc->toks.v),
					      ln->tok_first))
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
		if (t->kind == PL_TOK_PUNCT && (t->cp == '.' || t->cp == '!' || t->cp == '?') &&
		    !(t->flags & PL_TF_ELLIPSIS) && i + 1 < ln->tok_end &&
		    doc->toks.v[i + 1].kind == PL_TOK_SPACE)
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
 * and brackets. Returns the token index or n when there is no word. */
static size_t first_word(const pl_doc *doc, size_t i, size_t end)
{
	for (; i < end; i++) {
		const pl_token *t = &doc->toks.v[i];
		if (t->kind == PL_TOK_WORD)
			return i;
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
	    t[first + 1].kind == PL_TOK_PUNCT && t[first + 1].cp == '(')
		return true;
	for (i = first; i < end && words <= 4; i++) {
		if (t[i].kind == PL_TOK_WORD && (t[i].flags & PL_TF_UPPER))
			words++;
		else if (t[i].kind == PL_TOK_PUNCT && t[i].cp == ':')
			return words > 0;
		else if (t[i].kind != PL_TOK_SPACE &&
			 !(t[i].kind == PL_TOK_PUNCT && t[i].cp == '.'))
			return false;
	}
	return false;
}

static void mark(pl_doc *doc, size_t i, bool sure)
{
	if (i >= doc->toks.n)
		return;
	doc->toks.v[i].flags |= PL_TF_SENT_START;
	if (sure)
		doc->toks.v[i].flags |= PL_TF_SURE_START;
}

/* Terminal punctuation at token i of line `ln`: mark the sentence that
 * starts after it, if one does. */
static void mark_after(pl_doc *doc, abbrev_filter *f, const pl_line *ln,
		       size_t i)
{
	const pl_token *t = &doc->toks.v[i];
	size_t j;
	bool quoted = false;

	if (t->cp == '.' && ends_abbreviation(doc, f, i, ln->tok_first))
		return;
	for (j = i + 1; j < ln->tok_end; j++) {
		const pl_token *c = &doc->toks.v[j];
		if (c->kind == PL_TOK_PUNCT && pl_is_closing((int32_t)c->cp))
			quoted = true;
		else if (c->kind == PL_TOK_PUNCT && is_terminal(c->cp))
			continue;
		else
			break;
	}
	if (j >= ln->tok_end || doc->toks.v[j].kind != PL_TOK_SPACE)
		return;
	while (j + 1 < ln->tok_end && doc->toks.v[j + 1].kind == PL_TOK_MASK)
		j++; /* "end. **Next**" */
	/* "Why?" and "Yahoo!" end titles and names as often as
	 * sentences: only a period makes a sure boundary */
	mark(doc, first_word(doc, j + 1, ln->tok_end), !quoted && t->cp == '.');
}

int pl_sentence_mark(pl_doc *doc)
{
	size_t l = 0, i, n = doc->toks.n;
	const pl_line *prev = NULL;
	abbrev_filter filter = { .built = false };
	const pl_token *v = doc->toks.v;

	/* One pass over the whole document marks the sentences inside the
	 * lines: those marks (SENT_START, SURE_START) are read by nothing in
	 * the line pass below, so they need not wait for it. The code point
	 * is asked first, sixteen tokens at a time where the CPU has SSE2
	 * (one token in forty or so passes), the kind and the flags only of
	 * the few it lets through. The lines tile the tokens but for the
	 * line breaks, which are no punctuation. */
	for (i = 0; i < n;) {
		unsigned bits = 0;
		size_t base = i;

#ifdef __SSE2__
		if (i + 16 <= n && !((uintptr_t)v & 15)) {
			bits = stop_bits(v + i);
			i += 16;
		} else
#endif
		{
			bits = stop_cp(v[i].cp);
			i++;
		}
		for (; bits; bits &= bits - 1) {
			size_t k = base + (size_t)__builtin_ctz(bits);
			if (v[k].kind != PL_TOK_PUNCT || (v[k].flags & PL_TF_ELLIPSIS))
				continue;
			while (l < doc->n_lines && doc->lines[l].tok_end <= k)
				l++;
			if (l < doc->n_lines && doc->lines[l].tok_first <= k)
				mark_after(doc, &filter, &doc->lines[l], k);
		}
	}
	for (l = 0; l < doc->n_lines; l++) {
		pl_line *ln = &doc->lines[l];
		size_t first = doc->toks.n, end = ln->tok_end;

		/* the first token that is not white space or masked markup
		 * (build_lines counted the line's words) */
		for (i = ln->tok_first; i < end; i++)
			if (v[i].kind != PL_TOK_SPACE && v[i].kind != PL_TOK_MASK) {
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
		if (ln->flags & PL_LINE_PARA)
			mark(doc, first_word(doc, first, ln->tok_end), true);
		prev = ln;
	}
	return PL_OK;
}
