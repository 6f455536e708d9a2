/* fuzz_config.c - libFuzzer target: the .presslint configuration parser.
 *
 * The input is written to a temporary file and loaded; when it loads, it
 * is validated against the built-in rules and applied to a copy of them
 * for a few paths. Errors are fine; crashes, leaks and an error without a
 * message are bugs. */
#include "pl_config.h"
#include "pl_error.h"
#include "pl_rule.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char path[4096];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *tmp = getenv("TMPDIR");
	char dir[4096];

	(void)argc;
	(void)argv;
	snprintf(dir, sizeof(dir), "%s/fuzz-config-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir))
		exit(2);
	snprintf(path, sizeof(path), "%s/.presslint", dir);
	return 0;
}

static int each(const char *p, void *ud)
{
	(void)p;
	(void)ud;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const paths[] = { "a.md", "drafts/x.txt", "/abs/y.html" };
	pl_config *c = NULL;
	pl_ruleset set, copy;
	FILE *f = fopen(path, "wb");
	size_t i;
	int err;

	if (!f || fwrite(data, 1, size, f) != size)
		abort();
	fclose(f);
	pl_error_clear();
	if ((err = pl_config_load(&c, path)) < 0) {
		if (!*pl_error_last())
			abort();
		return 0;
	}
	if (pl_ruleset_init(&set) == 0) {
		pl_config_validate(c, &set);
		for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
			if (pl_ruleset_copy(&copy, &set) == 0) {
				pl_config_apply_rules(c, paths[i], &copy);
				pl_config_get_for(c, paths[i], "syntax");
				pl_ruleset_copy_free(&copy);
			}
		}
		pl_config_each(c, "accept", each, NULL);
	}
	pl_ruleset_fini(&set);
	pl_config_free(c);
	return 0;
}
