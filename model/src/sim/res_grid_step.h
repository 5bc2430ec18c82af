/* The grid connection's state and step functions, inline (see
 * res_battery_step.h). */
#ifndef DC_RES_GRID_STEP_H
#define DC_RES_GRID_STEP_H

#include "restype.h"

typedef struct {
    double import_kwh, export_kwh; /* limits times the step [kWh]; INFINITY = unlimited */
} grid_state;

static inline void grid_bounds(const void *st, const dc_ctx *c, dc_bounds *b)
{
    const grid_state *s = st;
    *b = (dc_bounds){0.0, c->grid_up ? s->import_kwh : 0.0, 0.0, c->grid_up ? s->export_kwh : 0.0, 0.0};
}

static inline double grid_commit(void *st, const dc_ctx *c, double kwh)
{
    (void)st;
    (void)c;
    return kwh;
}
#endif
