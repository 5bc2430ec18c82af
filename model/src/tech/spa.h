/* Solar position after Reda & Andreas, "Solar Position Algorithm for Solar
 * Radiation Applications", NREL/TP-560-34302 (2003, rev. 2008). Uncertainty
 * +/-0.0003 deg for -2000..6000. The time-only (site-free) part is costly;
 * dc_ephem evaluates it at daily nodes and interpolates (cubic Lagrange),
 * like the paper's own interpolation for sunrise and transit (A.2). */
#ifndef DC_SPA_H
#define DC_SPA_H

typedef struct {
    double alpha;  /* geocentric sun right ascension [deg] */
    double delta;  /* geocentric sun declination [deg] */
    double nu;     /* apparent sidereal time at Greenwich [deg] */
    double xi;     /* equatorial horizontal parallax of the sun [deg] */
} dc_geocentric;

typedef struct {
    double latitude_deg, longitude_deg;  /* east positive */
    double elevation_m;
} dc_site_geo;

typedef struct {
    double zenith_deg;     /* topocentric zenith, refraction corrected */
    double azimuth_deg;    /* eastward from north */
    double elevation_deg;  /* 90 - zenith */
    double east, north, up; /* unit vector to the sun */
} dc_sunpos;

/* Exact geocentric values at Julian day jd (UT) with delta_t [s]. */
void dc_spa_geocentric(double jd, double delta_t_s, dc_geocentric *g);

/* Topocentric position; pressure [mbar], temperature [degC], refraction
 * [deg] at sunrise (0.5667 standard). */
void dc_spa_topocentric(const dc_geocentric *g, const dc_site_geo *site,
                        double pressure_mbar, double temp_c,
                        double refraction_deg, dc_sunpos *out);

/* The site's own terms of that calculation (latitude's sine and cosine,
 * the parallax factors x, y): once per site, not once per step. */
typedef struct {
    double longitude_deg, sin_phi, cos_phi, x, y;
} dc_site_terms;
void dc_spa_site_terms(const dc_site_geo *site, dc_site_terms *out);
void dc_spa_topocentric_at(const dc_geocentric *g, const dc_site_terms *site, double pressure_mbar, double temp_c,
                           double refraction_deg, dc_sunpos *out);

/* Angle of incidence on a plane [deg]; tilt [deg], azimuth [deg east of north]. */
double dc_incidence_deg(const dc_sunpos *p, double tilt_deg, double azimuth_deg);

/* Daily nodes of the time-only terms. */
typedef struct {
    double jd0;  /* Julian day (UT) of node 0 */
    int n;       /* number of nodes, one per day */
    double delta_t_s;
    double *alpha, *delta, *nut_ra, *xi;  /* alpha unwrapped; nut_ra = dpsi cos(eps) */
} dc_ephem;

/* Nodes covering [jd_start, jd_start + days]; 0 ok, -1 no memory. */
int dc_ephem_build(dc_ephem *e, double jd_start, double days, double delta_t_s);
void dc_ephem_free(dc_ephem *e);
/* Interpolated geocentric values; jd must lie inside the covered span. */
void dc_ephem_at(const dc_ephem *e, double jd, dc_geocentric *g);

/* Delta T = TT - UT [s] for a year, Espenak & Meeus (NASA, 2006) polynomials. */
double dc_delta_t_estimate(double year);
#endif
