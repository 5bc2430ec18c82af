/* Reads the GHG statistics files into dc_ghg_data. */
#ifndef DC_GHGDATA_H
#define DC_GHGDATA_H

#include "decarb.h"
#include "ghgtypes.h"

typedef struct {
    const char *methods, *factors;       /* bundled rules and factors */
    const char *emissions, *indicators;  /* statistics */
    const char *facilities;              /* bottom-up data, may be "" */
} dc_ghg_paths;

dc_status dc_ghg_read(const dc_ghg_paths *p, dc_ghg_data *out, dc_diag *diag);
void dc_ghg_data_free(dc_ghg_data *g);
#endif
