#include "pl_output.h"
#include "pl_error.h"
#include "pl_output_impl.h"

#include <stdlib.h>
#include <string.h>

static const char *const format_names[] = {
	[PL_FORMAT_GCC] = "gcc",
	[PL_FORMAT_JSON] = "json",
	[PL_FORMAT_SARIF] = "sarif",
	[PL_FORMAT_GITHUB] = "github",
};

int pl_format_parse(const char *name)
{
	size_t i;

	for (i = 0; i < PL_ARRAY_LEN(format_names); i++)
		if (strcmp(name, format_names[i]) == 0)
			return (int)i;
	return -1;
}

void pl_output_begin(pl_output *out)
{
	if (out->quiet)
		return;
	if (out->format == PL_FORMAT_JSON)
		fputs("[", out->fp);
	else if (out->format == PL_FORMAT_SARIF)
		pl_sarif_begin(out);
}

void pl_json_string(FILE *fp, const char *s, size_t len)
{
	size_t i, plain;

	fputc('"', fp);
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		/* what needs no escape, in one write */
		for (plain = i; plain < len && (unsigned char)s[plain] >= 0x20 &&
				s[plain] != '"' && s[plain] != '\\' && s[plain] != 0x7F;
		     plain++)
			;
		if (plain > i) {
			fwrite(s + i, 1, plain - i, fp);
			i = plain - 1;
			continue;
		}
		switch (c) {
		case '"': fputs("\\\"", fp); break;
		case '\\': fputs("\\\\", fp); break;
		case '\n': fputs("\\n", fp); break;
		case '\r': fputs("\\r", fp); break;
		case '\t': fputs("\\t", fp); break;
		default: /* below 0x20, or DEL */
			fprintf(fp, "\\u%04x", c);
		}
	}
	fputc('"', fp);
}

/* ---- per-rule counts ----------------------------------------------------- */

static void tally_free(pl_output *out)
{
	struct pl_output_tally *t = out->tally;
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->n; i++) {
		free(t->v[i].id);
		free(t->v[i].summary);
	}
	free(t->v);
	free(t->order);
	free(t);
	out->tally = NULL;
}

/* Count a finding of `rule`; the rule's id and summary are copied on its
 * first finding. NULL when out of memory. */
static pl_rule_tally *tally_add(pl_output *out, const pl_ruleset *set,
				unsigned rule)
{
	struct pl_output_tally *t = out->tally;
	const pl_rule_info *info = &set->info[rule];
	pl_rule_tally *r;

	if (!t && !(t = out->tally = calloc(1, sizeof(*t))))
		return NULL;
	if (rule >= t->n) {
		if (PL_GROW(t->v, t->cap, (size_t)rule + 1) < 0)
			return NULL;
		memset(t->v + t->n, 0, ((size_t)rule + 1 - t->n) * sizeof(*t->v));
		t->n = (size_t)rule + 1;
	}
	r = &t->v[rule];
	if (!r->id) {
		if (PL_GROW(t->order, t->cap_order, t->n_order + 1) < 0 ||
		    !(r->summary = strdup(info->summary ? info->summary : "")) ||
		    !(r->id = strdup(info->id))) {
			free(r->summary);
			r->summary = NULL;
			return NULL;
		}
		r->severity = info->severity;
		r->index = t->n_order;
		t->order[t->n_order++] = rule;
	}
	r->count++;
	return r;
}

/* ---- summary ------------------------------------------------------------- */

/* Most findings first, then by rule id; rules without findings last. */
static int cmp_tally(const void *a, const void *b)
{
	const pl_rule_tally *x = a, *y = b;

	if (!x->id || !y->id)
		return !x->id - !y->id;
	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	return strcmp(x->id, y->id);
}

static const char *const severity_count_name[2][PL_OUTPUT_SEVERITIES] = {
	{ "error", "warning", "suggestion" },
	{ "errors", "warnings", "suggestions" },
};

static void put_summary(pl_output *out)
{
	FILE *fp = out->summary_fp;
	struct pl_output_tally *t = out->tally;
	size_t done[PL_OUTPUT_SEVERITIES] = { 0 }, i, k;
	bool open = false;

	if (!fp)
		fp = !out->quiet && (out->format == PL_FORMAT_JSON ||
				     out->format == PL_FORMAT_SARIF) ? stderr : out->fp;
	/* the counts are freed next: sort them in place */
	if (t) {
		qsort(t->v, t->n, sizeof(*t->v), cmp_tally);
		for (i = 0; i < t->n && t->v[i].id; i++)
			fprintf(fp, "%6zu  %s\n", t->v[i].count, t->v[i].id);
	}
	fprintf(fp, "presslint: %zu finding%s in %zu of %zu file%s", out->findings,
		out->findings == 1 ? "" : "s", out->flagged, out->documents,
		out->documents == 1 ? "" : "s");
	/* severities by count, most first; ties in severity order */
	for (k = 0; k < PL_OUTPUT_SEVERITIES; k++) {
		size_t best = PL_OUTPUT_SEVERITIES;
		for (i = 0; i < PL_OUTPUT_SEVERITIES; i++)
			if (!done[i] && out->by_severity[i] &&
			    (best == PL_OUTPUT_SEVERITIES ||
			     out->by_severity[i] > out->by_severity[best]))
				best = i;
		if (best == PL_OUTPUT_SEVERITIES)
			break;
		done[best] = 1;
		fprintf(fp, "%s%zu %s", open ? ", " : " (", out->by_severity[best],
			severity_count_name[out->by_severity[best] != 1][best]);
		open = true;
	}
	fputs(open ? ")\n" : "\n", fp);
	fflush(fp);
}

void pl_output_end(pl_output *out)
{
	if (!out->quiet) {
		if (out->format == PL_FORMAT_JSON)
			fputs(out->findings ? "\n]\n" : "]\n", out->fp);
		else if (out->format == PL_FORMAT_SARIF)
			pl_sarif_end(out);
	}
	fflush(out->fp);
	if (out->summary)
		put_summary(out);
	tally_free(out);
}

/* ---- gcc ----------------------------------------------------------------- */

/* Messages quote document text: keep control bytes out of a one-line
 * diagnostic. The rest in one write: a byte at a time, each took the
 * stream's lock once another thread had started (2 ms of a -j 2 run over
 * 4,964 files, on the reporting thread). */
static void put_clean(FILE *fp, const char *s)
{
	while (*s) {
		size_t n = 0;

		while ((unsigned char)s[n] >= 0x20)
			n++;
		fwrite(s, 1, n, fp);
		if (!s[n])
			break;
		fputc('?', fp);
		s += n + 1;
	}
}

/* GCC's colours: bold locus, error red, warning magenta, note cyan. */
static const char *const severity_color[PL_OUTPUT_SEVERITIES] = {
	"\033[1;31m", "\033[1;35m", "\033[1;36m"
};

static void put_gcc(pl_output *out, const pl_doc *doc, const pl_finding *x,
		    const char *rule, size_t line, size_t col)
{
	if (out->color && (unsigned)x->severity < PL_OUTPUT_SEVERITIES) {
		fprintf(out->fp, "\033[1m%s:%zu:%zu:\033[0m %s%s:\033[0m ",
			doc->src->path, line, col, severity_color[x->severity],
			pl_severity_name(x->severity));
		put_clean(out->fp, x->message);
		fprintf(out->fp, " \033[2m[%s]\033[0m\n", rule);
		return;
	}
	fprintf(out->fp, "%s:%zu:%zu: %s: ", doc->src->path, line, col,
		pl_severity_name(x->severity));
	put_clean(out->fp, x->message);
	fprintf(out->fp, " [%s]\n", rule);
}

/* ---- json ---------------------------------------------------------------- */

static void put_json(pl_output *out, const pl_doc *doc, const pl_finding *x,
		     const char *rule, size_t line, size_t col, size_t eline,
		     size_t ecol)
{
	size_t k;

	fputs(out->findings ? ",\n  {" : "\n  {", out->fp);
	fputs("\"path\": ", out->fp);
	pl_json_string(out->fp, doc->src->path, strlen(doc->src->path));
	fprintf(out->fp, ", \"line\": %zu, \"column\": %zu, \"end_line\": %zu, "
		"\"end_column\": %zu, \"offset\": %zu, \"length\": %zu, "
		"\"severity\": \"%s\", \"rule\": ", line, col, eline, ecol,
		x->start, x->end - x->start, pl_severity_name(x->severity));
	pl_json_string(out->fp, rule, strlen(rule));
	fputs(", \"message\": ", out->fp);
	pl_json_string(out->fp, x->message, strlen(x->message));
	fputs(", \"suggestions\": [", out->fp);
	for (k = 0; k < x->n_suggest; k++) {
		if (k)
			fputs(", ", out->fp);
		pl_json_string(out->fp, x->suggest[k], strlen(x->suggest[k]));
	}
	fputs("]}", out->fp);
}

/* ---- github -------------------------------------------------------------- */

/* GitHub's workflow-command escapes: % CR LF everywhere, and : , in the
 * properties (file, title) too. */
static void put_github_escaped(FILE *fp, const char *s, bool property)
{
	for (; *s; s++) {
		switch (*s) {
		case '%': fputs("%25", fp); break;
		case '\r': fputs("%0D", fp); break;
		case '\n': fputs("%0A", fp); break;
		case ':':
			fputs(property ? "%3A" : ":", fp);
			break;
		case ',':
			fputs(property ? "%2C" : ",", fp);
			break;
		default: fputc(*s, fp);
		}
	}
}

static const char *const github_command[PL_OUTPUT_SEVERITIES] = {
	"error", "warning", "notice"
};

static void put_github(pl_output *out, const pl_doc *doc, const pl_finding *x,
		       const char *rule, size_t line, size_t col, size_t eline,
		       size_t ecol)
{
	fprintf(out->fp, "::%s file=",
		(unsigned)x->severity < PL_OUTPUT_SEVERITIES ?
			github_command[x->severity] : "notice");
	put_github_escaped(out->fp, doc->src->path, true);
	fprintf(out->fp, ",line=%zu,col=%zu,endLine=%zu,endColumn=%zu,title=",
		line, col, eline, ecol);
	put_github_escaped(out->fp, rule, true);
	fputs("::", out->fp);
	put_github_escaped(out->fp, x->message, false);
	fputc('\n', out->fp);
}

/* ---- per document -------------------------------------------------------- */

int pl_output_doc(const pl_doc *doc, const pl_findings *f, void *ud)
{
	pl_output *out = ud;
	bool tally = out->summary || out->format == PL_FORMAT_SARIF;
	pl_lines lines;
	size_t i;
	int err = 0;

	out->documents++;
	if (!f->n)
		return 0;
	out->flagged++;
	if (!out->quiet && pl_lines_init(&lines, doc->text, doc->len,
					 doc->src->body) < 0)
		return pl_error_set(PL_ENOMEM, "out of memory");
	for (i = 0; i < f->n; i++) {
		const pl_finding *x = &f->v[i];
		const char *rule = doc->rules->info[x->rule].id;
		const pl_rule_tally *t = NULL;
		size_t line, col, eline, ecol;

		if (tally && !(t = tally_add(out, doc->rules, x->rule))) {
			err = pl_error_set(PL_ENOMEM, "out of memory");
			break;
		}
		if ((unsigned)x->severity < PL_OUTPUT_SEVERITIES)
			out->by_severity[x->severity]++;
		if (!out->quiet) {
			switch (out->format) {
			case PL_FORMAT_SARIF:
				pl_sarif_result(out, doc, &lines, x, t);
				break;
			case PL_FORMAT_GCC:
				pl_lines_locate(&lines, x->start, !out->byte_columns,
						&line, &col);
				put_gcc(out, doc, x, rule, line, col);
				break;
			case PL_FORMAT_JSON:
			case PL_FORMAT_GITHUB:
				pl_lines_locate(&lines, x->start, !out->byte_columns,
						&line, &col);
				pl_lines_locate(&lines, x->end, !out->byte_columns,
						&eline, &ecol);
				if (out->format == PL_FORMAT_JSON)
					put_json(out, doc, x, rule, line, col, eline, ecol);
				else
					put_github(out, doc, x, rule, line, col, eline, ecol);
				break;
			}
		}
		out->findings++;
	}
	if (!out->quiet)
		pl_lines_fini(&lines);
	return err;
}
