/* The public API never crashes: every function given NULL, and calls out
 * of order, return a status (run under the sanitizers by check-asan). */
#include "helpers.h"

#include <math.h>

#include "diag.h"
#include "inputs.h"

static void null_everywhere(void **state)
{
    (void)state;
    dc_diag *d = dc_diag_create();
    assert_non_null(dc_status_message((dc_status)12345));
    assert_non_null(dc_version());
    assert_int_equal(dc_diag_count(NULL), 0);
    assert_null(dc_diag_message(NULL, 0));
    assert_null(dc_diag_message(d, 3));
    assert_int_equal(dc_diag_is_warning(NULL, 0), 0);
    assert_int_equal(dc_diag_errors(NULL), 0);
    dc_diag_destroy(NULL);
    assert_int_equal(dc_param_get(0, NULL), -1);

    dc_scenario *s = (dc_scenario *)1;
    assert_int_equal(dc_scenario_load(NULL, &s, d), DC_ERR_ARG);
    assert_null(s);
    assert_int_equal(dc_scenario_load("scenarios/default.yaml", NULL, d), DC_ERR_ARG);
    assert_int_equal(dc_scenario_set(NULL, "year=2030", d), DC_ERR_ARG);
    assert_int_equal(dc_scenario_validate(NULL, d), DC_ERR_ARG);
    assert_null(dc_scenario_name(NULL));
    dc_scenario_destroy(NULL);

    dc_inputs *in = (dc_inputs *)1;
    assert_int_equal(dc_inputs_load(NULL, &in, d), DC_ERR_ARG);
    assert_null(in);
    assert_int_equal(dc_inputs_load(NULL, NULL, d), DC_ERR_ARG);
    assert_int_equal(dc_inputs_load_on(NULL, 2, &in, d), DC_ERR_ARG);
    dc_scenario *ready = NULL;
    assert_int_equal(dc_scenario_load("scenarios/default.yaml", &ready, d), DC_OK);
    assert_int_equal(dc_inputs_load_on(ready, 0, &in, d), DC_ERR_ARG);
    assert_null(in);
    dc_scenario_destroy(&ready);
    dc_inputs_destroy(NULL);

    dc_model *m = (dc_model *)1;
    assert_int_equal(dc_model_create(NULL, NULL, &m, d), DC_ERR_ARG);
    assert_null(m);
    assert_int_equal(dc_model_create(NULL, NULL, NULL, d), DC_ERR_ARG);
    assert_int_equal(dc_model_create_cached(NULL, NULL, NULL, &m, d), DC_ERR_ARG);
    assert_int_equal(dc_model_create_cached(NULL, NULL, NULL, NULL, d), DC_ERR_ARG);
    dc_cache_destroy(NULL);
    assert_int_equal(dc_cache_hits(NULL), 0);
    assert_null(dc_scenario_clone(NULL));
    assert_int_equal(dc_scenario_key_scope(NULL, "year"), -1);
    assert_int_equal(dc_csv_table_to_h5(NULL, NULL, NULL, d), DC_ERR_ARG);
    dc_runner *runner = (dc_runner *)&m;
    assert_int_equal(dc_runner_create(NULL, NULL, 0, &runner, d), DC_ERR_ARG);
    assert_null(runner);
    assert_int_equal(dc_runner_create("scenarios/default.yaml", NULL, 1, NULL, d), DC_ERR_ARG);
    assert_int_equal(dc_runner_run(NULL, NULL, NULL, 0, &m, d), DC_ERR_ARG);
    assert_null(dc_runner_base(NULL));
    assert_int_equal(dc_runner_rerun(NULL, NULL, NULL, NULL, 0, &m, d), DC_ERR_ARG);
    assert_int_equal(dc_model_set(NULL, "year=2030", d), DC_ERR_ARG);
    assert_int_equal(dc_model_set_cached(NULL, NULL, "year=2030", d), DC_ERR_ARG);
    assert_false(dc_model_can_set(NULL, "year"));
    assert_int_equal(dc_model_set_accounting(NULL, "leading_area.tariff_yen_per_kwh=30", d), DC_ERR_ARG);
    dc_runner_destroy(NULL);
    assert_int_equal(dc_model_step(NULL), DC_ERR_ARG);
    assert_int_equal(dc_model_run(NULL), DC_ERR_ARG);
    assert_int_equal(dc_model_reset(NULL), DC_ERR_ARG);
    assert_non_null(dc_model_error(NULL));
    assert_null(dc_model_scenario(NULL));
    dc_time t;
    assert_int_equal(dc_model_time(NULL, 0, &t), -1);
    assert_int_equal(dc_model_steps(NULL), 0);
    assert_int_equal(dc_model_steps_done(NULL), 0);
    assert_true(dc_model_step_hours(NULL) == 0);
    assert_int_equal(dc_model_series_count(NULL), 0);
    dc_series_info si;
    assert_int_equal(dc_model_series_get(NULL, 0, &si), -1);
    assert_null(dc_model_series_at(NULL, 0));
    assert_null(dc_model_series(NULL, "demand"));
    assert_true(isnan(dc_model_series_total(NULL, 0, 0)));
    assert_int_equal(dc_model_site_count(NULL), 0);
    assert_null(dc_model_site_name(NULL, 0));
    dc_totals tot;
    assert_int_equal(dc_model_totals(NULL, 0, &tot), DC_ERR_ARG);
    assert_int_equal(dc_model_site_totals(NULL, 0, 0, &tot), DC_ERR_ARG);
    dc_cyclic_info cy;
    assert_int_equal(dc_model_cyclic(NULL, &cy), DC_ERR_ARG);
    dc_netzero z;
    assert_int_equal(dc_model_netzero(NULL, &z), DC_ERR_ARG);
    assert_int_equal(dc_model_saving_count(NULL), 0);
    dc_saving_row sr;
    assert_int_equal(dc_model_saving_get(NULL, 0, &sr), -1);
    assert_int_equal(dc_model_econ_count(NULL), 0);
    dc_econ_row er;
    assert_int_equal(dc_model_econ_get(NULL, 0, &er), -1);
    assert_int_equal(dc_model_econ_total(NULL, &er), -1);
    assert_true(isnan(dc_irr(100, -1, 10))); /* never pays back: no rate in (-99 %, 1000 %) */
    assert_int_equal(dc_scenario_has_area(NULL), 0);
    dc_model_destroy(NULL);

    dc_ghg *g = (dc_ghg *)1;
    assert_int_equal(dc_ghg_create(NULL, NULL, &g, d), DC_ERR_ARG);
    assert_null(g);
    assert_int_equal(dc_ghg_create(NULL, NULL, NULL, d), DC_ERR_ARG);
    assert_int_equal(dc_ghg_link(NULL, NULL, NULL), DC_ERR_ARG);
    double pub, sectors, unit;
    assert_int_equal(dc_ghg_karte_total(NULL, 2013, &pub, &sectors, &unit), -1);
    assert_true(isnan(dc_model_site_emission_factor(NULL, 0)));
    assert_int_equal(dc_ghg_count(NULL), 0);
    dc_ghg_row row;
    assert_int_equal(dc_ghg_get(NULL, 0, &row), -1);
    dc_ghg_summary sum;
    assert_int_equal(dc_ghg_summary_get(NULL, &sum), DC_ERR_ARG);
    dc_ghg_destroy(NULL);
    assert_int_equal(dc_write_outputs(NULL, NULL, "x", d), DC_ERR_ARG);
    dc_sweep *w = (dc_sweep *)1;
    assert_int_equal(dc_sweep_load(NULL, &w, d), DC_ERR_ARG);
    assert_null(w);
    assert_int_equal(dc_sweep_load("x", NULL, d), DC_ERR_ARG);
    assert_int_equal(dc_sweep_cases(NULL), 0);
    assert_int_equal(dc_sweep_axes(NULL), 0);
    assert_null(dc_sweep_axis_key(NULL, 0));
    assert_null(dc_sweep_value(NULL, 0, 0));
    char set_buf[64];
    assert_null(dc_sweep_setting(NULL, 0, 0, set_buf, sizeof set_buf));
    assert_null(dc_sweep_base(NULL));
    assert_null(dc_sweep_name(NULL));
    dc_sweep_destroy(NULL);
    dc_diag_destroy(&d);
    assert_null(d);
}

/* A model's accessors with NULL outputs and out-of-range indices, and
 * calls out of order. */
static void out_of_order(void **state)
{
    (void)state;
    run r;
    open_run(&r, "scenarios/default.yaml", NULL, 0);
    dc_diag *d = dc_diag_create();
    dc_totals t;
    assert_int_equal(dc_model_totals(r.m, 0, &t), DC_ERR_STATE);
    assert_int_equal(dc_model_totals(r.m, 0, NULL), DC_ERR_ARG);
    assert_int_equal(dc_write_outputs(r.m, NULL, "/tmp/never", d), DC_ERR_STATE);
    assert_int_equal(dc_model_series_get(r.m, 0, NULL), -1);
    assert_int_equal(dc_model_series_get(r.m, 100000, NULL), -1);
    assert_null(dc_model_series_at(r.m, 100000));
    assert_null(dc_model_series(r.m, NULL));
    assert_null(dc_model_site_name(r.m, 1000));
    assert_int_equal(dc_model_time(r.m, 100000, NULL), -1);
    assert_int_equal(dc_model_site_totals(r.m, 1000, 0, &t), DC_ERR_ARG);
    assert_int_equal(dc_model_run(r.m), DC_OK);
    assert_int_equal(dc_model_step(r.m), DC_ERR_STATE);
    assert_int_equal(dc_model_totals(r.m, 13, &t), DC_ERR_ARG);
    assert_int_equal(dc_model_saving_get(r.m, 0, NULL), -1);
    assert_int_equal(dc_model_econ_get(r.m, 0, NULL), -1);
    assert_int_equal(dc_model_econ_total(r.m, NULL), -1);
    /* A scenario changed and not validated is refused. */
    dc_model *m2 = NULL;
    assert_int_equal(dc_scenario_set(r.s, "year=2031", d), DC_OK);
    assert_int_equal(dc_model_create(r.s, r.in, &m2, d), DC_ERR_STATE);
    assert_null(m2);
    assert_true(diag_has(d, "not validated since"));
    /* The model keeps the scenario it ran: its year is still FY2030. */
    dc_time first;
    assert_int_equal(dc_model_time(r.m, 0, &first), 0);
    assert_int_equal(first.year, 2030);
    assert_int_equal(first.month, 4);
    dc_diag_destroy(&d);
    close_run(&r);
}

/* The messages of d and e, one by one, and their error counts. */
static void same_messages(const dc_diag *d, const dc_diag *e)
{
    assert_int_equal(dc_diag_count(d), dc_diag_count(e));
    for (size_t i = 0; i < dc_diag_count(d); i++) {
        assert_string_equal(dc_diag_message(d, i), dc_diag_message(e, i));
        assert_int_equal(dc_diag_is_warning(d, i), dc_diag_is_warning(e, i));
    }
    assert_int_equal(dc_diag_errors(d), dc_diag_errors(e));
}

/* Messages logged apart and replayed read as if added in their place:
 * a warning already given is not repeated (also one given before the
 * log), and past the kept number the rest are counted, errors apart. */
static void replayed_messages_read_as_added(void **state)
{
    (void)state;
    dc_diag *seq = dc_diag_create(), *par = dc_diag_create(), *log = dc_diag_create_log();
    for (int k = 0; k < 3; k++) {
        dc_diag_add(seq, "w.epw", k + 9, 1, "ghi", "bad %d", k);
        dc_diag_add(par, "w.epw", k + 9, 1, "ghi", "bad %d", k);
    }
    dc_diag_warn(seq, "w.epw", 0, 0, NULL, "gaps");
    dc_diag_warn(par, "w.epw", 0, 0, NULL, "gaps");
    for (int k = 0; k < 260; k++) { /* 197 kept with the 4 before, then counted */
        dc_diag *to[] = {seq, log};
        for (int j = 0; j < 2; j++) {
            if (k % 7 == 0) dc_diag_warn(to[j], "w.epw", 0, 0, NULL, "gaps");
            else if (k % 5 == 0) dc_diag_warn(to[j], "x.csv", k, 0, NULL, "odd %d", k % 3);
            else dc_diag_add(to[j], "x.csv", k, 2, "kwh", "not a number");
        }
    }
    dc_diag_replay(par, log);
    same_messages(seq, par);
    assert_string_equal(dc_diag_message(par, dc_diag_count(par) - 1), dc_diag_message(seq, 200));
    dc_diag_destroy(&log);
    dc_diag_destroy(&seq);
    dc_diag_destroy(&par);
}

/* Inputs read on two threads (the weather beside the other files) are the
 * inputs one thread reads, and a scenario whose weather and load profile
 * are both broken gives the same messages in the same order. */
static void inputs_on_two_threads(void **state)
{
    (void)state;
    const char *paths[] = {"scenarios/default.yaml", "tests/bench/every_technology.yaml"};
    for (size_t p = 0; p < 2; p++) {
        dc_diag *d = dc_diag_create(), *e = dc_diag_create();
        dc_scenario *s = NULL;
        dc_inputs *one = NULL, *two = NULL;
        assert_int_equal(dc_scenario_load(paths[p], &s, d), DC_OK);
        assert_int_equal(dc_inputs_load(s, &one, d), DC_OK);
        assert_int_equal(dc_inputs_load_on(s, 2, &two, e), DC_OK);
        same_messages(d, e);
        int n = one->weather.n;
        assert_int_equal(n, two->weather.n);
        assert_memory_equal(one->weather.ghi, two->weather.ghi, (size_t)n * sizeof(double));
        assert_memory_equal(one->weather.temp_c, two->weather.temp_c, (size_t)n * sizeof(double));
        assert_int_equal(one->n_loads, two->n_loads);
        for (int k = 0; k < one->n_loads; k++) {
            assert_int_equal(one->loads[k].profile_n, two->loads[k].profile_n);
            if (one->loads[k].profile_n)
                assert_memory_equal(one->loads[k].profile, two->loads[k].profile,
                                    (size_t)one->loads[k].profile_n * sizeof(double));
        }
        dc_inputs_destroy(&one);
        dc_inputs_destroy(&two);
        dc_scenario_destroy(&s);
        dc_diag_destroy(&d);
        dc_diag_destroy(&e);
    }
    dc_diag *d = dc_diag_create(), *e = dc_diag_create();
    dc_scenario *s = NULL;
    dc_inputs *one = NULL, *two = NULL;
    assert_int_equal(dc_scenario_load("tests/bad/bad_profile.yaml", &s, d), DC_OK);
    assert_int_equal(dc_scenario_set(s, "weather.file=tests/bad/gap.epw", d), DC_OK);
    assert_int_equal(dc_scenario_validate(s, d), DC_OK);
    dc_status st = dc_inputs_load(s, &one, d);
    assert_int_not_equal(st, DC_OK);
    assert_int_equal(dc_inputs_load_on(s, 2, &two, e), st);
    assert_null(two);
    assert_true(diag_has(d, "gap.epw") && diag_has(d, "bad_profile.csv"));
    same_messages(d, e);
    dc_scenario_destroy(&s);
    dc_diag_destroy(&d);
    dc_diag_destroy(&e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(null_everywhere),
        cmocka_unit_test(out_of_order),
        cmocka_unit_test(replayed_messages_read_as_added),
        cmocka_unit_test(inputs_on_two_threads),
    };
    return cmocka_run_group_tests_name("api", tests, NULL, NULL);
}
