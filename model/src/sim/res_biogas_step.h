/* A biogas plant's state and step functions, inline (see
 * res_battery_step.h). */
#ifndef DC_RES_BIOGAS_STEP_H
#define DC_RES_BIOGAS_STEP_H

#include "minmax.h"
#include "plants.h"
#include "restype.h"
#include "scenario.h"
#include "units.h"

typedef struct {
    const dc_biogas_item *p;
    double step_h, lhv_kwh;          /* [h], methane [kWh per Nm3] */
    double eff, heat_eff, boiler_eff, min_kwh, heat_need; /* fractions; per step [kWh] */
    double holder, ch4, start;       /* biogas and its methane in the holder [Nm3] */
    double before, made, made_ch4, boiler_now, flared_now, mean_share;
    /* The holder's methane share after this step's production, and the gas
     * the engine and the boiler burn per kWh at it [Nm3/kWh]. Drawing gas
     * leaves the share as it is, so the step needs no other division. */
    double share, engine_nm3_per_kwh, boiler_nm3_per_kwh;
    const double *prod_bg, *prod_ch4; /* per step [Nm3] */
    double *elec, *heat, *produced, *burned, *boiler, *flared, *level, *heat_short, *hours;
} biogas_state;

/* Gas at the holder's methane share: the share stays. */
static inline void bg_take(biogas_state *s, double nm3)
{
    s->holder -= nm3;
    s->ch4 -= nm3 * s->share;
}

static inline void bg_begin(void *st, const dc_ctx *c)
{
    biogas_state *s = st;
    s->before = s->holder;
    s->made = s->prod_bg[c->i];
    s->made_ch4 = s->prod_ch4[c->i];
    s->holder += s->made;
    s->ch4 += s->made_ch4;
    int gas = s->holder > 0 && s->ch4 > 0;
    s->share = gas ? s->ch4 / s->holder : 0.0;
    s->engine_nm3_per_kwh = gas ? s->holder / (s->ch4 * s->eff * s->lhv_kwh) : 0.0;
    s->boiler_nm3_per_kwh = gas ? s->holder / (s->ch4 * s->boiler_eff * s->lhv_kwh) : 0.0;
}

static inline int bg_may_run(const biogas_state *s, const dc_ctx *c)
{
    switch (s->p->run) {
    case DC_GAS_ABOVE_LEVEL: return s->holder >= s->p->run_above_pct / 100.0 * s->p->holder_nm3;
    case DC_GAS_HOURS:
        for (int k = 0; k < s->p->n_run_hours; k++)
            if (s->p->run_hours[k] == c->t->hour) return 1;
        return 0;
    default: return 1;
    }
}

static inline void bg_bounds(const void *st, const dc_ctx *c, dc_bounds *b)
{
    const biogas_state *s = st;
    double per_nm3 = s->eff * s->lhv_kwh * s->share; /* kWh per Nm3 of holder gas */
    double hi = dc_min(s->p->engine_kw * s->step_h, dc_max(0.0, s->holder - s->p->holder_min_nm3) * per_nm3);
    double overflow = s->holder - s->p->holder_nm3;
    *b = (dc_bounds){0.0, 0.0, 0.0, 0.0, s->min_kwh};
    if (hi < s->min_kwh * (1 - 1e-12) || hi <= 0) return; /* not enough gas to run */
    double must = overflow > 0 ? dc_min(hi, dc_max(s->min_kwh, overflow * per_nm3)) : 0.0;
    b->must_supply = must;
    b->max_supply = bg_may_run(s, c) ? hi : must;
}

/* Heat the engine does not give comes from the boiler, as far as the gas
 * above the holder's minimum goes. */
static inline double bg_boiler(biogas_state *s, double engine_heat, double *short_kwh)
{
    double short_by = dc_max(0.0, s->heat_need - engine_heat);
    double want = short_by * s->boiler_nm3_per_kwh;
    double gas = dc_min(want, dc_max(0.0, s->holder - s->p->holder_min_nm3));
    bg_take(s, gas);
    *short_kwh = want > 0 ? short_by * (1.0 - gas / want) : short_by;
    return gas;
}

static inline double bg_commit(void *st, const dc_ctx *c, double kwh)
{
    biogas_state *s = st;
    int i = c->i;
    double gas = kwh > 0 ? kwh * s->engine_nm3_per_kwh : 0.0;
    bg_take(s, gas);
    double engine_heat = gas * s->share * s->lhv_kwh * s->heat_eff;
    double short_kwh;
    s->boiler_now = bg_boiler(s, engine_heat, &short_kwh);
    s->flared_now = dc_max(0.0, s->holder - s->p->holder_nm3);
    bg_take(s, s->flared_now);
    if (!c->record) return kwh;
    s->heat_short[i] = short_kwh;
    s->elec[i] = kwh;
    s->heat[i] = engine_heat;
    s->produced[i] = s->made;
    s->burned[i] = gas;
    s->boiler[i] = s->boiler_now;
    s->flared[i] = s->flared_now;
    s->level[i] = s->holder;
    s->hours[i] = kwh > 0 ? s->step_h : 0.0;
    return kwh;
}

static inline double bg_ledger(const void *st, const dc_ctx *c, double done)
{
    const biogas_state *s = st;
    (void)c;
    /* The gas burned from the reported output, by the plant's efficiency
     * and the step's share (not the rate commit used). */
    double burned = done > 0 && s->share > 0 ? done / (s->eff * s->lhv_kwh * s->share) : 0.0;
    double residual = s->holder - (s->before + s->made - burned - s->boiler_now - s->flared_now);
    return residual * s->share * s->lhv_kwh; /* as methane energy [kWh] */
}
#endif
