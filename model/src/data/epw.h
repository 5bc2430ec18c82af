/* EnergyPlus weather (EPW) reader. EPW rows are hour-ending (hour 1 =
 * 00:00-01:00 local standard time); the reader converts them to the
 * hour-starting rows of dc_weather_raw. */
#ifndef DC_EPW_H
#define DC_EPW_H

#include "decarb.h"
#include "weather.h"

/* Reads the whole file; every problem is added to diag (up to a limit) with
 * file:line:column and the field's name. */
dc_status dc_epw_read(const char *path, dc_weather_raw *out, dc_diag *diag);
#endif
