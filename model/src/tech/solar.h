/* Site-level sun and horizontal irradiance per step, shared by every array. */
#ifndef DC_SOLAR_H
#define DC_SOLAR_H

#include "spa.h"
#include "timeaxis.h"
#include "weather.h"

typedef struct {
    int n;
    double *zenith, *azimuth;  /* mid-step sun position [deg] */
    double *dni_extra;         /* extraterrestrial normal irradiance [W/m2] */
    double *ghi, *dni, *dhi;   /* horizontal data; dni/dhi by Erbs when absent [W/m2] */
} dc_sun;

/* force_erbs: decompose even when the file has beam and diffuse. */
int dc_sun_build(dc_sun *s, const dc_timeaxis *ta, const dc_weather *w, const dc_site_geo *site,
                 const dc_ephem *e, int force_erbs);
void dc_sun_free(dc_sun *s);
#endif
