/* pl_rule.h - the rule registry: built-in rules and rules loaded from files. */
#ifndef PL_RULE_H
#define PL_RULE_H

#include "pl_finding.h"

/** Built-in rules, implemented in code. Pattern rules from the rule files get
 * indices from PL_RULE_BUILTIN_COUNT on. */
enum pl_builtin_rule {
	PL_R_INVALID_UTF8,
	PL_R_NUL_BYTE,
	PL_R_MISSPELLING,
	PL_R_TYPO,
	PL_R_SPACE_AFTER,
	PL_R_SPACE_BEFORE,
	PL_R_DOUBLE_SPACE,
	PL_R_SENTENCE_START,
	PL_R_PROPER_NOUN,
	PL_R_NAME_CONSISTENCY,
	PL_R_TITLE_CASE,
	PL_R_BOILERPLATE,
	PL_R_GLUED_WORDS,
	PL_R_DOUBLED_WORD,
	PL_R_MOJIBAKE,
	PL_R_DUPLICATE_PARAGRAPH,
	PL_R_DIALECT,
	PL_R_INVISIBLE,
	PL_R_REJECTED,
	PL_R_NAME_VARIANT,
	PL_R_UNKNOWN_WORD,
	PL_RULE_BUILTIN_COUNT
};

typedef struct pl_rule_info {
	const char *id;       /* "spacing.missing-after" */
	pl_severity severity; /* default severity */
	const char *summary;  /* one line for --list-rules */
	const char *origin;   /* "built-in" or "file:line" (owned by the set) */
	bool off;             /* off unless enabled */
} pl_rule_info;

/** The rules of a run: every known rule, whether it is on, its severity. */
typedef struct pl_ruleset {
	pl_rule_info *info; /* owned array */
	bool *enabled;      /* owned array */
	size_t n, cap;
} pl_ruleset;

/** Fill `set` with the built-in rules, all enabled. */
int pl_ruleset_init(pl_ruleset *set);

/** Free the set's arrays and strings. */
void pl_ruleset_fini(pl_ruleset *set);

/** Add a rule, enabled; `id`, `summary` and `origin` are copied. Returns its
 * index (>= 0) or a negative error (PL_EINVAL for a duplicate id). */
int pl_ruleset_add(pl_ruleset *set, const char *id, pl_severity sev,
		   const char *summary, const char *origin);

/** A copy whose enabled flags and severities can change on their own (the
 * rule texts are shared with `from`, which must outlive it). Free with
 * pl_ruleset_copy_free. */
int pl_ruleset_copy(pl_ruleset *out, const pl_ruleset *from);

/** Free a copy made by pl_ruleset_copy. */
void pl_ruleset_copy_free(pl_ruleset *set);

/** Index of the rule named `id`, or -1. */
int pl_ruleset_find(const pl_ruleset *set, const char *id);

/** Enable or disable every rule matching `spec`, a comma-separated list of
 * rule ids or family prefixes ("spacing" matches "spacing.*"). An unknown
 * name is an error (PL_EINVAL, message in pl_error_last()). */
int pl_ruleset_enable(pl_ruleset *set, const char *spec, bool on);

#endif
