/* Demand: an annual energy spread over the year by a normalized shape
 * (month x day type x hour) or taken from a measured series, less an
 * efficiency saving. */
#ifndef DC_DEMAND_H
#define DC_DEMAND_H

#include "timeaxis.h"

enum { DC_PATH_MAX = 1024 };

typedef enum {
    DC_SECTOR_HOUSEHOLD, DC_SECTOR_COMMERCIAL, DC_SECTOR_PUBLIC, DC_SECTOR_INDUSTRY,
    DC_SECTOR_EV_CHARGING, DC_SECTOR_AGRICULTURE
} dc_sector;

typedef struct {
    char name[64];
    int sector;                 /* dc_sector */
    double annual_kwh;          /* before saving [kWh/year]; 0 with a profile = use as is */
    int shape;                  /* index into the bundled shapes; 0 = by sector */
    char profile_file[DC_PATH_MAX]; /* measured kWh per step, "" = use shape */
    double saving_pct;          /* efficiency saving [%] */
} dc_load_params;

/* Relative weights [month 0-11][0 weekday, 1 off day][hour 0-23]. */
typedef struct {
    double w[12][2][24];
} dc_shape;

/* Fill kwh[ta->n] from a shape; -1 when the weights sum to zero. */
int dc_demand_from_shape(const dc_load_params *p, const dc_shape *s, const dc_timeaxis *ta,
                         double *kwh);
/* Fill kwh[n] from a measured series, scaled to annual_kwh when > 0. */
int dc_demand_from_profile(const dc_load_params *p, const double *measured, int n, double *kwh);
#endif
