/* Collected diagnostics (internal side of dc_diag). */
#ifndef DC_DIAG_H
#define DC_DIAG_H
#include "decarb.h"

/* Add "file:line:col: field: message". line/col 0 = unknown; file or
 * field NULL = omitted. A NULL diag is allowed and ignored. */
void dc_diag_add(dc_diag *d, const char *file, int line, int col,
                 const char *field, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/* The same as a warning: "file:line:col: warning: field: message". */
void dc_diag_warn(dc_diag *d, const char *file, int line, int col,
                  const char *field, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/* A log: every message kept as added, none counted away or taken for a
 * repeated warning; dc_diag_replay then adds them to d in their order, as
 * if they had been added there (work on another thread logs apart). */
dc_diag *dc_diag_create_log(void);
void dc_diag_replay(dc_diag *d, dc_diag *log);
#endif
