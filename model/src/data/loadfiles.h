/* Readers of load shapes and measured per-step profiles. */
#ifndef DC_LOADFILES_H
#define DC_LOADFILES_H

#include "decarb.h"
#include "shape.h"

/* Shape CSV: rows "month,daytype,h00..h23" for months 1-12 and daytypes
 * weekday/offday; '#' lines are comments (sources). */
dc_status dc_shape_read(const char *path, dc_shape *out, dc_diag *diag);
/* Measured profile: one value per line in the last column; '#' comments
 * and a header line are skipped. field names the scenario key in messages.
 * Reading stops with an error past `most` values. */
dc_status dc_profile_read(const char *path, const char *field, int most, double **out, int *n, dc_diag *diag);
#endif
