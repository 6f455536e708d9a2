/* pl_wordidx.h - a precomputed, memory-mapped index of every word form a
 * Hunspell dictionary accepts.
 *
 * Hunspell takes ~100 ms to load its dictionary and microseconds a word to
 * answer. The forms its affix rules generate (`unmunch`: 174,000 for en_US)
 * fit in a 2.7 MB hash table that is mapped, not read: start-up costs nothing
 * and a lookup is one hash and one compare. On the Wikinews corpus its
 * verdicts equal Hunspell's for every one of 16,526 distinct words. The
 * index records the size and time of the .dic and .aff it was built from
 * and is ignored when they change. A bucket keeps 8 bits of its word's hash
 * beside a 24-bit offset, so the forms of one dictionary may take up to
 * 16 MB (en_GB's take 5.4 MB); pl_wordidx_build refuses more. */
#ifndef PL_WORDIDX_H
#define PL_WORDIDX_H

#include "pl_common.h"

typedef struct pl_wordidx pl_wordidx;

/** Build an index from a list of words (one a line, UTF-8) and write it to
 * `out_path`, stamped with the dictionary files it came from. */
int pl_wordidx_build(const char *words_path, const char *dic_path,
		     const char *aff_path, const char *out_path);

/** Map the index at `path` if it exists and matches `dic_path`/`aff_path`.
 * *out is NULL (and 0 is returned) when there is no usable index. */
int pl_wordidx_open(pl_wordidx **out, const char *path, const char *dic_path,
		    const char *aff_path);

/** Unmap. NULL is a no-op. */
void pl_wordidx_close(pl_wordidx *idx);

/** Is this exact form in the dictionary? */
bool pl_wordidx_has(const pl_wordidx *idx, const char *w, size_t n);

/* A caller with many words to look up can start loading where each will
 * be looked for, then ask: their cache misses overlap. */

/** The hash of w[0, n) that the lookups below take. */
uint32_t pl_wordidx_hash(const char *w, size_t n);

/** Start loading where the word of this hash is looked for; changes
 * nothing. */
void pl_wordidx_prefetch(const pl_wordidx *idx, uint32_t hash);

/** Start loading the entry of the word of this hash, once its bucket has
 * come (this reads the bucket: ask it a while after pl_wordidx_prefetch);
 * changes nothing. */
void pl_wordidx_prefetch_entry(const pl_wordidx *idx, uint32_t hash);

/** The hashes of what pl_wordidx_accepts() looks up first for w[0, n),
 * into h[0..1]; returns how many: w itself and, for a word of up to 64
 * bytes with an ASCII capital first ("Apple"), w with its ASCII capitals
 * made lowercase ("apple"), as its case rules try next. */
size_t pl_wordidx_first_hashes(const char *w, size_t n, uint32_t h[2]);

/** pl_wordidx_has(), given the word's pl_wordidx_hash(). */
bool pl_wordidx_has_hashed(const pl_wordidx *idx, const char *w, size_t n, uint32_t hash);

/** Hunspell's case rules on top of exact lookup: a capitalized word is
 * right when its lowercase-initial form is ("Apple" from "apple"), an
 * all-capitals word when its capitalized or lowercase form is. */
bool pl_wordidx_accepts(const pl_wordidx *idx, const char *w, size_t n);

/* A list's index: a pl_wordlist's keys, each with its value, in the same
 * format with the values beside the keys. The typo list (40,000 entries)
 * took a quarter of a short article's run to read and hash at every
 * start; mapped, a run reads only the pages its look-ups touch. The index
 * is stamped with the list file it was built from and is ignored when
 * that file changes. */

struct pl_wordlist;

/** Write an index of `wl`'s keys and values to `out_path`, stamped with
 * `list_path` (the file `wl` was loaded from). */
int pl_wordidx_build_list(const struct pl_wordlist *wl, const char *list_path,
			  const char *out_path);

/** Map the list index at `path` if it exists and was built from
 * `list_path` as it is now; *out is NULL (and 0 is returned) otherwise. */
int pl_wordidx_open_list(pl_wordidx **out, const char *path, const char *list_path);

/** The value stored for `key` in a list index (NUL-terminated, "" when it
 * has none), or NULL when the key is absent. Borrowed from the mapping. */
const char *pl_wordidx_get(const pl_wordidx *idx, const char *key, size_t n);

/** The number of entries an index holds (0 for NULL). */
size_t pl_wordidx_count(const pl_wordidx *idx);

/** Call fn for each entry: its key (not NUL-terminated) and length, and its
 * value ("" in a dictionary's index), borrowed from the mapping. In no
 * particular order. */
void pl_wordidx_each(const pl_wordidx *idx,
		     void (*fn)(const char *key, size_t klen, const char *value, void *ud),
		     void *ud);

#endif
