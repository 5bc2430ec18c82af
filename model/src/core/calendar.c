/* Holiday rules from the 国民の祝日に関する法律 (1948) and its amendments:
 * 振替休日 from 1973-04-12 (next day only until 2006, the next non-holiday
 * from 2007), 国民の休日 from 1985-12-27, Happy Monday moves of 2000 and
 * 2003, and the one-off days of the imperial ceremonies and the 2020/2021
 * Olympic moves (東京オリンピック特別措置法). Equinox days follow the
 * approximation used by the National Astronomical Observatory of Japan. */
#include "calendar.h"

#include <stddef.h>

#include <math.h>

long dc_days_from_civil(int y, int m, int d)
{
    /* H. Hinnant, "chrono-compatible low-level date algorithms" */
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void dc_civil_from_days(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

int dc_weekday(int y, int m, int d)
{
    long z = dc_days_from_civil(y, m, d);
    return (int)((z % 7 + 11) % 7);  /* 1970-01-01 was a Thursday */
}

int dc_is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int dc_days_in_month(int y, int m)
{
    static const int n[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && dc_is_leap(y) ? 29 : n[m - 1];
}

static int equinox_day(int y, double c1979, double c2099, double c2150)
{
    double c = y <= 1979 ? c1979 : (y <= 2099 ? c2099 : c2150);
    int leaps = y <= 1979 ? (y - 1983) / 4 : (y - 1980) / 4; /* truncated, as NAOJ's */
    return (int)floor(c + 0.242194 * (y - 1980) - leaps);
}

static int vernal_equinox(int y) { return equinox_day(y, 20.8357, 20.8431, 21.8510); }
static int autumnal_equinox(int y) { return equinox_day(y, 23.2588, 23.2488, 24.2488); }

/* Day of month of the n-th Monday. */
static int nth_monday(int y, int m, int n)
{
    int first = dc_weekday(y, m, 1);
    return 1 + (8 - first) % 7 + 7 * (n - 1);
}

static int one_off(int y, int m, int d)
{
    static const int days[][3] = {
        {1959, 4, 10}, {1989, 2, 24}, {1990, 11, 12}, {1993, 6, 9},
        {2019, 5, 1},  {2019, 10, 22},
    };
    for (unsigned i = 0; i < sizeof days / sizeof days[0]; i++)
        if (days[i][0] == y && days[i][1] == m && days[i][2] == d) return 1;
    return 0;
}

static int olympic_year(int y) { return y == 2020 || y == 2021; }

static int marine_day(int y, int m, int d)  /* 海の日 */
{
    if (m != 7 || y < 1996) return 0;
    if (y == 2020) return d == 23;
    if (y == 2021) return d == 22;
    return y <= 2002 ? d == 20 : d == nth_monday(y, 7, 3);
}

static int sports_day(int y, int m, int d)  /* 体育の日 / スポーツの日 */
{
    if (y < 1966) return 0;
    if (y == 2020) return m == 7 && d == 24;
    if (y == 2021) return m == 7 && d == 23;
    if (m != 10) return 0;
    return y <= 1999 ? d == 10 : d == nth_monday(y, 10, 2);
}

static int mountain_day(int y, int m, int d)  /* 山の日 */
{
    if (m != 8 || y < 2016) return 0;
    if (y == 2020) return d == 10;
    if (y == 2021) return d == 8;
    return d == 11;
}

static int fixed_or_moving(int y, int m, int d)
{
    switch (m) {
    case 1:
        return d == 1 || d == (y <= 1999 ? 15 : nth_monday(y, 1, 2));
    case 2:
        return (d == 11 && y >= 1967) || (d == 23 && y >= 2020);
    case 3:
        return d == vernal_equinox(y);
    case 4:
        return d == 29;
    case 5:
        return d == 3 || d == 5 || (d == 4 && y >= 2007);
    case 9:
        if (d == autumnal_equinox(y)) return 1;
        if (y < 1966) return 0;
        return d == (y <= 2002 ? 15 : nth_monday(y, 9, 3));
    case 11:
        return d == 3 || d == 23;
    case 12:
        return d == 23 && y >= 1989 && y <= 2018;
    default:
        return 0;
    }
}

/* 国民の祝日 proper, before substitute and citizens' holidays. */
static int named_holiday(int y, int m, int d)
{
    if (olympic_year(y) && (m == 7 || m == 8 || m == 10))
        return marine_day(y, m, d) || sports_day(y, m, d) || mountain_day(y, m, d);
    return fixed_or_moving(y, m, d) || marine_day(y, m, d) || sports_day(y, m, d) ||
           mountain_day(y, m, d) || one_off(y, m, d);
}

static int named_on_day(long z)
{
    int y, m, d;
    dc_civil_from_days(z, &y, &m, &d);
    return named_holiday(y, m, d);
}

static int substitute(long z)
{
    long start = dc_days_from_civil(1973, 4, 12);
    int chain = z >= dc_days_from_civil(2007, 1, 1);
    for (long k = z - 1; named_on_day(k); k--) {
        if ((k % 7 + 11) % 7 == 0) return k >= start;
        if (!chain) return 0;
    }
    return 0;
}

int dc_jp_holiday(int y, int m, int d)
{
    if (named_holiday(y, m, d)) return DC_HOLIDAY;
    long z = dc_days_from_civil(y, m, d);
    if (substitute(z)) return DC_SUBSTITUTE;
    int sunday = dc_weekday(y, m, d) == 0;
    if (z >= dc_days_from_civil(1985, 12, 27) && !(sunday && y < 2007) &&
        named_on_day(z - 1) && named_on_day(z + 1))
        return DC_CITIZENS;
    return DC_NOT_HOLIDAY;
}

int dc_is_offday(int y, int m, int d) { return dc_is_offday_in(NULL, y, m, d); }

int dc_holiday_in(const dc_holidays *h, int y, int m, int d)
{
    if (!h || !h->n || y < h->first_year || y > h->last_year) return dc_jp_holiday(y, m, d);
    long day = dc_days_from_civil(y, m, d);
    int lo = 0, hi = h->n - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        if (h->days[mid] == day) return DC_HOLIDAY;
        if (h->days[mid] < day) lo = mid + 1;
        else hi = mid - 1;
    }
    return DC_NOT_HOLIDAY;
}

int dc_is_offday_in(const dc_holidays *h, int y, int m, int d)
{
    int wd = dc_weekday(y, m, d);
    return wd == 0 || wd == 6 || dc_holiday_in(h, y, m, d) || (m == 12 && d >= 29) || (m == 1 && d <= 3);
}
