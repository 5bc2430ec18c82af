#include "table.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "fmt.h"
#include "utf8.h"

const char *dc_cell(const dc_cursor *c, const char *col)
{
    int k = dc_csv_col(c->t, col);
    return k < 0 ? "" : c->row->cell[k];
}

int dc_cell_col(const dc_cursor *c, const char *col) { return dc_csv_col(c->t, col) + 1; }

static void vsay(dc_cursor *c, int warn, const char *col, const char *fmt, va_list ap)
{
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    if (warn) {
        dc_diag_warn(c->diag, c->t->path, c->row->line, dc_cell_col(c, col), col, "%s", msg);
        return;
    }
    c->errors++;
    dc_diag_add(c->diag, c->t->path, c->row->line, dc_cell_col(c, col), col, "%s", msg);
}

void dc_cell_error(dc_cursor *c, const char *col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsay(c, 0, col, fmt, ap);
    va_end(ap);
}

void dc_cell_warn(dc_cursor *c, const char *col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsay(c, 1, col, fmt, ap);
    va_end(ap);
}

/* What a number typed as a spreadsheet shows it probably meant. */
static const char *number_hint(const char *s)
{
    if (strchr(s, ',')) return ": write it without thousands separators";
    if (strstr(s, "\xef\xbc")) return ": full-width digits? write ASCII digits";
    if (strchr(s, '%')) return ": write a percent as a fraction (50 % = 0.5)";
    return "";
}

double dc_cell_number(dc_cursor *c, const char *col, int allow_empty)
{
    const char *s = dc_cell(c, col);
    if (!*s) {
        if (!allow_empty) dc_cell_error(c, col, "missing value");
        return NAN;
    }
    char *end;
    errno = 0;
    double v = dc_parse_decimal(s, &end);
    if (end == s || *end || errno || !isfinite(v) || v < 0) {
        dc_cell_error(c, col, "'%s' is not a number >= 0%s", s, number_hint(s));
        return NAN;
    }
    return v;
}

double dc_cell_share(dc_cursor *c, const char *col, int allow_empty)
{
    double v = dc_cell_number(c, col, allow_empty);
    if (v > 1) {
        dc_cell_error(c, col, "%g is above 1: a share is a fraction (50 %% = 0.5)", v);
        return NAN;
    }
    return v;
}

int dc_cell_year(dc_cursor *c, const char *col)
{
    double y = dc_cell_number(c, col, 0);
    if (isnan(y)) return 0;
    if (y != floor(y) || y < 1990 || y > 2100) {
        dc_cell_error(c, col, "'%s' is not a fiscal year (1990-2100)", dc_cell(c, col));
        return 0; /* never cast a number out of int's range */
    }
    return (int)y;
}

int dc_cell_choice(dc_cursor *c, const char *col, const char *const *names, int n)
{
    const char *s = dc_cell(c, col);
    char list[256] = "";
    for (int k = 0; k < n; k++) {
        if (strcmp(s, names[k]) == 0) return k;
        snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", k ? ", " : "", names[k]);
    }
    dc_cell_error(c, col, "'%s' is not one of: %s", s, list);
    return 0;
}

void dc_cell_text(dc_cursor *c, const char *col, char *dst, size_t len)
{
    const char *s = dc_cell(c, col);
    if (strlen(s) >= len)
        dc_cell_error(c, col, "'%.*s...' is too long (at most %zu bytes)", (int)dc_utf8_prefix(s, 40, 160), s, len - 1);
    snprintf(dst, len, "%s", s);
}

int dc_table_read(const char *path, const dc_table_kind *k, void *ctx, void **rows, int *n, dc_diag *diag)
{
    dc_csv t;
    *rows = NULL;
    *n = 0;
    if (dc_csv_read(path, &t, diag)) return 1;
    int errors = 0;
    for (int j = 0; k->cols[j]; j++) errors += dc_csv_need(&t, k->cols[j], diag) < 0;
    if (k->header) errors += k->header(&t, diag);
    char *out = errors ? NULL : calloc((size_t)t.nrows + 1, k->size);
    if (!errors && !out) {
        dc_diag_add(diag, path, 0, 0, NULL, "out of memory");
        errors = 1;
    }
    for (int r = 0; out && r < t.nrows; r++) { /* every bad row is reported */
        dc_cursor c = {&t, &t.rows[r], diag, 0};
        k->parse(&c, out + (size_t)r * k->size, ctx);
        errors += c.errors;
    }
    *rows = out;
    *n = out ? t.nrows : 0;
    dc_csv_free(&t);
    return errors;
}
