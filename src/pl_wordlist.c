#include "pl_wordlist.h"
#include "pl_arena.h"
#include "pl_error.h"
#include "pl_pages.h"
#include "pl_token.h"
#include "pl_wordidx.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>

/* A slot is 16 bytes, not 24: the value is not a pointer of its own but
 * sits a few bytes after the key's end (VAL_AFTER + gap), or is the key
 * itself (VAL_KEY). The typo table's 64K slots then take 1 MB, not 1.5,
 * which is fewer pages to fault in at start-up and fewer cache lines to
 * miss on each look-up. */
typedef struct slot {
	const char *key;   /* NUL-terminated; NULL: the slot is empty */
	uint32_t hash;
	uint32_t meta;     /* klen in the low KLEN_BITS, value's place above */
} slot;

#define KLEN_BITS 28
#define KLEN_MAX ((1u << KLEN_BITS) - 1)
#define VAL_KEY 15u  /* the value is the key (a folded list's lowercase line) */
/* else the value starts `code` bytes after the key's end: 0 is the key's
 * own NUL, the empty value; 1 a value stored right after the key */

/* A list file's text, kept for the list's life: most keys and values are
 * NUL-terminated where they stand in it rather than copied. */
typedef struct text_buf {
	struct text_buf *next;
	size_t mapped; /* pl_pages_alloc's, for pl_pages_free */
	char data[];
} text_buf;

struct pl_wordlist {
	slot *slots;
	size_t cap, n;
	size_t slots_mapped; /* pl_pages_alloc's */
	pl_arena *arena;
	text_buf *texts; /* owned */
	pl_wordidx *idx; /* owned: the list's index, which answers in place of
			  * the table (pl_wordlist_open_index) */
};

static inline size_t slot_klen(const slot *s)
{
	return s->meta & KLEN_MAX;
}

static inline const char *slot_value(const slot *s)
{
	unsigned code = s->meta >> KLEN_BITS;

	return code == VAL_KEY ? s->key : s->key + slot_klen(s) + code;
}

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
	text_buf *t, *next;

	if (!wl)
		return;
	for (t = wl->texts; t; t = next) {
		next = t->next;
		pl_pages_free(t, t->mapped);
	}
	pl_pages_free(wl->slots, wl->slots_mapped);
	pl_arena_free(wl->arena);
	pl_wordidx_close(wl->idx);
	free(wl);
}

int pl_wordlist_open_index(pl_wordlist **out, const char *idx_path, const char *list_path)
{
	pl_wordidx *idx = NULL;

	*out = NULL;
	pl_wordidx_open_list(&idx, idx_path, list_path);
	if (!idx)
		return PL_OK;
	if (!(*out = pl_wordlist_new())) {
		pl_wordidx_close(idx);
		return pl_error_set(PL_ENOMEM, "out of memory");
	}
	(*out)->idx = idx;
	return PL_OK;
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
		if (s->hash == h && slot_klen(s) == klen && memcmp(s->key, key, klen) == 0)
			return s;
	}
}

/* Grow the table to `ncap` slots (a power of two). */
static int rehash(pl_wordlist *wl, size_t ncap)
{
	size_t i;
	slot *old = wl->slots, *s;
	size_t ocap = wl->cap, omapped = wl->slots_mapped;

	/* the typo table's million bytes (when no index was built): pages
	 * of its own (pl_pages_alloc), not a page fault for every page the
	 * keys land on */
	wl->slots = pl_pages_alloc(ncap * sizeof(slot), &wl->slots_mapped);
	if (!wl->slots) {
		wl->slots = old;
		wl->slots_mapped = omapped;
		return pl_error_set(PL_ENOMEM, "out of memory");
	}
	wl->cap = ncap;
	for (i = 0; i < ocap; i++) {
		if (!old[i].key)
			continue;
		s = lookup(wl, old[i].key, slot_klen(&old[i]), old[i].hash);
		*s = old[i];
	}
	pl_pages_free(old, omapped);
	return PL_OK;
}

/* Room for `more` keys without a rehash (at most 3/4 full). Sizing the
 * table once from a file's line count saves the chain of doublings, each
 * a fresh calloc whose pages fault in, that growing key by key costs. */
static int reserve(pl_wordlist *wl, size_t more)
{
	size_t cap = wl->cap ? wl->cap : 64;

	while ((wl->n + more) * 4 > cap * 3 && cap <= SIZE_MAX / 2 / sizeof(slot))
		cap *= 2;
	return cap > wl->cap ? rehash(wl, cap) : PL_OK;
}

/* The slot for `key`: its own when present (s->key set), else the empty
 * one to fill. NULL when the table could not grow. */
static slot *claim(pl_wordlist *wl, const char *key, size_t klen, uint32_t h)
{
	if ((wl->n + 1) * 4 > wl->cap * 3 &&
	    rehash(wl, wl->cap ? wl->cap * 2 : 64) < 0)
		return NULL;
	return lookup(wl, key, klen, h);
}

/* Fill an empty slot with a key that stays where it is (NUL-terminated)
 * and a value `code` places after it (see VAL_KEY). */
static void fill(pl_wordlist *wl, slot *s, const char *key, size_t klen,
		 uint32_t h, unsigned code)
{
	s->key = key;
	s->hash = h;
	s->meta = (uint32_t)klen | (uint32_t)code << KLEN_BITS;
	wl->n++;
}

/* Copy key and value into the arena side by side, and fill `s`. */
static int fill_copy(pl_wordlist *wl, slot *s, const char *key, size_t klen,
		     uint32_t h, const char *value, size_t vlen)
{
	char *p;

	if (klen > KLEN_MAX)
		return pl_error_set(PL_EINVAL, "key of %zu bytes is too long", klen);
	if (!(p = pl_arena_alloc(wl->arena, klen + 1 + (value ? vlen + 1 : 0))))
		return pl_error_set(PL_ENOMEM, "out of memory");
	memcpy(p, key, klen);
	p[klen] = '\0';
	if (value) {
		memcpy(p + klen + 1, value, vlen);
		p[klen + 1 + vlen] = '\0';
	}
	fill(wl, s, p, klen, h, value ? 1 : 0);
	return PL_OK;
}

int pl_wordlist_put(pl_wordlist *wl, const char *key, size_t klen,
		    const char *value, size_t vlen)
{
	uint32_t h = hash_bytes(key, klen);
	slot *s;

	if (wl->idx)
		return pl_error_set(PL_EINVAL, "a list read from its index takes no more entries");
	if (!(s = claim(wl, key, klen, h)))
		return PL_ENOMEM;
	if (s->key)
		return PL_OK;
	return fill_copy(wl, s, key, klen, h, value, vlen);
}

const char *pl_wordlist_get(const pl_wordlist *wl, const char *key, size_t klen)
{
	slot *s;

	if (!wl)
		return NULL;
	if (wl->idx)
		return pl_wordidx_get(wl->idx, key, klen);
	if (!wl->n)
		return NULL;
	s = lookup(wl, key, klen, hash_bytes(key, klen));
	return s && s->key ? slot_value(s) : NULL;
}

bool pl_wordlist_has_word(const pl_wordlist *wl, const char *w, size_t n)
{
	char buf[256];
	size_t k;

	if (!pl_wordlist_count(wl))
		return false;
	if (pl_wordlist_get(wl, w, n))
		return true;
	if (!memchr(w, 0xE2, n))
		return false; /* no curly apostrophe: nothing to straighten */
	k = pl_norm_apostrophe(w, n, buf, sizeof(buf));
	return k && pl_wordlist_get(wl, buf, k);
}

size_t pl_wordlist_count(const pl_wordlist *wl)
{
	return !wl ? 0 : wl->idx ? pl_wordidx_count(wl->idx) : wl->n;
}

/* pl_wordlist_each over an index: its keys are not NUL-terminated there */
typedef struct each_indexed {
	void (*fn)(const char *key, const char *value, void *ud);
	void *ud;
} each_indexed;

static void each_entry(const char *key, size_t klen, const char *value, void *ud)
{
	const each_indexed *e = ud;
	char k[256]; /* an index's keys are at most 255 bytes */

	memcpy(k, key, klen);
	k[klen] = '\0';
	e->fn(k, value, e->ud);
}

void pl_wordlist_each(const pl_wordlist *wl,
		      void (*fn)(const char *key, const char *value, void *ud),
		      void *ud)
{
	size_t i;

	if (wl && wl->idx) {
		each_indexed e = { fn, ud };
		pl_wordidx_each(wl->idx, each_entry, &e);
		return;
	}
	for (i = 0; wl && i < wl->cap; i++)
		if (wl->slots[i].key)
			fn(wl->slots[i].key, slot_value(&wl->slots[i]), ud);
}

/* A byte a one-byte space token may be (pl_token.c): what joins the words
 * of a span the capitalization rule looks up. */
static bool joins(char c)
{
	return c == ' ' || c == '\t' || c == '\v' || c == '\f';
}

typedef struct phrase_parts {
	pl_wordlist *runs, *later;
	size_t max_words;
	int err;
} phrase_parts;

static void parts_of(const char *key, const char *value, void *ud)
{
	phrase_parts *pp = ud;
	size_t words = 1;
	const char *p, *q;

	(void)value;
	for (p = key; *p && !pp->err; p++) {
		if (!joins(*p))
			continue;
		for (q = p + 1; *q && !joins(*q); q++)
			;
		if (q > p + 1)
			pp->err = pl_wordlist_put(pp->later, p + 1, (size_t)(q - (p + 1)), NULL, 0);
		if (*p != ' ' || pp->err)
			continue;
		words++;
		pp->err = pl_wordlist_put(pp->runs, key, (size_t)(p - key), NULL, 0);
	}
	if (words > pp->max_words)
		pp->max_words = words;
}

int pl_wordlist_phrase_parts(const pl_wordlist *names, pl_wordlist *runs,
			     pl_wordlist *later, size_t *max_words)
{
	phrase_parts pp = { runs, later, 0, 0 };

	pl_wordlist_each(names, parts_of, &pp);
	if (max_words)
		*max_words = pp.max_words;
	return pp.err < 0 ? pp.err : PL_OK;
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

/* A text buffer with room for `cap` bytes and a NUL. */
static text_buf *text_new(size_t cap)
{
	size_t mapped;
	text_buf *t = pl_pages_alloc(sizeof(*t) + cap + 1, &mapped);

	if (t)
		t->mapped = mapped;
	return t;
}

/* The whole file at `path` in one buffer, NUL-terminated, linked into
 * wl->texts; its length in *len. One read instead of a getline per entry. */
static int read_text(pl_wordlist *wl, const char *path, char **out, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	size_t cap, n = 0;
	text_buf *t, *bigger;
	ssize_t got;

	if (fd < 0)
		return pl_error_set(PL_EIO, "%s: cannot open: %s", path,
				    strerror(errno));
	/* the size is a hint: a pipe says 0, a file may grow meanwhile */
	cap = fstat(fd, &st) == 0 && st.st_size > 0 ? (size_t)st.st_size + 1 : 4096;
	if (!(t = text_new(cap))) {
		close(fd);
		return pl_error_set(PL_ENOMEM, "out of memory");
	}
	/* a read error ends the text, as getline's did before */
	while ((got = read(fd, t->data + n, cap - n)) > 0) {
		n += (size_t)got;
		if (n < cap)
			continue;
		if (!(bigger = text_new(cap * 2))) {
			pl_pages_free(t, t->mapped);
			close(fd);
			return pl_error_set(PL_ENOMEM, "out of memory");
		}
		memcpy(bigger->data, t->data, n);
		pl_pages_free(t, t->mapped);
		t = bigger;
		cap *= 2;
	}
	close(fd);
	t->data[n] = '\0';
	t->next = wl->texts;
	wl->texts = t;
	*out = t->data;
	*len = n;
	return PL_OK;
}

static size_t count_lines(const char *s, size_t n)
{
	const char *p = s, *end = s + n;
	size_t lines = 1;

	while ((p = memchr(p, '\n', (size_t)(end - p)))) {
		lines++;
		p++;
	}
	return lines;
}

/* "->" in s[0, n), or NULL. A byte loop: the arrow comes a few bytes in,
 * sooner than a memchr or memmem call pays for itself. */
static char *find_arrow(char *s, size_t n)
{
	char *p, *end = s + n;

	for (p = s; p + 1 < end; p++)
		if (p[0] == '-' && p[1] == '>')
			return p;
	return NULL;
}

/* What a key's bytes hold, gathered in one pass (see key_bytes). */
enum {
	KB_WHITE = 1 << 0, /* space or tab: squeeze has work */
	KB_CASE = 1 << 1,  /* A-Z or a byte beyond ASCII: pl_fold has work */
	KB_E2 = 1 << 2,    /* 0xE2, which may start a curly apostrophe */
};

#define KB(c)                                                                  \
	(((c) == ' ' || (c) == '\t' ? KB_WHITE : 0) |                          \
	 ((c) >= 0x80 || ((c) >= 'A' && (c) <= 'Z') ? KB_CASE : 0) |           \
	 ((c) == 0xE2 ? KB_E2 : 0))
#define KB4(c) KB(c), KB((c) + 1), KB((c) + 2), KB((c) + 3)
#define KB16(c) KB4(c), KB4((c) + 4), KB4((c) + 8), KB4((c) + 12)
#define KB64(c) KB16(c), KB16((c) + 16), KB16((c) + 32), KB16((c) + 48)

static const unsigned char kb_table[256] = {
	KB64(0), KB64(64), KB64(128), KB64(192)
};

/* A table, not three tests a byte: 32K lines of typos go through here. */
static unsigned key_bytes(const char *s, size_t n)
{
	unsigned k = 0;
	size_t i;

	for (i = 0; i < n; i++)
		k |= kb_table[(unsigned char)s[i]];
	return k;
}

int pl_wordlist_load(pl_wordlist *wl, const char *path, unsigned flags)
{
	char *text = NULL, *line, *end, key[1024];
	size_t len = 0, lineno = 0;
	int err;

	if (wl->idx)
		return pl_error_set(PL_EINVAL, "%s: a list read from its index takes no more entries",
				    path);
	if ((err = read_text(wl, path, &text, &len)) < 0)
		return err;
	if ((err = reserve(wl, count_lines(text, len))) < 0)
		return err;
	end = text + len;
	for (line = text; line < end; ) {
		char *nl = memchr(line, '\n', (size_t)(end - line));
		char *s = line, *val = NULL, *k;
		size_t n = (size_t)((nl ? nl : end) - line), vlen = 0, klen;
		uint32_t h;
		unsigned kb;
		slot *sl;

		line = nl ? nl + 1 : end;
		lineno++;
		while (n && (s[n - 1] == '\n' || s[n - 1] == '\r' ||
			     s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
		while (n && (*s == ' ' || *s == '\t'))
			s++, n--;
		if (!n || *s == '#')
			continue;
		if (flags & PL_WL_ARROW) {
			char *arrow = find_arrow(s, n);
			if (!arrow || arrow == s || arrow + 2 == s + n)
				return pl_error_set(PL_EINVAL,
						    "%s:%zu: error: expected 'wrong->right'",
						    path, lineno);
			val = arrow + 2;
			vlen = (size_t)(s + n - val);
			n = (size_t)(arrow - s);
		}
		kb = key_bytes(s, n);
		if (kb & KB_WHITE)
			n = squeeze(s, n);
		if (flags & PL_WL_TRIM_PUNCT)
			while (n && strchr(":.!", s[n - 1]))
				n--;
		if ((flags & PL_WL_FOLD) && !val) {
			val = s;
			vlen = n;
		}
		/* the key is the line as it stands when folding or mapping
		 * apostrophes would change nothing, and it fits the key
		 * buffer as pl_fold and pl_norm_apostrophe demand */
		if (n && n + 1 <= sizeof(key) &&
		    !(kb & (flags & PL_WL_FOLD ? KB_CASE : KB_E2))) {
			k = s;
			klen = n;
		} else {
			k = key;
			klen = flags & PL_WL_FOLD ? pl_fold(s, n, key, sizeof(key)) :
				pl_norm_apostrophe(s, n, key, sizeof(key));
		}
		if (!klen)
			return pl_error_set(PL_EINVAL, "%s:%zu: error: entry too long",
					    path, lineno);
		h = hash_bytes(k, klen);
		if (!(sl = claim(wl, k, klen, h)))
			return PL_ENOMEM;
		if (sl->key)
			continue; /* the first entry wins */
		/* in place when the key is in the text and the value (if
		 * any) is the key or follows it closely: the NULs go over the
		 * byte after each, which the line no longer needs (the arrow,
		 * trimmed white space or punctuation, the line break, or the
		 * buffer's own NUL) */
		if (k == s && (!val || val == s ||
			       (val > s + klen && val - (s + klen) < (ptrdiff_t)VAL_KEY))) {
			s[klen] = '\0';
			if (val && val != s)
				val[vlen] = '\0';
			fill(wl, sl, s, klen, h,
			     !val ? 0 : val == s ? VAL_KEY : (unsigned)(val - (s + klen)));
			continue;
		}
		if ((err = fill_copy(wl, sl, k, klen, h, val, vlen)) < 0)
			return err;
	}
	return PL_OK;
}
