/* main.c - the presslint command: options, paths, exit status. */
#include "pl_engine.h"
#include "pl_error.h"
#include "pl_fix.h"
#include "pl_markup.h"
#include "pl_output.h"
#include "pl_speller.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
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
"      --summary          print counts by rule and a total line at the end\n"
"      --fix              rewrite files with every safe fix: spacing after\n"
"                         punctuation, known typos, proper-noun casing, HTML\n"
"                         entities, invisible characters, mojibake, doubled\n"
"                         words, boilerplate lines (atomically; a file that\n"
"                         changed since it was read is left alone). Findings\n"
"                         with no safe fix are still reported.\n"
"      --diff             print the safe fixes as a unified diff; write nothing\n"
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

typedef struct run {
	pl_engine *eng;
	pl_output out;
	int status;    /* 0, 1 or 2 */
	int syntax;    /* pl_syntax, or PL_SYNTAX_AUTO */
	bool fix;      /* --fix: write the safe fixes back */
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

static void check_file(run *r, const char *path)
{
	pl_source *src = NULL;
	size_t before = r->out.findings;

	if (pl_source_load(&src, path) < 0) {
		fail(r, pl_error_last());
		return;
	}
	if (src->wide) {
		fprintf(stderr, "presslint: %s: %s text, not UTF-8: skipped (convert "
			"with iconv -f %.6s -t UTF-8)\n", src->path, src->wide, src->wide);
		r->status = 2;
		pl_source_free(src);
		return;
	}
	if (pl_source_looks_binary(src->text, src->len)) {
		fprintf(stderr, "presslint: %s: binary file, skipped\n", src->path);
		pl_source_free(src);
		return;
	}
	if (pl_markup_apply(src, strcmp(path, "-") == 0 && r->syntax == PL_SYNTAX_AUTO ?
			    PL_SYNTAX_PLAIN : (pl_syntax)r->syntax) < 0) {
		fprintf(stderr, "presslint: %s: %s\n", src->path, pl_error_last());
		r->status = 2;
		pl_source_free(src);
		return;
	}
	if (pl_engine_check(r->eng, src, r->fix || r->diff ? emit_fixed : pl_output_doc,
			    r->fix || r->diff ? (void *)r : (void *)&r->out) < 0)
		fail(r, pl_error_last());
	if (r->out.findings > before && r->status == 0)
		r->status = 1;
	pl_source_free(src);
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

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void check_dir(run *r, walk *w, const char *dir)
{
	struct stat st;
	DIR *d;
	struct dirent *e;
	char **names = NULL, path[PATH_MAX];
	size_t n = 0, cap = 0, i;

	if (stat(dir, &st) < 0) {
		fprintf(stderr, "presslint: %s: %s\n", dir, strerror(errno));
		r->status = 2;
		return;
	}
	for (i = 0; i < w->n; i++)
		if (w->seen[i].dev == st.st_dev && w->seen[i].ino == st.st_ino) {
			fprintf(stderr, "presslint: %s: folder loop, skipped\n", dir);
			return;
		}
	if (PL_GROW(w->seen, w->cap, w->n + 1) < 0)
		return fail(r, "out of memory");
	w->seen[w->n++] = (dirid){ st.st_dev, st.st_ino };
	if (!(d = opendir(dir))) {
		fprintf(stderr, "presslint: %s: %s\n", dir, strerror(errno));
		r->status = 2;
		w->n--;
		return;
	}
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		if (PL_GROW(names, cap, n + 1) < 0 || !(names[n] = strdup(e->d_name)))
			break;
		n++;
	}
	closedir(d);
	if (n > 1)
		qsort(names, n, sizeof(*names), cmp_name);
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s%s%s", dir,
			 dir[strlen(dir) - 1] == '/' ? "" : "/", names[i]);
		if (stat(path, &st) < 0) {
			fprintf(stderr, "presslint: %s: %s\n", path, strerror(errno));
			r->status = 2;
		} else if (S_ISDIR(st.st_mode)) {
			check_dir(r, w, path);
		} else if (S_ISREG(st.st_mode) && wanted(names[i])) {
			check_file(r, path);
		}
		free(names[i]);
	}
	free(names);
	w->n--;
}

static void check_path(run *r, const char *path)
{
	struct stat st;
	walk w = { 0 };

	if (strcmp(path, "-") == 0) {
		check_file(r, path);
		return;
	}
	if (stat(path, &st) < 0) {
		fprintf(stderr, "presslint: %s: %s\n", path, strerror(errno));
		r->status = 2;
		return;
	}
	if (S_ISDIR(st.st_mode)) {
		check_dir(r, &w, path);
		free(w.seen);
	} else {
		check_file(r, path);
	}
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

enum { OPT_LIST_RULES = 256, OPT_RULES, OPT_WORDS, OPT_COLUMNS, OPT_DATA,
       OPT_SYNTAX, OPT_FIX, OPT_DIFF, OPT_SUMMARY };

typedef struct toggle {
	const char *spec;
	bool on;
} toggle;

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
		{ "quiet", no_argument, NULL, 'q' },
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
	run r = { NULL, PL_OUTPUT_INIT(stdout), 0, PL_SYNTAX_AUTO, false, false, 0 };
	int c, fmt, syn;

	opts.rule_dirs = rule_dirs;
	opts.word_files = word_files;
	while ((c = getopt_long(argc, argv, "l:d:e:f:qVh", longopts, NULL)) != -1) {
		switch (c) {
		case 'l':
			opts.lang = optarg;
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
		case 'q':
			r.out.quiet = true;
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
	if (pl_engine_new(&r.eng, &opts) < 0) {
		/* a rule-file error is already "file:line:col: error: ..." */
		const char *msg = pl_error_last();
		fprintf(stderr, strstr(msg, ": error: ") ? "%s\n" : "presslint: %s\n", msg);
		return 2;
	}
	for (i = 0; i < n_toggles; i++) {
		if (pl_ruleset_enable(pl_engine_rules(r.eng), toggles[i].spec,
				      toggles[i].on) < 0) {
			fprintf(stderr, "presslint: %s\n", pl_error_last());
			pl_engine_free(r.eng);
			return 2;
		}
	}
	if (list) {
		list_rules(r.eng);
		pl_engine_free(r.eng);
		return 0;
	}
	r.out.version = PL_VERSION;
	{
		const char *nc = getenv("NO_COLOR");
		r.out.color = isatty(fileno(stdout)) && !(nc && *nc);
	}
	pl_output_begin(&r.out);
	for (i = (size_t)optind; i < (size_t)argc; i++)
		check_path(&r, argv[i]);
	pl_output_end(&r.out);
	pl_engine_free(r.eng);
	return r.status;
too_many:
	fputs("presslint: too many options of one kind\n", stderr);
	return 2;
}
