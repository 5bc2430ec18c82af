#include "irradiance.h"

#include <math.h>

#include "units.h"

double dc_extra_dni(int doy)
{
    double b = 2.0 * DC_PI * doy / 365.0;
    return DC_SOLAR_CONSTANT * (1.00011 + 0.034221 * cos(b) + 0.00128 * sin(b) +
                                0.000719 * cos(2 * b) + 0.000077 * sin(2 * b));
}

double dc_airmass_kasten_young(double z)
{
    if (z >= 90.0) return NAN;
    return 1.0 / (cos(z * DC_DEG) + 0.50572 * pow(96.07995 - z, -1.6364));
}

void dc_erbs(double ghi, double zenith_deg, double dni_extra, double *dni, double *dhi)
{
    /* Guards as in common practice: cos(zenith) floored at 0.065, no beam
     * above 87 deg, clearness index capped at 1. */
    double cz = cos(zenith_deg * DC_DEG);
    if (ghi <= 0 || zenith_deg >= 87.0) {
        *dhi = ghi > 0 ? ghi : 0;
        *dni = 0;
        return;
    }
    double kt = ghi / (dni_extra * fmax(cz, 0.065));
    if (kt > 1) kt = 1;
    double df;
    if (kt <= 0.22) df = 1.0 - 0.09 * kt;
    else if (kt <= 0.8) df = 0.9511 + kt * (-0.1604 + kt * (4.388 + kt * (-16.638 + kt * 12.336)));
    else df = 0.165;
    *dhi = df * ghi;
    *dni = (ghi - *dhi) / cz;
}

/* Perez et al. (1990), Solar Energy 44(5) 271-289, Table 6 all-sites composite. */
static const double PEREZ_EPS_EDGES[7] = {1.065, 1.23, 1.5, 1.95, 2.8, 4.5, 6.2};
static const double PEREZ_F[8][6] = {
    {-0.0080, 0.5880, -0.0620, -0.0600, 0.0720, -0.0220},
    {0.1300, 0.6830, -0.1510, -0.0190, 0.0660, -0.0290},
    {0.3300, 0.4870, -0.2210, 0.0550, -0.0640, -0.0260},
    {0.5680, 0.1870, -0.2950, 0.1090, -0.1520, -0.0140},
    {0.8730, -0.3920, -0.3620, 0.2260, -0.4620, 0.0010},
    {1.1320, -1.2370, -0.4120, 0.2880, -0.8230, 0.0560},
    {1.0600, -1.6000, -0.3590, 0.2640, -1.1270, 0.1310},
    {0.6780, -0.3270, -0.2500, 0.1560, -1.3770, 0.2510},
};

static double perez_sky(const dc_plane *pl, double z_deg, double aoi_deg, double dni, double dhi,
                        double dni_extra)
{
    if (dhi <= 0 || z_deg >= 90.0) return fmax(dhi, 0) * (1 + cos(pl->tilt_deg * DC_DEG)) / 2;
    const double kappa = 1.041; /* for zenith in radians */
    double z = z_deg * DC_DEG, z3 = kappa * z * z * z;
    double eps = ((dhi + dni) / dhi + z3) / (1.0 + z3);
    int bin = 0;
    while (bin < 7 && eps >= PEREZ_EPS_EDGES[bin]) bin++;
    const double *f = PEREZ_F[bin];
    double delta = dhi * dc_airmass_kasten_young(z_deg) / dni_extra;
    double f1 = fmax(0.0, f[0] + f[1] * delta + z * f[2]);
    double f2 = f[3] + f[4] * delta + z * f[5];
    double a = fmax(0.0, cos(aoi_deg * DC_DEG));
    double b = fmax(cos(85.0 * DC_DEG), cos(z));
    double t = pl->tilt_deg * DC_DEG;
    double sky = dhi * ((1 - f1) * (1 + cos(t)) / 2 + f1 * a / b + f2 * sin(t));
    return fmax(sky, 0.0);
}

static double haydavies_sky(const dc_plane *pl, double z_deg, double aoi_deg, double dni,
                            double dhi, double dni_extra)
{
    double ai = dni / dni_extra;
    double rb = fmax(cos(aoi_deg * DC_DEG), 0) / fmax(cos(z_deg * DC_DEG), 0.01745);
    double t = pl->tilt_deg * DC_DEG;
    return fmax(dhi * ((1 - ai) * (1 + cos(t)) / 2 + ai * rb), 0.0);
}

void dc_poa_components(const dc_plane *pl, double zenith_deg, double aoi_deg, double ghi,
                       double dni, double dhi, double dni_extra, dc_poa *out)
{
    double t = pl->tilt_deg * DC_DEG;
    out->beam = zenith_deg < 90.0 ? fmax(dni * cos(aoi_deg * DC_DEG), 0.0) : 0.0;
    out->ground = fmax(ghi, 0) * pl->albedo * (1 - cos(t)) / 2;
    switch (pl->model) {
    case DC_TRANSPOSE_PEREZ: out->sky = perez_sky(pl, zenith_deg, aoi_deg, dni, dhi, dni_extra); break;
    case DC_TRANSPOSE_HAYDAVIES:
        out->sky = haydavies_sky(pl, zenith_deg, aoi_deg, dni, dhi, dni_extra);
        break;
    default: out->sky = fmax(dhi, 0) * (1 + cos(t)) / 2; break;
    }
}

static double fresnel_beer(double theta, double n, double kl)
{
    double tr = asin(sin(theta) / n);
    if (theta < 1e-9) {
        double r0 = (n - 1) / (n + 1);
        return exp(-kl) * (1 - r0 * r0);
    }
    double rs = sin(tr - theta) / sin(tr + theta), rp = tan(tr - theta) / tan(tr + theta);
    return exp(-kl / cos(tr)) * (1 - 0.5 * (rs * rs + rp * rp));
}

double dc_iam_physical(double aoi_deg)
{
    const double n = 1.526, kl = 4.0 * 0.002;
    if (aoi_deg >= 90.0 || aoi_deg < 0) return 0.0;
    return fresnel_beer(aoi_deg * DC_DEG, n, kl) / fresnel_beer(0.0, n, kl);
}

void dc_diffuse_equivalent_angles(double b, double *sky_deg, double *ground_deg)
{
    *sky_deg = 59.7 - 0.1388 * b + 0.001497 * b * b;
    *ground_deg = 90.0 - 0.5788 * b + 0.002693 * b * b;
}
