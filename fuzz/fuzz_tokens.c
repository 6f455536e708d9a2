/* fuzz_tokens.c - libFuzzer target: pl_tokenize on its own.
 *
 * The tokenizer assumes valid UTF-8, so the input is first cleaned by
 * pl_source_from_buffer exactly as a loaded file is. The tokens must then
 * tile text[body, len): in order, no gaps, no overlaps, none empty, each
 * with a known kind, and each starting and ending on a character boundary. */
#include "pl_source.h"
#include "pl_token.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void fail(const pl_tokens *t, size_t i, const char *why)
{
	fprintf(stderr, "fuzz_tokens: token %zu of %zu: %s\n", i, t->n, why);
	if (i < t->n)
		fprintf(stderr, "  [%zu, %zu) kind %u\n", (size_t)t->v[i].start,
			(size_t)t->v[i].end, (unsigned)t->v[i].kind);
	abort();
}

static bool boundary(const char *text, size_t len, size_t at)
{
	return at == 0 || at >= len || ((unsigned char)text[at] & 0xC0) != 0x80;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pl_source *src = NULL;
	pl_tokens toks = { 0 };
	char *buf = malloc(size ? size : 1);
	size_t i, at;

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	if (pl_source_from_buffer(&src, "fuzz.txt", buf, size) < 0)
		return 0;
	if (pl_tokenize(&toks, src->text, src->len, src->body) < 0)
		goto cleanup; /* out of memory */
	at = src->body;
	for (i = 0; i < toks.n; i++) {
		const pl_token *t = &toks.v[i];
		if (t->start != at)
			fail(&toks, i, t->start < at ? "overlaps the previous token"
						     : "leaves a gap before it");
		if (t->end <= t->start)
			fail(&toks, i, "is empty or reversed");
		if (t->end > src->len)
			fail(&toks, i, "ends past the text");
		if (t->kind > PL_TOK_MASK) /* the last kind */
			fail(&toks, i, "has an unknown kind");
		if (!boundary(src->text, src->len, t->start) ||
		    !boundary(src->text, src->len, t->end))
			fail(&toks, i, "splits a UTF-8 character");
		at = t->end;
	}
	if (at != src->len)
		fail(&toks, toks.n, "the tokens stop before the end of the text");
cleanup:
	pl_tokens_fini(&toks);
	pl_source_free(src);
	return 0;
}
