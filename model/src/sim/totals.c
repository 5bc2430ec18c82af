/* Annual and monthly totals and ratios of a finished run. */
#include <math.h>
#include <string.h>

#include "model.h"

static void add_step(const dc_model *m, int i, dc_totals *t)
{
    double *const *s = m->series;
    t->demand_kwh += s[SER_DEMAND][i];
    t->pv_kwh += s[SER_PV][i];
    t->battery_charge_kwh += s[SER_BATTERY_CHARGE][i];
    t->battery_discharge_kwh += s[SER_BATTERY_DISCHARGE][i];
    t->import_kwh += s[SER_IMPORT][i];
    t->export_kwh += s[SER_EXPORT][i];
    t->curtailed_kwh += s[SER_CURTAILED][i];
    t->unserved_kwh += s[SER_UNSERVED][i];
    t->peak_import_kw = fmax(t->peak_import_kw, s[SER_IMPORT][i] / m->step_h);
    t->max_residual_kwh = fmax(t->max_residual_kwh, fabs(s[SER_RESIDUAL][i]));
}

dc_status dc_model_totals(const dc_model *m, int month, dc_totals *t)
{
    if (!m || !t || month < 0 || month > 12) return DC_ERR_ARG;
    if (m->step < m->ta.n) return DC_ERR_STATE;
    memset(t, 0, sizeof *t);
    for (int i = 0; i < m->ta.n; i++)
        if (month == 0 || m->ta.t[i].month == month) add_step(m, i, t);
    /* Local supply to demand: demand less imports and unserved energy. */
    double local = t->demand_kwh - t->import_kwh - t->unserved_kwh;
    t->self_sufficiency = t->demand_kwh > 0 ? local / t->demand_kwh : 0.0;
    t->self_consumption = t->pv_kwh > 0 ? (t->pv_kwh - t->export_kwh - t->curtailed_kwh) / t->pv_kwh : 0.0;
    t->import_co2_t = t->import_kwh * m->grid_params.emission_factor_kg_per_kwh / 1000.0;
    return DC_OK;
}
