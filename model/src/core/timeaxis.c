#include "timeaxis.h"

#include <stdlib.h>

#include "calendar.h"

enum { SECONDS_PER_DAY = 86400, JST_OFFSET_S = 9 * 3600 };
static const double JD_UNIX_EPOCH = 2440587.5; /* Julian day of 1970-01-01 00:00 UT */

static int year_end_break(int m, int d) { return (m == 12 && d >= 29) || (m == 1 && d <= 3); }

static void fill_stamp(dc_stamp *s, long day, int sec_of_day, const dc_holidays *h)
{
    int y, m, d;
    dc_civil_from_days(day, &y, &m, &d);
    s->year = (short)y;
    s->month = (signed char)m;
    s->day = (signed char)d;
    s->hour = (signed char)(sec_of_day / 3600);
    s->minute = (signed char)(sec_of_day % 3600 / 60);
    s->weekday = (signed char)dc_weekday(y, m, d);
    s->holiday = (signed char)dc_holiday_in(h, y, m, d);
    s->offday = (signed char)(s->weekday == 0 || s->weekday == 6 || s->holiday ||
                              year_end_break(m, d));
}

int dc_timeaxis_init(dc_timeaxis *ta, int year, int fiscal, int step_s)
{
    return dc_timeaxis_init_with(ta, year, fiscal, step_s, NULL);
}

int dc_timeaxis_init_with(dc_timeaxis *ta, int year, int fiscal, int step_s, const dc_holidays *h)
{
    if (step_s <= 0 || SECONDS_PER_DAY % step_s != 0) return -1;
    long first = fiscal ? dc_days_from_civil(year, 4, 1) : dc_days_from_civil(year, 1, 1);
    long last = fiscal ? dc_days_from_civil(year + 1, 4, 1) : dc_days_from_civil(year + 1, 1, 1);
    int per_day = SECONDS_PER_DAY / step_s;
    ta->n = (int)(last - first) * per_day;
    ta->step_s = step_s;
    ta->year = year;
    ta->fiscal = fiscal;
    ta->start_jd = JD_UNIX_EPOCH + first - (double)JST_OFFSET_S / SECONDS_PER_DAY;
    ta->t = malloc((size_t)ta->n * sizeof *ta->t);
    if (!ta->t) return -1;
    for (int i = 0; i < ta->n; i++) {
        if (i % per_day == 0) { /* the calendar once per day, the clock every step */
            fill_stamp(&ta->t[i], first + i / per_day, 0, h);
            continue;
        }
        int sec = i % per_day * step_s;
        ta->t[i] = ta->t[i - 1];
        ta->t[i].hour = (signed char)(sec / 3600);
        ta->t[i].minute = (signed char)(sec % 3600 / 60);
    }
    return 0;
}

void dc_timeaxis_free(dc_timeaxis *ta)
{
    free(ta->t);
    ta->t = NULL;
    ta->n = 0;
}

double dc_timeaxis_hours(const dc_timeaxis *ta) { return ta->step_s / 3600.0; }
