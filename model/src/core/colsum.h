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

/* dc_col_sum of three series at once, each in its four chains and order
 * (the same bits): the twelve chains keep the adder busy where one
 * series' four wait on each other. */
static inline void dc_col_sum3(const double *restrict u, const double *restrict v, const double *restrict w, int first,
                               int last, double out[3])
{
    double u0 = 0.0, u1 = 0.0, u2 = 0.0, u3 = 0.0, v0 = 0.0, v1 = 0.0, v2 = 0.0, v3 = 0.0;
    double w0 = 0.0, w1 = 0.0, w2 = 0.0, w3 = 0.0;
    int i = first;
    for (; i + 3 <= last; i += 4) {
        u0 += u[i], u1 += u[i + 1], u2 += u[i + 2], u3 += u[i + 3];
        v0 += v[i], v1 += v[i + 1], v2 += v[i + 2], v3 += v[i + 3];
        w0 += w[i], w1 += w[i + 1], w2 += w[i + 2], w3 += w[i + 3];
    }
    for (; i <= last; i++) u0 += u[i], v0 += v[i], w0 += w[i];
    out[0] = (u0 + u1) + (u2 + u3), out[1] = (v0 + v1) + (v2 + v3), out[2] = (w0 + w1) + (w2 + w3);
}

/* dc_col_sum of n series into out[n], three at a time. */
static inline void dc_col_sums(const double *const *v, int n, int first, int last, double *out)
{
    for (int k = 0; k < n; k += 3) {
        double three[3];
        const double *b = k + 1 < n ? v[k + 1] : v[k], *c = k + 2 < n ? v[k + 2] : v[k];
        dc_col_sum3(v[k], b, c, first, last, three);
        for (int j = 0; j < 3 && k + j < n; j++) out[k + j] = three[j];
    }
}

/* The largest of 0 and v[first..last]; 0 when last < first (never -0).
 * A maximum does not depend on the order it is taken in. NaN is not seen. */
static inline double dc_col_max(const double *restrict v, int first, int last)
{
    double a = 0.0, b = 0.0, c = 0.0, d = 0.0;
    int i = first;
    for (; i + 3 <= last; i += 4) {
        a = v[i] > a ? v[i] : a, b = v[i + 1] > b ? v[i + 1] : b;
        c = v[i + 2] > c ? v[i + 2] : c, d = v[i + 3] > d ? v[i + 3] : d;
    }
    for (; i <= last; i++) a = v[i] > a ? v[i] : a;
    a = b > a ? b : a, c = d > c ? d : c;
    return c > a ? c : a;
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
