#define PCRE2_CODE_UNIT_WIDTH 8
#include "pl_patterns.h"
#include "pl_check.h"
#include "pl_error.h"
#include "pl_source.h"

#include <errno.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Bounds for one match attempt: a pattern that backtracks without end
 * must not hang a pre-commit hook. */
#define MATCH_LIMIT 1000000
#define DEPTH_LIMIT 10000

typedef struct prule {
	unsigned rule; /* index in the rule set */
	pcre2_code *re;
	char *message, *suggest; /* owned; suggest NULL when none */
	int span;                /* capture group to report, 0 = whole match */
	bool match_case;
} prule;

struct pl_patterns {
	prule *v;
	size_t n, cap;
	pcre2_match_context *mctx;
};

pl_patterns *pl_patterns_new(void)
{
	pl_patterns *p = calloc(1, sizeof(*p));

	if (!p)
		return NULL;
	p->mctx = pcre2_match_context_create(NULL);
	if (!p->mctx) {
		free(p);
		return NULL;
	}
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
		pcre2_code_free(p->v[i].re);
		free(p->v[i].message);
		free(p->v[i].suggest);
	}
	free(p->v);
	pcre2_match_context_free(p->mctx);
	free(p);
}

size_t pl_patterns_count(const pl_patterns *p)
{
	return p ? p->n : 0;
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

/* Append `word` to a pattern with every metacharacter escaped. */
static int buf_add_literal(buf *b, const char *w, size_t n)
{
	size_t i;
	int err = 0;

	for (i = 0; i < n && !err; i++) {
		if (strchr("\\^$.|?*+()[]{}", w[i]))
			err = buf_add(b, "\\", 1);
		if (!err && w[i] == ' ')
			err = buf_add(b, "\\s+", 3);
		else if (!err)
			err = buf_add(b, w + i, 1);
	}
	return err;
}

static int expand_list(buf *out, const char *name, size_t n, const char *rule_dir,
		       const char *list_dir, const char *where)
{
	char path[4096];
	FILE *f = NULL;
	char *line = NULL;
	size_t cap = 0, count = 0;
	ssize_t got;
	int err = 0;
	const char *dirs[2] = { rule_dir, list_dir };

	for (size_t d = 0; d < 2 && !f; d++) {
		if (!dirs[d])
			continue;
		snprintf(path, sizeof(path), "%s/%.*s.txt", dirs[d], (int)n, name);
		f = fopen(path, "r");
	}
	if (!f)
		return pl_error_set(PL_EINVAL, "%s: error: no word list '%.*s.txt'",
				    where, (int)n, name);
	PL_CHECK(buf_add(out, "(?:", 3));
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
		if (count++)
			PL_CHECK(buf_add(out, "|", 1));
		PL_CHECK(buf_add_literal(out, s, len));
	}
	if (!count)
		err = pl_error_set(PL_EINVAL, "%s: error: word list %s is empty",
				   where, path);
	else
		err = buf_add(out, ")", 1);
cleanup:
	free(line);
	fclose(f);
	return err;
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
	buf pat = { 0 };
	char where[4200], origin[4200];
	const char *s;
	int err = 0, code, idx;
	PCRE2_SIZE off;
	pcre2_code *re = NULL;
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
	/* expand %{list} references */
	for (s = d->pattern; *s;) {
		const char *q = strstr(s, "%{"), *e;
		if (!q) {
			PL_CHECK(buf_add(&pat, s, strlen(s)));
			break;
		}
		PL_CHECK(buf_add(&pat, s, (size_t)(q - s)));
		if (!(e = strchr(q, '}'))) {
			err = pl_error_set(PL_EINVAL, "%s:%zu: error: unclosed %%{",
					   path, d->pattern_line);
			goto cleanup;
		}
		PL_CHECK(expand_list(&pat, q + 2, (size_t)(e - q - 2), rule_dir,
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
	pcre2_jit_compile(re, PCRE2_JIT_COMPLETE); /* best effort */
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
	r = &p->v[p->n++];
	r->rule = (unsigned)idx;
	r->re = re;
	r->message = d->message;
	r->suggest = d->has_suggest ? (d->suggest ? d->suggest : strdup("")) : NULL;
	r->span = d->span;
	r->match_case = d->match_case;
	d->message = d->suggest = NULL;
	re = NULL;
cleanup:
	pcre2_code_free(re);
	free(pat.s);
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

static void run_rule(pl_doc *doc, const pl_patterns *p, const prule *r,
		     pcre2_match_data *md)
{
	/* the subject starts after the BOM, so "^" matches on line 1 */
	PCRE2_SIZE body = doc->body, start = 0, *ov;
	const char *text = doc->text;
	char msg[1024], sug[512];

	for (;;) {
		int rc = pcre2_match(r->re, (PCRE2_SPTR)text + body, doc->len - body,
				     start, PCRE2_NO_UTF_CHECK, md, p->mctx);
		size_t s, e;

		if (rc == PCRE2_ERROR_NOMATCH)
			return;
		if (rc < 0) {
			PCRE2_UCHAR why[128];
			pcre2_get_error_message(rc, why, sizeof(why));
			fprintf(stderr, "presslint: %s: rule %s stopped: %s\n",
				doc->src->path, doc->rules->info[r->rule].id, (char *)why);
			return;
		}
		ov = pcre2_get_ovector_pointer(md);
		s = ov[2 * r->span];
		e = ov[2 * r->span + 1];
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
		if (body + start >= doc->len)
			return;
	}
}

void pl_check_patterns(pl_doc *doc)
{
	const pl_patterns *p = doc->res->patterns;
	size_t i;

	if (!p)
		return;
	for (i = 0; i < p->n; i++) {
		pcre2_match_data *md;
		if (!pl_doc_rule_on(doc, p->v[i].rule))
			continue;
		if (!(md = pcre2_match_data_create_from_pattern(p->v[i].re, NULL)))
			return;
		run_rule(doc, p, &p->v[i], md);
		pcre2_match_data_free(md);
	}
}
