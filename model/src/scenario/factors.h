/* Electricity factors of a scenario, resolved from the factors table into
 * dc_inputs (see factors.c). */
#ifndef DC_FACTORS_H
#define DC_FACTORS_H

#include "elec_factors.h"
#include "inputs.h"

/* Fills in->grid_ef, in->site_ef, facilities' electricity CO2 and the
 * statistics years' factors; returns the number of errors. */
int dc_factors_resolve(const dc_scenario *s, dc_inputs *in, dc_diag *diag);
#endif
