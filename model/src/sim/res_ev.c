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
#include "types.h"

typedef struct {
    const dc_ev_item *p;
    double step_h, cap, charger, eta_c, eta_d, reserve; /* fleet: [kWh], per step [kWh], fractions */
    double energy, start, before, trip_now;
    int away_until, n;               /* first step the cars are back; steps in the year */
    double *depart;                  /* per step: the fleet's trip energy when it leaves then [kWh] */
    int *back, *next;                /* per step: first step back after leaving then; next departure step, -1 */
    double *stored, *charge, *discharge, *trips, *missed, *away;
} ev_state;

static double need_at(const ev_state *s, int i)
{
    return i >= 0 ? s->depart[i] * (1.0 + s->p->margin_pct / 100.0) : 0.0;
}

static void ev_begin(void *st, const dc_ctx *c)
{
    ev_state *s = st;
    int i = c->i;
    s->before = s->energy;
    s->trip_now = 0.0;
    double missed = 0.0;
    int stay = !c->grid_up && !s->p->trips_in_outage; /* in an outage the cars serve the site */
    if (i >= s->away_until && s->depart[i] > 0 && !stay) {
        if (s->energy >= need_at(s, i) * (1 - 1e-12)) {
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
static void next_trip(const ev_state *s, int i, double *need, double *must_batt)
{
    int nd = i + 1 < s->n ? s->next[i + 1] : -1;
    *need = need_at(s, nd);
    double later = nd > i ? (nd - i - 1) * s->charger * s->eta_c : 0.0;
    *must_batt = dc_max(0.0, *need - s->energy - later);
}

static void ev_bounds(const void *st, const dc_ctx *c, dc_bounds *b)
{
    const ev_state *s = st;
    *b = (dc_bounds){0.0, 0.0, 0.0, 0.0, 0.0};
    if (c->i < s->away_until) return; /* on the road */
    double need, must_batt;
    next_trip(s, c->i, &need, &must_batt);
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

static double ev_commit(void *st, const dc_ctx *c, double kwh)
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

static double ev_ledger(const void *st, const dc_ctx *c, double done)
{
    const ev_state *s = st;
    (void)c;
    double moved = done < 0 ? -done * s->eta_c : -done / s->eta_d;
    return s->energy - (s->before - s->trip_now + moved);
}

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
