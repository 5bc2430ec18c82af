#include "ghgdata.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "diag.h"
#include "units.h"

static const char *const LEVEL_NAMES[] = {"nation", "prefecture", "municipality", NULL};


typedef struct {
    dc_csv *t;
    const dc_csv_row *row;
    dc_diag *diag;
    int errors;
} cursor;

static void bad(cursor *c, const char *col, const char *fmt, const char *text)
{
    c->errors++;
    dc_diag_add(c->diag, c->t->path, c->row->line, 0, col, fmt, text);
}

static const char *cell(cursor *c, const char *col)
{
    int k = dc_csv_col(c->t, col);
    return k < 0 ? "" : c->row->cell[k];
}

static double number(cursor *c, const char *col, int allow_empty)
{
    const char *s = cell(c, col);
    if (!*s) {
        if (!allow_empty) bad(c, col, "missing value%s", "");
        return NAN;
    }
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || *end || errno || !isfinite(v) || v < 0) {
        bad(c, col, "'%s' is not a number >= 0", s);
        return NAN;
    }
    return v;
}

static int year_of(cursor *c)
{
    double y = number(c, "year", 0);
    if (isnan(y)) return 0;
    if (y != floor(y) || y < 1990 || y > 2100) {
        bad(c, "year", "'%s' is not a fiscal year (1990-2100)", cell(c, "year"));
        return 0; /* never cast a number out of int's range */
    }
    return (int)y;
}

static int choice(cursor *c, const char *col, const char *const *names, int n)
{
    const char *s = cell(c, col);
    for (int k = 0; k < n; k++)
        if (strcmp(s, names[k]) == 0) return k;
    bad(c, col, "'%s' is not a known name", s);
    return 0;
}

static void text(cursor *c, const char *col, char *dst, size_t len)
{
    const char *s = cell(c, col);
    if (strlen(s) >= len) bad(c, col, "'%s' is too long", s);
    snprintf(dst, len, "%s", s);
}

/* Open a table and check its columns; returns 0 or -1. */
static int open_table(const char *path, dc_csv *t, const char *const *cols, dc_diag *diag)
{
    if (dc_csv_read(path, t, diag)) return -1;
    int missing = 0;
    for (int k = 0; cols[k]; k++) missing += dc_csv_need(t, cols[k], diag) < 0;
    return missing ? -1 : 0;
}

/* What a table's rows become: the struct filled by parse from one row. */
typedef struct {
    const char *const *cols;  /* required columns, NULL-terminated */
    size_t size;              /* of one parsed row */
    void (*parse)(cursor *c, void *row, const dc_ghg_data *g);
} table_kind;

/* Read every row of a table (all their errors at once) into *rows. */
static int read_table(const char *path, const table_kind *k, const dc_ghg_data *g, void **rows, int *n,
                      dc_diag *diag)
{
    dc_csv t;
    int errors = open_table(path, &t, k->cols, diag) ? 1 : 0;
    char *out = errors ? NULL : calloc((size_t)t.nrows + 1, k->size);
    if (!errors && !out) errors = 1;
    for (int r = 0; out && r < t.nrows; r++) { /* every bad row is reported */
        cursor c = {&t, &t.rows[r], diag, 0};
        k->parse(&c, out + (size_t)r * k->size, g);
        errors += c.errors;
    }
    *rows = out;
    *n = out ? t.nrows : 0;
    dc_csv_free(&t);
    return errors;
}

static void parse_rule(cursor *c, void *row, const dc_ghg_data *g)
{
    dc_ghg_rule *x = row;
    (void)g;
    text(c, "sector", x->sector, sizeof x->sector);
    text(c, "sector_ja", x->sector_ja, sizeof x->sector_ja);
    x->method = choice(c, "method", dc_ghg_method_names, DC_GHG_N_METHODS);
    text(c, "indicator", x->indicator, sizeof x->indicator);
    x->chosen = strcmp(cell(c, "chosen"), "1") == 0;
    x->line = c->row->line;
}

static void parse_emission(cursor *c, void *row, const dc_ghg_data *g)
{
    dc_ghg_emission *x = row;
    (void)g;
    x->level = choice(c, "level", LEVEL_NAMES, 2);
    text(c, "area_code", x->area, sizeof x->area);
    x->year = year_of(c);
    text(c, "sector", x->sector, sizeof x->sector);
    text(c, "industry", x->industry, sizeof x->industry);
    x->carbon_t = number(c, "carbon_t_c", 0);
    x->elec_carbon_t = number(c, "electricity_carbon_t_c", 1);
    if (x->elec_carbon_t > x->carbon_t) bad(c, "electricity_carbon_t_c", "%sexceeds carbon_t_c", "");
    x->line = c->row->line;
}

static void parse_indicator(cursor *c, void *row, const dc_ghg_data *g)
{
    dc_ghg_indicator *x = row;
    (void)g;
    x->level = choice(c, "level", LEVEL_NAMES, 3);
    text(c, "area_code", x->area, sizeof x->area);
    x->year = year_of(c);
    text(c, "indicator", x->indicator, sizeof x->indicator);
    text(c, "industry", x->industry, sizeof x->industry);
    x->suppressed = strcmp(cell(c, "value"), "X") == 0;
    x->value = x->suppressed ? 0.0 : number(c, "value", 0);
    x->line = c->row->line;
}

static void parse_factor(cursor *c, void *row, const dc_ghg_data *g)
{
    dc_ghg_factor *x = row;
    (void)g;
    text(c, "key", x->key, sizeof x->key);
    x->value = number(c, "value", 0);
    x->heat_gj = number(c, "heat_gj_per_unit", 1);
    text(c, "unit", x->unit, sizeof x->unit);
}

static const dc_ghg_factor *find_factor(const dc_ghg_data *g, const char *key)
{
    for (int k = 0; k < g->n_factors; k++)
        if (strcmp(g->factors[k].key, key) == 0) return &g->factors[k];
    return NULL;
}

/* Reported CO2, or fuel use converted: amount x GJ/unit x t-C/GJ x 44/12. */
static double facility_co2(cursor *c, const dc_ghg_data *g)
{
    double co2 = number(c, "co2_t", 1);
    if (!isnan(co2)) return co2;
    const char *fuel = cell(c, "fuel");
    char key[80];
    snprintf(key, sizeof key, "fuel:%s", fuel);
    const dc_ghg_factor *f = find_factor(g, key);
    if (!*fuel) bad(c, "co2_t", "%sgive co2_t (reported emissions) or fuel and amount (energy use)", "");
    else if (!f || isnan(f->heat_gj)) bad(c, "fuel", "'%s' has no heat and carbon factor in the factors file", fuel);
    double amount = number(c, "amount", !*fuel);
    return f && !isnan(amount) ? amount * f->heat_gj * f->value * DC_CO2_PER_C : 0.0;
}

static void parse_facility(cursor *c, void *row, const dc_ghg_data *g)
{
    static const char *const SCOPES[] = {"facility", "sector"};
    dc_ghg_facility *x = row;
    text(c, "facility", x->name, sizeof x->name);
    x->whole_sector = choice(c, "scope", SCOPES, 2);
    text(c, "municipality", x->area, sizeof x->area);
    x->year = year_of(c);
    text(c, "sector", x->sector, sizeof x->sector);
    x->co2_t = facility_co2(c, g);
    x->indicator = number(c, "indicator_value", 1);
    x->line = c->row->line;
}

static const char *const RULE_COLS[] = {"sector", "sector_ja", "method", "indicator", "chosen", NULL};
static const char *const EMISSION_COLS[] = {"level", "area_code", "year", "sector", "industry", "carbon_t_c",
                                            "electricity_carbon_t_c", NULL};
static const char *const INDICATOR_COLS[] = {"level", "area_code", "year", "indicator", "industry", "value",
                                             "unit", NULL};
static const char *const FACTOR_COLS[] = {"key", "value", "heat_gj_per_unit", "unit", "source", NULL};
static const char *const FACILITY_COLS[] = {"facility", "scope", "municipality", "year", "sector", "co2_t",
                                            "fuel", "amount", "indicator_value", NULL};
static const table_kind RULES = {RULE_COLS, sizeof(dc_ghg_rule), parse_rule};
static const table_kind EMISSIONS = {EMISSION_COLS, sizeof(dc_ghg_emission), parse_emission};
static const table_kind INDICATORS = {INDICATOR_COLS, sizeof(dc_ghg_indicator), parse_indicator};
static const table_kind FACTORS = {FACTOR_COLS, sizeof(dc_ghg_factor), parse_factor};
static const table_kind FACILITIES = {FACILITY_COLS, sizeof(dc_ghg_facility), parse_facility};

dc_status dc_ghg_read(const dc_ghg_paths *p, dc_ghg_data *g, dc_diag *diag)
{
    memset(g, 0, sizeof *g);
    snprintf(g->methods_file, sizeof g->methods_file, "%s", p->methods);
    snprintf(g->emissions_file, sizeof g->emissions_file, "%s", p->emissions);
    snprintf(g->indicators_file, sizeof g->indicators_file, "%s", p->indicators);
    snprintf(g->facilities_file, sizeof g->facilities_file, "%s", p->facilities);
    void *rows[5];
    int errors = read_table(p->methods, &RULES, g, &rows[0], &g->n_rules, diag);
    g->rules = rows[0];
    errors += read_table(p->factors, &FACTORS, g, &rows[1], &g->n_factors, diag);
    g->factors = rows[1]; /* before facilities: fuel use converts with them */
    errors += read_table(p->emissions, &EMISSIONS, g, &rows[2], &g->n_emissions, diag);
    g->emissions = rows[2];
    errors += read_table(p->indicators, &INDICATORS, g, &rows[3], &g->n_indicators, diag);
    g->indicators = rows[3];
    if (!errors && p->facilities[0]) {
        errors += read_table(p->facilities, &FACILITIES, g, &rows[4], &g->n_facilities, diag);
        g->facilities = rows[4];
    }
    if (errors) {
        dc_ghg_data_free(g);
        return DC_ERR_STATISTICS;
    }
    return DC_OK;
}

void dc_ghg_data_free(dc_ghg_data *g)
{
    free(g->rules);
    free(g->emissions);
    free(g->indicators);
    free(g->facilities);
    free(g->factors);
    g->rules = NULL;
    g->emissions = NULL;
    g->indicators = NULL;
    g->facilities = NULL;
    g->factors = NULL;
    g->n_rules = g->n_emissions = g->n_indicators = g->n_facilities = g->n_factors = 0;
}
