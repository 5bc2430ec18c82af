/* Demand: an annual energy spread over the year by a normalized shape
 * (month x day type x hour) or taken from a measured series, less an
 * efficiency saving. */
#ifndef DC_DEMAND_H
#define DC_DEMAND_H

#include "shape.h"
#include "timeaxis.h"

typedef struct {
    double annual_kwh;          /* before saving [kWh/year]; 0 with a profile = use as is */
    double saving_pct;          /* efficiency saving [%] */
} dc_demand_params;

/* Fill kwh[ta->n] from a shape; -1 when the weights sum to zero, -2 when
 * they are too large to add up. */
int dc_demand_from_shape(const dc_demand_params *p, const dc_shape *s, const dc_timeaxis *ta,
                         double *kwh);
/* Fill kwh[n] from a measured series, scaled to annual_kwh when > 0; -1
 * when it sums to zero but must be scaled, -2 when too large to add up. */
int dc_demand_from_profile(const dc_demand_params *p, const double *measured, int n, double *kwh);
#endif
