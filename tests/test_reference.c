/* Regression against stored reference runs (tests/reference/README.md says
 * where each came from). A one-site scenario must give, hour by hour, the
 * flows decarb 0.1.0 gave before sites existed. The reference values are
 * printed to 1e-6 kWh, so they are compared to 1e-6 kWh. */
#include "helpers.h"

#include <math.h>

enum { STEPS = 8760, COLS = 10 };

/* Column of the v0.1 hourly.csv and the series that holds it now. */
static const char *const V01_SERIES[COLS] = {NULL,         "demand",        "pv",          "storage_charge",
                                             "storage_discharge", "storage_level", "grid_import", "grid_export",
                                             "curtailed",  "unserved"};

static void one_site_matches_v0_1(void **state)
{
    (void)state;
    run r;
    run_scenario(&r, "tests/reference/one_site_v0_1.yaml", NULL, 0);
    const dc_model *m = r.m;
    assert_int_equal(dc_model_site_count(m), 1);
    FILE *fp = fopen("tests/reference/one_site_v0_1.hourly.csv", "r");
    assert_non_null(fp);
    char line[1024];
    assert_non_null(fgets(line, sizeof line, fp)); /* header */
    assert_non_null(strstr(line, "battery_soc [kWh],grid_import [kWh]"));
    double worst[COLS] = {0};
    int rows = 0;
    while (fgets(line, sizeof line, fp)) {
        char *save, *tok = strtok_r(line, ",\n", &save);
        for (int c = 1; c < COLS; c++) {
            tok = strtok_r(NULL, ",\n", &save);
            assert_non_null(tok);
            double got = dc_model_series(m, V01_SERIES[c])[rows];
            worst[c] = fmax(worst[c], fabs(got - strtod(tok, NULL)));
        }
        rows++;
    }
    fclose(fp);
    assert_int_equal(rows, STEPS);
    for (int c = 1; c < COLS; c++) {
        print_message("%-18s largest difference %.2g kWh\n", V01_SERIES[c], worst[c]);
        assert_true(worst[c] <= 1e-6);
    }
    close_run(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(one_site_matches_v0_1),
    };
    return cmocka_run_group_tests_name("reference", tests, NULL, NULL);
}
