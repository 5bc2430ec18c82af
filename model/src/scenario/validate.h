/* Checks that span several fields; returns the number of errors added. */
#ifndef DC_VALIDATE_H
#define DC_VALIDATE_H
#include "scenario.h"
int dc_validate(const dc_scenario *s, dc_diag *diag);
#endif
