/* pl_check_names.c - one name, two spellings.
 *
 * A capitalized word no dictionary knows is a name, and not an error by
 * itself. Two such names one edit apart in the same story ("Plotnikov",
 * "Plotnikow"; "Brudziński", "Brudzinski") are one name misspelled: the less
 * frequent form is reported, with the more frequent one as the fix. */
#include "pl_check.h"
#include "pl_speller.h"
#include "pl_vocab.h"
#include "pl_words.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define MAX_NAME 48 /* code points */
#define MIN_NAME 5  /* shorter names differ by one letter legitimately */

/* The code points of every name are kept in one pool, not in the record:
 * the records, grown and sorted, are then a quarter of the size. */
typedef struct name {
	const int32_t *cp;   /* its code points, in the pool (once it is full) */
	size_t at;           /* ... at this offset into it */
	size_t len;          /* code points */
	size_t count;        /* occurrences */
	size_t first;        /* token index of the first occurrence */
	const char *text;    /* first occurrence, for messages */
	size_t bytes;
} name;

/* One edit apart: a substitution, insertion, deletion or transposition. */
static bool one_edit(const name *a, const name *b)
{
	size_t i = 0, j, la = a->len, lb = b->len;

	if (la == lb) {
		while (i < la && a->cp[i] == b->cp[i])
			i++;
		if (i == la)
			return false;
		j = i + 1;
		if (j < la && a->cp[i] == b->cp[j] && a->cp[j] == b->cp[i])
			j++; /* transposition */
		for (; j < la; j++)
			if (a->cp[j] != b->cp[j])
				return false;
		return true;
	}
	if (la + 1 == lb)
		return one_edit(b, a);
	if (la != lb + 1)
		return false;
	/* a plural is not a misspelling: "Neandertal" / "Neandertals" */
	if (a->cp[la - 1] == 's' && memcmp(a->cp, b->cp, lb * sizeof(int32_t)) == 0)
		return false;
	while (i < lb && a->cp[i] == b->cp[i])
		i++;
	for (j = i; j < lb; j++)
		if (a->cp[j + 1] != b->cp[j])
			return false;
	return true;
}

/* v[0, n) in order of length, names of one length in the order they came
 * (as glibc's qsort, a merge sort, left them), by counting: lengths are
 * MIN_NAME to MAX_NAME. Into `out`, room for n. */
static void by_length(const name *v, size_t n, name *out)
{
	size_t at[MAX_NAME + 2] = { 0 }, i, len;

	for (i = 0; i < n; i++)
		at[v[i].len + 1]++;
	for (len = 1; len <= MAX_NAME + 1; len++)
		at[len] += at[len - 1];
	for (i = 0; i < n; i++)
		out[at[v[i].len]++] = v[i];
}

/* next[i]: the first name after v[i] (in v's order) that starts with the
 * same letter, or n: a name is compared only with those. Distinct first
 * letters are found in a small table; should a story have more than it
 * holds, next[i] is i + 1 for every name, and every pair is looked at as
 * it was before this list. */
#define FIRSTS 256

static void same_first(const name *v, size_t n, uint32_t *next)
{
	struct { int32_t cp; uint32_t last; } seen[FIRSTS];
	size_t i, k, used = 0;

	for (k = 0; k < FIRSTS; k++)
		seen[k].cp = -1;
	for (i = n; i-- > 0;) {
		int32_t cp = v[i].cp[0];

		for (k = (uint32_t)cp * 2654435761u % FIRSTS; seen[k].cp >= 0 && seen[k].cp != cp;
		     k = (k + 1) % FIRSTS)
			;
		if (seen[k].cp < 0) {
			if (++used > FIRSTS * 3 / 4) {
				for (k = 0; k < n; k++)
					next[k] = (uint32_t)(k + 1);
				return;
			}
			seen[k].cp = cp;
			seen[k].last = (uint32_t)n;
		}
		next[i] = seen[k].last;
		seen[k].last = (uint32_t)i;
	}
}

/* The name after v[k] to compare v[k]'s with; without the list (no
 * memory), every one. */
static inline size_t after(const uint32_t *next, size_t k)
{
	return next ? next[k] : k + 1;
}

/* A brief of the rarer forms: a bit for each pair of first two bytes a
 * form in `rare` has. A token whose first two bytes have no bit is none of
 * them, with or without a possessive (stripping it leaves the first bytes,
 * and every form is longer than two), and is not looked up. */
static inline unsigned pair_bit(const char *w)
{
	return ((unsigned char)w[0] * 31u + (unsigned char)w[1]) & 255;
}

/* A form's pl_words_local(): its entry in v plus one, or NOT_NAME. */
#define NOT_NAME UINT32_MAX

void pl_check_names(pl_doc *doc)
{
	const pl_token *toks = doc->toks.v, *t;
	pl_words *ws = doc->words;
	name *v = NULL;
	int32_t *pool = NULL; /* the names' code points */
	uint32_t *cand = NULL; /* tokens of unknown capitalized forms */
	uint32_t *next = NULL; /* see same_first() */
	size_t n = 0, cap = 0, n_cand = 0, cap_cand = 0, n_pool = 0, cap_pool = 0, i, j;
	pl_wordlist *rare;
	uint64_t pairs[4] = { 0 }; /* see pair_bit() */

	if (!doc->res->speller || !pl_doc_rule_on(doc, PL_R_NAME_VARIANT))
		return;
	if (!(rare = pl_wordlist_new()))
		return;
	/* distinct unknown capitalized words, with their counts. A form is
	 * looked at once a document: its entry plus one, or NOT_NAME, is
	 * kept on it. A form with a possessive shares the entry of the form
	 * without ("Plotnikov's", "Plotnikov"). */
	for (j = 0; j < doc->n_caps; j++) {
		uint32_t id, base, e;
		size_t len, b, cps = 0;
		const char *w;
		int32_t *cp;
		name *nm;

		/* only the capitalized words (pl_doc.h), in order */
		i = doc->caps[j];
		t = &toks[i];
		if (!pl_words_is(ws, (id = pl_doc_word(doc, i)), PL_WF_NAME))
			continue;
		/* every token a rarer form may be reported at, in order */
		/* pl_grow, a call, only when full */
		if (n_cand == cap_cand && PL_GROW(cand, cap_cand, n_cand + 1) < 0)
			break;
		cand[n_cand++] = (uint32_t)i;
		if (t->flags & (PL_TF_ALLCAPS | PL_TF_DIGIT | PL_TF_ABBREV | PL_TF_HYPHEN))
			continue;
		if ((e = pl_words_local(ws, id, doc->serial))) {
			if (e != NOT_NAME)
				v[e - 1].count++;
			continue;
		}
		w = doc->text + t->start;
		len = pl_strip_possessive(w, t->end - t->start);
		base = len == t->end - t->start ? id : pl_words_intern(ws, w, len);
		if (base != id && (e = pl_words_local(ws, base, doc->serial))) {
			pl_words_set_local(ws, id, doc->serial, e);
			if (e != NOT_NAME)
				v[e - 1].count++;
			continue;
		}
		e = NOT_NAME;
		if (pl_vocab_accepts(doc->vocab, w, len))
			goto keep;
		if (n == cap && PL_GROW(v, cap, n + 1) < 0)
			break;
		if (n_pool + MAX_NAME > cap_pool &&
		    PL_GROW(pool, cap_pool, n_pool + MAX_NAME) < 0)
			break;
		nm = &v[n];
		cp = pool + n_pool;
		for (b = 0; b < len && cps < MAX_NAME;) {
			if (!((unsigned char)w[b] & 0x80)) /* most letters: no call */
				cp[cps++] = (unsigned char)w[b++];
			else
				b += pl_utf8_decode(w, len, b, &cp[cps++]);
		}
		if (b < len || cps < MIN_NAME)
			goto keep; /* too long or too short to compare */
		nm->at = n_pool;
		n_pool += cps;
		nm->len = cps;
		nm->count = 1;
		nm->first = i;
		nm->text = w;
		nm->bytes = len;
		e = (uint32_t)++n;
keep:
		pl_words_set_local(ws, id, doc->serial, e);
		pl_words_set_local(ws, base, doc->serial, e);
	}
	for (i = 0; i < n; i++)
		v[i].cp = pool + v[i].at;
	/* compare names of equal or adjacent length only: sorted by length,
	 * each looks ahead while the length differs by at most one. The
	 * rarer form of each pair goes into `rare` with its better spelling. */
	if (n > 1) {
		name *sorted = malloc(n * sizeof(*sorted));
		if (!sorted)
			goto done;
		by_length(v, n, sorted);
		free(v);
		v = sorted;
		if ((next = malloc(n * sizeof(*next))))
			same_first(v, n, next);
	}
	for (i = 0; i < n; i++) {
		for (j = after(next, i); j < n && v[j].len <= v[i].len + 1; j = after(next, j)) {
			const name *r, *common;

			if (v[i].cp[0] != v[j].cp[0] || !one_edit(&v[i], &v[j]))
				continue;
			if (v[i].count != v[j].count)
				r = v[i].count < v[j].count ? &v[i] : &v[j];
			else
				r = v[i].first > v[j].first ? &v[i] : &v[j];
			common = r == &v[i] ? &v[j] : &v[i];
			pl_wordlist_put(rare, r->text, r->bytes, common->text, common->bytes);
			pairs[pair_bit(r->text) >> 6] |= 1ull << (pair_bit(r->text) & 63);
		}
	}
	/* one pass reports every occurrence of every rarer form: a token of
	 * one is capitalized and unknown (PL_WF_NAME speaks of the form
	 * without its possessive), so among the candidates */
	for (j = pl_wordlist_count(rare) ? 0 : n_cand; j < n_cand; j++) {
		const char *better;
		size_t len, bit;

		t = &toks[cand[j]];
		if (t->end - t->start < 2)
			continue;
		bit = pair_bit(doc->text + t->start);
		if (!((pairs[bit >> 6] >> (bit & 63)) & 1))
			continue;
		len = pl_strip_possessive(doc->text + t->start, t->end - t->start);
		if (!(better = pl_wordlist_get(rare, doc->text + t->start, len)))
			continue;
		pl_finding *f = pl_doc_report(doc, PL_R_NAME_VARIANT, t->start,
					      t->start + len, "'%.*s' is spelled '%s' "
					      "elsewhere in this text", (int)len,
					      doc->text + t->start, better);
		pl_doc_suggest(doc, f, better, strlen(better));
	}
done:
	pl_wordlist_free(rare);
	free(cand);
	free(next);
	free(pool);
	free(v);
}
