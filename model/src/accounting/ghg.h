/* Municipal CO2 by the Ministry of the Environment's region-based
 * allocation (地方公共団体実行計画（区域施策編）策定・実施マニュアル
 * 算定手法編): upper-level carbon of a sector [t-C] x municipal indicator /
 * upper indicator x 44/12, with bottom-up (積上法) overrides; or the
 * 自治体排出量カルテ as published. */
#ifndef DC_GHG_H
#define DC_GHG_H

#include "decarb.h"
#include "ghgtypes.h"

/* What an estimate rests on; a year whose basis differs from the base
 * year's is marked. */
typedef enum { DC_BASIS_ALLOCATION, DC_BASIS_FACILITIES, DC_BASIS_MEASURED, DC_BASIS_SURVEY, DC_BASIS_KARTE,
               DC_BASIS_NONE } dc_ghg_basis;
extern const char *const dc_ghg_basis_names[DC_BASIS_NONE + 1];

typedef struct {
    int year;
    int scenario;          /* 1: the scenario year */
    int rule;              /* index into the rules */
    int available;         /* 0: a comparison method without data */
    int basis;             /* dc_ghg_basis */
    char facilities[160];  /* names of the facilities used, sorted, for consistency checks */
    int differs_from_base;
    double allocated_t, removed_t, kept_t, bottom_up_t; /* [t-CO2] */
    double electricity_t;  /* of the total, from electricity [t-CO2]; NaN unknown */
    int from_year;         /* scenario rows: statistics year carried forward */
    double statistics_t, factor_change_t, project_t; /* scenario rows [t-CO2] */
    double with_kwh, without_kwh;                     /* scenario rows [kWh] */
    double total_t;        /* [t-CO2]; NaN when not available */
    char note[320];
} dc_ghg_result;

typedef struct {
    dc_ghg_result *rows;
    int n, cap;
} dc_ghg_table;

/* Every rule of g for every year (base year first); errors name their
 * file and row. A comparison method whose data are missing gives rows
 * marked not available, never an error. 0 ok, -1 on error. */
int dc_ghg_compute(const dc_ghg_data *g, const dc_ghg_rule *rules, int n_rules, const char *municipality,
                   const int *years, int n_years, dc_ghg_table *out, dc_diag *diag);
/* Problems of one rule's estimate: errors go to diag; for a comparison
 * rule (quiet) the first is kept as the reason it is not available. */
typedef struct {
    dc_diag *diag;
    int quiet, errors;
    char why[400];
} dc_ghg_issues;
void dc_ghg_issue(dc_ghg_issues *is, const char *file, int line, int col, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* Bottom-up data of the municipality and year applied to an allocation
 * row (ghg_facility.c). mun_ind: the municipality's indicator of the
 * sector, or per industry for 全国業種別按分法 (see there). */
typedef struct {
    const char *industry;  /* "" = the whole sector */
    double allocated_t, electricity_t, mun_ind;
} dc_ghg_part;
void dc_ghg_apply_facilities(const dc_ghg_data *g, const char *muni, int year, const dc_ghg_rule *rule,
                             const dc_ghg_part *parts, int n_parts, dc_ghg_result *row, dc_ghg_issues *is);
/* Mark chosen rows whose basis (or facility set) differs from the base
 * year's, with one loud warning per sector (ghg_years.c). */
void dc_ghg_mark_methods(const dc_ghg_data *g, const dc_ghg_rule *rules, dc_ghg_table *t, int base_year,
                         dc_diag *diag);
int dc_ghg_push(dc_ghg_table *t, const dc_ghg_result *r);
void dc_ghg_table_free(dc_ghg_table *t);
/* Sum of the chosen rules' totals for a year (scenario flag as given). */
double dc_ghg_year_total(const dc_ghg_rule *rules, const dc_ghg_table *t, int year, int scenario);
/* Rules made from the カルテ: the source when there are no allocation
 * statistics, else one comparison row per sector (ghg_karte.c). Returns a
 * new array of *n rules (the data's rules first), NULL on no memory. */
dc_ghg_rule *dc_ghg_rules_with_karte(const dc_ghg_data *g, int *n);
/* The カルテ's published 合計 of a year (NaN when it has none) and what its
 * sectors add up to [t-CO2]; -1 when the year is not in it. */
int dc_ghg_karte_sums(const dc_ghg_data *g, int year, double *published_t, double *sectors_t);
/* Append to note (keeps what is there). */
void dc_ghg_note(dc_ghg_result *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#endif
