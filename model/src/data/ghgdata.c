#include "ghgdata.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "table.h"
#include "units.h"

static const char *const LEVEL_NAMES[] = {"nation", "prefecture", "municipality"};
const char *const dc_ghg_method_names[DC_GHG_N_METHODS] = {"national", "prefectural", "national_by_industry",
                                                           "incineration", "karte"};

static void parse_rule(dc_cursor *c, void *row, void *ctx)
{
    dc_ghg_rule *x = row;
    (void)ctx;
    dc_cell_text(c, "sector", x->sector, sizeof x->sector);
    dc_cell_text(c, "sector_ja", x->sector_ja, sizeof x->sector_ja);
    x->method = dc_cell_choice(c, "method", dc_ghg_method_names, DC_GHG_N_METHODS);
    dc_cell_text(c, "indicator", x->indicator, sizeof x->indicator);
    x->chosen = strcmp(dc_cell(c, "chosen"), "1") == 0;
    x->line = c->row->line;
}

/* Carbon columns name their unit: *_t_c (carbon) or *_t_co2 (CO2). */
static const char *const CARBON_COLS[2][2] = {{"carbon_t_c", "carbon_t_co2"},
                                              {"electricity_carbon_t_c", "electricity_carbon_t_co2"}};

static int carbon_header(const dc_csv *t, dc_diag *diag)
{
    int errors = 0;
    for (int k = 0; k < 2; k++) {
        int c = dc_csv_col(t, CARBON_COLS[k][0]) >= 0, co2 = dc_csv_col(t, CARBON_COLS[k][1]) >= 0;
        if (c == co2) {
            errors++;
            dc_diag_add(diag, t->path, t->header_line, 0, CARBON_COLS[k][0], c ? "given twice, also as %s: keep one"
                        : "missing column (or %s, the same in t-CO2)", CARBON_COLS[k][1]);
        }
    }
    return errors;
}

/* A carbon cell in t-C, whichever unit its column names. */
static double carbon(dc_cursor *c, int k, int allow_empty)
{
    if (dc_csv_col(c->t, CARBON_COLS[k][0]) >= 0) return dc_cell_number(c, CARBON_COLS[k][0], allow_empty);
    return dc_cell_number(c, CARBON_COLS[k][1], allow_empty) / DC_CO2_PER_C;
}

static void parse_emission(dc_cursor *c, void *row, void *ctx)
{
    dc_ghg_emission *x = row;
    (void)ctx;
    x->level = dc_cell_choice(c, "level", LEVEL_NAMES, 2);
    dc_cell_text(c, "area_code", x->area, sizeof x->area);
    x->year = dc_cell_year(c, "year");
    dc_cell_text(c, "sector", x->sector, sizeof x->sector);
    dc_cell_text(c, "industry", x->industry, sizeof x->industry);
    x->carbon_t = carbon(c, 0, 0);
    x->elec_carbon_t = carbon(c, 1, 1);
    if (x->elec_carbon_t > x->carbon_t * (1 + 1e-12))
        dc_cell_error(c, dc_csv_col(c->t, CARBON_COLS[1][0]) >= 0 ? CARBON_COLS[1][0] : CARBON_COLS[1][1],
                      "the electricity part exceeds the sector's carbon");
    x->line = c->row->line;
}

static void parse_indicator(dc_cursor *c, void *row, void *ctx)
{
    dc_ghg_indicator *x = row;
    ((dc_ghg_data *)ctx)->indicator_value_col = dc_cell_col(c, "value");
    x->level = dc_cell_choice(c, "level", LEVEL_NAMES, 3);
    dc_cell_text(c, "area_code", x->area, sizeof x->area);
    x->year = dc_cell_year(c, "year");
    dc_cell_text(c, "indicator", x->indicator, sizeof x->indicator);
    dc_cell_text(c, "industry", x->industry, sizeof x->industry);
    x->suppressed = strcmp(dc_cell(c, "value"), "X") == 0;
    x->value = x->suppressed ? 0.0 : dc_cell_number(c, "value", 0);
    x->line = c->row->line;
}

static void parse_factor(dc_cursor *c, void *row, void *ctx)
{
    dc_ghg_factor *x = row;
    (void)ctx;
    dc_cell_text(c, "key", x->key, sizeof x->key);
    x->value = dc_cell_number(c, "value", 0);
    x->heat_gj = dc_cell_number(c, "heat_gj_per_unit", 1); /* fuels only */
    dc_cell_text(c, "unit", x->unit, sizeof x->unit);
}

static const char *const RULE_COLS[] = {"sector", "sector_ja", "method", "indicator", "chosen", NULL};
static const char *const EMISSION_COLS[] = {"level", "area_code", "year", "sector", "industry", NULL};
static const char *const INDICATOR_COLS[] = {"level", "area_code", "year", "indicator", "industry", "value",
                                             "unit", NULL};
static const char *const FACTOR_COLS[] = {"key", "value", "heat_gj_per_unit", "unit", "source", NULL};
static const dc_table_kind RULES = {RULE_COLS, sizeof(dc_ghg_rule), parse_rule, NULL};
static const dc_table_kind EMISSIONS = {EMISSION_COLS, sizeof(dc_ghg_emission), parse_emission, carbon_header};
static const dc_table_kind INDICATORS = {INDICATOR_COLS, sizeof(dc_ghg_indicator), parse_indicator, NULL};
static const dc_table_kind FACTORS = {FACTOR_COLS, sizeof(dc_ghg_factor), parse_factor, NULL};

/* National targets, as data. */
static void parse_target(dc_cursor *c, void *row, void *ctx)
{
    static const char *const SCOPES[] = {"national"};
    dc_ghg_target *x = row;
    (void)ctx;
    x->national = dc_cell_choice(c, "scope", SCOPES, 1) == 0;
    x->year = dc_cell_year(c, "fiscal_year");
    x->base_year = dc_cell_year(c, "base_year");
    x->reduction_pct = dc_cell_number(c, "reduction_pct", 0);
    if (x->reduction_pct > 100) dc_cell_error(c, "reduction_pct", "more than 100 %% below the base year");
    if (x->year && x->base_year >= x->year) dc_cell_error(c, "base_year", "not before the target year");
    dc_cell_text(c, "source", x->source, sizeof x->source);
    x->line = c->row->line;
}

static const char *const TARGET_COLS[] = {"scope", "fiscal_year", "base_year", "reduction_pct", "source", NULL};
static const dc_table_kind TARGETS = {TARGET_COLS, sizeof(dc_ghg_target), parse_target, NULL};

int dc_ghg_read_targets(const char *path, dc_ghg_data *g, dc_diag *diag)
{
    void *rows;
    int errors = dc_table_read(path, &TARGETS, g, &rows, &g->n_targets, diag);
    g->targets = rows;
    return errors;
}

/* ---- a part is never larger than its whole ------------------------------ */

static int by_key(const void *a, const void *b)
{
    const dc_ghg_indicator *x = *(dc_ghg_indicator *const *)a, *y = *(dc_ghg_indicator *const *)b;
    int c = strcmp(x->indicator, y->indicator);
    if (!c) c = strcmp(x->industry, y->industry);
    if (!c) c = x->year - y->year;
    if (!c) c = x->level - y->level;
    if (!c) c = strcmp(x->area, y->area);
    return c;
}

static int above(const dc_ghg_data *g, const dc_ghg_indicator *part, const dc_ghg_indicator *whole,
                 const char *whole_name, dc_diag *diag)
{
    if (!whole || part->value <= whole->value) return 0;
    dc_diag_add(diag, g->indicators_file, part->line, g->indicator_value_col, "value",
                "%s%s%s of area %s in FY%d is %.6g, above its %s's %.6g (line %d)", part->indicator,
                part->industry[0] ? ", industry " : "", part->industry, part->area, part->year, part->value,
                whole_name, whole->value, whole->line);
    return 1;
}

/* A municipality's indicator above its prefecture's (or the nation's), or
 * a prefecture's above the nation's, is an error: some value is wrong. */
static int check_parts(const dc_ghg_data *g, dc_diag *diag)
{
    int n = g->n_indicators, errors = 0;
    const dc_ghg_indicator **ix = malloc((size_t)(n + 1) * sizeof *ix);
    if (!ix) return 1;
    for (int k = 0; k < n; k++) ix[k] = &g->indicators[k];
    qsort(ix, (size_t)n, sizeof *ix, by_key);
    for (int a = 0, b; a < n; a = b) {
        const dc_ghg_indicator *nation = NULL;
        for (b = a; b < n && !strcmp(ix[b]->indicator, ix[a]->indicator) && !strcmp(ix[b]->industry, ix[a]->industry) &&
                    ix[b]->year == ix[a]->year; b++)
            if (ix[b]->level == DC_LEVEL_NATION) nation = ix[b];
        for (int k = a; k < b; k++) {
            const dc_ghg_indicator *x = ix[k], *pref = NULL;
            if (x->level == DC_LEVEL_NATION) continue;
            errors += above(g, x, nation, "nation", diag);
            if (x->level != DC_LEVEL_MUNICIPALITY) continue;
            for (int j = a; j < b; j++)
                if (ix[j]->level == DC_LEVEL_PREFECTURE && !strncmp(ix[j]->area, x->area, 2)) pref = ix[j];
            errors += above(g, x, pref, "prefecture", diag);
        }
    }
    free(ix);
    return errors;
}

static void copy_paths(const dc_ghg_paths *p, dc_ghg_data *g)
{
    snprintf(g->methods_file, sizeof g->methods_file, "%s", p->methods);
    snprintf(g->emissions_file, sizeof g->emissions_file, "%s", p->emissions);
    snprintf(g->indicators_file, sizeof g->indicators_file, "%s", p->indicators);
    snprintf(g->facilities_file, sizeof g->facilities_file, "%s", p->facilities);
    snprintf(g->waste_file, sizeof g->waste_file, "%s", p->waste);
    snprintf(g->targets_file, sizeof g->targets_file, "%s", p->targets);
    snprintf(g->karte_file, sizeof g->karte_file, "%s", p->karte);
}

static int read_allocation(const dc_ghg_paths *p, dc_ghg_data *g, dc_diag *diag)
{
    void *rows;
    int errors = dc_table_read(p->emissions, &EMISSIONS, g, &rows, &g->n_emissions, diag);
    g->emissions = rows;
    errors += dc_table_read(p->indicators, &INDICATORS, g, &rows, &g->n_indicators, diag);
    g->indicators = rows;
    if (!errors) errors += check_parts(g, diag);
    g->has_allocation = 1;
    return errors;
}

dc_status dc_ghg_read(const dc_ghg_paths *p, dc_ghg_data *g, dc_diag *diag)
{
    memset(g, 0, sizeof *g);
    copy_paths(p, g);
    void *rows;
    int errors = dc_table_read(p->methods, &RULES, g, &rows, &g->n_rules, diag);
    g->rules = rows;
    errors += dc_table_read(p->factors, &FACTORS, g, &rows, &g->n_factors, diag);
    g->factors = rows; /* before facilities: fuel use converts with them */
    if (p->emissions[0]) errors += read_allocation(p, g, diag);
    errors += dc_ghg_read_targets(p->targets, g, diag);
    if (p->karte[0]) errors += dc_ghg_read_karte(p->karte, g, diag);
    if (!errors && p->facilities[0]) errors += dc_ghg_read_facilities(p->facilities, g, diag);
    if (!errors && p->waste[0]) errors += dc_ghg_read_waste(p->waste, g, diag);
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
    free(g->waste);
    free(g->targets);
    free(g->karte);
    g->rules = NULL;
    g->emissions = NULL;
    g->indicators = NULL;
    g->facilities = NULL;
    g->factors = NULL;
    g->waste = NULL;
    g->targets = NULL;
    g->karte = NULL;
    g->n_rules = g->n_emissions = g->n_indicators = g->n_facilities = g->n_factors = 0;
    g->n_waste = g->n_targets = g->n_karte = 0;
}
