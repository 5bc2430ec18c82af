/* Demand: an annual energy spread over the year by a normalized shape
 * (month x day type x hour) or taken from a measured series, less an
 * efficiency saving. */
#ifndef DC_DEMAND_H
#define DC_DEMAND_H

#include "dayrules.h"
#include "shape.h"
#include "timeaxis.h"

typedef struct {
    double annual_kwh;          /* before saving [kWh/year]; 0 with a profile = use as is */
    double saving_pct;          /* efficiency saving [%] */
    const dc_day_rules *rules;  /* extra closed days; NULL = none */
    int closed_rule;            /* dc_closed_rule the load follows */
} dc_demand_params;

/* Temperature response on top of the base shape: kW per kelvin above the
 * cooling base and below the heating base, hour by hour. */
typedef struct {
    double cooling_base_c, cooling_kw_per_k;
    double heating_base_c, heating_kw_per_k;
} dc_temp_response;

/* Fill kwh[ta->n] from a shape, a closed day taking the off-day weights;
 * -1 when the weights sum to zero, -2 when they are too large to add up. */
int dc_demand_from_shape(const dc_demand_params *p, const dc_shape *s, const dc_timeaxis *ta,
                         double *kwh);
/* The response [kWh per step] to temperature temp_c[n], less the saving:
 * slope x degree hours. */
void dc_demand_temperature(const dc_demand_params *p, const dc_temp_response *r, const double *temp_c, int n,
                           double step_h, double *kwh);
/* Fill kwh[n] from a measured series, scaled to annual_kwh when > 0; -1
 * when it sums to zero but must be scaled, -2 when too large to add up. */
int dc_demand_from_profile(const dc_demand_params *p, const double *measured, int n, double *kwh);
#endif
