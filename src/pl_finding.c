#include "pl_finding.h"

#include <stdlib.h>
#include <string.h>

/* Two findings of one rule on one span are one finding. */
static int same_place(const pl_finding *x, const pl_finding *y)
{
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->rule != y->rule)
		return x->rule < y->rule ? -1 : 1;
	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	return 0;
}

/* By place, then message: qsort keeps no order among equals, and which of
 * two findings at one place survives must not depend on the C library. */
static int compare(const void *a, const void *b)
{
	const pl_finding *x = a, *y = b;
	int c = same_place(x, y);

	if (c || x->message == y->message)
		return c;
	if (!x->message || !y->message)
		return x->message ? 1 : -1;
	return strcmp(x->message, y->message);
}

void pl_findings_sort(pl_findings *f)
{
	size_t i, k = 0;

	if (f->n < 2)
		return;
	qsort(f->v, f->n, sizeof(*f->v), compare);
	for (i = 0; i < f->n; i++)
		if (k == 0 || same_place(&f->v[k - 1], &f->v[i]) != 0)
			f->v[k++] = f->v[i];
	f->n = k;
}

void pl_findings_fini(pl_findings *f)
{
	free(f->v);
	memset(f, 0, sizeof(*f));
}

static const char *const names[] = { "error", "warning", "suggestion" };

const char *pl_severity_name(pl_severity s)
{
	return (unsigned)s < PL_ARRAY_LEN(names) ? names[s] : "warning";
}

int pl_severity_parse(const char *name)
{
	size_t i;

	for (i = 0; i < PL_ARRAY_LEN(names); i++)
		if (strcmp(names[i], name) == 0)
			return (int)i;
	return -1;
}
