#include "pl_pages.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#ifdef MAP_POPULATE
#define POPULATE MAP_POPULATE
#else
#define POPULATE 0
#endif

/* -1: not asked yet; else 0 or 1. Threads that ask at once all get the
 * same answer, and store it. */
static int huge_state = -1;

/* Does the kernel give huge pages to memory that asks (MADV_HUGEPAGE)? */
static int ask_kernel(void)
{
#ifdef MADV_HUGEPAGE
	char buf[128];
	ssize_t n;
	int fd = open("/sys/kernel/mm/transparent_hugepage/enabled", O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	/* "always [madvise] never": the brackets mark the mode in force */
	return strstr(buf, "[always]") || strstr(buf, "[madvise]");
#else
	return 0;
#endif
}

bool pl_pages_huge(void)
{
	int on = __atomic_load_n(&huge_state, __ATOMIC_RELAXED);

	if (on < 0) {
		on = ask_kernel();
		__atomic_store_n(&huge_state, on, __ATOMIC_RELAXED);
	}
	return on;
}

void pl_pages_set_huge(int on)
{
	__atomic_store_n(&huge_state, on < 0 ? -1 : on != 0, __ATOMIC_RELAXED);
}

/* `bytes` rounded up to a whole number of `unit`s (a power of two); 0
 * when that does not fit. */
static size_t round_up(size_t bytes, size_t unit)
{
	return bytes > SIZE_MAX - unit ? 0 : (bytes + unit - 1) & ~(unit - 1);
}

/* `bytes` (whole huge pages) of fresh memory aligned to a huge page,
 * which it asks the kernel for, or NULL: mapped a huge page longer, the
 * ends cut off. */
static void *map_huge(size_t bytes)
{
#ifdef MADV_HUGEPAGE
	size_t span;
	char *p, *a;

	if (bytes > SIZE_MAX - PL_PAGES_HUGE)
		return NULL;
	span = bytes + PL_PAGES_HUGE;
	p = mmap(NULL, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	a = (char *)(((uintptr_t)p + PL_PAGES_HUGE - 1) & ~(uintptr_t)(PL_PAGES_HUGE - 1));
	if (a > p)
		munmap(p, (size_t)(a - p));
	if (p + span > a + bytes)
		munmap(a + bytes, (size_t)(p + span - (a + bytes)));
	/* only a wish: where no huge page is free at the first touch, the
	 * kernel maps ordinary ones */
	(void)madvise(a, bytes, MADV_HUGEPAGE);
	return a;
#else
	(void)bytes;
	return NULL;
#endif
}

size_t pl_pages_size(void)
{
	long page = sysconf(_SC_PAGESIZE);

	return page > 0 ? (size_t)page : 4096;
}

void *pl_pages_alloc(size_t bytes, size_t *mapped)
{
	size_t n;
	void *p;

	*mapped = 0;
	if (bytes < PL_PAGES_MIN)
		return calloc(1, bytes ? bytes : 1);
	if (bytes >= PL_PAGES_HUGE && pl_pages_huge()) {
		if (!(n = round_up(bytes, PL_PAGES_HUGE)) || !(p = map_huge(n)))
			return NULL;
	} else {
		if (!(n = round_up(bytes, pl_pages_size())))
			return NULL;
		/* faulted in by the one call */
		p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | POPULATE,
			 -1, 0);
		if (p == MAP_FAILED)
			return NULL;
	}
	*mapped = n;
	return p;
}

void pl_pages_free(void *p, size_t mapped)
{
	if (p && mapped)
		munmap(p, mapped);
	else
		free(p);
}

void pl_prefault(void *p, size_t n)
{
#ifdef MADV_POPULATE_WRITE
	uintptr_t page, from, to;

	/* pl_resize asks at every growth, most of them small */
	if (n < PL_PAGES_MIN)
		return;
	page = (uintptr_t)pl_pages_size();
	/* whole pages only: the part-pages at either end are shared with
	 * other allocations, and a fault or two is no matter */
	from = ((uintptr_t)p + page - 1) & ~(page - 1);
	to = ((uintptr_t)p + n) & ~(page - 1);
	if (to > from)
		(void)madvise((void *)from, to - from, MADV_POPULATE_WRITE);
#else
	(void)p;
	(void)n;
#endif
}
