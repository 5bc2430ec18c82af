/* Scenario loading: defaults, units, every error of a file at once with
 * file:line:column, did-you-mean hints, and --set overrides. */
#include "helpers.h"

#include <math.h>

#include "diag.h"
#include "params.h"
#include "scenario.h"
#include "validate.h"

#define PV(s, i) (&DC_ITEMS(s, S_PV, dc_pv_item)[i])

static char path[128];

static int setup(void **state)
{
    tmp_setup(state);
    snprintf(path, sizeof path, "%s/town.yaml", tmp);
    return 0;
}

static const char *GOOD = "grid:\n"
                          "  emission_factor_kg_per_kwh: 0.45\n"
                          "  export_limit_kw: 0.5 MW\n"
                          "battery:\n"
                          "  energy_kwh: 100\n"
                          "  power_kw: 50\n"
                          "pv_arrays:\n"
                          "  - name: hall\n"
                          "    capacity_kw: 50\n"
                          "  - name: pond\n"
                          "    capacity_kw: 1500 kW\n"
                          "    mounting: floating\n"
                          "loads:\n"
                          "  - name: homes\n"
                          "    sector: household\n"
                          "    annual_kwh: 1.2 GWh\n";

static dc_scenario *load(const char *body, dc_diag *d)
{
    dc_scenario *s = NULL;
    write_scenario(path, body);
    dc_scenario_load(path, &s, d);
    return s;
}

static void defaults_and_units(void **state)
{
    (void)state;
    dc_diag *d = dc_diag_create();
    dc_scenario *s = load(GOOD, d);
    print_diag(d);
    assert_non_null(s);
    assert_string_equal(dc_scenario_name(s), "town"); /* file stem */
    assert_int_equal(s->year, 2030);
    assert_int_equal(s->fiscal, 1);
    assert_int_equal(s->list[S_PV].n, 2);
    assert_near(s->grid.export_limit_kw, 500.0, 1e-9);
    assert_true(isinf(s->grid.import_limit_kw));
    assert_near(PV(s, 1)->pv.capacity_kw, 1500.0, 1e-9);
    assert_int_equal(PV(s, 1)->pv.mounting, DC_MOUNT_FLOATING);
    assert_near(PV(s, 0)->pv.tilt_deg, 20.0, 1e-12);
    assert_true(isnan(PV(s, 0)->pv.albedo)); /* auto: by mounting */
    assert_near(DC_ITEMS(s, S_LOADS, dc_load_item)[0].annual_kwh, 1.2e6, 1e-6);
    assert_string_equal(s->dispatch.deficit, "battery,grid");
    dc_scenario_destroy(&s);
    assert_null(s);
    dc_diag_destroy(&d);
}

static void all_errors_at_once(void **state)
{
    (void)state;
    dc_diag *d = dc_diag_create();
    dc_scenario *s = load("grid:\n"                          /* line 3 */
                          "  emission_factor_kg_per_kwh: 0.45\n"
                          "batery:\n"                        /* line 5: typo */
                          "  energy_kwh: 10\n"
                          "pv_arrays:\n"
                          "  - name: hall\n"
                          "    capacity_kw: -5\n"            /* line 9: negative */
                          "    tilt: 10\n"                   /* line 10: unknown */
                          "  - name: roof\n"
                          "    capacity_kw: 50 m2\n"         /* line 12: wrong unit */
                          "    mounting: roof\n"             /* line 13: bad choice */
                          "  - capacity_kw: 20\n",           /* line 14: no name */
                          d);
    assert_null(s);
    char want[256];
    snprintf(want, sizeof want, "%s:5:1: unknown key 'batery' (did you mean 'battery'?)", path);
    assert_true(diag_has(d, want));
    snprintf(want, sizeof want, "%s:9:18: pv_arrays[0].capacity_kw: -5 kW is out of range [0, 1e+07]", path);
    assert_true(diag_has(d, want));
    snprintf(want, sizeof want, "%s:10:5: pv_arrays[0]: unknown key 'tilt' (did you mean 'tilt_deg'?)", path);
    assert_true(diag_has(d, want));
    assert_true(diag_has(d, ":12:18: pv_arrays[1].capacity_kw: unit 'm2' does not fit: this value is in kW"));
    assert_true(diag_has(d, ":13:15: pv_arrays[1].mounting: 'roof' is not one of: rooftop, open_rack, carport, floating"));
    assert_true(diag_has(d, ":14:5: pv_arrays[2].name: missing required key"));
    assert_int_equal(dc_diag_count(d), 6);
    dc_diag_destroy(&d);
}

static void structural_errors(void **state)
{
    (void)state;
    struct {
        const char *body, *needle;
    } cases[] = {
        {"grid: [1, 2\n", "YAML syntax error"},
        {"grid:\n  emission_factor_kg_per_kwh: 0.4\nbattery: 500\n", ":5:10: battery: expected a mapping"},
        {"grid:\n  emission_factor_kg_per_kwh: 0.4\npv_arrays:\n  name: x\n", "pv_arrays: expected a list"},
        {"grid:\n  emission_factor_kg_per_kwh: 0.4\nyear: 2030\nyear: 2031\n", ":6:1: year: key given twice"},
        {"grid:\n  emission_factor_kg_per_kwh: [0.4]\n", "expected a single value"},
        {"grid:\n  emission_factor_kg_per_kwh:\n", "no value given"},
        {"grid:\n  emission_factor_kg_per_kwh: .nan\n", "expected a number in kg-CO2/kWh, got '.nan'"},
        {"pv_arrays: []\n", "grid.emission_factor_kg_per_kwh: missing required key"},
        {"grid:\n  emission_factor_kg_per_kwh: 0.4\ndispatch:\n  deficit_order: [battery, diesel]\n",
         "dispatch.deficit_order: unknown resource 'diesel': name a resource, or a type (grid, battery, biomass, biogas, ev)"},
        {"grid:\n  emission_factor_kg_per_kwh: 0.4\nbattery:\n  energy_kwh: 10\n  power_kw: 5\n  soc_min_pct: 80\n  soc_max_pct: 50\n",
         "battery.soc_min_pct: must be below soc_max_pct"},
        {"grid:\n  emission_factor_kg_per_kwh: 0.4\npv_arrays:\n  - name: p\n    capacity_kw: 1\n    mounting: floating\n    temperature_model: sapm\n",
         "SAPM has no published coefficients for floating"},
        {"grid:\n  emission_factor_kg_per_kwh: 0.4\nloads:\n  - name: a\n    sector: household\n    annual_kwh: 1\n  - name: a\n    sector: household\n    annual_kwh: 1\n",
         "loads[1].name: name already used"},
        {"grid:\n  emission_factor_kg_per_kwh: 0.4\nstep_minutes: 7\n", "step_minutes: must divide 60"},
        {"grid:\n  emission_factor_kg_per_kwh: 0.4\nloads:\n  - name: a\n    sector: household\n    profile_file: none.csv\n",
         "loads[0].profile_file: cannot read"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        dc_diag *d = dc_diag_create();
        dc_scenario *s = load(cases[k].body, d);
        if (s || !diag_has(d, cases[k].needle)) {
            print_diag(d);
            fail_msg("case %zu: expected an error containing '%s'", k, cases[k].needle);
        }
        dc_diag_destroy(&d);
    }
}

static void set_overrides(void **state)
{
    (void)state;
    dc_diag *d = dc_diag_create();
    dc_scenario *s = load(GOOD, d);
    assert_non_null(s);
    assert_int_equal(dc_scenario_set(s, "battery.energy_kwh=250", d), DC_OK);
    assert_int_equal(dc_scenario_set(s, "pv_arrays[1].tilt_deg=12", d), DC_OK);
    assert_int_equal(dc_scenario_set(s, "pv_arrays.hall.capacity_kw=0.1 MW", d), DC_OK);
    assert_int_equal(dc_scenario_set(s, "year=2040", d), DC_OK);
    assert_int_equal(dc_scenario_set(s, "dispatch.surplus_order=grid,battery", d), DC_OK);
    assert_near(DC_ITEMS(s, S_BATTERIES, dc_battery_item)[0].b.energy_kwh, 250.0, 1e-12);
    assert_near(PV(s, 1)->pv.tilt_deg, 12.0, 1e-12);
    assert_near(PV(s, 0)->pv.capacity_kw, 100.0, 1e-9);
    assert_int_equal(s->year, 2040);
    assert_string_equal(s->dispatch.surplus, "grid,battery");
    assert_int_equal(dc_scenario_set(s, "battery.energy=1", d), DC_ERR_ARG);
    assert_int_equal(dc_scenario_set(s, "pv_arrays[7].tilt_deg=1", d), DC_ERR_ARG);
    assert_int_equal(dc_scenario_set(s, "pv_arrays[0].tilt_deg=95", d), DC_ERR_ARG);
    assert_int_equal(dc_scenario_set(s, "nothing", d), DC_ERR_ARG);
    assert_true(diag_has(d, "--set: battery.energy: unknown key"));
    assert_true(diag_has(d, "no item '7' in pv_arrays"));
    assert_true(diag_has(d, "--set: pv_arrays[0].tilt_deg: 95 deg is out of range [0, 90]"));
    assert_int_equal(dc_scenario_set(s, "battery.soc_initial_pct=95", d), DC_OK); /* alone in range... */
    assert_int_equal(dc_scenario_validate(s, d), DC_ERR_SCENARIO);                  /* ...but above soc_max */
    dc_scenario_destroy(&s);
    dc_diag_destroy(&d);
}

static void parameter_listing(void **state)
{
    (void)state;
    dc_param_info p;
    size_t n = dc_param_count(), found = 0;
    assert_true(n > 40);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(dc_param_get(i, &p), 0);
        assert_true(strlen(p.help) > 0);
        if (!strcmp(p.section, "batteries") && !strcmp(p.key, "energy_kwh")) {
            assert_string_equal(p.unit, "kWh");
            assert_string_equal(p.deflt, "0");
            found++;
        }
    }
    assert_int_equal(found, 1);
    assert_int_equal(dc_param_get(n, &p), -1);
    /* Tables that follow enums have no holes. */
    for (int sec = 0; sec < S_COUNT; sec++) {
        assert_non_null(dc_sections[sec].name);
        assert_true(!dc_section_is_list(sec) || (dc_sections[sec].kind && dc_sections[sec].max_items > 0));
    }
    for (int k = 0; k < DC_N_SECTORS; k++) assert_non_null(dc_sector_names[k]);
}

/* Hostile shapes are refused quickly, in bounded memory, with few messages. */
static void hostile_files(void **state)
{
    (void)state;
    struct {
        const char *what;
        int count;
        const char *line, *open, *close, *needle;
    } cases[] = {
        {"a million list items", 1000000, "- a\n", "loads:\n", "", "a list of more than 10000 items"},
        {"100,000-deep nesting", 100000, "[", "x: ", "", "nested more than 32 levels deep"},
        {"100,000 keys", 100000, "  k: 1\n", "grid2:\n", "", "a mapping of more than 2000 keys"},
        {"1,990 repeated keys", 1990, "year: 2030\n", "", "", "more messages not shown"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        FILE *fp = fopen(path, "w");
        assert_non_null(fp);
        char cwd[512];
        assert_non_null(getcwd(cwd, sizeof cwd));
        fprintf(fp, "weather:\n  file: %s/" EPW_PATH "\ngrid:\n  emission_factor_kg_per_kwh: 0.45\n%s", cwd,
                cases[k].open);
        for (int i = 0; i < cases[k].count; i++) fputs(cases[k].line, fp);
        fputs(cases[k].close, fp);
        fclose(fp);
        dc_diag *d = dc_diag_create();
        dc_scenario *s = NULL;
        assert_int_equal(dc_scenario_load(path, &s, d), DC_ERR_SCENARIO);
        if (!diag_has(d, cases[k].needle)) {
            print_diag(d);
            fail_msg("%s: no '%s'", cases[k].what, cases[k].needle);
        }
        assert_true(dc_diag_count(d) <= 201);
        dc_diag_destroy(&d);
    }
}

/* Past the 200 messages kept, the last line counts the rest: errors
 * count each error once (the counting line is not one more). */
static void errors_counted_past_those_kept(void **state)
{
    (void)state;
    dc_diag *d = dc_diag_create();
    dc_diag_warn(d, "a.yaml", 1, 1, "x", "a warning");
    for (int k = 0; k < 250; k++) dc_diag_add(d, "b.csv", k + 1, 1, NULL, "row %d", k + 1);
    assert_int_equal(dc_diag_count(d), 201); /* 200 kept, and the line that counts the 51 others */
    assert_string_equal(dc_diag_message(d, 199), "b.csv:199:1: row 199");
    assert_string_equal(dc_diag_message(d, 200), "... and 51 more messages not shown");
    assert_int_equal(dc_diag_errors(d), 250);
    dc_diag_destroy(&d);
}

/* A model's set checks only what the key can break (dc_validate_after_set):
 * for every number of every list item of a scenario with each technology,
 * at values in and out of their ranges, a key it checks alone gets the
 * error count of the whole check. Keys of other sections go to the whole
 * check, so a section wrongly counted among those read only by their own
 * checks fails here (a load's annual_kwh of 0, a plant's numbers). */
static void set_checks_what_it_can_break(void **state)
{
    (void)state;
    static const double VALUES[] = {-5, 0, 0.5, 1, 10, 50, 95, 100, 150, 1990, 2030, 2031, 2099, 1e5};
    dc_diag *d = dc_diag_create();
    dc_scenario *base = NULL;
    assert_int_equal(dc_scenario_load("tests/bench/every_technology.yaml", &base, d), DC_OK);
    /* SAPM: an array's heat loss numbers are then an error of its own check */
    assert_int_equal(dc_scenario_set(base, "pv_arrays.town_hall.temperature_model=sapm", d), DC_OK);
    assert_int_equal(dc_scenario_validate(base, d), DC_OK);
    int own = 0, compared = 0, failing = 0;
    for (size_t k = 0; k < dc_n_params; k++) {
        const dc_param *p = &dc_params[k];
        if ((p->type != P_NUMBER && p->type != P_INTEGER) || !dc_section_is_list(p->section)) continue;
        own += dc_validate_reads_only_own(p);
        for (int i = 0; i < base->list[p->section].n; i++)
            for (size_t v = 0; v < sizeof VALUES / sizeof VALUES[0]; v++) {
                char set[512];
                snprintf(set, sizeof set, "%s.%s.%s=%.17g", dc_sections[p->section].name,
                         (const char *)dc_list_item(base, p->section, i), p->key, VALUES[v]);
                dc_scenario *s = dc_scenario_copy(base);
                assert_non_null(s);
                if (dc_scenario_set(s, set, d) == DC_OK) {
                    int whole = dc_validate(s, d), after = dc_validate_after_set(s, p, i, d);
                    if (whole != after) fail_msg("%s: %d errors in the whole check, %d after the set", set, whole, after);
                    compared++, failing += whole > 0;
                }
                dc_scenario_destroy(&s);
            }
    }
    assert_true(own >= 20);           /* the batteries' and arrays' numbers */
    assert_true(compared > 1000);
    assert_true(failing > 50);        /* values the checks refuse were among them */
    dc_scenario_destroy(&base);
    dc_diag_destroy(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(defaults_and_units, setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(all_errors_at_once, setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(structural_errors, setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(set_overrides, setup, tmp_teardown),
        cmocka_unit_test(parameter_listing),
        cmocka_unit_test_setup_teardown(hostile_files, setup, tmp_teardown),
        cmocka_unit_test(errors_counted_past_those_kept),
        cmocka_unit_test(set_checks_what_it_can_break),
    };
    return cmocka_run_group_tests_name("scenario", tests, NULL, NULL);
}
