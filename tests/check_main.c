/* check_main.c - run every suite. Run from tests/ (the data folder is "..").
 * CK_FORK=no and CK_RUN_SUITE=<module> work as Check documents them. */
#include "check_util.h"

int main(void)
{
	Suite *(*const suites[])(void) = {
		suite_arena,    suite_source,   suite_lines,     suite_token,
		suite_sentence, suite_wordlist, suite_rule,      suite_patterns,
		suite_output,   suite_spacing,  suite_spelling,  suite_case,
		suite_artifacts, suite_engine, suite_fix,     suite_markup,
		suite_suppress,  suite_config,   suite_wordidx, suite_words,
		suite_names,    suite_pages,    suite_bits,     suite_lock,
		suite_find,     suite_cpu,
	};
	SRunner *sr = srunner_create(NULL);
	size_t i;
	int failed;

	for (i = 0; i < PL_ARRAY_LEN(suites); i++)
		srunner_add_suite(sr, suites[i]());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
