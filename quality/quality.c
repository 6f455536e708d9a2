/*
 * quality.c - recall and false-alarm harness for presslint.
 *
 * Injects one known error per copy of a clean news article, runs presslint
 * (and the peers hunspell and codespell) on the copies and on the clean
 * originals, and prints recall per error kind and false alarms per 10,000
 * words.  Self-contained C11, libc only; other programs are run with
 * fork+exec.  See quality/README.md.
 *
 * Build (from the repository root):
 *   cc -O2 -std=c11 -D_GNU_SOURCE -Wall -Wextra -o quality/quality quality/quality.c
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

/* ------------------------------------------------------------------ */
/* Basic utilities                                                     */
/* ------------------------------------------------------------------ */

static char *g_tmpdir;  /* folder of injected copies */
static int g_keep;      /* --keep given: never remove g_tmpdir */
static char *g_scratch; /* private scratch folder, always removed */

static void remove_flat_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    char path[4096];
    while ((e = readdir(d)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        unlink(path);
    }
    closedir(d);
    rmdir(dir);
}

static void cleanup(void)
{
    if (g_scratch)
        remove_flat_dir(g_scratch);
    if (g_tmpdir && !g_keep)
        remove_flat_dir(g_tmpdir);
    g_scratch = g_tmpdir = NULL;
}

static void fail(const char *fmt, ...)
{
    va_list ap;
    fputs("quality: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    cleanup();
    exit(2);
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        fail("out of memory");
    return p;
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p)
        fail("out of memory");
    return p;
}

static char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

static char *xstrdup(const char *s) { return xstrndup(s, strlen(s)); }

#define VEC_PUSH(arr, n, cap, val)                                        \
    do {                                                                  \
        if ((n) == (cap)) {                                               \
            (cap) = (cap) ? 2 * (cap) : 16;                               \
            (arr) = xrealloc((arr), (cap) * sizeof *(arr));               \
        }                                                                 \
        (arr)[(n)++] = (val);                                             \
    } while (0)

typedef struct {
    char *p;
    size_t n, cap;
} Buf;

static void buf_add(Buf *b, const void *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        b->cap = (b->n + n + 1) * 2;
        b->p = xrealloc(b->p, b->cap);
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

static void buf_adds(Buf *b, const char *s) { buf_add(b, s, strlen(s)); }

static void buf_addf(Buf *b, const char *fmt, ...)
{
    char small[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof small) {
        buf_add(b, small, (size_t)n);
        return;
    }
    char *big = xmalloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    buf_add(b, big, (size_t)n);
    free(big);
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    Buf b = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_add(&b, chunk, n);
    int err = ferror(f);
    fclose(f);
    if (err) {
        free(b.p);
        return NULL;
    }
    if (!b.p)
        buf_add(&b, "", 0);
    *len = b.n;
    return b.p;
}

static void write_file(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        fail("cannot write %s: %s", path, strerror(errno));
    if (fwrite(data, 1, len, f) != len || fclose(f) != 0)
        fail("cannot write %s: %s", path, strerror(errno));
}

/* ASCII-only character classes (independent of the locale). */
static int is_alpha(unsigned char c) { return (c | 32) >= 'a' && (c | 32) <= 'z'; }
static int is_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }
static int is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}
/* Part of a word for boundary tests: letters, digits, apostrophe, hyphen,
 * and any non-ASCII byte (accented letters, curly apostrophes). */
static int wordish(unsigned char c)
{
    return is_alpha(c) || is_digit(c) || c == '\'' || c == '-' || c >= 0x80;
}

/* Number of UTF-8 characters in s[0..n). */
static int utf8_chars(const char *s, size_t n)
{
    int k = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            k++;
    return k;
}

/* Byte offset -> 1-based line and column (column in characters). */
static void off_to_linecol(const char *t, size_t off, int *line, int *col)
{
    int l = 1;
    size_t ls = 0;
    for (size_t i = 0; i < off; i++)
        if (t[i] == '\n') {
            l++;
            ls = i + 1;
        }
    *line = l;
    *col = utf8_chars(t + ls, off - ls) + 1;
}

/* Start and length of 1-based line `line` in t; 0 if there is no such line. */
static int get_line(const char *t, size_t len, int line, size_t *start, size_t *n)
{
    size_t s = 0;
    for (int l = 1; l < line; l++) {
        const char *nl = memchr(t + s, '\n', len - s);
        if (!nl)
            return 0;
        s = (size_t)(nl - t) + 1;
    }
    if (s > len)
        return 0;
    const char *nl = memchr(t + s, '\n', len - s);
    *start = s;
    *n = nl ? (size_t)(nl - t) - s : len - s;
    return 1;
}

/* 1-based line and character column -> byte offset ((size_t)-1 if none). */
static size_t linecol_to_off(const char *t, size_t len, int line, int col)
{
    size_t s, n;
    if (!get_line(t, len, line, &s, &n))
        return (size_t)-1;
    size_t i = 0;
    int c = 1;
    while (i < n && c < col) {
        i++;
        while (i < n && ((unsigned char)t[s + i] & 0xC0) == 0x80)
            i++;
        c++;
    }
    return s + i;
}

/* ------------------------------------------------------------------ */
/* String map (string -> int), open addressing                         */
/* ------------------------------------------------------------------ */

typedef struct {
    char **keys;
    int *vals;
    size_t cap, n;
} StrMap;

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

static int *sm_get(const StrMap *m, const char *k, size_t kn)
{
    if (!m->cap)
        return NULL;
    size_t i = hash_bytes(k, kn) & (m->cap - 1);
    while (m->keys[i]) {
        if (strlen(m->keys[i]) == kn && !memcmp(m->keys[i], k, kn))
            return &m->vals[i];
        i = (i + 1) & (m->cap - 1);
    }
    return NULL;
}

static void sm_put(StrMap *m, const char *k, size_t kn, int v)
{
    if ((m->n + 1) * 2 > m->cap) {
        StrMap big = {0};
        big.cap = m->cap ? m->cap * 2 : 64;
        big.keys = calloc(big.cap, sizeof *big.keys);
        big.vals = calloc(big.cap, sizeof *big.vals);
        if (!big.keys || !big.vals)
            fail("out of memory");
        for (size_t i = 0; i < m->cap; i++)
            if (m->keys[i]) {
                size_t j = hash_bytes(m->keys[i], strlen(m->keys[i])) & (big.cap - 1);
                while (big.keys[j])
                    j = (j + 1) & (big.cap - 1);
                big.keys[j] = m->keys[i];
                big.vals[j] = m->vals[i];
                big.n++;
            }
        free(m->keys);
        free(m->vals);
        *m = big;
    }
    int *p = sm_get(m, k, kn);
    if (p) {
        *p = v;
        return;
    }
    size_t i = hash_bytes(k, kn) & (m->cap - 1);
    while (m->keys[i])
        i = (i + 1) & (m->cap - 1);
    m->keys[i] = xstrndup(k, kn);
    m->vals[i] = v;
    m->n++;
}

static int sm_has(const StrMap *m, const char *k, size_t kn) { return sm_get(m, k, kn) != NULL; }

static int in_list(const char *const *list, const char *w, size_t n)
{
    for (; *list; list++)
        if (strlen(*list) == n && !memcmp(*list, w, n))
            return 1;
    return 0;
}

/* ------------------------------------------------------------------ */
/* PRNG: splitmix64 (same sequence on every platform and libc)         */
/* ------------------------------------------------------------------ */

static uint64_t g_rng;

static uint64_t rng_next(void)
{
    uint64_t z = (g_rng += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/* Uniform integer in [0, n), n > 0, without modulo bias. */
static size_t rnd(size_t n)
{
    uint64_t lim = UINT64_MAX - UINT64_MAX % n;
    uint64_t x;
    do
        x = rng_next();
    while (x >= lim);
    return (size_t)(x % n);
}

/* ------------------------------------------------------------------ */
/* Running programs                                                    */
/* ------------------------------------------------------------------ */

/* Is `name` an executable in PATH (or, with a slash, at that path)? */
static int have_program(const char *name)
{
    if (strchr(name, '/'))
        return access(name, X_OK) == 0;
    const char *path = getenv("PATH");
    if (!path)
        path = "/usr/local/bin:/usr/bin:/bin";
    char buf[4096];
    while (*path) {
        const char *c = strchr(path, ':');
        size_t n = c ? (size_t)(c - path) : strlen(path);
        snprintf(buf, sizeof buf, "%.*s/%s", (int)n, n ? path : ".", name);
        if (access(buf, X_OK) == 0)
            return 1;
        if (!c)
            break;
        path = c + 1;
    }
    return 0;
}

/*
 * Run argv[0] with argv.  stdin comes from in_path (or /dev/null).  If out is
 * not NULL, stdout is captured into it; otherwise it goes to our stderr.
 * stderr goes to /dev/null when quiet_err, else to our stderr.  utf8 sets
 * LC_ALL=C.UTF-8 in the child.  Returns the exit status, 127 if the program
 * could not be started, 128+N if it died of signal N.
 */
static int run(char *const argv[], const char *in_path, Buf *out, int quiet_err, int utf8)
{
    int pfd[2] = {-1, -1};
    if (out && pipe(pfd) != 0)
        fail("pipe: %s", strerror(errno));
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0)
        fail("fork: %s", strerror(errno));
    if (pid == 0) {
        int in = open(in_path ? in_path : "/dev/null", O_RDONLY);
        if (in >= 0) {
            dup2(in, 0);
            close(in);
        }
        if (out) {
            dup2(pfd[1], 1);
            close(pfd[0]);
            close(pfd[1]);
        } else {
            dup2(2, 1);
        }
        if (quiet_err) {
            int dn = open("/dev/null", O_WRONLY);
            if (dn >= 0) {
                dup2(dn, 2);
                close(dn);
            }
        }
        if (utf8)
            setenv("LC_ALL", "C.UTF-8", 1);
        execvp(argv[0], argv);
        _exit(127);
    }
    if (out) {
        close(pfd[1]);
        char chunk[65536];
        ssize_t n;
        for (;;) {
            n = read(pfd[0], chunk, sizeof chunk);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                break;
            buf_add(out, chunk, (size_t)n);
        }
        close(pfd[0]);
        if (!out->p)
            buf_add(out, "", 0);
    }
    int st;
    while (waitpid(pid, &st, 0) < 0)
        if (errno != EINTR)
            fail("waitpid: %s", strerror(errno));
    if (WIFEXITED(st))
        return WEXITSTATUS(st);
    if (WIFSIGNALED(st))
        return 128 + WTERMSIG(st);
    return 255;
}

/* First line of a program's output (for version strings). */
static char *first_line_of(char *const argv[])
{
    Buf b = {0};
    int rc = run(argv, NULL, &b, 1, 0);
    if (rc == 127 || !b.p)
        return xstrdup("?");
    char *nl = strchr(b.p, '\n');
    if (nl)
        *nl = '\0';
    return b.p;
}

/* ------------------------------------------------------------------ */
/* Corpus                                                              */
/* ------------------------------------------------------------------ */

typedef struct {
    char *path; /* as passed to the tools */
    char *name; /* file name */
    char *text;
    size_t len;
    size_t body; /* offset of line 2 (after the title) */
    long words;
} Article;

static Article *g_art;
static size_t g_nart;
static long g_words;

static long count_words(const char *t, size_t n)
{
    long w = 0;
    int in = 0;
    for (size_t i = 0; i < n; i++) {
        int sp = is_space((unsigned char)t[i]);
        if (!sp && !in)
            w++;
        in = !sp;
    }
    return w;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void load_corpus(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        fail("cannot open corpus folder %s: %s", dir, strerror(errno));
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t l = strlen(e->d_name);
        if (e->d_name[0] == '.' || l < 5 || strcmp(e->d_name + l - 4, ".txt"))
            continue;
        VEC_PUSH(names, n, cap, xstrdup(e->d_name));
    }
    closedir(d);
    if (!n)
        fail("no *.txt files in corpus folder %s", dir);
    qsort(names, n, sizeof *names, cmp_str);
    g_art = xmalloc(n * sizeof *g_art);
    for (size_t i = 0; i < n; i++) {
        Article *a = &g_art[i];
        Buf p = {0};
        buf_addf(&p, "%s/%s", dir, names[i]);
        a->path = p.p;
        a->name = names[i];
        a->text = read_file(a->path, &a->len);
        if (!a->text)
            fail("cannot read %s: %s", a->path, strerror(errno));
        const char *nl = memchr(a->text, '\n', a->len);
        a->body = nl ? (size_t)(nl - a->text) + 1 : a->len;
        a->words = count_words(a->text, a->len);
        g_words += a->words;
    }
    g_nart = n;
}

/* ------------------------------------------------------------------ */
/* Findings                                                            */
/* ------------------------------------------------------------------ */

enum { T_PRESSLINT, T_HUNSPELL, T_CODESPELL, NTOOLS };
static const char *const tool_name[NTOOLS] = {"presslint", "hunspell", "codespell"};

typedef struct {
    int line, col;
    char *key; /* presslint: rule id; peers: the word */
} Finding;

typedef struct {
    Finding *v;
    size_t n, cap;
} FList;

static void flist_add(FList *l, int line, int col, const char *key, size_t kn)
{
    Finding f = {line, col, xstrndup(key, kn)};
    VEC_PUSH(l->v, l->n, l->cap, f);
}

/* A set of files handed to the tools in one invocation. */
typedef struct {
    size_t n;
    char **paths;
    const char **texts;
    const size_t *lens; /* may point into arrays owned elsewhere */
    size_t *lenv;
    StrMap map; /* path -> index */
    FList *res[NTOOLS];
} FileSet;

static void fileset_init(FileSet *fs, size_t n)
{
    memset(fs, 0, sizeof *fs);
    fs->n = n;
    fs->paths = xmalloc(n * sizeof *fs->paths);
    fs->texts = xmalloc(n * sizeof *fs->texts);
    fs->lenv = xmalloc(n * sizeof *fs->lenv);
    for (int t = 0; t < NTOOLS; t++) {
        fs->res[t] = xmalloc(n * sizeof(FList));
        memset(fs->res[t], 0, n * sizeof(FList));
    }
}

static void fileset_set(FileSet *fs, size_t i, char *path, const char *text, size_t len)
{
    fs->paths[i] = path;
    fs->texts[i] = text;
    fs->lenv[i] = len;
    sm_put(&fs->map, path, strlen(path), (int)i);
}

/* In an output line, find the known path that ends at a ':' (paths may
 * contain colons).  Returns the file index and sets *rest after the ':'. */
static int match_path(const FileSet *fs, const char *line, const char **rest)
{
    for (const char *c = strchr(line, ':'); c; c = strchr(c + 1, ':')) {
        int *id = sm_get(&fs->map, line, (size_t)(c - line));
        if (id) {
            *rest = c + 1;
            return *id;
        }
    }
    return -1;
}

/* ---- presslint ---- */

static const char *g_presslint = "./presslint";
static char **g_pl_extra; /* extra presslint arguments (--enable) */
static size_t g_pl_nextra;

typedef struct {
    char *id;
    int on;
} RuleInfo;
static RuleInfo *g_rules;
static size_t g_nrules, g_caprules;

static void load_rule_list(void)
{
    char *argv[] = {(char *)g_presslint, "--list-rules", NULL};
    Buf b = {0};
    int rc = run(argv, NULL, &b, 1, 0);
    if (rc == 127)
        fail("cannot run %s", g_presslint);
    for (char *l = b.p; l && *l;) {
        char *nl = strchr(l, '\n');
        if (nl)
            *nl = '\0';
        char id[128], sev[32], on[8];
        if (sscanf(l, "%127s %31s %7s", id, sev, on) == 3) {
            RuleInfo r = {xstrdup(id), strcmp(on, "off") != 0};
            VEC_PUSH(g_rules, g_nrules, g_caprules, r);
        }
        l = nl ? nl + 1 : NULL;
    }
    free(b.p);
}

/* -1 unknown rule, 0 off by default, 1 on. */
static int rule_state(const char *id)
{
    for (size_t i = 0; i < g_nrules; i++)
        if (!strcmp(g_rules[i].id, id))
            return g_rules[i].on;
    return -1;
}

/* Rules that are off by default but expected for some kind: the injected
 * run enables them so that kind can be measured at all; the clean run (the
 * false-alarm count) keeps the defaults. */
static char *g_inj_enable[8];
static size_t g_inj_nenable;

static void run_presslint(FileSet *fs, int injected)
{
    size_t argc = 0;
    char **argv = xmalloc((fs->n + g_pl_nextra + 2 * g_inj_nenable + 2) * sizeof *argv);
    argv[argc++] = (char *)g_presslint;
    for (size_t i = 0; i < g_pl_nextra; i++)
        argv[argc++] = g_pl_extra[i];
    for (size_t i = 0; injected && i < g_inj_nenable; i++) {
        argv[argc++] = "--enable";
        argv[argc++] = g_inj_enable[i];
    }
    for (size_t i = 0; i < fs->n; i++)
        argv[argc++] = fs->paths[i];
    argv[argc] = NULL;
    Buf b = {0};
    int rc = run(argv, NULL, &b, 0, 0);
    free(argv);
    if (rc == 127)
        fail("cannot run %s", g_presslint);
    if (rc > 2)
        fail("%s exited with status %d", g_presslint, rc);
    if (rc == 2)
        fprintf(stderr, "quality: warning: %s reported an error (status 2); results may be incomplete\n",
                g_presslint);
    for (char *l = b.p; l && *l;) {
        char *nl = strchr(l, '\n');
        if (nl)
            *nl = '\0';
        const char *rest;
        int id = match_path(fs, l, &rest);
        int line, col;
        if (id >= 0 && sscanf(rest, "%d:%d:", &line, &col) == 2) {
            char *lb = strrchr(l, '[');
            char *rb = lb ? strchr(lb, ']') : NULL;
            if (lb && rb)
                flist_add(&fs->res[T_PRESSLINT][id], line, col, lb + 1, (size_t)(rb - lb - 1));
            else
                flist_add(&fs->res[T_PRESSLINT][id], line, col, "?", 1);
        }
        l = nl ? nl + 1 : NULL;
    }
    free(b.p);
}

/* ---- hunspell ---- */

static int g_have_hunspell, g_have_codespell;
static char *g_hs_version, *g_cs_version;

/* A token no dictionary accepts: `hunspell -l` prints it after each line,
 * which tells which line each misspelled word came from. */
#define HS_MARK "zqxjmarkerzqxj"

static char *scratch_path(const char *name)
{
    Buf b = {0};
    buf_addf(&b, "%s/%s", g_scratch, name);
    return b.p;
}

/* Run `hunspell -d en_US -l` on `input`; its output, or NULL on failure.
 * (-l rather than the ispell pipe mode -a: -a computes suggestions for
 * every misspelled word, which takes minutes on the corpus.) */
static char *hunspell_list(const char *input, size_t n)
{
    char *in = scratch_path("hunspell-in.txt");
    write_file(in, input, n);
    char *argv[] = {"hunspell", "-d", "en_US", "-l", NULL};
    Buf b = {0};
    int rc = run(argv, in, &b, 1, 1);
    unlink(in);
    free(in);
    if (rc != 0 || !b.p) {
        free(b.p);
        return NULL;
    }
    return b.p;
}

/* Is hunspell with the en_US dictionary usable, and does it keep order? */
static int hunspell_works(void)
{
    const char *in = "the wrold\n" HS_MARK "\n";
    char *out = hunspell_list(in, strlen(in));
    int ok = out && !strcmp(out, "wrold\n" HS_MARK "\n");
    free(out);
    return ok;
}

/* Column of token w in line [s, s+n) at or after *cur (bytes from s);
 * advances *cur past it.  0 if not found. */
static int locate_token(const char *t, size_t s, size_t n, const char *w, size_t *cur)
{
    size_t wn = strlen(w), hit = (size_t)-1, loose = (size_t)-1;
    for (size_t i = *cur; i + wn <= n; i++) {
        if (memcmp(t + s + i, w, wn))
            continue;
        unsigned char p = i ? (unsigned char)t[s + i - 1] : ' ';
        unsigned char q = i + wn < n ? (unsigned char)t[s + i + wn] : ' ';
        if (!is_alpha(p) && !is_digit(p) && !is_alpha(q) && !is_digit(q)) {
            hit = i;
            break;
        }
        if (loose == (size_t)-1)
            loose = i;
    }
    if (hit == (size_t)-1)
        hit = loose;
    if (hit == (size_t)-1)
        return 0;
    *cur = hit + wn;
    return utf8_chars(t + s, hit) + 1;
}

static void run_hunspell(FileSet *fs)
{
    Buf in = {0};
    int *lf = NULL, *ll = NULL; /* file and line of each input line */
    size_t nlines = 0, capf = 0, capl = 0, dummy = 0;
    for (size_t i = 0; i < fs->n; i++) {
        const char *t = fs->texts[i];
        size_t len = fs->lenv[i], s = 0;
        int line = 1;
        while (s < len) {
            const char *nl = memchr(t + s, '\n', len - s);
            size_t e = nl ? (size_t)(nl - t) : len;
            buf_add(&in, t + s, e - s);
            buf_adds(&in, "\n" HS_MARK "\n");
            VEC_PUSH(lf, dummy, capf, (int)i);
            VEC_PUSH(ll, nlines, capl, line);
            line++;
            s = e + 1;
        }
    }
    char *out = hunspell_list(in.p ? in.p : "", in.n);
    free(in.p);
    if (!out) {
        fprintf(stderr, "quality: warning: hunspell failed; its results are empty\n");
        return;
    }
    size_t idx = 0, cur = 0, ls = 0, ln = 0;
    if (nlines)
        get_line(fs->texts[lf[0]], fs->lenv[lf[0]], ll[0], &ls, &ln);
    for (char *l = out; l && *l && idx < nlines;) {
        char *nl = strchr(l, '\n');
        if (nl)
            *nl = '\0';
        if (!strcmp(l, HS_MARK)) {
            idx++;
            cur = 0;
            if (idx < nlines)
                get_line(fs->texts[lf[idx]], fs->lenv[lf[idx]], ll[idx], &ls, &ln);
        } else if (*l) {
            int f = lf[idx];
            int col = locate_token(fs->texts[f], ls, ln, l, &cur);
            flist_add(&fs->res[T_HUNSPELL][f], ll[idx], col, l, strlen(l));
        }
        l = nl ? nl + 1 : NULL;
    }
    if (idx != nlines)
        fprintf(stderr, "quality: warning: hunspell answered %zu of %zu lines; positions may be off\n",
                idx, nlines);
    free(out);
    free(lf);
    free(ll);
}

/* ---- codespell ---- */

/* Column of the k-th (0-based) whole-word occurrence of w in the line. */
static int find_word_col(const char *t, size_t len, int line, const char *w, int k)
{
    size_t s, n, wn = strlen(w);
    if (!get_line(t, len, line, &s, &n) || !wn)
        return 0;
    int first = 0;
    for (size_t i = 0; i + wn <= n; i++) {
        if (memcmp(t + s + i, w, wn))
            continue;
        int pre = i > 0 ? is_alpha((unsigned char)t[s + i - 1]) : 0;
        int post = i + wn < n ? is_alpha((unsigned char)t[s + i + wn]) : 0;
        if (pre || post)
            continue;
        int col = utf8_chars(t + s, i) + 1;
        if (!first)
            first = col;
        if (k-- == 0)
            return col;
    }
    return first;
}

static void run_codespell(FileSet *fs)
{
    char **argv = xmalloc((fs->n + 2) * sizeof *argv);
    size_t argc = 0;
    argv[argc++] = "codespell";
    for (size_t i = 0; i < fs->n; i++)
        argv[argc++] = fs->paths[i];
    argv[argc] = NULL;
    Buf b = {0};
    int rc = run(argv, NULL, &b, 1, 1);
    free(argv);
    if (rc == 127 || rc >= 128) {
        fprintf(stderr, "quality: warning: codespell failed (status %d)\n", rc);
        free(b.p);
        return;
    }
    StrMap seen = {0}; /* "file:line:word" -> reports so far */
    for (char *l = b.p; l && *l;) {
        char *nl = strchr(l, '\n');
        if (nl)
            *nl = '\0';
        const char *rest;
        int id = match_path(fs, l, &rest);
        int line, used = 0;
        if (id >= 0 && sscanf(rest, "%d:%n", &line, &used) == 1 && used > 0) {
            const char *w = rest + used;
            while (*w == ' ')
                w++;
            const char *arrow = strstr(w, " ==> ");
            if (arrow) {
                char *word = xstrndup(w, (size_t)(arrow - w));
                Buf key = {0};
                buf_addf(&key, "%d:%d:%s", id, line, word);
                int *k = sm_get(&seen, key.p, key.n);
                int kth = k ? *k : 0;
                sm_put(&seen, key.p, key.n, kth + 1);
                int col = find_word_col(fs->texts[id], fs->lenv[id], line, word, kth);
                flist_add(&fs->res[T_CODESPELL][id], line, col, word, strlen(word));
                free(word);
                free(key.p);
            }
        }
        l = nl ? nl + 1 : NULL;
    }
    free(b.p);
}

/* ---- installing peers ---- */

static int apt_install(const char *pkgs[])
{
    char *argv[16];
    size_t n = 0;
    argv[n++] = "apt-get";
    argv[n++] = "install";
    argv[n++] = "-y";
    argv[n++] = "-q";
    for (size_t i = 0; pkgs[i] && n < 15; i++)
        argv[n++] = (char *)pkgs[i];
    argv[n] = NULL;
    fprintf(stderr, "quality: installing:");
    for (size_t i = 4; i < n; i++)
        fprintf(stderr, " %s", argv[i]);
    fputc('\n', stderr);
    if (run(argv, NULL, NULL, 0, 0) == 0)
        return 1;
    char *upd[] = {"apt-get", "update", "-q", NULL};
    fprintf(stderr, "quality: install failed; running apt-get update and retrying\n");
    run(upd, NULL, NULL, 0, 0);
    return run(argv, NULL, NULL, 0, 0) == 0;
}

static void ensure_peers(void)
{
    int root = geteuid() == 0;
    g_have_hunspell = have_program("hunspell") && hunspell_works();
    if (!g_have_hunspell) {
        const char *pk[] = {"hunspell", "hunspell-en-us", NULL};
        if (root && have_program("apt-get") && apt_install(pk))
            g_have_hunspell = have_program("hunspell") && hunspell_works();
        if (!g_have_hunspell)
            fprintf(stderr, "quality: hunspell (en_US) not available; skipping it. "
                            "Install with: apt-get install -y hunspell hunspell-en-us\n");
    }
    g_have_codespell = have_program("codespell");
    if (!g_have_codespell) {
        const char *pk[] = {"codespell", NULL};
        if (root && have_program("apt-get") && apt_install(pk))
            g_have_codespell = have_program("codespell");
        if (!g_have_codespell)
            fprintf(stderr, "quality: codespell not available; skipping it. "
                            "Install with: apt-get install -y codespell\n");
    }
    if (g_have_hunspell) {
        char *argv[] = {"hunspell", "-v", NULL};
        g_hs_version = first_line_of(argv);
    }
    if (g_have_codespell) {
        char *argv[] = {"codespell", "--version", NULL};
        g_cs_version = first_line_of(argv);
    }
}

/* Words (one per line in `words`) that `hunspell -d en_US -l` rejects. */
static void hunspell_rejects(const Buf *words, StrMap *rejected)
{
    char *in = scratch_path("hunspell-words.txt");
    write_file(in, words->p ? words->p : "", words->n);
    char *argv[] = {"hunspell", "-d", "en_US", "-l", NULL};
    Buf b = {0};
    int rc = run(argv, in, &b, 1, 1);
    unlink(in);
    free(in);
    if (rc != 0)
        fail("hunspell -l failed (status %d)", rc);
    for (char *l = b.p; l && *l;) {
        char *nl = strchr(l, '\n');
        size_t n = nl ? (size_t)(nl - l) : strlen(l);
        if (n)
            sm_put(rejected, l, n, 1);
        l = nl ? nl + 1 : NULL;
    }
    free(b.p);
}

/* ------------------------------------------------------------------ */
/* Word lists                                                          */
/* ------------------------------------------------------------------ */

static StrMap g_propers;  /* single-word proper nouns (ASCII, capitalized) */
static StrMap g_verbs;    /* base verbs */
static StrMap g_givens;   /* given names (fallback when hunspell is absent) */
static StrMap g_misp_idx; /* right word -> index into g_misp */
typedef struct {
    char **wrong;
    size_t n, cap;
} Wrongs;
static Wrongs *g_misp;
static size_t g_nmisp, g_capmisp;
static StrMap g_sentence_ok; /* lowercased sentence starts that are common words */

typedef void (*line_fn)(char *line, size_t n, void *ctx);

static int for_each_line(const char *path, line_fn fn, void *ctx)
{
    size_t len;
    char *t = read_file(path, &len);
    if (!t)
        return 0;
    size_t s = 0;
    while (s < len) {
        char *nl = memchr(t + s, '\n', len - s);
        size_t e = nl ? (size_t)(nl - t) : len;
        size_t n = e - s;
        while (n && (t[s + n - 1] == '\r' || t[s + n - 1] == ' '))
            n--;
        t[s + n] = '\0';
        if (n && t[s] != '#')
            fn(t + s, n, ctx);
        s = e + 1;
    }
    free(t);
    return 1;
}

static int all_ascii_letters(const char *w, size_t n)
{
    if (!n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!is_alpha((unsigned char)w[i]))
            return 0;
    return 1;
}

static void add_proper(char *l, size_t n, void *ctx)
{
    (void)ctx;
    if (all_ascii_letters(l, n) && is_upper((unsigned char)l[0]) && n >= 2)
        sm_put(&g_propers, l, n, 1);
}

static void add_word(char *l, size_t n, void *ctx)
{
    if (all_ascii_letters(l, n))
        sm_put((StrMap *)ctx, l, n, 1);
}

static void add_misspelling(char *l, size_t n, void *ctx)
{
    (void)ctx;
    char *arrow = strstr(l, "->");
    if (!arrow)
        return;
    const char *wrong = l, *right = arrow + 2;
    size_t wn = (size_t)(arrow - l), rn = n - wn - 2;
    if (wn < 3 || !all_ascii_letters(wrong, wn) || !all_ascii_letters(right, rn))
        return; /* also rejects lists ("a, b") and empty corrections */
    for (size_t i = 0; i < rn; i++)
        if (!is_lower((unsigned char)right[i]))
            return;
    int *ix = sm_get(&g_misp_idx, right, rn);
    if (!ix) {
        Wrongs w = {0};
        VEC_PUSH(g_misp, g_nmisp, g_capmisp, w);
        sm_put(&g_misp_idx, right, rn, (int)g_nmisp - 1);
        ix = sm_get(&g_misp_idx, right, rn);
    }
    Wrongs *w = &g_misp[*ix];
    VEC_PUSH(w->wrong, w->n, w->cap, xstrndup(wrong, wn));
}

/* ------------------------------------------------------------------ */
/* Error kinds                                                         */
/* ------------------------------------------------------------------ */

enum {
    K_COMMA, K_PERIOD, K_DOUBLE, K_BEFORE, K_PROPER, K_SENTENCE, K_MISSPELL, K_GLUED,
    K_DOUBLED, K_TOO, K_BOILER, K_HTML, K_MOJIBAKE, K_INVISIBLE, K_DUPPARA, NKINDS
};

static const struct {
    const char *name;
    const char *rules;    /* expected presslint rule ids, '|'-separated */
    int peer[NTOOLS];     /* does the peer have a chance (hunspell, codespell)? */
} kinds[NKINDS] = {
    {"missing-space-comma", "spacing.missing-after", {1, 0, 0}},
    {"missing-space-period", "spacing.missing-after", {1, 0, 0}},
    {"double-space", "spacing.double", {1, 0, 0}},
    {"space-before-punct", "spacing.before-punctuation", {1, 0, 0}},
    {"proper-noun-lowercase", "capitalization.proper-noun", {1, 1, 0}},
    {"sentence-lowercase", "capitalization.sentence-start", {1, 0, 0}},
    {"misspelling", "spelling.typo|spelling.misspelling", {1, 1, 1}},
    {"glued-words", "artifact.glued-words|spelling.misspelling|spelling.typo", {1, 1, 0}},
    {"doubled-word", "artifact.doubled-word", {1, 0, 0}},
    {"too-for-to", "context.too-to", {1, 0, 0}},
    {"boilerplate-line", "artifact.boilerplate|artifact.scraper-line", {1, 0, 0}},
    {"html", "artifact.html-tag|artifact.html-entity", {1, 0, 0}},
    {"mojibake", "artifact.mojibake", {1, 1, 0}},
    {"invisible-char", "artifact.invisible-char", {1, 0, 0}},
    {"duplicate-paragraph", "artifact.duplicate-paragraph", {1, 0, 0}},
};

static int rule_expected(int kind, const char *rule)
{
    const char *p = kinds[kind].rules;
    size_t rn = strlen(rule);
    while (*p) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        if (n == rn && !memcmp(p, rule, n))
            return 1;
        p += n + (bar ? 1 : 0);
    }
    return 0;
}

/* An edit replaces text[off, off+del) with ins.  The error then sits at
 * err_off (offset in the new text) and spans `span` characters. */
typedef struct {
    size_t off, del;
    char *ins;
    size_t err_off;
    int span;
    int line_kind;
    size_t dup_src; /* duplicate-paragraph: start of the original paragraph */
    char note[200];
} Site;

static size_t *g_cand, g_ncand, g_capcand;

static void cand_reset(void) { g_ncand = 0; }
static void cand_add(size_t off) { VEC_PUSH(g_cand, g_ncand, g_capcand, off); }
static size_t cand_pick(void) { return g_cand[rnd(g_ncand)]; }

static void set_ins(Site *s, const char *ins) { s->ins = xstrdup(ins); }

/* End of the run of ASCII letters starting at i. */
static size_t letters_end(const Article *a, size_t i)
{
    while (i < a->len && is_alpha((unsigned char)a->text[i]))
        i++;
    return i;
}

/* Is t[s,e) a whole word (nothing word-like right before or after)? */
static int standalone(const Article *a, size_t s, size_t e)
{
    unsigned char prev = s > 0 ? (unsigned char)a->text[s - 1] : '\n';
    unsigned char next = e < a->len ? (unsigned char)a->text[e] : '\n';
    return !wordish(prev) && !wordish(next);
}

static int all_lower(const char *w, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!is_lower((unsigned char)w[i]))
            return 0;
    return n > 0;
}

/* Lowercase words that end in a period without ending a sentence. */
static const char *const abbrevs[] = {"etc", "approx", "vol", "est", "dept", "govt", "incl", "misc",
                                      "cf", "nos", "fig", "vs", "sq", "ft", "min", "max", "hrs",
                                      "mins", "yrs", "km", "pp", "seq", "viz", NULL};

/* Does the '.' at p end a sentence, with another sentence starting "p+2"? */
static int sentence_end_at(const Article *a, size_t p, int need_next)
{
    const char *t = a->text;
    if (p < a->body + 3 || t[p] != '.')
        return 0;
    size_t ws = p;
    while (ws > a->body && is_alpha((unsigned char)t[ws - 1]))
        ws--;
    size_t wn = p - ws;
    if (wn < 3 || !all_lower(t + ws, wn) || in_list(abbrevs, t + ws, wn))
        return 0;
    if (ws > 0 && wordish((unsigned char)t[ws - 1]))
        return 0;
    if (!need_next)
        return 1;
    return p + 3 < a->len && t[p + 1] == ' ' && is_upper((unsigned char)t[p + 2]) &&
           is_lower((unsigned char)t[p + 3]);
}

static int gen_comma(const Article *a, Site *s)
{
    const char *t = a->text;
    cand_reset();
    for (size_t i = a->body + 1; i + 2 < a->len; i++)
        if (t[i] == ',' && t[i + 1] == ' ' && is_alpha((unsigned char)t[i - 1]) &&
            is_alpha((unsigned char)t[i + 2]))
            cand_add(i);
    if (!g_ncand)
        return 0;
    size_t i = cand_pick();
    s->off = i + 1;
    s->del = 1;
    set_ins(s, "");
    s->err_off = i;
    s->span = 2;
    snprintf(s->note, sizeof s->note, "', ' -> ','");
    return 1;
}

static int gen_period(const Article *a, Site *s)
{
    cand_reset();
    for (size_t i = a->body; i < a->len; i++)
        if (sentence_end_at(a, i, 1))
            cand_add(i);
    if (!g_ncand)
        return 0;
    size_t i = cand_pick();
    s->off = i + 1;
    s->del = 1;
    set_ins(s, "");
    s->err_off = i;
    s->span = 2;
    snprintf(s->note, sizeof s->note, "'. %c' -> '.%c'", a->text[i + 2], a->text[i + 2]);
    return 1;
}

static int gen_double(const Article *a, Site *s)
{
    const char *t = a->text;
    cand_reset();
    for (size_t i = a->body + 1; i + 1 < a->len; i++)
        if (t[i] == ' ' && is_alpha((unsigned char)t[i - 1]) && is_alpha((unsigned char)t[i + 1]))
            cand_add(i);
    if (!g_ncand)
        return 0;
    size_t i = cand_pick();
    s->off = i;
    s->del = 0;
    set_ins(s, " ");
    s->err_off = i;
    s->span = 2;
    snprintf(s->note, sizeof s->note, "' ' -> '  '");
    return 1;
}

static int gen_before(const Article *a, Site *s)
{
    const char *t = a->text;
    cand_reset();
    for (size_t i = a->body + 1; i < a->len; i++) {
        if (!is_alpha((unsigned char)t[i - 1]))
            continue;
        if (t[i] == ',' && i + 1 < a->len && t[i + 1] == ' ')
            cand_add(i);
        else if (t[i] == '.' && sentence_end_at(a, i, 0) &&
                 (i + 1 == a->len || t[i + 1] == '\n' ||
                  (i + 2 < a->len && t[i + 1] == ' ' && is_upper((unsigned char)t[i + 2]))))
            cand_add(i);
    }
    if (!g_ncand)
        return 0;
    size_t i = cand_pick();
    s->off = i;
    s->del = 0;
    set_ins(s, " ");
    s->err_off = i;
    s->span = 2;
    snprintf(s->note, sizeof s->note, "'%c' -> ' %c'", t[i], t[i]);
    return 1;
}

static int gen_proper(const Article *a, Site *s)
{
    const char *t = a->text;
    cand_reset();
    for (size_t i = a->body + 2; i < a->len; i++) {
        if (!is_upper((unsigned char)t[i]) || is_alpha((unsigned char)t[i - 1]))
            continue;
        size_t e = letters_end(a, i);
        unsigned char pp = (unsigned char)t[i - 2];
        if (t[i - 1] == ' ' && (is_lower(pp) || pp == ',') && standalone(a, i, e) &&
            sm_has(&g_propers, t + i, e - i))
            cand_add(i);
        i = e;
    }
    if (!g_ncand)
        return 0;
    size_t i = cand_pick(), e = letters_end(a, i);
    char *w = xstrndup(t + i, e - i);
    for (char *c = w; *c; c++)
        if (is_upper((unsigned char)*c))
            *c = (char)(*c + 32);
    s->off = i;
    s->del = e - i;
    s->ins = w;
    s->err_off = i;
    s->span = (int)(e - i);
    snprintf(s->note, sizeof s->note, "'%.*s' -> '%s'", (int)(e - i), t + i, w);
    return 1;
}

/* Sentence starts: ". Word" after a sentence end, Word = Capital + lowercase. */
static void sentence_starts(const Article *a)
{
    const char *t = a->text;
    cand_reset();
    for (size_t i = a->body; i < a->len; i++)
        if (sentence_end_at(a, i, 1)) {
            size_t s = i + 2, e = letters_end(a, s);
            if (e - s >= 2 && all_lower(t + s + 1, e - s - 1) && standalone(a, s, e))
                cand_add(s);
        }
}

static int gen_sentence(const Article *a, Site *s)
{
    const char *t = a->text;
    sentence_starts(a);
    size_t keep = 0;
    for (size_t k = 0; k < g_ncand; k++) {
        size_t i = g_cand[k], e = letters_end(a, i);
        char *w = xstrndup(t + i, e - i);
        w[0] = (char)(w[0] + 32);
        if (sm_has(&g_sentence_ok, w, e - i))
            g_cand[keep++] = i;
        free(w);
    }
    g_ncand = keep;
    if (!g_ncand)
        return 0;
    size_t i = cand_pick(), e = letters_end(a, i);
    char *w = xstrndup(t + i, e - i);
    w[0] = (char)(w[0] + 32);
    s->off = i;
    s->del = e - i;
    s->ins = w;
    s->err_off = i;
    s->span = (int)(e - i);
    snprintf(s->note, sizeof s->note, "'%.*s' -> '%s'", (int)(e - i), t + i, w);
    return 1;
}

/* Collect lowercased sentence starts of all articles and keep those that
 * hunspell accepts (or, without hunspell, those that are not known names). */
static void prepare_sentence_words(void)
{
    StrMap all = {0};
    Buf list = {0};
    for (size_t k = 0; k < g_nart; k++) {
        const Article *a = &g_art[k];
        sentence_starts(a);
        for (size_t j = 0; j < g_ncand; j++) {
            size_t i = g_cand[j], e = letters_end(a, i);
            char *w = xstrndup(a->text + i, e - i);
            int named = sm_has(&g_propers, w, e - i) || sm_has(&g_givens, w, e - i);
            w[0] = (char)(w[0] + 32);
            if (!sm_has(&all, w, e - i)) {
                sm_put(&all, w, e - i, named);
                buf_addf(&list, "%s\n", w);
            }
            free(w);
        }
    }
    StrMap rej = {0};
    if (g_have_hunspell)
        hunspell_rejects(&list, &rej);
    for (size_t i = 0; i < all.cap; i++) {
        const char *w = all.keys[i];
        if (!w)
            continue;
        int ok = g_have_hunspell ? !sm_has(&rej, w, strlen(w)) : !all.vals[i];
        if (ok)
            sm_put(&g_sentence_ok, w, strlen(w), 1);
    }
    free(list.p);
}

static int gen_misspell(const Article *a, Site *s)
{
    const char *t = a->text;
    /* distinct right-hand words present, then an occurrence, then a wrong */
    StrMap present = {0};
    int *rights = NULL;
    size_t nr = 0, capr = 0;
    for (size_t i = a->body; i < a->len; i++) {
        if (!is_alpha((unsigned char)t[i]) || (i > 0 && is_alpha((unsigned char)t[i - 1])))
            continue;
        size_t e = letters_end(a, i);
        int *ix;
        if (standalone(a, i, e) && (ix = sm_get(&g_misp_idx, t + i, e - i)) != NULL &&
            !sm_has(&present, t + i, e - i)) {
            sm_put(&present, t + i, e - i, 1);
            VEC_PUSH(rights, nr, capr, *ix);
        }
        i = e;
    }
    if (!nr)
        return 0;
    int r = rights[rnd(nr)];
    free(rights);
    const char *right = NULL;
    for (size_t i = 0; i < g_misp_idx.cap; i++)
        if (g_misp_idx.keys[i] && g_misp_idx.vals[i] == r)
            right = g_misp_idx.keys[i];
    size_t rn = strlen(right);
    cand_reset();
    for (size_t i = a->body; i + rn <= a->len; i++)
        if (!memcmp(t + i, right, rn) && standalone(a, i, i + rn))
            cand_add(i);
    size_t i = cand_pick();
    const char *wrong = g_misp[r].wrong[rnd(g_misp[r].n)];
    s->off = i;
    s->del = rn;
    set_ins(s, wrong);
    s->err_off = i;
    s->span = (int)strlen(wrong);
    snprintf(s->note, sizeof s->note, "'%s' -> '%s'", right, wrong);
    return 1;
}

static const char *const function_words[] = {
    "the", "and", "for", "with", "that", "from", "this", "was", "of", "to", "in", "on",
    "at", "by", "an", "is", "it", "as", "be", "are", "has", "have", "had", "not", "but",
    "or", "will", "were", "which", "their", "its", "his", "her", "they", "he", "she", NULL};

/* Glued results that are real words, so no error. */
static const char *const compounds[] = {
    "into", "onto", "cannot", "anyone", "someone", "everyone", "anything", "something",
    "everything", "nothing", "maybe", "sometime", "sometimes", "another", "without", "within",
    "however", "whatever", "whenever", "wherever", "today", "tonight", "inside", "outside",
    "forever", "anyway", "nobody", "somebody", "everybody", "together", "altogether", "already",
    "also", "although", "upon", "whereas", "therefore", "thereby", "herein", "hereby",
    "indeed", "infact", "alot", "afterward", "afterwards", "overall", "throughout", "moreover",
    "furthermore", "nevertheless", "nonetheless", "meanwhile", "whoever", "anybody", "himself",
    "herself", "itself", "themselves", "yourself", "ourselves", "myself", "everyday",
    "anymore", "anywhere", "somewhere", "everywhere", "nowhere", "wherein", "whereby",
    "into", "intothe", "inner", "notable", "online", "offline", "become", "became", "before",
    "behind", "below", "beside", "between", "beyond", "being", NULL};

static int gen_glued(const Article *a, Site *s)
{
    const char *t = a->text;
    size_t *fw = NULL, nfw = 0, capfw = 0;
    cand_reset();
    for (size_t i = a->body; i < a->len; i++) {
        if (!is_lower((unsigned char)t[i]) || (i > 0 && wordish((unsigned char)t[i - 1])))
            continue;
        size_t e = letters_end(a, i);
        if (e + 1 < a->len && t[e] == ' ' && is_lower((unsigned char)t[e + 1])) {
            size_t e2 = letters_end(a, e + 1);
            if (all_lower(t + i, e - i) && all_lower(t + e + 1, e2 - e - 1) &&
                !wordish((unsigned char)t[i > 0 ? i - 1 : 0]) &&
                (e2 >= a->len || !wordish((unsigned char)t[e2]))) {
                char *g = xmalloc(e2 - i);
                memcpy(g, t + i, e - i);
                memcpy(g + (e - i), t + e + 1, e2 - e - 1);
                size_t gn = e2 - i - 1;
                if (!in_list(compounds, g, gn)) {
                    cand_add(i);
                    if (in_list(function_words, t + i, e - i) ||
                        in_list(function_words, t + e + 1, e2 - e - 1))
                        VEC_PUSH(fw, nfw, capfw, i);
                }
                free(g);
            }
        }
        i = e;
    }
    if (!g_ncand) {
        free(fw);
        return 0;
    }
    /* prefer pairs with a function word (3 in 4) */
    size_t i = (nfw && rnd(4) != 0) ? fw[rnd(nfw)] : cand_pick();
    free(fw);
    size_t e = letters_end(a, i), e2 = letters_end(a, e + 1);
    int func = in_list(function_words, t + i, e - i) || in_list(function_words, t + e + 1, e2 - e - 1);
    s->off = e;
    s->del = 1;
    set_ins(s, "");
    s->err_off = i;
    s->span = (int)(e2 - i - 1);
    snprintf(s->note, sizeof s->note, "'%.*s' -> '%.*s%.*s' (%s pair)", (int)(e2 - i), t + i,
             (int)(e - i), t + i, (int)(e2 - e - 1), t + e + 1,
             func ? "function-word" : "content-word");
    return 1;
}

/* Words that are correctly doubled in some sentences. */
static const char *const legit_doubles[] = {
    "had", "that", "is", "do", "so", "very", "no", "yes", "far", "again", "more", "bye",
    "ha", "never", "now", "well", "many", "much", "long", "over", "really", "please", "go",
    "good", "big", "oh", "knock", "blah", "hey", "okay", "yeah", "tut", "aye", NULL};

static int gen_doubled(const Article *a, Site *s)
{
    const char *t = a->text;
    cand_reset();
    for (size_t i = a->body + 1; i < a->len; i++) {
        if (!is_lower((unsigned char)t[i]) || is_alpha((unsigned char)t[i - 1]))
            continue;
        size_t e = letters_end(a, i);
        if (t[i - 1] == ' ' && e - i >= 2 && all_lower(t + i, e - i) && standalone(a, i, e) &&
            !in_list(legit_doubles, t + i, e - i))
            cand_add(i);
        i = e;
    }
    if (!g_ncand)
        return 0;
    size_t i = cand_pick(), e = letters_end(a, i);
    Buf ins = {0};
    buf_adds(&ins, " ");
    buf_add(&ins, t + i, e - i);
    s->off = e;
    s->del = 0;
    s->ins = ins.p;
    s->err_off = i;
    s->span = (int)(2 * (e - i) + 1);
    snprintf(s->note, sizeof s->note, "'%.*s' -> '%.*s %.*s'", (int)(e - i), t + i, (int)(e - i),
             t + i, (int)(e - i), t + i);
    return 1;
}

static int gen_too(const Article *a, Site *s)
{
    const char *t = a->text;
    cand_reset();
    for (size_t i = a->body; i + 3 < a->len; i++) {
        if ((t[i] != 't' && t[i] != 'T') || t[i + 1] != 'o' || t[i + 2] != ' ' ||
            (i > 0 && wordish((unsigned char)t[i - 1])))
            continue;
        size_t v = i + 3, ve = letters_end(a, v);
        if (ve > v && standalone(a, v, ve) && sm_has(&g_verbs, t + v, ve - v))
            cand_add(i);
    }
    if (!g_ncand)
        return 0;
    size_t i = cand_pick(), ve = letters_end(a, i + 3);
    s->off = i + 2;
    s->del = 0;
    set_ins(s, "o");
    s->err_off = i;
    s->span = 3;
    snprintf(s->note, sizeof s->note, "'%c%c %.*s' -> '%c%co %.*s'", t[i], t[i + 1],
             (int)(ve - i - 3), t + i + 3, t[i], t[i + 1], (int)(ve - i - 3), t + i + 3);
    return 1;
}

static const char *const boiler_lines[] = {
    "Advertisement", "Share this article", "Table of Contents", "Read more",
    "Skip to main content", "Continue reading", "Related articles",
    "Sign up for our newsletter", NULL};

static int gen_boiler(const Article *a, Site *s)
{
    const char *t = a->text;
    cand_reset();
    /* starts of paragraphs that follow another paragraph (not the title) */
    for (size_t i = a->body; i + 2 < a->len; i++)
        if (t[i] == '\n' && t[i + 1] == '\n' && i > a->body && t[i - 1] != '\n' &&
            !is_space((unsigned char)t[i + 2]))
            cand_add(i + 2);
    if (!g_ncand)
        return 0;
    size_t i = cand_pick();
    size_t nb = 0;
    while (boiler_lines[nb])
        nb++;
    const char *line = boiler_lines[rnd(nb)];
    Buf ins = {0};
    buf_addf(&ins, "%s\n\n", line);
    s->off = i;
    s->del = 0;
    s->ins = ins.p;
    s->err_off = i;
    s->span = (int)strlen(line);
    s->line_kind = 1;
    snprintf(s->note, sizeof s->note, "inserted line '%s'", line);
    return 1;
}

static int gen_html(const Article *a, Site *s)
{
    static const char *const toks[] = {"&amp;", "&nbsp;", "&#8217;", "<p>", "</div>", "<br>"};
    const char *t = a->text;
    int v0 = (int)rnd(6);
    for (int k = 0; k < 6; k++) {
        int v = (v0 + k) % 6;
        cand_reset();
        for (size_t i = a->body + 1; i + 3 < a->len; i++) {
            unsigned char p = (unsigned char)t[i - 1], c = (unsigned char)t[i],
                          n = (unsigned char)t[i + 1];
            switch (v) {
            case 0:
                if (p == ' ' && !memcmp(t + i, "and ", 4))
                    cand_add(i);
                break;
            case 1:
            case 5:
                if (c == ' ' && is_alpha(p) && is_alpha(n))
                    cand_add(i);
                break;
            case 2:
                if (is_alpha(p) && ((c == '\'' && is_alpha(n)) ||
                                    (!memcmp(t + i, "\xE2\x80\x99", 3) &&
                                     is_alpha((unsigned char)t[i + 3]))))
                    cand_add(i);
                break;
            case 3:
            case 4:
                if (sentence_end_at(a, i, 1))
                    cand_add(i);
                break;
            }
        }
        if (!g_ncand)
            continue;
        size_t i = cand_pick();
        s->ins = xstrdup(toks[v]);
        s->span = (int)strlen(toks[v]);
        s->del = 0;
        switch (v) {
        case 0: s->off = i; s->del = 3; break;
        case 1: s->off = i; s->del = 1; break;
        case 2: s->off = i; s->del = t[i] == '\'' ? 1 : 3; break;
        case 3: s->off = i + 2; break;
        case 4: s->off = i + 1; break;
        case 5: s->off = i; break;
        }
        s->err_off = s->off;
        snprintf(s->note, sizeof s->note, "inserted '%s'%s", toks[v],
                 s->del ? " (replacing text)" : "");
        return 1;
    }
    return 0;
}

static int gen_mojibake(const Article *a, Site *s)
{
    const char *t = a->text;
    cand_reset();
    for (size_t i = a->body; i + 2 < a->len; i++)
        if ((unsigned char)t[i] == 0xE2 && (unsigned char)t[i + 1] == 0x80 &&
            ((unsigned char)t[i + 2] == 0x99 || (unsigned char)t[i + 2] == 0x9C ||
             (unsigned char)t[i + 2] == 0x9D))
            cand_add(i);
    int curly = g_ncand > 0;
    if (!curly)
        for (size_t i = a->body + 1; i + 1 < a->len; i++)
            if (t[i] == '\'' && is_alpha((unsigned char)t[i - 1]) && is_alpha((unsigned char)t[i + 1]))
                cand_add(i);
    if (!g_ncand)
        return 0;
    size_t i = cand_pick();
    const char *moj, *orig;
    if (!curly) {
        moj = "\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2"; /* â€™ */
        orig = "'";
        s->del = 1;
    } else {
        unsigned char c = (unsigned char)t[i + 2];
        moj = c == 0x99 ? "\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2"   /* â€™ */
              : c == 0x9C ? "\xC3\xA2\xE2\x82\xAC\xC5\x93"     /* â€œ */
                          : "\xC3\xA2\xE2\x82\xAC";            /* â€ */
        orig = c == 0x99 ? "\xE2\x80\x99" : c == 0x9C ? "\xE2\x80\x9C" : "\xE2\x80\x9D";
        s->del = 3;
    }
    s->off = i;
    set_ins(s, moj);
    s->err_off = i;
    s->span = utf8_chars(moj, strlen(moj));
    int poss = i + s->del + 1 < a->len && t[i + s->del] == 's' && !is_alpha((unsigned char)t[i + s->del + 1]);
    snprintf(s->note, sizeof s->note, "'%s%s' -> '%s%s'", orig, poss ? "s" : "", moj, poss ? "s" : "");
    return 1;
}

static int gen_invisible(const Article *a, Site *s)
{
    const char *t = a->text;
    int zw = rnd(2) == 0, inside = rnd(2) == 0;
    cand_reset();
    for (size_t i = a->body + 1; i + 1 < a->len; i++) {
        if (inside) {
            if (is_alpha((unsigned char)t[i - 1]) && is_alpha((unsigned char)t[i]) &&
                i >= 2 && is_alpha((unsigned char)t[i - 2]) && is_alpha((unsigned char)t[i + 1]))
                cand_add(i);
        } else if (t[i] == ' ' && is_alpha((unsigned char)t[i - 1]) && is_alpha((unsigned char)t[i + 1])) {
            cand_add(i);
        }
    }
    if (!g_ncand)
        return 0;
    size_t i = cand_pick();
    s->off = i;
    s->del = 0;
    set_ins(s, zw ? "\xE2\x80\x8B" : "\xC2\xAD");
    s->err_off = i;
    s->span = 1;
    snprintf(s->note, sizeof s->note, "inserted %s %s words", zw ? "U+200B" : "U+00AD",
             inside ? "inside" : "between");
    return 1;
}

static int gen_duppara(const Article *a, Site *s)
{
    const char *t = a->text;
    cand_reset();
    for (size_t i = a->body; i < a->len; i++) {
        if (i > 0 && t[i - 1] != '\n')
            continue;
        const char *nl = memchr(t + i, '\n', a->len - i);
        size_t e = nl ? (size_t)(nl - t) : a->len;
        if (e > i && count_words(t + i, e - i) >= 8)
            cand_add(i);
        i = e;
    }
    if (!g_ncand)
        return 0;
    size_t i = cand_pick();
    const char *nl = memchr(t + i, '\n', a->len - i);
    size_t e = nl ? (size_t)(nl - t) : a->len;
    Buf ins = {0};
    buf_adds(&ins, "\n\n");
    buf_add(&ins, t + i, e - i);
    s->off = e;
    s->del = 0;
    s->ins = ins.p;
    s->err_off = e + 2;
    s->span = utf8_chars(t + i, e - i);
    s->line_kind = 1;
    s->dup_src = i;
    snprintf(s->note, sizeof s->note, "paragraph of %ld words repeated", count_words(t + i, e - i));
    return 1;
}

typedef int (*gen_fn)(const Article *, Site *);
static const gen_fn generators[NKINDS] = {
    gen_comma, gen_period, gen_double, gen_before, gen_proper, gen_sentence, gen_misspell,
    gen_glued, gen_doubled, gen_too, gen_boiler, gen_html, gen_mojibake, gen_invisible,
    gen_duppara};

/* ------------------------------------------------------------------ */
/* Injections and matching                                             */
/* ------------------------------------------------------------------ */

typedef struct {
    int kind, art;
    Site site;
    char *text;
    size_t len;
    int line, col; /* expected position of the error (1-based, characters) */
    int found[NTOOLS];
    int right;              /* presslint used an expected rule */
    char rules[256];        /* presslint rule ids found in the window */
} Inj;

static Inj *g_inj;
static size_t g_ninj, g_capinj;

/* Map a byte offset of the clean article into the injected copy. */
static size_t map_off(const Site *s, size_t o)
{
    if (o < s->off)
        return o;
    if (o >= s->off + s->del)
        return o + strlen(s->ins) - s->del;
    return s->off;
}

static int in_window(const Inj *j, int line, int col)
{
    if (line != j->line)
        return 0;
    if (j->site.line_kind)
        return col >= 1 && col <= 2;
    return col >= j->col - 1 && col <= j->col + j->site.span;
}

/* Was finding f of the copy already reported, same key, at the mapped
 * position in the clean original? */
static int preexisting(const Inj *j, const FList *clean, const Finding *f)
{
    const Article *a = &g_art[j->art];
    for (size_t k = 0; k < clean->n; k++) {
        const Finding *c = &clean->v[k];
        if (strcmp(c->key, f->key))
            continue;
        size_t o = linecol_to_off(a->text, a->len, c->line, c->col);
        if (o == (size_t)-1)
            continue;
        int l, col;
        off_to_linecol(j->text, map_off(&j->site, o), &l, &col);
        if (l == f->line && col == f->col)
            return 1;
        if (j->kind == K_DUPPARA && o >= j->site.dup_src && o <= j->site.off) {
            off_to_linecol(j->text, j->site.err_off + (o - j->site.dup_src), &l, &col);
            if (l == f->line && col == f->col)
                return 1;
        }
    }
    return 0;
}


/* Write every finding of one tool on a file set as file<TAB>line<TAB>col<TAB>key. */
static void dump_findings(const FileSet *fs, int tool, const char *path)
{
    Buf m = {0};
    buf_adds(&m, "file\tline\tcol\tkey\n");
    for (size_t i = 0; i < fs->n; i++)
        for (size_t k = 0; k < fs->res[tool][i].n; k++) {
            const Finding *f = &fs->res[tool][i].v[k];
            buf_addf(&m, "%s\t%d\t%d\t%s\n", fs->paths[i], f->line, f->col, f->key);
        }
    write_file(path, m.p ? m.p : "", m.n);
    free(m.p);
}
static void score(FileSet *clean, FileSet *inj)
{
    for (size_t i = 0; i < g_ninj; i++) {
        Inj *j = &g_inj[i];
        for (int t = 0; t < NTOOLS; t++) {
            const FList *fl = &inj->res[t][i];
            for (size_t k = 0; k < fl->n; k++) {
                const Finding *f = &fl->v[k];
                if (!in_window(j, f->line, f->col) || preexisting(j, &clean->res[t][j->art], f))
                    continue;
                j->found[t] = 1;
                if (t == T_PRESSLINT) {
                    if (rule_expected(j->kind, f->key))
                        j->right = 1;
                    if (!strstr(j->rules, f->key) &&
                        strlen(j->rules) + strlen(f->key) + 2 < sizeof j->rules) {
                        if (j->rules[0])
                            strcat(j->rules, ",");
                        strcat(j->rules, f->key);
                    }
                }
            }
        }
    }
}

static void make_injections(int per_kind, uint64_t seed)
{
    for (int k = 0; k < NKINDS; k++) {
        /* one stream per kind, so kinds do not disturb each other */
        g_rng = seed ^ ((uint64_t)(k + 1) * 0xD1B54A32D192ED03ULL);
        int made = 0, tries = 0;
        while (made < per_kind && tries < per_kind * 200) {
            tries++;
            int art = (int)rnd(g_nart);
            Site s;
            memset(&s, 0, sizeof s);
            if (!generators[k](&g_art[art], &s))
                continue;
            /* avoid injecting the same edit twice */
            int dup = 0;
            for (size_t i = 0; i < g_ninj; i++)
                if (g_inj[i].kind == k && g_inj[i].art == art && g_inj[i].site.off == s.off &&
                    !strcmp(g_inj[i].site.ins, s.ins))
                    dup = 1;
            if (dup) {
                free(s.ins);
                continue;
            }
            const Article *a = &g_art[art];
            Inj j;
            memset(&j, 0, sizeof j);
            j.kind = k;
            j.art = art;
            j.site = s;
            size_t il = strlen(s.ins);
            j.len = a->len - s.del + il;
            j.text = xmalloc(j.len + 1);
            memcpy(j.text, a->text, s.off);
            memcpy(j.text + s.off, s.ins, il);
            memcpy(j.text + s.off + il, a->text + s.off + s.del, a->len - s.off - s.del);
            j.text[j.len] = '\0';
            off_to_linecol(j.text, s.err_off, &j.line, &j.col);
            VEC_PUSH(g_inj, g_ninj, g_capinj, j);
            made++;
        }
        if (made < per_kind)
            fprintf(stderr, "quality: warning: only %d sites found for %s\n", made, kinds[k].name);
    }
}

/* ------------------------------------------------------------------ */
/* Report                                                              */
/* ------------------------------------------------------------------ */

static void pct_cell(char *buf, size_t n, int a, int b)
{
    if (b)
        snprintf(buf, n, "%d/%d %5.1f%%", a, b, 100.0 * a / b);
    else
        snprintf(buf, n, "-");
}

typedef struct {
    const char *key;
    int n;
} Count;

static int cmp_count(const void *x, const void *y)
{
    const Count *a = x, *b = y;
    if (a->n != b->n)
        return b->n - a->n;
    return strcmp(a->key, b->key);
}

static void snippet(const Inj *j, char *out, size_t n)
{
    size_t s, ln;
    get_line(j->text, j->len, j->line, &s, &ln);
    size_t o = j->site.err_off;
    size_t a = o > s + 30 ? o - 30 : s, b = o + 40 < s + ln ? o + 40 : s + ln;
    while (a > s && ((unsigned char)j->text[a] & 0xC0) == 0x80)
        a--;
    while (b < s + ln && ((unsigned char)j->text[b] & 0xC0) == 0x80)
        b++;
    size_t k = 0;
    for (size_t i = a; i < b && k + 8 < n; i++) {
        unsigned char c = (unsigned char)j->text[i];
        if (i == o && k + 2 < n)
            out[k++] = '>', out[k++] = '>';
        if (c == 0xE2 && i + 2 < b && (unsigned char)j->text[i + 1] == 0x80 &&
            (unsigned char)j->text[i + 2] == 0x8B) {
            k += (size_t)snprintf(out + k, n - k, "<ZWSP>");
            i += 2;
        } else if (c == 0xC2 && i + 1 < b && (unsigned char)j->text[i + 1] == 0xAD) {
            k += (size_t)snprintf(out + k, n - k, "<SHY>");
            i += 1;
        } else if (c == '\n') {
            out[k++] = '|';
        } else {
            out[k++] = (char)c;
        }
    }
    out[k < n ? k : n - 1] = '\0';
}

static void print_fa(const char *title, const FileSet *clean, int tool)
{
    (void)title;
    StrMap m = {0};
    long total = 0;
    for (size_t i = 0; i < clean->n; i++)
        for (size_t k = 0; k < clean->res[tool][i].n; k++) {
            const char *key = tool == T_PRESSLINT ? clean->res[tool][i].v[k].key : "(all)";
            int *c = sm_get(&m, key, strlen(key));
            sm_put(&m, key, strlen(key), c ? *c + 1 : 1);
            total++;
        }
    if (tool == T_PRESSLINT) {
        Count *cs = xmalloc((m.n + 1) * sizeof *cs);
        size_t n = 0;
        for (size_t i = 0; i < m.cap; i++)
            if (m.keys[i])
                cs[n++] = (Count){m.keys[i], m.vals[i]};
        qsort(cs, n, sizeof *cs, cmp_count);
        for (size_t i = 0; i < n; i++)
            printf("  presslint %-34s %5d  %7.2f\n", cs[i].key, cs[i].n, 1e4 * cs[i].n / g_words);
        printf("  presslint %-34s %5ld  %7.2f\n", "TOTAL", total, 1e4 * total / g_words);
        free(cs);
    } else {
        printf("  %-44s %5ld  %7.2f\n", tool_name[tool], total, 1e4 * total / g_words);
    }
}

/* ------------------------------------------------------------------ */
/* main                                                                */
/* ------------------------------------------------------------------ */

static void usage(FILE *f)
{
    fprintf(f,
            "Usage: quality/quality [--corpus DIR] [--seed N] [--per-kind N] [--presslint PATH]\n"
            "                       [--keep DIR] [--misspellings FILE] [--enable RULES]\n"
            "Measure presslint's recall on injected errors and its false alarms on clean\n"
            "articles, next to hunspell and codespell.  See quality/README.md.\n"
            "  --corpus DIR        clean articles, *.txt (default ../shared/corpus/wikinews)\n"
            "  --seed N            PRNG seed (default 1)\n"
            "  --per-kind N        injections per error kind (default 20)\n"
            "  --presslint PATH    presslint binary (default ./presslint)\n"
            "  --keep DIR          write the injected copies (and injections.tsv) to DIR and keep them\n"
            "  --misspellings FILE codespell list wrong->right\n"
            "                      (default ../shared/data/misspellings/codespell-dictionary.txt)\n"
            "  --enable RULES      pass --enable RULES to presslint (both runs)\n");
}

static long parse_num(const char *opt, const char *v, long lo, long hi)
{
    char *end;
    errno = 0;
    long x = strtol(v, &end, 10);
    if (errno || *end || end == v || x < lo || x > hi) {
        fprintf(stderr, "quality: bad value for %s: '%s'\n", opt, v);
        usage(stderr);
        exit(2);
    }
    return x;
}

static int mkdir_p(const char *dir)
{
    char *p = xstrdup(dir);
    for (char *c = p + 1; *c; c++)
        if (*c == '/') {
            *c = '\0';
            mkdir(p, 0777);
            *c = '/';
        }
    int ok = mkdir(p, 0777) == 0 || errno == EEXIST;
    free(p);
    return ok;
}

int main(int argc, char **argv)
{
    const char *corpus = "../shared/corpus/wikinews";
    const char *misp = "../shared/data/misspellings/codespell-dictionary.txt";
    const char *keep = NULL;
    const char *propers = "dictionaries/proper-nouns.txt";
    const char *verbs = "rules/base-verbs.txt";
    const char *givens = "dictionaries/given-names.txt";
    uint64_t seed = 1;
    int per_kind = 20;

    for (int i = 1; i < argc; i++) {
        const char *o = argv[i];
        if (!strcmp(o, "-h") || !strcmp(o, "--help")) {
            usage(stdout);
            return 0;
        }
        static const char *const known[] = {"--corpus", "--seed", "--per-kind", "--presslint", "--keep",
                                            "--misspellings", "--enable", NULL};
        if (!in_list(known, o, strlen(o))) {
            fprintf(stderr, "quality: %s %s\n", strncmp(o, "-", 1) ? "unexpected argument" : "unknown option", o);
            usage(stderr);
            return 2;
        }
        if (i + 1 >= argc) {
            fprintf(stderr, "quality: option %s needs a value\n", o);
            usage(stderr);
            return 2;
        }
        const char *v = argv[++i];
        if (!strcmp(o, "--corpus"))
            corpus = v;
        else if (!strcmp(o, "--seed"))
            seed = (uint64_t)parse_num(o, v, 0, 0x7fffffffffffffffL);
        else if (!strcmp(o, "--per-kind"))
            per_kind = (int)parse_num(o, v, 1, 100000);
        else if (!strcmp(o, "--presslint"))
            g_presslint = v;
        else if (!strcmp(o, "--keep"))
            keep = v;
        else if (!strcmp(o, "--misspellings"))
            misp = v;
        else if (!strcmp(o, "--enable")) {
            g_pl_extra = xrealloc(g_pl_extra, (g_pl_nextra + 2) * sizeof *g_pl_extra);
            g_pl_extra[g_pl_nextra++] = "--enable";
            g_pl_extra[g_pl_nextra++] = (char *)v;
        } else {
            fprintf(stderr, "quality: unknown option %s\n", o);
            usage(stderr);
            return 2;
        }
    }

    /* presslint must exist and run */
    if (access(g_presslint, X_OK) != 0 && !have_program(g_presslint))
        fail("cannot run %s (build it with make)", g_presslint);
    char *pv_argv[] = {(char *)g_presslint, "--version", NULL};
    char *pl_version = first_line_of(pv_argv);
    load_rule_list();

    char tmpl[] = "/tmp/presslint-quality-XXXXXX";
    g_scratch = mkdtemp(tmpl);
    if (!g_scratch)
        fail("mkdtemp: %s", strerror(errno));
    g_scratch = xstrdup(g_scratch);

    ensure_peers();

    /* data */
    load_corpus(corpus);
    if (!for_each_line(misp, add_misspelling, NULL))
        fail("cannot read %s: %s", misp, strerror(errno));
    if (!for_each_line(propers, add_proper, NULL))
        fail("cannot read %s (run from the repository root)", propers);
    if (!for_each_line(verbs, add_word, &g_verbs))
        fail("cannot read %s (run from the repository root)", verbs);
    for_each_line(givens, add_word, &g_givens);
    prepare_sentence_words();

    /* injected copies */
    if (keep) {
        if (!mkdir_p(keep))
            fail("cannot create %s: %s", keep, strerror(errno));
        g_tmpdir = xstrdup(keep);
        g_keep = 1;
    } else {
        char t2[] = "/tmp/presslint-injected-XXXXXX";
        char *d = mkdtemp(t2);
        if (!d)
            fail("mkdtemp: %s", strerror(errno));
        g_tmpdir = xstrdup(d);
    }
    make_injections(per_kind, seed);

    FileSet clean, inj;
    fileset_init(&clean, g_nart);
    for (size_t i = 0; i < g_nart; i++)
        fileset_set(&clean, i, g_art[i].path, g_art[i].text, g_art[i].len);
    fileset_init(&inj, g_ninj);
    for (size_t i = 0; i < g_ninj; i++) {
        Buf p = {0};
        buf_addf(&p, "%s/%03zu-%s.txt", g_tmpdir, i + 1, kinds[g_inj[i].kind].name);
        write_file(p.p, g_inj[i].text, g_inj[i].len);
        fileset_set(&inj, i, p.p, g_inj[i].text, g_inj[i].len);
    }

    fprintf(stderr, "quality: running presslint on %zu clean and %zu injected files...\n", g_nart, g_ninj);
    for (int k = 0; k < NKINDS; k++) {
        const char *p = kinds[k].rules;
        while (*p) {
            size_t n = strcspn(p, "|");
            char *id = strndup(p, n);
            if (rule_state(id) == 0 && g_inj_nenable < 8)
                g_inj_enable[g_inj_nenable++] = id;
            else
                free(id);
            p += n + (p[n] == '|');
        }
    }
    run_presslint(&clean, 0);
    run_presslint(&inj, 1);
    if (g_have_hunspell) {
        fprintf(stderr, "quality: running hunspell...\n");
        run_hunspell(&clean);
        run_hunspell(&inj);
    }
    if (g_have_codespell) {
        fprintf(stderr, "quality: running codespell...\n");
        run_codespell(&clean);
        run_codespell(&inj);
    }
    score(&clean, &inj);

    /* with --keep: every tool's findings, for checking by hand */
    if (g_keep) {
        for (int t = 0; t < NTOOLS; t++) {
            if ((t == T_HUNSPELL && !g_have_hunspell) || (t == T_CODESPELL && !g_have_codespell))
                continue;
            Buf p = {0};
            buf_addf(&p, "%s/findings-%s-clean.tsv", g_tmpdir, tool_name[t]);
            dump_findings(&clean, t, p.p);
            p.n = 0;
            buf_addf(&p, "%s/findings-%s-injected.tsv", g_tmpdir, tool_name[t]);
            dump_findings(&inj, t, p.p);
            free(p.p);
        }
    }

    /* manifest of the injections */
    {
        Buf m = {0};
        buf_adds(&m, "file\tkind\tline\tcol\tspan\tarticle\tnote\tpresslint\trules\thunspell\tcodespell\n");
        for (size_t i = 0; i < g_ninj; i++) {
            const Inj *j = &g_inj[i];
            buf_addf(&m, "%s\t%s\t%d\t%d\t%d\t%s\t%s\t%s\t%s\t%s\t%s\n", inj.paths[i] + strlen(g_tmpdir) + 1,
                     kinds[j->kind].name, j->line, j->col, j->site.span, g_art[j->art].name, j->site.note,
                     j->found[0] ? "found" : "missed", j->rules[0] ? j->rules : "-",
                     g_have_hunspell ? (j->found[1] ? "found" : "missed") : "skipped",
                     g_have_codespell ? (j->found[2] ? "found" : "missed") : "skipped");
        }
        Buf p = {0};
        buf_addf(&p, "%s/injections.tsv", g_tmpdir);
        write_file(p.p, m.p, m.n);
        free(m.p);
        free(p.p);
    }

    /* ---- report ---- */
    printf("presslint quality report\n");
    printf("========================\n");
    printf("harness:   ");
    for (int i = 0; i < argc; i++)
        printf("%s%s", i ? " " : "", argv[i]);
    printf("\n");
    printf("presslint: %s (%s)\n", g_presslint, pl_version);
    printf("  runs:    %s", g_presslint);
    for (size_t i = 0; i < g_pl_nextra; i++)
        printf(" %s", g_pl_extra[i]);
    printf(" FILE...   (once on %zu clean files, once on %zu injected copies)\n", g_nart, g_ninj);
    if (g_inj_nenable) {
        printf("  the injected run also enables the rules that are off by default so their\n"
               "  kinds can be measured:");
        for (size_t i = 0; i < g_inj_nenable; i++)
            printf(" --enable %s", g_inj_enable[i]);
        printf("\n  (false alarms below come from the clean run, at default settings)\n");
    }
    printf("corpus:    %s (%zu articles, %ld words as wc -w counts them)\n", corpus, g_nart, g_words);
    printf("seed:      %llu   per kind: %d   injections: %zu\n", (unsigned long long)seed, per_kind, g_ninj);
    printf("misspellings: %s\n", misp);
    printf("peers:     hunspell: %s\n", g_have_hunspell ? g_hs_version : "not installed (skipped)");
    if (g_have_hunspell)
        printf("             run as: hunspell -d en_US -l, LC_ALL=C.UTF-8, a marker line after each\n"
               "             input line (column = the reported word found in its line)\n");
    printf("           codespell: %s\n", g_have_codespell ? g_cs_version : "not installed (skipped)");
    if (g_have_codespell)
        printf("             run as: codespell FILE... (column = the reported word found in its line)\n");
    printf("injected copies: %s (%s)\n", g_tmpdir, g_keep ? "kept; see injections.tsv" : "removed at exit");
    printf("note:      every presslint finding on the clean corpus counts as a false alarm below,\n"
           "           although the corpus has a few genuine typos.\n");
    printf("\n");
    printf("Found = a finding on the injected line whose column is within the injected span +-1\n");
    printf("character (boilerplate-line, duplicate-paragraph: column 1-2 of the inserted line),\n");
    printf("not counting findings the clean original already had at the same place.\n");
    printf("Right rule = share of the found injections that carried an expected rule id.\n");
    printf("'*' = the peer has no real chance on this kind (shown anyway).\n\n");

    printf("%-22s %-16s %-10s %-16s %-16s %s\n", "kind", "presslint", "right rule", "hunspell",
           "codespell", "expected rule");
    printf("%-22s %-16s %-10s %-16s %-16s %s\n", "----", "---------", "----------", "--------",
           "---------", "-------------");
    int tot[NTOOLS] = {0}, totn = 0, totright = 0;
    int cov[NTOOLS] = {0}, covn[NTOOLS] = {0};
    for (int k = 0; k < NKINDS; k++) {
        int n = 0, f[NTOOLS] = {0}, right = 0;
        for (size_t i = 0; i < g_ninj; i++)
            if (g_inj[i].kind == k) {
                n++;
                for (int t = 0; t < NTOOLS; t++)
                    f[t] += g_inj[i].found[t];
                right += g_inj[i].found[0] && g_inj[i].right;
            }
        char c0[32], c1[32], c2[32], c3[32];
        pct_cell(c0, sizeof c0, f[0], n);
        if (f[0])
            snprintf(c1, sizeof c1, "%5.1f%%", 100.0 * right / f[0]);
        else
            snprintf(c1, sizeof c1, "-");
        if (g_have_hunspell) {
            pct_cell(c2, sizeof c2, f[1], n);
            if (!kinds[k].peer[1])
                strcat(c2, "*");
        } else
            snprintf(c2, sizeof c2, "skipped");
        if (g_have_codespell) {
            pct_cell(c3, sizeof c3, f[2], n);
            if (!kinds[k].peer[2])
                strcat(c3, "*");
        } else
            snprintf(c3, sizeof c3, "skipped");
        /* expected rules, with a mark when presslint has them off or lacks them */
        Buf er = {0};
        const char *p = kinds[k].rules;
        while (*p) {
            const char *bar = strchr(p, '|');
            size_t rn = bar ? (size_t)(bar - p) : strlen(p);
            char *r = xstrndup(p, rn);
            int st = rule_state(r);
            buf_addf(&er, "%s%s%s", er.n ? " or " : "", r,
                     st == 0 ? " (off by default)" : st < 0 ? " (not in --list-rules)" : "");
            free(r);
            p += rn + (bar ? 1 : 0);
        }
        printf("%-22s %-16s %-10s %-16s %-16s %s\n", kinds[k].name, c0, c1, c2, c3, er.p);
        free(er.p);
        totn += n;
        totright += right;
        for (int t = 0; t < NTOOLS; t++) {
            tot[t] += f[t];
            if (kinds[k].peer[t]) {
                cov[t] += f[t];
                covn[t] += n;
            }
        }
    }
    {
        char c0[32], c1[32], c2[32], c3[32];
        pct_cell(c0, sizeof c0, tot[0], totn);
        snprintf(c1, sizeof c1, tot[0] ? "%5.1f%%" : "-", tot[0] ? 100.0 * totright / tot[0] : 0.0);
        if (g_have_hunspell)
            pct_cell(c2, sizeof c2, tot[1], totn);
        else
            snprintf(c2, sizeof c2, "skipped");
        if (g_have_codespell)
            pct_cell(c3, sizeof c3, tot[2], totn);
        else
            snprintf(c3, sizeof c3, "skipped");
        printf("%-22s %-16s %-10s %-16s %-16s\n", "overall", c0, c1, c2, c3);
        if (g_have_hunspell)
            pct_cell(c2, sizeof c2, cov[1], covn[1]);
        if (g_have_codespell)
            pct_cell(c3, sizeof c3, cov[2], covn[2]);
        printf("%-22s %-16s %-10s %-16s %-16s\n", "overall, covered kinds", "", "", c2, c3);
    }

    printf("\nFalse alarms on the clean originals (every finding counts as a false alarm here,\n");
    printf("although the corpus has a few genuine typos), per 10,000 words (%ld words):\n", g_words);
    printf("  %-44s %5s  %7s\n", "tool / rule", "count", "per 10k");
    print_fa("presslint", &clean, T_PRESSLINT);
    if (g_have_hunspell)
        print_fa("hunspell", &clean, T_HUNSPELL);
    else
        printf("  %-44s skipped\n", "hunspell");
    if (g_have_codespell)
        print_fa("codespell", &clean, T_CODESPELL);
    else
        printf("  %-44s skipped\n", "codespell");

    printf("\nMissed by presslint (up to 3 per kind; >> marks the injected error):\n");
    int any = 0;
    for (int k = 0; k < NKINDS; k++) {
        int shown = 0;
        for (size_t i = 0; i < g_ninj && shown < 3; i++) {
            const Inj *j = &g_inj[i];
            if (j->kind != k || j->found[0])
                continue;
            char sn[256];
            snippet(j, sn, sizeof sn);
            printf("  %-21s %s:%d:%d  %s\n", kinds[k].name, inj.paths[i] + strlen(g_tmpdir) + 1,
                   j->line, j->col, j->site.note);
            printf("  %-21s   \"%s\"\n", "", sn);
            /* what presslint said on that line, if anything */
            const FList *fl = &inj.res[T_PRESSLINT][i];
            for (size_t m = 0; m < fl->n; m++)
                if (fl->v[m].line == j->line)
                    printf("  %-21s   presslint said: col %d [%s]\n", "", fl->v[m].col, fl->v[m].key);
            shown++;
            any = 1;
        }
    }
    if (!any)
        printf("  (none)\n");
    printf("\nFound by position but with another rule than expected:\n");
    any = 0;
    for (size_t i = 0; i < g_ninj; i++) {
        const Inj *j = &g_inj[i];
        if (j->found[0] && !j->right) {
            printf("  %-21s %s:%d:%d  %s  got [%s]\n", kinds[j->kind].name,
                   inj.paths[i] + strlen(g_tmpdir) + 1, j->line, j->col, j->site.note, j->rules);
            any = 1;
        }
    }
    if (!any)
        printf("  (none)\n");

    fflush(stdout);
    cleanup();
    return 0;
}
