/* pl_cpu.h - which processor features the SIMD paths may use.
 *
 * Several steps have a path for AVX2 (or SSSE3, or AES) beside one for
 * the x86-64 baseline, taken by what the CPU has. On a machine with
 * AVX2 the tests would only ever take the first: PRESSLINT_SIMD caps the
 * features the paths may use, so that `make check` runs the others too,
 * and a user can rule a path out if one is ever suspected.
 *
 *   PRESSLINT_SIMD=sse2    the baseline only
 *   PRESSLINT_SIMD=ssse3   SSSE3 too, no AVX2 or AES
 *   PRESSLINT_SIMD=avx2    everything the CPU has (the same as unset)
 *
 * Any other value caps nothing. The variable is read once a process. */
#ifndef PL_CPU_H
#define PL_CPU_H

#include "pl_common.h"

enum pl_cpu_feature {
	PL_CPU_SSSE3 = 1 << 0,
	PL_CPU_AVX2 = 1 << 1,
	PL_CPU_AES = 1 << 2,
};

/** May the SIMD paths use `feature` (one pl_cpu_feature)? The CPU has it
 * and PRESSLINT_SIMD allows it. Cheap after the first call. */
bool pl_cpu_has(unsigned feature);

/** The features of `have` that a PRESSLINT_SIMD value of `spec` (NULL:
 * unset) allows. */
unsigned pl_cpu_cap(unsigned have, const char *spec);

#endif
