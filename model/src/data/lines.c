#include "lines.h"

#include <stdlib.h>
#include <string.h>

#include "utf8.h"

/* A weather year is 1.5 MB: read 64 KiB a call, not stdio's 4 KiB (the
 * bundled year: 27 read calls, not 384). glibc takes the size only with
 * a buffer of the caller's. */
enum { READ_BUFFER = 1 << 16 };

int dc_lines_open(dc_lines *r, const char *path)
{
    memset(r, 0, sizeof *r);
    r->fp = fopen(path, "r");
    if (r->fp && (r->io = malloc(READ_BUFFER))) setvbuf(r->fp, r->io, _IOFBF, READ_BUFFER);
    return r->fp ? 0 : -1;
}

static int grow(dc_lines *r, size_t need)
{
    if (need <= r->cap) return 0;
    size_t cap = r->cap ? r->cap : 4096;
    while (cap < need) cap *= 2;
    char *b = realloc(r->buf, cap);
    if (!b) return -1;
    r->buf = b;
    r->cap = cap;
    return 0;
}

char *dc_lines_next(dc_lines *r)
{
    size_t len = 0;
    if (!r->fp || r->too_long || grow(r, 4096)) return NULL;
    while (fgets(r->buf + len, (int)(r->cap - len), r->fp)) {
        len += strlen(r->buf + len);
        if (len > 0 && r->buf[len - 1] == '\n') break;
        if (len > DC_LINE_LIMIT) break;
        if (len + 1 >= r->cap && grow(r, r->cap * 2)) return NULL;
    }
    if (len == 0) return NULL;
    r->lineno++;
    if (len > DC_LINE_LIMIT) { /* whole, but too long all the same */
        r->too_long = 1;
        return NULL;
    }
    while (len > 0 && (r->buf[len - 1] == '\n' || r->buf[len - 1] == '\r')) r->buf[--len] = '\0';
    size_t bom = r->lineno == 1 ? dc_utf8_bom(r->buf, len) : 0;
    if (bom) memmove(r->buf, r->buf + bom, len - bom + 1);
    return r->buf;
}

void dc_lines_close(dc_lines *r)
{
    if (r->fp) fclose(r->fp);
    free(r->io);
    free(r->buf);
    memset(r, 0, sizeof *r);
}
