/* The step of a site alone on its grid connection with one battery,
 * written out: what the GRID_BATTERY kind (kernels.c) runs when no
 * snapshots are taken. It is the generic step (step.h) for that bus with
 * what is constant there folded away: no floors (neither instance has a
 * must-run, a must-charge or a minimum stable load), one site, no wire.
 * Its states and the series it writes are locals, so that a store to a
 * record cannot make the compiler load them again: the generic step
 * reaches them through pointers and took 0.147 ms of a battery sweep's
 * case where these take 0.104 ms (perf, 3,000 cases). The expressions
 * are the generic step's, in its order (test_kernels compares every
 * series bit for bit). */
#include "kernels.h"

#include <math.h>
#include <string.h>

#include "res_battery_step.h"
#include "res_grid_step.h"
#include "step.h"

/* A run's constants, the battery's state and the step's numbers, as
 * locals of the run. Members: 0 the grid, 1 the battery. */
typedef struct {
    const double *prof, *bus_need, *dem, *pv, *crit;
    const unsigned char *gu;
    double import_kwh, export_kwh; /* the grid's ceilings while it is up */
    int deficit[2], n_def, surplus[2], n_sur, forming[2];
    double tol, reserve, energy, in_eff, out_per_kwh, loss_per_out;
    double *ch, *dis, *stored, *losses, *drawdown, *cycles;
    dc_battery bat;
    double before, lost;                   /* bat_begin's, of this step */
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
    const battery_state *bs = b->mem[1].state;
    const grid_state *gs = b->mem[0].state;
    memset(l, 0, sizeof *l);
    l->prof = b->profile, l->bus_need = b->need, l->dem = s->demand, l->pv = s->pv, l->crit = s->crit;
    l->gu = b->grid_up, l->import_kwh = gs->import_kwh, l->export_kwh = gs->export_kwh;
    l->n_def = order_of(b, b->deficit_slot, b->n_deficit, l->deficit);
    l->n_sur = order_of(b, b->surplus_slot, b->n_surplus, l->surplus);
    l->forming[0] = e->inst[b->mem[0].inst].grid_forming;
    l->forming[1] = e->inst[b->mem[1].inst].grid_forming;
    l->tol = e->tolerance, l->reserve = bs->reserve_kwh, l->energy = bs->p.energy_kwh;
    l->in_eff = bs->in_eff, l->out_per_kwh = bs->out_per_kwh, l->loss_per_out = bs->loss_per_out;
    l->ch = bs->charge, l->dis = bs->discharge, l->stored = bs->stored;
    l->losses = bs->losses, l->drawdown = bs->drawdown, l->cycles = bs->cycles;
    l->bat = bs->b, l->before = bs->before_kwh, l->lost = bs->lost_kwh;
}

/* What the run leaves where the generic step keeps it: the battery's
 * state, and the last step's slots. */
static void lean_end(const lean *l, const dc_bus *b)
{
    battery_state *bs = b->mem[1].state;
    bs->b = l->bat, bs->before_kwh = l->before, bs->lost_kwh = l->lost;
    for (int k = 0; k < 2; k++) {
        dc_slot *sl = b->mem[k].slot;
        sl->bd = (dc_bounds){0.0, l->room_s[k], 0.0, l->room_a[k], 0.0};
        sl->req = sl->done = l->req[k];
    }
}

/* Begin and bounds of both (bat_begin, grid_bounds, bat_bounds); every
 * request at its floor, 0. */
static inline void lean_ask(lean *l, int up)
{
    dc_battery *bat = &l->bat;
    l->room_s[0] = up ? l->import_kwh : 0.0, l->room_a[0] = up ? l->export_kwh : 0.0;
    l->before = bat->soc;
    dc_battery_self_discharge(bat);
    l->lost = l->before - bat->soc;
    double out = dc_battery_can_discharge(bat);
    if (up && l->reserve > bat->e_min) out = dc_min(out, dc_max(0.0, bat->soc - l->reserve) * bat->eta_d);
    l->room_s[1] = out, l->room_a[1] = dc_battery_can_charge(bat);
    l->req[0] = l->req[1] = 0.0 - 0.0;
}

/* An order filled up to each ceiling (step_fill with no floors). */
static inline double lean_fill(lean *l, int supply, double amount)
{
    const int *order = supply ? l->deficit : l->surplus;
    const double *room = supply ? l->room_s : l->room_a;
    for (int j = 0; j < (supply ? l->n_def : l->n_sur) && amount > 0; j++) {
        int k = order[j];
        if (room[k] - 0.0 <= 0) continue;
        double take = room[k] - 0.0 < amount ? room[k] - 0.0 : amount;
        l->req[k] += supply ? take : -take;
        amount -= take;
    }
    return amount;
}

/* step_orders with no floors: the bus's unserved and curtailed [kWh]. */
static inline void lean_orders(lean *l, int up, double profile, double need, double *unserved, double *curtailed)
{
    double stopped = 0.0;
    int formed = 0;
    for (int k = 0; k < 2; k++) formed |= l->forming[k] && (l->room_s[k] > 0 || l->room_a[k] > 0);
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

/* Commit the grid, then the battery (bat_commit), into the site's sums
 * (step_tally); the battery's ledger residual (bat_ledger). */
static inline double lean_commit(lean *l, int i, dc_tally *t)
{
    dc_battery *bat = &l->bat;
    double g = l->req[0], kwh = l->req[1];
    if (kwh > 0) dc_battery_discharge(bat, kwh);
    else if (kwh < 0) dc_battery_charge(bat, -kwh);
    double in = kwh < 0 ? -kwh : 0.0, out = kwh > 0 ? kwh : 0.0;
    l->ch[i] = in;
    l->dis[i] = out;
    l->stored[i] = bat->soc;
    l->losses[i] = in * (1.0 - bat->eta_c) + out * l->loss_per_out + l->lost;
    l->drawdown[i] = l->before - bat->soc;
    l->cycles[i] = out > 0 && l->energy > 0 ? out / bat->eta_d / l->energy : 0.0;
    *t = (dc_tally){0};
    t->did += g, t->asked += l->req[0];
    if (g > 0) t->import += g;
    else t->export -= g;
    t->did += kwh, t->asked += l->req[1];
    if (kwh > 0) t->discharge += kwh;
    else t->charge -= kwh;
    t->level += bat->soc;
    double moved = kwh < 0 ? -kwh * l->in_eff : -kwh * l->out_per_kwh;
    return fabs(bat->soc - (l->before - l->lost + moved));
}

/* step_settle_site for one site and no wire: its records; its residual. */
static inline double lean_settle(const lean *l, dc_site *s, int i, const dc_tally *t, double share_u, double frac)
{
    double demand = l->dem[i], pv = l->pv[i];
    double need = !l->gu || l->gu[i] ? demand : l->crit[i];
    double curtailed = pv * frac, unserved = need * share_u;
    double delivered = pv - curtailed, served = need - unserved;
    double wire = 0.0, wire_in = wire > 0 ? wire : 0.0, wire_out = wire < 0 ? -wire : 0.0;
    double residual = t->did + delivered + wire - served;
    step_record(s->rec, i, unserved, demand - need, curtailed, t, wire_in, wire_out, residual);
    if (s->taken) step_profile_shares(s, i, curtailed, delivered + t->generation + t->discharge, t->export + wire_out);
    return residual;
}

int dc_kernel_battery_run(dc_engine *e, dc_bus *b, int first, int last)
{
    dc_site *s = &e->site[b->sites[0]];
    s->epoch++;
    lean l;
    lean_start(&l, e, b, s);
    for (int i = first; i < last; i++) {
        int up = l.gu ? l.gu[i] : 1;
        double need = l.bus_need[i], profile = l.prof[i], unserved, curtailed;
        dc_tally t;
        lean_ask(&l, up);
        lean_orders(&l, up, profile, need, &unserved, &curtailed);
        double ledger = lean_commit(&l, i, &t);
        double share_u = need > 0 ? unserved / need : 0.0, frac = profile > 0 ? curtailed / profile : 0.0;
        double residual = lean_settle(&l, s, i, &t, share_u, frac);
        if (fabs(residual) <= l.tol && ledger <= l.tol) continue;
        lean_end(&l, b);
        if (!(fabs(residual) <= l.tol)) dc_step_failed(e, b, i, "site", s->name, residual, s->res, s->n_res);
        else dc_step_ledger_failed(e, b, i, b->mem[1].inst, ledger);
        return i;
    }
    lean_end(&l, b);
    return last;
}
