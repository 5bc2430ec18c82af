/* Stationary battery as a resource: it loses its self-discharge whatever
 * the dispatch, may charge and discharge within its power and SOC window,
 * and keeps a ledger: stored = previous - self-discharge + charged x
 * eta_c - discharged / eta_d, from what it reported. */
#include <math.h>
#include <string.h>

#include "res_battery_step.h"
#include "types.h"

static int bat_forms_grid(const void *st) { return ((const battery_state *)st)->grid_forming; }

static void bat_reset(void *st)
{
    battery_state *s = st;
    dc_battery_init(&s->b, &s->p, s->step_h);
    s->b.soc = s->start_kwh;
    s->loss_per_out = 1.0 / s->b.eta_d - 1.0;
}

static double bat_cycle(void *st)
{
    battery_state *s = st;
    if (!s->cyclic) return -1.0;
    double moved = fabs(s->b.soc - s->start_kwh);
    s->start_kwh = s->b.soc;
    return moved;
}

const dc_restype dc_battery_type = {
    .name = "battery",
    .role = DC_ROLE_STORE,
    .size = sizeof(battery_state),
    .begin = bat_begin,
    .bounds = bat_bounds,
    .commit = bat_commit,
    .ledger = bat_ledger,
    .reset = bat_reset,
    .cycle = bat_cycle,
    .level = bat_level,
    .forms_grid = bat_forms_grid,
};

void dc_battery_records(battery_state *s)
{
    const bat_rates *r = &s->later_rates;
    for (int i = s->later_first; s->later && i < s->later_last; i++) {
        double before = i == 0 ? s->later_soc0 : s->site_level[i - 1];
        double after = before - before * (1.0 - r->keep); /* dc_battery_self_discharge */
        bat_record(s, r, i, s->site_charge[i], s->site_discharge[i], before, before - after, s->site_level[i]);
    }
    s->later = 0;
}

/* The item's parameters into the state, which goes back to the start of
 * the year; its series stay where they are (those left to later keep the
 * rates they were run with). */
dc_status dc_battery_retune(void *state, const dc_build_env *env, int item)
{
    battery_state *s = state;
    const dc_battery_item *it = &DC_CITEMS(env->s, S_BATTERIES, dc_battery_item)[item];
    s->p = it->b;
    if (s->p.energy_kwh <= 0) s->p.power_kw = 0; /* 0 kWh = no battery */
    s->start_kwh = s->p.energy_kwh * s->p.soc_initial_pct / 100.0;
    s->cyclic = it->year_end == DC_YEAR_END_CYCLIC;
    s->reserve_kwh = s->p.energy_kwh * it->disaster_reserve_pct / 100.0;
    s->grid_forming = it->grid_forming;
    s->in_eff = s->p.charge_eff_pct / 100.0; /* from the parameters, not the dispatch's copy */
    s->out_per_kwh = 100.0 / s->p.discharge_eff_pct;
    bat_reset(s);
    return DC_OK;
}

dc_status dc_battery_make(void *state, const dc_build_env *env, int item, int site)
{
    battery_state *s = state;
    const dc_battery_item *it = &DC_CITEMS(env->s, S_BATTERIES, dc_battery_item)[item];
    memset(s, 0, sizeof *s);
    s->step_h = env->step_h;
    dc_battery_retune(s, env, item);
    enum { D = DC_SERIES_DETAIL }; /* hourly.csv: charge, discharge, stored */
    const dc_series_spec ser[] = {
        {&s->charge, "charge", "kWh", "AC energy into the battery", DC_AGG_SUM, 0},
        {&s->discharge, "discharge", "kWh", "AC energy out of the battery (throughput)", DC_AGG_SUM, 0},
        {&s->stored, "stored", "kWh", "stored energy at the end of the step", DC_AGG_LAST, 0},
        {&s->losses, "losses", "kWh", "conversion losses and self-discharge", DC_AGG_SUM, D},
        {&s->drawdown, "drawdown", "kWh", "stored energy at the step's start minus at its end; summed over the year, "
                                          "what the year took from the initial state", DC_AGG_SUM, D},
        {&s->cycles, "cycles", "-", "equivalent full cycles: stored energy discharged / nominal capacity", DC_AGG_SUM,
         D},
    };
    if (dc_registry_add_resource(env->reg, "battery", it->name, site, ser, sizeof ser / sizeof ser[0]))
        return DC_ERR_NOMEM;
    return DC_OK;
}
