/* pl_suppress.h - inline suppression comments.
 *
 * In Markdown and HTML:   <!-- presslint-disable RULE[,RULE...] -->
 *                         <!-- presslint-enable RULE -->
 *                         <!-- presslint-disable-next-line RULE -->
 * In plain text the same words follow "#" or "//" on a line of their own.
 * RULE is a rule id or a family ("spelling"); none means every rule. A
 * disable lasts until the matching enable or the end of the file. */
#ifndef PL_SUPPRESS_H
#define PL_SUPPRESS_H

#include "pl_finding.h"
#include "pl_rule.h"

/** Might a suppression comment be in text[from, to)? True when a
 * "presslint-" ends there (it may start up to 9 bytes before `from`).
 * A file checked in parts is asked part by part, each while its text is
 * in the cache, and pl_suppress_apply() is called only if one says yes:
 * asked of a whole 50 MB file at the end, this took a pass of its own
 * over memory. */
bool pl_suppress_maybe(const char *text, size_t from, size_t to);

/** Drop from `f` the findings that the suppression comments in `text`
 * (the unmasked file) silence, and those inside the comments themselves.
 * `markup` selects <!-- --> comments rather than "#" and "//" lines. */
int pl_suppress_apply(pl_findings *f, const pl_ruleset *rules, const char *text,
		      size_t len, size_t body, bool markup);

#endif
