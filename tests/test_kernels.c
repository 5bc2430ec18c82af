/* Kernels (model/src/sim/kernels.c) run a bus's steps with its instances'
 * step functions called directly: they must give the generic step's bits.
 * Each case runs with kernels, then the same model again on the generic
 * step alone, and every series is compared bit for bit: the bundled
 * scenarios (a battery at a meter, on a private wire, at 30-minute steps,
 * through a typhoon outage; a wood plant; a digester) and the
 * every-technology town with its plants in other modes (baseload, a yard
 * that runs empty, an engine that may always run, a cyclic battery);
 * and runs a step a call, as the library's stepping API makes them. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "decarb.h"
#include "helpers.h"
#include "model.h"

/* Buses of the model that run on a kernel. */
static int kernel_buses(const dc_model *m)
{
    int n = 0;
    for (int b = 0; b < m->eng.n_buses; b++) n += m->eng.bus[b].kernel != NULL;
    return n;
}

/* Every series of a run, one after the other. */
static double *all_series(const dc_model *m, size_t *bytes)
{
    size_t steps = dc_model_steps(m), count = dc_model_series_count(m);
    *bytes = count * steps * sizeof(double);
    double *v = malloc(*bytes + 1);
    assert_non_null(v);
    for (size_t k = 0; k < count; k++) memcpy(v + k * steps, dc_model_series_at(m, k), steps * sizeof(double));
    return v;
}

/* Runs the case with kernels (at least `kernels` buses on one; a step a
 * call when `stepped`) and on the generic step; every series must match. */
static void compare_run(const char *path, const char **sets, int n_sets, int kernels, int stepped)
{
    run r;
    open_run(&r, path, sets, n_sets);
    assert_true(kernel_buses(r.m) >= kernels);
    if (stepped)
        while (dc_model_steps_done(r.m) < dc_model_steps(r.m)) assert_int_equal(dc_model_step(r.m), DC_OK);
    else
        assert_int_equal(dc_model_run(r.m), DC_OK);
    size_t bytes, again;
    double *fast = all_series(r.m, &bytes);

    r.m->eng.generic_only = 1;
    assert_int_equal(dc_engine_prepare(&r.m->eng), 0);
    assert_int_equal(kernel_buses(r.m), 0);
    dc_model_reset(r.m);
    assert_int_equal(dc_model_run(r.m), DC_OK);
    double *slow = all_series(r.m, &again);
    assert_int_equal(bytes, again);
    size_t steps = dc_model_steps(r.m);
    for (size_t k = 0; k < dc_model_series_count(r.m); k++) {
        dc_series_info info;
        dc_model_series_get(r.m, k, &info);
        if (memcmp(fast + k * steps, slow + k * steps, steps * sizeof(double)))
            fail_msg("%s: series %s differs between the kernel and the generic step", path, info.name);
    }
    free(fast);
    free(slow);
    close_run(&r);
}

static void compare(const char *path, const char **sets, int n_sets, int kernels)
{
    compare_run(path, sets, n_sets, kernels, 0);
}

static void bundled_scenarios(void **state)
{
    (void)state;
    compare("scenarios/default.yaml", NULL, 0, 1);
    compare("scenarios/example_town.yaml", NULL, 0, 1); /* a private wire */
    compare("scenarios/half_hour_town.yaml", NULL, 0, 1);
    compare("scenarios/typhoon_town.yaml", NULL, 0, 2); /* V2B cars, an outage: islanded steps, the survival scan */
    compare("scenarios/forest_city.yaml", NULL, 0, 1);
    compare("scenarios/digester_town.yaml", NULL, 0, 1);
}

static void every_technology_in_other_modes(void **state)
{
    (void)state;
    const char *every = "tests/bench/every_technology.yaml";
    compare(every, NULL, 0, 3);
    const char *baseload[] = {"biomass_plants.chip_chp.mode=baseload", "biogas_plants.digester.run=always"};
    compare(every, baseload, 2, 3);
    const char *empty_yard[] = {"biomass_plants.chip_chp.fuel_t_per_year=2500",
                                "biomass_plants.chip_chp.yard_initial_t=100"};
    compare(every, empty_yard, 2, 3);
    const char *cyclic[] = {"batteries.town_hall_battery.year_end=cyclic", "biogas_plants.digester.run=hours",
                            "biogas_plants.digester.run_hours=[17, 18, 19, 20]"};
    compare(every, cyclic, 3, 3);
}

/* A battery alone at its site runs on steps written out
 * (kernel_battery.c) unless the survival scan keeps its states: the
 * shelter's battery without the scan, through the typhoon islanded with
 * its reserve, and not grid-forming (its PV stops); the town hall's with
 * a surplus to store, curtail and export, and the grid first in both
 * orders. */
static void written_out_battery(void **state)
{
    (void)state;
    const char *no_scan[] = {"resilience.scan=false"};
    compare("scenarios/typhoon_town.yaml", no_scan, 1, 2);
    const char *not_forming[] = {"resilience.scan=false", "batteries.shelter_battery.grid_forming=false"};
    compare("scenarios/typhoon_town.yaml", not_forming, 2, 2);
    const char *surplus[] = {"pv_arrays.town_hall.capacity_kw=400", "grid.export_limit_kw=50"};
    compare("scenarios/default.yaml", surplus, 2, 1);
    const char *grid_first[] = {"pv_arrays.town_hall.capacity_kw=400", "dispatch.deficit_order=[grid, battery]",
                                "dispatch.surplus_order=[grid, battery]"};
    compare("scenarios/default.yaml", grid_first, 3, 1);
}

/* The run of the default with a tolerance, on kernels or the generic
 * step alone: it must fail; its message and the steps it finished. */
static void failing_run(double tolerance, int generic, char *message, size_t len, size_t *done)
{
    run r;
    open_run(&r, "scenarios/default.yaml", NULL, 0);
    r.m->eng.generic_only = generic;
    assert_int_equal(dc_engine_prepare(&r.m->eng), 0);
    assert_int_equal(kernel_buses(r.m) > 0, !generic);
    r.m->eng.tolerance = tolerance;
    assert_int_not_equal(dc_model_run(r.m), DC_OK);
    snprintf(message, len, "%s", dc_model_error(r.m));
    *done = dc_model_steps_done(r.m);
    close_run(&r);
}

/* A balance or a ledger that does not close stops the written-out steps
 * where the generic step stops, with its message. No tolerance at all:
 * the battery's ledger is 7e-15 kWh off in the second step; a tolerance
 * below zero: the first step's balance fails. */
static void failures_read_as_the_generic_step(void **state)
{
    (void)state;
    const struct {
        double tolerance;
        const char *says;
    } cases[] = {{0.0, "battery 'town_hall_battery'"}, {-1.0, "site 'town_hall'"}};
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        char message[2][4096];
        size_t done[2];
        for (int generic = 0; generic < 2; generic++)
            failing_run(cases[c].tolerance, generic, message[generic], sizeof message[generic], &done[generic]);
        assert_non_null(strstr(message[0], cases[c].says));
        assert_string_equal(message[0], message[1]);
        assert_int_equal(done[0], done[1]);
    }
}

/* dc_model_step runs a kernel one step a call (the library's stepping
 * API): the generic whole run's bits. */
static void stepping_gives_the_run_bits(void **state)
{
    (void)state;
    compare_run("scenarios/default.yaml", NULL, 0, 1, 1);
    compare_run("scenarios/typhoon_town.yaml", NULL, 0, 2, 1);
}

/* a and b have every series the same, bit for bit (but a battery's own
 * when `batteries` is 0). */
static void same_series_but(const dc_model *a, const dc_model *b, const char *when, int batteries)
{
    size_t steps = dc_model_steps(a);
    for (size_t k = 0; k < dc_model_series_count(a); k++) {
        dc_series_info info;
        dc_model_series_get(a, k, &info);
        if (!batteries && !strcmp(info.kind, "battery")) continue;
        if (memcmp(dc_model_series_at(a, k), dc_model_series_at(b, k), steps * sizeof(double)))
            fail_msg("%s: series %s differs between the kernel and the generic step", when, info.name);
    }
}

static void same_series(const dc_model *a, const dc_model *b, const char *when) { same_series_but(a, b, when, 1); }

static void set_both(dc_model *a, dc_model *b, const char *assignment)
{
    assert_int_equal(dc_model_set(a, assignment, NULL), DC_OK);
    assert_int_equal(dc_model_set(b, assignment, NULL), DC_OK);
}

/* A kernel model and a generic-step model of a scenario, each run. */
static void run_pair_of(run *k, run *g, const char *path)
{
    open_run(k, path, NULL, 0);
    open_run(g, path, NULL, 0);
    g->m->eng.generic_only = 1;
    assert_int_equal(dc_engine_prepare(&g->m->eng), 0);
    assert_true(kernel_buses(k->m) >= 1);
    assert_int_equal(dc_model_run(k->m), DC_OK);
    assert_int_equal(dc_model_run(g->m), DC_OK);
}

static void run_pair(run *k, run *g) { run_pair_of(k, g, "scenarios/default.yaml"); }

static void steps_to(dc_model *m, size_t step)
{
    while (dc_model_steps_done(m) < step) assert_int_equal(dc_model_step(m), DC_OK);
}

/* The battery kernel leaves the battery's own records (charge, losses,
 * drawdown, cycles, ...) to be worked out from its site's when read; none
 * is read before the moment compared. They read as the generic step
 * writes them: after a run; after a set that changed its efficiency but
 * before the next run (the last run's, at its rates); half way through
 * a year then run a step a call (the steps not reached the last year's);
 * at that year's end; after another set and its run. */
static void battery_records_read_as_the_generic_step(void **state)
{
    (void)state;
    run k, g;
    const char *eff = "batteries.town_hall_battery.charge_eff_pct=80";
    run_pair(&k, &g);
    same_series(k.m, g.m, "after a run");
    close_run(&k), close_run(&g);
    run_pair(&k, &g);
    set_both(k.m, g.m, eff);
    same_series(k.m, g.m, "after a set, before its run");
    close_run(&k), close_run(&g);
    run_pair(&k, &g);
    set_both(k.m, g.m, eff);
    steps_to(k.m, 4000), steps_to(g.m, 4000);
    same_series(k.m, g.m, "half way through a year run a step a call");
    steps_to(k.m, dc_model_steps(k.m)), steps_to(g.m, dc_model_steps(g.m));
    same_series(k.m, g.m, "at the year's end");
    set_both(k.m, g.m, "batteries.town_hall_battery.energy_kwh=900");
    assert_int_equal(dc_model_run(k.m), DC_OK);
    assert_int_equal(dc_model_run(g.m), DC_OK);
    same_series(k.m, g.m, "after a set and its run");
    /* A cyclic year is searched for by whole years that no settlement
     * follows: the town hall's off-site purchases stand cleared after. */
    set_both(k.m, g.m, "batteries.town_hall_battery.year_end=cyclic");
    same_series(k.m, g.m, "after the search for a cyclic start, before its run");
    close_run(&k), close_run(&g);
    /* A settled year, then a year that fails at a day's step (a demand
     * made NaN): the steps it ran record their purchases as 0, the others
     * keep the settled year's. (The battery's own records past the failing
     * step are not the last year's: a failed year is not read as results.) */
    run_pair(&k, &g);
    set_both(k.m, g.m, "batteries.town_hall_battery.energy_kwh=300");
    ((double *)dc_model_series(k.m, "site:town_hall:demand"))[4000 + 12] = NAN;
    ((double *)dc_model_series(g.m, "site:town_hall:demand"))[4000 + 12] = NAN;
    assert_int_not_equal(dc_model_run(k.m), DC_OK);
    assert_int_not_equal(dc_model_run(g.m), DC_OK);
    assert_int_equal(dc_model_steps_done(k.m), dc_model_steps_done(g.m));
    assert_true(dc_model_steps_done(k.m) > 4000); /* it ran the days before */
    same_series_but(k.m, g.m, "after a failed year", 0);
    close_run(&k), close_run(&g);
    /* A year failing on another bus (the sawmill's, reset to run again):
     * the town hall's battery ran its whole year, no settlement followed. */
    run_pair_of(&k, &g, "tests/bench/every_technology.yaml");
    ((double *)dc_model_series(k.m, "site:sawmill_chp:demand"))[4000 + 12] = NAN;
    ((double *)dc_model_series(g.m, "site:sawmill_chp:demand"))[4000 + 12] = NAN;
    assert_int_equal(dc_model_reset(k.m), DC_OK);
    assert_int_equal(dc_model_reset(g.m), DC_OK);
    assert_int_not_equal(dc_model_run(k.m), DC_OK);
    assert_int_not_equal(dc_model_run(g.m), DC_OK);
    same_series_but(k.m, g.m, "after a year failed on another bus", 0);
    close_run(&k), close_run(&g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(bundled_scenarios),
        cmocka_unit_test(every_technology_in_other_modes),
        cmocka_unit_test(written_out_battery),
        cmocka_unit_test(failures_read_as_the_generic_step),
        cmocka_unit_test(stepping_gives_the_run_bits),
        cmocka_unit_test(battery_records_read_as_the_generic_step),
    };
    return cmocka_run_group_tests_name("kernels", tests, NULL, NULL);
}
