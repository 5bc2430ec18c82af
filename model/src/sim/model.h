/* The run: one dc_model owns its scenario copy, time axis, weather, sun,
 * topology, engine and result registry. No file or YAML here. */
#ifndef DC_MODEL_H
#define DC_MODEL_H

#include <pthread.h>

#include "cache.h"
#include "decarb.h"
#include "engine.h"
#include "inputs.h"
#include "partials.h"
#include "pool.h"
#include "registry.h"
#include "scenario.h"
#include "solar.h"
#include "timeaxis.h"
#include "topology.h"
#include "weather.h"

/* How each flow of a site is named and added up. */
typedef struct {
    const char *name, *unit, *help;
    int agg;    /* dc_agg */
} dc_flow_desc;
extern const dc_flow_desc dc_flow_table[F_COUNT];

/* A site's recorded series for totals, a flow it does not record read as
 * the model's zeros, and its meter's electricity factor. */
typedef struct {
    const double *demand, *pv, *gen, *charge, *discharge, *imp, *exp, *wire_in, *wire_out, *ppa_in, *curtailed,
        *unserved, *residual;
    double ef; /* [kg-CO2/kWh] */
} dc_site_view;

/* A bus's stores that start the year where they end: the search for that start. */
typedef struct {
    int any;        /* 1 when the bus has such a store */
    int passes;     /* years run to find its start */
    double gap_kwh; /* |start - end| left after those passes [kWh] */
    int failed;     /* 1 when a pass failed (the bus's error says why) */
} dc_bus_cycle;

/* What the net-zero table takes from the loads, which a model never
 * changes (their demand, sector, saving and area are inputs): per site
 * its 民生 loads' share of its demand per step, and the area's sums. */
/* A site's routes that follow from its own flows, as they stood at its
 * engine epoch (0: not yet computed) [kWh]. */
typedef struct {
    unsigned long epoch;
    double fit_excluded, onsite, wire, exported;
} dc_netzero_site;

/* The net-zero table's routes from the records of a run [MWh], and the
 * steps the area's 民生 loads bought from the grid. */
typedef struct {
    double fit_excluded_mwh, onsite_mwh, wire_mwh, offsite_ppa_mwh, exported_mwh;
    int grid_hours;
} dc_netzero_flows;

/* A PV item's year from the records [kWh]: delivered, used on its site,
 * sent out. */
typedef struct {
    double delivered, used, sent;
} dc_pv_sums;

typedef struct {
    double **share;          /* per site [0-1] per step; NULL for a site without 民生 loads of the area */
    /* The off-site routes by blocks of steps (netzero.c), under the
     * readers' lock: the sites with 民生 loads, each one's purchases for
     * them per block [kWh], and the steps per block in which they bought
     * from the grid. */
    int n_minsei, *minsei;
    dc_partials *offsite;  /* quantity k: the k-th such site's */
    int *block_hours;
    dc_netzero_site *own;    /* per site, under the readers' lock (dc_reader_cache) */
    dc_partials *own_blocks; /* per site: fit_excluded, onsite, wire and exported by blocks */
    int *n_fit;              /* per site: its FIT arrays, and their used-on-site series in item order */
    const double ***fit_used;
    double minsei_after_kwh; /* the area's 民生 demand after savings [kWh] */
    double a_mwh, c_mwh, other_mwh; /* before savings, the savings, other sectors [MWh] */
} dc_netzero_base;

/* A site's PV arrays' series the totals sum, in item order: the used on
 * site of its on-site PPA arrays (billable), the sales of its arrays. */
typedef struct {
    int n_billable, n_sold;
    const double **billable, **sold;
} dc_site_arrays;

/* What readers of a finished run compute once: each site's totals over a
 * month from its own flows (all but off-site purchases and sales), as
 * they stood at the site's engine epoch, so that a run's totals reread
 * only the sites it changed; and the town's flows, summed from the sites
 * when first read after a run. Readers may share a model (the output
 * threads): the lock guards both. */
typedef struct {
    pthread_mutex_t lock;
    int ready;              /* the lock is initialised */
    unsigned long *epoch;   /* [site * 13 + month]; 0: not computed (epochs start at 1) */
    dc_totals *t;           /* [site * 13 + month] */
    unsigned town_fresh;    /* bit k: the town's flow k is summed from the current records */
    /* What follows from the records alone, as they stood at `records`
     * (each field's own copy; 0: not computed): a case that sets only
     * accounting keys (prices, rates, certificates) runs nothing, and its
     * figures reread no series. */
    unsigned long records;  /* moves whenever a run, reset or retune may change any record (1 when built) */
    unsigned long town_at[13];
    dc_totals town[13];     /* dc_model_totals per month */
    unsigned long nz_at;
    dc_netzero_flows nz;    /* the net-zero table's routes */
    dc_partials *own;       /* per site: its own flows' sums by blocks (totals.c) */
    dc_partials settled;    /* the settlement's: purchases, sales and the town's peak by blocks */
    dc_site_arrays *arrays; /* per site */
    unsigned long *pv_at;   /* per PV item: its site's epoch then */
    dc_pv_sums *pv;         /* per PV item: its year's sums (economics) */
    dc_partials *pv_blocks; /* per PV item: those sums by blocks */
    const double *(*pv_year)[3]; /* per PV item: its delivered, used on site, sent out series (NULL: none) */
} dc_reader_cache;

struct dc_model {
    dc_scenario *s;        /* the scenario as the model was made from it */
    dc_scenario *trial;    /* a copy of s that a set is tried on first (set_checked); NULL: none yet */
    dc_timeaxis ta;
    double step_h;         /* [h] */
    dc_weather weather;
    dc_ephem ephem;
    dc_sun sun;
    dc_sun_key sun_key;    /* what weather and sun depend on (profile cache) */
    int keyed;             /* 1: sun_key holds its weather's hash (made with a cache): only then is one used */
    dc_cache *cache;       /* during create only: the caller's cache, or NULL */
    dc_topology topo;
    dc_registry reg;
    dc_engine eng;
    dc_pool pool;
    int **inst_of;         /* [section][item]: instance index, -1 when none */
    double *level0;        /* per site: stored energy before the first step [kWh] */
    int period_first[13], period_last[13]; /* steps of the year (0) and of each month (1-12); last < first when absent */
    int step;              /* next step to run */
    int year_done;         /* 1: the last run finished the year and nothing failed */
    int sets_pending;      /* 1: since such a year only keys were set in place (their buses not kept) */
    dc_bus_cycle *cyc;     /* per bus */
    int cyclic;            /* 1 when some store starts the year where it ends */
    int cyclic_passes;     /* years run to find that state (the most of any bus) */
    double **survival;     /* per site: hours its critical loads last from each start step (scan), or NULL */
    int scan_ready;        /* 1 once the cyclic passes are done: the year's last step runs the scan */
    double cyclic_gap_kwh; /* |start - end| of the stores left after those passes, all buses [kWh] */
    dc_cost_params *pv_cost, *bat_cost; /* resolved costs per PV item and battery (economics) */
    double grid_ef;        /* the grid's factor [kg-CO2/kWh] (net-zero gap) */
    const double **pv_sold, **pv_used; /* per PV item: its sold_to_buyers, used_on_site series (NULL: none) */
    dc_site_view *view;    /* per site */
    const double *zeros;   /* n_steps zeros: what a view reads for a flow a site does not record */
    dc_netzero_base nzb;   /* when the scenario has a leading area */
    dc_reader_cache *tc;
};

/* v, a series of the model's registry; a town flow is summed first when
 * a run has changed the sites since it was last read. */
const double *dc_model_current(const dc_model *m, const double *v);
/* Every record may change from here on: what readers computed is stale. */
void dc_model_records_changed(dc_model *m);
/* A site's PV series: the sum of its profiles' offers, in their order. */
void dc_model_sum_profiles(dc_model *m, int site);
/* Builds everything but the time axis and sun (build.c). */
dc_status dc_model_build(dc_model *m, const dc_inputs *in, dc_diag *diag);
/* The readers' blocks: the totals', and the PV sums of the economics
 * (totals.c). */
dc_status dc_totals_prepare(dc_model *m);
/* The loads' part of the net-zero table, once (netzero.c). */
dc_status dc_netzero_prepare(dc_model *m);
/* Each load's grid purchases over the year [kWh]: as run, and without the
 * project: no resource but the grid, and the loads before their savings
 * (purchases.c). per_load has one slot per load; -1 on no memory. */
void dc_model_purchases_with(const dc_model *m, double *per_load);
int dc_model_purchases_without(const dc_model *m, double *per_load);
#endif
