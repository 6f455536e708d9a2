/* pl_check_case.c - capitalization: sentence starts, proper nouns, names
 * written two ways, and Title Case headings.
 *
 * Where a lowercase form is itself an ordinary word ("xi", "china", "bush",
 * "united states"), the document's own capitalized use is the evidence that
 * the capitalized form is meant. */
#include "pl_check.h"
#include "pl_find.h"
#include "pl_speller.h"
#include "pl_vocab.h"
#include "pl_words.h"

#include <stdlib.h>
#include <string.h>

#define MAX_WORD 128
#define MAX_PHRASE 512
#define PAIRS_BITS 12 /* two-word spans remembered: 4,096 */
#define PAIRS (1u << PAIRS_BITS)

/* What was worked out of a two-word span, kept under its words' forms and
 * the space between them, which make its text: news repeats its names
 * ("New York", "Prime Minister", "Emily Carter"), and the span need not be
 * folded and looked up, or put in the names, again. What the lists say
 * holds for the run: the pairs are kept from document to document, in
 * the words' scratch memory (pl_words_scratch), which is zeroed when the
 * forms, and so their ids, are forgotten. */
typedef struct pair {
	uint32_t first, second; /* the words' form ids; 0 in an empty slot */
	uint32_t named_in;      /* the document (serial) whose ctx.names it
				 * was put in (collect()) */
	char space;             /* the byte between them */
	bool listed;            /* what the lists say is below (phrase()): */
	bool fits;              /* the span folds to a key (pl_fold's k != 0) */
	bool begins;            /* ... which begins a longer entry */
	bool miswritten;        /* ... whose entry is as long, cased
				 * otherwise */
	const char *entry;      /* ... whose entry this is, or NULL */
} pair;

typedef struct ctx {
	pl_doc *doc;
	pl_speller *sp;
	pl_words *words;    /* the run's word forms; a folded form seen
			     * capitalized mid-sentence is marked there */
	pl_wordlist *names; /* folded "given surname" -> "Given Surname" */
	uint64_t *covered;  /* tokens already inside a reported phrase, a bit
			     * each: few are, and a bool each would be a
			     * token array's worth of zeroed memory */
	bool names_on, proper_on, starts_on; /* the rules asked for */
	uint32_t *visit;    /* the tokens the second pass looks at, in order */
	size_t n_visit, cap_visit;
	pair *pairs;        /* PAIRS, by a hash of the forms */
} ctx;

static pl_str tstr(const ctx *c, const pl_token *t)
{
	return pl_doc_tok_str(c->doc, t);
}

static bool is_covered(const ctx *c, size_t i)
{
	return c->covered[i / 64] >> (i % 64) & 1;
}

static void cover(ctx *c, size_t i)
{
	c->covered[i / 64] |= (uint64_t)1 << (i % 64);
}

static bool known(ctx *c, const char *w, size_t n)
{
	if (pl_wordlist_get(c->doc->res->accept, w, n) ||
	    pl_vocab_accepts(c->doc->vocab, w, n))
		return true;
	return c->sp && (pl_speller_check(c->sp, w, n) ||
			 pl_speller_other_dialect(c->sp, w, n));
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
	if ((t->flags & PL_TF_HYPHEN) && !pl_word_is_lower(s.ptr, s.len))
		return; /* "al-Assad", "de-Gaulle": the particle stays lowercase */
	/* a brand written lowercase on purpose ("youtube-dl"), or a word
	 * unknown to the dictionaries (a user name, a misspelling the
	 * spelling rule reports) */
	if (pl_wordlist_get(c->doc->res->accept, s.ptr, pl_strip_possessive(s.ptr, s.len)) ||
	    !known(c, s.ptr, pl_strip_possessive(s.ptr, s.len)))
		return;
	k = pl_capitalize(s.ptr, s.len, cap, sizeof(cap));
	f = pl_doc_report(c->doc, PL_R_SENTENCE_START, t->start, t->end,
			  "sentence starts with a lowercase letter: '%.*s'",
			  (int)s.len, s.ptr);
	pl_doc_suggest(c->doc, f, cap, k);
}

/* Is `canon` used, exactly so cased, somewhere in the document? */
static bool doc_uses(const ctx *c, const char *canon, size_t n)
{
	return pl_find(c->doc->text, c->doc->len, canon, n) != NULL;
}

static bool given_name(const ctx *c, size_t i)
{
	return (c->doc->toks.v[i].flags & PL_TF_UPPER) &&
	       pl_words_is(c->words, pl_doc_word(c->doc, i), PL_WF_GIVEN);
}

/* Is token j followed by a single-byte space and a word that may go on a
 * multi-word proper noun? A word that is no entry's second or later word
 * (most words after "new") ends every span there: no span ending in it is
 * an entry or begins one, so it need not be folded and looked up. */
static bool goes_on(ctx *c, size_t j, size_t end)
{
	const pl_token *toks = c->doc->toks.v;

	return j + 1 < end && toks[j + 1].start == toks[j].end + 1 &&
	       toks[j + 1].kind == PL_TOK_WORD &&
	       pl_words_is(c->words, pl_doc_word(c->doc, j + 1), PL_WF_PROPER_LATER);
}

/* The slot of the span of word tokens i and i + 1, one byte of white
 * space between them, emptied if it held another; NULL when the span's
 * text is more than the two words and that byte, or a word has no form. */
static pair *pair_at(ctx *c, size_t i)
{
	const pl_doc *doc = c->doc;
	const pl_token *a = &doc->toks.v[i], *z = a + 1;
	uint32_t first = pl_doc_word(doc, i), second = pl_doc_word(doc, i + 1);
	char space = doc->text[a->end];
	pair *p = &c->pairs[((first * 0x9E3779B1u) ^ (second * 0x85EBCA77u)) >> (32 - PAIRS_BITS)];

	if (!first || !second || z->start != a->end + 1)
		return NULL;
	if (p->first != first || p->second != second || p->space != space)
		*p = (pair){ .first = first, .second = second, .space = space };
	return p;
}

/* The lists' answers for the span of words i and i + 1, which goes_on(c, i)
 * joined, or NULL (pair_at()). */
static const pair *two_words(ctx *c, size_t i)
{
	const pl_doc *doc = c->doc;
	pair *p = pair_at(c, i);

	if (p && !p->listed) {
		const pl_token *a = &doc->toks.v[i], *z = a + 1;
		char key[MAX_PHRASE];
		size_t k = pl_fold(doc->text + a->start, z->end - a->start, key, sizeof(key));

		p->listed = true;
		p->fits = k != 0;
		p->entry = k ? pl_wordlist_get(doc->res->proper, key, k) : NULL;
		p->begins = k && pl_wordlist_get(doc->res->proper_prefix, key, k);
		p->miswritten = p->entry && strlen(p->entry) == z->end - a->start &&
				memcmp(p->entry, doc->text + a->start, z->end - a->start) != 0;
	}
	return p;
}

/* Could phrase() report at word i, which goes_on(c, i) joins to the next
 * word? Not when their span fits no key, or is no entry and begins none,
 * or is an entry written as it is listed ("United States", a hundred times
 * a story): then phrase() returns before it looks at anything that
 * changes, and the word needs no visit for it. */
static bool phrase_may_report(ctx *c, size_t i)
{
	const pair *p = two_words(c, i);

	return !p || (p->fits && (p->begins || p->miswritten));
}

/* Multi-word proper nouns: "United states", "new york" (with evidence).
 * Returns the number of tokens matched, or 0. */
static size_t phrase(ctx *c, size_t i, size_t end)
{
	const pl_doc *doc = c->doc;
	size_t idx[16], nw = 0, j = i, maxw = doc->res->proper_max_words;
	const char *entry[16]; /* entry[m]: the entry for words idx[0..m] */
	char key[MAX_PHRASE];

	if (maxw > PL_ARRAY_LEN(idx))
		maxw = PL_ARRAY_LEN(idx);
	/* most words start no multi-word name: one answer says so */
	if (!pl_words_is(c->words, pl_doc_word(doc, i), PL_WF_PROPER_FIRST))
		return 0;
	/* gather words joined by single spaces while they begin a multi-word
	 * entry (every shorter span of an entry begins one, so none is
	 * missed), noting each span's entry on the way. A two-word span's
	 * answers come from c->pairs; a longer span's prefix list is asked
	 * only when a word that may go on with it follows. */
	idx[nw++] = i;
	while (nw < maxw && goes_on(c, j, end)) {
		const pl_token *a = &doc->toks.v[i], *z = &doc->toks.v[j + 1];
		const pair *p = nw == 1 ? two_words(c, i) : NULL;
		size_t k = p ? 0 : pl_fold(doc->text + a->start, z->end - a->start, key,
					   sizeof(key));

		if (p ? !p->fits : !k)
			break; /* too long for any entry, and so is every longer span */
		j++;
		entry[nw] = p ? p->entry : pl_wordlist_get(doc->res->proper, key, k);
		idx[nw++] = j;
		if (nw == maxw || !goes_on(c, j, end) ||
		    !(p ? p->begins : pl_wordlist_get(doc->res->proper_prefix, key, k) != NULL))
			break;
	}
	for (; nw >= 2; nw--) {
		const pl_token *a = &doc->toks.v[i], *z = &doc->toks.v[idx[nw - 1]];
		size_t span = z->end - a->start, w, upper = 0;
		const char *canon = entry[nw - 1], *text = doc->text + a->start;

		if (!canon)
			continue;
		if (strlen(canon) != span || memcmp(canon, text, span) == 0)
			return nw; /* written right */
		/* "United states": an ordinary word capitalized mid-sentence
		 * means the name was meant. Otherwise ("Xinhua news agency",
		 * "united states") only the document's own use of the name is
		 * evidence. */
		for (w = 0; w < nw; w++) {
			const pl_token *t = &doc->toks.v[idx[w]];
			char f1[MAX_WORD * 2];
			size_t fk;
			if (!(t->flags & PL_TF_UPPER) || (t->flags & PL_TF_SENT_START))
				continue;
			fk = pl_fold(doc->text + t->start, t->end - t->start, f1, sizeof(f1));
			if (fk && known(c, f1, fk))
				upper++;
		}
		/* a person's name needs no more evidence: "Narendra modi"
		 * (asked first: the document's use is a search of all its
		 * text) */
		if (!upper && !given_name(c, i) && !doc_uses(c, canon, span))
			return nw;
		/* point at the words that are wrong: "Saudi arabia" */
		size_t lo = span, hi = 0;
		for (w = 0; w < nw; w++) {
			const pl_token *t = &doc->toks.v[idx[w]];
			size_t off = t->start - a->start, tl = t->end - t->start;
			if (memcmp(canon + off, text + off, tl) != 0) {
				if (off < lo)
					lo = off;
				hi = off + tl;
			}
		}
		pl_finding *f = pl_doc_report(c->doc, PL_R_PROPER_NOUN, a->start + lo,
					      a->start + hi, "'%.*s' should be written '%s'",
					      (int)span, text, canon);
		pl_doc_suggest(c->doc, f, canon + lo, hi - lo);
		for (w = i; w <= idx[nw - 1]; w++)
			cover(c, w);
		return nw;
	}
	return 0;
}

static bool month(const char *w)
{
	static const char *const months[] = { "January", "February", "March",
		"April", "May", "June", "July", "August", "September", "October",
		"November", "December" };
	size_t i;

	for (i = 0; i < PL_ARRAY_LEN(months); i++)
		if (strcmp(w, months[i]) == 0)
			return true;
	return false;
}

/* Is token i followed by a space and a number ("august 23")? */
static bool before_number(const pl_doc *doc, size_t i)
{
	return i + 1 < doc->toks.n && doc->toks.v[i].end < doc->toks.v[i + 1].start &&
	       doc->toks.v[i + 1].kind == PL_TOK_NUMBER;
}

static void proper_word(ctx *c, size_t i)
{
	const pl_token *t = &c->doc->toks.v[i];
	pl_str s = tstr(c, t);
	uint32_t id = pl_doc_word(c->doc, i);
	size_t base;
	char cap[MAX_WORD * 2];
	const char *canon;
	pl_finding *f;

	if (is_covered(c, i) || (t->flags & (PL_TF_UPPER | PL_TF_INNERCAP |
					     PL_TF_ABBREV | PL_TF_DIGIT | PL_TF_HYPHEN)))
		return;
	/* most words are no proper noun's lowercase form: one answer says so */
	if (!pl_words_is(c->words, id, PL_WF_PROPER))
		return;
	if (s.len < 2 || s.len > MAX_WORD || !pl_words_is(c->words, id, PL_WF_LOWER))
		return;
	if (t->flags & PL_TF_SURE_START)
		return; /* the sentence-start rule speaks for it */
	base = pl_strip_possessive(s.ptr, s.len);
	if (base < 2 || pl_vocab_accepts(c->doc->vocab, s.ptr, base))
		return; /* the project writes it lowercase on purpose */
	canon = pl_words_proper(c->words, id);
	if (canon && strlen(canon) == base) {
		memcpy(cap, canon, base + 1);
		/* an ordinary word too ("xi", "china"): only with evidence, or
		 * a month before a date ("august 23") */
		if (known(c, s.ptr, base) &&
		    !pl_words_marked(c->words, pl_words_fold_base(c->words, id),
				     c->doc->serial) &&
		    !(month(cap) && before_number(c->doc, i)))
			return;
	} else {
		/* Only the newsroom lexicon: Hunspell knows many names that
		 * are words in other languages ("que", "du") and brands that
		 * are written lowercase on purpose ("reddit") */
		return;
	}
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

	/* every name collected starts with a given name: most words stop here */
	if (!(a->flags & PL_TF_UPPER) || i + 1 >= end || a->end == a[1].start ||
	    !pl_wordlist_count(c->names) ||
	    !pl_words_is(c->words, pl_doc_word(doc, i), PL_WF_GIVEN))
		return;
	b = &doc->toks.v[i + 1];
	if (b->kind != PL_TOK_WORD || (b->flags & PL_TF_UPPER) || is_covered(c, i + 1))
		return;
	span = b->end - a->start;
	k = pl_fold(doc->text + a->start, span, key, sizeof(key));
	if (!k || !(canon = pl_wordlist_get(c->names, key, k)))
		return;
	pl_finding *f = pl_doc_report(c->doc, PL_R_NAME_CONSISTENCY, a->start, b->end,
				      "name written '%s' elsewhere: '%.*s'", canon,
				      (int)span, doc->text + a->start);
	pl_doc_suggest(c->doc, f, canon, strlen(canon));
	cover(c, i + 1);
}

static bool minor(ctx *c, size_t i)
{
	uint32_t id = pl_doc_word(c->doc, i);
	char fold[MAX_WORD * 2];
	pl_str s;
	size_t k;

	if (id)
		return pl_words_is(c->words, id, PL_WF_MINOR);
	s = tstr(c, &c->doc->toks.v[i]); /* no form (no memory) */
	k = pl_fold(s.ptr, s.len, fold, sizeof(fold));
	return k && pl_wordlist_get(c->doc->res->minor, fold, k);
}

/* Is heading word i, folded, an ordinary word: known()? What the run's
 * lists and dictionaries say is a fact of its form; the document's own
 * vocabulary is asked here. */
static bool ordinary(ctx *c, size_t i)
{
	const pl_token *t = &c->doc->toks.v[i];
	uint32_t id = pl_doc_word(c->doc, i);
	pl_str s = tstr(c, t);
	char fold[MAX_WORD * 2];
	size_t k;

	if (pl_words_is(c->words, id, PL_WF_FOLD_KNOWN))
		return true;
	k = pl_fold(s.ptr, s.len, fold, sizeof(fold));
	if (!id) /* no form (no memory): ask it all */
		return k && known(c, fold, k);
	return k && pl_vocab_accepts(c->doc->vocab, fold, k);
}

/* A sentence-case line about a name ends with its generic noun ("from the
 * Harry Potter series"); a Title Case heading would capitalize it. So the
 * last word says nothing. */
static bool last_word(const pl_doc *doc, const pl_line *ln, size_t i)
{
	for (i++; i < ln->tok_end; i++)
		if (doc->toks.v[i].kind == PL_TOK_WORD)
			return false;
	return true;
}

/* Count a heading's content words: capitalized ordinary words (evidence of
 * Title Case; names are capitalized in sentence case too) and lowercase ones
 * (the first `max` indices go to lows). */
static void heading_words(ctx *c, const pl_line *ln, size_t *evidence,
			  size_t *lower, size_t *lows, size_t max)
{
	const pl_doc *doc = c->doc;
	size_t i;
	bool first = true;

	*evidence = *lower = 0;
	for (i = ln->tok_first; i < ln->tok_end; i++) {
		const pl_token *t = &doc->toks.v[i];

		if (t->kind == PL_TOK_PUNCT && (t->cp == ':' || t->cp == 0x2014 ||
						t->cp == 0x2013 || t->cp == '|'))
			first = true; /* a subtitle starts afresh */
		if (t->kind != PL_TOK_WORD)
			continue;
		if (first) {
			first = false;
			continue;
		}
		if (minor(c, i) || (t->flags & (PL_TF_DIGIT | PL_TF_ABBREV)))
			continue;
		if (t->flags & PL_TF_UPPER) {
			if (!(t->flags & PL_TF_ALLCAPS) && ordinary(c, i))
				(*evidence)++;
		} else if (t->cp && pl_is_letter((int32_t)t->cp) &&
			   !(t->flags & PL_TF_INNERCAP) && !last_word(doc, ln, i)) {
			if (*lower < max)
				lows[*lower] = i;
			(*lower)++;
		}
	}
}

/* The facts the token loops of pl_check_case() ask of every word: a word
 * whose form has none is not among pl_doc_notable_words() unless it is
 * unknown, and the first pass walks those alone. */
#define ASKED (PL_WF_GIVEN | PL_WF_PROPER_FIRST | PL_WF_PROPER)
_Static_assert((ASKED & ~PL_WF_WALKED) == 0 && !(ASKED & PL_WF_KNOWN),
	       "the notable words hold every word with a fact the first pass asks");

/* Might a rule of the second pass report at word token i, or cover
 * tokens from it? Asks only what holds for the whole document: the
 * token stream, the form's facts and which rules are on. For every other
 * token each rule returns before it looks at anything that changes (the
 * names collected, the tokens covered), so the second pass skips it. */
static bool worth_a_visit(ctx *c, size_t i, size_t end, unsigned flags, uint32_t facts)
{
	const pl_token *toks = c->doc->toks.v;

	/* name_variant: a given name, a space, then a lowercase word */
	if (c->names_on && (flags & PL_TF_UPPER) && (facts & PL_WF_GIVEN) && i + 1 < end &&
	    toks[i].end < toks[i + 1].start && toks[i + 1].kind == PL_TOK_WORD &&
	    !(toks[i + 1].flags & PL_TF_UPPER))
		return true;
	/* phrase: a first word, and a word that may go on with it, the
	 * two a span phrase() may report */
	if (c->proper_on && (facts & PL_WF_PROPER_FIRST) &&
	    c->doc->res->proper_max_words >= 2 && goes_on(c, i, end) &&
	    phrase_may_report(c, i))
		return true;
	/* sentence_start: a sure start in lowercase */
	if (c->starts_on && (flags & PL_TF_SURE_START) &&
	    !(flags & (PL_TF_UPPER | PL_TF_INNERCAP | PL_TF_ABBREV | PL_TF_DIGIT)))
		return true;
	/* proper_word: a plain lowercase word the lexicon capitalizes */
	return c->proper_on && (facts & PL_WF_PROPER) &&
	       !(flags & (PL_TF_UPPER | PL_TF_INNERCAP | PL_TF_ABBREV | PL_TF_DIGIT |
			  PL_TF_HYPHEN | PL_TF_SURE_START));
}

/* Word token i, whose form has facts of ASKED or which is a sure sentence
 * start in lowercase: what the first pass does with it. Every other word
 * is neither collected (a mark needs PL_WF_PROPER, a name PL_WF_GIVEN) nor
 * visited.
 * *l is the line of the word noted before (0 at first): the words come in
 * order, so their lines are found walking forward. */
static bool note(ctx *c, size_t i, size_t *l, uint32_t facts)
{
	const pl_doc *doc = c->doc;
	const pl_token *toks = doc->toks.v, *t = &toks[i], *b;
	const unsigned flags = t->flags;
	const pl_line *ln;
	size_t end;

	while (*l < doc->n_lines && doc->lines[*l].tok_end <= i)
		(*l)++;
	if (*l == doc->n_lines || i < doc->lines[*l].tok_first)
		return true; /* on no line: not looked at */
	ln = &doc->lines[*l];
	end = ln->tok_end;
	if ((flags & PL_TF_UPPER) && !(ln->flags & PL_LINE_HEADING)) {
		/* a mark is asked (proper_word) only of a folded form
		 * the lexicon has, which is what PL_WF_PROPER says
		 * of every form folding to it: the others need none */
		if (!(flags & (PL_TF_SENT_START | PL_TF_LINE_START)) && (facts & PL_WF_PROPER))
			pl_words_mark(c->words, pl_words_fold_base(c->words, pl_doc_word(doc, i)),
				      doc->serial);
		/* Given Surname (a name put again would keep its first
		 * value, the same text: once is enough) */
		if ((facts & PL_WF_GIVEN) && i + 1 < end && toks[i + 1].start == t->end + 1 &&
		    (b = &toks[i + 1])->kind == PL_TOK_WORD &&
		    (b->flags & (PL_TF_UPPER | PL_TF_ALLCAPS)) == PL_TF_UPPER) {
			pair *p = pair_at(c, i);
			pl_str s = tstr(c, t);
			char key[MAX_PHRASE];
			size_t kn;

			if (!p || p->named_in != doc->serial) {
				kn = pl_fold(s.ptr, b->end - t->start, key, sizeof(key));
				if (kn && pl_wordlist_put(c->names, key, kn, s.ptr,
							  b->end - t->start) == PL_OK && p)
					p->named_in = doc->serial;
			}
		}
	}
	if (!worth_a_visit(c, i, end, flags, facts))
		return true;
	if (PL_GROW(c->visit, c->cap_visit, c->n_visit + 1) < 0)
		return false;
	c->visit[c->n_visit++] = (uint32_t)i;
	return true;
}

/* First pass: collect capitalized words used mid-sentence outside headings,
 * and full names ("Emily Carter") introduced by a given name; and note
 * the words the second pass must look at, so that it need not walk every
 * token again. Most words are none of these, and their form's facts say
 * so: the words are walked once, not line by line, and only one whose
 * form has facts of ASKED, or which is a sure sentence start in lowercase
 * (the sentence pass lists those: pl_doc.h, low_starts), is looked at
 * further (note(), which finds its line). Of a form whose one such fact
 * is PL_WF_PROPER_FIRST ("new", "united", "south"), the rules ask only
 * whether a word that may go on with it comes next: where none does,
 * the word is not noted at all. False on no memory. */
static bool collect(ctx *c)
{
	const pl_doc *doc = c->doc;
	const uint32_t *ids = doc->word_id, *low = doc->low_starts, *at;
	pl_words *ws = c->words;
	size_t k = 0, j, m, l = 0, s = 0, n, n_low = doc->n_low_starts;
	uint32_t pick[256], pick_facts[256];

	at = pl_doc_notable_words(c->doc, &n);

	/* the notable words, 256 at a time: those to note are picked
	 * without a branch on each (which one is, is hard to guess: a branch
	 * on it was mispredicted often), then noted in order with the
	 * lowercase starts among them, and the last batch (or none, when no
	 * word is notable) with every start left (a start is always a word:
	 * pl_sentence.c; it need not be a notable one) */
	do {
		const size_t end = n - k < 256 ? n : k + 256;
		const uint32_t last = end == n ? UINT32_MAX : at[end - 1];

		for (m = 0; k < end; k++) {
			const uint32_t i = at[k];
			/* facts hold for good: reading them here changes none */
			const uint32_t facts = pl_words_facts(ws, ids[i], ASKED);

			pick[m] = i;
			pick_facts[m] = facts;
			m += (facts & ASKED) != 0;
		}
		for (j = 0; j < m || (s < n_low && low[s] <= last);) {
			uint32_t i, facts;

			if (j < m && (s == n_low || pick[j] <= low[s])) {
				i = pick[j];
				facts = pick_facts[j++];
				if (s < n_low && low[s] == i) {
					s++;
				} else if ((facts & ASKED) == PL_WF_PROPER_FIRST &&
					   (!goes_on(c, i, doc->toks.n) ||
					    !phrase_may_report(c, i))) {
					/* worth_a_visit() would ask phrase() of it
					 * only, with goes_on() bounded by its line:
					 * false on the whole document is false
					 * there, and so is phrase_may_report() */
					continue;
				}
			} else {
				i = low[s++];
				facts = pl_words_facts(ws, ids[i], ASKED);
			}
			if (!note(c, i, &l, facts))
				return false;
		}
	} while (k < n);
	return true;
}

/* A heading in Title Case but for a stray lowercase word or two: what
 * title_case() reports (given `evidence` capitalized ordinary words and
 * `lower` lowercase ones, heading_words()). */
static bool stray_lowercase(size_t evidence, size_t lower)
{
	return lower && lower <= 2 && evidence >= 2 && evidence >= 2 * lower;
}

/* Does the document set its headings in Title Case? Yes when another
 * heading has two or more capitalized ordinary words and no lowercase one
 * ("A Partnership Forged in Beijing"), and no more headings are in
 * sentence case (lowercase words, and not a Title Case heading with a
 * stray one or two, which title_case() reports). A lone sentence-case
 * headline full of names ("Greta Thunberg named 2019 Time Person of the
 * Year") is not; nor is a file of many stories (an archive, checked in
 * parts) whose titles are mostly in sentence case, where a story's own
 * Title Case heading does not make the others wrong. */
static bool doc_title_case(ctx *c)
{
	size_t l, ev, lo, lows[1], title = 0, sentence = 0;

	for (l = 0; l < c->doc->n_lines; l++) {
		if (!(c->doc->lines[l].flags & PL_LINE_HEADING))
			continue;
		heading_words(c, &c->doc->lines[l], &ev, &lo, lows, 0);
		if (lo == 0)
			title += ev >= 2;
		else if (!stray_lowercase(ev, lo))
			sentence++;
	}
	return title && title >= sentence;
}

/* A heading in Title Case with a stray lowercase word. */
static void title_case(ctx *c, const pl_line *ln)
{
	size_t i, evidence, lower, lows[4];

	heading_words(c, ln, &evidence, &lower, lows, PL_ARRAY_LEN(lows));
	if (!stray_lowercase(evidence, lower))
		return;
	for (i = 0; i < lower; i++) {
		const pl_token *t = &c->doc->toks.v[lows[i]];
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
	ctx c = { doc, doc->res->speller, doc->words, NULL, NULL,
		  pl_doc_rule_on(doc, PL_R_NAME_CONSISTENCY), pl_doc_rule_on(doc, PL_R_PROPER_NOUN),
		  pl_doc_rule_on(doc, PL_R_SENTENCE_START), NULL, 0, 0, NULL };
	const pl_token *toks;
	size_t l, v = 0;
	bool titles;

	if (!c.starts_on && !c.proper_on && !c.names_on && !pl_doc_rule_on(doc, PL_R_TITLE_CASE))
		return;
	c.names = pl_wordlist_new();
	c.covered = calloc(doc->toks.n / 64 + 1, sizeof(*c.covered));
	c.pairs = pl_words_scratch(doc->words, PAIRS * sizeof(*c.pairs));
	if (!c.names || !c.covered || !c.pairs || !collect(&c))
		goto cleanup;
	titles = pl_doc_rule_on(doc, PL_R_TITLE_CASE) && doc_title_case(&c);
	toks = doc->toks.v;
	for (l = 0; l < doc->n_lines; l++) {
		const pl_line *ln = &doc->lines[l];
		const size_t end = ln->tok_end;

		if ((ln->flags & PL_LINE_HEADING) && titles)
			title_case(&c, ln);
		/* the line's words the first pass noted, in order */
		for (; v < c.n_visit && c.visit[v] < end; v++) {
			const size_t i = c.visit[v];
			const pl_token *t = &toks[i];
			unsigned flags = t->flags;
			uint32_t facts = pl_words_facts(c.words, pl_doc_word(doc, i), ASKED);

			if (c.names_on && (flags & PL_TF_UPPER) && (facts & PL_WF_GIVEN) &&
			    !is_covered(&c, i))
				name_variant(&c, i, end);
			if (c.proper_on && (facts & PL_WF_PROPER_FIRST) && !is_covered(&c, i))
				phrase(&c, i, end);
			if (c.starts_on && (flags & PL_TF_SURE_START))
				sentence_start(&c, t);
			if (c.proper_on && !(flags & PL_TF_UPPER) && (facts & PL_WF_PROPER))
				proper_word(&c, i);
		}
	}
cleanup:
	pl_wordlist_free(c.names);
	free(c.covered);
	free(c.visit);
}
