/* Minimum and maximum of finite values, inline: at -O2 fmin and fmax are
 * calls into libm (they must order NaNs), which costs in loops over every
 * step. Only for values that cannot be NaN. */
#ifndef DC_MINMAX_H
#define DC_MINMAX_H

static inline double dc_min(double a, double b) { return a < b ? a : b; }
static inline double dc_max(double a, double b) { return a > b ? a : b; }
#endif
