/* Rule-based dispatch on one AC bus. Each step, local PV meets demand; a
 * deficit is drawn from the resources in deficit order, a surplus is sent
 * to the resources in surplus order; what is left is unserved or curtailed.
 * A resource is a table of functions, so a new technology (biomass,
 * biogas, EV fleet) plugs in as one more table and one more name. */
#ifndef DC_DISPATCH_H
#define DC_DISPATCH_H

#include "battery.h"

enum { DC_MAX_ORDER = 8 };
typedef enum { DC_RES_BATTERY, DC_RES_GRID, DC_N_RESOURCE_KINDS } dc_resource_kind;

typedef struct {
    double import_limit_kw;     /* [kW], INFINITY = unlimited */
    double export_limit_kw;     /* [kW], 0 = no export allowed */
    double emission_factor_kg_per_kwh; /* CO2 of imported electricity [kg-CO2/kWh] */
} dc_grid_params;

typedef struct {
    int deficit_order[DC_MAX_ORDER], n_deficit; /* dc_resource_kind */
    int surplus_order[DC_MAX_ORDER], n_surplus;
} dc_dispatch_params;

typedef struct {
    double step_import_kwh, step_export_kwh; /* limits times step [kWh] */
} dc_grid;

typedef struct {
    const char *name;
    double (*can_supply)(const void *self);   /* [kWh] this step */
    void (*supply)(void *self, double kwh);
    double (*can_absorb)(const void *self);   /* [kWh] this step */
    void (*absorb)(void *self, double kwh);
} dc_resource_ops;

typedef struct {
    const dc_resource_ops *ops;
    void *self;
} dc_resource;

extern const dc_resource_ops dc_battery_ops, dc_grid_ops;

void dc_grid_init(dc_grid *g, const dc_grid_params *p, double step_h);

/* Flows of one step [kWh]. supplied/absorbed are indexed by resource kind. */
typedef struct {
    double demand, pv;
    double supplied[DC_N_RESOURCE_KINDS], absorbed[DC_N_RESOURCE_KINDS];
    double curtailed, unserved;
} dc_flows;

/* res[kind] are the resources; the orders pick among them. */
void dc_dispatch_step(const dc_dispatch_params *p, dc_resource res[DC_N_RESOURCE_KINDS],
                      double demand_kwh, double pv_kwh, dc_flows *out);
#endif
