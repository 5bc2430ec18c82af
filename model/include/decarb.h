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

#define DC_VERSION "0.2.0"

typedef enum {
#define DC_STATUS(name, code, text) name = code,
#include "decarb_status.def"
#undef DC_STATUS
} dc_status;

const char *dc_status_message(dc_status s);
const char *dc_version(void);

/* v with `decimals` digits after the point (0 to 9; others are taken as
 * the nearest of those) into buf, which has room for DC_FIXED_MAX bytes:
 * byte for byte what printf("%.*f") writes, without printf (a sweep's
 * rows); its length. */
enum { DC_FIXED_MAX = 330 };
size_t dc_format_fixed(char *buf, double v, int decimals);

/* Diagnostics: every error of a call is collected, each message naming
 * file:line:column and field where known. */
typedef struct dc_diag dc_diag;
dc_diag *dc_diag_create(void);
void dc_diag_destroy(dc_diag **d);
size_t dc_diag_count(const dc_diag *d);
const char *dc_diag_message(const dc_diag *d, size_t i);
int dc_diag_is_warning(const dc_diag *d, size_t i); /* 1: a warning, not an error */
size_t dc_diag_errors(const dc_diag *d);            /* messages that are errors */

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
    const char *stale;   /* what a change makes stale in a sweep: inputs, profiles, dispatch or accounting */
} dc_param_info;
size_t dc_param_count(void);
int dc_param_get(size_t i, dc_param_info *out);

/* Scenario: parsed, validated inputs. */
typedef struct dc_scenario dc_scenario;
dc_status dc_scenario_load(const char *path, dc_scenario **out, dc_diag *diag);
/* Apply "key=value" (same keys as `decarb params`, list items as
 * pv_arrays[0].tilt_deg or pv_arrays.NAME.tilt_deg). */
dc_status dc_scenario_set(dc_scenario *s, const char *assignment, dc_diag *diag);
/* Check across fields; after dc_scenario_set the scenario must be
 * validated again before dc_inputs_load or dc_model_create take it. */
dc_status dc_scenario_validate(dc_scenario *s, dc_diag *diag);
const char *dc_scenario_name(const dc_scenario *s);
/* 1 when the scenario names a target area (leading_area.area). */
int dc_scenario_has_area(const dc_scenario *s);
/* 1 when the scenario has grid outages or the survival scan (resilience.scan). */
int dc_scenario_has_resilience(const dc_scenario *s);
void dc_scenario_destroy(dc_scenario **s);

/* Inputs: the files a scenario names (weather, load profiles), read once. */
typedef struct dc_inputs dc_inputs;
dc_status dc_inputs_load(const dc_scenario *s, dc_inputs **out, dc_diag *diag);
/* The same, the weather read while the other files are read on a second
 * thread (threads > 1); the same inputs and messages, in the same order.
 * DC_ERR_ARG for threads < 1. */
dc_status dc_inputs_load_on(const dc_scenario *s, int threads, dc_inputs **out, dc_diag *diag);
void dc_inputs_destroy(dc_inputs **in);

/* Model: one run. create -> step ... -> results -> destroy. The model
 * keeps its own copy of the scenario; later changes to s do not reach it. */
typedef struct dc_model dc_model;
dc_status dc_model_create(const dc_scenario *s, const dc_inputs *in,
                          dc_model **out, dc_diag *diag);
/* Profile cache for many models of one sweep: a model made with a cache
 * takes the weather, sun and PV profiles of an earlier model with the same
 * weather values, site, year, step and array parameters from it (an
 * array's capacity only rescales its profile), with the same results as
 * dc_model_create. Bounded in memory. Not shared between threads: give
 * each thread its own. dc_cache_hits counts the profiles reused. */
typedef struct dc_cache dc_cache;
dc_cache *dc_cache_create(void);
void dc_cache_destroy(dc_cache **c);
size_t dc_cache_hits(const dc_cache *c);
dc_status dc_model_create_cached(const dc_scenario *s, const dc_inputs *in, dc_cache *cache,
                                 dc_model **out, dc_diag *diag);
/* The same (cache may be NULL), the model built on up to `threads`
 * threads (the sun's year in parts; without a cache, its PV arrays side
 * by side) and then set to run on as many (dc_model_set_threads). The
 * figures are the same bit for bit for any count. DC_ERR_ARG for
 * threads < 1. */
dc_status dc_model_create_on(const dc_scenario *s, const dc_inputs *in, dc_cache *cache, int threads,
                             dc_model **out, dc_diag *diag);
/* A CSV table (its first line the header; a UTF-8 BOM allowed) as one
 * HDF5 compound dataset: one member per column under the header's name,
 * int64 where every cell is a whole number, float64 where every cell is a
 * number (an empty cell: NaN), else a UTF-8 string. Written through a temporary file, in blocks (memory does not grow
 * with the rows). pandas: pd.DataFrame(h5py.File(h5)[dataset][()]). */
dc_status dc_csv_table_to_h5(const char *csv, const char *h5, const char *dataset, dc_diag *diag);
/* What changing a key (as in dc_scenario_set) makes stale: the inputs
 * (files are read again), the profiles (sun, PV, demand are rebuilt), the
 * dispatch only, or the accounting only; -1 for an unknown key. */
enum { DC_SCOPE_ACCOUNTING, DC_SCOPE_DISPATCH, DC_SCOPE_PROFILES, DC_SCOPE_INPUTS };
int dc_scenario_key_scope(const dc_scenario *s, const char *key);
/* A copy of s (dc_scenario_destroy frees it); NULL without memory. */
dc_scenario *dc_scenario_clone(const dc_scenario *s);

/* A key only the accounting reads (dc_scenario_key_scope: DC_SCOPE_
 * ACCOUNTING, e.g. leading_area.tariff_yen_per_kwh) changed on a finished
 * model: the net-zero table and the costs then use it, without a new run.
 * DC_ERR_ARG for any other key (it needs a new model); the model is
 * unchanged when the value is refused. */
dc_status dc_model_set_accounting(dc_model *m, const char *assignment, dc_diag *diag);
/* Any key a model can take without being built again: those of
 * dc_model_set_accounting (the results stay), and a resource's own
 * parameters where its type can retune them: a battery's (size,
 * efficiencies, limits), an EV fleet's (count, trips, charging) and a PV
 * array's (capacity, tilt, losses...; it is modelled again, or with a cache
 * rescaled from its profile per kWp); not a name, a site or a contract,
 * nor keys the inputs read. The model is
 * then back at the start of the year, its cyclic start found again, for
 * dc_model_run: the same figures, bit for bit, as a new model with the key
 * set. DC_ERR_ARG for any other key (it needs a new model); the model is
 * unchanged when the value is refused. The value gets the errors
 * dc_scenario_validate would give; a battery's or an array's number is
 * checked by the checks that read it alone, so warnings about the rest of
 * the scenario, given when the model was made, are not repeated. */
dc_status dc_model_set(dc_model *m, const char *assignment, dc_diag *diag);
/* The same, with a profile cache (see dc_model_create_cached); may be NULL. */
dc_status dc_model_set_cached(dc_model *m, dc_cache *cache, const char *assignment, dc_diag *diag);
/* 1 when dc_model_set takes the key (as dc_scenario_set names it). */
int dc_model_can_set(const dc_model *m, const char *key);

/* Runner: many runs of one base scenario, each with some keys set
 * ("key=value" as dc_scenario_set takes them). The base is read once, and
 * its inputs once unless one of the keys the runs will set (keys, as in
 * dc_scenario_key_scope) changes what they read. dc_runner_run reads only
 * the runner, so threads may share one, each with its own cache. A model
 * keeps nothing of the inputs it was made from. */
typedef struct dc_runner dc_runner;
dc_status dc_runner_create(const char *base_path, const char *const *keys, size_t n_keys, dc_runner **out,
                           dc_diag *diag);
/* The same, the base with some keys set first, as if it said so (a sweep
 * file's set:, "key=value"). */
dc_status dc_runner_create_set(const char *base_path, const char *const *sets, size_t n_sets, const char *const *keys,
                               size_t n_keys, dc_runner **out, dc_diag *diag);
/* The runner of a sweep or size file: its base with its set: keys, for
 * runs that set its axes' keys. */
struct dc_sweep;
dc_status dc_runner_for_sweep(const struct dc_sweep *w, dc_runner **out, dc_diag *diag);
/* A model of the base with the assignments, run to the year's end. */
dc_status dc_runner_run(const dc_runner *r, dc_cache *cache, const char *const *assignments, size_t n,
                        dc_model **out, dc_diag *diag);
/* The next run of a study: *m, the caller's last model from this runner
 * (run with `before`, the same keys in the same order), with the changed
 * keys set in place when it can take them all (dc_model_can_set), else a
 * new model from dc_runner_run. The same figures either way. On failure
 * *m is the failed model (its error) or NULL. before may be NULL. */
dc_status dc_runner_rerun(const dc_runner *r, dc_cache *cache, const char *const *before,
                          const char *const *after, size_t n, dc_model **m, dc_diag *diag);
const dc_scenario *dc_runner_base(const dc_runner *r);
void dc_runner_destroy(dc_runner **r);
/* Advance one time step. DC_ERR_BALANCE when a site's balance or a
 * store's ledger does not close; dc_model_error says where (the earliest
 * such step). After that, dc_model_reset before running again. */
dc_status dc_model_step(dc_model *m);
dc_status dc_model_run(dc_model *m);   /* step until the year is done */
/* Buses (a site on its own grid connection, or the sites of a private
 * wire) share nothing, so a run may dispatch them side by side on up to n
 * threads (default 1: the caller's). The figures are the same bit for bit
 * for any n. DC_ERR_ARG for n < 1. */
dc_status dc_model_set_threads(dc_model *m, int n);
/* Back to step 0 with the initial storage state; PV and demand are kept,
 * so a dispatch variant reruns without recomputing them. */
dc_status dc_model_reset(dc_model *m);
const char *dc_model_error(const dc_model *m); /* why the last step failed, or "" */
/* The scenario the model was made from (its own copy). */
const dc_scenario *dc_model_scenario(const dc_model *m);
/* Start of step i, JST. */
typedef struct {
    int year, month, day, hour, minute;
    int weekday;          /* 0 = Sunday */
    int offday;           /* weekend, national holiday or 29 Dec - 3 Jan */
} dc_time;
int dc_model_time(const dc_model *m, size_t i, dc_time *out);
size_t dc_model_steps(const dc_model *m);
size_t dc_model_steps_done(const dc_model *m);
double dc_model_step_hours(const dc_model *m);
void dc_model_destroy(dc_model **m);

/* Results: every series the run records, at four levels. A series is
 * named "QUANTITY" for the town, "site:SITE:QUANTITY" for a site,
 * "wire:WIRE:QUANTITY" for a private wire's point of connection and
 * "TYPE:NAME:QUANTITY" for a resource ("pv:hall:ac", "battery:b1:stored").
 * "pv:NAME" and "load:NAME" also name an array's AC output and a load. */
typedef enum { DC_LEVEL_TOWN, DC_LEVEL_WIRE, DC_LEVEL_SITE, DC_LEVEL_RESOURCE } dc_level;
typedef enum {
    DC_AGG_SUM,    /* energies: totals add the steps */
    DC_AGG_MEAN,   /* irradiance, temperature: the mean of the steps */
    DC_AGG_LAST,   /* states (stored energy): the value at the period's end */
    DC_AGG_MAXABS  /* residuals: the largest magnitude */
} dc_agg;
typedef struct {
    const char *name;     /* full name, as above */
    const char *kind;     /* "town", "wire", "site", or the resource type */
    const char *owner;    /* site, wire or resource name; "" for the town */
    const char *quantity; /* "grid_import", "ac", ... */
    const char *unit;     /* "kWh", "W/m2", "degC", ... */
    const char *help;
    const char *site;     /* site of a site or resource series; "" otherwise */
    int level;            /* dc_level */
    int agg;              /* dc_agg */
    int detail;           /* 1: in results.h5 and resources.csv, not in hourly.csv */
} dc_series_info;
size_t dc_model_series_count(const dc_model *m);
int dc_model_series_get(const dc_model *m, size_t i, dc_series_info *out);
/* A series' values, one per step, valid while the model lives. The town's
 * sums are added up from the sites when read: after a run (or a step, or
 * a set), ask again rather than keep an earlier pointer's values. Models
 * may be read from several threads at once, but not while they run. */
const double *dc_model_series_at(const dc_model *m, size_t i);
const double *dc_model_series(const dc_model *m, const char *name);
/* Aggregate of series i over the year (month 0) or one month (1-12). */
double dc_model_series_total(const dc_model *m, size_t i, int month);
/* The same for the year (out[0]) and every month (out[1..12]) in one pass
 * over the series; -1 for a bad index. */
int dc_model_series_totals(const dc_model *m, size_t i, double out[13]);

/* Sites (meters) of the run, in scenario order; a scenario without a
 * sites section has one site, "main". */
size_t dc_model_site_count(const dc_model *m);
/* CO2 of a site's imports [kg-CO2/kWh]: its supplier's, or the grid's; NaN for no site. */
double dc_model_site_emission_factor(const dc_model *m, size_t site);
const char *dc_model_site_name(const dc_model *m, size_t site);

/* Totals over the year (month 0) or one calendar month (1-12), for the
 * town or one site. "The town's own resources" are those behind its
 * meters, on its private wires, and its off-site PPA generators. */
typedef struct {
    double demand_kwh;          /* demand after savings [kWh] */
    double pv_kwh;              /* PV AC output offered, before curtailment [kWh] */
    double generation_kwh;      /* dispatchable generation [kWh] */
    double storage_charge_kwh;  /* AC energy into batteries [kWh] */
    double storage_discharge_kwh; /* AC energy out of batteries [kWh] */
    double storage_drawdown_kwh;/* stored energy at the period's start minus at its end [kWh] */
    double import_kwh;          /* grid import (on a private wire: the site's share) [kWh] */
    double export_kwh;          /* grid export (on a private wire: the site's share) [kWh] */
    double pv_export_kwh;       /* of it, PV's share (by PV's part of what the site supplied itself) [kWh] */
    double wire_in_kwh;         /* from neighbours on a private wire [kWh] */
    double wire_out_kwh;        /* to neighbours on a private wire [kWh] */
    double offsite_ppa_in_kwh;  /* of the import, bought from off-site PPA generators [kWh] */
    double offsite_ppa_sold_kwh;/* sold by off-site PPA arrays to their buyers [kWh] */
    double ppa_billable_kwh;    /* on-site PPA output used behind its meter: what the provider bills [kWh] */
    double curtailed_kwh;       /* PV not used, stored or exported [kWh] */
    double unserved_kwh;        /* demand not met [kWh] */
    double peak_import_kw;      /* highest mean import over one step [kW] */
    double self_sufficiency;    /* demand met by the town's own resources / demand [0-1] */
    double self_consumption;    /* PV used by the town (curtailed and unsold export excluded) / PV [0-1] */
    double import_co2_t;        /* (import - off-site PPA bought) x the grid factor [t-CO2] */
    double max_residual_kwh;    /* largest |balance residual| of a step [kWh] */
} dc_totals;
dc_status dc_model_totals(const dc_model *m, int month, dc_totals *out);
dc_status dc_model_site_totals(const dc_model *m, size_t site, int month, dc_totals *out);

/* Stores with `year_end: cyclic`: the years run to find the state the year
 * ends in, and how far apart start and end still are [kWh]. */
typedef struct {
    int cyclic;              /* 1 when some store is cyclic */
    int passes;
    double gap_kwh;
} dc_cyclic_info;
dc_status dc_model_cyclic(const dc_model *m, dc_cyclic_info *out);

/* Grid outages of a finished run: one row per outage and site it cut off. */
typedef struct {
    const char *outage, *site;
    double hours;               /* the outage's length [h] */
    double hours_to_unserved;   /* from its start to the first critical kWh not served [h]; NaN = none */
    double unserved_kwh;        /* critical demand not met during it [kWh] */
    double shed_kwh;            /* other load shed during it [kWh] */
} dc_outage_result;
size_t dc_model_outage_count(const dc_model *m);
int dc_model_outage_get(const dc_model *m, size_t i, dc_outage_result *out);

/* The survival scan (resilience.scan): per site with critical loads and
 * per month (0 = the year), the share of start hours from which its
 * critical loads last 24, 72 and 168 hours with the grid down. */
typedef struct {
    const char *site;
    int month;                  /* 1-12, 0 = the year */
    int starts;                 /* start hours scanned */
    double share_24h, share_72h, share_168h; /* [0-1] */
    double mean_hours;          /* mean hours survived (at most resilience.max_hours) */
} dc_survival_row;
size_t dc_model_survival_count(const dc_model *m);
int dc_model_survival_get(const dc_model *m, size_t i, dc_survival_row *out);

/* 脱炭素先行地域 (leading_area): the net-zero table of the target area's
 * household and commercial (民生: household, commercial and public loads)
 * electricity in the simulated year, in the application's terms. Routes of
 * B are hour by hour shares of each site's supply, by its 民生 loads' share
 * of its demand; output of FIT arrays is not counted. [MWh] unless named. */
typedef struct {
    const char *area;
    int year;                   /* fiscal (or calendar) year */
    double a_mwh;               /* A: 民生 demand before savings */
    double c_mwh;               /* C: savings */
    double b_onsite_mwh;        /* B, on-site: PV, storage and plants behind the loads' own meters */
    double b_wire_mwh;          /* B, over private wires (自営線) */
    double b_offsite_ppa_mwh;   /* B, off-site PPA through the grid */
    double b_retail_mwh;        /* B, a retailer's renewable menu with 非化石証書 (given) */
    double b_certificates_mwh;  /* B, certificates and credits (given) */
    double b_mwh;               /* B: the sum */
    int net_zero;               /* 1 when B + C >= A */
    double gap_mwh;             /* A - B - C when short, else 0 */
    double gap_t_co2;           /* gap x the grid's factor */
    double factor_kg_per_kwh;
    const char *factor_kind;    /* "adjusted" (調整後) or "basic" (基礎) */
    double fit_excluded_mwh;    /* FIT arrays' output used by the area's 民生 loads, not counted */
    double other_demand_mwh;    /* the area's other loads (industry, EV charging, agriculture), shown apart */
    double coincident_share;    /* 時間一致: local supply hour by hour / 民生 demand after savings [0-1] */
    double exported_mwh;        /* the area's sites' grid export */
    int grid_hours;             /* steps in which 民生 loads still bought grid power */
    double pv_kw, pv_fit_kw, battery_kwh, battery_kw, plant_kw; /* installed at the area's sites */
    int ev_count;
} dc_netzero;
/* DC_ERR_SCENARIO when the scenario has no leading_area.area; DC_ERR_ARG for NULL. */
dc_status dc_model_netzero(const dc_model *m, dc_netzero *out);
/* C by measure: each 民生 load of the area with a saving. */
typedef struct {
    const char *load;
    double saving_pct, saving_mwh;
} dc_saving_row;
size_t dc_model_saving_count(const dc_model *m);
int dc_model_saving_get(const dc_model *m, size_t i, dc_saving_row *out);

/* Economics of each PV array and battery at the area's sites, with
 * leading_area's prices: yen unless named; NaN where a price is missing
 * (leading_area.tariff_yen_per_kwh). Energy is the simulated year's, every
 * year of the life. */
typedef struct {
    const char *kind, *name, *site;
    double size;                /* kW (PV, DC) or kWh (battery) */
    double capex, subsidy, net_capex, opex_per_year;
    double lifetime_years;
    double annual_cost;         /* net capex x capital recovery factor + opex [yen/year] */
    double energy_kwh;          /* PV: output delivered to the site (after curtailment) */
    double lcoe_yen_per_kwh;    /* annual cost / energy (PV) */
    double value_per_year;      /* used on site x tariff + sent out x export price (PV) */
    double npv;                 /* -net capex + the discounted (value - opex) of each year */
    double payback_years;       /* net capex / (value - opex); INFINITY when it never pays */
    int ppa;                    /* 1: on-site PPA: the provider's figures below */
    double billed_kwh;          /* used behind the building's meter */
    double ppa_price_yen_per_kwh; /* the price that gives the provider leading_area.target_irr_pct */
    double town_saving_per_year; /* billed x (tariff - PPA price) */
} dc_econ_row;
size_t dc_model_econ_count(const dc_model *m);
int dc_model_econ_get(const dc_model *m, size_t i, dc_econ_row *out);
/* The area's sums (kind "area"): LCOE = every item's yearly cost over the
 * PV energy, batteries included; -1 when there is no item. */
int dc_model_econ_total(const dc_model *m, dc_econ_row *out);
/* The internal rate of return of a life of equal yearly net cash after an
 * outlay (GSL root finding); NaN when none in (-99 %, 1000 %). Public so a
 * PPA price can be put back into its cash flow. */
double dc_irr(double outlay, double per_year, double years);

/* A sweep file: a base scenario and axes over parameter keys (values, or
 * from/to/steps with scale linear or log), combined as a product (the
 * last axis fastest) or zipped. Case i's value on axis a is the text of a
 * --set key=value; every value was tried on the base when loaded. */
typedef struct dc_sweep dc_sweep;
dc_status dc_sweep_load(const char *path, dc_sweep **out, dc_diag *diag);
void dc_sweep_destroy(dc_sweep **w);
size_t dc_sweep_cases(const dc_sweep *w);
size_t dc_sweep_axes(const dc_sweep *w);
const char *dc_sweep_axis_key(const dc_sweep *w, size_t a);
/* Case i's value of axis a as text. A range's or sampled value is made on
 * the call into one of eight buffers of the calling thread: use or copy it
 * before eight more such calls. */
const char *dc_sweep_value(const dc_sweep *w, size_t i, size_t a);
/* Case i's setting of axis a, "key=value" as dc_scenario_set takes it,
 * into buf: a relative path of a file key (weather.file, ...) made
 * beside the sweep file, as base: is. NULL when i or a is out of range. */
const char *dc_sweep_setting(const dc_sweep *w, size_t i, size_t a, char *buf, size_t len);
const char *dc_sweep_base(const dc_sweep *w);   /* the base scenario's path */
/* The set: keys, which every case holds at one value as if the base said
 * so: the k-th as "key=value" (a relative path beside the sweep file). */
size_t dc_sweep_sets(const dc_sweep *w);
const char *dc_sweep_set(const dc_sweep *w, size_t k, char *buf, size_t len);
const char *dc_sweep_name(const dc_sweep *w);   /* name:, or the file's stem */
/* 1 when the file's hourly: list names case i (its every output is wanted). */
int dc_sweep_hourly(const dc_sweep *w, size_t i);
/* Sizing (decarb size): a sweep file with target: finds the smallest size
 * of its one range axis that reaches the target, or with several axes the
 * least annual cost (leading_area costs) that does. */
typedef enum {
    DC_TARGET_NONE,
    DC_TARGET_NET_ZERO,
    DC_TARGET_SELF_SUFFICIENCY,
    DC_TARGET_RESILIENCE,
    DC_TARGET_OUTAGE /* a named outage of the base ridden through: no critical kWh unserved */
} dc_target_metric;
typedef struct {
    int metric;                 /* dc_target_metric */
    double at_least_pct;        /* self-sufficiency of the town, or the resilience share of start hours [%] */
    char site[64];              /* resilience: the site whose critical loads must last; outage: one it cuts off
                                   ("": every site it cuts off) */
    int hours;                  /* resilience: 24, 72 or 168 */
    char outage[64];            /* outage: its name in the base's outages */
} dc_target;
int dc_sweep_target(const dc_sweep *w, dc_target *out);   /* 1 when the file has one */
/* A range axis's ends and its resolution (the answer's step); -1 for a list. */
int dc_sweep_axis_range(const dc_sweep *w, size_t a, double *lo, double *hi, double *resolution);
/* 1 when axis a's key takes whole numbers (a count): sizes tried on it are whole. */
int dc_sweep_axis_whole(const dc_sweep *w, size_t a);

/* How far a finished run is from the target: above zero short, zero or
 * below reached. Net zero: A - B - C [MWh] of the 先行地域 table;
 * self-sufficiency and resilience: at_least_pct - the run's share
 * [%-points]; outage: the critical demand not served during it [kWh] (0:
 * ridden through). DC_ERR_SCENARIO when the run lacks what the target
 * reads (no leading_area; no survival scan for the site; no such outage
 * at the site). */
dc_status dc_target_shortfall(const dc_model *m, const dc_target *t, double *out);
const char *dc_target_unit(const dc_target *t);
typedef struct {
    size_t n;                   /* sizes, one per axis, in the file's order */
    double x[16];
    double shortfall;           /* dc_target_shortfall; NaN when the run failed */
    double annual_cost;         /* dc_model_econ_total's annual cost [yen/year]; NaN without costs */
    int meets;                  /* shortfall <= 0 */
    dc_status status;           /* DC_OK, or why this run failed */
    double pv_kwh, curtailed_kwh; /* the town's PV output and what of it was curtailed [kWh] */
    double unsold_kwh;            /* its PV exported beyond what its own meters bought in the same steps [kWh] */
} dc_size_point;
typedef void (*dc_size_visit)(const dc_size_point *p, void *ctx);
typedef struct {
    dc_size_point answer;       /* the smallest (one axis) or least-cost (several) sizes that meet */
    dc_size_point below;        /* the last axis one resolution step smaller: does not meet */
    int at_floor;               /* the last axis's lower end already meets: nothing smaller to try */
    int unreached;              /* even the last axis's upper end does not meet (answer: that run) */
    size_t runs;
} dc_size_result;
/* Solves a sweep file with a target on the runner (made for its axes);
 * visit is called with every run (the explored curve). DC_OK, or the
 * status of a run that failed. */
dc_status dc_size_solve(const dc_sweep *w, const dc_runner *r, dc_size_visit visit, void *ctx, dc_size_result *out,
                        dc_diag *diag);

/* Municipal GHG (a scenario with a ghg section): the statistics years
 * when created, and the scenario year from a finished run when linked. */
typedef struct dc_ghg dc_ghg;
dc_status dc_ghg_create(const dc_scenario *s, const dc_inputs *in, dc_ghg **out, dc_diag *diag);
/* Add (or replace) the scenario year from a finished model of s: the
 * latest statistics carried forward, the change of the electricity factor
 * and the project's own effect (its loads' grid purchases with the
 * project less without it). Warnings and errors go to diag. */
dc_status dc_ghg_link(dc_ghg *g, const dc_model *m, dc_diag *diag);
void dc_ghg_destroy(dc_ghg **g);

/* One row per year, sector and method. total = kept + bottom_up for the
 * statistics years; statistics + factor change + project effect for the
 * scenario year. */
typedef struct {
    int year;                 /* fiscal year */
    int scenario;             /* 1: the scenario year */
    const char *sector, *sector_ja, *method;
    int chosen;               /* 1: the method counted in totals */
    int available;            /* 0: a comparison method whose data are missing (note says why) */
    const char *basis;        /* what the estimate rests on: allocation, allocation + facilities, ... */
    int differs_from_base;    /* 1: a chosen row whose basis differs from the base year's */
    double allocated_t;       /* allocation before facilities [t-CO2] */
    double removed_t;         /* of it, the facilities' share taken out [t-CO2] */
    double kept_t;            /* allocation kept = allocated - removed [t-CO2] */
    double bottom_up_t;       /* facilities' own emissions, or a measured sector total [t-CO2] */
    double electricity_t;     /* of the total, from purchased electricity [t-CO2]; NaN unknown */
    int from_year;            /* scenario year: the statistics year carried forward */
    double statistics_t;      /* scenario year: that year's total [t-CO2] */
    double factor_change_t;   /* scenario year: its electricity at the scenario's factor [t-CO2]; NaN n/a */
    double project_t;         /* scenario year: the project's effect [t-CO2]; NaN = not linked */
    double with_kwh, without_kwh; /* scenario year: linked loads' grid purchases [kWh]; NaN = not linked */
    double total_t;           /* the estimate [t-CO2]; NaN when not available */
    const char *note;
} dc_ghg_row;
size_t dc_ghg_count(const dc_ghg *g);
int dc_ghg_get(const dc_ghg *g, size_t i, dc_ghg_row *out);

#define DC_GHG_MAX_YEARS 24
/* A target's verdict for one year: the explicit target of that year, or
 * the straight path from the base year to the next target. */
typedef struct {
    double pct;               /* [%] below the base year; NaN = no target applies */
    int target_year;          /* the target the path leads to */
    int on_path;              /* 1: interpolated on the way to target_year */
    int met;                  /* 1: total <= base x (1 - pct/100) */
    double gap_t;             /* total - allowed [t-CO2]; > 0 still to cut */
} dc_ghg_verdict;
typedef struct {
    int base_year;
    double base_total_t;                 /* chosen methods, base year [t-CO2] */
    int n_years;
    int years[DC_GHG_MAX_YEARS], scenario[DC_GHG_MAX_YEARS];
    int differs[DC_GHG_MAX_YEARS];       /* 1: some sector's basis differs from the base year's */
    double total_t[DC_GHG_MAX_YEARS];        /* [t-CO2] */
    double reduction_pct[DC_GHG_MAX_YEARS];  /* below the base year [%] */
    dc_ghg_verdict national[DC_GHG_MAX_YEARS], municipal[DC_GHG_MAX_YEARS];
    int national_base_year;              /* national targets are below this year (FY2013) */
    const char *factor_kind;             /* electricity factors reported: "adjusted (調整後)" or "basic (基礎)" */
} dc_ghg_summary;
dc_status dc_ghg_summary_get(const dc_ghg *g, dc_ghg_summary *out);

/* The 自治体排出量カルテ of a year, when the scenario names one: its
 * published 合計 and what its sectors add up to [t-CO2], and the printed
 * rounding [t-CO2]. -1 when there is none for that year. */
int dc_ghg_karte_total(const dc_ghg *g, int year, double *published_t, double *sectors_t, double *rounding_t);

/* Writers: hourly.csv, summary.csv, resources.csv, results.h5 and
 * scenario.resolved.yaml of the scenario the model ran (and ghg.csv when
 * g is not NULL) in dir, each written to a temporary name and renamed
 * together; on failure none is left. Debian's serial HDF5 is not
 * thread-safe: call this from one thread at a time. */
dc_status dc_write_outputs(const dc_model *m, const dc_ghg *g, const char *dir, dc_diag *diag);
/* A folder and its parents (mkdir -p); 0, or -1 with errno (ENOTDIR when
 * something already there is not a folder). */
int dc_mkdirs(const char *dir);

#ifdef __cplusplus
}
#endif
#endif
