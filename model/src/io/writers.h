/* Output writers. Each reads a finished model and writes one file to an
 * open temporary file (or path, for HDF5); 0 on success. */
#ifndef DC_WRITERS_H
#define DC_WRITERS_H

#include <stdio.h>

#include "model.h"

int dc_write_hourly_csv(const dc_model *m, FILE *fp);
int dc_write_summary_csv(const dc_model *m, FILE *fp);
int dc_write_ghg_csv(const dc_model *m, FILE *fp);
int dc_write_resolved_yaml(const dc_scenario *s, FILE *fp);
int dc_write_hdf5(const dc_model *m, const dc_scenario *s, const char *path);
/* ISO 8601 start of step i, JST. */
void dc_format_time(const dc_model *m, int i, char *buf, size_t len);
/* Months of the axis in order (fiscal: 4..12, 1..3); returns the count. */
int dc_axis_months(const dc_model *m, int months[12]);
#endif
