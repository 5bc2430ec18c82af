/* The public GHG object: statistics years from the allocation (or the
 * カルテ) when it is created, the scenario year from a finished run when it
 * is linked. The scenario year is the latest statistics carried forward,
 * plus the change of the electricity factor, plus the project's own effect:
 * the linked loads' grid purchases with the project less without it, each
 * at its meter's factor. It reads the run's results, never the engine's
 * state. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "ghg.h"
#include "ghg_verdict.h"
#include "inputs.h"
#include "model.h"
#include "params.h"

struct dc_ghg {
    dc_ghg_rule *rules;     /* the methods file's, and the カルテ's */
    int n_rules;
    dc_ghg_table stats;     /* statistics years, as computed */
    dc_ghg_table table;     /* what is shown: the statistics years and the scenario year */
    int base_year, link, factor_kind;
    double scenario_ef;     /* the scenario's default factor [kg-CO2/kWh] */
    double stats_ef[DC_MAX_YEARS + 1];
    int stats_ef_year[DC_MAX_YEARS + 1];
    dc_ghg_targets national, municipal;
    dc_ghg_data karte;      /* only the カルテ cells are kept */
};

/* GHG sector fed by each load sector; NULL = none. */
static const char *const LINKED_SECTOR[DC_N_SECTORS] = {
    [DC_SECTOR_HOUSEHOLD] = "household", [DC_SECTOR_COMMERCIAL] = "commercial",
    [DC_SECTOR_PUBLIC] = "commercial",   [DC_SECTOR_INDUSTRY] = "manufacturing",
    [DC_SECTOR_EV_CHARGING] = NULL,      [DC_SECTOR_AGRICULTURE] = "agriculture",
};

static int copy_table(dc_ghg_table *dst, const dc_ghg_table *src, int hide_year)
{
    dst->n = 0;
    for (int k = 0; k < src->n; k++)
        if (src->rows[k].year != hide_year && dc_ghg_push(dst, &src->rows[k])) return -1;
    return 0;
}

static void targets(dc_ghg *g, const dc_scenario *s, const dc_ghg_data *d)
{
    g->national.base_year = 2013;
    for (int k = 0; k < d->n_targets; k++)
        if (d->targets[k].national) {
            g->national.base_year = d->targets[k].base_year;
            dc_ghg_targets_add(&g->national, d->targets[k].year, d->targets[k].reduction_pct);
        }
    g->municipal.base_year = s->ghg.base_year;
    for (int k = 0; k < s->ghg.n_target_years && k < s->ghg.n_target_pct; k++)
        dc_ghg_targets_add(&g->municipal, s->ghg.target_years[k], s->ghg.target_reduction_pct[k]);
}

static int keep_karte(dc_ghg *g, const dc_ghg_data *d)
{
    if (!d->n_karte) return 0;
    g->karte.karte = malloc((size_t)d->n_karte * sizeof *d->karte);
    if (!g->karte.karte) return -1;
    memcpy(g->karte.karte, d->karte, (size_t)d->n_karte * sizeof *d->karte);
    g->karte.n_karte = d->n_karte;
    g->karte.karte_unit_t = d->karte_unit_t;
    return 0;
}

dc_status dc_ghg_create(const dc_scenario *s, const dc_inputs *in, dc_ghg **out, dc_diag *diag)
{
    if (!out) return DC_ERR_ARG;
    *out = NULL;
    if (!s || !in) return DC_ERR_ARG;
    if (!in->has_ghg) return DC_OK; /* no ghg section: nothing to estimate */
    dc_ghg *g = calloc(1, sizeof *g);
    if (!g || !(g->rules = dc_ghg_rules_with_karte(&in->ghg, &g->n_rules)) || keep_karte(g, &in->ghg)) {
        dc_ghg_destroy(&g);
        return DC_ERR_NOMEM;
    }
    int years[DC_MAX_YEARS + 1] = {s->ghg.base_year};
    memcpy(years + 1, s->ghg.years, (size_t)s->ghg.n_years * sizeof years[0]);
    if (dc_ghg_compute(&in->ghg, g->rules, g->n_rules, s->ghg.municipality, years, s->ghg.n_years + 1, &g->stats,
                       diag)) {
        dc_ghg_destroy(&g);
        return DC_ERR_STATISTICS;
    }
    dc_ghg_mark_methods(&in->ghg, g->rules, &g->stats, s->ghg.base_year, diag);
    g->base_year = s->ghg.base_year;
    g->link = s->ghg.scenario_link;
    g->factor_kind = s->grid.factor_kind;
    g->scenario_ef = in->grid_ef.kg_per_kwh;
    memcpy(g->stats_ef, in->stats_ef, sizeof g->stats_ef);
    memcpy(g->stats_ef_year, in->stats_ef_year, sizeof g->stats_ef_year);
    targets(g, s, &in->ghg);
    if (copy_table(&g->table, &g->stats, 0)) {
        dc_ghg_destroy(&g);
        return DC_ERR_NOMEM;
    }
    *out = g;
    return DC_OK;
}

/* ---- the scenario year ---------------------------------------------------- */

typedef struct {
    double with_kwh, without_kwh, effect_t; /* linked loads of one sector */
    int linked;
} sector_link;

static sector_link link_of(const dc_model *m, const double *with, const double *without, const char *sector)
{
    sector_link l = {0.0, 0.0, 0.0, 0};
    for (int k = 0; k < m->s->list[S_LOADS].n; k++) {
        const char *target = LINKED_SECTOR[DC_CITEMS(m->s, S_LOADS, dc_load_item)[k].sector];
        if (!target || strcmp(target, sector)) continue;
        double ef = m->topo.site[m->topo.item_site[S_LOADS][k]].ef_kg_per_kwh;
        l.linked = 1;
        l.with_kwh += with[k];
        l.without_kwh += without[k];
        l.effect_t += (with[k] - without[k]) * ef / 1000.0;
    }
    return l;
}

/* The statistics year carried forward: the latest at or before the scenario year. */
static int from_year(const dc_ghg *g, int year)
{
    int best = 0, latest = 0;
    for (int k = 0; k < g->stats.n; k++) {
        int y = g->stats.rows[k].year;
        if (y > latest) latest = y;
        if (y <= year && y > best) best = y;
    }
    return best ? best : latest;
}

static double stats_factor(const dc_ghg *g, int year)
{
    for (int y = 0; y <= DC_MAX_YEARS; y++)
        if (g->stats_ef_year[y] == year) return g->stats_ef[y];
    return NAN;
}

/* The statistics' electricity CO2 valued at the scenario's factor. */
static void factor_change(const dc_ghg *g, dc_ghg_result *r)
{
    double f = stats_factor(g, r->from_year);
    if (isnan(r->electricity_t)) {
        dc_ghg_note(r, "factor change n/a: the statistics do not split electricity");
    } else if (isnan(f) || f <= 0) {
        dc_ghg_note(r, "factor change n/a: the factor FY%d's statistics embed is unknown "
                    "(ghg.statistics_factor_kg_per_kwh)", r->from_year);
    } else {
        r->factor_change_t = r->electricity_t * (g->scenario_ef / f - 1.0);
        dc_ghg_note(r, "electricity revalued from %.3g to %.3g kg-CO2/kWh", f, g->scenario_ef);
    }
}

/* Loud when the scenario's loads buy more than the whole sector does, and
 * refused when the project would take more than the sector emits. */
static int check_link(const dc_ghg *g, const dc_ghg_rule *rule, const dc_ghg_result *r, dc_diag *diag)
{
    double f = stats_factor(g, r->from_year);
    if (isnan(f) || f <= 0) f = g->scenario_ef;
    double change = isnan(r->factor_change_t) ? 0.0 : r->factor_change_t;
    double elec = isnan(r->electricity_t) ? NAN : r->electricity_t + change;
    if (!isnan(r->electricity_t) && f > 0 && r->without_kwh > r->electricity_t * 1000.0 / f * (1 + 1e-9))
        dc_diag_warn(diag, NULL, 0, 0, rule->sector,
                     "the scenario's %s loads buy %.0f MWh a year without the project, more than the %.0f MWh the "
                     "FY%d statistics imply for the whole sector (%.0f t-CO2 / %.3g kg-CO2/kWh): check the loads, "
                     "the statistics or the factor", rule->sector, r->without_kwh / 1000,
                     r->electricity_t / f, r->from_year, r->electricity_t, f);
    double left = isnan(elec) ? r->statistics_t + r->project_t : elec + r->project_t;
    if (left >= -1e-6 * (fabs(r->statistics_t) + 1.0)) return 0;
    dc_diag_add(diag, NULL, 0, 0, rule->sector,
                "the project's effect (%.0f t-CO2) is larger than the sector's whole %s (%.0f t-CO2 in FY%d): "
                "the scenario's loads cannot belong to this sector's statistics", r->project_t,
                isnan(elec) ? "emissions" : "electricity CO2", isnan(elec) ? r->statistics_t : elec, r->from_year);
    return 1;
}

static int scenario_row(const dc_ghg *g, const dc_model *m, const double *with, const double *without,
                        dc_ghg_result *r, dc_diag *diag)
{
    r->from_year = r->year;
    r->year = m->ta.year;
    r->scenario = 1;
    r->statistics_t = r->total_t;
    if (!r->available) return 0;
    dc_ghg_note(r, "FY%d statistics carried forward", r->from_year);
    if (!g->link) return 0;
    factor_change(g, r);
    sector_link l = link_of(m, with, without, g->rules[r->rule].sector);
    if (l.linked) {
        r->with_kwh = l.with_kwh;
        r->without_kwh = l.without_kwh;
        r->project_t = l.effect_t;
        dc_ghg_note(r, "project effect from the scenario's loads: %.0f MWh bought with the project, %.0f without",
                    l.with_kwh / 1000, l.without_kwh / 1000);
    }
    r->total_t = r->statistics_t + (isnan(r->factor_change_t) ? 0.0 : r->factor_change_t) +
                 (isnan(r->project_t) ? 0.0 : r->project_t);
    return l.linked && g->rules[r->rule].chosen ? check_link(g, &g->rules[r->rule], r, diag) : 0;
}

dc_status dc_ghg_link(dc_ghg *g, const dc_model *m, dc_diag *diag)
{
    if (!g || !m) return DC_ERR_ARG;
    if (dc_model_steps_done(m) < dc_model_steps(m)) return DC_ERR_STATE;
    int n_loads = m->s->list[S_LOADS].n, year = m->ta.year, from = from_year(g, year), errors = 0;
    double *with = malloc(2 * ((size_t)n_loads + 1) * sizeof *with);
    if (!with) return DC_ERR_NOMEM;
    double *without = with + n_loads + 1;
    dc_model_purchases_with(m, with);
    if (dc_model_purchases_without(m, without)) {
        free(with);
        return DC_ERR_NOMEM;
    }
    int rc = copy_table(&g->table, &g->stats, year); /* the scenario year appears once */
    for (int k = 0; !rc && k < g->stats.n; k++) {
        if (g->stats.rows[k].year != from) continue;
        dc_ghg_result r = g->stats.rows[k];
        errors += scenario_row(g, m, with, without, &r, diag);
        rc = dc_ghg_push(&g->table, &r);
    }
    free(with);
    if (rc) return DC_ERR_NOMEM;
    return errors ? DC_ERR_STATISTICS : DC_OK;
}

void dc_ghg_destroy(dc_ghg **pg)
{
    if (!pg || !*pg) return;
    dc_ghg_table_free(&(*pg)->table);
    dc_ghg_table_free(&(*pg)->stats);
    free((*pg)->rules);
    free((*pg)->karte.karte);
    free(*pg);
    *pg = NULL;
}

/* ---- reading it ------------------------------------------------------------ */

size_t dc_ghg_count(const dc_ghg *g) { return g ? (size_t)g->table.n : 0; }

int dc_ghg_get(const dc_ghg *g, size_t i, dc_ghg_row *out)
{
    if (!g || !out || i >= (size_t)g->table.n) return -1;
    const dc_ghg_result *r = &g->table.rows[i];
    const dc_ghg_rule *rule = &g->rules[r->rule];
    *out = (dc_ghg_row){r->year, r->scenario, rule->sector, rule->sector_ja, dc_ghg_method_names[rule->method],
                        rule->chosen, r->available, dc_ghg_basis_names[r->basis], r->differs_from_base,
                        r->allocated_t, r->removed_t, r->kept_t, r->bottom_up_t, r->electricity_t, r->from_year,
                        r->statistics_t, r->factor_change_t, r->project_t, r->with_kwh, r->without_kwh, r->total_t,
                        r->note};
    return 0;
}

static int year_differs(const dc_ghg *g, int year, int scenario)
{
    for (int k = 0; k < g->table.n; k++) {
        const dc_ghg_result *r = &g->table.rows[k];
        if (r->year == year && r->scenario == scenario && g->rules[r->rule].chosen && r->differs_from_base) return 1;
    }
    return 0;
}

static double stats_total(const dc_ghg *g, int year)
{
    int any = 0;
    for (int k = 0; k < g->stats.n; k++) any |= g->stats.rows[k].year == year;
    return any ? dc_ghg_year_total(g->rules, &g->stats, year, 0) : NAN;
}

dc_status dc_ghg_summary_get(const dc_ghg *g, dc_ghg_summary *out)
{
    if (!g || !out) return DC_ERR_ARG;
    memset(out, 0, sizeof *out);
    out->base_year = g->base_year;
    out->national_base_year = g->national.base_year;
    out->factor_kind = g->factor_kind ? "basic (基礎)" : "adjusted (調整後)";
    out->base_total_t = stats_total(g, g->base_year); /* also when the scenario year is the base year */
    double national_base = stats_total(g, g->national.base_year);
    for (int k = 0; k < g->table.n && out->n_years < DC_GHG_MAX_YEARS; k++) {
        const dc_ghg_result *r = &g->table.rows[k];
        int seen = 0;
        for (int y = 0; y < out->n_years; y++) seen |= out->years[y] == r->year && out->scenario[y] == r->scenario;
        if (seen) continue;
        int y = out->n_years++;
        out->years[y] = r->year;
        out->scenario[y] = r->scenario;
        out->total_t[y] = dc_ghg_year_total(g->rules, &g->table, r->year, r->scenario);
        out->reduction_pct[y] = out->base_total_t > 0 ? 100.0 * (1.0 - out->total_t[y] / out->base_total_t) : 0.0;
        out->differs[y] = year_differs(g, r->year, r->scenario);
        out->national[y] = dc_ghg_verdict_for(&g->national, r->year, national_base, out->total_t[y]);
        out->municipal[y] = dc_ghg_verdict_for(&g->municipal, r->year, out->base_total_t, out->total_t[y]);
    }
    return DC_OK;
}

int dc_ghg_karte_total(const dc_ghg *g, int year, double *published_t, double *sectors_t, double *rounding_t)
{
    if (!g || !published_t || !sectors_t || !rounding_t) return -1;
    *rounding_t = g->karte.karte_unit_t;
    return dc_ghg_karte_sums(&g->karte, year, published_t, sectors_t);
}
