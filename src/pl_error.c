#include "pl_error.h"
#include "pl_common.h"
#include "pl_pages.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static _Thread_local char last[1024];

int pl_error_set(int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(last, sizeof(last), fmt, ap);
	va_end(ap);
	return code;
}

const char *pl_error_last(void)
{
	return last;
}

void pl_error_clear(void)
{
	last[0] = '\0';
}

int pl_grow(void **ptr, size_t *cap, size_t need, size_t elem_size)
{
	size_t ncap;

	if (need <= *cap)
		return PL_OK;
	ncap = *cap ? *cap : 16;
	while (ncap < need)
		ncap *= 2;
	return pl_resize(ptr, cap, ncap, elem_size);
}

int pl_resize(void **ptr, size_t *cap, size_t ncap, size_t elem_size)
{
	void *p = realloc(*ptr, ncap * elem_size);

	if (!p)
		return pl_error_set(PL_ENOMEM, "out of memory");
	pl_prefault((char *)p + *cap * elem_size, (ncap - *cap) * elem_size);
	*ptr = p;
	*cap = ncap;
	return PL_OK;
}
