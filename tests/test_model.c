/* The engine end to end on the bundled scenario: energy balance every
 * step, storage bookkeeping, lifecycle states, threads, outputs. */
#include "helpers.h"

#include <dirent.h>
#include <hdf5.h>
#include <hdf5_hl.h>
#include <math.h>
#include <pthread.h>

#include "model.h"

#define DEFAULT_SCENARIO "scenarios/default.yaml"
#define ONE_SITE_SCENARIO "tests/reference/one_site_v0_1.yaml"

static double sum(const double *v, size_t n)
{
    double s = 0;
    for (size_t i = 0; i < n; i++) s += v[i];
    return s;
}

static void balance_closes_every_step(void **state)
{
    (void)state;
    run r;
    open_run(&r, DEFAULT_SCENARIO, NULL, 0);
    size_t n = dc_model_steps(r.m);
    assert_int_equal(n, 8760);
    for (size_t i = 0; i < n; i++) assert_int_equal(dc_model_step(r.m), DC_OK);
    /* Every site's residual and the town's sum, every step. */
    dc_series_info info;
    int residuals = 0;
    for (size_t k = 0; dc_model_series_get(r.m, k, &info) == 0; k++) {
        if (strcmp(info.quantity, "balance_residual")) continue;
        const double *res = dc_model_series_at(r.m, k);
        for (size_t i = 0; i < n; i++) assert_true(fabs(res[i]) <= 1e-6);
        residuals++;
    }
    assert_int_equal(residuals, 1 + (int)dc_model_site_count(r.m));
    dc_totals t;
    assert_int_equal(dc_model_totals(r.m, 0, &t), DC_OK);
    double in = t.pv_kwh - t.curtailed_kwh + t.generation_kwh + t.import_kwh + t.storage_discharge_kwh;
    double out = t.demand_kwh - t.unserved_kwh + t.storage_charge_kwh + t.export_kwh;
    assert_near(in, out, 1e-9 * in);
    assert_true(t.max_residual_kwh <= 1e-6);
    /* Months add up to the year; so do the sites. */
    double months = 0, sites = 0;
    for (int m = 1; m <= 12; m++) {
        dc_totals mt;
        assert_int_equal(dc_model_totals(r.m, m, &mt), DC_OK);
        months += mt.import_kwh;
    }
    for (size_t k = 0; k < dc_model_site_count(r.m); k++) {
        dc_totals st;
        assert_int_equal(dc_model_site_totals(r.m, k, 0, &st), DC_OK);
        sites += st.import_kwh;
    }
    assert_near(months, t.import_kwh, 1e-9 * t.import_kwh);
    assert_near(sites, t.import_kwh, 1e-9 * t.import_kwh);
    close_run(&r);
}

/* Demand adds up from the scenario's loads, and a cyclic battery ends the
 * year where it starts, so the year takes nothing from it. */
static void demand_and_cyclic_storage(void **state)
{
    (void)state;
    const char *sets[] = {"batteries.town_hall_battery.year_end=cyclic"};
    run r;
    open_run(&r, DEFAULT_SCENARIO, sets, 1);
    assert_int_equal(dc_model_run(r.m), DC_OK);
    size_t n = dc_model_steps(r.m);
    /* 1,260,000 x 0.95 + 1,000,000 + 450,000 x 0.90 + 160,000 + 110,000 + 60,000 + 30,000 kWh. */
    assert_near(sum(dc_model_series(r.m, "demand"), n), 2962000.0, 1e-4);
    assert_near(sum(dc_model_series(r.m, "load:town_hall"), n), 405000.0, 1e-4);
    dc_cyclic_info cy;
    assert_int_equal(dc_model_cyclic(r.m, &cy), DC_OK);
    assert_true(cy.cyclic && cy.passes >= 1 && cy.gap_kwh <= 1e-9);
    dc_totals t;
    assert_int_equal(dc_model_totals(r.m, 0, &t), DC_OK);
    assert_near(t.storage_drawdown_kwh, 0.0, 1e-9);
    assert_null(dc_model_series(r.m, "no_such_series"));
    close_run(&r);
}

static void lifecycle_states(void **state)
{
    (void)state;
    run r;
    dc_totals t;
    open_run(&r, DEFAULT_SCENARIO, NULL, 0);
    assert_int_equal(dc_model_totals(r.m, 0, &t), DC_ERR_STATE);
    assert_int_equal(dc_model_run(r.m), DC_OK);
    assert_int_equal(dc_model_step(r.m), DC_ERR_STATE);
    assert_int_equal(dc_model_totals(r.m, 13, &t), DC_ERR_ARG);
    assert_int_equal(dc_model_totals(r.m, 0, &t), DC_OK);
    double first = t.import_kwh;
    assert_int_equal(dc_model_reset(r.m), DC_OK);
    assert_int_equal(dc_model_steps_done(r.m), 0);
    assert_int_equal(dc_model_run(r.m), DC_OK);
    assert_int_equal(dc_model_totals(r.m, 0, &t), DC_OK);
    assert_true(t.import_kwh == first);
    close_run(&r);
    dc_model_destroy(NULL);
    dc_model_destroy(&r.m); /* NULL-safe twice */
}

/* No export, no battery: every kWh of PV above demand is curtailed. */
static void no_export_curtails_surplus(void **state)
{
    (void)state;
    const char *sets[] = {"grid.export_limit_kw=0", "battery.energy_kwh=0"};
    run r;
    open_run(&r, ONE_SITE_SCENARIO, sets, 2);
    assert_int_equal(dc_model_run(r.m), DC_OK);
    size_t n = dc_model_steps(r.m);
    const double *pv = dc_model_series(r.m, "pv"), *dem = dc_model_series(r.m, "demand");
    double surplus = 0, deficit = 0;
    for (size_t i = 0; i < n; i++) {
        surplus += fmax(pv[i] - dem[i], 0.0);
        deficit += fmax(dem[i] - pv[i], 0.0);
    }
    assert_near(sum(dc_model_series(r.m, "curtailed"), n), surplus, 1e-6);
    assert_near(sum(dc_model_series(r.m, "grid_import"), n), deficit, 1e-6);
    assert_near(sum(dc_model_series(r.m, "grid_export"), n), 0.0, 1e-12);
    close_run(&r);
}

static void half_hour_steps(void **state)
{
    (void)state;
    const char *sets[] = {"step_minutes=30"};
    run hourly, half;
    open_run(&hourly, DEFAULT_SCENARIO, NULL, 0);
    open_run(&half, DEFAULT_SCENARIO, sets, 1);
    assert_int_equal(dc_model_steps(half.m), 17520);
    assert_near(dc_model_step_hours(half.m), 0.5, 1e-12);
    assert_int_equal(dc_model_run(hourly.m), DC_OK);
    assert_int_equal(dc_model_run(half.m), DC_OK);
    dc_totals a, b;
    dc_model_totals(hourly.m, 0, &a);
    dc_model_totals(half.m, 0, &b);
    assert_near(b.demand_kwh, a.demand_kwh, 1e-4);
    /* Same hourly weather, sun at each half hour's middle: PV within 1 %. */
    assert_true(fabs(b.pv_kwh / a.pv_kwh - 1) < 0.01);
    assert_true(b.max_residual_kwh <= 1e-6);
    close_run(&hourly);
    close_run(&half);
}

typedef struct {
    const char *sets[2];
    int n_sets;
    double *grid;  /* copy of grid_import */
    size_t n;
} job;

static void *run_job(void *arg)
{
    job *j = arg;
    run r;
    open_run(&r, DEFAULT_SCENARIO, j->sets, j->n_sets);
    dc_model_run(r.m);
    j->n = dc_model_steps(r.m);
    j->grid = malloc(j->n * sizeof(double));
    memcpy(j->grid, dc_model_series(r.m, "grid_import"), j->n * sizeof(double));
    close_run(&r);
    return NULL;
}

static void two_threads_equal_sequential(void **state)
{
    (void)state;
    job seq[2] = {{{"batteries.town_hall_battery.energy_kwh=0"}, 1, NULL, 0},
                  {{"year=2027", "sites.irrigation_pond.export_limit_kw=500"}, 2, NULL, 0}};
    job par[2] = {seq[0], seq[1]};
    run_job(&seq[0]);
    run_job(&seq[1]);
    pthread_t th[2];
    for (int k = 0; k < 2; k++) assert_int_equal(pthread_create(&th[k], NULL, run_job, &par[k]), 0);
    for (int k = 0; k < 2; k++) pthread_join(th[k], NULL);
    for (int k = 0; k < 2; k++) {
        assert_int_equal(par[k].n, seq[k].n);
        assert_memory_equal(par[k].grid, seq[k].grid, seq[k].n * sizeof(double));
        free(par[k].grid);
        free(seq[k].grid);
    }
    assert_int_equal(seq[1].n, 8784); /* FY2027 holds 29 February 2028 */
}

static int count_entries(const char *dir)
{
    DIR *dp = opendir(dir);
    int n = 0;
    if (!dp) return -1;
    for (struct dirent *e; (e = readdir(dp));) n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
    closedir(dp);
    return n;
}

static void outputs_and_resolved_roundtrip(void **state)
{
    (void)state;
    char out[128], resolved[192], h5[192];
    tmp_setup(NULL);
    snprintf(out, sizeof out, "%s/out/default", tmp);
    run r, again;
    dc_diag *d = dc_diag_create();
    open_run(&r, DEFAULT_SCENARIO, NULL, 0);
    assert_int_equal(dc_model_run(r.m), DC_OK);
    dc_ghg *g = NULL;
    assert_int_equal(dc_ghg_create(r.s, r.in, &g, d), DC_OK);
    assert_int_equal(dc_ghg_link(g, r.m, d), DC_OK);
    H5E_auto2_t before, after;
    void *before_data, *after_data;
    H5Eget_auto2(H5E_DEFAULT, &before, &before_data);
    assert_int_equal(dc_write_outputs(r.m, g, out, d), DC_OK);
    H5Eget_auto2(H5E_DEFAULT, &after, &after_data); /* the host program's HDF5 error printing is back */
    assert_true(before == after && before_data == after_data);
    assert_int_equal(count_entries(out), 11); /* ten files (GHG, net zero, economics, workbook, report too) and the mark */
    snprintf(resolved, sizeof resolved, "%s/scenario.resolved.yaml", out);
    FILE *fp = fopen(resolved, "r");
    char text[16384];
    size_t len = fread(text, 1, sizeof text - 1, fp);
    text[len] = '\0';
    fclose(fp);
    assert_non_null(strstr(text, "charge_eff_pct: 92.2  # %")); /* shortest exact form */
    open_run(&again, resolved, NULL, 0);
    assert_int_equal(dc_model_run(again.m), DC_OK);
    size_t n = dc_model_steps(r.m);
    assert_memory_equal(dc_model_series(r.m, "grid_import"), dc_model_series(again.m, "grid_import"), n * sizeof(double));
    /* HDF5 reads back with units. */
    snprintf(h5, sizeof h5, "%s/results.h5", out);
    hid_t f = H5Fopen(h5, H5F_ACC_RDONLY, H5P_DEFAULT);
    assert_true(f >= 0);
    double *v = malloc(n * sizeof *v);
    char unit[16];
    assert_true(H5LTread_dataset_double(f, "/hourly/grid_import", v) >= 0);
    assert_true(H5LTget_attribute_string(f, "/hourly/grid_import", "units", unit) >= 0);
    assert_string_equal(unit, "kWh");
    assert_memory_equal(v, dc_model_series(r.m, "grid_import"), n * sizeof(double));
    /* A site's series and a resource's, under the site's group. */
    assert_true(H5LTread_dataset_double(f, "/sites/town_hall/grid_import", v) >= 0);
    assert_memory_equal(v, dc_model_series(r.m, "site:town_hall:grid_import"), n * sizeof(double));
    assert_true(H5LTread_dataset_double(f, "/sites/town_hall/resources/battery/town_hall_battery/stored", v) >= 0);
    assert_memory_equal(v, dc_model_series(r.m, "battery:town_hall_battery:stored"), n * sizeof(double));
    /* A series that is zero all year holds no bytes, and reads back as zeros. */
    for (size_t i = 0; i < n; i++) v[i] = 1.0;
    assert_true(H5LTread_dataset_double(f, "/hourly/unserved", v) >= 0);
    assert_memory_equal(v, dc_model_series(r.m, "unserved"), n * sizeof(double));
    H5Fclose(f);
    free(v);
    /* An output folder that cannot exist: an error, and nothing written. */
    char bad[192];
    snprintf(bad, sizeof bad, "%s/scenario.resolved.yaml/sub", out);
    assert_int_equal(dc_write_outputs(r.m, g, bad, d), DC_ERR_OUTPUT);
    assert_true(diag_has(d, "cannot create"));
    assert_int_equal(count_entries(out), 11);
    dc_ghg_destroy(&g);
    close_run(&r);
    close_run(&again);
    dc_diag_destroy(&d);
    tmp_teardown(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(balance_closes_every_step),
        cmocka_unit_test(demand_and_cyclic_storage),
        cmocka_unit_test(lifecycle_states),
        cmocka_unit_test(no_export_curtails_surplus),
        cmocka_unit_test(half_hour_steps),
        cmocka_unit_test(two_threads_equal_sequential),
        cmocka_unit_test(outputs_and_resolved_roundtrip),
    };
    return cmocka_run_group_tests_name("model", tests, NULL, NULL);
}
