#include "pl_doc.h"
#include "pl_error.h"
#include "pl_words.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Room for more capitalized words' indices. */
static __attribute__((noinline)) int grow_caps(pl_doc *doc, size_t need)
{
	return PL_GROW(doc->caps, doc->caps_cap, need);
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
/* The last 32-bit word of each of the four tokens at p (16-byte aligned):
 * flags | kind << 16. */
static inline __m128i four_tails(const __m128i *p)
{
	return _mm_unpackhi_epi64(_mm_unpackhi_epi32(_mm_load_si128(p),
						     _mm_load_si128(p + 1)),
				  _mm_unpackhi_epi32(_mm_load_si128(p + 2),
						     _mm_load_si128(p + 3)));
}

/* Of the four tokens at p: 2 * kind + (flags & PL_TF_UPPER), one a 32-bit
 * word. The multiply-add takes the flags' low half once and the kind's
 * half (the spare byte above it is zero) twice. */
static inline __m128i four_codes(const __m128i *p)
{
	return _mm_madd_epi16(_mm_and_si128(four_tails(p),
					    _mm_set1_epi32((int)0xFFFF0001u)),
			      _mm_set1_epi32(0x00020001));
}

/* The codes of four_codes for the sixteen tokens at t (16-byte aligned),
 * as bytes: each is below 16, so the packs keep it exact. */
static inline __m128i code_bytes16(const pl_token *t)
{
	const __m128i *p = (const __m128i *)(const void *)t;

	return _mm_packs_epi16(_mm_packs_epi32(four_codes(p), four_codes(p + 4)),
			       _mm_packs_epi32(four_codes(p + 8), four_codes(p + 12)));
}
#endif

/* Set bits of a 16-bit mask (no popcount instruction in baseline x86-64). */
static inline unsigned count16(unsigned x)
{
	x = x - ((x >> 1) & 0x5555);
	x = (x & 0x3333) + ((x >> 2) & 0x3333);
	x = (x + (x >> 4)) & 0x0F0F;
	return (x + (x >> 8)) & 0x1F;
}

/* The line table, each line's word count, and the capitalized words: the
 * one pass over the tokens reads every kind anyway, so pl_sentence_mark
 * need not count and the names rule need not walk every token. Sixteen
 * tokens at a time where the CPU has SSE2: one compare each finds the
 * line breaks (one token in sixty or so), the words and the capitalized
 * words among them, as bits. */
static int build_lines(pl_doc *doc)
{
	const pl_token *v = doc->toks.v;
	size_t begin = doc->body, first = 0, i = 0, n = doc->toks.n;
	unsigned words = 0;

	doc->n_caps = 0;
#ifdef __SSE2__
	if (!((uintptr_t)v & 15)) {
		for (; i + 16 <= n; i += 16) {
			__m128i c = code_bytes16(v + i);
			__m128i k = _mm_and_si128(c, _mm_set1_epi8((char)0xFE));
			__m128i wv = _mm_cmpeq_epi8(k, _mm_set1_epi8(2 * PL_TOK_WORD));
			unsigned nl = (unsigned)_mm_movemask_epi8(
				_mm_cmpeq_epi8(k, _mm_set1_epi8(2 * PL_TOK_NEWLINE)));
			unsigned up = (unsigned)_mm_movemask_epi8(
				_mm_cmpeq_epi8(c, _mm_set1_epi8(2 * PL_TOK_WORD + 1)));
			/* the block's words: each word's 0xFF, less one, is 1,
			 * summed in two halves */
			__m128i sum = _mm_sad_epu8(_mm_sub_epi8(_mm_setzero_si128(), wv),
						   _mm_setzero_si128());
			unsigned in_block = (unsigned)_mm_cvtsi128_si32(sum) +
					    (unsigned)_mm_extract_epi16(sum, 4);

			if (up) {
				uint32_t *caps;
				size_t m = doc->n_caps;

				if (m + 16 > doc->caps_cap && grow_caps(doc, m + 16) < 0)
					return PL_ENOMEM;
				caps = doc->caps;
				do {
					caps[m++] = (uint32_t)(i + (size_t)__builtin_ctz(up));
					up &= up - 1;
				} while (up);
				doc->n_caps = m;
			}
			if (nl) {
				/* words of the block before each line break */
				unsigned w = (unsigned)_mm_movemask_epi8(wv), done = 0;

				for (; nl; nl &= nl - 1) {
					size_t b = (size_t)__builtin_ctz(nl), t = i + b;
					unsigned before = count16(w & ((1u << b) - 1));

					if (add_line(doc, begin, v[t].start, first, t,
						     words + before - done) < 0)
						return PL_ENOMEM;
					begin = v[t].end;
					first = t + 1;
					words = 0;
					done = before;
				}
				in_block -= done;
			}
			words += in_block;
		}
	}
#endif
	for (;; i++) {
		if (i < n && v[i].kind != PL_TOK_NEWLINE) {
			if (v[i].kind == PL_TOK_WORD) {
				words++;
				if (v[i].flags & PL_TF_UPPER) {
					if (doc->n_caps == doc->caps_cap &&
					    grow_caps(doc, doc->n_caps + 1) < 0)
						return PL_ENOMEM;
					doc->caps[doc->n_caps++] = (uint32_t)i;
				}
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

/* Every word token's form, interned once: the rules then ask about the
 * form, not the token. Every entry is written, 0 for the tokens that are
 * not words, so the array (often a reused one) needs no calloc: one pass
 * of stores instead of a memset and then a pass. */
static int intern_words(pl_doc *doc)
{
	size_t need = doc->toks.n + 1;

	if (doc->word_cap < need) {
		/* a power of two, as the token array is sized: the next part
		 * then mostly fits without another allocation */
		size_t cap = 64;
		while (cap < need)
			cap *= 2;
		free(doc->word_id);
		doc->word_cap = 0;
		if (!(doc->word_id = malloc(cap * sizeof(*doc->word_id))))
			return pl_error_set(PL_ENOMEM, "out of memory");
		doc->word_cap = cap;
	}
	pl_words_intern_tokens(doc->words, doc->text, doc->toks.v, doc->toks.n,
			       doc->word_id);
	doc->word_id[doc->toks.n] = 0;
	return PL_OK;
}

int pl_doc_init(pl_doc *doc, const pl_source *src, size_t offset, size_t len,
		const pl_resources *res, const pl_ruleset *rules, pl_findings *out,
		pl_arena *arena, pl_words *words)
{
	return pl_doc_init_with(doc, src, offset, len, res, rules, out, arena,
				words, NULL);
}

int pl_doc_init_with(pl_doc *doc, const pl_source *src, size_t offset, size_t len,
		     const pl_resources *res, const pl_ruleset *rules, pl_findings *out,
		     pl_arena *arena, pl_words *words, pl_doc_buffers *bufs)
{
	int err = 0;

	memset(doc, 0, sizeof(*doc));
	if (bufs) {
		/* borrow the arrays; pl_doc_fini gives them back */
		doc->bufs = bufs;
		doc->toks.v = bufs->toks;
		doc->toks.cap = bufs->tok_cap;
		doc->lines = bufs->lines;
		doc->line_cap = bufs->line_cap;
		doc->word_id = bufs->word_id;
		doc->word_cap = bufs->word_cap;
		doc->caps = bufs->caps;
		doc->caps_cap = bufs->caps_cap;
		memset(bufs, 0, sizeof(*bufs));
	}
	doc->src = src;
	doc->text = src->text + offset;
	doc->len = len;
	doc->offset = offset;
	doc->body = offset < src->body ? src->body - offset : 0;
	doc->res = res;
	doc->rules = rules;
	doc->out = out;
	doc->first_found = out ? out->n : 0;
	doc->arena = arena;
	doc->words = words;
	if (!words) {
		if (!(doc->words = pl_words_new(res)))
			return pl_error_set(PL_ENOMEM, "out of memory");
		doc->own_words = true;
	}
	doc->serial = pl_words_begin(doc->words);
	PL_CHECK(pl_tokenize(&doc->toks, doc->text, doc->len, doc->body));
	/* an empty text has no tokens, but an array all the same: the rules
	 * walk [v, v + n) with pointers, and a null pointer takes no offset */
	if (!doc->toks.v && PL_GROW(doc->toks.v, doc->toks.cap, 1) < 0) {
		err = pl_error_set(PL_ENOMEM, "out of memory");
		goto cleanup;
	}
	PL_CHECK(build_lines(doc));
	PL_CHECK(pl_sentence_mark(doc));
	PL_CHECK(intern_words(doc));
cleanup:
	return err;
}

/* Keep an array for the next document unless it grew past the limit. */
static void *keep(void *p, size_t *cap, size_t elem)
{
	if (p && *cap * elem <= PL_DOC_KEEP_MAX)
		return p;
	free(p);
	*cap = 0;
	return NULL;
}

void pl_doc_buffers_fini(pl_doc_buffers *b)
{
	free(b->toks);
	free(b->lines);
	free(b->word_id);
	free(b->caps);
	memset(b, 0, sizeof(*b));
}

void pl_doc_fini(pl_doc *doc)
{
	pl_doc_buffers *b = doc->bufs;

	if (b) {
		/* give back, over anything the lender put there meanwhile */
		pl_doc_buffers_fini(b);
		b->tok_cap = doc->toks.cap;
		b->toks = keep(doc->toks.v, &b->tok_cap, sizeof(*doc->toks.v));
		b->line_cap = doc->line_cap;
		b->lines = keep(doc->lines, &b->line_cap, sizeof(*doc->lines));
		b->word_cap = doc->word_cap;
		b->word_id = keep(doc->word_id, &b->word_cap, sizeof(*doc->word_id));
		b->caps_cap = doc->caps_cap;
		b->caps = keep(doc->caps, &b->caps_cap, sizeof(*doc->caps));
	} else {
		pl_tokens_fini(&doc->toks);
		free(doc->lines);
		free(doc->word_id);
		free(doc->caps);
	}
	free(doc->claims);
	if (doc->own_words)
		pl_words_free(doc->words);
	memset(doc, 0, sizeof(*doc));
}

pl_finding *pl_doc_report(pl_doc *doc, unsigned rule, size_t start, size_t end,
			  const char *fmt, ...)
{
	pl_finding *f;
	va_list ap;
	char *msg;
	int n;

	if (!doc->rules->enabled[rule])
		return NULL;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !(msg = pl_arena_alloc(doc->arena, (size_t)n + 1)))
		return NULL;
	va_start(ap, fmt);
	vsnprintf(msg, (size_t)n + 1, fmt, ap);
	va_end(ap);
	if (PL_GROW(doc->out->v, doc->out->cap, doc->out->n + 1) < 0)
		return NULL;
	f = &doc->out->v[doc->out->n++];
	memset(f, 0, sizeof(*f));
	f->start = start;
	f->end = end;
	f->rule = rule;
	f->severity = doc->rules->info[rule].severity;
	f->message = msg;
	return f;
}

int pl_doc_suggest(pl_doc *doc, pl_finding *f, const char *s, size_t len)
{
	const char **v;

	if (!f)
		return PL_OK;
	v = pl_arena_alloc(doc->arena, (f->n_suggest + 1) * sizeof(*v));
	if (!v)
		return PL_ENOMEM;
	if (f->n_suggest)
		memcpy(v, f->suggest, f->n_suggest * sizeof(*v));
	if (!(v[f->n_suggest] = pl_arena_strndup(doc->arena, s, len)))
		return PL_ENOMEM;
	f->suggest = v;
	f->n_suggest++;
	return PL_OK;
}

size_t pl_doc_next_nonspace(const pl_doc *doc, size_t i)
{
	for (i++; i < doc->toks.n; i++)
		if (doc->toks.v[i].kind != PL_TOK_SPACE)
			return i;
	return doc->toks.n;
}

static int by_start(const void *a, const void *b)
{
	const pl_span *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start;
}

int pl_doc_claim_artifacts(pl_doc *doc)
{
	size_t i, cap = 0;

	free(doc->claims);
	doc->claims = NULL;
	doc->n_claims = 0;
	for (i = doc->first_found; i < doc->out->n; i++) {
		const pl_finding *f = &doc->out->v[i];
		const char *id = doc->rules->info[f->rule].id;
		if (strncmp(id, "artifact.", 9) != 0 && strncmp(id, "encoding.", 9) != 0)
			continue;
		if (PL_GROW(doc->claims, cap, doc->n_claims + 1) < 0)
			return PL_ENOMEM;
		doc->claims[doc->n_claims++] = (pl_span){ f->start, f->end };
	}
	if (doc->n_claims > 1)
		qsort(doc->claims, doc->n_claims, sizeof(*doc->claims), by_start);
	/* the longest end so far, so one binary search answers overlaps */
	for (i = 1; i < doc->n_claims; i++)
		if (doc->claims[i].end < doc->claims[i - 1].end)
			doc->claims[i].end = doc->claims[i - 1].end;
	return PL_OK;
}

bool pl_doc_claimed(const pl_doc *doc, size_t start, size_t end)
{
	size_t lo = 0, hi = doc->n_claims;

	/* the last claim starting before `end`; its running end reaches
	 * furthest among all claims that start before `end` */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (doc->claims[mid].start < end)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 && doc->claims[lo - 1].end > start;
}
