#include "ghg.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "units.h"

const char *const dc_ghg_method_names[DC_GHG_N_METHODS] = {"national", "prefectural", "national_by_industry",
                                                           "incineration"};

typedef struct {
    const dc_ghg_data *g;
    char muni[8], pref[8];
    int year;
    dc_diag *diag;
    int errors;
    int suppressed;  /* indicators published as X in this row */
} calc;

static const dc_ghg_emission *emission(calc *c, int level, const char *area, const char *sector, const char *industry)
{
    for (int k = 0; k < c->g->n_emissions; k++) {
        const dc_ghg_emission *e = &c->g->emissions[k];
        if (e->level == level && e->year == c->year && !strcmp(e->area, area) && !strcmp(e->sector, sector) &&
            !strcmp(e->industry, industry))
            return e;
    }
    c->errors++;
    dc_diag_add(c->diag, c->g->emissions_file, 0, 0, "year",
                "no %s carbon for area %s, sector %s%s%s in FY%d", level ? "prefecture" : "nation", area, sector,
                *industry ? ", industry " : "", industry, c->year);
    return NULL;
}

static const dc_ghg_indicator *indicator(calc *c, int level, const char *area, const char *key, const char *industry)
{
    for (int k = 0; k < c->g->n_indicators; k++) {
        const dc_ghg_indicator *x = &c->g->indicators[k];
        if (x->level == level && x->year == c->year && !strcmp(x->area, area) && !strcmp(x->indicator, key) &&
            !strcmp(x->industry, industry)) {
            c->suppressed += x->suppressed;
            return x;
        }
    }
    c->errors++;
    dc_diag_add(c->diag, c->g->indicators_file, 0, 0, "indicator", "no value of %s%s%s for area %s in FY%d", key,
                *industry ? ", industry " : "", industry, area, c->year);
    return NULL;
}

/* C x I_mun / I_upper x 44/12; elec likewise. */
static double allocate(calc *c, const dc_ghg_emission *e, const dc_ghg_indicator *up, double mun, double *elec)
{
    if (!e || !up) return NAN;
    if (up->value <= 0) {
        c->errors++;
        dc_diag_add(c->diag, c->g->indicators_file, up->line, 0, "value", "upper-level %s is zero: cannot allocate",
                    up->indicator);
        return NAN;
    }
    double share = mun / up->value;
    if (elec) *elec = isnan(e->elec_carbon_t) ? NAN : e->elec_carbon_t * share * DC_CO2_PER_C;
    return e->carbon_t * share * DC_CO2_PER_C;
}

static double by_area(calc *c, const dc_ghg_rule *r, int level, const char *area, double *mun_ind, double *elec)
{
    const dc_ghg_emission *e = emission(c, level, area, r->sector, "");
    const dc_ghg_indicator *up = indicator(c, level, area, r->indicator, "");
    const dc_ghg_indicator *m = indicator(c, DC_LEVEL_MUNICIPALITY, c->muni, r->indicator, "");
    *mun_ind = m ? m->value : NAN;
    return m ? allocate(c, e, up, m->value, elec) : NAN;
}

/* 全国業種別按分法: sum over the industries the nation reports. */
static double by_industry(calc *c, const dc_ghg_rule *r, double *mun_ind, double *elec)
{
    double co2 = 0, el = 0;
    int any = 0;
    *mun_ind = 0;
    for (int k = 0; k < c->g->n_emissions; k++) {
        const dc_ghg_emission *e = &c->g->emissions[k];
        if (e->level != DC_LEVEL_NATION || e->year != c->year || strcmp(e->sector, r->sector) || !e->industry[0])
            continue;
        const dc_ghg_indicator *up = indicator(c, DC_LEVEL_NATION, "00", r->indicator, e->industry);
        const dc_ghg_indicator *m = indicator(c, DC_LEVEL_MUNICIPALITY, c->muni, r->indicator, e->industry);
        double part_el = 0;
        if (!m) continue;
        co2 += allocate(c, e, up, m->value, &part_el);
        el += part_el;
        *mun_ind += m->value;
        any = 1;
    }
    if (!any && c->errors == 0) emission(c, DC_LEVEL_NATION, "00", r->sector, "(any industry)");
    *elec = el;
    return co2;
}

/* Own incineration of plastics and synthetic fibres: tonnes x factor. */
static double incineration(calc *c, const dc_ghg_rule *r)
{
    char keys[64];
    double co2 = 0;
    snprintf(keys, sizeof keys, "%s", r->indicator);
    for (char *save, *key = strtok_r(keys, "+", &save); key; key = strtok_r(NULL, "+", &save)) {
        const dc_ghg_factor *f = NULL;
        for (int k = 0; k < c->g->n_factors; k++)
            if (!strcmp(c->g->factors[k].key, key)) f = &c->g->factors[k];
        const dc_ghg_indicator *m = indicator(c, DC_LEVEL_MUNICIPALITY, c->muni, key, "");
        if (!f) {
            c->errors++;
            dc_diag_add(c->diag, c->g->methods_file, r->line, 0, "indicator", "no emission factor for %s", key);
        }
        if (f && m) co2 += m->value * f->value;
    }
    return co2;
}

/* Bottom-up data of this municipality, year and sector. */
static void apply_overrides(calc *c, const dc_ghg_rule *r, double mun_ind, dc_ghg_result *row)
{
    double reported = 0, part = 0, measured = 0;
    int n_fac = 0, n_sector = 0;
    for (int k = 0; k < c->g->n_facilities; k++) {
        const dc_ghg_facility *f = &c->g->facilities[k];
        if (f->year != c->year || strcmp(f->area, c->muni) || strcmp(f->sector, r->sector)) continue;
        if (f->whole_sector) {
            measured += f->co2_t, n_sector++;
            continue;
        }
        if (isnan(f->indicator)) {
            c->errors++;
            dc_diag_add(c->diag, c->g->facilities_file, f->line, 0, "indicator_value",
                        "needed to take the facility's allocated share out of the allocation");
            continue;
        }
        reported += f->co2_t, part += f->indicator, n_fac++;
    }
    row->bottom_up_t = 0;
    if (n_sector) {
        row->bottom_up_t = row->total_t = measured;
        snprintf(row->note, sizeof row->note, "measured sector total replaces the allocation");
        return;
    }
    if (!n_fac) return;
    if (part > mun_ind) {
        c->errors++;
        dc_diag_add(c->diag, c->g->facilities_file, 0, 0, "indicator_value",
                    "facilities in %s %s FY%d hold %.6g of the indicator, more than the municipality's %.6g",
                    c->muni, r->sector, c->year, part, mun_ind);
        return;
    }
    double keep = mun_ind > 0 ? 1.0 - part / mun_ind : 1.0;
    row->bottom_up_t = reported;
    row->total_t = row->allocated_t * keep + reported;
    if (!isnan(row->electricity_t)) row->electricity_t *= keep;
    snprintf(row->note, sizeof row->note, "%d facilit%s reported; allocation kept for %.2f %% of the indicator",
             n_fac, n_fac == 1 ? "y" : "ies", 100 * keep);
}

static int push(dc_ghg_table *t, const dc_ghg_result *r)
{
    if (t->n == t->cap) {
        int cap = t->cap ? 2 * t->cap : 64;
        dc_ghg_result *rows = realloc(t->rows, (size_t)cap * sizeof *rows);
        if (!rows) return -1;
        t->rows = rows;
        t->cap = cap;
    }
    t->rows[t->n++] = *r;
    return 0;
}

static void compute_rule(calc *c, int ri, dc_ghg_result *row)
{
    const dc_ghg_rule *r = &c->g->rules[ri];
    double mun_ind = NAN, elec = NAN;
    memset(row, 0, sizeof *row);
    row->year = c->year;
    row->rule = ri;
    c->suppressed = 0;
    switch (r->method) {
    case DC_GHG_PREFECTURAL: row->allocated_t = by_area(c, r, DC_LEVEL_PREFECTURE, c->pref, &mun_ind, &elec); break;
    case DC_GHG_NATIONAL: row->allocated_t = by_area(c, r, DC_LEVEL_NATION, "00", &mun_ind, &elec); break;
    case DC_GHG_NATIONAL_BY_INDUSTRY: row->allocated_t = by_industry(c, r, &mun_ind, &elec); break;
    default: row->allocated_t = incineration(c, r); break;
    }
    row->electricity_t = elec;
    row->total_t = row->allocated_t;
    if (c->suppressed)
        snprintf(row->note, sizeof row->note, "%d indicator value(s) suppressed (X), counted as 0", c->suppressed);
    if (r->method != DC_GHG_INCINERATION) apply_overrides(c, r, mun_ind, row);
}

static int municipality_known(const dc_ghg_data *g, const char *muni)
{
    for (int k = 0; k < g->n_indicators; k++)
        if (g->indicators[k].level == DC_LEVEL_MUNICIPALITY && !strcmp(g->indicators[k].area, muni)) return 1;
    return 0;
}

/* One clear message for a year the statistics do not cover at all. */
static int year_covered(const dc_ghg_data *g, int year, dc_diag *diag)
{
    char have[128] = "";
    for (int k = 0; k < g->n_emissions; k++) {
        if (g->emissions[k].year == year) return 1;
        char y[8];
        snprintf(y, sizeof y, "%d", g->emissions[k].year);
        if (!strstr(have, y) && strlen(have) + 8 < sizeof have)
            snprintf(have + strlen(have), sizeof have - strlen(have), "%s%s", *have ? ", " : "", y);
    }
    dc_diag_add(diag, g->emissions_file, 0, 0, "year", "no statistics for FY%d (the file has: %s)", year, have);
    return 0;
}

int dc_ghg_compute(const dc_ghg_data *g, const char *muni, const int *years, int n_years, dc_ghg_table *out,
                   dc_diag *diag)
{
    memset(out, 0, sizeof *out);
    if (!municipality_known(g, muni)) {
        dc_diag_add(diag, g->indicators_file, 0, 0, "area_code", "municipality %s is not in the statistics", muni);
        return -1;
    }
    calc c = {g, "", "", 0, diag, 0, 0};
    snprintf(c.muni, sizeof c.muni, "%s", muni);
    snprintf(c.pref, sizeof c.pref, "%.2s", muni);
    for (int y = 0; y < n_years; y++) {
        c.year = years[y];
        if (!year_covered(g, c.year, diag)) {
            c.errors++;
            continue;
        }
        for (int ri = 0; ri < g->n_rules; ri++) {
            dc_ghg_result row;
            compute_rule(&c, ri, &row);
            if (push(out, &row)) return -1;
        }
    }
    if (c.errors) dc_ghg_table_free(out);
    return c.errors ? -1 : 0;
}

int dc_ghg_add_scenario(int scenario_year, const double *elec_co2_t, dc_ghg_table *t)
{
    int latest = 0;
    for (int k = 0; k < t->n; k++)
        if (!t->rows[k].scenario && t->rows[k].year > latest) latest = t->rows[k].year;
    int n = t->n;
    for (int k = 0; k < n; k++) {
        dc_ghg_result row = t->rows[k];
        if (row.scenario || row.year != latest) continue;
        double sim = elec_co2_t[row.rule];
        row.year = scenario_year;
        row.scenario = 1;
        if (!isnan(sim) && !isnan(row.electricity_t) && strncmp(row.note, "measured", 8) != 0) {
            row.total_t += sim - row.electricity_t;
            row.electricity_t = sim;
            snprintf(row.note, sizeof row.note, "FY%d statistics; electricity from the simulated grid imports", latest);
        } else {
            snprintf(row.note, sizeof row.note, "FY%d statistics carried forward", latest);
        }
        if (push(t, &row)) return -1;
    }
    return 0;
}

void dc_ghg_table_free(dc_ghg_table *t)
{
    free(t->rows);
    memset(t, 0, sizeof *t);
}

double dc_ghg_year_total(const dc_ghg_rule *rules, const dc_ghg_table *t, int year, int scenario)
{
    double sum = 0;
    for (int k = 0; k < t->n; k++)
        if (t->rows[k].year == year && t->rows[k].scenario == scenario && rules[t->rows[k].rule].chosen)
            sum += t->rows[k].total_t;
    return sum;
}
