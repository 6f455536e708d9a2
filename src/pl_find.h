/* pl_find.h - find a string in a text, as memmem does.
 *
 * A few rules ask whether a whole document (up to 4 MB, or a part of a
 * larger file) holds a string: the capitalization rules whether the story
 * writes a name its proper way ("United States"), the engine whether it
 * has a "presslint-" comment to obey. glibc's memmem goes over such a text at
 * 1-2 GB/s, and memchr for a byte as common as '-' stops at every hyphen.
 * Here the needle's first and last bytes are compared 32 places at a time
 * (AVX2, where the CPU has it): a place where both match is rare in prose,
 * and only there are the bytes between compared. */
#ifndef PL_FIND_H
#define PL_FIND_H

#include "pl_common.h"

/** The first place in text[0, len) that holds needle[0, n), or NULL: the
 * answer memmem(text, len, needle, n) gives. */
const char *pl_find(const char *text, size_t len, const char *needle, size_t n);

/** pl_find without the vector loop (memmem itself): the answer it must
 * give, for the tests, and what a CPU without AVX2 runs. */
const char *pl_find_scalar(const char *text, size_t len, const char *needle, size_t n);

#endif
