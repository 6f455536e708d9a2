#include "pl_config.h"
#include "pl_error.h"
#include "pl_finding.h"

#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct entry {
	char *key, *value;
	size_t line;
	int section; /* -1: top level */
} entry;

struct pl_config {
	char *path, *dir;
	char **globs; /* section patterns */
	size_t n_globs, cap_globs;
	entry *v;
	size_t n, cap;
};

static const char *const keys[] = { "lang", "enable", "disable", "syntax",
				     "rules", "accept", "reject" };

static bool known_key(const char *k)
{
	size_t i;

	if (strncmp(k, "severity.", 9) == 0 && k[9])
		return true;
	for (i = 0; i < PL_ARRAY_LEN(keys); i++)
		if (strcmp(keys[i], k) == 0)
			return true;
	return false;
}

static char *trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n'))
		*--e = '\0';
	return s;
}

void pl_config_free(pl_config *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < c->n; i++) {
		free(c->v[i].key);
		free(c->v[i].value);
	}
	for (i = 0; i < c->n_globs; i++)
		free(c->globs[i]);
	free(c->globs);
	free(c->v);
	free(c->path);
	free(c->dir);
	free(c);
}

static int check_value(const char *path, size_t line, const char *key, const char *v)
{
	if (!*v)
		return pl_error_set(PL_EINVAL, "%s:%zu: error: '%s' needs a value",
				    path, line, key);
	if (strcmp(key, "syntax") == 0 && strcmp(v, "auto") && strcmp(v, "plain") &&
	    strcmp(v, "markdown") && strcmp(v, "html"))
		return pl_error_set(PL_EINVAL, "%s:%zu: error: syntax is auto, plain, "
				    "markdown or html, not '%s'", path, line, v);
	if (strncmp(key, "severity.", 9) == 0 && pl_severity_parse(v) < 0)
		return pl_error_set(PL_EINVAL, "%s:%zu: error: severity is error, "
				    "warning or suggestion, not '%s'", path, line, v);
	return PL_OK;
}

int pl_config_load(pl_config **out, const char *path)
{
	FILE *f = fopen(path, "r");
	pl_config *c = NULL;
	char *line = NULL, *slash;
	size_t cap = 0, lineno = 0;
	int section = -1, err = 0;

	*out = NULL;
	if (!f)
		return pl_error_set(PL_EIO, "%s: cannot open: %s", path, strerror(errno));
	if (!(c = calloc(1, sizeof(*c))) || !(c->path = strdup(path))) {
		err = pl_error_set(PL_ENOMEM, "out of memory");
		goto cleanup;
	}
	slash = strrchr(c->path, '/');
	c->dir = slash ? strndup(c->path, (size_t)(slash - c->path ? slash - c->path : 1))
		       : strdup(".");
	while (getline(&line, &cap, f) >= 0) {
		char *s = trim(line), *eq, *k, *v;
		lineno++;
		if (!*s || *s == '#' || *s == ';')
			continue;
		if (*s == '[') {
			char *close = strrchr(s, ']');
			if (!close || close[1] || close == s + 1) {
				err = pl_error_set(PL_EINVAL, "%s:%zu: error: expected '[glob]'",
						   path, lineno);
				goto cleanup;
			}
			*close = '\0';
			if (PL_GROW(c->globs, c->cap_globs, c->n_globs + 1) < 0 ||
			    !(c->globs[c->n_globs] = strdup(trim(s + 1)))) {
				err = PL_ENOMEM;
				goto cleanup;
			}
			section = (int)c->n_globs++;
			continue;
		}
		if (!(eq = strchr(s, '='))) {
			err = pl_error_set(PL_EINVAL, "%s:%zu: error: expected 'key = value'",
					   path, lineno);
			goto cleanup;
		}
		*eq = '\0';
		k = trim(s);
		v = trim(eq + 1);
		if (!known_key(k)) {
			err = pl_error_set(PL_EINVAL, "%s:%zu: error: unknown key '%s'",
					   path, lineno, k);
			goto cleanup;
		}
		if (section >= 0 && (strcmp(k, "rules") == 0 || strcmp(k, "accept") == 0 ||
				     strcmp(k, "reject") == 0 || strcmp(k, "lang") == 0)) {
			err = pl_error_set(PL_EINVAL, "%s:%zu: error: '%s' applies to the "
					   "whole run: put it before any [section]",
					   path, lineno, k);
			goto cleanup;
		}
		PL_CHECK(check_value(path, lineno, k, v));
		if (PL_GROW(c->v, c->cap, c->n + 1) < 0) {
			err = PL_ENOMEM;
			goto cleanup;
		}
		c->v[c->n] = (entry){ strdup(k), strdup(v), lineno, section };
		if (!c->v[c->n].key || !c->v[c->n].value) {
			err = PL_ENOMEM;
			goto cleanup;
		}
		c->n++;
	}
	*out = c;
	c = NULL;
cleanup:
	pl_config_free(c);
	free(line);
	fclose(f);
	return err;
}

const char *pl_config_path(const pl_config *c)
{
	return c->path;
}

const char *pl_config_dir(const pl_config *c)
{
	return c->dir;
}

/* `path` relative to the configuration's folder, for matching globs. */
static const char *relative(const pl_config *c, const char *path, char *buf,
			    size_t size)
{
	char abs[PATH_MAX], dir[PATH_MAX];
	size_t n;

	if (!realpath(c->dir, dir))
		return path;
	if (!realpath(path, abs)) {
		/* not there (yet): the path as given, if absolute */
		if (path[0] != '/') {
			snprintf(buf, size, "%s", path);
			return buf;
		}
		snprintf(abs, sizeof(abs), "%s", path);
	}
	n = strlen(dir);
	if (strncmp(abs, dir, n) == 0 && abs[n] == '/') {
		snprintf(buf, size, "%s", abs + n + 1);
		return buf;
	}
	snprintf(buf, size, "%s", abs);
	return buf;
}

static bool applies(const pl_config *c, const entry *e, const char *rel)
{
	const char *g;

	if (e->section < 0)
		return true;
	g = c->globs[e->section];
	/* a glob without '/' matches the file name anywhere below */
	if (!strchr(g, '/')) {
		const char *base = strrchr(rel, '/');
		return fnmatch(g, base ? base + 1 : rel, 0) == 0;
	}
	return fnmatch(g, rel, 0) == 0;
}

const char *pl_config_get(const pl_config *c, const char *key)
{
	const char *v = NULL;
	size_t i;

	for (i = 0; c && i < c->n; i++)
		if (c->v[i].section < 0 && strcmp(c->v[i].key, key) == 0)
			v = c->v[i].value;
	return v;
}

const char *pl_config_get_for(const pl_config *c, const char *path, const char *key)
{
	char buf[PATH_MAX];
	const char *rel, *v = NULL;
	size_t i;

	if (!c)
		return NULL;
	rel = relative(c, path, buf, sizeof(buf));
	for (i = 0; i < c->n; i++)
		if (strcmp(c->v[i].key, key) == 0 && applies(c, &c->v[i], rel))
			v = c->v[i].value;
	return v;
}

static int apply_entry(const pl_config *c, const entry *e, pl_ruleset *set)
{
	if (strcmp(e->key, "enable") == 0 || strcmp(e->key, "disable") == 0) {
		if (pl_ruleset_enable(set, e->value, e->key[0] == 'e') < 0) {
			char why[256];
			snprintf(why, sizeof(why), "%s", pl_error_last());
			return pl_error_set(PL_EINVAL, "%s:%zu: error: %s", c->path,
					    e->line, why);
		}
	} else if (strncmp(e->key, "severity.", 9) == 0) {
		int r = pl_ruleset_find(set, e->key + 9);
		if (r < 0)
			return pl_error_set(PL_EINVAL, "%s:%zu: error: unknown rule '%s'",
					    c->path, e->line, e->key + 9);
		set->info[r].severity = (pl_severity)pl_severity_parse(e->value);
	}
	return PL_OK;
}

int pl_config_apply_rules(const pl_config *c, const char *path, pl_ruleset *set)
{
	char buf[PATH_MAX];
	const char *rel;
	size_t i;
	int err;

	if (!c)
		return PL_OK;
	rel = relative(c, path, buf, sizeof(buf));
	for (i = 0; i < c->n; i++)
		if (applies(c, &c->v[i], rel) && (err = apply_entry(c, &c->v[i], set)) < 0)
			return err;
	return PL_OK;
}

int pl_config_validate(const pl_config *c, const pl_ruleset *set)
{
	pl_ruleset copy;
	size_t i;
	int err = 0;

	/* apply every entry to a scratch copy: errors carry file:line */
	copy.n = copy.cap = set->n;
	copy.info = malloc(set->n * sizeof(*copy.info));
	copy.enabled = malloc(set->n * sizeof(*copy.enabled));
	if (!copy.info || !copy.enabled) {
		free(copy.info);
		free(copy.enabled);
		return pl_error_set(PL_ENOMEM, "out of memory");
	}
	memcpy(copy.info, set->info, set->n * sizeof(*copy.info));
	memcpy(copy.enabled, set->enabled, set->n * sizeof(*copy.enabled));
	for (i = 0; i < c->n && err == 0; i++)
		err = apply_entry(c, &c->v[i], &copy);
	free(copy.info);
	free(copy.enabled);
	return err;
}

int pl_config_each(const pl_config *c, const char *key,
		   int (*fn)(const char *path, void *ud), void *ud)
{
	char buf[PATH_MAX];
	size_t i;
	int err;

	for (i = 0; c && i < c->n; i++) {
		const entry *e = &c->v[i];
		if (e->section >= 0 || strcmp(e->key, key) != 0)
			continue;
		if (e->value[0] == '/')
			snprintf(buf, sizeof(buf), "%s", e->value);
		else
			snprintf(buf, sizeof(buf), "%s/%s", c->dir, e->value);
		if ((err = fn(buf, ud)) < 0) {
			char why[256];
			snprintf(why, sizeof(why), "%s", pl_error_last());
			return pl_error_set(err, "%s:%zu: error: %s", c->path, e->line, why);
		}
	}
	return PL_OK;
}

bool pl_config_find(const char *file, char *out, size_t size)
{
	char dir[PATH_MAX], *slash;

	struct stat st;

	if (stat(file, &st) == 0 && S_ISDIR(st.st_mode)) {
		if (!realpath(file, dir))
			return false;
	} else if (strcmp(file, "-") == 0 || !strchr(file, '/')) {
		if (!getcwd(dir, sizeof(dir)))
			return false;
	} else {
		snprintf(dir, sizeof(dir), "%s", file);
		*strrchr(dir, '/') = '\0';
		if (!*dir)
			strcpy(dir, "/");
		char abs[PATH_MAX];
		if (!realpath(dir, abs))
			return false;
		snprintf(dir, sizeof(dir), "%s", abs);
	}
	for (;;) {
		snprintf(out, size, "%s/.presslint", strcmp(dir, "/") ? dir : "");
		if (access(out, R_OK) == 0)
			return true;
		if (!(slash = strrchr(dir, '/')) || !strcmp(dir, "/"))
			return false;
		if (slash == dir)
			strcpy(dir, "/");
		else
			*slash = '\0';
	}
}
