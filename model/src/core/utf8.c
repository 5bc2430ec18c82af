#include "utf8.h"

#include <string.h>

int dc_utf8_seq(const unsigned char *s, size_t left)
{
    if (left == 0) return 0;
    int n = s[0] < 0x80 ? 1 : (s[0] >> 5) == 6 ? 2 : (s[0] >> 4) == 14 ? 3 : (s[0] >> 3) == 30 ? 4 : 0;
    if (n == 0 || (size_t)n > left) return 0;
    for (int k = 1; k < n; k++)
        if ((s[k] & 0xC0) != 0x80) return 0;
    return n;
}

size_t dc_utf8_chars(const char *s, size_t len)
{
    size_t chars = 0;
    for (size_t i = 0; i < len; chars++) {
        int n = dc_utf8_seq((const unsigned char *)s + i, len - i);
        if (n == 0) return (size_t)-1;
        i += (size_t)n;
    }
    return chars;
}

size_t dc_utf8_prefix(const char *s, size_t max_chars, size_t max_bytes)
{
    size_t len = strlen(s), i = 0;
    for (size_t chars = 0; i < len && chars < max_chars; chars++) {
        int n = dc_utf8_seq((const unsigned char *)s + i, len - i);
        if (n == 0 || i + (size_t)n > max_bytes) break;
        i += (size_t)n;
    }
    return i;
}

size_t dc_utf8_bom(const char *s, size_t n)
{
    return n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3) ? 3 : 0;
}
