#include "validate.h"

#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "params.h"

typedef struct {
    const dc_scenario *s;
    dc_diag *diag;
    int errors;
} checker;

static void bad(checker *c, int line, const char *field, const char *msg)
{
    c->errors++;
    dc_diag_add(c->diag, c->s->file, line, line ? 1 : 0, field, "%s", msg);
}

/* Line of a section-level key in the file, 0 when it took its default. */
static int line_of(const dc_scenario *s, dc_psection sec, const char *key)
{
    const dc_param *p = dc_param_find(sec, key);
    return p ? s->key_line[p - dc_params] : 0;
}

static void check_top(checker *c)
{
    const dc_scenario *s = c->s;
    if (60 % s->step_minutes != 0) bad(c, line_of(s, S_TOP, "step_minutes"), "step_minutes", "must divide 60 (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 or 60)");
    if (!s->name[0] || strchr(s->name, '/') || s->name[0] == '.')
        bad(c, line_of(s, S_TOP, "name"), "name", "must be non-empty, without '/' and not start with '.' (it names the output folder)");
}

static void check_battery(checker *c)
{
    const dc_scenario *s = c->s;
    const dc_battery_params *b = &s->battery;
    if (b->energy_kwh <= 0) return;
    if (b->power_kw <= 0)
        bad(c, line_of(s, S_BATTERY, "energy_kwh"), "battery.power_kw", "a battery with energy_kwh > 0 needs power_kw > 0");
    if (b->soc_min_pct >= b->soc_max_pct)
        bad(c, line_of(s, S_BATTERY, "soc_min_pct"), "battery.soc_min_pct", "must be below soc_max_pct");
    else if (b->soc_initial_pct < b->soc_min_pct || b->soc_initial_pct > b->soc_max_pct)
        bad(c, line_of(s, S_BATTERY, "soc_initial_pct"), "battery.soc_initial_pct",
            "must lie between soc_min_pct and soc_max_pct");
}

static void check_pv(checker *c)
{
    const dc_scenario *s = c->s;
    char field[96];
    for (int i = 0; i < s->n_pv; i++) {
        const dc_pv_params *p = &s->pv[i];
        int model;
        dc_thermal th;
        snprintf(field, sizeof field, "pv_arrays[%d].temperature_model", i);
        if (dc_thermal_preset(p->mounting, p->temp_model, &model, &th))
            bad(c, s->pv_line[i], field, "SAPM has no published coefficients for floating arrays; use faiman or auto");
        for (int j = 0; j < i; j++)
            if (strcmp(p->name, s->pv[j].name) == 0) {
                snprintf(field, sizeof field, "pv_arrays[%d].name", i);
                bad(c, s->pv_line[i], field, "name already used by another array");
            }
    }
}

static void check_loads(checker *c)
{
    const dc_scenario *s = c->s;
    char field[96];
    for (int i = 0; i < s->n_loads; i++) {
        const dc_load_params *p = &s->loads[i];
        if (p->annual_kwh <= 0 && !p->profile_file[0]) {
            snprintf(field, sizeof field, "loads[%d].annual_kwh", i);
            bad(c, s->load_line[i], field, "give annual_kwh > 0, or a profile_file");
        }
        for (int j = 0; j < i; j++)
            if (strcmp(p->name, s->loads[j].name) == 0) {
                snprintf(field, sizeof field, "loads[%d].name", i);
                bad(c, s->load_line[i], field, "name already used by another load");
            }
    }
}

static void check_ghg(checker *c)
{
    const dc_scenario *s = c->s;
    const char *m = s->ghg.municipality;
    if (!s->ghg.statistics_dir[0]) return;
    if (strlen(m) != 5 || strspn(m, "0123456789") != 5)
        bad(c, line_of(s, S_GHG, "municipality"), "ghg.municipality",
            "give the 5-digit municipal code (e.g. 08236) when ghg.statistics_dir is set");
    for (int k = 0; k < s->ghg.n_years; k++)
        if (s->ghg.years[k] == s->ghg.base_year)
            bad(c, line_of(s, S_GHG, "years"), "ghg.years", "repeats the base year");
}

int dc_validate(const dc_scenario *s, dc_diag *diag)
{
    checker c = {s, diag, 0};
    check_ghg(&c);
    check_top(&c);
    check_battery(&c);
    check_pv(&c);
    check_loads(&c);
    return c.errors;
}

dc_status dc_scenario_validate(const dc_scenario *s, dc_diag *diag)
{
    return dc_validate(s, diag) ? DC_ERR_SCENARIO : DC_OK;
}
