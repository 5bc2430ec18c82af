#include "csv.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

static char *slurp(const char *path, dc_diag *diag)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        dc_diag_add(diag, path, 0, 0, NULL, "cannot open: %s", strerror(errno));
        return NULL;
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    for (size_t got; buf && (got = fread(buf + n, 1, cap - n - 1, fp)) > 0;) {
        n += got;
        if (n + 1 == cap) {
            char *b = realloc(buf, cap *= 2);
            if (!b) free(buf);
            buf = b;
        }
    }
    fclose(fp);
    if (buf) buf[n] = '\0';
    return buf;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t') s++;
    char *e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r')) *--e = '\0';
    return s;
}

static int split(char *line, char **cells, int max)
{
    int n = 0;
    for (char *p = line; n < max; p++) {
        char *comma = strchr(p, ',');
        if (comma) *comma = '\0';
        cells[n++] = trim(p);
        if (!comma) break;
        p = comma;
    }
    return n;
}

static int add_row(dc_csv *t, char *line, int lineno, dc_diag *diag)
{
    char *tmp[256];
    int n = split(line, tmp, 256);
    if (n != t->ncols) {
        dc_diag_add(diag, t->path, lineno, 0, NULL, "%d fields, but the header names %d columns", n, t->ncols);
        return -1;
    }
    dc_csv_row *rows = realloc(t->rows, (size_t)(t->nrows + 1) * sizeof *rows);
    char **cells = malloc((size_t)n * sizeof *cells);
    if (!rows || !cells) {
        free(cells);
        if (rows) t->rows = rows;
        return -1;
    }
    memcpy(cells, tmp, (size_t)n * sizeof *cells);
    t->rows = rows;
    t->rows[t->nrows++] = (dc_csv_row){cells, lineno};
    return 0;
}

int dc_csv_read(const char *path, dc_csv *t, dc_diag *diag)
{
    memset(t, 0, sizeof *t);
    t->path = path;
    if (!(t->text = slurp(path, diag))) return -1;
    int lineno = 0, errors = 0;
    for (char *line = t->text, *next; line; line = next) {
        next = strchr(line, '\n');
        if (next) *next++ = '\0';
        lineno++;
        char *s = trim(line);
        if (!*s || *s == '#') continue;
        if (!t->header) {
            char *cells[256];
            t->ncols = split(s, cells, 256);
            t->header = malloc((size_t)t->ncols * sizeof *t->header);
            if (!t->header) return -1;
            memcpy(t->header, cells, (size_t)t->ncols * sizeof *cells);
            continue;
        }
        errors += add_row(t, s, lineno, diag) != 0;
    }
    if (!t->header) {
        dc_diag_add(diag, path, 0, 0, NULL, "no header line (column names)");
        errors++;
    }
    return errors ? -1 : 0;
}

int dc_csv_col(const dc_csv *t, const char *name)
{
    for (int c = 0; c < t->ncols; c++)
        if (strcmp(t->header[c], name) == 0) return c;
    return -1;
}

int dc_csv_need(const dc_csv *t, const char *name, dc_diag *diag)
{
    int c = dc_csv_col(t, name);
    if (c < 0) dc_diag_add(diag, t->path, 0, 0, name, "missing column");
    return c;
}

void dc_csv_free(dc_csv *t)
{
    for (int r = 0; r < t->nrows; r++) free(t->rows[r].cell);
    free(t->rows);
    free(t->header);
    free(t->text);
    memset(t, 0, sizeof *t);
}
