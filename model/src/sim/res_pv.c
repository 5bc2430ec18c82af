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
    double *ac, *delivered, *curtailed, *exported, *used, *sold;
} pv_state;

static double pv_offer(const void *st, int i) { return ((const pv_state *)st)->ac[i]; }

static void pv_settle_year(void *st, const dc_profile_year *y)
{
    pv_state *s = st;
    for (int i = 0; i < y->n; i++) {
        double done = s->ac[i] * y->taken[i], out = done * y->sent[i];
        s->delivered[i] = done;
        s->curtailed[i] = s->ac[i] - done;
        s->exported[i] = out;
        s->used[i] = done - out;
    }
    if (s->sold) memcpy(s->sold, y->sold, (size_t)y->n * sizeof *s->sold);
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

/* The array's output per kWp into its series: from the cache, or
 * modelled (and then cached). Output is linear in capacity at a fixed
 * dc_ac_ratio, so every run models 1 kWp and scales, the same arithmetic
 * with or without a cache. */
_Static_assert(DC_PV_CACHED == 10, "unit_profile lists every cached series");
static int unit_profile(pv_state *s, const dc_build_env *env, const dc_pv_params *unit, const dc_pv_extra *extra)
{
    int n = env->ta->n;
    double *const series[DC_PV_CACHED] = {s->ac, extra->poa, extra->cell_temp, extra->chain[0], extra->chain[1],
                                          extra->chain[2], extra->chain[3], extra->chain[4], extra->chain[5],
                                          extra->chain[6]};
    const double *hit = dc_cache_pv_get(env->cache, env->sun_key, unit, n);
    if (hit) {
        for (int k = 0; k < DC_PV_CACHED; k++) memcpy(series[k], hit + (size_t)k * (size_t)n, (size_t)n * sizeof *hit);
        return 0;
    }
    if (dc_pv_simulate(unit, env->s->year, env->sun, env->w, env->step_h, s->ac, extra)) return -1;
    dc_cache_pv_put(env->cache, env->sun_key, unit, n, series);
    return 0;
}

/* AC output from the model, or the measured profile as given. */
static dc_status fill_output(pv_state *s, const dc_build_env *env, int item, const dc_pv_extra *extra,
                             double *irradiation)
{
    const dc_pv_item *it = &DC_CITEMS(env->s, S_PV, dc_pv_item)[item];
    const dc_pv_input *in = &env->in->pv[item];
    if (in->profile) {
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
    dc_pv_params unit;
    memcpy(&unit, &it->pv, sizeof unit); /* bytewise: the cache compares bytes */
    unit.albedo = albedo_of(&unit);
    if (unit.install_year == 0) unit.install_year = env->s->year;
    unit.capacity_kw = 1.0;
    if (unit_profile(s, env, &unit, extra)) return DC_ERR_SCENARIO;
    int n = env->ta->n;
    double cap = it->pv.capacity_kw;
    for (int i = 0; i < n; i++) s->ac[i] *= cap;
    for (int k = 0; k < DC_PV_N_CHAIN; k++)
        for (int i = 0; i < n; i++) extra->chain[k][i] *= cap;
    for (int i = 0; i < n; i++) irradiation[i] = extra->poa[i] * env->step_h / 1000.0;
    return DC_OK;
}

dc_status dc_pv_make(void *state, const dc_build_env *env, int item, int site)
{
    pv_state *s = state;
    const dc_pv_item *it = &DC_CITEMS(env->s, S_PV, dc_pv_item)[item];
    memset(s, 0, sizeof *s);
    s->contract = it->contract;
    int offsite = it->contract == DC_CONTRACT_OFFSITE_PPA && !env->topo->single;
    int modelled = env->in->pv[item].profile == NULL;
    dc_pv_extra extra = {0};
    double *irradiation = NULL, **chain = extra.chain;
    enum { D = DC_SERIES_DETAIL }; /* hourly.csv: ac, curtailed and clipped */
    int m = modelled ? 0 : DC_SERIES_SKIP;
    const dc_series_spec ser[] = {
        {&s->ac, "ac", "kWh", "AC output offered (after inverter, before curtailment)", DC_AGG_SUM, 0},
        {&s->delivered, "delivered", "kWh", "AC output taken by the site (ac - curtailed)", DC_AGG_SUM, D},
        {&s->curtailed, "curtailed", "kWh", "AC output curtailed", DC_AGG_SUM, 0},
        {&s->exported, "sent_out", "kWh", "its share of what the site sent to the grid or a private wire", DC_AGG_SUM, D},
        {&s->used, "used_on_site", "kWh", "used behind its own meter: what an on-site PPA provider bills", DC_AGG_SUM, D},
        {&extra.poa, "poa", "W/m2", "plane-of-array global irradiance, mean over the step", DC_AGG_MEAN, D | m},
        {&irradiation, "poa_irradiation", "kWh/m2", "plane-of-array global irradiation", DC_AGG_SUM, D | m},
        {&extra.cell_temp, "cell_temp", "degC", "cell temperature, mean over the step", DC_AGG_MEAN, D | m},
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
    return fill_output(s, env, item, &extra, irradiation);
}
