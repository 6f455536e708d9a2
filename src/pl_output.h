/* pl_output.h - findings to text: byte spans become lines and columns here
 * and nowhere else. */
#ifndef PL_OUTPUT_H
#define PL_OUTPUT_H

#include <stdio.h>

#include "pl_doc.h"

typedef enum pl_format {
	PL_FORMAT_GCC,  /* path:line:col: severity: message [rule] */
	PL_FORMAT_JSON, /* one array of objects for the whole run */
} pl_format;

typedef struct pl_output {
	FILE *fp;          /* borrowed */
	pl_format format;
	bool byte_columns; /* columns count bytes, not characters */
	size_t findings;   /* how many were written so far */
} pl_output;

#define PL_OUTPUT_INIT(fp) { (fp), PL_FORMAT_GCC, false, 0 }

/** Parse "gcc" or "json"; -1 when unknown. */
int pl_format_parse(const char *name);

/** Write what comes before the first document ("[" for JSON). */
void pl_output_begin(pl_output *out);

/** Write one document's findings. Matches pl_emit_fn: pass the output as ud. */
int pl_output_doc(const pl_doc *doc, const pl_findings *f, void *out);

/** Write what comes after the last document. */
void pl_output_end(pl_output *out);

/** Write `len` bytes as a JSON string literal, quotes included. */
void pl_json_string(FILE *fp, const char *s, size_t len);

#endif
