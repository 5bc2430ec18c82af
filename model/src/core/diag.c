#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { DIAG_KEEP = 200 }; /* messages kept; past them, a count: a broken file need not print forever */

struct dc_diag {
    char **msg;
    unsigned char *warning; /* 1 = warning, 0 = error, per message */
    size_t n, cap;
    size_t dropped;         /* messages past DIAG_KEEP */
    size_t dropped_errors;
    int log;                /* 1: every message as added, for dc_diag_replay */
};

dc_diag *dc_diag_create(void) { return calloc(1, sizeof(dc_diag)); }

dc_diag *dc_diag_create_log(void)
{
    dc_diag *d = dc_diag_create();
    if (d) d->log = 1;
    return d;
}

void dc_diag_destroy(dc_diag **d)
{
    if (!d || !*d) return;
    for (size_t i = 0; i < (*d)->n; i++) free((*d)->msg[i]);
    free((*d)->msg);
    free((*d)->warning);
    free(*d);
    *d = NULL;
}

size_t dc_diag_count(const dc_diag *d) { return d ? d->n : 0; }

const char *dc_diag_message(const dc_diag *d, size_t i)
{
    return (d && i < d->n) ? (d->msg[i] ? d->msg[i] : "") : NULL;
}

static int grow(dc_diag *d)
{
    if (d->n < d->cap) return 0;
    size_t cap = d->cap ? 2 * d->cap : 8;
    char **m = realloc(d->msg, cap * sizeof *m);
    if (!m) return -1;
    d->msg = m;
    unsigned char *w = realloc(d->warning, cap);
    if (!w) return -1;
    d->warning = w;
    d->cap = cap;
    return 0;
}

int dc_diag_is_warning(const dc_diag *d, size_t i) { return d && i < d->n ? d->warning[i] : 0; }

size_t dc_diag_errors(const dc_diag *d)
{
    if (!d) return 0;
    size_t n = 0, kept = d->dropped ? d->n - 1 : d->n; /* the last line counts those dropped */
    for (size_t i = 0; i < kept; i++) n += !d->warning[i];
    return n + d->dropped_errors;
}

/* Past DIAG_KEEP messages, one more message counts the rest. */
static void note_dropped(dc_diag *d, int warning)
{
    char text[96];
    if (d->dropped == 0) {
        if (grow(d)) return;
        d->msg[d->n] = NULL;
        d->n++;
    }
    d->dropped++;
    d->dropped_errors += !warning;
    snprintf(text, sizeof text, "... and %zu more messages not shown", d->dropped);
    char *m = realloc(d->msg[d->n - 1], strlen(text) + 1);
    if (!m) return;
    memcpy(m, text, strlen(text) + 1);
    d->msg[d->n - 1] = m;
    d->warning[d->n - 1] = d->dropped_errors == 0;
}

/* m (its own) as message n, unless a warning said so already. */
static void keep(dc_diag *d, int warning, char *m)
{
    if (!d->log && d->n >= DIAG_KEEP) {
        free(m);
        note_dropped(d, warning);
        return;
    }
    if (grow(d)) {
        free(m);
        return;
    }
    for (size_t i = 0; warning && !d->log && i < d->n; i++) /* a check run twice warns once */
        if (d->warning[i] && d->msg[i] && !strcmp(d->msg[i], m)) {
            free(m);
            return;
        }
    d->warning[d->n] = (unsigned char)warning;
    d->msg[d->n++] = m;
}

static void add(dc_diag *d, int warning, const char *file, int line, int col, const char *field,
                const char *fmt, va_list ap)
{
    if (!d) return;
    if (!d->log && d->n >= DIAG_KEEP) {
        note_dropped(d, warning);
        return;
    }
    char where[1200] = "", text[1024];
    if (file && line > 0 && col > 0)
        snprintf(where, sizeof where, "%s:%d:%d: ", file, line, col);
    else if (file && line > 0)
        snprintf(where, sizeof where, "%s:%d: ", file, line);
    else if (file)
        snprintf(where, sizeof where, "%s: ", file);
    vsnprintf(text, sizeof text, fmt, ap);
    const char *tag = warning ? "warning: " : "";
    size_t len = strlen(where) + strlen(tag) + (field ? strlen(field) + 2 : 0) + strlen(text) + 1;
    char *m = malloc(len);
    if (!m) return;
    snprintf(m, len, "%s%s%s%s%s", where, tag, field ? field : "", field ? ": " : "", text);
    keep(d, warning, m);
}

void dc_diag_replay(dc_diag *d, dc_diag *log)
{
    for (size_t i = 0; d && log && i < log->n; i++) {
        keep(d, log->warning[i], log->msg[i]);
        log->msg[i] = NULL; /* d's now, or freed */
    }
}

void dc_diag_add(dc_diag *d, const char *file, int line, int col, const char *field, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add(d, 0, file, line, col, field, fmt, ap);
    va_end(ap);
}

void dc_diag_warn(dc_diag *d, const char *file, int line, int col, const char *field, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add(d, 1, file, line, col, field, fmt, ap);
    va_end(ap);
}
