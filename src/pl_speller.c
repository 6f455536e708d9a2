#include "pl_speller.h"
#include "pl_error.h"
#include "pl_wordlist.h"

#include <ctype.h>
#include <dirent.h>
#include <hunspell.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct pl_speller {
	Hunhandle *h;
	pl_wordlist *cache; /* word -> "y", "n", or "d" (other dialect only) */
	pl_wordlist *sugg;  /* word -> its suggestions, one a line */
	pl_wordlist *near;  /* word -> "y" when a word one edit away is right */
	char other[16];     /* the other English dialect's dictionary, or "" */
	Hunhandle *oh;      /* loaded on first use: most documents never ask */
	bool other_failed;
};

static const char *const system_dirs[] = {
	"/usr/share/hunspell", "/usr/share/myspell", "/usr/share/myspell/dicts",
	"/usr/local/share/hunspell",
};

static bool find_in(const char *dir, const char *lang, char *aff, char *dic,
		    size_t size)
{
	snprintf(aff, size, "%s/%s.aff", dir, lang);
	snprintf(dic, size, "%s/%s.dic", dir, lang);
	return access(aff, R_OK) == 0 && access(dic, R_OK) == 0;
}

static bool find_dict(const char *lang, char *aff, char *dic, size_t size)
{
	const char *env = getenv("DICPATH");
	size_t i;

	if (env && *env) {
		char *copy = strdup(env), *save = NULL, *dir;
		bool found = false;
		for (dir = strtok_r(copy, ":", &save); dir && !found;
		     dir = strtok_r(NULL, ":", &save))
			found = find_in(dir, lang, aff, dic, size);
		free(copy);
		if (found)
			return true;
	}
	for (i = 0; i < PL_ARRAY_LEN(system_dirs); i++)
		if (find_in(system_dirs[i], lang, aff, dic, size))
			return true;
	return false;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

const char *pl_speller_installed(void)
{
	static char buf[1024];
	char *names[128];
	size_t i, k, n = 0, o = 0;

	for (i = 0; i < PL_ARRAY_LEN(system_dirs); i++) {
		DIR *d = opendir(system_dirs[i]);
		struct dirent *e;
		if (!d)
			continue;
		while ((e = readdir(d)) && n < PL_ARRAY_LEN(names)) {
			size_t len = strlen(e->d_name);
			char aff[512], dic[512], lang[64];
			bool dup = false;
			if (len < 5 || len - 4 >= sizeof(lang) ||
			    strcmp(e->d_name + len - 4, ".dic") != 0)
				continue;
			memcpy(lang, e->d_name, len - 4);
			lang[len - 4] = '\0';
			for (k = 0; k < n && !dup; k++)
				dup = strcmp(names[k], lang) == 0;
			if (!dup && find_in(system_dirs[i], lang, aff, dic, sizeof(aff)))
				names[n++] = strdup(lang);
		}
		closedir(d);
	}
	qsort(names, n, sizeof(*names), cmp_name);
	buf[0] = '\0';
	for (k = 0; k < n; k++) {
		if (names[k] && o + strlen(names[k]) + 2 < sizeof(buf))
			o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%s%s",
					      o ? " " : "", names[k]);
		free(names[k]);
	}
	return buf[0] ? buf : "(none)";
}

int pl_speller_new(pl_speller **out, const char *lang)
{
	char aff[512], dic[512];
	pl_speller *sp;

	*out = NULL;
	if (!find_dict(lang, aff, dic, sizeof(aff))) {
		char pkg[64];
		size_t i;
		for (i = 0; lang[i] && i + 1 < sizeof(pkg); i++)
			pkg[i] = lang[i] == '_' ? '-' : (char)tolower((unsigned char)lang[i]);
		pkg[i] = '\0';
		return pl_error_set(PL_ENOTFOUND,
				    "no Hunspell dictionary '%s' (installed: %s; on "
				    "Debian: apt-get install hunspell-%s)",
				    lang, pl_speller_installed(), pkg);
	}
	sp = calloc(1, sizeof(*sp));
	if (!sp || !(sp->cache = pl_wordlist_new()) || !(sp->sugg = pl_wordlist_new()) ||
	    !(sp->near = pl_wordlist_new())) {
		if (sp) {
			pl_wordlist_free(sp->cache);
			pl_wordlist_free(sp->sugg);
		}
		free(sp);
		return pl_error_set(PL_ENOMEM, "out of memory");
	}
	sp->h = Hunspell_create(aff, dic);
	if (!sp->h) {
		pl_speller_free(sp);
		return pl_error_set(PL_EIO, "cannot load Hunspell dictionary %s", dic);
	}
	if (strcmp(lang, "en_US") == 0)
		strcpy(sp->other, "en_GB");
	else if (strncmp(lang, "en_", 3) == 0)
		strcpy(sp->other, "en_US");
	*out = sp;
	return PL_OK;
}

void pl_speller_free(pl_speller *sp)
{
	if (!sp)
		return;
	if (sp->h)
		Hunspell_destroy(sp->h);
	if (sp->oh)
		Hunspell_destroy(sp->oh);
	pl_wordlist_free(sp->cache);
	pl_wordlist_free(sp->sugg);
	pl_wordlist_free(sp->near);
	free(sp);
}

static bool other_spell(pl_speller *sp, const char *word)
{
	char aff[512], dic[512];

	if (!sp->oh && !sp->other_failed) {
		if (sp->other[0] && find_dict(sp->other, aff, dic, sizeof(aff)))
			sp->oh = Hunspell_create(aff, dic);
		sp->other_failed = !sp->oh;
	}
	return sp->oh && Hunspell_spell(sp->oh, word) != 0;
}

/* The cached verdict: 'y' right, 'n' wrong, 'd' right in the other dialect. */
static char verdict(pl_speller *sp, const char *word, size_t len)
{
	char buf[256];
	const char *v;
	size_t n = pl_norm_apostrophe(word, len, buf, sizeof(buf));
	char ok;

	if (!n)
		return 'y'; /* absurdly long: not a word to judge */
	v = pl_wordlist_get(sp->cache, buf, n);
	if (v)
		return v[0];
	ok = Hunspell_spell(sp->h, buf) ? 'y' : other_spell(sp, buf) ? 'd' : 'n';
	pl_wordlist_put(sp->cache, buf, n, &ok, 1);
	return ok;
}

bool pl_speller_check(pl_speller *sp, const char *word, size_t len)
{
	return verdict(sp, word, len) == 'y';
}

bool pl_speller_other_dialect(pl_speller *sp, const char *word, size_t len)
{
	return verdict(sp, word, len) == 'd';
}

const char *pl_speller_other_name(const pl_speller *sp)
{
	return sp->other;
}

size_t pl_speller_suggest(pl_speller *sp, const char *word, size_t len,
			  char **out, size_t max, size_t *budget)
{
	char buf[256], **list = NULL, joined[1024];
	const char *cached, *p;
	int n, i;
	size_t k = 0, o = 0;

	if (len > 64 || !pl_norm_apostrophe(word, len, buf, sizeof(buf)))
		return 0;
	if (!(cached = pl_wordlist_get(sp->sugg, buf, strlen(buf)))) {
		if (!*budget)
			return 0;
		(*budget)--;
		n = Hunspell_suggest(sp->h, &list, buf);
		for (i = 0; i < n && i < 8; i++) {
			size_t m = strlen(list[i]);
			if (o + m + 2 > sizeof(joined))
				break;
			memcpy(joined + o, list[i], m);
			o += m;
			joined[o++] = '\n';
		}
		if (list)
			Hunspell_free_list(sp->h, &list, n);
		pl_wordlist_put(sp->sugg, buf, strlen(buf), joined, o);
		cached = pl_wordlist_get(sp->sugg, buf, strlen(buf));
		if (!cached)
			return 0;
	}
	for (p = cached; *p && k < max;) {
		const char *nl = strchr(p, '\n');
		if (!nl)
			break;
		if ((out[k] = strndup(p, (size_t)(nl - p))))
			k++;
		p = nl + 1;
	}
	return k;
}

/* Try every word one edit from w (ASCII lowercase letters): deletions,
 * transpositions, substitutions and insertions; and the commonest two-edit
 * slip, two letters that should have been doubled. */
static bool near_scan(pl_speller *sp, const char *w, size_t n)
{
	char cand[80];
	size_t i;
	char c;

	for (i = 0; i < n; i++) { /* deletion */
		memcpy(cand, w, i);
		memcpy(cand + i, w + i + 1, n - i - 1);
		cand[n - 1] = '\0';
		if (n > 1 && Hunspell_spell(sp->h, cand))
			return true;
	}
	memcpy(cand, w, n);
	cand[n] = '\0';
	for (i = 0; i + 1 < n; i++) { /* transposition */
		char t = cand[i];
		cand[i] = cand[i + 1];
		cand[i + 1] = t;
		if (Hunspell_spell(sp->h, cand))
			return true;
		cand[i + 1] = cand[i];
		cand[i] = t;
	}
	for (i = 0; i < n; i++) { /* substitution */
		char orig = cand[i];
		for (c = 'a'; c <= 'z'; c++) {
			if (c == orig)
				continue;
			cand[i] = c;
			if (Hunspell_spell(sp->h, cand))
				return true;
		}
		cand[i] = orig;
	}
	for (i = 0; i + 1 < n; i++) { /* two letters doubled: "mispeled" */
		size_t j;
		for (j = i + 1; j < n && n + 2 < sizeof(cand); j++) {
			size_t o = 0, k;
			for (k = 0; k < n; k++) {
				cand[o++] = w[k];
				if (k == i || k == j)
					cand[o++] = w[k];
			}
			cand[o] = '\0';
			if (Hunspell_spell(sp->h, cand))
				return true;
		}
	}
	for (i = 0; i <= n; i++) { /* insertion */
		memcpy(cand, w, i);
		memcpy(cand + i + 1, w + i, n - i);
		cand[n + 1] = '\0';
		for (c = 'a'; c <= 'z'; c++) {
			cand[i] = c;
			if (Hunspell_spell(sp->h, cand))
				return true;
		}
	}
	return false;
}

bool pl_speller_near(pl_speller *sp, const char *word, size_t len)
{
	const char *v;
	size_t i;
	bool yes;

	if (len < 2 || len > 64)
		return false;
	for (i = 0; i < len; i++)
		if (word[i] < 'a' || word[i] > 'z')
			return true; /* not plain lowercase ASCII: no opinion, report */
	if ((v = pl_wordlist_get(sp->near, word, len)))
		return v[0] == 'y';
	yes = near_scan(sp, word, len);
	pl_wordlist_put(sp->near, word, len, yes ? "y" : "n", 1);
	return yes;
}
