/* Electricity factors a scenario needs, resolved once from the factors
 * table: the grid's default, each site's, the price of facilities'
 * purchased electricity, and the factor each statistics year embeds. */
#include "factors.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "params.h"

static const char *kind_ja(int kind) { return kind == DC_EF_BASIC ? "基礎" : "調整後"; }

/* A supplier's factor for the scenario year, or the latest before it
 * with a warning; an error when the table has none. */
static int lookup(const dc_scenario *s, const dc_elec_table *t, dc_psection sec, int item, const char *supplier,
                  const char *menu, dc_ef_used *out, dc_diag *diag)
{
    int used = 0, kind = s->grid.factor_kind;
    double v = dc_elec_lookup(t, supplier, menu, s->year, kind, &used);
    if (isnan(v)) {
        char have[512];
        dc_elec_describe(t, supplier, have, sizeof have);
        dc_scenario_error(s, diag, sec, item, "supplier", "no %s factor (%s) of '%s'%s%s for FY%d or before in %s "
                          "(it has: %s)", dc_ef_kind_names[kind], kind_ja(kind), supplier, menu[0] ? " " : "", menu,
                          s->year, t->file, have);
        return 1;
    }
    if (used != s->year)
        dc_scenario_warn(s, diag, sec, item, "supplier", "'%s'%s%s has no FY%d factor yet: using FY%d's "
                         "(%g kg-CO2/kWh, %s)", supplier, menu[0] ? " " : "", menu, s->year, used, v, kind_ja(kind));
    out->kg_per_kwh = v;
    out->year = used;
    snprintf(out->source, sizeof out->source, "%s%s%s FY%d %s", supplier, menu[0] ? " " : "", menu, used,
             kind_ja(kind));
    return 0;
}

static void given(dc_ef_used *out, double v)
{
    out->kg_per_kwh = v;
    out->year = 0;
    snprintf(out->source, sizeof out->source, "given in the scenario");
}

static int resolve_sites(const dc_scenario *s, dc_inputs *in, dc_diag *diag)
{
    int errors = 0;
    const dc_grid_params *g = &s->grid;
    if (!isnan(g->emission_factor_kg_per_kwh)) given(&in->grid_ef, g->emission_factor_kg_per_kwh);
    else errors += lookup(s, &in->elec, S_GRID, 0, g->supplier, g->menu, &in->grid_ef, diag);
    for (int i = 0; i < in->n_site_ef; i++) {
        const dc_site_item *it = &DC_CITEMS(s, S_SITES, dc_site_item)[i];
        const char *menu = it->menu[0] ? it->menu : it->supplier[0] ? "" : g->menu;
        if (!isnan(it->emission_factor_kg_per_kwh)) given(&in->site_ef[i], it->emission_factor_kg_per_kwh);
        else if (it->supplier[0] || it->menu[0])
            errors += lookup(s, &in->elec, S_SITES, i, it->supplier[0] ? it->supplier : g->supplier, menu,
                             &in->site_ef[i], diag);
        else in->site_ef[i] = in->grid_ef;
    }
    return errors;
}

/* Facilities' purchased electricity x the factor of its year. */
static int price_facilities(const dc_scenario *s, dc_inputs *in, dc_diag *diag)
{
    int errors = 0;
    for (int k = 0; k < in->ghg.n_facilities; k++) {
        dc_ghg_facility *f = &in->ghg.facilities[k];
        if (f->kind != DC_FAC_ELECTRICITY) continue;
        int used = 0;
        double v = dc_elec_lookup(&in->elec, f->supplier, f->menu, f->year, s->grid.factor_kind, &used);
        if (isnan(v) || used != f->year) {
            char have[512];
            dc_elec_describe(&in->elec, f->supplier, have, sizeof have);
            dc_diag_add(diag, in->ghg.facilities_file, f->line, 0, "supplier", "no FY%d %s factor (%s) of '%s'%s%s "
                        "in %s (it has: %s)", f->year, dc_ef_kind_names[s->grid.factor_kind],
                        kind_ja(s->grid.factor_kind), f->supplier, f->menu[0] ? " " : "", f->menu, in->elec.file,
                        have);
            errors++;
            continue;
        }
        f->co2_t = f->kwh * v / 1000.0;
    }
    return errors;
}

/* The factor the statistics of each year embed: given, or the grid
 * supplier's factor of that year when the table has it (NaN otherwise). */
static void statistics_factors(const dc_scenario *s, dc_inputs *in)
{
    int years[DC_MAX_YEARS + 1] = {s->ghg.base_year};
    memcpy(years + 1, s->ghg.years, (size_t)s->ghg.n_years * sizeof years[0]);
    for (int y = 0; y <= s->ghg.n_years; y++) {
        int used = 0;
        double v = s->ghg.statistics_factor_kg_per_kwh;
        if (isnan(v) && s->grid.supplier[0])
            v = dc_elec_lookup(&in->elec, s->grid.supplier, s->grid.menu, years[y], s->grid.factor_kind, &used);
        in->stats_ef[y] = isnan(s->ghg.statistics_factor_kg_per_kwh) && used != years[y] ? NAN : v;
        in->stats_ef_year[y] = years[y];
    }
}

int dc_factors_resolve(const dc_scenario *s, dc_inputs *in, dc_diag *diag)
{
    int errors = resolve_sites(s, in, diag);
    if (in->has_ghg) {
        errors += price_facilities(s, in, diag);
        statistics_factors(s, in);
    }
    return errors;
}
