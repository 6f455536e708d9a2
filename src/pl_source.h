/* pl_source.h - a document's bytes, loaded and validated once. */
#ifndef PL_SOURCE_H
#define PL_SOURCE_H

#include "pl_common.h"

/** A loaded document. `text` is valid UTF-8 of `len` bytes: every byte of an
 * invalid sequence (and every NUL) is replaced by 0x1A (SUB) so that byte
 * offsets still match the file. A leading UTF-8 BOM is kept in `text` but
 * `body` starts after it. */
typedef struct pl_source {
	char *path;       /* as given; "-" shown as "<stdin>" */
	char *text;       /* owned: len bytes, then 64 zero bytes (PCRE2's JIT
			   * and 16-byte loads read past a word) */
	size_t len;
	size_t body;      /* offset of the first byte after a BOM */
	pl_span *invalid; /* owned: spans of invalid UTF-8 in the file */
	size_t n_invalid;
	size_t n_nul;     /* how many NUL bytes the file held */
	int syntax;       /* pl_syntax the text was masked for */
	const char *wide; /* "UTF-16LE" etc. when a BOM says the file is not
			   * UTF-8 (the text is then not usable), or NULL */
	char *orig;       /* owned: the text before masking, or NULL */
	size_t mapped;    /* bytes mapped when `text` is a private mapping of
			   * the file (a large one), else 0 */
} pl_source;

/** Load `path` ("-" for standard input). On success *out is a new source the
 * caller frees with pl_source_free. Returns PL_EIO with pl_error_last() set. */
int pl_source_load(pl_source **out, const char *path);

/** Take ownership of `len` bytes in `buf` (malloc'd, may be realloc'd) as a
 * document named `path`. Validates and cleans in place. */
int pl_source_from_buffer(pl_source **out, const char *path, char *buf,
			  size_t len);

/** Turn a SIGBUS on a mapped file's text (the file was cut short while it
 * was read) into "FILE: the file was cut short while it was being read"
 * on standard error and exit status 2, instead of a crash. For programs:
 * it installs a process-wide signal handler. */
void pl_source_guard_mapped(void);

/** Free a source. NULL is a no-op. */
void pl_source_free(pl_source *src);

/** Length of a valid UTF-8 sequence at s[0..avail), or 0 when invalid. */
size_t pl_utf8_valid_len(const unsigned char *s, size_t avail);

/** True when the first bytes look like a binary file (many control bytes). */
bool pl_source_looks_binary(const char *buf, size_t len);

#endif
