/* Woody biomass plant as a resource: chips are delivered to a yard
 * whatever the dispatch; the plant supplies between its minimum stable
 * load and its ceiling (rating x availability, the ramp from its last
 * output, the fuel in the yard), or is off; baseload and schedule modes
 * make its level a floor. Its ledger: stock = previous + delivered -
 * burned, with the fuel burned recomputed from what it reported. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "params.h"
#include "res_biomass_step.h"
#include "types.h"

static void bm_reset(void *st)
{
    biomass_state *s = st;
    s->stock_t = s->start_t;
    s->prev_kwh = 0.0;
    s->committed_kwh = NAN;
}

static void bm_destroy(void *st) { dc_fuelplant_free(&((biomass_state *)st)->plant); }

/* A synchronous generator forms an island's grid while it runs. */
static int bm_forms_grid(const void *st)
{
    (void)st;
    return 1;
}

const dc_restype dc_biomass_type = {
    .name = "biomass",
    .role = DC_ROLE_GENERATOR,
    .size = sizeof(biomass_state),
    .begin = bm_begin,
    .bounds = bm_bounds,
    .commit = bm_commit,
    .ledger = bm_ledger,
    .reset = bm_reset,
    .forms_grid = bm_forms_grid,
    .destroy = bm_destroy,
};

/* Each step's delivery [t]: the month's share spread over its steps. */
static double *deliveries(const dc_build_env *env, const dc_biomass_item *p)
{
    const dc_timeaxis *ta = env->ta;
    double *d = dc_pool_alloc(env->pool, (size_t)ta->n * sizeof *d);
    if (!d) return NULL;
    int steps[13] = {0}, order[13] = {0}, k = 0;
    for (int i = 0; i < ta->n; i++) {
        int m = ta->t[i].month;
        if (!steps[m]++) order[m] = k++; /* months in the scenario year's order */
    }
    for (int i = 0; i < ta->n; i++) {
        int m = ta->t[i].month;
        double share = p->n_delivery ? p->delivery_monthly_pct[order[m]] / 100.0
                                     : (double)steps[m] / ta->n; /* by days */
        d[i] = p->fuel_t_per_year * share / steps[m];
    }
    return d;
}

static unsigned char *outages(const dc_build_env *env, const dc_biomass_item *p)
{
    const dc_timeaxis *ta = env->ta;
    unsigned char *o = dc_pool_alloc(env->pool, (size_t)ta->n);
    if (!o) return NULL;
    memset(o, 0, (size_t)ta->n);
    for (int k = 0; k < dc_names_count(p->outages); k++) {
        char w[DC_NAME_MAX];
        long a, b;
        dc_names_get(p->outages, k, w);
        if (dc_outage_parse(w, &a, &b)) continue; /* validated */
        for (int i = 0; i < ta->n; i++) {
            long day = dc_days_from_civil(ta->t[i].year, ta->t[i].month, ta->t[i].day);
            if (day >= a && day <= b) o[i] = 1;
        }
    }
    return o;
}

static dc_status series(biomass_state *s, const dc_build_env *env, const char *name, int site)
{
    enum { D = DC_SERIES_DETAIL };
    const dc_series_spec ser[] = {
        {&s->elec, "electricity", "kWh", "electricity sent out", DC_AGG_SUM, 0},
        {&s->stock, "stock", "t", "green chips in the yard at the end of the step", DC_AGG_LAST, 0},
        {&s->heat, "heat", "kWh", "heat recovered (CHP)", DC_AGG_SUM, D},
        {&s->fuel_t, "fuel_t", "t", "green chips burned", DC_AGG_SUM, D},
        {&s->fuel_mwh, "fuel", "MWh", "fuel energy burned (LHV as burned)", DC_AGG_SUM, D},
        {&s->delivered, "delivered_t", "t", "green chips taken into the yard", DC_AGG_SUM, D},
        {&s->turned_away, "turned_away_t", "t", "deliveries the full yard could not take", DC_AGG_SUM, D},
        {&s->hours, "hours", "h", "operating hours", DC_AGG_SUM, D},
        {&s->cf, "capacity_factor", "-", "output / rating; over a period, the capacity factor", DC_AGG_MEAN, D},
    };
    return dc_registry_add_resource(env->reg, "biomass", name, site, ser, sizeof ser / sizeof ser[0]) ? DC_ERR_NOMEM
                                                                                                   : DC_OK;
}

dc_status dc_biomass_make(void *state, const dc_build_env *env, int item, int site)
{
    biomass_state *s = state;
    const dc_biomass_item *p = &DC_CITEMS(env->s, S_BIOMASS, dc_biomass_item)[item];
    memset(s, 0, sizeof *s);
    s->p = p;
    s->schedule = env->in->biomass[item].schedule;
    s->step_h = env->step_h;
    s->lhv_wet = dc_wood_lhv_wet(env->in->biomass[item].lhv_dry_mj_per_kg, p->moisture_pct / 100.0);
    s->heat_eff = p->heat_efficiency_pct / 100.0;
    s->avail = p->availability_pct / 100.0;
    s->min_kwh = p->min_load_pct / 100.0 * p->capacity_kw * s->step_h;
    s->ramp_kwh = p->ramp_kw_per_h * s->step_h * s->step_h; /* kW may change by ramp x step_h; x step_h = kWh */
    s->start_t = p->yard_initial_t;
    if (dc_fuelplant_init(&s->plant, p->capacity_kw, p->efficiency_pct / 100.0, p->part_load_pct,
                          p->part_load_eff_pct, p->n_part_load))
        return DC_ERR_NOMEM;
    if (s->lhv_wet <= 0) {
        dc_scenario_error(env->s, env->diag, S_BIOMASS, item, "moisture_pct", "at %g %% moisture the chips give "
                          "no heat (LHV %.2f MJ/kg)", p->moisture_pct, s->lhv_wet);
        return DC_ERR_SCENARIO;
    }
    if (!(s->deliver = deliveries(env, p)) || !(s->out = outages(env, p))) return DC_ERR_NOMEM;
    dc_status st = series(s, env, p->name, site);
    bm_reset(s);
    return st;
}
