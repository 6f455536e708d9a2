#define PCRE2_CODE_UNIT_WIDTH 8
#include "pl_vocab.h"
#include "pl_error.h"

#include <limits.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct pl_vocab {
	char *dir;             /* the folder this level belongs to */
	pl_wordlist *accept;   /* NULL when the folder has none */
	pcre2_code *reject;    /* the reject list as one pattern, or NULL */
	char **entries;        /* reject entries, by alternative number */
	size_t n_entries;
	const pl_vocab *parent;
	bool empty;            /* neither file here: borrow the parent's */
};

struct pl_vocab_cache {
	pl_vocab **v;
	size_t n, cap;
	pl_vocab *root; /* the run's own files (configuration), above every folder */
	/* the folder asked last, as written, and its answer: files come folder
	 * by folder, and resolving a path costs a system call a component */
	char last_dir[PATH_MAX];
	const pl_vocab *last;
	bool have_last;
};

pl_vocab_cache *pl_vocab_cache_new(void)
{
	return calloc(1, sizeof(pl_vocab_cache));
}

static void vocab_free(pl_vocab *v)
{
	size_t i;

	free(v->dir);
	pl_wordlist_free(v->accept);
	pcre2_code_free(v->reject);
	for (i = 0; i < v->n_entries; i++)
		free(v->entries[i]);
	free(v->entries);
	free(v);
}

void pl_vocab_cache_free(pl_vocab_cache *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < c->n; i++)
		vocab_free(c->v[i]);
	if (c->root)
		vocab_free(c->root);
	free(c->v);
	free(c);
}

#define OPEN "(?i)(?<![\\w'’])(?:"
#define CLOSE ")(?![\\w'’])"

/* Build one pattern from the reject file: (?i)\b(?:(e1)|(e2)|...)\b, so the
 * group that matched names the entry. */
static int load_reject(pl_vocab *v, const char *path)
{
	FILE *f = fopen(path, "r");
	char *line = NULL, *pat = NULL;
	size_t cap = 0, plen = 0, pcap = 0, ecap = 0, lineno = 0;
	ssize_t got;
	int err = 0, code;
	PCRE2_SIZE off;

	if (!f)
		return pl_error_set(PL_EIO, "%s: cannot open", path);
#define ADD(s, n)                                                              \
	do {                                                                   \
		if (PL_GROW(pat, pcap, plen + (n) + 1) < 0) {                  \
			err = PL_ENOMEM;                                       \
			goto cleanup;                                          \
		}                                                              \
		memcpy(pat + plen, (s), (n));                                  \
		plen += (n);                                                   \
		pat[plen] = '\0';                                              \
	} while (0)
	ADD(OPEN, strlen(OPEN));
	while ((got = getline(&line, &cap, f)) >= 0) {
		size_t n = (size_t)got, k;
		char *s = line;
		lineno++;
		while (n && strchr("\r\n \t", s[n - 1]))
			n--;
		while (n && (*s == ' ' || *s == '\t'))
			s++, n--;
		if (!n || *s == '#')
			continue;
		if (v->n_entries > 200) {
			err = pl_error_set(PL_EINVAL, "%s:%zu: error: more than 200 "
					   "rejected entries", path, lineno);
			goto cleanup;
		}
		if (PL_GROW(v->entries, ecap, v->n_entries + 1) < 0 ||
		    !(v->entries[v->n_entries] = strndup(s, n))) {
			err = PL_ENOMEM;
			goto cleanup;
		}
		ADD(v->n_entries ? "|(" : "(", v->n_entries ? 2 : 1);
		v->n_entries++;
		for (k = 0; k < n; k++) {
			if (s[k] == ' ' || s[k] == '\t') {
				ADD("\\s+", 3);
				while (k + 1 < n && (s[k + 1] == ' ' || s[k + 1] == '\t'))
					k++;
			} else {
				if (strchr("\\^$.|?*+()[]{}", s[k]))
					ADD("\\", 1);
				ADD(s + k, 1);
			}
		}
		ADD(")", 1);
	}
	ADD(CLOSE, strlen(CLOSE));
	if (v->n_entries) {
		v->reject = pcre2_compile((PCRE2_SPTR)pat, plen, PCRE2_UTF | PCRE2_UCP,
					  &code, &off, NULL);
		if (!v->reject)
			err = pl_error_set(PL_EINVAL, "%s: error: cannot compile the "
					   "reject list", path);
	}
#undef ADD
cleanup:
	free(line);
	free(pat);
	fclose(f);
	return err;
}

static int vocab_at(const pl_vocab **out, pl_vocab_cache *c, const char *dir);

/* The vocabulary of `dir` itself, loading its files and its parent's. */
static int vocab_load(pl_vocab **out, pl_vocab_cache *c, const char *dir)
{
	char path[PATH_MAX], parent[PATH_MAX];
	pl_vocab *v = calloc(1, sizeof(*v));
	const char *slash;
	int err = 0;

	*out = NULL;
	if (!v || !(v->dir = strdup(dir))) {
		free(v);
		return pl_error_set(PL_ENOMEM, "out of memory");
	}
	snprintf(path, sizeof(path), "%s/.presslint-accept.txt", dir);
	if (access(path, F_OK) == 0) {
		if (!(v->accept = pl_wordlist_new()))
			err = PL_ENOMEM;
		else
			err = pl_wordlist_load(v->accept, path, 0);
	}
	snprintf(path, sizeof(path), "%s/.presslint-reject.txt", dir);
	if (!err && access(path, F_OK) == 0)
		err = load_reject(v, path);
	v->empty = !v->accept && !v->reject;
	slash = strrchr(dir, '/');
	if (!err && slash && slash != dir) {
		snprintf(parent, sizeof(parent), "%.*s", (int)(slash - dir), dir);
		err = vocab_at(&v->parent, c, parent);
	} else if (!err && slash == dir && dir[1]) {
		err = vocab_at(&v->parent, c, "/");
	} else if (!err) {
		v->parent = c->root; /* "/" itself: the run's files are above it */
	}
	if (err < 0) {
		vocab_free(v);
		return err;
	}
	*out = v;
	return PL_OK;
}

static int vocab_at(const pl_vocab **out, pl_vocab_cache *c, const char *dir)
{
	pl_vocab *v;
	size_t i;
	int err;

	for (i = 0; i < c->n; i++)
		if (strcmp(c->v[i]->dir, dir) == 0) {
			*out = c->v[i]->empty ? c->v[i]->parent : c->v[i];
			return PL_OK;
		}
	if ((err = vocab_load(&v, c, dir)) < 0)
		return err;
	if (PL_GROW(c->v, c->cap, c->n + 1) < 0) {
		vocab_free(v);
		return PL_ENOMEM;
	}
	c->v[c->n++] = v;
	*out = v->empty ? v->parent : v;
	return PL_OK;
}

int pl_vocab_for(const pl_vocab **out, pl_vocab_cache *c, const char *path)
{
	char dir[PATH_MAX], abs[PATH_MAX];
	const char *slash;
	int err;

	*out = NULL;
	if (strcmp(path, "-") == 0 || strcmp(path, "<stdin>") == 0) {
		snprintf(dir, sizeof(dir), ".");
	} else if ((slash = strrchr(path, '/'))) {
		snprintf(dir, sizeof(dir), "%.*s", (int)(slash == path ? 1 : slash - path),
			 path);
	} else {
		snprintf(dir, sizeof(dir), ".");
	}
	if (c->have_last && strcmp(dir, c->last_dir) == 0) {
		*out = c->last;
		return PL_OK;
	}
	if (!realpath(dir, abs)) {
		*out = c->root; /* the folder went away: only the run's files */
		return PL_OK;
	}
	if ((err = vocab_at(out, c, abs)) < 0)
		return err;
	memcpy(c->last_dir, dir, sizeof(dir));
	c->last = *out;
	c->have_last = true;
	return PL_OK;
}

bool pl_vocab_accepts(const pl_vocab *v, const char *w, size_t n)
{
	char fold[256];
	size_t k = 0;

	for (; v; v = v->parent) {
		if (!v->accept)
			continue;
		if (pl_wordlist_get(v->accept, w, n))
			return true;
		if (!k)
			k = pl_fold(w, n, fold, sizeof(fold));
		if (k && pl_wordlist_get(v->accept, fold, k))
			return true;
	}
	return false;
}

void pl_vocab_each_rejected(const pl_vocab *v, const char *text, size_t len,
			    size_t from,
			    void (*fn)(size_t start, size_t end, const char *entry,
				       void *ud),
			    void *ud)
{
	for (; v; v = v->parent) {
		pcre2_match_data *md;
		PCRE2_SIZE at = from;

		if (!v->reject)
			continue;
		if (!(md = pcre2_match_data_create_from_pattern(v->reject, NULL)))
			return;
		for (;;) {
			int rc = pcre2_match(v->reject, (PCRE2_SPTR)text, len, at,
					     PCRE2_NO_UTF_CHECK, md, NULL);
			PCRE2_SIZE *ov;
			int g;
			if (rc < 0)
				break;
			ov = pcre2_get_ovector_pointer(md);
			for (g = 1; g < rc && ov[2 * g] == PCRE2_UNSET; g++)
				;
			if (g < rc && (size_t)(g - 1) < v->n_entries)
				fn(ov[0], ov[1], v->entries[g - 1], ud);
			at = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
			while (at < len && ((unsigned char)text[at] & 0xC0) == 0x80)
				at++;
			if (at >= len)
				break;
		}
		pcre2_match_data_free(md);
	}
}

int pl_vocab_cache_root(pl_vocab_cache *c, const char *const *accept, size_t na,
			const char *reject)
{
	pl_vocab *v;
	size_t i;
	int err = 0;

	if (!na && !reject)
		return PL_OK;
	if (c->n || c->root)
		return pl_error_set(PL_EINVAL, "the run's vocabulary is set once, first");
	if (!(v = calloc(1, sizeof(*v))) || !(v->dir = strdup("")))
		goto nomem;
	if (na && !(v->accept = pl_wordlist_new()))
		goto nomem;
	for (i = 0; i < na && err == 0; i++)
		err = pl_wordlist_load(v->accept, accept[i], 0);
	if (!err && reject)
		err = load_reject(v, reject);
	if (err < 0) {
		vocab_free(v);
		return err;
	}
	c->root = v;
	return PL_OK;
nomem:
	if (v)
		vocab_free(v);
	return pl_error_set(PL_ENOMEM, "out of memory");
}
