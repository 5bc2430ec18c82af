/* Economics of the area's PV arrays and batteries from a finished run:
 * capex, grant, annual cost by the capital recovery factor, LCOE, NPV,
 * payback, and for on-site PPAs the price that gives the provider its
 * target IRR (GSL's Brent solver). The simulated year's energy stands for
 * every year of the life. */
#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "colsum.h"
#include "model.h"

/* Sum over the life of the yearly discount factors 1/(1+r)^y, y = 1..N. */
static double annuity(double r, double years)
{
    return r == 0 ? years : (1.0 - pow(1.0 + r, -years)) / r;
}

typedef struct {
    double outlay, per_year_fixed, per_unit, units, years, rate;
} cash_flow; /* -outlay + (per_year_fixed + per_unit x units) x annuity(rate) */

static double npv_of(const cash_flow *c) { return -c->outlay + (c->per_year_fixed + c->per_unit * c->units) * annuity(c->rate, c->years); }

/* The root of f in [lo, hi] by Brent's method; NaN without a sign change.
 * f is finite and the ends straddle the root, so GSL has no error to call
 * its handler for (which is global: sweeps run this on many threads). */
static double brent(double (*f)(double, void *), void *ctx, double lo, double hi)
{
    double f_lo = f(lo, ctx), f_hi = f(hi, ctx);
    if (!isfinite(f_lo) || !isfinite(f_hi) || !(f_lo * f_hi < 0)) return NAN;
    gsl_function fn = {f, ctx};
    gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
    if (!s) return NAN;
    gsl_root_fsolver_set(s, &fn, lo, hi);
    double x = NAN;
    for (int it = 0; it < 200; it++) {
        if (gsl_root_fsolver_iterate(s)) break;
        x = gsl_root_fsolver_root(s);
        double a = gsl_root_fsolver_x_lower(s), b = gsl_root_fsolver_x_upper(s);
        if (gsl_root_test_interval(a, b, 1e-13, 1e-13) == GSL_SUCCESS) break;
    }
    gsl_root_fsolver_free(s);
    return x;
}

static double npv_at_rate(double r, void *ctx)
{
    cash_flow c = *(const cash_flow *)ctx;
    c.rate = r;
    return npv_of(&c);
}

double dc_irr(double outlay, double per_year, double years)
{
    cash_flow c = {outlay, per_year, 0, 0, years, 0};
    return brent(npv_at_rate, &c, -0.99, 10.0);
}

static double npv_at_price(double p, void *ctx)
{
    cash_flow c = *(const cash_flow *)ctx;
    c.per_unit = p;
    return npv_of(&c);
}

/* A PV item's series the economics sum, by blocks. */
typedef struct {
    const dc_model *m;
    const dc_partials *p;
    const double *v[3]; /* delivered, used on site, sent out; NULL: none */
} pv_job;

static void pv_blocks(void *arg, int b0, int b1)
{
    const pv_job *j = arg;
    for (int q = 0; q < 3; q++)
        if (j->v[q]) dc_block_sums(&j->m->eng, j->v[q], b0, b1, dc_part(j->p, q));
}

/* PV item k's year as its records stand: summed again only when its site
 * has changed (its epoch), and then in the blocks the run changed. These
 * three follow from its output and its site's shares alone; its sales,
 * which follow its buyers, are another series (sold_to_buyers). */
static dc_pv_sums pv_sums(const dc_model *m, int k)
{
    dc_reader_cache *c = m->tc;
    const dc_instance *in = &m->eng.inst[m->inst_of[S_PV][k]];
    unsigned long at = m->eng.site[in->site].epoch;
    pthread_mutex_lock(&c->lock);
    int fresh = c->pv_at[k] == at;
    dc_pv_sums y = c->pv[k];
    pthread_mutex_unlock(&c->lock);
    if (fresh) return y;
    pv_job job = {m, &c->pv_blocks[k], {c->pv_year[k][0], c->pv_year[k][1], c->pv_year[k][2]}};
    pthread_mutex_lock(&c->lock);
    dc_engine_redo_site_blocks(&m->eng, in->site, &c->pv_blocks[k].at, pv_blocks, &job);
    int last = m->ta.n - 1;
    y = (dc_pv_sums){dc_part_sum(job.p, 0, 0, last), dc_part_sum(job.p, 1, 0, last), dc_part_sum(job.p, 2, 0, last)};
    c->pv[k] = y;
    c->pv_at[k] = at;
    pthread_mutex_unlock(&c->lock);
    return y;
}

static int at_area(const dc_model *m, int sec, int k)
{
    int item = m->topo.site[m->topo.item_site[sec][k]].item;
    const char *area = item >= 0 ? DC_CITEMS(m->s, S_SITES, dc_site_item)[item].area : "";
    return m->s->leading.area[0] && !strcmp(area, m->s->leading.area);
}

/* The common part: capex, grant, annual cost. */
static void costs(const dc_model *m, const dc_cost_params *c, double size, dc_econ_row *r)
{
    double rate = m->s->leading.discount_rate_pct / 100.0;
    r->size = size;
    r->capex = c->capex_yen * size;
    r->subsidy = fmin(r->capex * c->subsidy_pct / 100.0, c->subsidy_cap_yen);
    r->net_capex = r->capex - r->subsidy;
    r->opex_per_year = c->opex_yen_per_year * size;
    r->lifetime_years = c->lifetime_years;
    r->annual_cost = r->net_capex / annuity(rate, c->lifetime_years) + r->opex_per_year;
}

/* An array's row; its PPA price (a root search) only when priced: the
 * area's total leaves prices out, and a sweep reads the total per case. */
static void pv_row(const dc_model *m, int k, int priced, dc_econ_row *r)
{
    const dc_scenario *s = m->s;
    const dc_pv_item *p = &DC_CITEMS(s, S_PV, dc_pv_item)[k];
    double rate = s->leading.discount_rate_pct / 100.0, tariff = s->leading.tariff_yen_per_kwh;
    double ep = s->leading.export_yen_per_kwh;
    costs(m, &m->pv_cost[k], p->pv.capacity_kw, r);
    r->kind = "pv";
    dc_pv_sums y = pv_sums(m, k);
    double used = y.used, sent = y.sent;
    r->energy_kwh = y.delivered;
    r->lcoe_yen_per_kwh = r->energy_kwh > 0 ? r->annual_cost / r->energy_kwh : NAN;
    r->value_per_year = used * tariff + sent * ep;
    r->npv = -r->net_capex + (r->value_per_year - r->opex_per_year) * annuity(rate, r->lifetime_years);
    double net_yearly = r->value_per_year - r->opex_per_year;
    r->payback_years = isnan(net_yearly) ? NAN : net_yearly > 0 ? r->net_capex / net_yearly : INFINITY;
    r->ppa = p->contract == DC_CONTRACT_ONSITE_PPA;
    r->billed_kwh = r->ppa ? used : 0.0;
    r->ppa_price_yen_per_kwh = r->town_saving_per_year = NAN;
    if (priced && r->ppa && used > 0) {
        cash_flow c = {r->net_capex, sent * ep - r->opex_per_year, 0, used, r->lifetime_years,
                       s->leading.target_irr_pct / 100.0};
        r->ppa_price_yen_per_kwh = brent(npv_at_price, &c, -1e4, 1e5);
        r->town_saving_per_year = used * (tariff - r->ppa_price_yen_per_kwh);
    }
}

static void battery_row(const dc_model *m, int k, dc_econ_row *r)
{
    const dc_battery_item *b = &DC_CITEMS(m->s, S_BATTERIES, dc_battery_item)[k];
    costs(m, &m->bat_cost[k], b->b.energy_kwh, r);
    r->kind = "battery";
    r->lcoe_yen_per_kwh = r->ppa_price_yen_per_kwh = r->town_saving_per_year = NAN;
    /* Its value is in the PV it lets the site use: counted there. */
    r->npv = -r->net_capex - r->opex_per_year * annuity(m->s->leading.discount_rate_pct / 100.0, r->lifetime_years);
    r->payback_years = INFINITY;
}

/* The i-th row: the area's arrays, then its batteries. */
static int row_item(const dc_model *m, size_t i, int *sec, int *k)
{
    size_t n = 0;
    const int secs[2] = {S_PV, S_BATTERIES};
    for (int j = 0; j < 2; j++)
        for (int x = 0; x < m->s->list[secs[j]].n; x++)
            if (at_area(m, secs[j], x) && n++ == i) return *sec = secs[j], *k = x, 0;
    return -1;
}

size_t dc_model_econ_count(const dc_model *m)
{
    size_t n = 0;
    int sec, k;
    while (m && row_item(m, n, &sec, &k) == 0) n++;
    return n;
}

static int econ_row(const dc_model *m, size_t i, int priced, dc_econ_row *out)
{
    int sec, k;
    if (!m || !out || row_item(m, i, &sec, &k)) return -1;
    memset(out, 0, sizeof *out);
    out->name = (const char *)dc_list_item(m->s, sec, k);
    out->site = m->eng.site[m->topo.item_site[sec][k]].name;
    if (sec == S_PV) pv_row(m, k, priced, out);
    else battery_row(m, k, out);
    return 0;
}

int dc_model_econ_get(const dc_model *m, size_t i, dc_econ_row *out) { return econ_row(m, i, 1, out); }

int dc_model_econ_total(const dc_model *m, dc_econ_row *t)
{
    if (!m || !t || !dc_model_econ_count(m)) return -1;
    memset(t, 0, sizeof *t);
    t->kind = "area";
    t->name = "total";
    t->site = "";
    t->lifetime_years = t->lcoe_yen_per_kwh = t->ppa_price_yen_per_kwh = t->town_saving_per_year = NAN;
    dc_econ_row r;
    for (size_t i = 0; econ_row(m, i, 0, &r) == 0; i++) {
        t->capex += r.capex, t->subsidy += r.subsidy, t->net_capex += r.net_capex;
        t->opex_per_year += r.opex_per_year, t->annual_cost += r.annual_cost, t->energy_kwh += r.energy_kwh;
        t->value_per_year += r.value_per_year, t->npv += r.npv;
        if (r.ppa) t->billed_kwh += r.billed_kwh;
    }
    /* The area's PV energy carries every item's cost, batteries included. */
    t->lcoe_yen_per_kwh = t->energy_kwh > 0 ? t->annual_cost / t->energy_kwh : NAN;
    double net_yearly = t->value_per_year - t->opex_per_year;
    t->payback_years = isnan(net_yearly) ? NAN : net_yearly > 0 ? t->net_capex / net_yearly : INFINITY;
    return 0;
}
