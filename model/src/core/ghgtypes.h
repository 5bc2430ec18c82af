/* Statistics for municipal GHG estimates, as plain data (read by
 * data/ghgdata.c and its neighbours, used by accounting/ghg*.c). Carbon in
 * t-C, CO2 in t-CO2, electricity factors in kg-CO2/kWh. */
#ifndef DC_GHGTYPES_H
#define DC_GHGTYPES_H

/* 全国按分法, 都道府県別按分法, 全国業種別按分法, own incineration (一般廃棄物),
 * and the Ministry's 自治体排出量カルテ read as published. */
typedef enum { DC_GHG_NATIONAL, DC_GHG_PREFECTURAL, DC_GHG_NATIONAL_BY_INDUSTRY, DC_GHG_INCINERATION,
               DC_GHG_KARTE, DC_GHG_N_METHODS } dc_ghg_method;
extern const char *const dc_ghg_method_names[DC_GHG_N_METHODS];
typedef enum { DC_LEVEL_NATION, DC_LEVEL_PREFECTURE, DC_LEVEL_MUNICIPALITY } dc_ghg_level;

typedef struct {
    char sector[32], sector_ja[64];
    int method;            /* dc_ghg_method */
    char indicator[64];    /* activity indicator key (allocations) */
    int chosen;            /* 1 = the method used for totals */
    int line;              /* in the methods file; 0 = made from the カルテ */
} dc_ghg_rule;

typedef struct {
    int level;             /* dc_ghg_level */
    char area[8];          /* "00" nation, 2-digit prefecture, 5-digit municipality */
    int year;              /* fiscal year */
    char sector[32], industry[32];  /* industry "" = whole sector */
    double carbon_t;       /* [t-C] (converted when the file gives t-CO2) */
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

/* One row of bottom-up data: a facility's reported emissions, one fuel's
 * use or its purchased electricity; rows of one facility, municipality,
 * year and sector add up to one facility. */
typedef enum { DC_FAC_REPORTED, DC_FAC_FUEL, DC_FAC_ELECTRICITY } dc_fac_kind;
typedef struct {
    char name[96];
    char area[8];
    int year;
    char sector[32], industry[32]; /* industry: 中分類 for 全国業種別按分法; "" = not given */
    int whole_sector;      /* 1: measured total of the sector replaces the allocation */
    int kind;              /* dc_fac_kind */
    double co2_t;          /* reported or converted from fuel [t-CO2]; electricity: NaN (priced later) */
    double kwh;            /* purchased electricity [kWh] (kind electricity) */
    char supplier[64], menu[64]; /* whose factor prices the electricity */
    double indicator;      /* the facility's part of the sector indicator; NaN = not on this row */
    int line;
} dc_ghg_facility;

typedef struct {
    char key[64];
    double value;          /* t-C per GJ (fuel carbon) */
    double heat_gj;        /* GJ per unit */
    char unit[24];
} dc_ghg_factor;

/* 電気事業者別排出係数: one supplier (and menu) in one fiscal year. */
typedef struct {
    int year;
    char supplier[64], menu[64];  /* menu "" = the supplier as a whole */
    double basic, adjusted;       /* 基礎, 調整後 [kg-CO2/kWh]; NaN = not published */
    int zero_emission;            /* 1: a zero-emission menu (values near 0 are meant) */
    int line;
} dc_elec_factor;

typedef struct {
    dc_elec_factor *rows;
    int n;
    char file[1024];
} dc_elec_table;

/* 一般廃棄物処理実態調査 fields of one incineration plant and year, and the
 * municipality's share of it (1 = its own plant; less for a 一部事務組合). */
typedef struct {
    char area[8], plant[96];
    int year;
    double incinerated_t;  /* 焼却処理量 (wet) [t] */
    double moisture;       /* 水分 [fraction] */
    double plastic_dry;    /* ビニール・合成樹脂類, share of the dry waste [fraction] */
    double textile_dry;    /* 合成繊維, share of the dry waste [fraction] */
    double town_share;     /* the municipality's part of the plant [fraction] */
    int line;
} dc_ghg_waste;

/* A reduction target below a base year; national ones come from the
 * bundled targets file, the municipality's from its scenario. */
typedef struct {
    int national;
    int year, base_year;
    double reduction_pct;  /* [%] below the base year */
    char source[192];
    int line;
} dc_ghg_target;

/* One cell of a 自治体排出量カルテ sector table [t-CO2]. sector is a key of
 * methods.csv, or "total" for the published 合計. */
typedef struct {
    char sector[32];
    int year;
    double co2_t;
    int line, col;
} dc_ghg_karte;

typedef struct {
    dc_ghg_rule *rules;
    dc_ghg_emission *emissions;
    dc_ghg_indicator *indicators;
    dc_ghg_facility *facilities;
    dc_ghg_factor *factors;
    dc_ghg_waste *waste;
    dc_ghg_target *targets;
    dc_ghg_karte *karte;
    int n_rules, n_emissions, n_indicators, n_facilities, n_factors, n_waste, n_targets, n_karte;
    int has_allocation;    /* emissions and indicators were read */
    double karte_unit_t;   /* t-CO2 of one unit of the カルテ's last printed digit */
    int facility_indicator_col; /* columns of indicator_value and industry in the facilities file */
    int facility_industry_col;
    int indicator_value_col;    /* column of value in the indicators file */
    char methods_file[1024], emissions_file[1024], indicators_file[1024], facilities_file[1024];
    char waste_file[1024], targets_file[1024], karte_file[1024];
} dc_ghg_data;
#endif
