#include "cli_text.h"

#include <string.h>

/* The code point of the UTF-8 sequence at s and its length (1 for a byte
 * that starts none: taken as one column, as terminals show a stray byte). */
static unsigned decode(const unsigned char *s, int *len)
{
    int n = s[0] < 0x80 ? 1 : (s[0] >> 5) == 6 ? 2 : (s[0] >> 4) == 14 ? 3 : (s[0] >> 3) == 30 ? 4 : 0;
    unsigned cp = n == 1 ? s[0] : n == 2 ? s[0] & 0x1Fu : n == 3 ? s[0] & 0x0Fu : s[0] & 0x07u;
    for (int k = 1; k < n; k++) {
        if ((s[k] & 0xC0) != 0x80) n = 0; /* cut short (a NUL included) */
        if (!n) break;
        cp = cp << 6 | (s[k] & 0x3Fu);
    }
    *len = n ? n : 1;
    return n ? cp : s[0];
}

/* East Asian Wide and Fullwidth (Unicode UAX #11): hangul jamo, CJK
 * symbols, kana and ideographs, hangul, compatibility ideographs,
 * vertical and small forms, fullwidth forms, and the ideographs of the
 * supplementary planes. Halfwidth katakana (U+FF61-FF9F) stay narrow. */
static int wide(unsigned cp)
{
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) || (cp >= 0x3041 && cp <= 0x33FF) ||
           (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
           (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
           (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

int cli_columns(const char *s)
{
    int cols = 0;
    for (int n; *s; s += n) cols += 1 + wide(decode((const unsigned char *)s, &n));
    return cols;
}

/* s up to `width` columns (all of it unless `cut`) and spaces to width. */
static const char *fit(const char *s, int width, int cut, char *out, size_t len)
{
    size_t at = 0;
    int cols = 0;
    for (int n; *s; s += n) {
        int w = 1 + wide(decode((const unsigned char *)s, &n));
        if ((cut && cols + w > width) || at + (size_t)n >= len) break;
        memcpy(out + at, s, (size_t)n);
        at += (size_t)n, cols += w;
    }
    for (; cols < width && at + 1 < len; cols++) out[at++] = ' ';
    out[at] = '\0';
    return out;
}

const char *cli_cell(const char *s, int width, char *out, size_t len) { return fit(s, width, 1, out, len); }

const char *cli_pad(const char *s, int width, char *out, size_t len) { return fit(s, width, 0, out, len); }
