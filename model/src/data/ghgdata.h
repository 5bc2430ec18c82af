/* Reads the GHG statistics files into dc_ghg_data. */
#ifndef DC_GHGDATA_H
#define DC_GHGDATA_H

#include "decarb.h"
#include "ghgtypes.h"

typedef struct {
    const char *methods, *factors;       /* bundled rules and fuel factors */
    const char *emissions, *indicators;  /* allocation statistics; "" = none (a カルテ only) */
    const char *facilities, *waste;      /* bottom-up data and the waste survey; "" = none */
    const char *targets;                 /* national targets */
    const char *karte;                   /* 自治体排出量カルテ sector table; "" = none */
} dc_ghg_paths;

dc_status dc_ghg_read(const dc_ghg_paths *p, dc_ghg_data *out, dc_diag *diag);
void dc_ghg_data_free(dc_ghg_data *g);

/* The readers dc_ghg_read calls; each returns its number of errors. */
int dc_ghg_read_facilities(const char *path, dc_ghg_data *g, dc_diag *diag);
int dc_ghg_read_waste(const char *path, dc_ghg_data *g, dc_diag *diag);
int dc_ghg_read_targets(const char *path, dc_ghg_data *g, dc_diag *diag);
int dc_ghg_read_karte(const char *path, dc_ghg_data *g, dc_diag *diag);
#endif
