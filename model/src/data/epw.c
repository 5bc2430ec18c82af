#include "epw.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "calendar.h"
#include "diag.h"
#include "fmt.h"
#include "lines.h"

enum { HEADER_LINES = 8, MAX_FIELDS = 40, MAX_ERRORS = 20 };
enum { F_YEAR, F_MONTH, F_DAY, F_HOUR, F_TEMP = 6, F_PRESSURE = 9, F_GHI = 13, F_DNI, F_DHI,
       F_WIND = 21, F_MIN_FIELDS = 22 };

typedef struct {
    const char *path;
    dc_diag *diag;
    int errors;
    int line;
} reader;

static void fail(reader *r, int col, const char *field, const char *fmt, const char *detail)
{
    if (r->errors++ < MAX_ERRORS) dc_diag_add(r->diag, r->path, r->line, col, field, fmt, detail);
}

/* The bytes that end a field: a comma, a line end, the string's end. */
static const unsigned char ENDS_FIELD[256] = {[0] = 1, [','] = 1, ['\r'] = 1, ['\n'] = 1};

/* A byte 0x80 in each byte of w that equals c's, exactly (no carries
 * between bytes: Hacker's Delight 6-1's exact zero-byte test). */
static inline uint64_t bytes_equal(uint64_t w, unsigned char c)
{
    const uint64_t ones = 0x0101010101010101ULL, low7 = 0x7f7f7f7f7f7f7f7fULL;
    uint64_t x = w ^ (ones * c);
    return ~(((x & low7) + low7) | x | low7);
}

/* The field ends in the eight bytes at p, as bits 8k + 7 for byte k. */
static inline uint64_t ends_in(const char *p)
{
    uint64_t w;
    memcpy(&w, p, sizeof w);
    return bytes_equal(w, ',') | bytes_equal(w, '\r') | bytes_equal(w, '\n');
}

/* Split on commas in place; returns the field count: the first `max`
 * fields of a line (the rest is not read); a line end ends the last
 * field. The line's bytes are looked at eight at a time (an EPW row's
 * first 22 fields are 120 bytes), the last few one at a time. */
static int split(char *s, char **f, int max)
{
    size_t len = strlen(s), i = 0;
    int n = 1;
    f[0] = s;
    for (; i + 8 <= len; i += 8)
        for (uint64_t m = ends_in(s + i); m; m &= m - 1) {
            char *e = s + i + (__builtin_ctzll(m) >> 3);
            int more = *e == ',';
            *e = '\0';
            if (!more || n == max) return n;
            f[n++] = e + 1;
        }
    for (char *p = s + i;; p++) {
        if (!ENDS_FIELD[(unsigned char)*p]) continue;
        int more = *p == ',';
        *p = '\0';
        if (!more || n == max) return n;
        f[n++] = p + 1;
    }
}

static int column_of(char **f, int k) { return (int)(f[k] - f[0]) + 1; }

/* Field k as a number: *v, and 0 when the whole field is one (finite). */
static int parse_field(char **f, int k, double *v)
{
    char *end;
    errno = 0;
    *v = dc_parse_number(f[k], &end);
    return end == f[k] || *end != '\0' || errno || !isfinite(*v) ? -1 : 0;
}

/* Field k, parsed as v (bad: it is not a number), a finite number in
 * [lo, hi] not equal to the EPW missing marker. */
static int checked(reader *r, char **f, int k, const char *name, double lo, double hi, double missing, int bad,
                   double v, double *out)
{
    if (bad) {
        fail(r, column_of(f, k), name, "'%s' is not a finite number", f[k]);
        return -1;
    }
    if (v == missing) {
        fail(r, column_of(f, k), name, "missing value (%s) in the file", f[k]);
        return -1;
    }
    if (v < lo || v > hi) {
        fail(r, column_of(f, k), name, "value %s is out of the plausible range", f[k]);
        return -1;
    }
    *out = v;
    return 0;
}

static int number(reader *r, char **f, int k, const char *name, double lo, double hi, double missing, double *out)
{
    double v;
    int bad = parse_field(f, k, &v);
    return checked(r, f, k, name, lo, hi, missing, bad, v, out);
}

static void read_location(reader *r, char *line, dc_weather_raw *w)
{
    char *f[MAX_FIELDS];
    int n = split(line, f, MAX_FIELDS);
    if (n < 10 || strcasecmp(f[0], "LOCATION") != 0) { /* EnergyPlus reads header names in any case */
        fail(r, 1, "LOCATION", "%s", "first line must be LOCATION,city,state,country,source,WMO,lat,lon,tz,elevation");
        return;
    }
    snprintf(w->station, sizeof w->station, "%s %s %s (WMO %s)", f[1], f[2], f[3], f[5]);
    double *dst[4] = {&w->latitude_deg, &w->longitude_deg, &w->tz_hours, &w->elevation_m};
    const char *names[4] = {"latitude", "longitude", "time zone", "elevation"};
    const double lo[4] = {-90, -180, -12, -500}, hi[4] = {90, 180, 14, 9000};
    for (int k = 0; k < 4; k++) number(r, f, 6 + k, names[k], lo[k], hi[k], NAN, dst[k]);
    if (r->errors == 0 && w->tz_hours != floor(w->tz_hours))
        fail(r, column_of(f, 8), "time zone", "%s", "only whole-hour time zones are supported");
}

/* Header lines 2-8. A file with a header line too few or too many reads
 * its first row as a header, or a header as its first row: either is
 * said at the line, rather than as a short year or a bad field. The 8th
 * line says how many records an hour the file has: hourly only. */
static void read_header(reader *r, int k, char *line)
{
    static const char *const NAMES[HEADER_LINES] = {"LOCATION", "DESIGN CONDITIONS", "TYPICAL/EXTREME PERIODS",
        "GROUND TEMPERATURES", "HOLIDAYS/DAYLIGHT SAVINGS", "COMMENTS 1", "COMMENTS 2", "DATA PERIODS"};
    char *f[MAX_FIELDS];
    if (line[0] >= '0' && line[0] <= '9') {
        char msg[160];
        snprintf(msg, sizeof msg, "a data row where header line %d (%s) belongs: an EPW has 8 header lines, "
                 "LOCATION to DATA PERIODS", k + 1, NAMES[k]);
        fail(r, 1, "header", "%s", msg);
        return;
    }
    if (k != HEADER_LINES - 1) return;
    int n = split(line, f, MAX_FIELDS);
    if (strncasecmp(f[0], "DATA PERIODS", 12) != 0) {
        fail(r, 1, "DATA PERIODS", "'%s' where the 8th header line, DATA PERIODS, belongs (a header line too many?)",
             f[0]);
        return;
    }
    double per_hour;
    if (n > 2 && number(r, f, 2, "records per hour", 1, 60, NAN, &per_hour) == 0 && per_hour != 1) {
        char msg[160];
        snprintf(msg, sizeof msg, "%s records an hour: decarb reads hourly EPW files (30-minute "
                 "steps split the hours: weather.substeps)", f[2]);
        fail(r, column_of(f, 2), "records per hour", "%s", msg);
    }
}

/* The date/hour this row must have, given the previous row. */
static void next_slot(int *m, int *d, int *h)
{
    if (++*h <= 24) return;
    *h = 1;
    if (++*d <= (*m == 2 ? 29 : dc_days_in_month(2001, *m))) return;
    *d = 1;
    if (++*m > 12) *m = 1;
}

static int row_date(reader *r, char **f, int *m, int *d, int *h)
{
    double v[3];
    const char *names[3] = {"month", "day", "hour"};
    const double hi[3] = {12, 31, 24};
    for (int k = 0; k < 3; k++)
        if (number(r, f, F_MONTH + k, names[k], 1, hi[k], NAN, &v[k])) return -1;
    *m = (int)v[0];
    *d = (int)v[1];
    *h = (int)v[2];
    return 0;
}

/* The row's date against the slot after the last one (pm = 0: not known,
 * the rows so far were unreadable). */
static void check_sequence(reader *r, int row, int m, int d, int h, int *pm, int *pd, int *ph)
{
    if (row > 0 && *pm > 0) {
        next_slot(pm, pd, ph);
        if (*pm == 2 && *pd == 29 && !(m == 2 && d == 29)) { /* no leap day in the file */
            *pm = 3;
            *pd = 1;
        }
        if (m != *pm || d != *pd || h != *ph) {
            char msg[96];
            snprintf(msg, sizeof msg, "gap or disorder: expected %02d-%02d hour %d, found %02d-%02d hour %d",
                     *pm, *pd, *ph, m, d, h);
            fail(r, 1, "date", "%s", msg);
        }
    }
    *pm = m;
    *pd = d;
    *ph = h;
}

static void read_row(reader *r, char **f, int n, dc_weather_raw *w, int row)
{
    if (n < F_MIN_FIELDS) {
        char msg[64];
        snprintf(msg, sizeof msg, "%d fields, at least %d needed", n, F_MIN_FIELDS);
        fail(r, 1, "row", "%s", msg);
        return;
    }
    double dni = NAN, dhi = NAN;
    number(r, f, F_GHI, "global horizontal radiation [Wh/m2]", 0, 1500, 9999, &w->ghi[row]);
    number(r, f, F_TEMP, "dry bulb temperature [degC]", -70, 70, 99.9, &w->temp_c[row]);
    number(r, f, F_WIND, "wind speed [m/s]", 0, 40, 999, &w->wind_ms[row]);
    double pa = 0;
    if (number(r, f, F_PRESSURE, "atmospheric station pressure [Pa]", 31000, 120000, 999999, &pa) == 0)
        w->pressure_mbar[row] = pa / 100.0;
    /* Beam and diffuse may be absent (9999) for a whole file: then Erbs
     * (dc_epw_read); absent in some rows only, they are gaps. */
    double dni_v, dhi_v; /* each parsed once: a marker, or checked as a number */
    int bad_dni = parse_field(f, F_DNI, &dni_v), bad_dhi = parse_field(f, F_DHI, &dhi_v);
    int no_dni = !bad_dni && dni_v == 9999, no_dhi = !bad_dhi && dhi_v == 9999;
    if (no_dni || no_dhi) {
        if (w->beam_gaps++ == 0) {
            w->beam_gap_line = r->line;
            w->beam_gap_col = column_of(f, no_dni ? F_DNI : F_DHI);
            w->beam_gap_field = no_dni ? "direct normal radiation [Wh/m2]" : "diffuse horizontal radiation [Wh/m2]";
        }
    } else {
        checked(r, f, F_DNI, "direct normal radiation [Wh/m2]", 0, 1400, 9999, bad_dni, dni_v, &dni);
        checked(r, f, F_DHI, "diffuse horizontal radiation [Wh/m2]", 0, 1000, 9999, bad_dhi, dhi_v, &dhi);
    }
    w->dni[row] = dni;
    w->dhi[row] = dhi;
}

static int read_rows(reader *r, dc_lines *in, dc_weather_raw *w)
{
    char *line, *f[MAX_FIELDS];
    int row = 0, pm = 0, pd = 0, ph = 0;
    w->has_beam = 1;
    w->beam_gaps = 0;
    while ((line = dc_lines_next(in))) {
        r->line = in->lineno;
        if (line[strspn(line, " \t\r\n")] == '\0') continue;
        if (row >= w->n) {
            fail(r, 1, "row", "%s", "more rows than a year of hourly data (8784)");
            return -1;
        }
        int n = split(line, f, F_MIN_FIELDS), m, d, h; /* the fields read */
        if (n < F_MIN_FIELDS || row_date(r, f, &m, &d, &h)) { /* said why: too few fields, or the date */
            if (n < F_MIN_FIELDS) read_row(r, f, n, w, row);
            if (pm > 0) next_slot(&pm, &pd, &ph); /* it takes its slot: one bad row is one error */
            row++;
            continue;
        }
        check_sequence(r, row, m, d, h, &pm, &pd, &ph);
        w->month[row] = (signed char)m;
        w->day[row] = (signed char)d;
        w->hour[row] = (signed char)(h - 1);  /* hour-ending 1..24 -> start hour 0..23 */
        read_row(r, f, n, w, row);
        row++;
    }
    return row;
}

dc_status dc_epw_read(const char *path, dc_weather_raw *out, dc_diag *diag)
{
    reader r = {path, diag, 0, 0};
    dc_lines in;
    if (dc_lines_open(&in, path)) {
        dc_diag_add(diag, path, 0, 0, "weather.file", "cannot open: %s", strerror(errno));
        return DC_ERR_IO;
    }
    if (dc_weather_raw_alloc(out, 8784)) {
        dc_lines_close(&in);
        return DC_ERR_NOMEM;
    }
    char *line;
    for (int k = 0; k < HEADER_LINES && (line = dc_lines_next(&in)); k++) {
        r.line = in.lineno;
        if (k == 0) read_location(&r, line, out);
        else read_header(&r, k, line);
    }
    int rows = r.line == HEADER_LINES ? read_rows(&r, &in, out) : 0;
    if (in.too_long) {
        r.line = in.lineno;
        fail(&r, 0, "line", "%s", "longer than 1 MiB: not an EPW line");
    }
    dc_lines_close(&in);
    if (r.errors == 0 && rows != 8760 && rows != 8784) {
        r.line = 0;
        char msg[96];
        snprintf(msg, sizeof msg, "%d data rows; a year of hourly data has 8760 or 8784 (truncated file?)", rows);
        fail(&r, 0, "rows", "%s", msg);
    }
    if (r.errors > MAX_ERRORS)
        dc_diag_add(diag, path, 0, 0, NULL, "%d more errors not shown", r.errors - MAX_ERRORS);
    if (r.errors) {
        dc_weather_raw_free(out);
        return DC_ERR_WEATHER;
    }
    out->n = rows;
    if (out->beam_gaps == rows) out->has_beam = 0, out->beam_gaps = 0; /* none in the file: Erbs */
    return DC_OK;
}
