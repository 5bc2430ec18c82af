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
} battery_state;

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

static inline double bat_commit(void *st, const dc_ctx *c, double kwh)
{
    battery_state *s = st;
    int i = c->i;
    if (kwh > 0) dc_battery_discharge(&s->b, kwh);
    else if (kwh < 0) dc_battery_charge(&s->b, -kwh);
    double in = kwh < 0 ? -kwh : 0.0, out = kwh > 0 ? kwh : 0.0;
    if (!c->record) return kwh;
    s->charge[i] = in;
    s->discharge[i] = out;
    s->stored[i] = s->b.soc;
    s->losses[i] = in * (1.0 - s->b.eta_c) + out * s->loss_per_out + s->lost_kwh;
    s->drawdown[i] = s->before_kwh - s->b.soc;
    s->cycles[i] = out > 0 && s->p.energy_kwh > 0 ? out / s->b.eta_d / s->p.energy_kwh : 0.0;
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
#endif
