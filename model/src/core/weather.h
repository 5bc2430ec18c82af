/* Weather as the core sees it: a file's rows (raw, any year) and the same
 * data mapped onto the scenario's time axis. Irradiance is the mean over the
 * step [W/m2] (= Wh/m2 per hour). */
#ifndef DC_WEATHER_H
#define DC_WEATHER_H

#include "timeaxis.h"

typedef struct {
    int n;                       /* rows */
    signed char *month, *day;    /* calendar date of the row (file's local time) */
    signed char *hour;           /* 0..23: the row covers [hour, hour+1) */
    double *ghi, *dni, *dhi;     /* [W/m2]; dni/dhi NaN when absent */
    double *temp_c;              /* dry-bulb temperature [degC] */
    double *wind_ms;             /* wind speed [m/s] */
    double *pressure_mbar;       /* station pressure [mbar] */
    int has_beam;                /* 1 when dni and dhi are measured/modelled in the file */
    int beam_gaps;               /* rows missing dni or dhi (NaN there) in a file that has them */
    int beam_gap_line, beam_gap_col; /* the first such row's line and column in the file */
    const char *beam_gap_field;  /* and which of the two it misses */
    double latitude_deg, longitude_deg, elevation_m, tz_hours;
    char station[128];
} dc_weather_raw;

typedef struct {
    int n;
    double *ghi, *dni, *dhi, *temp_c, *wind_ms, *pressure_mbar;
    int has_beam;
} dc_weather;

/* Allocate n rows of every column; 0 ok, -1 no memory. */
int dc_weather_raw_alloc(dc_weather_raw *w, int n);
void dc_weather_raw_free(dc_weather_raw *w);

/* Map a one-year file onto the axis by (month, day, hour): 29 February
 * takes 28 February when the file has none; a file in another time zone is
 * shifted to JST. Sub-hourly steps repeat the hour's mean, or with
 * interpolate follow the line between the hours' means (irradiance then
 * rescaled so that each hour keeps its energy). Returns 0, -1 on no memory,
 * -2 when a date of the axis is missing from the file. */
int dc_weather_map(const dc_weather_raw *raw, const dc_timeaxis *ta, int interpolate, dc_weather *out);
/* The first step of ta the file has no hour for, or -1. */
int dc_weather_first_missing(const dc_weather_raw *raw, const dc_timeaxis *ta);
void dc_weather_free(dc_weather *w);
#endif
