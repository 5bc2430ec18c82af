#include "fmt.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

__extension__ typedef unsigned __int128 u128;

static const uint64_t POW10[10] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000};

/* Digits of x, most significant first; returns the count. */
static size_t put_u64(char *buf, uint64_t x)
{
    char tmp[24];
    size_t n = 0;
    do {
        tmp[n++] = (char)('0' + x % 10);
        x /= 10;
    } while (x);
    for (size_t k = 0; k < n; k++) buf[k] = tmp[n - 1 - k];
    return n;
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

size_t dc_fmt_fixed(char *buf, double v, int decimals)
{
    if (decimals < 0 || decimals > 9 || !isfinite(v) || fabs(v) >= 9223372036854775808.0)
        return (size_t)snprintf(buf, DC_FMT_MAX, "%.*f", decimals, v);
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    size_t n = 0;
    if (bits >> 63) buf[n++] = '-';
    int exp_bits = (int)((bits >> 52) & 0x7ff);
    uint64_t mant = bits & ((1ULL << 52) - 1);
    if (exp_bits) mant |= 1ULL << 52;
    int e = (exp_bits ? exp_bits : 1) - 1075; /* |v| = mant x 2^e, exactly */
    uint64_t ip = 0, fp = 0;
    if (e >= 0) ip = mant << e;
    else if (-e < 64) {
        ip = mant >> -e;
        fp = scaled_fraction(mant & ((1ULL << -e) - 1), -e, decimals, (int)(ip & 1));
    } else fp = scaled_fraction(mant, -e, decimals, 0);
    if (fp == POW10[decimals]) ip++, fp = 0; /* the fraction rounded up to one */
    n += put_u64(buf + n, ip);
    if (decimals > 0) {
        buf[n++] = '.';
        for (int k = decimals - 1; k >= 0; k--, fp /= 10) buf[n + (size_t)k] = (char)('0' + fp % 10);
        n += (size_t)decimals;
    }
    buf[n] = '\0';
    return n;
}
