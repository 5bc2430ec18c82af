/* The run: one dc_model owns its time axis, weather, sun, technology
 * outputs, dispatch state and result series. No file or YAML here. */
#ifndef DC_MODEL_H
#define DC_MODEL_H

#include "battery.h"
#include "decarb.h"
#include "dispatch.h"
#include "ghg.h"
#include "scenario.h"
#include "solar.h"
#include "timeaxis.h"
#include "weather.h"

/* Result series, in output order. */
typedef enum {
    SER_DEMAND, SER_PV, SER_BATTERY_CHARGE, SER_BATTERY_DISCHARGE, SER_BATTERY_SOC, SER_IMPORT,
    SER_EXPORT, SER_CURTAILED, SER_UNSERVED, SER_RESIDUAL, SER_GHI, SER_TEMP_AIR, SER_COUNT
} dc_series_id;

typedef struct {
    const char *name, *unit, *help;
} dc_series_desc;

extern const dc_series_desc dc_series_table[SER_COUNT];

struct dc_model {
    dc_timeaxis ta;
    double step_h;
    dc_weather weather;
    dc_ephem ephem;
    dc_sun sun;
    int n_pv, n_loads;
    char (*pv_names)[64], (*load_names)[64];
    double **pv_kwh;        /* [array][step] AC energy [kWh] */
    double **load_kwh;      /* [load][step] [kWh] */
    double *series[SER_COUNT];
    dc_grid_params grid_params;
    dc_dispatch_params dispatch;
    dc_battery_params battery_params;
    dc_battery battery;
    dc_grid grid;
    dc_resource res[DC_N_RESOURCE_KINDS];
    int *load_sector;       /* dc_sector of each load */
    int has_ghg;
    dc_ghg_rule *ghg_rules; /* copy of the allocation rules */
    int n_ghg_rules, ghg_stat_rows; /* rows from statistics; scenario rows follow */
    dc_ghg_table ghg;
    int ghg_base_year, ghg_link;
    double ghg_target_pct;  /* [%] below the base year */
    int step;               /* next step to run */
    double max_residual;    /* [kWh] */
};
/* GHG glue (model_ghg.c): statistics at create, scenario year at the end. */
dc_status dc_model_ghg_init(dc_model *m, const dc_scenario *s, const dc_inputs *in, dc_diag *diag);
int dc_model_ghg_finish(dc_model *m);
void dc_model_ghg_free(dc_model *m);
#endif
