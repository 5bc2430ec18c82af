/* --set key=value overrides, with the same table and checks as the file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "params.h"

static int find_item(const dc_scenario *s, dc_psection sec, const char *ref)
{
    int n = sec == S_PV ? s->n_pv : s->n_loads;
    char *end;
    long idx = strtol(ref, &end, 10);
    if (end != ref && *end == '\0') return idx >= 0 && idx < n ? (int)idx : -1;
    for (int i = 0; i < n; i++)
        if (strcmp(sec == S_PV ? s->pv[i].name : s->loads[i].name, ref) == 0) return i;
    return -1;
}

/* Split "sec[ref].key", "sec.ref.key", "sec.key" or "key". */
static const dc_param *resolve(const dc_scenario *s, char *path, int *item, char *err, size_t n)
{
    *item = 0;
    char *dot = strchr(path, '.'), *bracket = strchr(path, '[');
    if (!dot && !bracket) return dc_param_find(S_TOP, path);
    size_t sec_len = bracket && (!dot || bracket < dot) ? (size_t)(bracket - path) : (size_t)(dot - path);
    int sec = -1;
    for (int k = 1; k < S_COUNT; k++)
        if (strlen(dc_section_names[k]) == sec_len && !strncmp(path, dc_section_names[k], sec_len)) sec = k;
    if (sec < 0) return NULL;
    char *rest = path + sec_len + 1;
    if (dc_section_is_list(sec)) {
        char *close = strpbrk(rest, path[sec_len] == '[' ? "]" : ".");
        if (!close) return NULL;
        *close = '\0';
        *item = find_item(s, sec, rest);
        if (*item < 0) {
            snprintf(err, n, "no item '%s' in %s", rest, dc_section_names[sec]);
            return NULL;
        }
        rest = close + 1;
        if (*rest == '.') rest++;
    }
    return dc_param_find(sec, rest);
}

dc_status dc_scenario_set(dc_scenario *s, const char *assignment, dc_diag *diag)
{
    char path[256], err[DC_PATH_MAX + 128] = "";
    const char *eq = strchr(assignment, '=');
    if (!eq || eq == assignment || (size_t)(eq - assignment) >= sizeof path) {
        dc_diag_add(diag, "--set", 0, 0, assignment, "expected key=value");
        return DC_ERR_ARG;
    }
    snprintf(path, sizeof path, "%.*s", (int)(eq - assignment), assignment);
    char key[256];
    snprintf(key, sizeof key, "%s", path);
    int item;
    const dc_param *p = resolve(s, path, &item, err, sizeof err);
    if (!p) {
        dc_diag_add(diag, "--set", 0, 0, key, "%s", err[0] ? err : "unknown key (see `decarb params`)");
        return DC_ERR_ARG;
    }
    /* Relative paths given on the command line are relative to the caller. */
    if (dc_param_parse(p, s, item, eq + 1, NULL, err, sizeof err)) {
        dc_diag_add(diag, "--set", 0, 0, key, "%s", err);
        return DC_ERR_ARG;
    }
    return DC_OK;
}
