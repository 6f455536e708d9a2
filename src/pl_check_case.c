/* pl_check_case.c - capitalization: sentence starts, proper nouns, names
 * written two ways, and Title Case headings.
 *
 * Where a lowercase form is itself an ordinary word ("xi", "china", "bush",
 * "united states"), the document's own capitalized use is the evidence that
 * the capitalized form is meant. */
#include "pl_check.h"
#include "pl_speller.h"

#include <stdlib.h>
#include <string.h>

#define MAX_WORD 128
#define MAX_PHRASE 512

typedef struct ctx {
	pl_doc *doc;
	pl_speller *sp;
	pl_wordlist *caps;  /* folded words seen capitalized mid-sentence */
	pl_wordlist *names; /* folded "given surname" -> "Given Surname" */
	bool *covered;      /* tokens already inside a reported phrase */
} ctx;

static pl_str tstr(const ctx *c, const pl_token *t)
{
	return pl_doc_tok_str(c->doc, t);
}

static bool on_heading(const ctx *c, size_t line)
{
	return c->doc->lines[line].flags & PL_LINE_HEADING;
}

static bool known(ctx *c, const char *w, size_t n)
{
	if (pl_wordlist_get(c->doc->res->accept, w, n))
		return true;
	return c->sp && pl_speller_check(c->sp, w, n);
}

static size_t strip_possessive(const char *w, size_t n)
{
	if (n > 3 && memcmp(w + n - 2, "'s", 2) == 0)
		return n - 2;
	if (n > 5 && memcmp(w + n - 4, "\xE2\x80\x99s", 4) == 0)
		return n - 4;
	return n;
}

/* First pass: collect capitalized words used mid-sentence outside headings,
 * and full names ("Emily Carter") introduced by a given name. */
static void collect(ctx *c)
{
	const pl_doc *doc = c->doc;
	size_t l, i;

	for (l = 0; l < doc->n_lines; l++) {
		const pl_line *ln = &doc->lines[l];
		if (on_heading(c, l))
			continue;
		for (i = ln->tok_first; i < ln->tok_end; i++) {
			const pl_token *t = &doc->toks.v[i];
			char fold[MAX_WORD * 2];
			size_t k;
			pl_str s;

			if (t->kind != PL_TOK_WORD || !(t->flags & PL_TF_UPPER))
				continue;
			s = tstr(c, t);
			if (!(t->flags & (PL_TF_SENT_START | PL_TF_LINE_START)) &&
			    (k = pl_fold(s.ptr, strip_possessive(s.ptr, s.len), fold,
					 sizeof(fold))))
				pl_wordlist_put(c->caps, fold, k, NULL, 0);
			/* Given Surname */
			if (i + 2 < ln->tok_end &&
			    doc->toks.v[i + 1].kind == PL_TOK_SPACE &&
			    doc->toks.v[i + 1].end - doc->toks.v[i + 1].start == 1 &&
			    doc->toks.v[i + 2].kind == PL_TOK_WORD &&
			    (doc->toks.v[i + 2].flags & PL_TF_UPPER) &&
			    !(doc->toks.v[i + 2].flags & PL_TF_ALLCAPS) &&
			    (k = pl_fold(s.ptr, s.len, fold, sizeof(fold))) &&
			    pl_wordlist_get(doc->res->given_names, fold, k)) {
				const pl_token *b = &doc->toks.v[i + 2];
				char key[MAX_PHRASE];
				size_t kn = pl_fold(s.ptr, b->end - t->start, key,
						    sizeof(key));
				if (kn)
					pl_wordlist_put(c->names, key, kn, s.ptr,
							b->end - t->start);
			}
		}
	}
}

static void sentence_start(ctx *c, const pl_token *t)
{
	pl_str s = tstr(c, t);
	char cap[MAX_WORD * 2];
	size_t k;
	pl_finding *f;

	if (!(t->flags & PL_TF_SURE_START) || (t->flags & (PL_TF_UPPER | PL_TF_INNERCAP |
							    PL_TF_ABBREV | PL_TF_DIGIT)))
		return;
	if (!t->cp || !pl_is_letter((int32_t)t->cp) || s.len > MAX_WORD)
		return;
	if (pl_wordlist_get(c->doc->res->accept, s.ptr, s.len))
		return; /* a brand written lowercase on purpose */
	k = pl_capitalize(s.ptr, s.len, cap, sizeof(cap));
	f = pl_doc_report(c->doc, PL_R_SENTENCE_START, t->start, t->end,
			  "sentence starts with a lowercase letter: '%.*s'",
			  (int)s.len, s.ptr);
	pl_doc_suggest(c->doc, f, cap, k);
}

/* Is `canon` used, exactly so cased, somewhere in the document? */
static bool doc_uses(const ctx *c, const char *canon, size_t n)
{
	return memmem(c->doc->text, c->doc->len, canon, n) != NULL;
}

/* Multi-word proper nouns: "United states", "new york" (with evidence).
 * Returns the number of tokens matched, or 0. */
static size_t phrase(ctx *c, size_t i, size_t end)
{
	const pl_doc *doc = c->doc;
	size_t idx[16], nw = 0, j = i, maxw = doc->res->proper_max_words;
	char key[MAX_PHRASE];

	if (maxw > PL_ARRAY_LEN(idx))
		maxw = PL_ARRAY_LEN(idx);
	/* gather up to maxw words joined by single spaces */
	while (nw < maxw && j < end && doc->toks.v[j].kind == PL_TOK_WORD) {
		idx[nw++] = j;
		if (j + 2 < end && doc->toks.v[j + 1].kind == PL_TOK_SPACE &&
		    doc->toks.v[j + 1].end - doc->toks.v[j + 1].start == 1)
			j += 2;
		else
			break;
	}
	for (; nw >= 2; nw--) {
		const pl_token *a = &doc->toks.v[i], *z = &doc->toks.v[idx[nw - 1]];
		size_t span = z->end - a->start, k, w, upper = 0, lower = 0;
		const char *canon, *text = doc->text + a->start;

		k = pl_fold(text, span, key, sizeof(key));
		if (!k || !(canon = pl_wordlist_get(doc->res->proper, key, k)))
			continue;
		if (strlen(canon) != span || memcmp(canon, text, span) == 0)
			return nw; /* written right */
		for (w = 0; w < nw; w++) {
			if (doc->toks.v[idx[w]].flags & PL_TF_UPPER)
				upper++;
			else
				lower++;
		}
		/* "United states": half capitalized is never a style; all
		 * lowercase needs the document's own capitalized use */
		if (!upper && !doc_uses(c, canon, span))
			return nw;
		if (upper && (doc->toks.v[i].flags & PL_TF_SENT_START) && upper == 1 &&
		    !doc_uses(c, canon, span))
			return nw;
		pl_finding *f = pl_doc_report(c->doc, PL_R_PROPER_NOUN, a->start,
					      z->end, "'%.*s' should be written '%s'",
					      (int)span, text, canon);
		pl_doc_suggest(c->doc, f, canon, span);
		for (w = i; w <= idx[nw - 1]; w++)
			c->covered[w] = true;
		return nw;
	}
	return 0;
}

static void proper_word(ctx *c, size_t i)
{
	const pl_token *t = &c->doc->toks.v[i];
	pl_str s = tstr(c, t);
	size_t base, k;
	char fold[MAX_WORD * 2], cap[MAX_WORD * 2];
	const char *canon;
	pl_finding *f;

	if (c->covered[i] || (t->flags & (PL_TF_UPPER | PL_TF_INNERCAP |
					  PL_TF_ABBREV | PL_TF_DIGIT | PL_TF_HYPHEN)))
		return;
	if (s.len < 2 || s.len > MAX_WORD || !pl_word_is_lower(s.ptr, s.len))
		return;
	if (t->flags & PL_TF_SURE_START)
		return; /* the sentence-start rule speaks for it */
	base = strip_possessive(s.ptr, s.len);
	k = pl_fold(s.ptr, base, fold, sizeof(fold));
	if (!k)
		return;
	canon = pl_wordlist_get(c->doc->res->proper, fold, k);
	if (canon && strlen(canon) == base) {
		memcpy(cap, canon, base + 1);
	} else if (canon || known(c, s.ptr, base) ||
		   !pl_capitalize(s.ptr, base, cap, sizeof(cap)) ||
		   !known(c, cap, strlen(cap))) {
		return;
	}
	/* an ordinary word too ("xi", "china"): only with evidence */
	if (known(c, s.ptr, base) && !pl_wordlist_get(c->caps, fold, k))
		return;
	{
		char whole[MAX_WORD * 2];
		size_t cn = strlen(cap);
		if (cn + (s.len - base) + 1 > sizeof(whole))
			return;
		memcpy(whole, cap, cn);
		memcpy(whole + cn, s.ptr + base, s.len - base);
		whole[cn + s.len - base] = '\0';
		f = pl_doc_report(c->doc, PL_R_PROPER_NOUN, t->start, t->end,
				  "proper noun '%s' written lowercase", cap);
		pl_doc_suggest(c->doc, f, whole, cn + s.len - base);
	}
}

/* "Emily carter" where the story has "Emily Carter". */
static void name_variant(ctx *c, size_t i, size_t end)
{
	const pl_doc *doc = c->doc;
	const pl_token *a = &doc->toks.v[i], *b;
	char key[MAX_PHRASE];
	const char *canon;
	size_t k, span;

	if (!(a->flags & PL_TF_UPPER) || i + 2 >= end ||
	    doc->toks.v[i + 1].kind != PL_TOK_SPACE)
		return;
	b = &doc->toks.v[i + 2];
	if (b->kind != PL_TOK_WORD || (b->flags & PL_TF_UPPER) || c->covered[i + 2])
		return;
	span = b->end - a->start;
	k = pl_fold(doc->text + a->start, span, key, sizeof(key));
	if (!k || !(canon = pl_wordlist_get(c->names, key, k)))
		return;
	pl_finding *f = pl_doc_report(c->doc, PL_R_NAME_CONSISTENCY, a->start, b->end,
				      "name written '%s' elsewhere: '%.*s'", canon,
				      (int)span, doc->text + a->start);
	pl_doc_suggest(c->doc, f, canon, strlen(canon));
	c->covered[i + 2] = true;
}

static bool minor(const ctx *c, const pl_token *t)
{
	char fold[MAX_WORD * 2];
	pl_str s = tstr(c, t);
	size_t k = pl_fold(s.ptr, s.len, fold, sizeof(fold));

	return k && pl_wordlist_get(c->doc->res->minor, fold, k);
}

/* A heading in Title Case with a stray lowercase word. Evidence of Title
 * Case is capitalized ordinary words ("Experts Analyze ... Alliance"), not
 * names, which sentence-case headlines capitalize too. */
static void title_case(ctx *c, const pl_line *ln)
{
	const pl_doc *doc = c->doc;
	size_t i, evidence = 0, lower = 0, lows[4];
	bool first = true;

	for (i = ln->tok_first; i < ln->tok_end; i++) {
		const pl_token *t = &doc->toks.v[i];
		pl_str s;
		char fold[MAX_WORD * 2];
		size_t k;

		if (t->kind == PL_TOK_PUNCT && (t->cp == ':' || t->cp == 0x2014 ||
						t->cp == 0x2013 || t->cp == '|'))
			first = true; /* a subtitle starts afresh */
		if (t->kind != PL_TOK_WORD)
			continue;
		if (first) {
			first = false;
			continue;
		}
		if (minor(c, t) || (t->flags & (PL_TF_DIGIT | PL_TF_ABBREV)))
			continue;
		s = tstr(c, t);
		if (t->flags & PL_TF_UPPER) {
			k = pl_fold(s.ptr, s.len, fold, sizeof(fold));
			if (k && !(t->flags & PL_TF_ALLCAPS) && known(c, fold, k))
				evidence++;
		} else if (t->cp && pl_is_letter((int32_t)t->cp) &&
			   !(t->flags & PL_TF_INNERCAP)) {
			if (lower < PL_ARRAY_LEN(lows))
				lows[lower] = i;
			lower++;
		}
	}
	if (!lower || lower > 2 || evidence < 3 || evidence < 2 * lower)
		return;
	for (i = 0; i < lower; i++) {
		const pl_token *t = &doc->toks.v[lows[i]];
		pl_str s = tstr(c, t);
		char cap[MAX_WORD * 2];
		size_t k = pl_capitalize(s.ptr, s.len, cap, sizeof(cap));
		pl_finding *f = pl_doc_report(c->doc, PL_R_TITLE_CASE, t->start, t->end,
					      "lowercase '%.*s' in a Title Case heading",
					      (int)s.len, s.ptr);
		pl_doc_suggest(c->doc, f, cap, k);
	}
}

void pl_check_case(pl_doc *doc)
{
	ctx c = { doc, doc->res->speller, NULL, NULL, NULL };
	size_t l, i;

	c.caps = pl_wordlist_new();
	c.names = pl_wordlist_new();
	c.covered = calloc(doc->toks.n + 1, sizeof(bool));
	if (!c.caps || !c.names || !c.covered)
		goto cleanup;
	collect(&c);
	for (l = 0; l < doc->n_lines; l++) {
		const pl_line *ln = &doc->lines[l];

		if ((ln->flags & PL_LINE_HEADING) && pl_doc_rule_on(doc, PL_R_TITLE_CASE))
			title_case(&c, ln);
		for (i = ln->tok_first; i < ln->tok_end; i++) {
			const pl_token *t = &doc->toks.v[i];
			if (t->kind != PL_TOK_WORD)
				continue;
			if (!c.covered[i])
				name_variant(&c, i, ln->tok_end);
			if (!c.covered[i])
				phrase(&c, i, ln->tok_end);
			sentence_start(&c, t);
			proper_word(&c, i);
		}
	}
cleanup:
	pl_wordlist_free(c.caps);
	pl_wordlist_free(c.names);
	free(c.covered);
}
