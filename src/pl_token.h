/* pl_token.h - split a document into tokens with Unicode rules. */
#ifndef PL_TOKEN_H
#define PL_TOKEN_H

#include "pl_common.h"

/* Horizontal white space (Zs, tab, vertical tab, form feed) is no token:
 * it is what lies between two tokens. Every other byte of the text from
 * where tokenizing starts is in a token, so the bytes between two tokens
 * that follow each other, when there are any, are one run of white space
 * (pl_tok_space_after), and a rule asks "is there a space here?" of the
 * offsets. Half a news text's tokens would be single spaces. */
typedef enum pl_token_kind {
	PL_TOK_WORD,    /* letters/digits with inner ' ’ - ; or an abbreviation */
	PL_TOK_NUMBER,  /* 3.5  1,000  10:30  2024 */
	PL_TOK_PUNCT,   /* one punctuation character, or an ellipsis "..." */
	PL_TOK_NEWLINE, /* LF, CRLF or CR */
	PL_TOK_URL,     /* URL, e-mail address or bare domain: not prose */
	PL_TOK_SYMBOL,  /* anything else, one character: < & $ % emoji, SUB */
	PL_TOK_MASK,    /* a run of masked markup (pl_markup.h): not prose */
} pl_token_kind;

enum pl_token_flags {
	PL_TF_UPPER = 1 << 0,      /* first letter is uppercase */
	PL_TF_ALLCAPS = 1 << 1,    /* two or more letters, none lowercase */
	PL_TF_INNERCAP = 1 << 2,   /* an uppercase letter after a lowercase one */
	PL_TF_DIGIT = 1 << 3,      /* contains a digit */
	PL_TF_HYPHEN = 1 << 4,     /* contains an inner hyphen */
	PL_TF_APOS = 1 << 5,       /* contains an inner apostrophe */
	PL_TF_ABBREV = 1 << 6,     /* dotted abbreviation: U.S.  a.m.  J.R.R. */
	PL_TF_SENT_START = 1 << 7, /* first word of a sentence (set by pl_sentence) */
	PL_TF_SURE_START = 1 << 8, /* ... and the boundary is certain */
	PL_TF_LINE_START = 1 << 9, /* first token of its line but masked markup */
	PL_TF_ELLIPSIS = 1 << 10,  /* PUNCT token "..." or "…" */
};

/* Offsets are 32 bits: a document is tokenized whole only up to 4 MB and
 * in parts of a few hundred KB beyond that (pl_engine.c), and pl_tokenize
 * refuses a text of 4 GB or more. */
typedef struct pl_token {
	uint32_t start, end; /* byte span */
	uint32_t cp;         /* PUNCT/SYMBOL: the code point; WORD: first letter */
	uint16_t flags;      /* pl_token_flags (11 bits) */
	uint8_t kind;        /* pl_token_kind (8 kinds) */
	uint8_t spare;       /* zero */
} pl_token;

/* Every rule walks the token array, most of them more than once: at 16
 * bytes a token (24 with size_t offsets) those passes move a third less
 * memory, and four tokens share a cache line. */
_Static_assert(sizeof(pl_token) == 16, "pl_token is 16 bytes: keep it so");
_Static_assert(PL_TF_ELLIPSIS <= UINT16_MAX && PL_TOK_MASK <= UINT8_MAX,
	       "pl_token's flags and kind fields hold every value");

typedef struct pl_tokens {
	pl_token *v; /* owned */
	size_t n, cap;
} pl_tokens;

/** Tokenize text[from, len). Appends to `out`, which starts zeroed.
 * PL_EINVAL when len does not fit a token's 32-bit offsets. */
int pl_tokenize(pl_tokens *out, const char *text, size_t len, size_t from);

/** pl_tokenize without its SIMD paths, a token at a time: the same tokens,
 * slower. The reference the tests hold the fast paths to. */
int pl_tokenize_bytewise(pl_tokens *out, const char *text, size_t len, size_t from);

/** Free the token array. */
void pl_tokens_fini(pl_tokens *t);

/** Decode one code point at text[i] (valid UTF-8 assumed). Returns its length. */
size_t pl_utf8_decode(const char *text, size_t len, size_t i, int32_t *cp);

/** Length of the UTF-8 encoding of `cp` written to buf[4]. */
size_t pl_utf8_encode(int32_t cp, char *buf);

/** True for letters (L*) and combining marks (M*). */
bool pl_is_letter(int32_t cp);

/** True for horizontal white space (Zs, tab, vertical tab, form feed). */
bool pl_is_space(int32_t cp);

/** True for an apostrophe: ' or U+2019. */
bool pl_is_apostrophe(int32_t cp);

/** True for opening/closing quotation marks and brackets. */
bool pl_is_closing(int32_t cp);
bool pl_is_opening(int32_t cp);

#endif
