/* One step of an active bus, and a run of steps: the engine's dispatch
 * (see engine.h for what a step does), written once and compiled twice.
 *
 * Every function takes a kind K. With K = NULL (engine.c) it calls each
 * instance through its member's function pointers and serves any bus.
 * A kernel (kernels.c) passes a constant kind naming the types of a bus's
 * instances in order, their step functions visible to the compiler: the
 * same source then calls them directly, inlined, its loops unrolled. The
 * arithmetic is the same expressions in the same order, so a kernel gives
 * the generic step's bits (test_kernels checks every series). */
#ifndef DC_STEP_H
#define DC_STEP_H

#include <math.h>
#include <string.h>

#include "engine.h"

/* Most instances a kind names. */
enum { DC_KIND_MAX = 4 };

/* The types of a bus's dispatched instances, in the bus's order, with
 * their step functions. */
typedef struct {
    int n;
    int one_site; /* 1: for a site alone on its grid connection (no private wire) */
    const dc_restype *type[DC_KIND_MAX];
    void (*begin[DC_KIND_MAX])(void *st, const dc_ctx *c);
    void (*bounds[DC_KIND_MAX])(const void *st, const dc_ctx *c, dc_bounds *b);
    double (*commit[DC_KIND_MAX])(void *st, const dc_ctx *c, double kwh);
    double (*ledger[DC_KIND_MAX])(const void *st, const dc_ctx *c, double done);
    double (*level[DC_KIND_MAX])(const void *st);
    int role[DC_KIND_MAX];
} dc_kind;

/* The error of a failing balance or ledger into the bus's buffer; -1
 * (engine.c: cold, and the same for every kind). */
int dc_step_failed(const dc_engine *e, dc_bus *b, int i, const char *what, const char *name, double residual,
                   const int *res, int n);
int dc_step_ledger_failed(const dc_engine *e, dc_bus *b, int i, int r, double residual);

#define STEP_N(K, b) ((K) ? (K)->n : (b)->n_res)
/* The bus's sites and whether it is a private wire: constants for a kind
 * of one site. */
#define STEP_SITES(K, b) ((K) && (K)->one_site ? 1 : (b)->n_sites)
#define STEP_WIRE(K, b) ((K) && (K)->one_site ? 0 : (b)->wire)
#define STEP_FN(K, k, mb, fn) ((K) ? (K)->fn[k] : (mb)->fn)

/* ONE(k) for each instance in order: for a kind written out (its count is
 * a constant, so each call is to a known function), else a loop. */
#define STEP_EACH(K, b, ONE)                                                                                  \
    do {                                                                                                      \
        if (K) {                                                                                              \
            _Static_assert(DC_KIND_MAX == 4, "STEP_EACH writes out four");                                   \
            if ((K)->n > 0) ONE(0);                                                                           \
            if ((K)->n > 1) ONE(1);                                                                           \
            if ((K)->n > 2) ONE(2);                                                                           \
            if ((K)->n > 3) ONE(3);                                                                           \
        } else {                                                                                              \
            for (int k_ = 0; k_ < (b)->n_res; k_++) ONE(k_);                                                  \
        }                                                                                                     \
    } while (0)

/* A residual above the tolerance fails the step (NaN fails too). */
static inline int step_check(const dc_engine *e, dc_bus *b, int i, const char *what, const char *name,
                             double residual, const int *res, int n)
{
    if (fabs(residual) <= e->tolerance) return 0;
    return dc_step_failed(e, b, i, what, name, residual, res, n);
}

/* What a dispatched step leaves for the balance: demand not served and
 * profile supply curtailed [kWh]; with records, the first instance whose
 * ledger does not close (-1: none) and its residual. */
typedef struct {
    double unserved, curtailed;
    int bad_ledger;
    double ledger_residual;
} step_outcome;

/* Each instance's begin and bounds, and its request at its floor: one walk
 * (a call through a pointer makes the compiler load everything again).
 * The floors' sums; 1 when an instance has a minimum stable load. */
static inline void step_ask_one(const dc_kind *K, int k, const dc_bus *b, const dc_ctx *c, double *fs,
                                 double *fa, int *min_on)
{
    const dc_member *mb = &b->mem[k];
    dc_slot *sl = mb->slot;
    void (*begin)(void *, const dc_ctx *) = STEP_FN(K, k, mb, begin);
    if (begin) begin(mb->state, c);
    STEP_FN(K, k, mb, bounds)(mb->state, c, &sl->bd);
    sl->req = sl->bd.must_supply - sl->bd.must_absorb;
    *fs += sl->bd.must_supply;
    *fa += sl->bd.must_absorb;
    *min_on |= sl->bd.min_on > 0;
}

static inline int step_ask_bounds(const dc_kind *K, const dc_bus *b, const dc_ctx *c, double *floor_s,
                                  double *floor_a)
{
    int min_on = 0;
    double fs = 0.0, fa = 0.0;
#define ASK(k) step_ask_one(K, k, b, c, &fs, &fa, &min_on)
    STEP_EACH(K, b, ASK);
#undef ASK
    *floor_s = fs, *floor_a = fa;
    return min_on;
}

/* Every request back to its floor (after an instance was turned off);
 * the floors' sums, and 1 when an instance has a minimum stable load. */
static inline int step_floors(const dc_kind *K, const dc_bus *b, double *floor_s, double *floor_a)
{
    int min_on = 0;
    *floor_s = *floor_a = 0.0;
    for (int k = 0; k < STEP_N(K, b); k++) {
        dc_slot *sl = b->mem[k].slot;
        sl->req = sl->bd.must_supply - sl->bd.must_absorb;
        *floor_s += sl->bd.must_supply;
        *floor_a += sl->bd.must_absorb;
        min_on |= sl->bd.min_on > 0;
    }
    return min_on;
}

/* An order filled up to each ceiling: the deficit order supplies (supply
 * = 1), the surplus order absorbs; an instance that must do the opposite
 * this step is passed over. Returns what is still missing or left. */
static inline double step_fill(dc_slot *const *order, int n, double amount, int supply)
{
    for (int k = 0; k < n && amount > 0; k++) {
        dc_slot *sl = order[k];
        const dc_bounds *bd = &sl->bd;
        double room = supply ? bd->max_supply - bd->must_supply : bd->max_absorb - bd->must_absorb;
        if ((supply ? bd->must_absorb : bd->must_supply) > 0 || room <= 0) continue;
        double take = room < amount ? room : amount;
        sl->req += supply ? take : -take; /* x + -y is x - y, bit for bit */
        amount -= take;
    }
    return amount;
}

/* Scale down every must-absorb (absorb = 1) or must-supply floor by the
 * same share to remove `amount`; returns what it removed. */
static inline double step_cut_floors(const dc_kind *K, const dc_bus *b, double amount, double floor, int absorb)
{
    if (floor <= 0 || amount <= 0) return 0.0;
    double cut = amount < floor ? amount : floor, share = cut / floor;
    for (int k = 0; k < STEP_N(K, b); k++) {
        dc_slot *sl = b->mem[k].slot;
        if (absorb) sl->req += sl->bd.must_absorb * share;
        else sl->req -= sl->bd.must_supply * share;
    }
    return cut;
}

/* An islanded bus has a grid when a grid-forming instance on it can
 * supply or absorb this step (a battery, V2B cars, a plant). */
static inline int step_formed(const dc_engine *e, const dc_bus *b)
{
    for (int k = 0; k < b->n_res; k++) {
        int r = b->res[k];
        const dc_bounds *bd = &e->slot[r].bd;
        if (e->inst[r].grid_forming && (bd->max_supply > 0 || bd->max_absorb > 0)) return 1;
    }
    return 0;
}

/* The orders for the step's net, the requests at their floors: deficit
 * order, then must-charges cut; or surplus order, PV curtailed, then
 * must-runs cut. */
static inline void step_orders(const dc_kind *K, const dc_engine *e, const dc_bus *b, const dc_ctx *c,
                               double demand, double floor_s, double floor_a, step_outcome *o)
{
    double profile = b->profile[c->i], stopped = 0.0;
    if (!c->grid_up && !step_formed(e, b)) stopped = profile, profile = 0.0; /* PV cannot run without a grid */
    double net = profile + floor_s - demand - floor_a;
    o->unserved = 0.0;
    o->curtailed = stopped;
    if (net < 0) {
        double short_by = step_fill(b->deficit_slot, b->n_deficit, -net, 1);
        short_by -= step_cut_floors(K, b, short_by, floor_a, 1); /* a must-charge goes short before a load */
        o->unserved = short_by > 0 ? short_by : 0.0;
    } else if (net > 0) {
        double left = step_fill(b->surplus_slot, b->n_surplus, net, 0);
        double curt = left < profile ? left : profile;
        if (curt < 0) curt = 0.0;
        o->curtailed += curt;
        step_cut_floors(K, b, left - curt, floor_s, 0); /* a must-run goes down only after profiles */
    }
}

/* An instance asked for less than its minimum stable load is off for the
 * step: its bounds become zero. Returns how many were turned off. */
static inline int step_below_min_on(const dc_kind *K, const dc_bus *b)
{
    int off = 0;
    for (int k = 0; k < STEP_N(K, b); k++) {
        dc_slot *sl = b->mem[k].slot;
        dc_bounds *bd = &sl->bd;
        if (bd->min_on > 0 && sl->req > 0 && sl->req < bd->min_on * (1 - 1e-12)) {
            *bd = (dc_bounds){0.0, 0.0, bd->must_absorb, bd->max_absorb, 0.0};
            off++;
        }
    }
    return off;
}

/* Where an instance's report is added up: a kind of one site has its
 * one site's sums as a local (kept in registers), any other bus each
 * site's own; NULL for a private wire's connection (its bus's). */
static inline dc_tally *step_tally_of(const dc_kind *K, const dc_member *mb, dc_tally *one)
{
    if (K && K->one_site) return one;
    return mb->site ? &mb->site->tally : NULL;
}

/* What an instance did, added to its site's sums by its role (the site's
 * sums run in its own instance order, which is the bus's). */
static inline void step_tally(const dc_kind *K, int k, const dc_member *mb, const dc_slot *sl, dc_tally *t)
{
    if (!t) return;
    double d = sl->done;
    t->did += d;
    t->asked += sl->req;
    switch (STEP_FN(K, k, mb, role)) {
    case DC_ROLE_STORE: {
        double (*level)(const void *) = STEP_FN(K, k, mb, level);
        if (d > 0) t->discharge += d;
        else t->charge -= d;
        if (level) t->level += level(mb->state);
        break;
    }
    case DC_ROLE_GRID:
        if (d > 0) t->import += d;
        else t->export -= d;
        break;
    default: t->generation += d; break;
    }
}

/* The sums the bus's instances add to, back to 0. */
static inline void step_clear_tallies(const dc_kind *K, dc_engine *e, const dc_bus *b, dc_tally *one)
{
    if (K && K->one_site) {
        *one = (dc_tally){0};
        return;
    }
    for (int k = 0; k < b->n_sites; k++) e->site[b->sites[k]].tally = (dc_tally){0};
}

/* Every instance commits its request. With records, what each did goes
 * to its site's sums and its ledger is checked as it stands (its state
 * is its own); the first that does not close is kept for the balance to
 * report after the sites'. */
static inline void step_commit_one(const dc_kind *K, int k, const dc_engine *e, const dc_bus *b,
                                   const dc_ctx *c, step_outcome *o, dc_tally *one)
{
    const dc_member *mb = &b->mem[k];
    dc_slot *sl = mb->slot;
    sl->done = STEP_FN(K, k, mb, commit)(mb->state, c, sl->req);
    if (!c->record) return;
    step_tally(K, k, mb, sl, step_tally_of(K, mb, one));
    double (*ledger)(const void *, const dc_ctx *, double) = STEP_FN(K, k, mb, ledger);
    if (!ledger || o->bad_ledger >= 0) return;
    double r = fabs(ledger(mb->state, c, sl->done));
    if (!(r <= e->tolerance)) o->bad_ledger = mb->inst, o->ledger_residual = r;
}

static inline void step_commit_all(const dc_kind *K, dc_engine *e, const dc_bus *b, const dc_ctx *c,
                                   step_outcome *o, dc_tally *one)
{
    o->bad_ledger = -1, o->ledger_residual = 0.0;
    if (c->record) step_clear_tallies(K, e, b, one);
#define COMMIT(k) step_commit_one(K, k, e, b, c, o, one)
    STEP_EACH(K, b, COMMIT);
#undef COMMIT
}

/* Orders until no instance is asked for less than its minimum stable
 * load (turning one off changes the net, so the step is dispatched again);
 * then commit (one: a one-site kind's sums). */
static inline void step_dispatch(const dc_kind *K, dc_engine *e, const dc_bus *b, const dc_ctx *c, double need,
                                 step_outcome *o, dc_tally *one)
{
    double floor_s, floor_a;
    int min_on = step_ask_bounds(K, b, c, &floor_s, &floor_a);
    for (int pass = 0;; pass++) {
        step_orders(K, e, b, c, need, floor_s, floor_a, o);
        if (!min_on || !step_below_min_on(K, b) || pass == STEP_N(K, b)) break;
        min_on = step_floors(K, b, &floor_s, &floor_a);
    }
    step_commit_all(K, e, b, c, o, one);
}

/* What a site did with its profile supply at step i (see dc_profile_year). */
static inline void step_profile_shares(dc_site *s, int i, double cur, double local, double sent)
{
    double pv = s->pv[i];
    s->taken[i] = pv > 0 ? 1.0 - cur / pv : 0.0;
    s->sent[i] = local > 0 ? (sent < local ? sent / local : 1.0) : 0.0;
}

/* A site's flows of step i but demand and PV into its records r (on a
 * private wire the grid's are its share, once every site is settled). */
static inline void step_record(double *const *r, int i, double unserved, double shed, double curtailed,
                               const dc_tally *t, double wire_in, double wire_out, double residual)
{
    r[F_UNSERVED][i] = unserved;
    r[F_SHED][i] = shed;
    r[F_CURTAILED][i] = curtailed;
    r[F_GENERATION][i] = t->generation;
    r[F_STORAGE_CHARGE][i] = t->charge;
    r[F_STORAGE_DISCHARGE][i] = t->discharge;
    r[F_STORAGE_LEVEL][i] = t->level;
    r[F_GRID_IMPORT][i] = t->import;
    r[F_GRID_EXPORT][i] = t->export;
    r[F_WIRE_IN][i] = wire_in;
    r[F_WIRE_OUT][i] = wire_out;
    r[F_OFFSITE_PPA_IN][i] = 0.0;
    r[F_RESIDUAL][i] = residual;
    _Static_assert(F_COUNT == 15 && F_UNSERVED == 2, "the lines above write every flow but demand and PV: "
                                                     "a new flow needs its own");
}

/* Balance of one site from its sums, its flows recorded at step i; on a
 * private wire the wire carries the difference between what the site was
 * asked to do and what it needs. */
static inline int step_settle_site(const dc_kind *K, dc_engine *e, dc_bus *b, dc_site *s, const dc_tally *t, int i,
                                   double share_unserved, double curt_frac, double *delivered_sum)
{
    double demand = s->demand[i], pv = s->pv[i];
    double need = !b->grid_up || b->grid_up[i] ? demand : s->crit[i];
    double curtailed = pv * curt_frac, unserved = need * share_unserved;
    double delivered = pv - curtailed, served = need - unserved;
    double wire = STEP_WIRE(K, b) ? served - t->asked - delivered : 0.0;
    double wire_in = wire > 0 ? wire : 0.0, wire_out = wire < 0 ? -wire : 0.0;
    double residual = t->did + delivered + wire - served;
    step_record(s->rec, i, unserved, demand - need, curtailed, t, wire_in, wire_out, residual);
    if (STEP_WIRE(K, b)) s->wire_in = wire_in, s->wire_out = wire_out;
    if (s->taken) step_profile_shares(s, i, curtailed, delivered + t->generation + t->discharge, t->export + wire_out);
    *delivered_sum += t->did + delivered;
    return step_check(e, b, i, "site", s->name, residual, s->res, s->n_res);
}

/* Members of a private wire get shares of its connection's flows by what
 * each took from or gave to the wire. */
static inline void step_share_connection(dc_engine *e, const dc_bus *b, int i, double imp, double exp)
{
    double in = 0, out = 0;
    for (int k = 0; k < b->n_sites; k++) {
        in += e->site[b->sites[k]].wire_in;
        out += e->site[b->sites[k]].wire_out;
    }
    for (int k = 0; k < b->n_sites; k++) {
        const dc_site *s = &e->site[b->sites[k]];
        s->rec[F_GRID_IMPORT][i] = in > 0 ? imp * s->wire_in / in : 0.0;
        s->rec[F_GRID_EXPORT][i] = out > 0 ? exp * s->wire_out / out : 0.0;
    }
}

static inline int step_bus(const dc_kind *K, dc_engine *e, dc_bus *b, int i)
{
    dc_ctx c = {i, &e->t[i], e->step_h, b->grid_up ? b->grid_up[i] : 1, 1};
    step_outcome o;
    dc_tally one;
    double supplied = 0.0;
    step_dispatch(K, e, b, &c, b->need[i], &o, &one);
    double share_u = b->need[i] > 0 ? o.unserved / b->need[i] : 0.0;
    double frac = b->profile[i] > 0 ? o.curtailed / b->profile[i] : 0.0;
    for (int k = 0; k < STEP_SITES(K, b); k++) {
        dc_site *s = &e->site[b->sites[k]];
        if (step_settle_site(K, e, b, s, K && K->one_site ? &one : &s->tally, i, share_u, frac, &supplied))
            return -1;
    }
    if (STEP_WIRE(K, b)) { /* a site alone on its connection has its flows as its own */
        double g = e->slot[b->grid].done;
        b->grid_import[i] = g > 0 ? g : 0.0;
        b->grid_export[i] = g < 0 ? -g : 0.0;
        step_share_connection(e, b, i, b->grid_import[i], b->grid_export[i]);
        b->residual[i] = supplied + g - (b->need[i] - o.unserved);
        if (step_check(e, b, i, "private wire", b->name, b->residual[i], b->res, b->n_res)) return -1;
    }
    return o.bad_ledger < 0 ? 0 : dc_step_ledger_failed(e, b, i, o.bad_ledger, o.ledger_residual);
}

/* A bus's instances' states at the start of step i, for the scan. */
static inline void step_snapshot(dc_engine *e, const dc_bus *b, int i)
{
    for (int k = 0; k < b->n_res; k++) {
        const dc_instance *in = &e->inst[b->res[k]];
        unsigned char *to = e->snap[b->res[k]];
        if (to) memcpy(to + (size_t)i * in->type->size, in->state, in->type->size);
    }
}

/* Steps [first, last) of one active bus; the first step that fails, or
 * last. Its state stays in cache for the whole run. */
static inline int step_run(const dc_kind *K, dc_engine *e, dc_bus *b, int first, int last)
{
    for (int k = 0; k < b->n_sites; k++) dc_site_rewritten(&e->site[b->sites[k]]);
    for (int i = first; i < last; i++) {
        if (e->snap) step_snapshot(e, b, i);
        if (step_bus(K, e, b, i)) return i;
    }
    return last;
}

/* Steps the bus keeps its critical demand served with the grid down from
 * the start of step s, its instances' states as they stand; at most
 * max_steps (the year wraps around). */
static inline int step_survive(const dc_kind *K, dc_engine *e, const dc_bus *b, int s, int max_steps,
                               const double *crit)
{
    int h = 0;
    for (; h < max_steps; h++) {
        int i = (s + h) % e->n_steps;
        dc_ctx c = {i, &e->t[i], e->step_h, 0, 0};
        step_outcome o;
        dc_tally one;
        step_dispatch(K, e, b, &c, crit[i], &o, &one);
        if (o.unserved > 1e-9) break;
    }
    return h;
}
#endif
