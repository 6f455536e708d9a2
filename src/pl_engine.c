#include "pl_engine.h"
#include "pl_check.h"
#include "pl_error.h"
#include "pl_lines.h"
#include "pl_lock.h"
#include "pl_patterns.h"
#include "pl_speller.h"
#include "pl_suppress.h"
#include "pl_vocab.h"
#include "pl_words.h"

#include <dirent.h>
#include <pthread.h>
#include <stdatomic.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef PL_DATADIR
#define PL_DATADIR "/usr/local/share/presslint"
#endif

/* What one thread checking files keeps from document to document: its
 * view of the run's word forms and the arrays a document's setup fills
 * (memory already faulted in). */
typedef struct scratch {
	pl_words *words;
	pl_doc_buffers bufs;
	pthread_t user; /* the thread that used it last */
} scratch;

struct pl_engine {
	pl_ruleset rules;
	pl_resources res;
	pl_vocab_cache *vocab; /* the repositories' vocabularies, by folder */
	pl_words *words;       /* the run's word forms, each form's answers
				* worked out once for every thread: each
				* scratch has a view of them */
	scratch **idle;        /* scratch no document is using */
	size_t n_idle, cap_idle;
	pthread_mutex_t lock;  /* guards `vocab` and `idle` when files run in parallel */
	unsigned jobs;         /* threads the run may use (pl_engine_set_jobs) */
	atomic_uint running;   /* pl_engine_run calls under way */
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
				return dir; /* a source tree: ./presslint */
			/* an installed tree, wherever it was moved:
			 * PREFIX/bin/presslint and PREFIX/share/presslint */
			if ((slash = strrchr(dir, '/')) &&
			    (size_t)(slash - dir) + sizeof("/share/presslint") < sizeof(dir)) {
				strcpy(slash, "/share/presslint");
				if (is_data_dir(dir))
					return dir;
			}
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

/* A list of dictionaries/ (NAME.txt), read with `flags`: its index,
 * index/NAME.idx, when `make` built one from the list as it is now
 * (mkwordidx, with the same flags), else the list itself. Read and hashed
 * at every start, the typo list took a quarter of a short article's run,
 * and the proper nouns and given names 2-4 ms of its 13 ms. */
static int load_indexed(pl_wordlist **wl, const char *dicts, const char *name,
			unsigned flags)
{
	char list[PATH_MAX + 8], idx[PATH_MAX + 16];
	int n = (int)strlen(name) - 4, err; /* the name without ".txt" */

	snprintf(list, sizeof(list), "%s/%s", dicts, name);
	snprintf(idx, sizeof(idx), "%s/index/%.*s.idx", dicts, n, name);
	if ((err = pl_wordlist_open_index(wl, idx, list)) < 0 || *wl)
		return err;
	return load_list(wl, dicts, name, flags);
}

/* The parts of the proper nouns' multi-word entries
 * (pl_wordlist_phrase_parts): from their indexes when `make` built them
 * from the list as it is now, else worked out from the proper nouns
 * (1-1.5 ms of a short run). The longest entry, in words, is then one
 * more than the longest run that begins one. */
static void longest_run(const char *key, const char *value, void *ud)
{
	size_t *max = ud, words = 2;

	(void)value;
	for (; *key; key++)
		words += *key == ' ';
	if (words > *max)
		*max = words;
}

static int load_phrase_parts(pl_resources *r, const char *dicts)
{
	char list[PATH_MAX + 24], runs[PATH_MAX + 40], later[PATH_MAX + 40];
	int err;

	snprintf(list, sizeof(list), "%s/proper-nouns.txt", dicts);
	snprintf(runs, sizeof(runs), "%s/index/proper-nouns-runs.idx", dicts);
	snprintf(later, sizeof(later), "%s/index/proper-nouns-later.idx", dicts);
	if ((err = pl_wordlist_open_index(&r->proper_prefix, runs, list)) < 0 ||
	    (err = pl_wordlist_open_index(&r->proper_later, later, list)) < 0)
		return err;
	if (r->proper_prefix && r->proper_later) {
		r->proper_max_words = pl_wordlist_count(r->proper) ? 1 : 0;
		pl_wordlist_each(r->proper_prefix, longest_run, &r->proper_max_words);
		return PL_OK;
	}
	pl_wordlist_free(r->proper_prefix);
	pl_wordlist_free(r->proper_later);
	if (!(r->proper_prefix = pl_wordlist_new()) || !(r->proper_later = pl_wordlist_new()))
		return pl_error_set(PL_ENOMEM, "out of memory");
	return pl_wordlist_phrase_parts(r->proper, r->proper_prefix, r->proper_later,
					&r->proper_max_words);
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

/* The dialect list's pairs into r->dialect_pairs (room for all of them). */
static void add_pair(const char *key, const char *value, void *ud)
{
	pl_resources *r = ud;

	r->dialect_pairs[2 * r->n_dialect] = key;
	r->dialect_pairs[2 * r->n_dialect + 1] = value;
	r->n_dialect++;
}

static int cmp_pair(const void *a, const void *b)
{
	const char *const *x = a, *const *y = b;
	int c = strcmp(x[0], y[0]);

	return c ? c : strcmp(x[1], y[1]);
}

/* The dialect spellings, as pairs in a fixed order (the list's hash table
 * has none): which change is tried first does not depend on the table. */
static int load_dialect(pl_resources *r, const char *dicts)
{
	int err = load_list(&r->dialect, dicts, "dialect-spellings.txt", PL_WL_ARROW);
	size_t n;

	if (err < 0)
		return err;
	n = pl_wordlist_count(r->dialect);
	if (n && !(r->dialect_pairs = calloc(2 * n, sizeof(*r->dialect_pairs))))
		return pl_error_set(PL_ENOMEM, "out of memory");
	pl_wordlist_each(r->dialect, add_pair, r);
	if (r->n_dialect > 1)
		qsort(r->dialect_pairs, r->n_dialect, 2 * sizeof(*r->dialect_pairs), cmp_pair);
	return PL_OK;
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
	pthread_mutex_init(&eng->lock, NULL);
	eng->jobs = 1;
	PL_CHECK(pl_ruleset_init(&eng->rules));
	if (!(eng->vocab = pl_vocab_cache_new())) {
		err = pl_error_set(PL_ENOMEM, "out of memory");
		goto cleanup;
	}
	PL_CHECK(pl_vocab_cache_root(eng->vocab, NULL, 0, opts->reject_file));
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
	PL_CHECK(load_indexed(&r->typos, dicts, "typos.txt", PL_TYPO_LIST_FLAGS));
	PL_CHECK(load_indexed(&r->proper, dicts, "proper-nouns.txt", PL_WL_FOLD));
	PL_CHECK(load_indexed(&r->given_names, dicts, "given-names.txt", PL_WL_FOLD));
	PL_CHECK(load_list(&r->boilerplate, rules, "boilerplate.txt",
			   PL_WL_FOLD | PL_WL_TRIM_PUNCT));
	r->boilerplate_brief = pl_bp_filter_new(r->boilerplate); /* NULL: per file */
	PL_CHECK(load_list(&r->minor, rules, "title-case-minor.txt", PL_WL_FOLD));
	PL_CHECK(load_list(&r->abbrev, rules, "abbreviations.txt", PL_WL_FOLD));
	PL_CHECK(load_list(&r->doubled_ok, rules, "doubled-ok.txt", PL_WL_FOLD));
	PL_CHECK(load_list(&r->foreign, dicts, "foreign-function-words.txt", PL_WL_FOLD));
	PL_CHECK(load_dialect(r, dicts));
	PL_CHECK(load_phrase_parts(r, dicts));
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
	if (!(eng->words = pl_words_new(&eng->res))) {
		err = PL_ENOMEM;
		goto cleanup;
	}
	*out = eng;
	return PL_OK;
cleanup:
	pl_engine_free(eng);
	return err;
}

static void free_scratch(scratch *s)
{
	if (!s)
		return;
	pl_words_free(s->words);
	pl_doc_buffers_fini(&s->bufs);
	free(s);
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
	pl_wordlist_free(r->proper_prefix);
	pl_wordlist_free(r->proper_later);
	pl_wordlist_free(r->given_names);
	pl_wordlist_free(r->boilerplate);
	pl_bp_filter_free(r->boilerplate_brief);
	pl_wordlist_free(r->minor);
	pl_wordlist_free(r->abbrev);
	pl_wordlist_free(r->doubled_ok);
	pl_wordlist_free(r->foreign);
	pl_wordlist_free(r->dialect);
	free(r->dialect_pairs);
	pl_patterns_free(r->patterns);
	pl_ruleset_fini(&eng->rules);
	pl_vocab_cache_free(eng->vocab);
	while (eng->n_idle)
		free_scratch(eng->idle[--eng->n_idle]);
	free(eng->idle);
	pl_words_free(eng->words);
	pthread_mutex_destroy(&eng->lock);
	free(eng);
}

pl_ruleset *pl_engine_rules(pl_engine *eng)
{
	return &eng->rules;
}

void pl_engine_set_jobs(pl_engine *eng, unsigned n)
{
	eng->jobs = n ? n : 1;
}

/* Files larger than this are checked in parts of about PART_BYTES (256 KB), cut at
 * a paragraph break where there is one: memory then stays flat however
 * large the file (tokens cost several times the text). Whole-document
 * rules (names written two ways, duplicated paragraphs) see one part.
 * Either way a document handed to pl_doc_init is at most WHOLE_MAX bytes
 * (a part at most PART_BYTES * 3 / 2): far inside the 32-bit offsets of
 * a token, which pl_tokenize would otherwise refuse. */
#define WHOLE_MAX (4u << 20)
#define PART_BYTES (256u << 10)
_Static_assert(WHOLE_MAX <= UINT32_MAX && PART_BYTES * 3 / 2 <= WHOLE_MAX,
	       "every document fits a token's 32-bit offsets");

/* Where the part starting at `from` ends: a blank line after PART_BYTES
 * if one comes soon, else a line break, else a space, else a character
 * boundary. */
static size_t part_end(const char *t, size_t len, size_t from)
{
	size_t target = from + PART_BYTES, limit, i;

	if (len - from <= PART_BYTES + PART_BYTES / 2)
		return len;
	limit = target + PART_BYTES / 2;
	for (i = target; i + 1 < limit; i++)
		if (t[i] == '\n' && t[i + 1] == '\n')
			return i + 2;
	for (i = target; i < limit; i++)
		if (t[i] == '\n')
			return i + 1;
	for (i = target; i < limit; i++)
		if (t[i] == ' ')
			return i + 1;
	for (i = target; ((unsigned char)t[i] & 0xC0) == 0x80; i++)
		;
	return i;
}

/* Scratch for one document at a time: one per thread that checks files,
 * kept for the run. */
static scratch *take_scratch(pl_engine *eng)
{
	scratch *s = NULL;
	pthread_t self = pthread_self();
	size_t i;

	/* the thread's own from last time if it is there: its arrays are in
	 * this core's caches, another thread's are in another core's */
	pl_lock(&eng->lock);
	for (i = eng->n_idle; i-- > 0;)
		if (pthread_equal(eng->idle[i]->user, self))
			break;
	if (eng->n_idle) {
		if (i == SIZE_MAX)
			i = eng->n_idle - 1;
		s = eng->idle[i];
		eng->idle[i] = eng->idle[--eng->n_idle];
	}
	pthread_mutex_unlock(&eng->lock);
	if (!s) {
		if (!(s = calloc(1, sizeof(*s))) || !(s->words = pl_words_view(eng->words))) {
			free(s);
			return NULL;
		}
	}
	s->user = self;
	return s;
}

static void give_back_scratch(pl_engine *eng, scratch *s)
{
	if (!s)
		return;
	pl_lock(&eng->lock);
	if (PL_GROW(eng->idle, eng->cap_idle, eng->n_idle + 1) == 0) {
		eng->idle[eng->n_idle++] = s;
		s = NULL;
	}
	pthread_mutex_unlock(&eng->lock);
	free_scratch(s);
}

/* Check src[offset, offset + len) as a document. Its findings go to
 * `found`; *suppress is set when a suppression comment may be in it
 * (asked now, while the part's text is in the cache). */
static int check_part(pl_engine *eng, const pl_ruleset *rules,
		      const pl_source *src, size_t offset, size_t len,
		      pl_findings *found, pl_arena *arena, const pl_vocab *vocab,
		      scratch *sc, size_t *lines, bool *suppress)
{
	pl_doc doc;
	size_t first = found->n, i;
	int err = 0;

	PL_CHECK(pl_doc_init_with(&doc, src, offset, len, &eng->res, rules, found,
				  arena, sc->words, &sc->bufs));
	doc.vocab = vocab;
	doc.line_base = *lines;
	*lines += doc.n_lines ? doc.n_lines - 1 : 0;
	/* artifacts first: the spelling rules skip text they claimed */
	pl_check_encoding(&doc);
	pl_check_artifacts(&doc);
	pl_check_patterns(&doc);
	PL_CHECK(pl_doc_claim_artifacts(&doc));
	pl_check_spacing(&doc);
	pl_check_spelling(&doc);
	pl_check_names(&doc);
	pl_check_case(&doc);
	for (i = first; i < found->n; i++) {
		found->v[i].start += offset;
		found->v[i].end += offset;
	}
	if (!*suppress)
		*suppress = pl_suppress_maybe(src->orig ? src->orig : src->text, offset,
					      offset + len);
cleanup:
	pl_doc_fini(&doc);
	return err;
}

/* The parts of a large file, checked by several threads at once, each
 * taking the next part not yet taken. Parts are independent but for the
 * line each starts on, counted first: output is the same, byte for byte,
 * as when one thread checks them in turn. */
typedef struct part {
	size_t at, len, line_base;
	pl_findings found;
	bool suppress; /* check_part's */
} part;

typedef struct parts {
	pl_engine *eng;
	const pl_source *src;
	const pl_ruleset *rules;
	const pl_vocab *vocab;
	part *v;
	size_t n;
	atomic_size_t next;
	atomic_int failed;
} parts;

typedef struct part_thread {
	parts *ps;
	pl_arena *arena; /* the findings' strings, until the run adopts them */
	int err;
	char msg[256];   /* pl_error_last() of a thread that failed */
	pthread_t tid;
} part_thread;

static void *check_parts(void *arg)
{
	part_thread *pt = arg;
	parts *ps = pt->ps;
	scratch *sc = take_scratch(ps->eng);
	size_t k;

	if (!sc)
		pt->err = pl_error_set(PL_ENOMEM, "out of memory");
	while (!pt->err && !atomic_load(&ps->failed) &&
	       (k = atomic_fetch_add(&ps->next, 1)) < ps->n) {
		part *p = &ps->v[k];
		size_t lines = p->line_base;

		pt->err = check_part(ps->eng, ps->rules, ps->src, p->at, p->len, &p->found,
				     pt->arena, ps->vocab, sc, &lines, &p->suppress);
	}
	if (pt->err) {
		atomic_store(&ps->failed, 1);
		snprintf(pt->msg, sizeof(pt->msg), "%s", pl_error_last());
	}
	give_back_scratch(ps->eng, sc);
	return NULL;
}

/* Check src's parts on this thread and up to `helpers` more; their
 * findings are appended to out->found in the parts' order, and
 * *suppress set if a part may hold a suppression comment. */
static int run_parts(pl_engine *eng, const pl_source *src, const pl_ruleset *rules,
		     pl_result *out, unsigned helpers, bool *suppress)
{
	parts ps = { eng, src, rules, out->vocab, NULL, 0, 0, 0 };
	part_thread *pt = NULL;
	size_t at = 0, cap = 0, lines = 0, i, k, started = 0;
	int err = 0;

	while (at < src->len) {
		size_t end = part_end(src->text, src->len, at);
		PL_CHECK(PL_GROW(ps.v, cap, ps.n + 1));
		ps.v[ps.n++] = (part){ at, end - at, lines, { 0 }, false };
		/* a part never ends between the CR and LF of a CRLF
		 * (part_end cuts after an LF or a space): the tokenizer
		 * counts the breaks of each part as pl_lines does */
		lines += pl_lines_breaks(src->text, at, end);
		at = end;
	}
	if (helpers > ps.n - 1)
		helpers = (unsigned)(ps.n - 1);
	if (!(pt = calloc(helpers + 1, sizeof(*pt)))) {
		err = pl_error_set(PL_ENOMEM, "out of memory");
		goto cleanup;
	}
	for (i = 0; i <= helpers; i++) {
		pt[i].ps = &ps;
		if (!(pt[i].arena = i ? pl_arena_new() : out->arena)) {
			err = pl_error_set(PL_ENOMEM, "out of memory");
			goto join;
		}
	}
	/* a thread that cannot be had leaves its share to the others */
	for (i = 1; i <= helpers; i++)
		if (pthread_create(&pt[i].tid, NULL, check_parts, &pt[i]) == 0)
			started = i;
		else
			break;
	check_parts(&pt[0]);
join:
	for (i = 1; i <= started; i++)
		pthread_join(pt[i].tid, NULL);
	for (i = 0; pt && i <= helpers; i++) {
		if (!err && pt[i].err)
			err = pl_error_set(pt[i].err, "%s", pt[i].msg);
		if (i)
			pl_arena_adopt(out->arena, pt[i].arena);
	}
	for (k = 0; !err && k < ps.n; k++) {
		pl_findings *f = &ps.v[k].found;
		if (f->n && PL_GROW(out->found.v, out->found.cap, out->found.n + f->n) < 0) {
			err = pl_error_set(PL_ENOMEM, "out of memory");
			break;
		}
		if (f->n)
			memcpy(out->found.v + out->found.n, f->v, f->n * sizeof(*f->v));
		out->found.n += f->n;
		*suppress |= ps.v[k].suppress;
	}
cleanup:
	for (k = 0; k < ps.n; k++)
		pl_findings_fini(&ps.v[k].found);
	free(ps.v);
	free(pt);
	return err;
}

/* Threads free for a large file's parts: what the run may use less what
 * checks other files now, this one counted. */
static unsigned free_helpers(pl_engine *eng)
{
	unsigned busy = atomic_load(&eng->running);

	return eng->jobs > busy ? eng->jobs - busy : 0;
}

/* Check src's parts, or src whole, on this thread (*suppress as
 * run_parts sets it). */
static int run_here(pl_engine *eng, const pl_source *src, const pl_ruleset *rules,
		    pl_result *out, bool *suppress)
{
	size_t at = 0, end, lines = 0;
	scratch *sc = take_scratch(eng);
	int err = 0;

	if (!sc)
		return pl_error_set(PL_ENOMEM, "out of memory");
	do {
		end = src->len <= WHOLE_MAX ? src->len : part_end(src->text, src->len, at);
		PL_CHECK(check_part(eng, rules, src, at, end - at, &out->found, out->arena,
				    out->vocab, sc, &lines, suppress));
		at = end;
	} while (at < src->len);
cleanup:
	give_back_scratch(eng, sc);
	return err;
}

int pl_engine_run(pl_engine *eng, const pl_source *src, const pl_ruleset *rules,
		  pl_result *out)
{
	unsigned helpers;
	bool suppress = false;
	int err = 0;

	memset(out, 0, sizeof(*out));
	if (!rules)
		rules = &eng->rules;
	out->rules = rules;
	if (!(out->arena = pl_arena_new()))
		return pl_error_set(PL_ENOMEM, "out of memory");
	pl_lock(&eng->lock);
	err = pl_vocab_for(&out->vocab, eng->vocab, src->path);
	pthread_mutex_unlock(&eng->lock);
	if (err < 0)
		goto cleanup;
	atomic_fetch_add(&eng->running, 1);
	if (src->len > WHOLE_MAX && (helpers = free_helpers(eng)) > 0)
		err = run_parts(eng, src, rules, out, helpers, &suppress);
	else
		err = run_here(eng, src, rules, out, &suppress);
	atomic_fetch_sub(&eng->running, 1);
	if (err < 0)
		goto cleanup;
	if (suppress)
		PL_CHECK(pl_suppress_apply(&out->found, rules,
					   src->orig ? src->orig : src->text, src->len,
					   src->body, src->syntax != 0));
	pl_findings_sort(&out->found);
	return PL_OK;
cleanup:
	pl_result_fini(out);
	return err;
}

void pl_result_fini(pl_result *r)
{
	pl_findings_fini(&r->found);
	pl_arena_free(r->arena);
	memset(r, 0, sizeof(*r));
}

void pl_engine_view(pl_engine *eng, const pl_source *src, pl_result *res,
		    pl_doc *doc)
{
	memset(doc, 0, sizeof(*doc));
	doc->src = src;
	doc->text = src->text;
	doc->len = src->len;
	doc->body = src->body;
	doc->rules = res->rules ? res->rules : &eng->rules;
	doc->res = &eng->res;
	doc->arena = res->arena;
	doc->out = &res->found;
	doc->vocab = res->vocab;
}

int pl_engine_check(pl_engine *eng, const pl_source *src, pl_emit_fn emit,
		    void *ud)
{
	pl_result res;
	pl_doc whole;
	int err;

	if ((err = pl_engine_run(eng, src, NULL, &res)) < 0)
		return err;
	pl_engine_view(eng, src, &res, &whole);
	err = emit ? emit(&whole, &res.found, ud) : 0;
	pl_result_fini(&res);
	return err;
}
