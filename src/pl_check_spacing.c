/* pl_check_spacing.c - spacing around punctuation and between words.
 *
 * Decimals, thousands, times, URLs, domains, e-mail addresses and dotted
 * abbreviations never reach these checks as punctuation: the tokenizer keeps
 * each of them whole. */
#include "pl_check.h"
#include "pl_speller.h"

#include <stdio.h>
#include <string.h>

static const pl_token *tok(const pl_doc *doc, size_t i)
{
	return i < doc->toks.n ? &doc->toks.v[i] : NULL;
}

static bool is_wordlike(const pl_token *t)
{
	return t && (t->kind == PL_TOK_WORD || t->kind == PL_TOK_NUMBER);
}

/* "alliance.what": both sides dictionary words, so the period is a typo for
 * ". " rather than a file name or a product ("Node.js", "index.html"). */
static bool both_words(const pl_doc *doc, const pl_token *a, const pl_token *b)
{
	pl_speller *sp = doc->res->speller;

	if (a->end - a->start < 3 || b->end - b->start < 3 || !sp)
		return false;
	return pl_speller_check(sp, doc->text + a->start, a->end - a->start) &&
	       pl_speller_check(sp, doc->text + b->start, b->end - b->start);
}

/* Punctuation token i with a word or URL right after it (the caller
 * asks so): is a space missing? */
static void missing_after(pl_doc *doc, size_t i)
{
	const pl_token *p = tok(doc, i), *prev = i ? tok(doc, i - 1) : NULL;
	const pl_token *next = tok(doc, i + 1);
	char name[8];

	if (!next || !prev || prev->end != p->start)
		return;
	/* "dynamic,world-today-news.com": a comma before a URL still wants one */
	if (next->kind == PL_TOK_URL) {
		if (p->cp == '.' || p->cp == ':')
			return;
	} else if (next->kind != PL_TOK_WORD || !next->cp ||
		   !pl_is_letter((int32_t)next->cp)) {
		return;
	}
	if (!is_wordlike(prev) &&
	    !(prev->kind == PL_TOK_PUNCT && pl_is_closing((int32_t)prev->cp)))
		return;
	switch (p->cp) {
	case '.':
		if (prev->kind != PL_TOK_WORD || next->kind != PL_TOK_WORD)
			return;
		/* an initial ("C.Suthorn") or a dotted form split by a hyphen
		 * ("then-U.S.-president") */
		if (prev->end - prev->start == 1 ||
		    (prev->end - prev->start >= 2 && doc->text[prev->end - 2] == '-'))
			return;
		if (!(next->flags & PL_TF_UPPER) && !both_words(doc, prev, next))
			return;
		break;
	case ':':
		if (prev->kind == PL_TOK_PUNCT && prev->cp == ':')
			return;
		/* "File:Keisha", "Image:Logo": wiki and CMS namespaces */
		if ((prev->flags & PL_TF_UPPER) && (next->flags & PL_TF_UPPER))
			return;
		break;
	default:
		break;
	}
	snprintf(name, sizeof(name), "%c ", (char)p->cp);
	pl_finding *f = pl_doc_report(doc, PL_R_SPACE_AFTER, p->start, p->end,
				      "missing space after '%c'", (char)p->cp);
	pl_doc_suggest(doc, f, name, 2);
}

/* Punctuation token i with white space before it (the caller asks so),
 * and token i - 1 before that. */
static void space_before(pl_doc *doc, size_t i)
{
	const pl_token *p = tok(doc, i), *before = tok(doc, i - 1);
	const pl_token *next = tok(doc, i + 1);
	/* spaced: white space after it */
	bool spaced = !next || p->end != next->start;

	if (!is_wordlike(before) && !(before->kind == PL_TOK_PUNCT &&
				      pl_is_closing((int32_t)before->cp)))
		return;
	/* emoticons: "Great :) See you" */
	if ((p->cp == ':' || p->cp == ';') && next && next->kind == PL_TOK_PUNCT &&
	    (next->cp == ')' || next->cp == '(') && p->end == next->start)
		return;
	/* interview transcripts: "((WN)) : question" */
	if (p->cp == ':' && before->kind == PL_TOK_PUNCT)
		return;
	/* ".NET", "?!", ":)" are not sentence punctuation after a space; a
	 * comma or semicolon before a word is ("plan ,as written") */
	if (!spaced && next->kind != PL_TOK_NEWLINE &&
	    !(next->kind == PL_TOK_PUNCT && pl_is_closing((int32_t)next->cp)) &&
	    !((p->cp == ',' || p->cp == ';') && next->kind == PL_TOK_WORD))
		return;
	pl_finding *f = pl_doc_report(doc, PL_R_SPACE_BEFORE, before->end, p->start,
				      "space before '%c'", (char)p->cp);
	pl_doc_suggest(doc, f, "", 0);
}

/* How many spaces the white space before token i holds when it is a run
 * of two or more (no tab) between two words; 0 otherwise. */
static size_t double_space_len(const pl_doc *doc, size_t i)
{
	const pl_token *next = tok(doc, i), *prev = i ? tok(doc, i - 1) : NULL;
	size_t k, chars = 0;

	/* one byte is one space: most runs are, asked first */
	if (!prev || next->start - prev->end < 2 || !is_wordlike(prev) || !is_wordlike(next))
		return 0;
	for (k = prev->end; k < next->start; k++) {
		if (doc->text[k] == '\t')
			return 0; /* tabs align columns; not our business */
		if (((unsigned char)doc->text[k] & 0xC0) != 0x80)
			chars++;
	}
	return chars >= 2 ? chars : 0;
}

/* A stray double space is a slip, reported where it is. A text that has
 * many is a habit or a converter's doing: one finding says so, at the
 * first, rather than one a line. */
static void double_spaces(pl_doc *doc)
{
	size_t i, n = 0, first = 0;

	for (i = 0; i < doc->toks.n; i++)
		if (double_space_len(doc, i) && n++ == 0)
			first = i;
	if (n >= 3) {
		const pl_token *s = tok(doc, first);
		pl_finding *f = pl_doc_report(doc, PL_R_DOUBLE_SPACE, s[-1].end, s->start,
					      "%zu double spaces between words in this "
					      "text; the first is here", n);
		pl_doc_suggest(doc, f, " ", 1);
		return;
	}
	for (i = first; n && i < doc->toks.n; i++) {
		const pl_token *s = tok(doc, i);
		size_t k = double_space_len(doc, i);
		if (!k)
			continue;
		pl_finding *f = pl_doc_report(doc, PL_R_DOUBLE_SPACE, s[-1].end, s->start,
					      "%zu spaces between words", k);
		pl_doc_suggest(doc, f, " ", 1);
	}
}

void pl_check_spacing(pl_doc *doc)
{
	const pl_token *v = doc->toks.v;
	size_t j, n = doc->toks.n;

	if (pl_doc_rule_on(doc, PL_R_DOUBLE_SPACE))
		double_spaces(doc);
	if (!pl_doc_rule_on(doc, PL_R_SPACE_AFTER) && !pl_doc_rule_on(doc, PL_R_SPACE_BEFORE))
		return;
	/* the tokens whose code point is one of the six, found by the pass
	 * that finds the lines (pl_doc.h: puncts): one in twenty or so. The
	 * kind and the flags are asked only of these */
	for (j = 0; j < doc->n_puncts; j++) {
		size_t k = doc->puncts[j];

		if (v[k].kind != PL_TOK_PUNCT || (v[k].flags & PL_TF_ELLIPSIS))
			continue;
		/* nearly always a space follows and none comes before:
		 * then neither has anything to say (their first tests) */
		if (k + 1 < n && v[k + 1].start == v[k].end &&
		    (v[k + 1].kind == PL_TOK_WORD || v[k + 1].kind == PL_TOK_URL))
			missing_after(doc, k);
		if (k && v[k - 1].end < v[k].start)
			space_before(doc, k);
	}
}
