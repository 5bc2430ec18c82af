/* Solar position: the NREL SPA paper's test case, and the daily-node
 * interpolation against the full algorithm over a year. */
#include "helpers.h"

#include <math.h>

#include "spa.h"
#include "timeaxis.h"

/* Reda & Andreas (2008), NREL/TP-560-34302, Table A5.1: 2003-10-17
 * 12:30:30 local (UTC-7), delta T 67 s, 39.742476 N, 105.1786 W, 1830.14 m,
 * 820 mbar, 11 degC, slope 30 deg, azimuth rotation -10 deg (from south),
 * refraction 0.5667 deg. Published: zenith 50.11162, azimuth 194.34024,
 * incidence 25.18700 (all deg). */
static const double JD_TEST = 2452929.5 + (19.0 * 3600 + 30 * 60 + 30) / 86400.0;

static void paper_test_case(void **state)
{
    (void)state;
    dc_geocentric g;
    dc_sunpos p;
    dc_site_geo site = {39.742476, -105.1786, 1830.14};
    dc_spa_geocentric(JD_TEST, 67.0, &g);
    dc_spa_topocentric(&g, &site, 820.0, 11.0, 0.5667, &p);
    assert_near(p.zenith_deg, 50.11162, 1e-4);
    assert_near(p.azimuth_deg, 194.34024, 1e-4);
    /* surface azimuth rotation -10 deg from south = 170 deg east of north */
    assert_near(dc_incidence_deg(&p, 30.0, 170.0), 25.18700, 1e-4);
}

static void interpolated_same_case(void **state)
{
    (void)state;
    dc_ephem e;
    assert_int_equal(dc_ephem_build(&e, JD_TEST - 2.3, 5.0, 67.0), 0);
    dc_geocentric g;
    dc_sunpos p;
    dc_site_geo site = {39.742476, -105.1786, 1830.14};
    dc_ephem_at(&e, JD_TEST, &g);
    dc_spa_topocentric(&g, &site, 820.0, 11.0, 0.5667, &p);
    assert_near(p.zenith_deg, 50.11162, 1e-4);
    assert_near(p.azimuth_deg, 194.34024, 1e-4);
    dc_ephem_free(&e);
}

/* Every mid-hour of FY2030 at Hyakuri: interpolated vs full SPA. The
 * largest difference must stay far inside the paper's 1e-4 deg test
 * tolerance; 1e-6 deg is a hundredth of it. */
static void interpolation_error_over_a_year(void **state)
{
    (void)state;
    dc_timeaxis ta;
    dc_ephem e;
    dc_site_geo site = {36.18, 140.42, 35.0};
    assert_int_equal(dc_timeaxis_init(&ta, 2030, 1, 3600), 0);
    assert_int_equal(dc_ephem_build(&e, ta.start_jd, ta.n / 24.0, 70.0), 0);
    double worst_zen = 0, worst_az = 0;
    for (int i = 0; i < ta.n; i++) {
        double jd = ta.start_jd + (i + 0.5) / 24.0;
        dc_geocentric ge, gi;
        dc_sunpos pe, pi;
        dc_spa_geocentric(jd, 70.0, &ge);
        dc_ephem_at(&e, jd, &gi);
        dc_spa_topocentric(&ge, &site, 1013.0, 15.0, 0.5667, &pe);
        dc_spa_topocentric(&gi, &site, 1013.0, 15.0, 0.5667, &pi);
        worst_zen = fmax(worst_zen, fabs(pe.zenith_deg - pi.zenith_deg));
        double daz = fabs(pe.azimuth_deg - pi.azimuth_deg);
        if (pe.zenith_deg < 89.0) worst_az = fmax(worst_az, fmin(daz, 360.0 - daz));
    }
    print_message("largest interpolation error: zenith %.2e deg, azimuth %.2e deg\n", worst_zen, worst_az);
    assert_true(worst_zen < 1e-6);
    assert_true(worst_az < 1e-6);
    dc_ephem_free(&e);
    dc_timeaxis_free(&ta);
}

/* The daily nodes, whose periodic terms are rotated from day to day and
 * computed afresh every 32 days, against the full SPA at each node over a
 * year: within 1e-9 deg (rounding, not the method). */
static void nodes_equal_full_spa(void **state)
{
    (void)state;
    dc_ephem e;
    assert_int_equal(dc_ephem_build(&e, 2462502.5, 400.0, 70.0), 0);
    double worst = 0;
    for (int k = 0; k < e.n; k++) {
        dc_geocentric g;
        dc_spa_geocentric(e.jd0 + k, 70.0, &g);
        double da = fmod(fabs(e.alpha[k] - g.alpha), 360.0);
        worst = fmax(worst, fmax(fmin(da, 360.0 - da), fabs(e.delta[k] - g.delta)));
        worst = fmax(worst, fabs(e.xi[k] - g.xi));
    }
    print_message("largest node difference: %.2e deg over %d nodes\n", worst, e.n);
    assert_true(worst < 1e-9);
    dc_ephem_free(&e);
}

static void delta_t_estimate(void **state)
{
    (void)state;
    /* Espenak & Meeus: 2000 -> 63.86 s; 2030 -> 62.92 + 0.32217*30 + 0.005589*900 */
    assert_near(dc_delta_t_estimate(2000.0), 63.86, 1e-9);
    assert_near(dc_delta_t_estimate(2030.0), 62.92 + 0.32217 * 30 + 0.005589 * 900, 1e-9);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(paper_test_case),
        cmocka_unit_test(interpolated_same_case),
        cmocka_unit_test(interpolation_error_over_a_year),
        cmocka_unit_test(nodes_equal_full_spa),
        cmocka_unit_test(delta_t_estimate),
    };
    return cmocka_run_group_tests_name("spa", tests, NULL, NULL);
}
