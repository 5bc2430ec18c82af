/* Sums and largest magnitudes over a range of a series, inline: a sum in
 * one chain waits 4 cycles on each add, so these keep four chains (a
 * fixed order: the same series gives the same bits every time). */
#ifndef DC_COLSUM_H
#define DC_COLSUM_H

#include <math.h>

/* v[first] + ... + v[last]; 0 when last < first. */
static inline double dc_col_sum(const double *restrict v, int first, int last)
{
    double a = 0.0, b = 0.0, c = 0.0, d = 0.0;
    int i = first;
    for (; i + 3 <= last; i += 4) a += v[i], b += v[i + 1], c += v[i + 2], d += v[i + 3];
    for (; i <= last; i++) a += v[i];
    return (a + b) + (c + d);
}

/* The largest |v[i]| over [first, last]; 0 when none. NaN is not seen. */
static inline double dc_col_max_abs(const double *restrict v, int first, int last)
{
    double a = 0.0, b = 0.0, c = 0.0, d = 0.0;
    int i = first;
    for (; i + 3 <= last; i += 4) {
        double x = fabs(v[i]), y = fabs(v[i + 1]), z = fabs(v[i + 2]), w = fabs(v[i + 3]);
        a = x > a ? x : a, b = y > b ? y : b, c = z > c ? z : c, d = w > d ? w : d;
    }
    for (; i <= last; i++) a = fabs(v[i]) > a ? fabs(v[i]) : a;
    a = b > a ? b : a, c = d > c ? d : c;
    return c > a ? c : a;
}
#endif
