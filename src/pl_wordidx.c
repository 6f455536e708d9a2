#include "pl_wordidx.h"
#include "pl_error.h"
#include "pl_token.h"
#include "pl_wordlist.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>

#define MAGIC "PLWIDX2"

/* File layout (native endianness: the index is built where it is used):
 * header, uint32 buckets[nbuckets], pool of entries (uint8 length, bytes).
 * A bucket is 0 when empty, else its entry's pool offset + 1 in the low
 * 24 bits and the top 8 bits of the word's hash above them: a probe that
 * meets another word's bucket passes over it without reading the pool,
 * so a word the dictionary lacks (most of what spelling suggestions try)
 * costs one cache miss, not one a probe. */
#define OFFSET_BITS 24
#define OFFSET_MASK ((1u << OFFSET_BITS) - 1)

static uint32_t tag(uint32_t h)
{
	return h & ~OFFSET_MASK;
}
/* A list's index (pl_wordidx_build_list) has this flag, its list file's
 * stamp where a dictionary's index has the .dic's, zeros for the .aff's,
 * and a NUL-terminated value after each entry's key. */
#define HAS_VALUES 1u

typedef struct header {
	char magic[8];
	uint64_t dic_size, dic_mtime, aff_size, aff_mtime;
	uint32_t nbuckets, nwords, pool_size, flags;
} header;

struct pl_wordidx {
	void *map;
	size_t map_size;
	const uint32_t *buckets;
	uint32_t mask;
	const unsigned char *pool;
	uint32_t pool_size;
	uint32_t nwords;
	bool values;
};

static uint32_t hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h ^ (h >> 15);
}

static int stamp(const char *path, uint64_t *size, uint64_t *mtime)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return pl_error_set(PL_EIO, "%s: %s", path, strerror(errno));
	*size = (uint64_t)st.st_size;
	*mtime = (uint64_t)st.st_mtime;
	return PL_OK;
}

/* The bytes of the pool entry at `e`: its length byte, its key and, in a
 * list's index, its value and the value's NUL. */
static size_t entry_size(const unsigned char *e, bool values)
{
	return 1u + e[0] + (values ? strlen((const char *)e + 1 + e[0]) + 1 : 0);
}

/* Hash the pool's entries into buckets (at least one and a half times as
 * many as entries, a power of two; the first of equal keys wins) and write
 * header, buckets and pool to `out_path`, by way of a temporary file
 * renamed over it. With twice as many, en_US's buckets took 2 MB for its
 * 173,795 forms (a third full); now 1 MB (two thirds full): a short run
 * touches half the pages for them, and a probe that meets another word's
 * bucket passes over it by its hash bits, in the same cache line mostly
 * (the 5 KB article 3% faster, start to exit, the corpus's first copy 1.6%,
 * many files the same). */
static int write_index(header *h, const unsigned char *pool, const char *out_path)
{
	bool values = h->flags & HAS_VALUES;
	char tmp[4096];
	uint32_t *buckets;
	FILE *out;
	size_t i;
	int err = 0;

	for (h->nbuckets = 1024; h->nbuckets < h->nwords + h->nwords / 2; h->nbuckets *= 2)
		;
	if (!(buckets = calloc(h->nbuckets, sizeof(*buckets))))
		return pl_error_set(PL_ENOMEM, "out of memory");
	for (i = 0; i < h->pool_size; i += entry_size(pool + i, values)) {
		const char *w = (const char *)pool + i + 1;
		uint32_t hw = hash(w, pool[i]), b = hw & (h->nbuckets - 1);
		bool dup = false;
		while (buckets[b]) {
			const unsigned char *e = pool + (buckets[b] & OFFSET_MASK) - 1;
			if (e[0] == pool[i] && memcmp(e + 1, w, pool[i]) == 0) {
				dup = true;
				break;
			}
			b = (b + 1) & (h->nbuckets - 1);
		}
		if (!dup)
			buckets[b] = tag(hw) | ((uint32_t)i + 1);
	}
	snprintf(tmp, sizeof(tmp), "%s.tmp", out_path);
	if (!(out = fopen(tmp, "wb"))) {
		err = pl_error_set(PL_EIO, "%s: %s", tmp, strerror(errno));
	} else if (fwrite(h, sizeof(*h), 1, out) != 1 ||
		   fwrite(buckets, sizeof(*buckets), h->nbuckets, out) != h->nbuckets ||
		   fwrite(pool, 1, h->pool_size, out) != h->pool_size) {
		fclose(out);
		err = pl_error_set(PL_EIO, "%s: write failed", tmp);
	} else if (fclose(out) != 0) {
		err = pl_error_set(PL_EIO, "%s: write failed", tmp);
	} else if (rename(tmp, out_path) < 0) {
		err = pl_error_set(PL_EIO, "%s: %s", out_path, strerror(errno));
	}
	free(buckets);
	return err;
}

int pl_wordidx_build(const char *words_path, const char *dic_path,
		     const char *aff_path, const char *out_path)
{
	FILE *in = fopen(words_path, "r");
	char *line = NULL, tmp[4096];
	size_t cap = 0, pool_cap = 0, i;
	ssize_t got;
	unsigned char *pool = NULL;
	header h;
	int err = 0;

	memset(&h, 0, sizeof(h));
	memcpy(h.magic, MAGIC, sizeof(h.magic));
	if (!in)
		return pl_error_set(PL_EIO, "%s: %s", words_path, strerror(errno));
	PL_CHECK(stamp(dic_path, &h.dic_size, &h.dic_mtime));
	PL_CHECK(stamp(aff_path, &h.aff_size, &h.aff_mtime));
	/* pool first; buckets once the count is known */
	while ((got = getline(&line, &cap, in)) >= 0) {
		size_t n = (size_t)got;
		while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			n--;
		/* unmunch writes "word/flags" for a few entries, and passes on
		 * a .dic line's morphological fields after a tab ("modi\tmodi
		 * vivendi" in en_GB): the word ends at either */
		for (i = 0; i < n; i++)
			if (line[i] == '/' || line[i] == '\t') {
				n = i;
				break;
			}
		if (!n || n > 255)
			continue;
		n = pl_norm_apostrophe(line, n, tmp, sizeof(tmp));
		if (!n)
			continue;
		if (h.pool_size + n + 1 >= OFFSET_MASK) {
			err = pl_error_set(PL_EINVAL, "%s: too many words for an index",
					   words_path);
			goto cleanup;
		}
		PL_CHECK(PL_GROW(pool, pool_cap, h.pool_size + n + 1));
		pool[h.pool_size] = (unsigned char)n;
		memcpy(pool + h.pool_size + 1, tmp, n);
		h.pool_size += (uint32_t)n + 1;
		h.nwords++;
	}
	err = write_index(&h, pool, out_path);
cleanup:
	free(line);
	free(pool);
	fclose(in);
	return err;
}

/* Key and value of a list being indexed, added to the pool. */
typedef struct list_pool {
	unsigned char *v;
	size_t cap;
	header *h;
	int err;
} list_pool;

static void add_entry(const char *key, const char *value, void *ud)
{
	list_pool *lp = ud;
	size_t k = strlen(key), n = strlen(value);

	if (lp->err)
		return;
	if (!k || k > 255) {
		lp->err = pl_error_set(PL_EINVAL, "key '%.40s' does not fit an index", key);
		return;
	}
	if (lp->h->pool_size + 1 + k + n + 1 >= OFFSET_MASK) {
		lp->err = pl_error_set(PL_EINVAL, "too many entries for an index");
		return;
	}
	if ((lp->err = PL_GROW(lp->v, lp->cap, lp->h->pool_size + 1 + k + n + 1)) < 0)
		return;
	lp->v[lp->h->pool_size] = (unsigned char)k;
	memcpy(lp->v + lp->h->pool_size + 1, key, k);
	memcpy(lp->v + lp->h->pool_size + 1 + k, value, n + 1);
	lp->h->pool_size += (uint32_t)(1 + k + n + 1);
	lp->h->nwords++;
}

int pl_wordidx_build_list(const pl_wordlist *wl, const char *list_path,
			  const char *out_path)
{
	header h;
	list_pool lp = { NULL, 0, &h, 0 };
	int err;

	memset(&h, 0, sizeof(h));
	memcpy(h.magic, MAGIC, sizeof(h.magic));
	h.flags = HAS_VALUES;
	if ((err = stamp(list_path, &h.dic_size, &h.dic_mtime)) < 0)
		return err;
	pl_wordlist_each(wl, add_entry, &lp);
	err = lp.err < 0 ? lp.err : write_index(&h, lp.v, out_path);
	free(lp.v);
	return err;
}

/* Map the index at `path` when it is sound and `fits` says its header
 * matches what it was built from; *out stays NULL otherwise. */
static int open_index(pl_wordidx **out, const char *path,
		      bool (*fits)(const header *h, const void *ud), const void *ud)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	pl_wordidx *idx;
	const header *h;
	void *map;

	*out = NULL;
	if (fd < 0)
		return PL_OK; /* no index: the caller has another way */
	if (fstat(fd, &st) < 0 || (size_t)st.st_size < sizeof(header)) {
		close(fd);
		return PL_OK;
	}
	map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (map == MAP_FAILED)
		return PL_OK;
	h = map;
	if (memcmp(h->magic, MAGIC, sizeof(h->magic)) != 0 || !fits(h, ud) ||
	    !h->nbuckets || (h->nbuckets & (h->nbuckets - 1)) ||
	    sizeof(header) + (uint64_t)h->nbuckets * 4 + h->pool_size !=
		    (uint64_t)st.st_size ||
	    !(idx = calloc(1, sizeof(*idx)))) {
		munmap(map, (size_t)st.st_size); /* stale or foreign: ignore it */
		return PL_OK;
	}
	idx->map = map;
	idx->map_size = (size_t)st.st_size;
	idx->buckets = (const uint32_t *)((const char *)map + sizeof(header));
	idx->mask = h->nbuckets - 1;
	idx->pool = (const unsigned char *)(idx->buckets + h->nbuckets);
	idx->pool_size = h->pool_size;
	idx->values = h->flags & HAS_VALUES;
	idx->nwords = h->nwords;
	*out = idx;
	return PL_OK;
}

/* The .dic and .aff an index was built from, as they are now. */
typedef struct dict_files {
	const char *dic, *aff;
} dict_files;

static bool fits_dict(const header *h, const void *ud)
{
	const dict_files *f = ud;
	uint64_t ds, dm, as, am;

	return !(h->flags & HAS_VALUES) && stamp(f->dic, &ds, &dm) == 0 &&
	       stamp(f->aff, &as, &am) == 0 && ds == h->dic_size &&
	       dm == h->dic_mtime && as == h->aff_size && am == h->aff_mtime;
}

static bool fits_list(const header *h, const void *ud)
{
	uint64_t size, mtime;

	return (h->flags & HAS_VALUES) && stamp(ud, &size, &mtime) == 0 &&
	       size == h->dic_size && mtime == h->dic_mtime && !h->aff_size &&
	       !h->aff_mtime;
}

int pl_wordidx_open(pl_wordidx **out, const char *path, const char *dic_path,
		    const char *aff_path)
{
	dict_files f = { dic_path, aff_path };

	return open_index(out, path, fits_dict, &f);
}

int pl_wordidx_open_list(pl_wordidx **out, const char *path, const char *list_path)
{
	return open_index(out, path, fits_list, list_path);
}

void pl_wordidx_close(pl_wordidx *idx)
{
	if (!idx)
		return;
	munmap(idx->map, idx->map_size);
	free(idx);
}

/* The pool entry of key w[0, n), of hash h, or NULL. */
static const unsigned char *find_hashed(const pl_wordidx *idx, const char *w, size_t n,
					uint32_t h)
{
	uint32_t b, e, probes;

	if (!n || n > 255)
		return NULL;
	/* a sound index has empty buckets; a damaged one may not */
	for (b = h & idx->mask, probes = 0; (e = idx->buckets[b]) != 0 && probes <= idx->mask;
	     b = (b + 1) & idx->mask, probes++) {
		const unsigned char *p;
		if (tag(e) != tag(h))
			continue;
		e &= OFFSET_MASK;
		if (!e || e > idx->pool_size || idx->pool_size - (e - 1) < n + 1)
			return NULL; /* a damaged file: say nothing is known */
		p = idx->pool + e - 1;
		if (p[0] == n && memcmp(p + 1, w, n) == 0)
			return p;
	}
	return NULL;
}

static const unsigned char *find(const pl_wordidx *idx, const char *w, size_t n)
{
	return find_hashed(idx, w, n, hash(w, n));
}

bool pl_wordidx_has(const pl_wordidx *idx, const char *w, size_t n)
{
	return find(idx, w, n) != NULL;
}

uint32_t pl_wordidx_hash(const char *w, size_t n)
{
	return hash(w, n);
}

void pl_wordidx_prefetch(const pl_wordidx *idx, uint32_t h)
{
	__builtin_prefetch(&idx->buckets[h & idx->mask]);
}

void pl_wordidx_prefetch_entry(const pl_wordidx *idx, uint32_t h)
{
	uint32_t e = idx->buckets[h & idx->mask];

	/* the first bucket only: most words are found there, or not at all */
	if (e && tag(e) == tag(h) && (e & OFFSET_MASK) <= idx->pool_size)
		__builtin_prefetch(idx->pool + (e & OFFSET_MASK) - 1);
}

/* w[0, n) with its ASCII capitals made lowercase, into buf[0, n) */
static void lower_ascii(const char *w, size_t n, char *buf)
{
	size_t i;

	for (i = 0; i < n; i++)
		buf[i] = (char)(w[i] >= 'A' && w[i] <= 'Z' ? w[i] | 0x20 : w[i]);
}

size_t pl_wordidx_first_hashes(const char *w, size_t n, uint32_t h[2])
{
	char low[64];

	h[0] = hash(w, n);
	if (!n || w[0] < 'A' || w[0] > 'Z' || n > sizeof(low))
		return 1;
	lower_ascii(w, n, low);
	h[1] = hash(low, n);
	return 2;
}

bool pl_wordidx_has_hashed(const pl_wordidx *idx, const char *w, size_t n, uint32_t h)
{
	return find_hashed(idx, w, n, h) != NULL;
}

const char *pl_wordidx_get(const pl_wordidx *idx, const char *key, size_t n)
{
	const unsigned char *p = idx->values ? find(idx, key, n) : NULL, *v;

	if (!p)
		return NULL;
	v = p + 1 + n;
	/* a damaged file's value might run past the pool */
	if (!memchr(v, 0, (size_t)(idx->pool + idx->pool_size - v)))
		return NULL;
	return (const char *)v;
}

size_t pl_wordidx_count(const pl_wordidx *idx)
{
	return idx ? idx->nwords : 0;
}

void pl_wordidx_each(const pl_wordidx *idx,
		     void (*fn)(const char *key, size_t klen, const char *value, void *ud),
		     void *ud)
{
	uint32_t b, off;
	const unsigned char *e, *v;

	/* by bucket, so that a key the pool holds twice (a dictionary's
	 * words may repeat: the first wins) is given once */
	for (b = 0; idx && b <= idx->mask; b++) {
		if (!idx->buckets[b])
			continue;
		off = (idx->buckets[b] & OFFSET_MASK) - 1;
		/* a damaged file's key or value might run past the pool */
		if (off >= idx->pool_size ||
		    (uint64_t)off + 1u + idx->pool[off] + idx->values > idx->pool_size)
			continue;
		e = idx->pool + off;
		v = e + 1 + e[0];
		if (idx->values && !memchr(v, 0, (size_t)(idx->pool + idx->pool_size - v)))
			continue;
		fn((const char *)e + 1, e[0], idx->values ? (const char *)v : "", ud);
	}
}

/* Re-case w into buf: first letter kept (or lowered), the rest lowered. */
static size_t recase(const char *w, size_t n, bool keep_first, char *buf,
		     size_t size)
{
	size_t i = 0, o = 0;
	int32_t cp;

	while (i < n) {
		char tmp[4];
		size_t m;
		bool first = i == 0;
		i += pl_utf8_decode(w, n, i, &cp);
		if (!(first && keep_first))
			cp = utf8proc_tolower(cp);
		m = pl_utf8_encode(cp, tmp);
		if (o + m >= size)
			return 0;
		memcpy(buf + o, tmp, m);
		o += m;
	}
	return o;
}

/* pl_wordidx_accepts for w[0, n) all ASCII, past its first lookup: the same
 * answers without decoding or Unicode's tables (most capitalized words a
 * dictionary lacks as written are ASCII: names, and words that start a
 * sentence). */
static bool accepts_ascii(const pl_wordidx *idx, const char *w, size_t n)
{
	char buf[1024];
	size_t i, letters = 0, upper = 0;

	/* recase() leaves no room for a word this long */
	if (!n || w[0] < 'A' || w[0] > 'Z' || n >= sizeof(buf))
		return false;
	for (i = 0; i < n; i++) {
		if (w[i] >= 'A' && w[i] <= 'Z')
			upper++;
		else if (w[i] < 'a' || w[i] > 'z')
			continue;
		letters++;
	}
	/* "Apple": the dictionary's "apple" */
	lower_ascii(w, n, buf);
	if ((upper == 1 || upper == letters) && pl_wordidx_has(idx, buf, n))
		return true;
	/* "BEIJING": the dictionary's "Beijing" */
	buf[0] = w[0];
	return upper == letters && letters > 1 && pl_wordidx_has(idx, buf, n);
}

bool pl_wordidx_accepts(const pl_wordidx *idx, const char *w, size_t n)
{
	char buf[1024];
	size_t i = 0, k, letters = 0, upper = 0;
	int32_t cp, first = 0;

	if (pl_wordidx_has(idx, w, n))
		return true;
	for (i = 0; i < n && !((unsigned char)w[i] & 0x80); i++)
		;
	if (i == n)
		return accepts_ascii(idx, w, n);
	i = 0;
	while (i < n) {
		i += pl_utf8_decode(w, n, i, &cp);
		if (!first)
			first = cp;
		if (pl_is_letter(cp)) {
			letters++;
			if (utf8proc_isupper(cp))
				upper++;
		}
	}
	if (!utf8proc_isupper(first))
		return false;
	/* "Apple": the dictionary's "apple" */
	if ((k = recase(w, n, false, buf, sizeof(buf))) &&
	    (upper == 1 || upper == letters) && pl_wordidx_has(idx, buf, k))
		return true;
	/* "BEIJING": the dictionary's "Beijing" */
	if (upper == letters && letters > 1 &&
	    (k = recase(w, n, true, buf, sizeof(buf))) && pl_wordidx_has(idx, buf, k))
		return true;
	return false;
}
