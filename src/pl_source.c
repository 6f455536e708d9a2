#include "pl_source.h"
#include "pl_error.h"
#include "pl_pages.h"

#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define SUB 0x1A
#define PAD 64

size_t pl_utf8_valid_len(const unsigned char *s, size_t avail)
{
	unsigned c = s[0];
	size_t n, i;
	uint32_t cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		n = 2, cp = c & 0x1F;
	else if (c >= 0xE0 && c <= 0xEF)
		n = 3, cp = c & 0x0F;
	else if (c >= 0xF0 && c <= 0xF4)
		n = 4, cp = c & 0x07;
	else
		return 0;
	if (avail < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return n;
}

bool pl_source_looks_binary(const char *buf, size_t len)
{
	const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
	size_t i, n = len < 8192 ? len : 8192, ctrl = 0;

	for (i = 0; i < n; i++) {
		unsigned char c;
		uint64_t x;

		/* eight bytes at a time past text with no control byte:
		 * (x - 0x20 each) & ~x flags a byte below 0x20 */
		if (i + 8 <= n) {
			memcpy(&x, buf + i, 8);
			if (!((x - ones * 0x20) & ~x & highs)) {
				i += 7;
				continue;
			}
		}
		c = (unsigned char)buf[i];
		if (c == 0)
			return true;
		if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f')
			ctrl++;
	}
	return n > 0 && ctrl * 10 > n;
}

/* Bytes from `i` on that need no look: sixteen (or eight) at a time
 * while none is NUL or above 0x7F (plain ASCII prose is nearly all of a
 * file). */
static size_t skip_plain(const char *text, size_t i, size_t len)
{
	const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;

#ifdef __SSE2__
	const __m128i zero = _mm_setzero_si128();

	for (; i + 16 <= len; i += 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(text + i));
		/* the high bit of a byte above 0x7F, or of a zero byte's mark */
		if (_mm_movemask_epi8(_mm_or_si128(x, _mm_cmpeq_epi8(x, zero))))
			break;
	}
#endif
	for (; i + 8 <= len; i += 8) {
		uint64_t x;
		memcpy(&x, text + i, 8);
		/* (x - ones) & ~x flags a zero byte; x itself flags a high one */
		if (((x - ones) & ~x & highs) | (x & highs))
			break;
	}
	while (i < len && (unsigned char)text[i] - 1u < 0x7Fu)
		i++;
	return i;
}

/* Checks and cleans src->text (len bytes, then PAD zero bytes) in place. */
static int validate(pl_source *src)
{
	char *text = src->text;
	size_t i, len = src->len, cap = 0;

	if (len >= 4 && memcmp(text, "\xFF\xFE\0\0", 4) == 0)
		src->wide = "UTF-32LE";
	else if (len >= 4 && memcmp(text, "\0\0\xFE\xFF", 4) == 0)
		src->wide = "UTF-32BE";
	else if (len >= 2 && memcmp(text, "\xFF\xFE", 2) == 0)
		src->wide = "UTF-16LE";
	else if (len >= 2 && memcmp(text, "\xFE\xFF", 2) == 0)
		src->wide = "UTF-16BE";
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		src->body = 3;

	for (i = 0; i < len;) {
		unsigned char c;
		size_t n;

		if ((i = skip_plain(text, i, len)) >= len)
			break;
		c = (unsigned char)text[i];
		if (c == 0) {
			text[i++] = SUB;
			src->n_nul++;
			continue;
		}
		n = pl_utf8_valid_len((const unsigned char *)text + i, len - i);
		if (n) {
			i += n;
			continue;
		}
		/* one invalid span per run of bad bytes */
		if (src->n_invalid && src->invalid[src->n_invalid - 1].end == i) {
			src->invalid[src->n_invalid - 1].end = i + 1;
		} else {
			if (PL_GROW(src->invalid, cap, src->n_invalid + 1) < 0)
				return pl_error_set(PL_ENOMEM, "out of memory");
			src->invalid[src->n_invalid++] = (pl_span){ i, i + 1 };
		}
		text[i++] = SUB;
	}
	return PL_OK;
}

static pl_source *new_source(const char *path)
{
	pl_source *src = calloc(1, sizeof(*src));

	if (src && !(src->path = strdup(strcmp(path, "-") ? path : "<stdin>"))) {
		free(src);
		src = NULL;
	}
	if (!src)
		pl_error_set(PL_ENOMEM, "out of memory");
	return src;
}

int pl_source_from_buffer(pl_source **out, const char *path, char *buf,
			  size_t len)
{
	pl_source *src;
	char *text;
	int err;

	*out = NULL;
	/* zero padding: PCRE2's JIT reads whole vectors near the end */
	text = realloc(buf, len + PAD);
	if (!text) {
		free(buf);
		return pl_error_set(PL_ENOMEM, "out of memory");
	}
	memset(text + len, 0, PAD);
	if (!(src = new_source(path))) {
		free(text);
		return PL_ENOMEM;
	}
	src->text = text;
	src->len = len;
	if ((err = validate(src)) < 0) {
		pl_source_free(src);
		return err;
	}
	*out = src;
	return PL_OK;
}

/* A buffer for `cap` bytes of text. A large file's buffer is asked for in
 * huge pages: faulting in 4 KB pages one by one cost more than reading the
 * file (about 40 ms for 10 MB on a virtual machine, 3 ms with 2 MB pages).
 * The advice is only advice: where the kernel says no, nothing changes. */
static char *alloc_text(size_t cap)
{
	const size_t huge = PL_PAGES_HUGE;
	char *buf;

	if (cap < 2 * huge)
		return malloc(cap);
	cap = (cap + huge - 1) & ~(huge - 1);
	if (!(buf = aligned_alloc(huge, cap)))
		return NULL;
#ifdef MADV_HUGEPAGE
	madvise(buf, cap, MADV_HUGEPAGE);
#endif
	return buf;
}

/* Read fd to its end; `st` is its fstat(), NULL if that failed. */
static int read_all(int fd, const struct stat *st, char **out, size_t *out_len)
{
	size_t cap = 65536, len = 0;
	bool regular = st && S_ISREG(st->st_mode);
	ssize_t n;
	char *buf, *p;

	/* a regular file is read into a buffer of its size (plus the padding
	 * the text needs), so a large file is never copied as it grows */
	if (regular && st->st_size > 0)
		cap = (size_t)st->st_size + PAD + 1;
	if (!(buf = alloc_text(cap)))
		return pl_error_set(PL_ENOMEM, "out of memory");
	while ((n = read(fd, buf + len, cap - len)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			free(buf);
			return PL_EIO;
		}
		len += (size_t)n;
		/* a regular file read to the size it had is read: no read more
		 * to be told so (a system call costs over a microsecond here,
		 * a file of an archive some twenty). A file of no size (/proc)
		 * is read to its end. */
		if (regular && st->st_size > 0 && len >= (size_t)st->st_size && len < cap)
			break;
		if (len == cap) {
			if (!(p = realloc(buf, cap * 2))) {
				free(buf);
				return pl_error_set(PL_ENOMEM, "out of memory");
			}
			buf = p;
			cap *= 2;
		}
	}
	*out = buf;
	*out_len = len;
	return PL_OK;
}

/* A large regular file is mapped, not read: reading it into new memory
 * cost more in zeroing and faulting that memory than in checking the text
 * (9% of a 50 MB run). The mapping is private, so the few bytes cleaned in
 * place (NUL, invalid UTF-8) and masking copy only the pages they touch;
 * the file never changes. The padding the text needs lies in anonymous
 * pages mapped first over the whole range. Small files, the drafts an
 * editor may rewrite while they are read, are read: a mapped file cut
 * short under us would end the process. */
#define MAP_MIN ((size_t)4 << 20)

/* The files mapped now, so that a SIGBUS (a mapped file cut short while
 * it is read: its pages past the new end are gone) can name the file and
 * end the run with a clear error instead of a crash. A slot is claimed
 * with a compare-and-swap and read by the handler without a lock; a file
 * that finds every slot taken is read, not mapped. */
#define MAX_MAPPED 64

static struct mapped_file {
	_Atomic(uintptr_t) start; /* 0: free */
	size_t len;
	const char *path;
} mapped_files[MAX_MAPPED];

/* A free slot, claimed with a placeholder until publish_mapped() fills
 * it in; NULL when every one is taken. */
static struct mapped_file *claim_mapped(void)
{
	size_t i;

	for (i = 0; i < MAX_MAPPED; i++) {
		uintptr_t free_slot = 0;
		if (atomic_compare_exchange_strong(&mapped_files[i].start, &free_slot,
						   (uintptr_t)1))
			return &mapped_files[i];
	}
	return NULL;
}

static void publish_mapped(struct mapped_file *m, const pl_source *src)
{
	m->len = src->mapped;
	m->path = src->path;
	atomic_store(&m->start, (uintptr_t)src->text);
}

static void forget_mapped(const pl_source *src)
{
	size_t i;

	for (i = 0; i < MAX_MAPPED; i++)
		if (atomic_load(&mapped_files[i].start) == (uintptr_t)src->text) {
			atomic_store(&mapped_files[i].start, (uintptr_t)0);
			return;
		}
}

static void say(const char *s)
{
	ssize_t ignored = write(STDERR_FILENO, s, strlen(s));
	(void)ignored;
}

static void on_sigbus(int sig, siginfo_t *si, void *ctx)
{
	uintptr_t at = (uintptr_t)si->si_addr;
	size_t i;

	(void)ctx;
	for (i = 0; i < MAX_MAPPED; i++) {
		uintptr_t start = atomic_load(&mapped_files[i].start);
		if (start > 1 && at >= start && at - start < mapped_files[i].len) {
			say("presslint: ");
			say(mapped_files[i].path);
			say(": the file was cut short while it was being read\n");
			_exit(2);
		}
	}
	/* not a mapped file's: the default action */
	signal(sig, SIG_DFL);
}

void pl_source_guard_mapped(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_sigbus;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGBUS, &sa, NULL);
}

/* Is a file of this fstat() one to map? */
static bool worth_mapping(const struct stat *st)
{
	return S_ISREG(st->st_mode) && (uint64_t)st->st_size >= MAP_MIN &&
	       (uint64_t)st->st_size <= SIZE_MAX / 2;
}

static int map_file(int fd, const struct stat *st, pl_source *src)
{
	size_t len, page = pl_pages_size(), total;
	struct mapped_file *slot;
	char *base;

	if (!(slot = claim_mapped()))
		return -1;
	len = (size_t)st->st_size;
	total = (len + PAD + page - 1) & ~(page - 1);
	base = mmap(NULL, total, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (base == MAP_FAILED) {
		atomic_store(&slot->start, (uintptr_t)0);
		return -1;
	}
	/* populated read-only (a writable private mapping would be copied
	 * page by page to populate it), then made writable */
	if (mmap(base, len, PROT_READ, MAP_PRIVATE | MAP_FIXED | MAP_POPULATE,
		 fd, 0) == MAP_FAILED ||
	    mprotect(base, len, PROT_READ | PROT_WRITE) != 0) {
		munmap(base, total);
		atomic_store(&slot->start, (uintptr_t)0);
		return -1;
	}
	src->text = base;
	src->len = len;
	src->mapped = total;
	publish_mapped(slot, src);
	return 0;
}

int pl_source_load(pl_source **out, const char *path)
{
	int fd, err;
	char *buf = NULL;
	size_t len = 0;
	pl_source *src;
	struct stat st;
	bool have_st;

	*out = NULL;
	if (strcmp(path, "-") == 0) {
		fd = STDIN_FILENO;
	} else if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		return pl_error_set(PL_EIO, "%s: cannot open: %s", path,
				    strerror(errno));
	}
	have_st = fstat(fd, &st) == 0;
	if (fd != STDIN_FILENO && have_st && worth_mapping(&st)) {
		if (!(src = new_source(path))) {
			close(fd);
			return PL_ENOMEM;
		}
		if (map_file(fd, &st, src) == 0) {
			close(fd);
			if ((err = validate(src)) < 0) {
				pl_source_free(src);
				return err;
			}
			*out = src;
			return PL_OK;
		}
		pl_source_free(src);
	}
	err = read_all(fd, have_st ? &st : NULL, &buf, &len);
	if (err < 0 && err != PL_ENOMEM)
		pl_error_set(err, "%s: cannot read: %s", path, strerror(errno));
	if (fd != STDIN_FILENO)
		close(fd);
	if (err < 0)
		return err;
	return pl_source_from_buffer(out, path, buf, len);
}

void pl_source_free(pl_source *src)
{
	if (!src)
		return;
	free(src->path);
	if (src->mapped) {
		forget_mapped(src);
		munmap(src->text, src->mapped);
	}
	else
		free(src->text);
	free(src->orig);
	free(src->invalid);
	free(src);
}
