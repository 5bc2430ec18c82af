#include "cost_inputs.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "costdata.h"
#include "diag.h"
#include "params.h"

static const char *pv_kind(int mounting)
{
    static const char *const KIND[] = {[DC_MOUNT_ROOFTOP] = "pv_rooftop", [DC_MOUNT_OPEN_RACK] = "pv_open_rack",
                                       [DC_MOUNT_CARPORT] = "pv_carport", [DC_MOUNT_FLOATING] = "pv_floating"};
    return KIND[mounting];
}

/* The item's costs with every auto value taken from the kind's row. */
static int resolve(const dc_scenario *s, dc_psection sec, int i, const dc_cost_params *given, const char *kind,
                   const dc_cost_data *d, int *warned, dc_cost_params *out, dc_diag *diag)
{
    *out = *given;
    if (!isnan(given->capex_yen) && !isnan(given->opex_yen_per_year) && !isnan(given->lifetime_years)) return 0;
    const dc_cost_default *row = dc_cost_data_find(d, kind);
    if (!row) {
        dc_diag_add(diag, d->file, 0, 0, kind, "no row for %s: give its costs in the scenario", kind);
        return 1;
    }
    if (isnan(out->capex_yen)) out->capex_yen = row->capex_yen;
    if (isnan(out->opex_yen_per_year)) out->opex_yen_per_year = row->opex_yen_per_year;
    if (isnan(out->lifetime_years)) out->lifetime_years = row->lifetime_years;
    if (row->illustrative && !*warned) {
        *warned = 1;
        dc_scenario_warn(s, diag, sec, i, sec == S_PV ? "capex_yen_per_kw" : "capex_yen_per_kwh", "uses the ILLUSTRATIVE %s costs of %s line %d; give your "
                         "quotes", kind, d->file, row->line);
    }
    return 0;
}

dc_status dc_cost_inputs_load(const dc_scenario *s, const char *data_dir, dc_inputs *in, dc_diag *diag)
{
    int np = s->list[S_PV].n, nb = s->list[S_BATTERIES].n;
    in->pv_cost = calloc((size_t)np + 1, sizeof *in->pv_cost);
    in->bat_cost = calloc((size_t)nb + 1, sizeof *in->bat_cost);
    if (!in->pv_cost || !in->bat_cost) return DC_ERR_NOMEM;
    if (!s->leading.area[0] || (!np && !nb)) return DC_OK;
    char path[DC_PATH_MAX + 32];
    snprintf(path, sizeof path, "%s/economics/costs.csv", data_dir);
    dc_cost_data d;
    if (dc_cost_data_read(path, &d, diag) != DC_OK) return DC_ERR_LOAD;
    int errors = 0, warned[5] = {0};
    for (int i = 0; i < np; i++) {
        const dc_pv_item *p = &DC_CITEMS(s, S_PV, dc_pv_item)[i];
        errors += resolve(s, S_PV, i, &p->cost, pv_kind(p->pv.mounting), &d, &warned[p->pv.mounting], &in->pv_cost[i],
                          diag);
    }
    for (int i = 0; i < nb; i++)
        errors += resolve(s, S_BATTERIES, i, &DC_CITEMS(s, S_BATTERIES, dc_battery_item)[i].cost, "battery", &d,
                          &warned[4], &in->bat_cost[i], diag);
    dc_cost_data_free(&d);
    return errors ? DC_ERR_LOAD : DC_OK;
}
