/* Kernels: the generic step (step.h) compiled for the instance types of
 * the most common buses, so that their step functions are called directly
 * and inlined. A bus whose instances match a kernel's kinds, in order,
 * runs its steps there; any other bus runs the generic step. A new
 * resource type needs nothing here: a kernel is only a faster way to run
 * the same step (test_kernels compares every series bit for bit). */
#include "kernels.h"

#include "res_battery_step.h"
#include "res_biogas_step.h"
#include "res_biomass_step.h"
#include "res_ev_step.h"
#include "res_grid_step.h"
#include "step.h"

#include "types.h"

/* flatten: every call in it inlined, the step functions included. */
#define DC_KERNEL __attribute__((flatten))

/* A kind of a grid connection and one instance of a type (its begin,
 * bounds, commit, ledger and level, NULL where the type has none), for a
 * bus of one site (NAME) or any (NAME##_ANY, a private wire), and their
 * kernels. */
#define KIND(NAME, ONE, TYPE, ROLE, BEGIN, BOUNDS, COMMIT, LEDGER, LEVEL)                                     \
    static const dc_kind NAME = {2,    ONE,           {&dc_grid_type, &TYPE}, {NULL, BEGIN},                  \
                                 {grid_bounds, BOUNDS}, {grid_commit, COMMIT},  {NULL, LEDGER},               \
                                 {NULL, LEVEL},         {DC_ROLE_GRID, ROLE}};                                \
    DC_KERNEL static int run_##NAME(dc_engine *e, dc_bus *b, int first, int last)                            \
    {                                                                                                         \
        return step_run(&NAME, e, b, first, last);                                                            \
    }                                                                                                         \
    DC_KERNEL static int survive_##NAME(dc_engine *e, const dc_bus *b, int s, int max_steps, const double *crit) \
    {                                                                                                         \
        return step_survive(&NAME, e, b, s, max_steps, crit);                                                 \
    }
#define GRID_AND(NAME, ...)                                                                                   \
    KIND(NAME, 1, __VA_ARGS__)                                                                                \
    KIND(NAME##_ANY, 0, __VA_ARGS__)

GRID_AND(GRID_BATTERY, dc_battery_type, DC_ROLE_STORE, bat_begin, bat_bounds, bat_commit, bat_ledger, bat_level)
GRID_AND(GRID_BIOMASS, dc_biomass_type, DC_ROLE_GENERATOR, bm_begin, bm_bounds, bm_commit, bm_ledger, NULL)
GRID_AND(GRID_BIOGAS, dc_biogas_type, DC_ROLE_GENERATOR, bg_begin, bg_bounds, bg_commit, bg_ledger, NULL)
GRID_AND(GRID_EV, dc_ev_type, DC_ROLE_STORE, ev_begin, ev_bounds, ev_commit, ev_ledger, NULL)

/* A battery alone at a site runs its steps written out (kernel_battery.c)
 * unless its states are kept for the survival scan. */
static int run_battery_site(dc_engine *e, dc_bus *b, int first, int last)
{
    return e->snap ? run_GRID_BATTERY(e, b, first, last) : dc_kernel_battery_run(e, b, first, last);
}

/* The table, a kind of one site before the same kind for any bus. */
#define ROWS_RUN(NAME, RUN) {&NAME, {RUN, survive_##NAME}}, {&NAME##_ANY, {run_##NAME##_ANY, survive_##NAME##_ANY}}
#define ROWS(NAME) ROWS_RUN(NAME, run_##NAME)

static const struct {
    const dc_kind *kind;
    dc_kernel kernel;
} KERNELS[] = {
    ROWS_RUN(GRID_BATTERY, run_battery_site),
    ROWS(GRID_BIOMASS),
    ROWS(GRID_BIOGAS),
    ROWS(GRID_EV),
};

/* The kind must name the types of the bus's instances, in order, their
 * roles, and which optional functions they have: a kind that drifted
 * from its type's table is then not used, rather than run another step.
 * The functions themselves are the same source (res_*_step.h) in the
 * type's table and in the kind, and C11 mode contracts no multiply-add,
 * so inlined they give the same bits (test_kernels checks). */
static int matches(const dc_kind *k, const dc_engine *e, const dc_bus *b)
{
    if (b->n_res != k->n || (k->one_site && (b->n_sites != 1 || b->wire))) return 0;
    for (int j = 0; j < k->n; j++)
        if (e->inst[b->res[j]].type != k->type[j] || k->type[j]->role != k->role[j] ||
            !k->type[j]->begin != !k->begin[j] || !k->type[j]->ledger != !k->ledger[j] ||
            !k->type[j]->level != !k->level[j])
            return 0;
    return 1;
}

const dc_kernel *dc_kernel_for(const dc_engine *e, const dc_bus *b)
{
    for (size_t k = 0; k < sizeof KERNELS / sizeof KERNELS[0]; k++)
        if (matches(KERNELS[k].kind, e, b)) return &KERNELS[k].kernel;
    return NULL;
}
