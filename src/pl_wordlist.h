/* pl_wordlist.h - word and phrase lists from dictionaries/ and rules/. */
#ifndef PL_WORDLIST_H
#define PL_WORDLIST_H

#include "pl_common.h"

typedef struct pl_wordlist pl_wordlist;

enum pl_wordlist_flags {
	PL_WL_FOLD = 1 << 0,  /* key is the lowercased line, value the line */
	PL_WL_ARROW = 1 << 1, /* lines are "key->value" */
	PL_WL_TRIM_PUNCT = 1 << 2, /* drop trailing : . … ! from keys */
};

/* How dictionaries/typos.txt is read ("adn->and", keys folded), by the
 * engine and by the tool that indexes it. */
#define PL_TYPO_LIST_FLAGS (PL_WL_ARROW | PL_WL_FOLD)

/** A new empty list. Caller frees with pl_wordlist_free. */
pl_wordlist *pl_wordlist_new(void);

/** The list made from `list_path` as it is now, answered from its index
 * at `idx_path` (pl_wordidx_build_list, run by `make`) instead of read and
 * hashed: a short article's run spent a fifth of its time loading the
 * lists of proper nouns and given names. *out is NULL (and 0 is returned)
 * when there is no such index; the caller then loads the list itself. The
 * index must have been built from the list read with the flags the caller
 * would load it with. Such a list takes no further entries. */
int pl_wordlist_open_index(pl_wordlist **out, const char *idx_path, const char *list_path);

/** Free a list. NULL is a no-op. */
void pl_wordlist_free(pl_wordlist *wl);

/** Add `key` with an optional `value` (NULL: none); both are copied. A key
 * already present keeps its first value. */
int pl_wordlist_put(pl_wordlist *wl, const char *key, size_t klen,
		    const char *value, size_t vlen);

/** The value stored for `key` ("" when it has none), or NULL when absent.
 * Borrowed from the list. */
const char *pl_wordlist_get(const pl_wordlist *wl, const char *key, size_t klen);

/** True when `w` is a key as written, or with its curly apostrophes
 * straightened (lists of words are stored straight). NULL: false. */
bool pl_wordlist_has_word(const pl_wordlist *wl, const char *w, size_t n);

/** Number of keys. */
size_t pl_wordlist_count(const pl_wordlist *wl);

/** Call `fn` for every key/value pair, in no particular order. */
void pl_wordlist_each(const pl_wordlist *wl,
		      void (*fn)(const char *key, const char *value, void *ud),
		      void *ud);

/** Read a list file: one entry a line, '#' comments and blank lines skipped,
 * white space trimmed. Errors carry "path:line". */
int pl_wordlist_load(pl_wordlist *wl, const char *path, unsigned flags);

/** The parts of the multi-word entries of `names` (keys folded, words
 * joined by single spaces), for looking up spans of words without folding
 * every span: every run of words that begins an entry ("new", "new york"
 * of "new york city") is put into `runs`, and every word after a first
 * one ("york", "city") into `later` (split at any byte a span's space
 * token may be, so that the answer holds whatever joins a span). A span
 * matches an entry or a run only if its last word is in `later`.
 * *max_words (if not NULL) gets the longest entry, in words (0: none). */
int pl_wordlist_phrase_parts(const pl_wordlist *names, pl_wordlist *runs,
			     pl_wordlist *later, size_t *max_words);

/** Lowercase `len` bytes of UTF-8 at `s` into `buf` (NUL-terminated), mapping
 * the curly apostrophe to "'". Returns the length written, or 0 when the
 * result would not fit in `size`. */
size_t pl_fold(const char *s, size_t len, char *buf, size_t size);

/** Like pl_fold, but keeps case: only maps the curly apostrophe to "'". */
size_t pl_norm_apostrophe(const char *s, size_t len, char *buf, size_t size);

#endif
