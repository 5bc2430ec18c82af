/* Dated 30-minute meter exports (the utilities' 30分値), laid onto the
 * scenario's year by date or by weekday and day type. */
#ifndef DC_METER_H
#define DC_METER_H

#include "calendar.h"
#include "decarb.h"
#include "meterfmt.h"

typedef struct {
    int year, fiscal;      /* the scenario's year */
    int step_minutes;      /* 30 or 60 */
    const dc_holidays *holidays; /* a published list where it covers a year, else (NULL) the rules */
} dc_meter_target;

/* kWh per step of the target year in a new array (*n steps); every
 * problem (file, line, column) in diag, the alignment rule as a warning. */
dc_status dc_meter_read(const char *path, const char *field, const dc_meter_format *f, const dc_meter_target *t,
                        double **out, int *n, dc_diag *diag);
#endif
