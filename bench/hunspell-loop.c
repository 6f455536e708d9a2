/*
 * hunspell-loop: the "bare Hunspell loop" baseline for the presslint bench.
 *
 *   bench/hunspell-loop FILE
 *
 * Reads FILE, splits it into words and calls Hunspell_spell() once per word
 * with the en_US dictionary, no cache and no other work; prints the number of
 * words and how many Hunspell rejected. This is the cheapest program that
 * spell-checks a text word by word, which presslint must beat tenfold.
 *
 * A word is a run of letter bytes: ASCII letters and any byte >= 0x80 (so a
 * UTF-8 letter is never split, but curly quotes and dashes next to a word are
 * part of it), with an ASCII apostrophe kept when a letter byte follows it
 * ("don't"; a trailing "'" is dropped). Digits and other ASCII end a word.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hunspell.h>

#define DIC_DIR "/usr/share/hunspell/"
#define MAX_WORD 256 /* longer runs are truncated; Hunspell rejects them anyway */

static int is_letter(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

/* Reads the whole of PATH into a malloc'ed buffer; caller frees. */
static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0;

	if (!f)
		return NULL;
	for (;;) {
		if (n == cap) {
			size_t ncap = cap ? cap * 2 : 1 << 20;
			char *nbuf = realloc(buf, ncap);
			if (!nbuf) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = nbuf;
			cap = ncap;
		}
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	*len = n;
	return buf;
}

int main(int argc, char **argv)
{
	const char *aff = DIC_DIR "en_US.aff", *dic = DIC_DIR "en_US.dic";
	char word[MAX_WORD + 1];
	unsigned long words = 0, rejected = 0;
	size_t len = 0, i = 0;
	char *text;
	Hunhandle *h;

	if (argc != 2) {
		fprintf(stderr, "usage: %s FILE\n", argv[0]);
		return 2;
	}
	text = read_file(argv[1], &len);
	if (!text) {
		perror(argv[1]);
		return 2;
	}
	FILE *probe = fopen(dic, "r");
	if (!probe) {
		perror(dic);
		free(text);
		return 2;
	}
	fclose(probe);
	h = Hunspell_create(aff, dic);
	if (!h) {
		fprintf(stderr, "hunspell-loop: cannot load %s\n", dic);
		free(text);
		return 2;
	}

	while (i < len) {
		const unsigned char *s = (const unsigned char *)text;
		size_t start, end;

		while (i < len && !is_letter(s[i]))
			i++;
		if (i >= len)
			break;
		start = i;
		while (i < len && (is_letter(s[i]) ||
		                   (s[i] == '\'' && i + 1 < len && is_letter(s[i + 1]))))
			i++;
		end = i;
		if (end - start > MAX_WORD)
			end = start + MAX_WORD;
		memcpy(word, text + start, end - start);
		word[end - start] = '\0';
		words++;
		if (!Hunspell_spell(h, word))
			rejected++;
	}

	printf("words: %lu, rejected: %lu\n", words, rejected);
	Hunspell_destroy(h);
	free(text);
	return 0;
}
