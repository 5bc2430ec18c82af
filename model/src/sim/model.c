#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "balance.h"
#include "demand.h"
#include "diag.h"
#include "inputs.h"
#include "model.h"
#include "pv.h"

const dc_series_desc dc_series_table[SER_COUNT] = {
    {"demand", "kWh", "demand after savings"},
    {"pv", "kWh", "PV AC output of all arrays"},
    {"battery_charge", "kWh", "AC energy into the battery"},
    {"battery_discharge", "kWh", "AC energy out of the battery"},
    {"battery_soc", "kWh", "stored energy at the end of the step"},
    {"grid_import", "kWh", "energy imported from the grid"},
    {"grid_export", "kWh", "energy exported to the grid"},
    {"curtailed", "kWh", "PV energy neither used, stored nor exported"},
    {"unserved", "kWh", "demand not met"},
    {"balance_residual", "kWh", "supply - (demand + charge + export + curtailed - unserved)"},
    {"ghi", "W/m2", "global horizontal irradiance, mean over the step"},
    {"temp_air", "degC", "dry-bulb air temperature"},
};

size_t dc_series_count(void) { return SER_COUNT; }

int dc_series_info(size_t i, const char **name, const char **unit, const char **help)
{
    if (i >= SER_COUNT) return -1;
    *name = dc_series_table[i].name;
    *unit = dc_series_table[i].unit;
    *help = dc_series_table[i].help;
    return 0;
}

static double **alloc_rows(int rows, int n)
{
    double **r = calloc((size_t)rows + 1, sizeof *r);
    if (!r) return NULL;
    for (int i = 0; i < rows; i++)
        if (!(r[i] = calloc((size_t)n, sizeof **r))) return r; /* caller checks last row */
    return r;
}

static int rows_ok(double **r, int rows) { return r && (rows == 0 || r[rows - 1]); }

static void free_rows(double **r, int rows)
{
    if (!r) return;
    for (int i = 0; i < rows; i++) free(r[i]);
    free(r);
}

static dc_status build_sun(dc_model *m, const dc_scenario *s, const dc_weather_raw *raw, dc_diag *d)
{
    int rc = dc_weather_map(raw, &m->ta, &m->weather);
    if (rc == -2) {
        dc_diag_add(d, s->weather_file, 0, 0, "weather.file", "the file lacks dates of the scenario year");
        return DC_ERR_WEATHER;
    }
    dc_site_geo site = {isnan(s->latitude_deg) ? raw->latitude_deg : s->latitude_deg,
                        isnan(s->longitude_deg) ? raw->longitude_deg : s->longitude_deg,
                        isnan(s->elevation_m) ? raw->elevation_m : s->elevation_m};
    double dt = isnan(s->delta_t_s) ? dc_delta_t_estimate(s->year + 0.5) : s->delta_t_s;
    if (rc || dc_ephem_build(&m->ephem, m->ta.start_jd, m->ta.n * m->step_h / 24.0, dt) ||
        dc_sun_build(&m->sun, &m->ta, &m->weather, &site, &m->ephem, s->decomposition == DC_DECOMP_ERBS))
        return DC_ERR_NOMEM;
    return DC_OK;
}

static double water_or_land_albedo(const dc_pv_params *p)
{
    if (!isnan(p->albedo)) return p->albedo;
    return p->mounting == DC_MOUNT_FLOATING ? 0.06 : 0.20;
}

static dc_status build_pv(dc_model *m, const dc_scenario *s)
{
    for (int a = 0; a < m->n_pv; a++) {
        dc_pv_params p = s->pv[a];
        p.albedo = water_or_land_albedo(&p);
        if (p.install_year == 0) p.install_year = s->year;
        snprintf(m->pv_names[a], sizeof m->pv_names[a], "%s", p.name);
        if (dc_pv_simulate(&p, s->year, &m->sun, &m->weather, m->step_h, m->pv_kwh[a], NULL))
            return DC_ERR_SCENARIO;
        for (int i = 0; i < m->ta.n; i++) m->series[SER_PV][i] += m->pv_kwh[a][i];
    }
    return DC_OK;
}

static dc_status build_demand(dc_model *m, const dc_scenario *s, const dc_inputs *in, dc_diag *d)
{
    for (int k = 0; k < m->n_loads; k++) {
        const dc_load_params *p = &s->loads[k];
        const dc_load_input *li = &in->loads[k];
        snprintf(m->load_names[k], sizeof m->load_names[k], "%s", p->name);
        int rc;
        if (li->profile) {
            if (li->profile_n != m->ta.n) {
                char field[64];
                snprintf(field, sizeof field, "loads[%d].profile_file", k);
                dc_diag_add(d, p->profile_file, 0, 0, field,
                            "%d values, but the scenario year has %d steps", li->profile_n, m->ta.n);
                return DC_ERR_LOAD;
            }
            rc = dc_demand_from_profile(p, li->profile, m->ta.n, m->load_kwh[k]);
        } else {
            rc = dc_demand_from_shape(p, &li->shape, &m->ta, m->load_kwh[k]);
        }
        if (rc) {
            dc_diag_add(d, s->file, s->load_line[k], 1, p->name, "load shape or profile sums to zero");
            return DC_ERR_LOAD;
        }
        for (int i = 0; i < m->ta.n; i++) m->series[SER_DEMAND][i] += m->load_kwh[k][i];
    }
    return DC_OK;
}

static dc_status allocate(dc_model *m, const dc_scenario *s)
{
    int n = m->ta.n;
    m->n_pv = s->n_pv;
    m->n_loads = s->n_loads;
    m->pv_names = calloc((size_t)s->n_pv + 1, sizeof *m->pv_names);
    m->load_sector = calloc((size_t)s->n_loads + 1, sizeof *m->load_sector);
    m->load_names = calloc((size_t)s->n_loads + 1, sizeof *m->load_names);
    m->pv_kwh = alloc_rows(s->n_pv, n);
    m->load_kwh = alloc_rows(s->n_loads, n);
    double *buf = calloc((size_t)n * SER_COUNT, sizeof *buf);
    if (buf)
        for (int k = 0; k < SER_COUNT; k++) m->series[k] = buf + (size_t)k * n;
    for (int k = 0; m->load_sector && k < s->n_loads; k++) m->load_sector[k] = s->loads[k].sector;
    if (!buf || !m->pv_names || !m->load_names || !m->load_sector || !rows_ok(m->pv_kwh, s->n_pv) ||
        !rows_ok(m->load_kwh, s->n_loads))
        return DC_ERR_NOMEM;
    memcpy(m->series[SER_GHI], m->weather.ghi, (size_t)n * sizeof *buf);
    memcpy(m->series[SER_TEMP_AIR], m->weather.temp_c, (size_t)n * sizeof *buf);
    return DC_OK;
}

static void init_dispatch(dc_model *m)
{
    dc_battery_params bp = m->battery_params;
    if (bp.energy_kwh <= 0) bp.power_kw = 0;
    dc_battery_init(&m->battery, &bp, m->step_h);
    dc_grid_init(&m->grid, &m->grid_params, m->step_h);
    m->step = 0;
    m->max_residual = 0;
    m->ghg.n = m->ghg_stat_rows; /* the scenario year is added again at the end */
    m->res[DC_RES_BATTERY] = (dc_resource){&dc_battery_ops, &m->battery};
    m->res[DC_RES_GRID] = (dc_resource){&dc_grid_ops, &m->grid};
}

dc_status dc_model_create(const dc_scenario *s, const dc_inputs *in, dc_model **out, dc_diag *diag)
{
    *out = NULL;
    if (!s || !in) return DC_ERR_ARG;
    dc_model *m = calloc(1, sizeof *m);
    if (!m) return DC_ERR_NOMEM;
    dc_status st = DC_ERR_NOMEM;
    if (dc_timeaxis_init(&m->ta, s->year, s->fiscal, s->step_minutes * 60) == 0) {
        m->step_h = dc_timeaxis_hours(&m->ta);
        st = build_sun(m, s, &in->weather, diag);
    }
    m->grid_params = s->grid;
    m->dispatch = s->dispatch;
    if (st == DC_OK) st = allocate(m, s);
    if (st == DC_OK) st = build_pv(m, s);
    if (st == DC_OK) st = build_demand(m, s, in, diag);
    if (st == DC_OK) st = dc_model_ghg_init(m, s, in, diag);
    if (st != DC_OK) {
        dc_model_destroy(&m);
        return st;
    }
    m->battery_params = s->battery;
    init_dispatch(m);
    *out = m;
    return DC_OK;
}

static void record(dc_model *m, int i, const dc_flows *f)
{
    m->series[SER_BATTERY_CHARGE][i] = f->absorbed[DC_RES_BATTERY];
    m->series[SER_BATTERY_DISCHARGE][i] = f->supplied[DC_RES_BATTERY];
    m->series[SER_BATTERY_SOC][i] = m->battery.soc;
    m->series[SER_IMPORT][i] = f->supplied[DC_RES_GRID];
    m->series[SER_EXPORT][i] = f->absorbed[DC_RES_GRID];
    m->series[SER_CURTAILED][i] = f->curtailed;
    m->series[SER_UNSERVED][i] = f->unserved;
    double r = dc_balance_residual(f);
    m->series[SER_RESIDUAL][i] = r;
    if (fabs(r) > m->max_residual) m->max_residual = fabs(r);
}

dc_status dc_model_step(dc_model *m)
{
    if (!m) return DC_ERR_ARG;
    if (m->step >= m->ta.n) return DC_ERR_STATE;
    int i = m->step++;
    dc_flows f;
    dc_battery_self_discharge(&m->battery);
    dc_dispatch_step(&m->dispatch, m->res, m->series[SER_DEMAND][i], m->series[SER_PV][i], &f);
    record(m, i, &f);
    if (m->step == m->ta.n && dc_model_ghg_finish(m)) return DC_ERR_NOMEM;
    return fabs(m->series[SER_RESIDUAL][i]) <= DC_BALANCE_TOLERANCE_KWH ? DC_OK : DC_ERR_BALANCE;
}

dc_status dc_model_run(dc_model *m)
{
    if (!m) return DC_ERR_ARG;
    while (m->step < m->ta.n) { /* each step checks its own balance */
        dc_status st = dc_model_step(m);
        if (st != DC_OK) return st;
    }
    return DC_OK;
}

dc_status dc_model_reset(dc_model *m)
{
    if (!m) return DC_ERR_ARG;
    init_dispatch(m);
    return DC_OK;
}

size_t dc_model_steps(const dc_model *m) { return m ? (size_t)m->ta.n : 0; }
size_t dc_model_steps_done(const dc_model *m) { return m ? (size_t)m->step : 0; }
double dc_model_step_hours(const dc_model *m) { return m ? m->step_h : 0; }

const double *dc_model_series(const dc_model *m, const char *name)
{
    if (!m || !name) return NULL;
    for (int k = 0; k < SER_COUNT; k++)
        if (strcmp(dc_series_table[k].name, name) == 0) return m->series[k];
    for (int a = 0; a < m->n_pv; a++)
        if (!strncmp(name, "pv:", 3) && !strcmp(name + 3, m->pv_names[a])) return m->pv_kwh[a];
    for (int k = 0; k < m->n_loads; k++)
        if (!strncmp(name, "load:", 5) && !strcmp(name + 5, m->load_names[k])) return m->load_kwh[k];
    return NULL;
}

void dc_model_destroy(dc_model **pm)
{
    if (!pm || !*pm) return;
    dc_model *m = *pm;
    free_rows(m->pv_kwh, m->n_pv);
    free_rows(m->load_kwh, m->n_loads);
    free(m->pv_names);
    free(m->load_names);
    free(m->load_sector);
    dc_model_ghg_free(m);
    free(m->series[0]);
    dc_sun_free(&m->sun);
    dc_ephem_free(&m->ephem);
    dc_weather_free(&m->weather);
    dc_timeaxis_free(&m->ta);
    free(m);
    *pm = NULL;
}
