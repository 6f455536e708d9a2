/* pl_error.h - the side channel for error messages. */
#ifndef PL_ERROR_H
#define PL_ERROR_H

/** Record a printf-style error message, replacing the previous one.
 * Always returns `code` so callers can write `return pl_error_set(...)`. */
int pl_error_set(int code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/** The last error message recorded on this thread (borrowed; "" if none). */
const char *pl_error_last(void);

/** Forget the last error. */
void pl_error_clear(void);

#endif
