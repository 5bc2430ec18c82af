/* The public GHG object: statistics years from the allocation when it is
 * created, the scenario year from a finished run when it is linked. It
 * reads the run's results, never the engine's state. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "ghg.h"
#include "inputs.h"
#include "model.h"
#include "params.h"

struct dc_ghg {
    dc_ghg_rule *rules;     /* copy of the allocation rules */
    int n_rules;
    dc_ghg_table table;
    int stat_rows;          /* rows from statistics; the scenario year follows */
    int base_year, link;
    double target_pct;      /* [%] below the base year */
};

/* GHG sector fed by each load sector; NULL = none. */
static const char *const LINKED_SECTOR[DC_N_SECTORS] = {
    [DC_SECTOR_HOUSEHOLD] = "household", [DC_SECTOR_COMMERCIAL] = "commercial",
    [DC_SECTOR_PUBLIC] = "commercial",   [DC_SECTOR_INDUSTRY] = "manufacturing",
    [DC_SECTOR_EV_CHARGING] = NULL,      [DC_SECTOR_AGRICULTURE] = "agriculture",
};

dc_status dc_ghg_create(const dc_scenario *s, const dc_inputs *in, dc_ghg **out, dc_diag *diag)
{
    if (!out) return DC_ERR_ARG;
    *out = NULL;
    if (!s || !in) return DC_ERR_ARG;
    if (!in->has_ghg) return DC_OK; /* no ghg section: nothing to estimate */
    dc_ghg *g = calloc(1, sizeof *g);
    if (!g) return DC_ERR_NOMEM;
    int years[DC_MAX_YEARS + 1] = {s->ghg.base_year};
    memcpy(years + 1, s->ghg.years, (size_t)s->ghg.n_years * sizeof years[0]);
    if (dc_ghg_compute(&in->ghg, s->ghg.municipality, years, s->ghg.n_years + 1, &g->table, diag)) {
        dc_ghg_destroy(&g);
        return DC_ERR_STATISTICS;
    }
    g->rules = malloc(((size_t)in->ghg.n_rules + 1) * sizeof *g->rules);
    if (!g->rules) {
        dc_ghg_destroy(&g);
        return DC_ERR_NOMEM;
    }
    memcpy(g->rules, in->ghg.rules, (size_t)in->ghg.n_rules * sizeof *g->rules);
    g->n_rules = in->ghg.n_rules;
    g->stat_rows = g->table.n;
    g->base_year = s->ghg.base_year;
    g->link = s->ghg.scenario_link;
    g->target_pct = s->ghg.target_reduction_pct;
    *out = g;
    return DC_OK;
}

/* Grid purchases (import less off-site PPA bought) of each load over the
 * year [kWh]: each site's purchases go to its loads by their demand. */
static const double *site_series(const dc_model *m, int site, const char *quantity)
{
    char name[3 * DC_NAME_MAX];
    snprintf(name, sizeof name, "site:%s:%s", dc_model_site_name(m, (size_t)site), quantity);
    return dc_model_series(m, name);
}

static void purchases_by_load(const dc_model *m, double *per_load)
{
    const dc_scenario *s = m->s;
    char name[3 * DC_NAME_MAX];
    for (int k = 0; k < s->list[S_LOADS].n; k++) {
        int site = m->topo.item_site[S_LOADS][k];
        const double *imp = site_series(m, site, "grid_import"), *ppa = site_series(m, site, "offsite_ppa_in");
        const double *demand = site_series(m, site, "demand");
        snprintf(name, sizeof name, "load:%s:demand", DC_CITEMS(s, S_LOADS, dc_load_item)[k].name);
        const double *load = dc_model_series(m, name);
        per_load[k] = 0.0;
        for (int i = 0; load && imp && demand && i < m->ta.n; i++) {
            double bought = imp[i] - (ppa ? ppa[i] : 0.0);
            if (demand[i] > 0 && bought > 0) per_load[k] += bought * load[i] / demand[i];
        }
    }
}

/* CO2 of the grid purchases of loads feeding a GHG sector [t-CO2]; NaN if none. */
static double sector_co2(const dc_model *m, const double *per_load, const char *sector)
{
    double kwh = 0;
    int linked = 0;
    for (int k = 0; k < m->s->list[S_LOADS].n; k++) {
        const char *target = LINKED_SECTOR[DC_CITEMS(m->s, S_LOADS, dc_load_item)[k].sector];
        if (!target || strcmp(target, sector)) continue;
        linked = 1;
        kwh += per_load[k];
    }
    return linked ? kwh * m->s->grid.emission_factor_kg_per_kwh / 1000.0 : NAN;
}

dc_status dc_ghg_link(dc_ghg *g, const dc_model *m)
{
    if (!g || !m) return DC_ERR_ARG;
    if (dc_model_steps_done(m) < dc_model_steps(m)) return DC_ERR_STATE;
    int n_loads = m->s->list[S_LOADS].n;
    double *elec = malloc(((size_t)g->n_rules + (size_t)n_loads + 1) * sizeof *elec);
    if (!elec) return DC_ERR_NOMEM;
    double *per_load = elec + g->n_rules;
    purchases_by_load(m, per_load);
    for (int r = 0; r < g->n_rules; r++) elec[r] = g->link ? sector_co2(m, per_load, g->rules[r].sector) : NAN;
    g->table.n = g->stat_rows; /* a second link replaces the scenario year */
    int rc = dc_ghg_add_scenario(m->ta.year, elec, &g->table);
    free(elec);
    return rc ? DC_ERR_NOMEM : DC_OK;
}

void dc_ghg_destroy(dc_ghg **pg)
{
    if (!pg || !*pg) return;
    dc_ghg_table_free(&(*pg)->table);
    free((*pg)->rules);
    free(*pg);
    *pg = NULL;
}

size_t dc_ghg_count(const dc_ghg *g) { return g ? (size_t)g->table.n : 0; }

int dc_ghg_get(const dc_ghg *g, size_t i, dc_ghg_row *out)
{
    if (!g || !out || i >= (size_t)g->table.n) return -1;
    const dc_ghg_result *r = &g->table.rows[i];
    const dc_ghg_rule *rule = &g->rules[r->rule];
    *out = (dc_ghg_row){r->year, r->scenario, rule->sector, rule->sector_ja, dc_ghg_method_names[rule->method],
                        rule->chosen, r->allocated_t, r->electricity_t, r->bottom_up_t, r->total_t, r->note};
    return 0;
}

dc_status dc_ghg_summary_get(const dc_ghg *g, dc_ghg_summary *out)
{
    if (!g || !out) return DC_ERR_ARG;
    memset(out, 0, sizeof *out);
    out->base_year = g->base_year;
    out->target_reduction_pct = g->target_pct;
    out->national_target_pct = DC_NATIONAL_TARGET_PCT;
    out->base_total_t = dc_ghg_year_total(g->rules, &g->table, g->base_year, 0);
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
    }
    return DC_OK;
}
