#define PCRE2_CODE_UNIT_WIDTH 8
#include "pl_patterns.h"
#include "pl_check.h"
#include "pl_cpu.h"
#include "pl_error.h"
#include "pl_lead.h"
#include "pl_lock.h"
#include "pl_source.h"

#include <errno.h>
#include <pcre2.h>
#include <pthread.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Bounds for one match attempt: a pattern that backtracks without end
 * must not hang a pre-commit hook. */
#define MATCH_LIMIT 1000000
#define DEPTH_LIMIT 10000


/* A rule's pattern is JIT-compiled once it has been tried JIT_AFTER
 * times, not at load: compiling the rules took 2 ms of every run's start
 * (a tenth of a short article's), and the interpreter is as fast for the
 * few tries a short file makes. So is a rule's anchored twin (prule). A
 * search (a rule with no lead) counts as a try for every SEARCH_BYTES of
 * text it may pass over: a rule that seldom matches searches a whole
 * document in one call. */
#define JIT_AFTER 256
#define SEARCH_BYTES 256

/* The pattern matched, JIT-compiled once tried often enough (or the
 * pattern itself if it could not be). Shared by the threads: set once. */
typedef struct lazy_jit {
	pcre2_code *code; /* atomic: NULL until made */
	unsigned tries;   /* atomic, until `code` is set */
} lazy_jit;

/* A rule whose `leads` are known is tried only where one of them is, and
 * anchored there: by the interpreter, `re` with PCRE2_ANCHORED at match
 * time (which JIT code does not take), and once JIT-compiled, by its
 * anchored twin, compiled from `pattern` then. The twins compiled at load
 * took some 0.2 ms of every run's start (loading the rule files 1.32 ->
 * 1.14 ms, medians of 21), for a short article that tries no rule often
 * enough to want one. */
typedef struct prule {
	unsigned rule; /* index in the rule set */
	pcre2_code *re;
	bool anchored;   /* tried anchored, where its leads are */
	bool by_line;    /* no leads, but every match starts a line: tried
			  * anchored at the starts of lines whose first byte
			  * is in line_first */
	uint8_t line_first[32];
	char *pattern;   /* owned: its source, for the twin; NULL without */
	size_t pattern_len;
	lazy_jit *jit;   /* of the twin if anchored or by_line, else of re */
	leads leads;
	char *message, *suggest; /* owned; suggest NULL when none */
	int span;                /* capture group to report, 0 = whole match */
	bool match_case;
} prule;

/* Plans (see pl_check_patterns) not in use, for the next document. */
typedef struct plan_pool {
	pthread_mutex_t lock;
	struct plan *idle;
	size_t n_idle;
} plan_pool;

struct pl_patterns {
	prule *v;
	size_t n, cap;
	pcre2_match_context *mctx;
	plan_pool *pool; /* a pointer: documents take plans from a const set */
};

static void free_idle_plans(plan_pool *pool);

pl_patterns *pl_patterns_new(void)
{
	pl_patterns *p = calloc(1, sizeof(*p));

	if (!p)
		return NULL;
	p->mctx = pcre2_match_context_create(NULL);
	if (!p->mctx || !(p->pool = calloc(1, sizeof(*p->pool)))) {
		pcre2_match_context_free(p->mctx);
		free(p);
		return NULL;
	}
	pthread_mutex_init(&p->pool->lock, NULL);
	pcre2_set_match_limit(p->mctx, MATCH_LIMIT);
	pcre2_set_depth_limit(p->mctx, DEPTH_LIMIT);
	return p;
}

void pl_patterns_free(pl_patterns *p)
{
	size_t i;

	if (!p)
		return;
	for (i = 0; i < p->n; i++) {
		const prule *r = &p->v[i];
		if (r->jit->code != r->re)
			pcre2_code_free(r->jit->code);
		free(r->jit);
		pcre2_code_free(p->v[i].re);
		free(p->v[i].pattern);
		free(p->v[i].message);
		free(p->v[i].suggest);
	}
	free(p->v);
	pcre2_match_context_free(p->mctx);
	free_idle_plans(p->pool);
	pthread_mutex_destroy(&p->pool->lock);
	free(p->pool);
	free(p);
}

size_t pl_patterns_count(const pl_patterns *p)
{
	return p ? p->n : 0;
}

size_t pl_patterns_settled(const pl_patterns *p)
{
	size_t i, n = 0;

	for (i = 0; p && i < p->n; i++)
		n += __atomic_load_n(&p->v[i].jit->code, __ATOMIC_ACQUIRE) != NULL;
	return n;
}

/* ---- parsing ------------------------------------------------------------ */

typedef struct buf {
	char *s;
	size_t n, cap;
} buf;

static int buf_add(buf *b, const char *s, size_t n)
{
	if (PL_GROW(b->s, b->cap, b->n + n + 1) < 0)
		return PL_ENOMEM;
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = '\0';
	return PL_OK;
}

/* Is c a byte buf_add_literal escapes: a metacharacter of a pattern
 * (or NUL, which strchr finds as the string's end)? */
static bool is_meta(unsigned char c)
{
	return strchr("\\^$.|?*+()[]{}", c) != NULL;
}

/* Append `word` to a pattern with every metacharacter escaped. */
static int buf_add_literal(buf *b, const char *w, size_t n)
{
	size_t i;
	int err = 0;

	for (i = 0; i < n && !err; i++) {
		if (is_meta((unsigned char)w[i]))
			err = buf_add(b, "\\", 1);
		if (!err && w[i] == ' ')
			err = buf_add(b, "\\s+", 3);
		else if (!err)
			err = buf_add(b, w + i, 1);
	}
	return err;
}

/* A byte an alternation may share out of its words: one buf_add_literal
 * writes as itself (not a space, not escaped, and whole: no byte of a
 * longer UTF-8 character, which the pattern must keep in one piece). */
static bool shareable(unsigned char c)
{
	return c < 0x80 && c != ' ' && !is_meta(c);
}

/* One word of a list: its bytes in the list's text. */
typedef struct word_span {
	size_t at, n;
} word_span;

/* The alternation of w[0, n)'s words (in `text`) from their byte `d` on,
 * in their order, each run of neighbours that share their next bytes
 * written as those bytes and the alternation of what follows them:
 * "a(?:ct|dd)" for "act|add", "set(?:|tle)" for "set|settle". The same
 * words match, tried in the same order (x(?:A|B) is xA|xB), but a word
 * that fails fails at its first byte that differs, not one alternative
 * at a time: a list of 500 verbs costs a few tests, not 500. Lists are
 * sorted, so that neighbours share their starts. */
static int add_alternation(buf *out, const char *text, const word_span *w, size_t n,
			   size_t d)
{
	size_t k = 0, e;
	int err = 0;

	while (k < n) {
		const char *s = text + w[k].at;
		const unsigned char c = w[k].n > d ? (unsigned char)s[d] : 0;

		e = k + 1;
		if (w[k].n > d && shareable(c))
			while (e < n && w[e].n > d && (unsigned char)text[w[e].at + d] == c)
				e++;
		if (k)
			PL_CHECK(buf_add(out, "|", 1));
		if (e - k == 1) {
			PL_CHECK(buf_add_literal(out, s + d, w[k].n - d));
		} else {
			/* the bytes the run shares, all of them ("set" of
			 * "set|settle|sets"), then what follows */
			size_t m = d + 1, j;
			for (;; m++) {
				for (j = k; j < e && w[j].n > m && text[w[j].at + m] == s[m]; j++)
					;
				if (j < e || !shareable((unsigned char)s[m]))
					break;
			}
			PL_CHECK(buf_add(out, s + d, m - d));
			PL_CHECK(buf_add(out, "(?:", 3));
			PL_CHECK(add_alternation(out, text, w + k, e - k, m));
			PL_CHECK(buf_add(out, ")", 1));
		}
		k = e;
	}
cleanup:
	return err;
}

/* The list `name` as an alternation, shared (add_alternation) into
 * `out`, to be compiled, and flat ("w1|w2|..."), one word an alternative,
 * into `flat`: what pl_leads_parse reads, finding a lead for each word
 * where the list starts a match. Both match the same words. */
static int expand_list(buf *out, buf *flat, const char *name, size_t n,
		       const char *rule_dir, const char *list_dir, const char *where)
{
	char path[4096];
	FILE *f = NULL;
	char *line = NULL;
	size_t cap = 0, count = 0, cap_words = 0;
	ssize_t got;
	int err = 0;
	const char *dirs[2] = { rule_dir, list_dir };
	buf text = { 0 }; /* the words, one after another */
	word_span *words = NULL;

	for (size_t d = 0; d < 2 && !f; d++) {
		if (!dirs[d])
			continue;
		snprintf(path, sizeof(path), "%s/%.*s.txt", dirs[d], (int)n, name);
		f = fopen(path, "r");
	}
	if (!f)
		return pl_error_set(PL_EINVAL, "%s: error: no word list '%.*s.txt'",
				    where, (int)n, name);
	while ((got = getline(&line, &cap, f)) >= 0) {
		size_t len = (size_t)got;
		char *s = line;
		while (len && (s[len - 1] == '\n' || s[len - 1] == '\r' ||
			       s[len - 1] == ' '))
			len--;
		while (len && *s == ' ')
			s++, len--;
		if (!len || *s == '#')
			continue;
		PL_CHECK(PL_GROW(words, cap_words, count + 1));
		words[count++] = (word_span){ text.n, len };
		PL_CHECK(buf_add(&text, s, len));
	}
	if (!count) {
		err = pl_error_set(PL_EINVAL, "%s: error: word list %s is empty",
				   where, path);
		goto cleanup;
	}
	PL_CHECK(buf_add(out, "(?:", 3));
	PL_CHECK(add_alternation(out, text.s, words, count, 0));
	PL_CHECK(buf_add(out, ")", 1));
	PL_CHECK(buf_add(flat, "(?:", 3));
	for (size_t k = 0; k < count; k++) {
		if (k)
			PL_CHECK(buf_add(flat, "|", 1));
		PL_CHECK(buf_add_literal(flat, text.s + words[k].at, words[k].n));
	}
	err = buf_add(flat, ")", 1);
cleanup:
	free(line);
	free(words);
	free(text.s);
	fclose(f);
	return err;
}

/* Is byte c in `bits`, a bit a byte, lowest bit first (the layout of
 * PCRE2's PCRE2_INFO_FIRSTBITMAP)? */
static inline bool byte_in(const uint8_t bits[32], unsigned c)
{
	return (bits[c / 8] >> (c % 8)) & 1;
}

/* Does every match of `re` start a line, and can only some bytes start
 * one? Then first[] gets those bytes, a bit each, and the rule is tried
 * only at the starts of lines that begin with one (run_rule): a line rule
 * ("^[ \t]*\d+ comments?$") is asked of a fraction of a document's lines,
 * not of each. PCRE2 says where a match can start (a line, with LF for a
 * line break) but, for such a pattern, not with what; so each ASCII byte
 * is put to it as a text of one byte, anchored, with a partial match
 * allowed: a byte that starts a match starts one of these. Every byte
 * past ASCII is let through (one alone is no UTF-8 to try). Not for a
 * pattern that can match nothing, nor one with a lookaround or a verb,
 * which could answer one byte otherwise than the line it starts (a
 * lookbehind sees no line break before it; how an assertion fares at the
 * end of a text cut short is PCRE2's to decide, not one this relies on). */
static bool line_starts(const pcre2_code *re, const char *pat, uint8_t first[32])
{
	uint32_t type = 0, nl = 0, min = 0;
	pcre2_match_data *md;
	unsigned c;

	pcre2_pattern_info(re, PCRE2_INFO_FIRSTCODETYPE, &type);
	pcre2_pattern_info(re, PCRE2_INFO_NEWLINE, &nl);
	pcre2_pattern_info(re, PCRE2_INFO_MINLENGTH, &min);
	if (type != 2 || nl != PCRE2_NEWLINE_LF || min == 0 || strstr(pat, "(?<") ||
	    strstr(pat, "(?=") || strstr(pat, "(?!") || strstr(pat, "(*"))
		return false;
	if (!(md = pcre2_match_data_create_from_pattern(re, NULL)))
		return false;
	memset(first, 0, 32);
	for (c = 0; c < 256; c++) {
		const unsigned char one = (unsigned char)c;
		int rc = c < 0x80 ? pcre2_match(re, &one, 1, 0,
						PCRE2_ANCHORED | PCRE2_PARTIAL_HARD, md, NULL)
				  : 0;
		if (rc >= 0 || rc == PCRE2_ERROR_PARTIAL)
			first[c / 8] |= (uint8_t)(1u << (c % 8));
	}
	pcre2_match_data_free(md);
	return true;
}

/* A check on the parse: PCRE2 must agree on what a match can start with
 * (its first code unit, or its set of first bytes). */
static bool leads_agree(const pcre2_code *re, const leads *set)
{
	uint32_t type = 0, first = 0;
	const uint8_t *bits = NULL;
	size_t k;

	pcre2_pattern_info(re, PCRE2_INFO_FIRSTCODETYPE, &type);
	pcre2_pattern_info(re, PCRE2_INFO_FIRSTCODEUNIT, &first);
	pcre2_pattern_info(re, PCRE2_INFO_FIRSTBITMAP, &bits);
	if (type != 1 && !bits)
		return false;
	for (k = 0; k < set->n; k++) {
		unsigned c = set->v[k].c[0], f = set->v[k].fold[0];
		unsigned a = set->v[k].alt[0];
		if (type == 1 && ((first | f) != c || a != c))
			return false;
		if (type != 1 && (!byte_in(bits, c) || !byte_in(bits, a) ||
				  (f && !byte_in(bits, c ^ f))))
			return false;
	}
	return true;
}

typedef struct draft {
	char *id, *pattern, *message, *suggest, *summary;
	int severity, span;
	bool match_case, has_suggest;
	size_t line, pattern_line, pattern_col;
} draft;

static void draft_clear(draft *d)
{
	free(d->id);
	free(d->pattern);
	free(d->message);
	free(d->suggest);
	free(d->summary);
	memset(d, 0, sizeof(*d));
	d->severity = -1;
}

static int finish(pl_patterns *p, pl_ruleset *set, draft *d, const char *path,
		  const char *rule_dir, const char *list_dir)
{
	buf pat = { 0 }, flat = { 0 };
	char where[4200], origin[4200];
	uint8_t line_first[32];
	bool by_line;
	const char *s;
	int err = 0, code, idx;
	PCRE2_SIZE off;
	pcre2_code *re = NULL;
	bool anchored;
	lazy_jit *jit;
	leads lead;
	prule *r;

	if (!d->id)
		return PL_OK;
	snprintf(where, sizeof(where), "%s:%zu", path, d->line);
	if (!d->pattern)
		return pl_error_set(PL_EINVAL, "%s: error: rule '%s' has no pattern",
				    where, d->id);
	if (!d->message)
		return pl_error_set(PL_EINVAL, "%s: error: rule '%s' has no message",
				    where, d->id);
	/* expand %{list} references: into the pattern compiled, and flat
	 * into the one whose leads are found (expand_list) */
	for (s = d->pattern; *s;) {
		const char *q = strstr(s, "%{"), *e;
		if (!q) {
			PL_CHECK(buf_add(&pat, s, strlen(s)));
			PL_CHECK(buf_add(&flat, s, strlen(s)));
			break;
		}
		PL_CHECK(buf_add(&pat, s, (size_t)(q - s)));
		PL_CHECK(buf_add(&flat, s, (size_t)(q - s)));
		if (!(e = strchr(q, '}'))) {
			err = pl_error_set(PL_EINVAL, "%s:%zu: error: unclosed %%{",
					   path, d->pattern_line);
			goto cleanup;
		}
		PL_CHECK(expand_list(&pat, &flat, q + 2, (size_t)(e - q - 2), rule_dir,
				     list_dir, where));
		s = e + 1;
	}
	re = pcre2_compile((PCRE2_SPTR)pat.s, pat.n, PCRE2_UTF | PCRE2_UCP |
			   PCRE2_MULTILINE | PCRE2_NO_UTF_CHECK, &code, &off, NULL);
	if (!re) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(code, msg, sizeof(msg));
		err = pl_error_set(PL_EINVAL, "%s:%zu:%zu: error: pattern of '%s': %s "
				   "(at offset %zu)", path, d->pattern_line,
				   d->pattern_col + (strstr(d->pattern, "%{") ? 0 : off),
				   d->id, (char *)msg, (size_t)off);
		goto cleanup;
	}
	pl_leads_parse(flat.s, flat.n, &lead);
	/* tried where its leads are, anchored, when PCRE2 agrees with them on
	 * where a match can start; else at the starts of lines that can start
	 * it, if only those can; else searched for (run_rule) */
	anchored = lead.n && leads_agree(re, &lead);
	by_line = !anchored && line_starts(re, pat.s, line_first);
	if (d->span) {
		uint32_t groups = 0;
		pcre2_pattern_info(re, PCRE2_INFO_CAPTURECOUNT, &groups);
		if ((uint32_t)d->span > groups) {
			err = pl_error_set(PL_EINVAL, "%s: error: rule '%s': span = %d "
					   "but the pattern has %u group(s)", where,
					   d->id, d->span, groups);
			goto cleanup;
		}
	}
	snprintf(origin, sizeof(origin), "%s:%zu", path, d->line);
	idx = pl_ruleset_add(set, d->id, d->severity < 0 ? PL_SEV_WARNING :
			     (pl_severity)d->severity, d->summary ? d->summary :
			     "pattern rule", origin);
	if (idx < 0) {
		char why[256];
		snprintf(why, sizeof(why), "%s", pl_error_last());
		err = pl_error_set(idx, "%s: error: %s", where, why);
		goto cleanup;
	}
	PL_CHECK(PL_GROW(p->v, p->cap, p->n + 1));
	if (!(jit = calloc(1, sizeof(*jit)))) {
		err = pl_error_set(PL_ENOMEM, "out of memory");
		goto cleanup;
	}
	r = &p->v[p->n++];
	r->rule = (unsigned)idx;
	r->re = re;
	r->anchored = anchored;
	r->by_line = by_line;
	memcpy(r->line_first, line_first, sizeof(line_first));
	r->pattern = anchored || by_line ? pat.s : NULL;
	r->pattern_len = pat.n;
	if (anchored || by_line)
		pat.s = NULL;
	r->jit = jit;
	r->leads = lead;
	r->message = d->message;
	r->suggest = d->has_suggest ? (d->suggest ? d->suggest : strdup("")) : NULL;
	r->span = d->span;
	r->match_case = d->match_case;
	d->message = d->suggest = NULL;
	re = NULL;
cleanup:
	pcre2_code_free(re);
	free(pat.s);
	free(flat.s);
	return err;
}

static char *dup_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return strdup(".");
	return strndup(path, (size_t)(slash - path));
}

int pl_patterns_load(pl_patterns *p, pl_ruleset *set, const char *path,
		     const char *list_dir)
{
	FILE *f = fopen(path, "r");
	char *line = NULL, *rule_dir = NULL;
	size_t cap = 0, lineno = 0;
	ssize_t got;
	draft d;
	int err = 0;

	memset(&d, 0, sizeof(d));
	d.severity = -1;
	/* the kept plans point into the rules, which may move */
	pl_lock(&p->pool->lock);
	free_idle_plans(p->pool);
	pthread_mutex_unlock(&p->pool->lock);
	if (!f)
		return pl_error_set(PL_EIO, "%s: cannot open: %s", path, strerror(errno));
	rule_dir = dup_dir(path);
	while ((got = getline(&line, &cap, f)) >= 0) {
		char *s = line, *eq, *key, *val;
		size_t n = (size_t)got, klen;

		lineno++;
		while (n && (s[n - 1] == '\n' || s[n - 1] == '\r'))
			s[--n] = '\0';
		/* patterns compile with no UTF check, and messages reach the
		 * output: the file must be UTF-8 */
		for (size_t k = 0, m; k < n; k += m) {
			if ((m = pl_utf8_valid_len((const unsigned char *)s + k, n - k)) &&
			    s[k] != '\0')
				continue;
			err = pl_error_set(PL_EINVAL, "%s:%zu:%zu: error: invalid UTF-8",
					   path, lineno, k + 1);
			goto cleanup;
		}
		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s || *s == '#' || *s == ';')
			continue;
		if (*s == '[') {
			char *close = strchr(s, ']');
			PL_CHECK(finish(p, set, &d, path, rule_dir, list_dir));
			draft_clear(&d);
			if (!close || close == s + 1 || close[1] != '\0') {
				err = pl_error_set(PL_EINVAL, "%s:%zu:1: error: expected "
						   "'[rule.id]'", path, lineno);
				goto cleanup;
			}
			for (char *c = s + 1; c < close; c++)
				if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') ||
				      *c == '.' || *c == '-' || *c == '_')) {
					err = pl_error_set(PL_EINVAL, "%s:%zu:%zu: error: "
							   "a rule id is lowercase letters, digits, "
							   "'.', '-' and '_'", path, lineno,
							   (size_t)(c - line) + 1);
					goto cleanup;
				}
			d.id = strndup(s + 1, (size_t)(close - s - 1));
			d.line = lineno;
			continue;
		}
		if (!(eq = strchr(s, '='))) {
			err = pl_error_set(PL_EINVAL, "%s:%zu:1: error: expected "
					   "'key = value'", path, lineno);
			goto cleanup;
		}
		if (!d.id) {
			err = pl_error_set(PL_EINVAL, "%s:%zu:1: error: key outside "
					   "a [rule] section", path, lineno);
			goto cleanup;
		}
		key = s;
		klen = (size_t)(eq - s);
		while (klen && (key[klen - 1] == ' ' || key[klen - 1] == '\t'))
			klen--;
		val = eq + 1;
		while (*val == ' ' || *val == '\t')
			val++;
#define KEY(name) (klen == strlen(name) && strncmp(key, name, klen) == 0)
		if (KEY("pattern")) {
			free(d.pattern);
			d.pattern = strdup(val);
			d.pattern_line = lineno;
			d.pattern_col = (size_t)(val - line) + 1;
		} else if (KEY("message")) {
			free(d.message);
			d.message = strdup(val);
		} else if (KEY("summary")) {
			free(d.summary);
			d.summary = strdup(val);
		} else if (KEY("suggest")) {
			free(d.suggest);
			d.suggest = *val ? strdup(val) : NULL;
			d.has_suggest = true;
		} else if (KEY("severity")) {
			if ((d.severity = pl_severity_parse(val)) < 0) {
				err = pl_error_set(PL_EINVAL, "%s:%zu:%zu: error: severity "
						   "is error, warning or suggestion",
						   path, lineno, (size_t)(val - line) + 1);
				goto cleanup;
			}
		} else if (KEY("span")) {
			char *end;
			long v = strtol(val, &end, 10);
			if (end == val || *end || v < 0 || v > 9) {
				err = pl_error_set(PL_EINVAL, "%s:%zu:%zu: error: span is "
						   "a group number 0-9", path, lineno,
						   (size_t)(val - line) + 1);
				goto cleanup;
			}
			d.span = (int)v;
		} else if (KEY("case")) {
			if (strcmp(val, "match") && strcmp(val, "keep")) {
				err = pl_error_set(PL_EINVAL, "%s:%zu:%zu: error: case is "
						   "'match' or 'keep'", path, lineno,
						   (size_t)(val - line) + 1);
				goto cleanup;
			}
			d.match_case = strcmp(val, "match") == 0;
		} else {
			err = pl_error_set(PL_EINVAL, "%s:%zu:1: error: unknown key "
					   "'%.*s'", path, lineno, (int)klen, key);
			goto cleanup;
		}
#undef KEY
	}
	err = finish(p, set, &d, path, rule_dir, list_dir);
cleanup:
	draft_clear(&d);
	free(line);
	free(rule_dir);
	fclose(f);
	return err;
}

/* ---- matching ----------------------------------------------------------- */

/* Expand {N} in a template with the match's groups. */
static size_t expand(const char *tpl, const char *text, PCRE2_SIZE *ov,
		     uint32_t groups, char *out, size_t size)
{
	size_t o = 0;
	const char *s;

	for (s = tpl; *s && o + 1 < size; s++) {
		if (s[0] == '{' && s[1] >= '0' && s[1] <= '9' && s[2] == '}') {
			uint32_t g = (uint32_t)(s[1] - '0');
			if (g < groups && ov[2 * g] != PCRE2_UNSET) {
				size_t n = ov[2 * g + 1] - ov[2 * g];
				if (o + n + 1 >= size)
					n = size - o - 1;
				memcpy(out + o, text + ov[2 * g], n);
				o += n;
			}
			s += 2;
			continue;
		}
		out[o++] = *s;
	}
	out[o] = '\0';
	return o;
}

/* Is byte `at` inside a token that is not prose (a URL)? */
static bool masked(const pl_doc *doc, size_t at)
{
	size_t lo = 0, hi = doc->toks.n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const pl_token *t = &doc->toks.v[mid];
		if (t->end <= at)
			lo = mid + 1;
		else if (t->start > at)
			hi = mid;
		else
			return t->kind == PL_TOK_URL;
	}
	return false;
}

/* Report the match of r that pcre2_match returned `rc` for, and say where
 * the rule's next match may start: SIZE_MAX when no byte is left. */
static size_t take_match(pl_doc *doc, const prule *r, pcre2_match_data *md,
			 int rc)
{
	PCRE2_SIZE body = doc->body, start, *ov = pcre2_get_ovector_pointer(md);
	const char *text = doc->text;
	size_t s = ov[2 * r->span], e = ov[2 * r->span + 1];
	char msg[1024], sug[512];

	if (s != PCRE2_UNSET) {
		s += body;
		e += body;
	}
	if (s != PCRE2_UNSET && e > s && !masked(doc, s)) {
		pl_finding *f;
		expand(r->message, text + body, ov, (uint32_t)rc, msg, sizeof(msg));
		f = pl_doc_report(doc, r->rule, s, e, "%s", msg);
		if (f && r->suggest) {
			size_t n = expand(r->suggest, text + body, ov, (uint32_t)rc,
					  sug, sizeof(sug));
			if (r->match_case) {
				char cased[512];
				size_t m = pl_match_case(text + s, e - s, sug, n, cased,
							 sizeof(cased));
				if (m)
					pl_doc_suggest(doc, f, cased, m);
			} else {
				pl_doc_suggest(doc, f, sug, n);
			}
		}
	}
	start = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
	while (body + start < doc->len &&
	       ((unsigned char)text[body + start] & 0xC0) == 0x80)
		start++;
	return body + start >= doc->len ? SIZE_MAX : start;
}

static void say_stopped(const pl_doc *doc, const prule *r, int rc)
{
	PCRE2_UCHAR why[128];

	pcre2_get_error_message(rc, why, sizeof(why));
	fprintf(stderr, "presslint: %s: rule %s stopped: %s\n",
		doc->src->path, doc->rules->info[r->rule].id, (char *)why);
}

/* The pattern to match for rule r, and the options to match it with:
 * JIT-compiled once it has been tried JIT_AFTER times (a try counting
 * `tries`), the anchored twin for a rule tried anchored; until then the
 * pattern as compiled at load, anchored at match time if the rule is. The
 * thread whose tries pass the mark compiles the code and publishes it; the
 * others match the pattern as it is meanwhile. */
static const pcre2_code *matcher(const prule *r, unsigned tries, uint32_t *options)
{
	pcre2_code *code;
	unsigned now;
	int rc;
	PCRE2_SIZE off;

	*options = PCRE2_NO_UTF_CHECK;
	if (!(code = __atomic_load_n(&r->jit->code, __ATOMIC_ACQUIRE))) {
		now = __atomic_add_fetch(&r->jit->tries, tries, __ATOMIC_RELAXED);
		if (now < JIT_AFTER || now - tries >= JIT_AFTER) {
			code = r->re;
		} else {
			code = r->anchored || r->by_line
				? pcre2_compile((PCRE2_SPTR)r->pattern, r->pattern_len,
						PCRE2_UTF | PCRE2_UCP | PCRE2_MULTILINE |
						PCRE2_NO_UTF_CHECK | PCRE2_ANCHORED, &rc, &off, NULL)
				: pcre2_code_copy(r->re);
			/* a PCRE2 without JIT, or no memory: the pattern as
			 * compiled at load, and no more counting */
			if (!code || pcre2_jit_compile(code, PCRE2_JIT_COMPLETE) != 0) {
				pcre2_code_free(code);
				code = r->re;
			}
			__atomic_store_n(&r->jit->code, code, __ATOMIC_RELEASE);
		}
	}
	if (code == r->re && (r->anchored || r->by_line))
		*options |= PCRE2_ANCHORED;
	return code;
}

/* A rule on its own: PCRE2's search, or its leads looked for one by one. */
static void run_rule(pl_doc *doc, const pl_patterns *p, const prule *r,
		     pcre2_match_data *md)
{
	/* the subject starts after the BOM, so "^" matches on line 1 */
	PCRE2_SIZE body = doc->body, start = 0;
	const unsigned char *subject = (const unsigned char *)doc->text + body;
	size_t len = doc->len - body, next[LEADS_MAX], k, line = 0;

	for (k = 0; k < r->leads.n; k++)
		next[k] = SIZE_MAX; /* not looked for yet */

	for (;;) {
		const pcre2_code *code;
		uint32_t options;
		int rc;

		if (r->by_line) {
			/* the first of the document's lines at or after
			 * `start` that PCRE2 takes for one (its "^" would fail
			 * after a lone CR, which also ends a line here) and
			 * whose first byte can start a match. Every LF ends a
			 * line token, so every line PCRE2 knows is among them */
			size_t at = len;

			for (; line < doc->n_lines; line++) {
				const size_t ls = doc->lines[line].start - body;
				if (ls < start)
					continue;
				if (ls >= len)
					break;
				if ((ls == 0 || subject[ls - 1] == '\n') &&
				    byte_in(r->line_first, subject[ls])) {
					at = ls;
					break;
				}
			}
			if (at >= len)
				return; /* a match is not empty: none starts at the end */
			code = matcher(r, 1, &options);
			rc = pcre2_match(code, subject, len, at, options, md, p->mctx);
			if (rc == PCRE2_ERROR_NOMATCH) {
				start = at + 1;
				continue;
			}
		} else if (r->anchored) {
			/* no match can start before the lead: try the pattern
			 * where it is, anchored, instead of at every byte */
			size_t at = len;
			for (k = 0; k < r->leads.n; k++) {
				/* where each lead is next, looked for again once passed */
				if (next[k] == SIZE_MAX || next[k] < start)
					next[k] = pl_lead_find(&r->leads.v[k], subject, len, start);
				if (next[k] < at)
					at = next[k];
			}
			if (at >= len)
				return;
			code = matcher(r, 1, &options);
			rc = pcre2_match(code, subject, len, at, options, md, p->mctx);
			if (rc == PCRE2_ERROR_NOMATCH) {
				/* a lead's first byte is ASCII or a UTF-8 lead
				 * byte: only such places are ever tried */
				start = at + 1;
				continue;
			}
		} else {
			/* a search may pass over the rest of the text */
			size_t span = (len - start) / SEARCH_BYTES;
			code = matcher(r, 1 + (unsigned)(span < JIT_AFTER ? span : JIT_AFTER),
				       &options);
			rc = pcre2_match(code, subject, len, start, options, md, p->mctx);
		}
		if (rc == PCRE2_ERROR_NOMATCH)
			return;
		if (rc < 0) {
			say_stopped(doc, r, rc);
			return;
		}
		if ((start = take_match(doc, r, md, rc)) == SIZE_MAX)
			return;
	}
}

/* ---- one pass for the leads of every rule ------------------------------- */

/* Each rule with leads looking for them on its own reads the document
 * once per lead, about a dozen times. Instead one pass looks for the
 * first two bytes of every lead at once; where some lead's are there it
 * checks the leads that can start there, and tries the anchored pattern
 * of each rule whose lead is there. A rule keeps its own place: a lead
 * before it (inside its last match, or where it was just tried) is passed
 * over, so each rule tries the same places in the same order, and reports
 * the same matches, as on its own. */
#define SHARED_LEADS 64 /* leads of one pass: bits of a uint64_t */
#define AT_BYTES 8 /* bytes from a place that its test looks at */
#define PRE_BYTES 3 /* ... and before it */

typedef struct rule_run {
	const prule *r;
	size_t start; /* no match of the rule starts before */
	bool alone;   /* not in the pass: off, no leads, or no room */
	bool done;    /* no more matches, or stopped */
	int error;    /* why it stopped (pcre2_match's code), or 0 */
} rule_run;

typedef struct shared {
	const lead *lead[SHARED_LEADS];
	size_t run[SHARED_LEADS]; /* whose lead it is: an index in the runs */
	size_t n;
	/* at[k][c]: the leads whose byte k can be c (any c past what the
	 * lead says of the bytes after it); pre[k][c]: the leads that allow
	 * c as the byte k + 1 before them. Most places the buckets let
	 * through ("of" in "most of", "ther" in "other") fail one of these,
	 * and need no look at their leads one by one. */
	uint64_t at[AT_BYTES][256];
	uint64_t pre[PRE_BYTES][256];
	/* the same, for the first four bytes of a block of 16, by a byte's
	 * low and high four bits: bit b for the leads in bucket b. The leads
	 * with the same first two bytes share a bucket: in one with others a
	 * byte of one would let through another's ("at" from "an" and "it";
	 * "the " from "too " and "their"). Past eight such pairs a bucket
	 * takes more than one, which only lets more places through to the
	 * test with `at`. */
	unsigned char lo[4][16], hi[4][16]; /* bytes 0 to 3 */
	unsigned char first[8][2]; /* the first two bytes of each bucket */
	size_t buckets;
} shared;

/* What checking a document needs that depends only on which rules are on:
 * the pass's tables, each rule's run, a match block. Building them was a
 * twentieth of the work on a short article, so a plan is made once and
 * kept for the next document with the same rules on. */
typedef struct plan {
	struct plan *next;     /* the pool's idle list */
	unsigned char *on;     /* by rule: on when the plan was made */
	rule_run *runs;        /* by rule; start, done and error per document */
	pcre2_match_data *md;  /* sized for the rule with most groups */
	size_t in_pass;        /* rules in the pass */
	shared sh;
} plan;

/* The bytes that the lead's byte k can be. */
static size_t lead_bytes(const lead *l, size_t k, unsigned char out[3])
{
	out[0] = l->c[k];
	out[1] = (unsigned char)(l->c[k] ^ l->fold[k]);
	out[2] = l->alt[k];
	return 3;
}

/* May byte c come right after lead l, as pl_lead_at() asks? */
static bool lead_next_ok(const lead *l, unsigned char c)
{
	if (l->word_end && pl_lead_word_byte(c))
		return false;
	/* white space that may go on, then a byte of `after` */
	return !l->after_on || c == l->c[l->n - 1] || c == l->alt[l->n - 1] ||
	       (l->after[c >> 3] & (1u << (c & 7)));
}

/* May byte c come k + 1 bytes before lead l, as pl_lead_at() asks of a
 * place that many bytes or more into the subject? */
static bool lead_prev_ok(const lead *l, size_t k, unsigned char c)
{
	if (k == 0 && l->word_start && pl_lead_word_byte(c))
		return false;
	return k >= l->nbefore || (l->before[k][c >> 3] & (1u << (c & 7)));
}

/* Add the leads of runs[r]'s rule to the pass; false (and the pass
 * unchanged) when they do not all fit: the rule then looks for them on its
 * own. */
static bool shared_add(shared *sh, const rule_run *runs, size_t r)
{
	const leads *ls = &runs[r].r->leads;
	size_t k, j, c;
	unsigned char v[3];

	if (sh->n + ls->n > SHARED_LEADS)
		return false;
	for (k = 0; k < ls->n; k++) {
		const lead *l = &ls->v[k];
		uint64_t bit = 1ull << sh->n;
		unsigned char bucket;
		size_t b;

		for (b = 0; b < sh->buckets && memcmp(sh->first[b], l->c, 2); b++)
			;
		if (b == sh->buckets && sh->buckets < 8)
			memcpy(sh->first[sh->buckets++], l->c, 2);
		bucket = (unsigned char)(1u << (b % 8));
		/* each byte the lead allows at place b, in the byte tables and
		 * (the first four places) the buckets, as low and high halves.
		 * Every lead has two bytes or more (pattern_leads); past them
		 * the byte that may follow it ("an " then 'a' or white
		 * space), then any */
		for (b = 0; b < AT_BYTES; b++) {
			size_t n = b < l->n ? lead_bytes(l, b, v) : 256;

			for (j = 0; j < n; j++) {
				c = b < l->n ? v[j] : j;
				if (b == l->n && !lead_next_ok(l, (unsigned char)c))
					continue;
				sh->at[b][c] |= bit;
				if (b < 4) {
					sh->lo[b][c & 15] |= bucket;
					sh->hi[b][c >> 4] |= bucket;
				}
			}
		}
		for (b = 0; b < PRE_BYTES; b++)
			for (c = 0; c < 256; c++)
				if (lead_prev_ok(l, b, (unsigned char)c))
					sh->pre[b][c] |= bit;
		sh->lead[sh->n] = l;
		sh->run[sh->n++] = r;
	}
	return true;
}

/* Try at t[i] the rules of the leads that start there. */
static void shared_try(pl_doc *doc, const pl_patterns *p, plan *pl,
		       const unsigned char *t, size_t len, size_t i)
{
	const shared *sh = &pl->sh;
	uint64_t m;

	if (i + 1 >= len)
		return; /* no lead fits */
	if (i >= PRE_BYTES && len - i >= AT_BYTES) {
		/* the bytes around i that the tables ask of */
		m = sh->at[0][t[i]] & sh->at[1][t[i + 1]] & sh->at[2][t[i + 2]] &
		    sh->at[3][t[i + 3]] & sh->at[4][t[i + 4]] & sh->at[5][t[i + 5]] &
		    sh->at[6][t[i + 6]] & sh->at[7][t[i + 7]] & sh->pre[0][t[i - 1]] &
		    sh->pre[1][t[i - 2]] & sh->pre[2][t[i - 3]];
	} else {
		/* near an end: what is not there is no test (a lead longer
		 * than what is left, or a lookbehind past the subject's
		 * start, fails pl_lead_at) */
		size_t k;

		m = ~0ull;
		for (k = 0; k < AT_BYTES && i + k < len; k++)
			m &= sh->at[k][t[i + k]];
		for (k = 0; k < PRE_BYTES && k < i; k++)
			m &= sh->pre[k][t[i - 1 - k]];
	}
	for (; m; m &= m - 1) {
		size_t k = (size_t)__builtin_ctzll(m);
		const lead *l = sh->lead[k];
		rule_run *run = &pl->runs[sh->run[k]];
		const pcre2_code *code;
		uint32_t options;
		int rc;

		if (run->done || i < run->start || i + l->n > len || !pl_lead_at(l, t, len, i))
			continue;
		code = matcher(run->r, 1, &options);
		rc = pcre2_match(code, t, len, i, options, pl->md, p->mctx);
		if (rc == PCRE2_ERROR_NOMATCH) {
			/* tried here: another lead of the rule here is passed */
			run->start = i + 1;
		} else if (rc < 0) {
			run->error = rc;
			run->done = true;
		} else if ((run->start = take_match(doc, run->r, pl->md, rc)) == SIZE_MAX) {
			run->done = true;
		}
	}
}

#if defined(__x86_64__) && defined(__GNUC__)
#define SHARED_PASS 1
#include <immintrin.h>

/* One pass over the document for all the leads in `sh`. For a block of
 * places at a time, the low and high four bits of each byte pick, from
 * a table each (PSHUFB), the buckets of the leads that can have that byte
 * there; a bucket in every table for the first four bytes makes a place
 * to look at closer. */
#define BUCKETS(k)                                                             \
	AND(SHUF(lo[k], AND(LOAD(k), low)),                                    \
	    SHUF(hi[k], AND(SRL4(LOAD(k)), low)))

/* 32 places at a time where the CPU has AVX2 (it shuffles each half of a
 * register on its own: the tables are in both); returns where it stopped. */
__attribute__((target("avx2")))
static size_t shared_run_avx2(pl_doc *doc, const pl_patterns *p, plan *pl,
			      const unsigned char *t, size_t len)
{
	const shared *sh = &pl->sh;
	const __m256i low = _mm256_set1_epi8(15);
	__m256i lo[4], hi[4];
	size_t i = 0, k;
	uint32_t m;

	for (k = 0; k < 4; k++) {
		lo[k] = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)sh->lo[k]));
		hi[k] = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)sh->hi[k]));
	}
	for (; i + 35 <= len; i += 32) {
#define LOAD(k) _mm256_loadu_si256((const __m256i *)(t + i + (k)))
#define AND _mm256_and_si256
#define SHUF _mm256_shuffle_epi8
#define SRL4(x) _mm256_srli_epi16(x, 4)
		__m256i in = AND(AND(BUCKETS(0), BUCKETS(1)), AND(BUCKETS(2), BUCKETS(3)));
#undef LOAD
#undef AND
#undef SHUF
#undef SRL4
		m = ~(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(in, _mm256_setzero_si256()));
		for (; m; m &= m - 1)
			shared_try(doc, p, pl, t, len, i + (size_t)__builtin_ctz(m));
	}
	return i;
}

/* 16 places at a time (SSSE3), and the last few one by one. */
__attribute__((target("ssse3")))
static void shared_run(pl_doc *doc, const pl_patterns *p, plan *pl)
{
	const shared *sh = &pl->sh;
	const unsigned char *t = (const unsigned char *)doc->text + doc->body;
	size_t len = doc->len - doc->body, i = 0, k;
	const __m128i low = _mm_set1_epi8(15);
	__m128i lo[4], hi[4];
	uint32_t m;

	if (pl_cpu_has(PL_CPU_AVX2))
		i = shared_run_avx2(doc, p, pl, t, len);
	for (k = 0; k < 4; k++) {
		lo[k] = _mm_loadu_si128((const __m128i *)sh->lo[k]);
		hi[k] = _mm_loadu_si128((const __m128i *)sh->hi[k]);
	}
	for (; i + 19 <= len; i += 16) {
#define LOAD(k) _mm_loadu_si128((const __m128i *)(t + i + (k)))
#define AND _mm_and_si128
#define SHUF _mm_shuffle_epi8
#define SRL4(x) _mm_srli_epi16(x, 4)
		__m128i in = AND(AND(BUCKETS(0), BUCKETS(1)), AND(BUCKETS(2), BUCKETS(3)));
#undef LOAD
#undef AND
#undef SHUF
#undef SRL4
		m = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(in, _mm_setzero_si128())) ^ 0xFFFF;
		for (; m; m &= m - 1)
			shared_try(doc, p, pl, t, len, i + (size_t)__builtin_ctz(m));
	}
#undef BUCKETS
	for (; i < len; i++)
		shared_try(doc, p, pl, t, len, i);
}

static bool shared_usable(void)
{
	return pl_cpu_has(PL_CPU_SSSE3);
}
#else
#define SHARED_PASS 0
#endif

static void plan_free(plan *pl)
{
	if (!pl)
		return;
	free(pl->on);
	free(pl->runs);
	pcre2_match_data_free(pl->md);
	free(pl);
}

static void free_idle_plans(plan_pool *pool)
{
	while (pool->idle) {
		plan *pl = pool->idle;
		pool->idle = pl->next;
		plan_free(pl);
	}
	pool->n_idle = 0;
}

/* A plan for the rules on in `doc`. */
static plan *plan_new(const pl_patterns *p, const pl_doc *doc)
{
	plan *pl = calloc(1, sizeof(*pl));
	uint32_t groups = 0, most = 0;
	size_t i;
#if SHARED_PASS
	bool pass = shared_usable(); /* else each rule on its own, as before */
#endif

	if (!pl || !(pl->on = malloc(p->n + 1)) ||
	    !(pl->runs = calloc(p->n + 1, sizeof(*pl->runs)))) {
		plan_free(pl);
		return NULL;
	}
	/* one match block for every rule, sized for the one with most groups
	 * (pcre2_match's return value does not depend on the block's size
	 * once every group fits) */
	for (i = 0; i < p->n; i++) {
		pcre2_pattern_info(p->v[i].re, PCRE2_INFO_CAPTURECOUNT, &groups);
		if (groups > most)
			most = groups;
	}
	if (!(pl->md = pcre2_match_data_create(most + 1, NULL))) {
		plan_free(pl);
		return NULL;
	}
	/* the rules with leads go in one pass when they fit */
	for (i = 0; i < p->n; i++) {
		pl->on[i] = pl_doc_rule_on(doc, p->v[i].rule);
		pl->runs[i].r = &p->v[i];
		pl->runs[i].alone = true;
#if SHARED_PASS
		pl->runs[i].alone = !pass || !pl->on[i] || !p->v[i].anchored ||
				    !shared_add(&pl->sh, pl->runs, i);
		pl->in_pass += !pl->runs[i].alone;
#endif
	}
	return pl;
}

static bool plan_fits(const pl_patterns *p, const plan *pl, const pl_doc *doc)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (pl->on[i] != pl_doc_rule_on(doc, p->v[i].rule))
			return false;
	return true;
}

/* An idle plan for the rules on in `doc`, or a new one; NULL when memory
 * ran out. Every run starts at the document's start. */
static plan *take_plan(const pl_patterns *p, const pl_doc *doc)
{
	plan **at, *pl = NULL;
	size_t i;

	pl_lock(&p->pool->lock);
	for (at = &p->pool->idle; *at; at = &(*at)->next)
		if (plan_fits(p, *at, doc)) {
			pl = *at;
			*at = pl->next;
			p->pool->n_idle--;
			break;
		}
	pthread_mutex_unlock(&p->pool->lock);
	if (!pl)
		return plan_new(p, doc);
	for (i = 0; i < p->n; i++) {
		pl->runs[i].start = 0;
		pl->runs[i].done = false;
		pl->runs[i].error = 0;
	}
	return pl;
}

/* Keep a plan for the next document: a few per rule set a thread may be
 * checking (folders with their own configuration make more sets). */
#define IDLE_PLANS 64

static void give_back_plan(const pl_patterns *p, plan *pl)
{
	pl_lock(&p->pool->lock);
	if (p->pool->n_idle < IDLE_PLANS) {
		pl->next = p->pool->idle;
		p->pool->idle = pl;
		p->pool->n_idle++;
		pl = NULL;
	}
	pthread_mutex_unlock(&p->pool->lock);
	plan_free(pl);
}

void pl_check_patterns(pl_doc *doc)
{
	const pl_patterns *p = doc->res->patterns;
	plan *pl;
	size_t i;

	if (!p || !(pl = take_plan(p, doc)))
		return;
#if SHARED_PASS
	if (pl->in_pass)
		shared_run(doc, p, pl);
#endif
	/* the rest, and the messages of rules that stopped, in rule order
	 * as before */
	for (i = 0; i < p->n; i++) {
		if (pl->runs[i].alone && pl->on[i])
			run_rule(doc, p, &p->v[i], pl->md);
		else if (!pl->runs[i].alone && pl->runs[i].error)
			say_stopped(doc, &p->v[i], pl->runs[i].error);
	}
	give_back_plan(p, pl);
}
