/* The crew (src/sim/crew.c): every thread does each piece of work exactly
 * once per call, whether its threads were still looking for work or had
 * gone to sleep; a model whose thread count changes between runs, and a
 * model built on several threads, give the bits of one thread. */
#define _GNU_SOURCE /* CPU sets */
#include "helpers.h"

#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <stdatomic.h>
#include <time.h>

#include "crew.h"
#include "spread.h"

enum { EXTRA = 3, CALLS = 400 };

typedef struct {
    atomic_int calls;
    pthread_t seen[EXTRA + 1];
    atomic_int n_seen;
    pthread_mutex_t lock;
} tally;

/* Counts the call, and notes each thread that made one. */
static void count(void *arg)
{
    tally *t = arg;
    atomic_fetch_add(&t->calls, 1);
    pthread_mutex_lock(&t->lock);
    int known = 0;
    for (int k = 0; k < atomic_load(&t->n_seen); k++) known |= pthread_equal(t->seen[k], pthread_self());
    if (!known && atomic_load(&t->n_seen) <= EXTRA) t->seen[atomic_fetch_add(&t->n_seen, 1)] = pthread_self();
    pthread_mutex_unlock(&t->lock);
}

static void pause_ms(double ms)
{
    struct timespec ts = {0, (long)(ms * 1e6)};
    nanosleep(&ts, NULL);
}

/* 3 threads and the caller: 4 calls a run; runs back to back (the
 * threads still looking) and 2 ms apart (asleep: woken by the run). */
static void every_thread_works_once_a_run(void **state)
{
    (void)state;
    tally t = {.lock = PTHREAD_MUTEX_INITIALIZER};
    dc_crew *c = dc_crew_create(EXTRA);
    assert_non_null(c);
    assert_int_equal(dc_crew_extra(c), EXTRA);
    for (int k = 0; k < CALLS; k++) {
        dc_crew_run(c, count, &t);
        assert_int_equal(atomic_load(&t.calls), (k + 1) * (EXTRA + 1)); /* all done when run returns */
        if (k % 40 == 0) pause_ms(2.0);
    }
    assert_int_equal(atomic_load(&t.n_seen), EXTRA + 1); /* four different threads */
    dc_crew_destroy(&c);
    assert_null(c);
    dc_crew_destroy(&c); /* NULL is fine */
    assert_null(dc_crew_create(0));
    assert_int_equal(dc_crew_extra(NULL), 0);
}

/* The town with every technology run on 1 thread, then on 2, 3 and 2
 * again in the same model (its crew started again when the count
 * changes): every series the same bits. */
static void thread_count_changes_between_runs(void **state)
{
    (void)state;
    run one, many;
    run_scenario(&one, "tests/bench/every_technology.yaml", NULL, 0);
    run_scenario(&many, "tests/bench/every_technology.yaml", NULL, 0);
    size_t count = dc_model_series_count(one.m);
    const int threads[] = {2, 3, 2, 1, 2};
    for (size_t t = 0; t < sizeof threads / sizeof threads[0]; t++) {
        assert_int_equal(dc_model_set_threads(many.m, threads[t]), DC_OK);
        assert_int_equal(dc_model_reset(many.m), DC_OK);
        assert_int_equal(dc_model_run(many.m), DC_OK);
        assert_int_equal(dc_model_series_count(many.m), count);
        for (size_t k = 0; k < count; k++)
            assert_memory_equal(dc_model_series_at(one.m, k), dc_model_series_at(many.m, k),
                                dc_model_steps(one.m) * sizeof(double));
    }
    close_run(&many);
    close_run(&one);
}

/* The default town (five modelled arrays at three tilts) and the
 * typhoon town built on 1, 2 and 3 threads (the sun in parts, the arrays
 * side by side) and run: every series the same bits. A bad count is
 * refused. */
static void built_on_threads_gives_the_same_bits(void **state)
{
    (void)state;
    /* The third: loads with a temperature response (filled on the crew
     * with their demand). */
    const char *paths[] = {"scenarios/default.yaml", "scenarios/typhoon_town.yaml", "scenarios/default.yaml"};
    const char *warm[] = {"loads.town_hall.cooling_kw_per_k=4", "loads.households.heating_kw_per_k=6"};
    for (size_t p = 0; p < sizeof paths / sizeof paths[0]; p++) {
        run one;
        run_scenario(&one, paths[p], p == 2 ? warm : NULL, p == 2 ? 2 : 0);
        if (p == 2) assert_non_null(dc_model_series(one.m, "load:households:temperature_response"));
        for (int threads = 2; threads <= 3; threads++) {
            dc_diag *d = dc_diag_create();
            dc_model *m = NULL;
            assert_int_equal(dc_model_create_on(one.s, one.in, NULL, threads, &m, d), DC_OK);
            assert_int_equal(dc_model_run(m), DC_OK);
            size_t count = dc_model_series_count(one.m);
            assert_int_equal(dc_model_series_count(m), count);
            for (size_t k = 0; k < count; k++)
                assert_memory_equal(dc_model_series_at(one.m, k), dc_model_series_at(m, k),
                                    dc_model_steps(one.m) * sizeof(double));
            dc_model_destroy(&m);
            dc_diag_destroy(&d);
        }
        dc_model *m = NULL;
        assert_int_equal(dc_model_create_on(one.s, one.in, NULL, 0, &m, NULL), DC_ERR_ARG);
        assert_null(m);
        close_run(&one);
    }
}

/* The last message (the error that stopped it) of a model built on
 * `threads` threads from the default with two profiles in place of
 * shapes; its status. */
static dc_status load_failure(const char *town_hall, const char *shops, int threads, char *msg, size_t len)
{
    char sets[2][300];
    snprintf(sets[0], sizeof sets[0], "loads.town_hall.profile_file=%s", town_hall);
    snprintf(sets[1], sizeof sets[1], "loads.shops_and_offices.profile_file=%s", shops);
    dc_diag *d = dc_diag_create();
    dc_scenario *s = NULL;
    dc_inputs *in = NULL;
    dc_model *m = NULL;
    assert_int_equal(dc_scenario_load("scenarios/default.yaml", &s, d), DC_OK);
    for (int k = 0; k < 2; k++) assert_int_equal(dc_scenario_set(s, sets[k], d), DC_OK);
    assert_int_equal(dc_scenario_validate(s, d), DC_OK);
    assert_int_equal(dc_inputs_load(s, &in, d), DC_OK);
    dc_status st = dc_model_create_on(s, in, NULL, threads, &m, d);
    assert_null(m);
    snprintf(msg, len, "%s", dc_diag_errors(d) ? dc_diag_message(d, dc_diag_count(d) - 1) : "");
    dc_inputs_destroy(&in);
    dc_scenario_destroy(&s);
    dc_diag_destroy(&d);
    return st;
}

/* Loads filled on the crew fail as on one thread: the first in the order
 * sites are built (the town hall's site comes before the shops'), with
 * the same message. A profile that sums to zero, and one whose year of
 * 1e308 kWh steps has no finite sum. */
static void load_errors_on_threads_as_on_one(void **state)
{
    (void)state;
    char zeros[128], huge[128];
    snprintf(zeros, sizeof zeros, "%s/zeros.csv", tmp);
    snprintf(huge, sizeof huge, "%s/huge.csv", tmp);
    FILE *z = fopen(zeros, "w"), *h = fopen(huge, "w");
    assert_non_null(z);
    assert_non_null(h);
    fputs("kWh\n", z), fputs("kWh\n", h);
    for (int i = 0; i < 8760; i++) fputs("0\n", z), fputs("1e308\n", h);
    fclose(z), fclose(h);
    const struct {
        const char *town_hall, *want;
    } cases[] = {
        {zeros, "town_hall: load shape or profile sums to zero"},
        {huge, "town_hall: load shape or profile values too large to add up over the year"},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        char one[512], two[512];
        assert_int_equal(load_failure(cases[c].town_hall, zeros, 1, one, sizeof one), DC_ERR_LOAD);
        assert_int_equal(load_failure(cases[c].town_hall, zeros, 2, two, sizeof two), DC_ERR_LOAD);
        assert_non_null(strstr(one, cases[c].want));
        assert_string_equal(one, two);
    }
}

/* A model whose crew started in this process, run again in a forked
 * child (where the crew's threads are not): the child's run finishes and
 * gives the parent's bits. */
static void a_forked_child_runs_alone(void **state)
{
    (void)state;
    run r;
    run_scenario(&r, "tests/bench/every_technology.yaml", NULL, 0);
    assert_int_equal(dc_model_set_threads(r.m, 2), DC_OK);
    assert_int_equal(dc_model_reset(r.m), DC_OK);
    assert_int_equal(dc_model_run(r.m), DC_OK); /* the crew starts here */
    size_t count = dc_model_series_count(r.m);
    double *sums = calloc(count, sizeof *sums);
    assert_non_null(sums);
    for (size_t k = 0; k < count; k++)
        for (size_t i = 0; i < dc_model_steps(r.m); i++) sums[k] += dc_model_series_at(r.m, k)[i];
    fflush(NULL);
    pid_t child = fork();
    assert_true(child >= 0);
    if (child == 0) {
        alarm(20); /* a child waiting on threads it does not have would hang: fail instead */
        int ok = dc_model_reset(r.m) == DC_OK && dc_model_run(r.m) == DC_OK;
        for (size_t k = 0; ok && k < count; k++) {
            double s = 0;
            for (size_t i = 0; i < dc_model_steps(r.m); i++) s += dc_model_series_at(r.m, k)[i];
            ok = memcmp(&s, &sums[k], sizeof s) == 0;
        }
        dc_model_destroy(&r.m);
        _exit(ok ? 0 : 1);
    }
    int status = 0;
    assert_int_equal(waitpid(child, &status, 0), child);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    free(sums);
    close_run(&r);
}

/* The CPUs the thread may use, once it runs. */
static void *affinity_of(void *arg)
{
    cpu_set_t *mask = arg;
    return pthread_getaffinity_np(pthread_self(), sizeof *mask, mask) ? NULL : arg;
}

/* dc_thread_start: the thread gets its argument and gives its result;
 * once it runs it may use every CPU the process may (starting on another
 * CPU than its creator's is a placement, not a pin); and with one CPU
 * allowed it starts there. */
static void threads_start_free_to_move(void **state)
{
    (void)state;
    cpu_set_t all, seen, one;
    assert_int_equal(sched_getaffinity(0, sizeof all, &all), 0);
    for (int k = 0; k < 50; k++) {
        pthread_t th;
        void *rc = NULL;
        CPU_ZERO(&seen);
        assert_int_equal(dc_thread_start(&th, affinity_of, &seen), 0);
        assert_int_equal(pthread_join(th, &rc), 0);
        assert_ptr_equal(rc, &seen);
        assert_true(CPU_EQUAL(&seen, &all));
    }
    int cpu = sched_getcpu();
    assert_true(cpu >= 0);
    CPU_ZERO(&one);
    CPU_SET(cpu, &one);
    assert_int_equal(sched_setaffinity(0, sizeof one, &one), 0);
    pthread_t th;
    void *rc = NULL;
    CPU_ZERO(&seen);
    assert_int_equal(dc_thread_start(&th, affinity_of, &seen), 0);
    assert_int_equal(pthread_join(th, &rc), 0);
    assert_int_equal(sched_setaffinity(0, sizeof all, &all), 0);
    assert_ptr_equal(rc, &seen);
    assert_true(CPU_EQUAL(&seen, &one));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_thread_works_once_a_run),
        cmocka_unit_test(thread_count_changes_between_runs),
        cmocka_unit_test(built_on_threads_gives_the_same_bits),
        cmocka_unit_test_setup_teardown(load_errors_on_threads_as_on_one, tmp_setup, tmp_teardown),
        cmocka_unit_test(a_forked_child_runs_alone),
        cmocka_unit_test(threads_start_free_to_move),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
