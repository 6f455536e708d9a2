/* pl_check.h - the rule families. Each walks the document's shared token
 * stream (or its text, for pattern rules) and reports through pl_doc_report. */
#ifndef PL_CHECK_H
#define PL_CHECK_H

#include "pl_doc.h"

/** encoding.*: invalid UTF-8 and NUL bytes found at load time. */
void pl_check_encoding(pl_doc *doc);

/** spacing.*: missing space after punctuation, space before it, doubles. */
void pl_check_spacing(pl_doc *doc);

/** spelling.* and artifact.glued-words: Hunspell, known typos, run-together
 * words. */
void pl_check_spelling(pl_doc *doc);

/** spelling.name-variant: an unknown name spelled two ways ("Plotnikov" /
 * "Plotnikow"). */
void pl_check_names(pl_doc *doc);

/** capitalization.*: sentence starts, proper nouns, names written two ways,
 * Title Case headings. */
void pl_check_case(pl_doc *doc);

/** artifact.*: boilerplate lines, doubled words, mojibake, duplicated
 * paragraphs. */
void pl_check_artifacts(pl_doc *doc);

/** The boilerplate list in brief (pl_check_artifacts.c), for
 * pl_resources.boilerplate_brief: made once a run, not for every file.
 * NULL on no memory. Free with pl_bp_filter_free (NULL is a no-op). */
struct pl_bp_filter *pl_bp_filter_new(const pl_wordlist *boilerplate);
void pl_bp_filter_free(struct pl_bp_filter *f);

/** Rules compiled from rules/ *.rules pattern files (pl_patterns.c). */
void pl_check_patterns(pl_doc *doc);

/** Helpers shared by the families. */

/** The length of w without a possessive "'s" or "’s" ("Russia’s" ->
 * "Russia"); n when there is none. */
size_t pl_strip_possessive(const char *w, size_t n);

/** True when the word has no letters that are not lowercase. */
bool pl_word_is_lower(const char *s, size_t len);

/** Copy `len` bytes of `s` into buf with the first letter uppercased. */
size_t pl_capitalize(const char *s, size_t len, char *buf, size_t size);

/** Copy `repl` into buf, in the casing pattern of `like` (lower, Capitalized,
 * or UPPER). */
size_t pl_match_case(const char *like, size_t like_len, const char *repl,
		     size_t repl_len, char *buf, size_t size);

#endif
