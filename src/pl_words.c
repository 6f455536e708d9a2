#include "pl_words.h"
#include "pl_arena.h"
#include "pl_check.h"
#include "pl_doc.h"
#include "pl_lock.h"
#include "pl_pages.h"
#include "pl_speller.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
/* a form's first 16 bytes by SSE2 (x86-64: its 64-bit moves) */
#if defined(__SSE2__) && defined(__x86_64__)
#define HEAD16_SSE2 1
#include <emmintrin.h>
#endif

/* Longer tokens are no words: every rule gives up on them before asking. */
#define MAX_FORM 512
/* A run over a large archive of names must not grow without bound: past
 * this many forms, or this many bytes of them, the next document starts
 * afresh. */
#define MAX_FORMS (1u << 20)
#define MAX_BYTES (64u << 20)
/* The arrays by id are reserved once for this many forms and never move,
 * so that a thread may read them while another adds a form. Only what is
 * used is ever committed. Past the soft bound above, documents in
 * progress on other threads may add forms until they end: this leaves
 * them room for some seven million more (384 MB of addresses, not of
 * memory). Beyond it a new form gets id 0, as with no memory. Where the
 * addresses are limited (ulimit -v), a quarter as many are tried, down to
 * MIN_IDS, and the soft bound is then half of them. */
#define MAX_IDS (sizeof(void *) >= 8 ? (size_t)1 << 23 : (size_t)1 << 21)
#define MIN_IDS ((size_t)1 << 15)

/* Words of a token array looked up BATCH at a time: each is hashed and
 * the slot it is looked for in starts loading, then each is looked up.
 * One word at a time, the lookup waited on its slot: the table of a run's
 * forms is larger than the second-level cache, and the passes over the
 * tokens keep pushing it out. */
#define BATCH 64
_Static_assert(BATCH <= 64, "a batch's repeats are the bits of one uint64_t");

/* The most any answer folds a form into (pl_fold's `size`). */
#define FOLD_MAX 512

/* Bits of a form's state beside the facts: answers that are not yes or
 * no, worked out. */
#define DONE_PROPER (1u << 14)

/* A form's own copy, by id. */
typedef struct key {
	const char *text; /* the table's copy */
	uint32_t len;
} key;

/* A slot holds the first 16 bytes of its form, zero past its end, beside
 * its id: a lookup of a word of up to 16 bytes (nearly all) reads one
 * slot, in one cache line, and compares two numbers, with no branch on
 * the word's length. Longer forms compare the rest with their key. The id
 * is written last, atomically: a slot with an id is complete. */
typedef struct slot {
	uint64_t a, b;  /* bytes 0-7 and 8-15, zero past the form's end */
	uint32_t id;    /* 0: empty */
	uint32_t hash;
	uint32_t len;
	uint32_t unused;
} slot;

/* Open addressing, linear probing. A grown table is a new one, published
 * whole: a thread still reading the old one finds every form it held, and
 * a form it lacks is looked for again under the lock. Old tables are kept
 * until no view is in a document. The slots are pages of their own
 * (pl_pages_alloc), a grown one in huge pages where the kernel gives
 * them (next_slots). */
typedef struct slots {
	size_t mask;
	slot *s;
	struct slots *older;
	size_t mapped; /* pl_pages_alloc's */
} slots;

/* The table read before any form is added: one slot, empty. A lookup in
 * it finds nothing, and the form is added (which makes the first table). */
static slot no_slot[1];
static const slots no_slots = { 0, no_slot, NULL, 0 };

/* What is shared of a form beyond its state. Each is set once, or
 * replaced whole, and read atomically. */
typedef struct rec {
	const char *proper;        /* lexicon casing of the folded base form */
	const pl_word_note *note;
} rec;

/* An array by id that never moves: reserved once, committed as it grows. */
typedef struct region {
	char *base;
	size_t committed, reserved; /* bytes */
} region;

/* The forms of a run. Forms are added under the lock; `n`, the slots and
 * the arrays by id are read without it, and a form's answers and notes
 * are set without it, atomically. `in_doc` and `full` are atomic: a
 * document begins and ends without the lock unless the forms are to be
 * forgotten.
 *
 * In three groups of cache lines: what every lookup and answer reads and
 * almost nothing writes; what each add writes, under the lock; what each
 * document's start and end write. Side by side, every form one thread
 * added made the other thread's next lookup or answer wait for the line
 * to come back from the first one's cache. */
typedef struct forms {
	/* read on every lookup and answer */
	const pl_resources *res;
	slots *tab;             /* replaced whole when it grows */
	region state, folds, keys, recs; /* `committed` grows under the lock */
	size_t max_ids;         /* ids reserved */
	size_t bound;           /* MAX_FORMS, or half of max_ids if less */
	size_t max_forms;       /* bound, or pl_words_limit()'s if less */
	pl_arena *arena;        /* forms' text, and notes of views freed */
	struct pl_words *views; /* every view, linked */
	/* written by each add */
	_Alignas(64) pthread_mutex_t lock;
	size_t n;               /* forms + 1: id 0 means none */
	size_t bytes;           /* held, forms and notes (atomic) */
	bool growing;           /* a thread makes the next slot table
				 * outside the lock (grow_outside); under
				 * the lock */
	pthread_cond_t quiet;   /* signalled when no view is in a document */
	/* written at each document's start and end */
	_Alignas(64) unsigned in_doc; /* views in a document */
	bool full;              /* past the bound: forget when no view is in
				 * a document */
} forms;

/* What a thread keeps of a form for its own documents. */
typedef struct local {
	uint32_t mark;      /* serial of the last document that marked it */
	uint32_t serial, value; /* pl_words_local() */
} local;

struct pl_words {
	pl_words_core core; /* first: pl_words_is() reads it inline */
	forms *f;
	struct pl_words *next_view;
	pl_arena *notes;    /* the notes this view set: each thread its own,
			     * no lock; kept until the forms are forgotten */
	region locs;        /* local, by id: reserved for every id, as the
			     * forms' arrays are, so that it grows without
			     * a copy (a realloc's copy faulted in fresh
			     * pages, a tenth of a run's first faults) */
	size_t cap_loc;     /* ids committed */
	void *scratch;      /* pl_words_scratch(): zeroed when the forms are
			     * forgotten */
	size_t scratch_bytes;
	uint32_t serial;
	bool in_doc;
	/* the last form folded for an answer, and its fold: a new form's
	 * answers from the folded lists are worked out one after another */
	uint32_t fold_id;
	uint32_t fold_len;  /* 0: no fold in FOLD_MAX bytes */
	char fold[FOLD_MAX];
};

static int region_reserve(region *r, size_t bytes)
{
	void *p = mmap(NULL, bytes, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
		       -1, 0);

	if (p == MAP_FAILED)
		return -1;
	*r = (region){ p, 0, bytes };
	return 0;
}

/* Commit [0, need) bytes of r, at least doubling what is committed. */
static int region_commit(region *r, size_t need)
{
	size_t page, to;

	if (need <= r->committed)
		return 0;
	page = pl_pages_size();
	to = r->committed * 2 > need ? r->committed * 2 : need;
	if (to < ((size_t)64 << 10))
		to = (size_t)64 << 10;
	to = (to + page - 1) & ~(page - 1);
	if (to > r->reserved)
		to = r->reserved;
	if (to < need ||
	    mprotect(r->base + r->committed, to - r->committed, PROT_READ | PROT_WRITE) < 0)
		return -1;
	pl_prefault(r->base + r->committed, to - r->committed);
	r->committed = to;
	return 0;
}

static void region_free(region *r)
{
	if (r->base)
		munmap(r->base, r->reserved);
	memset(r, 0, sizeof(*r));
}

static uint32_t *state_of(const forms *f)
{
	return (uint32_t *)(void *)f->state.base;
}

static uint32_t *folds_of(const forms *f)
{
	return (uint32_t *)(void *)f->folds.base;
}

static key *keys_of(const forms *f)
{
	return (key *)(void *)f->keys.base;
}

static rec *recs_of(const forms *f)
{
	return (rec *)(void *)f->recs.base;
}

static local *locs_of(const pl_words *t)
{
	return (local *)(void *)t->locs.base;
}

static void slots_free(slots *t)
{
	if (t) {
		pl_pages_free(t->s, t->mapped);
		free(t);
	}
}

static void free_older(slots *t)
{
	while (t) {
		slots *next = t->older;
		slots_free(t);
		t = next;
	}
}

static void forms_free(forms *f)
{
	if (!f)
		return;
	if (f->tab)
		free_older(f->tab);
	region_free(&f->state);
	region_free(&f->folds);
	region_free(&f->keys);
	region_free(&f->recs);
	pl_arena_free(f->arena);
	pthread_mutex_destroy(&f->lock);
	pthread_cond_destroy(&f->quiet);
	free(f);
}

static forms *forms_new(const pl_resources *res)
{
	/* on a cache line of its own, so that its groups are on theirs */
	forms *f = aligned_alloc(_Alignof(forms), sizeof(*f));

	if (!f)
		return NULL;
	memset(f, 0, sizeof(*f));
	if (pthread_mutex_init(&f->lock, NULL) != 0) {
		free(f);
		return NULL;
	}
	if (pthread_cond_init(&f->quiet, NULL) != 0) {
		pthread_mutex_destroy(&f->lock);
		free(f);
		return NULL;
	}
	for (f->max_ids = MAX_IDS; f->max_ids >= MIN_IDS; f->max_ids /= 4) {
		if (region_reserve(&f->state, f->max_ids * sizeof(uint32_t)) == 0 &&
		    region_reserve(&f->folds, f->max_ids * sizeof(uint32_t)) == 0 &&
		    region_reserve(&f->keys, f->max_ids * sizeof(key)) == 0 &&
		    region_reserve(&f->recs, f->max_ids * sizeof(rec)) == 0)
			break;
		region_free(&f->state);
		region_free(&f->folds);
		region_free(&f->keys);
		region_free(&f->recs);
	}
	if (f->max_ids < MIN_IDS || !(f->arena = pl_arena_new()) ||
	    region_commit(&f->state, sizeof(uint32_t)) < 0 ||
	    region_commit(&f->folds, sizeof(uint32_t)) < 0) {
		forms_free(f);
		return NULL;
	}
	/* id 0's state says every fact is worked out and none holds, and
	 * its folded base is 0: pl_words_is() and pl_words_fold_base() need
	 * no test for id 0 */
	state_of(f)[0] = 0xFFFF;
	folds_of(f)[0] = 0;
	f->res = res;
	f->n = 1;
	f->bound = MAX_FORMS < f->max_ids / 2 ? MAX_FORMS : f->max_ids / 2;
	f->max_forms = f->bound;
	return f;
}

/* Under the lock, or before the forms are shared. */
static pl_words *view_new(forms *f)
{
	pl_words *t = calloc(1, sizeof(*t));

	if (!t || !(t->notes = pl_arena_new())) {
		free(t);
		return NULL;
	}
	t->f = f;
	t->core.state = state_of(f);
	t->core.fold_base = folds_of(f);
	t->next_view = f->views;
	f->views = t;
	return t;
}

pl_words *pl_words_new(const pl_resources *res)
{
	forms *f = forms_new(res);
	pl_words *t = f ? view_new(f) : NULL;

	if (!t)
		forms_free(f);
	return t;
}

pl_words *pl_words_view(pl_words *t)
{
	pl_words *v;

	pl_lock(&t->f->lock);
	v = view_new(t->f);
	pthread_mutex_unlock(&t->f->lock);
	return v;
}

/* Under the lock, with no view in a document: nobody reads the slot
 * tables grown out of (a document that begins now reads the newest). */
static void free_grown_out_of(forms *f)
{
	if (f->tab && f->tab->older) {
		free_older(f->tab->older);
		f->tab->older = NULL;
	}
}

/* Count a document out. The last to leave wakes a thread waiting to
 * forget the forms, and frees the slot tables grown out of. */
static void count_out(forms *f)
{
	if (__atomic_sub_fetch(&f->in_doc, 1, __ATOMIC_SEQ_CST) == 0) {
		pl_lock(&f->lock);
		if (__atomic_load_n(&f->in_doc, __ATOMIC_SEQ_CST) == 0)
			free_grown_out_of(f);
		pthread_cond_broadcast(&f->quiet);
		pthread_mutex_unlock(&f->lock);
	}
}

/* End the view's document, if it has one. */
static void leave_doc(pl_words *t)
{
	if (t->in_doc) {
		t->in_doc = false;
		count_out(t->f);
	}
}

void pl_words_free(pl_words *t)
{
	pl_words **at;
	forms *f;
	bool last;

	if (!t)
		return;
	f = t->f;
	leave_doc(t);
	pl_lock(&f->lock);
	for (at = &f->views; *at != t; at = &(*at)->next_view)
		;
	*at = t->next_view;
	last = !f->views;
	/* its notes stay the forms' until they are forgotten */
	pl_arena_adopt(f->arena, t->notes);
	pthread_mutex_unlock(&f->lock);
	if (last)
		forms_free(f);
	region_free(&t->locs);
	free(t->scratch);
	free(t);
}

/* Under the lock, with no view in a document. */
static void forget(forms *f)
{
	pl_words *v;

	pl_arena_reset(f->arena);
	for (v = f->views; v; v = v->next_view) {
		pl_arena_reset(v->notes);
		if (v->scratch)
			memset(v->scratch, 0, v->scratch_bytes);
	}
	free_grown_out_of(f);
	if (f->tab)
		memset(f->tab->s, 0, (f->tab->mask + 1) * sizeof(slot));
	f->n = 1;
	__atomic_store_n(&f->bytes, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&f->full, false, __ATOMIC_SEQ_CST);
}

/* Count `n` bytes more held, and say when the forms are past their
 * bound. */
static void hold(forms *f, size_t n)
{
	if (__atomic_add_fetch(&f->bytes, n, __ATOMIC_RELAXED) >= MAX_BYTES)
		__atomic_store_n(&f->full, true, __ATOMIC_SEQ_CST);
}

void pl_words_limit(pl_words *t, size_t forms)
{
	pl_lock(&t->f->lock);
	t->f->max_forms = forms < t->f->bound ? forms : t->f->bound;
	if (t->f->n > t->f->max_forms)
		__atomic_store_n(&t->f->full, true, __ATOMIC_SEQ_CST);
	pthread_mutex_unlock(&t->f->lock);
}

/* A document begins with no lock: it counts itself in, then looks whether
 * the forms are to be forgotten. The thread that forgets them sets `full`
 * first and then waits for the count to be 0, so one of the two sees the
 * other (both atomics are sequentially consistent): a document never
 * begins on forms being forgotten. */
uint32_t pl_words_begin(pl_words *t)
{
	forms *f = t->f;

	leave_doc(t);
	for (;;) {
		__atomic_add_fetch(&f->in_doc, 1, __ATOMIC_SEQ_CST);
		if (!__atomic_load_n(&f->full, __ATOMIC_SEQ_CST))
			break;
		/* past the bound: out again, and forget the forms once no view
		 * is in a document (or find another thread did) */
		count_out(f);
		pl_lock(&f->lock);
		while (__atomic_load_n(&f->full, __ATOMIC_SEQ_CST) &&
		       __atomic_load_n(&f->in_doc, __ATOMIC_SEQ_CST))
			pthread_cond_wait(&f->quiet, &f->lock);
		if (__atomic_load_n(&f->full, __ATOMIC_SEQ_CST))
			forget(f);
		pthread_mutex_unlock(&f->lock);
	}
	t->in_doc = true;
	t->fold_id = 0; /* forgetting the forms reuses their ids */
	/* serials start at 1: a mark of 0 is no mark */
	if (++t->serial == 0)
		t->serial = 1;
	return t->serial;
}

void pl_words_end(pl_words *t)
{
	if (t)
		leave_doc(t);
}

size_t pl_words_count(const pl_words *t)
{
	return __atomic_load_n(&t->f->n, __ATOMIC_ACQUIRE) - 1;
}

/* Both halves of the 128-bit product, folded: every input bit reaches the
 * low bits the slots are indexed by, for one multiply. */
static inline uint64_t mum(uint64_t a, uint64_t b)
{
	__extension__ unsigned __int128 p = (unsigned __int128)a * b;

	return (uint64_t)p ^ (uint64_t)(p >> 64);
}

#ifndef HEAD16_SSE2
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
#endif

/* hash_form past a form's first 16 bytes: 8 bytes a multiply more. Out
 * of line: nearly every word is shorter, and the loop kept the common
 * path's registers on the stack around it. */
static __attribute__((noinline)) uint64_t hash_tail(uint64_t h, const char *w, size_t n)
{
	size_t i;

	for (i = 16; i < n; i += 8) {
		uint64_t x = 0;
		memcpy(&x, w + i, n - i < 8 ? n - i : 8);
		h = mum(h ^ x, 0xBF58476D1CE4E5B9ull);
	}
	return h;
}

/* The hash of a form from its first 16 bytes (a, b, zero past the end)
 * and, past 16 bytes, the rest. */
static inline uint32_t hash_form(uint64_t a, uint64_t b, const char *w, size_t n)
{
	uint64_t h = mum(a ^ 0x9E3779B97F4A7C15ull, b ^ 0x94D049BB133111EBull ^ n);

	if (__builtin_expect(n > 16, 0))
		h = hash_tail(h, w, n);
	return (uint32_t)(h ^ (h >> 32));
}

/* The slot of w[0, n) in `tab`, 0 if it is not there. */
static inline uint32_t probe(const forms *f, const slots *tab, const char *w, size_t n,
			     uint64_t a, uint64_t b, uint32_t h)
{
	const slot *s = tab->s;
	size_t k, mask = tab->mask;
	uint32_t id;

	for (k = h & mask; (id = __atomic_load_n(&s[k].id, __ATOMIC_ACQUIRE)); k = (k + 1) & mask) {
		/* one branch for the three numbers */
		if (((s[k].a ^ a) | (s[k].b ^ b) | (s[k].len ^ n)) == 0 &&
		    (n <= 16 || memcmp(keys_of(f)[id].text + 16, w + 16, n - 16) == 0))
			return id;
	}
	return 0;
}

/* A form's first 16 bytes as two numbers, zero past its end, read from
 * text that may end with the form (head16_hash() reads 16 bytes). */
static void head16_copy(const char *w, size_t n, uint64_t *a, uint64_t *b)
{
	char head[16] = { 0 };

	memcpy(head, w, n < 16 ? n : 16);
	memcpy(a, head, 8);
	memcpy(b, head + 8, 8);
}

/* An empty table of `cap` slots, every page of it written once: memory
 * new to the process costs some 5 us a page on its first touch here, even
 * once mapped (pl_pages_alloc maps ordinary pages in one call; a huge page
 * costs one such fault for all of it), and is better paid at once than by
 * lookups and adds later, under the lock. NULL on no memory. */
static slots *slots_new(size_t cap)
{
	slots *t = malloc(sizeof(*t));
	size_t k;

	if (!t)
		return NULL;
	if (!(t->s = pl_pages_alloc(cap * sizeof(slot), &t->mapped))) {
		free(t);
		return NULL;
	}
	/* atomic, so that a zero stored where the kernel put one is not
	 * left out by the compiler */
	for (k = 0; k < cap; k += 4096 / sizeof(slot))
		__atomic_store_n(&t->s[k].unused, 0, __ATOMIC_RELAXED);
	t->mask = cap - 1;
	t->older = NULL;
	return t;
}

/* The size of the table that follows one of `cap` slots (0: none yet):
 * 4,096 first, then twice as many, but where the kernel gives huge pages
 * at least a huge page's worth. A run with more forms than the first
 * table holds (a few articles' worth) goes on to thousands, and the
 * tables of 256 KB to 1 MB it would grow through cost more in fresh 4 KB
 * pages (some 5 ms over the corpus's first copy here) than one 2 MB table
 * in a huge page (0.2-0.3 ms). */
static size_t next_slots(size_t cap)
{
	size_t least;

	if (!cap)
		return 4096; /* the kernel not asked: a short run never grows */
	least = pl_pages_huge() ? PL_PAGES_HUGE / sizeof(slot) : 0;
	return cap * 2 > least ? cap * 2 : least;
}

/* Put a filled slot into a table not yet published. */
static void slot_put(slots *t, const slot *o)
{
	size_t k;

	for (k = o->hash & t->mask; t->s[k].id; k = (k + 1) & t->mask)
		;
	t->s[k] = *o;
}

/* Under the lock: the next table (next_slots), published whole. */
static int grow_slots(forms *f)
{
	slots *t = slots_new(next_slots(f->tab ? f->tab->mask + 1 : 0));
	size_t i;

	if (!t)
		return -1;
	t->older = f->tab;
	for (i = 0; f->tab && i <= f->tab->mask; i++)
		if (f->tab->s[i].id)
			slot_put(t, &f->tab->s[i]);
	__atomic_store_n(&f->tab, t, __ATOMIC_RELEASE);
	return 0;
}

/* Grow the slot table outside the lock. Under it, a grow held every other
 * thread's new forms back for as long as it took (at -j 2 over 4,964
 * files, 7 of the 14 ms the lock was held, and 14 ms waited for it in
 * all). The thread that finds the table 7/16 full makes the next one
 * alone: it copies the forms of the table as it was then (`old`, ids
 * below `n0`), and under the lock adds the ones added since from their
 * keys, and publishes it. Meanwhile others go on adding to `old`, up to
 * 3/4 full; past that, one of them grows it under the lock, and this
 * table is thrown away. Called in a document: while one is open the
 * forms are not forgotten, and `old` is not freed. */
static void grow_outside(forms *f, const slots *old, size_t n0)
{
	slots *t = slots_new(next_slots(old->mask + 1));
	size_t i, id;

	for (i = 0; t && i <= old->mask; i++) {
		const slot *o = &old->s[i];
		uint32_t oid = __atomic_load_n(&o->id, __ATOMIC_ACQUIRE);
		slot c;

		/* a slot with an id below n0 was complete before the lock
		 * was let go; those filled since are added below */
		if (!oid || oid >= n0)
			continue;
		c = (slot){ __atomic_load_n(&o->a, __ATOMIC_RELAXED),
			    __atomic_load_n(&o->b, __ATOMIC_RELAXED), oid, o->hash,
			    __atomic_load_n(&o->len, __ATOMIC_RELAXED), 0 };
		slot_put(t, &c);
	}
	pl_lock(&f->lock);
	if (t && f->tab == old) {
		for (id = n0; id < f->n; id++) {
			const key *e = &keys_of(f)[id];
			slot c = { 0 };

			head16_copy(e->text, e->len, &c.a, &c.b);
			c.id = (uint32_t)id;
			c.len = e->len;
			c.hash = hash_form(c.a, c.b, e->text, e->len);
			slot_put(t, &c);
		}
		t->older = f->tab;
		__atomic_store_n(&f->tab, t, __ATOMIC_RELEASE);
		t = NULL;
	}
	f->growing = false;
	pthread_mutex_unlock(&f->lock);
	slots_free(t);
}

/* Under the lock: the id of a form no slot had when looked for, added
 * unless another thread has added it since. */
static uint32_t add_locked(forms *f, const char *w, size_t n, uint64_t a, uint64_t b,
			   uint32_t h)
{
	size_t k, id = f->n;
	key *e;
	slot *s;

	if (f->tab && (k = probe(f, f->tab, w, n, a, b, h)))
		return (uint32_t)k;
	/* keep the slots at most half full (3/4 while another thread
	 * grows them), then find a free one */
	k = f->tab ? f->tab->mask + 1 : 0;
	if (id >= f->max_ids ||
	    ((f->growing ? (id + 1) * 4 > k * 3 : (id + 1) * 2 > k) && grow_slots(f) < 0) ||
	    region_commit(&f->state, (id + 1) * sizeof(uint32_t)) < 0 ||
	    region_commit(&f->folds, (id + 1) * sizeof(uint32_t)) < 0 ||
	    region_commit(&f->keys, (id + 1) * sizeof(key)) < 0 ||
	    region_commit(&f->recs, (id + 1) * sizeof(rec)) < 0)
		return 0;
	e = &keys_of(f)[id];
	if (!(e->text = pl_arena_strndup(f->arena, w, n)))
		return 0;
	e->len = (uint32_t)n;
	/* the form's id is new to every thread: plain stores, published by
	 * the slot's */
	recs_of(f)[id] = (rec){ NULL, NULL };
	state_of(f)[id] = 0;
	folds_of(f)[id] = 0;
	hold(f, n + 1 + sizeof(rec) + sizeof(key) + 2 * sizeof(uint32_t) + 2 * sizeof(slot));
	for (k = h & f->tab->mask; f->tab->s[k].id; k = (k + 1) & f->tab->mask)
		;
	/* the id last, and alone: a reader may be looking at it (and
	 * finding the slot empty). The batched lookup reads a slot's key
	 * before it knows whether the slot is filled: the key's stores are
	 * atomic too (relaxed: plain moves on x86), so that a reader racing
	 * them reads some value, which it then throws away with the id 0
	 * it read first, rather than a data race */
	s = &f->tab->s[k];
	__atomic_store_n(&s->a, a, __ATOMIC_RELAXED);
	__atomic_store_n(&s->b, b, __ATOMIC_RELAXED);
	s->hash = h; /* read under the lock, or after the id */
	__atomic_store_n(&s->len, (uint32_t)n, __ATOMIC_RELAXED);
	__atomic_store_n(&f->n, id + 1, __ATOMIC_RELEASE);
	__atomic_store_n(&s->id, (uint32_t)id, __ATOMIC_RELEASE);
	if (id + 1 > f->max_forms)
		__atomic_store_n(&f->full, true, __ATOMIC_SEQ_CST);
	return (uint32_t)id;
}

/* A new form, or one another thread added after this one looked. Apart
 * from the lookup, which nearly always finds the form: its registers are
 * not saved on every call. In a document (`in_doc`), the thread that
 * finds the slots 7/16 full grows them, outside the lock. */
static __attribute__((noinline)) uint32_t add(forms *f, bool in_doc, const char *w,
					      size_t n, uint64_t a, uint64_t b, uint32_t h)
{
	const slots *old = NULL;
	size_t n0 = 0;
	uint32_t id;

	pl_lock(&f->lock);
	id = add_locked(f, w, n, a, b, h);
	if (in_doc && id && !f->growing && f->n * 16 > (f->tab->mask + 1) * 7) {
		f->growing = true;
		old = f->tab;
		n0 = f->n;
	}
	pthread_mutex_unlock(&f->lock);
	if (old)
		grow_outside(f, old, n0);
	return id;
}

/* The lookup, given the form's first 16 bytes as two numbers and its
 * hash. */
static inline uint32_t find(pl_words *t, const char *w, size_t n, uint64_t a,
			    uint64_t b, uint32_t h)
{
	forms *f = t->f;
	const slots *tab = __atomic_load_n(&f->tab, __ATOMIC_ACQUIRE);
	uint32_t id;

	if (tab && (id = probe(f, tab, w, n, a, b, h)))
		return id;
	return add(f, t->in_doc, w, n, a, b, h);
}

uint32_t pl_words_intern(pl_words *t, const char *w, size_t n)
{
	uint64_t a, b;

	if (n - 1 >= MAX_FORM) /* n == 0 wraps */
		return 0;
	head16_copy(w, n, &a, &b);
	return find(t, w, n, a, b, hash_form(a, b, w, n));
}

/* The table of forms as it is now: no_slots before the first form, so
 * that the batched lookup need not ask. */
static inline const slots *table_of(forms *f)
{
	const slots *tab = __atomic_load_n(&f->tab, __ATOMIC_ACQUIRE);

	return tab ? tab : &no_slots;
}

/* A batched word whose first slot is not its own (another form's, or
 * empty), or that is longer than 16 bytes: looked up in full, and added
 * if it is new (the caller then reads the table anew). Out of line, so
 * that the common case's loop keeps its registers. */
static __attribute__((noinline)) uint32_t intern_slow(pl_words *t, const slots *tab,
						      const char *w, uint64_t a, uint64_t b,
						      uint32_t n, uint32_t h)
{
	uint32_t id;

	if ((id = probe(t->f, tab, w, n, a, b, h)))
		return id;
	return add(t->f, t->in_doc, w, n, a, b, h);
}

#ifdef HEAD16_SSE2
/* keep16 + 16 - n: sixteen bytes, the first n of them 0xFF */
static const unsigned char keep16[32] = {
	0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
	0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
};
#endif

/* A form's first 16 bytes as two numbers, zero past its end, stored at
 * ab[0] and ab[1] (16-byte aligned), and its hash (len bytes; the text is
 * padded: 16 bytes can always be read). */
static inline uint32_t head16_hash(const char *w, size_t len, uint64_t ab[2])
{
	size_t c = len < 16 ? len : 16;
#ifdef HEAD16_SSE2
	/* one load and one AND (GCC built the two masks of keep_a and keep_b
	 * into a vector through the stack), and one store */
	__m128i v = _mm_and_si128(_mm_loadu_si128((const __m128i *)(const void *)w),
				  _mm_loadu_si128((const __m128i *)(const void *)(keep16 + 16 - c)));

	_mm_store_si128((__m128i *)(void *)ab, v);
	return hash_form((uint64_t)_mm_cvtsi128_si64(v),
			 (uint64_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(v, v)), w, len);
#else
	memcpy(&ab[0], w, 8);
	memcpy(&ab[1], w + 8, 8);
	ab[0] &= keep_a[c];
	ab[1] &= keep_b[c];
	return hash_form(ab[0], ab[1], w, len);
#endif
}

/* Publish `done` worked out, and those of `yes` that hold: one atomic
 * or, so that two threads adding answers to one form lose neither. Two
 * threads may work out one answer at once; it is the same answer. */
static void publish(forms *f, uint32_t id, uint32_t done, uint32_t yes)
{
	__atomic_fetch_or(&state_of(f)[id], done | yes << 16, __ATOMIC_RELEASE);
}

/* Work out PL_WF_SPELLED for forms [from, to), new to the run: the
 * spelling rule asks it of every word, and one at a time each new form's
 * lookups would wait on a cache miss or two in the dictionary's index.
 * PL_SPELLER_WARM at a time, their lookups are started together
 * (pl_speller_warm), and the answers then read what has come. */
static void warm(forms *f, size_t from, size_t to)
{
	const char *w[PL_SPELLER_WARM];
	uint32_t n[PL_SPELLER_WARM];
	size_t m, k, first;

	if (!f->res || !f->res->speller)
		return;
	while (from < to) {
		for (first = from, m = 0; m < PL_SPELLER_WARM && from < to; m++, from++) {
			w[m] = keys_of(f)[from].text;
			n[m] = keys_of(f)[from].len;
		}
		pl_speller_warm(f->res->speller, w, n, m);
		for (k = 0; k < m; k++)
			if (!(__atomic_load_n(&state_of(f)[first + k], __ATOMIC_ACQUIRE) &
			      PL_WF_SPELLED))
				publish(f, (uint32_t)(first + k), PL_WF_SPELLED,
					pl_words_spelled(f->res, w[k], n[k]) ? PL_WF_SPELLED : 0);
	}
}

/* The id in slot `sl` if it holds the form whose first 16 bytes are
 * head[0, 2) and whose length is len (up to 16), else 0. The key is
 * read whatever the id, relaxed: see add_locked(). */
static inline uint32_t slot_id(const slot *sl, const uint64_t head[2], uint32_t len)
{
	uint32_t id = __atomic_load_n(&sl->id, __ATOMIC_ACQUIRE);

	if (((__atomic_load_n(&sl->a, __ATOMIC_RELAXED) ^ head[0]) |
	     (__atomic_load_n(&sl->b, __ATOMIC_RELAXED) ^ head[1]) |
	     (__atomic_load_n(&sl->len, __ATOMIC_RELAXED) ^ len)) != 0 ||
	    len > 16)
		return 0;
	return id;
}

/* The words at[0, n_at), looked up BATCH at a time: pl_words_intern_at,
 * with the repeats listed only where `with_repeats` (a constant where it
 * is inlined: the loop that lists none does no work for them). */
static inline __attribute__((always_inline)) size_t
intern_run(pl_words *t, const char *text, const pl_token *toks, const uint32_t *at,
	   size_t n_at, uint32_t *ids, uint32_t *repeats, const bool with_repeats)
{
	forms *f = t->f;
	/* the forms before any this call adds (another thread's may come
	 * between them: new too) */
	const size_t n0 = __atomic_load_n(&f->n, __ATOMIC_ACQUIRE);
	/* the table as it was, until this thread adds a form: a form another
	 * thread added since is found under the lock (add) */
	const slots *tab = table_of(f);
	size_t k = 0, n_rep = 0;
	/* the word before: its token, and its length and first byte but
	 * for the 0x20 bit in one number (0: none, as no word is empty) */
	uint32_t prev_at = 0;
	uint64_t prev_key = 0;

	while (k < n_at) {
		/* each batched word's first 16 bytes, hash, token and length,
		 * an array each: stored as they are worked out, with no
		 * struct to pack them into */
		_Alignas(16) uint64_t head[BATCH][2];
		uint32_t hash[BATCH], tok[BATCH], len[BATCH];
		const slot *s = tab->s;
		size_t mask = tab->mask, m = 0, j;
		const size_t k_end = n_at - k < BATCH ? n_at : k + BATCH, k0 = k;
		uint64_t rep = 0; /* bit k - k0: word k may be a repeat */

		/* the next BATCH words hashed, the slot each is looked for in
		 * loading meanwhile */
		for (; k < k_end; k++) {
			const uint32_t i = at[k];
			const uint32_t start = toks[i].start, n = toks[i].end - start;
			const char *w = text + start;
			uint32_t h;

			if (with_repeats) {
				const uint64_t key = (uint64_t)n << 8 |
						     ((unsigned char)w[0] & ~0x20u);
				/* a bit of the batch's: no branch and no store
				 * on what is seldom so */
				rep |= (uint64_t)((i == prev_at + 1) & (key == prev_key))
				       << (k - k0);
				prev_at = i;
				prev_key = key;
			}
			if (n - 1 >= MAX_FORM) {
				ids[i] = 0;
				continue;
			}
			h = head16_hash(w, n, head[m]);
			hash[m] = h;
			tok[m] = i;
			len[m] = n;
			__builtin_prefetch(&s[h & mask]);
			m++;
		}
		/* the batch's repeats, in order (most batches have none) */
		for (; with_repeats && rep; rep &= rep - 1)
			repeats[n_rep++] = (uint32_t)(k0 + (size_t)__builtin_ctzll(rep));
		/* each looked up in the slot its hash picks: nearly always its
		 * own (the table is at most half full), and then the lookup is
		 * three numbers compared */
		for (j = 0; j < m; j++) {
			const slot *sl = &s[hash[j] & mask];
			uint32_t id = slot_id(sl, head[j], len[j]);

			/* a form its slot's neighbour took first (the
			 * table's one probe in most lookups that go on) */
			if (!id)
				id = slot_id(&s[(hash[j] + 1) & mask], head[j], len[j]);
			if (!id) {
				id = intern_slow(t, tab, text + toks[tok[j]].start, head[j][0],
						 head[j][1], len[j], hash[j]);
				tab = table_of(f);
				s = tab->s;
				mask = tab->mask;
			}
			ids[tok[j]] = id;
		}
	}
	warm(f, n0, __atomic_load_n(&f->n, __ATOMIC_ACQUIRE));
	return n_rep;
}

size_t pl_words_intern_at(pl_words *t, const char *text, const pl_token *toks,
			  const uint32_t *at, size_t n_at, uint32_t *ids, uint32_t *repeats)
{
	if (repeats)
		return intern_run(t, text, toks, at, n_at, ids, repeats, true);
	return intern_run(t, text, toks, at, n_at, ids, NULL, false);
}

void pl_words_intern_tokens(pl_words *t, const char *text, const pl_token *toks,
			    size_t n, uint32_t *ids)
{
	uint32_t at[BATCH];
	size_t i = 0;

	while (i < n) {
		size_t m = 0;

		for (; i < n && m < BATCH; i++) {
			ids[i] = 0;
			if (toks[i].kind == PL_TOK_WORD)
				at[m++] = (uint32_t)i;
		}
		pl_words_intern_at(t, text, toks, at, m, ids, NULL);
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

/* Form `id` folded into `size` bytes, as pl_fold(): its length, or 0
 * when it does not fit. Folded once into FOLD_MAX bytes; a fold fits in
 * fewer when it is shorter than them. */
static size_t fold_of(pl_words *t, uint32_t id, size_t size, const char **out)
{
	if (t->fold_id != id) {
		const key *r = &keys_of(t->f)[id];
		t->fold_len = (uint32_t)pl_fold(r->text, r->len, t->fold, sizeof(t->fold));
		t->fold_id = id;
	}
	*out = t->fold;
	return t->fold_len < size ? t->fold_len : 0;
}

static bool folded_in(pl_words *t, uint32_t id, const pl_wordlist *wl, size_t size)
{
	const char *fold;
	size_t k = fold_of(t, id, size, &fold);

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
static bool proper_later(pl_words *t, uint32_t id)
{
	const pl_resources *res = t->f->res;
	const char *fold;
	size_t k;

	if (!res->proper_later)
		return true;
	k = fold_of(t, id, 512, &fold);
	return !k || pl_wordlist_get(res->proper_later, fold, k);
}

/* PL_WF_FOLD_KNOWN: the capitalization rule folds words into 256 bytes */
static bool fold_known(pl_words *t, uint32_t id)
{
	const pl_resources *res = t->f->res;
	const char *fold;
	size_t k = fold_of(t, id, 256, &fold);

	return k && (pl_wordlist_get(res->accept, fold, k) ||
		     (res->speller && (pl_speller_check(res->speller, fold, k) ||
				       pl_speller_other_dialect(res->speller, fold, k))));
}

static bool compute(pl_words *t, uint32_t id, unsigned fact)
{
	const pl_resources *res = t->f->res;
	const key *r = &keys_of(t->f)[id];

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
		return folded_in(t, id, res->given_names, 256);
	case PL_WF_PROPER_FIRST:
		/* the capitalization rule folds words under 128 bytes */
		return r->len < 128 && folded_in(t, id, res->proper_prefix, 512);
	case PL_WF_PROPER:
		return pl_words_proper(t, id) != NULL;
	case PL_WF_PROPER_LATER:
		return proper_later(t, id);
	case PL_WF_MINOR:
		return folded_in(t, id, res->minor, 256);
	case PL_WF_FOLD_KNOWN:
		return fold_known(t, id);
	case PL_WF_FOREIGN:
		return folded_in(t, id, res->foreign, 32);
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
	bool yes = compute(t, id, fact);

	publish(t->f, id, fact, yes ? fact : 0);
	return yes;
}

uint32_t pl_words_work_out_all(pl_words *t, uint32_t id, unsigned facts)
{
	unsigned f;

	for (f = 1; f <= facts; f <<= 1)
		if ((facts & f) && !(pl_words_state(t, id) & f))
			pl_words_work_out(t, id, f);
	return pl_words_state(t, id) >> 16;
}

/* Form `id` without a possessive, folded into BASE_FOLD bytes: "Trump's"
 * -> "trump". Its length, or 0 when it does not fit. */
#define BASE_FOLD 256

static size_t base_fold(const forms *f, uint32_t id, char *fold)
{
	const key *r = &keys_of(f)[id];

	return pl_fold(r->text, pl_strip_possessive(r->text, r->len), fold, BASE_FOLD);
}

uint32_t pl_words_fold_out(pl_words *t, uint32_t id)
{
	char fold[BASE_FOLD];
	size_t k = base_fold(t->f, id, fold);
	uint32_t f;

	f = k ? pl_words_intern(t, fold, k) : 0;
	if (k && !f)
		return 0; /* no memory: answer none, ask again next time */
	__atomic_store_n(&folds_of(t->f)[id], f, __ATOMIC_RELAXED);
	publish(t->f, id, PL_WORD_FOLDED, 0);
	return f;
}

const char *pl_words_proper(pl_words *t, uint32_t id)
{
	rec *r = &recs_of(t->f)[id];
	char fold[BASE_FOLD];
	const char *p;
	size_t k;

	if (!id)
		return NULL;
	if (pl_words_state(t, id) & DONE_PROPER)
		return __atomic_load_n(&r->proper, __ATOMIC_RELAXED);
	/* the folded base form looked up as text, not interned: asked of
	 * every word, it is the lexicon's for few, and only those are ever
	 * asked their folded base's id (a fifth of a run's first forms were
	 * folded bases added for this answer alone) */
	k = base_fold(t->f, id, fold);
	p = k ? pl_wordlist_get(t->f->res->proper, fold, k) : NULL;
	__atomic_store_n(&r->proper, p, __ATOMIC_RELAXED);
	publish(t->f, id, DONE_PROPER, 0);
	return p;
}

const pl_word_note *pl_words_note(const pl_words *t, uint32_t id)
{
	return id ? __atomic_load_n(&recs_of(t->f)[id].note, __ATOMIC_ACQUIRE) : NULL;
}

int pl_words_set_note(pl_words *t, uint32_t id, const pl_word_note *note, bool copy_text)
{
	size_t len = copy_text && note->text ? strlen(note->text) : 0;
	pl_word_note *copy;

	if (!id)
		return PL_OK;
	if (!(copy = pl_arena_alloc(t->notes, sizeof(*copy))))
		return PL_ENOMEM;
	*copy = *note;
	if (copy_text && note->text && !(copy->text = pl_arena_strndup(t->notes, note->text, len)))
		return PL_ENOMEM;
	hold(t->f, sizeof(*copy) + (copy_text && note->text ? len + 1 : 0));
	__atomic_store_n(&recs_of(t->f)[id].note, copy, __ATOMIC_RELEASE);
	/* the mirror after the note: whoever reads it set may read the note */
	if (!note->tag && note->quiet)
		__atomic_fetch_or(&state_of(t->f)[id], PL_WORD_QUIET, __ATOMIC_RELEASE);
	else
		__atomic_fetch_and(&state_of(t->f)[id], ~PL_WORD_QUIET, __ATOMIC_RELEASE);
	return PL_OK;
}

/* The view's own record of form `id`, grown to hold it; NULL on no
 * memory. */
static local *loc(pl_words *t, uint32_t id)
{
	if (id >= t->cap_loc) {
		/* reserved on first use (a view that never marks a form takes
		 * no addresses); committed pages are fresh: zero, no mark */
		if ((!t->locs.base &&
		     region_reserve(&t->locs, t->f->max_ids * sizeof(local)) < 0) ||
		    region_commit(&t->locs, ((size_t)id + 1) * sizeof(local)) < 0)
			return NULL;
		t->cap_loc = t->locs.committed / sizeof(local);
	}
	return &locs_of(t)[id];
}

void pl_words_mark(pl_words *t, uint32_t id, uint32_t serial)
{
	local *l = id ? loc(t, id) : NULL;

	if (l)
		l->mark = serial;
}

void *pl_words_scratch(pl_words *t, size_t bytes)
{
	if (t->scratch && t->scratch_bytes == bytes)
		return t->scratch;
	free(t->scratch);
	t->scratch = calloc(1, bytes);
	t->scratch_bytes = t->scratch ? bytes : 0;
	return t->scratch;
}

bool pl_words_marked(const pl_words *t, uint32_t id, uint32_t serial)
{
	return id && id < t->cap_loc && locs_of(t)[id].mark == serial;
}

uint32_t pl_words_local(const pl_words *t, uint32_t id, uint32_t serial)
{
	return id && id < t->cap_loc && locs_of(t)[id].serial == serial ?
		       locs_of(t)[id].value : 0;
}

void pl_words_set_local(pl_words *t, uint32_t id, uint32_t serial, uint32_t value)
{
	local *l = id ? loc(t, id) : NULL;

	if (l) {
		l->serial = serial;
		l->value = value;
	}
}
