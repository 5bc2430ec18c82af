/* Bottom-up data: facilities (温対法 reports, 省エネ法 fuel and electricity
 * use) and the 一般廃棄物処理実態調査 fields of incineration plants. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ghgdata.h"
#include "table.h"
#include "units.h"

static const dc_ghg_factor *find_factor(const dc_ghg_data *g, const char *key)
{
    for (int k = 0; k < g->n_factors; k++)
        if (strcmp(g->factors[k].key, key) == 0) return &g->factors[k];
    return NULL;
}

/* Fuel use converted: amount x GJ/unit x t-C/GJ x 44/12. */
static double fuel_co2(dc_cursor *c, const dc_ghg_data *g)
{
    const char *fuel = dc_cell(c, "fuel");
    char key[80];
    snprintf(key, sizeof key, "fuel:%s", fuel);
    const dc_ghg_factor *f = find_factor(g, key);
    double amount = dc_cell_number(c, "amount", 0);
    if (!f || isnan(f->heat_gj)) {
        dc_cell_error(c, "fuel", "'%s' has no heat and carbon factor in the factors file", fuel);
        return NAN;
    }
    return amount * f->heat_gj * f->value * DC_CO2_PER_C;
}

/* Exactly one of: reported co2_t, fuel and amount, electricity_kwh. */
static int kind_of(dc_cursor *c, int whole_sector)
{
    int co2 = *dc_cell(c, "co2_t") != 0, fuel = *dc_cell(c, "fuel") || *dc_cell(c, "amount");
    int kwh = *dc_cell(c, "electricity_kwh") != 0;
    if (co2 + fuel + kwh != 1 || (whole_sector && !co2)) {
        dc_cell_error(c, "co2_t", whole_sector ? "a measured sector total gives co2_t only"
                                               : "give one of: co2_t (reported emissions), fuel and amount "
                                                 "(energy use), electricity_kwh (purchased electricity)");
        return -1;
    }
    return co2 ? DC_FAC_REPORTED : fuel ? DC_FAC_FUEL : DC_FAC_ELECTRICITY;
}

static void parse_facility(dc_cursor *c, void *row, void *ctx)
{
    static const char *const SCOPES[] = {"facility", "sector"};
    dc_ghg_data *g = ctx;
    dc_ghg_facility *x = row;
    g->facility_indicator_col = dc_cell_col(c, "indicator_value");
    g->facility_industry_col = dc_cell_col(c, "industry");
    dc_cell_text(c, "facility", x->name, sizeof x->name);
    if (!x->name[0]) dc_cell_error(c, "facility", "missing name");
    x->whole_sector = dc_cell_choice(c, "scope", SCOPES, 2);
    dc_cell_text(c, "municipality", x->area, sizeof x->area);
    x->year = dc_cell_year(c, "year");
    dc_cell_text(c, "sector", x->sector, sizeof x->sector);
    dc_cell_text(c, "industry", x->industry, sizeof x->industry);
    dc_cell_text(c, "supplier", x->supplier, sizeof x->supplier);
    dc_cell_text(c, "menu", x->menu, sizeof x->menu);
    x->kind = kind_of(c, x->whole_sector);
    x->co2_t = x->kwh = NAN;
    if (x->kind == DC_FAC_REPORTED) x->co2_t = dc_cell_number(c, "co2_t", 0);
    if (x->kind == DC_FAC_FUEL) x->co2_t = fuel_co2(c, g);
    if (x->kind == DC_FAC_ELECTRICITY) {
        x->kwh = dc_cell_number(c, "electricity_kwh", 0);
        if (!x->supplier[0])
            dc_cell_error(c, "supplier", "purchased electricity needs its supplier (as in the factors table)");
    }
    x->indicator = dc_cell_number(c, "indicator_value", 1);
    x->line = c->row->line;
}

static const char *const FACILITY_COLS[] = {"facility", "scope", "municipality", "year", "sector", "co2_t",
                                            "fuel", "amount", "indicator_value", NULL};
static const dc_table_kind FACILITIES = {FACILITY_COLS, sizeof(dc_ghg_facility), parse_facility, NULL};

int dc_ghg_read_facilities(const char *path, dc_ghg_data *g, dc_diag *diag)
{
    void *rows;
    int errors = dc_table_read(path, &FACILITIES, g, &rows, &g->n_facilities, diag);
    g->facilities = rows;
    return errors;
}

static void parse_waste(dc_cursor *c, void *row, void *ctx)
{
    dc_ghg_waste *x = row;
    (void)ctx;
    dc_cell_text(c, "municipality", x->area, sizeof x->area);
    x->year = dc_cell_year(c, "year");
    dc_cell_text(c, "plant", x->plant, sizeof x->plant);
    x->incinerated_t = dc_cell_number(c, "incinerated_t", 0);
    x->moisture = dc_cell_share(c, "moisture", 0);
    x->plastic_dry = dc_cell_share(c, "plastic_share_dry", 0);
    x->textile_dry = dc_cell_share(c, "textile_share_dry", 0);
    x->town_share = dc_cell_share(c, "town_share", 0);
    if (x->plastic_dry + x->textile_dry > 1)
        dc_cell_error(c, "textile_share_dry", "plastics and textiles together are more than the whole dry waste");
    x->line = c->row->line;
}

static const char *const WASTE_COLS[] = {"municipality", "year", "plant", "incinerated_t", "moisture",
                                         "plastic_share_dry", "textile_share_dry", "town_share", NULL};
static const dc_table_kind WASTE = {WASTE_COLS, sizeof(dc_ghg_waste), parse_waste, NULL};

int dc_ghg_read_waste(const char *path, dc_ghg_data *g, dc_diag *diag)
{
    void *rows;
    int errors = dc_table_read(path, &WASTE, g, &rows, &g->n_waste, diag);
    g->waste = rows;
    return errors;
}
