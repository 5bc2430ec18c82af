/* An EV fleet's state and step functions, inline (see
 * res_battery_step.h). */
#ifndef DC_RES_EV_STEP_H
#define DC_RES_EV_STEP_H

#include "calendar.h"
#include "minmax.h"
#include "restype.h"
#include "scenario.h"

typedef struct {
    const dc_ev_item *p;
    double step_h, cap, charger, eta_c, eta_d, reserve; /* fleet: [kWh], per step [kWh], fractions */
    double energy, start, before, trip_now;
    int away_until, n;               /* first step the cars are back; steps in the year */
    double *depart;                  /* per step: the fleet's trip energy when it leaves then [kWh] */
    int *back, *next;                /* per step: first step back after leaving then; next departure step, -1 */
    double *stored, *charge, *discharge, *trips, *missed, *away;
} ev_state;

static inline double ev_need_at(const ev_state *s, int i)
{
    return i >= 0 ? s->depart[i] * (1.0 + s->p->margin_pct / 100.0) : 0.0;
}

static inline void ev_begin(void *st, const dc_ctx *c)
{
    ev_state *s = st;
    int i = c->i;
    s->before = s->energy;
    s->trip_now = 0.0;
    double missed = 0.0;
    int stay = !c->grid_up && !s->p->trips_in_outage; /* in an outage the cars serve the site */
    if (i >= s->away_until && s->depart[i] > 0 && !stay) {
        if (s->energy >= ev_need_at(s, i) * (1 - 1e-12)) {
            s->energy -= s->depart[i];
            s->trip_now = s->depart[i];
            s->away_until = s->back[i];
        } else {
            missed = s->p->count; /* they stay: the trip is missed, not silently dropped */
        }
    }
    if (!c->record) return;
    s->trips[i] = s->trip_now;
    s->missed[i] = missed;
    s->away[i] = i < s->away_until ? s->step_h : 0.0;
}

/* What the next departure needs and what must go in now to reach it. */
static inline void ev_next_trip(const ev_state *s, int i, double *need, double *must_batt)
{
    int nd = i + 1 < s->n ? s->next[i + 1] : -1;
    *need = ev_need_at(s, nd);
    double later = nd > i ? (nd - i - 1) * s->charger * s->eta_c : 0.0;
    *must_batt = dc_max(0.0, *need - s->energy - later);
}

static inline void ev_bounds(const void *st, const dc_ctx *c, dc_bounds *b)
{
    const ev_state *s = st;
    *b = (dc_bounds){0.0, 0.0, 0.0, 0.0, 0.0};
    if (c->i < s->away_until) return; /* on the road */
    double need, must_batt;
    ev_next_trip(s, c->i, &need, &must_batt);
    b->max_absorb = dc_max(0.0, dc_min(s->charger, (s->cap - s->energy) / s->eta_c));
    double floor = c->grid_up ? dc_max(s->reserve, need) : s->p->trips_in_outage ? need : 0.0; /* reserve: outages */
    /* Immediate charging would buy back from the grid what V2B gave: with
     * it the cars supply the site only while the grid is down. */
    int v2b = s->p->v2b && (s->p->charging == DC_CHARGE_SMART || !c->grid_up);
    if (v2b) b->max_supply = dc_min(s->charger, dc_max(0.0, s->energy - floor) * s->eta_d);
    double must = dc_min(b->max_absorb, must_batt / s->eta_c);
    if (s->p->charging == DC_CHARGE_IMMEDIATE && c->grid_up) must = b->max_absorb;
    b->must_absorb = must;
}

static inline double ev_commit(void *st, const dc_ctx *c, double kwh)
{
    ev_state *s = st;
    if (kwh < 0) s->energy += -kwh * s->eta_c;
    else s->energy -= kwh / s->eta_d;
    if (c->record) {
        s->charge[c->i] = kwh < 0 ? -kwh : 0.0;
        s->discharge[c->i] = kwh > 0 ? kwh : 0.0;
        s->stored[c->i] = s->energy;
    }
    return kwh;
}

static inline double ev_ledger(const void *st, const dc_ctx *c, double done)
{
    const ev_state *s = st;
    (void)c;
    double moved = done < 0 ? -done * s->eta_c : -done / s->eta_d;
    return s->energy - (s->before - s->trip_now + moved);
}
#endif
