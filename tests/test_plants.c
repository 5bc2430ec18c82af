/* Woody biomass and biogas plants: hand calculations of wet LHV, part-load
 * fuel and methane; a holder that fills and flares; a year of each bundled
 * scenario against its conservation laws and the plant's limits. */
#include "helpers.h"

#include <math.h>

#include "digester.h"
#include "fuelplant.h"

/* LHV_wet = LHV_dry (1 - w) - 2.443 w, conifer 19.1 MJ/kg dry. */
static void wet_lhv_by_hand(void **state)
{
    (void)state;
    assert_near(dc_wood_lhv_wet(19.1, 0.00), 19.1, 1e-12);
    assert_near(dc_wood_lhv_wet(19.1, 0.35), 19.1 * 0.65 - 2.443 * 0.35, 1e-12); /* 11.55995 */
    assert_near(dc_wood_lhv_wet(19.1, 0.35), 11.55995, 1e-9);
    assert_near(dc_wood_lhv_wet(19.1, 0.50), 8.3285, 1e-9);
}

/* 1000 kW at 25 % electric; the curve gives 80 % of that at half load:
 * one hour at full load burns 1000 kWh x 3.6 / 0.25 = 14,400 MJ, at half
 * load 500 x 3.6 / (0.25 x 0.8) = 9,000 MJ; at 75 % load (linear) 0.9. */
static void part_load_fuel_by_hand(void **state)
{
    (void)state;
    dc_fuelplant p;
    const double load[] = {50, 100}, rel[] = {80, 100};
    assert_int_equal(dc_fuelplant_init(&p, 1000, 0.25, load, rel, 2), 0);
    assert_near(dc_fuelplant_fuel_mj(&p, 1000, 1.0), 14400, 1e-9);
    assert_near(dc_fuelplant_fuel_mj(&p, 500, 1.0), 9000, 1e-9);
    assert_near(dc_fuelplant_eff(&p, 0.75), 0.25 * 0.9, 1e-12);
    assert_near(dc_fuelplant_eff(&p, 0.30), 0.25 * 0.8, 1e-12); /* flat below the first point */
    /* half an hour at full load burns half the fuel */
    assert_near(dc_fuelplant_fuel_mj(&p, 500, 0.5), 7200, 1e-9);
    /* the largest output 9,000 MJ allows in an hour is the half load */
    assert_near(dc_fuelplant_max_kwh(&p, 9000, 1.0, 1000), 500, 1e-6);
    assert_near(dc_fuelplant_max_kwh(&p, 20000, 1.0, 1000), 1000, 0);
    assert_near(dc_fuelplant_max_kwh(&p, 0, 1.0, 1000), 0, 0);
    dc_fuelplant_free(&p);
}

/* The plant keeps the fuel of its two latest outputs: asked again, it
 * must give the bits it computes afresh, whatever came between (a
 * ceiling, then what was committed, then the ceiling again; another step
 * length; the root finder's many trial outputs). */
static void fuel_memo_gives_what_it_computes(void **state)
{
    (void)state;
    dc_fuelplant p;
    const double load[] = {30, 60, 100}, rel[] = {70, 90, 100};
    assert_int_equal(dc_fuelplant_init(&p, 995, 0.22, load, rel, 3), 0);
    const double ask[][2] = {{995, 1}, {700, 1}, {995, 1}, {700, 1}, {650, 1}, {995, 1}, {700, 1},
                             {995, 0.5}, {497.5, 0.5}, {995, 1}, {300, 1}, {300, 0.5}, {300, 1}, {400, 1},
                             {995, 1}, {400, 0.5}, {0, 1}};
    for (size_t k = 0; k < sizeof ask / sizeof ask[0]; k++) {
        double memo = dc_fuelplant_fuel_mj(&p, ask[k][0], ask[k][1]);
        assert_true(memo == dc_fuelplant_fuel_mj_of(&p, ask[k][0], ask[k][1]));
        if (k == 2 || k == 5) dc_fuelplant_max_kwh(&p, 5000, 1.0, 995); /* trial outputs pass through */
    }
    /* by hand: at 700 kWh of 995 (70.4 % load) the curve gives
     * 0.9 + (0.70352 - 0.6) / 0.4 x 0.1 = 0.92588; fuel = 700 x 3.6 / (0.22 x 0.92588) */
    double rel700 = 0.9 + (700.0 / 995 - 0.6) / 0.4 * 0.1;
    assert_near(dc_fuelplant_fuel_mj(&p, 700, 1), 700 * 3.6 / (0.22 * rel700), 1e-9);
    dc_fuelplant_free(&p);
}

/* 10 t a day of food waste, TS 20 %, VS 90 % of TS, 0.467 Nm3 CH4 per kg
 * VS: 10,000 x 0.2 x 0.9 x 0.467 = 840.6 Nm3 CH4, in 1,401 Nm3 biogas at
 * 60 % methane. */
static void daily_methane_by_hand(void **state)
{
    (void)state;
    dc_feed f = {0.20, 0.90, 0.467, 0.60};
    assert_near(dc_feed_methane_nm3(&f, 10), 840.6, 1e-9);
    assert_near(dc_feed_biogas_nm3(&f, 10), 1401.0, 1e-9);
}

static double total(const dc_model *m, const char *name)
{
    const double *v = dc_model_series(m, name);
    assert_non_null(v);
    double s = 0;
    for (size_t i = 0; i < dc_model_steps(m); i++) s += v[i];
    return s;
}

/* No load and no export: the engine can send nowhere, the holder fills in
 * its first 12 hours and every Nm3 after that is flared. */
static void holder_fills_and_flares(void **state)
{
    (void)state;
    char path[256], body[2048];
    snprintf(body, sizeof body,
             "grid:\n  emission_factor_kg_per_kwh: 0.45\n  export_limit_kw: 0\n"
             "biogas_plants:\n  - {name: dig, engine_kw: 50, engine_eff_pct: 35, holder_nm3: 1000}\n"
             "feedstocks:\n  - {name: f, kind: custom, t_per_day: 10, ts_pct: 20, vs_pct_of_ts: 90,"
             " yield_nm3_per_kg_vs: 0.6, methane_pct: 54}\n"
             "dispatch:\n  deficit_order: [dig, grid]\n");
    snprintf(path, sizeof path, "%s/flare.yaml", tmp);
    write_scenario(path, body);
    run r;
    run_scenario(&r, path, NULL, 0);
    double per_day = 10 * 1000 * 0.2 * 0.9 * 0.6 / 0.54; /* 2,000 Nm3 biogas */
    size_t n = dc_model_steps(r.m);
    const double *holder = dc_model_series(r.m, "biogas:dig:holder");
    assert_near(holder[10], 11 * per_day / 24, 1e-9); /* filling: 83.3 Nm3 an hour */
    assert_near(holder[11], 1000, 1e-9);               /* full after 12 hours */
    assert_near(total(r.m, "biogas:dig:produced"), per_day * n / 24, 1e-6);
    assert_near(total(r.m, "biogas:dig:flared"), per_day * n / 24 - 1000, 1e-6);
    assert_near(total(r.m, "biogas:dig:burned"), 0, 0);
    close_run(&r);
}

/* The forest city over a year: fuel energy = electricity + heat + losses
 * at each step's efficiency, the yard's stock follows deliveries and
 * burning, and the plant keeps within its rating, minimum load, ramp,
 * outage and fuel. */
static void biomass_year_keeps_its_limits(void **state)
{
    (void)state;
    run r;
    run_scenario(&r, "scenarios/forest_city.yaml", NULL, 0);
    size_t n = dc_model_steps(r.m);
    const double *e = dc_model_series(r.m, "biomass:chip_chp:electricity");
    const double *heat = dc_model_series(r.m, "biomass:chip_chp:heat");
    const double *fuel_t = dc_model_series(r.m, "biomass:chip_chp:fuel_t");
    const double *fuel = dc_model_series(r.m, "biomass:chip_chp:fuel");
    const double *stock = dc_model_series(r.m, "biomass:chip_chp:stock");
    const double *in = dc_model_series(r.m, "biomass:chip_chp:delivered_t");
    const double lhv = 19.1 * 0.55 - 2.443 * 0.45; /* conifer at 45 % moisture [MJ/kg] */
    dc_fuelplant p;
    const double load[] = {40, 70, 100}, rel[] = {80, 93, 100};
    assert_int_equal(dc_fuelplant_init(&p, 995, 0.22, load, rel, 3), 0);
    double prev_stock = 1200, prev = 0, sum_in = 0, sum_burn = 0, sum_e = 0, sum_h = 0, sum_loss = 0;
    for (size_t i = 0; i < n; i++) {
        double mwh = fuel_t[i] * 1000 * lhv / 3600; /* tonnes x LHV [MJ], by hand; 3600 MJ = 1 MWh */
        assert_near(fuel[i], mwh, 1e-9 * fmax(1, mwh));
        double loss = fuel[i] * 1000 - e[i] - heat[i];
        if (e[i] > 0) assert_near(e[i] / (fuel[i] * 1000), dc_fuelplant_eff(&p, e[i] / 995), 1e-9);
        assert_near(heat[i], fuel[i] * 1000 * 0.45, 1e-9);
        assert_true(loss >= -1e-9);
        assert_true(e[i] <= 995 * 0.95 + 1e-9);            /* rating x availability */
        assert_true(e[i] == 0 || e[i] >= 0.40 * 995 - 1e-9); /* minimum stable load, or off */
        if (e[i] > 0 && prev > 0) assert_true(fabs(e[i] - prev) <= 300 + 1e-9); /* ramp */
        dc_time t;
        assert_int_equal(dc_model_time(r.m, i, &t), 0);
        if (t.month == 10 && t.day <= 14) assert_near(e[i], 0, 0); /* the inspection */
        assert_near(stock[i], prev_stock + in[i] - fuel_t[i], 1e-9);
        assert_true(fuel_t[i] <= prev_stock + in[i] + 1e-12); /* never more than there is */
        prev_stock = stock[i], prev = e[i];
        sum_in += in[i], sum_burn += fuel[i], sum_e += e[i], sum_h += heat[i], sum_loss += loss;
    }
    assert_near(sum_burn * 1000, sum_e + sum_h + sum_loss, 1e-6 * sum_burn * 1000);
    assert_true(sum_in <= 11000 + 1e-6);
    dc_totals tot;
    assert_int_equal(dc_model_totals(r.m, 0, &tot), DC_OK);
    assert_true(tot.max_residual_kwh < 1e-6);
    assert_near(tot.generation_kwh, sum_e, 1e-6 * sum_e);
    dc_fuelplant_free(&p);
    close_run(&r);
}

/* The digester town over a year: biogas produced = burned + boiler +
 * flared + what the holder gained, to round-off; the engine within its
 * rating and minimum load. */
static void biogas_year_conserves_gas(void **state)
{
    (void)state;
    run r;
    run_scenario(&r, "scenarios/digester_town.yaml", NULL, 0);
    size_t n = dc_model_steps(r.m);
    double made = total(r.m, "biogas:digester:produced"), burned = total(r.m, "biogas:digester:burned");
    double boiler = total(r.m, "biogas:digester:boiler"), flared = total(r.m, "biogas:digester:flared");
    const double *holder = dc_model_series(r.m, "biogas:digester:holder");
    assert_near(made, burned + boiler + flared + holder[n - 1] - 100, 1e-6 * made); /* started at holder_min */
    const double *e = dc_model_series(r.m, "biogas:digester:electricity");
    for (size_t i = 0; i < n; i++) {
        assert_true(e[i] <= 250 + 1e-9);
        assert_true(e[i] == 0 || e[i] >= 125 - 1e-9);
        assert_true(holder[i] >= 100 - 1e-9 && holder[i] <= 1500 + 1e-9);
    }
    dc_totals tot;
    assert_int_equal(dc_model_totals(r.m, 0, &tot), DC_OK);
    assert_true(tot.max_residual_kwh < 1e-6);
    close_run(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(wet_lhv_by_hand),
        cmocka_unit_test(part_load_fuel_by_hand),
        cmocka_unit_test(fuel_memo_gives_what_it_computes),
        cmocka_unit_test(daily_methane_by_hand),
        cmocka_unit_test_setup_teardown(holder_fills_and_flares, tmp_setup, tmp_teardown),
        cmocka_unit_test(biomass_year_keeps_its_limits),
        cmocka_unit_test(biogas_year_conserves_gas),
    };
    return cmocka_run_group_tests_name("plants", tests, NULL, NULL);
}
