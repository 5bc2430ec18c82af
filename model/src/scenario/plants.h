/* Checks of biomass and biogas plants and their feedstocks, and the
 * planned-outage windows they name. */
#ifndef DC_PLANTS_H
#define DC_PLANTS_H

#include "scenario.h"

/* Bytes of a window's separator at p: ~, 〜 or ～; 0 when none. */
int dc_window_sep(const char *p);
/* "YYYY-MM-DD~YYYY-MM-DD" into days since 1970-01-01 (both included);
 * 0 ok, -1 when it is not such a window, -2 when it ends before it starts. */
int dc_outage_parse(const char *text, long *first_day, long *last_day);
/* Every problem of the plant sections into diag; returns the errors. */
int dc_validate_plants(const dc_scenario *s, dc_diag *diag);
/* The biogas plant a feedstock feeds (index), -1 when none. */
int dc_feedstock_plant(const dc_scenario *s, int feedstock);
#endif
