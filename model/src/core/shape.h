/* A normalized load shape as plain data (read by data/, used by tech/). */
#ifndef DC_SHAPE_H
#define DC_SHAPE_H

/* Relative weights [month 0-11][0 weekday, 1 off day][hour 0-23]. */
typedef struct {
    double w[12][2][24];
} dc_shape;
#endif
