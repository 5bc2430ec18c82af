/* Municipal CO2 by region-based allocation: the sample data set against
 * hand calculations from its source numbers, a toy prefecture that must
 * add up, bottom-up overrides, the scenario link, and data errors. */
#include "helpers.h"

#include <math.h>

#include "ghg.h"
#include "ghgdata.h"
#include "model.h"

#define SAMPLE "inputs/ghg/sample"
#define C2 (44.0 / 12.0)

static const dc_ghg_paths SAMPLE_PATHS = {"inputs/ghg/methods.csv", "inputs/ghg/factors.csv",
                                          SAMPLE "/emissions.csv", SAMPLE "/indicators.csv", ""};

static const dc_ghg_result *find(const dc_ghg_data *g, const dc_ghg_table *t, int year, const char *sector,
                                 const char *method)
{
    for (int k = 0; k < t->n; k++) {
        const dc_ghg_rule *r = &g->rules[t->rows[k].rule];
        if (t->rows[k].year == year && !t->rows[k].scenario && !strcmp(r->sector, sector) &&
            !strcmp(dc_ghg_method_names[r->method], method))
            return &t->rows[k];
    }
    fail_msg("no row %d %s %s", year, sector, method);
    return NULL;
}

static void compute(const dc_ghg_paths *p, const char *muni, const int *years, int n, dc_ghg_data *g,
                    dc_ghg_table *t)
{
    dc_diag *d = dc_diag_create();
    assert_int_equal(dc_ghg_read(p, g, d), DC_OK);
    int rc = dc_ghg_compute(g, muni, years, n, t, d);
    if (rc) print_diag(d);
    assert_int_equal(rc, 0);
    dc_diag_destroy(&d);
}

typedef struct {
    const char *sector, *method;
    double expect;
} hand;

static void check_hand(const dc_ghg_data *g, const dc_ghg_table *t, int year, const hand *h, int n)
{
    for (int k = 0; k < n; k++) {
        double got = find(g, t, year, h[k].sector, h[k].method)->total_t;
        if (fabs(got - h[k].expect) > 1e-6 * fmax(1.0, h[k].expect))
            fail_msg("%s %s: %.6f, hand calculation %.6f", h[k].sector, h[k].method, got, h[k].expect);
    }
}

/* FY2013, from inputs/ghg/sample (carbon t-C; indicators) and factors.csv. */
static void sample_matches_hand_calculation(void **state)
{
    (void)state;
    dc_ghg_data g;
    dc_ghg_table t;
    int years[] = {2013};
    compute(&SAMPLE_PATHS, "99201", years, 1, &g, &t);
    const hand city[] = {
        {"manufacturing", "prefectural", 4000000.0 * 3.0e7 / 1.1e9 * C2},
        /* by industry: food, chemicals (X = 0), steel (0), machinery, other */
        {"manufacturing", "national_by_industry",
         (6000000.0 * 1.2e7 / 3.5e9 + 0 + 0 + 10000000.0 * 1.0e7 / 1.3e10 + 32000000.0 * 0.8e7 / 7.7e9) * C2},
        {"construction_mining", "prefectural", 80000.0 * 2400 / 130000 * C2},
        {"construction_mining", "national", 3000000.0 * 2400 / 5000000 * C2},
        {"agriculture", "prefectural", 150000.0 * 420 / 12000 * C2},
        {"agriculture", "national", 4000000.0 * 420 / 350000 * C2},
        {"commercial", "prefectural", 900000.0 * 18000 / 1000000 * C2},
        {"commercial", "national", 65000000.0 * 18000 / 40000000 * C2},
        {"household", "prefectural", 850000.0 * 20000 / 1150000 * C2},
        {"household", "national", 56000000.0 * 20000 / 55000000 * C2},
        {"road_passenger", "national", 36000000.0 * 42000 / 61000000 * C2},
        {"road_passenger", "prefectural", 1100000.0 * 42000 / 1900000 * C2},
        {"road_freight", "national", 22000000.0 * 9000 / 16000000 * C2},
        {"road_freight", "prefectural", 700000.0 * 9000 / 500000 * C2},
        {"rail", "national", 2300000.0 * 50000 / 127000000 * C2},
        {"shipping", "national", 0.0},
        {"waste", "incineration", 2100 * 2.77 + 300 * 2.29},
    };
    check_hand(&g, &t, 2013, city, sizeof city / sizeof city[0]);
    /* electricity part: household 450,000 t-C of 850,000 */
    assert_near(find(&g, &t, 2013, "household", "prefectural")->electricity_t, 450000.0 * 20000 / 1150000 * C2, 1e-6);
    assert_non_null(strstr(find(&g, &t, 2013, "manufacturing", "national_by_industry")->note, "suppressed"));
    dc_ghg_table_free(&t);
    dc_ghg_data_free(&g);

    compute(&SAMPLE_PATHS, "99202", years, 1, &g, &t);
    const hand town[] = {
        {"manufacturing", "prefectural", 4000000.0 * 2.0e8 / 1.1e9 * C2},
        {"manufacturing", "national_by_industry",
         (6000000.0 * 2.0e7 / 3.5e9 + 16000000.0 * 1.5e8 / 4.0e9 + 0 + 10000000.0 * 2.0e7 / 1.3e10 +
          32000000.0 * 1.0e7 / 7.7e9) * C2},
        {"household", "prefectural", 850000.0 * 8000 / 1150000 * C2},
        {"commercial", "prefectural", 900000.0 * 7500 / 1000000 * C2},
        {"road_freight", "national", 22000000.0 * 5500 / 16000000 * C2},
        {"rail", "national", 2300000.0 * 19000 / 127000000 * C2},
        {"waste", "incineration", 800 * 2.77 + 110 * 2.29},
    };
    check_hand(&g, &t, 2013, town, sizeof town / sizeof town[0]);
    dc_ghg_table_free(&t);
    dc_ghg_data_free(&g);
}

/* Bottom-up: the FY2021 steel works of 99202 reports 362,000 t-CO2 and
 * holds 1.25e8 of the town's 2.06e8 万円 shipments. */
static void facility_override_replaces_only_its_share(void **state)
{
    (void)state;
    dc_ghg_data g, gf;
    dc_ghg_table t, tf;
    dc_ghg_paths with = SAMPLE_PATHS;
    with.facilities = SAMPLE "/facilities.csv";
    int years[] = {2013, 2021};
    compute(&SAMPLE_PATHS, "99202", years, 2, &g, &t);
    compute(&with, "99202", years, 2, &gf, &tf);
    assert_int_equal(t.n, tf.n);
    double allocated = 4000000.0 * 0.87 * (2.0e8 * 1.03) / (1.1e9 * 1.03) * C2;
    const dc_ghg_result *m = find(&gf, &tf, 2021, "manufacturing", "prefectural");
    assert_near(m->allocated_t, allocated, 1e-6 * allocated);
    assert_near(m->total_t, allocated * (1 - 1.25e8 / 2.06e8) + 362000.0, 1e-3);
    assert_near(m->bottom_up_t, 362000.0, 1e-9);
    for (int k = 0; k < t.n; k++) { /* every other row unchanged */
        const dc_ghg_rule *r = &g.rules[t.rows[k].rule];
        if (strcmp(r->sector, "manufacturing") || t.rows[k].year != 2021)
            assert_true(t.rows[k].total_t == tf.rows[k].total_t);
    }
    dc_ghg_table_free(&t);
    dc_ghg_table_free(&tf);
    dc_ghg_data_free(&g);
    dc_ghg_data_free(&gf);
    /* Fuel-based report of 99201: 1,500 kL heavy oil A x 39.1 GJ/kL x 0.0189 t-C/GJ x 44/12. */
    int y2021[] = {2021};
    compute(&with, "99201", y2021, 1, &gf, &tf);
    m = find(&gf, &tf, 2021, "manufacturing", "prefectural");
    double food = 1500 * 39.1 * 0.0189 * C2;
    double alloc = 4000000.0 * 0.87 * 3.09e7 / 1.133e9 * C2;
    assert_near(m->total_t, alloc * (1 - 8.0e6 / 3.09e7) + food, 1e-3);
    dc_ghg_table_free(&tf);
    dc_ghg_data_free(&gf);
}


static void toy_files(const char *third_households)
{
    char path[128], text[2048];
    snprintf(path, sizeof path, "%s/methods.csv", tmp);
    write_text(path, "sector,sector_ja,method,indicator,chosen\n"
                     "household,家庭,prefectural,households,1\n"
                     "commercial,業務その他,prefectural,employees_commercial,1\n");
    snprintf(path, sizeof path, "%s/emissions.csv", tmp);
    write_text(path, "# toy prefecture 77\nlevel,area_code,year,sector,industry,carbon_t_c,electricity_carbon_t_c\n"
                     "prefecture,77,2013,household,,1000,400\nprefecture,77,2013,commercial,,2000,\n");
    snprintf(path, sizeof path, "%s/indicators.csv", tmp);
    snprintf(text, sizeof text,
             "level,area_code,year,indicator,industry,value,unit\n"
             "prefecture,77,2013,households,,100,世帯\nprefecture,77,2013,employees_commercial,,50,人\n"
             "municipality,77001,2013,households,,20,世帯\nmunicipality,77001,2013,employees_commercial,,10,人\n"
             "municipality,77002,2013,households,,30,世帯\nmunicipality,77002,2013,employees_commercial,,15,人\n"
             "municipality,77003,2013,households,,%s,世帯\nmunicipality,77003,2013,employees_commercial,,25,人\n",
             third_households);
    write_text(path, text);
}

static double toy_sum(const char *sector, int *suppressed_notes)
{
    char m[128], e[128], i[128];
    snprintf(m, sizeof m, "%s/methods.csv", tmp);
    snprintf(e, sizeof e, "%s/emissions.csv", tmp);
    snprintf(i, sizeof i, "%s/indicators.csv", tmp);
    dc_ghg_paths p = {m, "inputs/ghg/factors.csv", e, i, ""};
    const char *munis[] = {"77001", "77002", "77003"};
    int years[] = {2013};
    double sum = 0;
    *suppressed_notes = 0;
    for (int k = 0; k < 3; k++) {
        dc_ghg_data g;
        dc_ghg_table t;
        compute(&p, munis[k], years, 1, &g, &t);
        const dc_ghg_result *r = find(&g, &t, 2013, sector, "prefectural");
        sum += r->total_t;
        *suppressed_notes += strstr(r->note, "suppressed") != NULL;
        dc_ghg_table_free(&t);
        dc_ghg_data_free(&g);
    }
    return sum;
}

static void toy_prefecture_adds_up(void **state)
{
    (void)state;
    int notes;
    toy_files("50");
    assert_near(toy_sum("household", &notes), 1000 * C2, 1e-9);
    assert_near(toy_sum("commercial", &notes), 2000 * C2, 1e-9);
    assert_int_equal(notes, 0);
    /* A suppressed value counts as 0: the municipalities fall short of the
     * prefecture by the third's share, and the row says so. */
    toy_files("X");
    assert_near(toy_sum("household", &notes), 1000 * C2 * 50 / 100, 1e-9);
    assert_int_equal(notes, 1);
}

static void expect_error(const dc_ghg_paths *p, const char *muni, int year, const char *needle)
{
    dc_diag *d = dc_diag_create();
    dc_ghg_data g;
    dc_ghg_table t;
    int years[] = {year}, rc = dc_ghg_read(p, &g, d) != DC_OK;
    if (!rc) {
        rc = dc_ghg_compute(&g, muni, years, 1, &t, d) != 0;
        dc_ghg_data_free(&g);
    }
    assert_true(rc);
    if (!diag_has(d, needle)) {
        print_diag(d);
        fail_msg("expected '%s'", needle);
    }
    dc_diag_destroy(&d);
}

static void data_errors_name_file_row_column(void **state)
{
    (void)state;
    char m[128], e[128], i[128], want[256];
    snprintf(m, sizeof m, "%s/methods.csv", tmp);
    snprintf(e, sizeof e, "%s/emissions.csv", tmp);
    snprintf(i, sizeof i, "%s/indicators.csv", tmp);
    dc_ghg_paths p = {m, "inputs/ghg/factors.csv", e, i, ""};
    toy_files("");
    snprintf(want, sizeof want, "%s:8: value: missing value", i); /* 77003 households: line 8, column value */
    expect_error(&p, "77001", 2013, want);
    toy_files("abc");
    expect_error(&p, "77001", 2013, "value: 'abc' is not a number >= 0");
    /* every bad row of a file is reported, not only the first */
    write_text(i, "level,area_code,year,indicator,industry,value,unit\n"
                  "prefecture,77,2013,households,,abc,x\nprefecture,77,2013,households,,,x\n");
    snprintf(want, sizeof want, "%s:2: value: 'abc'", i);
    expect_error(&p, "77001", 2013, want);
    snprintf(want, sizeof want, "%s:3: value: missing value", i);
    expect_error(&p, "77001", 2013, want);
    toy_files("50");
    toy_files("50");
    snprintf(want, sizeof want, "%s: area_code: municipality 77009 is not in the statistics", i);
    expect_error(&p, "77009", 2013, want);
    snprintf(want, sizeof want, "%s: year: no statistics for FY2019 (the file has: 2013)", e);
    expect_error(&p, "77001", 2019, want);
    /* a year far out of int's range is an error, not undefined behaviour */
    write_text(i, "level,area_code,year,indicator,industry,value,unit\nprefecture,77,1e18,households,,5,x\n");
    snprintf(want, sizeof want, "%s:2: year: '1e18' is not a fiscal year", i);
    expect_error(&p, "77001", 2013, want);
    toy_files("50");
    write_text(e, "level,area_code,year,sector,carbon_t_c\n");
    snprintf(want, sizeof want, "%s: industry: missing column", e);
    expect_error(&p, "77001", 2013, want);
}

/* The scenario year: household electricity from the households' simulated
 * grid purchases (import less what they bought from the off-site PPA pond). */
static void scenario_year_uses_simulated_imports(void **state)
{
    (void)state;
    dc_diag *d = dc_diag_create();
    dc_scenario *s;
    dc_inputs *in;
    dc_model *m;
    dc_ghg *g;
    assert_int_equal(dc_scenario_load("scenarios/default.yaml", &s, d), DC_OK);
    assert_int_equal(dc_inputs_load(s, &in, d), DC_OK);
    assert_int_equal(dc_model_create(s, in, &m, d), DC_OK);
    assert_int_equal(dc_ghg_create(s, in, &g, d), DC_OK);
    assert_int_equal(dc_ghg_link(g, m), DC_ERR_STATE); /* not run yet */
    assert_int_equal(dc_model_run(m), DC_OK);
    assert_int_equal(dc_ghg_link(g, m), DC_OK);
    size_t n = dc_model_steps(m);
    const double *imp = dc_model_series(m, "site:households:grid_import");
    const double *ppa = dc_model_series(m, "site:households:offsite_ppa_in");
    double kwh = 0;
    for (size_t i = 0; i < n; i++) kwh += imp[i] - ppa[i]; /* the site holds only the households' load */
    double sim = kwh * 0.45 / 1000.0; /* scenario factor 0.45 kg-CO2/kWh */
    dc_ghg_row r, latest = {0};
    int found = 0;
    for (size_t i = 0; dc_ghg_get(g, i, &r) == 0; i++)
        if (r.chosen && !strcmp(r.sector, "household") && r.year == 2021 && !r.scenario) latest = r;
    for (size_t i = 0; dc_ghg_get(g, i, &r) == 0; i++)
        if (r.chosen && !strcmp(r.sector, "household") && r.scenario) {
            assert_int_equal(r.year, 2030);
            assert_near(r.electricity_t, sim, 1e-6);
            assert_near(r.total_t, latest.total_t - latest.electricity_t + sim, 1e-6);
            found = 1;
        }
    assert_true(found);
    dc_ghg_summary sum;
    assert_int_equal(dc_ghg_summary_get(g, &sum), DC_OK);
    assert_int_equal(sum.base_year, 2013);
    assert_int_equal(sum.n_years, 4); /* 2013, 2020, 2021, scenario 2030 */
    assert_near(sum.reduction_pct[3], 100 * (1 - sum.total_t[3] / sum.base_total_t), 1e-9);
    /* Linking again gives the scenario year once, not twice. */
    size_t rows = dc_ghg_count(g);
    assert_int_equal(dc_ghg_link(g, m), DC_OK);
    assert_int_equal(dc_ghg_count(g), rows);
    /* A scenario without a ghg section has no GHG object, and that is no error. */
    dc_ghg *none = NULL;
    assert_int_equal(dc_scenario_set(s, "ghg.statistics_dir=", d), DC_OK);
    dc_inputs *bare;
    assert_int_equal(dc_inputs_load(s, &bare, d), DC_ERR_STATE); /* changed, not validated */
    assert_int_equal(dc_scenario_validate(s, d), DC_OK);
    assert_int_equal(dc_inputs_load(s, &bare, d), DC_OK);
    assert_int_equal(dc_ghg_create(s, bare, &none, d), DC_OK);
    assert_null(none);
    dc_inputs_destroy(&bare);
    dc_ghg_destroy(&g);
    dc_model_destroy(&m);
    dc_inputs_destroy(&in);
    dc_scenario_destroy(&s);
    dc_diag_destroy(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sample_matches_hand_calculation),
        cmocka_unit_test(facility_override_replaces_only_its_share),
        cmocka_unit_test_setup_teardown(toy_prefecture_adds_up, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(data_errors_name_file_row_column, tmp_setup, tmp_teardown),
        cmocka_unit_test(scenario_year_uses_simulated_imports),
    };
    return cmocka_run_group_tests_name("ghg", tests, NULL, NULL);
}
