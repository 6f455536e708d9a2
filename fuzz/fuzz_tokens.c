/* fuzz_tokens.c - libFuzzer target: pl_tokenize on its own.
 *
 * The tokenizer assumes valid UTF-8, so the input is first cleaned by
 * pl_source_from_buffer exactly as a loaded file is. The tokens must then
 * lie in text[body, len) in order, none empty, each with a known kind and
 * starting and ending on a character boundary, with only white space
 * between them (white space is no token: pl_token.h); and they must be
 * the tokens pl_tokenize_bytewise gives, field for field, whatever fast
 * path the CPU took. */
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
	pl_tokens toks = { 0 }, ref = { 0 };
	char *buf = malloc(size ? size : 1);
	size_t i, at;

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	if (pl_source_from_buffer(&src, "fuzz.txt", buf, size) < 0)
		return 0;
	if (pl_tokenize(&toks, src->text, src->len, src->body) < 0)
		goto cleanup; /* out of memory */
	if (pl_tokenize_bytewise(&ref, src->text, src->len, src->body) < 0)
		goto cleanup;
	at = src->body;
	for (i = 0; i < toks.n; i++) {
		const pl_token *t = &toks.v[i];
		if (t->start < at)
			fail(&toks, i, "overlaps the previous token");
		while (at < t->start) {
			int32_t cp;
			size_t n = pl_utf8_decode(src->text, src->len, at, &cp);
			if (!pl_is_space(cp))
				fail(&toks, i, "leaves a byte that is no white space before it");
			at += n;
		}
		if (i >= ref.n || memcmp(t, &ref.v[i], sizeof(*t)) != 0)
			fail(&toks, i, "differs from pl_tokenize_bytewise's");
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
	if (toks.n != ref.n)
		fail(&toks, toks.n, "pl_tokenize_bytewise gives another number of tokens");
	while (at < src->len) {
		int32_t cp;
		size_t n = pl_utf8_decode(src->text, src->len, at, &cp);
		if (!pl_is_space(cp))
			fail(&toks, toks.n, "the tokens stop before the end of the text");
		at += n;
	}
cleanup:
	pl_tokens_fini(&ref);
	pl_tokens_fini(&toks);
	pl_source_free(src);
	return 0;
}
