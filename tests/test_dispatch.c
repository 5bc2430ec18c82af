/* Dispatch rules, battery bookkeeping and the balance residual, by hand. */
#include "helpers.h"

#include <math.h>

#include "balance.h"
#include "dispatch.h"

typedef struct {
    dc_battery bat;
    dc_grid grid;
    dc_resource res[DC_N_RESOURCE_KINDS];
    dc_dispatch_params order;
} bus;

/* 100 kWh, 50 kW, 90 %/90 %, SOC 10-90 %, start 50 %, no self-discharge. */
static void bus_init(bus *b, double import_kw, double export_kw, int grid_first)
{
    dc_battery_params bp = {100, 50, 90, 90, 10, 90, 50, 0};
    dc_grid_params gp = {import_kw, export_kw, 0.5};
    dc_battery_init(&b->bat, &bp, 1.0);
    dc_grid_init(&b->grid, &gp, 1.0);
    b->res[DC_RES_BATTERY] = (dc_resource){&dc_battery_ops, &b->bat};
    b->res[DC_RES_GRID] = (dc_resource){&dc_grid_ops, &b->grid};
    int first = grid_first ? DC_RES_GRID : DC_RES_BATTERY, second = grid_first ? DC_RES_BATTERY : DC_RES_GRID;
    b->order = (dc_dispatch_params){{first, second}, 2, {first, second}, 2};
}

static void surplus_fills_battery_then_exports_then_curtails(void **state)
{
    (void)state;
    bus b;
    dc_flows f;
    bus_init(&b, INFINITY, 20.0, 0);
    /* PV 80, demand 10: surplus 70. Battery room (90 - 50)/0.9 = 44.444 kWh
     * AC (< 50 kW); export 20 (limit); curtailed 70 - 44.444 - 20 = 5.556. */
    dc_dispatch_step(&b.order, b.res, 10.0, 80.0, &f);
    assert_near(f.absorbed[DC_RES_BATTERY], 40.0 / 0.9, 1e-9);
    assert_near(f.absorbed[DC_RES_GRID], 20.0, 1e-12);
    assert_near(f.curtailed, 70.0 - 40.0 / 0.9 - 20.0, 1e-9);
    assert_near(b.bat.soc, 90.0, 1e-9);
    assert_near(dc_balance_residual(&f), 0.0, 1e-12);
}

static void deficit_drains_battery_then_imports(void **state)
{
    (void)state;
    bus b;
    dc_flows f;
    bus_init(&b, INFINITY, 0.0, 0);
    /* Demand 100, PV 0: battery gives min(50 kW, (50 - 10) x 0.9 = 36) = 36;
     * import 64; stored energy falls by 36/0.9 = 40 to 10 kWh. */
    dc_dispatch_step(&b.order, b.res, 100.0, 0.0, &f);
    assert_near(f.supplied[DC_RES_BATTERY], 36.0, 1e-9);
    assert_near(f.supplied[DC_RES_GRID], 64.0, 1e-9);
    assert_near(b.bat.soc, 10.0, 1e-9);
    assert_near(b.bat.throughput_kwh, 36.0, 1e-9);
    assert_near(f.unserved, 0.0, 1e-12);
    assert_near(dc_balance_residual(&f), 0.0, 1e-12);
}

static void grid_first_with_limit_leaves_unserved(void **state)
{
    (void)state;
    bus b;
    dc_flows f;
    bus_init(&b, 30.0, 0.0, 1);
    /* Demand 100, PV 0, grid first (30 kW cap), then battery 36: unserved 34. */
    dc_dispatch_step(&b.order, b.res, 100.0, 0.0, &f);
    assert_near(f.supplied[DC_RES_GRID], 30.0, 1e-12);
    assert_near(f.supplied[DC_RES_BATTERY], 36.0, 1e-9);
    assert_near(f.unserved, 34.0, 1e-9);
    assert_near(dc_balance_residual(&f), 0.0, 1e-12);
    /* Export first with no export allowed: surplus goes to the battery. */
    dc_dispatch_step(&b.order, b.res, 0.0, 10.0, &f);
    assert_near(f.absorbed[DC_RES_GRID], 0.0, 1e-12);
    assert_near(f.absorbed[DC_RES_BATTERY], 10.0, 1e-12);
}

static void no_battery_in_order_means_unused(void **state)
{
    (void)state;
    bus b;
    dc_flows f;
    bus_init(&b, INFINITY, INFINITY, 0);
    b.order.n_deficit = 0; /* nothing may cover a deficit */
    dc_dispatch_step(&b.order, b.res, 40.0, 10.0, &f);
    assert_near(f.unserved, 30.0, 1e-12);
    assert_near(dc_balance_residual(&f), 0.0, 1e-12);
}

static void self_discharge_per_step(void **state)
{
    (void)state;
    /* 2.4 %/day: after 24 hourly steps 0.976 of the energy is left. */
    dc_battery_params bp = {100, 50, 90, 90, 0, 100, 100, 2.4};
    dc_battery bat;
    dc_battery_init(&bat, &bp, 1.0);
    for (int h = 0; h < 24; h++) dc_battery_self_discharge(&bat);
    assert_near(bat.soc, 97.6, 1e-9);
    assert_near(bat.self_discharged_kwh, 2.4, 1e-9);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(surplus_fills_battery_then_exports_then_curtails),
        cmocka_unit_test(deficit_drains_battery_then_imports),
        cmocka_unit_test(grid_first_with_limit_leaves_unserved),
        cmocka_unit_test(no_battery_in_order_means_unused),
        cmocka_unit_test(self_discharge_per_step),
    };
    return cmocka_run_group_tests_name("dispatch", tests, NULL, NULL);
}
