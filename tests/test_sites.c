/* Sites, private wires, off-site PPA and batteries as instances, each
 * against a hand calculation written here. Profiles are given per step
 * (measured PV and loads), so every number below follows from the lines
 * of the scenario in the test: day one of FY2030 (1 April 2030, hours 0-23)
 * carries the pattern, the rest of the year is zero. */
#include "helpers.h"

#include <math.h>

#include "params.h"

enum { STEPS = 8760 };

/* A profile file: kwh[h] in hour h of day one, 0 after. */
static void profile(const char *name, const double day[24])
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", tmp, name);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fprintf(fp, "kwh\n");
    for (int i = 0; i < STEPS; i++) fprintf(fp, "%.17g\n", i < 24 ? day[i] : 0.0);
    fclose(fp);
}

/* Day patterns: `v` from hour a to hour b inclusive, else `rest`. */
static void hours(double day[24], int a, int b, double v, double rest)
{
    for (int h = 0; h < 24; h++) day[h] = h >= a && h <= b ? v : rest;
}

static void open_body(run *r, const char *body)
{
    char path[256];
    snprintf(path, sizeof path, "%s/town.yaml", tmp);
    write_scenario(path, body);
    run_scenario(r, path, NULL, 0);
}

static double total(const run *r, const char *series)
{
    const double *v = dc_model_series(r->m, series);
    if (!v) fail_msg("no series %s", series);
    double s = 0;
    for (int i = 0; i < STEPS; i++) s += v[i];
    return s;
}

static double at(const run *r, const char *series, int i)
{
    const double *v = dc_model_series(r->m, series);
    if (!v) fail_msg("no series %s", series);
    return v[i];
}

static const char *TWO_SITES = "grid:\n  emission_factor_kg_per_kwh: 0.5\n  export_limit_kw: 0\n"
                               "sites:\n  - name: a\n  - name: b\n%s"
                               "pv_arrays:\n  - {name: roof, site: a, capacity_kw: 60, profile_file: pv_a.csv}\n"
                               "loads:\n  - {name: la, site: a, sector: public, profile_file: load_a.csv}\n"
                               "  - {name: lb, site: b, sector: public, profile_file: load_b.csv}\n";

/* A: PV 50 kWh in hours 10-13, load 20 every hour; B: load 40 every hour.
 * Without reverse flow A curtails 4 x 30 = 120 kWh and imports 20 x 20 =
 * 400; B imports 24 x 40 = 960. On a private wire A's 30 go to B:
 * nothing curtailed, the connection imports 400 + 960 - 120 = 1240, of
 * which B's share in hours 10-13 is 10 and A's 0. */
static void surplus_curtailed_or_carried_by_wire(void **state)
{
    (void)state;
    double d[24];
    hours(d, 10, 13, 50, 0), profile("pv_a.csv", d);
    hours(d, 0, 23, 20, 20), profile("load_a.csv", d);
    hours(d, 0, 23, 40, 40), profile("load_b.csv", d);
    char body[2048];
    snprintf(body, sizeof body, TWO_SITES, "");
    run r;
    open_body(&r, body);
    assert_near(total(&r, "site:a:curtailed"), 120, 1e-9);
    assert_near(total(&r, "site:a:grid_import"), 400, 1e-9);
    assert_near(total(&r, "site:b:grid_import"), 960, 1e-9);
    assert_near(total(&r, "grid_export"), 0, 1e-12);
    assert_near(total(&r, "pv:roof:used_on_site"), 80, 1e-9);
    close_run(&r);

    snprintf(body, sizeof body, TWO_SITES, "private_wires:\n  - {name: w, sites: [a, b]}\n");
    open_body(&r, body);
    assert_near(total(&r, "site:a:curtailed"), 0, 1e-12);
    assert_near(total(&r, "wire:w:grid_import"), 1240, 1e-9);
    assert_near(total(&r, "site:a:wire_out"), 120, 1e-9);
    assert_near(at(&r, "site:b:wire_in", 11), 40, 1e-12);
    assert_near(at(&r, "site:b:grid_import", 11), 10, 1e-12);
    assert_near(at(&r, "site:a:grid_import", 11), 0, 1e-12);
    assert_near(at(&r, "site:a:grid_import", 3), 20, 1e-12);
    assert_near(total(&r, "site:a:grid_import") + total(&r, "site:b:grid_import"), 1240, 1e-9);
    assert_near(total(&r, "pv:roof:used_on_site"), 80, 1e-9); /* 120 went over the wire */
    assert_near(total(&r, "pv:roof:sent_out"), 120, 1e-9);
    dc_totals t;
    assert_int_equal(dc_model_totals(r.m, 0, &t), DC_OK);
    assert_near(t.import_kwh, 1240, 1e-9);
    assert_true(t.max_residual_kwh <= 1e-9);
    close_run(&r);
}

/* Battery a (100 kWh, 50 kW, 90 %/90 %, window 0-100 %, empty at start)
 * behind PV 60 in hours 9-12 and a load of 10 every hour. Surplus 50 an
 * hour: h9 charges 50 (stored 45), h10 50 (90), h11 10 / 0.9 = 11.111 (100)
 * and curtails 38.889, h12 curtails 50. From h13 it gives 10 an hour,
 * 11.111 stored each, for exactly 9 hours (h13-h21); h0-h8 and h22-h23
 * import 10. Battery b (50 kWh, 25 kW) behind PV 30 in hours 10-11 and 5
 * every hour: charges 25, 25 (stored 22.5, 45), then gives 5 an hour
 * (5.556 stored) for 8 hours (h12-h19, 0.556 left), 0.5 in h20 (import 4.5)
 * and nothing after. */
static void two_batteries_at_two_sites(void **state)
{
    (void)state;
    double d[24];
    hours(d, 9, 12, 60, 0), profile("pv_a.csv", d);
    hours(d, 10, 11, 30, 0), profile("pv_b.csv", d);
    hours(d, 0, 23, 10, 10), profile("load_a.csv", d);
    hours(d, 0, 23, 5, 5), profile("load_b.csv", d);
    run r;
    open_body(&r, "grid:\n  emission_factor_kg_per_kwh: 0.5\n  export_limit_kw: 0\n"
                  "sites:\n  - name: a\n  - name: b\n"
                  "batteries:\n"
                  "  - {name: ba, site: a, energy_kwh: 100, power_kw: 50, charge_eff_pct: 90, discharge_eff_pct: 90,"
                  " soc_min_pct: 0, soc_max_pct: 100, soc_initial_pct: 0, self_discharge_pct_per_day: 0}\n"
                  "  - {name: bb, site: b, energy_kwh: 50, power_kw: 25, charge_eff_pct: 90, discharge_eff_pct: 90,"
                  " soc_min_pct: 0, soc_max_pct: 100, soc_initial_pct: 0, self_discharge_pct_per_day: 0}\n"
                  "pv_arrays:\n  - {name: pa, site: a, capacity_kw: 60, profile_file: pv_a.csv}\n"
                  "  - {name: pb, site: b, capacity_kw: 30, profile_file: pv_b.csv}\n"
                  "loads:\n  - {name: la, site: a, sector: public, profile_file: load_a.csv}\n"
                  "  - {name: lb, site: b, sector: public, profile_file: load_b.csv}\n");
    const double a_charge[24] = {[9] = 50, [10] = 50, [11] = 10.0 / 0.9};
    for (int h = 0; h < 24; h++) {
        assert_near(at(&r, "battery:ba:charge", h), a_charge[h], 1e-9);
        assert_near(at(&r, "battery:ba:discharge", h), h >= 13 && h <= 21 ? 10 : 0, 1e-9);
        double b_out = h >= 12 && h <= 19 ? 5 : h == 20 ? 0.5 : 0;
        assert_near(at(&r, "battery:bb:charge", h), h == 10 || h == 11 ? 25 : 0, 1e-9);
        assert_near(at(&r, "battery:bb:discharge", h), b_out, 1e-9);
    }
    assert_near(at(&r, "battery:ba:stored", 11), 100, 1e-9);
    assert_near(at(&r, "battery:ba:stored", 21), 0, 1e-9);
    assert_near(at(&r, "battery:bb:stored", 19), 45 - 8 * 5 / 0.9, 1e-9);
    assert_near(total(&r, "site:a:curtailed"), 50 - 10.0 / 0.9 + 50, 1e-9);
    assert_near(total(&r, "site:a:grid_import"), 11 * 10, 1e-9);
    assert_near(total(&r, "site:b:grid_import"), 10 * 5 + 4.5 + 3 * 5, 1e-9);
    close_run(&r);
}

/* Two batteries of 20 kWh, 10 kW, 100 % efficient, at one site with PV
 * 30 in hour 10 and a load of 5 every hour. Surplus order [c1, c2]: each
 * takes 10, 5 is curtailed. Deficit order [c2, c1]: c2 gives 5 in h11 and
 * h12, c1 in h13 and h14; from h15 the site imports. */
static void two_batteries_at_one_site_in_order(void **state)
{
    (void)state;
    double d[24];
    hours(d, 10, 10, 30, 0), profile("pv_c.csv", d);
    hours(d, 0, 23, 5, 5), profile("load_c.csv", d);
    run r;
    const char *bat = "energy_kwh: 20, power_kw: 10, charge_eff_pct: 100, discharge_eff_pct: 100, soc_min_pct: 0,"
                      " soc_max_pct: 100, soc_initial_pct: 0, self_discharge_pct_per_day: 0";
    char body[2048];
    snprintf(body, sizeof body,
             "grid:\n  emission_factor_kg_per_kwh: 0.5\n  export_limit_kw: 0\n"
             "sites:\n  - name: c\n"
             "batteries:\n  - {name: c1, %s}\n  - {name: c2, %s}\n"
             "dispatch:\n  deficit_order: [c2, c1, grid]\n  surplus_order: [c1, c2, grid]\n"
             "pv_arrays:\n  - {name: pc, capacity_kw: 30, profile_file: pv_c.csv}\n"
             "loads:\n  - {name: lc, sector: public, profile_file: load_c.csv}\n",
             bat, bat);
    open_body(&r, body);
    assert_near(at(&r, "battery:c1:charge", 10), 10, 1e-12);
    assert_near(at(&r, "battery:c2:charge", 10), 10, 1e-12);
    assert_near(at(&r, "site:c:curtailed", 10), 5, 1e-12);
    for (int h = 11; h < 24; h++) {
        assert_near(at(&r, "battery:c2:discharge", h), h <= 12 ? 5 : 0, 1e-12);
        assert_near(at(&r, "battery:c1:discharge", h), h == 13 || h == 14 ? 5 : 0, 1e-12);
        assert_near(at(&r, "site:c:grid_import", h), h >= 15 ? 5 : 0, 1e-12);
    }
    close_run(&r);
}

/* The pond offers 100 kWh in hour 12 to buyers x (load 30) and y (load 50).
 * By their imports: x gets 30, y 50, 20 sold unmatched. With shares 60/40 %:
 * x gets min(60, 30) = 30, y min(40, 50) = 40. */
static void offsite_ppa_goes_to_its_buyers(void **state)
{
    (void)state;
    double d[24];
    hours(d, 12, 12, 100, 0), profile("pv_g.csv", d);
    hours(d, 0, 23, 30, 30), profile("load_x.csv", d);
    hours(d, 0, 23, 50, 50), profile("load_y.csv", d);
    const char *fmt = "grid:\n  emission_factor_kg_per_kwh: 0.5\n"
                      "sites:\n  - name: x\n  - name: y\n"
                      "pv_arrays:\n  - {name: pond, contract: offsite_ppa, buyers: [x, y], capacity_kw: 100,"
                      " profile_file: pv_g.csv%s}\n"
                      "loads:\n  - {name: lx, site: x, sector: public, profile_file: load_x.csv}\n"
                      "  - {name: ly, site: y, sector: household, profile_file: load_y.csv}\n";
    char body[2048];
    snprintf(body, sizeof body, fmt, "");
    run r;
    open_body(&r, body);
    assert_int_equal(dc_model_site_count(r.m), 3); /* x, y and the pond's own site */
    assert_near(at(&r, "site:pond:grid_export", 12), 100, 1e-12);
    assert_near(at(&r, "site:x:offsite_ppa_in", 12), 30, 1e-12);
    assert_near(at(&r, "site:y:offsite_ppa_in", 12), 50, 1e-12);
    assert_near(at(&r, "pv:pond:sold_to_buyers", 12), 80, 1e-12);
    dc_totals t;
    assert_int_equal(dc_model_totals(r.m, 0, &t), DC_OK);
    /* CO2 of imports: (24 x 80 - 80) x 0.5 / 1000 t. */
    assert_near(t.import_co2_t, (24 * 80 - 80) * 0.5 / 1000, 1e-12);
    close_run(&r);
    snprintf(body, sizeof body, fmt, ", buyer_shares_pct: [60, 40]");
    open_body(&r, body);
    assert_near(at(&r, "site:x:offsite_ppa_in", 12), 30, 1e-12);
    assert_near(at(&r, "site:y:offsite_ppa_in", 12), 40, 1e-12);
    assert_near(at(&r, "pv:pond:sold_to_buyers", 12), 70, 1e-12);
    close_run(&r);
}

/* Two off-site sellers, one buyer shared: the first seller in the file
 * fills its buyers first, the second sells what their imports leave.
 * At noon each pond exports 100 kWh; x, y, z import 30, 50, 40:
 * pond_a (buyers x, y) sells 30 + 50 = 80; pond_b (y, z) finds y covered
 * and sells 40 to z. Then a 1000 kWh battery at pond_a's site (set in
 * place) takes its whole noon output: pond_a sells nothing, so x buys 0
 * (not last run's 30), and pond_b sells y 50 and z 40 = 90. */
static void two_sellers_share_a_buyer(void **state)
{
    (void)state;
    double d[24];
    hours(d, 12, 12, 100, 0), profile("pv_g.csv", d);
    const char *who[] = {"x", "y", "z"};
    const double load[] = {30, 50, 40};
    char name[32];
    for (int k = 0; k < 3; k++) {
        hours(d, 0, 23, load[k], load[k]);
        snprintf(name, sizeof name, "load_%s.csv", who[k]);
        profile(name, d);
    }
    const char *body = "grid:\n  emission_factor_kg_per_kwh: 0.5\n"
                       "sites:\n  - name: x\n  - name: y\n  - name: z\n"
                       "  - {name: gen_a, contract: generator, export_limit_kw: 500}\n"
                       "  - {name: gen_b, contract: generator, export_limit_kw: 500}\n"
                       "batteries:\n  - {name: store_a, site: gen_a, energy_kwh: 0, power_kw: 100}\n"
                       "pv_arrays:\n"
                       "  - {name: pond_a, site: gen_a, contract: offsite_ppa, buyers: [x, y], capacity_kw: 100,"
                       " profile_file: pv_g.csv}\n"
                       "  - {name: pond_b, site: gen_b, contract: offsite_ppa, buyers: [y, z], capacity_kw: 100,"
                       " profile_file: pv_g.csv}\n"
                       "loads:\n  - {name: lx, site: x, sector: public, profile_file: load_x.csv}\n"
                       "  - {name: ly, site: y, sector: household, profile_file: load_y.csv}\n"
                       "  - {name: lz, site: z, sector: commercial, profile_file: load_z.csv}\n";
    run r;
    open_body(&r, body);
    const double first[] = {30, 50, 40, 80, 40}, second[] = {0, 50, 40, 0, 90};
    const char *series[] = {"site:x:offsite_ppa_in", "site:y:offsite_ppa_in", "site:z:offsite_ppa_in",
                            "pv:pond_a:sold_to_buyers", "pv:pond_b:sold_to_buyers"};
    for (int k = 0; k < 5; k++) assert_near(at(&r, series[k], 12), first[k], 1e-12);
    dc_diag *d2 = dc_diag_create();
    assert_int_equal(dc_model_set(r.m, "batteries.store_a.energy_kwh=1000", d2), DC_OK);
    assert_int_equal(dc_model_run(r.m), DC_OK);
    assert_near(at(&r, "site:gen_a:grid_export", 12), 0, 1e-12);
    for (int k = 0; k < 5; k++) assert_near(at(&r, series[k], 12), second[k], 1e-12);
    for (int k = 0; k < 3; k++) assert_near(at(&r, series[k], 11), 0, 0); /* no export, no purchase */
    dc_diag_destroy(&d2);
    close_run(&r);
}

/* Stored energy follows from the reported flows step by step and over the
 * year: previous x (1 - self-discharge) + charge x eta_c - discharge / eta_d,
 * recomputed here from the outputs and the parameters, for every battery. */
static void battery_ledger_over_a_year(void **state)
{
    (void)state;
    run r;
    /* The battery at a school, which has surplus at weekends and holidays. */
    const char *sets[] = {"batteries.town_hall_battery.site=elementary_school"};
    run_scenario(&r, "scenarios/default.yaml", sets, 1);
    const dc_battery_item *b = &DC_CITEMS(r.s, S_BATTERIES, dc_battery_item)[0];
    double keep = pow(1 - b->b.self_discharge_pct_per_day / 100, 1.0 / 24), ec = b->b.charge_eff_pct / 100,
           ed = b->b.discharge_eff_pct / 100;
    const double *in = dc_model_series(r.m, "battery:town_hall_battery:charge");
    const double *out = dc_model_series(r.m, "battery:town_hall_battery:discharge");
    const double *stored = dc_model_series(r.m, "battery:town_hall_battery:stored");
    double level = b->b.energy_kwh * b->b.soc_initial_pct / 100, start = level, sum_in = 0, sum_out = 0, lost = 0,
           worst = 0;
    for (int i = 0; i < STEPS; i++) {
        lost += level * (1 - keep);
        level = level * keep + in[i] * ec - out[i] / ed;
        worst = fmax(worst, fabs(level - stored[i]));
        sum_in += in[i], sum_out += out[i];
    }
    print_message("battery: %.0f kWh charged, largest step ledger gap %.2g kWh\n", sum_in, worst);
    assert_true(sum_in > 10000); /* it works: weekends and holidays at the school */
    assert_true(worst <= 1e-9);
    assert_near(stored[STEPS - 1], start + sum_in * ec - sum_out / ed - lost, 1e-9);
    dc_totals t;
    assert_int_equal(dc_model_totals(r.m, 0, &t), DC_OK);
    assert_near(t.storage_drawdown_kwh, start - stored[STEPS - 1], 1e-9);
    close_run(&r);
}

/* A scenario with only the items of one site of s. */
static dc_scenario *only_site(const dc_scenario *s, const char *site)
{
    dc_scenario *c = dc_scenario_copy(s);
    assert_non_null(c);
    for (int sec = 0; sec < S_COUNT; sec++) {
        if (!dc_section_is_list(sec)) continue;
        for (int i = c->list[sec].n - 1; i >= 0; i--) {
            const char *name = dc_list_item(c, sec, i);
            const char *at_site = sec == S_SITES ? name : dc_sections[sec].has_site ? name + DC_NAME_MAX : site;
            if (strcmp(at_site, site)) dc_list_remove(c, sec, i);
        }
    }
    for (int i = 0; i < c->list[S_PV].n; i++) { /* alone, a generator sells to nobody */
        dc_pv_item *p = &DC_ITEMS(c, S_PV, dc_pv_item)[i];
        p->contract = DC_CONTRACT_OWNED;
        p->buyers[0] = '\0';
    }
    c->leading.area[0] = '\0'; /* the site alone may not carry the town's area tag */
    return c;
}

/* Sites that share nothing are independent: the bundled town gives, site
 * by site, the flows of each site run alone. */
static void sites_on_the_public_grid_are_independent(void **state)
{
    (void)state;
    run town;
    dc_diag *d = dc_diag_create();
    run_scenario(&town, "scenarios/default.yaml", NULL, 0);
    const char *flows[] = {"demand", "pv", "curtailed", "storage_charge", "storage_discharge", "grid_import",
                           "grid_export", "unserved"};
    int compared = 0;
    for (size_t k = 0; k < dc_model_site_count(town.m); k++) {
        const char *site = dc_model_site_name(town.m, k);
        run one = {only_site(town.s, site), NULL, NULL};
        assert_int_equal(dc_scenario_validate(one.s, d), DC_OK);
        assert_int_equal(dc_inputs_load(one.s, &one.in, d), DC_OK);
        assert_int_equal(dc_model_create(one.s, one.in, &one.m, d), DC_OK);
        assert_int_equal(dc_model_run(one.m), DC_OK);
        for (size_t f = 0; f < sizeof flows / sizeof flows[0]; f++) {
            char name[160];
            snprintf(name, sizeof name, "site:%s:%s", site, flows[f]);
            const double *a = dc_model_series(town.m, name), *b = dc_model_series(one.m, name);
            assert_true((a == NULL) == (b == NULL));
            for (int i = 0; a && i < STEPS; i++) assert_near(a[i], b[i], 1e-9);
            compared += a != NULL;
        }
        close_run(&one);
    }
    print_message("%d site series compared over %d steps\n", compared, STEPS);
    assert_true(compared >= 30);
    close_run(&town);
    dc_diag_destroy(&d);
}

/* Stores that start the year where they end are settled bus by bus.
 * Battery ba (100 kWh, 50 kW, 90 %/90 %, starts at 50 kWh) behind PV 60 in
 * hours 9-12 and a load of 10 on day one: it empties in hour 4, fills by
 * hour 11 (which forgets the start), empties again in hour 21 and stays
 * empty, so the first year moves its start from 50 to 0 and the second
 * moves it by nothing: two passes. Battery bb at a site with nothing to
 * do ends where it starts: one pass. Each site gives the bits of the site
 * run alone; the town reports the most passes. */
static void cyclic_start_found_bus_by_bus(void **state)
{
    (void)state;
    double d[24];
    hours(d, 9, 12, 60, 0), profile("pv_a.csv", d);
    hours(d, 0, 23, 10, 10), profile("load_a.csv", d);
    run town;
    open_body(&town, "grid:\n  emission_factor_kg_per_kwh: 0.5\n  export_limit_kw: 0\n"
                     "sites:\n  - name: a\n  - name: b\n"
                     "batteries:\n"
                     "  - {name: ba, site: a, energy_kwh: 100, power_kw: 50, charge_eff_pct: 90, discharge_eff_pct: 90,"
                     " soc_min_pct: 0, soc_max_pct: 100, soc_initial_pct: 50, self_discharge_pct_per_day: 0,"
                     " year_end: cyclic}\n"
                     "  - {name: bb, site: b, energy_kwh: 50, power_kw: 25, soc_initial_pct: 50,"
                     " self_discharge_pct_per_day: 0, year_end: cyclic}\n"
                     "pv_arrays:\n  - {name: pa, site: a, capacity_kw: 60, profile_file: pv_a.csv}\n"
                     "loads:\n  - {name: la, site: a, sector: public, profile_file: load_a.csv}\n");
    dc_cyclic_info cy;
    assert_int_equal(dc_model_cyclic(town.m, &cy), DC_OK);
    assert_true(cy.cyclic);
    assert_int_equal(cy.passes, 2);
    assert_true(cy.gap_kwh <= 1e-9);
    assert_near(at(&town, "battery:ba:stored", 3), 0, 1e-12); /* it starts where the year ends: empty */
    assert_near(at(&town, "battery:ba:stored", 11), 100, 1e-9);
    assert_near(at(&town, "battery:ba:stored", 21), 0, 1e-9);
    assert_near(at(&town, "battery:bb:stored", STEPS - 1), 25, 1e-12);
    const char *series[] = {"site:%s:grid_import", "site:%s:curtailed", "site:%s:storage_level",
                            "battery:b%s:stored", "battery:b%s:charge", "battery:b%s:discharge"};
    dc_diag *dg = dc_diag_create();
    for (int k = 0; k < 2; k++) {
        const char *site = k ? "b" : "a";
        run one = {only_site(town.s, site), NULL, NULL};
        assert_int_equal(dc_scenario_validate(one.s, dg), DC_OK);
        assert_int_equal(dc_inputs_load(one.s, &one.in, dg), DC_OK);
        assert_int_equal(dc_model_create(one.s, one.in, &one.m, dg), DC_OK);
        assert_int_equal(dc_model_run(one.m), DC_OK);
        dc_cyclic_info alone;
        assert_int_equal(dc_model_cyclic(one.m, &alone), DC_OK);
        assert_int_equal(alone.passes, k ? 1 : 2);
        for (size_t j = 0; j < sizeof series / sizeof series[0]; j++) {
            char name[160];
            snprintf(name, sizeof name, series[j], site);
            const double *a = dc_model_series(town.m, name), *b = dc_model_series(one.m, name);
            assert_true((a == NULL) == (b == NULL)); /* b has no PV: nothing curtailed */
            if (a) assert_memory_equal(a, b, STEPS * sizeof *a); /* bit for bit */
        }
        close_run(&one);
    }
    dc_diag_destroy(&dg);
    close_run(&town);
}

/* A model of path (with sets) on `threads` threads, a key set in place
 * before any run (every bus's cyclic start is found again, buses side by
 * side), run to the end of the year. */
static void run_on_threads(run *r, const char *path, const char **sets, int n_sets, const char *key, int threads)
{
    dc_diag *d = dc_diag_create();
    open_run(r, path, sets, n_sets);
    assert_int_equal(dc_model_set_threads(r->m, threads), DC_OK);
    assert_int_equal(dc_model_set(r->m, key, d), DC_OK);
    assert_int_equal(dc_model_run(r->m), DC_OK);
    dc_diag_destroy(&d);
}

/* Buses dispatched, scanned and settled side by side give the bits of one
 * thread: the town with every technology (a cyclic battery, a wood plant
 * and a digester at three sites of their own), and the typhoon town
 * (cyclic shelter battery, V2B cars, an outage and the survival scan at
 * two sites), on 1, 2 and 3 threads; every series, the survival hours
 * included, each run twice. */
static void threads_give_the_same_bits(void **state)
{
    (void)state;
    const char *every[] = {"batteries.town_hall_battery.year_end=cyclic"};
    const char *typhoon[] = {"batteries.shelter_battery.year_end=cyclic"};
    const struct {
        const char *path, **sets, *key;
    } cases[] = {{"tests/bench/every_technology.yaml", every, "batteries.town_hall_battery.energy_kwh=300"},
                 {"scenarios/typhoon_town.yaml", typhoon, "batteries.shelter_battery.energy_kwh=120"}};
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        run one, many;
        run_on_threads(&one, cases[c].path, cases[c].sets, 1, cases[c].key, 1);
        dc_cyclic_info cy;
        assert_int_equal(dc_model_cyclic(one.m, &cy), DC_OK);
        assert_true(cy.cyclic);
        assert_true(c == 0 || dc_model_series(one.m, "site:school:survival_hours") != NULL);
        for (int n = 2; n <= 3; n++) {
            run_on_threads(&many, cases[c].path, cases[c].sets, 1, cases[c].key, n);
            for (int again = 0; again < 2; again++) {
                size_t count = dc_model_series_count(one.m);
                assert_int_equal(dc_model_series_count(many.m), count);
                for (size_t k = 0; k < count; k++)
                    assert_memory_equal(dc_model_series_at(one.m, k), dc_model_series_at(many.m, k),
                                        STEPS * sizeof(double));
                dc_model_reset(many.m);
                assert_int_equal(dc_model_run(many.m), DC_OK);
            }
            close_run(&many);
        }
        close_run(&one);
    }
    run r;
    open_run(&r, "tests/bench/every_technology.yaml", NULL, 0);
    assert_int_equal(dc_model_set_threads(r.m, 0), DC_ERR_ARG);
    close_run(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(surplus_curtailed_or_carried_by_wire, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(two_batteries_at_two_sites, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(two_batteries_at_one_site_in_order, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(offsite_ppa_goes_to_its_buyers, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(two_sellers_share_a_buyer, tmp_setup, tmp_teardown),
        cmocka_unit_test(battery_ledger_over_a_year),
        cmocka_unit_test(sites_on_the_public_grid_are_independent),
        cmocka_unit_test_setup_teardown(cyclic_start_found_bus_by_bus, tmp_setup, tmp_teardown),
        cmocka_unit_test(threads_give_the_same_bits),
    };
    return cmocka_run_group_tests_name("sites", tests, NULL, NULL);
}
