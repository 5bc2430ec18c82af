/* Kernels: the bus step compiled for given instance types (kernels.c). */
#ifndef DC_KERNELS_H
#define DC_KERNELS_H

#include "engine.h"

typedef int (*dc_kernel_fn)(dc_engine *e, dc_bus *b, int first, int last);

/* The kernel that runs bus b's steps [first, last) as the generic step
 * would, or NULL when none matches its instances. */
dc_kernel_fn dc_kernel_for(const dc_engine *e, const dc_bus *b);
#endif
