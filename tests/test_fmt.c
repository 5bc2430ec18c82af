/* The fixed-point formatter of the CSV writers against printf("%.*f"),
 * which rounds the exact binary value half to even: ties, extremes and a
 * million pseudo-random values. The readers' number parser against
 * strtod: the same bits and the same end, on edge texts and random ones. */
#include "helpers.h"

#include <float.h>
#include <math.h>

#include "fmt.h"

static void same_as_printf(double v, int decimals)
{
    char a[DC_FMT_MAX], b[DC_FMT_MAX];
    size_t n = dc_fmt_fixed(a, v, decimals);
    snprintf(b, sizeof b, "%.*f", decimals, v);
    if (strcmp(a, b) || n != strlen(b)) fail_msg("%.17g at %d decimals: '%s', printf '%s'", v, decimals, a, b);
    if (decimals != 6) return;
    n = dc_fmt_fixed6(a, v); /* the hourly files' own path */
    if (strcmp(a, b) || n != strlen(b)) fail_msg("%.17g, six decimals: '%s', printf '%s'", v, a, b);
}

static void ties_round_half_to_even(void **state)
{
    (void)state;
    /* m / 2^7 has seven decimals ending in 5: exact ties at six. */
    for (int m = -2000; m <= 2000; m++) same_as_printf(m / 128.0, 6);
    for (int m = -64; m <= 64; m++) same_as_printf(m / 2.0, 0); /* 0.5 -> 0, 1.5 -> 2, 2.5 -> 2 */
    char buf[DC_FMT_MAX];
    dc_fmt_fixed(buf, 0.0078125, 6);
    assert_string_equal(buf, "0.007812");
    dc_fmt_fixed(buf, 2.5, 0);
    assert_string_equal(buf, "2");
}

static void extremes(void **state)
{
    (void)state;
    const double v[] = {0.0, -0.0, 1e-7, -1e-7, 4.9999999e-7, 5e-7, 5.0000001e-7, 1e-300, DBL_MIN, DBL_TRUE_MIN,
                        0.1, 0.3, 1.0 / 3, 123456.7890125, 9007199254740993.0, 4503599627370495.5,
                        9.2233720368547748e18, 1e19, -1e300, DBL_MAX, INFINITY, -INFINITY, NAN};
    for (size_t k = 0; k < sizeof v / sizeof v[0]; k++)
        for (int d = 0; d <= 9; d++) same_as_printf(v[k], d);
}

/* Values whose scaled double lies within a few ulps of a tie, where the
 * double product alone cannot say which way the exact value rounds, and
 * hourly-sized values at every decimal count. */
static void near_ties_and_hourly_values(void **state)
{
    (void)state;
    unsigned long long x = 0x9E3779B97F4A7C15ULL;
    for (int k = 0; k < 200000; k++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        int d = (int)(x % 10);
        double tie = ((double)(x >> 44) + 0.5) / pow(10, d); /* up to 2^20 */
        for (int u = -3; u <= 3; u++) same_as_printf(tie + u * ldexp(DBL_EPSILON, ilogb(tie)), d);
        same_as_printf(ldexp((double)(x >> 11), -33), d); /* [0, 2^20) with every bit used */
    }
}

static void random_values(void **state)
{
    (void)state;
    unsigned long long x = 88172645463325252ULL;
    for (int k = 0; k < 1000000; k++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        double v = ldexp((double)(x >> 11), (int)(x % 90) - 80) * ((x >> 3) & 1 ? -1 : 1);
        same_as_printf(v, (int)(x % 10));
    }
}

static void same_as_strtod(const char *text)
{
    char *e1, *e2;
    double a = dc_parse_number(text, &e1), b = strtod(text, &e2);
    if (memcmp(&a, &b, sizeof a) || e1 != e2)
        fail_msg("'%s': %.17g (end +%d), strtod %.17g (end +%d)", text, a, (int)(e1 - text), b, (int)(e2 - text));
    double c; /* a whole cell the fast path takes is strtod's, all of it read */
    if (dc_parse_whole_fast(text, &c) && (memcmp(&c, &b, sizeof c) || *e2 != '\0'))
        fail_msg("'%s': whole %.17g, strtod %.17g (end +%d)", text, c, b, (int)(e2 - text));
}

static void parser_equals_strtod(void **state)
{
    (void)state;
    const char *edge[] = {"0", "-0", "+0", "0.0", "-0.000", "5", "-3.5", "1013.2", "9999", "99.9", "0.1", "0.3",
                          ".5", "5.", "-.25", "007", "123456789012345", "1234567890123456", "0.0000000000000000000001",
                          "0.00000000000000000000001", "1e5", "1E-3", "inf", "-nan", "", "-", ".", " 5", "5 ",
                          "5,6", "12.5\r\n", "3.14abc", "999999999999999.9", "4.35", "0.6000000000000001"};
    for (size_t k = 0; k < sizeof edge / sizeof edge[0]; k++) same_as_strtod(edge[k]);
    /* A sweep row's cells take the fast path; what strtod reads otherwise
     * (an exponent, inf, a trailing space, 16 digits) does not. */
    double v;
    const char *fast[] = {"2745739.570994", "-0.4", "43.5405", "53560280", "+7", ".5", "5."};
    const char *slow[] = {"1.78e-14", "inf", "5 ", " 5", "1234567890123456", "", "-", "0x10"};
    for (size_t k = 0; k < sizeof fast / sizeof fast[0]; k++) assert_true(dc_parse_whole_fast(fast[k], &v));
    for (size_t k = 0; k < sizeof slow / sizeof slow[0]; k++) assert_false(dc_parse_whole_fast(slow[k], &v));
    const char *hex[] = {"0x10", "-0x10", "+0X1p4", " 0x10", "0x"}; /* strtod reads 16, -16, 16, 16, 0: no number */
    for (size_t k = 0; k < sizeof hex / sizeof hex[0]; k++) {
        char *end;
        dc_parse_number(hex[k], &end);
        assert_ptr_equal(end, hex[k]);
        dc_parse_decimal(hex[k], &end);
        assert_ptr_equal(end, hex[k]);
    }
    unsigned long long x = 2463534242ULL;
    char buf[64];
    for (int k = 0; k < 1000000; k++) { /* decimals as data files write them */
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        int decimals = (int)(x % 8), whole = (int)((x >> 8) % 9);
        snprintf(buf, sizeof buf, "%s%.*f", (x >> 20) & 1 ? "-" : "", decimals,
                 (double)((x >> 24) % 1000000000ULL) / 1000.0 * pow(10, whole - 4));
        same_as_strtod(buf);
    }
}

/* The library's public formatter (a sweep's rows) is the same, its
 * decimals taken into 0 to 9. */
static void public_formatter(void **state)
{
    (void)state;
    const double v[] = {0.0, -0.0, 2.5, -1234567.8906255, 1e-7, 1e19, NAN};
    for (size_t k = 0; k < sizeof v / sizeof v[0]; k++)
        for (int d = -2; d <= 12; d++) {
            char a[DC_FIXED_MAX], b[DC_FIXED_MAX];
            int used = d < 0 ? 0 : d > 9 ? 9 : d;
            size_t n = dc_format_fixed(a, v[k], d);
            snprintf(b, sizeof b, "%.*f", used, v[k]);
            if (strcmp(a, b) || n != strlen(b)) fail_msg("%.17g at %d decimals: '%s', printf '%s'", v[k], d, a, b);
        }
    char buf[DC_FIXED_MAX];
    dc_format_fixed(buf, 2.5, -1);
    assert_string_equal(buf, "2"); /* half to even, no decimals */
    dc_format_fixed(buf, 0.1, 12);
    assert_string_equal(buf, "0.100000000");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ties_round_half_to_even),
        cmocka_unit_test(extremes),
        cmocka_unit_test(near_ties_and_hourly_values),
        cmocka_unit_test(random_values),
        cmocka_unit_test(parser_equals_strtod),
        cmocka_unit_test(public_formatter),
    };
    return cmocka_run_group_tests_name("fmt", tests, NULL, NULL);
}
