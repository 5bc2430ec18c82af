#include "battery.h"

#include <math.h>

#include "minmax.h"

void dc_battery_init(dc_battery *b, const dc_battery_params *p, double step_h)
{
    b->e_min = p->energy_kwh * p->soc_min_pct / 100.0;
    b->e_max = p->energy_kwh * p->soc_max_pct / 100.0;
    b->soc = p->energy_kwh * p->soc_initial_pct / 100.0;
    b->step_power_kwh = p->power_kw * step_h;
    b->eta_c = p->charge_eff_pct / 100.0;
    b->eta_d = p->discharge_eff_pct / 100.0;
    b->keep_per_step = pow(1.0 - p->self_discharge_pct_per_day / 100.0, step_h / 24.0);
    b->throughput_kwh = 0.0;
    b->self_discharged_kwh = 0.0;
}

void dc_battery_self_discharge(dc_battery *b)
{
    double lost = b->soc * (1.0 - b->keep_per_step);
    b->soc -= lost;
    b->self_discharged_kwh += lost;
}

double dc_battery_can_discharge(const dc_battery *b)
{
    double room = (b->soc - b->e_min) * b->eta_d;
    return dc_max(0.0, dc_min(b->step_power_kwh, room));
}

double dc_battery_can_charge(const dc_battery *b)
{
    if (b->eta_c <= 0) return 0.0;
    double room = (b->e_max - b->soc) / b->eta_c;
    return dc_max(0.0, dc_min(b->step_power_kwh, room));
}

void dc_battery_discharge(dc_battery *b, double kwh_ac)
{
    b->soc -= kwh_ac / b->eta_d;
    b->throughput_kwh += kwh_ac;
}

void dc_battery_charge(dc_battery *b, double kwh_ac) { b->soc += kwh_ac * b->eta_c; }
