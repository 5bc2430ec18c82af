#include "weather.h"

#include "calendar.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { N_COLS = 6 };

int dc_weather_raw_alloc(dc_weather_raw *w, int n)
{
    memset(w, 0, sizeof *w);
    w->month = calloc((size_t)n * 3, 1);
    double *buf = calloc((size_t)n * N_COLS, sizeof *buf);
    if (!w->month || !buf) {
        free(w->month);
        free(buf);
        w->month = NULL;
        return -1;
    }
    w->n = n;
    w->day = w->month + n;
    w->hour = w->month + 2 * n;
    double **cols[N_COLS] = {&w->ghi, &w->dni, &w->dhi, &w->temp_c, &w->wind_ms, &w->pressure_mbar};
    for (int c = 0; c < N_COLS; c++) *cols[c] = buf + (size_t)c * n;
    return 0;
}

void dc_weather_raw_free(dc_weather_raw *w)
{
    free(w->month);
    free(w->ghi);
    memset(w, 0, sizeof *w);
}

static int slot(int m, int d, int h) { return ((m - 1) * 31 + (d - 1)) * 24 + h; }

/* Row index by (month, day, hour) slot, or -1. */
static int *index_rows(const dc_weather_raw *raw)
{
    int *idx = malloc(sizeof(int) * 12 * 31 * 24);
    if (!idx) return NULL;
    for (int i = 0; i < 12 * 31 * 24; i++) idx[i] = -1;
    for (int r = 0; r < raw->n; r++) idx[slot(raw->month[r], raw->day[r], raw->hour[r])] = r;
    return idx;
}

static int source_row(const dc_weather_raw *raw, const int *idx, const dc_stamp *s)
{
    int d = s->day;
    if (s->month == 2 && d == 29 && idx[slot(2, 29, s->hour)] < 0) d = 28;
    int r = idx[slot(s->month, d, s->hour)];
    if (r < 0) return -1;
    int shift = (int)lround(9.0 - raw->tz_hours); /* rows to go back to reach JST */
    return ((r - shift) % raw->n + raw->n) % raw->n;
}

/* The row of the hour before (d = -1) or after (d = +1) row r's hour. */
static int neighbour(const dc_weather_raw *raw, const int *idx, const dc_stamp *s, int d)
{
    dc_stamp t = *s;
    t.minute = 0;
    int h = t.hour + d;
    if (h < 0 || h > 23) {
        long day = dc_days_from_civil(t.year, t.month, t.day) + d;
        int y, m, dd;
        dc_civil_from_days(day, &y, &m, &dd);
        t.year = (short)y, t.month = (signed char)m, t.day = (signed char)dd;
        h = h < 0 ? 23 : 0;
    }
    t.hour = (signed char)h;
    return source_row(raw, idx, &t);
}

/* Steps inside an hour: linear between the hours' means, at the middle
 * of each step; irradiance (columns 0-2) rescaled to the hour's mean. */
static void interpolate_hour(const dc_weather_raw *raw, const int *idx, const dc_timeaxis *ta, int first, int n,
                             double *const *dst, const double *const *src)
{
    int r = source_row(raw, idx, &ta->t[first]);
    int before = neighbour(raw, idx, &ta->t[first], -1), after = neighbour(raw, idx, &ta->t[first], +1);
    if (before < 0) before = r;
    if (after < 0) after = r;
    for (int c = 0; c < N_COLS; c++) {
        double sum = 0.0, mean = src[c][r];
        for (int k = 0; k < n; k++) {
            double tau = (k + 0.5) / n; /* middle of the step, in hours since the hour began */
            double v = tau < 0.5 ? src[c][before] + (mean - src[c][before]) * (tau + 0.5)
                                 : mean + (src[c][after] - mean) * (tau - 0.5);
            dst[c][first + k] = v;
            sum += v;
        }
        if (c > 2 || isnan(mean)) continue;
        for (int k = 0; k < n; k++) /* each hour keeps its energy; a dark hour stays dark */
            dst[c][first + k] = mean <= 0 ? 0.0 : sum > 0 ? dst[c][first + k] * mean * n / sum : mean;
    }
}

int dc_weather_map(const dc_weather_raw *raw, const dc_timeaxis *ta, int interpolate, dc_weather *out)
{
    memset(out, 0, sizeof *out);
    int *idx = index_rows(raw);
    double *buf = malloc((size_t)ta->n * N_COLS * sizeof *buf);
    if (!idx || !buf) {
        free(idx);
        free(buf);
        return -1;
    }
    out->n = ta->n;
    out->has_beam = raw->has_beam;
    double **dst[N_COLS] = {&out->ghi, &out->dni, &out->dhi, &out->temp_c, &out->wind_ms, &out->pressure_mbar};
    const double *src[N_COLS] = {raw->ghi, raw->dni, raw->dhi, raw->temp_c, raw->wind_ms, raw->pressure_mbar};
    for (int c = 0; c < N_COLS; c++) *dst[c] = buf + (size_t)c * ta->n;
    for (int i = 0; i < ta->n; i++) {
        int r = source_row(raw, idx, &ta->t[i]);
        if (r < 0) {
            free(idx);
            dc_weather_free(out);
            return -2;
        }
        for (int c = 0; c < N_COLS; c++) (*dst[c])[i] = src[c][r];
    }
    int per_hour = ta->step_s < 3600 ? 3600 / ta->step_s : 1;
    if (interpolate && per_hour > 1) {
        double *const cols[N_COLS] = {out->ghi, out->dni, out->dhi, out->temp_c, out->wind_ms, out->pressure_mbar};
        for (int i = 0; i + per_hour <= ta->n; i += per_hour)
            interpolate_hour(raw, idx, ta, i, per_hour, cols, src);
    }
    free(idx);
    return 0;
}

int dc_weather_first_missing(const dc_weather_raw *raw, const dc_timeaxis *ta)
{
    int *idx = index_rows(raw), found = -1;
    if (!idx) return -1;
    for (int i = 0; i < ta->n && found < 0; i++)
        if (source_row(raw, idx, &ta->t[i]) < 0) found = i;
    free(idx);
    return found;
}

void dc_weather_free(dc_weather *w)
{
    free(w->ghi);
    memset(w, 0, sizeof *w);
}
