#include "fmt.h"

#include "decarb.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__extension__ typedef unsigned __int128 u128;

static const uint64_t POW10[10] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000};

static const uint64_t POW10_20[20] = {1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL, 10000000ULL,
                                      100000000ULL, 1000000000ULL, 10000000000ULL, 100000000000ULL,
                                      1000000000000ULL, 10000000000000ULL, 100000000000000ULL,
                                      1000000000000000ULL, 10000000000000000ULL, 100000000000000000ULL,
                                      1000000000000000000ULL, 10000000000000000000ULL};

/* "00" .. "99": two digits a step. */
static const char PAIRS[201] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
                               "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
                               "8081828384858687888990919293949596979899";

static int count_digits(uint64_t x)
{
    int n = 1;
    while (n < 20 && x >= POW10_20[n]) n++;
    return n;
}

/* Exactly `digits` digits of x < 10^digits, leading zeros kept, two at a time. */
static void put_fixed(char *buf, uint64_t x, int digits)
{
    while (digits >= 2) {
        digits -= 2;
        memcpy(buf + digits, PAIRS + 2 * (x % 100), 2);
        x /= 100;
    }
    if (digits) buf[0] = (char)('0' + x);
}

/* Digits of x, most significant first; returns the count. */
static size_t put_u64(char *buf, uint64_t x)
{
    if (x < 10) return (buf[0] = (char)('0' + x)), 1;
    if (x < 100) return memcpy(buf, PAIRS + 2 * x, 2), 2; /* most hourly values */
    int n = count_digits(x);
    put_fixed(buf, x, n);
    return (size_t)n;
}

/* Six decimals (x < 10^6), the CSV writers' case: 32-bit constant
 * divisors, the three pairs independent of one another. */
static inline void put_six(char *buf, uint32_t x)
{
    uint32_t hi = x / 10000, lo = x % 10000;
    memcpy(buf, PAIRS + 2 * hi, 2);
    memcpy(buf + 2, PAIRS + 2 * (lo / 100), 2);
    memcpy(buf + 4, PAIRS + 2 * (lo % 100), 2);
}

/* round(frac x 2^-shift x 10^decimals) for frac < 2^shift, ties to even,
 * exactly; shifts only, no division. ip_odd: the integer part is odd (the
 * last digit when there are no decimals). */
static uint64_t scaled_fraction(uint64_t frac, int shift, int decimals, int ip_odd)
{
    if (shift >= 120) return 0; /* below 2^-67: far from any tie at <= 9 decimals */
    u128 scaled = (u128)frac * POW10[decimals];
    u128 q = scaled >> shift, r = scaled - (q << shift), half = (u128)1 << (shift - 1);
    int odd = decimals ? (int)(q & 1) : ip_odd;
    if (r > half || (r == half && odd)) q++;
    return (uint64_t)q;
}

/* round(a x 10^decimals) from the double product, for a < 2^20 (the
 * product is below 2^50, so every half-integer near it is a double).
 * Rounding to nearest is monotonic: the product lands on the exact value's
 * side of a half-integer, or on it. Only then (0) does the exact path decide. */
static int quick_scaled(double a, int decimals, uint64_t *q)
{
    if (!(a < 1048576.0)) return 0;
    double x = a * (double)POW10[decimals], whole = (double)(int64_t)x, frac = x - whole;
    if (frac == 0.5) return 0;
    *q = (uint64_t)whole + (frac > 0.5);
    return 1;
}

/* Kept out of line: inlined, its 128-bit registers made every call save
 * and restore them, the quick one too. */
__attribute__((noinline)) static size_t exact_fixed(char *buf, double v, int decimals);

size_t dc_fmt_fixed(char *buf, double v, int decimals)
{
    uint64_t q;
    if (decimals < 0 || decimals > 9 || !quick_scaled(fabs(v), decimals, &q)) return exact_fixed(buf, v, decimals);
    size_t n = signbit(v) ? (buf[0] = '-', 1) : 0;
    if (decimals == 6) { /* the CSV writers' case, with constant divisors */
        n += put_u64(buf + n, q / 1000000);
        buf[n++] = '.';
        put_six(buf + n, (uint32_t)(q % 1000000));
        buf[n + 6] = '\0';
        return n + 6;
    }
    n += put_u64(buf + n, q / POW10[decimals]);
    if (decimals > 0) {
        buf[n++] = '.';
        put_fixed(buf + n, q % POW10[decimals], decimals);
        n += (size_t)decimals;
    }
    buf[n] = '\0';
    return n;
}

/* The hourly file's case on its own: no decimal count to branch on, the
 * integer part short (below 2^20), the register-heavy exact path a call
 * away. The quick rounding is quick_scaled's, so the digits are the same. */
size_t dc_fmt_six(char *buf, double v)
{
    double a = fabs(v);
    if (!(a < 1048576.0)) return dc_fmt_fixed(buf, v, 6);
    int64_t whole = (int64_t)(a * 1e6); /* a x 10^6 < 2^50: its whole part, the rest and 0.5 are exact */
    double frac = a * 1e6 - (double)whole;
    if (frac == 0.5) return dc_fmt_fixed(buf, v, 6);
    uint64_t q = (uint64_t)whole + (frac > 0.5);
    uint32_t ip = (uint32_t)(q / 1000000), fp = (uint32_t)(q % 1000000);
    char *p = buf;
    *p = '-';
    p += signbit(v) != 0;
    if (ip >= 10000) p += put_u64(p, ip);
    else { /* hourly values: one or two pairs, the first without its leading zero */
        uint32_t hi = ip >= 100 ? ip / 100 : ip;
        memcpy(p, PAIRS + 2 * hi + (hi < 10), 2);
        p += 1 + (hi >= 10);
        if (ip >= 100) memcpy(p, PAIRS + 2 * (ip % 100), 2), p += 2;
    }
    *p = '.';
    put_six(p + 1, fp);
    p[7] = '\0';
    return (size_t)(p + 7 - buf);
}

/* The exact binary value, rounded half to even with integer arithmetic. */
static size_t exact_fixed(char *buf, double v, int decimals)
{
    if (decimals < 0 || decimals > 9 || !isfinite(v) || fabs(v) >= 9223372036854775808.0)
        return (size_t)snprintf(buf, DC_FMT_MAX, "%.*f", decimals, v);
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    size_t n = 0;
    if (bits >> 63) buf[n++] = '-';
    int exp_bits = (int)((bits >> 52) & 0x7ff);
    uint64_t mant = bits & ((1ULL << 52) - 1), ip = 0, fp = 0;
    if (exp_bits) mant |= 1ULL << 52;
    int e = (exp_bits ? exp_bits : 1) - 1075; /* |v| = mant x 2^e, exactly */
    if (mant == 0) e = 0;                     /* zero: nothing to round */
    else if (e >= 0) ip = mant << e;
    else if (-e < 64) {
        ip = mant >> -e;
        fp = scaled_fraction(mant & ((1ULL << -e) - 1), -e, decimals, (int)(ip & 1));
    } else fp = scaled_fraction(mant, -e, decimals, 0);
    if (fp == POW10[decimals]) ip++, fp = 0; /* the fraction rounded up to one */
    n += put_u64(buf + n, ip);
    if (decimals > 0) {
        buf[n++] = '.';
        if (decimals == 6) put_six(buf + n, (uint32_t)fp);
        else put_fixed(buf + n, fp, decimals);
        n += (size_t)decimals;
    }
    buf[n] = '\0';
    return n;
}

static const double EXACT_POW10[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                       1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

static int ends_field(char c) { return c == '\0' || c == ',' || c == '\r' || c == '\n' || c == ' ' || c == '\t'; }

/* Clinger's fast path on s: *v and the end of the number read, or NULL
 * when it does not apply (no digits, more than 15 significant digits or
 * 22 decimals, or a number that does not end where a field does). */
static const char *fast_decimal(const char *s, double *v)
{
    const char *p = s;
    int neg = *p == '-';
    if (*p == '-' || *p == '+') p++;
    uint64_t mant = 0;
    int digits = 0, decimals = 0, any = 0;
    for (; *p >= '0' && *p <= '9'; p++, any = 1)
        if (mant || *p != '0') mant = mant * 10 + (uint64_t)(*p - '0'), digits++;
    if (*p == '.')
        for (p++; *p >= '0' && *p <= '9'; p++, any = 1, decimals++)
            if (mant || *p != '0') mant = mant * 10 + (uint64_t)(*p - '0'), digits++;
    if (!any || digits > 15 || decimals > 22 || !ends_field(*p)) return NULL;
    double x = (double)mant / EXACT_POW10[decimals];
    *v = neg ? -x : x;
    return p;
}

double dc_parse_number(const char *s, char **end)
{
    double v;
    const char *p = fast_decimal(s, &v);
    if (!p) return dc_parse_decimal(s, end);
    if (end) *end = (char *)p;
    return v;
}

int dc_parse_whole_fast(const char *s, double *v)
{
    const char *p = fast_decimal(s, v);
    return p && *p == '\0';
}

double dc_parse_decimal(const char *s, char **end)
{
    const char *p = s;
    while (*p == ' ' || *p == '\t') p++;
    if (*p == '+' || *p == '-') p++;
    if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
        if (end) *end = (char *)s;
        return 0.0;
    }
    return strtod(s, end);
}

int dc_parse_grouped(const char *text, double *v)
{
    char buf[64];
    size_t k = 0;
    int group = -1;
    for (const char *p = text; *p && k + 1 < sizeof buf; p++) {
        if (*p == ',') {
            if (group == 0 || (group > 0 && group != 3) || k == 0) return -1;
            group = 0;
            continue;
        }
        if (*p == '.') {
            if (group >= 0 && group != 3) return -1;
            group = -2; /* decimals: no more separators */
        } else if (group >= 0) group++;
        buf[k++] = *p;
    }
    if (group >= 0 && group != 3) return -1;
    buf[k] = '\0';
    char *end;
    *v = dc_parse_decimal(buf, &end);
    return k && end != buf && !*end && isfinite(*v) ? 0 : -1;
}

_Static_assert((int)DC_FIXED_MAX == (int)DC_FMT_MAX, "the public buffer size is the formatter's");
size_t dc_format_fixed(char *buf, double v, int decimals)
{
    return dc_fmt_fixed(buf, v, decimals < 0 ? 0 : decimals > 9 ? 9 : decimals);
}
