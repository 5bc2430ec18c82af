/* Default costs by kind (inputs/economics/costs.csv), each with its source. */
#ifndef DC_COSTDATA_H
#define DC_COSTDATA_H

#include "decarb.h"

typedef struct {
    char kind[32];
    double capex_yen, opex_yen_per_year, lifetime_years;
    int illustrative;    /* 1: a typical value set by hand */
    int line;
} dc_cost_default;

typedef struct {
    dc_cost_default *rows;
    int n;
    char file[1024];
} dc_cost_data;

dc_status dc_cost_data_read(const char *path, dc_cost_data *out, dc_diag *diag);
/* The row of a kind, or NULL. */
const dc_cost_default *dc_cost_data_find(const dc_cost_data *d, const char *kind);
void dc_cost_data_free(dc_cost_data *d);
#endif
