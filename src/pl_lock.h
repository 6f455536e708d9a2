/* pl_lock.h - take a lock the run's threads share, spinning a while
 * before sleeping.
 *
 * The locks of a run (the word forms', the speller's, the engine's, the
 * file runner's) are held for microseconds, now and then for a few tenths
 * of a millisecond (a table grown, memory committed). A thread that finds
 * one taken and sleeps in the kernel leaves its processor idle, and on a
 * virtual machine an idle processor goes back to the host: getting it back
 * took milliseconds on the 2-processor machines these were measured on,
 * while the other thread went on alone, or shared the one processor with
 * it. Spinning first, for about as long as the longest hold, keeps the
 * processor: over the Wikinews corpus's 292 files at -j 2 the median run
 * took 18.4-19.2 ms spinning 8,192 to 32,768 times, against 22.9 ms
 * sleeping at once (31 runs each in turn). Where nothing else wants the
 * processor, as here, the spin costs nothing; it is bounded, and only
 * a taken lock spins. */
#ifndef PL_LOCK_H
#define PL_LOCK_H

#include <pthread.h>

/* Tries before sleeping: a pause is 23 ns on the machines measured (up to
 * 40 ns on others), so about 0.4 ms: past every hold timed but one, of
 * 2.8 ms. */
#define PL_LOCK_SPINS 16384

/* A hint to the processor that this is a spin: it frees the core's
 * resources for a while and eases the memory traffic of the tries. */
static inline void pl_cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#elif defined(__aarch64__)
	__asm__ __volatile__("yield" ::: "memory");
#else
	__asm__ __volatile__("" ::: "memory");
#endif
}

/** pthread_mutex_lock(m), after up to PL_LOCK_SPINS tries while it is
 * taken. */
static inline void pl_lock(pthread_mutex_t *m)
{
	unsigned i;

	for (i = 0; i < PL_LOCK_SPINS; i++) {
		if (pthread_mutex_trylock(m) == 0)
			return;
		pl_cpu_relax();
	}
	pthread_mutex_lock(m);
}

#endif
