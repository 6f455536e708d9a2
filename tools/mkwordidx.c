/* mkwordidx - build presslint's word indexes: from a Hunspell dictionary's
 * word forms (the output of `unmunch`), from the typo list, or from a list
 * the engine reads folded (proper nouns, given names).
 *
 *   unmunch en_US.dic en_US.aff > words.txt
 *   mkwordidx words.txt en_US.dic en_US.aff en_US.idx
 *   mkwordidx --typos dictionaries/typos.txt dictionaries/index/typos.idx
 *   mkwordidx --folded dictionaries/proper-nouns.txt dictionaries/index/proper-nouns.idx */
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

int main(int argc, char **argv)
{
	int err;

	if (argc == 4 && strcmp(argv[1], "--typos") == 0) {
		err = list_index(argv[2], PL_TYPO_LIST_FLAGS, argv[3]);
	} else if (argc == 4 && strcmp(argv[1], "--folded") == 0) {
		err = list_index(argv[2], PL_WL_FOLD, argv[3]);
	} else if (argc == 5) {
		err = pl_wordidx_build(argv[1], argv[2], argv[3], argv[4]);
	} else {
		fputs("usage: mkwordidx WORDS DIC AFF OUT\n"
		      "       mkwordidx --typos LIST OUT\n"
		      "       mkwordidx --folded LIST OUT\n", stderr);
		return 2;
	}
	if (err < 0) {
		fprintf(stderr, "mkwordidx: %s\n", pl_error_last());
		return 1;
	}
	return 0;
}
