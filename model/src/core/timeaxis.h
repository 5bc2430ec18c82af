/* The scenario's time axis: JST (UTC+9, no daylight saving), a fiscal year
 * (1 April - 31 March) or a calendar year, in steps of step_s seconds. Every
 * series is sized by n, so a 30-minute axis needs no change elsewhere. */
#ifndef DC_TIMEAXIS_H
#define DC_TIMEAXIS_H

#include "calendar.h"

typedef struct {
    short year;
    signed char month, day, hour, minute;
    signed char weekday;  /* 0 = Sunday */
    signed char holiday;  /* DC_HOLIDAY, DC_SUBSTITUTE, DC_CITIZENS or 0 */
    signed char offday;   /* weekend, national holiday or 29 Dec - 3 Jan */
} dc_stamp;  /* start of the step, JST */

typedef struct {
    int n;          /* number of steps */
    int step_s;     /* step length [s] */
    int year;       /* fiscal year (April start) or calendar year */
    int fiscal;     /* 1 = fiscal year, 0 = calendar year */
    double start_jd; /* Julian day (UT) of the first step's start */
    dc_stamp *t;
} dc_timeaxis;

/* 0 on success, -1 on bad arguments or no memory. step_s must divide a day. */
int dc_timeaxis_init(dc_timeaxis *ta, int year, int fiscal, int step_s);
/* The same with holidays from a published list where it covers the year. */
int dc_timeaxis_init_with(dc_timeaxis *ta, int year, int fiscal, int step_s, const dc_holidays *h);
void dc_timeaxis_free(dc_timeaxis *ta);
double dc_timeaxis_hours(const dc_timeaxis *ta);  /* step length [h] */
#endif
