/* pl_common.h - small types and macros shared by every presslint module. */
#ifndef PL_COMMON_H
#define PL_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

/** Text as pointer + length; never assumed NUL-terminated. Borrowed. */
typedef struct pl_str {
	const char *ptr;
	size_t len;
} pl_str;

/** A half-open byte range [start, end) into a document's text. */
typedef struct pl_span {
	size_t start, end;
} pl_span;

#define PL_STR(lit) ((pl_str){ (lit), sizeof(lit) - 1 })

/* Error codes returned by fallible functions (0 is success). */
enum {
	PL_OK = 0,
	PL_ENOMEM = -1,
	PL_EIO = -2,
	PL_EINVAL = -3,
	PL_ENOTFOUND = -4,
};

/** Evaluate a fallible call; on error, store it in `err` and jump to `cleanup`. */
#define PL_CHECK(call)                                                         \
	do {                                                                   \
		if ((err = (call)) < 0)                                        \
			goto cleanup;                                          \
	} while (0)

#define PL_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/** Grow a dynamic array `ptr` with capacity `cap` to hold at least `need`
 * elements. Evaluates to 0 on success, PL_ENOMEM on failure. */
int pl_grow(void **ptr, size_t *cap, size_t need, size_t elem_size);
#define PL_GROW(ptr, cap, need)                                                \
	pl_grow((void **)&(ptr), &(cap), (need), sizeof(*(ptr)))

/** Give a dynamic array room for exactly `ncap` elements, more than its
 * `cap`: what pl_grow() does once it has chosen the size, for a caller
 * that knows how many it needs. 0, or PL_ENOMEM. */
int pl_resize(void **ptr, size_t *cap, size_t ncap, size_t elem_size);

#endif
