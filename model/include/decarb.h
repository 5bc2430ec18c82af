/* decarb: hourly energy balance of a municipal microgrid.
 *
 * Ownership: every *_create / *_load returns an object the caller owns and
 * frees with the matching *_destroy(&p), which is NULL-safe and sets p to
 * NULL. Pointers returned by accessors belong to the object they came from
 * and live as long as it does. No function keeps global mutable state, so
 * separate objects may be used from separate threads. */
#ifndef DECARB_H
#define DECARB_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define DC_VERSION "0.1.0"

typedef enum {
#define DC_STATUS(name, code, text) name = code,
#include "decarb_status.def"
#undef DC_STATUS
} dc_status;

const char *dc_status_message(dc_status s);
const char *dc_version(void);

/* Diagnostics: every error of a call is collected, each message naming
 * file:line:column and field where known. */
typedef struct dc_diag dc_diag;
dc_diag *dc_diag_create(void);
void dc_diag_destroy(dc_diag **d);
size_t dc_diag_count(const dc_diag *d);
const char *dc_diag_message(const dc_diag *d, size_t i);

/* Parameters: one table drives YAML parsing, defaults, ranges, --set and
 * the `decarb params` listing. */
typedef struct {
    const char *section; /* "" for top-level keys, else e.g. "battery", "pv_arrays" */
    const char *key;     /* key inside the section, e.g. "energy_kwh" */
    int is_list;         /* 1 when the section is a list (pv_arrays, loads) */
    const char *type;    /* number, integer, text, path, choice, list */
    const char *unit;    /* "" when dimensionless */
    char deflt[64];      /* default as text, "required" when there is none */
    char range[192];     /* "[lo, hi]" or the choices */
    const char *help;
} dc_param_info;
size_t dc_param_count(void);
int dc_param_get(size_t i, dc_param_info *out);

/* Scenario: parsed, validated inputs. */
typedef struct dc_scenario dc_scenario;
dc_status dc_scenario_load(const char *path, dc_scenario **out, dc_diag *diag);
/* Apply "key=value" (same keys as `decarb params`, list items as
 * pv_arrays[0].tilt_deg or pv_arrays.NAME.tilt_deg). */
dc_status dc_scenario_set(dc_scenario *s, const char *assignment, dc_diag *diag);
dc_status dc_scenario_validate(const dc_scenario *s, dc_diag *diag);
const char *dc_scenario_name(const dc_scenario *s);
void dc_scenario_destroy(dc_scenario **s);

/* Inputs: the files a scenario names (weather, load profiles), read once. */
typedef struct dc_inputs dc_inputs;
dc_status dc_inputs_load(const dc_scenario *s, dc_inputs **out, dc_diag *diag);
void dc_inputs_destroy(dc_inputs **in);

/* Model: one run. create -> step ... -> results -> destroy. */
typedef struct dc_model dc_model;
dc_status dc_model_create(const dc_scenario *s, const dc_inputs *in,
                          dc_model **out, dc_diag *diag);
dc_status dc_model_step(dc_model *m);  /* advance one time step */
dc_status dc_model_run(dc_model *m);   /* step until the year is done */
/* Back to step 0 with the initial storage state; PV and demand are kept,
 * so a dispatch variant reruns without recomputing them. */
dc_status dc_model_reset(dc_model *m);
size_t dc_model_steps(const dc_model *m);
size_t dc_model_steps_done(const dc_model *m);
double dc_model_step_hours(const dc_model *m);
void dc_model_destroy(dc_model **m);

/* Hourly series, by name (see dc_series_info). */
size_t dc_series_count(void);
int dc_series_info(size_t i, const char **name, const char **unit,
                   const char **help);
const double *dc_model_series(const dc_model *m, const char *name);

/* Totals over the year (month 0) or one calendar month (1-12). */
typedef struct {
    double demand_kwh;          /* demand after savings [kWh] */
    double pv_kwh;              /* PV AC output before curtailment [kWh] */
    double battery_charge_kwh;  /* AC energy into the battery [kWh] */
    double battery_discharge_kwh; /* AC energy out of the battery [kWh] */
    double import_kwh;          /* grid import [kWh] */
    double export_kwh;          /* grid export [kWh] */
    double curtailed_kwh;       /* PV not used, stored or exported [kWh] */
    double unserved_kwh;        /* demand not met [kWh] */
    double peak_import_kw;      /* highest mean import over one step [kW] */
    double self_sufficiency;    /* share of demand met locally [0-1] */
    double self_consumption;    /* share of PV used locally [0-1] */
    double import_co2_t;        /* CO2 of imports at the scenario factor [t-CO2] */
    double max_residual_kwh;    /* largest |energy balance residual| of a step [kWh] */
} dc_totals;
dc_status dc_model_totals(const dc_model *m, int month, dc_totals *out);

/* Municipal GHG (when the scenario has a ghg section): one row per year,
 * sector and allocation method; the scenario year (scenario = 1) is added
 * when the run ends. */
typedef struct {
    int year;                 /* fiscal year */
    int scenario;             /* 1: scenario year, electricity from the simulation */
    const char *sector, *sector_ja, *method;
    int chosen;               /* 1: the method counted in totals */
    double allocated_t;       /* allocation before bottom-up data [t-CO2] */
    double electricity_t;     /* of which electricity [t-CO2]; NaN when unknown */
    double bottom_up_t;       /* reported or measured emissions used [t-CO2] */
    double total_t;           /* estimate [t-CO2] */
    const char *note;
} dc_ghg_row;
size_t dc_model_ghg_count(const dc_model *m);
int dc_model_ghg_get(const dc_model *m, size_t i, dc_ghg_row *out);

#define DC_GHG_MAX_YEARS 16
#define DC_NATIONAL_TARGET_PCT 46.0 /* FY2030 vs FY2013, 地球温暖化対策計画 (2021) */
typedef struct {
    int base_year;
    double base_total_t;                 /* chosen methods, base year [t-CO2] */
    double target_reduction_pct;         /* the municipality's [%] */
    double national_target_pct;          /* [%] */
    int n_years;
    int years[DC_GHG_MAX_YEARS], scenario[DC_GHG_MAX_YEARS];
    double total_t[DC_GHG_MAX_YEARS];        /* [t-CO2] */
    double reduction_pct[DC_GHG_MAX_YEARS];  /* below the base year [%] */
} dc_ghg_summary;
dc_status dc_model_ghg_summary(const dc_model *m, dc_ghg_summary *out);

/* Writers: hourly.csv, summary.csv, results.h5, scenario.resolved.yaml
 * (and ghg.csv with a ghg section) in dir, each written to a temporary
 * name and renamed together; on failure none is left. Debian's serial
 * HDF5 is not thread-safe: call this from one thread at a time. */
dc_status dc_write_outputs(const dc_model *m, const dc_scenario *s,
                           const char *dir, dc_diag *diag);

#ifdef __cplusplus
}
#endif
#endif
