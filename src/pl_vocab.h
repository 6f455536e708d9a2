/* pl_vocab.h - a content repository's own vocabulary.
 *
 * Beside its articles a repository keeps `.presslint-accept.txt` (words and
 * names that are spelled right: one a line) and `.presslint-reject.txt`
 * (words or phrases to report wherever they appear). Every such file in the
 * checked file's folder and the folders above it applies. */
#ifndef PL_VOCAB_H
#define PL_VOCAB_H

#include "pl_wordlist.h"

typedef struct pl_vocab pl_vocab;
typedef struct pl_vocab_cache pl_vocab_cache;

/** A cache of the vocabularies of the folders seen in a run. Caller frees
 * with pl_vocab_cache_free. */
pl_vocab_cache *pl_vocab_cache_new(void);

/** Free the cache and every vocabulary in it. NULL is a no-op. */
void pl_vocab_cache_free(pl_vocab_cache *c);

/** Set the run's own accept lists and reject list (from a configuration
 * file): they apply to every file, below every folder's own. Call before
 * any pl_vocab_for. */
int pl_vocab_cache_root(pl_vocab_cache *c, const char *const *accept, size_t na,
			const char *reject);

/** The vocabulary that applies to `path` ("-" or "<stdin>": the current
 * folder), or NULL when no file applies. Borrowed from the cache. A file
 * that cannot be read is an error (PL_EIO/PL_EINVAL, message set). */
int pl_vocab_for(const pl_vocab **out, pl_vocab_cache *c, const char *path);

/** True when a vocabulary accepts the word: an exact entry, or a lowercase
 * entry for a capitalized word ("ebay" accepts "Ebay", not the reverse). */
bool pl_vocab_accepts(const pl_vocab *v, const char *w, size_t n);

/** Call `fn` for each occurrence of a rejected word or phrase in text
 * (whole words, case-insensitive), innermost folder's list first. */
void pl_vocab_each_rejected(const pl_vocab *v, const char *text, size_t len,
			    size_t from,
			    void (*fn)(size_t start, size_t end, const char *entry,
				       void *ud),
			    void *ud);

#endif
