/* Stationary battery: energy and power ratings, charge and discharge
 * efficiencies, SOC window, self-discharge, throughput. Energies are AC-side
 * kWh per step unless named stored. */
#ifndef DC_BATTERY_H
#define DC_BATTERY_H

#include "minmax.h"

typedef struct {
    double energy_kwh;          /* nominal energy capacity [kWh] */
    double power_kw;            /* charge and discharge power limit, AC [kW] */
    double charge_eff_pct;      /* AC -> stored [%] */
    double discharge_eff_pct;   /* stored -> AC [%] */
    double soc_min_pct, soc_max_pct, soc_initial_pct; /* of energy_kwh [%] */
    double self_discharge_pct_per_day; /* of stored energy [%/day] */
} dc_battery_params;

typedef struct {
    double e_min, e_max;        /* SOC window [kWh stored] */
    double soc;                 /* stored energy [kWh] */
    double step_power_kwh;      /* power limit times step [kWh] */
    double eta_c, eta_d;        /* [0-1] */
    double keep_per_step;       /* share kept after one step of self-discharge */
    double throughput_kwh;      /* AC energy discharged so far [kWh] */
    double self_discharged_kwh; /* stored energy lost so far [kWh] */
} dc_battery;

void dc_battery_init(dc_battery *b, const dc_battery_params *p, double step_h);

/* The step's own, inline: called for every battery at every step. */

/* Once at the start of a step. */
static inline void dc_battery_self_discharge(dc_battery *b)
{
    double lost = b->soc * (1.0 - b->keep_per_step);
    b->soc -= lost;
    b->self_discharged_kwh += lost;
}

/* AC [kWh] it can give this step. */
static inline double dc_battery_can_discharge(const dc_battery *b)
{
    double room = (b->soc - b->e_min) * b->eta_d;
    return dc_max(0.0, dc_min(b->step_power_kwh, room));
}

/* AC [kWh] it can take this step. */
static inline double dc_battery_can_charge(const dc_battery *b)
{
    if (b->eta_c <= 0) return 0.0;
    double room = (b->e_max - b->soc) / b->eta_c;
    return dc_max(0.0, dc_min(b->step_power_kwh, room));
}

static inline void dc_battery_discharge(dc_battery *b, double kwh_ac)
{
    b->soc -= kwh_ac / b->eta_d;
    b->throughput_kwh += kwh_ac;
}

static inline void dc_battery_charge(dc_battery *b, double kwh_ac) { b->soc += kwh_ac * b->eta_c; }
#endif
