/* A stationary battery's state and its step functions, inline: the
 * generic step calls them through dc_battery_type, a kernel (kernels.c)
 * directly. */
#ifndef DC_RES_BATTERY_STEP_H
#define DC_RES_BATTERY_STEP_H

#include "battery.h"
#include "minmax.h"
#include "params.h"
#include "restype.h"

typedef struct {
    dc_battery b;
    dc_battery_params p;
    double step_h;
    double start_kwh;   /* stored at the start of the year [kWh] */
    double before_kwh;  /* stored at the start of this step [kWh] */
    double lost_kwh;    /* self-discharge of this step [kWh] */
    int cyclic;         /* 1: the year starts where it ends (year_end: cyclic) */
    double reserve_kwh; /* stored energy kept for outages [kWh] */
    double in_eff, out_per_kwh;  /* the ledger's own: charge efficiency, stored kWh per AC kWh out */
    double loss_per_out;         /* AC kWh out -> conversion loss [kWh] */
    int grid_forming;
    double *charge, *discharge, *stored, *losses, *drawdown, *cycles;
    /* Steps [later_first, later_last) whose records a run left to be
     * worked out from its site's (the battery kernel: dc_battery_records);
     * its site's charge, discharge and storage level; the stored energy
     * before step 0 when the run began there. */
    int later, later_first, later_last;
    const double *site_charge, *site_discharge, *site_level;
    double later_soc0;
    struct bat_rates {
        double eta_c, eta_d, keep, loss_per_out, energy;
    } later_rates; /* what they were run with (a set may change them before a read) */
} battery_state;

typedef struct bat_rates bat_rates;

static inline bat_rates bat_rates_of(const battery_state *s)
{
    return (bat_rates){s->b.eta_c, s->b.eta_d, s->b.keep_per_step, s->loss_per_out, s->p.energy_kwh};
}

static inline void bat_begin(void *st, const dc_ctx *c)
{
    battery_state *s = st;
    (void)c;
    s->before_kwh = s->b.soc;
    dc_battery_self_discharge(&s->b);
    s->lost_kwh = s->before_kwh - s->b.soc;
}

/* Day to day the disaster reserve stays in; while the grid is down it
 * may be used. */
static inline void bat_bounds(const void *st, const dc_ctx *c, dc_bounds *b)
{
    const battery_state *s = st;
    double out = dc_battery_can_discharge(&s->b);
    if (c->grid_up && s->reserve_kwh > s->b.e_min)
        out = dc_min(out, dc_max(0.0, s->b.soc - s->reserve_kwh) * s->b.eta_d);
    *b = (dc_bounds){0.0, out, 0.0, dc_battery_can_charge(&s->b), 0.0};
}

/* Step i's records at rates r: AC in and out [kWh], stored energy at
 * the step's start and end, and its self-discharge [kWh]. */
static inline void bat_record(battery_state *s, const bat_rates *r, int i, double in, double out, double before,
                              double lost, double soc)
{
    s->charge[i] = in;
    s->discharge[i] = out;
    s->stored[i] = soc;
    s->losses[i] = in * (1.0 - r->eta_c) + out * r->loss_per_out + lost;
    s->drawdown[i] = before - soc;
    s->cycles[i] = out > 0 && r->energy > 0 ? out / r->eta_d / r->energy : 0.0;
}

static inline double bat_commit(void *st, const dc_ctx *c, double kwh)
{
    battery_state *s = st;
    if (kwh > 0) dc_battery_discharge(&s->b, kwh);
    else if (kwh < 0) dc_battery_charge(&s->b, -kwh);
    double in = kwh < 0 ? -kwh : 0.0, out = kwh > 0 ? kwh : 0.0;
    if (c->record) {
        bat_rates r = bat_rates_of(s);
        bat_record(s, &r, c->i, in, out, s->before_kwh, s->lost_kwh, s->b.soc);
    }
    return kwh;
}

static inline double bat_ledger(const void *st, const dc_ctx *c, double done)
{
    const battery_state *s = st;
    (void)c;
    double moved = done < 0 ? -done * s->in_eff : -done * s->out_per_kwh; /* no divisions per step */
    return s->b.soc - (s->before_kwh - s->lost_kwh + moved);
}

static inline double bat_level(const void *st) { return ((const battery_state *)st)->b.soc; }

/* The records of the steps a run left to later (battery_state), from its
 * site's: the same expressions on the same values as bat_commit's (its
 * site's charge, discharge and level are the battery's own when it is
 * the site's only store), at the rates they were run with; nothing is
 * left after. */
void dc_battery_records(battery_state *s);
#endif
