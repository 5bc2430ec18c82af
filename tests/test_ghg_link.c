/* The scenario year of the municipal CO2: statistics carried forward, the
 * factor change and the project's own effect; methods that differ from
 * the base year's; targets and verdicts; electricity factors by supplier. */
#include "helpers.h"

#include <errno.h>
#include <math.h>
#include <sys/stat.h>

#include "ghg_verdict.h"
#include "model.h"

#define C2 (44.0 / 12.0)

/* Toy statistics of prefecture 77 and town 77001 for FY2013 and FY2021:
 * household 1000 t-C (electricity 400), commercial 2000 t-C (1200); the
 * town holds 20 of 100 households and 10 of 50 employees. */
static void toy_statistics(const char *facility_rows)
{
    char path[256];
    snprintf(path, sizeof path, "%s/stats", tmp);
    assert_true(mkdir(path, 0700) == 0 || errno == EEXIST);
    snprintf(path, sizeof path, "%s/stats/emissions.csv", tmp);
    write_text(path, "level,area_code,year,sector,industry,carbon_t_c,electricity_carbon_t_c\n"
                     "prefecture,77,2013,household,,1000,400\nprefecture,77,2013,commercial,,2000,1200\n"
                     "prefecture,77,2021,household,,900,360\nprefecture,77,2021,commercial,,1800,1080\n");
    snprintf(path, sizeof path, "%s/stats/indicators.csv", tmp);
    write_text(path, "level,area_code,year,indicator,industry,value,unit\n"
                     "prefecture,77,2013,households,,100,世帯\nprefecture,77,2013,employees_commercial,,50,人\n"
                     "municipality,77001,2013,households,,20,世帯\nmunicipality,77001,2013,employees_commercial,,10,人\n"
                     "prefecture,77,2021,households,,100,世帯\nprefecture,77,2021,employees_commercial,,50,人\n"
                     "municipality,77001,2021,households,,20,世帯\nmunicipality,77001,2021,employees_commercial,,10,人\n");
    snprintf(path, sizeof path, "%s/methods.csv", tmp);
    write_text(path, "sector,sector_ja,method,indicator,chosen\nhousehold,家庭,prefectural,households,1\n"
                     "commercial,業務その他,prefectural,employees_commercial,1\n");
    snprintf(path, sizeof path, "%s/facilities.csv", tmp);
    char text[2048];
    snprintf(text, sizeof text, "facility,scope,municipality,year,sector,co2_t,fuel,amount,indicator_value\n%s",
             facility_rows);
    write_text(path, text);
}

/* FY2021 household electricity CO2 of 77001 [t-CO2]. */
#define TOY_E (360.0 * 20 / 100 * C2)

/* A flat profile of kwh a year over FY2030's 8760 hours. */
static void flat_profile(const char *name, double kwh)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", tmp, name);
    FILE *fp = fopen(path, "w");
    for (int i = 0; i < 8760; i++) fprintf(fp, "%.17g\n", kwh / 8760);
    fclose(fp);
}

/* A household load of `share` of the sector's implied demand, its PV a
 * profile equal to the load: the project covers the load every hour. */
static void toy_scenario(char *path, size_t len, double share, const char *extra)
{
    double implied_kwh = TOY_E * 1000.0 / 0.5; /* t-CO2 / 0.5 kg-CO2/kWh */
    flat_profile("homes.csv", share * implied_kwh);
    char body[4096];
    snprintf(body, sizeof body,
             "year: 2030\ngrid:\n  emission_factor_kg_per_kwh: 0.5\n  export_limit_kw: 0\n"
             "pv_arrays:\n  - {name: roof, capacity_kw: 1000, profile_file: %s/homes.csv}\n"
             "loads:\n  - {name: homes, sector: household, profile_file: %s/homes.csv}\n"
             "ghg:\n  statistics_dir: %s/stats\n  municipality: \"77001\"\n  base_year: 2013\n  years: [2021]\n"
             "  methods_file: %s/methods.csv\n  statistics_factor_kg_per_kwh: 0.5\n%s",
             tmp, tmp, tmp, tmp, extra);
    snprintf(path, len, "%s/toy.yaml", tmp);
    write_scenario(path, body);
}

static int scenario_row(const dc_ghg *g, const char *sector, dc_ghg_row *out)
{
    for (size_t i = 0; dc_ghg_get(g, i, out) == 0; i++)
        if (out->scenario && out->chosen && !strcmp(out->sector, sector)) return 0;
    fail_msg("no scenario row for %s", sector);
    return -1;
}

/* Run a scenario and link its GHG; returns dc_ghg_link's status. */
static dc_status link_run(run *r, const char *path, const char **sets, int n_sets, dc_ghg **g, dc_diag *d)
{
    run_scenario(r, path, sets, n_sets);
    assert_int_equal(dc_ghg_create(r->s, r->in, g, d), DC_OK);
    assert_non_null(*g);
    return dc_ghg_link(*g, r->m, d);
}

/* A project of 1 % of the sector's demand moves the sector by 1 % of its
 * electricity CO2 (the statistics stay the rest), not by 99 %. */
static void one_percent_project_moves_one_percent(void **state)
{
    (void)state;
    char path[256];
    toy_statistics("");
    toy_scenario(path, sizeof path, 0.01, "");
    run r;
    dc_ghg *g = NULL;
    dc_diag *d = dc_diag_create();
    assert_int_equal(link_run(&r, path, NULL, 0, &g, d), DC_OK);
    dc_ghg_row h, c;
    scenario_row(g, "household", &h);
    double stats = 900.0 * 20 / 100 * C2;
    assert_int_equal(h.from_year, 2021);
    assert_near(h.statistics_t, stats, 1e-9);
    assert_near(h.electricity_t, TOY_E, 1e-9);
    assert_near(h.factor_change_t, 0.0, 1e-12); /* the statistics' factor is the scenario's */
    assert_near(h.without_kwh, 0.01 * TOY_E * 1000 / 0.5, 1e-6);
    assert_near(h.with_kwh, 0.0, 1e-9);
    assert_near(h.project_t, -0.01 * TOY_E, 1e-9);
    assert_near(h.total_t, stats - 0.01 * TOY_E, 1e-9);
    scenario_row(g, "commercial", &c); /* no commercial load: carried forward whole */
    assert_true(isnan(c.project_t));
    assert_near(c.total_t, 1800.0 * 10 / 50 * C2, 1e-9);
    dc_ghg_destroy(&g);
    close_run(&r);
    /* The statistics embed 0.6 kg-CO2/kWh, the scenario 0.5: the sector's
     * electricity is revalued by 0.5/0.6 - 1. */
    const char *sets[] = {"ghg.statistics_factor_kg_per_kwh=0.6"};
    assert_int_equal(link_run(&r, path, sets, 1, &g, d), DC_OK);
    scenario_row(g, "household", &h);
    assert_near(h.factor_change_t, TOY_E * (0.5 / 0.6 - 1), 1e-9);
    assert_near(h.total_t, h.statistics_t + h.factor_change_t + h.project_t, 1e-9);
    dc_ghg_destroy(&g);
    close_run(&r);
    dc_diag_destroy(&d);
}

/* Loads that buy more than the sector's whole electricity are named; a
 * project larger than the sector's electricity CO2 is refused. */
static void oversized_project_is_refused(void **state)
{
    (void)state;
    char path[256];
    toy_statistics("");
    toy_scenario(path, sizeof path, 2.0, "");
    run r;
    dc_ghg *g = NULL;
    dc_diag *d = dc_diag_create();
    assert_int_equal(link_run(&r, path, NULL, 0, &g, d), DC_ERR_STATISTICS);
    assert_true(diag_has(d, "warning: household: the scenario's household loads buy 1056 MWh a year without the "
                            "project, more than the 528 MWh the FY2021 statistics imply"));
    assert_true(diag_has(d, "household: the project's effect (-528 t-CO2) is larger than the sector's whole "
                            "electricity CO2 (264 t-CO2 in FY2021)"));
    dc_ghg_destroy(&g);
    close_run(&r);
    dc_diag_destroy(&d);
}

/* A facility reported in FY2021 but not in the base year: a loud warning,
 * and the FY2021 and scenario rows marked; given for FY2013 too, neither. */
static void method_mismatch_warns(void **state)
{
    (void)state;
    char path[256], fac[300];
    toy_statistics("Plant,facility,77001,2021,commercial,50,,,2\n");
    snprintf(fac, sizeof fac, "ghg.facilities_file=%s/facilities.csv", tmp);
    toy_scenario(path, sizeof path, 0.01, "");
    const char *sets[] = {fac};
    run r;
    dc_ghg *g = NULL;
    dc_diag *d = dc_diag_create();
    assert_int_equal(link_run(&r, path, sets, 1, &g, d), DC_OK);
    assert_true(diag_has(d, "warning: commercial: FY2021 rests on allocation + facilities (Plant), but the base "
                            "year FY2013 on allocation"));
    dc_ghg_summary s;
    assert_int_equal(dc_ghg_summary_get(g, &s), DC_OK);
    assert_int_equal(s.n_years, 3); /* 2013, 2021, 2030* */
    assert_int_equal(s.differs[0], 0);
    assert_int_equal(s.differs[1], 1);
    assert_int_equal(s.differs[2], 1);
    dc_ghg_destroy(&g);
    close_run(&r);
    dc_diag_destroy(&d);
    toy_statistics("Plant,facility,77001,2013,commercial,55,,,2\nPlant,facility,77001,2021,commercial,50,,,2\n");
    d = dc_diag_create();
    assert_int_equal(link_run(&r, path, sets, 1, &g, d), DC_OK);
    assert_false(diag_has(d, "rests on"));
    assert_int_equal(dc_ghg_summary_get(g, &s), DC_OK);
    assert_int_equal(s.differs[1] + s.differs[2], 0);
    dc_ghg_destroy(&g);
    close_run(&r);
    dc_diag_destroy(&d);
}

/* A scenario year that is also a statistics year appears once: as the
 * scenario row built on that year's statistics. */
static void scenario_year_appears_once(void **state)
{
    (void)state;
    char path[256];
    toy_statistics("");
    toy_scenario(path, sizeof path, 0.01, "");
    const char *sets[] = {"year=2021"};
    run r;
    dc_ghg *g = NULL;
    dc_diag *d = dc_diag_create();
    assert_int_equal(link_run(&r, path, sets, 1, &g, d), DC_OK);
    dc_ghg_summary s;
    assert_int_equal(dc_ghg_summary_get(g, &s), DC_OK);
    assert_int_equal(s.n_years, 2);
    assert_int_equal(s.years[1], 2021);
    assert_int_equal(s.scenario[1], 1);
    size_t rows = dc_ghg_count(g);
    assert_int_equal(dc_ghg_link(g, r.m, d), DC_OK); /* linking again replaces it */
    assert_int_equal(dc_ghg_count(g), rows);
    dc_ghg_destroy(&g);
    close_run(&r);
    dc_diag_destroy(&d);
}

/* The straight path to the next target, by hand: base FY2013 = 1000 t,
 * targets FY2030 -46 % and FY2040 -73 %. */
static void verdicts_on_the_path(void **state)
{
    (void)state;
    dc_ghg_targets t = {2013, 0, {0}, {0}};
    dc_ghg_targets_add(&t, 2040, 73);
    dc_ghg_targets_add(&t, 2030, 46); /* kept in year order */
    dc_ghg_verdict v = dc_ghg_verdict_for(&t, 2030, 1000, 560);
    assert_near(v.pct, 46, 1e-12);
    assert_int_equal(v.on_path, 0);
    assert_int_equal(v.met, 0);
    assert_near(v.gap_t, 560 - 540, 1e-9);
    v = dc_ghg_verdict_for(&t, 2021, 1000, 700);
    assert_near(v.pct, 46.0 * 8 / 17, 1e-12);
    assert_int_equal(v.on_path, 1);
    assert_int_equal(v.target_year, 2030);
    assert_int_equal(v.met, 1);
    v = dc_ghg_verdict_for(&t, 2035, 1000, 400);
    assert_near(v.pct, 46 + (73 - 46) * 0.5, 1e-12);
    v = dc_ghg_verdict_for(&t, 2050, 1000, 200);
    assert_near(v.pct, 73, 1e-12); /* after the last target, it holds */
    assert_true(isnan(dc_ghg_verdict_for(&t, 2013, 1000, 900).pct));
}

/* The bundled default: the decomposition adds up, and the project effect
 * equals its loads' purchases in a run without the project (no arrays, no
 * battery, no savings) against the run with it, at each meter's factor. */
static void default_project_effect_equals_a_run_without(void **state)
{
    (void)state;
    run with, without;
    dc_ghg *g = NULL;
    dc_diag *d = dc_diag_create();
    assert_int_equal(link_run(&with, "scenarios/default.yaml", NULL, 0, &g, d), DC_OK);
    /* the same town without its project: the scenario's text with the
     * pv_arrays and batteries sections and every saving taken out */
    char path[256], text[16384];
    snprintf(path, sizeof path, "%s/without.yaml", tmp);
    const char *const skip[] = {"pv_arrays:", "batteries:", NULL};
    scenario_text_without("scenarios/default.yaml", skip, "saving_pct", text, sizeof text);
    write_text(path, text);
    run_scenario(&without, path, NULL, 0);
    int n = with.s->list[S_LOADS].n;
    double *bought = calloc((size_t)n, sizeof *bought), *as_run = calloc((size_t)n, sizeof *as_run);
    double *modelled = calloc((size_t)n, sizeof *modelled);
    dc_model_purchases_with(without.m, bought);   /* the run without the project */
    dc_model_purchases_with(with.m, as_run);
    assert_int_equal(dc_model_purchases_without(with.m, modelled), 0);
    const char *sectors[] = {"household", "commercial"};
    const int kinds[][2] = {{DC_SECTOR_HOUSEHOLD, -1}, {DC_SECTOR_COMMERCIAL, DC_SECTOR_PUBLIC}};
    for (int s = 0; s < 2; s++) {
        double effect = 0, wo = 0;
        for (int k = 0; k < n; k++) {
            int sec = DC_CITEMS(with.s, S_LOADS, dc_load_item)[k].sector;
            if (sec != kinds[s][0] && sec != kinds[s][1]) continue;
            assert_near(modelled[k], bought[k], 1e-6 * fmax(1, bought[k]));
            double ef = with.m->topo.site[with.m->topo.item_site[S_LOADS][k]].ef_kg_per_kwh;
            effect += (as_run[k] - bought[k]) * ef / 1000;
            wo += bought[k];
        }
        dc_ghg_row r;
        scenario_row(g, sectors[s], &r);
        assert_near(r.without_kwh, wo, 1e-6 * wo);
        assert_near(r.project_t, effect, 1e-6);
        assert_true(r.project_t < 0);
        assert_near(r.total_t, r.statistics_t + r.factor_change_t + r.project_t, 1e-9);
    }
    free(bought);
    free(as_run);
    free(modelled);
    dc_ghg_destroy(&g);
    close_run(&with);
    close_run(&without);
    dc_diag_destroy(&d);
}

/* A factor typed in t-CO2/kWh (as the Ministry's list prints) gives the
 * same CO2 as in kg-CO2/kWh; without its unit it is refused. A supplier
 * named in the scenario takes its factor from the table, the latest year
 * before the scenario year with a warning. */
static void scenario_factor_units_and_suppliers(void **state)
{
    (void)state;
    char path[256];
    toy_statistics("");
    toy_scenario(path, sizeof path, 0.01, "");
    run a, b;
    char half[300];
    flat_profile("half.csv", 1000); /* PV of 1 MWh a year: the rest is imported */
    snprintf(half, sizeof half, "pv_arrays.roof.profile_file=%s/half.csv", tmp);
    const char *t_per_kwh[] = {"grid.emission_factor_kg_per_kwh=0.000441 t-CO2/kWh", half};
    const char *kg_per_kwh[] = {"grid.emission_factor_kg_per_kwh=0.441", half};
    run_scenario(&a, path, t_per_kwh, 2);
    run_scenario(&b, path, kg_per_kwh, 2);
    dc_totals ta, tb;
    assert_int_equal(dc_model_totals(a.m, 0, &ta), DC_OK);
    assert_int_equal(dc_model_totals(b.m, 0, &tb), DC_OK);
    assert_true(ta.import_co2_t > 0);
    assert_near(ta.import_co2_t, tb.import_co2_t, 1e-12 * tb.import_co2_t);
    close_run(&a);
    close_run(&b);
    dc_scenario *s = NULL;
    dc_diag *d = dc_diag_create();
    assert_int_equal(dc_scenario_load(path, &s, d), DC_OK);
    assert_int_equal(dc_scenario_set(s, "grid.emission_factor_kg_per_kwh=0.000441", d), DC_OK);
    assert_int_equal(dc_scenario_validate(s, d), DC_ERR_SCENARIO);
    assert_true(diag_has(d, "grid.emission_factor_kg_per_kwh: 0.000441 kg-CO2/kWh is too low for a supplier's "
                            "factor: the Ministry's list prints t-CO2/kWh, so write '0.000441 t-CO2/kWh'"));
    dc_scenario_destroy(&s);
    /* 四国電力 メニューC: FY2023 0.464 kg-CO2/kWh is the latest before FY2030 */
    const char *supplier[] = {"grid.emission_factor_kg_per_kwh=auto", "grid.supplier=四国電力", "grid.menu=メニューC"};
    run_scenario(&a, path, supplier, 3);
    assert_near(dc_model_site_emission_factor(a.m, 0), 0.464, 1e-12);
    close_run(&a);
    dc_inputs *in = NULL;
    assert_int_equal(dc_scenario_load(path, &s, d), DC_OK);
    for (int k = 0; k < 3; k++) assert_int_equal(dc_scenario_set(s, supplier[k], d), DC_OK);
    assert_int_equal(dc_scenario_validate(s, d), DC_OK);
    assert_int_equal(dc_inputs_load(s, &in, d), DC_OK);
    assert_true(diag_has(d, "warning: grid.supplier: '四国電力' メニューC has no FY2030 factor yet: using FY2023's "
                            "(0.464 kg-CO2/kWh, 調整後)"));
    dc_inputs_destroy(&in);
    assert_int_equal(dc_scenario_set(s, "grid.supplier=どこか電力", d), DC_OK);
    assert_int_equal(dc_scenario_validate(s, d), DC_OK);
    assert_int_equal(dc_inputs_load(s, &in, d), DC_ERR_STATISTICS);
    assert_true(diag_has(d, "grid.supplier: no adjusted factor (調整後) of 'どこか電力' メニューC for FY2030 or before"));
    dc_scenario_destroy(&s);
    dc_diag_destroy(&d);
}

/* A facility's purchased electricity is its kWh times its supplier's
 * factor of that year, whichever unit the table prints. */
static void facility_electricity_priced_by_its_supplier(void **state)
{
    (void)state;
    char path[256], ef[256], fac[300], tab[300];
    toy_statistics("");
    snprintf(path, sizeof path, "%s/facilities.csv", tmp);
    write_text(path, "facility,scope,municipality,year,sector,co2_t,fuel,amount,electricity_kwh,supplier,menu,"
                     "indicator_value\n"
                     "Mall,facility,77001,2013,commercial,,,,100000,東京電力,,1\n"
                     "Mall,facility,77001,2021,commercial,,,,100000,Kt,,1\n");
    snprintf(ef, sizeof ef, "%s/ef.csv", tmp);
    write_text(ef, "fiscal_year,supplier,menu,basic,adjusted,unit,zero_emission,source\n"
                   "2013,東京電力,,0.000530,0.000521,t-CO2/kWh,0,x\n2021,Kt,,0.441,0.432,t-CO2/MWh,0,x\n");
    char body_path[256];
    toy_scenario(body_path, sizeof body_path, 0.01, "");
    snprintf(fac, sizeof fac, "ghg.facilities_file=%s", path);
    snprintf(tab, sizeof tab, "grid.factors_file=%s", ef);
    const char *sets[] = {fac, tab, "grid.factor_kind=basic"};
    run r;
    dc_ghg *g = NULL;
    dc_diag *d = dc_diag_create();
    assert_int_equal(link_run(&r, body_path, sets, 3, &g, d), DC_OK);
    dc_ghg_row row;
    double got[2] = {NAN, NAN};
    for (size_t i = 0; dc_ghg_get(g, i, &row) == 0; i++)
        if (!row.scenario && !strcmp(row.sector, "commercial")) got[row.year == 2021] = row.bottom_up_t;
    assert_near(got[0], 100000 * 0.530 / 1000, 1e-9);
    assert_near(got[1], 100000 * 0.441 / 1000, 1e-9);
    dc_ghg_destroy(&g);
    close_run(&r);
    /* a year the table does not hold is an error at the facility's row */
    write_text(ef, "fiscal_year,supplier,menu,basic,adjusted,unit,zero_emission,source\n"
                   "2013,東京電力,,0.000530,0.000521,t-CO2/kWh,0,x\n");
    dc_scenario *s = NULL;
    dc_inputs *in = NULL;
    assert_int_equal(dc_scenario_load(body_path, &s, d), DC_OK);
    for (int k = 0; k < 3; k++) assert_int_equal(dc_scenario_set(s, sets[k], d), DC_OK);
    assert_int_equal(dc_scenario_validate(s, d), DC_OK);
    assert_int_equal(dc_inputs_load(s, &in, d), DC_ERR_STATISTICS);
    char want[400];
    snprintf(want, sizeof want, "%s:3: supplier: no FY2021 basic factor (基礎) of 'Kt'", path);
    assert_true(diag_has(d, want));
    dc_scenario_destroy(&s);
    dc_diag_destroy(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(one_percent_project_moves_one_percent, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(oversized_project_is_refused, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(method_mismatch_warns, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(scenario_year_appears_once, tmp_setup, tmp_teardown),
        cmocka_unit_test(verdicts_on_the_path),
        cmocka_unit_test_setup_teardown(default_project_effect_equals_a_run_without, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(scenario_factor_units_and_suppliers, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(facility_electricity_priced_by_its_supplier, tmp_setup, tmp_teardown),
    };
    return cmocka_run_group_tests_name("ghg_link", tests, NULL, NULL);
}
