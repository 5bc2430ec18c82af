#include "holidays.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "text.h"

static int cmp_day(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

/* "2027/11/23,勤労感謝の日" (or 2027-11-23): 0 and the day number (days
 * since 1970, negative before), or -1. */
static int row_day(const char *s, int *year, long *day)
{
    int y, m, d, used = 0;
    if (sscanf(s, "%d/%d/%d%n", &y, &m, &d, &used) != 3 && sscanf(s, "%d-%d-%d%n", &y, &m, &d, &used) != 3) return -1;
    if (y < 1948 || y > 2200 || m < 1 || m > 12 || d < 1 || d > dc_days_in_month(y, m)) return -1;
    if (s[used] && s[used] != ',') return -1;
    *year = y;
    *day = dc_days_from_civil(y, m, d);
    return 0;
}

static int push(dc_holidays *h, int *cap, long day)
{
    if (h->n == *cap) {
        int c = *cap ? 2 * *cap : 1024;
        long *p = realloc(h->days, (size_t)c * sizeof *p);
        if (!p) return -1;
        h->days = p, *cap = c;
    }
    h->days[h->n++] = day;
    return 0;
}

dc_status dc_holidays_read(const char *path, const char *field, dc_holidays *out, dc_diag *diag)
{
    memset(out, 0, sizeof *out);
    dc_text txt;
    if (dc_text_read(path, &txt, diag)) return DC_ERR_CALENDAR;
    size_t pos = 0;
    int line = 0, errors = 0, cap = 0;
    for (char *s; (s = dc_text_line(&txt, &pos));) {
        line++;
        int y;
        if (!s[0] || (line == 1 && strstr(s, "月日"))) continue; /* the header */
        long day;
        if (row_day(s, &y, &day)) {
            if (errors++ < 10) dc_diag_add(diag, path, line, 1, field, "'%.40s' is not a date YYYY/M/D", s);
            continue;
        }
        if (push(out, &cap, day)) {
            errors++;
            dc_diag_add(diag, path, 0, 0, field, "out of memory");
            break;
        }
        if (!out->first_year || y < out->first_year) out->first_year = y;
        if (y > out->last_year) out->last_year = y;
    }
    dc_text_free(&txt);
    if (!errors && !out->n) dc_diag_add(diag, path, 0, 0, field, "no holidays listed"), errors++;
    if (errors) {
        dc_holidays_free(out);
        return DC_ERR_CALENDAR;
    }
    qsort(out->days, (size_t)out->n, sizeof *out->days, cmp_day);
    return DC_OK;
}

void dc_holidays_free(dc_holidays *h)
{
    free(h->days);
    memset(h, 0, sizeof *h);
}
