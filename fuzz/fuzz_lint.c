/* fuzz_lint.c - libFuzzer target: the whole pipeline on plain text.
 *
 * The engine (dictionaries, lists, rule files) is built once; each input is
 * loaded with pl_source_from_buffer, checked with every rule on, and its
 * findings formatted by pl_output_doc (gcc with character columns and JSON
 * with byte columns) into /dev/null. A finding whose span is not inside the
 * document, or ends before it starts, aborts. */
#include "pl_engine.h"
#include "pl_error.h"
#include "pl_output.h"
#include "pl_source.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static pl_engine *eng;
static FILE *devnull;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	pl_engine_options o = PL_ENGINE_OPTIONS_INIT;
	const char *data = getenv("PRESSLINT_DATA");

	(void)argc;
	(void)argv;
	o.data_dir = data && *data ? data : FUZZ_REPO_ROOT;
	if (pl_engine_new(&eng, &o) < 0) {
		fprintf(stderr, "fuzz_lint: %s\n", pl_error_last());
		exit(2);
	}
	/* every rule, including those off by default */
	if (pl_ruleset_enable(pl_engine_rules(eng), "all", true) < 0) {
		fprintf(stderr, "fuzz_lint: %s\n", pl_error_last());
		exit(2);
	}
	if (!(devnull = fopen("/dev/null", "w"))) {
		perror("fuzz_lint: /dev/null");
		exit(2);
	}
	return 0;
}

static int emit(const pl_doc *doc, const pl_findings *f, void *ud)
{
	pl_output gcc = PL_OUTPUT_INIT(devnull), json = PL_OUTPUT_INIT(devnull);
	size_t i, k;

	(void)ud;
	for (i = 0; i < f->n; i++) {
		const pl_finding *x = &f->v[i];

		if (x->start > x->end || x->end > doc->len) {
			fprintf(stderr, "fuzz_lint: %s: span [%zu, %zu) outside the "
				"document of %zu bytes\n", doc->rules->info[x->rule].id,
				x->start, x->end, doc->len);
			abort();
		}
		if (x->rule >= doc->rules->n || !x->message) {
			fprintf(stderr, "fuzz_lint: finding %zu: bad rule %u or no "
				"message\n", i, x->rule);
			abort();
		}
		/* touch every string so ASan sees a dangling one */
		(void)strlen(x->message);
		for (k = 0; k < x->n_suggest; k++)
			(void)strlen(x->suggest[k]);
	}
	if (pl_output_doc(doc, f, &gcc) < 0)
		return -1;
	json.format = PL_FORMAT_JSON;
	json.byte_columns = true;
	return pl_output_doc(doc, f, &json);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pl_source *src = NULL;
	char *buf = malloc(size ? size : 1);

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	if (pl_source_from_buffer(&src, "fuzz.txt", buf, size) < 0)
		return 0; /* buf is freed on failure */
	pl_engine_check(eng, src, emit, NULL);
	pl_source_free(src);
	return 0;
}
