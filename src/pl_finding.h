/* pl_finding.h - findings as byte spans, collected per document. */
#ifndef PL_FINDING_H
#define PL_FINDING_H

#include "pl_common.h"

typedef enum pl_severity {
	PL_SEV_ERROR,
	PL_SEV_WARNING,
	PL_SEV_SUGGESTION,
} pl_severity;

/** One finding. Strings are owned by the document's arena. */
typedef struct pl_finding {
	size_t start, end;   /* byte span in the document */
	unsigned rule;       /* index into the rule set */
	pl_severity severity;
	const char *message;
	const char **suggest; /* replacements for [start, end), best first */
	size_t n_suggest;
} pl_finding;

typedef struct pl_findings {
	pl_finding *v; /* owned */
	size_t n, cap;
} pl_findings;

/** Sort by position, then rule; drop exact duplicates (same span and rule). */
void pl_findings_sort(pl_findings *f);

/** Free the array (not the arena strings). */
void pl_findings_fini(pl_findings *f);

/** "error", "warning" or "suggestion". */
const char *pl_severity_name(pl_severity s);

/** Parse a severity name; returns -1 when unknown. */
int pl_severity_parse(const char *name);

#endif
