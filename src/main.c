/* main.c - the presslint command: options, paths, exit status. */
#include "pl_engine.h"
#include "pl_arena.h"
#include "pl_config.h"
#include "pl_error.h"
#include "pl_fix.h"
#include "pl_lock.h"
#include "pl_markup.h"
#include "pl_output.h"
#include "pl_speller.h"

#include <dirent.h>
#include <pthread.h>
#include <stdarg.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef PL_VERSION
#define PL_VERSION "0.1.0"
#endif

static const char usage[] =
"Usage: presslint [OPTIONS] PATH...\n"
"Proofread news copy: spelling, spacing, capitalization and scraper artifacts.\n"
"\n"
"PATH is a file, a folder (searched recursively for .txt .md .markdown .html\n"
".htm files; hidden folders are skipped) or - for standard input.\n"
"\n"
"Options:\n"
"  -l, --lang LANG        Hunspell dictionary to use (default en_US; en_GB and\n"
"                         any other installed dictionary work)\n"
"  -d, --disable RULES    turn rules off: comma-separated ids or families\n"
"                         (\"spacing\", \"spelling.misspelling\", \"all\")\n"
"  -e, --enable RULES     turn rules on again (applied in order with --disable)\n"
"      --list-rules       print every rule with its severity and summary\n"
"      --rules DIR        also load the *.rules pattern files in DIR\n"
"      --words FILE       also accept the words in FILE (one a line)\n"
"      --columns MODE     count columns in 'char' (default) or 'byte'\n"
"      --syntax SYNTAX    'auto' (default: .md .markdown are Markdown, .html\n"
"                         .htm HTML, the rest and standard input plain text),\n"
"                         'plain', 'markdown' or 'html'; only prose is checked\n"
"  -f, --format FORMAT    'gcc' (default): path:line:col: severity: message [rule]\n"
"                         'json': an array of finding objects\n"
"                         'sarif': SARIF 2.1.0, for code scanning\n"
"                         'github': GitHub Actions annotations\n"
"  -q, --quiet            print no findings; only the exit status tells\n"
"  -j, --jobs N           check N files at a time (default: one per processor),\n"
"                         and the parts of a file over 4 MB when fewer files\n"
"                         are left than threads; the output is the same for any N\n"
"      --summary          print counts by rule and a total line at the end\n"
"      --fix              rewrite files with every safe fix: spacing after\n"
"                         punctuation, known typos, proper-noun casing, HTML\n"
"                         entities, invisible characters, mojibake, doubled\n"
"                         words, boilerplate lines (atomically; a file that\n"
"                         changed since it was read is left alone). Findings\n"
"                         with no safe fix are still reported.\n"
"      --diff             print the safe fixes as a unified diff; write nothing\n"
"      --config FILE      read settings from FILE for every file, instead of\n"
"                         the nearest .presslint above each checked file\n"
"      --no-config        read no .presslint file\n"
"      --data-dir DIR     folder holding rules/ and dictionaries/\n"
"  -V, --version          print the version and exit\n"
"  -h, --help             print this help and exit\n"
"\n"
"Exit status: 0 no findings, 1 findings, 2 usage or I/O error (the other\n"
"files are still checked).\n"
"Environment: PRESSLINT_DATA (data folder), DICPATH (Hunspell folders),\n"
"NO_COLOR (no colour even on a terminal).\n";

static const char *const extensions[] = { ".txt", ".md", ".markdown", ".html",
					   ".htm" };

typedef struct toggle {
	const char *spec;
	bool on;
} toggle;

typedef struct run {
	pl_engine *eng;
	pl_output out;
	int status;    /* 0, 1 or 2 */
	int syntax;    /* pl_syntax, or PL_SYNTAX_AUTO */
	bool fix;      /* --fix: write the safe fixes back */
	bool syntax_given;        /* --syntax: configurations do not choose */
	bool stderr_tty;          /* progress lines go to a terminal */
	bool no_config;           /* --no-config */
	pl_config *config;        /* --config FILE, used for every file */
	const pl_ruleset *base;   /* the rules before --enable/--disable */
	const struct toggle *toggles; /* --enable/--disable, in order */
	size_t n_toggles;
	pthread_mutex_t config_lock;
	pl_config **configs;      /* .presslint files found so far */
	size_t n_configs, cap_configs;
	/* the folder of the file asked last, as written, and its .presslint
	 * ("" for none): files come folder by folder, and finding it costs a
	 * system call for each folder up to the root */
	char config_dir[PATH_MAX], config_found[PATH_MAX];
	bool have_config_dir;
	bool diff;     /* --diff: print them as a unified diff */
	size_t fixed;  /* fixes applied (or shown) in the run */
} run;

typedef struct dirid {
	dev_t dev;
	ino_t ino;
} dirid;

typedef struct walk {
	dirid *seen;
	size_t n, cap;
} walk;

static void fail(run *r, const char *msg)
{
	fprintf(stderr, "presslint: %s\n", msg);
	r->status = 2;
}

/* With --fix or --diff: the safe fixes are applied (or shown), and only the
 * findings they do not settle are reported. */
static int emit_fixed(const pl_doc *doc, const pl_findings *f, void *ud)
{
	run *r = ud;
	const pl_source *src = doc->src;
	const char *text = src->orig ? src->orig : src->text;
	pl_findings rest = { 0 };
	pl_edits edits;
	char *fixed = NULL;
	size_t fixed_len, i, k;
	int err = 0;

	if (src->n_invalid || src->n_nul || strcmp(src->path, "<stdin>") == 0 ||
	    (r->fix && src->body)) {
		/* what could not be read exactly cannot be written back */
		if (f->n && (r->fix || r->diff))
			fprintf(stderr, "presslint: %s: %s; not fixed\n", src->path,
				strcmp(src->path, "<stdin>") == 0 ? "standard input" :
				src->body ? "starts with a byte order mark" :
				"not valid UTF-8 text");
		return r->diff ? 0 : pl_output_doc(doc, f, &r->out);
	}
	PL_CHECK(pl_fix_collect(&edits, f, doc->rules, text, src->len));
	if (r->diff) {
		pl_fix_diff(stdout, src->path, text, src->len, &edits);
	} else if (edits.n) {
		PL_CHECK(pl_fix_apply(&fixed, &fixed_len, text, src->len, &edits));
		if (pl_fix_write(src->path, text, src->len, fixed, fixed_len) < 0) {
			fprintf(stderr, "presslint: %s\n", pl_error_last());
			r->status = 2;
			edits.n = 0; /* nothing was fixed: report everything */
		} else {
			fprintf(stderr, "presslint: %s: %zu fix%s applied\n", src->path,
				edits.n, edits.n == 1 ? "" : "es");
		}
	}
	r->fixed += edits.n;
	if (!r->diff) {
		/* report what is left: findings no applied edit settles */
		rest.v = malloc((f->n + 1) * sizeof(*rest.v));
		if (!rest.v) {
			err = PL_ENOMEM;
			goto cleanup;
		}
		for (i = 0, k = 0; i < f->n; i++) {
			while (k < edits.n && edits.v[k].finding < i)
				k++;
			if (k < edits.n && edits.v[k].finding == i)
				continue;
			rest.v[rest.n++] = f->v[i];
		}
		err = pl_output_doc(doc, &rest, &r->out);
	}
cleanup:
	pl_edits_fini(&edits);
	free(rest.v);
	free(fixed);
	return err;
}

/* ---- jobs: one file each, checked by workers, reported in order ---------- */

typedef struct job {
	char *path;       /* NULL: the job only carries a note; else in
			   * jobs.paths */
	char *note;       /* text for standard error, printed in order */
	pl_source *src;   /* filled by a worker, with res */
	pl_result *res;   /* filled by a worker: the findings, NULL unless
			   * the file was checked */
	pl_ruleset *rules; /* the file's own, when a configuration applies */
	size_t next_spent; /* the owner's next spent job, plus one */
	int status;       /* the exit status the note implies (0 or 2) */
	unsigned owner;   /* the thread that checked it: 0 this one, else a
			   * worker's number */
	bool done;
} job;
/* A folder's jobs are made at once, in memory first touched then: some
 * 11 us a page here. With the findings and the rules inline a job took
 * 128 bytes, and 4,964 of them 1.3-3.0 ms to make (0.9-2.7 ms now). */
_Static_assert(sizeof(job) <= 64, "a job fits a cache line");

typedef struct jobs {
	job *v;
	size_t n, cap;
	/* every job's path, freed once after the run: a folder of 5,000
	 * files took a malloc each, and the walk's first touch of that
	 * memory was most of its 7 ms (page faults here cost some 11 us) */
	pl_arena *paths;
	/* the parallel run */
	pthread_mutex_t lock;
	/* each waiter is woken only when what it waits for happens: a
	 * wake-up is a system call, and files take a tenth of a millisecond */
	pthread_cond_t done;  /* the reporter waits for job `awaited` */
	pthread_cond_t room;  /* workers wait for the window to move */
	size_t awaited;       /* the job the reporter waits for, or n */
	size_t room_waiters;  /* workers waiting on `room` */
	size_t next;      /* the next job a worker takes */
	size_t emitted;   /* jobs reported so far */
	size_t window;    /* how far workers may run ahead of the reporting */
	size_t held;      /* bytes of the files checked and not yet reported */
	size_t spent[64]; /* by worker: its first job reported and not yet
			   * freed, plus one */
	run *r;
} jobs;

/* Workers run ahead of the reporting by up to WINDOW files a thread (the
 * wider the window, the less often a thread waits for a slow file before
 * it to be reported: 4 a thread cost 4% of a -j 2 run over 4,964 small
 * files against 64), but no further once the files checked and waiting
 * hold HELD_MAX bytes of text: a run over large files keeps few of them. */
#define WINDOW 64
#define HELD_MAX ((size_t)32 << 20)

/* May a thread start job js->next? The caller holds the lock. */
static bool room(const jobs *js)
{
	return js->next < js->emitted + js->window && js->held < HELD_MAX;
}

/* Job k is checked: its text is held until it is reported. The caller
 * holds the lock. */
static void checked(jobs *js, size_t k)
{
	js->v[k].done = true;
	if (js->v[k].res)
		js->held += js->v[k].src->len;
}

static int add_job(jobs *js, const char *path, int status, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Room for `more` jobs. A walk asks for a folder's files at once: the
 * array is made as large as they need, not the next power of two, and
 * mapped in one call (pl_grow's doubling mapped a thousand jobs more than
 * a folder of 5,000 files needed). */
static int reserve_jobs(jobs *js, size_t more)
{
	size_t need = js->n + more;

	if (need <= js->cap)
		return PL_OK;
	return pl_resize((void **)&js->v, &js->cap,
			 need > js->cap + js->cap / 2 ? need : js->cap + js->cap / 2,
			 sizeof(*js->v));
}

/* Room for a path of `len` bytes and its NUL, kept for the run in
 * js->paths. */
static char *path_room(jobs *js, size_t len)
{
	if (!js->paths && !(js->paths = pl_arena_new()))
		return NULL;
	return pl_arena_alloc(js->paths, len + 1);
}

/* A job for `path`, already kept (path_room), or for a note alone. Takes
 * the note (malloc'd). */
static int add_kept(jobs *js, char *path, int status, char *note)
{
	job *j;

	if (reserve_jobs(js, 1) < 0) {
		free(note);
		return PL_ENOMEM;
	}
	j = &js->v[js->n++];
	memset(j, 0, sizeof(*j));
	j->status = status;
	j->path = path;
	j->note = note;
	return PL_OK;
}

static int add_job(jobs *js, const char *path, int status, const char *fmt, ...)
{
	char *kept = NULL, *note = NULL;
	va_list ap;

	if (path) {
		if (!(kept = path_room(js, strlen(path))))
			return PL_ENOMEM;
		strcpy(kept, path);
	}
	if (fmt) {
		va_start(ap, fmt);
		if (vasprintf(&note, fmt, ap) < 0)
			note = NULL;
		va_end(ap);
	}
	return add_kept(js, kept, status, note);
}

/* pl_config_find(), once a folder. A job's path names a file, never a
 * folder (the walk and add_path() see to that), so the folder is what
 * comes before its last slash; "-" and a bare name are looked up as
 * before. */
static bool find_config(run *r, const char *path, char *found, size_t size)
{
	const char *slash = strrchr(path, '/');
	size_t n = slash ? (size_t)(slash - path) : 0;
	bool hit = false, ok;

	if (!slash || n >= sizeof(r->config_dir))
		return pl_config_find(path, found, size);
	pl_lock(&r->config_lock);
	if (r->have_config_dir && strncmp(r->config_dir, path, n) == 0 &&
	    r->config_dir[n] == '\0') {
		hit = true;
		snprintf(found, size, "%s", r->config_found);
	}
	pthread_mutex_unlock(&r->config_lock);
	if (hit)
		return found[0] != '\0';
	ok = pl_config_find(path, found, size);
	pl_lock(&r->config_lock);
	memcpy(r->config_dir, path, n);
	r->config_dir[n] = '\0';
	snprintf(r->config_found, sizeof(r->config_found), "%s", ok ? found : "");
	r->have_config_dir = true;
	pthread_mutex_unlock(&r->config_lock);
	return ok;
}

/* The configuration for `path`: --config, or the nearest .presslint (each
 * read once, whichever thread asks first). NULL when none applies. */
static int config_for(run *r, const char *path, const pl_config **out)
{
	char found[PATH_MAX];
	size_t i;
	int err = 0;

	*out = NULL;
	if (r->no_config)
		return PL_OK;
	if (r->config) {
		*out = r->config;
		return PL_OK;
	}
	if (!find_config(r, path, found, sizeof(found)))
		return PL_OK;
	pl_lock(&r->config_lock);
	for (i = 0; i < r->n_configs; i++)
		if (strcmp(pl_config_path(r->configs[i]), found) == 0)
			break;
	if (i == r->n_configs) {
		pl_config *c = NULL;
		if ((err = pl_config_load(&c, found)) == 0 &&
		    (err = pl_config_validate(c, r->base)) == 0 &&
		    (err = PL_GROW(r->configs, r->cap_configs, r->n_configs + 1)) == 0)
			r->configs[r->n_configs++] = c;
		else
			pl_config_free(c);
	}
	for (i = 0; err == 0 && i < r->n_configs; i++)
		if (strcmp(pl_config_path(r->configs[i]), found) == 0)
			*out = r->configs[i];
	pthread_mutex_unlock(&r->config_lock);
	return err;
}

/* The rules for one file: the defaults, its configuration, then the
 * command line's --enable and --disable, which have the last word. */
static int rules_for(run *r, const pl_config *c, const char *path, pl_ruleset *out)
{
	size_t i;
	int err;

	if ((err = pl_ruleset_copy(out, r->base)) < 0)
		return err;
	if ((err = pl_config_apply_rules(c, path, out)) < 0)
		goto fail;
	for (i = 0; i < r->n_toggles; i++)
		if ((err = pl_ruleset_enable(out, r->toggles[i].spec, r->toggles[i].on)) < 0)
			goto fail;
	return PL_OK;
fail:
	pl_ruleset_copy_free(out);
	return err;
}

/* The rules of a file a configuration applies to, in j->rules. */
static int file_rules(run *r, const pl_config *cfg, job *j)
{
	int err;

	if (!(j->rules = calloc(1, sizeof(*j->rules))))
		return pl_error_set(PL_ENOMEM, "out of memory");
	if ((err = rules_for(r, cfg, j->path, j->rules)) < 0) {
		free(j->rules);
		j->rules = NULL;
	}
	return err;
}

/* Load, mask and check one file (any thread). */
static void process(run *r, job *j)
{
	pl_source *src = NULL;
	pl_result *res = NULL;
	const pl_config *cfg = NULL;
	const char *syn;
	int syntax = r->syntax;

	if (config_for(r, j->path, &cfg) < 0 || (cfg && file_rules(r, cfg, j) < 0)) {
		j->note = strdup(pl_error_last());
		j->status = 2;
		return;
	}
	if (cfg && !r->syntax_given && (syn = pl_config_get_for(cfg, j->path, "syntax")))
		syntax = pl_syntax_parse(syn);

	if (pl_source_load(&src, j->path) < 0) {
		j->note = strdup(pl_error_last());
		j->status = 2;
		return;
	}
	if (src->wide) {
		asprintf(&j->note, "%s: %s text, not UTF-8: skipped (convert with "
			 "iconv -f %.6s -t UTF-8)", src->path, src->wide, src->wide);
		j->status = 2;
	} else if (pl_source_looks_binary(src->text, src->len)) {
		asprintf(&j->note, "%s: binary file, skipped", src->path);
	} else if (!(res = malloc(sizeof(*res)))) {
		asprintf(&j->note, "%s: out of memory", src->path);
		j->status = 2;
	} else if (pl_markup_apply(src, strcmp(j->path, "-") == 0 &&
					syntax == PL_SYNTAX_AUTO ?
				   PL_SYNTAX_PLAIN : (pl_syntax)syntax) < 0 ||
		   pl_engine_run(r->eng, src, j->rules, res) < 0) {
		/* pl_engine_run leaves nothing in res when it fails */
		asprintf(&j->note, "%s: %s", src->path, pl_error_last());
		j->status = 2;
	} else {
		j->src = src;
		j->res = res;
		return;
	}
	free(res);
	pl_source_free(src);
}

/* Free what a job holds. */
static void release(job *j)
{
	if (j->res) {
		pl_result_fini(j->res);
		free(j->res);
		pl_source_free(j->src);
	}
	free(j->note);
	if (j->rules) {
		pl_ruleset_copy_free(j->rules);
		free(j->rules);
	}
	memset(j, 0, sizeof(*j));
}

/* Report a job: its note, its findings, its part in the exit status. */
static void report(run *r, job *j)
{
	size_t before = r->out.findings;

	if (j->note)
		fprintf(stderr, "presslint: %s\n", j->note);
	if (j->status > r->status)
		r->status = j->status;
	if (j->res) {
		pl_doc view;
		pl_engine_view(r->eng, j->src, j->res, &view);
		if ((r->fix || r->diff ? emit_fixed(&view, &j->res->found, r) :
					 pl_output_doc(&view, &j->res->found, &r->out)) < 0)
			fail(r, pl_error_last());
		if (r->out.findings > before && r->status == 0)
			r->status = 1;
	}
}

/* Report one checked file (the main thread, in order), and free it. */
static void finish(run *r, job *j)
{
	report(r, j);
	release(j);
}

/* Free the spent jobs of a worker's list, from `first` (an index plus
 * one), taken off the list under the lock: memory goes back to the thread
 * that allocated it. Freed by the reporting thread, a file's text and
 * findings each waited on the worker's malloc arena lock while the
 * worker used it: at -j 2 over small files, 30% of the reporting thread's
 * context switches. */
static void release_spent(jobs *js, size_t first)
{
	while (first) {
		job *j = &js->v[first - 1];
		first = j->next_spent;
		release(j);
	}
}

/* A progress line on a terminal for runs of many files, cleared at the
 * end; never when standard error is a pipe or a file. */
static void progress(run *r, size_t done, size_t total)
{
	static bool shown;

	if (total < 100 || r->out.quiet || !r->stderr_tty)
		return;
	if (done >= total) {
		if (shown)
			fputs("\r\033[K", stderr);
		shown = false;
		return;
	}
	if (done % 50 == 0) {
		fprintf(stderr, "\r\033[Kpresslint: %zu of %zu files", done, total);
		shown = true;
	}
}

typedef struct worker_arg {
	jobs *js;
	unsigned id; /* 1, 2, ... */
} worker_arg;

static void *worker(void *arg)
{
	jobs *js = ((worker_arg *)arg)->js;
	unsigned me = ((worker_arg *)arg)->id;

	for (;;) {
		size_t i, spent;
		pl_lock(&js->lock);
		while (js->next < js->n && !room(js)) {
			js->room_waiters++;
			pthread_cond_wait(&js->room, &js->lock);
			js->room_waiters--;
		}
		i = js->next < js->n ? js->next++ : js->n;
		spent = js->spent[me];
		js->spent[me] = 0;
		pthread_mutex_unlock(&js->lock);
		release_spent(js, spent);
		if (i >= js->n)
			return NULL;
		js->v[i].owner = me;
		if (js->v[i].path)
			process(js->r, &js->v[i]);
		pl_lock(&js->lock);
		checked(js, i);
		if (js->awaited == i)
			pthread_cond_signal(&js->done);
		pthread_mutex_unlock(&js->lock);
	}
}

/* Check every job on `threads` threads, and report them in order: the
 * output is the same whatever the number of threads. This thread reports,
 * and checks files itself whenever the next one to report is not ready:
 * files take a tenth of a millisecond, and sleeping until another thread
 * wakes it would cost as much. */
static void run_jobs(run *r, jobs *js, size_t threads)
{
	pthread_t tid[64];
	worker_arg args[64];
	size_t i, started = 0, len;
	unsigned owner;

	if (threads > PL_ARRAY_LEN(tid))
		threads = PL_ARRAY_LEN(tid);
	if (threads > js->n)
		threads = js->n;
	if (threads <= 1) {
		for (i = 0; i < js->n; i++) {
			if (js->v[i].path)
				process(r, &js->v[i]);
			progress(r, i, js->n);
			finish(r, &js->v[i]);
		}
		progress(r, js->n, js->n);
		return;
	}
	js->r = r;
	js->window = threads * WINDOW;
	js->awaited = js->n;
	pthread_mutex_init(&js->lock, NULL);
	pthread_cond_init(&js->done, NULL);
	pthread_cond_init(&js->room, NULL);
	/* no thread to be had: this one checks every file */
	for (i = 0; i + 1 < threads; i++) {
		args[started] = (worker_arg){ js, (unsigned)started + 1 };
		if (pthread_create(&tid[started], NULL, worker, &args[started]) == 0)
			started++;
	}
	for (i = 0; i < js->n; i++) {
		pl_lock(&js->lock);
		while (!js->v[i].done) {
			if (js->next < js->n && room(js)) {
				size_t k = js->next++;
				pthread_mutex_unlock(&js->lock);
				if (js->v[k].path)
					process(r, &js->v[k]);
				pl_lock(&js->lock);
				checked(js, k);
				continue;
			}
			js->awaited = i;
			pthread_cond_wait(&js->done, &js->lock);
			js->awaited = js->n;
		}
		len = js->v[i].res ? js->v[i].src->len : 0;
		owner = js->v[i].owner;
		pthread_mutex_unlock(&js->lock);
		progress(r, i, js->n);
		report(r, &js->v[i]);
		if (!owner)
			release(&js->v[i]);
		pl_lock(&js->lock);
		if (owner) {
			js->v[i].next_spent = js->spent[owner];
			js->spent[owner] = i + 1;
		}
		js->held -= len;
		js->emitted = i + 1;
		if (js->room_waiters)
			pthread_cond_broadcast(&js->room);
		pthread_mutex_unlock(&js->lock);
	}
	progress(r, js->n, js->n);
	for (i = 0; i < started; i++)
		pthread_join(tid[i], NULL);
	/* what the workers had no more turn to free */
	for (i = 1; i <= started; i++)
		release_spent(js, js->spent[i]);
	pthread_cond_destroy(&js->done);
	pthread_cond_destroy(&js->room);
	pthread_mutex_destroy(&js->lock);
}

static bool wanted(const char *name)
{
	size_t n = strlen(name), i;

	for (i = 0; i < PL_ARRAY_LEN(extensions); i++) {
		size_t e = strlen(extensions[i]);
		if (n > e && strcasecmp(name + n - e, extensions[i]) == 0)
			return true;
	}
	return false;
}

/* A folder's entry: its path, kept for the run, with its name at
 * path + name_at, and its type as readdir gave it. */
typedef struct entry {
	char *path;
	uint32_t name_at;
	unsigned char type; /* DT_REG, DT_DIR, ...; DT_UNKNOWN: ask stat */
} entry;

/* By name; the entries of one folder share the path before it. */
static int cmp_entry(const void *a, const void *b)
{
	const entry *x = a, *y = b;

	return strcmp(x->path + x->name_at, y->path + y->name_at);
}

/* Byte d of e's name; the caller knows the name is no shorter than d. */
static unsigned char name_byte(const entry *e, size_t d)
{
	return (unsigned char)e->path[e->name_at + d];
}

/* Sort v[0, n) by name (byte order, a name before the longer ones it
 * begins), their names the same before byte d; tmp has room for n. A
 * radix sort on the bytes from the first: a folder's names often share
 * long beginnings ("c01-wikinews-2019-01-"), which a comparison sort reads
 * again in each of its comparisons (qsort took 1.3-1.9 ms for the
 * bench's 4,966 names). Few names, or names alike for 64 bytes, are left
 * to qsort. */
static void sort_names(entry *v, entry *tmp, size_t n, size_t d)
{
	size_t count[256], at[256], i, b, sum;

	for (;;) {
		if (n < 2)
			return;
		if (n < 16 || d >= 64) {
			qsort(v, n, sizeof(*v), cmp_entry);
			return;
		}
		memset(count, 0, sizeof(count));
		for (i = 0; i < n; i++)
			count[name_byte(&v[i], d)]++;
		if (count[name_byte(&v[0], d)] < n)
			break;
		if (!name_byte(&v[0], d))
			return; /* all end here: one name (a folder has no two) */
		d++; /* all alike at d */
	}
	for (b = 0, sum = 0; b < 256; b++) {
		at[b] = sum;
		sum += count[b];
	}
	for (i = 0; i < n; i++)
		tmp[at[name_byte(&v[i], d)]++] = v[i];
	memcpy(v, tmp, n * sizeof(*v));
	/* the names that end at d come first; each other byte's, by the next */
	for (b = 1, sum = count[0]; b < 256; sum += count[b], b++)
		sort_names(v + sum, tmp, count[b], d + 1);
}

static void walk_dir(jobs *js, walk *w, const char *dir)
{
	struct stat st;
	DIR *d;
	struct dirent *e;
	entry *names = NULL;
	size_t n = 0, cap = 0, i, dir_len = strlen(dir);
	/* the path of each entry is made once, as it is read, and kept for
	 * its job: a name and then a path, each copied, was twice the
	 * memory to touch */
	bool slash = dir_len && dir[dir_len - 1] == '/';

	if (stat(dir, &st) < 0) {
		add_job(js, NULL, 2, "%s: %s", dir, strerror(errno));
		return;
	}
	for (i = 0; i < w->n; i++)
		if (w->seen[i].dev == st.st_dev && w->seen[i].ino == st.st_ino) {
			add_job(js, NULL, 0, "%s: folder loop, skipped", dir);
			return;
		}
	if (PL_GROW(w->seen, w->cap, w->n + 1) < 0) {
		add_job(js, NULL, 2, "out of memory");
		return;
	}
	w->seen[w->n++] = (dirid){ st.st_dev, st.st_ino };
	if (!(d = opendir(dir))) {
		add_job(js, NULL, 2, "%s: %s", dir, strerror(errno));
		w->n--;
		return;
	}
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name), at = dir_len + !slash;
		char *path;

		if (e->d_name[0] == '.')
			continue;
		if (at + len >= PATH_MAX) {
			add_job(js, NULL, 2, "%s/%s: path too long, skipped", dir, e->d_name);
			continue;
		}
		if (PL_GROW(names, cap, n + 1) < 0 || !(path = path_room(js, at + len))) {
			add_job(js, NULL, 2, "out of memory");
			break;
		}
		memcpy(path, dir, dir_len);
		path[dir_len] = '/'; /* or the slash again */
		memcpy(path + at, e->d_name, len + 1);
		names[n].path = path;
		names[n].name_at = (uint32_t)at;
		names[n++].type = e->d_type;
	}
	closedir(d);
	if (n > 1) {
		entry *tmp = malloc(n * sizeof(*tmp));
		if (tmp)
			sort_names(names, tmp, n, 0);
		else
			qsort(names, n, sizeof(*names), cmp_entry);
		free(tmp);
	}
	(void)reserve_jobs(js, n); /* a folder's files at once */
	for (i = 0; i < n; i++) {
		unsigned char type = names[i].type;
		char *path = names[i].path;

		/* the type readdir gives spares a stat of every file (a
		 * folder of 5,000 articles: 30 ms before the first is
		 * checked); a link, or a file system that does not say, is
		 * asked */
		if (type != DT_REG && type != DT_DIR) {
			if (stat(path, &st) < 0) {
				add_job(js, NULL, 2, "%s: %s", path, strerror(errno));
				continue;
			}
			type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG : DT_UNKNOWN;
		}
		if (type == DT_DIR)
			walk_dir(js, w, path);
		else if (type == DT_REG && wanted(path + names[i].name_at))
			add_kept(js, path, 0, NULL);
	}
	free(names);
	w->n--;
}

static void add_path(jobs *js, const char *path)
{
	struct stat st;
	walk w = { 0 };

	if (strcmp(path, "-") == 0) {
		add_job(js, path, 0, NULL);
	} else if (stat(path, &st) < 0) {
		add_job(js, NULL, 2, "%s: %s", path, strerror(errno));
	} else if (S_ISDIR(st.st_mode)) {
		walk_dir(js, &w, path);
		free(w.seen);
	} else {
		add_job(js, path, 0, NULL);
	}
}

/* The run's paths, made into jobs: on a thread of its own while the
 * engine loads, when the run checks files on several threads and has
 * more than a file to add. Before, the engine's loading (5 ms) and the
 * walk of a folder of 5,000 files (7 ms) came one after the other, while
 * every other processor waited. */
typedef struct walker {
	jobs *js;
	char **paths;
	size_t n;
	pthread_t tid;
	bool started;
} walker;

static void *walk_paths(void *arg)
{
	walker *w = arg;
	size_t i;

	for (i = 0; i < w->n; i++)
		add_path(w->js, w->paths[i]);
	return NULL;
}

/* Start the walk on its own thread if it is worth one: several threads,
 * and more than one path (a hook's list of files: a stat and a job each)
 * or a folder. A lone file is added at once. */
static void walk_start(walker *w, size_t threads)
{
	struct stat st;

	if (threads < 2 || !w->n ||
	    (w->n == 1 && (strcmp(w->paths[0], "-") == 0 || stat(w->paths[0], &st) < 0 ||
			   !S_ISDIR(st.st_mode))))
		return;
	w->started = pthread_create(&w->tid, NULL, walk_paths, w) == 0;
}

/* The walk done: joined if it has a thread, else made here when `make`
 * (not on the way out after an error). */
static void walk_finish(walker *w, bool make)
{
	if (w->started)
		pthread_join(w->tid, NULL);
	else if (make)
		walk_paths(w);
	w->started = false;
	w->n = 0;
}

/* Free the jobs: what any still holds (none was run after an error), then
 * the array and the paths. */
static void jobs_free(jobs *js)
{
	size_t i;

	for (i = 0; i < js->n; i++)
		release(&js->v[i]);
	free(js->v);
	pl_arena_free(js->paths);
	memset(js, 0, sizeof(*js));
}

static void list_rules(pl_engine *eng)
{
	const pl_ruleset *set = pl_engine_rules(eng);
	size_t i;

	for (i = 0; i < set->n; i++)
		printf("%-34s %-10s %-3s %s\n", set->info[i].id,
		       pl_severity_name(set->info[i].severity),
		       set->enabled[i] ? "on" : "off", set->info[i].summary);
}

typedef struct cfg_opts {
	pl_engine_options *opts;
	size_t cap;
	char *paths[64]; /* kept for the run */
	size_t n_paths;
} cfg_opts_t;

static cfg_opts_t cfg_opts;

static const char *keep_path(const char *p)
{
	if (cfg_opts.n_paths == PL_ARRAY_LEN(cfg_opts.paths))
		return NULL;
	return cfg_opts.paths[cfg_opts.n_paths++] = strdup(p);
}

static int add_rule_dir(const char *path, void *ud)
{
	cfg_opts_t *c = ud;
	const char *p = keep_path(path);
	if (!p || c->opts->n_rule_dirs == c->cap)
		return pl_error_set(PL_EINVAL, "too many rule folders");
	c->opts->rule_dirs[c->opts->n_rule_dirs++] = p;
	return PL_OK;
}

static int add_word_file(const char *path, void *ud)
{
	cfg_opts_t *c = ud;
	const char *p = keep_path(path);
	if (!p || c->opts->n_word_files == c->cap)
		return pl_error_set(PL_EINVAL, "too many word files");
	c->opts->word_files[c->opts->n_word_files++] = p;
	return PL_OK;
}

static int set_reject(const char *path, void *ud)
{
	cfg_opts_t *c = ud;
	if (c->opts->reject_file)
		return pl_error_set(PL_EINVAL, "one reject file a run");
	if (!(c->opts->reject_file = keep_path(path)))
		return pl_error_set(PL_EINVAL, "too many files");
	return PL_OK;
}

/* At exit, as GNU tools do: output that did not reach standard output (a
 * full disk) is an I/O error, told and made exit status 2, not a run that
 * looks clean. Standard output closed from the start (`>&-`) with nothing
 * written to it is no error. */
static void close_stdout(void)
{
	bool failed = ferror(stdout) != 0, pending = __fpending(stdout) != 0;
	int err = 0;

	if (fclose(stdout) != 0) {
		err = errno;
		failed = failed || pending || err != EBADF;
	}
	if (failed) {
		fprintf(stderr, "presslint: standard output: %s\n",
			err ? strerror(err) : "write error");
		_exit(2);
	}
}

/* Whether a finished run frees what it made before it exits: only for
 * memory checkers, which would take what exit() gives back at once for a
 * leak. Builds with sanitizers always do (the Makefile defines
 * PL_FREE_AT_EXIT); any other, when PRESSLINT_FREE_AT_EXIT is set and not
 * "0" (CI's valgrind run). */
static bool free_at_exit(void)
{
#ifdef PL_FREE_AT_EXIT
	return true;
#else
	const char *e = getenv("PRESSLINT_FREE_AT_EXIT");

	return e && *e && strcmp(e, "0") != 0;
#endif
}

enum { OPT_LIST_RULES = 256, OPT_RULES, OPT_WORDS, OPT_COLUMNS, OPT_DATA,
       OPT_SYNTAX, OPT_FIX, OPT_DIFF, OPT_SUMMARY, OPT_CONFIG, OPT_NO_CONFIG };


int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "lang", required_argument, NULL, 'l' },
		{ "disable", required_argument, NULL, 'd' },
		{ "enable", required_argument, NULL, 'e' },
		{ "list-rules", no_argument, NULL, OPT_LIST_RULES },
		{ "rules", required_argument, NULL, OPT_RULES },
		{ "words", required_argument, NULL, OPT_WORDS },
		{ "columns", required_argument, NULL, OPT_COLUMNS },
		{ "format", required_argument, NULL, 'f' },
		{ "data-dir", required_argument, NULL, OPT_DATA },
		{ "syntax", required_argument, NULL, OPT_SYNTAX },
		{ "fix", no_argument, NULL, OPT_FIX },
		{ "config", required_argument, NULL, OPT_CONFIG },
		{ "no-config", no_argument, NULL, OPT_NO_CONFIG },
		{ "quiet", no_argument, NULL, 'q' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "summary", no_argument, NULL, OPT_SUMMARY },
		{ "diff", no_argument, NULL, OPT_DIFF },
		{ "version", no_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	pl_engine_options opts = PL_ENGINE_OPTIONS_INIT;
	const char *rule_dirs[64], *word_files[64];
	toggle toggles[128];
	size_t n_toggles = 0, i;
	bool list = false;
	run r = { .out = PL_OUTPUT_INIT(stdout), .syntax = PL_SYNTAX_AUTO };
	jobs js;
	walker wk = { 0 };
	long threads = sysconf(_SC_NPROCESSORS_ONLN);
	char *end, found[PATH_MAX];
	const char *config_path = NULL;
	bool lang_given = false;
	pl_config *run_config = NULL;
	pl_ruleset base;
	int exit_status = 2;
	int c, fmt, syn;

	atexit(close_stdout);
	memset(&js, 0, sizeof(js));
	/* a large file is mapped: one cut short under us is an error, not a
	 * crash */
	pl_source_guard_mapped();
	opts.rule_dirs = rule_dirs;
	opts.word_files = word_files;
	while ((c = getopt_long(argc, argv, "l:d:e:f:j:qVh", longopts, NULL)) != -1) {
		switch (c) {
		case 'l':
			opts.lang = optarg;
			lang_given = true;
			break;
		case 'd':
		case 'e':
			if (n_toggles == PL_ARRAY_LEN(toggles))
				goto too_many;
			toggles[n_toggles++] = (toggle){ optarg, c == 'e' };
			break;
		case OPT_LIST_RULES:
			list = true;
			break;
		case OPT_RULES:
			if (opts.n_rule_dirs == PL_ARRAY_LEN(rule_dirs))
				goto too_many;
			rule_dirs[opts.n_rule_dirs++] = optarg;
			break;
		case OPT_WORDS:
			if (opts.n_word_files == PL_ARRAY_LEN(word_files))
				goto too_many;
			word_files[opts.n_word_files++] = optarg;
			break;
		case OPT_COLUMNS:
			if (strcmp(optarg, "char") && strcmp(optarg, "byte")) {
				fprintf(stderr, "presslint: --columns is 'char' or 'byte', "
					"not '%s'\n", optarg);
				return 2;
			}
			r.out.byte_columns = strcmp(optarg, "byte") == 0;
			break;
		case 'f':
			if ((fmt = pl_format_parse(optarg)) < 0) {
				fprintf(stderr, "presslint: --format is 'gcc', 'json', "
					"'sarif' or 'github', not '%s'\n", optarg);
				return 2;
			}
			r.out.format = (pl_format)fmt;
			break;
		case OPT_DATA:
			opts.data_dir = optarg;
			break;
		case OPT_FIX:
			r.fix = true;
			break;
		case OPT_CONFIG:
			config_path = optarg;
			break;
		case OPT_NO_CONFIG:
			r.no_config = true;
			break;
		case 'q':
			r.out.quiet = true;
			break;
		case 'j':
			threads = strtol(optarg, &end, 10);
			if (end == optarg || *end || threads < 1 || threads > 64) {
				fprintf(stderr, "presslint: -j takes a number from 1 to 64, "
					"not '%s'\n", optarg);
				return 2;
			}
			break;
		case OPT_SUMMARY:
			r.out.summary = true;
			break;
		case OPT_DIFF:
			r.diff = true;
			break;
		case OPT_SYNTAX:
			if ((syn = pl_syntax_parse(optarg)) < -1) {
				fprintf(stderr, "presslint: --syntax is 'auto', 'plain', "
					"'markdown' or 'html', not '%s'\n", optarg);
				return 2;
			}
			r.syntax = syn;
			r.syntax_given = true;
			break;
		case 'V':
			printf("presslint %s\n", PL_VERSION);
			return 0;
		case 'h':
			fputs(usage, stdout);
			return 0;
		default:
			fputs("Try 'presslint --help'.\n", stderr);
			return 2;
		}
	}
	if (!opts.data_dir)
		opts.data_dir = pl_engine_data_dir(argv[0]);
	if (optind >= argc && !list) {
		fputs("presslint: no PATH given (use - for standard input)\n"
		      "Try 'presslint --help'.\n", stderr);
		return 2;
	}
	/* the run's configuration: --config, or the nearest .presslint above
	 * the first path; it sets the language, extra rule folders and the
	 * vocabulary for the whole run */
	if (!r.no_config && (config_path || (optind < argc &&
			     pl_config_find(argv[optind], found, sizeof(found))))) {
		if (pl_config_load(&run_config, config_path ? config_path : found) < 0) {
			fprintf(stderr, "%s\n", pl_error_last());
			return 2;
		}
		if (!lang_given && pl_config_get(run_config, "lang"))
			opts.lang = pl_config_get(run_config, "lang");
		cfg_opts.opts = &opts;
		cfg_opts.cap = PL_ARRAY_LEN(rule_dirs);
		if (pl_config_each(run_config, "rules", add_rule_dir, &cfg_opts) < 0 ||
		    pl_config_each(run_config, "accept", add_word_file, &cfg_opts) < 0 ||
		    pl_config_each(run_config, "reject", set_reject, &cfg_opts) < 0) {
			fprintf(stderr, "%s\n", pl_error_last());
			pl_config_free(run_config);
			return 2;
		}
	}
	wk = (walker){ &js, argv + optind, (size_t)(argc - optind), 0, false };
	if (!list)
		walk_start(&wk, (size_t)threads);
	if (pl_engine_new(&r.eng, &opts) < 0) {
		/* a rule-file error is already "file:line:col: error: ..." */
		const char *msg = pl_error_last();
		fprintf(stderr, strstr(msg, ": error: ") ? "%s\n" : "presslint: %s\n", msg);
		walk_finish(&wk, false);
		jobs_free(&js);
		pl_config_free(run_config);
		return 2;
	}
	if (threads > 0)
		pl_engine_set_jobs(r.eng, (unsigned)threads);
	/* the defaults, kept for files whose configuration changes them */
	memset(&base, 0, sizeof(base));
	pthread_mutex_init(&r.config_lock, NULL);
	if (pl_ruleset_copy(&base, pl_engine_rules(r.eng)) < 0) {
		fprintf(stderr, "presslint: %s\n", pl_error_last());
		goto done;
	}
	r.base = &base;
	r.toggles = toggles;
	r.n_toggles = n_toggles;
	if (run_config && config_path) {
		if (pl_config_validate(run_config, &base) < 0) {
			fprintf(stderr, "%s\n", pl_error_last());
			goto done;
		}
		r.config = run_config;
		run_config = NULL;
	}
	for (i = 0; i < n_toggles; i++) {
		if (pl_ruleset_enable(pl_engine_rules(r.eng), toggles[i].spec,
				      toggles[i].on) < 0) {
			fprintf(stderr, "presslint: %s\n", pl_error_last());
			goto done;
		}
	}
	if (list) {
		list_rules(r.eng);
		exit_status = 0;
		goto done;
	}
	r.out.version = PL_VERSION;
	r.stderr_tty = isatty(fileno(stderr));
	{
		const char *nc = getenv("NO_COLOR");
		r.out.color = isatty(fileno(stdout)) && !(nc && *nc);
	}
	pl_output_begin(&r.out);
	walk_finish(&wk, true);
	run_jobs(&r, &js, threads);
	pl_output_end(&r.out);
	exit_status = r.status;
	/* The run is over and its findings out. Its tables, caches and
	 * paths go back to the system with the process; freed piece by piece
	 * first, they were 0.5-0.6 ms of a 5 KB article's 7.6-8.7 ms start
	 * to exit (medians of 41 and 51 runs). Every thread has been
	 * joined. */
	if (!free_at_exit())
		exit(exit_status);
done:
	walk_finish(&wk, false);
	jobs_free(&js);
	for (i = 0; i < r.n_configs; i++)
		pl_config_free(r.configs[i]);
	free(r.configs);
	pl_config_free(r.config);
	pl_config_free(run_config);
	pl_ruleset_copy_free(&base);
	pthread_mutex_destroy(&r.config_lock);
	pl_engine_free(r.eng);
	return exit_status;
too_many:
	fputs("presslint: too many options of one kind\n", stderr);
	return 2;
}
