/* How a scenario's pieces connect: sites (meters), private wires, the site
 * of every array, load and battery, the buyers of off-site PPA arrays and
 * the dispatch orders, resolved from names once. Validation builds it to
 * report errors with their lines; the engine builds it to wire the model. */
#ifndef DC_TOPOLOGY_H
#define DC_TOPOLOGY_H

#include "scenario.h"

typedef enum { DC_SITE_DECLARED, DC_SITE_ONLY, DC_SITE_GENERATOR } dc_site_origin;

typedef struct {
    char name[DC_NAME_MAX];
    char contract[DC_NAME_MAX];
    int origin;          /* dc_site_origin: from `sites`, the one site of a scenario
                            without sites, or an off-site PPA array's own site */
    int item;            /* index in the sites list; -1 when not declared */
    int wire;            /* private wire it is on; -1 = its own grid connection */
    double import_kw, export_kw; /* its connection's limits [kW] (own connection only) */
    double ef_kg_per_kwh; /* CO2 of its imports [kg-CO2/kWh]: set when a model is built from inputs */
} dc_topo_site;

typedef struct {
    char name[DC_NAME_MAX];
    int n_sites, *sites; /* member site indices */
    double import_kw, export_kw; /* limits at the point of connection [kW] */
} dc_topo_wire;

typedef enum { DC_ORDER_GRID, DC_ORDER_TYPE, DC_ORDER_ITEM } dc_order_kind;
typedef struct {
    int kind;            /* dc_order_kind */
    int section;         /* list section of the type or item */
    int item;            /* DC_ORDER_ITEM: index in the section */
} dc_order_entry;

enum { DC_MAX_ORDER = 256 };
typedef struct {
    int n_sites;
    dc_topo_site *site;
    int n_wires;
    dc_topo_wire *wire;
    int *item_site[S_COUNT];   /* sections with sites: the site index of each item */
    int (*buyers)[DC_MAX_BUYERS]; /* per PV item: buyer site indices */
    int *n_buyers;             /* per PV item */
    dc_order_entry deficit[DC_MAX_ORDER], surplus[DC_MAX_ORDER];
    int n_deficit, n_surplus;
    int single;                /* 1: no sites section, everything behind one meter */
} dc_topology;

/* Resolve every name; each problem is added to diag (warnings too).
 * Returns the number of errors; t is complete only when it is 0. */
int dc_topology_build(const dc_scenario *s, dc_topology *t, dc_diag *diag);
void dc_topology_free(dc_topology *t);
/* Name of the single site of a scenario without a sites section. */
extern const char *const DC_SINGLE_SITE_NAME;
#endif
