/* Sizing: the smallest size of one range axis that reaches a target, found
 * by GSL's Brent root bracketing on the shortfall and snapped to the axis's
 * resolution (that size reaches it, one step smaller does not); with
 * several axes, the least annual cost: GSL's Nelder-Mead simplex over all
 * but the last axis, the last solved for each point so that every point
 * tried meets the target (the constraint handled by elimination, not by a
 * penalty). Every run is reported to the caller (the explored curve). */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <gsl/gsl_multimin.h>
#include <gsl/gsl_roots.h>

#include "decarb.h"

enum { MAX_ITER = 100, MAX_OUTER = 60, KEPT = 8 };

typedef struct {
    const dc_sweep *w;
    const dc_runner *runner;
    dc_cache *cache;
    dc_target target;
    dc_size_visit visit;
    void *ctx;
    dc_diag *diag;
    size_t n;                /* axes */
    double x[16];            /* the point being evaluated */
    dc_size_point last;      /* the latest evaluation */
    dc_model *m;             /* the latest run's model, retuned for the next when its keys allow */
    char sets[16][512];      /* ... and the assignments it was run with */
    dc_status failed;        /* a run that failed stops the search */
    size_t runs;
    dc_size_point seen[KEPT]; /* the latest runs: GSL's Brent asks again for the ends it was given */
    size_t n_seen;
} sizer;

const char *dc_target_unit(const dc_target *t)
{
    return t && t->metric == DC_TARGET_NET_ZERO ? "MWh" : t && t->metric == DC_TARGET_OUTAGE ? "kWh" : "%-points";
}

/* Critical demand not served during the target's outage at its site (at
 * every site it cuts off when it names none) [kWh]. */
static dc_status outage_unserved(const dc_model *m, const dc_target *t, double *kwh)
{
    dc_outage_result o;
    int found = 0;
    *kwh = 0.0;
    for (size_t i = 0; dc_model_outage_get(m, i, &o) == 0; i++) {
        if (strcmp(o.outage, t->outage) || (t->site[0] && strcmp(o.site, t->site))) continue;
        *kwh += o.unserved_kwh;
        found = 1;
    }
    return found ? DC_OK : DC_ERR_SCENARIO;
}

static dc_status resilience_share(const dc_model *m, const dc_target *t, double *share)
{
    dc_survival_row row;
    for (size_t i = 0; dc_model_survival_get(m, i, &row) == 0; i++) {
        if (row.month || strcmp(row.site, t->site)) continue;
        *share = t->hours == 24 ? row.share_24h : t->hours == 72 ? row.share_72h : row.share_168h;
        return DC_OK;
    }
    return DC_ERR_SCENARIO;
}

dc_status dc_target_shortfall(const dc_model *m, const dc_target *t, double *out)
{
    if (!m || !t || !out) return DC_ERR_ARG;
    dc_netzero z;
    dc_totals tot;
    double share = 0;
    dc_status st = DC_ERR_ARG;
    if (t->metric == DC_TARGET_NET_ZERO && (st = dc_model_netzero(m, &z)) == DC_OK)
        *out = z.a_mwh - z.b_mwh - z.c_mwh; /* A - B - C: above zero is short */
    else if (t->metric == DC_TARGET_SELF_SUFFICIENCY && (st = dc_model_totals(m, 0, &tot)) == DC_OK)
        *out = t->at_least_pct - 100 * tot.self_sufficiency;
    else if (t->metric == DC_TARGET_RESILIENCE && (st = resilience_share(m, t, &share)) == DC_OK)
        *out = t->at_least_pct - 100 * share;
    else if (t->metric == DC_TARGET_OUTAGE)
        st = outage_unserved(m, t, out);
    return st;
}

/* A model run with the assignments, the last one retuned when it can be. */
static dc_status model_at(sizer *z, char (*sets)[512])
{
    const char *before[16], *after[16];
    for (size_t a = 0; a < z->n; a++) before[a] = z->sets[a], after[a] = sets[a];
    dc_status st = dc_runner_rerun(z->runner, z->cache, z->m ? before : NULL, after, z->n, &z->m, z->diag);
    memcpy(z->sets, sets, z->n * sizeof *sets);
    if (st != DC_OK) dc_model_destroy(&z->m); /* a failed run is never reused */
    return st;
}

/* One run at z->x; its point is z->last. */
static void evaluate(sizer *z)
{
    char sets[16][512];
    for (size_t a = 0; a < z->n; a++)
        snprintf(sets[a], sizeof sets[a], "%s=%.10g", dc_sweep_axis_key(z->w, a), z->x[a]);
    dc_size_point *p = &z->last;
    memset(p, 0, sizeof *p);
    p->n = z->n;
    memcpy(p->x, z->x, z->n * sizeof *z->x);
    p->shortfall = p->annual_cost = NAN;
    p->status = model_at(z, sets);
    if (p->status == DC_OK) p->status = dc_target_shortfall(z->m, &z->target, &p->shortfall);
    dc_econ_row e;
    if (p->status == DC_OK && dc_model_econ_total(z->m, &e) == 0) p->annual_cost = e.annual_cost;
    dc_totals t;
    if (p->status == DC_OK && dc_model_totals(z->m, 0, &t) == DC_OK)
        p->pv_kwh = t.pv_kwh, p->curtailed_kwh = t.curtailed_kwh,
        p->unsold_kwh = fmax(0.0, t.pv_export_kwh - t.offsite_ppa_sold_kwh);
    p->meets = p->status == DC_OK && p->shortfall <= 0;
    z->seen[z->n_seen++ % KEPT] = *p;
    z->runs++;
    if (p->status != DC_OK && z->failed == DC_OK) z->failed = p->status;
    if (z->visit) z->visit(p, z->ctx);
}

/* A point run already (the same sizes on every axis) is not run again:
 * a run gives the same figures every time. */
static int seen_before(sizer *z)
{
    for (size_t k = 0; k < z->n_seen && k < KEPT; k++)
        if (!memcmp(z->seen[k].x, z->x, z->n * sizeof *z->x)) return z->last = z->seen[k], 1;
    return 0;
}

/* v on axis a's grid when its key takes whole numbers: a search between
 * two counts of cars runs the nearer one (the function a solver sees is
 * then a staircase, which bracketing handles). */
static double on_grid(const sizer *z, size_t a, double v)
{
    double lo, hi, res;
    if (!dc_sweep_axis_whole(z->w, a) || dc_sweep_axis_range(z->w, a, &lo, &hi, &res)) return v;
    return fmin(lo + round((v - lo) / res) * res, hi);
}

static double at_last(sizer *z, double v)
{
    z->x[z->n - 1] = on_grid(z, z->n - 1, v);
    if (!seen_before(z)) evaluate(z);
    return z->last.status == DC_OK ? z->last.shortfall : 1e300; /* GSL needs a number: failed is far short */
}

static double shortfall_fn(double v, void *p) { return at_last(p, v); }

typedef struct {
    double lo, hi, res;
    double meet, fail;       /* smallest size seen to meet, largest below it seen to fail */
    dc_size_point meet_p, fail_p;
} bracket;

static void note(sizer *z, bracket *b)
{
    double v = z->x[z->n - 1];
    if (z->last.meets && v < b->meet) b->meet = v, b->meet_p = z->last;
    if (!z->last.meets && v > b->fail && v < b->meet) b->fail = v, b->fail_p = z->last;
}

/* Halving until the sizes that meet and fail are within one resolution:
 * for a target met exactly (an outage ridden through: 0 kWh short at every
 * size above the answer), where Brent, handed a root at its upper end,
 * would stop there. */
static void bisect(sizer *z, bracket *b)
{
    for (int k = 0; k < MAX_ITER && z->failed == DC_OK && b->meet - b->fail > b->res; k++) {
        double meet = b->meet, fail = b->fail;
        at_last(z, 0.5 * (meet + fail));
        if (z->x[z->n - 1] == meet || z->x[z->n - 1] == fail) break; /* a count's grid: no size between */
        note(z, b);
    }
}

/* Brent until the sizes that meet and fail are within one resolution. */
static void bracket_root(sizer *z, bracket *b)
{
    if (b->meet_p.shortfall == 0) {
        bisect(z, b);
        return;
    }
    gsl_function f = {shortfall_fn, z};
    gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
    if (!s) {
        z->failed = DC_ERR_NOMEM;
        return;
    }
    gsl_root_fsolver_set(s, &f, b->fail, b->meet); /* signs checked: GSL's handler is never called */
    for (int k = 0; k < MAX_ITER && z->failed == DC_OK && b->meet - b->fail > b->res; k++) {
        gsl_root_fsolver_iterate(s);
        note(z, b);
    }
    gsl_root_fsolver_free(s);
}

/* The smallest size on the axis's grid (lo + k res, and hi) that meets. */
static void snap(sizer *z, bracket *b, dc_size_point *answer, dc_size_point *below)
{
    double k = ceil((b->meet - b->lo) / b->res - 1e-9), v = fmin(b->lo + k * b->res, b->hi);
    at_last(z, v);
    while (!z->last.meets && v < b->hi && z->failed == DC_OK) at_last(z, v = fmin(v + b->res, b->hi));
    *answer = z->last;
    while (z->failed == DC_OK && v > b->lo) { /* one step smaller must not meet */
        at_last(z, v = fmax(v - b->res, b->lo));
        if (!z->last.meets) break;
        *answer = z->last;
    }
    *below = z->last;
}

/* The last axis solved with the others at z->x; 0, or -1 when even its
 * upper end does not meet (answer: that end's point). */
static int solve_last(sizer *z, dc_size_point *answer, dc_size_point *below, int *at_floor)
{
    size_t a = z->n - 1;
    bracket b = {.meet = INFINITY, .fail = -INFINITY};
    dc_sweep_axis_range(z->w, a, &b.lo, &b.hi, &b.res);
    *at_floor = 0;
    at_last(z, b.lo);
    if (z->failed != DC_OK) return *answer = *below = z->last, 0; /* the target cannot be read: stop */
    if (z->last.meets) return *answer = *below = z->last, *at_floor = 1, 0;
    b.fail = b.lo, b.fail_p = z->last;
    at_last(z, b.hi);
    if (!z->last.meets) return *answer = *below = z->last, -1;
    b.meet = b.hi, b.meet_p = z->last;
    bracket_root(z, &b);
    if (z->failed == DC_OK) snap(z, &b, answer, below);
    return 0;
}

typedef struct {
    sizer *z;
    double lo[16], hi[16];
} outer;

/* Annual cost of the point (the other axes from u in [0, 1], clamped),
 * with the last axis at the smallest size that meets. */
static double cost_fn(const gsl_vector *u, void *p)
{
    outer *o = p;
    sizer *z = o->z;
    for (size_t a = 0; a + 1 < z->n; a++) {
        double t = fmin(fmax(gsl_vector_get(u, a), 0.0), 1.0);
        z->x[a] = on_grid(z, a, o->lo[a] + t * (o->hi[a] - o->lo[a]));
    }
    dc_size_point answer, below;
    int floor_hit;
    if (z->failed != DC_OK || solve_last(z, &answer, &below, &floor_hit)) return 1e300;
    if (isnan(answer.annual_cost) && z->failed == DC_OK) z->failed = DC_ERR_SCENARIO; /* no costs to compare */
    return isnan(answer.annual_cost) ? 1e300 : answer.annual_cost;
}

static void least_cost(sizer *z, dc_size_result *out)
{
    outer o = {z, {0}, {0}};
    size_t k = z->n - 1;
    double res_min = 1, r;
    for (size_t a = 0; a < k; a++) {
        dc_sweep_axis_range(z->w, a, &o.lo[a], &o.hi[a], &r);
        res_min = fmin(res_min, r / (o.hi[a] - o.lo[a]));
    }
    gsl_multimin_function f = {cost_fn, k, &o};
    gsl_vector *u = gsl_vector_alloc(k), *step = gsl_vector_alloc(k);
    gsl_multimin_fminimizer *s = gsl_multimin_fminimizer_alloc(gsl_multimin_fminimizer_nmsimplex2, k);
    if (!u || !step || !s) z->failed = DC_ERR_NOMEM;
    if (z->failed == DC_OK) {
        gsl_vector_set_all(u, 0.5);
        gsl_vector_set_all(step, 0.25);
        gsl_multimin_fminimizer_set(s, &f, u, step);
    }
    for (int it = 0; it < MAX_OUTER && z->failed == DC_OK; it++) {
        if (gsl_multimin_fminimizer_iterate(s)) break;
        if (gsl_multimin_test_size(gsl_multimin_fminimizer_size(s), res_min) == GSL_SUCCESS) break;
    }
    for (size_t a = 0; z->failed == DC_OK && a < k; a++) { /* the best point, on each axis's grid */
        double t = fmin(fmax(gsl_vector_get(s->x, a), 0.0), 1.0), lo = o.lo[a], hi = o.hi[a];
        dc_sweep_axis_range(z->w, a, &lo, &hi, &r);
        z->x[a] = fmin(lo + round(t * (hi - lo) / r) * r, hi);
    }
    if (z->failed == DC_OK && solve_last(z, &out->answer, &out->below, &out->at_floor)) out->unreached = 1;
    gsl_multimin_fminimizer_free(s);
    gsl_vector_free(u), gsl_vector_free(step);
}

dc_status dc_size_solve(const dc_sweep *w, const dc_runner *r, dc_size_visit visit, void *ctx, dc_size_result *out,
                        dc_diag *diag)
{
    if (!w || !r || !out) return DC_ERR_ARG;
    memset(out, 0, sizeof *out);
    sizer z = {.w = w, .runner = r, .visit = visit, .ctx = ctx, .diag = diag, .n = dc_sweep_axes(w)};
    double lo, hi, res;
    if (!dc_sweep_target(w, &z.target) || z.n < 1 || z.n > 16) return DC_ERR_ARG;
    for (size_t a = 0; a < z.n; a++)
        if (dc_sweep_axis_range(w, a, &lo, &hi, &res)) return DC_ERR_ARG;
        else z.x[a] = lo;
    if (!(z.cache = dc_cache_create())) return DC_ERR_NOMEM;
    if (z.n == 1) out->unreached = solve_last(&z, &out->answer, &out->below, &out->at_floor) != 0;
    else least_cost(&z, out);
    dc_model_destroy(&z.m);
    dc_cache_destroy(&z.cache);
    out->runs = z.runs;
    return z.failed;
}
