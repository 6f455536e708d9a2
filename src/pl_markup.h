/* pl_markup.h - mask what is not prose in Markdown and HTML.
 *
 * A real parser finds the prose: md4c for CommonMark (it hands its text
 * callback pointers into the source, so byte offsets survive without a
 * position map) and Gumbo for HTML5 (its text nodes keep their original
 * text). Every other byte becomes PL_MASK_BYTE, line breaks excepted, so the
 * masked text has the same length, lines and offsets as the file and every
 * later stage works on it unchanged. */
#ifndef PL_MARKUP_H
#define PL_MARKUP_H

#include "pl_common.h"

/** Stands in for markup, code and other non-prose bytes after masking. */
#define PL_MASK_BYTE 0x1F

typedef enum pl_syntax {
	PL_SYNTAX_AUTO = -1, /* choose by file extension */
	PL_SYNTAX_PLAIN = 0,
	PL_SYNTAX_MARKDOWN,
	PL_SYNTAX_HTML,
} pl_syntax;

/** "plain", "markdown" ("md"), "html" or "auto"; -2 when unknown. */
int pl_syntax_parse(const char *name);

/** The syntax of a path: .md .markdown -> Markdown, .html .htm -> HTML,
 * anything else (and standard input) plain text. */
pl_syntax pl_syntax_for_path(const char *path);

/** Mask text[body, len) in place for `syntax` (PLAIN does nothing). In
 * Markdown, YAML front matter is masked except the values of its title
 * and description keys; fenced and indented code, code spans, link
 * destinations, autolinks' markup, raw HTML and HTML comments are masked.
 * In HTML, tags, comments, script, style, pre and code, and entity
 * references are masked. */
int pl_markup_mask(char *text, size_t len, size_t body, pl_syntax syntax);

struct pl_source;

/** Mask a loaded source for `syntax` (PL_SYNTAX_AUTO: by its path),
 * keeping the unmasked text in src->orig for fixes and suppression
 * comments. Plain text is left as it is, with no copy. */
int pl_markup_apply(struct pl_source *src, pl_syntax syntax);

#endif
