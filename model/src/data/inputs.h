/* The files a scenario names, read into plain data (dc_inputs). */
#ifndef DC_INPUTS_H
#define DC_INPUTS_H

#include "demand.h"
#include "ghgtypes.h"
#include "scenario.h"
#include "weather.h"

typedef struct {
    dc_shape shape;     /* used when profile is NULL */
    double *profile;    /* measured kWh per step, or NULL */
    int profile_n;
} dc_load_input;

struct dc_inputs {
    dc_weather_raw weather;
    int n_loads;
    dc_load_input *loads;
    int has_ghg;
    dc_ghg_data ghg;
};

/* Shape CSV: rows "month,daytype,h00..h23" for months 1-12 and daytypes
 * weekday/offday; '#' lines are comments (sources). */
dc_status dc_shape_read(const char *path, dc_shape *out, dc_diag *diag);
/* Measured profile: one value per line in the last column; '#' comments
 * and a header line are skipped. */
dc_status dc_profile_read(const char *path, const char *field, double **out, int *n, dc_diag *diag);
#endif
