/* check_lock.c - taking a shared lock, spinning before sleeping
 * (pl_lock.h). */
#include "check_util.h"

#include <errno.h>
#include <pthread.h>

#include "pl_lock.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;

START_TEST(test_locks)
{
	pl_lock(&lock);
	ck_assert_int_eq(pthread_mutex_trylock(&lock), EBUSY);
	ck_assert_int_eq(pthread_mutex_unlock(&lock), 0);
	ck_assert_int_eq(pthread_mutex_trylock(&lock), 0);
	ck_assert_int_eq(pthread_mutex_unlock(&lock), 0);
}
END_TEST

static void *add_many(void *arg)
{
	long i, n = *(const long *)arg;

	for (i = 0; i < n; i++) {
		pl_lock(&lock);
		counter++;
		pthread_mutex_unlock(&lock);
	}
	return NULL;
}

START_TEST(test_excludes)
{
	/* two threads at once: no increment is lost */
	pthread_t a, b;
	long n = 200000;

	counter = 0;
	ck_assert_int_eq(pthread_create(&a, NULL, add_many, &n), 0);
	ck_assert_int_eq(pthread_create(&b, NULL, add_many, &n), 0);
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	ck_assert_int_eq(counter, 2 * n);
}
END_TEST

static void *take_and_count(void *arg)
{
	(void)arg;
	pl_lock(&lock);
	counter++;
	pthread_mutex_unlock(&lock);
	return NULL;
}

START_TEST(test_sleeps_after_spinning)
{
	/* held far longer than the spin (PL_LOCK_SPINS pauses, under a
	 * millisecond): the waiter goes to sleep in pthread_mutex_lock and
	 * gets the lock once it is let go, not before */
	pthread_t t;

	counter = 0;
	pl_lock(&lock);
	ck_assert_int_eq(pthread_create(&t, NULL, take_and_count, NULL), 0);
	usleep(50 * 1000);
	ck_assert_int_eq(counter, 0);
	pthread_mutex_unlock(&lock);
	pthread_join(t, NULL);
	ck_assert_int_eq(counter, 1);
}
END_TEST

Suite *suite_lock(void)
{
	Suite *s = suite_create("lock");
	TCase *tc = tcase_create("pl_lock");

	tcase_add_test(tc, test_locks);
	tcase_add_test(tc, test_excludes);
	tcase_add_test(tc, test_sleeps_after_spinning);
	suite_add_tcase(s, tc);
	return s;
}
