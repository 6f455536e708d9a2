/* mkwordidx - build presslint's word indexes: from a Hunspell dictionary's
 * word forms (the output of `unmunch`), from the typo list, or from a list
 * the engine reads folded (proper nouns, given names).
 *
 *   unmunch en_US.dic en_US.aff > words.txt
 *   mkwordidx words.txt en_US.dic en_US.aff en_US.idx
 *   mkwordidx --typos dictionaries/typos.txt dictionaries/index/typos.idx
 *   mkwordidx --folded dictionaries/proper-nouns.txt dictionaries/index/proper-nouns.idx
 *   mkwordidx --runs dictionaries/proper-nouns.txt dictionaries/index/proper-nouns-runs.idx
 *   mkwordidx --later dictionaries/proper-nouns.txt dictionaries/index/proper-nouns-later.idx
 *
 * The last two index the parts of the list's multi-word entries
 * (pl_wordlist_phrase_parts): the runs of words that begin one, and the
 * words after a first one. */
#include <stdio.h>
#include <string.h>

#include "pl_error.h"
#include "pl_wordidx.h"
#include "pl_wordlist.h"

/* A list, read as the engine reads it (`flags`), and its index written. */
static int list_index(const char *list, unsigned flags, const char *out)
{
	pl_wordlist *wl = pl_wordlist_new();
	int err;

	if (!wl)
		return pl_error_set(PL_ENOMEM, "out of memory");
	err = pl_wordlist_load(wl, list, flags);
	if (err == 0)
		err = pl_wordidx_build_list(wl, list, out);
	pl_wordlist_free(wl);
	return err;
}

/* One of the parts of a folded list's multi-word entries, indexed. */
static int parts_index(const char *list, bool runs, const char *out)
{
	pl_wordlist *wl = pl_wordlist_new(), *r = pl_wordlist_new(), *l = pl_wordlist_new();
	int err = PL_ENOMEM;

	if (wl && r && l && (err = pl_wordlist_load(wl, list, PL_WL_FOLD)) == 0 &&
	    (err = pl_wordlist_phrase_parts(wl, r, l, NULL)) == 0)
		err = pl_wordidx_build_list(runs ? r : l, list, out);
	else if (err == PL_ENOMEM)
		pl_error_set(PL_ENOMEM, "out of memory");
	pl_wordlist_free(wl);
	pl_wordlist_free(r);
	pl_wordlist_free(l);
	return err;
}

int main(int argc, char **argv)
{
	int err;

	if (argc == 4 && strcmp(argv[1], "--typos") == 0) {
		err = list_index(argv[2], PL_TYPO_LIST_FLAGS, argv[3]);
	} else if (argc == 4 && strcmp(argv[1], "--folded") == 0) {
		err = list_index(argv[2], PL_WL_FOLD, argv[3]);
	} else if (argc == 4 && (strcmp(argv[1], "--runs") == 0 || strcmp(argv[1], "--later") == 0)) {
		err = parts_index(argv[2], strcmp(argv[1], "--runs") == 0, argv[3]);
	} else if (argc == 5) {
		err = pl_wordidx_build(argv[1], argv[2], argv[3], argv[4]);
	} else {
		fputs("usage: mkwordidx WORDS DIC AFF OUT\n"
		      "       mkwordidx --typos LIST OUT\n"
		      "       mkwordidx --folded LIST OUT\n"
		      "       mkwordidx --runs LIST OUT\n"
		      "       mkwordidx --later LIST OUT\n", stderr);
		return 2;
	}
	if (err < 0) {
		fprintf(stderr, "mkwordidx: %s\n", pl_error_last());
		return 1;
	}
	return 0;
}
