/* pl_pages.h - large buffers in pages of their own, in huge pages where
 * the kernel gives them.
 *
 * The first touch of a page can cost more than the work done in it: on the
 * virtual machine this was measured on, a fresh 4 KB page took 12-15 us to
 * fault in (5 us even after MADV_POPULATE_WRITE had mapped it), a fresh
 * 2 MB huge page 0.16-0.3 ms, some 0.1 us for each 4 KB of it. Where the
 * kernel gives transparent huge pages to memory that asks for them
 * ("always" or "madvise" in /sys/kernel/mm/transparent_hugepage/enabled),
 * a buffer of 2 MB or more is mapped 2 MB-aligned and asks; a smaller one,
 * or one where the kernel gives none, is mapped in ordinary pages, faulted
 * in by the one call (MAP_POPULATE) rather than a trap a page in the loop
 * that first writes it. */
#ifndef PL_PAGES_H
#define PL_PAGES_H

#include "pl_common.h"

/** The system's page size (4096 if it will not say). Asked each time,
 * not kept: any thread may call it. */
size_t pl_pages_size(void);

/** Below this, pl_pages_alloc() is calloc(). */
#define PL_PAGES_MIN ((size_t)64 << 10)

/** The size of a huge page asked for: 2 MB. */
#define PL_PAGES_HUGE ((size_t)2 << 20)

/** Does this process map buffers of PL_PAGES_HUGE bytes and more in huge
 * pages? Asked of the kernel once (any thread may ask). */
bool pl_pages_huge(void);

/** For tests: answer `on` (0 or 1) from now on, or ask the kernel again
 * (-1). */
void pl_pages_set_huge(int on);

/** At least `bytes` of zeroed memory, or NULL. From PL_PAGES_MIN bytes up
 * a mapping of its own, page-aligned; from PL_PAGES_HUGE up, when
 * pl_pages_huge(), whole huge pages, aligned to one. Below PL_PAGES_MIN,
 * calloc's. *mapped is set to what pl_pages_free() is to be given with it
 * (0 for calloc's). */
void *pl_pages_alloc(size_t bytes, size_t *mapped);

/** Free what pl_pages_alloc() gave, with its *mapped. NULL is a no-op. */
void pl_pages_free(void *p, size_t mapped);

/** Map the pages of [p, p + n) in one call, when n is large (64 KB or
 * more) and the system can: fresh memory otherwise costs a page fault
 * for every 4 KB first written, and a fault is dear (on some virtual
 * machines over 10 us, where one call maps a page in under 1 us). For
 * memory about to be written; harmless where it is already mapped. */
void pl_prefault(void *p, size_t n);

#endif
