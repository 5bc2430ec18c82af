#include "ghg.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "units.h"

const char *const dc_ghg_basis_names[DC_BASIS_NONE + 1] = {
    "allocation", "allocation + facilities", "measured sector total", "waste survey", "karte", "not available"};

enum { MAX_PARTS = 64 };

typedef struct {
    const dc_ghg_data *g;
    char muni[8], pref[8];
    int year;
    dc_ghg_issues is;      /* of the rule being computed */
    int suppressed;        /* indicators published as X in this row */
    unsigned char *warned; /* per indicator row: its X warning was given */
} calc;

void dc_ghg_issue(dc_ghg_issues *is, const char *file, int line, int col, const char *field, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    is->errors++;
    if (!is->quiet) dc_diag_add(is->diag, file, line, col, field, "%s", msg);
    else if (!is->why[0] && file && line > 0) snprintf(is->why, sizeof is->why, "%.300s (%.60s:%d)", msg, file, line);
    else if (!is->why[0]) snprintf(is->why, sizeof is->why, "%s", msg);
}

#define problem(c, ...) dc_ghg_issue(&(c)->is, __VA_ARGS__)

static const dc_ghg_emission *emission(calc *c, int level, const char *area, const char *sector, const char *industry)
{
    for (int k = 0; k < c->g->n_emissions; k++) {
        const dc_ghg_emission *e = &c->g->emissions[k];
        if (e->level == level && e->year == c->year && !strcmp(e->area, area) && !strcmp(e->sector, sector) &&
            !strcmp(e->industry, industry))
            return e;
    }
    problem(c, c->g->emissions_file, 0, 0, "year", "no %s carbon for area %s, sector %s%s%s in FY%d",
            level ? "prefecture" : "nation", area, sector, *industry ? ", industry " : "", industry, c->year);
    return NULL;
}

static void suppressed(calc *c, const dc_ghg_indicator *x)
{
    c->suppressed++;
    size_t k = (size_t)(x - c->g->indicators);
    if (!c->warned || c->warned[k]) return;
    c->warned[k] = 1;
    dc_diag_warn(c->is.diag, c->g->indicators_file, x->line, c->g->indicator_value_col, "value",
                 "%s%s%s of area %s in FY%d is suppressed (X, 秘匿): counted as 0 while the upper total stays "
                 "the denominator", x->indicator, x->industry[0] ? ", industry " : "", x->industry, x->area, x->year);
}

static const dc_ghg_indicator *indicator(calc *c, int level, const char *area, const char *key, const char *industry)
{
    for (int k = 0; k < c->g->n_indicators; k++) {
        const dc_ghg_indicator *x = &c->g->indicators[k];
        if (x->level == level && x->year == c->year && !strcmp(x->area, area) && !strcmp(x->indicator, key) &&
            !strcmp(x->industry, industry)) {
            if (x->suppressed) suppressed(c, x);
            return x;
        }
    }
    problem(c, c->g->indicators_file, 0, 0, "indicator", "no value of %s%s%s for area %s in FY%d", key,
            *industry ? ", industry " : "", industry, area, c->year);
    return NULL;
}

/* C x I_mun / I_upper x 44/12, and the electricity part likewise. */
static void allocate(calc *c, const dc_ghg_emission *e, const dc_ghg_indicator *up, dc_ghg_part *p)
{
    if (!e || !up) return;
    if (up->value <= 0) {
        problem(c, c->g->indicators_file, up->line, c->g->indicator_value_col, "value",
                "upper-level %s is zero: cannot allocate", up->indicator);
        return;
    }
    double share = p->mun_ind / up->value;
    p->allocated_t = e->carbon_t * share * DC_CO2_PER_C;
    p->electricity_t = isnan(e->elec_carbon_t) ? NAN : e->elec_carbon_t * share * DC_CO2_PER_C;
}

static int by_area(calc *c, const dc_ghg_rule *r, int level, const char *area, dc_ghg_part *p)
{
    const dc_ghg_emission *e = emission(c, level, area, r->sector, "");
    const dc_ghg_indicator *up = indicator(c, level, area, r->indicator, "");
    const dc_ghg_indicator *m = indicator(c, DC_LEVEL_MUNICIPALITY, c->muni, r->indicator, "");
    *p = (dc_ghg_part){"", 0.0, 0.0, m ? m->value : NAN};
    if (m) allocate(c, e, up, p);
    return 1;
}

/* 全国業種別按分法: one part per industry the nation reports. */
static int by_industry(calc *c, const dc_ghg_rule *r, dc_ghg_part *parts)
{
    int n = 0;
    for (int k = 0; k < c->g->n_emissions && n < MAX_PARTS; k++) {
        const dc_ghg_emission *e = &c->g->emissions[k];
        if (e->level != DC_LEVEL_NATION || e->year != c->year || strcmp(e->sector, r->sector) || !e->industry[0])
            continue;
        const dc_ghg_indicator *up = indicator(c, DC_LEVEL_NATION, "00", r->indicator, e->industry);
        const dc_ghg_indicator *m = indicator(c, DC_LEVEL_MUNICIPALITY, c->muni, r->indicator, e->industry);
        dc_ghg_part *p = &parts[n++];
        *p = (dc_ghg_part){e->industry, 0.0, 0.0, m ? m->value : NAN};
        if (m) allocate(c, e, up, p);
    }
    if (n == 0)
        problem(c, c->g->emissions_file, 0, 0, "industry", "no national carbon by industry for sector %s in FY%d",
                r->sector, c->year);
    return n;
}

static double waste_factor(calc *c, const char *key)
{
    for (int k = 0; k < c->g->n_factors; k++)
        if (!strcmp(c->g->factors[k].key, key)) return c->g->factors[k].value;
    problem(c, c->g->methods_file, 0, 0, "indicator", "no emission factor %s in the factors file", key);
    return NAN;
}

/* 一般廃棄物: the municipality's share of each plant's incinerated plastics
 * and synthetic textiles (dry basis) x their factors. */
static void incineration(calc *c, dc_ghg_result *row)
{
    double plastic = waste_factor(c, "waste_plastic_t"), textile = waste_factor(c, "waste_synthetic_fibre_t");
    int plants = 0;
    row->total_t = 0.0;
    for (int k = 0; k < c->g->n_waste; k++) {
        const dc_ghg_waste *w = &c->g->waste[k];
        if (w->year != c->year || strcmp(w->area, c->muni)) continue;
        double dry = w->incinerated_t * (1.0 - w->moisture);
        row->total_t += w->town_share * dry * (w->plastic_dry * plastic + w->textile_dry * textile);
        dc_ghg_note(row, "%s: %.0f t x (1 - %.3g) x (%.3g x %.3g + %.3g x %.3g) x share %.3g", w->plant,
                    w->incinerated_t, w->moisture, w->plastic_dry, plastic, w->textile_dry, textile, w->town_share);
        plants++;
    }
    if (!plants)
        problem(c, c->g->waste_file[0] ? c->g->waste_file : NULL, 0, 0, "year",
                c->g->waste_file[0] ? "no incineration plant of municipality %s in FY%d"
                                    : "no waste survey for municipality %s, FY%d: give ghg.waste_file (or "
                                      "waste.csv in statistics_dir)", c->muni, c->year);
    row->allocated_t = row->kept_t = NAN;
    row->basis = DC_BASIS_SURVEY;
}

static void karte(calc *c, const dc_ghg_rule *r, dc_ghg_result *row)
{
    row->basis = DC_BASIS_KARTE;
    row->allocated_t = row->kept_t = NAN;
    for (int k = 0; k < c->g->n_karte; k++) {
        const dc_ghg_karte *x = &c->g->karte[k];
        if (x->year == c->year && !strcmp(x->sector, r->sector)) {
            row->total_t = x->co2_t;
            return;
        }
    }
    problem(c, c->g->karte_file, 0, 0, "year", "the カルテ has no FY%d column (for %s)", c->year, r->sector);
}

static void allocation(calc *c, const dc_ghg_rule *r, dc_ghg_result *row)
{
    dc_ghg_part parts[MAX_PARTS];
    int n = r->method == DC_GHG_NATIONAL_BY_INDUSTRY ? by_industry(c, r, parts)
            : r->method == DC_GHG_PREFECTURAL       ? by_area(c, r, DC_LEVEL_PREFECTURE, c->pref, parts)
                                                    : by_area(c, r, DC_LEVEL_NATION, "00", parts);
    if (c->is.errors) return;
    row->allocated_t = row->electricity_t = 0.0;
    for (int k = 0; k < n; k++) row->allocated_t += parts[k].allocated_t, row->electricity_t += parts[k].electricity_t;
    row->kept_t = row->total_t = row->allocated_t;
    row->removed_t = row->bottom_up_t = 0.0;
    row->basis = DC_BASIS_ALLOCATION;
    if (c->suppressed) dc_ghg_note(row, "%d indicator value(s) suppressed (X), counted as 0", c->suppressed);
    dc_ghg_apply_facilities(c->g, c->muni, c->year, r, parts, n, row, &c->is);
}

static void compute_rule(calc *c, const dc_ghg_rule *rules, int ri, dc_ghg_result *row)
{
    const dc_ghg_rule *r = &rules[ri];
    memset(row, 0, sizeof *row);
    row->year = c->year;
    row->rule = ri;
    row->available = 1;
    row->electricity_t = row->factor_change_t = row->project_t = row->with_kwh = row->without_kwh = NAN;
    row->statistics_t = NAN;
    c->suppressed = 0;
    c->is.errors = 0;
    c->is.why[0] = '\0';
    c->is.quiet = !r->chosen;
    if (r->method == DC_GHG_INCINERATION) incineration(c, row);
    else if (r->method == DC_GHG_KARTE) karte(c, r, row);
    else allocation(c, r, row);
    if (c->is.errors && c->is.quiet) {
        row->available = 0;
        row->basis = DC_BASIS_NONE;
        row->total_t = row->allocated_t = row->kept_t = row->removed_t = row->bottom_up_t = NAN;
        row->note[0] = '\0';
        dc_ghg_note(row, "not available: %.280s", c->is.why);
    }
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

static int municipality_known(const dc_ghg_data *g, const char *muni)
{
    for (int k = 0; k < g->n_indicators; k++)
        if (g->indicators[k].level == DC_LEVEL_MUNICIPALITY && !strcmp(g->indicators[k].area, muni)) return 1;
    return 0;
}

int dc_ghg_compute(const dc_ghg_data *g, const dc_ghg_rule *rules, int n_rules, const char *muni, const int *years,
                   int n_years, dc_ghg_table *out, dc_diag *diag)
{
    memset(out, 0, sizeof *out);
    if (g->has_allocation && !municipality_known(g, muni)) {
        dc_diag_add(diag, g->indicators_file, 0, 0, "area_code", "municipality %s is not in the statistics", muni);
        return -1;
    }
    calc c = {g, "", "", 0, {diag, 0, 0, ""}, 0, calloc((size_t)g->n_indicators + 1, 1)};
    snprintf(c.muni, sizeof c.muni, "%s", muni);
    snprintf(c.pref, sizeof c.pref, "%.2s", muni);
    int errors = 0;
    for (int y = 0; y < n_years; y++) {
        c.year = years[y];
        if (g->has_allocation && !year_covered(g, c.year, diag)) {
            errors++;
            continue;
        }
        for (int ri = 0; ri < n_rules; ri++) {
            dc_ghg_result row;
            compute_rule(&c, rules, ri, &row);
            errors += c.is.errors && !c.is.quiet;
            if (dc_ghg_push(out, &row)) errors++;
        }
    }
    free(c.warned);
    if (errors) dc_ghg_table_free(out);
    return errors ? -1 : 0;
}

void dc_ghg_note(dc_ghg_result *r, const char *fmt, ...)
{
    size_t n = strlen(r->note);
    if (n + 3 >= sizeof r->note) return;
    if (n) memcpy(r->note + n, "; ", 3), n += 2;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->note + n, sizeof r->note - n, fmt, ap);
    va_end(ap);
}

int dc_ghg_push(dc_ghg_table *t, const dc_ghg_result *r)
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
