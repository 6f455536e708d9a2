/* mkwordidx - build presslint's word index from a Hunspell dictionary's
 * word forms (the output of `unmunch`).
 *
 *   unmunch en_US.dic en_US.aff > words.txt
 *   mkwordidx words.txt en_US.dic en_US.aff en_US.idx */
#include <stdio.h>

#include "pl_error.h"
#include "pl_wordidx.h"

int main(int argc, char **argv)
{
	if (argc != 5) {
		fputs("usage: mkwordidx WORDS DIC AFF OUT\n", stderr);
		return 2;
	}
	if (pl_wordidx_build(argv[1], argv[2], argv[3], argv[4]) < 0) {
		fprintf(stderr, "mkwordidx: %s\n", pl_error_last());
		return 1;
	}
	return 0;
}
