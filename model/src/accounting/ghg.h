/* Municipal CO2 by the Ministry of the Environment's region-based
 * allocation (地方公共団体実行計画（区域施策編）策定・実施マニュアル
 * 算定手法編): upper-level carbon of a sector [t-C] x municipal indicator /
 * upper indicator x 44/12, with bottom-up (積上法) overrides. */
#ifndef DC_GHG_H
#define DC_GHG_H

#include "decarb.h"
#include "ghgtypes.h"

typedef struct {
    int year;
    int scenario;         /* 1: the scenario year, electricity from the simulation */
    int rule;             /* index into dc_ghg_data.rules */
    double allocated_t;   /* allocation before overrides [t-CO2] */
    double electricity_t; /* of the allocation (or simulation), from electricity [t-CO2]; NaN unknown */
    double bottom_up_t;   /* reported or measured emissions used [t-CO2] */
    double total_t;       /* estimate [t-CO2] */
    char note[192];
} dc_ghg_result;

typedef struct {
    dc_ghg_result *rows;
    int n, cap;
} dc_ghg_table;

/* Every rule of g for every year (base year first); errors name the
 * statistics file. 0 ok, -1 on error (diag says why). */
int dc_ghg_compute(const dc_ghg_data *g, const char *municipality, const int *years, int n_years,
                   dc_ghg_table *out, dc_diag *diag);
/* Add the scenario year: rows of the latest year with their electricity
 * part replaced by elec_co2_t[rule] where that is not NaN. */
int dc_ghg_add_scenario(int scenario_year, const double *elec_co2_t, dc_ghg_table *t);
void dc_ghg_table_free(dc_ghg_table *t);
/* Sum of the chosen rules' totals for a year (scenario flag as given). */
double dc_ghg_year_total(const dc_ghg_rule *rules, const dc_ghg_table *t, int year, int scenario);
#endif
