/* A scenario: plain structs parsed from YAML, the only input of a run.
 * Single sections (grid, dispatch, ...) are fields of dc_scenario; list
 * sections (sites, pv_arrays, loads, batteries, ...) are dc_list arrays of
 * item structs described once in the section table (params.c). */
#ifndef DC_SCENARIO_H
#define DC_SCENARIO_H

#include "battery.h"
#include "decarb.h"
#include "meterfmt.h"
#include "sizes.h"
#include "pv.h"

typedef enum { DC_DECOMP_AUTO, DC_DECOMP_ERBS } dc_decomposition;
typedef enum { DC_WFORMAT_AUTO, DC_WFORMAT_EPW, DC_WFORMAT_JMA } dc_weather_format;
typedef enum { DC_SUBSTEP_HOLD, DC_SUBSTEP_INTERPOLATE } dc_substep;
typedef enum { DC_CONTRACT_ONSITE_PPA, DC_CONTRACT_OFFSITE_PPA, DC_CONTRACT_OWNED } dc_pv_contract;
typedef enum {
    DC_SECTOR_HOUSEHOLD, DC_SECTOR_COMMERCIAL, DC_SECTOR_PUBLIC, DC_SECTOR_INDUSTRY,
    DC_SECTOR_EV_CHARGING, DC_SECTOR_AGRICULTURE, DC_N_SECTORS
} dc_sector;
typedef enum { DC_YEAR_END_FREE, DC_YEAR_END_CYCLIC } dc_year_end;
/* Labels: auto = Japanese workbook and report, English CSV headers; ja =
 * Japanese everywhere; en = English everywhere. */
typedef enum { DC_LANG_AUTO, DC_LANG_JA, DC_LANG_EN } dc_language;

/* Sections of a scenario file, in the order the resolved file writes them. */
typedef enum {
    S_TOP, S_WEATHER, S_LOCATION, S_GRID, S_DISPATCH, S_GHG, S_RESILIENCE, S_LEADING,
    S_SITES, S_WIRES, S_PV, S_LOADS, S_BATTERIES, S_BIOMASS, S_BIOGAS, S_FEEDSTOCKS, S_EVS, S_OUTAGES, S_COUNT
} dc_psection;

/* What an item costs; NaN = the default of inputs/economics/costs.csv. */
typedef struct {
    double capex_yen;           /* per kW (PV) or per kWh (battery) [yen] */
    double opex_yen_per_year;   /* per kW or kWh and year [yen] */
    double lifetime_years;
    double subsidy_pct;         /* share of capex paid by a grant [%] */
    double subsidy_cap_yen;     /* largest grant [yen]; INFINITY = none */
} dc_cost_params;

/* Every list item starts with its name; resource items follow with their site. */
typedef struct {
    char name[DC_NAME_MAX];
    char contract[DC_NAME_MAX];   /* free label: low_voltage, high_voltage, generator, ... */
    double import_limit_kw;       /* [kW]; NaN = grid.import_limit_kw; INFINITY = unlimited */
    double export_limit_kw;       /* [kW]; NaN = grid.export_limit_kw; 0 = no reverse flow */
    char supplier[DC_NAME_MAX];   /* retail supplier; "" = grid.supplier */
    char menu[DC_NAME_MAX];       /* its menu; "" = the grid's (or the supplier as a whole) */
    double emission_factor_kg_per_kwh; /* [kg-CO2/kWh]; NaN = from the supplier, or the grid's */
    char area[DC_NAME_MAX];       /* area tag (先行地域); "" = none */
} dc_site_item;

typedef struct {
    char name[DC_NAME_MAX];
    char contract[DC_NAME_MAX];
    char sites[DC_NAMES_MAX];     /* member sites, comma-joined */
    double import_limit_kw;       /* at the point of connection [kW]; NaN = grid default */
    double export_limit_kw;       /* [kW]; NaN = grid default */
} dc_wire_item;

enum { DC_MAX_BUYERS = 64 };
typedef struct {
    char name[DC_NAME_MAX];
    char site[DC_NAME_MAX];       /* "" = the only site, or its own site for offsite_ppa */
    dc_pv_params pv;
    int contract;                 /* dc_pv_contract */
    char buyers[DC_NAMES_MAX];    /* offsite_ppa: sites that buy the output, comma-joined */
    double buyer_shares_pct[DC_MAX_BUYERS]; /* [%] of the output per buyer; none = by their imports */
    int n_buyer_shares;
    char profile_file[DC_PATH_MAX]; /* measured AC kWh per step; replaces the model */
    int fit;                      /* 1: sold under FIT (its output is not the town's renewable) */
    dc_cost_params cost;
} dc_pv_item;

typedef struct {
    char name[DC_NAME_MAX];
    char site[DC_NAME_MAX];
    int sector;                   /* dc_sector */
    double annual_kwh;            /* before saving [kWh/year]; 0 with a profile = use as is */
    int shape;                    /* index into dc_shape_names; 0 = by sector */
    char profile_file[DC_PATH_MAX]; /* measured kWh per step, "" = use shape */
    double saving_pct;            /* efficiency saving [%] */
    int critical;                 /* 1: served through a grid outage (shelter, pumps); 0: shed */
    int closed_days;              /* dc_closed_rule: extra off days (お盆, school vacations) */
    double cooling_base_c, cooling_kw_per_k; /* temperature response above the base [degC], [kW/K] */
    double heating_base_c, heating_kw_per_k; /* and below its base */
    char area[DC_NAME_MAX];       /* area tag; "" = its site's */
    dc_meter_format meter;        /* how profile_file is laid out (profile_format: meter) */
} dc_load_item;

typedef struct {
    char name[DC_NAME_MAX];
    char site[DC_NAME_MAX];
    dc_battery_params b;
    int year_end;                 /* dc_year_end */
    double disaster_reserve_pct;  /* kept for grid outages [% of energy_kwh]; usable only during one */
    int grid_forming;             /* 1: its inverter can form an island's grid */
    dc_cost_params cost;
} dc_battery_item;

typedef enum { DC_CHARGE_IMMEDIATE, DC_CHARGE_SMART } dc_charging;

/* A fleet of identical official EVs at a site, with a trip per day type. */
typedef struct {
    char name[DC_NAME_MAX];
    char site[DC_NAME_MAX];
    int count;                    /* cars */
    double battery_kwh;           /* usable energy of one car [kWh] */
    double charger_kw;            /* charger power per car [kW] */
    int v2b;                      /* 1: bidirectional (DC) charger, may discharge to the site */
    double charge_eff_pct, discharge_eff_pct;
    double kwh_per_km;
    char weekday_departure[8], weekday_return[8], offday_departure[8], offday_return[8]; /* "HH:MM" */
    double weekday_km, offday_km; /* per car and trip; 0 = no trip */
    double margin_pct;            /* a car leaves with its trip's energy plus this [% of the trip] */
    double reserve_pct;           /* V2B never draws a car below this [% of battery]; usable in an outage */
    int charging;                 /* dc_charging */
    double initial_pct;           /* energy when the year starts [% of battery] */
    int grid_forming;             /* 1: its V2H/V2B inverter can form an island's grid */
    int trips_in_outage;          /* 1: trips go on while the site's grid is down; 0: the cars stay as power */
} dc_ev_item;

/* A grid outage: the grid carries nothing at the named sites (all when none). */
typedef struct {
    char name[DC_NAME_MAX];
    char start[32];               /* "YYYY-MM-DDTHH:MM" (JST) */
    double hours;                 /* [h] */
    char sites[DC_NAMES_MAX];     /* comma-joined; "" = every site */
} dc_outage_item;

enum { DC_MAX_CURVE = 16 };
typedef enum { DC_RUN_BASELOAD, DC_RUN_FOLLOW, DC_RUN_SCHEDULE } dc_plant_mode;
typedef enum { DC_WOOD_CONIFER, DC_WOOD_BROADLEAF } dc_wood;

/* A woody biomass plant (power only, or CHP with heat_efficiency_pct). */
typedef struct {
    char name[DC_NAME_MAX];
    char site[DC_NAME_MAX];
    double capacity_kw;             /* rated electric output [kW] */
    double efficiency_pct;          /* electric, at full load [%] (LHV) */
    double heat_efficiency_pct;     /* heat recovered [%] (LHV); 0 = power only */
    double part_load_pct[DC_MAX_CURVE], part_load_eff_pct[DC_MAX_CURVE]; /* load [% of rating] -> efficiency [% of full-load] */
    int n_part_load, n_part_eff;
    double min_load_pct;            /* minimum stable load [% of rating] */
    double ramp_kw_per_h;           /* [kW/h]; INFINITY = unlimited */
    double availability_pct;        /* expected availability: the ceiling is derated by it [%] */
    char outages[DC_NAMES_MAX];     /* planned outages "YYYY-MM-DD~YYYY-MM-DD", comma-joined */
    int mode;                       /* dc_plant_mode */
    char schedule_file[DC_PATH_MAX];/* mode schedule: % of rating by month x day type x hour */
    int wood;                       /* dc_wood: default dry LHV */
    double lhv_dry_mj_per_kg;       /* NaN = the wood's default */
    double moisture_pct;            /* wet basis [%] */
    double fuel_t_per_year;         /* green tonnes delivered a year [t] */
    double delivery_monthly_pct[12];/* share of the year's deliveries by month (April first in a fiscal year) */
    int n_delivery;                 /* 0 = by days */
    double yard_capacity_t, yard_initial_t; /* [t] green */
} dc_biomass_item;

typedef enum { DC_GAS_ALWAYS, DC_GAS_ABOVE_LEVEL, DC_GAS_HOURS } dc_gas_run;

/* A biogas digester with its gas holder and engine. */
typedef struct {
    char name[DC_NAME_MAX];
    char site[DC_NAME_MAX];
    double engine_kw;               /* rated electric output [kW] */
    double engine_eff_pct, heat_eff_pct; /* of the methane's LHV [%] */
    double min_load_pct;            /* [% of rating] */
    double holder_nm3, holder_min_nm3, holder_initial_nm3; /* biogas [Nm3] */
    double methane_lhv_mj_per_nm3;  /* 35.8 */
    double digester_heat_kwh_per_day; /* parasitic heat demand [kWh_th/day] */
    double boiler_eff_pct;          /* biogas boiler for the heat the engine does not give [%] */
    int run;                        /* dc_gas_run */
    double run_above_pct;           /* holder level that allows running [% of capacity] */
    int run_hours[24], n_run_hours; /* hours of the day it may run (run: hours) */
} dc_biogas_item;

typedef enum { DC_FEED_FOOD_WASTE, DC_FEED_SEWAGE_SLUDGE, DC_FEED_CATTLE_MANURE, DC_FEED_STARCH_WASTEWATER,
               DC_FEED_CUSTOM, DC_N_FEEDS } dc_feed_kind;

/* One feedstock of a biogas plant; NaN properties take the kind's default. */
typedef struct {
    char name[DC_NAME_MAX];
    char plant[DC_NAME_MAX];        /* the biogas plant it feeds */
    int kind;                       /* dc_feed_kind */
    double t_per_day;               /* wet tonnes a day */
    double monthly_t_per_day[12];   /* by month (April first in a fiscal year); overrides t_per_day */
    int n_monthly;
    double ts_pct, vs_pct_of_ts;    /* total solids [% of wet], volatile solids [% of TS] */
    double yield_nm3_per_kg_vs;     /* methane [Nm3 CH4 per kg VS] */
    double methane_pct;             /* methane share of the biogas [%] */
} dc_feedstock_item;

typedef struct {
    double import_limit_kw;     /* default for every connection [kW], INFINITY = unlimited */
    double export_limit_kw;     /* default for every connection [kW], 0 = no export allowed */
    double emission_factor_kg_per_kwh; /* CO2 of imported electricity [kg-CO2/kWh]; NaN = from supplier */
    char supplier[DC_NAME_MAX];   /* retail supplier in the factors table; "" = none named */
    char menu[DC_NAME_MAX];       /* its menu; "" = the supplier as a whole */
    int factor_kind;              /* dc_ef_kind: 0 調整後 (adjusted), 1 基礎 (basic) */
    char factors_file[DC_PATH_MAX]; /* electricity factors; "" = bundled */
} dc_grid_params;

typedef struct {
    char deficit[DC_NAMES_MAX]; /* resource or type names, comma-joined */
    char surplus[DC_NAMES_MAX];
} dc_dispatch_params;

typedef struct {
    char *items;  /* n items of the section's item size */
    int n, cap;
    struct dc_pos *pos; /* per item a block: DC_POS_* slots, then one per parameter row */
} dc_list;

/* Where something was written: line and column (1-based); line 0 = not in
 * the file (a default), -1 = set on the command line. */
typedef struct dc_pos {
    int line, col;
} dc_pos;

/* Slots of an item's position block: where it starts, the alias it was
 * written under (in .line: index in dc_section_aliases + 1, 0 = none),
 * then the value of each parameter row. */
enum { DC_POS_ITEM, DC_POS_ALIAS, DC_POS_KEYS };

enum { DC_MAX_YEARS = 16 };

struct dc_scenario {
    int validated;                   /* 1 once checked, back to 0 with every --set */
    char file[DC_PATH_MAX];          /* scenario path as given */
    char dir[DC_PATH_MAX];           /* its directory: paths resolve from here */
    char name[DC_NAME_MAX];
    int year;                        /* fiscal or calendar year */
    int fiscal;                      /* 1 fiscal (April start), 0 calendar */
    int step_minutes;                /* time step [min] */
    char weather_file[DC_PATH_MAX];  /* resolved path */
    int decomposition;               /* dc_decomposition */
    int weather_format;              /* dc_weather_format */
    int accept_quality[8], n_accept_quality; /* JMA 品質情報 codes taken as data */
    int weather_fill;                /* dc_jma_fill: gaps left as errors, or filled linearly */
    int substeps;                    /* dc_substep: hourly weather in shorter steps */
    double latitude_deg, longitude_deg, elevation_m; /* NaN = from weather file */
    double delta_t_s;                /* TT - UT [s]; NaN = estimate for the year */
    char holidays_file[DC_PATH_MAX]; /* the Cabinet Office's syukujitsu.csv; "" = the built-in rules */
    int language;                    /* dc_language */
    char obon[DC_NAME_MAX];          /* "MM-DD~MM-DD": お盆, closed days of industry */
    char school_vacations[DC_NAMES_MAX]; /* windows "YYYY-MM-DD~YYYY-MM-DD"; none = typical */
    char shapes_dir[DC_PATH_MAX];    /* load shape folder; "" = bundled */
    dc_grid_params grid;
    dc_dispatch_params dispatch;
    struct {
        char statistics_dir[DC_PATH_MAX]; /* emissions.csv and indicators.csv; "" = none */
        char municipality[8];             /* 5-digit municipal code (全国地方公共団体コード without check digit) */
        int base_year;                    /* fiscal year of the base (FY2013) */
        int years[DC_MAX_YEARS], n_years; /* further statistics years */
        int target_years[DC_MAX_YEARS], n_target_years; /* the municipality's own targets */
        double target_reduction_pct[DC_MAX_YEARS];      /* [%] below the base year, one per target year */
        int n_target_pct;
        int scenario_link;                /* 1: the project's effect on linked sectors' electricity */
        double statistics_factor_kg_per_kwh; /* factor the statistics' electricity embeds; NaN = look up */
        char methods_file[DC_PATH_MAX], factors_file[DC_PATH_MAX], facilities_file[DC_PATH_MAX];
        char waste_file[DC_PATH_MAX], targets_file[DC_PATH_MAX], karte_file[DC_PATH_MAX];
    } ghg;
    struct {
        char area[DC_NAME_MAX];           /* the target area's tag; "" = no net-zero table */
        int year;                         /* target fiscal year; 0 = the scenario year */
        double retail_renewable_mwh;      /* bought as a retailer's renewable menu with 非化石証書 [MWh] */
        double certificates_mwh;          /* certificates and credits retired [MWh] */
        double tariff_yen_per_kwh;        /* what the area pays for grid electricity; NaN = no economics */
        double export_yen_per_kwh;        /* what exported energy earns */
        double discount_rate_pct;
        double target_irr_pct;            /* a PPA provider's target */
    } leading;
    struct {
        int scan;                         /* 1: survival from every start hour of the year */
        int max_hours;                    /* longest outage the scan follows [h] */
    } resilience;
    dc_list list[S_COUNT];           /* list sections; unused for single sections */
    dc_pos *key_pos;                 /* value of each single-section key by parameter row */
};

#define DC_ITEMS(s, sec, T) ((T *)(void *)(s)->list[sec].items)
#define DC_CITEMS(s, sec, T) ((const T *)(const void *)(s)->list[sec].items)

/* Bundled shape names; index 0 "auto" picks by sector. */
extern const char *const dc_shape_names[];
int dc_shape_for_sector(int sector);  /* index into dc_shape_names */
extern const char *const dc_sector_names[DC_N_SECTORS];

/* A scenario with every default and no list items; NULL without memory. */
dc_scenario *dc_scenario_new(void);
/* Deep copy; NULL without memory. */
dc_scenario *dc_scenario_copy(const dc_scenario *s);

/* List items (lists.c). */
void *dc_list_item(const dc_scenario *s, dc_psection sec, int i);
/* Append an item set to the section's defaults; index, or -1 (no memory or full). */
int dc_list_append(dc_scenario *s, dc_psection sec);
/* Index of the item named name, or -1. */
int dc_list_find(const dc_scenario *s, dc_psection sec, const char *name);
/* The position block of item i (see DC_POS_*). */
dc_pos *dc_item_pos(const dc_scenario *s, dc_psection sec, int i);
/* Remove item i, keeping the order of the rest. */
void dc_list_remove(dc_scenario *s, dc_psection sec, int i);

/* Comma-joined names: the k-th into out (DC_NAME_MAX); count. */
int dc_names_count(const char *joined);
int dc_names_get(const char *joined, int k, char *out);
#endif
