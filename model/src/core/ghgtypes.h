/* Statistics for municipal GHG estimates, as plain data (read by
 * data/ghgdata.c, used by sim/ghg.c). Carbon in t-C, CO2 in t-CO2. */
#ifndef DC_GHGTYPES_H
#define DC_GHGTYPES_H

typedef enum { DC_GHG_NATIONAL, DC_GHG_PREFECTURAL, DC_GHG_NATIONAL_BY_INDUSTRY, DC_GHG_INCINERATION,
               DC_GHG_N_METHODS } dc_ghg_method;
/* 全国按分法, 都道府県別按分法, 全国業種別按分法, own incineration (一般廃棄物) */
extern const char *const dc_ghg_method_names[DC_GHG_N_METHODS];
typedef enum { DC_LEVEL_NATION, DC_LEVEL_PREFECTURE, DC_LEVEL_MUNICIPALITY } dc_ghg_level;

typedef struct {
    char sector[32], sector_ja[64];
    int method;            /* dc_ghg_method */
    char indicator[64];    /* activity indicator key; '+'-joined keys for incineration */
    int chosen;            /* 1 = the method used for totals */
    int line;
} dc_ghg_rule;

typedef struct {
    int level;             /* dc_ghg_level */
    char area[8];          /* "00" nation, 2-digit prefecture, 5-digit municipality */
    int year;              /* fiscal year */
    char sector[32], industry[32];  /* industry "" = whole sector */
    double carbon_t;       /* [t-C] */
    double elec_carbon_t;  /* of which from purchased electricity [t-C], NaN = not given */
    int line;
} dc_ghg_emission;

typedef struct {
    int level;
    char area[8];
    int year;
    char indicator[64], industry[32];
    double value;          /* 0 when suppressed */
    int suppressed;        /* published as "X" (秘匿) */
    int line;
} dc_ghg_indicator;

typedef struct {
    char name[96];
    char area[8];
    int year;
    char sector[32];
    int whole_sector;      /* 1: measured total of the sector replaces the allocation */
    double co2_t;          /* reported, or converted from fuel use [t-CO2] */
    double indicator;      /* the facility's part of the sector indicator; NaN = not given */
    int line;
} dc_ghg_facility;

typedef struct {
    char key[64];
    double value;          /* t-CO2 per unit (waste) or t-C per GJ (fuel carbon) */
    double heat_gj;        /* GJ per unit for fuels, NaN otherwise */
    char unit[24];
} dc_ghg_factor;

typedef struct {
    dc_ghg_rule *rules;
    dc_ghg_emission *emissions;
    dc_ghg_indicator *indicators;
    dc_ghg_facility *facilities;
    dc_ghg_factor *factors;
    int n_rules, n_emissions, n_indicators, n_facilities, n_factors;
    char methods_file[1024], emissions_file[1024], indicators_file[1024], facilities_file[1024];
} dc_ghg_data;
#endif
