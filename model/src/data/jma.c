/* The Japan Meteorological Agency's hourly CSV (過去の気象データ・ダウンロード,
 * https://www.data.jma.go.jp/risk/obsdl/): a first line 「ダウンロードした時刻：
 * …」, then header rows whose number depends on the elements chosen (station
 * names, element names starting with 年月日時, then rows naming each
 * element's 品質情報, 均質番号, 現象なし情報 and wind direction columns), then
 * one row per hour stamped at its end (1:00 ... 24:00, or 0:00 of the next
 * day). 日射量 is MJ/m2 over the hour. Values whose quality code the scenario
 * does not accept are gaps; gaps are reported by date and filled only by a
 * named method. */
#include "jma.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "diag.h"
#include "fmt.h"
#include "text.h"

enum { MAX_COLS = 256, E_TEMP, E_GHI, E_WIND, E_PRESS, N_ELEMS = E_PRESS - E_TEMP + 1 };
static const char *const ELEM_NAMES[N_ELEMS] = {"気温", "日射量", "風速", "現地気圧"};

typedef struct {
    const char *path;
    dc_diag *diag;
    const dc_jma_options *opt;
    int value_col[N_ELEMS], quality_col[N_ELEMS];
    int errors;
} reader;

static int split(char *line, char **cells, int max)
{
    int n = 0;
    for (char *p = line; n < max;) {
        cells[n++] = p;
        char *c = strchr(p, ',');
        if (!c) break;
        *c = '\0';
        p = c + 1;
    }
    return n;
}

/* 2023/4/1 1:00:00 (or 1:00), hours 0-24; the stamp is the hour's end. */
static int stamp(const char *s, int *y, int *m, int *d, int *h)
{
    int mi = 0, sec = 0, used = 0;
    if (sscanf(s, "%d/%d/%d %d:%d:%d%n", y, m, d, h, &mi, &sec, &used) < 5) return -1;
    if (*m < 1 || *m > 12 || *d < 1 || *d > dc_days_in_month(*y, *m) || *h < 0 || *h > 24 || mi != 0) return -1;
    return 0;
}

/* Which element each column holds, and its quality column, from the
 * element row and the rows below it that label the extra columns. */
static int map_columns(reader *r, char **names, int n, char *labels[][MAX_COLS], int n_label_rows, const int *n_labels,
                       int line)
{
    for (int e = 0; e < N_ELEMS; e++) r->value_col[e] = r->quality_col[e] = -1;
    for (int c = 1; c < n; c++) {
        int e = -1;
        for (int k = 0; k < N_ELEMS; k++)
            if (!strncmp(names[c], ELEM_NAMES[k], strlen(ELEM_NAMES[k])) ||
                (k == E_GHI - E_TEMP && strstr(names[c], "全天日射量")))
                e = k;
        if (e < 0) continue;
        const char *label = "";
        for (int row = 0; row < n_label_rows; row++)
            if (c < n_labels[row] && labels[row][c][0]) label = labels[row][c];
        if (!label[0] && r->value_col[e] < 0) r->value_col[e] = c;
        else if (!strcmp(label, "品質情報") && r->value_col[e] >= 0 && r->quality_col[e] < 0) r->quality_col[e] = c;
    }
    if (r->value_col[E_GHI - E_TEMP] < 0) {
        dc_diag_add(r->diag, r->path, line, 0, "日射量", "the station has no solar radiation (日射量) column: JMA "
                    "observes it at about 50 stations; download a station that does, or use an EPW file");
        return -1;
    }
    if (r->quality_col[E_GHI - E_TEMP] < 0)
        dc_diag_warn(r->diag, r->path, line, 0, "日射量", "no 品質情報 column: a blank hour (night) cannot be told from "
                     "a missing one and counts as a gap; download with 品質情報");
    if (r->value_col[E_TEMP - E_TEMP] < 0) {
        dc_diag_add(r->diag, r->path, line, 0, "気温", "no temperature (気温) column: download it with 日射量");
        return -1;
    }
    return 0;
}

/* A download of several stations (JMA's tool allows up to ten side by
 * side) is read element by element from each element's first column;
 * said, with the station each element comes from, since 日射量 may well be
 * another station's than 気温 (it is observed at about 50 only). */
static void several_stations(reader *r, char **stations, int n, int line)
{
    int several = 0;
    for (int c = 2; c < n && !several; c++) several = stations[c][0] && strcmp(stations[c], stations[1]);
    if (!several) return;
    char said[512] = "";
    size_t at = 0;
    for (int e = 0; e < N_ELEMS && at < sizeof said; e++) {
        int c = r->value_col[e];
        if (c > 0 && c < n)
            at += (size_t)snprintf(said + at, sizeof said - at, "%s%s from %s", at ? ", " : "", ELEM_NAMES[e],
                                   stations[c]);
    }
    dc_diag_warn(r->diag, r->path, line, 0, NULL, "the file holds several stations: %s (each element's first "
                 "column); download one station per file to choose otherwise", said);
}

static int accepted(const reader *r, int code)
{
    for (int k = 0; k < r->opt->n_quality; k++)
        if (r->opt->quality[k] == code) return 1;
    return 0;
}

/* A value of element e in a data row; NaN when missing or not accepted. */
static double value(reader *r, char **cells, int n, int e)
{
    int c = r->value_col[e], q = r->quality_col[e];
    if (c < 0 || c >= n) return NAN;
    if (q >= 0 && (q >= n || !accepted(r, atoi(cells[q])))) return NAN;
    if (!cells[c][0]) /* JMA leaves 日射量 blank, quality 8, when the sun is down */
        return e == E_GHI - E_TEMP && q >= 0 ? 0.0 : NAN;
    char *end;
    double v = dc_parse_decimal(cells[c], &end);
    return end == cells[c] || *end ? NAN : v;
}

typedef struct {
    int n, cap;
    int *y, *m, *d, *h;          /* the hour's start */
    double *v[N_ELEMS];
    int *line;
} rows;

static int push(rows *t)
{
    if (t->n < t->cap) return 0;
    int cap = t->cap ? 2 * t->cap : 9000;
    int **ints[] = {&t->y, &t->m, &t->d, &t->h, &t->line};
    for (size_t k = 0; k < sizeof ints / sizeof ints[0]; k++) {
        int *p = realloc(*ints[k], (size_t)cap * sizeof **ints[k]);
        if (!p) return -1;
        *ints[k] = p;
    }
    for (int e = 0; e < N_ELEMS; e++) {
        double *p = realloc(t->v[e], (size_t)cap * sizeof *p);
        if (!p) return -1;
        t->v[e] = p;
    }
    t->cap = cap;
    return 0;
}

static void rows_free(rows *t)
{
    free(t->y), free(t->m), free(t->d), free(t->h), free(t->line);
    for (int e = 0; e < N_ELEMS; e++) free(t->v[e]);
}

/* One data row: the hour ending at the stamp becomes the hour starting an
 * hour earlier (24:00 and 0:00 of the next day both end the day). */
static int data_row(reader *r, rows *t, char **cells, int n, int line)
{
    int y, m, d, h;
    if (stamp(cells[0], &y, &m, &d, &h)) {
        dc_diag_add(r->diag, r->path, line, 1, "年月日時", "'%s' is not a date and hour (YYYY/M/D H:MM:SS)", cells[0]);
        return -1;
    }
    long day = dc_days_from_civil(y, m, d);
    if (h == 0) day--, h = 24;
    dc_civil_from_days(day, &y, &m, &d);
    if (push(t)) return -1;
    int k = t->n++;
    t->y[k] = y, t->m[k] = m, t->d[k] = d, t->h[k] = h - 1, t->line[k] = line;
    for (int e = 0; e < N_ELEMS; e++) t->v[e][k] = value(r, cells, n, e);
    return 0;
}

static int parse(reader *r, dc_text *txt, rows *t)
{
    size_t pos = 0;
    char *cells[MAX_COLS], *names[MAX_COLS], *labels[8][MAX_COLS], *stations[MAX_COLS];
    int n_names = 0, n_label_rows = 0, n_labels[8], line = 0, header_line = 0, n_stations = 0, station_line = 0;
    char *first = dc_text_line(txt, &pos);
    line++;
    if (!first || strncmp(first, "ダウンロードした時刻", strlen("ダウンロードした時刻"))) {
        dc_diag_add(r->diag, r->path, 1, 1, NULL, "not a JMA download: its first line is 「ダウンロードした時刻：…」 (set "
                    "weather.format if this is another format)");
        return -1;
    }
    for (char *s; (s = dc_text_line(txt, &pos));) {
        line++;
        if (!s[0]) continue;
        int n = split(s, cells, MAX_COLS);
        if (!n_names) {
            if (!strcmp(cells[0], "年月日")) {
                dc_diag_add(r->diag, r->path, line, 1, NULL, "daily data: download hourly values (時別値)");
                return -1;
            }
            if (!strcmp(cells[0], "年月日時")) {
                memcpy(names, cells, (size_t)n * sizeof *cells);
                n_names = n, header_line = line;
            } else if (!cells[0][0]) { /* the row naming each column's station */
                memcpy(stations, cells, (size_t)n * sizeof *cells);
                n_stations = n, station_line = line;
            }
            continue;
        }
        if (!cells[0][0]) { /* a row labelling the extra columns */
            if (n_label_rows < 8) memcpy(labels[n_label_rows], cells, (size_t)n * sizeof *cells), n_labels[n_label_rows++] = n;
            continue;
        }
        if (header_line > 0) {
            if (map_columns(r, names, n_names, labels, n_label_rows, n_labels, header_line)) return -1;
            several_stations(r, stations, n_stations, station_line);
            header_line = -1;
        }
        if (data_row(r, t, cells, n, line)) r->errors++;
    }
    if (!n_names) {
        dc_diag_add(r->diag, r->path, 0, 0, NULL, "no header row starting with 年月日時");
        return -1;
    }
    return 0;
}

/* Hours in order, one year at most. */
static int check_order(reader *r, const rows *t)
{
    if (t->n > 8784) {
        dc_diag_add(r->diag, r->path, t->line[8784], 0, "年月日時", "more than a year of hours (%d rows): download one "
                    "year (or one fiscal year) per file", t->n);
        return -1;
    }
    for (int k = 1; k < t->n; k++) {
        long a = dc_days_from_civil(t->y[k - 1], t->m[k - 1], t->d[k - 1]) * 24 + t->h[k - 1];
        long b = dc_days_from_civil(t->y[k], t->m[k], t->d[k]) * 24 + t->h[k];
        if (b != a + 1) {
            dc_diag_add(r->diag, r->path, t->line[k], 1, "年月日時", "%s after %04d-%02d-%02d %02d:00: rows must "
                        "follow hour by hour", b <= a ? "repeated or earlier hour" : "hours missing", t->y[k - 1],
                        t->m[k - 1], t->d[k - 1], t->h[k - 1]);
            return -1;
        }
    }
    return 0;
}

/* Gaps of element e: reported with their dates; filled linearly between
 * the values around them when the scenario names that method. */
static int gaps(reader *r, rows *t, int e, int required)
{
    int n = 0;
    char dates[400] = "";
    for (int k = 0; k < t->n; k++) {
        if (!isnan(t->v[e][k])) continue;
        if (n++ < 6)
            snprintf(dates + strlen(dates), sizeof dates - strlen(dates), "%s%04d-%02d-%02d %02d:00 (line %d)",
                     n > 1 ? ", " : "", t->y[k], t->m[k], t->d[k], t->h[k], t->line[k]);
    }
    if (!n) return 0;
    if (r->opt->fill != DC_JMA_FILL_LINEAR) {
        if (!required) return 1;
        dc_diag_add(r->diag, r->path, 0, 0, ELEM_NAMES[e], "%d hour(s) missing or of a quality not accepted: %s%s; "
                    "set weather.fill: linear to fill them, or weather.accept_quality to accept more codes",
                    n, dates, n > 6 ? ", ..." : "");
        return -1;
    }
    for (int k = 0; k < t->n; k++) {
        if (!isnan(t->v[e][k])) continue;
        int a = k - 1, b = k;
        while (b < t->n && isnan(t->v[e][b])) b++;
        for (int j = k; j < b; j++) {
            double va = a >= 0 ? t->v[e][a] : b < t->n ? t->v[e][b] : 0.0, vb = b < t->n ? t->v[e][b] : va;
            t->v[e][j] = a >= 0 && b < t->n ? va + (vb - va) * (j - a) / (double)(b - a) : va;
        }
        k = b;
    }
    dc_diag_warn(r->diag, r->path, 0, 0, ELEM_NAMES[e], "%d hour(s) filled linearly (weather.fill: linear): %s%s", n,
                 dates, n > 6 ? ", ..." : "");
    return 0;
}

static int to_raw(reader *r, rows *t, dc_weather_raw *w)
{
    if (dc_weather_raw_alloc(w, t->n)) return -1;
    int has_wind = r->value_col[E_WIND - E_TEMP] >= 0, has_press = r->value_col[E_PRESS - E_TEMP] >= 0;
    for (int k = 0; k < t->n; k++) {
        w->month[k] = (signed char)t->m[k], w->day[k] = (signed char)t->d[k], w->hour[k] = (signed char)t->h[k];
        w->ghi[k] = fmax(0.0, t->v[E_GHI - E_TEMP][k]) * 1e6 / 3600.0; /* MJ/m2 in the hour -> mean W/m2 */
        w->dni[k] = w->dhi[k] = NAN;
        w->temp_c[k] = t->v[E_TEMP - E_TEMP][k];
        w->wind_ms[k] = has_wind && !isnan(t->v[E_WIND - E_TEMP][k]) ? t->v[E_WIND - E_TEMP][k] : NAN;
        w->pressure_mbar[k] = has_press && !isnan(t->v[E_PRESS - E_TEMP][k]) ? t->v[E_PRESS - E_TEMP][k] : NAN;
    }
    w->has_beam = 0;
    w->latitude_deg = w->longitude_deg = w->elevation_m = NAN; /* the file has none: the scenario's location */
    w->tz_hours = 9.0;
    snprintf(w->station, sizeof w->station, "JMA");
    return 0;
}

dc_status dc_jma_read(const char *path, const dc_jma_options *opt, dc_weather_raw *out, dc_diag *diag)
{
    memset(out, 0, sizeof *out);
    dc_text txt;
    if (dc_text_read(path, &txt, diag)) return DC_ERR_WEATHER;
    reader r = {path, diag, opt, {0}, {0}, 0};
    rows t;
    memset(&t, 0, sizeof t);
    int bad = parse(&r, &txt, &t) || r.errors || check_order(&r, &t);
    if (!bad && t.n == 0) dc_diag_add(diag, path, 0, 0, NULL, "no data rows"), bad = 1;
    if (!bad) bad |= gaps(&r, &t, E_TEMP - E_TEMP, 1) < 0, bad |= gaps(&r, &t, E_GHI - E_TEMP, 1) < 0;
    if (!bad) gaps(&r, &t, E_WIND - E_TEMP, 0), gaps(&r, &t, E_PRESS - E_TEMP, 0);
    if (!bad && to_raw(&r, &t, out)) dc_diag_add(diag, path, 0, 0, NULL, "out of memory"), bad = 1;
    rows_free(&t);
    dc_text_free(&txt);
    return bad ? DC_ERR_WEATHER : DC_OK;
}
