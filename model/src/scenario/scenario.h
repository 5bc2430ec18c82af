/* A scenario: plain structs parsed from YAML, the only input of a run. */
#ifndef DC_SCENARIO_H
#define DC_SCENARIO_H

#include "battery.h"
#include "decarb.h"
#include "demand.h"
#include "dispatch.h"
#include "pv.h"

enum { DC_MAX_ITEMS = 256 };
typedef enum { DC_DECOMP_AUTO, DC_DECOMP_ERBS } dc_decomposition;

struct dc_scenario {
    char file[DC_PATH_MAX];          /* scenario path as given */
    char dir[DC_PATH_MAX];           /* its directory: paths resolve from here */
    char name[64];
    int year;                        /* fiscal or calendar year */
    int fiscal;                      /* 1 fiscal (April start), 0 calendar */
    int step_minutes;                /* time step [min] */
    char weather_file[DC_PATH_MAX];  /* resolved path */
    int decomposition;               /* dc_decomposition */
    double latitude_deg, longitude_deg, elevation_m; /* NaN = from weather file */
    double delta_t_s;                /* TT - UT [s]; NaN = estimate for the year */
    char shapes_dir[DC_PATH_MAX];    /* load shape folder; "" = bundled */
    dc_grid_params grid;
    dc_battery_params battery;
    dc_dispatch_params dispatch;
    struct {
        char statistics_dir[DC_PATH_MAX]; /* emissions.csv and indicators.csv; "" = no GHG */
        char municipality[8];             /* 5-digit municipal code (全国地方公共団体コード without check digit) */
        int base_year;                    /* fiscal year of the base (FY2013) */
        int years[DC_MAX_ORDER], n_years; /* further statistics years */
        double target_reduction_pct;      /* municipal target against the base year [%] */
        int scenario_link;                /* 1: electricity of linked sectors from the simulation */
        char methods_file[DC_PATH_MAX], factors_file[DC_PATH_MAX], facilities_file[DC_PATH_MAX];
    } ghg;
    int n_pv;
    dc_pv_params pv[DC_MAX_ITEMS];
    int n_loads;
    dc_load_params loads[DC_MAX_ITEMS];
    int pv_line[DC_MAX_ITEMS], load_line[DC_MAX_ITEMS]; /* where items start, 0 = unknown */
    int key_line[64];  /* line of each section-level key, by dc_params row; 0 = default */
};

/* Bundled shape names; index 0 "auto" picks by sector. */
extern const char *const dc_shape_names[];
int dc_shape_for_sector(int sector);  /* index into dc_shape_names */

void dc_scenario_defaults(dc_scenario *s);
#endif
