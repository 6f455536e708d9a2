/* pl_config.h - the .presslint configuration file.
 *
 * INI, in the spirit of .editorconfig and .vale.ini. Keys before any
 * section apply to every file; a [glob] section applies to the files whose
 * path, relative to the folder of the configuration file, matches the glob
 * ('*' and '?' also match '/', so [drafts/\*] reaches every draft):
 *
 *     lang = en_GB                 # Hunspell dictionary
 *     enable = spacing.double      # rule ids or families, comma-separated
 *     disable = capitalization.title-case
 *     severity.spelling.misspelling = error
 *     syntax = markdown            # auto, plain, markdown or html
 *     rules = styles               # a folder of *.rules files
 *     accept = vocabulary/accept.txt
 *     reject = vocabulary/reject.txt
 *
 *     [archive/\*.txt]
 *     disable = spelling
 *
 * Folders and files are relative to the configuration file. Unknown keys and
 * bad values are errors with file:line. presslint uses the nearest
 * .presslint above each checked file, or the one --config names. */
#ifndef PL_CONFIG_H
#define PL_CONFIG_H

#include "pl_rule.h"

typedef struct pl_config pl_config;

/** Parse `path`. Caller frees with pl_config_free. Errors carry path:line. */
int pl_config_load(pl_config **out, const char *path);

/** Free. NULL is a no-op. */
void pl_config_free(pl_config *c);

/** The file's own path, as loaded. */
const char *pl_config_path(const pl_config *c);

/** The folder the file sits in (relative paths are resolved from it). */
const char *pl_config_dir(const pl_config *c);

/** The value of a top-level key (lang, syntax), or NULL. Borrowed. */
const char *pl_config_get(const pl_config *c, const char *key);

/** The value of `key` for `path`: the last matching section wins over the
 * top level. NULL when unset. Borrowed. */
const char *pl_config_get_for(const pl_config *c, const char *path, const char *key);

/** Apply enable, disable and severity.* for `path` to `set`, in file
 * order. A rule id the set does not know is an error with file:line. */
int pl_config_apply_rules(const pl_config *c, const char *path, pl_ruleset *set);

/** Check every rule name in the file against `set` (so a typo in a rule id
 * is reported before any file is read). */
int pl_config_validate(const pl_config *c, const pl_ruleset *set);

/** Each value of `key` at the top level (rules, accept, reject), resolved
 * against the file's folder; calls fn for each. */
int pl_config_each(const pl_config *c, const char *key,
		   int (*fn)(const char *path, void *ud), void *ud);

/** Find the nearest .presslint at or above the folder of `file`; writes
 * its path to out and returns true when there is one. */
bool pl_config_find(const char *file, char *out, size_t size);

#endif
