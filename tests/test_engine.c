/* The engine alone, on a rig built by hand: one site on one bus with its
 * grid connection and one planted resource type. Checks that conservation
 * can fail (a resource that misreports, a store whose ledger leaks), that
 * floors are honoured, and that the grid's availability changes by step. */
#include "helpers.h"

#include <math.h>

#include "engine.h"
#include "types.h"

enum { STEPS = 4 };

typedef struct {
    dc_engine e;
    dc_stamp t[STEPS];
    dc_instance inst[2];
    dc_site site;
    dc_bus bus;
    int res[2], deficit[2], surplus[2], sites[1], sellers[2], profiles[2], active_buses[1], work[1];
    double demand[STEPS], crit[STEPS], pv[STEPS], bus_sums[2 * STEPS];
    double town[F_COUNT][STEPS], imp[STEPS], exp[STEPS], residual[STEPS], sink[STEPS];
    double flow[F_COUNT][STEPS]; /* the site's other flows, recorded for the tests to read */
    dc_slot slot[2];
    dc_member mem[2];
    dc_slot *deficit_slot[2], *surplus_slot[2];
    double *sold[2];
    double grid_state[2];
    unsigned char up[STEPS];
} rig;

/* Site "hall" with demand d and PV p each step, a grid connection (import
 * and export limits [kW]) and one planted instance `r1`. */
static void rig_init(rig *r, double d, double p, double imp_kw, double exp_kw, const dc_restype *type, void *state)
{
    memset(r, 0, sizeof *r);
    for (int i = 0; i < STEPS; i++) {
        r->t[i] = (dc_stamp){2030, 4, 1, (signed char)i, 0, 1, 0, 0};
        r->demand[i] = d;
        r->pv[i] = p;
        r->up[i] = 1;
    }
    dc_grid_make(r->grid_state, imp_kw, exp_kw, 1.0);
    r->inst[0] = (dc_instance){.type = &dc_grid_type, .state = r->grid_state, .site = 0, .bus = 0, .name = "hall"};
    r->inst[1] = (dc_instance){.type = type, .state = state, .site = 0, .bus = 0, .name = "planted"};
    r->res[0] = 0, r->res[1] = 1;
    r->deficit[0] = 1, r->deficit[1] = 0; /* the planted resource first, then the grid */
    r->surplus[0] = 1, r->surplus[1] = 0;
    snprintf(r->site.name, sizeof r->site.name, "hall");
    r->site.n_res = 2, r->site.res = r->res;
    r->site.demand = r->demand, r->site.pv = r->pv, r->site.crit = r->crit; /* no critical load */
    r->site.f[F_GRID_IMPORT] = r->imp, r->site.f[F_GRID_EXPORT] = r->exp, r->site.f[F_RESIDUAL] = r->residual;
    for (int k = F_UNSERVED; k < F_COUNT; k++)
        if (!r->site.f[k]) r->site.f[k] = r->flow[k];
    snprintf(r->bus.name, sizeof r->bus.name, "hall");
    r->bus.n_sites = 1, r->bus.sites = r->sites;
    r->bus.n_res = 2, r->bus.res = r->res;
    r->bus.n_deficit = 2, r->bus.deficit = r->deficit;
    r->bus.n_surplus = 2, r->bus.surplus = r->surplus;
    r->bus.mem = r->mem, r->bus.deficit_slot = r->deficit_slot, r->bus.surplus_slot = r->surplus_slot;
    r->bus.sums = r->bus_sums; /* an outage: its inputs are summed (dc_engine_prepare) */
    r->bus.grid_up = r->up;
    r->bus.sink = r->sink; /* the site records its connection's flows */
    dc_engine *e = &r->e;
    e->n_steps = STEPS, e->step_h = 1.0, e->t = r->t;
    e->n_inst = 2, e->n_sites = 1, e->n_buses = 1;
    e->inst = r->inst, e->site = &r->site, e->bus = &r->bus;
    for (int k = 0; k < F_COUNT; k++) e->town[k] = r->town[k];
    e->slot = r->slot, e->sold = r->sold;
    e->sellers = r->sellers;
    e->active_buses = r->active_buses, e->work = r->work;
    e->tolerance = DC_BALANCE_TOLERANCE_KWH;
    e->threads = 1;
    assert_int_equal(dc_engine_prepare(e), 0);
}

/* A generator that reports one kWh more than it was asked to give. */
typedef struct {
    double must, max; /* [kWh] */
    double extra;     /* what it adds to its report [kWh] */
    int from;         /* ... from this step on */
} gen_state;

static void gen_bounds(const void *st, const dc_ctx *c, dc_bounds *b)
{
    const gen_state *s = st;
    (void)c;
    *b = (dc_bounds){s->must, s->max, 0, 0, 0};
}
static double gen_commit(void *st, const dc_ctx *c, double kwh)
{
    const gen_state *s = st;
    return kwh + (c->i >= s->from ? s->extra : 0.0);
}
static void no_reset(void *st) { (void)st; }
static const dc_restype GEN = {.name = "gen", .role = DC_ROLE_GENERATOR, .size = sizeof(gen_state),
                               .bounds = gen_bounds, .commit = gen_commit, .reset = no_reset};

/* A store with a 100 % efficient ledger, whose commit may leak. */
typedef struct {
    double level, before, leak, must_absorb; /* [kWh] */
} store_state;

static void store_begin(void *st, const dc_ctx *c)
{
    (void)c;
    ((store_state *)st)->before = ((store_state *)st)->level;
}
static void store_bounds(const void *st, const dc_ctx *c, dc_bounds *b)
{
    const store_state *s = st;
    (void)c;
    *b = (dc_bounds){0, s->level, s->must_absorb, 100 - s->level, 0};
}
static double store_commit(void *st, const dc_ctx *c, double kwh)
{
    store_state *s = st;
    (void)c;
    s->level -= kwh + s->leak; /* reports kwh, but loses leak more */
    return kwh;
}
static double store_ledger(const void *st, const dc_ctx *c, double done)
{
    const store_state *s = st;
    (void)c;
    return s->level - (s->before - done);
}
static double store_level(const void *st) { return ((const store_state *)st)->level; }
static const dc_restype STORE = {.name = "store", .role = DC_ROLE_STORE, .size = sizeof(store_state),
                                 .begin = store_begin, .bounds = store_bounds, .commit = store_commit,
                                 .ledger = store_ledger, .reset = no_reset, .level = store_level};

static void misreport_fails_the_step(void **state)
{
    (void)state;
    rig r;
    gen_state g = {0, 10, 0, 0};
    rig_init(&r, 30, 0, INFINITY, 0, &GEN, &g);
    /* Honest: the generator gives 10, the grid 20, the site balances. */
    assert_int_equal(dc_engine_step(&r.e, 0), 0);
    assert_near(r.slot[1].done, 10, 1e-12);
    assert_near(r.site.f[F_GRID_IMPORT][0], 20, 1e-12);
    assert_near(r.site.f[F_RESIDUAL][0], 0, 1e-12);
    /* Planted: it reports 11 when it gave 10. */
    g.extra = 1.0;
    assert_int_equal(dc_engine_step(&r.e, 1), -1);
    print_message("%s\n", r.e.error);
    assert_non_null(strstr(r.e.error, "step 1 (2030-04-01 01:00 JST): site 'hall': residual 1 kWh"));
    assert_non_null(strstr(r.e.error, "resource gen 'planted' did 11 kWh where 10 kWh was asked"));
    /* Below the tolerance a report passes. */
    g.extra = 1e-9;
    assert_int_equal(dc_engine_step(&r.e, 2), 0);
}

/* A run of several steps stops at the first that fails, with the steps
 * before it done and recorded, as stepping one by one would. */
static void a_run_stops_at_the_failing_step(void **state)
{
    (void)state;
    rig r;
    gen_state g = {0, 10, 1.0, 2};
    rig_init(&r, 30, 0, INFINITY, 0, &GEN, &g);
    int failed = -1;
    assert_int_equal(dc_engine_run(&r.e, 0, 2, &failed), 0);
    assert_int_equal(failed, 2);
    assert_near(r.imp[0], 20, 1e-12);
    assert_near(r.imp[1], 20, 1e-12);
    assert_int_equal(dc_engine_run(&r.e, 0, STEPS, &failed), -1);
    assert_int_equal(failed, 2);
    assert_non_null(strstr(r.e.error, "step 2 (2030-04-01 02:00 JST): site 'hall': residual 1 kWh"));
    r.residual[1] = 0.5; /* the town sums the buses' records as they stand */
    dc_engine_town(&r.e, F_RESIDUAL);
    assert_near(r.town[F_RESIDUAL][1], 0.5, 1e-12);
    assert_near(r.town[F_RESIDUAL][2], 1, 1e-12); /* the failed step is recorded as it came out */
}

static void leaking_store_fails_its_ledger(void **state)
{
    (void)state;
    rig r;
    store_state s = {50, 0, 0, 0};
    rig_init(&r, 30, 0, INFINITY, 0, &STORE, &s);
    assert_int_equal(dc_engine_step(&r.e, 0), 0);
    assert_near(s.level, 20, 1e-12); /* gave 30 */
    s.leak = 0.5;
    assert_int_equal(dc_engine_step(&r.e, 1), -1);
    print_message("%s\n", r.e.error);
    assert_non_null(strstr(r.e.error, "store 'planted': residual 0.5 kWh in its ledger at site 'hall'"));
}

/* Floors: a must-run goes to export, then curtails PV, and is itself cut
 * only when PV is gone; a must-charge goes short before a load. */
static void floors_are_honoured(void **state)
{
    (void)state;
    rig r;
    gen_state g = {40, 60, 0, 0};
    rig_init(&r, 30, 25, INFINITY, 20, &GEN, &g);
    /* Supply 25 PV + 40 must-run = 65 against 30: export 20 (limit), curtail 15 of PV. */
    assert_int_equal(dc_engine_step(&r.e, 0), 0);
    assert_near(r.slot[1].done, 40, 1e-12);
    assert_near(r.site.f[F_GRID_EXPORT][0], 20, 1e-12);
    assert_near(r.site.f[F_CURTAILED][0], 15, 1e-12);
    /* PV 0, must-run 40, demand 10, no export: the must-run is cut to 10. */
    r.pv[1] = 0, r.demand[1] = 10, r.grid_state[1] = 0; /* export limit 0 kWh */
    assert_int_equal(dc_engine_prepare(&r.e), 0);
    assert_int_equal(dc_engine_step(&r.e, 1), 0);
    assert_near(r.slot[1].done, 10, 1e-12);
    assert_near(r.site.f[F_CURTAILED][1], 0, 1e-12);
    /* A store that must absorb 4 while the grid gives only 5 of 8 kWh: it
     * takes 1 and the load is served in full (4 + 4 - 3 short). */
    store_state s = {0, 0, 0, 4};
    rig_init(&r, 4, 0, 5, 0, &STORE, &s);
    assert_int_equal(dc_engine_step(&r.e, 0), 0);
    assert_near(s.level, 1, 1e-12);
    assert_near(r.site.f[F_UNSERVED][0], 0, 1e-12);
    /* With a grid of 2 kWh: the store gets nothing, the load misses 2. */
    s = (store_state){0, 0, 0, 4};
    rig_init(&r, 4, 0, 2, 0, &STORE, &s);
    assert_int_equal(dc_engine_step(&r.e, 0), 0);
    assert_near(s.level, 0, 1e-12);
    assert_near(r.site.f[F_UNSERVED][0], 2, 1e-12);
}

/* During an outage the grid carries nothing either way. */
/* While the grid is down only critical demand is served (the rest is
 * shed), and PV runs only where a grid-forming resource can hold the
 * island: here the store, once it is marked grid-forming. */
static void outage_mask_by_step(void **state)
{
    (void)state;
    rig r;
    store_state s = {10, 0, 0, 0};
    rig_init(&r, 30, 0, INFINITY, INFINITY, &STORE, &s);
    r.up[1] = r.up[2] = r.up[3] = 0;
    r.crit[1] = 30, r.crit[2] = 12;
    assert_int_equal(dc_engine_prepare(&r.e), 0);
    assert_int_equal(dc_engine_step(&r.e, 0), 0);
    assert_near(r.imp[0], 20, 1e-12); /* store 10, grid 20 */
    assert_int_equal(dc_engine_step(&r.e, 1), 0);
    assert_near(r.imp[1], 0, 1e-12);
    assert_near(r.site.f[F_UNSERVED][1], 30, 1e-12); /* all critical, store empty, grid down */
    assert_near(r.site.f[F_SHED][1], 0, 1e-12);
    assert_int_equal(dc_engine_step(&r.e, 2), 0);
    assert_near(r.site.f[F_SHED][2], 18, 1e-12); /* 30 demand, 12 critical */
    assert_near(r.site.f[F_UNSERVED][2], 12, 1e-12);
    r.pv[3] = 50, r.demand[3] = 0;
    assert_int_equal(dc_engine_prepare(&r.e), 0);
    assert_int_equal(dc_engine_step(&r.e, 3), 0);
    assert_near(r.exp[3], 0, 1e-12);
    assert_near(r.site.f[F_CURTAILED][3], 50, 1e-12); /* nothing forms the grid: PV stops */
    assert_near(r.site.f[F_STORAGE_CHARGE][3], 0, 1e-12);
    r.inst[1].grid_forming = 1;
    assert_int_equal(dc_engine_step(&r.e, 3), 0);
    assert_near(r.site.f[F_CURTAILED][3], 0, 1e-12);
    assert_near(r.site.f[F_STORAGE_CHARGE][3], 50, 1e-12);
}

/* Two sites "a" and "b", each on its own grid connection (30 kWh of
 * demand a step) with a planted generator that misreports 1 kWh from a
 * given step: a run long enough for its buses to run side by side. */
enum { LONG = 200 };
typedef struct {
    dc_engine e;
    dc_stamp t[LONG];
    dc_instance inst[4];
    dc_site site[2];
    dc_bus bus[2];
    int res[2][2], sites[2][1], active_buses[2], work[2], sellers[4];
    double demand[LONG], zero[LONG], point[2][3][LONG], sink[2][LONG], town[F_COUNT][LONG];
    dc_slot slot[4];
    dc_member mem[2][2];
    dc_slot *order_slot[2][2];
    double *sold[4];
    double grid[2][2];
    gen_state gen[2];
} pair;

static void pair_init(pair *p, int fail_a, int fail_b, int threads)
{
    memset(p, 0, sizeof *p);
    for (int i = 0; i < LONG; i++) {
        p->t[i] = (dc_stamp){2030, 4, (signed char)(1 + i / 24), (signed char)(i % 24), 0, 1, 0, 0};
        p->demand[i] = 30;
    }
    for (int k = 0; k < 2; k++) {
        const char *name = k ? "b" : "a";
        dc_grid_make(p->grid[k], INFINITY, 0, 1.0);
        p->gen[k] = (gen_state){0, 10, 1.0, k ? fail_b : fail_a};
        p->inst[2 * k] = (dc_instance){.type = &dc_grid_type, .state = p->grid[k], .site = k, .bus = k};
        p->inst[2 * k + 1] = (dc_instance){.type = &GEN, .state = &p->gen[k], .site = k, .bus = k};
        snprintf(p->inst[2 * k + 1].name, sizeof p->inst[0].name, "gen_%s", name);
        p->res[k][0] = 2 * k + 1, p->res[k][1] = 2 * k; /* the generator first, then the grid */
        p->sites[k][0] = k;
        dc_site *st = &p->site[k];
        snprintf(st->name, sizeof st->name, "%s", name);
        st->bus = k, st->n_res = 2, st->res = p->res[k];
        st->demand = p->demand, st->pv = p->zero, st->crit = p->zero;
        dc_bus *b = &p->bus[k];
        snprintf(b->name, sizeof b->name, "%s", name);
        b->n_sites = 1, b->sites = p->sites[k], b->n_res = 2, b->res = p->res[k], b->grid = 2 * k;
        b->n_deficit = b->n_surplus = 2, b->deficit = b->surplus = p->res[k];
        b->mem = p->mem[k], b->deficit_slot = b->surplus_slot = p->order_slot[k];
        b->sums = NULL; /* a site alone, its grid always up: the bus reads the site's own inputs */
        st->f[F_GRID_IMPORT] = p->point[k][0], st->f[F_GRID_EXPORT] = p->point[k][1], st->f[F_RESIDUAL] = p->point[k][2];
        b->sink = p->sink[k];
    }
    dc_engine *e = &p->e;
    e->n_steps = LONG, e->step_h = 1.0, e->t = p->t;
    e->n_inst = 4, e->n_sites = 2, e->n_buses = 2;
    e->inst = p->inst, e->site = p->site, e->bus = p->bus, e->slot = p->slot, e->sold = p->sold;
    for (int k = 0; k < F_COUNT; k++) e->town[k] = p->town[k];
    e->sellers = p->sellers, e->active_buses = p->active_buses, e->work = p->work;
    e->tolerance = DC_BALANCE_TOLERANCE_KWH;
    e->threads = threads;
    assert_int_equal(dc_engine_prepare(e), 0);
}

/* Run on one thread or side by side on two, a run ends at the earliest
 * failing step of any bus, the first bus's at equal steps, with its
 * reason. */
static void buses_side_by_side_fail_at_the_earliest_step(void **state)
{
    (void)state;
    static pair p;
    for (int threads = 1; threads <= 2; threads++) {
        int failed;
        pair_init(&p, LONG, LONG, threads);
        assert_int_equal(dc_engine_run(&p.e, 0, LONG, &failed), 0);
        assert_int_equal(failed, LONG);
        assert_near(p.point[1][0][LONG - 1], 20, 1e-12); /* both buses ran to the end */
        pair_init(&p, 150, 120, threads);
        assert_int_equal(dc_engine_run(&p.e, 0, LONG, &failed), -1);
        assert_int_equal(failed, 120);
        assert_non_null(strstr(p.e.error, "step 120 (2030-04-06 00:00 JST): site 'b': residual 1 kWh"));
        pair_init(&p, 130, 130, threads);
        assert_int_equal(dc_engine_run(&p.e, 0, LONG, &failed), -1);
        assert_int_equal(failed, 130);
        assert_non_null(strstr(p.e.error, "site 'a': residual 1 kWh; resource gen 'gen_a' did 11 kWh"));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(misreport_fails_the_step),
        cmocka_unit_test(a_run_stops_at_the_failing_step),
        cmocka_unit_test(leaking_store_fails_its_ledger),
        cmocka_unit_test(floors_are_honoured),
        cmocka_unit_test(outage_mask_by_step),
        cmocka_unit_test(buses_side_by_side_fail_at_the_earliest_step),
    };
    return cmocka_run_group_tests_name("engine", tests, NULL, NULL);
}
