/* A fleet of identical official EVs as a resource: each day type's trip
 * takes the cars away (the trip's energy leaves with them); a car leaves
 * only with its trip's energy and margin, else the trip is missed and
 * counted. Plugged in, the cars charge (immediately, or smart: as late as
 * the next departure allows, PV surplus taken whenever it comes) and, with
 * V2B chargers, supply their site above their reserve and never below
 * what the next trip needs; in a grid outage the reserve is usable, and
 * unless trips go on (trips_in_outage) the cars stay and give all. Its
 * ledger: energy = previous - trip + charged x eta_c - discharged / eta_d. */
#include <math.h>
#include <string.h>

#include "calendar.h"
#include "minmax.h"
#include "outages.h"
#include "params.h"
#include "res_ev_step.h"
#include "types.h"

static void ev_reset(void *st)
{
    ev_state *s = st;
    s->energy = s->start;
    s->away_until = 0;
}

static int ev_forms_grid(const void *st)
{
    const ev_state *s = st;
    return s->p->v2b && s->p->grid_forming;
}

const dc_restype dc_ev_type = {
    .name = "ev",
    .role = DC_ROLE_STORE,
    .size = sizeof(ev_state),
    .begin = ev_begin,
    .bounds = ev_bounds,
    .commit = ev_commit,
    .ledger = ev_ledger,
    .reset = ev_reset,
    .forms_grid = ev_forms_grid,
};

/* Departures, returns and each step's next departure, from the day
 * types' trips on the scenario's calendar. */
static void schedule(ev_state *s, const dc_build_env *env)
{
    const dc_timeaxis *ta = env->ta;
    const dc_ev_item *p = s->p;
    double *dep = s->depart;
    int *back = s->back, *next = s->next;
    int step_min = (int)(s->step_h * 60 + 0.5);
    for (int i = 0; i < ta->n; i++) {
        const dc_stamp *t = &ta->t[i];
        int off = t->offday, m0 = t->hour * 60 + t->minute;
        double km = off ? p->offday_km : p->weekday_km;
        int d = dc_clock_parse(off ? p->offday_departure : p->weekday_departure);
        int r = dc_clock_parse(off ? p->offday_return : p->weekday_return);
        dep[i] = 0.0;
        back[i] = i;
        if (km <= 0 || d < 0 || r < 0 || d < m0 || d >= m0 + step_min) continue;
        dep[i] = km * p->kwh_per_km * p->count;
        back[i] = i + (r - m0) / step_min + 1; /* back after the step its return falls in */
        if (back[i] > ta->n) back[i] = ta->n;
    }
    for (int i = ta->n - 1, nd = -1; i >= 0; i--) {
        if (dep[i] > 0) nd = i;
        next[i] = nd;
    }
}

/* The item's parameters into the state and its trips onto the year, back
 * at the start of the year; its series stay where they are. */
dc_status dc_ev_retune(void *state, const dc_build_env *env, int item)
{
    ev_state *s = state;
    const dc_ev_item *p = &DC_CITEMS(env->s, S_EVS, dc_ev_item)[item];
    s->p = p;
    s->cap = p->battery_kwh * p->count;
    s->charger = p->charger_kw * p->count * s->step_h;
    s->eta_c = p->charge_eff_pct / 100.0;
    s->eta_d = p->discharge_eff_pct / 100.0;
    s->reserve = s->cap * p->reserve_pct / 100.0;
    s->start = s->cap * p->initial_pct / 100.0;
    schedule(s, env);
    ev_reset(s);
    return DC_OK;
}

dc_status dc_ev_make(void *state, const dc_build_env *env, int item, int site)
{
    ev_state *s = state;
    const dc_ev_item *p = &DC_CITEMS(env->s, S_EVS, dc_ev_item)[item];
    memset(s, 0, sizeof *s);
    s->n = env->ta->n;
    s->step_h = env->step_h;
    s->depart = dc_pool_alloc(env->pool, (size_t)s->n * sizeof *s->depart);
    s->back = dc_pool_alloc(env->pool, (size_t)s->n * sizeof *s->back);
    s->next = dc_pool_alloc(env->pool, (size_t)s->n * sizeof *s->next);
    if (!s->depart || !s->back || !s->next) return DC_ERR_NOMEM;
    dc_status st = dc_ev_retune(s, env, item);
    enum { D = DC_SERIES_DETAIL };
    const dc_series_spec ser[] = {
        {&s->stored, "stored", "kWh", "energy in the cars' batteries at the end of the step", DC_AGG_LAST, 0},
        {&s->charge, "charge", "kWh", "AC energy charged", DC_AGG_SUM, 0},
        {&s->discharge, "discharge", "kWh", "AC energy given to the site (V2B)", DC_AGG_SUM, 0},
        {&s->trips, "trip_energy", "kWh", "energy the cars took on their trips", DC_AGG_SUM, D},
        {&s->missed, "missed_trips", "-", "cars that could not leave: not enough energy for the trip", DC_AGG_SUM, D},
        {&s->away, "away", "h", "hours the cars were on the road", DC_AGG_SUM, D},
    };
    if (st == DC_OK && dc_registry_add_resource(env->reg, "ev", p->name, site, ser, sizeof ser / sizeof ser[0]))
        st = DC_ERR_NOMEM;
    return st;
}
