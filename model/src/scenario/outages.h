/* Times of EV trips and grid outages, and their checks. */
#ifndef DC_OUTAGES_H
#define DC_OUTAGES_H

#include "scenario.h"

/* "HH:MM" into minutes after midnight; -1 when it is not a time of day. */
int dc_clock_parse(const char *text);
/* "YYYY-MM-DDTHH:MM" into minutes since 1970-01-01 00:00 (JST); 0 ok, -1 bad. */
int dc_instant_parse(const char *text, long *minutes);
/* 1 when outage k cuts off the site named site. */
int dc_outage_covers(const dc_scenario *s, int k, const char *site);
/* Every problem of the EV fleets and outages into diag; returns the errors. */
int dc_validate_fleets_outages(const dc_scenario *s, dc_diag *diag);
#endif
