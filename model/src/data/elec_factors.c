#include "elec_factors.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "table.h"

const char *const dc_ef_kind_names[2] = {"adjusted", "basic"};

/* Units as the lists print them, with their factor to kg-CO2/kWh. */
static const struct {
    const char *unit;
    double to_kg_per_kwh;
} UNITS[] = {
    {"t-CO2/kWh", 1000.0}, {"t-CO2/MWh", 1.0}, {"t-CO2/千kWh", 1.0}, {"kg-CO2/kWh", 1.0}, {"kg-CO2/MWh", 0.001},
    {"g-CO2/kWh", 0.001},
};

static double unit_factor(dc_cursor *c)
{
    const char *u = dc_cell(c, "unit");
    char list[160] = "";
    for (size_t k = 0; k < sizeof UNITS / sizeof UNITS[0]; k++) {
        if (!strcmp(u, UNITS[k].unit)) return UNITS[k].to_kg_per_kwh;
        snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", k ? ", " : "", UNITS[k].unit);
    }
    dc_cell_error(c, "unit", "'%s' is not a factor unit (%s)", u, list);
    return NAN;
}

/* A value in kg-CO2/kWh; below DC_EF_PLAUSIBLE_MIN only on a row marked
 * zero-emission (whose 基礎 may still be the supplier's whole factor). */
static double factor(dc_cursor *c, const char *col, double scale, int zero)
{
    double v = dc_cell_number(c, col, 1);
    if (isnan(v) || isnan(scale)) return NAN;
    double kg = v * scale;
    if (kg < DC_EF_PLAUSIBLE_MIN && !zero)
        dc_cell_error(c, col, "%g %s is %g kg-CO2/kWh, too low for a supplier's factor: the Ministry's list "
                      "prints t-CO2/kWh, so check the unit column (a zero-emission menu is marked zero_emission = 1)",
                      v, dc_cell(c, "unit"), kg);
    return kg;
}

static void parse(dc_cursor *c, void *row, void *ctx)
{
    static const char *const FLAGS[] = {"0", "1", ""};
    dc_elec_factor *x = row;
    (void)ctx;
    x->year = dc_cell_year(c, "fiscal_year");
    dc_cell_text(c, "supplier", x->supplier, sizeof x->supplier);
    if (!x->supplier[0]) dc_cell_error(c, "supplier", "missing supplier name");
    dc_cell_text(c, "menu", x->menu, sizeof x->menu);
    x->zero_emission = dc_cell_choice(c, "zero_emission", FLAGS, 3) == 1;
    double scale = unit_factor(c);
    x->basic = factor(c, "basic", scale, x->zero_emission);
    x->adjusted = factor(c, "adjusted", scale, x->zero_emission);
    if (isnan(x->basic) && isnan(x->adjusted) && !c->errors)
        dc_cell_error(c, "basic", "neither basic (基礎) nor adjusted (調整後) given");
    x->line = c->row->line;
}

static const char *const COLS[] = {"fiscal_year", "supplier", "menu", "basic", "adjusted", "unit", "zero_emission",
                                   "source", NULL};
static const dc_table_kind KIND = {COLS, sizeof(dc_elec_factor), parse, NULL};

static int duplicates(const dc_elec_table *t, dc_diag *diag)
{
    int errors = 0;
    for (int a = 0; a < t->n; a++)
        for (int b = 0; b < a; b++) {
            const dc_elec_factor *x = &t->rows[a], *y = &t->rows[b];
            if (x->year != y->year || strcmp(x->supplier, y->supplier) || strcmp(x->menu, y->menu)) continue;
            dc_diag_add(diag, t->file, x->line, 0, "supplier", "%s %s FY%d given twice (also line %d)", x->supplier,
                        x->menu, x->year, y->line);
            errors++;
            break;
        }
    return errors;
}

dc_status dc_elec_read(const char *path, dc_elec_table *t, dc_diag *diag)
{
    memset(t, 0, sizeof *t);
    snprintf(t->file, sizeof t->file, "%s", path);
    void *rows;
    int errors = dc_table_read(path, &KIND, NULL, &rows, &t->n, diag);
    t->rows = rows;
    if (!errors) errors = duplicates(t, diag);
    if (errors) dc_elec_free(t);
    return errors ? DC_ERR_STATISTICS : DC_OK;
}

void dc_elec_free(dc_elec_table *t)
{
    free(t->rows);
    t->rows = NULL;
    t->n = 0;
}

double dc_elec_lookup(const dc_elec_table *t, const char *supplier, const char *menu, int year, int kind,
                      int *used_year)
{
    const dc_elec_factor *best = NULL;
    for (int k = 0; k < t->n; k++) {
        const dc_elec_factor *x = &t->rows[k];
        if (strcmp(x->supplier, supplier) || strcmp(x->menu, menu ? menu : "") || x->year > year) continue;
        double v = kind == DC_EF_BASIC ? x->basic : x->adjusted;
        if (!isnan(v) && (!best || x->year > best->year)) best = x;
    }
    *used_year = best ? best->year : 0;
    if (!best) return NAN;
    return kind == DC_EF_BASIC ? best->basic : best->adjusted;
}

void dc_elec_describe(const dc_elec_table *t, const char *supplier, char *buf, size_t len)
{
    buf[0] = '\0';
    for (int k = 0; k < t->n; k++) {
        const dc_elec_factor *x = &t->rows[k];
        if (strcmp(x->supplier, supplier)) continue;
        char one[160];
        snprintf(one, sizeof one, "%sFY%d%s%s", buf[0] ? ", " : "", x->year, x->menu[0] ? " " : "", x->menu);
        if (strlen(buf) + strlen(one) + 4 < len) strcat(buf, one);
    }
    if (!buf[0]) snprintf(buf, len, "no rows for this supplier");
}
