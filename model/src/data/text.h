/* Text files as Japanese offices have them: UTF-8 (with or without a
 * byte-order mark) or Shift_JIS (cp932, what Excel and most Japanese
 * systems save), converted to UTF-8; UTF-16 and HTML pages saved under a
 * .csv name are refused with a hint. */
#ifndef DC_TEXT_H
#define DC_TEXT_H

#include <stddef.h>

#include "decarb.h"

enum { DC_TEXT_MAX_BYTES = 64 << 20 };

typedef struct {
    char *text;      /* UTF-8, NUL-terminated, without a byte-order mark */
    size_t len;
    int was_cp932;   /* 1: the file was Shift_JIS (cp932) */
} dc_text;

/* 0 ok; -1 with the reason (file named) in diag. */
int dc_text_read(const char *path, dc_text *out, dc_diag *diag);
void dc_text_free(dc_text *t);
/* The next line of t starting at *pos (CR, LF or CRLF ends it; the ending
 * is cut); NULL at the end. The line is NUL-terminated in place. */
char *dc_text_line(dc_text *t, size_t *pos);
#endif
