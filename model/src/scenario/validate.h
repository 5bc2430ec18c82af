/* Checks that span several fields; returns the number of errors added. */
#ifndef DC_VALIDATE_H
#define DC_VALIDATE_H
#include "scenario.h"
int dc_validate(const dc_scenario *s, dc_diag *diag);
/* 1 when s was validated since its last change; else 0, with a message. */
int dc_scenario_ready(const dc_scenario *s, dc_diag *diag);
#endif
