/* The 脱炭素先行地域 table and the economics against a hand calculation
 * on a town simple enough to work on paper: flat loads, measured PV
 * profiles that give the same kWh at the same hours every day. */
#include "helpers.h"

#include <math.h>

/* kWh per step: value at hours [from, to), 0 otherwise, for FY2030 (8760 h). */
static void write_profile(const char *path, double value, int from, int to)
{
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs("kwh\n", fp);
    for (int i = 0; i < 8760; i++) fprintf(fp, "%g\n", i % 24 >= from && i % 24 < to ? value : 0.0);
    fclose(fp);
}

/* Area 中心部 (its tag with a comma, to test the CSV):
 * - hall: public load 87,600 kWh flat with 10 % saving (9 kWh each hour
 *   after it); PV (on-site PPA) 12 kWh at 10-15 h: 9 used, 3 exported.
 * - homes: household 43,800 kWh flat (5 kWh/h) and a factory 43,800 kWh
 *   (5 kWh/h, industry: shown apart), so 民生 is half of the site; FIT
 *   array 4 kWh at 10-15 h, all used on site: not counted, half of it
 *   under 民生.
 * - an off-site PPA array 6 kWh at 12-13 h selling to homes, whose import
 *   then is 10 - 4 = 6: all 6 bought, half for 民生.
 * - bought: 10 MWh of a renewable menu, 5 MWh of certificates. */
static const char *TOWN =
    "name: area\nyear: 2030\n"
    "grid: {emission_factor_kg_per_kwh: 0.45, export_limit_kw: unlimited}\n"
    "leading_area: {area: \"中心部, 東\", retail_renewable_mwh: 10, certificates_mwh: 5, tariff_yen_per_kwh: 25,\n"
    "               export_yen_per_kwh: 9.6, discount_rate_pct: 3, target_irr_pct: 5}\n"
    "sites:\n  - {name: hall, area: \"中心部, 東\"}\n  - {name: homes, area: \"中心部, 東\"}\n"
    "pv_arrays:\n"
    "  - {name: hall_pv, site: hall, capacity_kw: 20, profile_file: hall.csv, capex_yen_per_kw: 200000,\n"
    "     opex_yen_per_kw_year: 3000, lifetime_years: 20, subsidy_pct: 50, subsidy_cap_yen: 1000000}\n"
    "  - {name: fit_pv, site: homes, capacity_kw: 5, profile_file: fit.csv, contract: owned, fit: true,\n"
    "     capex_yen_per_kw: 200000, opex_yen_per_kw_year: 3000, lifetime_years: 20}\n"
    "  - {name: pond, capacity_kw: 10, profile_file: pond.csv, contract: offsite_ppa, buyers: [homes],\n"
    "     capex_yen_per_kw: 150000, opex_yen_per_kw_year: 3000, lifetime_years: 20}\n"
    "loads:\n"
    "  - {name: hall, site: hall, sector: public, shape: flat, annual_kwh: 87600, saving_pct: 10}\n"
    "  - {name: homes, site: homes, sector: household, shape: flat, annual_kwh: 43800}\n"
    "  - {name: factory, site: homes, sector: industry, shape: flat, annual_kwh: 43800}\n";

static void write_town(char *path, size_t len)
{
    char p[256];
    snprintf(p, sizeof p, "%s/hall.csv", tmp), write_profile(p, 12, 10, 15);
    snprintf(p, sizeof p, "%s/fit.csv", tmp), write_profile(p, 4, 10, 15);
    snprintf(p, sizeof p, "%s/pond.csv", tmp), write_profile(p, 6, 12, 13);
    snprintf(path, len, "%s/town.yaml", tmp);
    write_scenario(path, TOWN);
}

static void table_by_hand(void **state)
{
    (void)state;
    char path[256];
    write_town(path, sizeof path);
    run r;
    run_scenario(&r, path, NULL, 0);
    dc_netzero z;
    assert_int_equal(dc_model_netzero(r.m, &z), DC_OK);
    const double days = 365, eps = 1e-9;
    assert_near(z.a_mwh, (87600 + 43800) / 1000.0, eps);
    assert_near(z.c_mwh, 8.76, eps);
    assert_near(z.b_onsite_mwh, 9 * 5 * days / 1000, eps);       /* hall: 9 kWh x 5 h */
    assert_near(z.fit_excluded_mwh, 0.5 * 4 * 5 * days / 1000, eps); /* homes: half of 4 kWh x 5 h */
    assert_near(z.b_offsite_ppa_mwh, 0.5 * 6 * days / 1000, eps);  /* half of 6 kWh at noon */
    assert_near(z.b_wire_mwh, 0, eps);
    double b = 16.425 + 1.095 + 10 + 5;
    assert_near(z.b_mwh, b, eps);
    assert_int_equal(z.net_zero, 0);
    assert_near(z.gap_mwh, 131.4 - b - 8.76, eps);
    assert_near(z.gap_t_co2, (131.4 - b - 8.76) * 0.45, eps);
    assert_near(z.other_demand_mwh, 43.8, eps);
    /* 時間一致: local supply in the hour over demand after savings. */
    assert_near(z.coincident_share, (16425.0 + 1095) / (78840 + 43800), eps);
    assert_near(z.exported_mwh, 3 * 5 * days / 1000, eps);
    /* Homes buy grid power every hour but noon, when FIT 4 + PPA 6 cover them. */
    assert_int_equal(z.grid_hours, 8760 - 365);
    assert_near(z.pv_kw, 20, 0), assert_near(z.pv_fit_kw, 5, 0);
    dc_saving_row s;
    assert_int_equal(dc_model_saving_get(r.m, 0, &s), 0);
    assert_string_equal(s.load, "hall");
    assert_near(s.saving_mwh, 8.76, eps);
    assert_int_equal(dc_model_saving_get(r.m, 1, &s), -1);
    close_run(&r);
}

/* Six 民生 sites, more than the routes read in one pass (netzero.c reads
 * four at a time): six homes of 1 kWh each hour and a pond of `noon` kWh
 * at 12-13 h selling to them, by their imports or by `shares` [%]. */
static void six_homes(const char *shares, double noon, dc_netzero *z)
{
    char path[256], text[4096], p[256];
    snprintf(p, sizeof p, "%s/pond.csv", tmp), write_profile(p, noon, 12, 13);
    int at = snprintf(text, sizeof text, "name: six\nyear: 2030\ngrid: {emission_factor_kg_per_kwh: 0.45}\n"
                      "leading_area: {area: x}\nsites:\n");
    for (int k = 1; k <= 6; k++) at += snprintf(text + at, sizeof text - at, "  - {name: h%d, area: x}\n", k);
    at += snprintf(text + at, sizeof text - at, "pv_arrays:\n  - {name: pond, capacity_kw: 10, profile_file: pond.csv, "
                   "contract: offsite_ppa, buyers: [h1, h2, h3, h4, h5, h6]%s%s}\nloads:\n",
                   shares ? ", buyer_shares_pct: " : "", shares ? shares : "");
    for (int k = 1; k <= 6; k++)
        at += snprintf(text + at, sizeof text - at, "  - {name: h%d, site: h%d, sector: household, shape: flat, "
                       "annual_kwh: 8760}\n", k, k);
    snprintf(path, sizeof path, "%s/six.yaml", tmp);
    write_scenario(path, text);
    run r;
    run_scenario(&r, path, NULL, 0);
    assert_int_equal(dc_model_netzero(r.m, z), DC_OK);
    close_run(&r);
}

/* Whichever sites the grid still serves at noon, the hour counts; and
 * each site's purchase from the pond is counted once. */
static void routes_of_many_sites(void **state)
{
    (void)state;
    dc_netzero z;
    const double days = 365, eps = 1e-9;
    six_homes(NULL, 6, &z); /* 1 kWh to each home at noon: no home buys from the grid then */
    assert_near(z.b_offsite_ppa_mwh, 6 * days / 1000, eps);
    assert_int_equal(z.grid_hours, 8760 - 365);
    six_homes("[0, 0, 0, 0, 50, 50]", 2, &z); /* h5 and h6 covered at noon; the first four still buy */
    assert_near(z.b_offsite_ppa_mwh, 2 * days / 1000, eps);
    assert_int_equal(z.grid_hours, 8760);
    six_homes("[50, 50, 0, 0, 0, 0]", 2, &z); /* h1 and h2 covered; h3 to h6 still buy */
    assert_near(z.b_offsite_ppa_mwh, 2 * days / 1000, eps);
    assert_int_equal(z.grid_hours, 8760);
    assert_near(z.a_mwh, 6 * 8.76, eps);
}

/* Two public sites on a private wire, every day the same:
 * - hall: 10 kWh each hour, no supply of its own;
 * - school: 2 kWh each hour and PV of 8 kWh at 10-15 h: it uses 2 and
 *   gives 6 to the wire, which the hall takes with 4 from the grid.
 * Each meter shows what it took from the wire, the grid's part of it
 * included (its share of the connection's import): the hall takes 10 kWh
 * every hour, 4 of them from the grid at 10-15 h and all 10 at night.
 * B counts only what the school's PV gave: on-site 2 kWh x 5 h (school),
 * over the wire 6 kWh x 5 h (hall); never the grid's part. */
static void private_wire_by_hand(void **state)
{
    (void)state;
    char path[256], p[256];
    snprintf(p, sizeof p, "%s/school.csv", tmp), write_profile(p, 8, 10, 15);
    snprintf(path, sizeof path, "%s/wire.yaml", tmp);
    write_scenario(path, "name: wire\nyear: 2030\ngrid: {emission_factor_kg_per_kwh: 0.45}\n"
                         "leading_area: {area: x}\n"
                         "sites:\n  - {name: hall, area: x}\n  - {name: school, area: x}\n"
                         "private_wires:\n  - {name: civic, sites: [hall, school]}\n"
                         "pv_arrays:\n  - {name: roof, site: school, capacity_kw: 10, profile_file: school.csv}\n"
                         "loads:\n"
                         "  - {name: hall, site: hall, sector: public, shape: flat, annual_kwh: 87600}\n"
                         "  - {name: school, site: school, sector: public, shape: flat, annual_kwh: 17520}\n");
    run r;
    run_scenario(&r, path, NULL, 0);
    dc_netzero z;
    assert_int_equal(dc_model_netzero(r.m, &z), DC_OK);
    const double days = 365, eps = 1e-9;
    assert_near(z.a_mwh, (87600 + 17520) / 1000.0, eps);
    assert_near(z.b_onsite_mwh, 2 * 5 * days / 1000, eps);
    assert_near(z.b_wire_mwh, 6 * 5 * days / 1000, eps);
    assert_near(z.b_offsite_ppa_mwh, 0, eps);
    assert_near(z.b_mwh, 8 * 5 * days / 1000, eps); /* all of the PV, nothing more */
    assert_near(z.coincident_share, 8 * 5 * days / (87600 + 17520), eps);
    assert_int_equal(z.grid_hours, 8760);           /* the hall buys from the grid every hour */
    close_run(&r);
}

/* More certificates close the gap: the verdict turns exactly there. */
static void verdict_turns(void **state)
{
    (void)state;
    char path[256], set[128];
    write_town(path, sizeof path);
    double gap = 131.4 - (16.425 + 1.095 + 10 + 5) - 8.76;
    snprintf(set, sizeof set, "leading_area.certificates_mwh=%.17g", 5 + gap);
    const char *sets[] = {set};
    run r;
    run_scenario(&r, path, sets, 1);
    dc_netzero z;
    assert_int_equal(dc_model_netzero(r.m, &z), DC_OK);
    assert_int_equal(z.net_zero, 1);
    assert_near(z.gap_mwh, 0, 0);
    close_run(&r);
}

/* Sum of 1/(1+r)^y for y = 1..20, term by term. */
static double annuity20(double r)
{
    double s = 0;
    for (int y = 1; y <= 20; y++) s += pow(1 + r, -y);
    return s;
}

/* hall_pv: capex 20 kW x 200,000 = 4,000,000; grant 50 % capped at
 * 1,000,000; opex 60,000 a year; delivered 12 x 5 x 365 = 21,900 kWh,
 * used 16,425, sent out 5,475. */
static void economics_by_hand(void **state)
{
    (void)state;
    char path[256];
    write_town(path, sizeof path);
    run r;
    run_scenario(&r, path, NULL, 0);
    dc_econ_row e;
    assert_int_equal(dc_model_econ_count(r.m), 2); /* the pond is not at the area's sites */
    assert_int_equal(dc_model_econ_get(r.m, 0, &e), 0);
    assert_string_equal(e.name, "hall_pv");
    assert_near(e.capex, 4e6, 1e-6), assert_near(e.subsidy, 1e6, 1e-6), assert_near(e.net_capex, 3e6, 1e-6);
    double af = annuity20(0.03), annual = 3e6 / af + 60000;
    assert_near(e.annual_cost, annual, 1e-6);
    assert_near(e.energy_kwh, 21900, 1e-6);
    assert_near(e.lcoe_yen_per_kwh, annual / 21900, 1e-9);
    double value = 16425 * 25 + 5475 * 9.6;
    assert_near(e.value_per_year, value, 1e-6);
    assert_near(e.npv, -3e6 + (value - 60000) * af, 1e-5);
    assert_near(e.payback_years, 3e6 / (value - 60000), 1e-9);
    /* PPA price for 5 %: -3e6 + (16,425 p + 5,475 x 9.6 - 60,000) x AF(5 %) = 0. */
    assert_int_equal(e.ppa, 1);
    double p = (3e6 / annuity20(0.05) + 60000 - 5475 * 9.6) / 16425;
    assert_near(e.ppa_price_yen_per_kwh, p, 1e-9);
    double irr = dc_irr(e.net_capex, 16425 * e.ppa_price_yen_per_kwh + 5475 * 9.6 - 60000, 20);
    assert_near(irr, 0.05, 1e-6);
    assert_near(e.town_saving_per_year, 16425 * (25 - p), 1e-5);
    assert_int_equal(dc_model_econ_get(r.m, 1, &e), 0);
    assert_string_equal(e.name, "fit_pv");
    assert_int_equal(e.ppa, 0);
    /* The area: hall_pv and fit_pv (5 kW x 200,000, no grant, 15,000 a year). */
    dc_econ_row t;
    assert_int_equal(dc_model_econ_total(r.m, &t), 0);
    assert_near(t.capex, 5e6, 1e-6), assert_near(t.net_capex, 4e6, 1e-6);
    assert_near(t.annual_cost, annual + 1e6 / af + 15000, 1e-6);
    assert_near(t.energy_kwh, 21900 + 4 * 5 * 365, 1e-6);
    assert_near(t.lcoe_yen_per_kwh, t.annual_cost / t.energy_kwh, 1e-12);
    close_run(&r);
}

/* netzero.csv keeps the area's comma inside quotes and its columns. */
static void csv_is_spreadsheet_safe(void **state)
{
    (void)state;
    char path[256], out[300], file[400], line[1024];
    write_town(path, sizeof path);
    run r;
    run_scenario(&r, path, NULL, 0);
    snprintf(out, sizeof out, "%s/out", tmp);
    dc_diag *d = dc_diag_create();
    assert_int_equal(dc_write_outputs(r.m, NULL, out, d), DC_OK);
    snprintf(file, sizeof file, "%s/netzero.csv", out);
    FILE *fp = fopen(file, "r");
    assert_non_null(fp);
    assert_non_null(fgets(line, sizeof line, fp));
    assert_string_equal(line, "\xEF\xBB\xBF" "code,item,item_ja,value,unit\n");
    assert_non_null(fgets(line, sizeof line, fp));
    assert_string_equal(line, "area,\"中心部, 東\",\"対象地域\",2030,year\n");
    assert_non_null(fgets(line, sizeof line, fp));
    assert_non_null(strstr(line, "A,\"demand of household and commercial loads before savings\""));
    assert_non_null(strstr(line, ",131.400,MWh"));
    fclose(fp);
    dc_diag_destroy(&d);
    close_run(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(table_by_hand, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(verdict_turns, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(routes_of_many_sites, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(private_wire_by_hand, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(economics_by_hand, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(csv_is_spreadsheet_safe, tmp_setup, tmp_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
