/* check_cpu.c - which processor features the SIMD paths may use
 * (pl_cpu.h): what PRESSLINT_SIMD allows of what a CPU has. `make check`
 * runs the unit suites and the golden cases again under each cap, so
 * that every path is taken on one machine. */
#include "check_util.h"

#include "pl_cpu.h"

#define ALL (PL_CPU_SSSE3 | PL_CPU_AVX2 | PL_CPU_AES)

START_TEST(test_cap)
{
	/* unset, or "avx2": what the CPU has */
	ck_assert_uint_eq(pl_cpu_cap(ALL, NULL), ALL);
	ck_assert_uint_eq(pl_cpu_cap(ALL, "avx2"), ALL);
	ck_assert_uint_eq(pl_cpu_cap(PL_CPU_SSSE3, "avx2"), PL_CPU_SSSE3);
	/* "ssse3": that alone, if the CPU has it */
	ck_assert_uint_eq(pl_cpu_cap(ALL, "ssse3"), PL_CPU_SSSE3);
	ck_assert_uint_eq(pl_cpu_cap(PL_CPU_AES, "ssse3"), 0);
	/* "sse2": the baseline, nothing more */
	ck_assert_uint_eq(pl_cpu_cap(ALL, "sse2"), 0);
	/* anything else caps nothing */
	ck_assert_uint_eq(pl_cpu_cap(ALL, ""), ALL);
	ck_assert_uint_eq(pl_cpu_cap(ALL, "SSE2"), ALL);
}
END_TEST

/* A path is never allowed a feature the CPU lacks, and is allowed one
 * it has unless this process's PRESSLINT_SIMD rules it out. */
START_TEST(test_has)
{
	const char *spec = getenv("PRESSLINT_SIMD");
	unsigned have = 0;

#if defined(__x86_64__) && defined(__GNUC__)
	__builtin_cpu_init();
	have |= __builtin_cpu_supports("ssse3") ? PL_CPU_SSSE3 : 0;
	have |= __builtin_cpu_supports("avx2") ? PL_CPU_AVX2 : 0;
	have |= __builtin_cpu_supports("aes") ? PL_CPU_AES : 0;
#endif
	ck_assert(pl_cpu_has(PL_CPU_SSSE3) == !!(pl_cpu_cap(have, spec) & PL_CPU_SSSE3));
	ck_assert(pl_cpu_has(PL_CPU_AVX2) == !!(pl_cpu_cap(have, spec) & PL_CPU_AVX2));
	ck_assert(pl_cpu_has(PL_CPU_AES) == !!(pl_cpu_cap(have, spec) & PL_CPU_AES));
}
END_TEST

Suite *suite_cpu(void)
{
	Suite *s = suite_create("cpu");
	TCase *tc = tcase_create("cpu");

	tcase_add_test(tc, test_cap);
	tcase_add_test(tc, test_has);
	suite_add_tcase(s, tc);
	return s;
}
