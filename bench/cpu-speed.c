/*
 * cpu-speed: how fast each processor runs the same fixed loop, now.
 *
 *   bench/cpu-speed [ROUNDS]
 *
 * Pins itself to each processor it may run on in turn, times a loop of
 * integer work (eight independent chains: it keeps a core's execution units
 * busy, touches no memory) ROUNDS times (default 3) and prints one line a
 * processor, the median in milliseconds:
 *
 *   cpu 0: 112.4 ms
 *   cpu 1: 240.9 ms
 *
 * On a machine whose processors are shares of a host's, their speeds can
 * differ and change from minute to minute; a -j 2 run can then be at most
 * 1 + fast/slow times a -j 1 run on the faster one, whatever the program.
 * Exits 0, or 2 when it cannot pin itself.
 */
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define ITERATIONS 100000000UL
#define MAX_ROUNDS 15

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static double one_round(void)
{
	unsigned long x0 = 1, x1 = 2, x2 = 3, x3 = 4, x4 = 5, x5 = 6, x6 = 7, x7 = 8, i;
	double t0 = now_ms();

	for (i = 0; i < ITERATIONS; i++) {
		x0 += i ^ x1;
		x1 += i ^ x2;
		x2 += i ^ x3;
		x3 += i ^ x0;
		x4 += i ^ x5;
		x5 += i ^ x6;
		x6 += i ^ x7;
		x7 += i ^ x4;
		/* the compiler may not fold the loop away */
		__asm__ volatile("" : "+r"(x0), "+r"(x4));
	}
	__asm__ volatile("" : : "r"(x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7));
	return now_ms() - t0;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	cpu_set_t allowed, one;
	int rounds = argc > 1 ? atoi(argv[1]) : 3, cpu, r;
	double t[MAX_ROUNDS];

	if (rounds < 1 || rounds > MAX_ROUNDS) {
		fprintf(stderr, "cpu-speed: ROUNDS must be 1 to %d\n", MAX_ROUNDS);
		return 2;
	}
	if (sched_getaffinity(0, sizeof(allowed), &allowed) != 0) {
		perror("cpu-speed: sched_getaffinity");
		return 2;
	}
	for (cpu = 0; cpu < CPU_SETSIZE; cpu++) {
		if (!CPU_ISSET(cpu, &allowed))
			continue;
		CPU_ZERO(&one);
		CPU_SET(cpu, &one);
		if (sched_setaffinity(0, sizeof(one), &one) != 0) {
			perror("cpu-speed: sched_setaffinity");
			return 2;
		}
		for (r = 0; r < rounds; r++)
			t[r] = one_round();
		qsort(t, (size_t)rounds, sizeof(t[0]), by_value);
		printf("cpu %d: %.1f ms\n", cpu,
		       rounds % 2 ? t[rounds / 2] : (t[rounds / 2 - 1] + t[rounds / 2]) / 2);
		fflush(stdout);
	}
	return 0;
}
