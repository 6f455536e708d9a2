#include "pl_wordlist.h"
#include "pl_arena.h"
#include "pl_error.h"
#include "pl_token.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

typedef struct slot {
	const char *key, *value;
	uint32_t klen, hash;
} slot;

struct pl_wordlist {
	slot *slots;
	size_t cap, n;
	pl_arena *arena;
};

static uint32_t hash_bytes(const char *s, size_t n)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

pl_wordlist *pl_wordlist_new(void)
{
	pl_wordlist *wl = calloc(1, sizeof(*wl));

	if (!wl || !(wl->arena = pl_arena_new())) {
		free(wl);
		return NULL;
	}
	return wl;
}

void pl_wordlist_free(pl_wordlist *wl)
{
	if (!wl)
		return;
	free(wl->slots);
	pl_arena_free(wl->arena);
	free(wl);
}

static slot *lookup(const pl_wordlist *wl, const char *key, size_t klen,
		    uint32_t h)
{
	size_t i;

	if (!wl->cap)
		return NULL;
	for (i = h & (wl->cap - 1);; i = (i + 1) & (wl->cap - 1)) {
		slot *s = &wl->slots[i];
		if (!s->key)
			return s;
		if (s->hash == h && s->klen == klen && memcmp(s->key, key, klen) == 0)
			return s;
	}
}

static int rehash(pl_wordlist *wl)
{
	size_t ncap = wl->cap ? wl->cap * 2 : 64, i;
	slot *old = wl->slots, *s;
	size_t ocap = wl->cap;

	wl->slots = calloc(ncap, sizeof(slot));
	if (!wl->slots) {
		wl->slots = old;
		return pl_error_set(PL_ENOMEM, "out of memory");
	}
	wl->cap = ncap;
	for (i = 0; i < ocap; i++) {
		if (!old[i].key)
			continue;
		s = lookup(wl, old[i].key, old[i].klen, old[i].hash);
		*s = old[i];
	}
	free(old);
	return PL_OK;
}

int pl_wordlist_put(pl_wordlist *wl, const char *key, size_t klen,
		    const char *value, size_t vlen)
{
	uint32_t h = hash_bytes(key, klen);
	slot *s;

	if ((wl->n + 1) * 4 > wl->cap * 3 && rehash(wl) < 0)
		return PL_ENOMEM;
	s = lookup(wl, key, klen, h);
	if (s->key)
		return PL_OK;
	s->key = pl_arena_strndup(wl->arena, key, klen);
	s->value = value ? pl_arena_strndup(wl->arena, value, vlen) : "";
	if (!s->key || !s->value) {
		s->key = NULL;
		return pl_error_set(PL_ENOMEM, "out of memory");
	}
	s->klen = (uint32_t)klen;
	s->hash = h;
	wl->n++;
	return PL_OK;
}

const char *pl_wordlist_get(const pl_wordlist *wl, const char *key, size_t klen)
{
	slot *s;

	if (!wl || !wl->n)
		return NULL;
	s = lookup(wl, key, klen, hash_bytes(key, klen));
	return s && s->key ? s->value : NULL;
}

size_t pl_wordlist_count(const pl_wordlist *wl)
{
	return wl ? wl->n : 0;
}

void pl_wordlist_each(const pl_wordlist *wl,
		      void (*fn)(const char *key, const char *value, void *ud),
		      void *ud)
{
	size_t i;

	for (i = 0; wl && i < wl->cap; i++)
		if (wl->slots[i].key)
			fn(wl->slots[i].key, wl->slots[i].value, ud);
}

size_t pl_fold(const char *s, size_t len, char *buf, size_t size)
{
	size_t i = 0, o = 0;
	int32_t cp;

	while (i < len) {
		char tmp[4];
		size_t n;
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) { /* ASCII: no tables needed */
			if (o + 2 > size)
				return 0;
			buf[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
			i++;
			continue;
		}
		i += pl_utf8_decode(s, len, i, &cp);
		if (cp == 0x2019)
			cp = '\'';
		cp = utf8proc_tolower(cp);
		n = pl_utf8_encode(cp, tmp);
		if (o + n + 1 > size)
			return 0;
		memcpy(buf + o, tmp, n);
		o += n;
	}
	buf[o] = '\0';
	return o;
}

size_t pl_norm_apostrophe(const char *s, size_t len, char *buf, size_t size)
{
	size_t i, o = 0;

	for (i = 0; i < len; i++) {
		if (i + 2 < len && memcmp(s + i, "\xE2\x80\x99", 3) == 0) {
			if (o + 2 > size)
				return 0;
			buf[o++] = '\'';
			i += 2;
			continue;
		}
		if (o + 2 > size)
			return 0;
		buf[o++] = s[i];
	}
	buf[o] = '\0';
	return o;
}

/* Collapse runs of white space to one space, in place. */
static size_t squeeze(char *s, size_t n)
{
	size_t i, o = 0;
	bool sp = false;

	for (i = 0; i < n; i++) {
		if (s[i] == ' ' || s[i] == '\t') {
			sp = true;
			continue;
		}
		if (sp && o)
			s[o++] = ' ';
		sp = false;
		s[o++] = s[i];
	}
	return o;
}

int pl_wordlist_load(pl_wordlist *wl, const char *path, unsigned flags)
{
	FILE *f = fopen(path, "r");
	char *line = NULL, key[1024];
	size_t cap = 0, lineno = 0;
	ssize_t got;
	int err = 0;

	if (!f)
		return pl_error_set(PL_EIO, "%s: cannot open: %s", path,
				    strerror(errno));
	while ((got = getline(&line, &cap, f)) >= 0) {
		char *s = line, *val = NULL;
		size_t n = (size_t)got, vlen = 0, klen;

		lineno++;
		while (n && (s[n - 1] == '\n' || s[n - 1] == '\r' ||
			     s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
		while (n && (*s == ' ' || *s == '\t'))
			s++, n--;
		if (!n || *s == '#')
			continue;
		if (flags & PL_WL_ARROW) {
			char *arrow = memmem(s, n, "->", 2);
			if (!arrow || arrow == s || arrow + 2 == s + n) {
				err = pl_error_set(PL_EINVAL,
						   "%s:%zu: error: expected 'wrong->right'",
						   path, lineno);
				goto cleanup;
			}
			val = arrow + 2;
			vlen = (size_t)(s + n - val);
			n = (size_t)(arrow - s);
		}
		n = squeeze(s, n);
		if (flags & PL_WL_TRIM_PUNCT)
			while (n && strchr(":.!", s[n - 1]))
				n--;
		if (flags & PL_WL_FOLD) {
			klen = pl_fold(s, n, key, sizeof(key));
			if (!val) {
				val = s;
				vlen = n;
			}
		} else {
			klen = pl_norm_apostrophe(s, n, key, sizeof(key));
		}
		if (!klen) {
			err = pl_error_set(PL_EINVAL, "%s:%zu: error: entry too long",
					   path, lineno);
			goto cleanup;
		}
		if ((err = pl_wordlist_put(wl, key, klen, val, vlen)) < 0)
			goto cleanup;
	}
cleanup:
	free(line);
	fclose(f);
	return err;
}
