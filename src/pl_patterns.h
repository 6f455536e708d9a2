/* pl_patterns.h - pattern rules read from rules/ *.rules files.
 *
 * A rule file is a list of sections, one rule each:
 *
 *     [artifact.html-entity]
 *     severity = warning
 *     summary  = an HTML entity left in plain text
 *     pattern  = &(?:amp|nbsp|quot|#[0-9]{2,5});
 *     message  = HTML entity '{0}' in plain text
 *     suggest  = {1}
 *
 * Keys: pattern (required, PCRE2, compiled with UTF, UCP and MULTILINE),
 * message (required; {0} is the match, {N} group N), severity, summary,
 * suggest (replacement template; an empty value suggests deletion), span
 * (report capture group N instead of the whole match), case ("match" adapts
 * the suggestion's case to the matched text). In a pattern, %{name} stands
 * for an alternation of the entries in name.txt, looked up beside the rule
 * file and then in the dictionaries folder. */
#ifndef PL_PATTERNS_H
#define PL_PATTERNS_H

#include "pl_rule.h"

typedef struct pl_patterns pl_patterns;

/** A new empty pattern set. Caller frees with pl_patterns_free. */
pl_patterns *pl_patterns_new(void);

/** Free. NULL is a no-op. */
void pl_patterns_free(pl_patterns *p);

/** Parse and compile every rule in `path`, registering each in `set`.
 * `list_dir` is the fallback folder for %{name} lists. A bad file yields
 * PL_EINVAL with "path:line:col: error: ..." in pl_error_last(). */
int pl_patterns_load(pl_patterns *p, pl_ruleset *set, const char *path,
		     const char *list_dir);

/** Number of compiled rules. */
size_t pl_patterns_count(const pl_patterns *p);

/** Number of rules tried often enough to have been JIT-compiled (or,
 * where PCRE2 has no JIT, found not to be): until then a rule's pattern
 * is matched as compiled at load. */
size_t pl_patterns_settled(const pl_patterns *p);

#endif
