#include "inputs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "epw.h"
#include "ghgdata.h"

#ifndef DC_DATADIR
#define DC_DATADIR "inputs"
#endif

/* Bundled data: $DECARB_DATA_DIR, else the folder fixed at build time. */
static const char *data_dir(void)
{
    const char *env = getenv("DECARB_DATA_DIR");
    return env && *env ? env : DC_DATADIR;
}

static dc_status read_load(const dc_scenario *s, int i, dc_load_input *in, dc_diag *diag)
{
    const dc_load_params *p = &s->loads[i];
    char field[64], path[DC_PATH_MAX + 128];
    snprintf(field, sizeof field, "loads[%d].profile_file", i);
    if (p->profile_file[0]) return dc_profile_read(p->profile_file, field, &in->profile, &in->profile_n, diag);
    int shape = p->shape ? p->shape : dc_shape_for_sector(p->sector);
    if (s->shapes_dir[0]) snprintf(path, sizeof path, "%s/%s.csv", s->shapes_dir, dc_shape_names[shape]);
    else snprintf(path, sizeof path, "%s/load_shapes/%s.csv", data_dir(), dc_shape_names[shape]);
    return dc_shape_read(path, &in->shape, diag);
}

static dc_status read_ghg(const dc_scenario *s, dc_inputs *in, dc_diag *diag)
{
    char methods[DC_PATH_MAX + 32], factors[DC_PATH_MAX + 32], emissions[DC_PATH_MAX + 32],
        indicators[DC_PATH_MAX + 32];
    if (!s->ghg.statistics_dir[0]) return DC_OK;
    snprintf(methods, sizeof methods, "%s", s->ghg.methods_file);
    if (!methods[0]) snprintf(methods, sizeof methods, "%s/ghg/methods.csv", data_dir());
    snprintf(factors, sizeof factors, "%s", s->ghg.factors_file);
    if (!factors[0]) snprintf(factors, sizeof factors, "%s/ghg/factors.csv", data_dir());
    snprintf(emissions, sizeof emissions, "%s/emissions.csv", s->ghg.statistics_dir);
    snprintf(indicators, sizeof indicators, "%s/indicators.csv", s->ghg.statistics_dir);
    dc_ghg_paths p = {methods, factors, emissions, indicators, s->ghg.facilities_file};
    dc_status st = dc_ghg_read(&p, &in->ghg, diag);
    in->has_ghg = st == DC_OK;
    return st;
}

dc_status dc_inputs_load(const dc_scenario *s, dc_inputs **out, dc_diag *diag)
{
    *out = NULL;
    dc_inputs *in = calloc(1, sizeof *in);
    if (!in) return DC_ERR_NOMEM;
    in->loads = calloc((size_t)s->n_loads + 1, sizeof *in->loads);
    in->n_loads = s->n_loads;
    if (!in->loads) {
        free(in);
        return DC_ERR_NOMEM;
    }
    dc_status st = dc_epw_read(s->weather_file, &in->weather, diag);
    for (int i = 0; i < s->n_loads; i++) {
        dc_status ls = read_load(s, i, &in->loads[i], diag);
        if (st == DC_OK) st = ls;
    }
    dc_status gs = read_ghg(s, in, diag);
    if (st == DC_OK) st = gs;
    if (st != DC_OK) {
        dc_inputs_destroy(&in);
        return st;
    }
    *out = in;
    return DC_OK;
}

void dc_inputs_destroy(dc_inputs **in)
{
    if (!in || !*in) return;
    for (int i = 0; i < (*in)->n_loads; i++) free((*in)->loads[i].profile);
    free((*in)->loads);
    dc_weather_raw_free(&(*in)->weather);
    dc_ghg_data_free(&(*in)->ghg);
    free(*in);
    *in = NULL;
}
