/* pl_lead.c - the bytes every match of a pattern starts with (pl_lead.h):
 * a cautious reading of the pattern, and the search. */
#include "pl_lead.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* The index of the ']' closing the class opened at pat[i] == '[', or n. */
static size_t class_end(const char *pat, size_t i, size_t n)
{
	i++;
	if (i < n && pat[i] == '^')
		i++;
	if (i < n && pat[i] == ']')
		i++; /* a ']' first is a member */
	while (i < n && pat[i] != ']') {
		if (pat[i] == '\\') {
			i += 2;
		} else if (pat[i] == '[' && i + 1 < n &&
			   (pat[i + 1] == ':' || pat[i + 1] == '.' || pat[i + 1] == '=')) {
			/* "[:alpha:]" holds a ']' of its own */
			const char *e = strstr(pat + i + 2, (char[]){ pat[i + 1], ']', 0 });
			if (!e || (size_t)(e - pat) >= n)
				return n;
			i = (size_t)(e - pat) + 2;
		} else {
			i++;
		}
	}
	return i < n ? i : n;
}

/* The index of the ')' closing the group opened at pat[i] == '(', or n. */
static size_t group_end(const char *pat, size_t i, size_t n)
{
	int depth = 0;

	for (; i < n; i++) {
		if (pat[i] == '\\')
			i++;
		else if (pat[i] == '[')
			i = class_end(pat, i, n);
		else if (pat[i] == '(')
			depth++;
		else if (pat[i] == ')' && --depth == 0)
			return i;
	}
	return n;
}

static bool is_quantifier(char c)
{
	return c == '?' || c == '*' || c == '+' || c == '{';
}

/* Add one byte to the lead; false when no more can be added. In caseless
 * matching 'k' and 's' also match U+212A and U+017F (Kelvin sign, long s):
 * no byte test can stand for them, so the lead stops before them. */
static bool lead_add(lead *l, unsigned char c, bool caseless)
{
	bool letter = (c | 0x20) >= 'a' && (c | 0x20) <= 'z';

	if (l->n == LEAD_MAX || (caseless && ((c | 0x20) == 'k' || (c | 0x20) == 's')))
		return false;
	l->c[l->n] = letter && caseless ? (unsigned char)(c | 0x20) : c;
	l->fold[l->n] = letter && caseless ? 0x20 : 0;
	l->alt[l->n] = l->c[l->n];
	l->n++;
	return true;
}

/* The index of the next '|' in pat[i, n) outside any group or class, or n. */
static size_t next_alternative(const char *pat, size_t i, size_t n)
{
	for (; i < n; i++) {
		if (pat[i] == '\\')
			i++;
		else if (pat[i] == '[')
			i = class_end(pat, i, n);
		else if (pat[i] == '(')
			i = group_end(pat, i, n);
		else if (pat[i] == '|')
			return i;
	}
	return n;
}

/* The byte a class member or escape at pat[i] stands for, and where it
 * ends, for the plain ones only: an ASCII character that is not special
 * in a class, "\t", or '\\' and a punctuation character. -1 otherwise.
 * A non-ASCII character gives its first byte and sets *wide: the bytes
 * after it are not the other member's. */
static int class_byte(const char *pat, size_t i, size_t n, size_t *end,
		      bool *wide)
{
	unsigned char c = (unsigned char)pat[i];

	if (c >= 0xC2 && c <= 0xF4) {
		/* the pattern is valid UTF-8: checked when the file was read */
		for (*end = i + 1; *end < n && ((unsigned char)pat[*end] & 0xC0) == 0x80;)
			++*end;
		*wide = true;
		return c;
	}

	if (c == '\\' && i + 1 < n) {
		unsigned char e = (unsigned char)pat[i + 1];
		*end = i + 2;
		if (e == 't')
			return '\t';
		if (e < 0x80 && e > 0x20 && !pl_lead_word_byte(e))
			return e;
		return -1;
	}
	*end = i + 1;
	if (c < 0x20 || c >= 0x7F || c == ']' || c == '[' || c == '^' || c == '-')
		return -1;
	return c;
}

/* The plain item at pat[i]: an ASCII letter, digit or plain punctuation
 * character, an escaped punctuation character or "\t", or a class of one
 * or two plain members ("[Tt]", "[ \t]", "['’]"). Its bytes go in *a and
 * *b (the same byte twice for one), where it ends in *next; *wide is set
 * when a member of the class is not ASCII (its first byte is given).
 * False for anything else: a metacharacter, another escape, non-ASCII
 * outside a class, a class of more. */
static bool plain_item(const char *pat, size_t i, size_t n, int *a, int *b, size_t *next,
		       bool *wide)
{
	unsigned char c = (unsigned char)pat[i];

	*wide = false;
	*next = i + 1;
	if (c == '\\' && i + 1 < n) {
		unsigned char e = (unsigned char)pat[i + 1];
		if (e == 't')
			*a = *b = '\t';
		else if (e < 0x80 && e > 0x20 && !pl_lead_word_byte(e))
			*a = *b = e; /* "\." is '.' */
		else
			return false;
		*next = i + 2;
		return true;
	}
	if (c == '[') {
		size_t e;
		if ((*a = class_byte(pat, i + 1, n, &e, wide)) < 0 || e >= n)
			return false;
		*b = *a;
		if (pat[e] != ']' &&
		    ((*b = class_byte(pat, e, n, &e, wide)) < 0 || e >= n || pat[e] != ']'))
			return false;
		*next = e + 1;
		return true;
	}
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	    (c && strchr(" '\"-,;:!<>&%@=/~_", c))) {
		*a = *b = c;
		return true;
	}
	return false;
}

static bool is_blank(int c)
{
	return c == ' ' || c == '\t';
}

/* Parse a run of literals into `l`: ASCII characters, escaped punctuation,
 * two-byte classes ("[Tt]", "[ \t]") and groups of such that cannot be
 * left out. True when all of pat[i, n) went in (the caller's sequence may
 * then go on after it); false when the lead stopped: what it has is still
 * a prefix of every match. When it stopped at white space that may go on
 * ("[ \t]+", " +"; its first byte is the lead's last) and `plus` is not
 * NULL, *plus is where the pattern goes on after the '+'. */
static bool lead_seq(const char *pat, size_t i, size_t n, bool caseless, lead *l,
		     size_t *plus)
{
	while (i < n) {
		unsigned char c = (unsigned char)pat[i], other;
		size_t next = i + 1;
		int a = -1, b = -1;
		bool wide = false;

		if (c == '(') {
			size_t e = group_end(pat, i, n), from = i + 1;
			if (e >= n || next_alternative(pat, from, e) < e)
				return false;
			if (pat[from] == '?') {
				if (from + 1 >= e || pat[from + 1] != ':')
					return false; /* named, options, atomic, ... */
				from += 2;
			}
			if (e + 1 < n && is_quantifier(pat[e + 1]) && pat[e + 1] != '+')
				return false; /* it may be left out */
			if (!lead_seq(pat, from, e, caseless, l, NULL) ||
			    (e + 1 < n && pat[e + 1] == '+'))
				return false;
			i = e + 1;
			continue;
		}
		if (c == '\\' && i + 1 < n && pat[i + 1] == 'b') {
			/* "\b" right after the lead's last byte: when that is a
			 * word byte, no word byte may follow */
			if (l->n && pl_lead_word_byte(l->c[l->n - 1]) &&
			    pl_lead_word_byte(l->alt[l->n - 1]) &&
			    (!l->fold[l->n - 1] ||
			     pl_lead_word_byte(l->c[l->n - 1] ^ l->fold[l->n - 1])))
				l->word_end = true;
			return false;
		}
		if (!plain_item(pat, i, n, &a, &b, &next, &wide))
			return false; /* a metacharacter, an escape, non-ASCII */
		/* ['’]: the lead can take the first byte of each, and stops
		 * there; (?i) may bring other cases: not then */
		if (wide && (caseless || a == b))
			return false;
		if (next < n && is_quantifier(pat[next]) && pat[next] != '+')
			return false; /* optional: it ends the lead without being in it */
		if (a == b || (a ^ b) == 0x20) {
			/* one byte, or a letter either case ("[Tt]") */
			bool pair = a != b && ((a | 0x20) >= 'a' && (a | 0x20) <= 'z');
			if ((a != b && !pair) || !lead_add(l, (unsigned char)a, caseless || pair))
				return false;
		} else {
			/* two unrelated bytes ("[ \t]"); under (?i) a letter
			 * in them would bring its other case: not kept */
			other = (unsigned char)b;
			if ((caseless && (((a | 0x20) >= 'a' && (a | 0x20) <= 'z') ||
					  ((b | 0x20) >= 'a' && (b | 0x20) <= 'z'))) ||
			    !lead_add(l, (unsigned char)a, false))
				return false;
			l->alt[l->n - 1] = other;
		}
		if (wide || (next < n && pat[next] == '+')) {
			if (plus && !wide && next < n && pat[next] == '+' && is_blank(a) &&
			    is_blank(b))
				*plus = next + 1;
			return false;
		}
		i = next;
	}
	return true;
}

/* One byte, or a letter in either case, into a byte set; false for a
 * letter that (?i) also matches beyond ASCII ('k', 's': see lead_add). */
static bool set_add(uint8_t set[32], unsigned char c, bool caseless)
{
	bool letter = (c | 0x20) >= 'a' && (c | 0x20) <= 'z';

	if (caseless && letter) {
		if ((c | 0x20) == 'k' || (c | 0x20) == 's')
			return false;
		set[(c ^ 0x20) >> 3] |= (uint8_t)(1u << ((c ^ 0x20) & 7));
	}
	set[c >> 3] |= (uint8_t)(1u << (c & 7));
	return true;
}

/* A byte a match may start with, into `set`: under (?i) a letter's other
 * case too, and for 'k' and 's' the first bytes of U+212A and U+017F,
 * which match them (see lead_add). */
static void first_add(uint8_t set[32], unsigned char c, bool caseless)
{
	if (!set_add(set, c, caseless)) {
		set_add(set, c | 0x20, false);
		set_add(set, c & ~0x20, false);
		set_add(set, 0xE2, false);
		set_add(set, 0xC5, false);
	}
}

/* The bytes the first item of pat[i, n) may start with, added to `set`:
 * a plain byte, a class of one or two, or a group ("(...)", "(?:...)" or
 * a lookahead "(?=...)") whose every alternative starts so; never
 * anything that may match nothing. False when not sure. */
static bool first_bytes(const char *pat, size_t i, size_t n, bool caseless, uint8_t set[32])
{
	size_t next;
	int a, b;
	bool wide;

	if (i >= n)
		return false;
	if (pat[i] == '(') {
		size_t e = group_end(pat, i, n), from = i + 1, bar;
		if (e >= n || (e + 1 < n && is_quantifier(pat[e + 1]) && pat[e + 1] != '+'))
			return false;
		if (pat[from] == '?') {
			if (from + 1 >= e || (pat[from + 1] != ':' && pat[from + 1] != '='))
				return false; /* named, options, negative, ... */
			from += 2;
		}
		for (;;) {
			bar = next_alternative(pat, from, e);
			if (!first_bytes(pat, from, bar, caseless, set))
				return false;
			if (bar >= e)
				return true;
			from = bar + 1;
		}
	}
	if (!plain_item(pat, i, n, &a, &b, &next, &wide) || wide)
		return false;
	if (next < n && is_quantifier(pat[next]) && pat[next] != '+')
		return false; /* it may be left out */
	first_add(set, (unsigned char)a, caseless);
	first_add(set, (unsigned char)b, caseless);
	return true;
}

/* The lead `l` goes on with pat[i, n), the rest of its alternative: what
 * lead_seq takes, and when that stops at white space that may go on, the
 * bytes what follows it may start with (l->after). Sets l->open. */
static void lead_go_on(const char *pat, size_t i, size_t n, bool caseless, lead *l)
{
	size_t plus = 0;
	uint8_t set[32];

	l->open = lead_seq(pat, i, n, caseless, l, &plus);
	if (l->open || !plus)
		return;
	memset(set, 0, sizeof(set));
	/* white space after the white space would stop the run anywhere */
	if (!first_bytes(pat, plus, n, caseless, set) ||
	    (set[l->c[l->n - 1] >> 3] & (1u << (l->c[l->n - 1] & 7))) ||
	    (set[l->alt[l->n - 1] >> 3] & (1u << (l->alt[l->n - 1] & 7))))
		return;
	l->after_on = true;
	memcpy(l->after, set, sizeof(set));
}

/* The item of a lookbehind's alternative at pat[i]: where it ends (*end),
 * and whether it is one byte of a known set (1, the set in `set`), zero
 * wide ("\b", 0), anything else (2), or a set for its last byte only (3:
 * it may be longer). -1 when its end is not sure (an escape with braces,
 * option settings, ...): the caller then learns nothing from the
 * alternative. */
static int behind_item(const char *pat, size_t i, size_t n, bool caseless,
		       size_t *end, uint8_t set[32])
{
	unsigned char c = (unsigned char)pat[i];

	memset(set, 0, 32);
	if (c == '\\') {
		unsigned char e = i + 1 < n ? (unsigned char)pat[i + 1] : 0;
		*end = i + 2;
		if (e == 'b' || e == 'B')
			return 0;
		if (e == 't' || e == 'n' || e == 'r')
			return set_add(set, e == 't' ? '\t' : e == 'n' ? '\n' : '\r',
				       false) ? 1 : 2;
		if (e && strchr("dwsDWShvHVNR", e))
			return 2;
		if (e > 0x20 && e < 0x7F && !pl_lead_word_byte(e))
			return set_add(set, e, false) ? 1 : 2;
		return -1;
	}
	if (c == '[') {
		size_t e = class_end(pat, i, n), k;
		int a, b;
		bool wide = false;
		if (e >= n)
			return -1;
		*end = e + 1;
		if ((a = class_byte(pat, i + 1, n, &k, &wide)) < 0 || k >= n)
			return 2;
		b = a;
		if (pat[k] != ']' &&
		    ((b = class_byte(pat, k, n, &k, &wide)) < 0 || k >= n || pat[k] != ']'))
			return 2;
		if (wide)
			return 2;
		return set_add(set, (unsigned char)a, caseless) &&
		       set_add(set, (unsigned char)b, caseless) ? 1 : 2;
	}
	if (c == '(') {
		size_t e = group_end(pat, i, n);
		/* a group may set options for what follows: "(?i)" */
		if (e >= n || (i + 1 < n && pat[i + 1] == '?' &&
			       (i + 2 >= n || !strchr(":=!<", pat[i + 2]) ||
				(pat[i + 2] == '<' && (i + 3 >= n ||
						       !strchr("=!", pat[i + 3]))))))
			return -1;
		*end = e + 1;
		return 2;
	}
	*end = i + 1;
	if (c == '^' || c == '$')
		return 0;
	if (c == '.' || c >= 0x80) {
		while (*end < n && ((unsigned char)pat[*end] & 0xC0) == 0x80)
			++*end;
		return 2;
	}
	if (strchr("*+?{|)", c) || c < 0x20)
		return -1;
	if (!set_add(set, c, caseless)) {
		/* 'k' or 's' under (?i): either case, or the last byte of
		 * U+212A or U+017F, which are longer: what came before is
		 * at no fixed place */
		set_add(set, c | 0x20, false);
		set_add(set, c & ~0x20, false);
		set_add(set, (c | 0x20) == 'k' ? 0xAA : 0xBF, false);
		return 3;
	}
	return 1;
}

/* The index of the '}' closing the quantifier at pat[i] == '{', or 0. */
static size_t brace_end(const char *pat, size_t i, size_t n)
{
	for (; i < n; i++)
		if (pat[i] == '}')
			return i;
	return 0;
}

/* What the positive lookbehind pat[i, n) (its alternatives, without
 * "(?<=" and ")") fixes of the bytes right before a match: for each
 * alternative, its last items that are one byte each, and for each place
 * back the bytes that any alternative may have there. Leaves l->nbefore 0
 * when nothing is sure. */
static void lead_behind(const char *pat, size_t i, size_t n, bool caseless,
			lead *l)
{
	uint8_t sets[BEFORE_MAX][32], last[BEFORE_MAX][32], set[32];
	size_t depth = BEFORE_MAX, k;

	memset(sets, 0, sizeof(sets));
	for (;;) {
		size_t bar = next_alternative(pat, i, n), count = 0, end;

		while (i < bar) {
			int kind = behind_item(pat, i, bar, caseless, &end, set);
			if (kind < 0 || end > bar)
				return;
			i = end;
			if (i < bar && is_quantifier(pat[i])) {
				/* it may take any number of bytes: what came
				 * before it is at no fixed place */
				if (pat[i] == '{' && !(i = brace_end(pat, i, bar)))
					return;
				i++;
				if (i < bar && (pat[i] == '?' || pat[i] == '+'))
					i++;
				count = 0;
				continue;
			}
			if (kind == 3)
				count = 0;
			if (kind == 1 || kind == 3)
				memcpy(last[count++ % BEFORE_MAX], set, 32);
			else if (kind == 2)
				count = 0;
		}
		if (count < depth)
			depth = count;
		for (k = 0; k < depth; k++)
			for (size_t b = 0; b < 32; b++)
				sets[k][b] |= last[(count - 1 - k) % BEFORE_MAX][b];
		if (bar >= n)
			break;
		i = bar + 1;
	}
	l->nbefore = depth;
	memcpy(l->before, sets, sizeof(sets));
}

/* Collect into `set` the bytes that every match of pat[i, n) begins with,
 * one lead per alternative: past zero-width items (\b, ^, lookaround) and
 * into a leading group of alternatives, then what lead_seq takes. A lead
 * stops at anything else; what it has is then still a prefix of every
 * match of its alternative. */
static void lead_of(const char *pat, size_t i, size_t n, bool caseless,
		    const lead *outer, leads *set)
{
	size_t bar = next_alternative(pat, i, n), body = 0;
	lead *l, ctx = *outer; /* outer may be the slot l takes */

	if (bar < n) {
		for (;;) {
			lead_of(pat, i, bar, caseless, &ctx, set);
			if (bar >= n)
				return;
			i = bar + 1;
			bar = next_alternative(pat, i, n);
		}
	}
	if (set->n == LEADS_MAX) {
		set->failed = true;
		return;
	}
	l = &set->v[set->n++];
	memset(l, 0, sizeof(*l));
	/* what the zero-width items before it asked */
	l->word_start = ctx.word_start;
	l->nbefore = ctx.nbefore;
	memcpy(l->before, ctx.before, sizeof(l->before));
	/* zero-width items first: they consume nothing */
	while (i < n) {
		if (pat[i] == '^') {
			i++;
		} else if (i + 1 < n && pat[i] == '\\' && pat[i + 1] == 'b') {
			l->word_start = true;
			i += 2;
		} else if (i + 2 < n && pat[i] == '(' && pat[i + 1] == '?' &&
			   (pat[i + 2] == '=' || pat[i + 2] == '!' ||
			    (pat[i + 2] == '<' && i + 3 < n &&
			     (pat[i + 3] == '=' || pat[i + 3] == '!')))) {
			size_t e = group_end(pat, i, n);
			if (e >= n || (e + 1 < n && is_quantifier(pat[e + 1])))
				return;
			/* a positive lookbehind: the bytes before the lead
			 * (the first one that says anything) */
			if (pat[i + 2] == '<' && pat[i + 3] == '=' && !l->nbefore)
				lead_behind(pat, i + 4, e, caseless, l);
			i = e + 1;
		} else {
			break;
		}
	}
	/* a group of alternatives, "(...)" or "(?:...)": a lead for each */
	if (i < n && pat[i] == '(' && pat[i + 1] != '?')
		body = i + 1;
	else if (i + 2 < n && pat[i] == '(' && pat[i + 1] == '?' && pat[i + 2] == ':')
		body = i + 3;
	if (body) {
		size_t e = group_end(pat, i, n), first, k;
		if (e < n && next_alternative(pat, body, e) < e &&
		    !(e + 1 < n && is_quantifier(pat[e + 1]) && pat[e + 1] != '+')) {
			set->n--;
			first = set->n;
			lead_of(pat, body, e, caseless, l, set);
			/* a lead that took all of its alternative goes on with
			 * what follows the group ("(there|their)[ \t]+"),
			 * unless the group may repeat */
			if (!(e + 1 < n && pat[e + 1] == '+'))
				for (k = first; k < set->n; k++)
					if (set->v[k].open)
						lead_go_on(pat, e + 1, n, caseless, &set->v[k]);
			return;
		}
	}
	lead_go_on(pat, i, n, caseless, l);
}

/* The leads of a whole pattern, usable when every alternative has one
 * worth looking for: three bytes, or two at the start of a word ("it"
 * alone is everywhere; "of" too, in "often", "profit"). None when the
 * pattern uses something that makes "try it anchored where a lead is"
 * differ from PCRE2's own search: \G, backtracking verbs, \Q...\E,
 * comments, or options other than a leading (?i). */
void pl_leads_parse(const char *pat, size_t n, leads *set)
{
	bool caseless = false;
	size_t i = 0, k;
	lead none;

	memset(set, 0, sizeof(*set));
	if (strstr(pat, "\\G") || strstr(pat, "(*") || strstr(pat, "\\Q") ||
	    strstr(pat, "(?#") || strstr(pat, "\\K"))
		return;
	if (n >= 4 && memcmp(pat, "(?i)", 4) == 0) {
		caseless = true;
		i = 4;
	}
	memset(&none, 0, sizeof(none));
	lead_of(pat, i, n, caseless, &none, set);
	for (k = 0; k < set->n && !set->failed; k++) {
		lead *l = &set->v[k];
		/* "\b" is a test of the byte before only when the lead starts
		 * with a word byte (whichever of its bytes it is) */
		if (l->n && (!pl_lead_word_byte(l->c[0]) || !pl_lead_word_byte(l->alt[0])))
			l->word_start = false;
		if (l->n < 2 || (l->n == 2 && !l->word_start && !l->nbefore)) {
			set->failed = true; /* too short to be worth a search */
			break;
		}
		for (l->probe = l->n - 1; l->probe > 1; l->probe--)
			if (l->alt[l->probe] == l->c[l->probe] && l->c[l->probe] != ' ')
				break;
	}
	if (set->failed)
		set->n = 0;
}

/* 0x80 in each byte of x that is zero. Exact, bit by bit. */
static inline uint64_t zero_bytes(uint64_t z)
{
	const uint64_t low7 = 0x7F7F7F7F7F7F7F7Full;

	return ~(((z & low7) + low7) | z | low7);
}

/* Which byte of an eight-byte load the lowest flag of m (from zero_bytes)
 * is. Bytes are loaded in memory order on a little-endian machine; on a
 * big-endian one the flags are read from the other end. */
static inline size_t first_flag(uint64_t m)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	size_t k = 0;
	while (!(m & (0x8000000000000000ull >> (8 * k))))
		k++;
	return k;
#else
	return (size_t)__builtin_ctzll(m) / 8;
#endif
}

/* The first i >= from where the lead starts in t[0, len), or len. Its
 * first byte and its probe are looked for eight positions at a time (with
 * 0x20 or'ed in where either case will do, and the other byte of a
 * position that has one); the positions of a block where both are there
 * are then checked one by one. */
size_t pl_lead_find(const lead *l, const unsigned char *t, size_t len,
		    size_t from)
{
	const uint64_t ones = 0x0101010101010101ull;
	const uint64_t c0 = ones * l->c[0], f0 = ones * l->fold[0];
	const uint64_t a0 = ones * l->alt[0];
	const uint64_t c1 = ones * l->c[l->probe], f1 = ones * l->fold[l->probe];
	const uint64_t a1 = ones * l->alt[l->probe];
	size_t i = from, k, last = l->n - 1, probe = l->probe;

#ifdef __SSE2__
	/* the same, sixteen positions at a time, where the CPU has SSE2 */
	const __m128i v0 = _mm_set1_epi8((char)l->c[0]);
	const __m128i g0 = _mm_set1_epi8((char)l->fold[0]);
	const __m128i v1 = _mm_set1_epi8((char)l->c[probe]);
	const __m128i g1 = _mm_set1_epi8((char)l->fold[probe]);
	const __m128i b0 = _mm_set1_epi8((char)l->alt[0]);
	const __m128i b1 = _mm_set1_epi8((char)l->alt[probe]);
#define LEAD_MASK(at)                                                          \
	((uint32_t)_mm_movemask_epi8(_mm_and_si128(                            \
		_mm_or_si128(_mm_cmpeq_epi8(_mm_or_si128(LOAD(at), g0), v0),   \
			     _mm_cmpeq_epi8(LOAD(at), b0)),                    \
		_mm_or_si128(_mm_cmpeq_epi8(_mm_or_si128(LOAD(at + probe), g1), v1), \
			     _mm_cmpeq_epi8(LOAD(at + probe), b1)))))
#define LOAD(at) _mm_loadu_si128((const __m128i *)(t + (at)))
	/* two blocks a turn: the loop costs about as much as the compares */
	for (; i + last + 32 <= len; i += 32) {
		uint32_t m = LEAD_MASK(i) | LEAD_MASK(i + 16) << 16;
		for (; m; m &= m - 1) {
			k = (size_t)__builtin_ctz(m);
			if (pl_lead_at(l, t, len, i + k))
				return i + k;
		}
	}
	for (; i + last + 16 <= len; i += 16) {
		uint32_t m = LEAD_MASK(i);
		for (; m; m &= m - 1) {
			k = (size_t)__builtin_ctz(m);
			if (pl_lead_at(l, t, len, i + k))
				return i + k;
		}
	}
#undef LOAD
#undef LEAD_MASK
#endif
	for (; i + last + 8 <= len; i += 8) {
		uint64_t x, y, m;
		memcpy(&x, t + i, 8);
		memcpy(&y, t + i + probe, 8);
		m = (zero_bytes((x | f0) ^ c0) | zero_bytes(x ^ a0)) &
		    (zero_bytes((y | f1) ^ c1) | zero_bytes(y ^ a1));
		for (; m; m &= m - 1) {
			k = first_flag(m);
			if (pl_lead_at(l, t, len, i + k))
				return i + k;
		}
	}
	for (; i + last < len; i++)
		if (pl_lead_at(l, t, len, i))
			return i;
	return len;
}
