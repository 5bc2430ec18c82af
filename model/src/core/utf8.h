/* UTF-8 text: validity, length in characters, cutting without splitting
 * a character. Limits users see are in characters, not bytes. */
#ifndef DC_UTF8_H
#define DC_UTF8_H

#include <stddef.h>

/* Length of the UTF-8 sequence at s (1-4), or 0 when it is not one. */
int dc_utf8_seq(const unsigned char *s, size_t left);
/* Characters in the first len bytes of s; (size_t)-1 when not UTF-8. */
size_t dc_utf8_chars(const char *s, size_t len);
/* Bytes of the longest prefix of s with at most max_chars characters and
 * at most max_bytes bytes, never ending inside a character. */
size_t dc_utf8_prefix(const char *s, size_t max_chars, size_t max_bytes);
/* 3 when s (n bytes) starts with a UTF-8 byte-order mark, as files saved
 * by Windows Notepad or Excel's "CSV UTF-8" do; else 0. */
size_t dc_utf8_bom(const char *s, size_t n);
#endif
