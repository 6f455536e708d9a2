#include "pl_speller.h"
#include "pl_error.h"
#include "pl_lock.h"
#include "pl_wordidx.h"
#include "pl_wordlist.h"

#include <ctype.h>
#include <dirent.h>
#include <dlfcn.h>
#include <hunspell.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <unistd.h>

static const char *const system_dirs[] = {
	"/usr/share/hunspell", "/usr/share/myspell", "/usr/share/myspell/dicts",
	"/usr/local/share/hunspell",
};

static bool find_in(const char *dir, const char *lang, char *aff, char *dic,
		    size_t size)
{
	snprintf(aff, size, "%s/%s.aff", dir, lang);
	snprintf(dic, size, "%s/%s.dic", dir, lang);
	return access(aff, R_OK) == 0 && access(dic, R_OK) == 0;
}

static bool find_dict(const char *lang, char *aff, char *dic, size_t size)
{
	const char *env = getenv("DICPATH");
	size_t i;

	if (env && *env) {
		char *copy = strdup(env), *save = NULL, *dir;
		bool found = false;
		for (dir = strtok_r(copy, ":", &save); dir && !found;
		     dir = strtok_r(NULL, ":", &save))
			found = find_in(dir, lang, aff, dic, size);
		free(copy);
		if (found)
			return true;
	}
	for (i = 0; i < PL_ARRAY_LEN(system_dirs); i++)
		if (find_in(system_dirs[i], lang, aff, dic, size))
			return true;
	return false;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

const char *pl_speller_installed(void)
{
	static char buf[1024];
	char *names[128];
	size_t i, k, n = 0, o = 0;

	for (i = 0; i < PL_ARRAY_LEN(system_dirs); i++) {
		DIR *d = opendir(system_dirs[i]);
		struct dirent *e;
		if (!d)
			continue;
		while ((e = readdir(d)) && n < PL_ARRAY_LEN(names)) {
			size_t len = strlen(e->d_name);
			char aff[512], dic[512], lang[64];
			bool dup = false;
			if (len < 5 || len - 4 >= sizeof(lang) ||
			    strcmp(e->d_name + len - 4, ".dic") != 0)
				continue;
			memcpy(lang, e->d_name, len - 4);
			lang[len - 4] = '\0';
			for (k = 0; k < n && !dup; k++)
				dup = strcmp(names[k], lang) == 0;
			if (!dup && find_in(system_dirs[i], lang, aff, dic, sizeof(aff)))
				names[n++] = strdup(lang);
		}
		closedir(d);
	}
	if (n > 1)
		qsort(names, n, sizeof(*names), cmp_name);
	buf[0] = '\0';
	for (k = 0; k < n; k++) {
		if (names[k] && o + strlen(names[k]) + 2 < sizeof(buf))
			o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%s%s",
					      o ? " " : "", names[k]);
		free(names[k]);
	}
	return buf[0] ? buf : "(none)";
}


/* ---- Hunspell, loaded when first needed --------------------------------
 * With the index built, a run needs Hunspell only for a word that has no
 * one-slip neighbour in it, to suggest something. Linked, Hunspell and
 * the C++ runtime it brings were loaded at every start: 2.5 ms and some
 * 60 page faults of a 16 ms run over a short article. The build names the
 * library it found with pkg-config (PL_HUNSPELL_SONAME). */
#ifndef PL_HUNSPELL_SONAME
#define PL_HUNSPELL_SONAME "libhunspell-1.7.so.0"
#endif

static struct {
	__typeof__(Hunspell_create) *create;
	__typeof__(Hunspell_destroy) *destroy;
	__typeof__(Hunspell_spell) *spell;
	__typeof__(Hunspell_suggest) *suggest;
	__typeof__(Hunspell_free_list) *free_list;
	char why[256]; /* why it could not be loaded */
} hs;
static pthread_once_t hs_once = PTHREAD_ONCE_INIT;

#ifdef PL_HUNSPELL_LINKED
/* A sanitizer build links Hunspell (Makefile): GCC 12's LeakSanitizer
 * can crash at exit reading the thread-local storage of a library loaded
 * with dlopen (libstdc++'s, here), seen once in a CI run of the suite. */
static void hs_load(void)
{
	hs.destroy = Hunspell_destroy;
	hs.spell = Hunspell_spell;
	hs.suggest = Hunspell_suggest;
	hs.free_list = Hunspell_free_list;
	hs.create = Hunspell_create;
}
#else
/* A function of the library, or NULL (and why). The POSIX way to turn
 * dlsym's object pointer into a function pointer. */
static bool hs_bind(void *lib, const char *name, void *fn)
{
	void *sym = dlsym(lib, name);

	if (!sym) {
		snprintf(hs.why, sizeof(hs.why), "%s: no %s", PL_HUNSPELL_SONAME, name);
		return false;
	}
	memcpy(fn, &sym, sizeof(sym));
	return true;
}

static void hs_load(void)
{
	void *lib = dlopen(PL_HUNSPELL_SONAME, RTLD_NOW | RTLD_LOCAL);
	const char *err;

	if (!lib) {
		err = dlerror();
		snprintf(hs.why, sizeof(hs.why), "%s", err ? err : PL_HUNSPELL_SONAME);
		return;
	}
	/* kept for the process: its handles may live as long */
	if (!hs_bind(lib, "Hunspell_destroy", &hs.destroy) ||
	    !hs_bind(lib, "Hunspell_spell", &hs.spell) ||
	    !hs_bind(lib, "Hunspell_suggest", &hs.suggest) ||
	    !hs_bind(lib, "Hunspell_free_list", &hs.free_list) ||
	    !hs_bind(lib, "Hunspell_create", &hs.create))
		hs.create = NULL; /* create is set last: set means all are */
}
#endif

/* Is the library loaded? Loads it on the first call of the process. */
static bool hs_ready(void)
{
	pthread_once(&hs_once, hs_load);
	return hs.create != NULL;
}

/* One dictionary: its mapped index when one was built, else Hunspell. */
typedef struct dict {
	char aff[512], dic[512];
	pl_wordidx *idx;
	Hunhandle *h; /* loaded on first need when there is an index */
	bool h_failed;
} dict;

struct pl_speller {
	unsigned long id;  /* unique in the process, for the memo */
	dict main, other;
	char lang[32], other_lang[16];
	bool other_tried;  /* set last, atomically: `other` is ready */
	char index_dir[512];
	/* Hunspell and the caches are shared by the threads of a run */
	pthread_mutex_t lock;
	pl_wordlist *cache; /* word -> "y"/"n": Hunspell's verdicts */
	pl_wordlist *sugg;  /* word -> its suggestions, one a line */
	pl_wordlist *near;  /* word -> "y" when a word one edit away is right */
};

static Hunhandle *hunspell(dict *d)
{
	if (!d->h && !d->h_failed) {
		d->h = hs_ready() ? hs.create(d->aff, d->dic) : NULL;
		d->h_failed = !d->h;
	}
	return d->h;
}

static int dict_open(dict *d, const char *lang, const char *index_dir)
{
	char path[1024];

	if (!find_dict(lang, d->aff, d->dic, sizeof(d->aff)))
		return PL_ENOTFOUND;
	if (index_dir && *index_dir) {
		snprintf(path, sizeof(path), "%s/%s.idx", index_dir, lang);
		pl_wordidx_open(&d->idx, path, d->dic, d->aff);
	}
	return PL_OK;
}

static void dict_close(dict *d)
{
	pl_wordidx_close(d->idx);
	if (d->h)
		hs.destroy(d->h);
}

int pl_speller_new(pl_speller **out, const char *lang, const char *index_dir)
{
	pl_speller *sp;

	*out = NULL;
	sp = calloc(1, sizeof(*sp));
	if (!sp)
		return pl_error_set(PL_ENOMEM, "out of memory");
	if (dict_open(&sp->main, lang, index_dir) < 0) {
		char pkg[64];
		size_t i;
		free(sp);
		for (i = 0; lang[i] && i + 1 < sizeof(pkg); i++)
			pkg[i] = lang[i] == '_' ? '-' : (char)tolower((unsigned char)lang[i]);
		pkg[i] = '\0';
		return pl_error_set(PL_ENOTFOUND,
				    "no Hunspell dictionary '%s' (installed: %s; on "
				    "Debian: apt-get install hunspell-%s)",
				    lang, pl_speller_installed(), pkg);
	}
	{
		static _Atomic unsigned long next_id = 1;
		sp->id = next_id++;
	}
	snprintf(sp->lang, sizeof(sp->lang), "%s", lang);
	snprintf(sp->index_dir, sizeof(sp->index_dir), "%s", index_dir ? index_dir : "");
	pthread_mutex_init(&sp->lock, NULL);
	if (!(sp->cache = pl_wordlist_new()) || !(sp->sugg = pl_wordlist_new()) ||
	    !(sp->near = pl_wordlist_new())) {
		pl_speller_free(sp);
		return pl_error_set(PL_ENOMEM, "out of memory");
	}
	/* without an index Hunspell answers everything: load it now, so a
	 * broken dictionary is an error before any file is read */
	if (!sp->main.idx && !hunspell(&sp->main)) {
		char dic[sizeof(sp->main.dic)];
		snprintf(dic, sizeof(dic), "%s", sp->main.dic);
		pl_speller_free(sp);
		if (!hs_ready())
			return pl_error_set(PL_EIO, "cannot load Hunspell (%s), which "
					    "%s needs without its index", hs.why, dic);
		return pl_error_set(PL_EIO, "cannot load Hunspell dictionary %s", dic);
	}
	if (strcmp(lang, "en_US") == 0)
		strcpy(sp->other_lang, "en_GB");
	else if (strncmp(lang, "en_", 3) == 0)
		strcpy(sp->other_lang, "en_US");
	*out = sp;
	return PL_OK;
}

void pl_speller_free(pl_speller *sp)
{
	if (!sp)
		return;
	dict_close(&sp->main);
	dict_close(&sp->other);
	pl_wordlist_free(sp->cache);
	pl_wordlist_free(sp->sugg);
	pl_wordlist_free(sp->near);
	pthread_mutex_destroy(&sp->lock);
	free(sp);
}

bool pl_speller_has_index(const pl_speller *sp)
{
	return sp->main.idx != NULL;
}

/* Remember a value, forgetting everything once the cache is large: a run
 * over megabytes of names must not grow without bound. Caller holds the
 * lock. */
static void remember(pl_wordlist **cache, const char *w, size_t n, const char *v,
		     size_t vn)
{
	if (pl_wordlist_count(*cache) >= 100000) {
		pl_wordlist *fresh = pl_wordlist_new();
		if (!fresh)
			return;
		pl_wordlist_free(*cache);
		*cache = fresh;
	}
	pl_wordlist_put(*cache, w, n, v, vn);
}

/* Hunspell's verdict through the run's cache. Caller holds the lock. */
static bool hunspell_spell(pl_speller *sp, dict *d, const char *w, size_t n,
			   bool cached)
{
	Hunhandle *h = hunspell(d);
	const char *v;
	bool ok;

	if (!h)
		return false;
	if (cached && (v = pl_wordlist_get(sp->cache, w, n)))
		return v[0] == 'y';
	ok = hs.spell(h, w) != 0;
	if (cached)
		remember(&sp->cache, w, n, ok ? "y" : "n", 1);
	return ok;
}

static bool dict_check(pl_speller *sp, dict *d, const char *w, size_t n, bool cached)
{
	bool ok;

	if (d->idx)
		return pl_wordidx_accepts(d->idx, w, n);
	pl_lock(&sp->lock);
	ok = hunspell_spell(sp, d, w, n, cached);
	pthread_mutex_unlock(&sp->lock);
	return ok;
}

/* A small per-thread memo in front of the index: news repeats its words,
 * and a 2.7 MB hash table costs a cache miss a lookup where this costs one
 * hit. Direct-mapped; a collision just asks the index again. */
typedef struct memo {
	unsigned long id; /* the speller's: never reused, unlike its address */
	uint8_t len, verdict;
	char w[22];
} memo;

/* A thread's memo starts with MEMO_FIRST entries and grows to MEMO_MAX
 * once it has missed MEMO_GROW times. Made full size at once, a short
 * article's run touched every page of it (64 pages of fresh memory, some
 * 11 us each to fault in here: 1.2-1.4 ms of a 12-15 ms run); kept small,
 * a large run was 9% slower (the 10 MB prefix, 1,024 entries). */
#define MEMO_FIRST 1024
#define MEMO_MAX 8192
#define MEMO_GROW 4096

/* Each thread's memo, made on its first check and freed when it ends. Not
 * a static array in thread-local storage: that is zeroed, all 256 KB of
 * it, page by page, at start-up and for every thread started, checking or
 * not. */
static _Thread_local memo *memos;
static _Thread_local uint32_t memo_mask, memo_misses;
static pthread_key_t memo_key;
static pthread_once_t memo_once = PTHREAD_ONCE_INIT;
static bool memo_keyed;

static void make_memo_key(void)
{
	memo_keyed = pthread_key_create(&memo_key, free) == 0;
}

/* This thread's memo; NULL on no memory. */
static memo *thread_memo(void)
{
	if (!memos) {
		pthread_once(&memo_once, make_memo_key);
		if (!memo_keyed || !(memos = calloc(MEMO_FIRST, sizeof(memo))))
			return NULL;
		memo_mask = MEMO_FIRST - 1;
		pthread_setspecific(memo_key, memos);
	}
	return memos;
}

/* A word's place in a memo, before the mask. */
static uint32_t memo_hash(const char *w, size_t len)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)w[i]) * 16777619u;
	return h ^ (h >> 13);
}

/* This thread's memo made MEMO_MAX entries, its entries kept (where two
 * meet in one place, one is). With no memory it stays as it is. */
static void memo_grow(void)
{
	memo *big = calloc(MEMO_MAX, sizeof(memo));
	uint32_t i;

	memo_misses = 0;
	if (!big)
		return;
	for (i = 0; i <= memo_mask; i++)
		if (memos[i].id)
			big[memo_hash(memos[i].w, memos[i].len) & (MEMO_MAX - 1)] = memos[i];
	free(memos);
	memos = big;
	memo_mask = MEMO_MAX - 1;
	pthread_setspecific(memo_key, memos);
}

void pl_speller_warm(const pl_speller *sp, const char *const *w, const uint32_t *n,
		     size_t count)
{
	uint32_t h[2 * PL_SPELLER_WARM];
	size_t i, m = 0, k;

	if (!sp->main.idx)
		return;
	for (i = 0; i < count && i < PL_SPELLER_WARM; i++) {
		/* as pl_speller_check() asks: a curly apostrophe is
		 * straightened first (such words are left cold) */
		if (!n[i] || memchr(w[i], 0xE2, n[i]))
			continue;
		for (k = pl_wordidx_first_hashes(w[i], n[i], h + m); k; k--)
			pl_wordidx_prefetch(sp->main.idx, h[m++]);
	}
	for (i = 0; i < m; i++)
		pl_wordidx_prefetch_entry(sp->main.idx, h[i]);
}

bool pl_speller_check(pl_speller *sp, const char *word, size_t len)
{
	char buf[256];
	size_t n;
	uint32_t h;
	memo *m = NULL, *v;
	bool ok;

	if (len <= sizeof(m->w) && !memchr(word, 0xE2, len) && (v = thread_memo())) {
		h = memo_hash(word, len);
		m = &v[h & memo_mask];
		if (m->id == sp->id && m->len == len && memcmp(m->w, word, len) == 0)
			return m->verdict;
		if (memo_mask + 1 < MEMO_MAX && ++memo_misses >= MEMO_GROW) {
			memo_grow();
			m = &memos[h & memo_mask];
		}
	}
	n = pl_norm_apostrophe(word, len, buf, sizeof(buf));
	if (!n)
		return true; /* absurdly long: not a word to judge */
	ok = dict_check(sp, &sp->main, buf, n, true);
	if (m) {
		m->id = sp->id;
		m->len = (uint8_t)len;
		m->verdict = ok;
		memcpy(m->w, word, len);
	}
	return ok;
}

/* The other dialect's dictionary, opened on first need. Asked of every
 * new form by several rules at once: once it is open, no lock. */
static dict *other(pl_speller *sp)
{
	if (!__atomic_load_n(&sp->other_tried, __ATOMIC_ACQUIRE)) {
		pl_lock(&sp->lock);
		if (!sp->other_tried) {
			if (sp->other_lang[0] &&
			    dict_open(&sp->other, sp->other_lang, sp->index_dir) < 0)
				sp->other_lang[0] = '\0';
			__atomic_store_n(&sp->other_tried, true, __ATOMIC_RELEASE);
		}
		pthread_mutex_unlock(&sp->lock);
	}
	return sp->other_lang[0] ? &sp->other : NULL;
}

bool pl_speller_other_dialect(pl_speller *sp, const char *word, size_t len)
{
	char buf[256];
	size_t n = pl_norm_apostrophe(word, len, buf, sizeof(buf));
	dict *o;

	if (!n || pl_speller_check(sp, word, len) || !(o = other(sp)))
		return false;
	/* the other dialect's verdicts are not cached: they are asked
	 * only about words the main dictionary rejects */
	return dict_check(sp, o, buf, n, false);
}

const char *pl_speller_other_name(const pl_speller *sp)
{
	return sp->other_lang;
}

/* ---- near misses and suggestions ---------------------------------------- */

static bool adjacent(char a, char b)
{
	static const char *const rows[] = { "qwertyuiop", "asdfghjkl", "zxcvbnm" };
	int ra = -1, ca = 0, rb = -1, cb = 0, r;

	for (r = 0; r < 3; r++) {
		const char *p;
		if ((p = strchr(rows[r], a))) {
			ra = r;
			ca = (int)(p - rows[r]);
		}
		if ((p = strchr(rows[r], b))) {
			rb = r;
			cb = (int)(p - rows[r]);
		}
	}
	return ra >= 0 && rb >= 0 && abs(ra - rb) <= 1 && abs(ca - cb) <= 1;
}

typedef struct cand {
	char w[72];
	int cost; /* lower is likelier */
} cand;

typedef struct cands {
	cand v[24];
	size_t n;
	bool first_only; /* stop at the first hit (a yes/no question) */
} cands;

/* Try one candidate. Returns true when the search can stop. */
static bool try(pl_speller *sp, cands *out, const char *w, size_t n, uint32_t hash,
		int cost)
{
	size_t i;
	bool ok;

	if (sp->main.idx) {
		ok = pl_wordidx_has_hashed(sp->main.idx, w, n, hash);
	} else {
		Hunhandle *h = hunspell(&sp->main);
		ok = h && hs.spell(h, w);
	}
	if (!ok)
		return false;
	for (i = 0; i < out->n; i++)
		if (strcmp(out->v[i].w, w) == 0) {
			if (cost < out->v[i].cost)
				out->v[i].cost = cost;
			return out->first_only;
		}
	if (out->n < PL_ARRAY_LEN(out->v)) {
		memcpy(out->v[out->n].w, w, n + 1);
		out->v[out->n++].cost = cost;
	}
	return out->first_only;
}

/* Candidates tried a batch at a time: the index's buckets for the whole
 * batch are asked for first, so that their cache misses overlap (a word
 * that is no slip of any dictionary word takes some 500 lookups, nearly
 * each a miss). They are tried in the order they were made, and the first
 * that stops the search stops it, as if each were tried as it came. */
#define BATCH 32

typedef struct batch {
	char w[BATCH][80];
	uint32_t hash[BATCH];
	uint8_t len[BATCH], cost[BATCH];
	size_t n;
} batch;

/* Try the batch; true when a candidate stopped the search. */
static bool flush(pl_speller *sp, cands *out, batch *b)
{
	size_t i, n = b->n;

	b->n = 0;
	for (i = 0; i < n; i++)
		if (try(sp, out, b->w[i], b->len[i], b->hash[i], b->cost[i]))
			return true;
	return false;
}

/* Add candidate w[0, n) (under 80 bytes) to the batch, its lookup begun,
 * and try the batch when it is full; true when a candidate stopped the
 * search. */
static bool queue(pl_speller *sp, cands *out, batch *b, const char *w, size_t n, int cost)
{
	memcpy(b->w[b->n], w, n);
	b->w[b->n][n] = '\0';
	b->len[b->n] = (uint8_t)n;
	b->cost[b->n] = (uint8_t)cost;
	b->hash[b->n] = 0;
	if (sp->main.idx) {
		b->hash[b->n] = pl_wordidx_hash(w, n);
		pl_wordidx_prefetch(sp->main.idx, b->hash[b->n]);
	}
	return ++b->n == BATCH && flush(sp, out, b);
}

/* Every word one edit from w (ASCII lowercase letters, at most 64), and
 * the commonest two-edit slip, two letters that should have been doubled
 * ("mispeled"). Costs rank what typists do: swapped and doubled letters
 * first, then neighbouring keys. Caller holds the lock when Hunspell
 * answers. */
static void edits(pl_speller *sp, const char *w, size_t n, cands *out)
{
	char c[80];
	size_t i, j;
	char ch;
	batch b;

	b.n = 0;

	for (i = 0; i + 1 < n; i++) { /* transposition */
		memcpy(c, w, n);
		c[n] = '\0';
		c[i] = w[i + 1];
		c[i + 1] = w[i];
		if (queue(sp, out, &b, c, n, 2))
			return;
	}
	for (i = 0; i < n; i++) { /* deletion: a doubled letter is cheap */
		memcpy(c, w, i);
		memcpy(c + i, w + i + 1, n - i - 1);
		c[n - 1] = '\0';
		if (n > 1 && queue(sp, out, &b, c, n - 1,
				 (i > 0 && w[i - 1] == w[i]) ? 2 : 4))
			return;
	}
	for (i = 0; i <= n; i++) { /* insertion: doubling a letter is cheap */
		memcpy(c, w, i);
		memcpy(c + i + 1, w + i, n - i);
		c[n + 1] = '\0';
		for (ch = 'a'; ch <= 'z'; ch++) {
			c[i] = ch;
			if (queue(sp, out, &b, c, n + 1,
				((i > 0 && w[i - 1] == ch) || (i < n && w[i] == ch)) ? 3 : 5))
				return;
		}
	}
	memcpy(c, w, n);
	c[n] = '\0';
	for (i = 0; i < n; i++) { /* substitution: a neighbouring key is cheap */
		char orig = c[i];
		for (ch = 'a'; ch <= 'z'; ch++) {
			if (ch == orig)
				continue;
			c[i] = ch;
			if (queue(sp, out, &b, c, n, adjacent(ch, orig) ? 3 : 6))
				return;
		}
		c[i] = orig;
	}
	for (i = 0; i + 1 < n; i++) { /* two letters doubled */
		for (j = i + 1; j < n && n + 2 < sizeof(c); j++) {
			size_t o = 0, k;
			for (k = 0; k < n; k++) {
				c[o++] = w[k];
				if (k == i || k == j)
					c[o++] = w[k];
			}
			c[o] = '\0';
			if (queue(sp, out, &b, c, o, 7))
				return;
		}
	}
	flush(sp, out, &b);
}

static bool plain_lower(const char *w, size_t n)
{
	size_t i;

	if (n < 2 || n > 64)
		return false;
	/* lowercase letters, and apostrophes inside ("these's") */
	for (i = 0; i < n; i++)
		if ((w[i] < 'a' || w[i] > 'z') && !(w[i] == '\'' && i > 0))
			return false;
	return true;
}

bool pl_speller_near(pl_speller *sp, const char *word, size_t len)
{
	const char *v;
	cands cs = { .n = 0, .first_only = true };
	bool yes;

	char buf[256];
	size_t n;

	if (len < 2 || len > 64 || !(n = pl_norm_apostrophe(word, len, buf, sizeof(buf))))
		return false;
	if (!plain_lower(buf, n))
		return true; /* not plain lowercase ASCII: no opinion, report */
	pl_lock(&sp->lock);
	if ((v = pl_wordlist_get(sp->near, buf, n))) {
		yes = v[0] == 'y';
		pthread_mutex_unlock(&sp->lock);
		return yes;
	}
	if (sp->main.idx) {
		/* the index is read-only: its hundreds of lookups (tens of
		 * microseconds) need no lock, and under it kept every other
		 * thread's new word waiting; two threads asking at once both
		 * work it out, to the same answer */
		pthread_mutex_unlock(&sp->lock);
		edits(sp, buf, n, &cs);
		pl_lock(&sp->lock);
	} else {
		edits(sp, buf, n, &cs);
	}
	yes = cs.n > 0;
	remember(&sp->near, buf, n, yes ? "y" : "n", 1);
	pthread_mutex_unlock(&sp->lock);
	return yes;
}

static int by_cost(const void *a, const void *b)
{
	const cand *x = a, *y = b;
	if (x->cost != y->cost)
		return x->cost - y->cost;
	return strcmp(x->w, y->w);
}

/* Charge w[0, n) to the budget: true when it was charged before or is
 * now, false when none is left. */
static bool charge(pl_budget *b, const char *w, size_t n)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		if (strlen(b->words[i]) == n && memcmp(b->words[i], w, n) == 0)
			return true;
	if (!b->left || b->n == PL_ARRAY_LEN(b->words) || n >= sizeof(b->words[0]))
		return false;
	b->left--;
	memcpy(b->words[b->n], w, n);
	b->words[b->n++][n] = '\0';
	return true;
}

/* The run's cache of suggestions holds a word's list after a mark: 'E'
 * when the list came from the index (free), 'H' when from Hunspell's
 * search, charged to the asking document's budget whether cached or not:
 * what a document is told depends on the document alone, not on what
 * other documents (other threads, a large file's other parts) asked
 * before it. */
size_t pl_speller_suggest(pl_speller *sp, const char *word, size_t len,
			  char **out, size_t max, pl_budget *budget)
{
	char buf[256], joined[1024];
	const char *cached, *p;
	size_t k = 0, o = 1, n, i;

	if (len > 64 || !(n = pl_norm_apostrophe(word, len, buf, sizeof(buf))))
		return 0;
	pl_lock(&sp->lock);
	if (!(cached = pl_wordlist_get(sp->sugg, buf, n))) {
		cands cs = { .n = 0, .first_only = false };
		/* the typist's slips, from the index: fast and well ranked */
		if (plain_lower(buf, n))
			edits(sp, buf, n, &cs);
		if (cs.n) {
			joined[0] = 'E';
			qsort(cs.v, cs.n, sizeof(cs.v[0]), by_cost);
			for (i = 0; i < cs.n && i < 8; i++) {
				size_t m = strlen(cs.v[i].w);
				memcpy(joined + o, cs.v[i].w, m);
				o += m;
				joined[o++] = '\n';
			}
		} else if (charge(budget, buf, n) && hunspell(&sp->main)) {
			/* Hunspell's search is slow (milliseconds a word) */
			char **list = NULL;
			int hn = hs.suggest(sp->main.h, &list, buf), hi;
			joined[0] = 'H';
			for (hi = 0; hi < hn && hi < 8; hi++) {
				size_t m = strlen(list[hi]);
				if (o + m + 2 > sizeof(joined))
					break;
				memcpy(joined + o, list[hi], m);
				o += m;
				joined[o++] = '\n';
			}
			if (list)
				hs.free_list(sp->main.h, &list, hn);
		} else {
			pthread_mutex_unlock(&sp->lock);
			return 0;
		}
		remember(&sp->sugg, buf, n, joined, o);
		cached = pl_wordlist_get(sp->sugg, buf, n);
	}
	if (cached && cached[0] == 'H' && !charge(budget, buf, n))
		cached = NULL;
	for (p = cached ? cached + 1 : NULL; p && *p && k < max;) {
		const char *nl = strchr(p, '\n');
		if (!nl)
			break;
		if ((out[k] = strndup(p, (size_t)(nl - p))))
			k++;
		p = nl + 1;
	}
	pthread_mutex_unlock(&sp->lock);
	return k;
}
