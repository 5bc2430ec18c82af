#include "battery.h"

#include <math.h>

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
