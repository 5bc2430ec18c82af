/* Reading a text file line by line, whatever the lines' length, up to a
 * stated limit: a longer line is an error, never split and read as two. */
#ifndef DC_LINES_H
#define DC_LINES_H

#include <stddef.h>
#include <stdio.h>

enum { DC_LINE_LIMIT = 1 << 20 }; /* longest line of any input file [bytes] */

typedef struct {
    FILE *fp;
    char *io;         /* fp's buffer */
    char *buf;
    size_t cap;
    int lineno;       /* of the line last returned (1-based) */
    int too_long;     /* 1: stopped at a line longer than DC_LINE_LIMIT */
} dc_lines;

/* 0, or -1 with errno when the file cannot be opened. */
int dc_lines_open(dc_lines *r, const char *path);
/* The next line, its end of line (\n or \r\n) removed, and a UTF-8
 * byte-order mark before the first (Notepad, Excel's CSV UTF-8); NULL at the end, on
 * a read error, or at a line that is too long (too_long set). */
char *dc_lines_next(dc_lines *r);
void dc_lines_close(dc_lines *r);
#endif
