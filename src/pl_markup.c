#include "pl_markup.h"
#include "pl_error.h"
#include "pl_source.h"

#include <gumbo.h>
#include <md4c.h>
#include <stdlib.h>
#include <string.h>

int pl_syntax_parse(const char *name)
{
	if (strcmp(name, "plain") == 0 || strcmp(name, "text") == 0)
		return PL_SYNTAX_PLAIN;
	if (strcmp(name, "markdown") == 0 || strcmp(name, "md") == 0)
		return PL_SYNTAX_MARKDOWN;
	if (strcmp(name, "html") == 0)
		return PL_SYNTAX_HTML;
	if (strcmp(name, "auto") == 0)
		return PL_SYNTAX_AUTO;
	return -2;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

pl_syntax pl_syntax_for_path(const char *path)
{
	if (ends_with(path, ".md") || ends_with(path, ".markdown"))
		return PL_SYNTAX_MARKDOWN;
	if (ends_with(path, ".html") || ends_with(path, ".htm"))
		return PL_SYNTAX_HTML;
	return PL_SYNTAX_PLAIN;
}

typedef struct mask {
	const char *base; /* the whole text */
	size_t len;
	unsigned char *prose; /* one flag a byte */
	int code;             /* depth of code blocks and spans */
	int html;             /* depth of raw HTML blocks */
	pl_span *raw;         /* raw HTML in Markdown, for the HTML parser */
	size_t n_raw, cap_raw;
} mask;

static void keep(mask *m, const char *p, size_t n)
{
	size_t off;

	/* md4c hands a few replacements from its own storage: skip those */
	if (p < m->base || p + n > m->base + m->len)
		return;
	off = (size_t)(p - m->base);
	memset(m->prose + off, 1, n);
}

/* ---- Markdown ------------------------------------------------------------ */

static int md_enter_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
	mask *m = ud;
	(void)detail;
	if (type == MD_BLOCK_CODE)
		m->code++;
	else if (type == MD_BLOCK_HTML)
		m->html++;
	return 0;
}

static int md_leave_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
	mask *m = ud;
	(void)detail;
	if (type == MD_BLOCK_CODE)
		m->code--;
	else if (type == MD_BLOCK_HTML)
		m->html--;
	return 0;
}

static int md_enter_span(MD_SPANTYPE type, void *detail, void *ud)
{
	mask *m = ud;
	(void)detail;
	if (type == MD_SPAN_CODE || type == MD_SPAN_LATEXMATH ||
	    type == MD_SPAN_LATEXMATH_DISPLAY)
		m->code++;
	return 0;
}

static int md_leave_span(MD_SPANTYPE type, void *detail, void *ud)
{
	mask *m = ud;
	(void)detail;
	if (type == MD_SPAN_CODE || type == MD_SPAN_LATEXMATH ||
	    type == MD_SPAN_LATEXMATH_DISPLAY)
		m->code--;
	return 0;
}

static int md_text(MD_TEXTTYPE type, const MD_CHAR *text, MD_SIZE size, void *ud)
{
	mask *m = ud;

	if (type == MD_TEXT_NORMAL && !m->code && !m->html) {
		keep(m, text, size);
	} else if (type == MD_TEXT_HTML && text >= m->base &&
		   text + size <= m->base + m->len) {
		/* raw HTML: its text is prose too (<div>Text</div>); the HTML
		 * parser decides, run by run */
		size_t off = (size_t)(text - m->base);
		pl_span *last = m->n_raw ? &m->raw[m->n_raw - 1] : NULL;
		if (last && off >= last->end && off - last->end <= 2 &&
		    (off == last->end || m->base[last->end] == '\n' ||
		     m->base[last->end] == '\r'))
			last->end = off + size;
		else if (PL_GROW(m->raw, m->cap_raw, m->n_raw + 1) == 0)
			m->raw[m->n_raw++] = (pl_span){ off, off + size };
	}
	return 0;
}

/* The end of a YAML front matter block that opens the text ("---" lines),
 * or `from` when there is none. Keeps the values of title and description. */
static size_t front_matter(mask *m, size_t from)
{
	const char *t = m->base;
	size_t i, line;

	if (m->len - from < 4 || memcmp(t + from, "---", 3) != 0 ||
	    (t[from + 3] != '\n' && t[from + 3] != '\r'))
		return from;
	for (line = from + 3; line < m->len && t[line] != '\n'; line++)
		;
	line++;
	while (line < m->len) {
		size_t end = line, k, v;
		while (end < m->len && t[end] != '\n')
			end++;
		k = end;
		if (k > line && t[k - 1] == '\r')
			k--;
		if ((k - line == 3 && (memcmp(t + line, "---", 3) == 0 ||
				       memcmp(t + line, "...", 3) == 0)))
			return end < m->len ? end + 1 : end;
		for (i = 0; i < 2; i++) {
			static const char *const keys[] = { "title:", "description:" };
			size_t kl = strlen(keys[i]);
			if (k - line > kl && memcmp(t + line, keys[i], kl) == 0) {
				v = line + kl;
				while (v < k && (t[v] == ' ' || t[v] == '\t'))
					v++;
				if (v < k && (t[v] == '"' || t[v] == '\'')) {
					size_t q = k;
					while (q > v + 1 && t[q - 1] != t[v])
						q--;
					if (q > v + 1)
						keep(m, t + v + 1, q - v - 2);
				} else if (v < k) {
					keep(m, t + v, k - v);
				}
			}
		}
		line = end + 1;
	}
	/* no closing line: not front matter after all */
	memset(m->prose + from, 0, m->len - from);
	return from;
}

static int mask_html(mask *m, size_t from, size_t to);

static int mask_markdown(mask *m, size_t body)
{
	size_t i;
	int err = PL_OK;

	MD_PARSER parser;
	size_t from = front_matter(m, body);

	memset(&parser, 0, sizeof(parser));
	parser.flags = MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH |
		       MD_FLAG_PERMISSIVEURLAUTOLINKS | MD_FLAG_PERMISSIVEWWWAUTOLINKS |
		       MD_FLAG_PERMISSIVEEMAILAUTOLINKS | MD_FLAG_TASKLISTS;
	parser.enter_block = md_enter_block;
	parser.leave_block = md_leave_block;
	parser.enter_span = md_enter_span;
	parser.leave_span = md_leave_span;
	parser.text = md_text;
	if (from < m->len && md_parse(m->base + from, (MD_SIZE)(m->len - from),
				      &parser, m) != 0)
		return pl_error_set(PL_EINVAL, "the Markdown parser failed");
	for (i = 0; i < m->n_raw && err == PL_OK; i++)
		err = mask_html(m, m->raw[i].start, m->raw[i].end);
	return err;
}

/* ---- HTML ----------------------------------------------------------------- */

static bool skipped_tag(GumboTag tag)
{
	return tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE ||
	       tag == GUMBO_TAG_PRE || tag == GUMBO_TAG_CODE ||
	       tag == GUMBO_TAG_NOSCRIPT || tag == GUMBO_TAG_TEMPLATE ||
	       tag == GUMBO_TAG_TEXTAREA;
}

static void walk(mask *m, const GumboNode *node, int depth)
{
	size_t i;

	if (depth > 400)
		return; /* a pathological nesting: its text stays masked */
	switch (node->type) {
	case GUMBO_NODE_TEXT:
	case GUMBO_NODE_WHITESPACE:
		keep(m, node->v.text.original_text.data,
		     node->v.text.original_text.length);
		break;
	case GUMBO_NODE_DOCUMENT:
		for (i = 0; i < node->v.document.children.length; i++)
			walk(m, node->v.document.children.data[i], depth + 1);
		break;
	case GUMBO_NODE_ELEMENT:
	case GUMBO_NODE_TEMPLATE:
		if (skipped_tag(node->v.element.tag))
			break;
		for (i = 0; i < node->v.element.children.length; i++)
			walk(m, node->v.element.children.data[i], depth + 1);
		break;
	default: /* comments, CDATA */
		break;
	}
}

/* Entity references in kept text are markup too: "AT&amp;T". */
static void drop_entities(mask *m)
{
	size_t i, j;

	for (i = 0; i < m->len; i++) {
		if (m->base[i] != '&' || !m->prose[i])
			continue;
		for (j = i + 1; j < m->len && j < i + 34 && m->prose[j] &&
				(m->base[j] == '#' || (m->base[j] >= '0' && m->base[j] <= '9') ||
				 ((m->base[j] | 0x20) >= 'a' && (m->base[j] | 0x20) <= 'z'));
		     j++)
			;
		if (j < m->len && j > i + 1 && m->base[j] == ';')
			memset(m->prose + i, 0, j + 1 - i);
	}
}

static int mask_html(mask *m, size_t from, size_t to)
{
	GumboOptions opt = kGumboDefaultOptions;
	GumboOutput *out = gumbo_parse_with_options(&opt, m->base + from, to - from);

	if (!out)
		return pl_error_set(PL_EINVAL, "the HTML parser failed");
	walk(m, out->document, 0);
	gumbo_destroy_output(&opt, out);
	drop_entities(m);
	return PL_OK;
}

int pl_markup_mask(char *text, size_t len, size_t body, pl_syntax syntax)
{
	mask m = { text, len, NULL, 0, 0, NULL, 0, 0 };
	size_t i;
	int err;

	if (syntax != PL_SYNTAX_MARKDOWN && syntax != PL_SYNTAX_HTML)
		return PL_OK;
	if (!(m.prose = calloc(len + 1, 1)))
		return pl_error_set(PL_ENOMEM, "out of memory");
	err = syntax == PL_SYNTAX_MARKDOWN ? mask_markdown(&m, body) :
					     mask_html(&m, body, len);
	if (err == PL_OK)
		for (i = body; i < len; i++)
			if (!m.prose[i] && text[i] != '\n' && text[i] != '\r')
				text[i] = PL_MASK_BYTE;
	free(m.prose);
	free(m.raw);
	return err;
}

int pl_markup_apply(pl_source *src, pl_syntax syntax)
{
	if (syntax == PL_SYNTAX_AUTO)
		syntax = pl_syntax_for_path(src->path);
	src->syntax = syntax;
	if (syntax == PL_SYNTAX_PLAIN)
		return PL_OK;
	if (!src->orig && !(src->orig = malloc(src->len + 1)))
		return pl_error_set(PL_ENOMEM, "out of memory");
	memcpy(src->orig, src->text, src->len + 1);
	return pl_markup_mask(src->text, src->len, src->body, syntax);
}
