/* A resource type: a const table of functions, picked by name, that the
 * engine calls for every instance each step. An instance's state is `size`
 * bytes the engine allocates, so it can reset, copy and snapshot it.
 *
 * One step at a site: begin (what happens whatever the dispatch), bounds
 * (what it must and may supply or absorb), commit (what the dispatcher
 * asks; it returns what it actually did), ledger (its own conservation
 * residual given what it reported). Energies are AC kWh over the step;
 * supply is positive, absorption negative. */
#ifndef DC_RESTYPE_H
#define DC_RESTYPE_H

#include <stddef.h>

#include "timeaxis.h"

typedef struct {
    int i;              /* step index */
    const dc_stamp *t;  /* start of the step, JST */
    double step_h;      /* step length [h] */
    int grid_up;        /* 1 when the public grid is available at this bus */
    int record;         /* 1: write the step's records; 0: a what-if step (the survival scan) */
} dc_ctx;

typedef struct {
    double must_supply, max_supply; /* this step [kWh], 0 <= must <= max */
    double must_absorb, max_absorb; /* this step [kWh], 0 <= must <= max */
    double min_on;                  /* supply is 0 or at least this [kWh] (a minimum stable load); 0 = any */
} dc_bounds;

/* How a site adds up what an instance did. */
typedef enum { DC_ROLE_STORE, DC_ROLE_GENERATOR, DC_ROLE_GRID, DC_ROLE_PROFILE, DC_N_ROLES } dc_role;

/* What a profile instance's site did with the year, step by step, for
 * the instance's own records. */
typedef struct {
    int n;                  /* steps */
    const double *taken;    /* share of the site's profile supply it took [0-1]; NULL: the shares
                               are as last settled, only the sales are new */
    const double *sent;     /* share of what the site supplied itself that it sent to the
                               grid or a private wire [0-1] */
    const double *sold;     /* this instance's sale to off-site buyers [kWh]; NULL when none */
    /* Per block of block_steps steps, 1 where the shares may have moved
     * since they were last settled (elsewhere they stand as they were);
     * NULL: every step. */
    const unsigned char *blocks;
    int block_steps;
} dc_profile_year;

typedef struct dc_restype {
    const char *name;   /* type name, as in dispatch orders */
    int role;           /* dc_role */
    size_t size;        /* bytes of one instance's state */
    void (*begin)(void *st, const dc_ctx *c);                       /* may be NULL */
    void (*bounds)(const void *st, const dc_ctx *c, dc_bounds *b);  /* not for profiles */
    double (*commit)(void *st, const dc_ctx *c, double kwh);        /* not for profiles */
    double (*ledger)(const void *st, const dc_ctx *c, double done); /* may be NULL */
    void (*reset)(void *st);                                        /* to the start of the year */
    /* May be NULL: when the instance starts the year where it ends, make
     * the end state its start and return how far the start moved [kWh];
     * -1 when this instance keeps its given start. */
    double (*cycle)(void *st);
    double (*level)(const void *st); /* stored energy [kWh]; may be NULL */
    /* Profiles: what the instance offers at step i [kWh], and its records,
     * settled once the year is done (they are accounting, not dispatch). */
    double (*offer)(const void *st, int i);
    void (*settle_year)(void *st, const dc_profile_year *y);
    void (*destroy)(void *st); /* what the state holds besides its bytes; may be NULL */
    int (*forms_grid)(const void *st); /* 1: it can form an island's grid when it can supply or absorb; may be NULL */
} dc_restype;
#endif
