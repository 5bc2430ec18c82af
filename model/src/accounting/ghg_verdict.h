/* Reduction targets by year and the verdict of a year against them. */
#ifndef DC_GHG_VERDICT_H
#define DC_GHG_VERDICT_H

#include "decarb.h"

enum { DC_GHG_MAX_TARGETS = 32 };
typedef struct {
    int base_year;
    int n;
    int year[DC_GHG_MAX_TARGETS];      /* ascending */
    double pct[DC_GHG_MAX_TARGETS];    /* [%] below the base year */
} dc_ghg_targets;

void dc_ghg_targets_add(dc_ghg_targets *t, int year, double pct);
dc_ghg_verdict dc_ghg_verdict_for(const dc_ghg_targets *t, int year, double base_total, double total);
#endif
