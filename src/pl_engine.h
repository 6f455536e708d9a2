/* pl_engine.h - load everything a run needs once, then check documents. */
#ifndef PL_ENGINE_H
#define PL_ENGINE_H

#include "pl_doc.h"

typedef struct pl_engine pl_engine;

typedef struct pl_engine_options {
	const char *lang;        /* Hunspell dictionary name, "en_US" */
	const char *data_dir;    /* folder holding rules/ and dictionaries/ */
	const char **rule_dirs;  /* extra folders of *.rules files */
	size_t n_rule_dirs;
	const char **word_files; /* extra accepted-word lists */
	size_t n_word_files;
	bool no_spelling;        /* skip loading Hunspell (spelling rules off) */
	const char *reject_file; /* words or phrases to report in every file */
} pl_engine_options;

#define PL_ENGINE_OPTIONS_INIT { "en_US", NULL, NULL, 0, NULL, 0, false, NULL }

/** Called once a document is checked, before its memory goes: `f` holds its
 * findings sorted by position. */
typedef int (*pl_emit_fn)(const pl_doc *doc, const pl_findings *f, void *ud);

/** Load dictionaries, lists and rule files. Caller frees with
 * pl_engine_free. Errors (a missing dictionary, a broken rule file) are in
 * pl_error_last(). */
int pl_engine_new(pl_engine **out, const pl_engine_options *opts);

/** Free. NULL is a no-op. */
void pl_engine_free(pl_engine *eng);

/** The rules of this run, to list or to switch on and off. Borrowed. */
pl_ruleset *pl_engine_rules(pl_engine *eng);

/** Threads the run may use (1 at first): a large file, checked in parts,
 * has its parts checked by as many threads as other files leave free. */
void pl_engine_set_jobs(pl_engine *eng, unsigned n);

/** Check one document and hand its findings to `emit`. Returns emit's
 * result, or a negative error. */
int pl_engine_check(pl_engine *eng, const pl_source *src, pl_emit_fn emit,
		    void *ud);

/** One document's findings, sorted, with the arena their strings live in.
 * Owned by the caller: free with pl_result_fini. */
typedef struct pl_result {
	pl_findings found;
	pl_arena *arena;
	const struct pl_vocab *vocab; /* borrowed from the engine */
	const pl_ruleset *rules;      /* borrowed: the rules it was checked with */
} pl_result;

/** Check one document and keep its findings in *out (what pl_engine_check
 * does before it emits), with `rules` (NULL: the engine's; a per-file copy
 * made with pl_ruleset_copy for configuration sections). Safe to call from
 * several threads at once on one engine. */
int pl_engine_run(pl_engine *eng, const pl_source *src, const pl_ruleset *rules,
		  pl_result *out);

/** The document view the output stage reads for `src` and its result. */
void pl_engine_view(pl_engine *eng, const pl_source *src, pl_result *res,
		    pl_doc *doc);

/** Free a result. */
void pl_result_fini(pl_result *r);

/** Find the data folder: $PRESSLINT_DATA, the folder of the executable (a
 * source tree), or the installed share/presslint. Static buffer. */
const char *pl_engine_data_dir(const char *argv0);

#endif
