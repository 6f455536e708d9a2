/* pl_doc.h - one document as every rule sees it: text, tokens, lines,
 * sentences, and the sink for findings. */
#ifndef PL_DOC_H
#define PL_DOC_H

#include "pl_arena.h"
#include "pl_finding.h"
#include "pl_rule.h"
#include "pl_source.h"
#include "pl_token.h"
#include "pl_wordlist.h"

struct pl_speller;
struct pl_patterns;
struct pl_vocab;
struct pl_words;

/** What the rules read, loaded once per run and shared by every document.
 * All members are owned by the engine. */
typedef struct pl_resources {
	struct pl_speller *speller;
	pl_wordlist *accept;      /* words accepted as spelled right (exact) */
	pl_wordlist *reject;      /* words always reported (exact) */
	pl_wordlist *typos;       /* "adn" -> "and" (folded keys), from its
				   * index when built from typos.txt as it is */
	pl_wordlist *proper;      /* folded proper noun -> canonical casing */
	pl_wordlist *proper_prefix; /* folded word runs that begin multi-word ones */
	pl_wordlist *proper_later; /* folded words after the first of multi-word ones */
	pl_wordlist *given_names; /* folded given names */
	pl_wordlist *boilerplate; /* folded whole lines */
	struct pl_bp_filter *boilerplate_brief; /* of `boilerplate`, made once
						  * (pl_bp_filter_new), or
						  * NULL: made per document */
	pl_wordlist *minor;       /* title-case minor words */
	pl_wordlist *abbrev;      /* folded abbreviations that take a period */
	pl_wordlist *doubled_ok;  /* words that may legitimately repeat */
	pl_wordlist *foreign;     /* other languages' function words */
	pl_wordlist *dialect;     /* British piece -> American piece */
	const char **dialect_pairs; /* its pairs, British then American, sorted */
	size_t n_dialect;
	struct pl_patterns *patterns;
	size_t proper_max_words;  /* longest entry in `proper`, in words */
} pl_resources;

enum pl_line_flags {
	PL_LINE_BLANK = 1 << 0,   /* nothing but white space */
	PL_LINE_HEADING = 1 << 1, /* short, no closing punctuation: a heading */
	PL_LINE_PARA = 1 << 2,    /* starts a paragraph */
	PL_LINE_SPEECH = 1 << 3,  /* a speaker's turn: "((WN)) ...", "Emily Carter: ..." */
};

typedef struct pl_line {
	size_t start, end;         /* bytes, without the line break */
	size_t tok_first, tok_end; /* its tokens, without the line break */
	unsigned flags;            /* pl_line_flags */
	unsigned words;            /* word tokens on the line */
} pl_line;

/** The arrays a document's setup fills (tokens, lines, word ids, the
 * indices of capitalized words, of all words, of possible repeats, of
 * sentence punctuation, of lowercase sentence starts and of the words
 * the word rules look at),
 * lent from one document to the next: part after part of a large file, and
 * file after file on one thread, then reuse memory that is already
 * faulted in instead of allocating, zeroing and faulting fresh pages for
 * each. Zero-initialize; free with pl_doc_buffers_fini. One document at a
 * time: pl_doc_init_with takes the arrays, pl_doc_fini gives them back
 * (and frees any that grew past PL_DOC_KEEP_MAX bytes, so a huge document
 * does not pin its memory for the rest of the run). */
typedef struct pl_doc_buffers {
	pl_token *toks;
	size_t tok_cap;
	pl_line *lines;
	size_t line_cap;
	uint32_t *word_id;
	size_t word_cap;
	uint32_t *caps;
	size_t caps_cap;
	uint32_t *word_at;
	size_t word_at_cap;
	uint32_t *repeat;
	size_t repeat_cap;
	uint32_t *puncts;
	size_t puncts_cap;
	uint32_t *low_starts;
	size_t low_starts_cap;
	uint32_t *notable;
	size_t notable_cap;
} pl_doc_buffers;

#define PL_DOC_KEEP_MAX ((size_t)4 << 20)

/** Free the arrays kept in `b`. */
void pl_doc_buffers_fini(pl_doc_buffers *b);

typedef struct pl_doc {
	const pl_source *src;
	const char *text;  /* the part of src->text checked: src->text + offset */
	size_t len;
	size_t offset;     /* where `text` starts in the file */
	size_t body;       /* where prose starts in `text` (after a BOM) */
	size_t line_base;  /* lines of the file before `text` (0 but in parts) */
	pl_tokens toks;    /* owned (borrowed from `bufs` when set); v is never
			    * NULL once pl_doc_init has succeeded */
	pl_line *lines;    /* owned (borrowed from `bufs` when set) */
	size_t n_lines;
	size_t line_cap;   /* capacity of `lines` */
	pl_arena *arena; /* messages and suggestions (borrowed) */
	pl_findings *out;
	const pl_ruleset *rules;
	const pl_resources *res;
	const struct pl_vocab *vocab; /* the repository's own words, or NULL */
	size_t first_found; /* out->n when the document began: findings
			     * before it are other parts' */
	pl_span *claims; /* owned: spans of artifact findings, by start */
	size_t n_claims;
	struct pl_words *words; /* the run's word forms (pl_words.h) */
	uint32_t *word_id;      /* owned (borrowed from `bufs` when set): per
				 * token, its form's id (0: not a word),
				 * and a 0 past the last token */
	size_t word_cap;        /* capacity of `word_id` */
	uint32_t *caps;         /* owned (borrowed from `bufs` when set): the
				 * indices of the word tokens with
				 * PL_TF_UPPER, in order: a rule about
				 * capitalized words walks these, not every
				 * token */
	size_t n_caps, caps_cap;
	uint32_t *word_at;      /* owned (borrowed from `bufs` when set): the
				 * indices of all the word tokens, in order:
				 * a rule about words walks these, not the
				 * punctuation between them */
	size_t n_word_at, word_at_cap;
	uint32_t *repeat;       /* owned (borrowed from `bufs` when set): the
				 * places in word_at of the words that may
				 * repeat the word before them, found while
				 * the words are interned (pl_words.h:
				 * pl_words_intern_at): the doubled-word rule
				 * looks at these alone */
	size_t n_repeat, repeat_cap;
	uint32_t *puncts;       /* owned (borrowed from `bufs` when set): the
				 * indices of the tokens whose code point is
				 * , . ; : ! or ? (of any kind), in order: the
				 * spacing rules look at these alone */
	size_t n_puncts, puncts_cap;
	uint32_t *low_starts;   /* owned (borrowed from `bufs` when set): the
				 * indices of the word tokens that surely start
				 * a sentence (PL_TF_SURE_START) and have no
				 * PL_TF_UPPER, in order: few, and the only
				 * sentence starts the capitalization rules
				 * look at */
	size_t n_low_starts, low_starts_cap;
	uint32_t *notable;      /* owned (borrowed from `bufs` when set):
				 * pl_doc_notable_words(), once asked */
	size_t n_notable, notable_cap;
	bool notable_done;
	pl_doc_buffers *bufs;   /* where the arrays above go back to
				 * (borrowed), or NULL: they are freed */
	uint32_t serial;        /* this document's serial in `words` */
	bool own_words;         /* `words` was made for this document alone */
} pl_doc;

/** Tokenize src->text[offset, offset + len), find its lines and sentences,
 * and intern its words in `words` (NULL: a table for this document alone).
 * Findings are reported relative to the part. `res`, `rules`, `out`,
 * `arena` and `words` are borrowed for the document's life; `words` must
 * answer from `res`. Free with pl_doc_fini. */
int pl_doc_init(pl_doc *doc, const pl_source *src, size_t offset, size_t len,
		const pl_resources *res, const pl_ruleset *rules, pl_findings *out,
		pl_arena *arena, struct pl_words *words);

/** pl_doc_init, with the token, line and word-id arrays taken from `bufs`
 * (NULL: allocated afresh) and given back to it by pl_doc_fini. */
int pl_doc_init_with(pl_doc *doc, const pl_source *src, size_t offset, size_t len,
		     const pl_resources *res, const pl_ruleset *rules, pl_findings *out,
		     pl_arena *arena, struct pl_words *words, pl_doc_buffers *bufs);

/** Release what pl_doc_init allocated (not the findings), or give the
 * borrowed arrays back to doc->bufs. */
void pl_doc_fini(pl_doc *doc);

/** Mark sentence starts and line structure (pl_sentence.c). */
int pl_sentence_mark(pl_doc *doc);

/** True when `rule` is on for this run. */
static inline bool pl_doc_rule_on(const pl_doc *doc, unsigned rule)
{
	return doc->rules->enabled[rule];
}

/** Report a finding on text[start, end) with a printf-style message. Returns
 * the finding (to add suggestions to), or NULL when the rule is off or memory
 * ran out. The pointer is valid until the next report. */
pl_finding *pl_doc_report(pl_doc *doc, unsigned rule, size_t start, size_t end,
			  const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/** Add a replacement suggestion for finding `f` (copied into the arena). */
int pl_doc_suggest(pl_doc *doc, pl_finding *f, const char *s, size_t len);

/** Record the spans of the artifact and encoding findings this document
 * reported (call once they have all run). */
int pl_doc_claim_artifacts(pl_doc *doc);

/** True when a claimed span covers part of [start, end): text a scraper
 * mangled is not also a misspelling. */
bool pl_doc_claimed(const pl_doc *doc, size_t start, size_t end);

/** The token's text. */
static inline pl_str pl_doc_tok_str(const pl_doc *doc, const pl_token *t)
{
	return (pl_str){ doc->text + t->start, t->end - t->start };
}

/** The word tokens (indices, in order) that a rule walking the words may
 * act on: those whose form's facts of PL_WF_WALKED (pl_words.h) are not
 * PL_WF_KNOWN alone, each form's facts worked out on the way. The
 * spelling rules look at no word known to the dictionaries, and the
 * capitalization rules' first pass at none without one of their facts:
 * each walks these (a tenth of the words, or so) instead of every word,
 * and the one walk that finds them, the first time a rule asks, serves
 * both. *n is set to how many; NULL on no memory (doc->word_at, every
 * word, then serves). */
const uint32_t *pl_doc_notable_words(pl_doc *doc, size_t *n);

/** The id of token i's word form in doc->words; 0 when not a word. */
static inline uint32_t pl_doc_word(const pl_doc *doc, size_t i)
{
	return doc->word_id[i];
}

#endif
