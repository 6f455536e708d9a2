/*
 * peak-rss: run a command and report its peak memory and wall time.
 *
 *   bench/peak-rss COMMAND [ARG...]
 *
 * Runs COMMAND with fork/exec (searching PATH), waits for it with wait4() and
 * prints one line on standard error, after anything the command printed:
 *
 *   peak-rss: 23.4 MB, 0.123456 s
 *
 * MB is the child's ru_maxrss (peak resident set; Linux reports KiB) in
 * units of 10^6 bytes; s is wall-clock time from fork to exit, measured with
 * CLOCK_MONOTONIC. Exits with the command's status: 128 + N if it was killed
 * by signal N, 127 if it could not be run, 2 on a usage error.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	struct rusage ru;
	int status = 0;
	double t0, t1;
	pid_t pid;

	if (argc < 2) {
		fprintf(stderr, "usage: %s COMMAND [ARG...]\n", argv[0]);
		return 2;
	}
	t0 = now();
	pid = fork();
	if (pid < 0) {
		perror("peak-rss: fork");
		return 127;
	}
	if (pid == 0) {
		execvp(argv[1], argv + 1);
		fprintf(stderr, "peak-rss: %s: %s\n", argv[1], strerror(errno));
		_exit(127);
	}
	while (wait4(pid, &status, 0, &ru) < 0) {
		if (errno != EINTR) {
			perror("peak-rss: wait4");
			return 127;
		}
	}
	t1 = now();
	fprintf(stderr, "peak-rss: %.1f MB, %.6f s\n",
	        (double)ru.ru_maxrss * 1024.0 / 1e6, t1 - t0);
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return 127;
}
