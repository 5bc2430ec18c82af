#include "dispatch.h"

#include <math.h>
#include <string.h>

static double bat_can_supply(const void *s) { return dc_battery_can_discharge(s); }
static void bat_supply(void *s, double kwh) { dc_battery_discharge(s, kwh); }
static double bat_can_absorb(const void *s) { return dc_battery_can_charge(s); }
static void bat_absorb(void *s, double kwh) { dc_battery_charge(s, kwh); }

const dc_resource_ops dc_battery_ops = {"battery", bat_can_supply, bat_supply, bat_can_absorb,
                                        bat_absorb};

static double grid_can_supply(const void *s) { return ((const dc_grid *)s)->step_import_kwh; }
static double grid_can_absorb(const void *s) { return ((const dc_grid *)s)->step_export_kwh; }
static void grid_noop(void *s, double kwh)
{
    (void)s;
    (void)kwh;
}

const dc_resource_ops dc_grid_ops = {"grid", grid_can_supply, grid_noop, grid_can_absorb,
                                     grid_noop};

void dc_grid_init(dc_grid *g, const dc_grid_params *p, double step_h)
{
    g->step_import_kwh = p->import_limit_kw * step_h;
    g->step_export_kwh = p->export_limit_kw * step_h;
}

void dc_dispatch_step(const dc_dispatch_params *p, dc_resource res[DC_N_RESOURCE_KINDS],
                      double demand_kwh, double pv_kwh, dc_flows *out)
{
    memset(out, 0, sizeof *out);
    out->demand = demand_kwh;
    out->pv = pv_kwh;
    double need = demand_kwh - pv_kwh;
    for (int k = 0; k < p->n_deficit && need > 0; k++) {
        int kind = p->deficit_order[k];
        dc_resource *r = &res[kind];
        double take = fmin(need, r->ops->can_supply(r->self));
        if (take <= 0) continue;
        r->ops->supply(r->self, take);
        out->supplied[kind] += take;
        need -= take;
    }
    double spare = -need;
    for (int k = 0; k < p->n_surplus && spare > 0; k++) {
        int kind = p->surplus_order[k];
        dc_resource *r = &res[kind];
        double give = fmin(spare, r->ops->can_absorb(r->self));
        if (give <= 0) continue;
        r->ops->absorb(r->self, give);
        out->absorbed[kind] += give;
        spare -= give;
    }
    out->unserved = need > 0 ? need : 0.0;
    out->curtailed = spare > 0 ? spare : 0.0;
}
