/* pl_check_spelling.c - spelling, known typos and words run together.
 *
 * Order of questions for each word (each part of a hyphenated compound):
 * accepted by the project's lists? a known typo? accepted by Hunspell? a
 * name (capitalized, unknown)? a proper noun written lowercase (left to the
 * capitalization rules)? two words glued together? Only then a misspelling. */
#include "pl_check.h"
#include "pl_speller.h"
#include "pl_vocab.h"
#include "pl_words.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define MAX_WORD 128
#define MAX_SUGGEST 3
/* Hunspell's suggestion search is slow (milliseconds a word): a document
 * full of names must not make a run slow, so each document may ask it for
 * this many new words; words already seen in the run are cached. */
#define MAX_SUGGEST_WORDS 8

/* A word to report when its sentence turns out to be English. */
typedef struct pending {
	size_t start, end;
	const char *right; /* the correction of a known typo, or NULL */
} pending;

typedef struct ctx {
	pl_doc *doc;
	pl_speller *sp;
	pl_budget budget; /* Hunspell suggestion searches */
	unsigned silent; /* the verdicts that come to nothing (silent()) */
	/* misspellings of the current sentence, reported when it ends unless
	 * the sentence turns out to be in another language */
	pending *pending;
	size_t n_pending, cap_pending;
	size_t sentence_start;  /* first pending entry of the current sentence */
	size_t sentence_tok;    /* the token the current sentence starts at */
	size_t seen;            /* tokens before this one have had their
				 * sentence boundaries taken (catch_up) */
	size_t unknown;         /* lowercase unknowns in the sentence */
	/* the sentence's other lowercase unknowns (token indices): each
	 * counts unless it is near an English word, which is slow to ask the
	 * first time and only asked when a verdict hangs on it */
	size_t *maybe;
	size_t n_maybe, cap_maybe;
} ctx;

bool pl_word_is_lower(const char *s, size_t len)
{
	size_t i = 0;
	int32_t cp;

	while (i < len) {
		i += pl_utf8_decode(s, len, i, &cp);
		if (utf8proc_isupper(cp))
			return false;
	}
	return true;
}

size_t pl_capitalize(const char *s, size_t len, char *buf, size_t size)
{
	int32_t cp;
	size_t n, m;
	char tmp[4];

	if (!len || len + 4 >= size)
		return 0;
	n = pl_utf8_decode(s, len, 0, &cp);
	m = pl_utf8_encode(utf8proc_toupper(cp), tmp);
	memcpy(buf, tmp, m);
	memcpy(buf + m, s + n, len - n);
	buf[m + len - n] = '\0';
	return m + len - n;
}

size_t pl_match_case(const char *like, size_t like_len, const char *repl,
		     size_t repl_len, char *buf, size_t size)
{
	int32_t cp = 0;
	bool upper_first, all_upper = true;
	size_t i = 0, o = 0, letters = 0;

	pl_utf8_decode(like, like_len, 0, &cp);
	upper_first = utf8proc_isupper(cp);
	while (i < like_len) {
		i += pl_utf8_decode(like, like_len, i, &cp);
		if (utf8proc_islower(cp))
			all_upper = false;
		if (pl_is_letter(cp))
			letters++;
	}
	all_upper = all_upper && letters > 1;
	if (repl_len + 8 >= size)
		return 0;
	for (i = 0; i < repl_len;) {
		char tmp[4];
		size_t n = pl_utf8_decode(repl, repl_len, i, &cp), m;
		if (all_upper || (upper_first && i == 0))
			cp = utf8proc_toupper(cp);
		m = pl_utf8_encode(cp, tmp);
		if (o + m + 1 >= size)
			return 0;
		memcpy(buf + o, tmp, m);
		o += m;
		i += n;
	}
	buf[o] = '\0';
	return o;
}

static bool first_upper(const char *w, size_t n)
{
	int32_t cp = 0;

	if (n)
		pl_utf8_decode(w, n, 0, &cp);
	return utf8proc_isupper(cp);
}

/* presslint judges English: a word with letters beyond ASCII is a name, a
 * transliteration or a quote in another language ("hijāb", "Łukasz",
 * "Кошелев"). Known loanwords ("café") Hunspell accepts anyway. */
static bool foreign(const char *w, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((unsigned char)w[i] >= 0x80 &&
		    !(i + 2 < n && memcmp(w + i, "\xE2\x80\x99", 3) == 0))
			return true;
	return false;
}

size_t pl_strip_possessive(const char *w, size_t n)
{
	if (n > 3 && (memcmp(w + n - 2, "'s", 2) == 0 || memcmp(w + n - 2, "'S", 2) == 0))
		return n - 2;
	if (n > 5 && (memcmp(w + n - 4, "\xE2\x80\x99s", 4) == 0 ||
		      memcmp(w + n - 4, "\xE2\x80\x99S", 4) == 0))
		return n - 4;
	return n;
}

/* Known to a list or the dictionary, as written or without a possessive. */
static bool known(ctx *c, const char *w, size_t n)
{
	if (pl_wordlist_has_word(c->doc->res->accept, w, n) ||
	    pl_vocab_accepts(c->doc->vocab, w, n))
		return true;
	return !pl_wordlist_has_word(c->doc->res->reject, w, n) &&
	       pl_words_spelled(c->doc->res, w, n);
}

/* known() for token i, from its form's answers, worked out once a run. */
static bool known_token(ctx *c, size_t i, const char *w, size_t n)
{
	pl_words *ws = c->doc->words;
	uint32_t id = pl_doc_word(c->doc, i);

	if (!id)
		return known(c, w, n);
	/* known() in another order: the folder's vocabulary last */
	return pl_words_is(ws, id, PL_WF_KNOWN) ||
	       (c->doc->vocab && pl_vocab_accepts(c->doc->vocab, w, n));
}

/* Is the lowercase word only ever right with a capital ("beijing")? Then the
 * capitalization rules report it. */
static bool capital_form_known(ctx *c, const char *w, size_t n)
{
	char cap[MAX_WORD * 2], fold[MAX_WORD * 2];
	size_t k;

	k = pl_fold(w, n, fold, sizeof(fold));
	if (k && pl_wordlist_get(c->doc->res->proper, fold, k))
		return true;
	k = pl_capitalize(w, n, cap, sizeof(cap));
	return k && known(c, cap, k);
}

/* Very short words that may stand alone on one side of a glued pair. None
 * is longer than two bytes: asked of every cut of a word, so by length
 * first. */
static bool short_word(const char *w, size_t n)
{
	static const char *const ok[] = { "a", "an", "as", "at", "be", "by", "do",
		"go", "he", "if", "in", "is", "it", "me", "my", "no", "of", "on",
		"or", "so", "to", "up", "us", "we", "A", "I" };
	size_t i;

	if (n == 1)
		return w[0] == 'a' || w[0] == 'A' || w[0] == 'I';
	if (n != 2)
		return false;
	for (i = 0; i < PL_ARRAY_LEN(ok); i++)
		if (ok[i][0] == w[0] && ok[i][1] == w[1])
			return true;
	return false;
}

/* Is w, exactly so cased, a single-word entry of the newsroom lexicon? */
static bool in_lexicon(ctx *c, const char *w, size_t n)
{
	char fold[MAX_WORD * 2];
	const char *canon;
	size_t k = pl_fold(w, n, fold, sizeof(fold));

	return k && (canon = pl_wordlist_get(c->doc->res->proper, fold, k)) &&
	       strlen(canon) == n && memcmp(canon, w, n) == 0;
}

/* Words that scrapers glue to their neighbours most ("inthe", "TheRussia"). */
static bool function_word(const char *w, size_t n)
{
	/* by length, one after another: "a" ... "their", "would" */
	static const char *const fw[6] = { "", "a",
		"anasatbebyheinisitofonortowe",
		"allandarebutforhadhasherhisitsnotoneourshethewasyou",
		"fromhaveintothatthemtheythiswerewillwith",
		"theirwould" };
	char fold[16];
	const char *f;
	size_t i, k;

	if (n >= sizeof(fold))
		return false;
	/* ASCII, nearly every word tried, folds byte by byte; and no
	 * function word has more than five letters, nor folds to fewer
	 * bytes than its ASCII ones */
	for (i = 0; i < n && !((unsigned char)w[i] & 0x80); i++) {
		if (i == 5)
			return false;
		fold[i] = (char)(w[i] >= 'A' && w[i] <= 'Z' ? w[i] + 32 : w[i]);
	}
	if (i == n) {
		k = n;
	} else {
		/* nor more letters than bytes folded: the letters counted
		 * before any folding (a Cyrillic name) */
		for (i = k = 0; i < n; i++)
			k += ((unsigned char)w[i] & 0xC0) != 0x80;
		if (k > 5 || !(k = pl_fold(w, n, fold, sizeof(fold))))
			return false;
	}
	if (k > 5)
		return false;
	for (f = fw[k]; *f; f += k)
		if (f[0] == fold[0] && memcmp(f, fold, k) == 0)
			return true;
	return false;
}

/* Split an unknown word into two known ones: "Ukraineconflict". Writes
 * "Ukraine conflict" to out. A capitalized word is split only when its first
 * half is a proper noun, since compound surnames ("Blackwood") are common. */
static bool split_two(ctx *c, const char *w, size_t n, char *out, size_t size)
{
	size_t i;
	bool cap = first_upper(w, n);
	int32_t cp;

	for (i = 1; i < n; i += pl_utf8_decode(w, n, i, &cp)) {
		const char *b = w + i;
		size_t an = i, bn = n - i;

		if (((unsigned char)w[i] & 0xC0) == 0x80)
			continue;
		if ((an < 3 && !short_word(w, an)) || (bn < 3 && !short_word(b, bn)))
			continue;
		/* names are often a name plus a word ("Thunberg", "Obamagate"),
		 * and coinages a name plus a suffix ("Muslimphobia"): a
		 * capitalized word splits only after a newsroom proper noun,
		 * before a word of seven letters or more ("Ukraineconflict").
		 * Each test here is cheaper than the dictionary's, asked last */
		if (cap && (bn < 7 || !pl_word_is_lower(b, bn) || !in_lexicon(c, w, an)))
			continue;
		/* a misspelling can often be cut into two rare words ("travel
		 * ling") and news coins compounds ("videojournalist"): a
		 * lowercase split needs a function word, beside another one
		 * ("ina"), a word of three letters or more after a longer one
		 * ("reportthey"), or of five after a short one ("historyof",
		 * not the brand "reddit"); and
		 * a split off "a" loses to a near miss ("aversed": "averse") */
		if (!cap) {
			bool fa = function_word(w, an), fb = function_word(b, bn);
			if (!((fa && fb) || (fa && bn >= (an >= 3 ? 3 : 5)) ||
			      (fb && an >= (bn >= 3 ? 3 : 5))))
				continue;
			if (!known(c, w, an) || !known(c, b, bn))
				continue;
			if ((an == 1 || bn == 1) && !(fa && fb) &&
			    pl_speller_near(c->sp, w, n))
				continue;
		} else if (!known(c, w, an) || !known(c, b, bn)) {
			continue;
		}
		if (an + bn + 2 > size)
			return false;
		memcpy(out, w, an);
		out[an] = ' ';
		memcpy(out + an + 1, b, bn);
		out[an + bn + 1] = '\0';
		return true;
	}
	return false;
}

/* Prefixes of names written with an inner capital: McArthur, DeSantis. */
static bool name_prefix(const char *w, size_t n)
{
	static const char *const pre[] = { "Mc", "Mac", "De", "Di", "Da", "Du",
		"La", "Le", "Van", "Von", "O", "St", "Al", "El", "Fitz", "Ben" };
	size_t i;

	for (i = 0; i < PL_ARRAY_LEN(pre); i++)
		if (strlen(pre[i]) == n && memcmp(pre[i], w, n) == 0)
			return true;
	return false;
}

/* Split at lowercase-to-uppercase humps ("TheRussia") when every piece is a
 * known word and the join is clearly an accident: a function word glued to
 * a newsroom proper noun ("TheRussia", but not the brand "ThePrint"), or a
 * piece that is itself glued ("Ukraineconflict"). Never after a name prefix
 * ("McArthur"). */
static bool split_humps(ctx *c, const char *w, size_t n, char *out, size_t size)
{
	size_t i = 0, start = 0, o = 0, pieces = 0;
	int32_t cp, prev = 0;
	bool accident = false, after_function = false;

	while (i <= n) {
		size_t len = 0;
		bool hump = false;
		if (i < n) {
			len = pl_utf8_decode(w, n, i, &cp);
			hump = utf8proc_isupper(cp) && prev && utf8proc_islower(prev);
		}
		if (i == n || hump) {
			const char *p = w + start;
			size_t pn = i - start;
			char sub[MAX_WORD * 2];
			if (pieces == 0 && name_prefix(p, pn))
				return false;
			if (pn < 2 && !short_word(p, pn))
				return false;
			if (known(c, p, pn)) {
				if (after_function && in_lexicon(c, p, pn))
					accident = true;
				after_function = pn >= 3 && function_word(p, pn);
				if (o + pn + 2 > size)
					return false;
				if (o)
					out[o++] = ' ';
				memcpy(out + o, p, pn);
				o += pn;
			} else if (split_two(c, p, pn, sub, sizeof(sub))) {
				size_t sn = strlen(sub);
				accident = true;
				after_function = false;
				if (o + sn + 2 > size)
					return false;
				if (o)
					out[o++] = ' ';
				memcpy(out + o, sub, sn);
				o += sn;
			} else {
				return false;
			}
			pieces++;
			start = i;
		}
		if (i == n)
			break;
		prev = cp;
		i += len;
	}
	out[o] = '\0';
	return pieces > 1 && accident;
}

static void suggest_spelling(ctx *c, pl_finding *f, const char *w, size_t n)
{
	char *list[MAX_SUGGEST];
	size_t k, i;

	if (!f)
		return;
	k = pl_speller_suggest(c->sp, w, n, list, MAX_SUGGEST, &c->budget);
	for (i = 0; i < k; i++) {
		pl_doc_suggest(c->doc, f, list[i], strlen(list[i]));
		free(list[i]);
	}
	/* the best guess goes into the message, where editors show it */
	if (k)
		f->message = pl_arena_printf(c->doc->arena, "%s: did you mean '%s'?",
					     f->message, f->suggest[0]);
}

static void report_typo(ctx *c, size_t start, const char *w, size_t n,
			const char *right)
{
	char fixed[MAX_WORD * 2], *local = NULL;
	size_t k;
	pl_finding *f;

	/* the table is in both dialects' words: under en_GB "behavoir" wants
	 * "behaviour", not the American "behavior" */
	if (!pl_speller_check(c->sp, right, strlen(right)) &&
	    pl_speller_other_dialect(c->sp, right, strlen(right))) {
		pl_budget budget = PL_BUDGET(1);
		if (pl_speller_suggest(c->sp, right, strlen(right), &local, 1, &budget))
			right = local;
	}
	k = pl_match_case(w, n, right, strlen(right), fixed, sizeof(fixed));
	free(local);
	if (!k)
		return;
	f = pl_doc_report(c->doc, PL_R_TYPO, start, start + n,
			  "'%.*s' is a common typo: did you mean '%s'?", (int)n, w,
			  fixed);
	pl_doc_suggest(c->doc, f, fixed, k);
}

static void catch_up(ctx *c, size_t i);

/* Queue a word of token ti for report_pending(). False on no memory. */
static bool queue(ctx *c, size_t ti, size_t start, size_t end, const char *right)
{
	catch_up(c, ti);
	if (PL_GROW(c->pending, c->cap_pending, c->n_pending + 1) < 0)
		return false;
	c->pending[c->n_pending++] = (pending){ start, end, right };
	return true;
}

/* The other dialect's spelling w[0, n), and the chosen dialect's `right`. */
static void report_dialect(ctx *c, size_t start, const char *w, size_t n,
			   const char *right)
{
	pl_finding *f = pl_doc_report(c->doc, PL_R_DIALECT, start, start + n,
				      "'%.*s' is %s spelling: did you mean '%s'?", (int)n, w,
				      strcmp(pl_speller_other_name(c->sp), "en_GB")
				      ? "American" : "British", right);

	if (f)
		pl_doc_suggest(c->doc, f, right, strlen(right));
}

/* The chosen dialect's spelling of w[0, n), a word only the other
 * dialect's dictionary knows, into out[size]: one change of the dialect
 * list (dictionaries/dialect-spellings.txt) made at one place, the first
 * that gives a word the chosen dictionary knows. 0 when none does: then
 * the word is a name or a word the chosen dictionary lacks, not the
 * other dialect's spelling ("Pelosi" is in the British dictionary alone;
 * its American spelling is not "Pilose"). */
static size_t dialect_spelling(ctx *c, const char *w, size_t n, char *out, size_t size)
{
	const pl_resources *res = c->doc->res;
	/* the list is British -> American; from American, read it backwards */
	const int from = strcmp(pl_speller_other_name(c->sp), "en_GB") == 0 ? 0 : 1;
	size_t i;

	for (i = 0; i < res->n_dialect; i++) {
		const char *a = res->dialect_pairs[2 * i + from];
		const char *b = res->dialect_pairs[2 * i + 1 - from];
		size_t an = strlen(a), bn = strlen(b), at;

		if (an > n || n - an + bn >= size)
			continue;
		for (at = 0; at + an <= n; at++) {
			if (memcmp(w + at, a, an) != 0)
				continue;
			memcpy(out, w, at);
			memcpy(out + at, b, bn);
			memcpy(out + at + bn, w + at + an, n - at - an);
			out[n - an + bn] = '\0';
			if (pl_words_spelled(res, out, n - an + bn))
				return n - an + bn;
		}
	}
	return 0;
}

enum part_kind { PART_FINE, PART_TYPO, PART_DIALECT, PART_UNKNOWN };

/* The known typo's correction. */
static const char *typo_fix(const pl_resources *res, const char *fold, size_t k)
{
	return pl_wordlist_get(res->typos, fold, k);
}

/* What one part of a word is, wherever it stands: fine, a known typo (its
 * correction in *right), the other dialect's spelling (the chosen
 * dialect's in buf), or unknown. */
static int classify_part(ctx *c, const char *w, size_t n, const char **right,
			 char *buf, size_t size)
{
	char fold[MAX_WORD * 2];
	size_t k;

	if (n < 2 || n > MAX_WORD)
		return PART_FINE;
	if (known(c, w, n))
		return PART_FINE;
	k = pl_fold(w, n, fold, sizeof(fold));
	/* "momento" is a typo in English, a word in a Spanish quote: queued
	 * until the sentence's language is known */
	if (k && (*right = typo_fix(c->doc->res, fold, k)) &&
	    (pl_word_is_lower(w, n) || first_upper(w, n)))
		return PART_TYPO;
	/* a word of the other dialect's dictionary is English: its spelling,
	 * or a name or word the chosen dictionary lacks, fine either way */
	if (pl_speller_other_dialect(c->sp, w, n) ||
	    pl_speller_other_dialect(c->sp, w, pl_strip_possessive(w, n)))
		return dialect_spelling(c, w, n, buf, size) ? PART_DIALECT : PART_FINE;
	return PART_UNKNOWN;
}

/* What a part of a word ("Ukraineconflict" of "TheRussia-Ukraineconflict")
 * comes to, wherever it stands. Its place decides only whether an unknown
 * word is queued. */
enum verdict { V_UNSET, V_FINE, V_TYPO, V_DIALECT, V_GLUED, V_QUIET, V_UNKNOWN,
	       V_SILENT /* a compound's own form, kept by check_word(): each
			 * part fine or quiet */ };

/* The verdicts on which a word comes to nothing wherever it stands. */
#define SILENT ((1u << V_FINE) | (1u << V_QUIET) | (1u << V_SILENT))

/* The verdict on w[0, n), form `id`, worked out once per form and kept in
 * its note (not kept for id 0): a name the dictionary lacks is tried as
 * glued words only once a run, not at each of its hundred mentions. The
 * document's vocabulary changes what is known, so the note is kept under
 * it. *text is the typo's correction or the words unglued (in buf, or the
 * note's copy). */
static unsigned verdict(ctx *c, uint32_t id, const char *w, size_t n, char *buf,
			size_t size, const char **text)
{
	const pl_word_note *note = pl_words_note(c->doc->words, id);
	const char *right = NULL;
	unsigned v;

	if (note && note->kind != V_UNSET && note->tag == c->doc->vocab) {
		*text = note->text;
		return note->kind;
	}
	*text = NULL;
	switch (classify_part(c, w, n, &right, buf, size)) {
	case PART_FINE:
		v = V_FINE;
		break;
	case PART_TYPO:
		v = V_TYPO;
		*text = right;
		break;
	case PART_DIALECT:
		v = V_DIALECT;
		*text = buf;
		break;
	default:
		if (split_humps(c, w, n, buf, size) ||
		    ((pl_word_is_lower(w, n) || first_upper(w, n)) &&
		     split_two(c, w, n, buf, size))) {
			v = V_GLUED;
			*text = buf;
		} else if (!first_upper(w, n) && !capital_form_known(c, w, n)) {
			v = V_UNKNOWN;
		} else {
			v = V_QUIET; /* a name, or a proper noun written lowercase */
		}
	}
	/* with no memory to keep it, it is worked out again next time */
	(void)pl_words_set_note(c->doc->words, id,
				&(pl_word_note){ c->doc->vocab, v, *text, ((1u << v) & SILENT) != 0 },
				v == V_GLUED || v == V_DIALECT);
	return v;
}

/* Does word `ti` follow a capitalized word no list knows, with only space
 * between: the genus of a binomial ("Millepora damicornis"), a name's
 * second part? Asked only of words about to be reported, so the word
 * before is looked for then, not noted at every token. */
static bool after_name(ctx *c, size_t ti)
{
	const pl_token *toks = c->doc->toks.v, *t;

	if (ti == 0)
		return false;
	t = &toks[ti - 1];
	if (t->kind != PL_TOK_WORD ||
	    (t->flags & (PL_TF_UPPER | PL_TF_ABBREV | PL_TF_ALLCAPS)) != PL_TF_UPPER)
		return false;
	return !known(c, c->doc->text + t->start, t->end - t->start);
}

/* Does form `id` come to nothing, as its note worked out under this
 * document's vocabulary says? Then check_word() of any of its tokens ends
 * doing nothing and returning false: a name is asked of the dictionary at
 * each of its hundred mentions, and a hyphenated compound is cut and each
 * of its parts looked up, unless this says they need not be. A word of
 * one part spelled in the other dialect comes to nothing too while
 * spelling.dialect is off (c->silent): the rule's default, and such
 * words are common in news from the other side of the Atlantic. */
static bool silent(ctx *c, uint32_t id)
{
	const pl_word_note *note = pl_words_note(c->doc->words, id);

	return note && note->tag == c->doc->vocab && note->kind < 32 &&
	       ((1u << note->kind) & c->silent);
}

/* Check one word. A lowercase word no list knows is queued as a
 * misspelling; returns true when the word was such an unknown. */
static bool check_word(ctx *c, size_t ti)
{
	const pl_token *t = &c->doc->toks.v[ti];
	const char *w = c->doc->text + t->start;
	size_t n = t->end - t->start, i = 0, o = 0, parts = 0;
	char glued[MAX_WORD * 4];
	bool any_glued = false, unknown = false, queued = false, quiet = true;
	int32_t cp;

	if (t->flags & (PL_TF_ABBREV | PL_TF_DIGIT | PL_TF_ALLCAPS))
		return false;
	if (known_token(c, ti, w, n))
		return false;
	if (memchr(w, '[', n))
		return false; /* an editor's insertion in a quote: "includ[e]" */
	if (n > MAX_WORD || pl_doc_claimed(c->doc, t->start, t->end))
		return false;
	/* part by part: "TheRussia-Ukraineconflict"; most words are one
	 * part, the token's own form */
	while (i < n) {
		size_t j = n, pn;
		/* without a hyphen of any kind (PL_TF_HYPHEN), one part */
		if (t->flags & PL_TF_HYPHEN) {
			for (j = i; j < n;) {
				size_t m = pl_utf8_decode(w, n, j, &cp);
				if (cp == '-' || cp == 0x2010 || cp == 0x2011)
					break;
				j += m;
			}
		}
		pn = j - i;
		const char *p = w + i, *text;
		char sub[MAX_WORD * 2];
		uint32_t id = i == 0 && j == n ? pl_doc_word(c->doc, ti)
					    : pl_words_intern(c->doc->words, p, pn);
		unsigned v = verdict(c, id, p, pn, sub, sizeof(sub), &text);

		parts++;
		if (!((1u << v) & SILENT))
			quiet = false;
		if (v == V_TYPO)
			queue(c, ti, t->start + i, t->start + j, text);
		else if (v == V_DIALECT)
			report_dialect(c, t->start + i, p, pn, text);
		if (o)
			glued[o++] = '-';
		if (v == V_GLUED) {
			size_t sn = strlen(text);
			any_glued = true;
			memcpy(glued + o, text, sn);
			o += sn;
		} else {
			memcpy(glued + o, p, pn);
			o += pn;
			if (v == V_UNKNOWN) {
				unknown = true;
				/* not: foreign letters, a short piece of a compound
				 * ("youtube-dl"), a brand ("eTranslate"), the species
				 * of a binomial ("Millepora damicornis") */
				if (!queued && !foreign(p, pn) && !(pn <= 2 && n > pn) &&
				    !(t->flags & PL_TF_INNERCAP) && !after_name(c, ti))
					queued = queue(c, ti, t->start + i, t->start + j, NULL);
			}
		}
		i = j < n ? j + pl_utf8_decode(w, n, j, &cp) : j;
	}
	glued[o] = '\0';
	/* a compound's form is never a part (no part holds a hyphen): its
	 * note is free to say that the parts came to nothing */
	if (quiet && parts > 1)
		(void)pl_words_set_note(c->doc->words, pl_doc_word(c->doc, ti),
					&(pl_word_note){ c->doc->vocab, V_SILENT, NULL, true }, false);
	if (any_glued) {
		pl_finding *f = pl_doc_report(c->doc, PL_R_GLUED_WORDS, t->start,
					      t->end, "words run together: did you mean '%s'?",
					      glued);
		pl_doc_suggest(c->doc, f, glued, o);
		if (queued)
			c->n_pending--;
		return false;
	}
	return unknown;
}

/* pl_speller_near() of form `id`, w[0, n), asked once a run. */
static bool near(ctx *c, uint32_t id, const char *w, size_t n)
{
	return id ? pl_words_is(c->doc->words, id, PL_WF_NEAR) : pl_speller_near(c->sp, w, n);
}

/* End of a sentence: keep its misspellings, unless the sentence is in
 * another language: two or more other languages' function words ("que",
 * "des", "und"), or a fifth or more of its lowercase words unknown. */
static void flush(ctx *c, size_t end)
{
	size_t i, foreign_words = 0, unknown = c->unknown, words = 0;

	/* most sentences have nothing pending: count their foreign words
	 * only when a verdict hangs on it */
	for (i = c->sentence_tok; c->n_pending > c->sentence_start && i < end &&
				  foreign_words < 2; i++) {
		const pl_token *t = &c->doc->toks.v[i];
		if (t->kind != PL_TOK_WORD || (t->flags & PL_TF_UPPER) ||
		    t->end - t->start >= 16)
			continue;
		foreign_words += pl_words_is(c->doc->words, pl_doc_word(c->doc, i),
					     PL_WF_FOREIGN);
	}
	/* the sentence's lowercase words, counted only when a verdict may
	 * hang on them, not at every token */
	for (i = c->sentence_tok; c->n_pending > c->sentence_start && foreign_words < 2 &&
				  unknown + c->n_maybe >= 2 && i < end; i++)
		words += c->doc->toks.v[i].kind == PL_TOK_WORD &&
			 !(c->doc->toks.v[i].flags & PL_TF_UPPER);
	/* with nothing pending, or too few unknowns even if each counts,
	 * the near misses decide nothing */
	if (c->n_pending > c->sentence_start && foreign_words < 2 &&
	    unknown + c->n_maybe >= 2 && (unknown + c->n_maybe) * 5 >= words) {
		for (i = 0; i < c->n_maybe; i++) {
			const pl_token *t = &c->doc->toks.v[c->maybe[i]];
			if (!near(c, pl_doc_word(c->doc, c->maybe[i]), c->doc->text + t->start,
				  t->end - t->start))
				unknown++;
		}
	}
	if (foreign_words >= 2 || (unknown >= 2 && unknown * 5 >= words))
		c->n_pending = c->sentence_start;
	c->sentence_start = c->n_pending;
	c->sentence_tok = end;
	c->unknown = c->n_maybe = 0;
}

/* Does a sentence start at token t (end before it)? Sentence by sentence,
 * boundaries sure or not: the foreign test must not spread a quote's
 * language over its neighbours. */
static inline bool sentence_starts(const pl_token *t)
{
	return (t->flags & PL_TF_SENT_START) || t->kind == PL_TOK_NEWLINE ||
	       (t->kind == PL_TOK_PUNCT && (t->cp == '.' || t->cp == '!' ||
					    t->cp == '?' || t->cp == 0x2026));
}

/* Does the sentence hold anything a boundary would keep or drop: a
 * pending word, or an unknown counted? */
static inline bool sentence_holds(const ctx *c)
{
	return c->n_pending > c->sentence_start || c->unknown || c->n_maybe;
}

/* Take the sentence boundaries among tokens [c->seen, i], not at every
 * token but when they matter: before a word that is not known, while the
 * sentence holds something, and before the sentence is first given
 * something (the start of an empty sentence matters only then). The
 * first sentence to end there is flushed if it has something pending;
 * the later ones held nothing, and only the last one's start matters.
 * Each token is walked at most once a document: forward to the first
 * boundary, for a sentence with something pending (rare), else back from
 * i to the last. */
static void catch_up(ctx *c, size_t i)
{
	const pl_token *toks = c->doc->toks.v;
	size_t j;

	if (c->seen > i)
		return;
	if (c->n_pending > c->sentence_start) {
		for (j = c->seen; j <= i && !sentence_starts(&toks[j]); j++)
			;
		if (j > i) {
			c->seen = i + 1;
			return;
		}
		flush(c, j);
		c->seen = j + 1;
	}
	for (j = i + 1; j-- > c->seen;) {
		if (sentence_starts(&toks[j])) {
			c->sentence_tok = j;
			c->unknown = c->n_maybe = 0;
			break;
		}
	}
	c->seen = i + 1;
}

/* Report what the sentences kept. A word the text uses three times or more
 * is its vocabulary (a term of art, a brand), not a typo. */
static void report_pending(ctx *c)
{
	pl_wordlist *count = pl_wordlist_new();
	size_t i;

	if (!count)
		return;
	/* count each form with a plural "s" dropped: "lissoir", "lissoirs" */
	for (i = 0; i < c->n_pending; i++) {
		const pending *u = &c->pending[i];
		size_t n = u->end - u->start;
		const char *w = c->doc->text + u->start, *v;
		char k;

		if (n > 3 && w[n - 1] == 's')
			n--;
		v = pl_wordlist_get(count, w, n);
		k = (char)(v ? (v[0] < '3' ? v[0] + 1 : '3') : '1');
		if (v)
			*(char *)v = k; /* values are the list's own copies */
		else
			pl_wordlist_put(count, w, n, &k, 1);
	}
	for (i = 0; i < c->n_pending; i++) {
		const pending *u = &c->pending[i];
		const char *w = c->doc->text + u->start;
		size_t n = u->end - u->start, stem = n > 3 && w[n - 1] == 's' ? n - 1 : n;
		pl_finding *f;

		if (u->right) {
			report_typo(c, u->start, w, n, u->right);
			continue;
		}
		if (pl_wordlist_get(count, w, stem)[0] >= '3')
			continue;
		/* a typo sits near the word meant; a coinage or a foreign word
		 * mostly does not, and short words have neighbours by chance */
		if (n >= 4 && near(c, pl_words_intern(c->doc->words, w, n), w, n)) {
			f = pl_doc_report(c->doc, PL_R_MISSPELLING, u->start, u->end,
					  "'%.*s' is not in the dictionary", (int)n, w);
		} else {
			f = pl_doc_report(c->doc, PL_R_UNKNOWN_WORD, u->start, u->end,
					  "'%.*s' is not in any dictionary", (int)n, w);
		}
		suggest_spelling(c, f, w, n);
	}
	pl_wordlist_free(count);
}

static void rejected(size_t start, size_t end, const char *entry, void *ud)
{
	pl_doc *doc = ud;
	pl_doc_report(doc, PL_R_REJECTED, start, end,
		      "'%.*s' is on this project's reject list ('%s')",
		      (int)(end - start), doc->text + start, entry);
}

/* A word token i that is not known: its sentence found, the word
 * checked, and a lowercase unknown counted in the sentence. Out of the
 * token loop, which it would crowd with registers kept for it. */
static __attribute__((noinline)) void other_word(ctx *c, size_t i)
{
	pl_doc *doc = c->doc;
	const pl_token *t = &doc->toks.v[i];
	bool unknown;

	if (sentence_holds(c))
		catch_up(c, i);
	unknown = !silent(c, pl_doc_word(doc, i)) && check_word(c, i);
	if (!unknown || (t->flags & PL_TF_UPPER))
		return;
	/* a near miss of an English word is a typo, not evidence of another
	 * language: "The uncomfirmed wrold report"; asked at the sentence's
	 * end (flush) when it matters, or now with no memory to wait */
	catch_up(c, i);
	if (foreign(doc->text + t->start, t->end - t->start))
		c->unknown++;
	else if (PL_GROW(c->maybe, c->cap_maybe, c->n_maybe + 1) == 0)
		c->maybe[c->n_maybe++] = i;
	else if (!near(c, pl_doc_word(doc, i), doc->text + t->start, t->end - t->start))
		c->unknown++;
}

void pl_check_spelling(pl_doc *doc)
{
	ctx c = { .doc = doc, .sp = doc->res->speller, .budget = PL_BUDGET(MAX_SUGGEST_WORDS),
		  .silent = SILENT | (pl_doc_rule_on(doc, PL_R_DIALECT) ? 0 : 1u << V_DIALECT) };
	const uint32_t *ids, *at;
	pl_words *ws;
	size_t n_tok, k, n_at;
	uint32_t quiet;

	if (doc->vocab && pl_doc_rule_on(doc, PL_R_REJECTED))
		pl_vocab_each_rejected(doc->vocab, doc->text, doc->len, doc->body,
				       rejected, doc);
	if (!c.sp || (!pl_doc_rule_on(doc, PL_R_MISSPELLING) &&
		      !pl_doc_rule_on(doc, PL_R_UNKNOWN_WORD) &&
		      !pl_doc_rule_on(doc, PL_R_TYPO) &&
		      !pl_doc_rule_on(doc, PL_R_GLUED_WORDS)))
		return;
	/* the tokens' ids stay put while the rule runs: held here, not read
	 * again through doc after every call */
	n_tok = doc->toks.n;
	ws = doc->words;
	ids = doc->word_id;
	/* most words are known: the loop walks only the words a word rule
	 * may act on (pl_doc_notable_words: the known ones are not among
	 * them, as PL_WF_WALKED holds PL_WF_KNOWN) and asks one fact, and
	 * what else a word needs (its sentence, the word before it) is found
	 * from the tokens when the word turns out not to be known. Of the
	 * others, most come to nothing, and are passed over here as
	 * other_word() would pass them (its catch_up() only takes sooner what
	 * the next word's takes): names whose note says so (silent()), which
	 * with no vocabulary the form's state says too (PL_WORD_QUIET), read
	 * with the fact; and abbreviations, numbers with letters and words in
	 * capitals, which check_word() takes for none of its business */
	at = pl_doc_notable_words(doc, &n_at);
	quiet = doc->vocab ? 0 : PL_WORD_QUIET;
	for (k = 0; k < n_at; k++) {
		const uint32_t i = at[k], id = ids[i];

		if (!pl_words_is(ws, id, PL_WF_KNOWN) && !(pl_words_state(ws, id) & quiet) &&
		    !(doc->toks.v[i].flags & (PL_TF_ABBREV | PL_TF_DIGIT | PL_TF_ALLCAPS)))
			other_word(&c, i);
	}
	if (n_tok && sentence_holds(&c))
		catch_up(&c, n_tok - 1);
	flush(&c, n_tok);
	report_pending(&c);
	free(c.pending);
	free(c.maybe);
}
