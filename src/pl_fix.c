#include "pl_fix.h"
#include "pl_error.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Rules whose first suggestion can replace the text without a human. */
static const char *const safe[] = {
	"spacing.missing-after", "spacing.before-punctuation", "spacing.double",
	"spelling.typo", "capitalization.proper-noun", "artifact.html-entity",
	"artifact.invisible-char", "artifact.mojibake", "artifact.doubled-word",
	"artifact.boilerplate",
};

static bool is_safe(const char *id)
{
	size_t i;

	for (i = 0; i < PL_ARRAY_LEN(safe); i++)
		if (strcmp(safe[i], id) == 0)
			return true;
	return false;
}

/* The character an HTML entity stands for (UTF-8), or 0 bytes when unknown. */
static size_t decode_entity(const char *s, size_t n, char *out)
{
	static const struct {
		const char *name, *utf8;
	} named[] = {
		{ "amp", "&" }, { "lt", "<" }, { "gt", ">" }, { "quot", "\"" },
		{ "apos", "'" }, { "nbsp", " " }, { "ndash", "\xE2\x80\x93" },
		{ "mdash", "\xE2\x80\x94" }, { "lsquo", "\xE2\x80\x98" },
		{ "rsquo", "\xE2\x80\x99" }, { "ldquo", "\xE2\x80\x9C" },
		{ "rdquo", "\xE2\x80\x9D" }, { "hellip", "\xE2\x80\xA6" },
		{ "eacute", "\xC3\xA9" }, { "copy", "\xC2\xA9" }, { "reg", "\xC2\xAE" },
		{ "euro", "\xE2\x82\xAC" }, { "pound", "\xC2\xA3" }, { "deg", "\xC2\xB0" },
	};
	size_t i;
	unsigned long cp;
	char *end;

	if (n < 3 || s[0] != '&' || s[n - 1] != ';')
		return 0;
	if (s[1] == '#') {
		bool hex = n > 3 && (s[2] == 'x' || s[2] == 'X');
		cp = strtoul(s + (hex ? 3 : 2), &end, hex ? 16 : 10);
		if (end != s + n - 1 || cp == 0 || cp > 0x10FFFF ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		if (cp == 0xA0)
			cp = ' ';
		if (cp < 0x80) {
			out[0] = (char)cp;
			return 1;
		} else if (cp < 0x800) {
			out[0] = (char)(0xC0 | (cp >> 6));
			out[1] = (char)(0x80 | (cp & 0x3F));
			return 2;
		} else if (cp < 0x10000) {
			out[0] = (char)(0xE0 | (cp >> 12));
			out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
			out[2] = (char)(0x80 | (cp & 0x3F));
			return 3;
		}
		out[0] = (char)(0xF0 | (cp >> 18));
		out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[3] = (char)(0x80 | (cp & 0x3F));
		return 4;
	}
	for (i = 0; i < PL_ARRAY_LEN(named); i++)
		if (strlen(named[i].name) == n - 2 && memcmp(named[i].name, s + 1, n - 2) == 0) {
			memcpy(out, named[i].utf8, strlen(named[i].utf8));
			return strlen(named[i].utf8);
		}
	return 0;
}

static int add(pl_edits *e, size_t start, size_t end, const char *text, size_t len,
	       size_t finding)
{
	if (e->n && start < e->v[e->n - 1].end)
		return PL_OK; /* overlaps the fix before it: left for a second run */
	if (PL_GROW(e->v, e->cap, e->n + 1) < 0)
		return PL_ENOMEM;
	e->v[e->n++] = (pl_edit){ start, end, text, len, finding };
	return PL_OK;
}

int pl_fix_collect(pl_edits *out, const pl_findings *f, const pl_ruleset *rules,
		   const char *text, size_t len)
{
	size_t i, need = 0;
	int err = 0;

	memset(out, 0, sizeof(*out));
	/* room for decoded entities, so their pointers stay put */
	for (i = 0; i < f->n; i++)
		if (strcmp(rules->info[f->v[i].rule].id, "artifact.html-entity") == 0)
			need += 4;
	if (need && !(out->scratch = malloc(need)))
		return pl_error_set(PL_ENOMEM, "out of memory");
	out->scratch_cap = need;
	for (i = 0; i < f->n && err == 0; i++) {
		const pl_finding *x = &f->v[i];
		const char *id = rules->info[x->rule].id;
		size_t s = x->start, e = x->end;

		if (!is_safe(id) || e > len)
			continue;
		if (strcmp(id, "artifact.html-entity") == 0) {
			char *dst = out->scratch + out->scratch_len;
			size_t n = decode_entity(text + s, e - s, dst);
			if (!n)
				continue;
			out->scratch_len += n;
			err = add(out, s, e, dst, n, i);
		} else if (strcmp(id, "artifact.boilerplate") == 0) {
			/* the whole line goes, with its line break */
			while (s > 0 && text[s - 1] != '\n')
				s--;
			while (e < len && text[e] != '\n')
				e++;
			if (e < len)
				e++;
			err = add(out, s, e, "", 0, i);
		} else if (x->n_suggest) {
			err = add(out, s, e, x->suggest[0], strlen(x->suggest[0]), i);
		}
	}
	if (err < 0)
		pl_edits_fini(out);
	return err;
}

void pl_edits_fini(pl_edits *e)
{
	free(e->v);
	free(e->scratch);
	memset(e, 0, sizeof(*e));
}

int pl_fix_apply(char **out, size_t *out_len, const char *text, size_t len,
		 const pl_edits *e)
{
	size_t i, n = len, o = 0, at = 0;
	char *buf;

	for (i = 0; i < e->n; i++)
		n = n - (e->v[i].end - e->v[i].start) + e->v[i].len;
	if (!(buf = malloc(n + 1)))
		return pl_error_set(PL_ENOMEM, "out of memory");
	for (i = 0; i < e->n; i++) {
		const pl_edit *x = &e->v[i];
		memcpy(buf + o, text + at, x->start - at);
		o += x->start - at;
		memcpy(buf + o, x->text, x->len);
		o += x->len;
		at = x->end;
	}
	memcpy(buf + o, text + at, len - at);
	o += len - at;
	buf[o] = '\0';
	*out = buf;
	*out_len = o;
	return PL_OK;
}

/* ---- diff --------------------------------------------------------------- */

#define CONTEXT 3

static size_t line_start(const char *t, size_t at)
{
	while (at > 0 && t[at - 1] != '\n')
		at--;
	return at;
}

static size_t line_after(const char *t, size_t len, size_t at)
{
	while (at < len && t[at] != '\n')
		at++;
	return at < len ? at + 1 : at;
}

static size_t count_lines(const char *t, size_t from, size_t to)
{
	size_t n = 0;
	for (; from < to; from++)
		if (t[from] == '\n')
			n++;
	return n;
}

/* Print the lines of s[0, n) with a prefix; mark a missing final newline. */
static void put_lines(FILE *fp, char prefix, const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		size_t e = i;
		while (e < n && s[e] != '\n')
			e++;
		fputc(prefix, fp);
		fwrite(s + i, 1, e - i, fp);
		fputc('\n', fp);
		if (e >= n)
			fputs("\\ No newline at end of file\n", fp);
		i = e + 1;
	}
}

/* A run of consecutive lines that edits touch, and the edits in it. */
typedef struct block {
	size_t from, to;       /* byte range of whole lines */
	size_t line, lines;    /* first line (1-based) and how many */
	size_t e0, e1;         /* edits [e0, e1) */
} block;

static size_t lines_in(const char *t, size_t len, size_t from, size_t to)
{
	return count_lines(t, from, to) + (to == len && to > from && t[to - 1] != '\n');
}

/* The block's new text, malloc'd. */
static char *block_text(const char *t, const block *b, const pl_edits *e, size_t *n)
{
	size_t m, o = 0, at = b->from, len = b->to - b->from;
	char *buf;

	for (m = b->e0; m < b->e1; m++)
		len = len - (e->v[m].end - e->v[m].start) + e->v[m].len;
	if (!(buf = malloc(len + 1)))
		return NULL;
	for (m = b->e0; m < b->e1; m++) {
		memcpy(buf + o, t + at, e->v[m].start - at);
		o += e->v[m].start - at;
		memcpy(buf + o, e->v[m].text, e->v[m].len);
		o += e->v[m].len;
		at = e->v[m].end;
	}
	memcpy(buf + o, t + at, b->to - at);
	o += b->to - at;
	*n = o;
	return buf;
}

void pl_fix_diff(FILE *fp, const char *path, const char *text, size_t len,
		 const pl_edits *e)
{
	block *b = NULL;
	size_t nb = 0, cap = 0, i, h;
	long delta = 0; /* new lines minus old lines so far */

	if (!e->n)
		return;
	/* blocks of touched lines */
	for (i = 0; i < e->n; i++) {
		size_t from = line_start(text, e->v[i].start);
		size_t to = line_after(text, len, e->v[i].end > e->v[i].start ?
						      e->v[i].end - 1 : e->v[i].end);
		if (nb && from <= b[nb - 1].to) {
			if (to > b[nb - 1].to)
				b[nb - 1].to = to;
			b[nb - 1].e1 = i + 1;
			continue;
		}
		if (PL_GROW(b, cap, nb + 1) < 0) {
			free(b);
			return;
		}
		b[nb++] = (block){ from, to, 0, 0, i, i + 1 };
	}
	/* line numbers counted on from block to block: linear in the file */
	{
		size_t at = 0, line = 1;
		for (i = 0; i < nb; i++) {
			line += count_lines(text, at, b[i].from);
			at = b[i].from;
			b[i].line = line;
			b[i].lines = lines_in(text, len, b[i].from, b[i].to);
		}
	}
	if (path[0] == '/')
		fprintf(fp, "--- %s\n+++ %s\n", path, path);
	else
		fprintf(fp, "--- a/%s\n+++ b/%s\n", path, path);
	/* hunks: blocks whose context would touch */
	for (h = 0; h < nb;) {
		size_t last = h, k, ctx_from, ctx_to, old_n, new_n = 0, at;
		while (last + 1 < nb &&
		       b[last + 1].line - (b[last].line + b[last].lines) <= 2 * CONTEXT)
			last++;
		ctx_from = b[h].from;
		for (k = 0; k < CONTEXT && ctx_from > 0; k++)
			ctx_from = line_start(text, ctx_from - 1);
		ctx_to = b[last].to;
		for (k = 0; k < CONTEXT && ctx_to < len; k++)
			ctx_to = line_after(text, len, ctx_to);
		old_n = lines_in(text, len, ctx_from, ctx_to);
		/* new line count: old minus blocks' old lines plus their new */
		new_n = old_n;
		char **nt = calloc(last - h + 1, sizeof(*nt));
		size_t *nn = calloc(last - h + 1, sizeof(*nn));
		if (!nt || !nn) {
			free(nt);
			free(nn);
			break;
		}
		for (k = h; k <= last; k++) {
			size_t m, lines = 0;
			nt[k - h] = block_text(text, &b[k], e, &nn[k - h]);
			for (m = 0; nt[k - h] && m < nn[k - h]; m++)
				lines += nt[k - h][m] == '\n';
			if (nn[k - h] && nt[k - h][nn[k - h] - 1] != '\n')
				lines++;
			new_n = new_n - b[k].lines + lines;
		}
		k = b[h].line - count_lines(text, ctx_from, b[h].from); /* first line */
		fprintf(fp, "@@ -%zu,%zu +%ld,%zu @@\n", k, old_n, (long)k + delta, new_n);
		at = ctx_from;
		for (k = h; k <= last; k++) {
			put_lines(fp, ' ', text + at, b[k].from - at);
			put_lines(fp, '-', text + b[k].from, b[k].to - b[k].from);
			if (nt[k - h])
				put_lines(fp, '+', nt[k - h], nn[k - h]);
			at = b[k].to;
			free(nt[k - h]);
		}
		put_lines(fp, ' ', text + at, ctx_to - at);
		free(nt);
		free(nn);
		delta += (long)new_n - (long)old_n;
		h = last + 1;
	}
	free(b);
}

/* ---- writing ------------------------------------------------------------ */

/* The temporary file being written, so an interrupted run removes it: the
 * original is never touched before the rename, so it is always intact. */
static char pending_tmp[4096];
static volatile sig_atomic_t pending_set;

static void on_signal(int sig)
{
	if (pending_set)
		unlink(pending_tmp);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void guard(const char *tmp)
{
	static bool installed;

	snprintf(pending_tmp, sizeof(pending_tmp), "%s", tmp);
	pending_set = 1;
	if (!installed) {
		installed = true;
		signal(SIGINT, on_signal);
		signal(SIGTERM, on_signal);
		signal(SIGHUP, on_signal);
	}
}

static int read_back(const char *path, const char *expected, size_t n)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	char buf[65536];
	size_t at = 0;
	ssize_t got;

	if (fd < 0)
		return pl_error_set(PL_EIO, "%s: cannot open: %s", path, strerror(errno));
	while ((got = read(fd, buf, sizeof(buf))) > 0) {
		if (at + (size_t)got > n || memcmp(expected + at, buf, (size_t)got) != 0) {
			close(fd);
			return PL_EINVAL;
		}
		at += (size_t)got;
	}
	close(fd);
	if (got < 0)
		return pl_error_set(PL_EIO, "%s: cannot read: %s", path, strerror(errno));
	return at == n ? PL_OK : PL_EINVAL;
}

int pl_fix_write(const char *path, const char *expected, size_t expected_len,
		 const char *data, size_t len)
{
	char tmp[4096];
	const char *slash = strrchr(path, '/');
	struct stat st;
	size_t at = 0;
	int fd, err;

	if (stat(path, &st) < 0)
		return pl_error_set(PL_EIO, "%s: %s", path, strerror(errno));
	if ((err = read_back(path, expected, expected_len)) < 0) {
		if (err == PL_EINVAL)
			pl_error_set(err, "%s: changed since it was read; not fixed", path);
		return err;
	}
	if (slash)
		snprintf(tmp, sizeof(tmp), "%.*s/.%s.presslint-XXXXXX",
			 (int)(slash - path), path, slash + 1);
	else
		snprintf(tmp, sizeof(tmp), ".%s.presslint-XXXXXX", path);
	if ((fd = mkstemp(tmp)) < 0)
		return pl_error_set(PL_EIO, "%s: cannot create a temporary file beside it: %s",
				    path, strerror(errno));
	guard(tmp);
	while (at < len) {
		ssize_t w = write(fd, data + at, len - at);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			err = pl_error_set(PL_EIO, "%s: cannot write: %s", path, strerror(errno));
			goto fail;
		}
		at += (size_t)w;
	}
	if (fchmod(fd, st.st_mode & 07777) < 0 || fsync(fd) < 0) {
		err = pl_error_set(PL_EIO, "%s: cannot write: %s", path, strerror(errno));
		goto fail;
	}
	if (close(fd) < 0) {
		fd = -1;
		err = pl_error_set(PL_EIO, "%s: cannot write: %s", path, strerror(errno));
		goto fail;
	}
	fd = -1;
	/* last look: a change that came in while we wrote wins */
	if ((err = read_back(path, expected, expected_len)) < 0) {
		if (err == PL_EINVAL)
			pl_error_set(err, "%s: changed since it was read; not fixed", path);
		goto fail;
	}
	if (rename(tmp, path) < 0) {
		err = pl_error_set(PL_EIO, "%s: cannot replace: %s", path, strerror(errno));
		goto fail;
	}
	pending_set = 0;
	return PL_OK;
fail:
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	pending_set = 0;
	return err;
}
