/* The files a scenario names, read into plain data (dc_inputs). */
#ifndef DC_INPUTS_H
#define DC_INPUTS_H

#include "ghgtypes.h"
#include "scenario.h"
#include "shape.h"
#include "weather.h"

typedef struct {
    dc_shape shape;     /* used when profile is NULL */
    double *profile;    /* measured kWh per step, or NULL */
    int profile_n;
} dc_load_input;

typedef struct {
    double *profile;    /* measured AC kWh per step, or NULL (model the array) */
    int profile_n;
} dc_pv_input;

struct dc_inputs {
    dc_weather_raw weather;
    int n_loads, n_pv;
    dc_load_input *loads;   /* one per load item */
    dc_pv_input *pv;        /* one per PV item */
    int has_ghg;
    dc_ghg_data ghg;
};
#endif
