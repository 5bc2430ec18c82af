#include "validate.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "dayrules_in.h"
#include "diag.h"
#include "elec_factors.h"
#include "params.h"
#include "outages.h"
#include "plants.h"
#include "pv.h"
#include "topology.h"

typedef struct {
    const dc_scenario *s;
    dc_diag *diag;
    int errors;
} checker;

/* Count and report an error at the key's place in the file. */
#define fail(ctx, ...) ((ctx)->errors++, dc_scenario_error((ctx)->s, (ctx)->diag, __VA_ARGS__))


int dc_folder_name_ok(const char *name)
{
    int control = 0;
    for (const unsigned char *ch = (const unsigned char *)name; *ch; ch++) control |= *ch < 0x20 || *ch == 0x7f;
    return name[0] && !strchr(name, '/') && name[0] != '.' && !control;
}

static void check_top(checker *c)
{
    const dc_scenario *s = c->s;
    if (60 % s->step_minutes != 0)
        fail(c, S_TOP, 0, "step_minutes", "must divide 60 (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 or 60)");
    if (!dc_folder_name_ok(s->name)) fail(c, S_TOP, 0, "name", DC_FOLDER_NAME_RULE);
}

/* Names are unique within each list, and across every dispatchable list
 * (orders name them), where they may not be a type name either. */
static void check_names(checker *c)
{
    const dc_scenario *s = c->s;
    for (int sec = 0; sec < S_COUNT; sec++)
        for (int i = 0; dc_section_is_list(sec) && i < s->list[sec].n; i++) {
            const char *name = dc_list_item(s, sec, i);
            int first = dc_list_find(s, sec, name);
            if (first != i) fail(c, sec, i, "name", "name already used by %s[%d]", dc_sections[sec].name, first);
            if (!dc_sections[sec].dispatchable) continue;
            if (!strcmp(name, "grid")) fail(c, sec, i, "name", "'grid' names the grid in dispatch orders");
            for (int other = 0; other < S_COUNT; other++) {
                if (!dc_sections[other].dispatchable) continue;
                /* a lone battery may be called "battery": type and item mean the same */
                int alone = other == sec && s->list[sec].n == 1;
                if (!strcmp(name, dc_sections[other].kind) && !alone)
                    fail(c, sec, i, "name", "'%s' names a type in dispatch orders; give each %s its own name", name,
                        dc_sections[sec].kind);
                if (other != sec && dc_list_find(s, other, name) >= 0)
                    fail(c, sec, i, "name", "name already used in %s", dc_sections[other].name);
            }
        }
}

static void check_batteries(checker *c)
{
    const dc_scenario *s = c->s;
    for (int i = 0; i < s->list[S_BATTERIES].n; i++) {
        const dc_battery_params *b = &DC_CITEMS(s, S_BATTERIES, dc_battery_item)[i].b;
        if (b->energy_kwh <= 0) continue;
        if (b->power_kw <= 0) fail(c, S_BATTERIES, i, "power_kw", "a battery with energy_kwh > 0 needs power_kw > 0");
        if (b->soc_min_pct >= b->soc_max_pct) fail(c, S_BATTERIES, i, "soc_min_pct", "must be below soc_max_pct");
        else if (b->soc_initial_pct < b->soc_min_pct || b->soc_initial_pct > b->soc_max_pct)
            fail(c, S_BATTERIES, i, "soc_initial_pct", "must lie between soc_min_pct and soc_max_pct");
    }
}

static void check_pv(checker *c)
{
    const dc_scenario *s = c->s;
    for (int i = 0; i < s->list[S_PV].n; i++) {
        const dc_pv_params *p = &DC_CITEMS(s, S_PV, dc_pv_item)[i].pv;
        int model;
        dc_thermal th;
        int rc = dc_thermal_for(p, &model, &th);
        if (rc == -1)
            fail(c, S_PV, i, "temperature_model", "SAPM has no published coefficients for floating arrays; use faiman or auto");
        else if (rc == -2)
            fail(c, S_PV, i, "temperature_model", "SAPM does not use heat_loss, heat_loss_uc or heat_loss_uv; "
                 "use faiman or auto, or drop them");
        if (p->install_year > s->year)
            fail(c, S_PV, i, "install_year", "%d is after the scenario year %d: the array is not there yet",
                 p->install_year, s->year);
        if ((p->azimuth_deg < 90 || p->azimuth_deg > 270) && p->tilt_deg > 5)
            dc_scenario_warn(s, c->diag, S_PV, i, "azimuth_deg",
                             "%g deg faces north: decarb counts clockwise from north, 180 = south "
                             "(some sheets write 真南 = 0)", p->azimuth_deg);
    }
}

/* A percent typed as a fraction (0.922 for 92.2 %) is a common slip. */
static void check_percent_value(checker *c, const dc_param *p, int item)
{
    double v = *(const double *)dc_param_cptr(p, c->s, item);
    if (!(v > 0 && v < 1) || !dc_param_given(c->s, p->section, item, p->key)) return;
    if (p->flags & P_WHOLE_PCT)
        fail(c, p->section, item, p->key, "%g %% looks like a fraction: write %g for %g %%", v, v * 100, v * 100);
    else
        dc_scenario_warn(c->s, c->diag, p->section, item, p->key,
                         "%g %% is below 1 %%: if you meant %g %%, write %g", v, v * 100, v * 100);
}

static void check_percents(checker *c)
{
    for (size_t k = 0; k < dc_n_params; k++) {
        const dc_param *p = &dc_params[k];
        if (p->type != P_NUMBER || !p->unit || strcmp(p->unit, "%")) continue;
        int n = dc_section_is_list(p->section) ? c->s->list[p->section].n : 1;
        for (int i = 0; i < n; i++) check_percent_value(c, p, i);
    }
}

static void check_loads(checker *c)
{
    const dc_scenario *s = c->s;
    for (int i = 0; i < s->list[S_LOADS].n; i++) {
        const dc_load_item *p = &DC_CITEMS(s, S_LOADS, dc_load_item)[i];
        if (p->annual_kwh <= 0 && !p->profile_file[0])
            fail(c, S_LOADS, i, "annual_kwh", "give annual_kwh > 0, or a profile_file");
        if (p->profile_file[0] && (p->cooling_kw_per_k > 0 || p->heating_kw_per_k > 0))
            fail(c, S_LOADS, i, p->cooling_kw_per_k > 0 ? "cooling_kw_per_k" : "heating_kw_per_k",
                 "a measured profile already carries the weather's effect; the temperature response is for shapes");
        if (p->cooling_kw_per_k > 0 && p->heating_kw_per_k > 0 && p->heating_base_c > p->cooling_base_c)
            fail(c, S_LOADS, i, "heating_base_c", "%g degC is above cooling_base_c %g degC: the load would heat and "
                 "cool at once", p->heating_base_c, p->cooling_base_c);
    }
}

/* Loads of sector household, commercial or public in the area (a load's
 * own tag, else its site's). */
static int minsei_loads_in(const dc_scenario *s, const char *area)
{
    int n = 0;
    for (int i = 0; i < s->list[S_LOADS].n; i++) {
        const dc_load_item *l = &DC_CITEMS(s, S_LOADS, dc_load_item)[i];
        const char *tag = l->area;
        for (int k = 0; !*tag && k < s->list[S_SITES].n; k++) {
            const dc_site_item *site = &DC_CITEMS(s, S_SITES, dc_site_item)[k];
            if (!strcmp(site->name, l->site)) tag = site->area;
        }
        int minsei = l->sector == DC_SECTOR_HOUSEHOLD || l->sector == DC_SECTOR_COMMERCIAL ||
                     l->sector == DC_SECTOR_PUBLIC;
        n += minsei && !strcmp(tag, area);
    }
    return n;
}

/* The target area exists, its year is the simulated one, and no array is
 * both sold under FIT and a PPA. */
static void check_leading(checker *c)
{
    const dc_scenario *s = c->s;
    for (int i = 0; i < s->list[S_PV].n; i++) {
        const dc_pv_item *p = &DC_CITEMS(s, S_PV, dc_pv_item)[i];
        if (p->fit && p->contract != DC_CONTRACT_OWNED)
            fail(c, S_PV, i, "fit", "an array sold under FIT cannot also be a PPA (contract: %s%s): FIT output is the "
                 "grid's, a PPA's the buyer's; set contract: owned", p->contract == DC_CONTRACT_ONSITE_PPA ?
                 "onsite_ppa" : "offsite_ppa", p->contract == DC_CONTRACT_ONSITE_PPA ? ", the default" : "");
    }
    const char *area = s->leading.area;
    if (!area[0]) return;
    int carried = 0;
    for (int i = 0; i < s->list[S_SITES].n; i++) carried += !strcmp(DC_CITEMS(s, S_SITES, dc_site_item)[i].area, area);
    for (int i = 0; i < s->list[S_LOADS].n; i++) carried += !strcmp(DC_CITEMS(s, S_LOADS, dc_load_item)[i].area, area);
    if (!carried)
        fail(c, S_LEADING, 0, "area", "no site or load carries area '%s' (give sites[].area: %s)", area, area);
    else if (!minsei_loads_in(s, area))
        fail(c, S_LEADING, 0, "area", "area '%s' has no household, commercial or public load: the net-zero table "
             "counts only those", area);
    if (s->leading.year && s->leading.year != s->year)
        fail(c, S_LEADING, 0, "year", "%d is not the year the scenario simulates (%s%d): set year: %d, or leave "
             "this out", s->leading.year, s->fiscal ? "FY" : "", s->year, s->leading.year);
}

/* A factor between 0 and 0.01 kg-CO2/kWh is a t-CO2/kWh value typed
 * without its unit (the Ministry's list prints t-CO2/kWh). */
static void check_factor(checker *c, dc_psection sec, int item, const char *key, double v)
{
    if (v > 0 && v < DC_EF_PLAUSIBLE_MIN)
        fail(c, sec, item, key, "%g kg-CO2/kWh is too low for a supplier's factor: the Ministry's list prints "
             "t-CO2/kWh, so write '%g t-CO2/kWh' (0 is taken as a zero-emission menu)", v, v);
}

static void check_grid(checker *c)
{
    const dc_scenario *s = c->s;
    const dc_grid_params *g = &s->grid;
    if (isnan(g->emission_factor_kg_per_kwh) && !g->supplier[0])
        fail(c, S_GRID, 0, "emission_factor_kg_per_kwh",
             "missing required key: give the factor, or grid.supplier to take it from the factors table");
    if (!isnan(g->emission_factor_kg_per_kwh) && g->supplier[0])
        fail(c, S_GRID, 0, "supplier", "give emission_factor_kg_per_kwh or supplier, not both");
    if (g->menu[0] && !g->supplier[0]) fail(c, S_GRID, 0, "menu", "a menu needs its supplier (grid.supplier)");
    check_factor(c, S_GRID, 0, "emission_factor_kg_per_kwh", g->emission_factor_kg_per_kwh);
    for (int i = 0; i < s->list[S_SITES].n; i++) {
        const dc_site_item *it = &DC_CITEMS(s, S_SITES, dc_site_item)[i];
        check_factor(c, S_SITES, i, "emission_factor_kg_per_kwh", it->emission_factor_kg_per_kwh);
        if (!isnan(it->emission_factor_kg_per_kwh) && it->supplier[0])
            fail(c, S_SITES, i, "supplier", "give emission_factor_kg_per_kwh or supplier, not both");
        if (it->menu[0] && !it->supplier[0] && !g->supplier[0])
            fail(c, S_SITES, i, "menu", "a menu needs its supplier (sites[].supplier or grid.supplier)");
    }
}

static void check_targets(checker *c)
{
    const dc_scenario *s = c->s;
    if (s->ghg.n_target_years != s->ghg.n_target_pct)
        fail(c, S_GHG, 0, "target_reduction_pct", "%d value(s) for %d target year(s): give one per target_years "
             "entry", s->ghg.n_target_pct, s->ghg.n_target_years);
    for (int k = 0; k < s->ghg.n_target_years; k++) {
        if (s->ghg.target_years[k] <= s->ghg.base_year)
            fail(c, S_GHG, 0, "target_years", "FY%d is not after the base year FY%d", s->ghg.target_years[k],
                 s->ghg.base_year);
        for (int j = 0; j < k; j++)
            if (s->ghg.target_years[j] == s->ghg.target_years[k])
                fail(c, S_GHG, 0, "target_years", "FY%d given twice", s->ghg.target_years[k]);
    }
}

static void check_ghg(checker *c)
{
    const dc_scenario *s = c->s;
    const char *m = s->ghg.municipality;
    if (!s->ghg.statistics_dir[0] && !s->ghg.karte_file[0]) return;
    if (s->ghg.statistics_dir[0] && (strlen(m) != 5 || strspn(m, "0123456789") != 5))
        fail(c, S_GHG, 0, "municipality", "give the 5-digit municipal code (e.g. 08236) when ghg.statistics_dir is set");
    for (int k = 0; k < s->ghg.n_years; k++)
        if (s->ghg.years[k] == s->ghg.base_year) fail(c, S_GHG, 0, "years", "repeats the base year");
    check_factor(c, S_GHG, 0, "statistics_factor_kg_per_kwh", s->ghg.statistics_factor_kg_per_kwh);
    check_targets(c);
}

int dc_validate(const dc_scenario *s, dc_diag *diag)
{
    checker c = {s, diag, 0};
    check_ghg(&c);
    check_grid(&c);
    check_top(&c);
    check_names(&c);
    check_batteries(&c);
    check_pv(&c);
    check_loads(&c);
    check_leading(&c);
    check_percents(&c);
    c.errors += dc_validate_plants(s, diag);
    c.errors += dc_validate_fleets_outages(s, diag);
    c.errors += dc_validate_day_rules(s, diag);
    dc_topology t;
    c.errors += dc_topology_build(s, &t, diag);
    dc_topology_free(&t);
    return c.errors;
}

/* A number of one battery or one PV array is read by its own section's
 * checks and by the percent check; every other check reads their names,
 * sites, contracts and buyers (text) or other sections, and holds as it
 * held. */
int dc_validate_reads_only_own(const dc_param *p)
{
    return (p->section == S_BATTERIES || p->section == S_PV) && (p->type == P_NUMBER || p->type == P_INTEGER);
}

int dc_validate_after_set(const dc_scenario *s, const dc_param *p, int item, dc_diag *diag)
{
    if (!dc_validate_reads_only_own(p)) return dc_validate(s, diag);
    checker c = {s, diag, 0};
    if (p->section == S_BATTERIES) check_batteries(&c);
    else check_pv(&c);
    if (p->unit && !strcmp(p->unit, "%")) check_percent_value(&c, p, item);
    return c.errors;
}

dc_status dc_scenario_validate(dc_scenario *s, dc_diag *diag)
{
    if (!s) return DC_ERR_ARG;
    s->validated = dc_validate(s, diag) == 0;
    return s->validated ? DC_OK : DC_ERR_SCENARIO;
}

int dc_scenario_ready(const dc_scenario *s, dc_diag *diag)
{
    if (s->validated) return 1;
    dc_diag_add(diag, s->file, 0, 0, NULL, "the scenario was changed (dc_scenario_set) and not validated since: "
                                           "call dc_scenario_validate first");
    return 0;
}
