/* Reads every file a scenario names into dc_inputs. */
#include "inputs.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "calendar.h"
#include "diag.h"
#include "elec_factors.h"
#include "epw.h"
#include "jma.h"
#include "utf8.h"
#include "factors.h"
#include "ghgdata.h"
#include "holidays.h"
#include "loadfiles.h"
#include "meter.h"
#include "params.h"
#include "spread.h"
#include "cost_inputs.h"
#include "plant_inputs.h"
#include "validate.h"

#ifndef DC_DATADIR
#define DC_DATADIR "inputs"
#endif

/* Bundled data: $DECARB_DATA_DIR, else the folder fixed at build time. */
static const char *data_dir(void)
{
    const char *env = getenv("DECARB_DATA_DIR");
    return env && *env ? env : DC_DATADIR;
}

/* Steps of the scenario's year: a profile with more values cannot fit. */
static int year_steps(const dc_scenario *s)
{
    long first = s->fiscal ? dc_days_from_civil(s->year, 4, 1) : dc_days_from_civil(s->year, 1, 1);
    long last = s->fiscal ? dc_days_from_civil(s->year + 1, 4, 1) : dc_days_from_civil(s->year + 1, 1, 1);
    return (int)(last - first) * (1440 / (s->step_minutes > 0 ? s->step_minutes : 60));
}

static dc_status read_load(const dc_scenario *s, int i, dc_load_input *in, const dc_holidays *holidays,
                           dc_diag *diag)
{
    const dc_load_item *p = &DC_CITEMS(s, S_LOADS, dc_load_item)[i];
    char field[64], path[DC_PATH_MAX + 128];
    dc_field_name(s, S_LOADS, i, "profile_file", field, sizeof field);
    if (p->profile_file[0] && p->meter.kind == DC_PROFILE_METER) {
        dc_meter_target t = {s->year, s->fiscal, s->step_minutes, holidays};
        return dc_meter_read(p->profile_file, field, &p->meter, &t, &in->profile, &in->profile_n, diag);
    }
    if (p->profile_file[0]) return dc_profile_read(p->profile_file, field, year_steps(s), &in->profile, &in->profile_n, diag);
    int shape = p->shape ? p->shape : dc_shape_for_sector(p->sector);
    if (s->shapes_dir[0]) snprintf(path, sizeof path, "%s/%s.csv", s->shapes_dir, dc_shape_names[shape]);
    else snprintf(path, sizeof path, "%s/load_shapes/%s.csv", data_dir(), dc_shape_names[shape]);
    return dc_shape_read(path, &in->shape, diag);
}

static dc_status read_pv(const dc_scenario *s, int i, dc_pv_input *in, dc_diag *diag)
{
    const dc_pv_item *p = &DC_CITEMS(s, S_PV, dc_pv_item)[i];
    char field[64];
    dc_field_name(s, S_PV, i, "profile_file", field, sizeof field);
    if (!p->profile_file[0]) return DC_OK;
    return dc_profile_read(p->profile_file, field, year_steps(s), &in->profile, &in->profile_n, diag);
}

/* EPW or a JMA download, by the file's first line unless the scenario says. */
static int weather_format(const dc_scenario *s)
{
    if (s->weather_format != DC_WFORMAT_AUTO) return s->weather_format;
    FILE *fp = fopen(s->weather_file, "rb");
    char head[64] = "";
    if (fp) {
        size_t n = fread(head, 1, sizeof head - 1, fp);
        head[n] = '\0';
        fclose(fp);
    }
    return !strncasecmp(head + dc_utf8_bom(head, strlen(head)), "LOCATION", 8) ? DC_WFORMAT_EPW : DC_WFORMAT_JMA;
}

/* A file without a location takes the scenario's; without pressure, the
 * standard atmosphere at its elevation; without wind, 1 m/s (warned). */
static dc_status complete_weather(const dc_scenario *s, dc_weather_raw *w, dc_diag *diag)
{
    if (isnan(w->latitude_deg) && (isnan(s->latitude_deg) || isnan(s->longitude_deg))) {
        dc_scenario_error(s, diag, S_LOCATION, 0, "latitude_deg", "the weather file gives no location: set "
                          "location.latitude_deg, longitude_deg and elevation_m");
        return DC_ERR_WEATHER;
    }
    if (isnan(w->latitude_deg)) {
        w->latitude_deg = s->latitude_deg, w->longitude_deg = s->longitude_deg, w->elevation_m = s->elevation_m;
        if (isnan(w->elevation_m)) {
            w->elevation_m = 0.0;
            dc_scenario_warn(s, diag, S_LOCATION, 0, "elevation_m", "not given and not in the weather file: 0 m "
                             "assumed (it sets the air pressure)");
        }
    }
    double elev = w->elevation_m;
    int calm = 0;
    for (int k = 0; k < w->n; k++) {
        if (isnan(w->pressure_mbar[k])) w->pressure_mbar[k] = 1013.25 * pow(1.0 - 2.25577e-5 * elev, 5.25588);
        if (isnan(w->wind_ms[k])) w->wind_ms[k] = 1.0, calm++;
    }
    if (calm)
        dc_scenario_warn(s, diag, S_WEATHER, 0, "file", "%d hour(s) without wind speed: 1 m/s assumed for the cell "
                         "temperature", calm);
    return DC_OK;
}

/* An EPW missing beam or diffuse in some hours only: the file's split
 * has gaps, unless every hour is split by Erbs. */
static dc_status beam_gaps(const dc_scenario *s, dc_weather_raw *w, dc_diag *diag)
{
    if (!w->beam_gaps || s->decomposition == DC_DECOMP_ERBS) return DC_OK;
    dc_diag_add(diag, s->weather_file, w->beam_gap_line, w->beam_gap_col, w->beam_gap_field,
                "missing value (9999) in %d of %d rows, the first here: give weather.decomposition: erbs to split "
                "every hour's global radiation by Erbs instead", w->beam_gaps, w->n);
    dc_weather_raw_free(w);
    return DC_ERR_WEATHER;
}

static dc_status read_weather(const dc_scenario *s, dc_weather_raw *w, dc_diag *diag)
{
    dc_status st;
    if (weather_format(s) == DC_WFORMAT_EPW) {
        st = dc_epw_read(s->weather_file, w, diag);
        if (st == DC_OK) st = beam_gaps(s, w, diag);
    } else {
        dc_jma_options o = {{0}, s->n_accept_quality, s->weather_fill};
        memcpy(o.quality, s->accept_quality, sizeof o.quality);
        st = dc_jma_read(s->weather_file, &o, w, diag);
    }
    return st == DC_OK ? complete_weather(s, w, diag) : st;
}

/* A file of the statistics folder, or "" when the folder has none. */
static void in_dir(const char *dir, const char *name, char *path, size_t len, int optional)
{
    path[0] = '\0';
    if (!dir[0]) return;
    snprintf(path, len, "%s/%s", dir, name);
    FILE *fp = optional ? fopen(path, "r") : NULL;
    if (optional && !fp) path[0] = '\0';
    if (fp) fclose(fp);
}

static void bundled(const char *given, const char *name, char *path, size_t len)
{
    if (given[0]) snprintf(path, len, "%s", given);
    else snprintf(path, len, "%s/ghg/%s", data_dir(), name);
}

static dc_status read_ghg(const dc_scenario *s, dc_inputs *in, dc_diag *diag)
{
    enum { N = DC_PATH_MAX + 32 };
    char methods[N], factors[N], emissions[N], indicators[N], waste[N], targets[N];
    if (!s->ghg.statistics_dir[0] && !s->ghg.karte_file[0]) return DC_OK;
    bundled(s->ghg.methods_file, "methods.csv", methods, N);
    bundled(s->ghg.factors_file, "factors.csv", factors, N);
    bundled(s->ghg.targets_file, "targets.csv", targets, N);
    in_dir(s->ghg.statistics_dir, "emissions.csv", emissions, N, 0);
    in_dir(s->ghg.statistics_dir, "indicators.csv", indicators, N, 0);
    if (s->ghg.waste_file[0]) snprintf(waste, N, "%s", s->ghg.waste_file);
    else in_dir(s->ghg.statistics_dir, "waste.csv", waste, N, 1);
    dc_ghg_paths p = {methods, factors, emissions, indicators, s->ghg.facilities_file, waste, targets,
                      s->ghg.karte_file};
    dc_status st = dc_ghg_read(&p, &in->ghg, diag);
    in->has_ghg = st == DC_OK;
    return st;
}

static dc_status read_factors(const dc_scenario *s, dc_inputs *in, dc_diag *diag)
{
    char path[DC_PATH_MAX + 32];
    bundled(s->grid.factors_file, "electricity_factors.csv", path, sizeof path);
    return dc_elec_read(path, &in->elec, diag);
}

static dc_inputs *alloc_inputs(const dc_scenario *s)
{
    dc_inputs *in = calloc(1, sizeof *in);
    if (!in) return NULL;
    in->n_loads = s->list[S_LOADS].n;
    in->n_pv = s->list[S_PV].n;
    in->n_site_ef = s->list[S_SITES].n;
    in->loads = calloc((size_t)in->n_loads + 1, sizeof *in->loads);
    in->pv = calloc((size_t)in->n_pv + 1, sizeof *in->pv);
    in->site_ef = calloc((size_t)in->n_site_ef + 1, sizeof *in->site_ef);
    if (!in->loads || !in->pv || !in->site_ef) dc_inputs_destroy(&in);
    return in;
}

/* Every file but the weather, each read whatever the others gave (every
 * error at once); the first failure. */
static dc_status read_rest(const dc_scenario *s, dc_inputs *in, dc_diag *diag)
{
    dc_status st = DC_OK;
    if (s->holidays_file[0]) st = dc_holidays_read(s->holidays_file, "holidays_file", &in->holidays, diag);
    for (int i = 0; i < in->n_loads; i++) {
        dc_status ls = read_load(s, i, &in->loads[i], &in->holidays, diag);
        if (st == DC_OK) st = ls;
    }
    for (int i = 0; i < in->n_pv; i++) {
        dc_status ps = read_pv(s, i, &in->pv[i], diag);
        if (st == DC_OK) st = ps;
    }
    dc_status bs = dc_plant_inputs_load(s, data_dir(), in, diag);
    if (st == DC_OK) st = bs;
    dc_status cs = dc_cost_inputs_load(s, data_dir(), in, diag);
    if (st == DC_OK) st = cs;
    dc_status fs = read_factors(s, in, diag);
    if (st == DC_OK) st = fs;
    dc_status gs = read_ghg(s, in, diag);
    if (st == DC_OK) st = gs;
    if (fs == DC_OK && gs == DC_OK && dc_factors_resolve(s, in, diag) && st == DC_OK) st = DC_ERR_STATISTICS;
    return st;
}

/* The other files, read on a thread of their own while the weather is
 * read, their messages logged apart (dc_diag_replay after the weather's). */
typedef struct {
    const dc_scenario *s;
    dc_inputs *in;
    dc_diag *log;
    dc_status st;
} rest_job;

static void *rest_thread(void *arg)
{
    rest_job *j = arg;
    j->st = read_rest(j->s, j->in, j->log);
    return NULL;
}

dc_status dc_inputs_load(const dc_scenario *s, dc_inputs **out, dc_diag *diag)
{
    return dc_inputs_load_on(s, 1, out, diag);
}

dc_status dc_inputs_load_on(const dc_scenario *s, int threads, dc_inputs **out, dc_diag *diag)
{
    if (!out) return DC_ERR_ARG;
    *out = NULL;
    if (!s || threads < 1) return DC_ERR_ARG;
    if (!dc_scenario_ready(s, diag)) return DC_ERR_STATE;
    dc_inputs *in = alloc_inputs(s);
    if (!in) return DC_ERR_NOMEM;
    rest_job job = {s, in, threads > 1 ? dc_diag_create_log() : NULL, DC_OK};
    pthread_t th;
    int apart = job.log && dc_thread_start(&th, rest_thread, &job) == 0;
    dc_status st = read_weather(s, &in->weather, diag);
    if (apart) {
        pthread_join(th, NULL);
        dc_diag_replay(diag, job.log);
    } else {
        job.st = read_rest(s, in, diag);
    }
    dc_diag_destroy(&job.log);
    if (st == DC_OK) st = job.st;
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
    for (int i = 0; (*in)->loads && i < (*in)->n_loads; i++) free((*in)->loads[i].profile);
    for (int i = 0; (*in)->pv && i < (*in)->n_pv; i++) free((*in)->pv[i].profile);
    free((*in)->loads);
    free((*in)->pv);
    free((*in)->site_ef);
    free((*in)->biomass);
    free((*in)->feeds);
    free((*in)->pv_cost);
    free((*in)->bat_cost);
    dc_elec_free(&(*in)->elec);
    dc_weather_raw_free(&(*in)->weather);
    dc_holidays_free(&(*in)->holidays);
    dc_ghg_data_free(&(*in)->ghg);
    free(*in);
    *in = NULL;
}
