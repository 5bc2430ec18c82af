/* The public grid at one point of connection: it supplies up to the import
 * limit and takes up to the export limit while available, nothing during
 * an outage. The engine records its flows at the bus. */
#include "types.h"

typedef struct {
    double import_kwh, export_kwh; /* limits times the step [kWh]; INFINITY = unlimited */
} grid_state;

static void grid_bounds(const void *st, const dc_ctx *c, dc_bounds *b)
{
    const grid_state *s = st;
    *b = (dc_bounds){0.0, c->grid_up ? s->import_kwh : 0.0, 0.0, c->grid_up ? s->export_kwh : 0.0, 0.0};
}

static double grid_commit(void *st, const dc_ctx *c, double kwh)
{
    (void)st;
    (void)c;
    return kwh;
}

static void grid_reset(void *st) { (void)st; }

const dc_restype dc_grid_type = {
    .name = "grid",
    .role = DC_ROLE_GRID,
    .size = sizeof(grid_state),
    .bounds = grid_bounds,
    .commit = grid_commit,
    .reset = grid_reset,
};

void dc_grid_make(void *state, double import_kw, double export_kw, double step_h)
{
    grid_state *s = state;
    s->import_kwh = import_kw * step_h;
    s->export_kwh = export_kw * step_h;
}
