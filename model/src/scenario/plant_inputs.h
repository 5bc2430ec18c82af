/* Plant inputs from files into dc_inputs (plant_inputs.c). */
#ifndef DC_PLANT_INPUTS_H
#define DC_PLANT_INPUTS_H

#include "inputs.h"

dc_status dc_plant_inputs_load(const dc_scenario *s, const char *data_dir, dc_inputs *in, dc_diag *diag);
#endif
