/* Number formatting for large text outputs, without printf per value. */
#ifndef DC_FMT_H
#define DC_FMT_H

#include <math.h>
#include <stddef.h>
#include <string.h>

enum { DC_FMT_MAX = 330 }; /* longest output: "-" + 309 digits + "." + 9 + NUL */

/* Writes v with `decimals` (0-9) digits after the point into buf (at least
 * DC_FMT_MAX bytes), byte for byte what printf("%.*f") gives with the default
 * rounding mode (the exact binary value rounded half to even); returns the
 * length. Falls back to snprintf for NaN, infinities and |v| >= 2^63. */
size_t dc_fmt_fixed(char *buf, double v, int decimals);

/* dc_fmt_fixed(buf, v, 6), by a path of its own (the hourly files' case). */
size_t dc_fmt_six(char *buf, double v);

/* dc_fmt_fixed at six decimals, a zero (most of an hourly file's values)
 * copied without a call. */
static inline size_t dc_fmt_fixed6(char *buf, double v)
{
    if (v == 0.0 && !signbit(v)) return memcpy(buf, "0.000000", 9), 8;
    return dc_fmt_six(buf, v);
}

/* strtod for what users type: decimal notation only. A hex number (0x10,
 * which strtod reads as 16) is not read: *end is s. */
double dc_parse_decimal(const char *s, char **end);
/* A whole field as a finite decimal number, with Excel's thousands
 * separators ("1,234.5", as a quoted CSV field holds them) allowed when
 * every group after the first has three digits; 0, or -1 when it is not. */
int dc_parse_grouped(const char *text, double *v);
/* dc_parse_decimal, the same value and end, quicker for the plain decimals
 * data files hold ("-3.5", "1013.2"): up to 15 significant digits and 22
 * decimals give mantissa / 10^k with both exact, one correctly rounded
 * division (Clinger's fast path). Anything else (exponents, inf, more
 * digits, a field that goes on) is strtod's. */
double dc_parse_number(const char *s, char **end);
/* 1 when all of s is a number Clinger's fast path reads (as above), into
 * *v: strtod's value; else 0 and *v undefined. */
int dc_parse_whole_fast(const char *s, double *v);
#endif
