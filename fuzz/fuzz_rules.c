/* fuzz_rules.c - libFuzzer target: the rule-file parser.
 *
 * The input is written to a temporary *.rules file and loaded with
 * pl_patterns_load into a fresh rule set. A broken file is an error (fine);
 * a crash, a leak, or an error without a message is a bug. %{name} lists
 * resolve against the repository's dictionaries/ (or $PRESSLINT_DATA's). */
#include "pl_error.h"
#include "pl_patterns.h"
#include "pl_rule.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char path[4096], list_dir[4096];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *tmp = getenv("TMPDIR"), *data = getenv("PRESSLINT_DATA");
	char dir[4096];

	(void)argc;
	(void)argv;
	snprintf(dir, sizeof(dir), "%s/fuzz-rules-XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		perror("fuzz_rules: mkdtemp");
		exit(2);
	}
	/* one file per process, so parallel jobs do not collide */
	snprintf(path, sizeof(path), "%s/input.rules", dir);
	snprintf(list_dir, sizeof(list_dir), "%s/dictionaries",
		 data && *data ? data : FUZZ_REPO_ROOT);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pl_ruleset set;
	pl_patterns *p;
	FILE *f = fopen(path, "wb");
	int err;

	if (!f || fwrite(data, 1, size, f) != size) {
		perror("fuzz_rules: cannot write the input file");
		abort();
	}
	fclose(f);
	if (pl_ruleset_init(&set) < 0) {
		pl_ruleset_fini(&set);
		return 0;
	}
	if (!(p = pl_patterns_new())) {
		pl_ruleset_fini(&set);
		return 0;
	}
	pl_error_clear();
	err = pl_patterns_load(p, &set, path, list_dir);
	if (err < 0 && !*pl_error_last()) {
		fprintf(stderr, "fuzz_rules: error %d without a message\n", err);
		abort();
	}
	if (err == 0 && pl_patterns_count(p) + PL_RULE_BUILTIN_COUNT != set.n) {
		fprintf(stderr, "fuzz_rules: %zu patterns but %zu rules\n",
			pl_patterns_count(p), set.n - PL_RULE_BUILTIN_COUNT);
		abort();
	}
	pl_patterns_free(p);
	pl_ruleset_fini(&set);
	return 0;
}
