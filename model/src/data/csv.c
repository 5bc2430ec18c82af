#include "csv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "text.h"

enum { MAX_FIELDS = 256 };

typedef struct {
    const char *path;
    char *p;          /* next character to read */
    int line;         /* line of p */
    dc_diag *diag;
    int errors;
    int unclosed;     /* a quote ran to the end of the file */
} parser;

static int at_eol(const char *p) { return *p == '\n' || (*p == '\r' && p[1] == '\n') || *p == '\0'; }

static void skip_eol(parser *ps)
{
    if (*ps->p == '\r') ps->p++;
    if (*ps->p == '\n') ps->p++, ps->line++;
}

static char *trim(char *s, char *e)
{
    while (s < e && (*s == ' ' || *s == '\t')) s++;
    while (e > s && (e[-1] == ' ' || e[-1] == '\t')) e--;
    *e = '\0';
    return s;
}

/* A quoted field, unescaped in place; p is at the opening quote. */
static char *quoted(parser *ps, int field)
{
    int open_line = ps->line;
    char *w = ps->p, *out = w;
    ps->p++;
    for (;;) {
        if (*ps->p == '\0') {
            dc_diag_add(ps->diag, ps->path, open_line, field, NULL,
                        "a quoted field is never closed: the quote opened here has no closing quote");
            ps->errors++;
            ps->unclosed = 1;
            *w = '\0';
            return out;
        }
        if (*ps->p == '"' && ps->p[1] == '"') {
            *w++ = '"', ps->p += 2;
            continue;
        }
        if (*ps->p == '"') break;
        if (*ps->p == '\n') ps->line++;
        *w++ = *ps->p++;
    }
    ps->p++;
    while (*ps->p == ' ' || *ps->p == '\t') ps->p++;
    if (*ps->p != ',' && !at_eol(ps->p)) {
        dc_diag_add(ps->diag, ps->path, ps->line, field, NULL,
                    "text after a closing quote: a quote inside a field is written twice (\"\")");
        ps->errors++;
        while (*ps->p != ',' && !at_eol(ps->p)) ps->p++;
    }
    *w = '\0';
    return out;
}

/* An unquoted field; a quote inside it is an error. p stops at the
 * separator, which the caller reads before trimming. */
static char *plain(parser *ps, int field)
{
    char *s = ps->p;
    while (*ps->p != ',' && !at_eol(ps->p)) {
        if (*ps->p == '"') {
            dc_diag_add(ps->diag, ps->path, ps->line, field, NULL,
                        "a quote inside an unquoted field: put the whole field in quotes and double the quote");
            ps->errors++;
        }
        ps->p++;
    }
    return s;
}

/* One record's fields into cells (at most MAX_FIELDS); returns the count.
 * p ends after the record's end of line. */
static int record(parser *ps, char **cells)
{
    int n = 0;
    for (;;) {
        char *s = ps->p, *v;
        while (*s == ' ' || *s == '\t') s++;
        int is_quoted = *s == '"';
        if (is_quoted) ps->p = s, v = quoted(ps, n + 1);
        else v = plain(ps, n + 1);
        char *end = ps->p, sep = *end;
        if (sep == '\r') ps->p++; /* at_eol: it is followed by \n */
        if (*ps->p == ',' || *ps->p == '\n') ps->p++;
        if (sep == '\n' || sep == '\r') ps->line++;
        if (is_quoted) *end = '\0';
        else v = trim(v, end);
        if (n < MAX_FIELDS) cells[n] = v;
        n++;
        if (sep != ',') break;
    }
    return n;
}

/* Comment or blank line: skipped whole. */
static int skip_comment(parser *ps)
{
    char *s = ps->p;
    while (*s == ' ' || *s == '\t') s++;
    if (*s != '#' && !at_eol(s)) return 0;
    if (*s == '\0') return ps->p = s, 1;
    while (!at_eol(s)) s++;
    ps->p = s;
    skip_eol(ps);
    return 1;
}

static int add_row(dc_csv *t, char **cells, int n, int line)
{
    if (t->nrows % 256 == 0) {
        dc_csv_row *rows = realloc(t->rows, (size_t)(t->nrows + 256) * sizeof *rows);
        if (!rows) return -1;
        t->rows = rows;
    }
    char **c = malloc((size_t)n * sizeof *c);
    if (!c) return -1;
    memcpy(c, cells, (size_t)n * sizeof *c);
    t->rows[t->nrows++] = (dc_csv_row){c, line};
    return 0;
}

static int set_header(dc_csv *t, parser *ps, char **cells, int n, int line)
{
    t->header = malloc((size_t)n * sizeof *t->header);
    if (!t->header) return -1;
    memcpy(t->header, cells, (size_t)n * sizeof *cells);
    t->ncols = n;
    t->header_line = line;
    for (int c = 0; c < n; c++) {
        if (!*cells[c]) {
            dc_diag_add(ps->diag, ps->path, line, c + 1, NULL, "a column without a name");
            ps->errors++;
        }
        for (int k = 0; k < c; k++)
            if (*cells[c] && !strcmp(cells[c], cells[k])) {
                dc_diag_add(ps->diag, ps->path, line, c + 1, cells[c], "named twice (also column %d)", k + 1);
                ps->errors++;
            }
    }
    return 0;
}

static int parse(dc_csv *t, parser *ps)
{
    char *cells[MAX_FIELDS];
    while (*ps->p) {
        if (skip_comment(ps)) continue;
        int line = ps->line, n = record(ps, cells);
        if (n > MAX_FIELDS) {
            dc_diag_add(ps->diag, ps->path, line, MAX_FIELDS + 1, NULL, "more than %d fields", MAX_FIELDS);
            ps->errors++;
            continue;
        }
        if (!t->header) {
            if (set_header(t, ps, cells, n, line)) return -1;
        } else if (n != t->ncols && !ps->unclosed) {
            dc_diag_add(ps->diag, ps->path, line, n < t->ncols ? n : t->ncols + 1, NULL,
                        "%d fields, but the header (line %d) names %d columns", n, t->header_line, t->ncols);
            ps->errors++;
        } else if (add_row(t, cells, n, line)) {
            return -1;
        }
    }
    return 0;
}

int dc_csv_read(const char *path, dc_csv *t, dc_diag *diag)
{
    memset(t, 0, sizeof *t);
    t->path = path;
    dc_text txt; /* UTF-8 or Shift_JIS, as Excel saves either */
    if (dc_text_read(path, &txt, diag)) return -1;
    t->text = txt.text;
    parser ps = {path, t->text, 1, diag, 0, 0};
    if (parse(t, &ps)) {
        dc_diag_add(diag, path, 0, 0, NULL, "out of memory");
        dc_csv_free(t);
        return -1;
    }
    if (!t->header) {
        dc_diag_add(diag, path, 0, 0, NULL, "no header line (column names)");
        ps.errors++;
    }
    if (ps.errors) dc_csv_free(t);
    return ps.errors ? -1 : 0;
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
    if (c < 0) dc_diag_add(diag, t->path, t->header_line, 0, name, "missing column");
    return c;
}

void dc_csv_free(dc_csv *t)
{
    for (int r = 0; r < t->nrows; r++) free(t->rows[r].cell);
    free(t->rows);
    free(t->header);
    free(t->text);
    const char *path = t->path;
    memset(t, 0, sizeof *t);
    t->path = path;
}
