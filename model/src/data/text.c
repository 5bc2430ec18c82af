#include "text.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "utf8.h"

static char *slurp(const char *path, size_t *len, dc_diag *diag)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        dc_diag_add(diag, path, 0, 0, NULL, "cannot open: %s", strerror(errno));
        return NULL;
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    for (size_t got; buf && (got = fread(buf + n, 1, cap - n - 1, fp)) > 0;) {
        n += got;
        if (n > DC_TEXT_MAX_BYTES) break;
        if (n + 1 == cap) {
            char *b = realloc(buf, cap *= 2);
            if (!b) free(buf);
            buf = b;
        }
    }
    fclose(fp);
    if (!buf) dc_diag_add(diag, path, 0, 0, NULL, "out of memory");
    else if (n > DC_TEXT_MAX_BYTES) {
        dc_diag_add(diag, path, 0, 0, NULL, "larger than %d MiB: not a data file", DC_TEXT_MAX_BYTES >> 20);
        free(buf);
        return NULL;
    } else buf[n] = '\0';
    *len = n;
    return buf;
}

static int is_utf8(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        int k = dc_utf8_seq((const unsigned char *)s + i, n - i);
        if (k == 0 || s[i] == '\0') return 0;
        i += (size_t)k;
    }
    return 1;
}

/* Bytes in encoding `from` to UTF-8 with iconv; NULL when they are not. */
static char *convert(const char *from, const char *in, size_t n, size_t *out_len)
{
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1) return NULL;
    size_t cap = n * 3 + 1, left = cap - 1, inleft = n;
    char *out = malloc(cap), *op = out;
    char *ip = (char *)in;
    int bad = !out || iconv(cd, &ip, &inleft, &op, &left) == (size_t)-1;
    iconv_close(cd);
    if (bad) {
        free(out);
        return NULL;
    }
    *op = '\0';
    *out_len = (size_t)(op - out);
    return out;
}

/* EUC-JP read as Shift_JIS is either invalid (utf8 "") or turns into
 * half-width katakana: when most non-ASCII characters are those and the
 * bytes are valid EUC-JP, the file is EUC-JP (a real Shift_JIS file of data
 * is mostly kanji). */
static int looks_like_euc(const char *raw, size_t n, const char *utf8)
{
    size_t wide = 0, kana = 0;
    if (!utf8[0]) wide = 4, kana = 4;
    for (const unsigned char *p = (const unsigned char *)utf8; *p; p++) {
        if (*p < 0xC0) continue;
        wide++;
        kana += p[0] == 0xEF && ((p[1] == 0xBD && p[2] >= 0xA1) || (p[1] == 0xBE && p[2] <= 0x9F));
    }
    if (wide < 4 || kana * 2 < wide) return 0;
    size_t len;
    char *euc = convert("EUC-JP", raw, n, &len);
    free(euc);
    return euc != NULL;
}

static int looks_like_html(const char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n') s++;
    return !strncmp(s, "<!DOCTYPE", 9) || !strncmp(s, "<!doctype", 9) || !strncmp(s, "<html", 5) ||
           !strncmp(s, "<HTML", 5) || !strncmp(s, "<?xml", 5);
}

int dc_text_read(const char *path, dc_text *t, dc_diag *diag)
{
    memset(t, 0, sizeof *t);
    size_t n;
    char *raw = slurp(path, &n, diag);
    if (!raw) return -1;
    const unsigned char *u = (const unsigned char *)raw;
    if (n >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
        dc_diag_add(diag, path, 1, 1, NULL, "the file is UTF-16 (Excel's \"Unicode text\"): save it as CSV (UTF-8 "
                    "or Shift_JIS) and run again");
        free(raw);
        return -1;
    }
    if (memchr(raw, '\0', n)) {
        dc_diag_add(diag, path, 0, 0, NULL, "NUL bytes: UTF-16 text without a byte-order mark, or not text at all; "
                    "save it as CSV (UTF-8 or Shift_JIS)");
        free(raw);
        return -1;
    }
    size_t skip = dc_utf8_bom(raw, n);
    if (is_utf8(raw + skip, n - skip)) {
        memmove(raw, raw + skip, n - skip + 1);
        t->text = raw, t->len = n - skip;
    } else if ((t->text = convert("CP932", raw, n, &t->len))) {
        t->was_cp932 = 1;
        if (looks_like_euc(raw, n, t->text)) {
            dc_diag_add(diag, path, 0, 0, NULL, "EUC-JP text, not Shift_JIS or UTF-8: save it as CSV (UTF-8 or "
                        "Shift_JIS) and run again");
            free(raw);
            dc_text_free(t);
            return -1;
        }
        free(raw);
    } else if (looks_like_euc(raw, n, "")) {
        dc_diag_add(diag, path, 0, 0, NULL, "EUC-JP text, not Shift_JIS or UTF-8: save it as CSV (UTF-8 or "
                    "Shift_JIS) and run again");
        free(raw);
        return -1;
    } else {
        dc_diag_add(diag, path, 0, 0, NULL, "neither UTF-8 nor Shift_JIS (cp932) text: not a data file this reader "
                    "knows");
        free(raw);
        return -1;
    }
    if (looks_like_html(t->text)) {
        dc_diag_add(diag, path, 1, 1, NULL, "an HTML page, not data: the download probably failed (an error page or "
                    "a login page was saved under this name); download the file again");
        dc_text_free(t);
        return -1;
    }
    return 0;
}

void dc_text_free(dc_text *t)
{
    free(t->text);
    memset(t, 0, sizeof *t);
}

char *dc_text_line(dc_text *t, size_t *pos)
{
    if (*pos >= t->len) return NULL;
    char *s = t->text + *pos, *e = s;
    while (*e && *e != '\n' && *e != '\r') e++;
    size_t next = (size_t)(e - t->text);
    if (*e == '\r') next++;
    if (t->text[next] == '\n') next++;
    *e = '\0';
    *pos = next;
    return s;
}
