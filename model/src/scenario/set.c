/* --set key=value overrides, with the same table and checks as the file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "params.h"

static int find_item(const dc_scenario *s, dc_psection sec, const char *ref)
{
    char *end;
    long idx = strtol(ref, &end, 10);
    if (end != ref && *end == '\0') return idx >= 0 && idx < s->list[sec].n ? (int)idx : -1;
    return dc_list_find(s, sec, ref);
}

/* Split "sec[ref].key", "sec.ref.key", "sec.key" or "key"; aliases name
 * their item ("battery.energy_kwh" is batteries.battery.energy_kwh). */
static const dc_param *resolve(const dc_scenario *s, char *path, int *item, char *err, size_t n)
{
    *item = 0;
    size_t sec_len = strcspn(path, ".[");
    if (!path[sec_len]) return dc_param_find(S_TOP, path);
    char open = path[sec_len];
    path[sec_len] = '\0';
    const char *alias_item;
    int sec = dc_section_lookup(path, &alias_item);
    if (sec < 0) return NULL;
    char *rest = path + sec_len + 1;
    if (dc_section_is_list(sec)) {
        const char *ref = alias_item;
        if (!ref) {
            char *close = strpbrk(rest, open == '[' ? "]" : ".");
            if (!close) return NULL;
            *close = '\0';
            ref = rest;
            rest = close + 1;
            if (*rest == '.') rest++;
        }
        *item = find_item(s, sec, ref);
        if (*item < 0) {
            int used = snprintf(err, n, "no item '%s' in %s (", ref, dc_sections[sec].name);
            for (int i = 0; i < s->list[sec].n && used > 0 && (size_t)used < n; i++)
                used += snprintf(err + used, n - (size_t)used, "%s%s", i ? ", " : "", (const char *)dc_list_item(s, sec, i));
            if (used > 0 && (size_t)used < n)
                snprintf(err + used, n - (size_t)used, "%s)", s->list[sec].n ? "" : "it has none");
            return NULL;
        }
    }
    return dc_param_find(sec, rest);
}

/* "unknown key", with the closest key of its section when there is one. */
static void unknown(const char *key, char *err, size_t n)
{
    const char *dot = strrchr(key, '.'), *last = dot ? dot + 1 : key, *alias;
    char section[128] = "";
    if (dot) snprintf(section, sizeof section, "%.*s", (int)strcspn(key, ".["), key);
    int sec = dot ? dc_section_lookup(section, &alias) : S_TOP;
    const char *hint = sec >= 0 ? dc_param_suggest(sec, last) : NULL;
    snprintf(err, n, "unknown key%s%s%s (see `decarb params%s%s`)", hint ? " (did you mean '" : "", hint ? hint : "",
             hint ? "'?)" : "", sec > 0 ? " " : "", sec > 0 ? dc_sections[sec].name : "");
}

/* A key set on the command line counts as given, and its messages say
 * --set, not a line of the file (-1). */
static void mark_given(dc_scenario *s, const dc_param *p, int item)
{
    size_t row = (size_t)(p - dc_params);
    dc_pos *slot = dc_section_is_list(p->section) ? &dc_item_pos(s, p->section, item)[DC_POS_KEYS + row]
                                                  : &s->key_pos[row];
    *slot = (dc_pos){-1, 0};
}

dc_status dc_scenario_set(dc_scenario *s, const char *assignment, dc_diag *diag)
{
    if (!s || !assignment) return DC_ERR_ARG;
    char path[256], key[256], err[DC_PATH_MAX + 128] = "";
    const char *eq = strchr(assignment, '=');
    if (!eq || eq == assignment || (size_t)(eq - assignment) >= sizeof path) {
        dc_diag_add(diag, "--set", 0, 0, assignment, "expected key=value");
        return DC_ERR_ARG;
    }
    snprintf(path, sizeof path, "%.*s", (int)(eq - assignment), assignment);
    snprintf(key, sizeof key, "%s", path);
    int item;
    const dc_param *p = resolve(s, path, &item, err, sizeof err);
    if (!p) {
        if (!err[0]) unknown(key, err, sizeof err);
        dc_diag_add(diag, "--set", 0, 0, key, "%s", err);
        return DC_ERR_ARG;
    }
    /* Relative paths given on the command line are relative to the caller. */
    if (dc_param_parse(p, s, item, eq + 1, NULL, err, sizeof err)) {
        dc_diag_add(diag, "--set", 0, 0, key, "%s", err);
        return DC_ERR_ARG;
    }
    mark_given(s, p, item);
    s->validated = 0;
    return DC_OK;
}

static int has_prefix(const char *s, const char *p) { return strncmp(s, p, strlen(p)) == 0; }

/* What a change of p makes stale, from what dc_inputs_load reads (files,
 * the year and step, sites' suppliers, GHG statistics, plant and cost
 * defaults, load shapes) and what the model builds (sun and PV). */
static int scope_of(const dc_param *p)
{
    const char *k = p->key;
    if (p->type == P_PATH) return DC_SCOPE_INPUTS;
    switch (p->section) {
    case S_PV:
        if (!strcmp(k, "mounting") || has_prefix(k, "capex") || has_prefix(k, "opex") || has_prefix(k, "lifetime") ||
            has_prefix(k, "subsidy"))
            return DC_SCOPE_INPUTS;
        return DC_SCOPE_PROFILES;
    case S_BATTERIES:
        if (has_prefix(k, "capex") || has_prefix(k, "opex") || has_prefix(k, "lifetime") || has_prefix(k, "subsidy"))
            return DC_SCOPE_INPUTS;
        return DC_SCOPE_DISPATCH;
    case S_LEADING: return !strcmp(k, "area") ? DC_SCOPE_INPUTS : DC_SCOPE_ACCOUNTING;
    case S_EVS:
    case S_OUTAGES:
    case S_DISPATCH:
    case S_RESILIENCE:
    case S_WIRES: return DC_SCOPE_DISPATCH;
    default: return DC_SCOPE_INPUTS; /* top level, weather, location, grid, GHG, loads, sites, plants */
    }
}

int dc_param_scope(const dc_param *p) { return scope_of(p); }

const char *dc_param_scope_name(const dc_param *p)
{
    static const char *const NAMES[] = {"accounting", "dispatch", "profiles", "inputs"};
    return NAMES[scope_of(p)];
}

const dc_param *dc_scenario_key_param(const dc_scenario *s, const char *key, int *item)
{
    char path[256], err[DC_PATH_MAX + 128];
    if (!s || !key || snprintf(path, sizeof path, "%s", key) >= (int)sizeof path) return NULL;
    return resolve(s, path, item, err, sizeof err);
}

int dc_scenario_key_scope(const dc_scenario *s, const char *key)
{
    int item;
    const dc_param *p = dc_scenario_key_param(s, key, &item);
    return p ? scope_of(p) : -1;
}
