/* Totals of a finished run over a period, for one site or the town,
 * computed from the recorded series. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "colsum.h"
#include "minmax.h"
#include "model.h"
#include "params.h"
#include "partials.h"

static double at(const double *v, int i) { return v ? v[i] : 0.0; }

/* Stored energy of a site just before step i. */
static double level_before(const dc_model *m, int site, int i)
{
    const double *v = m->eng.site[site].f[F_STORAGE_LEVEL];
    return i == 0 ? m->level0[site] : at(v, i - 1);
}

/* Sum over block b of series v[0..n-1], one after another. */
static double block_sum_of(const dc_engine *e, const double *const *v, int n, int b)
{
    double sum = 0.0;
    for (int k = 0; k < n; k++) sum += dc_block_sum(e, v[k], b);
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

/* A site's own blocks: its flows, then the largest residual, its PV's
 * export, its billable PPA output and its largest import. */
enum { Q_RESIDUAL = N_OWN_FLOWS, Q_PV_EXPORT, Q_BILLABLE, Q_PEAK, N_OWN_Q };

typedef struct {
    const dc_model *m;
    int site;
} own_job;

/* Blocks b0 to b1 of a site's own sums. */
static void own_blocks(void *arg, int b0, int b1)
{
    const own_job *j = arg;
    const dc_model *m = j->m;
    const dc_engine *e = &m->eng;
    const dc_site_view *c = &m->view[j->site];
    const dc_partials *p = &m->tc->own[j->site];
    const dc_site_arrays *a = &m->tc->arrays[j->site];
    int k = 0;
#define BLOCK_FLOW(field, series)                                                                              \
    if (c->series != m->zeros) dc_block_sums(e, c->series, b0, b1, dc_part(p, k));                           \
    k++;
    OWN_FLOWS(BLOCK_FLOW)
#undef BLOCK_FLOW
    if (c->residual != m->zeros) dc_block_maxes(e, c->residual, 1, b0, b1, dc_part(p, Q_RESIDUAL));
    if (c->imp != m->zeros) dc_block_maxes(e, c->imp, 0, b0, b1, dc_part(p, Q_PEAK));
    for (int b = b0; b <= b1; b++) {
        int first, last;
        dc_block_steps(e, b, &first, &last);
        dc_part(p, Q_PV_EXPORT)[b] = c->exp != m->zeros && c->pv != m->zeros ? pv_export_of(c, first, last) : 0.0;
        dc_part(p, Q_BILLABLE)[b] = block_sum_of(e, a->billable, a->n_billable, b);
    }
}

/* A site's sums over steps [first, last] that follow from its own flows:
 * all but its off-site purchases and its arrays' sales; from its blocks,
 * read again where a run changed the site. */
static void own_sums(const dc_model *m, int site, int first, int last, dc_totals *t)
{
    const dc_partials *p = &m->tc->own[site];
    own_job job = {m, site};
    memset(t, 0, sizeof *t);
    dc_engine_redo_site_blocks(&m->eng, site, &m->tc->own[site].at, own_blocks, &job);
    if (last < first) return;
    int k = 0;
#define SUM_FLOW(field, series) t->field = dc_part_sum(p, k++, first, last);
    OWN_FLOWS(SUM_FLOW)
#undef SUM_FLOW
    t->max_residual_kwh = dc_part_max(p, Q_RESIDUAL, first, last);
    t->pv_export_kwh = dc_part_sum(p, Q_PV_EXPORT, first, last);
    t->storage_drawdown_kwh = level_before(m, site, first) - level_before(m, site, last + 1);
    t->ppa_billable_kwh = dc_part_sum(p, Q_BILLABLE, first, last);
    t->peak_import_kw = dc_part_max(p, Q_PEAK, first, last) / m->step_h;
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

/* The settlement's blocks, read again where its imports moved
 * (dc_engine_redo_blocks): per site its off-site purchases (quantity
 * 2 x site) and its arrays' sales (2 x site + 1), and the town's largest
 * import (2 x sites). */
typedef struct {
    const dc_model *m;
    const double *town_import;
} settled_job;

static void settled_blocks(void *arg, int b0, int b1)
{
    const settled_job *j = arg;
    const dc_model *m = j->m;
    const dc_engine *e = &m->eng;
    const dc_partials *p = &m->tc->settled;
    for (int k = 0; k < e->n_sites; k++) {
        const dc_site_arrays *a = &m->tc->arrays[k];
        if (m->view[k].ppa_in != m->zeros) dc_block_sums(e, m->view[k].ppa_in, b0, b1, dc_part(p, 2 * k));
        for (int b = b0; a->n_sold && b <= b1; b++) dc_part(p, 2 * k + 1)[b] = block_sum_of(e, a->sold, a->n_sold, b);
    }
    dc_block_maxes(e, j->town_import, 0, b0, b1, dc_part(p, 2 * e->n_sites));
}

/* The highest import of the sites in one step over [first, last] [kW]:
 * from the blocks for the town or one site, else step by step. */
static double peak_import(const dc_model *m, const int *sites, int n, int first, int last, const dc_totals *own)
{
    if (n == m->eng.n_sites) return dc_part_max(&m->tc->settled, 2 * n, first, last) / m->step_h;
    if (n == 1) return own->peak_import_kw;
    double peak = 0.0;
    for (int i = first; i <= last; i++) {
        double sum = 0.0;
        for (int k = 0; k < n; k++) sum += m->view[sites[k]].imp[i];
        peak = dc_max(peak, sum);
    }
    return peak / m->step_h;
}

/* Totals of a set of sites over the steps of a month (0 = the year), site
 * by site: each site's own flows (cached), then its off-site purchases
 * and sales, which every run settles again (their blocks where imports
 * moved). */
static void totals_of(const dc_model *m, const int *sites, int n, int month, dc_totals *t)
{
    dc_totals acc;
    memset(&acc, 0, sizeof acc);
    int first = m->period_first[month], last = m->period_last[month];
    double kg = 0.0;
    settled_job job = {m, dc_model_current(m, m->eng.town[F_GRID_IMPORT])}; /* outside the lock: it takes it */
    pthread_mutex_lock(&m->tc->lock);
    dc_engine_redo_blocks(&m->eng, &m->tc->settled.at, settled_blocks, &job);
    const dc_totals *own = NULL;
    for (int k = 0; k < n; k++) {
        own = own_sums_cached(m, sites[k], month);
        int buys = m->view[sites[k]].ppa_in != m->zeros, sells = m->tc->arrays[sites[k]].n_sold > 0;
        double ppa = buys ? dc_part_sum(&m->tc->settled, 2 * sites[k], first, last) : 0.0;
        add_own(&acc, own);
        acc.offsite_ppa_in_kwh += ppa;
        kg += (own->import_kwh - ppa) * m->view[sites[k]].ef; /* each meter at its own supplier's factor */
        if (sells) acc.offsite_ppa_sold_kwh += dc_part_sum(&m->tc->settled, 2 * sites[k] + 1, first, last);
    }
    acc.peak_import_kw = peak_import(m, sites, n, first, last, own);
    pthread_mutex_unlock(&m->tc->lock);
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

dc_status dc_totals_prepare(dc_model *m)
{
    dc_reader_cache *c = m->tc;
    c->own = dc_pool_alloc(&m->pool, ((size_t)m->eng.n_sites + 1) * sizeof *c->own);
    if (!c->own || dc_partials_make(&c->settled, &m->pool, &m->eng, 2 * m->eng.n_sites + 1)) return DC_ERR_NOMEM;
    for (int k = 0; k < m->eng.n_sites; k++)
        if (dc_partials_make(&c->own[k], &m->pool, &m->eng, N_OWN_Q)) return DC_ERR_NOMEM;
    int arrays = m->s->list[S_PV].n;
    if (!(c->arrays = dc_pool_alloc(&m->pool, ((size_t)m->eng.n_sites + 1) * sizeof *c->arrays))) return DC_ERR_NOMEM;
    for (int k = 0; k < m->eng.n_sites; k++) {
        dc_site_arrays *a = &c->arrays[k];
        a->billable = dc_pool_alloc(&m->pool, ((size_t)arrays + 1) * sizeof *a->billable);
        a->sold = dc_pool_alloc(&m->pool, ((size_t)arrays + 1) * sizeof *a->sold);
        if (!a->billable || !a->sold) return DC_ERR_NOMEM;
    }
    for (int k = 0; k < arrays; k++) { /* in item order, as the sums add them */
        dc_site_arrays *a = &c->arrays[m->topo.item_site[S_PV][k]];
        int onsite = DC_CITEMS(m->s, S_PV, dc_pv_item)[k].contract == DC_CONTRACT_ONSITE_PPA;
        if (onsite && m->pv_used[k]) a->billable[a->n_billable++] = m->pv_used[k];
        if (m->pv_sold[k]) a->sold[a->n_sold++] = m->pv_sold[k];
    }
    if (!(c->pv_blocks = dc_pool_alloc(&m->pool, ((size_t)arrays + 1) * sizeof *c->pv_blocks)) ||
        !(c->pv_year = dc_pool_alloc(&m->pool, ((size_t)arrays + 1) * sizeof *c->pv_year)))
        return DC_ERR_NOMEM;
    static const char *const YEAR[3] = {"delivered", "used_on_site", "sent_out"};
    for (int k = 0; k < arrays; k++)
        for (int q = 0; q < 3; q++) {
            char name[4 * DC_NAME_MAX];
            snprintf(name, sizeof name, "pv:%s:%s", DC_CITEMS(m->s, S_PV, dc_pv_item)[k].name, YEAR[q]);
            const dc_series *found = dc_registry_find(&m->reg, name);
            c->pv_year[k][q] = found ? found->v : NULL;
        }
    for (int k = 0; k < arrays; k++)
        if (dc_partials_make(&c->pv_blocks[k], &m->pool, &m->eng, 3)) return DC_ERR_NOMEM;
    return DC_OK;
}
