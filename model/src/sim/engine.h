/* The hourly engine: sites (meters) grouped into buses (a site with its own
 * grid connection, or the sites of a private wire behind one connection),
 * resource instances at sites, and one step of dispatch per bus.
 *
 * One step of a bus: begin every resource, ask its bounds, commit every
 * floor (a must-absorb adds to demand), cover a deficit in deficit order
 * or place a surplus in surplus order up to each ceiling, curtail profiles
 * or leave demand unserved with the rest. Then every site's balance is
 * computed from what each resource reports it did and every store's
 * ledger is checked; a residual above the tolerance fails the step,
 * naming the site, the resource and the step. The step is step.h; a bus
 * whose instances' types a kernel names (kernels.c) runs the same step
 * with their functions inlined.
 *
 * The engine knows nothing of scenarios or files; build.c wires it. */
#ifndef DC_ENGINE_H
#define DC_ENGINE_H

#include <stdalign.h>

#include "sizes.h"
#include "restype.h"

struct dc_engine;
struct dc_kernel;

/* Most threads a run uses (see dc_engine.threads). */
enum { DC_MAX_THREADS = 64 };

/* Largest residual a step may have [kWh]. */
#define DC_BALANCE_TOLERANCE_KWH 1e-6

/* What a site records each step [kWh]: enum name, series name, unit,
 * description, aggregation. One list makes the enum and the table. */
#define DC_FLOWS(X)                                                                                            \
    X(F_DEMAND, "demand", "kWh", "demand of the loads after savings", DC_AGG_SUM)                              \
    X(F_PV, "pv", "kWh", "PV AC output offered, before curtailment", DC_AGG_SUM)                               \
    X(F_UNSERVED, "unserved", "kWh", "demand not met (in a grid outage: critical demand not met)", DC_AGG_SUM)    \
    X(F_SHED, "shed", "kWh", "load shed in a grid outage: all but the critical loads", DC_AGG_SUM)                \
    X(F_CURTAILED, "curtailed", "kWh", "PV output neither used, stored nor exported", DC_AGG_SUM)              \
    X(F_GENERATION, "generation", "kWh", "dispatchable generation", DC_AGG_SUM)                                \
    X(F_STORAGE_CHARGE, "storage_charge", "kWh", "AC energy into batteries", DC_AGG_SUM)                       \
    X(F_STORAGE_DISCHARGE, "storage_discharge", "kWh", "AC energy out of batteries", DC_AGG_SUM)               \
    X(F_STORAGE_LEVEL, "storage_level", "kWh", "energy stored at the end of the step", DC_AGG_LAST)             \
    X(F_GRID_IMPORT, "grid_import", "kWh", "energy from the grid (on a private wire: this site's share)",        \
      DC_AGG_SUM)                                                                                                \
    X(F_GRID_EXPORT, "grid_export", "kWh", "energy to the grid (on a private wire: this site's share)",          \
      DC_AGG_SUM)                                                                                                \
    X(F_WIRE_IN, "wire_in", "kWh", "energy from neighbours on a private wire", DC_AGG_SUM)                     \
    X(F_WIRE_OUT, "wire_out", "kWh", "energy to neighbours on a private wire", DC_AGG_SUM)                     \
    X(F_OFFSITE_PPA_IN, "offsite_ppa_in", "kWh",                                                               \
      "of the grid import, bought from off-site PPA generators (settled at year end)", DC_AGG_SUM)               \
    X(F_RESIDUAL, "balance_residual", "kWh",                                                                    \
      "what resources reported supplying minus demand served: 0 to round-off", DC_AGG_MAXABS)

typedef enum {
#define DC_FLOW_ENUM(id, name, unit, help, agg) id,
    DC_FLOWS(DC_FLOW_ENUM)
#undef DC_FLOW_ENUM
    F_COUNT
} dc_flow;

typedef struct dc_instance {
    const dc_restype *type;
    void *state;
    int site;            /* its site; -1 for a private wire's grid connection */
    int bus;
    char name[DC_NAME_MAX];
    int grid_forming;    /* 1: it can form an islanded bus's grid */
    int n_buyers;        /* off-site sales: buyer sites and shares [0-1] (NULL = by their imports) */
    int *buyers;
    double *shares;
    /* A seller, once prepared: its buyers' import and purchase series, and
     * the selling profiles at its site (its own included), in site order. */
    const double **buyer_import;
    double **buyer_ppa;
    int n_offers;
    const struct dc_instance **offers;
    double *out;               /* its part of its site's export per step [kWh], as the site stood at out_epoch */
    unsigned long out_epoch;   /* 0: not yet worked out */
} dc_instance;

/* An instance's numbers of the step: its bounds, what it was asked and
 * what it did [kWh]. A cache line each, as buses run side by side. */
typedef struct {
    alignas(64) dc_bounds bd;
    double req, done;
} dc_slot;

/* An instance as its bus's steps walk it, filled when the engine is
 * prepared: the pointers a walk would otherwise look up through the
 * instance and its type at every call. */
typedef struct {
    void (*begin)(void *st, const dc_ctx *c);
    void (*bounds)(const void *st, const dc_ctx *c, dc_bounds *b);
    double (*commit)(void *st, const dc_ctx *c, double kwh);
    double (*ledger)(const void *st, const dc_ctx *c, double done);
    double (*level)(const void *st);
    void *state;
    dc_slot *slot;
    struct dc_site *site; /* NULL: a private wire's connection */
    int role, inst;       /* dc_role; its index in the engine's instances */
} dc_member;

/* What a site's instances did in a step, by role [kWh]: the sums its
 * balance is computed from. */
typedef struct {
    double did, asked; /* what they reported, and what they were asked */
    double generation, charge, discharge, level, import, export;
} dc_tally;

typedef struct dc_site {
    char name[DC_NAME_MAX];
    int bus;
    int n_res, *res;     /* dispatched instances at the site */
    int n_prof, *prof;   /* profile instances at the site */
    const double *demand, *pv; /* inputs per step [kWh] (shared zeros when it has none) */
    const double *crit;  /* critical demand per step [kWh]: what an outage still serves */
    dc_tally tally;      /* this step's sums (a bus a kernel of one site runs keeps them in registers) */
    double wire_in, wire_out; /* this step, on a private wire [kWh] */
    double *f[F_COUNT];  /* recorded series per step; NULL for flows the site never has */
    double *rec[F_COUNT]; /* where a step records each flow but demand and PV: f, or its bus's sink */
    int active;          /* 0: on a passive bus, its year solved at reset into f; 1: stepped in now */
    unsigned long epoch; /* moves whenever its inputs or records but off-site purchases change */
    double *taken, *sent; /* sites with profiles, per step: see dc_profile_year */
    int shares_later;     /* 1: a run left its shares to be worked out from its records when its bus
                             ends the year (the battery kernel: only in the blocks it touched) */
    /* Its import per step as the last settlement of the year left it, and
     * a buyer's off-site purchases then (NULL for a site that buys none),
     * when the engine `remembered` them; settled_epoch: its epoch then. */
    double *seen_import, *kept_ppa;
    unsigned long settled_epoch;
    /* Blocks of DC_BLOCK_STEPS steps in which runs since the last
     * settlement may have changed its records (every flow but its storage
     * level and its off-site purchases; so its profiles' shares too), 1
     * each; touched_all: every block. `changed`: what the last settlement
     * after a run of the site found so; changed_at: that settlement,
     * changed_before: the one before it that found a run of the site
     * (0: none); turned_epoch: its epoch then. NULL: every block, always. */
    unsigned char *touched, *changed;
    int touched_all, changed_all;
    unsigned long changed_at, changed_before, turned_epoch;
    /* 1 while every step's records but its storage level and off-site
     * purchases are what the battery kernel writes for the step's charge
     * and discharge as they stand (kernel_battery.c): its next run then
     * writes only the level of a step whose charge and discharge did not
     * move. */
    int records_follow;
} dc_site;

/* A site whose records a run may change in any step: a new epoch, every
 * block touched (a run that compares what it writes marks its own). Any
 * change to what a step's flows follow from (its inputs, the profiles'
 * output, the dispatch orders, the grid) but a store's own parameters
 * comes here: its records no longer follow (records_follow). */
static inline void dc_site_rewritten(struct dc_site *s)
{
    s->epoch++;
    s->touched_all = 1;
    s->records_follow = 0;
}

typedef struct dc_bus {
    char name[DC_NAME_MAX];
    int wire;            /* 1: a private wire joining several sites */
    int n_sites, *sites;
    int n_res, *res;     /* dispatched instances on the bus, the grid connection included */
    int n_deficit, *deficit, n_surplus, *surplus; /* instance indices in dispatch order */
    dc_member *mem;      /* its n_res instances as the steps walk them */
    const struct dc_kernel *kernel; /* when one matches its instances' types (kernels.c); NULL: the generic step */
    dc_slot **deficit_slot, **surplus_slot; /* the orders' instances' slots */
    int grid;            /* instance index of the grid connection */
    int passive;         /* 1: one site and nothing dispatched but the grid; solved without calls */
    const double *profile;  /* per step: the member sites' profile supply [kWh] */
    const double *need;     /* per step: demand to serve, the critical part while the grid is down [kWh] */
    double *sums;           /* where profile and need are summed: 2 x steps; NULL for a site alone on
                               its connection without outages, whose own series they are */
    unsigned char *grid_up;   /* per step, NULL = always available */
    int passive_fail;         /* a passive bus: its first step that does not balance; n_steps when none */
    int kept;                 /* 1: its records and its instances' states hold a finished year that
                                 nothing since has changed: resets and runs leave it as it is */
    double *grid_import, *grid_export, *residual; /* a private wire's point of connection, per step
                                                      (a site alone: its own flows; NULL) */
    double *sink;             /* an active bus: per step, where the flows its sites do not record go
                                 (so that a step records every flow without asking which); else NULL */
    int stop;                 /* where its last run stopped: the failing step, or the run's end */
    char error[2048];         /* why its last run failed */
} dc_bus;


typedef struct dc_engine {
    int n_steps;
    double step_h;
    const dc_stamp *t;
    int n_inst, n_sites, n_buses;
    dc_instance *inst;
    dc_site *site;
    dc_bus *bus;
    double *town[F_COUNT];   /* sums over sites (residual: over buses); demand and PV kept, the others
                                written by dc_engine_town when asked */
    dc_slot *slot;           /* per instance, this step */
    double **sold;           /* per selling instance: its sales per step [kWh] */
    int n_sellers, *sellers; /* instances that sell to off-site buyers */
    int n_buyer_sites, *buyer_sites; /* sites that buy from them */
    /* Settlements of the year (its last step's accounting) so far, and
     * what the last one found: the steps in which an import moved since
     * the one before (moved_all: every step, not listed), the only steps
     * whose sales it settled again and whose town import it summed again. */
    unsigned long settles;
    int n_moved, moved_all;
    int sellers_moved;       /* the last one found a seller's site changed */
    int remembered;          /* the sites' seen_import and kept_ppa hold the last one's */
    int *moved;              /* n_steps */
    unsigned char *moved_at; /* n_steps: 1 where a changed site's import moved */
    unsigned long town_at;   /* the settlement town[F_GRID_IMPORT] stands at; 0: none */
    int n_active_buses, *active_buses; /* buses stepped one step at a time */
    int *work;               /* n_buses: the buses a job goes through */
    int *all_sites;          /* 0 .. n_sites-1 */
    double *scratch[2];      /* n_steps each: flows a passive site computes but does not record */
    const double *zeros;     /* n_steps zeros: what a flow a site does not record stands at; NULL in an
                                engine put together by hand */

    int passive_fail;        /* first step whose passive balance fails; n_steps when none */
    char passive_error[2048];
    unsigned char **snap;    /* per instance: its state at the start of every step (for the scan), or NULL */
    double tolerance;        /* [kWh] */
    int threads;             /* at most this many threads run buses side by side (1: the caller's only) */
    struct dc_crew *crew;    /* threads - 1 threads kept for the buses' runs (crew.h); NULL until needed */
    int generic_only;        /* 1: no kernels, every bus on the generic step (tests compare the two) */
    char error[2048];        /* why the last step failed */
} dc_engine;

/* A bus with one site and nothing to dispatch but its grid connection:
 * its year is solved at once, without steps. */
static inline int dc_bus_passive(const dc_bus *b)
{
    return !b->wire && b->n_sites == 1 && b->n_res == 1 && b->res[0] == b->grid;
}

/* One step of every bus; 0, or -1 when a balance or a ledger does not
 * close (error says where). The last step also settles the accounting of
 * the year: off-site PPA sales and each profile's share of its site's
 * flows (those records are complete once the year is). */
int dc_engine_step(dc_engine *e, int i);
/* Steps [first, last): the same as stepping them one by one, bus after
 * bus. 0; or -1 with the earliest failing step in *failed (error says
 * where), the steps before it done and the failing one recorded as it
 * came out (its residual shows the fault). */
int dc_engine_run(dc_engine *e, int first, int last, int *failed);
/* Every instance of a bus not kept back to the start of the year. */
void dc_engine_reset(dc_engine *e);
/* The town's flow k (not demand or PV) from the sites' records, site by
 * site (the residual: bus by bus, a private wire's own). Runs do not add
 * up the town: a sweep never reads it. */
void dc_engine_town(dc_engine *e, int k);
/* 1 when the records stand as the last settlement left them: no bus has
 * run since. */
int dc_engine_settled(const dc_engine *e);
/* For a reader whose figures stood at settlement `at`: when that is the
 * one before the last and the records stand settled, the steps whose
 * imports (and so off-site purchases) the last one found moved, into
 * *steps, and their count; else -1: the reader reads the whole year. */
int dc_engine_moved(const dc_engine *e, unsigned long at, const int **steps);
/* Readers that keep sums by blocks of steps: a case that moves a few
 * steps reads their blocks again, not the year. A reader's redo(arg, b0,
 * b1) reads blocks b0 to b1 again (runs of neighbours in one call). */
enum { DC_BLOCK_STEPS = 8 };
typedef void (*dc_redo_fn)(void *arg, int b0, int b1);
static inline int dc_engine_blocks(const dc_engine *e) { return (e->n_steps + DC_BLOCK_STEPS - 1) / DC_BLOCK_STEPS; }
/* redo for the blocks a reader standing at settlement *at reads again
 * (none when that is the last and the records stand settled): those of the moved steps (dc_engine_moved), else every one;
 * then *at is the last settlement, or 0 when the records do not stand
 * settled (the next reading reads every block). */
void dc_engine_redo_blocks(const dc_engine *e, unsigned long *at, dc_redo_fn redo, void *arg);
/* The same for a reader of one site's records (all but its storage level
 * and off-site purchases, and its profiles' records) standing at
 * settlement *at: none when no run of the site was settled since, the
 * blocks the last settlement after one found changed when that was the
 * only one, else every block. */
void dc_engine_redo_site_blocks(const dc_engine *e, int site, unsigned long *at, dc_redo_fn redo, void *arg);
/* The instances of one bus back to the start of the year. */
void dc_engine_reset_bus(dc_engine *e, int bus);
/* The year of one active bus alone, its records written; no year-end
 * accounting (a pass to find a store's cyclic start). 0; or -1
 * with the failing step in *failed (the bus's error says where). It
 * touches nothing but the bus's own, so buses may run it side by side. */
int dc_engine_run_bus(dc_engine *e, int bus, int *failed);
/* Once the topology and inputs are set, and again whenever an input changes
 * (demand, profiles, grid availability): the per-bus sums of the sites'
 * inputs, which flows each site keeps, which buses are passive (one site,
 * nothing dispatched but the grid: no state), their whole year solved, and
 * which instances sell off-site. 0, or -1 without memory. */
int dc_engine_prepare(dc_engine *e);
/* After a change of the profiles at one site only (a PV array retuned):
 * the sums and the passive year that depend on them, as prepare would. */
void dc_engine_profiles_changed(dc_engine *e, int site);
/* A job on one bus, and every bus of a list through it, on up to
 * e->threads threads when `parallel` (else on the caller's): jobs on
 * different buses must touch nothing but their own bus's. */
typedef void (*dc_bus_job)(dc_engine *e, int bus, void *arg);
void dc_engine_each_bus(dc_engine *e, const int *buses, int n, int parallel, dc_bus_job job, void *arg);
/* After a run with snapshots: for every start step, the hours a bus keeps
 * its critical demand served with the grid down (at most max_steps). The
 * run's records and end states are left as they were. 0, or -1 without
 * memory. */
int dc_engine_survival(dc_engine *e, int bus, int max_steps, double *hours);
#endif
