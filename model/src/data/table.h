/* Typed cells of CSV statistics tables: every bad cell is reported as
 * file:line:column: field: message and counted, so a reader reports all
 * of a table's problems at once. */
#ifndef DC_TABLE_H
#define DC_TABLE_H

#include "csv.h"

typedef struct {
    const dc_csv *t;
    const dc_csv_row *row;
    dc_diag *diag;
    int errors;
} dc_cursor;

/* The cell of a column ("" when the table has no such column). */
const char *dc_cell(const dc_cursor *c, const char *col);
/* Column number (1-based, as a spreadsheet counts) of a column; 0 unknown. */
int dc_cell_col(const dc_cursor *c, const char *col);
/* An error at the cell of col in the cursor's row. */
void dc_cell_error(dc_cursor *c, const char *col, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void dc_cell_warn(dc_cursor *c, const char *col, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* A number >= 0; NaN when empty (an error unless allow_empty). */
double dc_cell_number(dc_cursor *c, const char *col, int allow_empty);
/* A share in [0, 1]; NaN when empty (an error unless allow_empty). */
double dc_cell_share(dc_cursor *c, const char *col, int allow_empty);
/* A fiscal year 1990-2100; 0 after an error. */
int dc_cell_year(dc_cursor *c, const char *col);
/* Index of the cell in names[0..n-1]; 0 after an error. */
int dc_cell_choice(dc_cursor *c, const char *col, const char *const *names, int n);
/* Text copied into dst (an error when it does not fit). */
void dc_cell_text(dc_cursor *c, const char *col, char *dst, size_t len);

/* What a table's rows become: the struct filled by parse from one row. */
typedef struct {
    const char *const *cols;  /* required columns, NULL-terminated */
    size_t size;              /* of one parsed row */
    void (*parse)(dc_cursor *c, void *row, void *ctx);
    int (*header)(const dc_csv *t, dc_diag *diag); /* further header checks: errors, or NULL */
} dc_table_kind;

/* Every row of the table at path parsed into a new array *rows (*n rows);
 * returns the number of errors (the array is kept either way). */
int dc_table_read(const char *path, const dc_table_kind *k, void *ctx, void **rows, int *n, dc_diag *diag);
#endif
