#include "pl_check.h"

void pl_check_encoding(pl_doc *doc)
{
	const pl_source *src = doc->src;
	size_t i, lo = doc->offset, hi = doc->offset + doc->len;

	/* the spans are the file's; this document may be a part of it */
	for (i = 0; i < src->n_invalid; i++) {
		const pl_span *s = &src->invalid[i];
		if (s->start < lo || s->start >= hi)
			continue;
		pl_doc_report(doc, PL_R_INVALID_UTF8, s->start - lo, s->end - lo,
			      "%zu byte%s of invalid UTF-8", s->end - s->start,
			      s->end - s->start == 1 ? "" : "s");
	}
	if (src->n_nul && lo == 0) {
		/* the NUL bytes were replaced by SUB at load: point at the first */
		for (i = src->body; i < src->len; i++) {
			if (src->text[i] == 0x1A) {
				bool invalid = false;
				for (size_t k = 0; k < src->n_invalid && !invalid; k++)
					invalid = i >= src->invalid[k].start &&
						  i < src->invalid[k].end;
				if (invalid)
					continue;
				pl_doc_report(doc, PL_R_NUL_BYTE, i, i + 1,
					      "NUL byte in text (%zu in the file)",
					      src->n_nul);
				break;
			}
		}
	}
}
