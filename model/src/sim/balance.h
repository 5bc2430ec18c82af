/* Energy balance on the AC bus: supply = demand + charging + export +
 * curtailment - unserved, every step. */
#ifndef DC_BALANCE_H
#define DC_BALANCE_H

#include "dispatch.h"

/* Largest residual a run may have in one step [kWh]. */
#define DC_BALANCE_TOLERANCE_KWH 1e-6

/* supply - (demand + absorbed + curtailed - unserved) [kWh] */
double dc_balance_residual(const dc_flows *f);
#endif
