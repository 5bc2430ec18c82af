/* Irradiance on a plane: decomposition (Erbs), transposition (Perez,
 * Hay-Davies, isotropic), ground reflection, angle-of-incidence loss.
 * Irradiances in W/m2, angles in degrees. */
#ifndef DC_IRRADIANCE_H
#define DC_IRRADIANCE_H

typedef enum { DC_TRANSPOSE_PEREZ, DC_TRANSPOSE_HAYDAVIES, DC_TRANSPOSE_ISOTROPIC } dc_transposition;

typedef struct {
    double beam, sky, ground;  /* plane-of-array components [W/m2] */
} dc_poa;

/* Extraterrestrial normal irradiance, Spencer (1971) [W/m2]; doy 1..366. */
double dc_extra_dni(int doy);
/* Relative air mass, Kasten & Young (1989); NaN above 90 deg zenith. */
double dc_airmass_kasten_young(double zenith_deg);
/* Erbs, Klein & Duffie (1982): split global into beam normal and diffuse. */
void dc_erbs(double ghi, double zenith_deg, double dni_extra, double *dni, double *dhi);

typedef struct {
    dc_transposition model;
    double tilt_deg, azimuth_deg, albedo;
} dc_plane;

/* Perez et al. (1990): the sky's circumsolar (f1) and horizon (f2)
 * coefficients and b = max(cos 85 deg, cos zenith), which every plane of
 * the site shares; f1 = f2 = 0, b = 1 without diffuse light or below the
 * horizon (the isotropic sky). */
void dc_perez_terms(double zenith_deg, double dni, double dhi, double dni_extra, double *f1, double *f2, double *b);
/* Sky diffuse on a plane from those terms: cos_aoi and the tilt's cos, sin. */
double dc_perez_plane(double dhi, double f1, double f2, double b, double cos_aoi, double cos_tilt, double sin_tilt);

/* POA components given sun zenith, incidence angle and horizontal data. */
void dc_poa_components(const dc_plane *pl, double zenith_deg, double aoi_deg, double ghi,
                       double dni, double dhi, double dni_extra, dc_poa *out);

/* Physical (Fresnel + Beer) incidence-angle modifier, De Soto et al. (2006):
 * glass index 1.526, extinction 4 /m, thickness 2 mm. 0 at >= 90 deg. */
double dc_iam_physical(double aoi_deg);
/* The same of cos(aoi); 0 at cos <= 0. */
double dc_iam_physical_cos(double cos_aoi);
/* Diffuse incidence-angle modifiers of sky and ground light for a tilt,
 * integrating iam_cos(cos aoi) over solid angle as Marion (2017), Solar Energy
 * 147:344, does (the method pvlib's iam.marion_diffuse implements). */
void dc_iam_diffuse(double (*iam_cos)(double), double tilt_deg, double *sky, double *ground);
/* Equivalent incidence angles of sky- and ground-diffuse light for a tilt,
 * Brandemuehl & Beckman (1980), in Duffie & Beckman, Solar Engineering of
 * Thermal Processes, eq. 5.4.2 (decarb 0.1's method). */
void dc_diffuse_equivalent_angles(double tilt_deg, double *sky_deg, double *ground_deg);
#endif
