/* The run's lifecycle: create (sun, topology, engine), step, run, reset,
 * destroy, and the series accessors. */
#include <math.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crew.h"
#include "diag.h"
#include "model.h"
#include "res_battery_step.h"
#include "params.h"
#include "types.h"
#include "validate.h"

enum { MAX_CYCLIC_PASSES = 10 };

/* The weather's hash only for a cache: a model made without one never
 * uses one (retune), and a run's hash of the year's weather is not free. */
static dc_sun_key sun_key_of(const dc_scenario *s, const dc_weather_raw *raw, const dc_timeaxis *ta, int keyed)
{
    return (dc_sun_key){
        .weather = keyed ? dc_weather_hash(raw) : 0,
        .year = s->year,
        .fiscal = s->fiscal,
        .step_s = ta->step_s,
        .interpolate = s->substeps == DC_SUBSTEP_INTERPOLATE,
        .erbs = s->decomposition == DC_DECOMP_ERBS,
        .lat = isnan(s->latitude_deg) ? raw->latitude_deg : s->latitude_deg,
        .lon = isnan(s->longitude_deg) ? raw->longitude_deg : s->longitude_deg,
        .elev = isnan(s->elevation_m) ? raw->elevation_m : s->elevation_m,
        .delta_t = isnan(s->delta_t_s) ? dc_delta_t_estimate(s->year + 0.5) : s->delta_t_s,
    };
}

/* The sun's year in parts taken one at a time by each thread of the
 * crew: a step's position depends on its own time and weather alone, so
 * the parts give the bits of one pass. Several parts a thread, as summer
 * parts have more sunlit steps to work out than winter ones. */
typedef struct {
    dc_model *m;
    const dc_site_geo *site;
    int erbs, parts;
    atomic_int next;
} sun_parts;

static void sun_part(void *arg)
{
    sun_parts *p = arg;
    dc_model *m = p->m;
    long n = m->ta.n;
    for (int k; (k = atomic_fetch_add(&p->next, 1)) < p->parts;)
        dc_sun_fill(&m->sun, &m->ta, &m->weather, p->site, &m->ephem, p->erbs, (int)(n * k / p->parts),
                    (int)(n * (k + 1) / p->parts));
}

static dc_status build_sun(dc_model *m, const dc_scenario *s, const dc_weather_raw *raw, dc_diag *d)
{
    const dc_sun_key *k = &m->sun_key;
    int cached = dc_cache_sun_get(m->cache, k, &m->weather, &m->sun);
    if (cached) return cached > 0 ? DC_OK : DC_ERR_NOMEM;
    int rc = dc_weather_map(raw, &m->ta, k->interpolate, &m->weather);
    if (rc == -2) {
        int first = dc_weather_first_missing(raw, &m->ta);
        const dc_stamp *t = &m->ta.t[first < 0 ? 0 : first];
        dc_diag_add(d, s->weather_file, 0, 0, "weather.file", "the file lacks dates of the scenario year, first "
                    "%02d-%02d %02d:00 (the file is mapped onto the year by month, day and hour: give a whole year)",
                    t->month, t->day, t->hour);
        return DC_ERR_WEATHER;
    }
    dc_site_geo site = {k->lat, k->lon, k->elev};
    if (rc || dc_ephem_build(&m->ephem, m->ta.start_jd, m->ta.n * m->step_h / 24.0, k->delta_t) ||
        dc_sun_alloc(&m->sun, m->ta.n))
        return DC_ERR_NOMEM;
    sun_parts p = {m, &site, k->erbs, m->eng.crew ? 8 * (dc_crew_extra(m->eng.crew) + 1) : 1, 0};
    if (m->eng.crew) dc_crew_run(m->eng.crew, sun_part, &p);
    else sun_part(&p);
    dc_cache_sun_put(m->cache, k, &m->weather, &m->sun);
    return DC_OK;
}

/* Stored energy of each site before the first step; a kept bus's sites
 * keep theirs (its stores stand at the year's end). */
static void starting_levels(dc_model *m)
{
    dc_engine *e = &m->eng;
    for (int k = 0; k < e->n_sites; k++)
        if (!e->bus[e->site[k].bus].kept) m->level0[k] = 0.0;
    for (int r = 0; r < e->n_inst; r++) {
        const dc_instance *in = &e->inst[r];
        if (in->type->level && in->site >= 0 && !e->bus[in->bus].kept) m->level0[in->site] += in->type->level(in->state);
    }
}

void dc_model_records_changed(dc_model *m)
{
    m->tc->town_fresh = 0;
    m->tc->records++;
}

static void restart(dc_model *m)
{
    dc_model_records_changed(m);
    dc_engine_reset(&m->eng);
    starting_levels(m);
    m->step = 0;
    m->year_done = 0;
}

/* Moves the start of bus b's cyclic stores to where the year left them;
 * how far they moved [kWh], or -1 when it has none. */
static double cycle_bus(dc_model *m, int b)
{
    double moved = -1.0;
    for (int k = 0; k < m->eng.bus[b].n_res; k++) {
        const dc_instance *in = &m->eng.inst[m->eng.bus[b].res[k]];
        double d = in->type->cycle ? in->type->cycle(in->state) : -1.0;
        if (d >= 0) moved = (moved < 0 ? 0.0 : moved) + d;
    }
    return moved;
}

/* One bus's cyclic start: its year run until its stores' start stops
 * moving; a failure keeps the bus's error. */
static void cycle_job(dc_engine *e, int b, void *arg)
{
    dc_model *m = arg;
    dc_bus_cycle *c = &m->cyc[b];
    int failed;
    c->failed = 0;
    for (int pass = 0; c->any && pass < MAX_CYCLIC_PASSES; pass++) {
        if (dc_engine_run_bus(e, b, &failed)) {
            c->failed = 1;
            return;
        }
        c->gap_kwh = cycle_bus(m, b);
        c->passes = pass + 1;
        dc_engine_reset_bus(e, b);
        if (c->gap_kwh <= 1e-9) break;
    }
}

/* Stores that start the year where they end: each bus's year is run on
 * its own until their start stops moving (rule-based dispatch forgets its
 * start once a store has been full or empty: two or three passes). Buses
 * share nothing, so a bus's start does not depend on the others (and
 * buses are settled side by side); a kept bus keeps what it found. */
static dc_status find_cyclic_start(dc_model *m, dc_diag *diag)
{
    dc_engine *e = &m->eng;
    int n = 0;
    for (int a = 0; a < e->n_active_buses; a++) {
        int b = e->active_buses[a];
        if (e->bus[b].kept) continue;
        m->cyc[b] = (dc_bus_cycle){cycle_bus(m, b) >= 0, 0, 0.0, 0}; /* before any step nothing moves */
        if (m->cyc[b].any) e->work[n++] = b;
    }
    dc_engine_each_bus(e, e->work, n, 1, cycle_job, m);
    for (int a = 0; a < n; a++)
        if (m->cyc[e->work[a]].failed) {
            dc_diag_add(diag, m->s->file, 0, 0, NULL, "%s", e->bus[e->work[a]].error);
            return DC_ERR_BALANCE;
        }
    m->cyclic = m->cyclic_passes = 0;
    m->cyclic_gap_kwh = 0.0;
    for (int b = 0; b < e->n_buses; b++) {
        m->cyclic |= m->cyc[b].any;
        m->cyclic_passes = m->cyc[b].passes > m->cyclic_passes ? m->cyc[b].passes : m->cyclic_passes;
        m->cyclic_gap_kwh += m->cyc[b].gap_kwh;
    }
    return DC_OK;
}

/* Back to the start of the year, the stores' cyclic start found; the
 * survival scan waits for the real run (the passes would each scan). */
static dc_status start_year(dc_model *m, dc_diag *diag)
{
    restart(m);
    m->scan_ready = 0;
    dc_status st = find_cyclic_start(m, diag);
    m->scan_ready = 1;
    restart(m); /* the levels the found start gives */
    return st;
}

/* Months are contiguous on the axis: totals walk only their steps. They
 * start at midnight, and a day's steps (1440 / step_minutes, a divisor
 * of 60) are a multiple of 24: the months' blocks (partials.h) are whole. */
static void periods(dc_model *m)
{
    _Static_assert(24 % DC_BLOCK_STEPS == 0, "a day is whole blocks");
    for (int k = 0; k <= 12; k++) m->period_first[k] = m->ta.n, m->period_last[k] = -1;
    m->period_first[0] = 0, m->period_last[0] = m->ta.n - 1;
    for (int i = 0; i < m->ta.n; i++) {
        int k = m->ta.t[i].month;
        if (i < m->period_first[k]) m->period_first[k] = i;
        m->period_last[k] = i;
    }
}

dc_status dc_model_create(const dc_scenario *s, const dc_inputs *in, dc_model **out, dc_diag *diag)
{
    return dc_model_create_on(s, in, NULL, 1, out, diag);
}

dc_status dc_model_create_cached(const dc_scenario *s, const dc_inputs *in, dc_cache *cache, dc_model **out,
                                 dc_diag *diag)
{
    return dc_model_create_on(s, in, cache, 1, out, diag);
}

dc_status dc_model_create_on(const dc_scenario *s, const dc_inputs *in, dc_cache *cache, int threads,
                             dc_model **out, dc_diag *diag)
{
    if (!out) return DC_ERR_ARG;
    *out = NULL;
    if (!s || !in || threads < 1) return DC_ERR_ARG;
    if (!dc_scenario_ready(s, diag)) return DC_ERR_STATE;
    dc_model *m = calloc(1, sizeof *m);
    if (!m) return DC_ERR_NOMEM;
    dc_status st = DC_ERR_NOMEM;
    m->eng.threads = threads < DC_MAX_THREADS ? threads : DC_MAX_THREADS;
    if (m->eng.threads > 1) m->eng.crew = dc_crew_create(m->eng.threads - 1); /* NULL: all on this thread */
    m->s = dc_scenario_copy(s);
    if (m->s && dc_timeaxis_init_with(&m->ta, s->year, s->fiscal, s->step_minutes * 60, &in->holidays) == 0) {
        m->step_h = dc_timeaxis_hours(&m->ta);
        periods(m);
        dc_registry_init(&m->reg, m->ta.n);
        m->cache = cache;
        m->keyed = cache != NULL;
        m->sun_key = sun_key_of(s, &in->weather, &m->ta, m->keyed);
        st = build_sun(m, s, &in->weather, diag);
    }
    if (st == DC_OK) st = dc_model_build(m, in, diag);
    m->cache = NULL; /* the caller's: not kept past create */
    if (st == DC_OK) st = start_year(m, diag);
    if (st != DC_OK) {
        dc_model_destroy(&m);
        return st;
    }
    *out = m;
    return DC_OK;
}

typedef struct {
    dc_model *m;
    int max_steps;
    atomic_int nomem;
} scan_job;

/* One bus's survival hours, into each of its sites' series. */
static void survive_job(dc_engine *e, int b, void *arg)
{
    scan_job *job = arg;
    const dc_bus *bus = &e->bus[b];
    double *hours = NULL;
    for (int k = 0; k < bus->n_sites && !hours; k++) hours = job->m->survival[bus->sites[k]];
    if (dc_engine_survival(e, b, job->max_steps, hours)) {
        atomic_store(&job->nomem, 1);
        return;
    }
    for (int k = 0; k < bus->n_sites; k++) {
        double *h = job->m->survival[bus->sites[k]];
        if (h && h != hours) memcpy(h, hours, (size_t)e->n_steps * sizeof *h);
    }
}

/* Survival from every start hour, bus by bus (side by side), into its
 * sites' series; a kept bus's hours stand. */
static dc_status survival_scan(dc_model *m)
{
    dc_engine *e = &m->eng;
    scan_job job = {m, (int)(m->s->resilience.max_hours / m->step_h + 0.5), 0};
    int n = 0;
    for (int b = 0; b < e->n_buses; b++) {
        const dc_bus *bus = &e->bus[b];
        int scanned = 0;
        for (int k = 0; k < bus->n_sites; k++) scanned |= m->survival[bus->sites[k]] != NULL;
        if (!bus->kept && scanned) e->work[n++] = b;
    }
    dc_engine_each_bus(e, e->work, n, 1, survive_job, &job);
    return atomic_load(&job.nomem) ? DC_ERR_NOMEM : DC_OK;
}

/* Steps up to `last` (exclusive); after a failure, the model stands past
 * the failed step. The year's last step ends with the survival scan. */
static dc_status advance(dc_model *m, int last)
{
    int failed;
    dc_model_records_changed(m);
    m->sets_pending = 0;
    if (dc_engine_run(&m->eng, m->step, last, &failed)) {
        m->step = failed + 1;
        m->year_done = 0;
        return DC_ERR_BALANCE;
    }
    m->step = last;
    m->year_done = m->step == m->ta.n;
    if (m->step == m->ta.n && m->scan_ready && m->survival) return survival_scan(m);
    return DC_OK;
}

dc_status dc_model_step(dc_model *m)
{
    if (!m) return DC_ERR_ARG;
    if (m->step >= m->ta.n) return DC_ERR_STATE;
    return advance(m, m->step + 1);
}

dc_status dc_model_run(dc_model *m)
{
    if (!m) return DC_ERR_ARG;
    return m->step < m->ta.n ? advance(m, m->ta.n) : DC_OK;
}

/* Which buses keep their year when bus `changed` is set in place: after a
 * finished year every other bus; after keys set in place since one, every
 * bus those sets did not change either; else (or changed = -1) none. */
static int keep_buses_but(dc_model *m, int changed)
{
    int after_year = changed >= 0 && m->year_done, after_sets = changed >= 0 && m->sets_pending;
    for (int b = 0; b < m->eng.n_buses; b++) {
        dc_bus *bus = &m->eng.bus[b];
        bus->kept = after_year ? b != changed : after_sets && bus->kept && b != changed;
    }
    return after_year || after_sets;
}

dc_status dc_model_set_threads(dc_model *m, int n)
{
    if (!m || n < 1) return DC_ERR_ARG;
    m->eng.threads = n < DC_MAX_THREADS ? n : DC_MAX_THREADS;
    return DC_OK;
}

dc_status dc_model_reset(dc_model *m)
{
    if (!m) return DC_ERR_ARG;
    keep_buses_but(m, -1);
    m->sets_pending = 0;
    restart(m);
    return DC_OK;
}

/* The copy after one key of a valid scenario was set on it: the checks
 * that key's value can fail (a sweep's case ran every check of the
 * scenario, and that was a twentieth of a battery sweep's time). */
static dc_status revalidate(dc_scenario *copy, const char *assignment, dc_diag *diag)
{
    char key[256];
    int item;
    snprintf(key, sizeof key, "%.*s", (int)strcspn(assignment, "="), assignment);
    const dc_param *p = dc_scenario_key_param(copy, key, &item);
    if (!p) return dc_scenario_validate(copy, diag);
    copy->validated = dc_validate_after_set(copy, p, item, diag) == 0;
    return copy->validated ? DC_OK : DC_ERR_SCENARIO;
}

/* Sets the assignment on a copy first, then on the model's own scenario.
 * The copy is kept: after a set that holds on both it is the scenario
 * again, so a sweep's next case does not copy every list; after one that
 * does not, it is dropped and copied afresh the next time. The model's
 * scenario is valid (a model is made of a valid one, and only sets that
 * hold reach it), so the copy is checked for the one key. */
static dc_status set_checked(dc_model *m, const char *assignment, dc_diag *diag)
{
    if (!m->trial) m->trial = dc_scenario_copy(m->s);
    dc_status st = m->trial ? dc_scenario_set(m->trial, assignment, diag) : DC_ERR_NOMEM;
    if (st == DC_OK) st = revalidate(m->trial, assignment, diag);
    if (st == DC_OK) st = dc_scenario_set(m->s, assignment, diag);
    if (st != DC_OK) dc_scenario_destroy(&m->trial);
    if (st == DC_OK) m->s->validated = 1; /* the trial's check holds: the same scenario, and dc_validate only reads */
    return st;
}

dc_status dc_model_set_accounting(dc_model *m, const char *assignment, dc_diag *diag)
{
    if (!m || !assignment) return DC_ERR_ARG;
    char key[256];
    snprintf(key, sizeof key, "%.*s", (int)strcspn(assignment, "="), assignment);
    if (dc_scenario_key_scope(m->s, key) != DC_SCOPE_ACCOUNTING) {
        dc_diag_add(diag, "--set", 0, 0, key, "%s", "more than the accounting reads this key: it needs a new model");
        return DC_ERR_ARG;
    }
    return set_checked(m, assignment, diag); /* on a copy first: instances keep pointers into m->s */
}

/* The binding that can retune key's item in place, or NULL. */
static const dc_binding *retunable(const dc_model *m, const char *key, int *item)
{
    const dc_param *p = dc_scenario_key_param(m->s, key, item);
    int scope = p ? dc_param_scope(p) : -1;
    if (scope != DC_SCOPE_DISPATCH && scope != DC_SCOPE_PROFILES) return NULL;
    for (int j = 0; j < dc_n_bindings; j++) {
        const dc_binding *b = &dc_bindings[j];
        if (b->section != (int)p->section || !b->retune) continue;
        for (int k = 0; b->fixed && b->fixed[k]; k++)
            if (!strcmp(p->key, b->fixed[k])) return NULL; /* how it is wired: the topology */
        return b;
    }
    return NULL;
}

/* Retunes the item's instance of binding b from the model's scenario. A
 * profile's new output changes its site's sums and the passive buses' year. */
static dc_status retune(dc_model *m, dc_cache *cache, const dc_binding *b, int item, dc_diag *diag)
{
    dc_build_env env = {m->s, NULL, &m->topo, &m->ta, &m->weather, &m->sun, m->step_h, NULL, &m->pool, diag,
                        m->keyed ? cache : NULL, &m->sun_key, 0};
    dc_instance *in = &m->eng.inst[m->inst_of[b->section][item]];
    dc_status st = b->retune(in->state, &env, item);
    if (st != DC_OK) return st;
    in->grid_forming = in->type->forms_grid && in->type->forms_grid(in->state);
    if (b->type->role != DC_ROLE_PROFILE) return DC_OK;
    dc_model_sum_profiles(m, in->site);
    dc_engine_profiles_changed(&m->eng, in->site);
    dc_model_records_changed(m);
    return DC_OK;
}

int dc_model_can_set(const dc_model *m, const char *key)
{
    int item;
    if (!m || !key) return 0;
    return dc_scenario_key_scope(m->s, key) == DC_SCOPE_ACCOUNTING || retunable(m, key, &item) != NULL;
}

dc_status dc_model_set(dc_model *m, const char *assignment, dc_diag *diag)
{
    return dc_model_set_cached(m, NULL, assignment, diag);
}

dc_status dc_model_set_cached(dc_model *m, dc_cache *cache, const char *assignment, dc_diag *diag)
{
    if (!m || !assignment) return DC_ERR_ARG;
    char key[256];
    snprintf(key, sizeof key, "%.*s", (int)strcspn(assignment, "="), assignment);
    if (dc_scenario_key_scope(m->s, key) == DC_SCOPE_ACCOUNTING) return dc_model_set_accounting(m, assignment, diag);
    int item;
    const dc_binding *bind = retunable(m, key, &item);
    if (!bind && dc_scenario_key_scope(m->s, key) < 0) return set_checked(m, assignment, diag); /* says why */
    if (!bind) {
        dc_diag_add(diag, "--set", 0, 0, key, "%s", "changes more than one resource's own parameters: it needs a new model");
        return DC_ERR_ARG;
    }
    dc_status st = set_checked(m, assignment, diag);
    if (st != DC_OK) return st;
    int kept = keep_buses_but(m, m->eng.inst[m->inst_of[bind->section][item]].bus); /* the others' years stand */
    st = retune(m, cache, bind, item, diag);
    if (st == DC_OK) st = start_year(m, diag);
    if (st != DC_OK) kept = keep_buses_but(m, -1);
    m->sets_pending = kept;
    return st;
}

const char *dc_model_error(const dc_model *m) { return m ? m->eng.error : ""; }
const dc_scenario *dc_model_scenario(const dc_model *m) { return m ? m->s : NULL; }

int dc_model_time(const dc_model *m, size_t i, dc_time *out)
{
    if (!m || !out || i >= (size_t)m->ta.n) return -1;
    const dc_stamp *t = &m->ta.t[i];
    *out = (dc_time){t->year, t->month, t->day, t->hour, t->minute, t->weekday, t->offday};
    return 0;
}
size_t dc_model_steps(const dc_model *m) { return m ? (size_t)m->ta.n : 0; }
size_t dc_model_steps_done(const dc_model *m) { return m ? (size_t)m->step : 0; }
double dc_model_step_hours(const dc_model *m) { return m ? m->step_h : 0; }

size_t dc_model_series_count(const dc_model *m) { return m ? (size_t)m->reg.n : 0; }

int dc_model_series_get(const dc_model *m, size_t i, dc_series_info *out)
{
    if (!m || !out || i >= (size_t)m->reg.n) return -1;
    const dc_series *s = &m->reg.s[i];
    *out = (dc_series_info){s->name, s->kind, s->owner, s->quantity, s->unit, s->help,
                            s->site >= 0 ? m->eng.site[s->site].name : "", s->level, s->agg, s->detail};
    return 0;
}

/* A battery's records a run left to later (the battery kernel), worked
 * out when one of them is first read. */
static void battery_records_current(const dc_model *m, const double *v)
{
    for (int k = 0; k < m->s->list[S_BATTERIES].n; k++) {
        int r = m->inst_of[S_BATTERIES][k];
        battery_state *b = r >= 0 ? m->eng.inst[r].state : NULL;
        if (!b || (v != b->charge && v != b->discharge && v != b->stored && v != b->losses && v != b->drawdown &&
                   v != b->cycles))
            continue;
        pthread_mutex_lock(&m->tc->lock); /* the model is not const: only this accessor is */
        dc_battery_records(b);
        pthread_mutex_unlock(&m->tc->lock);
    }
}

const double *dc_model_current(const dc_model *m, const double *v)
{
    battery_records_current(m, v);
    for (int k = 0; k < F_COUNT; k++) {
        if (v != m->eng.town[k] || k == F_DEMAND || k == F_PV) continue; /* demand and PV are kept */
        pthread_mutex_lock(&m->tc->lock);
        if (!(m->tc->town_fresh & 1u << k)) {
            dc_engine_town((dc_engine *)&m->eng, k); /* the model is not const: only this accessor is */
            m->tc->town_fresh |= 1u << k;
        }
        pthread_mutex_unlock(&m->tc->lock);
    }
    return v;
}

const double *dc_model_series_at(const dc_model *m, size_t i)
{
    return m && i < (size_t)m->reg.n ? dc_model_current(m, m->reg.s[i].v) : NULL;
}

const double *dc_model_series(const dc_model *m, const char *name)
{
    if (!m || !name) return NULL;
    const dc_series *s = dc_registry_find(&m->reg, name);
    char full[4 * DC_NAME_MAX];
    if (!s && !strncmp(name, "pv:", 3) && !strchr(name + 3, ':')) { /* "pv:NAME": its AC output */
        snprintf(full, sizeof full, "%s:ac", name);
        s = dc_registry_find(&m->reg, full);
    }
    if (!s && !strncmp(name, "load:", 5) && !strchr(name + 5, ':')) {
        snprintf(full, sizeof full, "%s:demand", name);
        s = dc_registry_find(&m->reg, full);
    }
    return s ? dc_model_current(m, s->v) : NULL;
}

void dc_model_destroy(dc_model **pm)
{
    if (!pm || !*pm) return;
    dc_model *m = *pm;
    if (m->tc && m->tc->ready) pthread_mutex_destroy(&m->tc->lock);
    dc_crew_destroy(&m->eng.crew);
    for (int r = 0; r < m->eng.n_inst; r++) /* what a state holds besides its bytes */
        if (m->eng.inst && m->eng.inst[r].state && m->eng.inst[r].type->destroy)
            m->eng.inst[r].type->destroy(m->eng.inst[r].state);
    dc_registry_free(&m->reg);
    dc_topology_free(&m->topo);
    dc_pool_free(&m->pool);
    dc_sun_free(&m->sun);
    dc_ephem_free(&m->ephem);
    dc_weather_free(&m->weather);
    dc_timeaxis_free(&m->ta);
    dc_scenario_destroy(&m->s);
    dc_scenario_destroy(&m->trial);
    free(m);
    *pm = NULL;
}
