#include "pl_doc.h"
#include "pl_error.h"
#include "pl_words.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* An array of at least `need` elements of `elem` bytes in *v (its
 * capacity *cap), its contents not kept: a power of two, as the token
 * array is sized, so that the next part mostly fits without another
 * allocation. */
static int room(void **v, size_t *cap, size_t need, size_t elem)
{
	size_t c = 64;

	if (*cap >= need)
		return PL_OK;
	while (c < need)
		c *= 2;
	free(*v);
	*cap = 0;
	if (!(*v = malloc(c * elem)))
		return pl_error_set(PL_ENOMEM, "out of memory");
	*cap = c;
	return PL_OK;
}

/* Every word token's form, interned once: the rules then ask about the
 * form, not the token. */
static int intern_words(pl_doc *doc)
{
	size_t need = doc->toks.n + 1;

	if (room((void **)&doc->word_id, &doc->word_cap, need, sizeof(*doc->word_id)) < 0 ||
	    room((void **)&doc->repeat, &doc->repeat_cap, doc->n_word_at,
		 sizeof(*doc->repeat)) < 0)
		return PL_ENOMEM;
	/* 0 for every token, then the words' ids: a memset, and a walk of
	 * the words alone (word_at), not of the punctuation between */
	memset(doc->word_id, 0, need * sizeof(*doc->word_id));
	doc->n_repeat = pl_words_intern_at(doc->words, doc->text, doc->toks.v, doc->word_at,
					   doc->n_word_at, doc->word_id, doc->repeat);
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
		doc->word_at = bufs->word_at;
		doc->word_at_cap = bufs->word_at_cap;
		doc->repeat = bufs->repeat;
		doc->repeat_cap = bufs->repeat_cap;
		doc->puncts = bufs->puncts;
		doc->puncts_cap = bufs->puncts_cap;
		doc->low_starts = bufs->low_starts;
		doc->low_starts_cap = bufs->low_starts_cap;
		doc->notable = bufs->notable;
		doc->notable_cap = bufs->notable_cap;
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
	/* the line table and the capitalized words too: one pass over the
	 * tokens finds them and the sentence ends inside the lines */
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
	free(b->word_at);
	free(b->repeat);
	free(b->puncts);
	free(b->low_starts);
	free(b->notable);
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
		b->word_at_cap = doc->word_at_cap;
		b->word_at = keep(doc->word_at, &b->word_at_cap, sizeof(*doc->word_at));
		b->repeat_cap = doc->repeat_cap;
		b->repeat = keep(doc->repeat, &b->repeat_cap, sizeof(*doc->repeat));
		b->puncts_cap = doc->puncts_cap;
		b->puncts = keep(doc->puncts, &b->puncts_cap, sizeof(*doc->puncts));
		b->low_starts_cap = doc->low_starts_cap;
		b->low_starts = keep(doc->low_starts, &b->low_starts_cap,
				     sizeof(*doc->low_starts));
		b->notable_cap = doc->notable_cap;
		b->notable = keep(doc->notable, &b->notable_cap, sizeof(*doc->notable));
	} else {
		pl_tokens_fini(&doc->toks);
		free(doc->lines);
		free(doc->word_id);
		free(doc->caps);
		free(doc->word_at);
		free(doc->repeat);
		free(doc->puncts);
		free(doc->low_starts);
		free(doc->notable);
	}
	free(doc->claims);
	pl_words_end(doc->words);
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

const uint32_t *pl_doc_notable_words(pl_doc *doc, size_t *n)
{
	const uint32_t *at = doc->word_at, *ids = doc->word_id;
	size_t k, m = 0;

	if (!doc->notable_done) {
		if (room((void **)&doc->notable, &doc->notable_cap, doc->n_word_at + 1,
			 sizeof(*doc->notable)) < 0) {
			*n = doc->n_word_at;
			return at;
		}
		/* no branch on each word: which one is notable is hard to
		 * guess */
		for (k = 0; k < doc->n_word_at; k++) {
			const uint32_t i = at[k];

			doc->notable[m] = i;
			m += (pl_words_facts(doc->words, ids[i], PL_WF_WALKED) & PL_WF_WALKED) !=
			     PL_WF_KNOWN;
		}
		doc->n_notable = m;
		doc->notable_done = true;
	}
	*n = doc->n_notable;
	return doc->notable;
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
