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
#include "plants.h"
#include "types.h"

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
static void take(biogas_state *s, double nm3)
{
    s->holder -= nm3;
    s->ch4 -= nm3 * s->share;
}

static void bg_begin(void *st, const dc_ctx *c)
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

static int may_run(const biogas_state *s, const dc_ctx *c)
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

static void bg_bounds(const void *st, const dc_ctx *c, dc_bounds *b)
{
    const biogas_state *s = st;
    double per_nm3 = s->eff * s->lhv_kwh * s->share; /* kWh per Nm3 of holder gas */
    double hi = dc_min(s->p->engine_kw * s->step_h, dc_max(0.0, s->holder - s->p->holder_min_nm3) * per_nm3);
    double overflow = s->holder - s->p->holder_nm3;
    *b = (dc_bounds){0.0, 0.0, 0.0, 0.0, s->min_kwh};
    if (hi < s->min_kwh * (1 - 1e-12) || hi <= 0) return; /* not enough gas to run */
    double must = overflow > 0 ? dc_min(hi, dc_max(s->min_kwh, overflow * per_nm3)) : 0.0;
    b->must_supply = must;
    b->max_supply = may_run(s, c) ? hi : must;
}

/* Heat the engine does not give comes from the boiler, as far as the gas
 * above the holder's minimum goes. */
static double boiler(biogas_state *s, double engine_heat, double *short_kwh)
{
    double short_by = dc_max(0.0, s->heat_need - engine_heat);
    double want = short_by * s->boiler_nm3_per_kwh;
    double gas = dc_min(want, dc_max(0.0, s->holder - s->p->holder_min_nm3));
    take(s, gas);
    *short_kwh = want > 0 ? short_by * (1.0 - gas / want) : short_by;
    return gas;
}

static double bg_commit(void *st, const dc_ctx *c, double kwh)
{
    biogas_state *s = st;
    int i = c->i;
    double gas = kwh > 0 ? kwh * s->engine_nm3_per_kwh : 0.0;
    take(s, gas);
    double engine_heat = gas * s->share * s->lhv_kwh * s->heat_eff;
    double short_kwh;
    s->boiler_now = boiler(s, engine_heat, &short_kwh);
    s->flared_now = dc_max(0.0, s->holder - s->p->holder_nm3);
    take(s, s->flared_now);
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

static double bg_ledger(const void *st, const dc_ctx *c, double done)
{
    const biogas_state *s = st;
    (void)c;
    /* The gas burned from the reported output, by the plant's efficiency
     * and the step's share (not the rate commit used). */
    double burned = done > 0 && s->share > 0 ? done / (s->eff * s->lhv_kwh * s->share) : 0.0;
    double residual = s->holder - (s->before + s->made - burned - s->boiler_now - s->flared_now);
    return residual * s->share * s->lhv_kwh; /* as methane energy [kWh] */
}

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
