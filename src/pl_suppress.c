#include "pl_suppress.h"
#include "pl_error.h"
#include "pl_find.h"

#include <stdlib.h>
#include <string.h>

enum { DISABLE, ENABLE, NEXT_LINE };

typedef struct directive {
	int kind;
	size_t start, end;   /* the comment itself */
	size_t from, to;     /* NEXT_LINE: the line it silences */
	char rules[256];     /* comma-separated, "" = all */
} directive;

typedef struct dirs {
	directive *v;
	size_t n, cap;
} dirs;

static bool rule_matches(const char *spec, const char *id)
{
	const char *p = spec;

	if (!*spec)
		return true;
	while (*p) {
		size_t n = strcspn(p, ", ");
		if (n && strncmp(id, p, n) == 0 && (id[n] == '\0' || id[n] == '.'))
			return true;
		p += n;
		while (*p == ',' || *p == ' ')
			p++;
	}
	return false;
}

static size_t line_end(const char *t, size_t len, size_t i)
{
	while (i < len && t[i] != '\n' && t[i] != '\r')
		i++;
	return i;
}

static size_t next_line(const char *t, size_t len, size_t i)
{
	i = line_end(t, len, i);
	if (i < len && t[i] == '\r')
		i++;
	if (i < len && t[i] == '\n')
		i++;
	return i;
}

/* Parse "presslint-disable[-next-line]|presslint-enable RULES" in s[0, n). */
static int parse(dirs *d, const char *s, size_t n, size_t start, size_t end,
		 const char *text, size_t len)
{
	static const struct {
		const char *word;
		int kind;
	} words[] = { { "presslint-disable-next-line", NEXT_LINE },
		      { "presslint-disable", DISABLE },
		      { "presslint-enable", ENABLE } };
	size_t i, w, k;

	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	for (w = 0; w < PL_ARRAY_LEN(words); w++) {
		size_t wl = strlen(words[w].word);
		directive *x;
		if (n < wl || memcmp(s, words[w].word, wl) != 0 ||
		    (n > wl && s[wl] != ' ' && s[wl] != '\t'))
			continue;
		if (PL_GROW(d->v, d->cap, d->n + 1) < 0)
			return PL_ENOMEM;
		x = &d->v[d->n++];
		memset(x, 0, sizeof(*x));
		x->kind = words[w].kind;
		x->start = start;
		x->end = end;
		for (i = wl, k = 0; i < n && k + 1 < sizeof(x->rules); i++)
			if (k || (s[i] != ' ' && s[i] != '\t'))
				x->rules[k++] = s[i];
		x->rules[k] = '\0';
		if (x->kind == NEXT_LINE) {
			x->from = next_line(text, len, end);
			x->to = line_end(text, len, x->from);
		}
		return PL_OK;
	}
	return PL_OK;
}

static int scan(dirs *d, const char *t, size_t len, size_t body, bool markup)
{
	size_t i = body;
	int err = 0;

	if (markup) {
		while (i + 4 <= len) {
			const char *open = memmem(t + i, len - i, "<!--", 4), *close;
			if (!open)
				break;
			close = memmem(open + 4, (size_t)(t + len - open - 4), "-->", 3);
			if (!close)
				break;
			if ((err = parse(d, open + 4, (size_t)(close - open - 4),
					 (size_t)(open - t), (size_t)(close + 3 - t), t, len)) < 0)
				return err;
			i = (size_t)(close + 3 - t);
		}
		return PL_OK;
	}
	while (i < len) {
		size_t e = line_end(t, len, i), j = i;
		while (j < e && (t[j] == ' ' || t[j] == '\t'))
			j++;
		if (j < e && t[j] == '#')
			j++;
		else if (j + 1 < e && t[j] == '/' && t[j + 1] == '/')
			j += 2;
		else
			j = e;
		if (j < e && (err = parse(d, t + j, e - j, i, e, t, len)) < 0)
			return err;
		i = next_line(t, len, i);
	}
	return PL_OK;
}

static bool silenced(const dirs *d, const pl_finding *f, const char *id)
{
	size_t i;
	bool off = false;

	for (i = 0; i < d->n; i++) {
		const directive *x = &d->v[i];
		if (f->start >= x->start && f->start < x->end)
			return true; /* the comment itself */
		if (x->kind == NEXT_LINE) {
			if (f->start >= x->from && f->start <= x->to &&
			    rule_matches(x->rules, id))
				return true;
		} else if (x->end <= f->start && rule_matches(x->rules, id)) {
			off = x->kind == DISABLE;
		}
	}
	return off;
}

/* A "presslint-" whose '-' is in [from, to): where one starts 9 bytes
 * before `from` at the earliest (pl_find.h: memchr for the '-' stopped at
 * every hyphen of the prose). */
bool pl_suppress_maybe(const char *text, size_t from, size_t to)
{
	static const char mark[] = "presslint-";
	const size_t lo = from >= 9 ? from - 9 : 0;

	return to > lo && pl_find(text + lo, to - lo, mark, sizeof(mark) - 1) != NULL;
}

int pl_suppress_apply(pl_findings *f, const pl_ruleset *rules, const char *text,
		      size_t len, size_t body, bool markup)
{
	dirs d = { 0 };
	size_t i, k = 0;
	int err;

	if (!pl_suppress_maybe(text, 0, len))
		return PL_OK; /* the common case: nothing to scan */
	if ((err = scan(&d, text, len, body, markup)) < 0) {
		free(d.v);
		return err;
	}
	for (i = 0; i < f->n; i++)
		if (!silenced(&d, &f->v[i], rules->info[f->v[i].rule].id))
			f->v[k++] = f->v[i];
	f->n = k;
	free(d.v);
	return PL_OK;
}
