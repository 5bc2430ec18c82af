/* A sweep's journals: each process appends every finished case's row to
 * its own file in DIR (sweep.journal, or sweep.journal.RANK under MPI) in
 * one write, so a sweep killed at any moment and started again, with any
 * number of processes, skips what is done. sweep.csv is then written from
 * all journals in case order, the same bytes however the cases were run,
 * reading one row at a time (memory does not grow with the rows). */
#ifndef DC_CLI_JOURNAL_H
#define DC_CLI_JOURNAL_H

#include <stdint.h>
#include <stdio.h>

#include "decarb.h"

/* The longest row a journal holds, its newline included: sixteen axis
 * values and sixteen set: values of up to 255 bytes quoted (every quote
 * doubled), a status of up to 2 KiB quoted and the figures, with room to
 * spare. A row is made to
 * fit it (cli_sweep.c), and the journal is read in lines of this size. */
enum { DC_JOURNAL_ROW_MAX = 49152 };

/* The first line of every journal of this sweep: a hash of the base
 * file's bytes, the axes and every value. */
void dc_journal_tag(const dc_sweep *w, char *tag, size_t len);

/* A sweep's rows: n cases, each row of `fields` CSV fields. A line that
 * is not such a row (damaged, or a write cut short by a full disk and
 * followed by the next) is passed over: its case runs again. */
typedef struct {
    size_t n;
    int fields;
} dc_journal_rows;

/* Marks in done[] every case some journal of dir holds. Returns 0, or -1
 * when a journal belongs to another sweep (its name into bad). own_keep:
 * the bytes of own's whole lines (0 when own is absent or holds not even
 * its tag), so a line cut by a kill can be cut off. */
int dc_journal_scan(const char *dir, const char *tag, const char *own, const dc_journal_rows *rows,
                    unsigned char *done, long *own_keep, char *bad, size_t bad_len);

/* DIR/sweep.csv from the header and every journal's rows in case order,
 * through a temporary file renamed into place; the journals are removed
 * once it is whole. 0, or -1 when a case has no row or a write fails. */
int dc_journal_merge(const char *dir, const char *tag, const dc_journal_rows *rows,
                     void (*header)(FILE *, const void *), const void *ctx);

/* Fields of one CSV line (a quoted field may hold commas and "" quotes). */
int dc_journal_fields(const char *line);

/* Appends the first `most` bytes of text (cut between UTF-8 characters)
 * to buf as an RFC 4180 field, on one line (a journal row is one line,
 * so a control character becomes a space); the new end. */
size_t cli_csv_field(char *buf, size_t at, size_t len, const char *text, size_t most);
/* The sweep file's set: keys as columns after the axes, so that a table
 * says what every case held: ",KEY" each into a header, and ",VALUE"
 * each (quoted, as given) into a row at `at`; the new end. */
void cli_set_header(FILE *fp, const dc_sweep *w);
size_t cli_set_fields(const dc_sweep *w, char *buf, size_t at, size_t len);
#endif
