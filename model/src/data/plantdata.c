#include "plantdata.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "table.h"

static void parse_wood(dc_cursor *c, void *row, void *ctx)
{
    dc_wood_row *x = row;
    (void)ctx;
    dc_cell_text(c, "wood", x->wood, sizeof x->wood);
    x->lhv_dry_mj_per_kg = dc_cell_number(c, "lhv_dry_mj_per_kg", 0);
    x->line = c->row->line;
}

static void parse_feed(dc_cursor *c, void *row, void *ctx)
{
    static const char *const STATUS[] = {"sourced", "illustrative"};
    dc_feed_default *x = row;
    (void)ctx;
    dc_cell_text(c, "kind", x->kind, sizeof x->kind);
    dc_cell_text(c, "property", x->property, sizeof x->property);
    x->value = dc_cell_number(c, "value", 0);
    x->illustrative = dc_cell_choice(c, "status", STATUS, 2);
    if (!*dc_cell(c, "source")) dc_cell_error(c, "source", "every default names its source");
    x->line = c->row->line;
}

static const char *const WOOD_COLS[] = {"wood", "lhv_dry_mj_per_kg", "source", NULL};
static const char *const FEED_COLS[] = {"kind", "property", "value", "unit", "status", "source", NULL};
static const dc_table_kind WOOD = {WOOD_COLS, sizeof(dc_wood_row), parse_wood, NULL};
static const dc_table_kind FEED = {FEED_COLS, sizeof(dc_feed_default), parse_feed, NULL};

dc_status dc_plant_data_read(const char *wood, const char *feed, dc_plant_data *d, dc_diag *diag)
{
    memset(d, 0, sizeof *d);
    snprintf(d->wood_file, sizeof d->wood_file, "%s", wood);
    snprintf(d->feed_file, sizeof d->feed_file, "%s", feed);
    int errors = 0;
    void *rows;
    if (wood[0]) {
        errors += dc_table_read(wood, &WOOD, NULL, &rows, &d->n_wood, diag);
        d->wood = rows;
    }
    if (feed[0]) {
        errors += dc_table_read(feed, &FEED, NULL, &rows, &d->n_feed, diag);
        d->feed = rows;
    }
    if (errors) dc_plant_data_free(d);
    return errors ? DC_ERR_LOAD : DC_OK;
}

void dc_plant_data_free(dc_plant_data *d)
{
    free(d->wood);
    free(d->feed);
    d->wood = NULL;
    d->feed = NULL;
    d->n_wood = d->n_feed = 0;
}
