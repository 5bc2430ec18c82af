/* The column sums the totals read (colsum.h): several series summed side
 * by side give each series' own dc_col_sum bits, and the maximum in four
 * chains is the largest value, never -0. The references are written
 * here: a plain loop in the order dc_col_sum documents, and a plain
 * maximum. */
#include "helpers.h"

#include <math.h>
#include <stdint.h>

#include "colsum.h"

enum { LEN = 1000, SERIES = 7 };

/* v[first] + ... + v[last] in four chains, as colsum.h says it adds. */
static double four_chains(const double *v, int first, int last)
{
    double chain[4] = {0.0, 0.0, 0.0, 0.0};
    int i = first, full = first + (last - first + 1) / 4 * 4;
    for (; i < full; i++) chain[(i - first) % 4] += v[i];
    for (; i <= last; i++) chain[0] += v[i];
    return (chain[0] + chain[1]) + (chain[2] + chain[3]);
}

static uint64_t bits(double x)
{
    uint64_t b;
    memcpy(&b, &x, sizeof b);
    return b;
}

/* Values whose sums round differently in different orders. */
static void fill(double v[SERIES][LEN])
{
    unsigned long x = 12345;
    for (int k = 0; k < SERIES; k++)
        for (int i = 0; i < LEN; i++) {
            x = x * 6364136223846793005UL + 1442695040888963407UL;
            v[k][i] = ldexp((double)(x >> 11), -53 + (int)(x % 40)) * (x & 1 ? -1 : 1);
        }
}

static void sums_side_by_side_keep_each_series_bits(void **state)
{
    (void)state;
    static double v[SERIES][LEN];
    fill(v);
    const double *p[SERIES];
    for (int k = 0; k < SERIES; k++) p[k] = v[k];
    static const int ranges[][2] = {{0, LEN - 1}, {0, 0}, {3, 5}, {1, 8}, {17, 950}, {5, 4}};
    for (size_t r = 0; r < sizeof ranges / sizeof ranges[0]; r++)
        for (int n = 0; n <= SERIES; n++) {
            double out[SERIES];
            int first = ranges[r][0], last = ranges[r][1];
            dc_col_sums(p, n, first, last, out);
            for (int k = 0; k < n; k++) {
                double one = dc_col_sum(v[k], first, last), ref = four_chains(v[k], first, last);
                if (bits(out[k]) != bits(one) || bits(one) != bits(ref))
                    fail_msg("series %d of %d over [%d, %d]: %.17g side by side, %.17g alone, %.17g by hand", k, n,
                             first, last, out[k], one, ref);
            }
        }
    /* The order matters for these values: a plain left-to-right sum differs. */
    double plain = 0.0;
    for (int i = 0; i < LEN; i++) plain += v[0][i];
    assert_true(bits(plain) != bits(dc_col_sum(v[0], 0, LEN - 1)));
}

static void maximum_in_chains_is_the_largest(void **state)
{
    (void)state;
    static double v[SERIES][LEN];
    fill(v);
    for (int k = 0; k < SERIES; k++)
        for (int first = 0; first < 6; first++)
            for (int last = first - 1; last < LEN; last += 97) {
                double ref = 0.0;
                for (int i = first; i <= last; i++) ref = v[k][i] > ref ? v[k][i] : ref;
                assert_true(bits(dc_col_max(v[k], first, last)) == bits(ref));
            }
    double zeros[9] = {-0.0, 0.0, -0.0, -0.0, 0.0, -0.0, -0.0, -0.0, -0.0}, negative[5] = {-1, -2, -0.5, -3, -4};
    assert_true(bits(dc_col_max(zeros, 0, 8)) == bits(0.0)); /* a plain max from 0 ending on -0 gave -0 */
    assert_true(bits(dc_col_max(negative, 0, 4)) == bits(0.0));
    assert_true(bits(dc_col_max(negative, 3, 2)) == bits(0.0));
    double one_peak[7] = {1, 2, 3, 7.5, 3, 2, 1};
    for (int at = 0; at < 7; at++) {
        double w[7];
        memcpy(w, one_peak, sizeof w);
        w[at] = 9.25;
        assert_true(dc_col_max(w, 0, 6) == 9.25);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sums_side_by_side_keep_each_series_bits),
        cmocka_unit_test(maximum_in_chains_is_the_largest),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
