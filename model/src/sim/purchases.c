/* Grid purchases of each load over the year, with the project as run and
 * without it (the same loads with no resource but the grid), for the GHG
 * link. A site's (or a private wire's) purchases go to its loads by their
 * demand in each step. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

static const double *series(const dc_model *m, const char *kind, const char *name, const char *quantity)
{
    char key[4 * DC_NAME_MAX];
    snprintf(key, sizeof key, "%s:%s:%s", kind, name, quantity);
    return dc_model_series(m, key);
}

static const double *load_demand(const dc_model *m, int k)
{
    return series(m, "load", DC_CITEMS(m->s, S_LOADS, dc_load_item)[k].name, "demand");
}

void dc_model_purchases_with(const dc_model *m, double *per_load)
{
    for (int k = 0; k < m->s->list[S_LOADS].n; k++) {
        const dc_site *st = &m->eng.site[m->topo.item_site[S_LOADS][k]];
        const double *imp = st->f[F_GRID_IMPORT], *ppa = st->f[F_OFFSITE_PPA_IN], *load = load_demand(m, k);
        per_load[k] = 0.0;
        for (int i = 0; load && imp && i < m->ta.n; i++) {
            double bought = imp[i] - (ppa ? ppa[i] : 0.0);
            if (st->demand[i] > 0 && bought > 0) per_load[k] += bought * load[i] / st->demand[i];
        }
    }
}

/* What the grid connection of a bus can deliver in a step, with the grid
 * up and down [kWh]. */
static void import_caps(const dc_model *m, const dc_bus *b, double *up, double *down)
{
    const dc_instance *grid = &m->eng.inst[b->grid];
    dc_bounds bd;
    dc_ctx c = {0, &m->eng.t[0], m->eng.step_h, 1, 0};
    grid->type->bounds(grid->state, &c, &bd);
    *up = bd.max_supply;
    c.grid_up = 0;
    grid->type->bounds(grid->state, &c, &bd);
    *down = bd.max_supply;
}

/* A load's demand before its savings at step i [kWh]. */
static double before_saving(const dc_model *m, int k, const double *load, int i)
{
    return load[i] / (1.0 - DC_CITEMS(m->s, S_LOADS, dc_load_item)[k].saving_pct / 100.0);
}

/* Without the project a bus buys its loads' demand before savings, within
 * what its connection can deliver; the project is every resource and
 * every load's saving. */
static void bus_without(const dc_model *m, int b, double *demand, double *per_load)
{
    const dc_bus *bus = &m->eng.bus[b];
    int n_loads = m->s->list[S_LOADS].n;
    double up, down;
    import_caps(m, bus, &up, &down);
    memset(demand, 0, (size_t)m->ta.n * sizeof *demand);
    for (int k = 0; k < n_loads; k++) {
        const double *load = load_demand(m, k);
        if (m->eng.site[m->topo.item_site[S_LOADS][k]].bus != b || !load) continue;
        for (int i = 0; i < m->ta.n; i++) demand[i] += before_saving(m, k, load, i);
    }
    for (int k = 0; k < n_loads; k++) {
        const double *load = load_demand(m, k);
        if (m->eng.site[m->topo.item_site[S_LOADS][k]].bus != b || !load) continue;
        per_load[k] = 0.0;
        for (int i = 0; i < m->ta.n; i++) {
            double cap = !bus->grid_up || bus->grid_up[i] ? up : down;
            double bought = demand[i] < cap ? demand[i] : cap;
            if (demand[i] > 0) per_load[k] += bought * before_saving(m, k, load, i) / demand[i];
        }
    }
}

int dc_model_purchases_without(const dc_model *m, double *per_load)
{
    double *demand = malloc(((size_t)m->ta.n + 1) * sizeof *demand);
    if (!demand) return -1;
    for (int k = 0; k < m->s->list[S_LOADS].n; k++) per_load[k] = 0.0;
    for (int b = 0; b < m->eng.n_buses; b++) bus_without(m, b, demand, per_load);
    free(demand);
    return 0;
}
