/* Biogas plant as a resource: the digester fills the holder whatever the
 * dispatch; the engine may run by its rule (always, above a holder level,
 * in named hours) between its minimum load and its rating, as far as the
 * gas above the holder's minimum allows; it must run when the holder would
 * overflow, and what it cannot burn is flared (counted). Its heat warms
 * the digester first; a biogas boiler makes up the rest. Its ledger:
 * holder = previous + produced - burned - boiler - flared, with the gas
 * burned recomputed from what it reported. */
#include <math.h>
#include <string.h>

#include "minmax.h"
#include "units.h"

#include "digester.h"
#include "params.h"
#include "res_biogas_step.h"
#include "types.h"

static void bg_reset(void *st)
{
    biogas_state *s = st;
    s->holder = s->start;
    s->ch4 = s->start * s->mean_share;
}

/* A synchronous generator forms an island's grid while it runs. */
static int bg_forms_grid(const void *st)
{
    (void)st;
    return 1;
}

const dc_restype dc_biogas_type = {
    .name = "biogas",
    .role = DC_ROLE_GENERATOR,
    .size = sizeof(biogas_state),
    .begin = bg_begin,
    .bounds = bg_bounds,
    .commit = bg_commit,
    .ledger = bg_ledger,
    .reset = bg_reset,
    .forms_grid = bg_forms_grid,
};

/* Biogas and methane of every feedstock of this plant, per step [Nm3]. */
static dc_status production(biogas_state *s, const dc_build_env *env, int item)
{
    const dc_timeaxis *ta = env->ta;
    double *bg = dc_pool_alloc(env->pool, (size_t)ta->n * sizeof *bg);
    double *ch4 = dc_pool_alloc(env->pool, (size_t)ta->n * sizeof *ch4);
    if (!bg || !ch4) return DC_ERR_NOMEM;
    memset(bg, 0, (size_t)ta->n * sizeof *bg);
    memset(ch4, 0, (size_t)ta->n * sizeof *ch4);
    int order[13] = {0}, k = 0;
    for (int i = 0; i < ta->n; i++)
        if (!order[ta->t[i].month]) order[ta->t[i].month] = ++k; /* months in the year's order, from 1 */
    double sum_bg = 0, sum_ch4 = 0;
    for (int f = 0; f < env->s->list[S_FEEDSTOCKS].n; f++) {
        if (dc_feedstock_plant(env->s, f) != item) continue;
        const dc_feedstock_item *it = &DC_CITEMS(env->s, S_FEEDSTOCKS, dc_feedstock_item)[f];
        const dc_feed_input *in = &env->in->feeds[f];
        dc_feed feed = {in->ts_pct / 100, in->vs_pct_of_ts / 100, in->yield_nm3_per_kg_vs, in->methane_pct / 100};
        for (int i = 0; i < ta->n; i++) {
            double per_day = it->n_monthly ? it->monthly_t_per_day[order[ta->t[i].month] - 1] : it->t_per_day;
            double t = per_day * s->step_h / 24.0;
            bg[i] += dc_feed_biogas_nm3(&feed, t);
            ch4[i] += dc_feed_methane_nm3(&feed, t);
        }
    }
    for (int i = 0; i < ta->n; i++) sum_bg += bg[i], sum_ch4 += ch4[i];
    s->mean_share = sum_bg > 0 ? sum_ch4 / sum_bg : 0.0;
    s->prod_bg = bg;
    s->prod_ch4 = ch4;
    return DC_OK;
}

static dc_status series(biogas_state *s, const dc_build_env *env, const char *name, int site)
{
    enum { D = DC_SERIES_DETAIL };
    const dc_series_spec ser[] = {
        {&s->elec, "electricity", "kWh", "electricity from the engine", DC_AGG_SUM, 0},
        {&s->level, "holder", "Nm3", "biogas in the holder at the end of the step", DC_AGG_LAST, 0},
        {&s->produced, "produced", "Nm3", "biogas from the digester", DC_AGG_SUM, D},
        {&s->burned, "burned", "Nm3", "biogas burned in the engine", DC_AGG_SUM, D},
        {&s->boiler, "boiler", "Nm3", "biogas burned in the boiler for the digester's heat", DC_AGG_SUM, D},
        {&s->flared, "flared", "Nm3", "biogas flared: the holder was full", DC_AGG_SUM, D},
        {&s->heat, "heat", "kWh", "heat recovered from the engine", DC_AGG_SUM, D},
        {&s->heat_short, "heat_short", "kWh", "digester heat neither engine nor boiler could give", DC_AGG_SUM, D},
        {&s->hours, "hours", "h", "engine operating hours", DC_AGG_SUM, D},
    };
    return dc_registry_add_resource(env->reg, "biogas", name, site, ser, sizeof ser / sizeof ser[0]) ? DC_ERR_NOMEM
                                                                                                   : DC_OK;
}

dc_status dc_biogas_make(void *state, const dc_build_env *env, int item, int site)
{
    biogas_state *s = state;
    const dc_biogas_item *p = &DC_CITEMS(env->s, S_BIOGAS, dc_biogas_item)[item];
    memset(s, 0, sizeof *s);
    s->p = p;
    s->step_h = env->step_h;
    s->lhv_kwh = p->methane_lhv_mj_per_nm3 / DC_MJ_PER_KWH;
    s->eff = p->engine_eff_pct / 100.0;
    s->heat_eff = p->heat_eff_pct / 100.0;
    s->boiler_eff = isnan(p->boiler_eff_pct) ? 1.0 : p->boiler_eff_pct / 100.0;
    s->min_kwh = p->min_load_pct / 100.0 * p->engine_kw * s->step_h;
    s->heat_need = p->digester_heat_kwh_per_day * s->step_h / 24.0;
    s->start = isnan(p->holder_initial_nm3) ? p->holder_min_nm3 : p->holder_initial_nm3;
    dc_status st = production(s, env, item);
    if (st == DC_OK) st = series(s, env, p->name, site);
    bg_reset(s);
    return st;
}
