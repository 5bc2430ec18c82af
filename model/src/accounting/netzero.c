/* The 脱炭素先行地域 net-zero table from a finished run: A (民生 demand
 * before savings), C (savings), B by route, the verdict B + C >= A, and
 * the hour-coincident view. Each site's supply in a step goes to its 民生
 * loads of the area by their share of its demand that step. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "colsum.h"
#include "minmax.h"
#include "model.h"

static int minsei(int sector)
{
    return sector == DC_SECTOR_HOUSEHOLD || sector == DC_SECTOR_COMMERCIAL || sector == DC_SECTOR_PUBLIC;
}

static const char *site_area(const dc_model *m, int site)
{
    int item = m->topo.site[site].item;
    return item >= 0 ? DC_CITEMS(m->s, S_SITES, dc_site_item)[item].area : "";
}

/* The area a load belongs to: its own tag, or its site's. */
static int load_in_area(const dc_model *m, int k)
{
    const dc_load_item *l = &DC_CITEMS(m->s, S_LOADS, dc_load_item)[k];
    const char *area = l->area[0] ? l->area : site_area(m, m->topo.item_site[S_LOADS][k]);
    return !strcmp(area, m->s->leading.area);
}

static const double *item_series(const dc_model *m, const char *kind, const char *name, const char *quantity)
{
    char key[4 * DC_NAME_MAX];
    snprintf(key, sizeof key, "%s:%s:%s", kind, name, quantity);
    return dc_model_series(m, key);
}


/* One site's 民生 demand of the area per step into out[n]; 0 when none. */
static int site_minsei(const dc_model *m, int site, double *out)
{
    int any = 0;
    memset(out, 0, (size_t)m->ta.n * sizeof *out);
    for (int k = 0; k < m->s->list[S_LOADS].n; k++) {
        const dc_load_item *l = &DC_CITEMS(m->s, S_LOADS, dc_load_item)[k];
        if (m->topo.item_site[S_LOADS][k] != site || !minsei(l->sector) || !load_in_area(m, k)) continue;
        const double *d = item_series(m, "load", l->name, "demand");
        for (int i = 0; d && i < m->ta.n; i++) out[i] += d[i];
        any = 1;
    }
    return any;
}

/* A site's routes by blocks (own_routes), step by step. */
typedef struct {
    const dc_model *m;
    int site;
} routes_job;

/* Block b's routes of a site into its blocks. */
static void own_block(const dc_model *m, int site, int b)
{
    const dc_netzero_base *z = &m->nzb;
    const dc_site_view *v = &m->view[site];
    const double *dem = v->demand, *uns = v->unserved, *imp = v->imp, *win = v->wire_in, *share = z->share[site];
    const double *const *fit = z->fit_used[site];
    int first, last, n_fit = z->n_fit[site];
    dc_block_steps(&m->eng, b, &first, &last);
    double fit_excluded = 0, onsite = 0, wire = 0;
    for (int i = first; share && i <= last; i++) {
        if (share[i] <= 0) continue;
        double f = 0.0; /* its FIT arrays' output used behind its meter, in item order */
        for (int k = 0; k < n_fit; k++) f += fit[k][i];
        double from_outside = win[i] > imp[i] ? win[i] : imp[i], from_members = win[i] - imp[i];
        double local = dc_max(dem[i] - uns[i] - from_outside, 0.0);
        fit_excluded += dc_min(f, local) * share[i];
        onsite += dc_max(local - f, 0.0) * share[i];
        wire += (from_members > 0 ? from_members : 0.0) * share[i];
    }
    const dc_partials *p = &z->own_blocks[site];
    dc_part(p, 0)[b] = fit_excluded, dc_part(p, 1)[b] = onsite, dc_part(p, 2)[b] = wire;
}

static void own_blocks(void *arg, int b0, int b1)
{
    const routes_job *j = arg;
    for (int b = b0; b <= b1; b++) own_block(j->m, j->site, b);
    dc_block_sums(&j->m->eng, j->m->view[j->site].exp, b0, b1, dc_part(&j->m->nzb.own_blocks[j->site], 3));
}

/* The routes of a site that follow from its own flows, its 民生 share of
 * each step (the site's supply behind its meter, FIT output apart, and
 * what other members of its private wire gave it), and its export; read
 * again only when the engine has changed the site since, and then only
 * in the blocks it changed. A member's meter shows the grid's share of
 * the connection's import as its import, and that share is part of what
 * it took from the wire: only the rest came from the other members.
 * [kWh]. Under the readers' lock. */
static const dc_netzero_site *own_routes(const dc_model *m, int site)
{
    dc_netzero_site *o = &m->nzb.own[site];
    unsigned long epoch = m->eng.site[site].epoch;
    if (o->epoch == epoch) return o;
    dc_partials *p = &m->nzb.own_blocks[site];
    routes_job job = {m, site};
    dc_engine_redo_site_blocks(&m->eng, site, &p->at, own_blocks, &job);
    int last = m->ta.n - 1;
    *o = (dc_netzero_site){epoch, dc_part_sum(p, 0, 0, last), dc_part_sum(p, 1, 0, last), dc_part_sum(p, 2, 0, last),
                           dc_part_sum(p, 3, 0, last)};
    return o;
}

/* Block b of the off-site routes from the records (a dc_model): each
 * 民生 site's purchases for its 民生 loads, and the steps in which those
 * loads bought from the grid (their grid purchases added site by site). */
static void route_block(const dc_model *m, int b)
{
    const dc_netzero_base *z = &m->nzb;
    int first = b * DC_BLOCK_STEPS, end = first + DC_BLOCK_STEPS < m->ta.n ? first + DC_BLOCK_STEPS : m->ta.n;
    double grid[DC_BLOCK_STEPS] = {0.0};
    for (int k = 0; k < z->n_minsei; k++) {
        int site = z->minsei[k];
        const double *sh = z->share[site], *pp = m->view[site].ppa_in, *im = m->view[site].imp;
        double bought = 0.0;
        for (int i = first; i < end; i++) {
            if (!(sh[i] > 0)) continue;
            bought += pp[i] * sh[i];
            grid[i - first] += (im[i] - pp[i]) * sh[i];
        }
        dc_part(z->offsite, k)[b] = bought;
    }
    int hours = 0;
    for (int i = 0; i < end - first; i++) hours += grid[i] > 1e-9;
    z->block_hours[b] = hours;
}

static void route_blocks_redo(void *arg, int b0, int b1)
{
    const dc_model *m = arg;
    const dc_netzero_base *z = &m->nzb;
    int first = b0 * DC_BLOCK_STEPS;
    for (int k = 0; k < z->n_minsei; k++) { /* a run's first block, a line of each series: asked for at once */
        int site = z->minsei[k];
        __builtin_prefetch(z->share[site] + first), __builtin_prefetch(m->view[site].ppa_in + first);
        __builtin_prefetch(m->view[site].imp + first);
    }
    for (int b = b0; b <= b1; b++) route_block(m, b);
}

/* The off-site PPA purchases of each 民生 site for its 民生 loads into
 * offsite[k] [kWh]; the steps in which those loads bought from the grid.
 * The year is the sum of the blocks, read again only where steps moved
 * (dc_engine_redo_blocks). Under the readers' lock. */
static int offsite_routes(const dc_model *m, double *offsite)
{
    const dc_netzero_base *z = &m->nzb;
    int hours = 0;
    dc_engine_redo_blocks(&m->eng, &z->offsite->at, route_blocks_redo, (void *)m);
    for (int k = 0; k < z->n_minsei; k++) offsite[k] = dc_part_sum(z->offsite, k, 0, m->ta.n - 1);
    for (int b = 0; b < z->offsite->blocks; b++) hours += z->block_hours[b];
    return hours;
}

/* A, C and the area's other demand, from the loads. */
static void demand_terms(const dc_model *m, dc_netzero_base *z)
{
    for (int k = 0; k < m->s->list[S_LOADS].n; k++) {
        const dc_load_item *l = &DC_CITEMS(m->s, S_LOADS, dc_load_item)[k];
        if (!load_in_area(m, k)) continue;
        const double *d = item_series(m, "load", l->name, "demand");
        double after = 0;
        for (int i = 0; d && i < m->ta.n; i++) after += d[i];
        if (!minsei(l->sector)) {
            z->other_mwh += after / 1000;
            continue;
        }
        double before = after / (1.0 - l->saving_pct / 100.0);
        z->a_mwh += before / 1000;
        z->c_mwh += (before - after) / 1000;
    }
}

/* What is installed at the area's sites. */
static void installed(const dc_model *m, dc_netzero *z)
{
    const dc_scenario *s = m->s;
    const char *area = s->leading.area;
#define AT_AREA(sec, k) (!strcmp(site_area(m, m->topo.item_site[sec][k]), area))
    for (int k = 0; k < s->list[S_PV].n; k++) {
        const dc_pv_item *p = &DC_CITEMS(s, S_PV, dc_pv_item)[k];
        if (!AT_AREA(S_PV, k)) continue;
        if (p->fit) z->pv_fit_kw += p->pv.capacity_kw;
        else z->pv_kw += p->pv.capacity_kw;
    }
    for (int k = 0; k < s->list[S_BATTERIES].n; k++)
        if (AT_AREA(S_BATTERIES, k)) {
            z->battery_kwh += DC_CITEMS(s, S_BATTERIES, dc_battery_item)[k].b.energy_kwh;
            z->battery_kw += DC_CITEMS(s, S_BATTERIES, dc_battery_item)[k].b.power_kw;
        }
    for (int k = 0; k < s->list[S_BIOMASS].n; k++)
        if (AT_AREA(S_BIOMASS, k)) z->plant_kw += DC_CITEMS(s, S_BIOMASS, dc_biomass_item)[k].capacity_kw;
    for (int k = 0; k < s->list[S_BIOGAS].n; k++)
        if (AT_AREA(S_BIOGAS, k)) z->plant_kw += DC_CITEMS(s, S_BIOGAS, dc_biogas_item)[k].engine_kw;
    for (int k = 0; k < s->list[S_EVS].n; k++)
        if (AT_AREA(S_EVS, k)) z->ev_count += DC_CITEMS(s, S_EVS, dc_ev_item)[k].count;
#undef AT_AREA
}

static void verdict(const dc_model *m, dc_netzero *z)
{
    z->b_retail_mwh = m->s->leading.retail_renewable_mwh;
    z->b_certificates_mwh = m->s->leading.certificates_mwh;
    z->b_mwh = z->b_onsite_mwh + z->b_wire_mwh + z->b_offsite_ppa_mwh + z->b_retail_mwh + z->b_certificates_mwh;
    /* Round-off must not fail an area that balances exactly. */
    double short_by = z->a_mwh - z->b_mwh - z->c_mwh;
    z->net_zero = short_by <= 1e-9 * fmax(z->a_mwh, 1.0);
    z->gap_mwh = z->net_zero ? 0.0 : short_by;
    z->factor_kg_per_kwh = m->grid_ef;
    z->factor_kind = m->s->grid.factor_kind ? "basic" : "adjusted";
    z->gap_t_co2 = z->gap_mwh * m->grid_ef; /* MWh x kg/kWh = t */
}

/* The sites with 民生 loads of the area, and their routes' blocks. */
static dc_status route_blocks(dc_model *m)
{
    dc_netzero_base *b = &m->nzb;
    b->minsei = dc_pool_alloc(&m->pool, ((size_t)m->eng.n_sites + 1) * sizeof *b->minsei);
    b->offsite = dc_pool_alloc(&m->pool, sizeof *b->offsite);
    if (!b->minsei || !b->offsite) return DC_ERR_NOMEM;
    for (int k = 0; k < m->eng.n_sites; k++)
        if (b->share[k]) b->minsei[b->n_minsei++] = k;
    if (dc_partials_make(b->offsite, &m->pool, &m->eng, b->n_minsei)) return DC_ERR_NOMEM;
    b->block_hours = dc_pool_alloc(&m->pool, ((size_t)b->offsite->blocks + 1) * sizeof *b->block_hours);
    return b->block_hours ? DC_OK : DC_ERR_NOMEM;
}

/* Per site its routes' blocks and its FIT arrays' used-on-site series. */
static dc_status site_blocks(dc_model *m)
{
    dc_netzero_base *b = &m->nzb;
    size_t sites = (size_t)m->eng.n_sites + 1;
    b->own_blocks = dc_pool_alloc(&m->pool, sites * sizeof *b->own_blocks);
    b->n_fit = dc_pool_alloc(&m->pool, sites * sizeof *b->n_fit);
    b->fit_used = dc_pool_alloc(&m->pool, sites * sizeof *b->fit_used);
    if (!b->own_blocks || !b->n_fit || !b->fit_used) return DC_ERR_NOMEM;
    for (int k = 0; k < m->eng.n_sites; k++) {
        b->fit_used[k] = dc_pool_alloc(&m->pool, ((size_t)m->s->list[S_PV].n + 1) * sizeof *b->fit_used[k]);
        if (!b->fit_used[k] || dc_partials_make(&b->own_blocks[k], &m->pool, &m->eng, 4)) return DC_ERR_NOMEM;
    }
    for (int a = 0; a < m->s->list[S_PV].n; a++) {
        int k = m->topo.item_site[S_PV][a];
        if (DC_CITEMS(m->s, S_PV, dc_pv_item)[a].fit && m->pv_used[a]) b->fit_used[k][b->n_fit[k]++] = m->pv_used[a];
    }
    return DC_OK;
}

/* Each site's 民生 share of its demand per step, and the area's sums:
 * the loads never change in a model, so the table reads them once. */
dc_status dc_netzero_prepare(dc_model *m)
{
    dc_netzero_base *b = &m->nzb;
    size_t n = (size_t)m->ta.n;
    double *work = malloc((n + 1) * sizeof *work);
    b->share = dc_pool_alloc(&m->pool, ((size_t)m->eng.n_sites + 1) * sizeof *b->share);
    b->own = dc_pool_alloc(&m->pool, ((size_t)m->eng.n_sites + 1) * sizeof *b->own); /* epochs 0: none yet */
    if (!work || !b->share || !b->own) return free(work), DC_ERR_NOMEM;
    for (int k = 0; k < m->eng.n_sites; k++) {
        if (!site_minsei(m, k, work)) continue;
        double *share = b->share[k] = dc_pool_alloc(&m->pool, (n + 1) * sizeof *share);
        if (!share) return free(work), DC_ERR_NOMEM;
        for (size_t i = 0; i < n; i++) {
            double d = m->view[k].demand[i];
            b->minsei_after_kwh += work[i];
            share[i] = d > 0 && work[i] > 0 ? work[i] / d : 0.0;
        }
    }
    free(work);
    demand_terms(m, b);
    dc_status st = site_blocks(m);
    return st == DC_OK ? route_blocks(m) : st;
}

/* The routes from the records, site by site: what the table reads of a
 * run. Under the readers' lock. */
static dc_status read_routes(const dc_model *m, dc_netzero_flows *f)
{
    const dc_netzero_base *z = &m->nzb;
    double *offsite = malloc(((size_t)z->n_minsei + 1) * sizeof *offsite);
    if (!offsite) return DC_ERR_NOMEM;
    memset(f, 0, sizeof *f);
    for (int k = 0; k < m->eng.n_sites; k++) {
        int area = !strcmp(site_area(m, k), m->s->leading.area);
        if (!z->share[k] && !area) continue;
        const dc_netzero_site *o = own_routes(m, k);
        if (z->share[k]) {
            f->fit_excluded_mwh += o->fit_excluded / 1000;
            f->onsite_mwh += o->onsite / 1000;
            f->wire_mwh += o->wire / 1000;
        }
        if (area) f->exported_mwh += o->exported / 1000;
    }
    f->grid_hours = offsite_routes(m, offsite);
    for (int k = 0; k < z->n_minsei; k++) f->offsite_ppa_mwh += offsite[k] / 1000;
    free(offsite);
    return DC_OK;
}

/* The routes as the records stand: read again only after a run, reset or
 * retune, so that a case that sets only prices or certificates costs no
 * pass over the year. */
static dc_status routes(const dc_model *m, dc_netzero_flows *f)
{
    dc_status st = DC_OK;
    pthread_mutex_lock(&m->tc->lock);
    if (m->tc->nz_at != m->tc->records) st = read_routes(m, &m->tc->nz);
    if (st == DC_OK) m->tc->nz_at = m->tc->records, *f = m->tc->nz;
    pthread_mutex_unlock(&m->tc->lock);
    return st;
}

dc_status dc_model_netzero(const dc_model *m, dc_netzero *z)
{
    if (!m || !z) return DC_ERR_ARG;
    if (!m->s->leading.area[0]) return DC_ERR_SCENARIO;
    memset(z, 0, sizeof *z);
    z->area = m->s->leading.area;
    z->year = m->s->year;
    dc_netzero_flows f;
    dc_status st = routes(m, &f);
    if (st != DC_OK) return st;
    z->fit_excluded_mwh = f.fit_excluded_mwh;
    z->b_onsite_mwh = f.onsite_mwh;
    z->b_wire_mwh = f.wire_mwh;
    z->b_offsite_ppa_mwh = f.offsite_ppa_mwh;
    z->exported_mwh = f.exported_mwh;
    z->grid_hours = f.grid_hours;
    z->a_mwh = m->nzb.a_mwh;
    z->c_mwh = m->nzb.c_mwh;
    z->other_demand_mwh = m->nzb.other_mwh;
    double local = (z->b_onsite_mwh + z->b_wire_mwh + z->b_offsite_ppa_mwh) * 1000;
    z->coincident_share = m->nzb.minsei_after_kwh > 0 ? local / m->nzb.minsei_after_kwh : 0.0;
    installed(m, z);
    verdict(m, z);
    return DC_OK;
}

/* The i-th 民生 load of the area with a saving. */
static int saving_load(const dc_model *m, size_t i)
{
    size_t n = 0;
    for (int k = 0; m->s->leading.area[0] && k < m->s->list[S_LOADS].n; k++) {
        const dc_load_item *l = &DC_CITEMS(m->s, S_LOADS, dc_load_item)[k];
        if (minsei(l->sector) && l->saving_pct > 0 && load_in_area(m, k) && n++ == i) return k;
    }
    return -1;
}

size_t dc_model_saving_count(const dc_model *m)
{
    size_t n = 0;
    while (m && saving_load(m, n) >= 0) n++;
    return n;
}

int dc_model_saving_get(const dc_model *m, size_t i, dc_saving_row *out)
{
    int k = m && out ? saving_load(m, i) : -1;
    if (k < 0) return -1;
    const dc_load_item *l = &DC_CITEMS(m->s, S_LOADS, dc_load_item)[k];
    const double *d = item_series(m, "load", l->name, "demand");
    double after = 0;
    for (int t = 0; d && t < m->ta.n; t++) after += d[t];
    *out = (dc_saving_row){l->name, l->saving_pct, (after / (1.0 - l->saving_pct / 100.0) - after) / 1000};
    return 0;
}
