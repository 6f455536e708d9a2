/* mkwordidx - build presslint's word indexes: from a Hunspell dictionary's
 * word forms (the output of `unmunch`), or from the typo list.
 *
 *   unmunch en_US.dic en_US.aff > words.txt
 *   mkwordidx words.txt en_US.dic en_US.aff en_US.idx
 *   mkwordidx --typos dictionaries/typos.txt dictionaries/index/typos.idx */
#include <stdio.h>
#include <string.h>

#include "pl_error.h"
#include "pl_wordidx.h"
#include "pl_wordlist.h"

/* The typo list, read as the engine reads it, and its index written. */
static int typos(const char *list, const char *out)
{
	pl_wordlist *wl = pl_wordlist_new();
	int err;

	if (!wl)
		return pl_error_set(PL_ENOMEM, "out of memory");
	err = pl_wordlist_load(wl, list, PL_TYPO_LIST_FLAGS);
	if (err == 0)
		err = pl_wordidx_build_list(wl, list, out);
	pl_wordlist_free(wl);
	return err;
}

int main(int argc, char **argv)
{
	int err;

	if (argc == 4 && strcmp(argv[1], "--typos") == 0) {
		err = typos(argv[2], argv[3]);
	} else if (argc == 5) {
		err = pl_wordidx_build(argv[1], argv[2], argv[3], argv[4]);
	} else {
		fputs("usage: mkwordidx WORDS DIC AFF OUT\n"
		      "       mkwordidx --typos LIST OUT\n", stderr);
		return 2;
	}
	if (err < 0) {
		fprintf(stderr, "mkwordidx: %s\n", pl_error_last());
		return 1;
	}
	return 0;
}
