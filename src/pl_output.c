#include "pl_output.h"
#include "pl_lines.h"

#include <string.h>

int pl_format_parse(const char *name)
{
	if (strcmp(name, "gcc") == 0)
		return PL_FORMAT_GCC;
	if (strcmp(name, "json") == 0)
		return PL_FORMAT_JSON;
	return -1;
}

void pl_output_begin(pl_output *out)
{
	if (out->format == PL_FORMAT_JSON)
		fputs("[", out->fp);
}

void pl_output_end(pl_output *out)
{
	if (out->format == PL_FORMAT_JSON)
		fputs(out->findings ? "\n]\n" : "]\n", out->fp);
	fflush(out->fp);
}

void pl_json_string(FILE *fp, const char *s, size_t len)
{
	size_t i;

	fputc('"', fp);
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		switch (c) {
		case '"': fputs("\\\"", fp); break;
		case '\\': fputs("\\\\", fp); break;
		case '\n': fputs("\\n", fp); break;
		case '\r': fputs("\\r", fp); break;
		case '\t': fputs("\\t", fp); break;
		default:
			if (c < 0x20 || c == 0x7F)
				fprintf(fp, "\\u%04x", c);
			else
				fputc(c, fp);
		}
	}
	fputc('"', fp);
}

/* Messages quote document text: keep control bytes out of a one-line
 * diagnostic. */
static void put_clean(FILE *fp, const char *s)
{
	for (; *s; s++)
		fputc((unsigned char)*s < 0x20 ? '?' : *s, fp);
}

int pl_output_doc(const pl_doc *doc, const pl_findings *f, void *ud)
{
	pl_output *out = ud;
	pl_lines lines;
	size_t i, k;

	if (!f->n)
		return 0;
	if (pl_lines_init(&lines, doc->text, doc->len, doc->src->body) < 0)
		return PL_ENOMEM;
	for (i = 0; i < f->n; i++) {
		const pl_finding *x = &f->v[i];
		const char *rule = doc->rules->info[x->rule].id;
		size_t line, col, eline, ecol;

		pl_lines_locate(&lines, x->start, !out->byte_columns, &line, &col);
		if (out->format == PL_FORMAT_GCC) {
			fprintf(out->fp, "%s:%zu:%zu: %s: ", doc->src->path, line, col,
				pl_severity_name(x->severity));
			put_clean(out->fp, x->message);
			fprintf(out->fp, " [%s]\n", rule);
		} else {
			pl_lines_locate(&lines, x->end, !out->byte_columns, &eline, &ecol);
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
		out->findings++;
	}
	pl_lines_fini(&lines);
	return 0;
}
