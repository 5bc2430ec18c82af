/* Site-level sun and horizontal irradiance per step, shared by every array. */
#ifndef DC_SOLAR_H
#define DC_SOLAR_H

#include "spa.h"
#include "timeaxis.h"
#include "weather.h"

/* Per step, what every array of the site shares: worked out once, so an
 * array costs a dot product and its own losses. Steps without light (GHI
 * <= 0) are not computed: position NaN, vector and Perez terms 0. */
typedef struct {
    int n;
    double *zenith, *azimuth;  /* mid-step sun position [deg] */
    double *dni_extra;         /* extraterrestrial normal irradiance [W/m2] */
    double *ghi, *dni, *dhi;   /* horizontal data; dni/dhi by Erbs when absent [W/m2] */
    double *sx, *sy, *sz;      /* unit vector to the sun: east, north, up (sz = cos zenith) */
    double *f1, *f2, *b;       /* Perez: circumsolar and horizon coefficients, max(cos 85, cos zenith) */
} dc_sun;
enum { DC_SUN_COLS = 12 };     /* the arrays above, one block in this order */
/* Points s's arrays into block (DC_SUN_COLS x n values), which s then owns. */
void dc_sun_attach(dc_sun *s, double *block, int n);

/* dc_sun_build in parts: the arrays of n steps (zero), then steps
 * [first, last) filled; each step depends on its own inputs alone, so
 * parts may be filled side by side. -1 without memory. */
int dc_sun_alloc(dc_sun *s, int n);
void dc_sun_fill(dc_sun *s, const dc_timeaxis *ta, const dc_weather *w, const dc_site_geo *site,
                 const dc_ephem *e, int force_erbs, int first, int last);
/* force_erbs: decompose even when the file has beam and diffuse. */
int dc_sun_build(dc_sun *s, const dc_timeaxis *ta, const dc_weather *w, const dc_site_geo *site,
                 const dc_ephem *e, int force_erbs);
void dc_sun_free(dc_sun *s);
#endif
