#include "pl_arena.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK_SIZE 16384

typedef struct block {
	struct block *next;
	size_t used, size;
	max_align_t data[];
} block;

struct pl_arena {
	block *head;
};

static block *block_new(size_t size, block *next)
{
	block *b = malloc(sizeof(block) + size);
	if (!b)
		return NULL;
	b->next = next;
	b->used = 0;
	b->size = size;
	return b;
}

pl_arena *pl_arena_new(void)
{
	return calloc(1, sizeof(pl_arena));
}

void pl_arena_free(pl_arena *a)
{
	block *b, *next;

	if (!a)
		return;
	for (b = a->head; b; b = next) {
		next = b->next;
		free(b);
	}
	free(a);
}

void pl_arena_adopt(pl_arena *into, pl_arena *from)
{
	block *last;

	if (!from)
		return;
	if (from->head) {
		/* behind `into`'s current block, which allocation goes on in */
		for (last = from->head; last->next; last = last->next)
			;
		if (into->head) {
			last->next = into->head->next;
			into->head->next = from->head;
		} else {
			into->head = from->head;
		}
	}
	free(from);
}

void pl_arena_reset(pl_arena *a)
{
	block *b, *next;

	if (!a || !a->head)
		return;
	for (b = a->head->next; b; b = next) {
		next = b->next;
		free(b);
	}
	a->head->next = NULL;
	a->head->used = 0;
}

void *pl_arena_alloc(pl_arena *a, size_t n)
{
	const size_t align = sizeof(max_align_t);
	block *b = a->head;
	void *p;

	n = (n + align - 1) / align * align;
	if (!b || b->size - b->used < n) {
		size_t size = n > BLOCK_SIZE ? n : BLOCK_SIZE;
		b = block_new(size, a->head);
		if (!b)
			return NULL;
		a->head = b;
	}
	p = (char *)b->data + b->used;
	b->used += n;
	return p;
}

char *pl_arena_strndup(pl_arena *a, const char *s, size_t len)
{
	char *p = pl_arena_alloc(a, len + 1);
	if (!p)
		return NULL;
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *pl_arena_printf(pl_arena *a, const char *fmt, ...)
{
	va_list ap, ap2;
	int n;
	char *p;

	va_start(ap, fmt);
	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !(p = pl_arena_alloc(a, (size_t)n + 1))) {
		va_end(ap2);
		return NULL;
	}
	vsnprintf(p, (size_t)n + 1, fmt, ap2);
	va_end(ap2);
	return p;
}
