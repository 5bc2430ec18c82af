#include "spa.h"

#include <math.h>
#include <stdlib.h>

#include "spa_tables.h"
#include "units.h"

#define DEG DC_DEG
#define N_OF(a) ((int)(sizeof(a) / sizeof((a)[0])))
enum { N_SERIES = 13 };

static const double JD_J2000 = 2451545.0;

static double wrap360(double x)
{
    x = fmod(x, 360.0);
    return x < 0 ? x + 360.0 : x;
}

static double term_sum(const spa_term *t, int n, double jme)
{
    double s = 0;
    for (int i = 0; i < n; i++) s += t[i].a * cos(t[i].b + t[i].c * jme);
    return s;
}

static double poly_sum(const double *s, int n, double jme)
{
    double r = 0;
    for (int i = n - 1; i >= 0; i--) r = r * jme + s[i];
    return r / 1e8;
}

/* The 13 series of periodic terms: L0-L5, B0-B1, R0-R4 (Table A4.2). */
typedef struct {
    const spa_term *t;
    int n;
} series;
#define SERIES(x) {x, N_OF(x)}
static const series SPA_SERIES[N_SERIES] = {SERIES(spa_L0), SERIES(spa_L1), SERIES(spa_L2), SERIES(spa_L3),
                                            SERIES(spa_L4), SERIES(spa_L5), SERIES(spa_B0), SERIES(spa_B1),
                                            SERIES(spa_R0), SERIES(spa_R1), SERIES(spa_R2), SERIES(spa_R3),
                                            SERIES(spa_R4)};

/* Heliocentric longitude, latitude [deg] and radius [AU] from the sums
 * of the series (eqs. 9-12). */
static void heliocentric_of(const double *sums, double jme, double *l, double *b, double *r)
{
    *l = wrap360(poly_sum(sums, 6, jme) / DEG);
    *b = poly_sum(sums + 6, 2, jme) / DEG;
    *r = poly_sum(sums + 8, 5, jme);
}

static void heliocentric(double jme, double *l, double *b, double *r)
{
    double sums[N_SERIES];
    for (int k = 0; k < N_SERIES; k++) sums[k] = term_sum(SPA_SERIES[k].t, SPA_SERIES[k].n, jme);
    heliocentric_of(sums, jme, l, b, r);
}

static double poly3(double a, double b, double c, double d, double x)
{
    return a + x * (b + x * (c + x * d));
}

/* The argument of nutation term i [rad] (eqs. 15-20). */
static void nutation_args(double jce, double *arg)
{
    double x[5] = {
        poly3(297.85036, 445267.111480, -0.0019142, 1.0 / 189474, jce),
        poly3(357.52772, 35999.050340, -0.0001603, -1.0 / 300000, jce),
        poly3(134.96298, 477198.867398, 0.0086972, 1.0 / 56250, jce),
        poly3(93.27191, 483202.017538, -0.0036825, 1.0 / 327270, jce),
        poly3(125.04452, -1934.136261, 0.0020708, 1.0 / 450000, jce),
    };
    for (int i = 0; i < SPA_N_NUTATION; i++) {
        double a = 0;
        for (int j = 0; j < 5; j++) a += x[j] * spa_nutation[i].y[j];
        arg[i] = a * DEG;
    }
}

/* Nutation in longitude and obliquity [deg] from each term's sine and
 * cosine (eqs. 21-23). */
static void nutation_of(const double *sin_arg, const double *cos_arg, double jce, double *dpsi, double *deps)
{
    double sp = 0, se = 0;
    for (int i = 0; i < SPA_N_NUTATION; i++) {
        const spa_nutation_term *t = &spa_nutation[i];
        sp += (t->a + t->b * jce) * sin_arg[i];
        se += (t->c + t->d * jce) * cos_arg[i];
    }
    *dpsi = sp / 36000000.0;
    *deps = se / 36000000.0;
}

static void nutation(double jce, double *dpsi, double *deps)
{
    double arg[SPA_N_NUTATION], s[SPA_N_NUTATION], c[SPA_N_NUTATION];
    nutation_args(jce, arg);
    for (int i = 0; i < SPA_N_NUTATION; i++) s[i] = sin(arg[i]), c[i] = cos(arg[i]);
    nutation_of(s, c, jce, dpsi, deps);
}

/* True obliquity of the ecliptic [deg] (eqs. 24-25). */
static double obliquity(double jme, double deps)
{
    static const double c[11] = {84381.448, -4680.93, -1.55, 1999.25, -51.38, -249.67,
                                 -39.05, 7.12, 27.87, 5.79, 2.45};
    double u = jme / 10.0, e0 = 0;
    for (int i = 10; i >= 0; i--) e0 = e0 * u + c[i];
    return e0 / 3600.0 + deps;
}

static double mean_sidereal(double jd)
{
    double jc = (jd - JD_J2000) / 36525.0;
    return wrap360(280.46061837 + 360.98564736629 * (jd - JD_J2000) +
                   jc * jc * (0.000387933 - jc / 38710000.0));
}

/* Julian ephemeris century and millennium of a UT Julian day (eqs. 5-7). */
static double jce_of(double jd, double delta_t_s) { return (jd + delta_t_s / 86400.0 - JD_J2000) / 36525.0; }
static double jme_of(double jd, double delta_t_s) { return jce_of(jd, delta_t_s) / 10.0; }

/* The periodic terms of a node, summed: the 13 series, and nutation. */
typedef struct {
    double sums[N_SERIES];
    double dpsi, deps;
} node_terms;

/* Everything but sidereal time: alpha, delta, nutation in RA, xi; from the
 * node's periodic terms when given (NULL: computed here). */
static void slow_terms_from(const node_terms *n, double jd, double delta_t_s, double *alpha, double *delta,
                            double *nut_ra, double *xi)
{
    double jde = jd + delta_t_s / 86400.0;
    double jce = (jde - JD_J2000) / 36525.0, jme = jce / 10.0;
    double l, b, r, dpsi, deps;
    if (n) heliocentric_of(n->sums, jme, &l, &b, &r), dpsi = n->dpsi, deps = n->deps;
    else heliocentric(jme, &l, &b, &r), nutation(jce, &dpsi, &deps);
    double eps = obliquity(jme, deps) * DEG;
    double theta = wrap360(l + 180.0), beta = -b * DEG;
    double lambda = (theta + dpsi - 20.4898 / (3600.0 * r)) * DEG;
    *alpha = wrap360(atan2(sin(lambda) * cos(eps) - tan(beta) * sin(eps), cos(lambda)) / DEG);
    *delta = asin(sin(beta) * cos(eps) + cos(beta) * sin(eps) * sin(lambda)) / DEG;
    *nut_ra = dpsi * cos(eps);
    *xi = 8.794 / (3600.0 * r);
}

static void slow_terms(double jd, double delta_t_s, double *alpha, double *delta, double *nut_ra, double *xi)
{
    slow_terms_from(NULL, jd, delta_t_s, alpha, delta, nut_ra, xi);
}

void dc_spa_geocentric(double jd, double delta_t_s, dc_geocentric *g)
{
    double nut_ra;
    slow_terms(jd, delta_t_s, &g->alpha, &g->delta, &nut_ra, &g->xi);
    g->nu = mean_sidereal(jd) + nut_ra;
}

static double refraction(double e0, double pressure, double temp, double refr)
{
    if (e0 < -(0.26667 + refr)) return 0.0;
    return pressure / 1010.0 * 283.0 / (273.0 + temp) * 1.02 /
           (60.0 * tan((e0 + 10.3 / (e0 + 5.11)) * DEG));
}

void dc_spa_site_terms(const dc_site_geo *site, dc_site_terms *out)
{
    double phi = site->latitude_deg * DEG;
    double u = atan(0.99664719 * tan(phi));
    out->longitude_deg = site->longitude_deg;
    out->sin_phi = sin(phi), out->cos_phi = cos(phi);
    out->x = cos(u) + site->elevation_m / 6378140.0 * out->cos_phi;
    out->y = 0.99664719 * sin(u) + site->elevation_m / 6378140.0 * out->sin_phi;
}

void dc_spa_topocentric_at(const dc_geocentric *g, const dc_site_terms *site, double pressure_mbar, double temp_c,
                           double refraction_deg, dc_sunpos *out)
{
    double h = wrap360(g->nu + site->longitude_deg - g->alpha) * DEG;
    double xi = g->xi * DEG, delta = g->delta * DEG, sin_xi = sin(xi), sin_h = sin(h), cos_h = cos(h);
    double x = site->x, y = site->y, sin_phi = site->sin_phi, cos_phi = site->cos_phi;
    double den = cos(delta) - x * sin_xi * cos_h;
    double dalpha = atan2(-x * sin_xi * sin_h, den);
    double delta_p = atan2((sin(delta) - y * sin_xi) * cos(dalpha), den);
    double hp = h - dalpha;
    double e0 = asin(sin_phi * sin(delta_p) + cos_phi * cos(delta_p) * cos(hp)) / DEG;
    double e = e0 + refraction(e0, pressure_mbar, temp_c, refraction_deg);
    double gx = sin(hp), gy = cos(hp) * sin_phi - tan(delta_p) * cos_phi, gr = sqrt(gx * gx + gy * gy);
    double gamma = atan2(gx, gy) / DEG;
    out->elevation_deg = e;
    out->zenith_deg = 90.0 - e;
    out->azimuth_deg = wrap360(gamma + 180.0);
    /* The unit vector to the sun; azimuth = gamma + 180 deg turns (gx, gy) around. */
    double horizontal = cos(e * DEG);
    out->up = sin(e * DEG);
    out->east = gr > 0 ? -horizontal * gx / gr : 0.0;
    out->north = gr > 0 ? -horizontal * gy / gr : 0.0;
}

void dc_spa_topocentric(const dc_geocentric *g, const dc_site_geo *site, double pressure_mbar, double temp_c,
                        double refraction_deg, dc_sunpos *out)
{
    dc_site_terms t;
    dc_spa_site_terms(site, &t);
    dc_spa_topocentric_at(g, &t, pressure_mbar, temp_c, refraction_deg, out);
}

double dc_incidence_deg(const dc_sunpos *p, double tilt_deg, double azimuth_deg)
{
    double z = p->zenith_deg * DEG, w = tilt_deg * DEG;
    double c = cos(z) * cos(w) + sin(w) * sin(z) * cos((p->azimuth_deg - azimuth_deg) * DEG);
    if (c > 1) c = 1;
    if (c < -1) c = -1;
    return acos(c) / DEG;
}

/* The periodic terms at consecutive daily nodes without a cosine each:
 * the angle B + C x of a heliocentric term grows by C/365250 a day, so its
 * cosine and sine are rotated by that step (4 products); a nutation
 * argument, nearly linear in time, by its growth over the first day. Every
 * RESYNC nodes they are computed afresh, which keeps the drift below
 * 1e-12 of a term (the paper's test tolerance is 1e-4 deg). */
enum { N_TERMS = 195, N_ROT = N_TERMS + SPA_N_NUTATION, RESYNC = 32 };
_Static_assert(N_OF(spa_L0) + N_OF(spa_L1) + N_OF(spa_L2) + N_OF(spa_L3) + N_OF(spa_L4) + N_OF(spa_L5) +
                   N_OF(spa_B0) + N_OF(spa_B1) + N_OF(spa_R0) + N_OF(spa_R1) + N_OF(spa_R2) + N_OF(spa_R3) +
                   N_OF(spa_R4) == N_TERMS,
               "N_TERMS counts every periodic term");
typedef struct {
    double cos_now[N_ROT], sin_now[N_ROT], cos_step[N_ROT], sin_step[N_ROT];
} term_rotor;

static void rotor_angle(term_rotor *r, int j, double now, double step)
{
    r->cos_now[j] = cos(now), r->sin_now[j] = sin(now);
    r->cos_step[j] = cos(step), r->sin_step[j] = sin(step);
}

/* Every angle at node jd, and its step to the next node. */
static void rotor_set(term_rotor *r, double jd, double delta_t_s)
{
    double jme = jme_of(jd, delta_t_s), a0[SPA_N_NUTATION], a1[SPA_N_NUTATION];
    int j = 0;
    for (int k = 0; k < N_SERIES; k++)
        for (int i = 0; i < SPA_SERIES[k].n; i++, j++) {
            const spa_term *t = &SPA_SERIES[k].t[i];
            rotor_angle(r, j, t->b + t->c * jme, t->c / 365250.0);
        }
    nutation_args(jce_of(jd, delta_t_s), a0);
    nutation_args(jce_of(jd + 1.0, delta_t_s), a1);
    for (int i = 0; i < SPA_N_NUTATION; i++) rotor_angle(r, N_TERMS + i, a0[i], a1[i] - a0[i]);
}

/* Every angle one node on. */
static void rotor_step(term_rotor *r)
{
    for (int j = 0; j < N_ROT; j++) {
        double c = r->cos_now[j] * r->cos_step[j] - r->sin_now[j] * r->sin_step[j];
        r->sin_now[j] = r->sin_now[j] * r->cos_step[j] + r->cos_now[j] * r->sin_step[j];
        r->cos_now[j] = c;
    }
}

/* This node's periodic terms. */
static void rotor_terms(const term_rotor *r, double jd, double delta_t_s, node_terms *n)
{
    int j = 0;
    for (int k = 0; k < N_SERIES; k++) {
        double s = 0;
        for (int i = 0; i < SPA_SERIES[k].n; i++, j++) s += SPA_SERIES[k].t[i].a * r->cos_now[j];
        n->sums[k] = s;
    }
    nutation_of(r->sin_now + N_TERMS, r->cos_now + N_TERMS, jce_of(jd, delta_t_s), &n->dpsi, &n->deps);
}

int dc_ephem_build(dc_ephem *e, double jd_start, double days, double delta_t_s)
{
    e->jd0 = floor(jd_start - 0.5) + 0.5 - 1.0;  /* a UT midnight, one day before */
    e->n = (int)ceil(jd_start + days - e->jd0) + 3;
    e->delta_t_s = delta_t_s;
    double *buf = malloc(4 * (size_t)e->n * sizeof *buf);
    if (!buf) return -1;
    e->alpha = buf;
    e->delta = buf + e->n;
    e->nut_ra = buf + 2 * e->n;
    e->xi = buf + 3 * e->n;
    term_rotor *rot = malloc(sizeof *rot);
    if (!rot) return free(buf), -1;
    for (int k = 0; k < e->n; k++) {
        node_terms terms;
        if (k % RESYNC == 0) rotor_set(rot, e->jd0 + k, delta_t_s);
        else rotor_step(rot);
        rotor_terms(rot, e->jd0 + k, delta_t_s, &terms);
        slow_terms_from(&terms, e->jd0 + k, delta_t_s, &e->alpha[k], &e->delta[k], &e->nut_ra[k], &e->xi[k]);
        if (k > 0) /* unwrap so that interpolation never crosses 360 -> 0 */
            while (e->alpha[k] < e->alpha[k - 1] - 180.0) e->alpha[k] += 360.0;
    }
    free(rot);
    return 0;
}

void dc_ephem_free(dc_ephem *e)
{
    free(e->alpha);
    e->alpha = e->delta = e->nut_ra = e->xi = NULL;
    e->n = 0;
}

/* Cubic Lagrange weights of the nodes at -1, 0, 1, 2 for s in [0, 1). */
static void lagrange_weights(double s, double *w)
{
    w[0] = -s * (s - 1) * (s - 2) / 6.0, w[1] = (s + 1) * (s - 1) * (s - 2) / 2.0;
    w[2] = -(s + 1) * s * (s - 2) / 2.0, w[3] = (s + 1) * s * (s - 1) / 6.0;
}

static double lagrange4(const double *v, const double *w) { return w[0] * v[-1] + w[1] * v[0] + w[2] * v[1] + w[3] * v[2]; }

void dc_ephem_at(const dc_ephem *e, double jd, dc_geocentric *g)
{
    double t = jd - e->jd0;
    int k = (int)floor(t);
    if (k < 1) k = 1;
    if (k > e->n - 3) k = e->n - 3;
    double w[4];
    lagrange_weights(t - k, w);
    g->alpha = wrap360(lagrange4(e->alpha + k, w));
    g->delta = lagrange4(e->delta + k, w);
    g->xi = lagrange4(e->xi + k, w);
    g->nu = mean_sidereal(jd) + lagrange4(e->nut_ra + k, w);
}

double dc_delta_t_estimate(double y)
{
    double t;
    if (y < 1961) { t = y - 1950; return 29.07 + 0.407 * t - t * t / 233 + t * t * t / 2547; }
    if (y < 1986) { t = y - 1975; return 45.45 + 1.067 * t - t * t / 260 - t * t * t / 718; }
    if (y < 2005) {
        t = y - 2000;
        return 63.86 + t * (0.3345 + t * (-0.060374 + t * (0.0017275 + t * (0.000651814 + t * 0.00002373599))));
    }
    if (y < 2050) { t = y - 2000; return 62.92 + 0.32217 * t + 0.005589 * t * t; }
    if (y < 2150) { double u = (y - 1820) / 100; return -20 + 32 * u * u - 0.5628 * (2150 - y); }
    { double u = (y - 1820) / 100; return -20 + 32 * u * u; }
}
