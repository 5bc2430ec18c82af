/* Each PV array's and battery's costs: given in the scenario, or the
 * defaults of inputs/economics/costs.csv (warned about when illustrative). */
#ifndef DC_COST_INPUTS_H
#define DC_COST_INPUTS_H

#include "decarb.h"
#include "inputs.h"

/* Fills in->pv_cost and in->bat_cost when the scenario has a leading_area. */
dc_status dc_cost_inputs_load(const dc_scenario *s, const char *data_dir, dc_inputs *in, dc_diag *diag);
#endif
