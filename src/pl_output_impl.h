/* pl_output_impl.h - what the output formats share inside the output module
 * (pl_output.c and one file per structured format). Not a public header. */
#ifndef PL_OUTPUT_IMPL_H
#define PL_OUTPUT_IMPL_H

#include "pl_lines.h"
#include "pl_output.h"

/** One rule's findings in this run. */
typedef struct pl_rule_tally {
	char *id;             /* owned copy; NULL until the rule's first finding */
	char *summary;        /* owned copy of the rule's summary */
	pl_severity severity; /* the rule's default severity */
	size_t count;
	size_t index;         /* order of first finding: the SARIF ruleIndex */
} pl_rule_tally;

/** Per-rule counts, indexed by rule index: memory grows with the rules
 * seen, not with the findings. */
struct pl_output_tally {
	pl_rule_tally *v; /* owned */
	size_t n, cap;
	unsigned *order;  /* owned: rule indices by first finding */
	size_t n_order, cap_order;
};

/** SARIF (pl_output_sarif.c). */
void pl_sarif_begin(pl_output *out);
void pl_sarif_result(pl_output *out, const pl_doc *doc, pl_lines *lines,
		     const pl_finding *x, const pl_rule_tally *rule);
void pl_sarif_end(pl_output *out);

#endif
