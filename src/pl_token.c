#include "pl_token.h"
#include "pl_cpu.h"
#include "pl_error.h"
#include "pl_pages.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* ---- ASCII byte classes ------------------------------------------------- *
 * Most of a news text is ASCII. A table answers for those bytes what
 * utf8proc would, without a call; bytes >= 0x80 still go to utf8proc. */

enum {
	C_UPPER = 1 << 0, /* A-Z */
	C_LOWER = 1 << 1, /* a-z */
	C_DIGIT = 1 << 2, /* 0-9 */
	C_HOST = 1 << 3,  /* letters, digits, - and _: host name characters */
	C_SPACE = 1 << 4, /* space, tab, vertical tab, form feed */
	C_PUNCT = 1 << 5, /* Unicode category P*: ! " # % & ' ( ) * , - . / : ; ? @ [ \ ] _ { } */
	C_END = 1 << 6,   /* ends a word for every scanner (see run_goes_on) */
	C_LONE = 1 << 7,  /* punctuation that is always a token of its own */
	C_ALNUM = C_UPPER | C_LOWER | C_DIGIT,
};

#define CLS_UPPER(c) ((c) >= 'A' && (c) <= 'Z')
#define CLS_LOWER(c) ((c) >= 'a' && (c) <= 'z')
#define CLS_DIGIT(c) ((c) >= '0' && (c) <= '9')
#define CLS_PUNCT(c)                                                           \
	((c) == '!' || (c) == '"' || (c) == '#' || (c) == '%' || (c) == '&' ||  \
	 (c) == '\'' || (c) == '(' || (c) == ')' || (c) == '*' || (c) == ',' || \
	 (c) == '-' || (c) == '.' || (c) == '/' || (c) == ':' || (c) == ';' ||  \
	 (c) == '?' || (c) == '@' || (c) == '[' || (c) == '\\' || (c) == ']' || \
	 (c) == '_' || (c) == '{' || (c) == '}')
/* what may carry a word, number, URL or abbreviation on past its letters */
#define CLS_JOINS(c)                                                           \
	((c) == '.' || (c) == ',' || (c) == ':' || (c) == '@' || (c) == '-' ||  \
	 (c) == '_' || (c) == '+' || (c) == '[' || (c) == '\'')
/* punctuation that pl_tokenize's loop may take into a longer token: an
 * editor's "[b]", a handle or hashtag, an ellipsis */
#define CLS_STARTS(c) ((c) == '[' || (c) == '@' || (c) == '#' || (c) == '.')
#define CLS(c)                                                                 \
	((CLS_UPPER(c) ? C_UPPER | C_HOST : 0) |                                \
	 (CLS_LOWER(c) ? C_LOWER | C_HOST : 0) |                                \
	 (CLS_DIGIT(c) ? C_DIGIT | C_HOST : 0) |                                \
	 ((c) == '-' || (c) == '_' ? C_HOST : 0) |                              \
	 ((c) == ' ' || (c) == '\t' || (c) == '\v' || (c) == '\f' ? C_SPACE : 0) | \
	 (CLS_PUNCT(c) ? C_PUNCT : 0) |                                         \
	 (CLS_PUNCT(c) && !CLS_STARTS(c) ? C_LONE : 0) |                        \
	 ((c) < 0x80 && !CLS_UPPER(c) && !CLS_LOWER(c) && !CLS_DIGIT(c) &&      \
		  !CLS_JOINS(c) ? C_END : 0))
#define CLS4(c) CLS(c), CLS((c) + 1), CLS((c) + 2), CLS((c) + 3)
#define CLS16(c) CLS4(c), CLS4((c) + 4), CLS4((c) + 8), CLS4((c) + 12)
#define CLS64(c) CLS16(c), CLS16((c) + 16), CLS16((c) + 32), CLS16((c) + 48)

static const unsigned char byte_class[256] = {
	CLS64(0), CLS64(64), CLS64(128), CLS64(192)
};

static inline unsigned cls(unsigned char c)
{
	return byte_class[c];
}

size_t pl_utf8_decode(const char *text, size_t len, size_t i, int32_t *cp)
{
	const unsigned char *s = (const unsigned char *)text + i;
	utf8proc_ssize_t n;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	n = utf8proc_iterate(s, (utf8proc_ssize_t)(len - i), cp);
	if (n <= 0) {
		*cp = 0xFFFD;
		return 1;
	}
	return (size_t)n;
}

/* pl_utf8_decode for the hot loops: the ASCII test inline, the rest in
 * utf8proc as before. */
static inline size_t decode(const char *text, size_t len, size_t i, int32_t *cp)
{
	unsigned char c = (unsigned char)text[i];

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	return pl_utf8_decode(text, len, i, cp);
}

size_t pl_utf8_encode(int32_t cp, char *buf)
{
	utf8proc_ssize_t n = utf8proc_encode_char(cp, (utf8proc_uint8_t *)buf);
	return n > 0 ? (size_t)n : 0;
}

bool pl_is_letter(int32_t cp)
{
	if (cp < 0x80)
		return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
		return true;
	default:
		return false;
	}
}

static inline bool is_digit(int32_t cp)
{
	if (cp < 0x80)
		return cls((unsigned char)cp) & C_DIGIT;
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_ND;
}

bool pl_is_space(int32_t cp)
{
	if (cp < 0x80)
		return cp == ' ' || cp == '\t' || cp == '\v' || cp == '\f';
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS;
}

/* pl_is_letter and pl_is_space with the ASCII answer inline: the scanners
 * below ask once or twice for every byte. */
static inline bool is_letter(int32_t cp)
{
	if (cp < 0x80)
		return cls((unsigned char)cp) & (C_UPPER | C_LOWER);
	return pl_is_letter(cp);
}

static inline bool is_space(int32_t cp)
{
	if (cp < 0x80)
		return cls((unsigned char)cp) & C_SPACE;
	return pl_is_space(cp);
}

bool pl_is_apostrophe(int32_t cp)
{
	return cp == '\'' || cp == 0x2019;
}

bool pl_is_closing(int32_t cp)
{
	switch (cp) {
	case '"': case '\'': case ')': case ']': case '}':
	case 0x2019: case 0x201D: case 0x00BB: case 0x203A:
		return true;
	default:
		return false;
	}
}

bool pl_is_opening(int32_t cp)
{
	switch (cp) {
	case '"': case '\'': case '(': case '[': case '{':
	case 0x2018: case 0x201C: case 0x00AB: case 0x2039:
		return true;
	default:
		return false;
	}
}

static inline bool is_hyphen(int32_t cp)
{
	return cp == '-' || cp == 0x2010 || cp == 0x2011;
}

/* ---- URLs, e-mail addresses and bare domains ---------------------------- */

static const char *const tlds[] = {
	"ac", "ae", "af", "ai", "app", "ar", "asia", "at", "au", "az", "ba",
	"bd", "be", "bg", "biz", "blog", "br", "by", "ca", "cc", "ch", "cl",
	"cn", "co", "com", "cz", "de", "dk", "edu", "ee", "eg", "es", "eu",
	"fi", "fm", "fr", "ge", "gov", "gr", "hk", "hr", "hu", "id", "ie",
	"il", "in", "info", "int", "io", "iq", "ir", "is", "it", "jp", "ke",
	"kr", "kz", "lk", "lt", "lu", "lv", "ly", "ma", "me", "media", "mil",
	"mx", "my", "name", "net", "news", "ng", "nl", "no", "np", "nz", "online",
	"org", "pe", "ph", "pk", "pl", "press", "pro", "pt", "qa", "ro", "rs",
	"ru", "sa", "se", "sg", "si", "site", "sk", "su", "th", "tr", "tv",
	"tw", "ua", "uk", "us", "uz", "ve", "vn", "web", "ws", "xyz", "za",
};

static bool is_tld(const char *s, size_t n)
{
	size_t lo = 0, hi = PL_ARRAY_LEN(tlds);

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strncmp(tlds[mid], s, n);
		if (c == 0 && tlds[mid][n] != '\0')
			c = 1;
		if (c == 0)
			return true;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

static inline bool is_host_char(unsigned char c)
{
	return cls(c) & C_HOST;
}

/* Characters that end a URL even without white space after them. */
static bool ends_url(unsigned char c)
{
	return c <= ' ' || c == '"' || c == '<' || c == '>' || c == '`' ||
	       c >= 0x80;
}

/* Extend a URL or domain over a path, then drop trailing punctuation that
 * belongs to the sentence. */
static size_t url_tail(const char *t, size_t len, size_t i)
{
	size_t depth = 0;

	if (i < len && (t[i] == '/' || t[i] == ':' || t[i] == '?' || t[i] == '#')) {
		while (i < len && !ends_url((unsigned char)t[i])) {
			if (t[i] == '(')
				depth++;
			else if (t[i] == ')') {
				if (!depth)
					break;
				depth--;
			}
			i++;
		}
	}
	while (i > 0 && strchr(".,;:!?'*", t[i - 1]))
		i--;
	return i;
}

static bool starts_with_ci(const char *t, size_t len, size_t i, const char *p)
{
	size_t n = strlen(p);
	/* the second letter first: most words differ there already */
	return len - i >= n && (t[i + 1] | 0x20) == p[1] && strncasecmp(t + i, p, n) == 0;
}

/* A URL with a scheme or "www.", an e-mail address, or a bare domain whose
 * last label is a known lowercase TLD. Returns the end, or 0. */
static size_t scan_url(const char *t, size_t len, size_t i)
{
	static const char *const schemes[] = { "https://", "http://", "ftp://",
					       "mailto:", "www." };
	size_t j, k, label, dots = 0, at = 0;

	unsigned char c0 = (unsigned char)t[i] | 0x20;

	/* every scheme starts with h, f, m or w: most words skip the loop */
	for (k = 0; (c0 == 'h' || c0 == 'f' || c0 == 'm' || c0 == 'w') &&
		    k < PL_ARRAY_LEN(schemes); k++) {
		if (starts_with_ci(t, len, i, schemes[k])) {
			size_t depth = 0;
			j = i + strlen(schemes[k]);
			if (j >= len || ends_url((unsigned char)t[j]))
				return 0;
			/* ")" ends the URL unless it closes a "(" inside it:
			 * "(see https://x.org/a)" vs ".../Foo_(bar)" */
			while (j < len && !ends_url((unsigned char)t[j])) {
				if (t[j] == '(')
					depth++;
				else if (t[j] == ')' && !depth--)
					break;
				j++;
			}
			return url_tail(t, len, j);
		}
	}

	/* user@host.tld or host.tld */
	j = i;
	label = i;
	while (j < len) {
		unsigned char c = (unsigned char)t[j];
		if (is_host_char(c) || (c == '+' && !at) ) {
			j++;
		} else if (c == '.' && j > label && j + 1 < len &&
			   is_host_char((unsigned char)t[j + 1])) {
			dots++;
			label = ++j;
		} else if (c == '@' && !at && j > i && j + 1 < len &&
			   is_host_char((unsigned char)t[j + 1])) {
			at = j;
			dots = 0;
			label = ++j;
		} else {
			break;
		}
	}
	if (!dots || j == label)
		return 0;
	/* a following letter outside ASCII means this was not a host name */
	if (j < len && ((unsigned char)t[j] >= 0x80 && !ends_url((unsigned char)t[j])))
		return 0;
	for (k = label; k < j; k++)
		if (t[k] < 'a' || t[k] > 'z')
			return 0;
	if (!is_tld(t + label, j - label))
		return 0;
	return url_tail(t, len, j);
}

/* ---- words, numbers and abbreviations ---------------------------------- */

/* Dotted single-letter abbreviations and initials: U.S.  a.m.  J.R.R.  e.g.
 * Returns the end including the final period, or 0. */
static size_t scan_abbrev(const char *t, size_t len, size_t i)
{
	size_t j = i, groups = 0;
	int32_t cp;

	for (;;) {
		size_t n;
		if (j >= len)
			break;
		n = decode(t, len, j, &cp);
		if (!is_letter(cp))
			break;
		if (j + n >= len || t[j + n] != '.') {
			/* "Ph.D" style tail without the final dot is not taken */
			break;
		}
		/* the letter must be alone: no letter right after the dot's
		 * predecessor other than the next group */
		groups++;
		j += n + 1;
		if (j < len) {
			int32_t next;
			size_t m = decode(t, len, j, &next);
			if (!is_letter(next))
				break;
			if (j + m < len && t[j + m] != '.') {
				/* next group is a longer word: stop before it */
				break;
			}
		}
	}
	if (groups < 2)
		return 0;
	return j;
}

/* Special dotted forms that are not single letters. */
static size_t scan_special_abbrev(const char *t, size_t len, size_t i)
{
	static const char *const forms[] = { "Ph.D.", "Ph.D", "M.Sc.", "B.Sc." };
	size_t k;

	/* every form has a period second or third: most words stop here */
	if (len - i < 4 || (t[i + 1] != '.' && t[i + 2] != '.'))
		return 0;
	for (k = 0; k < PL_ARRAY_LEN(forms); k++) {
		size_t n = strlen(forms[k]);
		if (len - i >= n && memcmp(t + i, forms[k], n) == 0)
			return i + n;
	}
	return 0;
}

static size_t scan_number(const char *t, size_t len, size_t i)
{
	while (i < len && t[i] >= '0' && t[i] <= '9') {
		i++;
		if (i + 1 < len && (t[i] == '.' || t[i] == ',' || t[i] == ':') &&
		    t[i + 1] >= '0' && t[i + 1] <= '9')
			i++;
	}
	return i;
}

/* Letters, marks and digits, joined by inner apostrophes and hyphens. */
static size_t scan_word(const char *t, size_t len, size_t i)
{
	int32_t cp, next;
	size_t n;

	while (i < len) {
		n = decode(t, len, i, &cp);
		if (is_letter(cp) || is_digit(cp)) {
			i += n;
			continue;
		}
		/* an editor's insertion: "technolog[ies]", "[e]xtremely" */
		if (cp == '[' && i + 2 < len) {
			size_t k = i + 1;
			while (k < len && k < i + 24 && ((t[k] | 0x20) >= 'a' && (t[k] | 0x20) <= 'z'))
				k++;
			if (k > i + 1 && k < len && t[k] == ']') {
				i = k + 1;
				continue;
			}
		}
		if ((pl_is_apostrophe(cp) || is_hyphen(cp)) && i + n < len) {
			decode(t, len, i + n, &next);
			if (is_letter(next) || (is_hyphen(cp) && is_digit(next))) {
				i += n;
				continue;
			}
		}
		break;
	}
	return i;
}

/* "[b]ottom": a bracketed letter or two that an editor put at the start of
 * a word, with the word going on right after the bracket. */
static bool bracket_edit(const char *t, size_t len, size_t i)
{
	size_t k = i + 1;

	while (k < len && k < i + 4 && ((t[k] | 0x20) >= 'a' && (t[k] | 0x20) <= 'z'))
		k++;
	return k > i + 1 && k + 1 < len && t[k] == ']' &&
	       ((t[k + 1] | 0x20) >= 'a' && (t[k + 1] | 0x20) <= 'z');
}

/* "@github", "#DemDebate": handles and hashtags, preceded by no letter. */
static size_t scan_handle(const char *t, size_t len, size_t i)
{
	size_t j = i + 1;

	if (i > 0 && (is_host_char((unsigned char)t[i - 1]) ||
		      (unsigned char)t[i - 1] >= 0x80))
		return 0;
	while (j < len && (is_host_char((unsigned char)t[j]) || t[j] == '.'))
		j++;
	while (j > i + 1 && t[j - 1] == '.')
		j--;
	return j;
}

static void word_flags(pl_token *tk, const char *t)
{
	size_t i = tk->start;
	bool first = true, seen_lower = false, seen_upper = false;
	unsigned letters = 0;
	int32_t cp;

	while (i < tk->end) {
		i += decode(t, tk->end, i, &cp);
		if (is_digit(cp)) {
			tk->flags |= PL_TF_DIGIT;
		} else if (is_hyphen(cp)) {
			tk->flags |= PL_TF_HYPHEN;
			first = true; /* each part of a compound starts afresh */
			continue;
		} else if (pl_is_apostrophe(cp)) {
			tk->flags |= PL_TF_APOS;
		} else if (is_letter(cp)) {
			bool up = cp < 0x80 ? (cp >= 'A' && cp <= 'Z') : utf8proc_isupper(cp);
			bool lo = cp < 0x80 ? (cp >= 'a' && cp <= 'z') : utf8proc_islower(cp);
			letters++;
			if (first && tk->cp == 0) {
				tk->cp = (uint32_t)cp;
				if (up)
					tk->flags |= PL_TF_UPPER;
			} else if (up && seen_lower && !first) {
				tk->flags |= PL_TF_INNERCAP;
			}
			if (up)
				seen_upper = true;
			if (lo)
				seen_lower = true;
			first = false;
		}
	}
	if (letters >= 2 && seen_upper && !seen_lower)
		tk->flags |= PL_TF_ALLCAPS;
}

/* Could text[i, e), a run of ASCII letters and digits, go on past e as a
 * word, number, URL or abbreviation? Only the byte at e (and at times the
 * one after it) can say so; this mirrors what each scanner takes next:
 *   - scan_url needs '.', ':' or '@' (or first '-', '_', '+') right after
 *     the run: a scheme ("http:", "www."), a domain label or "user@";
 *   - scan_special_abbrev and scan_abbrev a '.' then a letter ("Ph.D",
 *     "U.S."), scan_number '.', ',' or ':' then a digit ("3.5", "10:30");
 *   - scan_word a letter or digit beyond ASCII, an apostrophe or hyphen
 *     (' - or one beyond ASCII), or '[' ("technolog[ies]"), and the
 *     identifier loop a '_'.
 * False answers must be certain; true ones only send the word down the
 * general path, which decides as it always did. */
static inline bool run_goes_on(const char *t, size_t len, size_t i, size_t e)
{
	unsigned char c, next;
	int32_t cp;

	if (e >= len)
		return false;
	c = (unsigned char)t[e];
	if (cls(c) & C_END)
		return false;
	if (c >= 0x80) {
		decode(t, len, e, &cp);
		return is_letter(cp) || is_digit(cp) || pl_is_apostrophe(cp) ||
		       is_hyphen(cp);
	}
	if (e + 1 >= len)
		return c != '.' && c != ',' && c != ':';
	next = (unsigned char)t[e + 1];
	switch (c) {
	case '.':
		/* "www." is a scheme whatever follows; a single letter and a
		 * dot may start "A.É." */
		if (e - i == 3 && (t[i] | 0x20) == 'w')
			return true;
		if (next >= 0x80)
			return e - i == 1;
		return is_host_char(next);
	case ',':
		return cls(next) & C_DIGIT;
	case ':':
		/* "mailto:" takes whatever does not end a URL */
		return !ends_url(next);
	default:
		return true; /* @ - _ + [ ' */
	}
}

/* What scan_plain gathers over a run of ASCII letters and digits. */
typedef struct alnum_run {
	unsigned seen;  /* C_UPPER, C_LOWER, C_DIGIT: what it holds */
	unsigned inner; /* C_LOWER once an uppercase letter followed a lowercase one */
	unsigned upper; /* uppercase letters (run_8 counts two for two or more:
			 * only "two or more" matters, and a popcount
			 * instruction is not in the baseline x86-64) */
} alnum_run;

/* One byte of the run: false when it is not an ASCII letter or digit. */
static inline bool run_byte(alnum_run *r, unsigned char c)
{
	unsigned k = cls(c);

	if (!(k & C_ALNUM))
		return false;
	r->upper += k & C_UPPER; /* C_UPPER is 1 */
	r->inner |= (k & C_UPPER) ? r->seen & C_LOWER : 0;
	r->seen |= k & C_ALNUM;
	return true;
}

#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
	__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/* Eight bytes at a time as one 64-bit word (SWAR): a byte loop mispredicts
 * its exit once a word, and most words end within one such step. */
#define RUN8 1
#define ONES8 0x0101010101010101u
#define HIGH8 0x8080808080808080u

/* The high bit of each byte of y (all below 0x80) from lo to hi. Adding at
 * most 0x7F to a byte below 0x80 does not carry into the next one. */
static inline uint64_t bytes_in(uint64_t y, unsigned lo, unsigned hi)
{
	return (y + ONES8 * (0x80 - lo)) & ~(y + ONES8 * (0x7F - hi)) & HIGH8;
}

/* run_byte over the eight bytes at s: how many of them, from the first,
 * are ASCII letters and digits (8: the run may go on). */
static inline unsigned run_8(alnum_run *r, const unsigned char *s)
{
	uint64_t x, y, ascii, digit, letter, stop, in, lower, upper, first;

	memcpy(&x, s, 8);
	ascii = ~x & HIGH8;
	y = x & ~(uint64_t)HIGH8;
	digit = bytes_in(y, '0', '9') & ascii;
	letter = bytes_in(y | ONES8 * 0x20, 'a', 'z') & ascii;
	stop = ~(digit | letter) & HIGH8;
	in = stop ? (stop & -stop) - 1 : ~(uint64_t)0; /* bytes before it */
	/* 0x20, the lowercase bit, moved up to where the masks are */
	lower = letter & (y << 2) & in;
	upper = letter & ~(y << 2) & in;
	if (upper) {
		first = lower & -lower;
		/* a lowercase letter earlier, or here before an uppercase one
		 * (first * 2 - 1: the bits up to it; ~0 when it is the last) */
		if ((r->seen & C_LOWER) || (lower && (upper & ~(first * 2 - 1))))
			r->inner = C_LOWER;
		r->upper += (upper & (upper - 1)) ? 2 : 1;
		r->seen |= C_UPPER;
	}
	if (lower)
		r->seen |= C_LOWER;
	if (digit & in)
		r->seen |= C_DIGIT;
	return stop ? (unsigned)__builtin_ctzll(stop) / 8 : 8;
}
#endif

#ifdef __SSE2__
/* Sixteen bytes classified at once, a bit a byte: nine words in ten end
 * within them, so one step finds the end of the word and everything its
 * flags need, with no loop and no table. */
typedef struct masks16 {
	unsigned letter; /* ASCII letters */
	unsigned lower;  /* the 0x20 bit: lowercase among the letters */
	unsigned digit;  /* 0-9 */
} masks16;

/* Bytes from lo to lo + n - 1 as one unsigned compare, done signed (SSE2
 * has no unsigned one): x - lo wraps, then 0x80 moves [0, n) to the bottom
 * of the signed range. */
static inline __m128i in_range16(__m128i v, unsigned char lo, unsigned char n)
{
	return _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8((char)(0x80 - lo))),
			      _mm_set1_epi8((char)(0x80 + n)));
}

static inline masks16 classify16(const unsigned char *s)
{
	__m128i v = _mm_loadu_si128((const __m128i *)s);
	masks16 m;

	m.letter = (unsigned)_mm_movemask_epi8(
		in_range16(_mm_or_si128(v, _mm_set1_epi8(0x20)), 'a', 26));
	m.digit = (unsigned)_mm_movemask_epi8(in_range16(v, '0', 10));
	/* 0x20 shifted up to the bit movemask reads (16-bit lanes: what
	 * crosses into the next byte lands below its top bit) */
	m.lower = (unsigned)_mm_movemask_epi8(_mm_slli_epi16(v, 2)) & m.letter;
	return m;
}

/* A word's case and digit flags from its bytes' masks, a bit a byte
 * (bit 0 its first byte), as word_flags gives them: UPPER, the first
 * letter's case; INNERCAP, an uppercase letter above the lowest lowercase
 * one, not counting `firsts` (the first letters of a joined word's
 * parts); DIGIT; ALLCAPS, two uppercase letters and no lowercase one.
 * (lower & -lower) * 2 - 1 is the bits up to the lowest lowercase letter,
 * all of them when there is none. */
static inline unsigned mask_flags(uint64_t letter, uint64_t upper, uint64_t digit,
				  uint64_t firsts)
{
	uint64_t lower = letter & ~upper;

	return (upper & letter & -letter ? PL_TF_UPPER : 0) |
	       (upper & ~firsts & ~((lower & -lower) * 2 - 1) ? PL_TF_INNERCAP : 0) |
	       (digit ? PL_TF_DIGIT : 0) |
	       (!lower && (upper & (upper - 1)) ? PL_TF_ALLCAPS : 0);
}

/* A word of ASCII letters and digits joined by inner hyphens and
 * apostrophes ("ten-storey", "don't"), starting with a letter at i and
 * ending within the sixteen bytes there. The general path takes these
 * whole, then word_flags decodes them again a code point at a time; here
 * they cost one more compare. Returns the end, or 0 when the general path
 * must decide: a joiner not followed by a letter ("a-1", "students' ")
 * or an end that some scanner could carry on past. */
static inline size_t joined16(const char *t, size_t len, size_t i,
			      const masks16 *m, pl_token *tk)
{
	__m128i v = _mm_loadu_si128((const __m128i *)(t + i));
	unsigned hyphen = (unsigned)_mm_movemask_epi8(
		_mm_cmpeq_epi8(v, _mm_set1_epi8('-')));
	unsigned apos = (unsigned)_mm_movemask_epi8(
		_mm_cmpeq_epi8(v, _mm_set1_epi8('\'')));
	unsigned stop = ~(m->letter | m->digit | hyphen | apos) & 0xFFFF;
	unsigned in, letter, lower, upper, first;
	unsigned char c;
	size_t e;

	if (!stop)
		return 0;
	in = (stop & -stop) - 1;
	hyphen &= in;
	apos &= in;
	/* each joiner comes before the stop, so the shift stays in 16 bits */
	if (((hyphen | apos) << 1) & ~m->letter)
		return 0;
	e = i + (unsigned)__builtin_ctz(stop);
	/* Where the token stops. A hyphen or apostrophe in it ends the run
	 * of host characters before any '.', so no scanner but scan_word
	 * could take it on past ',' or ':', nor past a '.' that no host
	 * name character follows; anything else that is not C_END (another
	 * joiner, '@', '_', '+', '[', bytes beyond ASCII) goes the general
	 * way. */
	c = (unsigned char)t[e];
	if (!(cls(c) & C_END) && c != ',' && c != ':' &&
	    !(c == '.' && (e + 1 >= len || !is_host_char((unsigned char)t[e + 1]))))
		return 0;
	letter = m->letter & in;
	lower = m->lower & in;
	upper = letter & ~lower;
	/* the letters word_flags takes as a part's first: the word's, and
	 * each one right after a hyphen */
	first = 1 | hyphen << 1;
	tk->kind = PL_TOK_WORD;
	tk->cp = (unsigned char)t[i];
	/* the first byte is a letter: its case is UPPER's */
	tk->flags = (uint16_t)(PL_TF_HYPHEN * !!hyphen | PL_TF_APOS * !!apos |
			       mask_flags(letter, upper, m->digit & in, first));
	return e;
}

/* scan_plain over the sixteen bytes at i, when the run of letters and
 * digits stops within them (`stop`, the bits of the bytes that are not).
 * The flags as word_flags gives them: UPPER, the first letter's case;
 * INNERCAP, an uppercase letter above the lowest lowercase one; ALLCAPS,
 * two uppercase letters and no lowercase one. */
static inline size_t plain16(const char *t, size_t len, size_t i,
			     const masks16 *m, unsigned stop, pl_token *tk)
{
	unsigned in = (stop & -stop) - 1; /* the bytes before the stop */
	unsigned letter = m->letter & in, lower = m->lower & in;
	unsigned upper = letter & ~lower;
	size_t e = i + (unsigned)__builtin_ctz(stop);

	if (run_goes_on(t, len, i, e))
		return (t[e] == '-' || t[e] == '\'') && (m->letter & 1) ?
		       joined16(t, len, i, m, tk) : 0;
	tk->flags = 0;
	if (!letter) {
		/* only digits: a number, as in scan_plain */
		tk->kind = PL_TOK_NUMBER;
		tk->cp = 0;
		return e;
	}
	tk->kind = PL_TOK_WORD;
	tk->cp = (unsigned char)t[i + (unsigned)__builtin_ctz(letter)];
	tk->flags = (uint16_t)mask_flags(letter, upper, m->digit & in, 0);
	return e;
}
#endif

/* The common case: a word or number of ASCII letters and digits that
 * nothing carries on ("the ", "2024,", "said."), with its kind, flags and
 * first letter as word_flags would give them, in one pass over its bytes.
 * Returns its end, or 0 when the general path must decide. */
static inline size_t scan_plain(const char *t, size_t len, size_t i,
				pl_token *tk)
{
	const unsigned char *s = (const unsigned char *)t;
	size_t e = i;
	alnum_run r = { 0, 0, 0 };
	bool open = true; /* the run may go on past e */
	uint32_t first = 0;

#ifdef __SSE2__
	if (len - i >= 16) {
		masks16 m = classify16(s + i);
		unsigned stop = ~(m.letter | m.digit) & 0xFFFF;
		if (stop)
			return plain16(t, len, i, &m, stop, tk);
	}
#endif
#ifdef RUN8
	while (open && len - e >= 8) {
		unsigned n = run_8(&r, s + e);
		e += n;
		open = n == 8;
	}
#endif
	while (open && e < len && run_byte(&r, s[e]))
		e++;
	if (r.seen & (C_UPPER | C_LOWER)) {
		/* the first letter: mostly the first byte, after digits in
		 * "1980s" or "3D" */
		size_t f = i;
		while (!(cls(s[f]) & (C_UPPER | C_LOWER)))
			f++;
		first = s[f];
	}
	if (run_goes_on(t, len, i, e))
		return 0;
	tk->start = (uint32_t)i;
	tk->end = (uint32_t)e;
	tk->flags = 0;
	tk->cp = 0;
	if (!first) {
		/* only digits: a number (one that starts with a letter or
		 * holds one is a word, as scan_number leaves it) */
		tk->kind = PL_TOK_NUMBER;
		return e;
	}
	tk->kind = PL_TOK_WORD;
	tk->cp = first;
	if (cls((unsigned char)first) & C_UPPER)
		tk->flags |= PL_TF_UPPER;
	if (r.inner & C_LOWER)
		tk->flags |= PL_TF_INNERCAP;
	if (r.seen & C_DIGIT)
		tk->flags |= PL_TF_DIGIT;
	if (!(r.seen & C_LOWER) && r.upper >= 2)
		tk->flags |= PL_TF_ALLCAPS;
	return e;
}

/* scan_url finds nothing unless the first run of host characters and '+'
 * ends on '.' or ':' (a scheme, "www.", a domain) or '@' (an e-mail
 * address): most words that reach the general path ("well-known") end on
 * something else and skip it. */
static inline bool url_possible(const char *t, size_t len, size_t i)
{
	while (i < len && (is_host_char((unsigned char)t[i]) || t[i] == '+'))
		i++;
	return i < len && (t[i] == '.' || t[i] == ':' || t[i] == '@');
}

/* Room for the tokens of `bytes` more text, from an estimate (English
 * news runs at about one token in five bytes, white space being none),
 * so that push seldom has to grow the array. The size is a power of two, as pl_grow makes it: part
 * after part of a large file then asks malloc for the same size and gets
 * back the block the last part freed, where a size cut to each part's
 * length came as fresh pages from the kernel (20 ms of page faults more
 * on the 10 MB benchmark). Without the memory, push grows the array as it
 * goes. */
static void reserve(pl_tokens *out, size_t bytes)
{
	size_t want = out->n + bytes / 4 + 16, cap = out->cap ? out->cap : 16;
	pl_token *v;

	while (cap < want && cap <= SIZE_MAX / 2 / sizeof(*v))
		cap *= 2;
	if (cap <= out->cap || cap < want)
		return;
	/* not realloc: its copy would fault the new block's pages in one
	 * by one before they could be mapped in one call */
	if ((v = malloc(cap * sizeof(*v)))) {
		pl_prefault(v, cap * sizeof(*v));
		if (out->n)
			memcpy(v, out->v, out->n * sizeof(*v));
		free(out->v);
		out->v = v;
		out->cap = cap;
	}
}

/* Where the next token goes. The cursor is a pair of pointers local to
 * pl_tokenize, not out->n: a store through pl_token's uint8_t kind may
 * alias anything in memory, so with the count in *out the compiler
 * reloaded and stored it back around every token. Locals whose address
 * never leaves the inlined code stay in registers. */
typedef struct cursor {
	pl_token *p, *end;
} cursor;

/* Room for one more token (rare: reserve sized the array). */
static __attribute__((noinline)) pl_token *grow(pl_tokens *out, pl_token *p)
{
	out->n = out->v ? (size_t)(p - out->v) : 0;
	if (PL_GROW(out->v, out->cap, out->n + 1) < 0)
		return NULL;
	return out->v + out->n;
}

static inline int push(pl_tokens *out, cursor *c, size_t start, size_t end,
		       int kind, unsigned flags, int32_t cp)
{
	pl_token *t;

	if (c->p == c->end) {
		if (!(t = grow(out, c->p)))
			return PL_ENOMEM; /* the cursor stays good for out->n */
		c->p = t;
		c->end = out->v + out->cap;
	}
	/* pl_tokenize checked that every offset fits 32 bits. Field by
	 * field, spare too: a compound literal had GCC clear all 16 bytes
	 * first and then store each field over them. */
	t = c->p++;
	t->start = (uint32_t)start;
	t->end = (uint32_t)end;
	t->cp = (uint32_t)cp;
	t->flags = (uint16_t)flags;
	t->kind = (uint8_t)kind;
	t->spare = 0;
	return PL_OK;
}

#ifdef __SSE2__
/* Where plain_words stopped: the next byte, and the cursor. */
typedef struct words_end {
	size_t i;
	pl_token *p;
} words_end;

/* A token as two 64-bit values: (start, end) and (cp, flags, kind,
 * spare), in the order pl_token lays them out; on a little-endian machine
 * each is one store. */
#define TOKEN_LO(start, end) ((uint64_t)(uint32_t)(start) | (uint64_t)(end) << 32)
#define TOKEN_HI(cp, flags, kind)                                              \
	((uint64_t)(uint32_t)(cp) | (uint64_t)(flags) << 32 | (uint64_t)(kind) << 48)
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
_Static_assert(offsetof(pl_token, end) == 4 && offsetof(pl_token, cp) == 8 &&
		       offsetof(pl_token, flags) == 12 && offsetof(pl_token, kind) == 14 &&
		       offsetof(pl_token, spare) == 15,
	       "store() writes pl_token's fields where they are");
static inline void store(pl_token *p, uint64_t lo, uint64_t hi)
{
	memcpy((char *)p, &lo, 8);
	memcpy((char *)p + 8, &hi, 8);
}
#else
static inline void store(pl_token *p, uint64_t lo, uint64_t hi)
{
	p->start = (uint32_t)lo;
	p->end = (uint32_t)(lo >> 32);
	p->cp = (uint32_t)hi;
	p->flags = (uint16_t)(hi >> 32);
	p->kind = (uint8_t)(hi >> 48);
	p->spare = 0;
}
#endif

/* TOKEN_HI of a token of plain prose by its first byte, for the plain
 * words of words_run() and every token the_plain() takes: a word (the
 * letter, and UPPER for a capital), a number, LF or punctuation of its
 * own. */
#define PLAIN_HI(c)                                                            \
	(CLS_DIGIT(c) ? TOKEN_HI(0, 0, PL_TOK_NUMBER) :                         \
	 (c) == '\n'  ? TOKEN_HI(0, 0, PL_TOK_NEWLINE) :                        \
	 CLS_UPPER(c) ? TOKEN_HI(c, PL_TF_UPPER, PL_TOK_WORD) :                  \
	 CLS_LOWER(c) ? TOKEN_HI(c, 0, PL_TOK_WORD) : TOKEN_HI(c, 0, PL_TOK_PUNCT))
#define PLAIN_HI4(c) PLAIN_HI(c), PLAIN_HI((c) + 1), PLAIN_HI((c) + 2), PLAIN_HI((c) + 3)
#define PLAIN_HI16(c) PLAIN_HI4(c), PLAIN_HI4((c) + 4), PLAIN_HI4((c) + 8), PLAIN_HI4((c) + 12)
#define PLAIN_HI64(c) PLAIN_HI16(c), PLAIN_HI16((c) + 16), PLAIN_HI16((c) + 32), PLAIN_HI16((c) + 48)

static const uint64_t plain_hi[128] = { PLAIN_HI64(0), PLAIN_HI64(64) };

/* The ASCII letters, uppercase letters, digits and spaces among the 64
 * bytes at s, a bit a byte. */
typedef struct masks64 {
	uint64_t letter, upper, digit, space;
} masks64;

/* What plain prose is made of besides letters, digits and spaces, a bit
 * a byte of the 64 at s (the_plain()): LF; punctuation that is a token of
 * its own wherever it stands, " ( ); punctuation that is one when white
 * space follows it, , . ; : ! ? (before anything else a scanner may carry
 * a word on past it: "3,000", "U.S.", "10:30"); and the apostrophe and
 * hyphen, which join two letters into one word. */
typedef struct puncts64 {
	uint64_t lf, own, before_space;
	uint64_t apos, hyphen;
} puncts64;

/* masks64 sixteen bytes at a time (SSE2). */
static inline masks64 classify64(const unsigned char *s)
{
	const __m128i case_bit = _mm_set1_epi8(0x20), sp = _mm_set1_epi8(' ');
	masks64 m = { 0, 0, 0, 0 };
	unsigned k;

	for (k = 0; k < 64; k += 16) {
		const __m128i v = _mm_loadu_si128((const __m128i *)(s + k));
#define MASK16(x) ((uint64_t)(unsigned)_mm_movemask_epi8(x) << k)
		m.letter |= MASK16(in_range16(_mm_or_si128(v, case_bit), 'a', 26));
		m.upper |= MASK16(in_range16(v, 'A', 26));
		m.digit |= MASK16(in_range16(v, '0', 10));
		m.space |= MASK16(_mm_cmpeq_epi8(v, sp));
#undef MASK16
	}
	return m;
}

#if defined(__x86_64__) && defined(__GNUC__)
#define WORDS_AVX2 1
#include <immintrin.h>

/* in_range16 on 32 bytes. */
__attribute__((target("avx2")))
static inline __m256i in_range32(__m256i v, unsigned char lo, unsigned char n)
{
	return _mm256_cmpgt_epi8(_mm256_set1_epi8((char)(0x80 + n)),
				 _mm256_add_epi8(v, _mm256_set1_epi8((char)(0x80 - lo))));
}

/* masks64 thirty-two bytes at a time, where the CPU has AVX2: half the
 * work per byte of classify64. */
__attribute__((target("avx2")))
static inline masks64 classify64_avx2(const unsigned char *s)
{
	const __m256i v0 = _mm256_loadu_si256((const __m256i *)s);
	const __m256i v1 = _mm256_loadu_si256((const __m256i *)(s + 32));
	const __m256i case_bit = _mm256_set1_epi8(0x20), sp = _mm256_set1_epi8(' ');
	masks64 m;

#define MASK64(x0, x1) ((uint64_t)(uint32_t)_mm256_movemask_epi8(x0) |        \
			(uint64_t)(uint32_t)_mm256_movemask_epi8(x1) << 32)
	m.letter = MASK64(in_range32(_mm256_or_si256(v0, case_bit), 'a', 26),
			  in_range32(_mm256_or_si256(v1, case_bit), 'a', 26));
	m.upper = MASK64(in_range32(v0, 'A', 26), in_range32(v1, 'A', 26));
	m.digit = MASK64(in_range32(v0, '0', 10), in_range32(v1, '0', 10));
	m.space = MASK64(_mm256_cmpeq_epi8(v0, sp), _mm256_cmpeq_epi8(v1, sp));
#undef MASK64
	return m;
}

/* puncts64 of the 64 bytes at s, where the CPU has AVX2. Each byte's
 * class is the AND of a bit its low half picks and one its high half
 * picks (two nibble lookups): high half 0 holds LF; 2 holds " ( ), then
 * , . ! and ' -; 3 holds : ; ?. */
enum { PN_LF = 1, PN_OWN = 2, PN_SPACE2 = 4, PN_SPACE3 = 8, PN_APOS = 16, PN_HYPHEN = 32 };

__attribute__((target("avx2")))
static inline uint64_t pn_mask(__m256i c0, __m256i c1, char bits)
{
	const __m256i b = _mm256_set1_epi8(bits), z = _mm256_setzero_si256();

	return (uint64_t)(uint32_t)~_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_and_si256(c0, b), z)) |
	       (uint64_t)(uint32_t)~_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_and_si256(c1, b), z)) << 32;
}

__attribute__((target("avx2")))
static inline puncts64 puncts64_avx2(const unsigned char *s)
{
	const __m256i lo_tab = _mm256_setr_epi8(
		0, PN_SPACE2, PN_OWN, 0, 0, 0, 0, PN_APOS, PN_OWN, PN_OWN, PN_LF | PN_SPACE3,
		PN_SPACE3, PN_SPACE2, PN_HYPHEN, PN_SPACE2, PN_SPACE3,
		0, PN_SPACE2, PN_OWN, 0, 0, 0, 0, PN_APOS, PN_OWN, PN_OWN, PN_LF | PN_SPACE3,
		PN_SPACE3, PN_SPACE2, PN_HYPHEN, PN_SPACE2, PN_SPACE3);
	const __m256i hi_tab = _mm256_setr_epi8(
		PN_LF, 0, PN_OWN | PN_SPACE2 | PN_APOS | PN_HYPHEN, PN_SPACE3, 0, 0, 0, 0, 0, 0,
		0, 0, 0, 0, 0, 0,
		PN_LF, 0, PN_OWN | PN_SPACE2 | PN_APOS | PN_HYPHEN, PN_SPACE3, 0, 0, 0, 0, 0, 0,
		0, 0, 0, 0, 0, 0);
	const __m256i nib = _mm256_set1_epi8(0x0F);
	const __m256i v0 = _mm256_loadu_si256((const __m256i *)s);
	const __m256i v1 = _mm256_loadu_si256((const __m256i *)(s + 32));
	const __m256i c0 = _mm256_and_si256(
		_mm256_shuffle_epi8(lo_tab, _mm256_and_si256(v0, nib)),
		_mm256_shuffle_epi8(hi_tab, _mm256_and_si256(_mm256_srli_epi16(v0, 4), nib)));
	const __m256i c1 = _mm256_and_si256(
		_mm256_shuffle_epi8(lo_tab, _mm256_and_si256(v1, nib)),
		_mm256_shuffle_epi8(hi_tab, _mm256_and_si256(_mm256_srli_epi16(v1, 4), nib)));
	puncts64 m;

	m.lf = pn_mask(c0, c1, PN_LF);
	m.own = pn_mask(c0, c1, PN_OWN);
	m.before_space = pn_mask(c0, c1, PN_SPACE2 | PN_SPACE3);
	m.apos = pn_mask(c0, c1, PN_APOS);
	m.hyphen = pn_mask(c0, c1, PN_HYPHEN);
	return m;
}
#endif

/* How far the_plain() took a block: to offset `at`; `next_block` when
 * all that is left of it is a word that runs past its end. */
typedef struct plain_end {
	size_t at;
	bool next_block;
} plain_end;

/* The tokens of the plain prose at the start of the block at b (classified
 * in m and pn), written at *p: words of letters, the first of which alone
 * may be uppercase, numbers of digits alone, LF, and punctuation that is a
 * token of its own there (puncts64). They run up to the first byte that
 * is none of these and no space, or the token it is in: a word or number
 * that some scanner may carry on, or whose flags need working out, or
 * anything else. Every token before it is a run of letters or digits or
 * one byte, as the general path takes it: their starts and ends are bits
 * of the masks, read in order, with no branch on what each token is. The
 * block's last byte counts as such a byte (what follows it is not known).
 * Returns the offset of the first token not taken (0: none was), with *p
 * past those taken. */
static inline plain_end the_plain(const char *t, size_t b, const masks64 *m,
				  puncts64 pn, pl_token **p)
{
	const uint64_t alnum = m->letter | m->digit;
	/* an apostrophe or hyphen between two letters joins them into one
	 * word ("don't", "well-known"), which has its flag for it */
	const uint64_t between = (m->letter << 1) & (m->letter >> 1);
	const uint64_t apos = pn.apos & between, hyphen = pn.hyphen & between;
	const uint64_t word = alnum | apos | hyphen;
	const uint64_t one = pn.lf | pn.own | pn.before_space;
	const uint64_t runs = word & ~(word << 1);
	/* besides what is none of these: punctuation before no white
	 * space; an uppercase letter inside a word, or right after a
	 * joiner (the flags that needs are left to the general path); a
	 * digit beside a letter */
	const uint64_t bad = ~(word | m->space | one) |
			     (pn.before_space & ~((m->space | pn.lf) >> 1)) |
			     (m->upper & ((alnum | apos | hyphen) << 1)) |
			     (m->digit & (m->letter << 1)) | (m->letter & (m->digit << 1)) |
			     1ull << 63;
	const size_t x = (size_t)__builtin_ctzll(bad);
	/* the token x is in starts with the word or number before it, if
	 * one comes right before it, else at x */
	const uint64_t before = runs & ((1ull << x) - 1);
	const size_t at = (word << 1 >> x) & 1 ? 63 - (size_t)__builtin_clzll(before) : x;
	const uint64_t in = (1ull << at) - 1;
	uint64_t starts = (runs | one) & in, ends = ((word & ~(word >> 1)) | one) & in;
	uint64_t joins = (apos | hyphen) & in;
	pl_token *q = *p;

	for (; starts; starts &= starts - 1, ends &= ends - 1, q++) {
		const size_t s = b + (size_t)__builtin_ctzll(starts);
		const size_t e = b + (size_t)__builtin_ctzll(ends) + 1;

		store(q, TOKEN_LO(s, e), plain_hi[(unsigned char)t[s]]);
	}
	/* the joined words' flags: each joiner's word is the last token
	 * that starts before it */
	for (; joins; joins &= joins - 1) {
		const uint64_t below = (joins & -joins) - 1;
		pl_token *w = *p + __builtin_popcountll((runs | one) & below) - 1;

		w->flags |= apos & joins & -joins ? PL_TF_APOS : PL_TF_HYPHEN;
	}
	*p = q;
	return (plain_end){ at, x == 63 && at && (word >> 63) };
}

/* Punctuation right after a word, with a space after it: what no scanner
 * carries the word on past (C_END; ',', ':' and '.' before a space too,
 * but "www.", which the general path takes to the same tokens) and
 * pl_tokenize's C_LONE branch takes as a token of its own, passing the
 * space with it when a word follows. */
static inline bool lone_before_space(unsigned char c)
{
	return c == ',' || c == '.' || c == ':' ||
	       (cls(c) & (C_LONE | C_END)) == (C_LONE | C_END);
}

/* Plain words and the single spaces between them, as many as come in a
 * row: most of a news text is "word word word". The 64 bytes classified
 * once serve every word that ends within them (eight or nine), and the
 * commonest word, lowercase or with a capital first, followed by one
 * space and another word, costs a few bit operations and one token
 * written whole.
 *
 * Each word is taken as scan_plain would take it (plain16 on the sixteen
 * bytes at its start; the plain case is one that plain16 takes with no
 * flag but UPPER, and the rest are worked out from the block's masks as
 * plain16 does, or by plain16 itself where run_goes_on says the word may
 * go on), and punctuation right after a word as the C_LONE branch takes
 * it ("said, the", "said.  The"). White space is no token (pl_token.h):
 * which path passes it changes no token. Between two words it takes
 * besides what pl_tokenize's loop would take there by the byte alone:
 * runs of spaces, punctuation of its own, LF. Stops before
 * anything else (a word for the general path, a long one, the last 64
 * bytes, too little room in the array), which pl_tokenize then takes as
 * before. Returns where it stopped (i when it took nothing) and the
 * cursor.
 *
 * Given `puncts` (AVX2), each block first has its plain prose taken
 * whole (the_plain()), and the words above take what stopped it: one
 * token, and then a fresh block. */
static inline __attribute__((always_inline)) words_end
words_run(const char *t, size_t len, size_t i, pl_token *p, pl_token *end,
	  masks64 (*classify)(const unsigned char *),
	  puncts64 (*puncts)(const unsigned char *))
{
	/* The plain case's table, made opaque to GCC by the empty asm: else
	 * it built its address again (a lea) for every word rather than keep
	 * it in a register. */
	const uint64_t *hi = plain_hi;

	__asm__("" : "+r"(hi));

	/* Every token of a block but what follows a joined word
	 * (punctuation) starts in its 64 bytes: room for 66 is room for
	 * all. */
	while (len - i >= 64 && end - p >= 66) {
		const size_t b = i, bend = i + 64;
		const masks64 m = classify((const unsigned char *)t + b);
		const uint64_t alnum = m.letter | m.digit;
		/* A bit a byte of the block: what stops a word (and the
		 * last byte, whatever it is: a word that reaches it is taken
		 * again from the next block); a space before a letter or
		 * digit, the plain end of a word; and what the plain case
		 * has none of, a digit in the word or an uppercase letter
		 * after its first byte. */
		uint64_t stops = ~alnum | 1ull << 63;
		uint64_t good = m.space & (alnum >> 1);
		uint64_t odd = (m.upper >> 1) | m.digit;
		/* stops and odd in one, their bits below the word at i
		 * cleared: its lowest bit is the word's end just when no odd
		 * byte comes first, so the plain case is one test, and
		 * taking it clears that bit and no other (an odd bit there
		 * is the next word's capital, which the plain case allows) */
		uint64_t so = stops | odd;
		/* a byte neither a letter, digit nor space, then a space,
		 * then a letter or digit */
		const uint64_t pgood = ~(alnum | m.space) & (m.space >> 1) & (alnum >> 2);

		if (puncts) {
			/* the block's plain prose first */
			const plain_end pe = the_plain(t, b, &m, puncts((const unsigned char *)t + b), &p);

			if (pe.at) {
				i = b + pe.at;
				if (pe.next_block)
					continue;
				so = (stops | odd) & ~0ull << pe.at;
			}
			if (!(cls((unsigned char)t[i]) & C_ALNUM))
				goto between;
		}
		for (;;) {
			size_t f = (size_t)__builtin_ctzll(so);
			unsigned e, o;
			uint64_t in;
			uint64_t l, up;
			size_t j;

			/* the plain case: a letter first, no capital or digit
			 * after it, and one space before the next word */
			if (__builtin_expect((good >> f) & 1, 1)) {
				/* TOKEN_LO without its casts: i and j are
				 * below len, which fits 32 bits */
				j = b + f;
				store(p++, i | (uint64_t)j << 32, hi[(unsigned char)t[i]]);
				i = j + 1;
				so &= so - 1;
				continue;
			}
			/* "said, the", "Smith. The": a word the plain case
			 * would take, then punctuation and one space before the
			 * next word, as the general case below takes them; its
			 * two bits are the lowest */
			if (((pgood >> f) & 1) && lone_before_space((unsigned char)t[b + f])) {
				j = b + f;
				store(p, TOKEN_LO(i, j), plain_hi[(unsigned char)t[i]]);
				store(p + 1, TOKEN_LO(j, j + 1),
				      TOKEN_HI((unsigned char)t[j], 0, PL_TOK_PUNCT));
				p += 2;
				i = j + 2;
				so &= so - 1;
				so &= so - 1;
				continue;
			}
			o = (unsigned)(i - b);
			/* e is at most 63 - o, the block's last byte */
			e = (unsigned)__builtin_ctzll(stops >> o);
			in = (1ull << e) - 1;
			/* the word must end in the block with a byte after it;
			 * else a fresh block from its start */
			if (i + e + 1 >= bend) {
				if (i == b)
					goto out;
				break;
			}
			if (t[i + e] != ' ' && run_goes_on(t, len, i, i + e)) {
				/* plain16 decides, on the bytes at i */
				masks16 m16;
				pl_token tk;
				unsigned stop16;
				if (e < 16 && o <= 48) {
					/* its sixteen bytes are in the block,
					 * and so is its stop: plain16's answer
					 * from the block's masks ("don't",
					 * "well-known") */
					unsigned char c = (unsigned char)t[i + e];
					if ((c != '-' && c != '\'') || !(m.letter >> o & 1))
						goto out;
					m16.letter = (unsigned)(m.letter >> o) & 0xFFFF;
					m16.lower = m16.letter & ~(unsigned)(m.upper >> o);
					m16.digit = (unsigned)(m.digit >> o) & 0xFFFF;
					if (!(j = joined16(t, len, i, &m16, &tk)))
						goto out;
				} else {
					if (len - i < 16)
						goto out;
					m16 = classify16((const unsigned char *)t + i);
					stop16 = ~(m16.letter | m16.digit) & 0xFFFF;
					if (!stop16 || !(j = plain16(t, len, i, &m16, stop16, &tk)))
						goto out;
				}
				store(p++, TOKEN_LO(i, j), TOKEN_HI(tk.cp, tk.flags, tk.kind));
			} else {
				/* plain16's kind, flags and first letter */
				l = (m.letter >> o) & in;
				up = (m.upper >> o) & in;
				if (l) {
					unsigned flags = mask_flags(l, up, (m.digit >> o) & in, 0);
					store(p++, TOKEN_LO(i, i + e),
					      TOKEN_HI((unsigned char)t[i + (unsigned)__builtin_ctzll(l)],
						       flags, PL_TOK_WORD));
				} else {
					store(p++, TOKEN_LO(i, i + e),
					      TOKEN_HI(0, 0, PL_TOK_NUMBER));
				}
				j = i + e;
			}
			if (t[j] == ' ') {
				/* the space after it */
				if (j + 1 >= len ||
				    !(cls((unsigned char)t[j + 1]) & (C_ALNUM | C_PUNCT))) {
					i = j;
					goto between;
				}
				i = j + 1;
				if (!(cls((unsigned char)t[i]) & C_ALNUM))
					goto between;
			} else if ((cls((unsigned char)t[j]) & C_LONE) ||
				   (t[j] == '.' && (j + 1 >= len || t[j + 1] != '.'))) {
				/* "said, the": punctuation and a space as
				 * pl_tokenize's C_LONE branch takes them */
				size_t k = j + 2;

				store(p++, TOKEN_LO(j, j + 1),
				      TOKEN_HI((unsigned char)t[j], 0, PL_TOK_PUNCT));
				i = j + 1;
				if (i >= len || t[i] != ' ')
					goto between;
				/* "said.  The": the spaces before a word */
				while (k < len && t[k] == ' ')
					k++;
				if (k >= len || !(cls((unsigned char)t[k]) & C_ALNUM))
					goto between;
				i = k;
			} else {
				i = j;
				goto between;
			}
			if (i >= bend || puncts)
				break;
			so = (stops | odd) & ~0ull << (i - b);
			continue;
between:
			/* Something else before the next word ("\"We",
			 * ".\n\nThe"): what comes up to it as pl_tokenize's loop
			 * takes it, while it starts in the block: a run of
			 * spaces that ends at ASCII other than white space (what
			 * scan_space passes there), punctuation that is a token
			 * of its own, and LF. Anything else is for pl_tokenize. */
			while (!(cls((unsigned char)t[i]) & C_ALNUM)) {
				unsigned char c = (unsigned char)t[i];
				size_t k = i + 1;

				if (i >= bend || k >= len)
					goto out;
				if (c == ' ') {
					while (k < len && t[k] == ' ')
						k++;
					if (k >= len || (unsigned char)t[k] >= 0x80 ||
					    (cls((unsigned char)t[k]) & C_SPACE))
						goto out;
				} else if ((cls(c) & C_LONE) || (c == '.' && t[k] != '.')) {
					store(p++, TOKEN_LO(i, k), TOKEN_HI(c, 0, PL_TOK_PUNCT));
				} else if (c == '\n') {
					store(p++, TOKEN_LO(i, k), TOKEN_HI(0, 0, PL_TOK_NEWLINE));
				} else {
					goto out;
				}
				i = k;
			}
			if (i >= bend || puncts)
				break;
			so = (stops | odd) & ~0ull << (i - b);
		}
	}
out:
	return (words_end){ i, p };
}

/* words_run with the blocks classified by SSE2, or by AVX2. Not inline:
 * in pl_tokenize's body the loop had too few registers and kept its masks
 * on the stack. */
static __attribute__((noinline)) words_end
plain_words(const char *t, size_t len, size_t i, pl_token *p, pl_token *end)
{
	return words_run(t, len, i, p, end, classify64, NULL);
}

#ifdef WORDS_AVX2
__attribute__((target("avx2,popcnt"), noinline)) static words_end
plain_words_avx2(const char *t, size_t len, size_t i, pl_token *p, pl_token *end)
{
	return words_run(t, len, i, p, end, classify64_avx2, puncts64_avx2);
}
#endif

/* plain_words, by AVX2 where the CPU has it. */
static inline words_end words(bool avx2, const char *t, size_t len, size_t i,
			      pl_token *p, pl_token *end)
{
#ifdef WORDS_AVX2
	if (avx2)
		return plain_words_avx2(t, len, i, p, end);
#else
	(void)avx2;
#endif
	return plain_words(t, len, i, p, end);
}
#endif

/* The end of a run of horizontal white space going on at j. */
static inline size_t scan_space(const char *t, size_t len, size_t j)
{
	int32_t cp;

	while (j < len) {
		unsigned char c = (unsigned char)t[j];
		size_t m = 1;
		if (c < 0x80) {
			if (!(cls(c) & C_SPACE))
				break;
		} else if (m = pl_utf8_decode(t, len, j, &cp), !pl_is_space(cp)) {
			break;
		}
		j += m;
	}
	return j;
}

/* pl_tokenize, with the runs of words taken a block at a time where the
 * CPU allows and `runs` is set, else a token at a time by the loop below
 * alone (pl_tokenize_bytewise). */
static int tokenize(pl_tokens *out, const char *t, size_t len, size_t i, bool runs)
{
	int32_t cp;
	size_t n, j;
	cursor cur;
#ifdef __SSE2__
	bool avx2 = false;
#endif

	/* Tokens keep 32-bit offsets (pl_token.h); the engine never gets near
	 * this, but a caller that did must hear so rather than get spans cut
	 * short. */
	if (len > UINT32_MAX)
		return pl_error_set(PL_EINVAL, "text of %zu bytes is too long "
				    "to tokenize (tokens hold 32-bit offsets)", len);
	if (i < len)
		reserve(out, len - i);
#ifdef WORDS_AVX2
	/* asked once a call, not for each run of words */
	avx2 = pl_cpu_has(PL_CPU_AVX2);
#endif
	cur.p = out->v ? out->v + out->n : NULL;
	cur.end = out->v ? out->v + out->cap : NULL;
	while (i < len) {
		unsigned char c = (unsigned char)t[i];
		unsigned k = cls(c);
		pl_token tk;
#ifdef __SSE2__
		words_end we;
#endif
		int err;

		if (c == ' ') { /* white space, no token: the commonest first */
			j = scan_space(t, len, i + 1);
			err = PL_OK;
#ifdef __SSE2__
		} else if ((k & C_ALNUM) && runs &&
			   (we = words(avx2, t, len, i, cur.p, cur.end)).i > i) {
			cur.p = we.p;
			j = we.i;
			err = PL_OK;
#endif
		} else if ((k & C_ALNUM) && (j = scan_plain(t, len, i, &tk))) {
			err = push(out, &cur, i, j, tk.kind, tk.flags, (int32_t)tk.cp);
			/* most words are followed by a space: pass the white
			 * space here, without another turn through the tests
			 * above */
			if (j < len && t[j] == ' ')
				j = scan_space(t, len, j + 1);
		} else if ((k & C_LONE) ||
			   (c == '.' && (i + 1 >= len || t[i + 1] != '.'))) {
			/* ", " and the like: the punctuation (a period that
			 * starts no ellipsis too), and the white space after
			 * it */
			err = push(out, &cur, i, i + 1, PL_TOK_PUNCT, 0, c);
			j = i + 1;
			if (j < len && t[j] == ' ')
				j = scan_space(t, len, j + 1);
		} else if (c == 0x1F) { /* PL_MASK_BYTE: markup, code, front matter */
			j = i + 1;
			while (j < len && t[j] == 0x1F)
				j++;
			err = push(out, &cur, i, j, PL_TOK_MASK, 0, 0);
		} else if (c == '\n' || c == '\r') {
			j = i + 1;
			if (c == '\r' && j < len && t[j] == '\n')
				j++;
			err = push(out, &cur, i, j, PL_TOK_NEWLINE, 0, 0);
		} else if ((n = decode(t, len, i, &cp)), is_space(cp)) {
			j = scan_space(t, len, i + n);
			err = PL_OK;
		} else if (is_letter(cp) || is_digit(cp)) {
			unsigned flags = 0;
			int kind = PL_TOK_WORD;

			/* scan_url only where url_possible; an ASCII letter
			 * starts a dotted abbreviation only when a '.'
			 * follows it */
			if (c < 0x80 && url_possible(t, len, i) &&
			    (j = scan_url(t, len, i)) > i) {
				kind = PL_TOK_URL;
			} else if ((j = scan_special_abbrev(t, len, i)) ||
				   (is_letter(cp) &&
				    (c >= 0x80 || (i + 1 < len && t[i + 1] == '.')) &&
				    (j = scan_abbrev(t, len, i)))) {
				flags = PL_TF_ABBREV;
			} else if (is_digit(cp)) {
				j = scan_number(t, len, i);
				if (j < len) {
					int32_t nx;
					decode(t, len, j, &nx);
					if (is_letter(nx))
						j = scan_word(t, len, j);
				}
				if (j == i)
					j = i + n;
				kind = PL_TOK_NUMBER;
				for (size_t k = i; k < j; k++)
					if (!(t[k] >= '0' && t[k] <= '9') &&
					    !strchr(".,:", t[k]))
						kind = PL_TOK_WORD;
			} else {
				j = scan_word(t, len, i);
				/* "raven_alwayz", "snake_case": an identifier */
				while (j + 1 < len && t[j] == '_' &&
				       is_host_char((unsigned char)t[j + 1])) {
					kind = PL_TOK_URL;
					j = scan_word(t, len, j + 1);
					if (j < len && t[j] == '_' &&
					    (j + 1 >= len || !is_host_char((unsigned char)t[j + 1])))
						break;
				}
			}
			if ((err = push(out, &cur, i, j, kind, flags, 0)) == 0 &&
			    kind == PL_TOK_WORD)
				word_flags(cur.p - 1, t);
		} else if (c == '[' && bracket_edit(t, len, i) &&
			   (j = scan_word(t, len, i)) > i) {
			/* "[b]ottom line": an editor's capital joins the word */
			if ((err = push(out, &cur, i, j, PL_TOK_WORD, 0, 0)) == 0)
				word_flags(cur.p - 1, t);
		} else if ((c == '@' || c == '#') && i + 1 < len &&
			   (j = scan_handle(t, len, i)) > i + 1) {
			err = push(out, &cur, i, j, PL_TOK_URL, 0, 0);
		} else if (c == '.' && i + 1 < len && t[i + 1] == '.') {
			j = i;
			while (j < len && t[j] == '.')
				j++;
			err = push(out, &cur, i, j, PL_TOK_PUNCT, PL_TF_ELLIPSIS, '.');
		} else {
			/* ASCII punctuation from the table, the rest by category */
			utf8proc_category_t cat = c < 0x80 ? UTF8PROC_CATEGORY_CN :
							     utf8proc_category(cp);
			bool punct = c < 0x80 ? (k & C_PUNCT) != 0 :
				     cat >= UTF8PROC_CATEGORY_PC && cat <= UTF8PROC_CATEGORY_PO;
			unsigned flags = cp == 0x2026 ? PL_TF_ELLIPSIS : 0;
			j = i + n;
			err = push(out, &cur, i, j, punct ? PL_TOK_PUNCT : PL_TOK_SYMBOL,
				   flags, cp);
		}
		if (err < 0) {
			out->n = out->v ? (size_t)(cur.p - out->v) : 0;
			return err;
		}
		i = j;
	}
	out->n = out->v ? (size_t)(cur.p - out->v) : 0;
	return PL_OK;
}

int pl_tokenize(pl_tokens *out, const char *t, size_t len, size_t i)
{
	return tokenize(out, t, len, i, true);
}

int pl_tokenize_bytewise(pl_tokens *out, const char *t, size_t len, size_t i)
{
	return tokenize(out, t, len, i, false);
}

void pl_tokens_fini(pl_tokens *t)
{
	free(t->v);
	memset(t, 0, sizeof(*t));
}
