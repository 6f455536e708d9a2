/* pl_cpu.c - which processor features the SIMD paths may use (pl_cpu.h). */
#include "pl_cpu.h"

#include <stdlib.h>
#include <string.h>

unsigned pl_cpu_cap(unsigned have, const char *spec)
{
	if (!spec)
		return have;
	if (strcmp(spec, "sse2") == 0)
		return 0;
	if (strcmp(spec, "ssse3") == 0)
		return have & PL_CPU_SSSE3;
	return have;
}

/* What the CPU has. */
static unsigned detect(void)
{
	unsigned have = 0;

#if defined(__x86_64__) && defined(__GNUC__)
	__builtin_cpu_init();
	if (__builtin_cpu_supports("ssse3"))
		have |= PL_CPU_SSSE3;
	if (__builtin_cpu_supports("avx2"))
		have |= PL_CPU_AVX2;
	if (__builtin_cpu_supports("aes"))
		have |= PL_CPU_AES;
#endif
	return have;
}

bool pl_cpu_has(unsigned feature)
{
	/* worked out once; threads that race to it work out the same
	 * value (bit 31: known) */
	static unsigned known;
	unsigned f = __atomic_load_n(&known, __ATOMIC_RELAXED);

	if (!f) {
		f = pl_cpu_cap(detect(), getenv("PRESSLINT_SIMD")) | 1u << 31;
		__atomic_store_n(&known, f, __ATOMIC_RELAXED);
	}
	return (f & feature) != 0;
}
