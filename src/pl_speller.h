/* pl_speller.h - is this word spelled right? A mapped word index answers,
 * with Hunspell behind it for what only Hunspell can say. */
#ifndef PL_SPELLER_H
#define PL_SPELLER_H

#include "pl_common.h"

typedef struct pl_speller pl_speller;

/** Find the Hunspell dictionary `lang` ("en_US") in $DICPATH or the system
 * folders and map its word index from `index_dir` (built by `make`, see
 * pl_wordidx.h); without an index Hunspell itself is loaded. Hunspell is
 * otherwise loaded only when a suggestion needs it. Caller frees with
 * pl_speller_free. When the dictionary is missing the error message lists
 * the dictionaries that are installed. Thread-safe once made. */
int pl_speller_new(pl_speller **out, const char *lang, const char *index_dir);

/** True when verdicts come from a word index rather than Hunspell. */
bool pl_speller_has_index(const pl_speller *sp);

/** Free. NULL is a no-op. */
void pl_speller_free(pl_speller *sp);

/** True when the dictionary accepts the word, with Hunspell's rules for
 * capitals (curly apostrophes are fine). */
bool pl_speller_check(pl_speller *sp, const char *word, size_t len);

/** Start loading what pl_speller_check() will read of the index for each
 * of words w[0, count) of n[] bytes (at most PL_SPELLER_WARM): their
 * entries, and a capitalized word's lowercase one. A run's new words
 * are asked of the index one by one, and each waits on a cache miss or
 * two; warmed together, the misses overlap. Changes nothing. */
#define PL_SPELLER_WARM 64
void pl_speller_warm(const pl_speller *sp, const char *const *w, const uint32_t *n,
		     size_t count);

/** True when the word is wrong in this dialect but right in the other
 * English one ("colour" under en_US). */
bool pl_speller_other_dialect(pl_speller *sp, const char *word, size_t len);

/** The other dialect's dictionary name ("en_GB"), or "". Borrowed. */
const char *pl_speller_other_name(const pl_speller *sp);

/** A document's ration of Hunspell's slow suggestion search: `left`
 * words, each charged once however often the document asks of it. Start
 * one with PL_BUDGET(n). */
typedef struct pl_budget {
	size_t left, n;
	char words[8][65]; /* the words charged, as searched */
} pl_budget;

#define PL_BUDGET(n) ((pl_budget){ .left = (n) })

/** Up to `max` suggestions, best first, into out[] as malloc'd strings the
 * caller frees. Returns how many. The typist's likely slips (swapped and
 * doubled letters, neighbouring keys) are looked up in the index; only a
 * word with none goes to Hunspell's slow search, which is charged to
 * *budget (none left: no suggestions). Lists are cached for the run, but a
 * word that needs the search is charged whether its list is cached or
 * not: a document is told the same alone or among others, in any order. */
size_t pl_speller_suggest(pl_speller *sp, const char *word, size_t len,
			  char **out, size_t max, pl_budget *budget);

/** True when a word one edit away (deletion, transposition, substitution,
 * insertion, or two letters doubled: "mispeled") is right: the mark of a
 * typo, where a coinage or a foreign word usually has no such neighbour.
 * Cached for the run. Words that are not lowercase ASCII letters (and
 * apostrophes) always answer true. */
bool pl_speller_near(pl_speller *sp, const char *word, size_t len);

/** Space-separated names of the installed dictionaries (static buffer). */
const char *pl_speller_installed(void);

#endif
