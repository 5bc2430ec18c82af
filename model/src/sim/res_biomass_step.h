/* A woody biomass plant's state and step functions, inline (see
 * res_battery_step.h). */
#ifndef DC_RES_BIOMASS_STEP_H
#define DC_RES_BIOMASS_STEP_H

#include "fuelplant.h"
#include "minmax.h"
#include "plants.h"
#include "restype.h"
#include "scenario.h"
#include "shape.h"
#include "units.h"

typedef struct {
    dc_fuelplant plant;
    const dc_biomass_item *p;
    dc_shape schedule;          /* a copy: the model outlives the inputs it was made from */
    double step_h, lhv_wet;       /* [h], [MJ/kg] */
    double heat_eff, avail, min_kwh, ramp_kwh; /* fractions; per step [kWh] */
    double stock_t, start_t, before_t, delivered_now, prev_kwh;
    double committed_kwh, committed_mj; /* this step's output and its fuel: the ledger's fuel when it was reported */
    const unsigned char *out;     /* per step: 1 = planned outage */
    const double *deliver;        /* per step [t] */
    double *elec, *heat, *fuel_t, *fuel_mwh, *stock, *delivered, *turned_away, *hours, *cf;
} biomass_state;

static inline void bm_begin(void *st, const dc_ctx *c)
{
    biomass_state *s = st;
    s->before_t = s->stock_t;
    double room = s->p->yard_capacity_t - s->stock_t, in = s->deliver[c->i];
    s->delivered_now = in < room ? in : room > 0 ? room : 0.0;
    s->stock_t += s->delivered_now;
    if (!c->record) return;
    s->turned_away[c->i] = in - s->delivered_now;
    s->delivered[c->i] = s->delivered_now;
}

/* The scheduled level of this step [kWh]. */
static inline double bm_scheduled(const biomass_state *s, const dc_ctx *c)
{
    const dc_stamp *t = c->t;
    return s->schedule.w[t->month - 1][t->offday ? 1 : 0][t->hour] / 100.0 * s->p->capacity_kw * s->step_h;
}

static inline void bm_bounds(const void *st, const dc_ctx *c, dc_bounds *b)
{
    const biomass_state *s = st;
    *b = (dc_bounds){0.0, 0.0, 0.0, 0.0, s->min_kwh};
    if (s->out[c->i]) return;
    double hi = s->p->capacity_kw * s->step_h * s->avail, lo = s->min_kwh;
    if (s->prev_kwh > 0) {
        hi = dc_min(hi, s->prev_kwh + s->ramp_kwh);
        lo = dc_max(lo, s->prev_kwh - s->ramp_kwh);
    }
    hi = dc_fuelplant_max_kwh((dc_fuelplant *)&s->plant, s->stock_t * 1000.0 * s->lhv_wet, s->step_h, hi);
    if (hi < s->min_kwh * (1 - 1e-12) || hi <= 0) return; /* cannot run: off */
    double must = lo < hi ? lo : hi;
    if (s->p->mode == DC_RUN_BASELOAD) must = hi;
    if (s->p->mode == DC_RUN_SCHEDULE) {
        double want = bm_scheduled(s, c);
        if (want < s->min_kwh) return; /* scheduled off */
        must = hi = dc_max(must, dc_min(want, hi));
    }
    b->must_supply = must;
    b->max_supply = hi;
}

static inline double bm_commit(void *st, const dc_ctx *c, double kwh)
{
    biomass_state *s = st;
    int i = c->i;
    double mj = dc_fuelplant_fuel_mj(&s->plant, kwh, s->step_h), t = mj / (1000.0 * s->lhv_wet);
    s->stock_t = dc_max(0.0, s->stock_t - t);
    s->prev_kwh = kwh;
    s->committed_kwh = kwh;
    s->committed_mj = mj;
    if (!c->record) return kwh;
    s->elec[i] = kwh;
    s->heat[i] = mj * s->heat_eff / DC_MJ_PER_KWH;
    s->fuel_t[i] = t;
    s->fuel_mwh[i] = mj / DC_MJ_PER_KWH / 1000.0;
    s->stock[i] = s->stock_t;
    s->hours[i] = kwh > 0 ? s->step_h : 0.0;
    s->cf[i] = kwh / (s->p->capacity_kw * s->step_h);
    return kwh;
}

static inline double bm_ledger(const void *st, const dc_ctx *c, double done)
{
    const biomass_state *s = st;
    (void)c;
    /* The fuel curve is a function of the output: computed once when the
     * report is what was committed. */
    double mj = done == s->committed_kwh ? s->committed_mj : dc_fuelplant_fuel_mj_of(&s->plant, done, s->step_h);
    double burned = mj / (1000.0 * s->lhv_wet);
    return (s->stock_t - (s->before_t + s->delivered_now - burned)) * 1000.0 * s->lhv_wet / DC_MJ_PER_KWH;
}
#endif
