/* decarb sweep: every case equals a separate run of the same settings,
 * a sweep killed with SIGKILL and started again ends with the same bytes
 * as one that was never interrupted, and bad sweep files are refused at
 * the line of the axis. */
#include "helpers.h"

#include <dirent.h>
#include <math.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char *SWEEP = "scenarios/battery_sweep.yaml";


static int sweep_into(const char *dir, const char *extra)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "%s sweep %s -q -o %s %s > %s.log 2>&1", decarb_bin(), SWEEP, dir, extra, dir);
    return system(cmd);
}

/* Case i of a sweep as a separate run of its base with its set: keys and
 * its settings. */
static void case_run(const dc_sweep *w, size_t i, run *r)
{
    char sets[8][2048];
    const char *p[8];
    size_t n = 0;
    for (size_t k = 0; k < dc_sweep_sets(w); k++, n++) p[n] = dc_sweep_set(w, k, sets[n], sizeof sets[n]);
    for (size_t a = 0; a < dc_sweep_axes(w); a++, n++) {
        snprintf(sets[n], sizeof sets[n], "%s=%s", dc_sweep_axis_key(w, a), dc_sweep_value(w, i, a));
        p[n] = sets[n];
    }
    run_scenario(r, dc_sweep_base(w), p, (int)n);
}

/* The figures of one case as a separate run prints them in sweep.csv. */
static void separate_run(const dc_sweep *w, size_t i, char *out, size_t len)
{
    run r;
    case_run(w, i, &r);
    dc_totals t;
    assert_int_equal(dc_model_totals(r.m, 0, &t), DC_OK);
    /* summary.csv's town year, in its order */
    int at = snprintf(out, len, ",ok,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,"
                      "%.6f,%.4f,%.4f,%.6f,%.3g", t.demand_kwh, t.pv_kwh, t.generation_kwh, t.storage_charge_kwh,
                      t.storage_discharge_kwh, t.storage_drawdown_kwh, t.import_kwh, t.export_kwh, t.pv_export_kwh,
                      t.wire_in_kwh, t.wire_out_kwh, t.offsite_ppa_in_kwh, t.offsite_ppa_sold_kwh, t.ppa_billable_kwh,
                      t.curtailed_kwh, t.unserved_kwh, t.peak_import_kw, 100 * t.self_sufficiency,
                      100 * t.self_consumption, t.import_co2_t, t.max_residual_kwh);
    dc_netzero z;
    dc_econ_row e;
    if (dc_model_netzero(r.m, &z) == DC_OK && dc_model_econ_total(r.m, &e) == 0)
        snprintf(out + at, len - (size_t)at, ",%d,%.6f,%.6f,%.4f,%.0f,%.0f,%.0f\n", z.net_zero, z.gap_mwh, z.gap_t_co2,
                 100 * z.coincident_share, e.capex, e.annual_cost, e.npv);
    else
        snprintf(out + at, len - (size_t)at, ",");
    close_run(&r);
}

static void cases_equal_separate_runs(void **state)
{
    (void)state;
    char dir[256], path[300];
    snprintf(dir, sizeof dir, "%s/a", tmp);
    assert_int_equal(sweep_into(dir, "-j 2"), 0);
    snprintf(path, sizeof path, "%s/sweep.csv", dir);
    char *csv = slurp(path);
    assert_non_null(csv);
    dc_sweep *w = NULL;
    dc_diag *d = dc_diag_create();
    assert_int_equal(dc_sweep_load(SWEEP, &w, d), DC_OK);
    assert_int_equal(dc_sweep_cases(w), 12);
    /* Product order: the last axis fastest. */
    assert_string_equal(dc_sweep_value(w, 4, 0), "200");
    assert_string_equal(dc_sweep_value(w, 4, 1), "1500");
    char *line = strchr(csv, '\n') + 1;
    for (size_t i = 0; i < dc_sweep_cases(w); i++) {
        char head[128];
        snprintf(head, sizeof head, "%zu,\"%s\",\"%s\",", i, dc_sweep_value(w, i, 0), dc_sweep_value(w, i, 1));
        assert_memory_equal(line, head, strlen(head));
        line = strchr(line, '\n') + 1;
    }
    assert_int_equal(*line, '\0');
    dc_sweep_destroy(&w);
    dc_diag_destroy(&d);
    free(csv);
}

/* The CSV row of case i (0-based) of a sweep.csv text. */
static const char *row_of(const char *csv, size_t i)
{
    const char *line = strchr(csv, '\n') + 1;
    while (i-- && line) line = strchr(line, '\n') + 1;
    return line;
}

/* The sweep file run on two threads into tmp/sub; its sweep.csv text and
 * the file as loaded (the caller frees both). */
static char *sweep_two_threads(const char *file, const char *sub, dc_sweep **w)
{
    char cmd[1024], path[300];
    snprintf(cmd, sizeof cmd, "%s sweep %s -q -j 2 -o %s/%s > %s/%s.log 2>&1", decarb_bin(), file, tmp, sub, tmp, sub);
    assert_int_equal(system(cmd), 0);
    snprintf(path, sizeof path, "%s/%s/sweep.csv", tmp, sub);
    char *csv = slurp(path);
    assert_non_null(csv);
    dc_diag *d = dc_diag_create();
    assert_int_equal(dc_sweep_load(file, w, d), DC_OK);
    dc_diag_destroy(&d);
    return csv;
}

/* Case i's row ends with the figures of a separate run. */
static void row_equals_separate_run(const dc_sweep *w, const char *csv, size_t i)
{
    char want[1024];
    separate_run(w, i, want, sizeof want);
    const char *line = row_of(csv, i);
    size_t len = strcspn(line, "\n") + 1;
    if (len <= strlen(want) || memcmp(line + len - strlen(want), want, strlen(want)))
        fail_msg("case %zu: sweep row %.*s\nseparate run %s", i, (int)len, line, want);
}

/* A chosen case's folder holds every file a separate `decarb run` of the
 * case writes (ghg.csv too), the same bytes; application.xlsx aside, as
 * it stamps the second it was made in. */
static void case_folder_equals_separate_run(const dc_sweep *w, size_t i, const char *folder)
{
    char cmd[4096], sep[300];
    snprintf(sep, sizeof sep, "%s/separate_%zu", tmp, i);
    int at = snprintf(cmd, sizeof cmd, "%s run %s -q -o %s", decarb_bin(), dc_sweep_base(w), sep);
    for (size_t a = 0; a < dc_sweep_axes(w); a++)
        at += snprintf(cmd + at, sizeof cmd - (size_t)at, " --set %s=%s", dc_sweep_axis_key(w, a),
                       dc_sweep_value(w, i, a));
    snprintf(cmd + at, sizeof cmd - (size_t)at, " 2>/dev/null");
    assert_int_equal(system(cmd), 0);
    DIR *d = opendir(sep);
    assert_non_null(d);
    int files = 0;
    for (struct dirent *e; (e = readdir(d));) {
        if (e->d_name[0] == '.' || !strcmp(e->d_name, "application.xlsx")) continue;
        snprintf(cmd, sizeof cmd, "cmp -s %s/%s %s/%s", sep, e->d_name, folder, e->d_name);
        if (system(cmd)) fail_msg("case %zu: %s differs from a separate run's, or is missing", i, e->d_name);
        files++;
    }
    closedir(d);
    assert_true(files >= 6); /* hourly, summary, resources, resolved, results.h5, ghg.csv at least */
}

/* 1,000 cases on two threads, each reusing inputs and cached profiles
 * (battery: shared profiles; capacity: a rescaled per-kWp profile; tilt: a
 * new one): 50 of them, spread over every axis, against separate runs. */
static void thousand_cases_equal_separate_runs(void **state)
{
    (void)state;
    dc_sweep *w = NULL;
    char *csv = sweep_two_threads("tests/fixtures/sweep_1000.yaml", "k", &w), path[300];
    snprintf(path, sizeof path, "%s/k/case_613/hourly.csv", tmp); /* hourly: in the file */
    assert_int_equal(access(path, F_OK), 0);
    snprintf(path, sizeof path, "%s/k/case_612/hourly.csv", tmp);
    assert_int_equal(access(path, F_OK), -1);
    snprintf(path, sizeof path, "%s/k/case_613", tmp);
    case_folder_equals_separate_run(w, 613, path);
    assert_int_equal(dc_sweep_cases(w), 1000);
    snprintf(path, sizeof path, "/usr/bin/python3 tests/sweep_h5_check.py %s/k", tmp);
    assert_int_equal(system(path), 0);
    for (size_t k = 0; k < 50; k++) /* 613 is prime to 1000: 50 different cases, every axis varied */
        row_equals_separate_run(w, csv, (k * 613) % 1000);
    dc_sweep_destroy(&w);
    free(csv);
}

/* Keys only the accounting reads are set on the thread's last model,
 * without a new run: every case still equals a separate run. */
static void accounting_keys_reuse_the_model(void **state)
{
    (void)state;
    dc_sweep *w = NULL;
    char *csv = sweep_two_threads("tests/fixtures/sweep_tariff.yaml", "t", &w);
    assert_int_equal(dc_sweep_cases(w), 12);
    for (size_t i = 0; i < 12; i++) row_equals_separate_run(w, csv, i);
    /* Costs move with the tariff: the NPV (last column) of case 0 (20 yen) is not case 2's (40 yen). */
    char a[1024], b[1024];
    snprintf(a, sizeof a, "%.*s", (int)strcspn(row_of(csv, 0), "\n"), row_of(csv, 0));
    snprintf(b, sizeof b, "%.*s", (int)strcspn(row_of(csv, 2), "\n"), row_of(csv, 2));
    assert_string_not_equal(strrchr(a, ','), strrchr(b, ','));
    dc_sweep_destroy(&w);
    free(csv);
    /* Other keys need a new model; a refused value leaves the model as it was. */
    run r;
    run_scenario(&r, "scenarios/default.yaml", NULL, 0);
    dc_diag *d = dc_diag_create();
    dc_econ_row before, after;
    assert_int_equal(dc_model_econ_total(r.m, &before), 0);
    assert_int_equal(dc_model_set_accounting(r.m, "batteries.town_hall_battery.energy_kwh=5", d), DC_ERR_ARG);
    assert_int_not_equal(dc_model_set_accounting(r.m, "leading_area.discount_rate_pct=-200", d), DC_OK);
    assert_int_equal(dc_model_econ_total(r.m, &after), 0);
    assert_true(before.npv == after.npv);
    assert_int_equal(dc_model_set_accounting(r.m, "leading_area.discount_rate_pct=6", d), DC_OK);
    assert_int_equal(dc_model_econ_total(r.m, &after), 0);
    assert_true(after.npv != before.npv);
    dc_diag_destroy(&d);
    close_run(&r);
}

/* Keys set in place mixed with one that needs a new model: every case
 * equals a separate run, whichever path its thread took. */
static void mixed_reuse_equals_separate_runs(void **state)
{
    (void)state;
    dc_sweep *w = NULL;
    char *csv = sweep_two_threads("tests/fixtures/sweep_mixed.yaml", "mixed", &w);
    assert_int_equal(dc_sweep_cases(w), 16);
    for (size_t i = 0; i < 16; i++) row_equals_separate_run(w, csv, i);
    dc_sweep_destroy(&w);
    free(csv);
}

/* Every series of a and b, bit for bit, their totals (the town's and
 * each site's, the year and each month), net-zero table and costs. */
static void same_models(const dc_model *a, const dc_model *b)
{
    assert_int_equal(dc_model_series_count(a), dc_model_series_count(b));
    for (size_t k = 0; k < dc_model_series_count(a); k++) {
        dc_series_info x, y;
        dc_model_series_get(a, k, &x);
        dc_model_series_get(b, k, &y);
        assert_string_equal(x.name, y.name);
        if (memcmp(dc_model_series_at(a, k), dc_model_series_at(b, k), dc_model_steps(a) * sizeof(double)))
            fail_msg("series %s differs", x.name);
    }
    dc_totals ta, tb;
    assert_int_equal(dc_model_totals(a, 0, &ta), DC_OK);
    assert_int_equal(dc_model_totals(b, 0, &tb), DC_OK);
    assert_memory_equal(&ta, &tb, sizeof ta);
    for (size_t k = 0; k < dc_model_site_count(a); k++)
        for (int month = 0; month <= 12; month++) {
            assert_int_equal(dc_model_site_totals(a, k, month, &ta), DC_OK);
            assert_int_equal(dc_model_site_totals(b, k, month, &tb), DC_OK);
            if (memcmp(&ta, &tb, sizeof ta)) fail_msg("site %s, month %d: totals differ", dc_model_site_name(a, k), month);
        }
    dc_netzero za, zb;
    dc_econ_row ea, eb;
    int has = dc_model_netzero(a, &za) == DC_OK;
    assert_int_equal(has, dc_model_netzero(b, &zb) == DC_OK);
    za.area = zb.area = za.factor_kind = zb.factor_kind = NULL; /* each model's own strings */
    if (has) assert_memory_equal(&za, &zb, sizeof za);
    has = dc_model_econ_total(a, &ea) == 0;
    assert_int_equal(has, dc_model_econ_total(b, &eb) == 0);
    ea.kind = eb.kind = ea.name = eb.name = ea.site = eb.site = NULL;
    if (has) assert_memory_equal(&ea, &eb, sizeof ea);
    dc_cyclic_info ca, cb;
    dc_model_cyclic(a, &ca);
    dc_model_cyclic(b, &cb);
    assert_memory_equal(&ca, &cb, sizeof ca);
}

/* Sets each group of keys on one kept model, in turn (so nothing of an
 * earlier group may be left), with a cache or without, runs the year (every
 * other group a step at a time), and compares it with a new model of every
 * key so far. */
static void retune_in_turn(const char *scenario, const char *const (*groups)[3], size_t n_groups, int cached)
{
    run kept, fresh;
    run_scenario(&kept, scenario, NULL, 0);
    dc_diag *d = dc_diag_create();
    dc_cache *cache = cached ? dc_cache_create() : NULL;
    const char *all[32];
    int n = 0;
    for (size_t g = 0; g < n_groups; g++) {
        for (int j = 0; j < 3 && groups[g][j]; j++) {
            char key[128];
            snprintf(key, sizeof key, "%.*s", (int)strcspn(groups[g][j], "="), groups[g][j]);
            assert_true(dc_model_can_set(kept.m, key));
            if (dc_model_set_cached(kept.m, cache, groups[g][j], d) != DC_OK)
                fail_msg("%s: %s", groups[g][j], dc_diag_message(d, dc_diag_count(d) - 1));
            all[n++] = groups[g][j];
        }
        if (g % 2) assert_int_equal(dc_model_run(kept.m), DC_OK);
        while (dc_model_steps_done(kept.m) < dc_model_steps(kept.m)) assert_int_equal(dc_model_step(kept.m), DC_OK);
        run_scenario(&fresh, scenario, all, n);
        same_models(kept.m, fresh.m);
        close_run(&fresh);
    }
    dc_cache_destroy(&cache);
    dc_diag_destroy(&d);
    close_run(&kept);
}

/* A battery's, an array's or an EV fleet's own parameters are set on a finished model,
 * which runs the year again: every series equals a new model's with the
 * same settings, bit for bit, group after group: two sellers with
 * overlapping buyers, one on a private wire (two_sellers), with a scan and
 * an outage (typhoon_town), every technology, an off-site PPA array at its
 * own connection and arrays behind active and passive meters (default). */
static void retuned_models_equal_new_ones(void **state)
{
    (void)state;
    static const char *const TYPHOON[][3] = {
        {"batteries.shelter_battery.energy_kwh=400", "batteries.shelter_battery.power_kw=150"},
        {"batteries.shelter_battery.energy_kwh=0"},
        {"batteries.shelter_battery.year_end=cyclic", "batteries.shelter_battery.energy_kwh=250"},
        {"batteries.shelter_battery.soc_initial_pct=10", "batteries.shelter_battery.grid_forming=false"},
        {"batteries.shelter_battery.charge_eff_pct=90", "batteries.shelter_battery.year_end=free"},
        {"pv_arrays[0].capacity_kw=80"},
        {"ev_fleets.official_evs.count=9", "ev_fleets.official_evs.weekday_km=90"},
        {"ev_fleets.official_evs.charging=smart", "ev_fleets.official_evs.weekday_departure=07:00"},
        {"ev_fleets.official_evs.v2b=false", "ev_fleets.official_evs.grid_forming=false"},
    };
    static const char *const EVERY[][3] = { /* one key: the other buses keep their year; two: both run */
        {"batteries.town_hall_battery.energy_kwh=300"},
        {"pv_arrays.sewage_roof.capacity_kw=200"},
        {"pv_arrays.pond.capacity_kw=700"},
        {"batteries.town_hall_battery.energy_kwh=500", "pv_arrays.pond.capacity_kw=900"},
        {"batteries.town_hall_battery.power_kw=60", "pv_arrays.sewage_roof.tilt_deg=20"},
        {"pv_arrays.sewage_roof.tilt_deg=30", "pv_arrays.sewage_roof.capacity_kw=0"},
        {"pv_arrays.town_hall.capacity_kw=120", "batteries.town_hall_battery.year_end=cyclic"},
        {"pv_arrays.pond.capacity_kw=0"}, /* its buyers' purchases of the last run must go, passive households too */
        {"pv_arrays.pond.capacity_kw=800"},
    };
    static const char *const DEFAULT[][3] = {
        {"pv_arrays.irrigation_pond.capacity_kw=1234.5"},
        {"pv_arrays.town_hall.capacity_kw=10", "pv_arrays.elementary_school.losses_pct=20"},
        {"pv_arrays.irrigation_pond.capacity_kw=3000", "pv_arrays.irrigation_pond.albedo=0.1"},
        /* a buyer's battery alone, a passive buyer's array alone: their sales are settled
         * again only in the steps where an import moved */
        {"batteries.town_hall_battery.energy_kwh=900"},
        {"batteries.town_hall_battery.energy_kwh=0"},
        {"pv_arrays.community_center_carport.capacity_kw=400"},
        {"batteries.town_hall_battery.energy_kwh=300", "batteries.town_hall_battery.power_kw=300"},
    };
    static const char *const TWO_SELLERS[][3] = { /* overlapping buyers, one on a private wire */
        {"batteries.civic_battery.energy_kwh=600"},
        {"batteries.depot_battery.energy_kwh=20"},
        {"pv_arrays.shops_roof.capacity_kw=90"},
        {"pv_arrays.farm.capacity_kw=100"},
        {"batteries.depot_battery.power_kw=10", "batteries.civic_battery.energy_kwh=0"},
        {"pv_arrays.school_roof.capacity_kw=300"},
    };
    retune_in_turn("tests/fixtures/two_sellers.yaml", TWO_SELLERS, sizeof TWO_SELLERS / sizeof TWO_SELLERS[0], 1);
    retune_in_turn("scenarios/typhoon_town.yaml", TYPHOON, sizeof TYPHOON / sizeof TYPHOON[0], 0);
    retune_in_turn("tests/bench/every_technology.yaml", EVERY, sizeof EVERY / sizeof EVERY[0], 1);
    retune_in_turn("scenarios/default.yaml", DEFAULT, sizeof DEFAULT / sizeof DEFAULT[0], 1);
    retune_in_turn("scenarios/default.yaml", DEFAULT, sizeof DEFAULT / sizeof DEFAULT[0], 0);
}

/* A new model of the default with the n keys against the kept one. */
static void same_as_new(const dc_model *kept, const char **sets, int n)
{
    run fresh;
    run_scenario(&fresh, "scenarios/default.yaml", sets, n);
    same_models(kept, fresh.m);
    close_run(&fresh);
}

static void set_in_place(dc_model *m, const char *set)
{
    dc_diag *d = dc_diag_create();
    if (dc_model_set(m, set, d) != DC_OK) fail_msg("%s: %s", set, dc_diag_message(d, dc_diag_count(d) - 1));
    dc_diag_destroy(&d);
}

/* A new model of the default, read; then the sets run one by one, unread
 * until the last, which must equal a new model of them all. */
static void read_then_runs_unread(run *kept, const char **sets, int n)
{
    run_scenario(kept, "scenarios/default.yaml", NULL, 0);
    same_as_new(kept->m, NULL, 0);
    for (int k = 0; k < n; k++) {
        set_in_place(kept->m, sets[k]);
        assert_int_equal(dc_model_run(kept->m), DC_OK);
    }
    same_as_new(kept->m, sets, n);
}

/* The readers keep what a run did not move (the town's import, the
 * off-site routes by blocks of steps: engine.c, netzero.c) only from the
 * settlement just before: a kept model read after each of many runs,
 * after two runs that move different steps, and after a year read half
 * way through and then run the way it was, equals a new model. */
static void readers_across_runs_equal_new_models(void **state)
{
    (void)state;
    static const char *const EACH[] = {
        "batteries.town_hall_battery.energy_kwh=0",    "batteries.town_hall_battery.energy_kwh=50",
        "batteries.town_hall_battery.energy_kwh=2000", "batteries.town_hall_battery.energy_kwh=125",
        "batteries.town_hall_battery.power_kw=20",     "pv_arrays.town_hall.capacity_kw=300",
        "pv_arrays.community_center_carport.capacity_kw=250",
        "pv_arrays.community_center_carport.capacity_kw=40",
    };
    run kept;
    run_scenario(&kept, "scenarios/default.yaml", NULL, 0);
    for (int k = 0; k < (int)(sizeof EACH / sizeof EACH[0]); k++) {
        set_in_place(kept.m, EACH[k]);
        assert_int_equal(dc_model_run(kept.m), DC_OK);
        same_as_new(kept.m, (const char **)EACH, k + 1);
    }
    close_run(&kept);
    /* Two runs moving different steps (the community centre's by day, the
     * town hall's battery), then one reading. */
    const char *two[] = {"pv_arrays.community_center_carport.capacity_kw=250", "batteries.town_hall_battery.power_kw=20"};
    read_then_runs_unread(&kept, two, 2);
    /* Another battery read half way through its year, then the year run
     * with the battery as it was: nothing moved since the last settlement,
     * and what the half year read must not stand. */
    set_in_place(kept.m, "batteries.town_hall_battery.power_kw=80");
    while (dc_model_steps_done(kept.m) < 4000) assert_int_equal(dc_model_step(kept.m), DC_OK);
    dc_netzero z;
    assert_non_null(dc_model_series(kept.m, "grid_import"));
    assert_int_equal(dc_model_netzero(kept.m, &z), DC_OK);
    set_in_place(kept.m, "batteries.town_hall_battery.power_kw=20");
    assert_int_equal(dc_model_run(kept.m), DC_OK);
    same_as_new(kept.m, two, 2);
    close_run(&kept);
    /* Read, then three runs unread: the seller's change settles every step
     * (and so does the run after it), the last settles the steps it moved.
     * The town's import read at the start must not stand in the others. */
    const char *three[] = {"pv_arrays.irrigation_pond.capacity_kw=1500", "batteries.town_hall_battery.energy_kwh=50",
                           "batteries.town_hall_battery.energy_kwh=125"};
    read_then_runs_unread(&kept, three, 3);
    close_run(&kept);
    /* Read, then two battery runs unread, the second moving fewer blocks
     * than the first (of the 84 the larger battery moved, 62 stand in the
     * run at the lower power): the blocks a reader keeps of the site stand
     * two of its settlements back, and the last one's changed blocks alone
     * do not bring them up (engine.c: dc_engine_redo_site_blocks). */
    const char *apart[] = {"batteries.town_hall_battery.energy_kwh=2000", "batteries.town_hall_battery.power_kw=20"};
    read_then_runs_unread(&kept, apart, 2);
    close_run(&kept);
}

/* What dc_model_set refuses leaves the model as it was: keys that need a
 * new model, and a value the scenario would refuse. */
static void model_set_refuses(void **state)
{
    (void)state;
    run kept, fresh;
    run_scenario(&kept, "scenarios/typhoon_town.yaml", NULL, 0);
    run_scenario(&fresh, "scenarios/typhoon_town.yaml", NULL, 0);
    dc_diag *d = dc_diag_create();
    static const char *const NEEDS_NEW[] = {"batteries.shelter_battery.site=town_hall",
                                            "batteries.shelter_battery.name=other", "pv_arrays[0].contract=owned",
                                            "pv_arrays[0].mounting=floating", "pv_arrays[0].site=town_hall",
                                            "dispatch.deficit_order=[grid]", "ev_fleets[0].site=school", "year=2031"};
    for (size_t k = 0; k < sizeof NEEDS_NEW / sizeof NEEDS_NEW[0]; k++) {
        char key[128];
        snprintf(key, sizeof key, "%.*s", (int)strcspn(NEEDS_NEW[k], "="), NEEDS_NEW[k]);
        assert_false(dc_model_can_set(kept.m, key));
        assert_int_equal(dc_model_set(kept.m, NEEDS_NEW[k], d), DC_ERR_ARG);
    }
    assert_int_not_equal(dc_model_set(kept.m, "batteries.shelter_battery.energy_kwh=-5", d), DC_OK);
    size_t before = dc_diag_count(d);
    assert_int_equal(dc_model_set(kept.m, "batteries.no_such_battery.energy_kwh=5", d), DC_ERR_ARG);
    assert_true(dc_diag_count(d) > before);
    assert_non_null(strstr(dc_diag_message(d, dc_diag_count(d) - 1), "no item 'no_such_battery'"));
    assert_int_not_equal(dc_model_set(kept.m, "batteries.shelter_battery.soc_min_pct=90", d), DC_OK); /* above max */
    assert_int_equal(dc_model_steps_done(kept.m), dc_model_steps(kept.m)); /* still the finished year */
    same_models(kept.m, fresh.m);
    /* The refused sets left no trace on the copy a set is tried on first
     * (set_checked keeps it): the next set is tried on the scenario as it is. */
    static const char *bigger[] = {"batteries.shelter_battery.energy_kwh=300"};
    assert_int_equal(dc_model_set(kept.m, bigger[0], d), DC_OK);
    assert_int_equal(dc_model_run(kept.m), DC_OK);
    run big;
    run_scenario(&big, "scenarios/typhoon_town.yaml", bigger, 1);
    same_models(kept.m, big.m);
    close_run(&big);
    assert_int_equal(dc_model_set(NULL, "batteries.shelter_battery.energy_kwh=5", d), DC_ERR_ARG);
    assert_false(dc_model_can_set(NULL, "batteries.shelter_battery.energy_kwh"));
    dc_diag_destroy(&d);
    close_run(&kept);
    close_run(&fresh);
}

/* A year of other weather (the bundled file with one daytime hour's
 * irradiance changed) misses a cache that holds the bundled year's sun
 * and arrays: its model is a fresh model's, bit for bit. A model made
 * without a cache does not read one in a set in place either. */
static void other_weather_misses(dc_cache *c)
{
    char dir[] = "/tmp/decarb-weather-XXXXXX", epw[128], set[160];
    assert_non_null(mkdtemp(dir));
    snprintf(epw, sizeof epw, "%s/w.epw", dir);
    FILE *in = fopen(EPW_PATH, "r"), *out = fopen(epw, "w");
    assert_non_null(in);
    assert_non_null(out);
    char line[4096];
    for (int k = 1; fgets(line, sizeof line, in); k++) { /* line 21: 13:00 on 1 January, GHI 249 */
        char *ghi = k == 21 ? strstr(line, ",249,22,238,") : NULL;
        if (ghi) memcpy(ghi, ",250,23,239,", 12);
        fputs(line, out);
    }
    fclose(in);
    fclose(out);
    snprintf(set, sizeof set, "weather.file=%s", epw);
    const char *sets[] = {set};
    run fresh, cached;
    run_scenario(&fresh, "scenarios/default.yaml", sets, 1);
    size_t hits = dc_cache_hits(c);
    dc_diag *d = dc_diag_create();
    cached = fresh;
    cached.m = NULL;
    assert_int_equal(dc_model_create_cached(fresh.s, fresh.in, c, &cached.m, d), DC_OK);
    assert_int_equal(dc_cache_hits(c), hits);
    assert_int_equal(dc_model_run(cached.m), DC_OK);
    for (size_t k = 0; k < dc_model_series_count(fresh.m); k++)
        assert_memory_equal(dc_model_series_at(cached.m, k), dc_model_series_at(fresh.m, k),
                            dc_model_steps(fresh.m) * sizeof(double));
    dc_model_destroy(&cached.m);
    assert_int_equal(dc_model_set_cached(fresh.m, c, "pv_arrays.irrigation_pond.capacity_kw=1234.5", d), DC_OK);
    assert_int_equal(dc_cache_hits(c), hits);
    dc_diag_destroy(&d);
    close_run(&fresh);
    unlink(epw);
    rmdir(dir);
}

/* A cached model is the same model: every series bit for bit, and the
 * cache was used (the second model's sun and five arrays came from it). */
static void cached_model_equals_fresh(void **state)
{
    (void)state;
    run fresh;
    const char *set[] = {"pv_arrays.irrigation_pond.capacity_kw=1234.5"};
    run_scenario(&fresh, "scenarios/default.yaml", set, 1);
    dc_cache *c = dc_cache_create();
    dc_diag *d = dc_diag_create();
    dc_scenario *s = NULL;
    dc_inputs *in = NULL;
    dc_model *first = NULL, *second = NULL;
    assert_int_equal(dc_scenario_load("scenarios/default.yaml", &s, d), DC_OK);
    assert_int_equal(dc_scenario_validate(s, d), DC_OK);
    assert_int_equal(dc_inputs_load(s, &in, d), DC_OK);
    assert_int_equal(dc_model_create_cached(s, in, c, &first, d), DC_OK);
    assert_int_equal(dc_cache_hits(c), 0);
    assert_int_equal(dc_scenario_key_scope(s, set[0]), -1); /* a key, not an assignment */
    assert_int_equal(dc_scenario_key_scope(s, "pv_arrays.irrigation_pond.capacity_kw"), DC_SCOPE_PROFILES);
    assert_int_equal(dc_scenario_key_scope(s, "batteries[0].energy_kwh"), DC_SCOPE_DISPATCH);
    assert_int_equal(dc_scenario_key_scope(s, "weather.file"), DC_SCOPE_INPUTS);
    assert_int_equal(dc_scenario_key_scope(s, "leading_area.tariff_yen_per_kwh"), DC_SCOPE_ACCOUNTING);
    assert_int_equal(dc_scenario_set(s, set[0], d), DC_OK);
    assert_int_equal(dc_scenario_validate(s, d), DC_OK);
    assert_int_equal(dc_model_create_cached(s, in, c, &second, d), DC_OK);
    assert_int_equal(dc_cache_hits(c), 1 + 5);
    assert_int_equal(dc_model_run(second), DC_OK);
    assert_int_equal(dc_model_series_count(second), dc_model_series_count(fresh.m));
    for (size_t k = 0; k < dc_model_series_count(second); k++) {
        dc_series_info a, b;
        dc_model_series_get(second, k, &a);
        dc_model_series_get(fresh.m, k, &b);
        assert_string_equal(a.name, b.name);
        assert_memory_equal(dc_model_series_at(second, k), dc_model_series_at(fresh.m, k),
                            dc_model_steps(second) * sizeof(double));
    }
    dc_model_destroy(&first);
    dc_model_destroy(&second);
    dc_inputs_destroy(&in);
    dc_scenario_destroy(&s);
    dc_diag_destroy(&d);
    other_weather_misses(c);
    dc_cache_destroy(&c);
    close_run(&fresh);
}

/* The README's Python for sweep.h5, copied as a user would, runs on what
 * the README's sweep command wrote (output/battery_sweep/ under tmp). */
static void readme_sweep_python_runs(void **state)
{
    (void)state;
    char dir[256], cmd[1024];
    snprintf(dir, sizeof dir, "%s/output", tmp);
    assert_int_equal(mkdir(dir, 0755), 0);
    snprintf(dir, sizeof dir, "%s/output/battery_sweep", tmp);
    assert_int_equal(sweep_into(dir, "-j 2"), 0);
    char *text = slurp("README.md"), *b = text ? strstr(text, "```python\nimport h5py, pandas as pd\ncases") : NULL;
    assert_non_null(b);
    b = strchr(b, '\n') + 1;
    char *e = strstr(b, "```\n");
    assert_non_null(e);
    *e = '\0';
    char script[300];
    snprintf(script, sizeof script, "%s/read_sweep.py", tmp);
    write_text(script, b);
    snprintf(cmd, sizeof cmd, "cd %s && /usr/bin/python3 read_sweep.py > py.log 2>&1", tmp);
    assert_int_equal(system(cmd), 0);
    free(text);
}

static int journal_rows(const char *dir)
{
    char path[300];
    snprintf(path, sizeof path, "%s/sweep.journal", dir);
    FILE *fp = fopen(path, "r");
    int n = 0;
    for (int c; fp && (c = fgetc(fp)) != EOF;) n += c == '\n';
    if (fp) fclose(fp);
    return n - 1; /* the tag line */
}

/* The sweep of file into dir, killed (SIGKILL) once `rows` cases are journalled. */
static void kill_file_after(const char *file, const char *dir, int rows)
{
    pid_t pid = fork();
    if (pid == 0) {
        execl(decarb_bin(), decarb_bin(), "sweep", file, "-q", "-j", "1", "-o", dir, (char *)NULL);
        _exit(127);
    }
    while (journal_rows(dir) < rows) usleep(2000);
    kill(pid, SIGKILL);
    int status;
    waitpid(pid, &status, 0);
    assert_true(WIFSIGNALED(status));
}

static void kill_after(const char *dir, int rows) { kill_file_after(SWEEP, dir, rows); }

/* What `decarb sweep FILE OPTION -j 1` printed, not on a terminal. */
static char *sweep_stderr(const char *file, const char *option, const char *out, const char *log)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "%s sweep %s %s -j 1 -o %s/%s > %s 2>&1", decarb_bin(), file, option, tmp, out, log);
    assert_int_equal(system(cmd), 0);
    return slurp(log);
}

/* Progress on stderr: on a terminal a bar redrawn at most ten times a
 * second (a fast sweep drew it once a case: 3,000 writes), with the rate
 * and ETA from the second case on (tenths of a second under 10 s);
 * otherwise a line at every tenth; with
 * -q nothing. The terminal is util-linux's `script` (bsdutils, Essential
 * in Debian). */
static void progress_bar_and_lines(void **state)
{
    (void)state;
    char cwd[512], file[300], cmd[2048], path[300];
    assert_non_null(getcwd(cwd, sizeof cwd));
    snprintf(file, sizeof file, "%s/many.yaml", tmp);
    snprintf(cmd, sizeof cmd, "base: %s/scenarios/default.yaml\naxes:\n"
             "  - {key: batteries.town_hall_battery.energy_kwh, from: 0, to: 2000, steps: 600}\n", cwd);
    write_text(file, cmd);
    snprintf(path, sizeof path, "%s/tty.log", tmp);
    snprintf(cmd, sizeof cmd, "script -q -c '%s sweep %s -j 1 -o %s/tty_out 2>&1' %s > /dev/null", decarb_bin(), file,
             tmp, path);
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    assert_int_equal(system(cmd), 0);
    clock_gettime(CLOCK_MONOTONIC, &b);
    double seconds = (double)(b.tv_sec - a.tv_sec) + 1e-9 * (double)(b.tv_nsec - a.tv_nsec);
    char *log = slurp(path);
    int drawn = 0;
    for (const char *at = log; (at = strstr(at, "\r[")) != NULL; at++) drawn++;
    assert_true(drawn >= 2 && drawn <= 2 + (int)(10 * seconds)); /* the first case, then every 0.1 s, and the last */
    assert_non_null(strstr(log, "] 1/600 cases \033[K")); /* no rate from one case, which built the model */
    assert_non_null(strstr(log, "] 600/600 cases, "));
    assert_non_null(strstr(log, "/s, ETA 0.0 s")); /* under 10 s in tenths: a fast sweep's time left is not 0 s */
    free(log);
    log = sweep_stderr(file, "", "plain_out", path);
    int lines = 0;
    for (const char *at = log; (at = strstr(at, "sweep: ")) != NULL; at++) lines++;
    assert_int_equal(lines, 10); /* cases 61, 122, ..., 549 and 600 */
    assert_non_null(strstr(log, "sweep: 600/600 cases, "));
    const char *eta = strstr(strstr(log, "sweep: 61/600 cases, "), "ETA "); /* 539 cases left: under 10 s here */
    assert_non_null(eta);
    assert_true(eta[4] >= '0' && eta[4] <= '9' && eta[5] == '.' && eta[7] == ' ' && eta[8] == 's');
    assert_null(strchr(log, '\r'));
    free(log);
    log = sweep_stderr(file, "-q", "quiet_out", path);
    assert_string_equal(log, "");
    free(log);
}

/* Dir a's sweep.csv holds the bytes of dir b's. */
static void same_csv(const char *a_dir, const char *b_dir)
{
    char path[300];
    snprintf(path, sizeof path, "%s/sweep.csv", a_dir);
    char *a = slurp(path);
    snprintf(path, sizeof path, "%s/sweep.csv", b_dir);
    char *b = slurp(path);
    assert_non_null(a), assert_non_null(b);
    assert_string_equal(a, b);
    free(a), free(b);
}

/* The whole sweep into TMP/full, and the same sweep into TMP/name killed
 * once `rows` cases are journalled: the two folders a resume test compares. */
static void full_and_killed(const char *name, int rows, char *full, char *killed, size_t len)
{
    snprintf(full, len, "%s/full", tmp);
    snprintf(killed, len, "%s/%s", tmp, name);
    assert_int_equal(sweep_into(full, "-j 1"), 0);
    kill_after(killed, rows);
}

/* SIGKILL after a few cases, then the same command again. */
static void killed_sweep_resumes_to_the_same_bytes(void **state)
{
    (void)state;
    char full[256], killed[256], path[300];
    full_and_killed("killed", 3, full, killed, sizeof full);
    int done = journal_rows(killed);
    assert_true(done >= 3 && done < 12);
    snprintf(path, sizeof path, "%s/sweep.csv", killed);
    assert_int_equal(access(path, F_OK), -1); /* nothing half-written */
    char cmd[1024], log[4096];
    sleep(1); /* a second later than the full sweep: sweep.h5 must not hold the time it was written */
    snprintf(cmd, sizeof cmd, "%s sweep %s -j 2 -o %s 2>&1 >/dev/null", decarb_bin(), SWEEP, killed);
    FILE *p = popen(cmd, "r");
    size_t n = fread(log, 1, sizeof log - 1, p);
    log[n] = '\0';
    assert_int_equal(pclose(p), 0);
    char already[64];
    snprintf(already, sizeof already, "%d of 12 cases already done", done);
    if (!strstr(log, already)) fail_msg("no resume message '%s' in:\n%s", already, log);
    same_csv(killed, full);
    snprintf(cmd, sizeof cmd, "cmp %s/sweep.h5 %s/sweep.h5", full, killed);
    assert_int_equal(system(cmd), 0);
    snprintf(path, sizeof path, "%s/sweep.journal", killed);
    assert_int_equal(access(path, F_OK), -1); /* gone once the CSV is whole */
}

/* A journal damaged in the middle (a stray line; a row cut short by a
 * full disk with the next row written on after it): those lines are
 * passed over and their cases run again, and the CSV is the full sweep's
 * (the cut row's case used to go into sweep.csv cut, and sweep.h5 failed). */
static void damaged_journal_rows_run_again(void **state)
{
    (void)state;
    char full[256], damaged[256], path[300];
    full_and_killed("damaged", 6, full, damaged, sizeof full);
    snprintf(path, sizeof path, "%s/sweep.journal", damaged);
    char *text = slurp(path), *line[16] = {0};
    assert_non_null(text);
    int n = 0;
    for (char *p = strtok(text, "\n"); p && n < 16; p = strtok(NULL, "\n")) line[n++] = p;
    if (n < 7 || !line[2] || strlen(line[2]) < 21) fail_msg("a journal of %d lines", n); /* the tag and six rows */
    line[2][20] = '\0'; /* row 2 cut short, row 3 written on after it */
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    for (int k = 0; k < n; k++) fprintf(fp, "%s%s", line[k], k == 0 ? "\nnot,a,row\n" : k == 2 ? "" : "\n");
    fclose(fp);
    free(text);
    assert_int_equal(sweep_into(damaged, "-j 2"), 0);
    same_csv(damaged, full);
}

/* What MPI ranks leave when killed: one journal per rank (here the rows
 * of one journal dealt into two, the first row of the second cut by the
 * kill). A resume with threads takes both and ends with the same bytes. */
static void rank_journals_resume_to_the_same_bytes(void **state)
{
    (void)state;
    char full[256], killed[256], path[300], rank[300];
    full_and_killed("ranks", 6, full, killed, sizeof full);
    snprintf(path, sizeof path, "%s/sweep.journal", killed);
    char *text = slurp(path);
    assert_non_null(text);
    char *rows = strchr(text, '\n') + 1, *tag_end = rows;
    FILE *a = NULL, *b = NULL;
    snprintf(rank, sizeof rank, "%s/sweep.journal.0", killed);
    assert_non_null(a = fopen(rank, "w"));
    snprintf(rank, sizeof rank, "%s/sweep.journal.1", killed);
    assert_non_null(b = fopen(rank, "w"));
    fwrite(text, 1, (size_t)(tag_end - text), a), fwrite(text, 1, (size_t)(tag_end - text), b);
    int k = 0;
    for (char *end; (end = strchr(rows, '\n')); rows = end + 1, k++)
        fwrite(rows, 1, (size_t)(end + 1 - rows), k % 2 ? b : a);
    fputs("11,\"10", b); /* a row cut by the kill */
    fclose(a), fclose(b);
    unlink(path);
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "%s sweep %s -q -j 2 -o %s", decarb_bin(), SWEEP, killed);
    assert_int_equal(system(cmd), 0);
    same_csv(killed, full);
    assert_int_equal(access(rank, F_OK), -1); /* every journal gone once the CSV is whole */
    free(text);
}

/* The table writer refuses what is not a table, at its line; nothing written. */
static void table_h5_refuses_what_is_not_a_table(void **state)
{
    (void)state;
    char csv[300], h5[300];
    snprintf(csv, sizeof csv, "%s/t.csv", tmp);
    snprintf(h5, sizeof h5, "%s/t.h5", tmp);
    const char *bodies[] = {"a,b\n1,2\n3\n", ""};
    const char *want[] = {"t.csv:3: this row has not the header's 2 columns", "t.csv:1: not a table's header"};
    for (int k = 0; k < 2; k++) {
        write_text(csv, bodies[k]);
        dc_diag *d = dc_diag_create();
        assert_int_equal(dc_csv_table_to_h5(csv, h5, "t", d), DC_ERR_ARG);
        if (!strstr(dc_diag_message(d, 0), want[k])) fail_msg("'%s' lacks '%s'", dc_diag_message(d, 0), want[k]);
        assert_int_equal(access(h5, F_OK), -1);
        dc_diag_destroy(&d);
    }
    write_text(csv, "name,kwh,n\n\"a, \"\"x\"\"\",1.5,2\nb,,3\n"); /* quoted comma and quotes; an empty number */
    dc_diag *d = dc_diag_create();
    assert_int_equal(dc_csv_table_to_h5(csv, h5, "t", d), DC_OK);
    dc_diag_destroy(&d);
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "/usr/bin/python3 -c \"import h5py, math; t = h5py.File('%s')['t'][()]; "
             "assert t['name'][0] == b'a, \\\"x\\\"' and t['kwh'][0] == 1.5 and math.isnan(t['kwh'][1]) "
             "and t['n'].dtype.kind == 'i' and list(t['n']) == [2, 3], t\"", h5);
    assert_int_equal(system(cmd), 0);
}

/* The sweep's output, for what it must not say too. */
static const char *expect_sweep_error(const char *body, const char *needle)
{
    static char log[8192];
    char path[256], cmd[1024];
    snprintf(path, sizeof path, "%s/bad.yaml", tmp);
    char cwd[512];
    assert_non_null(getcwd(cwd, sizeof cwd));
    char text[4096];
    snprintf(text, sizeof text, "base: %s/scenarios/default.yaml\n%s", cwd, body);
    write_text(path, text);
    snprintf(cmd, sizeof cmd, "%s sweep %s -q -o %s/bad_out 2>&1", decarb_bin(), path, tmp);
    FILE *p = popen(cmd, "r");
    size_t n = fread(log, 1, sizeof log - 1, p);
    log[n] = '\0';
    int rc = pclose(p);
    assert_true(WIFEXITED(rc) && WEXITSTATUS(rc) != 0);
    if (!strstr(log, needle)) fail_msg("expected '%s' in:\n%s", needle, log);
    return log;
}

/* `decarb sweep FILE -o DIR` fails, saying needle. */
static void expect_file_error_in(const char *file, const char *dir, const char *needle)
{
    char cmd[1024], path[300];
    snprintf(cmd, sizeof cmd, "%s sweep %s -q -o %s > %s/file.log 2>&1", decarb_bin(), file, dir, tmp);
    int rc = system(cmd);
    assert_true(WIFEXITED(rc) && WEXITSTATUS(rc) != 0);
    snprintf(path, sizeof path, "%s/file.log", tmp);
    char *log = slurp(path);
    if (!strstr(log, needle)) fail_msg("expected '%s' in:\n%s", needle, log);
    free(log);
}

static void expect_file_error(const char *file, const char *needle)
{
    char dir[300];
    snprintf(dir, sizeof dir, "%s/file_out", tmp);
    expect_file_error_in(file, dir, needle);
}

/* A weather-year axis names files beside the sweep file, as base: does:
 * the sweep runs the same from any folder (a cluster job starts in
 * $HOME), and sweep.csv shows each value as written. */
static void paths_beside_the_sweep_file(void **state)
{
    (void)state;
    char cwd[512], dir[300], path[400], text[1200], cmd[PATH_MAX + 1024], exe[PATH_MAX];
    assert_non_null(getcwd(cwd, sizeof cwd));
    assert_non_null(realpath(decarb_bin(), exe));
    snprintf(dir, sizeof dir, "%s/wx", tmp);
    assert_int_equal(mkdir(dir, 0755), 0);
    snprintf(cmd, sizeof cmd, "cp %s/" EPW_PATH " %s/a.epw", cwd, dir);
    assert_int_equal(system(cmd), 0);
    snprintf(text, sizeof text,
             "base: %s/scenarios/default.yaml\naxes:\n  - key: weather.file\n    values: [wx/a.epw]\n", cwd);
    snprintf(path, sizeof path, "%s/years.yaml", tmp);
    write_text(path, text);
    snprintf(cmd, sizeof cmd, "cd / && %s sweep %s -q -o %s/years_out 2>&1", exe, path, tmp);
    assert_int_equal(system(cmd), 0);
    snprintf(path, sizeof path, "%s/years_out/sweep.csv", tmp);
    char *csv = slurp(path);
    if (!strstr(csv, "\n0,\"wx/a.epw\",ok,")) fail_msg("the case should run with its value as written:\n%.300s", csv);
    free(csv);
}

/* `decarb sweep FILE -o DIR` refuses DIR: its journal is another sweep's. */
static void refused_for_another_sweeps_journal(const char *file, const char *dir)
{
    expect_file_error_in(file, dir, "a journal there belongs to another sweep");
}

/* set: holds keys at one value in every case, as if the base said so:
 * each case's row is a separate run's with those keys and its own, and
 * a list value (an order) is taken as --set takes it. */
static void set_keys_hold_in_every_case(void **state)
{
    (void)state;
    char cwd[512], path[300], text[1024];
    assert_non_null(getcwd(cwd, sizeof cwd));
    snprintf(text, sizeof text, "base: %s/scenarios/default.yaml\nset:\n  sites.irrigation_pond.export_limit_kw: 300\n"
             "  batteries.town_hall_battery.power_kw: 40\n  dispatch.deficit_order: [grid, battery]\n"
             "axes:\n  - {key: batteries.town_hall_battery.energy_kwh, values: [100, 900]}\n", cwd);
    snprintf(path, sizeof path, "%s/held.yaml", tmp);
    write_text(path, text);
    dc_sweep *w = NULL;
    char *csv = sweep_two_threads(path, "held_out", &w);
    assert_int_equal(dc_sweep_sets(w), 3);
    char set[2048];
    assert_string_equal(dc_sweep_set(w, 2, set, sizeof set), "dispatch.deficit_order=[grid, battery]");
    for (size_t i = 0; i < dc_sweep_cases(w); i++) row_equals_separate_run(w, csv, i);
    /* The table says what every case held: a column per key after the axes. */
    const char *head = "\xEF\xBB\xBF" "case,batteries.town_hall_battery.energy_kwh,sites.irrigation_pond.export_limit_kw,"
                       "batteries.town_hall_battery.power_kw,dispatch.deficit_order,status,";
    assert_memory_equal(csv, head, strlen(head));
    const char *row = "1,\"900\",\"300\",\"40\",\"[grid, battery]\",ok,";
    assert_memory_equal(row_of(csv, 1), row, strlen(row));
    /* and the keys moved the figures: the same axis without them differs */
    snprintf(text, sizeof text, "base: %s/scenarios/default.yaml\n"
             "axes:\n  - {key: batteries.town_hall_battery.energy_kwh, values: [100, 900]}\n", cwd);
    snprintf(path, sizeof path, "%s/free.yaml", tmp);
    write_text(path, text);
    dc_sweep *plain = NULL;
    char *free_csv = sweep_two_threads(path, "free_out", &plain);
    assert_string_not_equal(row_of(csv, 0), row_of(free_csv, 0));
    /* A journal of the same axis without set: is another sweep's (2,000
     * cases: time to kill it). */
    char dir[300];
    const char *axis = "axes:\n  - {key: batteries.town_hall_battery.energy_kwh, from: 0, to: 2000, steps: 2000}\n";
    snprintf(text, sizeof text, "base: %s/scenarios/default.yaml\n%s", cwd, axis);
    write_text(path, text);
    snprintf(dir, sizeof dir, "%s/free_killed", tmp);
    kill_file_after(path, dir, 1);
    snprintf(text, sizeof text, "base: %s/scenarios/default.yaml\nset:\n  batteries.town_hall_battery.power_kw: 40\n%s",
             cwd, axis);
    snprintf(path, sizeof path, "%s/held_long.yaml", tmp);
    write_text(path, text);
    refused_for_another_sweeps_journal(path, dir);
    dc_sweep_destroy(&plain);
    dc_sweep_destroy(&w);
    free(free_csv);
    free(csv);
}

/* The bundled weather file's first 100 lines (92 data rows) in tmp: a
 * file every case that reads it fails on. */
static void cut_weather(char *path, size_t len)
{
    snprintf(path, len, "%s/cut.epw", tmp);
    FILE *in = fopen(EPW_PATH, "r"), *out = fopen(path, "w");
    assert_non_null(in);
    assert_non_null(out);
    char line[4096];
    for (int k = 0; k < 100 && fgets(line, sizeof line, in); k++) fputs(line, out);
    fclose(in);
    fclose(out);
}

/* A case whose weather file is cut short fails on its own, the others
 * run; its status is the reader's error, not one of the warnings the
 * default's inputs give on the way (illustrative costs), as it was. */
static void failed_case_says_why(void **state)
{
    (void)state;
    char cwd[512], cut[256], body[1200], csv[300];
    assert_non_null(getcwd(cwd, sizeof cwd));
    cut_weather(cut, sizeof cut);
    snprintf(body, sizeof body, "axes:\n  - key: weather.file\n    values: [%s/" EPW_PATH ", %s]\n", cwd, cut);
    expect_sweep_error(body, ""); /* one case failed: the sweep exits 1 */
    snprintf(csv, sizeof csv, "%s/bad_out/sweep.csv", tmp);
    char *text = slurp(csv);
    if (!strstr(text, "\n0,") || !strstr(strstr(text, "\n0,"), ",ok,")) fail_msg("case 0 should run:\n%.300s", text);
    char *row = strstr(text, "\n1,");
    assert_non_null(row);
    if (!strstr(row, "92 data rows; a year of hourly data has 8760 or 8784") || strstr(row, "warning"))
        fail_msg("case 1's status should be the weather error:\n%.400s", row);
    free(text);
}

/* Fields of one CSV line (RFC 4180: a quoted field may hold commas). */
static int csv_fields(const char *line)
{
    int n = 1, quoted = 0;
    for (; *line && *line != '\n'; line++) {
        if (*line == '"') quoted = !quoted;
        else if (*line == ',' && !quoted) n++;
    }
    return n;
}

/* The resilience columns' fields of a separate run, as the test expects
 * them: per outage and site unserved critical kWh and the hours before
 * the first (empty: none), per scanned site the year's survival shares
 * [%] and mean hours. */
static void resilience_fields_of(const dc_sweep *w, size_t i, char *out, size_t len)
{
    run r;
    case_run(w, i, &r);
    size_t at = 0;
    dc_outage_result o;
    for (size_t k = 0; dc_model_outage_get(r.m, k, &o) == 0; k++) {
        at += (size_t)snprintf(out + at, len - at, ",%.6f,", o.unserved_kwh);
        if (!isnan(o.hours_to_unserved)) at += (size_t)snprintf(out + at, len - at, "%.2f", o.hours_to_unserved);
    }
    dc_survival_row v;
    for (size_t k = 0; dc_model_survival_get(r.m, k, &v) == 0; k++)
        if (v.month == 0)
            at += (size_t)snprintf(out + at, len - at, ",%.4f,%.4f,%.4f,%.2f", 100 * v.share_24h, 100 * v.share_72h,
                                   100 * v.share_168h, v.mean_hours);
    snprintf(out + at, len - at, "\n");
    close_run(&r);
}

/* A town with an outage and the survival scan (typhoon_town): each row
 * ends with the outage's unserved critical energy and hours per site it
 * cuts off, and each scanned site's survival shares, as separate runs
 * give them; a case that fails has every column, empty. */
static void resilience_columns(void **state)
{
    (void)state;
    char cwd[512], cut[256], body[1600], path[300], cmd[1024];
    assert_non_null(getcwd(cwd, sizeof cwd));
    cut_weather(cut, sizeof cut);
    snprintf(body, sizeof body, "base: %s/scenarios/typhoon_town.yaml\naxes:\n"
             "  - {key: batteries.shelter_battery.energy_kwh, values: [0, 400]}\n"
             "  - {key: ev_fleets.official_evs.count, values: [2, 9]}\n"
             "  - {key: weather.file, values: [%s/" EPW_PATH ", %s]}\n", cwd, cwd, cut);
    snprintf(path, sizeof path, "%s/res.yaml", tmp);
    write_text(path, body);
    snprintf(cmd, sizeof cmd, "%s sweep %s -q -o %s/res > %s/res.log 2>&1", decarb_bin(), path, tmp, tmp);
    assert_int_not_equal(system(cmd), 0); /* the cut weather file's cases fail */
    snprintf(path, sizeof path, "%s/res/sweep.csv", tmp);
    char *csv = slurp(path);
    assert_non_null(csv);
    static const char *const COLUMNS[] = {
        "outage:typhoon:town_hall:unserved_critical [kWh],outage:typhoon:town_hall:hours_to_unserved [h],"
        "outage:typhoon:school:unserved_critical [kWh],outage:typhoon:school:hours_to_unserved [h],",
        "site:town_hall:survive_24h [%],site:town_hall:survive_72h [%],site:town_hall:survive_168h [%],"
        "site:town_hall:mean_hours [h],site:school:survive_24h [%],site:school:survive_72h [%],"
        "site:school:survive_168h [%],site:school:mean_hours [h]\n"};
    for (int k = 0; k < 2; k++)
        if (!strstr(csv, COLUMNS[k])) fail_msg("the header lacks %s:\n%.2000s", COLUMNS[k], csv);
    snprintf(path, sizeof path, "%s/res.yaml", tmp);
    dc_sweep *w = NULL;
    dc_diag *d = dc_diag_create();
    assert_int_equal(dc_sweep_load(path, &w, d), DC_OK);
    assert_int_equal(dc_sweep_cases(w), 8);
    int fields = csv_fields(csv);
    for (size_t i = 0; i < 8; i++) {
        const char *row = row_of(csv, i);
        assert_int_equal(csv_fields(row), fields);
        size_t len = strcspn(row, "\n") + 1;
        char want[1024];
        if (i % 2) snprintf(want, sizeof want, ",,,,,,,,,,,,\n"); /* the cut file: 12 empty fields */
        else resilience_fields_of(w, i, want, sizeof want);
        if (len <= strlen(want) || memcmp(row + len - strlen(want), want, strlen(want)))
            fail_msg("case %zu: %.*s\nwants the end %s", i, (int)len, row, want);
    }
    dc_sweep_destroy(&w);
    dc_diag_destroy(&d);
    free(csv);
}

static void bad_sweeps(void **state)
{
    (void)state;
    expect_sweep_error("axes:\n  - key: batteries.town_hall_battery.energy_kwhh\n    values: [1, 2]\n",
                       "bad.yaml:3:5: batteries.town_hall_battery.energy_kwhh: ");
    expect_sweep_error("axes:\n  - key: batteries.town_hall_battery.energy_kwh\n    values: [100, -5]\n",
                       "bad.yaml:3:5: batteries.town_hall_battery.energy_kwh: -5 kWh is out of range");
    /* the axis's line says where: not "--set: KEY: " again, nor a space for no unit */
    expect_sweep_error("axes:\n  - key: year\n    values: [1900]\n",
                       "bad.yaml:3:5: year: 1900 is out of range [1955, 2099]");
    expect_sweep_error("axes:\n  - key: grid.emission_factor_kg_per_kwh\n    from: 0\n    to: 0.5\n    steps: 3\n"
                       "    scale: log\n", "a log range needs both ends above zero");
    expect_sweep_error("axes:\n  - key: grid.emission_factor_kg_per_kwh\n    from: 0.3\n    to: 0.5\n    steps: 0\n",
                       "bad.yaml:6:12: steps: 0: give a whole number of values from 1 to 100000");
    expect_sweep_error("combine: zip\naxes:\n  - key: grid.emission_factor_kg_per_kwh\n    values: [0.3, 0.4]\n"
                       "  - key: batteries.town_hall_battery.energy_kwh\n    values: [1, 2, 3]\n",
                       "bad.yaml:6:5: values: 3 values, but the first axis has 2");
    expect_sweep_error("axes:\n  - key: grid.emission_factor_kg_per_kwh\n    valuse: [0.3]\n", "unknown key 'valuse'");
    expect_sweep_error("hourly: [0]\nhourly: [1]\naxes:\n  - {key: grid.emission_factor_kg_per_kwh, values: [0.3, 0.4]}\n",
                       "bad.yaml:3:1: hourly: given twice");
    expect_sweep_error("hourly: [0, 3]\naxes:\n  - {key: grid.emission_factor_kg_per_kwh, values: [0.3, 0.4]}\n",
                       "bad.yaml:2:9: hourly: case 3: the sweep has cases 0 to 1");
    const char *log0 = expect_sweep_error(
        "combine: sobol\nsamples: 0\naxes:\n  - {key: grid.emission_factor_kg_per_kwh, from: 0.3, to: 0.5}\n",
        "bad.yaml:3:10: samples: 0: give a whole number from 1 to 1000000");
    assert_null(strstr(log0, "missing required key")); /* a bad value is not also a missing key */
    expect_sweep_error("axes: []\n", "bad.yaml:2:7: axes: an empty list: give at least one axis");
    expect_sweep_error("name: ../../escaped\naxes:\n  - {key: grid.emission_factor_kg_per_kwh, values: [0.3]}\n",
                       "bad.yaml:2:7: name: must be non-empty, without '/'"); /* output/NAME stays in output/ */
    expect_sweep_error("axes:\n  - {key: grid.emission_factor_kg_per_kwh, values: [0.3]}\n"
                       "  - {key: grid.emission_factor_kg_per_kwh, values: [0.4]}\n",
                       "bad.yaml:4:5: key: 'grid.emission_factor_kg_per_kwh' is already an axis: each key once");
    expect_sweep_error("axes:\n  - {key: grid.emission_factor_kg_per_kwh, values: [0.3],\n"
                       "     from: 0.3, to: 0.5, steps: 2}\n",
                       "bad.yaml:3:5: values: give values: [..] or from:, to:, not both");
    expect_sweep_error("axes:\n  - {key: grid.emission_factor_kg_per_kwh, from: 0.3, to: 0.5}\n",
                       "bad.yaml:3:5: steps: a range needs steps:");
    expect_sweep_error("axes:\n  - {key: pv_arrays.irrigation_pond.capacity_kw, from: 0x10, to: 500, steps: 2}\n",
                       "bad.yaml:3:56: from: expected a number, got '0x10'"); /* strtod reads 16 */
    /* A range over a whole-number key whose steps are not whole: said before any case fails on it. */
    expect_sweep_error("axes:\n  - {key: year, from: 2026, to: 2030, steps: 4}\n",
                       "bad.yaml:3:5: year: a whole-number key: the range's value 2 is 2027.333333; choose steps:");
    /* samples: without a sampled combine would run the whole product; a seed outside random does nothing */
    expect_sweep_error("samples: 100\naxes:\n  - {key: grid.emission_factor_kg_per_kwh, from: 0.3, to: 0.5, steps: 3}\n",
                       "bad.yaml:2:10: samples: only sampled sweeps take samples: add combine: sobol (or random)");
    expect_sweep_error("combine: sobol\nsamples: 4\nseed: 3\naxes:\n"
                       "  - {key: grid.emission_factor_kg_per_kwh, from: 0.3, to: 0.5}\n",
                       "bad.yaml:4:7: seed: only combine: random draws with a seed");
    expect_sweep_error("axes:\n\t- {key: grid.emission_factor_kg_per_kwh, values: [0.3]}\n",
                       "bad.yaml:3:1: YAML syntax error: found character that cannot start any token (a tab: YAML "
                       "indents with spaces only)");
    /* A Japanese comment saved in Shift_JIS (何 is 0x89 0xBD): said at its place, as for a scenario. */
    expect_sweep_error("# \x89\xBD\naxes:\n  - {key: grid.emission_factor_kg_per_kwh, values: [0.3]}\n",
                       "bad.yaml:2:3: the file is not UTF-8 (Shift_JIS or cp932?)");
    /* set: keys are checked on the base at their own line. */
    expect_sweep_error("set:\n  batteries.town_hall_battery.nonsense: 3\naxes:\n"
                       "  - {key: grid.emission_factor_kg_per_kwh, values: [0.3]}\n",
                       "bad.yaml:3:3: batteries.town_hall_battery.nonsense: ");
    expect_sweep_error("set:\n  batteries.town_hall_battery.energy_kwh: -5\naxes:\n"
                       "  - {key: grid.emission_factor_kg_per_kwh, values: [0.3]}\n",
                       "bad.yaml:3:3: batteries.town_hall_battery.energy_kwh: -5 kWh is out of range");
    expect_sweep_error("set:\n  grid.emission_factor_kg_per_kwh: 0.4\naxes:\n"
                       "  - {key: grid.emission_factor_kg_per_kwh, values: [0.3]}\n",
                       "bad.yaml:3:3: grid.emission_factor_kg_per_kwh: is an axis too: give it in one place");
    expect_sweep_error("set: [grid.emission_factor_kg_per_kwh=0.4]\naxes:\n"
                       "  - {key: grid.emission_factor_kg_per_kwh, values: [0.3]}\n",
                       "bad.yaml:2:6: set: a mapping of keys to values");
    expect_sweep_error("set:\n  grid.emission_factor_kg_per_kwh: {a: 1}\naxes:\n"
                       "  - {key: batteries.town_hall_battery.energy_kwh, values: [3]}\n",
                       "bad.yaml:3:36: grid.emission_factor_kg_per_kwh: a single value, or a list of single values");
    /* A journal of another sweep in the folder: refused, not mixed in. */
    char dir[256], journal[300];
    snprintf(dir, sizeof dir, "%s/other", tmp);
    assert_int_equal(mkdir(dir, 0755), 0);
    snprintf(journal, sizeof journal, "%s/.decarb-sweep", dir); /* a sweep's folder */
    write_text(journal, "decarb 0.2.0 wrote this folder\n");
    snprintf(journal, sizeof journal, "%s/sweep.journal", dir);
    write_text(journal, "# decarb sweep 0123456789abcdef\n0,\"1\",ok\n");
    refused_for_another_sweeps_journal(SWEEP, dir);
    char cmd[1024], *log;
    int rc;
    snprintf(journal, sizeof journal, "%s/o.log", tmp); /* what each refused sweep below printed */
    /* A folder of someone's files, a sweep.csv of theirs among them: refused as `decarb run -o` refuses
     * one, and left as it was (a sweep wrote its sweep.csv over theirs). */
    char theirs[300];
    snprintf(dir, sizeof dir, "%s/desk", tmp);
    someones_folder(dir, "sweep.csv", theirs, sizeof theirs);
    snprintf(cmd, sizeof cmd, "%s sweep %s -q -o %s > %s/o.log 2>&1", decarb_bin(), SWEEP, dir, tmp);
    rc = system(cmd);
    assert_true(WIFEXITED(rc) && WEXITSTATUS(rc) != 0);
    log = slurp(journal);
    refused_and_untouched(log, dir, theirs);
    free(log);
    /* Their sweep.csv alone, a name a sweep writes: refused for want of a sweep's marker. */
    snprintf(cmd, sizeof cmd, "rm %s/notes.txt && %s sweep %s -q -o %s > %s/o.log 2>&1", dir, decarb_bin(), SWEEP,
             dir, tmp);
    rc = system(cmd);
    assert_true(WIFEXITED(rc) && WEXITSTATUS(rc) != 0);
    log = slurp(journal);
    unmarked_and_untouched(log, dir, theirs, ".decarb-sweep");
    free(log);
    snprintf(theirs, sizeof theirs, "%s/sweep.journal", dir);
    assert_int_equal(access(theirs, F_OK), -1);
    /* A sweep's folder as an older decarb left it, without the marker: its sweep.csv reads as decarb's. */
    snprintf(dir, sizeof dir, "%s/older", tmp);
    assert_int_equal(sweep_into(dir, "-j 2"), 0);
    snprintf(theirs, sizeof theirs, "%s/.decarb-sweep", dir);
    assert_int_equal(unlink(theirs), 0);
    assert_int_equal(sweep_into(dir, "-j 2"), 0);
    assert_int_equal(access(theirs, F_OK), 0);
    /* This very sweep's journal as decarb 0.2.0 tagged it, its rows laid out without the resilience
     * columns: refused too (the tag's "r2 " marks the layout). */
    static const char *const LONG = "tests/fixtures/sweep_1000.yaml"; /* a second: its journal is seen */
    snprintf(dir, sizeof dir, "%s/old_layout", tmp);
    snprintf(journal, sizeof journal, "%s/sweep.journal", dir);
    snprintf(cmd, sizeof cmd, "(%s sweep %s -q -j 1 -o %s & p=$!; while [ ! -s %s ]; do sleep 0.005; done; "
             "kill -9 $p; wait $p) > /dev/null 2>&1", decarb_bin(), LONG, dir, journal);
    system(cmd);
    char *now = slurp(journal), old_tag[128];
    assert_non_null(now);
    assert_memory_equal(now, "# decarb sweep r2 ", 18);
    snprintf(old_tag, sizeof old_tag, "# decarb sweep %.16s\n", now + 18);
    free(now);
    write_text(journal, old_tag);
    snprintf(cmd, sizeof cmd, "%s sweep %s -q -o %s > %s/o.log 2>&1", decarb_bin(), LONG, dir, tmp);
    rc = system(cmd);
    assert_true(WIFEXITED(rc) && WEXITSTATUS(rc) != 0);
    snprintf(journal, sizeof journal, "%s/o.log", tmp);
    log = slurp(journal);
    assert_non_null(strstr(log, "or an older decarb wrote it"));
    free(log);
    /* A folder named as the sweep file; a NUL byte in one, which is a control character, not its end
     * (the axes after it were not read, and the sweep said only that it had none). */
    expect_file_error(tmp, ": is a folder, not a sweep file");
    snprintf(dir, sizeof dir, "%s/nul.yaml", tmp);
    FILE *fp = fopen(dir, "wb");
    assert_non_null(fp);
    static const char with_nul[] = "name: a\0b\naxes:\n  - {key: grid.emission_factor_kg_per_kwh, values: [0.3]}\n";
    fwrite(with_nul, 1, sizeof with_nul - 1, fp);
    fclose(fp);
    expect_file_error(dir, "nul.yaml:1:1: YAML syntax error: control characters are not allowed");
    /* A base scenario that is not there: said at the sweep file's base: line. */
    snprintf(journal, sizeof journal, "%s/nobase.yaml", tmp);
    write_text(journal,
               "name: nobase\nbase: nothere.yaml\naxes:\n  - {key: grid.emission_factor_kg_per_kwh, values: [0.3]}\n");
    snprintf(cmd, sizeof cmd, "%s sweep %s -q -o %s/nobase_out > %s/o.log 2>&1", decarb_bin(), journal, tmp, tmp);
    rc = system(cmd);
    assert_true(WIFEXITED(rc) && WEXITSTATUS(rc) != 0);
    snprintf(journal, sizeof journal, "%s/o.log", tmp);
    log = slurp(journal);
    if (!strstr(log, "nobase.yaml:2:7: base: cannot read the base scenario")) fail_msg("got:\n%s", log);
    free(log);
    /* -o naming a file: refused as no folder (it was read as a foreign journal), the file left as it was. */
    snprintf(dir, sizeof dir, "%s/a_file", tmp);
    write_text(dir, "mine\n");
    snprintf(cmd, sizeof cmd, "%s sweep %s -q -o %s > %s/o.log 2>&1", decarb_bin(), SWEEP, dir, tmp);
    rc = system(cmd);
    assert_true(WIFEXITED(rc) && WEXITSTATUS(rc) != 0);
    log = slurp(journal);
    if (!strstr(log, "cannot create the output folder") || !strstr(log, "Not a directory")) fail_msg("got:\n%s", log);
    free(log);
    log = slurp(dir);
    assert_string_equal(log, "mine\n");
    free(log);
}

static dc_sweep *load_text(const char *body)
{
    char path[256], cwd[512], text[2048];
    assert_non_null(getcwd(cwd, sizeof cwd));
    snprintf(path, sizeof path, "%s/s.yaml", tmp);
    snprintf(text, sizeof text, "base: %s/scenarios/default.yaml\n%s", cwd, body);
    write_text(path, text);
    dc_sweep *w = NULL;
    dc_diag *d = dc_diag_create();
    dc_status st = dc_sweep_load(path, &w, d);
    if (st != DC_OK) print_diag(d);
    dc_diag_destroy(&d);
    assert_int_equal(st, DC_OK);
    return w;
}

/* Sobol's sequence (GSL) starts (0.5, 0.5, 0.5), (0.75, 0.25, 0.75): a
 * range takes lo + (hi - lo) u, or lo (hi/lo)^u on a log scale, and a list
 * the value at floor(u n). A seeded random sweep repeats itself. */
static void sampled_sweeps(void **state)
{
    (void)state;
    const char *axes = "samples: 2\naxes:\n"
                       "  - {key: grid.emission_factor_kg_per_kwh, from: 0.3, to: 0.5}\n"
                       "  - {key: batteries.town_hall_battery.energy_kwh, values: [0, 200, 500, 1000]}\n"
                       "  - {key: pv_arrays.irrigation_pond.capacity_kw, from: 500, to: 5000, scale: log}\n";
    char body[1024];
    snprintf(body, sizeof body, "combine: sobol\n%s", axes);
    dc_sweep *w = load_text(body);
    assert_int_equal(dc_sweep_cases(w), 2);
    assert_string_equal(dc_sweep_value(w, 0, 0), "0.4");
    assert_string_equal(dc_sweep_value(w, 0, 1), "500");
    assert_true(fabs(strtod(dc_sweep_value(w, 0, 2), NULL) - sqrt(500.0 * 5000)) < 1e-5);
    assert_string_equal(dc_sweep_value(w, 1, 0), "0.45");
    assert_string_equal(dc_sweep_value(w, 1, 1), "200");
    assert_true(fabs(strtod(dc_sweep_value(w, 1, 2), NULL) - 500 * pow(10, 0.75)) < 1e-5);
    dc_sweep_destroy(&w);
    snprintf(body, sizeof body, "combine: random\nseed: 7\n%s", axes);
    dc_sweep *a = load_text(body), *b = load_text(body);
    char first[64];
    snprintf(first, sizeof first, "%s", dc_sweep_value(a, 1, 2));
    assert_string_equal(first, dc_sweep_value(b, 1, 2));
    dc_sweep_destroy(&a), dc_sweep_destroy(&b);
    snprintf(body, sizeof body, "combine: random\nseed: 8\n%s", axes);
    a = load_text(body);
    assert_string_not_equal(first, dc_sweep_value(a, 1, 2));
    dc_sweep_destroy(&a);
    /* A whole-number key (the year) is sampled over whole values, each as likely: Sobol's first 64 points
     * in one dimension are k/64 in some order, so floor(u * 5) gives each of 5 years 12 or 13 times. */
    a = load_text("combine: sobol\nsamples: 64\naxes:\n  - {key: year, from: 2026, to: 2030}\n");
    int seen[5] = {0};
    for (size_t i = 0; i < 64; i++) {
        char *end;
        double y = strtod(dc_sweep_value(a, i, 0), &end);
        assert_true(*end == '\0' && y == floor(y) && y >= 2026 && y <= 2030);
        seen[(int)y - 2026]++;
    }
    for (int k = 0; k < 5; k++) assert_true(seen[k] == 12 || seen[k] == 13);
    dc_sweep_destroy(&a);
    /* On the log scale: floor(lo (hi + 1 / lo)^u), whole and within the range; u = 0.5 first. */
    a = load_text("combine: sobol\nsamples: 3\naxes:\n  - {key: year, from: 2026, to: 2030, scale: log}\n");
    assert_true(strtod(dc_sweep_value(a, 0, 0), NULL) == floor(2026 * sqrt(2031.0 / 2026)));
    for (size_t i = 0; i < 3; i++) {
        double y = strtod(dc_sweep_value(a, i, 0), NULL);
        assert_true(y == floor(y) && y >= 2026 && y <= 2030);
    }
    dc_sweep_destroy(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(cases_equal_separate_runs, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(thousand_cases_equal_separate_runs, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(readme_sweep_python_runs, tmp_setup, tmp_teardown),
        cmocka_unit_test(cached_model_equals_fresh),
        cmocka_unit_test(retuned_models_equal_new_ones),
        cmocka_unit_test(readers_across_runs_equal_new_models),
        cmocka_unit_test_setup_teardown(mixed_reuse_equals_separate_runs, tmp_setup, tmp_teardown),
        cmocka_unit_test(model_set_refuses),
        cmocka_unit_test_setup_teardown(accounting_keys_reuse_the_model, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(progress_bar_and_lines, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(killed_sweep_resumes_to_the_same_bytes, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(damaged_journal_rows_run_again, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(rank_journals_resume_to_the_same_bytes, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(bad_sweeps, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(failed_case_says_why, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(resilience_columns, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(paths_beside_the_sweep_file, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(set_keys_hold_in_every_case, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(table_h5_refuses_what_is_not_a_table, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(sampled_sweeps, tmp_setup, tmp_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
