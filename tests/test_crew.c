/* The crew (src/sim/crew.c): every thread does each piece of work exactly
 * once per call, whether its threads were still looking for work or had
 * gone to sleep; a model whose thread count changes between runs, and a
 * model built on several threads, give the bits of one thread. */
#include "helpers.h"

#include <pthread.h>
#include <stdatomic.h>
#include <time.h>

#include "crew.h"
#include "diag.h"

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
    const char *paths[] = {"scenarios/default.yaml", "scenarios/typhoon_town.yaml"};
    for (size_t p = 0; p < sizeof paths / sizeof paths[0]; p++) {
        run one;
        run_scenario(&one, paths[p], NULL, 0);
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

/* Messages added to a copy one after another, against the same split
 * in two and joined with dc_diag_append: the same list, the same error
 * count, the warning given twice kept once, and past the 200 kept the
 * same "... and N more" line. */
static void add_n(dc_diag *d, int from, int to, int warn_every)
{
    for (int k = from; k < to; k++) {
        if (warn_every && k % warn_every == 0) dc_diag_warn(d, "w.csv", 1, 1, "field", "the same warning");
        else dc_diag_add(d, "f.csv", k + 1, 2, "value", "error %d", k);
    }
}

static void assert_same_diag(const dc_diag *a, const dc_diag *b)
{
    assert_int_equal(dc_diag_count(a), dc_diag_count(b));
    assert_int_equal(dc_diag_errors(a), dc_diag_errors(b));
    for (size_t i = 0; i < dc_diag_count(a); i++) {
        assert_string_equal(dc_diag_message(a, i), dc_diag_message(b, i));
        assert_int_equal(dc_diag_is_warning(a, i), dc_diag_is_warning(b, i));
    }
}

static void appended_messages_read_as_one_pass(void **state)
{
    (void)state;
    const int splits[][2] = {{10, 40}, {150, 260}, {5, 400}, {0, 0}};
    for (size_t c = 0; c < sizeof splits / sizeof splits[0]; c++) {
        int cut = splits[c][0], end = splits[c][1];
        dc_diag *one = dc_diag_create(), *first = dc_diag_create(), *second = dc_diag_create_raw();
        add_n(one, 0, end, 7);
        add_n(first, 0, cut, 7);
        add_n(second, cut, end, 7);
        dc_diag_append(first, second);
        assert_same_diag(one, first);
        assert_true(end < 220 || strstr(dc_diag_message(first, dc_diag_count(first) - 1), "more messages not shown"));
        dc_diag_destroy(&one), dc_diag_destroy(&first), dc_diag_destroy(&second);
    }
}

/* The inputs read on two threads (the weather beside the rest): the same
 * messages in the same order as one thread, and the same model. A town
 * whose weather file and load profile are both broken reports both. */
static void inputs_on_two_threads_read_as_one(void **state)
{
    (void)state;
    dc_diag *d1 = dc_diag_create(), *d2 = dc_diag_create();
    dc_scenario *s = NULL;
    assert_int_equal(dc_scenario_load("scenarios/default.yaml", &s, d1), DC_OK);
    dc_inputs *in1 = NULL, *in2 = NULL;
    assert_int_equal(dc_inputs_load(s, &in1, d1), DC_OK);
    assert_int_equal(dc_inputs_load_on(s, 2, &in2, d2), DC_OK);
    assert_true(dc_diag_count(d1) > 0); /* the sample statistics warn */
    assert_same_diag(d1, d2);
    dc_model *m1 = NULL, *m2 = NULL;
    assert_int_equal(dc_model_create(s, in1, &m1, d1), DC_OK);
    assert_int_equal(dc_model_create(s, in2, &m2, d2), DC_OK);
    assert_int_equal(dc_model_run(m1), DC_OK);
    assert_int_equal(dc_model_run(m2), DC_OK);
    for (size_t k = 0; k < dc_model_series_count(m1); k++)
        assert_memory_equal(dc_model_series_at(m1, k), dc_model_series_at(m2, k), dc_model_steps(m1) * sizeof(double));
    dc_model_destroy(&m1), dc_model_destroy(&m2);
    dc_inputs_destroy(&in1), dc_inputs_destroy(&in2);
    dc_scenario_destroy(&s);
    dc_diag_destroy(&d1), dc_diag_destroy(&d2);
    assert_int_equal(dc_inputs_load_on(NULL, 2, &in2, NULL), DC_ERR_ARG);

    d1 = dc_diag_create(), d2 = dc_diag_create();
    assert_int_equal(dc_scenario_load("tests/bad/weather_and_profiles.yaml", &s, d1), DC_OK);
    dc_status st1 = dc_inputs_load(s, &in1, d1), st2 = dc_inputs_load_on(s, 2, &in2, d2);
    assert_int_equal(st1, DC_ERR_WEATHER);
    assert_int_equal(st2, st1);
    assert_null(in2);
    assert_same_diag(d1, d2);
    assert_non_null(strstr(dc_diag_message(d2, 0), "nan.epw"));
    assert_true(diag_has(d2, "bad_profile.csv") && diag_has(d2, "long_profile.csv"));
    dc_scenario_destroy(&s);
    dc_diag_destroy(&d1), dc_diag_destroy(&d2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_thread_works_once_a_run),
        cmocka_unit_test(thread_count_changes_between_runs),
        cmocka_unit_test(built_on_threads_gives_the_same_bits),
        cmocka_unit_test(appended_messages_read_as_one_pass),
        cmocka_unit_test(inputs_on_two_threads_read_as_one),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
