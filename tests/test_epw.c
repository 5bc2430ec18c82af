/* EPW reading, hour-ending conversion, mapping onto the scenario year, and
 * the reader's errors on broken copies of the bundled file. */
#include "helpers.h"

#include <math.h>

#include "epw.h"
#include "inputs.h"


static void reads_bundled_file(void **state)
{
    (void)state;
    dc_weather_raw w;
    dc_diag *d = dc_diag_create();
    assert_int_equal(dc_epw_read(EPW_PATH, &w, d), DC_OK);
    assert_int_equal(w.n, 8760);
    assert_true(w.has_beam);
    assert_near(w.latitude_deg, 36.18, 1e-9);
    assert_near(w.longitude_deg, 140.42, 1e-9);
    assert_near(w.tz_hours, 9.0, 1e-9);
    /* File line 21: 1983,1,1,13 (hour ending 13:00) GHI 249, DNI 22, DHI 238,
     * 7.0 degC, 100905 Pa, wind 1.5 -> our row 12 starts at 12:00. */
    assert_int_equal(w.hour[12], 12);
    assert_near(w.ghi[12], 249.0, 1e-12);
    assert_near(w.dni[12], 22.0, 1e-12);
    assert_near(w.dhi[12], 238.0, 1e-12);
    assert_near(w.temp_c[12], 7.0, 1e-12);
    assert_near(w.pressure_mbar[12], 1009.05, 1e-9);
    assert_near(w.wind_ms[12], 1.5, 1e-12);
    dc_weather_raw_free(&w);
    dc_diag_destroy(&d);
}

static void leap_day_and_time_zone_mapping(void **state)
{
    (void)state;
    dc_weather_raw w;
    dc_weather out;
    dc_timeaxis ta;
    dc_diag *d = dc_diag_create();
    assert_int_equal(dc_epw_read(EPW_PATH, &w, d), DC_OK);
    assert_int_equal(dc_timeaxis_init(&ta, 2027, 1, 3600), 0); /* FY2027 has 2028-02-29 */
    assert_int_equal(dc_weather_map(&w, &ta, 0, &out), 0);
    int feb28_noon = -1;
    for (int i = 0; i < ta.n; i++)
        if (ta.t[i].month == 2 && ta.t[i].day == 28 && ta.t[i].hour == 11) feb28_noon = i;
    /* 29 February takes 28 February's data: file row 1987,2,28,12 GHI 753 */
    assert_near(out.ghi[feb28_noon], 753.0, 1e-12);
    assert_near(out.ghi[feb28_noon + 24], 753.0, 1e-12);
    dc_weather_free(&out);
    /* A file stamped in UTC+8 is read one hour later in JST. */
    w.tz_hours = 8.0;
    assert_int_equal(dc_weather_map(&w, &ta, 0, &out), 0);
    assert_near(out.ghi[feb28_noon + 1], 753.0, 1e-12);
    dc_weather_free(&out);
    dc_timeaxis_free(&ta);
    dc_weather_raw_free(&w);
    dc_diag_destroy(&d);
}

/* Copy the bundled file with line `line` (1-based) replaced, removed
 * (repl NULL) or the file cut after `cut` lines (cut > 0). */
static void broken_copy(const char *path, int line, const char *repl, int cut)
{
    FILE *in = fopen(EPW_PATH, "r"), *out = fopen(path, "w");
    assert_non_null(in);
    assert_non_null(out);
    char buf[4096];
    for (int k = 1; fgets(buf, sizeof buf, in); k++) {
        if (cut && k > cut) break;
        if (k == line) {
            if (repl) fputs(repl, out);
            continue;
        }
        fputs(buf, out);
    }
    fclose(in);
    fclose(out);
}

static void expect_error(const char *path, const char *needle)
{
    dc_weather_raw w;
    dc_diag *d = dc_diag_create();
    assert_int_equal(dc_epw_read(path, &w, d), strstr(needle, "cannot open") ? DC_ERR_IO : DC_ERR_WEATHER);
    if (!diag_has(d, needle)) {
        print_diag(d);
        fail_msg("expected a message containing '%s'", needle);
    }
    dc_diag_destroy(&d);
}

/* Reading path gives exactly n errors. */
static void expect_errors(const char *path, size_t n)
{
    dc_weather_raw w;
    dc_diag *d = dc_diag_create();
    assert_int_equal(dc_epw_read(path, &w, d), DC_ERR_WEATHER);
    if (dc_diag_count(d) != n) print_diag(d);
    assert_int_equal(dc_diag_count(d), n);
    dc_diag_destroy(&d);
}

#define ROW21 "1983,1,1,13,60,x,%s,-8.0,31,%s,697,1415,283,%s,22,238,27800,1900,26700,8780,340,1.5,0\n"

static void broken_files(void **state)
{
    (void)state;
    char path[128], row[256], needle[320];
    snprintf(path, sizeof path, "%s/w.epw", tmp);
    broken_copy(path, 0, NULL, 100);
    expect_error(path, "92 data rows; a year of hourly data has 8760 or 8784");
    snprintf(row, sizeof row, ROW21, "nan", "100905", "249");
    broken_copy(path, 21, row, 0);
    snprintf(needle, sizeof needle, "%s:21:", path);
    expect_error(path, needle);
    expect_error(path, "dry bulb temperature [degC]: 'nan' is not a finite number");
    snprintf(row, sizeof row, ROW21, "7.0", "100905", "9999");
    broken_copy(path, 21, row, 0);
    expect_error(path, "global horizontal radiation [Wh/m2]: missing value");
    snprintf(row, sizeof row, ROW21, "7.0", "abc", "249");
    broken_copy(path, 21, row, 0);
    expect_error(path, "station pressure [Pa]: 'abc' is not a finite number");
    broken_copy(path, 21, NULL, 0); /* one hour missing */
    snprintf(needle, sizeof needle, "%s:21:1: date: gap or disorder: expected 01-01 hour 13, found 01-01 hour 14", path);
    expect_error(path, needle);
    broken_copy(path, 1, "LOCATION,nowhere\n", 0);
    expect_error(path, "first line must be LOCATION");
    broken_copy(path, 21, "1983,1,1,13,60\n", 0);
    expect_error(path, "5 fields, at least 22 needed");
    expect_errors(path, 1); /* the row takes its slot: no gap reported at the next */
    broken_copy(path, 21, "1983,1,x,13,60,x,7.0,-8.0,31,100905,697,1415,283,249,22,238,27800,1900,26700,8780,340,1.5\n", 0);
    expect_error(path, "day: 'x' is not a finite number");
    expect_errors(path, 1);
    snprintf(path, sizeof path, "%s/none.epw", tmp);
    expect_error(path, "cannot open");
}

/* The bundled file with every data row's DNI (field 15) set to 9999. */
static void without_beam(const char *path)
{
    FILE *in = fopen(EPW_PATH, "r"), *out = fopen(path, "w");
    assert_non_null(in);
    assert_non_null(out);
    char buf[4096];
    for (int k = 1; fgets(buf, sizeof buf, in); k++) {
        char *at = buf;
        for (int c = 0; k > 8 && c < 14 && at; c++) at = strchr(at, ',') + 1; /* after the 14th comma */
        if (k <= 8) fputs(buf, out);
        else fprintf(out, "%.*s9999%s", (int)(at - buf), buf, strchr(at, ','));
    }
    fclose(in);
    fclose(out);
}

/* The model of the bundled scenario on the weather file at path, with
 * `decomposition` (NULL: auto): its status, the first message into msg. */
static dc_status inputs_on(const char *path, const char *decomposition, char *msg, size_t len)
{
    char yaml[256], text[1024];
    snprintf(yaml, sizeof yaml, "%s/s.yaml", tmp);
    snprintf(text, sizeof text, "weather: {file: %s%s%s}\ngrid: {emission_factor_kg_per_kwh: 0.45}\n"
             "loads:\n  - {name: hall, sector: public, annual_kwh: 1}\n",
             path, decomposition ? ", decomposition: " : "", decomposition ? decomposition : "");
    write_text(yaml, text);
    dc_diag *d = dc_diag_create();
    dc_scenario *s = NULL;
    dc_inputs *in = NULL;
    dc_status st = dc_scenario_load(yaml, &s, d);
    if (st == DC_OK) st = dc_scenario_validate(s, d);
    if (st == DC_OK) st = dc_inputs_load(s, &in, d);
    snprintf(msg, len, "%s", dc_diag_count(d) ? dc_diag_message(d, 0) : "");
    dc_inputs_destroy(&in);
    dc_scenario_destroy(&s);
    dc_diag_destroy(&d);
    return st;
}

/* Beam and diffuse absent from the whole file: Erbs splits every hour.
 * Absent in one hour of a file that has them: a gap, said at its line
 * and column (it used to switch the whole year to Erbs in silence),
 * unless the scenario asks for Erbs in every hour. */
static void beam_gaps(void **state)
{
    (void)state;
    char path[128], row[256], msg[1024], want[512];
    dc_weather_raw w;
    dc_diag *d = dc_diag_create();
    snprintf(path, sizeof path, "%s/w.epw", tmp);
    without_beam(path);
    assert_int_equal(dc_epw_read(path, &w, d), DC_OK);
    assert_false(w.has_beam);
    assert_int_equal(w.beam_gaps, 0);
    dc_weather_raw_free(&w);
    if (inputs_on(path, NULL, msg, sizeof msg) != DC_OK) fail_msg("%s", msg);
    snprintf(row, sizeof row, "1983,1,1,13,60,x,7.0,-8.0,31,100905,697,1415,283,249,9999,238,27800,1900,26700,8780,"
             "340,1.5,0\n");
    broken_copy(path, 21, row, 0);
    assert_int_equal(dc_epw_read(path, &w, d), DC_OK);
    assert_true(w.has_beam);
    assert_int_equal(w.beam_gaps, 1);
    assert_int_equal(w.beam_gap_line, 21);
    assert_int_equal(w.beam_gap_col, (int)(strstr(row, "9999") - row) + 1);
    assert_true(isnan(w.dni[12]) && isnan(w.dhi[12]));
    dc_weather_raw_free(&w);
    assert_int_equal(inputs_on(path, NULL, msg, sizeof msg), DC_ERR_WEATHER);
    snprintf(want, sizeof want, "%s:21:%d: direct normal radiation [Wh/m2]: missing value (9999) in 1 of 8760 rows",
             path, (int)(strstr(row, "9999") - row) + 1);
    if (!strstr(msg, want)) fail_msg("expected '%s' in '%s'", want, msg);
    assert_int_equal(inputs_on(path, "erbs", msg, sizeof msg), DC_OK);
    dc_diag_destroy(&d);
}

/* A header line too few or too many, and a sub-hourly file, are said at
 * the header line, not as a short year or a broken first row. */
static void broken_headers(void **state)
{
    (void)state;
    char path[128], needle[320];
    snprintf(path, sizeof path, "%s/w.epw", tmp);
    broken_copy(path, 7, NULL, 0); /* no COMMENTS 2: the first data row is read as line 8 */
    snprintf(needle, sizeof needle, "%s:8:1: header: a data row where header line 8 (DATA PERIODS) belongs", path);
    expect_error(path, needle);
    expect_errors(path, 1); /* not also "8759 data rows" */
    broken_copy(path, 8, "COMMENTS 3,converted\nDATA PERIODS,1,1,Data,Sunday, 1/ 1,12/31\n", 0);
    snprintf(needle, sizeof needle, "%s:8:1: DATA PERIODS: 'COMMENTS 3' where the 8th header line", path);
    expect_error(path, needle);
    broken_copy(path, 8, "DATA PERIODS,1,4,Data,Sunday, 1/ 1,12/31\n", 0);
    expect_error(path, ":8:16: records per hour: 4 records an hour: decarb reads hourly EPW files");
    broken_copy(path, 8, "DATA PERIODS,1,1,Data,Sunday, 1/ 1,12/31\r\n", 0); /* as written, with Windows line ends */
    dc_weather_raw w;
    dc_diag *d = dc_diag_create();
    assert_int_equal(dc_epw_read(path, &w, d), DC_OK);
    assert_int_equal(w.n, 8760);
    dc_weather_raw_free(&w);
    /* Header names in another case, as some converters write them (EnergyPlus reads them). */
    broken_copy(path, 8, "Data Periods,1,1,Data,Sunday, 1/ 1,12/31\n", 0);
    char mixed[128], buf[4096];
    snprintf(mixed, sizeof mixed, "%s/mixed.epw", tmp);
    FILE *in = fopen(path, "r"), *out = fopen(mixed, "w");
    assert_non_null(in);
    assert_non_null(out);
    for (int k = 1; fgets(buf, sizeof buf, in); k++) {
        if (k == 1) assert_int_equal(strncmp(buf, "LOCATION,", 9), 0), fputs("Location", out);
        fputs(k == 1 ? buf + strlen("LOCATION") : buf, out);
    }
    fclose(in);
    fclose(out);
    assert_int_equal(dc_epw_read(mixed, &w, d), DC_OK);
    assert_int_equal(w.n, 8760);
    assert_near(w.latitude_deg, 36.18, 0.0);
    dc_weather_raw_free(&w);
    dc_diag_destroy(&d);
}

/* A row's fields found wherever its commas fall among the eight-byte
 * words the reader looks at: the year (not read) written with 0 to 8
 * leading zeros shifts every later byte; the row reads as in the file
 * (line 21: GHI 249, DNI 22, DHI 238, 7.0 degC, 100905 Pa, wind 1.5). A
 * '\r' left inside the row ends it, as a comma cannot. */
static void fields_at_every_offset(void **state)
{
    (void)state;
    char path[128], row[512];
    snprintf(path, sizeof path, "%s/w.epw", tmp);
    for (int zeros = 0; zeros <= 8; zeros++) {
        snprintf(row, sizeof row, "%.*s1983,1,1,13,60,A7A7E8*0*0H9H9H9I9I9I9I9*0A7E8*0A7A7*0E8*0*0,7.0,-8.0,31,100905,"
                 "697,1415,283,249,22,238,27800,1900,26700,8780,340,1.5,9,5,11.2,6300,9,999999999,0\n", zeros,
                 "00000000");
        broken_copy(path, 21, row, 0);
        dc_weather_raw w;
        dc_diag *d = dc_diag_create();
        if (dc_epw_read(path, &w, d) != DC_OK) {
            print_diag(d);
            fail_msg("%d leading zeros", zeros);
        }
        assert_near(w.ghi[12], 249.0, 0.0);
        assert_near(w.dni[12], 22.0, 0.0);
        assert_near(w.dhi[12], 238.0, 0.0);
        assert_near(w.temp_c[12], 7.0, 0.0);
        assert_near(w.pressure_mbar[12], 1009.05, 0.0);
        assert_near(w.wind_ms[12], 1.5, 0.0);
        dc_weather_raw_free(&w);
        dc_diag_destroy(&d);
    }
    snprintf(row, sizeof row, "1983,1,1,13,60,x,7.0,-8.0,31,100905,697,1415,283,249,22,238,27800,1900,26700,8780\r,"
             "340,1.5,0\n");
    broken_copy(path, 21, row, 0);
    expect_error(path, "21:1: row: 20 fields, at least 22 needed");
}

/* A copy saved by Windows Notepad or Excel's "CSV UTF-8" starts with a
 * byte-order mark: the same file, read directly and when the scenario
 * leaves the format to be recognised (it was taken for a JMA download). */
static void byte_order_mark(void **state)
{
    (void)state;
    char path[128], yaml[160], set[200];
    snprintf(path, sizeof path, "%s/bom.epw", tmp);
    FILE *in = fopen(EPW_PATH, "rb"), *out = fopen(path, "wb");
    assert_non_null(in);
    assert_non_null(out);
    fputs("\xEF\xBB\xBF", out);
    char buf[4096];
    for (size_t n; (n = fread(buf, 1, sizeof buf, in)) > 0;) fwrite(buf, 1, n, out);
    fclose(in);
    fclose(out);
    dc_weather_raw plain, marked;
    dc_diag *d = dc_diag_create();
    assert_int_equal(dc_epw_read(EPW_PATH, &plain, d), DC_OK);
    assert_int_equal(dc_epw_read(path, &marked, d), DC_OK);
    assert_string_equal(marked.station, plain.station);
    assert_near(marked.latitude_deg, 36.18, 0.0);
    assert_int_equal(marked.n, plain.n);
    assert_memory_equal(marked.ghi, plain.ghi, (size_t)plain.n * sizeof *plain.ghi);
    dc_weather_raw_free(&marked);
    snprintf(yaml, sizeof yaml, "%s/s.yaml", tmp);
    write_scenario(yaml, "grid:\n  emission_factor_kg_per_kwh: 0.45\n");
    snprintf(set, sizeof set, "weather.file=%s", path);
    dc_scenario *s = NULL;
    dc_inputs *inputs = NULL;
    if (dc_scenario_load(yaml, &s, d) != DC_OK || dc_scenario_set(s, set, d) != DC_OK ||
        dc_scenario_validate(s, d) != DC_OK)
        print_diag(d), fail();
    if (dc_inputs_load(s, &inputs, d) != DC_OK) {
        print_diag(d);
        fail_msg("the marked EPW was not read as an EPW");
    }
    assert_memory_equal(inputs->weather.ghi, plain.ghi, (size_t)plain.n * sizeof *plain.ghi);
    dc_inputs_destroy(&inputs);
    dc_scenario_destroy(&s);
    dc_weather_raw_free(&plain);
    dc_diag_destroy(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reads_bundled_file),
        cmocka_unit_test(leap_day_and_time_zone_mapping),
        cmocka_unit_test_setup_teardown(broken_files, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(broken_headers, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(beam_gaps, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(byte_order_mark, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(fields_at_every_offset, tmp_setup, tmp_teardown),
    };
    return cmocka_run_group_tests_name("epw", tests, NULL, NULL);
}
