#include "pl_words.h"
#include "pl_arena.h"
#include "pl_check.h"
#include "pl_doc.h"
#include "pl_speller.h"

#include <stdlib.h>
#include <string.h>

/* Longer tokens are no words: every rule gives up on them before asking. */
#define MAX_FORM 512
/* A run over a large archive of names must not grow without bound: past
 * this many forms, or this many bytes of them, the next document starts
 * afresh. */
#define MAX_FORMS (1u << 20)
#define MAX_BYTES (64u << 20)

/* Bits of rec.done: answers that are not yes or no, worked out. */
enum { DONE_PROPER = 1u << 0 };

/* A form's own copy, by id. */
typedef struct key {
	const char *text; /* the table's copy */
	uint32_t len;
} key;

/* A slot holds the first 16 bytes of its form, zero past its end, beside
 * its id: a lookup of a word of up to 16 bytes (nearly all) reads one
 * slot, in one cache line, and compares two numbers, with no branch on
 * the word's length. Longer forms compare the rest with their key. */
typedef struct slot {
	uint64_t a, b;  /* bytes 0-7 and 8-15, zero past the form's end */
	uint32_t id;    /* 0: empty */
	uint32_t hash;
	uint32_t len;
	uint32_t unused;
} slot;

typedef struct rec {
	uint32_t done;      /* answers worked out beyond the facts */
	uint32_t mark;      /* serial of the last document that marked it */
	uint32_t local_serial, local; /* pl_words_local() */
	const char *proper; /* lexicon casing of the folded base form */
	pl_word_note note;
} rec;

struct pl_words {
	pl_words_core core; /* first: pl_words_is() reads it inline */
	const pl_resources *res;
	key *keys;       /* by id; keys[0] and v[0] unused: id 0 means none */
	rec *v;
	size_t n, cap, cap_keys, cap_bits;
	slot *slots;     /* open addressing, linear probing */
	size_t n_slots;
	size_t bytes;
	pl_arena *arena;
	uint32_t serial;
};

/* bits[0], for id 0, says every fact is worked out and none holds, and
 * that its folded base is 0: pl_words_is() and pl_words_fold_base() need
 * no test for id 0. */
static void set_none(pl_words *t)
{
	t->core.bits[0] = (pl_word_bits){ .done = UINT32_MAX };
}

pl_words *pl_words_new(const pl_resources *res)
{
	pl_words *t = calloc(1, sizeof(*t));

	if (!t || !(t->arena = pl_arena_new()) ||
	    PL_GROW(t->core.bits, t->cap_bits, 64) < 0) {
		if (t)
			pl_arena_free(t->arena);
		free(t);
		return NULL;
	}
	set_none(t);
	t->res = res;
	t->n = 1;
	return t;
}

void pl_words_free(pl_words *t)
{
	if (!t)
		return;
	free(t->keys);
	free(t->core.bits);
	free(t->v);
	free(t->slots);
	pl_arena_free(t->arena);
	free(t);
}

static void forget(pl_words *t)
{
	pl_arena_reset(t->arena);
	if (t->slots)
		memset(t->slots, 0, t->n_slots * sizeof(*t->slots));
	t->n = 1;
	t->bytes = 0;
}

uint32_t pl_words_begin(pl_words *t)
{
	if (t->n >= MAX_FORMS || t->bytes >= MAX_BYTES)
		forget(t);
	/* serials start at 1: a mark of 0 is no mark */
	if (++t->serial == 0)
		t->serial = 1;
	return t->serial;
}

size_t pl_words_count(const pl_words *t)
{
	return t->n - 1;
}

/* Both halves of the 128-bit product, folded: every input bit reaches the
 * low bits the slots are indexed by, for one multiply. */
static inline uint64_t mum(uint64_t a, uint64_t b)
{
	__extension__ unsigned __int128 p = (unsigned __int128)a * b;

	return (uint64_t)p ^ (uint64_t)(p >> 64);
}

/* keep[n]: the bytes of a 16-byte load that belong to a form of n bytes */
static const uint64_t keep_a[17] = {
	0, 0xFF, 0xFFFF, 0xFFFFFF, 0xFFFFFFFF, 0xFFFFFFFFFF, 0xFFFFFFFFFFFF,
	0xFFFFFFFFFFFFFF, UINT64_MAX, UINT64_MAX, UINT64_MAX, UINT64_MAX,
	UINT64_MAX, UINT64_MAX, UINT64_MAX, UINT64_MAX, UINT64_MAX
};
static const uint64_t keep_b[17] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFFFF, 0xFFFFFF, 0xFFFFFFFF,
	0xFFFFFFFFFF, 0xFFFFFFFFFFFF, 0xFFFFFFFFFFFFFF, UINT64_MAX
};

/* The hash of a form from its first 16 bytes (a, b, zero past the end)
 * and, past 16 bytes, 8 bytes a multiply more. */
static inline uint32_t hash_form(uint64_t a, uint64_t b, const char *w, size_t n)
{
	uint64_t h = mum(a ^ 0x9E3779B97F4A7C15ull, b ^ 0x94D049BB133111EBull ^ n);
	size_t i;

	for (i = 16; i < n; i += 8) {
		uint64_t x = 0;
		memcpy(&x, w + i, n - i < 8 ? n - i : 8);
		h = mum(h ^ x, 0xBF58476D1CE4E5B9ull);
	}
	return (uint32_t)(h ^ (h >> 32));
}

static int grow_slots(pl_words *t)
{
	size_t ncap = t->n_slots ? t->n_slots * 2 : 4096, i;
	slot *s = calloc(ncap, sizeof(*s));

	if (!s)
		return -1;
	pl_prefault(s, ncap * sizeof(*s));
	for (i = 0; i < t->n_slots; i++) {
		size_t k;
		if (!t->slots[i].id)
			continue;
		for (k = t->slots[i].hash & (ncap - 1); s[k].id; k = (k + 1) & (ncap - 1))
			;
		s[k] = t->slots[i];
	}
	free(t->slots);
	t->slots = s;
	t->n_slots = ncap;
	return 0;
}

/* A new form. Apart from the lookup, which nearly always finds the form:
 * its registers are not saved on every call. */
static __attribute__((noinline)) uint32_t add(pl_words *t, const char *w, size_t n,
					      uint64_t a, uint64_t b, uint32_t h)
{
	size_t k;
	uint32_t id;
	key *e;

	/* keep the slots at most half full, then find a free one */
	if ((t->n + 1) * 2 > t->n_slots && grow_slots(t) < 0)
		return 0;
	for (k = h & (t->n_slots - 1); t->slots[k].id; k = (k + 1) & (t->n_slots - 1))
		;
	if (t->n >= UINT32_MAX || PL_GROW(t->v, t->cap, t->n + 1) < 0 ||
	    PL_GROW(t->keys, t->cap_keys, t->n + 1) < 0 ||
	    PL_GROW(t->core.bits, t->cap_bits, t->n + 1) < 0)
		return 0;
	e = &t->keys[t->n];
	if (!(e->text = pl_arena_strndup(t->arena, w, n)))
		return 0;
	e->len = (uint32_t)n;
	memset(&t->v[t->n], 0, sizeof(t->v[t->n]));
	memset(&t->core.bits[t->n], 0, sizeof(t->core.bits[t->n]));
	t->bytes += n + 1 + sizeof(rec) + sizeof(key) + sizeof(pl_word_bits) +
		    2 * sizeof(slot);
	id = (uint32_t)t->n++;
	t->slots[k] = (slot){ a, b, id, h, (uint32_t)n, 0 };
	return id;
}

/* The lookup, given the form's first 16 bytes as two numbers and its
 * hash. */
static inline uint32_t find(pl_words *t, const char *w, size_t n, uint64_t a,
			    uint64_t b, uint32_t h)
{
	const slot *s = t->slots;
	size_t k, mask = t->n_slots - 1;

	if (s) {
		for (k = h & mask; s[k].id; k = (k + 1) & mask) {
			if (s[k].a == a && s[k].b == b && s[k].len == n &&
			    (n <= 16 || memcmp(t->keys[s[k].id].text + 16, w + 16, n - 16) == 0))
				return s[k].id;
		}
	}
	return add(t, w, n, a, b, h);
}

uint32_t pl_words_intern(pl_words *t, const char *w, size_t n)
{
	char head[16] = { 0 };
	uint64_t a, b;

	if (n - 1 >= MAX_FORM) /* n == 0 wraps */
		return 0;
	memcpy(head, w, n < 16 ? n : 16);
	memcpy(&a, head, 8);
	memcpy(&b, head + 8, 8);
	return find(t, w, n, a, b, hash_form(a, b, w, n));
}

void pl_words_intern_tokens(pl_words *t, const char *text, const pl_token *toks,
			    size_t n, uint32_t *ids)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const char *w = text + toks[i].start;
		size_t len = toks[i].end - toks[i].start, c = len < 16 ? len : 16;
		uint64_t a, b;

		ids[i] = 0;
		if (toks[i].kind != PL_TOK_WORD || len - 1 >= MAX_FORM)
			continue;
		/* the text is padded: 16 bytes can always be read */
		memcpy(&a, w, 8);
		memcpy(&b, w + 8, 8);
		a &= keep_a[c];
		b &= keep_b[c];
		ids[i] = find(t, w, len, a, b, hash_form(a, b, w, len));
	}
}

/* ---- the answers ----------------------------------------------------------
 * Each mirrors, exactly, what the rule that asks it did word by word before
 * the table existed: the same lists, the same buffer limits. */

bool pl_words_spelled(const pl_resources *res, const char *w, size_t n)
{
	size_t base;

	if (!res->speller)
		return false;
	if (pl_speller_check(res->speller, w, n))
		return true;
	base = pl_strip_possessive(w, n);
	return base != n && (pl_wordlist_has_word(res->accept, w, base) ||
			     pl_speller_check(res->speller, w, base));
}

static bool folded_in(const pl_wordlist *wl, const char *w, size_t n,
		      size_t size)
{
	char fold[MAX_FORM * 2];
	size_t k = pl_fold(w, n, fold, size < sizeof(fold) ? size : sizeof(fold));

	return k && pl_wordlist_get(wl, fold, k);
}

/* An unknown name (pl_check_names.c): the base form in no dictionary of
 * either dialect, not accepted, and not in the lexicon. */
static bool name(const pl_resources *res, const char *w, size_t n)
{
	size_t base = pl_strip_possessive(w, n), k;
	char fold[48 * 4 + 1]; /* names over 48 letters are not compared */

	if (!res->speller || pl_speller_check(res->speller, w, base) ||
	    pl_wordlist_get(res->accept, w, base) ||
	    pl_speller_other_dialect(res->speller, w, base))
		return false;
	k = pl_fold(w, base, fold, sizeof(fold));
	return k && !pl_wordlist_get(res->proper, fold, k);
}

/* PL_WF_PROPER_LATER: a yes where the answer is unknown, so that a no
 * always means no span ending in the word is, or begins, a multi-word
 * proper noun. The capitalization rule folds spans into 512 bytes. */
static bool proper_later(const pl_resources *res, const char *w, size_t n)
{
	char fold[512];
	size_t k;

	if (!res->proper_later)
		return true;
	k = pl_fold(w, n, fold, sizeof(fold));
	return !k || pl_wordlist_get(res->proper_later, fold, k);
}

/* PL_WF_FOLD_KNOWN: the capitalization rule folds words into 256 bytes */
static bool fold_known(const pl_resources *res, const char *w, size_t n)
{
	char fold[256];
	size_t k = pl_fold(w, n, fold, sizeof(fold));

	return k && (pl_wordlist_get(res->accept, fold, k) ||
		     (res->speller && (pl_speller_check(res->speller, fold, k) ||
				       pl_speller_other_dialect(res->speller, fold, k))));
}

static bool compute(pl_words *t, uint32_t id, unsigned fact)
{
	const pl_resources *res = t->res;
	const key *r = &t->keys[id];

	switch (fact) {
	case PL_WF_LOWER:
		return pl_word_is_lower(r->text, r->len);
	case PL_WF_ACCEPTED:
		return pl_wordlist_has_word(res->accept, r->text, r->len);
	case PL_WF_REJECTED:
		return pl_wordlist_has_word(res->reject, r->text, r->len);
	case PL_WF_SPELLED:
		return pl_words_spelled(res, r->text, r->len);
	case PL_WF_NAME:
		return name(res, r->text, r->len);
	case PL_WF_GIVEN:
		return folded_in(res->given_names, r->text, r->len, 256);
	case PL_WF_PROPER_FIRST:
		/* the capitalization rule folds words under 128 bytes */
		return r->len < 128 && folded_in(res->proper_prefix, r->text, r->len, 512);
	case PL_WF_PROPER:
		return pl_words_proper(t, id) != NULL;
	case PL_WF_PROPER_LATER:
		return proper_later(res, r->text, r->len);
	case PL_WF_MINOR:
		return folded_in(res->minor, r->text, r->len, 256);
	case PL_WF_FOLD_KNOWN:
		return fold_known(res, r->text, r->len);
	case PL_WF_FOREIGN:
		return folded_in(res->foreign, r->text, r->len, 32);
	case PL_WF_NEAR:
		return res->speller && pl_speller_near(res->speller, r->text, r->len);
	case PL_WF_KNOWN:
		return pl_words_is(t, id, PL_WF_ACCEPTED) ||
		       (!pl_words_is(t, id, PL_WF_REJECTED) && pl_words_is(t, id, PL_WF_SPELLED));
	default:
		return false;
	}
}

bool pl_words_work_out(pl_words *t, uint32_t id, unsigned fact)
{
	/* computing may intern a form and move the arrays: index after */
	bool yes = compute(t, id, fact);

	if (yes)
		t->core.bits[id].facts |= fact;
	t->core.bits[id].done |= fact;
	return yes;
}

uint32_t pl_words_work_out_all(pl_words *t, uint32_t id, unsigned facts)
{
	unsigned f;

	for (f = 1; f <= facts; f <<= 1)
		if ((facts & f) && !(t->core.bits[id].done & f))
			pl_words_work_out(t, id, f);
	return t->core.bits[id].facts;
}

uint32_t pl_words_fold_out(pl_words *t, uint32_t id)
{
	char fold[256];
	size_t k;
	uint32_t f;

	k = pl_fold(t->keys[id].text, pl_strip_possessive(t->keys[id].text, t->keys[id].len),
		    fold, sizeof(fold));
	/* interning may move the arrays: index them again after */
	f = k ? pl_words_intern(t, fold, k) : 0;
	if (k && !f)
		return 0; /* no memory: answer none, ask again next time */
	t->core.bits[id].fold_base = f;
	t->core.bits[id].done |= PL_WORD_FOLDED;
	return f;
}

const char *pl_words_proper(pl_words *t, uint32_t id)
{
	uint32_t f;
	rec *r;

	if (!id)
		return NULL;
	if (t->v[id].done & DONE_PROPER)
		return t->v[id].proper;
	f = pl_words_fold_base(t, id);
	r = &t->v[id];
	r->proper = f ? pl_wordlist_get(t->res->proper, t->keys[f].text, t->keys[f].len) : NULL;
	r->done |= DONE_PROPER;
	return r->proper;
}

pl_word_note *pl_words_note(pl_words *t, uint32_t id)
{
	return id ? &t->v[id].note : NULL;
}

const char *pl_words_strdup(pl_words *t, const char *s, size_t n)
{
	t->bytes += n + 1;
	return pl_arena_strndup(t->arena, s, n);
}

void pl_words_mark(pl_words *t, uint32_t id, uint32_t serial)
{
	if (id)
		t->v[id].mark = serial;
}

bool pl_words_marked(const pl_words *t, uint32_t id, uint32_t serial)
{
	return id && t->v[id].mark == serial;
}

uint32_t pl_words_local(const pl_words *t, uint32_t id, uint32_t serial)
{
	return id && t->v[id].local_serial == serial ? t->v[id].local : 0;
}

void pl_words_set_local(pl_words *t, uint32_t id, uint32_t serial, uint32_t value)
{
	if (id) {
		t->v[id].local_serial = serial;
		t->v[id].local = value;
	}
}
