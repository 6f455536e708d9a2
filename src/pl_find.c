/* pl_find.c - find a string in a text (pl_find.h). */
#include "pl_find.h"

#include "pl_cpu.h"

#include <string.h>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define FIND_AVX2 1
#endif

const char *pl_find_scalar(const char *text, size_t len, const char *needle, size_t n)
{
	return memmem(text, len, needle, n);
}

#ifdef FIND_AVX2
/* 32 places at a time: bit k of the mask is set where text[i + k] is the
 * needle's first byte and text[i + k + n - 1] its last. Both loads stay
 * inside the text; the last places, fewer than 32, go to memmem. */
__attribute__((target("avx2")))
static const char *find_avx2(const char *text, size_t len, const char *needle, size_t n)
{
	const __m256i first = _mm256_set1_epi8(needle[0]);
	const __m256i last = _mm256_set1_epi8(needle[n - 1]);
	size_t i;

	for (i = 0; i + n - 1 + 32 <= len; i += 32) {
		const __m256i a = _mm256_loadu_si256((const __m256i *)(const void *)(text + i));
		const __m256i b =
			_mm256_loadu_si256((const __m256i *)(const void *)(text + i + n - 1));
		uint32_t m = (uint32_t)_mm256_movemask_epi8(
			_mm256_and_si256(_mm256_cmpeq_epi8(a, first), _mm256_cmpeq_epi8(b, last)));

		for (; m; m &= m - 1) {
			const char *p = text + i + (size_t)__builtin_ctz(m);
			if (memcmp(p + 1, needle + 1, n - 2) == 0)
				return p;
		}
	}
	return memmem(text + i, len - i, needle, n);
}
#endif

const char *pl_find(const char *text, size_t len, const char *needle, size_t n)
{
#ifdef FIND_AVX2
	/* a needle of one byte is memchr's, which is vectorized already */
	if (n >= 2 && n <= len && pl_cpu_has(PL_CPU_AVX2))
		return find_avx2(text, len, needle, n);
#endif
	return pl_find_scalar(text, len, needle, n);
}
