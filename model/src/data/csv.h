/* CSV tables as RFC 4180 writes them (and Excel's "CSV UTF-8" saves):
 * fields split on commas, a field in double quotes may hold commas,
 * newlines and doubled quotes. UTF-8 with or without a byte-order mark, or
 * Shift_JIS (cp932, what Japanese Excel saves as "CSV"), read by text.h,
 * which refuses UTF-16, EUC-JP and HTML pages with a hint. Records whose
 * first character is '#' are comments (the source notes), blank lines are
 * skipped, the first other record names the columns. Unquoted fields are
 * trimmed of spaces. Positions in messages are file:line:column, where the
 * column is the field's number as a spreadsheet counts it (1 = A). */
#ifndef DC_CSV_H
#define DC_CSV_H

#include "decarb.h"

typedef struct {
    char **cell;  /* ncols fields */
    int line;     /* line the record starts on */
} dc_csv_row;

typedef struct {
    const char *path;
    char **header;
    int ncols, nrows, header_line;
    dc_csv_row *rows;
    char *text;   /* the whole file, split and unquoted in place */
} dc_csv;

/* 0 ok; on error every problem found is added to diag and -1 returned
 * (the table is then freed). */
int dc_csv_read(const char *path, dc_csv *out, dc_diag *diag);
int dc_csv_col(const dc_csv *t, const char *name);  /* index or -1 */
/* Column index, or -1 with "missing column NAME" added to diag. */
int dc_csv_need(const dc_csv *t, const char *name, dc_diag *diag);
void dc_csv_free(dc_csv *t);
#endif
