#include "irradiance.h"

#include <math.h>

#include "minmax.h"
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
    double kt = ghi / (dni_extra * dc_max(cz, 0.065));
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

void dc_perez_terms(double z_deg, double dni, double dhi, double dni_extra, double *f1, double *f2, double *b)
{
    *f1 = *f2 = 0.0, *b = 1.0;
    if (dhi <= 0 || z_deg >= 90.0) return;
    const double kappa = 1.041; /* for zenith in radians */
    double z = z_deg * DC_DEG, z3 = kappa * z * z * z;
    double eps = ((dhi + dni) / dhi + z3) / (1.0 + z3);
    int bin = 0;
    while (bin < 7 && eps >= PEREZ_EPS_EDGES[bin]) bin++;
    const double *f = PEREZ_F[bin];
    double delta = dhi * dc_airmass_kasten_young(z_deg) / dni_extra;
    *f1 = dc_max(0.0, f[0] + f[1] * delta + z * f[2]);
    *f2 = f[3] + f[4] * delta + z * f[5];
    *b = dc_max(cos(85.0 * DC_DEG), cos(z));
}

double dc_perez_plane(double dhi, double f1, double f2, double b, double cos_aoi, double cos_tilt, double sin_tilt)
{
    double a = dc_max(0.0, cos_aoi);
    return dc_max(dhi * ((1 - f1) * (1 + cos_tilt) / 2 + f1 * a / b + f2 * sin_tilt), 0.0);
}

static double perez_sky(const dc_plane *pl, double z_deg, double aoi_deg, double dni, double dhi,
                        double dni_extra)
{
    double f1, f2, b, t = pl->tilt_deg * DC_DEG;
    dc_perez_terms(z_deg, dni, dhi, dni_extra, &f1, &f2, &b);
    return dc_perez_plane(dhi, f1, f2, b, cos(aoi_deg * DC_DEG), cos(t), sin(t));
}

static double haydavies_sky(const dc_plane *pl, double z_deg, double aoi_deg, double dni,
                            double dhi, double dni_extra)
{
    double ai = dni / dni_extra;
    double rb = dc_max(cos(aoi_deg * DC_DEG), 0) / dc_max(cos(z_deg * DC_DEG), 0.01745);
    double t = pl->tilt_deg * DC_DEG;
    return dc_max(dhi * ((1 - ai) * (1 + cos(t)) / 2 + ai * rb), 0.0);
}

void dc_poa_components(const dc_plane *pl, double zenith_deg, double aoi_deg, double ghi,
                       double dni, double dhi, double dni_extra, dc_poa *out)
{
    double t = pl->tilt_deg * DC_DEG;
    out->beam = zenith_deg < 90.0 ? dc_max(dni * cos(aoi_deg * DC_DEG), 0.0) : 0.0;
    out->ground = dc_max(ghi, 0) * pl->albedo * (1 - cos(t)) / 2;
    switch (pl->model) {
    case DC_TRANSPOSE_PEREZ: out->sky = perez_sky(pl, zenith_deg, aoi_deg, dni, dhi, dni_extra); break;
    case DC_TRANSPOSE_HAYDAVIES:
        out->sky = haydavies_sky(pl, zenith_deg, aoi_deg, dni, dhi, dni_extra);
        break;
    default: out->sky = dc_max(dhi, 0) * (1 + cos(t)) / 2; break;
    }
}

/* Fresnel + Beer transmittance at incidence cos_t, in algebra only: with
 * sin(tr) = sin(t)/n, the sums and differences of the angles follow from
 * their sines and cosines, which makes Marion's 32,000 evaluations cheap. */
static double fresnel_beer(double cos_t, double n, double kl)
{
    double sin_t = sqrt(dc_max(0.0, 1.0 - cos_t * cos_t));
    if (sin_t < 1e-9) {
        double r0 = (n - 1) / (n + 1);
        return exp(-kl) * (1 - r0 * r0);
    }
    double st = sin_t / n, ct = sqrt(1.0 - st * st);
    double sin_m = st * cos_t - ct * sin_t, sin_p = st * cos_t + ct * sin_t; /* sin(tr -+ t) */
    double cos_m = ct * cos_t + st * sin_t, cos_p = ct * cos_t - st * sin_t; /* cos(tr -+ t) */
    double rs = sin_m / sin_p, rp = sin_m * cos_p / (cos_m * sin_p);
    return exp(-kl / ct) * (1 - 0.5 * (rs * rs + rp * rp));
}

double dc_iam_physical_cos(double cos_aoi)
{
    const double n = 1.526, kl = 4.0 * 0.002;
    static _Thread_local double normal; /* the transmittance at normal incidence, once per thread */
    if (cos_aoi <= 0) return 0.0;
    if (normal == 0.0) normal = fresnel_beer(1.0, n, kl);
    return fresnel_beer(dc_min(cos_aoi, 1.0), n, kl) / normal;
}

double dc_iam_physical(double aoi_deg)
{
    if (aoi_deg >= 90.0 || aoi_deg < 0) return 0.0;
    return dc_iam_physical_cos(cos(aoi_deg * DC_DEG));
}

/* Marion (2017), Solar Energy 147:344-348, section 3: the sky (or ground)
 * hemisphere cut into zenith bands and azimuth sectors of pi/180 each; the
 * modifier is the cos(aoi)-weighted mean of the IAM over the elements the
 * module faces. Sectors psi and 2pi - psi see the module alike, so half the
 * azimuths are summed twice. */
static double marion(double (*iam_cos)(double), double tilt_deg, int ground)
{
    enum { NUM = 180 };
    const double step = DC_PI / NUM, beta = tilt_deg * DC_DEG;
    double cb = cos(beta), sb = sin(beta), num = 0, den = 0, cos_psi[NUM];
    for (int j = 0; j < NUM; j++) cos_psi[j] = cos((j + 0.5) * step); /* the sectors' azimuths, once */
    for (int k = ground ? NUM / 2 : 0; k < (ground ? NUM : NUM / 2); k++) {
        double phi1 = k * step, phi = phi1 + 0.5 * step;
        double d_area = step * (cos(phi1) - cos(phi1 + step)), a = cb * cos(phi), b = sb * sin(phi);
        for (int j = 0; j < NUM; j++) {
            double cos_aoi = a + b * cos_psi[j];
            if (cos_aoi <= 0) continue;
            double w = cos_aoi * d_area;
            num += iam_cos(cos_aoi) * w;
            den += w;
        }
    }
    return den > 0 ? num / den : 0.0;
}

void dc_iam_diffuse(double (*iam_cos)(double), double tilt_deg, double *sky, double *ground)
{
    /* A town's arrays share a few tilts, and every model of a sweep has the
     * same ones: the last answers are kept (32,400 IAM evaluations each). */
    enum { KEPT = 8 };
    static _Thread_local struct {
        double tilt, sky, ground;
        double (*iam)(double);
    } kept[KEPT];
    static _Thread_local int next;
    for (int k = 0; k < KEPT; k++)
        if (kept[k].iam == iam_cos && kept[k].tilt == tilt_deg) {
            *sky = kept[k].sky, *ground = kept[k].ground;
            return;
        }
    *sky = marion(iam_cos, tilt_deg, 0);
    *ground = marion(iam_cos, tilt_deg, 1);
    kept[next].tilt = tilt_deg, kept[next].sky = *sky, kept[next].ground = *ground, kept[next].iam = iam_cos;
    next = (next + 1) % KEPT;
}

void dc_diffuse_equivalent_angles(double b, double *sky_deg, double *ground_deg)
{
    *sky_deg = 59.7 - 0.1388 * b + 0.001497 * b * b;
    *ground_deg = 90.0 - 0.5788 * b + 0.002693 * b * b;
}
