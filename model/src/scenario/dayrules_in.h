/* The scenario's お盆 and school vacations as day rules for the loads. */
#ifndef DC_DAYRULES_IN_H
#define DC_DAYRULES_IN_H

#include "dayrules.h"
#include "scenario.h"

/* Checks of obon and school_vacations into diag; returns the errors. */
int dc_validate_day_rules(const dc_scenario *s, dc_diag *diag);
/* The rules of a validated scenario; vacations default to the typical
 * pattern around the scenario year. */
void dc_day_rules_from(const dc_scenario *s, dc_day_rules *out);
/* The rule a load follows: its own, or its shape's (industry: obon,
 * school: school vacations, others none). */
int dc_load_closed_rule(const dc_load_item *l);
#endif
