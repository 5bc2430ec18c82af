/* Load shapes that follow the weather and the calendar: a temperature
 * response on top of the shape (checked against degree hours counted here
 * from the weather file itself), お盆 for industry, school vacations by
 * day, shops busier on off days. */
#include "helpers.h"

#include <math.h>

#include "calendar.h"
#include "loadfiles.h"

/* Degree hours of the EPW's dry-bulb temperature (field 7) shifted by
 * delta: above base (sign +1) or below it (sign -1). Counted by hand from
 * the file, not through decarb's reader. */
static double degree_hours(const char *epw, double base, double delta, int sign)
{
    FILE *fp = fopen(epw, "r");
    assert_non_null(fp);
    char line[1024];
    double sum = 0;
    for (int row = 0; fgets(line, sizeof line, fp); row++) {
        if (row < 8) continue; /* EPW header */
        char *f = line;
        for (int k = 0; k < 6; k++) f = strchr(f, ',') + 1;
        double t = strtod(f, NULL) + delta;
        sum += fmax(sign * (t - base), 0.0);
    }
    fclose(fp);
    return sum;
}

/* The bundled EPW with every dry-bulb temperature raised by delta. */
static void warmed_epw(const char *dst, double delta)
{
    FILE *in = fopen(EPW_PATH, "r"), *out = fopen(dst, "w");
    assert_true(in && out);
    char line[1024];
    for (int row = 0; fgets(line, sizeof line, in); row++) {
        if (row < 8) {
            fputs(line, out);
            continue;
        }
        char *f = line;
        for (int k = 0; k < 6; k++) f = strchr(f, ',') + 1;
        char *rest;
        double t = strtod(f, &rest);
        fprintf(out, "%.*s%.1f%s", (int)(f - line), line, t + delta, rest);
    }
    fclose(in);
    fclose(out);
}

static const char *OFFICE = "name: office\nyear: 2030\n"
                            "grid: {emission_factor_kg_per_kwh: 0.45}\n"
                            "loads:\n  - {name: office, sector: commercial, annual_kwh: 100000,\n"
                            "     cooling_kw_per_k: 10, cooling_base_c: 24, heating_kw_per_k: 4, heating_base_c: 14}\n";

static void sums(const run *r, double *total, double *response)
{
    const double *d = dc_model_series(r->m, "load:office:demand");
    const double *x = dc_model_series(r->m, "load:office:temperature_response");
    assert_true(d && x);
    *total = *response = 0;
    for (size_t i = 0; i < dc_model_steps(r->m); i++) *total += d[i], *response += x[i];
}

/* FY2030 maps every one of the EPW's 8760 hours once (no 29 February), so
 * the year's degree hours are those of the file. */
static void temperature_response_by_hand(void **state)
{
    (void)state;
    char warm[700], path[700], body[2048];
    snprintf(warm, sizeof warm, "%s/warm.epw", tmp);
    warmed_epw(warm, 2.0);
    snprintf(path, sizeof path, "%s/office.yaml", tmp);
    snprintf(body, sizeof body, "%s", OFFICE);
    write_scenario(path, body);
    run r;
    run_scenario(&r, path, NULL, 0);
    double total, response;
    sums(&r, &total, &response);
    double cdh = degree_hours(EPW_PATH, 24, 0, +1), hdh = degree_hours(EPW_PATH, 14, 0, -1);
    print_message("cooling %.0f K h, heating %.0f K h: response %.0f kWh\n", cdh, hdh, response);
    assert_true(cdh > 1000 && hdh > 10000);
    assert_near(total - response, 100000.0, 1e-6);    /* the shape's part keeps annual_kwh */
    assert_near(response, 10 * cdh + 4 * hdh, 1e-6); /* slope x degree hours, 1 h steps */
    close_run(&r);
    /* The same file warmed by 2 degC: cooling grows, heating shrinks, each
     * by slope x the change of its degree hours. */
    char set[800];
    snprintf(set, sizeof set, "weather.file=%s", warm);
    const char *sets[] = {set};
    run w;
    run_scenario(&w, path, sets, 1);
    double total_w, response_w;
    sums(&w, &total_w, &response_w);
    double dcdh = degree_hours(EPW_PATH, 24, 2, +1) - cdh, dhdh = degree_hours(EPW_PATH, 14, 2, -1) - hdh;
    assert_true(dcdh > 0 && dhdh < 0);
    assert_near(response_w - response, 10 * dcdh + 4 * dhdh, 1e-6);
    assert_near(total_w - response_w, 100000.0, 1e-6);
    close_run(&w);
}

/* Hour 10 of a day in FY2030 [kWh] of a series. */
static double at_ten(const run *r, const char *series, int y, int m, int d)
{
    const double *v = dc_model_series(r->m, series);
    assert_non_null(v);
    long i = (dc_days_from_civil(y, m, d) - dc_days_from_civil(2030, 4, 1)) * 24 + 10;
    return v[i];
}

static const char *TOWN = "name: town\nyear: 2030\n"
                          "grid: {emission_factor_kg_per_kwh: 0.45}\n%s"
                          "loads:\n"
                          "  - {name: factory, sector: industry, annual_kwh: 500000}\n"
                          "  - {name: factory_open, sector: industry, annual_kwh: 500000, closed_days: none}\n"
                          "  - {name: school, sector: public, shape: school, annual_kwh: 200000}\n"
                          "  - {name: shop, sector: commercial, shape: retail, annual_kwh: 300000}\n";

/* Wednesday 14 August 2030 is お盆: the factory takes its off-day weight
 * at 10:00 (0.40 in inputs/load_shapes/industry.csv) against the 1.50 it
 * has on Wednesday 21 August (same month, same monthly factor). The school
 * is on vacation on Monday 5 August 2030 by the typical dates, and not on
 * 5 August when the scenario gives its own vacations. The shop sells more
 * on Saturday 3 August than on Friday 2 August. */
static void calendar_days(void **state)
{
    (void)state;
    char path[700], body[2048];
    snprintf(path, sizeof path, "%s/town.yaml", tmp);
    snprintf(body, sizeof body, TOWN, "");
    write_scenario(path, body);
    run r;
    open_run(&r, path, NULL, 0);
    const char *f = "load:factory:demand", *f_open = "load:factory_open:demand";
    assert_near(at_ten(&r, f, 2030, 8, 14) / at_ten(&r, f, 2030, 8, 21), 0.40 / 1.50, 1e-9);
    assert_near(at_ten(&r, f_open, 2030, 8, 14) / at_ten(&r, f_open, 2030, 8, 21), 1.0, 1e-9);
    /* Four closed days more: the same annual_kwh spread over fewer. */
    assert_true(at_ten(&r, f, 2030, 8, 21) > at_ten(&r, f_open, 2030, 8, 21));
    double vac = at_ten(&r, "load:school:demand", 2030, 8, 5), term = at_ten(&r, "load:school:demand", 2030, 9, 2);
    assert_near(vac / term, 0.30 / 1.80, 1e-9); /* school.csv: off day 0.30, weekday 1.80 at 10:00; Aug, Sep alike */
    double sat = at_ten(&r, "load:shop:demand", 2030, 8, 3), fri = at_ten(&r, "load:shop:demand", 2030, 8, 2);
    assert_near(sat / fri, 1.65 / 1.40, 1e-9); /* retail.csv at 10:00 */
    close_run(&r);

    snprintf(body, sizeof body, TOWN, "school_vacations: [2030-07-25~2030-08-02, 2030-12-24~2031-01-06]\n");
    write_scenario(path, body);
    open_run(&r, path, NULL, 0);
    assert_near(at_ten(&r, "load:school:demand", 2030, 8, 5) / at_ten(&r, "load:school:demand", 2030, 9, 2), 1.0,
                1e-9);
    assert_near(at_ten(&r, "load:school:demand", 2030, 8, 1) / at_ten(&r, "load:school:demand", 2030, 9, 2),
                0.30 / 1.80, 1e-9);
    close_run(&r);
}

/* A profile saved by Notepad or Excel's "CSV UTF-8" starts with a
 * byte-order mark. Without a header its first value was taken for one
 * (and dropped: "8759 values"); with one, the header is still skipped. */
static void profile_with_byte_order_mark(void **state)
{
    (void)state;
    const char *texts[] = {"\xEF\xBB\xBF" "1.5\r\n2\r\n3\r\n", "\xEF\xBB\xBF" "kWh\r\n1.5\r\n2\r\n3\r\n"};
    char path[128];
    snprintf(path, sizeof path, "%s/p.csv", tmp);
    for (int k = 0; k < 2; k++) {
        write_text(path, texts[k]);
        double *v = NULL;
        int n = 0;
        dc_diag *d = dc_diag_create();
        assert_int_equal(dc_profile_read(path, "profile_file", 10, &v, &n, d), DC_OK);
        assert_int_equal(n, 3);
        assert_true(v[0] == 1.5 && v[2] == 3.0);
        free(v);
        dc_diag_destroy(&d);
    }
}

/* Profiles as spreadsheets write them: quoted values read, with Excel's
 * thousands separators inside the quotes; unquoted, a thousands separator
 * or decimal comma (which split a value into two fields, the last then
 * read: 1,234 as 234) is refused, and so is a header naming another unit
 * than kWh (MWh values read as kWh are 1,000 times too small). */
static void profile_as_spreadsheets_write_it(void **state)
{
    (void)state;
    static const struct {
        const char *text, *error; /* NULL: read, as 1.5, 1234, 3 */
    } cases[] = {
        {"\"kWh\"\n\"1.5\"\n\"1234\"\n\"3\"\n", NULL},
        {"time,\"load, kWh\"\n0:00,1.5\n1:00,1234\n2:00,3\n", NULL},
        {"電力量(kWh)\n1.5\n1234\n3\n", NULL},
        {"wholesale load\n1.5\n1234\n3\n", NULL}, /* letters inside a word are no unit */
        {"kWh\n1.5\n1,234\n3\n", "p.csv:3: profile_file: 2 fields where the header has 1: a decimal comma, or a "
                                    "thousands separator (write 1234, not 1,234)?"},
        {"1.5\n1,234\n3\n", "p.csv:2: profile_file: 2 fields where the first row has 1"},
        {"kWh\n1.5\n\"1,234\"\n3\n", NULL}, /* quoted: Excel's thousands separator, as meter files */
        {"kWh\n1.5\n\"1,23\"\n3\n", "p.csv:3:1: profile_file: expected a finite energy >= 0 [kWh], got '1,23'"},
        {"kWh;kW\n1.5;1\n", "p.csv:2:1: profile_file: expected a finite energy >= 0 [kWh], got '1.5;1' (fields "
                             "separated by ';'?"},
        {"usage [MWh]\n0.0015\n1.234\n0.003\n", "p.csv:1: profile_file: the column 'usage [MWh]' is in MWh: give kWh"},
        {"demand_kw\n1.5\n1234\n3\n", "p.csv:1: profile_file: the column 'demand_kw' is in kW: give kWh per step "
                                         "(kW x the step's hours), or set profile_format: meter"},
    };
    char path[128];
    snprintf(path, sizeof path, "%s/p.csv", tmp);
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        write_text(path, cases[k].text);
        double *v = NULL;
        int n = 0;
        dc_diag *d = dc_diag_create();
        dc_status st = dc_profile_read(path, "profile_file", 10, &v, &n, d);
        if (!cases[k].error) {
            assert_int_equal(st, DC_OK);
            assert_int_equal(n, 3);
            assert_true(v[0] == 1.5 && v[1] == 1234 && v[2] == 3);
        } else {
            assert_int_equal(st, DC_ERR_LOAD);
            if (!diag_has(d, cases[k].error)) {
                print_diag(d);
                fail_msg("case %zu: expected '%s'", k, cases[k].error);
            }
        }
        free(v);
        dc_diag_destroy(&d);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(temperature_response_by_hand, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(calendar_days, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(profile_with_byte_order_mark, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(profile_as_spreadsheets_write_it, tmp_setup, tmp_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
