/* Totals of a finished run over a period, for one site or the town,
 * computed from the recorded series. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "colsum.h"
#include "minmax.h"
#include "model.h"
#include "params.h"

static double at(const double *v, int i) { return v ? v[i] : 0.0; }

/* Sum of v over steps [first, last]; 0 without reading for a flow the
 * site does not record. */
static double col_sum(const dc_model *m, const double *v, int first, int last)
{
    return v == m->zeros ? 0.0 : dc_col_sum(v, first, last);
}

static double col_max_abs(const dc_model *m, const double *v, int first, int last)
{
    return v == m->zeros ? 0.0 : dc_col_max_abs(v, first, last);
}

/* Stored energy of a site just before step i. */
static double level_before(const dc_model *m, int site, int i)
{
    const double *v = m->eng.site[site].f[F_STORAGE_LEVEL];
    return i == 0 ? m->level0[site] : at(v, i - 1);
}

/* Sum of one quantity (per item series) over a site's PV arrays. */
static double pv_quantity(const dc_model *m, int site, int first, int last, const double **per_item, int onsite_only)
{
    double sum = 0.0;
    for (int a = 0; a < m->s->list[S_PV].n; a++) {
        const dc_pv_item *p = &DC_CITEMS(m->s, S_PV, dc_pv_item)[a];
        if (m->topo.item_site[S_PV][a] != site || (onsite_only && p->contract != DC_CONTRACT_ONSITE_PPA)) continue;
        if (per_item[a]) sum += dc_col_sum(per_item[a], first, last);
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

/* A site's export over steps [first, last] that came from its PV: at each
 * step PV's part of what the site supplied itself (PV delivered,
 * generation, storage, wire in). */
static double pv_export_of(const dc_site_view *c, int first, int last)
{
    double sum = 0.0;
    for (int i = first; i <= last; i++) {
        double exp = c->exp[i], pv = exp > 0 ? c->pv[i] - c->curtailed[i] : 0.0;
        if (pv <= 0) continue;
        double local = pv + c->gen[i] + c->discharge[i] + c->wire_in[i];
        if (local > 0) sum += exp * pv / local;
    }
    return sum;
}

/* The totals that are a site's flow summed over the period: the total's
 * field, the view's series. */
#define OWN_FLOWS(X)                                                                                           \
    X(demand_kwh, demand) X(pv_kwh, pv) X(generation_kwh, gen) X(storage_charge_kwh, charge)                  \
    X(storage_discharge_kwh, discharge) X(import_kwh, imp) X(export_kwh, exp) X(wire_in_kwh, wire_in)       \
    X(wire_out_kwh, wire_out) X(curtailed_kwh, curtailed) X(unserved_kwh, unserved)

#define COUNT_FLOW(field, series) +1
enum { N_OWN_FLOWS = 0 OWN_FLOWS(COUNT_FLOW) };
#undef COUNT_FLOW

/* A site's sums over steps [first, last] that follow from its own flows:
 * all but its off-site purchases and its arrays' sales; the flows it
 * records summed side by side (dc_col_sums: the bits of one by one). */
static void own_sums(const dc_model *m, int site, int first, int last, dc_totals *t)
{
    const dc_site_view *c = &m->view[site];
    memset(t, 0, sizeof *t);
    if (last < first) return;
    const double *v[N_OWN_FLOWS];
    double *to[N_OWN_FLOWS], sums[N_OWN_FLOWS];
    int n = 0;
#define SUM_FLOW(field, series)                                                                                \
    if (c->series != m->zeros) v[n] = c->series, to[n++] = &t->field;
    OWN_FLOWS(SUM_FLOW)
#undef SUM_FLOW
    dc_col_sums(v, n, first, last, sums);
    for (int k = 0; k < n; k++) *to[k] = sums[k];
    t->max_residual_kwh = col_max_abs(m, c->residual, first, last);
    if (c->exp != m->zeros && c->pv != m->zeros) t->pv_export_kwh = pv_export_of(c, first, last);
    t->storage_drawdown_kwh = level_before(m, site, first) - level_before(m, site, last + 1);
    t->ppa_billable_kwh = pv_quantity(m, site, first, last, m->pv_used, 1);
}

/* own_sums of a site, read again only when the engine has changed the
 * site since (its epoch moved). Under the cache's lock. */
static const dc_totals *own_sums_cached(const dc_model *m, int site, int month)
{
    size_t cell = (size_t)site * 13 + (size_t)month;
    unsigned long epoch = m->eng.site[site].epoch;
    if (m->tc->epoch[cell] != epoch) {
        own_sums(m, site, m->period_first[month], m->period_last[month], &m->tc->t[cell]);
        m->tc->epoch[cell] = epoch;
    }
    return &m->tc->t[cell];
}

static void add_own(dc_totals *acc, const dc_totals *s)
{
#define ADD_FLOW(field, series) acc->field += s->field;
    OWN_FLOWS(ADD_FLOW)
#undef ADD_FLOW
    acc->max_residual_kwh = dc_max(acc->max_residual_kwh, s->max_residual_kwh);
    acc->pv_export_kwh += s->pv_export_kwh;
    acc->storage_drawdown_kwh += s->storage_drawdown_kwh;
    acc->ppa_billable_kwh += s->ppa_billable_kwh;
}

/* The highest import of the sites in one step [kW]: the town's series
 * when they are all the sites. */
static double peak_import(const dc_model *m, const int *sites, int n, int first, int last)
{
    const double *imp = n == m->eng.n_sites ? dc_model_current(m, m->eng.town[F_GRID_IMPORT])
                        : n == 1             ? m->view[sites[0]].imp
                                             : NULL;
    double peak = imp ? dc_col_max(imp, first, last) : 0.0;
    for (int i = first; !imp && i <= last; i++) {
        double sum = 0.0;
        for (int k = 0; k < n; k++) sum += m->view[sites[k]].imp[i];
        peak = dc_max(peak, sum);
    }
    return peak / m->step_h;
}

/* Totals of a set of sites over the steps of a month (0 = the year), site
 * by site: each site's own flows (cached), then its off-site purchases
 * and sales, which every run settles again. */
static void totals_of(const dc_model *m, const int *sites, int n, int month, dc_totals *t)
{
    dc_totals acc;
    memset(&acc, 0, sizeof acc);
    int first = m->period_first[month], last = m->period_last[month];
    double kg = 0.0;
    pthread_mutex_lock(&m->tc->lock);
    for (int k = 0; k < n; k++) {
        const dc_totals *own = own_sums_cached(m, sites[k], month);
        double ppa = last < first ? 0.0 : col_sum(m, m->view[sites[k]].ppa_in, first, last);
        add_own(&acc, own);
        acc.offsite_ppa_in_kwh += ppa;
        kg += (own->import_kwh - ppa) * m->view[sites[k]].ef; /* each meter at its own supplier's factor */
        if (last >= first) acc.offsite_ppa_sold_kwh += pv_quantity(m, sites[k], first, last, m->pv_sold, 0);
    }
    pthread_mutex_unlock(&m->tc->lock);
    acc.peak_import_kw = peak_import(m, sites, n, first, last);
    *t = acc;
    t->import_co2_t = kg / 1000.0;
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

/* The town's totals over a month as the records stand: read again only
 * after a run, reset or retune (dc_reader_cache). */
static void town_totals(const dc_model *m, int month, dc_totals *t)
{
    pthread_mutex_lock(&m->tc->lock);
    int fresh = m->tc->town_at[month] == m->tc->records;
    if (fresh) *t = m->tc->town[month];
    pthread_mutex_unlock(&m->tc->lock);
    if (fresh) return;
    totals_of(m, m->eng.all_sites, m->eng.n_sites, month, t);
    for (int b = 0; b < m->eng.n_buses; b++) /* a private wire's own balance too */
        for (int i = m->period_first[month]; m->eng.bus[b].wire && i <= m->period_last[month]; i++)
            t->max_residual_kwh = fmax(t->max_residual_kwh, fabs(m->eng.bus[b].residual[i]));
    pthread_mutex_lock(&m->tc->lock);
    m->tc->town[month] = *t;
    m->tc->town_at[month] = m->tc->records;
    pthread_mutex_unlock(&m->tc->lock);
}

dc_status dc_model_totals(const dc_model *m, int month, dc_totals *t)
{
    if (!m || !t || month < 0 || month > 12) return DC_ERR_ARG;
    if (m->step < m->ta.n) return DC_ERR_STATE;
    town_totals(m, month, t);
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

/* One more step into an aggregate, and the aggregate of n steps. */
static inline double fold(dc_agg agg, double acc, double x)
{
    return agg == DC_AGG_MAXABS ? fmax(acc, fabs(x)) : agg == DC_AGG_LAST ? x : acc + x;
}

static double finish(dc_agg agg, double acc, int n) { return agg == DC_AGG_MEAN ? (n > 0 ? acc / n : NAN) : acc; }

double dc_model_series_total(const dc_model *m, size_t k, int month)
{
    if (!m || k >= (size_t)m->reg.n || month < 0 || month > 12) return NAN;
    const dc_series *s = &m->reg.s[k];
    const double *values = dc_model_current(m, s->v);
    double v = 0.0;
    int first = m->period_first[month], last = m->period_last[month] < m->step ? m->period_last[month] : m->step - 1;
    for (int i = first; i <= last; i++) v = fold(s->agg, v, values[i]);
    return finish(s->agg, v, last - first + 1);
}

/* Month by month along the axis (months are contiguous), the year's
 * aggregate carried through: one pass, each sum in the order of steps. */
int dc_model_series_totals(const dc_model *m, size_t k, double out[13])
{
    if (!m || k >= (size_t)m->reg.n || !out) return -1;
    const dc_series *s = &m->reg.s[k];
    const double *values = dc_model_current(m, s->v);
    double year = 0.0;
    for (int j = 1; j <= 12; j++) out[j] = finish(s->agg, 0.0, 0);
    for (int i = 0; i < m->step;) {
        int month = m->ta.t[i].month, end = m->period_last[month] < m->step ? m->period_last[month] : m->step - 1;
        double v = 0.0;
        for (int j = i; j <= end; j++) {
            v = fold(s->agg, v, values[j]);
            year = fold(s->agg, year, values[j]);
        }
        out[month] = finish(s->agg, v, end - i + 1);
        i = end + 1;
    }
    out[0] = finish(s->agg, year, m->step);
    return 0;
}
