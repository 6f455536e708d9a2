/* pl_output_sarif.c - SARIF 2.1.0 for GitHub code scanning.
 *
 * Results are written as documents are checked; the rules array, which
 * lists only rules that had findings, goes after them in the run object
 * ("tool" after "results": JSON members have no order). A rule's ruleIndex
 * is the order of its first finding, so it is known when the result is
 * written. Columns always count code points ("columnKind" says so): SARIF
 * has no byte columns, and its default is UTF-16 code units. */
#include "pl_output_impl.h"

#include <string.h>

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"

static const char *const sarif_level[PL_OUTPUT_SEVERITIES] = {
	"error", "warning", "note"
};

static const char *level_of(pl_severity s)
{
	return (unsigned)s < PL_OUTPUT_SEVERITIES ? sarif_level[s] : "none";
}

void pl_sarif_begin(pl_output *out)
{
	fputs("{\n"
	      "  \"$schema\": \"" SARIF_SCHEMA "\",\n"
	      "  \"version\": \"2.1.0\",\n"
	      "  \"runs\": [\n"
	      "    {\n"
	      "      \"columnKind\": \"unicodeCodePoints\",\n"
	      "      \"results\": [", out->fp);
}

/* A path as a URI reference: every byte but the unreserved ones and '/' is
 * percent-encoded (spaces, '%', '#', '?', ':' and non-ASCII alike). */
static void put_uri_path(FILE *fp, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || strchr("-._~/", c))
			fputc(c, fp);
		else
			fprintf(fp, "%%%c%c", hex[c >> 4], hex[c & 15]);
	}
}

/* An absolute path becomes a file: URI; a relative one stays relative to
 * the checkout (%SRCROOT%), as GitHub code scanning expects. */
static void put_artifact(FILE *fp, const char *path)
{
	fputs("{\"uri\": \"", fp);
	if (path[0] == '/') {
		fputs("file://", fp);
		put_uri_path(fp, path);
		fputs("\"}", fp);
	} else {
		put_uri_path(fp, path);
		fputs("\", \"uriBaseId\": \"%SRCROOT%\"}", fp);
	}
}

static void put_region(FILE *fp, pl_lines *lines, size_t start,
		       size_t end)
{
	size_t line, col, eline, ecol;

	pl_lines_locate(lines, start, true, &line, &col);
	pl_lines_locate(lines, end, true, &eline, &ecol);
	fprintf(fp, "{\"startLine\": %zu, \"startColumn\": %zu, \"endLine\": %zu, "
		"\"endColumn\": %zu}", line, col, eline, ecol);
}

void pl_sarif_result(pl_output *out, const pl_doc *doc, pl_lines *lines,
		     const pl_finding *x, const pl_rule_tally *rule)
{
	FILE *fp = out->fp;
	size_t k;

	fputs(out->findings ? ",\n        {" : "\n        {", fp);
	fputs("\"ruleId\": ", fp);
	pl_json_string(fp, rule->id, strlen(rule->id));
	fprintf(fp, ", \"ruleIndex\": %zu, \"level\": \"%s\", \"message\": {\"text\": ",
		rule->index, level_of(x->severity));
	pl_json_string(fp, x->message, strlen(x->message));
	fputs("}, \"locations\": [{\"physicalLocation\": {\"artifactLocation\": ", fp);
	put_artifact(fp, doc->src->path);
	fputs(", \"region\": ", fp);
	put_region(fp, lines, x->start, x->end);
	fputs("}}]", fp);
	/* each suggestion is one alternative fix */
	if (x->n_suggest) {
		fputs(", \"fixes\": [", fp);
		for (k = 0; k < x->n_suggest; k++) {
			fputs(k ? ", {\"artifactChanges\": [{\"artifactLocation\": "
				: "{\"artifactChanges\": [{\"artifactLocation\": ", fp);
			put_artifact(fp, doc->src->path);
			fputs(", \"replacements\": [{\"deletedRegion\": ", fp);
			put_region(fp, lines, x->start, x->end);
			fputs(", \"insertedContent\": {\"text\": ", fp);
			pl_json_string(fp, x->suggest[k], strlen(x->suggest[k]));
			fputs("}}]}]}", fp);
		}
		fputs("]", fp);
	}
	fputs("}", fp);
}

void pl_sarif_end(pl_output *out)
{
	FILE *fp = out->fp;
	const struct pl_output_tally *t = out->tally;
	size_t i, n = t ? t->n_order : 0;

	fputs(out->findings ? "\n      ],\n" : "],\n", fp);
	fputs("      \"tool\": {\n"
	      "        \"driver\": {\n"
	      "          \"name\": \"presslint\",\n", fp);
	if (out->version) {
		fputs("          \"version\": ", fp);
		pl_json_string(fp, out->version, strlen(out->version));
		fputs(",\n", fp);
	}
	fputs("          \"rules\": [", fp);
	for (i = 0; i < n; i++) {
		const pl_rule_tally *r = &t->v[t->order[i]];
		const char *text = r->summary[0] ? r->summary : r->id;

		fputs(i ? ",\n            {\"id\": " : "\n            {\"id\": ", fp);
		pl_json_string(fp, r->id, strlen(r->id));
		fputs(", \"shortDescription\": {\"text\": ", fp);
		pl_json_string(fp, text, strlen(text));
		fprintf(fp, "}, \"defaultConfiguration\": {\"level\": \"%s\"}}",
			level_of(r->severity));
	}
	fputs(n ? "\n          ]\n" : "]\n", fp);
	fputs("        }\n"
	      "      }\n"
	      "    }\n"
	      "  ]\n"
	      "}\n", fp);
}
