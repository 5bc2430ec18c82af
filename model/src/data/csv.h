/* A small CSV reader for statistics tables: '#' lines are comments (the
 * source notes), the first other line names the columns, fields are split
 * on commas (no quoting), surrounding spaces trimmed. */
#ifndef DC_CSV_H
#define DC_CSV_H

#include "decarb.h"

typedef struct {
    char **cell;  /* ncols pointers into the table's buffer */
    int line;     /* line number in the file */
} dc_csv_row;

typedef struct {
    const char *path;
    char **header;
    int ncols, nrows;
    dc_csv_row *rows;
    char *text;   /* the whole file, split in place */
} dc_csv;

/* 0 ok; on error a message is added to diag and -1 returned. */
int dc_csv_read(const char *path, dc_csv *out, dc_diag *diag);
int dc_csv_col(const dc_csv *t, const char *name);  /* index or -1 */
/* Column index, or -1 with "missing column NAME" added to diag. */
int dc_csv_need(const dc_csv *t, const char *name, dc_diag *diag);
void dc_csv_free(dc_csv *t);
#endif
