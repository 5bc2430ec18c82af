/* Many runs of one base scenario, each with some keys set: the base is
 * read once, its inputs once unless a key changes what they read, and the
 * caller's cache gives the profiles a case leaves as they were. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decarb.h"

struct dc_runner {
    dc_scenario *base;
    dc_inputs *shared; /* NULL when each run reads its own */
};

dc_status dc_runner_create(const char *base_path, const char *const *keys, size_t n_keys, dc_runner **out,
                           dc_diag *diag)
{
    return dc_runner_create_set(base_path, NULL, 0, keys, n_keys, out, diag);
}

dc_status dc_runner_create_set(const char *base_path, const char *const *sets, size_t n_sets, const char *const *keys,
                               size_t n_keys, dc_runner **out, dc_diag *diag)
{
    if (!out) return DC_ERR_ARG;
    *out = NULL;
    if (!base_path || (n_keys && !keys) || (n_sets && !sets)) return DC_ERR_ARG;
    dc_runner *r = calloc(1, sizeof *r);
    if (!r) return DC_ERR_NOMEM;
    dc_status st = dc_scenario_load(base_path, &r->base, diag);
    for (size_t k = 0; st == DC_OK && k < n_sets; k++) st = dc_scenario_set(r->base, sets[k], diag);
    if (st == DC_OK) st = dc_scenario_validate(r->base, diag);
    int reload = 0;
    for (size_t k = 0; st == DC_OK && k < n_keys; k++) {
        int scope = dc_scenario_key_scope(r->base, keys[k]);
        if (scope < 0) st = DC_ERR_ARG;
        reload |= scope == DC_SCOPE_INPUTS;
    }
    if (st == DC_OK && !reload) st = dc_inputs_load(r->base, &r->shared, diag);
    if (st != DC_OK) dc_runner_destroy(&r);
    *out = r;
    return st;
}

dc_status dc_runner_for_sweep(const dc_sweep *w, dc_runner **out, dc_diag *diag)
{
    if (!out) return DC_ERR_ARG;
    *out = NULL;
    if (!w) return DC_ERR_ARG;
    enum { MOST = 16, SET_LEN = 2048 }; /* a key, "=", and a value or a path beside the sweep file */
    const char *keys[MOST], *sets[MOST];
    size_t n = dc_sweep_axes(w) < MOST ? dc_sweep_axes(w) : MOST, n_sets = dc_sweep_sets(w) < MOST ? dc_sweep_sets(w) : MOST;
    char *text = malloc(MOST * SET_LEN);
    if (!text) return DC_ERR_NOMEM;
    for (size_t a = 0; a < n; a++) keys[a] = dc_sweep_axis_key(w, a);
    for (size_t k = 0; k < n_sets; k++) sets[k] = dc_sweep_set(w, k, text + k * SET_LEN, SET_LEN);
    dc_status st = dc_runner_create_set(dc_sweep_base(w), sets, n_sets, keys, n, out, diag);
    free(text);
    return st;
}

void dc_runner_destroy(dc_runner **r)
{
    if (!r || !*r) return;
    dc_inputs_destroy(&(*r)->shared);
    dc_scenario_destroy(&(*r)->base);
    free(*r);
    *r = NULL;
}

const dc_scenario *dc_runner_base(const dc_runner *r) { return r ? r->base : NULL; }

dc_status dc_runner_run(const dc_runner *r, dc_cache *cache, const char *const *assignments, size_t n,
                        dc_model **out, dc_diag *diag)
{
    if (!out) return DC_ERR_ARG;
    *out = NULL;
    if (!r || (n && !assignments)) return DC_ERR_ARG;
    dc_scenario *s = dc_scenario_clone(r->base);
    dc_inputs *own = NULL;
    dc_status st = s ? DC_OK : DC_ERR_NOMEM;
    for (size_t k = 0; st == DC_OK && k < n; k++) st = dc_scenario_set(s, assignments[k], diag);
    if (st == DC_OK) st = dc_scenario_validate(s, diag);
    if (st == DC_OK && !r->shared) st = dc_inputs_load(s, &own, diag);
    if (st == DC_OK) st = dc_model_create_cached(s, r->shared ? r->shared : own, cache, out, diag);
    if (st == DC_OK) st = dc_model_run(*out);
    /* The model keeps its own scenario; inputs are read only while it is made. */
    dc_inputs_destroy(&own);
    dc_scenario_destroy(&s);
    return st;
}

/* Whether the model run with `before` can take every changed key in place. */
static int can_reuse(const dc_model *m, const char *const *before, const char *const *after, size_t n)
{
    if (!m || !before) return 0;
    for (size_t k = 0; k < n; k++) {
        size_t len = strcspn(after[k], "=");
        char key[256];
        snprintf(key, sizeof key, "%.*s", (int)len, after[k]);
        if (strcmp(before[k], after[k]) && (strncmp(before[k], after[k], len + 1) || !dc_model_can_set(m, key)))
            return 0;
    }
    return 1;
}

dc_status dc_runner_rerun(const dc_runner *r, dc_cache *cache, const char *const *before,
                          const char *const *after, size_t n, dc_model **m, dc_diag *diag)
{
    if (!m || !r || (n && !after)) return DC_ERR_ARG;
    dc_status st = DC_OK;
    int reuse = can_reuse(*m, before, after, n);
    for (size_t k = 0; reuse && st == DC_OK && k < n; k++)
        if (strcmp(before[k], after[k])) st = dc_model_set_cached(*m, cache, after[k], diag);
    if (reuse && st == DC_OK) st = dc_model_run(*m);
    if (reuse && st == DC_OK) return DC_OK;
    dc_model_destroy(m);
    return dc_runner_run(r, cache, after, n, m, diag);
}
