#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "fmt.h"
#include "lines.h"
#include "loadfiles.h"

enum { MAX_ERRORS = 20 };

static int finite_number(const char *text, double *v)
{
    char *end;
    errno = 0;
    *v = dc_parse_decimal(text, &end);
    while (*end == ' ' || *end == '\t' || *end == '\r' || *end == '\n') end++;
    return end != text && *end == '\0' && !errno && isfinite(*v);
}

static int skip_line(const char *line) { return line[0] == '#' || line[strspn(line, " \t\r\n")] == '\0'; }

static int shape_row(const char *path, int lineno, char *line, dc_shape *out, unsigned char *seen,
                     dc_diag *diag)
{
    char *save, *tok = strtok_r(line, ",\r\n", &save);
    double m;
    if (!tok || !finite_number(tok, &m) || m < 1 || m > 12 || m != floor(m)) {
        dc_diag_add(diag, path, lineno, 1, "month", "expected a month 1-12");
        return -1;
    }
    tok = strtok_r(NULL, ",\r\n", &save);
    int type = tok && !strcmp(tok, "weekday") ? 0 : tok && !strcmp(tok, "offday") ? 1 : -1;
    if (type < 0) {
        dc_diag_add(diag, path, lineno, 0, "daytype", "expected weekday or offday");
        return -1;
    }
    for (int h = 0; h < 24; h++) {
        tok = strtok_r(NULL, ",\r\n", &save);
        double v;
        if (!tok || !finite_number(tok, &v) || v < 0) {
            dc_diag_add(diag, path, lineno, 0, "weight", "hour %d: expected a finite number >= 0", h);
            return -1;
        }
        out->w[(int)m - 1][type][h] = v;
    }
    seen[((int)m - 1) * 2 + type] = 1;
    return 0;
}

static int too_long(const dc_lines *in, const char *path, const char *field, dc_diag *diag)
{
    if (in->too_long) dc_diag_add(diag, path, in->lineno, 0, field, "line longer than 1 MiB");
    return in->too_long;
}

dc_status dc_shape_read(const char *path, dc_shape *out, dc_diag *diag)
{
    dc_lines in;
    if (dc_lines_open(&in, path)) {
        dc_diag_add(diag, path, 0, 0, NULL, "cannot open load shape: %s", strerror(errno));
        return DC_ERR_IO;
    }
    char *line;
    unsigned char seen[24] = {0};
    int errors = 0, header = 0, rows = 0;
    while (errors < MAX_ERRORS && (line = dc_lines_next(&in))) {
        if (skip_line(line)) continue;
        if (!header++) continue; /* column names */
        if (++rows > 24) { /* 12 months x 2 day types */
            dc_diag_add(diag, path, in.lineno, 0, NULL, "more than 24 rows (12 months x weekday/offday)");
            errors++;
            break;
        }
        errors += shape_row(path, in.lineno, line, out, seen, diag) != 0;
    }
    errors += too_long(&in, path, NULL, diag);
    dc_lines_close(&in);
    for (int k = 0; k < 24 && !errors; k++)
        if (!seen[k]) {
            dc_diag_add(diag, path, 0, 0, NULL, "no row for month %d %s", k / 2 + 1, k % 2 ? "offday" : "weekday");
            errors++;
        }
    return errors ? DC_ERR_LOAD : DC_OK;
}

static int append(double **v, int *n, int *cap, double x)
{
    if (*n == *cap) {
        int c = *cap ? 2 * *cap : 9000;
        double *p = realloc(*v, (size_t)c * sizeof *p);
        if (!p) return -1;
        *v = p;
        *cap = c;
    }
    (*v)[(*n)++] = x;
    return 0;
}

/* The last field of a CSV line, its quotes removed in place (RFC 4180:
 * "1,234" is one field, "" a quote); *fields counts the line's fields. */
static char *last_field(char *line, int *fields)
{
    char *start = line, *to = line;
    int quoted = 0;
    *fields = 1;
    for (char *p = line; *p && *p != '\r' && *p != '\n'; p++) {
        if (*p == '"' && quoted && p[1] == '"') *to++ = *p++;
        else if (*p == '"') quoted = !quoted;
        else if (*p == ',' && !quoted) start = to = p + 1, ++*fields;
        else *to++ = *p;
    }
    *to = '\0';
    return start;
}

/* A unit the header names other than kWh per step, or NULL: a run of
 * ASCII letters that is a unit ("usage [MWh]", "demand_kw", "電力量(kWh)"),
 * not letters inside a word ("wholesale"). */
static const char *header_unit(const char *name)
{
    static const char *const UNITS[] = {"kwh", NULL, "mwh", "MWh", "gwh", "GWh", "wh", "Wh", "kw", "kW"};
    for (const char *p = name; *p;) {
        char word[8];
        size_t k = 0;
        for (; ((*p | 32) >= 'a' && (*p | 32) <= 'z'); p++)
            if (k + 1 < sizeof word) word[k++] = (char)(*p | 32);
        word[k] = '\0';
        for (size_t u = 0; k && u < sizeof UNITS / sizeof UNITS[0]; u += 2)
            if (!strcmp(word, UNITS[u])) return UNITS[u + 1]; /* kWh: NULL, no other unit */
        if (*p) p++;
    }
    return NULL;
}

/* The header names a unit decarb would misread by a factor: said, not scaled. */
static int check_header(const char *path, int lineno, const char *name, const char *field, dc_diag *diag)
{
    const char *unit = header_unit(name);
    if (!unit) return 0;
    dc_diag_add(diag, path, lineno, 0, field, "the column '%s' is in %s: give kWh per step%s", name, unit,
                !strcmp(unit, "kW") ? " (kW x the step's hours), or set profile_format: meter for a meter's kW"
                                    : "");
    return -1;
}

dc_status dc_profile_read(const char *path, const char *field, int most, double **out, int *n, dc_diag *diag)
{
    dc_lines in;
    *out = NULL;
    *n = 0;
    if (dc_lines_open(&in, path)) {
        dc_diag_add(diag, path, 0, 0, field, "cannot open profile: %s", strerror(errno));
        return DC_ERR_IO;
    }
    char *line;
    int errors = 0, cap = 0, data_lines = 0, header = 0, columns = 0; /* the header's fields, or the first row's */
    while (errors < MAX_ERRORS && (line = dc_lines_next(&in))) {
        int lineno = in.lineno, fields;
        if (skip_line(line)) continue;
        char *last = last_field(line, &fields);
        double v;
        int ok = finite_number(last, &v) || (strchr(last, ',') && dc_parse_grouped(last, &v) == 0); /* "1,234" */
        if (!ok && data_lines++ == 0) { /* header */
            columns = fields, header = 1;
            errors += check_header(path, lineno, last, field, diag) != 0;
            continue;
        }
        if (!columns) columns = fields;
        data_lines++;
        if (fields != columns) {
            dc_diag_add(diag, path, lineno, 0, field, "%d fields where the %s has %d: a decimal comma, or a "
                        "thousands separator (write 1234, not 1,234)?", fields, header ? "header" : "first row",
                        columns);
            errors++;
            continue;
        }
        if (!ok || v < 0) {
            dc_diag_add(diag, path, lineno, fields, field, "expected a finite energy >= 0 [kWh], got '%s'%s", last,
                        strchr(last, ';') ? " (fields separated by ';'? save the file as comma-separated CSV)" : "");
            errors++;
            continue;
        }
        if (*n >= most) { /* no need to read on: the file cannot fit the year */
            dc_diag_add(diag, path, lineno, 0, field, "more than %d values: the scenario year has %d steps"
                        " (a 30-minute meter export or another year's file? set profile_format: meter)", most, most);
            errors++;
            break;
        }
        if (append(out, n, &cap, v)) errors++;
    }
    errors += too_long(&in, path, field, diag);
    dc_lines_close(&in);
    if (errors) {
        free(*out);
        *out = NULL;
        return DC_ERR_LOAD;
    }
    return DC_OK;
}
