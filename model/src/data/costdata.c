#include "costdata.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "table.h"

static void parse_cost(dc_cursor *c, void *row, void *ctx)
{
    static const char *const STATUS[] = {"sourced", "illustrative"};
    dc_cost_default *x = row;
    (void)ctx;
    dc_cell_text(c, "kind", x->kind, sizeof x->kind);
    x->capex_yen = dc_cell_number(c, "capex_yen", 0);
    x->opex_yen_per_year = dc_cell_number(c, "opex_yen_per_year", 0);
    x->lifetime_years = dc_cell_number(c, "lifetime_years", 0);
    if (x->lifetime_years < 1) dc_cell_error(c, "lifetime_years", "a life of at least one year");
    if (x->capex_yen < 0) dc_cell_error(c, "capex_yen", "a cost is not negative");
    if (x->opex_yen_per_year < 0) dc_cell_error(c, "opex_yen_per_year", "a cost is not negative");
    x->illustrative = dc_cell_choice(c, "status", STATUS, 2);
    if (!*dc_cell(c, "source")) dc_cell_error(c, "source", "every default names its source");
    x->line = c->row->line;
}

static const char *const COLS[] = {"kind", "capex_yen", "opex_yen_per_year", "lifetime_years", "status", "source", NULL};
static const dc_table_kind COSTS = {COLS, sizeof(dc_cost_default), parse_cost, NULL};

dc_status dc_cost_data_read(const char *path, dc_cost_data *d, dc_diag *diag)
{
    memset(d, 0, sizeof *d);
    snprintf(d->file, sizeof d->file, "%s", path);
    void *rows;
    if (dc_table_read(path, &COSTS, NULL, &rows, &d->n, diag)) return DC_ERR_LOAD;
    d->rows = rows;
    return DC_OK;
}

const dc_cost_default *dc_cost_data_find(const dc_cost_data *d, const char *kind)
{
    for (int i = 0; i < d->n; i++)
        if (!strcmp(d->rows[i].kind, kind)) return &d->rows[i];
    return NULL;
}

void dc_cost_data_free(dc_cost_data *d)
{
    free(d->rows);
    memset(d, 0, sizeof *d);
}
