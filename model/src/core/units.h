/* Shared physical constants and unit conversions. */
#ifndef DC_UNITS_H
#define DC_UNITS_H

#define DC_PI 3.14159265358979323846
#define DC_DEG (DC_PI / 180.0)          /* radians per degree */
#define DC_MJ_PER_KWH 3.6
#define DC_SOLAR_CONSTANT 1367.0        /* [W/m2], as in Spencer (1971) / pvlib */
#define DC_CO2_PER_C (44.0 / 12.0)      /* molar mass ratio CO2/C */

#endif
