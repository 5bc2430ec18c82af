/* The public grid at one point of connection: it supplies up to the import
 * limit and takes up to the export limit while available, nothing during
 * an outage. The engine records its flows at the bus. */
#include "res_grid_step.h"
#include "types.h"

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
