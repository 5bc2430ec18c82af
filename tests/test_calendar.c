/* Holiday rules against the Cabinet Office list (tests/fixtures), every
 * year 1955-2027, and date arithmetic against known dates. */
#include "helpers.h"

#include "calendar.h"
#include "timeaxis.h"

enum { FIRST_YEAR = 1955, LAST_YEAR = 2027, MAX_DAYS = 2000 };

static int load_reference(long *days)
{
    FILE *fp = fopen("inputs/calendar/syukujitsu.csv", "r");
    assert_non_null(fp);
    char line[256];
    int n = 0, y, m, d;
    while (fgets(line, sizeof line, fp))
        if (sscanf(line, "%d/%d/%d", &y, &m, &d) == 3 && n < MAX_DAYS) days[n++] = dc_days_from_civil(y, m, d);
    fclose(fp);
    return n;
}

static void rules_reproduce_cabinet_office_list(void **state)
{
    (void)state;
    static long ref[MAX_DAYS];
    int n = load_reference(ref), k = 0, mismatches = 0;
    assert_true(n > 1000);
    long last_listed = ref[n - 1];
    for (int y = FIRST_YEAR; y <= LAST_YEAR; y++)
        for (int m = 1; m <= 12; m++)
            for (int d = 1; d <= dc_days_in_month(y, m); d++) {
                long z = dc_days_from_civil(y, m, d);
                if (z > last_listed) continue;
                int listed = k < n && ref[k] == z;
                if (listed) k++;
                if (listed != (dc_jp_holiday(y, m, d) != DC_NOT_HOLIDAY)) {
                    fprintf(stderr, "mismatch %d-%02d-%02d listed=%d\n", y, m, d, listed);
                    mismatches++;
                }
            }
    assert_int_equal(k, n);
    assert_int_equal(mismatches, 0);
}

static void one_off_changes(void **state)
{
    (void)state;
    assert_int_equal(dc_jp_holiday(2019, 4, 30), DC_CITIZENS);  /* between 4/29 and 5/1 */
    assert_int_equal(dc_jp_holiday(2019, 5, 1), DC_HOLIDAY);    /* 即位の日 */
    assert_int_equal(dc_jp_holiday(2019, 5, 2), DC_CITIZENS);
    assert_int_equal(dc_jp_holiday(2019, 10, 22), DC_HOLIDAY);  /* 即位礼正殿の儀 */
    assert_int_equal(dc_jp_holiday(2019, 12, 23), DC_NOT_HOLIDAY);
    assert_int_equal(dc_jp_holiday(2020, 7, 24), DC_HOLIDAY);   /* スポーツの日, Olympics */
    assert_int_equal(dc_jp_holiday(2020, 10, 12), DC_NOT_HOLIDAY);
    assert_int_equal(dc_jp_holiday(2021, 8, 9), DC_SUBSTITUTE); /* 山の日 8/8 was a Sunday */
    assert_int_equal(dc_jp_holiday(2030, 5, 6), DC_SUBSTITUTE); /* こどもの日 on Sunday */
}

static void weekdays_and_leap_years(void **state)
{
    (void)state;
    assert_int_equal(dc_weekday(2003, 10, 17), 5); /* a Friday */
    assert_int_equal(dc_weekday(2030, 5, 5), 0);   /* a Sunday */
    assert_int_equal(dc_weekday(2031, 1, 1), 3);   /* a Wednesday */
    assert_true(dc_is_leap(2028) && dc_is_leap(2000) && !dc_is_leap(2100) && !dc_is_leap(2030));
    int y, m, d;
    dc_civil_from_days(dc_days_from_civil(2028, 2, 29) + 1, &y, &m, &d);
    assert_true(y == 2028 && m == 3 && d == 1);
}

static void fiscal_and_calendar_axes(void **state)
{
    (void)state;
    dc_timeaxis ta;
    assert_int_equal(dc_timeaxis_init(&ta, 2030, 1, 3600), 0);
    assert_int_equal(ta.n, 8760);
    assert_true(ta.t[0].year == 2030 && ta.t[0].month == 4 && ta.t[0].day == 1 && ta.t[0].hour == 0);
    assert_true(ta.t[8759].year == 2031 && ta.t[8759].month == 3 && ta.t[8759].day == 31 && ta.t[8759].hour == 23);
    /* 2030-04-01 00:00 JST = 2030-03-31 15:00 UT; 2030-03-31 is day 11047
     * after 2000-01-01 (JD 2451544.5): 2451544.5 + 11047 + 15/24. */
    assert_near(ta.start_jd, 2462592.125, 1e-9);
    int may6 = (30 + 5) * 24; /* 2030-05-06 00:00 */
    assert_true(ta.t[may6].month == 5 && ta.t[may6].day == 6 && ta.t[may6].offday && ta.t[may6].holiday == DC_SUBSTITUTE);
    int dec28 = (30 + 31 + 30 + 31 + 31 + 30 + 31 + 30 + 27) * 24 + 12; /* 2030-12-28 12:00 */
    assert_true(ta.t[dec28].month == 12 && ta.t[dec28].day == 28);
    assert_true(ta.t[dec28 + 24].offday); /* 29 Dec: year-end break */
    dc_timeaxis_free(&ta);
    assert_int_equal(dc_timeaxis_init(&ta, 2027, 1, 3600), 0); /* February 2028 is leap */
    assert_int_equal(ta.n, 8784);
    dc_timeaxis_free(&ta);
    assert_int_equal(dc_timeaxis_init(&ta, 2028, 0, 1800), 0); /* calendar leap year, 30 min */
    assert_int_equal(ta.n, 17568);
    assert_true(ta.t[1].hour == 0 && ta.t[1].minute == 30);
    dc_timeaxis_free(&ta);
    assert_int_equal(dc_timeaxis_init(&ta, 2030, 1, 7 * 60), -1); /* 7 min does not divide a day */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rules_reproduce_cabinet_office_list),
        cmocka_unit_test(one_off_changes),
        cmocka_unit_test(weekdays_and_leap_years),
        cmocka_unit_test(fiscal_and_calendar_axes),
    };
    return cmocka_run_group_tests_name("calendar", tests, NULL, NULL);
}
