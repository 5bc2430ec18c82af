#include "types.h"

#include "params.h"

static const char *const WHERE[] = {"name", "site", NULL};
static const char *const PV_WHERE[] = {"name", "site", "contract", "buyers", "buyer_shares_pct", NULL};

const dc_binding dc_bindings[] = {
    {S_PV, &dc_pv_type, dc_pv_make, dc_pv_retune, PV_WHERE, dc_pv_finish},
    {S_BATTERIES, &dc_battery_type, dc_battery_make, dc_battery_retune, WHERE, NULL},
    {S_BIOMASS, &dc_biomass_type, dc_biomass_make, NULL, WHERE, NULL},
    {S_BIOGAS, &dc_biogas_type, dc_biogas_make, NULL, WHERE, NULL},
    {S_EVS, &dc_ev_type, dc_ev_make, dc_ev_retune, WHERE, NULL},
};
const int dc_n_bindings = sizeof dc_bindings / sizeof dc_bindings[0];
