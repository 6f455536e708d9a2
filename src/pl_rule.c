#include "pl_rule.h"
#include "pl_error.h"

#include <stdlib.h>
#include <string.h>

static const pl_rule_info builtin[PL_RULE_BUILTIN_COUNT] = {
	[PL_R_INVALID_UTF8] = { "encoding.invalid-utf8", PL_SEV_ERROR,
		"bytes that are not valid UTF-8", NULL },
	[PL_R_NUL_BYTE] = { "encoding.nul-byte", PL_SEV_ERROR,
		"NUL bytes in a text file", NULL },
	[PL_R_MISSPELLING] = { "spelling.misspelling", PL_SEV_WARNING,
		"an unknown word one edit from a known one (\"telscopes\")", NULL },
	[PL_R_TYPO] = { "spelling.typo", PL_SEV_ERROR,
		"a known typo with one correction (\"adn\" for \"and\")", NULL },
	[PL_R_SPACE_AFTER] = { "spacing.missing-after", PL_SEV_WARNING,
		"no space after , . ; : ! ? before the next word", NULL },
	[PL_R_SPACE_BEFORE] = { "spacing.before-punctuation", PL_SEV_WARNING,
		"a space before , . ; : ! ?", NULL },
	/* off by default: invisible once published (HTML collapses it), and
	 * one story in eight on Wikinews has one */
	[PL_R_DOUBLE_SPACE] = { "spacing.double", PL_SEV_SUGGESTION,
		"two or more spaces between words (one finding for a text that "
		"has many)", NULL, true },
	[PL_R_SENTENCE_START] = { "capitalization.sentence-start", PL_SEV_WARNING,
		"a sentence or paragraph that starts with a lowercase letter", NULL },
	[PL_R_PROPER_NOUN] = { "capitalization.proper-noun", PL_SEV_WARNING,
		"a known proper noun written in lowercase (\"beijing\")", NULL },
	[PL_R_NAME_CONSISTENCY] = { "capitalization.name-consistency", PL_SEV_WARNING,
		"a name capitalized one way here and another way elsewhere", NULL },
	[PL_R_TITLE_CASE] = { "capitalization.title-case", PL_SEV_SUGGESTION,
		"a lowercase word in a Title Case heading", NULL },
	[PL_R_BOILERPLATE] = { "artifact.boilerplate", PL_SEV_WARNING,
		"a stray navigation, widget or advertising line from a scraper", NULL },
	[PL_R_GLUED_WORDS] = { "artifact.glued-words", PL_SEV_WARNING,
		"words run together without spaces (\"TheRussia-Ukraineconflict\")", NULL },
	[PL_R_DOUBLED_WORD] = { "artifact.doubled-word", PL_SEV_WARNING,
		"the same word twice in a row (\"the the\")", NULL },
	[PL_R_MOJIBAKE] = { "artifact.mojibake", PL_SEV_ERROR,
		"UTF-8 text decoded as Windows-1252 (\"â€™\" for \"’\")", NULL },
	[PL_R_DUPLICATE_PARAGRAPH] = { "artifact.duplicate-paragraph", PL_SEV_WARNING,
		"a paragraph that repeats an earlier one word for word", NULL },
	/* off by default: wire copy mixes dialects and editors accept both */
	[PL_R_DIALECT] = { "spelling.dialect", PL_SEV_SUGGESTION,
		"a spelling of the other English dialect (\"colour\" under en_US)",
		NULL, true },
	[PL_R_INVISIBLE] = { "artifact.invisible-char", PL_SEV_WARNING,
		"an invisible character: zero-width space, soft hyphen, stray BOM",
		NULL },
	[PL_R_REJECTED] = { "spelling.rejected", PL_SEV_ERROR,
		"a word or phrase on the project's reject list (.presslint-reject.txt)",
		NULL },
	[PL_R_NAME_VARIANT] = { "spelling.name-variant", PL_SEV_WARNING,
		"a name spelled two ways in one document (\"Plotnikov\" / \"Plotnikow\")",
		NULL },
	/* off by default: in edited copy most such words are coinages,
	 * technical terms and quotes in other languages, not typos */
	[PL_R_UNKNOWN_WORD] = { "spelling.unknown", PL_SEV_SUGGESTION,
		"a lowercase word no dictionary knows and no typo of a known one",
		NULL, true },
};

int pl_ruleset_init(pl_ruleset *set)
{
	size_t i;

	memset(set, 0, sizeof(*set));
	for (i = 0; i < PL_RULE_BUILTIN_COUNT; i++)
		if (pl_ruleset_add(set, builtin[i].id, builtin[i].severity,
				   builtin[i].summary, "built-in") < 0)
			return PL_ENOMEM;
		else
			set->enabled[i] = !(set->info[i].off = builtin[i].off);
	return PL_OK;
}

void pl_ruleset_fini(pl_ruleset *set)
{
	size_t i;

	for (i = 0; i < set->n; i++) {
		free((char *)set->info[i].id);
		free((char *)set->info[i].summary);
		free((char *)set->info[i].origin);
	}
	free(set->info);
	free(set->enabled);
	memset(set, 0, sizeof(*set));
}

int pl_ruleset_add(pl_ruleset *set, const char *id, pl_severity sev,
		   const char *summary, const char *origin)
{
	size_t cap = set->cap;
	pl_rule_info *r;

	if (pl_ruleset_find(set, id) >= 0)
		return pl_error_set(PL_EINVAL, "rule '%s' is defined twice", id);
	if (PL_GROW(set->info, set->cap, set->n + 1) < 0 ||
	    PL_GROW(set->enabled, cap, set->n + 1) < 0)
		return PL_ENOMEM;
	r = &set->info[set->n];
	r->id = strdup(id);
	r->summary = strdup(summary ? summary : "");
	r->origin = strdup(origin ? origin : "");
	r->severity = sev;
	r->off = false;
	if (!r->id || !r->summary || !r->origin)
		return pl_error_set(PL_ENOMEM, "out of memory");
	set->enabled[set->n] = true;
	return (int)set->n++;
}

int pl_ruleset_find(const pl_ruleset *set, const char *id)
{
	size_t i;

	for (i = 0; i < set->n; i++)
		if (strcmp(set->info[i].id, id) == 0)
			return (int)i;
	return -1;
}

static bool matches(const char *id, const char *name, size_t n)
{
	if (strncmp(id, name, n) != 0)
		return false;
	return id[n] == '\0' || id[n] == '.';
}

int pl_ruleset_enable(pl_ruleset *set, const char *spec, bool on)
{
	const char *p = spec;

	while (*p) {
		size_t n = strcspn(p, ","), i, hits = 0;

		if (n == 0) {
			p++;
			continue;
		}
		if (n == 3 && strncmp(p, "all", 3) == 0) {
			for (i = 0; i < set->n; i++)
				set->enabled[i] = on;
			hits = 1;
		}
		for (i = 0; i < set->n; i++)
			if (matches(set->info[i].id, p, n)) {
				set->enabled[i] = on;
				hits++;
			}
		if (!hits)
			return pl_error_set(PL_EINVAL,
					    "unknown rule '%.*s' (see --list-rules)",
					    (int)n, p);
		p += n;
	}
	return PL_OK;
}

int pl_ruleset_copy(pl_ruleset *out, const pl_ruleset *from)
{
	memset(out, 0, sizeof(*out));
	out->info = malloc((from->n + 1) * sizeof(*out->info));
	out->enabled = malloc((from->n + 1) * sizeof(*out->enabled));
	if (!out->info || !out->enabled) {
		pl_ruleset_copy_free(out);
		return pl_error_set(PL_ENOMEM, "out of memory");
	}
	memcpy(out->info, from->info, from->n * sizeof(*out->info));
	memcpy(out->enabled, from->enabled, from->n * sizeof(*out->enabled));
	out->n = out->cap = from->n;
	return PL_OK;
}

void pl_ruleset_copy_free(pl_ruleset *set)
{
	free(set->info);
	free(set->enabled);
	memset(set, 0, sizeof(*set));
}
