/* Resource types bound to the scenario's list sections: adding a
 * technology is a type file (res_*.c), its parameter rows and one line in
 * dc_bindings (types.c). */
#ifndef DC_TYPES_H
#define DC_TYPES_H

#include "cache.h"
#include "decarb.h"
#include "inputs.h"
#include "pool.h"
#include "registry.h"
#include "restype.h"
#include "solar.h"
#include "topology.h"

/* What a type may read while its instances are made. */
typedef struct {
    const dc_scenario *s;
    const dc_inputs *in;
    const dc_topology *topo;
    const dc_timeaxis *ta;
    const dc_weather *w;
    const dc_sun *sun;
    double step_h;
    dc_registry *reg;
    dc_pool *pool;          /* memory that lives as long as the model */
    dc_diag *diag;
    dc_cache *cache;        /* profiles shared with earlier models, or NULL */
    const dc_sun_key *sun_key;
    int defer;              /* 1: make may leave its long work to the binding's finish */
} dc_build_env;

typedef struct {
    int section;                /* dc_psection of the items */
    const dc_restype *type;
    /* Set up the state of item `item` at site `site`: parameters, profile,
     * and the series it records (registered in env->reg). */
    dc_status (*make)(void *state, const dc_build_env *env, int item, int site);
    /* May be NULL. After a change to the item's own parameters in the
     * model's scenario (env: the model's, without inputs or registry):
     * read them into the state again, back at the start of the year, its
     * series where they are. Not for keys in `fixed` (they change how
     * the item is wired: name, site, ...) nor keys the inputs read. */
    dc_status (*retune)(void *state, const dc_build_env *env, int item);
    const char *const *fixed;
    /* May be NULL. With env->defer, the work make left: run once every
     * instance is made, instances side by side on the model's threads, so
     * it touches nothing but the instance's own state and series. */
    dc_status (*finish)(void *state, const dc_build_env *env, int item);
} dc_binding;

extern const dc_binding dc_bindings[];
extern const int dc_n_bindings;
extern const dc_restype dc_battery_type, dc_grid_type, dc_pv_type, dc_biomass_type, dc_biogas_type, dc_ev_type;

/* Makers of the bound types, one per type file. */
dc_status dc_battery_make(void *state, const dc_build_env *env, int item, int site);
dc_status dc_battery_retune(void *state, const dc_build_env *env, int item);
dc_status dc_pv_retune(void *state, const dc_build_env *env, int item);
dc_status dc_ev_retune(void *state, const dc_build_env *env, int item);
dc_status dc_pv_make(void *state, const dc_build_env *env, int item, int site);
dc_status dc_pv_finish(void *state, const dc_build_env *env, int item);
dc_status dc_biomass_make(void *state, const dc_build_env *env, int item, int site);
dc_status dc_biogas_make(void *state, const dc_build_env *env, int item, int site);
dc_status dc_ev_make(void *state, const dc_build_env *env, int item, int site);
/* The grid connection of a bus, with its limits [kW]. */
void dc_grid_make(void *state, double import_kw, double export_kw, double step_h);
#endif
