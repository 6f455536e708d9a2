/* pl_arena.h - a bump allocator: many small allocations, one free. */
#ifndef PL_ARENA_H
#define PL_ARENA_H

#include "pl_common.h"

typedef struct pl_arena pl_arena;

/** A new, empty arena. Caller frees with pl_arena_free. NULL on no memory. */
pl_arena *pl_arena_new(void);

/** Free the arena and everything allocated from it. NULL is a no-op. */
void pl_arena_free(pl_arena *a);

/** Move everything allocated from `from` into `into`, which then owns it,
 * and free `from`. */
void pl_arena_adopt(pl_arena *into, pl_arena *from);

/** Drop every allocation but keep the first block for reuse. */
void pl_arena_reset(pl_arena *a);

/** `n` bytes aligned for any type, owned by the arena. NULL on no memory. */
void *pl_arena_alloc(pl_arena *a, size_t n);

/** A NUL-terminated copy of `len` bytes at `s`, owned by the arena. */
char *pl_arena_strndup(pl_arena *a, const char *s, size_t len);

/** A printf-style formatted string owned by the arena. */
char *pl_arena_printf(pl_arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
