#include "types.h"

#include "params.h"

const dc_binding dc_bindings[] = {
    {S_PV, &dc_pv_type, dc_pv_make, NULL},
    {S_BATTERIES, &dc_battery_type, dc_battery_make, dc_battery_retune},
    {S_BIOMASS, &dc_biomass_type, dc_biomass_make, NULL},
    {S_BIOGAS, &dc_biogas_type, dc_biogas_make, NULL},
    {S_EVS, &dc_ev_type, dc_ev_make, NULL},
};
const int dc_n_bindings = sizeof dc_bindings / sizeof dc_bindings[0];
