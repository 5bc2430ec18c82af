/* A PV array as a profile resource: it offers its modelled (or measured)
 * AC output every step; the site curtails it when nobody can take it. It
 * records what became of its output: curtailed, sent out of its site
 * (grid or private wire), used behind its own meter (what an on-site PPA
 * provider bills), and sold to off-site buyers. */
#include <math.h>
#include <string.h>

#include "diag.h"
#include "meterfmt.h"
#include "params.h"
#include "pv.h"
#include "types.h"

typedef struct {
    int contract;                       /* dc_pv_contract */
    int modelled;                       /* 0: a measured profile, as given */
    double *ac, *delivered, *curtailed, *exported, *used, *sold;
    dc_pv_extra extra;                  /* the model's series (modelled arrays) */
    double *irradiation;
} pv_state;

static double pv_offer(const void *st, int i) { return ((const pv_state *)st)->ac[i]; }

static void pv_settle_steps(pv_state *s, const dc_profile_year *y, int first, int end)
{
    for (int i = first; i < end; i++) {
        double done = s->ac[i] * y->taken[i], out = done * y->sent[i];
        s->delivered[i] = done;
        s->curtailed[i] = s->ac[i] - done;
        s->exported[i] = out;
        s->used[i] = done - out;
    }
}

static void pv_settle_year(void *st, const dc_profile_year *y)
{
    pv_state *s = st;
    if (y->taken && !y->blocks) pv_settle_steps(s, y, 0, y->n);
    for (int b = 0, first = 0; y->taken && y->blocks && first < y->n; b++, first += y->block_steps)
        if (y->blocks[b]) pv_settle_steps(s, y, first, first + y->block_steps < y->n ? first + y->block_steps : y->n);
    /* The engine writes the sales into the series itself (build.c), else a buffer of its own. */
    if (s->sold && y->sold && s->sold != y->sold) memcpy(s->sold, y->sold, (size_t)y->n * sizeof *s->sold);
}

static void pv_reset(void *st) { (void)st; }

const dc_restype dc_pv_type = {
    .name = "pv",
    .role = DC_ROLE_PROFILE,
    .size = sizeof(pv_state),
    .reset = pv_reset,
    .offer = pv_offer,
    .settle_year = pv_settle_year,
};

static double albedo_of(const dc_pv_params *p)
{
    if (!isnan(p->albedo)) return p->albedo;
    return p->mounting == DC_MOUNT_FLOATING ? 0.06 : 0.20; /* water: Payne (1972); land: common default */
}

/* The array's output at cap kWp into its series: per kWp from the cache,
 * or modelled (and then cached), and scaled; the cached copy is scaled
 * as it is read. Output is linear in capacity at a fixed dc_ac_ratio, so
 * every run models 1 kWp and scales, the same arithmetic with or without
 * a cache. Irradiance and cell temperature do not scale. */
_Static_assert(DC_PV_CACHED == 10, "scaled_profile lists every cached series");
static int scaled_profile(pv_state *s, const dc_build_env *env, const dc_pv_params *unit, double cap)
{
    int n = env->ta->n;
    const dc_pv_extra *x = &s->extra;
    double *const series[DC_PV_CACHED] = {s->ac, x->poa, x->cell_temp, x->chain[0], x->chain[1], x->chain[2],
                                          x->chain[3], x->chain[4], x->chain[5], x->chain[6]};
    const double *hit = dc_cache_pv_get(env->cache, env->sun_key, unit, n);
    if (!hit) {
        if (dc_pv_simulate(unit, env->s->year, env->sun, env->w, env->step_h, s->ac, x)) return -1;
        dc_cache_pv_put(env->cache, env->sun_key, unit, n, series);
    }
    for (int k = 0; k < DC_PV_CACHED; k++) {
        const double *restrict from = hit ? hit + (size_t)k * (size_t)n : series[k];
        double *restrict to = series[k];
        int scales = to != x->poa && to != x->cell_temp;
        if (!scales && hit) memcpy(to, from, (size_t)n * sizeof *to);
        else if (scales && hit)
            for (int i = 0; i < n; i++) to[i] = from[i] * cap;
        else if (scales)
            for (int i = 0; i < n; i++) to[i] *= cap;
    }
    return 0;
}

/* The modelled output of the item's parameters: 1 kWp, scaled. */
static dc_status model_output(pv_state *s, const dc_build_env *env, int item)
{
    const dc_pv_item *it = &DC_CITEMS(env->s, S_PV, dc_pv_item)[item];
    dc_pv_params unit;
    memcpy(&unit, &it->pv, sizeof unit); /* bytewise: the cache compares bytes */
    unit.albedo = albedo_of(&unit);
    if (unit.install_year == 0) unit.install_year = env->s->year;
    unit.capacity_kw = 1.0;
    if (scaled_profile(s, env, &unit, it->pv.capacity_kw)) return DC_ERR_SCENARIO;
    int n = env->ta->n;
    for (int i = 0; i < n; i++) s->irradiation[i] = s->extra.poa[i] * env->step_h / 1000.0;
    return DC_OK;
}

/* The measured profile as given. */
static dc_status measured_output(pv_state *s, const dc_build_env *env, int item)
{
    const dc_pv_item *it = &DC_CITEMS(env->s, S_PV, dc_pv_item)[item];
    const dc_pv_input *in = &env->in->pv[item];
    if (in->profile_n != env->ta->n) {
        char field[64];
        dc_field_name(env->s, S_PV, item, "profile_file", field, sizeof field);
        dc_diag_add(env->diag, it->profile_file, 0, 0, field, "%d values, but the scenario year has %d steps%s",
                    in->profile_n, env->ta->n, dc_profile_length_hint(in->profile_n, env->ta->n));
        return DC_ERR_LOAD;
    }
    double sum = 0;
    for (int i = 0; i < env->ta->n; i++) sum += s->ac[i] = in->profile[i];
    if (!isfinite(sum)) {
        char field[64];
        dc_field_name(env->s, S_PV, item, "profile_file", field, sizeof field);
        dc_diag_add(env->diag, it->profile_file, 0, 0, field, "values too large to add up over the year");
        return DC_ERR_LOAD;
    }
    return DC_OK;
}

/* A measured profile stays as given; a modelled array is modelled again
 * (capacity alone: its unit profile from the cache, rescaled). */
dc_status dc_pv_retune(void *state, const dc_build_env *env, int item)
{
    pv_state *s = state;
    return s->modelled ? model_output(s, env, item) : DC_OK;
}

dc_status dc_pv_make(void *state, const dc_build_env *env, int item, int site)
{
    pv_state *s = state;
    const dc_pv_item *it = &DC_CITEMS(env->s, S_PV, dc_pv_item)[item];
    memset(s, 0, sizeof *s);
    s->contract = it->contract;
    int offsite = it->contract == DC_CONTRACT_OFFSITE_PPA && !env->topo->single;
    s->modelled = env->in->pv[item].profile == NULL;
    double **chain = s->extra.chain;
    enum { D = DC_SERIES_DETAIL }; /* hourly.csv: ac, curtailed and clipped */
    int m = s->modelled ? 0 : DC_SERIES_SKIP;
    const dc_series_spec ser[] = {
        {&s->ac, "ac", "kWh", "AC output offered (after inverter, before curtailment)", DC_AGG_SUM, 0},
        {&s->delivered, "delivered", "kWh", "AC output taken by the site (ac - curtailed)", DC_AGG_SUM, D},
        {&s->curtailed, "curtailed", "kWh", "AC output curtailed", DC_AGG_SUM, 0},
        {&s->exported, "sent_out", "kWh", "its share of what the site sent to the grid or a private wire", DC_AGG_SUM, D},
        {&s->used, "used_on_site", "kWh", "used behind its own meter: what an on-site PPA provider bills", DC_AGG_SUM, D},
        {&s->extra.poa, "poa", "W/m2", "plane-of-array global irradiance, mean over the step", DC_AGG_MEAN, D | m},
        {&s->irradiation, "poa_irradiation", "kWh/m2", "plane-of-array global irradiation", DC_AGG_SUM, D | m},
        {&s->extra.cell_temp, "cell_temp", "degC", "cell temperature, mean over the step", DC_AGG_MEAN, D | m},
        /* The loss chain: stc_energy less the six losses is ac. */
        {&chain[DC_PV_STC], "stc_energy", "kWh", "nameplate x POA / 1000 W/m2: the loss chain's start", DC_AGG_SUM, D | m},
        {&chain[DC_PV_IAM_LOSS], "iam_loss", "kWh", "reflection at the glass (incidence angle)", DC_AGG_SUM, D | m},
        {&chain[DC_PV_DEGRADATION_LOSS], "degradation_loss", "kWh", "module ageing since install_year", DC_AGG_SUM, D | m},
        {&chain[DC_PV_TEMPERATURE_LOSS], "temperature_loss", "kWh", "cells above 25 degC (negative: cooler)", DC_AGG_SUM,
         D | m},
        {&chain[DC_PV_DC_LOSS], "dc_loss", "kWh", "DC system losses (losses_pct)", DC_AGG_SUM, D | m},
        {&chain[DC_PV_INVERTER_LOSS], "inverter_loss", "kWh", "inverter conversion below its rating", DC_AGG_SUM, D | m},
        {&chain[DC_PV_CLIPPED], "clipped", "kWh", "inverter clipping at its AC rating", DC_AGG_SUM, m},
        {&s->sold, "sold_to_buyers", "kWh", "sold to its buyers' meters through the grid (off-site PPA)", DC_AGG_SUM,
         D | (offsite ? 0 : DC_SERIES_SKIP)},
    };
    if (dc_registry_add_resource(env->reg, "pv", it->name, site, ser, sizeof ser / sizeof ser[0])) return DC_ERR_NOMEM;
    if (s->modelled && env->defer) return DC_OK; /* modelled in dc_pv_finish, arrays side by side */
    return s->modelled ? model_output(s, env, item) : measured_output(s, env, item);
}

/* Without a cache the model is the array's alone (its series, the shared
 * sun and weather read only), so arrays are modelled side by side. */
dc_status dc_pv_finish(void *state, const dc_build_env *env, int item)
{
    pv_state *s = state;
    return s->modelled ? model_output(s, env, item) : DC_OK;
}
