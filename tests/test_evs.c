/* Official EV fleets and grid outages: one car's day by hand, a missed
 * trip, V2B's floors, smart charging into PV hours, islanded sites, and the
 * survival scan against plain runs with an outage at the same hour. */
#include "helpers.h"

#include <math.h>

#include "model.h"

#define CAR "ev_fleets:\n  - {name: car, battery_kwh: 40, charger_kw: %g, kwh_per_km: 0.15, weekday_departure: \"08:00\"," \
            " weekday_return: \"17:00\", weekday_km: 40, initial_pct: %g, charging: %s, v2b: %s}\n"

static void car_scenario(char *path, size_t len, double charger, double initial, const char *charging, const char *v2b,
                         const char *extra)
{
    char body[4096], car[1024];
    snprintf(car, sizeof car, CAR, charger, initial, charging, v2b);
    snprintf(body, sizeof body, "grid:\n  emission_factor_kg_per_kwh: 0.45\n  export_limit_kw: 0\n%s%s", car, extra);
    snprintf(path, len, "%s/car.yaml", tmp);
    write_scenario(path, body);
}

/* 1 April 2030 is a Monday. 40 kWh car at 50 %, 6 kW charger, 90 %
 * efficient: it charges 6 kWh AC (5.4 stored) an hour until full (20 ->
 * 25.4 -> 30.8 -> 36.2 -> 40 after 3.8/0.9 = 4.22 kWh AC), leaves at 8:00
 * with 40 kWh (it needs 6 x 1.2 = 7.2), takes 40 km x 0.15 = 6 kWh, is away
 * until 18:00 (back after the 17:00 step), then refills 6.67 kWh AC. */
static void one_car_one_day(void **state)
{
    (void)state;
    char path[256];
    car_scenario(path, sizeof path, 6, 50, "immediate", "false", "");
    run r;
    run_scenario(&r, path, NULL, 0);
    const double *stored = dc_model_series(r.m, "ev:car:stored"), *charge = dc_model_series(r.m, "ev:car:charge");
    const double *trip = dc_model_series(r.m, "ev:car:trip_energy"), *away = dc_model_series(r.m, "ev:car:away");
    const double want[] = {25.4, 30.8, 36.2, 40, 40, 40, 40, 40};
    for (int i = 0; i < 8; i++) assert_near(stored[i], want[i], 1e-9);
    assert_near(charge[3], 3.8 / 0.9, 1e-9);
    assert_near(trip[8], 6.0, 1e-12);
    assert_near(stored[8], 34, 1e-9);
    for (int i = 8; i < 18; i++) assert_near(away[i], 1.0, 0), assert_near(charge[i], 0, 0);
    assert_near(away[18], 0.0, 0);
    assert_near(charge[18], 6.0, 1e-9);
    assert_near(stored[18], 39.4, 1e-9);
    assert_near(stored[19], 40, 1e-9);
    assert_near(charge[19], 0.6 / 0.9, 1e-9);
    close_run(&r);
}

/* From empty with a 0.8 kW charger the car holds 8 x 0.8 x 0.9 = 5.76 kWh
 * at 8:00, less than its 7.2: the trip is missed, counted at that hour, and
 * the car stays plugged in. */
static void small_charger_misses_a_trip(void **state)
{
    (void)state;
    char path[256];
    car_scenario(path, sizeof path, 0.8, 0, "immediate", "false", "");
    run r;
    run_scenario(&r, path, NULL, 0);
    const double *missed = dc_model_series(r.m, "ev:car:missed_trips"), *trip = dc_model_series(r.m, "ev:car:trip_energy");
    const double *stored = dc_model_series(r.m, "ev:car:stored"), *charge = dc_model_series(r.m, "ev:car:charge");
    assert_near(stored[7], 5.76, 1e-9);
    assert_near(missed[8], 1, 0);
    assert_near(trip[8], 0, 0);
    assert_near(charge[8], 0.8, 1e-12); /* still charging */
    dc_time t;
    assert_int_equal(dc_model_time(r.m, 8, &t), 0);
    assert_int_equal(t.day * 100 + t.hour, 108); /* 1 April, 8:00 */
    assert_near(missed[8 + 24], 0, 0); /* next morning: 5.76 + 24 x 0.72 is enough */
    assert_near(trip[8 + 24], 6, 1e-12);
    close_run(&r);
}

/* A year of V2B with smart charging beside a load and PV: after any step
 * it gave energy, a car holds at least max(reserve 30 % = 12, next trip
 * 7.2) kWh; every ledger and balance closes. */
static void v2b_keeps_reserve_and_next_trip(void **state)
{
    (void)state;
    char path[256];
    car_scenario(path, sizeof path, 6, 50, "smart", "true",
                 "pv_arrays:\n  - {name: roof, capacity_kw: 20, tilt_deg: 10}\n"
                 "loads:\n  - {name: office, sector: public, annual_kwh: 60000}\n"
                 "dispatch:\n  deficit_order: [car, grid]\n  surplus_order: [car, grid]\n");
    run r;
    run_scenario(&r, path, NULL, 0);
    const double *stored = dc_model_series(r.m, "ev:car:stored"), *out = dc_model_series(r.m, "ev:car:discharge");
    const double *missed = dc_model_series(r.m, "ev:car:missed_trips");
    double gave = 0, miss = 0;
    for (size_t i = 0; i < dc_model_steps(r.m); i++) {
        if (out[i] > 0) assert_true(stored[i] >= 12 - 1e-9);
        gave += out[i], miss += missed[i];
    }
    assert_true(gave > 100); /* it did supply the office */
    assert_near(miss, 0, 0);
    dc_totals t;
    assert_int_equal(dc_model_totals(r.m, 0, &t), DC_OK);
    assert_true(t.max_residual_kwh < 1e-6);
    close_run(&r);
}

/* Smart charging takes the PV surplus in daylight and buys from the grid
 * only what the next departure needs: more of its charge comes in PV
 * hours than with immediate charging, and no trip is missed. */
static void smart_charging_moves_into_pv_hours(void **state)
{
    (void)state;
    double pv_share[2];
    const char *modes[] = {"immediate", "smart"};
    for (int k = 0; k < 2; k++) {
        char path[256];
        car_scenario(path, sizeof path, 6, 50, modes[k], "false",
                     "pv_arrays:\n  - {name: roof, capacity_kw: 10, tilt_deg: 10}\n");
        run r;
        run_scenario(&r, path, NULL, 0);
        const double *charge = dc_model_series(r.m, "ev:car:charge"), *pv = dc_model_series(r.m, "pv");
        const double *missed = dc_model_series(r.m, "ev:car:missed_trips");
        double in_pv = 0, all = 0, miss = 0;
        for (size_t i = 0; i < dc_model_steps(r.m); i++) {
            all += charge[i];
            in_pv += pv[i] > 0 ? fmin(charge[i], pv[i]) : 0;
            miss += missed[i];
        }
        pv_share[k] = in_pv / all;
        assert_near(miss, 0, 0);
        close_run(&r);
    }
    assert_true(pv_share[1] > pv_share[0] + 0.2);
}

/* The bundled typhoon: during it the grid carries nothing at the two sites
 * it cuts off, the offices' and the school's ordinary load is shed, and
 * every balance closes. */
static void outage_islands_the_sites(void **state)
{
    (void)state;
    run r;
    run_scenario(&r, "scenarios/typhoon_town.yaml", NULL, 0);
    const char *sites[] = {"town_hall", "school"};
    for (int k = 0; k < 2; k++) {
        char name[128];
        snprintf(name, sizeof name, "site:%s:grid_import", sites[k]);
        const double *imp = dc_model_series(r.m, name);
        snprintf(name, sizeof name, "site:%s:grid_export", sites[k]);
        const double *exp = dc_model_series(r.m, name);
        snprintf(name, sizeof name, "site:%s:shed", sites[k]);
        const double *shed = dc_model_series(r.m, name);
        double shed_sum = 0;
        for (size_t i = 0; i < dc_model_steps(r.m); i++) {
            dc_time t;
            dc_model_time(r.m, i, &t);
            long h = (t.day - 20) * 24 + t.hour - 16; /* hours since 2030-09-20 16:00 */
            int down = t.month == 9 && h >= 0 && h < 72;
            if (down) assert_near(imp[i], 0, 0), assert_near(exp[i], 0, 0);
            else assert_near(shed[i], 0, 0);
            shed_sum += shed[i];
        }
        assert_true(shed_sum > 0);
    }
    dc_totals t;
    assert_int_equal(dc_model_totals(r.m, 0, &t), DC_OK);
    assert_true(t.max_residual_kwh < 1e-6);
    assert_int_equal(dc_model_outage_count(r.m), 2);
    dc_outage_result o;
    assert_int_equal(dc_model_outage_get(r.m, 1, &o), 0);
    assert_string_equal(o.site, "school");
    assert_true(o.shed_kwh > 0);
    close_run(&r);
}

/* An outage from 16:30 for 2.5 h on hourly steps: validation warns that
 * it becomes every step it touches, 16:00-19:00 (3 h), and the run has
 * the town hall's grid down in exactly those three steps. */
static void outage_off_the_steps(void **state)
{
    (void)state;
    const char *sets[] = {"outages.typhoon.start=2030-09-20T16:30", "outages.typhoon.hours=2.5"};
    dc_diag *d = dc_diag_create();
    dc_scenario *s = NULL;
    assert_int_equal(dc_scenario_load("scenarios/typhoon_town.yaml", &s, d), DC_OK);
    for (int k = 0; k < 2; k++) assert_int_equal(dc_scenario_set(s, sets[k], d), DC_OK);
    assert_int_equal(dc_scenario_validate(s, d), DC_OK);
    if (!diag_has(d, "outages[0].start: 2030-09-20T16:30 for 2.5 h does not fall on the 60-min steps: the grid is "
                     "down in every step it touches, 3 h from 16:00")) {
        print_diag(d);
        fail_msg("no warning for an outage off the steps");
    }
    dc_scenario_destroy(&s);
    dc_diag_destroy(&d);
    run r;
    run_scenario(&r, "scenarios/typhoon_town.yaml", sets, 2);
    const double *shed = dc_model_series(r.m, "site:town_hall:shed");
    int down = 0;
    for (size_t i = 0; i < dc_model_steps(r.m); i++) {
        dc_time t;
        dc_model_time(r.m, i, &t);
        int in = t.month == 9 && t.day == 20 && t.hour >= 16 && t.hour < 19;
        if (!in) assert_near(shed[i], 0, 0);
        down += in && shed[i] > 0;
    }
    assert_int_equal(down, 3); /* the offices' ordinary load is shed in each of the three */
    close_run(&r);
}

/* The scan's hours from a start equal a plain run of the same town with an
 * outage of 168 h at the town hall from that hour. */
static void scan_equals_plain_runs(void **state)
{
    (void)state;
    char path[256], text[16384];
    snprintf(path, sizeof path, "%s/town.yaml", tmp);
    const char *const skip[] = {"outages:", NULL}; /* the town without its typhoon */
    scenario_text_without("scenarios/typhoon_town.yaml", skip, NULL, text, sizeof text);
    write_text(path, text);
    run base;
    run_scenario(&base, path, NULL, 0);
    const double *hours = dc_model_series(base.m, "site:town_hall:survival_hours");
    assert_non_null(hours);
    const int starts[] = {100, 2000, 3000, 4321, 6000, 7700, 8500};
    for (size_t k = 0; k < sizeof starts / sizeof starts[0]; k++) {
        dc_time t;
        dc_model_time(base.m, (size_t)starts[k], &t);
        char with[18000];
        snprintf(with, sizeof with, "%soutages:\n  - {name: test, start: %04d-%02d-%02dT%02d:%02d, hours: 168, "
                 "sites: [town_hall]}\n", text, t.year, t.month, t.day, t.hour, t.minute);
        write_text(path, with);
        run plain;
        run_scenario(&plain, path, NULL, 0);
        dc_outage_result o;
        assert_int_equal(dc_model_outage_get(plain.m, 0, &o), 0);
        double plain_h = isnan(o.hours_to_unserved) ? 168 : o.hours_to_unserved;
        if (fabs(plain_h - hours[starts[k]]) > 1e-9)
            fail_msg("start %d: scan %g h, plain run %g h", starts[k], hours[starts[k]], plain_h);
        close_run(&plain);
    }
    close_run(&base);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(one_car_one_day, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(small_charger_misses_a_trip, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(v2b_keeps_reserve_and_next_trip, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(smart_charging_moves_into_pv_hours, tmp_setup, tmp_teardown),
        cmocka_unit_test(outage_islands_the_sites),
        cmocka_unit_test(outage_off_the_steps),
        cmocka_unit_test_setup_teardown(scan_equals_plain_runs, tmp_setup, tmp_teardown),
    };
    return cmocka_run_group_tests_name("evs", tests, NULL, NULL);
}
