/* pl_lead.h - the bytes every match of a pattern starts with, read from
 * the pattern itself, and a fast search for them (pl_patterns.c uses them).
 *
 * Every match of some patterns starts with a few known bytes: "then" in
 * "(?<=\bmore[ \t]|...)(then)\b". PCRE2 itself knows only the first one
 * ('t'), and tries the pattern, lookbehind and all, at every 't' of the
 * text. Such a rule instead looks for the bytes itself and tries an
 * anchored copy of the pattern only where they are. A pattern of
 * alternatives has a lead for each ("an[ \t]+(affect)|(affect)"). */
#ifndef PL_LEAD_H
#define PL_LEAD_H

#include "pl_common.h"

#define LEAD_MAX 16
#define LEADS_MAX 4
#define BEFORE_MAX 4

typedef struct lead {
	unsigned char c[LEAD_MAX]; /* the bytes, lowercase where `fold` */
	unsigned char fold[LEAD_MAX]; /* 0x20: either case of a letter */
	unsigned char alt[LEAD_MAX]; /* another byte that will do ("[ \t]"),
				      * or c again */
	size_t n;
	size_t probe; /* the byte looked for with the first: the last one that
		       * is rare enough to tell (not a space, not one of two) */
	bool word_start; /* "\b" before a word byte: none may come before it */
	bool word_end;   /* "\b" after a word byte: none may come after it */
	/* The bytes right before the lead that a lookbehind fixes
	 * ("(?<=\bmore[ \t]|\bless[ \t])then": ' ' or '\t', then 'e' or 's'):
	 * before[k], a bit for each byte that t[i - 1 - k] may be. */
	size_t nbefore;
	uint8_t before[BEFORE_MAX][32];
	/* The lead ends in white space that may go on ("[ \t]+"), and what
	 * comes after it is fixed enough to say which bytes it may start
	 * with ("[ \t]+(?=own\b)": 'o'): after the lead, and any more of its
	 * last byte or that byte's other, a byte of `after` must come. */
	bool after_on;
	uint8_t after[32];
	bool open; /* while parsing: the lead took all of its alternative */
} lead;

typedef struct leads {
	lead v[LEADS_MAX];
	size_t n;
	bool failed; /* an alternative has no lead, or too many */
} leads;

/** The leads of the PCRE2 pattern pat[0, n): set->n is 0 when a match may
 * start with no lead worth looking for (see pl_lead.c). */
void pl_leads_parse(const char *pat, size_t n, leads *set);

/** An ASCII byte of \w. Under PCRE2_UCP \w has more, but never fewer. */
static inline bool pl_lead_word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_';
}

/** Does the lead start at t[i] of t[0, len), with what "\b" and a
 * lookbehind ask of the bytes around it? t must be readable up to i + l->n
 * (the lead fits). */
static inline bool pl_lead_at(const lead *l, const unsigned char *t, size_t len,
			      size_t i)
{
	size_t k;

	for (k = 0; k < l->n; k++)
		if ((t[i + k] | l->fold[k]) != l->c[k] && t[i + k] != l->alt[k])
			return false;
	if (l->word_start && i > 0 && pl_lead_word_byte(t[i - 1]))
		return false;
	if (l->word_end && i + l->n < len && pl_lead_word_byte(t[i + l->n]))
		return false;
	/* a lookbehind looks no further back than the subject's start */
	for (k = 0; k < l->nbefore; k++)
		if (i <= k || !(l->before[k][t[i - 1 - k] >> 3] & (1u << (t[i - 1 - k] & 7))))
			return false;
	if (l->after_on) {
		const unsigned char s = l->c[l->n - 1], o = l->alt[l->n - 1];

		for (k = i + l->n; k < len && (t[k] == s || t[k] == o); k++)
			;
		if (k >= len || !(l->after[t[k] >> 3] & (1u << (t[k] & 7))))
			return false;
	}
	return true;
}

/** The first i >= from where the lead starts in t[0, len), or len. t must
 * be readable up to len. */
size_t pl_lead_find(const lead *l, const unsigned char *t, size_t len,
		    size_t from);

#endif
