#include "pl_engine.h"
#include "pl_check.h"
#include "pl_error.h"
#include "pl_patterns.h"
#include "pl_speller.h"
#include "pl_suppress.h"
#include "pl_vocab.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef PL_DATADIR
#define PL_DATADIR "/usr/local/share/presslint"
#endif

struct pl_engine {
	pl_ruleset rules;
	pl_resources res;
	pl_vocab_cache *vocab; /* the repositories' vocabularies, by folder */
};

static bool is_data_dir(const char *dir)
{
	char p[PATH_MAX];
	struct stat st;

	snprintf(p, sizeof(p), "%s/rules/boilerplate.txt", dir);
	return stat(p, &st) == 0;
}

const char *pl_engine_data_dir(const char *argv0)
{
	static char dir[PATH_MAX];
	const char *env = getenv("PRESSLINT_DATA");
	ssize_t n;
	char *slash;

	if (env && *env)
		return env;
	n = readlink("/proc/self/exe", dir, sizeof(dir) - 1);
	if (n <= 0 && argv0 && strlen(argv0) < sizeof(dir)) {
		strcpy(dir, argv0);
		n = (ssize_t)strlen(dir);
	}
	if (n > 0) {
		dir[n] = '\0';
		if ((slash = strrchr(dir, '/'))) {
			*slash = '\0';
			if (is_data_dir(dir))
				return dir;
		}
	}
	return PL_DATADIR;
}

static int load_list(pl_wordlist **wl, const char *dir, const char *name,
		     unsigned flags)
{
	char path[PATH_MAX];

	if (!*wl && !(*wl = pl_wordlist_new()))
		return pl_error_set(PL_ENOMEM, "out of memory");
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return pl_wordlist_load(*wl, path, flags);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every *.rules file in `dir`, in name order so rule order is stable. */
static int load_rule_dir(pl_engine *eng, const char *dir, const char *list_dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL, path[PATH_MAX];
	size_t n = 0, cap = 0, i;
	int err = 0;

	if (!d)
		return pl_error_set(PL_EIO, "%s: cannot open rules folder", dir);
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		if (len < 7 || strcmp(e->d_name + len - 6, ".rules") != 0)
			continue;
		PL_CHECK(PL_GROW(names, cap, n + 1));
		if (!(names[n] = strdup(e->d_name))) {
			err = PL_ENOMEM;
			goto cleanup;
		}
		n++;
	}
	if (n > 1)
		qsort(names, n, sizeof(*names), cmp_str);
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		PL_CHECK(pl_patterns_load(eng->res.patterns, &eng->rules, path,
					  list_dir));
	}
cleanup:
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	closedir(d);
	return err;
}

static void count_words(const char *key, const char *value, void *ud)
{
	size_t *max = ud, words = 1;
	(void)value;
	for (; *key; key++)
		if (*key == ' ')
			words++;
	if (words > *max)
		*max = words;
}

int pl_engine_new(pl_engine **out, const pl_engine_options *opts)
{
	pl_engine *eng = calloc(1, sizeof(*eng));
	pl_resources *r;
	char rules[PATH_MAX], dicts[PATH_MAX];
	const char *data = opts->data_dir ? opts->data_dir : pl_engine_data_dir(NULL);
	int err = 0;
	size_t i;

	*out = NULL;
	if (!eng)
		return pl_error_set(PL_ENOMEM, "out of memory");
	r = &eng->res;
	snprintf(rules, sizeof(rules), "%s/rules", data);
	snprintf(dicts, sizeof(dicts), "%s/dictionaries", data);
	if (!is_data_dir(data)) {
		err = pl_error_set(PL_ENOTFOUND, "no presslint data in %s (set "
				   "PRESSLINT_DATA to the folder holding rules/ and "
				   "dictionaries/)", data);
		goto cleanup;
	}
	PL_CHECK(pl_ruleset_init(&eng->rules));
	if (!(eng->vocab = pl_vocab_cache_new())) {
		err = pl_error_set(PL_ENOMEM, "out of memory");
		goto cleanup;
	}
	if (!opts->no_spelling) {
		char idx[PATH_MAX + 8];
		snprintf(idx, sizeof(idx), "%s/index", dicts);
		PL_CHECK(pl_speller_new(&r->speller, opts->lang, idx));
	}
	PL_CHECK(load_list(&r->accept, dicts, "words.txt", 0));
	for (i = 0; i < opts->n_word_files; i++)
		PL_CHECK(pl_wordlist_load(r->accept, opts->word_files[i], 0));
	if (!(r->reject = pl_wordlist_new())) {
		err = PL_ENOMEM;
		goto cleanup;
	}
	PL_CHECK(load_list(&r->typos, dicts, "typos.txt", PL_WL_ARROW | PL_WL_FOLD));
	PL_CHECK(load_list(&r->proper, dicts, "proper-nouns.txt", PL_WL_FOLD));
	PL_CHECK(load_list(&r->given_names, dicts, "given-names.txt", PL_WL_FOLD));
	PL_CHECK(load_list(&r->boilerplate, rules, "boilerplate.txt",
			   PL_WL_FOLD | PL_WL_TRIM_PUNCT));
	PL_CHECK(load_list(&r->minor, rules, "title-case-minor.txt", PL_WL_FOLD));
	PL_CHECK(load_list(&r->abbrev, rules, "abbreviations.txt", PL_WL_FOLD));
	PL_CHECK(load_list(&r->doubled_ok, rules, "doubled-ok.txt", PL_WL_FOLD));
	PL_CHECK(load_list(&r->foreign, dicts, "foreign-function-words.txt", PL_WL_FOLD));
	pl_wordlist_each(r->proper, count_words, &r->proper_max_words);
	if (!(r->patterns = pl_patterns_new())) {
		err = PL_ENOMEM;
		goto cleanup;
	}
	PL_CHECK(load_rule_dir(eng, rules, dicts));
	for (i = 0; i < opts->n_rule_dirs; i++)
		PL_CHECK(load_rule_dir(eng, opts->rule_dirs[i], dicts));
	if (opts->no_spelling) {
		pl_ruleset_enable(&eng->rules, "spelling", false);
	}
	*out = eng;
	return PL_OK;
cleanup:
	pl_engine_free(eng);
	return err;
}

void pl_engine_free(pl_engine *eng)
{
	pl_resources *r;

	if (!eng)
		return;
	r = &eng->res;
	pl_speller_free(r->speller);
	pl_wordlist_free(r->accept);
	pl_wordlist_free(r->reject);
	pl_wordlist_free(r->typos);
	pl_wordlist_free(r->proper);
	pl_wordlist_free(r->given_names);
	pl_wordlist_free(r->boilerplate);
	pl_wordlist_free(r->minor);
	pl_wordlist_free(r->abbrev);
	pl_wordlist_free(r->doubled_ok);
	pl_wordlist_free(r->foreign);
	pl_patterns_free(r->patterns);
	pl_ruleset_fini(&eng->rules);
	pl_vocab_cache_free(eng->vocab);
	free(eng);
}

pl_ruleset *pl_engine_rules(pl_engine *eng)
{
	return &eng->rules;
}

int pl_engine_check(pl_engine *eng, const pl_source *src, pl_emit_fn emit,
		    void *ud)
{
	pl_findings found = { 0 };
	pl_doc doc;
	int err = 0;

	const pl_vocab *vocab = NULL;

	memset(&doc, 0, sizeof(doc));
	PL_CHECK(pl_vocab_for(&vocab, eng->vocab, src->path));
	PL_CHECK(pl_doc_init(&doc, src, &eng->res, &eng->rules, &found));
	doc.vocab = vocab;
	/* artifacts first: the spelling rules skip text they claimed */
	pl_check_encoding(&doc);
	pl_check_artifacts(&doc);
	pl_check_patterns(&doc);
	PL_CHECK(pl_doc_claim_artifacts(&doc));
	pl_check_spacing(&doc);
	pl_check_spelling(&doc);
	pl_check_names(&doc);
	pl_check_case(&doc);
	PL_CHECK(pl_suppress_apply(&found, &eng->rules, src->orig ? src->orig : src->text,
				   src->len, src->body, src->syntax != 0));
	pl_findings_sort(&found);
	err = emit ? emit(&doc, &found, ud) : 0;
cleanup:
	pl_doc_fini(&doc);
	pl_findings_fini(&found);
	return err;
}
