/* fuzz_markup.c - libFuzzer target: the Markdown and HTML maskers.
 *
 * The first byte picks the syntax; the rest is the document. Masking must
 * keep the length, keep every line break where it was, leave valid UTF-8
 * valid, and change a byte only into PL_MASK_BYTE. */
#include "pl_markup.h"
#include "pl_source.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pl_syntax syntax;
	char *buf, *orig;
	pl_source *src;
	size_t i;

	if (size < 1)
		return 0;
	syntax = data[0] & 1 ? PL_SYNTAX_HTML : PL_SYNTAX_MARKDOWN;
	if (!(buf = malloc(size)))
		return 0;
	memcpy(buf, data + 1, size - 1);
	/* through pl_source, as presslint reads files: valid UTF-8 after */
	if (pl_source_from_buffer(&src, "fuzz", buf, size - 1) < 0)
		return 0;
	if (!(orig = malloc(src->len + 1))) {
		pl_source_free(src);
		return 0;
	}
	memcpy(orig, src->text, src->len + 1);
	if (pl_markup_mask(src->text, src->len, src->body, syntax) == 0) {
		for (i = 0; i < src->len; i++) {
			if (src->text[i] == orig[i])
				continue;
			if (src->text[i] != PL_MASK_BYTE || orig[i] == '\n' || orig[i] == '\r')
				abort(); /* a byte changed into something else */
		}
		for (i = 0; i < src->len;) {
			size_t n = pl_utf8_valid_len((const unsigned char *)src->text + i,
						     src->len - i);
			if (!n)
				abort(); /* masking broke a UTF-8 sequence */
			i += n;
		}
	}
	free(orig);
	pl_source_free(src);
	return 0;
}
