/* Default properties of biomass fuels and biogas feedstocks, read from
 * the tables of inputs/biomass and inputs/biogas. */
#ifndef DC_PLANTDATA_H
#define DC_PLANTDATA_H

#include "decarb.h"

typedef struct {
    char wood[32];
    double lhv_dry_mj_per_kg;
    int line;
} dc_wood_row;

typedef struct {
    char kind[32], property[32];
    double value;
    int illustrative;    /* 1: a typical value without a source */
    int line;
} dc_feed_default;

typedef struct {
    dc_wood_row *wood;
    dc_feed_default *feed;
    int n_wood, n_feed;
    char wood_file[1024], feed_file[1024];
} dc_plant_data;

/* Reads both tables (either path may be "" = not needed). */
dc_status dc_plant_data_read(const char *wood, const char *feed, dc_plant_data *out, dc_diag *diag);
void dc_plant_data_free(dc_plant_data *d);
#endif
