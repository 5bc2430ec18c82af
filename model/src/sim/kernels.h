/* Kernels: the bus step compiled for given instance types (kernels.c). */
#ifndef DC_KERNELS_H
#define DC_KERNELS_H

#include "engine.h"

/* What a kernel does as the generic step would: run a bus's steps
 * [first, last) (the first that fails, or last), and count the steps its
 * critical demand is served with the grid down from step s, its states
 * as they stand (at most max_steps; the survival scan). */
typedef struct dc_kernel {
    int (*run)(dc_engine *e, dc_bus *b, int first, int last);
    int (*survive)(dc_engine *e, const dc_bus *b, int s, int max_steps, const double *crit);
} dc_kernel;

/* The steps of a bus of one site, its grid and one battery, written out
 * (kernel_battery.c): run's contract, without snapshots. */
int dc_kernel_battery_run(dc_engine *e, dc_bus *b, int first, int last);

/* The kernel for bus b, or NULL when none matches its instances. */
const dc_kernel *dc_kernel_for(const dc_engine *e, const dc_bus *b);
#endif
