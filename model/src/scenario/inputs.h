/* The files a scenario names, read into plain data (dc_inputs). */
#ifndef DC_INPUTS_H
#define DC_INPUTS_H

#include "ghgtypes.h"
#include "scenario.h"
#include "shape.h"
#include "weather.h"

typedef struct {
    dc_shape shape;     /* used when profile is NULL */
    double *profile;    /* measured kWh per step, or NULL */
    int profile_n;
} dc_load_input;

typedef struct {
    double *profile;    /* measured AC kWh per step, or NULL (model the array) */
    int profile_n;
} dc_pv_input;

typedef struct {
    double lhv_dry_mj_per_kg;  /* given, or the wood kind's */
    dc_shape schedule;          /* [% of rating] by month x day type x hour (mode schedule) */
    int has_schedule;
} dc_biomass_input;

typedef struct {
    double ts_pct, vs_pct_of_ts, yield_nm3_per_kg_vs, methane_pct; /* given, or the kind's default */
} dc_feed_input;

/* An electricity factor as the scenario will use it. */
typedef struct {
    double kg_per_kwh;      /* [kg-CO2/kWh] */
    int year;               /* fiscal year of the table row; 0 = given in the scenario */
    char source[192];       /* "given in the scenario", or supplier, menu, year and kind */
} dc_ef_used;

struct dc_inputs {
    dc_weather_raw weather;
    dc_holidays holidays;   /* the scenario's holiday list; empty: the rules */
    int n_loads, n_pv;
    dc_load_input *loads;   /* one per load item */
    dc_pv_input *pv;        /* one per PV item */
    int n_biomass, n_feeds;
    dc_biomass_input *biomass; /* one per biomass plant */
    dc_feed_input *feeds;   /* one per feedstock */
    dc_elec_table elec;     /* electricity factors table */
    dc_ef_used grid_ef;     /* every connection's default */
    dc_ef_used *site_ef;    /* one per site item */
    int n_site_ef;
    int has_ghg;
    dc_ghg_data ghg;
    dc_cost_params *pv_cost, *bat_cost; /* resolved costs, one per PV item and battery */
    double stats_ef[DC_MAX_YEARS + 1];  /* factor the statistics embed, base year then ghg.years; NaN unknown */
    int stats_ef_year[DC_MAX_YEARS + 1];
};
#endif
