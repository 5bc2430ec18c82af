/* decarb size: the answer put back into a plain run meets the target, and
 * one resolution step smaller does not; the least-cost mix meets it at no
 * more cost than any mix the search saw meet it; bad targets are refused
 * at their line. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

static dc_sweep *load_base(const char *base, const char *body)
{
    char path[] = "/tmp/decarb_size_XXXXXX.yaml";
    int fd = mkstemps(path, 5);
    assert_true(fd >= 0);
    FILE *fp = fdopen(fd, "w");
    fprintf(fp, "base: %s/%s\n%s", getenv("PWD") ? getenv("PWD") : ".", base, body);
    fclose(fp);
    dc_sweep *w = NULL;
    dc_diag *d = dc_diag_create();
    dc_status st = dc_sweep_load(path, &w, d);
    for (size_t i = 0; st != DC_OK && i < dc_diag_count(d); i++) fprintf(stderr, "%s\n", dc_diag_message(d, i));
    dc_diag_destroy(&d);
    remove(path);
    return w;
}

static dc_sweep *load_text(const char *body) { return load_base("scenarios/default.yaml", body); }

/* The shortfall of a plain run of the sweep's base with its set: keys
 * and the sizes set. */
static double plain_shortfall(const dc_sweep *w, const dc_target *t, const double *x)
{
    char sets[32][2048];
    const char *p[32];
    size_t n = 0;
    for (size_t k = 0; k < dc_sweep_sets(w); k++, n++) p[n] = dc_sweep_set(w, k, sets[n], sizeof sets[n]);
    for (size_t a = 0; a < dc_sweep_axes(w); a++, n++) {
        snprintf(sets[n], sizeof sets[n], "%s=%.10g", dc_sweep_axis_key(w, a), x[a]);
        p[n] = sets[n];
    }
    run r;
    run_scenario(&r, dc_sweep_base(w), p, (int)n);
    double s = NAN;
    assert_int_equal(dc_target_shortfall(r.m, t, &s), DC_OK);
    close_run(&r);
    return s;
}

typedef struct {
    double best_cost; /* least annual cost of any run that met the target */
    size_t runs;
    double x[64][16]; /* the first runs' sizes */
    int repeated;     /* runs of sizes run before among them */
} seen;

static void visit(const dc_size_point *p, void *ctx)
{
    seen *s = ctx;
    for (size_t k = 0; k < s->runs && k < 64; k++) s->repeated += !memcmp(s->x[k], p->x, p->n * sizeof *p->x);
    if (s->runs < 64) memcpy(s->x[s->runs], p->x, p->n * sizeof *p->x);
    s->runs++;
    if (p->meets && p->annual_cost < s->best_cost) s->best_cost = p->annual_cost;
}

static void solve(const dc_sweep *w, dc_size_result *res, seen *s)
{
    dc_diag *d = dc_diag_create();
    dc_runner *r = NULL;
    assert_int_equal(dc_runner_for_sweep(w, &r, d), DC_OK);
    assert_int_equal(dc_size_solve(w, r, visit, s, res, d), DC_OK);
    assert_int_equal(res->runs, s->runs);
    dc_runner_destroy(&r);
    dc_diag_destroy(&d);
}

/* Solved, and the target reached within the axes' ranges. */
static void solve_reached(const dc_sweep *w, dc_target *t, dc_size_result *res, seen *s)
{
    assert_non_null(w);
    assert_int_equal(dc_sweep_target(w, t), 1);
    solve(w, res, s);
    assert_false(res->unreached);
}

/* The smallest pond for 30 % self-sufficiency, its set: keys first (none:
 * ""); the answer [kW]. */
static double pond_for_30_pct(const char *set)
{
    char body[512];
    snprintf(body, sizeof body, "%starget: {metric: self_sufficiency, at_least_pct: 30}\n"
             "axes:\n  - {key: pv_arrays.irrigation_pond.capacity_kw, from: 0, to: 10000, resolution: 10}\n", set);
    dc_sweep *w = load_text(body);
    assert_non_null(w);
    dc_target t;
    assert_int_equal(dc_sweep_target(w, &t), 1);
    dc_size_result res;
    seen s = {INFINITY, 0, {{0}}, 0};
    solve(w, &res, &s);
    assert_false(res.unreached);
    assert_false(res.at_floor);
    double x = res.answer.x[0];
    assert_true(fabs(x / 10 - round(x / 10)) < 1e-9); /* on the resolution's grid */
    assert_true(res.below.x[0] == x - 10);
    double at = plain_shortfall(w, &t, &x), less = x - 10;
    assert_true(at <= 0);
    assert_true(plain_shortfall(w, &t, &less) > 0);
    assert_true(fabs(at - res.answer.shortfall) < 1e-9); /* the solver's figure is a plain run's */
    assert_true(s.runs < 40); /* bracketing, not a scan of 1,000 sizes */
    assert_int_equal(s.repeated, 0); /* GSL asks for the bracket's ends again: not run twice */
    dc_sweep_destroy(&w);
    return x;
}

static void smallest_size_meets_and_one_step_less_does_not(void **state)
{
    (void)state;
    double plain = pond_for_30_pct("");
    /* Held at 300 kW of export, the pond sells less in each hour: a larger
     * pond, which meets with the same set: in a plain run, one step less not. */
    double capped = pond_for_30_pct("set:\n  sites.irrigation_pond.export_limit_kw: 300\n");
    assert_true(capped > plain);
}

/* 47 % self-sufficiency at the least cost of the town hall's battery and
 * rooftop (scenarios/size_rooftop.yaml). */
static dc_sweep *least_cost_sweep(void)
{
    return load_text("target: {metric: self_sufficiency, at_least_pct: 47}\naxes:\n"
                            "  - {key: batteries.town_hall_battery.energy_kwh, from: 0, to: 2000, resolution: 50}\n"
                            "  - {key: pv_arrays.town_hall.capacity_kw, from: 0, to: 3000, resolution: 10}\n");
}

static void least_cost_mix_meets_the_target(void **state)
{
    (void)state;
    dc_sweep *w = least_cost_sweep();
    dc_target t;
    dc_size_result res;
    seen s = {INFINITY, 0, {{0}}, 0};
    solve_reached(w, &t, &res, &s);
    double x[2] = {res.answer.x[0], res.answer.x[1]}, less[2] = {x[0], x[1] - 10};
    assert_true(fmod(x[0], 50) == 0);
    assert_true(plain_shortfall(w, &t, x) <= 0);
    assert_true(plain_shortfall(w, &t, less) > 0);
    /* The answer is on the grid: within one array step's cost of the best run seen. */
    assert_true(res.answer.annual_cost <= s.best_cost * 1.01);
    dc_sweep_destroy(&w);
}

/* One grid point of the least-cost search, run on a runner (the model
 * retuned between points, as sizing does): its shortfall and annual cost. */
typedef struct {
    const dc_runner *r;
    dc_cache *cache;
    dc_model *m;
    char sets[2][256];
    const dc_target *t;
} grid_runs;

static void grid_point(grid_runs *g, double battery, double pv, double *shortfall, double *cost)
{
    char after[2][256];
    snprintf(after[0], sizeof after[0], "batteries.town_hall_battery.energy_kwh=%.10g", battery);
    snprintf(after[1], sizeof after[1], "pv_arrays.town_hall.capacity_kw=%.10g", pv);
    const char *before[2] = {g->sets[0], g->sets[1]}, *now[2] = {after[0], after[1]};
    dc_diag *d = dc_diag_create();
    assert_int_equal(dc_runner_rerun(g->r, g->cache, g->m ? before : NULL, now, 2, &g->m, d), DC_OK);
    dc_diag_destroy(&d);
    memcpy(g->sets, after, sizeof after);
    dc_econ_row e;
    assert_int_equal(dc_target_shortfall(g->m, g->t, shortfall), DC_OK);
    assert_int_equal(dc_model_econ_total(g->m, &e), 0);
    *cost = e.annual_cost;
}

/* The least-cost mix is the least on the whole grid: for every battery
 * size on its 50 kWh grid, the smallest array on its 10 kW grid that
 * meets 47 % (bisection: self-sufficiency rises with the array), and the
 * cheapest of those 41 mixes is the solver's answer, cost and sizes. */
static void least_cost_mix_is_the_grid_minimum(void **state)
{
    (void)state;
    dc_sweep *w = least_cost_sweep();
    dc_target t;
    dc_size_result res;
    seen s = {INFINITY, 0, {{0}}, 0};
    solve_reached(w, &t, &res, &s);
    const char *keys[2] = {dc_sweep_axis_key(w, 0), dc_sweep_axis_key(w, 1)};
    dc_diag *d = dc_diag_create();
    grid_runs g = {NULL, dc_cache_create(), NULL, {"", ""}, &t};
    dc_runner *r = NULL;
    assert_int_equal(dc_runner_create(dc_sweep_base(w), keys, 2, &r, d), DC_OK);
    g.r = r;
    double best = INFINITY, best_b = NAN, best_pv = NAN, sf, cost;
    for (int b = 0; b <= 2000; b += 50) {
        int lo = 0, hi = 300; /* in 10 kW steps: 0 kW short, 3000 kW meets */
        grid_point(&g, b, 3000, &sf, &cost);
        assert_true(sf <= 0);
        while (hi - lo > 1) {
            int mid = (lo + hi) / 2;
            grid_point(&g, b, 10.0 * mid, &sf, &cost);
            if (sf <= 0) hi = mid;
            else lo = mid;
        }
        grid_point(&g, b, 10.0 * hi, &sf, &cost);
        if (cost < best) best = cost, best_b = b, best_pv = 10.0 * hi;
    }
    assert_true(res.answer.annual_cost == best);
    assert_true(res.answer.x[0] == best_b && res.answer.x[1] == best_pv);
    dc_model_destroy(&g.m);
    dc_cache_destroy(&g.cache);
    dc_runner_destroy(&r);
    dc_diag_destroy(&d);
    dc_sweep_destroy(&w);
}

/* A one-axis size of the typhoon town: the answer, which meets in a plain
 * run while one step (`step`) smaller does not. */
static double typhoon_size(const char *body, double step, seen *s)
{
    dc_sweep *w = load_base("scenarios/typhoon_town.yaml", body);
    dc_target t;
    dc_size_result res;
    solve_reached(w, &t, &res, s);
    double x = res.answer.x[0], less = x - step;
    assert_true(res.below.x[0] == less);
    assert_true(plain_shortfall(w, &t, &x) <= 0);
    assert_true(plain_shortfall(w, &t, &less) > 0);
    dc_sweep_destroy(&w);
    return x;
}

/* The shelter's battery (0 to 2000 kWh in 10 kWh steps) sized for a
 * target of the typhoon town. */
static double shelter_size(const char *target, seen *s)
{
    char body[512];
    snprintf(body, sizeof body, "target: %s\naxes:\n"
             "  - {key: batteries.shelter_battery.energy_kwh, from: 0, to: 2000, resolution: 10}\n", target);
    return typhoon_size(body, 10, s);
}

/* Resilience: the shelter's battery that keeps the school's critical
 * loads 72 hours from 90 % of the year's start hours (typhoon town). */
static void resilience_size_meets_and_one_step_less_does_not(void **state)
{
    (void)state;
    seen s = {INFINITY, 0, {{0}}, 0};
    double x = shelter_size("{metric: resilience, site: school, hours: 72, at_least_pct: 90}", &s);
    assert_true(x > 0 && fmod(x, 10) == 0);
}

/* A count (the town hall's official EVs) is sized on whole numbers: the
 * solver's tries between two counts ran as the error 'expected a whole
 * number, got 40.555'. The answer meets in a plain run; one car fewer not. */
static void whole_number_size_meets_and_one_less_does_not(void **state)
{
    (void)state;
    seen s = {INFINITY, 0, {{0}}, 0};
    double x = typhoon_size("target: {metric: resilience, site: town_hall, hours: 72, at_least_pct: 60}\naxes:\n"
                            "  - {key: ev_fleets.official_evs.count, from: 1, to: 50}\n", 1, &s);
    assert_true(x == floor(x));
    for (size_t k = 0; k < s.runs && k < 64; k++) assert_true(s.x[k][0] == floor(s.x[k][0])); /* every try */
}

/* The size file of body on the bundled scenario base fails to load, saying needle. */
static void expect_error_on(const char *base, const char *body, const char *needle)
{
    char path[] = "/tmp/decarb_size_XXXXXX.yaml";
    int fd = mkstemps(path, 5);
    FILE *fp = fdopen(fd, "w");
    fprintf(fp, "base: %s/%s\n%s", getenv("PWD") ? getenv("PWD") : ".", base, body);
    fclose(fp);
    dc_sweep *w = NULL;
    dc_diag *d = dc_diag_create();
    assert_int_not_equal(dc_sweep_load(path, &w, d), DC_OK);
    int found = 0;
    for (size_t i = 0; i < dc_diag_count(d); i++) found |= strstr(dc_diag_message(d, i), needle) != NULL;
    if (!found) fail_msg("no '%s' in: %s", needle, dc_diag_count(d) ? dc_diag_message(d, 0) : "(none)");
    dc_diag_destroy(&d);
    remove(path);
}

static void expect_error(const char *body, const char *needle) { expect_error_on("scenarios/default.yaml", body, needle); }

static void bad_targets(void **state)
{
    (void)state;
    const char *axis = "axes:\n  - {key: pv_arrays.irrigation_pond.capacity_kw, from: 0, to: 1000}\n";
    static const char *const TARGETS[][2] = { /* target:, what the error says */
        {"net_zerro", "2:9: target: 'net_zerro': the target is net_zero, self_sufficiency, resilience or outage"},
        {"self_sufficiency", "give a mapping with at_least_pct:"},
        {"{metric: self_sufficiency, at_least_pct: 140}", "at_least_pct: 140: a share above 0 and at most 100 %"},
        {"{metric: resilience, at_least_pct: 90, hours: 72}", "resilience needs site: and hours:"},
        {"{metric: resilience, site: nowhere, at_least_pct: 90, hours: 72}", /* a load's name, say */
         "2:36: site: 'nowhere' is not a site of the base scenario (town_hall, "},
        {"{metric: resilience, site: town_hall, at_least_pct: 90, hours: 48}",
         "hours: 48: the survival scan counts 24, 72 or 168 hours"},
        {"{metric: outage, outage: typhoon}",
         "2:34: outage: 'typhoon' is not an outage of the base scenario (it has none)"},
        {"outage", "give a mapping with outage: (and site:)"},
        {"{metric: outage}", "missing required key: the name of one of the base's outages"},
        {"{metric: outage, outage: x, at_least_pct: 90}",
         "at_least_pct: an outage target is every critical kWh served: no share"},
        {"{metric: self_sufficiency, at_least_pct: 30, outage: x}", "outage: only with metric: outage"},
        {"{metric: self_sufficiency, at_least_pct: 30, at_least_pct: 40}", "at_least_pct: given twice"},
        {"{metric: resilience, site: town_hall, at_least_pct: 90, hours: 72}", /* the default scans nothing */
         "2:9: target: resilience reads the survival scan: the base scenario needs resilience.scan: true"},
    };
    char body[512];
    for (size_t k = 0; k < sizeof TARGETS / sizeof TARGETS[0]; k++) {
        snprintf(body, sizeof body, "target: %s\n%s", TARGETS[k][0], axis);
        expect_error(body, TARGETS[k][1]);
    }
    expect_error("target: net_zero\naxes:\n  - {key: pv_arrays.irrigation_pond.capacity_kw, values: [1, 2]}\n",
                 "sizing varies each key over a range");
    expect_error("target: net_zero\naxes:\n  - {key: pv_arrays.irrigation_pond.capacity_kw, from: 0, to: 9, "
                 "resolution: 0}\n", "resolution: 0: the size step is above zero");
    expect_error("target: net_zero\naxes:\n  - {key: pv_arrays.irrigation_pond.capacity_kw, from: 9, to: 1}\n",
                 "from: (smaller) to: (larger)");
    /* A size file's runs are the solver's: what shapes a sweep's cases is
     * refused, not passed over. */
    static const char *const CASE_KEYS[] = {"combine: sobol", "samples: 10", "seed: 7", "hourly: [0]"};
    for (size_t k = 0; k < sizeof CASE_KEYS / sizeof CASE_KEYS[0]; k++) {
        char key[16], want[160];
        snprintf(body, sizeof body, "%s\ntarget: net_zero\n%s", CASE_KEYS[k], axis);
        snprintf(key, sizeof key, "%.*s", (int)strcspn(CASE_KEYS[k], ":"), CASE_KEYS[k]);
        snprintf(want, sizeof want, "%s: a size file's runs are the solver's", key);
        expect_error(body, want);
    }
    /* net_zero on a base without a 先行地域 area: said at the target, before any run. */
    expect_error_on("scenarios/forest_city.yaml", "target: net_zero\naxes:\n  - {key: "
                    "biomass_plants.chip_chp.capacity_kw, from: 100, to: 2000}\n",
                    "2:9: target: net_zero reads the 先行地域 table: the base scenario has no leading_area.area");
    /* On the typhoon town: an outage that does not cut off the site named. */
    assert_null(load_base("scenarios/typhoon_town.yaml", "target: {metric: outage, outage: typhoon, site: households}\n"
                          "axes:\n  - {key: batteries.shelter_battery.energy_kwh, from: 0, to: 500}\n"));
}

/* Critical demand the site did not serve from start for hours [kWh],
 * read from its series by the time stamps (not by resilience.c's rows). */
static double unserved_in(const char *base, const char *set, const char *site, int month, int day, int hour,
                          int hours)
{
    run r;
    const char *sets[1] = {set};
    run_scenario(&r, base, sets, 1);
    char name[128];
    snprintf(name, sizeof name, "site:%s:unserved", site);
    const double *u = dc_model_series(r.m, name);
    assert_non_null(u);
    double sum = 0;
    int in = 0;
    for (size_t i = 0; i < dc_model_steps(r.m); i++) {
        dc_time t;
        dc_model_time(r.m, i, &t);
        if (t.month == month && t.day == day && t.hour == hour) in = hours;
        if (in-- > 0) sum += u[i];
    }
    close_run(&r);
    return sum;
}

/* The smallest shelter battery with which the school rides through the
 * typhoon (72 h from 2030-09-20 16:00): its critical loads lose nothing
 * there in a plain run, and 10 kWh less loses some. Every size above the
 * answer is exactly 0 kWh short, a root Brent would stop at: halving
 * finds it in a few runs. */
static void outage_size_rides_through(void **state)
{
    (void)state;
    seen s = {INFINITY, 0, {{0}}, 0};
    double x = shelter_size("{metric: outage, outage: typhoon, site: school}", &s);
    char at[96], less[96];
    snprintf(at, sizeof at, "batteries.shelter_battery.energy_kwh=%.10g", x);
    snprintf(less, sizeof less, "batteries.shelter_battery.energy_kwh=%.10g", x - 10);
    assert_true(unserved_in("scenarios/typhoon_town.yaml", at, "school", 9, 20, 16, 72) == 0);
    assert_true(unserved_in("scenarios/typhoon_town.yaml", less, "school", 9, 20, 16, 72) > 0);
    assert_true(s.runs <= 16); /* the two ends, about log2(2000 / 10) halvings, the grid's two */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(smallest_size_meets_and_one_step_less_does_not),
        cmocka_unit_test(least_cost_mix_meets_the_target),
        cmocka_unit_test(least_cost_mix_is_the_grid_minimum),
        cmocka_unit_test(whole_number_size_meets_and_one_less_does_not),
        cmocka_unit_test(resilience_size_meets_and_one_step_less_does_not),
        cmocka_unit_test(outage_size_rides_through),
        cmocka_unit_test(bad_targets),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
