/* pl_words.h - the distinct word forms of a run, each with what the rules
 * ask about it, worked out once.
 *
 * News repeats its words: the 1.7 million words of 10 MB of Wikinews are
 * about 17,000 distinct forms. The rules ask the same questions of every
 * token ("is it in the dictionary?", "is it a given name?", "is it the
 * first word of a multi-word proper noun?"), so each form is interned once
 * and each answer is kept on its record the first time it is asked.
 *
 * Only answers that depend on the run's resources (dictionaries and lists,
 * fixed for an engine's life) are kept. A document's own vocabulary
 * (pl_vocab: .presslint-accept.txt) differs from file to file and is asked
 * by the rules themselves.
 *
 * The forms are shared by every thread of a run: each thread has its own
 * view of them (pl_words_view), and what one thread works out about a form
 * the others read. A run's threads would otherwise each look up the same
 * twenty thousand forms in the same dictionaries. Forms are looked up
 * without a lock, added under one; answers are published atomically.
 * A view is used by one thread at a time: the engine hands one to each
 * document it checks (pl_engine.c), between pl_words_begin() and
 * pl_words_end(). */
#ifndef PL_WORDS_H
#define PL_WORDS_H

#include "pl_common.h"

struct pl_resources;
struct pl_token;

typedef struct pl_words pl_words;

/** What a rule may ask about a form. Each is computed on first request. */
enum pl_word_fact {
	PL_WF_LOWER = 1 << 0,       /* no uppercase letter */
	PL_WF_ACCEPTED = 1 << 1,    /* on the run's accept list (--words) */
	PL_WF_REJECTED = 1 << 2,    /* on the run's reject list */
	PL_WF_SPELLED = 1 << 3,     /* the dictionary accepts it, or its form
				     * without a possessive, which may also be
				     * on the accept list */
	PL_WF_NAME = 1 << 4,        /* without a possessive: in no dictionary
				     * of either dialect, not accepted, not in
				     * the newsroom lexicon: an unknown name
				     * when capitalized */
	PL_WF_GIVEN = 1 << 5,       /* folded, a given name */
	PL_WF_PROPER_FIRST = 1 << 6, /* folded, the first word of a multi-word
				      * proper noun ("united" of "United
				      * States") */
	PL_WF_PROPER = 1 << 7,      /* pl_words_proper() has an answer */
	PL_WF_KNOWN = 1 << 8,       /* accepted, or spelled right and not
				     * rejected: what the spelling rule asks
				     * first of every word */
	PL_WF_NEAR = 1 << 9,        /* one typing slip from a dictionary word
				     * (pl_speller_near) */
	PL_WF_PROPER_LATER = 1 << 10, /* folded, a word after the first of a
				       * multi-word proper noun ("states" of
				       * "United States"), or too long to tell,
				       * or no list of those words is loaded */
	PL_WF_MINOR = 1 << 11,      /* folded, a minor word of Title Case
				     * ("of", "the") */
	PL_WF_FOLD_KNOWN = 1 << 12, /* folded, accepted or in a dictionary of
				     * either dialect: an ordinary word to the
				     * capitalization rule, which also asks
				     * the document's own vocabulary */
	PL_WF_FOREIGN = 1 << 13,    /* folded (into 32 bytes), another
				     * language's function word ("des",
				     * "und"): the spelling rule counts them in
				     * a sentence with words to report */
};

/** A new, empty table answering from `res`, which must outlive it, and a
 * first view of it. NULL on no memory. */
pl_words *pl_words_new(const struct pl_resources *res);

/** Another view of t's forms, for another thread. NULL on no memory. */
pl_words *pl_words_view(pl_words *t);

/** Free a view; the forms go with the last of their views. NULL is a
 * no-op. */
void pl_words_free(pl_words *t);

/** Start a document on this view (ending any it had begun). Returns its
 * serial number, for per-document marks. Forms grown past their bound are
 * forgotten, every one, once no view is in a document (this waits for
 * them), so ids from earlier documents must not be kept. */
uint32_t pl_words_begin(pl_words *t);

/** End the view's document, if it has one. */
void pl_words_end(pl_words *t);

/** Forget the forms once there are more than `forms` of them (never more
 * than the built-in bound, about a million): for tests. */
void pl_words_limit(pl_words *t, size_t forms);

/** PL_WF_SPELLED of any text, worked out and not kept: for the parts and
 * pieces of words a rule tries that are no token's form. */
bool pl_words_spelled(const struct pl_resources *res, const char *w, size_t n);

/** The id of the form w[0, n), interned if new; 0 when it cannot be (no
 * memory, or longer than any word). */
uint32_t pl_words_intern(pl_words *t, const char *w, size_t n);

/** ids[i] = pl_words_intern() of token i's form for each word token of
 * toks[0, n), 0 for the others. `text` is the tokens' text, followed by at
 * least 16 readable bytes (a source's padding). No memory for a form gives
 * it id 0. */
void pl_words_intern_tokens(pl_words *t, const char *text,
			    const struct pl_token *toks, size_t n, uint32_t *ids);

/** pl_words_intern_tokens for the word tokens at[0, n_at) of `toks` only
 * (their indices, as pl_doc's word_at lists them): ids[at[k]] is set for
 * each k, and no other entry of ids is written.
 *
 * Unless `repeats` is NULL (else it has room for n_at), the same pass
 * also lists there, in order, each k whose word may repeat the one before
 * it: the next token (white space may lie between), as long, and with
 * the same first byte but for its 0x20 bit (its case, for a letter).
 * Returns how many (0 when `repeats` is NULL). These are the only places
 * a doubled word ("the the", "The the") can be: the rule that looks for
 * them then need not read every word's token again. */
size_t pl_words_intern_at(pl_words *t, const char *text, const struct pl_token *toks,
			  const uint32_t *at, size_t n_at, uint32_t *ids, uint32_t *repeats);

/** True when form `id` has `fact` (one pl_word_fact). False for id 0. */
static inline bool pl_words_is(pl_words *t, uint32_t id, unsigned fact);

/* The answers asked for on every token are read inline; the table's other
 * parts are private to pl_words.c. A form's facts and which of them are
 * worked out are one number, read and set atomically: another thread may
 * be adding an answer while this one reads. */
#define PL_WORD_FOLDED (1u << 15)
_Static_assert(PL_WF_FOREIGN < (1u << 14), "a form's facts fit a half of its state, "
	       "with two bits to spare (PL_WORD_FOLDED and pl_words.c's DONE_PROPER)");

typedef struct pl_words_core {
	uint32_t *state;     /* by id: the low half, the facts worked out (and
			      * PL_WORD_FOLDED); the high half, those that
			      * hold. Four bytes a form: the rules' walks ask
			      * it of every word */
	uint32_t *fold_base; /* by id: pl_words_fold_base(), once
			      * PL_WORD_FOLDED */
} pl_words_core;

bool pl_words_work_out(pl_words *t, uint32_t id, unsigned fact);

/* The state of form `id`. Acquire: what was published before it (a folded
 * base, the form it names) is then seen too. A plain load on x86. */
static inline uint32_t pl_words_state(const pl_words *t, uint32_t id)
{
	return __atomic_load_n(&((const pl_words_core *)(const void *)t)->state[id],
			       __ATOMIC_ACQUIRE);
}

/* Id 0's state reads as every fact worked out, none holding, and its
 * folded base is 0: id 0 takes no test of its own. */
static inline bool pl_words_is(pl_words *t, uint32_t id, unsigned fact)
{
	uint32_t s = pl_words_state(t, id);

	return (s & fact) ? ((s >> 16) & fact) != 0 : pl_words_work_out(t, id, fact);
}

/* The facts of a form that the rules walking every word act on: a form
 * with these worked out, of which PL_WF_KNOWN alone holds, is one they
 * all pass over (pl_doc.h: pl_doc_notable_words). */
#define PL_WF_WALKED (PL_WF_KNOWN | PL_WF_GIVEN | PL_WF_PROPER_FIRST | PL_WF_PROPER)

/** The form's facts (pl_word_fact bits) with every one of `facts` worked
 * out: for a loop that asks several of each token, one read. Other bits
 * may be set too; 0 for id 0. */
static inline uint32_t pl_words_facts(pl_words *t, uint32_t id, unsigned facts);

uint32_t pl_words_work_out_all(pl_words *t, uint32_t id, unsigned facts);

static inline uint32_t pl_words_facts(pl_words *t, uint32_t id, unsigned facts)
{
	uint32_t s = pl_words_state(t, id);

	return (s & facts) == facts ? s >> 16 : pl_words_work_out_all(t, id, facts);
}

/** The id of the form folded (lowercase, curly apostrophe straightened)
 * and without a possessive: "Trump's" -> "trump". 0 if none. */
static inline uint32_t pl_words_fold_base(pl_words *t, uint32_t id);

uint32_t pl_words_fold_out(pl_words *t, uint32_t id);

static inline uint32_t pl_words_fold_base(pl_words *t, uint32_t id)
{
	return (pl_words_state(t, id) & PL_WORD_FOLDED)
		       ? __atomic_load_n(&((const pl_words_core *)(const void *)t)->fold_base[id],
					 __ATOMIC_RELAXED)
		       : pl_words_fold_out(t, id);
}

/** The newsroom lexicon's casing of the folded base form ("beijing" ->
 * "Beijing"), or NULL when the lexicon lacks it. */
const char *pl_words_proper(pl_words *t, uint32_t id);

/** A rule's own note on a form, for answers too particular to be facts
 * here: `tag` says what the note was worked out under (so a rule whose
 * answer also depends on the document can tell a stale note), `kind` and
 * `text` are the rule's. A note, once set, does not change: a new one
 * replaces it, so a thread reading one while another sets one reads
 * either whole. */
typedef struct pl_word_note {
	const void *tag;
	unsigned kind;
	const char *text;
	bool quiet; /* the rule's word that the note says "nothing to do":
		     * mirrored in the form's state (PL_WORD_QUIET) while
		     * the tag is NULL */
} pl_word_note;

/** In a form's state (pl_words_state()) while its note has tag NULL and
 * `quiet`: a rule's walk over the words reads it with the facts, not
 * fetching the note. The high half's bit above every fact (facts are
 * below 1 << 14, so a state's bits 30 and 31 hold no answer). */
#define PL_WORD_QUIET (1u << 31)

/** The form's note; NULL for none, and for id 0. */
const pl_word_note *pl_words_note(const pl_words *t, uint32_t id);

/** Set the form's note to `note`, copying note->text (a C string) if
 * `copy_text`, to live as long as the form. Nothing for id 0. PL_ENOMEM
 * (and the note unchanged) on no memory. */
int pl_words_set_note(pl_words *t, uint32_t id, const pl_word_note *note,
		      bool copy_text);

/** Mark form `id` for document `serial`, and ask whether it is so marked:
 * one bit of per-document state without a per-document set. Marks and
 * locals are the view's own. With no memory to keep a mark or a local it
 * is not kept (and reads as none). */
void pl_words_mark(pl_words *t, uint32_t id, uint32_t serial);
bool pl_words_marked(const pl_words *t, uint32_t id, uint32_t serial);

/** A rule's number on form `id` for document `serial`: what it last set
 * there with pl_words_set_local() in that document, else 0. One rule a
 * run may use it (pl_check_names.c: the form's name entry). */
uint32_t pl_words_local(const pl_words *t, uint32_t id, uint32_t serial);
void pl_words_set_local(pl_words *t, uint32_t id, uint32_t serial, uint32_t value);

/** This view's scratch memory for one rule, `bytes` long: zero when first
 * asked and again whenever the forms are forgotten, and otherwise kept
 * from document to document, for answers about forms (by id) that hold
 * as long as their ids do. Asked with another size, it is made anew. One
 * rule a run may use it (pl_check_case.c: its two-word spans). NULL on
 * no memory. */
void *pl_words_scratch(pl_words *t, size_t bytes);

/** Number of distinct forms held. */
size_t pl_words_count(const pl_words *t);

#endif
