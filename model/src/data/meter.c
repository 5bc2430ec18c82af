/* Dated 30-minute meter exports (the utilities' 30分値): columns found by
 * number or header name, slots or days layouts, every slot of a year
 * required, then laid onto the scenario's year. */
#include "meter.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "calendar.h"
#include "diag.h"
#include "fmt.h"
#include "text.h"
#include "utf8.h"

enum { SLOTS = 48, MAX_CELLS = 512, MAX_DAYS = 800 };

typedef struct {
    const char *path, *field;
    const dc_meter_format *f;
    dc_diag *diag;
    int errors;
    long first;                 /* day number of day 0 */
    double (*kwh)[SLOTS];       /* per day since first */
    int (*line)[SLOTS];         /* where each slot was read; 0 = missing */
    int date_col, time_col, value_col;
} meter;

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '"') s++;
    char *e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '"')) *--e = '\0';
    return s;
}

/* The end of the cell starting at p: the next comma outside quotes. */
static char *cell_end(char *p)
{
    int quoted = 0;
    for (; *p; p++) {
        if (*p == '"') quoted = !quoted;
        else if (*p == ',' && !quoted) return p;
    }
    return NULL;
}

static int split(char *line, char **cells)
{
    int n = 0;
    for (char *p = line; n < MAX_CELLS;) {
        char *c = cell_end(p);
        if (c) *c = '\0';
        cells[n++] = trim(p);
        if (!c) break;
        p = c + 1;
    }
    return n;
}

/* A reading (Excel's thousands separators allowed: dc_parse_grouped), >= 0. */
static int reading(const char *text, double *v)
{
    return dc_parse_grouped(text, v) == 0 && *v >= 0 ? 0 : -1;
}

/* "2023/4/1", "2023-04-01" or "20230401", then maybe a time "0:30". */
static int parse_date(const char *s, int *y, int *m, int *d, int *minute)
{
    int used = 0, h = -1, mi = 0;
    *minute = -1;
    if (sscanf(s, "%d/%d/%d%n", y, m, d, &used) != 3 && sscanf(s, "%d-%d-%d%n", y, m, d, &used) != 3 &&
        sscanf(s, "%d年%d月%d日%n", y, m, d, &used) != 3) { /* 2023年4月1日: Excel's Japanese date format */
        if (strlen(s) < 8 || sscanf(s, "%4d%2d%2d%n", y, m, d, &used) != 3) return -1;
    }
    if (*y < 1900 || *y > 2100 || *m < 1 || *m > 12 || *d < 1 || *d > dc_days_in_month(*y, *m)) return -1;
    while (s[used] == ' ' || s[used] == 'T') used++;
    if (s[used] && sscanf(s + used, "%d:%d", &h, &mi) == 2) {
        if (h < 0 || h > 24 || mi < 0 || mi >= 60) return -1; /* not a time of day: not a date-time */
        *minute = h * 60 + mi;
    }
    return 0;
}

static int parse_time(const char *s)
{
    int h, mi;
    return sscanf(s, "%d:%d", &h, &mi) == 2 && h >= 0 && h <= 24 && mi >= 0 && mi < 60 ? h * 60 + mi : -1;
}

/* A column by 1-based number, or by its name in a header row (*header
 * set to the row's line). */
static int column(const char *spec, char **cells, int n)
{
    char *end;
    long k = strtol(spec, &end, 10);
    if (*spec && !*end) return k >= 1 && k <= MAX_CELLS ? (int)k - 1 : -2;
    for (int c = 0; c < n; c++)
        if (!strcmp(cells[c], spec)) return c;
    return -1;
}

static void bad(meter *m, int line, int col, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void bad(meter *m, int line, int col, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    m->errors++;
    dc_diag_add(m->diag, m->path, line, col, m->field, "%s", msg);
}

/* One slot's value into the days table; a slot given twice is an error. */
static void store(meter *m, long day, int slot, const char *text, int line, int col)
{
    double v;
    if (reading(text, &v)) {
        bad(m, line, col, "'%s' is not a reading >= 0%s", text, strchr(text, ',') ? " (thousands separators must "
            "group three digits)" : "");
        return;
    }
    if (m->first < 0) m->first = day - 400; /* room before and after the first date read */
    long k = day - m->first;
    if (k < 0 || k >= MAX_DAYS) {
        bad(m, line, col, "a date more than a year from the file's first: a meter profile holds one year");
        return;
    }
    if (m->line[k][slot]) {
        bad(m, line, col, "slot %d of this day already given on line %d", slot + 1, m->line[k][slot]);
        return;
    }
    m->kwh[k][slot] = m->f->unit == DC_METER_KW ? v * 0.5 : v;
    m->line[k][slot] = line;
}

/* A row of the slots layout: date (and time) -> one slot. */
static void slot_row(meter *m, char **cells, int n, int line, int y, int mo, int d, int minute)
{
    if (m->time_col >= 0) minute = m->time_col < n ? parse_time(cells[m->time_col]) : -1;
    if (minute < 0) {
        bad(m, line, (m->time_col >= 0 ? m->time_col : m->date_col) + 1, "no time of day (H:MM) for the slot");
        return;
    }
    long day = dc_days_from_civil(y, mo, d);
    int slot = m->f->stamp == DC_STAMP_START ? minute / 30 : minute / 30 - 1;
    if (slot < 0) day--, slot = SLOTS - 1; /* 0:00 ends the previous day */
    if (minute % 30 || slot >= SLOTS) {
        bad(m, line, (m->time_col >= 0 ? m->time_col : m->date_col) + 1, "%d:%02d is not a 30-minute slot %s",
            minute / 60, minute % 60, m->f->stamp == DC_STAMP_START ? "start (0:00-23:30)" : "end (0:30-24:00)");
        return;
    }
    if (m->value_col >= n) {
        bad(m, line, m->value_col + 1, "no value column");
        return;
    }
    store(m, day, slot, cells[m->value_col], line, m->value_col + 1);
}

/* A row of the days layout: date, then 48 slots; a 49th is an error. */
static void day_row(meter *m, char **cells, int n, int line, int y, int mo, int d)
{
    long day = dc_days_from_civil(y, mo, d);
    for (int k = 0; k < SLOTS; k++) {
        int c = m->value_col + k;
        if (c >= n || !cells[c][0]) {
            bad(m, line, c + 1, "slot %d missing: a day has 48 slots", k + 1);
            return;
        }
        store(m, day, k, cells[c], line, c + 1);
    }
    if (m->value_col + SLOTS < n && cells[m->value_col + SLOTS][0])
        bad(m, line, m->value_col + SLOTS + 1, "a 49th slot: a day has 48 half hours (check meter_value_column)");
}

/* Utilities' exports often end with a 合計 (total) row. */
static int totals_row(const char *cell) { return strstr(cell, "計") || !strncasecmp(cell, "total", 5); }

static void rows(meter *m, dc_text *txt)
{
    size_t pos = 0;
    char *cells[MAX_CELLS];
    int line = 0, header = 0, data = 0;
    char first[64] = ""; /* the first cell after the header that is not a date, for "no data rows" */
    for (char *s; (s = dc_text_line(txt, &pos));) {
        line++;
        int n = split(s, cells), y, mo, d, minute;
        if (!header) { /* the columns, by number or by the first row that names them */
            m->date_col = column(m->f->date_column, cells, n);
            m->value_col = column(m->f->value_column, cells, n);
            m->time_col = m->f->time_column[0] ? column(m->f->time_column, cells, n) : -1;
            if (m->date_col < 0 || m->value_col < 0 || (m->f->time_column[0] && m->time_col < 0)) continue;
            header = line;
        }
        if (m->date_col >= n || parse_date(cells[m->date_col], &y, &mo, &d, &minute)) {
            const char *cell = m->date_col < n ? cells[m->date_col] : "";
            if (data)
                bad(m, line, m->date_col + 1, "'%s' is not a date%s", cell,
                    totals_row(cell) ? " (a totals row? delete it: decarb adds the slots up itself)" : "");
            else if (line > header && !first[0] && *cell)
                snprintf(first, sizeof first, "%.*s", (int)dc_utf8_prefix(cell, 20, sizeof first - 1), cell);
            continue; /* header rows before the data */
        }
        data++;
        if (m->f->layout == DC_METER_SLOTS) slot_row(m, cells, n, line, y, mo, d, minute);
        else day_row(m, cells, n, line, y, mo, d);
    }
    if (!header) bad(m, 0, 0, "no row names the columns '%s' and '%s'", m->f->date_column, m->f->value_column);
    else if (!data)
        bad(m, 0, 0, "no data rows: no date in column %d (read are 2023/4/1, 2023-04-01, 20230401 and 2023年4月1日, "
            "with a time after it or not)%s%s%s", m->date_col + 1, first[0] ? "; the first there is '" : "", first,
            first[0] ? "'" : "");
}

/* The days read: a year of them, every slot present. */
static void coverage(meter *m, long *from, long *to)
{
    *from = -1, *to = -1;
    for (long k = 0; k < MAX_DAYS; k++)
        for (int s = 0; s < SLOTS; s++)
            if (m->line[k][s]) {
                if (*from < 0) *from = k;
                *to = k;
            }
    if (*from < 0) return;
    int missing = 0;
    char where[300] = "";
    for (long k = *from; k <= *to; k++)
        for (int s = 0; s < SLOTS; s++)
            if (!m->line[k][s] && missing++ < 5) {
                int y, mo, d;
                dc_civil_from_days(m->first + k, &y, &mo, &d);
                snprintf(where + strlen(where), sizeof where - strlen(where), "%s%04d-%02d-%02d %02d:%02d",
                         missing > 1 ? ", " : "", y, mo, d, s / 2, s % 2 * 30);
            }
    long days = *to - *from + 1;
    if (missing) bad(m, 0, 0, "%d slot(s) missing: %s%s (a meter profile needs every slot)", missing, where,
                     missing > 5 ? ", ..." : "");
    if (days < 365 || days > 366) {
        int y0, m0, d0, y1, m1, d1;
        dc_civil_from_days(m->first + *from, &y0, &m0, &d0);
        dc_civil_from_days(m->first + *to, &y1, &m1, &d1);
        bad(m, 0, 0, "%ld days (%04d-%02d-%02d..%04d-%02d-%02d): a meter profile holds one year (365 or 366 days)",
            days, y0, m0, d0, y1, m1, d1);
    }
}

/* The source day for target date (y, mo, d): the same month and day in the
 * file's year, then (weekday rule) the nearest day within two weeks of it
 * with the same weekday and day type (work or off), else the nearest
 * within a week with the same day type (a holiday Monday in a year whose
 * nearby Mondays all worked takes the nearest weekend day). */
static long source_day(const meter *m, long from, long to, const dc_holidays *h, int y, int mo, int d)
{
    long base = -1;
    int y0, m0, d0;
    dc_civil_from_days(m->first + from, &y0, &m0, &d0);
    for (int yy = y0; yy <= y0 + 1 && base < 0; yy++) {
        int dd = mo == 2 && d == 29 && !dc_is_leap(yy) ? 28 : d;
        long k = dc_days_from_civil(yy, mo, dd) - m->first;
        if (k >= from && k <= to) base = k;
    }
    if (base < 0) base = from;
    if (m->f->align == DC_ALIGN_DATE) return base;
    int wd = dc_weekday(y, mo, d), off = dc_is_offday_in(h, y, mo, d);
    for (int pass = 0; pass < 2; pass++)
        for (int j = 0; j <= (pass ? 7 : 14); j++)
            for (int sign = -1; sign <= 1; sign += 2) {
                long k = base + sign * j;
                if (k < from || k > to) continue;
                int sy, sm, sd;
                dc_civil_from_days(m->first + k, &sy, &sm, &sd);
                if (dc_is_offday_in(h, sy, sm, sd) == off && (pass || dc_weekday(sy, sm, sd) == wd)) return k;
            }
    return base;
}

static int lay_out(meter *m, long from, long to, const dc_meter_target *t, double **out, int *n)
{
    long first = t->fiscal ? dc_days_from_civil(t->year, 4, 1) : dc_days_from_civil(t->year, 1, 1);
    long last = t->fiscal ? dc_days_from_civil(t->year + 1, 4, 1) : dc_days_from_civil(t->year + 1, 1, 1);
    int per_slot = t->step_minutes == 30 ? 1 : 2;
    *n = (int)(last - first) * SLOTS / per_slot;
    double *v = malloc(((size_t)*n + 1) * sizeof *v);
    if (!v) return -1;
    for (long day = first, i = 0; day < last; day++) {
        int y, mo, d;
        dc_civil_from_days(day, &y, &mo, &d);
        long k = source_day(m, from, to, t->holidays, y, mo, d);
        for (int s = 0; s < SLOTS; s += per_slot, i++)
            v[i] = m->kwh[k][s] + (per_slot == 2 ? m->kwh[k][s + 1] : 0.0);
    }
    *out = v;
    return 0;
}

dc_status dc_meter_read(const char *path, const char *field, const dc_meter_format *f, const dc_meter_target *t,
                        double **out, int *n, dc_diag *diag)
{
    *out = NULL, *n = 0;
    if (t->step_minutes != 30 && t->step_minutes != 60) {
        dc_diag_add(diag, path, 0, 0, field, "30-minute meter data need step_minutes 30 or 60 (not %d)",
                    t->step_minutes);
        return DC_ERR_LOAD;
    }
    dc_text txt;
    if (dc_text_read(path, &txt, diag)) return DC_ERR_LOAD;
    meter m = {path, field, f, diag, 0, -1, calloc(MAX_DAYS, sizeof *m.kwh), calloc(MAX_DAYS, sizeof *m.line), 0, 0, 0};
    long from = -1, to = -1;
    if (!m.kwh || !m.line) bad(&m, 0, 0, "out of memory");
    else rows(&m, &txt);
    if (!m.errors) coverage(&m, &from, &to);
    if (!m.errors && lay_out(&m, from, to, t, out, n)) bad(&m, 0, 0, "out of memory");
    if (!m.errors) {
        int y0, m0, d0, y1, m1, d1;
        dc_civil_from_days(m.first + from, &y0, &m0, &d0);
        dc_civil_from_days(m.first + to, &y1, &m1, &d1);
        dc_diag_warn(diag, path, 0, 0, field, "meter data of %04d-%02d-%02d..%04d-%02d-%02d laid onto %s%d %s", y0,
                     m0, d0, y1, m1, d1, t->fiscal ? "FY" : "", t->year,
                     f->align == DC_ALIGN_DATE ? "by date (the same month and day)"
                                               : "by weekday and day type (the nearest day within two weeks with "
                                                 "the same weekday and work/off type, else within a week with the "
                                                 "same type)");
    }
    free(m.kwh);
    free(m.line);
    dc_text_free(&txt);
    return m.errors ? DC_ERR_LOAD : DC_OK;
}
