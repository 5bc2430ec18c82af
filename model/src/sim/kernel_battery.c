/* The step of a site alone on its grid connection with one battery,
 * written out: what the GRID_BATTERY kind (kernels.c) runs when no
 * snapshots are taken. It is the generic step (step.h) for that bus with
 * what is constant there folded away: no floors (neither instance has a
 * must-run, a must-charge or a minimum stable load), one site, no wire.
 * The battery's and the grid's states are copies in the run's locals,
 * and their own step functions (res_battery_step.h, res_grid_step.h)
 * work on the copies, so that a store to a record cannot make the
 * compiler load them again: the generic step reaches them through
 * pointers and took 0.147 ms of a battery sweep's case where these take
 * 0.104 ms (perf, 3,000 cases). The bus's part is the generic step's
 * expressions in its order (test_kernels compares every series bit for
 * bit). */
#include "kernels.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "res_battery_step.h"
#include "res_grid_step.h"
#include "step.h"

/* What a run compares to find the steps it moved. While the grid is up,
 * every flow a step records (and its profiles' shares) follows from the
 * step's inputs and what the battery did: the grid's take and what is
 * left unserved or curtailed follow in either order from the battery's,
 * and that is its charge or discharge record (one of them 0, never -0).
 * So a step moved when either of those moved; while the grid is down,
 * whether the battery forms the island depends on its state too, and such
 * a step counts as moved. The storage level is read step by step, not by
 * blocks. */
enum { W_CHARGE, W_DISCHARGE, N_WATCHED };

/* A run's constants and the step's numbers, as locals of the run (the
 * battery's state is a local of its own, whose address no call outside
 * this file sees). Members: 0 the grid, 1 the battery. */
typedef struct {
    const double *prof, *bus_need, *dem, *pv, *crit;
    const double *was[N_WATCHED];          /* those flows as they stand before the step writes them */
    unsigned char *touched;                /* the site's blocks touched since the last settlement; NULL: all */
    const unsigned char *gu;
    int follow;                            /* 1: a step that did not move is left as it stands (lean_settle) */
    int deficit[2], n_def, surplus[2], n_sur, forming[2];
    double tol;
    grid_state grid;
    double req[2], room_s[2], room_a[2];   /* this step's requests and ceilings */
} lean;

/* The members of an order, by number (an order names each of the bus's
 * two at most once). */
static int order_of(const dc_bus *b, dc_slot *const *order, int n, int *k)
{
    n = n < 2 ? n : 2;
    for (int j = 0; j < n; j++) k[j] = order[j] == b->mem[0].slot ? 0 : 1;
    return n;
}

static void lean_start(lean *l, const dc_engine *e, const dc_bus *b, const dc_site *s)
{
    const grid_state *gs = b->mem[0].state;
    memset(l, 0, sizeof *l);
    l->prof = b->profile, l->bus_need = b->need, l->dem = s->demand, l->pv = s->pv, l->crit = s->crit;
    l->gu = b->grid_up, l->grid = *gs;
    l->n_def = order_of(b, b->deficit_slot, b->n_deficit, l->deficit);
    l->n_sur = order_of(b, b->surplus_slot, b->n_surplus, l->surplus);
    l->forming[0] = e->inst[b->mem[0].inst].grid_forming;
    l->forming[1] = e->inst[b->mem[1].inst].grid_forming;
    l->tol = e->tolerance;
    static const int flow[N_WATCHED] = {F_STORAGE_CHARGE, F_STORAGE_DISCHARGE};
    for (int k = 0; k < N_WATCHED; k++) /* a flow it does not record is 0 in every step */
        l->was[k] = s->f[flow[k]] ? s->f[flow[k]] : e->zeros ? e->zeros : s->rec[flow[k]];
    l->touched = e->zeros ? s->touched : NULL;
    l->follow = s->records_follow && l->touched && !l->gu && s->f[F_STORAGE_CHARGE] && s->f[F_STORAGE_DISCHARGE];
}

/* Bits in which a flow's new value differs from the one it replaces. */
static inline uint64_t moved_bits(double was, double now)
{
    uint64_t a, b;
    memcpy(&a, &was, sizeof a);
    memcpy(&b, &now, sizeof b);
    return a ^ b;
}

/* Block of step i touched when any watched flow of it moved. */
static inline void lean_touch(const lean *l, dc_site *s, int i, uint64_t moved)
{
    if (!l->touched) s->touched_all = 1;
    else if (moved) l->touched[i / DC_BLOCK_STEPS] = 1;
}

/* What the run leaves where the generic step keeps it: the battery's
 * state, and the last step's slots. */
static void lean_end(const lean *l, battery_state bat, const dc_bus *b)
{
    *(battery_state *)b->mem[1].state = bat;
    for (int k = 0; k < 2; k++) {
        dc_slot *sl = b->mem[k].slot;
        sl->bd = (dc_bounds){0.0, l->room_s[k], 0.0, l->room_a[k], 0.0};
        sl->req = sl->done = l->req[k];
    }
}

/* Begin and bounds of both; every request at its floor, 0. */
static inline void lean_ask(lean *l, battery_state *bs, const dc_ctx *c)
{
    dc_bounds g, bat;
    grid_bounds(&l->grid, c, &g);
    bat_begin(bs, c);
    bat_bounds(bs, c, &bat);
    l->room_s[0] = g.max_supply, l->room_a[0] = g.max_absorb;
    l->room_s[1] = bat.max_supply, l->room_a[1] = bat.max_absorb;
    l->req[0] = l->req[1] = 0.0 - 0.0;
}

/* What member k takes of amount up to its ceiling room, into its request
 * (added when it supplies, taken off when it absorbs); what is left. */
static inline double lean_take(lean *l, int k, double room, int supply, double amount)
{
    if (room - 0.0 <= 0) return amount;
    double take = room - 0.0 < amount ? room - 0.0 : amount;
    l->req[k] += supply ? take : -take;
    return amount - take;
}

/* An order filled up to each ceiling (step_fill with no floors): its two
 * members at most, written out. */
static inline double lean_fill(lean *l, int supply, double amount)
{
    const int *order = supply ? l->deficit : l->surplus;
    const double *room = supply ? l->room_s : l->room_a;
    int n = supply ? l->n_def : l->n_sur;
    if (n > 0 && amount > 0) amount = lean_take(l, order[0], room[order[0]], supply, amount);
    if (n > 1 && amount > 0) amount = lean_take(l, order[1], room[order[1]], supply, amount);
    return amount;
}

/* step_orders with no floors: the bus's unserved and curtailed [kWh]. */
static inline void lean_orders(lean *l, int up, double profile, double need, double *unserved, double *curtailed)
{
    double stopped = 0.0;
    int formed = 0; /* read only while the grid is down */
    for (int k = 0; !up && k < 2; k++) formed |= l->forming[k] && (l->room_s[k] > 0 || l->room_a[k] > 0);
    if (!up && !formed) stopped = profile, profile = 0.0;
    double net = profile + 0.0 - need - 0.0;
    *unserved = 0.0, *curtailed = stopped;
    if (net < 0) {
        double short_by = lean_fill(l, 1, -net);
        *unserved = short_by > 0 ? short_by : 0.0;
    } else if (net > 0) {
        double left = lean_fill(l, 0, net);
        double curt = left < profile ? left : profile;
        if (curt < 0) curt = 0.0;
        *curtailed += curt;
    }
}

/* Commit the grid, then the battery, into the site's sums (step_tally);
 * the battery's ledger residual. */
static inline double lean_commit(lean *l, battery_state *bs, const dc_ctx *c, dc_tally *t)
{
    double g = grid_commit(&l->grid, c, l->req[0]), kwh = bat_commit(bs, c, l->req[1]);
    *t = (dc_tally){0};
    t->did += g; /* what it was asked matters only on a private wire */
    if (g > 0) t->import += g;
    else t->export -= g;
    t->did += kwh;
    if (kwh > 0) t->discharge += kwh;
    else t->charge -= kwh;
    t->level += bat_level(bs);
    return fabs(bat_ledger(bs, c, kwh));
}

/* step_record without the flows that are 0 in every step of a bus whose
 * grid is never down: its shed (its demand less the same), generation (it
 * has no generator) and wire flows (no wire). They stand at 0 from the
 * model's making, and nothing else writes them. The off-site purchases
 * are the engine's (dc_engine_run: the settlement writes them, a run it
 * does not follow has them cleared). */
static inline void lean_record(double *const *r, int i, double unserved, double curtailed, const dc_tally *t,
                               double residual)
{
    r[F_UNSERVED][i] = unserved;
    r[F_CURTAILED][i] = curtailed;
    r[F_STORAGE_CHARGE][i] = t->charge;
    r[F_STORAGE_DISCHARGE][i] = t->discharge;
    r[F_STORAGE_LEVEL][i] = t->level;
    r[F_GRID_IMPORT][i] = t->import;
    r[F_GRID_EXPORT][i] = t->export;
    r[F_RESIDUAL][i] = residual;
    _Static_assert(F_COUNT == 15, "a new flow needs its line here or a reason it is 0 (step_record)");
}

/* Whether step i fails: its site's residual or the battery's ledger. */
static inline int lean_fails(const lean *l, double residual, double ledger)
{
    return !(fabs(residual) <= l->tol && ledger <= l->tol);
}

/* step_settle_site for one site and no wire: its records; its residual.
 * A step that did not move at a site whose records follow them
 * (dc_site.records_follow) writes its level alone: every other flow it
 * would record stands there (see the watch above). A failing step is
 * written whole, so that the error's step reads as it ran. */
static inline double lean_settle(const lean *l, dc_site *s, int i, const dc_tally *t, double share_u, double frac,
                                  double ledger, uint64_t *moved)
{
    double demand = l->dem[i], pv = l->pv[i];
    double need = !l->gu || l->gu[i] ? demand : l->crit[i];
    double curtailed = pv * frac, unserved = need * share_u;
    double delivered = pv - curtailed, served = need - unserved;
    double wire = 0.0, wire_in = wire > 0 ? wire : 0.0, wire_out = wire < 0 ? -wire : 0.0;
    double residual = t->did + delivered + wire - served;
    const double *const *w = l->was;
    int up = !l->gu || l->gu[i];
    uint64_t step_moved =
        (uint64_t)!up | moved_bits(w[W_CHARGE][i], t->charge) | moved_bits(w[W_DISCHARGE][i], t->discharge);
    *moved |= step_moved;
    if (l->gu) step_record(s->rec, i, unserved, demand - need, curtailed, t, wire_in, wire_out, residual);
    else if (step_moved || !l->follow || lean_fails(l, residual, ledger))
        lean_record(s->rec, i, unserved, curtailed, t, residual);
    else s->rec[F_STORAGE_LEVEL][i] = t->level;
    return residual;
}

/* The battery's own records of steps [first, last) are left to be
 * worked out from the site's when read (dc_battery_records). A whole year
 * starts the steps left anew (it writes every one), a run that goes on
 * from the last adds to them; any other has those worked out first, so
 * that the steps it does not reach keep the last run's. The site's only
 * store is the battery: its charge, discharge and level are the
 * battery's. (After a run that fails, its records past the failing step
 * are not the last year's: a failed year is not read as results.) */
static void records_later(battery_state *bat, const dc_site *s, int first, int last, int n_steps)
{
    int year = first == 0 && last == n_steps, goes_on = first == bat->later_last;
    if (bat->later && !year && !goes_on) dc_battery_records(bat);
    if (!bat->later || first == 0) bat->later_first = first, bat->later_soc0 = bat->b.soc;
    bat->later_rates = bat_rates_of(bat); /* a run goes on only at the rates it began with (a set starts anew) */
    bat->later = 1, bat->later_last = first;
    bat->site_charge = s->f[F_STORAGE_CHARGE], bat->site_discharge = s->f[F_STORAGE_DISCHARGE];
    bat->site_level = s->f[F_STORAGE_LEVEL];
}

int dc_kernel_battery_run(dc_engine *e, dc_bus *b, int first, int last)
{
    _Static_assert((DC_BLOCK_STEPS & (DC_BLOCK_STEPS - 1)) == 0, "a block's last step found by a mask");
    dc_site *s = &e->site[b->sites[0]];
    s->epoch++;
    s->shares_later = 1; /* its profiles' shares follow from its records: worked out when its year ends */
    lean l;
    records_later(b->mem[1].state, s, first, last, e->n_steps);
    battery_state bat = *(const battery_state *)b->mem[1].state; /* a local of its own: it never escapes */
    lean_start(&l, e, b, s);
    uint64_t moved = 0; /* in the block so far */
    for (int i = first; i < last; i++) {
        dc_ctx c = {i, &e->t[i], e->step_h, l.gu ? l.gu[i] : 1, 0}; /* the battery's records: later */
        double need = l.bus_need[i], profile = l.prof[i], unserved, curtailed;
        dc_tally t;
        lean_ask(&l, &bat, &c);
        lean_orders(&l, c.grid_up, profile, need, &unserved, &curtailed);
        double ledger = lean_commit(&l, &bat, &c, &t);
        double share_u = need > 0 ? unserved / need : 0.0, frac = profile > 0 ? curtailed / profile : 0.0;
        double residual = lean_settle(&l, s, i, &t, share_u, frac, ledger, &moved);
        if (((i + 1) & (DC_BLOCK_STEPS - 1)) == 0 || i + 1 == last) lean_touch(&l, s, i, moved), moved = 0;
        if (!lean_fails(&l, residual, ledger)) continue;
        lean_touch(&l, s, i, moved);
        bat.later_last = i + 1;
        lean_end(&l, bat, b);
        s->records_follow = l.follow; /* the steps past this one stand as they were */
        if (!(fabs(residual) <= l.tol)) dc_step_failed(e, b, i, "site", s->name, residual, s->res, s->n_res);
        else dc_step_ledger_failed(e, b, i, b->mem[1].inst, ledger);
        return i;
    }
    bat.later_last = last;
    lean_end(&l, bat, b);
    /* Records follow once a year has written every step of them, and
     * stay so while runs leave only unmoved steps as they stand. */
    s->records_follow = l.follow || (first == 0 && last == e->n_steps && l.touched && !l.gu);
    return last;
}
