/* The model's GHG part: allocation from statistics when the model is
 * created, the scenario year when the run ends, and the public accessors. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "inputs.h"
#include "model.h"

/* GHG sector fed by each load sector (dc_sector order); NULL = none. */
static const char *const LINKED_SECTOR[] = {"household", "commercial", "commercial", "manufacturing", NULL,
                                            "agriculture"};

dc_status dc_model_ghg_init(dc_model *m, const dc_scenario *s, const dc_inputs *in, dc_diag *diag)
{
    if (!in->has_ghg) return DC_OK;
    int years[DC_MAX_ORDER + 1] = {s->ghg.base_year};
    memcpy(years + 1, s->ghg.years, (size_t)s->ghg.n_years * sizeof years[0]);
    if (dc_ghg_compute(&in->ghg, s->ghg.municipality, years, s->ghg.n_years + 1, &m->ghg, diag))
        return DC_ERR_STATISTICS;
    m->ghg_rules = malloc((size_t)in->ghg.n_rules * sizeof *m->ghg_rules);
    if (!m->ghg_rules) return DC_ERR_NOMEM;
    memcpy(m->ghg_rules, in->ghg.rules, (size_t)in->ghg.n_rules * sizeof *m->ghg_rules);
    m->n_ghg_rules = in->ghg.n_rules;
    m->ghg_stat_rows = m->ghg.n;
    m->ghg_base_year = s->ghg.base_year;
    m->ghg_link = s->ghg.scenario_link;
    m->ghg_target_pct = s->ghg.target_reduction_pct;
    m->has_ghg = 1;
    return DC_OK;
}

/* Imports attributed to each load in proportion to its demand each step
 * [kWh], in one pass over the year. */
static void attribute_imports(const dc_model *m, double *per_load)
{
    const double *imp = m->series[SER_IMPORT], *dem = m->series[SER_DEMAND];
    for (int k = 0; k < m->n_loads; k++) per_load[k] = 0.0;
    for (int i = 0; i < m->ta.n; i++)
        if (dem[i] > 0 && imp[i] > 0)
            for (int k = 0; k < m->n_loads; k++) per_load[k] += imp[i] * m->load_kwh[k][i] / dem[i];
}

/* CO2 of the imports of loads feeding a GHG sector [t-CO2]; NaN if none. */
static double sector_import_co2(const dc_model *m, const double *per_load, const char *sector)
{
    double kwh = 0;
    int linked = 0;
    for (int k = 0; k < m->n_loads; k++) {
        const char *target = LINKED_SECTOR[m->load_sector[k]];
        if (!target || strcmp(target, sector)) continue;
        linked = 1;
        kwh += per_load[k];
    }
    return linked ? kwh * m->grid_params.emission_factor_kg_per_kwh / 1000.0 : NAN;
}

int dc_model_ghg_finish(dc_model *m)
{
    if (!m->has_ghg) return 0;
    double *elec = malloc((size_t)(m->n_ghg_rules + m->n_loads + 1) * sizeof *elec);
    if (!elec) return -1;
    double *per_load = elec + m->n_ghg_rules;
    attribute_imports(m, per_load);
    for (int r = 0; r < m->n_ghg_rules; r++)
        elec[r] = m->ghg_link ? sector_import_co2(m, per_load, m->ghg_rules[r].sector) : NAN;
    int rc = dc_ghg_add_scenario(m->ta.year, elec, &m->ghg);
    free(elec);
    return rc;
}

void dc_model_ghg_free(dc_model *m)
{
    dc_ghg_table_free(&m->ghg);
    free(m->ghg_rules);
    m->ghg_rules = NULL;
}

size_t dc_model_ghg_count(const dc_model *m) { return m && m->has_ghg ? (size_t)m->ghg.n : 0; }

int dc_model_ghg_get(const dc_model *m, size_t i, dc_ghg_row *out)
{
    if (!m || i >= (size_t)m->ghg.n) return -1;
    const dc_ghg_result *r = &m->ghg.rows[i];
    const dc_ghg_rule *rule = &m->ghg_rules[r->rule];
    *out = (dc_ghg_row){r->year, r->scenario, rule->sector, rule->sector_ja, dc_ghg_method_names[rule->method],
                        rule->chosen, r->allocated_t, r->electricity_t, r->bottom_up_t, r->total_t, r->note};
    return 0;
}

dc_status dc_model_ghg_summary(const dc_model *m, dc_ghg_summary *out)
{
    if (!m || !out) return DC_ERR_ARG;
    if (!m->has_ghg) return DC_ERR_STATE;
    memset(out, 0, sizeof *out);
    out->base_year = m->ghg_base_year;
    out->target_reduction_pct = m->ghg_target_pct;
    out->national_target_pct = DC_NATIONAL_TARGET_PCT;
    out->base_total_t = dc_ghg_year_total(m->ghg_rules, &m->ghg, m->ghg_base_year, 0);
    for (int k = 0; k < m->ghg.n && out->n_years < DC_GHG_MAX_YEARS; k++) {
        const dc_ghg_result *r = &m->ghg.rows[k];
        int seen = 0;
        for (int y = 0; y < out->n_years; y++)
            seen |= out->years[y] == r->year && out->scenario[y] == r->scenario;
        if (seen) continue;
        int y = out->n_years++;
        out->years[y] = r->year;
        out->scenario[y] = r->scenario;
        out->total_t[y] = dc_ghg_year_total(m->ghg_rules, &m->ghg, r->year, r->scenario);
        out->reduction_pct[y] = out->base_total_t > 0 ? 100.0 * (1.0 - out->total_t[y] / out->base_total_t) : 0.0;
    }
    return DC_OK;
}
