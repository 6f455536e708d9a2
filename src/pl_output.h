/* pl_output.h - findings to text: byte spans become lines and columns here
 * and nowhere else. */
#ifndef PL_OUTPUT_H
#define PL_OUTPUT_H

#include <stdio.h>

#include "pl_doc.h"

typedef enum pl_format {
	PL_FORMAT_GCC,    /* path:line:col: severity: message [rule] */
	PL_FORMAT_JSON,   /* one array of objects for the whole run */
	PL_FORMAT_SARIF,  /* SARIF 2.1.0, one run (GitHub code scanning) */
	PL_FORMAT_GITHUB, /* GitHub Actions workflow commands, one a line */
} pl_format;

/** Severities counted in pl_output.by_severity (error, warning, suggestion). */
#define PL_OUTPUT_SEVERITIES 3

struct pl_output_tally;

/** One run's output. Set the options before pl_output_begin; the counters
 * are kept by pl_output_doc. */
typedef struct pl_output {
	FILE *fp;          /* borrowed */
	pl_format format;
	bool byte_columns; /* columns count bytes, not characters (gcc, json,
			    * github; SARIF always counts code points) */
	size_t findings;   /* how many were written so far (counted under
			    * quiet too: the exit status depends on it) */
	bool quiet;        /* write nothing per finding, nor JSON/SARIF framing */
	bool summary;      /* after the run, counts by rule and a total line */
	bool color;        /* gcc format: ANSI colours like GCC's */
	const char *version; /* borrowed: tool version for SARIF, or NULL */
	FILE *summary_fp;  /* borrowed: where the summary goes; NULL: fp, or
			    * stderr when fp carries JSON or SARIF */
	size_t documents;  /* documents checked (pl_output_doc calls) */
	size_t flagged;    /* documents with at least one finding */
	size_t by_severity[PL_OUTPUT_SEVERITIES]; /* findings by pl_severity */
	struct pl_output_tally *tally; /* owned: per-rule counts, freed by
					* pl_output_end */
} pl_output;

/** Every option off, counters zero; gcc format. */
#define PL_OUTPUT_INIT(stream) { .fp = (stream), .format = PL_FORMAT_GCC }

/** Parse "gcc", "json", "sarif" or "github"; -1 when unknown. */
int pl_format_parse(const char *name);

/** Write what comes before the first document ("[" for JSON, the SARIF log
 * up to its results). */
void pl_output_begin(pl_output *out);

/** Write one document's findings and count the document. Matches
 * pl_emit_fn: pass the output as ud. Returns PL_ENOMEM when the per-rule
 * counts (summary, SARIF) cannot grow. */
int pl_output_doc(const pl_doc *doc, const pl_findings *f, void *out);

/** Write what comes after the last document (for SARIF, the rules that had
 * findings), then the summary when asked; flush and free the counts. Call
 * once, also after an error. */
void pl_output_end(pl_output *out);

/** Write `len` bytes as a JSON string literal, quotes included. */
void pl_json_string(FILE *fp, const char *s, size_t len);

#endif
