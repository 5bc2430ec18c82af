/* Totals of a finished run over a period, for one site or the town,
 * computed from the recorded series. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "minmax.h"
#include "model.h"
#include "params.h"

static double at(const double *v, int i) { return v ? v[i] : 0.0; }

static void add_step(const dc_site_view *c, int i, dc_totals *t)
{
    t->demand_kwh += c->demand[i];
    t->pv_kwh += c->pv[i];
    t->generation_kwh += c->gen[i];
    t->storage_charge_kwh += c->charge[i];
    t->storage_discharge_kwh += c->discharge[i];
    t->import_kwh += c->imp[i];
    t->export_kwh += c->exp[i];
    t->wire_in_kwh += c->wire_in[i];
    t->wire_out_kwh += c->wire_out[i];
    t->offsite_ppa_in_kwh += c->ppa_in[i];
    t->curtailed_kwh += c->curtailed[i];
    t->unserved_kwh += c->unserved[i];
    t->max_residual_kwh = dc_max(t->max_residual_kwh, fabs(c->residual[i]));
}

/* Stored energy of the sites just before step i. */
static double level_before(const dc_model *m, const int *sites, int n, int i)
{
    double l = 0.0;
    for (int k = 0; k < n; k++) {
        const double *v = m->eng.site[sites[k]].f[F_STORAGE_LEVEL];
        l += i == 0 ? m->level0[sites[k]] : at(v, i - 1);
    }
    return l;
}

/* Sum of one resource quantity (per item series) over the PV arrays of the sites. */
static double pv_quantity(const dc_model *m, const int *sites, int n, int first, int last, const double **per_item,
                          int onsite_only)
{
    double sum = 0.0;
    for (int a = 0; a < m->s->list[S_PV].n; a++) {
        const dc_pv_item *p = &DC_CITEMS(m->s, S_PV, dc_pv_item)[a];
        int in_set = 0;
        for (int k = 0; k < n; k++) in_set |= m->topo.item_site[S_PV][a] == sites[k];
        if (!in_set || (onsite_only && p->contract != DC_CONTRACT_ONSITE_PPA)) continue;
        for (int i = first; per_item[a] && i <= last; i++) sum += per_item[a][i];
    }
    return sum;
}

static void ratios(dc_totals *t)
{
    double external = t->import_kwh - t->offsite_ppa_in_kwh;
    t->self_sufficiency = t->demand_kwh > 0 ? (t->demand_kwh - t->unserved_kwh - external) / t->demand_kwh : 0.0;
    double lost = t->curtailed_kwh + t->pv_export_kwh - t->offsite_ppa_sold_kwh;
    t->self_consumption = t->pv_kwh > 0 ? (t->pv_kwh - lost) / t->pv_kwh : 0.0;
}

/* A site's export at step i that came from its PV: PV's part of what the
 * site supplied itself (PV delivered, generation, storage, wire in). */
static double pv_share_of_export(const dc_site_view *c, int i)
{
    double exp = c->exp[i], pv = c->pv[i] - c->curtailed[i];
    double local = pv + c->gen[i] + c->discharge[i] + c->wire_in[i];
    if (exp <= 0 || pv <= 0 || local <= 0) return 0.0;
    return exp * pv / local;
}

/* Totals of a set of sites over the steps of a month (0 = the year). */
static void totals_of(const dc_model *m, const int *sites, int n, int month, dc_totals *t)
{
    /* Sums in a local the series cannot alias, so they stay in registers. */
    dc_totals acc;
    memset(&acc, 0, sizeof acc);
    int first = m->period_first[month], last = m->period_last[month];
    double kg = 0.0;
    /* Site by site within blocks of steps: one site's series are read
     * together, which the caches follow; a step's import of all the sites
     * is gathered for the peak. */
    enum { BLOCK = 256 };
    double imp[BLOCK];
    for (int from = first; from <= last; from += BLOCK) {
        int to = last - from < BLOCK ? last + 1 : from + BLOCK;
        memset(imp, 0, sizeof imp);
        for (int k = 0; k < n; k++) {
            const dc_site_view *c = &m->view[sites[k]];
            for (int i = from; i < to; i++) {
                add_step(c, i, &acc);
                imp[i - from] += c->imp[i];
                kg += (c->imp[i] - c->ppa_in[i]) * c->ef;
                acc.pv_export_kwh += pv_share_of_export(c, i);
            }
        }
        for (int i = from; i < to; i++) acc.peak_import_kw = dc_max(acc.peak_import_kw, imp[i - from] / m->step_h);
    }
    *t = acc;
    t->import_co2_t = kg / 1000.0; /* each meter at its own supplier's factor */
    if (last < first) return;
    t->storage_drawdown_kwh = level_before(m, sites, n, first) - level_before(m, sites, n, last + 1);
    t->offsite_ppa_sold_kwh = pv_quantity(m, sites, n, first, last, m->pv_sold, 0);
    t->ppa_billable_kwh = pv_quantity(m, sites, n, first, last, m->pv_used, 1);
    ratios(t);
}

dc_status dc_model_site_totals(const dc_model *m, size_t site, int month, dc_totals *t)
{
    if (!m || !t || month < 0 || month > 12 || site >= (size_t)m->eng.n_sites) return DC_ERR_ARG;
    if (m->step < m->ta.n) return DC_ERR_STATE;
    int k = (int)site;
    totals_of(m, &k, 1, month, t);
    return DC_OK;
}

dc_status dc_model_totals(const dc_model *m, int month, dc_totals *t)
{
    if (!m || !t || month < 0 || month > 12) return DC_ERR_ARG;
    if (m->step < m->ta.n) return DC_ERR_STATE;
    totals_of(m, m->eng.all_sites, m->eng.n_sites, month, t);
    for (int b = 0; b < m->eng.n_buses; b++) /* a private wire's own balance too */
        for (int i = m->period_first[month]; m->eng.bus[b].wire && i <= m->period_last[month]; i++)
            t->max_residual_kwh = fmax(t->max_residual_kwh, fabs(m->eng.bus[b].residual[i]));
    return DC_OK;
}

size_t dc_model_site_count(const dc_model *m) { return m ? (size_t)m->eng.n_sites : 0; }

double dc_model_site_emission_factor(const dc_model *m, size_t site)
{
    return m && site < (size_t)m->eng.n_sites ? m->topo.site[site].ef_kg_per_kwh : NAN;
}

const char *dc_model_site_name(const dc_model *m, size_t site)
{
    return m && site < (size_t)m->eng.n_sites ? m->eng.site[site].name : NULL;
}

dc_status dc_model_cyclic(const dc_model *m, dc_cyclic_info *out)
{
    if (!m || !out) return DC_ERR_ARG;
    *out = (dc_cyclic_info){m->cyclic, m->cyclic_passes, m->cyclic_gap_kwh};
    return DC_OK;
}

double dc_model_series_total(const dc_model *m, size_t k, int month)
{
    if (!m || k >= (size_t)m->reg.n || month < 0 || month > 12) return NAN;
    const dc_series *s = &m->reg.s[k];
    double v = 0.0, n = 0.0;
    int last = m->period_last[month] < m->step ? m->period_last[month] : m->step - 1;
    for (int i = m->period_first[month]; i <= last; i++) {
        double x = s->v[i];
        if (s->agg == DC_AGG_MAXABS) v = fmax(v, fabs(x));
        else if (s->agg == DC_AGG_LAST) v = x;
        else v += x;
        n++;
    }
    return s->agg == DC_AGG_MEAN ? (n > 0 ? v / n : NAN) : v;
}
