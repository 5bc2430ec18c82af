/* Japanese data in: JMA hourly downloads, 30-minute meter exports laid onto
 * another year by weekday and day type, and a true 30-minute step. The JMA
 * samples are in tests/data/jma (layout, values and line numbers in
 * make_samples.py there); every expected number below is worked out in the
 * comment above it. */
#include "helpers.h"

#include <math.h>

#include "calendar.h"
#include "epw.h"
#include "holidays.h"
#include "jma.h"
#include "meter.h"

#define JMA_DIR "tests/data/jma/"
#define MJ(x) ((x) * 1e6 / 3600.0) /* MJ/m2 in an hour -> mean W/m2 */

static dc_jma_options jma_opts(const char *codes, int fill)
{
    dc_jma_options o = {{0}, 0, fill};
    for (const char *p = codes; *p; p++) o.quality[o.n_quality++] = *p - '0';
    return o;
}

/* Hours are stamped at their end: "2024/2/28 1:00:00" (line 7) is the
 * hour from 0:00, "2024/2/29 0:00:00" (line 30) the last hour of the 28th,
 * then the leap day. Radiation 1.05 MJ/m2 in the hour ending 10:00 on the
 * 28th is 1.05e6 / 3600 = 291.67 W/m2 from 9:00; a blank at night with
 * quality 8 is dark, not missing. On the leap day the hours ending 11-15
 * carry codes 5, 4, 2, 1, 0: accepting 8, 5, 4 and 2 leaves the hours
 * ending 14 and 15 (blank, codes 1 and 0) as gaps, filled linearly between
 * 1.90 (ending 13:00) and 1.20 (ending 16:00): 1.90 - 0.70/3 and
 * 1.90 - 2 x 0.70/3. The missing wind hour (line 57) sits between 2.1 m/s. */
static void jma_sample_read(void **state)
{
    (void)state;
    dc_jma_options o = jma_opts("8542", DC_JMA_FILL_LINEAR);
    dc_weather_raw w;
    dc_diag *d = dc_diag_create();
    assert_int_equal(dc_jma_read(JMA_DIR "tateno_sjis.csv", &o, &w, d), DC_OK);
    assert_int_equal(w.n, 72);
    assert_true(isnan(w.latitude_deg));
    assert_int_equal(w.month[0], 2), assert_int_equal(w.day[0], 28), assert_int_equal(w.hour[0], 0);
    assert_int_equal(w.day[23], 28), assert_int_equal(w.hour[23], 23);
    assert_near(w.temp_c[23], 1.6, 1e-12);
    assert_int_equal(w.day[24], 29), assert_int_equal(w.hour[24], 0);
    assert_int_equal(w.month[48], 3), assert_int_equal(w.day[48], 1);
    assert_near(w.ghi[9], MJ(1.05), 1e-9);
    assert_near(w.ghi[2], 0.0, 0.0);
    assert_near(w.ghi[24 + 10], MJ(1.40), 1e-9); /* code 5 */
    assert_near(w.ghi[24 + 11], MJ(1.70), 1e-9); /* code 4 */
    assert_near(w.ghi[24 + 12], MJ(1.90), 1e-9); /* code 2 */
    assert_near(w.ghi[24 + 13], MJ(1.90 - 0.70 / 3), 1e-9);
    assert_near(w.ghi[24 + 14], MJ(1.90 - 1.40 / 3), 1e-9);
    assert_near(w.wind_ms[50], 2.1, 1e-12);
    assert_near(w.pressure_mbar[0], 1013.2, 1e-12);
    assert_true(diag_has(d, "2 hour(s) filled linearly"));
    assert_true(diag_has(d, "2024-02-29 13:00 (line 44)"));
    assert_true(isnan(w.dni[0]) && !w.has_beam);
    dc_weather_raw_free(&w);
    dc_diag_destroy(&d);
}

/* The default codes (8 and 5) leave the hours ending 12-15 of the leap
 * day (lines 42-45) as gaps: without a fill method that is an error
 * listing them; accepting 8 only adds the code-5 hour (line 41). */
static void jma_quality_codes(void **state)
{
    (void)state;
    const struct {
        const char *codes;
        const char *needles[3];
    } cases[] = {
        {"85", {"4 hour(s) missing", "2024-02-29 11:00 (line 42)", "2024-02-29 14:00 (line 45)"}},
        {"8", {"5 hour(s) missing", "2024-02-29 10:00 (line 41)", "weather.fill: linear"}},
        {"854", {"3 hour(s) missing", "2024-02-29 12:00 (line 43)", "accept_quality"}},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        dc_jma_options o = jma_opts(cases[k].codes, DC_JMA_FILL_NONE);
        dc_weather_raw w;
        dc_diag *d = dc_diag_create();
        assert_int_equal(dc_jma_read(JMA_DIR "tateno_sjis.csv", &o, &w, d), DC_ERR_WEATHER);
        for (int j = 0; j < 3; j++)
            if (!diag_has(d, cases[k].needles[j])) {
                print_diag(d);
                fail_msg("codes %s: no '%s'", cases[k].codes, cases[k].needles[j]);
            }
        assert_true(diag_has(d, "日射量"));
        dc_weather_raw_free(&w);
        dc_diag_destroy(&d);
    }
}

/* The same hours saved as UTF-8 with a byte-order mark and midnight
 * written 24:00 read the same as the Shift_JIS file with 0:00. */
static void jma_utf8_and_24h(void **state)
{
    (void)state;
    dc_jma_options o = jma_opts("8542", DC_JMA_FILL_LINEAR);
    dc_weather_raw a, b;
    dc_diag *d = dc_diag_create();
    assert_int_equal(dc_jma_read(JMA_DIR "tateno_sjis.csv", &o, &a, d), DC_OK);
    assert_int_equal(dc_jma_read(JMA_DIR "tateno_utf8.csv", &o, &b, d), DC_OK);
    assert_int_equal(a.n, b.n);
    for (int k = 0; k < a.n; k++) {
        assert_int_equal(a.day[k], b.day[k]), assert_int_equal(a.hour[k], b.hour[k]);
        assert_near(a.ghi[k], b.ghi[k], 0.0), assert_near(a.temp_c[k], b.temp_c[k], 0.0);
    }
    dc_weather_raw_free(&a);
    dc_weather_raw_free(&b);
    dc_diag_destroy(&d);
}

static void expect_jma_error(const char *path, const char *needle)
{
    dc_jma_options o = jma_opts("85", DC_JMA_FILL_NONE);
    dc_weather_raw w;
    dc_diag *d = dc_diag_create();
    assert_int_equal(dc_jma_read(path, &o, &w, d), DC_ERR_WEATHER);
    if (!diag_has(d, needle)) {
        print_diag(d);
        fail_msg("%s: no '%s'", path, needle);
    }
    assert_true(diag_has(d, path));
    dc_weather_raw_free(&w);
    dc_diag_destroy(&d);
}

/* A copy of the sample with line `at` (1-based) replaced by `with`. */
static void sample_with_line(const char *dst, int at, const char *with)
{
    FILE *in = fopen(JMA_DIR "tateno_utf8.csv", "r"), *out = fopen(dst, "w");
    assert_non_null(in), assert_non_null(out);
    char line[1024];
    for (int k = 1; fgets(line, sizeof line, in); k++) fputs(k == at ? with : line, out);
    fclose(in), fclose(out);
}

static void jma_bad_files(void **state)
{
    (void)state;
    expect_jma_error(JMA_DIR "tateno_eucjp.csv", "EUC-JP");
    expect_jma_error(JMA_DIR "tateno_utf16.csv", "UTF-16");
    expect_jma_error(JMA_DIR "error_page.csv", "an HTML page");
    expect_jma_error(JMA_DIR "no_radiation.csv", "no solar radiation (日射量)");
    char path[128];
    snprintf(path, sizeof path, "%s/t.csv", tmp);
    sample_with_line(path, 20, "2024/2/28 14:00:00,,8,1,2.00,8,1,2.1,8,北西,8,1,1013.2,8,1\r\n");
    expect_jma_error(path, "気温"); /* a blank temperature is a gap even with code 8 */
    sample_with_line(path, 20, "2024/2/28 13:00:00,9.6,8,1,2.00,8,1,2.1,8,北西,8,1,1013.2,8,1\r\n");
    expect_jma_error(path, ":20:1: 年月日時: repeated or earlier hour after 2024-02-28 12:00");
    sample_with_line(path, 20, "2024/2/28 15:00:00,9.6,8,1,2.00,8,1,2.1,8,北西,8,1,1013.2,8,1\r\n");
    expect_jma_error(path, ":20:1: 年月日時: hours missing after 2024-02-28 12:00");
    sample_with_line(path, 20, "2024/2/28 13:61:00,9.6,8,1,2.00,8,1,2.1,8,北西,8,1,1013.2,8,1\r\n");
    expect_jma_error(path, ":20:1: 年月日時");
    sample_with_line(path, 4, "年月日,気温(℃),気温(℃),気温(℃)\r\n");
    expect_jma_error(path, "daily data");
    sample_with_line(path, 1, "Date,Temp\r\n");
    expect_jma_error(path, "not a JMA download");
}

/* A download of two stations: an AMeDAS one with temperature only (水戸,
 * its three columns first, 5.0 degC every hour) and つくば（館野）, which
 * observes 日射量. Each element is read from its first column, so 気温 is
 * 水戸's and 日射量 館野's, and the warning says so. */
static void jma_two_stations(void **state)
{
    (void)state;
    char path[128], line[1024];
    snprintf(path, sizeof path, "%s/two.csv", tmp);
    FILE *in = fopen(JMA_DIR "tateno_utf8.csv", "r"), *out = fopen(path, "w");
    assert_non_null(in);
    assert_non_null(out);
    for (int k = 1; fgets(line, sizeof line, in); k++) {
        char *rest = strchr(line, ',');
        if (!rest) fputs(line, out); /* the download time, the blank line */
        else if (k == 3) fprintf(out, ",水戸,水戸,水戸%s", rest); /* stations */
        else if (k == 4) fprintf(out, "年月日時,気温(℃),気温(℃),気温(℃)%s", rest);
        else if (k == 5) fprintf(out, ",,,%s", rest);
        else if (k == 6) fprintf(out, ",,品質情報,均質番号%s", rest);
        else fprintf(out, "%.*s,5.0,8,1%s", (int)(rest - line), line, rest);
    }
    fclose(in);
    fclose(out);
    dc_jma_options o = jma_opts("8542", DC_JMA_FILL_LINEAR);
    dc_weather_raw a, b;
    dc_diag *d = dc_diag_create();
    assert_int_equal(dc_jma_read(path, &o, &a, d), DC_OK);
    assert_true(diag_has(d, "two.csv:3: warning: the file holds several stations: 気温 from 水戸, 日射量 from つくば（館野）, "
                            "風速 from つくば（館野）, 現地気圧 from つくば（館野）"));
    assert_int_equal(dc_jma_read(JMA_DIR "tateno_utf8.csv", &o, &b, d), DC_OK);
    assert_int_equal(a.n, b.n);
    for (int i = 0; i < a.n; i++) assert_true(a.temp_c[i] == 5.0 && a.ghi[i] == b.ghi[i]);
    dc_weather_raw_free(&a);
    dc_weather_raw_free(&b);
    dc_diag_destroy(&d);
}

/* The EPW's hours written as a JMA download (hour-ending stamps, MJ/m2 to
 * 0.01 as JMA publishes, blanks at night, temperature, wind and pressure
 * as in the EPW), and the EPW read with its GHI split by Erbs as the JMA
 * file must be: the same PV energy to 0.1 %. */
static void epw_as_jma(const char *dst)
{
    dc_weather_raw w;
    dc_diag *d = dc_diag_create();
    assert_int_equal(dc_epw_read(EPW_PATH, &w, d), DC_OK);
    FILE *fp = fopen(dst, "w");
    assert_non_null(fp);
    fprintf(fp, "ダウンロードした時刻：2024/05/01 10:00:00\r\n\r\n,百里,百里,百里,百里,百里,百里,百里,百里,百里,百里,百里\r\n"
                "年月日時,気温(℃),気温(℃),気温(℃),日射量(MJ/㎡),日射量(MJ/㎡),日射量(MJ/㎡),風速(m/s),風速(m/s),"
                "現地気圧(hPa),現地気圧(hPa),現地気圧(hPa)\r\n"
                ",,品質情報,均質番号,,品質情報,均質番号,,品質情報,,品質情報,均質番号\r\n");
    for (int k = 0; k < w.n; k++) {
        double mj = w.ghi[k] * 3600 / 1e6;
        char ghi[32] = "";
        if (w.ghi[k] > 0) snprintf(ghi, sizeof ghi, "%.2f", mj);
        fprintf(fp, "2023/%d/%d %d:00:00,%.1f,8,1,%s,8,1,%.1f,8,%.1f,8,1\r\n", w.month[k], w.day[k], w.hour[k] + 1,
                w.temp_c[k], ghi, w.wind_ms[k], w.pressure_mbar[k]);
    }
    fclose(fp);
    dc_weather_raw_free(&w);
    dc_diag_destroy(&d);
}

static const char *PV_TOWN = "name: pv\nyear: 2030\n"
                             "location: {latitude_deg: 36.18, longitude_deg: 140.42, elevation_m: 35}\n"
                             "grid: {emission_factor_kg_per_kwh: 0.45}\n"
                             "pv_arrays:\n  - {name: roof, capacity_kw: 100, tilt_deg: 30, azimuth_deg: 180}\n"
                             "  - {name: pond, capacity_kw: 500, tilt_deg: 10, azimuth_deg: 160, mounting: floating}\n"
                             "loads:\n  - {name: hall, sector: public, annual_kwh: 400000}\n";

static void jma_matches_epw(void **state)
{
    (void)state;
    char jma[128], a[128], b[128], text[4096], cwd[512];
    assert_non_null(getcwd(cwd, sizeof cwd));
    snprintf(jma, sizeof jma, "%s/hyakuri_jma.csv", tmp);
    epw_as_jma(jma);
    snprintf(a, sizeof a, "%s/epw.yaml", tmp);
    snprintf(text, sizeof text, "weather: {file: %s/" EPW_PATH ", decomposition: erbs}\n%s", cwd, PV_TOWN);
    write_text(a, text);
    snprintf(b, sizeof b, "%s/jma.yaml", tmp);
    snprintf(text, sizeof text, "weather: {file: hyakuri_jma.csv}\n%s", PV_TOWN);
    write_text(b, text);
    run ra, rb;
    run_scenario(&ra, a, NULL, 0);
    run_scenario(&rb, b, NULL, 0);
    dc_totals ta, tb;
    assert_int_equal(dc_model_totals(ra.m, 0, &ta), DC_OK);
    assert_int_equal(dc_model_totals(rb.m, 0, &tb), DC_OK);
    assert_true(ta.pv_kwh > 6e5);
    print_message("PV %.0f kWh from the EPW, %.0f from the JMA file\n", ta.pv_kwh, tb.pv_kwh);
    if (fabs(tb.pv_kwh / ta.pv_kwh - 1) > 1e-3) fail_msg("PV %.0f kWh (JMA) vs %.0f (EPW)", tb.pv_kwh, ta.pv_kwh);
    close_run(&ra);
    close_run(&rb);
}

/* A JMA file that covers a few days cannot make a year: the run is
 * refused, naming the file and the first hour it lacks (1 April, FY2030). */
static void jma_short_file(void **state)
{
    (void)state;
    char path[128], text[2048], cwd[512];
    assert_non_null(getcwd(cwd, sizeof cwd));
    snprintf(path, sizeof path, "%s/short.yaml", tmp);
    snprintf(text, sizeof text, "weather: {file: %s/" JMA_DIR "tateno_sjis.csv, fill: linear}\n%s", cwd, PV_TOWN);
    write_text(path, text);
    dc_scenario *s = NULL;
    dc_inputs *in = NULL;
    dc_model *m = NULL;
    dc_diag *d = dc_diag_create();
    assert_int_equal(dc_scenario_load(path, &s, d), DC_OK);
    assert_int_equal(dc_inputs_load(s, &in, d), DC_OK);
    assert_int_equal(dc_model_create(s, in, &m, d), DC_ERR_WEATHER);
    assert_true(diag_has(d, "tateno_sjis.csv"));
    assert_true(diag_has(d, "lacks dates of the scenario year, first 04-01 00:00"));
    dc_inputs_destroy(&in);
    dc_scenario_destroy(&s);
    dc_diag_destroy(&d);
}

/* ---- 30-minute meter data ---------------------------------------------- */

/* Day k of FY2023 (k = 0 on 2023-04-01), slot s: (k + 1) x 100 + s kWh,
 * so the value a target slot receives names its source day and slot. */
static double code(long k, int s) { return (double)(k + 1) * 100 + s; }

static void write_fy2023_slots(const char *path)
{
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fprintf(fp, "お客さま番号,1234567\n日付,時刻,使用電力量(kWh)\n");
    long first = dc_days_from_civil(2023, 4, 1), last = dc_days_from_civil(2024, 4, 1);
    for (long day = first; day < last; day++) {
        int y, m, d;
        dc_civil_from_days(day, &y, &m, &d);
        for (int s = 0; s < 48; s++) fprintf(fp, "%d/%02d/%02d,%d:%02d,%.0f\n", y, m, d, s / 2, s % 2 * 30, code(day - first, s));
    }
    fclose(fp);
}

static const dc_meter_format SLOTS_FMT = {DC_PROFILE_METER, DC_METER_SLOTS, DC_STAMP_START, DC_METER_KWH,
                                          DC_ALIGN_WEEKDAY, "日付", "時刻", "使用電力量(kWh)"};

static long source_of(const double *v, long day, int slot) { return (long)(v[day * 48 + slot] / 100) - 1; }

/* The FY2023 file written to tmp and read onto target t: n values, which
 * the caller frees; the reader's messages in d. */
static double *fy2023_onto(const dc_meter_format *f, dc_meter_target t, int n_want, dc_diag *d)
{
    char path[128];
    snprintf(path, sizeof path, "%s/fy2023.csv", tmp);
    write_fy2023_slots(path);
    double *v = NULL;
    int n = 0;
    assert_int_equal(dc_meter_read(path, "loads[0].profile_file", f, &t, &v, &n, d), DC_OK);
    assert_int_equal(n, n_want);
    return v;
}

/* FY2023 laid onto FY2030, Golden Week 2030 by hand. Each target day
 * starts from the same month and day of FY2023 and takes the nearest day
 * within two weeks with its weekday and day type, else the nearest within a
 * week with its day type (calendar: 2023-04-29 Sat 昭和の日, 05-03 Wed .. 05-05 Fri
 * holidays; 2030-04-29 Mon 昭和の日, 05-03 Fri .. 05-05 Sun, 05-06 Mon 振替休日):
 *   2030-04-27 Sat  -> 2023-04-29 Sat (off)     2030-05-02 Thu -> 2023-04-27 Thu
 *   2030-04-28 Sun  -> 2023-04-30 Sun           2030-05-03 Fri -> 2023-05-05 Fri (off)
 *   2030-04-29 Mon* -> 2023-04-29 Sat (no off   2030-05-04 Sat -> 2023-05-06 Sat
 *                      Monday within 2 weeks)   2030-05-05 Sun -> 2023-05-07 Sun
 *   2030-04-30 Tue  -> 2023-05-02 Tue           2030-05-06 Mon*-> 2023-05-06 Sat
 *   2030-05-01 Wed  -> 2023-04-26 Wed (05-03    2030-05-07 Tue -> 2023-05-09 Tue
 *                      is a holiday)                                               */
static void meter_golden_week_by_hand(void **state)
{
    (void)state;
    dc_diag *d = dc_diag_create();
    double *v = fy2023_onto(&SLOTS_FMT, (dc_meter_target){2030, 1, 30, NULL}, 365 * 48, d);
    assert_true(diag_has(d, "laid onto FY2030 by weekday and day type"));
    const struct { int tm, td, sm, sd; } week[] = {
        {4, 27, 4, 29}, {4, 28, 4, 30}, {4, 29, 4, 29}, {4, 30, 5, 2}, {5, 1, 4, 26}, {5, 2, 4, 27},
        {5, 3, 5, 5},   {5, 4, 5, 6},   {5, 5, 5, 7},   {5, 6, 5, 6},  {5, 7, 5, 9},
    };
    long t0 = dc_days_from_civil(2030, 4, 1), s0 = dc_days_from_civil(2023, 4, 1);
    for (size_t k = 0; k < sizeof week / sizeof week[0]; k++) {
        long day = dc_days_from_civil(2030, week[k].tm, week[k].td) - t0;
        long want = dc_days_from_civil(2023, week[k].sm, week[k].sd) - s0;
        if (source_of(v, day, 0) != want)
            fail_msg("2030-%02d-%02d took FY2023 day %ld, not %ld (%02d-%02d)", week[k].tm, week[k].td,
                     source_of(v, day, 0), want, week[k].sm, week[k].sd);
        for (int s = 0; s < 48; s++) assert_near(v[day * 48 + s], code(want, s), 0.0);
    }
    /* Over the whole year: every day keeps its day type, every Monday that
     * is a working day comes from a Monday that was one. */
    for (long day = 0; day < 365; day++) {
        int y, m, dd, sy, sm, sd;
        dc_civil_from_days(t0 + day, &y, &m, &dd);
        dc_civil_from_days(s0 + source_of(v, day, 0), &sy, &sm, &sd);
        assert_int_equal(dc_is_offday(y, m, dd), dc_is_offday(sy, sm, sd));
        if (dc_weekday(y, m, dd) == dc_weekday(2030, 4, 1) && !dc_is_offday(y, m, dd) &&
            dc_weekday(sy, sm, sd) != dc_weekday(y, m, dd))
            fail_msg("working Monday %d-%02d-%02d took %d-%02d-%02d", y, m, dd, sy, sm, sd);
    }
    free(v);
    dc_diag_destroy(&d);
}

/* Aligned by date instead, and at an hourly step: 2030-05-03 takes
 * 2023-05-03 (day 32 of FY2023), hour h the sum of slots 2h and 2h + 1:
 * 2 x 3300 + 4h + 1. */
static void meter_by_date_hourly(void **state)
{
    (void)state;
    dc_meter_format f = SLOTS_FMT;
    f.align = DC_ALIGN_DATE;
    dc_diag *d = dc_diag_create();
    double *v = fy2023_onto(&f, (dc_meter_target){2030, 1, 60, NULL}, 8760, d);
    long day = dc_days_from_civil(2030, 5, 3) - dc_days_from_civil(2030, 4, 1);
    for (int h = 0; h < 24; h++) assert_near(v[day * 24 + h], 2 * 3300 + 4 * h + 1, 0.0);
    assert_true(diag_has(d, "by date"));
    free(v);
    dc_diag_destroy(&d);
}

/* A day per row, 48 slots of mean kW (day k of FY2024 reads k + 1 kW),
 * Shift_JIS, laid onto calendar 2030 by date: 1 January 2030 takes
 * 2025-01-01, day 275 of FY2024: 276 kW over half an hour, 138 kWh. */
/* A days file of FY2024 in kW (day k's slots all k + 1), its dates
 * written with date_fmt, laid onto FY2030 by date. */
static void days_layout_kw(const char *date_fmt)
{
    char path[128];
    snprintf(path, sizeof path, "%s/days.csv", tmp);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs("\x94N\x8c\x8e\x93\xfa", fp); /* 年月日 in Shift_JIS */
    for (int s = 0; s < 48; s++) fprintf(fp, ",%d:%02d", s / 2, s % 2 * 30);
    fputs("\r\n", fp);
    long first = dc_days_from_civil(2024, 4, 1);
    for (long k = 0; k < 365; k++) {
        int y, m, d;
        dc_civil_from_days(first + k, &y, &m, &d);
        fprintf(fp, date_fmt, y, m, d);
        for (int s = 0; s < 48; s++) fprintf(fp, ",%ld", k + 1);
        fputs("\r\n", fp);
    }
    fclose(fp);
    dc_meter_format f = {DC_PROFILE_METER, DC_METER_DAYS, DC_STAMP_START, DC_METER_KW, DC_ALIGN_DATE, "年月日", "", "2"};
    dc_meter_target t = {2030, 0, 30, NULL};
    double *v = NULL;
    int n = 0;
    dc_diag *d = dc_diag_create();
    if (dc_meter_read(path, "f", &f, &t, &v, &n, d) != DC_OK) {
        print_diag(d);
        fail_msg("dates as %s", date_fmt);
    }
    assert_int_equal(n, 365 * 48);
    assert_near(v[0], 276 * 0.5, 0.0);
    assert_near(v[47], 276 * 0.5, 0.0);
    long mar1 = dc_days_from_civil(2030, 3, 1) - dc_days_from_civil(2030, 1, 1);
    assert_near(v[mar1 * 48], (dc_days_from_civil(2025, 3, 1) - first + 1) * 0.5, 0.0);
    free(v);
    dc_diag_destroy(&d);
}

/* The same year whether its dates are written 20240401 or as Japanese
 * Excel shows them, 2024年4月1日 (in Shift_JIS, as it saves them). */
static void meter_days_layout_kw(void **state)
{
    (void)state;
    days_layout_kw("%04d%02d%02d");
    days_layout_kw("%d\x94N%d\x8c\x8e%d\x93\xfa");
}

/* Bad meter files: each error names the file, and the line where there is one. */
static void expect_meter_error(const dc_meter_format *f, const char *text, const char *needle)
{
    char path[128];
    snprintf(path, sizeof path, "%s/bad.csv", tmp);
    write_text(path, text);
    dc_meter_target t = {2030, 1, 30, NULL};
    double *v = NULL;
    int n = 0;
    dc_diag *d = dc_diag_create();
    assert_int_equal(dc_meter_read(path, "loads[0].profile_file", f, &t, &v, &n, d), DC_ERR_LOAD);
    if (!diag_has(d, needle)) {
        print_diag(d);
        fail_msg("no '%s'", needle);
    }
    assert_true(diag_has(d, "bad.csv"));
    assert_null(v);
    dc_diag_destroy(&d);
}

static void meter_bad_files(void **state)
{
    (void)state;
    dc_meter_format days = {DC_PROFILE_METER, DC_METER_DAYS, DC_STAMP_START, DC_METER_KWH, DC_ALIGN_WEEKDAY, "1", "", "2"};
    char row49[1024] = "date", *p;
    p = row49 + strlen(row49);
    for (int s = 0; s < 49; s++) p += sprintf(p, ",%d", s);
    char text[1200];
    expect_meter_error(&days, "date\n2023/4/1,1,2\n", "bad.csv:2:4: loads[0].profile_file: slot 3 missing");
    /* 2023/4/1 then 49 values: the 49th is column 50 of line 2 */
    snprintf(text, sizeof text, "date\n2023/4/1%s\n", row49 + 4);
    expect_meter_error(&days, text, "bad.csv:2:50: loads[0].profile_file: a 49th slot");
    expect_meter_error(&SLOTS_FMT, "日付,時刻,使用電力量(kWh)\n2023/4/1,0:00,1\n2023/4/1,0:00,2\n",
                       "bad.csv:3:3: loads[0].profile_file: slot 1 of this day already given on line 2");
    expect_meter_error(&SLOTS_FMT, "日付,時刻,使用電力量(kWh)\n2023/4/1,0:15,1\n", "0:15 is not a 30-minute slot");
    expect_meter_error(&SLOTS_FMT, "日付,時刻,使用電力量(kWh)\n2023/4/1,0:00,1\n2023/4/1,1:00,1\n",
                       "46 slot(s) missing: 2023-04-01 00:30");
    expect_meter_error(&SLOTS_FMT, "日付,時刻,使用電力量(kWh)\n2023/4/1,0:00,\"1,23\"\n", "'1,23' is not a reading");
    expect_meter_error(&SLOTS_FMT, "日付,時刻,使用電力量(kWh)\n2023/4/1,0:00,-1\n", "'-1' is not a reading >= 0");
    expect_meter_error(&SLOTS_FMT, "日付,時刻,kWh\n2023/4/1,0:00,1\n", "no row names the columns '日付'");
    expect_meter_error(&SLOTS_FMT, "<!DOCTYPE html><html>ログイン</html>\n", "an HTML page");
    /* an era date (令和) is not read: the message shows what was found */
    expect_meter_error(&days, "date\n令和5年4月1日,1,2\n", "no date in column 1");
    expect_meter_error(&days, "date\n令和5年4月1日,1,2\n", "the first there is '令和5年4月1日'");
    expect_meter_error(&days, "date\n2023/4/1,1,2\n合計,1,2\n", "bad.csv:3:1: loads[0].profile_file: '合計' is not a "
                       "date (a totals row? delete it");
    /* 200 whole days: not a year */
    char path[128];
    snprintf(path, sizeof path, "%s/bad.csv", tmp);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fprintf(fp, "date\n");
    long first = dc_days_from_civil(2023, 4, 1);
    for (long k = 0; k < 200; k++) {
        int y, m, d;
        dc_civil_from_days(first + k, &y, &m, &d);
        fprintf(fp, "%d/%d/%d", y, m, d);
        for (int s = 0; s < 48; s++) fprintf(fp, ",1");
        fprintf(fp, "\n");
    }
    fclose(fp);
    dc_meter_target t = {2030, 1, 30, NULL};
    double *v = NULL;
    int n = 0;
    dc_diag *d = dc_diag_create();
    assert_int_equal(dc_meter_read(path, "f", &days, &t, &v, &n, d), DC_ERR_LOAD);
    assert_true(diag_has(d, "200 days"));
    dc_diag_destroy(&d);
}

/* ---- a true 30-minute step ---------------------------------------------- */

/* An office's year of 30-minute readings (ILLUSTRATIVE: 60 kW on working
 * days 8:30-18:00, 15 kW otherwise, a 6 kW ripple between the half hours),
 * FY2023, laid onto FY2030 at 30 and at 60 minutes, with PV and a battery
 * behind the meter: the same annual totals to 0.5 %, balance closed. The
 * battery's throughput is not among them: at 30 minutes it sees the ripple
 * the hourly step averages away and cycles more (measured +8.6 %). */
static void write_office(const char *path)
{
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fprintf(fp, "日付,時刻,使用電力量(kWh)\n");
    long first = dc_days_from_civil(2023, 4, 1), last = dc_days_from_civil(2024, 4, 1);
    for (long day = first; day < last; day++) {
        int y, m, d;
        dc_civil_from_days(day, &y, &m, &d);
        int work = !dc_is_offday(y, m, d);
        for (int s = 0; s < 48; s++) {
            double kw = work && s >= 17 && s < 36 ? 60 : 15;
            fprintf(fp, "%d/%d/%d,%d:%02d,%.1f\n", y, m, d, s / 2, s % 2 * 30, 0.5 * (kw + (s % 2 ? 3 : -3)));
        }
    }
    fclose(fp);
}

static void half_hour_matches_hourly(void **state)
{
    (void)state;
    char meter[128], path[128], body[2048];
    snprintf(meter, sizeof meter, "%s/office.csv", tmp);
    write_office(meter);
    snprintf(path, sizeof path, "%s/office.yaml", tmp);
    snprintf(body, sizeof body,
             "grid: {emission_factor_kg_per_kwh: 0.45, export_limit_kw: 0}\n"
             "pv_arrays:\n  - {name: roof, capacity_kw: 120, tilt_deg: 20, azimuth_deg: 180}\n"
             "batteries:\n  - {name: bat, energy_kwh: 100, power_kw: 50}\n"
             "loads:\n  - {name: office, sector: commercial, profile_file: office.csv, profile_format: meter,\n"
             "     meter_date_column: 日付, meter_time_column: 時刻, meter_value_column: 使用電力量(kWh)}\n");
    write_scenario(path, body);
    const char *half[] = {"step_minutes=30"};
    run a, b;
    run_scenario(&a, path, NULL, 0);
    run_scenario(&b, path, half, 1);
    assert_int_equal(dc_model_steps(b.m), 17520);
    dc_totals ta, tb;
    assert_int_equal(dc_model_totals(a.m, 0, &ta), DC_OK);
    assert_int_equal(dc_model_totals(b.m, 0, &tb), DC_OK);
    assert_near(tb.demand_kwh, ta.demand_kwh, 1e-6 * ta.demand_kwh); /* the same slots, summed in pairs */
    const struct { const char *name; double a, b; } q[] = {
        {"pv", ta.pv_kwh, tb.pv_kwh},
        {"import", ta.import_kwh, tb.import_kwh},
        {"export", ta.export_kwh, tb.export_kwh},
        {"curtailed", ta.curtailed_kwh, tb.curtailed_kwh},
        {"self-sufficiency x demand", ta.self_sufficiency * ta.demand_kwh, tb.self_sufficiency * tb.demand_kwh},
    };
    for (size_t k = 0; k < sizeof q / sizeof q[0]; k++)
        if (fabs(q[k].b - q[k].a) > 0.005 * fmax(q[k].a, 0.05 * ta.demand_kwh))
            fail_msg("%s: %.1f kWh at 30 min vs %.1f hourly", q[k].name, q[k].b, q[k].a);
    assert_true(ta.max_residual_kwh <= 1e-6 && tb.max_residual_kwh <= 1e-6);
    dc_series_info info;
    for (size_t k = 0; dc_model_series_get(b.m, k, &info) == 0; k++) {
        if (strcmp(info.quantity, "balance_residual")) continue;
        const double *res = dc_model_series_at(b.m, k);
        for (size_t i = 0; i < 17520; i++) assert_true(fabs(res[i]) <= 1e-6);
    }
    close_run(&a);
    close_run(&b);
}

/* A 30-minute export given as a plain profile: the error says what it is. */
static void plain_profile_hint(void **state)
{
    (void)state;
    char path[128], prof[128], body[1024];
    snprintf(prof, sizeof prof, "%s/p.csv", tmp);
    FILE *fp = fopen(prof, "w");
    assert_non_null(fp);
    fprintf(fp, "kwh\n");
    for (int i = 0; i < 8760 + 24; i++) fprintf(fp, "1\n");
    fclose(fp);
    snprintf(path, sizeof path, "%s/p.yaml", tmp);
    snprintf(body, sizeof body, "grid: {emission_factor_kg_per_kwh: 0.45}\nloads:\n  - {name: l, sector: public, profile_file: p.csv}\n");
    write_scenario(path, body);
    dc_scenario *s = NULL;
    dc_inputs *in = NULL;
    dc_model *m = NULL;
    dc_diag *d = dc_diag_create();
    assert_int_equal(dc_scenario_load(path, &s, d), DC_OK);
    dc_status st = dc_inputs_load(s, &in, d);
    if (st == DC_OK) st = dc_model_create(s, in, &m, d);
    assert_int_not_equal(st, DC_OK);
    if (!diag_has(d, "set profile_format: meter")) {
        print_diag(d);
        fail_msg("no hint");
    }
    dc_model_destroy(&m);
    dc_inputs_destroy(&in);
    dc_scenario_destroy(&s);
    dc_diag_destroy(&d);
}

/* ---- the Cabinet Office's holiday list ----------------------------------- */

/* inputs/calendar/syukujitsu.csv (Shift_JIS) as published: 1955-2027, and
 * the one-off moves of the 2021 Olympics (海の日 on Thursday 22 July, not
 * the third Monday, 19 July); outside its years the rules answer. */
static void holiday_list_read(void **state)
{
    (void)state;
    dc_holidays h;
    dc_diag *d = dc_diag_create();
    dc_status st = dc_holidays_read("inputs/calendar/syukujitsu.csv", "holidays_file", &h, d);
    if (st != DC_OK) print_diag(d);
    assert_int_equal(st, DC_OK);
    FILE *fp = fopen("inputs/calendar/syukujitsu.csv", "r");
    assert_non_null(fp);
    int lines = 0;
    for (int c; (c = fgetc(fp)) != EOF;) lines += c == '\n';
    fclose(fp);
    assert_int_equal(h.n, lines - 1); /* every row but the header */
    assert_int_equal(h.first_year, 1955), assert_int_equal(h.last_year, 2027);
    assert_int_equal(dc_holiday_in(&h, 2021, 7, 22), DC_HOLIDAY);
    assert_int_equal(dc_holiday_in(&h, 2021, 7, 19), DC_NOT_HOLIDAY);
    assert_int_equal(dc_holiday_in(&h, 2030, 5, 6), DC_SUBSTITUTE); /* 2030: the rules */
    dc_holidays_free(&h);
    dc_diag_destroy(&d);
}

/* A list for 2030-2031 as a future Cabinet Office file might read: the
 * rules' holidays, less 秋分の日 (Monday 23 September 2030) and plus a day
 * added by law on Monday 22 July 2030 (HYPOTHETICAL, for the test): the
 * scenario's days follow the list, and a meter profile's alignment too. */
static void holiday_list_overrides_rules(void **state)
{
    (void)state;
    char list[128], path[128], body[1024];
    snprintf(list, sizeof list, "%s/syukujitsu.csv", tmp);
    FILE *fp = fopen(list, "w");
    assert_non_null(fp);
    fputs("\x8d\x91\x96\xaf\x82\xcc\x8f\x6a\x93\xfa\x81\x45\x8b\x78\x93\xfa\x8c\x8e\x93\xfa,name\r\n", fp);
    for (long day = dc_days_from_civil(2030, 1, 1); day < dc_days_from_civil(2032, 1, 1); day++) {
        int y, m, dd;
        dc_civil_from_days(day, &y, &m, &dd);
        int listed = (dc_jp_holiday(y, m, dd) && !(m == 9 && dd == 23 && y == 2030)) || (y == 2030 && m == 7 && dd == 22);
        if (listed) fprintf(fp, "%d/%d/%d,x\r\n", y, m, dd);
    }
    fclose(fp);
    snprintf(path, sizeof path, "%s/town.yaml", tmp);
    snprintf(body, sizeof body, "holidays_file: syukujitsu.csv\ngrid: {emission_factor_kg_per_kwh: 0.45}\n"
                                "loads:\n  - {name: hall, sector: public, annual_kwh: 100000}\n");
    write_scenario(path, body);
    const char *rules[] = {"holidays_file="};
    run with, without;
    open_run(&with, path, NULL, 0);
    open_run(&without, path, rules, 1);
    long d0 = dc_days_from_civil(2030, 4, 1);
    size_t jul22 = (size_t)(dc_days_from_civil(2030, 7, 22) - d0) * 24 + 12;
    size_t sep23 = (size_t)(dc_days_from_civil(2030, 9, 23) - d0) * 24 + 12;
    dc_time t;
    assert_int_equal(dc_model_time(with.m, jul22, &t), 0), assert_int_equal(t.offday, 1);
    assert_int_equal(dc_model_time(without.m, jul22, &t), 0), assert_int_equal(t.offday, 0);
    assert_int_equal(dc_model_time(with.m, sep23, &t), 0), assert_int_equal(t.offday, 0);
    assert_int_equal(dc_model_time(without.m, sep23, &t), 0), assert_int_equal(t.offday, 1);
    /* The public-sector shape is lower on an off day: the load follows. */
    const double *a = dc_model_series(with.m, "load:hall:demand"), *b = dc_model_series(without.m, "load:hall:demand");
    assert_non_null(a), assert_non_null(b);
    assert_true(a[jul22] < b[jul22] && a[sep23] > b[sep23]);
    close_run(&with);
    close_run(&without);
    /* A meter profile laid on FY2030: 22 July 2030 now takes an off day. */
    dc_holidays h;
    dc_diag *d = dc_diag_create();
    assert_int_equal(dc_holidays_read(list, "holidays_file", &h, d), DC_OK);
    double *v = fy2023_onto(&SLOTS_FMT, (dc_meter_target){2030, 1, 30, &h}, 365 * 48, d);
    long src = source_of(v, dc_days_from_civil(2030, 7, 22) - d0, 0);
    int y, m, dd;
    dc_civil_from_days(dc_days_from_civil(2023, 4, 1) + src, &y, &m, &dd);
    assert_true(dc_is_offday(y, m, dd));
    free(v);
    dc_holidays_free(&h);
    dc_diag_destroy(&d);
}

static void holiday_list_errors(void **state)
{
    (void)state;
    char list[128];
    snprintf(list, sizeof list, "%s/h.csv", tmp);
    write_text(list, "date,name\n2030/1/1,元日\n2030/13/1,x\n");
    dc_holidays h;
    dc_diag *d = dc_diag_create();
    assert_int_equal(dc_holidays_read(list, "holidays_file", &h, d), DC_ERR_CALENDAR);
    assert_true(diag_has(d, "h.csv:3:1: holidays_file: '2030/13/1,x' is not a date"));
    assert_null(h.days);
    dc_diag_destroy(&d);
}

/* The bundled half-hour scenario: JMA-layout weather (the IWEC year
 * rewritten), a 30-minute meter export laid onto FY2030, the holiday list.
 * Balanced every half hour, and its weather file gives the EPW's PV. */
static void bundled_half_hour_town(void **state)
{
    (void)state;
    char cwd[512], epw[700];
    assert_non_null(getcwd(cwd, sizeof cwd));
    snprintf(epw, sizeof epw, "weather.file=%s/" EPW_PATH, cwd);
    const char *as_epw[] = {epw, "weather.decomposition=erbs", "weather.substeps=interpolate"};
    run a, b;
    run_scenario(&a, "scenarios/half_hour_town.yaml", NULL, 0);
    run_scenario(&b, "scenarios/half_hour_town.yaml", as_epw, 3);
    assert_int_equal(dc_model_steps(a.m), 17520);
    dc_totals ta, tb;
    assert_int_equal(dc_model_totals(a.m, 0, &ta), DC_OK);
    assert_int_equal(dc_model_totals(b.m, 0, &tb), DC_OK);
    assert_true(ta.max_residual_kwh <= 1e-6);
    assert_near(ta.demand_kwh, tb.demand_kwh, 0.0);
    if (fabs(ta.pv_kwh / tb.pv_kwh - 1) > 1e-3) fail_msg("PV %.0f (JMA layout) vs %.0f (EPW)", ta.pv_kwh, tb.pv_kwh);
    close_run(&a);
    close_run(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(jma_sample_read),
        cmocka_unit_test(jma_quality_codes),
        cmocka_unit_test(jma_utf8_and_24h),
        cmocka_unit_test_setup_teardown(jma_two_stations, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(jma_bad_files, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(jma_matches_epw, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(jma_short_file, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(meter_golden_week_by_hand, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(meter_by_date_hourly, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(meter_days_layout_kw, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(meter_bad_files, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(half_hour_matches_hourly, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(plain_profile_hint, tmp_setup, tmp_teardown),
        cmocka_unit_test(bundled_half_hour_town),
        cmocka_unit_test(holiday_list_read),
        cmocka_unit_test_setup_teardown(holiday_list_overrides_rules, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(holiday_list_errors, tmp_setup, tmp_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
